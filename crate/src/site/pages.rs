//! The pages every school has, in the order its home page lists them. Adding a page is one
//! line in [`SCHOOL_PAGES`]; until its template is registered (`templates::TEMPLATES`) the page
//! is built from `placeholder.html`, so links to it never break.

use super::csp::Csp;

/// One page of a school's section of the site.
#[derive(Clone, Copy, Debug)]
pub struct SchoolPage {
    /// Its file in the school's folder: `check.html`.
    pub file: &'static str,
    /// The template that renders it, in `www/templates/`.
    pub template: &'static str,
    /// Its heading and link text.
    pub title: &'static str,
    /// One sentence for the school's home page. `{pupils}` becomes the school's word for its
    /// children.
    pub summary: &'static str,
    /// What the page may load (used only when its template exists; a placeholder is static).
    pub csp: Csp,
}

/// The school's pages after its home page.
pub const SCHOOL_PAGES: &[SchoolPage] = &[
    SchoolPage {
        file: "policy.html",
        template: "policy.html",
        title: "Read the policy",
        summary: "For everyone: the school's social media policy in full.",
        // policy.js: a clause link lands with the sentence that leads into the clause in view.
        csp: Csp::SCRIPTS,
    },
    SchoolPage {
        file: "check.html",
        template: "check.html",
        title: "Check a post",
        summary: "For staff: check a draft against the policy before you publish it.",
        csp: Csp::CHECKER,
    },
    SchoolPage {
        file: "rules.html",
        template: "rules.html",
        title: "The rules",
        summary: "What the checker looks for, the clause each rule comes from, and examples.",
        csp: Csp::STATIC,
    },
    SchoolPage {
        file: "quiz.html",
        template: "quiz.html",
        title: "Practise staying safe",
        summary: "For {pupils}: short quizzes about being safe and kind online.",
        // A list of links; each quiz's own page runs it (`quiz_pages`, with its own CSP).
        csp: Csp::STATIC,
    },
    SchoolPage {
        file: "forms.html",
        template: "forms.html",
        title: "Read and sign",
        summary: "For parents, carers and staff: the policy's forms to read, fill in and sign.",
        csp: Csp::STATIC,
    },
    SchoolPage {
        file: "reporting.html",
        template: "reporting.html",
        title: "Where to report",
        summary: "For {pupils} and parents: who to tell, where to report on each app, and the sites blocked at school.",
        csp: Csp::STATIC,
    },
    SchoolPage {
        file: "school-duties.html",
        template: "school-duties.html",
        title: "For the school",
        summary: "For the head and governors: what the policy asks to be done and when, a calendar to add it to, and how each clause is covered.",
        csp: Csp::STATIC,
    },
    SchoolPage {
        file: "class.html",
        template: "class.html",
        title: "Class tablets",
        summary: "For teachers: share a tablet between {pupils} safely, and use this site with no internet.",
        // Turning class mode on and off (class.js); every school page has the site's scripts.
        csp: Csp::SCRIPTS,
    },
];

/// Pages a school's pages link to that are not in its navigation: the coverage map (from "For
/// the school" and the rules page), and the blocked sites (from "Where to report"), rendered
/// with the same data as [`SCHOOL_PAGES`].
pub const LINKED_PAGES: &[SchoolPage] = &[
    SchoolPage {
        file: "coverage.html",
        template: "coverage.html",
        title: "How this policy is covered",
        summary: "Every clause of the policy and what Postwise does with it.",
        csp: Csp::STATIC,
    },
    SchoolPage {
        file: "blocked-sites.html",
        template: "blocked-sites.html",
        title: "Sites blocked at school",
        summary: "The social media sites the school's network blocks.",
        csp: Csp::STATIC,
    },
];

/// The school's home page file.
pub const SCHOOL_HOME: &str = "index.html";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_files_are_unique_and_not_the_home_page() {
        let mut files: Vec<&str> = SCHOOL_PAGES.iter().map(|p| p.file).collect();
        files.sort_unstable();
        files.dedup();
        assert_eq!(files.len(), SCHOOL_PAGES.len());
        assert!(!files.contains(&SCHOOL_HOME));
    }
}
