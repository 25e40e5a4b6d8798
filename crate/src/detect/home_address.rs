//! # Home addresses and postcodes
//!
//! **What it finds.** Street addresses (`9 Elmhurst Gardens`, `Flat 2, 14a High Street`) and
//! UK postcodes (`N17 6QQ`, `sw1a 1aa`, `N176QQ`).
//!
//! **Why.** An address says where a child lives. Pupils are taught never to give it to
//! anyone met online; staff must not give theirs to pupils or parents.
//!
//! **How.** A house number, one to three capitalised words and a street word (`Road`,
//! `Gardens`, `Close` …); a postcode by the GOV.UK pattern with the BS 7666 letter limits
//! (no Q, V or X first, no I, J or Z second, no C, I, K, M, O or V in the last two). The
//! school's own address (`address` in `school.toml`) is public and never found.

#[cfg(test)]
use super::Vocabulary;
use super::{Detect, Draft};
use crate::lexicon;
use crate::model::Span;
use crate::text::tokens::Token;

pub(super) struct HomeAddress;

fn is_house_number(token: &Token) -> bool {
    let digits = token.text.trim_end_matches(|c: char| c.is_ascii_lowercase());
    let letters = token.text.len() - digits.len();
    !digits.is_empty()
        && digits.len() <= 4
        && digits.chars().all(|c| c.is_ascii_digit())
        && letters <= 1
        && !digits.starts_with('0')
}

fn is_street_word(token: &Token) -> bool {
    lexicon::in_class("street-suffix", &token.text)
}

/// Whether `outward` and `inward` (folded) form a UK postcode.
fn is_postcode(outward: &str, inward: &str) -> bool {
    let o = outward.as_bytes();
    let i = inward.as_bytes();
    let letter = |b: &u8| b.is_ascii_lowercase();
    let digit = |b: &u8| b.is_ascii_digit();
    let inward_ok = i.len() == 3 && digit(&i[0]) && i[1..].iter().all(|b| letter(b) && !b"cikmov".contains(b));
    let area_ok = match o {
        [a, rest @ ..] if letter(a) && !b"qvx".contains(a) => match rest {
            [d] | [d, _] if digit(d) => rest.len() == 1 || rest[1].is_ascii_alphanumeric(),
            [b, d] | [b, d, _] if letter(b) && !b"ijz".contains(b) && digit(d) => {
                rest.len() == 2 || rest[2].is_ascii_alphanumeric()
            }
            _ => false,
        },
        _ => false,
    };
    inward_ok && area_ok
}

/// Whether tokens `start..end` are part of the school's own address, as the vocabulary folds
/// it: its postcode or its street, however spaced.
fn is_school_address(draft: &Draft<'_>, start: usize, end: usize) -> bool {
    let address = &draft.vocabulary.school_address;
    let written: String = draft.tokens[start..end].iter().map(|t| t.text.as_str()).collect();
    !address.is_empty() && address.contains(&written)
}

impl Detect for HomeAddress {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
        let mut spans = Vec::new();
        self.find(draft, &mut spans);
        found.extend(
            spans
                .into_iter()
                .filter(|&(start, end)| !is_school_address(draft, start, end))
                .map(|(start, end)| draft.span(start, end)),
        );
    }
}

impl HomeAddress {
    /// Token ranges of addresses and postcodes in `draft`.
    fn find(&self, draft: &Draft<'_>, found: &mut Vec<(usize, usize)>) {
        let tokens = &draft.tokens;
        for (i, token) in tokens.iter().enumerate() {
            // Postcodes and house numbers start with a token that has a digit.
            if !token.has_digit {
                continue;
            }
            // Postcode in two tokens: "N17 6QQ".
            if let Some(next) = tokens.get(i + 1)
                && draft.between(token, next).len() <= 1
                && is_postcode(&token.text, &next.text)
            {
                found.push((i, i + 2));
                continue;
            }
            // Postcode in one token, capitalised as written: "N176QQ".
            if token.text.len() >= 5 && token.text.is_ascii() && token.shouting {
                let (outward, inward) = token.text.split_at(token.text.len() - 3);
                if is_postcode(outward, inward) {
                    found.push((i, i + 1));
                    continue;
                }
            }
            // Street address: number, capitalised name words, street word.
            if is_house_number(token) {
                let mut j = i + 1;
                while j < tokens.len()
                    && j <= i + 3
                    && tokens[j].capitalised
                    && tokens[j].has_letter
                    && !is_street_word(&tokens[j])
                {
                    j += 1;
                }
                if j > i + 1
                    && let Some(street) = tokens.get(j)
                    && is_street_word(street)
                    && street.sentence == token.sentence
                {
                    found.push((i, j + 1));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::testing::*;
    use crate::detect::{DetectorSpec, NoSettings};
    use crate::model::{Author::*, Channel::*};

    fn address() -> DetectorSpec {
        DetectorSpec::HomeAddress(NoSettings {})
    }

    #[test]
    fn finds_addresses_and_postcodes() {
        assert_finds(
            &address(),
            Pupil,
            Direct,
            "it's 9 Elmhurst Gardens, N17 6QQ 😊",
            &["9 Elmhurst Gardens", "N17 6QQ"],
        );
        assert_finds(&address(), Pupil, Direct, "come to 14a High Street", &["14a High Street"]);
        assert_finds(&address(), Pupil, Direct, "postcode sw1a 1aa", &["sw1a 1aa"]);
        assert_finds(&address(), Pupil, Direct, "its N176QQ", &["N176QQ"]);
        assert_finds(&address(), Pupil, Direct, "EC1A 1BB", &["EC1A 1BB"]);
    }

    #[test]
    fn the_schools_own_address_is_not_found() {
        let mut vocabulary = vocabulary();
        vocabulary.school_address = Vocabulary::compact_address("12 Oak Lane, Oakfield, OX1 2AB");
        let context = context(Staff, School);
        let engine = crate::text::pattern::CueEngine::default();
        let text = "Our fair is at 12 Oak Lane (OX1 2AB); Sam lives at 9 Elm Road, OX4 1AA";
        let draft = Draft::new(text, &context, &vocabulary, &engine);
        let mut spans = Vec::new();
        HomeAddress.detect(&draft, &mut spans);
        let found: Vec<&str> = spans.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(found, ["9 Elm Road", "OX4 1AA"]);
    }

    #[test]
    fn ignores_lookalikes() {
        assert_clean(
            &address(),
            Pupil,
            Direct,
            &[
                "Year 6 went 5 minutes down the road",
                "we scored 3 goals on the Green",
                "A13 road works",
                "room 12 of the Main Hall",
                "QX1 1AA",
                "I got 10 out of 10",
                "Mr Smith 3 Year",
            ],
        );
    }

    #[test]
    fn postcode_letter_limits() {
        assert!(is_postcode("n17", "6qq"));
        assert!(is_postcode("sw1a", "1aa"));
        assert!(is_postcode("m1", "1ae"));
        assert!(!is_postcode("q1", "1aa"));
        assert!(!is_postcode("n17", "6qc"));
        assert!(!is_postcode("ni1", "1aa"));
    }
}
