//! The schools' shipped forms (`policies/<id>/forms/*.toml`): each compiles with no error or
//! warning, every clause it cites is in the school's policy, every form the policies contain
//! or require is there, and a form filled in with good answers makes a record that verifies.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

use postwise::form::decode::form_from_json;
use postwise::form::model::FieldKind;
use postwise::form::{Answer, Answers, Form, Signature, compile, make_record, verify};
use postwise::policy::{self, Policy, date::Date, diagnostic::Diagnostics};
use std::collections::BTreeMap;
use std::path::Path;

fn schools() -> Vec<Policy> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies");
    policy::school_dirs(&root)
        .expect("policies folder")
        .iter()
        .map(|dir| policy::load_valid(dir, Date::today()).0.expect("the policy loads"))
        .collect()
}

fn forms_by_school() -> BTreeMap<String, (Policy, Vec<Form>, Vec<String>)> {
    schools()
        .into_iter()
        .map(|policy| {
            let mut diagnostics = Diagnostics::default();
            let forms = compile::school_forms(&policy, &mut diagnostics);
            let problems = diagnostics.iter().map(ToString::to_string).collect();
            (policy.id.clone(), (policy, forms, problems))
        })
        .collect()
}

#[test]
fn every_form_compiles_without_errors_or_warnings() {
    let problems: Vec<String> = forms_by_school().into_values().flat_map(|(_, _, problems)| problems).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_form_the_policies_contain_or_require_is_there() {
    let ids: BTreeMap<String, Vec<String>> = forms_by_school()
        .into_iter()
        .map(|(school, (_, forms, _))| (school, forms.into_iter().map(|f| f.id).collect()))
        .collect();
    let expected = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    assert_eq!(ids["chestnuts"], expected(&["access-request", "content-report", "parent-agreement"]));
    assert_eq!(
        ids["cotton-end"],
        expected(&[
            "access-request",
            "content-report",
            "image-consent",
            "parent-code",
            "site-approval",
            "terms-of-use"
        ]),
        "3.conduct.1: the school accounts' terms of use agreement"
    );
    assert_eq!(
        ids["robert-carre"],
        expected(&["account-application", "image-consent", "parent-code"]),
        "staff.school-accounts.2: staff apply to ICT Support for an account"
    );
    assert_eq!(
        ids["craylands"],
        expected(&["image-consent", "parent-code", "relationship-record", "social-media-aup"]),
        "5.m.ii: the social media acceptable use policy; 4.2.d: pre-existing relationships recorded"
    );
    assert_eq!(
        ids["coton-in-the-elms"],
        expected(&["image-consent", "staff-acknowledgement"]),
        "3.g: written permission for names and images; 2.2: staff read and comply"
    );
}

#[test]
fn every_cited_clause_is_in_the_policy_and_statements_cite_one() {
    let mut problems = Vec::new();
    for (school, (policy, forms, _)) in forms_by_school() {
        for form in &forms {
            let cited = std::iter::once(Some(&form.clause))
                .chain(form.sections.iter().map(|s| s.intro_clause.as_ref()))
                .chain(form.fields().map(|(_, f)| f.clause.as_ref()))
                .flatten();
            for clause in cited {
                if policy.document.clause(clause).is_none() {
                    problems.push(format!("{school}/{}: clause {clause} is not in policy.md", form.id));
                }
            }
            for (_, field) in form.fields().filter(|(_, f)| f.kind == FieldKind::Statement) {
                if field.clause.is_none() || field.label.trim().is_empty() {
                    problems.push(format!("{school}/{}: statement {} has no clause or text", form.id, field.id));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn statements_taken_from_a_clause_quote_it_exactly() {
    let schools = forms_by_school();
    let (policy, forms, _) = &schools["chestnuts"];
    let agreement = forms.iter().find(|f| f.id == "parent-agreement").expect("the agreement");
    let statement = agreement.fields().find(|(_, f)| f.id == "no-photos-of-others").expect("the statement").1;
    assert_eq!(statement.label, policy.document.clause("appendix-3.6.c").expect("the clause").text);
    assert!(statement.label.starts_with("Upload or share photos or videos"), "{}", statement.label);
}

#[test]
fn the_safeguarding_question_sends_people_to_the_schools_dsl() {
    let schools = forms_by_school();
    let (_, forms, _) = &schools["cotton-end"];
    let report = forms.iter().find(|f| f.id == "content-report").expect("the report form");
    let question = report.fields().find(|(_, f)| f.id == "safeguarding").expect("the question").1;
    let yes = question.options.iter().find(|o| o.value == "yes").expect("yes");
    assert_eq!(yes.tell.as_ref().expect("tells someone").role, "Designated Safeguarding Lead (DSL)");
    assert!(question.options.iter().find(|o| o.value == "no").expect("no").tell.is_none());
}

/// Good answers to every field filled online, whatever the form.
fn good_answers(form: &Form) -> Answers {
    form.online_fields()
        .map(|(_, field)| {
            let answer = match field.kind {
                FieldKind::Text | FieldKind::LongText => Answer::Text("Sam Jones".to_owned()),
                FieldKind::Url => Answer::Text("https://www.example.com/page".to_owned()),
                FieldKind::Date => Answer::Text("2025-3-27".to_owned()),
                FieldKind::Email => Answer::Text("sam@example.com".to_owned()),
                FieldKind::Choice if field.multiple => Answer::Choices(vec![field.options[0].value.clone()]),
                FieldKind::Choice => Answer::Text(field.options[0].value.clone()),
                FieldKind::Statement => Answer::Agreed(true),
                FieldKind::Signature => Answer::Signature(Signature { name: "Sam Jones".to_owned(), drawing: None }),
            };
            (field.id.clone(), answer)
        })
        .collect()
}

#[test]
fn every_form_filled_well_makes_a_record_that_verifies_against_the_current_policy() {
    for (school, (_, forms, _)) in forms_by_school() {
        for form in &forms {
            let record = make_record(form, &good_answers(form), "2025-03-27T10:00:00Z")
                .unwrap_or_else(|errors| panic!("{school}/{}: {errors:?}", form.id));
            let verdict = verify(&record.to_canonical(), Some(&form.policy.version)).expect("a record");
            assert!(verdict.intact && verdict.current_policy == Some(true), "{school}/{}: {verdict:?}", form.id);
            let empty = make_record(form, &Answers::new(), "2025-03-27T10:00:00Z");
            assert!(empty.is_err(), "{school}/{}: an empty form must not make a record", form.id);
        }
    }
}

#[test]
fn every_form_reads_back_from_the_json_the_site_writes() {
    for (school, (_, forms, _)) in forms_by_school() {
        for form in &forms {
            let json = serde_json::to_string(form).expect("serialises");
            assert_eq!(&form_from_json(&json).expect("reads back"), form, "{school}/{}", form.id);
        }
    }
}
