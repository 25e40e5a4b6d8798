//! The forms' WebAssembly binding in a real browser (`wasm-pack test --headless --chrome`): a
//! form read from its JSON text, answers checked, a record made whose digest is the golden one
//! when the same record is made natively, and a record verified, or refused with a reason.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

use postwise::wasm::{FormFiller, verify_record};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const FORM: &str = r#"{"id":"agreement","title":"Agreement","clause":"a","audience":"Parents","summary":"Sign.",
"school":{"id":"oakfield","name":"Oakfield Primary School"},"policy":{"title":"Policy","version":"0123456789ab"},
"sections":[{"id":"s","title":"Sign","filled_by":"Parent","online":true,"intro":"I will:","fields":[
{"id":"kind","type":"statement","label":"be kind online","required":true,"clause":"a.1"},
{"id":"site","type":"url","label":"Full URL","required":true},
{"id":"date","type":"date","label":"Date","required":true},
{"id":"signed","type":"signature","label":"Signed","required":true}]}]}"#;

const GOOD: &str = r#"{"kind":true,"site":"https://example.com/","date":"2025-3-7","signed":{"name":"Ann Lee"}}"#;

#[wasm_bindgen_test]
fn answers_are_checked_with_messages_that_say_how_to_fix_them() {
    let filler = FormFiller::new(FORM).expect("the form reads");
    assert_eq!(filler.validate(GOOD).expect("answers read"), "[]");
    let errors = filler.validate(r#"{"kind":false,"site":"example.com","date":"2025-2-30"}"#).expect("answers read");
    let errors: serde_json::Value = serde_json::from_str(&errors).unwrap();
    let fields: Vec<&str> = errors.as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["kind", "site", "date", "signed"]);
    assert!(errors[2]["message"].as_str().unwrap().contains("February 2025 has 28 days"), "{errors}");
}

#[wasm_bindgen_test]
fn a_record_is_made_and_verified_and_an_edited_copy_is_not() {
    let filler = FormFiller::new(FORM).expect("the form reads");
    let outcome: serde_json::Value =
        serde_json::from_str(&filler.record(GOOD, "2025-03-07T09:41:05Z").expect("answers read")).unwrap();
    assert_eq!(outcome["errors"], serde_json::json!([]));
    let record = &outcome["record"];
    assert_eq!(record["answers"][2]["answer"], "2025-03-07");
    let file = serde_json::to_string_pretty(record).unwrap();
    let verdict: serde_json::Value =
        serde_json::from_str(&verify_record(&file, Some("0123456789ab".to_owned())).expect("a record")).unwrap();
    assert_eq!(verdict["intact"], true);
    assert_eq!(verdict["current_policy"], true);
    let edited = file.replace("Ann Lee", "Anne Lee");
    let verdict: serde_json::Value = serde_json::from_str(&verify_record(&edited, None).expect("a record")).unwrap();
    assert_eq!(verdict["intact"], false);
    assert!(verify_record("not json", None).is_err());
    assert!(FormFiller::new("{}").is_err());
}
