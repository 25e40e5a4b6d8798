//! `postwise check`: the checker's command-line contract (`checker-contract.md`).

use anyhow::Context as _;
use postwise::check::{Checker, DRAFT_LIMIT, over_draft_limit};
use postwise::detect::tone;
use postwise::model::{Author, Channel, Context, Finding, MediaItem};
use postwise::policy::{self, date::Date};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufReader, Read as _, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Check drafts against a school's rules: one JSON object a line in, one a line out.
///
/// Input lines: {"id": "c1", "author": "staff", "channel": "school", "text": "…", "age": 9,
/// "media": [{"type": "image", "pupils": 2, "consent": "images"}]}. Other fields are ignored.
/// Output lines, in input order: {"id": "c1", "findings": [...]}, or {"id": …, "error": "…"}
/// for a line that is not valid input. Blank lines are skipped.
///
/// A draft may have at most 20,000 characters (`postwise::check::DRAFT_LIMIT`); a longer one
/// gets an error line. A byte-order mark before the first line is skipped.
///
/// Exit status: 0 when every line was read, 1 when a line was bad, 2 when the policy cannot
/// be loaded (the problems are printed as file:line:column) or the input cannot be read.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The school's policy folder, e.g. policies/chestnuts.
    #[arg(long, value_name = "DIR")]
    policy: PathBuf,
    /// Read JSON lines from FILE, or `-` for standard input.
    #[arg(long, value_name = "FILE")]
    jsonl: String,
    /// The word-level check alone, without the tone tier (as the page checks while typing).
    #[arg(long)]
    no_tone: bool,
}

/// One input line.
#[derive(Deserialize)]
struct Input {
    author: Author,
    channel: Channel,
    text: String,
    #[serde(default)]
    age: Option<u32>,
    #[serde(default)]
    media: Option<Vec<MediaItem>>,
}

#[derive(Serialize)]
struct Output<'a> {
    id: &'a serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    findings: Option<Vec<Finding>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// The longest input line read: a draft at the limit, every character escaped as JSON's
/// longest escape (12 bytes for a character outside the BMP), and room for the other fields.
/// A longer line is skipped unread, so no line can take more memory than this.
const LINE_LIMIT: usize = DRAFT_LIMIT * 12 + 64 * 1024;

/// One input line as read.
enum Line {
    /// The line's bytes, without its newline.
    Bytes(Vec<u8>),
    /// A line over [`LINE_LIMIT`], skipped.
    TooLong,
}

/// Reads the next line into `buffer`, skipping what is over [`LINE_LIMIT`]; `None` at the end.
/// A read error is returned, not skipped: reading the same file again would fail again.
fn next_line<R: BufRead>(reader: &mut R, buffer: &mut Vec<u8>) -> std::io::Result<Option<Line>> {
    buffer.clear();
    let read = reader.by_ref().take(LINE_LIMIT as u64 + 1).read_until(b'\n', buffer)?;
    if read == 0 {
        return Ok(None);
    }
    if buffer.last() == Some(&b'\n') {
        buffer.pop();
        return Ok(Some(Line::Bytes(std::mem::take(buffer))));
    }
    if buffer.len() <= LINE_LIMIT {
        return Ok(Some(Line::Bytes(std::mem::take(buffer))));
    }
    // Skip the rest of the line a buffer at a time.
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok(Some(Line::TooLong));
        }
        match available.iter().position(|&b| b == b'\n') {
            Some(end) => {
                reader.consume(end + 1);
                return Ok(Some(Line::TooLong));
            }
            None => {
                let length = available.len();
                reader.consume(length);
            }
        }
    }
}

/// Parses one line: its id (null if it cannot be read) and the draft or what is wrong.
fn parse_line(line: &str) -> (serde_json::Value, Result<(String, Context), String>) {
    let value: serde_json::Value = match serde_json::from_str(line) {
        Ok(value) => value,
        Err(error) => {
            return (serde_json::Value::Null, Err(format!("not a JSON object: {error}")));
        }
    };
    let id = value.get("id").cloned().unwrap_or(serde_json::Value::Null);
    if !value.is_object() {
        return (id, Err("not a JSON object".to_owned()));
    }
    match serde_json::from_value::<Input>(value) {
        Ok(input) => {
            if let Some(chars) = over_draft_limit(&input.text) {
                return (
                    id,
                    Err(format!(
                        "the text has {chars} characters, over the {DRAFT_LIMIT} a draft may have: check it in parts"
                    )),
                );
            }
            let context = Context {
                author: input.author,
                channel: input.channel,
                age: input.age,
                media: input.media.unwrap_or_default(),
            };
            (id, Ok((input.text, context)))
        }
        Err(error) => (id, Err(error.to_string())),
    }
}

pub(crate) fn execute(args: Args) -> anyhow::Result<ExitCode> {
    let (loaded, diagnostics) = policy::load_valid(&args.policy, Date::today());
    let Some(loaded) = loaded else {
        for diagnostic in diagnostics.into_sorted().into_iter().filter(|d| d.level == policy::diagnostic::Level::Error)
        {
            eprintln!("{diagnostic}");
        }
        eprintln!("postwise: cannot load the policy in {}", args.policy.display());
        return Ok(ExitCode::from(2));
    };
    let checker = match Checker::new(&loaded.bundle()) {
        Ok(checker) => checker,
        Err(error) => {
            eprintln!("{}: {error}", loaded.rules_file.path.display());
            return Ok(ExitCode::from(2));
        }
    };
    let tone = if args.no_tone { None } else { Some(tone::bundled().context("the bundled tone model does not read")?) };
    let mut reader: Box<dyn BufRead> = if args.jsonl == "-" {
        Box::new(BufReader::new(std::io::stdin()))
    } else {
        Box::new(BufReader::new(
            std::fs::File::open(&args.jsonl).with_context(|| format!("cannot open {}", args.jsonl))?,
        ))
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut bad_lines = 0usize;
    let mut buffer = Vec::new();
    let mut number = 0usize;
    while let Some(line) = next_line(&mut reader, &mut buffer).with_context(|| format!("cannot read {}", args.jsonl))? {
        number += 1;
        let text = match &line {
            Line::Bytes(bytes) => std::str::from_utf8(bytes).map_err(|e| format!("cannot be read: {e}")),
            Line::TooLong => Err(format!(
                "over {LINE_LIMIT} bytes, too long to be a draft of at most {DRAFT_LIMIT} characters: not read"
            )),
        };
        let text = match text {
            // Editors on Windows may start a file with a byte-order mark.
            Ok(text) if number == 1 => text.strip_prefix('\u{FEFF}').unwrap_or(text),
            Ok(text) => text,
            Err(message) => {
                bad_lines += 1;
                let error = Some(format!("line {number}: {message}"));
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string(&Output { id: &serde_json::Value::Null, findings: None, error })?
                )?;
                continue;
            }
        };
        if text.trim().is_empty() {
            continue;
        }
        let (id, draft) = parse_line(text);
        let output = match draft {
            Ok((text, context)) => {
                let findings = match tone {
                    Some(tone) => checker.check_with_tone(&text, &context, tone),
                    None => checker.check(&text, &context),
                };
                Output { id: &id, findings: Some(findings), error: None }
            }
            Err(message) => {
                bad_lines += 1;
                Output { id: &id, findings: None, error: Some(format!("line {number}: {message}")) }
            }
        };
        writeln!(out, "{}", serde_json::to_string(&output)?)?;
        out.flush()?;
    }
    Ok(if bad_lines > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_good_lines_and_ignores_extra_fields() {
        let (id, draft) = parse_line(
            r#"{"id": "c1", "policy": "x", "author": "pupil", "channel": "direct", "age": 9, "text": "hi"}"#,
        );
        assert_eq!(id, serde_json::json!("c1"));
        let (text, context) = draft.expect("valid");
        assert_eq!((text.as_str(), context.author, context.age), ("hi", Author::Pupil, Some(9)));
    }

    #[test]
    fn explains_bad_lines() {
        let (id, draft) = parse_line(r#"{"id": 7, "author": "teacher", "channel": "school", "text": "x"}"#);
        assert_eq!(id, serde_json::json!(7));
        assert!(draft.expect_err("bad author").contains("unknown variant `teacher`"));
        let (id, draft) = parse_line("{not json");
        assert_eq!(id, serde_json::Value::Null);
        assert!(draft.expect_err("bad json").starts_with("not a JSON object"));
        let (_, draft) = parse_line(
            r#"{"id": "m", "author": "staff", "channel": "school", "text": "x", "media": [{"type": "gif", "pupils": 1, "consent": "none"}]}"#,
        );
        assert!(draft.expect_err("bad media").contains("gif"));
        let (_, draft) = parse_line(r#"{"id": "t", "author": "staff", "channel": "school"}"#);
        assert!(draft.expect_err("no text").contains("missing field `text`"));
    }

    #[test]
    fn a_draft_over_the_limit_is_an_error() {
        let line = format!(
            r#"{{"id": "long", "author": "staff", "channel": "school", "text": "{}"}}"#,
            "a ".repeat(DRAFT_LIMIT)
        );
        let (id, draft) = parse_line(&line);
        assert_eq!(id, serde_json::json!("long"));
        assert_eq!(
            draft.expect_err("too long"),
            "the text has 40000 characters, over the 20000 a draft may have: check it in parts"
        );
    }

    #[test]
    fn lines_over_the_limit_are_skipped_unread() {
        let input = [b"{}\n".to_vec(), vec![b'x'; LINE_LIMIT + 10], b"\nlast".to_vec()].concat();
        let mut reader = std::io::BufReader::with_capacity(1024, input.as_slice());
        let mut buffer = Vec::new();
        let mut lines = Vec::new();
        while let Some(line) = next_line(&mut reader, &mut buffer).expect("reads") {
            lines.push(match line {
                Line::Bytes(bytes) => String::from_utf8(bytes).expect("text"),
                Line::TooLong => "(too long)".to_owned(),
            });
        }
        assert_eq!(lines, ["{}", "(too long)", "last"]);
    }
}
