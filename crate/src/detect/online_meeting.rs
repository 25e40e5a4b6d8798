//! # Meeting someone known only online
//!
//! **What it finds.** Plans to meet someone met through a game, an app or a chat: "we've been
//! friends on the game for months, let's meet at Bruce Castle Park", "anyone from the game
//! nearby?", "this boy I met on Roblox … we're meeting at the cinema on Saturday".
//!
//! **Why.** SMART's M: "Do not meet somebody you have only met online". Children are advised
//! never to meet online friends without a parent's permission and a trusted adult.
//!
//! **How.** A meeting cue and, somewhere in the draft, a sign the other person is known only
//! online (a game or platform, "online", "chatting for a week", "you seem nice", "don't tell
//! anyone"). "Let's meet at the park" between classmates has no such sign and is not flagged.
//!
//! **A trusted adult.** Some policies allow such a meeting with a parent's permission and a
//! trusted adult there (Craylands 6.e.iii); others say never (Chestnuts 9.1.b). With
//! `trusted_adult = true`, a draft that says a parent, carer or other trusted adult is coming
//! or has agreed ("with my mum", "my dad said yes") is not flagged, unless it also asks for
//! secrecy ("don't tell anyone"), which no trusted adult's meeting needs.

use super::{Detect, Draft, Vocabulary, cue_set};
use crate::model::{Category, Span};
use crate::text::pattern::{CueEngine, PatternSet};
use serde::{Deserialize, Serialize};

/// Settings of the online-meeting detector.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Whether the policy allows the meeting when a trusted adult has agreed and goes too.
    #[serde(default)]
    pub trusted_adult: bool,
}

pub(super) struct OnlineMeeting {
    settings: Settings,
    meeting: PatternSet,
    online: PatternSet,
    trusted_adult: PatternSet,
    secrecy: PatternSet,
}

const MEETING: &[&str] = &[
    "lets|shall|should|can|could|wanna|want+to|we meet|meetup",
    "meet up|irl|me|you|u",
    "wants|want|wanna to? meet",
    "were|we+are|im|i+am meeting",
    "meeting up",
    "come round|over to mine|my",
    "hang+out|hangout|meet at|irl|on|this|tomorrow|<weekday>",
    "anyone|anybody ~3 nearby|near+me|round+here|around+here",
    "in real life",
    "come and find me",
    "see you at the",
];

const ONLINE: &[&str] = &[
    "<game>",
    "<platform>",
    "met|meet on|online",
    "chatting|talking|chatted|talked ~3 for|on",
    "you|u seem nice|cool|kind",
    "dont tell anyone|anybody|your|ur",
    "dont bring anyone|anybody",
    "add me",
    "never met",
    "irl",
];

/// A parent, carer or other trusted adult coming along or agreeing.
const TRUSTED_ADULT: &[&str] = &[
    "with|and|bringing|bring my|our mum|mom|mummy|mam|dad|daddy|parents|parent|carer|carers|nan|nanny|nana|gran|granny|grandma|grandad|grandpa|auntie|aunt|uncle|stepmum|stepdad",
    "my mum|mom|dad|parents|carer|nan|gran|grandma|grandad ~2 coming|comes|is+taking|will+take|said+yes|says+yes|said+i+can|says+i+can",
    "with|and a|an grown+up|grownup|adult",
];

/// Asking for the meeting to be kept from adults.
const SECRECY: &[&str] = &["dont|do+not tell|bring anyone|anybody|your|ur", "keep it|this ~1 secret", "our secret"];

impl OnlineMeeting {
    pub(super) fn new(settings: &Settings, vocabulary: &Vocabulary, engine: &mut CueEngine) -> OnlineMeeting {
        OnlineMeeting {
            settings: settings.clone(),
            meeting: cue_set(MEETING, vocabulary, engine),
            online: cue_set(ONLINE, vocabulary, engine),
            trusted_adult: cue_set(TRUSTED_ADULT, vocabulary, engine),
            secrecy: cue_set(SECRECY, vocabulary, engine),
        }
    }

    /// Whether the draft says a trusted adult agreed and goes too, without asking for secrecy.
    fn with_trusted_adult(&self, draft: &Draft<'_>) -> bool {
        !draft.find(&self.trusted_adult).is_empty() && draft.find(&self.secrecy).is_empty()
    }
}

impl Detect for OnlineMeeting {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
        if self.settings.trusted_adult && self.with_trusted_adult(draft) {
            return;
        }
        let meetings = draft.find(&self.meeting);
        if !meetings.is_empty() && !draft.find(&self.online).is_empty() {
            found.extend(meetings.iter().map(|m| draft.match_span(m)));
        }
        // What the cues miss, the learned model may find (see `detect::model`).
        draft.add_learned(Category::Meeting, found);
    }
}

#[cfg(test)]
mod tests {
    use super::Settings;
    use crate::detect::DetectorSpec;
    use crate::detect::testing::*;
    use crate::model::{Author::*, Channel::*};

    fn meeting() -> DetectorSpec {
        DetectorSpec::OnlineMeeting(Settings::default())
    }

    fn meeting_with_trusted_adult_allowed() -> DetectorSpec {
        DetectorSpec::OnlineMeeting(Settings { trusted_adult: true })
    }

    #[test]
    fn finds_meetings_with_online_friends() {
        assert_flags(
            &meeting(),
            Pupil,
            Direct,
            &[
                "we've been friends on the game for months, let's meet at Bruce Castle Park on Sunday!!",
                "I'm on my own at Lordship Rec till 6, anyone from the game nearby?",
                "This boy I met on Roblox says he's 13. We're meeting at the cinema on Saturday — don't tell anyone!!",
                "we've only been chatting on the game for a week but you seem nice! add me and we can meet up at the shops",
            ],
        );
    }

    #[test]
    fn not_online_meetings() {
        assert_clean(
            &meeting(),
            Pupil,
            Direct,
            &[
                "let's meet at the park after school with your mum",
                "don't forget your recorder tomorrow",
                "meet me at the school gate",
            ],
        );
    }

    #[test]
    fn a_trusted_adult_makes_it_allowed_where_the_policy_says_so() {
        let with_adult = [
            "I met you on Roblox, we're meeting at the park saturday with my mum",
            "we've been chatting on the game for ages, my dad said yes, let's meet at the shops",
            "let's meet up at the cinema, I met you online but I'll come with a grown-up",
        ];
        assert_clean(&meeting_with_trusted_adult_allowed(), Pupil, Direct, &with_adult);
        // A policy that says never meet still flags them.
        assert_flags(&meeting(), Pupil, Direct, &with_adult);
        // Secrecy is never a trusted adult's meeting; nor is an online meeting with no adult.
        assert_flags(
            &meeting_with_trusted_adult_allowed(),
            Pupil,
            Direct,
            &[
                "I met you on Roblox, let's meet at the park saturday",
                "we met on the game, let's meet at the park with my mum but don't tell anyone else",
                "This boy I met on Roblox says he's 13. We're meeting at the cinema on Saturday — don't tell your mum!!",
            ],
        );
    }
}
