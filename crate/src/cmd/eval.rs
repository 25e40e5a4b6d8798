//! `postwise eval`: measures the checker against labelled drafts.

use anyhow::{Context as _, bail};
use postwise::check::Checker;
use postwise::detect::tone;
use postwise::model::{Author, Category, Channel, Context, MediaItem};
use postwise::policy::{self, date::Date};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::ExitCode;

/// Measure the checker against labelled drafts: precision, recall and F1 per category and
/// overall, and how many harmless drafts were flagged.
///
/// Each line: {"id", "policy": "<school id>", "author", "channel", "text", "age"?, "media"?,
/// "expect": [categories that must be found], "tolerate": [categories that may be]}.
/// A category found that is neither expected nor tolerated is a false positive.
/// Exit status: 0, or 1 when --min-f1 is given and overall F1 is below it.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The labelled drafts.
    #[arg(default_value = "tests/fixtures/eval/dev.jsonl")]
    file: PathBuf,
    /// The folder with the schools' policies.
    #[arg(long, default_value = "policies")]
    policies: PathBuf,
    /// List every draft with a miss or a false positive.
    #[arg(long)]
    show_errors: bool,
    /// The word-level check alone, without the tone tier (as the page checks while typing).
    #[arg(long)]
    no_tone: bool,
    /// A tone model file to measure instead of the bundled one (`lexicons/train_tone.py --out`).
    #[arg(long, value_name = "FILE", conflicts_with = "no_tone")]
    tone_model: Option<PathBuf>,
    /// Fail (exit 1) when overall F1 is below this.
    #[arg(long)]
    min_f1: Option<f64>,
}

#[derive(Deserialize)]
struct Labelled {
    id: String,
    policy: String,
    author: Author,
    channel: Channel,
    text: String,
    #[serde(default)]
    age: Option<u32>,
    #[serde(default)]
    media: Vec<MediaItem>,
    expect: BTreeSet<Category>,
    #[serde(default)]
    tolerate: BTreeSet<Category>,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: u32,
    fp: u32,
    fn_: u32,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
    fn precision(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

fn ratio(a: u32, b: u32) -> f64 {
    if b == 0 { 1.0 } else { f64::from(a) / f64::from(b) }
}

pub(crate) fn execute(args: Args) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.file).with_context(|| format!("cannot read {}", args.file.display()))?;
    let other_model = match &args.tone_model {
        Some(path) => {
            let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            Some(tone::ToneModel::from_bytes(&bytes).with_context(|| format!("cannot read {}", path.display()))?)
        }
        None => None,
    };
    let tone = match (&other_model, args.no_tone) {
        (_, true) => None,
        (Some(model), false) => Some(model),
        (None, false) => Some(tone::bundled().context("the bundled tone model does not read")?),
    };
    let mut checkers: BTreeMap<String, Checker> = BTreeMap::new();
    let mut per_category: BTreeMap<Category, Counts> =
        Category::ALL.into_iter().map(|c| (c, Counts::default())).collect();
    let (mut benign, mut benign_flagged, mut drafts) = (0u32, 0u32, 0u32);
    for (number, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let draft: Labelled = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not a labelled draft", args.file.display(), number + 1))?;
        if !checkers.contains_key(&draft.policy) {
            let dir = args.policies.join(&draft.policy);
            let (loaded, diagnostics) = policy::load_valid(&dir, Date::today());
            let Some(loaded) = loaded else {
                for d in diagnostics.into_sorted() {
                    eprintln!("{d}");
                }
                bail!("cannot load the policy in {}", dir.display());
            };
            checkers.insert(draft.policy.clone(), Checker::new(&loaded.bundle())?);
        }
        let checker = &checkers[&draft.policy];
        let context =
            Context { author: draft.author, channel: draft.channel, age: draft.age, media: draft.media.clone() };
        let findings = match tone {
            Some(tone) => checker.check_with_tone(&draft.text, &context, tone),
            None => checker.check(&draft.text, &context),
        };
        let found: BTreeSet<Category> = findings.iter().map(|f| f.category).collect();
        drafts += 1;
        let false_positives: BTreeSet<Category> =
            found.iter().filter(|c| !draft.expect.contains(c) && !draft.tolerate.contains(c)).copied().collect();
        let missed: BTreeSet<Category> = draft.expect.difference(&found).copied().collect();
        for category in Category::ALL {
            let counts = per_category.entry(category).or_default();
            counts.tp += u32::from(draft.expect.contains(&category) && found.contains(&category));
            counts.fp += u32::from(false_positives.contains(&category));
            counts.fn_ += u32::from(missed.contains(&category));
        }
        if draft.expect.is_empty() {
            benign += 1;
            benign_flagged += u32::from(!false_positives.is_empty());
        }
        if args.show_errors && (!missed.is_empty() || !false_positives.is_empty()) {
            let names = |set: &BTreeSet<Category>| set.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ");
            println!(
                "{} [{}] missed: {} | wrongly: {}\n    {}",
                draft.id,
                draft.policy,
                names(&missed),
                names(&false_positives),
                draft.text.replace('\n', " ")
            );
        }
    }
    println!("{:<20} {:>4} {:>4} {:>4} {:>9} {:>7} {:>6}", "category", "tp", "fp", "fn", "precision", "recall", "f1");
    let mut overall = Counts::default();
    for (category, counts) in &per_category {
        overall.add(*counts);
        println!(
            "{:<20} {:>4} {:>4} {:>4} {:>9.3} {:>7.3} {:>6.3}",
            category.as_str(),
            counts.tp,
            counts.fp,
            counts.fn_,
            counts.precision(),
            counts.recall(),
            counts.f1()
        );
    }
    println!(
        "{:<20} {:>4} {:>4} {:>4} {:>9.3} {:>7.3} {:>6.3}",
        "overall",
        overall.tp,
        overall.fp,
        overall.fn_,
        overall.precision(),
        overall.recall(),
        overall.f1()
    );
    println!(
        "{drafts} drafts; benign drafts flagged: {benign_flagged} of {benign} ({:.1}%)",
        100.0 * ratio(benign_flagged, benign.max(1))
    );
    Ok(match args.min_f1 {
        Some(min) if overall.f1() < min => {
            eprintln!("overall F1 {:.3} is below {min}", overall.f1());
            ExitCode::from(1)
        }
        _ => ExitCode::SUCCESS,
    })
}
