//! # Pupils on platforms below their minimum age
//!
//! **What it finds.** A pupil using or joining a platform whose minimum age is above theirs:
//! "just set up my Instagram" at 11, "I'm 9 and I've got TikTok now", "add me on Snapchat!!! I
//! just got it" at 10, "my snapchat is …" from a pupil who says they are 10.
//!
//! **Why.** Every policy tells pupils not to sign up to sites with an age restriction above
//! their age; SMART's S says "follow age restriction rules".
//!
//! **How.** The pupil's age is the one given with the draft, else one they state ("I'm 9"),
//! else the oldest age at the school (`pupil_ages` in `school.toml`): a primary pupil is at
//! most 11. A platform counts when the pupil uses it themselves ("my Snapchat", "got TikTok",
//! "add me on Insta", "I found you on TikTok"), not when it is only mentioned ("it's all over
//! Snapchat", "she's desperate for TikTok"). Minimum ages come from the school's facts.

use super::{Detect, Draft, Vocabulary, cue_set};
use crate::model::Span;
use crate::text::pattern::{CueEngine, PatternSet};

pub(super) struct PlatformAge {
    uses: PatternSet,
    stated_age: PatternSet,
}

/// First-person use of a platform; the platform is the match's last token.
const USES: &[&str] = &[
    "my own|new|first? <platform>",
    "finally|now|just|also|already on <platform>",
    "posted|post|uploaded|upload|streaming|streamed|live ~3 on|to <platform>",
    "make|made|making|set me a|an <platform>",
    "location|followers|follower|streak|streaks on <platform>",
    "set|setting|sets up my|a? <platform>",
    "made|make|making|got|have|joined|downloaded|installed|use|using|started my|a? <platform>",
    "ive|i+have got|joined|made <platform>",
    "im|i+am on|using <platform>",
    "add|follow|message|dm|snap me|you|u on|at <platform>",
    "added|invited|put me to|into|on this|the|a|their? <platform>",
    "found|find|saw you|u on <platform>",
];

const STATED_AGE: &[&str] =
    &["im|i+am|iam <num>", "im|i+am only|just <num>", "i just turned <num>", "aged <num>", "<num> years|yrs old"];

impl PlatformAge {
    pub(super) fn new(vocabulary: &Vocabulary, engine: &mut CueEngine) -> PlatformAge {
        PlatformAge { uses: cue_set(USES, vocabulary, engine), stated_age: cue_set(STATED_AGE, vocabulary, engine) }
    }
}

impl Detect for PlatformAge {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
        let uses = draft.find(&self.uses);
        if uses.is_empty() {
            return;
        }
        let stated = draft.find(&self.stated_age).into_iter().find_map(|m| {
            draft.tokens[m.start..m.end]
                .iter()
                .find_map(|t| t.text.parse::<u32>().ok())
                .filter(|age| (3..=19).contains(age))
        });
        let age = draft.context.age.or(stated).unwrap_or(draft.vocabulary.pupil_ages[1]);
        for m in uses {
            // The platform named at the end of the match.
            let platform = (m.start..m.end)
                .rev()
                .find_map(|at| draft.vocabulary.platform_at(&draft.tokens, at))
                .map(|(index, _)| index);
            let minimum = platform.and_then(|p| draft.vocabulary.platforms[p].minimum_age);
            if minimum.is_some_and(|minimum| age < minimum) {
                found.push(draft.match_span(&m));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::detect::testing::*;
    use crate::detect::{DetectorSpec, NoSettings};
    use crate::model::{Author::*, Channel::*, Context};

    fn age() -> DetectorSpec {
        DetectorSpec::PlatformAge(NoSettings {})
    }

    fn aged(years: u32) -> Context {
        Context { age: Some(years), ..context(Pupil, Personal) }
    }

    #[test]
    fn under_age_use() {
        assert_eq!(found(&age(), "just set up my Instagram 📷 follow for follow?", &aged(11)), ["set up my Instagram"]);
        assert_eq!(found(&age(), "Add me on Snapchat!!! I just got it 👻", &aged(10)), ["Add me on Snapchat"]);
        assert_flags(&age(), Pupil, Personal, &["I'm 9 and I've got TikTok now, my cousin helped me set it up 🎉"]);
        assert_flags(
            &age(),
            Pupil,
            Direct,
            &["Hi Mr Obi! I found you on TikTok 😊 can I follow you?", "Sir can I add you on snap"],
        );
        assert_flags(&age(), Pupil, Personal, &["I've got my own TikTok account", "add me on snap"]);
        assert_flags(
            &age(),
            Pupil,
            Group,
            &["who added me to this whatsapp lol im only 9", "joined snap last night 👻 im 10"],
        );
    }

    #[test]
    fn old_enough_or_only_mentioned() {
        assert!(found(&age(), "Just turned 13 and made my Snapchat with mum's help 👻", &aged(13)).is_empty());
        assert!(found(&age(), "I'm 14 now so I made my Instagram", &context(Pupil, Personal)).is_empty());
        assert_clean(
            &age(),
            Pupil,
            Group,
            &[
                "READ THIS!! it's all over Snapchat, forward to everyone!!",
                "my Roblox avatar is so cool",
                "oh snap, I forgot my PE kit",
                "we joined hands and sang",
                "my mum added me to the football club list",
            ],
        );
    }
}
