//! Marking answers: each question right or not, and the score. (What to remember and the
//! staff checklist follow from the marks and the quiz's words, on the page.)

use super::key::{QuestionKey, QuizKey};
use super::model::AnswerError;

/// The choices picked for each question, in the order the quiz writes its questions: for each,
/// the picked choices' positions in the order written, ascending, no repeats; empty when not
/// answered. Missing trailing entries are unanswered questions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers(pub Vec<Vec<usize>>);

impl Answers {
    /// The choices picked for question `index` (none when not answered).
    pub fn picked(&self, index: usize) -> &[usize] {
        self.0.get(index).map(Vec::as_slice).unwrap_or_default()
    }

    /// Checks every answer against `quiz`, returning them normalised, one entry per question.
    pub fn validated(&self, quiz: &QuizKey) -> Result<Answers, AnswerError> {
        if self.0.len() > quiz.questions.len() {
            return Err(AnswerError::TooManyAnswers { answers: self.0.len(), questions: quiz.questions.len() });
        }
        let mut valid = Vec::with_capacity(quiz.questions.len());
        for (index, question) in quiz.questions.iter().enumerate() {
            let picked = self.picked(index);
            valid.push(if picked.is_empty() { Vec::new() } else { normalise(question, picked)? });
        }
        Ok(Answers(valid))
    }
}

/// Whether one answer was right, and which choices were.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marked {
    /// The picked choices, in the order written, ascending.
    pub picked: Vec<usize>,
    /// Whether the picked choices are exactly the right ones.
    pub correct: bool,
    /// The right choices.
    pub right: Vec<usize>,
}

/// The end of a quiz.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Score {
    /// Questions answered right.
    pub correct: usize,
    /// Questions in the quiz.
    pub total: usize,
    /// Each question, in the order written.
    pub questions: Vec<Marked>,
}

/// `picked` as a valid answer to `question`: in range, ascending, no repeats, one choice for a
/// one-answer question and at least one otherwise. (A mask, not a sort, and loops, not iterator
/// chains, in this file: each is code of its own in the WebAssembly module.)
pub fn normalise(question: &QuestionKey, picked: &[usize]) -> Result<Vec<usize>, AnswerError> {
    let mut chosen = vec![false; question.choices.len()];
    for &choice in picked {
        let slot = chosen
            .get_mut(choice)
            .ok_or_else(|| AnswerError::UnknownChoice { question: question.id.clone(), choice })?;
        *slot = true;
    }
    let mut normal = Vec::new();
    for (choice, &is_chosen) in chosen.iter().enumerate() {
        if is_chosen {
            normal.push(choice);
        }
    }
    if question.kind.picks_one() && normal.len() != 1 {
        return Err(AnswerError::NotOne(question.id.clone()));
    }
    if normal.is_empty() {
        return Err(AnswerError::Empty(question.id.clone()));
    }
    Ok(normal)
}

/// The right choices of `question`, ascending.
pub fn right_choices(question: &QuestionKey) -> Vec<usize> {
    let mut right = Vec::new();
    for (choice, key) in question.choices.iter().enumerate() {
        if key.correct {
            right.push(choice);
        }
    }
    right
}

/// Marks one answer: right when the picked choices are exactly the right ones (for a multiple
/// choice question, every right one and no other).
pub fn mark(question: &QuestionKey, picked: &[usize]) -> Result<Marked, AnswerError> {
    let picked = normalise(question, picked)?;
    let right = right_choices(question);
    Ok(Marked { correct: picked == right, picked, right })
}

/// The summary of `answers` to `quiz`. Unanswered questions count as wrong.
pub fn score(quiz: &QuizKey, answers: &Answers) -> Result<Score, AnswerError> {
    let answers = answers.validated(quiz)?;
    let mut score = Score { correct: 0, total: quiz.questions.len(), questions: Vec::new() };
    for (question, picked) in quiz.questions.iter().zip(answers.0) {
        let right = right_choices(question);
        let correct = picked == right;
        score.correct += usize::from(correct);
        score.questions.push(Marked { picked, correct, right });
    }
    Ok(score)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::key::ChoiceKey;
    use crate::quiz::model::Kind;

    fn question(id: &str, kind: Kind, correct: &[bool]) -> QuestionKey {
        QuestionKey { id: id.to_owned(), kind, choices: correct.iter().map(|&correct| ChoiceKey { correct }).collect() }
    }

    fn quiz() -> QuizKey {
        QuizKey {
            id: "smart".to_owned(),
            version: 1,
            questions: vec![
                question("one", Kind::Single, &[false, true, false]),
                question("many", Kind::Multiple, &[true, false, true]),
                question("tf", Kind::TrueFalse, &[false, true]),
            ],
        }
    }

    fn answers(picked: &[&[usize]]) -> Answers {
        Answers(picked.iter().map(|p| p.to_vec()).collect())
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
        assert_eq!(mark(many, &[2, 0, 2]).expect("valid").picked, [0, 2], "normalised");
        assert!(!mark(many, &[0]).expect("valid").correct, "one right choice missing");
        assert!(!mark(many, &[0, 1, 2]).expect("valid").correct, "a wrong choice too");
        assert_eq!(mark(many, &[]), Err(AnswerError::Empty("many".to_owned())));
    }

    #[test]
    fn the_score_counts_right_answers_and_unanswered_as_wrong() {
        let quiz = quiz();
        let score = score(&quiz, &answers(&[&[1], &[2, 0]])).expect("scores");
        assert_eq!((score.correct, score.total), (2, 3));
        assert_eq!(score.questions[1].picked, [0, 2]);
        assert_eq!(score.questions[2], Marked { picked: vec![], correct: false, right: vec![1] });
        let all = score_of(&[&[1], &[0, 2], &[1]]);
        assert_eq!((all.correct, all.total), (3, 3));
    }

    fn score_of(picked: &[&[usize]]) -> Score {
        score(&quiz(), &answers(picked)).expect("scores")
    }

    #[test]
    fn bad_answers_are_refused() {
        let quiz = quiz();
        assert_eq!(
            score(&quiz, &answers(&[&[1], &[0], &[1], &[0]])),
            Err(AnswerError::TooManyAnswers { answers: 4, questions: 3 })
        );
        assert_eq!(score(&quiz, &answers(&[&[0, 1]])), Err(AnswerError::NotOne("one".to_owned())));
    }
}
