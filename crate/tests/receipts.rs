//! Properties of the school's receipt and the content check, on Chestnuts' real parent
//! agreement: whatever member of a countersigned record is edited, added or removed, it is no
//! longer received by the school, with the digest recomputed or not; a record forged from a
//! genuine one is never reported as received; a receipt holds exactly on the days its key is
//! valid; a statement reworded is never the form's content.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

use postwise::form::canonical::Value;
use postwise::form::content::Content;
use postwise::form::examine::examine;
use postwise::form::key::{OfficeKey, SchoolKey};
use postwise::form::model::FieldKind;
use postwise::form::receipt::{Receipt, countersign};
use postwise::form::record::compute_digest;
use postwise::form::{Answer, Answers, Form, Signature, json, make_record};
use postwise::policy::{self, date::Date, diagnostic::Diagnostics};
use proptest::prelude::*;
use std::path::Path;
use std::sync::LazyLock;

const SUBMITTED: &str = "2025-03-27T10:00:00Z";
const RECEIVED: &str = "2025-03-28T09:00:00Z";

static FORM: LazyLock<Form> = LazyLock::new(|| {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies/chestnuts");
    let policy = policy::load_valid(&dir, Date::today()).0.expect("loads");
    let mut diagnostics = Diagnostics::default();
    postwise::form::compile::school_forms(&policy, &mut diagnostics)
        .into_iter()
        .find(|f| f.id == "parent-agreement")
        .expect("the agreement")
});

/// A key for tests only, never any school's.
static KEY: LazyLock<OfficeKey> = LazyLock::new(|| OfficeKey::from_seed(&[7; 32], "chestnuts"));

fn published() -> Vec<SchoolKey> {
    vec![SchoolKey { public_key: KEY.public_key(), valid_from: "2025-01-01".to_owned(), valid_to: None }]
}

/// The agreement filled in well and countersigned.
static SIGNED: LazyLock<Value> = LazyLock::new(|| {
    let answers: Answers = FORM
        .online_fields()
        .map(|(_, f)| {
            let answer = match f.kind {
                FieldKind::Statement => Answer::Agreed(true),
                FieldKind::Signature => Answer::Signature(Signature { name: "Sam Jones".to_owned(), drawing: None }),
                FieldKind::Date => Answer::Text("2025-3-27".to_owned()),
                FieldKind::Choice => Answer::Text(f.options[0].value.clone()),
                _ => Answer::Text("Sam Jones".to_owned()),
            };
            (f.id.clone(), answer)
        })
        .collect();
    let record = make_record(&FORM, &answers, SUBMITTED).expect("good answers");
    countersign(&record.to_canonical(), Some(&FORM), &KEY, &published(), RECEIVED).expect("signed")
});

/// Every place in a value: a path of member names and indexes.
fn places(value: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(path.clone());
    match value {
        Value::Object(members) => {
            for (name, member) in members {
                path.push(name.clone());
                places(member, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(i.to_string());
                places(item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn at<'a>(value: &'a mut Value, path: &[String]) -> &'a mut Value {
    path.iter().fold(value, |v, step| match v {
        Value::Array(items) => &mut items[step.parse::<usize>().unwrap()],
        other => other.member_mut(step).unwrap(),
    })
}

/// An edit to one place: `kind` picks what (change, remove, add), `text` what to write.
fn edit(record: &Value, place: usize, kind: u8, text: &str) -> Value {
    let mut all = Vec::new();
    places(record, &mut Vec::new(), &mut all);
    let path = &all[place % all.len()];
    let mut edited = record.clone();
    let target = at(&mut edited, path);
    match (kind % 3, &*target) {
        (0, Value::String(old)) => {
            *target = Value::String(if old == text { format!("{text}!") } else { text.to_owned() })
        }
        (0, Value::Bool(b)) => *target = Value::Bool(!b),
        (1, _) if !path.is_empty() => {
            let (last, parent) = path.split_last().unwrap();
            match at(&mut edited, parent) {
                Value::Array(items) => {
                    items.remove(last.parse::<usize>().unwrap());
                }
                object => object.remove(last),
            }
        }
        (_, Value::Object(_)) => *target.member_mut(&format!("x-{text}")).unwrap() = Value::Bool(true),
        (_, Value::Array(items)) => {
            let mut items = items.clone();
            items.push(Value::string(text));
            *target = Value::Array(items);
        }
        _ => *target = Value::string(&format!("{text}?")),
    }
    edited
}

fn recompute_digest(record: &mut Value) {
    let digest = compute_digest(record);
    if let Some(member) = record.member_mut("digest") {
        *member = Value::String(digest);
    }
}

fn file(value: &Value) -> String {
    // As the office page writes it: pretty JSON, read back strictly.
    let json: serde_json::Value = serde_json::from_str(&value.to_canonical()).unwrap();
    serde_json::to_string_pretty(&json).unwrap()
}

#[test]
fn the_countersigned_record_is_received() {
    let found = examine(&file(&SIGNED), Some(&FORM), &published()).expect("a record");
    assert!(found.received(), "{found:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// A countersigned record edited anywhere (an answer, a label, the digest, the receipt's
    /// own members, a member added or taken out) is not received by the school, whether or not
    /// the digest is worked out again.
    #[test]
    fn a_countersigned_record_edited_in_any_member_is_not_received(
        place in 0usize..10_000, kind in 0u8..3, text in "[a-zA-Z0-9 ]{1,12}", redigest: bool,
    ) {
        let mut edited = edit(&SIGNED, place, kind, &text);
        if redigest {
            recompute_digest(&mut edited);
        }
        // (An edit of the digest alone, worked out again, is no edit.)
        prop_assume!(edited.to_canonical() != SIGNED.to_canonical());
        if let Ok(found) = examine(&file(&edited), Some(&FORM), &published()) {
            prop_assert!(!found.received(), "{}", edited.to_canonical());
            prop_assert!(!matches!(found.receipt, Receipt::Valid { .. }), "{}", edited.to_canonical());
        }
    }

    /// A record forged from a genuine one (edited, its receipt dropped or kept, the digest
    /// worked out again, and signed with the forger's own key under the school's key id) is
    /// never reported as received by the school.
    #[test]
    fn a_forged_record_is_never_received(
        place in 0usize..10_000, kind in 0u8..3, text in "[a-zA-Z0-9 ]{1,12}", seed in any::<[u8; 32]>(),
    ) {
        prop_assume!(seed != [7; 32]);
        let mut forged = edit(&SIGNED, place, kind, &text);
        recompute_digest(&mut forged);
        let forger = OfficeKey::from_seed(&seed, "chestnuts");
        let text_signed = postwise::form::receipt::signed_text(&forged);
        if let Some(Value::Object(_)) = forged.get("receipt") {
            *forged.member_mut("receipt").unwrap().member_mut("signature").unwrap() =
                Value::String(forger.sign(text_signed.as_bytes()));
        }
        if let Ok(found) = examine(&file(&forged), Some(&FORM), &published()) {
            prop_assert!(!found.received(), "{}", forged.to_canonical());
        }
    }

    /// A receipt holds exactly when its key is published and valid on the day it was made.
    #[test]
    fn a_receipt_holds_only_on_its_keys_days(from in 0u32..60, length in proptest::option::of(0u32..60)) {
        let day = |n: u32| format!("2025-03-{:02}", 1 + n % 28).replace("-03-", if n >= 28 { "-04-" } else { "-03-" });
        let key = SchoolKey { public_key: KEY.public_key(), valid_from: day(from), valid_to: length.map(|l| day(from + l)) };
        let valid = key.valid_on("2025-03-28");
        let found = examine(&file(&SIGNED), Some(&FORM), &[key]).expect("a record");
        prop_assert_eq!(matches!(found.receipt, Receipt::Valid { .. }), valid);
        let stranger = SchoolKey {
            public_key: OfficeKey::from_seed(&[1; 32], "chestnuts").public_key(),
            valid_from: "2000-01-01".to_owned(),
            valid_to: None,
        };
        let unknown = examine(&file(&SIGNED), Some(&FORM), &[stranger]).expect("a record");
        prop_assert!(matches!(unknown.receipt, Receipt::Invalid(_)));
    }

    /// A statement reworded (and the digest worked out again) is never the form's content.
    #[test]
    fn a_reworded_statement_does_not_match_the_form(which in 0usize..100, words in "[a-z ]{1,20}") {
        let mut record = SIGNED.clone();
        let Some(Value::Array(answers)) = record.member_mut("answers") else { panic!("answers") };
        let statements: Vec<usize> = (0..answers.len())
            .filter(|&i| answers[i].get("type").and_then(Value::as_str) == Some("statement"))
            .collect();
        let i = statements[which % statements.len()];
        let label = answers[i].member_mut("label").unwrap();
        let reworded = format!("{} {words}", label.as_str().unwrap());
        *label = Value::String(reworded);
        recompute_digest(&mut record);
        let found = examine(&file(&record), Some(&FORM), &published()).expect("a record");
        prop_assert!(found.digest_matches);
        prop_assert!(matches!(found.content, Content::Differs(_)), "{:?}", found.content);
        let _ = json::parse(&file(&record)).expect("still JSON");
    }
}
