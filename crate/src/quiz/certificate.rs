//! The certificate's code and answer record: what lets a teacher tell a real certificate from
//! an edited one.
//!
//! A certificate shows the pupil's first name, the quiz, the date, the seed, the score, an
//! **answer record** (the letters picked, question by question, as they were shown) and a
//! **code**. The "check a certificate" form takes the name, date, seed, answer record and code
//! as printed, reads the answers back through the seed's order, and recomputes the code and the
//! score: a changed name, date or answer gives another code, and a changed score no longer
//! matches the answers.
//!
//! The code is not a signature (the quiz runs in the browser, with no secret): it catches a
//! certificate edited by hand, not a pupil who reruns the quiz's code.

use super::model::{AnswerError, Quiz};
use super::score::Answers;
use super::shuffle::Order;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// The longest first name a certificate takes, in characters.
pub const MAX_NAME_CHARS: usize = 40;

/// Crockford's base 32 digits: no I, L, O or U, so a code read aloud or typed is not misread.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Why a certificate cannot be made or checked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CertificateError {
    /// The name is empty, too long or has control characters.
    #[error("write a first name of 1 to {MAX_NAME_CHARS} letters")]
    Name,
    /// The date is not `YYYY-MM-DD`.
    #[error("the date must be written YYYY-MM-DD, like 2026-03-14")]
    Date,
    /// The answer record has the wrong number of answers or an unknown letter.
    #[error("the answer record {0}")]
    Record(String),
    /// An answer does not fit its question.
    #[error(transparent)]
    Answer(#[from] AnswerError),
}

/// A first name as the code covers it: trimmed, each run of spaces as one space, in lowercase,
/// so "  Amy " and "amy" are the same pupil.
pub fn canonical_name(name: &str) -> Result<String, CertificateError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let length = name.chars().count();
    if length == 0 || length > MAX_NAME_CHARS || name.chars().any(char::is_control) {
        return Err(CertificateError::Name);
    }
    Ok(name)
}

/// `date` if it is a calendar-shaped `YYYY-MM-DD` (month 01–12, day 01–31).
pub fn canonical_date(date: &str) -> Result<&str, CertificateError> {
    let date = date.trim();
    let bytes = date.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    let number = |range: std::ops::Range<usize>| date.get(range).and_then(|s| s.parse::<u32>().ok()).unwrap_or(0);
    if !shaped || !(1..=12).contains(&number(5..7)) || !(1..=31).contains(&number(8..10)) {
        return Err(CertificateError::Date);
    }
    Ok(date)
}

/// The string a certificate's code is the digest of. One line per field, each ending in a line
/// feed (also the last), UTF-8:
///
/// ```text
/// postwise-quiz-certificate:1
/// school:<the school's id>
/// quiz:<the quiz's id, with its band: be-smart-online-7-11>
/// version:<the quiz's version, in decimal>
/// seed:<the seed, in decimal>
/// date:<YYYY-MM-DD>
/// name:<the first name: trimmed, spaces collapsed, lowercase>
/// answers:<id>=<i>,<j>;<id>=<k>;…
/// ```
///
/// `answers` lists every question in the order the quiz file writes them (not the order shown),
/// each as its id, `=`, and the picked choices' positions in the order written (0 first),
/// ascending, joined by `,`; nothing after `=` when it was not answered; questions joined by
/// `;`. Ids, numbers and the date cannot hold a line feed or `;`, and the name's spaces are
/// collapsed, so no field can pass for another.
pub fn canonical_string(
    school: &str,
    quiz: &Quiz,
    seed: u32,
    date: &str,
    name: &str,
    answers: &Answers,
) -> Result<String, CertificateError> {
    let name = canonical_name(name)?;
    let date = canonical_date(date)?;
    let answers = answers.validated(quiz)?;
    let mut text = String::new();
    // Writing to a String cannot fail.
    let _ = write!(
        text,
        "postwise-quiz-certificate:1\nschool:{school}\nquiz:{}\nversion:{}\nseed:{seed}\ndate:{date}\nname:{name}\nanswers:",
        quiz.id, quiz.version
    );
    for (n, question) in quiz.questions.iter().enumerate() {
        let picked = answers.0.get(&question.id).map(Vec::as_slice).unwrap_or_default();
        let picked: Vec<String> = picked.iter().map(usize::to_string).collect();
        let _ = write!(text, "{}{}={}", if n == 0 { "" } else { ";" }, question.id, picked.join(","));
    }
    text.push('\n');
    Ok(text)
}

/// The certificate's code: the first 40 bits of the SHA-256 of [`canonical_string`], as eight
/// Crockford base 32 digits, most significant first, written `XXXX-XXXX`.
pub fn code(
    school: &str,
    quiz: &Quiz,
    seed: u32,
    date: &str,
    name: &str,
    answers: &Answers,
) -> Result<String, CertificateError> {
    let digest = Sha256::digest(canonical_string(school, quiz, seed, date, name, answers)?.as_bytes());
    let bits = digest.iter().take(5).fold(0u64, |acc, &byte| (acc << 8) | u64::from(byte));
    let mut code = String::with_capacity(9);
    for i in 0..8 {
        if i == 4 {
            code.push('-');
        }
        let digit = (bits >> (35 - 5 * i)) & 0x1f;
        code.push(char::from(CROCKFORD[digit as usize]));
    }
    Ok(code)
}

/// A code as typed, made comparable: upper case, without spaces or hyphens, with the letters
/// Crockford reads as digits (O as 0, I and L as 1) turned into them.
pub fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect()
}

/// Whether two codes are the same once normalised ([`normalise_code`]).
pub fn same_code(a: &str, b: &str) -> bool {
    normalise_code(a) == normalise_code(b)
}

/// The answer record printed on a certificate: one group per question in the order shown,
/// separated by spaces; each group the letters of the picked choices as they were shown (A for
/// the first choice on screen), in alphabetical order, or `-` when not answered. For example
/// `B A AC - D`.
pub fn answer_record(quiz: &Quiz, order: &Order, answers: &Answers) -> Result<String, CertificateError> {
    let answers = answers.validated(quiz)?;
    let groups: Vec<String> = order
        .questions
        .iter()
        .map(|&index| {
            let question = &quiz.questions[index];
            let shown = &order.choices[index];
            let picked = answers.0.get(&question.id).map(Vec::as_slice).unwrap_or_default();
            let letters: String = shown
                .iter()
                .enumerate()
                .filter(|(_, choice)| picked.contains(choice))
                .map(|(position, _)| letter(position))
                .collect();
            if letters.is_empty() { "-".to_owned() } else { letters }
        })
        .collect();
    Ok(groups.join(" "))
}

fn letter(position: usize) -> char {
    char::from(b'A' + u8::try_from(position % 26).unwrap_or(0))
}

/// The answers an answer record stands for ([`answer_record`] read back), given the same
/// quiz and order.
pub fn read_answer_record(quiz: &Quiz, order: &Order, record: &str) -> Result<Answers, CertificateError> {
    let groups: Vec<&str> = record.split_whitespace().collect();
    if groups.len() != order.questions.len() {
        return Err(CertificateError::Record(format!(
            "has {} answers, but the quiz has {} questions",
            groups.len(),
            order.questions.len()
        )));
    }
    let mut answers = Answers::default();
    for (number, (&index, group)) in order.questions.iter().zip(groups).enumerate() {
        if group == "-" {
            continue;
        }
        let question = &quiz.questions[index];
        let shown = &order.choices[index];
        let mut picked = Vec::new();
        for c in group.chars() {
            let position = (c.to_ascii_uppercase() as usize).wrapping_sub('A' as usize);
            let choice = shown.get(position).ok_or_else(|| {
                CertificateError::Record(format!("has `{c}` for question {}, which has no such choice", number + 1))
            })?;
            picked.push(*choice);
        }
        answers.0.insert(question.id.clone(), picked);
    }
    answers.validated(quiz).map_err(CertificateError::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::model::{Audience, Choice, Kind, Question};

    fn quiz() -> Quiz {
        let question = |id: &str, kind: Kind, choices: usize| Question {
            id: id.to_owned(),
            concept: "c".to_owned(),
            clause: "1".to_owned(),
            prompt: String::new(),
            kind,
            choices: (0..choices).map(|i| Choice { text: format!("{i}"), correct: i == 0, feedback: None }).collect(),
            explain: String::new(),
            action: None,
            scenario: None,
        };
        Quiz {
            id: "be-smart-online-7-11".to_owned(),
            source: "be-smart-online".to_owned(),
            title: "Be SMART online".to_owned(),
            audience: Audience::Pupils,
            band: None,
            version: 3,
            intro: String::new(),
            concepts: Vec::new(),
            questions: vec![
                question("address", Kind::Single, 4),
                question("tell", Kind::Multiple, 4),
                question("meet", Kind::TrueFalse, 2),
                question("post", Kind::Post, 2),
            ],
        }
    }

    fn answers() -> Answers {
        Answers(
            [("address", vec![2]), ("tell", vec![3, 0]), ("post", vec![1])]
                .into_iter()
                .map(|(id, picked)| (id.to_owned(), picked))
                .collect(),
        )
    }

    #[test]
    fn the_canonical_string_is_as_documented() {
        let text = canonical_string("chestnuts", &quiz(), 4242, "2026-03-14", "  Amy  Rose ", &answers()).expect("ok");
        assert_eq!(
            text,
            "postwise-quiz-certificate:1\nschool:chestnuts\nquiz:be-smart-online-7-11\nversion:3\nseed:4242\n\
             date:2026-03-14\nname:amy rose\nanswers:address=2;tell=0,3;meet=;post=1\n"
        );
    }

    #[test]
    fn the_code_is_eight_crockford_digits_of_the_sha256() {
        let code = code("chestnuts", &quiz(), 4242, "2026-03-14", "Amy Rose", &answers()).expect("ok");
        // SHA-256 of the canonical string above, first five bytes, in base 32.
        let digest = Sha256::digest(
            canonical_string("chestnuts", &quiz(), 4242, "2026-03-14", "Amy Rose", &answers()).expect("ok").as_bytes(),
        );
        let first = u64::from(digest[0]) >> 3;
        assert_eq!(code.len(), 9);
        assert_eq!(code.as_bytes()[4], b'-');
        assert_eq!(code.as_bytes()[0], CROCKFORD[first as usize]);
        assert!(code.chars().filter(|&c| c != '-').all(|c| CROCKFORD.contains(&(c as u8))), "{code}");
    }

    #[test]
    fn a_fixed_certificate_keeps_its_code_for_ever() {
        let code = code("chestnuts", &quiz(), 4242, "2026-03-14", "Amy Rose", &answers()).expect("ok");
        // Worked out with Python's hashlib from the canonical string in the test above.
        assert_eq!(code, "YKRN-HNJF");
    }

    #[test]
    fn every_field_changes_the_code_but_the_names_case_and_spacing_do_not() {
        let quiz = quiz();
        let base = code("chestnuts", &quiz, 4242, "2026-03-14", "Amy", &answers()).expect("ok");
        assert_eq!(base, code("chestnuts", &quiz, 4242, "2026-03-14", "  aMY ", &answers()).expect("ok"));
        let mut other_answers = answers();
        other_answers.0.insert("meet".to_owned(), vec![0]);
        let mut newer = quiz.clone();
        newer.version = 4;
        for changed in [
            code("cotton-end", &quiz, 4242, "2026-03-14", "Amy", &answers()),
            code("chestnuts", &newer, 4242, "2026-03-14", "Amy", &answers()),
            code("chestnuts", &quiz, 4243, "2026-03-14", "Amy", &answers()),
            code("chestnuts", &quiz, 4242, "2026-03-15", "Amy", &answers()),
            code("chestnuts", &quiz, 4242, "2026-03-14", "Ami", &answers()),
            code("chestnuts", &quiz, 4242, "2026-03-14", "Amy", &other_answers),
        ] {
            assert_ne!(changed.expect("ok"), base);
        }
    }

    #[test]
    fn bad_names_dates_and_answers_are_refused() {
        let quiz = quiz();
        assert_eq!(code("s", &quiz, 1, "2026-03-14", "   ", &answers()), Err(CertificateError::Name));
        assert_eq!(code("s", &quiz, 1, "2026-03-14", &"a".repeat(41), &answers()), Err(CertificateError::Name));
        for date in ["14/03/2026", "2026-13-01", "2026-03-00", "2026-3-14", "2026-03-14x"] {
            assert_eq!(code("s", &quiz, 1, date, "Amy", &answers()), Err(CertificateError::Date), "{date}");
        }
        let mut bad = answers();
        bad.0.insert("address".to_owned(), vec![0, 1]);
        assert!(matches!(code("s", &quiz, 1, "2026-03-14", "Amy", &bad), Err(CertificateError::Answer(_))));
    }

    #[test]
    fn typed_codes_compare_without_case_hyphens_or_look_alike_letters() {
        assert!(same_code("AB1O-2CDE", "ab10 2cde"));
        assert!(same_code("1111-0000", "iLlI-oOoO"));
        assert!(!same_code("AB10-2CDE", "AB10-2CDF"));
    }

    #[test]
    fn the_answer_record_reads_back_to_the_same_answers_for_any_seed() {
        let quiz = quiz();
        for seed in 0..200 {
            let order = Order::new(&quiz, seed);
            let record = answer_record(&quiz, &order, &answers()).expect("ok");
            assert_eq!(record.split(' ').count(), 4, "{record}");
            let back = read_answer_record(&quiz, &order, &record.to_lowercase()).expect("reads");
            assert_eq!(back, answers().validated(&quiz).expect("valid"), "seed {seed}: {record}");
        }
    }

    #[test]
    fn the_answer_record_uses_the_letters_shown() {
        let quiz = quiz();
        let order = Order {
            questions: vec![3, 2, 1, 0],
            choices: vec![vec![3, 2, 1, 0], vec![0, 1, 2, 3], vec![0, 1], vec![0, 1]],
        };
        assert_eq!(answer_record(&quiz, &order, &answers()).expect("ok"), "B - AD B");
    }

    #[test]
    fn a_bad_answer_record_says_what_is_wrong() {
        let quiz = quiz();
        let order = Order::new(&quiz, 7);
        let short = read_answer_record(&quiz, &order, "A B").expect_err("too short");
        assert!(short.to_string().contains("has 2 answers, but the quiz has 4 questions"), "{short}");
        let unknown = read_answer_record(&quiz, &order, "A A A Z").expect_err("no Z");
        assert!(unknown.to_string().contains("`Z` for question 4"), "{unknown}");
        let two = read_answer_record(&quiz, &order, "AB AB AB AB").expect_err("one-answer questions");
        assert!(matches!(two, CertificateError::Answer(AnswerError::NotOne(_))), "{two}");
    }
}
