//! `postwise keys new` on a copy of the policies: the key file opens with its passphrase and
//! nothing else, the public half lands in school.toml and passes lint, and the command refuses
//! to write a key where it would be published. Lint fails a policy folder holding a key file.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

use postwise::form::key::OfficeKey;
use postwise::policy::{self, date::Date};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A scratch copy of the shared platforms and one school.
fn scratch(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies");
    let dir = std::env::temp_dir().join(format!("postwise-keys-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for sub in ["_shared", "chestnuts"] {
        std::fs::create_dir_all(dir.join("policies").join(sub)).unwrap();
        for entry in std::fs::read_dir(root.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                std::fs::copy(&path, dir.join("policies").join(sub).join(path.file_name().unwrap())).unwrap();
            }
        }
    }
    dir
}

fn keys_new(dir: &Path, out: &Path, passphrase: &str, extra: &[&str]) -> (i32, String, String) {
    let policies = dir.join("policies");
    let mut child = Command::new(env!("CARGO_BIN_EXE_postwise"))
        .args(["keys", "new", "--school", "chestnuts", "--out"])
        .arg(out)
        .arg("--policies")
        .arg(&policies)
        .args(extra)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A refusal (the file exists, a folder that is published) may come before the passphrase is
    // read, and the child's end of the pipe be closed already: that is not the test's failure.
    let _ = child.stdin.take().unwrap().write_all(format!("{passphrase}\n").as_bytes());
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_new_key_is_sealed_outside_the_policies_and_published_in_school_toml() {
    let dir = scratch("new");
    let out = dir.join("chestnuts-office-key.json");
    let (code, printed, err) =
        keys_new(&dir, &out, "correct horse battery staple", &["--add", "--valid-from", "2026-09-01"]);
    assert_eq!(code, 0, "{err}");
    let key = OfficeKey::open(&std::fs::read_to_string(&out).unwrap(), "correct horse battery staple").expect("opens");
    assert_eq!(key.school, "chestnuts");
    assert!(printed.contains(&format!("public_key = \"{}\"", key.public_key().to_text())), "{printed}");
    assert!(printed.contains("valid_from = \"2026-09-01\""), "{printed}");

    let (loaded, diagnostics) = policy::load_valid(&dir.join("policies/chestnuts"), Date::today());
    assert!(!diagnostics.has_errors(), "{:?}", diagnostics.into_sorted());
    let keys = loaded.expect("loads").school_keys();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].public_key, key.public_key());

    // Never over another file, never inside the policies, never with a short passphrase.
    let (code, _, err) = keys_new(&dir, &out, "correct horse battery staple", &[]);
    assert_eq!(code, 2);
    assert!(err.contains("exists already"), "{err}");
    let inside = dir.join("policies/chestnuts/office-key.json");
    let (code, _, err) = keys_new(&dir, &inside, "correct horse battery staple", &[]);
    assert_eq!(code, 2);
    assert!(err.contains("is in the policies folder"), "{err}");
    assert!(!inside.exists());
    let (code, _, err) = keys_new(&dir, &dir.join("short.json"), "too short", &[]);
    assert_eq!(code, 2);
    assert!(err.contains("12 characters"), "{err}");

    // A key file put in the policy folder all the same fails lint, and so the build.
    std::fs::copy(&out, &inside).unwrap();
    let (loaded, diagnostics) = policy::load_valid(&dir.join("policies/chestnuts"), Date::today());
    assert!(loaded.is_none());
    let problems: Vec<String> = diagnostics.into_sorted().iter().map(ToString::to_string).collect();
    assert!(
        problems.iter().any(|p| p.contains("office-key.json:1:") && p.contains("this is a private key")),
        "{problems:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
