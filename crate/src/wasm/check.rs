//! The post checker for the "Check a post" page.

use super::{from_js, to_js};
use crate::bundle::PolicyBundle;
use crate::check::Checker;
use crate::detect::tone::ToneModel;
use crate::model::{Context, Finding};
use crate::offsets::utf8_to_utf16;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A finding with offsets in UTF-16 code units, as `String.prototype.slice` counts.
#[derive(Serialize)]
struct JsFinding<'a> {
    category: &'a str,
    rule: &'a str,
    severity: &'a str,
    clause: &'a str,
    start: usize,
    end: usize,
    message: &'a str,
    /// The finding is about the draft as a whole: its span leaves no word outside.
    whole: bool,
}

/// A school's checker, built once from its `rules.json`, and the tone tier once its file
/// (fetched after the checker is ready) is loaded.
#[wasm_bindgen]
pub struct PostChecker {
    checker: Checker,
    tone: Option<ToneModel>,
}

#[wasm_bindgen]
impl PostChecker {
    /// Builds the checker from a school's compiled rules (the parsed `rules.json`).
    #[wasm_bindgen(constructor)]
    pub fn new(bundle: JsValue) -> Result<PostChecker, JsError> {
        let bundle: PolicyBundle = from_js(bundle, "the school's rules")?;
        let checker = Checker::new(&bundle).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(PostChecker { checker, tone: None })
    }

    /// Loads the tone tier from its file's bytes (`tone.bin`); an error names what is wrong.
    #[wasm_bindgen(js_name = loadTone)]
    pub fn load_tone(&mut self, bytes: &[u8]) -> Result<(), JsError> {
        self.tone = Some(ToneModel::from_bytes(bytes).map_err(|e| JsError::new(&e.to_string()))?);
        Ok(())
    }

    /// Whether the tone tier is loaded.
    #[wasm_bindgen(js_name = hasTone)]
    pub fn has_tone(&self) -> bool {
        self.tone.is_some()
    }

    /// Checks `text` as [`PostChecker::check`] does, with the tone tier's findings added (when
    /// it is loaded): every word-level finding is kept. For when typing pauses.
    #[wasm_bindgen(js_name = checkTone)]
    pub fn check_tone(&self, text: &str, context: JsValue) -> Result<JsValue, JsError> {
        let context: Context = from_js(context, "who is posting and where")?;
        let findings = match &self.tone {
            Some(tone) => self.checker.check_with_tone(text, &context, tone),
            None => self.checker.check(text, &context),
        };
        to_js(&with_utf16_offsets(text, &findings))
    }

    /// Checks `text` written by `context.author` for `context.channel` (with optional `age` and
    /// `media`), returning findings whose `start`/`end` index the JavaScript string.
    pub fn check(&self, text: &str, context: JsValue) -> Result<JsValue, JsError> {
        let context: Context = from_js(context, "who is posting and where")?;
        let findings = self.checker.check(text, &context);
        to_js(&with_utf16_offsets(text, &findings))
    }
}

/// Whether `start..end` leaves no letter or digit of `text` outside it.
fn covers_every_word(text: &str, start: usize, end: usize) -> bool {
    let outside = |s: Option<&str>| s.is_some_and(|s| s.chars().any(char::is_alphanumeric));
    start < end && !outside(text.get(..start)) && !outside(text.get(end..))
}

fn with_utf16_offsets<'a>(text: &str, findings: &'a [Finding]) -> Vec<JsFinding<'a>> {
    let bytes: Vec<usize> = findings.iter().flat_map(|f| [f.start, f.end]).collect();
    let units = utf8_to_utf16(text, &bytes);
    findings
        .iter()
        .zip(units.chunks_exact(2))
        .map(|(f, u)| JsFinding {
            category: f.category.as_str(),
            rule: &f.rule,
            severity: f.severity.as_str(),
            clause: &f.clause,
            start: u[0],
            end: u[1],
            message: &f.message,
            whole: covers_every_word(text, f.start, f.end),
        })
        .collect()
}
