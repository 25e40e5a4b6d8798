//! The school's keys and contact address in `school.toml`, checked; and the policy folder
//! searched for a private key, which must never be there: everything in `policies/` is public
//! (it is in the repository, and the site is built from it). A key file made by `postwise keys
//! new` or the office page, or any PEM private key, fails lint at the line that gives it away.

use super::Policy;
use super::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::form::key::{KEY_FILE_FORMAT, PublicKey, SchoolKey};
use crate::form::validate::{check_email, parse_date};
use std::path::{Path, PathBuf};

/// What gives a private key away in a file: a Postwise key file, or a PEM private key of any
/// kind (`-----BEGIN PRIVATE KEY-----`, `… EC PRIVATE KEY-----`, `… OPENSSH PRIVATE KEY-----`).
const PRIVATE_KEY_MARKS: [&str; 2] = [KEY_FILE_FORMAT, "PRIVATE KEY-----"];

/// Files larger than this are not policy files; they are not read for keys (a key file is
/// under 1 KB).
const MAX_SEARCHED: u64 = 4 * 1024 * 1024;

impl Policy {
    /// The keys `school.toml` publishes, valid ones only (lint reports the others).
    pub fn school_keys(&self) -> Vec<SchoolKey> {
        self.school
            .keys
            .iter()
            .filter_map(|key| {
                let key = key.get_ref();
                Some(SchoolKey {
                    public_key: PublicKey::parse(key.public_key.get_ref()).ok()?,
                    valid_from: key.valid_from.get_ref().clone(),
                    valid_to: key.valid_to.as_ref().map(|d| d.get_ref().clone()),
                })
            })
            .collect()
    }

    /// The address for records, when `school.toml` gives one.
    pub fn contact_email(&self) -> Option<&str> {
        self.school.contact_email.as_ref().map(|e| e.get_ref().trim()).filter(|e| !e.is_empty())
    }

    pub(super) fn lint_keys(&self, diagnostics: &mut Diagnostics) {
        let file = &self.school_file;
        if let Some(email) = &self.school.contact_email {
            let address = email.get_ref().trim();
            if !address.is_empty() && check_email(address).is_err() {
                diagnostics.push(Diagnostic::error(
                    file,
                    email.span().start,
                    format!("contact_email `{address}` is not an e-mail address: write it like office@school.sch.uk, or leave it empty"),
                ));
            }
        }
        let mut seen: Vec<String> = Vec::new();
        for key in &self.school.keys {
            let key = key.get_ref();
            match PublicKey::parse(key.public_key.get_ref()) {
                Err(problem) => diagnostics.push(Diagnostic::error(file, key.public_key.span().start, problem)),
                Ok(public) if seen.contains(&public.id()) => diagnostics.push(Diagnostic::error(
                    file,
                    key.public_key.span().start,
                    format!("the key {} is listed twice", public.id()),
                )),
                Ok(public) => seen.push(public.id()),
            }
            let day = |value: &toml::Spanned<String>, what: &str, diagnostics: &mut Diagnostics| {
                let text = value.get_ref();
                let ok = parse_date(text).as_deref() == Ok(text.as_str());
                if !ok {
                    diagnostics.push(Diagnostic::error(
                        file,
                        value.span().start,
                        format!("{what} `{text}` is not a date: write \"YYYY-MM-DD\""),
                    ));
                }
                ok
            };
            let from_ok = day(&key.valid_from, "valid_from", diagnostics);
            if let Some(to) = &key.valid_to
                && day(to, "valid_to", diagnostics)
                && from_ok
                && to.get_ref() < key.valid_from.get_ref()
            {
                diagnostics.push(Diagnostic::error(
                    file,
                    to.span().start,
                    format!("valid_to {} is before valid_from {}", to.get_ref(), key.valid_from.get_ref()),
                ));
            }
        }
        for path in files_under(&self.dir) {
            lint_private_key(&path, diagnostics);
        }
    }
}

/// Every file under `dir`, in sorted order; folders that cannot be listed are skipped (the
/// policy's own files are read, and reported, elsewhere).
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => folders.push(path),
                Ok(kind) if kind.is_file() => files.push(path),
                _ => {}
            }
        }
    }
    files.sort();
    files
}

fn lint_private_key(path: &Path, diagnostics: &mut Diagnostics) {
    if std::fs::metadata(path).map_or(true, |m| m.len() > MAX_SEARCHED) {
        return;
    }
    let Ok(bytes) = std::fs::read(path) else { return };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let Some(at) = PRIVATE_KEY_MARKS.iter().filter_map(|mark| text.find(mark)).min() else { return };
    let file = SourceFile::new(path, text);
    diagnostics.push(Diagnostic::error(
        &file,
        at,
        "this is a private key: it must never be in a policy folder, which is public (the repository, the site). Move it to the office's own storage, and if it was ever committed or published, make a new key and set valid_to on this one",
    ));
}
