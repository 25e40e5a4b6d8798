//! # Chain messages and rumours
//!
//! **What it finds.** Things passed on as fact without knowing they are true: chain messages
//! ("share so everyone knows", "forward to everyone!!", "send this to 10 people or …"),
//! scare stories ("your phone gets hacked"), and rumours ("heard from a mate that …", "it's
//! all over Snapchat", "apparently").
//!
//! **Why.** SMART's R: not everything online is reliable. Staff are to "only post about things
//! you know to be true".
//!
//! **How.** Cue phrases of passing on and of hearsay. Sharing a school event ("please share
//! our fair poster") is not a chain message: the cues need urgency, hearsay or a count.

use super::{Detect, Draft, Vocabulary, cue_set};
use crate::model::{Category, Span};
use crate::text::pattern::{CueEngine, PatternSet};

pub(super) struct ChainMessage {
    cues: PatternSet,
}

const CUES: &[&str] = &[
    "share|forward|send|repost ~3 so everyone|everybody|people|others know*",
    "share|forward|repost ~2 before ~2 deleted|removed|gone|taken",
    "forward|send|share this|it? to|with everyone|everybody|all|<num>",
    "send|forward this|it to <num> people|friends|contacts",
    "pass|passing it|this on",
    "copy and paste",
    "repost if|or",
    "if you dont share|forward|repost|send",
    "all over <platform>|facebook|tiktok|snapchat|the+internet|insta|whatsapp",
    "your|ur phone ~2 hacked",
    "gets|get hacked",
    "warn everyone|everybody|your",
    "heard from a|my? mate|friend|someone|somebody",
    "i heard|hear that",
    "did|have you heard|hear",
    "someone said|says",
    "rumour|rumours has|is|are|going",
    "word+on+the+street",
    "apparently",
    "they dont want you to know",
    "this is real|true ~2 not a joke",
    "read this",
    "tell everyone|everybody|all+your+friends",
    "my|his|her mums|dads|mum|dad|sisters|brothers|nans friend|mate said|says",
    "someone told me",
    "unless <num> ~2 people|million share",
    "please share",
    "getting|being deleted|shut+down|banned forever|tomorrow|on",
];

impl ChainMessage {
    pub(super) fn new(vocabulary: &Vocabulary, engine: &mut CueEngine) -> ChainMessage {
        ChainMessage { cues: cue_set(CUES, vocabulary, engine) }
    }
}

impl Detect for ChainMessage {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
        for m in draft.find(&self.cues) {
            // "Read this", "please share" are only chain messages when shouted: "READ THIS!!".
            if matches!(draft.tokens[m.start].text.as_str(), "read" | "please") && !draft.tokens[m.start].shouting {
                continue;
            }
            found.push(draft.match_span(&m));
        }
        // What the cues miss, the learned model may find (see `detect::model`).
        draft.add_learned(Category::Unverified, found);
    }
}

#[cfg(test)]
mod tests {
    use crate::detect::testing::*;
    use crate::detect::{DetectorSpec, NoSettings};
    use crate::model::{Author::*, Channel::*};

    fn chain() -> DetectorSpec {
        DetectorSpec::ChainMessage(NoSettings {})
    }

    #[test]
    fn finds_chain_messages_and_rumours() {
        assert_flags(
            &chain(),
            Pupil,
            Personal,
            &[
                "if you look at the ghost emoji for 10 seconds your phone gets hacked!!! share so everyone knows 👻",
                "READ THIS!! a clown is going round Tottenham taking kids, it's all over Snapchat, forward to everyone!!",
                "Heard from a mate that Linton Vale Academy is closing and all their pupils are coming to us in September. Pass it on!",
                "share before it's deleted",
                "send this to 10 people or you'll have bad luck",
            ],
        );
    }

    #[test]
    fn sharing_news_is_fine() {
        assert_clean(
            &chain(),
            Staff,
            School,
            &[
                "Please share our Christmas fair poster!",
                "Read this week's newsletter on the website",
                "Thank you for sharing your photos",
                "We heard some beautiful singing today",
            ],
        );
    }
}
