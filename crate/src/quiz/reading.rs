//! How hard a quiz is to read: the Flesch–Kincaid grade level (Kincaid et al., 1975),
//!
//! ```text
//! grade = 0.39 × words / sentences + 11.8 × syllables / words − 15.59
//! ```
//!
//! a US school grade (grade 1 is for 6-year-olds, so a UK child's age is about the grade plus
//! 5 or 6). Syllables are counted by a heuristic, not a dictionary: vowel groups, less a silent
//! final `e` and the silent `-es`/`-ed` of most plurals and past tenses. It is within a
//! syllable for most everyday words, which is all a warning needs; `postwise lint` reports the
//! grade for every band of a pupils' quiz and warns when a band reads above its age.

/// Counts for a text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Sentences.
    pub sentences: usize,
    /// Words.
    pub words: usize,
    /// Syllables.
    pub syllables: usize,
}

impl Counts {
    /// The counts of several pieces of text (a prompt, each choice, the explanation …), each
    /// ending a sentence even without a full stop, as a choice or heading does.
    pub fn of<'a>(pieces: impl IntoIterator<Item = &'a str>) -> Counts {
        let mut counts = Counts::default();
        for piece in pieces {
            let words: Vec<&str> = words(piece).collect();
            if words.is_empty() {
                continue;
            }
            counts.words += words.len();
            counts.syllables += words.iter().map(|w| syllables(w)).sum::<usize>();
            counts.sentences += sentence_ends(piece).max(1);
        }
        counts
    }

    /// The Flesch–Kincaid grade, or `None` for a text with no words.
    pub fn grade(self) -> Option<f64> {
        if self.words == 0 || self.sentences == 0 {
            return None;
        }
        let (words, sentences, syllables) = (self.words as f64, self.sentences as f64, self.syllables as f64);
        Some(0.39 * words / sentences + 11.8 * syllables / words - 15.59)
    }
}

/// The words of `text`: runs of letters, digits and apostrophes with a letter or digit in them.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
}

/// Sentence ends in `text`: runs of `.`, `!` or `?` followed by a space or the end, not inside
/// a number ("1.5") or after a lone capital ("J. Smith").
fn sentence_ends(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut ends = 0;
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '.' | '!' | '?') {
            let start = i;
            while i < chars.len() && matches!(chars[i], '.' | '!' | '?' | '"' | '”' | '’' | ')') {
                i += 1;
            }
            let at_break = i == chars.len() || chars[i].is_whitespace();
            let initial = start >= 1
                && chars[start - 1].is_uppercase()
                && (start == 1 || !chars[start - 2].is_alphanumeric())
                && chars[start] == '.';
            if at_break && !initial {
                ends += 1;
            }
        } else {
            i += 1;
        }
    }
    ends
}

/// The syllables of one word, by heuristic (at least 1).
pub fn syllables(word: &str) -> usize {
    let word: String = word.chars().filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_lowercase()).collect();
    if word.is_empty() {
        return 1;
    }
    if word.len() <= 3 {
        return 1;
    }
    let bytes = word.as_bytes();
    let is_vowel = |b: u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let n = bytes.len();
    // The part that is spoken: without a silent final e ("safe", but not "little"), nor the
    // silent e of -es and -ed ("lives", "liked", but not "boxes", "wanted").
    let consonant_le = bytes[n - 2] == b'l' && !is_vowel(bytes[n - 3]);
    let silent_es = word.ends_with("es") && !matches!(bytes[n - 3], b's' | b'x' | b'z' | b'c' | b'g' | b'h' | b'i');
    let silent_ed = word.ends_with("ed") && !matches!(bytes[n - 3], b't' | b'd');
    let spoken = if bytes[n - 1] == b'e' && !consonant_le {
        &bytes[..n - 1]
    } else if silent_es || silent_ed {
        &bytes[..n - 2]
    } else {
        bytes
    };
    let mut groups = 0;
    let mut in_vowels = false;
    for (i, &b) in spoken.iter().enumerate() {
        // A y before a vowel is a consonant ("you", "yellow").
        let vowel =
            is_vowel(b) && !(b == b'y' && spoken.get(i + 1).is_some_and(|&next| is_vowel(next) && next != b'y'));
        if vowel && !in_vowels {
            groups += 1;
        }
        in_vowels = vowel;
    }
    groups.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_of_everyday_words() {
        let cases = [
            ("cat", 1),
            ("safe", 1),
            ("liked", 1),
            ("lives", 1),
            ("friend", 1),
            ("would", 1),
            ("there", 1),
            ("you", 1),
            ("yes", 1),
            ("table", 2),
            ("little", 2),
            ("people", 2),
            ("online", 2),
            ("password", 2),
            ("photos", 2),
            ("wanted", 2),
            ("boxes", 2),
            ("someone", 2),
            ("yellow", 2),
            ("pages", 2),
            ("passwords", 2),
            ("information", 4),
            ("personal", 3),
            ("Don't", 1),
        ];
        let wrong: Vec<String> = cases
            .iter()
            .filter(|(word, n)| syllables(word) != *n)
            .map(|(word, n)| format!("{word}: {} (want {n})", syllables(word)))
            .collect();
        assert!(wrong.is_empty(), "{wrong:?}");
    }

    #[test]
    fn sentences_end_at_stops_but_not_in_numbers_or_initials() {
        assert_eq!(sentence_ends("Stop. Think! Ask?"), 3);
        assert_eq!(sentence_ends("It costs 1.50 today."), 1);
        assert_eq!(sentence_ends("Ask J. Smith first."), 1);
        assert_eq!(sentence_ends("Wait... what?!"), 2);
        assert_eq!(sentence_ends("No stop"), 0);
    }

    #[test]
    fn a_childs_sentence_reads_at_a_low_grade_and_a_policy_sentence_at_a_high_one() {
        let easy = Counts::of(["Do not tell people online where you live.", "Tell a grown-up."]);
        assert_eq!(easy, Counts { sentences: 2, words: 12, syllables: 14 });
        let easy = easy.grade().expect("words");
        let hard = Counts::of([
            "Members of staff are encouraged not to identify themselves as employees of the school on their \
             personal social networking accounts, to safeguard the privacy of staff members.",
        ])
        .grade()
        .expect("words");
        assert!(easy < 2.0, "easy reads at grade {easy:.1}");
        assert!(hard > 12.0, "hard reads at grade {hard:.1}");
    }

    #[test]
    fn the_grade_follows_the_formula() {
        let counts = Counts { sentences: 2, words: 20, syllables: 30 };
        let grade = counts.grade().expect("words");
        assert!((grade - (0.39 * 10.0 + 11.8 * 1.5 - 15.59)).abs() < 1e-9);
        assert_eq!(Counts::of(["", "  ", "..."]).grade(), None);
    }
}
