//! The document model both readers produce: the policy's blocks in reading order, with the
//! school's own numbering split from the text. Readers know their format; everything after them
//! (forms, clause ids, markdown, facts, rules) works on these blocks only.

/// One block of a policy, as the reader found it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Block {
    /// The document's title ("Social Media Policy"): it goes to the front matter.
    Title(String),
    /// A heading: level 1 for a section, 2 for a subsection, 3 below that.
    Heading {
        /// 1, 2 or 3.
        level: u8,
        /// The school's own number ("5", "4.1", "iv"), when it has one.
        label: Option<String>,
        /// The heading's words, inline markdown.
        text: String,
    },
    /// A paragraph, numbered ("5.6.") or not.
    Paragraph {
        /// The school's own number, when it has one.
        label: Option<String>,
        /// Inline markdown.
        text: String,
    },
    /// A list item, bulleted or numbered, at a depth (0 is the outermost list).
    Item {
        /// 0 for the outermost list, 1 for a list inside it, …
        depth: u8,
        /// The school's own number or letter, when it has one ("7.3", "a").
        label: Option<String>,
        /// Inline markdown.
        text: String,
    },
    /// A form's field to fill in ("Teacher name:"), written as a list item.
    Field {
        /// 0 for a field, 1 for a detail under it ("Ages: age range" under a tick box).
        depth: u8,
        /// Inline markdown.
        text: String,
    },
    /// A table: rows of cells, the first row its header. Cells are plain text; a cell's
    /// lines are separated by `\n`.
    Table(Vec<Vec<String>>),
}

impl Block {
    /// The block's words (a table's cells joined), for the checks that read text.
    pub(crate) fn text(&self) -> String {
        match self {
            Block::Title(text)
            | Block::Heading { text, .. }
            | Block::Paragraph { text, .. }
            | Block::Item { text, .. }
            | Block::Field { text, .. } => text.clone(),
            Block::Table(rows) => rows.iter().map(|row| row.join(" ")).collect::<Vec<_>>().join(" "),
        }
    }
}

/// Splits the school's own number off the start of `text`: `"5.6. Members of staff"` gives
/// `(Some("5.6."), "Members of staff")`. Numbers (`5`, `5.6.`, `4.1`), roman numerals (`iv.`,
/// `IV.`), and letters in brackets or with a full stop or bracket (`a)`, `(b)`, `c.`, `D.`) are
/// labels;
/// the label must be followed by a space and more text, except a number with its full stop
/// typed against a capital ("2.Objectives", as web pages made from PDFs have it).
pub(crate) fn split_label(text: &str) -> (Option<String>, &str) {
    let trimmed = text.trim_start();
    let first_word = trimmed.split([' ', '\t', '\u{a0}']).next().unwrap_or_default();
    if let Some(stop) = first_word.find(|c: char| c != '.' && !c.is_ascii_digit()).filter(|&at| at > 1)
        && first_word[..stop].ends_with('.')
        && is_number(&first_word[..stop - 1])
        && first_word[stop..].starts_with(|c: char| c.is_uppercase())
    {
        return (Some(first_word[..stop].to_owned()), trimmed[stop..].trim());
    }
    // "a)Pupils are responsible …", "(iv)Staff": a bracketed label typed without its space.
    if let Some(end) = first_word.find(')').map(|at| at + 1)
        && is_label(&first_word[..end])
        && first_word[end..].starts_with(|c: char| c.is_uppercase())
    {
        return (Some(first_word[..end].to_owned()), trimmed[end..].trim());
    }
    let Some(space) = trimmed.find([' ', '\t', '\u{a0}']) else {
        return (None, text.trim());
    };
    let (head, rest) = trimmed.split_at(space);
    let rest = rest.trim();
    if rest.is_empty() || !is_label(head) {
        return (None, text.trim());
    }
    (Some(head.to_owned()), rest)
}

/// Whether `word` is a clause number as schools write them.
pub(crate) fn is_label(word: &str) -> bool {
    let inner = word.strip_prefix('(').and_then(|w| w.strip_suffix(')'));
    if let Some(inner) = inner {
        return is_number(inner) || is_roman(inner) || is_letter(inner);
    }
    if let Some(bare) = word.strip_suffix(')') {
        return is_number(bare) || is_roman(bare) || is_letter(bare);
    }
    if let Some(bare) = word.strip_suffix('.') {
        return is_number(bare) || is_roman(bare) || is_letter(bare);
    }
    // "4.1 Reputation": a number of several parts needs no final full stop; "5 Staff" does.
    is_number(word) && word.contains('.')
}

/// `5`, `5.6`, `12.3.1`: one to three digits a part, up to four parts.
fn is_number(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() <= 4 && parts.iter().all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Roman numerals up to 20, as list levels (`iv`) and a document's parts (`IV`) use them: all
/// lowercase or all capitals.
pub(crate) fn is_roman(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    (text == lower || text == text.to_ascii_uppercase()) && roman_value(&lower).is_some()
}

/// A letter as a list (`b`) or a document's parts (`B`) number them.
fn is_letter(text: &str) -> bool {
    text.len() == 1 && text.bytes().all(|b| b.is_ascii_alphabetic())
}

/// The value of a lowercase roman numeral from 1 to 20.
pub(crate) fn roman_value(text: &str) -> Option<u32> {
    (1..=20).find(|n| roman(*n) == text)
}

/// `n` as a lowercase roman numeral.
pub(crate) fn roman(n: u32) -> String {
    const PARTS: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    let mut left = n;
    for (value, numeral) in PARTS {
        while left >= value {
            out.push_str(numeral);
            left -= value;
        }
    }
    out
}

/// `n` (from 1) as list letters: a, b, …, z, aa, ab, …
pub(crate) fn letters(n: u32) -> String {
    let mut out = Vec::new();
    let mut left = n;
    while left > 0 {
        let digit = (left - 1) % 26;
        out.push(char::from(b'a' + u8::try_from(digit).unwrap_or(0)));
        left = (left - 1) / 26;
    }
    out.iter().rev().collect()
}

/// Whether a label is a plain number of one part (`5.`, `(3)`), of several (`5.6`), or neither.
pub(crate) fn number_parts(label: &str) -> Option<Vec<&str>> {
    let bare = label.trim_start_matches('(').trim_end_matches([')', '.']);
    is_number(bare).then(|| bare.split('.').collect())
}

/// A label as a clause id part: lowercase, without brackets and final full stop.
pub(crate) fn label_id(label: &str) -> String {
    label.trim_start_matches('(').trim_end_matches([')', '.']).to_lowercase()
}

/// Escapes what markdown would read as markup in plain text from a Word document.
pub(crate) fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '{' | '}' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The number of words in `text`.
pub(crate) fn word_count(text: &str) -> usize {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// Whether a heading (or a form's title) is a form's: its fields are written as a list.
pub(crate) fn is_form_title(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(|w| {
        let w = w.to_lowercase();
        matches!(w.as_str(), "form" | "forms" | "agreement" | "agreements")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_the_schools_numbers() {
        assert_eq!(split_label("5.6. Members of staff"), (Some("5.6.".to_owned()), "Members of staff"));
        assert_eq!(split_label("4.1 Reputation"), (Some("4.1".to_owned()), "Reputation"));
        assert_eq!(split_label("2.Objectives"), (Some("2.".to_owned()), "Objectives"));
        assert_eq!(split_label("1.Information on Internet"), (Some("1.".to_owned()), "Information on Internet"));
        assert_eq!(split_label("2.5m high"), (None, "2.5m high"));
        assert_eq!(split_label("3.rules"), (None, "3.rules"));
        assert_eq!(split_label("iv. Protect privacy"), (Some("iv.".to_owned()), "Protect privacy"));
        assert_eq!(split_label("(b) Second"), (Some("(b)".to_owned()), "Second"));
        assert_eq!(split_label("a) First"), (Some("a)".to_owned()), "First"));
        assert_eq!(split_label("c)Staff and students"), (Some("c)".to_owned()), "Staff and students"));
        assert_eq!(split_label("(iv)Pupils"), (Some("(iv)".to_owned()), "Pupils"));
        assert_eq!(split_label("12. [x] Monitoring"), (Some("12.".to_owned()), "[x] Monitoring"));
        for plain in
            ["Data Protection Act 2018", "2018 was a year", "5 Staff", "1.", "I will not:", "e.g. this", "a)and"]
        {
            assert_eq!(split_label(plain).0, None, "{plain}");
        }
    }

    #[test]
    fn list_numbering() {
        assert_eq!((letters(1), letters(26), letters(27)), ("a".to_owned(), "z".to_owned(), "aa".to_owned()));
        assert_eq!((roman(4), roman(9), roman(14)), ("iv".to_owned(), "ix".to_owned(), "xiv".to_owned()));
        assert_eq!((roman(49), roman(1994)), ("xlix".to_owned(), "mcmxciv".to_owned()));
        assert_eq!(roman_value("xii"), Some(12));
        assert_eq!(label_id("(IV)"), "iv");
        assert_eq!(number_parts("5.6."), Some(vec!["5", "6"]));
        assert_eq!(number_parts("iv."), None);
    }

    #[test]
    fn markdown_is_escaped() {
        assert_eq!(escape_markdown("a*b_[c]"), "a\\*b\\_\\[c\\]");
    }
}
