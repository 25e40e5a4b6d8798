//! Forms for the "Read and sign" pages: checking answers, making the signed record, and
//! verifying a record file. Types are converted here; the rules are in `crate::form`.

use super::{from_js, to_js};
use crate::form::{Answers, FieldError, Form, Record, make_record, validate, verify};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A record, or what stops one being made.
#[derive(Serialize)]
struct RecordOutcome {
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<Record>,
    errors: Vec<FieldError>,
}

/// One of a school's forms, built from its `form-<id>.json`.
#[wasm_bindgen]
pub struct FormFiller {
    form: Form,
}

#[wasm_bindgen]
impl FormFiller {
    /// Builds the form from its compiled JSON (parsed).
    #[wasm_bindgen(constructor)]
    pub fn new(form: JsValue) -> Result<FormFiller, JsError> {
        Ok(FormFiller { form: from_js(form, "the form")? })
    }

    /// Every problem with `answers` (field id → answer), as `[{field, message}]` in the form's
    /// order; empty when there is none.
    pub fn validate(&self, answers: JsValue) -> Result<JsValue, JsError> {
        let answers: Answers = from_js(answers, "the answers")?;
        to_js(&validate(&self.form, &answers))
    }

    /// The signed record of `answers` made at `submitted_at` (`YYYY-MM-DDTHH:MM:SSZ`):
    /// `{record, errors: []}`, or `{errors}` when an answer is wrong.
    pub fn record(&self, answers: JsValue, submitted_at: &str) -> Result<JsValue, JsError> {
        let answers: Answers = from_js(answers, "the answers")?;
        let outcome = match make_record(&self.form, &answers, submitted_at) {
            Ok(record) => RecordOutcome { record: Some(record), errors: Vec::new() },
            Err(errors) => RecordOutcome { record: None, errors },
        };
        to_js(&outcome)
    }
}

/// Checks a record file's contents (parsed JSON): `{intact, known_format, computed_digest,
/// current_policy}`. Fails when the value is not a record at all, saying what is missing or extra.
#[wasm_bindgen(js_name = verifyRecord)]
pub fn verify_record(record: JsValue, current_version: Option<String>) -> Result<JsValue, JsError> {
    let record: Record = from_js(record, "the record")?;
    to_js(&verify(&record, current_version.as_deref()))
}
