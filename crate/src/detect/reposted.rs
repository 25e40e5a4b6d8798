//! # Other people's content reposted
//!
//! **What it finds.** Images, films and other work posted without permission or credit:
//! "a photo we found online (no idea who took it!)", "we grabbed it from another school's
//! Instagram and swapped their logo for ours", "we've uploaded the whole of this year's
//! blockbuster film", "no copyright intended".
//!
//! **Why.** Official posts "will not breach copyright"; staff must not post "someone else's
//! images or content without prior permission, or with appropriate acknowledgement".
//!
//! **How.** Cue phrases of taking content from elsewhere and of not knowing or crediting its
//! owner.

use super::{Detect, Draft, Vocabulary, cue_set};
use crate::model::{Category, Span};
use crate::text::pattern::{CueEngine, PatternSet};

pub(super) struct Reposted {
    cues: PatternSet,
}

const CUES: &[&str] = &[
    "found|got ~2 online",
    "found|got ~6 google|pinterest|flickr|<platform>",
    "found|got ~2 on the internet|web",
    "from google images?",
    "google images",
    "no|not idea|sure who took|made|drew|owns|painted|wrote",
    "dont know who took|made|drew|owns|painted|wrote",
    "grabbed|nicked|pinched|borrowed|copied|lifted ~2 from another|someone|somebody|their|other",
    "grabbed|nicked|pinched|borrowed|copied|lifted ~2 from a|the website|page|account",
    "grabbed|nicked|pinched|borrowed|copied|lifted ~2 from google|online|<platform>",
    "grabbed|nicked|pinched|borrowed|copied|lifted ~2 from ~3 <platform>|website|page|account",
    "swapped|replaced|removed|hid their logo|watermark|credit|name",
    "cropped out|off the|their watermark|logo|credit",
    "uploaded|upload|uploading|posted|sharing|shared the|this? whole|full|entire ~6 film|movie|album|episode|series|book",
    "full movie|film|album|episode",
    "no copyright intended",
    "every page of",
    "attached|scanned|photocopied ~4 pdf|whole|book|annual",
    "hope ~2 illustrator|artist|author|photographer|creator|owner ~2 doesnt|dont|wont mind",
    "borrowed this|these|the ~3 artwork|picture|photo|image|logo|illustration|drawing",
    "not my|our photo|picture|pic|video|image|content|music",
    "credit to the owner|owners|creator|artist",
    "all credit to",
    "downloaded ~3 from youtube|google|online",
    "screenshot|screenshotted ~3 from|of someone|another|their",
];

impl Reposted {
    pub(super) fn new(vocabulary: &Vocabulary, engine: &mut CueEngine) -> Reposted {
        Reposted { cues: cue_set(CUES, vocabulary, engine) }
    }
}

impl Detect for Reposted {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
        for m in draft.find(&self.cues) {
            found.push(draft.match_span(&m));
        }
        // What the cues miss, the learned model may find (see `detect::model`).
        draft.add_learned(Category::Copyright, found);
    }
}

#[cfg(test)]
mod tests {
    use crate::detect::testing::*;
    use crate::detect::{DetectorSpec, NoSettings};
    use crate::model::{Author::*, Channel::*};

    fn reposted() -> DetectorSpec {
        DetectorSpec::Reposted(NoSettings {})
    }

    #[test]
    fn finds_reposted_content() {
        assert_flags(
            &reposted(),
            Staff,
            School,
            &[
                "Here's a lovely photo of a hedgehog we found online for Nature Week 🦔 (sorry, no idea who took it!)",
                "Fab poster! We grabbed it from another school's Instagram and swapped their logo for ours 😄",
                "We've uploaded the whole of this year's blockbuster animated film for Year 7 to watch at home",
                "No copyright intended",
            ],
        );
    }

    #[test]
    fn own_content_is_fine() {
        assert_clean(
            &reposted(),
            Staff,
            School,
            &[
                "Year 3 found lots of minibeasts on the field",
                "Photos by our own Year 6 photographers",
                "Watch our own film of the nativity on the website",
                "We found out lots about the Romans online with our iPads",
            ],
        );
    }
}
