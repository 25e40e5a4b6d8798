//! The WebAssembly binding: a thin layer over the core that converts types (JavaScript values
//! to and from the core's structs, with serde-wasm-bindgen) and offsets (UTF-8 bytes to UTF-16
//! code units), and nothing else. One file per part of the site that uses it.

#[cfg(feature = "checker")]
mod check;
#[cfg(feature = "forms")]
mod form;
#[cfg(feature = "length")]
mod length;
// The quizzes' package holds the checker too: a "would you post this?" answer is its verdict.
#[cfg(feature = "quiz")]
mod quiz;

#[cfg(feature = "checker")]
pub use check::PostChecker;
#[cfg(feature = "forms")]
pub use form::{FormFiller, verify_record};
#[cfg(feature = "length")]
pub use length::post_length;
#[cfg(feature = "quiz")]
pub use quiz::QuizSession;

#[cfg(feature = "checker")]
use wasm_bindgen::{JsError, JsValue};

/// Plain JSON-like objects (no `Map`s) for JavaScript.
#[cfg(feature = "checker")]
pub(crate) fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
}

/// A JavaScript value as `T`, or an error saying which argument (`what`) was wrong.
#[cfg(feature = "checker")]
pub(crate) fn from_js<T: serde::de::DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("{what}: {e}")))
}
