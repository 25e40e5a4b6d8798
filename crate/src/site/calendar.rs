//! A school's dated duties as an iCalendar file (RFC 5545) a head can add to a calendar:
//! `duties.ics` beside the "For the school" page.
//!
//! Each duty with a date is one all-day event: termly duties on the 1st of September, January
//! and April every year, yearly ones on the 1st of their month every year, the review on the
//! review date. The first occurrence is in the school year `today` falls in, so the same input
//! gives the same bytes. Lines end with CRLF and are folded at 75 octets; text is escaped.

use crate::policy::Policy;
use crate::policy::date::Date;
use crate::policy::duties::{DutySource, When};

/// The file's name beside the school's pages.
pub(super) const CALENDAR_FILE: &str = "duties.ics";

/// A day: year, month, day.
type Day = (i32, u32, u32);

/// When a duty first falls due, and how it recurs (an RRULE), if it does.
type Due = (Day, Option<String>);

/// The longest a content line may be, in octets, before it is folded (RFC 5545 3.1).
const LINE_OCTETS: usize = 75;

/// A date as iCalendar writes it: `20250901`.
fn ical_date(year: i32, month: u32, day: u32) -> String {
    format!("{year:04}{month:02}{day:02}")
}

/// The day after a date, for an all-day event's exclusive end.
fn next_day(year: i32, month: u32, day: u32) -> Day {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    match (day < days, month < 12) {
        (true, _) => (year, month, day + 1),
        (false, true) => (year, month + 1, 1),
        (false, false) => (year + 1, 1, 1),
    }
}

/// TEXT escaped (RFC 5545 3.3.11): backslash, semicolon, comma and newlines.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so no line is over [`LINE_OCTETS`] octets, never inside a
/// character nor beside a space; continuation lines start with a space.
fn push_line(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = LINE_OCTETS;
    while rest.len() > limit {
        let mut cut = limit;
        // Not inside a character; and not beside a space, which lenient readers trim when they
        // unfold (RFC 5545 removes only the one space a fold adds).
        while cut > 1
            && (!rest.is_char_boundary(cut) || rest.as_bytes()[cut] == b' ' || rest.as_bytes()[cut - 1] == b' ')
        {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // The leading space counts towards the next line's octets.
        limit = LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// The first day of `month` in the school year (September to August) that `today` falls in.
fn in_school_year(today: Date, month: u32) -> Day {
    let start = if today.month >= 9 { today.year } else { today.year - 1 };
    let month = month.clamp(1, 12);
    let year = if month >= 9 { start } else { start + 1 };
    (year, month, 1)
}

/// When a duty falls due, as (first date, recurrence rule), or `None` for a duty without dates.
fn dates(duty: &DutySource, policy: &Policy, today: Date) -> Option<Due> {
    match duty.when {
        When::Termly => {
            Some((in_school_year(today, When::TERM_MONTHS[0]), Some("FREQ=YEARLY;BYMONTH=1,4,9".to_owned())))
        }
        When::Annually | When::FirstParentsEvening => {
            let month = duty.month.as_ref().map_or(When::DEFAULT_MONTH, |m| *m.get_ref());
            Some((in_school_year(today, month), Some("FREQ=YEARLY".to_owned())))
        }
        When::Review => {
            let next = policy.school.review.as_ref()?.next.as_ref()?;
            let date = Date::parse(next.get_ref())?;
            Some(((date.year, u32::from(date.month), u32::from(date.day.unwrap_or(1))), None))
        }
        When::Induction | When::Ongoing | When::AfterIncident => None,
    }
}

/// The calendar of `policy`'s dated duties; `None` when it has none.
pub(super) fn calendar(policy: &Policy, today: Date, role_title: impl Fn(&str) -> String) -> Option<String> {
    let events: Vec<(&DutySource, Due)> = policy
        .duties
        .iter()
        .map(|d| d.get_ref())
        .filter_map(|duty| Some((duty, dates(duty, policy, today)?)))
        .collect();
    if events.is_empty() {
        return None;
    }
    let mut out = String::new();
    let name = &policy.school.name;
    for line in [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Postwise//School duties//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        format!("X-WR-CALNAME:{}", escape(&format!("{name}: social media policy duties"))),
    ] {
        push_line(&mut out, &line);
    }
    let stamp = format!("{}T000000Z", ical_date(today.year, u32::from(today.month), u32::from(today.day.unwrap_or(1))));
    for (duty, ((year, month, day), rule)) in events {
        let (end_year, end_month, end_day) = next_day(year, month, day);
        let mut description = format!("For: {}.", duty.who);
        if let Some(role) = &duty.by {
            description.push_str(&format!(" Who sees it is done: {}.", role_title(role.get_ref())));
        }
        description.push_str(&format!(" The policy, clause {}.", duty.clause.get_ref()));
        let mut lines = vec![
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}-{}@postwise", policy.id, duty.id.get_ref()),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", ical_date(year, month, day)),
            format!("DTEND;VALUE=DATE:{}", ical_date(end_year, end_month, end_day)),
        ];
        if let Some(rule) = rule {
            lines.push(format!("RRULE:{rule}"));
        }
        lines.push(format!("SUMMARY:{}", escape(duty.what.get_ref())));
        lines.push(format!("DESCRIPTION:{}", escape(&description)));
        lines.push("TRANSP:TRANSPARENT".to_owned());
        lines.push("END:VEVENT".to_owned());
        for line in lines {
            push_line(&mut out, &line);
        }
    }
    push_line(&mut out, "END:VCALENDAR");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_and_never_inside_a_character() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "é".repeat(60));
        push_line(&mut out, &line);
        for (index, physical) in out.split("\r\n").filter(|l| !l.is_empty()).enumerate() {
            assert!(physical.len() <= LINE_OCTETS, "{physical:?}");
            assert_eq!(physical.starts_with(' '), index > 0);
        }
        assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
    }

    #[test]
    fn folds_avoid_spaces_that_lenient_readers_would_trim() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}end", "word ".repeat(30));
        push_line(&mut out, &line);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(!physical.ends_with(' '), "{physical:?}");
            assert!(!physical.starts_with("  "), "{physical:?}");
        }
        assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }

    #[test]
    fn the_day_after() {
        assert_eq!(next_day(2025, 9, 1), (2025, 9, 2));
        assert_eq!(next_day(2025, 9, 30), (2025, 10, 1));
        assert_eq!(next_day(2025, 12, 31), (2026, 1, 1));
        assert_eq!(next_day(2028, 2, 28), (2028, 2, 29));
    }

    #[test]
    fn first_dates_fall_in_the_school_year_of_today() {
        let june = Date { year: 2026, month: 6, day: Some(1) };
        assert_eq!(in_school_year(june, 9), (2025, 9, 1));
        assert_eq!(in_school_year(june, 1), (2026, 1, 1));
        let october = Date { year: 2026, month: 10, day: Some(5) };
        assert_eq!(in_school_year(october, 9), (2026, 9, 1));
        assert_eq!(in_school_year(october, 4), (2027, 4, 1));
    }
}
