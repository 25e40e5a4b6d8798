//! `rules.toml` from the proposals: each rule with the line that marks it as proposed, the
//! sentence it comes from and why its severity, and a `breaks` and an `allows` example from
//! `examples.rs`, written as the rule's authors on its channels.

use super::examples::KNOWN_EXAMPLES;
use super::markdown::toml_string;
use super::rules::{Proposal, parse_detect};
use crate::model::{Author, Channel};

/// An example draft as `rules.toml` gives it, and what the checker sees.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    /// The TOML inline table.
    pub(crate) toml: String,
    /// The draft with its context.
    pub(crate) draft: crate::policy::source::ExampleDraft,
}

/// A candidate example for `proposal` from a known example's TOML, written as `author` on
/// one of the rule's channels. `None` when the known example cannot be used.
fn candidate(inline: &str, name: &str, author: Author, proposal: &Proposal) -> Option<Candidate> {
    let escaped = toml_string(name);
    let inner = escaped.get(1..escaped.len().saturating_sub(1)).unwrap_or_default();
    let text = inline.replace("{name}", inner);
    let mut outer: toml::Table = toml::from_str(&format!("x = {text}")).ok()?;
    let mut table = outer.remove("x")?.as_table()?.clone();
    let first_author = *proposal.authors.first()?;
    let first_channel = *proposal.channels.first()?;
    table.remove("author");
    if author != first_author {
        table.insert("author".to_owned(), toml::Value::String(author_name(author).to_owned()));
    }
    let channel = table
        .get("channel")
        .and_then(|c| c.as_str())
        .and_then(channel_from_name)
        .filter(|c| proposal.channels.contains(c))
        .unwrap_or(first_channel);
    table.remove("channel");
    if channel != first_channel {
        table.insert("channel".to_owned(), toml::Value::String(channel_name(channel).to_owned()));
    }
    let draft: crate::policy::source::ExampleDraft = toml::Value::Table(table.clone()).try_into().ok()?;
    Some(Candidate { toml: inline_table(&table), draft })
}

/// Candidate (breaks, allows) pairs for a proposal: examples written for its authors first,
/// then the same detector's examples for others, written as the rule's first author.
pub(crate) fn candidates(proposal: &Proposal, name: &str) -> Vec<(Candidate, Candidate)> {
    let mut out = Vec::new();
    let known: Vec<_> =
        KNOWN_EXAMPLES.iter().filter(|k| parse_detect(k.detect).as_ref() == Some(&proposal.detect)).collect();
    let mut ordered: Vec<(Author, &str, &str)> = Vec::new();
    for author in &proposal.authors {
        for k in known.iter().filter(|k| k.author == *author) {
            ordered.extend(k.pairs.iter().map(|(b, a)| (*author, *b, *a)));
        }
    }
    let first = proposal.authors.first().copied().unwrap_or(Author::Staff);
    for k in known.iter().filter(|k| !proposal.authors.contains(&k.author)) {
        ordered.extend(k.pairs.iter().map(|(b, a)| (first, *b, *a)));
    }
    for (author, breaks, allows) in ordered {
        if let (Some(b), Some(a)) =
            (candidate(breaks, name, author, proposal), candidate(allows, name, author, proposal))
        {
            out.push((b, a));
        }
    }
    out
}

fn author_name(author: Author) -> &'static str {
    match author {
        Author::Staff => "staff",
        Author::Pupil => "pupil",
        Author::Parent => "parent",
    }
}

fn channel_name(channel: Channel) -> &'static str {
    match channel {
        Channel::School => "school",
        Channel::Personal => "personal",
        Channel::Group => "group",
        Channel::Direct => "direct",
    }
}

fn channel_from_name(name: &str) -> Option<Channel> {
    [Channel::School, Channel::Personal, Channel::Group, Channel::Direct].into_iter().find(|c| channel_name(*c) == name)
}

/// A TOML value on one line.
fn inline_value(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => toml_string(s),
        toml::Value::Array(items) => format!("[{}]", items.iter().map(inline_value).collect::<Vec<_>>().join(", ")),
        toml::Value::Table(table) => inline_table(table),
        other => other.to_string(),
    }
}

/// A TOML table on one line, `kind` and `text` first.
pub(crate) fn inline_table(table: &toml::Table) -> String {
    let mut keys: Vec<&String> = table.keys().collect();
    let rank = |k: &str| match k {
        "kind" | "text" => 0,
        "author" | "type" => 1,
        "channel" | "pupils" => 2,
        _ => 3,
    };
    keys.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.cmp(b)));
    let parts: Vec<String> = keys.iter().map(|k| format!("{k} = {}", inline_value(&table[*k]))).collect();
    format!("{{ {} }}", parts.join(", "))
}

// ── rules.toml ────────────────────────────────────────────────────────────────────────────────

/// The line that marks a rule as proposed.
pub(crate) const PROPOSED: &str = "# proposed by postwise import: confirm or delete";

fn list(items: &[&str]) -> String {
    format!("[{}]", items.iter().map(|i| toml_string(i)).collect::<Vec<_>>().join(", "))
}

fn quote(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ").replace("**", "");
    match one_line.char_indices().nth(110) {
        Some((at, _)) => format!("{}…", &one_line[..at]),
        None => one_line,
    }
}

/// Writes `rules.toml`: with `with_examples`, the proposals that have examples; without, every
/// proposal and no examples (for building the checker that picks them).
pub(crate) fn write(proposals: &[Proposal], source_name: &str, school: &str, with_examples: bool) -> String {
    let mut out = format!(
        "# {school}: rules proposed by `postwise import` from {source_name}. Each cites the clause\n\
         # whose wording it comes from; none is the school's until a person confirms it. For each:\n\
         # read the clause, fix the message, authors and channels, keep or delete the rule, and\n\
         # delete its \"proposed\" line. The examples are the import's own, checked against this\n\
         # school's checker. Format: policies/README.md.\n"
    );
    if proposals.is_empty() {
        out.push_str("#\n# No clause matched a known obligation: write the rules by hand.\n");
    }
    for p in proposals {
        let examples = match &p.examples {
            Some((breaks, allows)) if with_examples => format!("breaks = [{breaks}]\nallows = [{allows}]\n"),
            None if with_examples => continue,
            _ => String::new(),
        };
        let authors: Vec<&str> = p.authors.iter().map(|a| author_name(*a)).collect();
        let channels: Vec<&str> = p.channels.iter().map(|c| channel_name(*c)).collect();
        out.push_str(&format!(
            "\n{PROPOSED}\n# {}: \"{}\"\n[[rule]]\nid = {}\ncategory = {}\nseverity = {}    # {}\nauthors = {}\nchannels = {}\n\
             clause = {}\nmessage = {}\ndetect = {}\n{examples}",
            p.clause,
            quote(&p.sentence).replace('"', "'"),
            toml_string(&p.id),
            toml_string(p.category.as_str()),
            toml_string(p.severity.as_str()),
            p.severity_cue.replace('\n', " "),
            list(&authors),
            list(&channels),
            toml_string(&p.clause),
            toml_string(&p.message),
            p.detect_toml,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::obligations::OBLIGATIONS;
    use super::*;

    #[test]
    fn every_obligation_and_example_parses() {
        for obligation in OBLIGATIONS {
            assert!(parse_detect(obligation.detect).is_some(), "{}: {}", obligation.name, obligation.detect);
            assert!(
                KNOWN_EXAMPLES.iter().any(|k| k.detect == obligation.detect),
                "{}: no known examples for {}",
                obligation.name,
                obligation.detect
            );
        }
        for known in KNOWN_EXAMPLES {
            assert!(parse_detect(known.detect).is_some(), "{}", known.detect);
            for (breaks, allows) in known.pairs {
                for example in [breaks, allows] {
                    let parsed: Result<toml::Table, _> = toml::from_str(&format!("x = {example}"));
                    assert!(parsed.is_ok(), "{example}");
                }
            }
        }
    }

    #[test]
    fn inline_tables_put_the_text_first() {
        let table: toml::Table =
            toml::from_str("channel = \"direct\"\ntext = \"hi\"\nmedia = [{ pupils = 1, type = \"image\" }]")
                .expect("toml");
        assert_eq!(
            inline_table(&table),
            "{ text = \"hi\", channel = \"direct\", media = [{ type = \"image\", pupils = 1 }] }"
        );
    }
}
