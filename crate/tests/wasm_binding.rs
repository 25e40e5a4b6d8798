//! The WebAssembly binding in a real browser (`wasm-pack test --headless --chrome`): findings
//! come back with UTF-16 offsets that slice the JavaScript string at exactly the flagged words,
//! whatever emoji, joiners, accents and look-alike letters come before them; bad input gives a
//! JavaScript error that says what is wrong.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

use js_sys::JsString;
use postwise::bundle::{Ask, PolicyBundle, Rule, School};
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

fn bundle() -> PolicyBundle {
    PolicyBundle {
        school: School {
            id: "oakfield".to_owned(),
            name: "Oakfield Primary School".to_owned(),
            also_known_as: vec!["Oakfield".to_owned()],
            place_names: Vec::new(),
            pupil_ages: [4, 11],
            pupils: "pupils".to_owned(),
            platforms: Vec::new(),
            covers: [Author::Staff, Author::Pupil, Author::Parent]
                .into_iter()
                .map(|author| (author, vec![Channel::School, Channel::Personal, Channel::Group, Channel::Direct]))
                .collect(),
        },
        rules: vec![
            rule("names", Category::PupilIdentity, r#"{"kind":"full-name"}"#),
            rule("language", Category::OffensiveLanguage, r#"{"kind":"offensive","min_severity":1}"#),
        ],
        asks: Vec::new(),
        clauses: Default::default(),
    }
}

fn checker_of(bundle: &PolicyBundle) -> PostChecker {
    // As the page does: `rules.json` parsed by the browser, `covers` an object keyed by author.
    let value = js_sys::JSON::parse(&serde_json::to_string(bundle).expect("bundle to JSON")).expect("JSON");
    PostChecker::new(value).expect("checker builds")
}

fn checker() -> PostChecker {
    checker_of(&bundle())
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

fn js_error(error: wasm_bindgen::JsError) -> String {
    String::from(js_sys::Error::from(JsValue::from(error)).message())
}

fn json(value: JsValue) -> String {
    String::from(js_sys::JSON::stringify(&value).expect("JSON"))
}

#[wasm_bindgen_test]
fn asks_and_coverage_come_back_as_plain_values() {
    let mut bundle = bundle();
    bundle.school.covers.remove(&Author::Parent);
    bundle.asks = vec![Ask {
        id: "approved".to_owned(),
        severity: Severity::Must,
        authors: vec![Author::Staff],
        channels: vec![Channel::Group],
        clause: "3.2".to_owned(),
        question: "Has SLT approved this post?".to_owned(),
        hint: None,
    }];
    let checker = checker_of(&bundle);
    let asks = json(checker.asks(context("staff")).expect("asks").into());
    assert!(
        asks.starts_with(r#"[{"id":"approved","severity":"must","#)
            && asks.contains(r#""question":"Has SLT approved this post?""#),
        "{asks}"
    );
    assert_eq!(json(checker.asks(context("pupil")).expect("asks").into()), "[]");
    assert_eq!(checker.covers(context("staff")).expect("covers"), "covered");
    assert_eq!(checker.covers(context("parent")).expect("covers"), "author-not-covered");
}

#[derive(Deserialize)]
struct JsRewrite {
    label: String,
    start: u32,
    end: u32,
    text: String,
}

#[wasm_bindgen_test]
fn a_rewrite_slices_the_javascript_string_at_the_words_it_replaces() {
    let text = "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467} Well done Sienna Parkes! What a sh1t day.";
    let rewrites: Vec<JsRewrite> =
        serde_wasm_bindgen::from_value(checker().suggest(text, context("staff"), 0).expect("suggest").into())
            .expect("rewrites");
    assert_eq!(rewrites[0].label, "Use the first name only");
    let js_text = JsString::from(text);
    assert_eq!(String::from(js_text.slice(rewrites[0].start, rewrites[0].end)), "Sienna Parkes");
    assert_eq!(rewrites[0].text, "Sienna");
    let swear: Vec<JsRewrite> =
        serde_wasm_bindgen::from_value(checker().suggest(text, context("staff"), 1).expect("suggest").into())
            .expect("rewrites");
    assert_eq!(String::from(js_text.slice(swear[0].start, swear[0].end)), " sh1t");
    assert_eq!(json(checker().suggest(text, context("staff"), 7).expect("suggest").into()), "[]", "no such finding");
}

#[wasm_bindgen_test]
fn a_post_is_measured_as_its_platform_counts() {
    let text = "\u{1F600} Cafe\u{301} https://example.org/a/long/way";
    assert_eq!(postwise::wasm::post_length(text, "x").expect("counts"), 2 + 1 + 4 + 1 + 23);
    assert_eq!(postwise::wasm::post_length(text, "graphemes").expect("counts"), 1 + 1 + 4 + 1 + 30);
    let message = js_error(postwise::wasm::post_length(text, "words").err().expect("refused"));
    assert!(message.contains("words"), "{message}");
}

#[wasm_bindgen_test]
fn a_draft_over_the_limit_is_refused_and_one_at_it_is_checked() {
    assert_eq!(PostChecker::draft_limit(), 20_000);
    let long = "a".repeat(PostChecker::draft_limit() + 1);
    let message = js_error(checker().check(&long, context("staff")).err().expect("refused"));
    assert!(message.contains("20001 characters") && message.contains("20000"), "{message}");
    assert!(checker().check(&long[1..], context("staff")).is_ok(), "the limit itself is checked");
    assert_eq!(json(checker().suggest(&long, context("staff"), 0).expect("suggest").into()), "[]");
}
