//! # Criticism of the school, its staff or pupils
//!
//! **What it finds.** Complaints and put-downs aimed at the school or its people: "the teachers
//! at Cotton End are all useless", "Chestnuts Primary couldn't organise a piss-up in a
//! brewery", "what is the point of her?", "she clearly has favourites", "the head should spend
//! less time on LinkedIn", "has anyone actually had a complaint taken seriously here?".
//!
//! **Why.** Staff, pupils and parents are asked not to post anything damaging to the school,
//! its staff or pupils, and parents to take complaints to the school, not to social media.
//!
//! **How.** A school word (`school`, `teachers`, `the head`, a titled name like `Miss Hart`, the
//! school's own names) with a critical word (`useless`, `a joke`, `shambles`) close by in the
//! same sentence, or one of the complaint phrases below. Praise is not criticism: "the amazing
//! staff at Coton".

use super::{Detect, Draft, Vocabulary, cue_set};
use crate::model::{Category, Span};
use crate::text::pattern::{CueEngine, PatternSet};

pub(super) struct Criticism {
    cues: PatternSet,
}

const CUES: &[&str] = &[
    "<school-word>|<staff-word>|<school> ~5 <criticism>",
    "<title> <cap> ~5 <criticism>",
    "<criticism> this|that|the|our|their? <school-word>|<staff-word>",
    "<school>|<school-word>|<staff-word> ~3 couldnt|cant|cannot organise|run|manage",
    "what|whats is? the point of her|him|them|<staff-word>|<school-word>",
    "has|have|got favourites",
    "should spend less|more time",
    "<school-word>|<staff-word>|<school> ~3 cant|cannot|couldnt|dont|doesnt be bothered",
    "shame on the|this <school-word>|<staff-word>",
    "should+be|needs+to+be sacked|fired|ashamed",
    "should resign",
    "sort|sorting|sorted out the bullying",
    "bullying in this|that|the school",
    "complaint* ~3 taken seriously",
    "complain* ~3 ofsted|governors",
    "report* ~2 to ofsted",
    "go|going to the governors|ofsted",
    "nothing has|ever changed|changes|gets+done",
    "never listen*",
    "dont|doesnt|do+not|does+not care",
    "do|does|did nothing about",
    "fobbed off",
    "brushed under the carpet",
    "covering it|this up",
    "if this was their child",
    "clowns|circus|chaos|shambles|farce|joke running|in charge of|at that|this|the place|school",
    "that|this place ~4 <criticism>|chaos|clowns|joke",
    "think twice before ~4 school|place|child|children|kids|name",
    "wouldnt|would+not|never send my|your|our kids|children|child|son|daughter ~2 there|here",
    "used to be brilliant|great|good|lovely|amazing ~3 now",
    "chaos from top to bottom",
    "want|demand our|my money back",
    "nobody|noone|no+one answers|replies|listens|cares",
    "no clue",
    "not one of them",
    "ignores|ignored|ignore you|us|parents|emails|me",
    "if <title> <cap> actually",
    "<staff-word>|<title> ~6 instead of ~6 all afternoon|all+day|teaching",
    "the thickest|stupidest|laziest|worst|dumbest ~2 <pupil-word>|class|set|group|year ~4 taught|teach",
];

impl Criticism {
    pub(super) fn new(vocabulary: &Vocabulary, engine: &mut CueEngine) -> Criticism {
        Criticism { cues: cue_set(CUES, vocabulary, engine) }
    }
}

impl Detect for Criticism {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
        for m in draft.find(&self.cues) {
            found.push(draft.match_span(&m));
        }
        // What the cues miss, the learned model may find (see `detect::model`).
        draft.add_learned(Category::Disrepute, found);
    }
}

#[cfg(test)]
mod tests {
    use crate::detect::testing::*;
    use crate::detect::{DetectorSpec, NoSettings};
    use crate::model::{Author::*, Channel::*};

    fn criticism() -> DetectorSpec {
        DetectorSpec::Criticism(NoSettings {})
    }

    #[test]
    fn finds_criticism() {
        assert_flags(
            &criticism(),
            Parent,
            Personal,
            &[
                "the teachers at Oakfield are all useless, we literally learn nothing there",
                "Oakfield Primary couldn't organise a piss-up in a brewery.",
                "Maybe the head should spend less time on LinkedIn and more time sorting out the bullying in this school.",
                "Honestly, what is the point of her? She's been teaching long enough to know better, and she clearly has favourites.",
                "So, has anyone actually had a complaint taken seriously here?",
                "Miss Hart is a joke",
                "What a shambles this school is",
            ],
        );
    }

    #[test]
    fn praise_and_facts_are_fine() {
        assert_clean(
            &criticism(),
            Parent,
            Group,
            &[
                "Thank you to the amazing staff at Oakfield for a brilliant sports day. The kids had a ball!",
                "Thank you Mr Lindsay for organising the Berlin trip",
                "The worst thing about the holidays is missing school",
                "Our team was awful today but the teachers were brilliant",
                "I'm terrible at school work",
                "Awful weather at school today",
                "The office is closed on Friday",
                "What time does the Christmas fair start?",
            ],
        );
    }
}
