//! The "Last reviewed … · Next review …" line, and whether the policy is overdue for review.

use crate::policy::date::Date;
use crate::policy::source::ReviewSource;
use serde::Serialize;

/// A policy's review dates as a page shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Review {
    /// "24 October 2024", when the school gives it.
    pub last: Option<String>,
    /// "October 2025", when the school gives it.
    pub next: Option<String>,
    /// The next review date has passed: the page says so in words, with an icon.
    pub overdue: bool,
}

impl Review {
    /// The review line for `school.toml`'s `[review]` on `today`. Dates that do not parse are
    /// left out (lint reports them).
    pub fn new(review: Option<&ReviewSource>, today: Date) -> Review {
        let parse = |value: Option<&toml::Spanned<String>>| value.and_then(|v| Date::parse(v.get_ref()));
        let last = review.and_then(|r| parse(r.last.as_ref()));
        let next = review.and_then(|r| parse(r.next.as_ref()));
        Review {
            last: last.map(|d| d.to_string()),
            next: next.map(|d| d.to_string()),
            overdue: next.is_some_and(|d| d.is_past(today)),
        }
    }

    /// Whether the school gives any review date.
    pub fn is_known(&self) -> bool {
        self.last.is_some() || self.next.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review(last: Option<&str>, next: Option<&str>, today: &str) -> Review {
        let text = format!(
            "{}{}",
            last.map(|l| format!("last = \"{l}\"\n")).unwrap_or_default(),
            next.map(|n| format!("next = \"{n}\"\n")).unwrap_or_default()
        );
        let source: ReviewSource = toml::from_str(&text).expect("review table");
        Review::new(Some(&source), Date::parse(today).expect("date"))
    }

    #[test]
    fn overdue_after_the_month_it_was_due() {
        assert!(!review(Some("2024-10-24"), Some("2025-10"), "2025-10-31").overdue);
        let late = review(Some("2024-10-24"), Some("2025-10"), "2025-11-01");
        assert!(late.overdue);
        assert_eq!(late.last.as_deref(), Some("24 October 2024"));
        assert_eq!(late.next.as_deref(), Some("October 2025"));
    }

    #[test]
    fn no_dates_is_not_overdue_but_unknown() {
        let none = Review::new(None, Date::parse("2030-01-01").expect("date"));
        assert!(!none.overdue);
        assert!(!none.is_known());
        assert!(review(None, Some("2024-09"), "2025-01-01").is_known());
    }
}
