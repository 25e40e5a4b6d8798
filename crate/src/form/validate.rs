//! Checking answers, field by field, with messages that say how to put each problem right
//! (in the manner of the GOV.UK Design System: "Enter …", "Select …", "… must be a real date").
//! The checks are written by hand, small enough for the browser: a web address has `http` or
//! `https` and a host (`https://` is added when it has no scheme), a date exists in the
//! calendar and is not ahead of the day the form is sent unless the field says it may be, an
//! e-mail address has a name, an `@` and a domain. [`read`] also normalises an answer for the
//! record: dates become `YYYY-MM-DD`, choices their options' labels.

use super::answer::{Answer, Signature};
use super::model::{Field, FieldKind, Section};
use serde::Serialize;

/// A problem with one field's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field's id.
    pub field: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// The longest answer to a one-line field, in characters.
pub const MAX_LINE: usize = 300;
/// The longest answer to a long-text field, in characters.
pub const MAX_TEXT: usize = 5_000;
/// The longest drawn signature's path data, in characters.
pub const MAX_DRAWING: usize = 20_000;

/// The answer to `field` (in `section`) as the record keeps it (an empty answer for an
/// optional field left blank), or what is wrong with it. `latest_day` (`YYYY-MM-DD`) is the
/// last day a date may be, unless the field allows dates to come.
pub fn read(section: &Section, field: &Field, answer: Option<&Answer>, latest_day: &str) -> Result<Answer, String> {
    match field.kind {
        FieldKind::Statement => match answer {
            Some(Answer::Agreed(true)) => Ok(Answer::Agreed(true)),
            None | Some(Answer::Agreed(false)) if !field.required => Ok(Answer::Agreed(false)),
            None | Some(Answer::Agreed(false)) => Err(format!(
                "Tick the box to agree to “{}”, or speak to the school if you cannot agree to it",
                statement_quote(section.intro.as_deref(), &field.label)
            )),
            Some(_) => Err(wrong_shape(field)),
        },
        FieldKind::Choice if field.multiple => read_choices(field, answer),
        FieldKind::Choice => read_choice(field, answer),
        FieldKind::Signature => read_signature(field, answer),
        FieldKind::Text | FieldKind::LongText | FieldKind::Url | FieldKind::Date | FieldKind::Email => {
            let text = match answer {
                None => "",
                Some(Answer::Text(text)) => text.as_str(),
                Some(_) => return Err(wrong_shape(field)),
            };
            if text.trim().is_empty() {
                return if field.required {
                    Err(format!("Enter {}", what(field)))
                } else {
                    Ok(Answer::Text(String::new()))
                };
            }
            read_text(field, text, latest_day).map(Answer::Text)
        }
    }
}

/// A statement as the person reads it, with the words that lead into it: "I will not: use
/// private groups …". Quoted whole, never shortened: two statements cut to the same words could
/// read as each other, or as their opposite without their lead.
pub fn statement_quote(lead: Option<&str>, label: &str) -> String {
    let Some(lead) = lead.map(str::trim).filter(|l| !l.is_empty()) else { return label.to_owned() };
    let lead = lead.trim_end_matches(':');
    let mut chars = label.chars();
    let label = match (chars.next(), chars.next()) {
        // "Use private groups" → "use private groups"; keep "I", "DSL", "YouTube".
        (Some(first), Some(second)) if first.is_ascii_uppercase() && second.is_lowercase() => {
            std::iter::once(first.to_ascii_lowercase()).chain(label.chars().skip(1)).collect()
        }
        _ => label.to_owned(),
    };
    format!("{lead}: {label}")
}

fn read_text(field: &Field, text: &str, latest_day: &str) -> Result<String, String> {
    let max = if field.kind == FieldKind::LongText || field.multiple { MAX_TEXT } else { MAX_LINE };
    let length = text.chars().count();
    if length > max {
        return Err(format!(
            "{} must be {} characters or fewer (it has {})",
            capitalise(&what(field)),
            thousands(max),
            thousands(length)
        ));
    }
    match field.kind {
        FieldKind::Url if field.multiple => {
            let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            let mut kept = Vec::new();
            for (n, line) in lines.iter().enumerate() {
                let url = with_scheme(line);
                check_url(&url).map_err(|problem| {
                    if lines.len() == 1 {
                        problem.to_owned()
                    } else {
                        format!("Web address {} of {}: {problem}", n + 1, lines.len())
                    }
                })?;
                kept.push(url);
            }
            // One address a line, as typed but trimmed, blank lines left out, each with its scheme.
            Ok(kept.join("\n"))
        }
        FieldKind::Url => {
            let url = with_scheme(text.trim());
            check_url(&url).map(|()| url).map_err(str::to_owned)
        }
        FieldKind::Email => check_email(text.trim()).map(|()| text.to_owned()).map_err(str::to_owned),
        FieldKind::Date => {
            let day = parse_date(text).map_err(|problem| format!("{}: {problem}", capitalise(&what(field))))?;
            if !field.future && day.as_str() > latest_day {
                return Err(format!("{}: the date must be today or in the past", capitalise(&what(field))));
            }
            Ok(day)
        }
        _ => Ok(text.to_owned()),
    }
}

fn read_choice(field: &Field, answer: Option<&Answer>) -> Result<Answer, String> {
    let value = match answer {
        None => "",
        Some(Answer::Text(value)) => value.as_str(),
        Some(_) => return Err(wrong_shape(field)),
    };
    if value.is_empty() {
        return if field.required {
            Err(format!("Select an answer to “{}”", field.label))
        } else {
            Ok(Answer::Text(String::new()))
        };
    }
    match field.options.iter().find(|o| o.value == value) {
        Some(option) => Ok(Answer::Text(option.label.clone())),
        None => Err(format!("Select one of the answers to “{}”", field.label)),
    }
}

fn read_choices(field: &Field, answer: Option<&Answer>) -> Result<Answer, String> {
    let values: &[String] = match answer {
        None => &[],
        Some(Answer::Choices(values)) => values,
        Some(_) => return Err(wrong_shape(field)),
    };
    if values.is_empty() && field.required {
        return Err(format!("Select at least one answer to “{}”", field.label));
    }
    // In the form's order, whatever order they were ticked in.
    let mut labels = Vec::new();
    for option in &field.options {
        if values.contains(&option.value) {
            labels.push(option.label.clone());
        }
    }
    if labels.len() != values.len() {
        return Err(format!("Select only the answers listed for “{}”", field.label));
    }
    Ok(Answer::Choices(labels))
}

fn read_signature(field: &Field, answer: Option<&Answer>) -> Result<Answer, String> {
    let (name, drawing) = match answer {
        None => ("", None),
        Some(Answer::Signature(Signature { name, drawing })) => (name.as_str(), drawing.as_deref()),
        Some(_) => return Err(wrong_shape(field)),
    };
    if name.trim().is_empty() {
        if field.required {
            return Err("Type your full name to sign".to_owned());
        }
        return Ok(Answer::Signature(Signature { name: String::new(), drawing: None }));
    }
    if name.chars().count() > MAX_LINE {
        return Err(format!("Your name must be {MAX_LINE} characters or fewer"));
    }
    let drawing = drawing.filter(|d| !d.is_empty());
    if let Some(drawing) = drawing {
        check_drawing(drawing)?;
    }
    Ok(Answer::Signature(Signature { name: name.to_owned(), drawing: drawing.map(str::to_owned) }))
}

/// A drawn signature is SVG path data of moves and lines only, so it can be shown without
/// interpreting anything else.
fn check_drawing(drawing: &str) -> Result<(), String> {
    let allowed = |c: char| matches!(c, 'M' | 'L' | ' ' | '.' | '-') || c.is_ascii_digit();
    if drawing.len() > MAX_DRAWING || !drawing.starts_with('M') || !drawing.chars().all(allowed) {
        return Err("The drawn signature could not be read: clear it and draw it again, or leave it out".to_owned());
    }
    Ok(())
}

fn wrong_shape(field: &Field) -> String {
    format!("The answer to “{}” could not be read: reload the page and answer it again", field.label)
}

/// The field's label as the object of "Enter …": "Staff name" → "staff name", "Full URL" →
/// "full URL"; a question ("Who will host the site?") is quoted.
fn what(field: &Field) -> String {
    let label = field.label.trim().trim_end_matches(':').trim();
    if label.ends_with('?') {
        return format!("an answer to “{label}”");
    }
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        // Keep the capital of an acronym ("URL", "DSL").
        (Some(first), Some(second)) if !second.is_ascii_uppercase() => {
            std::iter::once(first.to_ascii_lowercase()).chain(label.chars().skip(1)).collect()
        }
        _ => label.to_owned(),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| std::iter::once(c.to_ascii_uppercase()).chain(chars).collect()).unwrap_or_default()
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A web address as people copy it without its scheme ("www.youtube.com/watch?v=…"), with
/// `https://` in front; anything with a scheme, or that looks like one (`mailto:`,
/// `javascript:`), or an `@` before its path, is left for [`check_url`] to judge.
pub fn with_scheme(text: &str) -> String {
    // The site: up to the first `/`, `?` or `#`.
    let site = text.split(['/', '?', '#']).next().unwrap_or_default();
    // A colon that is not a port after a dotted name is a scheme (`mailto:`, `javascript:`).
    let scheme = match site.split_once(':') {
        Some((name, port)) => !name.contains('.') || !port.bytes().all(|b| b.is_ascii_digit()),
        None => false,
    };
    if scheme || text.contains("://") || site.contains('@') || !site.contains('.') {
        text.to_owned()
    } else {
        format!("https://{text}")
    }
}

/// Whether `text` is a full web address: `http://` or `https://`, then a host name (with a dot,
/// or `localhost`) or an IP address, then anything without spaces.
pub fn check_url(text: &str) -> Result<(), &'static str> {
    if text.chars().any(char::is_whitespace) {
        return Err("A web address cannot contain spaces: copy it again from the browser's address bar");
    }
    let Some((scheme, rest)) = text.split_once("://") else {
        return Err("Enter the full web address, starting with https:// or http://, like https://www.example.com/page");
    };
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return Err("The web address must start with https:// or http://, like https://www.example.com/page");
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let host = if host_port.starts_with('[') {
        // An IPv6 address: `[::1]:8080`.
        match host_port.find(']') {
            Some(end) => &host_port[..=end],
            None => return Err("The web address's site name is not complete: copy it again from the address bar"),
        }
    } else {
        let (host, port) = host_port.split_once(':').unwrap_or((host_port, ""));
        if !port.chars().all(|c| c.is_ascii_digit()) {
            return Err("The web address's port (after the colon) must be a number");
        }
        host
    };
    if host.is_empty() {
        return Err("The web address needs a site name after https://, like https://www.example.com/page");
    }
    if host.starts_with('[') {
        return Ok(());
    }
    let labels: Vec<&str> = host.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || !c.is_ascii())
    };
    let trailing_dot = host.ends_with('.') && labels.len() > 1;
    let labels = if trailing_dot { &labels[..labels.len() - 1] } else { &labels[..] };
    if !labels.iter().all(label_ok) || (labels.len() < 2 && !host.eq_ignore_ascii_case("localhost")) {
        return Err("The web address's site name is not complete (it needs a dot, like www.example.com)");
    }
    Ok(())
}

/// Whether `text` looks like an e-mail address: a name, one `@`, and a domain with a dot.
pub fn check_email(text: &str) -> Result<(), &'static str> {
    const FORMAT: &str = "Enter an email address in the correct format, like name@example.com";
    let Some((name, domain)) = text.rsplit_once('@') else { return Err(FORMAT) };
    let domain_ok = domain.split('.').count() >= 2 && domain.split('.').all(|l| !l.is_empty());
    if name.is_empty() || name.contains('@') || text.chars().any(char::is_whitespace) || !domain_ok {
        return Err(FORMAT);
    }
    Ok(())
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

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The day after `day` (`YYYY-MM-DD`, a real date), in the same form.
pub fn next_day(day: &str) -> String {
    let number = |range: std::ops::Range<usize>| day.get(range).and_then(|n| n.parse::<u32>().ok()).unwrap_or(1);
    let (mut year, mut month, mut date) = (number(0..4), number(5..7), number(8..10) + 1);
    if date > days_in_month(year, month) {
        date = 1;
        month += 1;
        if month > 12 {
            month = 1;
            year += 1;
        }
    }
    format!("{year:04}-{month:02}-{date:02}")
}

/// A date written as `year-month-day` (the browser joins the day, month and year boxes so; the
/// day and month may have one digit), as `YYYY-MM-DD`, or what is wrong with it.
pub fn parse_date(text: &str) -> Result<String, String> {
    let parts: Vec<&str> = text.split('-').map(str::trim).collect();
    let [year, month, day] = parts[..] else {
        return Err("enter a day, a month and a year, like 27 3 2025".to_owned());
    };
    for (part, name) in [(day, "day"), (month, "month"), (year, "year")] {
        if part.is_empty() {
            return Err(format!("the date must include a {name}"));
        }
        if !part.chars().all(|c| c.is_ascii_digit()) || part.len() > 4 {
            return Err(format!("the {name} must be a number, like 27 3 2025"));
        }
    }
    let number = |part: &str| part.parse::<u32>().unwrap_or(0);
    let (year, month, day) = (number(year), number(month), number(day));
    if !(1900..=2199).contains(&year) || text.trim().split('-').next().is_some_and(|y| y.trim().len() != 4) {
        return Err("the year must have 4 numbers, like 2025".to_owned());
    }
    if !(1..=12).contains(&month) {
        return Err("the month must be a number from 1 to 12".to_owned());
    }
    let days = days_in_month(year, month);
    if !(1..=days).contains(&day) {
        let name = MONTHS.get(month as usize - 1).copied().unwrap_or_default();
        return Err(format!("the date must be a real date: {name} {year} has {days} days"));
    }
    Ok(format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::model::ChoiceOption;

    #[track_caller]
    fn assert_url_ok(url: &str) {
        assert_eq!(check_url(url), Ok(()), "{url}");
    }

    #[track_caller]
    fn assert_url_rejected(url: &str, words: &str) {
        let problem = check_url(url).expect_err(url);
        assert!(problem.contains(words), "{url}: {problem}");
    }

    #[test]
    fn an_address_without_a_scheme_gets_https() {
        assert_eq!(with_scheme("www.youtube.com/watch?v=abc"), "https://www.youtube.com/watch?v=abc");
        assert_eq!(with_scheme("example.co.uk"), "https://example.co.uk");
        assert_eq!(with_scheme("example.com:8443/x"), "https://example.com:8443/x");
        for kept in
            ["https://a.example", "mailto:a@b.example", "javascript:alert(1)", "a@b.example/x", "localhost", "tel:0123"]
        {
            assert_eq!(with_scheme(kept), kept);
        }
    }

    #[test]
    fn a_full_url_has_an_http_scheme_and_a_host() {
        assert_url_ok("https://www.example.com/page?q=1#top");
        assert_url_ok("http://example.co.uk");
        assert_url_ok("HTTPS://Example.com:8443/x");
        assert_url_ok("http://localhost:8000/");
        assert_url_ok("https://[::1]:8080/");
        assert_url_ok("https://bücher.example/");
        assert_url_rejected("www.example.com", "starting with https://");
        assert_url_rejected("ftp://example.com/file", "must start with https:// or http://");
        assert_url_rejected("javascript://alert(1)", "must start with");
        assert_url_rejected("https://", "needs a site name");
        assert_url_rejected("https:///path", "needs a site name");
        assert_url_rejected("https://example", "needs a dot");
        assert_url_rejected("https://exa mple.com", "cannot contain spaces");
        assert_url_rejected("https://example..com", "not complete");
        assert_url_rejected("https://-example.com", "not complete");
        assert_url_rejected("https://example.com:80a/", "port");
    }

    #[test]
    fn a_date_must_exist() {
        assert_eq!(parse_date("2025-3-7"), Ok("2025-03-07".to_owned()));
        assert_eq!(parse_date("2024-02-29"), Ok("2024-02-29".to_owned()));
        assert_eq!(parse_date(" 2025 - 12 - 31 "), Ok("2025-12-31".to_owned()));
        let problem = |text: &str| parse_date(text).expect_err(text);
        assert_eq!(problem("2025-02-29"), "the date must be a real date: February 2025 has 28 days");
        assert_eq!(problem("1900-02-29"), "the date must be a real date: February 1900 has 28 days");
        assert!(problem("2025-13-01").contains("from 1 to 12"));
        assert!(problem("2025--01").contains("must include a month"));
        assert!(problem("-3-1").contains("must include a year"));
        assert!(problem("2025-3-").contains("must include a day"));
        assert!(problem("25-3-1").contains("4 numbers"));
        assert!(problem("2025-March-1").contains("must be a number"));
        assert!(problem("27/03/2025").contains("enter a day, a month and a year"));
        assert!(problem("2025-04-31").contains("April 2025 has 30 days"));
    }

    #[test]
    fn the_next_day_turns_months_and_years() {
        assert_eq!(next_day("2025-03-27"), "2025-03-28");
        assert_eq!(next_day("2024-02-28"), "2024-02-29");
        assert_eq!(next_day("2025-02-28"), "2025-03-01");
        assert_eq!(next_day("2025-12-31"), "2026-01-01");
    }

    #[test]
    fn an_email_address_has_a_name_an_at_and_a_domain() {
        assert_eq!(check_email("office@school.sch.uk"), Ok(()));
        for bad in ["office", "@school.uk", "office@school", "office@@school.uk", "a b@school.uk", "office@school..uk"]
        {
            assert!(check_email(bad).is_err(), "{bad}");
        }
    }

    fn field(kind: FieldKind, label: &str, required: bool) -> Field {
        Field {
            id: "f".to_owned(),
            kind,
            label: label.to_owned(),
            hint: None,
            required,
            clause: None,
            multiple: false,
            future: false,
            options: Vec::new(),
        }
    }

    fn section(intro: Option<&str>) -> Section {
        Section {
            id: "s".to_owned(),
            title: "S".to_owned(),
            filled_by: "Parent".to_owned(),
            online: true,
            intro: intro.map(str::to_owned),
            intro_clause: None,
            fields: Vec::new(),
        }
    }

    const TODAY: &str = "2025-03-27";

    /// `read` in a section without an intro, on [`TODAY`].
    fn read(field: &Field, answer: Option<&Answer>) -> Result<Answer, String> {
        super::read(&section(None), field, answer, TODAY)
    }

    fn text(s: &str) -> Answer {
        Answer::Text(s.to_owned())
    }

    #[test]
    fn required_fields_say_what_to_enter() {
        let name = field(FieldKind::Text, "Staff name", true);
        assert_eq!(read(&name, None), Err("Enter staff name".to_owned()));
        assert_eq!(read(&name, Some(&text("   "))), Err("Enter staff name".to_owned()));
        assert_eq!(read(&name, Some(&text("Sam Jones"))), Ok(text("Sam Jones")));
        let url = field(FieldKind::Url, "Full URL", true);
        assert_eq!(read(&url, None), Err("Enter full URL".to_owned()));
        let question = field(FieldKind::LongText, "Who will host the site?", true);
        assert_eq!(read(&question, None), Err("Enter an answer to “Who will host the site?”".to_owned()));
        let optional = field(FieldKind::Email, "Email address", false);
        assert_eq!(read(&optional, None), Ok(text("")));
        assert!(read(&optional, Some(&text("nope"))).is_err(), "an optional answer given must still be right");
    }

    #[test]
    fn text_is_kept_as_typed_and_dates_are_normalised() {
        let url = field(FieldKind::Url, "Full URL", true);
        assert_eq!(
            read(&url, Some(&text(" www.youtube.com/watch?v=x "))),
            Ok(text("https://www.youtube.com/watch?v=x"))
        );
        assert_eq!(read(&url, Some(&text("http://example.com"))), Ok(text("http://example.com")));
        let long = field(FieldKind::LongText, "Reasons", true);
        assert_eq!(read(&long, Some(&text("  Two\nlines  "))), Ok(text("  Two\nlines  ")));
        let date = field(FieldKind::Date, "Date", true);
        assert_eq!(read(&date, Some(&text("2025-3-7"))), Ok(text("2025-03-07")));
        assert_eq!(
            read(&date, Some(&text("2025-2-30"))),
            Err("Date: the date must be a real date: February 2025 has 28 days".to_owned())
        );
        let line = field(FieldKind::Text, "Name", true);
        let too_long = "x".repeat(MAX_LINE + 1);
        assert_eq!(
            read(&line, Some(&text(&too_long))),
            Err("Name must be 300 characters or fewer (it has 301)".to_owned())
        );
    }

    #[test]
    fn several_urls_are_checked_line_by_line() {
        let mut urls = field(FieldKind::Url, "Full URL(s)", true);
        urls.multiple = true;
        assert_eq!(
            read(&urls, Some(&text("https://a.example/\n\n b.example/x "))),
            Ok(text("https://a.example/\nhttps://b.example/x"))
        );
        assert_eq!(
            read(&urls, Some(&text("https://a.example/\nmailto:b@example.com"))),
            Err("Web address 2 of 2: Enter the full web address, starting with https:// or http://, like https://www.example.com/page".to_owned())
        );
    }

    #[test]
    fn choices_give_their_labels() {
        let mut choice = field(FieldKind::Choice, "Safeguarding issue?", true);
        choice.options = vec![
            ChoiceOption { value: "yes".to_owned(), label: "Yes".to_owned(), tell: None },
            ChoiceOption { value: "no".to_owned(), label: "No".to_owned(), tell: None },
        ];
        assert_eq!(read(&choice, Some(&text("no"))), Ok(text("No")));
        assert_eq!(read(&choice, None), Err("Select an answer to “Safeguarding issue?”".to_owned()));
        assert!(read(&choice, Some(&text("maybe"))).is_err());
        choice.multiple = true;
        let picked = Answer::Choices(vec!["no".to_owned(), "yes".to_owned()]);
        assert_eq!(read(&choice, Some(&picked)), Ok(Answer::Choices(vec!["Yes".to_owned(), "No".to_owned()])));
        assert!(read(&choice, Some(&Answer::Choices(Vec::new()))).unwrap_err().starts_with("Select at least one"));
        assert!(read(&choice, Some(&Answer::Choices(vec!["other".to_owned()]))).is_err());
    }

    #[test]
    fn a_statement_must_be_ticked_and_a_signature_needs_a_name() {
        let statement = field(FieldKind::Statement, "I will be respectful towards members of staff", true);
        assert_eq!(read(&statement, Some(&Answer::Agreed(true))), Ok(Answer::Agreed(true)));
        let problem = read(&statement, Some(&Answer::Agreed(false))).unwrap_err();
        assert!(problem.starts_with("Tick the box to agree to “I will be respectful"), "{problem}");
        let led = field(FieldKind::Statement, "Use private groups to criticise staff", true);
        let problem = super::read(&section(Some("I will not:")), &led, None, TODAY).unwrap_err();
        assert!(
            problem.starts_with("Tick the box to agree to “I will not: use private groups to criticise staff”"),
            "{problem}"
        );
        assert!(read(&statement, Some(&text("yes"))).is_err(), "a string is not a tick");
        let signature = field(FieldKind::Signature, "Signed", true);
        let signed = |name: &str, drawing: Option<&str>| {
            Answer::Signature(Signature { name: name.to_owned(), drawing: drawing.map(str::to_owned) })
        };
        assert_eq!(read(&signature, None), Err("Type your full name to sign".to_owned()));
        assert_eq!(read(&signature, Some(&signed(" ", None))), Err("Type your full name to sign".to_owned()));
        assert_eq!(read(&signature, Some(&signed("Ann Lee", Some("")))), Ok(signed("Ann Lee", None)));
        assert!(read(&signature, Some(&signed("Ann Lee", Some("M1 2L3 4.5L-1 0")))).is_ok());
        assert!(read(&signature, Some(&signed("Ann Lee", Some("M1 2\"/><script>")))).is_err());
    }

    #[test]
    fn two_statements_that_begin_alike_are_quoted_whole_and_apart() {
        let lead = Some("I will not:");
        let start =
            "Use private groups or social media to talk about or criticise the school, its staff, or other parents";
        let one = statement_quote(lead, &format!("{start}, in public"));
        let two = statement_quote(lead, &format!("{start}, in private"));
        assert_ne!(one, two);
        assert!(one.starts_with("I will not: use private groups"), "{one}");
        assert_eq!(statement_quote(lead, "I promise"), "I will not: I promise");
        assert_eq!(statement_quote(None, "Be kind"), "Be kind");
    }

    #[test]
    fn a_date_ahead_of_the_day_is_refused_unless_the_field_looks_ahead() {
        let date = field(FieldKind::Date, "Date", true);
        assert_eq!(read(&date, Some(&text("2025-3-27"))), Ok(text("2025-03-27")));
        assert_eq!(
            read(&date, Some(&text("2031-3-28"))),
            Err("Date: the date must be today or in the past".to_owned())
        );
        let go_live = Field { future: true, ..field(FieldKind::Date, "Proposed date of going live", true) };
        assert_eq!(read(&go_live, Some(&text("2031-3-28"))), Ok(text("2031-03-28")));
    }
}
