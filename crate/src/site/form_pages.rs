//! The school's forms on the site (part of step 3 of the build): each form compiled from
//! `policies/<id>/forms/*.toml` against the policy, written as `form-<form-id>.json` for the
//! browser, and rendered as `form-<form-id>.html`; the page that verifies a record file,
//! `verify.html`; and the list of forms that `forms.html` ("Read and sign") shows.
//!
//! The pages are flat in the school's folder, beside `forms.html`, so the navigation's links
//! work unchanged. Every form page is complete HTML: without JavaScript it reads and prints as a
//! paper form; with it, `form.js` checks the answers in WebAssembly and makes the record.

use super::BuildError;
use super::csp::Csp;
use super::render::{Frame, Renderer, nav_links};
use super::templates::SchoolInfo;
use crate::form::Form;
use crate::form::compile::school_forms;
use crate::form::digest::policy_version;
use crate::form::model::FieldKind;
use crate::policy::Policy;
use crate::policy::diagnostic::Diagnostics;
use serde::Serialize;

/// The page that checks a record file, in the school's folder.
const VERIFY_PAGE: &str = "verify.html";

/// The page that lists the forms; form pages show in the navigation as part of it.
const FORMS_PAGE: &str = "forms.html";

/// What `forms.html` shows: the school's forms and the policy version they are signed against.
#[derive(Clone, Debug, Serialize)]
pub(super) struct FormsIndex {
    /// The forms, in file-name order.
    forms: Vec<FormListing>,
    /// The policy's version, as records carry it.
    policy_version: String,
    /// When the policy was last reviewed, when `school.toml` says.
    reviewed: Option<String>,
    /// The verify page.
    verify_href: &'static str,
}

/// One form in the list.
#[derive(Clone, Debug, Serialize)]
struct FormListing {
    href: String,
    title: String,
    summary: String,
    audience: String,
}

/// The school's compiled forms; an error when a form file has one (`postwise lint` says the same).
pub(super) fn compile(policy: &Policy) -> Result<Vec<Form>, BuildError> {
    let mut diagnostics = Diagnostics::default();
    let forms = school_forms(policy, &mut diagnostics);
    if diagnostics.has_errors() {
        return Err(BuildError::Policy { dir: policy.dir.clone(), diagnostics: diagnostics.into_sorted() });
    }
    Ok(forms)
}

/// The list `forms.html` shows.
pub(super) fn index(policy: &Policy, forms: &[Form]) -> FormsIndex {
    FormsIndex {
        forms: forms
            .iter()
            .map(|form| FormListing {
                href: page_file(form),
                title: form.title.clone(),
                summary: form.summary.clone(),
                audience: form.audience.clone(),
            })
            .collect(),
        policy_version: policy_version(&policy.document_file.text),
        reviewed: policy.school.review.as_ref().and_then(|r| r.last.as_ref()).map(|d| d.get_ref().clone()),
        verify_href: VERIFY_PAGE,
    }
}

fn page_file(form: &Form) -> String {
    format!("form-{}.html", form.id)
}

fn json_file(form: &Form) -> String {
    format!("form-{}.json", form.id)
}

/// What a form's page shows.
#[derive(Serialize)]
struct FormPageData<'a> {
    heading: &'a str,
    form: &'a Form,
    /// The compiled form for `form.js`, beside the page.
    form_json: String,
    /// Whether it has statements to agree to (the page explains ticking them).
    has_statements: bool,
    /// For each section, whether it says who fills it in: only where that changes.
    filled_by_changes: Vec<bool>,
    verify_href: &'static str,
    forms_href: &'static str,
}

/// What the verify page shows.
#[derive(Serialize)]
struct VerifyPageData<'a> {
    heading: &'static str,
    index: &'a FormsIndex,
    forms_href: &'static str,
}

/// Renders each form's page and JSON, and the verify page, into `files`.
pub(super) fn render(
    renderer: &Renderer,
    policy: &Policy,
    school: &SchoolInfo,
    forms: &[Form],
    index: &FormsIndex,
    files: &mut super::SiteFiles,
) -> Result<(), BuildError> {
    let id = &policy.id;
    // The pages need the forms' WebAssembly package to fill in; without it they are paper forms.
    let csp = if renderer.assets.contains("postwise_forms.js") { Csp::CHECKER } else { Csp::STATIC };
    let frame = |template, title: &str| Frame {
        template,
        root: "../",
        title: format!("{title} – {} – Postwise", policy.school.name),
        csp,
        school: Some(school.clone()),
        nav: nav_links(policy, &renderer.templates, FORMS_PAGE),
    };
    for form in forms {
        let data = FormPageData {
            heading: &form.title,
            form,
            form_json: json_file(form),
            has_statements: form.online_fields().any(|(_, f)| f.kind == FieldKind::Statement),
            filled_by_changes: form
                .sections
                .iter()
                .enumerate()
                .map(|(i, s)| i == 0 || form.sections[i - 1].filled_by != s.filled_by || !form.sections[i - 1].online)
                .collect(),
            verify_href: VERIFY_PAGE,
            forms_href: FORMS_PAGE,
        };
        files.insert(format!("{id}/{}", page_file(form)), renderer.page(frame("form.html", &form.title), data)?);
        let mut json = serde_json::to_vec(form).map_err(|source| BuildError::Bundle { school: id.clone(), source })?;
        json.push(b'\n');
        files.insert(format!("{id}/{}", json_file(form)), json);
    }
    let heading = "Check a signed record";
    let data = VerifyPageData { heading, index, forms_href: FORMS_PAGE };
    files.insert(format!("{id}/{VERIFY_PAGE}"), renderer.page(frame("verify.html", heading), data)?);
    Ok(())
}
