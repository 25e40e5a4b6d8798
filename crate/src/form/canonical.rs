//! JSON values without numbers, and their canonical form: the bytes a record's digest is taken
//! over (`RECORD.md` in this folder). The canonical form is RFC 8785, the JSON Canonicalization
//! Scheme: object members sorted by name (as UTF-16 code units), no whitespace, strings with
//! only `"`, `\` and control characters escaped, in UTF-8. Records hold no numbers, so nothing
//! here needs JCS's number formatting; [`super::json`] refuses numbers.
//!
//! Records, forms and answers cross into WebAssembly as JSON text and are read into this one
//! type, which keeps the browser's download small (no serde code per struct).

use std::collections::BTreeMap;

/// A JSON value without numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A string.
    String(String),
    /// An array, in order.
    Array(Vec<Value>),
    /// An object; [`Value::to_canonical`] orders its members as JCS does.
    Object(BTreeMap<String, Value>),
}

impl Value {
    /// An object from its members; `None` values are left out.
    pub fn object<'a>(members: impl IntoIterator<Item = (&'a str, Option<Value>)>) -> Value {
        Value::Object(members.into_iter().filter_map(|(name, value)| Some((name.to_owned(), value?))).collect())
    }

    /// A string value.
    pub fn string(text: &str) -> Value {
        Value::String(text.to_owned())
    }

    /// The member `name` of an object.
    pub fn get(&self, name: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.get(name),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    /// The canonical JSON text.
    pub fn to_canonical(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::String(s) => write_string(s, out),
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Value::Object(members) => {
                // JCS sorts by UTF-16 code units; UTF-8 byte order differs only for names that
                // mix characters above U+FFFF with U+E000 to U+FFFF.
                let mut sorted: Vec<(&String, &Value)> = members.iter().collect();
                sorted.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
                out.push('{');
                for (i, (name, value)) in sorted.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(name, out);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// A JSON string as JCS (and JavaScript's `JSON.stringify`) writes it.
fn write_string(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let n = c as usize;
                out.push_str("\\u00");
                out.push(HEX[n >> 4] as char);
                out.push(HEX[n & 0xf] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_are_sorted_and_nothing_is_spaced() {
        let value = Value::object([
            ("zeta", Some(Value::Bool(true))),
            ("alpha", Some(Value::Array(vec![Value::string("b"), Value::Null]))),
            ("left-out", None),
            ("Mid", Some(Value::Object(BTreeMap::new()))),
        ]);
        assert_eq!(value.to_canonical(), r#"{"Mid":{},"alpha":["b",null],"zeta":true}"#);
    }

    #[test]
    fn names_sort_by_utf16_code_units_as_jcs_says() {
        // U+FB01 sorts after U+1F600 in UTF-8 bytes but before it in UTF-16 (a surrogate pair).
        let value = Value::object([("😀", Some(Value::Null)), ("ﬁ", Some(Value::Null))]);
        assert_eq!(value.to_canonical(), r#"{"😀":null,"ﬁ":null}"#);
    }

    #[test]
    fn strings_escape_only_quotes_backslashes_and_control_characters() {
        let value = Value::string("\"q\" \\ \n\r\t\u{8}\u{c}\u{1}\u{1f} é 😀 \u{2028} / <");
        assert_eq!(value.to_canonical(), "\"\\\"q\\\" \\\\ \\n\\r\\t\\b\\f\\u0001\\u001f é 😀 \u{2028} / <\"");
    }
}
