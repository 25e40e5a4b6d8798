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

use super::{Detect, Draft, Vocabulary, cue_set};
use crate::model::{Category, Span};
use crate::text::pattern::{CueEngine, PatternSet};

pub(super) struct OnlineMeeting {
    meeting: PatternSet,
    online: PatternSet,
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

impl OnlineMeeting {
    pub(super) fn new(vocabulary: &Vocabulary, engine: &mut CueEngine) -> OnlineMeeting {
        OnlineMeeting { meeting: cue_set(MEETING, vocabulary, engine), online: cue_set(ONLINE, vocabulary, engine) }
    }
}

impl Detect for OnlineMeeting {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
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
    use crate::detect::testing::*;
    use crate::detect::{DetectorSpec, NoSettings};
    use crate::model::{Author::*, Channel::*};

    fn meeting() -> DetectorSpec {
        DetectorSpec::OnlineMeeting(NoSettings {})
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
}
