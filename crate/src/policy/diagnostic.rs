//! Problems found in policy files, each located as `file:line:column`.

use std::fmt;
use std::path::{Path, PathBuf};

/// The UTF-8 byte-order mark.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// A policy file's path and text, kept to turn byte offsets into lines and columns.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as given to the loader.
    pub path: PathBuf,
    /// The whole file.
    pub text: String,
}

impl SourceFile {
    /// A file at `path` with contents `text`.
    pub fn new(path: impl Into<PathBuf>, text: String) -> SourceFile {
        SourceFile { path: path.into(), text }
    }

    /// A file read as bytes: UTF-8, a byte-order mark at its start dropped (editors on
    /// Windows add one). Bytes that are not UTF-8 give an error at their own line and column.
    pub fn from_bytes(path: impl Into<PathBuf>, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
        let path = path.into();
        let bytes = match bytes.strip_prefix(UTF8_BOM) {
            Some(rest) => rest.to_vec(),
            None => bytes,
        };
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile { path, text }),
            Err(error) => {
                let at = error.utf8_error().valid_up_to();
                let bytes = error.as_bytes();
                let bad = bytes[at];
                let valid = String::from_utf8_lossy(&bytes[..at]).into_owned();
                let file = SourceFile { path, text: valid };
                Err(Diagnostic::error(
                    &file,
                    at,
                    format!(
                        "byte 0x{bad:02X} is not UTF-8: save the file as UTF-8 (in most editors: Save As, Encoding)"
                    ),
                ))
            }
        }
    }

    /// The 1-based line and column (in characters) of byte offset `at`.
    pub fn line_col(&self, at: usize) -> (usize, usize) {
        let at = floor_char_boundary(&self.text, at.min(self.text.len()));
        let before = &self.text[..at];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].chars().count() + 1)
    }
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Worth fixing; the policy still loads.
    Warning,
    /// The policy cannot be used until it is fixed.
    Error,
}

/// One problem in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Error or warning.
    pub level: Level,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl Diagnostic {
    /// An error at byte offset `at` of `file`.
    pub fn error(file: &SourceFile, at: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(file, at, Level::Error, message)
    }

    /// A warning at byte offset `at` of `file`.
    pub fn warning(file: &SourceFile, at: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(file, at, Level::Warning, message)
    }

    fn at(file: &SourceFile, at: usize, level: Level, message: impl Into<String>) -> Diagnostic {
        let (line, column) = file.line_col(at);
        Diagnostic { path: file.path.clone(), line, column, level, message: message.into() }
    }

    /// An error about a whole file that could not be read.
    pub fn unreadable(path: &Path, message: impl Into<String>) -> Diagnostic {
        Diagnostic { path: path.to_owned(), line: 1, column: 1, level: Level::Error, message: message.into() }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        write!(f, "{}:{}:{}: {level}: {}", self.path.display(), self.line, self.column, self.message)
    }
}

/// The problems found so far.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Adds a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.level == Level::Error)
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The problems in the order found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// The problems sorted by file, line and column.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        self.0
    }
}

/// A TOML error's message without the source excerpt the `toml` crate adds, which
/// duplicates our `file:line:column` prefix.
pub fn toml_message(error: &toml::de::Error) -> String {
    error.message().trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        let file = SourceFile::new("f.toml", "ab\nçd\ne".to_owned());
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(3), (2, 1));
        assert_eq!(file.line_col(5), (2, 2));
        assert_eq!(file.line_col(4), (2, 1), "inside a character: its start");
        assert_eq!(file.line_col(99), (3, 2), "past the end: the end");
    }

    #[test]
    fn a_bad_byte_is_located_and_a_byte_order_mark_dropped() {
        let mut bytes = "+++\ntitle = \"ç\"\n+++\n".repeat(3).into_bytes();
        bytes.extend_from_slice(b"line ten \xFF here\n");
        let error = SourceFile::from_bytes("policy.md", bytes).expect_err("not UTF-8");
        assert_eq!(
            error.to_string(),
            "policy.md:10:10: error: byte 0xFF is not UTF-8: save the file as UTF-8 (in most editors: Save As, Encoding)"
        );
        let file = SourceFile::from_bytes("policy.md", b"\xEF\xBB\xBF+++\n".to_vec()).expect("UTF-8");
        assert_eq!(file.text, "+++\n");
    }
}
