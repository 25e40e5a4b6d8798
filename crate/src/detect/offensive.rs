//! # Offensive language
//!
//! **What it finds.** Swearing and crude words from `lexicons/offensive.tsv`, however they are
//! disguised: l33t and symbols (`sh1t`, `a$$holes`, `f*ck`), letters spaced or dotted apart
//! (`f u c k`, `s.h.i.t`), repeated letters (`fuuuck`), look-alike letters from other scripts,
//! fullwidth and mathematical letters, zero-width characters and combining marks (the last
//! four are undone by folding, `text::normalise`).
//!
//! **Why.** Official posts must use "appropriate and school-friendly language"; pupils are held
//! to the same standards online as in school.
//!
//! **How.** Whole words only, so `Scunthorpe`, `class` and `cocktail` are never touched: a word
//! matches a term exactly, as a plural, or (for terms marked `stem`) followed by a common
//! suffix (`fucking`, `shithead`). Phrases in `lexicons/allowed.txt` are never flagged (`great
//! tits` on a nature walk, `Dick Whittington`, the village of `Twatt`).
//!
//! **Setting.** `min_severity`: 1 flags mild words too (`crap`, `bloody`: not school-friendly on
//! an official account), 2 moderate and strong, 3 strong only. Slurs are left to the
//! discrimination detector.

use super::{Detect, Draft};
use crate::lexicon::{self, OffenceKind, Term, TermMatch};
use crate::model::Span;
use crate::text::tokens::Token;
use serde::{Deserialize, Serialize};

/// Settings of the offensive-language detector.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The mildest severity reported: 1 mild, 2 moderate, 3 strong.
    pub min_severity: u8,
}

pub(super) struct Offensive {
    settings: Settings,
}

impl Offensive {
    pub(super) fn new(settings: Settings) -> Offensive {
        Offensive { settings }
    }
}

impl Detect for Offensive {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
        for hit in draft.offensive_terms() {
            if hit.term.kind != OffenceKind::Slur && hit.term.severity >= self.settings.min_severity {
                found.push(hit.span);
            }
        }
    }
}

/// An offensive term found in a draft.
#[derive(Clone, Copy, Debug)]
pub struct Hit {
    /// Where.
    pub span: Span,
    /// Which term.
    pub term: Term,
}

/// Endings a `stem` term may take.
const SUFFIXES: &[&str] = &[
    "", "s", "es", "ed", "d", "er", "ers", "ing", "in", "y", "ier", "iest", "head", "heads", "face", "faces", "hole",
    "holes", "wit", "wits", "bag", "bags", "tard", "tards", "ty", "ting", "ters", "ter", "ass", "off", "show", "shows",
    "storm", "fest", "load", "loads", "box", "pot",
];

/// The term `word` is, if any: exact, plural, or stem with a suffix.
fn lookup(word: &str) -> Option<Term> {
    let terms = lexicon::offensive();
    if lexicon::first_three(word).is_some_and(|start| !terms.starts.contains(&start)) {
        return None;
    }
    if let Some(term) = terms.words.get(word) {
        return Some(*term);
    }
    if word.ends_with('s') {
        for plural in ["s", "es"] {
            if let Some(term) = word.strip_suffix(plural).and_then(|w| terms.words.get(w)) {
                return Some(*term);
            }
        }
    }
    if lexicon::first_three(word).is_some_and(|start| !terms.stem_starts.contains(&start)) {
        return None;
    }
    // A stem followed by a known ending: try each ending the word has, longest stem first.
    let last = word.as_bytes().last().copied().unwrap_or(0);
    SUFFIXES
        .iter()
        .filter(|suffix| {
            suffix.as_bytes().last() == Some(&last) && word.len() > suffix.len() && word.ends_with(*suffix)
        })
        .filter_map(|suffix| terms.stem_map.get(&word[..word.len() - suffix.len()]))
        .max_by_key(|t| t.term.len())
        .copied()
}

/// Whether `word` is listed as innocent by itself ("twatt", "cocker").
fn allowed_word(word: &str) -> bool {
    lexicon::allowed_phrases().get(word).is_some_and(|phrases| phrases.iter().any(|p| p.len() == 1))
}

/// `word` with runs of a repeated letter shortened: to one, to two, and runs of three or
/// more to one while pairs stay.
fn collapsed(word: &str) -> [String; 3] {
    let mut runs: Vec<(char, usize)> = Vec::new();
    for c in word.chars() {
        match runs.last_mut() {
            Some((last, n)) if *last == c => *n += 1,
            _ => runs.push((c, 1)),
        }
    }
    let build =
        |f: &dyn Fn(usize) -> usize| runs.iter().flat_map(|&(c, n)| std::iter::repeat_n(c, f(n))).collect::<String>();
    [build(&|_| 1), build(&|n| n.min(2)), build(&|n| if n >= 3 { 1 } else { n })]
}

/// Letters a digit or symbol may stand for.
fn leet(c: char) -> &'static [char] {
    match c {
        '0' => &['o'],
        '1' | '|' => &['i', 'l'],
        '3' => &['e'],
        '4' | '@' => &['a'],
        '5' | '$' => &['s'],
        '7' | '+' => &['t'],
        '8' => &['b'],
        '9' => &['g'],
        '!' => &['i'],
        '(' | '<' => &['c'],
        _ => &[],
    }
}

/// The readings of a token with digits or symbols among letters: `sh1t` → `shit`, `shlt`.
fn leet_readings(word: &str) -> Vec<String> {
    let mut readings = vec![String::new()];
    for c in word.chars() {
        let options = leet(c);
        if options.is_empty() {
            readings.iter_mut().for_each(|r| r.push(c));
        } else {
            readings =
                readings.into_iter().flat_map(|r| options.iter().map(move |&o| format!("{r}{o}"))).take(16).collect();
        }
    }
    readings
}

/// The strongest term matching a word with `*` or `#` for some letters (`f*ck`, `sh**`):
/// stars stand in for the letters of a word the writer knew was too strong to spell.
fn wildcard_term(word: &str) -> Option<Term> {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let first_is_letter = word.chars().next().is_some_and(char::is_alphabetic);
    if letters == 0 || !first_is_letter {
        return None;
    }
    let fits = |pattern: &[char], term: &str| {
        term.chars().count() == pattern.len()
            && pattern.iter().zip(term.chars()).all(|(p, t)| matches!(p, '*' | '#') || *p == t)
    };
    let pattern: Vec<char> = word.chars().map(|c| if c == '#' { '*' } else { c }).collect();
    let terms = lexicon::offensive();
    let mut best: Option<Term> = None;
    // Strongest first; among equals a root ("fuck", matched as a stem) over a spelling
    // variant ("fukk"), then the first alphabetically, so the answer never depends on order.
    let rank = |t: &Term| (t.severity, t.matching == TermMatch::Stem, std::cmp::Reverse(t.term));
    let mut consider = |term: Term| {
        if best.is_none_or(|b| rank(&term) > rank(&b)) {
            best = Some(term);
        }
    };
    // Terms listed in l33t themselves ("sh1t") are not what stars hide.
    for term in terms.words.values().filter(|t| t.term.chars().all(char::is_alphabetic)) {
        if fits(&pattern, term.term) {
            consider(*term);
        }
    }
    for stem in &terms.stems {
        let n = stem.term.chars().count();
        if pattern.len() > n && fits(&pattern[..n], stem.term) {
            let rest: String = pattern[n..].iter().collect();
            if SUFFIXES.contains(&rest.as_str()) {
                consider(*stem);
            }
        }
    }
    best
}

/// Whether a plain word, or the word with repeated letters squeezed, starts as some term
/// does: most words do not, and are done with after one lookup.
fn could_be_term(word: &str) -> bool {
    let starts = &lexicon::offensive().starts;
    let Some(start) = lexicon::first_three(word) else { return true };
    if starts.contains(&start) {
        return true;
    }
    let mut squeezed = [0u8; 3];
    let mut len = 0;
    for &b in word.as_bytes() {
        if len == 3 {
            break;
        }
        if len == 0 || squeezed[len - 1] != b {
            squeezed[len] = b;
            len += 1;
        }
    }
    len < 3 || starts.contains(&squeezed)
}

/// Whether a word has the same letter twice in a row.
fn has_repeat(word: &str) -> bool {
    word.as_bytes().windows(2).any(|w| w[0] == w[1])
}

/// The term a single word stands for, trying every disguise. Plain words cost a few hash
/// lookups and no allocation; the other readings are tried only where they could differ.
fn word_term(word: &str, token: &Token) -> Option<Term> {
    let disguised = token.has_letter && (token.has_digit || token.has_symbol);
    if !disguised && !could_be_term(word) {
        return None;
    }
    if allowed_word(word) {
        return None;
    }
    if !disguised && let Some(term) = lookup(word) {
        return Some(term);
    }
    let readings = if disguised { leet_readings(word) } else { vec![word.to_owned()] };
    if disguised && let Some(term) = readings.iter().find_map(|r| lookup(r)) {
        return Some(term);
    }
    for reading in readings.iter().filter(|r| has_repeat(r)) {
        for shorter in collapsed(reading) {
            if shorter != *reading
                && !allowed_word(&shorter)
                && let Some(term) = lookup(&shorter)
            {
                return Some(term);
            }
        }
    }
    if word.contains(['*', '#']) {
        return wildcard_term(word);
    }
    None
}

/// Whether the word at `at` is a first name written as part of a person's name: "Dick Harper",
/// "Fanny Brice" (capitalised, followed by a capitalised surname). Shouted text says nothing.
fn is_persons_name(draft: &Draft<'_>, at: usize) -> bool {
    let tokens = &draft.tokens;
    let (word, next) = (&tokens[at], tokens.get(at + 1));
    word.capitalised
        && !word.shouting
        && lexicon::first_name(&word.text).is_some()
        && next.is_some_and(|n| {
            n.capitalised && !n.shouting && n.sentence == word.sentence && lexicon::surname(&n.text).is_some()
        })
}

/// Whether the word at `at` is inside an allowed phrase ("great tits").
fn in_allowed_phrase(tokens: &[Token], at: usize) -> bool {
    let allowed = lexicon::allowed_phrases();
    // Allowed phrases are indexed by first word: try every start that could cover `at`.
    (at.saturating_sub(4)..=at).any(|start| {
        allowed.get(tokens[start].text.as_str()).is_some_and(|phrases| {
            phrases.iter().any(|phrase| {
                phrase.len() > 1
                    && start + phrase.len() > at
                    && tokens.get(start..start + phrase.len()).is_some_and(|window| {
                        window.iter().zip(phrase).all(|(t, w)| t.text == *w || t.text.strip_suffix('s') == Some(w))
                    })
            })
        })
    })
}

/// Whether a gap between letters is a spacing trick: 1–3 of ` .-_*,/|\`.
fn is_spacing_gap(gap: &str) -> bool {
    (1..=3).contains(&gap.chars().count())
        && gap.chars().all(|c| matches!(c, ' ' | '.' | '-' | '_' | '*' | ',' | '/' | '|' | '\\'))
}

/// The longest offensive word spelt out in pieces from `tokens[start]`: "f u c k",
/// "s.h.i.t", "f uc k". Pieces are one or two letters, at least two of them single, joined by
/// spacing gaps. Returns the end token and the term.
fn spaced_term(draft: &Draft<'_>, start: usize) -> Option<(usize, Term)> {
    let tokens = &draft.tokens;
    let folded = &draft.folded.text;
    let short = |t: &Token| t.text.chars().count() <= 2;
    let mut end = start;
    while end < tokens.len()
        && short(&tokens[end])
        && end - start < 10
        && (end == start || is_spacing_gap(&folded[tokens[end - 1].folded.1 as usize..tokens[end].folded.0 as usize]))
    {
        end += 1;
    }
    let single = |t: &Token| t.text.chars().count() == 1;
    if end - start < 2 || tokens[start..end].iter().filter(|t| single(t)).count() < 2 {
        return None;
    }
    (start + 2..=end).rev().find_map(|stop| {
        let pieces = &tokens[start..stop];
        let singles = pieces.iter().filter(|t| t.text.chars().count() == 1).count();
        if singles < 2 || (pieces.len() < 3 && singles < pieces.len()) {
            return None;
        }
        let joined: String = pieces.iter().map(|t| t.text.as_str()).collect();
        let pseudo = Token {
            has_digit: joined.chars().any(|c| c.is_ascii_digit()),
            has_letter: true,
            has_symbol: false,
            ..tokens[start].clone()
        };
        word_term(&joined, &pseudo).filter(|t| t.severity >= 2 || pieces.len() >= 3).map(|term| (stop, term))
    })
}

/// Every offensive term in the draft, of any kind and severity.
pub fn find_terms(draft: &Draft<'_>) -> Vec<Hit> {
    let tokens = &draft.tokens;
    let terms = lexicon::offensive();
    let mut hits = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // Letters spaced apart.
        if let Some((end, term)) = spaced_term(draft, i) {
            hits.push(Hit { span: draft.span(i, end), term });
            i = end;
            continue;
        }
        // Phrases: "son of a bitch".
        if let Some(phrases) = terms.phrases.get(tokens[i].text.as_str())
            && let Some((words, term)) = phrases.iter().find(|(words, _)| {
                tokens.get(i..i + words.len()).is_some_and(|w| w.iter().zip(words).all(|(t, w)| t.text == *w))
            })
        {
            hits.push(Hit { span: draft.span(i, i + words.len()), term: *term });
            i += words.len();
            continue;
        }
        if let Some(term) = word_term(&tokens[i].text, &tokens[i])
            && !in_allowed_phrase(tokens, i)
            && !is_persons_name(draft, i)
        {
            hits.push(Hit { span: tokens[i].span, term });
        }
        i += 1;
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::DetectorSpec;
    use crate::detect::testing::*;
    use crate::model::{Author::*, Channel::*};

    fn offensive(min_severity: u8) -> DetectorSpec {
        DetectorSpec::Offensive(Settings { min_severity })
    }

    #[test]
    fn finds_plain_and_inflected_words() {
        assert_finds(
            &offensive(1),
            Staff,
            School,
            "Crap weather = cr\u{200B}ap sports day.",
            &["Crap", "cr\u{200B}ap"],
        );
        assert_finds(&offensive(2), Pupil, Group, "who took my calculator?? a$$holes", &["a$$holes"]);
        assert_finds(&offensive(2), Pupil, Direct, "shut up you tw\u{0430}t, nobody asked", &["tw\u{0430}t"]);
        assert_finds(&offensive(2), Pupil, Personal, "FFS why is it raining AGAIN", &["FFS"]);
        assert_finds(&offensive(2), Pupil, Personal, "this is fucking great", &["fucking"]);
    }

    #[test]
    fn finds_disguises() {
        for text in [
            "sh1t",
            "f*ck",
            "f**k",
            "f u c k",
            "f.u.c.k",
            "fuuuuck",
            "ｆｕｃｋ",
            "𝐟𝐮𝐜𝐤",
            "f\u{0336}u\u{0336}c\u{0336}k\u{0336}",
            "sh\u{200D}it",
            "5h1t",
            "b1tch",
        ] {
            assert_flags(&offensive(2), Pupil, Group, &[text]);
        }
    }

    #[test]
    fn severity_threshold() {
        assert_clean(&offensive(2), Parent, Group, &["what a crap day"]);
        assert_flags(&offensive(1), Staff, School, &["what a crap day"]);
    }

    #[test]
    fn innocent_words_and_phrases() {
        assert_clean(
            &offensive(1),
            Staff,
            School,
            &[
                "Scunthorpe and Penistone",
                "Essex, Sussex and Middlesex",
                "a cocktail in class",
                "assessment week",
                "Year 1 met a cocker spaniel and some noisy cockerels",
                "We saw great tits and blue tits on the nature walk",
                "Shoot! Netball shooting practice",
                "Dick Whittington panto",
                "Pratts Bottom",
                "the Shell Grotto",
                "Assassin's Creed",
                "Cumbria",
                "Cockfosters",
                "Pissarro's paintings",
                "Bitchfield in Lincolnshire",
                "killer whales",
                "thank you to Watch Manager Dick Harper for the tour",
                "Mrs Hancock's class",
                "u r a b c",
                "I a m",
            ],
        );
    }
}
