//! # Dates of birth
//!
//! **What it finds.** A date of birth given out: "born on 3 May 2015", "DOB 03/05/2015",
//! "my birthday is 3rd May", "date of birth: 2015-05-03".
//!
//! **Why.** With a name, a date of birth identifies a child, and it is a favourite of
//! identity thieves. Policies treat it as personal information not to be posted.
//!
//! **How.** A birth cue ("born", "DOB", "date of birth", "birthday is") followed within a few
//! words by a date: a day and a month name, or a numeric date.

use super::{Detect, Draft, Vocabulary, cue_set};
use crate::lexicon;
use crate::model::Span;
use crate::text::pattern::{CueEngine, PatternSet};
use crate::text::tokens::Token;

pub(super) struct DateOfBirth {
    cues: PatternSet,
}

const CUES: &[&str] =
    &["born on|in?", "dob", "d o b", "date of birth", "birthday is|was|on", "bday is|on", "birth date"];

impl DateOfBirth {
    pub(super) fn new(vocabulary: &Vocabulary, engine: &mut CueEngine) -> DateOfBirth {
        DateOfBirth { cues: cue_set(CUES, vocabulary, engine) }
    }
}

fn is_day(token: &Token) -> bool {
    let digits = token.text.trim_end_matches(|c: char| c.is_ascii_lowercase());
    let suffix = &token.text[digits.len()..];
    matches!(suffix, "" | "st" | "nd" | "rd" | "th") && digits.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
}

fn is_month(token: &Token) -> bool {
    lexicon::in_class("month", &token.text) || token.text.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
}

/// The number of tokens of a date starting at `at`: "3 May 2015", "3rd of May", "03 05 2015".
fn date_at(tokens: &[Token], at: usize) -> Option<usize> {
    let t = |i: usize| tokens.get(at + i);
    let day_first = t(0).is_some_and(is_day);
    if day_first {
        let of = usize::from(t(1).is_some_and(|x| x.text == "of"));
        if t(1 + of).is_some_and(is_month) {
            let year = usize::from(
                t(2 + of).is_some_and(|y| y.text.len() == 4 && (y.text.starts_with("20") || y.text.starts_with("19"))),
            );
            return Some(2 + of + year);
        }
    }
    // "May 3rd", "May 3 2015"
    if t(0).is_some_and(|m| lexicon::in_class("month", &m.text)) && t(1).is_some_and(is_day) {
        return Some(2);
    }
    // ISO: 2015 05 03
    if t(0).is_some_and(|y| y.text.len() == 4 && y.text.chars().all(|c| c.is_ascii_digit()))
        && t(1).is_some_and(is_month)
        && t(2).is_some_and(is_day)
    {
        return Some(3);
    }
    None
}

impl Detect for DateOfBirth {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
        for m in draft.find(&self.cues) {
            let sentence = draft.tokens[m.start].sentence;
            for at in m.end..(m.end + 3).min(draft.tokens.len()) {
                if draft.tokens[at].sentence != sentence {
                    break;
                }
                if let Some(len) = date_at(&draft.tokens, at) {
                    found.push(draft.span(m.start, at + len));
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::detect::testing::*;
    use crate::detect::{DetectorSpec, NoSettings};
    use crate::model::{Author::*, Channel::*};

    fn dob() -> DetectorSpec {
        DetectorSpec::DateOfBirth(NoSettings {})
    }

    #[test]
    fn finds_dates_of_birth() {
        assert_finds(&dob(), Pupil, Direct, "I was born on 3 May 2015 lol", &["born on 3 May 2015"]);
        assert_finds(&dob(), Pupil, Direct, "DOB: 03/05/2015", &["DOB: 03/05/2015"]);
        assert_finds(&dob(), Pupil, Direct, "my birthday is the 3rd of May!", &["birthday is the 3rd of May"]);
        assert_finds(&dob(), Staff, School, "date of birth 2015-05-03", &["date of birth 2015-05-03"]);
    }

    #[test]
    fn ignores_other_dates() {
        assert_clean(
            &dob(),
            Staff,
            School,
            &[
                "Sports day is on 3 May",
                "Happy birthday to our school, 50 years old!",
                "Born Free was on TV",
                "my birthday is soon",
            ],
        );
    }
}
