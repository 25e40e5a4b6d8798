//! Quiz files on disk: the shared quizzes in `_shared/quizzes/`, and each school's
//! `quizzes/` folder, loaded, checked and compiled into the school's [`QuizSet`].
//!
//! 1. [`load_shared`] reads every shared quiz and checks it on its own ([`check_quiz`]).
//! 2. [`load_school`] reads the school's folder: a file with `uses` maps a shared quiz's
//!    concepts to the school's clauses (every concept mapped or skipped, every clause in
//!    `policy.md`, the bands among the quiz's); any other file is the school's own quiz, whose
//!    concepts name their clauses. Each becomes one quiz per band ([`compile::instances`]),
//!    and its "would you post this?" answers are checked with the school's checker.

use super::check::{MIN_QUESTIONS, Origin, bands, check_quiz};
use super::compile::{self, Adaptation};
use super::model::{Audience, Band, QuizSet};
use super::source::{self, QuizFile, QuizSource, UsesSource};
use crate::bundle::ClauseQuote;
use crate::check::Checker;
use crate::policy::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::policy::{Policy, SHARED_DIR, is_valid_school_id};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The folder of quiz files, in `_shared/` and in each school's folder.
pub const QUIZZES_DIR: &str = "quizzes";

/// A quiz file that parsed.
#[derive(Clone, Debug)]
pub struct LoadedQuiz {
    /// Its id: the file name without `.toml`.
    pub id: String,
    /// The file.
    pub file: SourceFile,
    /// What it says.
    pub source: QuizSource,
    /// Whether it passed its own checks, so it can be compiled.
    pub ok: bool,
}

/// The shared quizzes, by id.
pub type SharedQuizzes = BTreeMap<String, LoadedQuiz>;

/// The shared quizzes' folder for the school folder `policy_dir`.
pub fn shared_dir(policy_dir: &Path) -> PathBuf {
    policy_dir.parent().unwrap_or(Path::new(".")).join(SHARED_DIR).join(QUIZZES_DIR)
}

/// The `.toml` files in `dir`, sorted; none when the folder does not exist.
fn toml_files(dir: &Path, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(error) => {
            diagnostics.push(Diagnostic::unreadable(dir, format!("cannot list the quizzes: {error}")));
            return Vec::new();
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

/// Reads and parses one quiz file, checking its name.
fn read(path: &Path, diagnostics: &mut Diagnostics) -> Option<(String, SourceFile, QuizFile)> {
    let id = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            diagnostics.push(Diagnostic::unreadable(path, format!("cannot read the file: {error}")));
            return None;
        }
    };
    if !is_valid_school_id(&id) {
        diagnostics.push(Diagnostic::unreadable(
            path,
            format!("quiz id `{id}` (the file's name) must be lowercase letters, digits and hyphens"),
        ));
        return None;
    }
    let file = SourceFile::new(path, text);
    let parsed = source::parse(&file, diagnostics)?;
    Some((id, file, parsed))
}

/// Loads and checks every quiz in `dir` (`_shared/quizzes/`).
pub fn load_shared(dir: &Path, diagnostics: &mut Diagnostics) -> SharedQuizzes {
    let mut quizzes = SharedQuizzes::new();
    for path in toml_files(dir, diagnostics) {
        match read(&path, diagnostics) {
            Some((id, file, QuizFile::Quiz(source))) => {
                let ok = check_quiz(&file, &source, Origin::Shared, diagnostics);
                quizzes.insert(id.clone(), LoadedQuiz { id, file, source, ok });
            }
            Some((_, file, QuizFile::Uses(uses))) => diagnostics.push(Diagnostic::error(
                &file,
                uses.uses.span().start,
                "a shared quiz cannot use another: write its questions, or move this file to a school's quizzes/ folder",
            )),
            None => {}
        }
    }
    quizzes
}

/// Everything the school's quiz files compile to; problems go to `diagnostics`. Quizzes with
/// errors are left out, so use the set only when `diagnostics` has none.
pub fn load_school(policy: &Policy, shared: &SharedQuizzes, diagnostics: &mut Diagnostics) -> QuizSet {
    let checker = Checker::new(&policy.bundle()).ok();
    let mut set = QuizSet { school: policy.id.clone(), quizzes: Vec::new(), clauses: BTreeMap::new() };
    for path in toml_files(&policy.dir.join(QUIZZES_DIR), diagnostics) {
        let Some((id, file, parsed)) = read(&path, diagnostics) else { continue };
        let mut problems = Diagnostics::default();
        let (written_in, source, adaptation) = match &parsed {
            QuizFile::Quiz(source) => {
                let ok = check_quiz(&file, source, Origin::Own, &mut problems);
                let adaptation = ok.then(|| own_adaptation(policy, &id, &file, source, &mut problems));
                (&file, source, adaptation)
            }
            QuizFile::Uses(uses) => {
                let Some(quiz) = shared.get(uses.uses.get_ref()) else {
                    let known: Vec<&str> = shared.keys().map(String::as_str).collect();
                    problems.push(Diagnostic::error(
                        &file,
                        uses.uses.span().start,
                        format!(
                            "no shared quiz `{}` in {SHARED_DIR}/{QUIZZES_DIR}/ (there: {})",
                            uses.uses.get_ref(),
                            known.join(", ")
                        ),
                    ));
                    extend(diagnostics, problems);
                    continue;
                };
                let adaptation = quiz.ok.then(|| uses_adaptation(policy, &id, &file, uses, quiz, &mut problems));
                (&quiz.file, &quiz.source, adaptation)
            }
        };
        if let Some(adaptation) = adaptation.filter(|_| !problems.has_errors()) {
            for quiz in compile::instances(source, &adaptation) {
                if quiz.questions.len() < MIN_QUESTIONS {
                    problems.push(Diagnostic::error(
                        &file,
                        0,
                        format!(
                            "{} has {} question{} for {} once the concepts it leaves out are gone: write at least {MIN_QUESTIONS}",
                            quiz.id,
                            quiz.questions.len(),
                            if quiz.questions.len() == 1 { "" } else { "s" },
                            policy.id
                        ),
                    ));
                }
                if let Some(checker) = &checker {
                    compile::check_post_keys(&policy.id, checker, written_in, source, &quiz, &mut problems);
                }
                for concept in &quiz.concepts {
                    if let Some(clause) = policy.document.clause(&concept.clause) {
                        let section = policy.document.section_of(clause).map(|s| s.text.clone()).unwrap_or_default();
                        let label = policy.document.label(clause);
                        set.clauses
                            .insert(concept.clause.clone(), ClauseQuote { section, label, text: clause.text.clone() });
                    }
                }
                set.quizzes.push(quiz);
            }
        }
        extend(diagnostics, problems);
    }
    set
}

fn extend(diagnostics: &mut Diagnostics, problems: Diagnostics) {
    for problem in problems.iter() {
        diagnostics.push(problem.clone());
    }
}

/// A school's own quiz: every concept names a clause that must be in `policy.md`.
fn own_adaptation<'a>(
    policy: &Policy,
    id: &'a str,
    file: &SourceFile,
    source: &QuizSource,
    problems: &mut Diagnostics,
) -> Adaptation<'a> {
    let mut clauses = BTreeMap::new();
    for concept in &source.concepts {
        let concept = concept.get_ref();
        let Some(clause) = &concept.clause else { continue };
        if policy.document.clause(clause.get_ref()).is_none() {
            problems.push(Diagnostic::error(
                file,
                clause.span().start,
                format!(
                    "concept `{}` cites clause `{}`, which is not in policy.md",
                    concept.id.get_ref(),
                    clause.get_ref()
                ),
            ));
        }
        clauses.insert(concept.id.get_ref().clone(), clause.get_ref().clone());
    }
    let bands: Vec<Option<Band>> = bands(source).into_iter().map(Some).collect();
    Adaptation {
        id,
        bands: if bands.is_empty() { vec![None] } else { bands },
        clauses,
        skip: BTreeSet::new(),
        school_name: school_name(policy),
    }
}

/// A school's use of a shared quiz: every concept mapped to a clause in `policy.md` or
/// skipped, and the bands among the quiz's.
fn uses_adaptation<'a>(
    policy: &Policy,
    id: &'a str,
    file: &SourceFile,
    uses: &UsesSource,
    quiz: &LoadedQuiz,
    problems: &mut Diagnostics,
) -> Adaptation<'a> {
    let concepts: BTreeSet<&str> = quiz.source.concepts.iter().map(|c| c.get_ref().id.get_ref().as_str()).collect();
    let mut clauses = BTreeMap::new();
    for (concept, clause) in &uses.clauses {
        if !concepts.contains(concept.get_ref().as_str()) {
            problems.push(Diagnostic::error(
                file,
                concept.span().start,
                format!("`{}` is not a concept of {} (its concepts: {})", concept.get_ref(), quiz.id, join(&concepts)),
            ));
        } else if policy.document.clause(clause.get_ref()).is_none() {
            problems.push(Diagnostic::error(
                file,
                clause.span().start,
                format!(
                    "concept `{}` cites clause `{}`, which is not in policy.md",
                    concept.get_ref(),
                    clause.get_ref()
                ),
            ));
        }
        clauses.insert(concept.get_ref().clone(), clause.get_ref().clone());
    }
    let mut skip = BTreeSet::new();
    for concept in &uses.skip {
        if !concepts.contains(concept.get_ref().as_str()) {
            problems.push(Diagnostic::error(
                file,
                concept.span().start,
                format!("`{}` is not a concept of {} (its concepts: {})", concept.get_ref(), quiz.id, join(&concepts)),
            ));
        } else if clauses.contains_key(concept.get_ref()) {
            problems.push(Diagnostic::error(
                file,
                concept.span().start,
                format!("concept `{}` is both skipped and given a clause", concept.get_ref()),
            ));
        }
        skip.insert(concept.get_ref().clone());
    }
    for concept in &concepts {
        if !clauses.contains_key(*concept) && !skip.contains(*concept) {
            problems.push(Diagnostic::error(
                file,
                uses.uses.span().start,
                format!(
                    "concept `{concept}` of {} has no clause: add `{concept} = \"<clause id>\"` under [clauses], or list it in skip",
                    quiz.id
                ),
            ));
        }
    }
    Adaptation {
        id,
        bands: offered_bands(policy, file, uses, quiz, problems),
        clauses,
        skip,
        school_name: school_name(policy),
    }
}

/// The bands a school offers: those it lists, or those overlapping its pupils' ages.
fn offered_bands(
    policy: &Policy,
    file: &SourceFile,
    uses: &UsesSource,
    quiz: &LoadedQuiz,
    problems: &mut Diagnostics,
) -> Vec<Option<Band>> {
    let quiz_bands = bands(&quiz.source);
    let Some(listed) = &uses.bands else {
        if quiz_bands.is_empty() {
            return vec![None];
        }
        let [youngest, oldest] = *policy.school.pupil_ages.get_ref();
        let fitting: Vec<Option<Band>> =
            quiz_bands.iter().filter(|b| b.youngest < oldest && youngest < b.oldest).copied().map(Some).collect();
        if fitting.is_empty() {
            problems.push(Diagnostic::error(
                file,
                uses.uses.span().start,
                format!("none of {}'s bands fits pupils aged {youngest} to {oldest}: list the bands to offer", quiz.id),
            ));
        }
        return fitting;
    };
    if *quiz.source.audience.get_ref() != Audience::Pupils || quiz_bands.is_empty() {
        problems.push(Diagnostic::error(file, listed.span().start, format!("{} has no age bands", quiz.id)));
        return vec![None];
    }
    let mut offered = Vec::new();
    for band in listed.get_ref() {
        match Band::parse(band.get_ref()).filter(|b| quiz_bands.contains(b)) {
            Some(b) if !offered.contains(&Some(b)) => offered.push(Some(b)),
            Some(b) => problems.push(Diagnostic::error(file, band.span().start, format!("band `{b}` is listed twice"))),
            None => problems.push(Diagnostic::error(
                file,
                band.span().start,
                format!(
                    "`{}` is not one of {}'s bands ({})",
                    band.get_ref(),
                    quiz.id,
                    quiz_bands.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
                ),
            )),
        }
    }
    offered
}

/// The name a shared scenario's `{school}` becomes: the first name people use for the school.
fn school_name(policy: &Policy) -> String {
    policy.school.also_known_as.first().map_or_else(|| policy.school.name.clone(), |n| n.get_ref().clone())
}

fn join(items: &BTreeSet<&str>) -> String {
    items.iter().copied().collect::<Vec<_>>().join(", ")
}
