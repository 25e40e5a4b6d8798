//! The WebAssembly binding in a real browser (`wasm-pack test --headless --chrome`): findings
//! come back with UTF-16 offsets that slice the JavaScript string at exactly the flagged words,
//! whatever emoji, joiners, accents and look-alike letters come before them; bad input gives a
//! JavaScript error that says what is wrong.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

use js_sys::JsString;
use postwise::bundle::{PolicyBundle, Rule, School};
use postwise::model::{Author, Category, Channel, Severity};
use postwise::wasm::PostChecker;
use serde::Deserialize;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn rule(id: &str, category: Category, detect: &str) -> Rule {
    Rule {
        id: id.to_owned(),
        category,
        severity: Severity::Must,
        authors: vec![Author::Staff, Author::Pupil, Author::Parent],
        channels: vec![Channel::School, Channel::Personal, Channel::Group, Channel::Direct],
        clause: "1.1".to_owned(),
        message: "Change it.".to_owned(),
        detect: serde_json::from_str(detect).expect("detector"),
    }
}

fn checker() -> PostChecker {
    let bundle = PolicyBundle {
        school: School {
            id: "oakfield".to_owned(),
            name: "Oakfield Primary School".to_owned(),
            also_known_as: vec!["Oakfield".to_owned()],
            place_names: Vec::new(),
            address: None,
            pupil_ages: [4, 11],
            platforms: Vec::new(),
        },
        rules: vec![
            rule("names", Category::PupilIdentity, r#"{"kind":"full-name"}"#),
            rule("language", Category::OffensiveLanguage, r#"{"kind":"offensive","min_severity":1}"#),
        ],
        clauses: Default::default(),
    };
    let value = serde_wasm_bindgen::to_value(&bundle).expect("bundle to JS");
    PostChecker::new(value).expect("checker builds")
}

#[derive(Deserialize)]
struct JsFinding {
    category: String,
    rule: String,
    start: u32,
    end: u32,
}

fn context(author: &str) -> JsValue {
    js_sys::JSON::parse(&format!(r#"{{"author":"{author}","channel":"group"}}"#)).expect("JSON")
}

fn flagged(text: &str) -> Vec<(String, String)> {
    let found = checker().check(text, context("parent")).expect("check");
    let findings: Vec<JsFinding> = serde_wasm_bindgen::from_value(found).expect("findings");
    let js_text = JsString::from(text);
    findings.into_iter().map(|f| (f.category, String::from(js_text.slice(f.start, f.end)))).collect()
}

#[wasm_bindgen_test]
fn offsets_slice_the_javascript_string_at_the_flagged_words() {
    let cases = [
        ("Sienna Parkes was here", vec![("pupil-identity", "Sienna Parkes")]),
        (
            "👩‍👩‍👧 family day! Sienna Parkes 😀 sh1t",
            vec![("pupil-identity", "Sienna Parkes"), ("offensive-language", "sh1t")],
        ),
        ("café crème, then tw\u{0430}t", vec![("offensive-language", "tw\u{0430}t")]),
        ("e\u{0301}\u{0301} 𝐟𝐮𝐜𝐤 ok", vec![("offensive-language", "𝐟𝐮𝐜𝐤")]),
        ("cr\u{200B}ap 🏴󠁧󠁢󠁳󠁣󠁴󠁿 end", vec![("offensive-language", "cr\u{200B}ap")]),
    ];
    for (text, expected) in cases {
        let got = flagged(text);
        let expected: Vec<(String, String)> = expected.into_iter().map(|(c, w)| (c.to_owned(), w.to_owned())).collect();
        assert_eq!(got, expected, "in {text:?}");
    }
}

#[wasm_bindgen_test]
fn a_finding_names_its_rule() {
    let found = checker().check("what a crap day", context("staff")).expect("check");
    let findings: Vec<JsFinding> = serde_wasm_bindgen::from_value(found).expect("findings");
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].rule, "language");
}

#[wasm_bindgen_test]
fn bad_rules_and_bad_context_are_explained() {
    let error = PostChecker::new(JsValue::from_str("not rules")).err().expect("rejected");
    let message = String::from(js_sys::Error::from(JsValue::from(error)).message());
    assert!(message.contains("the school's rules"), "{message}");

    let error = checker().check("hello", context("teacher")).err().expect("rejected");
    let message = String::from(js_sys::Error::from(JsValue::from(error)).message());
    assert!(message.contains("who is posting and where") && message.contains("teacher"), "{message}");
}

/// A checker with the bullying rule, which the tone tier adds to.
fn bullying_checker() -> PostChecker {
    let bundle = PolicyBundle {
        school: School {
            id: "oakfield".to_owned(),
            name: "Oakfield Primary School".to_owned(),
            also_known_as: vec!["Oakfield".to_owned()],
            place_names: Vec::new(),
            address: None,
            pupil_ages: [4, 11],
            platforms: Vec::new(),
        },
        rules: vec![rule("kindness", Category::Bullying, r#"{"kind":"bullying"}"#)],
        clauses: Default::default(),
    };
    PostChecker::new(serde_wasm_bindgen::to_value(&bundle).expect("bundle to JS")).expect("checker builds")
}

#[derive(Deserialize)]
struct ToneFinding {
    category: String,
    start: u32,
    end: u32,
    whole: bool,
}

#[wasm_bindgen_test]
fn the_tone_tier_loads_from_its_file_and_adds_findings_at_the_right_words() {
    let mut checker = bullying_checker();
    let text = "👩‍👩‍👧 Honestly that Harper child is a nasty little piece of work, keep your kids away from her";
    let before: Vec<ToneFinding> =
        serde_wasm_bindgen::from_value(checker.check_tone(text, context("parent")).expect("check")).expect("findings");
    assert!(before.is_empty(), "nothing without the tone tier");
    assert!(!checker.has_tone());
    checker.load_tone(include_bytes!("../lexicons/tone.bin")).expect("the tone model loads");
    assert!(checker.has_tone());
    let found: Vec<ToneFinding> =
        serde_wasm_bindgen::from_value(checker.check_tone(text, context("parent")).expect("check")).expect("findings");
    let js_text = JsString::from(text);
    let bullying: Vec<String> = found
        .iter()
        .filter(|f| f.category == "bullying")
        .map(|f| String::from(js_text.slice(f.start, f.end)))
        .collect();
    assert_eq!(bullying.len(), 1, "{bullying:?}");
    assert!(bullying[0].contains("nasty") && !bullying[0].contains("Honestly"), "{bullying:?}");
    assert!(found.iter().all(|f| !f.whole));
    // The word-level check is the same as before.
    let plain: Vec<ToneFinding> =
        serde_wasm_bindgen::from_value(checker.check(text, context("parent")).expect("check")).expect("findings");
    assert!(plain.is_empty());
}

#[wasm_bindgen_test]
fn a_file_that_is_not_a_tone_model_is_explained() {
    let mut checker = bullying_checker();
    let error = checker.load_tone(b"<!doctype html>").err().expect("rejected");
    let message = String::from(js_sys::Error::from(JsValue::from(error)).message());
    assert!(message.contains("not a tone model"), "{message}");
}
