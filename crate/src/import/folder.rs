//! Writing the folder so that a failed import leaves nothing: the files go to a hidden
//! temporary folder beside the destination (same file system, so the rename is atomic), which
//! is renamed into place only when every file is written. `postwise lint` skips folders whose
//! names start with `.`, so a leftover from a killed process is never read as a school.

use super::{Files, ImportError};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// A hidden sibling of `out` that does not exist yet.
fn sibling(out: &Path, purpose: &str) -> PathBuf {
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("policy");
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    parent.join(format!(".{name}.{purpose}-{}-{nanos}", std::process::id()))
}

fn write_all(dir: &Path, files: &Files) -> std::io::Result<()> {
    std::fs::create_dir(dir)?;
    let named = [
        ("policy.md", &files.policy),
        ("school.toml", &files.school),
        ("rules.toml", &files.rules),
        ("coverage.toml", &files.coverage),
    ];
    for (name, text) in named {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(())
}

/// Writes `files` as the folder `out`, replacing it when `force` is set.
pub(crate) fn write(out: &Path, files: &Files, force: bool) -> Result<(), ImportError> {
    let temporary = sibling(out, "import");
    if let Err(source) = write_all(&temporary, files) {
        // Best effort: the error that matters is the one being returned.
        let _ = std::fs::remove_dir_all(&temporary);
        return Err(ImportError::Write { path: temporary, source });
    }
    let replaced = if out.exists() {
        if !force {
            let _ = std::fs::remove_dir_all(&temporary);
            return Err(ImportError::Exists { path: out.to_owned() });
        }
        let old = sibling(out, "replaced");
        if let Err(source) = std::fs::rename(out, &old) {
            let _ = std::fs::remove_dir_all(&temporary);
            return Err(ImportError::Write { path: out.to_owned(), source });
        }
        Some(old)
    } else {
        None
    };
    if let Err(source) = std::fs::rename(&temporary, out) {
        // Put the old folder back, and leave no temporary one.
        if let Some(old) = &replaced {
            let _ = std::fs::rename(old, out);
        }
        let _ = std::fs::remove_dir_all(&temporary);
        return Err(ImportError::Write { path: out.to_owned(), source });
    }
    if let Some(old) = replaced {
        // The import is done: the new folder is in place. A replaced folder that cannot be
        // removed stays hidden (lint and the site skip names starting with `.`).
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(())
}
