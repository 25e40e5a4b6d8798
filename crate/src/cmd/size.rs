//! `postwise size`: what the browser downloads for the checker, raw and gzipped.

use anyhow::Context as _;
use flate2::{Compression, write::GzEncoder};
use postwise::policy::{self, date::Date};
use postwise::site::assets::served;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Report the size of the WebAssembly checker, its glue and page assets, the word lists
/// compiled into it, each school's rules, the tone tier's file (a second download, after the
/// checker is ready), and the quizzes' and forms' packages, raw and gzipped (gzip -9, as a
/// static host would serve them).
///
/// Exit status: 0, or 1 when --max-checker-kb is given and a school's checker page downloads
/// more than that (gzipped), or --max-forms-kb and the forms' WebAssembly is larger than that
/// (gzipped), 2 when the WebAssembly package has not been built.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The wasm-pack output folder.
    #[arg(long, default_value = "crate/pkg")]
    wasm_pkg: PathBuf,
    /// The folder with the schools' policies.
    #[arg(long, default_value = "policies")]
    policies: PathBuf,
    /// Fail when a checker page's download exceeds this many kilobytes gzipped.
    #[arg(long)]
    max_checker_kb: Option<u64>,
    /// Fail when the forms' WebAssembly (`postwise_forms_bg.wasm`) exceeds this many kilobytes
    /// gzipped.
    #[arg(long)]
    max_forms_kb: Option<u64>,
}

fn gzipped_len(bytes: &[u8]) -> anyhow::Result<u64> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len() as u64)
}

fn row(name: &str, bytes: &[u8]) -> anyhow::Result<u64> {
    let gz = gzipped_len(bytes)?;
    println!("{name:<38} {:>9} {:>9}", bytes.len(), gz);
    Ok(gz)
}

fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

pub(crate) fn execute(args: Args) -> anyhow::Result<ExitCode> {
    let wasm_path = args.wasm_pkg.join("postwise_bg.wasm");
    if !wasm_path.exists() {
        eprintln!("postwise: no WebAssembly package in {} (build it with .ci/build-wasm)", args.wasm_pkg.display());
        return Ok(ExitCode::from(2));
    }
    println!("{:<38} {:>9} {:>9}", "file", "bytes", "gzipped");
    let mut shared = 0;
    shared += row("postwise_bg.wasm (the checker)", &read(&wasm_path)?)?;
    // Scripts and styles as the site serves them, without their comment lines.
    let glue = served("postwise.js", &read(&args.wasm_pkg.join("postwise.js"))?);
    shared += row("postwise.js (wasm-bindgen glue)", &glue)?;
    for (name, bytes) in [
        ("check.js", &include_bytes!("../../../www/js/check.js")[..]),
        ("check.css", &include_bytes!("../../../www/css/check.css")[..]),
        ("postwise.css", &include_bytes!("../../../www/css/postwise.css")[..]),
    ] {
        shared += row(name, &served(name, bytes))?;
    }
    println!("\nword lists compiled into the checker:");
    let mut lexicon = Vec::new();
    for (name, bytes) in postwise::lexicon::FILES {
        row(name, bytes.as_bytes())?;
        lexicon.extend_from_slice(bytes.as_bytes());
    }
    row("all word lists", &lexicon)?;
    println!("\neach school's rules.json, and the checker page's whole download:");
    let mut largest = 0;
    for dir in policy::school_dirs(&args.policies)? {
        let (loaded, _) = policy::load_valid(&dir, Date::today());
        let Some(loaded) = loaded else { anyhow::bail!("cannot load {}: run postwise lint", dir.display()) };
        let json = serde_json::to_vec(&loaded.bundle())?;
        let rules = row(&format!("{}/rules.json", loaded.id), &json)?;
        largest = largest.max(shared + rules);
    }
    println!("\nlargest checker page download (gzipped, without its HTML): {:.1} KB", largest as f64 / 1024.0);
    println!("\nfetched by the checker page once the checker is ready (not in its first download):");
    row(
        "check-tools.js (cards, rewrites, set aside, print)",
        &served("check-tools.js", include_bytes!("../../../www/js/check-tools.js")),
    )?;
    row("check-tools.css", &served("check-tools.css", include_bytes!("../../../www/css/check-tools.css")))?;
    row("tone.bin (the tone tier's model)", postwise::detect::tone::BUNDLED)?;
    println!("\nthe other pages' packages, and the check page's tools, when built:");
    let mut forms = None;
    for (file, what) in [
        ("postwise_quiz_bg.wasm", "quizzes"),
        ("postwise_forms_bg.wasm", "forms"),
        ("postwise_tools_bg.wasm", "check page's rewrites and counter, when first used"),
    ] {
        if let Ok(bytes) = std::fs::read(args.wasm_pkg.join(file)) {
            let gz = row(&format!("{file} ({what})"), &bytes)?;
            if what == "forms" {
                forms = Some(gz);
            }
        }
    }
    let mut over = false;
    if let Some(max) = args.max_checker_kb.filter(|max| largest > max * 1024) {
        eprintln!(
            "postwise: the checker page downloads {:.1} KB gzipped, over the {max} KB budget",
            largest as f64 / 1024.0
        );
        over = true;
    }
    if let Some(max) = args.max_forms_kb {
        match forms {
            Some(gz) if gz > max * 1024 => {
                eprintln!(
                    "postwise: the forms' WebAssembly is {:.1} KB gzipped, over the {max} KB budget",
                    gz as f64 / 1024.0
                );
                over = true;
            }
            Some(_) => {}
            None => anyhow::bail!("no postwise_forms_bg.wasm in {} to measure", args.wasm_pkg.display()),
        }
    }
    Ok(if over { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
