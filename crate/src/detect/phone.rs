//! # Phone numbers
//!
//! **What it finds.** UK phone numbers however they are written: `07700 900874`,
//! `07700-900-874`, `+44 7700 900874`, `+44 (0)7700 900874`, `(01632) 960123`,
//! `020 7946 0123`, `0113.496.0000`, digits spaced apart.
//!
//! **Why.** Policies forbid staff giving pupils and parents their numbers, and teach pupils
//! not to give out personal information online. A number is the quickest way to take a
//! conversation somewhere nobody can see it.
//!
//! **How.** Numbers are read from the folded text (so fullwidth digits and zero-width
//! characters do not hide them): a `0` or `+44` not preceded by a digit, then digits with at
//! most one separator (space, `-`, `.`, brackets) between them. A UK number has 10 or 11 digits
//! with its leading 0; the second digit says what kind (`7` mobile; `1`, `2` geographic;
//! `3`, `5`, `8`, `9` non-geographic).
//!
//! **Setting.** `mobiles_only = true` finds only mobile numbers (07…), for channels where an
//! office landline is normal (an official account giving the school's number).

use super::{Detect, Draft};
use crate::model::Span;
use serde::{Deserialize, Serialize};

/// Settings of the phone detector.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Only mobile numbers.
    #[serde(default)]
    pub mobiles_only: bool,
}

pub(super) struct Phone {
    settings: Settings,
}

impl Phone {
    pub(super) fn new(settings: Settings) -> Phone {
        Phone { settings }
    }
}

/// A number found in folded text: its byte range there and its national digits (with 0).
pub(crate) fn find_numbers(folded: &str) -> Vec<(usize, usize, String)> {
    let bytes = folded.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // Numbers start with 0, +44 or (0.
        match bytes[i..].iter().position(|b| matches!(b, b'0' | b'+' | b'(')) {
            Some(skip) => i += skip,
            None => break,
        }
        let preceded_by_digit = i > 0 && (bytes[i - 1].is_ascii_digit() || bytes[i - 1].is_ascii_alphabetic());
        let start = i;
        let mut digits = String::new();
        let mut j = i;
        if bytes[i] == b'+' && folded[i + 1..].starts_with("44") {
            digits.push('0');
            // "+44 (0)7700": the bracketed 0 is dropped.
            let rest = folded[i + 3..].trim_start_matches(' ');
            let rest = rest.strip_prefix("(0)").unwrap_or(rest).trim_start_matches(' ');
            j = folded.len() - rest.len();
        } else if bytes[i] == b'(' && bytes.get(i + 1) == Some(&b'0') && !preceded_by_digit {
            j = i + 1;
        } else if bytes[i] != b'0' || preceded_by_digit {
            i += 1;
            continue;
        }
        let mut end = j;
        let mut last_was_separator = true;
        while j < bytes.len() && digits.len() < 12 {
            let b = bytes[j];
            if b.is_ascii_digit() {
                digits.push(b as char);
                last_was_separator = false;
                end = j + 1;
            } else if matches!(b, b' ' | b'-' | b'.' | b'(' | b')') && !last_was_separator {
                last_was_separator = !matches!(b, b')');
                // ") " counts as one separator.
                if b == b')' && bytes.get(j + 1) == Some(&b' ') {
                    j += 1;
                }
            } else {
                break;
            }
            j += 1;
        }
        let followed_by_digit = bytes.get(end).is_some_and(u8::is_ascii_digit);
        if is_uk_number(&digits) && !followed_by_digit {
            found.push((start, end, digits));
            i = end;
        } else {
            i += 1;
        }
    }
    found
}

/// Whether `digits` (national form, with the leading 0) is a plausible UK number.
fn is_uk_number(digits: &str) -> bool {
    let Some(kind) = digits.as_bytes().get(1) else {
        return false;
    };
    digits.starts_with('0')
        && matches!(kind, b'1' | b'2' | b'3' | b'5' | b'7' | b'8' | b'9')
        && (digits.len() == 11 || (digits.len() == 10 && matches!(kind, b'1' | b'8')))
}

/// The digits a spoken number word stands for: "oh" 0, "seven" 7, "double" repeats the next.
fn spoken_digit(word: &str) -> Option<char> {
    Some(match word {
        "oh" | "o" | "zero" | "nought" | "nil" => '0',
        "one" => '1',
        "two" => '2',
        "three" => '3',
        "four" => '4',
        "five" => '5',
        "six" => '6',
        "seven" => '7',
        "eight" => '8',
        "nine" => '9',
        _ => return None,
    })
}

/// Numbers spelt out to dodge filters: "oh seven seven double oh, nine double oh …". At least
/// four spoken words, so "one or two" and "seven days" are never numbers.
fn spoken_numbers(draft: &Draft<'_>) -> Vec<(usize, usize, String)> {
    let tokens = &draft.tokens;
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let (mut digits, mut spoken, mut end, mut repeat) = (String::new(), 0, i, 1);
        while let Some(t) = tokens.get(end).filter(|t| t.sentence == tokens[i].sentence) {
            if let Some(d) = spoken_digit(&t.text) {
                (0..repeat).for_each(|_| digits.push(d));
                repeat = 1;
                spoken += 1;
            } else if t.text == "double" || t.text == "triple" {
                repeat = if t.text == "double" { 2 } else { 3 };
            } else if t.text.chars().all(|c| c.is_ascii_digit()) && t.text.len() <= 4 {
                (0..repeat).for_each(|_| digits.push_str(&t.text));
                repeat = 1;
            } else {
                break;
            }
            end += 1;
        }
        if spoken >= 4 && is_uk_number(&digits) {
            found.push((i, end, digits));
            i = end;
        } else {
            i += 1;
        }
    }
    found
}

impl Detect for Phone {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
        for (start, end, digits) in find_numbers(&draft.folded.text) {
            if self.settings.mobiles_only && !digits.starts_with("07") {
                continue;
            }
            if let Some((s, e)) = draft.folded.original_span(start, end) {
                found.push(Span::new(s, e));
            }
        }
        for (start, end, digits) in spoken_numbers(draft) {
            if !self.settings.mobiles_only || digits.starts_with("07") {
                found.push(draft.span(start, end));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::DetectorSpec;
    use crate::detect::testing::*;
    use crate::model::{Author::*, Channel::*};

    fn phone() -> DetectorSpec {
        DetectorSpec::Phone(Settings::default())
    }

    #[test]
    fn finds_every_common_form() {
        for (text, number) in [
            ("ring 07700 900874 ok", "07700 900874"),
            ("ring 07700900874", "07700900874"),
            ("ring 07700-900-874.", "07700-900-874"),
            ("ring +44 7700 900874", "+44 7700 900874"),
            ("ring +447700900874", "+447700900874"),
            ("ring +44 (0)7700 900874", "+44 (0)7700 900874"),
            ("office (01632) 960123 today", "(01632) 960123"),
            ("020 7946 0123", "020 7946 0123"),
            ("0113.496.0000", "0113.496.0000"),
            ("0 7 7 0 0 9 0 0 8 7 4", "0 7 7 0 0 9 0 0 8 7 4"),
            ("ｆｏｎｅ ０７７００ ９００８７４", "０７７００ ９００８７４"),
            ("07700\u{200B}900874", "07700\u{200B}900874"),
            ("0808 157 0192 free", "0808 157 0192"),
        ] {
            assert_finds(&phone(), Pupil, Direct, text, &[number]);
        }
    }

    #[test]
    fn ignores_other_numbers() {
        assert_clean(
            &phone(),
            Pupil,
            Direct,
            &[
                "Quiz night 7:30, teams of 6",
                "Year 2024 2025 results",
                "order 1234 5678 9012 3456",
                "01/02/2015",
                "call 0044",
                "12 07700 900",
                "we raised £1,070.50",
                "score 0 - 3",
                "code 123456789012345",
            ],
        );
    }

    #[test]
    fn finds_numbers_spelt_out() {
        assert_finds(
            &phone(),
            Pupil,
            Direct,
            "text me its oh seven seven double oh, nine double oh, two four six",
            &["oh seven seven double oh, nine double oh, two four six"],
        );
        assert_clean(&phone(), Pupil, Direct, &["one or two of us, seven days a week", "three two one go!"]);
    }

    #[test]
    fn mobiles_only() {
        let spec = DetectorSpec::Phone(Settings { mobiles_only: true });
        assert_finds(&spec, Staff, School, "Office 01632 960123 or 07700 900874", &["07700 900874"]);
    }
}
