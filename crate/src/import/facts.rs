//! `school.toml` from what the policy says: the school's name, what it calls its children, the
//! pupils' ages if stated, review dates, the head and safeguarding lead's titles, official
//! channels and blocked platforms. What the text does not give gets a placeholder the policy
//! still loads with and a `# TODO (import):` line saying what to check.

use super::dates::first_date;
use super::markdown::toml_string;
use super::names;
use super::outline::{NodeKind, Outline};
use super::platforms::Platforms;
use super::report::Report;

/// The facts found, as `school.toml` will give them.
#[derive(Clone, Debug, Default)]
pub(crate) struct Facts {
    /// The school's full name.
    pub(crate) name: String,
    /// Whether the name was found in the text (else it is the folder id).
    pub(crate) name_found: bool,
    /// Shorter names.
    pub(crate) also_known_as: Vec<String>,
    /// `pupils`, `students` or `children`, and the counts behind it.
    pub(crate) pupils_called: (&'static str, String),
    /// Youngest and oldest ages, and why.
    pub(crate) pupil_ages: ([u32; 2], Found),
    /// Last review: date and the clause it comes from.
    pub(crate) last_review: Option<(String, String, String)>,
    /// Next review: date, clause, quote.
    pub(crate) next_review: Option<(String, String, String)>,
    /// The head's title.
    pub(crate) head: Option<String>,
    /// The designated safeguarding lead's title.
    pub(crate) dsl: Option<String>,
    /// Official channels: platform id, account, whether the account is named, where.
    pub(crate) channels: Vec<(String, String, bool, String)>,
    /// Blocked platforms and the clause listing them.
    pub(crate) blocked: Option<(Vec<String>, String, String)>,
    /// Blocked entries that name no known platform.
    pub(crate) blocked_unknown: Vec<String>,
}

/// How a value was arrived at.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) enum Found {
    /// The policy says so, in this clause.
    Stated(String),
    /// Guessed, for this reason.
    Guessed(String),
    /// Not found at all.
    #[default]
    Missing,
}

/// The text of every clause with its id, tables' cells too (with the id of the clause before).
fn texts(outline: &Outline) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut last_id = String::new();
    for node in &outline.nodes {
        match &node.kind {
            NodeKind::Table(rows) => {
                for row in rows {
                    out.push((last_id.clone(), row.join(" ")));
                }
            }
            _ => {
                let text = match &node.label {
                    Some(label) => format!("{label} {}", node.text),
                    None => node.text.clone(),
                };
                out.push((node.id.clone(), text.replace("**", "")));
                last_id = node.id.clone();
            }
        }
    }
    out
}

/// A short quote of a clause for a comment.
fn quote(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ").replace('"', "'");
    match one_line.char_indices().nth(100) {
        Some((at, _)) => format!("\"{}…\"", &one_line[..at]),
        None => format!("\"{one_line}\""),
    }
}

fn count_words(text: &str, words: &[&str]) -> usize {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| words.iter().any(|x| w.eq_ignore_ascii_case(x))).count()
}

/// Gathers the facts of `outline`; `id` stands for the name when the text gives none.
pub(crate) fn gather(outline: &Outline, platforms: &Platforms, id: &str) -> Facts {
    let texts = texts(outline);
    let all: String = texts.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join(" \n ");
    let mut facts = Facts::default();

    // The opening's lines (before the first heading) name the school if anything does.
    let opening: Vec<String> = outline
        .title
        .iter()
        .cloned()
        .chain(outline.nodes.iter().take_while(|n| !matches!(n.kind, NodeKind::Heading(_))).map(|n| n.text.clone()))
        .collect();
    match names::choose(&opening, &all) {
        Some((name, _)) => {
            facts.name = name;
            facts.name_found = true;
        }
        None => {
            facts.name = id.split('-').map(capitalise).collect::<Vec<_>>().join(" ");
        }
    }
    let found_names = names::school_names_in(&all);
    facts.also_known_as = names::short_names(&facts.name, &found_names);

    // "Keeping children safe in education" is a title, not what the policy calls its children.
    let counted = all.replace("Keeping children safe", "").replace("keeping children safe", "");
    let counts = [
        ("pupils", count_words(&counted, &["pupil", "pupils", "pupil's", "pupils'"])),
        ("students", count_words(&counted, &["student", "students"])),
        ("children", count_words(&counted, &["children", "child", "children's"])),
    ];
    let best = counts.iter().max_by_key(|(_, n)| *n).map_or("pupils", |(w, _)| *w);
    facts.pupils_called = (best, counts.iter().map(|(w, n)| format!("{w} {n}")).collect::<Vec<_>>().join(", "));

    facts.pupil_ages = pupil_ages(&texts, &facts.name, &all, facts.pupils_called.0);
    reviews(&mut facts, outline, &texts);
    roles(&mut facts, &all);
    channels(&mut facts, outline, platforms);
    blocked(&mut facts, outline, platforms);
    facts
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// "aged 4 to 11", "ages 11-18", "4-11 year olds".
fn stated_ages(text: &str) -> Option<[u32; 2]> {
    let lower = text.to_lowercase().replace(['–', '—'], "-");
    let words: Vec<&str> = lower.split_whitespace().collect();
    for (at, word) in words.iter().enumerate() {
        let number = |w: &str| w.trim_matches(|c: char| !c.is_ascii_digit()).parse::<u32>().ok();
        let cue = matches!(word.trim_end_matches(':'), "aged" | "ages" | "age");
        if cue {
            let rest = &words[at + 1..words.len().min(at + 4)];
            let joined = rest.join(" ");
            let parts: Vec<u32> = joined
                .split(|c: char| !c.is_ascii_digit())
                .filter(|p| !p.is_empty())
                .filter_map(|p| p.parse().ok())
                .take(2)
                .collect();
            if let [a, b] = parts[..]
                && a < b
                && (2..=19).contains(&a)
                && b <= 19
            {
                return Some([a, b]);
            }
        }
        if (word.ends_with("year") || word.ends_with("years")) && at > 0 {
            let before = words[at - 1];
            if let Some((a, b)) = before.split_once('-')
                && let (Some(a), Some(b)) = (number(a), number(b))
                && a < b
                && b <= 19
            {
                return Some([a, b]);
            }
        }
    }
    None
}

fn pupil_ages(texts: &[(String, String)], name: &str, all: &str, called: &str) -> ([u32; 2], Found) {
    for (id, text) in texts {
        if let Some(ages) = stated_ages(text) {
            return (ages, Found::Stated(id.clone()));
        }
    }
    let name_words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    let has = |w: &str| name_words.iter().any(|n| n == w);
    let lower = all.to_lowercase();
    if has("infant") || has("infants") {
        return ([4, 7], Found::Guessed("an infant school, from its name".to_owned()));
    }
    if has("junior") || has("juniors") {
        return ([7, 11], Found::Guessed("a junior school, from its name".to_owned()));
    }
    if has("primary") {
        return ([4, 11], Found::Guessed("a primary school, from its name".to_owned()));
    }
    if ["secondary", "high", "grammar", "college", "academy"].iter().any(|w| has(w))
        || ["sixth form", "gcse", "year 11", "year 12", "year 13", "a level"].iter().any(|w| lower.contains(w))
    {
        return ([11, 18], Found::Guessed("a secondary school, from its name or its words".to_owned()));
    }
    if ["early years", "eyfs", "reception class", "key stage 1", "ks1"].iter().any(|w| lower.contains(w)) {
        return ([4, 11], Found::Guessed("a primary school: the policy mentions the early years".to_owned()));
    }
    if called == "students" {
        return ([11, 18], Found::Guessed("the policy says \"students\", as secondary schools do".to_owned()));
    }
    ([4, 11], Found::Missing)
}

/// Cues for review dates, lowercase: the next review, and the last review or agreement.
const NEXT_REVIEW: [&str; 6] =
    ["next review", "review date", "due for review", "next scheduled review", "to be reviewed", "review due"];
const LAST_REVIEW: [&str; 9] = [
    "last review",
    "reviewed on",
    "agreed",
    "approved on",
    "adopted",
    "ratified",
    "date of policy",
    "updated:",
    "last updated",
];

fn reviews(facts: &mut Facts, outline: &Outline, texts: &[(String, String)]) {
    // A version table: a column headed "Next Review" or "Last Review".
    let mut last_id = String::new();
    for node in &outline.nodes {
        let NodeKind::Table(rows) = &node.kind else {
            last_id.clone_from(&node.id);
            continue;
        };
        let Some((header, body)) = rows.split_first() else { continue };
        for (column, heading) in header.iter().enumerate() {
            let heading = heading.to_lowercase();
            if !heading.contains("review") {
                continue;
            }
            let date = body.iter().rev().find_map(|row| row.get(column).and_then(|cell| first_date(cell)));
            let Some(date) = date else { continue };
            let quote = format!(
                "table after {}: \"{}\" column",
                if last_id.is_empty() { "the title" } else { &last_id },
                header[column]
            );
            let slot = if heading.contains("next") || !heading.contains("last") {
                &mut facts.next_review
            } else {
                &mut facts.last_review
            };
            if slot.is_none() {
                *slot = Some((date, last_id.clone(), quote));
            }
        }
    }
    for (id, text) in texts {
        for sentence in text.split_inclusive(". ") {
            let lower = sentence.to_lowercase();
            let Some(date) = first_date(sentence) else { continue };
            if facts.next_review.is_none() && NEXT_REVIEW.iter().any(|cue| lower.contains(cue)) {
                facts.next_review = Some((date, id.clone(), quote(sentence)));
            } else if facts.last_review.is_none() && LAST_REVIEW.iter().any(|cue| lower.contains(cue)) {
                facts.last_review = Some((date, id.clone(), quote(sentence)));
            }
        }
    }
}

fn roles(facts: &mut Facts, all: &str) {
    let heads =
        ["Executive Headteacher", "Headteacher", "Head Teacher", "Principal", "Head of School", "Executive Head"];
    let count = |title: &str| all.matches(title).count() + all.matches(&title.to_lowercase()).count();
    facts.head = heads.iter().map(|h| (count(h), *h)).filter(|(n, _)| *n > 0).max().map(|(_, h)| h.to_owned());
    if all.contains("Designated Safeguarding Lead") || all.contains("DSL") {
        facts.dsl = Some("Designated Safeguarding Lead (DSL)".to_owned());
    }
}

/// Words that name a school's accounts in a sentence about its official ones.
const CHANNEL_WORDS: [&str; 6] = ["channel", "channels", "page", "pages", "account", "accounts"];

fn channels(facts: &mut Facts, outline: &Outline, platforms: &Platforms) {
    let mut before = String::new();
    for (at, node) in outline.nodes.iter().enumerate() {
        match &node.kind {
            NodeKind::Table(rows) => {
                let about_channels = ["official", "channel"].iter().any(|w| before.to_lowercase().contains(w));
                if let Some((header, body)) = rows.split_first()
                    && about_channels
                {
                    let lower: Vec<String> = header.iter().map(|h| h.to_lowercase()).collect();
                    let platform_column = lower
                        .iter()
                        .position(|h| ["platform", "channel", "site", "social media"].iter().any(|w| h.contains(w)));
                    let account_column = lower.iter().position(|h| {
                        (h.contains("account") || h.contains("page") || h.contains("name")) && !h.contains("platform")
                    });
                    if let (Some(p), Some(a)) = (platform_column, account_column) {
                        for row in body {
                            let account = row.get(a).map(|c| c.trim().to_owned()).unwrap_or_default();
                            for platform in platforms.find(row.get(p).map_or("", String::as_str)) {
                                if facts.channels.iter().all(|(id, ..)| *id != platform) {
                                    let named = !account.is_empty();
                                    let account = if named { account.clone() } else { facts.name.clone() };
                                    let place = format!("the channel table after {}", clause_before(outline, at));
                                    facts.channels.push((platform, account, named, place));
                                }
                            }
                        }
                    }
                }
            }
            NodeKind::Heading(_) | NodeKind::Paragraph | NodeKind::Item { .. } => {
                before.clone_from(&node.text);
                for sentence in node.text.split_inclusive(". ") {
                    let lower = sentence.to_lowercase().replace("n't", " not");
                    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
                    let official = words.contains(&"official") && CHANNEL_WORDS.iter().any(|w| words.contains(w));
                    if !official || words.contains(&"not") || words.contains(&"personal") {
                        continue;
                    }
                    for platform in platforms.find(sentence) {
                        if facts.channels.iter().all(|(id, ..)| *id != platform) {
                            facts.channels.push((
                                platform,
                                facts.name.clone(),
                                false,
                                format!("{}: {}", node.id, quote(sentence)),
                            ));
                        }
                    }
                }
            }
        }
    }
}

/// The id of the clause before node `at` (a table's), or "the title".
fn clause_before(outline: &Outline, at: usize) -> String {
    outline.nodes[..at].iter().rev().find(|n| !n.id.is_empty()).map_or_else(|| "the title".to_owned(), |n| n.id.clone())
}

/// Wordings of a list of sites the school's network blocks.
const BLOCKED_CUES: [&str; 6] = [
    "not accessible on the school's network",
    "blocked by the network",
    "are blocked",
    "blocked on the school",
    "block access to",
    "not be accessible",
];

fn blocked(facts: &mut Facts, outline: &Outline, platforms: &Platforms) {
    for (at, node) in outline.nodes.iter().enumerate() {
        let lower = node.text.to_lowercase().replace('’', "'");
        if !BLOCKED_CUES.iter().any(|cue| lower.contains(cue)) {
            continue;
        }
        let mut ids = platforms.find(&node.text);
        let mut unknown = Vec::new();
        for item in outline.nodes[at + 1..]
            .iter()
            .take_while(|n| n.parent == Some(at) && matches!(n.kind, NodeKind::Item { .. }))
        {
            let found = platforms.find(&item.text);
            if found.is_empty() && item.text.split_whitespace().count() <= 4 {
                unknown.push(item.text.clone());
            }
            for id in found {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        if !ids.is_empty() {
            let sentence = node
                .text
                .split_inclusive(". ")
                .find(|s| BLOCKED_CUES.iter().any(|cue| s.to_lowercase().replace('’', "'").contains(cue)))
                .unwrap_or(&node.text);
            facts.blocked = Some((ids, node.id.clone(), quote(sentence)));
            facts.blocked_unknown = unknown;
            return;
        }
    }
}

impl Facts {
    /// `school.toml`, with a comment on where each value comes from, and what to check.
    pub(crate) fn to_toml(&self, source_name: &str, report: &mut Report) -> String {
        let mut out = format!(
            "# Imported by `postwise import` from {source_name}. Check every value; delete each\n\
             # `TODO (import)` line once done. Format: policies/README.md.\n"
        );
        if self.name_found {
            report.recognised(format!("school name: {}", self.name));
        } else {
            out.push_str("# TODO (import): the text names no school; this name is made from the folder's.\n");
            report.needs_person(format!("school name: not found, \"{}\" stands in (school.toml)", self.name));
        }
        out.push_str(&format!("name = {}\n", toml_string(&self.name)));
        out.push_str(
            "# Names people use for the school; the checker finds them (also misspelt) on personal accounts.\n\
             # TODO (import): check these; add place_names = [\"…\"] for a name the school shares with its\n\
             # village or town.\n",
        );
        let names: Vec<String> = self.also_known_as.iter().map(|n| toml_string(n)).collect();
        out.push_str(&format!("also_known_as = [{}]\n", names.join(", ")));
        if self.also_known_as.is_empty() {
            report.needs_person(
                "other names for the school: none made from its name (school.toml also_known_as)".to_owned(),
            );
        } else {
            report.guessed(format!("other names: {} (from the full name)", self.also_known_as.join(", ")));
        }

        let (called, counts) = &self.pupils_called;
        out.push_str(&format!("# What the policy calls its children (counted: {counts}).\n"));
        out.push_str(&format!("pupils_called = {}\n", toml_string(called)));
        report.recognised(format!("the policy calls its children \"{called}\" ({counts})"));

        let ([youngest, oldest], how) = &self.pupil_ages;
        match how {
            Found::Stated(id) => {
                out.push_str(&format!("# {id}: the ages the policy states.\n"));
                report.recognised(format!("pupils' ages {youngest} to {oldest} ({id})"));
            }
            Found::Guessed(why) => {
                out.push_str(&format!("# TODO (import): the policy states no ages; guessed: {why}.\n"));
                report.guessed(format!("pupils' ages {youngest} to {oldest}: {why}"));
            }
            Found::Missing => {
                out.push_str(
                    "# TODO (import): the policy states no ages and gives no clue; a primary school's stand in.\n",
                );
                report
                    .needs_person(format!("pupils' ages: not stated, [{youngest}, {oldest}] stands in (school.toml)"));
            }
        }
        out.push_str(&format!("pupil_ages = [{youngest}, {oldest}]\n"));

        if self.last_review.is_some() || self.next_review.is_some() {
            out.push_str("\n[review]\n");
            for (key, value) in [("last", &self.last_review), ("next", &self.next_review)] {
                if let Some((date, id, quote)) = value {
                    let place = if id.is_empty() { String::new() } else { format!("{id}: ") };
                    out.push_str(&format!("# {place}{quote}\n{key} = {}\n", toml_string(date)));
                    report.recognised(format!("review.{key} = {date} ({place}{quote})"));
                }
            }
            if self.next_review.is_none() {
                out.push_str("# TODO (import): no next review date found: add next = \"YYYY-MM\".\n");
                report.needs_person("the next review date: not found (school.toml [review])".to_owned());
            }
        } else {
            out.push_str("\n# TODO (import): no review dates found: add [review] with next = \"YYYY-MM\".\n");
            report.needs_person("review dates: none found (lint will warn; school.toml [review])".to_owned());
        }

        out.push_str("\n[roles]                 # roles, never people's names\n");
        if let Some(head) = &self.head {
            out.push_str(&format!("head = {}\n", toml_string(head)));
            report.recognised(format!("the head's title: {head}"));
        }
        if let Some(dsl) = &self.dsl {
            out.push_str(&format!("dsl = {}\n", toml_string(dsl)));
        }
        out.push_str("# TODO (import): add the policy's other roles (dpo, governors, complaints, …).\n");

        if self.channels.is_empty() {
            out.push_str("\n# TODO (import): no official channel found: add [[official_channels]] for each.\n");
            report.needs_person("official channels: none found (school.toml [[official_channels]])".to_owned());
        }
        for (platform, account, named, place) in &self.channels {
            out.push_str(&format!("\n[[official_channels]]\n# {place}\n"));
            if !named {
                out.push_str("# TODO (import): the account's name is not given; the school's name stands in.\n");
                report.guessed(format!("official channel {platform}: account named after the school ({place})"));
            } else {
                report.recognised(format!("official channel {platform}: {account} ({place})"));
            }
            out.push_str(&format!("platform = {}\naccount = {}\n", toml_string(platform), toml_string(account)));
        }

        out.push_str("\n[network]\n");
        match &self.blocked {
            Some((ids, id, quote)) => {
                out.push_str(&format!("# {id}: {quote}\n"));
                for unknown in &self.blocked_unknown {
                    out.push_str(&format!("# TODO (import): \"{unknown}\" is not in _shared/platforms.toml.\n"));
                    report.needs_person(format!("blocked site \"{unknown}\" ({id}) is not a known platform"));
                }
                let ids: Vec<String> = ids.iter().map(|i| toml_string(i)).collect();
                out.push_str(&format!("blocked = [{}]\n", ids.join(", ")));
                report.recognised(format!("blocked on the network: {} ({id})", ids.join(", ").replace('"', "")));
            }
            None => {
                out.push_str("# TODO (import): no list of blocked sites found.\nblocked = []\n");
                report.needs_person("blocked sites: no list found (school.toml [network])".to_owned());
            }
        }

        out.push_str(
            "\n# Who the policy governs, and where (its scope clauses).\n\
             # TODO (import): narrow to the authors and channels the policy's scope names.\n\
             [covers]\n",
        );
        for author in ["staff", "pupil", "parent"] {
            out.push_str(&format!("{author} = [\"school\", \"personal\", \"group\", \"direct\"]\n"));
        }
        report.needs_person(
            "who and where the policy governs: every author and channel stands in (school.toml [covers])".to_owned(),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_dates_as_a_cover_page_gives_them() {
        use super::super::blocks::Block;
        let outline = super::super::outline::number(vec![
            Block::Title("Social Media Policy".to_owned()),
            Block::Paragraph { label: None, text: "Updated: HM/DSL – April 2016".to_owned() },
            Block::Paragraph { label: None, text: "To be reviewed: HM/DSL – April 2017".to_owned() },
        ]);
        let texts = texts(&outline);
        let mut facts = Facts::default();
        reviews(&mut facts, &outline, &texts);
        assert!(
            facts.next_review.as_ref().is_some_and(|(date, _, _)| date.starts_with("2017-04")),
            "{:?}",
            facts.next_review
        );
        assert!(
            facts.last_review.as_ref().is_some_and(|(date, _, _)| date.starts_with("2016-04")),
            "{:?}",
            facts.last_review
        );
    }

    #[test]
    fn ages_when_stated() {
        assert_eq!(stated_ages("for pupils aged 4 to 11 years"), Some([4, 11]));
        assert_eq!(stated_ages("Ages: 11–18"), Some([11, 18]));
        assert_eq!(stated_ages("for 3-11 year olds"), Some([3, 11]));
        assert_eq!(stated_ages("under the age of 13, or in some cases higher"), None);
    }
}
