//! The tone tier: a second, larger learned model of what a draft means, for the categories
//! that hang on tone and intent rather than on words (bullying, disrepute, confidential
//! matters, personal opinion …). It is its own file (`lexicons/tone.bin`), which the browser
//! fetches after the word-level checker is ready and runs when typing pauses.
//!
//! **What it is.** A fastText-style model: every word of the draft gives a handful of hashed
//! features (the word, its character 3–5-grams, the pair it makes with the next word, its word
//! class from `lexicons/classes.txt` and the pairs that class makes), and each feature's bucket
//! holds one small weight per category. A category's score is its bias plus the mean weight
//! of the draft's features, taken over the whole draft and, in a long draft, over windows of
//! it; it fires when the best of them reaches the threshold calibrated on drafts by writers
//! the model did not learn from. It was trained (`lexicons/train_tone.py`) as a low-rank embedding with heads
//! for each category and for who is spoken of and what is said of them; a linear model's
//! embedding and heads multiply out into this table, so the browser adds integers.
//!
//! **Where it points.** The finding's span is the run of words in the strongest range whose
//! weights stand out most for the category, grown over the words beside it in its sentence
//! that also count for the category (the phrase "a total idiot", not one word);
//! when no word stands out from the rest, the whole draft, and the finding says it is about
//! the draft as a whole.
//!
//! **Why its own hash.** Buckets are computed by the trainer natively and by the checker in
//! WebAssembly, so the hash is FNV-1a over the folded bytes, the same on every platform.

use super::Draft;
use super::model::primary_class_label;
use crate::model::{Category, Span};
use crate::text::tokens::{CLASS_NUM, Token};
use std::ops::Range;

/// The magic bytes a tone model file starts with.
const MAGIC: &[u8; 8] = b"PWTONE01";

/// The feature kinds, mixed into each feature's hash so that a word and a pair never share a
/// key by construction.
const KIND_WORD: u64 = 0x77;
const KIND_GRAM: u64 = 0x67;
const KIND_PAIR: u64 = 0x70;
const KIND_CLASS: u64 = 0x63;

/// Character n-grams of a word, fastText's 3 to 5, over the word wrapped in `<` and `>`.
const GRAMS: std::ops::RangeInclusive<usize> = 3..=5;
/// The most words a finding's phrase grows to past its core.
const MAX_PHRASE: usize = 12;
/// Longer words give the n-grams of their first characters only.
const MAX_GRAM_CHARS: usize = 24;

fn fnv(bytes: &[u8], seed: u64) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325 ^ seed;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

fn combine(a: u64, b: u64) -> u64 {
    (a.rotate_left(23) ^ b).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// A feature's bucket among `1 << bits`: the top bits of its mixed key, so that a table with
/// fewer bits takes the same buckets' prefixes.
fn bucket(key: u64, bits: u32) -> u32 {
    let mixed = (key ^ (key >> 31)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    // The shift leaves at most 32 bits.
    (mixed >> (64 - bits)) as u32
}

/// How a token stands in features: its folded text, or `<num>` for a number.
fn token_text(token: &Token) -> &str {
    if token.classes & (1 << CLASS_NUM) != 0 { "<num>" } else { &token.text }
}

/// Calls `visit(token, key)` for every feature of the draft, each with the token it belongs to
/// (a pair belongs to its first word).
fn for_each_feature(draft: &Draft<'_>, mut visit: impl FnMut(usize, u64)) {
    let tokens = &draft.tokens;
    let mut wrapped: Vec<char> = Vec::with_capacity(MAX_GRAM_CHARS + 2);
    let mut gram = [0u8; 4 * 5];
    for (i, token) in tokens.iter().enumerate() {
        let text = token_text(token);
        let word = fnv(text.as_bytes(), KIND_WORD);
        visit(i, word);
        if token.classes & (1 << CLASS_NUM) == 0 {
            wrapped.clear();
            wrapped.push('<');
            wrapped.extend(text.chars().take(MAX_GRAM_CHARS));
            wrapped.push('>');
            for n in GRAMS {
                for window in wrapped.windows(n) {
                    let mut len = 0;
                    for c in window {
                        len += c.encode_utf8(&mut gram[len..]).len();
                    }
                    visit(i, fnv(&gram[..len], KIND_GRAM));
                }
            }
        }
        let class = primary_class_label(token).map(|label| fnv(label.as_bytes(), KIND_CLASS));
        if let Some(class) = class {
            visit(i, class);
        }
        let Some(next) = tokens.get(i + 1).filter(|n| n.sentence == token.sentence) else { continue };
        let next_word = fnv(token_text(next).as_bytes(), KIND_WORD);
        visit(i, combine(combine(KIND_PAIR, word), next_word));
        if let Some(class) = class {
            visit(i, combine(combine(KIND_PAIR, class), next_word));
        }
        if let Some(label) = primary_class_label(next) {
            visit(i, combine(combine(KIND_PAIR, word), fnv(label.as_bytes(), KIND_CLASS)));
        }
    }
}

/// The buckets (of `1 << bits`) of each token's features, in order: what the trainer learns
/// from, computed exactly as the checker computes them.
pub fn token_buckets(draft: &Draft<'_>, bits: u32) -> Vec<Vec<u32>> {
    let mut out = vec![Vec::new(); draft.tokens.len()];
    for_each_feature(draft, |token, key| out[token].push(bucket(key, bits)));
    out
}

/// Why a tone model file cannot be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ToneError {
    /// The file does not start with the tone model's magic bytes.
    #[error("not a tone model file (it should start with {MAGIC:?})")]
    NotAModel,
    /// The file ends before its table does.
    #[error("the tone model file is cut short at byte {0}")]
    Truncated(usize),
    /// A category the checker does not know.
    #[error("the tone model names an unknown category `{0}`")]
    UnknownCategory(String),
    /// A table size the checker does not accept.
    #[error("the tone model's table has {0} bits, outside 8 to 24")]
    BadSize(u32),
}

/// One category of the tone model.
#[derive(Clone, Debug)]
struct Head {
    category: Category,
    bias: f32,
    /// The score at and above which the category fires.
    threshold: f32,
}

/// The tone model, read from its file.
pub struct ToneModel {
    bits: u32,
    heads: Vec<Head>,
    /// The weight of one table unit.
    scale: f32,
    /// Drafts longer than this many tokens are also scored in windows of this many.
    window: usize,
    /// A word belongs to the finding's phrase when its features' mean weight is above the
    /// sentence's own by at least this much.
    margin: f32,
    /// `1 << bits` rows of one weight per head.
    table: Vec<i8>,
}

/// A small reader over the model file's bytes.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ToneError> {
        let end = self.at.checked_add(n).filter(|&end| end <= self.bytes.len()).ok_or(ToneError::Truncated(self.at))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }
    fn byte(&mut self) -> Result<u8, ToneError> {
        Ok(self.take(1)?[0])
    }
    fn float(&mut self) -> Result<f32, ToneError> {
        let b = self.take(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// What the tone model finds for one category.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ToneFinding {
    /// The category.
    pub category: Category,
    /// The words that carry it, or the whole draft.
    pub span: Span,
    /// The finding is about the draft as a whole: no word stands out from the rest.
    pub whole_draft: bool,
}

impl ToneModel {
    /// Reads a model file: `PWTONE01`, table bits, head count, window, scale, margin, each head's
    /// name, bias and threshold, then the table (`1 << bits` rows of one `i8` per head).
    pub fn from_bytes(bytes: &[u8]) -> Result<ToneModel, ToneError> {
        let mut reader = Reader { bytes, at: 0 };
        if reader.take(MAGIC.len()).map_err(|_| ToneError::NotAModel)? != MAGIC {
            return Err(ToneError::NotAModel);
        }
        let bits = u32::from(reader.byte()?);
        if !(8..=24).contains(&bits) {
            return Err(ToneError::BadSize(bits));
        }
        let count = usize::from(reader.byte()?);
        let window = usize::from(reader.byte()?).max(1);
        let scale = reader.float()?;
        let margin = reader.float()?;
        let mut heads = Vec::with_capacity(count);
        for _ in 0..count {
            let len = usize::from(reader.byte()?);
            let name = String::from_utf8_lossy(reader.take(len)?).into_owned();
            let category = Category::from_name(&name).ok_or(ToneError::UnknownCategory(name))?;
            heads.push(Head { category, bias: reader.float()?, threshold: reader.float()? });
        }
        let table = reader.take((1usize << bits) * count)?.iter().map(|&b| b as i8).collect();
        Ok(ToneModel { bits, heads, scale, window, margin, table })
    }

    /// The categories the model scores.
    pub fn categories(&self) -> impl Iterator<Item = Category> + '_ {
        self.heads.iter().map(|h| h.category)
    }

    /// For each token, its features' summed table units per head, and how many features it has.
    fn token_sums(&self, draft: &Draft<'_>) -> (Vec<i32>, Vec<u32>) {
        let heads = self.heads.len();
        let mut sums = vec![0i32; draft.tokens.len() * heads];
        let mut counts = vec![0u32; draft.tokens.len()];
        for_each_feature(draft, |token, key| {
            let row = bucket(key, self.bits) as usize * heads;
            for (sum, &w) in sums[token * heads..][..heads].iter_mut().zip(&self.table[row..row + heads]) {
                *sum += i32::from(w);
            }
            counts[token] += 1;
        });
        (sums, counts)
    }

    /// The token ranges the draft is scored over: the whole draft, and windows of `window`
    /// tokens (every half window) when it is longer, so that one bullying sentence in a long
    /// newsletter is not averaged away.
    fn ranges(&self, tokens: usize) -> Vec<Range<usize>> {
        let window = self.window;
        let mut ranges = Vec::with_capacity(1 + tokens / (window / 2).max(1) + 1);
        ranges.push(0..tokens);
        if tokens > window {
            ranges.extend((0..tokens - window).step_by((window / 2).max(1)).map(|s| s..s + window));
            ranges.push(tokens - window..tokens);
        }
        ranges
    }

    fn score(&self, sums: &[i32], counts: &[u32], head: usize, range: Range<usize>) -> f32 {
        let heads = self.heads.len();
        let units: i64 = range.clone().map(|t| i64::from(sums[t * heads + head])).sum();
        let features: u64 = range.map(|t| u64::from(counts[t])).sum();
        // Precision is not at stake: a draft has at most some tens of thousands of features.
        let mean = units as f32 / features.max(1) as f32;
        self.heads[head].bias + self.scale * mean
    }

    /// For each head, its best range and that range's score.
    fn best_ranges(&self, sums: &[i32], counts: &[u32], tokens: usize) -> Vec<(Range<usize>, f32)> {
        let ranges = self.ranges(tokens);
        (0..self.heads.len())
            .map(|h| {
                ranges.iter().fold((0..tokens, f32::NEG_INFINITY), |best, range| {
                    let score = self.score(sums, counts, h, range.clone());
                    if score > best.1 { (range.clone(), score) } else { best }
                })
            })
            .collect()
    }

    /// What the model finds in the draft: each category whose score reaches its threshold,
    /// with the words that carry it.
    pub fn judge(&self, draft: &Draft<'_>) -> Vec<ToneFinding> {
        if draft.tokens.is_empty() {
            return Vec::new();
        }
        let (sums, counts) = self.token_sums(draft);
        let best = self.best_ranges(&sums, &counts, draft.tokens.len());
        let mut found = Vec::new();
        for (h, (head, (range, score))) in self.heads.iter().zip(best).enumerate() {
            if score < head.threshold {
                continue;
            }
            let phrase = self.phrase(&draft.tokens, &sums, &counts, h, range);
            let whole_draft = phrase.is_none();
            let span = match phrase {
                Some(phrase) => draft.span(phrase.start, phrase.end),
                None => draft.span(0, draft.tokens.len()),
            };
            found.push(ToneFinding { category: head.category, span, whole_draft });
        }
        found
    }

    /// The run of tokens in `range` whose mean weight for head `h` stands out most above the
    /// range's own mean by `margin` (the maximum-sum run); none when no word stands out, and
    /// the finding is about the draft as a whole.
    fn phrase(
        &self,
        tokens: &[Token],
        sums: &[i32],
        counts: &[u32],
        h: usize,
        range: Range<usize>,
    ) -> Option<Range<usize>> {
        let heads = self.heads.len();
        let density = |t: usize| self.scale * sums[t * heads + h] as f32 / counts[t].max(1) as f32;
        let mean = range.clone().map(density).sum::<f32>() / range.len().max(1) as f32;
        let (mut best, mut best_sum) = (None, 0.0f32);
        let (mut run_start, mut run_sum) = (range.start, 0.0f32);
        for t in range.clone() {
            if run_sum <= 0.0 {
                run_start = t;
                run_sum = 0.0;
            }
            run_sum += density(t) - mean - self.margin;
            if run_sum > best_sum {
                best_sum = run_sum;
                best = Some(run_start..t + 1);
            }
        }
        // The words beside it that also count for the category, in the same sentence, make
        // it a phrase: "a total idiot", not "idiot".
        let mut phrase = best?;
        let same_sentence = |a: usize, b: usize| tokens[a].sentence == tokens[b].sentence;
        while phrase.len() < MAX_PHRASE
            && phrase.start > range.start
            && same_sentence(phrase.start - 1, phrase.start)
            && density(phrase.start - 1) > 0.0
        {
            phrase.start -= 1;
        }
        while phrase.len() < MAX_PHRASE
            && phrase.end < range.end
            && same_sentence(phrase.end, phrase.end - 1)
            && density(phrase.end) > 0.0
        {
            phrase.end += 1;
        }
        Some(phrase)
    }
}

/// The tone model file the project ships (`lexicons/tone.bin`), compiled into the native
/// program (`check`, `eval`) and copied into the site for the browser to fetch.
#[cfg(not(target_arch = "wasm32"))]
pub const BUNDLED: &[u8] = include_bytes!("../../lexicons/tone.bin");

/// The shipped tone model, read once; `None` if the file does not read (a bug the tests catch).
#[cfg(not(target_arch = "wasm32"))]
pub fn bundled() -> Option<&'static ToneModel> {
    static MODEL: std::sync::LazyLock<Option<ToneModel>> =
        std::sync::LazyLock::new(|| ToneModel::from_bytes(BUNDLED).ok());
    MODEL.as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::testing::{context, vocabulary};
    use crate::model::{Author, Channel};
    use crate::text::pattern::CueEngine;

    /// A model file with `heads` (name, bias, threshold) and a table built by `weight(bucket,
    /// head)`.
    fn model_file(bits: u8, margin: f32, heads: &[(&str, f32, f32)], weight: impl Fn(u32, usize) -> i8) -> Vec<u8> {
        let mut bytes = MAGIC.to_vec();
        bytes.push(bits);
        bytes.push(u8::try_from(heads.len()).expect("few heads"));
        bytes.push(64);
        bytes.extend(1.0f32.to_le_bytes());
        bytes.extend(margin.to_le_bytes());
        for (name, bias, threshold) in heads {
            bytes.push(u8::try_from(name.len()).expect("short name"));
            bytes.extend(name.as_bytes());
            bytes.extend(bias.to_le_bytes());
            bytes.extend(threshold.to_le_bytes());
        }
        for b in 0..1u32 << bits {
            for h in 0..heads.len() {
                bytes.push(weight(b, h).to_le_bytes()[0]);
            }
        }
        bytes
    }

    fn buckets_of(text: &str, bits: u32) -> Vec<Vec<u32>> {
        let vocabulary = vocabulary();
        let engine = CueEngine::default();
        let context = context(Author::Parent, Channel::Group);
        let draft = Draft::new(text, &context, &vocabulary, &engine);
        token_buckets(&draft, bits)
    }

    #[test]
    fn features_are_the_same_for_the_same_words() {
        let a = buckets_of("Mrs Jones is a total idiot", 16);
        let b = buckets_of("MRS   JONES is a total idiot!!", 16);
        assert_eq!(a, b);
        assert_eq!(a.len(), 6);
        // "a" has its word, its n-grams ("<a>"), and the pair "a total".
        assert_eq!(a[3].len(), 3);
        // A table with fewer bits takes the prefixes of the same buckets.
        let small = buckets_of("Mrs Jones is a total idiot", 12);
        assert!(a.iter().flatten().zip(small.iter().flatten()).all(|(big, small)| big >> 4 == *small));
    }

    #[test]
    fn a_bad_file_is_an_error() {
        assert_eq!(ToneModel::from_bytes(b"PWTONE").err(), Some(ToneError::NotAModel));
        assert_eq!(ToneModel::from_bytes(b"something else").err(), Some(ToneError::NotAModel));
        let file = model_file(8, 0.0, &[("bullying", 0.0, 1.0)], |_, _| 0);
        assert_eq!(ToneModel::from_bytes(&file[..file.len() - 1]).err(), Some(ToneError::Truncated(36)));
        let unknown = model_file(8, 0.0, &[("rudeness", 0.0, 1.0)], |_, _| 0);
        assert_eq!(ToneModel::from_bytes(&unknown).err(), Some(ToneError::UnknownCategory("rudeness".to_owned())));
    }

    /// A model whose bullying weight is 100 on the buckets of `words` and -1 elsewhere.
    fn model_for(words: &str, threshold: f32) -> ToneModel {
        let marked: Vec<u32> = buckets_of(words, 12).into_iter().flatten().collect();
        let file =
            model_file(12, 0.0, &[("bullying", 0.0, threshold)], |b, _| if marked.contains(&b) { 100 } else { -1 });
        ToneModel::from_bytes(&file).expect("reads")
    }

    fn judge(model: &ToneModel, text: &str) -> Vec<(Category, String, bool)> {
        let vocabulary = vocabulary();
        let engine = CueEngine::default();
        let context = context(Author::Parent, Channel::Group);
        let draft = Draft::new(text, &context, &vocabulary, &engine);
        model
            .judge(&draft)
            .into_iter()
            .map(|f| (f.category, text[f.span.start..f.span.end].to_owned(), f.whole_draft))
            .collect()
    }

    #[test]
    fn the_span_is_the_phrase_that_carries_it() {
        let model = model_for("total idiot", 5.0);
        assert_eq!(
            judge(&model, "Lovely day. Mrs Jones is a total idiot and always has been."),
            [(Category::Bullying, "total idiot".to_owned(), false)]
        );
        assert!(judge(&model, "Lovely day, thank you Mrs Jones.").is_empty());
    }

    #[test]
    fn a_finding_no_word_stands_out_in_is_about_the_whole_draft() {
        // Every bucket weighs the same: the draft passes, but no phrase carries it.
        let file = model_file(12, 0.0, &[("bullying", 0.0, 5.0)], |_, _| 10);
        let model = ToneModel::from_bytes(&file).expect("reads");
        let text = "We will see about that. Your choice";
        assert_eq!(judge(&model, text), [(Category::Bullying, text.to_owned(), true)]);
    }

    #[test]
    fn scores_are_deterministic_and_spans_on_char_boundaries() {
        let model = model_for("total idiot", 0.5);
        let text = "Ms Zoë 👩‍👩‍👧 Ng is a tötal idiot é\u{301}";
        let first = judge(&model, text);
        assert_eq!(first, judge(&model, text));
        assert!(!first.is_empty());
        let vocabulary = vocabulary();
        let engine = CueEngine::default();
        let context = context(Author::Parent, Channel::Group);
        let draft = Draft::new(text, &context, &vocabulary, &engine);
        for finding in model.judge(&draft) {
            assert!(text.is_char_boundary(finding.span.start) && text.is_char_boundary(finding.span.end));
        }
    }
}
