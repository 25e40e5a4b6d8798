//! What a person gives for each field, as the browser sends it and as the record keeps it.

use super::canonical::Value;
use super::json;
use std::collections::BTreeMap;

/// One field's answer. In JSON: `true`/`false` (a statement), a string (text, a web address, a
/// date, an e-mail address, one choice), a list of strings (several choices), or an object
/// (a signature).
#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    /// The full name, as typed.
    pub name: String,
    /// The drawing as SVG path data in a 300 by 100 box: `M12 40L13 41…`.
    pub drawing: Option<String>,
}

/// Every answer, by field id.
pub type Answers = BTreeMap<String, Answer>;

impl Answer {
    /// The answer a JSON value gives, or `None` when it has no answer's shape.
    pub fn from_value(value: &Value) -> Option<Answer> {
        Some(match value {
            Value::Bool(agreed) => Answer::Agreed(*agreed),
            Value::String(text) => Answer::Text(text.clone()),
            Value::Array(items) => {
                Answer::Choices(items.iter().map(|i| i.as_str().map(str::to_owned)).collect::<Option<_>>()?)
            }
            Value::Object(members) => {
                let name = value.get("name")?.as_str()?.to_owned();
                let drawing = match value.get("drawing") {
                    None | Some(Value::Null) => None,
                    Some(drawing) => Some(drawing.as_str()?.to_owned()),
                };
                if members.keys().any(|k| k != "name" && k != "drawing") {
                    return None;
                }
                Answer::Signature(Signature { name, drawing })
            }
            Value::Null => return None,
        })
    }

    /// The answer as JSON, as a record keeps it.
    pub fn to_value(&self) -> Value {
        match self {
            Answer::Agreed(agreed) => Value::Bool(*agreed),
            Answer::Text(text) => Value::string(text),
            Answer::Choices(labels) => Value::Array(labels.iter().map(|l| Value::string(l)).collect()),
            Answer::Signature(Signature { name, drawing }) => {
                Value::object([("drawing", drawing.as_deref().map(Value::string)), ("name", Some(Value::string(name)))])
            }
        }
    }
}

/// The answers in `text`, a JSON object of field id → answer. A `null` answer is no answer.
pub fn answers_from_json(text: &str) -> Result<Answers, String> {
    let Value::Object(members) = json::parse(text)? else {
        return Err("the answers must be a JSON object".to_owned());
    };
    let mut answers = Answers::new();
    for (field, value) in members {
        if value == Value::Null {
            continue;
        }
        let answer = Answer::from_value(&value).ok_or_else(|| format!("the answer to `{field}` cannot be read"))?;
        answers.insert(field, answer);
    }
    Ok(answers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_read_from_json() {
        let answers = answers_from_json(
            r#"{"a":true,"b":"text","c":["x","y"],"d":{"name":"Ann","drawing":"M1 2"},"e":{"name":"Bo"},"f":null}"#,
        )
        .unwrap();
        assert_eq!(answers["a"], Answer::Agreed(true));
        assert_eq!(answers["b"], Answer::Text("text".to_owned()));
        assert_eq!(answers["c"], Answer::Choices(vec!["x".to_owned(), "y".to_owned()]));
        assert_eq!(
            answers["d"],
            Answer::Signature(Signature { name: "Ann".to_owned(), drawing: Some("M1 2".to_owned()) })
        );
        assert_eq!(answers["e"], Answer::Signature(Signature { name: "Bo".to_owned(), drawing: None }));
        assert!(!answers.contains_key("f"));
        assert!(answers_from_json(r#"{"a":[true]}"#).unwrap_err().contains("`a`"));
        assert!(answers_from_json(r#"{"a":{"name":"A","x":"y"}}"#).is_err());
        assert!(answers_from_json("[]").is_err());
    }

    #[test]
    fn an_answer_round_trips_through_json() {
        for answer in [
            Answer::Agreed(false),
            Answer::Text("é\n".to_owned()),
            Answer::Choices(Vec::new()),
            Answer::Signature(Signature { name: "A".to_owned(), drawing: None }),
        ] {
            assert_eq!(Answer::from_value(&answer.to_value()), Some(answer));
        }
    }
}
