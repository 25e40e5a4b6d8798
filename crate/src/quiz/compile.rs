//! A quiz file made into the quizzes one school runs: one per age band, with only the
//! questions the school's policy supports, each citing the school's clause; and the answer key
//! of every "would you post this?" question checked against the school's own checker.

use super::check::asked_in;
use super::model::{Audience, Band, Choice, Concept, Kind, POST_CHOICES, Question, Quiz, Scenario, TRUE_FALSE_CHOICES};
use super::source::{QuestionSource, QuizSource};
use crate::check::Checker;
use crate::model::{Channel, Context};
use crate::policy::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use std::collections::{BTreeMap, BTreeSet};

/// The prompt of a "would you post this?" question that does not write its own.
pub const POST_PROMPT: &str = "Would you post this?";

/// Written in a draft, the school's name: a shared quiz's scenarios can name each school.
pub const SCHOOL_PLACEHOLDER: &str = "{school}";

/// How one school uses a quiz file.
#[derive(Clone, Debug)]
pub struct Adaptation<'a> {
    /// The quiz's id at the school (its file name there, without `.toml`).
    pub id: &'a str,
    /// The bands offered (`[None]` for an unbanded quiz).
    pub bands: Vec<Option<Band>>,
    /// Concept id → the school's clause id.
    pub clauses: BTreeMap<String, String>,
    /// Concepts left out, with their questions.
    pub skip: BTreeSet<String>,
    /// What `{school}` in a draft becomes: the first name people use for the school.
    pub school_name: String,
}

/// The quiz id for one band: `be-smart-online-7-11`, or the plain id without a band.
pub fn instance_id(id: &str, band: Option<Band>) -> String {
    match band {
        Some(band) => format!("{id}-{band}"),
        None => id.to_owned(),
    }
}

/// The quizzes `source` makes for a school, one per band in `adaptation.bands`.
pub fn instances(source: &QuizSource, adaptation: &Adaptation<'_>) -> Vec<Quiz> {
    adaptation.bands.iter().map(|&band| instance(source, adaptation, band)).collect()
}

fn instance(source: &QuizSource, adaptation: &Adaptation<'_>, band: Option<Band>) -> Quiz {
    let audience = *source.audience.get_ref();
    let offered = |concept: &str| !adaptation.skip.contains(concept) && adaptation.clauses.contains_key(concept);
    let questions: Vec<Question> = source
        .questions
        .iter()
        .map(|q| q.get_ref())
        .filter(|q| asked_in(q, band) && offered(q.concept.get_ref()))
        .map(|q| question(q, audience, band, adaptation))
        .collect();
    // Only the concepts this band asks about: they are what it has to remember.
    let concepts = source
        .concepts
        .iter()
        .map(|c| c.get_ref())
        .filter(|c| questions.iter().any(|q| &q.concept == c.id.get_ref()))
        .map(|c| Concept {
            id: c.id.get_ref().clone(),
            name: c.name.get_ref().trim().to_owned(),
            remember: c.remember.get_ref().trim().to_owned(),
            clause: adaptation.clauses.get(c.id.get_ref()).cloned().unwrap_or_default(),
        })
        .collect();
    Quiz {
        id: instance_id(adaptation.id, band),
        source: adaptation.id.to_owned(),
        title: source.title.get_ref().trim().to_owned(),
        audience,
        band,
        version: *source.version.get_ref(),
        intro: source.intro.get_ref().trim().to_owned(),
        concepts,
        questions,
    }
}

fn question(q: &QuestionSource, audience: Audience, band: Option<Band>, adaptation: &Adaptation<'_>) -> Question {
    let kind = *q.kind.get_ref();
    let fixed = |texts: [&str; 2], first_right: bool| -> Vec<Choice> {
        texts
            .iter()
            .enumerate()
            .map(|(i, text)| Choice { text: (*text).to_owned(), correct: (i == 0) == first_right, feedback: None })
            .collect()
    };
    let expected_safe = q.safe_to_post.as_ref().is_some_and(|s| *s.get_ref());
    let choices = match kind {
        Kind::Single | Kind::Multiple => q
            .choices
            .iter()
            .map(|c| {
                let c = c.get_ref();
                Choice {
                    text: c.text.get_ref().trim().to_owned(),
                    correct: c.correct,
                    feedback: c.feedback.as_ref().map(|f| f.get_ref().trim().to_owned()),
                }
            })
            .collect(),
        Kind::TrueFalse => fixed(TRUE_FALSE_CHOICES, q.answer.as_ref().is_some_and(|a| *a.get_ref())),
        Kind::Post => fixed(POST_CHOICES, expected_safe),
    };
    let scenario = (kind == Kind::Post).then(|| Scenario {
        draft: q
            .draft
            .as_ref()
            .map(|d| d.get_ref().replace(SCHOOL_PLACEHOLDER, &adaptation.school_name))
            .unwrap_or_default(),
        context: Context {
            author: audience.author(),
            channel: q.channel.unwrap_or(Channel::Personal),
            age: q.age.or_else(|| (audience == Audience::Pupils).then(|| band.map(|b| b.youngest)).flatten()),
            media: q.media.clone(),
        },
        expected_safe,
    });
    let prompt = q.prompt.as_ref().map(|p| p.get_ref().trim().to_owned());
    Question {
        id: q.id.get_ref().clone(),
        concept: q.concept.get_ref().clone(),
        clause: adaptation.clauses.get(q.concept.get_ref()).cloned().unwrap_or_default(),
        prompt: prompt.unwrap_or_else(|| POST_PROMPT.to_owned()),
        kind,
        choices,
        explain: q.explain.get_ref().trim().to_owned(),
        action: q.action.as_ref().map(|a| a.get_ref().trim().to_owned()),
        scenario,
    }
}

/// Checks every "would you post this?" question of `quiz` against the school's `checker`: the
/// checker must find something in the draft exactly when the author wrote
/// `safe_to_post = false`, and must find each category in `finds`. Problems point into
/// `file`, the quiz file that wrote the question, and name the school.
pub fn check_post_keys(
    school: &str,
    checker: &Checker,
    file: &SourceFile,
    source: &QuizSource,
    quiz: &Quiz,
    diagnostics: &mut Diagnostics,
) {
    for question in &quiz.questions {
        let Some(scenario) = &question.scenario else { continue };
        let Some(written) = source.questions.iter().map(|q| q.get_ref()).find(|q| q.id.get_ref() == &question.id)
        else {
            continue;
        };
        let at = written.draft.as_ref().map_or(0, |d| d.span().start);
        let findings = checker.check(&scenario.draft, &scenario.context);
        let found: Vec<String> = findings
            .iter()
            .map(|f| {
                let words = scenario.draft.get(f.start..f.end).unwrap_or_default();
                if words.is_empty() { f.category.to_string() } else { format!("{} (\"{words}\")", f.category) }
            })
            .collect();
        let band = quiz.band.map(|b| format!(" for ages {b}")).unwrap_or_default();
        if super::model::safe_to_post(&findings) != scenario.expected_safe {
            let message = if scenario.expected_safe {
                format!(
                    "for {school}: the checker finds {} in the draft of question `{}`{band}, but the question says safe_to_post = true",
                    found.join(", "),
                    question.id
                )
            } else {
                format!(
                    "for {school}: the checker finds nothing in the draft of question `{}`{band}, but the question says safe_to_post = false: \
                     reword the draft so the school's rules catch it, or leave its concept out for {school}",
                    question.id
                )
            };
            diagnostics.push(Diagnostic::error(file, at, message));
        }
        for category in &written.finds {
            if !findings.iter().any(|f| f.category == *category.get_ref()) {
                let also = if found.is_empty() { "nothing".to_owned() } else { found.join(", ") };
                diagnostics.push(Diagnostic::error(
                    file,
                    category.span().start,
                    format!(
                        "for {school}: the checker does not find {} in the draft of question `{}`{band} (it finds {also})",
                        category.get_ref(),
                        question.id
                    ),
                ));
            }
        }
    }
}
