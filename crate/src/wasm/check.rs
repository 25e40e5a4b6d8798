//! The post checker for the "Check a post" page.

use super::{from_js, object};
use crate::bundle::PolicyBundle;
use crate::check::{Checker, DRAFT_LIMIT, over_draft_limit};
use crate::detect::tone::ToneModel;
use crate::model::{Context, Finding};
use crate::offsets::utf8_to_utf16;
use js_sys::Array;
use wasm_bindgen::prelude::*;

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

    /// Checks `text` as [`PostChecker::check`] does, with the tone tier's findings added once it
    /// is loaded (until then, the same as `check`): every word-level finding is kept.
    #[wasm_bindgen(js_name = checkTone)]
    pub fn check_tone(&self, text: &str, context: JsValue) -> Result<Array, JsError> {
        let context: Context = from_js(context, "who is posting and where")?;
        refuse_over_limit(text)?;
        let findings = match &self.tone {
            Some(tone) => self.checker.check_with_tone(text, &context, tone),
            None => self.checker.check(text, &context),
        };
        Ok(with_utf16_offsets(text, &findings))
    }

    /// Checks `text` written by `context.author` for `context.channel` (with optional `age` and
    /// `media`), returning findings whose `start`/`end` index the JavaScript string. Fails for a
    /// draft over `check::DRAFT_LIMIT` characters (the page says the limit, and checks first).
    pub fn check(&self, text: &str, context: JsValue) -> Result<Array, JsError> {
        let context: Context = from_js(context, "who is posting and where")?;
        refuse_over_limit(text)?;
        let findings = self.checker.check(text, &context);
        Ok(with_utf16_offsets(text, &findings))
    }

    /// What the policy asks of this writer and channel that the text cannot show: `[{ id,
    /// severity, clause, question, hint? }]`, in the order written.
    pub fn asks(&self, context: JsValue) -> Result<Array, JsError> {
        let context: Context = from_js(context, "who is posting and where")?;
        let asks = Array::new();
        for ask in self.checker.asks(&context) {
            asks.push(&object(&[
                ("id", ask.id.as_str().into()),
                ("severity", ask.severity.as_str().into()),
                ("clause", ask.clause.as_str().into()),
                ("question", ask.question.as_str().into()),
                ("hint", ask.hint.as_deref().map_or(JsValue::UNDEFINED, JsValue::from)),
            ]));
        }
        Ok(asks)
    }

    /// `"covered"`, `"author-not-covered"` or `"channel-not-covered"`: whether the policy
    /// governs this writer on this channel at all.
    pub fn covers(&self, context: JsValue) -> Result<String, JsError> {
        let context: Context = from_js(context, "who is posting and where")?;
        Ok(self.checker.covers(&context).as_str().to_owned())
    }
}

/// An error for a draft over `check::DRAFT_LIMIT` characters.
fn refuse_over_limit(text: &str) -> Result<(), JsError> {
    match over_draft_limit(text) {
        Some(characters) => {
            Err(JsError::new(&format!("the draft is {characters} characters; the checker takes {DRAFT_LIMIT}")))
        }
        None => Ok(()),
    }
}

/// `[{ category, rule, severity, clause, start, end, message, whole }]`, offsets in UTF-16 code
/// units as `String.prototype.slice` counts; `whole` when the finding is about the draft as a
/// whole (its span leaves no word outside). Made field by field, as the other methods' results: serde's
/// serialiser would be code of its own in the checker's download, for this one list.
fn with_utf16_offsets(text: &str, findings: &[Finding]) -> Array {
    let bytes: Vec<usize> = findings.iter().flat_map(|f| [f.start, f.end]).collect();
    let units = utf8_to_utf16(text, &bytes);
    let list = Array::new();
    for (f, at) in findings.iter().zip(units.chunks_exact(2)) {
        list.push(&object(&[
            ("category", f.category.as_str().into()),
            ("rule", f.rule.as_str().into()),
            ("severity", f.severity.as_str().into()),
            ("clause", f.clause.as_str().into()),
            ("start", at[0].into()),
            ("end", at[1].into()),
            ("message", f.message.as_str().into()),
            ("whole", covers_every_word(text, f.start, f.end).into()),
        ]));
    }
    list
}

/// Whether `start..end` leaves no letter or digit of `text` outside it.
fn covers_every_word(text: &str, start: usize, end: usize) -> bool {
    let outside = |s: Option<&str>| s.is_some_and(|s| s.chars().any(char::is_alphanumeric));
    start < end && !outside(text.get(..start)) && !outside(text.get(end..))
}
