//! # Naming the school on a personal account
//!
//! **What it finds.** The school's name and the names people use for it (`school.toml`),
//! also misspelt ("Chestnutz"), and, with `employee_cues`, staff identifying themselves as
//! working there ("teaching Reception", "my class", "staff Christmas do", "my tutees").
//!
//! **Why.** Staff are to avoid identifying themselves as employees of the school on personal
//! accounts, and not to post anything that could identify the school.
//!
//! **How.** A name of several words matches word for word, each word also with one letter
//! wrong; a one-word name must be capitalised as written (a "chestnut" is not "Chestnuts"),
//! and matches misspelt (or split: "Cray lands") only when it is six letters or longer. A name
//! the school shares with its village (`place_names` in `school.toml`: "Cotton End") counts
//! only beside a school word: "Cotton End staff", not "the Cotton End village fete". A
//! hashtag counts when it is a name run together ("#robertcarre") or holds one as a capitalised
//! part ("#CraylandsFamily", "#TeamOakfield"); "#oakfieldroasting" does not.

use super::{Detect, Draft, Vocabulary, cue_set};
use crate::model::{Category, Span};
use crate::text::pattern::{CueEngine, PatternSet};
use crate::text::tokens::Token;
use serde::{Deserialize, Serialize};

/// Settings of the school-name detector.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Also staff identifying themselves as the school's employees.
    #[serde(default)]
    pub employee_cues: bool,
}

pub(super) struct SchoolName {
    settings: Settings,
    employee: PatternSet,
    /// The school's names, longest first ("Oakfield Primary School" before "Oakfield"), each
    /// marked when it is also a place's name (then it counts only beside a school word).
    names: Vec<(Vec<String>, bool)>,
    /// The school's names (not the places') run together as a hashtag writes them: the folded
    /// form ("robertcarre") and the capitalised one ("RobertCarre").
    hashtag_names: Vec<(String, String)>,
}

const EMPLOYEE: &[&str] = &[
    "my lovely|amazing|wonderful|brilliant|fab|fabulous|little|new|old|gorgeous|crazy|noisy? class|pupils|students|tutees|tutor+group|form|kids+at+school|classroom|colleagues|headteacher|school|year",
    "my <num> class|kids|parents",
    "my year|yr <num>",
    "i teach",
    "teaching reception|nursery|year|maths|english|science|at|in",
    "staff christmas|summer|end+of+term? do|party|room|meeting|training|night|social",
    "inset day",
    "class <cap>",
    "<cap> class",
    "sats|ofsted|ppa|mocks ~3 next|this|start|week|tomorrow",
    "parents evening",
    "open evening|day",
    "marking|reports ~2 tonight|all|weekend|pile",
    "as a teacher|ta",
    "back+to+school|back+to+work tomorrow|monday",
];

impl SchoolName {
    pub(super) fn new(settings: Settings, vocabulary: &Vocabulary, engine: &mut CueEngine) -> SchoolName {
        let mut names: Vec<(Vec<String>, bool)> = vocabulary
            .school_names
            .iter()
            .map(|n| (n.clone(), false))
            .chain(vocabulary.place_names.iter().map(|n| (n.clone(), true)))
            .collect();
        names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
        let hashtag_names = vocabulary
            .school_names
            .iter()
            .map(|words| (words.concat(), words.iter().map(|w| capitalised(w)).collect::<String>()))
            // Shorter run-together names ("rc") are parts of too many other words.
            .filter(|(folded, _)| folded.len() >= 5)
            .collect();
        SchoolName { settings, employee: cue_set(EMPLOYEE, vocabulary, engine), names, hashtag_names }
    }
}

/// `word` with its first letter in capitals. Names are folded to ASCII, and ASCII case keeps the
/// Unicode case tables (some 10 KB gzipped) out of the WebAssembly checker.
fn capitalised(word: &str) -> String {
    let mut word = word.to_owned();
    if let Some(first) = word.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    word
}

/// Whether `word` is `target` with at most one letter changed, added or removed, or two
/// neighbouring letters swapped.
fn within_one_edit(word: &str, target: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (word.chars().collect(), target.chars().collect());
    let (long, short) = if a.len() >= b.len() { (&a, &b) } else { (&b, &a) };
    let Some(p) =
        long.iter().zip(short.iter()).position(|(x, y)| x != y).or((long.len() != short.len()).then_some(short.len()))
    else {
        return true; // equal
    };
    match long.len() - short.len() {
        0 => {
            long[p + 1..] == short[p + 1..]
                || (p + 1 < long.len()
                    && long[p] == short[p + 1]
                    && long[p + 1] == short[p]
                    && long[p + 2..] == short[p + 2..])
        }
        1 => long[p + 1..] == short[p..],
        _ => false,
    }
}

/// Whether `word` is `target`, or (for targets of six letters or more) a misspelling of it
/// with the same first letter.
fn word_matches(word: &str, target: &str) -> bool {
    word == target
        || (target.len() >= 6
            && word.len().abs_diff(target.len()) <= 1
            && word.as_bytes().first() == target.as_bytes().first()
            && within_one_edit(word, target))
}

/// Words that make a place's name mean the school: "Cotton End staff", "at Coton school".
const SCHOOL_CONTEXT: &[&str] = &[
    "school",
    "primary",
    "academy",
    "sports",
    "staff",
    "class",
    "classes",
    "pupils",
    "children",
    "kids",
    "teacher",
    "teachers",
    "head",
    "headteacher",
    "parents",
    "pta",
    "nativity",
    "assembly",
    "playground",
    "uniform",
];

impl SchoolName {
    /// Where a name of the school starts at `tokens[at]`: how many tokens it takes.
    fn name_at(&self, draft: &Draft<'_>, at: usize) -> Option<usize> {
        let tokens = &draft.tokens;
        for (name, is_place) in &self.names {
            let one_word = name.len() == 1;
            let window = tokens.get(at..at + name.len());
            let as_written = window.is_some_and(|window| {
                window.iter().all(|t| t.sentence == window[0].sentence)
                    && window.iter().zip(name).all(|(t, w)| word_matches(&t.text, w))
                    && (!one_word || window[0].capitalised)
            });
            // A one-word name split in two: "Cray lands".
            let split = one_word
                && !as_written
                && tokens.get(at + 1).is_some_and(|next| {
                    next.sentence == tokens[at].sentence
                        && tokens[at].capitalised
                        && draft.between(&tokens[at], next) == " "
                        && word_matches(&format!("{}{}", tokens[at].text, next.text), &name[0])
                });
            let len = if as_written {
                name.len()
            } else if split {
                2
            } else {
                continue;
            };
            if *is_place && !self.beside_school_word(draft, at, at + len) {
                continue;
            }
            return Some(len);
        }
        None
    }

    /// Whether `token` is a hashtag naming the school.
    fn hashtag_names_school(&self, draft: &Draft<'_>, token: &Token) -> bool {
        if !draft.text[..token.span.start].ends_with('#') {
            return false;
        }
        let written = &draft.text[token.span.start..token.span.end];
        self.hashtag_names.iter().any(|(folded, capitalised)| {
            token.text == folded.as_str()
                || written.match_indices(capitalised.as_str()).any(|(at, part)| {
                    // The part ends where the hashtag or its word does: "CraylandsFamily".
                    written[at + part.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                })
        })
    }

    /// Whether a school word stands within three words of tokens `start..end`.
    fn beside_school_word(&self, draft: &Draft<'_>, start: usize, end: usize) -> bool {
        let tokens = &draft.tokens;
        let sentence = tokens[start].sentence;
        let near = start.saturating_sub(3)..(end + 3).min(tokens.len());
        near.filter(|i| !(start..end).contains(i))
            .any(|i| tokens[i].sentence == sentence && SCHOOL_CONTEXT.contains(&tokens[i].text.as_str()))
    }
}

impl Detect for SchoolName {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
        let tokens = &draft.tokens;
        let mut i = 0;
        while i < tokens.len() {
            // Most words are far from any name: a different first letter, or a length no
            // misspelling reaches (a split name's first part starts the same way).
            let first = tokens[i].text.as_bytes();
            let near = |target: &str| {
                target.as_bytes().first() == first.first()
                    && (target.len().abs_diff(first.len()) <= 1 || first.len() < target.len())
            };
            if self.names.iter().any(|(name, _)| name.first().is_some_and(|w| near(w)))
                && let Some(len) = self.name_at(draft, i)
            {
                found.push(draft.span(i, i + len));
                i += len;
                continue;
            }
            if self.hashtag_names_school(draft, &tokens[i]) {
                found.push(tokens[i].span);
            }
            i += 1;
        }
        if self.settings.employee_cues {
            for m in draft.find(&self.employee) {
                found.push(draft.match_span(&m));
            }
            // What the cues miss, the learned model may find (see `detect::model`).
            draft.add_learned(Category::SchoolIdentity, found);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::DetectorSpec;
    use crate::detect::testing::*;
    use crate::model::{Author::*, Channel::*};

    fn names(employee_cues: bool) -> DetectorSpec {
        DetectorSpec::SchoolName(Settings { employee_cues })
    }

    #[test]
    fn finds_names_and_misspellings() {
        assert_finds(
            &names(false),
            Staff,
            Personal,
            "Swapping marking for mince pies — Oakfield staff do tonight!",
            &["Oakfield"],
        );
        assert_finds(&names(false), Staff, Personal, "Teaching Reception at Oakfeild is the best", &["Oakfeild"]);
        assert_finds(
            &names(false),
            Staff,
            Personal,
            "open evening at Oakfield Primary School done",
            &["Oakfield Primary School"],
        );
    }

    #[test]
    fn employee_cues() {
        assert_flags(
            &names(true),
            Staff,
            Personal,
            &["Trip to the arboretum with my lovely class today", "Heartbreaking meeting about one of my tutees"],
        );
        assert_clean(&names(false), Staff, Personal, &["Trip to the arboretum with my lovely class today"]);
    }

    #[test]
    fn split_and_place_names() {
        assert_finds(&names(false), Staff, Personal, "Oak field staff quiz champions!", &["Oak field"]);
        assert_finds(&names(false), Staff, Personal, "Great day with the Elmstead staff", &["Elmstead"]);
        assert_clean(&names(false), Staff, Personal, &["Finally moved in! 3 Church Street, Elmstead, AB1 2CD"]);
    }

    #[test]
    fn hashtags() {
        assert_finds(
            &names(false),
            Staff,
            Personal,
            "Another term done with the best colleagues #OakfieldFamily #TeacherLife",
            &["OakfieldFamily"],
        );
        assert_finds(&names(false), Staff, Personal, "Sports day! #TeamOakfield", &["TeamOakfield"]);
        assert_finds(
            &names(false),
            Staff,
            Personal,
            "done for the year #oakfieldprimaryschool",
            &["oakfieldprimaryschool"],
        );
        assert_clean(
            &names(false),
            Staff,
            Personal,
            &["Autumn walk #oakfieldroasting", "#OakfieldsFarm open day", "no hashtag here: oakfieldfamily"],
        );
    }

    #[test]
    fn not_the_school() {
        assert_clean(
            &names(true),
            Staff,
            Personal,
            &[
                "Lovely long run along the Thames path this morning. Legs say no, brain says yes.",
                "oakfield is a nice word",
            ],
        );
    }

    #[test]
    fn edit_distance() {
        assert!(within_one_edit("chestnutz", "chestnuts"));
        assert!(within_one_edit("chestnut", "chestnuts"));
        assert!(within_one_edit("chesnuts", "chestnuts"));
        assert!(!within_one_edit("chestnutzz", "chestnuts"));
        assert!(within_one_edit("oakfeild", "oakfield"), "neighbours swapped");
        assert!(!within_one_edit("oafkeild", "oakfield"));
    }
}
