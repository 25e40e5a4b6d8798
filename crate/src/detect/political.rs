//! # Political opinions
//!
//! **What it finds.** Taking sides in politics: endorsing a party or politician ("vote
//! Conservative", "the Labour councillors got it spot on"), judging a government or party
//! ("the Tories have wrecked school funding", "shame on the council"), and backing a campaign
//! or petition ("support the campaign to scrap the two-child benefit limit").
//!
//! **Why.** An official school account "does not take a side in any political debate or
//! express political opinions"; schools must be politically impartial.
//!
//! **How.** Cue phrases around the party and politician words of `lexicons/classes.txt`,
//! written capitalised ("Labour", not the labour of love; "Green", not the school field), and
//! campaign words with a political aim. School democracy is not politics: a sentence about a
//! school council, house captains or a class vote is skipped. A plain fact ("our MP visited
//! Year 6") is not an opinion.

use super::{Detect, Draft, Vocabulary, cue_set};
use crate::model::{Category, Span};
use crate::text::pattern::{CueEngine, PatternSet};
use std::collections::HashSet;

pub(super) struct Political {
    cues: PatternSet,
    school_democracy: PatternSet,
}

const CUES: &[&str] = &[
    // Endorsing.
    "vote|voting|elect|back|backing for? <party>|<politician>",
    "vote|voting for the? <cap> party",
    "support|supporting|join|joining the? <party>|<politician>",
    "<party>|<politician> ~3 got it spot? on|right|wrong",
    "<party>|<politician> ~2 are|is|have|has ~2 right|brilliant|best",
    // Judging.
    "<party>|<politician>|government|ministers|council|councillors|mps ~3 wreck*|ruin*|destroy*|fail*|gutted|betray*|slash*|starv*|butcher*|decimat*|useless|disgrace*|lies|lying|liars|corrupt",
    "shame on the? <party>|<politician>|government|council|councillors|ministers",
    "thanks to the? <party>|<politician>|government ~3 cuts",
    "<party>|<politician> cuts",
    "cuts to ~2 funding|budgets|services|benefits",
    "voting|voted|vote through ~2 cuts",
    "down with the? <party>|<politician>|government",
    // Campaigns.
    "campaign|campaigning|petition|protest|rally to|against scrap|abolish|end|stop|ban|repeal|overturn|reverse|cut|fight|save",
    "campaign|campaigning|petition|protest|rally against",
    "sign ~2 petition",
    "two child benefit limit|cap",
    "benefit cap|limit",
    "vat on private schools",
    "tax ~2 private schools",
    "brexit",
    "picket+line|picket+lines",
    "on strike ~4 pay|fair|cuts",
    "fair pay now|for",
    "ballot box",
    "at the polls",
    "when you|u vote",
    "mp|councillor|councillors|government voted|votes against|for",
    "whoever you vote for",
    "only one|only+one candidate|party",
    "candidate ~4 promised|pledged",
    "voting|vote for change",
    "<party>|<politician> ~4 finally|delivered|got+us|proof|thanks+to",
];

/// Cues that a sentence is about school democracy, not politics.
const SCHOOL_DEMOCRACY: &[&str] = &[
    "school|student|pupil|eco|class|sports|youth|junior council|parliament",
    "house captain*",
    "head boy|girl",
    "class rep*",
    "prefect*",
    "hustings",
    "mock election",
];

impl Political {
    pub(super) fn new(vocabulary: &Vocabulary, engine: &mut CueEngine) -> Political {
        Political {
            cues: cue_set(CUES, vocabulary, engine),
            school_democracy: cue_set(SCHOOL_DEMOCRACY, vocabulary, engine),
        }
    }
}

/// Whether the party or politician words in a match are written as names (capitalised).
fn names_written_as_names(draft: &Draft<'_>, start: usize, end: usize) -> bool {
    draft.tokens[start..end].iter().all(|t| {
        let is_party = crate::lexicon::in_class("party", &t.text);
        !is_party
            || t.capitalised
            || t.shouting
            || matches!(t.text.as_str(), "tory" | "tories" | "snp" | "ukip" | "libdem" | "libdems")
    })
}

impl Detect for Political {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
        let school_sentences: HashSet<u32> =
            draft.find(&self.school_democracy).iter().map(|m| draft.tokens[m.start].sentence).collect();
        for m in draft.find(&self.cues) {
            let sentence = draft.tokens[m.start].sentence;
            if !school_sentences.contains(&sentence) && names_written_as_names(draft, m.start, m.end) {
                found.push(draft.match_span(&m));
            }
        }
        // What the cues miss, the learned model may find (see `detect::model`).
        draft.add_learned(Category::Political, found);
    }
}

#[cfg(test)]
mod tests {
    use crate::detect::testing::*;
    use crate::detect::{DetectorSpec, NoSettings};
    use crate::model::{Author::*, Channel::*};

    fn political() -> DetectorSpec {
        DetectorSpec::Political(NoSettings {})
    }

    #[test]
    fn finds_political_opinions() {
        assert_flags(
            &political(),
            Staff,
            School,
            &[
                "Polling day tomorrow — make sure you vote Conservative to protect our village school!",
                "We're proud to support the campaign to scrap the two-child benefit limit. Sign up below!",
                "Personally, I think the Tories have wrecked school funding.",
                "Shame on the council for voting through these cuts. The Labour councillors got it spot on.",
                "Sign our petition against the new housing estate",
                "Vote Reform on Thursday",
                "Starmer has failed our schools",
            ],
        );
    }

    #[test]
    fn school_democracy_and_facts_are_fine() {
        assert_clean(
            &political(),
            Staff,
            School,
            &[
                "School council hustings: candidates gave fantastic speeches in assembly. Voting is on Friday!",
                "Our local MP visited Year 6 to talk about how Parliament works",
                "Vote for your favourite class name by Friday",
                "A labour of love: the Year 6 mural is finished",
                "Sports day on the green tomorrow, come and support the children",
                "Our eco council campaign to ban plastic bottles starts today",
                "Thank you for supporting our charity campaign",
            ],
        );
    }
}
