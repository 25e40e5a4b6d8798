//! Rule proposals: every sentence of every clause is matched against the obligations table
//! (`obligations.rs`); a match becomes a proposed rule citing that clause, with its severity from
//! the wording (will not / must not → `must`; advised / should → `should`), its authors from the
//! sentence's subject or the clause's section (staff, pupils, parents), its channels from the
//! section (official or school accounts, personal accounts), and examples from `examples.rs`.

use super::examples::KNOWN_EXAMPLES;
use super::markdown::toml_string;
use super::obligations::{Needs, OBLIGATIONS, Obligation};
use super::outline::{NodeKind, Outline};
use crate::detect::DetectorSpec;
use crate::model::{Author, Category, Channel, Severity};

/// A proposed rule.
#[derive(Clone, Debug)]
pub(crate) struct Proposal {
    /// The rule's id.
    pub(crate) id: String,
    /// Its category.
    pub(crate) category: Category,
    /// From the wording.
    pub(crate) severity: Severity,
    /// The wording the severity comes from, for the comment.
    pub(crate) severity_cue: String,
    /// Who it applies to.
    pub(crate) authors: Vec<Author>,
    /// Where.
    pub(crate) channels: Vec<Channel>,
    /// The clause it cites.
    pub(crate) clause: String,
    /// The sentence it comes from.
    pub(crate) sentence: String,
    /// The message for the person posting.
    pub(crate) message: String,
    /// The detector.
    pub(crate) detect: DetectorSpec,
    /// The detector as written in the obligations table.
    pub(crate) detect_toml: &'static str,
    /// The chosen examples, TOML inline tables: (breaks, allows).
    pub(crate) examples: Option<(String, String)>,
}

// ── Words and patterns ────────────────────────────────────────────────────────────────────────

/// A sentence's lowercase words: quotes, bold and punctuation dropped, "n't" as " not".
pub(crate) fn words(text: &str) -> Vec<String> {
    let text = text.replace(['’', '‘'], "'").replace("**", " ").replace("n't", " not");
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .map(|w| w.trim_matches(['\'', '-']).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// One word of a pattern.
#[derive(Clone, Debug)]
enum Slot {
    /// Any of these (a trailing `*`: any word starting so).
    Word(Vec<(String, bool)>),
    /// Up to six words.
    Gap,
}

fn compile(pattern: &str) -> Vec<Slot> {
    pattern
        .split_whitespace()
        .map(|slot| {
            if slot == "~" {
                Slot::Gap
            } else {
                Slot::Word(
                    slot.split('|')
                        .map(|alt| match alt.strip_suffix('*') {
                            Some(prefix) => (prefix.to_owned(), true),
                            None => (alt.to_owned(), false),
                        })
                        .collect(),
                )
            }
        })
        .collect()
}

fn slot_fits(alternatives: &[(String, bool)], word: &str) -> bool {
    alternatives.iter().any(|(alt, prefix)| if *prefix { word.starts_with(alt.as_str()) } else { word == alt })
}

fn match_at(slots: &[Slot], words: &[String], at: usize) -> bool {
    let Some((first, rest)) = slots.split_first() else { return true };
    match first {
        Slot::Gap => (0..=6).any(|skip| at + skip <= words.len() && match_at(rest, words, at + skip)),
        Slot::Word(alternatives) => {
            words.get(at).is_some_and(|w| slot_fits(alternatives, w)) && match_at(rest, words, at + 1)
        }
    }
}

/// Whether `pattern` is found anywhere in `words`.
pub(crate) fn found(pattern: &str, words: &[String]) -> bool {
    let slots = compile(pattern);
    (0..words.len()).any(|at| match_at(&slots, words, at))
}

fn any_found(patterns: &[&str], words: &[String]) -> bool {
    patterns.iter().any(|p| found(p, words))
}

// ── What a sentence says ──────────────────────────────────────────────────────────────────────

const PROHIBITIONS: &[&str] = &["not|never|no|nor|avoid|avoiding|refrain|prohibited|forbidden"];
const DUTIES: &[&str] = &[
    "must|will|shall|should|ensure|ensuring|required|expected|always|only|be|advised|encouraged|encourage|asked|instructed|adhere|adhering|need",
    "kept|stored|held securely|centrally",
];
const SANCTIONS: &[&str] = &[
    "taken seriously",
    "disciplinary",
    "dealt with",
    "tolerated",
    "lead to",
    "result in",
    "prosecution|exclusion|dismissal|sanctions",
];
/// Wording in a list's lead-in that makes the whole list advice ("We encourage pupils to …").
const SOFTENERS: &[&str] = &["advised|advise|encouraged|encourage|recommended|recommend|urged"];
const SHOULD: &[&str] = &["should|avoid|asked|expected|consider|careful|try", "be aware"];
const MUST: &[&str] = &["must|never|not|no|instructed|will|shall|prohibited|cannot"];
/// In a lead-in, "will" is often a duty to the school ("Pupils will be responsible for:"),
/// not a prohibition: only firmer wording there makes the list `must`.
const LEAD_IN_MUST: &[&str] = &["must|never|not|no|instructed|shall|prohibited|cannot"];

fn needs_met(needs: Needs, words: &[String]) -> bool {
    match needs {
        Needs::Prohibition => any_found(PROHIBITIONS, words),
        Needs::Duty => any_found(PROHIBITIONS, words) || any_found(DUTIES, words) || any_found(SANCTIONS, words),
    }
}

/// The first word in `words` any of `patterns` matches, for the comment on a rule's severity.
fn cue(patterns: &[&str], words: &[String]) -> Option<String> {
    for pattern in patterns {
        let slots = compile(pattern);
        for at in 0..words.len() {
            if match_at(&slots, words, at) {
                let length = pattern.split_whitespace().count();
                return Some(words[at..(at + length).min(words.len())].join(" "));
            }
        }
    }
    None
}

fn severity(sentence: &[String], lead_ins: &[Vec<String>]) -> (Severity, String) {
    for lead_in in lead_ins {
        if let Some(cue) = cue(SOFTENERS, lead_in) {
            return (Severity::Should, format!("the list's lead-in says \"{cue}\""));
        }
    }
    if let Some(cue) = cue(SOFTENERS, sentence).or_else(|| cue(SHOULD, sentence)) {
        return (Severity::Should, format!("\"{cue}\""));
    }
    if let Some(cue) = cue(MUST, sentence) {
        return (Severity::Must, format!("\"{cue}\""));
    }
    for lead_in in lead_ins {
        if let Some(cue) = cue(SHOULD, lead_in) {
            return (Severity::Should, format!("the lead-in says \"{cue}\""));
        }
        if let Some(cue) = cue(LEAD_IN_MUST, lead_in) {
            return (Severity::Must, format!("the lead-in says \"{cue}\""));
        }
    }
    match cue(SANCTIONS, sentence) {
        Some(cue) => (Severity::Must, format!("\"{cue}\"")),
        None => (Severity::Should, "no firm wording".to_owned()),
    }
}

/// Words that name who writes.
fn group_of(word: &str) -> Option<Author> {
    match word {
        "staff" | "teacher" | "teachers" | "employee" | "employees" | "colleague" | "colleagues" | "governor"
        | "governors" | "volunteer" | "volunteers" => Some(Author::Staff),
        "pupil" | "pupils" | "student" | "students" | "child" | "children" | "learner" | "learners" => {
            Some(Author::Pupil)
        }
        "parent" | "parents" | "carer" | "carers" => Some(Author::Parent),
        _ => None,
    }
}

fn groups_in(words: &[String]) -> Vec<Author> {
    let mut groups = Vec::new();
    for word in words {
        if let Some(group) = group_of(word)
            && !groups.contains(&group)
        {
            groups.push(group);
        }
    }
    groups
}

/// Words that end a sentence's subject.
const VERBS: [&str; 18] = [
    "must", "will", "should", "may", "are", "is", "can", "shall", "have", "has", "need", "do", "does", "would",
    "could", "might", "retain", "wo",
];

/// Words that start a sentence with no subject of its own: an instruction ("Do not post"), or
/// the rest of a list's lead-in ("to use safe passwords").
const NO_SUBJECT: [&str; 9] = ["to", "not", "do", "never", "be", "always", "only", "use", "don't"];

/// Who a sentence is about, from its subject (the words before its verb, if there are at most
/// eight): `None` when it names no one.
fn subject_groups(words: &[String]) -> Option<Vec<Author>> {
    if words.first().is_some_and(|w| NO_SUBJECT.contains(&w.as_str())) {
        return None;
    }
    let end = words.iter().take(9).position(|w| VERBS.contains(&w.as_str()))?;
    let subject = &words[..end];
    if subject.starts_with(&["the".to_owned(), "school".to_owned()]) {
        return Some(vec![Author::Staff]);
    }
    // "permission of parents and carers" names whose permission, not who acts; "members of
    // staff" and "breaches of this policy by pupils" name who acts.
    let mut acting: Vec<String> = Vec::new();
    let mut in_of_phrase = false;
    for (at, word) in subject.iter().enumerate() {
        match word.as_str() {
            "of" => in_of_phrase = at == 0 || !matches!(subject[at - 1].as_str(), "members" | "member"),
            "by" => in_of_phrase = false,
            _ if !in_of_phrase => acting.push(word.clone()),
            _ => {}
        }
    }
    let groups = groups_in(&acting);
    if !groups.is_empty() {
        return Some(groups);
    }
    let community = subject.iter().any(|w| w == "community" || w == "everyone");
    community.then(|| vec![Author::Staff, Author::Pupil, Author::Parent])
}

/// Where a text says the rule applies: official accounts or personal ones.
fn channel_hint(words: &[String]) -> Option<Option<Vec<Channel>>> {
    let school = any_found(
        &[
            "school|school's social media account*|accounts|sites|platforms|channels",
            "school|school's account*",
            "official",
            "on behalf of the school",
            "school-run",
            "the school will",
        ],
        words,
    );
    let personal = any_found(
        &[
            "personal social media|networking",
            "personal account*",
            "personal capacity",
            "personal use",
            "their own accounts",
        ],
        words,
    );
    match (school, personal) {
        (true, false) => Some(Some(vec![Channel::School])),
        (false, true) => Some(Some(vec![Channel::Personal, Channel::Group, Channel::Direct])),
        // Both: the clause contrasts them, so it says nothing about where.
        (true, true) => Some(None),
        (false, false) => None,
    }
}

/// Sections whose clauses are not rules for posts: aims, definitions, the law, training.
const NOT_RULES: [&str; 9] = [
    "intent",
    "definition",
    "legal framework",
    "legislation",
    "links with other",
    "training",
    "monitoring",
    "recruitment",
    "key details",
];

/// Whether a sentence is about handling an incident rather than what may be posted: what
/// happens "if" something occurs, reporting and informing, perpetrators and victims, the police.
fn is_procedure(words: &[String]) -> bool {
    words.first().is_some_and(|w| w == "if")
        || any_found(
            &["perpetrator*|victim*|police|report|reported|reporting|reports|investigat*|inform|notify"],
            words,
        )
}

/// Splits a clause into sentences.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, _) in text.match_indices(['.', '?', '!']) {
        let next = text[at + 1..].chars().next();
        if next.is_none_or(char::is_whitespace) {
            let sentence = text[start..=at].trim();
            // "e.g." and "i.e." do not end a sentence.
            if !sentence.ends_with("e.g.") && !sentence.ends_with("i.e.") && !sentence.is_empty() {
                out.push(sentence);
                start = at + 1;
            }
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Who a document's policy applies to: "This policy applies to all … staff …", else everyone.
fn document_audience(outline: &Outline) -> Vec<Author> {
    for node in &outline.nodes {
        let lower = node.text.to_lowercase();
        if let Some(at) = lower.find("this policy applies to") {
            let groups = groups_in(&words(&lower[at..]));
            if !groups.is_empty() {
                return groups;
            }
        }
    }
    vec![Author::Staff, Author::Pupil, Author::Parent]
}

/// Who the clause at `at` is for, when its sentence's subject does not say: its lead-ins'
/// subjects, its section's headings, the section's bold subtitles ("agreement for parents"
/// above "I will not:"), then the document's audience.
fn section_audience(outline: &Outline, at: usize, default: &[Author]) -> Vec<Author> {
    for lead_in in outline.lead_ins(at) {
        if let Some(groups) = subject_groups(&words(&lead_in.text)) {
            return groups;
        }
    }
    let headings = outline.headings_above(at);
    if let Some(start) = outline.heading_index_above(at) {
        // Bold subtitles between the heading and the clause (near the heading, as subtitles are).
        for node in outline.nodes[start..at].iter().take(50) {
            if node.kind == NodeKind::Paragraph && node.text.starts_with("**") {
                let groups = groups_in(&words(&node.text));
                if !groups.is_empty() {
                    return groups;
                }
            }
        }
    }
    for heading in headings {
        let groups = groups_in(&words(&heading.text));
        if !groups.is_empty() {
            return groups;
        }
        let lower = heading.text.to_lowercase();
        if lower.contains("official") || lower.contains("school accounts") || lower.contains("school social media") {
            return vec![Author::Staff];
        }
    }
    default.to_vec()
}

fn audience_prefix(authors: &[Author], channels: &[Channel], pupils_called: &str) -> String {
    let pupil = match pupils_called {
        "students" => "student",
        "children" => "child",
        _ => "pupil",
    };
    if authors == [Author::Staff] && channels == [Channel::School] {
        return "school-account".to_owned();
    }
    if authors.len() == 3 {
        return "everyone".to_owned();
    }
    authors
        .iter()
        .map(|a| match a {
            Author::Staff => "staff",
            Author::Pupil => pupil,
            Author::Parent => "parent",
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// Proposes rules for every clause whose wording matches a known obligation.
pub(crate) fn propose(outline: &Outline, pupils_called: &str) -> Vec<Proposal> {
    let default_audience = document_audience(outline);
    let mut proposals: Vec<Proposal> = Vec::new();
    let mut stems: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    // Each clause's proposals, by index.
    let mut proposed: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    for (at, node) in outline.nodes.iter().enumerate() {
        match node.kind {
            NodeKind::Paragraph | NodeKind::Item { field: false, .. } => {}
            _ => continue,
        }
        let headings = outline.headings_above(at);
        if headings.iter().any(|h| NOT_RULES.iter().any(|skip| h.text.to_lowercase().contains(skip))) {
            continue;
        }
        let lead_in_ids: Vec<&str> = outline.lead_ins(at).iter().map(|n| n.id.as_str()).collect();
        let lead_ins: Vec<Vec<String>> = outline.lead_ins(at).iter().map(|n| words(&n.text)).collect();
        let lead_in_words: Vec<String> = lead_ins.iter().flatten().cloned().collect();
        for (index, sentence) in sentences(&node.text).into_iter().enumerate() {
            let sentence_words = words(sentence);
            if is_procedure(&sentence_words) {
                continue;
            }
            // A list's lead-in ("I will not:") governs the item's first sentence only.
            let lead_in_words: &[String] = if index == 0 { &lead_in_words } else { &[] };
            let with_lead_ins: Vec<String> = sentence_words.iter().chain(lead_in_words).cloned().collect();
            let audience = subject_groups(&sentence_words)
                .filter(|g| !(g.len() == 1 && sentence_words.first().is_some_and(|w| w == "i")))
                .unwrap_or_else(|| section_audience(outline, at, &default_audience));
            let hint = std::iter::once(sentence_words.clone())
                .chain(lead_ins.iter().cloned())
                .chain(headings.iter().map(|h| words(&h.text)))
                .find_map(|w| channel_hint(&w))
                .flatten();
            let (severity, severity_cue) = severity(&sentence_words, &lead_ins);
            for obligation in OBLIGATIONS {
                if let Some(proposal) = proposal_for(
                    obligation,
                    Context { sentence, sentence_words: &sentence_words, with_lead_ins: &with_lead_ins },
                    &audience,
                    hint.as_deref(),
                    (severity, &severity_cue),
                ) {
                    // The same rule again for this clause, or for an item of a list whose lead-in
                    // has it already ("must not contact pupils:" and "- by friend requests").
                    let same = |p: &Proposal| p.detect == proposal.detect && p.category == proposal.category;
                    let duplicate = proposals.iter().rev().take_while(|p| p.clause == node.id).any(same)
                        || lead_in_ids
                            .iter()
                            .any(|id| proposed.get(*id).is_some_and(|done| done.iter().any(|p| same(&proposals[*p]))));
                    if !duplicate {
                        let prefix = audience_prefix(&proposal.authors, &proposal.channels, pupils_called);
                        let stem = format!("{prefix}-{}", obligation.name);
                        let uses = stems.entry(stem.clone()).or_insert(0);
                        *uses += 1;
                        // Stems end in a word, never a number, so `-2` cannot clash with one.
                        let id = if *uses == 1 { stem } else { format!("{stem}-{uses}") };
                        proposed.entry(node.id.clone()).or_default().push(proposals.len());
                        proposals.push(Proposal {
                            id,
                            clause: node.id.clone(),
                            message: obligation.message.replace("{pupils}", pupils_called),
                            ..proposal
                        });
                    }
                }
            }
        }
    }
    proposals
}

/// A sentence with its words, alone and with its lead-ins'.
#[derive(Clone, Copy)]
struct Context<'a> {
    sentence: &'a str,
    sentence_words: &'a [String],
    with_lead_ins: &'a [String],
}

fn proposal_for(
    obligation: &Obligation,
    context: Context<'_>,
    audience: &[Author],
    hint: Option<&[Channel]>,
    (severity, severity_cue): (Severity, &str),
) -> Option<Proposal> {
    if !any_found(obligation.wording, context.sentence_words) {
        return None;
    }
    if !obligation.also.is_empty() && !any_found(obligation.also, context.with_lead_ins) {
        return None;
    }
    if any_found(obligation.unless, context.sentence_words) || !needs_met(obligation.needs, context.with_lead_ins) {
        return None;
    }
    let authors: Vec<Author> = obligation.authors.iter().copied().filter(|a| audience.contains(a)).collect();
    let channels: Vec<Channel> = match hint {
        Some(hint) if obligation.narrowed => obligation.channels.iter().copied().filter(|c| hint.contains(c)).collect(),
        _ => obligation.channels.to_vec(),
    };
    if authors.is_empty() || channels.is_empty() {
        return None;
    }
    let detect: DetectorSpec = parse_detect(obligation.detect)?;
    Some(Proposal {
        id: String::new(),
        category: obligation.category,
        severity,
        severity_cue: severity_cue.to_owned(),
        authors,
        channels,
        clause: String::new(),
        sentence: context.sentence.to_owned(),
        message: String::new(),
        detect,
        detect_toml: obligation.detect,
        examples: None,
    })
}

/// A detector from its TOML inline table. The tables are the crate's own and tested.
pub(crate) fn parse_detect(inline: &str) -> Option<DetectorSpec> {
    #[derive(serde::Deserialize)]
    struct Wrapper {
        detect: DetectorSpec,
    }
    toml::from_str::<Wrapper>(&format!("detect = {inline}")).ok().map(|w| w.detect)
}

// ── Examples ──────────────────────────────────────────────────────────────────────────────────

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
    use super::*;

    #[test]
    fn patterns() {
        let w = words("Members of staff **must not** “friend” or otherwise contact pupils; don't!");
        assert_eq!(
            w,
            ["members", "of", "staff", "must", "not", "friend", "or", "otherwise", "contact", "pupils", "do", "not"]
        );
        assert!(found("friend|follow", &w));
        assert!(found("contact ~ pupil*", &w));
        assert!(found("friend ~ contact", &w));
        assert!(!found("pupils ~ members", &w));
        assert!(!found("friends", &w));
        assert!(found("identify* ~ school", &words("could identify a pupil, class or the school")));
    }

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
    fn severity_from_wording() {
        let w = |t: &str| words(t);
        assert_eq!(severity(&w("Staff will not friend pupils"), &[]).0, Severity::Must);
        assert_eq!(severity(&w("Staff will be strongly advised to not friend parents"), &[]).0, Severity::Should);
        assert_eq!(
            severity(&w("Do not give out personal information"), &[w("We encourage pupils to:")]).0,
            Severity::Should
        );
        assert_eq!(severity(&w("Pupils are instructed not to sign up"), &[]).0, Severity::Must);
    }

    #[test]
    fn subjects_and_sentences() {
        assert_eq!(
            subject_groups(&words("Pupils and parents/carers must not")),
            Some(vec![Author::Pupil, Author::Parent])
        );
        // A long subject is left to the section to decide.
        assert_eq!(
            subject_groups(&words(
                "Attempts to bully members of the school community by teachers and members of staff will be"
            )),
            None
        );
        assert_eq!(subject_groups(&words("Breaches of this policy by pupils will be")), Some(vec![Author::Pupil]));
        assert_eq!(subject_groups(&words("Written permission of parents and carers will be sought")), None);
        assert_eq!(subject_groups(&words("Members of staff must not")), Some(vec![Author::Staff]));
        assert_eq!(subject_groups(&words("not to meet any online friends without a parent")), None);
        assert_eq!(subject_groups(&words("Do not post")), None);
        assert_eq!(sentences("One, e.g. this. Two! Three; four"), ["One, e.g. this.", "Two!", "Three; four"]);
    }
}
