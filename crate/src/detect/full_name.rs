//! # A child's full name, or a name with a class
//!
//! **What it finds.** A first name followed by a surname (`Sienna Parkes`, `Keira
//! Johnson-Blake`, `arjun mehta` after "my name is"), and, with `with_class`, a first name
//! with a class or year group (`Kian in Year 4`, `Ryan in 6H`, `Amir from Kingfishers class`).
//!
//! **Why.** Every policy forbids posting what could identify a pupil; a full name, or a name
//! with a class, is enough to find a child. The school's own accounts use first names at most.
//!
//! **How.** Both words must be capitalised as written (or follow "my name is"), the first in
//! the first-name list and the second in the surname list (`lexicons/`). Not a name: a title
//! before it (`Mrs Hancock` is staff), a place word after it (`Bruce Castle Park`), a public
//! figure or story character (`Harry Potter`, `lexicons/public-names.txt`), or two ordinary
//! words that happen to be names (`Grace Hill`).
//!
//! **Settings.** `with_class = true` also finds a first name with a class or year group.
//! `only_with_media = true` reports only when the draft has media showing pupils (a full
//! name alongside an image).

use super::class_name::class_end;
use super::{Detect, Draft, Vocabulary, cue_set};
use crate::lexicon;
use crate::model::Span;
use crate::text::pattern::{CueEngine, PatternSet};
use crate::text::tokens::Token;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::LazyLock;

/// Settings of the full-name detector.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Also a first name with a class or year group.
    #[serde(default)]
    pub with_class: bool,
    /// Only when media showing pupils is attached.
    #[serde(default)]
    pub only_with_media: bool,
}

pub(super) struct FullName {
    settings: Settings,
    introductions: PatternSet,
    name_places: PatternSet,
}

const INTRODUCTIONS: &[&str] =
    &["my full? name is|name's|names", "i'm|im|i am called", "call me", "this is my son|daughter|child"];

/// Words after which a capitalised pair stands in a name's place: praise, thanks, welcome and
/// awards name people, so "well done to Jack Smith" is a name though "jack" and "smith" are
/// words too.
const NAME_PLACES: &[&str] = &[
    "well done to?",
    "a big? huge? massive? well done to?",
    "congratulations|congrats|congratulation to?",
    "thank you to",
    "thanks to",
    "shout out|outs to",
    "shoutout|shoutouts to",
    "a big? huge? massive? thank you to",
    "goes|go|went to",
    "awarded to",
    "presented to",
    "proud of",
    "welcome",
    "welcome to our new? pupil|pupils|starter|starters|classmate|classmates",
    "happy birthday to?",
    "star|pupil|writer|reader|mathematician|citizen of the week|month|term",
    "star|pupil of the week|month is|was",
    "well played",
    "good luck to",
    "a special mention for|to",
];

static PUBLIC_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| lexicon::public_names().collect());

impl FullName {
    pub(super) fn new(settings: Settings, vocabulary: &Vocabulary, engine: &mut CueEngine) -> FullName {
        FullName {
            settings,
            introductions: cue_set(INTRODUCTIONS, vocabulary, engine),
            name_places: cue_set(NAME_PLACES, vocabulary, engine),
        }
    }
}

fn in_class(class: &str, word: &str) -> bool {
    lexicon::in_class(class, word)
}

/// The word without a possessive `'s`: "Parkes's" → "parkes", "Sienna's" → "sienna".
fn base<'a>(draft: &Draft<'_>, token: &'a Token) -> &'a str {
    let raw = draft.raw(token);
    let possessive = raw.ends_with("'s") || raw.ends_with("\u{2019}s");
    match token.text.strip_suffix('s') {
        Some(stem) if possessive => stem,
        _ => &token.text,
    }
}

/// Whether only spaces, or a hyphen, separate two tokens in the original.
fn adjacent(draft: &Draft<'_>, a: &Token, b: &Token) -> bool {
    a.sentence == b.sentence && draft.between(a, b).chars().all(|c| c == ' ' || c == '-')
}

/// The end (exclusive) of a surname starting at `at`, joining hyphenated parts.
fn surname_end(draft: &Draft<'_>, at: usize, any_case: bool) -> Option<(usize, bool)> {
    let tokens = &draft.tokens;
    let first = tokens.get(at)?;
    if !(first.capitalised || any_case) || !first.has_letter || first.has_digit {
        return None;
    }
    let mut end = at + 1;
    while let Some(next) = tokens.get(end) {
        let joined = draft.between(&tokens[end - 1], next) == "-";
        if joined && (next.capitalised || any_case) && next.has_letter {
            end += 1;
        } else {
            break;
        }
    }
    let parts = &tokens[at..end];
    let known: Vec<_> = parts.iter().filter_map(|t| lexicon::surname(base(draft, t))).collect();
    if known.is_empty() {
        return None;
    }
    let common = parts.len() == 1 && known.iter().all(|n| n.common_word);
    Some((end, common))
}

/// Where the next name of a list would start after a name ending at token `end`: "Grace Mason
/// and Lily White", "Grace Mason, Lily White".
fn next_in_list(draft: &Draft<'_>, end: usize) -> Option<usize> {
    let tokens = &draft.tokens;
    let next = tokens.get(end).filter(|n| n.sentence == tokens[end - 1].sentence)?;
    if next.text == "and" {
        return Some(end + 1);
    }
    (draft.between(&tokens[end - 1], next).trim() == ",").then_some(end)
}

/// Whether a class or year group follows token `at`: "in Year 4", "from Kingfishers class",
/// "(4B)".
fn with_class_after(draft: &Draft<'_>, at: usize) -> bool {
    let tokens = &draft.tokens;
    let Some(link) = tokens.get(at) else { return false };
    let same_sentence = at > 0 && tokens[at - 1].sentence == link.sentence;
    if !same_sentence {
        return false;
    }
    if matches!(link.text.as_str(), "in" | "from" | "of") {
        return class_end(draft, at + 1).is_some();
    }
    draft.between(&tokens[at - 1], link).trim() == "(" && class_end(draft, at).is_some()
}

impl Detect for FullName {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
        if self.settings.only_with_media && !draft.context.media.iter().any(|m| m.pupils > 0) {
            return;
        }
        let tokens = &draft.tokens;
        let introduced: HashSet<usize> = draft.find(&self.introductions).iter().map(|m| m.end).collect();
        let mut name_places: HashSet<usize> = draft.find(&self.name_places).iter().map(|m| m.end).collect();
        let mut i = 0;
        while i < tokens.len() {
            let t = &tokens[i];
            let intro = introduced.contains(&i);
            if !(t.capitalised || intro) || t.has_digit {
                i += 1;
                continue;
            }
            let first = lexicon::first_name(base(draft, t));
            // A title or job before the name says it is an adult's: "Mrs Hancock", "Watch Manager Dick Harper".
            let titled = i > 0
                && (in_class("title", &tokens[i - 1].text) || in_class("job-title", &tokens[i - 1].text))
                && tokens[i - 1].sentence == t.sentence;
            if first.is_none() || titled || in_class("weekday", &t.text) {
                i += 1;
                continue;
            }
            let first = first.unwrap_or(lexicon::NameEntry { common_word: false });
            // First name + surname.
            if let Some(next) = tokens.get(i + 1)
                && adjacent(draft, t, next)
                && let Some((end, surname_common)) = surname_end(draft, i + 1, intro)
            {
                let followed_by_place = tokens
                    .get(end)
                    .is_some_and(|n| n.capitalised && n.sentence == t.sentence && in_class("place-noun", &n.text));
                // Capitals at the start of a sentence say nothing, which matters when the first
                // word is an ordinary word too ("Will Price won" against "Will you price it").
                let ambiguity = u8::from(first.common_word)
                    + u8::from(surname_common)
                    + u8::from(t.sentence_start && !t.shouting && first.common_word);
                let public = (end..=end + 2).filter(|&k| k <= tokens.len()).any(|k| {
                    let words: Vec<&str> = tokens[i..k].iter().map(|t| t.text.as_str()).collect();
                    PUBLIC_NAMES.contains(words.join(" ").as_str())
                });
                // Both words ordinary English words ("Jack Smith", "Grace Mason") is a name only
                // where a name is expected: after praise or thanks, or before a class.
                let in_names_place = name_places.contains(&i) || with_class_after(draft, end);
                if intro || (!followed_by_place && !public && (ambiguity < 2 || in_names_place)) {
                    found.push(draft.span(i, end));
                    if in_names_place {
                        name_places.extend(next_in_list(draft, end));
                    }
                    i = end;
                    continue;
                }
            }
            // A first name and an initial: "Bartek W." identifies a child in a class as surely.
            if let Some(next) = tokens.get(i + 1)
                && !first.common_word
                && adjacent(draft, t, next)
                && draft.raw(next).chars().count() == 1
                && draft.raw(next).chars().all(|c| c.is_uppercase())
                && draft.text[next.span.end..].starts_with('.')
            {
                found.push(draft.span(i, i + 2));
                i += 2;
                continue;
            }
            // First name + class: "Kian in Year 4".
            if self.settings.with_class
                && !first.common_word
                && let Some(link) = tokens.get(i + 1)
                && matches!(link.text.as_str(), "in" | "from" | "of")
                && link.sentence == t.sentence
                && let Some(end) = class_end(draft, i + 2)
            {
                found.push(draft.span(i, end));
                i = end;
                continue;
            }
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::DetectorSpec;
    use crate::detect::testing::*;
    use crate::model::{Author::*, Channel::*, Consent, MediaItem, MediaType};

    fn full_name(with_class: bool) -> DetectorSpec {
        DetectorSpec::FullName(Settings { with_class, only_with_media: false })
    }

    #[test]
    fn finds_full_names() {
        let spec = full_name(false);
        assert_finds(&spec, Pupil, Direct, "ok fine, my full name is Sienna Parkes and I go to", &["Sienna Parkes"]);
        assert_finds(
            &spec,
            Staff,
            School,
            "Brilliant news: Keira Johnson-Blake from Kingfishers",
            &["Keira Johnson-Blake"],
        );
        assert_finds(&spec, Staff, School, "Congratulations to Arjun Mehta of 10S", &["Arjun Mehta"]);
        assert_finds(&spec, Pupil, Direct, "hi my name is amelia jones", &["amelia jones"]);
        assert_finds(&spec, Parent, Group, "Ryan Pemberton's mum said", &["Ryan Pemberton's"]);
        assert_finds(&spec, Staff, Personal, "Callum Price in my form got into Oxford!", &["Callum Price"]);
        assert_finds(&spec, Staff, Personal, "Little Bartek W. read a whole book", &["Bartek W"]);
    }

    #[test]
    fn finds_names_of_ordinary_words_where_a_name_is_expected() {
        let spec = full_name(false);
        assert_finds(
            &spec,
            Staff,
            School,
            "Well done to Jack Smith in Year 4 for his brilliant swimming gala today!",
            &["Jack Smith"],
        );
        assert_finds(
            &spec,
            Staff,
            School,
            "Congratulations to Grace Mason and Lily White!",
            &["Grace Mason", "Lily White"],
        );
        assert_finds(&spec, Staff, School, "Star of the week is Poppy Baker", &["Poppy Baker"]);
        assert_finds(&spec, Staff, School, "Harry Cooper from Kingfishers class read beautifully", &["Harry Cooper"]);
        assert_finds(&spec, Staff, School, "Our reader of the term: Tom Cook (4B)", &["Tom Cook"]);
        assert_finds(&spec, Staff, School, "Ruby Smith (Year 2) won the poetry prize", &["Ruby Smith"]);
    }

    #[test]
    fn ordinary_words_outside_a_names_place_are_not_names() {
        assert_clean(
            &full_name(true),
            Staff,
            School,
            &[
                "We walked up Grace Hill to the church",
                "Lovely recipe from TV chef Tom Cook for our cookery club",
                "Will Smith films are a treat, says Year 6",
                "Violet Brown and Ivy Green are the colours of our new logo",
            ],
        );
    }

    #[test]
    fn finds_names_with_classes() {
        let spec = full_name(true);
        assert_finds(&spec, Parent, Group, "Apparently Kian in Year 4 has been", &["Kian in Year 4"]);
        assert_finds(&spec, Parent, Group, "well done Amelia from Y3!", &["Amelia from Y3"]);
        assert_finds(&spec, Parent, Group, "Ryan in 6H again", &["Ryan in 6H"]);
    }

    #[test]
    fn not_names() {
        assert_clean(
            &full_name(true),
            Staff,
            School,
            &[
                "Mrs Hancock's class were visited by the fire brigade",
                "let's meet at Bruce Castle Park on Sunday",
                "Year 2 loved reading Harry Potter this week",
                "We walked up Grace Hill in the rain",
                "Hi Miss Carter, could Arlo sit nearer the front?",
                "Thank you Mr Lindsay for organising the Berlin trip, Isabelle had a great time",
                "Jo in Reception is off this week",
                "come and meet our new SENCo, Mr Abara",
                "Linton Vale Academy is closing",
                "vote in the poll: 1) Harley 2) Noor 3) Rafi",
                "thank you to Watch Manager Dick Harper for the tour",
                "Will you price it up for me?",
            ],
        );
    }

    #[test]
    fn only_with_media() {
        let spec = DetectorSpec::FullName(Settings { with_class: false, only_with_media: true });
        let text = "Congratulations to Arjun Mehta!";
        assert!(found(&spec, text, &context(Staff, School)).is_empty());
        let media = vec![MediaItem {
            kind: MediaType::Image,
            pupils: 1,
            consent: Consent::ImagesAndVideo,
            swimwear: false,
            own_child_only: false,
        }];
        assert_eq!(found(&spec, text, &with_media(Staff, School, media)), ["Arjun Mehta"]);
    }
}
