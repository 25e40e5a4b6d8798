//! The coverage map an import proposes (`coverage.toml`): an element for each clause a proposed
//! rule cites, naming its rules, and every other clause under one `not_actionable` entry whose
//! reason says it is not yet read. Lint warns about that reason until a person has sorted those
//! clauses into elements (what encodes each) and clauses that truly ask nothing.

use super::markdown::toml_string;
use super::rules::Proposal;
use crate::policy::coverage::UNREVIEWED;
use crate::policy::document::{Clause, ClauseKind};
use std::collections::BTreeMap;

/// How much of a clause's text stands in for its `what`.
const WHAT_WORDS: usize = 12;

/// `coverage.toml` for `clauses` (the imported `policy.md`'s) and the rules kept.
pub(crate) fn write(clauses: &[Clause], proposals: &[Proposal]) -> String {
    let mut rules_of: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for proposal in proposals {
        rules_of.entry(proposal.clause.as_str()).or_default().push(&proposal.id);
    }
    let mut out = String::from(
        "# Imported by `postwise import`: the coverage map. Format: policies/README.md.\n\
         # TODO (import): say in `what` what each element asks; add the asks, forms, duties and\n\
         # quiz concepts that encode the clauses below; move every clause of the last entry that\n\
         # asks something into an element, and give the rest their reason.\n",
    );
    let mut unread = Vec::new();
    for clause in clauses.iter().filter(|c| !matches!(c.kind, ClauseKind::Heading(_))) {
        match rules_of.get(clause.id.as_str()) {
            Some(rules) => {
                let what: Vec<&str> = clause.text.split_whitespace().take(WHAT_WORDS).collect();
                let rules: Vec<String> = rules.iter().map(|r| toml_string(r)).collect();
                out.push_str(&format!(
                    "\n[[element]]\nclause = {}\nwhat = {}\nrules = [{}]\n",
                    toml_string(&clause.id),
                    toml_string(&what.join(" ")),
                    rules.join(", ")
                ));
            }
            None => unread.push(toml_string(&clause.id)),
        }
    }
    if !unread.is_empty() {
        out.push_str(&format!(
            "\n[[not_actionable]]\nclauses = [{}]\nreason = {}\n",
            unread.join(", "),
            toml_string(UNREVIEWED)
        ));
    }
    out
}
