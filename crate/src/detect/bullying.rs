//! # Bullying
//!
//! **What it finds.** Words aimed at hurting someone: insults at a person ("shut up you twat",
//! "you're so ugly", "he's such a loser"), threats ("I'll batter you", "watch your back"),
//! humiliation ("everyone knows you wet yourself", "I'm telling the whole year", "who's the
//! ugliest in our class?"), and exclusion ("let's all agree not to invite the Hendersons' boy",
//! "nobody sit with her").
//!
//! **Why.** Every policy names cyberbullying: "not tolerated under any circumstances".
//!
//! **How.** Cue phrases that aim at a person (`you`, `he`, `she`, a name); crude insult words
//! from the offensive list (`twat`, `dickhead`) count as insults when aimed at someone. Words
//! on their own are not bullying: "killer whales", "shoot" in netball, "I'll get you the form".

use super::{Detect, Draft, Vocabulary, cue_set};
use crate::lexicon::OffenceKind;
use crate::model::{Category, Span};
use crate::text::pattern::{CueEngine, PatternSet};

pub(super) struct Bullying {
    cues: PatternSet,
}

const CUES: &[&str] = &[
    // Insults aimed at "you".
    "you|u|ya are|r|re|were a|an|such|so|the|proper|total|massive|little|absolute ~2 <insult-noun>",
    "youre|ur|yer a|an|such|so|the|proper|total|massive|little|absolute ~2 <insult-noun>",
    "you|u are|r|re|were so|such|really|well|proper|dead|a|an ~1 <insult-adj>",
    "youre|ur so|such|really|well|proper|dead|a|an ~1 <insult-adj>",
    "you|u <insult-adj> <insult-noun>",
    "you|u <insult-noun>",
    "dont|stop be|being such|so|a|an ~2 <insult-noun>|<insult-adj>",
    "shut up|it",
    "shut your|ur mouth|face|gob",
    "nobody|noone|no+one asked|likes|cares|wants",
    "everyone|everybody hates you|u",
    "go die",
    "kill yourself|urself|yourselves",
    "kys",
    "you|u smell|stink",
    "he|she|hes|shes|theyre|they+are|he+is|she+is such|so|a|an|proper|total|massive|absolute ~2 <insult-noun>|<insult-adj>",
    "that|the|this girl|boy|kid|lad|child is|s such|so|a|an|proper|total|massive|absolute ~2 <insult-noun>|<insult-adj>",
    // Insults at a named adult or a role: "Mrs Jones is a total idiot", "the new teacher is useless".
    "<title> <cap> is|s|was such|so|a|an|proper|total|massive|absolute|complete|utter ~2 <insult-noun>|<insult-adj>",
    "the|that|this|her|his|their new? <staff-word>|<parent-word> is|s|was such|so|a|an|proper|total|massive|absolute|complete|utter ~2 <insult-noun>|<insult-adj>",
    // Threats: "I'll batter you", "gonna kill him", "going to smash you".
    "ill|i+will|gonna|going+to|wanna|we+will kill|hurt|batter|smash|punch|beat|stab|slap|kick|deck|bash|thump you|u|him|her",
    "ill|i+will|gonna get you|u back",
    "youre|ur|your|you+are dead|finished",
    "watch your|ur back",
    "youll|you+will regret",
    "wait till|until i see|get you",
    "i know where you|u live",
    // Humiliation.
    "everyone|everybody knows you|u ~3 wet|weed|pooed|pooped|cried|fancy|smell|stink|cheated|fail*",
    "im|i+am telling the|everyone whole? year|class|school|everyone",
    "whos|who+is|whose the ugliest|fattest|smelliest|weirdest|dumbest|thickest|worst|saddest",
    "ugliest|fattest|smelliest|weirdest|dumbest|thickest in our|the|this class|year|school",
    "wet|wee|pooed|pooped yourself|himself|herself",
    "laughing at you|him|her",
    "ew|eww|ewww|yuck|urgh ~6 girl|boy|kid|lad|her|him|he|she|them",
    "he|she|hes|shes|lad|boy|girl|kid looks|look like ~8 lol|haha|lmao",
    "send|pass|share|sending|passing it|this|these|them round|around",
    "caught|filmed|snapped <any> ~2 mid|while|getting change|changing|changed",
    "group+chat|chat|group ~8 minus|except|without <cap>|the",
    "the thickest|stupidest|laziest|worst|dumbest|weirdest|ugliest ~2 <pupil-word>|class|set|group|year",
    "bunch|pack|load of idiots|animals|losers|morons|thugs",
    "send|sending him|her back",
    "look at his|her|their face|hair|clothes|shoes lol|haha",
    // Exclusion.
    "not|dont|never|do+not to? invite|add him|her|<cap>",
    "not|dont|never|do+not to? invite|add the <cap>",
    "not|dont|never|do+not to? invite|add the|that|this new|other? <pupil-word>|<person-noun>",
    "lets all not|ignore|block|unfriend",
    "nobody|noone|no+one|dont play|plays|sit|sits|talk|talks|speak|speaks with|to him|her",
    "leave him|her out",
    "kick|kicked|remove|chuck him|her out of the group|chat",
    "everyone|everybody ignore|block|unfollow him|her",
];

impl Bullying {
    pub(super) fn new(vocabulary: &Vocabulary, engine: &mut CueEngine) -> Bullying {
        Bullying { cues: cue_set(CUES, vocabulary, engine) }
    }
}

impl Detect for Bullying {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
        for m in draft.find(&self.cues) {
            found.push(draft.match_span(&m));
        }
        // A crude insult word aimed at someone: "you twat", "he's a dickhead".
        for hit in draft.offensive_terms() {
            if !matches!(hit.term.kind, OffenceKind::Insult | OffenceKind::Slur) && hit.term.severity < 2 {
                continue;
            }
            let at = draft.tokens.partition_point(|t| t.span.start < hit.span.start);
            let window =
                draft.tokens[at.saturating_sub(3)..at].iter().filter(|t| t.sentence == draft.tokens[at].sentence);
            let aimed = window
                .clone()
                .any(|t| matches!(t.text.as_str(), "you" | "u" | "ya" | "ur" | "youre" | "hes" | "shes" | "your"));
            if aimed && !found.iter().any(|f| f.start <= hit.span.start && hit.span.end <= f.end) {
                found.push(hit.span);
            }
        }
        // What the cues miss, the learned model may find (see `detect::model`).
        draft.add_learned(Category::Bullying, found);
    }
}

#[cfg(test)]
mod tests {
    use crate::detect::testing::*;
    use crate::detect::{DetectorSpec, NoSettings};
    use crate::model::{Author::*, Channel::*};

    fn bullying() -> DetectorSpec {
        DetectorSpec::Bullying(NoSettings {})
    }

    #[test]
    fn finds_bullying() {
        assert_flags(
            &bullying(),
            Pupil,
            Group,
            &[
                "shut up you tw\u{0430}t, nobody asked",
                "everyone knows you wet yourself on the trip lol, I'm telling the whole year",
                "vote in the poll: who's the ugliest in our class? 😂",
                "Let's all agree not to invite the Hendersons' boy to anything",
                "you're such a loser",
                "ur so ugly",
                "I'll batter you after school",
                "watch your back",
                "nobody sit with her tomorrow",
                "he's such a weirdo",
                "you absolute dickhead",
            ],
        );
    }

    #[test]
    fn an_insult_at_a_named_adult_is_marked_as_the_whole_phrase() {
        assert_finds(&bullying(), Parent, Group, "Mrs Jones is a total idiot", &["Mrs Jones is a total idiot"]);
        assert_finds(
            &bullying(),
            Parent,
            Group,
            "Honestly the new teacher is so useless.",
            &["the new teacher is so useless"],
        );
        assert_finds(&bullying(), Parent, Group, "Mrs Jones is a total star, thank you!", &[] as &[&str]);
    }

    #[test]
    fn not_bullying() {
        assert_clean(
            &bullying(),
            Parent,
            Group,
            &[
                "Is anyone else's child obsessed with killer whales after the aquarium trip?",
                "Shoot! Great shooting in netball today",
                "I'll get you the form tomorrow",
                "Don't forget your recorder tomorrow",
                "Thank you for inviting us!",
                "We're all so proud of you",
                "You are amazing, well done",
                "Please don't invite anyone without asking first",
                "Don't ask him, ask the office",
                "We go away for half term",
                "Everyone knows you worked so hard",
                "Are you baby-sitting tonight?",
                "She is so sad her hamster died",
            ],
        );
    }
}
