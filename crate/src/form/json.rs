//! A small, strict JSON reader for forms, answers and records (RFC 8259, without numbers,
//! which none of them has). Hand-written so the WebAssembly module stays small; duplicate
//! member names are refused, as JCS requires.

use super::canonical::Value;
use std::collections::BTreeMap;

/// How deeply arrays and objects may nest.
const MAX_DEPTH: usize = 32;

/// Reads `text` as one JSON value, or says what is wrong and where (in characters from the
/// start).
pub fn parse(text: &str) -> Result<Value, String> {
    let mut reader = Reader { chars: text.char_indices().peekable(), text, at: 0 };
    let value = reader.value(0)?;
    reader.skip_space();
    match reader.chars.peek() {
        None => Ok(value),
        Some(_) => Err(reader.error("there is more after the end of the JSON value")),
    }
}

struct Reader<'a> {
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    text: &'a str,
    /// Characters read so far, for messages.
    at: usize,
}

impl Reader<'_> {
    fn error(&self, what: &str) -> String {
        format!("not valid JSON at character {}: {what}", self.at + 1)
    }

    fn next(&mut self) -> Option<char> {
        let (_, c) = self.chars.next()?;
        self.at += 1;
        Some(c)
    }

    fn skip_space(&mut self) {
        while let Some(&(_, ' ' | '\t' | '\n' | '\r')) = self.chars.peek() {
            self.next();
        }
    }

    fn expect(&mut self, word: &str) -> Result<(), String> {
        for wanted in word.chars() {
            if self.next() != Some(wanted) {
                return Err(self.error(&format!("expected `{word}`")));
            }
        }
        Ok(())
    }

    fn value(&mut self, depth: usize) -> Result<Value, String> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.skip_space();
        match self.chars.peek().map(|&(_, c)| c) {
            Some('{') => self.object(depth),
            Some('[') => self.array(depth),
            Some('"') => self.string().map(Value::String),
            Some('t') => self.expect("true").map(|()| Value::Bool(true)),
            Some('f') => self.expect("false").map(|()| Value::Bool(false)),
            Some('n') => self.expect("null").map(|()| Value::Null),
            Some('-' | '0'..='9') => Err(self.error("numbers are not used in forms or records")),
            Some(_) => Err(self.error("expected a value")),
            None => Err(self.error("it ends too soon")),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, String> {
        self.next();
        let mut items = Vec::new();
        self.skip_space();
        if let Some(&(_, ']')) = self.chars.peek() {
            self.next();
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_space();
            match self.next() {
                Some(',') => continue,
                Some(']') => return Ok(Value::Array(items)),
                _ => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, String> {
        self.next();
        let mut members = BTreeMap::new();
        self.skip_space();
        if let Some(&(_, '}')) = self.chars.peek() {
            self.next();
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_space();
            if !matches!(self.chars.peek(), Some(&(_, '"'))) {
                return Err(self.error("expected a member name in quotes"));
            }
            let name = self.string()?;
            self.skip_space();
            if self.next() != Some(':') {
                return Err(self.error("expected `:`"));
            }
            let value = self.value(depth + 1)?;
            if members.insert(name.clone(), value).is_some() {
                return Err(self.error(&format!("the member `{name}` appears twice")));
            }
            self.skip_space();
            match self.next() {
                Some(',') => continue,
                Some('}') => return Ok(Value::Object(members)),
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    fn string(&mut self) -> Result<String, String> {
        self.next();
        let mut out = String::new();
        loop {
            // Copy runs of plain characters at once.
            let Some(&(start, _)) = self.chars.peek() else { return Err(self.error("a string is not closed")) };
            let mut end = start;
            while let Some(&(i, c)) = self.chars.peek() {
                if c == '"' || c == '\\' || (c as u32) < 0x20 {
                    break;
                }
                end = i + c.len_utf8();
                self.next();
            }
            out.push_str(&self.text[start..end]);
            match self.next() {
                Some('"') => return Ok(out),
                Some('\\') => out.push(self.escape()?),
                Some(_) => return Err(self.error("a control character must be escaped in a string")),
                None => return Err(self.error("a string is not closed")),
            }
        }
    }

    fn escape(&mut self) -> Result<char, String> {
        Ok(match self.next() {
            Some('"') => '"',
            Some('\\') => '\\',
            Some('/') => '/',
            Some('b') => '\u{8}',
            Some('f') => '\u{c}',
            Some('n') => '\n',
            Some('r') => '\r',
            Some('t') => '\t',
            Some('u') => {
                let first = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&first) {
                    self.expect("\\u")?;
                    let second = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&second) {
                        return Err(self.error("a \\u escape is half of a character"));
                    }
                    0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                } else {
                    first
                };
                char::from_u32(code).ok_or_else(|| self.error("a \\u escape is half of a character"))?
            }
            _ => return Err(self.error("unknown escape in a string")),
        })
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let mut n = 0;
        for _ in 0..4 {
            let digit = self.next().and_then(|c| c.to_digit(16)).ok_or_else(|| self.error("expected 4 hex digits"))?;
            n = n * 16 + digit;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_json_stringify_writes() {
        let text = "{\n  \"a\": [true, false, null],\n  \"b\": \"q\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00 é\",\n  \"c\": {}\n}";
        let value = parse(text).unwrap();
        assert_eq!(value.to_canonical(), "{\"a\":[true,false,null],\"b\":\"q\\\"\\\\/\\b\\f\\n\\r\\té😀 é\",\"c\":{}}");
        assert_eq!(parse(" [ ] ").unwrap(), Value::Array(Vec::new()));
    }

    #[test]
    fn refuses_what_is_not_json_or_not_ours() {
        for (text, words) in [
            ("", "ends too soon"),
            ("{\"a\":1}", "numbers are not used"),
            ("{\"a\":true,\"a\":false}", "appears twice"),
            ("{\"a\":true,}", "member name in quotes"),
            ("[true false]", "expected `,` or `]`"),
            ("\"open", "not closed"),
            ("\"\\ud83d\"", "expected `\\u`"),
            ("\"\\ud83d\\u0041\"", "half of a character"),
            ("\"\\x\"", "unknown escape"),
            ("\"a\nb\"", "control character"),
            ("true false", "more after the end"),
            ("tru", "expected `true`"),
        ] {
            let error = parse(text).expect_err(text);
            assert!(error.contains(words), "{text:?}: {error}");
        }
        let deep = "[".repeat(40) + &"]".repeat(40);
        assert!(parse(&deep).unwrap_err().contains("nested too deeply"));
    }
}
