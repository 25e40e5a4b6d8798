//! The page templates from `www/templates/`, embedded in the binary and rendered with
//! minijinja (HTML autoescaping on for every template; undefined values are errors except in
//! `if` tests, so a misspelt field fails the build instead of leaving a gap).
//!
//! Every page extends `base.html` and is rendered with a [`Page`] context:
//!
//! | name | what it is |
//! |---|---|
//! | `title` | the page's `<title>` |
//! | `csp` | its Content-Security-Policy, from the page's [`Csp`](super::csp::Csp) setting |
//! | `root` | the way from the page to the site root: `""`, `"../"`, or `"/"` on the 404 page |
//! | `assets` | asset name → URL relative to the page, for every asset in this build |
//! | `school` | on a school's pages: its `id`, `name`, `pupils` word, `rules_json` URL and `build` version; else none |
//! | `nav` | on a school's pages: its pages, each `href`, `title`, `summary`, `ready`, `current` |
//! | `page` | what this page shows (policy, rules, schools …) |
//!
//! `asset("postwise.css")` gives an asset's URL and fails the build for an unknown name; test
//! for optional assets (the WebAssembly checker) with `{% if "postwise.js" in assets %}`.

use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Output, State, UndefinedBehavior, Value};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Every template, by name. Adding one is one line here.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../../www/templates/base.html")),
    ("review.html", include_str!("../../../www/templates/review.html")),
    ("index.html", include_str!("../../../www/templates/index.html")),
    ("school.html", include_str!("../../../www/templates/school.html")),
    ("policy.html", include_str!("../../../www/templates/policy.html")),
    ("rules.html", include_str!("../../../www/templates/rules.html")),
    ("placeholder.html", include_str!("../../../www/templates/placeholder.html")),
    ("404.html", include_str!("../../../www/templates/404.html")),
    ("check.html", include_str!("../../../www/templates/check.html")),
    ("forms.html", include_str!("../../../www/templates/forms.html")),
    ("form.html", include_str!("../../../www/templates/form.html")),
    ("verify.html", include_str!("../../../www/templates/verify.html")),
    ("office.html", include_str!("../../../www/templates/office.html")),
    ("quiz.html", include_str!("../../../www/templates/quiz.html")),
    ("quiz-page.html", include_str!("../../../www/templates/quiz-page.html")),
    ("coverage.html", include_str!("../../../www/templates/coverage.html")),
    ("school-duties.html", include_str!("../../../www/templates/school-duties.html")),
    ("reporting.html", include_str!("../../../www/templates/reporting.html")),
    ("blocked-sites.html", include_str!("../../../www/templates/blocked-sites.html")),
    ("class.html", include_str!("../../../www/templates/class.html")),
];

/// A link to a school's page, for its navigation and home page.
#[derive(Clone, Debug, Serialize)]
pub struct NavLink {
    /// Relative to the school's folder: `policy.html`.
    pub href: String,
    /// Link text.
    pub title: &'static str,
    /// One sentence about the page.
    pub summary: String,
    /// Whether the page has its real template yet (else it is a placeholder).
    pub ready: bool,
    /// Whether this is the page being rendered (`aria-current="page"`).
    pub current: bool,
}

/// What a school's pages know about it.
#[derive(Clone, Debug, Serialize)]
pub struct SchoolInfo {
    /// The folder name: `chestnuts`.
    pub id: String,
    /// The full name.
    pub name: String,
    /// What it calls its children: "pupils", "students" or "children".
    pub pupils: &'static str,
    /// One of them, as a phrase: "a pupil", "a student", "a child".
    pub a_pupil: &'static str,
    /// The head's role title from `[roles]`, e.g. "Headteacher".
    pub head: String,
    /// The compiled rules for the browser's checker, relative to the school's pages.
    pub rules_json: &'static str,
    /// The school's build version for `<meta name="postwise-build">`: a placeholder the build
    /// replaces once every file is rendered (`site::offline`).
    pub build: &'static str,
}

/// The context every page is rendered with; `page` is what is particular to it.
#[derive(Clone, Debug, Serialize)]
pub struct Page<T: Serialize> {
    /// `<title>`.
    pub title: String,
    /// The Content-Security-Policy.
    pub csp: String,
    /// The way to the site root from this page.
    pub root: String,
    /// Asset name → URL relative to this page.
    pub assets: BTreeMap<String, String>,
    /// The school, on a school's pages.
    pub school: Option<SchoolInfo>,
    /// The school's pages, on a school's pages.
    pub nav: Vec<NavLink>,
    /// The page's own data.
    pub page: T,
}

/// `asset(name)` in a template: the asset's URL, or an error naming the unknown asset.
fn asset(state: &State, name: &str) -> Result<Value, Error> {
    let assets = state
        .lookup("assets")
        .ok_or_else(|| Error::new(ErrorKind::UndefinedError, "asset() needs `assets` in the context"))?;
    let url = assets.get_item(&Value::from(name))?;
    if url.is_undefined() {
        let known: Vec<String> = assets.try_iter()?.map(|k| k.to_string()).collect();
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("no asset named `{name}` (assets: {})", known.join(", ")),
        ));
    }
    Ok(url)
}

/// Writes a value into HTML: strings with `& < > " '` escaped (minijinja's own escaping also
/// rewrites `/`, which makes every URL unreadable in the page source), anything else as
/// minijinja does.
fn html_formatter(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    match value.as_str() {
        Some(text) if !value.is_safe() && matches!(state.auto_escape(), AutoEscape::Html) => {
            for c in text.chars() {
                let written = match c {
                    '&' => out.write_str("&amp;"),
                    '<' => out.write_str("&lt;"),
                    '>' => out.write_str("&gt;"),
                    '"' => out.write_str("&quot;"),
                    '\'' => out.write_str("&#39;"),
                    c => out.write_char(c),
                };
                written.map_err(|_| Error::new(ErrorKind::WriteFailure, "cannot write the page"))?;
            }
            Ok(())
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// The loaded templates.
pub struct Templates {
    env: Environment<'static>,
}

impl Templates {
    /// Loads every embedded template.
    pub fn new() -> Result<Templates, Error> {
        let mut env = Environment::new();
        env.set_syntax(minijinja::syntax::SyntaxConfig::builder().trim_blocks(true).lstrip_blocks(true).build()?);
        env.set_auto_escape_callback(|_| AutoEscape::Html);
        env.set_formatter(html_formatter);
        env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
        env.add_function("asset", asset);
        for (name, source) in TEMPLATES {
            env.add_template(name, source)?;
        }
        Ok(Templates { env })
    }

    /// Whether a template called `name` exists.
    pub fn has(&self, name: &str) -> bool {
        TEMPLATES.iter().any(|(n, _)| *n == name)
    }

    /// Renders template `name` with `page`.
    pub fn render<T: Serialize>(&self, name: &str, page: &Page<T>) -> Result<String, Error> {
        self.env.get_template(name)?.render(Value::from(Serde(page)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(assets: &[(&str, &str)]) -> Page<()> {
        Page {
            title: "T".to_owned(),
            csp: "default-src 'none'".to_owned(),
            root: String::new(),
            assets: assets.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
            school: None,
            nav: Vec::new(),
            page: (),
        }
    }

    #[test]
    fn asset_gives_the_url_and_rejects_unknown_names() {
        let mut templates = Templates::new().expect("templates load");
        templates.env.add_template("t.html", "{{ asset('a.css') }}").expect("adds");
        templates.env.add_template("bad.html", "{{ asset('typo.css') }}").expect("adds");
        let p = page(&[("a.css", "assets/a.12345678.css")]);
        assert_eq!(templates.render("t.html", &p).expect("renders"), "assets/a.12345678.css");
        let error = templates.render("bad.html", &p).expect_err("unknown asset");
        assert!(error.to_string().contains("no asset named `typo.css`"), "{error}");
    }

    #[test]
    fn values_are_escaped() {
        let mut templates = Templates::new().expect("templates load");
        templates.env.add_template("t.html", "{{ title }}").expect("adds");
        let mut p = page(&[]);
        p.title = "<script>alert('1' & \"2\")</script>".to_owned();
        let html = templates.render("t.html", &p).expect("renders");
        assert_eq!(html, "&lt;script&gt;alert(&#39;1&#39; &amp; &quot;2&quot;)&lt;/script&gt;");
    }
}
