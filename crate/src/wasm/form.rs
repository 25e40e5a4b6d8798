//! Forms for the "Read and sign", verify and office pages: making the signed record, examining
//! a record file (its digest, its content, the school's receipt), and the office's key, which
//! opens from its passphrase-protected file and countersigns records. Forms, answers, keys and
//! records cross as JSON text, read and written by the core's own small JSON code
//! (`crate::form::json`), so this part of the module stays small; the rules are all in
//! `crate::form`. Files, storage and random numbers are the page's JavaScript's
//! (`www/README.md` says why): random bytes come in as an argument.

use crate::form::answer::answers_from_json;
use crate::form::canonical::Value;
use crate::form::decode::form_from_json;
use crate::form::examine::examine;
use crate::form::key::{OfficeKey, SchoolKey, keys_from_json};
use crate::form::receipt::countersign;
use crate::form::{FieldError, Form, make_record};
use wasm_bindgen::prelude::*;

fn errors_value(errors: &[FieldError]) -> Value {
    Value::Array(errors.iter().map(FieldError::to_value).collect())
}

fn form_of(form_json: Option<String>) -> Result<Option<Form>, JsError> {
    form_json.map(|text| form_from_json(&text).map_err(|e| JsError::new(&format!("the form: {e}")))).transpose()
}

fn keys_of(keys_json: &str) -> Result<Vec<SchoolKey>, JsError> {
    keys_from_json(keys_json).map_err(|e| JsError::new(&format!("the school's keys: {e}")))
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

    /// The signed record of the answers (JSON text: field id → answer), made at `submitted_at`
    /// (`YYYY-MM-DDTHH:MM:SSZ`), as JSON text `{"errors": [], "record": {…}}`, or
    /// `{"errors": [{field, message}, …]}` in the form's order.
    pub fn record(&self, answers_json: &str, submitted_at: &str) -> Result<String, JsError> {
        let answers = answers_from_json(answers_json).map_err(|e| JsError::new(&format!("the answers: {e}")))?;
        let outcome = match make_record(&self.form, &answers, submitted_at) {
            Ok(record) => Value::object([("errors", Some(Value::Array(Vec::new()))), ("record", Some(record))]),
            Err(errors) => Value::object([("errors", Some(errors_value(&errors)))]),
        };
        Ok(outcome.to_canonical())
    }
}

/// Examines a record file's text against the site's form of its id (`form_json`, none when
/// the site has no such form) and the school's published keys (`keys_json`, a JSON list of
/// `{public_key, valid_from, valid_to?}`): JSON text `{known_format, digest_matches,
/// computed_digest, content, receipt}`. Fails, saying why, when the text is not a record.
#[wasm_bindgen(js_name = examineRecord)]
pub fn examine_record(record_text: &str, form_json: Option<String>, keys_json: &str) -> Result<String, JsError> {
    let form = form_of(form_json)?;
    let found = examine(record_text, form.as_ref(), &keys_of(keys_json)?).map_err(|e| JsError::new(&e))?;
    Ok(found.to_value().to_canonical())
}

/// A new key file for `school`, sealed with `passphrase`: its JSON text. `random` is
/// `KEY_RANDOM_BYTES` (60) bytes from `crypto.getRandomValues`.
#[wasm_bindgen(js_name = newKeyFile)]
pub fn new_key_file(school: &str, passphrase: &str, random: &[u8]) -> Result<String, JsError> {
    let (_, file) = OfficeKey::generate(school, passphrase, random).map_err(|e| JsError::new(&e))?;
    Ok(file)
}

/// The office's key, opened from its file for as long as the page is open; it is never stored.
#[wasm_bindgen]
pub struct OfficeSigner {
    key: OfficeKey,
}

#[wasm_bindgen]
impl OfficeSigner {
    /// Opens the key file `file_text` with `passphrase`; fails, saying why, when the passphrase
    /// is wrong or the file is not a key file.
    pub fn open(file_text: &str, passphrase: &str) -> Result<OfficeSigner, JsError> {
        OfficeKey::open(file_text, passphrase).map(|key| OfficeSigner { key }).map_err(|e| JsError::new(&e))
    }

    /// The school the key signs for.
    #[wasm_bindgen(getter)]
    pub fn school(&self) -> String {
        self.key.school.clone()
    }

    /// The key's id, as receipts name it.
    #[wasm_bindgen(getter, js_name = keyId)]
    pub fn key_id(&self) -> String {
        self.key.public_key().id()
    }

    /// The public key, `ed25519:` and 64 hex digits, for `school.toml`.
    #[wasm_bindgen(getter, js_name = publicKey)]
    pub fn public_key(&self) -> String {
        self.key.public_key().to_text()
    }

    /// The record file's text with the school's receipt, received at `received_at`, as
    /// canonical JSON text; fails, saying why, when the school should not sign it (changed, not
    /// the form's, an older policy version, a key not published for that day).
    pub fn countersign(
        &self,
        record_text: &str,
        form_json: Option<String>,
        keys_json: &str,
        received_at: &str,
    ) -> Result<String, JsError> {
        let form = form_of(form_json)?;
        countersign(record_text, form.as_ref(), &self.key, &keys_of(keys_json)?, received_at)
            .map(|record| record.to_canonical())
            .map_err(|e| JsError::new(&e))
    }
}
