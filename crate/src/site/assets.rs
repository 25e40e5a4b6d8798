//! The site's assets: stylesheets, scripts and the icon from `www/`, embedded in the binary,
//! and the WebAssembly checker from a wasm-pack output folder. Each is written as
//! `assets/<stem>.<hash>.<ext>`, the hash being the first 8 hex digits of its SHA-256, so a
//! browser may cache it for ever and a changed file gets a new name.

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// A file embedded from `www/`, by the name templates use for it.
pub(crate) struct Embedded {
    /// The name a template asks for: `asset("postwise.css")`.
    pub(crate) name: &'static str,
    /// The file.
    pub(crate) bytes: &'static [u8],
}

/// Every file from `www/` the site serves. Adding one is one line here.
pub(crate) const EMBEDDED: &[Embedded] = &[
    Embedded { name: "postwise.css", bytes: include_bytes!("../../../www/css/postwise.css") },
    Embedded { name: "print.css", bytes: include_bytes!("../../../www/css/print.css") },
    Embedded { name: "icon.svg", bytes: include_bytes!("../../../www/img/icon.svg") },
    Embedded { name: "policy.js", bytes: include_bytes!("../../../www/js/policy.js") },
    Embedded { name: "check.css", bytes: include_bytes!("../../../www/css/check.css") },
    Embedded { name: "check.js", bytes: include_bytes!("../../../www/js/check.js") },
    Embedded { name: "check-tools.js", bytes: include_bytes!("../../../www/js/check-tools.js") },
    Embedded { name: "check-tools.css", bytes: include_bytes!("../../../www/css/check-tools.css") },
    Embedded { name: "form.css", bytes: include_bytes!("../../../www/css/form.css") },
    Embedded { name: "form.js", bytes: include_bytes!("../../../www/js/form.js") },
    Embedded { name: "office.js", bytes: include_bytes!("../../../www/js/office.js") },
    Embedded { name: "quiz.css", bytes: include_bytes!("../../../www/css/quiz.css") },
    Embedded { name: "quiz.js", bytes: include_bytes!("../../../www/js/quiz.js") },
    Embedded { name: "class-mode.js", bytes: include_bytes!("../../../www/js/class-mode.js") },
    Embedded { name: "class.js", bytes: include_bytes!("../../../www/js/class.js") },
    Embedded { name: "offline.js", bytes: include_bytes!("../../../www/js/offline.js") },
    Embedded { name: "offline-worker.js", bytes: include_bytes!("../../../www/js/offline-worker.js") },
    Embedded { name: "icon-180.png", bytes: include_bytes!("../../../www/img/icon-180.png") },
    Embedded { name: "icon-192.png", bytes: include_bytes!("../../../www/img/icon-192.png") },
    Embedded { name: "icon-512.png", bytes: include_bytes!("../../../www/img/icon-512.png") },
    Embedded { name: "icon-maskable-512.png", bytes: include_bytes!("../../../www/img/icon-maskable-512.png") },
    // The tone tier's model, which the check page fetches once the checker is ready.
    Embedded { name: "tone.bin", bytes: crate::detect::tone::BUNDLED },
];

/// The wasm-pack files (`wasm-pack build --target web`) the checker page needs.
pub const WASM_PKG_FILES: [&str; 2] = ["postwise.js", "postwise_bg.wasm"];

/// The forms' package in the same folder (`--out-name postwise_forms`, only the forms' binding),
/// for the "Read and sign" pages; added when it is there.
pub const FORMS_PKG_FILES: [&str; 2] = ["postwise_forms.js", "postwise_forms_bg.wasm"];

/// The quizzes' package in the same folder (`--out-name postwise_quiz`, the checker and the quiz
/// binding), for the quiz pages; added when it is there.
pub const QUIZ_PKG_FILES: [&str; 2] = ["postwise_quiz.js", "postwise_quiz_bg.wasm"];

/// The check page's tools in the same folder (`--out-name postwise_tools`: rewrites and the
/// platform counter, without the checker), fetched the first time someone opens a finding's
/// card or picks a platform; added when it is there.
pub const TOOLS_PKG_FILES: [&str; 2] = ["postwise_tools.js", "postwise_tools_bg.wasm"];

/// The folder under the site root that holds assets.
pub const ASSETS_DIR: &str = "assets";

/// `name` with the content hash of `bytes` before its extension: `postwise.3f9a1c2e.css`.
pub fn hashed_name(name: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hash: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem}.{hash}.{ext}"),
        _ => format!("{name}.{hash}"),
    }
}

/// A script or stylesheet as the site serves it: without the comments written for the people
/// who work on it, which are a fifth of the checker page's scripts and styles gzipped. Only
/// whole lines go: a JavaScript line that is a `//` comment or part of a `/* … */` block that
/// starts a line and ends one (not inside a template literal), a CSS `/* … */` comment and the
/// line it leaves empty. Anything else, and any file that is not UTF-8, is served as written.
pub fn served(name: &str, bytes: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(bytes) else { return bytes.to_vec() };
    if name.ends_with(".js") {
        without_js_comment_lines(text).into_bytes()
    } else if name.ends_with(".css") {
        without_css_comments(text).into_bytes()
    } else {
        bytes.to_vec()
    }
}

fn without_js_comment_lines(text: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = String::with_capacity(text.len());
    let mut in_template = false;
    let mut at = 0;
    while let Some(line) = lines.get(at) {
        let code = line.trim();
        if !in_template && code.starts_with("//") {
            at += 1;
            continue;
        }
        if !in_template && code.starts_with("/*") {
            // The whole block, when the line that closes it ends there.
            let close = (at..lines.len()).find(|&i| lines[i].contains("*/"));
            if let Some(close) = close.filter(|&i| lines[i].trim().ends_with("*/")) {
                at = close + 1;
                continue;
            }
        }
        // A template literal spanning lines: what is inside it is text, not code.
        if line.matches('`').count() % 2 == 1 {
            in_template = !in_template;
        }
        out.push_str(line);
        at += 1;
    }
    out
}

fn without_css_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..].find("*/").map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out.lines().filter(|line| !line.trim().is_empty()).flat_map(|line| [line, "\n"]).collect()
}

/// The assets of one build: what each is called, its hashed path and its bytes.
#[derive(Clone, Debug, Default)]
pub struct Assets {
    /// Logical name → (path under the site root, bytes).
    files: BTreeMap<String, (String, Vec<u8>)>,
}

impl Assets {
    /// The embedded assets.
    pub(crate) fn embedded() -> Assets {
        let mut assets = Assets::default();
        for file in EMBEDDED {
            assets.insert(file.name, file.bytes.to_vec());
        }
        assets
    }

    /// Adds an asset under its logical name, as served (see [`served`]).
    pub(crate) fn insert(&mut self, name: &str, bytes: Vec<u8>) {
        let bytes = served(name, &bytes);
        let path = format!("{ASSETS_DIR}/{}", hashed_name(name, &bytes));
        self.files.insert(name.to_owned(), (path, bytes));
    }

    /// Adds the wasm-pack output in `pkg` when both its files are there. `Ok(false)` when
    /// the folder or a file is missing; an error when a file is there but cannot be read.
    pub(crate) fn add_wasm_pkg(&mut self, pkg: &Path) -> std::io::Result<bool> {
        if !WASM_PKG_FILES.iter().all(|name| pkg.join(name).is_file()) {
            return Ok(false);
        }
        for name in WASM_PKG_FILES {
            self.insert(name, std::fs::read(pkg.join(name))?);
        }
        for files in [FORMS_PKG_FILES, QUIZ_PKG_FILES, TOOLS_PKG_FILES] {
            if files.iter().all(|name| pkg.join(name).is_file()) {
                for name in files {
                    self.insert(name, std::fs::read(pkg.join(name))?);
                }
            }
        }
        Ok(true)
    }

    /// Whether the asset `name` is in this build.
    pub fn contains(&self, name: &str) -> bool {
        self.files.contains_key(name)
    }

    /// Logical name → path under the site root (`assets/postwise.3f9a1c2e.css`), sorted.
    pub fn paths(&self) -> BTreeMap<&str, &str> {
        self.files.iter().map(|(name, (path, _))| (name.as_str(), path.as_str())).collect()
    }

    /// Every asset file: its path under the site root and its bytes.
    pub(crate) fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.values().map(|(path, bytes)| (path.as_str(), bytes.as_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_goes_before_the_extension_and_follows_the_content() {
        let a = hashed_name("postwise.css", b"body{}");
        let b = hashed_name("postwise.css", b"body{ }");
        assert!(a.starts_with("postwise.") && a.ends_with(".css") && a.len() == "postwise.12345678.css".len(), "{a}");
        assert_ne!(a, b);
        assert_eq!(a, hashed_name("postwise.css", b"body{}"));
        assert!(hashed_name("postwise_bg.wasm", b"\0asm").starts_with("postwise_bg."));
    }

    #[test]
    fn every_embedded_asset_is_listed_with_a_hashed_path() {
        let assets = Assets::embedded();
        for file in EMBEDDED {
            let path = assets.paths()[file.name];
            assert!(path.starts_with("assets/") && path != format!("assets/{}", file.name), "{path}");
        }
    }

    #[test]
    fn scripts_and_styles_are_served_without_their_comment_lines() {
        let script = "// Why.\nconst a = 1; // kept: code on the line\n  /**\n   * A doc block.\n   */\nconst t = `\n// text, not a comment\n`;\n/* x */ const b = 2;\nconst u = 'http://example.org';\n";
        let served_script = String::from_utf8(served("check.js", script.as_bytes())).expect("UTF-8");
        assert_eq!(
            served_script,
            "const a = 1; // kept: code on the line\nconst t = `\n// text, not a comment\n`;\n/* x */ const b = 2;\nconst u = 'http://example.org';\n"
        );
        let style =
            "/* The palette.\n   More. */\n:root { --bg: #fff; }\n\n.a::before { content: \"✓ \" / \"\"; } /* why */\n";
        let served_style = String::from_utf8(served("check.css", style.as_bytes())).expect("UTF-8");
        assert_eq!(served_style, ":root { --bg: #fff; }\n.a::before { content: \"✓ \" / \"\"; } \n");
        assert_eq!(served("icon.svg", b"<!-- kept -->"), b"<!-- kept -->");
        assert_eq!(served("x.js", b"\xff// not UTF-8"), b"\xff// not UTF-8");
    }

    #[test]
    fn a_missing_wasm_pkg_is_not_an_error() {
        let mut assets = Assets::embedded();
        let added = assets.add_wasm_pkg(Path::new("/nonexistent/pkg")).expect("no error");
        assert!(!added);
        assert!(!assets.contains("postwise.js"));
    }
}
