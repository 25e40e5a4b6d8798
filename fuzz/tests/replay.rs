//! Every fuzz target on its corpus (`fuzz/corpus/<target>/`, seeds and what AFL++ kept) and on
//! every input that ever made it fail (`fuzz/regressions/<target>/`): what CI runs instead of
//! fuzzing.
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

use std::path::Path;

/// Runs `target` on every file of its corpus and regressions; fails naming the files that
/// panicked.
#[track_caller]
fn replay(name: &str, target: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs = Vec::new();
    for folder in [root.join("corpus").join(name), root.join("regressions").join(name)] {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        inputs.extend(entries.filter_map(|e| Some(e.ok()?.path())).filter(|p| p.is_file()));
    }
    inputs.sort();
    assert!(!inputs.is_empty(), "no corpus for {name}: run fuzz/seed.sh");
    let mut failed = Vec::new();
    for path in &inputs {
        let bytes = std::fs::read(path).expect("reads");
        if std::panic::catch_unwind(|| target(&bytes)).is_err() {
            failed.push(path.display().to_string());
        }
    }
    assert!(failed.is_empty(), "{name} failed on {} of {} inputs:\n{}", failed.len(), inputs.len(), failed.join("\n"));
}

#[test]
fn check() {
    replay("check", postwise_fuzz::check);
}

#[test]
fn record() {
    replay("record", postwise_fuzz::record);
}

#[test]
fn answers() {
    replay("answers", postwise_fuzz::answers);
}

#[test]
fn import_docx() {
    replay("import_docx", postwise_fuzz::import_docx);
}

#[test]
fn import_txt() {
    replay("import_txt", postwise_fuzz::import_txt);
}

#[test]
fn lint() {
    replay("lint", postwise_fuzz::lint);
}
