//! `coverage.toml`: the coverage map. Every actionable element of the policy (a rule on what
//! someone may post or do, a form, a duty with a date) with what encodes it in Postwise: a
//! detecting rule, an asking rule, a form, a quiz concept, a duty, a page of the site, or
//! nothing, with the reason. The clauses that ask nothing of anyone (purpose statements,
//! definitions, lists of laws and other policies) are listed too, with the reason.
//!
//! Lint makes the map whole and true: every clause of `policy.md` but its headings is on it, an
//! element names only things that exist, and every rule, ask, form and duty is on some element.
//! The site shows it as "How this policy is covered".

use super::Policy;
use super::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use super::document::ClauseKind;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use toml::Spanned;

/// The file's name in a school's folder.
pub const COVERAGE_FILE: &str = "coverage.toml";

/// The reason `postwise import` gives the clauses no one has read yet; lint warns while any
/// clause has it.
pub const UNREVIEWED: &str = "TODO (import): not yet read";

/// The site's pages an element can name, by id, with their files. `blocked-sites` exists only
/// for a school with blocked sites, `for-the-school` only for one with duties.
pub const PAGES: [(&str, &str); 9] = [
    ("policy", "policy.html"),
    ("check", "check.html"),
    ("rules", "rules.html"),
    ("quizzes", "quiz.html"),
    ("forms", "forms.html"),
    ("for-the-school", "school-duties.html"),
    ("coverage", "coverage.html"),
    ("blocked-sites", "blocked-sites.html"),
    ("reporting", "reporting.html"),
];

/// `coverage.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoverageSource {
    /// The actionable elements, in the policy's order.
    #[serde(default)]
    pub element: Vec<Spanned<ElementSource>>,
    /// The clauses that ask nothing of anyone, with why.
    #[serde(default)]
    pub not_actionable: Vec<Spanned<NotActionableSource>>,
}

/// One `[[element]]`: something the policy asks, and what encodes it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElementSource {
    /// The clause it comes from.
    pub clause: Spanned<String>,
    /// Other clauses it takes in: ids, or `x.*` for every clause under `x`.
    #[serde(default)]
    pub also: Vec<Spanned<String>>,
    /// What it asks, in a few words.
    pub what: Spanned<String>,
    /// Detecting rules (`rules.toml` `[[rule]]` ids).
    #[serde(default)]
    pub rules: Vec<Spanned<String>>,
    /// Asking rules (`[[ask]]` ids).
    #[serde(default)]
    pub asks: Vec<Spanned<String>>,
    /// Forms (`forms/<id>.toml`).
    #[serde(default)]
    pub forms: Vec<Spanned<String>>,
    /// Quiz concepts, as `<quiz>/<concept>` for a quiz the school offers.
    #[serde(default)]
    pub quiz: Vec<Spanned<String>>,
    /// Duties (`duties.toml` ids).
    #[serde(default)]
    pub duties: Vec<Spanned<String>>,
    /// Pages of the site (ids from [`PAGES`]).
    #[serde(default)]
    pub pages: Vec<Spanned<String>>,
    /// Nothing encodes it: why nothing needs to.
    #[serde(default)]
    pub none: Option<Spanned<String>>,
    /// Optional: how an ambiguous clause is read, or what the encoding leaves out.
    #[serde(default)]
    pub note: Option<String>,
}

impl ElementSource {
    /// Everything that encodes it, as (kind, id) pairs in a fixed order.
    pub fn encoders(&self) -> impl Iterator<Item = (Encoder, &Spanned<String>)> {
        [
            (Encoder::Rule, &self.rules),
            (Encoder::Ask, &self.asks),
            (Encoder::Form, &self.forms),
            (Encoder::Quiz, &self.quiz),
            (Encoder::Duty, &self.duties),
            (Encoder::Page, &self.pages),
        ]
        .into_iter()
        .flat_map(|(kind, ids)| ids.iter().map(move |id| (kind, id)))
    }
}

/// What can encode an element.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoder {
    /// A detecting rule: the checker finds it in a draft.
    Rule,
    /// An asking rule: the check page asks it beside the verdict.
    Ask,
    /// A form to read and sign.
    Form,
    /// A quiz concept.
    Quiz,
    /// A duty with a date, on the "For the school" page.
    Duty,
    /// A page of the site.
    Page,
}

impl Encoder {
    /// The key in `coverage.toml`.
    pub fn key(self) -> &'static str {
        match self {
            Encoder::Rule => "rules",
            Encoder::Ask => "asks",
            Encoder::Form => "forms",
            Encoder::Quiz => "quiz",
            Encoder::Duty => "duties",
            Encoder::Page => "pages",
        }
    }
}

/// One `[[not_actionable]]`: clauses that ask nothing of anyone.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotActionableSource {
    /// The clauses: ids, or `x.*` for every clause under `x`.
    pub clauses: Vec<Spanned<String>>,
    /// Why they ask nothing.
    pub reason: Spanned<String>,
}

/// The clause ids `pattern` names: itself, or for `x.*`, every clause whose id starts `x.`.
pub fn expand<'a>(policy: &'a Policy, pattern: &str) -> Vec<&'a str> {
    match pattern.strip_suffix(".*") {
        Some(parent) => {
            let prefix = format!("{parent}.");
            policy.document.clauses.iter().filter(|c| c.id.starts_with(&prefix)).map(|c| c.id.as_str()).collect()
        }
        None => policy.document.clause(pattern).map(|c| vec![c.id.as_str()]).unwrap_or_default(),
    }
}

/// What the school has that an element can name: ids by kind.
#[derive(Clone, Debug, Default)]
pub struct Encoders {
    /// By kind, the ids that exist.
    pub ids: BTreeMap<Encoder, BTreeSet<String>>,
}

impl Encoders {
    /// What `policy` has: its rules, asks, forms (`forms/*.toml`), quiz concepts (from
    /// `quizzes/*.toml`), duties and pages.
    pub fn of(policy: &Policy) -> Encoders {
        let mut ids: BTreeMap<Encoder, BTreeSet<String>> = BTreeMap::new();
        ids.insert(Encoder::Rule, policy.rules.iter().map(|r| r.get_ref().id.get_ref().clone()).collect());
        ids.insert(Encoder::Ask, policy.asks.iter().map(|a| a.get_ref().id.get_ref().clone()).collect());
        ids.insert(Encoder::Form, file_stems(&policy.dir.join(crate::form::compile::FORMS_DIR)));
        ids.insert(Encoder::Quiz, quiz_concepts(&policy.dir.join("quizzes")));
        ids.insert(Encoder::Duty, policy.duties.iter().map(|d| d.get_ref().id.get_ref().clone()).collect());
        let pages = PAGES
            .iter()
            .map(|(id, _)| *id)
            .filter(|id| match *id {
                "blocked-sites" => !policy.school.network.blocked.is_empty(),
                "for-the-school" => !policy.duties.is_empty(),
                _ => true,
            })
            .map(str::to_owned)
            .collect();
        ids.insert(Encoder::Page, pages);
        Encoders { ids }
    }

    fn has(&self, kind: Encoder, id: &str) -> bool {
        self.ids.get(&kind).is_some_and(|ids| ids.contains(id))
    }
}

fn file_stems(dir: &std::path::Path) -> BTreeSet<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return BTreeSet::new() };
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter_map(|p| p.file_stem()?.to_str().map(str::to_owned))
        .collect()
}

/// `<quiz>/<concept>` for every concept a school's quiz files map to a clause (a shared quiz's
/// `[clauses]`) or declare (a quiz of the school's own). A file that does not parse offers
/// nothing here; quiz lint reports it.
fn quiz_concepts(dir: &std::path::Path) -> BTreeSet<String> {
    let mut concepts = BTreeSet::new();
    for quiz in file_stems(dir) {
        let Ok(text) = std::fs::read_to_string(dir.join(format!("{quiz}.toml"))) else { continue };
        let Ok(value) = text.parse::<toml::Table>() else { continue };
        if let Some(clauses) = value.get("clauses").and_then(|c| c.as_table()) {
            concepts.extend(clauses.keys().map(|concept| format!("{quiz}/{concept}")));
        }
        if let Some(declared) = value.get("concept").and_then(|c| c.as_array()) {
            concepts.extend(
                declared.iter().filter_map(|c| c.get("id")?.as_str()).map(|concept| format!("{quiz}/{concept}")),
            );
        }
    }
    concepts
}

/// Checks the map against the policy: every clause but a heading is on it; every clause and
/// pattern it names exists; every element is encoded or says why not; every encoder it names
/// exists; every rule, ask, form and duty is on some element; a clause is not both an element's
/// and not actionable, and nothing encodes a clause called not actionable.
pub fn lint(policy: &Policy, file: &SourceFile, coverage: &CoverageSource, diagnostics: &mut Diagnostics) {
    let encoders = Encoders::of(policy);
    let mut on_element: BTreeSet<&str> = BTreeSet::new();
    let mut not_actionable: BTreeMap<&str, usize> = BTreeMap::new();
    let mut named: BTreeMap<Encoder, BTreeSet<&str>> = BTreeMap::new();

    let clauses_of = |pattern: &Spanned<String>, diagnostics: &mut Diagnostics| -> Vec<&str> {
        let ids = expand(policy, pattern.get_ref());
        if ids.is_empty() {
            let what =
                if pattern.get_ref().ends_with(".*") { "names no clause under it" } else { "is not in policy.md" };
            diagnostics.push(Diagnostic::error(
                file,
                pattern.span().start,
                format!("clause `{}` {what}", pattern.get_ref()),
            ));
        }
        ids
    };

    let mut main_clauses: BTreeSet<&str> = BTreeSet::new();
    for element in &coverage.element {
        let e = element.get_ref();
        let at = e.clause.span().start;
        let clause = e.clause.get_ref();
        if !main_clauses.insert(clause) {
            diagnostics.push(Diagnostic::error(
                file,
                at,
                format!("two elements come from clause `{clause}`: make them one, or give one another clause"),
            ));
        }
        if e.clause.get_ref().ends_with(".*") {
            diagnostics.push(Diagnostic::error(file, at, "an element's `clause` is one clause; put `x.*` in `also`"));
        }
        let mut ids = clauses_of(&e.clause, diagnostics);
        for also in &e.also {
            ids.extend(clauses_of(also, diagnostics));
        }
        on_element.extend(ids);
        if e.what.get_ref().trim().is_empty() {
            diagnostics.push(Diagnostic::error(
                file,
                e.what.span().start,
                format!("element `{clause}`: say what it asks in `what`"),
            ));
        }
        let mut encoded = false;
        for (kind, id) in e.encoders() {
            encoded = true;
            if encoders.has(kind, id.get_ref()) {
                named.entry(kind).or_default().insert(id.get_ref());
            } else {
                diagnostics.push(Diagnostic::error(
                    file,
                    id.span().start,
                    format!("element `{clause}` names {} `{}`, which does not exist", kind_name(kind), id.get_ref()),
                ));
            }
        }
        match (&e.none, encoded) {
            (None, false) => diagnostics.push(Diagnostic::error(
                file,
                element.span().start,
                format!(
                    "element `{clause}` is unexplained: name what encodes it (rules, asks, forms, quiz, duties, pages), or say why nothing does with `none`"
                ),
            )),
            (Some(reason), true) => diagnostics.push(Diagnostic::error(
                file,
                reason.span().start,
                format!("element `{clause}` is encoded, so it cannot also be `none`: use `note` for what is left out"),
            )),
            (Some(reason), false) if reason.get_ref().trim().is_empty() => diagnostics.push(Diagnostic::error(
                file,
                reason.span().start,
                format!("element `{clause}`: `none` needs the reason"),
            )),
            _ => {}
        }
    }

    for entry in &coverage.not_actionable {
        let n = entry.get_ref();
        if n.reason.get_ref().trim().is_empty() {
            diagnostics.push(Diagnostic::error(file, n.reason.span().start, "not_actionable needs its reason"));
        } else if n.reason.get_ref().starts_with(UNREVIEWED) {
            diagnostics.push(Diagnostic::warning(
                file,
                n.reason.span().start,
                format!(
                    "{} clauses are not yet read: put each that asks something on an element, and give the rest their reason",
                    n.clauses.len()
                ),
            ));
        }
        for pattern in &n.clauses {
            for id in clauses_of(pattern, diagnostics) {
                not_actionable.insert(id, pattern.span().start);
                if on_element.contains(id) {
                    diagnostics.push(Diagnostic::error(
                        file,
                        pattern.span().start,
                        format!("clause `{id}` is on an element and listed as not actionable: it is one or the other"),
                    ));
                }
            }
        }
    }

    // Whatever encodes a clause makes it actionable.
    let citing = policy
        .rules
        .iter()
        .map(|r| (r.get_ref().clause.get_ref().as_str(), "rule", r.get_ref().id.get_ref().as_str()))
        .chain(
            policy
                .asks
                .iter()
                .map(|a| (a.get_ref().clause.get_ref().as_str(), "ask", a.get_ref().id.get_ref().as_str())),
        )
        .chain(
            policy
                .duties
                .iter()
                .map(|d| (d.get_ref().clause.get_ref().as_str(), "duty", d.get_ref().id.get_ref().as_str())),
        );
    for (clause, kind, id) in citing {
        if let Some(&at) = not_actionable.get(clause) {
            diagnostics.push(Diagnostic::error(
                file,
                at,
                format!("clause `{clause}` is listed as not actionable, but {kind} `{id}` encodes it"),
            ));
        }
    }

    for clause in &policy.document.clauses {
        if matches!(clause.kind, ClauseKind::Heading(_)) {
            continue;
        }
        if !on_element.contains(clause.id.as_str()) && !not_actionable.contains_key(clause.id.as_str()) {
            diagnostics.push(Diagnostic::error(
                &policy.document_file,
                clause.id_at,
                format!(
                    "clause `{}` is not on the coverage map: add it to an element of {COVERAGE_FILE} with what encodes it, or list it under not_actionable with the reason",
                    clause.id
                ),
            ));
        }
    }

    for kind in [Encoder::Rule, Encoder::Ask, Encoder::Form, Encoder::Duty] {
        for id in encoders.ids.get(&kind).into_iter().flatten() {
            if !named.get(&kind).is_some_and(|n| n.contains(id.as_str())) {
                diagnostics.push(Diagnostic::error(
                    file,
                    0,
                    format!(
                        "{} `{id}` is on no element of the coverage map: add it to the element it encodes",
                        kind_name(kind)
                    ),
                ));
            }
        }
    }
}

fn kind_name(kind: Encoder) -> &'static str {
    match kind {
        Encoder::Rule => "rule",
        Encoder::Ask => "ask",
        Encoder::Form => "form",
        Encoder::Quiz => "quiz concept",
        Encoder::Duty => "duty",
        Encoder::Page => "page",
    }
}
