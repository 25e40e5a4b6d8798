//! Suggested rewrites: for a finding that a change of words fixes without changing what the
//! post means, the words to put in its place.
//!
//! The detectors say where; this module says what a safe rewrite is, by the detector that
//! found it:
//!
//! | detector | rewrite |
//! |---|---|
//! | `full-name` | the first name alone; or "one of our pupils" ("one of our Year 4 pupils" when a class was named) |
//! | `phone`, `email`, `handle`, `home-address` | taken out (with "on", "at" or "via" before it), with a pointer to the school's own contact route |
//! | `offensive` | the word taken out |
//! | `credentials`, `date-of-birth` | taken out |
//!
//! Everything else (bullying, criticism, politics, opinions, private matters, rumours) is about
//! what the post says: rewording it would change its meaning, so there is no rewrite, and the
//! page explains instead.
//!
//! A rewrite is offered only once the draft has been checked with it and [`clears`] says so:
//! its finding gone, and nothing found that was not found before ("one of our pupils" on a
//! teacher's own account says where they work, so it is not offered there).

use crate::model::Span;

/// One rewrite of a draft: the bytes `span` replaced by `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rewrite {
    /// What the writer is offered, as a button's words: "Use the first name only".
    pub label: &'static str,
    /// The bytes replaced: the finding's, or wider (the "on" before a phone number).
    pub span: Span,
    /// What takes their place; empty to take them out.
    pub text: String,
    /// What to do instead, where taking something out leaves a need ("point people to the
    /// school office").
    pub note: Option<&'static str>,
}

impl Rewrite {
    /// `draft` with this rewrite applied.
    pub fn apply(&self, draft: &str) -> String {
        let mut out = String::with_capacity(draft.len() + self.text.len());
        out.push_str(&draft[..self.span.start]);
        out.push_str(&self.text);
        out.push_str(&draft[self.span.end..]);
        out
    }
}

/// Where contact details were taken out: the route a school offers instead.
const CONTACT_ROUTE: &str = "If people need to get in touch, point them to the school's own contact route, such as the \
                             school office or website, never a personal number, address or account.";
const REREAD: &str = "Read the sentence again: it may need other words.";
const NEVER_SHARE: &str = "Never share a password or log-in, not even privately. If you have, change it.";

/// Words before a contact detail that go with it: "ring me on", "email me at", "via".
const CONNECTIVES: &[&str] = &["on", "at", "via", "is", ":", "-"];

/// The rewrites to try for what the detector `detector` (its `kind`, as `rules.json` names
/// it: [`crate::detect::DetectorSpec::kind`]) found at `span` of `text`, best first, before
/// they are checked. `pupils` is the school's word for its children.
pub fn candidates(detector: &str, text: &str, span: Span, pupils: &str) -> Vec<Rewrite> {
    let (label, with_connective, note) = match detector {
        "full-name" => return names(text, span, pupils),
        "phone" | "email" | "handle" | "home-address" => ("Take it out", true, Some(CONTACT_ROUTE)),
        "offensive" => ("Take the word out", false, Some(REREAD)),
        "credentials" => ("Take it out", false, Some(NEVER_SHARE)),
        "date-of-birth" => ("Take it out", true, None),
        _ => return Vec::new(),
    };
    vec![Rewrite { label, span: removal(text, span, with_connective), text: String::new(), note }]
}

/// Whether a rewrite is safe to offer, from what was found before and after it, each finding
/// as its rule and the words it flagged: the finding it was for (`target`) is found once less,
/// and nothing is found that was not found before (words flagged elsewhere keep their place in
/// the list, so their offsets do not matter).
pub fn clears(before: &[(&str, &str)], after: &[(&str, &str)], target: (&str, &str)) -> bool {
    let mut left: Vec<(&str, &str)> = before.to_vec();
    let Some(at) = left.iter().position(|f| *f == target) else { return false };
    left.swap_remove(at);
    after.iter().all(|found| left.iter().position(|f| f == found).map(|at| left.swap_remove(at)).is_some())
}

/// A child's name: the first name alone, and no name at all ("one of our pupils", with the
/// class when one was named: "one of our Year 4 pupils").
fn names(text: &str, span: Span, pupils: &str) -> Vec<Rewrite> {
    let Some(flagged) = text.get(span.start..span.end) else { return Vec::new() };
    let possessive = ["'s", "\u{2019}s"].into_iter().find(|s| flagged.ends_with(s));
    let first_end = flagged.find([' ', '-', '\u{2019}', '\'']).unwrap_or(flagged.len());
    let first = &flagged[..first_end];
    let mut rewrites = Vec::new();
    if !first.is_empty() && first_end < flagged.len() {
        let text = format!("{first}{}", possessive.unwrap_or(""));
        rewrites.push(Rewrite { label: "Use the first name only", span, text, note: None });
    }
    // "one of our pupils's team" is not English: no nameless rewrite for a possessive.
    if possessive.is_none() {
        let class = [" in ", " from "].into_iter().find_map(|w| flagged.split_once(w)).map(|(_, class)| class);
        let text = match class {
            Some(class) => format!("one of our {class} {pupils}"),
            None => format!("one of our {pupils}"),
        };
        rewrites.push(Rewrite { label: "Leave the name out", span, text, note: None });
    }
    rewrites
}

/// The bytes to take out with `span` so the sentence still reads: the space before it, and,
/// when `with_connective`, a word like "on" or "at" that introduced it ("ring me on 07700…");
/// a comma left before the end of a sentence goes too.
fn removal(text: &str, span: Span, with_connective: bool) -> Span {
    let before = &text[..span.start];
    let after = &text[span.end..];
    let mut start = before.trim_end().len();
    if with_connective {
        let words = &before[..start];
        let word_start = words.rfind(char::is_whitespace).map_or(0, |at| at + 1);
        let word = &words[word_start..];
        if CONNECTIVES.iter().any(|c| word.eq_ignore_ascii_case(c)) {
            start = words[..word_start].trim_end().len();
        }
    }
    // At the start of the text, or after a line break, the space after it goes instead.
    let mut end = span.end;
    if start == 0 || text[..start].ends_with('\n') {
        end += after.len() - after.trim_start_matches(' ').len();
    }
    // ", 07700 900874." → "." : a comma left dangling before the end of a sentence goes.
    let rest = &text[end..];
    if text[..start].ends_with(',') && (rest.is_empty() || rest.starts_with(['.', '!', '?', ',', '\n'])) {
        start -= 1;
    }
    Span::new(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The draft after each candidate for the first occurrence of `flagged`.
    #[track_caller]
    fn rewritten(kind: &str, text: &str, flagged: &str) -> Vec<String> {
        let start = text.find(flagged).expect("flagged words in the text");
        let span = Span::new(start, start + flagged.len());
        candidates(kind, text, span, "pupils").iter().map(|r| r.apply(text)).collect()
    }

    #[test]
    fn a_full_name_becomes_the_first_name_or_no_name() {
        assert_eq!(
            rewritten("full-name", "Well done Sienna Parkes!", "Sienna Parkes"),
            ["Well done Sienna!", "Well done one of our pupils!"]
        );
        assert_eq!(
            rewritten("full-name", "Keira Johnson-Blake swam well.", "Keira Johnson-Blake"),
            ["Keira swam well.", "one of our pupils swam well."]
        );
        assert_eq!(rewritten("full-name", "Sienna Parkes's team won.", "Sienna Parkes's"), ["Sienna's team won."]);
    }

    #[test]
    fn a_name_with_a_class_keeps_the_class_without_the_name() {
        assert_eq!(
            rewritten("full-name", "Well done Kian in Year 4 for swimming.", "Kian in Year 4"),
            ["Well done Kian for swimming.", "Well done one of our Year 4 pupils for swimming."]
        );
    }

    #[test]
    fn contact_details_come_out_with_the_word_that_introduced_them() {
        assert_eq!(
            rewritten("phone", "Text me on 07700 900874 if you need anything.", "07700 900874"),
            ["Text me if you need anything."]
        );
        assert_eq!(rewritten("email", "Email me at jo@gmail.com about it.", "jo@gmail.com"), ["Email me about it."]);
        assert_eq!(
            rewritten("handle", "follow me on insta @mrsjones_teach", "@mrsjones_teach"),
            ["follow me on insta"]
        );
        assert_eq!(rewritten("phone", "07700 900874 is my number", "07700 900874"), ["is my number"]);
        assert_eq!(rewritten("phone", "Call the office, 07700 900874.", "07700 900874"), ["Call the office."]);
        // "on" inside a word is not a connective.
        assert_eq!(rewritten("phone", "Ring Ron 07700 900874 now", "07700 900874"), ["Ring Ron now"]);
        let rewrite = &candidates("phone", "on 07700 900874", Span::new(3, 15), "pupils")[0];
        assert_eq!(rewrite.note, Some(CONTACT_ROUTE));
    }

    #[test]
    fn a_swear_word_comes_out_alone() {
        assert_eq!(rewritten("offensive", "What a sh1t start to the week.", "sh1t"), ["What a start to the week."]);
        assert_eq!(rewritten("offensive", "Crap day.", "Crap"), ["day."]);
    }

    #[test]
    fn a_rewrite_clears_when_its_finding_goes_and_nothing_new_comes() {
        let before = [("names", "Sienna Parkes"), ("phone", "07700 900874"), ("names", "Sienna Parkes")];
        let target = ("names", "Sienna Parkes");
        assert!(clears(&before, &[("phone", "07700 900874"), ("names", "Sienna Parkes")], target), "one of two gone");
        assert!(clears(&before, &[("names", "Sienna Parkes"), ("phone", "07700 900874")], target), "in any order");
        assert!(!clears(&before, &before, target), "still found as often");
        assert!(!clears(&before, &[("phone", "07700 900874"), ("job", "our pupils")], target), "something new");
        assert!(!clears(&before[1..2], &[], target), "not found before at all");
    }

    #[test]
    fn what_a_post_means_is_never_rewritten() {
        for kind in ["bullying", "criticism", "political", "personal-opinion", "sensitive", "chain-message", "reposted"]
        {
            assert_eq!(rewritten(kind, "you are such a loser", "such a loser"), Vec::<String>::new(), "{kind}");
        }
    }
}
