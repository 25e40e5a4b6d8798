//! Plain text as schools' Word documents come out of "Save as text" or a converter: one
//! paragraph a line, `·` or `-` bullets, Word tables as tab-separated rows (or one cell a line,
//! rows between blank lines), a contents list with dot leaders and page numbers, bookmark
//! markers (`[bookmark: _heading=h.1t3h5sf]`), image file names, and sentences split over two
//! lines.
//!
//! Headings have no markup here, so they are recognised by their shape: a number and a few
//! words ("5. Social media use - staff"), an entry of the contents list, or a short line without
//! a full stop followed by text. The reader notes what it dropped and what it guessed.

use super::blocks::{Block, is_form_title, is_roman, number_parts, split_label, word_count};
use std::collections::HashSet;

/// What the text reader found.
#[derive(Debug, Default)]
pub(crate) struct TxtDocument {
    /// The blocks in reading order.
    pub(crate) blocks: Vec<Block>,
    /// What was dropped or cleaned, for the report.
    pub(crate) notes: Vec<String>,
    /// What was guessed, for the report.
    pub(crate) guesses: Vec<String>,
}

/// A logical line of the text, after debris is removed and split sentences are joined.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Line {
    Blank,
    /// A line of text.
    Text(String),
    /// A bulleted line, without its bullet.
    Bullet(String),
    /// A line with a tab: a table row or cell.
    Tab(String),
}

/// Bullets as converters write them.
const BULLETS: [&str; 6] = ["· ", "- ", "• ", "* ", "▪ ", "◦ "];

/// Words that open a sentence of its own, not the continuation of a list item's lead-in
/// ("All members of staff …" after "Using strong passwords.").
const SENTENCE_OPENERS: [&str; 20] = [
    "all",
    "any",
    "the",
    "this",
    "these",
    "we",
    "our",
    "members",
    "staff",
    "children",
    "pupils",
    "students",
    "parents",
    "information",
    "if",
    "concerns",
    "sanctions",
    "many",
    "it",
    "there",
];

/// Reads `text` into blocks.
pub(crate) fn read(text: &str) -> TxtDocument {
    let mut notes = Vec::new();
    let mut lines = clean_lines(text, &mut notes);
    let contents = drop_contents(&mut lines);
    if !contents.is_empty() {
        notes.push(format!("dropped the contents list ({} entries): the site makes its own", contents.len()));
    }
    let lines = join_lines(&lines);
    let mut reader = Reader { contents, ..Reader::default() };
    reader.read(&lines);
    let Reader { mut blocks, mut guessed, .. } = reader;
    let mut guesses = Vec::new();
    settle_guessed_headings(&mut blocks, &mut guessed, &mut guesses);
    if nest_items(&mut blocks) > 0 {
        guesses.push("nested lists: items after a lead-in ending ':' read as an inner list until one reads as a sentence of its own".to_owned());
    }
    TxtDocument { blocks, notes, guesses }
}

/// Removes bookmark markers and image file names; keeps leading tabs (table cells).
fn clean_lines(text: &str, notes: &mut Vec<String>) -> Vec<String> {
    let (mut bookmarks, mut images) = (0, 0);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = text
        .split('\n')
        .map(|raw| {
            let mut line = raw.trim_end_matches('\r').to_owned();
            while let Some(start) = line.find("[bookmark:") {
                let Some(length) = line[start..].find(']') else { break };
                line.replace_range(start..start + length + 1, "");
                bookmarks += 1;
            }
            // Tabs stay: a line of only a tab is a table's empty cell.
            let line = line.trim_end_matches([' ', '\u{a0}']).trim_start_matches([' ', '\u{a0}']).to_owned();
            if is_image_name(line.trim()) {
                images += 1;
                return String::new();
            }
            line
        })
        .collect();
    if bookmarks > 0 {
        notes.push(format!("removed {bookmarks} bookmark marker(s) ([bookmark: …])"));
    }
    if images > 0 {
        notes.push(format!("removed {images} image file name(s) (image1.jpeg): add the pictures by hand if needed"));
    }
    lines
}

fn is_image_name(line: &str) -> bool {
    let lower = line.to_lowercase();
    !lower.contains(' ')
        && [".jpeg", ".jpg", ".png", ".gif", ".emf", ".wmf", ".bmp"].iter().any(|ext| lower.ends_with(ext))
}

/// A contents entry or heading reduced to its words: no number, page number or dot leader.
fn entry_key(line: &str) -> String {
    let line = line.trim();
    let without_page = match line.rfind('\t') {
        Some(tab) if line[tab + 1..].trim().bytes().all(|b| b.is_ascii_digit()) => &line[..tab],
        _ => line,
    };
    let without_dots = without_page.trim_end_matches(['.', '…', ' ', '\t']);
    let (_, words) = split_label(without_dots);
    words.split_whitespace().collect::<Vec<_>>().join(" ").trim_end_matches(':').replace(['–', '—'], "-").to_lowercase()
}

fn is_contents_title(line: &str) -> bool {
    let lower = line.trim().trim_end_matches(':').to_lowercase();
    matches!(lower.as_str(), "contents" | "table of contents" | "content")
}

/// Drops the contents list: from its title to where its first entry comes again as a heading.
/// Returns the entries, which name the document's headings.
fn drop_contents(lines: &mut Vec<String>) -> HashSet<String> {
    let Some(title) = lines.iter().position(|l| is_contents_title(l)) else {
        return HashSet::new();
    };
    let Some(first) = (title + 1..lines.len()).find(|&i| !lines[i].trim().is_empty()) else {
        return HashSet::new();
    };
    let first_key = entry_key(&lines[first]);
    let again = (first + 1..lines.len()).find(|&i| entry_key(&lines[i]) == first_key);
    // Without the first entry again, the list ends at the first line too long to be an entry.
    let end =
        again.unwrap_or_else(|| (first..lines.len()).find(|&i| word_count(&lines[i]) > 12).unwrap_or(lines.len()));
    let entries: HashSet<String> =
        lines[first..end].iter().filter(|l| !l.trim().is_empty()).map(|l| entry_key(l)).collect();
    lines.drain(title..end);
    entries
}

/// Whether a line ends a sentence (or a lead-in), so the next line is not its continuation.
fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['"', '\'', '”', '’', ')', '*', ' ']);
    trimmed.ends_with(['.', ':', ';', '!', '?'])
}

/// Classifies lines and joins what a converter split: a number alone on its line with the
/// heading after it, and a sentence broken over two lines.
fn join_lines(lines: &[String]) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut pending_label: Option<String> = None;
    for raw in lines {
        if raw.contains('\t') {
            out.push(Line::Tab(raw.clone()));
            continue;
        }
        if raw.trim().is_empty() {
            out.push(Line::Blank);
            continue;
        }
        let text = raw.trim();
        if split_label(&format!("{text} x")).0.is_some() && split_label(text).0.is_none() {
            // "1." alone: the heading's words are on the next line.
            pending_label = Some(text.to_owned());
            continue;
        }
        let text = match pending_label.take() {
            Some(label) => format!("{label} {text}"),
            None => text.to_owned(),
        };
        if let Some(bullet) = BULLETS.iter().find_map(|b| text.strip_prefix(b)) {
            out.push(Line::Bullet(bullet.trim().to_owned()));
            continue;
        }
        let starts_lowercase = text.chars().next().is_some_and(char::is_lowercase);
        let previous = out.iter_mut().rev().find(|l| **l != Line::Blank);
        if let Some(Line::Text(before) | Line::Bullet(before)) = previous
            && starts_lowercase
            && !ends_sentence(before)
        {
            before.push(' ');
            before.push_str(&text);
            // The blank line the converter left inside the sentence goes too.
            while out.last() == Some(&Line::Blank) {
                out.pop();
            }
            continue;
        }
        out.push(Line::Text(text));
    }
    out
}

/// Block building, line by line.
#[derive(Default)]
struct Reader {
    /// The contents list's entries: lines equal to one are headings.
    contents: HashSet<String>,
    blocks: Vec<Block>,
    /// For each block, whether it is a heading recognised by its shape alone.
    guessed: Vec<bool>,
    /// The level of the last numbered heading, for roman-numbered ones below it.
    numbered_level: Option<u8>,
    /// Whether the current section is a form (its short lines are fields, not headings).
    in_form: bool,
}

impl Reader {
    fn push(&mut self, block: Block, guessed: bool) {
        if let Block::Heading { level: 1, text, .. } = &block {
            self.in_form = is_form_title(text);
        }
        self.blocks.push(block);
        self.guessed.push(guessed);
    }

    /// Whether only the title block has been read so far.
    fn at_start(&self) -> bool {
        self.blocks
            .iter()
            .all(|b| matches!(b, Block::Title(_) | Block::Paragraph { label: None, .. } | Block::Table(_)))
            && self.blocks.len() < 4
    }

    fn read(&mut self, lines: &[Line]) {
        let mut at = 0;
        while at < lines.len() {
            match &lines[at] {
                Line::Blank => at += 1,
                Line::Tab(_) => {
                    let (rows, next) = read_table(lines, at);
                    self.push(Block::Table(rows), false);
                    at = next;
                }
                Line::Bullet(text) => {
                    let (label, rest) = split_label(text);
                    self.push(Block::Item { depth: 0, label, text: rest.to_owned() }, false);
                    at += 1;
                }
                Line::Text(text) => {
                    self.read_text(text);
                    at += 1;
                }
            }
        }
    }

    fn read_text(&mut self, line: &str) {
        let (label, rest) = split_label(line);
        if let Some(label) = label {
            let parts = number_parts(&label).map(|p| p.len());
            let roman = is_roman(&super::blocks::label_id(&label));
            let known = self.contents.contains(&entry_key(rest));
            if (parts.is_some() || roman) && (known || numbered_heading_shape(rest)) {
                let level = match parts {
                    Some(parts) => u8::try_from(parts.min(3)).unwrap_or(3),
                    None => self.numbered_level.map_or(2, |l| (l + 1).min(3)),
                };
                if parts.is_some() {
                    self.numbered_level = Some(level);
                }
                self.push(Block::Heading { level, label: Some(label), text: rest.to_owned() }, false);
            } else if parts.is_none() && !roman {
                // "a) …" typed by hand: a list item.
                self.push(Block::Item { depth: 0, label: Some(label), text: rest.to_owned() }, false);
            } else {
                self.push(Block::Paragraph { label: Some(label), text: rest.to_owned() }, false);
            }
            return;
        }
        let text = line.trim().to_owned();
        if self.at_start() && heading_shape(&text) {
            if text.to_lowercase().split(|c: char| !c.is_alphanumeric()).any(|w| w == "policy") {
                self.push(Block::Title(text), false);
                return;
            }
            if super::names::names_a_school(&text) {
                self.push(Block::Paragraph { label: None, text }, false);
                return;
            }
        }
        if self.contents.contains(&entry_key(&text)) {
            self.push(Block::Heading { level: 1, label: None, text }, false);
            return;
        }
        let appendix = is_appendix(&text);
        if heading_shape(&text) && (!self.in_form || appendix || is_form_title(&text)) {
            let level =
                if appendix || is_form_title(&text) || (self.contents.is_empty() && self.numbered_level.is_none()) {
                    1
                } else {
                    2
                };
            self.push(Block::Heading { level, label: None, text }, !appendix);
            return;
        }
        self.push(Block::Paragraph { label: None, text }, false);
    }
}

/// "Appendix 3 – …": always a heading of its own.
pub(crate) fn is_appendix(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    lower.strip_prefix("appendix").is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\u{a0}']))
}

/// A line that could be a heading: a few words, capitalised, no sentence punctuation, no date.
fn heading_shape(text: &str) -> bool {
    let words = word_count(text);
    let first_upper = text.chars().next().is_some_and(char::is_uppercase);
    let has_year =
        text.split(|c: char| !c.is_ascii_digit()).any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    (1..=10).contains(&words)
        && first_upper
        && !text.contains(':')
        && !text.trim_end_matches(['*', ' ']).ends_with(['.', ',', ';', '?', '!'])
        && (!has_year || is_appendix(text))
}

/// The words after a number that make a heading: short, not a sentence ("Be kind:" is one).
fn numbered_heading_shape(text: &str) -> bool {
    let words = word_count(text);
    let trimmed = text.trim_end_matches(['*', ' ']);
    (1..=12).contains(&words)
        && text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !trimmed.ends_with(['.', ',', ';'])
        && (!trimmed.ends_with(':') || words <= 6)
}

/// Reads a table from `lines[start]`: Word tables come out either as tab-separated rows, or
/// one cell a line (each starting with a tab) with rows between blank lines. Returns the rows
/// and the index after the table.
fn read_table(lines: &[Line], start: usize) -> (Vec<Vec<String>>, usize) {
    let mut region: Vec<&Line> = Vec::new();
    let mut at = start;
    while at < lines.len() {
        match &lines[at] {
            Line::Tab(_) => {
                region.push(&lines[at]);
                at += 1;
            }
            Line::Blank => {
                let next = (at..lines.len()).find(|&i| lines[i] != Line::Blank);
                match next {
                    Some(next) if matches!(lines[next], Line::Tab(_)) => {
                        region.push(&Line::Blank);
                        at = next;
                    }
                    _ => break,
                }
            }
            Line::Text(_) | Line::Bullet(_) if matches!(lines[at - 1], Line::Tab(_)) => {
                region.push(&lines[at]);
                at += 1;
            }
            _ => break,
        }
    }
    let one_cell_a_line = region.iter().all(|line| match line {
        Line::Tab(text) => text.starts_with('\t') && text.split('\t').filter(|c| !c.trim().is_empty()).count() <= 1,
        _ => true,
    });
    let rows = if one_cell_a_line { cells_by_line(&region) } else { cells_by_tab(&region) };
    (rows, at)
}

fn continuation_text(line: &Line) -> &str {
    match line {
        Line::Text(text) | Line::Tab(text) => text.trim(),
        Line::Bullet(text) => text.trim(),
        Line::Blank => "",
    }
}

fn cells_by_line(region: &[&Line]) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    for line in region {
        match line {
            Line::Blank => {
                if !row.is_empty() {
                    rows.push(std::mem::take(&mut row));
                }
            }
            Line::Tab(text) => row.push(text.trim().to_owned()),
            other => match row.last_mut() {
                Some(cell) => {
                    cell.push('\n');
                    cell.push_str(continuation_text(other));
                }
                None => row.push(continuation_text(other).to_owned()),
            },
        }
    }
    if !row.is_empty() {
        rows.push(row);
    }
    rows
}

fn cells_by_tab(region: &[&Line]) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for line in region {
        match line {
            Line::Blank => {}
            Line::Tab(text) => {
                let cells: Vec<String> = text.split('\t').map(|c| c.trim().to_owned()).collect();
                // A row starting with an empty cell continues the row above ("Safety tips for
                // parents" under "Rules Report to Snapchat"): Word wrapped it.
                match rows.last_mut() {
                    Some(above) if cells[0].is_empty() && rows_len_ok(above, &cells) => {
                        for (cell, more) in above.iter_mut().zip(cells) {
                            if !more.is_empty() {
                                if !cell.is_empty() {
                                    cell.push(' ');
                                }
                                cell.push_str(&more);
                            }
                        }
                    }
                    _ => rows.push(cells),
                }
            }
            other => match rows.last_mut().and_then(|r| r.last_mut()) {
                Some(cell) => {
                    cell.push(' ');
                    cell.push_str(continuation_text(other));
                }
                None => rows.push(vec![continuation_text(other).to_owned()]),
            },
        }
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for row in &mut rows {
        row.resize(width, String::new());
    }
    rows
}

fn rows_len_ok(above: &[String], cells: &[String]) -> bool {
    cells.len() <= above.len()
}

/// Settles headings recognised by shape alone: one followed straight by another heading is a
/// paragraph ("Perseverance Enjoyment …", a motto); one straight after an appendix or form
/// heading is that appendix's subtitle, in bold.
fn settle_guessed_headings(blocks: &mut [Block], guessed: &mut [bool], notes: &mut Vec<String>) {
    let mut kept = 0;
    for at in 0..blocks.len() {
        let Block::Heading { level, label: None, text } = &blocks[at] else { continue };
        let (level, text) = (*level, text.clone());
        let after_appendix = at > 0
            && matches!(&blocks[at - 1], Block::Heading { text: before, label: None, .. }
                if is_appendix(before) || (is_form_title(before) && !is_form_title(&text)));
        let after_form_heading =
            at > 0 && matches!(&blocks[at - 1], Block::Heading { text: before, .. } if is_form_title(before));
        if !is_appendix(&text) && (after_appendix || (after_form_heading && is_form_title(&text))) {
            blocks[at] = Block::Paragraph { label: None, text: format!("**{text}**") };
            guessed[at] = false;
            continue;
        }
        if !guessed[at] {
            continue;
        }
        let next_is_heading = match blocks.get(at + 1) {
            None => true,
            Some(Block::Heading { level: next, .. }) => *next <= level,
            Some(_) => false,
        };
        if next_is_heading {
            blocks[at] = Block::Paragraph { label: None, text };
            guessed[at] = false;
        } else {
            kept += 1;
        }
    }
    if kept > 0 {
        notes.push(format!("guessed {kept} unnumbered heading(s) from short lines without a full stop: check them"));
    }
}

/// How a list's first item under a lead-in starts, to tell where the inner list ends.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ItemStyle {
    /// "to use safe passwords."
    Lowercase,
    /// "Setting appropriate privacy levels …"
    Gerund,
    /// Anything else.
    Other,
}

fn item_style(text: &str) -> ItemStyle {
    let first = text.split_whitespace().next().unwrap_or_default();
    if first.chars().next().is_some_and(char::is_lowercase) {
        ItemStyle::Lowercase
    } else if first.len() > 4 && first.to_lowercase().ends_with("ing") {
        ItemStyle::Gerund
    } else {
        ItemStyle::Other
    }
}

/// Whether `text` starts a sentence of its own rather than continuing an inner list.
fn closes_inner_list(text: &str, style: ItemStyle) -> bool {
    let first = text.split_whitespace().next().unwrap_or_default().to_lowercase();
    let opener = SENTENCE_OPENERS.contains(&first.as_str()) && word_count(text) >= 6;
    match style {
        ItemStyle::Lowercase => text.chars().next().is_some_and(char::is_uppercase),
        ItemStyle::Gerund => item_style(text) != ItemStyle::Gerund || opener,
        ItemStyle::Other => opener,
    }
}

/// Text has no indentation for nested lists: an item ending with ':' followed by items leads
/// an inner list, which ends when an item reads as a sentence of its own.
fn nest_items(blocks: &mut [Block]) -> usize {
    let mut nested = 0;
    let mut inner: Option<ItemStyle> = None;
    for at in 0..blocks.len() {
        let next_is_item = matches!(blocks.get(at + 1), Some(Block::Item { .. }));
        let Block::Item { depth, text, .. } = &mut blocks[at] else {
            inner = None;
            continue;
        };
        if let Some(style) = inner
            && closes_inner_list(text, style)
        {
            inner = None;
        }
        *depth = u8::from(inner.is_some());
        nested += usize::from(inner.is_some());
        if inner.is_none() && text.trim_end().ends_with(':') && next_is_item {
            let next_text = match blocks.get(at + 1) {
                Some(Block::Item { text, .. }) => text.clone(),
                _ => String::new(),
            };
            inner = Some(item_style(&next_text));
        }
    }
    nested
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<Block> {
        read(text).blocks
    }

    fn heading(level: u8, label: Option<&str>, text: &str) -> Block {
        Block::Heading { level, label: label.map(str::to_owned), text: text.to_owned() }
    }

    fn paragraph(label: Option<&str>, text: &str) -> Block {
        Block::Paragraph { label: label.map(str::to_owned), text: text.to_owned() }
    }

    fn item(depth: u8, text: &str) -> Block {
        Block::Item { depth, label: None, text: text.to_owned() }
    }

    #[test]
    fn title_contents_and_numbered_clauses() {
        let text = "\n\nOak Primary School\n\nSocial Media Policy\n\nContents:\n\n1. Staff\t2\n2. Pupils....\t3\n\n\
                    1. Staff\n\n1.1. Staff must not friend pupils.\n\n2. [bookmark: x]Pupils\nimage1.jpeg\n\
                    Pupils must not post photos.\n";
        let read = read(text);
        assert_eq!(
            read.blocks,
            [
                paragraph(None, "Oak Primary School"),
                Block::Title("Social Media Policy".to_owned()),
                heading(1, Some("1."), "Staff"),
                paragraph(Some("1.1."), "Staff must not friend pupils."),
                heading(1, Some("2."), "Pupils"),
                paragraph(None, "Pupils must not post photos."),
            ]
        );
        assert!(read.notes.iter().any(|n| n.contains("contents list (2 entries)")), "{:?}", read.notes);
        assert!(read.notes.iter().any(|n| n.contains("1 bookmark")), "{:?}", read.notes);
        assert!(read.guesses.is_empty(), "{:?}", read.guesses);
    }

    #[test]
    fn split_sentences_and_lone_numbers_are_joined() {
        let got = blocks("1. \nAims and scope\nThey will also be\n\nresponsible for it.\n· A bullet\n");
        assert_eq!(
            got,
            [
                heading(1, Some("1."), "Aims and scope"),
                paragraph(None, "They will also be responsible for it."),
                item(0, "A bullet")
            ]
        );
    }

    #[test]
    fn inner_lists_after_a_lead_in() {
        let got = blocks(
            "1. Staff\n· Staff are advised to:\n· Setting privacy levels.\n· Using strong passwords.\n\
             · Members of staff are encouraged not to name the school online.\n",
        );
        let depths: Vec<u8> =
            got.iter().filter_map(|b| if let Block::Item { depth, .. } = b { Some(*depth) } else { None }).collect();
        assert_eq!(depths, [0, 1, 1, 0]);
    }

    #[test]
    fn tables_both_ways() {
        let got =
            blocks("Appendix 4\n\nContact details\n\nSite\tLinks\nSnapchat\tRules\n\n\tSafety tips\nVine\tRules\n");
        assert_eq!(got[0], heading(1, None, "Appendix 4"));
        assert_eq!(got[1], paragraph(None, "**Contact details**"));
        assert_eq!(
            got[2],
            Block::Table(vec![
                vec!["Site".to_owned(), "Links".to_owned()],
                vec!["Snapchat".to_owned(), "Rules Safety tips".to_owned()],
                vec!["Vine".to_owned(), "Rules".to_owned()],
            ])
        );
        let got =
            blocks("Access request form\n\tRequester\n\n\tStaff name\n\t\n\n\t□ Pupils\nAges: range\n\t□ Staff\n");
        assert_eq!(
            got[1],
            Block::Table(vec![
                vec!["Requester".to_owned()],
                vec!["Staff name".to_owned(), String::new()],
                vec!["□ Pupils\nAges: range".to_owned(), "□ Staff".to_owned()],
            ])
        );
    }

    #[test]
    fn guessed_headings_settle() {
        let got = blocks("Motto words here\n1. Intro\nText here.\nStaff conduct\nMore text.\n");
        assert_eq!(got[0], paragraph(None, "Motto words here"));
        assert_eq!(got[3], heading(2, None, "Staff conduct"));
    }
}
