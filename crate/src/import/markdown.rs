//! Writes the outline as `policy.md`: TOML front matter with the title, then every clause with
//! its `{#id}` (policies/README.md), the school's numbers kept in the text, tables as tables.

use super::outline::{NodeKind, Outline};

/// The title when the document gives none.
pub(crate) const DEFAULT_TITLE: &str = "Social Media Policy";

/// A TOML basic string.
pub(crate) fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

fn with_label(label: Option<&String>, text: &str) -> String {
    match label {
        Some(label) => format!("{label} {text}"),
        None => text.to_owned(),
    }
}

/// A table cell: one line, pipes escaped.
fn cell(text: &str) -> String {
    let one_line = text.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
    one_line.replace('|', "\\|")
}

fn table(rows: &[Vec<String>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let line = |row: &[String]| {
        let cells: Vec<String> = (0..width).map(|i| row.get(i).map_or_else(String::new, |c| cell(c))).collect();
        format!("| {} |", cells.join(" | "))
    };
    let mut out = Vec::with_capacity(rows.len() + 1);
    let mut rows_iter = rows.iter();
    out.push(line(rows_iter.next().map_or(&[][..], Vec::as_slice)));
    out.push(format!("|{}", "---|".repeat(width)));
    out.extend(rows_iter.map(|row| line(row)));
    out.join("\n")
}

/// Writes `policy.md`.
pub(crate) fn write(outline: &Outline) -> String {
    let title = outline.title.as_deref().unwrap_or(DEFAULT_TITLE);
    let mut out = String::from("+++\n");
    if outline.title.is_none() {
        out.push_str("# TODO (import): the document gives no title; this is a placeholder.\n");
    }
    out.push_str(&format!("title = {}\n+++\n", toml_string(title)));
    let mut marker = '-';
    let mut last_list_parent: Option<Option<usize>> = None;
    for node in &outline.nodes {
        let text = with_label(node.label.as_ref(), &node.text);
        match &node.kind {
            NodeKind::Heading(level) => {
                let hashes = "#".repeat(usize::from(*level).clamp(1, 3) + 1);
                // A `{` in the words would read as the start of the heading's attributes.
                out.push_str(&format!("\n{hashes} {} {{#{}}}\n", text.replace('{', "\\{"), node.id));
                last_list_parent = None;
            }
            NodeKind::Paragraph => {
                out.push_str(&format!("\n{{#{}}} {text}\n", node.id));
                last_list_parent = None;
            }
            NodeKind::Item { depth, .. } => {
                if *depth == 0 {
                    // A new list straight after another would merge with it: change the bullet.
                    match last_list_parent {
                        Some(parent) if parent != node.parent => {
                            marker = if marker == '-' { '*' } else { '-' };
                            out.push('\n');
                        }
                        Some(_) => {}
                        None => out.push('\n'),
                    }
                    last_list_parent = Some(node.parent);
                }
                let indent = "  ".repeat(usize::from(*depth));
                out.push_str(&format!("{indent}{marker} {{#{}}} {text}\n", node.id));
            }
            NodeKind::Table(rows) => {
                out.push_str(&format!("\n{}\n", table(rows)));
                last_list_parent = None;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::blocks::Block;
    use super::super::outline::number;
    use super::*;

    #[test]
    fn clauses_with_ids_and_tables() {
        let outline = number(vec![
            Block::Title("Social Media \"Use\" Policy".to_owned()),
            Block::Heading { level: 1, label: Some("5.".to_owned()), text: "Staff".to_owned() },
            Block::Paragraph { label: Some("5.1.".to_owned()), text: "Staff **must not**:".to_owned() },
            Block::Item { depth: 0, label: None, text: "friend pupils".to_owned() },
            Block::Item { depth: 1, label: None, text: "or follow them".to_owned() },
            Block::Paragraph { label: None, text: "I will not:".to_owned() },
            Block::Item { depth: 0, label: None, text: "swear".to_owned() },
            Block::Field { depth: 0, text: "Signed:".to_owned() },
            Block::Table(vec![vec!["Site".to_owned(), "Links".to_owned()], vec!["A|B".to_owned(), String::new()]]),
        ]);
        let md = write(&outline);
        assert_eq!(
            md,
            "+++\ntitle = 'Social Media \"Use\" Policy'\n+++\n\n## 5. Staff {#5}\n\n{#5.1} 5.1. Staff **must not**:\n\n\
             - {#5.1.a} friend pupils\n  - {#5.1.a.i} or follow them\n\n{#5.2} I will not:\n\n- {#5.2.a} swear\n\
             - {#5.2.b} Signed:\n\n| Site | Links |\n|---|---|\n| A\\|B |  |\n"
        );
    }

    #[test]
    fn adjacent_lists_get_different_bullets() {
        let outline = number(vec![
            Block::Heading { level: 1, label: None, text: "Form".to_owned() },
            Block::Field { depth: 0, text: "Name".to_owned() },
            Block::Paragraph { label: None, text: "**Part two**".to_owned() },
            Block::Field { depth: 0, text: "Date".to_owned() },
        ]);
        let md = write(&outline);
        assert!(md.contains("- {#form.a} Name\n\n{#form.1} **Part two**\n\n- {#form.1.a} Date\n"), "{md}");
        let outline = number(vec![
            Block::Heading { level: 1, label: None, text: "Form".to_owned() },
            Block::Item { depth: 0, label: None, text: "One".to_owned() },
            Block::Heading { level: 2, label: None, text: "Two".to_owned() },
        ]);
        assert!(write(&outline).contains("- {#form.a} One\n\n### Two {#form.two}\n"));
    }
}
