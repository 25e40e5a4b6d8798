//! Properties of the checker on any input: it never panics, spans are in bounds and on
//! character boundaries, and the same draft always gives the same findings. Every detector is
//! switched on for every author and channel, so every code path sees the input.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

use postwise::bundle::{Platform, PolicyBundle, Rule, School};
use postwise::check::Checker;
use postwise::detect::DetectorSpec;
use postwise::model::{Author, Category, Channel, Consent, Context, MediaItem, MediaType, Severity};
use proptest::prelude::*;

/// A checker with every detector on, for everyone everywhere.
fn everything() -> Checker {
    let specs: Vec<DetectorSpec> = [
        r#"{"kind":"full-name","with_class":true}"#,
        r#"{"kind":"date-of-birth"}"#,
        r#"{"kind":"phone"}"#,
        r#"{"kind":"email"}"#,
        r#"{"kind":"handle"}"#,
        r#"{"kind":"home-address"}"#,
        r#"{"kind":"whereabouts"}"#,
        r#"{"kind":"school-name","employee_cues":true}"#,
        r#"{"kind":"offensive","min_severity":1}"#,
        r#"{"kind":"discrimination"}"#,
        r#"{"kind":"bullying"}"#,
        r#"{"kind":"political"}"#,
        r#"{"kind":"personal-opinion"}"#,
        r#"{"kind":"criticism"}"#,
        r#"{"kind":"sensitive"}"#,
        r#"{"kind":"contact-request","towards":"pupils-or-parents"}"#,
        r#"{"kind":"contact-request","towards":"staff"}"#,
        r#"{"kind":"online-meeting"}"#,
        r#"{"kind":"credentials"}"#,
        r#"{"kind":"chain-message"}"#,
        r#"{"kind":"reposted"}"#,
        r#"{"kind":"media","checks":["consent","media-type","dress","others-children","any-pupils","name-alongside"]}"#,
        r#"{"kind":"platform-age"}"#,
        r#"{"kind":"phrases","patterns":["meet* ~3 <cap>","i+am <num>"]}"#,
    ]
    .iter()
    .map(|json| serde_json::from_str(json).expect("detector spec"))
    .collect();
    let rules = specs
        .into_iter()
        .enumerate()
        .map(|(i, detect)| Rule {
            id: format!("rule-{i}"),
            category: Category::ALL[i % Category::ALL.len()],
            severity: Severity::Must,
            authors: vec![Author::Staff, Author::Pupil, Author::Parent],
            channels: vec![Channel::School, Channel::Personal, Channel::Group, Channel::Direct],
            clause: "1".to_owned(),
            message: "m".to_owned(),
            detect,
        })
        .collect();
    let platform = Platform {
        id: "tiktok".to_owned(),
        name: "TikTok".to_owned(),
        aliases: vec!["tiktok".to_owned(), "tik tok".to_owned()],
        ambiguous_aliases: Vec::new(),
        minimum_age: Some(13),
    };
    let school = School {
        id: "p".to_owned(),
        name: "Oakfield Primary School".to_owned(),
        also_known_as: vec!["Oakfield".to_owned()],
        place_names: Vec::new(),
        address: None,
        pupil_ages: [4, 11],
        pupils: "pupils".to_owned(),
        platforms: vec![platform],
        covers: Default::default(),
    };
    Checker::new(&PolicyBundle { school, rules, asks: Vec::new(), clauses: Default::default() })
        .expect("checker builds")
}

fn contexts() -> Vec<Context> {
    let media = vec![MediaItem {
        kind: MediaType::Video,
        pupils: 2,
        consent: Consent::Images,
        swimwear: true,
        own_child_only: false,
    }];
    vec![
        Context { author: Author::Staff, channel: Channel::School, age: None, media: media.clone() },
        Context { author: Author::Pupil, channel: Channel::Direct, age: Some(9), media: Vec::new() },
        Context { author: Author::Parent, channel: Channel::Group, age: None, media },
    ]
}

fn assert_well_formed(checker: &Checker, text: &str) {
    for context in contexts() {
        let findings = checker.check(text, &context);
        for f in &findings {
            assert!(
                f.start <= f.end && f.end <= text.len(),
                "span {}..{} out of bounds for {} bytes",
                f.start,
                f.end,
                text.len()
            );
            assert!(
                text.is_char_boundary(f.start) && text.is_char_boundary(f.end),
                "span {}..{} not on character boundaries",
                f.start,
                f.end
            );
        }
        assert_eq!(findings, checker.check(text, &context), "checking twice gave different findings");
    }
}

/// Text made of the pieces that exercise the detectors: words they look for, digits,
/// separators, symbols and hard Unicode.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("f u c k".to_owned()),
        Just("sh1t".to_owned()),
        Just("Sienna Parkes".to_owned()),
        Just("in Year 4".to_owned()),
        Just("07700 900874".to_owned()),
        Just("+44 (0)".to_owned()),
        Just("@skye.moon".to_owned()),
        Just("jo@x.co".to_owned()),
        Just("N17 6QQ".to_owned()),
        Just("my password is".to_owned()),
        Just("let's meet at".to_owned()),
        Just("TikTok".to_owned()),
        Just("Mr".to_owned()),
        Just("\u{200B}".to_owned()),
        Just("\u{0301}\u{0301}\u{0301}".to_owned()),
        Just("👨‍👩‍👧".to_owned()),
        Just("\u{202E}".to_owned()),
        Just("ｆｕｃｋ".to_owned()),
        Just("а".to_owned()),
        "[ -~]{0,12}",
        "\\PC{0,6}",
        "[0-9 .()+-]{0,14}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_unicode_text(text in "\\PC{0,200}") {
        assert_well_formed(&everything(), &text);
    }

    #[test]
    fn any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        assert_well_formed(&everything(), &String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn text_built_from_tricky_pieces(text in tricky_text()) {
        assert_well_formed(&everything(), &text);
    }
}

#[test]
fn a_megabyte_of_mixed_text() {
    let paragraph = "Well done Sienna Parkes in Year 4! f u c k 07700 900874 @skye.moon my password is x1 / y2. \
                     Let's meet at Bruce Castle Park on Sunday 🙃 cr\u{200B}ap tw\u{0430}t ｆｕｃｋ e\u{0301}\u{0301} ";
    let text = paragraph.repeat(1_000_000 / paragraph.len() + 1);
    assert!(text.len() >= 1_000_000);
    assert_well_formed(&everything(), &text);
}

#[test]
fn deep_unicode() {
    let checker = everything();
    for text in [
        "z\u{0301}".repeat(5_000) + "a",
        "\u{0301}".repeat(10_000),
        "👩🏽‍🚒".repeat(2_000),
        "\u{202E}kcuf\u{202C} and \u{2066}f\u{2069}uck".to_owned(),
        "\u{FEFF}\u{200D}\u{200C}".repeat(3_000),
        "ﷺ".repeat(500) + "ǅǈǋ" + &"𒐫".repeat(500),
    ] {
        assert_well_formed(&checker, &text);
    }
}
