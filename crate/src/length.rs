//! How long a post is, counted the way the platform it goes to counts it (`post_limit` and
//! `counting` in `policies/_shared/platforms.toml`).
//!
//! Platforms count what a person sees as one character, not bytes or UTF-16 code units: a
//! family emoji (`👩‍👩‍👧`, five code points) or an accented letter written with a combining mark
//! (`é`, two) is one. Those are grapheme clusters, found here by `unicode-segmentation`. X
//! counts its own way (twitter-text's configuration, version 3): a web address is 23
//! characters however long, an emoji 2, a letter from Latin, Greek, Cyrillic, Hebrew, Arabic
//! and the other scripts up to U+10FF 1, and most others (Chinese, Japanese, Korean) 2.

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

/// How a platform counts a post's characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Counting {
    /// Each user-perceived character (grapheme cluster) is one.
    #[default]
    Graphemes,
    /// X's weighting: web addresses 23, emoji 2, most scripts' letters 1, others 2.
    X,
}

impl Counting {
    /// The counting named `name` in `platforms.toml` and `rules.json`: `graphemes` or `x`.
    pub fn from_name(name: &str) -> Option<Counting> {
        match name {
            "graphemes" => Some(Counting::Graphemes),
            "x" => Some(Counting::X),
            _ => None,
        }
    }
}

/// How many characters `text` is, counted as `counting` says.
pub fn count(text: &str, counting: Counting) -> usize {
    match counting {
        Counting::Graphemes => text.graphemes(true).count(),
        Counting::X => x_weighted(text),
    }
}

/// What X counts a web address as, whatever its length (twitter-text's `transformedURLLength`).
const X_URL: usize = 23;

/// X's count: each web address 23, each emoji 2, and every other character 1 or 2 by where it
/// is in Unicode, rounded up. twitter-text weighs code points after composing them (NFC); a
/// letter and its combining accents weigh as their base letter here, which is the same for
/// every accent that composes, without Unicode's composition tables in the download.
fn x_weighted(text: &str) -> usize {
    // In hundredths, as twitter-text weighs (a "light" character 100, a "heavy" one 200).
    let mut weight = 0;
    for piece in pieces(text) {
        match piece {
            Piece::Url => weight += X_URL * 100,
            Piece::Text(text) => {
                for grapheme in text.graphemes(true) {
                    weight += match grapheme.chars().next() {
                        _ if is_emoji(grapheme) => 200,
                        Some(base) => x_char_weight(base),
                        None => 0,
                    };
                }
            }
        }
    }
    weight.div_ceil(100)
}

/// twitter-text's ranges of characters that weigh 100; every other character weighs 200.
fn x_char_weight(c: char) -> usize {
    match u32::from(c) {
        0..=0x10FF | 0x2000..=0x200D | 0x2010..=0x201F | 0x2032..=0x2037 => 100,
        _ => 200,
    }
}

/// Whether a grapheme cluster is an emoji: a pictograph from the supplementary planes, a
/// flag, or a sequence made with a joiner, an emoji presentation selector or a keycap.
fn is_emoji(grapheme: &str) -> bool {
    grapheme.chars().any(|c| matches!(u32::from(c), 0x1F000..|0x200D| 0xFE0F | 0x20E3))
}

/// A piece of a post: a web address, or the text between addresses.
enum Piece<'a> {
    Url,
    Text(&'a str),
}

/// The post split at its web addresses: runs without white space that start a word with
/// `http://`, `https://` or `www.`, less any punctuation that ends the sentence after them.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut text_start = 0;
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        let rest = &text[at..];
        let starts_word = at == 0 || text[..at].ends_with(char::is_whitespace);
        if starts_word && ["http://", "https://", "www."].iter().any(|p| starts_with_ignoring_case(rest, p)) {
            let end = rest.find(char::is_whitespace).map_or(text.len(), |e| at + e);
            let end = text[..end].trim_end_matches(['.', ',', '!', '?', ')', ':', ';']).len().max(at + 1);
            if text_start < at {
                pieces.push(Piece::Text(&text[text_start..at]));
            }
            pieces.push(Piece::Url);
            text_start = end;
            at = end;
        } else {
            at += c.len_utf8();
        }
    }
    if text_start < text.len() {
        pieces.push(Piece::Text(&text[text_start..]));
    }
    pieces
}

fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len()).is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graphemes_count_what_a_person_sees() {
        let cases = [
            ("hello", 5),
            ("Cafe\u{301}", 4),
            ("\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}", 1),
            ("\u{1F1EC}\u{1F1E7}", 1),
            ("\u{270B}\u{1F3FD}", 1),
            ("a\r\nb", 3),
            ("", 0),
        ];
        for (text, expected) in cases {
            assert_eq!(count(text, Counting::Graphemes), expected, "{text:?}");
        }
    }

    #[test]
    fn x_weighs_addresses_emoji_and_scripts_as_twitter_text_does() {
        let cases = [
            ("hello", 5),
            // A web address is 23 however long, with what follows it counted as text.
            ("see https://www.example.org/a/very/long/path/indeed/to/a/page.html.", 5 + 23),
            ("www.example.org", 23),
            ("shop.example.org", 16),
            // Emoji are 2, a family or a flag too.
            ("\u{1F600}", 2),
            ("\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}", 2),
            ("\u{1F1EC}\u{1F1E7}", 2),
            ("\u{2764}\u{FE0F}", 2),
            // Accents and Cyrillic are light; Chinese and Japanese are heavy.
            ("Cafe\u{301}", 4),
            ("\u{41F}\u{440}\u{438}\u{432}\u{435}\u{442}", 6),
            ("\u{4F60}\u{597D}", 4),
            // Curly quotes and dashes are light.
            ("\u{201C}hi\u{201D} \u{2013}", 6),
        ];
        for (text, expected) in cases {
            assert_eq!(count(text, Counting::X), expected, "{text:?}");
        }
    }

    #[test]
    fn countings_are_named_as_rules_json_names_them() {
        for counting in [Counting::Graphemes, Counting::X] {
            let name = serde_json::to_string(&counting).expect("serialises");
            assert_eq!(Counting::from_name(name.trim_matches('"')), Some(counting));
        }
        assert_eq!(Counting::from_name("words"), None);
    }
}
