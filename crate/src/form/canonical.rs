//! The canonical form of a record: the bytes its digest is taken over (`RECORD.md` in this
//! folder specifies them). It is RFC 8785, the JSON Canonicalization Scheme, for JSON
//! without numbers: object members sorted by name, no whitespace, strings with only `"`, `\`
//! and control characters escaped, in UTF-8. Records hold no numbers, so nothing here needs
//! JCS's number formatting.

use std::collections::BTreeMap;

/// A JSON value without numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// `true` or `false`.
    Bool(bool),
    /// A string.
    String(String),
    /// An array, in order.
    Array(Vec<Value>),
    /// An object. Names are ASCII in records, so sorting by bytes is JCS's order (by UTF-16
    /// code units) too.
    Object(BTreeMap<&'static str, Value>),
}

impl Value {
    /// An object from its members; `None` values are left out.
    pub fn object(members: impl IntoIterator<Item = (&'static str, Option<Value>)>) -> Value {
        Value::Object(members.into_iter().filter_map(|(name, value)| value.map(|v| (name, v))).collect())
    }

    /// A string value.
    pub fn string(text: &str) -> Value {
        Value::String(text.to_owned())
    }

    /// The canonical JSON text.
    pub fn to_canonical(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
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
                out.push('{');
                for (i, (name, value)) in members.iter().enumerate() {
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
            ("alpha", Some(Value::Array(vec![Value::string("b"), Value::string("a")]))),
            ("left-out", None),
            ("Mid", Some(Value::Object(BTreeMap::new()))),
        ]);
        assert_eq!(value.to_canonical(), r#"{"Mid":{},"alpha":["b","a"],"zeta":true}"#);
    }

    #[test]
    fn strings_escape_only_quotes_backslashes_and_control_characters() {
        let value = Value::string("\"q\" \\ \n\r\t\u{8}\u{c}\u{1}\u{1f} é 😀 \u{2028} / <");
        assert_eq!(value.to_canonical(), "\"\\\"q\\\" \\\\ \\n\\r\\t\\b\\f\\u0001\\u001f é 😀 \u{2028} / <\"");
    }
}
