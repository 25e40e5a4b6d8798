//! A school's policy compiled for the checker: the facts and rules it needs and nothing else.
//!
//! `postwise build` writes it as `rules.json` beside each school's pages; the browser hands it
//! to the WebAssembly checker. Natively it comes straight from the policy folder.

use crate::detect::DetectorSpec;
use crate::model::{Author, Category, Channel, Severity};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything the checker needs about one school.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PolicyBundle {
    /// The school's facts.
    pub school: School,
    /// Its rules, in the order written.
    pub rules: Vec<Rule>,
    /// What the policy asks that a draft's text cannot show, in the order written.
    pub asks: Vec<Ask>,
    /// The clauses the rules and asks cite, by id, for quoting beside findings.
    pub clauses: BTreeMap<String, ClauseQuote>,
}

/// The school facts the checker uses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct School {
    /// The folder name: `chestnuts`.
    pub id: String,
    /// The full name.
    pub name: String,
    /// Names people use for it.
    pub also_known_as: Vec<String>,
    /// Names it shares with its village or town: the school's only beside a school word.
    #[serde(default)]
    pub place_names: Vec<String>,
    /// The school's postal address, which is public: the checker does not report it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Youngest and oldest pupils' ages.
    pub pupil_ages: [u32; 2],
    /// What the policy calls its children: "pupils", "students" or "children" (for rewrites
    /// such as "one of our Year 4 pupils").
    #[serde(default = "pupils")]
    pub pupils: String,
    /// Platforms people mention, with their minimum ages for this school.
    pub platforms: Vec<Platform>,
    /// Who the policy governs, and on which channels; an author absent is not governed.
    pub covers: BTreeMap<Author, Vec<Channel>>,
}

fn pupils() -> String {
    "pupils".to_owned()
}

/// A social-media platform.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Platform {
    /// Its id: `instagram`.
    pub id: String,
    /// How it names itself.
    pub name: String,
    /// What people type for it, folded to lowercase.
    pub aliases: Vec<String>,
    /// Aliases that only count when written capitalised (`X`).
    pub ambiguous_aliases: Vec<String>,
    /// The minimum age, if it has one.
    pub minimum_age: Option<u32>,
}

/// One rule, ready for the checker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    /// The rule's id.
    pub id: String,
    /// The category of its findings.
    pub category: Category,
    /// How strongly the policy words it.
    pub severity: Severity,
    /// Who it applies to.
    pub authors: Vec<Author>,
    /// Where it applies.
    pub channels: Vec<Channel>,
    /// The clause it enforces.
    pub clause: String,
    /// What the writer should change.
    pub message: String,
    /// The detector and its settings.
    pub detect: DetectorSpec,
}

/// An asking rule: something the policy asks of a writer that a draft's text cannot show
/// ("Has SLT approved this post?"), put to them beside the verdict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ask {
    /// The ask's id.
    pub id: String,
    /// How strongly the policy words it.
    pub severity: Severity,
    /// Who it is asked of.
    pub authors: Vec<Author>,
    /// Where.
    pub channels: Vec<Channel>,
    /// The clause that asks it.
    pub clause: String,
    /// The question, ending with "?".
    pub question: String,
    /// One sentence: why, or how to check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// A clause as the checker's page quotes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClauseQuote {
    /// The heading of the section it is in.
    pub section: String,
    /// The clause in words people use: "Data protection principles, 7.9(b)".
    pub label: String,
    /// The clause's text.
    pub text: String,
}
