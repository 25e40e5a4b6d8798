//! `postwise serve`: builds the site, serves it on 127.0.0.1, and rebuilds it when a policy or
//! the WebAssembly package changes.

use super::build::{Input, build_site, write_site};
use anyhow::Context as _;
use postwise::site::serve::{Fingerprint, Server};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// How often to look for changed files.
const POLL: Duration = Duration::from_millis(400);

/// Build the site and serve it at http://127.0.0.1:PORT/, rebuilding when anything in the
/// policies folder or the WebAssembly package changes.
///
/// Exit status: 2 when the first build fails or the port cannot be used.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// The port; 0 picks a free one (the URL printed says which).
    #[arg(long, default_value_t = 3000)]
    port: u16,
    /// Where to write the site.
    #[arg(long, value_name = "DIR", default_value = "site")]
    out: PathBuf,
    #[command(flatten)]
    input: Input,
}

pub(crate) fn execute(args: Args) -> anyhow::Result<ExitCode> {
    let lock = Arc::new(RwLock::new(()));
    let watched = [args.input.policies.clone(), args.input.wasm_pkg.clone()];
    let fingerprint = move || Fingerprint::of(&[watched[0].as_path(), watched[1].as_path()]);
    let mut seen = fingerprint();
    write_site(&build_site(&args.input)?, &args.out)?;

    let server = Server::bind(args.port, args.out.clone(), Arc::clone(&lock))
        .with_context(|| format!("cannot listen on 127.0.0.1:{}", args.port))?;
    let port = server.port().context("the server has no TCP port")?;
    println!("Serving {} at http://127.0.0.1:{port}/ (Ctrl-C to stop)", args.out.display());

    let input = args.input.clone();
    let out = args.out.clone();
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(POLL);
            let now = fingerprint();
            if now == seen {
                continue;
            }
            seen = now;
            // Built in memory first: a policy with errors leaves the last good site in place,
            // and requests wait only while the files are written.
            let rebuilt = build_site(&input).and_then(|site| {
                let _writing = lock.write().unwrap_or_else(std::sync::PoisonError::into_inner);
                write_site(&site, &out)
            });
            match rebuilt {
                Ok(()) => eprintln!("rebuilt the site"),
                Err(error) => eprintln!("postwise: {error:#}"),
            }
        }
    });
    server.run();
    Ok(ExitCode::SUCCESS)
}
