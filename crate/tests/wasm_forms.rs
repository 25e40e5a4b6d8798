//! The forms' WebAssembly binding in a real browser (`wasm-pack test --headless --chrome`): a
//! form read from its JSON text, answers checked, a record made and examined (its digest, its
//! content, the school's receipt), unsigned, countersigned and edited. The key file
//! (`newKeyFile`, `OfficeSigner`) is tested in the browser by `tests/e2e/office.test.mjs`, on the
//! optimised package: its 600,000 rounds of PBKDF2 take longer, unoptimised, than this runner
//! waits for a test.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

use postwise::form::key::OfficeKey;
use postwise::form::receipt::countersign;
use postwise::wasm::{FormFiller, examine_record};
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

    // A key for tests only (its seed is here), as the school publishes it.
    let key = OfficeKey::from_seed(&[7; 32], "oakfield");
    let keys = format!(r#"[{{"public_key":"{}","valid_from":"2025-01-01"}}]"#, key.public_key().to_text());
    let form = postwise::form::decode::form_from_json(FORM).expect("the form");
    let published = postwise::form::key::keys_from_json(&keys).expect("keys");

    let unsigned = json(&examine_record(&file, Some(FORM.to_owned()), &keys).expect("a record"));
    assert_eq!(unsigned["digest_matches"], true);
    assert_eq!(unsigned["content"]["result"], "matches");
    assert_eq!(unsigned["receipt"]["result"], "none");

    let signed =
        countersign(&file, Some(&form), &key, &published, "2025-03-08T10:00:00Z").expect("signed").to_canonical();
    let received = json(&examine_record(&signed, Some(FORM.to_owned()), &keys).expect("a record"));
    assert_eq!(received["receipt"]["result"], "valid", "{received}");
    assert_eq!(received["receipt"]["key"], key.public_key().id());

    let edited = signed.replace("Ann Lee", "Anne Lee");
    let seen = json(&examine_record(&edited, Some(FORM.to_owned()), &keys).expect("a record"));
    assert_eq!(seen["digest_matches"], false);
    assert_eq!(seen["receipt"]["result"], "invalid");
    let unknown = json(&examine_record(&file, None, &keys).expect("a record"));
    assert_eq!(unknown["content"]["result"], "unknown-form");
    assert!(examine_record("not json", None, "[]").is_err());
    assert!(FormFiller::new("{}").is_err());
}
