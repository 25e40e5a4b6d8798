//! JSON values without numbers, and their canonical form: the bytes a record's digest is taken
//! over (`RECORD.md` in this folder). The canonical form is RFC 8785, the JSON Canonicalization
//! Scheme: object members sorted by name (as UTF-16 code units), no whitespace, strings with
//! only `"`, `\` and control characters escaped, in UTF-8. Records hold no numbers, so nothing
//! here needs JCS's number formatting; [`super::json`] refuses numbers.
//!
//! Records, forms and answers cross into WebAssembly as JSON text and are read into this one
//! type, which keeps the browser's download small (no serde code per struct, no map type):
//! objects are short lists of members, looked up in order.

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
    /// An object's members, names unique, in any order; [`Value::to_canonical`] sorts them as
    /// JCS does.
    Object(Vec<(String, Value)>),
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
            Value::Object(members) => members.iter().find(|(n, _)| n == name).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The object's member `name`, to change it; added (as `null`) when it is not there.
    /// Nothing when this is not an object.
    pub fn member_mut(&mut self, name: &str) -> Option<&mut Value> {
        let Value::Object(members) = self else { return None };
        let at = match members.iter().position(|(n, _)| n == name) {
            Some(at) => at,
            None => {
                members.push((name.to_owned(), Value::Null));
                members.len() - 1
            }
        };
        members.get_mut(at).map(|(_, value)| value)
    }

    /// The object without its member `name` (nothing happens to anything else).
    pub fn remove(&mut self, name: &str) {
        if let Value::Object(members) = self {
            members.retain(|(n, _)| n != name);
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
        self.write(&mut out, &[]);
        out
    }

    /// The canonical JSON text of an object without its members named in `left_out` (a record
    /// without its digest and receipt).
    pub fn to_canonical_without(&self, left_out: &[&str]) -> String {
        let mut out = String::new();
        self.write(&mut out, left_out);
        out
    }

    fn write(&self, out: &mut String, left_out: &[&str]) {
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
                    item.write(out, &[]);
                }
                out.push(']');
            }
            Value::Object(members) => {
                // JCS sorts by UTF-16 code units (UTF-8 byte order differs for names that mix
                // characters above U+FFFF with U+E000 to U+FFFF). Objects are short: an
                // insertion sort is enough, and small in WebAssembly.
                let mut sorted: Vec<&(String, Value)> =
                    members.iter().filter(|(name, _)| !left_out.contains(&name.as_str())).collect();
                for i in 1..sorted.len() {
                    let mut j = i;
                    while j > 0 && sorted[j - 1].0.encode_utf16().gt(sorted[j].0.encode_utf16()) {
                        sorted.swap(j - 1, j);
                        j -= 1;
                    }
                }
                out.push('{');
                for (i, (name, value)) in sorted.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(name, out);
                    out.push(':');
                    value.write(out, &[]);
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
            ("Mid", Some(Value::Object(Vec::new()))),
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
