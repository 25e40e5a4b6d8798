//! The WebAssembly binding in a real browser (`wasm-pack test --headless --chrome`): findings
//! come back with UTF-16 offsets that slice the JavaScript string at exactly the flagged words,
//! whatever emoji, joiners, accents and look-alike letters come before them; bad input gives a
//! JavaScript error that says what is wrong.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

use js_sys::JsString;
use postwise::bundle::{Ask, PolicyBundle, Rule, School};
use postwise::check::DRAFT_LIMIT;
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
            address: None,
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
    let findings: Vec<JsFinding> = serde_wasm_bindgen::from_value(found.into()).expect("findings");
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
    let findings: Vec<JsFinding> = serde_wasm_bindgen::from_value(found.into()).expect("findings");
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].rule, "language");
}

#[wasm_bindgen_test]
fn bad_rules_and_bad_context_are_explained() {
    let error = PostChecker::new(JsValue::from_str("not rules")).err().expect("rejected");
    let message = String::from(js_sys::Error::from(JsValue::from(error)).message());
    assert!(message.contains("the school's rules"), "{message}");

    let error = checker().check("hello", context("teacher")).expect_err("rejected");
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

/// The UTF-16 offsets of `words` in `text`, as the page has them.
fn units(text: &str, words: &str) -> (usize, usize) {
    let start = text.find(words).expect("words in the text");
    (text[..start].encode_utf16().count(), text[..start + words.len()].encode_utf16().count())
}

#[wasm_bindgen_test]
fn a_rewrite_slices_the_javascript_string_at_the_words_it_replaces() {
    let text = "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467} Well done Sienna Parkes! What a sh1t day.";
    let js_text = JsString::from(text);
    let (start, end) = units(text, "Sienna Parkes");
    let found = postwise::wasm::rewrites(text, start, end, "full-name", "pupils").expect("rewrites");
    let names: Vec<JsRewrite> = serde_wasm_bindgen::from_value(found.into()).expect("rewrites");
    assert_eq!(names[0].label, "Use the first name only");
    assert_eq!(String::from(js_text.slice(names[0].start, names[0].end)), "Sienna Parkes");
    assert_eq!(names[0].text, "Sienna");
    assert_eq!(names[1].text, "one of our pupils");
    let (start, end) = units(text, "sh1t");
    let found = postwise::wasm::rewrites(text, start, end, "offensive", "pupils").expect("rewrites");
    let swear: Vec<JsRewrite> = serde_wasm_bindgen::from_value(found.into()).expect("rewrites");
    assert_eq!(String::from(js_text.slice(swear[0].start, swear[0].end)), " sh1t", "with the space before it");
    assert_eq!(json(postwise::wasm::rewrites(text, start, end, "bullying", "pupils").expect("rewrites").into()), "[]");
    let message = js_error(postwise::wasm::rewrites(text, 1, 2, "offensive", "pupils").expect_err("refused"));
    assert!(message.contains("not where the text has characters"), "inside the emoji: {message}");
}

#[wasm_bindgen_test]
fn clears_takes_the_findings_as_rule_and_words_pairs() {
    let pairs = |list: &str| -> js_sys::Array { js_sys::JSON::parse(list).expect("JSON").into() };
    let before = pairs(r#"[["names", "Sienna Parkes"], ["phone", "07700 900874"]]"#);
    assert!(
        postwise::wasm::clears(before.clone(), pairs(r#"[["phone", "07700 900874"]]"#), "names", "Sienna Parkes")
            .expect("clears")
    );
    assert!(
        !postwise::wasm::clears(
            before.clone(),
            pairs(r#"[["job", "our pupils"], ["phone", "07700 900874"]]"#),
            "names",
            "Sienna Parkes"
        )
        .expect("clears")
    );
    let message = js_error(
        postwise::wasm::clears(before, pairs(r#"[["phone"]]"#), "names", "Sienna Parkes").expect_err("refused"),
    );
    assert!(message.contains("[rule, words]"), "{message}");
}

#[wasm_bindgen_test]
fn a_post_is_measured_as_its_platform_counts() {
    let text = "\u{1F600} Cafe\u{301} https://example.org/a/long/way";
    assert_eq!(postwise::wasm::post_length(text, "x").expect("counts"), 2 + 1 + 4 + 1 + 23);
    assert_eq!(postwise::wasm::post_length(text, "graphemes").expect("counts"), 1 + 1 + 4 + 1 + 30);
    let message = js_error(postwise::wasm::post_length(text, "words").expect_err("refused"));
    assert!(message.contains("no such counting"), "{message}");
}

#[wasm_bindgen_test]
fn a_draft_over_the_limit_is_refused_and_one_at_it_is_checked() {
    assert_eq!(DRAFT_LIMIT, 20_000);
    let long = "a".repeat(DRAFT_LIMIT + 1);
    let message = js_error(checker().check(&long, context("staff")).expect_err("refused"));
    assert!(message.contains("20001 characters") && message.contains("20000"), "{message}");
    assert!(checker().check(&long[1..], context("staff")).is_ok(), "the limit itself is checked");
}

/// A checker with the bullying rule, which the tone tier adds to.
fn bullying_checker() -> PostChecker {
    let mut bundle = bundle();
    bundle.rules = vec![rule("kindness", Category::Bullying, r#"{"kind":"bullying"}"#)];
    checker_of(&bundle)
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
        serde_wasm_bindgen::from_value(checker.check_tone(text, context("parent")).expect("check").into())
            .expect("findings");
    assert!(before.is_empty(), "nothing without the tone tier");
    assert!(!checker.has_tone());
    checker.load_tone(include_bytes!("../lexicons/tone.bin")).expect("the tone model loads");
    assert!(checker.has_tone());
    let found: Vec<ToneFinding> =
        serde_wasm_bindgen::from_value(checker.check_tone(text, context("parent")).expect("check").into())
            .expect("findings");
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
        serde_wasm_bindgen::from_value(checker.check(text, context("parent")).expect("check").into())
            .expect("findings");
    assert!(plain.is_empty());
}

#[wasm_bindgen_test]
fn a_file_that_is_not_a_tone_model_is_explained() {
    let mut checker = bullying_checker();
    let error = checker.load_tone(b"<!doctype html>").err().expect("rejected");
    let message = js_error(error);
    assert!(message.contains("not a tone model"), "{message}");
}
