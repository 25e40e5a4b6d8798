//! A school's policy folder as written by hand (`policies/<id>/`): loading it, checking it
//! with a `file:line:column` for every problem, and compiling it for the checker.
//!
//! 1. [`load`] reads `school.toml`, `policy.md`, `rules.toml` and the shared
//!    `_shared/platforms.toml`; syntax errors and unknown fields are located by the TOML parser.
//! 2. [`Policy::lint`] checks what the parser cannot: rules and asks citing clauses that do not
//!    exist, duplicate ids, rules and asks for an author or channel the policy does not govern
//!    (`[covers]`), unknown platforms, review dates, detector patterns, and each rule's examples.
//! 3. [`Policy::bundle`] gives the checker what it needs and nothing else.

pub mod coverage;
pub mod date;
pub mod diagnostic;
pub mod document;
pub mod duties;
mod keys;
pub mod source;

use crate::bundle::{Ask, ClauseQuote, Platform, PolicyBundle, Rule, School};
use crate::check::Checker;
use crate::model::{Author, Channel, Context};
use coverage::CoverageSource;
use date::Date;
use diagnostic::{Diagnostic, Diagnostics, SourceFile, toml_message};
use document::Document;
use duties::{DutiesSource, DutySource};
use source::{AskSource, ExampleSource, PlatformSource, RuleSource, RulesSource, SchoolSource};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The folder beside the schools that holds what they share.
pub const SHARED_DIR: &str = "_shared";

/// A loaded policy folder.
#[derive(Clone, Debug)]
pub struct Policy {
    /// The school's id: its folder's name.
    pub id: String,
    /// The folder.
    pub dir: PathBuf,
    /// `school.toml`'s text.
    pub school_file: SourceFile,
    /// `school.toml`.
    pub school: SchoolSource,
    /// `policy.md`'s text.
    pub document_file: SourceFile,
    /// `policy.md`.
    pub document: Document,
    /// `rules.toml`'s text.
    pub rules_file: SourceFile,
    /// `rules.toml`'s rules.
    pub rules: Vec<Spanned<RuleSource>>,
    /// `rules.toml`'s asking rules.
    pub asks: Vec<Spanned<AskSource>>,
    /// `_shared/platforms.toml`'s text.
    pub platforms_file: SourceFile,
    /// The shared platforms by id.
    pub platforms: BTreeMap<String, PlatformSource>,
    /// `coverage.toml`'s text, when the file could be read; lint requires it.
    pub coverage_file: Option<SourceFile>,
    /// `duties.toml`'s text, when the school has one.
    pub duties_file: Option<SourceFile>,
    /// Its duties.
    pub duties: Vec<Spanned<DutySource>>,
}

/// Whether `id` is a well-formed school id: lowercase letters, digits and hyphens.
pub fn is_valid_school_id(id: &str) -> bool {
    !id.is_empty()
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
}

fn read(path: &Path, diagnostics: &mut Diagnostics) -> Option<SourceFile> {
    let file = std::fs::read(path)
        .map_err(|error| Diagnostic::unreadable(path, format!("cannot read the file: {error}")))
        .and_then(|bytes| SourceFile::from_bytes(path, bytes));
    file.map_err(|diagnostic| diagnostics.push(diagnostic)).ok()
}

fn parse_toml<T: serde::de::DeserializeOwned>(file: &SourceFile, diagnostics: &mut Diagnostics) -> Option<T> {
    match toml::from_str(&file.text) {
        Ok(value) => Some(value),
        Err(error) => {
            let at = error.span().map_or(0, |s| s.start);
            diagnostics.push(Diagnostic::error(file, at, toml_message(&error)));
            None
        }
    }
}

/// Loads the policy folder `dir`. Problems go to `diagnostics`; `None` when a file is
/// missing or cannot be parsed at all.
pub fn load(dir: &Path, diagnostics: &mut Diagnostics) -> Option<Policy> {
    if !dir.is_dir() {
        diagnostics.push(Diagnostic::unreadable(dir, "no such policy folder"));
        return None;
    }
    let shared = dir.parent().unwrap_or(Path::new(".")).join(SHARED_DIR).join("platforms.toml");
    let files = [dir.join("school.toml"), dir.join("policy.md"), dir.join("rules.toml"), shared];
    let [school_file, document_file, rules_file, platforms_file] = files.map(|path| read(&path, diagnostics));
    let files =
        Files { school: school_file?, document: document_file?, rules: rules_file?, platforms: platforms_file? };
    from_files(dir, files, diagnostics)
}

/// A policy folder's files, read.
#[derive(Clone, Debug)]
pub struct Files {
    /// `school.toml`.
    pub school: SourceFile,
    /// `policy.md`.
    pub document: SourceFile,
    /// `rules.toml`.
    pub rules: SourceFile,
    /// `_shared/platforms.toml`.
    pub platforms: SourceFile,
}

/// The policy of the folder `dir` from its files, read already: [`load`] without the reading.
pub fn from_files(dir: &Path, files: Files, diagnostics: &mut Diagnostics) -> Option<Policy> {
    let id = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
    let Files { school: school_file, document: document_file, rules: rules_file, platforms: platforms_file } = files;
    if !is_valid_school_id(&id) {
        diagnostics.push(Diagnostic::unreadable(
            dir,
            format!("school id `{id}` (the folder's name) must be lowercase letters, digits and hyphens"),
        ));
    }
    let school: Option<SchoolSource> = parse_toml(&school_file, diagnostics);
    let rules: Option<RulesSource> = parse_toml(&rules_file, diagnostics);
    let platforms: Option<BTreeMap<String, PlatformSource>> = parse_toml(&platforms_file, diagnostics);
    let document = document::parse(&document_file, diagnostics);
    let rules = rules?;
    // Read now, checked by `lint` alone: checking a draft or building a form does not need it.
    let coverage_file = std::fs::read_to_string(dir.join(coverage::COVERAGE_FILE))
        .ok()
        .map(|text| SourceFile::new(dir.join(coverage::COVERAGE_FILE), text));
    let duties_path = dir.join("duties.toml");
    let duties_file = if duties_path.exists() { read(&duties_path, diagnostics) } else { None };
    let duties = duties_file.as_ref().and_then(|f| parse_toml::<DutiesSource>(f, diagnostics)).unwrap_or_default();
    Some(Policy {
        id,
        dir: dir.to_owned(),
        school: school?,
        school_file,
        document: document?,
        document_file,
        rules: rules.rule,
        asks: rules.ask,
        rules_file,
        platforms: platforms?,
        platforms_file,
        coverage_file,
        duties_file,
        duties: duties.duty,
    })
}

/// Loads and validates `dir` (without running rule examples): every problem found, and the
/// policy when it has no errors.
pub fn load_valid(dir: &Path, today: Date) -> (Option<Policy>, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let policy = load(dir, &mut diagnostics);
    if let Some(policy) = &policy {
        policy.validate(today, &mut diagnostics);
    }
    let ok = !diagnostics.has_errors();
    (policy.filter(|_| ok), diagnostics)
}

impl Policy {
    /// The school's facts and rules for the checker.
    pub fn bundle(&self) -> PolicyBundle {
        let platforms = self
            .platforms
            .iter()
            .map(|(id, p)| Platform {
                id: id.clone(),
                name: p.name.clone(),
                aliases: p.aliases.iter().map(|a| a.to_lowercase()).collect(),
                ambiguous_aliases: p.ambiguous_aliases.iter().map(|a| a.to_lowercase()).collect(),
                minimum_age: self.school.minimum_ages.get(id).map(|a| *a.get_ref()).or(p.minimum_age),
            })
            .collect();
        let school = School {
            id: self.id.clone(),
            name: self.school.name.clone(),
            also_known_as: self.school.also_known_as.iter().map(|n| n.get_ref().clone()).collect(),
            place_names: self.school.place_names.iter().map(|n| n.get_ref().clone()).collect(),
            address: self.school.address.clone(),
            pupil_ages: *self.school.pupil_ages.get_ref(),
            pupils: self.school.pupils_called.word().to_owned(),
            platforms,
            covers: self.school.covers.get_ref().entries().map(|(a, c)| (a, c.get_ref().clone())).collect(),
        };
        let rules: Vec<Rule> = self
            .rules
            .iter()
            .map(|r| {
                let r = r.get_ref();
                Rule {
                    id: r.id.get_ref().clone(),
                    category: r.category,
                    severity: r.severity,
                    authors: r.authors.get_ref().clone(),
                    channels: r.channels.get_ref().clone(),
                    clause: r.clause.get_ref().clone(),
                    message: r.message.get_ref().clone(),
                    detect: r.detect.get_ref().clone(),
                }
            })
            .collect();
        let asks: Vec<Ask> = self
            .asks
            .iter()
            .map(|a| {
                let a = a.get_ref();
                Ask {
                    id: a.id.get_ref().clone(),
                    severity: a.severity,
                    authors: a.authors.get_ref().clone(),
                    channels: a.channels.get_ref().clone(),
                    clause: a.clause.get_ref().clone(),
                    question: a.question.get_ref().clone(),
                    hint: a.hint.as_ref().map(|h| h.get_ref().clone()),
                }
            })
            .collect();
        let clauses = rules
            .iter()
            .map(|rule| &rule.clause)
            .chain(asks.iter().map(|ask| &ask.clause))
            .filter_map(|id| {
                let clause = self.document.clause(id)?;
                let section = self.document.section_of(clause).map(|s| s.text.clone()).unwrap_or_default();
                let label = self.document.label(clause);
                Some((id.clone(), ClauseQuote { section, label, text: clause.text.clone() }))
            })
            .collect();
        PolicyBundle { school, rules, asks, clauses }
    }

    /// The context an example is checked in, and its text.
    pub fn example_draft<'a>(rule: &RuleSource, example: &'a ExampleSource) -> (&'a str, Context) {
        let first_author = rule.authors.get_ref().first().copied().unwrap_or(crate::model::Author::Staff);
        let first_channel = rule.channels.get_ref().first().copied().unwrap_or(crate::model::Channel::School);
        match example {
            ExampleSource::Text(text) => {
                (text, Context { author: first_author, channel: first_channel, age: None, media: Vec::new() })
            }
            ExampleSource::Draft(d) => (
                &d.text,
                Context {
                    author: d.author.unwrap_or(first_author),
                    channel: d.channel.unwrap_or(first_channel),
                    age: d.age,
                    media: d.media.to_vec(),
                },
            ),
        }
    }

    /// Checks everything the parsers cannot, the coverage map, and runs every rule's examples,
    /// adding a diagnostic for each problem.
    pub fn lint(&self, today: Date, diagnostics: &mut Diagnostics) {
        self.validate(today, diagnostics);
        if let Some(map) = self.coverage(diagnostics)
            && let Some(file) = &self.coverage_file
        {
            coverage::lint(self, file, &map, diagnostics);
        }
        if !diagnostics.has_errors() {
            self.lint_examples(diagnostics);
        }
    }

    /// Checks everything the parsers cannot, without running the examples: what must hold
    /// for the policy to be used at all.
    pub fn validate(&self, today: Date, diagnostics: &mut Diagnostics) {
        self.lint_school(today, diagnostics);
        self.lint_covers(diagnostics);
        self.lint_keys(diagnostics);
        self.lint_rules(diagnostics);
        self.lint_asks(diagnostics);
        self.lint_duties(diagnostics);
        self.lint_reporting(diagnostics);
    }

    /// The coverage map, parsed; `None` when it is missing or does not parse, with the problem
    /// in `diagnostics`.
    pub fn coverage(&self, diagnostics: &mut Diagnostics) -> Option<CoverageSource> {
        let Some(file) = &self.coverage_file else {
            diagnostics.push(Diagnostic::unreadable(
                &self.dir.join(coverage::COVERAGE_FILE),
                "no coverage map: list every element of policy.md with what encodes it, and the clauses that ask nothing with why (policies/README.md)",
            ));
            return None;
        };
        parse_toml(file, diagnostics)
    }

    fn lint_duties(&self, diagnostics: &mut Diagnostics) {
        let Some(file) = &self.duties_file else { return };
        let has_review_date = self.school.review.as_ref().is_some_and(|r| r.next.is_some());
        duties::lint(
            file,
            &self.duties,
            |id| self.document.clause(id).is_some(),
            |role| self.school.roles.contains_key(role),
            has_review_date,
            diagnostics,
        );
    }

    /// `[reporting]` cites a clause that exists and platforms `_shared/platforms.toml` knows.
    fn lint_reporting(&self, diagnostics: &mut Diagnostics) {
        let Some(reporting) = &self.school.reporting else { return };
        let file = &self.school_file;
        if self.document.clause(reporting.clause.get_ref()).is_none() {
            diagnostics.push(Diagnostic::error(
                file,
                reporting.clause.span().start,
                format!("[reporting] cites clause `{}`, which is not in policy.md", reporting.clause.get_ref()),
            ));
        }
        if let Some(phones) = &reporting.phones
            && self.document.clause(phones.get_ref()).is_none()
        {
            diagnostics.push(Diagnostic::error(
                file,
                phones.span().start,
                format!("[reporting] phones cites clause `{}`, which is not in policy.md", phones.get_ref()),
            ));
        }
        for network in &reporting.networks {
            if !self.platforms.contains_key(network.get_ref()) {
                diagnostics.push(Diagnostic::error(
                    file,
                    network.span().start,
                    format!("unknown platform `{}`: use an id from {SHARED_DIR}/platforms.toml", network.get_ref()),
                ));
            }
        }
    }

    /// `[covers]` names at least one author, each with at least one channel.
    fn lint_covers(&self, diagnostics: &mut Diagnostics) {
        let file = &self.school_file;
        let covers = &self.school.covers;
        if covers.get_ref().entries().next().is_none() {
            diagnostics.push(Diagnostic::error(
                file,
                covers.span().start,
                "[covers] governs no one: list each author the policy covers with its channels, e.g. staff = [\"school\", \"personal\"]",
            ));
        }
        for (author, channels) in covers.get_ref().entries() {
            if channels.get_ref().is_empty() {
                diagnostics.push(Diagnostic::error(
                    file,
                    channels.span().start,
                    format!("[covers] lists no channel for {}: name them, or leave the author out", author.as_str()),
                ));
            }
        }
    }

    /// A rule's or ask's `authors` and `channels` all within `[covers]`.
    fn lint_within_covers(
        &self,
        what: &str,
        authors: &Spanned<Vec<Author>>,
        channels: &Spanned<Vec<Channel>>,
        diagnostics: &mut Diagnostics,
    ) {
        let file = &self.rules_file;
        let covers = self.school.covers.get_ref();
        for &author in authors.get_ref() {
            if covers.entries().all(|(a, _)| a != author) {
                diagnostics.push(Diagnostic::error(
                    file,
                    authors.span().start,
                    format!("{what} is for {}, whom the policy does not cover (school.toml [covers])", author.as_str()),
                ));
                continue;
            }
            for &channel in channels.get_ref() {
                if !covers.governs(author, channel) {
                    diagnostics.push(Diagnostic::error(
                        file,
                        channels.span().start,
                        format!(
                            "{what} is for {} on `{}`, which the policy does not cover for them (school.toml [covers])",
                            author.as_str(),
                            channel.as_str()
                        ),
                    ));
                }
            }
        }
    }

    fn lint_asks(&self, diagnostics: &mut Diagnostics) {
        let file = &self.rules_file;
        let mut first_at: HashMap<&str, usize> =
            self.rules.iter().map(|r| (r.get_ref().id.get_ref().as_str(), r.get_ref().id.span().start)).collect();
        for ask in &self.asks {
            let a = ask.get_ref();
            let id = a.id.get_ref().as_str();
            if let Some(&earlier) = first_at.get(id) {
                let line = file.line_col(earlier).0;
                diagnostics.push(Diagnostic::error(
                    file,
                    a.id.span().start,
                    format!("duplicate id `{id}` (first used on line {line}): rules and asks share their ids"),
                ));
            } else {
                first_at.insert(id, a.id.span().start);
            }
            if !document::is_valid_clause_id(id) {
                diagnostics.push(Diagnostic::error(
                    file,
                    a.id.span().start,
                    format!("ask id `{id}` must be lowercase letters, digits, `.` and `-`"),
                ));
            }
            if self.document.clause(a.clause.get_ref()).is_none() {
                diagnostics.push(Diagnostic::error(
                    file,
                    a.clause.span().start,
                    format!("ask `{id}` cites clause `{}`, which is not in policy.md", a.clause.get_ref()),
                ));
            }
            if a.authors.get_ref().is_empty() {
                diagnostics.push(Diagnostic::error(
                    file,
                    a.authors.span().start,
                    format!("ask `{id}` is asked of no one: list authors"),
                ));
            }
            if a.channels.get_ref().is_empty() {
                diagnostics.push(Diagnostic::error(
                    file,
                    a.channels.span().start,
                    format!("ask `{id}` applies nowhere: list channels"),
                ));
            }
            self.lint_within_covers(&format!("ask `{id}`"), &a.authors, &a.channels, diagnostics);
            let question = a.question.get_ref().trim();
            if question.is_empty() || !question.ends_with('?') {
                diagnostics.push(Diagnostic::error(
                    file,
                    a.question.span().start,
                    format!("ask `{id}`: the question must be a question, ending with \"?\""),
                ));
            } else if question.chars().count() > QUESTION_MAX {
                diagnostics.push(Diagnostic::warning(
                    file,
                    a.question.span().start,
                    format!(
                        "ask `{id}`: keep the question short (at most {QUESTION_MAX} characters); put the why in `hint`"
                    ),
                ));
            }
            if let Some(hint) = &a.hint {
                let text = hint.get_ref().trim();
                if text.is_empty() || sentence_count(text) != 1 {
                    diagnostics.push(Diagnostic::error(
                        file,
                        hint.span().start,
                        format!("ask `{id}`: a hint is one sentence (why, or how to check)"),
                    ));
                }
            }
        }
    }

    fn lint_school(&self, today: Date, diagnostics: &mut Diagnostics) {
        let file = &self.school_file;
        let school = &self.school;
        let known_platform = |id: &Spanned<String>, diagnostics: &mut Diagnostics| {
            if !self.platforms.contains_key(id.get_ref()) {
                diagnostics.push(Diagnostic::error(
                    file,
                    id.span().start,
                    format!("unknown platform `{}`: use an id from {SHARED_DIR}/platforms.toml", id.get_ref()),
                ));
            }
        };
        for channel in &school.official_channels {
            known_platform(&channel.platform, diagnostics);
        }
        for blocked in &school.network.blocked {
            known_platform(blocked, diagnostics);
        }
        if let Some(clause) = &school.network.clause
            && self.document.clause(clause.get_ref()).is_none()
        {
            diagnostics.push(Diagnostic::error(
                file,
                clause.span().start,
                format!("[network] cites clause `{}`, which is not in policy.md", clause.get_ref()),
            ));
        }
        for (platform, age) in &school.minimum_ages {
            if !self.platforms.contains_key(platform) {
                diagnostics.push(Diagnostic::error(
                    file,
                    age.span().start,
                    format!("unknown platform `{platform}` in [minimum_ages]"),
                ));
            }
        }
        let [youngest, oldest] = *school.pupil_ages.get_ref();
        if youngest > oldest || oldest > 19 {
            diagnostics.push(Diagnostic::error(
                file,
                school.pupil_ages.span().start,
                "pupil_ages is [youngest, oldest], e.g. [4, 11]",
            ));
        }
        for name in &school.also_known_as {
            if name.get_ref().trim().is_empty() {
                diagnostics.push(Diagnostic::error(file, name.span().start, "a name in also_known_as is empty"));
            }
        }
        let Some(review) = &school.review else {
            diagnostics.push(Diagnostic::warning(
                file,
                0,
                "no [review] dates: add `next = \"YYYY-MM\"` so readers know the policy is current",
            ));
            return;
        };
        for (key, value) in [("last", &review.last), ("next", &review.next)] {
            let Some(value) = value else { continue };
            match Date::parse(value.get_ref()) {
                None => diagnostics.push(Diagnostic::error(
                    file,
                    value.span().start,
                    format!("review.{key} `{}` is not a date: write \"YYYY-MM-DD\" or \"YYYY-MM\"", value.get_ref()),
                )),
                Some(date) if key == "next" && date.is_past(today) => diagnostics.push(Diagnostic::warning(
                    file,
                    value.span().start,
                    format!("the policy was due for review in {date}: review it and update review.next"),
                )),
                Some(_) => {}
            }
        }
    }

    fn lint_rules(&self, diagnostics: &mut Diagnostics) {
        let file = &self.rules_file;
        let mut first_at: HashMap<&str, usize> = HashMap::new();
        for rule in &self.rules {
            let r = rule.get_ref();
            let id = r.id.get_ref().as_str();
            if let Some(&earlier) = first_at.get(id) {
                let line = file.line_col(earlier).0;
                diagnostics.push(Diagnostic::error(
                    file,
                    r.id.span().start,
                    format!("duplicate rule id `{id}` (first used on line {line})"),
                ));
            } else {
                first_at.insert(id, r.id.span().start);
            }
            if !document::is_valid_clause_id(id) {
                diagnostics.push(Diagnostic::error(
                    file,
                    r.id.span().start,
                    format!("rule id `{id}` must be lowercase letters, digits, `.` and `-`"),
                ));
            }
            if self.document.clause(r.clause.get_ref()).is_none() {
                diagnostics.push(Diagnostic::error(
                    file,
                    r.clause.span().start,
                    format!("rule `{id}` cites clause `{}`, which is not in policy.md", r.clause.get_ref()),
                ));
            }
            if r.authors.get_ref().is_empty() {
                diagnostics.push(Diagnostic::error(
                    file,
                    r.authors.span().start,
                    format!("rule `{id}` applies to no one: list authors"),
                ));
            }
            if r.channels.get_ref().is_empty() {
                diagnostics.push(Diagnostic::error(
                    file,
                    r.channels.span().start,
                    format!("rule `{id}` applies nowhere: list channels"),
                ));
            }
            if r.message.get_ref().trim().is_empty() {
                diagnostics.push(Diagnostic::error(
                    file,
                    r.message.span().start,
                    format!("rule `{id}` needs a message for the person posting"),
                ));
            }
            self.lint_within_covers(&format!("rule `{id}`"), &r.authors, &r.channels, diagnostics);
            if r.breaks.is_empty() {
                diagnostics.push(Diagnostic::warning(
                    file,
                    rule.span().start,
                    format!("rule `{id}` has no `breaks` examples"),
                ));
            }
        }
        // Build the checker once and run every example against its own rule.
        let bundle = self.bundle();
        let vocabulary = crate::detect::Vocabulary::new(&bundle.school);
        let mut engine = crate::text::pattern::CueEngine::default();
        for (rule, source) in bundle.rules.iter().zip(&self.rules) {
            if let Err(error) = rule.detect.build(&vocabulary, &mut engine) {
                diagnostics.push(Diagnostic::error(file, source.get_ref().detect.span().start, error.to_string()));
            }
        }
    }

    fn lint_examples(&self, diagnostics: &mut Diagnostics) {
        let file = &self.rules_file;
        let Ok(checker) = Checker::new(&self.bundle()) else {
            return;
        };
        for source in &self.rules {
            let r = source.get_ref();
            let id = r.id.get_ref();
            for (examples, must_break) in [(&r.breaks, true), (&r.allows, false)] {
                for example in examples {
                    let (text, context) = Policy::example_draft(r, example.get_ref());
                    let broke = !checker.rule_findings(id, text, &context).is_empty();
                    if broke != must_break {
                        let verdict = if must_break { "finds nothing in" } else { "wrongly finds something in" };
                        diagnostics.push(Diagnostic::error(
                            file,
                            example.span().start,
                            format!(
                                "rule `{id}` {verdict} this example (as {:?} on {:?})",
                                context.author, context.channel
                            ),
                        ));
                    }
                }
            }
        }
    }
}

/// The longest question an ask may have before lint suggests moving the why into its hint.
const QUESTION_MAX: usize = 90;

/// How many sentences `text` holds: ends of sentence (`.`, `!`, `?`) followed by a space and a
/// capital letter or digit, plus one. "e.g." and "i.e." before a lowercase word do not count.
fn sentence_count(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    1 + chars
        .windows(3)
        .filter(|w| matches!(w[0], '.' | '!' | '?') && w[1] == ' ' && (w[2].is_uppercase() || w[2].is_ascii_digit()))
        .count()
}

/// The school folders under `root` (not `_shared`), sorted by id.
pub fn school_dirs(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_dir()
                && !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('_') || n.starts_with('.'))
        })
        .collect();
    dirs.sort();
    Ok(dirs)
}
