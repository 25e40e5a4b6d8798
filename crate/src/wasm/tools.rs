//! The "Check a post" page's tools that need the core but not the checker: a post's length as
//! a platform counts it, and the rewrites for a finding with the test of whether one is safe.
//!
//! A package of its own (`postwise_tools.js`), which the page fetches the first time someone
//! opens a finding's card or picks a platform: Unicode's grapheme tables (`unicode-segmentation`)
//! and the rewrites are a tenth of the checker's budget, and no check needs them. The page checks
//! each rewrite with the checker it has (`PostChecker.check`) and asks [`clears`] whether to
//! offer it.

use super::object;
use crate::length::{Counting, count};
use crate::model::Span;
use crate::offsets::{utf8_to_utf16, utf16_to_utf8};
use crate::suggest;
use js_sys::Array;
use wasm_bindgen::prelude::*;

/// How many characters `text` is, counted as `counting` (`"graphemes"` or `"x"`, a platform's
/// `data-counting` on the page, from `platforms.toml`) says.
#[wasm_bindgen(js_name = postLength)]
pub fn post_length(text: &str, counting: &str) -> Result<usize, JsError> {
    let counting = Counting::from_name(counting).ok_or_else(|| JsError::new("no such counting: graphemes or x"))?;
    Ok(count(text, counting))
}

/// The rewrites to try for what the detector `detector` (a rule's `detect.kind` in
/// `rules.json`) found from `start` to `end` of `text`, best first: `[{ label, start, end,
/// text, note? }]`, offsets in UTF-16 code units as JavaScript counts. `pupils` is the
/// school's word for its children.
#[wasm_bindgen]
pub fn rewrites(text: &str, start: usize, end: usize, detector: &str, pupils: &str) -> Result<Array, JsError> {
    let bytes = utf16_to_utf8(text, &[start, end])
        .filter(|b| b[0] <= b[1])
        .ok_or_else(|| JsError::new("the finding is not where the text has characters"))?;
    let found = suggest::candidates(detector, text, Span::new(bytes[0], bytes[1]), pupils);
    let spans: Vec<usize> = found.iter().flat_map(|r| [r.span.start, r.span.end]).collect();
    let units = utf8_to_utf16(text, &spans);
    let list = Array::new();
    for (rewrite, at) in found.iter().zip(units.chunks_exact(2)) {
        list.push(&object(&[
            ("label", rewrite.label.into()),
            ("start", at[0].into()),
            ("end", at[1].into()),
            ("text", rewrite.text.as_str().into()),
            ("note", rewrite.note.map_or(JsValue::UNDEFINED, JsValue::from)),
        ]));
    }
    Ok(list)
}

/// Whether to offer a rewrite (`suggest::clears`): `before` and `after` are the findings of
/// the draft and of the draft rewritten, each as `[rule, words]`; `rule` and `words` are the
/// finding it was for.
#[wasm_bindgen]
pub fn clears(before: Array, after: Array, rule: &str, words: &str) -> Result<bool, JsError> {
    let (before, after) = (pairs(&before)?, pairs(&after)?);
    Ok(suggest::clears(&view(&before), &view(&after), (rule, words)))
}

fn view(pairs: &[(String, String)]) -> Vec<(&str, &str)> {
    pairs.iter().map(|(rule, words)| (rule.as_str(), words.as_str())).collect()
}

fn pairs(list: &Array) -> Result<Vec<(String, String)>, JsError> {
    let mut pairs = Vec::new();
    for pair in list.iter() {
        let pair: Array = pair.dyn_into().map_err(|_| JsError::new("findings: each is [rule, words]"))?;
        match (pair.get(0).as_string(), pair.get(1).as_string()) {
            (Some(rule), Some(words)) => pairs.push((rule, words)),
            _ => return Err(JsError::new("findings: each is [rule, words]")),
        }
    }
    Ok(pairs)
}
