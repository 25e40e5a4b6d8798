//! Whether a record says what the form says: its school, form and policy, every question and
//! the exact words of every statement with their lead, the types, clauses and instructions,
//! the answers in the form's order and shape, and a real UTC time. A digest proves none of
//! this (anyone can recompute one); this check does, for the policy version the site knows.
//!
//! The check makes the record again: the record's answers, read back into what the browser
//! would send ([`answers_of`]), are given to the form the site defines at that version with the
//! record's own time ([`make_record`]). The record's content matches when what comes out is
//! the record, member for member (the digest and receipt aside); otherwise the first
//! difference is said in words.

use super::canonical::Value;
use super::model::Form;
use super::record::{NOT_DIGESTED, answers_of, make_record};

/// What the content check found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content {
    /// The form, at the record's policy version, makes exactly this record from its answers.
    Matches,
    /// It does not: the first difference, in words.
    Differs(String),
    /// The record was made under a policy version the site does not know (an older one).
    UnknownVersion {
        /// The record's version.
        version: String,
        /// The version the site knows.
        known: String,
    },
    /// The site has no such form for this school.
    UnknownForm,
}

impl Content {
    /// As JSON for the browser: `{"result": "matches" | "differs" | "unknown-version" |
    /// "unknown-form", "reason"?, "version"?, "known"?}`.
    pub fn to_value(&self) -> Value {
        let s = |t: &str| Some(Value::string(t));
        match self {
            Content::Matches => Value::object([("result", s("matches"))]),
            Content::Differs(reason) => Value::object([("reason", s(reason)), ("result", s("differs"))]),
            Content::UnknownVersion { version, known } => {
                Value::object([("known", s(known)), ("result", s("unknown-version")), ("version", s(version))])
            }
            Content::UnknownForm => Value::object([("result", s("unknown-form"))]),
        }
    }
}

/// Checks `record` against `form` (the form of that id the site has; `None` when it has none).
pub fn check_content(form: Option<&Form>, record: &Value) -> Content {
    let Some(form) = form else { return Content::UnknownForm };
    if text(record.get("school"), "id") != Some(&form.school.id) || text(record.get("form"), "id") != Some(&form.id) {
        return Content::UnknownForm;
    }
    let version = text(record.get("policy"), "version").unwrap_or_default();
    if version != form.policy.version {
        return Content::UnknownVersion { version: version.to_owned(), known: form.policy.version.clone() };
    }
    let Some(submitted_at) = record.get("submitted_at").and_then(Value::as_str) else {
        return Content::Differs("it does not say when it was sent".to_owned());
    };
    let answers = match answers_of(form, record) {
        Ok(answers) => answers,
        Err(problem) => return Content::Differs(capitalise(&problem)),
    };
    let made = match make_record(form, &answers, submitted_at) {
        Ok(made) => made,
        Err(errors) => {
            let error = &errors[0];
            let label = form.fields().find(|(_, f)| f.id == error.field).map(|(_, f)| f.label.as_str());
            return Content::Differs(match label {
                Some(label) => format!("The answer to “{label}” is not one the form accepts: {}", error.message),
                None => format!("{} (`{}`)", error.message, error.field),
            });
        }
    };
    match first_difference(form, &made, record) {
        None => Content::Matches,
        Some(difference) => Content::Differs(difference),
    }
}

/// The string member `name` of `value`, an object.
fn text<'a>(value: Option<&'a Value>, name: &str) -> Option<&'a str> {
    value.and_then(|v| v.get(name)).and_then(Value::as_str)
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Where `record` differs from `made`, the record the form makes, in words; `None` when it
/// does not (the members the digest leaves out aside).
fn first_difference(form: &Form, made: &Value, record: &Value) -> Option<String> {
    let (Value::Object(expected), Value::Object(found)) = (made, record) else {
        return Some("It is not a record".to_owned());
    };
    for (name, _) in found.iter().filter(|(n, _)| !NOT_DIGESTED.contains(&n.as_str())) {
        if made.get(name).is_none() {
            return Some(format!("It has a part (`{name}`) that the form does not make"));
        }
    }
    for (name, value) in expected.iter().filter(|(n, _)| !NOT_DIGESTED.contains(&n.as_str())) {
        let Some(other) = record.get(name) else { return Some(format!("It has no `{name}`, which the form makes")) };
        if other.to_canonical() == value.to_canonical() {
            continue;
        }
        return Some(match (name.as_str(), value, other) {
            ("answers", Value::Array(expected), Value::Array(found)) => answers_difference(form, expected, found),
            ("form", ..) => "Its form's title or clause is not the form's".to_owned(),
            ("policy", ..) => "Its policy's title or review date is not the policy's".to_owned(),
            ("school", ..) => "Its school's name is not the school's".to_owned(),
            ("submitted_at", ..) => "The time it was sent is not written as the form writes it".to_owned(),
            _ => format!("Its `{name}` is not what the form makes"),
        });
    }
    None
}

fn answers_difference(form: &Form, expected: &[Value], found: &[Value]) -> String {
    if expected.len() != found.len() {
        return format!("It has {} answers, where the form has {}", found.len(), expected.len());
    }
    for (made, kept) in expected.iter().zip(found) {
        if made.to_canonical() == kept.to_canonical() {
            continue;
        }
        let id = made.get("field").and_then(Value::as_str).unwrap_or_default();
        let field = form.fields().find(|(_, f)| f.id == id).map(|(_, f)| f);
        let label = field.map_or(id, |f| f.label.as_str());
        let Value::Object(members) = kept else { return format!("The answer to “{label}” is not an answer") };
        if let Some((extra, _)) = members.iter().find(|(n, _)| made.get(n).is_none()) {
            return format!("The answer to “{label}” has a part (`{extra}`) that the form does not make");
        }
        let Value::Object(made_members) = made else { continue };
        for (name, value) in made_members {
            if kept.get(name).map(Value::to_canonical) == Some(value.to_canonical()) {
                continue;
            }
            let statement = made.get("type").and_then(Value::as_str) == Some("statement");
            return match name.as_str() {
                "field" => format!("An answer is for another field where the form asks “{label}”"),
                "label" if statement => format!("The statement “{label}” is not worded as the form words it"),
                "label" => format!("The question “{label}” is not worded as the form asks it"),
                "lead" => format!("The words that lead into “{label}” are not the form's"),
                "answer" => format!("The answer to “{label}” is not written as the form records it"),
                "tell" => format!("The instruction given with the answer to “{label}” is not the form's"),
                other => format!("The {other} of “{label}” is not the form's"),
            };
        }
    }
    "Its answers are not the form's".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::record::compute_digest;
    use crate::form::testing::{AT, agreement, answers};

    fn record() -> Value {
        make_record(&agreement(), &answers(), AT).expect("valid answers")
    }

    /// The record with `edit` made to it and its digest recomputed, as a forger would.
    fn forged(edit: impl FnOnce(&mut Value)) -> Value {
        let mut record = record();
        edit(&mut record);
        let digest = compute_digest(&record);
        if let Some(member) = record.member_mut("digest") {
            *member = Value::String(digest);
        }
        record
    }

    fn answer_mut(record: &mut Value, n: usize) -> &mut Value {
        match record.member_mut("answers") {
            Some(Value::Array(answers)) => &mut answers[n],
            _ => panic!("answers"),
        }
    }

    #[test]
    fn the_record_the_form_made_matches_it() {
        assert_eq!(check_content(Some(&agreement()), &record()), Content::Matches);
    }

    #[track_caller]
    fn assert_differs(record: &Value, words: &str) {
        match check_content(Some(&agreement()), record) {
            Content::Differs(reason) => assert!(reason.contains(words), "{reason}"),
            other => panic!("expected a difference with {words:?}, got {other:?}"),
        }
    }

    #[test]
    fn a_forged_record_is_told_apart_by_its_content() {
        let statement = "Upload or share photos or videos of any child other than my own";
        assert_differs(
            &forged(|r| {
                *answer_mut(r, 2).member_mut("label").unwrap() = Value::string("Share photos of any child I like")
            }),
            &format!("The statement “{statement}” is not worded as the form words it"),
        );
        assert_differs(
            &forged(|r| *answer_mut(r, 2).member_mut("lead").unwrap() = Value::string("I will:")),
            "The words that lead into",
        );
        assert_differs(
            &forged(|r| *answer_mut(r, 2).member_mut("answer").unwrap() = Value::Bool(false)),
            &format!(
                "The answer to “{statement}” is not one the form accepts: Tick the box to agree to “I will not: upload"
            ),
        );
        assert_differs(
            &forged(|r| *answer_mut(r, 1).member_mut("answer").unwrap() = Value::string("Maybe")),
            "The answer to “Photos?” is not one the form accepts",
        );
        assert_differs(
            &forged(|r| {
                *answer_mut(r, 0).member_mut("answer").unwrap() = Value::object([("evil", Some(Value::Bool(true)))])
            }),
            "The answer to `name` cannot be read",
        );
        assert_differs(
            &forged(|r| *r.member_mut("submitted_at").unwrap() = Value::string("not a date")),
            "not a UTC time",
        );
        assert_differs(
            &forged(|r| *r.member_mut("note").unwrap() = Value::string("approved")),
            "It has a part (`note`)",
        );
        assert_differs(
            &forged(|r| *answer_mut(r, 0).member_mut("extra").unwrap() = Value::Null),
            "has a part (`extra`)",
        );
        assert_differs(
            &forged(|r| {
                if let Some(Value::Array(answers)) = r.member_mut("answers") {
                    answers.remove(3);
                }
            }),
            "Type your full name to sign",
        );
        assert_differs(
            &forged(|r| *r.member_mut("school").unwrap().member_mut("name").unwrap() = Value::string("Elsewhere")),
            "school's name",
        );
        assert_differs(
            &forged(|r| *answer_mut(r, 4).member_mut("answer").unwrap() = Value::string("2031-03-07")),
            "the date must be today or in the past",
        );
    }

    #[test]
    fn another_version_is_unknown_and_another_form_is_not_known() {
        let mut older = agreement();
        older.policy.version = "ffffffffffff".to_owned();
        assert_eq!(
            check_content(Some(&older), &record()),
            Content::UnknownVersion { version: "0123456789ab".to_owned(), known: "ffffffffffff".to_owned() }
        );
        let mut other = agreement();
        other.id = "image-consent".to_owned();
        assert_eq!(check_content(Some(&other), &record()), Content::UnknownForm);
        assert_eq!(check_content(None, &record()), Content::UnknownForm);
    }
}
