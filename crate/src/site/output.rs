//! Step 5 of the build: writing the site, after emptying the output folder if, and only if,
//! an earlier build made it.

use super::{BuildError, MARKER_FILE, Site};
use std::path::{Path, PathBuf};

impl Site {
    /// Every file: its path under the site root and its bytes, sorted by path.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(path, bytes)| (path.as_str(), bytes.as_slice()))
    }

    /// The file at `path` under the site root.
    pub fn file(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// Writes the site to `out` (step 5), emptying it first.
    pub fn write(&self, out: &Path) -> Result<(), BuildError> {
        let write_error = |path: &Path| {
            let path = path.to_owned();
            move |source| BuildError::Write { path, source }
        };
        empty_output_folder(out)?;
        for (path, bytes) in &self.files {
            let target = out.join(path);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(write_error(parent))?;
            }
            std::fs::write(&target, bytes).map_err(write_error(&target))?;
        }
        let marker = out.join(MARKER_FILE);
        std::fs::write(&marker, "Made by `postwise build`, which empties this folder when it builds again.\n")
            .map_err(write_error(&marker))
    }
}

/// Creates `out`, or empties it when it is empty already or holds an earlier build.
fn empty_output_folder(out: &Path) -> Result<(), BuildError> {
    let write_error = |source| BuildError::Write { path: out.to_owned(), source };
    if !out.exists() {
        return std::fs::create_dir_all(out).map_err(write_error);
    }
    let entries: Vec<PathBuf> = std::fs::read_dir(out)
        .map_err(write_error)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(write_error)?;
    if !entries.is_empty() && !out.join(MARKER_FILE).is_file() {
        return Err(BuildError::NotASite(out.to_owned()));
    }
    for entry in entries {
        // A symbolic link is removed, never followed.
        let is_dir = std::fs::symlink_metadata(&entry).is_ok_and(|m| m.is_dir());
        let removed = if is_dir { std::fs::remove_dir_all(&entry) } else { std::fs::remove_file(&entry) };
        removed.map_err(|source| BuildError::Write { path: entry.clone(), source })?;
    }
    Ok(())
}
