//! The post checker for the "Check a post" page.

use super::{from_js, to_js};
use crate::bundle::PolicyBundle;
use crate::check::Checker;
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

    /// Checks `text` written by `context.author` for `context.channel` (with optional `age` and
    /// `media`), returning findings whose `start`/`end` index the JavaScript string.
    pub fn check(&self, text: &str, context: JsValue) -> Result<JsValue, JsError> {
        let context: Context = from_js(context, "who is posting and where")?;
        let findings = self.checker.check(text, &context);
        to_js(&with_utf16_offsets(text, &findings))
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
