//! The quiz pages: one attempt at a quiz, with its seeded order, marking, summary and
//! certificate, all from the core (`crate::quiz`).
//!
//! Only the quiz's key crosses over (ids, kinds, right answers: [`QuizKey`]); its words stay
//! in the page. Unlike the rest of the binding, this file reads and makes JavaScript objects
//! field by field with `js-sys` instead of serde-wasm-bindgen: serde's generic code for these
//! few small types was two thirds of the quizzes' share of the module, and the checker page
//! has a download budget. For the same reason the methods' doc comments, which wasm-bindgen
//! copies into the JavaScript glue, are one line each; here is the whole of it:
//!
//! - `new QuizSession(school, quiz, seed, postSafe)`: one attempt at `quiz` (an entry of
//!   `quizzes.json`) in the order `seed` gives; `postSafe[i]` says whether the school's
//!   checker (`PostChecker`) finds nothing in the draft of question `i` (as written), and is
//!   read for "would you post this?" questions only.
//! - `order()`: `{ questions: [index…], choices: [[index…]…] }`, indices into the quiz as
//!   written.
//! - `score(answers)`, answers being `[[choice…]…]` (the picked choices of each question as
//!   written; empty when not answered): `{ correct, total, questions: [{ picked, correct,
//!   right }] }`.
//! - `certificate(name, date, answers)`: `{ code, correct, total }`, the check code a
//!   certificate prints for a first name on a `YYYY-MM-DD` date, and its score.
//! - `check(code)`: what a check code typed by a teacher says: `{ status }`, the status being
//!   `genuine` (with `date`, `correct`, `total` and `initial`, the name's first letter or
//!   `null`), `malformed`, `typo`, `other-version` (with `version`, modulo 16) or
//!   `not-genuine` (see `crate::quiz::certificate`).

use crate::quiz::certificate::{self, Checked};
use crate::quiz::key::{ChoiceKey, QuestionKey, QuizKey};
use crate::quiz::model::Kind;
use crate::quiz::score::{self, Answers, Marked};
use crate::quiz::shuffle::Order;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

fn js_error(error: impl std::fmt::Display) -> JsError {
    JsError::new(&error.to_string())
}

// ── JavaScript to Rust ─────────────────────────────────────────────────────────────────────

/// `object[key]`, or `undefined`.
fn field(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// What is wrong when a value is not in the shape `quizzes.json` and the page give it.
fn not_shaped(what: &str) -> JsError {
    JsError::new(&format!("{what}: not in the expected shape"))
}

fn text(object: &JsValue, key: &str) -> Result<String, JsError> {
    field(object, key).as_string().ok_or_else(|| not_shaped(key))
}

fn list(value: JsValue, what: &str) -> Result<Array, JsError> {
    value.dyn_into::<Array>().map_err(|_| not_shaped(what))
}

fn whole_number(value: &JsValue, what: &str) -> Result<usize, JsError> {
    value
        .as_f64()
        .filter(|n| n.fract() == 0.0 && (0.0..4_294_967_296.0).contains(n))
        .map(|n| n as usize)
        .ok_or_else(|| not_shaped(what))
}

/// A quiz from `quizzes.json` as its key. (Loops, not iterator chains, here and below: each
/// chain is code of its own in the module.)
fn quiz_key(quiz: &JsValue) -> Result<QuizKey, JsError> {
    let mut questions = Vec::new();
    for question in list(field(quiz, "questions"), "the quiz's questions")?.iter() {
        let kind = text(&question, "kind")?;
        let mut choices = Vec::new();
        for choice in list(field(&question, "choices"), "a question's choices")?.iter() {
            choices.push(ChoiceKey { correct: field(&choice, "correct").is_truthy() });
        }
        questions.push(QuestionKey {
            id: text(&question, "id")?,
            kind: Kind::from_name(&kind).ok_or_else(|| not_shaped("a question's kind"))?,
            choices,
        });
    }
    let version = whole_number(&field(quiz, "version"), "the quiz's version")?;
    Ok(QuizKey { id: text(quiz, "id")?, version: version as u32, questions })
}

/// `[[choice…]…]`, one list per question as written.
fn answers(value: JsValue) -> Result<Answers, JsError> {
    let mut answers = Vec::new();
    for picked in list(value, "the answers")?.iter() {
        let mut choices = Vec::new();
        for choice in list(picked, "each answer")?.iter() {
            choices.push(whole_number(&choice, "the choices picked")?);
        }
        answers.push(choices);
    }
    Ok(Answers(answers))
}

// ── Rust to JavaScript ─────────────────────────────────────────────────────────────────────

fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in fields {
        // Setting a property of a new plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

fn numbers(values: &[usize]) -> JsValue {
    let array = Array::new();
    for &value in values {
        array.push(&JsValue::from(value as u32));
    }
    array.into()
}

fn marked(marked: &Marked) -> JsValue {
    object(&[
        ("picked", numbers(&marked.picked)),
        ("correct", marked.correct.into()),
        ("right", numbers(&marked.right)),
    ])
}

/// One attempt at one quiz (see the module's description).
#[wasm_bindgen]
pub struct QuizSession {
    school: String,
    quiz: QuizKey,
    order: Order,
}

#[wasm_bindgen]
impl QuizSession {
    /// An attempt at `quiz` (from `quizzes.json`) in `seed`'s order; `post_safe[i]`: the
    /// checker finds nothing in question `i`'s draft.
    #[wasm_bindgen(constructor)]
    pub fn new(school: String, quiz: JsValue, seed: u32, post_safe: JsValue) -> Result<QuizSession, JsError> {
        let mut quiz = quiz_key(&quiz)?;
        let mut safe = Vec::new();
        for verdict in list(post_safe, "the checker's verdicts")?.iter() {
            safe.push(verdict.is_truthy());
        }
        quiz.apply_post_keys(&safe).map_err(js_error)?;
        let order = Order::new(&quiz, seed);
        Ok(QuizSession { school, quiz, order })
    }

    /// `{ questions, choices }`: the order to show, as indices into the quiz as written.
    pub fn order(&self) -> JsValue {
        let choices = Array::new();
        for shown in &self.order.choices {
            choices.push(&numbers(shown));
        }
        object(&[("questions", numbers(&self.order.questions)), ("choices", choices.into())])
    }

    /// The marks and summary of `answers` (`[[choice…]…]`, by question as written).
    pub fn score(&self, answers: JsValue) -> Result<JsValue, JsError> {
        let score = score::score(&self.quiz, &self::answers(answers)?).map_err(js_error)?;
        let questions = Array::new();
        for question in &score.questions {
            questions.push(&marked(question));
        }
        Ok(object(&[
            ("correct", (score.correct as u32).into()),
            ("total", (score.total as u32).into()),
            ("questions", questions.into()),
        ]))
    }

    /// `{ code, correct, total }`: the certificate for a first name on a date.
    pub fn certificate(&self, name: &str, date: &str, answers: JsValue) -> Result<JsValue, JsError> {
        let answers = self::answers(answers)?;
        let made = certificate::make(&self.school, &self.quiz, name, date, &answers).map_err(js_error)?;
        Ok(object(&[
            ("code", made.code.into()),
            ("correct", (made.correct as u32).into()),
            ("total", (made.total as u32).into()),
        ]))
    }

    /// `{ status, … }`: what a check code typed by a teacher says of its certificate.
    pub fn check(&self, code: &str) -> JsValue {
        let status = |status: &str| ("status", JsValue::from_str(status));
        match certificate::check(&self.school, &self.quiz, code) {
            Checked::Genuine(facts) => object(&[
                status("genuine"),
                ("date", facts.date.into()),
                ("correct", (facts.correct as u32).into()),
                ("total", (facts.total as u32).into()),
                ("initial", facts.initial.map_or(JsValue::NULL, |c| JsValue::from_str(c.encode_utf8(&mut [0; 4])))),
            ]),
            Checked::Malformed => object(&[status("malformed")]),
            Checked::Typo => object(&[status("typo")]),
            Checked::OtherVersion(version) => object(&[status("other-version"), ("version", version.into())]),
            Checked::NotGenuine => object(&[status("not-genuine")]),
        }
    }
}
