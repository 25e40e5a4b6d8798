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
//!
//! **Setting.** `own_only = true` finds only a handle the writer gives as their own: after a
//! cue ("my insta is", "follow me on"), or an `@handle` with "me", "my" or "I'm" shortly before
//! it in its sentence. For the school's own account, which names other accounts as a matter of
//! course ("thanks to @BedfordLibrary"), where a member of staff's own handle has no place.

use super::{Detect, Draft, cue_set};
use crate::model::Span;
use crate::text::pattern::{CueEngine, PatternSet};
use serde::{Deserialize, Serialize};

/// Settings of the handle detector.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Only a handle given as the writer's own.
    #[serde(default)]
    pub own_only: bool,
}

pub(super) struct Handle {
    settings: Settings,
    cues: PatternSet,
}

/// How many words before an `@handle` "me", "my" or "I'm" may be for it to be the writer's own.
const OWN_WINDOW: usize = 5;

const CUES: &[&str] = &[
    "my <platform> is|name|username|handle|id",
    "my <platform> <platform>? username|name|handle|id is?",
    "my username|user|handle|gamertag|tag|id is",
    "add|follow|find|message|dm me on|at <platform>",
    "i'm|im on <platform> as",
    "<platform> me",
];

impl Handle {
    pub(super) fn new(settings: Settings, vocabulary: &super::Vocabulary, engine: &mut CueEngine) -> Handle {
        Handle { settings, cues: cue_set(CUES, vocabulary, engine) }
    }

    /// Whether the `@handle` at original offset `start` follows "me", "my" or "I'm" closely.
    fn given_as_own(draft: &Draft<'_>, start: usize) -> bool {
        let at = draft.tokens.partition_point(|t| t.span.start < start);
        let Some(sentence) = draft.tokens.get(at).map(|t| t.sentence) else { return false };
        draft.tokens[at.saturating_sub(OWN_WINDOW)..at]
            .iter()
            .filter(|t| t.sentence == sentence)
            .any(|t| matches!(t.text.as_str(), "me" | "my" | "im" | "mine"))
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
            if let Some((s, e)) = draft.folded.original_span(start, end)
                && (!self.settings.own_only || Self::given_as_own(draft, s))
            {
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
    use super::Settings;
    use crate::detect::DetectorSpec;
    use crate::detect::testing::*;
    use crate::model::{Author::*, Channel::*};

    fn handle() -> DetectorSpec {
        DetectorSpec::Handle(Settings::default())
    }

    #[test]
    fn own_only_finds_the_writers_handle_not_the_accounts_a_school_names() {
        let own = DetectorSpec::Handle(Settings { own_only: true });
        assert_finds(&own, Staff, School, "follow me on insta @mrsjones_teach", &["@mrsjones_teach"]);
        assert_finds(&own, Staff, School, "my insta is mrsjones_teach", &["my insta is mrsjones_teach"]);
        assert_clean(
            &own,
            Staff,
            School,
            &[
                "Thank you to @BedfordLibrary for the visit",
                "Follow us on Instagram @cottonendlower for more photos",
                "Give me a minute. @PTA_Chair has the details",
            ],
        );
        // Without the setting, every handle.
        assert_finds(&handle(), Staff, School, "Thank you to @BedfordLibrary", &["@BedfordLibrary"]);
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
