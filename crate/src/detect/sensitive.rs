//! # Other people's private matters
//!
//! **What it finds.** Private or sensitive information about someone else: health ("Jo in
//! Reception is off for IVF"), safeguarding ("a safeguarding meeting about one of my
//! tutees"), behaviour incidents ("Kian in Year 4 has been kicked out of after-school club for
//! stealing", "he was sent home for kicking a dinner lady"), colleagues' personal lives, and
//! plans not yet public ("don't tell anyone yet", "redundancies").
//!
//! **Why.** Policies forbid sharing information staff learn at work, discussing other
//! children's behaviour in parents' groups, and revealing plans that are not public.
//!
//! **How.** A sensitive cue in a sentence that is about one particular other person (a name,
//! "he", "she", "one of my pupils", "a colleague", "the Hendersons"). "I was off sick" is
//! one's own business, and "the children learned about staying safe" is about no one in
//! particular. Plans need no person.

use super::vocabulary::FIRST_NAME_BIT;
use super::{Detect, Draft, Vocabulary, cue_set};
use crate::model::{Category, Span};
use crate::text::pattern::{CueEngine, PatternSet};
use std::collections::HashSet;

pub(super) struct Sensitive {
    about_someone: PatternSet,
    plans: PatternSet,
    innocent: PatternSet,
    person: PatternSet,
}

/// Matters that are private when they are about someone.
const ABOUT_SOMEONE: &[&str] = &[
    // Health.
    "ivf",
    "cancer",
    "chemo*",
    "miscarr*",
    "pregnan*",
    "depression",
    "depressed",
    "breakdown",
    "mental health",
    "self harm*",
    "selfharm*",
    "suicid*",
    "overdose*",
    "rehab",
    "diagnos*",
    "adhd",
    "autism",
    "autistic",
    "epilep*",
    "diabet*",
    "anorexi*",
    "eating disorder",
    "off sick",
    "signed off",
    "sick note",
    "in hospital",
    "had surgery",
    "surgery",
    "operation",
    "terminal*",
    "ehcp",
    "speech therapy",
    // Safeguarding.
    "safeguarding",
    "social services",
    "social worker",
    "child protection",
    "cp meeting",
    "in care",
    "foster*",
    "disclos*",
    "abuse*",
    "abusing",
    "neglect*",
    "police came|called|involved",
    "arrested",
    "in court",
    "court case",
    "prison",
    "custody",
    // Behaviour incidents.
    "kicked out",
    "excluded",
    "exclusion",
    "expelled",
    "was|been|got|being suspended",
    "suspended for",
    "sent home for",
    "got|was sent home",
    "on report",
    "hitting",
    "hits|hit other|kids|children|people",
    "stealing",
    "told off",
    "hit another|a child|kid|boy|girl",
    "caught with|vaping|smoking|stealing|drinking",
    "knife",
    "weapon",
    "drugs",
    "vaping",
    "splitting up",
    "split up",
    "separating",
    "fragile",
    "stole",
    "steals",
    "theft",
    "fight",
    "fighting",
    "fought",
    "punched",
    "punching",
    "kicking a|the|his|her",
    "bit|bitten|biting a|the|his|her|another",
    "swore at",
    "vandal*",
    "in trouble",
    "behaviour issue|incident|problems",
    // A colleague's personal life.
    "divorc*",
    "separated",
    "affair",
    "seeing each other",
    "sleeping with",
    "dating",
    "going out with",
    "in debt",
    "salary",
    "disciplinary",
    "sacked",
    "grievance",
    "capability",
];

/// Plans and matters not yet public.
const PLANS: &[&str] = &[
    "dont tell anyone|anybody yet",
    "keep this|it quiet",
    "off the record",
    "between you and me",
    "not+been|not+yet announced",
    "before its announced",
    "redundanc*",
    "closing down",
    "close|closing|shut|shutting for good",
    "shutting down",
    "ofsted are|is coming",
];

/// Phrases that only look sensitive.
const INNOCENT: &[&str] = &[
    "stole|steal|stealing|steals the show",
    "stole|steal|stealing|steals our|your|my|everyones hearts",
    "fight* fit",
    "food fight",
];

/// Someone in particular.
const PERSON: &[&str] = &[
    "he|she|him|her|his|hes|shes",
    "one of my|our|the <pupil-word>|<parent-word>|<staff-word>|tutees|kids",
    "a|the|this|that|another boy|girl|child|kid|lad|pupil|student|tutee|son|daughter|colleague|parent|mum|dad|mother|father|teacher|lady|man|woman",
    "my|our colleague",
    "<title> <cap>",
    "the <cap>",
    "two|three|four|some|the|those boys|girls|kids|lads|pupils|students|children in|from year|yr|class|<cap>",
];

impl Sensitive {
    pub(super) fn new(vocabulary: &Vocabulary, engine: &mut CueEngine) -> Sensitive {
        Sensitive {
            about_someone: cue_set(ABOUT_SOMEONE, vocabulary, engine),
            plans: cue_set(PLANS, vocabulary, engine),
            innocent: cue_set(INNOCENT, vocabulary, engine),
            person: cue_set(PERSON, vocabulary, engine),
        }
    }
}

impl Detect for Sensitive {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
        let innocent: Vec<(usize, usize)> = draft.find(&self.innocent).iter().map(|m| (m.start, m.end)).collect();
        let mut about_someone: HashSet<u32> =
            draft.find(&self.person).iter().map(|m| draft.tokens[m.start].sentence).collect();
        // A first name, written capitalised mid-sentence: "FYI Jo in Reception".
        for token in &draft.tokens {
            if token.capitalised && !token.sentence_start && token.classes & (1 << FIRST_NAME_BIT) != 0 {
                about_someone.insert(token.sentence);
            }
        }
        for m in draft.find(&self.about_someone) {
            let inside_innocent = innocent.iter().any(|&(s, e)| s <= m.start && m.end <= e);
            if about_someone.contains(&draft.tokens[m.start].sentence) && !inside_innocent {
                found.push(draft.match_span(&m));
            }
        }
        for m in draft.find(&self.plans) {
            found.push(draft.match_span(&m));
        }
        // What the cues miss, the learned model may find (see `detect::model`).
        draft.add_learned(Category::Confidential, found);
    }
}

#[cfg(test)]
mod tests {
    use crate::detect::testing::*;
    use crate::detect::{DetectorSpec, NoSettings};
    use crate::model::{Author::*, Channel::*};

    fn sensitive() -> DetectorSpec {
        DetectorSpec::Sensitive(NoSettings {})
    }

    #[test]
    fn finds_private_matters() {
        assert_flags(
            &sensitive(),
            Staff,
            Group,
            &[
                "FYI Jo in Reception is off for IVF this week, so be nice to her when she's back x",
                "Heartbreaking safeguarding meeting today about one of my tutees.",
                "Apparently Kian in Year 4 has been kicked out of after-school club for stealing.",
                "He was sent home last month for kicking a dinner lady, so this isn't new.",
                "Don't tell anyone yet but there are going to be redundancies",
                "Mrs Patel is getting divorced",
            ],
        );
    }

    #[test]
    fn not_private() {
        assert_clean(
            &sensitive(),
            Pupil,
            Group,
            &[
                "anyone got the chemistry notes from Tuesday? I was off sick",
                "Year 2 stole the show at the nativity!",
                "The children learned how to report abuse online",
                "Mrs Hancock's class were visited by the fire brigade — lots of excited firefighters-in-training!",
                "Our eldest starts Year 12 in September",
                "Netball on the court at lunch",
                "The school will close early on Friday for Christmas",
            ],
        );
    }
}
