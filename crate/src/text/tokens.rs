//! Splits a folded draft into word tokens and sentences.
//!
//! A token is a run of letters and digits. Apostrophes inside a word are dropped from its
//! text (`don't` → `dont`, `let’s` → `lets`), so cue phrases match however the apostrophe was
//! typed, or whether it was typed at all. Symbols that stand in for letters (`$`, `@`, `*`, `!`,
//! `|`, `+`) stay inside a token when they sit between or after letters (`a$$holes`, `f*ck`),
//! for the offensive-language detector to decode. Sentences end at `.`, `!`, `?`, `;` and
//! line breaks, except after titles and common abbreviations (`Mr.`, `e.g.`).

use super::normalise::{Folded, Origin};
use crate::model::Span;
use compact_str::CompactString;

/// The bit of [`Token::classes`] every token has: `<any>` in patterns.
pub const CLASS_ANY: u32 = 63;
/// All digits: `<num>`.
pub const CLASS_NUM: u32 = 62;
/// Capitalised and not the first word of its sentence: `<cap>`.
pub const CLASS_CAP: u32 = 61;
/// Letters only: `<word>`.
pub const CLASS_WORD: u32 = 60;

/// One word of a draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Folded text without apostrophes: `dont`, `a$$holes` (kept inline, without allocating,
    /// up to 24 bytes).
    pub text: CompactString,
    /// [`word_hash`] of `text`.
    pub hash: u64,
    /// Where the word is in the original draft.
    pub span: Span,
    /// Where the word is in the folded text.
    pub folded: (u32, u32),
    /// Which sentence it belongs to, counting from 0.
    pub sentence: u32,
    /// The original starts with an uppercase letter.
    pub capitalised: bool,
    /// The original is all uppercase and longer than one letter.
    pub shouting: bool,
    /// The first token of its sentence.
    pub sentence_start: bool,
    /// Contains a digit.
    pub has_digit: bool,
    /// Contains a letter.
    pub has_letter: bool,
    /// Contains a symbol standing in for a letter.
    pub has_symbol: bool,
    /// The word classes it belongs to, one bit each: the built-in ones (`CLASS_*`) set here,
    /// the word lists' and the school's set by the detectors' vocabulary.
    pub classes: u64,
}

/// Symbols that may stand in for letters inside a word.
pub fn is_letter_symbol(c: char) -> bool {
    matches!(c, '$' | '@' | '*' | '!' | '|' | '+' | '#' | '(' | '<')
}

/// Symbols that may start a word standing in for its first letter: `$hit`.
fn starts_word(c: char) -> bool {
    matches!(c, '$' | '@')
}

const ABBREVIATIONS: &[&str] =
    &["mr", "mrs", "ms", "dr", "st", "e.g", "eg", "i.e", "ie", "etc", "no", "vs", "approx", "prof", "rev", "jr", "sr"];

/// Splits `folded` (of `original`) into tokens. Linear in the text's length.
pub fn tokenise(original: &str, folded: &Folded) -> Vec<Token> {
    // chars[k] is the folded character that origins[k] describes.
    let chars: Vec<char> = folded.text.chars().collect();
    let origins = &folded.origins;
    if chars.len() != origins.len() {
        return Vec::new();
    }
    let mut tokens: Vec<Token> = Vec::with_capacity(chars.len() / 4 + 1);
    let mut sentence = 0u32;
    let mut pending_break = false;
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        let symbol_start = starts_word(c)
            && !(k > 0 && chars[k - 1].is_alphanumeric())
            && chars.get(k + 1).copied().is_some_and(char::is_alphabetic)
            && chars[k + 1..].iter().take_while(|c| c.is_alphanumeric()).count() >= 2;
        if !(c.is_alphanumeric() || symbol_start) {
            if matches!(c, '.' | '!' | '?' | ';' | '\n')
                && !(c == '.' && follows_abbreviation(&tokens, &chars, origins, k))
            {
                pending_break = true;
            }
            k += 1;
            continue;
        }
        let start = k;
        let (mut has_digit, mut has_letter, mut has_symbol, mut dropped) = (false, false, false, false);
        while k < chars.len() {
            let d = chars[k];
            if k == start && symbol_start {
                has_symbol = true;
                k += 1;
                continue;
            }
            if d.is_ascii_alphanumeric() || (!d.is_ascii() && d.is_alphanumeric()) {
                has_digit |= d.is_numeric();
                has_letter |= d.is_alphabetic();
                k += 1;
                continue;
            }
            let next = chars.get(k + 1).copied();
            let inside = next.is_some_and(|n| n.is_alphanumeric() || is_letter_symbol(n));
            if d == '\'' && inside && next.is_some_and(char::is_alphabetic) {
                dropped = true; // "don't" → "dont"
            } else if is_letter_symbol(d)
                && has_letter
                && (inside || d == '$' || d == '*')
                && (!matches!(d, '(' | '<') || next.is_some_and(char::is_alphabetic))
            {
                has_symbol = true;
            } else {
                break;
            }
            k += 1;
        }
        // A trailing symbol that did not lead to more letters is punctuation ("wow!").
        let mut end = k;
        while end > start + 1 && matches!(chars[end - 1], '!' | '|' | '+' | '#' | '@') {
            end -= 1;
        }
        let (first, last) = (origins[start], origins[end - 1]);
        let folded_range = first.folded as usize..(last.folded as usize + chars[end - 1].len_utf8());
        let piece = folded.text.get(folded_range).unwrap_or_default();
        let word: CompactString =
            if dropped { piece.chars().filter(|&c| c != '\'').collect() } else { CompactString::from(piece) };
        let has_symbol = has_symbol && word.chars().any(is_letter_symbol);
        let (first, last) = (origins[start], origins[end - 1]);
        let span = Span::new(first.start as usize, last.end as usize);
        let raw = original.get(span.start..span.end).unwrap_or_default();
        let capitalised = raw.chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_uppercase);
        let mut letters = raw.chars().filter(|c| c.is_alphabetic());
        let shouting = letters.clone().nth(1).is_some() && letters.all(char::is_uppercase);
        let sentence_start = pending_break || tokens.is_empty();
        if pending_break && !tokens.is_empty() {
            sentence += 1;
        }
        pending_break = false;
        let mut classes = 1 << CLASS_ANY;
        if !word.is_empty() && word.chars().all(|c| c.is_ascii_digit()) {
            classes |= 1 << CLASS_NUM;
        }
        if capitalised && !sentence_start {
            classes |= 1 << CLASS_CAP;
        }
        if has_letter && !has_digit && !has_symbol {
            classes |= 1 << CLASS_WORD;
        }
        tokens.push(Token {
            hash: word_hash(&word),
            text: word,
            span,
            folded: (first.folded, last.folded + chars[end - 1].len_utf8() as u32),
            sentence,
            capitalised,
            shouting,
            sentence_start,
            has_digit,
            has_letter,
            has_symbol,
            classes,
        });
    }
    tokens
}

/// The hash patterns compare words by before comparing their text.
pub fn word_hash(word: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(word)
}

/// Whether the `.` at `chars[dot]` ends an abbreviation or a number (so not a sentence).
fn follows_abbreviation(tokens: &[Token], chars: &[char], origins: &[Origin], dot: usize) -> bool {
    let Some(last) = tokens.last() else { return false };
    if last.folded.1 != origins[dot].folded {
        return false;
    }
    let next = chars.get(dot + 1).copied();
    // "7.30", "v1.2": a dot between digits is part of the number.
    if last.has_digit && next.is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    // "e.g." and "i.e.": a dot directly followed by a letter.
    if next.is_some_and(char::is_alphabetic) {
        return true;
    }
    ABBREVIATIONS.contains(&last.text.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalise::fold;

    fn words(text: &str) -> Vec<String> {
        tokenise(text, &fold(text)).into_iter().map(|t| t.text.into()).collect()
    }

    #[test]
    fn splits_words_and_drops_apostrophes() {
        assert_eq!(words("Let’s meet, don't tell!"), ["lets", "meet", "dont", "tell"]);
    }

    #[test]
    fn keeps_letter_symbols_inside_words() {
        assert_eq!(words("who took it?? a$$holes"), ["who", "took", "it", "a$$holes"]);
        assert_eq!(words("f*ck and sh!t, wow!"), ["f*ck", "and", "sh!t", "wow"]);
        assert_eq!(words("email me@x.com"), ["email", "me@x", "com"]);
    }

    #[test]
    fn sentences_and_capitals() {
        let text = "Mr. Obi said hi. Then we LEFT at 7.30!\nBye";
        let tokens = tokenise(text, &fold(text));
        let sentences: Vec<u32> = tokens.iter().map(|t| t.sentence).collect();
        assert_eq!(sentences, [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2]);
        assert!(tokens[1].capitalised && tokens[1].text == "obi");
        assert!(tokens[6].shouting);
        assert!(tokens[4].sentence_start && !tokens[5].sentence_start);
    }

    #[test]
    fn spans_point_into_the_original() {
        let text = "Crap weather = cr\u{200B}ap day";
        let tokens = tokenise(text, &fold(text));
        assert_eq!(&text[tokens[2].span.start..tokens[2].span.end], "cr\u{200B}ap");
    }
}
