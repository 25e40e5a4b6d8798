//! The post checker for the "Check a post" page.

use super::{from_js, object};
use crate::bundle::PolicyBundle;
use crate::check::{Checker, DRAFT_LIMIT, over_draft_limit};
use crate::model::{Context, Finding};
use crate::offsets::utf8_to_utf16;
use js_sys::Array;
use wasm_bindgen::prelude::*;

/// A school's checker, built once from its `rules.json`.
#[wasm_bindgen]
pub struct PostChecker {
    checker: Checker,
}

#[wasm_bindgen]
impl PostChecker {
    /// Builds the checker from a school's compiled rules (the parsed `rules.json`).
    #[wasm_bindgen(constructor)]
    pub fn new(bundle: JsValue) -> Result<PostChecker, JsError> {
        let bundle: PolicyBundle = from_js(bundle, "the school's rules")?;
        let checker = Checker::new(&bundle).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(PostChecker { checker })
    }

    /// Checks `text` written by `context.author` for `context.channel` (with optional `age` and
    /// `media`), returning findings whose `start`/`end` index the JavaScript string. Fails for a
    /// draft over `check::DRAFT_LIMIT` characters (the page says the limit, and checks first).
    pub fn check(&self, text: &str, context: JsValue) -> Result<Array, JsError> {
        let context: Context = from_js(context, "who is posting and where")?;
        if let Some(characters) = over_draft_limit(text) {
            return Err(JsError::new(&format!(
                "the draft is {characters} characters; the checker takes {DRAFT_LIMIT}"
            )));
        }
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

/// `[{ category, rule, severity, clause, start, end, message }]`, offsets in UTF-16 code units
/// as `String.prototype.slice` counts. Made field by field, as the other methods' results: serde's
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
        ]));
    }
    list
}
