//! The curated lists in `tests/fixtures/`: every disguised offensive word must be found, and
//! no innocent word or phrase may be. Each test walks its whole list and fails once, listing
//! every failure.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

use postwise::bundle::School;
use postwise::detect::{Draft, Vocabulary, offensive};
use postwise::model::{Author, Channel, Context};
use postwise::text::pattern::CueEngine;

fn vocabulary() -> Vocabulary {
    Vocabulary::new(&School {
        id: "test".to_owned(),
        name: "Test Primary School".to_owned(),
        also_known_as: Vec::new(),
        place_names: Vec::new(),
        address: None,
        pupil_ages: [4, 11],
        pupils: "pupils".to_owned(),
        platforms: Vec::new(),
        covers: Default::default(),
    })
}

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// The offensive terms found in `text`, of any kind and severity.
fn terms_in(text: &str, vocabulary: &Vocabulary) -> Vec<&'static str> {
    let context = Context { author: Author::Pupil, channel: Channel::Group, age: None, media: Vec::new() };
    let engine = CueEngine::default();
    let draft = Draft::new(text, &context, vocabulary, &engine);
    offensive::find_terms(&draft).into_iter().map(|hit| hit.term.term).collect()
}

#[test]
fn every_evasion_is_found() {
    let vocabulary = vocabulary();
    let list = fixture("evasions.tsv");
    let mut missed = Vec::new();
    let mut count = 0;
    for line in lines(&list) {
        let Some((draft, hidden)) = line.split_once('\t') else { panic!("evasions.tsv: no tab in {line:?}") };
        count += 1;
        let found = terms_in(draft, &vocabulary);
        if !found.iter().any(|term| hidden.starts_with(term) || term.starts_with(hidden)) {
            missed.push(format!("{draft:?} hides {hidden:?}, found {found:?}"));
        }
    }
    assert!(count >= 80, "the evasion list must have at least 80 entries, has {count}");
    assert!(missed.is_empty(), "{} of {count} evasions missed:\n{}", missed.len(), missed.join("\n"));
}

#[test]
fn no_innocent_word_is_flagged() {
    let vocabulary = vocabulary();
    let list = fixture("innocent.txt");
    let mut flagged = Vec::new();
    let mut count = 0;
    for line in lines(&list) {
        count += 1;
        let found = terms_in(line, &vocabulary);
        if !found.is_empty() {
            flagged.push(format!("{line:?}: {found:?}"));
        }
    }
    assert!(count >= 200, "the innocent list must have at least 200 entries, has {count}");
    assert!(flagged.is_empty(), "{} of {count} innocent lines flagged:\n{}", flagged.len(), flagged.join("\n"));
}
