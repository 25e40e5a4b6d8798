//! The static website: `postwise build` and `postwise serve`.
//!
//! The build, in order:
//!
//! 1. Load every school folder under the policies folder (`policy::load_valid`); a policy with
//!    errors stops the build before anything is written.
//! 2. Collect the assets: the embedded files from `www/` (`assets::EMBEDDED`) and, when the
//!    folder exists, the WebAssembly checker from wasm-pack's output; each gets a content-hashed
//!    name.
//! 3. For each school, render `policy.md` to sanitised HTML with an anchor per clause
//!    ([`markdown`]), group its rules for the rules page ([`rules_page`]), and render its home
//!    page and each page of [`pages::SCHOOL_PAGES`] ([`templates`]); its forms, a page and a
//!    JSON file each, and the page that verifies a signed record (`form_pages`); its quizzes, a
//!    page each and `quizzes.json` (`quiz_pages`); serialise its compiled bundle as
//!    `rules.json` for the browser's checker.
//! 4. Render the site's home page, listing the schools, and `404.html`; from each page's CSP,
//!    the headers files for static hosts ([`headers`]).
//! 5. Write it all ([`Site::write`]): the output folder is emptied first, but only if it is
//!    empty or was made by a previous build.
//!
//! Everything is sorted and "today" is an input, so the same input gives the same bytes.

pub mod assets;
pub mod csp;
mod form_pages;
pub mod headers;
pub mod markdown;
mod output;
pub mod pages;
mod quiz_pages;
mod render;
pub mod review;
pub mod rules_page;
pub mod serve;
pub mod templates;
mod words;

use crate::policy::date::Date;
use crate::policy::diagnostic::Diagnostic;
use crate::policy::{self, Policy};
use assets::Assets;
use csp::Csp;
use headers::HeaderTable;
use render::Renderer;
use std::collections::BTreeMap;
use std::path::PathBuf;
use templates::Templates;

/// The file a build leaves in its output folder, so a later build knows it may empty it.
pub const MARKER_FILE: &str = ".postwise-site";

/// The name of a school's compiled rules beside its pages.
pub const RULES_JSON: &str = "rules.json";

/// The headers file of Netlify and Cloudflare Pages, at the site root.
pub const NETLIFY_HEADERS: &str = "_headers";

/// The server block for nginx, at the site root.
pub const NGINX_CONF: &str = "nginx.conf";

/// What to build from.
#[derive(Clone, Debug)]
pub struct Options {
    /// The folder of school folders (`policies/`).
    pub policies: PathBuf,
    /// wasm-pack's output folder; the site is built without the checker when it is missing.
    pub wasm_pkg: PathBuf,
    /// The day the overdue-review check uses.
    pub today: Date,
}

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The policies folder cannot be listed.
    #[error("cannot list the schools in {}: {source}", path.display())]
    ListSchools {
        /// The policies folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The policies folder has no school folders.
    #[error("no school folders in {}", .0.display())]
    NoSchools(PathBuf),
    /// A policy has errors; `postwise lint` says the same.
    #[error("{} has errors:\n{}", dir.display(), diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"))]
    Policy {
        /// The school's folder.
        dir: PathBuf,
        /// Its problems.
        diagnostics: Vec<Diagnostic>,
    },
    /// A wasm-pack file exists but cannot be read.
    #[error("cannot read the WebAssembly package in {}: {source}", path.display())]
    WasmPkg {
        /// The package folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A template failed to load or render.
    #[error("template {name}: {source:#}")]
    Template {
        /// The template's name.
        name: String,
        /// What went wrong.
        source: minijinja::Error,
    },
    /// The compiled rules cannot be serialised.
    #[error("cannot serialise the rules of {school}: {source}")]
    Bundle {
        /// The school's id.
        school: String,
        /// Why.
        source: serde_json::Error,
    },
    /// The output folder holds something else.
    #[error("refusing to empty {}: it is not empty and has no {MARKER_FILE} from an earlier build", .0.display())]
    NotASite(PathBuf),
    /// Writing the output failed.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// A file of the site: its bytes and, for a page, what its CSP allows.
#[derive(Clone, Debug)]
pub(crate) struct SiteFile {
    bytes: Vec<u8>,
    csp: Option<Csp>,
}

impl From<Vec<u8>> for SiteFile {
    /// A file that is not a page.
    fn from(bytes: Vec<u8>) -> SiteFile {
        SiteFile { bytes, csp: None }
    }
}

/// The files of a build so far: path under the site root (`/`-separated) → file, sorted.
#[derive(Clone, Debug, Default)]
pub(crate) struct SiteFiles(BTreeMap<String, SiteFile>);

impl SiteFiles {
    /// Adds a page ([`render::Rendered`]) or another file (`Vec<u8>`).
    pub(crate) fn insert(&mut self, path: String, file: impl Into<SiteFile>) {
        self.0.insert(path, file.into());
    }

    /// Each page's CSP, the one place the site's headers come from.
    fn header_table(&self) -> HeaderTable {
        HeaderTable::new(self.0.iter().filter_map(|(path, file)| Some((path.clone(), file.csp?))).collect())
    }
}

/// A built site, in memory until [`Site::write`].
#[derive(Clone, Debug)]
pub struct Site {
    /// Path under the site root (`/`-separated) → bytes, sorted.
    files: BTreeMap<String, Vec<u8>>,
    /// Every file's headers.
    pub headers: HeaderTable,
    /// The schools built, by id.
    pub schools: Vec<String>,
    /// Whether the WebAssembly checker was found and included.
    pub wasm_pkg_found: bool,
    /// The policies' warnings (such as an overdue review), for the command to print.
    pub warnings: Vec<Diagnostic>,
}

fn load_schools(options: &Options) -> Result<(Vec<Policy>, Vec<Diagnostic>), BuildError> {
    let dirs = policy::school_dirs(&options.policies)
        .map_err(|source| BuildError::ListSchools { path: options.policies.clone(), source })?;
    if dirs.is_empty() {
        return Err(BuildError::NoSchools(options.policies.clone()));
    }
    let mut policies = Vec::new();
    let mut warnings = Vec::new();
    for dir in dirs {
        let (loaded, diagnostics) = policy::load_valid(&dir, options.today);
        let diagnostics = diagnostics.into_sorted();
        match loaded {
            Some(policy) => {
                warnings.extend(diagnostics);
                policies.push(policy);
            }
            None => return Err(BuildError::Policy { dir, diagnostics }),
        }
    }
    Ok((policies, warnings))
}

/// Builds the site in memory (steps 1 to 4).
pub fn build(options: &Options) -> Result<Site, BuildError> {
    let (policies, warnings) = load_schools(options)?;

    let mut assets = Assets::embedded();
    let wasm_pkg_found = assets
        .add_wasm_pkg(&options.wasm_pkg)
        .map_err(|source| BuildError::WasmPkg { path: options.wasm_pkg.clone(), source })?;
    let templates = Templates::new().map_err(|source| BuildError::Template { name: "(loading)".to_owned(), source })?;
    let renderer = Renderer { templates, assets };

    let mut files = SiteFiles::default();
    let mut listings = Vec::new();
    for policy in &policies {
        listings.push(render::render_school(&renderer, policy, options.today, &mut files)?);
    }
    render::render_home(&renderer, &listings, &mut files)?;
    for (path, bytes) in renderer.assets.files() {
        files.insert(path.to_owned(), bytes.to_vec());
    }
    let headers = files.header_table();
    files.insert(NETLIFY_HEADERS.to_owned(), headers.netlify().into_bytes());
    files.insert(NGINX_CONF.to_owned(), headers.nginx().into_bytes());

    let files = files.0.into_iter().map(|(path, file)| (path, file.bytes)).collect();
    Ok(Site { files, headers, schools: policies.iter().map(|p| p.id.clone()).collect(), wasm_pkg_found, warnings })
}
