//! A small agreement, its answers and a key, shared by the form module's tests. Fixed for
//! ever: the golden digest and signature in the tests depend on every word.
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

use super::answer::{Answer, Answers, Signature};
use super::key::{OfficeKey, SchoolKey};
use super::model::{ChoiceOption, Field, FieldKind, Form, PolicyRef, SchoolRef, Section};

pub(crate) fn field(id: &str, kind: FieldKind, label: &str) -> Field {
    Field {
        id: id.to_owned(),
        kind,
        label: label.to_owned(),
        hint: None,
        required: true,
        clause: None,
        multiple: false,
        future: false,
        options: Vec::new(),
    }
}

/// A small agreement, fixed for ever: the golden digest below depends on every word.
pub(crate) fn agreement() -> Form {
    let yes_no = vec![
        ChoiceOption { value: "yes".to_owned(), label: "Yes".to_owned(), tell: None },
        ChoiceOption { value: "no".to_owned(), label: "No".to_owned(), tell: None },
    ];
    Form {
        id: "parent-agreement".to_owned(),
        title: "Acceptable use of the internet: agreement for parents and carers".to_owned(),
        clause: "appendix-3".to_owned(),
        audience: "Parents and carers".to_owned(),
        summary: "Read, agree and sign.".to_owned(),
        school: SchoolRef { id: "chestnuts".to_owned(), name: "Chestnuts Primary School".to_owned() },
        policy: PolicyRef {
            title: "Social Media Use Policy".to_owned(),
            version: "0123456789ab".to_owned(),
            reviewed: Some("2024-10-24".to_owned()),
        },
        return_to: Some("Headteacher".to_owned()),
        sections: vec![
            Section {
                id: "you".to_owned(),
                title: "About you".to_owned(),
                filled_by: "Parent or carer".to_owned(),
                online: true,
                intro: None,
                intro_clause: None,
                fields: vec![
                    Field {
                        clause: Some("appendix-3.1.a".to_owned()),
                        ..field("name", FieldKind::Text, "Name of parent/carer")
                    },
                    Field { options: yes_no, ..field("photos", FieldKind::Choice, "Photos?") },
                ],
            },
            Section {
                id: "will-not".to_owned(),
                title: "I will not".to_owned(),
                filled_by: "Parent or carer".to_owned(),
                online: true,
                intro: Some("I will not:".to_owned()),
                intro_clause: Some("appendix-3.6".to_owned()),
                fields: vec![Field {
                    clause: Some("appendix-3.6.c".to_owned()),
                    ..field(
                        "share",
                        FieldKind::Statement,
                        "Upload or share photos or videos of any child other than my own",
                    )
                }],
            },
            Section {
                id: "sign".to_owned(),
                title: "Sign".to_owned(),
                filled_by: "Parent or carer".to_owned(),
                online: true,
                intro: None,
                intro_clause: None,
                fields: vec![field("signed", FieldKind::Signature, "Signed"), field("date", FieldKind::Date, "Date")],
            },
            Section {
                id: "office".to_owned(),
                title: "For the office".to_owned(),
                filled_by: "Headteacher".to_owned(),
                online: false,
                intro: None,
                intro_clause: None,
                fields: vec![field("received", FieldKind::Date, "Received")],
            },
        ],
    }
}

pub(crate) fn answers() -> Answers {
    Answers::from([
        ("name".to_owned(), Answer::Text("Ann \"Annie\" Lee-Ōtsuka".to_owned())),
        ("photos".to_owned(), Answer::Text("no".to_owned())),
        ("share".to_owned(), Answer::Agreed(true)),
        (
            "signed".to_owned(),
            Answer::Signature(Signature { name: "Ann Lee".to_owned(), drawing: Some("M1 2L3 4".to_owned()) }),
        ),
        ("date".to_owned(), Answer::Text("2025-3-7".to_owned())),
    ])
}

pub(crate) const AT: &str = "2025-03-07T09:41:05Z";

/// The day the agreement's record is received.
pub(crate) const RECEIVED_AT: &str = "2025-03-10T08:15:00Z";

/// A key for tests only: its seed is written here, so it must never be any school's.
pub(crate) fn office_key() -> OfficeKey {
    OfficeKey::from_seed(&[7; 32], "chestnuts")
}

/// The test key as the school publishes it, valid for the school year 2024 to 2025.
pub(crate) fn published() -> Vec<SchoolKey> {
    vec![SchoolKey {
        public_key: office_key().public_key(),
        valid_from: "2024-09-01".to_owned(),
        valid_to: Some("2025-08-31".to_owned()),
    }]
}
