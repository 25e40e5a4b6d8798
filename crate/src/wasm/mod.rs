//! The WebAssembly binding: a thin layer over the core that converts types (JavaScript values
//! to the core's structs with serde-wasm-bindgen, and results to plain objects with js-sys) and
//! offsets (UTF-8 bytes to UTF-16 code units), and nothing else. One file per part of the site
//! that uses it.

#[cfg(feature = "checker")]
mod check;
#[cfg(feature = "forms")]
mod form;
#[cfg(feature = "tools")]
mod tools;
// The quizzes' package holds the checker too: a "would you post this?" answer is its verdict.
#[cfg(feature = "quiz")]
mod quiz;

#[cfg(feature = "checker")]
pub use check::PostChecker;
#[cfg(feature = "forms")]
pub use form::{FormFiller, OfficeSigner, examine_record, new_key_file};
#[cfg(feature = "quiz")]
pub use quiz::QuizSession;
#[cfg(feature = "tools")]
pub use tools::{clears, post_length, rewrites};

#[cfg(feature = "checker")]
use wasm_bindgen::{JsError, JsValue};

/// A JavaScript value as `T`, or an error saying which argument (`what`) was wrong.
#[cfg(feature = "checker")]
pub(crate) fn from_js<T: serde::de::DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("{what}: {e}")))
}

/// A plain object with these fields; an undefined value leaves its field out.
#[cfg(any(feature = "checker", feature = "tools"))]
pub(crate) fn object(fields: &[(&str, wasm_bindgen::JsValue)]) -> wasm_bindgen::JsValue {
    let object = js_sys::Object::new();
    for (key, value) in fields {
        if !value.is_undefined() {
            // Setting a property of a new plain object cannot fail.
            let _ = js_sys::Reflect::set(&object, &wasm_bindgen::JsValue::from_str(key), value);
        }
    }
    object.into()
}
