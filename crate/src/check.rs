//! The post checker: a school's rules compiled once, applied to drafts.
//!
//! Checking a draft folds and tokenises it once, runs each detector the applicable rules need
//! (once, however many rules share it), and turns what the detectors found into findings with
//! the rules' category, severity, clause and message.

use crate::bundle::{PolicyBundle, Rule};
use crate::detect::tone::ToneModel;
use crate::detect::{Detect, DetectorSpec, Draft, Vocabulary};
use crate::model::{Context, Finding, Span};
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

    /// Everything in `text` that breaks a rule applying to `context`, ordered by position: the
    /// word-level check, quick enough for every keystroke.
    pub fn check(&self, text: &str, context: &Context) -> Vec<Finding> {
        self.check_draft(&Draft::new(text, context, &self.vocabulary, &self.engine))
    }

    /// The word-level check with the tone tier's findings added (see `detect::tone`): every
    /// finding of [`Checker::check`] is kept, and the tone tier adds what it finds elsewhere.
    pub fn check_with_tone(&self, text: &str, context: &Context, tone: &ToneModel) -> Vec<Finding> {
        self.check_draft(&Draft::new(text, context, &self.vocabulary, &self.engine).with_tone(tone))
    }

    fn check_draft(&self, draft: &Draft<'_>) -> Vec<Finding> {
        let context = draft.context;
        let mut found: Vec<Option<Vec<Span>>> = (0..self.detectors.len()).map(|_| None).collect();
        let mut findings: Vec<Finding> = Vec::new();
        for (rule, &detector) in self.rules.iter().zip(&self.detector_of) {
            if !rule.authors.contains(&context.author) || !rule.channels.contains(&context.channel) {
                continue;
            }
            let spans = found[detector].get_or_insert_with(|| {
                let mut spans = Vec::new();
                self.detectors[detector].detect(draft, &mut spans);
                spans
            });
            for span in spans.iter() {
                findings.push(Finding {
                    category: rule.category,
                    rule: rule.id.clone(),
                    severity: rule.severity,
                    clause: rule.clause.clone(),
                    start: span.start,
                    end: span.end,
                    message: rule.message.clone(),
                });
            }
        }
        settle(findings)
    }
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
    use crate::model::{Category, Severity};

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
}
