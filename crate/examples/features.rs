//! Training aid for `lexicons/train_model.py` and `lexicons/train_tone.py`: reads JSON lines
//! with a draft's `text` on standard input and writes, for each, what the checker computes of it,
//! so training and checking agree:
//!
//! - by default, the JSON array of the draft's features for the word-level model
//!   (`detect::model::feature_names`);
//! - with `--tone`, `{"tokens": [[start, end, sentence], …], "buckets": [[…], …]}`: every
//!   token's UTF-8 span and sentence, and the buckets of its features for the tone tier
//!   (`detect::tone::token_buckets`, 20 bits: a smaller table takes their top bits).

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> anyhow::Result<()> {
    use postwise::bundle::{Platform, School};
    use postwise::detect::{Draft, Vocabulary, model, tone};
    use postwise::model::{Author, Channel, Context};
    use postwise::policy::source::PlatformSource;
    use postwise::text::pattern::CueEngine;
    use std::collections::BTreeMap;
    use std::io::{BufRead, Write};

    // The platforms every school shares, so `<platform>` is a feature as it is in checking.
    let platforms_file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies/_shared/platforms.toml");
    let platforms: BTreeMap<String, PlatformSource> = toml::from_str(&std::fs::read_to_string(platforms_file)?)?;
    let school = School {
        id: "training".to_owned(),
        name: "Training School".to_owned(),
        also_known_as: Vec::new(),
        place_names: Vec::new(),
        address: None,
        pupil_ages: [4, 18],
        pupils: "pupils".to_owned(),
        platforms: platforms
            .into_iter()
            .map(|(id, p)| Platform {
                id,
                name: p.name,
                aliases: p.aliases.iter().map(|a| a.to_lowercase()).collect(),
                ambiguous_aliases: p.ambiguous_aliases.iter().map(|a| a.to_lowercase()).collect(),
                minimum_age: p.minimum_age,
            })
            .collect(),
        covers: Default::default(),
    };
    let vocabulary = Vocabulary::new(&school);
    let engine = CueEngine::default();
    let context = Context { author: Author::Staff, channel: Channel::School, age: None, media: Vec::new() };
    let tone_buckets = std::env::args().skip(1).any(|arg| arg == "--tone");
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in std::io::stdin().lock().lines() {
        let value: serde_json::Value = serde_json::from_str(&line?)?;
        let text = value.get("text").and_then(|t| t.as_str()).unwrap_or_default();
        let draft = Draft::new(text, &context, &vocabulary, &engine);
        if tone_buckets {
            let tokens: Vec<(usize, usize, u32)> =
                draft.tokens.iter().map(|t| (t.span.start, t.span.end, t.sentence)).collect();
            let buckets = tone::token_buckets(&draft, 20);
            writeln!(out, "{}", serde_json::json!({ "tokens": tokens, "buckets": buckets }))?;
        } else {
            writeln!(out, "{}", serde_json::to_string(&model::feature_names(&draft))?)?;
        }
    }
    Ok(())
}
