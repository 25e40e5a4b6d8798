//! The signed record of a filled form: the answers, the exact text of every statement agreed
//! to, the policy's version, the time, and a SHA-256 digest over a canonical form of all of it
//! (`RECORD.md` in this folder). [`verify`] recomputes the digest of a record file.
//!
//! The digest shows that a record is the one the form made, unchanged; it is not a signature
//! only its writer could make: anyone who edits a record and recomputes the digest by the
//! published rules makes a record that verifies. The school keeps the printed copy or notes
//! the digest when it receives the record, to tell the two apart.

use super::answer::{Answer, Answers, Signature};
use super::canonical::Value;
use super::digest::sha256_hex;
use super::model::{FieldKind, Form, PolicyRef, SchoolRef};
use super::validate::{FieldError, read};
use serde::{Deserialize, Serialize};

/// The `format` of records made by this version of Postwise.
pub const FORMAT: &str = "postwise-form-record/1";

/// What the digest's text starts with.
pub const DIGEST_PREFIX: &str = "sha256:";

/// A filled form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Always [`FORMAT`]: how to read the rest.
    pub format: String,
    /// The school.
    pub school: SchoolRef,
    /// The form.
    pub form: FormRef,
    /// The policy the form was filled against.
    pub policy: PolicyRef,
    /// When it was submitted, in UTC: `2025-03-27T09:41:05Z`.
    pub submitted_at: String,
    /// Every answer given online, in the form's order.
    pub answers: Vec<RecordAnswer>,
    /// `sha256:` and the SHA-256, in hex, of the canonical form of everything above.
    pub digest: String,
}

/// Which form a record fills.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormRef {
    /// The form's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The clause it comes from.
    pub clause: String,
}

/// One field's answer, with the words the person saw.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordAnswer {
    /// The title of the section it is in.
    pub section: String,
    /// The field's id.
    pub field: String,
    /// The kind of field.
    #[serde(rename = "type")]
    pub kind: FieldKind,
    /// The question, or the statement's exact text.
    pub label: String,
    /// For a statement: the words that lead into it ("I will not:").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// The clause it comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    /// The answer: text as typed, a date as `YYYY-MM-DD`, choices as their labels, a statement
    /// as `true` when agreed to, a signature as its name and drawing.
    pub answer: Answer,
}

/// What [`verify`] found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verification {
    /// Whether the digest matches the record: nothing was changed since it was made.
    pub intact: bool,
    /// Whether the record is in a format this version of Postwise makes.
    pub known_format: bool,
    /// The digest computed from the record as it is now.
    pub computed_digest: String,
    /// Whether it was made against the policy version given as current (`None` when no
    /// current version was given).
    pub current_policy: Option<bool>,
}

/// Whether `text` is a UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
fn is_utc_timestamp(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| b.get(range).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    b.len() == 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && b[19] == b'Z'
}

/// The record of `answers` to `form`, submitted at `submitted_at` (`YYYY-MM-DDTHH:MM:SSZ`), or
/// every problem with the answers.
pub fn make_record(form: &Form, answers: &Answers, submitted_at: &str) -> Result<Record, Vec<FieldError>> {
    let mut errors = Vec::new();
    if !is_utc_timestamp(submitted_at) {
        errors.push(FieldError {
            field: "submitted_at".to_owned(),
            message: format!("The time `{submitted_at}` is not a UTC time like 2025-03-27T09:41:05Z"),
        });
    }
    let mut kept = Vec::new();
    for (section, field) in form.online_fields() {
        match read(field, answers.get(&field.id)) {
            Ok(answer) => kept.push(RecordAnswer {
                section: section.title.clone(),
                field: field.id.clone(),
                kind: field.kind,
                label: field.label.clone(),
                lead: if field.kind == FieldKind::Statement { section.intro.clone() } else { None },
                clause: field.clause.clone(),
                answer,
            }),
            Err(message) => errors.push(FieldError { field: field.id.clone(), message }),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut record = Record {
        format: FORMAT.to_owned(),
        school: form.school.clone(),
        form: FormRef { id: form.id.clone(), title: form.title.clone(), clause: form.clause.clone() },
        policy: form.policy.clone(),
        submitted_at: submitted_at.to_owned(),
        answers: kept,
        digest: String::new(),
    };
    record.digest = record.compute_digest();
    Ok(record)
}

/// Checks a record's digest, and whether it was made against `current_version` of the policy.
pub fn verify(record: &Record, current_version: Option<&str>) -> Verification {
    let computed_digest = record.compute_digest();
    Verification {
        intact: record.digest == computed_digest,
        known_format: record.format == FORMAT,
        computed_digest,
        current_policy: current_version.map(|v| v == record.policy.version),
    }
}

impl Record {
    /// The canonical form: every member but `digest`, as RFC 8785 JSON.
    pub fn canonical(&self) -> String {
        let s = Value::string;
        let opt = |text: &Option<String>| text.as_deref().map(s);
        let school = Value::object([("id", Some(s(&self.school.id))), ("name", Some(s(&self.school.name)))]);
        let form = Value::object([
            ("clause", Some(s(&self.form.clause))),
            ("id", Some(s(&self.form.id))),
            ("title", Some(s(&self.form.title))),
        ]);
        let policy = Value::object([
            ("reviewed", opt(&self.policy.reviewed)),
            ("title", Some(s(&self.policy.title))),
            ("version", Some(s(&self.policy.version))),
        ]);
        let answers = self
            .answers
            .iter()
            .map(|a| {
                Value::object([
                    ("answer", Some(answer_value(&a.answer))),
                    ("clause", opt(&a.clause)),
                    ("field", Some(s(&a.field))),
                    ("label", Some(s(&a.label))),
                    ("lead", opt(&a.lead)),
                    ("section", Some(s(&a.section))),
                    ("type", Some(s(kind_name(a.kind)))),
                ])
            })
            .collect();
        Value::object([
            ("answers", Some(Value::Array(answers))),
            ("form", Some(form)),
            ("format", Some(s(&self.format))),
            ("policy", Some(policy)),
            ("school", Some(school)),
            ("submitted_at", Some(s(&self.submitted_at))),
        ])
        .to_canonical()
    }

    /// `sha256:` and the SHA-256 of [`Record::canonical`].
    pub fn compute_digest(&self) -> String {
        format!("{DIGEST_PREFIX}{}", sha256_hex(self.canonical().as_bytes()))
    }
}

fn answer_value(answer: &Answer) -> Value {
    match answer {
        Answer::Agreed(agreed) => Value::Bool(*agreed),
        Answer::Text(text) => Value::string(text),
        Answer::Choices(labels) => Value::Array(labels.iter().map(|l| Value::string(l)).collect()),
        Answer::Signature(Signature { name, drawing }) => {
            Value::object([("drawing", drawing.as_deref().map(Value::string)), ("name", Some(Value::string(name)))])
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::model::{ChoiceOption, Field, Section};

    fn field(id: &str, kind: FieldKind, label: &str) -> Field {
        Field {
            id: id.to_owned(),
            kind,
            label: label.to_owned(),
            hint: None,
            required: true,
            clause: None,
            multiple: false,
            options: Vec::new(),
        }
    }

    /// A small agreement, fixed for ever: the golden digest below depends on every word.
    fn agreement() -> Form {
        let yes_no = vec![
            ChoiceOption { value: "yes".to_owned(), label: "Yes".to_owned(), tell: None },
            ChoiceOption { value: "no".to_owned(), label: "No".to_owned(), tell: None },
        ];
        Form {
            id: "parent-agreement".to_owned(),
            title: "Acceptable use of the internet: agreement for parents and carers".to_owned(),
            clause: "appendix-3".to_owned(),
            audience: "Parents and carers".to_owned(),
            summary: "Read, agree and sign.".to_owned(),
            school: SchoolRef { id: "chestnuts".to_owned(), name: "Chestnuts Primary School".to_owned() },
            policy: PolicyRef {
                title: "Social Media Use Policy".to_owned(),
                version: "0123456789ab".to_owned(),
                reviewed: Some("2024-10-24".to_owned()),
            },
            return_to: Some("Headteacher".to_owned()),
            sections: vec![
                Section {
                    id: "you".to_owned(),
                    title: "About you".to_owned(),
                    filled_by: "Parent or carer".to_owned(),
                    online: true,
                    intro: None,
                    intro_clause: None,
                    fields: vec![
                        Field {
                            clause: Some("appendix-3.1.a".to_owned()),
                            ..field("name", FieldKind::Text, "Name of parent/carer")
                        },
                        Field { options: yes_no, ..field("photos", FieldKind::Choice, "Photos?") },
                    ],
                },
                Section {
                    id: "will-not".to_owned(),
                    title: "I will not".to_owned(),
                    filled_by: "Parent or carer".to_owned(),
                    online: true,
                    intro: Some("I will not:".to_owned()),
                    intro_clause: Some("appendix-3.6".to_owned()),
                    fields: vec![Field {
                        clause: Some("appendix-3.6.c".to_owned()),
                        ..field(
                            "share",
                            FieldKind::Statement,
                            "Upload or share photos or videos of any child other than my own",
                        )
                    }],
                },
                Section {
                    id: "sign".to_owned(),
                    title: "Sign".to_owned(),
                    filled_by: "Parent or carer".to_owned(),
                    online: true,
                    intro: None,
                    intro_clause: None,
                    fields: vec![
                        field("signed", FieldKind::Signature, "Signed"),
                        field("date", FieldKind::Date, "Date"),
                    ],
                },
                Section {
                    id: "office".to_owned(),
                    title: "For the office".to_owned(),
                    filled_by: "Headteacher".to_owned(),
                    online: false,
                    intro: None,
                    intro_clause: None,
                    fields: vec![field("received", FieldKind::Date, "Received")],
                },
            ],
        }
    }

    fn answers() -> Answers {
        Answers::from([
            ("name".to_owned(), Answer::Text("Ann \"Annie\" Lee-Ōtsuka".to_owned())),
            ("photos".to_owned(), Answer::Text("no".to_owned())),
            ("share".to_owned(), Answer::Agreed(true)),
            (
                "signed".to_owned(),
                Answer::Signature(Signature { name: "Ann Lee".to_owned(), drawing: Some("M1 2L3 4".to_owned()) }),
            ),
            ("date".to_owned(), Answer::Text("2025-3-7".to_owned())),
        ])
    }

    const AT: &str = "2025-03-07T09:41:05Z";

    #[test]
    fn the_canonical_form_of_a_fixed_record_is_fixed() {
        let record = make_record(&agreement(), &answers(), AT).expect("valid answers");
        assert_eq!(
            record.canonical(),
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
        assert_eq!(record.digest, "sha256:7f2e0d5f781b38c447f0f9daf961e3a1f5a196c93e65b0160b3cc3e90b884e5d");
        assert_eq!(record.digest, record.compute_digest());
    }

    #[test]
    fn the_canonical_form_is_the_records_json_sorted_and_without_its_digest() {
        // An independent check: serde_json's map sorts members, and writes strings as JCS does.
        let record = make_record(&agreement(), &answers(), AT).expect("valid answers");
        let mut json = serde_json::to_value(&record).expect("serialises");
        json.as_object_mut().expect("an object").remove("digest");
        assert_eq!(serde_json::to_string(&json).expect("serialises"), record.canonical());
    }

    #[test]
    fn a_record_file_verifies_and_an_edited_copy_does_not() {
        let record = make_record(&agreement(), &answers(), AT).expect("valid answers");
        let file = serde_json::to_string_pretty(&record).expect("serialises");
        let read_back: Record = serde_json::from_str(&file).expect("parses");
        let verdict = verify(&read_back, Some("0123456789ab"));
        assert!(verdict.intact && verdict.known_format, "{verdict:?}");
        assert_eq!(verdict.current_policy, Some(true));
        assert_eq!(verify(&read_back, Some("ffffffffffff")).current_policy, Some(false));

        for (what, edited) in [
            ("a name", file.replace("Ann Lee", "Anne Lee")),
            ("a statement", file.replace("other than my own", "including my own")),
            ("the time", file.replace("09:41:05", "09:41:06")),
            ("the policy version", file.replace("0123456789ab", "0123456789ac")),
            ("an answer", file.replace("\"answer\": true", "\"answer\": false")),
        ] {
            assert_ne!(edited, file, "{what}: the edit happened");
            let edited: Record = serde_json::from_str(&edited).expect("still parses");
            assert!(!verify(&edited, None).intact, "editing {what} is noticed");
        }
        let extra = file.replacen('{', "{\n  \"note\": \"added\",", 1);
        assert!(serde_json::from_str::<Record>(&extra).is_err(), "an added member is not a record");
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
        assert_eq!(errors[0].field, "submitted_at");
    }

    #[test]
    fn optional_blanks_and_offline_sections() {
        let record = make_record(&agreement(), &answers(), AT).expect("valid answers");
        assert!(record.answers.iter().all(|a| a.field != "received"), "the office's part is filled on paper");
        assert_eq!(record.answers.len(), 5);
    }
}
