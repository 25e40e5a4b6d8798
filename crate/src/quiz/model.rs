//! A quiz as the browser runs it: what `postwise build` writes into each school's
//! `quizzes.json`, with every citation already resolved to one of the school's clauses.

use crate::bundle::ClauseQuote;
use crate::model::Context;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Every quiz one school offers (`quizzes.json`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuizSet {
    /// The school's id.
    pub school: String,
    /// Its quizzes, each age band of a banded quiz being a quiz of its own.
    pub quizzes: Vec<Quiz>,
    /// The clauses the questions cite, by id, for quoting in the feedback.
    pub clauses: BTreeMap<String, ClauseQuote>,
}

/// Who a quiz is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    /// Children at the school.
    Pupils,
    /// Anyone working for the school.
    Staff,
    /// Parents and carers.
    Parents,
}

impl Audience {
    /// The checker's author for a "would you post this?" scenario in a quiz for this audience.
    pub fn author(self) -> crate::model::Author {
        match self {
            Audience::Pupils => crate::model::Author::Pupil,
            Audience::Staff => crate::model::Author::Staff,
            Audience::Parents => crate::model::Author::Parent,
        }
    }
}

/// An age band of a pupils' quiz, youngest and oldest age in years: `7-11`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Band {
    /// The youngest age.
    pub youngest: u32,
    /// The oldest age.
    pub oldest: u32,
}

impl Band {
    /// `"7-11"` as a band; `None` unless it is two ages, the first below the second.
    pub fn parse(text: &str) -> Option<Band> {
        let (youngest, oldest) = text.split_once('-')?;
        let band = Band { youngest: youngest.trim().parse().ok()?, oldest: oldest.trim().parse().ok()? };
        (band.youngest < band.oldest && band.oldest <= 19).then_some(band)
    }

    /// Whether the band is for children of primary school age (the oldest 11 or younger): its
    /// quiz page speaks to the child first (big answers, a child's words, the policy's clause
    /// for grown-ups), and lint holds its words to the band's reading age.
    pub fn for_children(self) -> bool {
        self.oldest <= 11
    }

    /// The highest Flesch–Kincaid grade a text for this band should read at: a US grade is
    /// roughly the age in years minus 5 at its start (grade 1 for 6-year-olds), so the text
    /// should be readable by the band's oldest children, a year younger than that age.
    pub fn max_grade(self) -> f64 {
        f64::from(self.oldest) - 5.0
    }
}

impl fmt::Display for Band {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.youngest, self.oldest)
    }
}

/// One quiz, ready to run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quiz {
    /// Its id within the school: the quiz file's id, and the band for a banded quiz
    /// (`be-smart-online-7-11`).
    pub id: String,
    /// The quiz file's id (`be-smart-online`).
    pub source: String,
    /// Its title.
    pub title: String,
    /// Who it is for.
    pub audience: Audience,
    /// The age band, for a banded pupils' quiz.
    pub band: Option<Band>,
    /// Its version, raised by the author whenever questions or answers change; part of every
    /// certificate's code, so a certificate is checked against the quiz it was made with.
    pub version: u32,
    /// What the quiz is about, shown before the first question.
    pub intro: String,
    /// The ideas it teaches, in the order written, each with the school's clause.
    pub concepts: Vec<Concept>,
    /// The questions, in the order written (the page shows them in a seeded order).
    pub questions: Vec<Question>,
}

/// An idea a quiz teaches, such as SMART's "Meeting".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Concept {
    /// Its id in the quiz file.
    pub id: String,
    /// Its short name: "Meeting".
    pub name: String,
    /// One sentence to remember, for the summary at the end.
    pub remember: String,
    /// The school's clause that says it.
    pub clause: String,
}

/// What kind of question it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Pick one answer.
    Single,
    /// Pick every right answer.
    Multiple,
    /// True or false (choices "True", "False").
    TrueFalse,
    /// "Would you post this?" (choices "Yes", "No"), whose answer key is the school's checker.
    Post,
}

impl Kind {
    /// The kind written `name` in a quiz file and `quizzes.json` (`true-false`).
    pub fn from_name(name: &str) -> Option<Kind> {
        match name {
            "single" => Some(Kind::Single),
            "multiple" => Some(Kind::Multiple),
            "true-false" => Some(Kind::TrueFalse),
            "post" => Some(Kind::Post),
            _ => None,
        }
    }

    /// Whether the page may show its choices in a shuffled order: true/false and yes/no stay
    /// in their usual order.
    pub fn shuffles_choices(self) -> bool {
        matches!(self, Kind::Single | Kind::Multiple)
    }

    /// Whether exactly one choice is picked.
    pub fn picks_one(self) -> bool {
        !matches!(self, Kind::Multiple)
    }
}

/// The choices of a "would you post this?" question: post it, or not.
pub const POST_CHOICES: [&str; 2] = ["Yes, I would post it", "No, I would not post it"];

/// The choices of a true/false question.
pub const TRUE_FALSE_CHOICES: [&str; 2] = ["True", "False"];

/// One question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// Its id, unique in the quiz.
    pub id: String,
    /// The concept it teaches.
    pub concept: String,
    /// The school's clause it cites (its concept's).
    pub clause: String,
    /// What it asks.
    pub prompt: String,
    /// Its kind.
    pub kind: Kind,
    /// Its choices in the order written; for true/false and "would you post this?" the two
    /// fixed choices.
    pub choices: Vec<Choice>,
    /// Why the right answer is right, shown after every answer.
    pub explain: String,
    /// What to change on one's own accounts when the answer was not the safe one (the staff
    /// self-check's checklist).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// The draft and its context, for a "would you post this?" question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<Scenario>,
}

/// One choice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// What it says.
    pub text: String,
    /// Whether it is (one of) the right answer(s).
    pub correct: bool,
    /// Said when this choice is picked, before the question's explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
}

/// A "would you post this?" draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scenario {
    /// The draft post.
    pub draft: String,
    /// Who posts it, where, at what age, with what media.
    pub context: Context,
    /// The answer the quiz's author wrote: `postwise lint` checks that the school's checker
    /// agrees. The page marks answers with the checker's own verdict
    /// ([`QuizKey::apply_post_keys`](super::key::QuizKey::apply_post_keys)).
    pub expected_safe: bool,
}

/// A problem with answers given to a quiz.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    /// More answers than questions.
    #[error("{answers} answers for a quiz of {questions} questions")]
    TooManyAnswers {
        /// Answers given.
        answers: usize,
        /// Questions in the quiz.
        questions: usize,
    },
    /// A choice number past the question's choices.
    #[error("question `{question}` has no choice {choice}")]
    UnknownChoice {
        /// The question.
        question: String,
        /// The choice number given.
        choice: usize,
    },
    /// Nothing, or more than one choice for a one-answer question.
    #[error("question `{0}` takes exactly one answer")]
    NotOne(String),
    /// No choice picked for a many-answer question.
    #[error("question `{0}` needs at least one answer")]
    Empty(String),
    /// A "would you post this?" question without the checker's verdict.
    #[error("no checker verdict for the \"would you post this?\" question `{0}`")]
    MissingPostKey(String),
}

/// The answer key of a "would you post this?" question, from what the checker found in its
/// draft: safe to post only when the checker finds nothing, whatever the finding's severity
/// (the policies' own rule: "If in doubt, don't post").
pub fn safe_to_post(findings: &[crate::model::Finding]) -> bool {
    findings.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_are_two_ages_in_order() {
        assert_eq!(Band::parse("7-11"), Some(Band { youngest: 7, oldest: 11 }));
        assert_eq!(Band::parse("11-7"), None);
        assert_eq!(Band::parse("7"), None);
        assert_eq!(Band::parse("seven-11"), None);
        assert_eq!(Band { youngest: 5, oldest: 7 }.to_string(), "5-7");
        assert_eq!(Band { youngest: 5, oldest: 7 }.max_grade(), 2.0);
    }

    #[test]
    fn kinds_read_by_the_names_serde_writes() {
        for kind in [Kind::Single, Kind::Multiple, Kind::TrueFalse, Kind::Post] {
            let name = serde_json::to_value(kind).expect("serialises");
            assert_eq!(Kind::from_name(name.as_str().expect("a string")), Some(kind));
        }
        assert_eq!(Kind::from_name("essay"), None);
    }
}
