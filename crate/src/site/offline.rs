//! The last part of step 3 for each school: what lets a tablet use the school's pages with no
//! network, and add them to its home screen.
//!
//! - **`<school>/sw.js`**, the school's service worker: the list of every file its pages use
//!   (the school's folder and the site's assets), the version those files make together, and
//!   `importScripts` of the worker's code (`www/js/offline-worker.js`, a hashed asset). A new
//!   build with any file changed gives another version, so browsers see a new worker, which
//!   keeps the new files and replaces the old ones.
//! - **`<school>/manifest.json`**, the web app manifest: the school's name, its home page, and
//!   the icons (`www/img/icon-*.png`, made from `icon.svg` by `www/img/make-icons.mjs`).
//! - **The version in every page** (`<meta name="postwise-build">`), so a page knows whether a
//!   newly installed worker holds a newer build than itself, and offers to load it
//!   (`www/js/offline.js`).
//!
//! The worker sits in each school's folder, not at the site root: its scope is that school, so a
//! tablet keeps only its own school's files, and the site works the same from a host's root or
//! from a folder (a GitHub Pages project site). Pages are rendered with [`BUILD_PLACEHOLDER`] as
//! their version; [`finish_school`] works out the version from every file as rendered and
//! writes it in.

use super::SiteFiles;
use super::assets::Assets;
use super::templates::SchoolInfo;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The service worker's file in a school's folder.
pub const WORKER: &str = "sw.js";

/// The web app manifest's file in a school's folder.
pub const MANIFEST: &str = "manifest.json";

/// What a school's pages carry as their version until [`finish_school`] writes it in: the
/// `content` of `<meta name="postwise-build">` in `base.html`.
pub const BUILD_PLACEHOLDER: &str = "postwise-build-version";

/// The `<meta>` tag that carries a page's version, as `base.html` writes it.
fn build_meta(version: &str) -> String {
    format!("<meta name=\"postwise-build\" content=\"{version}\">")
}

/// The worker's code among the assets.
pub const WORKER_ASSET: &str = "offline-worker.js";

/// The icons among the assets: the manifest's, by size (the maskable one has its picture inside
/// the middle 80%, for launchers that cut icons into circles), and Safari's home-screen icon.
const ICONS: &[(&str, &str, &str)] = &[
    ("icon-192.png", "192x192", "any"),
    ("icon-512.png", "512x512", "any"),
    ("icon-maskable-512.png", "512x512", "maskable"),
];

/// The web app manifest: enough for a browser to put the school on a home screen.
#[derive(Serialize)]
struct Manifest<'a> {
    name: String,
    short_name: &'a str,
    description: String,
    lang: &'static str,
    start_url: &'static str,
    scope: &'static str,
    display: &'static str,
    background_color: &'static str,
    theme_color: &'static str,
    icons: Vec<Icon>,
}

#[derive(Serialize)]
struct Icon {
    src: String,
    sizes: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
}

/// The list the worker keeps, and its version.
#[derive(Serialize)]
struct WorkerFiles<'a> {
    school: &'a str,
    version: &'a str,
    /// Relative to the worker: `index.html`, `../assets/postwise.1a2b3c4d.css`.
    files: Vec<String>,
}

/// The school's theme colour, the logo's blue (`--link` in `postwise.css`).
const THEME: &str = "#0b4fb3";

/// Adds `<school>/manifest.json` and `<school>/sw.js` to `files`, and writes the school's
/// version into each of its pages. `short_name` is what a home screen shows under the icon.
pub(super) fn finish_school(
    school: &SchoolInfo,
    short_name: &str,
    assets: &Assets,
    files: &mut SiteFiles,
) -> Result<(), serde_json::Error> {
    let id = &school.id;
    let paths = assets.paths();
    let manifest = Manifest {
        name: format!("{} – Postwise", school.name),
        short_name,
        description: format!("{}'s social media policy, with tools to help everyone follow it.", school.name),
        lang: "en-GB",
        start_url: "index.html",
        scope: "./",
        display: "standalone",
        background_color: "#ffffff",
        theme_color: THEME,
        icons: ICONS
            .iter()
            .filter_map(|(name, sizes, purpose)| {
                Some(Icon { src: format!("../{}", paths.get(name)?), sizes, kind: "image/png", purpose })
            })
            .collect(),
    };
    let mut manifest = serde_json::to_vec_pretty(&manifest)?;
    manifest.push(b'\n');
    files.insert(format!("{id}/{MANIFEST}"), manifest);

    // Every file of the school's folder (the worker aside) and every asset, by URL from the
    // worker, with the hash of its bytes as built: together, the version.
    let folder = format!("{id}/");
    let mut listed: Vec<(String, [u8; 32])> = files
        .iter()
        .filter_map(|(path, bytes)| Some((path.strip_prefix(&folder)?.to_owned(), bytes)))
        .filter(|(path, _)| path != WORKER)
        .map(|(path, bytes)| (path, Sha256::digest(bytes).into()))
        .collect();
    listed.extend(assets.files().map(|(path, bytes)| (format!("../{path}"), Sha256::digest(bytes).into())));
    listed.sort_by(|a, b| a.0.cmp(&b.0));
    let mut digest = Sha256::new();
    for (path, hash) in &listed {
        digest.update(path.as_bytes());
        digest.update([0]);
        digest.update(hash);
    }
    let version: String = digest.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect();

    let placeholder = build_meta(BUILD_PLACEHOLDER);
    let stamp = build_meta(&version);
    for (path, bytes) in files.iter_mut() {
        if path.starts_with(&folder) && path.ends_with(".html") {
            let html = String::from_utf8_lossy(bytes);
            if html.contains(&placeholder) {
                *bytes = html.replacen(&placeholder, &stamp, 1).into_bytes();
            }
        }
    }

    let list = WorkerFiles { school: id, version: &version, files: listed.into_iter().map(|(path, _)| path).collect() };
    let worker_code = paths.get(WORKER_ASSET).copied().unwrap_or(WORKER_ASSET);
    let worker = format!(
        "// Made by `postwise build`: the service worker of {}'s pages, which keeps them for use with\n\
         // no network. What it keeps, and their version; the code is www/js/offline-worker.js.\n\
         self.POSTWISE_OFFLINE = {};\nimportScripts('../{worker_code}');\n",
        school.name.replace('\n', " "),
        serde_json::to_string(&list)?
    );
    files.insert(format!("{id}/{WORKER}"), worker.into_bytes());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn school() -> SchoolInfo {
        SchoolInfo {
            id: "oak".to_owned(),
            name: "Oak School".to_owned(),
            pupils: "pupils",
            a_pupil: "a pupil",
            head: "Head".to_owned(),
            rules_json: "rules.json",
            build: BUILD_PLACEHOLDER,
        }
    }

    fn page(body: &str) -> Vec<u8> {
        format!("<head>{}</head><body>{body}</body>", build_meta(BUILD_PLACEHOLDER)).into_bytes()
    }

    fn built(files: &[(&str, Vec<u8>)]) -> SiteFiles {
        let mut files: SiteFiles = files.iter().map(|(p, b)| ((*p).to_owned(), b.clone())).collect();
        finish_school(&school(), "Oak", &Assets::embedded(), &mut files).expect("finishes");
        files
    }

    fn version(files: &SiteFiles) -> String {
        let worker = String::from_utf8_lossy(&files["oak/sw.js"]).into_owned();
        let json = worker.split("self.POSTWISE_OFFLINE = ").nth(1).and_then(|r| r.split(";\n").next()).expect("list");
        let list: serde_json::Value = serde_json::from_str(json).expect("JSON");
        list["version"].as_str().expect("a version").to_owned()
    }

    #[test]
    fn the_worker_lists_every_file_of_the_school_and_every_asset_and_the_pages_carry_its_version() {
        let files = built(&[
            ("oak/index.html", page("home")),
            ("oak/rules.json", b"{}".to_vec()),
            ("elm/index.html", page("another school")),
        ]);
        let worker = String::from_utf8_lossy(&files["oak/sw.js"]).into_owned();
        for listed in ["\"index.html\"", "\"rules.json\"", "\"manifest.json\"", "\"../assets/offline-worker."] {
            assert!(worker.contains(listed), "{listed} in {worker}");
        }
        assert!(!worker.contains("elm/") && !worker.contains("\"sw.js\""), "{worker}");
        assert!(worker.contains("importScripts('../assets/offline-worker."), "{worker}");
        let version = version(&files);
        assert_eq!(version.len(), 16);
        let home = String::from_utf8_lossy(&files["oak/index.html"]).into_owned();
        assert!(home.contains(&build_meta(&version)), "{home}");
        let other = String::from_utf8_lossy(&files["elm/index.html"]).into_owned();
        assert!(other.contains(&build_meta(BUILD_PLACEHOLDER)), "another school's pages wait for their own version");
    }

    #[test]
    fn any_change_to_a_file_gives_a_new_version_and_the_same_files_the_same_one() {
        let files = |rules: &[u8]| built(&[("oak/index.html", page("home")), ("oak/rules.json", rules.to_vec())]);
        assert_eq!(version(&files(b"{}")), version(&files(b"{}")));
        assert_ne!(version(&files(b"{}")), version(&files(b"{ }")));
    }

    #[test]
    fn the_manifest_names_the_school_and_its_icons() {
        let files = built(&[("oak/index.html", page("home"))]);
        let manifest: serde_json::Value = serde_json::from_slice(&files["oak/manifest.json"]).expect("JSON");
        assert_eq!(manifest["short_name"], "Oak");
        assert_eq!(manifest["start_url"], "index.html");
        assert_eq!(manifest["scope"], "./");
        let icons = manifest["icons"].as_array().expect("icons");
        assert_eq!(icons.len(), 3);
        assert!(icons.iter().all(|i| i["src"].as_str().is_some_and(|s| s.starts_with("../assets/icon-"))));
        assert!(icons.iter().any(|i| i["purpose"] == "maskable"));
    }
}
