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
//! | `<class>`     | a token of a class: `<num>`, `<cap>` (capitalised, not first in its sentence), `<any>`, or a word list the caller provides (`<platform>`, `<party>`) |
//! | `slot?`       | the slot, or nothing                                            |
//! | `~N`          | up to N tokens of anything (N from 1 to 9)                      |
//!
//! Example: `let's|lets meet* ~2 at|up` matches "let's meet at", "lets meet up", "let's
//! meet them at"; `im|i+am at` matches "I'm at" and "I am at". Patterns are indexed by their possible first words, so checking a draft
//! against hundreds of them stays linear in the draft's length.

use super::tokens::Token;
use std::collections::HashMap;
use std::fmt;

/// A word class a pattern can name: `<platform>`.
pub trait Classes {
    /// Whether `tokens[at]` belongs to class `name` (the neighbours may decide it).
    fn contains(&self, name: &str, tokens: &[Token], at: usize) -> bool;
    /// Whether this set knows class `name` (checked when a pattern is compiled).
    fn knows(&self, name: &str) -> bool;
}

/// Classes every pattern may use.
fn builtin_class(name: &str, token: &Token) -> Option<bool> {
    Some(match name {
        "any" => true,
        "num" => !token.text.is_empty() && token.text.chars().all(|c| c.is_ascii_digit()),
        "cap" => token.capitalised && !token.sentence_start,
        "word" => token.has_letter && !token.has_digit,
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

#[derive(Clone, Debug, PartialEq, Eq)]
enum Atom {
    Word(String),
    Prefix(String),
    Class(String),
    /// Several words in a row.
    Words(Vec<String>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Slot {
    Any { atoms: Vec<Atom>, optional: bool },
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
            let mut atoms = Vec::new();
            for alternative in body.split('|') {
                if let Some(class) = alternative.strip_prefix('<').and_then(|a| a.strip_suffix('>')) {
                    let builtin = matches!(class, "any" | "num" | "cap" | "word");
                    if !builtin && !classes.knows(class) {
                        return Err(error(format!("unknown word class `<{class}>`")));
                    }
                    atoms.push(Atom::Class(class.to_owned()));
                } else if alternative.contains('+') {
                    let words: Vec<&str> = alternative.split('+').collect();
                    if words.iter().any(|w| w.is_empty() || !w.chars().all(|c| c.is_alphanumeric() || c == '\'')) {
                        return Err(error(format!("`{alternative}`: words in a row are joined by single `+`")));
                    }
                    atoms.push(Atom::Words(words.into_iter().map(fold_word).collect()));
                } else if let Some(prefix) = alternative.strip_suffix('*') {
                    if prefix.is_empty() {
                        return Err(error("`*` needs letters before it".to_owned()));
                    }
                    atoms.push(Atom::Prefix(fold_word(prefix)));
                } else if alternative.is_empty() || !alternative.chars().all(|c| c.is_alphanumeric() || c == '\'') {
                    return Err(error(format!(
                        "`{alternative}`: a word is letters and digits (use `|` between alternatives, `*` after a prefix)"
                    )));
                } else {
                    atoms.push(Atom::Word(fold_word(alternative)));
                }
            }
            slots.push(Slot::Any { atoms, optional });
        }
        match slots.first() {
            None => return Err(error("the pattern is empty".to_owned())),
            Some(Slot::Gap(_)) | Some(Slot::Any { optional: true, .. }) => {
                return Err(error("a pattern must start with a required word or class".to_owned()));
            }
            _ => {}
        }
        if matches!(slots.last(), Some(Slot::Gap(_))) {
            return Err(error("a pattern cannot end with a gap".to_owned()));
        }
        Ok(Pattern { slots, source: source.to_owned() })
    }

    /// The literal words the first slot matches, or `None` if it can start with a prefix or class.
    fn first_words(&self) -> Option<Vec<&str>> {
        let Some(Slot::Any { atoms, .. }) = self.slots.first() else {
            return None;
        };
        atoms
            .iter()
            .map(|a| match a {
                Atom::Word(w) => Some(w.as_str()),
                Atom::Words(words) => words.first().map(String::as_str),
                _ => None,
            })
            .collect()
    }

    /// The number of tokens matched when the pattern matches at `tokens[at]`, if it does.
    pub fn match_at(&self, tokens: &[Token], at: usize, classes: &dyn Classes) -> Option<usize> {
        let sentence = tokens.get(at)?.sentence;
        match_slots(&self.slots, tokens, at, sentence, classes).map(|end| end - at)
    }
}

/// How many tokens `atom` matches at `tokens[at]` (all in `sentence`), if it matches.
fn atom_len(atom: &Atom, tokens: &[Token], at: usize, sentence: u32, classes: &dyn Classes) -> Option<usize> {
    let token = tokens.get(at).filter(|t| t.sentence == sentence)?;
    let matches = match atom {
        Atom::Word(w) => token.text == *w,
        Atom::Prefix(p) => token.text.starts_with(p.as_str()),
        Atom::Class(name) => builtin_class(name, token).unwrap_or_else(|| classes.contains(name, tokens, at)),
        Atom::Words(words) => {
            let window = tokens.get(at..at + words.len())?;
            return window
                .iter()
                .zip(words)
                .all(|(t, w)| t.sentence == sentence && t.text == *w)
                .then_some(words.len());
        }
    };
    matches.then_some(1)
}

/// The end (exclusive token index) of the longest match of `slots` from `at`, if any.
fn match_slots(slots: &[Slot], tokens: &[Token], at: usize, sentence: u32, classes: &dyn Classes) -> Option<usize> {
    let Some((slot, rest)) = slots.split_first() else {
        return Some(at);
    };
    match slot {
        Slot::Gap(n) => (0..=*n as usize)
            .take_while(|skip| tokens.get(at + skip).is_some_and(|t| t.sentence == sentence))
            .find_map(|skip| match_slots(rest, tokens, at + skip, sentence, classes)),
        Slot::Any { atoms, optional } => {
            let here = atoms
                .iter()
                .filter_map(|a| atom_len(a, tokens, at, sentence, classes))
                .filter_map(|len| match_slots(rest, tokens, at + len, sentence, classes))
                .max();
            if here.is_some() || !*optional { here } else { match_slots(rest, tokens, at, sentence, classes) }
        }
    }
}

/// One match of a pattern set: which pattern, and which tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PatternMatch {
    /// Index of the pattern in the set.
    pub pattern: usize,
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
}

/// Patterns compiled together and indexed by first word.
#[derive(Clone, Debug, Default)]
pub struct PatternSet {
    patterns: Vec<Pattern>,
    by_first_word: HashMap<String, Vec<usize>>,
    unindexed: Vec<usize>,
}

impl PatternSet {
    /// Compiles every pattern in `sources`.
    pub fn compile<'a>(
        sources: impl IntoIterator<Item = &'a str>,
        classes: &dyn Classes,
    ) -> Result<PatternSet, PatternError> {
        let mut set = PatternSet::default();
        for source in sources {
            set.push(Pattern::compile(source, classes)?);
        }
        Ok(set)
    }

    /// Adds a compiled pattern.
    pub fn push(&mut self, pattern: Pattern) {
        let index = self.patterns.len();
        match pattern.first_words() {
            Some(words) => {
                for word in words {
                    self.by_first_word.entry(word.to_owned()).or_default().push(index);
                }
            }
            None => self.unindexed.push(index),
        }
        self.patterns.push(pattern);
    }

    /// Whether the set has no patterns.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The pattern at `index`.
    pub fn pattern(&self, index: usize) -> &Pattern {
        &self.patterns[index]
    }

    /// Every match in `tokens`, in order: the longest at the leftmost start, then the next
    /// after it (matches do not overlap).
    pub fn find_all(&self, tokens: &[Token], classes: &dyn Classes) -> Vec<PatternMatch> {
        let mut found = Vec::new();
        let mut at = 0;
        while at < tokens.len() {
            let indexed = self.by_first_word.get(tokens[at].text.as_str()).map(Vec::as_slice).unwrap_or_default();
            let best = indexed
                .iter()
                .chain(&self.unindexed)
                .filter_map(|&p| self.patterns[p].match_at(tokens, at, classes).map(|len| (p, len)))
                .max_by_key(|&(p, len)| (len, usize::MAX - p));
            match best {
                Some((pattern, len)) if len > 0 => {
                    found.push(PatternMatch { pattern, start: at, end: at + len });
                    at += len;
                }
                _ => at += 1,
            }
        }
        found
    }

    /// Whether any pattern matches anywhere in `tokens`.
    pub fn any(&self, tokens: &[Token], classes: &dyn Classes) -> bool {
        !self.find_all(tokens, classes).is_empty()
    }
}

/// No word classes beyond the built-in ones.
pub struct NoClasses;

impl Classes for NoClasses {
    fn contains(&self, _: &str, _: &[Token], _: usize) -> bool {
        false
    }
    fn knows(&self, _: &str) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalise::fold;
    use crate::text::tokens::tokenise;

    fn matches(pattern: &str, text: &str) -> Vec<String> {
        let tokens = tokenise(text, &fold(text));
        let set = PatternSet::compile([pattern], &NoClasses).expect("compiles");
        set.find_all(&tokens, &NoClasses)
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
            ("*", "needs letters"),
        ] {
            let error = Pattern::compile(bad, &NoClasses).expect_err(bad);
            assert!(error.to_string().contains(why), "{bad}: {error}");
        }
    }
}
