//! What "Where to report" and "Sites blocked at school" show: who to tell at school, each
//! platform's help centre as a plain link (the policy's own table first, where it has one, with
//! closed networks marked), and the platforms the school's network blocks.

use crate::policy::Policy;
use serde::Serialize;

/// The two pages' data.
#[derive(Clone, Debug, Default, Serialize)]
pub(super) struct ReportingView {
    /// The role to tell at school: the DSL where the school has one, else the head.
    tell: String,
    /// The policy's own table of networks, when it has one.
    table: Option<PolicyTable>,
    /// Every other platform that exists today and has a help centre, by name.
    platforms: Vec<PlatformView>,
    /// The platforms blocked on the school's network.
    blocked: Vec<String>,
    /// The clause that lists them, when `school.toml` names it.
    blocked_clause: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
struct PolicyTable {
    /// The clause that holds it.
    clause: String,
    /// Its heading's text.
    heading: String,
    networks: Vec<PlatformView>,
    /// The clause listing mobile phone providers' nuisance call lines, when the policy has one.
    phones: Option<String>,
    /// What has changed since.
    phones_note: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
struct PlatformView {
    name: String,
    help: Option<String>,
    /// When it closed, for a network that no longer exists.
    closed: Option<String>,
}

fn platform(policy: &Policy, id: &str) -> PlatformView {
    let source = policy.platforms.get(id);
    PlatformView {
        name: source.map_or_else(|| id.to_owned(), |p| p.name.clone()),
        help: source.and_then(|p| p.help.clone()),
        closed: source.and_then(|p| p.closed.clone()),
    }
}

/// The pages' data for `policy`.
pub(super) fn view(policy: &Policy) -> ReportingView {
    let roles = &policy.school.roles;
    let tell = roles.get("dsl").or_else(|| roles.get("head")).cloned().unwrap_or_else(|| "Headteacher".to_owned());
    let table = policy.school.reporting.as_ref().map(|r| PolicyTable {
        clause: r.clause.get_ref().clone(),
        heading: policy.document.clause(r.clause.get_ref()).map(|c| c.text.clone()).unwrap_or_default(),
        networks: r.networks.iter().map(|n| platform(policy, n.get_ref())).collect(),
        phones: r.phones.as_ref().map(|p| p.get_ref().clone()),
        phones_note: r.phones_note.clone(),
    });
    let in_table: Vec<&str> =
        policy.school.reporting.iter().flat_map(|r| r.networks.iter().map(|n| n.get_ref().as_str())).collect();
    let mut platforms: Vec<PlatformView> = policy
        .platforms
        .iter()
        .filter(|(id, p)| p.help.is_some() && p.closed.is_none() && !in_table.contains(&id.as_str()))
        .map(|(id, _)| platform(policy, id))
        .collect();
    platforms.sort_by_key(|p| p.name.to_lowercase());
    ReportingView {
        tell,
        table,
        platforms,
        blocked: policy.school.network.blocked.iter().map(|b| platform(policy, b.get_ref()).name).collect(),
        blocked_clause: policy.school.network.clause.as_ref().map(|c| c.get_ref().clone()),
    }
}
