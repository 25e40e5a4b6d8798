//! Marking answers and the summary at the end: the score, what to remember, and the staff
//! self-check's checklist of what to change.

use super::model::{AnswerError, Question, Quiz};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The choices picked for each question answered: question id → the picked choices' indices
/// in the order written, ascending, no repeats.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(pub BTreeMap<String, Vec<usize>>);

/// Whether one answer was right, and which choices were.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marked {
    /// The question.
    pub question: String,
    /// The picked choices, in the order written, ascending.
    pub picked: Vec<usize>,
    /// Whether the picked choices are exactly the right ones.
    pub correct: bool,
    /// The right choices.
    pub right: Vec<usize>,
}

/// A line of "what to remember".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remember {
    /// The concept.
    pub concept: String,
    /// Its short name.
    pub name: String,
    /// What to remember.
    pub text: String,
    /// The school's clause.
    pub clause: String,
    /// Whether every question about it was answered right.
    pub all_right: bool,
}

/// A line of the staff self-check's checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    /// The question it comes from.
    pub question: String,
    /// What to change.
    pub text: String,
    /// The school's clause.
    pub clause: String,
    /// Whether the answer shows it still needs doing (a wrong or missing answer).
    pub to_change: bool,
}

/// The end of a quiz.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    /// Questions answered right.
    pub correct: usize,
    /// Questions in the quiz.
    pub total: usize,
    /// Questions answered at all.
    pub answered: usize,
    /// Each question, in the order written.
    pub questions: Vec<Marked>,
    /// What to remember, one line per concept the quiz asks about, in the order written.
    pub remember: Vec<Remember>,
    /// The checklist, for questions that have an action, in the order written.
    pub actions: Vec<Action>,
}

/// `picked` as a valid answer to `question`: in range, sorted, no repeats, one choice for a
/// one-answer question and at least one otherwise.
pub fn normalise(question: &Question, picked: &[usize]) -> Result<Vec<usize>, AnswerError> {
    let mut picked = picked.to_vec();
    picked.sort_unstable();
    picked.dedup();
    if let Some(&choice) = picked.iter().find(|&&c| c >= question.choices.len()) {
        return Err(AnswerError::UnknownChoice { question: question.id.clone(), choice });
    }
    if question.kind.picks_one() && picked.len() != 1 {
        return Err(AnswerError::NotOne(question.id.clone()));
    }
    if picked.is_empty() {
        return Err(AnswerError::Empty(question.id.clone()));
    }
    Ok(picked)
}

/// The right choices of `question`, ascending.
pub fn right_choices(question: &Question) -> Vec<usize> {
    question.choices.iter().enumerate().filter(|(_, c)| c.correct).map(|(i, _)| i).collect()
}

/// Marks one answer: right when the picked choices are exactly the right ones (for a multiple
/// choice question, every right one and no other).
pub fn mark(question: &Question, picked: &[usize]) -> Result<Marked, AnswerError> {
    let picked = normalise(question, picked)?;
    let right = right_choices(question);
    Ok(Marked { question: question.id.clone(), correct: picked == right, picked, right })
}

impl Answers {
    /// Checks every answer against `quiz`, returning them normalised.
    pub fn validated(&self, quiz: &Quiz) -> Result<Answers, AnswerError> {
        let mut valid = BTreeMap::new();
        for (id, picked) in &self.0 {
            let question = quiz.question(id).ok_or_else(|| AnswerError::UnknownQuestion(id.clone()))?;
            valid.insert(id.clone(), normalise(question, picked)?);
        }
        Ok(Answers(valid))
    }
}

/// The summary of `answers` to `quiz`. Unanswered questions count as wrong.
pub fn score(quiz: &Quiz, answers: &Answers) -> Result<Score, AnswerError> {
    let answers = answers.validated(quiz)?;
    let mut questions = Vec::with_capacity(quiz.questions.len());
    for question in &quiz.questions {
        questions.push(match answers.0.get(&question.id) {
            Some(picked) => mark(question, picked)?,
            None => Marked {
                question: question.id.clone(),
                picked: Vec::new(),
                correct: false,
                right: right_choices(question),
            },
        });
    }
    let right_by_id: BTreeMap<&str, bool> = questions.iter().map(|m| (m.question.as_str(), m.correct)).collect();
    let remember = quiz
        .concepts
        .iter()
        .filter(|concept| quiz.questions.iter().any(|q| q.concept == concept.id))
        .map(|concept| Remember {
            concept: concept.id.clone(),
            name: concept.name.clone(),
            text: concept.remember.clone(),
            clause: concept.clause.clone(),
            all_right: quiz.questions.iter().filter(|q| q.concept == concept.id).all(|q| right_by_id[q.id.as_str()]),
        })
        .collect();
    let actions = quiz
        .questions
        .iter()
        .filter_map(|q| {
            let text = q.action.clone()?;
            Some(Action {
                question: q.id.clone(),
                text,
                clause: q.clause.clone(),
                to_change: !right_by_id[q.id.as_str()],
            })
        })
        .collect();
    Ok(Score {
        correct: questions.iter().filter(|m| m.correct).count(),
        total: questions.len(),
        answered: answers.0.len(),
        questions,
        remember,
        actions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::model::{Audience, Choice, Concept, Kind};

    fn question(id: &str, concept: &str, kind: Kind, correct: &[bool], action: Option<&str>) -> Question {
        Question {
            id: id.to_owned(),
            concept: concept.to_owned(),
            clause: format!("clause-{concept}"),
            prompt: format!("{id}?"),
            kind,
            choices: correct
                .iter()
                .enumerate()
                .map(|(i, &correct)| Choice { text: format!("choice {i}"), correct, feedback: None })
                .collect(),
            explain: "Because.".to_owned(),
            action: action.map(str::to_owned),
            scenario: None,
        }
    }

    fn quiz() -> Quiz {
        let concept = |id: &str, name: &str| Concept {
            id: id.to_owned(),
            name: name.to_owned(),
            remember: format!("Remember {name}."),
            clause: format!("clause-{id}"),
        };
        Quiz {
            id: "smart".to_owned(),
            source: "smart".to_owned(),
            title: "SMART".to_owned(),
            audience: Audience::Pupils,
            band: None,
            version: 1,
            intro: String::new(),
            concepts: vec![concept("safe", "Safe"), concept("meet", "Meeting"), concept("unused", "Unused")],
            questions: vec![
                question("one", "safe", Kind::Single, &[false, true, false], Some("Set your profile to private.")),
                question("many", "safe", Kind::Multiple, &[true, false, true], None),
                question("tf", "meet", Kind::TrueFalse, &[false, true], None),
            ],
        }
    }

    fn answers(pairs: &[(&str, &[usize])]) -> Answers {
        Answers(pairs.iter().map(|(id, picked)| ((*id).to_owned(), picked.to_vec())).collect())
    }

    #[test]
    fn a_single_choice_is_right_only_when_it_is_the_right_one() {
        let quiz = quiz();
        assert!(mark(&quiz.questions[0], &[1]).expect("valid").correct);
        assert!(!mark(&quiz.questions[0], &[0]).expect("valid").correct);
        assert_eq!(mark(&quiz.questions[0], &[0, 1]), Err(AnswerError::NotOne("one".to_owned())));
        assert_eq!(mark(&quiz.questions[0], &[]), Err(AnswerError::NotOne("one".to_owned())));
        assert_eq!(
            mark(&quiz.questions[0], &[3]),
            Err(AnswerError::UnknownChoice { question: "one".to_owned(), choice: 3 })
        );
    }

    #[test]
    fn multiple_choice_needs_every_right_choice_and_no_wrong_one() {
        let quiz = quiz();
        let many = &quiz.questions[1];
        assert!(mark(many, &[2, 0]).expect("valid").correct, "order does not matter");
        assert!(mark(many, &[0, 2, 2]).expect("valid").correct, "repeats do not matter");
        assert!(!mark(many, &[0]).expect("valid").correct, "one right choice missing");
        assert!(!mark(many, &[0, 1, 2]).expect("valid").correct, "a wrong choice too");
        assert_eq!(mark(many, &[]), Err(AnswerError::Empty("many".to_owned())));
    }

    #[test]
    fn the_score_counts_right_answers_and_unanswered_as_wrong() {
        let quiz = quiz();
        let score = score(&quiz, &answers(&[("one", &[1]), ("many", &[0, 2])])).expect("scores");
        assert_eq!((score.correct, score.answered, score.total), (2, 2, 3));
        assert_eq!(
            score.questions[2],
            Marked { question: "tf".to_owned(), picked: vec![], correct: false, right: vec![1] }
        );
    }

    #[test]
    fn what_to_remember_lists_each_concept_asked_about_and_whether_it_was_all_right() {
        let quiz = quiz();
        let score = score(&quiz, &answers(&[("one", &[1]), ("many", &[0]), ("tf", &[1])])).expect("scores");
        let lines: Vec<(&str, bool)> = score.remember.iter().map(|r| (r.concept.as_str(), r.all_right)).collect();
        assert_eq!(lines, [("safe", false), ("meet", true)], "no line for a concept with no question");
        assert_eq!(score.remember[0].text, "Remember Safe.");
    }

    #[test]
    fn the_checklist_has_an_item_to_change_for_each_unsafe_answer() {
        let quiz = quiz();
        let wrong = score(&quiz, &answers(&[("one", &[0])])).expect("scores");
        assert_eq!(wrong.actions.len(), 1);
        assert!(wrong.actions[0].to_change);
        assert_eq!(wrong.actions[0].clause, "clause-safe");
        let right = score(&quiz, &answers(&[("one", &[1])])).expect("scores");
        assert!(!right.actions[0].to_change);
    }

    #[test]
    fn answers_to_unknown_questions_are_refused() {
        let quiz = quiz();
        assert_eq!(score(&quiz, &answers(&[("nope", &[0])])), Err(AnswerError::UnknownQuestion("nope".to_owned())));
    }
}
