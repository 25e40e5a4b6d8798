//! The school's name as the policy writes it: capitalised words before "School", "Academy",
//! "Trust", "College" or "Federation" ("Chestnuts Primary School", "The Robert Carre Trust"),
//! and the shorter names people use for it.

/// Words that end a school's name.
const INSTITUTIONS: [&str; 5] = ["School", "Academy", "Trust", "College", "Federation"];

/// Words a name may have that do not name this school ("Primary School" names any).
const GENERIC: [&str; 28] = [
    "The",
    "Primary",
    "Secondary",
    "Infant",
    "Infants",
    "Junior",
    "Juniors",
    "High",
    "Grammar",
    "Church",
    "of",
    "England",
    "CE",
    "C",
    "E",
    "Catholic",
    "Community",
    "Free",
    "Academy",
    "School",
    "Trust",
    "College",
    "Whole",
    "Our",
    "This",
    "Nursery",
    "Special",
    "Upper",
];

/// Capitalised words that start a sentence or phrase rather than a name.
const NOT_NAMES: [&str; 26] = [
    "At", "In", "On", "For", "To", "By", "With", "From", "Within", "Of", "As", "If", "When", "Where", "All", "Any",
    "Members", "Pupils", "Staff", "Parents", "Students", "Children", "Teachers", "That", "These", "Dear",
];

/// Lowercase words a name may have inside it ("Kesteven and Sleaford High School").
const CONNECTORS: [&str; 4] = ["and", "of", "in", "the"];

/// A word without the punctuation around it or a possessive.
fn core(word: &str) -> &str {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
    word.strip_suffix("’s").or_else(|| word.strip_suffix("'s")).unwrap_or(word)
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Every school name in `text`, as written.
pub(crate) fn school_names_in(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut found = Vec::new();
    for (at, word) in words.iter().enumerate() {
        if !INSTITUTIONS.contains(&core(word)) {
            continue;
        }
        let mut start = at;
        while start > 0 && at - start < 7 {
            let before = words[start - 1];
            // A word ending in punctuation ends the phrase before the name.
            if before.ends_with([',', '.', ';', ':', '(', ')', '@']) || before == "@" {
                break;
            }
            let bare = core(before);
            if bare == "The" {
                start -= 1;
                break;
            }
            if NOT_NAMES.contains(&bare) || !(capitalised(bare) || CONNECTORS.contains(&bare)) {
                break;
            }
            start -= 1;
        }
        // A name does not start with a connector ("of Chestnuts School"), nor has one straight
        // before its last word ("Using Technology in School" is a heading).
        while start < at && CONNECTORS.contains(&core(words[start])) {
            start += 1;
        }
        if at > start && CONNECTORS.contains(&core(words[at - 1])) {
            continue;
        }
        let name_words: Vec<&str> = words[start..=at].iter().map(|w| core(w)).collect();
        if name_words.iter().any(|w| !GENERIC.contains(w) && !CONNECTORS.contains(w)) {
            found.push(name_words.join(" "));
        }
    }
    found
}

/// Whether `line` is a school's name and nothing more ("Chestnuts Primary School").
pub(crate) fn names_a_school(line: &str) -> bool {
    let words = line.split_whitespace().count();
    school_names_in(line).iter().any(|name| name.split_whitespace().count() == words)
}

/// The names people would use for the school: without "The", without "Primary School".
pub(crate) fn short_names(name: &str, found: &[String]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let without_the = name.strip_prefix("The ").unwrap_or(name);
    let mut add = |candidate: &str| {
        let candidate = candidate.trim();
        if !candidate.is_empty() && candidate != name && !names.iter().any(|n| n == candidate) {
            names.push(candidate.to_owned());
        }
    };
    add(without_the);
    let words: Vec<&str> = without_the.split_whitespace().collect();
    let mut distinctive = words.len();
    while distinctive > 0 && GENERIC.contains(&words[distinctive - 1]) {
        distinctive -= 1;
    }
    if distinctive > 0 && distinctive < words.len() {
        // "Chestnuts Primary" and "Chestnuts" for "Chestnuts Primary School".
        if distinctive + 1 < words.len() {
            add(&words[..=distinctive].join(" "));
        }
        add(&words[..distinctive].join(" "));
    }
    let key = words.first().copied().unwrap_or_default();
    for other in found {
        let other = other.strip_prefix("The ").unwrap_or(other);
        if other.split_whitespace().next() == Some(key) {
            add(other);
        }
    }
    names
}

/// The school's name: the one the document's opening names, else the one it names most.
pub(crate) fn choose(opening: &[String], all_text: &str) -> Option<(String, bool)> {
    if let Some(name) = opening.iter().flat_map(|line| school_names_in(line)).next() {
        return Some((name, true));
    }
    let mut counts: Vec<(String, usize)> = Vec::new();
    for name in school_names_in(all_text) {
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += 1,
            None => counts.push((name, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.len().cmp(&a.0.len())));
    counts.into_iter().next().map(|(name, _)| (name, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_text() {
        assert_eq!(school_names_in("At Chestnuts Primary School, we recognise"), ["Chestnuts Primary School"]);
        assert_eq!(school_names_in("members of The Craylands School community"), ["The Craylands School"]);
        assert_eq!(school_names_in("at the Robert Carre Trust. Any"), ["Robert Carre Trust"]);
        assert_eq!(school_names_in("Kesteven and Sleaford High School"), ["Kesteven and Sleaford High School"]);
        assert!(school_names_in("School social media accounts and the School’s policies").is_empty());
        assert!(school_names_in("'Miss Stuart History @ Secondary School'").is_empty());
        assert_eq!(school_names_in("Coton-in-the-Elms School official"), ["Coton-in-the-Elms School"]);
        assert!(names_a_school("Chestnuts Primary School") && !names_a_school("Social Media Policy"));
        assert!(!names_a_school("Using Technology in School"));
    }

    #[test]
    fn shorter_names() {
        assert_eq!(short_names("Chestnuts Primary School", &[]), ["Chestnuts Primary", "Chestnuts"]);
        assert_eq!(short_names("The Craylands School", &[]), ["Craylands School", "Craylands"]);
        assert_eq!(
            short_names("Coton-in-the-Elms Primary School", &["Coton-in-the-Elms School".to_owned()]),
            ["Coton-in-the-Elms Primary", "Coton-in-the-Elms", "Coton-in-the-Elms School"]
        );
        let text = "Cotton End Forest School understands. The consent will be valid at Cotton End Forest School";
        assert_eq!(choose(&[], text), Some(("Cotton End Forest School".to_owned(), false)));
    }
}
