//! Suggested rewrites on the five schools' own examples, as the check page offers them: for
//! each finding of every draft a rule says it breaks, each candidate rewrite is applied and the
//! draft checked again, and offered only if `suggest::clears` says so. Every rewrite offered
//! removes its finding and brings no new one; names, contact details and swear words get one;
//! what is about a post's meaning never does.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

use postwise::bundle::PolicyBundle;
use postwise::check::Checker;
use postwise::model::{Category, Context, Finding, Span};
use postwise::policy::{self, Policy, date::Date};
use postwise::suggest::{self, Rewrite};
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

/// Each finding as its rule and the words it flagged.
fn flagged<'a>(text: &'a str, findings: &'a [Finding]) -> Vec<(&'a str, &'a str)> {
    findings.iter().map(|f| (f.rule.as_str(), &text[f.start..f.end])).collect()
}

/// The candidates for finding `index`, each with whether the page would offer it: what the
/// page does, in Rust.
fn rewrites(
    checker: &Checker,
    bundle: &PolicyBundle,
    text: &str,
    context: &Context,
    index: usize,
) -> Vec<(Rewrite, bool)> {
    let findings = checker.check(text, context);
    let finding = &findings[index];
    let rule = bundle.rules.iter().find(|r| r.id == finding.rule).expect("the finding's rule");
    let span = Span::new(finding.start, finding.end);
    let before = flagged(text, &findings);
    suggest::candidates(rule.detect.kind(), text, span, &bundle.school.pupils)
        .into_iter()
        .map(|rewrite| {
            let rewritten = rewrite.apply(text);
            let after = checker.check(&rewritten, context);
            let safe = suggest::clears(&before, &flagged(&rewritten, &after), before[index]);
            (rewrite, safe)
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
    let (mut offered, mut held_back, mut names, mut contacts, mut words) = (0, 0, 0, 0, 0);
    for policy in schools() {
        let bundle = policy.bundle();
        let checker = Checker::new(&bundle).expect("rules compile");
        for rule in &policy.rules {
            let rule = rule.get_ref();
            for example in &rule.breaks {
                let (text, context) = Policy::example_draft(rule, example.get_ref());
                let findings = checker.check(text, &context);
                for (index, finding) in findings.iter().enumerate() {
                    let flagged = &text[finding.start..finding.end];
                    for (rewrite, safe) in rewrites(&checker, &bundle, text, &context, index) {
                        if MEANING.contains(&finding.category) {
                            problems
                                .push(format!("{}: {} rewritten: {flagged:?} in {text:?}", policy.id, finding.rule));
                        }
                        if !safe {
                            held_back += 1;
                            continue;
                        }
                        offered += 1;
                        match finding.category {
                            Category::PupilIdentity => names += 1,
                            Category::ContactDetails => contacts += 1,
                            Category::OffensiveLanguage => words += 1,
                            _ => {}
                        }
                        // Independently of `clears`: the finding's words are found once less.
                        let rewritten = rewrite.apply(text);
                        let after = checker.check(&rewritten, &context);
                        let count = |t: &str, f: &[Finding]| {
                            f.iter().filter(|x| x.rule == finding.rule && &t[x.start..x.end] == flagged).count()
                        };
                        if count(&rewritten, &after) >= count(text, &findings) || after.len() >= findings.len() {
                            problems.push(format!(
                                "{}: {:?} keeps {} {flagged:?}: {rewritten:?}",
                                policy.id, rewrite.label, finding.rule
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
    assert!(offered >= 100, "only {offered} rewrites offered on the schools' examples");
    assert!(held_back < offered / 5, "{held_back} held back, {offered} offered");
}

#[test]
fn a_rewrite_that_would_be_found_itself_is_held_back() {
    // A school whose staff may not say where they work on their own accounts, "our pupils"
    // included: "one of our pupils" would be found in its turn, so only the first name is
    // offered.
    let policy = schools().into_iter().find(|p| p.id == "cotton-end").expect("cotton-end");
    let mut bundle = policy.bundle();
    let mut own_pupils = bundle.rules.iter().find(|r| r.category == Category::SchoolIdentity).expect("a rule").clone();
    own_pupils.id = "our-pupils".to_owned();
    own_pupils.detect = serde_json::from_str(r#"{"kind":"phrases","patterns":["our pupils"]}"#).expect("detector");
    bundle.rules.push(own_pupils);
    let checker = Checker::new(&bundle).expect("rules compile");
    let context = Context {
        author: postwise::model::Author::Staff,
        channel: postwise::model::Channel::Personal,
        age: None,
        media: Vec::new(),
    };
    let text = "Kacper Nowak made me a birthday card today, melted my heart";
    let found: Vec<(String, bool)> =
        rewrites(&checker, &bundle, text, &context, 0).into_iter().map(|(r, safe)| (r.apply(text), safe)).collect();
    assert_eq!(
        found,
        [
            ("Kacper made me a birthday card today, melted my heart".to_owned(), true),
            ("one of our pupils made me a birthday card today, melted my heart".to_owned(), false),
        ]
    );
}

#[test]
fn a_name_a_number_and_a_swear_word_each_get_a_rewrite_that_clears_them() {
    let policy = schools().into_iter().find(|p| p.id == "cotton-end").expect("cotton-end");
    let bundle = policy.bundle();
    let checker = Checker::new(&bundle).expect("rules compile");
    let context = Context {
        author: postwise::model::Author::Staff,
        channel: postwise::model::Channel::Personal,
        age: None,
        media: Vec::new(),
    };
    let mut text = "Well done Sienna Parkes! Text me on 07700 900874, what a sh1t day.".to_owned();
    let found: Vec<String> = checker.check(&text, &context).iter().map(|f| text[f.start..f.end].to_owned()).collect();
    assert_eq!(found, ["Sienna Parkes", "07700 900874", "sh1t"]);
    while !checker.check(&text, &context).is_empty() {
        let (rewrite, _) = rewrites(&checker, &bundle, &text, &context, 0)
            .into_iter()
            .find(|(_, safe)| *safe)
            .expect("a safe rewrite for the first finding");
        text = rewrite.apply(&text);
    }
    assert_eq!(text, "Well done Sienna! Text me, what a day.");
}
