//! Plain text however it was made: saved from Word ("Save as text"), copied from a web page or a
//! PDF viewer, or put together by the PDF and web-page readers, which mark what their format
//! showed ([`Mark`]: a heading, bold or large type, a list item).
//!
//! What such text carries besides the policy's words, and what this reader does with it:
//! - conversion debris (bookmark markers `[bookmark: _heading=h.1t3h5sf]`, image file names):
//!   removed;
//! - page furniture ("Page 3 of 10", a running header or footer repeated page after page):
//!   removed;
//! - a contents list (dot leaders, page numbers, one entry a line or its page numbers on lines
//!   of their own): dropped, its entries kept to know the headings by;
//! - lines a converter split or a PDF hard-wrapped: joined into their paragraph, a hyphen at a
//!   line's end dropped when the word is whole without it ("commu-" "nication");
//! - bullets (`·`, `-`, `•`, `*`, `o`, `●`, `■`, `➢`, `✓`, …) and tables (tab-separated rows, or
//!   one cell a line with rows between blank lines).
//!
//! Headings have no markup in text, so they are known by the conventions schools use: a number
//! and a few words ("5. Social media use - staff", or "1" alone on its line before "INTRODUCTION"),
//! a letter ("A. The use of social networking sites by pupils") or a Roman numeral ("II. Scope"),
//! "Section 3: …", "Appendix B – …", an entry of the contents list, an entry of a list of the
//! document's parts that its sections repeat, a lead-in naming its audience before a list ("For
//! staff, requirements typically include:") when the document has no headings of its own, and a
//! short line without a full stop followed by text. The reader notes what it dropped and what
//! it guessed.

use super::blocks::{Block, is_form_title, is_roman, number_parts, split_label, word_count};
use crate::model::Author;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

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

/// A line as a reader found it: its words, and what its format showed about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SourceLine {
    /// The line's text (a table row's cells separated by tabs).
    pub(crate) text: String,
    /// What the format showed.
    pub(crate) mark: Mark,
}

impl SourceLine {
    /// A line with nothing but its words.
    pub(crate) fn plain(text: impl Into<String>) -> SourceLine {
        SourceLine { text: text.into(), mark: Mark::Plain }
    }
}

/// What a line's format showed about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mark {
    /// Nothing: plain text.
    Plain,
    /// Set apart by its type: bold throughout, or larger than the body text.
    Strong,
    /// A heading by markup (a web page's `<h2>`), at a level from 1.
    Heading(u8),
    /// A list item by markup (a web page's `<li>`), at a depth from 0.
    Item(u8),
}

/// A logical line of the text, after debris is removed and split sentences are joined.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Line {
    Blank,
    /// A line of text.
    Text(String),
    /// A line of text set apart by its type (bold or large).
    Strong(String),
    /// A line whose clause number stood alone on the line before ("1" then "INTRODUCTION").
    Labelled(String, String),
    /// A heading by markup.
    Heading(u8, String),
    /// A bulleted line, without its bullet.
    Bullet(String),
    /// A list item by markup, at its depth.
    Item(u8, String),
    /// A line with a tab: a table row or cell.
    Tab(String),
}

/// Bullets as converters, web pages and PDF viewers write them.
const BULLETS: [&str; 14] = ["· ", "- ", "• ", "* ", "▪ ", "◦ ", "o ", "● ", "■ ", "➢ ", "✓ ", "\u{f0b7} ", "§ ", "– "];
/// Marks that start no word, so a bullet even with no space after it ("•Only use your first
/// name"), as a web page copied without its list's spacing gives them.
const BULLET_GLYPHS: [char; 8] = ['•', '▪', '◦', '●', '■', '➢', '✓', '\u{f0b7}'];

/// A bullet alone on its line: "-", "•"; not "o" or "§", which may be a line's only word.
fn is_lone_bullet(text: &str) -> bool {
    !matches!(text, "o" | "§") && BULLETS.iter().any(|bullet| bullet.trim_end() == text)
}

/// A bulleted line's text without its bullet, if it is one.
fn bullet_text(text: &str) -> Option<&str> {
    BULLETS.iter().find_map(|b| text.strip_prefix(b)).or_else(|| {
        let rest = text.strip_prefix(BULLET_GLYPHS)?;
        rest.starts_with(char::is_alphanumeric).then_some(rest)
    })
}

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

/// Reads `text` (a `.txt` file's text) into blocks.
pub(crate) fn read(text: &str) -> TxtDocument {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    read_lines(text.split('\n').map(|l| SourceLine::plain(l.trim_end_matches('\r'))).collect())
}

/// Reads lines, as a file's text or another reader gives them, into blocks.
pub(crate) fn read_lines(lines: Vec<SourceLine>) -> TxtDocument {
    let mut notes = Vec::new();
    let mut guesses = Vec::new();
    let mut lines = clean_lines(lines, &mut notes);
    drop_furniture(&mut lines, &mut notes);
    let contents = drop_contents(&mut lines);
    if !contents.is_empty() {
        notes.push(format!("dropped the contents list ({} entries): the site makes its own", contents.len()));
    }
    let lines = join_lines(&lines, &mut guesses);
    let (lines, split) = split_run_together(lines);
    if split > 0 {
        guesses.push(format!(
            "paragraphs run together from a PDF's lines: split at {split} clause number(s) with a heading's words after them"
        ));
    }
    let (lines, split) = split_run_in_headings(lines);
    if split > 0 {
        guesses.push(format!(
            "paragraphs run together: split at {split} short title-case heading(s) between a sentence's end and the next sentence"
        ));
    }
    let parts = repeated_parts(&lines);
    if !parts.headings.is_empty() {
        notes.push(format!(
            "read {} entries of the list of the document's parts as the headings of the sections that repeat them",
            parts.headings.len()
        ));
    }
    let numbered_alike = numbered_alike(
        lines
            .iter()
            .filter_map(|line| match line {
                Line::Text(text) if word_count(text) <= 6 => Some(part_key(text)),
                _ => None,
            })
            // Not a page's number ("Page 1 of 2") that a converter left.
            .filter(|key| !key.starts_with("page ")),
    );
    let parties: HashSet<Author> = lines
        .iter()
        .filter_map(|line| match line {
            Line::Text(text) => agreeing_party(text),
            _ => None,
        })
        .collect();
    let agreement_parts = parties.len() >= 2;
    let mut reader = Reader { contents, parts, numbered_alike, agreement_parts, ..Reader::default() };
    reader.read(&lines);
    let Reader { mut blocks, mut guessed, marked, lead_in_headings, .. } = reader;
    if lead_in_headings > 0 {
        guesses.push(format!(
            "the document has no headings: read {lead_in_headings} lead-in(s) naming who a list is for (\"For staff …:\") as headings"
        ));
    }
    settle_guessed_headings(&mut blocks, &mut guessed, &mut guesses);
    if nest_items(&mut blocks, &marked) > 0 {
        guesses.push("nested lists: items after a lead-in ending ':' read as an inner list until one reads as a sentence of its own".to_owned());
    }
    TxtDocument { blocks, notes, guesses }
}

/// Removes bookmark markers, image file names and a web page's own controls; keeps leading tabs
/// (table cells).
fn clean_lines(lines: Vec<SourceLine>, notes: &mut Vec<String>) -> Vec<SourceLine> {
    let (mut bookmarks, mut images, mut controls) = (0, 0, 0);
    let lines = lines
        .into_iter()
        .map(|SourceLine { text, mark }| {
            let mut line = text;
            while let Some(start) = line.find("[bookmark:") {
                let Some(length) = line[start..].find(']') else { break };
                line.replace_range(start..start + length + 1, "");
                bookmarks += 1;
            }
            // Tabs stay: a line of only a tab is a table's empty cell.
            let line = line.trim_end_matches([' ', '\u{a0}']).trim_start_matches([' ', '\u{a0}']).to_owned();
            if is_image_name(line.trim()) {
                images += 1;
                return SourceLine::plain(String::new());
            }
            if is_page_control(&line) {
                controls += 1;
                return SourceLine::plain(String::new());
            }
            SourceLine { text: line, mark }
        })
        .collect();
    if controls > 0 {
        notes.push(format!(
            "removed {controls} line(s) of the web page's own controls (\"Skip to content\", \"Login\")"
        ));
    }
    if bookmarks > 0 {
        notes.push(format!("removed {bookmarks} bookmark marker(s) ([bookmark: …])"));
    }
    if images > 0 {
        notes.push(format!("removed {images} image file name(s) (image1.jpeg): add the pictures by hand if needed"));
    }
    lines
}

/// A web page's own control copied with its text: a skip link, a viewer's page box, a menu's
/// entry. Only lines that are nothing else.
fn is_page_control(line: &str) -> bool {
    const CONTROLS: [&str; 18] = [
        "skip to content",
        "skip to main content",
        "skip to navigation",
        "start display at page",
        "transcript",
        "transcription",
        "login",
        "log in",
        "change language",
        "back to top",
        "message sent from",
        "print this page",
        "share this page",
        "accept cookies",
        "cookie settings",
        "toggle navigation",
        "hit enter to search",
        "search",
    ];
    let lower = line.trim().trim_end_matches(['↓', '↑', ':', ' ', '»', '›']).trim_start_matches(['»', '›', '←', ' ']);
    // "Return to Parents", "Back to News": a link to the page above; "Follow us on Facebook".
    let site_link = ["return to ", "back to ", "follow us on "]
        .iter()
        .any(|start| lower.get(..start.len()).is_some_and(|head| head.eq_ignore_ascii_case(start)))
        && word_count(lower) <= 4;
    site_link || CONTROLS.iter().any(|control| lower.eq_ignore_ascii_case(control))
}

fn is_image_name(line: &str) -> bool {
    let lower = line.to_lowercase();
    !lower.contains(' ')
        && [".jpeg", ".jpg", ".png", ".gif", ".emf", ".wmf", ".bmp"].iter().any(|ext| lower.ends_with(ext))
}

/// "Page 3", "Page 3 of 10", "3 of 10", "- 3 -": a page number as a header or footer shows it.
pub(crate) fn is_page_number(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| c.is_whitespace() || c == '|').filter(|w| !w.is_empty()).collect();
    let number = |w: &str| !w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit());
    match words.as_slice() {
        ["page", n] | ["page", n, "of", _] | [n, "of", _] | ["-", n, "-"] | [n, "page"] => number(n),
        _ => false,
    }
}

/// A line reduced to what stays the same from page to page: lowercase, digits as `#`.
fn furniture_key(line: &str) -> String {
    line.trim().to_lowercase().chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
}

/// Removes page numbers and running headers or footers: a short line without a tab that comes
/// back at least three times (with its numbers changed), which a policy's own text never does.
fn drop_furniture(lines: &mut Vec<SourceLine>, notes: &mut Vec<String>) {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let candidate = |text: &str| {
        let words = word_count(text);
        !text.contains('\t')
            && (2..=12).contains(&words)
            && !text.trim_end().ends_with(':')
            && !text.contains(['_', '…'])
            && !text.contains("...")
    };
    // "I understand" over "that the school may check my files": a sentence cut by the line's
    // width goes on in lower case on the next line; a page's header or footer does not.
    // Worked out backwards, once: a run of blank lines can be long.
    let mut goes_on = vec![false; lines.len()];
    let mut next_lowercase = false;
    for (at, line) in lines.iter().enumerate().rev() {
        goes_on[at] = next_lowercase;
        if let Some(first) = line.text.trim().chars().next() {
            next_lowercase = first.is_lowercase();
        }
    }
    let candidate_at = |at: usize, text: &str| candidate(text) && !goes_on[at];
    for (at, line) in lines.iter().enumerate() {
        if candidate_at(at, &line.text) {
            *counts.entry(furniture_key(&line.text)).or_insert(0) += 1;
        }
    }
    // Headers and footers are a line or two a page: lines repeated more than that are the
    // document's own (a form's fields, a list said again).
    let text_lines = lines.iter().filter(|l| !l.text.trim().is_empty()).count();
    let repeated_lines: usize = counts.values().filter(|n| **n >= 3).sum();
    let furniture_share_ok = repeated_lines * 7 <= text_lines;
    let before = lines.len();
    let mut pages = 0;
    let keep: Vec<bool> = lines
        .iter()
        .enumerate()
        .map(|(at, line)| {
            let page = is_page_number(&line.text);
            pages += usize::from(page);
            let repeated = furniture_share_ok
                && candidate_at(at, &line.text)
                && counts.get(&furniture_key(&line.text)).is_some_and(|n| *n >= 3);
            !(page || repeated)
        })
        .collect();
    let mut kept = keep.into_iter();
    lines.retain(|_| kept.next().unwrap_or(true));
    let removed = before - lines.len();
    if removed > 0 {
        notes.push(format!(
            "removed {removed} line(s) of page furniture ({pages} page number(s), the rest a header or footer repeated page after page)"
        ));
    }
}

/// A contents entry or heading reduced to its words: no number, page number or dot leader.
fn entry_key(line: &str) -> String {
    let line = line.trim();
    let without_page = match line.rfind('\t') {
        Some(tab) if line[tab + 1..].trim().bytes().all(|b| b.is_ascii_digit()) => &line[..tab],
        _ => line,
    };
    let without_dots = without_page.trim_end_matches(['.', '…', ' ', '\t']);
    // "1. Aims 3": a page number after the words; "1. Introduction. 2": the entry's own full
    // stop before it.
    let without_number = match split_page_number(without_dots) {
        Some((words, _)) => words.trim_end_matches(['.', '…', ' ']),
        None => without_dots,
    };
    let (_, words) = split_label(without_number);
    words.split_whitespace().collect::<Vec<_>>().join(" ").trim_end_matches(':').replace(['–', '—'], "-").to_lowercase()
}

fn is_contents_title(line: &str) -> bool {
    let lower = line.trim().trim_end_matches(':').to_lowercase();
    matches!(lower.as_str(), "contents" | "table of contents" | "content")
}

/// Whether a contents line holds an entry's words, not only its number or a column's title
/// ("PAGE", "3").
fn is_entry(line: &str) -> bool {
    let key = entry_key(line);
    key.chars().any(char::is_alphabetic) && key != "page"
}

/// Drops the contents list: from its title to where its first entry comes again as a heading.
/// Returns the entries, which name the document's headings.
fn drop_contents(lines: &mut Vec<SourceLine>) -> HashSet<String> {
    let Some(title) = lines.iter().position(|l| is_contents_title(&l.text)) else {
        return drop_untitled_contents(lines);
    };
    let Some(first) = (title + 1..lines.len()).find(|&i| is_entry(&lines[i].text)) else {
        return HashSet::new();
    };
    let first_key = entry_key(&lines[first].text);
    let again = (first + 1..lines.len()).find(|&i| entry_key(&lines[i].text) == first_key);
    // Without the first entry again (a stored opening may stop before it), the list ends where
    // its entries end in page numbers at the first line that does not ("1. Aims" after
    // "Appendix 5: incident report log. 17"), and otherwise at the first line too long to be an
    // entry.
    let ends_in_page = |i: usize| lines[i].text.trim_end().ends_with(|c: char| c.is_ascii_digit());
    let paged = ends_in_page(first);
    let end = again.unwrap_or_else(|| {
        (first..lines.len())
            .find(|&i| {
                if paged {
                    !ends_in_page(i) || word_count(&lines[i].text) > 25
                } else {
                    word_count(&lines[i].text) > 12
                }
            })
            .unwrap_or(lines.len())
    });
    let entries: HashSet<String> =
        lines[first..end].iter().filter(|l| is_entry(&l.text)).map(|l| entry_key(&l.text)).collect();
    // "Content" over a paragraph or a list of risks (the four Cs of online safety) heads a
    // section; "Contents" over its entries run into one line is still the list's title.
    if entries.is_empty() && entry_key(&lines[title].text) == "content" {
        return drop_untitled_contents(lines);
    }
    // A web page's "Table of Contents" box, stored without its links, over the first heading and
    // its text: one line that never comes again and has no page number is no list of entries.
    if again.is_none() && !paged && entries.len() == 1 {
        lines.remove(title);
        return HashSet::new();
    }
    // "1" before "INTRODUCTION": the section's number stays with its heading.
    let end = if end > first && is_lone_number(&lines[end - 1].text) { end - 1 } else { end };
    lines.drain(title..end);
    entries
}

/// The fewest entries a contents list with no title of its own has.
const UNTITLED_CONTENTS_ENTRIES: usize = 4;

/// A contents entry's words and the page number after them ("1. Aims 3", "Use of email\t4"),
/// if the line ends in one.
fn split_page_number(text: &str) -> Option<(&str, &str)> {
    let (words, page) = text.rsplit_once([' ', '\t'])?;
    let is_page = (1..=3).contains(&page.len()) && page.bytes().all(|b| b.is_ascii_digit());
    (is_page && words.chars().any(char::is_alphabetic)).then_some((words, page))
}

/// The page number a contents entry ends in ("1. Introduction. 2", "Use of email 4"), if the
/// line is short enough to be an entry.
fn entry_page(text: &str) -> Option<u32> {
    let text = text.trim_end();
    let (_, page) = split_page_number(text)?;
    if word_count(text) > 25 {
        return None;
    }
    page.parse().ok()
}

/// Drops a contents list that has no title ("1. Introduction. 2" … "Appendix H - Incident
/// form. 25" under the cover page): a run of short lines, blank lines aside, each ending in a
/// page number that never goes down, whose first entry comes again later as the section it
/// names. Returns the entries, as [`drop_contents`] does.
fn drop_untitled_contents(lines: &mut Vec<SourceLine>) -> HashSet<String> {
    let mut start = 0;
    while start < lines.len() {
        if entry_page(&lines[start].text).is_none() {
            start += 1;
            continue;
        }
        let (mut next, mut end, mut entries, mut last_page) = (start, start, 0, 0);
        while let Some(line) = lines.get(next) {
            if line.text.trim().is_empty() {
                next += 1;
                continue;
            }
            match entry_page(&line.text) {
                Some(page) if page >= last_page => {
                    (last_page, entries, next) = (page, entries + 1, next + 1);
                    end = next;
                }
                _ => break,
            }
        }
        let first_key = entry_key(&lines[start].text);
        if entries >= UNTITLED_CONTENTS_ENTRIES && lines[end..].iter().any(|l| entry_key(&l.text) == first_key) {
            let keys = lines[start..end].iter().filter(|l| is_entry(&l.text)).map(|l| entry_key(&l.text)).collect();
            lines.drain(start..end);
            return keys;
        }
        start = end.max(start + 1);
    }
    HashSet::new()
}

/// Whether a line ends a sentence (or a lead-in), so the next line is not its continuation. A
/// lead-in may end in a dash instead of a colon ("We will not –").
fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['"', '\'', '”', '’', ')', '*', ' ']);
    trimmed.ends_with(['.', ':', ';', '!', '?']) || ends_in_dash(trimmed)
}

/// "We will not –": a dash after a word, as a lead-in's colon.
fn ends_in_dash(text: &str) -> bool {
    text.trim_end().strip_suffix(['–', '—', '-']).is_some_and(|rest| rest.ends_with(' '))
}

/// "i. Could have repercussions for the orderly running of the school or": a line whose
/// sentence goes on in the next item, as no heading does.
fn ends_in_conjunction(text: &str) -> bool {
    matches!(text.split_whitespace().next_back(), Some("or" | "and" | "nor" | "but"))
}

/// A pictograph or what joins and styles one: "📲", "🚫", "🧑‍💬" (not an arrow "↳" linking to
/// another page, nor a bullet).
fn is_emoji(c: char) -> bool {
    c >= '\u{1F000}' || ('\u{2600}'..='\u{27BF}').contains(&c) || matches!(c, '\u{200D}' | '\u{FE0F}')
}

/// "1", "2.3", "4.": a clause number alone on its line, as PDFs and web pages made from them
/// set it beside the words.
fn is_lone_number(text: &str) -> bool {
    let bare = text.trim().trim_end_matches('.');
    let parts: Vec<&str> = bare.split('.').collect();
    !bare.is_empty()
        && parts.len() <= 3
        && parts.iter().all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

/// How wide the lines of hard-wrapped text are (a PDF copied line by line), if the text is:
/// many lines near the same length, none much longer.
fn wrap_width(lines: &[SourceLine]) -> Option<usize> {
    let mut lengths: Vec<usize> = lines
        .iter()
        .filter(|l| l.mark == Mark::Plain && !l.text.contains('\t') && !l.text.trim().is_empty())
        .map(|l| l.text.chars().count())
        .collect();
    if lengths.len() < 6 {
        return None;
    }
    lengths.sort_unstable();
    let width = lengths[lengths.len() * 9 / 10];
    let longest = lengths[lengths.len() - 1];
    let near = lengths.iter().filter(|&&n| n * 10 >= width * 8).count();
    ((50..=140).contains(&width) && longest * 10 <= width * 13 && near * 4 >= lengths.len()).then_some(width)
}

/// Joins a line's last word, broken with a hyphen, and the next line's first: without the
/// hyphen when the document has the whole word or not the hyphenated one, and the part before
/// it is not a prefix that keeps its hyphen ("e-", "anti-").
pub(crate) fn join_broken_word(before: &str, after: &str, words: &HashSet<String>) -> String {
    let stem = before.trim_end_matches('-');
    let last = stem.rsplit(' ').next().unwrap_or_default().to_lowercase();
    let first: String = after.chars().take_while(|c| c.is_alphabetic()).collect::<String>().to_lowercase();
    const KEEP: [&str; 12] = ["e", "anti", "non", "self", "co", "ex", "cyber", "pre", "re", "well", "multi", "sub"];
    let whole = format!("{last}{first}");
    let hyphenated = format!("{last}-{first}");
    let drop = words.contains(&whole) || (!words.contains(&hyphenated) && !KEEP.contains(&last.as_str()));
    if drop { format!("{stem}{after}") } else { format!("{before}{after}") }
}

/// Whether a line starts in lowercase, as the rest of a sentence does: not with a word written
/// that way at the start of a sentence too ("e-Safety encompasses…", "iPads are…").
fn starts_lowercase(text: &str) -> bool {
    text.starts_with(char::is_lowercase) && !capitalised_inside(text)
}

/// Whether a text starts with a word whose capital comes after a lowercase letter: "eSafety",
/// "e-Safety", "iPad".
fn capitalised_inside(text: &str) -> bool {
    let mut letters = text.split_whitespace().next().unwrap_or_default().chars();
    letters.next().is_some_and(char::is_lowercase) && letters.take(2).any(char::is_uppercase)
}

/// Whether a line's end breaks a word: a letter and a hyphen, the next line going on in lowercase.
pub(crate) fn broken_word(before: &str, after: &str) -> bool {
    let mut end = before.chars().rev();
    end.next() == Some('-')
        && end.next().is_some_and(char::is_alphabetic)
        && after.chars().next().is_some_and(char::is_lowercase)
}

/// The document's words, lowercase, hyphenated ones whole, to tell a broken word from a
/// hyphenated one.
pub(crate) fn document_words<'a>(lines: impl Iterator<Item = &'a str>) -> HashSet<String> {
    lines
        .flat_map(|l| l.split(|c: char| !(c.is_alphabetic() || c == '-')))
        .filter(|w| w.len() > 1 && !w.starts_with('-') && !w.ends_with('-'))
        .map(str::to_lowercase)
        .collect()
}

/// Classifies lines and joins what a converter split: a number alone on its line with the
/// heading after it, a sentence broken over two lines, and the lines of hard-wrapped text.
fn join_lines(lines: &[SourceLine], guesses: &mut Vec<String>) -> Vec<Line> {
    let width = wrap_width(lines);
    let words = document_words(lines.iter().map(|l| l.text.as_str()));
    let mut out: Vec<Line> = Vec::new();
    let mut pending_label: Option<String> = None;
    let mut pending_bullets = 0usize;
    let (mut wrapped, mut previous_width) = (0, 0);
    for (at, raw) in lines.iter().enumerate() {
        match raw.mark {
            Mark::Heading(level) => {
                out.push(Line::Heading(level, raw.text.trim().to_owned()));
                continue;
            }
            Mark::Item(depth) => {
                out.push(Line::Item(depth, raw.text.trim().to_owned()));
                continue;
            }
            Mark::Plain | Mark::Strong => {}
        }
        if raw.text.contains('\t') {
            out.push(Line::Tab(raw.text.clone()));
            continue;
        }
        if raw.text.trim().is_empty() {
            out.push(Line::Blank);
            continue;
        }
        let text = raw.text.trim();
        // "-" alone, its item's words on the next line (a web page's list copied as text). An
        // item starts with a capital: "•" over "not conduct …", cut from its lead-in, stays a
        // line of its own.
        let next_text = lines[at + 1..].iter().map(|l| l.text.trim()).find(|t| !t.is_empty());
        // A PDF's list can come out as its bullets, one a line, then its items: each line that
        // starts an item takes the next bullet, and its wrapped lines go on in lowercase.
        let next_starts_item = next_text.is_some_and(|t| {
            is_lone_bullet(t) || t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        });
        if is_lone_bullet(text) && pending_label.is_none() && next_starts_item {
            pending_bullets += 1;
            continue;
        }
        if pending_bullets > 0 && !starts_lowercase(text) {
            pending_bullets -= 1;
            out.push(Line::Bullet(text.to_owned()));
            previous_width = text.chars().count();
            continue;
        }
        let next_is_words = next_text.is_some_and(|t| !is_lone_number(t));
        if (split_label(&format!("{text} x")).0.is_some() && split_label(text).0.is_none())
            || (is_lone_number(text) && next_is_words)
        {
            // "1." or "1" alone: the heading's or clause's words are on the next line.
            pending_label = Some(text.to_owned());
            continue;
        }
        if let Some(label) = pending_label.take() {
            previous_width = label.chars().count() + 1 + text.chars().count();
            out.push(Line::Labelled(label, text.to_owned()));
            continue;
        }
        if raw.mark == Mark::Strong {
            out.push(Line::Strong(text.to_owned()));
            previous_width = 0;
            continue;
        }
        if let Some(bullet) = bullet_text(text) {
            out.push(Line::Bullet(bullet.trim().to_owned()));
            previous_width = text.chars().count();
            continue;
        }
        // "iii. Be sensitive:" starts lowercase too, but a numbered line starts a block.
        let labelled = split_label(text).0.is_some();
        let starts_lowercase = starts_lowercase(text) && !labelled;
        let blank_before = out.last() == Some(&Line::Blank);
        // Hard-wrapped text: a full line that ends mid-sentence goes on on the next.
        let wraps = width.is_some_and(|w| previous_width * 4 >= w * 3) && !blank_before && !labelled;
        let previous = out.iter_mut().rev().find(|l| **l != Line::Blank);
        if let Some(Line::Text(before) | Line::Bullet(before) | Line::Labelled(_, before)) = previous
            && (starts_lowercase || wraps)
            && !ends_sentence(before)
        {
            if broken_word(before, text) {
                *before = join_broken_word(before, text, &words);
            } else {
                before.push(' ');
                before.push_str(text);
            }
            wrapped += usize::from(wraps && !starts_lowercase);
            // The blank line the converter left inside the sentence goes too.
            while out.last() == Some(&Line::Blank) {
                out.pop();
            }
            previous_width = text.chars().count();
            continue;
        }
        previous_width = text.chars().count();
        out.push(Line::Text(text.to_owned()));
    }
    if wrapped > 0 {
        guesses.push(format!(
            "the text is hard-wrapped (lines of about {} characters): joined {wrapped} line(s) to the sentence they continue",
            width.unwrap_or_default()
        ));
    }
    out
}

/// Words that keep a heading going between its capitalised words ("Use of social media").
const TITLE_JOINERS: [&str; 10] = ["of", "and", "the", "to", "for", "in", "on", "with", "&", "/"];

/// A clause number as a PDF's text shows it: "3", "3.1", "3.1.".
fn is_number_token(token: &str) -> bool {
    let bare = token.trim_end_matches('.');
    let parts: Vec<&str> = bare.split('.').collect();
    !bare.is_empty()
        && parts.len() <= 3
        && parts.iter().all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

/// How many words after a clause number at `at` make its heading ("3.1 Staff Using Social
/// Networking Websites Staff are …" has five): capitalised words and the small words between
/// them, up to a word that starts the section's first sentence.
fn run_in_heading(tokens: &[&str], at: usize) -> usize {
    let capitalised = |t: &str| t.chars().next().is_some_and(char::is_uppercase);
    let mut length = 0;
    while at + 1 + length < tokens.len() && length < 8 {
        let token = tokens[at + 1 + length];
        let next = tokens.get(at + 2 + length).copied().unwrap_or_default();
        let opener = SENTENCE_OPENERS.contains(&token.to_lowercase().as_str())
            || ["for", "given", "whilst", "while", "as", "in", "a", "an"].contains(&token.to_lowercase().as_str());
        let starts_sentence = capitalised(token) && next.chars().next().is_some_and(char::is_lowercase) && opener;
        let after_lowercase = length > 0 && tokens[at + length].chars().next().is_some_and(char::is_lowercase);
        let joiner = TITLE_JOINERS.contains(&token.to_lowercase().as_str());
        if length > 0 && (starts_sentence || (capitalised(token) && after_lowercase && !joiner)) {
            break;
        }
        if is_number_token(token)
            || !(capitalised(token) || (length > 0 && (joiner || token.chars().all(char::is_lowercase))))
        {
            break;
        }
        length += 1;
    }
    // A heading ends on a word of its own, not on "of" or "and".
    while length > 0 && TITLE_JOINERS.contains(&tokens[at + length].to_lowercase().as_str()) {
        length -= 1;
    }
    length
}

/// Splits a paragraph that a document site or converter ran together from a PDF's lines ("…
/// with pupils. 3. Action plan 3.1. Use of social media within school Staff are …") at its
/// clause numbers: each number and the capitalised words after it become a line of their own,
/// the text after them another. Only a long paragraph with two such numbers at least is split.
fn split_run_together(lines: Vec<Line>) -> (Vec<Line>, usize) {
    let cuts_of = |tokens: &[&str]| {
        if !is_long(tokens) {
            return Vec::new();
        }
        let cuts = numbered_run_ins(tokens);
        if cuts.len() >= 2 { cuts } else { Vec::new() }
    };
    split_paragraphs(lines, cuts_of, |heading| Line::Labelled(heading[0].to_owned(), heading[1..].join(" ")))
}

/// The clause numbers and their headings' words in a paragraph's tokens, as the ranges of
/// tokens each takes ([`split_run_together`]).
fn numbered_run_ins(tokens: &[&str]) -> Vec<Range<usize>> {
    let mut cuts: Vec<Range<usize>> = Vec::new();
    for at in 0..tokens.len() {
        // At the start, after a sentence, a capitalised word, a number, or the heading just cut.
        let after_heading = cuts.last().is_some_and(|cut| cut.end == at);
        let after_end = at == 0
            || after_heading
            || tokens[at - 1].ends_with(['.', ':', '?', '!', ')'])
            || tokens[at - 1].chars().next().is_some_and(char::is_uppercase)
            || is_number_token(tokens[at - 1]);
        if !is_number_token(tokens[at]) || !after_end || tokens.get(at + 1).is_some_and(|t| is_number_token(t)) {
            continue;
        }
        let length = run_in_heading(tokens, at);
        if length > 0 {
            cuts.push(at..at + 1 + length);
        }
    }
    cuts
}

/// Whether a paragraph's tokens are long enough (400 characters) that two headings in it show
/// it was run together.
fn is_long(tokens: &[&str]) -> bool {
    tokens.iter().map(|t| t.len() + 1).sum::<usize>() > 400
}

/// Splits each paragraph at the headings `cuts_of` finds in its tokens (none where it finds
/// too few to be sure): each heading becomes the line `heading` makes of its tokens, the text
/// between them lines of their own. Returns the lines and how many headings were cut out.
fn split_paragraphs(
    lines: Vec<Line>,
    cuts_of: impl Fn(&[&str]) -> Vec<Range<usize>>,
    heading: impl Fn(&[&str]) -> Line,
) -> (Vec<Line>, usize) {
    let mut out = Vec::with_capacity(lines.len());
    let mut split = 0;
    for line in lines {
        let Line::Text(text) = &line else {
            out.push(line);
            continue;
        };
        let tokens: Vec<&str> = text.split_whitespace().collect();
        let cuts = cuts_of(&tokens);
        if cuts.is_empty() {
            out.push(line);
            continue;
        }
        split += cuts.len();
        let mut from = 0;
        for cut in cuts {
            if cut.start > from {
                out.push(Line::Text(tokens[from..cut.start].join(" ")));
            }
            from = cut.end;
            out.push(heading(&tokens[cut]));
        }
        if from < tokens.len() {
            out.push(Line::Text(tokens[from..].join(" ")));
        }
    }
    (out, split)
}

/// Words that start a sentence after a heading run into it ("Monitored Use All files …",
/// "Aim To highlight …").
const RUN_IN_OPENERS: [&str; 9] = ["each", "to", "every", "no", "a", "an", "when", "where", "employees"];

/// The nouns policies name their sections by ("Background", "Rationale", "Key Principles",
/// "NSPCC Guidance"). A title-case run ending on one is a heading run into the text even when
/// what follows opens with a name ("Background Sciennes Primary School will provide …") or a
/// word no list of openers holds ("Rationale Mobile phones include …").
const SECTION_NOUNS: [&str; 18] = [
    "background",
    "rationale",
    "aim",
    "aims",
    "objective",
    "objectives",
    "introduction",
    "purpose",
    "scope",
    "overview",
    "context",
    "principles",
    "statement",
    "guidance",
    "guidelines",
    "definitions",
    "responsibilities",
    "procedures",
];

/// An unnumbered heading run into the text ([`unnumbered_run_in`]).
struct RunIn {
    /// How many words the heading takes.
    length: usize,
    /// Whether it ends on one of the [`SECTION_NOUNS`]: sign enough alone that the paragraph
    /// was run together.
    named: bool,
}

/// A word of a heading in title case: "Guidance", "ICT", and "iPad" or "e-Safety", whose
/// capital comes after a one-letter prefix. Not a word in lower case, nor one in capitals of
/// more than five letters ("POLICY", text set in capitals).
fn title_word(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    let acronym = (2..=5).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase());
    let capital_first = letters.first().is_some_and(|c| c.is_uppercase()) && letters.iter().any(|c| c.is_lowercase());
    let prefixed = word.starts_with(['i', 'e']) && letters.get(1).is_some_and(|c| c.is_uppercase());
    acronym || capital_first || prefixed
}

/// How many words at `at` make an unnumbered heading run into the text ("General Guidelines" in
/// "… the parent/carer. General Guidelines All students are allowed …"): one to four words in
/// title case, themselves not opening a sentence, then a capitalised word that opens one and a
/// word in lower case within the three after it; or, failing that, such words ending on a
/// section's noun and any title-case word after them, where a word in lower case comes within
/// the four after that. `None` when there is no such heading.
fn unnumbered_run_in(tokens: &[&str], at: usize) -> Option<RunIn> {
    let plain = |t: &str| t.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '&' | '/' | '’' | '\''));
    let opens = |t: &str| {
        let lower = t.to_lowercase();
        title_word(t) && (SENTENCE_OPENERS.contains(&lower.as_str()) || RUN_IN_OPENERS.contains(&lower.as_str()))
    };
    if opens(tokens[at]) {
        return None;
    }
    let mut named = None;
    for length in 1..=4 {
        let Some(words) = tokens.get(at..at + length) else { break };
        let last = words[length - 1];
        let title_case = words.iter().all(|w| plain(w))
            && words.iter().enumerate().all(|(i, w)| title_word(w) || (i > 0 && TITLE_JOINERS.contains(w)));
        if !title_case {
            break;
        }
        // "Ownership and Care": a heading ends on a word of its own.
        if TITLE_JOINERS.contains(&last) {
            continue;
        }
        let Some((next, after)) = tokens.get(at + length).zip(tokens.get(at + length + 1)) else { break };
        let noun = SECTION_NOUNS.contains(&last.to_lowercase().as_str());
        // "The College enables …", "The National Grid for Learning states …": the sentence goes
        // on in lower case within three words of its opener.
        let sentence_goes_on = after.starts_with(char::is_lowercase)
            || tokens[at + length + 1..].iter().take(3).any(|t| t.starts_with(char::is_lowercase));
        if opens(next) && sentence_goes_on {
            return Some(RunIn { length, named: noun });
        }
        let sentence_follows = tokens.len() >= at + length + 6
            && tokens[at + length + 1..at + length + 5].iter().any(|t| t.starts_with(char::is_lowercase));
        if named.is_none() && noun && title_word(next) && sentence_follows {
            named = Some(RunIn { length, named: true });
        }
    }
    named
}

/// Splits a paragraph that a document site ran together ("… under the RUP. General
/// Guidelines All students … Monitored Use All files …") at its unnumbered headings: a long
/// paragraph where two at least are found, any paragraph where one ends on a section's noun
/// ("Background …"). Each heading becomes a line of its own, the text after it another.
fn split_run_in_headings(lines: Vec<Line>) -> (Vec<Line>, usize) {
    let cuts_of = |tokens: &[&str]| -> Vec<Range<usize>> {
        let found: Vec<(usize, RunIn)> = (0..tokens.len())
            .filter(|&at| at == 0 || tokens[at - 1].ends_with(['.', '?', '!']))
            .filter_map(|at| unnumbered_run_in(tokens, at).map(|run_in| (at, run_in)))
            .collect();
        if (is_long(tokens) && found.len() >= 2) || found.iter().any(|(_, run_in)| run_in.named) {
            found.into_iter().map(|(at, run_in)| at..at + run_in.length).collect()
        } else {
            Vec::new()
        }
    };
    split_paragraphs(lines, cuts_of, |heading| Line::Text(heading.join(" ")))
}

/// A list of the document's parts ("A. The use of social networking sites by pupils", "B. …")
/// whose entries come again, in order, as the sections' headings: which lines are the
/// headings and which the list's entries.
#[derive(Debug, Default)]
struct Parts {
    /// The lines, by index, that are sections' headings.
    headings: HashSet<usize>,
    /// The lines, by index, that are the list's entries.
    entries: HashSet<usize>,
}

fn line_words(line: &Line) -> Option<&str> {
    match line {
        Line::Text(text) | Line::Bullet(text) | Line::Strong(text) => Some(text),
        _ => None,
    }
}

/// The most entries a list of the document's parts has.
const PARTS_LIMIT: usize = 30;

fn repeated_parts(lines: &[Line]) -> Parts {
    let mut parts = Parts::default();
    let labelled_entry =
        |at: usize| line_words(&lines[at]).filter(|t| split_label(t).0.is_some() && word_count(t) <= 16).map(entry_key);
    // Where each line's words come, for finding an entry again without reading on each time.
    let mut places: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    for (at, line) in lines.iter().enumerate() {
        if let Some(words) = line_words(line) {
            places.entry(entry_key(words)).or_default().push(at);
        }
    }
    let mut at = 0;
    while at < lines.len() {
        if labelled_entry(at).is_none() {
            at += 1;
            continue;
        }
        // A run of two to thirty labelled short lines, up to where the first comes again.
        let mut keys = HashSet::new();
        let run: Vec<usize> = (at..lines.len())
            .filter(|&i| lines[i] != Line::Blank)
            .take_while(|&i| labelled_entry(i).is_some_and(|key| keys.insert(key)))
            .take(PARTS_LIMIT + 1)
            .collect();
        let end = run.last().map_or(at + 1, |last| last + 1);
        if run.len() < 2 || run.len() > PARTS_LIMIT {
            at = end;
            continue;
        }
        let mut found = Vec::new();
        let mut from = end;
        for &entry in &run {
            let key = labelled_entry(entry).unwrap_or_default();
            let again = places.get(&key).and_then(|places| places.get(places.partition_point(|&i| i < from)).copied());
            match again {
                Some(again) => {
                    found.push(again);
                    from = again + 1;
                }
                None => break,
            }
        }
        if found.len() == run.len() {
            parts.entries.extend(run);
            parts.headings.extend(found);
        }
        at = end;
    }
    parts
}

/// Who a list's lead-in names, when it is for one audience only ("For staff, requirements
/// typically include:", "Parents should:", "Children are typically required to:").
fn names_one_audience(text: &str) -> bool {
    let words: Vec<String> = super::wording::words(text);
    let group = |w: &str| match w {
        "staff" | "teachers" | "employees" | "governors" | "volunteers" => Some(Author::Staff),
        "pupils" | "pupil" | "students" | "student" | "children" | "child" | "learners" => Some(Author::Pupil),
        "parents" | "parent" | "parental" | "carers" | "families" => Some(Author::Parent),
        _ => None,
    };
    let groups: HashSet<Author> = words.iter().filter_map(|w| group(w)).collect();
    let early = words.iter().take(4).any(|w| group(w).is_some());
    groups.len() == 1 && early && words.len() <= 12 && text.trim_end().ends_with(':')
}

/// Whose part of an agreement a lead-in opens: "Teachers agree to:", "As a parent/carer, I agree
/// to:", "The school agrees to:" (the school is its staff), "Parents & carers to:".
fn agreeing_party(text: &str) -> Option<Author> {
    let stripped = text.trim_end().strip_suffix(':')?;
    let words: Vec<String> = super::wording::words(stripped);
    let (last, party) = words.split_last()?;
    let party = match party.last().map(String::as_str) {
        Some("agree" | "agrees") => &party[..party.len() - 1],
        _ => party,
    };
    let party = party.strip_suffix(&["i".to_owned()]).unwrap_or(party);
    if last != "to" || party.is_empty() || party.len() > 4 {
        return None;
    }
    let group = |w: &str| match w {
        "staff" | "teachers" | "teacher" | "school" | "we" => Some(Author::Staff),
        "pupils" | "pupil" | "students" | "student" | "children" | "child" | "learners" | "learner" => {
            Some(Author::Pupil)
        }
        "parents" | "parent" | "carers" | "carer" | "families" => Some(Author::Parent),
        _ => None,
    };
    let groups: HashSet<Author> = party.iter().filter_map(|w| group(w)).collect();
    (groups.len() == 1).then(|| groups.into_iter().next()).flatten()
}

/// What the next line that is not blank is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Next {
    /// A list's item.
    List,
    /// A sentence of six words or more, or a list's lead-in.
    Sentence,
    Other,
}

/// Block building, line by line.
#[derive(Default)]
struct Reader {
    /// The contents list's entries: lines equal to one are headings.
    contents: HashSet<String>,
    /// The list of the document's parts, and the headings that repeat its entries.
    parts: Parts,
    blocks: Vec<Block>,
    /// For each block, whether it is a heading recognised by its shape alone.
    guessed: Vec<bool>,
    /// For each block, whether it is a list item whose depth the markup gave.
    marked: Vec<bool>,
    /// The level of the last numbered heading, for roman-numbered ones below it.
    numbered_level: Option<u8>,
    /// Whether the current section is a form (its short lines are fields, not headings).
    in_form: bool,
    /// How many lead-ins were read as headings.
    lead_in_headings: usize,
    /// How many headings were read.
    headings: usize,
    /// Whether the title was read.
    has_title: bool,
    /// Whether the title was taken from a first line naming only a topic ("Online Safety"),
    /// so that a line naming the policy soon after takes its place.
    title_from_topic: bool,
    /// Whether the last block is an item of a numbered list under a lead-in.
    in_numbered_list: bool,
    /// The part keys of lines numbered like another ("Key Stage 1" … "Key Stage 2").
    numbered_alike: HashSet<String>,
    /// Whether the document is an agreement between parties, each part opened by what one of them
    /// agrees to ("Teachers agree to:" … "Learners agree to:").
    agreement_parts: bool,
}

impl Reader {
    fn push(&mut self, block: Block, guessed: bool) {
        self.in_numbered_list = false;
        if let Block::Heading { level: 1, text, .. } = &block {
            self.in_form = is_form_title(text);
        }
        self.headings += usize::from(matches!(block, Block::Heading { .. }));
        self.has_title |= matches!(block, Block::Title(_));
        self.blocks.push(block);
        self.guessed.push(guessed);
        self.marked.push(false);
    }

    /// Whether only the opening lines have been read so far: a title, the school's name, a web
    /// page's or a document site's own lines.
    fn at_start(&self) -> bool {
        self.blocks.len() < 8
            && self.blocks.iter().zip(&self.guessed).all(|(b, guessed)| {
                matches!(b, Block::Title(_) | Block::Paragraph { label: None, .. } | Block::Table(_))
                    || (*guessed && matches!(b, Block::Heading { .. }))
            })
    }

    /// Whether the document has shown no headings of its own so far (lead-ins read as
    /// headings aside).
    fn no_headings_yet(&self) -> bool {
        self.headings == self.lead_in_headings
    }

    fn read(&mut self, lines: &[Line]) {
        // What the next line that is not blank is, for each line: worked out once, backwards, as
        // a run of blank lines can be long.
        let mut next_at = vec![Next::Other; lines.len()];
        let mut next = Next::Other;
        for (at, line) in lines.iter().enumerate().rev() {
            next_at[at] = next;
            next = match line {
                Line::Blank => next,
                Line::Bullet(_) | Line::Item(..) => Next::List,
                Line::Text(text) if word_count(text) >= 6 && ends_sentence(text) => Next::Sentence,
                // "I agree to:", a lead-in; not a field's label ("Signature of Parent:").
                Line::Text(text) if word_count(text) >= 3 && text.trim_end().ends_with(':') && !is_title_case(text) => {
                    Next::Sentence
                }
                _ => Next::Other,
            };
        }
        let mut at = 0;
        while at < lines.len() {
            let next = next_at[at];
            if self.parts.headings.contains(&at)
                && let Some(text) = line_words(&lines[at])
            {
                let (label, rest) = split_label(text);
                let level = self.numbered_level.map_or(1, |l| (l + 1).min(3));
                self.push(Block::Heading { level, label, text: rest.to_owned() }, false);
                at += 1;
                continue;
            }
            if self.parts.entries.contains(&at)
                && let Some(text) = line_words(&lines[at])
            {
                let (label, rest) = split_label(text);
                self.push(Block::Item { depth: 0, label, text: rest.to_owned() }, false);
                at += 1;
                continue;
            }
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
                Line::Item(depth, text) => {
                    let (label, rest) = split_label(text);
                    self.push(Block::Item { depth: *depth, label, text: rest.to_owned() }, false);
                    if let Some(marked) = self.marked.last_mut() {
                        *marked = true;
                    }
                    at += 1;
                }
                Line::Heading(level, text) => {
                    let (label, rest) = split_label(text);
                    self.push(Block::Heading { level: (*level).clamp(1, 3), label, text: rest.to_owned() }, false);
                    at += 1;
                }
                Line::Labelled(label, text) => {
                    self.read_text(Some(label.clone()), text, next, false);
                    at += 1;
                }
                Line::Strong(text) => {
                    let (label, rest) = split_label(text);
                    self.read_text(label, rest, next, true);
                    at += 1;
                }
                Line::Text(text) => {
                    let (label, rest) = split_label(text);
                    self.read_text(label, rest, next, false);
                    at += 1;
                }
            }
        }
    }

    /// Reads a line of text: `strong` when its type set it apart (bold or large).
    fn read_text(&mut self, label: Option<String>, rest: &str, next: Next, strong: bool) {
        if let Some(label) = label {
            let bare = super::blocks::label_id(&label);
            let parts = number_parts(&label).map(|p| p.len());
            let roman = is_roman(&bare);
            let capital = label.chars().any(|c| c.is_ascii_uppercase());
            let known = self.contents.contains(&entry_key(rest));
            // "These means of communication will include:" then "1. The newsletter", "2. …":
            // a numbered list under a lead-in, its entries no headings (a section's heading is
            // followed by its text).
            let after_lead_in =
                matches!(self.blocks.last(), Some(Block::Paragraph { text, .. }) if text.trim_end().ends_with(':'));
            if parts == Some(1) && (self.in_numbered_list || (after_lead_in && next != Next::Sentence)) && !known {
                self.push(Block::Item { depth: 0, label: Some(label), text: rest.to_owned() }, false);
                self.in_numbered_list = true;
                return;
            }
            if (parts.is_some() || roman || capital) && (known || numbered_heading_shape(rest)) {
                let level = match parts {
                    Some(parts) => u8::try_from(parts.min(3)).unwrap_or(3),
                    // "A." and "II." name a document's parts: above numbered sections, or below
                    // the last one.
                    None if capital => self.numbered_level.map_or(1, |l| (l + 1).min(3)),
                    None => self.numbered_level.map_or(2, |l| (l + 1).min(3)),
                };
                if parts.is_some() {
                    self.numbered_level = Some(level);
                }
                self.push(Block::Heading { level, label: Some(label), text: rest.to_owned() }, false);
            } else if parts.is_none() && !roman && !capital {
                // "a) …" typed by hand: a list item.
                self.push(Block::Item { depth: 0, label: Some(label), text: rest.to_owned() }, false);
            } else {
                self.push(Block::Paragraph { label: Some(label), text: rest.to_owned() }, false);
            }
            return;
        }
        let text = rest.trim().to_owned();
        if self.at_start() && heading_shape(&text) {
            // "Section A: General ICT Use Policy – Students" is a part's heading, not the title.
            // "School Internet Rules" as the document's first line is its title too.
            let lower = text.to_lowercase();
            // "Online safety (inc. mobile phones and cameras)" as the first line: a page titled
            // by what it governs.
            let names_its_rules = self.blocks.is_empty()
                && (["rules", "guidelines", "code of conduct", "protocol"].iter().any(|end| lower.ends_with(end))
                    || ["online safety", "e-safety", "esafety", "social media", "social networking"]
                        .iter()
                        .any(|start| lower.starts_with(start)));
            // "Policy statement", "Policy review": a section of the policy, not its name.
            let names_a_section = lower
                .strip_prefix("policy ")
                .is_some_and(|rest| !matches!(rest.split_whitespace().next(), Some("for" | "on" | "of" | "and")));
            // "Online safety (inc. use of mobile phones and cameras)" under the title "Online
            // Safety": a subtitle, set in bold ("Online Safety at Home" is a section).
            let title = self.blocks.iter().find_map(|b| match b {
                Block::Title(title) => Some(title.to_lowercase()),
                _ => None,
            });
            let subtitle = title.is_some_and(|title| {
                lower.strip_prefix(&title).is_some_and(|rest| rest.trim_start().starts_with(['(', ':', '-', '–']))
            });
            if subtitle {
                self.push(Block::Paragraph { label: None, text: format!("**{text}**") }, false);
                return;
            }
            // "Using this policy" speaks of the policy: a section's heading, not its name.
            let names_policy =
                lower.contains("policy") && !lower.contains("this policy") && !names_a_section && !is_section(&text);
            // Not a line after a section has begun ("School Policy" under "Mobile Phones" and its
            // paragraph): a section's heading there. (A cookie notice before the title is no
            // section.)
            let text_begun = self.blocks.iter().skip_while(|b| !matches!(b, Block::Heading { .. })).any(
                |b| matches!(b, Block::Paragraph { label: None, text } if word_count(text) >= 8 && ends_sentence(text)),
            );
            if !self.has_title && !text_begun && (names_policy || names_its_rules) {
                self.title_from_topic = !names_policy;
                self.push(Block::Title(text), false);
                return;
            }
            // "Social Networking and Mobile Phones" over "Social Networking and Mobile Phone
            // Policy for Parents": the line naming the policy and whom it is for is the title
            // (one naming no one, "Online Safety Policy", is the first section's heading).
            let names_audience = ["parents", "carers", "staff", "pupils", "children", "students", "employees"]
                .iter()
                .any(|audience| lower.split(|c: char| !c.is_alphabetic()).any(|word| word == *audience));
            if self.title_from_topic && names_policy && names_audience {
                for block in &mut self.blocks {
                    if let Block::Title(topic) = block {
                        *block = Block::Paragraph { label: None, text: std::mem::take(topic) };
                    }
                }
                self.title_from_topic = false;
                self.push(Block::Title(text), false);
                return;
            }
            if super::names::names_a_school(&text) {
                self.push(Block::Paragraph { label: None, text }, false);
                return;
            }
        }
        if self.contents.contains(&entry_key(&text)) {
            let level = if is_section(&text) { 1 } else { self.numbered_level.map_or(1, |l| (l + 1).min(3)) };
            if is_section(&text) {
                self.numbered_level = Some(1);
            }
            self.push(Block::Heading { level, label: None, text }, false);
            return;
        }
        if is_section(&text) {
            self.numbered_level = Some(1);
            self.push(Block::Heading { level: 1, label: None, text }, false);
            return;
        }
        // "Teachers agree to:" … "Learners agree to:": each party's part of an agreement.
        if next == Next::List && self.agreement_parts && agreeing_party(&text).is_some() {
            let level = self.numbered_level.map_or(1, |l| (l + 1).min(3));
            self.push(Block::Heading { level, label: None, text }, false);
            return;
        }
        if next == Next::List && self.no_headings_yet() && names_one_audience(&text) {
            self.lead_in_headings += 1;
            self.push(Block::Heading { level: 1, label: None, text }, false);
            return;
        }
        if strong && heading_shape(&text) && !self.in_form {
            let level = self.numbered_level.map_or(1, |l| (l + 1).min(3));
            self.push(Block::Heading { level, label: None, text }, false);
            return;
        }
        let appendix = is_appendix(&text);
        let topic = topic_label(&text, next == Next::List);
        let explains = next == Next::Sentence && question_lead_in(&text);
        if (titled_lead_in(&text) || question_heading(&text) || explains || topic) && !self.in_form {
            let level = self.numbered_level.map_or(1, |l| (l + 1).min(3));
            self.push(Block::Heading { level, label: None, text }, true);
            return;
        }
        // "Staying Safe" over the rules of a pupils' agreement, "For Parents:" over a paragraph:
        // in a form, a line in title case over a list or a sentence names a part of it; the
        // form's fields ("Name of child", "Signed") are followed by other fields.
        // So does "Key Stage 1" over its own rules' heading, numbered like another part.
        let numbered_part = heading_shape(&text) && self.numbered_alike.contains(&part_key(&text));
        // "Safeguarding and privacy" over a sentence or a list in a user agreement heads its part; a field
        // to fill in ("Child's name") is no heading, whatever follows it, nor is one of a list of
        // aims ("To publicise academy events").
        let heads_a_part =
            next != Next::Other && heading_shape(&text) && !names_a_field(&text) && !text.starts_with("To ");
        if self.in_form
            && (numbered_part
                || heads_a_part
                || (next != Next::Other
                    && ((heading_shape(&text) && is_title_case(&text))
                        || purpose_lead_in(&text)
                        || (titled_lead_in(&text) && next == Next::Sentence))))
        {
            self.push(Block::Heading { level: 2, label: None, text }, true);
            return;
        }
        if (heading_shape(&text) || appendix) && (!self.in_form || appendix || is_form_title(&text)) {
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

/// "Section 3: Safer Social Media Practice", "Part 2 – Staff": a heading that names its number
/// in words.
fn is_section(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let Some(rest) = ["section ", "part "].iter().find_map(|p| lower.strip_prefix(p)) else { return false };
    let number: String = rest.chars().take_while(char::is_ascii_alphanumeric).collect();
    let after = rest[number.len()..].trim_start();
    !number.is_empty()
        && number.len() <= 4
        && (number.bytes().all(|b| b.is_ascii_digit()) || is_roman(&number) || number.len() == 1)
        && (after.is_empty() || after.starts_with([':', '.', '-', '–', '—']))
        && word_count(text) <= 12
}

/// "Appendix 3 – …": always a heading of its own.
pub(crate) fn is_appendix(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    lower.strip_prefix("appendix").is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\u{a0}']))
}

/// A line that could be a heading: a few words, capitalised, no sentence punctuation, no date.
fn heading_shape(text: &str) -> bool {
    // "🚫 Don'ts for Children": a web page's emoji before a heading is no word of it.
    let text = text.trim_start_matches(is_emoji).trim_start();
    let words = word_count(text);
    // "eSafety Top Tips", "e-Safety Policy", "iPad Rules": a first word capitalised inside counts.
    let first_upper = text.starts_with(char::is_uppercase) || capitalised_inside(text);
    let has_year =
        text.split(|c: char| !c.is_ascii_digit()).any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    // A colon in brackets ("(Source: NAHT guidance)") is a reference, not a lead-in.
    let outside_brackets: String = {
        let mut depth = 0usize;
        text.chars()
            .filter(|c| {
                match c {
                    '(' => depth += 1,
                    ')' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                depth == 0
            })
            .collect()
    };
    // A long line is a heading only if it has no verb of a sentence: "The use of social media
    // sites by pupils whilst at school" is one, "Social media refers to apps and websites that
    // allow people to interact" (cut short) is not.
    const SENTENCE_VERBS: [&str; 14] = [
        "is", "are", "was", "were", "refers", "means", "has", "have", "can", "allow", "allows", "include", "includes",
        "may",
    ];
    let long_sentence =
        words > 10 && text.split_whitespace().any(|w| SENTENCE_VERBS.contains(&w.to_lowercase().as_str()));
    (1..=12).contains(&words)
        && !long_sentence
        && first_upper
        && !(words >= 5 && starts_with_instruction(text))
        && !is_sentence_on_its_own(text)
        && (!outside_brackets.contains(':') || colon_heading(&outside_brackets))
        && (!text.trim_end_matches(['*', ' ']).ends_with(['.', ',', ';', '?', '!']) || names_its_rules(text))
        && !ends_in_dash(text)
        && !ends_in_conjunction(text)
        && (!has_year || is_appendix(text))
}

/// "Always ask your parent's permission before using the internet": a rule on a line of its
/// own, unpunctuated, is an instruction, not a heading ("Keep Safe Online", shorter, may be one).
fn starts_with_instruction(text: &str) -> bool {
    const INSTRUCTIONS: [&str; 20] = [
        "always", "never", "do", "don't", "dont", "make", "ask", "only", "tell", "show", "keep", "use", "remember",
        "think", "check", "stop", "report", "avoid", "ensure", "please",
    ];
    let mut words = text.split_whitespace().map(|w| w.to_lowercase().replace('’', "'"));
    let first = words.next().unwrap_or_default();
    // "Use of social media sites by employees": a topic, not an instruction.
    INSTRUCTIONS.contains(&first.as_str()) && words.next().is_none_or(|second| second != "of")
}

/// "I will not access other people's files", "The messages I send will be polite and sensible":
/// a pledge, or a sentence with its modal in lower case, on a line of its own, unpunctuated. Not
/// "How We Will Use Social Media", a title.
fn is_sentence_on_its_own(text: &str) -> bool {
    const PLEDGES: [&str; 12] =
        ["will", "won't", "can", "cannot", "am", "know", "understand", "agree", "must", "should", "promise", "have"];
    const MODALS: [&str; 5] = ["will", "must", "should", "shall", "cannot"];
    let words: Vec<&str> = text.split_whitespace().collect();
    let pledge =
        words.first() == Some(&"I") && words.get(1).is_some_and(|w| PLEDGES.contains(&w.replace('’', "'").as_str()));
    // "These rules help us to stay safe on the Internet", "It is important that …": a pronoun
    // and a verb in lower case, as a sentence starts; not "These Rules" or "We Are SMART".
    const PRONOUNS: [&str; 6] = ["These", "This", "It", "They", "We", "Those"];
    // "Securus software is used within school which highlights any misuse": a passive verb
    // ("is used", "are monitored") in a line of seven words or more; not "What is expected of
    // pupils", a question's heading.
    const WH: [&str; 6] = ["What", "How", "Why", "When", "Where", "Who"];
    let passive_sentence = words.len() >= 7
        && !words.first().is_some_and(|w| WH.contains(w))
        && words
            .windows(2)
            .any(|w| matches!(w[0], "is" | "are" | "was" | "were") && w[1].len() >= 4 && w[1].ends_with("ed"));
    let pronoun_sentence = words.len() >= 5
        && words.first().is_some_and(|w| PRONOUNS.contains(w))
        && words.get(1).is_some_and(|w| w.starts_with(char::is_lowercase));
    pledge
        || pronoun_sentence
        || passive_sentence
        || (words.len() >= 4 && words.iter().skip(1).any(|w| MODALS.contains(w)))
}

/// "Guidelines for Parents/Guardians using Seesaw.": a short line that names the rules that
/// follow is a heading even with a full stop.
fn names_its_rules(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    word_count(text) <= 8
        && lower.ends_with('.')
        && ["guidelines for ", "rules for ", "guidance for ", "expectations for ", "code of conduct for "]
            .iter()
            .any(|start| lower.starts_with(start))
}

/// "Acceptable use of the internet: agreement for parents and carers": a title of two words or
/// more and a subtitle of three or more either side of one colon; not "Author: Tim Davis" or
/// "Note: staff must …".
fn colon_heading(text: &str) -> bool {
    let Some((title, subtitle)) = text.split_once(':') else { return false };
    let subtitle = subtitle.trim();
    !subtitle.contains(':')
        && word_count(title) >= 2
        && word_count(subtitle) >= 3
        // A quotation after the colon is what the title names ("Our motto: \"…\""), not a subtitle.
        && !subtitle.starts_with(['"', '“', '‘', '\''])
        && !subtitle.chars().any(|c| c.is_ascii_digit())
}

/// "Our Expectations:", "Behaviour That Will Not Be Tolerated:": a short line in title case
/// ending in ':' heads a section; "Staff must not:" or "Parents are asked to:" leads a list.
fn titled_lead_in(text: &str) -> bool {
    let Some(stripped) = text.trim_end().strip_suffix(':') else { return false };
    let words: Vec<&str> = stripped.split_whitespace().collect();
    (2..=8).contains(&words.len())
        && !stripped.contains(':')
        && (is_title_case(stripped) || for_whom(&words) || purpose_lead_in(text) || names_what_follows(&words))
}

/// "Behaviour that will not be tolerated:", "Content which is not allowed:": a thing and what is
/// said of it, which names the list below; not "Staff must not:", a sentence it completes.
fn names_what_follows(words: &[&str]) -> bool {
    words.len() >= 3
        && words[0].starts_with(char::is_uppercase)
        && matches!(words[1], "that" | "which")
        && !matches!(words[0].to_lowercase().as_str(), "it" | "this" | "we" | "i" | "please" | "note" | "remember")
}

/// "For my own personal safety:", "For the safety of everyone:": what the rules below are for,
/// with no verb of its own, heads them (acceptable-use agreements are set out so); not "For
/// example:" or "For more information:".
fn purpose_lead_in(text: &str) -> bool {
    const NOT_A_PURPOSE: [&str; 6] = ["example", "instance", "more", "further", "details", "information"];
    let Some(stripped) = text.trim_end().strip_suffix(':') else { return false };
    let words: Vec<String> = stripped.split_whitespace().map(str::to_lowercase).collect();
    (3..=6).contains(&words.len())
        && stripped.starts_with("For ")
        && !stripped.contains([',', ':'])
        && !NOT_A_PURPOSE.contains(&words[1].as_str())
        && !words.iter().any(|w| MODALS.contains(&w.as_str()) || matches!(w.as_str(), "include" | "includes"))
}

/// "Using Technology Kindly", "What Happens If I Forget the Rules": two words or more, each
/// capitalised but the small ones between.
fn is_title_case(text: &str) -> bool {
    const SMALL: [&str; 13] = ["a", "an", "the", "of", "and", "for", "to", "in", "on", "with", "by", "at", "or"];
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() >= 2
        && words
            .iter()
            .all(|w| SMALL.contains(w) || w.chars().next().is_some_and(|c| c.is_uppercase() || !c.is_alphabetic()))
}

/// The verbs that make a short line a sentence rather than a name: "Staff must not:", "Pupils
/// are:" lead into what follows; "Use by staff:" names it.
const MODALS: [&str; 10] = ["must", "should", "will", "can", "may", "are", "is", "shall", "need", "have"];

/// The words a question starts with that a lead-in ending ':' can start with too.
const QUESTION_WORDS: [&str; 6] = ["what", "who", "why", "how", "when", "where"];

/// "Internet use:", "Information Communication Technology (ICT) equipment:": a short line that
/// names a topic, with no verb, heads what follows. Over a list too ("Privacy settings:", "For
/// my own personal safety:"), but not when it only announces the list ("The school uses the
/// following channels:", "Please note:", "On this page:"). Not "Staff must not:", "For example:".
fn topic_label(text: &str, over_list: bool) -> bool {
    const MORE_VERBS: [&str; 16] = [
        "has",
        "do",
        "does",
        "include",
        "includes",
        "agree",
        "not",
        "to",
        "be",
        "follow",
        "understands",
        "understand",
        "states",
        "considers",
        "require",
        "uses",
    ];
    const NOT_TOPICS: [&str; 9] =
        ["for example", "e.g", "such as", "including", "these", "this", "the following", "as follows", "below"];
    const ANNOUNCING: [&str; 7] = ["please", "when", "if", "in ", "on this", "related", "contents"];
    let Some(stripped) = text.trim_end().strip_suffix(':') else { return false };
    let lower = stripped.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let announces = ANNOUNCING.iter().any(|a| lower.starts_with(a)) || words.contains(&"following");
    let most_words = if over_list { 10 } else { 6 };
    let names_a_topic = !over_list || !announces;
    (1..=most_words).contains(&words.len())
        && names_a_topic
        && stripped.starts_with(char::is_uppercase)
        && !stripped.contains(':')
        && !words
            .iter()
            .any(|w| MODALS.contains(w) || MORE_VERBS.contains(w) || matches!(*w, "i" | "we" | "you" | "they"))
        && !NOT_TOPICS.iter().any(|n| lower.starts_with(n))
}

/// "Use by staff:", "Photographs for parents/carers:": a short line naming a topic and whom it
/// is for, with no verb of its own, heads that audience's section.
fn for_whom(words: &[&str]) -> bool {
    const WHOM: [&str; 9] =
        ["staff", "parents", "parents/carers", "carers", "pupils", "children", "students", "visitors", "volunteers"];
    words.len() <= 5
        && words.first().is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words.windows(2).any(|w| matches!(w[0], "by" | "for") && WHOM.contains(&w[1].to_lowercase().as_str()))
        && !words.iter().any(|w| MODALS.contains(&w.to_lowercase().as_str()))
}

/// "What is Twitter?", "Who controls content for @school?": a question on a line of its own,
/// answered by what follows, heads a section (web pages written as questions and answers).
fn question_heading(text: &str) -> bool {
    const ASKING: [&str; 8] = ["which", "will", "can", "do", "does", "is", "are", "should"];
    let trimmed = text.trim_end();
    let first = trimmed.split_whitespace().next().unwrap_or_default().to_lowercase();
    trimmed.ends_with('?')
        && trimmed.matches('?').count() == 1
        && (2..=16).contains(&word_count(trimmed))
        && trimmed.chars().next().is_some_and(char::is_uppercase)
        && (QUESTION_WORDS.contains(&first.as_str()) || ASKING.contains(&first.as_str()))
}

/// Whether a form's line asks for something to be filled in: a name, a signature, a date.
fn names_a_field(text: &str) -> bool {
    const FIELDS: [&str; 16] = [
        "name",
        "names",
        "signature",
        "signed",
        "sign",
        "date",
        "class",
        "year",
        "form",
        "address",
        "telephone",
        "phone",
        "email",
        "e-mail",
        "relationship",
        "birth",
    ];
    super::wording::words(text).iter().any(|w| FIELDS.contains(&w.as_str()))
}

/// "Why the Internet and digital communications are important:" over the paragraph that
/// answers it: a question put as a lead-in heads its section.
fn question_lead_in(text: &str) -> bool {
    let trimmed = text.trim_end();
    let first = trimmed.split_whitespace().next().unwrap_or_default();
    trimmed.ends_with(':')
        && trimmed.matches(':').count() == 1
        && (3..=12).contains(&word_count(trimmed))
        && first.starts_with(char::is_uppercase)
        && QUESTION_WORDS.contains(&first.to_lowercase().as_str())
}

/// The words after a number that make a heading: short, not a sentence ("Be kind:" is one).
fn numbered_heading_shape(text: &str) -> bool {
    let words = word_count(text);
    let trimmed = text.trim_end_matches(['*', ' ']);
    (1..=12).contains(&words)
        && text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !trimmed.ends_with(['.', ',', ';'])
        && (!trimmed.ends_with(':') || words <= 6)
        && !ends_in_conjunction(trimmed)
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
        Line::Text(text)
        | Line::Tab(text)
        | Line::Strong(text)
        | Line::Bullet(text)
        | Line::Item(_, text)
        | Line::Heading(_, text) => text.trim(),
        Line::Labelled(_, text) => text.trim(),
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
    // The headings as first read, each as a part's key, to tell a document's parts: "Key Stage
    // 1" … "Key Stage 2".
    let parts =
        numbered_alike(blocks.iter().filter(|b| matches!(b, Block::Heading { .. })).map(|b| part_key(&b.text())));
    let is_part = |key: &str| parts.contains(key);
    // Headings that come again ("Our Rules" under each key stage) head no section of one heading.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for block in blocks.iter().filter(|b| matches!(b, Block::Heading { .. })) {
        *seen.entry(block.text().to_lowercase()).or_default() += 1;
    }
    let comes_again = |text: &str| seen.get(&text.to_lowercase()).is_some_and(|count| *count > 1);
    // A copy that stops mid-sentence ("If a student needs to contac", "All photographs are st")
    // ends in a line read by its shape as a heading, or as a paragraph that is no sentence: it is
    // the text of the heading above it. Not a line in title case ("Mrs Jane Smith And The
    // Governors", a footer's name).
    let cut_off = blocks.len().checked_sub(1).filter(|&last| {
        let text = blocks[last].text();
        let shape = match &blocks[last] {
            Block::Heading { label: None, .. } => guessed[last],
            Block::Paragraph { label: None, .. } => !ends_sentence(&text),
            _ => false,
        };
        shape && word_count(&text) >= 2 && !is_title_case(&text) && text.starts_with(char::is_uppercase)
    });
    if let Some(last) = cut_off {
        blocks[last] = Block::Paragraph { label: None, text: blocks[last].text() };
        guessed[last] = false;
    }
    for at in 0..blocks.len() {
        let Block::Heading { level, label: None, text } = &blocks[at] else { continue };
        let (level, text) = (*level, text.clone());
        // Not "For Parents:" under the form's heading: a lead-in heads a part of it.
        let after_appendix = at > 0
            && !text.trim_end().ends_with(':')
            && matches!(&blocks[at - 1], Block::Heading { text: before, label: None, .. }
                if is_appendix(before) || (is_form_title(before) && !is_form_title(&text)));
        let after_form_heading =
            at > 0 && matches!(&blocks[at - 1], Block::Heading { text: before, .. } if is_form_title(before));
        // Not "Key Stage 1", the form's first part, numbered like another.
        if !is_appendix(&text)
            && !is_part(&part_key(&text))
            && (after_appendix || (after_form_heading && is_form_title(&text)))
        {
            blocks[at] = Block::Paragraph { label: None, text: format!("**{text}**") };
            guessed[at] = false;
            continue;
        }
        if !guessed[at] {
            continue;
        }
        // "Online Safety" over "Online safety (inc. use of mobile phones …)": the second says
        // the first again at more length, its subtitle.
        if let Some(Block::Heading { text: next, label: None, .. }) = blocks.get(at + 1)
            && next.to_lowercase().starts_with(&format!("{} ", text.to_lowercase()))
        {
            blocks[at + 1] = Block::Paragraph { label: None, text: format!("**{next}**") };
            guessed[at + 1] = false;
        }
        // "Key Stage 1" straight over "Online Rules": a part of the document, its own heading
        // below it, when another heading is numbered alike ("Key Stage 2"). (A heading below
        // that comes again is no sign: "Policy date" repeats under each cover page's lines.)
        // Not "Issuu on Google+" (a page's own line) over "Key Stage 1", itself a part.
        let heads_a_part = |next: &str| {
            let (key, next_key) = (part_key(&text), part_key(next));
            key != next_key && is_part(&key) && !is_part(&next_key)
        };
        if level < 3
            && let Some(Block::Heading { level: next_level, text: next, .. }) = blocks.get_mut(at + 1)
            && *next_level == level
            && heads_a_part(next)
        {
            *next_level = level + 1;
        }
        // "Teaching and learning" straight over "Why the Internet is important" and its text,
        // both read by their shape: a section and its first subsection. (Not a motto over the
        // first numbered heading, a page's own line over a document's part, nor a line over a
        // heading that comes again.)
        if level < 3
            && guessed.get(at + 1) == Some(&true)
            && blocks.get(at + 2).is_some_and(is_content)
            && let Some(Block::Heading { level: next_level, label: None, text: next }) = blocks.get_mut(at + 1)
            && *next_level == level
            && !is_part(&part_key(next))
            && !comes_again(next)
        {
            *next_level = level + 1;
        }
        // A heading is followed by what it heads: content or a heading below it; not by another
        // heading at its level.
        let heads_something = match blocks.get(at + 1) {
            Some(Block::Heading { level: next, .. }) => *next > level,
            Some(block) => is_content(block) || cut_off == Some(at + 1),
            None => false,
        };
        if !heads_something {
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

/// Whether a block is what a heading heads: prose, a list or a table; not a short line that is
/// no sentence ("Governing Body" above "FGB 22.11.2022" in a version table) nor a title.
fn is_content(block: &Block) -> bool {
    match block {
        Block::Title(_) | Block::Heading { .. } => false,
        Block::Paragraph { text, .. } => word_count(text) >= 8 || ends_sentence(text),
        _ => true,
    }
}

/// The part keys ([`part_key`]) with a number that come twice or more among `keys`: "Key
/// Stage 1" and "Key Stage 2".
fn numbered_alike(keys: impl Iterator<Item = String>) -> HashSet<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for key in keys.filter(|key| key.contains('#')) {
        *seen.entry(key).or_default() += 1;
    }
    seen.into_iter().filter(|(_, count)| *count >= 2).map(|(key, _)| key).collect()
}

/// A heading's words for comparing parts: lowercase, curly apostrophes straight, and each
/// number `#` ("Key Stage 1" and "Key Stage 2" are both "key stage #").
fn part_key(text: &str) -> String {
    text.split_whitespace()
        .map(|word| {
            let word = word.to_lowercase().replace('’', "'");
            if word.chars().all(|c| c.is_ascii_digit()) { "#".to_owned() } else { word }
        })
        .collect::<Vec<_>>()
        .join(" ")
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
fn nest_items(blocks: &mut [Block], marked: &[bool]) -> usize {
    let mut nested = 0;
    let mut inner: Option<ItemStyle> = None;
    for at in 0..blocks.len() {
        let next_is_item = matches!(blocks.get(at + 1), Some(Block::Item { .. }));
        let Block::Item { depth, text, .. } = &mut blocks[at] else {
            inner = None;
            continue;
        };
        // The markup gave the list's nesting.
        if marked.get(at).copied().unwrap_or(false) {
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

    /// The texts of the headings read.
    fn heading_texts(blocks: &[Block]) -> Vec<&str> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_part_numbered_like_another_heads_the_heading_below_it() {
        // "Year 2" and "Year 6" are numbered alike: the document's parts.
        let text = "Year 2\n\nOur Rules\n\nWe ask a grown-up before we go online today.\n\n\
                    Year 6\n\nOur Rules\n\nWe keep our passwords secret from everyone.\n";
        assert_eq!(
            blocks(text)[..3],
            [
                heading(1, None, "Year 2"),
                heading(2, None, "Our Rules"),
                paragraph(None, "We ask a grown-up before we go online today.")
            ]
        );
        // So are "Stage 1" and "Stage 2", though what each heads differs.
        let text = "Stage 1\n\nStaying Safe\n\nWe only use the internet with an adult.\n\n\
                    Stage 2\n\nWe ask before we download anything at all.\n";
        let read = blocks(text);
        assert_eq!(read[..2], [heading(1, None, "Stage 1"), heading(2, None, "Staying Safe")]);
        assert_eq!(read[3], heading(1, None, "Stage 2"));
        // A page's own line over the first part is no part either.
        let text = "Share on Facebook\n\nLevel 1\n\nWe only use the internet with an adult.\n\n\
                    Level 2\n\nWe ask before we download anything at all.\n";
        assert_eq!(blocks(text)[..2], [paragraph(None, "Share on Facebook"), heading(1, None, "Level 1")]);
        // A motto over a heading is no part, nor a line over a heading that comes again.
        let text = "Learn Grow Shine\n\nOnline Safety\n\nPupils must not share their passwords online.\n\n\
                    Be Kind\n\nOnline Safety\n\nPupils must not post photos of others.\n";
        let read = blocks(text);
        assert_eq!(read[0], paragraph(None, "Learn Grow Shine"));
        assert_eq!(read[3], paragraph(None, "Be Kind"));
    }

    #[test]
    fn an_agreements_parts_numbered_alike_are_its_headings() {
        let text = "Online Safety Agreement\n\nKey Stage 1\n\nOur Rules\n\nThese are our rules for the internet.\n\n\
                    Key Stage 2\n\nOur Rules\n\nThese are our rules for the internet too.\n\nSigned\n\nDate\n";
        let read = blocks(text);
        assert_eq!(read[0], Block::Title("Online Safety Agreement".to_owned()));
        assert_eq!(read[1..3], [heading(1, None, "Key Stage 1"), heading(2, None, "Our Rules")]);
        assert_eq!(read[4..6], [heading(1, None, "Key Stage 2"), heading(2, None, "Our Rules")]);
    }

    #[test]
    fn a_repeated_line_a_sentence_goes_on_from_is_no_page_furniture() {
        let pledge = |rest: &str| format!("-\nI understand\nthat {rest}\n");
        let understood: String = [
            "I must not bring in software.",
            "the school may check my files.",
            "I may lose the use of the Internet.",
            "my teacher can see my e-mail.",
        ]
        .iter()
        .map(|rest| pledge(rest))
        .collect();
        // Enough other lines that four repeats could be a header, page after page.
        let others: String =
            ["ask", "share", "post", "search", "chat", "print", "save", "send", "film", "play", "type", "click"]
                .iter()
                .map(|verb| format!("-\nI will {verb} only with a teacher's permission.\n"))
                .collect();
        let read = blocks(&format!("{others}{understood}"));
        assert_eq!(read.len(), 16, "{read:?}");
        assert_eq!(read[13], item(0, "I understand that the school may check my files."));
    }

    #[test]
    fn a_line_starting_like_a_sentence_is_no_heading() {
        let text = "Think then Click\n\nThese rules help us to stay safe on the Internet\n\n\
                    We only use the internet when an adult is with us.\n";
        assert_eq!(
            blocks(text),
            [
                heading(1, None, "Think then Click"),
                paragraph(None, "These rules help us to stay safe on the Internet"),
                paragraph(None, "We only use the internet when an adult is with us.")
            ]
        );
        assert!(heading_shape("These Rules") && heading_shape("We Are SMART Online"));
        // A passive verb makes a long line a sentence; a question's heading stays one.
        assert!(!heading_shape("Filtering software is used within school which highlights any misuse"));
        assert!(heading_shape("What is expected of pupils and staff online"));
    }

    #[test]
    fn a_bullet_alone_on_its_line_marks_the_next_line() {
        let text = "Our Golden Rules - KS1\n-\nWe only go online with an adult.\n-\nWe are always polite online.\n\
                    Our Golden Rules - KS2\n-\nWe ask before using the internet.\n";
        assert_eq!(
            blocks(text),
            [
                heading(1, None, "Our Golden Rules - KS1"),
                item(0, "We only go online with an adult."),
                item(0, "We are always polite online."),
                heading(1, None, "Our Golden Rules - KS2"),
                item(0, "We ask before using the internet.")
            ]
        );
    }

    #[test]
    fn a_first_line_naming_a_set_of_rules_is_the_title() {
        let read = blocks("Blogging Rules\n\nNever write anything rude about anyone.\n");
        assert_eq!(read[0], Block::Title("Blogging Rules".to_owned()));
        // Further down, such a line heads its section.
        let read = blocks("Online Safety Policy\n\nEmail Rules\n\nNever open an email from a stranger.\n");
        assert_eq!(read[1], heading(1, None, "Email Rules"));
        // A first line naming what the page governs is its title; "Policy statement" is a
        // section, not the policy's name.
        let read = blocks(
            "Online safety (inc. mobile phones and cameras)\n\nPolicy statement\n\nWe keep children safe online.\n",
        );
        assert_eq!(read[0], Block::Title("Online safety (inc. mobile phones and cameras)".to_owned()));
        assert_eq!(read[1], heading(1, None, "Policy statement"));
        // A line soon after naming the policy and whom it is for takes the title's place.
        let read = blocks(
            "Social Networking and Mobile Phones\n\nSocial Networking and Mobile Phone Policy for Parents\n\n\
             Parents must not post photos of other children.\n",
        );
        assert_eq!(read[0], paragraph(None, "Social Networking and Mobile Phones"));
        assert_eq!(read[1], Block::Title("Social Networking and Mobile Phone Policy for Parents".to_owned()));
        // One naming no one heads the first section.
        let read = blocks("Online Safety\n\nOnline Safety Policy\n\nChildren must not share passwords.\n");
        assert_eq!(read[..2], [Block::Title("Online Safety".to_owned()), heading(1, None, "Online Safety Policy")]);
    }

    #[test]
    fn a_bullet_with_no_space_after_it_is_a_bullet() {
        let text = "Pupils must:\n•Only use your first name online\n•Ask before you post a photo\n";
        assert_eq!(
            blocks(text),
            [
                heading(1, None, "Pupils must:"),
                item(0, "Only use your first name online"),
                item(0, "Ask before you post a photo")
            ]
        );
    }

    #[test]
    fn a_contents_list_whose_entries_never_come_again_ends_at_its_page_numbers() {
        // A stored opening that stops before the first entry's section: the list ends at the
        // first line with no page number, however long its entries.
        let text = "Online Safety Policy\nContents\n2. Legislation and guidance. 4\n\
                    Appendix 2: KS2, KS3 and KS4 acceptable use agreement (pupils and parents/carers) 14\n\
                    1. Aims\nPupils must not share passwords online.\n";
        let read = read(text);
        assert!(
            !read.blocks.iter().any(|b| b.text().contains("Appendix") || b.text().contains("Legislation")),
            "{:?}",
            read.blocks
        );
        assert!(read.blocks.contains(&heading(1, Some("1."), "Aims")), "{:?}", read.blocks);
    }

    #[test]
    fn what_each_party_agrees_to_heads_its_part_of_an_agreement() {
        let text = "Live Online Session Agreement\n\nAgreement between Home and School for Live Sessions\n\n\
                    Teachers agree to:\n\n  • Discuss expectations at the start of every session\n\n\
                    Learners agree to:\n\n  • Be punctual for all sessions\n  • Not share images of the class\n\n\
                    Parents & carers to:\n\n  • Be present for the whole session\n";
        let headings = heading_texts(&blocks(text)).into_iter().map(str::to_owned).collect::<Vec<_>>();
        for part in ["Teachers agree to:", "Learners agree to:", "Parents & carers to:"] {
            assert!(headings.iter().any(|h| h == part), "{part}: {headings:?}");
        }
        // One party's pledges alone are a lead-in over its list, as before.
        let pledges = "Online Safety Rules\n\nIntroduction\n\nThese rules keep us safe online.\n\n\
                       As a pupil, I agree to:\n\n  • Keep my password secret\n";
        assert_eq!(heading_texts(&blocks(pledges)), ["Introduction"]);
    }

    #[test]
    fn unnumbered_headings_run_into_a_long_paragraph_are_split_out() {
        // A document site ran the contract into one paragraph: its headings sit between one
        // sentence's end and the next sentence's opening word.
        let text = "iPad Responsible Use Contract\n\nBackground The school will provide an iPad for every pupil \
                    in P5 for school and home use as part of a pilot project. This contract covers the handling \
                    and use of these devices. General Guidelines All pupils are allowed access to electronic \
                    resources unless the school is told otherwise in writing. Monitored Use All files stored on \
                    the system are the property of the school. Pupils must not post photos of other pupils \
                    online. Ownership and Care Each iPad is the property of the school. Pupils should not swap \
                    iPads with another pupil or share their passwords. Home Charging The School Office lends \
                    chargers to pupils who need one.\n";
        let read = read(text);
        assert_eq!(
            heading_texts(&read.blocks),
            [
                "iPad Responsible Use Contract",
                "Background",
                "General Guidelines",
                "Monitored Use",
                "Ownership and Care",
                // The sentence after it opens "The School Office lends …": lower case comes
                // within three words.
                "Home Charging"
            ]
        );
        assert!(read.blocks.contains(&paragraph(None, "Each iPad is the property of the school. Pupils should not swap iPads with another pupil or share their passwords.")));
        // One such heading alone is no sign of a paragraph run together: "Mrs Smith Each year …"
        // stays as written.
        let one = "Online Safety Policy\n\nOur pupils learn to stay safe online in every year of the school, \
                   from the nursery class to Year 6, through lessons, assemblies and visits from the police \
                   and from charities. Mrs Smith Each year the computing leader reviews this policy with \
                   the governors and the staff, and writes to parents about what has changed and why it \
                   changed, so that families can talk about it at home with their children.\n";
        assert!(heading_texts(&blocks(one)).is_empty(), "{:?}", blocks(one));
    }

    #[test]
    fn a_section_noun_run_into_its_text_is_a_heading_alone() {
        // A PDF's converter ran each heading into its first sentence: a section's noun
        // ("Background", "Rationale", "NSPCC Guidance") is sign enough, even once in a
        // paragraph and before a name or a word no list of openers holds.
        let text = "iPad Contract\n\nBackground Sciennes Primary School will provide an iPad for every pupil in P5.\n\n\
                    Pupils will keep their iPads in their cases. Rationale Mobile phones include many functions \
                    such as a camera and access to the internet.\n\n\
                    NSPCC Guidance The NSPCC gives useful advice for parents about online safety.\n";
        let read = read(text);
        assert_eq!(heading_texts(&read.blocks), ["iPad Contract", "Background", "Rationale", "NSPCC Guidance"]);
        assert!(
            read.blocks
                .contains(&paragraph(None, "Sciennes Primary School will provide an iPad for every pupil in P5."))
        );
        // Not a title of its own nor a sentence that opens on such a noun.
        let titled = "Online Safety\n\nBackground Information\n\nBackground checks are made on all staff \
                      and volunteers before they start.\n";
        assert_eq!(heading_texts(&blocks(titled)), ["Background Information"]);
    }

    #[test]
    fn a_line_naming_a_policy_after_a_section_has_begun_is_a_heading() {
        // The page has no title; its third section is "School Policy".
        let text = "Mobile Phones\n\nThe school policy on mobile phones is very clear and is explained to all pupils.\n\n\
                    School Policy\n\nPupils must not use their phones in class or in the corridors.\n";
        let read = read(text);
        assert!(!read.blocks.iter().any(|b| matches!(b, Block::Title(_))), "{:?}", read.blocks);
        assert_eq!(heading_texts(&read.blocks), ["Mobile Phones", "School Policy"]);
        // A cookie notice before the policy's name is no section: the name is the title.
        let noticed = "We use cookies to improve our site. By browsing on you accept the use of cookies.\n\n\
                       Social Networking Websites Policy\n\nStaff must not accept pupils as friends online.\n";
        assert!(blocks(noticed).contains(&Block::Title("Social Networking Websites Policy".to_owned())));
    }

    #[test]
    fn a_heading_over_a_last_sentence_cut_off_heads_it() {
        // A stored copy that stops mid-word: the heading above its last line still heads it, and
        // the cut line is no heading.
        let text = "Mobile Phone Rules\n\nIn School\n\nStudents must not use their phones in lessons.\n\n\
                    Contacting Home/A Student\n\nIf a student needs to contac\n";
        let read = read(text);
        assert_eq!(heading_texts(&read.blocks), ["In School", "Contacting Home/A Student"]);
        assert_eq!(read.blocks.last(), Some(&paragraph(None, "If a student needs to contac")));
        // A heading over the copy's last paragraph, cut short before its first sentence ends,
        // heads it.
        let short = "Mobile Phone Rules\n\nIn School\n\nStudents must not use their phones in lessons.\n\n\
                     Information storage\n\nAll photographs are st\n";
        assert_eq!(heading_texts(&blocks(short)), ["In School", "Information storage"]);
        // A last line in title case, the document's own (a footer's name), heads nothing.
        let signed = "Mobile Phone Rules\n\nIn School\n\nStudents must not use their phones in lessons.\n\n\
                      Headteacher\n\nMrs Jane Smith And The Governors\n";
        assert_eq!(heading_texts(&blocks(signed)), ["In School"]);
    }

    #[test]
    fn a_table_of_contents_box_over_one_heading_is_no_list() {
        // A web page's contents box, its links not stored: the line under it is the first
        // heading, followed by its text.
        let text = "Internet Use Policy\n\nTable of Contents\n\nNSPCC Sexting Survey & Advice\n\n\
                    The NSPCC gives advice to parents on what they can do to support their children online.\n\n\
                    Responsible Internet Use\n\nPupils must not share their passwords with anyone.\n";
        let read = read(text);
        assert_eq!(heading_texts(&read.blocks), ["NSPCC Sexting Survey & Advice", "Responsible Internet Use"]);
        assert!(!read.blocks.iter().any(|b| b.text().contains("Table of Contents")), "{:?}", read.blocks);
    }

    #[test]
    fn a_contents_list_with_no_title_is_dropped_when_its_first_entry_comes_again() {
        let text = "Online Safety\n\n1.    Introduction. 2\n\n2.    Responsibilities. 3\n\nUse of email 4\n\n\
                    Appendix A - Staff agreement. 11\n\n  1. Introduction\n\nPupils must not share passwords.\n\n\
                    Use of email\n\nStaff use their school address.\n";
        let read = read(text);
        assert!(!read.blocks.iter().any(|b| b.text().contains("Responsibilities")), "{:?}", read.blocks);
        assert!(read.blocks.contains(&heading(1, Some("1."), "Introduction")), "{:?}", read.blocks);
        assert!(
            read.blocks.iter().any(|b| matches!(b, Block::Heading { text, .. } if text == "Use of email")),
            "{:?}",
            read.blocks
        );
        // Lines ending in numbers whose first never comes again are no contents list.
        let rules = "Rules\n\nChildren in Year 1\n\nChildren in Year 2\n\nChildren in Year 3\n\nChildren in Year 4\n\nPupils must not share passwords.\n";
        assert!(blocks(rules).iter().any(|b| b.text().contains("Children in Year 1")));
    }

    #[test]
    fn content_over_a_list_of_risks_heads_a_section() {
        // The four Cs of online safety: "Content" is no contents list's title.
        let text = "e-Safety Policy\n\nThe main risks are:\n\nContent\n\n  • exposure to inappropriate content, \
                    including online pornography and hate sites that no child should see;\n\nContact\n\n  • grooming;\n";
        let read = read(text);
        assert!(heading_texts(&read.blocks).contains(&"Content"), "{:?}", read.blocks);
        // "Contents" over entries run into one line is still dropped.
        let run_in = "Online Safety Policy\n\nContents\n\nLinks with the UN Rights of the Child page 3 Rationale page 3 \
                      Areas of Risk page 3 Scope of the policy page 4\n\nPupils must not share passwords.\n";
        assert!(!blocks(run_in).iter().any(|b| b.text() == "Contents"), "{:?}", blocks(run_in));
    }

    #[test]
    fn a_sentence_starting_e_safety_starts_a_paragraph_of_its_own() {
        // "Introduction" over "e-Safety encompasses…": a heading and its paragraph, not a line
        // whose sentence goes on below it.
        let text = "St Mary's Primary School\n\ne-Safety Policy\n\nIntroduction\n\n\
                    e-Safety encompasses the safe and responsible use of Internet technologies.\n";
        let read = read(text);
        assert!(read.blocks.contains(&Block::Title("e-Safety Policy".to_owned())), "{:?}", read.blocks);
        assert!(read.blocks.contains(&heading(1, None, "Introduction")), "{:?}", read.blocks);
        // A sentence cut by the page still goes on in lowercase.
        let cut = "Policy\n\nStaff must not accept friend requests from\n\npupils or their parents.\n";
        assert!(
            blocks(cut)
                .iter()
                .any(|b| b.text() == "Staff must not accept friend requests from pupils or their parents.")
        );
    }

    #[test]
    fn a_heading_that_speaks_of_this_policy_is_not_its_title() {
        let text = "Autumn 2015\n\nE-safety is part of the school's safeguarding responsibilities and of its care.\n\n\
                    Using this policy\n\n  • The Assistant Headteacher leads e-safety.\n";
        let read = read(text);
        assert!(!read.blocks.iter().any(|b| matches!(b, Block::Title(_))), "{:?}", read.blocks);
        assert!(read.blocks.contains(&heading(1, None, "Using this policy")), "{:?}", read.blocks);
    }

    #[test]
    fn a_question_put_as_a_lead_in_over_its_answer_is_a_heading() {
        let text = "e-Safety Policy\n\nThe school's e-Safety Lead is the Headteacher.\n\n\
                    Why the Internet and digital communications are important:\n\n\
                    The Internet is an essential element in 21st century life for education.\n\n\
                    How we keep pupils safe:\n\n  • filtered broadband\n";
        let read = read(text);
        let headings = heading_texts(&read.blocks);
        assert!(headings.iter().any(|h| h.starts_with("Why the Internet")), "{:?}", read.blocks);
        // Over a list it stays that list's lead-in.
        assert!(!headings.iter().any(|h| h.starts_with("How we keep")), "{:?}", read.blocks);
    }

    #[test]
    fn a_line_ending_in_or_goes_on_and_heads_nothing() {
        let text = "Use of Social Media\n\nParents should not post anything that:\n\
                    i. Could have repercussions for the orderly running of the school or\n\
                    ii. Pose a threat to another pupil or member of the public or\n\
                    iii. Could adversely affect the reputation of the school.\n\n\
                    Including Responsible Use of the Internet and\n\nAnti-Cyber Bullying\n";
        let read = read(text);
        let headings = heading_texts(&read.blocks);
        assert!(!headings.iter().any(|h| h.ends_with(" or") || h.ends_with(" and")), "{:?}", read.blocks);
    }

    #[test]
    fn what_the_rules_are_for_and_whom_heads_the_parts_of_an_agreement() {
        let text = "Pupil Acceptable Use Agreement\n\nFor Parents:\n\n\
                    Digital technologies have become integral to the lives of children and young people.\n\n\
                    For my own personal safety:\n\n  • I will not share my password online.\n\n\
                    For example:\n\n  • a game or a chat room.\n";
        let read = read(text);
        let headed = |want: &str| heading_texts(&read.blocks).contains(&want);
        assert!(headed("For Parents:"), "{:?}", read.blocks);
        assert!(headed("For my own personal safety:"), "{:?}", read.blocks);
        assert!(!headed("For example:"), "{:?}", read.blocks);
    }

    #[test]
    fn a_pdfs_bullets_on_lines_of_their_own_go_to_the_items_after_them() {
        let text = "Acceptable Use Agreement\nFor my own personal safety:\n•\n•\n•\n\
                    I will keep my username and password safe and secure – I will not share it, nor will I try to use any other\n\
                    person's username and password.\n\
                    I will be aware of stranger danger when I am communicating online.\n\
                    I will never arrange to meet someone I have only met on the internet unless my parents have\n\
                    given me permission.\n";
        let read = read(text);
        let items: Vec<&str> = read
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Item { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(items.len(), 3, "{:?}", read.blocks);
        assert!(items[0].ends_with("person's username and password."), "{items:?}");
        assert!(
            items[2].starts_with("I will never arrange") && items[2].ends_with("given me permission."),
            "{items:?}"
        );
        assert!(!read.blocks.iter().any(|b| b.text().trim() == "•"), "{:?}", read.blocks);
    }

    #[test]
    fn an_emoji_before_a_heading_leaves_it_a_heading() {
        let text = "Online Safety Policy\n\nThis guide gives parents practical advice for keeping children safe.\n\n\
                    🚫 Don’ts for Children\n\n  • Don’t gossip or share private information.\n\n\
                    ↳ Complaints procedure\n\nParents should raise concerns with the class teacher first.\n";
        let read = read(text);
        let headings = heading_texts(&read.blocks);
        assert!(headings.contains(&"🚫 Don’ts for Children"), "{:?}", read.blocks);
        // An arrow links to another page: no heading of this one.
        assert!(!headings.iter().any(|h| h.contains("Complaints")), "{:?}", read.blocks);
    }

    #[test]
    fn a_short_line_over_a_sentence_in_an_agreement_heads_its_part_and_a_field_does_not() {
        let text = "Class Dojo User Agreement\n\nAt our school we use Class Dojo to record observations and photos of learning.\n\n\
                    Safeguarding and privacy\n\nPhotographs or videos must not be shared publicly or uploaded to social media.\n\n\
                    Child's name\n\nI agree to follow the rules of this agreement at home and at school.\n";
        let read = read(text);
        let headed = |want: &str| heading_texts(&read.blocks).contains(&want);
        assert!(headed("Safeguarding and privacy"), "{:?}", read.blocks);
        assert!(!headed("Child's name"), "{:?}", read.blocks);
    }

    #[test]
    fn a_thing_and_what_is_said_of_it_heads_the_list_it_names() {
        let text = "Code of Conduct for Parents\n\nThis code reminds parents of what we expect of everyone.\n\n\
                    Behaviour that will not be tolerated:\n\n- Using loud or offensive language.\n\n\
                    Staff must not:\n\n- accept friend requests from pupils.\n";
        let read = read(text);
        let headings = heading_texts(&read.blocks);
        assert!(headings.contains(&"Behaviour that will not be tolerated:"), "{:?}", read.blocks);
        assert!(!headings.contains(&"Staff must not:"), "{:?}", read.blocks);
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
    fn a_title_case_line_ending_in_a_colon_is_a_heading_and_a_lead_in_is_not() {
        let got = blocks(
            "Our Expectations:\n\nWe expect parents to treat all members of the school community with respect.\n\n\
             Parents must not:\n· Post photos of other children.\n· Criticise staff online.\n",
        );
        assert_eq!(got[0], heading(1, None, "Our Expectations:"));
        assert!(matches!(&got[2], Block::Paragraph { text, .. } if text == "Parents must not:"), "{got:?}");
        assert!(titled_lead_in("Behaviour That Will Not Be Tolerated:"));
        assert!(!titled_lead_in("Staff are advised to:"));
        assert!(heading_shape("Acceptable use of the internet: agreement for parents and carers"));
        assert!(!heading_shape("Author / Owner: Tim Davis"));
        assert!(!heading_shape("Our School Motto: “Including all learners achieving their best”"));
        assert!(!heading_shape("Note: staff must not post"));
        let got =
            blocks("What is Twitter?\n\nTwitter is a way of sharing short messages with people who follow you.\n");
        assert_eq!(got[0], heading(1, None, "What is Twitter?"), "{got:?}");
        assert!(question_heading("Who controls content for @ClaypolePrimary?"));
        assert!(!question_heading("Is it true? Is it kind?"));
        assert!(!question_heading("Why?"));
        let got =
            blocks("Privacy\n\nWe will not –\n\n  • publish photographs of children without consent\n  • name them\n");
        assert_eq!(got[0], heading(1, None, "Privacy"), "{got:?}");
        assert!(matches!(&got[1], Block::Paragraph { text, .. } if text == "We will not –"), "{got:?}");
        assert!(!titled_lead_in("All Co-op Academies aim to:"));
        assert!(!titled_lead_in("Name:"));
        assert!(!titled_lead_in("Our Expectations"));
        // A topic and whom it is for, with no verb, heads a section; a line that names its rules
        // may end in a full stop.
        assert!(titled_lead_in("Use by staff:"));
        assert!(titled_lead_in("Use by parents/carers:"));
        assert!(!titled_lead_in("Staff must:"));
        assert!(!titled_lead_in("Parents are asked for patience:"));
        assert!(heading_shape("Guidelines for Parents/Guardians using Seesaw."));
        assert!(heading_shape("eSafety Top Tips"));
        assert!(!heading_shape("Always ask your parent's permission before using the internet"));
        assert!(heading_shape("Keep Safe Online"));
        assert!(!heading_shape("esafety top tips for the holidays are below"));
        assert!(!heading_shape("Pupils must be kind."));
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
    fn numbers_alone_sections_letters_and_romans_make_headings() {
        let got = blocks(
            "1\nINTRODUCTION\n1.1\nThe internet offers many tools.\nSection 2: Staff\nStaff must not post.\n\
             A. Parents\nParents must not post.\nII. Pupils\nPupils must not post.\n",
        );
        assert_eq!(got[0], heading(1, Some("1"), "INTRODUCTION"));
        assert_eq!(got[1], paragraph(Some("1.1"), "The internet offers many tools."));
        assert_eq!(got[2], heading(1, None, "Section 2: Staff"));
        assert_eq!(got[4], heading(2, Some("A."), "Parents"));
        assert_eq!(got[6], heading(2, Some("II."), "Pupils"));
    }

    #[test]
    fn hard_wrapped_text_and_broken_words_are_joined_and_page_furniture_dropped() {
        let line = "Staff members must keep their personal and professional lives separate at all";
        let text = format!(
            "{line}\ntimes and should not accept friend requests from pupils or their parents on social\n\
             media.\nPage 1 of 2\nThe school expects all of its staff to follow this policy when commu-\n\
             nicating with parents and carers and with other members of the community online.\n\
             Oak School Social Media Policy v2\n{line}\nOak School Social Media Policy v2\n\
             Oak School Social Media Policy v2\nParents should contact the school office with any concerns at\n\
             all about the use of social media by pupils, staff or parents of the school.\n{}",
            ["name", "age", "address", "birthday", "photo", "class", "team", "club", "friend", "teacher"]
                .map(|what| format!("Staff keep a pupil's {what} off social media.\n"))
                .concat()
        );
        let read = read(&text);
        let texts: Vec<String> = read.blocks.iter().map(Block::text).collect();
        assert_eq!(
            texts[0],
            format!("{line} times and should not accept friend requests from pupils or their parents on social media.")
        );
        assert!(texts[1].contains("when communicating with parents"), "{texts:?}");
        assert!(!texts.iter().any(|t| t.contains("Page 1") || t.contains("v2")), "{texts:?}");
        assert!(read.notes.iter().any(|n| n.contains("page furniture")), "{:?}", read.notes);
        // A web page's skip link, login button and search box go; a sentence that mentions one
        // stays.
        let texts: Vec<String> =
            blocks("Skip to content ↓\n\nReturn to Parents\n\nLogin\n\nSocial Media Policy\n\nPupils must not log in as others.\n\nHit enter to search\nFollow us on Facebook\n")
                .iter()
                .map(Block::text)
                .collect();
        assert_eq!(texts, ["Social Media Policy", "Pupils must not log in as others."]);
    }

    #[test]
    fn a_list_of_parts_is_kept_and_its_entries_head_the_sections() {
        let got = blocks(
            "This policy has two parts:\nA. Pupils online\nB. Staff online\n\nA. Pupils online\n\
             Pupils must not post.\nB. Staff online\nStaff must not post.\n",
        );
        assert_eq!(got[1], Block::Item { depth: 0, label: Some("A.".to_owned()), text: "Pupils online".to_owned() });
        assert_eq!(got[3], heading(1, Some("A."), "Pupils online"));
        assert_eq!(got[5], heading(1, Some("B."), "Staff online"));
    }

    #[test]
    fn lead_ins_by_audience_head_their_lists_when_there_are_no_headings() {
        let got = blocks(
            "Our rules.\nFor staff, requirements include:\n• Not friending pupils\nParents should:\n• Not post photos\n",
        );
        assert_eq!(got[1], heading(1, None, "For staff, requirements include:"));
        assert_eq!(got[3], heading(1, None, "Parents should:"));
        // Where the document has headings, a lead-in stays a lead-in.
        let got = blocks("1. Staff\nFor staff, requirements include:\n• Not friending pupils\n");
        assert_eq!(got[1], paragraph(None, "For staff, requirements include:"));
    }

    #[test]
    fn paragraphs_run_together_from_a_pdf_are_split_at_their_clause_numbers() {
        let filler = "Staff use these sites in many ways and the school knows that they do so. ".repeat(5);
        let text = format!(
            "1. Introduction For the purposes of this policy social media means any online platform. {filler}\
             2. Objectives and targets This policy applies to all staff. 3. Action plan 3.1. Use of social media \
             within school Staff are not permitted to use personal accounts in lessons.\n"
        );
        let got = blocks(&text);
        let headings: Vec<&str> = got
            .iter()
            .filter_map(|b| if let Block::Heading { text, .. } = b { Some(text.as_str()) } else { None })
            .collect();
        assert_eq!(
            headings,
            ["Introduction", "Objectives and targets", "Action plan", "Use of social media within school"]
        );
        // A short paragraph with one number in it is left alone.
        let got = blocks("Pupils under 13. 2. Staff Must Not post.\n");
        assert_eq!(got.len(), 1);
    }

    #[test]
    fn a_colon_in_brackets_does_not_stop_a_heading() {
        let got =
            blocks("Unpleasant postings (Source: NAHT guidance)\nWhere staff see abusive posts they tell the head.\n");
        assert_eq!(got[0], heading(1, None, "Unpleasant postings (Source: NAHT guidance)"));
    }

    #[test]
    fn in_a_form_a_title_case_line_over_a_list_names_a_part_and_the_rest_are_fields() {
        let got = blocks(
            "Pupil Acceptable Use Agreement\nI will follow these rules online.\nStaying Safe\n- I will keep my passwords secret.\nUsing Technology Kindly\nI will be kind online, just like I am in real life.\nCommunication and Conduct\nI agree to:\n- Be polite.\nName of pupil\nSigned\n",
        );
        assert_eq!(got[2], heading(2, None, "Staying Safe"));
        assert_eq!(got[4], heading(2, None, "Using Technology Kindly"));
        assert_eq!(got[6], heading(2, None, "Communication and Conduct"));
        assert_eq!(got[9], paragraph(None, "Name of pupil"));
        assert_eq!(got[10], paragraph(None, "Signed"));
        let addressed = blocks(
            "Pupil Acceptable Use Agreement\nPlease read it with your child.\nFor Parents:\nDigital technologies have become part of the lives of children.\n",
        );
        assert_eq!(addressed[2], heading(2, None, "For Parents:"));
    }

    #[test]
    fn a_numbered_list_under_a_lead_in_is_a_list_and_numbered_sections_stay_headings() {
        let got = blocks(
            "Purpose\nWe will use these means:\n1. Parent Partnership Newsletter\n2. Class WhatsApp Chats\nThis policy is set out as follows:\n1. Introduction\nThis policy covers staff and parents online.\n",
        );
        assert_eq!(
            got[2],
            Block::Item { depth: 0, label: Some("1.".to_owned()), text: "Parent Partnership Newsletter".to_owned() }
        );
        assert_eq!(
            got[3],
            Block::Item { depth: 0, label: Some("2.".to_owned()), text: "Class WhatsApp Chats".to_owned() }
        );
        assert_eq!(got[5], heading(1, Some("1."), "Introduction"));
    }

    #[test]
    fn a_pledge_or_a_sentence_on_its_own_line_is_no_heading() {
        assert!(!heading_shape("I will not access other people’s files"));
        assert!(!heading_shape("The messages I send will be polite and sensible"));
        assert!(heading_shape("How We Will Use Social Media"));
        assert!(heading_shape("I. Introduction"));
        assert!(heading_shape("The use of social media sites by pupils whilst at school"));
        assert!(!heading_shape("Social media refers to apps and websites that allow people to interact"));
        assert!(heading_shape("Use of social media sites by employees in a personal capacity"));
    }

    #[test]
    fn a_topic_over_sentences_and_a_part_naming_a_policy_are_headings() {
        let got = blocks(
            "Rabbit Patch policy\nInternet use:\nChildren never have unsupervised access to the internet.\nFor example:\nStaff check every site first.\nMobile phones:\n- Phones stay in the office.\n",
        );
        assert_eq!(got[1], heading(1, None, "Internet use:"));
        assert_eq!(got[3], paragraph(None, "For example:"));
        // Over a list too, unless it only announces the list.
        assert_eq!(got[5], heading(1, None, "Mobile phones:"));
        let got = blocks("Parents' guide\nPlease note:\n- Phones stay in the office.\n");
        assert_eq!(got[1], paragraph(None, "Please note:"));
        let parts = blocks(
            "Section A: General ICT Use Policy – Students\n1. I will only use ICT systems in school for school purposes.\n",
        );
        assert!(
            matches!(&parts[0], Block::Heading { text, .. } if text == "Section A: General ICT Use Policy – Students")
        );
    }

    #[test]
    fn guessed_headings_settle() {
        let subtitled = blocks(
            "Online Safety\nOnline safety (inc. use of mobile phones and cameras)\n- Only the setting's equipment is used.\n",
        );
        assert_eq!(subtitled[0], Block::Title("Online Safety".to_owned()));
        assert_eq!(subtitled[1], paragraph(None, "**Online safety (inc. use of mobile phones and cameras)**"));
        let got = blocks("Motto words here\n1. Intro\nText here.\nStaff conduct\nMore text.\n");
        assert_eq!(got[0], paragraph(None, "Motto words here"));
        assert_eq!(got[3], heading(2, None, "Staff conduct"));
        // A heading straight over another and its text is a section over its first subsection.
        let got = blocks(
            "E-Safety Policy\n\nTeaching and learning\n\nWhy the Internet is important\n\n\
             The Internet is an essential element in 21st century life.\n\nManaging Internet Access\n\n\
             Information system security\n\nSecurity will be reviewed regularly by the school.\n",
        );
        assert_eq!(
            got[1..3],
            [heading(1, None, "Teaching and learning"), heading(2, None, "Why the Internet is important")]
        );
        assert_eq!(
            got[4..6],
            [heading(1, None, "Managing Internet Access"), heading(2, None, "Information system security")]
        );
    }
}
