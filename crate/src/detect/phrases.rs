//! # The school's own phrases
//!
//! **What it finds.** Whatever cue phrases a rule lists, in the pattern language of
//! `text::pattern`: `detect = { kind = "phrases", patterns = ["school trip to <cap>"] }`.
//!
//! **Why.** Some clauses are one school's own: a school can add a rule for them without
//! anyone writing Rust.
//!
//! **How.** The patterns are compiled when the policy loads; a pattern that does not compile
//! is an error in `postwise lint`, with the rule's file, line and column.

use super::{Detect, Draft, Vocabulary};
use crate::model::Span;
use crate::text::pattern::{CueEngine, PatternError, PatternSet};
use serde::{Deserialize, Serialize};

/// Settings of the phrases detector.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The cue patterns.
    pub patterns: Vec<String>,
}

pub(super) struct Phrases {
    patterns: PatternSet,
}

impl Phrases {
    pub(super) fn new(
        settings: &Settings,
        vocabulary: &Vocabulary,
        engine: &mut CueEngine,
    ) -> Result<Phrases, PatternError> {
        Ok(Phrases { patterns: engine.add(settings.patterns.iter().map(String::as_str), vocabulary)? })
    }
}

impl Detect for Phrases {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
        for m in draft.find(&self.patterns) {
            found.push(draft.match_span(&m));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::DetectorSpec;
    use crate::detect::testing::*;
    use crate::model::{Author::*, Channel::*};

    #[test]
    fn finds_the_schools_phrases() {
        let spec = DetectorSpec::Phrases(Settings { patterns: vec!["during|in lesson|lessons".to_owned()] });
        assert_finds(&spec, Staff, Personal, "Posting this during lesson time, shh", &["during lesson"]);
    }

    #[test]
    fn bad_patterns_fail_to_build() {
        let spec = DetectorSpec::Phrases(Settings { patterns: vec!["~3 x".to_owned()] });
        assert!(spec.build(&vocabulary(), &mut CueEngine::default()).is_err());
    }
}
