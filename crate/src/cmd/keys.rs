//! `postwise keys new`: makes a school's key for countersigning form records. The private half
//! goes to a file sealed with a passphrase, outside the policies folder; the public half is
//! printed as the `[[keys]]` lines for the school's `school.toml`, and added there with `--add`.

use anyhow::{Context as _, bail};
use postwise::form::key::{KEY_RANDOM_BYTES, OfficeKey};
use postwise::policy::date::Date;
use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The school's keys for countersigning the form records it receives.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    New(NewArgs),
}

/// Make a new key: the private half in a file sealed with a passphrase (asked for on the
/// terminal, or read as the first line of standard input), the public half printed as the
/// `[[keys]]` lines for `school.toml`.
///
/// Keep the file where the office keeps its own records, never in the policies folder or the
/// repository. A lost or leaked key is replaced: set `valid_to` on its `[[keys]]` entry and
/// make a new one; receipts it made before then still verify.
///
/// Exit status: 0 made, 2 when it could not be (a missing school, a file already there, a
/// passphrase too short or not repeated the same).
#[derive(clap::Args)]
struct NewArgs {
    /// The school's id: its folder under the policies folder.
    #[arg(long)]
    school: String,
    /// Where to write the key file. It must not exist yet, nor be in the policies folder.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// The first day the key may sign (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    valid_from: Option<String>,
    /// Add the `[[keys]]` lines to the school's school.toml as well as printing them.
    #[arg(long)]
    add: bool,
    /// The folder of school folders.
    #[arg(long, value_name = "DIR", default_value_os_t = super::default_policies_dir())]
    policies: PathBuf,
}

pub(crate) fn execute(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::New(args) => new(args),
    }
}

fn new(args: NewArgs) -> anyhow::Result<ExitCode> {
    let school_toml = args.policies.join(&args.school).join("school.toml");
    if !school_toml.is_file() {
        bail!("no school `{}`: {} does not exist", args.school, school_toml.display());
    }
    if args.out.exists() {
        bail!("{} exists already: choose another file, so no key is overwritten", args.out.display());
    }
    refuse_inside(&args.out, &args.policies)?;
    let valid_from = match &args.valid_from {
        Some(day) => {
            let date = Date::parse(day).filter(|d| d.day.is_some());
            date.with_context(|| format!("--valid-from `{day}` is not a date: write YYYY-MM-DD"))?;
            day.clone()
        }
        None => {
            let today = Date::today();
            format!("{:04}-{:02}-{:02}", today.year, today.month, today.day.unwrap_or(1))
        }
    };
    let passphrase = passphrase()?;
    let mut random = [0u8; KEY_RANDOM_BYTES];
    getrandom::fill(&mut random).map_err(|e| anyhow::anyhow!("no random numbers from the system: {e}"))?;
    let (key, file) = OfficeKey::generate(&args.school, &passphrase, &random).map_err(anyhow::Error::msg)?;
    random.fill(0);
    write_new(&args.out, format!("{file}\n").as_bytes())?;
    let entry = format!(
        "\n# The office's key {}, made {valid_from} by `postwise keys new`. When it is lost or\n# replaced, add valid_to = \"<the last day it signed>\" here; never delete the entry.\n[[keys]]\npublic_key = \"{}\"\nvalid_from = \"{valid_from}\"\n",
        key.public_key().id(),
        key.public_key().to_text()
    );
    eprintln!("postwise: the key's private half is in {}, sealed with the passphrase.", args.out.display());
    eprintln!("Keep the file and the passphrase apart, and never in the policies folder or the repository.");
    if args.add {
        let mut toml = std::fs::OpenOptions::new()
            .append(true)
            .open(&school_toml)
            .with_context(|| format!("cannot add the key to {}", school_toml.display()))?;
        toml.write_all(entry.as_bytes()).with_context(|| format!("cannot write {}", school_toml.display()))?;
        eprintln!(
            "Added to {}: build and publish the site, then the office page can countersign.",
            school_toml.display()
        );
    } else {
        eprintln!("Add these lines to {}, then build and publish the site:", school_toml.display());
    }
    print!("{entry}");
    Ok(ExitCode::SUCCESS)
}

/// Refuses a key file that would be written inside the policies folder.
fn refuse_inside(out: &Path, policies: &Path) -> anyhow::Result<()> {
    let folder = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let folder = folder.canonicalize().with_context(|| format!("no folder {}", folder.display()))?;
    let policies = policies.canonicalize().with_context(|| format!("no policies folder {}", policies.display()))?;
    if folder.starts_with(&policies) {
        bail!(
            "{} is in the policies folder, which is public: write the key file somewhere only the office reads",
            out.display()
        );
    }
    Ok(())
}

/// Writes a file that must not exist yet, readable by its owner only where the system says so.
fn write_new(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(bytes).with_context(|| format!("cannot write {}", path.display()))
}

/// The passphrase: typed twice on the terminal without showing it, or the first line of
/// standard input when that is not a terminal (a script).
fn passphrase() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Passphrase for the key file (three random words or more): ")?;
        let again = rpassword::prompt_password("The same passphrase again: ")?;
        if first != again {
            bail!("the two passphrases are not the same");
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).context("cannot read the passphrase from standard input")?;
    Ok(line.trim_end_matches(['\n', '\r']).to_owned())
}
