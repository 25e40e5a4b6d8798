//! # Where someone is, or will be
//!
//! **What it finds.** A child's whereabouts given out: where they are now ("I'm on my own at
//! Lordship Rec till 6"), a routine ("every Saturday at 9 I'm at Ebbsfleet leisure centre"),
//! where they will be ("let's meet at Bruce Castle Park on Sunday"), where they live ("I live
//! on Elm Road"), and that they are alone ("home alone").
//!
//! **Why.** SMART's S: do not give out personal information. Craylands advises children of the
//! risks of sharing information that could identify their location.
//!
//! **How.** Cue phrases that tie the writer to a named place (capitalised, or a place word like
//! "park", "leisure centre") and a time or day. Street addresses and postcodes are the
//! home-address detector's.

use super::{Detect, Draft, Vocabulary, cue_set};
use crate::model::{Category, Span};
use crate::text::pattern::{CueEngine, PatternSet};

pub(super) struct Whereabouts {
    cues: PatternSet,
}

const CUES: &[&str] = &[
    // Now.
    "im|i+am on+my+own|alone at|in the? <cap>|<place-noun>",
    "im|i+am at|in the? <cap>|<place-noun> ~3 till|until|til|from|all",
    "home alone",
    "im|i+am home|in on+my+own",
    "my mum|dad|mums|dads|parents|carer|nan|nans|grandparents ~3 out|away|working ~3 till|until|tonight|all",
    "sharing|share my location",
    "my location is",
    "come and find me at",
    // Routine: "every Saturday at 9 I'm at …".
    "every|each <weekday>|morning|afternoon|evening|night|day ~6 im|i+go|i+walk|i+am|i+get at|to|in|on",
    "every|each <weekday> at <num>",
    "on <weekday> i+go|im|i+walk|i+am at|to",
    "live location",
    "location is on|on+for",
    "can find me",
    "find me at",
    "at|in the? <cap>|<place-noun> ~2 now|rn|right+now",
    "walk|walking|walked|cycle|bike home on+my+own|alone",
    "on+my+own|alone ~8 every|each day|night|morning|<weekday>",
    // Where one will be.
    "meet|meeting|see+you ~2 at|in the? <cap>|<place-noun> ~4 on|at|this|next|tomorrow|tonight|<weekday>",
    "meet|meeting ~2 at|in|outside|by ~4 <place-noun>|<cap> ~3 after+school|<weekday>|tonight|tomorrow|at",
    "ill|i+will|well|we+will be at|by|outside|near|in ~5 at <num>",
    "at the <place-noun> on|this|next <weekday>",
    // Where one lives.
    "i live|stay on|at|in|near <cap>",
    "i live near|by|opposite",
    "i+live+next+to",
    "my house|home is on|at|in|near|by|next",
];

impl Whereabouts {
    pub(super) fn new(vocabulary: &Vocabulary, engine: &mut CueEngine) -> Whereabouts {
        Whereabouts { cues: cue_set(CUES, vocabulary, engine) }
    }
}

impl Detect for Whereabouts {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
        for m in draft.find(&self.cues) {
            found.push(draft.match_span(&m));
        }
        // What the cues miss, the learned model may find (see `detect::model`).
        draft.add_learned(Category::Location, found);
    }
}

#[cfg(test)]
mod tests {
    use crate::detect::testing::*;
    use crate::detect::{DetectorSpec, NoSettings};
    use crate::model::{Author::*, Channel::*};

    fn whereabouts() -> DetectorSpec {
        DetectorSpec::Whereabouts(NoSettings {})
    }

    #[test]
    fn finds_whereabouts() {
        assert_flags(
            &whereabouts(),
            Pupil,
            Direct,
            &[
                "we've been friends on the game for months, let's meet at Bruce Castle Park on Sunday!!",
                "I'm on my own at Lordship Rec till 6, anyone from the game nearby?",
                "every Saturday at 9 I'm at Ebbsfleet leisure centre for swimming, mum drops me off",
                "I live on Elm Road",
                "home alone tonight lol",
            ],
        );
    }

    #[test]
    fn not_whereabouts() {
        assert_clean(
            &whereabouts(),
            Pupil,
            Group,
            &[
                "anyone got the chemistry notes from Tuesday? I was off sick",
                "don't forget your recorder tomorrow, we've got music first thing",
                "the Shell Grotto in Margate was sooo cool",
                "I made a comic about a cat who is a detective!!!",
                "I'm at school",
            ],
        );
    }
}
