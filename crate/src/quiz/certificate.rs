//! The certificate's code and answer record: what lets a teacher tell a real certificate from
//! an edited one.
//!
//! A certificate shows the pupil's first name, the quiz, the date, the seed, the score, an
//! **answer record** (the letters picked, question by question, as they were shown: with the
//! seed, it says exactly which answers were given) and a **code**, a digest of all of them
//! ([`canonical_string`]). The "check a certificate" form takes what is printed and works the
//! code out again: a changed name, date, seed, score or answer gives another code.
//!
//! The code is not a signature (the quiz runs in the browser, with no secret): it catches a
//! certificate edited by hand, not a pupil who reruns the quiz's code.

use super::key::QuizKey;
use super::model::AnswerError;
use super::score::{self, Answers};
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
    /// The answer record does not have one group per question, of letters or `-`.
    #[error("the answers must be {0} groups of letters (or -), separated by spaces")]
    Record(usize),
    /// The score is more than the quiz's questions.
    #[error("the score must be between 0 and {0}")]
    Score(usize),
    /// An answer does not fit its question.
    #[error(transparent)]
    Answer(#[from] AnswerError),
}

/// What a certificate prints (besides the name, date, seed and the quiz's name and version).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certificate {
    /// The check code, `XXXX-XXXX`.
    pub code: String,
    /// The answer record ([`answer_record`]).
    pub record: String,
    /// Questions answered right.
    pub correct: usize,
    /// Questions in the quiz.
    pub total: usize,
}

/// What a teacher types from a certificate into the check form (besides the seed).
#[derive(Clone, Copy, Debug)]
pub struct Printed<'a> {
    /// The first name.
    pub name: &'a str,
    /// The date, `YYYY-MM-DD`.
    pub date: &'a str,
    /// The score: questions answered right.
    pub correct: usize,
    /// The answer record.
    pub record: &'a str,
    /// The code.
    pub code: &'a str,
}

/// A first name as the code covers it: folded as the checker folds a draft (lowercase, without
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

/// `date` if it is a calendar-shaped `YYYY-MM-DD` (month 01–12, day 01–31).
pub fn canonical_date(date: &str) -> Result<&str, CertificateError> {
    let date = date.trim();
    let b = date.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, &c)| if i == 4 || i == 7 { c == b'-' } else { c.is_ascii_digit() });
    // Two digits compare as text: "01" ≤ month ≤ "12", "01" ≤ day ≤ "31".
    if shaped && (&b"01"[..]..=&b"12"[..]).contains(&&b[5..7]) && (&b"01"[..]..=&b"31"[..]).contains(&&b[8..10]) {
        Ok(date)
    } else {
        Err(CertificateError::Date)
    }
}

/// An answer record as typed, made canonical: its groups in upper case, separated by one
/// space; one group per question, each `-` or letters.
pub fn canonical_record(record: &str, questions: usize) -> Result<String, CertificateError> {
    let mut canonical = String::with_capacity(record.len());
    let mut groups = 0;
    for group in record.split_whitespace() {
        if group != "-" && !group.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(CertificateError::Record(questions));
        }
        if groups > 0 {
            canonical.push(' ');
        }
        for byte in group.bytes() {
            canonical.push(char::from(byte.to_ascii_uppercase()));
        }
        groups += 1;
    }
    if groups != questions {
        return Err(CertificateError::Record(questions));
    }
    Ok(canonical)
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
/// name:<the first name, as canonical_name gives it>
/// score:<questions answered right>/<questions in the quiz>
/// answers:<the answer record, as canonical_record gives it>
/// ```
///
/// The answer record is the letters picked as they were shown ([`answer_record`]); with the
/// seed, which fixes the order, it stands for exactly the answers given. Ids, numbers, the date
/// and the record cannot hold a line feed, and the name's spaces are collapsed, so no field can
/// pass for another.
pub fn canonical_string(
    school: &str,
    quiz: &QuizKey,
    seed: u32,
    printed: &Printed<'_>,
) -> Result<String, CertificateError> {
    let name = canonical_name(printed.name)?;
    let date = canonical_date(printed.date)?;
    let total = quiz.questions.len();
    if printed.correct > total {
        return Err(CertificateError::Score(total));
    }
    let record = canonical_record(printed.record, total)?;
    let mut text = String::new();
    // Writing to a String cannot fail.
    let _ = write!(
        text,
        "postwise-quiz-certificate:1\nschool:{school}\nquiz:{}\nversion:{}\nseed:{seed}\ndate:{date}\nname:{name}\n\
         score:{}/{total}\nanswers:{record}\n",
        quiz.id, quiz.version, printed.correct
    );
    Ok(text)
}

/// A code: the first 40 bits of the SHA-256 of [`canonical_string`], as eight Crockford base 32
/// digits, most significant first, written `XXXX-XXXX`.
pub fn code(school: &str, quiz: &QuizKey, seed: u32, printed: &Printed<'_>) -> Result<String, CertificateError> {
    let digest = Sha256::digest(canonical_string(school, quiz, seed, printed)?.as_bytes());
    let mut bits = 0u64;
    for &byte in &digest[..5] {
        bits = (bits << 8) | u64::from(byte);
    }
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

/// The certificate for `name` on `date` with `answers` to `quiz` (its "would you post this?"
/// answers set), shown in `seed`'s order.
pub fn make(
    school: &str,
    quiz: &QuizKey,
    seed: u32,
    name: &str,
    date: &str,
    answers: &Answers,
) -> Result<Certificate, CertificateError> {
    let score = score::score(quiz, answers)?;
    let record = answer_record(quiz, &Order::new(quiz, seed), answers)?;
    let printed = Printed { name, date, correct: score.correct, record: &record, code: "" };
    let code = code(school, quiz, seed, &printed)?;
    Ok(Certificate { code, record, correct: score.correct, total: score.total })
}

/// Whether a certificate as printed is genuine: its code is the one its name, date, seed,
/// score and answers give (compared as [`same_code`] does).
pub fn check(school: &str, quiz: &QuizKey, seed: u32, printed: &Printed<'_>) -> Result<bool, CertificateError> {
    Ok(same_code(&code(school, quiz, seed, printed)?, printed.code))
}

/// A code as typed, made comparable: upper case, without spaces, tabs or hyphens, with the
/// letters Crockford reads as digits (O as 0, I and L as 1) turned into them.
pub fn normalise_code(typed: &str) -> String {
    let mut code = String::with_capacity(typed.len());
    for byte in typed.bytes() {
        code.push(match byte.to_ascii_uppercase() {
            b'-' | b' ' | b'\t' => continue,
            b'O' => '0',
            b'I' | b'L' => '1',
            // Anything else stays as it is (a byte of a non-ASCII letter never matches a code).
            other => char::from(other),
        });
    }
    code
}

/// Whether two codes are the same once normalised ([`normalise_code`]).
pub fn same_code(a: &str, b: &str) -> bool {
    normalise_code(a) == normalise_code(b)
}

/// The answer record printed on a certificate: one group per question in the order shown,
/// separated by spaces; each group the letters of the picked choices as they were shown (A for
/// the first choice on screen), in alphabetical order, or `-` when not answered. For example
/// `B A AC - D`.
pub fn answer_record(quiz: &QuizKey, order: &Order, answers: &Answers) -> Result<String, CertificateError> {
    let answers = answers.validated(quiz)?;
    let mut record = String::new();
    for &index in &order.questions {
        if !record.is_empty() {
            record.push(' ');
        }
        let picked = answers.picked(index);
        let shown = order.choices.get(index).map(Vec::as_slice).unwrap_or_default();
        let before = record.len();
        for (at, choice) in shown.iter().enumerate() {
            if picked.contains(choice) {
                record.push(letter(at));
            }
        }
        if record.len() == before {
            record.push('-');
        }
    }
    Ok(record)
}

fn letter(position: usize) -> char {
    char::from(b'A' + u8::try_from(position % 26).unwrap_or(0))
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

    /// address: the first choice (right); tell: the fourth and first; meet: not answered;
    /// post: "No".
    fn answers() -> Answers {
        Answers(vec![vec![0], vec![3, 0], vec![], vec![1]])
    }

    fn printed<'a>(record: &'a str, code: &'a str) -> Printed<'a> {
        Printed { name: "  Amy  Rose ", date: "2026-03-14", correct: 1, record, code }
    }

    #[test]
    fn the_canonical_string_is_as_documented() {
        let text = canonical_string("chestnuts", &quiz(), 4242, &printed(" b  ac - A ", "")).expect("ok");
        assert_eq!(
            text,
            "postwise-quiz-certificate:1\nschool:chestnuts\nquiz:be-smart-online-7-11\nversion:3\nseed:4242\n\
             date:2026-03-14\nname:amy rose\nscore:1/4\nanswers:B AC - A\n"
        );
    }

    #[test]
    fn a_fixed_certificate_keeps_its_code_for_ever() {
        // Worked out with Python's hashlib and a hand-written base 32 from the canonical string
        // of the test above.
        assert_eq!(code("chestnuts", &quiz(), 4242, &printed("B AC - A", "")).expect("ok"), "NH39-8NFE");
    }

    #[test]
    fn a_certificate_prints_its_record_score_and_a_code_that_checks_out() {
        let quiz = quiz();
        let made = make("chestnuts", &quiz, 4242, "Amy Rose", "2026-03-14", &answers()).expect("makes");
        assert_eq!((made.correct, made.total), (1, 4));
        assert_eq!(made.record, answer_record(&quiz, &Order::new(&quiz, 4242), &answers()).expect("ok"));
        let as_printed = Printed { correct: made.correct, ..printed(&made.record, &made.code) };
        assert!(check("chestnuts", &quiz, 4242, &as_printed).expect("checks"));
        let typed_loosely = made.code.to_lowercase().replace('-', " ");
        assert!(check("chestnuts", &quiz, 4242, &Printed { code: &typed_loosely, ..as_printed }).expect("checks"));
    }

    #[test]
    fn anything_changed_on_a_certificate_changes_its_code() {
        let quiz = quiz();
        let made = make("chestnuts", &quiz, 4242, "Amy Rose", "2026-03-14", &answers()).expect("makes");
        let genuine = Printed { correct: made.correct, ..printed(&made.record, &made.code) };
        let other_record = made.record.replacen('-', "A", 1);
        for changed in [
            Printed { name: "Amy Ross", ..genuine },
            Printed { date: "2026-03-15", ..genuine },
            Printed { correct: 4, ..genuine },
            Printed { record: &other_record, ..genuine },
            Printed { code: "0000-0000", ..genuine },
        ] {
            assert!(!check("chestnuts", &quiz, 4242, &changed).expect("checks"), "{changed:?}");
        }
        assert!(!check("chestnuts", &quiz, 4243, &genuine).expect("checks"), "another seed");
        assert!(!check("cotton-end", &quiz, 4242, &genuine).expect("checks"), "another school");
        let mut newer = quiz.clone();
        newer.version = 4;
        assert!(!check("chestnuts", &newer, 4242, &genuine).expect("checks"), "another version");
    }

    #[test]
    fn names_are_folded_like_drafts() {
        assert_eq!(canonical_name("  Zoë   Ann ").expect("ok"), "zoe ann");
        assert_eq!(canonical_name("ＡＭＹ").expect("fullwidth"), "amy");
        assert_eq!(canonical_name("\u{200B}").expect_err("invisible only"), CertificateError::Name);
        assert_eq!(canonical_name("a\u{7}b").expect_err("a control character"), CertificateError::Name);
        assert_eq!(canonical_name(&"a".repeat(41)).expect_err("too long"), CertificateError::Name);
    }

    #[test]
    fn bad_dates_scores_records_and_answers_are_refused() {
        let quiz = quiz();
        for date in ["14/03/2026", "2026-13-01", "2026-03-00", "2026-3-14", "2026-03-14x"] {
            let typed = Printed { date, ..printed("A A A A", "") };
            assert_eq!(code("s", &quiz, 1, &typed), Err(CertificateError::Date), "{date}");
        }
        assert_eq!(
            code("s", &quiz, 1, &Printed { correct: 5, ..printed("A A A A", "") }),
            Err(CertificateError::Score(4))
        );
        for record in ["A B", "A B C D E", "A B2 C D", "A B C ?"] {
            assert_eq!(code("s", &quiz, 1, &printed(record, "")), Err(CertificateError::Record(4)), "{record}");
        }
        let mut bad = answers();
        bad.0[0] = vec![0, 1];
        assert!(matches!(make("s", &quiz, 1, "Amy", "2026-03-14", &bad), Err(CertificateError::Answer(_))));
    }

    #[test]
    fn typed_codes_compare_without_case_hyphens_or_look_alike_letters() {
        assert!(same_code("AB1O-2CDE", "ab10 2cde"));
        assert!(same_code("1111-0000", "iLlI-oOoO"));
        assert!(!same_code("AB10-2CDE", "AB10-2CDF"));
    }

    #[test]
    fn the_answer_record_uses_the_letters_shown() {
        let quiz = quiz();
        let order = Order {
            questions: vec![3, 2, 1, 0],
            choices: vec![vec![3, 2, 1, 0], vec![0, 1, 2, 3], vec![0, 1], vec![0, 1]],
        };
        assert_eq!(answer_record(&quiz, &order, &answers()).expect("ok"), "B - AD D");
    }

    #[test]
    fn every_seed_gives_a_record_with_one_group_per_question() {
        let quiz = quiz();
        for seed in 0..200 {
            let record = answer_record(&quiz, &Order::new(&quiz, seed), &answers()).expect("ok");
            assert_eq!(canonical_record(&record, 4).expect("canonical"), record, "seed {seed}");
            let mut groups: Vec<&str> = record.split(' ').collect();
            groups.sort_unstable();
            assert_eq!(groups.len(), 4);
            assert!(groups.contains(&"-") && groups.iter().any(|g| g.len() == 2), "seed {seed}: {record}");
        }
    }
}
