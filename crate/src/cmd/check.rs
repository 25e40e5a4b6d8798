//! `postwise check`: the checker's command-line contract (`checker-contract.md`).

use anyhow::Context as _;
use postwise::check::Checker;
use postwise::detect::tone;
use postwise::model::{Author, Channel, Context, Finding, MediaItem};
use postwise::policy::{self, date::Date};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Check drafts against a school's rules: one JSON object a line in, one a line out.
///
/// Input lines: {"id": "c1", "author": "staff", "channel": "school", "text": "…", "age": 9,
/// "media": [{"type": "image", "pupils": 2, "consent": "images"}]}. Other fields are ignored.
/// Output lines, in input order: {"id": "c1", "findings": [...]}, or {"id": …, "error": "…"}
/// for a line that is not valid input. Blank lines are skipped.
///
/// Exit status: 0 when every line was read, 1 when a line was bad, 2 when the policy cannot
/// be loaded (the problems are printed as file:line:column).
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
    let reader: Box<dyn BufRead> = if args.jsonl == "-" {
        Box::new(BufReader::new(std::io::stdin()))
    } else {
        Box::new(BufReader::new(
            std::fs::File::open(&args.jsonl).with_context(|| format!("cannot open {}", args.jsonl))?,
        ))
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut bad_lines = 0usize;
    for (number, line) in reader.lines().enumerate() {
        let line = match line {
            Ok(line) => line,
            Err(error) => {
                // Not UTF-8, or the read failed: report it and go on with the next line.
                bad_lines += 1;
                let message = format!("line {}: cannot be read: {error}", number + 1);
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string(&Output {
                        id: &serde_json::Value::Null,
                        findings: None,
                        error: Some(message)
                    })?
                )?;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let (id, draft) = parse_line(&line);
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
                Output { id: &id, findings: None, error: Some(format!("line {}: {message}", number + 1)) }
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
}
