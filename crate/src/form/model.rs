//! A form ready to be filled: what the browser receives as `form-<id>.json`, compiled from the
//! school's `forms/<id>.toml` and its policy (`compile.rs`, natively). Everything the person
//! sees and agrees to is here, so the record can quote it exactly.

use serde::{Deserialize, Serialize};

/// One of a school's forms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    /// The file's name without `.toml`: `parent-agreement`.
    pub id: String,
    /// The form's title, as the policy gives it where it has one.
    pub title: String,
    /// The clause the form comes from: the appendix that holds it, or the clause that requires it.
    pub clause: String,
    /// Who fills it in online, in words: "Parents and carers", "Staff".
    pub audience: String,
    /// One sentence for the school's list of forms.
    pub summary: String,
    /// The school.
    pub school: SchoolRef,
    /// The policy it belongs to, and its version.
    pub policy: PolicyRef,
    /// Who the finished form goes to (a role from `school.toml`), when the policy says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_to: Option<String>,
    /// The parts of the form, in order.
    pub sections: Vec<Section>,
}

/// The school a form or record belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchoolRef {
    /// Its id: `chestnuts`.
    pub id: String,
    /// Its full name.
    pub name: String,
}

/// The policy a form belongs to, as it stood when the site was built.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyRef {
    /// The policy's title.
    pub title: String,
    /// The first 12 hex digits of the SHA-256 of `policy.md` ([`super::version`]).
    pub version: String,
    /// When the policy was last reviewed (`YYYY-MM-DD` or `YYYY-MM`), if `school.toml` says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<String>,
}

/// A part of a form, filled in by one person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Unique in the form.
    pub id: String,
    /// Its heading.
    pub title: String,
    /// Who fills it in, in words: "Parent or carer", "Headteacher".
    pub filled_by: String,
    /// Whether the person filling the form online fills this part. Other parts are for someone
    /// else (an authoriser, the ICT technician), who completes them on the printed record.
    pub online: bool,
    /// Text shown before the fields: an explanation, or the words that lead into statements
    /// ("I will not:").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<String>,
    /// The clause the intro comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro_clause: Option<String>,
    /// The questions and statements, in order.
    pub fields: Vec<Field>,
}

/// What kind of answer a field takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// A full web address (with `multiple`, one a line).
    Url,
    /// A calendar date.
    Date,
    /// An e-mail address.
    Email,
    /// One of `options` (with `multiple`, any number of them).
    Choice,
    /// A statement to agree to by ticking it: `label` is its exact text.
    Statement,
    /// A typed full name, with an optional drawn signature.
    Signature,
}

/// A question or statement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Unique in the form; also the HTML id's suffix.
    pub id: String,
    /// What kind of answer.
    #[serde(rename = "type")]
    pub kind: FieldKind,
    /// The question; for a statement, the statement's exact text.
    pub label: String,
    /// Help shown under the label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Whether it must be answered (a statement: ticked).
    pub required: bool,
    /// The clause the field or statement comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    /// A choice: any number of options; a URL field: several addresses, one a line.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub multiple: bool,
    /// A date that may be ahead of the day the form is sent ("Proposed date of going live");
    /// other dates may not.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub future: bool,
    /// A choice's options.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ChoiceOption>,
}

/// One answer to a choice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    /// What the browser sends: `yes`.
    pub value: String,
    /// What the person reads, and what the record keeps: "Yes".
    pub label: String,
    /// When chosen, who to tell straight away and how.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tell: Option<Tell>,
}

/// Someone to tell at once, as well as filling the form: the safeguarding question's "Yes"
/// sends the person to the Designated Safeguarding Lead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tell {
    /// The role's name from `school.toml`: "Designated Safeguarding Lead (DSL)".
    pub role: String,
    /// What to do, in plain words.
    pub note: String,
}

impl Form {
    /// Every field, with the section it is in.
    pub fn fields(&self) -> impl Iterator<Item = (&Section, &Field)> {
        self.sections.iter().flat_map(|s| s.fields.iter().map(move |f| (s, f)))
    }

    /// The fields the person filling the form online answers.
    pub fn online_fields(&self) -> impl Iterator<Item = (&Section, &Field)> {
        self.fields().filter(|(s, _)| s.online)
    }
}
