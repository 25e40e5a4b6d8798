//! `postwise build`: renders every school's policy, rules and pages to a static site.

use anyhow::Context as _;
use postwise::policy::date::Date;
use postwise::site::{self, Options, Site};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Build the static website: a home page listing the schools, and for each school its home
/// page, policy, rules and the checker's compiled rules (`rules.json`).
///
/// Exit status: 0 built, 2 when a policy has errors or the site cannot be written.
#[derive(clap::Args, Clone, Debug)]
pub(crate) struct Args {
    /// Where to write the site. It is emptied first, if it was made by an earlier build.
    #[arg(long, value_name = "DIR", default_value = "site")]
    pub(crate) out: PathBuf,
    #[command(flatten)]
    pub(crate) input: Input,
}

/// What a build reads; shared with `postwise serve`.
#[derive(clap::Args, Clone, Debug)]
pub(crate) struct Input {
    /// The folder of school folders.
    #[arg(long, value_name = "DIR", default_value_os_t = super::default_policies_dir())]
    pub(crate) policies: PathBuf,
    /// wasm-pack's output (`postwise.js`, `postwise_bg.wasm`) for the checker page. The site
    /// is built without it when it is missing.
    #[arg(long, value_name = "DIR", default_value = "crate/pkg")]
    pub(crate) wasm_pkg: PathBuf,
    /// The date for the overdue-review check (default: today, or SOURCE_DATE_EPOCH).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub(crate) today: Option<Date>,
}

fn parse_day(text: &str) -> Result<Date, String> {
    Date::parse(text).filter(|d| d.day.is_some()).ok_or_else(|| format!("`{text}` is not a date: write YYYY-MM-DD"))
}

impl Input {
    pub(crate) fn options(&self) -> Options {
        Options {
            policies: self.policies.clone(),
            wasm_pkg: self.wasm_pkg.clone(),
            today: self.today.unwrap_or_else(Date::today),
        }
    }
}

/// Builds the site in memory, reporting warnings and a missing WebAssembly package on stderr;
/// shared with `postwise serve`.
pub(crate) fn build_site(input: &Input) -> anyhow::Result<Site> {
    let options = input.options();
    let site =
        site::build(&options).with_context(|| format!("cannot build the site from {}", options.policies.display()))?;
    for warning in &site.warnings {
        eprintln!("{warning}");
    }
    if !site.wasm_pkg_found {
        eprintln!(
            "postwise: no WebAssembly package in {} (postwise.js, postwise_bg.wasm): the site is built without the \
             post checker; build it with `wasm-pack build crate --target web`",
            options.wasm_pkg.display()
        );
    }
    Ok(site)
}

/// Writes a built site to `out`.
pub(crate) fn write_site(site: &Site, out: &Path) -> anyhow::Result<()> {
    site.write(out).with_context(|| format!("cannot write the site to {}", out.display()))
}

pub(crate) fn execute(args: Args) -> anyhow::Result<ExitCode> {
    let site = build_site(&args.input)?;
    write_site(&site, &args.out)?;
    eprintln!(
        "built {} school{} into {}",
        site.schools.len(),
        if site.schools.len() == 1 { "" } else { "s" },
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
