//! The order a quiz's questions and choices are shown in, from a seed: a class sees varied
//! orders, and anyone with the seed sees the same order again, so a certificate's answers can
//! be re-checked.
//!
//! No `rand`: the generator is SplitMix64 (Steele, Lea and Flood, "Fast splittable
//! pseudorandom number generators", 2014), eight lines, public domain in its reference form,
//! and good enough to shuffle ten questions. The order is a function of the seed and the
//! quiz's shape (how many questions, how many choices each, which kinds) and nothing else:
//!
//! 1. The generator starts from the seed as a 64-bit state.
//! 2. The questions are shuffled by Fisher–Yates: for `i` from the last index down to 1, swap
//!    item `i` with item `below(i + 1)`.
//! 3. Then, for each question in the order written, its choices are shuffled the same way if
//!    it is a single or multiple choice question; true/false and "would you post this?" keep
//!    their choices in the usual order, and draw no numbers.
//!
//! `below(n)` takes the top 32 bits of the next output, `x`, and returns the top 32 bits of
//! `x * n`, drawing again while the low 32 bits are below `2^32 mod n` (Lemire's unbiased
//! method), so every order is equally likely.

use super::key::QuizKey;

/// SplitMix64: a 64-bit state advanced by a constant and mixed on the way out.
#[derive(Clone, Debug)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`, every one equally likely; 0 when `n` is 0.
    pub fn below(&mut self, n: u32) -> u32 {
        if n == 0 {
            return 0;
        }
        let threshold = n.wrapping_neg() % n;
        loop {
            let x = (self.next_u64() >> 32) as u32;
            let product = u64::from(x) * u64::from(n);
            if (product as u32) >= threshold {
                return (product >> 32) as u32;
            }
        }
    }

    /// Shuffles `items` in place (Fisher–Yates, from the end).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let bound = u32::try_from(i + 1).unwrap_or(u32::MAX);
            items.swap(i, self.below(bound) as usize);
        }
    }
}

/// The order one attempt at a quiz is shown in: positions into the quiz as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Order {
    /// The questions' indices, in the order shown.
    pub questions: Vec<usize>,
    /// For each question as written, its choices' indices in the order shown.
    pub choices: Vec<Vec<usize>>,
}

impl Order {
    /// The order for `quiz` with `seed` (see the module's description).
    pub fn new(quiz: &QuizKey, seed: u32) -> Order {
        let mut rng = SplitMix64::new(u64::from(seed));
        let mut questions: Vec<usize> = (0..quiz.questions.len()).collect();
        rng.shuffle(&mut questions);
        let mut choices = Vec::with_capacity(quiz.questions.len());
        for question in &quiz.questions {
            let mut order: Vec<usize> = (0..question.choices.len()).collect();
            if question.kind.shuffles_choices() {
                rng.shuffle(&mut order);
            }
            choices.push(order);
        }
        Order { questions, choices }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::key::{ChoiceKey, QuestionKey};
    use crate::quiz::model::Kind;

    #[test]
    fn splitmix64_gives_the_reference_outputs() {
        // From the reference C code (Vigna, prng.di.unimi.it/splitmix64.c) with state 0.
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(rng.next_u64(), 0x6e78_9e6a_a1b9_65f4);
        assert_eq!(rng.next_u64(), 0x06c4_5d18_8009_454f);
    }

    #[test]
    fn below_stays_below_and_reaches_every_value() {
        let mut rng = SplitMix64::new(42);
        let mut seen = [0u32; 7];
        for _ in 0..7000 {
            let n = rng.below(7);
            assert!(n < 7);
            seen[n as usize] += 1;
        }
        assert!(seen.iter().all(|&count| (850..1150).contains(&count)), "roughly uniform: {seen:?}");
        assert_eq!(rng.below(0), 0);
        assert_eq!(rng.below(1), 0);
    }

    #[test]
    fn a_shuffle_is_a_permutation_and_every_order_can_happen() {
        let mut orders = std::collections::BTreeSet::new();
        for seed in 0..2000 {
            let mut items = [0, 1, 2, 3];
            SplitMix64::new(seed).shuffle(&mut items);
            let mut sorted = items;
            sorted.sort_unstable();
            assert_eq!(sorted, [0, 1, 2, 3]);
            orders.insert(items);
        }
        assert_eq!(orders.len(), 24, "all 4! orders of four items");
    }

    fn quiz(kinds: &[(Kind, usize)]) -> QuizKey {
        let questions = kinds
            .iter()
            .enumerate()
            .map(|(i, &(kind, choices))| QuestionKey {
                id: format!("q{i}"),
                kind,
                choices: (0..choices).map(|c| ChoiceKey { correct: c == 0 }).collect(),
            })
            .collect();
        QuizKey { id: "q".to_owned(), version: 1, questions }
    }

    #[test]
    fn the_same_seed_gives_the_same_order_and_seeds_vary_it() {
        let quiz =
            quiz(&[(Kind::Single, 4), (Kind::Multiple, 5), (Kind::TrueFalse, 2), (Kind::Post, 2), (Kind::Single, 3)]);
        assert_eq!(Order::new(&quiz, 1234), Order::new(&quiz, 1234));
        let orders: std::collections::BTreeSet<Vec<usize>> = (0..50).map(|s| Order::new(&quiz, s).questions).collect();
        assert!(orders.len() > 20, "seeds give varied question orders: {}", orders.len());
        let choice_orders: std::collections::BTreeSet<Vec<usize>> =
            (0..50).map(|s| Order::new(&quiz, s).choices[0].clone()).collect();
        assert!(choice_orders.len() > 10, "and varied choice orders");
    }

    #[test]
    fn true_false_and_post_choices_keep_their_order() {
        let quiz = quiz(&[(Kind::TrueFalse, 2), (Kind::Post, 2), (Kind::Single, 4)]);
        for seed in 0..100 {
            let order = Order::new(&quiz, seed);
            assert_eq!(order.choices[0], [0, 1]);
            assert_eq!(order.choices[1], [0, 1]);
        }
    }

    #[test]
    fn the_order_for_a_seed_is_fixed_for_ever() {
        // A certificate printed today must re-check next year: this order may never change.
        let quiz = quiz(&[(Kind::Single, 3), (Kind::Single, 4), (Kind::TrueFalse, 2), (Kind::Multiple, 4)]);
        let order = Order::new(&quiz, 271_828);
        // Worked out by hand-written Python from the description at the top of this file.
        assert_eq!(order.questions, [1, 3, 2, 0]);
        assert_eq!(order.choices, [vec![2, 1, 0], vec![3, 0, 1, 2], vec![0, 1], vec![3, 1, 2, 0]]);
    }
}
