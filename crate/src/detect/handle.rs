//! # Social-media handles
//!
//! **What it finds.** Account names given out: `@skye.moon.10`, "my snapchat is skye_moon",
//! "add me on insta: skyemoon10", "my username is sunnyfox11".
//!
//! **Why.** A handle is a way to reach someone privately. Pupils are taught not to give out
//! personal information to people they talk to online; staff must not give pupils or parents
//! their personal social-networking details.
//!
//! **How.** An `@` followed by 2–30 letters, digits, `.` or `_` that is not part of an
//! e-mail address; or a platform or "username" cue followed by a word that looks like a
//! handle (contains a digit, `_` or `.`, or comes after "is" / ":").

use super::{Detect, Draft, cue_set};
use crate::model::Span;
use crate::text::pattern::{CueEngine, PatternSet};

pub(super) struct Handle {
    cues: PatternSet,
}

const CUES: &[&str] = &[
    "my <platform> is|name|username|handle|id",
    "my <platform> <platform>? username|name|handle|id is?",
    "my username|user|handle|gamertag|tag|id is",
    "add|follow|find|message|dm me on|at <platform>",
    "i'm|im on <platform> as",
    "<platform> me",
];

impl Handle {
    pub(super) fn new(vocabulary: &super::Vocabulary, engine: &mut CueEngine) -> Handle {
        Handle { cues: cue_set(CUES, vocabulary, engine) }
    }
}

fn is_handle_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '.'
}

/// `@handle` mentions in folded text, as byte ranges.
fn at_mentions(folded: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for (at, _) in folded.match_indices('@') {
        let before = folded[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '_') {
            continue; // part of an e-mail address or a word
        }
        let rest = &folded[at + 1..];
        let len = rest.find(|c: char| !is_handle_char(c)).unwrap_or(rest.len());
        let name = rest[..len].trim_end_matches('.');
        let letters = name.chars().filter(char::is_ascii_alphabetic).count();
        if (2..=30).contains(&name.len()) && letters >= 1 {
            found.push((at, at + 1 + name.len()));
        }
    }
    found
}

impl Detect for Handle {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
        for (start, end) in at_mentions(&draft.folded.text) {
            if let Some((s, e)) = draft.folded.original_span(start, end) {
                found.push(Span::new(s, e));
            }
        }
        let folded = &draft.folded.text;
        for m in draft.find(&self.cues) {
            // The handle is the next run of handle characters after the cue.
            let cue_end = draft.tokens[m.end - 1].folded.1 as usize;
            let rest = &folded[cue_end..];
            // "add me on roblox!!! xXShadowNinjaXx_N17", "add me on Snapchat (mr_h_geog)".
            let gap = rest.len() - rest.trim_start_matches([' ', ':', '-', '=', '!', '(']).len();
            let rest = &rest[gap..];
            if rest.starts_with('@') {
                continue; // found above
            }
            let len = rest.find(|c: char| !is_handle_char(c)).unwrap_or(rest.len());
            let name = rest[..len].trim_end_matches('.');
            let looks_like_handle = name.len() >= 3
                && (name.contains(|c: char| c.is_ascii_digit() || c == '_' || c == '.')
                    || folded[cue_end..cue_end + gap].contains(':')
                    || draft.tokens[m.end - 1].text == "is");
            let ordinary_word = matches!(
                name,
                "the" | "and" | "now" | "too" | "please" | "pls" | "private" | "new" | "not" | "down" | "back"
            );
            if looks_like_handle && !ordinary_word {
                let start = cue_end + gap;
                if let Some((s, e)) = draft.folded.original_span(start, start + name.len()) {
                    found.push(draft.match_span(&m).cover(Span::new(s, e)));
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

    fn handle() -> DetectorSpec {
        DetectorSpec::Handle(NoSettings {})
    }

    #[test]
    fn finds_handles() {
        assert_finds(&handle(), Pupil, Direct, "I'm 10, my snapchat is @skye.moon.10, add me", &["@skye.moon.10"]);
        assert_finds(&handle(), Pupil, Direct, "my snapchat is skye_moon lol", &["my snapchat is skye_moon"]);
        assert_finds(&handle(), Pupil, Direct, "add me on insta: skyemoon", &["add me on insta: skyemoon"]);
        assert_finds(&handle(), Pupil, Direct, "my username is sunnyfox11", &["my username is sunnyfox11"]);
        assert_finds(
            &handle(),
            Pupil,
            Personal,
            "add me on roblox!!! xXShadowNinjaXx_N17",
            &["add me on roblox!!! xXShadowNinjaXx_N17"],
        );
        assert_finds(
            &handle(),
            Staff,
            Personal,
            "Feel free to add me on Snapchat (mr_h_geog) for revision tips",
            &["add me on Snapchat (mr_h_geog"],
        );
    }

    #[test]
    fn ignores_non_handles() {
        assert_clean(
            &handle(),
            Pupil,
            Direct,
            &[
                "email jo@example.org",
                "meet @ 7pm",
                "my snapchat is private now",
                "add me on snapchat!",
                "add me on snapchat! its fun",
                "follow me on TikTok (link in bio)",
                "I love my instagram",
            ],
        );
    }
}
