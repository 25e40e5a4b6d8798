//! Quiz files as written by hand ([the format](../../../policies/README.md#quizzes)). Fields
//! that later checks may complain about keep their position (`Spanned`), so every problem is
//! reported as `file:line:column`.
//!
//! A file in a school's `quizzes/` folder is one of two kinds: a quiz of the school's own
//! ([`QuizSource`], each concept naming its clause), or the school's use of a shared quiz from
//! `_shared/quizzes/` ([`UsesSource`], mapping each concept of the shared quiz to a clause).

use super::model::{Audience, Kind};
use crate::model::{Category, Channel, MediaItem};
use crate::policy::diagnostic::{Diagnostic, Diagnostics, SourceFile, toml_message};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// A quiz file: questions, or a shared quiz's use.
#[derive(Clone, Debug)]
pub enum QuizFile {
    /// A quiz written out.
    Quiz(QuizSource),
    /// A school's use of a shared quiz.
    Uses(UsesSource),
}

/// A quiz written out: a shared one in `_shared/quizzes/`, or a school's own.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizSource {
    /// The title.
    pub title: Spanned<String>,
    /// Who it is for.
    pub audience: Spanned<Audience>,
    /// Raised whenever a question or an answer changes.
    pub version: Spanned<u32>,
    /// What it is about, shown before the first question.
    pub intro: Spanned<String>,
    /// For a pupils' quiz, its age bands: `["5-7", "7-11"]`.
    #[serde(default)]
    pub bands: Vec<Spanned<String>>,
    /// The ideas it teaches.
    #[serde(default, rename = "concept")]
    pub concepts: Vec<Spanned<ConceptSource>>,
    /// The questions.
    #[serde(default, rename = "question")]
    pub questions: Vec<Spanned<QuestionSource>>,
}

/// One `[[concept]]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConceptSource {
    /// Its id, which questions cite.
    pub id: Spanned<String>,
    /// Its short name.
    pub name: Spanned<String>,
    /// One sentence to remember.
    pub remember: Spanned<String>,
    /// In a school's own quiz, the clause of `policy.md` that says it; a shared quiz leaves it
    /// to each school.
    #[serde(default)]
    pub clause: Option<Spanned<String>>,
}

/// One `[[question]]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionSource {
    /// Its id, unique in the quiz.
    pub id: Spanned<String>,
    /// The concept it teaches.
    pub concept: Spanned<String>,
    /// Its kind.
    pub kind: Spanned<Kind>,
    /// The age bands it is asked in; all the quiz's when absent.
    #[serde(default)]
    pub bands: Option<Spanned<Vec<Spanned<String>>>>,
    /// What it asks; "Would you post this?" by default for a `post` question.
    #[serde(default)]
    pub prompt: Option<Spanned<String>>,
    /// The choices of a `single` or `multiple` question.
    #[serde(default)]
    pub choices: Vec<Spanned<ChoiceSource>>,
    /// The answer to a `true-false` question.
    #[serde(default)]
    pub answer: Option<Spanned<bool>>,
    /// The draft of a `post` question.
    #[serde(default)]
    pub draft: Option<Spanned<String>>,
    /// Where the draft would go (`post`); `personal` when absent.
    #[serde(default)]
    pub channel: Option<Channel>,
    /// The age of the pupil posting (`post`); the band's youngest age when absent.
    #[serde(default)]
    pub age: Option<u32>,
    /// Photos or videos attached to the draft (`post`).
    #[serde(default)]
    pub media: Vec<MediaItem>,
    /// The author's answer to a `post` question; lint checks the checker agrees.
    #[serde(default)]
    pub safe_to_post: Option<Spanned<bool>>,
    /// Categories the checker must find in the draft (`post`).
    #[serde(default)]
    pub finds: Vec<Spanned<Category>>,
    /// Why the right answer is right.
    pub explain: Spanned<String>,
    /// What to change on one's own accounts if the answer was not the safe one.
    #[serde(default)]
    pub action: Option<Spanned<String>>,
}

/// One choice of a `single` or `multiple` question.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceSource {
    /// What it says.
    pub text: Spanned<String>,
    /// Whether it is a right answer.
    #[serde(default)]
    pub correct: bool,
    /// Said when it is picked.
    #[serde(default)]
    pub feedback: Option<Spanned<String>>,
}

/// A school's use of a shared quiz.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UsesSource {
    /// The shared quiz's id (its file name in `_shared/quizzes/` without `.toml`).
    pub uses: Spanned<String>,
    /// Which of its age bands the school offers; by default those that overlap the school's
    /// `pupil_ages`.
    #[serde(default)]
    pub bands: Option<Spanned<Vec<Spanned<String>>>>,
    /// Concepts the school's policy does not cover: their questions are left out.
    #[serde(default)]
    pub skip: Vec<Spanned<String>>,
    /// Each other concept → the clause of the school's `policy.md` that says it.
    #[serde(default)]
    pub clauses: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// Parses a quiz file: one with a `uses` key is a shared quiz's use, any other a quiz.
/// Syntax errors and unknown fields go to `diagnostics`.
pub fn parse(file: &SourceFile, diagnostics: &mut Diagnostics) -> Option<QuizFile> {
    let located =
        |error: toml::de::Error| Diagnostic::error(file, error.span().map_or(0, |s| s.start), toml_message(&error));
    let table: toml::Table = match toml::from_str(&file.text) {
        Ok(table) => table,
        Err(error) => {
            diagnostics.push(located(error));
            return None;
        }
    };
    let parsed = if table.contains_key("uses") {
        toml::from_str(&file.text).map(QuizFile::Uses)
    } else {
        toml::from_str(&file.text).map(QuizFile::Quiz)
    };
    parsed.map_err(|error| diagnostics.push(located(error))).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> (Option<QuizFile>, Vec<String>) {
        let file = SourceFile::new("q.toml", text.to_owned());
        let mut diagnostics = Diagnostics::default();
        let quiz = parse(&file, &mut diagnostics);
        (quiz, diagnostics.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn a_file_with_uses_is_a_use_of_a_shared_quiz() {
        let (quiz, problems) = parsed("uses = \"be-smart-online\"\nskip = [\"tell\"]\n[clauses]\nsafe = \"9.1.a\"\n");
        assert!(problems.is_empty(), "{problems:?}");
        let Some(QuizFile::Uses(uses)) = quiz else { panic!("a use: {quiz:?}") };
        assert_eq!(uses.uses.get_ref(), "be-smart-online");
        let (concept, clause) = uses.clauses.iter().next().expect("one");
        assert_eq!((concept.get_ref().as_str(), clause.get_ref().as_str()), ("safe", "9.1.a"));
        assert_eq!(
            &"uses = \"be-smart-online\"\nskip = [\"tell\"]\n[clauses]\nsafe = \"9.1.a\"\n"[concept.span()],
            "safe"
        );
    }

    #[test]
    fn a_quiz_parses_with_its_questions() {
        let text = r#"
title = "T"
audience = "pupils"
version = 1
intro = "I"
bands = ["5-7"]

[[concept]]
id = "safe"
name = "Safe"
remember = "R"

[[question]]
id = "q"
concept = "safe"
kind = "true-false"
prompt = "P"
answer = true
explain = "E"
"#;
        let (quiz, problems) = parsed(text);
        assert!(problems.is_empty(), "{problems:?}");
        let Some(QuizFile::Quiz(quiz)) = quiz else { panic!("a quiz") };
        assert_eq!(quiz.questions.len(), 1);
        assert_eq!(*quiz.questions[0].get_ref().kind.get_ref(), Kind::TrueFalse);
    }

    #[test]
    fn unknown_fields_are_located() {
        let (quiz, problems) = parsed("title = \"T\"\naudience = \"pupils\"\nversion = 1\nintro = \"I\"\ncolour = 3\n");
        assert!(quiz.is_none());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("q.toml:5:1: error:") && problems[0].contains("colour"), "{problems:?}");
    }
}
