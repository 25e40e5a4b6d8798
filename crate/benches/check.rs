//! How fast the checker is: per-draft latency for a 280-character and a 2,000-character draft
//! with every rule of a school switched on for every author and channel, throughput on a large
//! mixed corpus, and the same drafts through rustrict (a profanity filter only) for scale; the
//! word-level check (every keystroke) and the check with the tone tier (when typing pauses);
//! the checker's tokeniser against unicode-segmentation's word boundaries.
//!
//! `cargo bench --bench check`; the comparison with rustrict is printed at the end.
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group};
use postwise::bundle::PolicyBundle;
use postwise::check::Checker;
use postwise::detect::tone;
use postwise::model::{Author, Channel, Context};
use postwise::policy::{self, date::Date};
use postwise::text::normalise::fold;
use postwise::text::tokens::tokenise;
use rustrict::CensorStr;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};
use unicode_segmentation::UnicodeSegmentation;

const SCHOOL: &str = "chestnuts";

/// The school's rules, each switched on for every author and channel.
fn every_rule_on(school: &str) -> PolicyBundle {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies").join(school);
    let (loaded, diagnostics) = policy::load_valid(&dir, Date::today());
    let Some(loaded) = loaded else { panic!("cannot load {}: {:?}", dir.display(), diagnostics.into_sorted()) };
    let mut bundle = loaded.bundle();
    for rule in &mut bundle.rules {
        rule.authors = vec![Author::Staff, Author::Pupil, Author::Parent];
        rule.channels = vec![Channel::School, Channel::Personal, Channel::Group, Channel::Direct];
    }
    bundle
}

/// Realistic sentences: school news, names, numbers, disguised words, everyday chat.
const SENTENCES: &[&str] = &[
    "Brilliant news: Keira Johnson-Blake from Kingfishers class has been picked for the county squad! ",
    "Reminder: PTA quiz night is Friday at 7:30, teams of six, bring your own snacks. ",
    "we've been chatting on the game for ages, let's meet at Bruce Castle Park on Sunday!! ",
    "Crap weather = cr\u{200B}ap sports day, rescheduled to Friday. ",
    "If you get stuck with the coursework just WhatsApp me on 07700 900874 👍 ",
    "Year 1 met a friendly cocker spaniel and some very noisy cockerels at the farm. ",
    "Personally, I think the Tories have wrecked school funding. ",
    "shut up you tw\u{0430}t, nobody asked, everyone knows you cried on the trip lol ",
    "my snapchat is @skye.moon.10 and I live at 9 Elmhurst Gardens, N17 6QQ. ",
    "Thank you to the amazing staff at Chestnuts for a brilliant sports day, the kids had a ball! ",
    "Apparently Kian in Year 4 has been kicked out of after-school club for stealing. ",
    "The school Twitter login is ChestnutsN17 / Conker#99, can you post the pictures? ",
];

/// A draft of about `len` characters made of whole sentences.
fn draft(len: usize) -> String {
    let mut text = String::new();
    for sentence in SENTENCES.iter().cycle() {
        if text.chars().count() + sentence.chars().count() > len {
            break;
        }
        text.push_str(sentence);
    }
    text
}

fn context() -> Context {
    Context { author: Author::Staff, channel: Channel::School, age: None, media: Vec::new() }
}

fn latency(c: &mut Criterion) {
    let checker = Checker::new(&every_rule_on(SCHOOL)).expect("checker");
    let tone = tone::bundled().expect("the tone model reads");
    let context = context();
    let mut group = c.benchmark_group("check one draft, every rule on");
    for len in [280, 2_000] {
        let text = draft(len);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("postwise", len), &text, |b, text| {
            b.iter(|| checker.check(black_box(text), &context))
        });
        group.bench_with_input(BenchmarkId::new("postwise with tone", len), &text, |b, text| {
            b.iter(|| checker.check_with_tone(black_box(text), &context, tone))
        });
        group.bench_with_input(BenchmarkId::new("rustrict", len), &text, |b, text| {
            b.iter(|| black_box(text.as_str()).is_inappropriate())
        });
    }
    group.finish();
}

/// Word boundaries: the checker's own tokeniser (folding, then words, with look-alike letters
/// and symbols inside words) against unicode-segmentation's word boundaries alone.
fn word_boundaries(c: &mut Criterion) {
    let text = draft(2_000);
    let mut group = c.benchmark_group("word boundaries, 2,000 characters");
    group.bench_function("postwise fold + tokenise", |b| {
        b.iter(|| {
            let folded = fold(black_box(&text));
            tokenise(&text, &folded).len()
        })
    });
    group.bench_function("unicode-segmentation words", |b| b.iter(|| black_box(&text).unicode_word_indices().count()));
    group.finish();
}

fn throughput(c: &mut Criterion) {
    let checker = Checker::new(&every_rule_on(SCHOOL)).expect("checker");
    let context = context();
    let corpus: Vec<String> = (0..2_000).map(|i| draft(80 + (i * 37) % 1_900)).collect();
    let bytes: usize = corpus.iter().map(String::len).sum();
    let mut group = c.benchmark_group("mixed corpus");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("postwise", |b| {
        b.iter(|| corpus.iter().map(|t| checker.check(t, &context).len()).sum::<usize>())
    });
    group.finish();
}

/// The mean time of `f` over about a second of runs.
fn mean_time(mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    let mut runs = 0u32;
    while start.elapsed() < Duration::from_secs(1) {
        f();
        runs += 1;
    }
    start.elapsed() / runs
}

fn compare_with_rustrict() {
    let checker = Checker::new(&every_rule_on(SCHOOL)).expect("checker");
    let context = context();
    let tone = tone::bundled().expect("the tone model reads");
    println!("\nPostwise (every rule of {SCHOOL}, all 18 categories) against rustrict (profanity only), same drafts:");
    for len in [280, 2_000] {
        let text = draft(len);
        let ours = mean_time(|| {
            black_box(checker.check(black_box(&text), &context));
        });
        let with_tone = mean_time(|| {
            black_box(checker.check_with_tone(black_box(&text), &context, tone));
        });
        let theirs = mean_time(|| {
            black_box(black_box(text.as_str()).is_inappropriate());
        });
        println!(
            "  {len:>5} characters: postwise {:>8.1} µs, rustrict {:>8.1} µs, postwise/rustrict = {:.2}; \
             with the tone tier {:>8.1} µs (the tone tier's share {:>8.1} µs)",
            ours.as_secs_f64() * 1e6,
            theirs.as_secs_f64() * 1e6,
            ours.as_secs_f64() / theirs.as_secs_f64(),
            with_tone.as_secs_f64() * 1e6,
            with_tone.saturating_sub(ours).as_secs_f64() * 1e6,
        );
    }
}

criterion_group!(benches, latency, throughput, word_boundaries);

fn main() {
    benches();
    compare_with_rustrict();
    Criterion::default().configure_from_args().final_summary();
}
