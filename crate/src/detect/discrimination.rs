//! # Discrimination
//!
//! **What it finds.** Slurs (the `slur-*` terms of `lexicons/offensive.tsv`, disguised or not)
//! and demeaning statements about a protected characteristic (Equality Act 2010: race,
//! nationality, religion, disability, sex, sexual orientation, gender reassignment): "send him
//! back", "if they want to live here they should learn our ways", "can't even speak English",
//! "that's so gay", "the deaf lad in my class is hard work".
//!
//! **Why.** Every policy forbids discriminatory content, and schools have a duty under the
//! Equality Act.
//!
//! **How.** Slurs by the offensive-language matcher; statements by cue phrases, and by a group
//! word used of people (`deaf lad`, `immigrants`) with a demeaning word in the same sentence.
//! A group word alone is never flagged: "Deaf Awareness Week", "our Polish families".

use super::{Detect, Draft, Vocabulary, cue_set};
use crate::lexicon::OffenceKind;
use crate::model::{Category, Span};
use crate::text::pattern::{CueEngine, PatternSet};

pub(super) struct Discrimination {
    cues: PatternSet,
}

const CUES: &[&str] = &[
    "send|sending|ship him|her back",
    "go|get|going back to your|their|his|her own? country|countries",
    "back where|to+where you|they|he|she|them came|come from",
    "if they|you|he|she want* to live|stay|come here",
    "learn our ways|language",
    "cant|cannot|doesnt|dont even speak english",
    "speak english or",
    "thats|its|youre|ur|is so|such gay",
    "that|you is|are so|such gay",
    "no <group-people> allowed",
    "throws|throw|runs|run|fights|fight|cries|cry like a girl",
    "<group-adj> <person-noun> ~6 <demeaning>",
    "<group-adj> <person-noun> ~6 hard work",
    "<group-adj> <person-noun> ~8 cant|cannot be bothered",
    "<group-people> ~6 <demeaning>",
    "<group-people> ~4 taking over",
    "<group-people> ~4 should go|leave",
    "<group-people> ~4 dont belong",
    "<group-people> ~4 shouldnt be allowed|here",
    "<group-people> are|r all ~2 <insult-adj>",
    "<group-people>|<group-adj> ~6 lock|hide|watch|guard your|ur",
    "ew|eww|ewww|yuck|urgh|ugh ~6 <group-adj>|<group-people>|wheelchair",
    "<sen> ~9 belong ~2 somewhere|elsewhere|special",
    "these|those|some+of+these|some+of+those children|kids|pupils ~4 belong ~2 somewhere|elsewhere|special",
    "arent|are+not|isnt|is+not zoos|zoo|a+zoo|dumping+grounds|a+dumping+ground",
    "tea+towel|teatowel|towel|bin+bag|binbag|letterbox|ninja on|over|like his|her|their? head|face",
    "cant+believe|what+next|ridiculous|disgrace ~9 headscarf|hijab|turban|burka|burqa|niqab|kippah|yarmulke",
    "headscarf|hijab|turban|burka|burqa|niqab|kippah|yarmulke ~6 what+next|ridiculous|disgrace|shouldnt|should+not",
];

impl Discrimination {
    pub(super) fn new(vocabulary: &Vocabulary, engine: &mut CueEngine) -> Discrimination {
        Discrimination { cues: cue_set(CUES, vocabulary, engine) }
    }
}

impl Detect for Discrimination {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
        for hit in draft.offensive_terms() {
            if hit.term.kind == OffenceKind::Slur {
                found.push(hit.span);
            }
        }
        for m in draft.find(&self.cues) {
            found.push(draft.match_span(&m));
        }
        // What the cues miss, the learned model may find (see `detect::model`).
        draft.add_learned(Category::Discrimination, found);
    }
}

#[cfg(test)]
mod tests {
    use crate::detect::testing::*;
    use crate::detect::{DetectorSpec, NoSettings};
    use crate::model::{Author::*, Channel::*};

    fn discrimination() -> DetectorSpec {
        DetectorSpec::Discrimination(NoSettings {})
    }

    #[test]
    fn finds_demeaning_statements() {
        assert_flags(
            &discrimination(),
            Parent,
            Group,
            &[
                "Why do our kids have to learn about Ramadan? If they want to live here they should learn OUR ways",
                "that new kid from Poland can't even speak English, send him back lol",
                "The deaf lad in my class is hard work, can't be bothered signing everything twice",
                "lol that's so gay",
                "immigrants are ruining this town",
                "go back to your own country",
            ],
        );
    }

    #[test]
    fn group_words_alone_are_fine() {
        assert_clean(
            &discrimination(),
            Staff,
            School,
            &[
                "Deaf Awareness Week was hard work but worth it!",
                "Thank you to our Polish families for the amazing food",
                "Year 4 learned about Ramadan and Diwali",
                "Our wheelchair basketball team were brilliant",
                "Please send the forms back by Friday",
                "Please send them back to the office",
                "We can't wait to go back to the farm",
            ],
        );
    }
}
