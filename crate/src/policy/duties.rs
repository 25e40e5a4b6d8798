//! `duties.toml`: what the policy asks someone to do at a time (train staff at induction,
//! teach pupils termly, invite parents yearly, have the agreement signed at the first parents'
//! evening, review the policy), each citing its clause. The site lists them on the school's
//! "For the school" page and as an iCalendar file ([`crate::site`]).

use super::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use serde::Deserialize;
use std::collections::HashMap;
use toml::Spanned;

/// `duties.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DutiesSource {
    /// The duties, in the order written.
    #[serde(default)]
    pub duty: Vec<Spanned<DutySource>>,
}

/// One `[[duty]]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DutySource {
    /// Unique in the school: lowercase letters, digits and hyphens.
    pub id: Spanned<String>,
    /// What is to be done, as a short sentence: "Train new staff on social media".
    pub what: Spanned<String>,
    /// Who it is for, in words: "New staff", "Pupils", "Parents and carers".
    pub who: String,
    /// The role in `school.toml`'s `[roles]` who sees that it is done.
    #[serde(default)]
    pub by: Option<Spanned<String>>,
    /// When it falls due.
    pub when: When,
    /// For `annually` and `first-parents-evening`: the month it falls in (1 to 12), when the
    /// school's calendar puts it there; the policy rarely says.
    #[serde(default)]
    pub month: Option<Spanned<u32>>,
    /// The clause that asks for it.
    pub clause: Spanned<String>,
}

/// When a duty falls due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum When {
    /// When someone joins (no date of its own).
    Induction,
    /// Every term: September, January and April.
    Termly,
    /// Once a year, in `month` (September when not given).
    Annually,
    /// At the first parents' evening of the school year, in `month` (September when not given).
    FirstParentsEvening,
    /// By the policy's next review date (`school.toml`'s `review.next`).
    Review,
    /// All the time, or whenever it arises (no date).
    Ongoing,
    /// After a significant incident or change (no date).
    AfterIncident,
}

impl When {
    /// The month a yearly duty falls in when the file gives none: the start of the school year.
    pub const DEFAULT_MONTH: u32 = 9;

    /// The months a termly duty falls in: the starts of the autumn, spring and summer terms.
    pub const TERM_MONTHS: [u32; 3] = [9, 1, 4];

    /// Whether the duty has dates a calendar can hold.
    pub fn is_dated(self) -> bool {
        matches!(self, When::Termly | When::Annually | When::FirstParentsEvening | When::Review)
    }
}

/// Checks what the parser cannot: unique, well-formed ids, clauses that exist, roles that exist,
/// months that are months and only where they mean something, a review date to fall due by.
pub fn lint(
    file: &SourceFile,
    duties: &[Spanned<DutySource>],
    clause_exists: impl Fn(&str) -> bool,
    role_exists: impl Fn(&str) -> bool,
    has_review_date: bool,
    diagnostics: &mut Diagnostics,
) {
    let mut first_at: HashMap<&str, usize> = HashMap::new();
    for duty in duties {
        let d = duty.get_ref();
        let id = d.id.get_ref().as_str();
        if let Some(&earlier) = first_at.get(id) {
            let line = file.line_col(earlier).0;
            diagnostics.push(Diagnostic::error(
                file,
                d.id.span().start,
                format!("duplicate duty id `{id}` (first used on line {line})"),
            ));
        } else {
            first_at.insert(id, d.id.span().start);
        }
        if !crate::form::compile::is_valid_id(id) {
            diagnostics.push(Diagnostic::error(
                file,
                d.id.span().start,
                format!("duty id `{id}` must be lowercase letters, digits and hyphens"),
            ));
        }
        if d.what.get_ref().trim().is_empty() {
            diagnostics.push(Diagnostic::error(
                file,
                d.what.span().start,
                format!("duty `{id}` says nothing: fill in `what`"),
            ));
        }
        if !clause_exists(d.clause.get_ref()) {
            diagnostics.push(Diagnostic::error(
                file,
                d.clause.span().start,
                format!("duty `{id}` cites clause `{}`, which is not in policy.md", d.clause.get_ref()),
            ));
        }
        if let Some(role) = &d.by
            && !role_exists(role.get_ref())
        {
            diagnostics.push(Diagnostic::error(
                file,
                role.span().start,
                format!("duty `{id}`: `{}` is not a role in school.toml's [roles]", role.get_ref()),
            ));
        }
        if let Some(month) = &d.month {
            if !matches!(d.when, When::Annually | When::FirstParentsEvening) {
                diagnostics.push(Diagnostic::error(
                    file,
                    month.span().start,
                    format!("duty `{id}`: `month` is only for duties that fall due annually or at the first parents' evening"),
                ));
            } else if !(1..=12).contains(month.get_ref()) {
                diagnostics.push(Diagnostic::error(
                    file,
                    month.span().start,
                    format!("duty `{id}`: month {} is not a month (1 to 12)", month.get_ref()),
                ));
            }
        }
        if d.when == When::Review && !has_review_date {
            diagnostics.push(Diagnostic::error(
                file,
                duty.span().start,
                format!("duty `{id}` falls due by the review date, but school.toml has no review.next"),
            ));
        }
    }
}
