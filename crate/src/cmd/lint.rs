//! `postwise lint`: loads and validates policies, runs every rule's examples, and checks the
//! school's forms.

use anyhow::Context as _;
use postwise::policy::{self, date::Date, diagnostic::Level};
use std::path::PathBuf;
use std::process::ExitCode;

/// Check policy folders: every problem is printed as `file:line:column: level: message`.
///
/// Exit status: 0 when there are no errors (warnings are printed, such as a review date in
/// the past), 1 when any policy has an error, 2 when lint could not run (a folder that does
/// not exist, bad arguments).
#[derive(clap::Args)]
pub(crate) struct Args {
    /// A policy folder to check; repeat for several. Default: every school in ./policies.
    #[arg(long = "policy", value_name = "DIR")]
    policies: Vec<PathBuf>,
    /// Treat warnings as errors.
    #[arg(long)]
    deny_warnings: bool,
}

pub(crate) fn execute(args: Args) -> anyhow::Result<ExitCode> {
    let dirs = if args.policies.is_empty() {
        let root = super::default_policies_dir();
        policy::school_dirs(&root).with_context(|| format!("cannot list the schools in {}", root.display()))?
    } else {
        args.policies
    };
    if let Some(missing) = dirs.iter().find(|d| !d.is_dir()) {
        anyhow::bail!("no such policy folder: {}", missing.display());
    }
    let today = Date::today();
    let (mut errors, mut warnings) = (0, 0);
    for dir in &dirs {
        let mut diagnostics = policy::diagnostic::Diagnostics::default();
        if let Some(loaded) = policy::load(dir, &mut diagnostics) {
            loaded.lint(today, &mut diagnostics);
            // The school's forms (`forms/*.toml`), checked against its policy.
            postwise::form::compile::school_forms(&loaded, &mut diagnostics);
        }
        for diagnostic in diagnostics.into_sorted() {
            match diagnostic.level {
                Level::Error => errors += 1,
                Level::Warning => warnings += 1,
            }
            println!("{diagnostic}");
        }
    }
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    eprintln!(
        "{} polic{} checked: {errors} error{}, {warnings} warning{}",
        dirs.len(),
        if dirs.len() == 1 { "y" } else { "ies" },
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
    );
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
