//! `policy.md`: the school's policy as markdown, with front matter and a clause id on every block.
//!
//! Headings carry their id as a heading attribute (`## 5. Staff {#5}`); paragraphs and list
//! items start with it (`{#5.6} 5.6. Members of staff …`). This module finds every clause, its
//! id, position and plain text, and reports blocks without an id, malformed and duplicate ids.

use super::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Deserialize;
use std::collections::HashMap;
use std::ops::Range;

/// The markdown extensions policies use; the same set renders them.
pub const MARKDOWN_OPTIONS: Options =
    Options::ENABLE_TABLES.union(Options::ENABLE_HEADING_ATTRIBUTES).union(Options::ENABLE_STRIKETHROUGH);

/// The front matter between the `+++` lines.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The document's title as the school gives it.
    pub title: String,
    /// One sentence for the school's home page.
    #[serde(default)]
    pub summary: Option<String>,
    /// Notes on the text as received, shown above it: numbering that differs from the
    /// school's, a contents list that names a section the body lacks, sentences cut short.
    #[serde(default)]
    pub notes: Vec<String>,
}

/// What kind of block a clause is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClauseKind {
    /// A heading of the given level (2 for `##`).
    Heading(u8),
    /// A paragraph.
    Paragraph,
    /// A list item.
    Item,
}

/// One clause: a heading, paragraph or list item with its id.
#[derive(Clone, Debug)]
pub struct Clause {
    /// The clause id, unique in the document.
    pub id: String,
    /// Heading, paragraph or item.
    pub kind: ClauseKind,
    /// Plain text without markup or the id marker.
    pub text: String,
    /// The id of the nearest heading above (the clause itself for headings).
    pub section: Option<String>,
    /// Byte range of the block in `policy.md`.
    pub range: Range<usize>,
    /// Byte offset of its `{#id}` marker in `policy.md`.
    pub id_at: usize,
}

/// A parsed `policy.md`.
#[derive(Clone, Debug)]
pub struct Document {
    /// The front matter.
    pub front: FrontMatter,
    /// The markdown after the front matter.
    pub body: String,
    /// Where the body starts in the file, in bytes.
    pub body_offset: usize,
    /// Every clause in document order.
    pub clauses: Vec<Clause>,
}

impl Document {
    /// The clause with id `id`.
    pub fn clause(&self, id: &str) -> Option<&Clause> {
        self.clauses.iter().find(|c| c.id == id)
    }

    /// The heading clause a clause sits under, if any.
    pub fn section_of(&self, clause: &Clause) -> Option<&Clause> {
        clause.section.as_deref().and_then(|id| self.clause(id))
    }

    /// The clause's number as people read it, shown beside the clause on the policy page and
    /// cited by the checker: `7.9(b)` for `7.9.b` under "7. Data protection principles";
    /// under a heading without a number of its own, the number within it (`3(a)` for
    /// `3.conduct.3.a` under "Staff conduct", `4` for `staff.personal-accounts.4`). Empty
    /// for such a heading itself.
    pub fn number(&self, clause: &Clause) -> String {
        let relative = match self.section_of(clause) {
            Some(heading) if heading_title(heading).0 => clause.id.as_str(),
            Some(heading) if heading.id == clause.id => "",
            Some(heading) => clause
                .id
                .strip_prefix(heading.id.as_str())
                .and_then(|rest| rest.strip_prefix('.'))
                .unwrap_or(&clause.id),
            None => clause.id.as_str(),
        };
        written_number(relative)
    }

    /// The clause in words people use: its section's title and its number, "Data protection
    /// principles, 7.9(b)", rather than its id (`7.9.b`, `appendix-3.5.a`).
    pub fn label(&self, clause: &Clause) -> String {
        let number = self.number(clause);
        match self.section_of(clause).map(|heading| heading_title(heading).1) {
            Some(title) if number.is_empty() => title.to_owned(),
            Some(title) => format!("{title}, {number}"),
            None => number,
        }
    }
}

/// Whether a part of a clause id is a number as policies write them: digits, a roman numeral
/// (`iv`) or a single letter.
fn is_number_part(part: &str) -> bool {
    !part.is_empty()
        && (part.bytes().all(|b| b.is_ascii_digit())
            || part.len() == 1 && part.bytes().all(|b| b.is_ascii_lowercase())
            || part.bytes().all(|b| b"ivxl".contains(&b)))
}

/// Whether a heading's text starts with its own number ("7. Data protection" for `7`, "4.1
/// Reputation" for `4.1`, "ii. Be honest:" for `5.ii`), and its title without that number or
/// a closing colon.
fn heading_title(heading: &Clause) -> (bool, &str) {
    let last = heading.id.rsplit('.').next().unwrap_or(&heading.id);
    for number in [heading.id.as_str(), last] {
        if let Some(rest) = heading.text.strip_prefix(number)
            && number.split('.').all(is_number_part)
            && rest.starts_with(['.', ')', ' '])
        {
            return (true, rest.trim_start_matches(['.', ')', ' ']).trim_end_matches([':', ' ']));
        }
    }
    (false, heading.text.trim_end_matches([':', ' ']))
}

/// A clause id's parts as a policy's number: digits joined by dots, then each letter or
/// numeral in brackets (`7.9.b` → `7.9(b)`, `5.ii.c` → `5(ii)(c)`).
fn written_number(id: &str) -> String {
    let mut number = String::with_capacity(id.len() + 4);
    let mut bracketed = false;
    for (i, part) in id.split('.').filter(|p| !p.is_empty()).enumerate() {
        let digits = part.bytes().all(|b| b.is_ascii_digit());
        if i == 0 {
            number.push_str(part);
        } else if digits && !bracketed {
            number.push('.');
            number.push_str(part);
        } else {
            bracketed = true;
            number.push('(');
            number.push_str(part);
            number.push(')');
        }
    }
    number
}

/// Whether `id` is a well-formed clause id: lowercase letters, digits, `.` and `-`,
/// starting with a letter or digit.
pub fn is_valid_clause_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
        && !id.ends_with(['.', '-'])
}

/// Splits `+++` front matter from the body. Returns the front matter's text, its offset,
/// and the body's offset.
fn split_front_matter(text: &str) -> Option<(&str, usize, usize)> {
    let rest = text.strip_prefix("+++")?;
    let rest_start = 3 + rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let after_fence = text[rest_start..].strip_prefix('\n').or_else(|| text[rest_start..].strip_prefix("\r\n"))?;
    let front_start = text.len() - after_fence.len();
    let mut offset = front_start;
    for line in after_fence.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Some((&text[front_start..offset], front_start, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

/// The id marker `{#id}` at the start of `text`, and the length it takes with following spaces.
pub fn leading_clause_id(text: &str) -> Option<(&str, usize)> {
    let inner = text.strip_prefix("{#")?;
    let close = inner.find('}')?;
    let id = &inner[..close];
    if id.contains(char::is_whitespace) {
        return None;
    }
    let after = &inner[close + 1..];
    let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
    Some((id, 2 + close + 1 + spaces))
}

/// Where a list item's content starts: after the marker (`-`, `*`, `+`, `1.`, `1)`) and spaces.
fn item_content_start(source: &str, item_start: usize) -> usize {
    let rest = &source[item_start..];
    let marker_len = if rest.starts_with(['-', '*', '+']) {
        1
    } else {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        digits + usize::from(rest[digits..].starts_with(['.', ')']))
    };
    let after = &rest[marker_len..];
    item_start + marker_len + (after.len() - after.trim_start_matches([' ', '\t']).len())
}

struct OpenBlock {
    kind: ClauseKind,
    id: Option<String>,
    range: Range<usize>,
    text: String,
}

/// Parses `policy.md`, adding a diagnostic for each problem. Returns `None` when the
/// front matter is missing or broken (nothing else can be trusted then).
pub fn parse(file: &SourceFile, diagnostics: &mut Diagnostics) -> Option<Document> {
    let text = file.text.as_str();
    let Some((front_text, front_offset, body_offset)) = split_front_matter(text) else {
        let message = if text.starts_with("+++") {
            "front matter is not closed: add a line `+++` after it"
        } else {
            "policy.md must start with front matter between `+++` lines, e.g. `+++` / `title = \"Social Media Policy\"` / `+++`"
        };
        diagnostics.push(Diagnostic::error(file, 0, message));
        return None;
    };
    let front: FrontMatter = match toml::from_str(front_text) {
        Ok(front) => front,
        Err(error) => {
            let at = front_offset + error.span().map_or(0, |s| s.start);
            diagnostics.push(Diagnostic::error(
                file,
                at,
                format!("front matter: {}", super::diagnostic::toml_message(&error)),
            ));
            return None;
        }
    };
    let body = &text[body_offset..];
    let clauses = collect_clauses(file, body, body_offset, diagnostics);
    Some(Document { front, body: body.to_owned(), body_offset, clauses })
}

fn collect_clauses(file: &SourceFile, body: &str, body_offset: usize, diagnostics: &mut Diagnostics) -> Vec<Clause> {
    let mut clauses: Vec<Clause> = Vec::new();
    let mut stack: Vec<OpenBlock> = Vec::new();
    let mut section: Option<String> = None;
    let mut claimed_starts: Vec<usize> = Vec::new();

    for (event, range) in Parser::new_ext(body, MARKDOWN_OPTIONS).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                stack.push(OpenBlock {
                    kind: ClauseKind::Heading(heading_number(level)),
                    id: id.map(|id| id.to_string()),
                    range,
                    text: String::new(),
                });
            }
            Event::Start(Tag::Paragraph) => {
                // A list item's first paragraph is the item itself, not a clause of its own.
                let inside_item_start = claimed_starts.last() == Some(&range.start);
                let id = leading_clause_id(&body[range.start..]).map(|(id, _)| id.to_owned());
                if inside_item_start {
                    stack.push(OpenBlock { kind: ClauseKind::Paragraph, id: None, range: 0..0, text: String::new() });
                } else {
                    stack.push(OpenBlock { kind: ClauseKind::Paragraph, id, range, text: String::new() });
                }
            }
            Event::Start(Tag::Item) => {
                let content = item_content_start(body, range.start);
                let id = leading_clause_id(&body[content..]).map(|(id, _)| id.to_owned());
                claimed_starts.push(content);
                stack.push(OpenBlock { kind: ClauseKind::Item, id, range, text: String::new() });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(open) = stack.last_mut() {
                    open.text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(open) = stack.last_mut() {
                    open.text.push(' ');
                }
            }
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item) => {
                let Some(open) = stack.pop() else { continue };
                if matches!(open.kind, ClauseKind::Item) {
                    claimed_starts.pop();
                }
                // The paragraph placeholder of an item: its text belongs to the item.
                if open.kind == ClauseKind::Paragraph && open.range == (0..0) {
                    if let Some(item) = stack.iter_mut().rev().find(|b| b.kind == ClauseKind::Item) {
                        item.text.push_str(&open.text);
                    }
                    continue;
                }
                finish_block(open, file, body, body_offset, &mut section, &mut clauses, diagnostics);
            }
            _ => {}
        }
    }

    let mut first_at: HashMap<&str, usize> = HashMap::new();
    for clause in &clauses {
        if let Some(&earlier) = first_at.get(clause.id.as_str()) {
            let line = file.line_col(earlier).0;
            diagnostics.push(Diagnostic::error(
                file,
                clause.id_at,
                format!("duplicate clause id `{}` (first used on line {line})", clause.id),
            ));
        } else {
            first_at.insert(&clause.id, clause.id_at);
        }
    }
    clauses
}

fn finish_block(
    open: OpenBlock,
    file: &SourceFile,
    body: &str,
    body_offset: usize,
    section: &mut Option<String>,
    clauses: &mut Vec<Clause>,
    diagnostics: &mut Diagnostics,
) {
    let block = &body[open.range.clone()];
    // Point problems at the id marker where there is one, else at the block.
    let at = body_offset + open.range.start + block.find("{#").unwrap_or(0);
    let mut text = open.text.trim().to_owned();
    if let Some((_, marker_len)) = leading_clause_id(&text) {
        text.drain(..marker_len);
    }
    let Some(id) = open.id else {
        let what = match open.kind {
            ClauseKind::Heading(_) => "heading has no clause id: end it with `{#id}`",
            ClauseKind::Paragraph => "paragraph has no clause id: start it with `{#id} `",
            ClauseKind::Item => "list item has no clause id: start it with `{#id} `",
        };
        diagnostics.push(Diagnostic::warning(file, at, what));
        return;
    };
    if !is_valid_clause_id(&id) {
        diagnostics.push(Diagnostic::error(
            file,
            at + 2,
            format!(
                "clause id `{id}` is malformed: use lowercase letters, digits, `.` and `-`, starting with a letter or digit"
            ),
        ));
        return;
    }
    if let ClauseKind::Heading(_) = open.kind {
        *section = Some(id.clone());
    }
    clauses.push(Clause {
        id,
        kind: open.kind,
        text,
        section: section.clone(),
        range: body_offset + open.range.start..body_offset + open.range.end,
        id_at: at,
    });
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> (Option<Document>, Diagnostics) {
        let file = SourceFile::new("policy.md", text.to_owned());
        let mut diagnostics = Diagnostics::default();
        let doc = parse(&file, &mut diagnostics);
        (doc, diagnostics)
    }

    #[test]
    fn finds_heading_paragraph_and_item_ids() {
        let (doc, diags) = parse_str(
            "+++\ntitle = \"T\"\n+++\n\n## 5. Staff {#5}\n\n{#5.1} 5.1. Staff must not.\n\n- {#5.1.a} First.\n- {#5.1.b} Second **bold**.\n  - {#5.1.b.i} Nested.\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let doc = doc.expect("parses");
        let ids: Vec<_> = doc.clauses.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["5", "5.1", "5.1.a", "5.1.b.i", "5.1.b"]);
        assert_eq!(doc.clause("5.1").map(|c| c.text.as_str()), Some("5.1. Staff must not."));
        assert_eq!(doc.clause("5.1.b").map(|c| c.text.as_str()), Some("Second bold."));
        assert_eq!(doc.clause("5.1.a").and_then(|c| c.section.as_deref()), Some("5"));
    }

    #[test]
    fn loose_list_items_are_one_clause() {
        let (doc, diags) = parse_str("+++\ntitle = \"T\"\n+++\n## H {#h}\n\n- {#a} One.\n\n- {#b} Two.\n");
        assert!(diags.is_empty(), "{diags:?}");
        let ids: Vec<_> = doc.expect("parses").clauses.iter().map(|c| c.id.clone()).collect();
        assert_eq!(ids, ["h", "a", "b"]);
    }

    #[test]
    fn reports_missing_malformed_and_duplicate_ids() {
        let (_, diags) =
            parse_str("+++\ntitle = \"T\"\n+++\n## H {#h}\n\nNo id here.\n\n{#Bad_Id} Text.\n\n{#h} Again.\n");
        let messages: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert!(
            messages.iter().any(|m| m.contains("policy.md:6:1: warning: paragraph has no clause id")),
            "{messages:?}"
        );
        assert!(messages.iter().any(|m| m.contains(":8:3: error: clause id `Bad_Id` is malformed")), "{messages:?}");
        assert!(
            messages.iter().any(|m| m.contains(":10:1: error: duplicate clause id `h` (first used on line 4)")),
            "{messages:?}"
        );
    }

    #[test]
    fn front_matter_problems_are_located() {
        let (doc, diags) = parse_str("## No front matter\n");
        assert!(doc.is_none());
        assert!(
            diags
                .iter()
                .any(|d| { d.to_string().starts_with("policy.md:1:1: error: policy.md must start with front matter") })
        );

        let (_, diags) = parse_str("+++\ntitle = \"T\"\n");
        assert!(diags.iter().any(|d| d.to_string().contains("front matter is not closed")));

        let (_, diags) = parse_str("+++\ntitle = T\n+++\n");
        assert!(diags.iter().any(|d| d.to_string().starts_with("policy.md:2:9: error: front matter:")), "{diags:?}");

        let (_, diags) = parse_str("+++\ntitel = \"T\"\n+++\n");
        assert!(diags.iter().any(|d| d.to_string().contains("unknown field `titel`")), "{diags:?}");
    }

    #[test]
    fn numbers_and_labels_read_as_the_policy_writes_them() {
        let (doc, diags) = parse_str(
            "+++\ntitle = \"T\"\n+++\n\
             ## Statement of intent {#intent}\n\n- {#intent.2.a} Encouraging.\n\n\
             ## 7. Data protection principles {#7}\n\n{#7.9} The school will:\n\n- {#7.9.b} Ensure.\n\n\
             ### Staff conduct {#7.conduct}\n\n- {#7.conduct.3.a} Not disrepute.\n\n\
             ### 4.1 Reputation {#4.1}\n\n- {#4.1.b.i} Privacy.\n\n\
             ### ii. Be honest: {#5.ii}\n\n- {#5.ii.c} True.\n\n\
             ## Personal accounts {#staff.personal-accounts}\n\n{#staff.personal-accounts.4} No address.\n\n\
             ## Appendix 3 – Agreement {#appendix-3}\n\n- {#appendix-3.5.a} Be respectful.\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let doc = doc.expect("parses");
        let labels: Vec<(String, String)> = doc.clauses.iter().map(|c| (doc.number(c), doc.label(c))).collect();
        let expected = [
            ("", "Statement of intent"),
            ("2(a)", "Statement of intent, 2(a)"),
            ("7", "Data protection principles, 7"),
            ("7.9", "Data protection principles, 7.9"),
            ("7.9(b)", "Data protection principles, 7.9(b)"),
            ("", "Staff conduct"),
            ("3(a)", "Staff conduct, 3(a)"),
            ("4.1", "Reputation, 4.1"),
            ("4.1(b)(i)", "Reputation, 4.1(b)(i)"),
            ("5(ii)", "Be honest, 5(ii)"),
            ("5(ii)(c)", "Be honest, 5(ii)(c)"),
            ("", "Personal accounts"),
            ("4", "Personal accounts, 4"),
            ("", "Appendix 3 – Agreement"),
            ("5(a)", "Appendix 3 – Agreement, 5(a)"),
        ];
        let expected: Vec<(String, String)> = expected.iter().map(|(n, l)| (n.to_string(), l.to_string())).collect();
        assert_eq!(labels, expected);
    }

    #[test]
    fn a_heading_that_starts_with_a_word_of_its_id_is_not_numbered() {
        let (doc, _) = parse_str("+++\ntitle = \"T\"\n+++\n## intent and aims {#intent}\n\n{#intent.1} One.\n");
        let doc = doc.expect("parses");
        let labels: Vec<String> = doc.clauses.iter().map(|c| doc.label(c)).collect();
        assert_eq!(labels, ["intent and aims", "intent and aims, 1"]);
    }

    #[test]
    fn clause_id_syntax() {
        for good in ["5", "5.6", "appendix-3.agree.2", "intent"] {
            assert!(is_valid_clause_id(good), "{good}");
        }
        for bad in ["", ".5", "5.", "A1", "a b", "a_b", "-x"] {
            assert!(!is_valid_clause_id(bad), "{bad}");
        }
    }
}
