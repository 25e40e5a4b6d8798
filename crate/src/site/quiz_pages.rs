//! The school's quizzes on the site (part of step 3 of the build): the quizzes compiled from
//! `policies/_shared/quizzes/` and `policies/<id>/quizzes/` against the policy, written as
//! `quizzes.json` for the browser; a page per quiz (each band of a banded one),
//! `quiz-<quiz-id>.html`; and the list that `quiz.html` ("Practise staying safe") shows.
//!
//! The pages are flat in the school's folder, beside `quiz.html`. Every quiz page is complete
//! HTML: without JavaScript it lists the questions to read and talk about; with it, `quiz.js`
//! runs the quiz one question at a time in WebAssembly.

use super::BuildError;
use super::csp::Csp;
use super::render::{Frame, Renderer, nav_links};
use super::templates::SchoolInfo;
use crate::policy::Policy;
use crate::policy::diagnostic::Diagnostics;
use crate::quiz::QUIZZES_JSON;
use crate::quiz::load::{load_school, load_shared, shared_dir};
use crate::quiz::model::{Audience, Band, Quiz, QuizSet};
use serde::Serialize;
use std::collections::BTreeMap;

/// The page that lists the quizzes; quiz pages show in the navigation as part of it.
const QUIZ_LIST_PAGE: &str = "quiz.html";

/// What `quiz.html` shows: the quizzes, grouped by who they are for.
#[derive(Clone, Debug, Default, Serialize)]
pub(super) struct QuizIndex {
    /// Pupils, staff, parents: the groups that have quizzes.
    groups: Vec<QuizGroup>,
}

/// The quizzes for one audience.
#[derive(Clone, Debug, Serialize)]
struct QuizGroup {
    /// "For pupils", "For staff", "For parents and carers".
    heading: String,
    quizzes: Vec<QuizListing>,
}

/// One quiz in the list.
#[derive(Clone, Debug, Serialize)]
struct QuizListing {
    href: String,
    title: String,
    /// "Ages 7 to 11", for a banded quiz.
    ages: Option<String>,
    intro: String,
    questions: usize,
}

/// The school's compiled quizzes; an error when a quiz file has one (`postwise lint` says the
/// same).
pub(super) fn compile(policy: &Policy) -> Result<QuizSet, BuildError> {
    let mut diagnostics = Diagnostics::default();
    let shared = load_shared(&shared_dir(&policy.dir), &mut diagnostics);
    let set = load_school(policy, &shared, &mut diagnostics);
    if diagnostics.has_errors() {
        return Err(BuildError::Policy { dir: policy.dir.clone(), diagnostics: diagnostics.into_sorted() });
    }
    Ok(set)
}

fn ages(band: Band) -> String {
    format!("Ages {} to {}", band.youngest, band.oldest)
}

fn page_file(quiz: &Quiz) -> String {
    format!("quiz-{}.html", quiz.id)
}

/// A quiz's heading: its title, and the ages for a banded quiz.
fn heading(quiz: &Quiz) -> String {
    match quiz.band {
        Some(band) => format!("{}: ages {} to {}", quiz.title, band.youngest, band.oldest),
        None => quiz.title.clone(),
    }
}

/// The list `quiz.html` shows, with `pupils` the school's word for its children.
pub(super) fn index(set: &QuizSet, pupils: &str) -> QuizIndex {
    let groups = [
        (Audience::Pupils, format!("For {pupils}")),
        (Audience::Staff, "For staff".to_owned()),
        (Audience::Parents, "For parents and carers".to_owned()),
    ];
    QuizIndex {
        groups: groups
            .into_iter()
            .map(|(audience, heading)| QuizGroup {
                heading,
                quizzes: set
                    .quizzes
                    .iter()
                    .filter(|q| q.audience == audience)
                    .map(|quiz| QuizListing {
                        href: page_file(quiz),
                        title: quiz.title.clone(),
                        ages: quiz.band.map(ages),
                        intro: quiz.intro.clone(),
                        questions: quiz.questions.len(),
                    })
                    .collect(),
            })
            .filter(|group| !group.quizzes.is_empty())
            .collect(),
    }
}

/// What a quiz's page shows.
#[derive(Serialize)]
struct QuizPageData<'a> {
    heading: String,
    quiz: &'a Quiz,
    /// Who it is for, as a sentence.
    audience: String,
    /// The compiled quizzes for `quiz.js`, beside the page.
    quizzes_json: &'static str,
    /// The clauses the questions cite, to quote under each.
    clauses: &'a BTreeMap<String, crate::bundle::ClauseQuote>,
    list_href: &'static str,
}

fn audience(quiz: &Quiz, pupils: &str) -> String {
    match (quiz.audience, quiz.band) {
        (Audience::Pupils, Some(band)) => format!("For {pupils} aged {} to {}.", band.youngest, band.oldest),
        (Audience::Pupils, None) => format!("For {pupils}."),
        (Audience::Staff, _) => "For staff, governors and volunteers.".to_owned(),
        (Audience::Parents, _) => "For parents and carers.".to_owned(),
    }
}

/// Renders each quiz's page, and `quizzes.json`, into `files`.
pub(super) fn render(
    renderer: &Renderer,
    policy: &Policy,
    school: &SchoolInfo,
    set: &QuizSet,
    files: &mut super::SiteFiles,
) -> Result<(), BuildError> {
    let id = &policy.id;
    // The quizzes run in WebAssembly; without the package the pages list the questions only.
    let csp = if renderer.assets.contains("postwise_quiz.js") { Csp::CHECKER } else { Csp::STATIC };
    for quiz in &set.quizzes {
        let heading = heading(quiz);
        let frame = Frame {
            template: "quiz-page.html",
            root: "../",
            title: format!("{heading} – {} – Postwise", policy.school.name),
            csp,
            school: Some(school.clone()),
            nav: nav_links(policy, &renderer.templates, QUIZ_LIST_PAGE),
        };
        let data = QuizPageData {
            heading,
            quiz,
            audience: audience(quiz, school.pupils),
            quizzes_json: QUIZZES_JSON,
            clauses: &set.clauses,
            list_href: QUIZ_LIST_PAGE,
        };
        files.insert(format!("{id}/{}", page_file(quiz)), renderer.page(frame, data)?);
    }
    let mut json = serde_json::to_vec(set).map_err(|source| BuildError::Bundle { school: id.clone(), source })?;
    json.push(b'\n');
    files.insert(format!("{id}/{QUIZZES_JSON}"), json);
    Ok(())
}
