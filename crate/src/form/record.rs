//! The signed record of a filled form: the answers, the exact text of every statement agreed
//! to, the policy's version, the time, and a SHA-256 digest over a canonical form of all of it
//! (`RECORD.md` in this folder). [`verify`] recomputes the digest of a record file.
//!
//! A record is a JSON object ([`Value`]), made and checked the same way natively and in the
//! browser. Its digest covers every member but `digest` itself, whatever they are, so any
//! change to a record file, an added member too, is noticed.
//!
//! The digest shows that a record is the one the form made, unchanged; it is not a signature
//! only its writer could make: anyone who edits a record and recomputes the digest by the
//! published rules makes a record that verifies. The school keeps the printed copy or notes
//! the digest when it receives the record, to tell the two apart.

use super::answer::Answers;
use super::canonical::Value;
use super::digest::sha256_hex;
use super::json;
use super::model::{FieldKind, Form};
use super::validate::{FieldError, read};

/// The `format` of records made by this version of Postwise.
pub const FORMAT: &str = "postwise-form-record/1";

/// What the digest's text starts with.
pub const DIGEST_PREFIX: &str = "sha256:";

/// What [`verify`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
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

impl Verification {
    /// As JSON for the browser: `{intact, known_format, computed_digest, current_policy?}`.
    pub fn to_value(&self) -> Value {
        Value::object([
            ("intact", Some(Value::Bool(self.intact))),
            ("known_format", Some(Value::Bool(self.known_format))),
            ("computed_digest", Some(Value::string(&self.computed_digest))),
            ("current_policy", self.current_policy.map(Value::Bool)),
        ])
    }
}

impl FieldError {
    /// As JSON for the browser: `{field, message}`.
    pub fn to_value(&self) -> Value {
        Value::object([("field", Some(Value::string(&self.field))), ("message", Some(Value::string(&self.message)))])
    }
}

/// Whether `text` is a UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
fn is_utc_timestamp(text: &str) -> bool {
    text.len() == 20
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            10 => b == b'T',
            13 | 16 => b == b':',
            19 => b == b'Z',
            _ => b.is_ascii_digit(),
        })
}

/// The record of `answers` to `form`, submitted at `submitted_at` (`YYYY-MM-DDTHH:MM:SSZ`), or
/// every problem with the answers.
pub fn make_record(form: &Form, answers: &Answers, submitted_at: &str) -> Result<Value, Vec<FieldError>> {
    let s = Value::string;
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
            Ok(answer) => kept.push(Value::object([
                ("answer", Some(answer.to_value())),
                ("clause", field.clause.as_deref().map(s)),
                ("field", Some(s(&field.id))),
                ("label", Some(s(&field.label))),
                ("lead", if field.kind == FieldKind::Statement { section.intro.as_deref().map(s) } else { None }),
                ("section", Some(s(&section.title))),
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
    if let Value::Object(members) = &mut record {
        members.insert("digest".to_owned(), Value::String(digest));
    }
    Ok(record)
}

/// The canonical form of a record: every member but `digest`, as RFC 8785 JSON.
pub fn canonical(record: &Value) -> String {
    match record {
        Value::Object(members) => {
            let mut without_digest = members.clone();
            without_digest.remove("digest");
            Value::Object(without_digest).to_canonical()
        }
        other => other.to_canonical(),
    }
}

/// `sha256:` and the SHA-256 of the record's [`canonical`] form.
pub fn compute_digest(record: &Value) -> String {
    format!("{DIGEST_PREFIX}{}", sha256_hex(canonical(record).as_bytes()))
}

/// Checks the record file `text`: its digest, and whether it was made against
/// `current_version` of the policy. An error when it is not a record at all.
pub fn verify(text: &str, current_version: Option<&str>) -> Result<Verification, String> {
    let record = json::parse(text)?;
    let member = |name: &str| record.get(name).and_then(Value::as_str);
    let (Some(digest), Some(format)) = (member("digest"), member("format")) else {
        return Err("it has no `digest` and `format`, so it is not a record".to_owned());
    };
    let version = record.get("policy").and_then(|p| p.get("version")).and_then(Value::as_str);
    let computed_digest = compute_digest(&record);
    Ok(Verification {
        intact: digest == computed_digest,
        known_format: format == FORMAT,
        computed_digest,
        current_policy: current_version.map(|current| version == Some(current)),
    })
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
    use crate::form::answer::{Answer, Signature};
    use crate::form::model::{ChoiceOption, Field, PolicyRef, SchoolRef, Section};

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
