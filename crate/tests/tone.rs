//! The tone tier with the model the project ships (`lexicons/tone.bin`) and a real school's
//! rules: it reads, scores the same draft the same way every time, finds bullying that has no
//! swear word in it on the words that carry it, and never takes a word-level finding away.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

use postwise::check::Checker;
use postwise::detect::tone::{self, ToneModel};
use postwise::model::{Author, Category, Channel, Context, Finding};
use postwise::policy::{self, date::Date};
use std::path::Path;

fn checker(school: &str) -> Checker {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies").join(school);
    let loaded = policy::load_valid(&dir, Date::today()).0.expect("the policy loads");
    Checker::new(&loaded.bundle()).expect("the checker builds")
}

fn context(author: Author, channel: Channel) -> Context {
    Context { author, channel, age: None, media: Vec::new() }
}

fn model() -> &'static ToneModel {
    tone::bundled().expect("the shipped tone model reads")
}

/// The words of each finding of `category`.
fn words(text: &str, findings: &[Finding], category: Category) -> Vec<String> {
    findings.iter().filter(|f| f.category == category).map(|f| text[f.start..f.end].to_owned()).collect()
}

#[test]
fn the_shipped_model_reads_and_scores_the_same_draft_the_same_way() {
    let model = model();
    assert_eq!(model.categories().count(), 8);
    let again = ToneModel::from_bytes(tone::BUNDLED).expect("reads again");
    let checker = checker("chestnuts");
    let context = context(Author::Parent, Channel::Group);
    let text = "Honestly Mrs Patel is useless, she's lost the plot this term 🙄";
    let first = checker.check_with_tone(text, &context, model);
    assert_eq!(first, checker.check_with_tone(text, &context, &again));
    assert_eq!(first, checker.check_with_tone(text, &context, model));
}

#[test]
fn bullying_without_a_swear_word_is_found_on_the_words_that_carry_it() {
    let checker = checker("chestnuts");
    let context = context(Author::Pupil, Channel::Group);
    for (text, carried_by, not_in) in [
        ("Great match today. Tyler is thick as mince and his trainers are from the charity shop", "thick", "match"),
        (
            "Honestly that Harper child is a nasty little piece of work, keep your kids away from her",
            "nasty",
            "Honestly",
        ),
    ] {
        let plain = checker.check(text, &context);
        assert!(words(text, &plain, Category::Bullying).is_empty(), "the word-level check finds {text:?}");
        let findings = checker.check_with_tone(text, &context, model());
        let found = words(text, &findings, Category::Bullying);
        assert_eq!(found.len(), 1, "in {text:?}: {findings:?}");
        assert!(found[0].contains(carried_by) && !found[0].contains(not_in), "in {text:?}: {found:?}");
        assert!(found[0].split_whitespace().count() >= 2, "a phrase, not one word: {found:?}");
    }
}

#[test]
fn spans_are_on_character_boundaries() {
    let checker = checker("cotton-end");
    let context = context(Author::Parent, Channel::Group);
    for text in [
        "👩‍👩‍👧 Zoë's mum says Mr Ng is a complete joke of a teacher é\u{301} and should be sacked 🙄",
        "ǅ ﬁne 𝐟𝐢𝐧𝐞 — I heard the head is leaving because of the inspection, pass it on!!",
    ] {
        for finding in checker.check_with_tone(text, &context, model()) {
            assert!(text.is_char_boundary(finding.start) && text.is_char_boundary(finding.end), "{finding:?}");
            assert!(finding.start <= finding.end && finding.end <= text.len());
        }
    }
}

#[test]
fn the_tone_tier_keeps_every_word_level_finding() {
    let innocent = include_str!("../../tests/fixtures/innocent.txt");
    let drafts = innocent.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).chain([
        "Well done to Jack Smith in Year 4 for his brilliant swimming gala today!",
        "you're pathetic, sh1t at football and nobody likes you, ring me on 07700 900874",
        "Personally I think the council's decision is a disgrace and the head should resign",
    ]);
    let checker = checker("cotton-end");
    for (author, channel) in [(Author::Staff, Channel::School), (Author::Pupil, Channel::Group)] {
        let context = context(author, channel);
        for text in drafts.clone() {
            let plain = checker.check(text, &context);
            let toned = checker.check_with_tone(text, &context, model());
            for finding in &plain {
                assert!(
                    toned
                        .iter()
                        .any(|t| t.category == finding.category && t.start <= finding.start && finding.end <= t.end),
                    "{text:?}: the tone tier lost {finding:?}"
                );
            }
        }
    }
}
