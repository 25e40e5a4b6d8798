//! The word lists in `crate/lexicons/`, compiled into the checker and parsed once on first use.
//!
//! Every list is a text file with a `#` header naming its source and licence. Lists are
//! checked by tests (`tests` below): sorted, lowercase, folded, no duplicates, so a bad edit
//! fails the build's tests rather than the checker.

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// The lines of a list file that are entries: not blank, not `#` comments.
pub fn entries(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().map(str::trim_end).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A named section of a file of `## name` headed word lists.
pub fn sections(text: &'static str) -> FxHashMap<&'static str, Vec<&'static str>> {
    let mut out: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
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

const FOLD: &str = include_str!("../lexicons/fold.tsv");
// The name lists as build.rs front-codes them (read with `front_decoded`).
const FIRST_NAMES: &str = include_str!(concat!(env!("OUT_DIR"), "/first-names.txt"));
const SURNAMES: &str = include_str!(concat!(env!("OUT_DIR"), "/surnames.txt"));
const OFFENSIVE: &str = include_str!("../lexicons/offensive.tsv");
const ALLOWED: &str = include_str!("../lexicons/allowed.txt");
const CLASSES: &str = include_str!("../lexicons/classes.txt");
const PUBLIC_NAMES: &str = include_str!("../lexicons/public-names.txt");

/// Every word list compiled into the checker, by file name (for size reports), the name lists
/// as front-coded.
pub const FILES: [(&str, &str); 7] = [
    ("first-names.txt", FIRST_NAMES),
    ("surnames.txt", SURNAMES),
    ("offensive.tsv", OFFENSIVE),
    ("allowed.txt", ALLOWED),
    ("fold.tsv", FOLD),
    ("classes.txt", CLASSES),
    ("public-names.txt", PUBLIC_NAMES),
];

/// Names of public figures and story characters (`lexicons/public-names.txt`).
pub fn public_names() -> impl Iterator<Item = &'static str> {
    entries(PUBLIC_NAMES)
}

/// The folding table of `lexicons/fold.tsv`: what each character folds to, and the ranges of
/// combining marks.
struct FoldTable {
    to_ascii: FxHashMap<char, &'static str>,
    marks: Vec<(u32, u32)>,
}

static FOLD_TABLE: LazyLock<FoldTable> = LazyLock::new(|| {
    let mut table = FoldTable { to_ascii: FxHashMap::default(), marks: Vec::new() };
    let mut in_marks = false;
    for line in FOLD.lines() {
        if line == "## marks" {
            in_marks = true;
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((from, to)) = line.split_once('\t') else { continue };
        if in_marks {
            if let (Ok(first), Ok(last)) = (u32::from_str_radix(from, 16), u32::from_str_radix(to, 16)) {
                table.marks.push((first, last));
            }
        } else if let Some(c) = from.chars().next().filter(|_| from.chars().count() == 1) {
            table.to_ascii.insert(c, to);
        }
    }
    table
});

/// The ASCII a non-ASCII character folds to (lowercase): its compatibility decomposition
/// without accents (`ｆ`, `𝐟`, `é`, `ﬁ`), or the letter it is made to look like (Cyrillic `а`).
pub fn fold_char(c: char) -> Option<&'static str> {
    if c.is_ascii() { None } else { FOLD_TABLE.to_ascii.get(&c).copied() }
}

/// Whether `c` is a combining mark (an accent or overlay that sits on the character before).
pub fn is_mark(c: char) -> bool {
    let c = c as u32;
    if c < 0x300 {
        return false;
    }
    let marks = &FOLD_TABLE.marks;
    let i = marks.partition_point(|&(_, last)| last < c);
    marks.get(i).is_some_and(|&(first, _)| first <= c)
}

/// What the name lists say of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameEntry {
    /// The name is also a common English word ("Will", "Grace", "Brown").
    pub common_word: bool,
}

/// The entries of a list front-coded by build.rs: each line is how many leading bytes it shares
/// with the entry before (one digit), then the rest.
fn front_decoded(text: &'static str) -> impl Iterator<Item = String> {
    let mut previous = String::new();
    text.lines().filter_map(move |line| {
        let shared = usize::from(line.as_bytes().first()?.checked_sub(b'0')?);
        previous.truncate(shared.min(previous.len()));
        previous.push_str(line.get(1..)?);
        Some(previous.clone())
    })
}

fn name_list(coded: &'static str) -> impl Iterator<Item = (Box<str>, NameEntry)> {
    front_decoded(coded).map(|line| match line.split_once('\t') {
        Some((name, flags)) => (name.into(), NameEntry { common_word: flags.contains('w') }),
        None => (line.into_boxed_str(), NameEntry { common_word: false }),
    })
}

/// What the word lists say of one word: its classes and whether it is a name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordInfo {
    /// The classes of `classes.txt` it is in, one bit each.
    pub classes: u64,
    /// As a first name.
    pub first_name: Option<NameEntry>,
    /// As a surname.
    pub surname: Option<NameEntry>,
}

/// Every word of the name lists and `classes.txt`, so that a token needs one lookup.
static WORDS: LazyLock<FxHashMap<Box<str>, WordInfo>> = LazyLock::new(|| {
    let mut words: FxHashMap<Box<str>, WordInfo> = FxHashMap::default();
    for (name, entry) in name_list(FIRST_NAMES) {
        words.entry(name).or_default().first_name = Some(entry);
    }
    for (name, entry) in name_list(SURNAMES) {
        words.entry(name).or_default().surname = Some(entry);
    }
    for (word, mask) in &CLASS_INDEX.masks {
        words.entry((*word).into()).or_default().classes = *mask;
    }
    words
});

/// What the word lists say of `word` (folded).
pub fn word_info(word: &str) -> WordInfo {
    WORDS.get(word).copied().unwrap_or_default()
}

/// `word` (folded) as a first name.
pub fn first_name(word: &str) -> Option<NameEntry> {
    word_info(word).first_name
}

/// `word` (folded) as a surname.
pub fn surname(word: &str) -> Option<NameEntry> {
    word_info(word).surname
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
    /// Single-word terms by word, and by their spellings with look-alike letters of the
    /// alphabet ("fvck", "phuck").
    pub words: FxHashMap<Box<str>, Term>,
    /// Multi-word terms, by their first word.
    pub phrases: FxHashMap<&'static str, Vec<(Vec<&'static str>, Term)>>,
    /// Stems, for matching inflected and compound forms.
    pub stems: Vec<Term>,
    /// The stems by their text and look-alike spellings.
    pub stem_map: FxHashMap<Box<str>, Term>,
    /// The first three bytes of every single-word spelling: a word starting otherwise is no
    /// term, plural or inflection, which rules out most words with one lookup.
    pub starts: rustc_hash::FxHashSet<[u8; 3]>,
    /// The same for the stems alone.
    pub stem_starts: rustc_hash::FxHashSet<[u8; 3]>,
}

/// The first three bytes of `word`, if it has three.
pub fn first_three(word: &str) -> Option<[u8; 3]> {
    word.as_bytes().get(..3).and_then(|b| b.try_into().ok())
}

/// A term's spellings with letters swapped for look-alikes of the alphabet: u as v, f as ph.
fn alphabet_lookalikes(term: &str) -> Vec<String> {
    let mut spellings = vec![term.to_owned()];
    if term.contains('u') {
        spellings.push(term.replace('u', "v"));
    }
    if term.contains('f') {
        spellings.extend(spellings.clone().iter().map(|s| s.replace('f', "ph")));
    }
    spellings
}

static OFFENSIVE_TERMS: LazyLock<OffensiveTerms> = LazyLock::new(|| {
    let mut terms = OffensiveTerms {
        words: FxHashMap::default(),
        phrases: FxHashMap::default(),
        stems: Vec::new(),
        stem_map: FxHashMap::default(),
        starts: Default::default(),
        stem_starts: Default::default(),
    };
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
            terms.words.insert(term.term.into(), term);
            if matching == TermMatch::Stem {
                terms.stems.push(term);
                terms.stem_map.insert(term.term.into(), term);
            }
        }
    }
    // Then the look-alike spellings, which never replace a listed one.
    let listed: Vec<Term> = terms.words.values().copied().collect();
    for term in listed {
        for spelling in alphabet_lookalikes(term.term).into_iter().skip(1) {
            if term.matching == TermMatch::Stem {
                terms.stem_map.entry(spelling.clone().into()).or_insert(term);
            }
            terms.words.entry(spelling.into()).or_insert(term);
        }
    }
    terms.starts = terms.words.keys().filter_map(|w| first_three(w)).collect();
    terms.stem_starts = terms.stem_map.keys().filter_map(|w| first_three(w)).collect();
    terms
});

/// The offensive-terms list.
pub fn offensive() -> &'static OffensiveTerms {
    &OFFENSIVE_TERMS
}

static ALLOWED_PHRASES: LazyLock<FxHashMap<&'static str, Vec<Vec<&'static str>>>> = LazyLock::new(|| {
    let mut map: FxHashMap<&str, Vec<Vec<&str>>> = FxHashMap::default();
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
pub fn allowed_phrases() -> &'static FxHashMap<&'static str, Vec<Vec<&'static str>>> {
    &ALLOWED_PHRASES
}

/// The word classes of `lexicons/classes.txt`: their names in file order (a class's bit is its
/// index), and for each word the mask of the classes it is in.
struct ClassIndex {
    names: Vec<&'static str>,
    masks: FxHashMap<&'static str, u64>,
}

static CLASS_INDEX: LazyLock<ClassIndex> = LazyLock::new(|| {
    let mut index = ClassIndex { names: Vec::new(), masks: FxHashMap::default() };
    let mut current: Option<u32> = None;
    for line in CLASSES.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix("## ") {
            current = u32::try_from(index.names.len()).ok().filter(|&bit| bit < FIRST_VOCABULARY_BIT);
            index.names.push(name.trim());
        } else if let Some(bit) = current.filter(|_| !line.is_empty() && !line.starts_with('#')) {
            *index.masks.entry(line).or_default() |= 1 << bit;
        }
    }
    index
});

/// Bits from here up to the built-in classes' are the school vocabulary's own.
pub const FIRST_VOCABULARY_BIT: u32 = 52;

/// The bit of a class of `lexicons/classes.txt`, as in [`word_classes`].
pub fn class_bit(name: &str) -> Option<u32> {
    CLASS_INDEX
        .names
        .iter()
        .position(|n| *n == name)
        .and_then(|i| u32::try_from(i).ok())
        .filter(|&bit| bit < FIRST_VOCABULARY_BIT)
}

/// The classes of `lexicons/classes.txt` that `word` (folded) is in, one bit each.
pub fn word_classes(word: &str) -> u64 {
    word_info(word).classes
}

/// Whether `word` (folded) is in class `name` of `lexicons/classes.txt`.
pub fn in_class(name: &str, word: &str) -> bool {
    class_bit(name).is_some_and(|bit| word_classes(word) & (1 << bit) != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    // The name lists as written, which build.rs front-codes.
    const FIRST_NAMES_SOURCE: &str = include_str!("../lexicons/first-names.txt");
    const SURNAMES_SOURCE: &str = include_str!("../lexicons/surnames.txt");

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
            ("fold.tsv", FOLD),
            ("first-names.txt", FIRST_NAMES_SOURCE),
            ("surnames.txt", SURNAMES_SOURCE),
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
        check_sorted_folded("first-names.txt", FIRST_NAMES_SOURCE);
        check_sorted_folded("surnames.txt", SURNAMES_SOURCE);
        assert!(first_name("sienna").is_some() && first_name("mohammed").is_some());
        assert!(surname("patel").is_some() && surname("okafor").is_some());
        assert_eq!(first_name("grace").map(|n| n.common_word), Some(true));
    }

    #[test]
    fn the_front_coded_lists_read_back_as_written() {
        for (coded, source) in [(FIRST_NAMES, FIRST_NAMES_SOURCE), (SURNAMES, SURNAMES_SOURCE)] {
            let decoded: Vec<String> = front_decoded(coded).collect();
            let written: Vec<&str> = entries(source).collect();
            assert_eq!(decoded.len(), written.len());
            assert!(decoded.iter().zip(&written).all(|(a, b)| a == b));
        }
    }

    #[test]
    fn offensive_terms_parse() {
        let parsed = offensive();
        let rows = entries(OFFENSIVE).count();
        let kept = parsed
            .words
            .values()
            .filter(|t| !t.term.contains(' '))
            .map(|t| t.term)
            .collect::<std::collections::BTreeSet<_>>()
            .len()
            + parsed.phrases.values().map(Vec::len).sum::<usize>();
        assert_eq!(rows, kept, "every row of offensive.tsv must parse (term, severity 1-3, kind, word|stem)");
        assert!(parsed.words.get("fuck").is_some_and(|t| t.severity == 3));
        assert!(parsed.words.get("fvck").is_some_and(|t| t.term == "fuck"), "look-alike spelling");
    }

    #[test]
    fn classes_fit_in_their_bits() {
        assert!(CLASS_INDEX.names.len() <= FIRST_VOCABULARY_BIT as usize, "too many classes in classes.txt");
        assert!(in_class("title", "mrs") && in_class("weekday", "sunday") && !in_class("weekday", "mrs"));
        assert_eq!(class_bit("no-such-class"), None);
    }

    #[test]
    fn characters_fold_to_ascii() {
        assert_eq!(fold_char('\u{0430}'), Some("a"), "Cyrillic a");
        assert_eq!(fold_char('\u{03BF}'), Some("o"), "Greek omicron");
        assert_eq!(fold_char('ｆ'), Some("f"), "fullwidth");
        assert_eq!(fold_char('𝐟'), Some("f"), "mathematical bold");
        assert_eq!(fold_char('É'), Some("e"), "accented capital");
        assert_eq!(fold_char('ﬁ'), Some("fi"), "ligature");
        assert_eq!(fold_char('a'), None);
        assert!(FOLD_TABLE.to_ascii.values().all(|t| t.is_ascii() && *t == t.to_lowercase()));
        assert!(is_mark('\u{0301}') && is_mark('\u{0336}') && is_mark('\u{20D2}'));
        assert!(!is_mark('a') && !is_mark('é'));
    }
}
