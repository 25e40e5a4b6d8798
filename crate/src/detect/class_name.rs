//! # A class or year group named
//!
//! **What it finds.** A class or form named as schools name them: "Hedgehogs class", "Class 4",
//! "Class Oak", "4B", "10S", "Year 6", "Y6", "Reception class", "Nursery class".
//!
//! **Why.** Some policies forbid staff posting anything on their own accounts that could
//! identify a class as well as a pupil or the school (cotton-end 4.2.h, chestnuts 5.11): a
//! class's name, with the teacher's own name on the account, points to the children in it.
//!
//! **How.** "class" or "form" beside a capitalised word or a number, a year group ("Year 4",
//! "Yr 4", "Y4"), or a form code of one or two digits and one or two capitals ("6H"), not the
//! codes that mean something else (4G, 3D, 4K, 9PM).

use super::{Detect, Draft};
use crate::model::Span;
use crate::text::tokens::Token;

pub(super) struct ClassName;

/// Digit-and-capital codes that are not forms: networks, dimensions, screens, times.
const NOT_FORMS: &[&str] = &["2d", "3d", "4d", "3g", "4g", "5g", "6g", "4k", "8k", "2k", "am", "pm", "hd", "x"];

fn is_small_number(token: &Token) -> bool {
    (1..=2).contains(&token.text.len()) && token.text.chars().all(|c| c.is_ascii_digit())
}

/// The end (exclusive) of a class or year group starting at token `at`, if one starts there.
pub(super) fn class_end(draft: &Draft<'_>, at: usize) -> Option<usize> {
    let tokens = &draft.tokens;
    let t = tokens.get(at)?;
    let next = tokens.get(at + 1).filter(|n| n.sentence == t.sentence);
    if matches!(t.text.as_str(), "year" | "yr" | "class" | "form")
        && next.is_some_and(|n| is_small_number(n) || n.capitalised)
    {
        return Some(at + 2);
    }
    let code = draft.raw(t);
    let digits = code.chars().take_while(char::is_ascii_digit).count();
    let letters = &code[digits..];
    if (1..=2).contains(&digits)
        && (1..=2).contains(&letters.len())
        && letters.chars().all(|c| c.is_ascii_uppercase())
        && !NOT_FORMS.iter().any(|n| letters.eq_ignore_ascii_case(n) || code.eq_ignore_ascii_case(n))
    {
        return Some(at + 1); // 6H, 10S
    }
    if (2..=3).contains(&t.text.len()) && t.text.starts_with('y') && t.text[1..].chars().all(|c| c.is_ascii_digit()) {
        return Some(at + 1); // Y4
    }
    if (t.capitalised || matches!(t.text.as_str(), "nursery" | "reception")) && next.is_some_and(|n| n.text == "class")
    {
        return Some(at + 2); // Kingfishers class, Nursery class
    }
    None
}

impl Detect for ClassName {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
        let mut i = 0;
        while i < draft.tokens.len() {
            match class_end(draft, i) {
                Some(end) => {
                    found.push(draft.span(i, end));
                    i = end;
                }
                None => i += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::detect::DetectorSpec;
    use crate::detect::NoSettings;
    use crate::detect::testing::*;
    use crate::model::{Author::*, Channel::*};

    fn spec() -> DetectorSpec {
        DetectorSpec::ClassName(NoSettings {})
    }

    #[test]
    fn finds_classes_and_year_groups() {
        assert_finds(
            &spec(),
            Staff,
            Personal,
            "Hedgehogs class were superstars on the trip today",
            &["Hedgehogs class"],
        );
        assert_finds(&spec(), Staff, Personal, "Class 4 were absolute superstars", &["Class 4"]);
        assert_finds(&spec(), Staff, Personal, "my 4B lot were so good in assembly", &["4B"]);
        assert_finds(&spec(), Staff, Personal, "Proud of Year 6 at their leavers' do", &["Year 6"]);
        assert_finds(&spec(), Staff, Personal, "Y3 did brilliantly", &["Y3"]);
        assert_finds(&spec(), Staff, Personal, "Nursery class made pancakes", &["Nursery class"]);
    }

    #[test]
    fn not_classes() {
        assert_clean(
            &spec(),
            Staff,
            Personal,
            &[
                "Finally got 5G at home",
                "Watched it in 3D and 4K",
                "Back at 9PM after the match",
                "What a year it has been",
                "A world-class performance from the orchestra",
                "Classes in pottery start next week",
            ],
        );
    }
}
