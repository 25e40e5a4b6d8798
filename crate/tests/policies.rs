//! The five schools' policies: each loads without error, every rule cites a clause that
//! exists, and every rule's own `breaks` and `allows` examples behave. A rule added to a
//! school's `rules.toml` with examples is tested here with no Rust to write.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

use postwise::check::{Checker, Coverage};
use postwise::model::{Author, Channel, Context};
use postwise::policy::{self, date::Date, diagnostic::Diagnostics, diagnostic::Level};
use std::path::Path;

fn checker(school: &str) -> Checker {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies").join(school);
    let (loaded, diagnostics) = policy::load_valid(&dir, Date::today());
    let loaded = loaded.unwrap_or_else(|| panic!("{school}: {:?}", diagnostics.into_sorted()));
    Checker::new(&loaded.bundle()).expect("rules compile")
}

fn context(author: Author, channel: Channel) -> Context {
    Context { author, channel, age: None, media: Vec::new() }
}

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

/// What each policy asks that a draft's text cannot show, as the check page's issue lists it:
/// every one of these clauses has an asking rule for the writer and channel it governs.
#[test]
fn the_clauses_text_cannot_show_are_asked() {
    use Author::{Parent, Pupil, Staff};
    use Channel::{Direct, Personal, School};
    let expected: [(&str, Author, Channel, &str); 16] = [
        ("cotton-end", Staff, School, "3.conduct.2"),               // SLT approval
        ("robert-carre", Staff, School, "staff.school-accounts.8"), // the head's check
        ("craylands", Staff, School, "5.h"),                        // a second colleague
        ("cotton-end", Staff, Personal, "4.2.a"),                   // not in school hours
        ("robert-carre", Staff, Personal, "staff.personal-accounts.1"),
        ("chestnuts", Staff, Personal, "5.3"),
        ("coton-in-the-elms", Staff, Personal, "6.1"),
        ("cotton-end", Staff, Personal, "4.2.b"), // school devices
        ("cotton-end", Staff, Personal, "4.2.i"), // no aliases
        ("chestnuts", Staff, Personal, "5.12"),
        ("cotton-end", Staff, Personal, "4.2.f"), // views are one's own
        ("chestnuts", Staff, Personal, "5.10"),
        ("robert-carre", Staff, Personal, "staff.personal-accounts.5"),
        ("cotton-end", Pupil, Direct, "6.2"), // not messaging staff
        ("chestnuts", Parent, Direct, "6.3"),
        ("coton-in-the-elms", Staff, School, "3.g"), // parents' written permission
    ];
    let mut missing = Vec::new();
    for (school, author, channel, clause) in expected {
        let checker = checker(school);
        let asks = checker.asks(&context(author, channel));
        if !asks.iter().any(|ask| ask.clause == clause) {
            missing.push(format!("{school}: no ask citing {clause} for {author:?} on {channel:?}"));
        }
        for ask in asks {
            assert!(ask.question.ends_with('?'), "{school} {}: {}", ask.id, ask.question);
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn asks_come_in_written_order_for_their_author_and_channel_only() {
    let checker = checker("cotton-end");
    let ids = |author, channel| -> Vec<String> {
        checker.asks(&context(author, channel)).iter().map(|a| a.id.clone()).collect()
    };
    let official = ids(Author::Staff, Channel::School);
    assert_eq!(official[..2], ["ask-authorised-to-post", "ask-slt-approved"], "{official:?}");
    assert!(!official.contains(&"ask-outside-school-hours".to_owned()), "posting for the school is work");
    assert!(ids(Author::Staff, Channel::Personal).contains(&"ask-outside-school-hours".to_owned()));
    assert!(ids(Author::Parent, Channel::Direct).is_empty(), "nothing cotton-end asks of parents' messages");
}

#[test]
fn coton_in_the_elms_covers_staff_only() {
    let coton = checker("coton-in-the-elms");
    for channel in [Channel::School, Channel::Personal, Channel::Group, Channel::Direct] {
        assert_eq!(coton.covers(&context(Author::Staff, channel)), Coverage::Covered);
        for author in [Author::Parent, Author::Pupil] {
            let parent = context(author, channel);
            assert_eq!(coton.covers(&parent), Coverage::AuthorNotCovered);
            assert!(coton.asks(&parent).is_empty());
            assert!(coton.check("Mr Smith is useless, worst teacher ever", &parent).is_empty());
        }
    }
    for school in ["chestnuts", "cotton-end", "craylands", "robert-carre"] {
        let checker = checker(school);
        assert_eq!(checker.covers(&context(Author::Parent, Channel::Group)), Coverage::Covered, "{school}");
    }
}

/// Each school's coverage map is whole (lint passes above) and long: every element the reading
/// of the policies found, at least 40 a school.
#[test]
fn every_school_maps_at_least_forty_elements() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies");
    for dir in policy::school_dirs(&root).expect("policies folder") {
        let mut diagnostics = Diagnostics::default();
        let loaded = policy::load(&dir, &mut diagnostics).expect("loads");
        let map = loaded.coverage(&mut diagnostics).expect("coverage.toml parses");
        assert!(map.element.len() >= 40, "{}: {} elements", loaded.id, map.element.len());
    }
}
