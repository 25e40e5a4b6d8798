//! Dates as policies write them ("24 October 2024", "October 2025", "September 24",
//! "5/2/18", "2025-10") turned into `school.toml`'s `YYYY-MM-DD` or `YYYY-MM`.

use crate::policy::date::Date;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month(word: &str) -> Option<u8> {
    let word = word.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
    let index = MONTHS.iter().position(|m| {
        *m == word || (word.len() == 3 && m.starts_with(word.as_str())) || (word == "sept" && *m == "september")
    })?;
    u8::try_from(index + 1).ok()
}

fn year(word: &str) -> Option<i32> {
    let digits = word.trim_matches(|c: char| !c.is_ascii_digit());
    if !word.trim_end_matches([',', '.', ')', ';']).bytes().all(|b| b.is_ascii_digit() || b == b'(') {
        return None;
    }
    match digits.len() {
        4 => digits.parse().ok().filter(|y| (1990..=2099).contains(y)),
        // "September 24": a two-digit year is this century's.
        2 => digits.parse::<i32>().ok().map(|y| 2000 + y),
        _ => None,
    }
}

fn day(word: &str) -> Option<u8> {
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    let rest = &word[digits.len()..];
    if !matches!(rest.trim_end_matches([',', '.']), "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn valid(year: i32, month: u8, day: Option<u8>) -> Option<String> {
    let text = match day {
        Some(day) => format!("{year:04}-{month:02}-{day:02}"),
        None => format!("{year:04}-{month:02}"),
    };
    Date::parse(&text).map(|_| text)
}

/// The first date in `text`, as `YYYY-MM-DD` or `YYYY-MM`.
pub(crate) fn first_date(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    for (at, word) in words.iter().enumerate() {
        let bare = word.trim_matches(|c: char| matches!(c, ',' | '.' | '(' | ')' | ';' | ':'));
        // 2025-10 or 2025-10-01
        if bare.len() >= 7 && bare.as_bytes().get(4) == Some(&b'-') && Date::parse(bare).is_some() {
            return Some(bare.to_owned());
        }
        // 5/2/18: day, month, year as the UK writes them.
        let parts: Vec<&str> = bare.split('/').collect();
        if parts.len() == 3
            && let (Some(d), Ok(m), Some(y)) = (day(parts[0]), parts[1].parse::<u8>(), year(parts[2]))
            && let Some(date) = valid(y, m, Some(d))
        {
            return Some(date);
        }
        let Some(m) = month(bare) else { continue };
        let before = at.checked_sub(1).and_then(|i| words.get(i)).and_then(|w| day(w));
        let after = words.get(at + 1).and_then(|w| year(w));
        if let Some(y) = after {
            if let Some(date) = before.and_then(|d| valid(y, m, Some(d))) {
                return Some(date);
            }
            if let Some(date) = valid(y, m, None) {
                return Some(date);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_schools_write_them() {
        for (text, want) in [
            ("Agreed by Trustees on 24 October 2024", "2024-10-24"),
            ("Next Review Date: October 2025 (annually)", "2025-10"),
            ("The next scheduled review date for this policy is  September 24.", "2024-09"),
            ("November 2025", "2025-11"),
            ("opened 5/2/18", "2018-02-05"),
            ("due 2026-03", "2026-03"),
            ("1st Sept 2025", "2025-09-01"),
        ] {
            assert_eq!(first_date(text).as_deref(), Some(want), "{text}");
        }
        for none in ["reviewed on an annual basis", "May we ask", "March 2", "in 2025"] {
            assert_eq!(first_date(none), None, "{none}");
        }
    }
}
