//! The post checker: a school's rules compiled once, applied to drafts.
//!
//! Checking a draft folds and tokenises it once, runs each detector the applicable rules need
//! (once, however many rules share it), and turns what the detectors found into findings with
//! the rules' category, severity, clause and message.
//!
//! What a draft's text cannot show (approval, timing, devices) the checker does not guess: it
//! hands back the school's asking rules for the writer and channel ([`Checker::asks`]), and says
//! when the policy does not govern that writer or channel at all ([`Checker::covers`]).

use crate::bundle::{Ask, PolicyBundle, Rule};
use crate::detect::tone::ToneModel;
use crate::detect::{Detect, DetectorSpec, Draft, Vocabulary};
use crate::model::{Author, Category, Channel, Context, Finding, Span};
use crate::text::pattern::{CueEngine, PatternError};
use serde::Serialize;
use std::collections::BTreeMap;

/// The longest draft the checker takes, in characters (Unicode scalar values: what Rust's
/// `str::chars` and JavaScript's `[...text].length` count).
///
/// Posts are short: X takes 280 characters, Instagram 2,200, LinkedIn 3,000. 20,000 leaves
/// room for a long Facebook post or a newsletter pasted whole, and a draft that long is
/// checked in about 12 ms (natively, measured with `postwise check`); a check of a 10 MB line
/// once took 748 MB for its 1.3 million findings. `postwise check` answers a longer draft with an error line, and the
/// browser's checker page says the same.
pub const DRAFT_LIMIT: usize = 20_000;

/// How many characters `text` has, when that is more than [`DRAFT_LIMIT`].
pub fn over_draft_limit(text: &str) -> Option<usize> {
    // A character is at least one byte: a text of few bytes is under the limit uncounted.
    if text.len() <= DRAFT_LIMIT {
        return None;
    }
    let chars = text.chars().count();
    (chars > DRAFT_LIMIT).then_some(chars)
}

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

/// Whether a school's policy governs a writer on a channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Coverage {
    /// The policy governs this author on this channel.
    Covered,
    /// The policy does not govern this author anywhere (Coton-in-the-Elms' covers staff only).
    AuthorNotCovered,
    /// The policy governs this author, but not on this channel.
    ChannelNotCovered,
}

impl Coverage {
    /// Its name, as serialised: `covered`, `author-not-covered` or `channel-not-covered`.
    pub fn as_str(self) -> &'static str {
        match self {
            Coverage::Covered => "covered",
            Coverage::AuthorNotCovered => "author-not-covered",
            Coverage::ChannelNotCovered => "channel-not-covered",
        }
    }
}

/// A school's checker.
pub struct Checker {
    rules: Vec<Rule>,
    asks: Vec<Ask>,
    covers: BTreeMap<Author, Vec<Channel>>,
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
        Ok(Checker {
            rules: bundle.rules.clone(),
            asks: bundle.asks.clone(),
            covers: bundle.school.covers.clone(),
            detector_of,
            detectors,
            vocabulary,
            engine,
        })
    }

    /// The rules, in the order written.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// What the policy asks of this writer on this channel that the text cannot show, in the
    /// order written.
    pub fn asks(&self, context: &Context) -> Vec<&Ask> {
        self.asks
            .iter()
            .filter(|ask| ask.authors.contains(&context.author) && ask.channels.contains(&context.channel))
            .collect()
    }

    /// Whether the policy governs this writer on this channel at all; when it does not, finding
    /// nothing means nothing.
    pub fn covers(&self, context: &Context) -> Coverage {
        match self.covers.get(&context.author) {
            None => Coverage::AuthorNotCovered,
            Some(channels) if !channels.contains(&context.channel) => Coverage::ChannelNotCovered,
            Some(_) => Coverage::Covered,
        }
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
    ///
    /// What the learned models add (`detect::model`, and the tone tier in
    /// [`Checker::check_with_tone`]) stands only where no rule of its category found anything by
    /// its cues: a model judges the whole draft, and its span is
    /// the one word that weighed most ("live" in "I live at 27 Church Lane"), so beside a cue's
    /// finding of the same category it is the same finding again, on the wrong words.
    pub fn check(&self, text: &str, context: &Context) -> Vec<Finding> {
        self.check_draft(&Draft::new(text, context, &self.vocabulary, &self.engine))
    }

    /// The word-level check with the tone tier's findings added (see `detect::tone`): every
    /// finding of [`Checker::check`] is kept, and the tone tier adds a category no cue found.
    pub fn check_with_tone(&self, text: &str, context: &Context, tone: &ToneModel) -> Vec<Finding> {
        self.check_draft(&Draft::new(text, context, &self.vocabulary, &self.engine).with_tone(tone))
    }

    fn check_draft(&self, draft: &Draft<'_>) -> Vec<Finding> {
        let context = draft.context;
        let mut found: Vec<Option<Found>> = (0..self.detectors.len()).map(|_| None).collect();
        let mut findings: Vec<(Finding, bool)> = Vec::new();
        for (rule, &detector) in self.rules.iter().zip(&self.detector_of) {
            if !rule.authors.contains(&context.author) || !rule.channels.contains(&context.channel) {
                continue;
            }
            let found = found[detector].get_or_insert_with(|| {
                let before = draft.learned_count();
                let mut spans = Vec::new();
                self.detectors[detector].detect(draft, &mut spans);
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
    fn the_draft_limit_counts_characters_not_bytes() {
        assert_eq!(over_draft_limit(&"a".repeat(DRAFT_LIMIT)), None);
        assert_eq!(over_draft_limit(&"é".repeat(DRAFT_LIMIT)), None, "two bytes each, one character");
        assert_eq!(over_draft_limit(&"é".repeat(DRAFT_LIMIT + 1)), Some(DRAFT_LIMIT + 1));
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

    fn school_covering(covers: &[(Author, &[Channel])]) -> crate::bundle::School {
        crate::bundle::School {
            id: "oak".to_owned(),
            name: "Oak School".to_owned(),
            also_known_as: Vec::new(),
            place_names: Vec::new(),
            address: None,
            pupil_ages: [4, 11],
            pupils: "pupils".to_owned(),
            platforms: Vec::new(),
            covers: covers.iter().map(|(a, c)| (*a, c.to_vec())).collect(),
        }
    }

    fn ask(id: &str, authors: &[Author], channels: &[Channel]) -> Ask {
        Ask {
            id: id.to_owned(),
            severity: Severity::Must,
            authors: authors.to_vec(),
            channels: channels.to_vec(),
            clause: "1".to_owned(),
            question: format!("{id}?"),
            hint: None,
        }
    }

    fn context(author: Author, channel: Channel) -> Context {
        Context { author, channel, age: None, media: Vec::new() }
    }

    #[test]
    fn covers_tells_an_author_outside_the_policy_from_a_channel_outside_it() {
        let bundle = PolicyBundle {
            school: school_covering(&[(Author::Staff, &[Channel::School, Channel::Personal])]),
            rules: Vec::new(),
            asks: Vec::new(),
            clauses: Default::default(),
        };
        let checker = Checker::new(&bundle).expect("no rules to compile");
        assert_eq!(checker.covers(&context(Author::Staff, Channel::School)), Coverage::Covered);
        assert_eq!(checker.covers(&context(Author::Staff, Channel::Direct)), Coverage::ChannelNotCovered);
        assert_eq!(checker.covers(&context(Author::Parent, Channel::School)), Coverage::AuthorNotCovered);
        let json = serde_json::to_string(&Coverage::ChannelNotCovered).expect("serialises");
        assert_eq!(json, "\"channel-not-covered\"");
        for coverage in [Coverage::Covered, Coverage::AuthorNotCovered, Coverage::ChannelNotCovered] {
            let json = serde_json::to_string(&coverage).expect("serialises");
            assert_eq!(json.trim_matches('"'), coverage.as_str());
        }
    }

    #[test]
    fn asks_are_those_for_the_author_and_channel_in_written_order() {
        let all = [Channel::School, Channel::Personal, Channel::Group, Channel::Direct];
        let bundle = PolicyBundle {
            school: school_covering(&[(Author::Staff, &all), (Author::Pupil, &all)]),
            rules: Vec::new(),
            asks: vec![
                ask("approved", &[Author::Staff], &[Channel::School]),
                ask("hours", &[Author::Staff, Author::Pupil], &[Channel::Personal, Channel::Direct]),
                ask("device", &[Author::Staff], &[Channel::Personal]),
            ],
            clauses: Default::default(),
        };
        let checker = Checker::new(&bundle).expect("no rules to compile");
        let ids = |author, channel| -> Vec<&str> {
            checker.asks(&context(author, channel)).into_iter().map(|a| a.id.as_str()).collect()
        };
        assert_eq!(ids(Author::Staff, Channel::School), ["approved"]);
        assert_eq!(ids(Author::Staff, Channel::Personal), ["hours", "device"]);
        assert_eq!(ids(Author::Pupil, Channel::Direct), ["hours"]);
        assert!(ids(Author::Pupil, Channel::Group).is_empty());
        assert!(ids(Author::Parent, Channel::Personal).is_empty());
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
                pupils: "pupils".to_owned(),
                platforms: Vec::new(),
                covers: [(Author::Pupil, vec![Channel::Personal])].into_iter().collect(),
            },
            rules: vec![
                rule("whereabouts", DetectorSpec::Whereabouts(NoSettings {})),
                rule("home-address", DetectorSpec::HomeAddress(NoSettings {})),
            ],
            asks: Vec::new(),
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
