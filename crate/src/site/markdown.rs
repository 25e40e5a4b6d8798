//! A policy's markdown as HTML: every clause becomes an element whose `id` is the clause id,
//! with a link to itself that shows its number ("7.9(b)", as findings cite it), and the whole
//! is sanitised so that raw HTML in a policy file (a `<script>`, an `onerror=`, a
//! `javascript:` link) never reaches a page.
//!
//! Ids come from the same markers the loader reads (`policy::document`): a heading's
//! `{#id}` attribute, and the `{#id}` that starts a paragraph or list item, which is removed
//! from the text here.

use crate::policy::document::{ClauseKind, Document, MARKDOWN_OPTIONS, is_valid_clause_id, leading_clause_id};
use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd, TextMergeStream};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// One entry of a policy's table of contents: a level-2 heading and the level-3 ones under it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// The heading's clause id, which is also its anchor.
    pub id: String,
    /// The heading's text.
    pub text: String,
    /// Level-3 headings under it.
    pub children: Vec<TocEntry>,
}

/// The link that starts a clause, or follows a heading. It shows the clause's number, so that
/// "7.9(b)" in a finding is found on the page, and its text is its whole accessible name
/// (WCAG 2.5.3). Where the number is written already (a heading "7. Data protection", a
/// paragraph "5.1. School media…") or there is none, it shows "§", with the number or id
/// after it for screen readers and print (`.clause-id`).
fn self_link(id: &str, number: &str, shown: bool) -> String {
    if shown {
        format!(r##"<a class="clause-link" href="#{id}">{number}</a>"##)
    } else {
        let named = if number.is_empty() { id } else { number };
        format!(r##"<a class="clause-link" href="#{id}">§<span class="clause-id"> {named}</span></a>"##)
    }
}

/// The clause id that starts the text event at `index`, and the marker's length.
fn leading_id(events: &[Event<'_>], index: usize) -> Option<(String, usize)> {
    match events.get(index) {
        Some(Event::Text(text)) => {
            leading_clause_id(text).filter(|(id, _)| is_valid_clause_id(id)).map(|(id, len)| (id.to_owned(), len))
        }
        _ => None,
    }
}

/// Which block starts get an id, and how much of which text events is the id marker.
#[derive(Default)]
struct Anchors {
    /// Start event index → clause id, and whether its text does not already start with its
    /// number, for paragraphs and list items.
    ids: HashMap<usize, (String, bool)>,
    /// Text event index → bytes of the `{#id} ` marker to drop.
    markers: HashMap<usize, usize>,
    /// Paragraphs that are the first block of an item carrying the id: rendered plain.
    item_paragraphs: HashSet<usize>,
}

/// Whether the text event at `index`, after its `len`-byte marker, does not start with `number`.
fn number_not_written(events: &[Event<'_>], index: usize, len: usize, number: &str) -> bool {
    let written = match events.get(index) {
        Some(Event::Text(text)) => text.get(len..).is_some_and(|rest| rest.starts_with(number)),
        _ => false,
    };
    !number.is_empty() && !written
}

fn find_anchors(events: &[Event<'_>], numbers: &HashMap<&str, String>) -> Anchors {
    let mut anchors = Anchors::default();
    let number = |id: &str| numbers.get(id).map_or("", String::as_str);
    for (index, event) in events.iter().enumerate() {
        match event {
            // A tight item's text follows its start; a loose item's is in its first paragraph.
            Event::Start(Tag::Item) => {
                let (text_at, paragraph) = match events.get(index + 1) {
                    Some(Event::Start(Tag::Paragraph)) => (index + 2, Some(index + 1)),
                    _ => (index + 1, None),
                };
                if let Some((id, len)) = leading_id(events, text_at) {
                    let shown = number_not_written(events, text_at, len, number(&id));
                    anchors.ids.insert(index, (id, shown));
                    anchors.markers.insert(text_at, len);
                    anchors.item_paragraphs.extend(paragraph);
                }
            }
            Event::Start(Tag::Paragraph) if !anchors.item_paragraphs.contains(&index) => {
                if let Some((id, len)) = leading_id(events, index + 1) {
                    let shown = number_not_written(events, index + 1, len, number(&id));
                    anchors.ids.insert(index, (id, shown));
                    anchors.markers.insert(index + 1, len);
                }
            }
            _ => {}
        }
    }
    anchors
}

/// Renders `markdown` to HTML with clause anchors, not yet sanitised. `numbers` gives each
/// clause id its number as people read it.
fn render_unsanitised(markdown: &str, numbers: &HashMap<&str, String>) -> String {
    let events: Vec<Event<'_>> = TextMergeStream::new(Parser::new_ext(markdown, MARKDOWN_OPTIONS)).collect();
    let anchors = find_anchors(&events, numbers);
    let number = |id: &str| numbers.get(id).map_or("", String::as_str);
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len() + anchors.ids.len());
    let mut open_headings: Vec<Option<String>> = Vec::new();
    for (index, event) in events.into_iter().enumerate() {
        match event {
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Item) if anchors.ids.contains_key(&index) => {
                let (id, shown) = &anchors.ids[&index];
                let tag = if matches!(event, Event::Start(Tag::Paragraph)) { "p" } else { "li" };
                let link = self_link(id, number(id), *shown);
                out.push(Event::Html(CowStr::from(format!("<{tag} id=\"{id}\">{link} "))));
            }
            Event::Start(Tag::Heading { ref id, .. }) => {
                open_headings.push(id.as_deref().filter(|id| is_valid_clause_id(id)).map(str::to_owned));
                out.push(event);
            }
            Event::End(TagEnd::Heading(_)) => {
                // A heading's number is in its text or it has none: "§" after it.
                if let Some(Some(id)) = open_headings.pop() {
                    out.push(Event::Html(CowStr::from(format!(" {}", self_link(&id, number(&id), false)))));
                }
                out.push(event);
            }
            Event::Text(text) if anchors.markers.contains_key(&index) => {
                let rest = &text[anchors.markers[&index]..];
                if !rest.is_empty() {
                    out.push(Event::Text(CowStr::from(rest.to_owned())));
                }
            }
            other => out.push(other),
        }
    }
    let mut html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    html
}

/// The sanitiser: the elements markdown produces for a policy, the clause ids and links,
/// and nothing else. Script and style elements are dropped with their contents.
fn sanitiser() -> ammonia::Builder<'static> {
    let set = |items: &[&'static str]| items.iter().copied().collect::<HashSet<&'static str>>();
    let tags = set(&[
        "p",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "strong",
        "em",
        "del",
        "a",
        "span",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "code",
        "pre",
        "blockquote",
        "hr",
        "br",
    ]);
    let with_id = ["p", "li", "h2", "h3", "h4", "h5", "h6"];
    let mut attributes: HashMap<&'static str, HashSet<&'static str>> =
        with_id.iter().map(|tag| (*tag, set(&["id"]))).collect();
    attributes.insert("a", set(&["href", "aria-label"]));
    attributes.insert("ol", set(&["start"]));
    let classes = HashMap::from([("a", set(&["clause-link"])), ("span", set(&["clause-id"]))]);
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(tags)
        .generic_attributes(HashSet::new())
        .tag_attributes(attributes)
        .allowed_classes(classes)
        .url_schemes(set(&["http", "https", "mailto", "tel"]))
        .url_relative(ammonia::UrlRelative::PassThrough)
        // Pages send no referrer (`<meta name="referrer">`) and open no new windows.
        .link_rel(None)
        .clean_content_tags(set(&["script", "style"]))
        .strip_comments(true);
    builder
}

/// Renders a policy's markdown body to sanitised HTML with an anchor per clause.
pub fn render_policy(document: &Document) -> String {
    let numbers: HashMap<&str, String> =
        document.clauses.iter().map(|clause| (clause.id.as_str(), document.number(clause))).collect();
    sanitiser().clean(&render_unsanitised(&document.body, &numbers)).to_string()
}

/// The table of contents: level-2 headings, each with the level-3 headings under it.
pub fn table_of_contents(document: &Document) -> Vec<TocEntry> {
    let mut toc: Vec<TocEntry> = Vec::new();
    for clause in &document.clauses {
        let entry = TocEntry { id: clause.id.clone(), text: clause.text.clone(), children: Vec::new() };
        match clause.kind {
            ClauseKind::Heading(2) => toc.push(entry),
            ClauseKind::Heading(3) => match toc.last_mut() {
                Some(parent) => parent.children.push(entry),
                None => toc.push(entry),
            },
            _ => {}
        }
    }
    toc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::diagnostic::{Diagnostics, SourceFile};

    fn document(markdown: &str) -> Document {
        let file = SourceFile::new("policy.md", format!("+++\ntitle = \"T\"\n+++\n{markdown}"));
        crate::policy::document::parse(&file, &mut Diagnostics::default()).expect("parses")
    }

    fn render(markdown: &str) -> String {
        render_policy(&document(markdown))
    }

    #[test]
    fn headings_paragraphs_and_items_get_their_clause_ids() {
        let html = render(
            "## 5. Staff {#5}\n\n{#5.6} 5.6. Staff **must not** friend pupils.\n\n- {#5.6.a} Tight item.\n  - {#5.6.a.i} Nested.\n",
        );
        assert!(
            html.contains(
                r##"<h2 id="5">5. Staff <a class="clause-link" href="#5">§<span class="clause-id"> 5</span></a>"##
            ),
            "{html}"
        );
        assert!(html.contains(r##"<p id="5.6"><a class="clause-link" href="#5.6">"##), "{html}");
        assert!(html.contains("</a> 5.6. Staff <strong>must not</strong> friend pupils.</p>"), "{html}");
        assert!(
            html.contains(r##"<li id="5.6.a"><a class="clause-link" href="#5.6.a">5.6(a)</a> Tight item."##),
            "{html}"
        );
        assert!(html.contains(r##"<li id="5.6.a.i"><a class="clause-link" href="#5.6.a.i">5.6(a)(i)</a>"##), "{html}");
        assert!(!html.contains("{#"), "markers must be stripped: {html}");
    }

    #[test]
    fn a_clause_whose_text_starts_with_its_number_is_not_numbered_twice() {
        let html = render("## 5. Staff {#5}\n\n{#5.1} 5.1. Passwords.\n\n{#5.2} Devices.\n");
        assert!(
            html.contains(
                r##"<a class="clause-link" href="#5.1">§<span class="clause-id"> 5.1</span></a> 5.1. Passwords."##
            ),
            "{html}"
        );
        assert!(html.contains(r##"<a class="clause-link" href="#5.2">5.2</a> Devices."##), "{html}");
    }

    #[test]
    fn a_loose_item_is_one_clause_not_an_item_and_a_paragraph() {
        let html = render("- {#a} One.\n\n- {#b} Two.\n");
        assert!(html.contains(r##"<li id="a">"##), "{html}");
        assert!(html.contains(r##"<li id="b">"##), "{html}");
        assert_eq!(html.matches(" id=").count(), 2, "{html}");
        assert!(!html.contains("{#"), "{html}");
    }

    #[test]
    fn raw_html_and_script_links_come_out_inert() {
        let html = render(
            "{#a} Text <img src=x onerror=alert(1)> and [x](javascript:alert(1)).\n\n<script>alert(1)</script>\n\n<p onclick=\"alert(1)\" class=\"clause-link evil\" style=\"color:red\">hi</p>\n",
        );
        for bad in ["<script", "onerror", "javascript:", "onclick", "style=", "alert(1)", "evil", "<img"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains(r##"<p id="a">"##), "{html}");
    }

    #[test]
    fn web_links_survive() {
        let html = render("{#a} See [guidance](https://www.gov.uk/x).\n");
        assert!(html.contains(r##"<a href="https://www.gov.uk/x">guidance</a>"##), "{html}");
    }

    #[test]
    fn table_of_contents_nests_level_three_under_level_two() {
        let toc = table_of_contents(&document("## A {#a}\n\n### A1 {#a1}\n\n{#p} Text.\n\n## B {#b}\n"));
        let shape: Vec<(&str, Vec<&str>)> =
            toc.iter().map(|e| (e.id.as_str(), e.children.iter().map(|c| c.id.as_str()).collect())).collect();
        assert_eq!(shape, [("a", vec!["a1"]), ("b", vec![])]);
    }
}
