//! The post checker: a school's rules compiled once, applied to drafts.
//!
//! Checking a draft folds and tokenises it once, runs each detector the applicable rules need
//! (once, however many rules share it), and turns what the detectors found into findings with
//! the rules' category, severity, clause and message.

use crate::bundle::{PolicyBundle, Rule};
use crate::detect::{Detect, DetectorSpec, Draft, Vocabulary};
use crate::model::{Category, Context, Finding, Span};
use crate::text::pattern::{CueEngine, PatternError};

/// A rule whose detector could not be built.
#[derive(Debug, thiserror::Error)]
#[error("rule `{rule}`: {source}")]
pub struct RuleError {
    /// The rule's id.
    pub rule: String,
    /// What is wrong with its patterns.
    #[source]
    pub source: PatternError,
}

/// A school's checker.
pub struct Checker {
    rules: Vec<Rule>,
    /// For each rule, the index of its detector in `detectors`.
    detector_of: Vec<usize>,
    detectors: Vec<Box<dyn Detect>>,
    vocabulary: Vocabulary,
    engine: CueEngine,
}

impl Checker {
    /// Compiles `bundle`'s rules.
    pub fn new(bundle: &PolicyBundle) -> Result<Checker, RuleError> {
        let vocabulary = Vocabulary::new(&bundle.school);
        let mut engine = CueEngine::default();
        let mut specs: Vec<&DetectorSpec> = Vec::new();
        let mut detectors: Vec<Box<dyn Detect>> = Vec::new();
        let mut detector_of = Vec::with_capacity(bundle.rules.len());
        for rule in &bundle.rules {
            let index = match specs.iter().position(|s| **s == rule.detect) {
                Some(index) => index,
                None => {
                    let detector = rule
                        .detect
                        .build(&vocabulary, &mut engine)
                        .map_err(|source| RuleError { rule: rule.id.clone(), source })?;
                    specs.push(&rule.detect);
                    detectors.push(detector);
                    specs.len() - 1
                }
            };
            detector_of.push(index);
        }
        Ok(Checker { rules: bundle.rules.clone(), detector_of, detectors, vocabulary, engine })
    }

    /// The rules, in the order written.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Where `text` breaks the rule `id` alone, if the rule applies to `context`: for testing a
    /// rule's own examples, before findings of the same category are merged.
    pub fn rule_findings(&self, id: &str, text: &str, context: &Context) -> Vec<Span> {
        let Some(index) = self.rules.iter().position(|r| r.id == id) else {
            return Vec::new();
        };
        let rule = &self.rules[index];
        if !rule.authors.contains(&context.author) || !rule.channels.contains(&context.channel) {
            return Vec::new();
        }
        let draft = Draft::new(text, context, &self.vocabulary, &self.engine);
        let mut spans = Vec::new();
        self.detectors[self.detector_of[index]].detect(&draft, &mut spans);
        spans
    }

    /// Everything in `text` that breaks a rule applying to `context`, ordered by position.
    ///
    /// What the learned model adds (see `detect::model`) stands only where no rule of its
    /// category found anything by its cues: the model judges the whole draft, and its span is
    /// the one word that weighed most ("live" in "I live at 27 Church Lane"), so beside a cue's
    /// finding of the same category it is the same finding again, on the wrong words.
    pub fn check(&self, text: &str, context: &Context) -> Vec<Finding> {
        let draft = Draft::new(text, context, &self.vocabulary, &self.engine);
        let mut found: Vec<Option<Found>> = (0..self.detectors.len()).map(|_| None).collect();
        let mut findings: Vec<(Finding, bool)> = Vec::new();
        for (rule, &detector) in self.rules.iter().zip(&self.detector_of) {
            if !rule.authors.contains(&context.author) || !rule.channels.contains(&context.channel) {
                continue;
            }
            let found = found[detector].get_or_insert_with(|| {
                let before = draft.learned_count();
                let mut spans = Vec::new();
                self.detectors[detector].detect(&draft, &mut spans);
                Found { learned: draft.learned_since(before), spans }
            });
            for span in &found.spans {
                let finding = Finding {
                    category: rule.category,
                    rule: rule.id.clone(),
                    severity: rule.severity,
                    clause: rule.clause.clone(),
                    start: span.start,
                    end: span.end,
                    message: rule.message.clone(),
                };
                findings.push((finding, found.learned.contains(span)));
            }
        }
        let cued: Vec<Category> = findings.iter().filter(|(_, learned)| !learned).map(|(f, _)| f.category).collect();
        findings.retain(|(finding, learned)| !learned || !cued.contains(&finding.category));
        settle(findings.into_iter().map(|(finding, _)| finding).collect())
    }
}

/// What one detector found in a draft, and which of it the learned model added.
struct Found {
    spans: Vec<Span>,
    learned: Vec<Span>,
}

/// Orders findings by position and keeps one per category and span: the most severe rule's
/// (the first written among equals). Overlapping spans of one category merge into one finding.
fn settle(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by(|a, b| (a.category, a.start, b.severity, a.end).cmp(&(b.category, b.start, a.severity, b.end)));
    let mut settled: Vec<Finding> = Vec::with_capacity(findings.len());
    for finding in findings {
        match settled.last_mut() {
            Some(last) if last.category == finding.category && overlaps(last, &finding) => {
                if finding.severity > last.severity {
                    let (start, end) = (last.start.min(finding.start), last.end.max(finding.end));
                    *last = Finding { start, end, ..finding };
                } else {
                    last.end = last.end.max(finding.end);
                }
            }
            _ => settled.push(finding),
        }
    }
    settled.sort_by_key(|f| (f.start, f.end, f.category));
    settled
}

fn overlaps(a: &Finding, b: &Finding) -> bool {
    // Two media findings (empty spans at 0) are the same finding.
    (a.start == a.end && b.start == b.end && a.start == b.start) || (a.start < b.end && b.start < a.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::School;
    use crate::detect::NoSettings;
    use crate::model::{Author, Channel, Severity};

    fn finding(category: Category, severity: Severity, start: usize, end: usize, rule: &str) -> Finding {
        Finding {
            category,
            rule: rule.to_owned(),
            severity,
            clause: "1".to_owned(),
            start,
            end,
            message: String::new(),
        }
    }

    #[test]
    fn settle_keeps_the_most_severe_of_overlapping_findings() {
        let settled = settle(vec![
            finding(Category::ContactRequest, Severity::Should, 0, 10, "parents"),
            finding(Category::ContactRequest, Severity::Must, 5, 12, "pupils"),
            finding(Category::ContactDetails, Severity::Must, 5, 12, "phone"),
            finding(Category::ContactRequest, Severity::Must, 20, 25, "pupils"),
        ]);
        let summary: Vec<_> = settled.iter().map(|f| (f.rule.as_str(), f.start, f.end)).collect();
        assert_eq!(summary, [("pupils", 0, 12), ("phone", 5, 12), ("pupils", 20, 25)]);
    }

    #[test]
    fn media_findings_merge() {
        let settled = settle(vec![
            finding(Category::MediaConsent, Severity::Must, 0, 0, "a"),
            finding(Category::MediaConsent, Severity::Must, 0, 0, "b"),
            finding(Category::MediaConsent, Severity::Must, 3, 9, "c"),
        ]);
        assert_eq!(settled.len(), 2);
    }

    /// A checker for pupils' posts on their own accounts with two location rules: home
    /// addresses and whereabouts (whose detector adds the learned model's guesses).
    fn location_checker() -> Checker {
        let rule = |id: &str, detect: DetectorSpec| Rule {
            id: id.to_owned(),
            category: Category::Location,
            severity: Severity::Should,
            authors: vec![Author::Pupil],
            channels: vec![Channel::Personal],
            clause: "9.1.a".to_owned(),
            message: "Never say where you live online.".to_owned(),
            detect,
        };
        let bundle = PolicyBundle {
            school: School {
                id: "oakfield".to_owned(),
                name: "Oakfield Primary School".to_owned(),
                also_known_as: vec!["Oakfield".to_owned()],
                place_names: Vec::new(),
                address: None,
                pupil_ages: [4, 11],
                platforms: Vec::new(),
            },
            rules: vec![
                rule("whereabouts", DetectorSpec::Whereabouts(NoSettings {})),
                rule("home-address", DetectorSpec::HomeAddress(NoSettings {})),
            ],
            clauses: Default::default(),
        };
        Checker::new(&bundle).expect("builds")
    }

    #[test]
    fn a_learned_guess_gives_way_to_a_cue_finding_of_its_category_from_another_rule() {
        let checker = location_checker();
        let pupil = Context { author: Author::Pupil, channel: Channel::Personal, age: Some(9), media: Vec::new() };
        let text = "Party at mine on Saturday! I live at 27 Church Lane, come any time after 2.";
        // The learned model alone flags the draft for a location, on the word "live"...
        assert_eq!(checker.rule_findings("whereabouts", text, &pupil), [Span { start: 29, end: 33 }]);
        // ... which the home address, found by its cues, says already.
        let findings = checker.check(text, &pupil);
        let found: Vec<(&str, &str)> = findings.iter().map(|f| (f.rule.as_str(), &text[f.start..f.end])).collect();
        assert_eq!(found, [("home-address", "27 Church Lane")]);
    }
}
