//! The post checker for the "Check a post" page.

use super::{from_js, to_js};
use crate::bundle::PolicyBundle;
use crate::check::{Checker, DRAFT_LIMIT, over_draft_limit};
use crate::model::{Context, Finding};
use crate::offsets::utf8_to_utf16;
use js_sys::{Array, Object, Reflect};
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
}

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

    /// The longest draft `check` takes, in characters (`[...text].length`).
    #[wasm_bindgen(js_name = draftLimit)]
    pub fn draft_limit() -> usize {
        DRAFT_LIMIT
    }

    /// Checks `text` written by `context.author` for `context.channel` (with optional `age` and
    /// `media`), returning findings whose `start`/`end` index the JavaScript string. Fails for a
    /// draft over `draftLimit()` characters.
    pub fn check(&self, text: &str, context: JsValue) -> Result<JsValue, JsError> {
        let context: Context = from_js(context, "who is posting and where")?;
        if let Some(characters) = over_draft_limit(text) {
            return Err(JsError::new(&format!(
                "the draft is {characters} characters; the checker takes {DRAFT_LIMIT}"
            )));
        }
        let findings = self.checker.check(text, &context);
        to_js(&with_utf16_offsets(text, &findings))
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

    /// Checked rewrites for finding `index` of `check(text, context)`: `[{ label, start, end,
    /// text, note? }]`, `start`/`end` indexing the JavaScript string; `[]` when there is none.
    pub fn suggest(&self, text: &str, context: JsValue, index: usize) -> Result<Array, JsError> {
        let context: Context = from_js(context, "who is posting and where")?;
        let rewrites = Array::new();
        if over_draft_limit(text).is_some() {
            return Ok(rewrites);
        }
        let found = self.checker.suggest(text, &context, index);
        let bytes: Vec<usize> = found.iter().flat_map(|r| [r.span.start, r.span.end]).collect();
        let units = utf8_to_utf16(text, &bytes);
        for (rewrite, at) in found.iter().zip(units.chunks_exact(2)) {
            rewrites.push(&object(&[
                ("label", rewrite.label.into()),
                ("start", at[0].into()),
                ("end", at[1].into()),
                ("text", rewrite.text.as_str().into()),
                ("note", rewrite.note.map_or(JsValue::UNDEFINED, JsValue::from)),
            ]));
        }
        Ok(rewrites)
    }
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
        })
        .collect()
}

/// A plain object with these fields; an undefined value leaves its field out.
fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in fields {
        if !value.is_undefined() {
            // Setting a property of a new plain object cannot fail.
            let _ = Reflect::set(&object, &JsValue::from_str(key), value);
        }
    }
    object.into()
}
