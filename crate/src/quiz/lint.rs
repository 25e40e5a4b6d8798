//! `postwise lint` for quizzes: each shared quiz checked once, however many schools use it,
//! each school's quizzes checked against its own policy and checker, and the reading level of
//! every pupils' quiz reported.

use super::check::reading_levels;
use super::load::{SharedQuizzes, load_school, load_shared, shared_dir};
use super::source::{self, QuizFile};
use crate::policy::Policy;
use crate::policy::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Something lint tells without it being a problem: a pupils' quiz's reading level.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    /// The file.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What to know.
    pub message: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: note: {}", self.path.display(), self.line, self.column, self.message)
    }
}

/// Lints the quizzes of one school after another, remembering the shared quizzes it has
/// already checked.
#[derive(Debug, Default)]
pub struct QuizLinter {
    /// Shared quiz folders read so far.
    shared: BTreeMap<PathBuf, SharedQuizzes>,
}

impl QuizLinter {
    /// Checks `policy`'s quizzes (and, the first time their folder is seen, the shared
    /// quizzes), adding problems to `diagnostics` and returning the reading-level notes.
    pub fn lint_school(&mut self, policy: &Policy, diagnostics: &mut Diagnostics) -> Vec<Note> {
        let dir = shared_dir(&policy.dir);
        let mut notes = Vec::new();
        if !self.shared.contains_key(&dir) {
            let shared = load_shared(&dir, diagnostics);
            for quiz in shared.values() {
                notes.extend(reading_notes(&quiz.file, &quiz.source, diagnostics));
            }
            self.shared.insert(dir.clone(), shared);
        }
        let empty = SharedQuizzes::new();
        let shared = self.shared.get(&dir).unwrap_or(&empty);
        load_school(policy, shared, diagnostics);
        notes.extend(own_reading_notes(&policy.dir, diagnostics));
        notes
    }
}

/// The reading notes of the school's own quizzes (their problems were reported already).
fn own_reading_notes(policy_dir: &Path, diagnostics: &mut Diagnostics) -> Vec<Note> {
    let dir = policy_dir.join(super::load::QUIZZES_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let mut notes = Vec::new();
    for path in paths {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let file = SourceFile::new(&path, text);
        // Already reported by load_school: parse quietly.
        if let Some(QuizFile::Quiz(quiz)) = source::parse(&file, &mut Diagnostics::default()) {
            notes.extend(reading_notes(&file, &quiz, diagnostics));
        }
    }
    notes
}

/// A note with the reading level of each band; for a band for children, an error when it reads
/// above its age, and one at each of its questions that does on its own.
fn reading_notes(file: &SourceFile, quiz: &source::QuizSource, diagnostics: &mut Diagnostics) -> Vec<Note> {
    reading_levels(quiz)
        .into_iter()
        .map(|level| {
            let ages = level.band.map(|b| format!("ages {b}")).unwrap_or_else(|| "the quiz".to_owned());
            let hardest =
                level.hardest().map(|(id, grade)| format!("; hardest question `{id}` at {grade:.1}")).unwrap_or_default();
            if let Some(band) = level.band.filter(|band| band.for_children()) {
                let above = format!("above grade {:.0} for children aged {band}", band.max_grade());
                if level.too_hard() {
                    diagnostics.push(Diagnostic::error(
                        file,
                        level.at,
                        format!(
                            "{ages} reads at Flesch–Kincaid grade {:.1}, {above}{hardest}: use shorter sentences and words",
                            level.grade
                        ),
                    ));
                }
                for (id, at, grade) in level.too_hard_questions() {
                    diagnostics.push(Diagnostic::error(
                        file,
                        at,
                        format!(
                            "question `{id}` reads at Flesch–Kincaid grade {grade:.1}, {above}: use shorter sentences and words"
                        ),
                    ));
                }
            }
            let (line, column) = file.line_col(level.at);
            Note {
                path: file.path.clone(),
                line,
                column,
                message: format!("reading level for {ages}: Flesch–Kincaid grade {:.1}{hardest}", level.grade),
            }
        })
        .collect()
}
