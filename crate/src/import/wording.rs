//! What a sentence says, in words: its lowercase words, the wording patterns of the
//! obligations table (see `obligations.rs` for their syntax), whether it forbids, requires or
//! threatens a sanction, and how firmly (`must` or `should`).

use super::obligations::Needs;
use crate::model::Severity;

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

thread_local! {
    /// Patterns as compiled: the obligations' patterns are matched against every sentence.
    static COMPILED: std::cell::RefCell<std::collections::HashMap<String, std::rc::Rc<Vec<Slot>>>> =
        std::cell::RefCell::default();
}

/// `pattern` compiled, once.
fn compiled(pattern: &str) -> std::rc::Rc<Vec<Slot>> {
    COMPILED.with(|cache| {
        if let Some(slots) = cache.borrow().get(pattern) {
            return std::rc::Rc::clone(slots);
        }
        let slots = std::rc::Rc::new(compile(pattern));
        cache.borrow_mut().insert(pattern.to_owned(), std::rc::Rc::clone(&slots));
        slots
    })
}

/// Whether `pattern` is found anywhere in `words`.
pub(crate) fn found(pattern: &str, words: &[String]) -> bool {
    let slots = compiled(pattern);
    (0..words.len()).any(|at| match_at(&slots, words, at))
}

pub(crate) fn any_found(patterns: &[&str], words: &[String]) -> bool {
    patterns.iter().any(|p| found(p, words))
}

// ── What a sentence says ──────────────────────────────────────────────────────────────────────

const PROHIBITIONS: &[&str] = &["not|never|no|nor|avoid|avoiding|refrain|prohibited|forbidden"];
const DUTIES: &[&str] = &[
    "must|will|shall|should|ensure|ensuring|required|expected|always|only|be|advised|encouraged|encourage|asked|instructed|adhere|adhering|need",
    "kept|stored|held securely|centrally",
    "keep|keeping ~ private|safe|secret|secure",
];
const SANCTIONS: &[&str] = &[
    "taken seriously",
    "disciplinary",
    // "will be dealt with": a sanction; "is dealt with pastorally" describes how.
    "be dealt with",
    "tolerated",
    "lead to",
    "result in",
    "prosecution|exclusion|dismissal|sanctions",
];
/// Wording in a sentence that makes it good practice, weaker than "should".
const ADVICE: &[&str] = &[
    "cautious|mindful|wary",
    "not encouraged|recommended",
    "discouraged",
    "it is best|better|wise|advisable",
    "it's best|better|wise|advisable",
];
/// Wording in a list's lead-in that makes the whole list advice ("We encourage pupils to …").
const SOFTENERS: &[&str] = &["advised|advise|encouraged|encourage|recommended|recommend|urged"];
const SHOULD: &[&str] =
    &["should|avoid|asked|expected|consider|careful|try", "be aware", "ask|asks|request|requests that"];
const MUST: &[&str] = &["must|never|not|no|instructed|will|shall|prohibited|cannot"];
/// The firm words of [`MUST`] that are more than a negation.
const FIRM_MODALS: &[&str] = &["must|instructed|will|shall|prohibited|cannot"];
/// In a lead-in, "will" is often a duty to the school ("Pupils will be responsible for:"),
/// not a prohibition: only firmer wording there makes the list `must`.
const LEAD_IN_MUST: &[&str] = &["must|never|not|no|instructed|shall|prohibited|cannot"];

pub(crate) fn needs_met(needs: Needs, words: &[String]) -> bool {
    match needs {
        Needs::Prohibition => any_found(PROHIBITIONS, words),
        Needs::Duty => {
            any_found(PROHIBITIONS, words)
                || any_found(DUTIES, words)
                || any_found(SANCTIONS, words)
                || any_found(RULE_LISTS, words)
        }
    }
}

/// The first word in `words` any of `patterns` matches, for the comment on a rule's severity.
fn cue(patterns: &[&str], words: &[String]) -> Option<String> {
    for pattern in patterns {
        let slots = compiled(pattern);
        for at in 0..words.len() {
            if match_at(&slots, words, at) {
                let length = pattern.split_whitespace().count();
                return Some(words[at..(at + length).min(words.len())].join(" "));
            }
        }
    }
    None
}

pub(crate) fn severity(sentence: &[String], lead_ins: &[LeadIn]) -> (Severity, String) {
    // A lead-in's firmness is in its last sentence, the one that leads the list ("Parents are
    // politely reminded to act in line with our values. The following principles must be
    // complied with:").
    // "Be cautious when accepting …", "… is not encouraged": good practice, not a rule.
    if let Some(cue) = cue(ADVICE, sentence) {
        return (Severity::Advice, format!("\"{cue}\""));
    }
    // "Be careful who you give your number to", "Take care …": a caution told straight to the
    // reader ("Staff should be careful …" stays "should").
    if let [first, second, ..] = sentence
        && matches!((first.as_str(), second.as_str()), ("be", "careful" | "cautious") | ("take", "care"))
    {
        return (Severity::Advice, format!("\"{first} {second}\""));
    }
    for lead_in in lead_ins {
        if let Some(cue) = cue(SOFTENERS, &lead_in.last_sentence) {
            return (Severity::Should, format!("the list's lead-in says \"{cue}\""));
        }
    }
    if let Some(cue) = cue(SOFTENERS, sentence).or_else(|| cue(SHOULD, sentence)) {
        return (Severity::Should, format!("\"{cue}\""));
    }
    // "I should:" over "never give anyone my personal information": a list item's "never" or
    // "not" says what is asked, its lead-in how firmly.
    if !any_found(FIRM_MODALS, sentence)
        && let Some(cue) = lead_ins.iter().find_map(|l| cue(SHOULD, &l.last_sentence))
    {
        return (Severity::Should, format!("the lead-in says \"{cue}\""));
    }
    if let Some(cue) = cue(MUST, sentence) {
        return (Severity::Must, format!("\"{cue}\""));
    }
    for lead_in in lead_ins {
        if let Some(cue) = cue(SHOULD, &lead_in.last_sentence) {
            return (Severity::Should, format!("the lead-in says \"{cue}\""));
        }
        if let Some(cue) = cue(LEAD_IN_MUST, &lead_in.last_sentence) {
            return (Severity::Must, format!("the lead-in says \"{cue}\""));
        }
    }
    match cue(SANCTIONS, sentence) {
        Some(cue) => (Severity::Must, format!("\"{cue}\"")),
        None => (Severity::Should, "no firm wording".to_owned()),
    }
}

/// Wording that states what a policy or list is for: its aims, not rules ("The purpose of this
/// policy is to:", "This policy aims to", "are designed to ensure").
const AIMS: &[&str] = &[
    "aim|aims to",
    "this|the policy|document|guidance|charter ~ outline|outlines|explain|explains|describe|describes|written",
    "aim|aims is|are|include|includes",
    "seeks|seek|intends|intend to",
    "designed|intended to",
    "sets|set out to",
    "purpose|purposes|objective|objectives of ~ policy|guidance|document",
    "purpose|purposes|objective|objectives is|are|include",
];

/// Wording that makes a list describe risks ("The main areas of risk … can be summarised as
/// follows:"): its items name dangers, not what anyone must do.
const RISK_LISTS: &[&str] =
    &["risk|risks|dangers|threats|hazards ~ include|includes|are|summarised|summarized|following|follows"];

/// Wording that points to rules elsewhere ("To help you stay safe online, you should always
/// follow the rules below"): the rules, not the sentence, say what to do.
const POINTS_TO_RULES: &[&str] = &[
    "rules|guidelines|expectations|code|points ~ below|following|follows",
    // "Follow the rules to stay safe online!": the rules say what to do.
    "follow the|these|our rules|guidelines to",
    // "With this in mind I must refer to our Confidentiality Policy": the other policy says it.
    "refer|referred to ~ policy|policies",
];

/// What pupils are taught ("Pupils must also learn that publishing personal information could
/// compromise their security"): the curriculum, not a rule for posts.
const TEACHING: &[&str] = &[
    "learn|learns that|about|how",
    "to understand what|how",
    "be taught|educated|shown",
    "taught|teach|teaches|educate ~ pupils|children|students|them",
];

/// What something is and how seriously the school takes it ("Cyberbullying can be defined as …",
/// "The school has a zero-tolerance approach to cyberbullying", "… with the same severity as
/// any other form of bullying", "we recognise that …"): a stance, not a rule.
const STANCES: &[&str] = &[
    "defined as",
    "zero-tolerance|zero tolerance",
    "same severity|seriousness as",
    "viewed|treated|regarded ~ same as|way",
    "we recognise|recognize|acknowledge|believe that",
];

/// What has been happening ("There has been a rise in unkind comments and online bullying",
/// "We have seen an increase in …"): a report, not a rule.
const REPORTS: &[&str] = &["has|have been|seen|noticed ~ rise|increase|growth|number"];

/// "may not" of what someone knows ("They may not appreciate how their behaviour may be seen"):
/// a description, not a prohibition.
const MAY_NOT_KNOW: &[&str] = &[
    "may|might not appreciate|realise|realize|understand|know|recognise|recognize|notice|see",
    "may|might not be aware|who|what",
];

/// What posts might turn out to be ("entries may be defamatory, obscene or just
/// inappropriate", "they may breach privacy conventions"): a risk described, not a rule, when
/// nothing in the sentence forbids or requires ([`describes_risk`]).
const RISKS: &[&str] =
    &["may|might|could be ~ defamatory|libellous|obscene|misinterpreted|misconstrued", "may|might|could breach"];

/// Whether a sentence only says what posts might turn out to be: not "Staff must not post
/// anything that may be defamatory".
fn describes_risk(sentence: &[String]) -> bool {
    any_found(RISKS, sentence) && !any_found(&["must|should|shall|not|never|cannot|mustn"], sentence)
}

/// Wording that makes a list of rules, even when it also says what they are for.
const RULE_LISTS: &[&str] = &["rules|guidelines|requirements|expectations|code|standards|principles"];

/// Wording that tells someone what to do or not to do, or what happens if they do.
const DIRECTIVES: &[&str] = &[
    "must|should|shall|ought|mustn|cannot",
    "will|wo|may|can|do|does|did not",
    "need|needs|have|has to",
    "is|are|am to",
    "not permitted|allowed|acceptable|appropriate",
    "prohibited|forbidden|banned|unacceptable|inappropriate",
    "expected|required|asked|advised|encouraged|reminded|instructed|obliged|requested|urged|recommended",
    // "we request that these images are not distributed".
    "request|requests|ask|asks|urge|urges|expect|expects that",
    "under no circumstances",
    "never|always|avoid|avoiding|refrain",
    "taken seriously",
    "disciplinary|sanction|sanctions|sanctioned",
    "tolerated",
    // "will be dealt with": a sanction; "is dealt with pastorally" describes how.
    "be dealt with",
    "result in|lead to",
    "i will|agree",
    "responsible for",
    "will|must|should be",
    "stored|kept|held securely|centrally",
    "only shared",
];

/// Verbs an instruction starts with ("Do not…", "Be kind", "Only post…", "Not accepting…").
const IMPERATIVES: &[&str] = &[
    "do", "never", "always", "be", "use", "remember", "keep", "think", "make", "avoid", "ensure", "tell", "check",
    "respect", "treat", "consider", "limit", "only", "protect", "try", "seek", "stop", "block", "follow", "not",
    "refrain", "create", "share", "post", "give", "set", "turn", "speak", "identify", "ask", "switch", "no",
];

/// What a sentence does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mood {
    /// It says what the policy (or the list it leads) is for: it asks nothing of anyone.
    Aim,
    /// It says how things are.
    Statement,
    /// It tells someone what to do or not to do, or what happens if they do.
    Directive,
}

/// Verbs of purpose after "To" ("To ensure that …", "To stamp out …"): a list of what a policy is
/// for, when no modal in the same sentence tells anyone what to do.
const PURPOSES: &[&str] = &[
    "ensure",
    "stamp",
    "promote",
    "protect",
    "provide",
    "support",
    "safeguard",
    "help",
    "encourage",
    "raise",
    "enable",
    "prevent",
    "maintain",
    "minimise",
    "minimize",
    "reduce",
    "develop",
    "outline",
    "clarify",
    "establish",
];

fn is_aim(words: &[String]) -> bool {
    let opens_with_aim = matches!(words.first().map(String::as_str), Some("the" | "our" | "its"))
        && words.get(1).is_some_and(|w| {
            ["aim", "aims", "purpose", "purposes", "objective", "objectives", "intention"].contains(&w.as_str())
        });
    let purpose = words.first().is_some_and(|w| w == "to")
        && words.get(1).is_some_and(|w| PURPOSES.contains(&w.as_str()))
        && !any_found(&["must|should|shall|will|may"], words);
    if purpose {
        return true;
    }
    (opens_with_aim || any_found(AIMS, words)) && !any_found(RULE_LISTS, words)
}

/// A list's lead-in: all its words, and those of its last sentence, which says what the list is
/// ("… seeks to extend those principles to the digital world. It aims to:").
pub(crate) struct LeadIn {
    pub(crate) words: Vec<String>,
    pub(crate) last_sentence: Vec<String>,
}

impl LeadIn {
    pub(crate) fn new(text: &str) -> Self {
        Self { words: words(text), last_sentence: words(sentences(text).last().copied().unwrap_or_default()) }
    }

    /// Whether it leads a list of aims ("The purpose of this policy is to:").
    pub(crate) fn states_aims(&self) -> bool {
        is_aim(&self.words) || is_aim(&self.last_sentence)
    }
}

/// What `sentence` does, given the lead-ins of its list (nearest first): a list led by an aim
/// ("The purpose of this policy is to:") states aims, one led by a rule ("Staff must not:",
/// "requirements include:") gives rules.
pub(crate) fn mood(sentence: &[String], lead_ins: &[LeadIn], subject_named: bool) -> Mood {
    if is_aim(sentence) || lead_ins.iter().any(LeadIn::states_aims) {
        return Mood::Aim;
    }
    if [POINTS_TO_RULES, TEACHING, MAY_NOT_KNOW, REPORTS, STANCES].iter().any(|patterns| any_found(patterns, sentence))
        || describes_risk(sentence)
    {
        return Mood::Statement;
    }
    if lead_ins.iter().any(|l| any_found(RISK_LISTS, &l.last_sentence)) {
        return Mood::Statement;
    }
    let lead_ins: Vec<&Vec<String>> = lead_ins.iter().map(|l| &l.words).collect();
    let imperative = sentence.first().is_some_and(|w| IMPERATIVES.contains(&w.as_str()));
    let someone_will = subject_named && sentence.iter().any(|w| w == "will");
    let directive_lead_in = lead_ins.iter().any(|l| any_found(DIRECTIVES, l) || any_found(RULE_LISTS, l));
    if imperative || someone_will || any_found(DIRECTIVES, sentence) || directive_lead_in {
        Mood::Directive
    } else {
        Mood::Statement
    }
}

/// Whether a sentence is about handling an incident rather than what may be posted: what
/// happens "if" something occurs, reporting and informing, perpetrators and victims, the police,
/// or what the school does when something has been posted ("Where a parent posts …, the
/// Headteacher will contact them").
pub(crate) fn is_procedure(words: &[String]) -> bool {
    words.first().is_some_and(|w| w == "if")
        || any_found(
            &[
                "perpetrator*|victim*|police|report|reported|reporting|reports|investigat*|inform|notify",
                // How the school handles what is raised with it: "deal with concerns raised by
                // parents in a professional and appropriate manner".
                "deal|deals|dealing ~ concerns|complaints",
                // How the school watches what others post: "All comments will be monitored".
                // Not "Any bad language or abusive posts will be removed", which names what is
                // not allowed.
                "will|may be monitored|moderated|checked|reviewed",
                // Who answers for the school's page: "The Manager has the overall
                // responsibility to ensure that our social media page …".
                "overall responsibility",
                // The school's recourse: "Take legal advice and/or legal action where …".
                "legal advice|action",
                // What the school does when it hears of something: "Should any material come to
                // the College's attention that is …, Ashbourne will act …".
                "come|comes|came|brought to ~ attention",
            ],
            words,
        )
        || tells_someone_when(words)
        || is_school_response(words)
}

/// "Tell your parent, carer or trusted adult if someone … makes you uncomfortable": whom to tell
/// when something happens, not a rule for posts. Not "Never tell anyone your password", nor a
/// rule with the telling joined on ("I will keep my passwords secret and tell my teacher if I
/// need help").
fn tells_someone_when(words: &[String]) -> bool {
    let joined_on =
        words.iter().position(|w| w == "tell" || w == "talk").is_some_and(|at| words[..at].iter().any(|w| w == "and"));
    !joined_on
        && any_found(&["tell|talk ~ adult|adults|teacher|teachers|parent|parents|carer|carers|someone|staff"], words)
        && any_found(&["if|when|whenever"], words)
}

/// Who answers for the school when something has happened.
const RESPONDERS: [&str; 12] = [
    "headteacher",
    "head",
    "teacher",
    "principal",
    "school",
    "college",
    "academy",
    "nursery",
    "governors",
    "body",
    "we",
    "dsl",
];

/// "Where|When|Should …, the Headteacher|the school|we will|may …": a condition, then what the
/// school does about it. Not "we will not …", which is a rule for the school's own posts.
fn is_school_response(words: &[String]) -> bool {
    if !words.first().is_some_and(|w| matches!(w.as_str(), "where" | "when" | "whenever" | "should")) {
        return false;
    }
    words.windows(3).skip(2).any(|w| {
        RESPONDERS.contains(&w[0].as_str())
            && matches!(w[1].as_str(), "will" | "may")
            && !matches!(w[2].as_str(), "not" | "never" | "only" | "always" | "ensure" | "be")
    })
}

/// Abbreviations that end in a full stop but not a sentence: "e.g.", "St. Elizabeth's",
/// "Mrs. Jones".
const ABBREVIATIONS: [&str; 7] = ["e.g.", "i.e.", "St.", "Mr.", "Mrs.", "Ms.", "Dr."];

/// Whether a sentence so far ends with an abbreviation, not a sentence's full stop.
fn ends_with_abbreviation(sentence: &str) -> bool {
    ABBREVIATIONS.iter().any(|abbreviation| {
        sentence.strip_suffix(abbreviation).is_some_and(|before| before.is_empty() || before.ends_with([' ', '(']))
    })
}

/// Splits a clause into sentences.
pub(crate) fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, _) in text.match_indices(['.', '?', '!']) {
        let next = text[at + 1..].chars().next();
        if next.is_none_or(char::is_whitespace) {
            let sentence = text[start..=at].trim();
            if !ends_with_abbreviation(sentence) && !sentence.is_empty() {
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
    fn severity_from_wording() {
        let w = |t: &str| words(t);
        assert_eq!(severity(&w("Staff will not friend pupils"), &[]).0, Severity::Must);
        assert_eq!(severity(&w("Staff will be strongly advised to not friend parents"), &[]).0, Severity::Should);
        assert_eq!(
            severity(&w("Do not give out personal information"), &[LeadIn::new("We encourage pupils to:")]).0,
            Severity::Should
        );
        assert_eq!(severity(&w("Pupils are instructed not to sign up"), &[]).0, Severity::Must);
        assert_eq!(
            severity(&w("Be cautious and mindful when accepting friend requests"), &[LeadIn::new("Staff must:")]).0,
            Severity::Advice
        );
        assert_eq!(severity(&w("Adding parents as friends is not encouraged"), &[]).0, Severity::Advice);
        assert_eq!(severity(&w("Be careful who you give your mobile number to"), &[]).0, Severity::Advice);
        assert_eq!(severity(&w("Staff should be careful about what they share"), &[]).0, Severity::Should);
        // An item's "never" asks; its lead-in says how firmly.
        let should = [LeadIn::new("To stay safe online I should:")];
        assert_eq!(severity(&w("never give anyone my personal information"), &should).0, Severity::Should);
        assert_eq!(severity(&w("I must never give anyone my password"), &should).0, Severity::Must);
        // The lead-in's last sentence leads the list.
        let reminded = [LeadIn::new(
            "Parents are politely reminded to act in line with our values. The following principles must be complied with:",
        )];
        assert_eq!(severity(&w("It is not acceptable to use offensive language"), &reminded).0, Severity::Must);
    }

    #[test]
    fn aims_statements_and_directives() {
        let w = |t: &str| words(t);
        let mood_of = |sentence: &str, lead_in: &str| {
            let lead_ins = if lead_in.is_empty() { vec![] } else { vec![LeadIn::new(lead_in)] };
            let sentence = w(sentence);
            mood(&sentence, &lead_ins, false)
        };
        assert_eq!(
            mood_of(
                "Ensure the reputation of the school is not adversely affected",
                "The purpose of this policy is to:"
            ),
            Mood::Aim
        );
        assert_eq!(mood_of("This policy aims to help staff protect their professional reputation.", ""), Mood::Aim);
        assert_eq!(mood_of("Staff must not accept friend requests from pupils.", ""), Mood::Directive);
        assert_eq!(mood_of("Do not post photos of pupils.", ""), Mood::Directive);
        // A list of what the policy is for, each item "To …".
        let lead_in = "This policy sets out the standards that must be maintained by pupils and staff.";
        assert_eq!(mood_of("To ensure that things published do not damage the school.", lead_in), Mood::Aim);
        assert_eq!(mood_of("To stamp out any cyber bullying of pupils or staff.", lead_in), Mood::Aim);
        assert_eq!(mood_of("To protect pupils, staff must not accept friend requests.", ""), Mood::Directive);
        // What pupils are taught, and what they may not know, ask nothing of anyone.
        assert_eq!(
            mood_of("Pupils must also learn that publishing personal information is risky.", ""),
            Mood::Statement
        );
        assert_eq!(
            mood_of("They may not appreciate how their own online behaviour may be seen as bullying.", ""),
            Mood::Statement
        );
        assert_eq!(
            mood_of("People do tell lies online, and they may not be who you think they are.", ""),
            Mood::Statement
        );
        assert_eq!(mood_of("Pupils may not use their phones in lessons.", ""), Mood::Directive);
        assert_eq!(
            mood_of("Recently there has been a rise in unkind comments and online bullying between parents.", ""),
            Mood::Statement
        );
        assert_eq!(
            mood_of("Not accepting friend requests from current pupils", "For staff, requirements typically include:"),
            Mood::Directive
        );
        assert_eq!(
            mood_of("Social networking sites can be used as a means of expressing offensive views.", ""),
            Mood::Statement
        );
        assert_eq!(
            mood_of(
                "ignoring age ratings in games (exposure to violence associated with often racist language)",
                "The main areas of risk for our school community can be summarised as follows:"
            ),
            Mood::Statement
        );
        assert_eq!(
            mood_of(
                "Outline the steps the Trust will take if it considers content offensive",
                "This guidance forms part of the code of conduct and extends those principles. It aims to:"
            ),
            Mood::Aim
        );
        assert_eq!(
            mood_of(
                "Using strong passwords.",
                "Staff are advised to safeguard their privacy. This may include, but is not limited to:"
            ),
            Mood::Directive
        );
        assert_eq!(
            mood_of("To help you stay safe online, you should always follow the rules below.", ""),
            Mood::Statement
        );
        assert_eq!(
            mood_of(
                "On the other hand, entries may breach privacy; they may be defamatory, obscene or just inappropriate.",
                ""
            ),
            Mood::Statement
        );
        assert_eq!(
            mood_of("Staff must not post anything that may be defamatory or inappropriate.", ""),
            Mood::Directive
        );
        // A list of rules is rules, whatever they are for.
        assert_eq!(
            mood_of("Not posting photos of other children", "These rules are designed to keep children safe:"),
            Mood::Directive
        );
    }

    #[test]
    fn sentences_and_procedures() {
        assert_eq!(sentences("One, e.g. this. Two! Three; four"), ["One, e.g. this.", "Two!", "Three; four"]);
        assert_eq!(
            sentences("St. Elizabeth's School Policy. Ask Mrs. Jones (e.g. by email). First."),
            ["St. Elizabeth's School Policy.", "Ask Mrs. Jones (e.g. by email).", "First."]
        );
        assert!(is_procedure(&words("If pupils attempt to friend staff, they will report this")));
        assert!(!is_procedure(&words("Staff will not friend pupils")));
        assert!(is_procedure(&words(
            "The school will always try to deal with concerns raised by parents in a professional manner"
        )));
        assert!(is_procedure(&words(
            "Where a parent or carer makes any postings that could be deemed defamatory of the school, the Headteacher will contact those responsible"
        )));
        assert!(is_procedure(&words(
            "Should a parent post criticism of staff online, we will invite them to a meeting"
        )));
        assert!(!is_procedure(&words("Where possible, staff should not accept friend requests from parents")));
        assert!(!is_procedure(&words("When posting on the school website, staff will not name pupils")));
        assert!(!is_procedure(&words("When we share photos, we will not name children")));
    }
}
