//! Forms for the "Read and sign" pages: checking answers, making the signed record, and
//! verifying a record file. Forms, answers and records cross as JSON text, read and written by
//! the core's own small JSON code (`crate::form::json`), so this part of the module stays small;
//! the rules are all in `crate::form`.

use crate::form::answer::answers_from_json;
use crate::form::canonical::Value;
use crate::form::decode::form_from_json;
use crate::form::{FieldError, Form, make_record, validate, verify};
use wasm_bindgen::prelude::*;

fn errors_value(errors: &[FieldError]) -> Value {
    Value::Array(errors.iter().map(FieldError::to_value).collect())
}

/// One of a school's forms, built from its `form-<id>.json`.
#[wasm_bindgen]
pub struct FormFiller {
    form: Form,
}

#[wasm_bindgen]
impl FormFiller {
    /// Builds the form from the text of its `form-<id>.json`.
    #[wasm_bindgen(constructor)]
    pub fn new(form_json: &str) -> Result<FormFiller, JsError> {
        let form = form_from_json(form_json).map_err(|e| JsError::new(&format!("the form: {e}")))?;
        Ok(FormFiller { form })
    }

    /// Every problem with the answers (JSON text: field id → answer), as JSON text
    /// `[{field, message}]` in the form's order; `[]` when there is none.
    pub fn validate(&self, answers_json: &str) -> Result<String, JsError> {
        let answers = answers_from_json(answers_json).map_err(|e| JsError::new(&format!("the answers: {e}")))?;
        Ok(errors_value(&validate(&self.form, &answers)).to_canonical())
    }

    /// The signed record of the answers, made at `submitted_at` (`YYYY-MM-DDTHH:MM:SSZ`), as
    /// JSON text `{"errors": [], "record": {…}}`, or `{"errors": [{field, message}, …]}`.
    pub fn record(&self, answers_json: &str, submitted_at: &str) -> Result<String, JsError> {
        let answers = answers_from_json(answers_json).map_err(|e| JsError::new(&format!("the answers: {e}")))?;
        let outcome = match make_record(&self.form, &answers, submitted_at) {
            Ok(record) => Value::object([("errors", Some(Value::Array(Vec::new()))), ("record", Some(record))]),
            Err(errors) => Value::object([("errors", Some(errors_value(&errors)))]),
        };
        Ok(outcome.to_canonical())
    }
}

/// Checks a record file's text: JSON text `{intact, known_format, computed_digest,
/// current_policy}`. Fails, saying why, when the text is not a record at all.
#[wasm_bindgen(js_name = verifyRecord)]
pub fn verify_record(record_text: &str, current_version: Option<String>) -> Result<String, JsError> {
    let verdict = verify(record_text, current_version.as_deref()).map_err(|e| JsError::new(&e))?;
    Ok(verdict.to_value().to_canonical())
}
