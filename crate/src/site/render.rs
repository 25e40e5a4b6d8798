//! Step 3 and 4 of the build: every page rendered from its template, and each school's
//! `rules.json`.

use super::assets::Assets;
use super::calendar::{self, CALENDAR_FILE};
use super::coverage_page::{self, CoverageView};
use super::csp::Csp;
use super::duty_page::{self, DutiesView};
use super::form_pages::{self, FormsIndex};
use super::markdown;
use super::offline;
use super::pages::{LINKED_PAGES, SCHOOL_HOME, SCHOOL_PAGES, SchoolPage};
use super::quiz_pages::{self, QuizIndex};
use super::reporting_page::{self, ReportingView};
use super::review::Review;
use super::rules_page::{self, RuleGroup};
use super::templates::{NavLink, Page, SchoolInfo, Templates};
use super::{BuildError, RULES_JSON, SiteFile, SiteFiles, words};
use crate::check::DRAFT_LIMIT;
use crate::form::digest::policy_version;
use crate::length::Counting;
use crate::model::Author;
use crate::policy::Policy;
use crate::policy::date::Date;
use serde::Serialize;

/// A school on the site's home page.
#[derive(Clone, Debug, Serialize)]
pub(super) struct SchoolListing {
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
    /// Notes on the text as received, from the front matter.
    policy_notes: &'a [String],
    review: &'a Review,
    /// The policy text's version, as signed forms record it (`form::digest::policy_version`).
    policy_version: &'a str,
    toc: &'a [markdown::TocEntry],
    /// The policy as sanitised HTML.
    policy_html: &'a str,
    rule_groups: &'a [RuleGroup],
    rule_count: usize,
    /// The school's pages other than its home page (also in `nav`).
    links: &'a [NavLink],
    /// The school's forms, for "Read and sign".
    forms: &'a FormsIndex,
    /// The school's quizzes, for "Practise staying safe".
    quizzes: &'a QuizIndex,
    /// The coverage map, for "How this policy is covered" and the rules page.
    coverage: &'a CoverageView,
    /// The duties, for "For the school".
    duties: &'a DutiesView,
    /// Where to report, and the blocked sites.
    reporting: &'a ReportingView,
    /// What the "Check a post" page offers besides the checker.
    check: &'a CheckPageData,
}

/// What the "Check a post" page offers besides the checker itself: the longest draft it takes,
/// the school's official accounts (to name "the school's account"), who the policy does not
/// cover, and the platforms whose post limit it counts.
#[derive(Clone, Debug, Serialize)]
struct CheckPageData {
    /// The longest draft the checker takes, in characters (`check::DRAFT_LIMIT`).
    draft_limit: usize,
    /// The same, as people write it: "20,000".
    draft_limit_text: String,
    /// The school's official accounts: "Coton-in-the-Elms Primary on Facebook".
    official_accounts: Vec<OfficialAccount>,
    /// The same in a phrase: "Coton-in-the-Elms Primary on Facebook or Instagram".
    official_accounts_text: String,
    /// Authors the policy does not govern anywhere (`[covers]`): `parent`, `pupil`.
    not_covered: Vec<&'static str>,
    /// Platforms with a post limit, by name.
    platforms: Vec<PlatformLimit>,
}

#[derive(Clone, Debug, Serialize)]
struct OfficialAccount {
    /// The platform's id, from `platforms.toml`.
    platform: String,
    /// Its name: "Facebook".
    platform_name: String,
    /// The account or page name.
    account: String,
}

#[derive(Clone, Debug, Serialize)]
struct PlatformLimit {
    id: String,
    name: String,
    /// The most characters a post may have.
    limit: u32,
    /// How they are counted: `graphemes` or `x` (`length::Counting`).
    counting: &'static str,
}

/// A number with commas between its thousands: 20000 → "20,000".
fn thousands(number: usize) -> String {
    let digits = number.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// "A on Facebook or Instagram; B on X": each account once, with the platforms it is on.
fn accounts_text(accounts: &[OfficialAccount]) -> String {
    let mut names: Vec<(&str, Vec<&str>)> = Vec::new();
    for account in accounts {
        match names.iter_mut().find(|(name, _)| *name == account.account) {
            Some((_, platforms)) => platforms.push(&account.platform_name),
            None => names.push((&account.account, vec![&account.platform_name])),
        }
    }
    let phrases: Vec<String> =
        names.iter().map(|(name, platforms)| format!("{name} on {}", platforms.join(" or "))).collect();
    phrases.join("; ")
}

impl CheckPageData {
    fn new(policy: &Policy) -> CheckPageData {
        let platform_name = |id: &str| policy.platforms.get(id).map_or_else(|| id.to_owned(), |p| p.name.clone());
        let official_accounts: Vec<OfficialAccount> = policy
            .school
            .official_channels
            .iter()
            .map(|c| OfficialAccount {
                platform: c.platform.get_ref().clone(),
                platform_name: platform_name(c.platform.get_ref()),
                account: c.account.clone(),
            })
            .collect();
        let covers = policy.school.covers.get_ref();
        let not_covered = [Author::Staff, Author::Pupil, Author::Parent]
            .into_iter()
            .filter(|author| !covers.entries().any(|(a, _)| a == *author))
            .map(Author::as_str)
            .collect();
        let mut platforms: Vec<PlatformLimit> = policy
            .platforms
            .iter()
            .filter_map(|(id, p)| {
                Some(PlatformLimit {
                    id: id.clone(),
                    name: p.name.clone(),
                    limit: p.post_limit?,
                    counting: match p.counting {
                        Counting::Graphemes => "graphemes",
                        Counting::X => "x",
                    },
                })
            })
            .collect();
        platforms.sort_by_key(|p| p.name.to_lowercase());
        CheckPageData {
            draft_limit: DRAFT_LIMIT,
            draft_limit_text: thousands(DRAFT_LIMIT),
            official_accounts_text: accounts_text(&official_accounts),
            official_accounts,
            not_covered,
            platforms,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
struct HomePageData<'a> {
    schools: &'a [SchoolListing],
}

/// Renders pages, knowing the templates and assets.
pub(super) struct Renderer {
    pub(super) templates: Templates,
    pub(super) assets: Assets,
}

/// What every page has around its own data.
pub(super) struct Frame<'a> {
    /// The template.
    pub(super) template: &'a str,
    /// The way to the site root.
    pub(super) root: &'a str,
    /// `<title>`.
    pub(super) title: String,
    pub(super) csp: Csp,
    pub(super) school: Option<SchoolInfo>,
    pub(super) nav: Vec<NavLink>,
}

/// A page as rendered, with the CSP its `<meta>` tag holds (which the headers repeat).
pub(super) struct Rendered {
    html: Vec<u8>,
    csp: Csp,
}

impl From<Rendered> for SiteFile {
    fn from(page: Rendered) -> SiteFile {
        SiteFile { bytes: page.html, csp: Some(page.csp) }
    }
}

impl Renderer {
    pub(super) fn page<T: Serialize>(&self, frame: Frame<'_>, page: T) -> Result<Rendered, BuildError> {
        let Frame { template, root, title, csp, school, nav } = frame;
        // Every school page works offline: the school's service worker and manifest.
        let csp = if school.is_some() { csp.with_offline() } else { csp };
        let assets =
            self.assets.paths().into_iter().map(|(name, path)| (name.to_owned(), format!("{root}{path}"))).collect();
        let context = Page { title, csp: csp.policy(), root: root.to_owned(), assets, school, nav, page };
        let html = self
            .templates
            .render(template, &context)
            .map_err(|source| BuildError::Template { name: template.to_owned(), source })?;
        Ok(Rendered { html: html.into_bytes(), csp })
    }
}

/// The school's navigation: its home page, then [`SCHOOL_PAGES`]; `current` is the file
/// being rendered.
pub(super) fn nav_links(policy: &Policy, templates: &Templates, current: &str) -> Vec<NavLink> {
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
pub(super) fn render_school(
    renderer: &Renderer,
    policy: &Policy,
    today: Date,
    files: &mut SiteFiles,
) -> Result<SchoolListing, BuildError> {
    let id = &policy.id;
    let school = SchoolInfo {
        id: id.clone(),
        name: policy.school.name.clone(),
        pupils: words::pupils(policy.school.pupils_called),
        a_pupil: words::author(crate::model::Author::Pupil, policy.school.pupils_called),
        head: policy.school.roles.get("head").cloned().unwrap_or_else(|| "headteacher".to_owned()),
        rules_json: RULES_JSON,
        build: offline::BUILD_PLACEHOLDER,
    };
    let review = Review::new(policy.school.review.as_ref(), today);
    let policy_version = policy_version(&policy.document_file.text);
    let toc = markdown::table_of_contents(&policy.document);
    let policy_html = markdown::render_policy(&policy.document);
    let rule_groups = rules_page::rule_groups(policy);
    let links: Vec<NavLink> = nav_links(policy, &renderer.templates, "").into_iter().skip(1).collect();
    let forms = form_pages::compile(policy)?;
    let forms_index = form_pages::index(policy, &forms);
    let quizzes = quiz_pages::compile(policy)?;
    let quiz_index = quiz_pages::index(&quizzes, school.pupils);
    let coverage = coverage_page::view(policy, &quizzes);
    let role_title = |role: &str| policy.school.roles.get(role).cloned().unwrap_or_else(|| role.to_owned());
    let calendar_file = calendar::calendar(policy, today, role_title);
    let duties = duty_page::view(policy, calendar_file.is_some());
    let reporting = reporting_page::view(policy);
    let check = CheckPageData::new(policy);
    let data = |heading: &'static str| SchoolPageData {
        heading,
        policy_title: &policy.document.front.title,
        policy_summary: policy.document.front.summary.as_deref(),
        policy_notes: &policy.document.front.notes,
        review: &review,
        policy_version: &policy_version,
        toc: &toc,
        policy_html: &policy_html,
        rule_groups: &rule_groups,
        rule_count: policy.rules.len(),
        links: &links,
        forms: &forms_index,
        quizzes: &quiz_index,
        coverage: &coverage,
        duties: &duties,
        reporting: &reporting,
        check: &check,
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

    // The pages linked from others but not in the navigation; the blocked sites only where
    // the school has some.
    let linked =
        LINKED_PAGES.iter().filter(|p| p.file != "blocked-sites.html" || !policy.school.network.blocked.is_empty());
    for page in SCHOOL_PAGES.iter().chain(linked) {
        let SchoolPage { file, template, title, csp, .. } = *page;
        let (template, csp) =
            if renderer.templates.has(template) { (template, csp) } else { ("placeholder.html", Csp::STATIC) };
        // Without the WebAssembly package the checker page only explains: no scripts to allow.
        let csp = if csp.wasm && !renderer.assets.contains("postwise.js") { Csp::STATIC } else { csp };
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

    if let Some(calendar) = calendar_file {
        files.insert(format!("{id}/{CALENDAR_FILE}"), calendar.into_bytes());
    }
    form_pages::render(renderer, policy, &school, &forms, &forms_index, files)?;
    quiz_pages::render(renderer, policy, &school, &quizzes, files)?;

    let mut bundle =
        serde_json::to_vec(&policy.bundle()).map_err(|source| BuildError::Bundle { school: id.clone(), source })?;
    bundle.push(b'\n');
    files.insert(format!("{id}/{RULES_JSON}"), bundle);

    let short_name = policy.school.also_known_as.first().map_or(policy.school.name.as_str(), |name| name.get_ref());
    offline::finish_school(&school, short_name, &renderer.assets, files)
        .map_err(|source| BuildError::Offline { school: id.clone(), source })?;

    Ok(SchoolListing {
        href: format!("{id}/{SCHOOL_HOME}"),
        name: policy.school.name.clone(),
        summary: policy.document.front.summary.clone(),
        review,
    })
}

/// The site's home page, listing the schools, and the 404 page, into `files`.
pub(super) fn render_home(
    renderer: &Renderer,
    listings: &[SchoolListing],
    files: &mut SiteFiles,
) -> Result<(), BuildError> {
    let frame = |template, root, title: &str| Frame {
        template,
        root,
        title: title.to_owned(),
        csp: Csp::STATIC,
        school: None,
        nav: Vec::new(),
    };
    let home = HomePageData { schools: listings };
    files.insert(
        "index.html".to_owned(),
        renderer.page(frame("index.html", "", "Postwise: schools' social media policies"), &home)?,
    );
    // Served for any missing path, so its links start from the site root.
    files.insert("404.html".to_owned(), renderer.page(frame("404.html", "/", "Page not found – Postwise"), ())?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{OfficialAccount, accounts_text, thousands};

    #[test]
    fn official_accounts_are_named_once_with_their_platforms() {
        let account = |account: &str, platform_name: &str| OfficialAccount {
            platform: platform_name.to_lowercase(),
            platform_name: platform_name.to_owned(),
            account: account.to_owned(),
        };
        let accounts =
            [account("Coton Primary", "Facebook"), account("Coton Primary", "Instagram"), account("Coton PTA", "X")];
        assert_eq!(accounts_text(&accounts), "Coton Primary on Facebook or Instagram; Coton PTA on X");
        assert_eq!(accounts_text(&[]), "");
    }

    #[test]
    fn thousands_are_separated_by_commas() {
        let written: Vec<String> = [0, 999, 1000, 20_000, 1_234_567].into_iter().map(thousands).collect();
        assert_eq!(written, ["0", "999", "1,000", "20,000", "1,234,567"]);
    }
}
