//! Postwise's fuzz targets: every place outside input enters, each a function of the raw bytes
//! that panics when a property fails.
//!
//! The same functions run three ways: under AFL++ (`src/bin/fuzz_*.rs`, built and run by
//! `fuzz/run.sh`), and as ordinary tests that replay each target's corpus and every crash ever
//! found (`tests/replay.rs`), which is what CI runs.
//!
//! The targets load the repository's five schools once, from `policies/` beside this crate.

use postwise::check::{Checker, DRAFT_LIMIT, over_draft_limit};
use postwise::form::{answer, json, record};
use postwise::import::{self, ImportError};
use postwise::model::{Author, Channel, Consent, Context, MediaItem, MediaType};
use postwise::policy::{self, Policy, date::Date, diagnostic::Diagnostics, diagnostic::SourceFile};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// The repository's `policies/` folder.
fn policies() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies")
}

/// The day the targets run on, so a review date cannot make a run differ from a replay.
fn today() -> Date {
    Date::from_days(20_454)
}

/// The five schools, loaded once.
static SCHOOLS: LazyLock<Vec<Policy>> = LazyLock::new(|| {
    let dirs = policy::school_dirs(&policies()).unwrap_or_default();
    dirs.iter().filter_map(|dir| policy::load_valid(dir, today()).0).collect()
});

/// Their checkers, compiled once.
static CHECKERS: LazyLock<Vec<Checker>> =
    LazyLock::new(|| SCHOOLS.iter().filter_map(|school| Checker::new(&school.bundle()).ok()).collect());

/// Every school's forms, compiled once.
static FORMS: LazyLock<Vec<(postwise::form::model::Form, String)>> = LazyLock::new(|| {
    let mut forms = Vec::new();
    for school in SCHOOLS.iter() {
        let version = postwise::form::digest::policy_version(&school.document_file.text);
        let mut diagnostics = Diagnostics::default();
        for form in postwise::form::compile::school_forms(school, &mut diagnostics) {
            forms.push((form, version.clone()));
        }
    }
    forms
});

/// Every school's forms, with the version of the policy each was made from.
pub fn forms() -> &'static [(postwise::form::model::Form, String)] {
    &FORMS
}

/// A byte at `index`, or 0 past the end.
fn byte(data: &[u8], index: usize) -> u8 {
    data.get(index).copied().unwrap_or(0)
}

/// The checker: any school, author, channel, age and media, and any text up to the draft
/// limit. Every finding's span lies inside the text, on character boundaries.
pub fn check(data: &[u8]) {
    const HEAD: usize = 4;
    if CHECKERS.is_empty() {
        return;
    }
    let checker = &CHECKERS[usize::from(byte(data, 0)) % CHECKERS.len()];
    let author = [Author::Staff, Author::Pupil, Author::Parent][usize::from(byte(data, 1) % 3)];
    let channel =
        [Channel::School, Channel::Personal, Channel::Group, Channel::Direct][usize::from(byte(data, 1) >> 2 & 3)];
    let age = (byte(data, 2) < 200).then_some(u32::from(byte(data, 2) % 20));
    let media_bits = byte(data, 3);
    let media = (0..media_bits % 3)
        .map(|i| MediaItem {
            kind: if media_bits >> (2 + i) & 1 == 1 { MediaType::Video } else { MediaType::Image },
            pupils: u32::from(media_bits >> 4 & 3),
            consent: [Consent::None, Consent::Images, Consent::ImagesAndVideo, Consent::Unknown]
                [usize::from(media_bits >> 6)],
            swimwear: media_bits & 0x10 != 0,
            own_child_only: media_bits & 0x20 != 0,
        })
        .collect();
    let context = Context { author, channel, age, media };
    let text = String::from_utf8_lossy(data.get(HEAD..).unwrap_or_default());
    if over_draft_limit(&text).is_some() {
        return;
    }
    debug_assert!(text.chars().count() <= DRAFT_LIMIT);
    for finding in checker.check(&text, &context) {
        assert!(finding.start <= finding.end && finding.end <= text.len(), "{finding:?} in {} bytes", text.len());
        assert!(text.is_char_boundary(finding.start) && text.is_char_boundary(finding.end), "{finding:?}");
    }
}

/// The signed record's reader and verify: any text. JSON that parses has a canonical form
/// that parses back to the same value and is its own canonical form.
pub fn record(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = record::verify(text, Some("sha256:0"));
    if let Ok(value) = json::parse(text) {
        let canonical = value.to_canonical();
        let again =
            json::parse(&canonical).unwrap_or_else(|e| panic!("the canonical form {canonical:?} does not parse: {e}"));
        assert_eq!(again, value, "parse ∘ canonical is the identity");
        assert_eq!(again.to_canonical(), canonical);
    }
}

/// A form's answers: any JSON for any school's form. Answers the form accepts make a record
/// that verifies as intact and made against the current policy.
pub fn answers(data: &[u8]) {
    let forms = forms();
    if forms.is_empty() {
        return;
    }
    let (form, version) = &forms[usize::from(byte(data, 0)) % forms.len()];
    let Ok(text) = std::str::from_utf8(data.get(1..).unwrap_or_default()) else { return };
    let Ok(answers) = answer::answers_from_json(text) else { return };
    let _ = postwise::form::validate::validate(form, &answers);
    if let Ok(made) = record::make_record(form, &answers, "2026-01-01T09:00:00Z") {
        let file = made.to_canonical();
        let verification = record::verify(&file, Some(version)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(verification.intact && verification.known_format, "{file}");
        assert_eq!(verification.current_policy, Some(true), "{file}");
    }
}

/// A scratch `policies/` folder with the shared platforms, for the import's output.
static IMPORT_FOLDER: LazyLock<PathBuf> = LazyLock::new(|| {
    let root = std::env::temp_dir().join(format!("postwise-fuzz-import-{}", std::process::id()));
    let shared = root.join(policy::SHARED_DIR);
    let _ = std::fs::create_dir_all(&shared);
    let _ = std::fs::copy(policies().join(policy::SHARED_DIR).join("platforms.toml"), shared.join("platforms.toml"));
    root
});

/// The import, in memory: any bytes as a file of `name`. It never panics, and whatever it
/// makes passes lint (the import lints its output and calls a failure a bug).
fn import_as(name: &str, data: &[u8]) {
    let options = import::Options { id: "fuzz".to_owned(), out: IMPORT_FOLDER.join("fuzz"), force: true };
    if let Err(ImportError::Invalid { problems, .. }) = import::convert(Path::new(name), data, &options) {
        panic!("the import's output does not lint:\n{problems}");
    }
}

/// The import of a Word document: any bytes as a `.docx`.
pub fn import_docx(data: &[u8]) {
    import_as("policy.docx", data);
}

/// The import of a text file: any bytes as a `.txt`.
pub fn import_txt(data: &[u8]) {
    import_as("policy.txt", data);
}

/// Lint on a school's files: `school.toml`, `policy.md` and `rules.toml` separated by NUL
/// bytes, beside the real shared platforms. Every problem is located inside its file.
pub fn lint(data: &[u8]) {
    let mut parts = data.splitn(3, |&b| b == 0);
    let (school, document, rules) = (parts.next(), parts.next(), parts.next());
    let (Some(school), Some(document), Some(rules)) = (school, document, rules) else { return };
    let dir = IMPORT_FOLDER.join("lint");
    let mut diagnostics = Diagnostics::default();
    let mut read = |name: &str, bytes: &[u8]| {
        SourceFile::from_bytes(dir.join(name), bytes.to_vec()).map_err(|d| diagnostics.push(d)).ok()
    };
    let files = (read("school.toml", school), read("policy.md", document), read("rules.toml", rules));
    let (Some(school), Some(document), Some(rules)) = files else { return };
    let platforms_path = policies().join(policy::SHARED_DIR).join("platforms.toml");
    let Ok(platforms) = std::fs::read_to_string(&platforms_path) else { return };
    let sizes = [
        (school.path.clone(), school.text.clone()),
        (document.path.clone(), document.text.clone()),
        (rules.path.clone(), rules.text.clone()),
    ];
    let files = policy::Files { school, document, rules, platforms: SourceFile::new(platforms_path, platforms) };
    if let Some(loaded) = policy::from_files(&dir, files, &mut diagnostics) {
        loaded.lint(today(), &mut diagnostics);
    }
    for diagnostic in diagnostics.iter() {
        let Some((_, text)) = sizes.iter().find(|(path, _)| *path == diagnostic.path) else { continue };
        let lines = text.split('\n').count();
        assert!((1..=lines).contains(&diagnostic.line), "{diagnostic} is past line {lines}");
        let line = text.split('\n').nth(diagnostic.line - 1).unwrap_or_default();
        assert!(
            diagnostic.column >= 1 && diagnostic.column <= line.chars().count() + 1,
            "{diagnostic} is past the line's end"
        );
    }
}
