//! What "For the school" shows: the duties of `duties.toml`, grouped by when they fall due, each
//! with who it is for, who sees it done and its clause, and the calendar file's link.

use super::calendar::CALENDAR_FILE;
use crate::policy::Policy;
use crate::policy::duties::When;
use serde::Serialize;

/// The duties as the page shows them.
#[derive(Clone, Debug, Default, Serialize)]
pub(super) struct DutiesView {
    /// By when they fall due, in the order of a school year's life: joining, each term, each
    /// year, the first parents' evening, the review, all the time, after an incident.
    groups: Vec<DutyGroup>,
    /// The calendar file, when some duty has dates.
    pub(super) calendar: Option<&'static str>,
}

#[derive(Clone, Debug, Serialize)]
struct DutyGroup {
    heading: String,
    duties: Vec<DutyView>,
}

#[derive(Clone, Debug, Serialize)]
struct DutyView {
    /// The element id: `duty-` and the duty's id.
    anchor: String,
    what: String,
    who: String,
    by: Option<String>,
    clause: String,
    clause_text: String,
    /// Whether the calendar file has it.
    in_calendar: bool,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(month: u32) -> &'static str {
    MONTHS.get((month as usize).wrapping_sub(1)).copied().unwrap_or("September")
}

/// The heading of a group: when its duties fall due, in words.
fn heading(when: When, month: Option<u32>, policy: &Policy) -> String {
    let month = month_name(month.unwrap_or(When::DEFAULT_MONTH));
    match when {
        When::Induction => "When someone joins".to_owned(),
        When::Termly => "Every term (September, January and April)".to_owned(),
        When::Annually => format!("Every year ({month})"),
        When::FirstParentsEvening => format!("At the first parents' evening of the year ({month})"),
        When::Review => {
            let date = policy.school.review.as_ref().and_then(|r| r.next.as_ref()).map(|n| n.get_ref().clone());
            match date.and_then(|d| crate::policy::date::Date::parse(&d)) {
                Some(date) => format!("By the next review ({date})"),
                None => "By the next review".to_owned(),
            }
        }
        When::Ongoing => "All the time, or whenever it arises".to_owned(),
        When::AfterIncident => "After a significant incident or change".to_owned(),
    }
}

/// The duties of `policy`; `calendar` is whether the calendar file was made.
pub(super) fn view(policy: &Policy, calendar: bool) -> DutiesView {
    let order = [
        When::Induction,
        When::Termly,
        When::Annually,
        When::FirstParentsEvening,
        When::Review,
        When::Ongoing,
        When::AfterIncident,
    ];
    let mut groups: Vec<DutyGroup> = Vec::new();
    for when in order {
        // Yearly duties in different months are separate groups, in month order from September.
        let mut months: Vec<Option<u32>> = policy
            .duties
            .iter()
            .map(|d| d.get_ref())
            .filter(|d| d.when == when)
            .map(|d| d.month.as_ref().map(|m| *m.get_ref()))
            .collect();
        months.sort_by_key(|m| (m.unwrap_or(When::DEFAULT_MONTH) + 3) % 12);
        months.dedup();
        for month in months {
            let duties = policy
                .duties
                .iter()
                .map(|d| d.get_ref())
                .filter(|d| d.when == when && d.month.as_ref().map(|m| *m.get_ref()) == month)
                .map(|d| DutyView {
                    anchor: format!("duty-{}", d.id.get_ref()),
                    what: d.what.get_ref().clone(),
                    who: d.who.clone(),
                    by: d
                        .by
                        .as_ref()
                        .map(|r| policy.school.roles.get(r.get_ref()).cloned().unwrap_or_else(|| r.get_ref().clone())),
                    clause: d.clause.get_ref().clone(),
                    clause_text: policy.document.clause(d.clause.get_ref()).map(|c| c.text.clone()).unwrap_or_default(),
                    in_calendar: calendar && when.is_dated(),
                })
                .collect();
            groups.push(DutyGroup { heading: heading(when, month, policy), duties });
        }
    }
    DutiesView { groups, calendar: calendar.then_some(CALENDAR_FILE) }
}
