//! The quiz binding in a real browser (`wasm-pack test --headless --chrome`): a quiz from
//! `quizzes.json` as JavaScript gives its seeded order, marks, score and certificate as plain
//! objects; the "would you post this?" answer follows the checker's verdict; a certificate's
//! code says what the certificate says, a typo in it is called one, and another school's quiz
//! does not take it; input of the wrong shape is a JavaScript error that says so.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

use js_sys::{Array, JSON, Reflect};
use postwise::wasm::QuizSession;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A quiz as `quizzes.json` has it, words and all.
const QUIZ: &str = r#"{
  "id": "be-smart-online-7-11", "source": "be-smart-online", "title": "Be SMART online",
  "audience": "pupils", "band": { "youngest": 7, "oldest": 11 }, "version": 1, "intro": "Hi.",
  "concepts": [{ "id": "safe", "name": "S is for Safe", "remember": "Keep it private.", "clause": "9.1.a" }],
  "questions": [
    { "id": "private", "concept": "safe", "clause": "9.1.a", "prompt": "Which are private?", "kind": "multiple",
      "choices": [{ "text": "Name", "correct": true }, { "text": "Colour", "correct": false }, { "text": "School", "correct": true }],
      "explain": "E." },
    { "id": "meet", "concept": "safe", "clause": "9.1.a", "prompt": "Meet alone?", "kind": "true-false",
      "choices": [{ "text": "True", "correct": false }, { "text": "False", "correct": true }], "explain": "E." },
    { "id": "party", "concept": "safe", "clause": "9.1.a", "prompt": "Would you post this?", "kind": "post",
      "choices": [{ "text": "Yes, I would post it", "correct": false }, { "text": "No, I would not post it", "correct": true }],
      "explain": "E.", "scenario": { "draft": "I live at 12 Oak Road.", "context": { "author": "pupil", "channel": "personal" }, "expected_safe": false } }
  ]
}"#;

fn js(text: &str) -> JsValue {
    JSON::parse(text).expect("JSON")
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("a field")
}

fn numbers(value: &JsValue) -> Vec<u32> {
    value.clone().dyn_into::<Array>().expect("an array").iter().map(|v| v.as_f64().expect("a number") as u32).collect()
}

/// Post safe: whether the checker finds nothing in each question's draft (by index).
fn session(seed: u32, checker_finds_something: bool) -> QuizSession {
    let post_safe = js(&format!("[false, false, {}]", !checker_finds_something));
    QuizSession::new("chestnuts".to_owned(), js(QUIZ), seed, post_safe).expect("a session")
}

#[wasm_bindgen_test]
fn the_order_is_seeded_and_keeps_true_false_and_yes_no_in_place() {
    let order = session(7, true).order();
    let mut questions = numbers(&get(&order, "questions"));
    let choices: Vec<Vec<u32>> =
        get(&order, "choices").dyn_into::<Array>().expect("an array").iter().map(|c| numbers(&c)).collect();
    assert_eq!(numbers(&get(&session(7, true).order(), "questions")), questions, "the same seed, the same order");
    assert_eq!(choices[1], [0, 1]);
    assert_eq!(choices[2], [0, 1]);
    questions.sort_unstable();
    assert_eq!(questions, [0, 1, 2]);
}

#[wasm_bindgen_test]
fn score_marks_each_question_and_the_post_answer_follows_the_checker() {
    let answers = js("[[2, 0], [1], [1]]");
    let score = session(1, true).score(answers.clone()).expect("scores");
    assert_eq!(get(&score, "correct").as_f64(), Some(3.0));
    assert_eq!(get(&score, "total").as_f64(), Some(3.0));
    let first = get(&score, "questions").dyn_into::<Array>().expect("an array").get(0);
    assert_eq!(numbers(&get(&first, "picked")), [0, 2], "normalised");
    assert_eq!(get(&first, "correct").as_bool(), Some(true));
    // Had the checker found nothing in the draft, "No" would be wrong.
    let lenient = session(1, false).score(answers).expect("scores");
    assert_eq!(get(&lenient, "correct").as_f64(), Some(2.0));
}

#[wasm_bindgen_test]
fn a_certificate_code_says_what_the_certificate_says_and_catches_a_typo() {
    let session = session(4242, true);
    let made = session.certificate("Amy", "2026-03-14", js("[[0, 2], [1], []]")).expect("a certificate");
    let code = get(&made, "code").as_string().expect("a code");
    assert_eq!(code.len(), 14, "{code}");
    assert_eq!((get(&made, "correct").as_f64(), get(&made, "total").as_f64()), (Some(2.0), Some(3.0)));
    let checked = session.check(&code);
    assert_eq!(get(&checked, "status").as_string().as_deref(), Some("genuine"));
    assert_eq!(get(&checked, "date").as_string().as_deref(), Some("2026-03-14"));
    assert_eq!(get(&checked, "correct").as_f64(), Some(2.0));
    assert_eq!(get(&checked, "total").as_f64(), Some(3.0));
    assert_eq!(get(&checked, "initial").as_string().as_deref(), Some("a"));
    let mut typo: Vec<char> = code.chars().collect();
    typo.swap(0, 1);
    if typo[0] == typo[1] {
        typo.swap(5, 6);
    }
    let typo: String = typo.into_iter().collect();
    assert_eq!(get(&session.check(&typo), "status").as_string().as_deref(), Some("typo"), "{typo}");
    assert_eq!(get(&session.check("not a code"), "status").as_string().as_deref(), Some("malformed"));
    let elsewhere =
        QuizSession::new("craylands".to_owned(), js(QUIZ), 1, js("[false, false, false]")).expect("a session");
    assert_eq!(get(&elsewhere.check(&code), "status").as_string().as_deref(), Some("not-genuine"));
}

#[wasm_bindgen_test]
fn input_of_the_wrong_shape_is_an_error_that_says_so() {
    let error = QuizSession::new("chestnuts".to_owned(), js(r#"{"id": "q", "version": 1}"#), 1, js("[]"))
        .err()
        .expect("an error");
    let message = JsValue::from(error).dyn_into::<js_sys::Error>().expect("an Error").message();
    assert_eq!(String::from(message), "the quiz's questions: not in the expected shape");
    let session = session(1, true);
    assert!(session.score(js(r#"[["a"]]"#)).is_err());
    assert!(session.score(js("[[0, 1], [0, 1]]")).is_err(), "two answers to a true-false question");
}
