//! `postwise lint` against the broken policies in `tests/fixtures/lint/`: each must be reported
//! at the right file, line and column, and the command's exit status must say so.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

use postwise::policy::{self, date::Date, diagnostic::Diagnostics};
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/lint")
}

/// What lint reports for a fixture, with paths relative to its folder.
fn lint(dir: &Path) -> (Vec<String>, bool) {
    let mut diagnostics = Diagnostics::default();
    if let Some(loaded) = policy::load(dir, &mut diagnostics) {
        loaded.lint(Date::parse("2026-06-01").expect("date"), &mut diagnostics);
    }
    let has_errors = diagnostics.has_errors();
    let prefix = format!("{}/", dir.display());
    (diagnostics.into_sorted().iter().map(|d| d.to_string().replacen(&prefix, "", 1)).collect(), has_errors)
}

#[test]
fn every_broken_policy_is_located() {
    let mut problems = Vec::new();
    let mut cases = 0;
    for dir in policy::school_dirs(&fixtures()).expect("fixtures") {
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let expected = std::fs::read_to_string(dir.join("expected.txt")).expect("expected.txt");
        let (reported, has_errors) = lint(&dir);
        cases += 1;
        for line in expected.lines().filter(|l| !l.is_empty()) {
            if !reported.iter().any(|r| r.starts_with(line)) {
                problems.push(format!("{name}: expected `{line}`, got {reported:#?}"));
            }
        }
        let expects_error = expected.contains(": error:");
        if expects_error != has_errors {
            problems.push(format!("{name}: errors expected: {expects_error}, reported: {reported:#?}"));
        }
        if expected.trim().is_empty() && !reported.is_empty() {
            problems.push(format!("{name}: expected nothing, got {reported:#?}"));
        }
    }
    assert!(cases >= 11, "at least ten kinds of mistake and a valid policy, found {cases} folders");
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

fn postwise(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_postwise")).args(args).output().expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn exit_status_says_what_happened() {
    let fixture = |name: &str| fixtures().join(name).display().to_string();
    let (code, out, _) = postwise(&["lint", "--policy", &fixture("valid")]);
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = postwise(&["lint", "--policy", &fixture("missing-clause")]);
    assert_eq!(code, 1);
    assert!(out.contains("missing-clause/rules.toml:7:10: error:"), "{out}");
    let (code, _, _) = postwise(&["lint", "--policy", &fixture("review-overdue")]);
    assert_eq!(code, 0, "a warning alone does not fail");
    let (code, _, _) = postwise(&["lint", "--deny-warnings", "--policy", &fixture("review-overdue")]);
    assert_eq!(code, 1, "unless warnings are denied");
    let (code, _, err) = postwise(&["lint", "--policy", &fixture("no-such-school")]);
    assert_eq!(code, 2);
    assert!(err.contains("no such policy folder"), "{err}");
}

/// A copy of the valid fixture, with `policy.md` changed by `edit`.
fn valid_copy_with(name: &str, edit: impl FnOnce(Vec<u8>) -> Vec<u8>) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("lint").join(name);
    let _ = std::fs::remove_dir_all(&root);
    for (from, to) in
        [(fixtures().join("valid"), root.join("valid")), (fixtures().join("_shared"), root.join("_shared"))]
    {
        std::fs::create_dir_all(&to).expect("mkdir");
        for entry in std::fs::read_dir(&from).expect("lists") {
            let path = entry.expect("entry").path();
            if path.is_file() {
                std::fs::copy(&path, to.join(path.file_name().expect("name"))).expect("copies");
            }
        }
    }
    let policy = root.join("valid/policy.md");
    std::fs::write(&policy, edit(std::fs::read(&policy).expect("policy.md"))).expect("writes");
    root.join("valid")
}

#[test]
fn a_bad_byte_is_reported_where_it_is() {
    let dir = valid_copy_with("bad-byte", |bytes| {
        let tenth = bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').nth(8).map(|(i, _)| i + 1).expect("lines");
        [&bytes[..tenth], b"ab\xFF", &bytes[tenth..]].concat()
    });
    let (reported, has_errors) = lint(&dir);
    assert!(has_errors);
    assert!(reported.iter().any(|r| r.starts_with("policy.md:10:3: error: byte 0xFF is not UTF-8")), "{reported:#?}");
}

#[test]
fn a_byte_order_mark_before_the_front_matter_is_accepted() {
    let dir = valid_copy_with("bom", |bytes| [b"\xEF\xBB\xBF".as_slice(), &bytes].concat());
    let (reported, has_errors) = lint(&dir);
    assert!(!has_errors, "{reported:#?}");
}
