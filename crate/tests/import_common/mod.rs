//! What the import's integration tests share: a scratch `policies/` folder with a copy of
//! `_shared/`, and an import into it.

use crate::support::copy_tree;
use postwise::import::{self, ImportError, Options, Report};
use std::path::{Path, PathBuf};

pub(crate) fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A fresh `policies/` folder with a copy of `_shared/`, for one test: `<area>/<name>` under
/// cargo's temporary folder for tests, so two test files never share one.
pub(crate) fn scratch(area: &str, name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(area).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    copy_tree(&repo().join("policies/_shared"), &dir.join("_shared"));
    dir
}

/// `source` imported as school `id` into the `policies/` folder `policies`.
pub(crate) fn import_into(policies: &Path, source: &Path, id: &str) -> Result<Report, ImportError> {
    import::run(source, &Options { id: id.to_owned(), out: policies.join(id), force: false })
}
