//! The school's forms on the site (part of step 3 of the build): each form compiled from
//! `policies/<id>/forms/*.toml` against the policy, written as `form-<form-id>.json` for the
//! browser, and rendered as `form-<form-id>.html`; the page that verifies a record file,
//! `verify.html`; the school office's page that receives records, countersigns them and keeps a
//! register, `office.html`; and the list of forms that `forms.html` ("Read and sign") shows.
//! The school's public keys (`[[keys]]` in `school.toml`) are shown on the verify and office
//! pages, and given to their script.
//!
//! The pages are flat in the school's folder, beside `forms.html`, so the navigation's links
//! work unchanged. Every form page is complete HTML: without JavaScript it reads and prints as a
//! paper form; with it, `form.js` checks the answers in WebAssembly and makes the record.

use super::BuildError;
use super::csp::Csp;
use super::render::{Frame, Renderer, nav_links};
use super::templates::SchoolInfo;
use crate::form::Form;
use crate::form::canonical::Value;
use crate::form::compile::school_forms;
use crate::form::digest::policy_version;
use crate::form::key::SchoolKey;
use crate::form::model::FieldKind;
use crate::policy::Policy;
use crate::policy::diagnostic::Diagnostics;
use serde::Serialize;

/// The page that checks a record file, in the school's folder.
const VERIFY_PAGE: &str = "verify.html";

/// The page that lists the forms; form pages show in the navigation as part of it.
const FORMS_PAGE: &str = "forms.html";

/// The school office's page: receiving records, countersigning them, the register.
const OFFICE_PAGE: &str = "office.html";

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
    /// The office page.
    office_href: &'static str,
    /// The school's public keys, as `school.toml` lists them.
    keys: Vec<KeyView>,
    /// The same for the pages' script: a JSON list of `{id, public_key, valid_from, valid_to?}`.
    keys_json: String,
    /// Each form's JSON file by form id, as a JSON object, for the pages' script.
    forms_json: String,
    /// Where records are sent, when `school.toml` says.
    contact_email: Option<String>,
}

/// One of the school's public keys, as the pages show it.
#[derive(Clone, Debug, Serialize)]
struct KeyView {
    id: String,
    public_key: String,
    valid_from: String,
    valid_to: Option<String>,
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

/// The list `forms.html` shows, and what the verify and office pages know of the school.
pub(super) fn index(policy: &Policy, forms: &[Form]) -> FormsIndex {
    let keys = policy.school_keys();
    let keys_json = Value::Array(keys.iter().map(SchoolKey::to_value).collect()).to_canonical();
    let forms_json = Value::Object(forms.iter().map(|f| (f.id.clone(), Value::String(json_file(f)))).collect());
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
        office_href: OFFICE_PAGE,
        keys: keys
            .iter()
            .map(|k| KeyView {
                id: k.public_key.id(),
                public_key: k.public_key.to_text(),
                valid_from: k.valid_from.clone(),
                valid_to: k.valid_to.clone(),
            })
            .collect(),
        keys_json,
        forms_json: forms_json.to_canonical(),
        contact_email: policy.contact_email().map(str::to_owned),
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
    /// Where to send the record, when the school gives an address.
    contact_email: Option<&'a str>,
}

/// What the verify and office pages show.
#[derive(Serialize)]
struct RecordsPageData<'a> {
    heading: &'static str,
    index: &'a FormsIndex,
    forms_href: &'static str,
    verify_href: &'static str,
    office_href: &'static str,
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
            contact_email: index.contact_email.as_deref(),
        };
        files.insert(format!("{id}/{}", page_file(form)), renderer.page(frame("form.html", &form.title), data)?);
        let mut json = serde_json::to_vec(form).map_err(|source| BuildError::Bundle { school: id.clone(), source })?;
        json.push(b'\n');
        files.insert(format!("{id}/{}", json_file(form)), json);
    }
    for (file, heading) in [(VERIFY_PAGE, "Check a signed record"), (OFFICE_PAGE, "Receive signed records")] {
        let data = RecordsPageData {
            heading,
            index,
            forms_href: FORMS_PAGE,
            verify_href: VERIFY_PAGE,
            office_href: OFFICE_PAGE,
        };
        files.insert(format!("{id}/{file}"), renderer.page(frame(file, heading), data)?);
    }
    Ok(())
}
