//! Checks the imported files as `postwise lint` would, in memory, before anything is written:
//! picks each proposed rule's examples by running them through the school's own checker, and
//! drops a rule no known example works for.

use super::report::Report;
use super::rules::Proposal;
use super::{Files, ImportError, Shared};
use super::{rules_toml, wording};
use crate::check::Checker;
use crate::model::Context;
use crate::policy::date::Date;
use crate::policy::diagnostic::{Diagnostic, Diagnostics, Level, SourceFile, toml_message};
use crate::policy::source::{RulesSource, SchoolSource};
use crate::policy::{Policy, document};
use std::path::Path;

/// What is being imported, and where to.
pub(crate) struct Target<'a> {
    /// The file imported.
    pub(crate) source: &'a Path,
    /// Its name, for the files' header comments.
    pub(crate) source_name: &'a str,
    /// The school's id.
    pub(crate) id: &'a str,
    /// The folder to be written.
    pub(crate) out: &'a Path,
    /// The shared platforms beside it.
    pub(crate) shared: &'a Shared,
    /// The school's name, for examples and comments.
    pub(crate) school_name: &'a str,
}

/// The three files as the policy loader would read them from `out`.
fn load(id: &str, out: &Path, files: &Files, shared: &Shared) -> (Option<Policy>, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let school_file = SourceFile::new(out.join("school.toml"), files.school.clone());
    let document_file = SourceFile::new(out.join("policy.md"), files.policy.clone());
    let rules_file = SourceFile::new(out.join("rules.toml"), files.rules.clone());
    let platforms_file = SourceFile::new(shared.path.clone(), shared.text.clone());
    let school: Option<SchoolSource> = parse(&school_file, &mut diagnostics);
    let rules: Option<RulesSource> = parse(&rules_file, &mut diagnostics);
    let document = document::parse(&document_file, &mut diagnostics);
    let policy = match (school, rules, document) {
        (Some(school), Some(rules), Some(document)) => Some(Policy {
            id: id.to_owned(),
            dir: out.to_owned(),
            school_file,
            school,
            document_file,
            document,
            rules_file,
            rules: rules.rule,
            asks: rules.ask,
            platforms_file,
            platforms: shared.platforms.clone(),
            coverage_file: (!files.coverage.is_empty())
                .then(|| SourceFile::new(out.join(crate::policy::coverage::COVERAGE_FILE), files.coverage.clone())),
            duties_file: None,
            duties: Vec::new(),
        }),
        _ => None,
    };
    (policy, diagnostics)
}

fn parse<T: serde::de::DeserializeOwned>(file: &SourceFile, diagnostics: &mut Diagnostics) -> Option<T> {
    match toml::from_str(&file.text) {
        Ok(value) => Some(value),
        Err(error) => {
            let at = error.span().map_or(0, |s| s.start);
            diagnostics.push(Diagnostic::error(file, at, toml_message(&error)));
            None
        }
    }
}

fn problems(diagnostics: Diagnostics) -> String {
    diagnostics
        .into_sorted()
        .iter()
        .filter(|d| d.level == Level::Error)
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Picks every proposal's examples with the school's checker, writes `rules.toml`, and lints
/// the three files. Proposals without a working example are dropped (and reported).
pub(crate) fn settle(
    target: &Target<'_>,
    files: Files,
    mut proposals: Vec<Proposal>,
) -> Result<(Files, Vec<Proposal>), ImportError> {
    let Target { source, source_name, id, out, shared, school_name } = *target;
    let invalid = |problems: String| ImportError::Invalid { path: source.to_owned(), problems };
    // First without examples, for the checker.
    let unchecked = Files { rules: rules_toml::write(&proposals, source_name, school_name, false), ..files.clone() };
    let (policy, diagnostics) = load(id, out, &unchecked, shared);
    let Some(policy) = policy else { return Err(invalid(problems(diagnostics))) };
    let checker = Checker::new(&policy.bundle()).map_err(|e| invalid(e.to_string()))?;
    for proposal in &mut proposals {
        proposal.examples = rules_toml::candidates(proposal, school_name).into_iter().find_map(|(breaks, allows)| {
            let fires = |candidate: &rules_toml::Candidate| {
                let draft = &candidate.draft;
                let context = Context {
                    author: draft.author.unwrap_or(proposal.authors[0]),
                    channel: draft.channel.unwrap_or(proposal.channels[0]),
                    age: draft.age,
                    media: draft.media.clone(),
                };
                !checker.rule_findings(&proposal.id, &draft.text, &context).is_empty()
            };
            (fires(&breaks) && !fires(&allows)).then(|| (breaks.toml.clone(), allows.toml.clone()))
        });
    }
    // Then with them, through the whole of lint; a rule lint still faults is dropped.
    let mut dropped_for_lint: Vec<String> = Vec::new();
    for _ in 0..3 {
        let kept: Vec<Proposal> =
            proposals.iter().filter(|p| p.examples.is_some() && !dropped_for_lint.contains(&p.id)).cloned().collect();
        let done = Files {
            rules: rules_toml::write(&kept, source_name, school_name, true),
            coverage: super::coverage_toml::write(&policy.document.clauses, &kept),
            ..files.clone()
        };
        let (policy, mut diagnostics) = load(id, out, &done, shared);
        if let Some(policy) = &policy {
            policy.lint(Date::today(), &mut diagnostics);
        }
        if !diagnostics.has_errors() && policy.is_some() {
            for proposal in &mut proposals {
                if dropped_for_lint.contains(&proposal.id) {
                    proposal.examples = None;
                }
            }
            return Ok((done, proposals));
        }
        let faulted = faulted_rules(&done.rules, &diagnostics);
        let other = diagnostics.iter().any(|d| d.level == Level::Error && !d.path.ends_with("rules.toml"));
        if faulted.is_empty() || other {
            return Err(invalid(problems(diagnostics)));
        }
        dropped_for_lint.extend(faulted);
    }
    Err(invalid("rules.toml still fails lint after dropping the rules it faults".to_owned()))
}

/// The ids of the rules that lint reports errors in.
fn faulted_rules(rules_text: &str, diagnostics: &Diagnostics) -> Vec<String> {
    let lines: Vec<&str> = rules_text.lines().collect();
    let mut ids = Vec::new();
    for diagnostic in diagnostics.iter().filter(|d| d.level == Level::Error && d.path.ends_with("rules.toml")) {
        let start = (0..diagnostic.line.min(lines.len())).rev().find(|&i| lines[i].starts_with("[[rule]]"));
        let id = start.and_then(|start| {
            lines[start..].iter().find_map(|l| l.strip_prefix("id = ")).map(|v| v.trim().trim_matches('"').to_owned())
        });
        if let Some(id) = id
            && !ids.contains(&id)
        {
            ids.push(id);
        }
    }
    ids
}

/// Adds the rules to the report: each proposal as a guess to confirm, proposals without a
/// working example and obligation-like clauses without a rule as work for a person.
pub(crate) fn report_rules(outline: &super::outline::Outline, proposals: &[Proposal], report: &mut Report) {
    let kept: Vec<&Proposal> = proposals.iter().filter(|p| p.examples.is_some()).collect();
    let clauses: std::collections::HashSet<&str> = kept.iter().map(|p| p.clause.as_str()).collect();
    report.recognised(format!(
        "{} rules proposed from {} clauses, each marked `# proposed by postwise import` in rules.toml",
        kept.len(),
        clauses.len()
    ));
    for p in &kept {
        let authors: Vec<&str> = p
            .authors
            .iter()
            .map(|a| match a {
                crate::model::Author::Staff => "staff",
                crate::model::Author::Pupil => "pupils",
                crate::model::Author::Parent => "parents",
            })
            .collect();
        report.guessed(format!(
            "rule {} ({}, {}) from {}: for {}, {} channel(s)",
            p.id,
            p.category,
            p.severity.as_str(),
            p.clause,
            authors.join(" and "),
            p.channels.len()
        ));
    }
    for p in proposals.iter().filter(|p| p.examples.is_none()) {
        report.needs_person(format!(
            "{} ({}): the wording of {} matches, but no known example works with this school's checker: write the rule by hand",
            p.id, p.category, p.clause
        ));
    }
    // Clauses that forbid something but got no rule.
    let mut unmatched = Vec::new();
    for node in &outline.nodes {
        let clause = matches!(node.kind, super::outline::NodeKind::Paragraph | super::outline::NodeKind::Item { .. });
        if !clause || clauses.contains(&node.id.as_str()) {
            continue;
        }
        let words = wording::words(&node.text);
        let forbids = wording::found("must|will|should|do not", &words)
            || wording::found("must|will|should|do|may never", &words);
        let about_posting = wording::found("post*|share*|contact*|friend|follow|upload*|comment*|publish*", &words);
        if forbids && about_posting {
            unmatched.push(node.id.clone());
        }
    }
    if !unmatched.is_empty() {
        report.needs_person(format!(
            "clauses that forbid posting something but match no known obligation (write rules by hand if they apply): {}",
            unmatched.join(", ")
        ));
    }
}
