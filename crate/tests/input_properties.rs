//! Properties of the places outside input enters besides the checker (`properties.rs`): a
//! signed record's canonical form, the server's path resolution, and the import.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

use postwise::form::canonical::Value;
use postwise::form::{json, record};
use postwise::import::{self, ImportError, Options};
use postwise::site::serve::{Target, resolve};
use proptest::prelude::*;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

// ── The record's canonical form ──────────────────────────────────────────────────────────────

/// Any JSON value a record could hold: no numbers, object members with distinct names.
fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        "\\PC{0,12}".prop_map(Value::String),
        "[\"\\\\/\\u{0}-\\u{1f}\\u{7f}\\u{2028}é😀]{0,6}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map("[a-zé😀_]{0,6}", inner, 0..5)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// `value` with every object's members in name order: objects are equal in any order.
fn sorted(value: Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        Value::Object(members) => {
            let mut members: Vec<(String, Value)> = members.into_iter().map(|(n, v)| (n, sorted(v))).collect();
            members.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(members)
        }
        other => other,
    }
}

/// Every string and boolean in `value`, as a path of indexes.
fn leaves(value: &Value, path: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    match value {
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                path.push(index);
                leaves(item, path, out);
                path.pop();
            }
        }
        Value::Object(members) => {
            for (index, (_, member)) in members.iter().enumerate() {
                path.push(index);
                leaves(member, path, out);
                path.pop();
            }
        }
        Value::String(_) | Value::Bool(_) => out.push(path.clone()),
        Value::Null => {}
    }
}

/// Changes the leaf at `path`: another string, or the other boolean.
fn edit(value: &mut Value, path: &[usize]) {
    match (value, path.split_first()) {
        (Value::Array(items), Some((first, rest))) => edit(&mut items[*first], rest),
        (Value::Object(members), Some((first, rest))) => edit(&mut members[*first].1, rest),
        (Value::String(text), None) => text.push('.'),
        (Value::Bool(flag), None) => *flag = !*flag,
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_canonical_form_reads_back_as_the_same_value(value in any_value()) {
        let canonical = value.to_canonical();
        let again = json::parse(&canonical).map_err(TestCaseError::fail)?;
        prop_assert_eq!(sorted(again.clone()), sorted(value));
        prop_assert_eq!(again.to_canonical(), canonical);
    }

    #[test]
    fn any_edit_of_a_record_changes_its_digest(
        members in prop::collection::btree_map("[a-z]{1,6}", any_value(), 1..6),
        pick in any::<prop::sample::Index>(),
    ) {
        let mut record = Value::Object(members.into_iter().filter(|(n, _)| n != "digest").collect());
        let digest = record::compute_digest(&record);
        let mut paths = Vec::new();
        leaves(&record, &mut Vec::new(), &mut paths);
        prop_assume!(!paths.is_empty());
        edit(&mut record, &paths[pick.index(paths.len())]);
        prop_assert_ne!(record::compute_digest(&record), digest.clone());
        if let Value::Object(members) = &mut record {
            members.push(("digest".to_owned(), Value::String(digest)));
            members.push(("format".to_owned(), Value::string(record::FORMAT)));
        }
        let verification = record::verify(&record.to_canonical(), None).map_err(TestCaseError::fail)?;
        prop_assert!(!verification.intact, "an edited record is not intact");
    }
}

// ── The server's path resolution ──────────────────────────────────────────────────────────────

/// A small site with a folder, a file, and a link that leads out of it.
static SITE: LazyLock<(PathBuf, PathBuf)> = LazyLock::new(|| {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("input_properties");
    let _ = std::fs::remove_dir_all(&dir);
    let root = dir.join("site");
    std::fs::create_dir_all(root.join("school")).expect("mkdir");
    std::fs::write(root.join("index.html"), "home").expect("write");
    std::fs::write(root.join("school/index.html"), "school").expect("write");
    std::fs::write(dir.join("secret.txt"), "secret").expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("secret.txt"), root.join("school/link.txt")).expect("symlink");
    (root.canonicalize().expect("root"), dir)
});

fn url_piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "/",
        "//",
        "..",
        ".",
        "%2e%2e",
        "%2E",
        "%2f",
        "%2F",
        "%5c",
        "\\",
        "%00",
        "%",
        "%zz",
        "school",
        "index.html",
        "link.txt",
        "secret.txt",
        "a b",
        "%20",
        "é",
        "%c3%a9",
        "?",
        "#",
        ":",
        "C:",
        "~",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_url_resolves_outside_the_site(pieces in prop::collection::vec(url_piece(), 0..8), lead in any::<bool>()) {
        let (root, _) = &*SITE;
        let url = format!("{}{}", if lead { "/" } else { "" }, pieces.concat());
        match resolve(root, &url) {
            Target::File(path, site_path) => {
                let real = path.canonicalize().map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert!(real.starts_with(root), "{url} reached {}", real.display());
                prop_assert_eq!(path, root.join(&site_path));
                prop_assert!(!site_path.contains("..") && !site_path.starts_with('/'), "{}", site_path);
            }
            Target::Redirect(location) => {
                prop_assert!(location.starts_with('/') && !location.starts_with("//"), "{url} → {location}");
                prop_assert!(!location.contains('\\') && location.ends_with('/'), "{url} → {location}");
            }
            Target::NotFound => {}
        }
    }
}

// ── The import ───────────────────────────────────────────────────────────────────────────────

/// A scratch `policies/` folder with the shared platforms.
static POLICIES: LazyLock<PathBuf> = LazyLock::new(|| {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("input_properties_import");
    let shared = dir.join("_shared");
    std::fs::create_dir_all(&shared).expect("mkdir");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::copy(repo.join("policies/_shared/platforms.toml"), shared.join("platforms.toml")).expect("copy");
    dir
});

/// Lines a school's policy has, and some it should not.
fn policy_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Social Media Policy".to_owned()),
        Just("Contents".to_owned()),
        (1u32..40).prop_map(|n| format!("{n}. Staff use of social media")),
        (1u32..9, 1u32..9)
            .prop_map(|(a, b)| format!("{a}.{b} Staff must not befriend pupils or parents on social media.")),
        Just("· Facebook".to_owned()),
        Just("- TikTok\tInstagram".to_owned()),
        Just("Pupils should not share passwords, photos or their home address online.".to_owned()),
        Just("Next review: September 2026".to_owned()),
        Just("[bookmark: _heading=h.1t3h5sf]".to_owned()),
        Just("Introduction ..................... 3".to_owned()),
        Just(String::new()),
        "\\PC{0,60}",
    ]
}

/// A Word document whose paragraphs are `lines`, some in list levels.
fn docx(lines: &[String], starts: &[u32]) -> Vec<u8> {
    let escape = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let body: String = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let list = if i % 3 == 1 { "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>" } else { "" };
            format!("<w:p><w:pPr>{list}</w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>", escape(line))
        })
        .collect();
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let levels: String = starts
        .iter()
        .zip(["lowerRoman", "upperLetter", "decimal"])
        .enumerate()
        .map(|(i, (start, format))| {
            format!("<w:lvl w:ilvl=\"{i}\"><w:start w:val=\"{start}\"/><w:numFmt w:val=\"{format}\"/><w:lvlText w:val=\"%1.%{}\"/></w:lvl>", i + 1)
        })
        .collect();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in [
        ("word/document.xml", format!("<w:document {w}><w:body>{body}</w:body></w:document>")),
        (
            "word/numbering.xml",
            format!(
                "<w:numbering {w}><w:abstractNum w:abstractNumId=\"0\">{levels}</w:abstractNum>\
                 <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"
            ),
        ),
    ] {
        zip.start_file(name, options).expect("entry");
        zip.write_all(text.as_bytes()).expect("write");
    }
    zip.finish().expect("zip").into_inner()
}

/// Imports `bytes` as the file `name`: it may refuse, but never panic, and what it makes lints.
fn import_never_makes_bad_files(name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let options = Options { id: "property".to_owned(), out: POLICIES.join("property"), force: true };
    match import::convert(Path::new(name), bytes, &options) {
        Err(ImportError::Invalid { problems, .. }) => {
            Err(TestCaseError::fail(format!("output does not lint:\n{problems}")))
        }
        _ => Ok(()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn importing_any_text_never_panics_and_what_it_makes_lints(lines in prop::collection::vec(policy_line(), 1..40)) {
        import_never_makes_bad_files("policy.txt", lines.join("\n").as_bytes())?;
    }

    #[test]
    fn importing_any_word_document_never_panics_and_what_it_makes_lints(
        lines in prop::collection::vec(policy_line(), 1..30),
        starts in prop::collection::vec(prop_oneof![0u32..50, Just(u32::MAX), 30_000u32..40_000], 3),
    ) {
        import_never_makes_bad_files("policy.docx", &docx(&lines, &starts))?;
    }
}
