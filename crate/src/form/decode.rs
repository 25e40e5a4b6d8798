//! A compiled form read back from its JSON (`form-<id>.json`, written by the site builder with
//! serde), by hand: the browser's module then carries no serde code for these types.

use super::canonical::Value;
use super::json;
use super::model::{ChoiceOption, Field, Form, PolicyRef, SchoolRef, Section, Tell};
use super::record::kind_from_name;

/// The form in `text`, as `serde_json` wrote it from a [`Form`].
pub fn form_from_json(text: &str) -> Result<Form, String> {
    form(&json::parse(text)?)
}

fn text(value: &Value, name: &str) -> Result<String, String> {
    value.get(name).and_then(Value::as_str).map(str::to_owned).ok_or_else(|| format!("the form has no `{name}`"))
}

fn optional(value: &Value, name: &str) -> Option<String> {
    value.get(name).and_then(Value::as_str).map(str::to_owned)
}

fn flag(value: &Value, name: &str) -> bool {
    matches!(value.get(name), Some(Value::Bool(true)))
}

fn list<'a>(value: &'a Value, name: &str) -> &'a [Value] {
    match value.get(name) {
        Some(Value::Array(items)) => items,
        _ => &[],
    }
}

fn form(v: &Value) -> Result<Form, String> {
    let school = v.get("school").ok_or("the form has no `school`")?;
    let policy = v.get("policy").ok_or("the form has no `policy`")?;
    Ok(Form {
        id: text(v, "id")?,
        title: text(v, "title")?,
        clause: text(v, "clause")?,
        audience: text(v, "audience")?,
        summary: text(v, "summary")?,
        school: SchoolRef { id: text(school, "id")?, name: text(school, "name")? },
        policy: PolicyRef {
            title: text(policy, "title")?,
            version: text(policy, "version")?,
            reviewed: optional(policy, "reviewed"),
        },
        return_to: optional(v, "return_to"),
        sections: list(v, "sections").iter().map(section).collect::<Result<_, _>>()?,
    })
}

fn section(v: &Value) -> Result<Section, String> {
    Ok(Section {
        id: text(v, "id")?,
        title: text(v, "title")?,
        filled_by: text(v, "filled_by")?,
        online: flag(v, "online"),
        intro: optional(v, "intro"),
        intro_clause: optional(v, "intro_clause"),
        fields: list(v, "fields").iter().map(field).collect::<Result<_, _>>()?,
    })
}

fn field(v: &Value) -> Result<Field, String> {
    let kind = text(v, "type")?;
    Ok(Field {
        id: text(v, "id")?,
        kind: kind_from_name(&kind).ok_or_else(|| format!("unknown field type `{kind}`"))?,
        label: text(v, "label")?,
        hint: optional(v, "hint"),
        required: flag(v, "required"),
        clause: optional(v, "clause"),
        multiple: flag(v, "multiple"),
        future: flag(v, "future"),
        options: list(v, "options").iter().map(option).collect::<Result<_, _>>()?,
    })
}

fn option(v: &Value) -> Result<ChoiceOption, String> {
    let tell = match v.get("tell") {
        Some(tell) => Some(Tell { role: text(tell, "role")?, note: text(tell, "note")? }),
        None => None,
    };
    Ok(ChoiceOption { value: text(v, "value")?, label: text(v, "label")?, tell })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::model::FieldKind;
    use crate::form::record::kind_name;

    #[test]
    fn kind_names_match_serde() {
        let all = [
            FieldKind::Text,
            FieldKind::LongText,
            FieldKind::Url,
            FieldKind::Date,
            FieldKind::Email,
            FieldKind::Choice,
            FieldKind::Statement,
            FieldKind::Signature,
        ];
        for kind in all {
            let serde_name = serde_json::to_string(&kind).unwrap();
            assert_eq!(serde_name, format!("\"{}\"", kind_name(kind)));
            assert_eq!(kind_from_name(kind_name(kind)), Some(kind));
        }
    }
}
