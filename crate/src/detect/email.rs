//! # E-mail addresses
//!
//! **What it finds.** E-mail addresses (`jo.bloggs@example.org`), also spelt out to dodge
//! filters (`jo at gmail dot com`, `jo[at]gmail[dot]com`).
//!
//! **Why.** Staff must keep school and private e-mail apart and not give pupils or parents a
//! personal address; pupils are taught not to give out personal information.
//!
//! **Setting.** `personal_only = true` skips the addresses a school posts as a matter of
//! course: role addresses (`office@`, `admin@`, `enquiries@` …) and addresses at `.sch.uk`.

use super::{Detect, Draft};
use crate::model::Span;
use serde::{Deserialize, Serialize};

/// Settings of the e-mail detector.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Skip role addresses and school domains.
    #[serde(default)]
    pub personal_only: bool,
}

pub(super) struct Email {
    settings: Settings,
}

impl Email {
    pub(super) fn new(settings: Settings) -> Email {
        Email { settings }
    }
}

const ROLE_ADDRESSES: &[&str] = &[
    "admin",
    "admissions",
    "bursar",
    "enquiries",
    "enquiry",
    "finance",
    "head",
    "headteacher",
    "hello",
    "hr",
    "info",
    "office",
    "reception",
    "school",
    "senco",
    "sendco",
    "contact",
    "attendance",
    "safeguarding",
    "dsl",
    "pta",
];

fn is_local_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-')
}

fn is_domain_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.')
}

/// Addresses in folded text: byte ranges of `local@domain.tld`.
pub(crate) fn find_addresses(folded: &str) -> Vec<(usize, usize)> {
    let bytes = folded.as_bytes();
    let mut found = Vec::new();
    for (at, _) in folded.match_indices('@') {
        let mut start = at;
        while start > 0 && is_local_char(bytes[start - 1]) {
            start -= 1;
        }
        while start < at && bytes[start] == b'.' {
            start += 1;
        }
        let mut end = at + 1;
        while end < bytes.len() && is_domain_char(bytes[end]) {
            end += 1;
        }
        while end > at + 1 && matches!(bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let domain = &folded[at + 1..end];
        let tld_ok = domain.rsplit_once('.').is_some_and(|(host, tld)| {
            !host.is_empty() && tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic())
        });
        if start < at && tld_ok {
            found.push((start, end));
        }
    }
    found
}

const TLDS: &[&str] = &["com", "uk", "org", "net", "co", "io", "me", "edu", "gov", "info"];

impl Detect for Email {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
        let folded = &draft.folded.text;
        for (start, end) in find_addresses(folded) {
            let address = &folded[start..end];
            if self.settings.personal_only && is_official(address) {
                continue;
            }
            if let Some((s, e)) = draft.folded.original_span(start, end) {
                found.push(Span::new(s, e));
            }
        }
        // Spelt out: "name at gmail dot com", "name (at) gmail (dot) co (dot) uk".
        let tokens = &draft.tokens;
        for i in 0..tokens.len().saturating_sub(4) {
            let [name, at, host, dot, tld] =
                [&tokens[i], &tokens[i + 1], &tokens[i + 2], &tokens[i + 3], &tokens[i + 4]];
            if at.text == "at"
                && dot.text == "dot"
                && TLDS.contains(&tld.text.as_str())
                && name.sentence == tld.sentence
                && host.has_letter
                && !(self.settings.personal_only && ROLE_ADDRESSES.contains(&name.text.as_str()))
            {
                found.push(draft.span(i, i + 5));
            }
        }
    }
}

fn is_official(address: &str) -> bool {
    let (local, domain) = address.split_once('@').unwrap_or((address, ""));
    ROLE_ADDRESSES.contains(&local) || domain.ends_with(".sch.uk")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::DetectorSpec;
    use crate::detect::testing::*;
    use crate::model::{Author::*, Channel::*};

    fn email(personal_only: bool) -> DetectorSpec {
        DetectorSpec::Email(Settings { personal_only })
    }

    #[test]
    fn finds_addresses() {
        assert_finds(
            &email(false),
            Staff,
            School,
            "email her at shazia.begum@example.org, about trips.",
            &["shazia.begum@example.org"],
        );
        assert_finds(&email(false), Pupil, Direct, "me: sky_moon10@gmail.com!", &["sky_moon10@gmail.com"]);
        assert_finds(&email(false), Pupil, Direct, "its skye at gmail dot com", &["skye at gmail dot com"]);
        assert_finds(&email(false), Pupil, Direct, "ｓｋｙｅ＠ｇｍａｉｌ．ｃｏｍ", &["ｓｋｙｅ＠ｇｍａｉｌ．ｃｏｍ"]);
    }

    #[test]
    fn ignores_handles_and_prices() {
        assert_clean(&email(false), Pupil, Direct, &["add @skye.moon.10", "meet @ 7", "look at that dot", "x@y"]);
    }

    #[test]
    fn personal_only_skips_school_addresses() {
        assert_clean(
            &email(true),
            Staff,
            School,
            &["Email office@oakfield.beds.sch.uk", "write to admin@oakfield.org"],
        );
        assert_flags(&email(true), Staff, School, &["Email jo.smith@gmail.com"]);
    }
}
