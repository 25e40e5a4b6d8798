//! Appendix forms: in a section whose heading names a form ("Blocked content access form",
//! "Social media home school agreement forms"), the lines to fill in become a list of fields
//! under the form's heading, as far as the source shows them: a table of labels beside empty
//! cells, or short lines ("Teacher name:", "Approved", "Signed:").

use super::blocks::{Block, is_form_title, word_count};

/// What the pass changed, for the report.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct FormsFound {
    /// The forms' headings.
    pub(crate) forms: Vec<String>,
    /// How many fields they have.
    pub(crate) fields: usize,
}

/// Turns the fields of every form section into [`Block::Field`]s.
pub(crate) fn recognise(blocks: Vec<Block>) -> (Vec<Block>, FormsFound) {
    let mut found = FormsFound::default();
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut form_level: Option<u8> = None;
    let mut first_in_form = false;
    // Field-like lines after a list stay paragraphs ("Signed:", "Date:" under "I will not:"),
    // or they would read as more of that list.
    let mut fields_as_paragraphs = false;
    let count = blocks.len();
    let mut blocks = blocks.into_iter().peekable();
    for _ in 0..count {
        let Some(block) = blocks.next() else { break };
        if let Block::Heading { level, text, .. } = &block {
            if is_form_title(text) {
                form_level = Some(*level);
                found.forms.push(text.clone());
                first_in_form = true;
            } else if form_level.is_some_and(|form| *level <= form) {
                form_level = None;
            }
            out.push(block);
            continue;
        }
        if form_level.is_none() {
            out.push(block);
            continue;
        }
        let first = std::mem::take(&mut first_in_form);
        let next_is_item = matches!(blocks.peek(), Some(Block::Item { .. }));
        let after_list = matches!(out.last(), Some(Block::Item { .. }));
        let field_like = matches!(&block, Block::Paragraph { label: None, text } if is_field_label(text, next_is_item));
        if !field_like {
            fields_as_paragraphs = false;
        }
        match block {
            Block::Paragraph { label: None, text } if first && is_form_subtitle(&text) => {
                let strong = if text.starts_with("**") { text } else { format!("**{text}**") };
                out.push(Block::Paragraph { label: None, text: strong });
            }
            Block::Paragraph { label: None, text } if field_like && (after_list || fields_as_paragraphs) => {
                fields_as_paragraphs = true;
                out.push(Block::Paragraph { label: None, text });
            }
            Block::Paragraph { label: None, text } if field_like => {
                found.fields += 1;
                out.push(Block::Field { depth: 0, text });
            }
            Block::Table(rows)
                if rows.iter().flatten().any(|cell| cell.trim().is_empty())
                    || rows.iter().all(|row| row.iter().filter(|c| !c.trim().is_empty()).count() <= 1) =>
            {
                for block in table_fields(rows) {
                    if matches!(block, Block::Field { .. }) {
                        found.fields += 1;
                    }
                    out.push(block);
                }
            }
            other => out.push(other),
        }
    }
    (out, found)
}

/// The form's own title under its heading: short, no full stop, not a field.
fn is_form_subtitle(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['*', ' ']);
    (1..=12).contains(&word_count(text)) && !trimmed.ends_with(['.', ':', '?'])
}

/// A line to fill in: a few words, ending with ':' (unless it leads a list), '?' or nothing.
fn is_field_label(text: &str, leads_a_list: bool) -> bool {
    let trimmed = text.trim();
    let words = word_count(trimmed);
    if words == 0 || words > 6 || text.starts_with("**") {
        return false;
    }
    if trimmed.ends_with(':') {
        return !leads_a_list;
    }
    !trimmed.ends_with(['.', ',', ';', '!'])
}

/// A form's table: a row with one cell is a part's title (bold when short) or its
/// instructions; every other non-empty cell is a field, its further lines fields under it.
fn table_fields(rows: Vec<Vec<String>>) -> Vec<Block> {
    let mut out = Vec::new();
    for row in rows {
        let filled: Vec<String> = row.iter().filter(|c| !c.trim().is_empty()).cloned().collect();
        let has_blank = row.iter().any(|c| c.trim().is_empty());
        match filled.as_slice() {
            [] => {}
            [only] if !has_blank => {
                let text = only.split('\n').map(str::trim).collect::<Vec<_>>().join(" ");
                let short = word_count(&text) <= 8 && !text.ends_with('.');
                out.push(Block::Paragraph { label: None, text: if short { format!("**{text}**") } else { text } });
            }
            cells => {
                for cell in cells {
                    let mut lines = cell.split('\n').map(str::trim).filter(|l| !l.is_empty());
                    if let Some(first) = lines.next() {
                        out.push(Block::Field { depth: 0, text: first.to_owned() });
                    }
                    for more in lines {
                        out.push(Block::Field { depth: 1, text: more.to_owned() });
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(text: &str) -> Block {
        Block::Paragraph { label: None, text: text.to_owned() }
    }

    fn field(depth: u8, text: &str) -> Block {
        Block::Field { depth, text: text.to_owned() }
    }

    #[test]
    fn short_lines_of_a_form_are_fields() {
        let blocks = vec![
            Block::Heading { level: 1, label: None, text: "Appendix 1 – Access form".to_owned() },
            paragraph("Access request form"),
            paragraph("Teacher name:"),
            paragraph("Approved"),
            paragraph("I will not:"),
            Block::Item { depth: 0, label: None, text: "Post photos".to_owned() },
            paragraph("Signed:"),
            paragraph("Date:"),
            Block::Heading { level: 1, label: None, text: "Appendix 2".to_owned() },
            paragraph("Name:"),
        ];
        let (out, found) = recognise(blocks);
        assert_eq!(out[1], paragraph("**Access request form**"));
        assert_eq!(out[2], field(0, "Teacher name:"));
        assert_eq!(out[3], field(0, "Approved"));
        assert_eq!(out[4], paragraph("I will not:"), "a lead-in, not a field");
        assert_eq!(out[6], paragraph("Signed:"), "after a list, a field reads as a paragraph");
        assert_eq!(out[7], paragraph("Date:"));
        assert_eq!(out[9], paragraph("Name:"), "not a form any more");
        assert_eq!(found, FormsFound { forms: vec!["Appendix 1 – Access form".to_owned()], fields: 2 });
    }

    #[test]
    fn a_forms_table_becomes_fields() {
        let rows = vec![
            vec!["Requester".to_owned()],
            vec!["Staff name".to_owned(), String::new()],
            vec!["□ Pupils\nAges: range".to_owned(), "□ Staff".to_owned(), String::new()],
        ];
        let blocks =
            vec![Block::Heading { level: 1, label: None, text: "Request form".to_owned() }, Block::Table(rows)];
        let (out, found) = recognise(blocks);
        assert_eq!(
            out[1..],
            [
                paragraph("**Requester**"),
                field(0, "Staff name"),
                field(0, "□ Pupils"),
                field(1, "Ages: range"),
                field(0, "□ Staff")
            ]
        );
        assert_eq!(found.fields, 4);
    }
}
