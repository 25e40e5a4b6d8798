//! Folds a draft into plain lowercase letters so that disguised words look like themselves,
//! remembering for every folded character where it came from in the original.
//!
//! Each original character becomes zero or more folded characters:
//! - invisible format characters (zero-width spaces and joiners, soft hyphens, bidirectional
//!   controls) disappear;
//! - combining marks (accents, strike-through, "zalgo") disappear and their bytes join the
//!   character they sit on, so a highlight covers them too;
//! - compatibility forms fold as NFKD does, without accents (fullwidth `ｆ`, mathematical `𝐟`,
//!   ligatures, `é` → `e`), and letters that look like Latin ones fold to them (Cyrillic `а`,
//!   Greek `ο`): one generated table, `lexicons/fold.tsv`;
//! - typographic apostrophes, quotes and dashes fold to ASCII ones;
//! - everything is lowercased.

use crate::lexicon;

/// A draft's folded text, with the original byte range of each folded character.
#[derive(Clone, Debug, Default)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// For each folded character, in order: its byte offset in `text` and the original
    /// byte range it came from.
    pub origins: Vec<Origin>,
}

/// Where one folded character came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    /// Byte offset of the folded character in the folded text.
    pub folded: u32,
    /// First byte of the original character.
    pub start: u32,
    /// One past the original character and any marks on it.
    pub end: u32,
}

/// Whether `c` is invisible formatting that can hide inside a word.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{E0000}'..='\u{E007F}')
}

/// Folds typographic punctuation to its ASCII twin.
fn fold_punctuation(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => ' ',
        _ => c,
    }
}

/// Folds `text`. Linear in its length.
pub fn fold(text: &str) -> Folded {
    let mut folded = Folded { text: String::with_capacity(text.len()), origins: Vec::with_capacity(text.len()) };
    for (start, c) in text.char_indices() {
        let end = (start + c.len_utf8()) as u32;
        let start = start as u32;
        if c.is_ascii() {
            push(&mut folded, if c == '`' { '\'' } else { c.to_ascii_lowercase() }, start, end);
            continue;
        }
        if is_invisible(c) {
            continue;
        }
        if lexicon::is_mark(c) {
            // A mark belongs to the character before it: widen that character's origin.
            if let Some(last) = folded.origins.last_mut() {
                last.end = end;
            }
            continue;
        }
        let c = fold_punctuation(c);
        if c.is_ascii() {
            push(&mut folded, c.to_ascii_lowercase(), start, end);
            continue;
        }
        match lexicon::fold_char(c) {
            Some(ascii) => ascii.chars().for_each(|a| push(&mut folded, a, start, end)),
            None => {
                for lower in c.to_lowercase() {
                    let lower = lexicon::fold_char(lower).and_then(|a| a.chars().next()).unwrap_or(lower);
                    push(&mut folded, fold_punctuation(lower), start, end);
                }
            }
        }
    }
    folded
}

#[inline]
fn push(folded: &mut Folded, c: char, start: u32, end: u32) {
    folded.origins.push(Origin { folded: folded.text.len() as u32, start, end });
    folded.text.push(c);
}

impl Folded {
    /// The original byte range covered by the folded bytes `start..end`.
    pub fn original_span(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let first = self.origins.partition_point(|o| (o.folded as usize) < start);
        let last = self.origins.partition_point(|o| (o.folded as usize) < end);
        if first >= last {
            return None;
        }
        Some((self.origins[first].start as usize, self.origins[last - 1].end as usize))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folds_to(input: &str, expected: &str) {
        assert_eq!(fold(input).text, expected, "folding {input:?}");
    }

    #[test]
    fn folds_disguises() {
        folds_to("Crap", "crap");
        folds_to("cr\u{200B}ap", "crap");
        folds_to("ｆｕｃｋ", "fuck");
        folds_to("𝐟𝐮𝐜𝐤", "fuck");
        folds_to("f\u{0336}u\u{0336}c\u{0336}k\u{0336}", "fuck");
        folds_to("tw\u{0430}t", "twat");
        folds_to("Zoë’s café", "zoe's cafe");
        folds_to("a – b", "a - b");
    }

    #[test]
    fn keeps_origins_through_folding() {
        let text = "x cr\u{200B}ap\u{0301}!";
        let folded = fold(text);
        assert_eq!(folded.text, "x crap!");
        let (start, end) = folded.original_span(2, 6).expect("span");
        assert_eq!(&text[start..end], "cr\u{200B}ap\u{0301}");
    }

    #[test]
    fn emoji_and_other_scripts_survive() {
        folds_to("🙃 日本", "🙃 日本");
    }
}
