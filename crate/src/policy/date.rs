//! Calendar dates for review lines: parsing `YYYY-MM` and `YYYY-MM-DD`, today's date, and
//! whether a review is overdue.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A date, or a month when the day is not known ("next review: October 2025").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// The year.
    pub year: i32,
    /// 1 to 12.
    pub month: u8,
    /// 1 to 31, or `None` for the whole month.
    pub day: Option<u8>,
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

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// Parses `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let year = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
        let month: u8 = parts.next().filter(|m| m.len() == 2)?.parse().ok().filter(|m| (1..=12).contains(m))?;
        let day = match parts.next() {
            None => None,
            Some(d) if d.len() == 2 => {
                Some(d.parse::<u8>().ok().filter(|d| (1..=days_in_month(year, month)).contains(d))?)
            }
            Some(_) => return None,
        };
        parts.next().is_none().then_some(Date { year, month, day })
    }

    /// The last day this date covers: itself, or the month's last day.
    pub fn last_day(self) -> Date {
        Date { day: Some(self.day.unwrap_or_else(|| days_in_month(self.year, self.month))), ..self }
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's civil-from-days).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day: Some(day) }
    }

    /// Today, in UTC; `SOURCE_DATE_EPOCH` (seconds) overrides the clock, so builds can be
    /// reproduced byte for byte.
    pub fn today() -> Date {
        let seconds = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .unwrap_or_else(|| SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64));
        Date::from_days(seconds.div_euclid(86_400))
    }

    /// Whether a review due on `self` is overdue on `today`.
    pub fn is_past(self, today: Date) -> bool {
        self.last_day() < today
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let month = MONTHS[usize::from(self.month - 1)];
        match self.day {
            Some(day) => write!(f, "{day} {month} {}", self.year),
            None => write!(f, "{month} {}", self.year),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_months_and_days() {
        assert_eq!(Date::parse("2025-10"), Some(Date { year: 2025, month: 10, day: None }));
        assert_eq!(Date::parse("2024-02-29").map(|d| d.to_string()), Some("29 February 2024".to_owned()));
        for bad in ["2025", "2025-13", "2023-02-29", "25-10", "2025-1", "2025-10-01-02", "October 2025"] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn overdue_counts_the_whole_month() {
        let next = Date::parse("2025-10").expect("date");
        assert!(!next.is_past(Date::parse("2025-10-31").expect("date")));
        assert!(next.is_past(Date::parse("2025-11-01").expect("date")));
    }

    #[test]
    fn days_since_epoch() {
        assert_eq!(Date::from_days(0).to_string(), "1 January 1970");
        assert_eq!(Date::from_days(20_415).to_string(), "23 November 2025");
        assert_eq!(Date::from_days(11_016).to_string(), "29 February 2000");
    }
}
