//! The shipped quizzes: every school's quiz files lint clean, each school offers what its
//! policy supports, every question cites a clause that is in the school's policy, every "would
//! you post this?" answer key is what the school's checker says, pupils' quizzes read within
//! their age bands; and lint finds the mistakes a school's quiz file can make, at their line
//! and column.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

mod support;

use postwise::check::Checker;
use postwise::policy::{self, Policy, diagnostic::Diagnostics};
use postwise::quiz::QuizSet;
use postwise::quiz::check::reading_levels;
use postwise::quiz::lint::QuizLinter;
use postwise::quiz::load::{SharedQuizzes, load_school, load_shared, shared_dir};
use postwise::quiz::model::{Audience, Kind, safe_to_post};
use postwise::quiz::score::{Answers, score};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use support::copy_tree;

fn policies() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies")
}

fn load_policy(dir: &Path) -> Policy {
    let mut diagnostics = Diagnostics::default();
    let policy = policy::load(dir, &mut diagnostics);
    assert!(!diagnostics.has_errors(), "{:?}", diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>());
    policy.expect("loads")
}

/// Every school's compiled quizzes, with anything lint says about them.
fn schools() -> Vec<(Policy, QuizSet, Vec<String>)> {
    let mut diagnostics = Diagnostics::default();
    let shared = load_shared(&policies().join("_shared/quizzes"), &mut diagnostics);
    let shared_problems: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert!(shared_problems.is_empty(), "{shared_problems:#?}");
    policy::school_dirs(&policies())
        .expect("schools")
        .iter()
        .map(|dir| {
            let policy = load_policy(dir);
            let mut diagnostics = Diagnostics::default();
            let set = load_school(&policy, &shared, &mut diagnostics);
            let problems = diagnostics.iter().map(ToString::to_string).collect();
            (policy, set, problems)
        })
        .collect()
}

#[test]
fn every_schools_quizzes_lint_clean_with_no_warnings() {
    let mut linter = QuizLinter::default();
    let mut problems = Vec::new();
    let mut notes = 0;
    for dir in policy::school_dirs(&policies()).expect("schools") {
        let policy = load_policy(&dir);
        let mut diagnostics = Diagnostics::default();
        notes += linter.lint_school(&policy, &mut diagnostics).len();
        problems.extend(diagnostics.iter().map(ToString::to_string));
    }
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(notes, 3, "one reading-level note per band of Be SMART online, reported once");
}

#[test]
fn each_school_offers_the_quizzes_its_policy_supports() {
    let offered: BTreeMap<String, Vec<String>> =
        schools().into_iter().map(|(p, set, _)| (p.id, set.quizzes.into_iter().map(|q| q.id).collect())).collect();
    let primary = ["be-smart-online-5-7", "be-smart-online-7-11", "parents-code", "privacy-settings"];
    let expected = BTreeMap::from([
        ("chestnuts".to_owned(), primary.map(str::to_owned).to_vec()),
        ("coton-in-the-elms".to_owned(), vec!["privacy-settings".to_owned()]),
        ("cotton-end".to_owned(), primary.map(str::to_owned).to_vec()),
        ("craylands".to_owned(), primary.map(str::to_owned).to_vec()),
        (
            "robert-carre".to_owned(),
            ["be-smart-online-11-14", "parents-code", "privacy-settings"].map(str::to_owned).to_vec(),
        ),
    ]);
    assert_eq!(offered, expected);
}

#[test]
fn every_question_cites_a_clause_in_its_schools_policy() {
    let mut problems = Vec::new();
    let mut questions = 0;
    for (policy, set, lint) in schools() {
        assert!(lint.is_empty(), "{}: {lint:#?}", policy.id);
        for quiz in &set.quizzes {
            for question in &quiz.questions {
                questions += 1;
                if policy.document.clause(&question.clause).is_none() {
                    problems.push(format!("{}/{}: {} cites `{}`", policy.id, quiz.id, question.id, question.clause));
                }
                if !quiz.concepts.iter().any(|c| c.id == question.concept && c.clause == question.clause) {
                    problems
                        .push(format!("{}/{}: {} has no concept line to remember", policy.id, quiz.id, question.id));
                }
            }
            for concept in &quiz.concepts {
                if !set.clauses.contains_key(&concept.clause) {
                    problems.push(format!("{}/{}: no quote for clause {}", policy.id, quiz.id, concept.clause));
                }
            }
            assert!(quiz.questions.len() >= 3, "{}/{}", policy.id, quiz.id);
        }
    }
    assert!(questions > 100, "{questions} questions");
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_post_answer_key_is_what_the_schools_checker_says() {
    let mut problems = Vec::new();
    let mut scenarios = 0;
    for (policy, set, _) in schools() {
        let checker = Checker::new(&policy.bundle()).expect("checker");
        for quiz in &set.quizzes {
            // Mark every quiz with the checker's own keys, as the browser does, and answer each
            // post question as its author wrote: all of them must be right.
            let mut key = quiz.key();
            let verdicts: Vec<bool> = quiz
                .questions
                .iter()
                .map(|q| q.scenario.as_ref().is_some_and(|s| safe_to_post(&checker.check(&s.draft, &s.context))))
                .collect();
            key.apply_post_keys(&verdicts).expect("keys");
            let answers = Answers(
                quiz.questions
                    .iter()
                    .map(|q| match &q.scenario {
                        Some(s) => vec![if s.expected_safe { 0 } else { 1 }],
                        None => Vec::new(),
                    })
                    .collect(),
            );
            let marks = score(&key, &answers).expect("scores");
            for (question, mark) in quiz.questions.iter().zip(&marks.questions) {
                if question.kind == Kind::Post {
                    scenarios += 1;
                    if !mark.correct {
                        problems.push(format!("{}/{}: {}", policy.id, quiz.id, question.id));
                    }
                    let context = &question.scenario.as_ref().expect("a scenario").context;
                    assert_eq!(context.author, quiz.audience.author(), "{}", question.id);
                }
            }
        }
    }
    assert!(scenarios > 40, "{scenarios} scenarios");
    assert!(problems.is_empty(), "the checker disagrees with the author: {problems:#?}");
}

#[test]
fn shared_scenarios_name_each_school() {
    for (policy, set, _) in schools() {
        let Some(quiz) = set.quizzes.iter().find(|q| q.id == "privacy-settings") else { continue };
        // Coton's policy never asks staff to hide the school's name, so it skips the concept.
        let Some(bio) = quiz.questions.iter().find(|q| q.id == "bio") else {
            assert_eq!(policy.id, "coton-in-the-elms", "only Coton skips naming the school");
            continue;
        };
        let draft = &bio.scenario.as_ref().expect("post").draft;
        assert!(!draft.contains("{school}"), "{draft}");
        let name = policy.school.also_known_as.first().map(|n| n.get_ref().clone()).unwrap_or(policy.school.name);
        assert!(draft.contains(&name), "{}: {draft}", policy.id);
    }
}

#[test]
fn pupils_quizzes_read_within_their_age_bands() {
    let mut diagnostics = Diagnostics::default();
    let shared = load_shared(&policies().join("_shared/quizzes"), &mut diagnostics);
    let smart = &shared["be-smart-online"];
    assert_eq!(*smart.source.audience.get_ref(), Audience::Pupils);
    let levels = reading_levels(&smart.source);
    assert_eq!(levels.len(), 3);
    for level in &levels {
        let band = level.band.expect("banded");
        assert!(level.grade <= band.max_grade(), "ages {band} read at grade {:.1}", level.grade);
    }
    assert!(levels[0].grade < levels[2].grade, "older bands read harder: {levels:?}");
    assert!(reading_levels(&shared["privacy-settings"].source).is_empty(), "not a pupils' quiz");
}

// ── Lint on broken quiz files ──────────────────────────────────────────────────────────────

/// A copy of the real policies with chestnuts' quiz folder replaced by `files`.
fn with_chestnuts_quizzes(name: &str, files: &[(&str, &str)]) -> (PathBuf, SharedQuizzes, Policy) {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("quizzes").join(name);
    let _ = std::fs::remove_dir_all(&root);
    for folder in ["_shared", "chestnuts"] {
        copy_tree(&policies().join(folder), &root.join(folder));
    }
    let quizzes = root.join("chestnuts/quizzes");
    std::fs::remove_dir_all(&quizzes).expect("clears");
    std::fs::create_dir_all(&quizzes).expect("makes");
    for (file, text) in files {
        std::fs::write(quizzes.join(file), text).expect("writes");
    }
    let policy = load_policy(&root.join("chestnuts"));
    let shared = load_shared(&shared_dir(&policy.dir), &mut Diagnostics::default());
    (quizzes, shared, policy)
}

/// What lint says about chestnuts' quizzes, as `file:line:column: level: message` with the
/// file name only.
fn problems(name: &str, files: &[(&str, &str)]) -> Vec<String> {
    let (dir, shared, policy) = with_chestnuts_quizzes(name, files);
    let mut diagnostics = Diagnostics::default();
    load_school(&policy, &shared, &mut diagnostics);
    let prefix = format!("{}/", dir.display());
    diagnostics.into_sorted().iter().map(|d| d.to_string().replacen(&prefix, "", 1)).collect()
}

const PARENTS: &str = "uses = \"parents-code\"\n\n[clauses]\ncomplaints = \"appendix-3.5.c\"\nrespect = \"appendix-3.5.a\"\nphotos = \"appendix-3.6.c\"\nclass-groups = \"appendix-3.6.b\"\ncontact-staff = \"6.3\"\n";

#[test]
fn a_good_use_of_a_shared_quiz_has_no_problems() {
    assert_eq!(problems("good", &[("parents-code.toml", PARENTS)]), Vec::<String>::new());
}

#[test]
fn a_clause_that_is_not_in_the_policy_is_located() {
    let text = PARENTS.replace("photos = \"appendix-3.6.c\"", "photos = \"appendix-9\"");
    assert_eq!(
        problems("missing-clause", &[("parents-code.toml", &text)]),
        ["parents-code.toml:6:10: error: concept `photos` cites clause `appendix-9`, which is not in policy.md"]
    );
}

#[test]
fn every_concept_needs_a_clause_or_a_skip() {
    let text = PARENTS.replace("contact-staff = \"6.3\"\n", "");
    let found = problems("unmapped", &[("parents-code.toml", &text)]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("parents-code.toml:1:8: error: concept `contact-staff` of parents-code has no clause"),
        "{found:#?}"
    );
    let skipped = text.replace("uses = \"parents-code\"\n", "uses = \"parents-code\"\nskip = [\"contact-staff\"]\n");
    assert_eq!(problems("skipped", &[("parents-code.toml", &skipped)]), Vec::<String>::new());
}

#[test]
fn unknown_quizzes_concepts_and_bands_are_located() {
    let unknown =
        problems("unknown-quiz", &[("parents-code.toml", &PARENTS.replace("\"parents-code\"", "\"parent-code\""))]);
    assert!(unknown[0].starts_with("parents-code.toml:1:8: error: no shared quiz `parent-code`"), "{unknown:#?}");
    let concept = problems("unknown-concept", &[("parents-code.toml", &format!("{PARENTS}selfies = \"6.3\"\n"))]);
    assert!(
        concept[0].starts_with("parents-code.toml:9:1: error: `selfies` is not a concept of parents-code"),
        "{concept:#?}"
    );
    let smart = "uses = \"be-smart-online\"\nbands = [\"5-7\", \"8-12\"]\nskip = [\"block\"]\n\n[clauses]\nsafe = \"9.1.a\"\npasswords = \"9.1.a\"\nage-limits = \"6.7\"\nmeeting = \"9.1.b\"\naccepting = \"9.1.c\"\nreliable = \"9.1.d\"\ntell = \"9.1.e\"\nkind = \"8.1\"\nteachers = \"6.3\"\nblocked-at-school = \"7.2\"\n";
    let band = problems("unknown-band", &[("be-smart-online.toml", smart)]);
    assert_eq!(
        band,
        ["be-smart-online.toml:2:17: error: `8-12` is not one of be-smart-online's bands (5-7, 7-11, 11-14)"]
    );
}

#[test]
fn a_scenario_the_checker_disagrees_with_is_located_in_the_quiz_that_wrote_it() {
    let own = r#"title = "Our quiz"
audience = "pupils"
version = 1
intro = "Three questions."

[[concept]]
id = "safe"
name = "Safe"
remember = "Keep it private."
clause = "9.1.a"

[[question]]
id = "dragon"
concept = "safe"
kind = "post"
draft = "I drew a big red dragon today!"
safe_to_post = false
explain = "It is fine."

[[question]]
id = "address"
concept = "safe"
kind = "post"
draft = "I live at 12 Oak Road."
safe_to_post = false
finds = ["meeting"]
explain = "It says where you live."

[[question]]
id = "tf"
concept = "safe"
kind = "true-false"
prompt = "You can tell everyone where you live."
answer = false
explain = "Keep it private."
"#;
    let found = problems("disagree", &[("our-quiz.toml", own)]);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        found[0],
        "our-quiz.toml:16:9: error: for chestnuts: the checker finds nothing in the draft of question `dragon`, but the \
         question says safe_to_post = false: reword the draft so the school's rules catch it, or leave its concept out for \
         chestnuts"
    );
    // What else the checker finds is its business; that it names what it found is ours.
    assert!(
        found[1].starts_with(
            "our-quiz.toml:26:10: error: for chestnuts: the checker does not find meeting in the draft of question \
             `address` (it finds "
        ) && found[1].contains("location (\"12 Oak Road\")"),
        "{found:#?}"
    );
}

#[test]
fn a_quiz_left_with_too_few_questions_is_an_error() {
    // Class groups (2 questions) and contacting staff (1) are left: three is enough.
    let three = PARENTS
        .replace(
            "uses = \"parents-code\"\n",
            "uses = \"parents-code\"\nskip = [\"complaints\", \"respect\", \"photos\"]\n",
        )
        .replace("complaints = \"appendix-3.5.c\"\nrespect = \"appendix-3.5.a\"\nphotos = \"appendix-3.6.c\"\n", "");
    assert_eq!(problems("three", &[("parents-code.toml", &three)]), Vec::<String>::new());
    let two = three.replace("\"photos\"]", "\"photos\", \"contact-staff\"]").replace("contact-staff = \"6.3\"\n", "");
    assert_eq!(
        problems("two", &[("parents-code.toml", &two)]),
        [
            "parents-code.toml:1:1: error: parents-code has 2 questions for chestnuts once the concepts it leaves out are gone: write at least 3"
        ]
    );
}

#[test]
fn lint_reports_quiz_problems_with_the_schools_and_exits_with_an_error() {
    let (dir, _, policy) = with_chestnuts_quizzes("command", &[("parents-code.toml", &PARENTS.replace("6.3", "6.99"))]);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_postwise"))
        .args(["lint", "--policy"])
        .arg(&policy.dir)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    let expected =
        format!("{}:8:17: error: concept `contact-staff` cites clause `6.99`", dir.join("parents-code.toml").display());
    assert!(stdout.contains(&expected), "{stdout}");
    assert!(stdout.contains("be-smart-online.toml:17:10: note: reading level for ages 5-7"), "{stdout}");
}

#[test]
fn a_quiz_for_children_that_reads_above_their_age_fails_lint_at_the_band_and_the_question() {
    let easy = |id: &str| {
        format!(
            "\n[[question]]\nid = \"{id}\"\nconcept = \"safe\"\nkind = \"true-false\"\nprompt = \"Tell a grown-up.\"\n\
             answer = true\nexplain = \"Yes. Tell a grown-up you trust.\"\n"
        )
    };
    let hard = "\n[[question]]\nid = \"hard\"\nconcept = \"safe\"\nkind = \"true-false\"\n\
                prompt = \"Disseminating personally identifiable information indiscriminately is inadvisable.\"\n\
                answer = true\nexplain = \"Consequently, comprehensive consideration is recommended.\"\n";
    let quiz = format!(
        "title = \"Our quiz\"\naudience = \"pupils\"\nversion = 1\nintro = \"Have a go.\"\nbands = [\"5-7\"]\n\n\
         [[concept]]\nid = \"safe\"\nname = \"Safe\"\nremember = \"Tell a grown-up.\"\nclause = \"9.1.a\"\n{}{}{}",
        easy("a"),
        easy("b"),
        hard
    );
    let (dir, _, policy) = with_chestnuts_quizzes("reading", &[("our-quiz.toml", &quiz)]);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_postwise"))
        .args(["lint", "--policy"])
        .arg(&policy.dir)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    let file = dir.join("our-quiz.toml");
    for expected in [
        format!("{}:5:10: error: ages 5-7 reads at Flesch–Kincaid grade", file.display()),
        format!("{}:29:1: error: question `hard` reads at Flesch–Kincaid grade", file.display()),
    ] {
        assert!(stdout.contains(&expected), "{expected} in\n{stdout}");
    }
    assert!(!stdout.contains("question `a` reads"), "{stdout}");
}
