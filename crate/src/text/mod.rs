//! Text preparation shared by every detector: folding disguises away, splitting into words
//! and sentences, and matching cue phrases.

pub mod normalise;
pub mod pattern;
pub mod tokens;
