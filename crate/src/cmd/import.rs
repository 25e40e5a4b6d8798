//! `postwise import`: a school's policy from a Word document, a PDF, a web page or text, as a
//! policy folder.

use anyhow::Context as _;
use postwise::import;
use std::path::PathBuf;
use std::process::ExitCode;

/// Import a school's policy from a Word document, a PDF, a saved web page or text into a policy
/// folder: policy.md with a clause id on every block, school.toml with the facts found and TODOs
/// for the rest, and rules.toml with proposed rules to confirm or delete. Prints what it recognised,
/// what it guessed and what needs a person.
///
/// Exit status: 0 when the folder is written, 2 when the file cannot be imported (nothing is
/// written then).
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The policy: a Word document (.docx), a PDF, a saved web page (.html) or text (.txt).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The school's id, the folder's name: lowercase letters, digits and hyphens.
    #[arg(long)]
    id: String,
    /// The folder to write. Default: policies/<id>.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Replace the folder if it exists.
    #[arg(long)]
    force: bool,
}

pub(crate) fn execute(args: Args) -> anyhow::Result<ExitCode> {
    let out = args.out.unwrap_or_else(|| super::default_policies_dir().join(&args.id));
    let options = import::Options { id: args.id, out, force: args.force };
    let report = import::run(&args.file, &options).context("import failed")?;
    print!("{report}");
    Ok(ExitCode::SUCCESS)
}
