//! The five schools' policies: each loads without error, every rule cites a clause that
//! exists, and every rule's own `breaks` and `allows` examples behave. A rule added to a
//! school's `rules.toml` with examples is tested here with no Rust to write.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

use postwise::policy::{self, date::Date, diagnostic::Diagnostics, diagnostic::Level};
use std::path::Path;

#[test]
fn every_school_lints_clean_and_every_example_behaves() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies");
    let schools = policy::school_dirs(&root).expect("policies folder");
    let ids: Vec<String> = schools.iter().filter_map(|d| d.file_name()?.to_str().map(str::to_owned)).collect();
    assert_eq!(
        ids,
        ["chestnuts", "coton-in-the-elms", "cotton-end", "craylands", "robert-carre"],
        "the contract's five schools"
    );
    let mut errors = Vec::new();
    let mut examples = 0;
    for dir in &schools {
        let mut diagnostics = Diagnostics::default();
        let Some(loaded) = policy::load(dir, &mut diagnostics) else {
            errors.extend(diagnostics.iter().map(ToString::to_string));
            continue;
        };
        loaded.lint(Date::today(), &mut diagnostics);
        examples += loaded.rules.iter().map(|r| r.get_ref().breaks.len() + r.get_ref().allows.len()).sum::<usize>();
        errors.extend(diagnostics.iter().filter(|d| d.level == Level::Error).map(ToString::to_string));
    }
    assert!(examples > 300, "expected hundreds of rule examples, found {examples}");
    assert!(errors.is_empty(), "{} problems:\n{}", errors.len(), errors.join("\n"));
}
