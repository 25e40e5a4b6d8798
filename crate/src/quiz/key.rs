//! What marking, the seeded order and the certificate need from a quiz: its ids, its kinds of
//! question and which choices are right, and none of its words.
//!
//! The browser's WebAssembly reads only this from a quiz in `quizzes.json` (`crate::wasm`
//! reads the fields it names), and the page keeps the words: the module stays small, and no
//! sentence a pupil reads passes through it.

use super::model::{AnswerError, Kind};

/// A quiz without its words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizKey {
    /// The quiz's id at its school.
    pub id: String,
    /// Its version.
    pub version: u32,
    /// Its questions, in the order written.
    pub questions: Vec<QuestionKey>,
}

/// A question without its words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionKey {
    /// Its id.
    pub id: String,
    /// Its kind.
    pub kind: Kind,
    /// Its choices, in the order written.
    pub choices: Vec<ChoiceKey>,
}

/// A choice: right or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChoiceKey {
    /// Whether it is a right answer.
    pub correct: bool,
}

impl QuizKey {
    /// Sets the answer key of every "would you post this?" question from the school's
    /// checker: `safe[i]` is whether the checker finds nothing in the draft of question `i`
    /// (as written; other questions' entries are not read). Every such question needs one.
    pub fn apply_post_keys(&mut self, safe: &[bool]) -> Result<(), AnswerError> {
        for (index, question) in self.questions.iter_mut().enumerate().filter(|(_, q)| q.kind == Kind::Post) {
            let &safe = safe.get(index).ok_or_else(|| AnswerError::MissingPostKey(question.id.clone()))?;
            for (choice, key) in question.choices.iter_mut().enumerate() {
                key.correct = (choice == 0) == safe;
            }
        }
        Ok(())
    }
}

impl super::model::Quiz {
    /// The quiz without its words.
    pub fn key(&self) -> QuizKey {
        QuizKey {
            id: self.id.clone(),
            version: self.version,
            questions: self
                .questions
                .iter()
                .map(|q| QuestionKey {
                    id: q.id.clone(),
                    kind: q.kind,
                    choices: q.choices.iter().map(|c| ChoiceKey { correct: c.correct }).collect(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post_quiz() -> QuizKey {
        let question =
            |id: &str, kind| QuestionKey { id: id.to_owned(), kind, choices: vec![ChoiceKey { correct: false }; 2] };
        QuizKey {
            id: "q".to_owned(),
            version: 1,
            questions: vec![question("tf", Kind::TrueFalse), question("p", Kind::Post)],
        }
    }

    #[test]
    fn a_quiz_key_keeps_ids_kinds_and_right_answers() {
        let choice =
            |text: &str, correct| crate::quiz::model::Choice { text: text.to_owned(), correct, feedback: None };
        let question = |id: &str, action: Option<&str>| crate::quiz::model::Question {
            id: id.to_owned(),
            concept: "safe".to_owned(),
            clause: "9.1.a".to_owned(),
            prompt: "P?".to_owned(),
            kind: Kind::Single,
            choices: vec![choice("x", false), choice("y", true)],
            explain: "E.".to_owned(),
            action: action.map(str::to_owned),
            scenario: None,
        };
        let quiz = crate::quiz::model::Quiz {
            id: "smart-7-11".to_owned(),
            source: "smart".to_owned(),
            title: "SMART".to_owned(),
            audience: crate::quiz::model::Audience::Pupils,
            band: None,
            version: 2,
            intro: "Hi.".to_owned(),
            concepts: vec![crate::quiz::model::Concept {
                id: "safe".to_owned(),
                name: "Safe".to_owned(),
                remember: "R.".to_owned(),
                clause: "9.1.a".to_owned(),
            }],
            questions: vec![question("a", Some("Do it.")), question("b", None)],
        };
        let key = quiz.key();
        assert_eq!((key.id.as_str(), key.version), ("smart-7-11", 2));
        assert_eq!(key.questions.iter().map(|q| q.id.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(key.questions[0].choices, [ChoiceKey { correct: false }, ChoiceKey { correct: true }]);
    }

    #[test]
    fn post_keys_set_which_of_yes_and_no_is_right() {
        let mut quiz = post_quiz();
        assert_eq!(quiz.apply_post_keys(&[false]), Err(AnswerError::MissingPostKey("p".to_owned())));
        quiz.apply_post_keys(&[true, false]).expect("applies");
        assert_eq!(quiz.questions[1].choices, [ChoiceKey { correct: false }, ChoiceKey { correct: true }]);
        assert_eq!(quiz.questions[0].choices, [ChoiceKey { correct: false }; 2], "other questions untouched");
        quiz.apply_post_keys(&[false, true]).expect("applies");
        assert_eq!(quiz.questions[1].choices, [ChoiceKey { correct: true }, ChoiceKey { correct: false }]);
    }
}
