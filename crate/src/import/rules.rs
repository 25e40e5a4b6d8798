//! Rule proposals: every sentence of every clause is matched against the obligations table
//! (`obligations.rs`); a match becomes a proposed rule citing that clause, with its severity from
//! the wording (will not / must not → `must`; advised / should → `should`), its authors from the
//! sentence's subject or the clause's section (staff, pupils, parents), its channels from the
//! section (official or school accounts, personal accounts), and examples chosen in `rules_toml.rs`.

use super::obligations::{OBLIGATIONS, Obligation, PERSONAL_ITEMS};
use super::outline::{NodeKind, Outline};
use super::wording::{LeadIn, Mood, any_found, is_procedure, mood, needs_met, sentences, severity, words};
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

/// Words that name who writes.
fn group_of(word: &str) -> Option<Author> {
    match word {
        "staff" | "teacher" | "teachers" | "headteacher" | "headteachers" | "principal" | "dsl" | "employee"
        | "employees" | "colleague" | "colleagues" | "governor" | "governors" | "volunteer" | "volunteers"
        | "personnel" | "practitioner" | "practitioners" | "team" | "educator" | "educators" | "keyworker"
        | "keyworkers" | "coach" | "coaches" | "tutor" | "tutors" | "lecturer" | "lecturers" => Some(Author::Staff),
        "pupil" | "pupils" | "student" | "students" | "child" | "children" | "learner" | "learners" => {
            Some(Author::Pupil)
        }
        "parent" | "parents" | "parental" | "carer" | "carers" | "family" | "families" => Some(Author::Parent),
        _ => None,
    }
}

/// Whether a sentence names people that contact could be with: pupils, parents, staff, or others
/// ("professionals", "anyone").
fn names_people(words: &[String]) -> bool {
    !groups_in(words).is_empty()
        || any_found(&["professional|professionals|colleague*|anyone|strangers|people|friends of"], words)
}

fn groups_in(words: &[String]) -> Vec<Author> {
    let mut groups = Vec::new();
    for (at, word) in words.iter().enumerate() {
        // "student teachers" train to teach: staff, not pupils.
        let trainee = group_of(word) == Some(Author::Pupil)
            && words.get(at + 1).is_some_and(|next| group_of(next) == Some(Author::Staff));
        if let Some(group) = group_of(word).filter(|_| !trainee)
            && !groups.contains(&group)
        {
            groups.push(group);
        }
    }
    groups
}

/// Words that end a sentence's subject.
const VERBS: [&str; 22] = [
    "must",
    "will",
    "should",
    "may",
    "are",
    "is",
    "can",
    "shall",
    "have",
    "has",
    "need",
    "do",
    "does",
    "would",
    "could",
    "might",
    "retain",
    "wo",
    "agree",
    "agrees",
    "understand",
    "understands",
];

/// Words that start a sentence with no subject of its own: an instruction ("Do not post"), or
/// the rest of a list's lead-in ("to use safe passwords").
const NO_SUBJECT: [&str; 9] = ["to", "not", "do", "never", "be", "always", "only", "use", "don't"];

/// Who a sentence is about, from its subject (the words before its verb, if there are at most
/// eight): `None` when it names no one.
fn subject_groups(words: &[String]) -> Option<Vec<Author>> {
    // "Under no circumstances should any member of staff …": the subject follows the modal.
    if words.starts_with(&["under".to_owned(), "no".to_owned()])
        && let Some(modal) = words
            .iter()
            .take(5)
            .position(|w| matches!(w.as_str(), "should" | "must" | "will" | "may" | "can" | "shall"))
    {
        // Its subject is the few words before the verb ("any member of staff" use …).
        let subject: Vec<String> =
            words[modal + 1..].iter().take(6).take_while(|w| !is_common_verb(w)).cloned().collect();
        let groups = groups_in(&subject);
        return (!groups.is_empty()).then_some(groups);
    }
    if words.first().is_some_and(|w| NO_SUBJECT.contains(&w.as_str())) {
        return forbidden_to(words);
    }
    // "If students use their phone on the site they are:": "they" is whom the condition names.
    if words.first().is_some_and(|w| matches!(w.as_str(), "if" | "when" | "whilst" | "while"))
        && words.windows(2).any(|w| w[0] == "they" && VERBS.contains(&w[1].as_str()))
    {
        let groups = groups_in(&words[1..words.len().min(3)]);
        if !groups.is_empty() {
            return Some(groups);
        }
    }
    let Some(end) = words.iter().take(9).position(|w| VERBS.contains(&w.as_str())) else {
        return asked_of(words);
    };
    let subject = &words[..end];
    // The school, or "we" in its own policy, acts through its staff; not where it judges what
    // others do ("The school will consider any of the following to be unacceptable use …").
    // So does a school by its name ("Chaloner Primary School will not display images of
    // pupils …").
    const NOT_IN_A_NAME: [&str; 14] =
        ["the", "all", "any", "our", "their", "your", "my", "this", "rules", "for", "in", "at", "to", "using"];
    let school_by_name = subject.len() >= 2
        && subject[..subject.len() - 1].iter().all(|w| !NOT_IN_A_NAME.contains(&w.as_str()))
        && subject.last().is_some_and(|w| {
            matches!(w.as_str(), "school" | "academy" | "nursery" | "preschool" | "pre-school" | "playgroup")
        });
    if (subject.starts_with(&["the".to_owned(), "school".to_owned()]) || subject == ["we".to_owned()] || school_by_name)
        && !judges_others(words)
    {
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
    if subject.iter().any(|w| w == "community" || w == "everyone") {
        return Some(vec![Author::Staff, Author::Pupil, Author::Parent]);
    }
    // "Adults should not air personal grievances": the school's grown-ups, not its pupils.
    if subject.iter().any(|w| w == "adults") {
        return Some(vec![Author::Staff, Author::Parent]);
    }
    if subject.last().is_some_and(|w| w == "it") {
        return subject_after_that(&words[end..]);
    }
    asked_of(words).or_else(|| forbidden_to(words))
}

/// "… and no member of staff is permitted to post photos of the children": whom a "no …"
/// forbids, in a sentence whose own subject names no one.
fn forbidden_to(words: &[String]) -> Option<Vec<Author>> {
    let at = words
        .windows(2)
        .position(|w| w[0] == "no" && (group_of(&w[1]).is_some() || matches!(w[1].as_str(), "member" | "members")))?;
    let named: Vec<String> = words[at + 1..].iter().take(3).cloned().collect();
    let groups = groups_in(&named);
    (groups.len() == 1).then_some(groups)
}

/// "It is important when using social networking sites that staff always maintain
/// confidentiality", "Although it is recognised that members of staff will socialise …": who
/// the "that" clause's subject is.
fn subject_after_that(words: &[String]) -> Option<Vec<Author>> {
    let that = words.iter().take(14).position(|w| w == "that")?;
    let subject: Vec<String> = words[that + 1..]
        .iter()
        .take_while(|w| {
            matches!(w.as_str(), "all" | "any" | "every" | "each" | "the" | "our" | "members" | "member" | "of")
                || group_of(w).is_some()
        })
        .cloned()
        .collect();
    let groups = groups_in(&subject);
    (!groups.is_empty()).then_some(groups)
}

/// "The school will consider|regard|treat …", "We will not tolerate …", "The school will also
/// expect that any parent …": what the school makes of others' conduct.
fn judges_others(words: &[String]) -> bool {
    any_found(
        &[
            "school|we will|shall|may consider|regard|treat|deem|view",
            "school|we will|shall|may not tolerate",
            // Not "We will ask parents' permission", the school's own step.
            "school|we will|shall|may expect",
            "school|we will|shall|may also expect",
            // "The school will sanction pupils … for: using ICT to bully …": the pupils' acts.
            "school|we will|shall|may sanction|discipline|punish",
        ],
        words,
    )
}

/// Verbs that end an inverted subject ("should any member of staff use …").
fn is_common_verb(word: &str) -> bool {
    matches!(
        word,
        "use"
            | "take"
            | "post"
            | "share"
            | "be"
            | "have"
            | "make"
            | "contact"
            | "accept"
            | "give"
            | "send"
            | "upload"
            | "publish"
            | "comment"
            | "engage"
            | "add"
            | "follow"
            | "discuss"
    )
}

/// Staff, when a sentence that names no one speaks of employment ("… may constitute misconduct",
/// "relating to their employment"): only employees are bound by it.
fn employment_terms(words: &[String]) -> Option<Vec<Author>> {
    any_found(&["misconduct|employment|employee|employees|employer|employed"], words).then(|| vec![Author::Staff])
}

/// Who a request is made of: "we request that parents do not …", "we ask all parents to …"; or
/// whose acts the school will sanction ("The school will sanction pupils … for:").
fn asked_of(words: &[String]) -> Option<Vec<Author>> {
    let at = words.iter().position(|w| {
        matches!(
            w.as_str(),
            "request"
                | "requests"
                | "ask"
                | "asks"
                | "expect"
                | "expects"
                | "urge"
                | "remind"
                | "insist"
                | "sanction"
                | "discipline"
                | "punish"
        )
    })?;
    let asked: Vec<String> = words[at + 1..]
        .iter()
        .skip_while(|w| matches!(w.as_str(), "that" | "all" | "any" | "the" | "our"))
        // "parents", "any parent or student"; not "staff to remind pupils".
        .take_while(|w| w.as_str() != "to")
        .take(3)
        .cloned()
        .collect();
    let groups = groups_in(&asked);
    (!groups.is_empty()).then_some(groups)
}

/// Where a text says the rule applies: official accounts or personal ones.
fn channel_hint(words: &[String]) -> Option<Option<Vec<Channel>>> {
    // "The school will consider …" names no account; "on our social media account" does.
    let school_acts = !judges_others(words) && any_found(&["the school will", "we will|shall"], words);
    let school = school_acts
        || any_found(
            &[
                "school|school's|our social media account*|accounts|sites|platforms|channels|page|pages",
                "school|school's account*",
                // "the official Twitter account", not "official functions" or "official school
                // photographs".
                "official account*|page*|channel*|site*|social|media|feed*|twitter|facebook|instagram|youtube|blog*|website*",
                "official school account*|page*|channel*|social|twitter|facebook|instagram|youtube|blog*|website*",
                "on behalf of the school",
                "school-run",
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
const NOT_RULES: [&str; 12] = [
    // "How to deal with cyberbullying": what someone bullied can do, not what anyone must not.
    "how to deal with",
    "what to do if",
    "if you are being",
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

/// Words of a section's heading that say it gives the policy's aims or background, not rules
/// ("1.1 Aim", "Objectives and targets", "Background").
const AIM_SECTIONS: [&str; 6] = ["aim", "aims", "background", "objectives", "purpose", "rationale"];

fn is_aim_section(heading: &str) -> bool {
    words(heading).iter().any(|w| AIM_SECTIONS.contains(&w.as_str()))
}

/// Whom a document that does not say whom it is for most likely speaks to: whom it writes to as
/// "you", whom a title about the school's computers binds, or everyone.
fn guessed_audience(outline: &Outline, early_years: bool) -> Vec<Author> {
    addressed_as_you(outline)
        .or_else(|| (!early_years && sends_children_to_an_adult(outline)).then(|| vec![Author::Pupil]))
        .or_else(|| title_and_opening(outline).find_map(about_the_schools_computers))
        .unwrap_or_else(|| vec![Author::Staff, Author::Pupil, Author::Parent])
}

/// Whom a document says it is for, in its title or opening lines or in "This policy applies to".
fn stated_audience(outline: &Outline) -> Option<Vec<Author>> {
    // A document addressed to one audience in its title or opening lines ("Social Media –
    // Protocol for Staff", "Parental use of social networking").
    // A short title (or first line, where the document has no title) that names one audience is
    // addressed to it ("Parent WhatsApp Groups").
    let first_line = outline.title.as_deref().or_else(|| outline.nodes.first().map(|n| n.text.as_str()));
    for line in title_and_opening(outline) {
        let all_words = words(line);
        let line_words = &all_words[..all_words.len().min(14)];
        let groups = groups_in(line_words);
        let for_group = |w: &[String]| w[0] == "for" && group_of(&w[1]).is_some();
        // "… for Staff", "Parental use of …", "Student Acceptable Use Agreement"; a longer line
        // only by its title's first words ("The Acceptable Use Agreement for Staff, Governors
        // and Visitors-Who will be accessing …", a title a converter ran on into its text).
        let addressed = if all_words.len() > 14 {
            line_words[..8].windows(2).any(for_group)
        } else {
            line_words.windows(2).any(for_group)
                || line_words.iter().any(|w| w == "parental")
                || line_words.first().is_some_and(|w| group_of(w).is_some())
        };
        let short_title = first_line == Some(line) && line_words.len() <= 6;
        if groups.len() == 1 && (addressed || short_title) {
            return Some(groups);
        }
    }
    outline.nodes.iter().find_map(|node| {
        let lower = node.text.to_lowercase();
        sentences(&lower).into_iter().find_map(|sentence| {
            let document = SELF_NAMES.iter().find_map(|name| sentence.find(name))?;
            let binds =
                BINDS.iter().find_map(|verb| sentence[document..].find(verb).map(|at| document + at + verb.len()))?;
            let groups = groups_in(&words(&sentence[binds..]));
            (!groups.is_empty()).then_some(groups)
        })
    })
}

/// How a document speaks of itself ("This Code of Conduct must be adhered to by all pupils").
const SELF_NAMES: [&str; 5] = ["this policy", "this code", "these rules", "this agreement", "this guidance"];

/// What a document says of whom it binds, before naming them.
const BINDS: [&str; 4] = ["applies to", "apply to", "adhered to by", "followed by"];

/// Words that make a document an early-years setting's (in its title or opening lines).
const EARLY_YEARS: &[&str] = &[
    "nursery*|nurseries|pre-school*|preschool*|playgroup*|daycare|kindergarten*|childminder*|childminding|montessori",
    "day care|nursery",
    "early years setting",
];

fn is_early_years(outline: &Outline) -> bool {
    // Under a heading too: "Policy Statement" over "Dragonfly Nursery accepts that …".
    let first_paragraphs = outline.nodes.iter().filter(|n| n.kind == NodeKind::Paragraph).take(3);
    title_and_opening(outline).chain(first_paragraphs.map(|n| n.text.as_str())).any(|line| {
        let line_words = words(line);
        // "Old Leake Primary & Nursery School" teaches pupils who post; "Woodfield Nursery
        // School" does not.
        any_found(EARLY_YEARS, &line_words) && !any_found(ALL_THROUGH, &line_words)
    })
}

/// Words that make a school with a nursery class more than an early-years setting.
const ALL_THROUGH: &[&str] = &["primary|infant|infants|junior|juniors|academy|secondary|college"];

/// The title and the first three paragraphs before any heading: where a document says what it
/// is and whom it is for. A document with no title line ("Online Safety Acceptable Use
/// Agreement", read as its first heading) says it in that heading and the paragraphs under it;
/// so does a heading straight over another, which heads the rest ("Social Media – Protocol for
/// Staff" over "Introduction").
fn title_and_opening(outline: &Outline) -> impl Iterator<Item = &str> {
    let is_heading = |node: &super::outline::Node| matches!(node.kind, NodeKind::Heading(_));
    let mut opening = Vec::new();
    let mut paragraphs = 0;
    for (at, node) in outline.nodes.iter().enumerate() {
        let untitled_first = at == 0 && outline.title.is_none();
        let heads_a_heading = outline.nodes.get(at + 1).is_some_and(is_heading);
        match node.kind {
            NodeKind::Paragraph if paragraphs < 3 => paragraphs += 1,
            NodeKind::Heading(_) if untitled_first || heads_a_heading => {}
            _ => break,
        }
        opening.push(node.text.as_str());
    }
    outline.title.as_deref().into_iter().chain(opening)
}

/// At a nursery or pre-school the children do not post: a rule there binds its staff (its
/// "students" are trainees) and parents.
fn without_young_children(mut audience: Vec<Author>, early_years: bool) -> Vec<Author> {
    if early_years && audience.contains(&Author::Pupil) {
        audience.retain(|a| *a != Author::Pupil);
        if audience.is_empty() {
            audience.push(Author::Staff);
        }
    }
    audience
}

/// A document titled (in its title or opening lines) as the rules for the school's own computers
/// ("Acceptable use of ICT/Internet Safety") binds those who use them, staff and pupils, not parents at home.
fn about_the_schools_computers(title: &str) -> Option<Vec<Author>> {
    let title_words = words(title);
    (title_words.len() <= 14 && any_found(&["acceptable use", "ict", "network", "computers"], &title_words))
        .then(|| vec![Author::Staff, Author::Pupil])
}

/// Who a document written to "you" speaks to: parents where it says "your child", pupils where
/// it says "your parents" or "your teacher", staff where it says "your classroom" or "your
/// pupils"; `None` when it says none of them, or two as often.
fn addressed_as_you(outline: &Outline) -> Option<Vec<Author>> {
    let (mut parents, mut pupils, mut staff) = (0, 0, 0);
    for node in &outline.nodes {
        let node_words = words(&node.text);
        for pair in node_words.windows(2).filter(|w| w[0] == "your") {
            match pair[1].as_str() {
                "child" | "children" | "child's" | "son" | "daughter" => parents += 1,
                "parents" | "parent" | "carers" | "teacher" | "teachers" | "classmates" => pupils += 1,
                "classroom" | "pupils" | "students" | "colleagues" | "lessons" | "profession" => staff += 1,
                _ => {}
            }
        }
    }
    sole_most([(parents, Author::Parent), (pupils, Author::Pupil), (staff, Author::Staff)]).map(|only| vec![only])
}

/// Whether a document sends its reader to an adult ("tell a trusted adult", "ask a grown-up"):
/// rules written for children (but not at a nursery, whose policies speak of the adults minding
/// them: the caller asks only outside one).
fn sends_children_to_an_adult(outline: &Outline) -> bool {
    outline.nodes.iter().any(|node| {
        any_found(
            &[
                "tell|ask|find|show|fetch|get ~ trusted adult|adults|grown-up|grown-ups",
                "tell|ask|find|show|fetch|get an|a adult|grown-up",
            ],
            &words(&node.text),
        )
    })
}

/// The audience counted most often, if one alone is and it was counted at all.
fn sole_most(counts: [(usize, Author); 3]) -> Option<Author> {
    let most = counts.iter().map(|(count, _)| *count).max().unwrap_or_default();
    let mut leaders = counts.into_iter().filter(|(count, _)| *count == most && most > 0);
    match (leaders.next(), leaders.next()) {
        (Some((_, only)), None) => Some(only),
        _ => None,
    }
}

/// Rules for video calls and live lessons.
const ON_CALLS: &[&str] = &[
    "video call|calls|lesson|lessons|conference|conferences",
    "live lesson|lessons|session|sessions",
    "zoom|webcam|microphone|microphones",
];

/// What a pupil's pledge speaks of: their teacher, their parents, their homework.
const PUPIL_PLEDGES: &[&str] = &[
    "my teacher|teachers|parents|parent|carer|carers|tutor",
    "my class|form teacher|tutor",
    "school work|homework",
    "member of staff|parent",
    // "I will always ask a grown-up before I use the internet".
    "grown-up|grown-ups",
    "trusted adult|adults",
];

/// "I will not …", or "When on a video call, I will …": a pledge, its condition first or not.
fn is_pledge(sentence: &[String]) -> bool {
    let condition = sentence
        .first()
        .is_some_and(|w| matches!(w.as_str(), "when" | "if" | "while" | "whilst" | "before" | "during"));
    // "The messages I send will be polite": the first person in the subject is a pledge too.
    let first_person_subject = sentence.iter().take(4).any(|w| w == "i" || w == "my");
    sentence.first().is_some_and(|w| w == "i")
        || (!condition && first_person_subject)
        || (condition
            && sentence.windows(2).any(|w| {
                w[0] == "i"
                    && matches!(w[1].as_str(), "will" | "wo" | "must" | "should" | "agree" | "promise" | "understand")
            }))
}

/// Who signs the pledges a lead-in leads, where it says so: "All pupils sign up to the SMART
/// rules", "Parents agree to:"; not "Parents must read the following with their child".
fn lead_in_signer(lead_in: &LeadIn) -> Option<Author> {
    const SIGNING: [&str; 7] = ["sign", "signs", "agree", "agrees", "promise", "pledge", "follow"];
    let verb = lead_in.words.iter().take(5).position(|w| SIGNING.contains(&w.as_str()))?;
    match groups_in(&lead_in.words[..verb]).as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// Who signs the pledges ("I will …") of the section of node `at`, from what they speak of: a
/// pupil's teacher and homework, a parent's child, a member of staff's classroom and
/// colleagues; `None` when they say none of these, or two as often.
fn pledge_signer(outline: &Outline, at: usize) -> Option<Author> {
    // A pledge that speaks of "my teacher" or "my parents" is a pupil's, whoever its lead-in
    // addresses ("Parents/Carers must read the following … I will not use my Teams login
    // details to communicate with anyone other than my class teacher").
    if any_found(PUPIL_PLEDGES, &words(&outline.nodes[at].text)) {
        return Some(Author::Pupil);
    }
    let start = outline.heading_index_above(at).map_or(0, |h| h + 1);
    let section = outline.nodes[start..].iter().take_while(|n| !matches!(n.kind, NodeKind::Heading(_)));
    let (mut pupil, mut parent, mut staff) = (0, 0, 0);
    for node in section {
        let node_words = words(&node.text);
        if node_words.first().is_none_or(|w| w != "i") {
            continue;
        }
        pupil += usize::from(any_found(PUPIL_PLEDGES, &node_words));
        parent += usize::from(any_found(&["my child|children|child's|son|daughter"], &node_words));
        staff += usize::from(any_found(
            &["my classroom|pupils|students|colleagues|role|profession|professional", "line manager"],
            &node_words,
        ));
    }
    sole_most([(pupil, Author::Pupil), (parent, Author::Parent), (staff, Author::Staff)])
}

/// A heading over what the school itself will do ("Responsibilities of the school", "School
/// responsibilities"): its clauses bind staff acting for the school, on its own accounts, never
/// pupils or parents, whatever the document's audience.
fn is_school_duty_heading(lower: &str) -> bool {
    lower.contains("responsibilit") && lower.contains("school") && groups_in(&words(lower)).is_empty()
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
        let heading_words = words(&heading.text);
        let groups = groups_in(&heading_words);
        if !groups.is_empty() {
            return groups;
        }
        if names_a_year_group(&heading_words) {
            return vec![Author::Pupil];
        }
        let lower = heading.text.to_lowercase();
        if lower.contains("official")
            || lower.contains("school accounts")
            || lower.contains("school social media")
            || is_school_duty_heading(&lower)
        {
            return vec![Author::Staff];
        }
    }
    default.to_vec()
}

/// "Key Stage 2", "KS1 Rules", "Year 6": a heading naming pupils by their stage or year, over
/// their own rules (in a document that may speak to parents elsewhere: "Your child understands").
fn names_a_year_group(heading_words: &[String]) -> bool {
    let number = |w: &String| w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty();
    heading_words.iter().any(|w| matches!(w.as_str(), "ks1" | "ks2" | "ks3" | "ks4" | "ks5"))
        || heading_words.windows(3).any(|w| w[0] == "key" && w[1] == "stage" && number(&w[2]))
        || heading_words.windows(2).any(|w| matches!(w[0].as_str(), "year" | "years") && number(&w[1]))
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

/// The most rules proposed: a policy has tens of rules; each proposal is checked against the
/// school's checker, so a document that says one thing thousands of times must not make
/// thousands.
pub(crate) const PROPOSAL_LIMIT: usize = 400;

/// Proposes rules for every clause whose wording matches a known obligation, once for each
/// wording (a sentence said again proposes nothing new), at most [`PROPOSAL_LIMIT`].
pub(crate) fn propose(outline: &Outline, pupils_called: &str) -> Vec<Proposal> {
    let early_years = is_early_years(outline);
    let stated = stated_audience(outline);
    let audience_stated = stated.is_some();
    let default_audience =
        without_young_children(stated.unwrap_or_else(|| guessed_audience(outline, early_years)), early_years);
    let mut proposals: Vec<Proposal> = Vec::new();
    let mut said: std::collections::HashSet<(&'static str, String)> = std::collections::HashSet::new();
    let mut stems: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    // Each clause's proposals, by index.
    let mut proposed: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    // The proposals made by each list's items, by the list's lead-in: one rule for a list.
    let mut listed: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    for (at, node) in outline.nodes.iter().enumerate() {
        match node.kind {
            NodeKind::Paragraph | NodeKind::Item { field: false, .. } => {}
            _ => continue,
        }
        let headings = outline.headings_above(at);
        if headings
            .iter()
            .any(|h| NOT_RULES.iter().any(|skip| h.text.to_lowercase().contains(skip)) || is_aim_section(&h.text))
        {
            continue;
        }
        // A list's lead-in ("To stay safe online I should:") says what its items are; the items,
        // read with it, make the rules.
        if node.text.trim_end().ends_with(':') && outline.nodes.get(at + 1).is_some_and(|n| n.parent == Some(at)) {
            continue;
        }
        let school_duty = headings.iter().any(|h| is_school_duty_heading(&h.text.to_lowercase()));
        let lead_in_ids: Vec<&str> = outline.lead_ins(at).iter().map(|n| n.id.as_str()).collect();
        let mut lead_ins: Vec<LeadIn> = outline.lead_ins(at).iter().map(|n| LeadIn::new(&n.text)).collect();
        // A heading that ends in ':' leads its list ("For staff, requirements typically include:").
        if let Some(heading) = headings.first().filter(|h| h.text.trim_end().ends_with(':'))
            && lead_ins.is_empty()
        {
            lead_ins.push(LeadIn::new(&heading.text));
        }
        // "We aim to keep children safe online by:" over what the setting does: aims, every
        // sentence of every item ("Ensuring all devices are password protected. Passwords should
        // be kept safe.").
        if lead_ins.iter().any(LeadIn::states_aims) {
            continue;
        }
        // "If you are being bullied online:" over what to do then: a procedure, item by item. Not
        // "If members of staff are running official accounts, they will:", a role's rules.
        if lead_ins
            .first()
            .is_some_and(|l| l.words.first().is_some_and(|w| w == "if") && groups_in(&l.words).is_empty())
        {
            continue;
        }
        let lead_in_words: Vec<String> = lead_ins.iter().flat_map(|l| l.words.iter().cloned()).collect();
        let clause_with_lead_ins: Vec<String> =
            words(&node.text).into_iter().chain(lead_in_words.iter().cloned()).collect();
        let own_items = compound_words(&others_items_dropped(&clause_with_lead_ins));
        // "Language must be professional" under rules for video calls is about what is said on a
        // call, which no post shows.
        let on_calls = lead_ins.iter().any(|l| any_found(ON_CALLS, &l.words))
            || headings.iter().any(|h| any_found(ON_CALLS, &words(&h.text)));
        // "The school has installed computers … These rules will keep everyone safe:" over
        // "I will …" says what the school did, not who signs.
        let school_lead_in = lead_ins.first().is_some_and(|l| {
            l.words.starts_with(&["the".to_owned(), "school".to_owned()]) || l.words.first().is_some_and(|w| w == "we")
        });
        // Whom the clause's sentences so far named: a later sentence naming no one at all goes
        // on about them ("Pupils are expected not to seek out offensive material. Should any such material
        // appear, they should tell a teacher.").
        let mut named_before: Option<Vec<Author>> = None;
        for (index, sentence) in sentences(&node.text).into_iter().enumerate() {
            let sentence_words = words(sentence);
            if is_procedure(&sentence_words) {
                continue;
            }
            // Only what tells someone what to do proposes a rule: not an aim, not a description.
            let own_lead_ins: &[LeadIn] = if index == 0 { &lead_ins } else { &[] };
            let subject = subject_groups(&sentence_words);
            if subject.is_some() {
                named_before.clone_from(&subject);
            }
            if mood(&sentence_words, own_lead_ins, subject.is_some()) != Mood::Directive {
                continue;
            }
            // A list's lead-in ("I will not:") governs the item's first sentence only.
            let lead_in_words: &[String] = if index == 0 { &lead_in_words } else { &[] };
            let names_no_one = subject.is_none();
            let audience = subject
                .filter(|g| !(g.len() == 1 && sentence_words.first().is_some_and(|w| w == "i")))
                .or_else(|| employment_terms(&sentence_words))
                .or_else(|| named_before.clone().filter(|_| groups_in(&sentence_words).is_empty()))
                .unwrap_or_else(|| section_audience(outline, at, &default_audience));
            // "I will not reveal my passwords": an agreement's "I" is who signs it; where neither
            // the section nor the document says who that is (staff's and parents' agreements say
            // so in their titles), it is a pupil.
            // Where only a document's guessed audience stands in, the pledges around it say who signs
            // ("my teacher", "homework": a pupil; "my child": a parent; "my classroom": staff).
            // "When I use ICT at school I have rules to follow. I agree to:" leads pledges too.
            let pledged = is_pledge(&sentence_words)
                || lead_ins.iter().any(|l| {
                    l.words.first().is_some_and(|w| w == "i") || l.last_sentence.first().is_some_and(|w| w == "i")
                });
            let signer = if !pledged {
                None
            } else if any_found(PUPIL_PLEDGES, &sentence_words) {
                Some(Author::Pupil)
            } else if let Some(signer) = lead_ins.first().and_then(lead_in_signer) {
                Some(signer)
            } else if school_lead_in || (!audience_stated && audience == default_audience) {
                pledge_signer(outline, at)
            } else {
                None
            };
            let audience = match signer {
                Some(signer) => vec![signer],
                None if pledged && audience.len() == 3 => vec![Author::Pupil],
                None => audience,
            };
            let audience = without_young_children(audience, early_years);
            let hint = if school_duty {
                Some(vec![Channel::School])
            } else {
                std::iter::once(sentence_words.clone())
                    .chain(lead_ins.iter().map(|l| l.words.clone()))
                    .chain(headings.iter().map(|h| words(&h.text)))
                    .find_map(|w| channel_hint(&w))
                    .flatten()
            };
            // "We will not identify any of the children", "No photos of the children will be
            // posted without consent": the school on its own accounts.
            // Not under a heading about personal accounts ("Social media will not be used as a
            // platform to attack …" there binds staff on their own).
            let about_own_accounts = hint.as_ref().is_some_and(|h| !h.contains(&Channel::School));
            let promise = names_no_one && !about_own_accounts && is_passive_promise(&sentence_words);
            let audience = if promise { vec![Author::Staff] } else { audience };
            let speaks_as_school = promise
                || (sentence_words.first().is_some_and(|w| w == "we") && audience.as_slice() == [Author::Staff]);
            let (severity, severity_cue) = severity(&sentence_words, &lead_ins);
            // What the sentence rules, without what it concedes first ("Although it is
            // recognised that staff will keep contact via Facebook, it is not acceptable that
            // they comment on families"): its subject said who, its main clause says what.
            let ruling_words = words(without_concession(sentence));
            let with_lead_ins: Vec<String> = ruling_words.iter().chain(lead_in_words).cloned().collect();
            let unless_words = others_beside_own_dropped(&ruling_words);
            for obligation in OBLIGATIONS {
                let context = Context {
                    sentence,
                    sentence_words: &ruling_words,
                    unless_words: &unless_words,
                    with_lead_ins: &with_lead_ins,
                    clause_with_lead_ins: &clause_with_lead_ins,
                    own_items: &own_items,
                };
                let proposal = proposal_for(obligation, context, &audience, hint.as_deref(), (severity, &severity_cue))
                    // What the school will do is done on its own accounts, whatever the obligation.
                    .map(|mut p| {
                        if school_duty || speaks_as_school {
                            p.channels.retain(|c| *c == Channel::School);
                        }
                        p
                    })
                    .filter(|p| !p.channels.is_empty())
                    .filter(|p| !(on_calls && p.category == Category::OffensiveLanguage));
                if let Some(proposal) = proposal {
                    // The same rule again for this clause, or for an item of a list whose lead-in
                    // has it already ("must not contact pupils:" and "- by friend requests").
                    let same = |p: &Proposal| p.detect == proposal.detect && p.category == proposal.category;
                    let duplicate = proposals.iter().rev().take_while(|p| p.clause == node.id).any(same)
                        || lead_in_ids.iter().any(|id| {
                            proposed.get(*id).is_some_and(|done| done.iter().any(|p| same(&proposals[*p])))
                                || listed.get(*id).is_some_and(|done| done.iter().any(|p| same(&proposals[*p])))
                        });
                    let said_before = !said.insert((obligation.name, sentence_words.join(" ")));
                    if !duplicate && !said_before {
                        if proposals.len() >= PROPOSAL_LIMIT {
                            return proposals;
                        }
                        let prefix = audience_prefix(&proposal.authors, &proposal.channels, pupils_called);
                        let stem = format!("{prefix}-{}", obligation.name);
                        let uses = stems.entry(stem.clone()).or_insert(0);
                        *uses += 1;
                        // Stems end in a word, never a number, so `-2` cannot clash with one.
                        let id = if *uses == 1 { stem } else { format!("{stem}-{uses}") };
                        proposed.entry(node.id.clone()).or_default().push(proposals.len());
                        if let Some(lead_in) = lead_in_ids.first() {
                            listed.entry((*lead_in).to_owned()).or_default().push(proposals.len());
                        }
                        proposals.push(Proposal {
                            id,
                            clause: node.id.clone(),
                            message: as_firm_as(
                                &obligation.message.replace("{pupils}", pupils_called),
                                proposal.severity,
                            ),
                            ..proposal
                        });
                    }
                }
            }
        }
    }
    proposals
}

/// A message no firmer than its rule: "must not" where the clause says it, "should not" where it
/// advises against, "are advised not to" where it is good practice.
fn as_firm_as(message: &str, severity: Severity) -> String {
    match severity {
        Severity::Must => message.to_owned(),
        Severity::Should => message.replace("must not", "should not"),
        Severity::Advice => message.replace("must not", "are advised not to"),
    }
}

/// A sentence with its words, alone and with its lead-ins'.
#[derive(Clone, Copy)]
struct Context<'a> {
    sentence: &'a str,
    sentence_words: &'a [String],
    /// The sentence's words as an obligation's exceptions read them ([`others_beside_own_dropped`]).
    unless_words: &'a [String],
    with_lead_ins: &'a [String],
    /// The whole clause and its lead-ins: where a list of what "personal information" means
    /// may follow the sentence ("… This includes phone numbers, addresses …").
    clause_with_lead_ins: &'a [String],
    /// The clause's words with compounds joined and others' items left out: what it lists as
    /// one's own ([`others_items_dropped`]).
    own_items: &'a [String],
}

/// A sentence without the concession it opens with ("Although …, ", "Whilst …, ").
fn without_concession(sentence: &str) -> &str {
    let opens_with_concession = ["although ", "whilst ", "while ", "though "]
        .iter()
        .any(|start| sentence.get(..start.len()).is_some_and(|s| s.eq_ignore_ascii_case(start)));
    match sentence.split_once(", ") {
        Some((_, rest)) if opens_with_concession => rest,
        _ => sentence,
    }
}

/// Whether a sentence is about what someone looks at, seeks out or fetches ("go to sites or download any
/// materials which are offensive", "access racist material"), not what they post: such a
/// clause gives no rule about the language or prejudice of posts.
fn is_about_viewing(words: &[String]) -> bool {
    any_found(
        &["access|accessing|download*|visit|visiting|browse|browsing|surf|surfing|seek|seeking", "go to sites"],
        words,
    ) && !any_found(
        &["post|posts|posting|share|shares|sharing|upload*|send|sending|publish*|comment*|forward*|write|writing"],
        words,
    )
}

/// What is done, said with no one doing it: "Pupils' full names will not be used anywhere on the
/// school website", "No photos of the children will be posted without consent", "Photographs of
/// children are never posted". Where a policy
/// says it so, the school is promising what it will do; not where it says by whom ("… will not
/// be shared by parents").
fn is_passive_promise(words: &[String]) -> bool {
    const DONE: &str = "used|posted|published|shared|shown|taken|uploaded|given|put|named|identified|tagged|displayed|included|released";
    // "Photographs of children are never posted": what the school does, said as its practice.
    any_found(
        &[
            &format!("will|shall be {DONE}"),
            &format!("will|shall not|never be {DONE}"),
            &format!("are|is never {DONE}"),
        ],
        words,
    ) && !words.windows(2).any(|w| w[0] == "by" && group_of(&w[1]).is_some())
}

/// The words without those that say whose someone is: in "must not friend parents of children
/// in the setting" the contact is with parents, not children.
fn whose_dropped(words: &[String]) -> Vec<String> {
    let mut kept: Vec<String> = Vec::with_capacity(words.len());
    let mut whose = false;
    for (at, word) in words.iter().enumerate() {
        if word == "of" && at > 0 && group_of(&words[at - 1]).is_some() {
            whose = true;
            continue;
        }
        if whose && matches!(word.as_str(), "the" | "their" | "our" | "a") {
            continue;
        }
        if whose && group_of(word).is_some() {
            whose = false;
            continue;
        }
        // "children's parents/carers": whose parents.
        if group_of(word.trim_end_matches("'s")) == Some(Author::Pupil)
            && words.get(at + 1).is_some_and(|next| group_of(next) == Some(Author::Parent))
        {
            continue;
        }
        whose = false;
        kept.push(word.clone());
    }
    kept
}

/// The words with "email address" and "user name" as one word: an email address is not where
/// someone lives, a user name not their name.
fn compound_words(words: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for word in words {
        let joined = match (out.last().map(String::as_str), word.as_str()) {
            (Some("email" | "e-mail" | "mail" | "web" | "website" | "ip"), "address" | "addresses") => "-address",
            (Some("user"), "name" | "names") => "name",
            _ => "",
        };
        match out.last_mut() {
            Some(last) if !joined.is_empty() => last.push_str(joined),
            _ => out.push(word.clone()),
        }
    }
    out
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
    if matches!(obligation.category, Category::OffensiveLanguage | Category::Discrimination)
        && is_about_viewing(context.sentence_words)
    {
        return None;
    }
    // Whom contact is with: the sentence's own people when it names any ("accepting friend
    // requests from colleagues"), the lead-in's ("… working with children:") only when it names none.
    let also_names_who = obligation.also.iter().any(|pattern| {
        pattern.split(['|', ' ']).next().is_some_and(|word| group_of(word.trim_end_matches('*')).is_some())
    });
    let contact = matches!(obligation.category, Category::ContactRequest | Category::ContactDetails);
    let also_in = if contact && also_names_who && names_people(context.sentence_words) {
        context.sentence_words
    } else {
        context.with_lead_ins
    };
    let also_in = if contact { whose_dropped(also_in) } else { also_in.to_vec() };
    if !obligation.also.is_empty() && !any_found(obligation.also, &also_in) {
        return None;
    }
    // A clause that lists what it means ("phone numbers, addresses, birthdays") proposes a rule
    // for each thing it lists, not for the rest of what personal information may be.
    let listed = context.own_items;
    if !obligation.named.is_empty() && any_found(PERSONAL_ITEMS, listed) && !any_found(obligation.named, listed) {
        return None;
    }
    // A password is not what "personal information" means to a reader: only a clause that names
    // one proposes a password rule from it.
    if obligation.category == Category::Credentials
        && !obligation.named.is_empty()
        && !any_found(obligation.named, context.clause_with_lead_ins)
    {
        return None;
    }
    if any_found(obligation.unless, context.unless_words) || !needs_met(obligation.needs, context.with_lead_ins) {
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

/// A clause's words without what it says belongs to others ("I will not use other people's
/// usernames or passwords"): the things a pupil's own details are listed as are the rest.
fn others_items_dropped(words: &[String]) -> Vec<String> {
    let mut kept = Vec::with_capacity(words.len());
    let mut skip = 0;
    for word in words {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        kept.push(word.clone());
        if matches!(word.as_str(), "people's" | "else's") {
            skip = 3;
        }
    }
    kept
}

/// A sentence's words without "or other people's" after "own", nor "other" before a kind of
/// information: "my own or other people's personal information" and "your address or other
/// personal information" are one's own too, so no rule about others' information only.
fn others_beside_own_dropped(words: &[String]) -> Vec<String> {
    let mut kept = Vec::with_capacity(words.len());
    let mut at = 0;
    while at < words.len() {
        // "name, address or other personal information": other kinds of one's own, not others'.
        let other_kind = words[at] == "other"
            && words.get(at + 1).is_some_and(|w| {
                matches!(w.as_str(), "similar" | "such" | "personal" | "contact" | "identifying" | "private")
            });
        if !other_kind {
            kept.push(words[at].clone());
        }
        let joined = words.get(at + 1).is_some_and(|w| w == "or" || w == "and");
        let others = words.get(at + 2).is_some_and(|w| matches!(w.as_str(), "other" | "others" | "other's"));
        if words[at] == "own" && joined && others {
            at += 3;
            if words.get(at).is_some_and(|w| w == "people's" || w == "people") {
                at += 1;
            }
        } else {
            at += 1;
        }
    }
    kept
}

/// A detector from its TOML inline table. The tables are the crate's own and tested.
pub(crate) fn parse_detect(inline: &str) -> Option<DetectorSpec> {
    #[derive(serde::Deserialize)]
    struct Wrapper {
        detect: DetectorSpec,
    }
    toml::from_str::<Wrapper>(&format!("detect = {inline}")).ok().map(|w| w.detect)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Who a document's policy applies to, as `propose` reads it: whom it says, else a guess.
    fn document_audience(outline: &Outline) -> Vec<Author> {
        stated_audience(outline).unwrap_or_else(|| guessed_audience(outline, is_early_years(outline)))
    }

    #[test]
    fn a_document_addressed_to_one_audience_is_for_it() {
        let outline = super::super::outline::number(vec![
            super::super::blocks::Block::Title("Social Media Policy".to_owned()),
            super::super::blocks::Block::Paragraph {
                label: None,
                text: "Social Media – Protocol for Staff".to_owned(),
            },
            super::super::blocks::Block::Heading { level: 1, label: None, text: "Principles".to_owned() },
        ]);
        assert_eq!(document_audience(&outline), [Author::Staff]);
        use super::super::blocks::Block;
        // The same line as a heading straight over the first section's heading.
        let outline = super::super::outline::number(vec![
            Block::Title("Social Media Policy".to_owned()),
            Block::Heading { level: 1, label: None, text: "Social Media – Protocol for Staff".to_owned() },
            Block::Heading { level: 2, label: None, text: "Introduction".to_owned() },
            Block::Paragraph {
                label: None,
                text: "Social media is the term for websites that let users interact.".to_owned(),
            },
            Block::Heading { level: 1, label: None, text: "Principles".to_owned() },
        ]);
        assert_eq!(document_audience(&outline), [Author::Staff]);
        // A document of a title and one block.
        let audience_of = |title: &str, block: Block| {
            document_audience(&super::super::outline::number(vec![Block::Title(title.to_owned()), block]))
        };
        let titled = |title: &str| {
            audience_of(title, Block::Heading { level: 1, label: None, text: "Code of conduct".to_owned() })
        };
        assert_eq!(titled("Parent WhatsApp Groups"), [Author::Parent]);
        let written_to =
            |text: &str| audience_of("Online safety", Block::Paragraph { label: None, text: text.to_owned() });
        assert_eq!(written_to("Please do not post photos of your child's classmates."), [Author::Parent]);
        assert_eq!(written_to("Share passwords only with your parents or teachers."), [Author::Pupil]);
        // Rules that send their reader to an adult are written for children.
        assert_eq!(written_to("If something online upsets you, tell a trusted adult."), [Author::Pupil]);
        assert_eq!(written_to("Always ask an adult before going online."), [Author::Pupil]);
        assert_eq!(
            written_to("Staff must not befriend pupils online."),
            [Author::Staff, Author::Pupil, Author::Parent]
        );
        assert_eq!(titled("Student Acceptable Use Agreement for Use of Social Media and ICT"), [Author::Pupil]);
        assert_eq!(titled("Social Media Policy"), [Author::Staff, Author::Pupil, Author::Parent]);
        assert_eq!(
            titled("Guidance on the use of social media by the whole school community, including parents"),
            [Author::Staff, Author::Pupil, Author::Parent]
        );
        // No title line: the first heading and the lines under it say whom it is for; student
        // teachers are staff; a title run on into its text says so in its first words.
        let untitled = |lines: &[&str]| {
            let mut blocks = vec![Block::Heading { level: 1, label: None, text: lines[0].to_owned() }];
            blocks.extend(lines[1..].iter().map(|text| Block::Paragraph { label: None, text: (*text).to_owned() }));
            document_audience(&super::super::outline::number(blocks))
        };
        assert_eq!(
            untitled(&[
                "Online Safety Acceptable Use Agreement",
                "For Staff, Governors and student teachers (on placement)"
            ]),
            [Author::Staff]
        );
        assert_eq!(
            untitled(&[
                "Acceptable Use Agreement",
                "The Acceptable Use Agreement for Staff, Governors and Visitors-Who will be accessing the schools network applies to all online use.",
            ]),
            [Author::Staff]
        );
        assert_eq!(
            untitled(&[
                "Online safety",
                "Parents are welcome to join the class groups, and pupils and staff use the school's own channels every day.",
            ]),
            [Author::Staff, Author::Pupil, Author::Parent]
        );
    }

    fn paragraph(text: &str) -> super::super::blocks::Block {
        super::super::blocks::Block::Paragraph { label: None, text: text.to_owned() }
    }

    fn item(text: &str) -> super::super::blocks::Block {
        super::super::blocks::Block::Item { depth: 0, label: None, text: text.to_owned() }
    }

    /// Whether rules were proposed and every one binds `author` alone.
    fn all_bind(found: &[(String, Vec<Author>, Vec<Channel>)], author: Author) -> bool {
        !found.is_empty() && found.iter().all(|(_, authors, _)| *authors == [author])
    }

    fn proposals_of(blocks: Vec<super::super::blocks::Block>) -> Vec<(String, Vec<Author>, Vec<Channel>)> {
        let outline = super::super::outline::number(blocks);
        propose(&outline, "pupils").into_iter().map(|p| (p.detect.kind().to_owned(), p.authors, p.channels)).collect()
    }

    #[test]
    fn pledges_under_a_lead_in_that_says_who_signs_them_are_theirs() {
        let found = proposals_of(vec![
            paragraph("All pupils sign up to the SMART rules at Oak Primary School."),
            item(
                "Safe – I will keep safe by being careful not to give out my home address to people I don't trust online.",
            ),
            paragraph(
                "This section of the website is for you, as parents, with the help you need to keep your children safe.",
            ),
        ]);
        assert!(all_bind(&found, Author::Pupil), "{found:?}");
        // "I agree to:" after a sentence of its own still leads the signer's pledges.
        let agreed = proposals_of(vec![
            paragraph("When I use ICT at school I have responsibilities and rules to follow. I agree to:"),
            item("Be respectful in how I talk to others and never write or take part in online bullying."),
        ]);
        assert!(all_bind(&agreed, Author::Pupil), "{agreed:?}");
        // "Adults" are the school's grown-ups: staff and parents, not pupils.
        let adults = proposals_of(vec![paragraph(
            "Adults should not air personal grievances about the school on social media.",
        )]);
        assert!(
            !adults.is_empty() && adults.iter().all(|(_, authors, _)| *authors == [Author::Staff, Author::Parent]),
            "{adults:?}"
        );
    }

    #[test]
    fn a_clause_that_lists_personal_information_proposes_a_rule_for_each_thing_listed() {
        use super::super::blocks::Block;
        let found = proposals_of(vec![
            Block::Title("E-safety rules for pupils".to_owned()),
            Block::Heading { level: 1, label: None, text: "Facebook".to_owned() },
            Block::Paragraph {
                label: None,
                text: "Do not put any personal information on your page. This includes phone numbers, addresses, birthdays and email addresses.".to_owned(),
            },
        ]);
        let kinds: Vec<&str> = found.iter().map(|(kind, _, _)| kind.as_str()).collect();
        for listed in ["phone", "email", "home-address", "date-of-birth"] {
            assert!(kinds.contains(&listed), "{listed} in {kinds:?}");
        }
        for not_listed in ["credentials", "handle", "full-name"] {
            assert!(!kinds.contains(&not_listed), "{not_listed} in {kinds:?}");
        }
        // Nicknames kept for one's personal information's sake are a name's rule only.
        let nicknames = proposals_of(vec![
            Block::Title("iPad contract".to_owned()),
            Block::Paragraph {
                label: None,
                text: "I will use nicknames and avatars online to keep my personal information safe.".to_owned(),
            },
        ]);
        let kinds: Vec<&str> = nicknames.iter().map(|(kind, _, _)| kind.as_str()).collect();
        assert_eq!(kinds, ["full-name"]);
        // One's own use of one's details gives none of them out.
        let devices = proposals_of(vec![
            Block::Title("Keeping safe online".to_owned()),
            Block::Paragraph {
                label: None,
                text: "Do not allow other people to use your devices when using your personal information.".to_owned(),
            },
        ]);
        assert!(devices.is_empty(), "{devices:?}");
    }

    #[test]
    fn pictures_kept_off_staffs_own_accounts_bind_staff_not_parents() {
        use super::super::blocks::Block;
        let found = proposals_of(vec![
            Block::Title("E-safety".to_owned()),
            paragraph(
                "No images or videos of students should ever be uploaded to staff personal websites or social network accounts.",
            ),
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0.as_str(), found[0].1.as_slice()), ("media", [Author::Staff].as_slice()));
    }

    #[test]
    fn a_pledge_after_its_condition_is_the_signers() {
        use super::super::blocks::Block;
        let found = proposals_of(vec![
            Block::Title("Code of conduct".to_owned()),
            item("I will not share my password with anyone but my teacher."),
            item("When I am online at home, I will not post anything offensive or rude."),
        ]);
        assert!(found.len() >= 2 && all_bind(&found, Author::Pupil), "{found:?}");
        assert!(is_pledge(&words("When on a video call, I will keep my camera on.")));
        assert!(!is_pledge(&words("When staff post, they will be professional.")));
        assert!(is_pledge(&words("The messages I send will be polite and will not include my address.")));
        assert!(!is_pledge(&words("Pupils will keep their passwords secret.")));
    }

    #[test]
    fn a_pledge_to_ask_a_grown_up_is_a_pupils_whoever_else_the_page_speaks_to() {
        let found = proposals_of(vec![
            paragraph("Our rules for using the internet in school are:"),
            item("I will always ask a grown-up before I use the internet."),
            item("I must never give anyone on the internet my address or phone number."),
            paragraph("The NSPCC explains how to talk to your children about staying safe."),
        ]);
        assert!(all_bind(&found, Author::Pupil), "{found:?}");
    }

    #[test]
    fn a_later_sentence_naming_no_one_goes_on_about_whom_the_clause_named() {
        use super::super::blocks::Block;
        let found = proposals_of(vec![
            Block::Title("Social Networking Policy for Parents".to_owned()),
            paragraph(
                "Staff may use these sites in their own time. However they should not express views which may be \
                 deemed derogatory towards the school.",
            ),
        ]);
        assert!(all_bind(&found, Author::Staff), "{found:?}");
    }

    #[test]
    fn how_to_deal_with_bullying_is_advice_to_the_bullied_not_a_rule() {
        use super::super::blocks::Block;
        let found = proposals_of(vec![
            Block::Heading { level: 1, label: None, text: "How to deal with cyberbullying".to_owned() },
            item("Don't reply to upsetting or hurtful messages, no matter how angry they make you feel."),
        ]);
        assert!(found.is_empty(), "{found:?}");
        let found = proposals_of(vec![
            Block::Heading { level: 1, label: None, text: "Cyberbullying".to_owned() },
            item("Pupils must not send upsetting or hurtful messages."),
        ]);
        assert!(!found.is_empty(), "the same words under another heading make a rule");
    }

    #[test]
    fn a_document_saying_whom_it_binds_is_for_them() {
        let outline = super::super::outline::number(vec![
            super::super::blocks::Block::Title("Code of Conduct".to_owned()),
            paragraph("This Code of Conduct must be adhered to by all pupils and asks for courtesy at all times."),
        ]);
        assert_eq!(document_audience(&outline), [Author::Pupil]);
    }

    #[test]
    fn pledges_under_what_the_school_did_are_their_signers() {
        use super::super::blocks::Block;
        let found = proposals_of(vec![
            Block::Title("Responsible use of the Internet".to_owned()),
            paragraph("The school has installed computers to help our learning. These rules keep everyone safe:"),
            item("I will ask a member of staff before using the Internet;"),
            item("I will keep my password secret;"),
        ]);
        assert!(all_bind(&found, Author::Pupil), "{found:?}");
        // Under headings, as a web page sets it: "the school" states no audience for them.
        let headed = proposals_of(vec![
            Block::Heading { level: 1, label: None, text: "Rules and Tips for Children".to_owned() },
            Block::Heading { level: 2, label: None, text: "Rules for Responsible Internet Use".to_owned() },
            paragraph("The school has installed computers to help our learning. These rules will keep everyone safe."),
            item("I will ask permission from a member of staff before using the Internet;"),
            item("I will use only my own login and password, which I will keep secret;"),
        ]);
        assert!(all_bind(&headed, Author::Pupil), "{headed:?}");
    }

    #[test]
    fn a_password_protected_platform_is_no_password_rule() {
        use super::super::blocks::Block;
        let kinds_of = |text: &str| {
            proposals_of(vec![Block::Title("Online safety".to_owned()), paragraph(text)])
                .into_iter()
                .map(|(kind, _, _)| kind)
                .collect::<Vec<_>>()
        };
        assert!(
            !kinds_of("Never post photos on Class Dojo, the password-protected platform, without consent.")
                .contains(&"credentials".to_owned())
        );
        assert!(kinds_of("Never share your password with anyone.").contains(&"credentials".to_owned()));
    }

    #[test]
    fn rules_under_a_key_stage_or_year_are_pupils_in_a_document_written_to_parents() {
        use super::super::blocks::Block;
        let rules_under = |heading: &str| {
            proposals_of(vec![
                Block::Title("Online safety agreement".to_owned()),
                Block::Heading { level: 1, label: None, text: heading.to_owned() },
                item("We never give out our passwords."),
                Block::Heading { level: 1, label: None, text: "Agreement".to_owned() },
                paragraph("Your child understands the rules."),
            ])
        };
        for heading in ["Key Stage 2", "KS1 Rules", "Year 6"] {
            let found = rules_under(heading);
            assert!(all_bind(&found, Author::Pupil), "{heading}: {found:?}");
        }
        // Without one, the document's "your child" makes it the parents'.
        let found = rules_under("Our Rules");
        assert!(all_bind(&found, Author::Parent), "{found:?}");
    }

    #[test]
    fn contact_is_with_whom_the_sentence_names_before_the_lead_in() {
        use super::super::blocks::Block;
        let found = proposals_of(vec![
            Block::Title("Social media policy".to_owned()),
            Block::Heading { level: 1, label: None, text: "Staff".to_owned() },
            Block::Paragraph {
                label: None,
                text: "Staff must act in the best interests of the children. Staff guidelines include:".to_owned(),
            },
            Block::Item { depth: 0, label: None, text: "Do not accept friend requests from parents.".to_owned() },
            Block::Item { depth: 0, label: None, text: "Do not accept friend requests from colleagues.".to_owned() },
        ]);
        let kinds: Vec<String> = found.iter().map(|(kind, _, _)| kind.clone()).collect();
        // With parents, from the first item; none with pupils from the lead-in's "children".
        assert_eq!(kinds.iter().filter(|k| *k == "contact-request").count(), 1, "{kinds:?}");
        let outline = super::super::outline::number(vec![
            Block::Title("Social media policy".to_owned()),
            Block::Paragraph { label: None, text: "Staff working with children must not:".to_owned() },
            Block::Item { depth: 0, label: None, text: "accept friend requests from colleagues".to_owned() },
        ]);
        assert!(propose(&outline, "pupils").is_empty(), "contact with colleagues is no rule about pupils");
        // Threatening messages to staff are bullying, not contact with them.
        let found = proposals_of(vec![
            Block::Title("Mobile phones".to_owned()),
            Block::Paragraph { label: None, text: "Students are:".to_owned() },
            Block::Item {
                depth: 0,
                label: None,
                text: "Not permitted to send harassing or threatening messages to any individual, including students and staff."
                    .to_owned(),
            },
        ]);
        let kinds: Vec<&str> = found.iter().map(|(kind, _, _)| kind.as_str()).collect();
        assert!(kinds.contains(&"bullying") && !kinds.contains(&"contact-request"), "{kinds:?}");
    }

    #[test]
    fn at_a_pre_school_the_children_do_not_post() {
        use super::super::blocks::Block;
        let outline = super::super::outline::number(vec![
            Block::Title("Social Networking Policy".to_owned()),
            Block::Paragraph {
                label: None,
                text: "It is our duty to protect children beyond the pre-school's environment.".to_owned(),
            },
            Block::Paragraph {
                label: None,
                text: "Staff, students and volunteers must not accept friend requests from parents.".to_owned(),
            },
        ]);
        let found = propose(&outline, "children");
        assert!(!found.is_empty() && found.iter().all(|p| !p.authors.contains(&Author::Pupil)), "{found:?}");
    }

    #[test]
    fn a_primary_school_with_a_nursery_is_no_early_years_setting() {
        use super::super::blocks::Block;
        let outline = |title: &str| {
            super::super::outline::number(vec![
                Block::Title(title.to_owned()),
                paragraph("Pupils must not share their phone numbers online."),
            ])
        };
        assert!(is_early_years(&outline("Woodfield Nursery School Social Networking Policy")));
        assert!(!is_early_years(&outline("Old Leake Primary & Nursery School Internet Agreement")));
    }

    #[test]
    fn a_list_makes_its_rules_once_from_its_items_not_its_lead_in() {
        use super::super::blocks::Block;
        let outline = super::super::outline::number(vec![
            Block::Title("Social media policy".to_owned()),
            Block::Paragraph { label: None, text: "To stay safe online I should:".to_owned() },
            Block::Item {
                depth: 0,
                label: None,
                text: "never give anyone personal information like my phone number".to_owned(),
            },
            Block::Item {
                depth: 0,
                label: None,
                text: "keep my personal information, my phone number, private".to_owned(),
            },
        ]);
        let found = propose(&outline, "pupils");
        assert_eq!(found.len(), 1, "one phone rule for the list: {found:?}");
        assert_eq!(found[0].clause, outline.nodes[1].id, "from the first item, not the lead-in");
    }

    #[test]
    fn what_the_school_will_do_binds_staff_on_its_accounts_not_pupils() {
        use super::super::blocks::Block;
        let found = proposals_of(vec![
            Block::Title("Social media policy".to_owned()),
            Block::Heading { level: 1, label: None, text: "Responsibilities – school".to_owned() },
            Block::Paragraph { label: None, text: "The school will:".to_owned() },
            Block::Item {
                depth: 0,
                label: None,
                text: "Not print personal information that could be used to identify a child shown in an image."
                    .to_owned(),
            },
        ]);
        assert!(!found.is_empty());
        assert!(
            found.iter().all(|(_, authors, channels)| authors == &[Author::Staff] && channels == &[Channel::School]),
            "{found:?}"
        );
    }

    #[test]
    fn looking_at_offensive_material_is_no_rule_about_the_language_of_posts() {
        assert!(is_about_viewing(&words("I will not go to sites or download any materials which are offensive")));
        assert!(is_about_viewing(&words(
            "Use of the computer system to access racist or offensive material is forbidden"
        )));
        assert!(is_about_viewing(&words("Pupils are expected not to deliberately seek out offensive materials")));
        assert!(!is_about_viewing(&words("Do not post or share offensive material")));
        assert!(!is_about_viewing(&words("Do not use offensive language")));
    }

    #[test]
    fn what_a_sentence_proposes_and_what_it_does_not() {
        use super::super::blocks::Block;
        let categories = |text: &str| -> Vec<Category> {
            let outline = super::super::outline::number(vec![
                Block::Title("Social media policy".to_owned()),
                Block::Paragraph { label: None, text: text.to_owned() },
            ]);
            propose(&outline, "pupils").into_iter().map(|p| p.category).collect()
        };
        // What a document of that one sentence, with no title, proposes.
        let proposals = |text: &str| -> Vec<Proposal> {
            propose(
                &super::super::outline::number(vec![Block::Paragraph { label: None, text: text.to_owned() }]),
                "pupils",
            )
        };
        let proposes = |text: &str, category: Category| categories(text).contains(&category);
        // Damage to the school or its people is criticism; damage to its network or property is not.
        assert!(proposes("Staff must not post anything damaging to the school.", Category::Disrepute));
        assert!(!proposes("Pupils must not damage the school network.", Category::Disrepute));
        assert!(!proposes("Pupils must not damage the school network.", Category::OffensiveLanguage));
        assert!(!proposes("Damaging school property will not be tolerated.", Category::Disrepute));
        assert!(proposes("Parents should never use the group to air grievances about staff.", Category::Disrepute));
        assert!(!proposes(
            "Pupils must be respectful of other people's work: be positive or offer constructive criticism.",
            Category::Disrepute
        ));
        assert!(!proposes("I will not try to find out any other passwords.", Category::Credentials));
        assert!(proposes("I will not share my password with anyone.", Category::Credentials));
        // Someone else's work is copyright; someone else's child, or a reminder of the law, is not.
        assert!(proposes("Do not post someone else's photos without permission.", Category::Copyright));
        assert!(!proposes("Parents must not approach someone else's child online.", Category::Copyright));
        assert!(!proposes(
            "Users should bear in mind that what they share online is still subject to copyright law.",
            Category::Copyright
        ));
        // What a channel to the school is for, and where files are saved, are no private
        // matters posted; sharing them is.
        let channel = "Messaging through Dojo should not be used for sensitive or behavioural issues.";
        assert!(!proposes(channel, Category::Confidential));
        assert!(!proposes(
            "Teachers must not save confidential documents on the classroom computer.",
            Category::Confidential
        ));
        assert!(proposes("Staff must not share confidential information on social media.", Category::Confidential));
        // A username given with a password is a login, not a handle; using anyone else/s is
        // neither.
        let login = categories("I will NOT give my username or password to anyone else.");
        assert!(login.contains(&Category::Credentials) && !login.contains(&Category::ContactDetails), "{login:?}");
        assert!(!proposes("I will NOT use anyone else/s username or password.", Category::Credentials));
        assert!(!proposes("Only use Usernames and Passwords given to me by an adult.", Category::Credentials));
        // Rules followed but not named propose none of them; a duty to stay safe online still does.
        assert!(categories("I will follow the SMART rules to help me stay safe online.").is_empty());
        // A network described, and what to do when a login is compromised, are no password rules.
        assert!(!proposes(
            "Photos will be downloaded onto our password protected network and PCs.",
            Category::Credentials
        ));
        assert!(!proposes(
            "If any staff member suspects that their login details have been compromised, they must notify the managers.",
            Category::Credentials
        ));
        assert!(proposes(
            "Students are responsible for ensuring they use social media appropriately and stay safe online.",
            Category::PupilIdentity
        ));
        assert!(proposes(
            "I will only use my own usernames and passwords to log on and keep them secret.",
            Category::Credentials
        ));
        // Damaging the school's reputation is criticism of it, whatever words are used: no
        // language rule.
        for text in [
            "Staff must not post anything that could damage our reputation.",
            "Staff must not post anything on the school's social media accounts that could damage our reputation.",
            "Parents must not post anything that could damage the reputation of the school.",
        ] {
            let reputation = categories(text);
            assert!(
                reputation.contains(&Category::Disrepute) && !reputation.contains(&Category::OffensiveLanguage),
                "{text}: {reputation:?}"
            );
        }
        // Not accepting parents' friend requests is a contact rule; it says nothing of giving
        // them a number or an account's name.
        let friending = categories("Staff must not accept friend requests from parents on social media.");
        assert!(
            friending.contains(&Category::ContactRequest) && !friending.contains(&Category::ContactDetails),
            "{friending:?}"
        );
        // Advice to whoever is bullied is no rule against bullying; an image of abuse is no
        // matter of parents' permission.
        assert!(!proposes(
            "Don't reply to bullying or threatening text messages or emails - this could make matters worse.",
            Category::Bullying
        ));
        assert!(proposes("Parents must not post threatening or bullying comments online.", Category::Bullying));
        assert!(!proposes(
            "Parents should never share a video or image depicting any kind of abuse involving children.",
            Category::MediaConsent
        ));
        // Whose login to log on with, and how a password is chosen, are no rules against
        // giving one away.
        assert!(!proposes(
            "Not use a computer that you are not logged onto – you need to use your own username and password.",
            Category::Credentials
        ));
        assert!(!proposes(
            "Always use your own personal passwords to access computer based services.",
            Category::Credentials
        ));
        assert!(!proposes(
            "Students should try to use passwords which are not obvious to others.",
            Category::Credentials
        ));
        assert!(!proposes("We will use a secure password system.", Category::Credentials));
        // Following the school's password rules, and logging on with one's own login, are how
        // to log on; telling good material from bad is no discrimination.
        for (sentence, category) in [
            ("I will comply with the password protocols set by the Network Manager.", Category::Credentials),
            ("Learners will log onto a school computer using their pupil login details.", Category::Credentials),
            ("Students will learn to discriminate between valid and inappropriate material.", Category::Discrimination),
        ] {
            assert!(!proposes(sentence, category), "{sentence}");
        }
        // Defamatory comments about staff are criticism, not private matters.
        let defamatory = "Parents must not post defamatory comments about staff online.";
        assert!(proposes(defamatory, Category::Disrepute));
        assert!(!proposes(defamatory, Category::Confidential));
        // Sharing a password is a rule; who looks after one, or logging on with one's own, is not.
        assert!(proposes("Never share your password with anyone online.", Category::Credentials));
        assert!(!proposes(
            "The headteacher will be responsible for password protection of the school account.",
            Category::Credentials
        ));
        assert!(!proposes("I will only log on with my own username and password.", Category::Credentials));
        // A pupils' agreement lists what it means: "my name, address"; a rule with the telling
        // joined on is still a rule.
        let pledge = "I will not share my name, address, or pictures.";
        assert!(proposes(pledge, Category::PupilIdentity) && proposes(pledge, Category::Location));
        assert!(!proposes(pledge, Category::Credentials));
        assert!(proposes("I will keep my passwords secret and tell my teacher if I need help.", Category::Credentials));
        assert!(categories("Tell your teacher if someone asks for your password.").is_empty());
        // A staff rule on contact that lists the ways it means proposes rules for those ways.
        let by_email = "Staff must not contact parents from their personal e-mail accounts.";
        let kinds =
            |text: &str| -> Vec<String> { proposals(text).into_iter().map(|p| p.detect.kind().to_owned()).collect() };
        assert!(!kinds(by_email).contains(&"phone".to_owned()) && !kinds(by_email).contains(&"handle".to_owned()));
        let every_way = kinds("Staff must never use personal email, phone or social media accounts to contact pupils.");
        assert!(every_way.contains(&"phone".to_owned()) && every_way.contains(&"handle".to_owned()));
        // What the school does when it hears of something is no rule.
        assert!(
            categories("Should any offensive material come to the College's attention, Ashbourne will act in accordance with its policies.")
                .is_empty()
        );
        // A pointer to the rules is not one of them.
        assert!(categories("Follow the rules to stay safe online!").is_empty());
        // Someone else's information is not one's own to keep safe; one's own and others' is.
        assert!(!proposes(
            "Do not post personal information about current or past members of staff.",
            Category::Location
        ));
        assert!(proposes(
            "Pupils must not reveal personal details of themselves or others, such as their home address.",
            Category::Location
        ));
        // Using someone else's login, e-mailing information and being sensitive to children's
        // needs are no rules about what a post gives away.
        assert!(!proposes("I must never use other people's usernames and passwords.", Category::Credentials));
        assert!(!proposes("Do not interfere with anyone else's passwords, settings or files.", Category::Credentials));
        assert!(!proposes(
            "E mailing of personal, sensitive or confidential information should be avoided.",
            Category::Confidential
        ));
        assert!(!proposes("Photography must be sensitive to the needs of all children.", Category::Confidential));
        assert!(proposes("Staff must not share confidential information about pupils online.", Category::Confidential));
        // Logging on with one's own user name gives out neither one's name nor a handle.
        let login = "I will only access the school network using my own user name and password and not reveal my password to anyone.";
        assert!(proposes(login, Category::Credentials));
        assert!(!proposes(login, Category::PupilIdentity) && !proposes(login, Category::ContactDetails));
        // What a platform does with pupils' information is no rule for the pupils under it.
        let platform = "All information on ClassDojo is private. Information is never sold and ClassDojo permanently deletes students' personal information when they stop using it.";
        let found = proposals_of(vec![
            Block::Title("ClassDojo policy".to_owned()),
            Block::Heading { level: 1, label: None, text: "Class Dojo Rules for Pupils".to_owned() },
            Block::Paragraph { label: None, text: platform.to_owned() },
        ]);
        assert!(found.is_empty(), "{found:?}");
        // Logging on as given is no password rule.
        let given = "I will only access the computer system with the login and password I have been given.";
        assert!(!proposes(given, Category::Credentials));
        // One's own details with others' are one's own; telling a teacher when asked is no rule.
        let own = "I will not give out my own or other people's personal information, including: name, phone number, home address, interests, schools or clubs.";
        assert!(proposes(own, Category::Location) && proposes(own, Category::ContactDetails));
        let other_kinds = "Never give your surname, home address, phone number or other similar contact information.";
        assert!(proposes(other_kinds, Category::Location) && proposes(other_kinds, Category::ContactDetails));
        let asked = "I will tell my teacher or parent/carer if anyone asks me online for personal information.";
        assert!(!proposes(asked, Category::Location) && !proposes(asked, Category::PupilIdentity));
        let two = "I will not tell anyone other than my parents my passwords. I will not use other people's usernames or passwords to pretend to be them online.";
        assert!(proposes(two, Category::Credentials) && !proposes(two, Category::ContactDetails));
        let others = "You must keep your password secure and not use anyone else's username or password.";
        assert!(proposes(others, Category::Credentials) && !proposes(others, Category::ContactDetails));
        // A password kept confidential is a credential, not a private matter.
        let password = "Passwords must be confidential at all times.";
        assert!(proposes(password, Category::Credentials) && !proposes(password, Category::Confidential));
        // Pictures from school kept off the internet, as a request; not a wish not to be online.
        let kept_off = "At our school parents may take photos of events but we request that these images are not distributed or put online.";
        assert!(proposes(kept_off, Category::MediaConsent));
        assert!(!proposes(
            "We must protect those who do not want their images stored or shared online.",
            Category::MediaConsent
        ));
        // Names with photos identify a child; they are not about consent to share the photos.
        assert!(
            proposals("Only use first names but never put names with photos of children.")
                .iter()
                .all(|p| p.detect_toml != r#"{ kind = "media", checks = ["others-children"] }"#)
        );
        // What the school does, said as its practice, binds staff on its accounts.
        let practice = proposals("Personal information that could identify a child is never shown with their image.");
        assert!(
            !practice.is_empty()
                && practice.iter().all(|p| p.authors == [Author::Staff] && p.channels == [Channel::School])
        );
        assert!(categories("At our school we recognise that technology does not cause cyberbullying.").is_empty());
        assert!(categories("Cyberbullying should be viewed and treated the same as real world bullying.").is_empty());
        // What bullying is and how seriously the school takes it are no rules.
        assert!(categories("The school has a zero-tolerance approach to cyberbullying.").is_empty());
        assert!(
            categories("Cyberbullying can be defined as the use of technology to deliberately upset someone.")
                .is_empty()
        );
        // What a sentence concedes is not what it rules.
        let concession =
            "Although staff will keep contact with families via Facebook, they must not comment on children.";
        assert!(!proposes(concession, Category::ContactRequest) && !proposes(concession, Category::ContactDetails));
        // An email address is not where someone lives.
        let email = "Never give out your email address online.";
        assert!(proposes(email, Category::ContactDetails) && !proposes(email, Category::Location));
        // Threatening to disrupt the school's events is not bullying a person.
        assert!(!proposes("Threatening to disrupt school events online will not be tolerated.", Category::Bullying));
        assert!(proposes("Threatening or bullying anyone online will not be tolerated.", Category::Bullying));
        // Using someone else's password misuses the network; keeping one's own private is a rule.
        assert!(!proposes("Use of someone else's logon or password is forbidden.", Category::Credentials));
        assert!(proposes("Protect your work by keeping your passwords private.", Category::Credentials));
        // Malicious code is not criticism; malicious comments are.
        assert!(!proposes("Never install malicious code on college computers.", Category::Disrepute));
        assert!(proposes("Parents must not post malicious comments about staff.", Category::Disrepute));
        // What the school does with others' comments, whom to tell, the manager's duty, a pointer
        // to another policy and what the policy outlines are not rules for posts.
        for not_a_rule in [
            "All comments will be monitored to ensure nothing offensive is written.",
            "Anything that we consider to be unacceptable will be removed.",
            "Tell your parent or a trusted adult if someone is being bullied online.",
            "The Manager has the overall responsibility to ensure that our page keeps children's details confidential.",
            "With this in mind I must refer to our Confidentiality Policy.",
            "This policy is written to outline how we use our pages and keep children's information confidential.",
        ] {
            assert_eq!(categories(not_a_rule), [], "{not_a_rule}");
        }
        assert!(proposes("Any bad language or abusive posts will be removed.", Category::OffensiveLanguage));
        // Friending parents of children, or children's parents, is contact with parents.
        let parents_only =
            |text: &str| proposals(text).iter().all(|p| !p.detect_toml.contains(r#"towards = "pupils""#));
        assert!(parents_only("Staff should not engage in personal online contact with children's parents/carers."));
        let friending = categories("Staff must not friend parents of children in the setting.");
        assert!(friending.contains(&Category::ContactRequest), "{friending:?}");
        assert!(
            parents_only("Staff must not friend parents of children in the setting."),
            "no rule about contact with children"
        );
        // Information about others is not a pupil's own to keep safe; a name is not a birthday.
        let others = categories("Do not discuss personal information about students or staff on social media.");
        assert!(!others.contains(&Category::ContactDetails) && !others.contains(&Category::Credentials), "{others:?}");
        assert!(!proposes(
            "I will not use personal emails to send and receive personal data.",
            Category::ContactDetails
        ));
        assert!(proposes("Staff must not give pupils their personal email address.", Category::ContactDetails));
        // An agreement's "I" is a pupil where nothing says otherwise.
        let pledge = proposals("I will not give out my home address or phone number online.");
        assert!(!pledge.is_empty() && pledge.iter().all(|p| p.authors == [Author::Pupil]), "{pledge:?}");
        assert!(!proposes(
            "I will only log on to the school network, other school systems and resources using my own user name and password.",
            Category::Credentials
        ));
        // Vulgar language is language, not criticism of the school.
        assert!(!proposes(
            "Pupils must not use vulgar, obscene or derogatory language on social media.",
            Category::Disrepute
        ));
        assert!(proposes("Parents must not post derogatory comments about staff.", Category::Disrepute));
        // Friends as people are not contact; friend requests are.
        assert!(!proposes(
            "We must protect all children and staff, including those who do not want images of families and friends shared online.",
            Category::ContactRequest
        ));
        assert!(proposes("Staff must not be friends with pupils on social media.", Category::ContactRequest));
        assert!(proposes("Staff must not accept friend requests from parents.", Category::ContactRequest));
        assert!(proposes("Staff should not accept invitations to be friends from parents.", Category::ContactRequest));
        assert!(proposes("Staff do not accept parents as 'friends'.", Category::ContactRequest));
        // A password is not what "personal information" means to a reader.
        let own = categories("I will not share my personal information with people I do not know.");
        assert!(own.contains(&Category::ContactDetails) && !own.contains(&Category::Credentials), "{own:?}");
        let rumours = categories("Do not spread rumours or give out other peoples' personal information.");
        assert!(
            !rumours.contains(&Category::ContactDetails) && !rumours.contains(&Category::Credentials),
            "{rumours:?}"
        );
        // Negative comments about pupils are not details that identify them; legal action and
        // how cyberbullying is handled are the school's, not rules for posts.
        let negative = categories("Parents must not post negative comments about specific pupils.");
        assert!(!negative.contains(&Category::PupilIdentity), "{negative:?}");
        assert_eq!(categories("Take legal action where the information posted is defamatory."), []);
        assert_eq!(categories("At school cyberbullying is dealt with pastorally."), []);
        assert!(proposes("Cyberbullying will be dealt with under the behaviour policy.", Category::Bullying));
        // The school speaking of itself binds its own accounts only.
        let school = proposals("We will not identify any of the children in photographs.");
        assert!(!school.is_empty() && school.iter().all(|p| p.channels == [Channel::School]), "{school:?}");
        // A promise in the passive is the school's, on its own accounts; not under a heading
        // about personal accounts, nor where it says by whom.
        let promised = proposals("No photos of the children will be posted without the prior consent of parents.");
        assert!(
            promised.iter().all(|p| p.authors == [Author::Staff] && p.channels == [Channel::School]),
            "{promised:?}"
        );
        assert!(is_passive_promise(&words("Pupils' full names will not be used on the school website.")));
        assert!(!is_passive_promise(&words("Photos of other children will not be shared by parents.")));
        assert!(is_passive_promise(&words("Photographs of children are never posted.")));
        let by_name = categories("We do not identify by name any of the children featured in photographs.");
        assert!(by_name.contains(&Category::PupilIdentity) && !by_name.contains(&Category::Location), "{by_name:?}");
    }

    #[test]
    fn a_message_is_no_firmer_than_its_rule() {
        let message = "Staff must not friend, follow or privately message parents.";
        assert_eq!(as_firm_as(message, Severity::Must), message);
        assert_eq!(
            as_firm_as(message, Severity::Should),
            "Staff should not friend, follow or privately message parents."
        );
        assert_eq!(
            as_firm_as(message, Severity::Advice),
            "Staff are advised not to friend, follow or privately message parents."
        );
    }

    #[test]
    fn subjects_after_under_no_circumstances() {
        assert_eq!(
            subject_groups(&words("Under no circumstance should any member of staff use their mobile phones")),
            Some(vec![Author::Staff])
        );
    }

    #[test]
    fn subjects() {
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
        assert_eq!(
            subject_groups(&words("If students use their phone on the site before or after school they are:")),
            Some(vec![Author::Pupil])
        );
        assert_eq!(subject_groups(&words("not to meet any online friends without a parent")), None);
        assert_eq!(subject_groups(&words("Do not post")), None);
        // "Staff understand that …": what staff know, said of staff.
        assert_eq!(
            subject_groups(&words(
                "Staff understand that photographs taken on trips and at events in school of vulnerable pupils are not uploaded"
            )),
            Some(vec![Author::Staff])
        );
        // A school by its name acts through its staff, as "the school" does.
        assert_eq!(
            subject_groups(&words("Chaloner Primary School will not display images of pupils")),
            Some(vec![Author::Staff])
        );
        assert_eq!(subject_groups(&words("We will not –")), Some(vec![Author::Staff]));
        assert_eq!(channel_hint(&words("We will not –")), Some(Some(vec![Channel::School])));
        assert_eq!(
            subject_groups(&words(
                "Whilst we all may have little niggles, we request that parents do not make negative comments"
            )),
            Some(vec![Author::Parent])
        );
        assert_eq!(subject_groups(&words("We ask all parents to be kind online")), Some(vec![Author::Parent]));
        assert_eq!(
            subject_groups(&words("The school will also expect that any parent or student removes such comments")),
            Some(vec![Author::Parent, Author::Pupil])
        );
        assert_eq!(subject_groups(&words("We will not tolerate bullying or harassment")), None);
        // The acts a school sanctions are those of the people it names; a coach is staff.
        for (sentence, group) in [
            ("The school will sanction pupils, in line with the behaviour policy, for", Author::Pupil),
            ("Coaches must not publish photos of the children", Author::Staff),
        ] {
            assert_eq!(subject_groups(&words(sentence)), Some(vec![group]), "{sentence}");
        }
        assert_eq!(
            subject_groups(&words("We will ask parents' permission before posting photos")),
            Some(vec![Author::Staff])
        );
        assert_eq!(
            subject_groups(&words("Students agree not to create, post or share anything")),
            Some(vec![Author::Pupil])
        );
        // "It is … that <who> …": the "that" clause's subject.
        assert_eq!(
            subject_groups(&words(
                "It is important when using social networking sites that staff always maintain confidentiality"
            )),
            Some(vec![Author::Staff])
        );
        assert_eq!(
            subject_groups(&words("Although it is recognised that members of staff will socialise online")),
            Some(vec![Author::Staff])
        );
        assert_eq!(subject_groups(&words("It is important that everything posted is kind")), None);
        // What the school makes of others' conduct does not make it the school's own rule.
        assert_eq!(subject_groups(&words("The school will consider any of the following to be unacceptable")), None);
        assert_eq!(channel_hint(&words("The school will consider any of the following to be unacceptable")), None);
        // A pledge about "my class teacher" is a pupil's, under a lead-in for parents.
        let remote = super::super::outline::number(vec![
            super::super::blocks::Block::Title("Remote learning code of conduct".to_owned()),
            super::super::blocks::Block::Paragraph {
                label: None,
                text: "Parents must read the following and confirm they agree to this code:".to_owned(),
            },
            super::super::blocks::Block::Item {
                depth: 0,
                label: None,
                text: "I will not give my Teams password to anyone other than my class teacher online.".to_owned(),
            },
        ]);
        let pledged = propose(&remote, "pupils");
        assert!(!pledged.is_empty() && pledged.iter().all(|p| p.authors == [Author::Pupil]), "{pledged:?}");
        // Whom "no member of staff" forbids, where the sentence's own subject names no one.
        assert_eq!(
            subject_groups(&words(
                "Use of social networking sites is not permitted in the setting and no member of staff is permitted to post photos"
            )),
            Some(vec![Author::Staff])
        );
        assert_eq!(
            employment_terms(&words("Instances where the school is brought into disrepute may constitute misconduct")),
            Some(vec![Author::Staff])
        );
        assert_eq!(employment_terms(&words("Do not post photos of other children")), None);
    }

    #[test]
    fn what_is_said_on_a_video_call_is_no_posts_language() {
        use super::super::blocks::Block;
        let categories_under = |heading: &str| -> Vec<Category> {
            let outline = super::super::outline::number(vec![
                Block::Title("Social media policy".to_owned()),
                Block::Heading { level: 1, label: None, text: heading.to_owned() },
                paragraph("Language must be professional and appropriate."),
            ]);
            propose(&outline, "pupils").into_iter().map(|p| p.category).collect()
        };
        assert!(!categories_under("Guidelines for video calls").contains(&Category::OffensiveLanguage));
        assert!(categories_under("Guidelines for posts").contains(&Category::OffensiveLanguage));
    }

    #[test]
    fn where_a_section_says_rules_apply() {
        assert_eq!(channel_hint(&words("School social media accounts")), Some(Some(vec![Channel::School])));
        assert_eq!(
            channel_hint(&words("Staff use of personal social media")),
            Some(Some(vec![Channel::Personal, Channel::Group, Channel::Direct]))
        );
        assert_eq!(channel_hint(&words("only applies to school accounts – not on personal accounts")), Some(None));
        assert_eq!(channel_hint(&words("Cyber bullying")), None);
        assert_eq!(channel_hint(&words("the official Twitter account")), Some(Some(vec![Channel::School])));
        assert_eq!(
            channel_hint(&words("We will not tolerate any form of bullying on our social media account")),
            Some(Some(vec![Channel::School]))
        );
        assert_eq!(channel_hint(&words("a record of sporting events and official functions")), None);
    }
}
