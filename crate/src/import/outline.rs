//! Clause ids for every heading, paragraph and list item, by the scheme the hand-encoded
//! schools use: the school's own numbering where it has one (`5.6`, `4.1`, `5.iv`), else
//! `<heading>.<n>` for paragraphs, `<paragraph>.<letter>` for list items (`<item>.<roman>` one
//! list further in), and a short slug for unnumbered headings (`appendix-3`, `staff-conduct`).
//! Every id is unique: a clash gets `-2`, `-3`.

use super::blocks::{Block, label_id, letters, number_parts, roman};
use std::collections::{HashMap, HashSet};

/// What a clause is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum NodeKind {
    /// A heading: 1 is a section, 2 a subsection, 3 below.
    Heading(u8),
    /// A paragraph.
    Paragraph,
    /// A list item, `field` when it is a form's line to fill in.
    Item {
        /// 0 for the outermost list.
        depth: u8,
        /// A form's field.
        field: bool,
    },
    /// A table, which has no id.
    Table(Vec<Vec<String>>),
}

/// One clause (or table) with its id.
#[derive(Clone, Debug)]
pub(crate) struct Node {
    /// The clause id; empty for a table.
    pub(crate) id: String,
    /// Heading, paragraph, item or table.
    pub(crate) kind: NodeKind,
    /// The school's own number, kept in the text.
    pub(crate) label: Option<String>,
    /// Inline markdown.
    pub(crate) text: String,
    /// The clause it belongs to: a paragraph's heading, an item's lead-in or outer item.
    pub(crate) parent: Option<usize>,
}

/// The policy as clauses.
#[derive(Clone, Debug, Default)]
pub(crate) struct Outline {
    /// The document's title, if it gives one.
    pub(crate) title: Option<String>,
    /// Every clause and table in reading order.
    pub(crate) nodes: Vec<Node>,
}

impl Outline {
    /// The headings above node `at`, nearest first.
    pub(crate) fn headings_above(&self, at: usize) -> Vec<&Node> {
        let mut out = Vec::new();
        let mut next = self.nodes.get(at).and_then(|n| n.parent);
        while let Some(index) = next {
            let node = &self.nodes[index];
            if matches!(node.kind, NodeKind::Heading(_)) {
                out.push(node);
            }
            next = node.parent;
        }
        out
    }

    /// The index of the nearest heading above node `at`.
    pub(crate) fn heading_index_above(&self, at: usize) -> Option<usize> {
        let mut next = self.nodes.get(at).and_then(|n| n.parent);
        while let Some(index) = next {
            if matches!(self.nodes[index].kind, NodeKind::Heading(_)) {
                return Some(index);
            }
            next = self.nodes[index].parent;
        }
        None
    }

    /// The paragraphs and items above node `at` (lead-ins of its lists), nearest first.
    pub(crate) fn lead_ins(&self, at: usize) -> Vec<&Node> {
        let mut out = Vec::new();
        let mut next = self.nodes.get(at).and_then(|n| n.parent);
        while let Some(index) = next {
            let node = &self.nodes[index];
            if matches!(node.kind, NodeKind::Heading(_)) {
                break;
            }
            out.push(node);
            next = node.parent;
        }
        out
    }
}

/// Words left out of heading slugs.
const SLUG_STOP_WORDS: [&str; 16] =
    ["a", "an", "the", "of", "and", "for", "to", "in", "on", "with", "by", "at", "or", "our", "its", "their"];

/// A heading's words as an id part: `"Staff conduct"` → `staff-conduct`, at most three words.
pub(crate) fn slug(text: &str) -> String {
    let plain: String =
        text.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { ' ' }).collect();
    let words: Vec<&str> = plain.split_whitespace().filter(|w| !SLUG_STOP_WORDS.contains(w)).take(3).collect();
    words.join("-")
}

#[derive(Default)]
struct Numbering {
    nodes: Vec<Node>,
    taken: HashSet<String>,
    /// The next suffix to try for each candidate id.
    suffixes: HashMap<String, u32>,
    /// Open headings: level and node index.
    headings: Vec<(u8, usize)>,
    /// Whose list an item at depth 0 belongs to: the last paragraph, or the heading.
    owner: Option<usize>,
    /// The last item at each depth.
    items: Vec<usize>,
    /// Paragraphs (false) and items (true) numbered so far under each parent (`None` is the
    /// document's start).
    counts: HashMap<(Option<usize>, bool), u32>,
}

impl Numbering {
    fn unique(&mut self, candidate: String) -> String {
        let candidate = if candidate.is_empty() { "section".to_owned() } else { candidate };
        let mut id = candidate.clone();
        // Counting on from the last suffix this candidate had: a document of many equal
        // headings is not read again for each.
        let n = self.suffixes.entry(candidate.clone()).or_insert(2);
        while self.taken.contains(&id) {
            id = format!("{candidate}-{n}");
            *n += 1;
        }
        self.taken.insert(id.clone());
        id
    }

    fn id_of(&self, index: Option<usize>) -> String {
        index.map_or_else(|| "preamble".to_owned(), |i| self.nodes[i].id.clone())
    }

    fn next_count(&mut self, parent: Option<usize>, item: bool) -> u32 {
        let count = self.counts.entry((parent, item)).or_insert(0);
        *count += 1;
        *count
    }

    fn push(
        &mut self,
        id: String,
        kind: NodeKind,
        label: Option<String>,
        text: String,
        parent: Option<usize>,
    ) -> usize {
        self.nodes.push(Node { id, kind, label, text, parent });
        self.nodes.len() - 1
    }

    /// An id from the school's label under `parent`, if the label gives one.
    fn labelled(&self, label: &str, parent: Option<usize>, top_level: bool) -> String {
        match number_parts(label) {
            Some(parts) if parts.len() > 1 => parts.join("."),
            Some(parts) if top_level => parts[0].to_owned(),
            // "A." or "II." at the top: the document's part is its letter or numeral.
            None if top_level && parent.is_none() => label_id(label),
            _ => format!("{}.{}", self.id_of(parent), label_id(label)),
        }
    }

    fn heading(&mut self, level: u8, label: Option<String>, text: String) {
        while self.headings.last().is_some_and(|(open, _)| *open >= level) {
            self.headings.pop();
        }
        let parent = self.headings.last().map(|(_, index)| *index);
        let candidate = match &label {
            Some(label) => self.labelled(label, parent, parent.is_none() || level == 1),
            None => {
                let own = appendix_slug(&text).unwrap_or_else(|| slug(&text));
                // A heading with no ASCII letter or digit ("ϒ", "Ω"): its id part still needs one.
                let own = if own.is_empty() { "section".to_owned() } else { own };
                match parent {
                    Some(parent) => format!("{}.{own}", self.nodes[parent].id),
                    None => own,
                }
            }
        };
        let id = self.unique(candidate);
        let index = self.push(id, NodeKind::Heading(level), label, text, parent);
        self.headings.push((level, index));
        self.owner = Some(index);
        self.items.clear();
    }

    fn paragraph(&mut self, label: Option<String>, text: String) {
        let heading = self.headings.last().map(|(_, index)| *index);
        let mut count = self.next_count(heading, false);
        let candidate = match &label {
            Some(label) => self.labelled(label, heading, heading.is_none()),
            None => format!("{}.{count}", self.id_of(heading)),
        };
        let id = if label.is_none() {
            // Skip numbers the school's own numbering has taken.
            let mut candidate = candidate;
            while self.taken.contains(&candidate) {
                count += 1;
                candidate = format!("{}.{count}", self.id_of(heading));
            }
            self.counts.insert((heading, false), count);
            self.unique(candidate)
        } else {
            self.unique(candidate)
        };
        let index = self.push(id, NodeKind::Paragraph, label, text, heading);
        self.owner = Some(index);
        self.items.clear();
    }

    fn item(&mut self, depth: u8, label: Option<String>, text: String, field: bool) {
        let depth_index = usize::from(depth).min(self.items.len());
        self.items.truncate(depth_index);
        let parent = if depth_index == 0 { self.owner } else { self.items.last().copied() };
        let count = self.next_count(parent, true);
        let candidate = match &label {
            Some(label) => self.labelled(label, parent, false),
            None if depth_index % 2 == 1 => format!("{}.{}", self.id_of(parent), roman(count)),
            None => format!("{}.{}", self.id_of(parent), letters(count)),
        };
        let id = self.unique(candidate);
        let depth = u8::try_from(depth_index).unwrap_or(u8::MAX);
        let index = self.push(id, NodeKind::Item { depth, field }, label, text, parent);
        self.items.push(index);
    }
}

/// `appendix-3` for "Appendix 3 – Social media agreement".
fn appendix_slug(text: &str) -> Option<String> {
    let lower = text.trim().to_lowercase();
    let rest = lower.strip_prefix("appendix")?;
    if !(rest.is_empty() || rest.starts_with([' ', '\u{a0}'])) {
        return None;
    }
    let number: String = rest.trim_start().chars().take_while(char::is_ascii_alphanumeric).collect();
    Some(if number.is_empty() { "appendix".to_owned() } else { format!("appendix-{number}") })
}

/// Gives every block its clause id.
pub(crate) fn number(blocks: Vec<Block>) -> Outline {
    let mut numbering = Numbering::default();
    let mut title = None;
    for block in blocks {
        match block {
            Block::Title(text) if title.is_none() => title = Some(text),
            Block::Title(text) => numbering.paragraph(None, text),
            Block::Heading { level, label, text } => numbering.heading(level, label, text),
            Block::Paragraph { label, text } => numbering.paragraph(label, text),
            Block::Item { depth, label, text } => numbering.item(depth, label, text, false),
            Block::Field { depth, text } => numbering.item(depth, None, text, true),
            Block::Table(rows) => {
                let heading = numbering.headings.last().map(|(_, index)| *index);
                numbering.push(String::new(), NodeKind::Table(rows), None, String::new(), heading);
            }
        }
    }
    Outline { title, nodes: numbering.nodes }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(blocks: Vec<Block>) -> Vec<String> {
        number(blocks).nodes.into_iter().map(|n| n.id).collect()
    }

    fn heading(level: u8, label: Option<&str>, text: &str) -> Block {
        Block::Heading { level, label: label.map(str::to_owned), text: text.to_owned() }
    }

    fn paragraph(label: Option<&str>, text: &str) -> Block {
        Block::Paragraph { label: label.map(str::to_owned), text: text.to_owned() }
    }

    fn item(depth: u8, label: Option<&str>, text: &str) -> Block {
        Block::Item { depth, label: label.map(str::to_owned), text: text.to_owned() }
    }

    #[test]
    fn the_schools_numbers_then_positions() {
        let got = ids(vec![
            heading(1, None, "Statement of intent"),
            paragraph(None, "We are committed to:"),
            item(0, None, "One"),
            item(1, None, "Inner"),
            item(0, None, "Two"),
            heading(1, Some("5."), "Staff"),
            paragraph(Some("5.1."), "Staff must not."),
            item(0, Some("5.2."), "A numbered item"),
            paragraph(None, "Unnumbered"),
            heading(2, None, "Staff conduct"),
            paragraph(None, "Text"),
            heading(2, Some("iv."), "Be kind:"),
            item(0, None, "Use courtesy"),
            heading(1, None, "Appendix 3 – Agreement form"),
            Block::Field { depth: 0, text: "Name:".to_owned() },
            heading(1, Some("1."), "If we are unsure"),
        ]);
        assert_eq!(
            got,
            [
                "statement-intent",
                "statement-intent.1",
                "statement-intent.1.a",
                "statement-intent.1.a.i",
                "statement-intent.1.b",
                "5",
                "5.1",
                "5.2",
                "5.3",
                "5.staff-conduct",
                "5.staff-conduct.1",
                "5.iv",
                "5.iv.a",
                "appendix-3",
                "appendix-3.a",
                "1",
            ]
        );
    }

    #[test]
    fn a_heading_without_ascii_letters_gets_a_word_for_its_id() {
        let got = ids(vec![heading(1, Some("1."), "Staff"), heading(2, None, "ϒ"), heading(1, None, "Ω")]);
        assert_eq!(got, ["1", "1.section", "section"]);
    }

    #[test]
    fn ids_are_unique() {
        let got = ids(vec![heading(1, Some("1."), "A"), heading(1, Some("1."), "B"), paragraph(None, "x")]);
        assert_eq!(got, ["1", "1-2", "1-2.1"]);
        let got = ids(vec![paragraph(None, "Before any heading"), item(0, None, "x")]);
        assert_eq!(got, ["preamble.1", "preamble.1.a"]);
    }
}
