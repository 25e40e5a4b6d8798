//! Argument parsing and dispatch. Exit statuses are the same for every subcommand:
//! 0 done, 1 the input had problems (reported), 2 the command could not run.

mod build;
mod check;
mod eval;
mod import;
mod keys;
mod lint;
mod serve;
mod size;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Postwise: a school's social-media policy as data, a checker for draft posts, and a
/// static site for staff, pupils and parents.
#[derive(Parser)]
#[command(name = "postwise", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Lint(lint::Args),
    Check(check::Args),
    Eval(eval::Args),
    Import(import::Args),
    Keys(keys::Args),
    Build(build::Args),
    Serve(serve::Args),
    Size(size::Args),
}

/// The folder holding every school's policy, as found from the current directory.
pub(crate) fn default_policies_dir() -> PathBuf {
    PathBuf::from("policies")
}

pub(crate) fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Lint(args) => lint::execute(args),
        Command::Check(args) => check::execute(args),
        Command::Eval(args) => eval::execute(args),
        Command::Import(args) => import::execute(args),
        Command::Keys(args) => keys::execute(args),
        Command::Size(args) => size::execute(args),
        Command::Build(args) => build::execute(args),
        Command::Serve(args) => serve::execute(args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("postwise: {error:#}");
            ExitCode::from(2)
        }
    }
}
