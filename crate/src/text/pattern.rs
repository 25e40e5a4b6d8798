//! Cue phrases: small patterns over a draft's tokens, written in data files and rules.
//!
//! A pattern is a sequence of slots separated by spaces; it matches consecutive tokens of one
//! sentence.
//!
//! | slot          | matches                                                         |
//! |---------------|-----------------------------------------------------------------|
//! | `word`        | the token `word` (folded, apostrophes dropped: `let's` = `lets`) |
//! | `word*`       | any token starting with `word`                                  |
//! | `a\|b\|c*`    | any of the alternatives                                         |
//! | `i+am`        | several words in a row, as one alternative: `im\|i+am`          |
//! | `<class>`     | a token of a class: `<num>`, `<cap>` (capitalised, not first in its sentence), `<word>` (letters only), `<any>`, or a class the caller provides (`<platform>`, `<party>`) |
//! | `slot?`       | the slot, or nothing                                            |
//! | `~N`          | up to N tokens of anything (N from 1 to 9)                      |
//!
//! Example: `let's|lets meet* ~2 at|up` matches "let's meet at", "lets meet up", "let's
//! meet them at"; `im|i+am at` matches "I'm at" and "I am at".
//!
//! A checker's detectors register their pattern sets with one [`CueEngine`], which matches
//! them all in a single pass over the draft.

use super::tokens::{CLASS_ANY, CLASS_CAP, CLASS_NUM, CLASS_WORD, Token, word_hash};
use rustc_hash::FxHashMap;
use std::fmt;

/// Word classes a pattern can name (`<platform>`), each a bit of [`Token::classes`].
pub trait Classes {
    /// The bit of class `name`, if this set knows it.
    fn class_bit(&self, name: &str) -> Option<u32>;
}

/// The bits of the classes every pattern may use.
fn builtin_bit(name: &str) -> Option<u32> {
    Some(match name {
        "any" => CLASS_ANY,
        "num" => CLASS_NUM,
        "cap" => CLASS_CAP,
        "word" => CLASS_WORD,
        _ => return None,
    })
}

/// Why a pattern could not be compiled.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("pattern `{pattern}`: {problem}")]
pub struct PatternError {
    /// The pattern as written.
    pub pattern: String,
    /// What is wrong with it.
    pub problem: String,
}

/// One place in a pattern: the alternatives it accepts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Choice {
    /// Words with their [`word_hash`].
    words: Vec<(u64, String)>,
    prefixes: Vec<String>,
    /// Classes, as a mask over [`Token::classes`].
    classes: u64,
    /// Several words in a row (`i+am`).
    sequences: Vec<Vec<String>>,
    optional: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Slot {
    Choice(Choice),
    Gap(u8),
}

/// A compiled pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    slots: Vec<Slot>,
    source: String,
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

fn fold_word(word: &str) -> String {
    word.chars().filter(|&c| c != '\'' && c != '\u{2019}').flat_map(char::to_lowercase).collect()
}

fn is_word(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || c == '\'')
}

impl Pattern {
    /// Compiles `source`, checking that every class it names is known to `classes`.
    pub fn compile(source: &str, classes: &dyn Classes) -> Result<Pattern, PatternError> {
        let error = |problem: String| PatternError { pattern: source.to_owned(), problem };
        let mut slots = Vec::new();
        for part in source.split_whitespace() {
            if let Some(n) = part.strip_prefix('~') {
                match n.parse::<u8>() {
                    Ok(n @ 1..=9) => slots.push(Slot::Gap(n)),
                    _ => return Err(error(format!("`{part}`: a gap is `~1` to `~9`"))),
                }
                continue;
            }
            let (body, optional) = match part.strip_suffix('?') {
                Some(body) => (body, true),
                None => (part, false),
            };
            let mut choice = Choice { optional, ..Choice::default() };
            for alternative in body.split('|') {
                if let Some(class) = alternative.strip_prefix('<').and_then(|a| a.strip_suffix('>')) {
                    let bit = builtin_bit(class)
                        .or_else(|| classes.class_bit(class))
                        .ok_or_else(|| error(format!("unknown word class `<{class}>`")))?;
                    choice.classes |= 1 << bit;
                } else if alternative.contains('+') {
                    let words: Vec<&str> = alternative.split('+').collect();
                    if !words.iter().all(|w| is_word(w)) {
                        return Err(error(format!("`{alternative}`: words in a row are joined by single `+`")));
                    }
                    choice.sequences.push(words.into_iter().map(fold_word).collect());
                } else if let Some(prefix) = alternative.strip_suffix('*') {
                    if prefix.chars().count() < 2 {
                        return Err(error("`*` needs at least two letters before it".to_owned()));
                    }
                    choice.prefixes.push(fold_word(prefix));
                } else if !is_word(alternative) {
                    return Err(error(format!(
                        "`{alternative}`: a word is letters and digits (use `|` between alternatives, `*` after a prefix)"
                    )));
                } else {
                    let word = fold_word(alternative);
                    choice.words.push((word_hash(&word), word));
                }
            }
            slots.push(Slot::Choice(choice));
        }
        match slots.first() {
            None => return Err(error("the pattern is empty".to_owned())),
            Some(Slot::Gap(_)) | Some(Slot::Choice(Choice { optional: true, .. })) => {
                return Err(error("a pattern must start with a required word or class".to_owned()));
            }
            _ => {}
        }
        if matches!(slots.last(), Some(Slot::Gap(_))) {
            return Err(error("a pattern cannot end with a gap".to_owned()));
        }
        Ok(Pattern { slots, source: source.to_owned() })
    }

    /// The first slot; compiling guarantees it is a required choice.
    fn first(&self) -> Option<&Choice> {
        match self.slots.first() {
            Some(Slot::Choice(choice)) => Some(choice),
            _ => None,
        }
    }

    /// The number of tokens matched when the pattern matches at `tokens[at]`, if it does.
    pub fn match_at(&self, tokens: &[Token], at: usize) -> Option<usize> {
        let sentence = tokens.get(at)?.sentence;
        match_slots(&self.slots, tokens, at, sentence).map(|end| end - at)
    }
}

/// Whether `choice` accepts the single token `t`.
fn accepts(choice: &Choice, t: &Token) -> bool {
    t.classes & choice.classes != 0
        || choice.words.iter().any(|(h, w)| *h == t.hash && *w == t.text)
        || choice.prefixes.iter().any(|p| t.text.starts_with(p.as_str()))
}

/// The end (exclusive token index) of the longest match of `slots` from `at`, if any.
fn match_slots(slots: &[Slot], tokens: &[Token], at: usize, sentence: u32) -> Option<usize> {
    let Some((slot, rest)) = slots.split_first() else { return Some(at) };
    let token = tokens.get(at).filter(|t| t.sentence == sentence);
    match slot {
        Slot::Gap(n) => (0..=*n as usize)
            .take_while(|skip| tokens.get(at + skip).is_some_and(|t| t.sentence == sentence))
            .find_map(|skip| match_slots(rest, tokens, at + skip, sentence)),
        // Most slots are single words or classes: one test, no search.
        Slot::Choice(choice) if choice.sequences.is_empty() => {
            let here = token.filter(|t| accepts(choice, t)).and_then(|_| match_slots(rest, tokens, at + 1, sentence));
            if here.is_some() || !choice.optional { here } else { match_slots(rest, tokens, at, sentence) }
        }
        Slot::Choice(choice) => {
            let single = token.is_some_and(|t| accepts(choice, t)).then_some(1);
            let sequences = choice.sequences.iter().filter_map(|words| {
                let window = tokens.get(at..at + words.len())?;
                window.iter().zip(words).all(|(t, w)| t.sentence == sentence && t.text == *w).then_some(words.len())
            });
            let here = single
                .into_iter()
                .chain(sequences)
                .filter_map(|len| match_slots(rest, tokens, at + len, sentence))
                .max();
            if here.is_some() || !choice.optional { here } else { match_slots(rest, tokens, at, sentence) }
        }
    }
}

/// One match of a pattern set: which pattern, and which tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PatternMatch {
    /// Index of the pattern in its set.
    pub pattern: usize,
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
}

/// A set of patterns registered with a [`CueEngine`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PatternSet(usize);

/// Every pattern of every detector of a checker, indexed together by what can start them, so
/// that a draft is matched in one pass: a token that starts no pattern costs one hash lookup
/// and a bit test, however many detectors there are.
#[derive(Clone, Debug, Default)]
pub struct CueEngine {
    /// All patterns, with the set each belongs to and its index in that set.
    patterns: Vec<(Pattern, usize, usize)>,
    /// The number of sets, and each set's sources (to share identical sets).
    sets: Vec<Vec<String>>,
    by_first_word: FxHashMap<u64, Vec<usize>>,
    /// A bit per `hash % 1024` of the words in `by_first_word`: most tokens start no
    /// pattern, and this says so without a lookup.
    first_word_bits: [u64; 16],
    /// For each class bit, the patterns whose first slot accepts it.
    by_first_class: Vec<Vec<usize>>,
    /// The union of the class bits that start some pattern.
    first_classes: u64,
    /// Patterns that can start with a prefix, by the prefix's first two bytes.
    by_first_prefix: FxHashMap<[u8; 2], Vec<usize>>,
}

/// The positions of the bits set in `mask`, lowest first.
fn set_bits(mut mask: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        let bit = mask.trailing_zeros();
        (bit < 64).then(|| {
            mask &= mask - 1;
            bit as usize
        })
    })
}

/// The first two bytes of a word, the key prefixes are indexed by.
fn two_bytes(text: &str) -> [u8; 2] {
    let bytes = text.as_bytes();
    [bytes.first().copied().unwrap_or(0), bytes.get(1).copied().unwrap_or(0)]
}

fn index_into<K: std::hash::Hash + Eq>(map: &mut FxHashMap<K, Vec<usize>>, key: K, pattern: usize) {
    let list = map.entry(key).or_default();
    if list.last() != Some(&pattern) {
        list.push(pattern);
    }
}

impl CueEngine {
    /// Compiles `sources` as one set; a set with the same sources is shared, not repeated.
    pub fn add<'a>(
        &mut self,
        sources: impl IntoIterator<Item = &'a str>,
        classes: &dyn Classes,
    ) -> Result<PatternSet, PatternError> {
        let sources: Vec<String> = sources.into_iter().map(str::to_owned).collect();
        if let Some(existing) = self.sets.iter().position(|s| *s == sources) {
            return Ok(PatternSet(existing));
        }
        let compiled = sources.iter().map(|s| Pattern::compile(s, classes)).collect::<Result<Vec<_>, _>>()?;
        let set = self.sets.len();
        self.sets.push(sources);
        if self.by_first_class.is_empty() {
            self.by_first_class = vec![Vec::new(); 64];
        }
        for (local, pattern) in compiled.into_iter().enumerate() {
            let index = self.patterns.len();
            if let Some(first) = pattern.first() {
                let words = first.words.iter().map(|(_, w)| w).chain(first.sequences.iter().filter_map(|s| s.first()));
                for word in words {
                    let hash = word_hash(word);
                    index_into(&mut self.by_first_word, hash, index);
                    self.first_word_bits[(hash as usize >> 6) & 15] |= 1 << (hash & 63);
                }
                for bit in set_bits(first.classes) {
                    self.by_first_class[bit].push(index);
                }
                self.first_classes |= first.classes;
                for prefix in &first.prefixes {
                    index_into(&mut self.by_first_prefix, two_bytes(prefix), index);
                }
            }
            self.patterns.push((pattern, set, local));
        }
        Ok(PatternSet(set))
    }

    /// Like [`CueEngine::add`], for a detector's built-in cues: a pattern that does not compile
    /// is a bug in the crate (caught by its tests in debug builds) and is left out.
    pub fn add_built_in(&mut self, sources: &[&str], classes: &dyn Classes) -> PatternSet {
        let valid: Vec<&str> = sources
            .iter()
            .copied()
            .filter(|source| {
                let compiled = Pattern::compile(source, classes);
                debug_assert!(compiled.is_ok(), "built-in cue: {compiled:?}");
                compiled.is_ok()
            })
            .collect();
        match self.add(valid, classes) {
            Ok(set) => set,
            Err(_) => PatternSet(usize::MAX),
        }
    }

    /// Every set's matches in `tokens`, in one pass. Within a set, matches are the longest at
    /// the leftmost start, then the next after it (a set's matches do not overlap).
    pub fn run(&self, tokens: &[Token]) -> Matches {
        let mut per_set: Vec<Vec<PatternMatch>> = vec![Vec::new(); self.sets.len()];
        // The first token each set may match at next.
        let mut free_from = vec![0usize; self.sets.len()];
        // The best match starting here, per set: (length, pattern index).
        let mut best: Vec<Option<(usize, usize)>> = vec![None; self.sets.len()];
        let mut touched: Vec<usize> = Vec::new();
        let no_patterns: &[usize] = &[];
        for at in 0..tokens.len() {
            let token = &tokens[at];
            let maybe_word = self.first_word_bits[(token.hash as usize >> 6) & 15] & (1 << (token.hash & 63)) != 0;
            let by_word = match maybe_word {
                true => self.by_first_word.get(&token.hash).map_or(no_patterns, Vec::as_slice),
                false => no_patterns,
            };
            let by_prefix = if self.by_first_prefix.is_empty() {
                no_patterns
            } else {
                self.by_first_prefix.get(&two_bytes(&token.text)).map_or(no_patterns, Vec::as_slice)
            };
            let class_bits = token.classes & self.first_classes;
            let by_class = set_bits(class_bits).flat_map(|bit| &self.by_first_class[bit]);
            for &index in by_word.iter().chain(by_prefix).chain(by_class) {
                let (pattern, set, _) = &self.patterns[index];
                if at < free_from[*set] {
                    continue;
                }
                if let Some(len) = pattern.match_at(tokens, at).filter(|&len| len > 0) {
                    let better = match best[*set] {
                        None => {
                            touched.push(*set);
                            true
                        }
                        Some((best_len, best_index)) => {
                            (len, std::cmp::Reverse(index)) > (best_len, std::cmp::Reverse(best_index))
                        }
                    };
                    if better {
                        best[*set] = Some((len, index));
                    }
                }
            }
            for set in touched.drain(..) {
                if let Some((len, index)) = best[set].take() {
                    per_set[set].push(PatternMatch { pattern: self.patterns[index].2, start: at, end: at + len });
                    free_from[set] = at + len;
                }
            }
        }
        Matches { per_set }
    }
}

/// What [`CueEngine::run`] found, by set.
#[derive(Clone, Debug, Default)]
pub struct Matches {
    per_set: Vec<Vec<PatternMatch>>,
}

impl Matches {
    /// The matches of `set`.
    pub fn of(&self, set: PatternSet) -> &[PatternMatch] {
        self.per_set.get(set.0).map_or(&[], Vec::as_slice)
    }
}

/// No word classes beyond the built-in ones.
pub struct NoClasses;

impl Classes for NoClasses {
    fn class_bit(&self, _: &str) -> Option<u32> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalise::fold;
    use crate::text::tokens::tokenise;

    fn matches(pattern: &str, text: &str) -> Vec<String> {
        let tokens = tokenise(text, &fold(text));
        let mut engine = CueEngine::default();
        let set = engine.add([pattern], &NoClasses).expect("compiles");
        engine
            .run(&tokens)
            .of(set)
            .to_vec()
            .into_iter()
            .map(|m| text[tokens[m.start].span.start..tokens[m.end - 1].span.end].to_owned())
            .collect()
    }

    #[test]
    fn words_alternatives_prefixes_gaps() {
        assert_eq!(matches("let's|lets meet* ~2 at|up", "OK let’s meet them at the park"), ["let’s meet them at"]);
        assert_eq!(matches("let's|lets meet* ~2 at|up", "lets meetup up"), ["lets meetup up"]);
        assert!(matches("let's meet at", "let's go and meet at").is_empty());
    }

    #[test]
    fn optional_slots_and_classes() {
        assert_eq!(matches("i'm|im <num> years? old?", "I'm 9 and"), ["I'm 9"]);
        assert_eq!(matches("i'm|im <num> years? old?", "im 10 years old!"), ["im 10 years old"]);
        assert_eq!(matches("hi <cap>", "Well hi Sam"), ["hi Sam"]);
    }

    #[test]
    fn words_in_a_row() {
        assert_eq!(matches("im|i+am at", "I am at home"), ["I am at"]);
        assert_eq!(matches("im|i+am at", "I'm at home"), ["I'm at"]);
        assert_eq!(matches("see+you|meet at the? <cap>", "see you at Tesco"), ["see you at Tesco"]);
        assert!(Pattern::compile("a+ b", &NoClasses).is_err());
    }

    #[test]
    fn matches_do_not_overlap() {
        assert_eq!(matches("my <word>|x", "set up my insta my"), ["my insta"]);
        assert_eq!(matches("a b|c", "a b a c"), ["a b", "a c"]);
    }

    #[test]
    fn patterns_stay_inside_a_sentence() {
        assert!(matches("share ~3 everyone", "Please share. Everyone loves it").is_empty());
        assert_eq!(matches("share ~3 everyone", "share so everyone knows"), ["share so everyone"]);
    }

    #[test]
    fn bad_patterns_are_explained() {
        for (bad, why) in [
            ("", "empty"),
            ("~2 x", "must start"),
            ("x ~2", "cannot end"),
            ("x ~12 y", "`~1` to `~9`"),
            ("<nope>", "unknown word class"),
            ("a,b", "letters and digits"),
            ("*", "needs at least two letters"),
        ] {
            let error = Pattern::compile(bad, &NoClasses).expect_err(bad);
            assert!(error.to_string().contains(why), "{bad}: {error}");
        }
    }
}
