//! Splits a folded draft into word tokens and sentences.
//!
//! A token is a run of letters and digits. Apostrophes inside a word are dropped from its
//! text (`don't` → `dont`, `let’s` → `lets`), so cue phrases match however the apostrophe was
//! typed, or whether it was typed at all. Symbols that stand in for letters (`$`, `@`, `*`, `!`,
//! `|`, `+`) stay inside a token when they sit between or after letters (`a$$holes`, `f*ck`),
//! for the offensive-language detector to decode. Sentences end at `.`, `!`, `?`, `;` and
//! line breaks, except after titles and common abbreviations (`Mr.`, `e.g.`).

use super::normalise::Folded;
use crate::model::Span;

/// One word of a draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Folded text without apostrophes: `dont`, `a$$holes`.
    pub text: String,
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

/// Splits `folded` (of `original`) into tokens.
pub fn tokenise(original: &str, folded: &Folded) -> Vec<Token> {
    let text = folded.text.as_str();
    let mut tokens: Vec<Token> = Vec::new();
    let mut sentence = 0u32;
    let mut pending_break = false;
    let mut chars = text.char_indices().peekable();

    while let Some(&(i, c)) = chars.peek() {
        let previous = text[..i].chars().next_back();
        let next = text[i + c.len_utf8()..].chars().next();
        let symbol_start = starts_word(c)
            && !previous.is_some_and(|p| p.is_alphanumeric())
            && next.is_some_and(char::is_alphabetic)
            && text[i + c.len_utf8()..].chars().take_while(|c| c.is_alphanumeric()).count() >= 2;
        if c.is_alphanumeric() || symbol_start {
            let start = i;
            let mut end = i;
            let mut word = String::new();
            let (mut has_digit, mut has_letter) = (false, false);
            while let Some(&(j, d)) = chars.peek() {
                let next = text[j + d.len_utf8()..].chars().next();
                let inside = next.is_some_and(|n| n.is_alphanumeric() || is_letter_symbol(n));
                if d == c && j == start && symbol_start {
                    word.push(d);
                } else if d.is_alphanumeric() {
                    has_digit |= d.is_numeric();
                    has_letter |= d.is_alphabetic();
                    word.push(d);
                } else if d == '\'' && inside && next.is_some_and(char::is_alphabetic) {
                    // dropped: "don't" → "dont"
                } else if is_letter_symbol(d)
                    && has_letter
                    && !has_digit_only(&word)
                    && (inside || d == '$' || d == '*')
                {
                    word.push(d);
                } else {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            // A trailing symbol that did not lead to more letters is punctuation ("wow!").
            while word.ends_with(|c: char| matches!(c, '!' | '|' | '+' | '#' | '@')) {
                word.pop();
                end -= 1;
            }
            let has_symbol = word.chars().any(is_letter_symbol);
            let Some((span_start, span_end)) = folded.original_span(start, end) else {
                continue;
            };
            let raw = &original[span_start..span_end];
            let letters: Vec<char> = raw.chars().filter(|c| c.is_alphabetic()).collect();
            let capitalised = raw.chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_uppercase);
            let shouting = letters.len() > 1 && letters.iter().all(|c| c.is_uppercase());
            let sentence_start = pending_break || tokens.is_empty();
            if pending_break && !tokens.is_empty() {
                sentence += 1;
            }
            pending_break = false;
            tokens.push(Token {
                text: word,
                span: Span::new(span_start, span_end),
                folded: (start as u32, end as u32),
                sentence,
                capitalised,
                shouting,
                sentence_start,
                has_digit,
                has_letter,
                has_symbol,
            });
        } else {
            if matches!(c, '.' | '!' | '?' | ';' | '\n') && !(c == '.' && follows_abbreviation(&tokens, text, i)) {
                pending_break = true;
            }
            chars.next();
        }
    }
    tokens
}

fn has_digit_only(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit())
}

/// Whether the `.` at `dot` ends an abbreviation or a number (so does not end the sentence).
fn follows_abbreviation(tokens: &[Token], text: &str, dot: usize) -> bool {
    let Some(last) = tokens.last() else {
        return false;
    };
    if last.folded.1 as usize != dot {
        return false;
    }
    let next = text[dot + 1..].chars().next();
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
        tokenise(text, &fold(text)).into_iter().map(|t| t.text).collect()
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
