//! What a person gives for each field, as the browser sends it and as the record keeps it.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One field's answer. In JSON: `true`/`false` (a statement), a string (text, a web address, a
/// date, an e-mail address, one choice), a list of strings (several choices), or an object
/// (a signature).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    /// A statement ticked (`true`) or not.
    Agreed(bool),
    /// Text as typed; in a record, a date as `YYYY-MM-DD` and a choice as its option's label.
    Text(String),
    /// Several choices: their values from the browser, their labels in a record.
    Choices(Vec<String>),
    /// A signature.
    Signature(Signature),
}

/// A typed name, and optionally a signature drawn with a finger, pen or mouse.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// The full name, as typed.
    pub name: String,
    /// The drawing as SVG path data in a 300 by 100 box: `M12 40L13 41…`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drawing: Option<String>,
}

/// Every answer, by field id.
pub type Answers = BTreeMap<String, Answer>;
