//! A post's length as a platform counts it, for the "Check a post" page's platform counter.
//!
//! A package of its own (`postwise_length.js`), which the page fetches the first time someone
//! picks a platform: Unicode's grapheme tables (`unicode-segmentation`) are 13 KB gzipped, and
//! the checker's first download has a budget. The limits are in `rules.json` (each platform's
//! `post_limit`); this counts.

use crate::length::{Counting, count};
use wasm_bindgen::prelude::*;

/// How many characters `text` is, counted as `counting` (`"graphemes"` or `"x"`, a platform's
/// `post_limit.counting` in `rules.json`) says.
#[wasm_bindgen(js_name = postLength)]
pub fn post_length(text: &str, counting: &str) -> Result<usize, JsError> {
    let counting =
        Counting::from_name(counting).ok_or_else(|| JsError::new(&format!("no such counting: {counting}")))?;
    Ok(count(text, counting))
}
