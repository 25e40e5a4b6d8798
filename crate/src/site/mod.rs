//! The static website: `postwise build` and `postwise serve`.
//!
//! The build, in order:
//!
//! 1. Load every school folder under the policies folder (`policy::load_valid`); a policy with
//!    errors stops the build before anything is written.
//! 2. Collect the assets: the embedded files from `www/` ([`assets::EMBEDDED`]) and, when the
//!    folder exists, the WebAssembly checker from wasm-pack's output; each gets a content-hashed
//!    name.
//! 3. For each school, render `policy.md` to sanitised HTML with an anchor per clause
//!    ([`markdown`]), group its rules for the rules page ([`rules_page`]), and render its home
//!    page and each page of [`pages::SCHOOL_PAGES`] ([`templates`]); serialise its compiled
//!    bundle as `rules.json` for the browser's checker.
//! 4. Render the site's home page, listing the schools, and `404.html`.
//! 5. Write it all ([`Site::write`]): the output folder is emptied first, but only if it is
//!    empty or was made by a previous build.
//!
//! Everything is sorted and "today" is an input, so the same input gives the same bytes.

pub mod assets;
pub mod csp;
pub mod markdown;
pub mod pages;
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
use pages::{SCHOOL_HOME, SCHOOL_PAGES, SchoolPage};
use review::Review;
use rules_page::RuleGroup;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use templates::{NavLink, Page, SchoolInfo, Templates};

/// The file a build leaves in its output folder, so a later build knows it may empty it.
pub const MARKER_FILE: &str = ".postwise-site";

/// The name of a school's compiled rules beside its pages.
pub const RULES_JSON: &str = "rules.json";

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

/// A built site, in memory until [`Site::write`].
#[derive(Clone, Debug)]
pub struct Site {
    /// Path under the site root (`/`-separated) → bytes, sorted.
    files: BTreeMap<String, Vec<u8>>,
    /// The schools built, by id.
    pub schools: Vec<String>,
    /// Whether the WebAssembly checker was found and included.
    pub wasm_pkg_found: bool,
    /// The policies' warnings (such as an overdue review), for the command to print.
    pub warnings: Vec<Diagnostic>,
}

/// A school on the site's home page.
#[derive(Clone, Debug, Serialize)]
struct SchoolListing {
    href: String,
    name: String,
    summary: Option<String>,
    review: Review,
}

/// What a school's pages show. Every school page gets all of it, so a new page's template
/// can use whatever it needs without code.
#[derive(Clone, Debug, Serialize)]
struct SchoolPageData<'a> {
    /// This page's heading.
    heading: &'a str,
    /// The policy's title, as the school gives it.
    policy_title: &'a str,
    /// One sentence about the policy, when the front matter has one.
    policy_summary: Option<&'a str>,
    review: &'a Review,
    toc: &'a [markdown::TocEntry],
    /// The policy as sanitised HTML.
    policy_html: &'a str,
    rule_groups: &'a [RuleGroup],
    rule_count: usize,
    /// The school's pages other than its home page (also in `nav`).
    links: &'a [NavLink],
}

#[derive(Clone, Debug, Serialize)]
struct HomePageData<'a> {
    schools: &'a [SchoolListing],
}

/// Renders pages, knowing the templates and assets.
struct Renderer {
    templates: Templates,
    assets: Assets,
}

/// What every page has around its own data.
struct Frame<'a> {
    /// The template.
    template: &'a str,
    /// The way to the site root.
    root: &'a str,
    /// `<title>`.
    title: String,
    csp: Csp,
    school: Option<SchoolInfo>,
    nav: Vec<NavLink>,
}

impl Renderer {
    fn page<T: Serialize>(&self, frame: Frame<'_>, page: T) -> Result<Vec<u8>, BuildError> {
        let Frame { template, root, title, csp, school, nav } = frame;
        let assets =
            self.assets.paths().into_iter().map(|(name, path)| (name.to_owned(), format!("{root}{path}"))).collect();
        let context = Page { title, csp: csp.policy(), root: root.to_owned(), assets, school, nav, page };
        let html = self
            .templates
            .render(template, &context)
            .map_err(|source| BuildError::Template { name: template.to_owned(), source })?;
        Ok(html.into_bytes())
    }
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

/// The school's navigation: its home page, then [`SCHOOL_PAGES`]; `current` is the file
/// being rendered.
fn nav_links(policy: &Policy, templates: &Templates, current: &str) -> Vec<NavLink> {
    let pupils = words::pupils(policy.school.pupils_called);
    let home = NavLink {
        href: SCHOOL_HOME.to_owned(),
        title: "School home",
        summary: String::new(),
        ready: true,
        current: current == SCHOOL_HOME,
    };
    let pages = SCHOOL_PAGES.iter().map(|page| NavLink {
        href: page.file.to_owned(),
        title: page.title,
        summary: page.summary.replace("{pupils}", pupils),
        ready: templates.has(page.template),
        current: current == page.file,
    });
    std::iter::once(home).chain(pages).collect()
}

/// Renders one school's pages and `rules.json` into `files`.
fn render_school(
    renderer: &Renderer,
    policy: &Policy,
    today: Date,
    files: &mut BTreeMap<String, Vec<u8>>,
) -> Result<SchoolListing, BuildError> {
    let id = &policy.id;
    let school = SchoolInfo {
        id: id.clone(),
        name: policy.school.name.clone(),
        pupils: words::pupils(policy.school.pupils_called),
        rules_json: RULES_JSON,
    };
    let review = Review::new(policy.school.review.as_ref(), today);
    let toc = markdown::table_of_contents(&policy.document);
    let policy_html = markdown::render_policy(&policy.document.body);
    let rule_groups = rules_page::rule_groups(policy);
    let links: Vec<NavLink> = nav_links(policy, &renderer.templates, "").into_iter().skip(1).collect();
    let data = |heading: &'static str| SchoolPageData {
        heading,
        policy_title: &policy.document.front.title,
        policy_summary: policy.document.front.summary.as_deref(),
        review: &review,
        toc: &toc,
        policy_html: &policy_html,
        rule_groups: &rule_groups,
        rule_count: policy.rules.len(),
        links: &links,
    };

    let home = renderer.page(
        Frame {
            template: "school.html",
            root: "../",
            title: format!("{} – Postwise", policy.school.name),
            csp: Csp::STATIC,
            school: Some(school.clone()),
            nav: nav_links(policy, &renderer.templates, SCHOOL_HOME),
        },
        data(""),
    )?;
    files.insert(format!("{id}/{SCHOOL_HOME}"), home);

    for page in SCHOOL_PAGES {
        let SchoolPage { file, template, title, csp, .. } = *page;
        let (template, csp) =
            if renderer.templates.has(template) { (template, csp) } else { ("placeholder.html", Csp::STATIC) };
        let html = renderer.page(
            Frame {
                template,
                root: "../",
                title: format!("{title} – {} – Postwise", policy.school.name),
                csp,
                school: Some(school.clone()),
                nav: nav_links(policy, &renderer.templates, file),
            },
            data(title),
        )?;
        files.insert(format!("{id}/{file}"), html);
    }

    let mut bundle =
        serde_json::to_vec(&policy.bundle()).map_err(|source| BuildError::Bundle { school: id.clone(), source })?;
    bundle.push(b'\n');
    files.insert(format!("{id}/{RULES_JSON}"), bundle);

    Ok(SchoolListing {
        href: format!("{id}/{SCHOOL_HOME}"),
        name: policy.school.name.clone(),
        summary: policy.document.front.summary.clone(),
        review,
    })
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

    let mut files = BTreeMap::new();
    let mut listings = Vec::new();
    for policy in &policies {
        listings.push(render_school(&renderer, policy, options.today, &mut files)?);
    }

    let home_data = HomePageData { schools: &listings };
    let frame = |template, root, title: &str| Frame {
        template,
        root,
        title: title.to_owned(),
        csp: Csp::STATIC,
        school: None,
        nav: Vec::new(),
    };
    let home = renderer.page(frame("index.html", "", "Postwise: schools' social media policies"), &home_data)?;
    files.insert("index.html".to_owned(), home);
    // Served for any missing path, so its links start from the site root.
    let not_found = renderer.page(frame("404.html", "/", "Page not found – Postwise"), ())?;
    files.insert("404.html".to_owned(), not_found);

    for (path, bytes) in renderer.assets.files() {
        files.insert(path.to_owned(), bytes.to_vec());
    }

    Ok(Site { files, schools: policies.iter().map(|p| p.id.clone()).collect(), wasm_pkg_found, warnings })
}

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
