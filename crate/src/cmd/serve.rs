//! `postwise serve`: builds the site, serves it on 127.0.0.1, and rebuilds it when a policy or
//! the WebAssembly package changes (`postwise::site::serve` says how it serves).

use super::build::{Input, build_site};
use anyhow::Context as _;
use notify::{EventKind, RecursiveMode};
use postwise::site::serve::{Served, serve};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};
use std::time::Duration;

/// How long the files must be still before a rebuild: an editor's save, or wasm-pack's
/// output, is several events.
const SETTLE: Duration = Duration::from_millis(200);

/// Build the site and serve it at http://127.0.0.1:PORT/, rebuilding when anything in the
/// policies folder or the WebAssembly package changes; open pages reload themselves.
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
    /// Serve pages as built, without the script that reloads them after a rebuild.
    #[arg(long)]
    no_live_reload: bool,
    #[command(flatten)]
    input: Input,
}

pub(crate) fn execute(args: Args) -> anyhow::Result<ExitCode> {
    // Watching starts before the first build and before the URL is printed: a change made
    // the moment the server answers (as a test or a quick editor makes it) is never missed.
    let watching = Watching::start(&args.input)?;
    let site = build_site(&args.input)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    let listener = {
        let _entered = runtime.enter();
        listen(args.port).with_context(|| format!("cannot listen on 127.0.0.1:{}", args.port))?
    };
    let port = listener.local_addr().context("the server has no TCP port")?.port();
    let served = Served::new(&site, args.out.clone(), port, !args.no_live_reload)
        .with_context(|| format!("cannot write the site to {}", args.out.display()))?;
    let served = Arc::new(served);

    let (input, watched) = (args.input.clone(), Arc::clone(&served));
    std::thread::spawn(move || watching.rebuild_on_change(&input, &watched));
    println!("Serving {} at http://127.0.0.1:{port}/ (Ctrl-C to stop)", args.out.display());
    std::io::stdout().flush().context("cannot write to standard output")?;
    runtime.block_on(serve(listener, served));
    Ok(ExitCode::SUCCESS)
}

/// Listens on 127.0.0.1:`port` with room for a burst of connections waiting to be taken
/// (std's listener leaves 128, and a browser test or a load test opens hundreds at once).
fn listen(port: u16) -> std::io::Result<tokio::net::TcpListener> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    // As std's listener does: a restart may take the port while old connections wind down.
    socket.set_reuseaddr(true)?;
    socket.bind((std::net::Ipv4Addr::LOCALHOST, port).into())?;
    socket.listen(4096)
}

/// A folder as the watcher reports paths in it: absolute, links resolved (its parent's, when
/// it does not exist yet).
fn absolute(path: &Path) -> PathBuf {
    if let Ok(path) = path.canonicalize() {
        return path;
    }
    match (
        path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).canonicalize(),
        path.file_name(),
    ) {
        (Ok(parent), Some(name)) => parent.join(name),
        _ => path.to_owned(),
    }
}

/// How often the fallback watcher looks at the files, where the system gives no file events.
const POLL_EVERY: Duration = Duration::from_millis(500);

type WatchEvent = notify::Result<notify::Event>;

/// `watcher`, watching the policies folder and all in it.
fn watch_policies(
    mut watcher: impl notify::Watcher + Send + 'static,
    policies: &Path,
) -> notify::Result<Box<dyn notify::Watcher + Send>> {
    watcher.watch(policies, RecursiveMode::Recursive)?;
    Ok(Box::new(watcher))
}

/// The policies and the WebAssembly package, watched for changes.
struct Watching {
    watcher: Box<dyn notify::Watcher + Send>,
    events: Receiver<WatchEvent>,
    policies: PathBuf,
    pkg: PathBuf,
    /// False until the package folder exists: `wasm-pack` may make it after the server starts.
    pkg_watched: bool,
}

impl Watching {
    /// Watches with the system's file events (inotify, FSEvents…), or, where those cannot be
    /// had (a container out of inotify instances, a network drive), by looking every
    /// `POLL_EVERY`.
    fn start(input: &Input) -> anyhow::Result<Self> {
        let policies = absolute(&input.policies);
        let pkg = absolute(&input.wasm_pkg);
        let (sender, events) = std::sync::mpsc::channel();
        let forward = |sender: Sender<WatchEvent>| {
            move |event| {
                let _ = sender.send(event);
            }
        };
        let system = notify::recommended_watcher(forward(sender.clone())).and_then(|w| watch_policies(w, &policies));
        let mut watcher = match system {
            Ok(watcher) => watcher,
            Err(error) => {
                eprintln!(
                    "postwise: cannot use the system's file events ({error:#}); looking for changes every {} ms instead",
                    POLL_EVERY.as_millis()
                );
                let config = notify::Config::default().with_poll_interval(POLL_EVERY);
                let poll = notify::PollWatcher::new(forward(sender), config).context("cannot watch for changes")?;
                watch_policies(poll, &policies).with_context(|| format!("cannot watch {}", policies.display()))?
            }
        };
        // The package may be made after the server starts: its folder's parent shows it arrive.
        if let Some(parent) = pkg.parent() {
            let _ = watcher.watch(parent, RecursiveMode::NonRecursive);
        }
        let pkg_watched = watcher.watch(&pkg, RecursiveMode::Recursive).is_ok();
        Ok(Self { watcher, events, policies, pkg, pkg_watched })
    }

    fn is_change(&self, event: &WatchEvent) -> bool {
        match event {
            // Reading a file (as every build does) is not a change.
            Ok(event) => {
                !matches!(event.kind, EventKind::Access(_))
                    && event.paths.iter().any(|p| p.starts_with(&self.policies) || p.starts_with(&self.pkg))
            }
            Err(_) => false,
        }
    }

    /// Puts a rebuilt site in place after each change, once the files have been still for
    /// `SETTLE`; a policy with errors leaves the last good site served.
    fn rebuild_on_change(mut self, input: &Input, served: &Served) {
        while let Ok(event) = self.events.recv() {
            let mut changed = self.is_change(&event);
            while let Ok(event) = self.events.recv_timeout(SETTLE) {
                changed |= self.is_change(&event);
            }
            if !changed {
                continue;
            }
            if !self.pkg_watched {
                self.pkg_watched = self.watcher.watch(&self.pkg, RecursiveMode::Recursive).is_ok();
            }
            // Built in memory first: a policy with errors leaves the last good site in place.
            match build_site(input)
                .and_then(|site| served.publish(&site).context("cannot put the rebuilt site in place"))
            {
                Ok(()) => eprintln!("rebuilt the site"),
                Err(error) => eprintln!("postwise: {error:#}"),
            }
        }
    }
}
