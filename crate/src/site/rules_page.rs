//! What the rules page shows: each rule under the people it applies to, its severity in words,
//! the clause it comes from (quoted and linked), and its examples as "Allowed" / "Not allowed".

use super::words;
use crate::model::{Author, Context};
use crate::policy::Policy;
use crate::policy::source::{PupilsCalled, RuleSource};
use serde::Serialize;

/// The rules for one group of people.
#[derive(Clone, Debug, Serialize)]
pub struct RuleGroup {
    /// The anchor of the group's heading: `staff`, `pupils` or `parents`.
    pub id: &'static str,
    /// "For staff".
    pub heading: String,
    /// The rules that apply to this group, in the order `rules.toml` gives them.
    pub rules: Vec<RuleView>,
}

/// One rule as the page shows it.
#[derive(Clone, Debug, Serialize)]
pub struct RuleView {
    /// The element id: the group and the rule id, so a rule in two groups has two anchors.
    pub anchor: String,
    /// The rule's id from `rules.toml`.
    pub id: String,
    /// What it is about, in words.
    pub title: &'static str,
    /// "Must not", "Should not" or "Advice".
    pub severity: &'static str,
    /// The severity as a sentence.
    pub severity_explained: &'static str,
    /// The severity's contract name, for styling only.
    pub severity_key: &'static str,
    /// Where it applies: "on a school account, on a personal account".
    pub channels: Vec<&'static str>,
    /// What to do instead.
    pub message: String,
    /// The clause the rule cites.
    pub clause: ClauseView,
    /// The examples, drafts that break the rule first.
    pub examples: Vec<ExampleView>,
}

/// The cited clause, quoted.
#[derive(Clone, Debug, Serialize)]
pub struct ClauseView {
    /// The clause id.
    pub id: String,
    /// Its text.
    pub text: String,
    /// The heading of the section it is in, when it has one.
    pub section: Option<String>,
}

/// One example draft.
#[derive(Clone, Debug, Serialize)]
pub struct ExampleView {
    /// Whether the rule allows it.
    pub allowed: bool,
    /// "Allowed" or "Not allowed".
    pub verdict: &'static str,
    /// The draft.
    pub text: String,
    /// Who writes it and where, with any photo or video: "by a parent or carer in a group chat".
    pub context: String,
}

fn describe_context(context: &Context, called: PupilsCalled) -> String {
    let mut words = format!("By {} {}", words::author(context.author, called), words::channel(context.channel));
    if let Some(age) = context.age {
        words.push_str(&format!(", aged {age}"));
    }
    for item in &context.media {
        words.push_str(&format!(", with {}", words::media(item)));
    }
    words
}

fn rule_view(policy: &Policy, rule: &RuleSource, group: &str) -> RuleView {
    let called = policy.school.pupils_called;
    let (severity, severity_explained) = words::severity(rule.severity);
    let clause_id = rule.clause.get_ref().clone();
    let clause = policy.document.clause(&clause_id);
    let examples = [(&rule.breaks, false), (&rule.allows, true)]
        .into_iter()
        .flat_map(|(examples, allowed)| examples.iter().map(move |example| (example, allowed)))
        .map(|(example, allowed)| {
            let (text, context) = Policy::example_draft(rule, example.get_ref());
            ExampleView {
                allowed,
                verdict: if allowed { "Allowed" } else { "Not allowed" },
                text: text.to_owned(),
                context: describe_context(&context, called),
            }
        })
        .collect();
    RuleView {
        anchor: format!("{group}--{}", rule.id.get_ref()),
        id: rule.id.get_ref().clone(),
        title: words::category(rule.category),
        severity,
        severity_explained,
        severity_key: rule.severity.as_str(),
        channels: rule.channels.get_ref().iter().map(|c| words::channel(*c)).collect(),
        message: rule.message.get_ref().clone(),
        clause: ClauseView {
            text: clause.map(|c| c.text.clone()).unwrap_or_default(),
            section: clause
                .and_then(|c| policy.document.section_of(c))
                .filter(|s| s.id != clause_id)
                .map(|s| s.text.clone()),
            id: clause_id,
        },
        examples,
    }
}

/// The school's rules grouped for staff, pupils and parents. Groups without rules are left out.
pub fn rule_groups(policy: &Policy) -> Vec<RuleGroup> {
    let pupils = words::pupils(policy.school.pupils_called);
    let groups = [
        (Author::Staff, "staff", "For staff".to_owned()),
        (Author::Pupil, "pupils", format!("For {pupils}")),
        (Author::Parent, "parents", "For parents and carers".to_owned()),
    ];
    groups
        .into_iter()
        .map(|(author, id, heading)| RuleGroup {
            id,
            heading,
            rules: policy
                .rules
                .iter()
                .map(|r| r.get_ref())
                .filter(|r| r.authors.get_ref().contains(&author))
                .map(|r| rule_view(policy, r, id))
                .collect(),
        })
        .filter(|group| !group.rules.is_empty())
        .collect()
}
