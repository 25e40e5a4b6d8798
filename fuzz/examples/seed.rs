//! Writes the seed corpora under `fuzz/corpus/<target>/` from the repository's fixtures: drafts
//! from the labelled set, the rules' examples, records and answers for every school's forms, the
//! seed policies as text and as a Word document, and the lint fixtures. Run it after the
//! fixtures change: `cargo run -p postwise-fuzz --example seed`.
#![allow(clippy::expect_used, clippy::unwrap_used)] // a tool run by hand: a panic says what failed

use postwise::form::canonical::Value;
use postwise::form::model::FieldKind;
use postwise::form::record;
use std::io::Write as _;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Empties `fuzz/corpus/<target>/` and writes `inputs` into it, one file each.
fn write_corpus(target: &str, inputs: Vec<Vec<u8>>) {
    let dir = repo().join("fuzz/corpus").join(target);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("corpus folder");
    let count = inputs.len();
    for (index, input) in inputs.into_iter().enumerate() {
        std::fs::write(dir.join(format!("seed-{index:03}")), input).expect("writes");
    }
    println!("{target}: {count} seeds");
}

/// The header byte of the `check` target for an author and channel.
fn context_bytes(author: &str, channel: &str, school: u8) -> [u8; 4] {
    let author = ["staff", "pupil", "parent"].iter().position(|a| *a == author).unwrap_or(0) as u8;
    let channel = ["school", "personal", "group", "direct"].iter().position(|c| *c == channel).unwrap_or(0) as u8;
    [school, author | channel << 2, 9, 0]
}

fn check_seeds() -> Vec<Vec<u8>> {
    let dev = std::fs::read_to_string(repo().join("tests/fixtures/eval/dev.jsonl")).expect("dev.jsonl");
    let mut seeds = Vec::new();
    for (index, line) in dev.lines().enumerate().filter(|(i, _)| i % 12 == 0) {
        let draft: serde_json::Value = serde_json::from_str(line).expect("JSON");
        let text = draft["text"].as_str().unwrap_or_default();
        let author = draft["author"].as_str().unwrap_or("staff");
        let channel = draft["channel"].as_str().unwrap_or("school");
        let mut seed = context_bytes(author, channel, (index % 5) as u8).to_vec();
        seed.extend_from_slice(text.as_bytes());
        seeds.push(seed);
    }
    let evasions = std::fs::read_to_string(repo().join("tests/fixtures/evasions.tsv")).expect("evasions");
    for line in evasions.lines().filter(|l| !l.starts_with('#')).take(20) {
        let mut seed = context_bytes("pupil", "group", 1).to_vec();
        seed.extend_from_slice(line.split('\t').next().unwrap_or_default().as_bytes());
        seeds.push(seed);
    }
    seeds
}

/// An answer every field of its kind accepts.
fn answer(field: &postwise::form::model::Field) -> Value {
    let s = Value::string;
    match field.kind {
        FieldKind::Text | FieldKind::LongText => s("Sam Jones"),
        FieldKind::Url => s("https://example.org/page"),
        FieldKind::Date => s("2025-03-01"),
        FieldKind::Email => s("sam@example.org"),
        FieldKind::Choice if field.multiple => {
            Value::Array(field.options.iter().take(2).map(|o| s(&o.value)).collect())
        }
        FieldKind::Choice => field.options.first().map_or(Value::Null, |o| s(&o.value)),
        FieldKind::Statement => Value::Bool(true),
        FieldKind::Signature => Value::object([("drawing", Some(s("M10 10L20 20"))), ("name", Some(s("Sam Jones")))]),
    }
}

fn form_seeds() -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let (mut answers, mut records) = (Vec::new(), Vec::new());
    for (index, (form, _)) in postwise_fuzz::forms().iter().enumerate() {
        let members = form.fields().map(|(_, field)| (field.id.as_str(), Some(answer(field))));
        let given = Value::object(members);
        let mut seed = vec![index as u8];
        seed.extend_from_slice(given.to_canonical().as_bytes());
        answers.push(seed);
        let parsed = postwise::form::answer::answers_from_json(&given.to_canonical()).expect("answers");
        if let Ok(made) = record::make_record(form, &parsed, "2025-03-27T09:41:05Z") {
            records.push(made.to_canonical().into_bytes());
        }
    }
    answers.push(b"\x00{}".to_vec());
    for text in [r#"{"a":[true,false,null,"\u00e9\ud83d\ude00"],"b":{}}"#, r#""\\\"\/\b\f\n\r\t""#, "[]"] {
        records.push(text.as_bytes().to_vec());
    }
    (answers, records)
}

/// A small Word document: a title, a heading, a numbered list in roman numerals.
fn docx(start: &str) -> Vec<u8> {
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let p = |style: &str, list: bool, text: &str| {
        let style = if style.is_empty() { String::new() } else { format!("<w:pStyle w:val=\"{style}\"/>") };
        let list = if list { "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>" } else { "" };
        format!("<w:p><w:pPr>{style}{list}</w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    };
    let body = [
        p("Title", false, "Social Media Policy"),
        p("Heading1", false, "Staff use of social media"),
        p("", true, "Staff must not befriend pupils on social media."),
        p("", true, "Staff should not post photos of pupils without consent &amp; care."),
    ]
    .concat();
    let parts = [
        ("word/document.xml", format!("<w:document {w}><w:body>{body}</w:body></w:document>")),
        (
            "word/styles.xml",
            format!(
                "<w:styles {w}><w:style w:styleId=\"Title\"><w:name w:val=\"Title\"/></w:style>\
                 <w:style w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/></w:style></w:styles>"
            ),
        ),
        (
            "word/numbering.xml",
            format!(
                "<w:numbering {w}><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"{start}\"/>\
                 <w:numFmt w:val=\"lowerRoman\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>\
                 <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"
            ),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // Stored, not deflated: the fuzzer then changes the XML itself, not compressed bits.
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in parts {
        zip.start_file(name, options).expect("entry");
        zip.write_all(text.as_bytes()).expect("write");
    }
    zip.finish().expect("zip").into_inner()
}

fn txt_seeds() -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    for entry in std::fs::read_dir(repo().join("tests/fixtures/seeds")).expect("seeds") {
        let text = std::fs::read(entry.expect("entry").path()).expect("seed");
        // The opening few kilobytes: headings, numbered clauses and the contents list.
        let cut = text.iter().take(6000).rposition(|&b| b == b'\n').unwrap_or(text.len().min(6000));
        seeds.push(text[..cut].to_vec());
    }
    seeds.push(b"Social media policy\n\n1. Staff\n\n1.1 Staff must not friend pupils online.\n".to_vec());
    seeds
}

fn lint_seeds() -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    let fixtures = repo().join("tests/fixtures/lint");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .expect("fixtures")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.join("school.toml").is_file())
        .collect();
    dirs.sort();
    for dir in dirs {
        let read = |name: &str| std::fs::read(dir.join(name)).unwrap_or_default();
        seeds.push([read("school.toml"), read("policy.md"), read("rules.toml")].join(&0u8));
    }
    seeds
}

fn main() {
    write_corpus("check", check_seeds());
    let (answers, records) = form_seeds();
    write_corpus("answers", answers);
    write_corpus("record", records);
    write_corpus("import_docx", vec![docx("1"), docx("4294967000")]);
    write_corpus("import_txt", txt_seeds());
    write_corpus("lint", lint_seeds());
}
