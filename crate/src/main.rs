//! The `postwise` command: lints policies, checks drafts, measures the checker, builds and
//! serves the site. One file per subcommand in `cmd/`.

#[cfg(not(target_arch = "wasm32"))]
mod cmd;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cmd::run()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
