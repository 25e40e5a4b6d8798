//! A learned model of what a draft is about, for the categories whose wording varies too much
//! for cue phrases alone (bullying, discrimination, disrepute, confidential matters …).
//!
//! **What it is.** For each category, a logistic regression over the draft's features: its
//! words, its word pairs, and the word classes of `lexicons/classes.txt` (so "<name> is a
//! loser" generalises over names). The weights are data, `lexicons/model.tsv`, trained by
//! `lexicons/train_model.py` on the labelled drafts in `lexicons/training/` (written for the
//! project; the held-out sets in `tests/fixtures/eval/` are never trained on).
//!
//! **How it is used.** The semantic detectors find cue phrases first; the model adds what
//! they miss. A category fires when the draft's score passes the threshold chosen at training
//! for high precision; the finding's span is the feature that weighed most for it.
//!
//! **Why features are hashed.** A draft's features are never spelt out as strings: each is a
//! 64-bit key mixed from the tokens' hashes, so scoring a 2,000-character draft is a few
//! hundred hash lookups. The model file's features (strings, readable) are turned into the same
//! keys once, when it loads.

use super::Draft;
use crate::model::{Category, Span};
use crate::text::tokens::{CLASS_NUM, Token, word_hash};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

const MODEL: &str = include_str!("../../lexicons/model.tsv");

/// The word classes that stand in for words in features, most specific first.
const FEATURE_CLASSES: &[&str] = &[
    "first-name",
    "platform",
    "school",
    "title",
    "job-title",
    "party",
    "politician",
    "group-adj",
    "group-people",
    "sen",
    "insult-noun",
    "insult-adj",
    "demeaning",
    "criticism",
    "pupil-word",
    "parent-word",
    "staff-word",
    "school-word",
    "person-noun",
    "game",
    "weekday",
    "when",
    "month",
    "place-noun",
];

const KIND_WORD: u64 = 0x9e37_79b9_7f4a_7c15;
const KIND_CLASS: u64 = 0xc2b2_ae3d_27d4_eb4f;
const KIND_PAIR: u64 = 0x1656_67b1_9e37_79f9;

fn mix(a: u64, b: u64) -> u64 {
    (a.rotate_left(5) ^ b).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// A class's label as it appears in features: `<first-name>`.
fn label(class: &str) -> String {
    format!("<{class}>")
}

/// The classes of [`FEATURE_CLASSES`] as (bit, label hash, label), resolved once.
static CLASSES: LazyLock<Vec<(u32, u64, String)>> = LazyLock::new(|| {
    FEATURE_CLASSES
        .iter()
        .filter_map(|name| {
            let bit = super::vocabulary::class_bit_of(name)?;
            Some((bit, word_hash(&label(name)), label(name)))
        })
        .collect()
});

static NUM_HASH: LazyLock<u64> = LazyLock::new(|| word_hash("<num>"));

/// How a token stands in features: its text, or `<num>` for a number.
fn token_hash(token: &Token) -> u64 {
    if token.classes & (1 << CLASS_NUM) != 0 { *NUM_HASH } else { token.hash }
}

fn token_text(token: &Token) -> &str {
    if token.classes & (1 << CLASS_NUM) != 0 { "<num>" } else { &token.text }
}

/// The first feature class a token is in, if any: (label hash, label).
fn primary_class(token: &Token) -> Option<&'static (u32, u64, String)> {
    CLASSES.iter().find(|(bit, _, _)| token.classes & (1 << bit) != 0)
}

/// The label of the first feature class a token is in (`<first-name>`), shared with the tone
/// tier's features.
pub(super) fn primary_class_label(token: &Token) -> Option<&'static str> {
    primary_class(token).map(|(_, _, label)| label.as_str())
}

/// Calls `visit(key, first_token, end_token, name)` for every feature of the draft. `name` is
/// built only when `named` is true (for training data); scoring needs keys alone.
fn for_each_feature(draft: &Draft<'_>, named: bool, mut visit: impl FnMut(u64, usize, usize, Option<String>)) {
    let tokens = &draft.tokens;
    for (i, token) in tokens.iter().enumerate() {
        let word = token_hash(token);
        visit(mix(KIND_WORD, word), i, i + 1, named.then(|| format!("w:{}", token_text(token))));
        for (bit, class_hash, class_label) in CLASSES.iter() {
            if token.classes & (1 << bit) != 0 {
                visit(mix(KIND_CLASS, *class_hash), i, i + 1, named.then(|| format!("c:{class_label}")));
            }
        }
        let Some(next) = tokens.get(i + 1).filter(|n| n.sentence == token.sentence) else { continue };
        let next_word = token_hash(next);
        let pair = |a: u64, b: u64| mix(mix(KIND_PAIR, a), b);
        visit(pair(word, next_word), i, i + 2, named.then(|| format!("b:{} {}", token_text(token), token_text(next))));
        if let Some((_, class_hash, class_label)) = primary_class(token) {
            visit(
                pair(*class_hash, next_word),
                i,
                i + 2,
                named.then(|| format!("b:{class_label} {}", token_text(next))),
            );
        }
        if let Some((_, class_hash, class_label)) = primary_class(next) {
            visit(pair(word, *class_hash), i, i + 2, named.then(|| format!("b:{} {class_label}", token_text(token))));
        }
    }
}

/// Every feature of the draft, spelt out, each once: what the trainer learns from.
pub fn feature_names(draft: &Draft<'_>) -> Vec<String> {
    let mut names = Vec::new();
    let mut seen = FxHashSet::default();
    for_each_feature(draft, true, |key, _, _, name| {
        if seen.insert(key)
            && let Some(name) = name
        {
            names.push(name);
        }
    });
    names
}

/// The key of a feature spelt out as in the model file (`w:word`, `c:<class>`, `b:one two`).
fn key_of(feature: &str) -> Option<u64> {
    let (kind, rest) = feature.split_once(':')?;
    Some(match kind {
        "w" => mix(KIND_WORD, word_hash(rest)),
        "c" => mix(KIND_CLASS, word_hash(rest)),
        "b" => {
            let (a, b) = rest.split_once(' ')?;
            mix(mix(KIND_PAIR, word_hash(a)), word_hash(b))
        }
        _ => return None,
    })
}

/// One category's part of the model.
struct CategoryModel {
    category: Category,
    bias: f32,
    /// The score at and above which the category fires.
    threshold: f32,
}

/// The trained model.
struct Model {
    categories: Vec<CategoryModel>,
    /// Feature key → (index into `categories`, weight).
    weights: FxHashMap<u64, Vec<(u8, f32)>>,
}

static TRAINED: LazyLock<Model> = LazyLock::new(|| {
    let mut model = Model { categories: Vec::new(), weights: FxHashMap::default() };
    for line in MODEL.lines().filter(|l| !l.is_empty()) {
        if let Some(head) = line.strip_prefix("## ") {
            let mut fields = head.split('\t');
            let (Some(name), Some(bias), Some(threshold)) = (fields.next(), fields.next(), fields.next()) else {
                continue;
            };
            if let (Some(category), Ok(bias), Ok(threshold)) =
                (Category::from_name(name), bias.parse(), threshold.parse())
            {
                model.categories.push(CategoryModel { category, bias, threshold });
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let (Some((feature, weight)), Some(index)) = (line.rsplit_once('\t'), model.categories.len().checked_sub(1))
        else {
            continue;
        };
        if let (Some(key), Ok(weight), Ok(index)) = (key_of(feature), weight.parse::<f32>(), u8::try_from(index)) {
            model.weights.entry(key).or_default().push((index, weight));
        }
    }
    model
});

/// What the model says of a draft: for each category it knows, the span of the feature that
/// weighed most for it, when the category fires.
pub(super) fn judge(draft: &Draft<'_>) -> Vec<(Category, Span)> {
    let model = &*TRAINED;
    if model.categories.is_empty() || draft.tokens.is_empty() {
        return Vec::new();
    }
    let mut scores: Vec<f32> = model.categories.iter().map(|c| c.bias).collect();
    let mut strongest: Vec<Option<(f32, usize, usize)>> = vec![None; model.categories.len()];
    let mut seen = FxHashSet::default();
    for_each_feature(draft, false, |key, start, end, _| {
        let Some(weights) = model.weights.get(&key) else { return };
        if !seen.insert(key) {
            return;
        }
        for &(index, weight) in weights {
            let index = usize::from(index);
            scores[index] += weight;
            if weight > 0.0 && strongest[index].is_none_or(|(w, _, _)| weight > w) {
                strongest[index] = Some((weight, start, end));
            }
        }
    });
    model
        .categories
        .iter()
        .zip(scores)
        .zip(strongest)
        .filter(|((category, score), _)| *score >= category.threshold)
        .filter_map(|((category, _), strongest)| {
            let (_, start, end) = strongest?;
            Some((category.category, draft.span(start, end)))
        })
        .collect()
}

/// Whether the model knows `category` (has weights for it).
pub fn knows(category: Category) -> bool {
    TRAINED.categories.iter().any(|c| c.category == category)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::testing::{context, vocabulary};
    use crate::model::{Author, Channel};
    use crate::text::pattern::CueEngine;

    #[test]
    fn names_and_keys_agree() {
        let vocabulary = vocabulary();
        let engine = CueEngine::default();
        let context = context(Author::Pupil, Channel::Group);
        let draft = Draft::new("Sienna is SUCH a loser, 12 of us", &context, &vocabulary, &engine);
        let names = feature_names(&draft);
        for expected in ["w:sienna", "c:<first-name>", "b:<first-name> is", "b:a loser", "w:<num>", "c:<insult-noun>"] {
            assert!(names.iter().any(|n| n == expected), "{expected} not in {names:?}");
        }
        let mut keys = Vec::new();
        for_each_feature(&draft, false, |key, _, _, _| keys.push(key));
        for name in &names {
            let key = key_of(name).expect("parses");
            assert!(keys.contains(&key), "{name} has no matching key");
        }
    }

    #[test]
    fn the_model_file_parses() {
        let lines = MODEL.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).count();
        let weights: usize = TRAINED.weights.values().map(Vec::len).sum();
        assert_eq!(lines, weights, "every weight line of model.tsv must parse");
    }
}
