//! The forms' WebAssembly binding in a real browser (`wasm-pack test --headless --chrome`): a
//! form read from its JSON text, answers checked, a record made and examined (its digest, its
//! content, the school's receipt), a key file made and opened, and a record countersigned.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

use postwise::wasm::{FormFiller, OfficeSigner, examine_record, new_key_file};
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

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

#[wasm_bindgen_test]
fn answers_are_checked_with_messages_that_say_how_to_fix_them() {
    let filler = FormFiller::new(FORM).expect("the form reads");
    let bad = r#"{"kind":false,"site":"mailto:a@example.com","date":"2025-2-30"}"#;
    let errors = json(&filler.record(bad, "2025-03-07T09:41:05Z").expect("answers read"))["errors"].clone();
    let fields: Vec<&str> = errors.as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["kind", "site", "date", "signed"]);
    assert!(errors[0]["message"].as_str().unwrap().contains("“I will: be kind online”"), "{errors}");
    assert!(errors[2]["message"].as_str().unwrap().contains("February 2025 has 28 days"), "{errors}");
}

#[wasm_bindgen_test]
fn a_record_is_made_examined_and_countersigned_and_an_edited_copy_is_not_received() {
    let filler = FormFiller::new(FORM).expect("the form reads");
    let outcome = json(&filler.record(GOOD, "2025-03-07T09:41:05Z").expect("answers read"));
    assert_eq!(outcome["errors"], serde_json::json!([]));
    let record = &outcome["record"];
    assert_eq!(record["answers"][2]["answer"], "2025-03-07");
    let file = serde_json::to_string_pretty(record).unwrap();

    let random: Vec<u8> = (0..60u8).collect();
    let key_file = new_key_file("oakfield", "three random words", &random).expect("a key file");
    assert!(OfficeSigner::open(&key_file, "three random wordz").is_err(), "the wrong passphrase");
    let signer = OfficeSigner::open(&key_file, "three random words").expect("opens");
    assert_eq!(signer.school(), "oakfield");
    let keys = format!(r#"[{{"public_key":"{}","valid_from":"2025-01-01"}}]"#, signer.public_key());

    let unsigned = json(&examine_record(&file, Some(FORM.to_owned()), &keys).expect("a record"));
    assert_eq!(unsigned["digest_matches"], true);
    assert_eq!(unsigned["content"]["result"], "matches");
    assert_eq!(unsigned["receipt"]["result"], "none");

    let signed = signer.countersign(&file, Some(FORM.to_owned()), &keys, "2025-03-08T10:00:00Z").expect("signed");
    let received = json(&examine_record(&signed, Some(FORM.to_owned()), &keys).expect("a record"));
    assert_eq!(received["receipt"]["result"], "valid", "{received}");
    assert_eq!(received["receipt"]["key"], signer.key_id());

    let edited = signed.replace("Ann Lee", "Anne Lee");
    let seen = json(&examine_record(&edited, Some(FORM.to_owned()), &keys).expect("a record"));
    assert_eq!(seen["digest_matches"], false);
    assert_eq!(seen["receipt"]["result"], "invalid");
    assert!(signer.countersign(&edited, Some(FORM.to_owned()), &keys, "2025-03-08T10:00:00Z").is_err());
    assert!(examine_record("not json", None, "[]").is_err());
    assert!(FormFiller::new("{}").is_err());
}
