//! Form files as written by hand: `policies/<id>/forms/<form-id>.toml`. Every value a lint
//! check may complain about keeps its position (`Spanned`), so problems are reported as
//! `file:line:column`. The format is described in `policies/README.md`.

use super::model::FieldKind;
use serde::Deserialize;
use toml::Spanned;

/// A form file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormSource {
    /// The form's title.
    pub title: Spanned<String>,
    /// The clause the form comes from: its appendix, or the clause that requires it.
    pub clause: Spanned<String>,
    /// Who fills it in online, in words: "Parents and carers".
    pub audience: Spanned<String>,
    /// One sentence for the school's list of forms.
    pub summary: Spanned<String>,
    /// The role (a key of `[roles]` in `school.toml`) the finished form goes to.
    #[serde(default)]
    pub return_to: Option<Spanned<String>>,
    /// The parts of the form.
    #[serde(default)]
    pub section: Vec<Spanned<SectionSource>>,
}

/// One `[[section]]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSource {
    /// Unique in the form.
    pub id: Spanned<String>,
    /// Its heading.
    pub title: Spanned<String>,
    /// Who fills it in: a key of `[roles]` (shown as the role's name) or words.
    pub filled_by: Spanned<String>,
    /// `false` for a part someone else completes on the printed record.
    #[serde(default = "yes")]
    pub online: bool,
    /// Text before the fields; for statements, the words leading into them ("I will not:").
    #[serde(default)]
    pub intro: Option<Spanned<String>>,
    /// The clause the intro comes from.
    #[serde(default)]
    pub intro_clause: Option<Spanned<String>>,
    /// The fields.
    #[serde(default)]
    pub field: Vec<Spanned<FieldSource>>,
}

fn yes() -> bool {
    true
}

/// One `[[section.field]]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSource {
    /// Unique in the form.
    pub id: Spanned<String>,
    /// `text`, `long-text`, `url`, `date`, `email`, `choice`, `statement` or `signature`.
    #[serde(rename = "type")]
    pub kind: Spanned<FieldKind>,
    /// The question; for a statement, its text (by default the cited clause's text).
    #[serde(default)]
    pub label: Option<Spanned<String>>,
    /// Help under the label.
    #[serde(default)]
    pub hint: Option<String>,
    /// Whether it must be answered; `true` when not given.
    #[serde(default)]
    pub required: Option<Spanned<bool>>,
    /// The clause it comes from.
    #[serde(default)]
    pub clause: Option<Spanned<String>>,
    /// A choice: tick any number; a URL: several, one a line.
    #[serde(default)]
    pub multiple: Option<Spanned<bool>>,
    /// A date: it may be ahead of the day the form is sent.
    #[serde(default)]
    pub future: Option<Spanned<bool>>,
    /// A choice's options.
    #[serde(default)]
    pub options: Vec<Spanned<OptionSource>>,
}

/// One of a choice's `options`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionSource {
    /// What is sent: `yes`.
    pub value: Spanned<String>,
    /// What is shown and recorded.
    pub label: Spanned<String>,
    /// A role (a key of `[roles]`) to tell straight away when this is chosen.
    #[serde(default)]
    pub tell: Option<Spanned<String>>,
    /// What to do about it, with `tell`.
    #[serde(default)]
    pub note: Option<Spanned<String>>,
}
