//! A policy's markdown as HTML: every clause becomes an element whose `id` is the clause id,
//! with a small "§" link to itself, and the whole is sanitised so that raw HTML in a policy
//! file (a `<script>`, an `onerror=`, a `javascript:` link) never reaches a page.
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

/// The "§" link that follows a heading or starts a clause. The id is shown in print only
/// (`.clause-id`), where the link itself cannot be followed.
fn self_link(id: &str) -> String {
    format!(
        r##"<a class="clause-link" href="#{id}" aria-label="Link to clause {id}">§<span class="clause-id">{id}</span></a>"##
    )
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
    /// Start event index → clause id, for paragraphs and list items.
    ids: HashMap<usize, String>,
    /// Text event index → bytes of the `{#id} ` marker to drop.
    markers: HashMap<usize, usize>,
    /// Paragraphs that are the first block of an item carrying the id: rendered plain.
    item_paragraphs: HashSet<usize>,
}

fn find_anchors(events: &[Event<'_>]) -> Anchors {
    let mut anchors = Anchors::default();
    for (index, event) in events.iter().enumerate() {
        match event {
            // A tight item's text follows its start; a loose item's is in its first paragraph.
            Event::Start(Tag::Item) => {
                let (text_at, paragraph) = match events.get(index + 1) {
                    Some(Event::Start(Tag::Paragraph)) => (index + 2, Some(index + 1)),
                    _ => (index + 1, None),
                };
                if let Some((id, len)) = leading_id(events, text_at) {
                    anchors.ids.insert(index, id);
                    anchors.markers.insert(text_at, len);
                    anchors.item_paragraphs.extend(paragraph);
                }
            }
            Event::Start(Tag::Paragraph) if !anchors.item_paragraphs.contains(&index) => {
                if let Some((id, len)) = leading_id(events, index + 1) {
                    anchors.ids.insert(index, id);
                    anchors.markers.insert(index + 1, len);
                }
            }
            _ => {}
        }
    }
    anchors
}

/// Renders `markdown` to HTML with clause anchors, not yet sanitised.
fn render_unsanitised(markdown: &str) -> String {
    let events: Vec<Event<'_>> = TextMergeStream::new(Parser::new_ext(markdown, MARKDOWN_OPTIONS)).collect();
    let anchors = find_anchors(&events);
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len() + anchors.ids.len());
    let mut open_headings: Vec<Option<String>> = Vec::new();
    for (index, event) in events.into_iter().enumerate() {
        match event {
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Item) if anchors.ids.contains_key(&index) => {
                let id = &anchors.ids[&index];
                let tag = if matches!(event, Event::Start(Tag::Paragraph)) { "p" } else { "li" };
                out.push(Event::Html(CowStr::from(format!("<{tag} id=\"{id}\">{} ", self_link(id)))));
            }
            Event::Start(Tag::Heading { ref id, .. }) => {
                open_headings.push(id.as_deref().filter(|id| is_valid_clause_id(id)).map(str::to_owned));
                out.push(event);
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(Some(id)) = open_headings.pop() {
                    out.push(Event::Html(CowStr::from(format!(" {}", self_link(&id)))));
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
pub fn render_policy(markdown: &str) -> String {
    sanitiser().clean(&render_unsanitised(markdown)).to_string()
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

    #[test]
    fn headings_paragraphs_and_items_get_their_clause_ids() {
        let html = render_policy(
            "## 5. Staff {#5}\n\n{#5.6} 5.6. Staff **must not** friend pupils.\n\n- {#5.6.a} Tight item.\n  - {#5.6.a.i} Nested.\n",
        );
        assert!(
            html.contains(r##"<h2 id="5">5. Staff <a class="clause-link" href="#5" aria-label="Link to clause 5">"##),
            "{html}"
        );
        assert!(html.contains(r##"<p id="5.6"><a class="clause-link" href="#5.6""##), "{html}");
        assert!(html.contains("</a> 5.6. Staff <strong>must not</strong> friend pupils.</p>"), "{html}");
        assert!(html.contains(r##"<li id="5.6.a"><a class="clause-link" href="#5.6.a""##), "{html}");
        assert!(html.contains(r##"<li id="5.6.a.i">"##), "{html}");
        assert!(!html.contains("{#"), "markers must be stripped: {html}");
    }

    #[test]
    fn a_loose_item_is_one_clause_not_an_item_and_a_paragraph() {
        let html = render_policy("- {#a} One.\n\n- {#b} Two.\n");
        assert!(html.contains(r##"<li id="a">"##), "{html}");
        assert!(html.contains(r##"<li id="b">"##), "{html}");
        assert_eq!(html.matches(" id=").count(), 2, "{html}");
        assert!(!html.contains("{#"), "{html}");
    }

    #[test]
    fn raw_html_and_script_links_come_out_inert() {
        let html = render_policy(
            "{#a} Text <img src=x onerror=alert(1)> and [x](javascript:alert(1)).\n\n<script>alert(1)</script>\n\n<p onclick=\"alert(1)\" class=\"clause-link evil\" style=\"color:red\">hi</p>\n",
        );
        for bad in ["<script", "onerror", "javascript:", "onclick", "style=", "alert(1)", "evil", "<img"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains(r##"<p id="a">"##), "{html}");
    }

    #[test]
    fn web_links_survive() {
        let html = render_policy("{#a} See [guidance](https://www.gov.uk/x).\n");
        assert!(html.contains(r##"<a href="https://www.gov.uk/x">guidance</a>"##), "{html}");
    }

    #[test]
    fn table_of_contents_nests_level_three_under_level_two() {
        let file = crate::policy::diagnostic::SourceFile::new(
            "policy.md",
            "+++\ntitle = \"T\"\n+++\n## A {#a}\n\n### A1 {#a1}\n\n{#p} Text.\n\n## B {#b}\n".to_owned(),
        );
        let mut diagnostics = crate::policy::diagnostic::Diagnostics::default();
        let document = crate::policy::document::parse(&file, &mut diagnostics).expect("parses");
        let toc = table_of_contents(&document);
        let shape: Vec<(&str, Vec<&str>)> =
            toc.iter().map(|e| (e.id.as_str(), e.children.iter().map(|c| c.id.as_str()).collect())).collect();
        assert_eq!(shape, [("a", vec!["a1"]), ("b", vec![])]);
    }
}
