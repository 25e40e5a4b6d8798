//! `postwise check` on input that once made it hang or exhaust memory: a directory, a line of
//! 10 MB, a byte-order mark, a line that is not UTF-8.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn policy() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies/chestnuts")
}

/// Runs `postwise check` on `jsonl` (a path, or `-` with `stdin`), killed after 20 seconds.
fn check(jsonl: &str, stdin: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_postwise"))
        .args(["check", "--policy", &policy().display().to_string(), "--jsonl", jsonl])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut input = child.stdin.take().expect("stdin");
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        // At most 1 MB: a run that prints forever is stopped by the deadline below.
        let mut out = Vec::new();
        let _ = stdout.by_ref().take(1 << 20).read_to_end(&mut out);
        out
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waits") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("postwise check {jsonl} did not finish in 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    writer.join().expect("writer");
    let out = reader.join().expect("reader");
    let mut err = String::new();
    child.stderr.take().expect("stderr").read_to_string(&mut err).expect("stderr");
    (status.code().unwrap_or(-1), String::from_utf8_lossy(&out).into_owned(), err)
}

const GOOD: &str = r#"{"id": "ok", "author": "staff", "channel": "school", "text": "Well done to year 6."}"#;

#[test]
fn a_directory_is_an_error_not_an_endless_loop() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let (code, out, err) = check(&dir.display().to_string(), b"");
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty(), "no error lines, one message: {}", &out[..out.len().min(300)]);
    assert!(err.contains("cannot read") && err.contains("directory"), "{err}");
}

#[test]
fn a_byte_order_mark_before_the_first_line_is_skipped() {
    let (code, out, err) = check("-", format!("\u{FEFF}{GOOD}\n").as_bytes());
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out.trim(), r#"{"id":"ok","findings":[]}"#);
}

#[test]
fn a_huge_line_and_a_bad_one_are_errors_and_the_next_is_checked() {
    let huge =
        format!(r#"{{"id": "huge", "author": "staff", "channel": "school", "text": "{}"}}"#, "damn ".repeat(2_000_000));
    let long = format!(r#"{{"id": "long", "author": "staff", "channel": "school", "text": "{}"}}"#, "a".repeat(20_001));
    let input = [huge.as_bytes(), b"\n\xFF\xFE not UTF-8\n", long.as_bytes(), b"\n", GOOD.as_bytes(), b"\n"].concat();
    let (code, out, err) = check("-", &input);
    assert_eq!(code, 1, "{err}");
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    assert_eq!(lines.len(), 4, "{out}");
    let error = |i: usize| lines[i]["error"].as_str().unwrap_or_default().to_owned();
    assert!(error(0).starts_with("line 1: over ") && error(0).contains("not read"), "{}", error(0));
    assert!(error(1).starts_with("line 2: cannot be read"), "{}", error(1));
    assert_eq!(lines[2]["id"], "long");
    assert!(error(2).contains("20001 characters, over the 20000 a draft may have"), "{}", error(2));
    assert_eq!(lines[3]["id"], "ok");
    assert!(lines[3]["findings"].is_array());
}
