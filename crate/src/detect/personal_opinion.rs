//! # Personal opinions on an official account
//!
//! **What it finds.** A personal voice giving a view: "I think", "personally", "in my
//! opinion", "just my opinion", "IMO", "I find the new scheme dull", "if you ask me".
//!
//! **Why.** An official post "only expresses neutral opinions and does not include any
//! personal views"; staff must not represent their personal views as the school's.
//!
//! **How.** First-person opinion cues. The school's own voice ("we think", "we love") is not
//! a personal view, and neither is "I hope" or "I'm proud of" (good wishes, not opinions).

use super::{Detect, Draft, Vocabulary, cue_set};
use crate::model::{Category, Span};
use crate::text::pattern::{CueEngine, PatternSet};

pub(super) struct PersonalOpinion {
    cues: PatternSet,
}

const CUES: &[&str] = &[
    "i personally? think|feel|believe|reckon|suppose|guess",
    "i find the|this|that|it|these|those",
    "personally",
    "in my humble|honest|own? opinion|view",
    "my own? opinion|view is",
    "just my opinion|view|thoughts",
    "imo",
    "imho",
    "if you ask me",
    "i cant|cannot stand",
    "im|i+am not a fan",
    "i hate",
    "i disagree",
    "i strongly? agree with",
    "to be honest",
    "tbh",
    "if it|its were|was up to me",
    "id ban|scrap|make|get+rid",
    "who agrees",
];

impl PersonalOpinion {
    pub(super) fn new(vocabulary: &Vocabulary, engine: &mut CueEngine) -> PersonalOpinion {
        PersonalOpinion { cues: cue_set(CUES, vocabulary, engine) }
    }
}

impl Detect for PersonalOpinion {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
        for m in draft.find(&self.cues) {
            found.push(draft.match_span(&m));
        }
        // What the cues miss, the learned model may find (see `detect::model`).
        draft.add_learned(Category::PersonalOpinion, found);
    }
}

#[cfg(test)]
mod tests {
    use crate::detect::testing::*;
    use crate::detect::{DetectorSpec, NoSettings};
    use crate::model::{Author::*, Channel::*};

    fn opinion() -> DetectorSpec {
        DetectorSpec::PersonalOpinion(NoSettings {})
    }

    #[test]
    fn finds_personal_views() {
        assert_flags(
            &opinion(),
            Staff,
            School,
            &[
                "Personally, I find the new phonics scheme rather dull — but the children seem to like it!",
                "Just my opinion, but every child should have a dog. Discuss!",
                "Personally, I think the Tories have wrecked school funding.",
                "IMO homework is pointless",
                "I reckon this is the wettest autumn term I've known",
            ],
        );
    }

    #[test]
    fn school_voice_is_fine() {
        assert_clean(
            &opinion(),
            Staff,
            School,
            &[
                "We think Year 6 did brilliantly!",
                "I hope everyone has a lovely half term",
                "I'm so proud of our choir",
                "We love seeing your photos",
                "Find the details on our website",
            ],
        );
    }
}
