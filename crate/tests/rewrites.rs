//! Suggested rewrites on the five schools' own examples: every draft a rule says it breaks is
//! checked, and every rewrite offered for a finding in it, once applied, removes that finding
//! and brings no new one. Names, contact details and swear words get a rewrite; what is about a
//! post's meaning never does.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

use postwise::check::Checker;
use postwise::model::Category;
use postwise::policy::{self, Policy, date::Date};
use std::path::Path;

fn schools() -> Vec<Policy> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies");
    policy::school_dirs(&root)
        .expect("policies folder")
        .iter()
        .map(|dir| {
            let (loaded, diagnostics) = policy::load_valid(dir, Date::today());
            loaded.unwrap_or_else(|| panic!("{}: {:?}", dir.display(), diagnostics.into_sorted()))
        })
        .collect()
}

/// Categories whose findings are about what a post says: never rewritten.
const MEANING: [Category; 8] = [
    Category::Bullying,
    Category::Disrepute,
    Category::Discrimination,
    Category::Political,
    Category::PersonalOpinion,
    Category::Confidential,
    Category::Unverified,
    Category::Meeting,
];

#[test]
fn every_rewrite_offered_on_the_schools_examples_removes_its_finding() {
    let mut problems = Vec::new();
    let (mut rewrites, mut names, mut contacts, mut words) = (0, 0, 0, 0);
    for policy in schools() {
        let checker = Checker::new(&policy.bundle()).expect("rules compile");
        for rule in &policy.rules {
            let rule = rule.get_ref();
            for example in &rule.breaks {
                let (text, context) = Policy::example_draft(rule, example.get_ref());
                let findings = checker.check(text, &context);
                for (index, finding) in findings.iter().enumerate() {
                    let flagged = &text[finding.start..finding.end];
                    let offered = checker.suggest(text, &context, index);
                    if MEANING.contains(&finding.category) && !offered.is_empty() {
                        problems.push(format!("{}: {} rewritten: {flagged:?} in {text:?}", policy.id, finding.rule));
                    }
                    for rewrite in &offered {
                        rewrites += 1;
                        match finding.category {
                            Category::PupilIdentity => names += 1,
                            Category::ContactDetails => contacts += 1,
                            Category::OffensiveLanguage => words += 1,
                            _ => {}
                        }
                        let rewritten = rewrite.apply(text);
                        let after = checker.check(&rewritten, &context);
                        let same = |f: &postwise::model::Finding| {
                            f.rule == finding.rule && &rewritten[f.start..f.end] == flagged
                        };
                        if after.iter().any(same)
                            && findings.iter().filter(|f| f.rule == finding.rule).count()
                                <= after.iter().filter(|f| f.rule == finding.rule).count()
                        {
                            problems.push(format!(
                                "{}: {:?} keeps {} {flagged:?}: {rewritten:?}",
                                policy.id, rewrite.label, finding.rule
                            ));
                        }
                        if after.len() >= findings.len() {
                            problems.push(format!(
                                "{}: {:?} of {flagged:?} finds as much as before: {rewritten:?}",
                                policy.id, rewrite.label
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
    assert!(
        names >= 10 && contacts >= 10 && words >= 5,
        "rewrites offered: {names} names, {contacts} contact details, {words} words"
    );
    assert!(rewrites >= 40, "only {rewrites} rewrites offered on the schools' examples");
}

#[test]
fn a_name_a_number_and_a_swear_word_each_get_a_rewrite_that_clears_them() {
    let policy = schools().into_iter().find(|p| p.id == "cotton-end").expect("cotton-end");
    let checker = Checker::new(&policy.bundle()).expect("rules compile");
    let context = postwise::model::Context {
        author: postwise::model::Author::Staff,
        channel: postwise::model::Channel::Personal,
        age: None,
        media: Vec::new(),
    };
    let mut text = "Well done Sienna Parkes! Text me on 07700 900874, what a sh1t day.".to_owned();
    let found: Vec<String> = checker.check(&text, &context).iter().map(|f| text[f.start..f.end].to_owned()).collect();
    assert_eq!(found, ["Sienna Parkes", "07700 900874", "sh1t"]);
    while !checker.check(&text, &context).is_empty() {
        let rewrite = checker.suggest(&text, &context, 0).into_iter().next().expect("a rewrite for the first finding");
        text = rewrite.apply(&text);
    }
    assert_eq!(text, "Well done Sienna! Text me, what a day.");
}
