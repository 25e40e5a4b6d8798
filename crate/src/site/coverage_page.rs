//! What "How this policy is covered" shows: every element of the coverage map
//! (`coverage.toml`) under the policy's own section headings, each with its clause quoted and
//! linked and what encodes it, linked to where it is (a rule, a question the check page asks, a
//! form, a quiz, a duty, a page); and the clauses that ask nothing, with why. The rules page
//! shows the asking rules and the elements that are not about posts from the same data.

use super::words;
use crate::model::Author;
use crate::policy::Policy;
use crate::policy::coverage::{self, CoverageSource, ElementSource, Encoder};
use crate::policy::diagnostic::Diagnostics;
use crate::quiz::QuizSet;
use serde::Serialize;

/// The coverage map as the page shows it.
#[derive(Clone, Debug, Default, Serialize)]
pub(super) struct CoverageView {
    /// The policy's sections, in order, with their elements and clauses that ask nothing.
    sections: Vec<SectionView>,
    /// How many elements, how many encoded each way, how many with nothing to encode.
    counts: Counts,
    /// The asking rules, grouped by who they are asked of, for the rules page.
    pub(super) ask_groups: Vec<AskGroup>,
    /// The elements no detecting or asking rule encodes, for the rules page's "Not about posts".
    pub(super) not_about_posts: Vec<ElementView>,
    /// How many clauses ask nothing of anyone.
    pub(super) not_actionable: usize,
}

#[derive(Clone, Debug, Default, Serialize)]
struct Counts {
    elements: usize,
    by_rules: usize,
    by_asks: usize,
    by_forms: usize,
    by_quizzes: usize,
    by_duties: usize,
    by_pages: usize,
    nothing_to_encode: usize,
}

#[derive(Clone, Debug, Serialize)]
struct SectionView {
    /// The heading's clause id, its anchor in the policy.
    id: String,
    /// The heading's text.
    heading: String,
    elements: Vec<ElementView>,
    not_actionable: Vec<NotActionableView>,
}

/// One element of the map.
#[derive(Clone, Debug, Serialize)]
pub(super) struct ElementView {
    /// Its anchor on the coverage page.
    anchor: String,
    /// The clauses it comes from: ids, and `x.*` shown as "x and what is under it".
    clauses: Vec<ClauseLink>,
    /// The main clause's text.
    quote: String,
    what: String,
    /// What encodes it, each linked.
    encoded_by: Vec<EncoderLink>,
    /// Why nothing encodes it.
    none: Option<String>,
    note: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
struct ClauseLink {
    /// The clause id, the anchor on the policy page.
    id: String,
    /// "3.2", or "the 6 items of 3.2" for a pattern.
    label: String,
}

#[derive(Clone, Debug, Serialize)]
struct EncoderLink {
    /// "Rule", "Question before posting", "Form", "Quiz", "Duty", "Page".
    kind: &'static str,
    /// The contract key, for styling only.
    key: &'static str,
    label: String,
    href: String,
}

#[derive(Clone, Debug, Serialize)]
struct NotActionableView {
    clauses: Vec<ClauseLink>,
    reason: String,
}

/// The asking rules for one group of people.
#[derive(Clone, Debug, Serialize)]
pub(super) struct AskGroup {
    /// The anchor of the group's heading.
    id: &'static str,
    heading: String,
    asks: Vec<AskView>,
}

#[derive(Clone, Debug, Serialize)]
struct AskView {
    /// The element id: `ask-` and the group, then the ask's id.
    anchor: String,
    question: String,
    hint: Option<String>,
    severity: &'static str,
    severity_key: &'static str,
    channels: Vec<&'static str>,
    clause: ClauseLink,
    clause_text: String,
}

/// The anchor of an ask on the rules page, for the first group it is in.
fn ask_anchor(group: &str, id: &str) -> String {
    format!("ask-{group}--{id}")
}

fn group_of(author: Author) -> &'static str {
    match author {
        Author::Staff => "staff",
        Author::Pupil => "pupils",
        Author::Parent => "parents",
    }
}

fn clause_link(policy: &Policy, pattern: &str) -> ClauseLink {
    match pattern.strip_suffix(".*") {
        Some(parent) => {
            let items = coverage::expand(policy, pattern).len();
            ClauseLink {
                id: parent.to_owned(),
                label: format!("the {items} item{} of {parent}", if items == 1 { "" } else { "s" }),
            }
        }
        None => ClauseLink { id: pattern.to_owned(), label: pattern.to_owned() },
    }
}

/// Where each encoder lives on the site, and its label.
fn encoder_link(policy: &Policy, quizzes: &QuizSet, kind: Encoder, id: &str) -> EncoderLink {
    let (label, href) = match kind {
        Encoder::Rule => {
            let rule = policy.rules.iter().map(|r| r.get_ref()).find(|r| r.id.get_ref() == id);
            let group = rule.and_then(|r| r.authors.get_ref().first().copied()).map_or("staff", group_of);
            let title = rule.map_or("Rule", |r| words::category(r.category));
            (format!("{title} ({id})"), format!("rules.html#{group}--{id}"))
        }
        Encoder::Ask => {
            let ask = policy.asks.iter().map(|a| a.get_ref()).find(|a| a.id.get_ref() == id);
            let group = ask.and_then(|a| a.authors.get_ref().first().copied()).map_or("staff", group_of);
            (
                ask.map_or_else(|| id.to_owned(), |a| a.question.get_ref().clone()),
                format!("rules.html#{}", ask_anchor(group, id)),
            )
        }
        Encoder::Form => {
            let title = crate::form::compile::form_files(&policy.dir)
                .ok()
                .and_then(|files| files.into_iter().find(|f| f.file_stem().is_some_and(|s| s == id)))
                .and_then(|path| std::fs::read_to_string(path).ok())
                .and_then(|text| text.parse::<toml::Table>().ok())
                .and_then(|table| table.get("title")?.as_str().map(str::to_owned))
                .unwrap_or_else(|| id.to_owned());
            (title, format!("form-{id}.html"))
        }
        Encoder::Quiz => {
            let (quiz_id, concept_id) = id.split_once('/').unwrap_or((id, ""));
            let found = quizzes.quizzes.iter().find_map(|quiz| {
                let concept = quiz.concepts.iter().find(|c| c.id == concept_id)?;
                (quiz.source == quiz_id)
                    .then(|| (format!("{}: {}", quiz.title, concept.name), format!("quiz-{}.html", quiz.id)))
            });
            found.unwrap_or_else(|| (id.to_owned(), "quiz.html".to_owned()))
        }
        Encoder::Duty => {
            let what = policy.duties.iter().map(|d| d.get_ref()).find(|d| d.id.get_ref() == id);
            (what.map_or_else(|| id.to_owned(), |d| d.what.get_ref().clone()), format!("school-duties.html#duty-{id}"))
        }
        Encoder::Page => {
            let file = coverage::PAGES.iter().find(|(page, _)| *page == id).map_or("index.html", |(_, file)| file);
            let title = super::pages::SCHOOL_PAGES
                .iter()
                .chain(super::pages::LINKED_PAGES)
                .find(|p| p.file == file)
                .map_or("The policy", |p| p.title);
            (title.to_owned(), file.to_owned())
        }
    };
    let (kind_label, key) = match kind {
        Encoder::Rule => ("The checker finds it", "rule"),
        Encoder::Ask => ("Asked before posting", "ask"),
        Encoder::Form => ("Form", "form"),
        Encoder::Quiz => ("Quiz", "quiz"),
        Encoder::Duty => ("Duty", "duty"),
        Encoder::Page => ("Page", "page"),
    };
    EncoderLink { kind: kind_label, key, label, href }
}

fn element_view(policy: &Policy, quizzes: &QuizSet, element: &ElementSource) -> ElementView {
    let main = element.clause.get_ref();
    let clauses = std::iter::once(main.as_str())
        .chain(element.also.iter().map(|a| a.get_ref().as_str()))
        .map(|pattern| clause_link(policy, pattern))
        .collect();
    ElementView {
        anchor: format!("element-{main}"),
        clauses,
        quote: policy.document.clause(main).map(|c| c.text.clone()).unwrap_or_default(),
        what: element.what.get_ref().clone(),
        encoded_by: element.encoders().map(|(kind, id)| encoder_link(policy, quizzes, kind, id.get_ref())).collect(),
        none: element.none.as_ref().map(|n| n.get_ref().clone()),
        note: element.note.clone(),
    }
}

/// The section heading a clause sits under: its level-2 heading, for grouping.
fn top_section<'a>(policy: &'a Policy, id: &str) -> Option<&'a crate::policy::document::Clause> {
    let index = policy.document.clauses.iter().position(|c| c.id == id)?;
    policy.document.clauses[..=index]
        .iter()
        .rev()
        .find(|c| matches!(c.kind, crate::policy::document::ClauseKind::Heading(level) if level <= 2))
}

/// The map for `policy`; empty when its `coverage.toml` is missing or broken (lint says so).
pub(super) fn view(policy: &Policy, quizzes: &QuizSet) -> CoverageView {
    let Some(map) = policy.coverage(&mut Diagnostics::default()) else { return CoverageView::default() };
    build(policy, quizzes, &map)
}

fn build(policy: &Policy, quizzes: &QuizSet, map: &CoverageSource) -> CoverageView {
    let mut sections: Vec<SectionView> = Vec::new();
    let mut counts = Counts::default();
    let mut not_about_posts = Vec::new();
    for element in &map.element {
        let e = element.get_ref();
        let view = element_view(policy, quizzes, e);
        counts.elements += 1;
        let has = |ids: &[toml::Spanned<String>]| usize::from(!ids.is_empty());
        counts.by_rules += has(&e.rules);
        counts.by_asks += has(&e.asks);
        counts.by_forms += has(&e.forms);
        counts.by_quizzes += has(&e.quiz);
        counts.by_duties += has(&e.duties);
        counts.by_pages += has(&e.pages);
        counts.nothing_to_encode += usize::from(e.none.is_some());
        if e.rules.is_empty() && e.asks.is_empty() {
            not_about_posts.push(view.clone());
        }
        let index = section_for(&mut sections, policy, e.clause.get_ref());
        sections[index].elements.push(view);
    }
    let mut not_actionable = 0;
    for entry in &map.not_actionable {
        let n = entry.get_ref();
        not_actionable += n.clauses.iter().map(|c| coverage::expand(policy, c.get_ref()).len()).sum::<usize>();
        let Some(first) = n.clauses.first() else { continue };
        let index = section_for(&mut sections, policy, first.get_ref().trim_end_matches(".*"));
        sections[index].not_actionable.push(NotActionableView {
            clauses: n.clauses.iter().map(|c| clause_link(policy, c.get_ref())).collect(),
            reason: n.reason.get_ref().clone(),
        });
    }
    // In the policy's order.
    let order = |id: &str| policy.document.clauses.iter().position(|c| c.id == id).unwrap_or(usize::MAX);
    sections.sort_by_key(|s| order(&s.id));
    CoverageView { sections, counts, ask_groups: ask_groups(policy), not_about_posts, not_actionable }
}

/// The index in `sections` of the section clause `id` is in, added when new.
fn section_for(sections: &mut Vec<SectionView>, policy: &Policy, id: &str) -> usize {
    let (key, heading) =
        top_section(policy, id).map_or((String::new(), String::new()), |h| (h.id.clone(), h.text.clone()));
    match sections.iter().position(|s| s.id == key) {
        Some(index) => index,
        None => {
            sections.push(SectionView { id: key, heading, elements: Vec::new(), not_actionable: Vec::new() });
            sections.len() - 1
        }
    }
}

fn ask_groups(policy: &Policy) -> Vec<AskGroup> {
    let pupils = words::pupils(policy.school.pupils_called);
    [
        (Author::Staff, "For staff".to_owned()),
        (Author::Pupil, format!("For {pupils}")),
        (Author::Parent, "For parents and carers".to_owned()),
    ]
    .into_iter()
    .map(|(author, heading)| {
        let group = group_of(author);
        let asks = policy
            .asks
            .iter()
            .map(|a| a.get_ref())
            .filter(|a| a.authors.get_ref().contains(&author))
            .map(|a| {
                let (severity, _) = words::severity(a.severity);
                let clause = a.clause.get_ref();
                AskView {
                    anchor: ask_anchor(group, a.id.get_ref()),
                    question: a.question.get_ref().clone(),
                    hint: a.hint.as_ref().map(|h| h.get_ref().clone()),
                    severity,
                    severity_key: a.severity.as_str(),
                    channels: a.channels.get_ref().iter().map(|c| words::channel(*c)).collect(),
                    clause: clause_link(policy, clause),
                    clause_text: policy.document.clause(clause).map(|c| c.text.clone()).unwrap_or_default(),
                }
            })
            .collect();
        AskGroup { id: group, heading, asks }
    })
    .filter(|group| !group.asks.is_empty())
    .collect()
}
