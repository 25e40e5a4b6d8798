//! The word lists in `crate/lexicons/`, compiled into the checker and parsed once on first use.
//!
//! Every list is a text file with a `#` header naming its source and licence. Lists are
//! checked by tests (`tests` below): sorted, lowercase, folded, no duplicates, so a bad edit
//! fails the build's tests rather than the checker.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// The lines of a list file that are entries: not blank, not `#` comments.
pub fn entries(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().map(str::trim_end).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A named section of a file of `## name` headed word lists.
pub fn sections(text: &'static str) -> HashMap<&'static str, Vec<&'static str>> {
    let mut out: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut current = "";
    for line in text.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix("## ") {
            current = name.trim();
            out.entry(current).or_default();
        } else if !line.is_empty() && !line.starts_with('#') {
            out.entry(current).or_default().push(line);
        }
    }
    out
}

const CONFUSABLES: &str = include_str!("../lexicons/confusables.tsv");
const FIRST_NAMES: &str = include_str!("../lexicons/first-names.txt");
const SURNAMES: &str = include_str!("../lexicons/surnames.txt");
const OFFENSIVE: &str = include_str!("../lexicons/offensive.tsv");
const ALLOWED: &str = include_str!("../lexicons/allowed.txt");
const CLASSES: &str = include_str!("../lexicons/classes.txt");

static CONFUSABLE_MAP: LazyLock<HashMap<char, char>> = LazyLock::new(|| {
    entries(CONFUSABLES)
        .filter_map(|line| {
            let (from, to) = line.split_once('\t')?;
            let mut from = from.chars();
            let (f, None) = (from.next()?, from.next()) else {
                return None;
            };
            Some((f, to.chars().next()?))
        })
        .collect()
});

/// The ASCII letter or digit that `c` is made to look like, if it is a known look-alike.
pub fn confusable(c: char) -> Option<char> {
    if c.is_ascii() { None } else { CONFUSABLE_MAP.get(&c).copied() }
}

/// What the name lists say of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameEntry {
    /// The name is also a common English word ("Will", "Grace", "Brown").
    pub common_word: bool,
}

fn name_list(text: &'static str) -> HashMap<&'static str, NameEntry> {
    entries(text)
        .map(|line| match line.split_once('\t') {
            Some((name, flags)) => (name, NameEntry { common_word: flags.contains('w') }),
            None => (line, NameEntry { common_word: false }),
        })
        .collect()
}

static FIRST_NAME_MAP: LazyLock<HashMap<&'static str, NameEntry>> = LazyLock::new(|| name_list(FIRST_NAMES));
static SURNAME_MAP: LazyLock<HashMap<&'static str, NameEntry>> = LazyLock::new(|| name_list(SURNAMES));

/// `word` (folded) as a first name.
pub fn first_name(word: &str) -> Option<NameEntry> {
    FIRST_NAME_MAP.get(word).copied()
}

/// `word` (folded) as a surname.
pub fn surname(word: &str) -> Option<NameEntry> {
    SURNAME_MAP.get(word).copied()
}

/// What kind of offence a term gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OffenceKind {
    /// Swearing.
    Swear,
    /// Sexual or crude.
    Sexual,
    /// A crude word for a person.
    Insult,
    /// A slur against a protected characteristic (or, in the UK, class and Travellers).
    Slur,
}

/// How a term matches a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TermMatch {
    /// The word itself or its plural.
    Word,
    /// The word followed by a common suffix ("fucking", "shithead").
    Stem,
}

/// One offensive term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    /// The term as listed: `fuck`, `son of a bitch`.
    pub term: &'static str,
    /// 1 mild, 2 moderate, 3 strong.
    pub severity: u8,
    /// What kind of offence.
    pub kind: OffenceKind,
    /// How it matches.
    pub matching: TermMatch,
}

/// The offensive-terms list.
pub struct OffensiveTerms {
    /// Single-word terms by word.
    pub words: HashMap<&'static str, Term>,
    /// Multi-word terms, by their first word.
    pub phrases: HashMap<&'static str, Vec<(Vec<&'static str>, Term)>>,
    /// Stems, for matching inflected and compound forms.
    pub stems: Vec<Term>,
}

static OFFENSIVE_TERMS: LazyLock<OffensiveTerms> = LazyLock::new(|| {
    let mut terms = OffensiveTerms { words: HashMap::new(), phrases: HashMap::new(), stems: Vec::new() };
    for line in entries(OFFENSIVE) {
        let mut fields = line.split('\t');
        let (Some(term), Some(severity), Some(kind), Some(matching)) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let kind = match kind {
            "swear" => OffenceKind::Swear,
            "sexual" => OffenceKind::Sexual,
            "insult" => OffenceKind::Insult,
            k if k.starts_with("slur") => OffenceKind::Slur,
            _ => continue,
        };
        let matching = if matching == "stem" { TermMatch::Stem } else { TermMatch::Word };
        let term = Term { term, severity: severity.parse().unwrap_or(1), kind, matching };
        let words: Vec<&str> = term.term.split(' ').collect();
        if let [first, _, ..] = words.as_slice() {
            terms.phrases.entry(first).or_default().push((words.clone(), term));
        } else {
            terms.words.insert(term.term, term);
            if matching == TermMatch::Stem {
                terms.stems.push(term);
            }
        }
    }
    // Longest stems first, so "motherfuck" wins over "fuck".
    terms.stems.sort_by_key(|t| std::cmp::Reverse(t.term.len()));
    terms
});

/// The offensive-terms list.
pub fn offensive() -> &'static OffensiveTerms {
    &OFFENSIVE_TERMS
}

static ALLOWED_PHRASES: LazyLock<HashMap<&'static str, Vec<Vec<&'static str>>>> = LazyLock::new(|| {
    let mut map: HashMap<&str, Vec<Vec<&str>>> = HashMap::new();
    for line in entries(ALLOWED) {
        let words: Vec<&str> = line.split(' ').collect();
        if let Some(first) = words.first() {
            map.entry(first).or_default().push(words);
        }
    }
    map
});

/// Innocent phrases that contain an offensive word ("great tits", "dick whittington"),
/// by their first word.
pub fn allowed_phrases() -> &'static HashMap<&'static str, Vec<Vec<&'static str>>> {
    &ALLOWED_PHRASES
}

static WORD_CLASSES: LazyLock<HashMap<&'static str, HashSet<&'static str>>> =
    LazyLock::new(|| sections(CLASSES).into_iter().map(|(name, words)| (name, words.into_iter().collect())).collect());

/// The word classes in `lexicons/classes.txt` (`weekday`, `title`, `party` …).
pub fn word_class(name: &str) -> Option<&'static HashSet<&'static str>> {
    WORD_CLASSES.get(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_sorted_folded(name: &str, text: &'static str) {
        let mut problems = Vec::new();
        let mut previous = "";
        for line in entries(text) {
            let key = line.split('\t').next().unwrap_or(line);
            if key != key.to_lowercase() || !key.is_ascii() {
                problems.push(format!("{name}: `{key}` is not lowercase ASCII"));
            }
            if key <= previous {
                problems.push(format!("{name}: `{key}` is out of order or repeated after `{previous}`"));
            }
            previous = key;
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn lists_have_a_source_header() {
        for (name, text) in [
            ("confusables.tsv", CONFUSABLES),
            ("first-names.txt", FIRST_NAMES),
            ("surnames.txt", SURNAMES),
            ("offensive.tsv", OFFENSIVE),
            ("allowed.txt", ALLOWED),
            ("classes.txt", CLASSES),
        ] {
            let header: String =
                text.lines().take_while(|l| l.starts_with('#')).collect::<Vec<_>>().join("\n").to_lowercase();
            assert!(header.contains("source") && header.contains("licen"), "{name} must name its source and licence");
        }
    }

    #[test]
    fn name_lists_are_sorted_and_folded() {
        check_sorted_folded("first-names.txt", FIRST_NAMES);
        check_sorted_folded("surnames.txt", SURNAMES);
        assert!(first_name("sienna").is_some() && first_name("mohammed").is_some());
        assert!(surname("patel").is_some() && surname("okafor").is_some());
        assert_eq!(first_name("grace").map(|n| n.common_word), Some(true));
    }

    #[test]
    fn offensive_terms_parse() {
        let parsed = offensive();
        let rows = entries(OFFENSIVE).count();
        let kept = parsed.words.len() + parsed.phrases.values().map(Vec::len).sum::<usize>();
        assert_eq!(rows, kept, "every row of offensive.tsv must parse (term, severity 1-3, kind, word|stem)");
        assert!(parsed.words.get("fuck").is_some_and(|t| t.severity == 3));
    }

    #[test]
    fn confusables_fold_to_ascii() {
        assert_eq!(confusable('\u{0430}'), Some('a'));
        assert_eq!(confusable('\u{03BF}'), Some('o'));
        assert!(CONFUSABLE_MAP.values().all(|c| c.is_ascii_alphanumeric()));
    }
}
