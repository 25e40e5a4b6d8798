//! The certificate's check code: one code a teacher types to check a certificate, which
//! carries what it checks.
//!
//! A certificate shows the pupil's first name, the quiz, the score and the date, and, in a
//! small strip for the teacher, a **check code** such as `1A2B-3C4D-5E6F`. The teacher types
//! the code into "Check a certificate" on the quiz's page, and the page says what the code
//! stands for ("8 out of 10, on 14 March 2026, for a name beginning with S"), to compare with
//! what the certificate says. A changed score, date or name no longer matches what the code
//! says; a code changed to match no longer checks out.
//!
//! # The code
//!
//! Twelve digits of Crockford's base 32 (`0-9` and `A-Z` without I, L, O and U, so nothing
//! read aloud or copied by hand is mistaken for something else), written in three groups of
//! four. The first ten digits are 50 bits, most significant first:
//!
//! | bits | what |
//! |---|---|
//! | 4 | the quiz's version, modulo 16 |
//! | 14 | the date: days since 2025-01-01 (to 2069-11-09) |
//! | 6 | the score: questions answered right (0 to 63) |
//! | 5 | the first letter of the name as [`canonical_name`] gives it: 1 to 26 for a to z, 0 for anything else |
//! | 21 | the digest: the first 21 bits of the SHA-256 of [`canonical_string`] |
//!
//! The last two digits are the **check**: the sum of the first ten digits' values weighted by
//! their position (1 to 10), modulo 1021, as two base 32 digits. 1021 is a prime larger than
//! any difference a typo makes, so every single mistyped digit and every swap of two digits
//! next to each other (or one apart) changes the sum, and the page says "a typo", never "not
//! genuine", to a teacher who slipped: a child is never accused because of a typing mistake.
//!
//! The digest covers the school and the quiz too, which the page supplies: a code made for
//! another quiz, school or score, or made up, passes the check digits by chance once in 1,021
//! times and then the digest once in two million.
//!
//! The code is not a signature (the quiz runs in the browser, with no secret): it catches a
//! certificate edited by hand, not a pupil who reruns the quiz's code.

use super::key::QuizKey;
use super::model::AnswerError;
use super::score::{self, Answers};
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// The longest first name a certificate takes, in characters.
pub const MAX_NAME_CHARS: usize = 40;

/// The most questions a code can count right.
pub const MAX_SCORE: usize = 63;

/// Crockford's base 32 digits.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Digits in a code, without its hyphens: ten of payload and digest, two of check.
pub const CODE_DIGITS: usize = 12;

/// The check's modulus: a prime, larger than any weighted difference one typo makes.
const CHECK_MODULUS: u32 = 1021;

/// The first day a code can hold: 2025-01-01, as days since 1970-01-01.
const FIRST_DAY: i64 = 20_089;
/// Days a code can hold from [`FIRST_DAY`] (14 bits).
const DAYS: i64 = 1 << 14;

/// Why a certificate cannot be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CertificateError {
    /// The name is empty, too long or has control characters.
    #[error("write a first name of 1 to {MAX_NAME_CHARS} letters")]
    Name,
    /// The date is not a day of the calendar written `YYYY-MM-DD`, from 2025 to 2069.
    #[error("the date must be a day from 2025 to 2069, written YYYY-MM-DD, like 2026-03-14")]
    Date,
    /// The quiz has more questions than a code can count.
    #[error("a check code counts at most {MAX_SCORE} questions")]
    TooLong,
    /// The score is more than the quiz's questions.
    #[error("the score is more than the quiz's questions")]
    Score,
    /// An answer does not fit its question.
    #[error(transparent)]
    Answer(#[from] AnswerError),
}

/// What a certificate says, and its code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certificate {
    /// The check code, `XXXX-XXXX-XXXX`.
    pub code: String,
    /// Questions answered right.
    pub correct: usize,
    /// Questions in the quiz.
    pub total: usize,
}

/// What a code says of its certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// Questions answered right.
    pub correct: usize,
    /// Questions in the quiz.
    pub total: usize,
    /// The name's first letter, `a` to `z`, or `None` when it starts with anything else.
    pub initial: Option<char>,
}

/// What checking a typed code finds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Checked {
    /// It is a code this quiz made: the certificate should say the same.
    Genuine(Facts),
    /// It is not twelve digits of Crockford's base 32.
    Malformed,
    /// Its check digits do not add up: it was mistyped (or copied wrong).
    Typo,
    /// It was made with another version of the quiz (its version modulo 16 is given), which
    /// this page cannot check.
    OtherVersion(u32),
    /// Its digits add up but it was not made by this quiz, at this school, for what it says.
    NotGenuine,
}

/// A first name as the code reads it: folded as the checker folds a draft (lowercase, without
/// accents, look-alike letters as the Latin ones: [`fold`](crate::text::normalise::fold)), each
/// run of spaces as one space, so "  Zoë " and "zoe" are the same pupil.
pub fn canonical_name(name: &str) -> Result<String, CertificateError> {
    let folded = crate::text::normalise::fold(name).text;
    let mut canonical = String::with_capacity(folded.len());
    for word in folded.split_whitespace() {
        if !canonical.is_empty() {
            canonical.push(' ');
        }
        canonical.push_str(word);
    }
    let length = canonical.chars().count();
    if length == 0 || length > MAX_NAME_CHARS || canonical.chars().any(char::is_control) {
        return Err(CertificateError::Name);
    }
    Ok(canonical)
}

/// The first letter of a canonical name, if it is `a` to `z`.
fn initial(canonical: &str) -> Option<char> {
    canonical.chars().next().filter(char::is_ascii_lowercase)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day since 1970-01-01, as `(year, month, day)` (Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    (year_of_era + era * 400 + i64::from(month <= 2), month, day)
}

/// `date` (`YYYY-MM-DD`, a real day from 2025 to 2069) as days since 2025-01-01.
fn day_number(date: &str) -> Result<u32, CertificateError> {
    let b = date.trim().as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, &c)| if i == 4 || i == 7 { c == b'-' } else { c.is_ascii_digit() });
    if !shaped {
        return Err(CertificateError::Date);
    }
    let number = |range: std::ops::Range<usize>| b[range].iter().fold(0i64, |n, &c| n * 10 + i64::from(c - b'0'));
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    if !(1..=12).contains(&month) || day < 1 {
        return Err(CertificateError::Date);
    }
    let days = days_from_civil(year, month, day);
    // A day past the month's end (31 April) lands in the next month.
    if civil_from_days(days) != (year, month, day) {
        return Err(CertificateError::Date);
    }
    u32::try_from(days - FIRST_DAY).ok().filter(|&n| i64::from(n) < DAYS).ok_or(CertificateError::Date)
}

/// The date of day `number` since 2025-01-01, `YYYY-MM-DD`.
fn date_of(number: u32) -> String {
    let (year, month, day) = civil_from_days(FIRST_DAY + i64::from(number));
    format!("{year:04}-{month:02}-{day:02}")
}

/// The string a code's digest is taken of. One line per field, each ending in a line feed
/// (also the last), UTF-8:
///
/// ```text
/// postwise-quiz-certificate:2
/// school:<the school's id>
/// quiz:<the quiz's id, with its band: be-smart-online-7-11>
/// version:<the quiz's version, in decimal>
/// date:<YYYY-MM-DD>
/// score:<questions answered right>/<questions in the quiz>
/// initial:<the name's first letter, a to z, or ->
/// ```
///
/// Ids, numbers and the date cannot hold a line feed, so no field can pass for another.
pub fn canonical_string(school: &str, quiz: &QuizKey, facts: &Facts) -> String {
    let mut text = String::new();
    // Writing to a String cannot fail.
    let _ = write!(
        text,
        "postwise-quiz-certificate:2\nschool:{school}\nquiz:{}\nversion:{}\ndate:{}\nscore:{}/{}\ninitial:{}\n",
        quiz.id,
        quiz.version,
        facts.date,
        facts.correct,
        facts.total,
        facts.initial.unwrap_or('-')
    );
    text
}

/// The first 21 bits of the digest of [`canonical_string`].
fn digest(school: &str, quiz: &QuizKey, facts: &Facts) -> u64 {
    let digest = Sha256::digest(canonical_string(school, quiz, facts).as_bytes());
    let first = u64::from(digest[0]) << 16 | u64::from(digest[1]) << 8 | u64::from(digest[2]);
    first >> 3
}

/// The check of a code's first ten digit values: their sum weighted 1 to 10, modulo 1021.
fn check_value(digits: &[u8]) -> u32 {
    let mut sum = 0;
    for (position, &digit) in digits.iter().enumerate() {
        sum += (position as u32 + 1) * u32::from(digit);
    }
    sum % CHECK_MODULUS
}

/// The code for `facts` of a certificate for `quiz` at `school`.
pub fn code(school: &str, quiz: &QuizKey, facts: &Facts) -> Result<String, CertificateError> {
    if facts.total > MAX_SCORE {
        return Err(CertificateError::TooLong);
    }
    if facts.correct > facts.total {
        return Err(CertificateError::Score);
    }
    let day = day_number(&facts.date)?;
    let initial = facts.initial.filter(char::is_ascii_lowercase).map_or(0, |c| u64::from(c as u8 - b'a') + 1);
    let bits = (u64::from(quiz.version % 16) << 46)
        | (u64::from(day) << 32)
        | ((facts.correct as u64) << 26)
        | (initial << 21)
        | digest(school, quiz, facts);
    let mut digits = [0u8; CODE_DIGITS];
    for (i, digit) in digits.iter_mut().take(10).enumerate() {
        *digit = ((bits >> (45 - 5 * i)) & 0x1f) as u8;
    }
    let check = check_value(&digits[..10]);
    digits[10] = (check >> 5) as u8;
    digits[11] = (check & 0x1f) as u8;
    let mut code = String::with_capacity(CODE_DIGITS + 2);
    for (i, &digit) in digits.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            code.push('-');
        }
        code.push(char::from(CROCKFORD[usize::from(digit)]));
    }
    Ok(code)
}

/// The certificate for `name` on `date` (`YYYY-MM-DD`) with `answers` to `quiz` (its "would
/// you post this?" answers set).
pub fn make(
    school: &str,
    quiz: &QuizKey,
    name: &str,
    date: &str,
    answers: &Answers,
) -> Result<Certificate, CertificateError> {
    let name = canonical_name(name)?;
    let score = score::score(quiz, answers)?;
    let facts =
        Facts { date: date.trim().to_owned(), correct: score.correct, total: score.total, initial: initial(&name) };
    Ok(Certificate { code: code(school, quiz, &facts)?, correct: score.correct, total: score.total })
}

/// The digit values of a code as typed: upper or lower case, with or without hyphens and
/// spaces, O read as 0 and I or L as 1 (as Crockford's base 32 reads them); `None` unless it
/// is twelve digits.
pub fn digits(typed: &str) -> Option<[u8; CODE_DIGITS]> {
    let mut digits = [0u8; CODE_DIGITS];
    let mut count = 0;
    for byte in typed.bytes() {
        let byte = match byte.to_ascii_uppercase() {
            b'-' | b' ' | b'\t' => continue,
            b'O' => b'0',
            b'I' | b'L' => b'1',
            other => other,
        };
        let value = CROCKFORD.iter().position(|&c| c == byte)?;
        *digits.get_mut(count)? = value as u8;
        count += 1;
    }
    (count == CODE_DIGITS).then_some(digits)
}

/// What a code typed by a teacher says of its certificate for `quiz` at `school`.
pub fn check(school: &str, quiz: &QuizKey, typed: &str) -> Checked {
    let Some(digits) = digits(typed) else { return Checked::Malformed };
    let check = u32::from(digits[10]) << 5 | u32::from(digits[11]);
    if check != check_value(&digits[..10]) {
        return Checked::Typo;
    }
    let mut bits = 0u64;
    for &digit in &digits[..10] {
        bits = bits << 5 | u64::from(digit);
    }
    let version = (bits >> 46) as u32;
    if version != quiz.version % 16 {
        return Checked::OtherVersion(version);
    }
    let day = ((bits >> 32) & 0x3fff) as u32;
    let correct = ((bits >> 26) & 0x3f) as usize;
    let initial = match (bits >> 21) & 0x1f {
        0 => None,
        n @ 1..=26 => Some(char::from(b'a' + n as u8 - 1)),
        _ => return Checked::NotGenuine,
    };
    let total = quiz.questions.len();
    if correct > total {
        return Checked::NotGenuine;
    }
    let facts = Facts { date: date_of(day), correct, total, initial };
    if bits & 0x1f_ffff != digest(school, quiz, &facts) {
        return Checked::NotGenuine;
    }
    Checked::Genuine(facts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::key::{ChoiceKey, QuestionKey};
    use crate::quiz::model::Kind;

    /// Four questions; the first choice of each is the right one.
    fn quiz() -> QuizKey {
        let question = |id: &str, kind: Kind, choices: usize| QuestionKey {
            id: id.to_owned(),
            kind,
            choices: (0..choices).map(|i| ChoiceKey { correct: i == 0 }).collect(),
        };
        QuizKey {
            id: "be-smart-online-7-11".to_owned(),
            version: 3,
            questions: vec![
                question("address", Kind::Single, 4),
                question("tell", Kind::Multiple, 4),
                question("meet", Kind::TrueFalse, 2),
                question("post", Kind::Post, 2),
            ],
        }
    }

    /// address: right; tell: the fourth and first (wrong); meet: not answered; post: "No"
    /// (wrong).
    fn answers() -> Answers {
        Answers(vec![vec![0], vec![3, 0], vec![], vec![1]])
    }

    fn facts(date: &str, correct: usize, initial: Option<char>) -> Facts {
        Facts { date: date.to_owned(), correct, total: 4, initial }
    }

    #[test]
    fn the_canonical_string_is_as_documented() {
        assert_eq!(
            canonical_string("chestnuts", &quiz(), &facts("2026-03-14", 1, Some('a'))),
            "postwise-quiz-certificate:2\nschool:chestnuts\nquiz:be-smart-online-7-11\nversion:3\n\
             date:2026-03-14\nscore:1/4\ninitial:a\n"
        );
        assert!(canonical_string("chestnuts", &quiz(), &facts("2026-03-14", 1, None)).ends_with("initial:-\n"));
    }

    #[test]
    fn a_fixed_certificate_keeps_its_code_for_ever() {
        // Worked out by hand from the table in the module's description: version 3, day 437
        // (2026-03-14), score 1, initial a (1), and the first 21 bits of the SHA-256 of the
        // canonical string above (Python's hashlib), then the weighted check.
        assert_eq!(code("chestnuts", &quiz(), &facts("2026-03-14", 1, Some('a'))).expect("ok"), "61PM-22QV-2YV7");
    }

    #[test]
    fn a_certificate_gives_a_code_that_says_what_it_says() {
        let quiz = quiz();
        let made = make("chestnuts", &quiz, "  Zoë  Rose ", "2026-03-14", &answers()).expect("makes");
        assert_eq!((made.correct, made.total), (1, 4));
        assert_eq!(made.code.len(), 14);
        assert_eq!(check("chestnuts", &quiz, &made.code), Checked::Genuine(facts("2026-03-14", 1, Some('z'))));
        let typed_loosely = made.code.to_lowercase().replace('-', " ").replace('0', "o").replace('1', "l");
        assert_eq!(check("chestnuts", &quiz, &typed_loosely), check("chestnuts", &quiz, &made.code));
    }

    #[test]
    fn another_school_quiz_or_version_does_not_take_the_code() {
        let quiz = quiz();
        let made = make("chestnuts", &quiz, "Amy", "2026-03-14", &answers()).expect("makes");
        assert_eq!(check("craylands", &quiz, &made.code), Checked::NotGenuine);
        let other = QuizKey { id: "be-smart-online-5-7".to_owned(), ..quiz.clone() };
        assert_eq!(check("chestnuts", &other, &made.code), Checked::NotGenuine);
        let newer = QuizKey { version: 4, ..quiz.clone() };
        assert_eq!(check("chestnuts", &newer, &made.code), Checked::OtherVersion(3));
        let shorter = QuizKey { questions: quiz.questions[..3].to_vec(), ..quiz };
        assert_eq!(check("chestnuts", &shorter, &made.code), Checked::NotGenuine, "the total is in the digest");
    }

    #[test]
    fn names_are_folded_and_checked() {
        assert_eq!(canonical_name("  Zoë   Rose ").expect("ok"), "zoe rose");
        assert_eq!(initial(&canonical_name("Ørjan").expect("ok")), Some('o'));
        assert_eq!(initial(&canonical_name("李").expect("ok")), None);
        assert_eq!(canonical_name("   ").expect_err("empty"), CertificateError::Name);
        assert_eq!(canonical_name("a\u{7}b").expect_err("a control character"), CertificateError::Name);
        assert_eq!(canonical_name(&"a".repeat(41)).expect_err("too long"), CertificateError::Name);
    }

    #[test]
    fn dates_must_be_days_of_the_calendar_a_code_can_hold() {
        for date in ["14/03/2026", "2026-13-01", "2026-03-00", "2026-3-14", "2026-02-29", "2026-04-31", "2024-12-31"] {
            assert_eq!(day_number(date), Err(CertificateError::Date), "{date}");
        }
        assert_eq!(day_number("2025-01-01"), Ok(0));
        assert_eq!(day_number("2028-02-29"), Ok(1154));
        assert_eq!(day_number("2069-11-09"), Ok(16383));
        assert_eq!(day_number("2069-11-10"), Err(CertificateError::Date));
        assert_eq!(date_of(1154), "2028-02-29");
        let long = QuizKey { questions: vec![quiz().questions[2].clone(); 64], ..quiz() };
        assert_eq!(
            code("s", &long, &Facts { total: 64, ..facts("2026-03-14", 0, None) }),
            Err(CertificateError::TooLong)
        );
    }

    #[test]
    fn codes_of_the_wrong_shape_are_malformed() {
        for typed in ["", "61PM-22QV-2YV", "61PM-22QV-2YV77", "61PM-22QV-2YVU", "61PM-22QV-2YV!"] {
            assert_eq!(check("chestnuts", &quiz(), typed), Checked::Malformed, "{typed}");
        }
    }

    /// Properties over many codes (proptest runs natively only).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn any_facts() -> impl Strategy<Value = Facts> {
            (0u32..16384, 0usize..=4, proptest::option::of(proptest::char::range('a', 'z')))
                .prop_map(|(day, correct, initial)| Facts { date: date_of(day), correct, total: 4, initial })
        }

        fn code_digits(code: &str) -> Vec<u8> {
            code.bytes().filter(|&b| b != b'-').collect()
        }

        fn as_code(digits: &[u8]) -> String {
            String::from_utf8(digits.to_vec()).unwrap_or_default()
        }

        proptest! {
            #[test]
            fn every_code_says_what_it_was_made_from(facts in any_facts()) {
                let quiz = quiz();
                let code = code("chestnuts", &quiz, &facts).expect("makes");
                prop_assert_eq!(check("chestnuts", &quiz, &code), Checked::Genuine(facts));
            }

            #[test]
            fn every_single_mistyped_digit_is_a_typo(facts in any_facts(), at in 0usize..12, by in 1usize..32) {
                let code = code("chestnuts", &quiz(), &facts).expect("makes");
                let mut digits = code_digits(&code);
                let value = CROCKFORD.iter().position(|&c| c == digits[at]).expect("a digit");
                digits[at] = CROCKFORD[(value + by) % 32];
                prop_assert_eq!(check("chestnuts", &quiz(), &as_code(&digits)), Checked::Typo);
            }

            #[test]
            fn every_swap_of_two_different_digits_one_or_two_apart_is_a_typo(
                facts in any_facts(), at in 0usize..11, gap in 1usize..3,
            ) {
                let code = code("chestnuts", &quiz(), &facts).expect("makes");
                let mut digits = code_digits(&code);
                let other = (at + gap).min(11);
                prop_assume!(digits[at] != digits[other]);
                digits.swap(at, other);
                prop_assert_eq!(check("chestnuts", &quiz(), &as_code(&digits)), Checked::Typo);
            }

            #[test]
            fn a_code_changed_to_say_something_else_is_not_genuine(facts in any_facts(), correct in 0usize..=4) {
                // Someone who knows the layout changes the score and mends the check digits: the
                // digest gives it away (but once in two million times).
                prop_assume!(correct != facts.correct);
                let quiz = quiz();
                let code = code("chestnuts", &quiz, &facts).expect("makes");
                let mut values = [0u8; CODE_DIGITS];
                values.copy_from_slice(&digits(&code).expect("digits"));
                let mut bits = 0u64;
                for &v in &values[..10] {
                    bits = bits << 5 | u64::from(v);
                }
                bits = (bits & !(0x3f << 26)) | (correct as u64) << 26;
                for (i, v) in values.iter_mut().take(10).enumerate() {
                    *v = ((bits >> (45 - 5 * i)) & 0x1f) as u8;
                }
                let check_digits = check_value(&values[..10]);
                values[10] = (check_digits >> 5) as u8;
                values[11] = (check_digits & 0x1f) as u8;
                let forged: String = values.iter().map(|&v| char::from(CROCKFORD[usize::from(v)])).collect();
                // The one chance in two million that the digest is the same.
                prop_assume!(digest("chestnuts", &quiz, &Facts { correct, ..facts.clone() }) != digest("chestnuts", &quiz, &facts));
                prop_assert_eq!(check("chestnuts", &quiz, &forged), Checked::NotGenuine);
            }

            #[test]
            fn dates_go_to_day_numbers_and_back(day in 0u32..16384) {
                prop_assert_eq!(day_number(&date_of(day)), Ok(day));
            }
        }
    }
}
