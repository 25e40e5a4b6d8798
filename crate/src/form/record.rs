//! The signed record of a filled form: the answers, the exact text of every statement agreed
//! to, the policy's version, the time, and a SHA-256 digest over a canonical form of all of it
//! (`RECORD.md` in this folder). [`verify`] recomputes the digest of a record file.
//!
//! A record is a JSON object ([`Value`]), made and checked the same way natively and in the
//! browser. Its digest covers every member but `digest` itself and the school's `receipt`
//! (added when the school receives it, and signing the digest), whatever they are, so any other
//! change to a record file, an added member too, is noticed.
//!
//! The digest shows that a record is the one the form made, unchanged; it is not a signature
//! only its writer could make: anyone who edits a record and recomputes the digest by the
//! published rules makes a record that verifies. What tells them apart is the school's
//! countersignature (`receipt.rs`) and the content check (`content.rs`).

use super::answer::{Answer, Answers};
use super::canonical::Value;
use super::digest::sha256_hex;
use super::json;
use super::model::{Field, FieldKind, Form};
use super::validate::{FieldError, next_day, parse_date, read};

/// The `format` of records made by this version of Postwise.
pub const FORMAT: &str = "postwise-form-record/1";

/// What the digest's text starts with.
pub const DIGEST_PREFIX: &str = "sha256:";

/// The members of a record its digest leaves out: the digest itself, and the school's receipt,
/// which is added after the digest and signs it.
pub const NOT_DIGESTED: [&str; 2] = ["digest", "receipt"];

/// What [`verify`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verification {
    /// Whether the digest matches the record: nothing was changed since it was made, or since
    /// someone recomputed the digest.
    pub intact: bool,
    /// Whether the record is in a format this version of Postwise makes.
    pub known_format: bool,
    /// The digest computed from the record as it is now.
    pub computed_digest: String,
    /// Whether it was made against the policy version given as current (`None` when no
    /// current version was given).
    pub current_policy: Option<bool>,
}

impl FieldError {
    /// As JSON for the browser: `{field, message}`.
    pub fn to_value(&self) -> Value {
        Value::object([("field", Some(Value::string(&self.field))), ("message", Some(Value::string(&self.message)))])
    }
}

/// The day of `text` (`YYYY-MM-DD`) when it is a real UTC time written `YYYY-MM-DDTHH:MM:SSZ`.
pub fn utc_day(text: &str) -> Option<&str> {
    let shape = text.len() == 20
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            10 => b == b'T',
            13 | 16 => b == b':',
            19 => b == b'Z',
            _ => b.is_ascii_digit(),
        });
    if !shape {
        return None;
    }
    let number = |at: usize| text.get(at..at + 2).and_then(|n| n.parse::<u32>().ok());
    let day = text.get(..10)?;
    let time_ok = number(11)? < 24 && number(14)? < 60 && number(17)? < 60;
    (time_ok && parse_date(day).as_deref() == Ok(day)).then_some(day)
}

/// The record of `answers` to `form`, submitted at `submitted_at` (`YYYY-MM-DDTHH:MM:SSZ`), or
/// every problem with the answers.
pub fn make_record(form: &Form, answers: &Answers, submitted_at: &str) -> Result<Value, Vec<FieldError>> {
    let s = Value::string;
    let mut errors = Vec::new();
    // A date may be the day after the UTC day the form was sent: that is already today in time
    // zones east of Greenwich.
    let latest_day = match utc_day(submitted_at) {
        Some(day) => next_day(day),
        None => {
            errors.push(FieldError {
                field: "submitted_at".to_owned(),
                message: format!("The time `{submitted_at}` is not a UTC time like 2025-03-27T09:41:05Z"),
            });
            "9999-12-31".to_owned()
        }
    };
    let mut kept = Vec::new();
    for (section, field) in form.online_fields() {
        match read(section, field, answers.get(&field.id), &latest_day) {
            Ok(answer) => kept.push(Value::object([
                ("answer", Some(answer.to_value())),
                ("clause", field.clause.as_deref().map(s)),
                ("field", Some(s(&field.id))),
                ("label", Some(s(&field.label))),
                ("lead", if field.kind == FieldKind::Statement { section.intro.as_deref().map(s) } else { None }),
                ("section", Some(s(&section.title))),
                ("tell", tells(field, &answer)),
                ("type", Some(s(kind_name(field.kind)))),
            ])),
            Err(message) => errors.push(FieldError { field: field.id.clone(), message }),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut record = Value::object([
        ("answers", Some(Value::Array(kept))),
        (
            "form",
            Some(Value::object([
                ("clause", Some(s(&form.clause))),
                ("id", Some(s(&form.id))),
                ("title", Some(s(&form.title))),
            ])),
        ),
        ("format", Some(s(FORMAT))),
        (
            "policy",
            Some(Value::object([
                ("reviewed", form.policy.reviewed.as_deref().map(s)),
                ("title", Some(s(&form.policy.title))),
                ("version", Some(s(&form.policy.version))),
            ])),
        ),
        ("school", Some(Value::object([("id", Some(s(&form.school.id))), ("name", Some(s(&form.school.name)))]))),
        ("submitted_at", Some(s(submitted_at))),
    ]);
    let digest = compute_digest(&record);
    if let Some(member) = record.member_mut("digest") {
        *member = Value::String(digest);
    }
    Ok(record)
}

/// Who the chosen options say to tell at once, and what to do (the safeguarding question's
/// "Yes": "tell the DSL now"), so the record carries the instruction the person was given.
fn tells(field: &Field, answer: &Answer) -> Option<Value> {
    let chosen = |label: &String| match answer {
        Answer::Text(text) => text == label,
        Answer::Choices(labels) => labels.contains(label),
        Answer::Agreed(_) | Answer::Signature(_) => false,
    };
    let tells: Vec<Value> = field
        .options
        .iter()
        .filter(|o| chosen(&o.label))
        .filter_map(|o| o.tell.as_ref())
        .map(|t| Value::object([("note", Some(Value::string(&t.note))), ("role", Some(Value::string(&t.role)))]))
        .collect();
    (!tells.is_empty()).then_some(Value::Array(tells))
}

/// The canonical form of a record: every member but `digest` and `receipt`, as RFC 8785 JSON.
pub fn canonical(record: &Value) -> String {
    record.to_canonical_without(&NOT_DIGESTED)
}

/// `sha256:` and the SHA-256 of the record's [`canonical`] form.
pub fn compute_digest(record: &Value) -> String {
    format!("{DIGEST_PREFIX}{}", sha256_hex(canonical(record).as_bytes()))
}

/// Checks the record file `text`: its digest, and whether it was made against
/// `current_version` of the policy. An error when it is not a record at all.
pub fn verify(text: &str, current_version: Option<&str>) -> Result<Verification, String> {
    verify_value(&json::parse(text)?, current_version)
}

/// [`verify`] for a record read already.
pub fn verify_value(record: &Value, current_version: Option<&str>) -> Result<Verification, String> {
    let member = |name: &str| record.get(name).and_then(Value::as_str);
    let (Some(digest), Some(format)) = (member("digest"), member("format")) else {
        return Err("it has no `digest` and `format`, so it is not a record".to_owned());
    };
    let version = record.get("policy").and_then(|p| p.get("version")).and_then(Value::as_str);
    let computed_digest = compute_digest(record);
    Ok(Verification {
        intact: digest == computed_digest,
        known_format: format == FORMAT,
        computed_digest,
        current_policy: current_version.map(|current| version == Some(current)),
    })
}

/// The answers a record keeps, as the browser would send them again: choices back from their
/// labels to their values. What cannot be read is left for [`make_record`] to refuse.
pub fn answers_of(form: &Form, record: &Value) -> Result<Answers, String> {
    let Some(Value::Array(kept)) = record.get("answers") else { return Err("it has no list of answers".to_owned()) };
    let mut answers = Answers::new();
    for (n, kept) in kept.iter().enumerate() {
        let id = kept.get("field").and_then(Value::as_str).ok_or(format!("answer {} names no field", n + 1))?;
        let value = kept.get("answer").ok_or(format!("answer {} (`{id}`) has no answer", n + 1))?;
        let answer = Answer::from_value(value).ok_or(format!("the answer to `{id}` cannot be read"))?;
        let field = form.online_fields().map(|(_, f)| f).find(|f| f.id == id);
        let value_of = |label: &str| {
            field
                .and_then(|f| f.options.iter().find(|o| o.label == label))
                .map_or(label, |o| o.value.as_str())
                .to_owned()
        };
        let answer = match answer {
            Answer::Text(label) if field.is_some_and(|f| f.kind == FieldKind::Choice) => Answer::Text(value_of(&label)),
            Answer::Choices(labels) => Answer::Choices(labels.iter().map(|l| value_of(l)).collect()),
            other => other,
        };
        if answers.insert(id.to_owned(), answer).is_some() {
            return Err(format!("it answers `{id}` twice"));
        }
    }
    Ok(answers)
}

/// A field kind's name, as in form files and records.
pub fn kind_name(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Text => "text",
        FieldKind::LongText => "long-text",
        FieldKind::Url => "url",
        FieldKind::Date => "date",
        FieldKind::Email => "email",
        FieldKind::Choice => "choice",
        FieldKind::Statement => "statement",
        FieldKind::Signature => "signature",
    }
}

/// The field kind called `name`.
pub fn kind_from_name(name: &str) -> Option<FieldKind> {
    Some(match name {
        "text" => FieldKind::Text,
        "long-text" => FieldKind::LongText,
        "url" => FieldKind::Url,
        "date" => FieldKind::Date,
        "email" => FieldKind::Email,
        "choice" => FieldKind::Choice,
        "statement" => FieldKind::Statement,
        "signature" => FieldKind::Signature,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::answer::Answer;
    use crate::form::testing::{AT, agreement, answers};

    #[test]
    fn the_canonical_form_of_a_fixed_record_is_fixed() {
        let record = make_record(&agreement(), &answers(), AT).expect("valid answers");
        assert_eq!(
            canonical(&record),
            concat!(
                r#"{"answers":["#,
                r#"{"answer":"Ann \"Annie\" Lee-Ōtsuka","clause":"appendix-3.1.a","field":"name","label":"Name of parent/carer","section":"About you","type":"text"},"#,
                r#"{"answer":"No","field":"photos","label":"Photos?","section":"About you","type":"choice"},"#,
                r#"{"answer":true,"clause":"appendix-3.6.c","field":"share","label":"Upload or share photos or videos of any child other than my own","lead":"I will not:","section":"I will not","type":"statement"},"#,
                r#"{"answer":{"drawing":"M1 2L3 4","name":"Ann Lee"},"field":"signed","label":"Signed","section":"Sign","type":"signature"},"#,
                r#"{"answer":"2025-03-07","field":"date","label":"Date","section":"Sign","type":"date"}],"#,
                r#""form":{"clause":"appendix-3","id":"parent-agreement","title":"Acceptable use of the internet: agreement for parents and carers"},"#,
                r#""format":"postwise-form-record/1","#,
                r#""policy":{"reviewed":"2024-10-24","title":"Social Media Use Policy","version":"0123456789ab"},"#,
                r#""school":{"id":"chestnuts","name":"Chestnuts Primary School"},"#,
                r#""submitted_at":"2025-03-07T09:41:05Z"}"#,
            )
        );
    }

    /// The golden digest (also computed outside Rust: Python's `json.dumps(record,
    /// sort_keys=True, separators=(',', ':'), ensure_ascii=False)` and `hashlib.sha256`). If this
    /// test fails, records already signed would stop verifying: change the canonical form only
    /// with a new `FORMAT`.
    #[test]
    fn a_fixed_record_has_a_fixed_digest() {
        let record = make_record(&agreement(), &answers(), AT).expect("valid answers");
        assert_eq!(
            record.get("digest").and_then(Value::as_str),
            Some("sha256:7f2e0d5f781b38c447f0f9daf961e3a1f5a196c93e65b0160b3cc3e90b884e5d")
        );
    }

    #[test]
    fn the_canonical_form_is_the_records_json_sorted_and_without_its_digest() {
        // An independent check: serde_json's map sorts members, and writes strings as JCS does.
        let record = make_record(&agreement(), &answers(), AT).expect("valid answers");
        let mut json: serde_json::Value = serde_json::from_str(&record.to_canonical()).expect("JSON");
        json.as_object_mut().expect("an object").remove("digest");
        assert_eq!(serde_json::to_string(&json).expect("serialises"), canonical(&record));
    }

    #[test]
    fn a_record_file_verifies_and_an_edited_copy_does_not() {
        let record = make_record(&agreement(), &answers(), AT).expect("valid answers");
        // As the browser writes the file: JSON.stringify(record, null, 2).
        let json: serde_json::Value = serde_json::from_str(&record.to_canonical()).expect("JSON");
        let file = serde_json::to_string_pretty(&json).expect("serialises");
        let verdict = verify(&file, Some("0123456789ab")).expect("a record");
        assert!(verdict.intact && verdict.known_format, "{verdict:?}");
        assert_eq!(verdict.current_policy, Some(true));
        assert_eq!(verify(&file, Some("ffffffffffff")).expect("a record").current_policy, Some(false));
        assert_eq!(verify(&file, None).expect("a record").current_policy, None);

        for (what, edited) in [
            ("a name", file.replace("Ann Lee", "Anne Lee")),
            ("a statement", file.replace("other than my own", "including my own")),
            ("the time", file.replace("09:41:05", "09:41:06")),
            ("the policy version", file.replace("0123456789ab", "0123456789ac")),
            ("an answer", file.replace("\"answer\": true", "\"answer\": false")),
            ("an added member", file.replacen('{', "{\n  \"note\": \"added\",", 1)),
            ("a removed member", file.replace("\"clause\": \"appendix-3.1.a\",", "")),
        ] {
            assert_ne!(edited, file, "{what}: the edit happened");
            let verdict = verify(&edited, None).expect("still a record");
            assert!(!verdict.intact, "editing {what} is noticed");
        }
        assert!(verify("[]", None).is_err(), "not a record");
        assert!(verify("{\"digest\": \"x\"}", None).is_err(), "not a record");
        assert!(verify("{", None).is_err(), "not JSON");
        let other_format = file.replace(FORMAT, "postwise-form-record/2");
        assert!(!verify(&other_format, None).expect("a record").known_format);
    }

    #[test]
    fn invalid_answers_make_no_record() {
        let mut answers = answers();
        answers.insert("share".to_owned(), Answer::Agreed(false));
        answers.insert("date".to_owned(), Answer::Text("2025-2-30".to_owned()));
        let errors = make_record(&agreement(), &answers, AT).expect_err("invalid");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["share", "date"]);
        let errors = make_record(&agreement(), &self::answers(), "yesterday").expect_err("bad time");
        assert!(make_record(&agreement(), &self::answers(), "2025-03-07 09:41:05Z").is_err());
        assert_eq!(errors[0].field, "submitted_at");
    }

    #[test]
    fn optional_blanks_and_offline_sections() {
        let record = make_record(&agreement(), &answers(), AT).expect("valid answers");
        let Some(Value::Array(answers)) = record.get("answers") else { panic!("answers") };
        assert!(answers.iter().all(|a| a.get("field") != Some(&Value::string("received"))), "filled on paper");
        assert_eq!(answers.len(), 5);
    }
}
