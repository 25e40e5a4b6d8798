//! # Passwords, PINs and logins
//!
//! **What it finds.** Account details given out: "the school Twitter login is ChestnutsN17 /
//! Conker#99", "here's my minecraft login: sunnyfox11 / sunflower11", "my dad's banking app
//! code is 2 9 0 8", "my password is pizza123", "PIN: 4471".
//!
//! **Why.** School account passwords "must never be shared"; pupils are taught to use safe
//! passwords and keep them to themselves.
//!
//! **How.** A credential word (`password`, `PIN`, `login`, a qualified `code` such as "app
//! code" or "door code") followed by `is`, `:` or `=` and a value, or "here's my login". Further
//! from its value ("the pin for my mum's phone is 4719") or with nothing between ("pw
//! Lincoln1552#"), the value must look like a password: digits or symbols, four characters or
//! more. Talk about passwords is not a password: "never share your password", "what's the wifi
//! password?", "the dress code is smart", "the password for the portal is in your email".

use super::{Detect, Draft, Vocabulary, cue_set};
use crate::model::{Category, Span};
use crate::text::pattern::{CueEngine, PatternSet};

pub(super) struct Credentials {
    cues: PatternSet,
    distant_cues: PatternSet,
}

const CUES: &[&str] = &[
    "password|passcode|passwd|pword|pw|pin|login|logon|credentials|passphrase is|are|was",
    "password|passcode|passwd|pword|pw|pin|login|logon|credentials|passphrase",
    "pin number is",
    "log in|on details? is|are",
    "login|account details are|is",
    "app|banking|bank|login|access|door|lock|phone|pass|security|verification|2fa|wifi|card|alarm|safe code|codes|number is|are",
    "heres|here+is|this+is my|the|our ~3 login|password|details|pin",
];

/// A credential word some words before `is` and its value: "the pin for my mum's phone is 4719",
/// "the password for the school Insta is still Elms2024!".
const DISTANT_CUES: &[&str] =
    &["password|passcode|passwd|pword|pw|pin|login|logon|passphrase for|to|of|on ~4 is|are|was"];

/// Credential words that give a password-like token written right after them: "pw Lincoln1552#".
const SECRET_WORDS: &[&str] = &["password", "passcode", "passwd", "pword", "pw", "pin", "passphrase"];

/// Values that say something about a password rather than being one.
const NOT_A_VALUE: &[&str] = &[
    "the",
    "a",
    "an",
    "my",
    "your",
    "secret",
    "private",
    "safe",
    "strong",
    "weak",
    "easy",
    "hard",
    "too",
    "same",
    "changed",
    "wrong",
    "incorrect",
    "not",
    "being",
    "needed",
    "required",
    "what",
    "expired",
    "reset",
    "on",
    "in",
    "at",
    "for",
    "to",
    "and",
    "or",
    "please",
    "needs",
    "must",
    "should",
    "will",
    "has",
    "have",
    "was",
    "is",
];

impl Credentials {
    pub(super) fn new(vocabulary: &Vocabulary, engine: &mut CueEngine) -> Credentials {
        Credentials { cues: cue_set(CUES, vocabulary, engine), distant_cues: cue_set(DISTANT_CUES, vocabulary, engine) }
    }
}

/// Whether a token looks like part of a password or PIN rather than a word of a sentence.
fn value_like(token: &crate::text::tokens::Token) -> bool {
    token.has_digit || token.has_symbol
}

/// Whether a token, away from `is` or `:`, is itself a password or PIN: "Elms2024!", "4719", not
/// "10" or "Y6".
fn secret_like(token: &crate::text::tokens::Token) -> bool {
    value_like(token) && token.text.chars().count() >= 4
}

impl Detect for Credentials {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
        let tokens = &draft.tokens;
        let folded = &draft.folded.text;
        let gap = |a: usize, b: usize| &folded[tokens[a].folded.1 as usize..tokens[b].folded.0 as usize];
        // The value runs on while tokens look like it: "ChestnutsN17 / Conker#99", "2 9 0 8".
        let value_end = |value: usize| {
            let sentence = tokens[value].sentence;
            let mut end = value + 1;
            while tokens.get(end).is_some_and(|t| t.sentence == sentence) && end < value + 6 {
                let between = gap(end - 1, end);
                let single_digits = tokens[end - 1].text.len() == 1 && tokens[end].text.len() == 1;
                if between.contains(['—', ',']) || !(value_like(&tokens[end]) || between.contains('/') || single_digits)
                {
                    break;
                }
                end += 1;
            }
            end
        };
        for m in draft.find(&self.cues) {
            let last = m.end - 1;
            let sentence = tokens[last].sentence;
            let in_sentence = |i: &usize| tokens.get(*i).is_some_and(|t| t.sentence == sentence);
            let announced = matches!(tokens[last].text.as_str(), "is" | "are" | "was");
            let handed_over = m.end - m.start > 1
                && matches!(tokens[last].text.as_str(), "login" | "password" | "details" | "pin")
                && tokens[m.start].text.starts_with("here");
            let introduced = in_sentence(&m.end) && (announced || gap(last, m.end).contains([':', '=']));
            // A value written after a colon later in the sentence: "here's my login if you want
            // it: name / secret", "the password is on a sticky note: Tottenham1885".
            let after_colon = || {
                (m.end..tokens.len())
                    .take_while(in_sentence)
                    .find(|&v| gap(v - 1, v).contains(':') && value_like(&tokens[v]))
            };
            let bare_secret = m.end - m.start == 1 && SECRET_WORDS.contains(&tokens[last].text.as_str());
            let value = if introduced && !NOT_A_VALUE.contains(&tokens[m.end].text.as_str()) {
                Some(m.end)
            } else if introduced || handed_over {
                after_colon().or(handed_over.then_some(last))
            } else if bare_secret && in_sentence(&m.end) && secret_like(&tokens[m.end]) {
                Some(m.end)
            } else {
                None
            };
            let Some(value) = value else { continue };
            found.push(draft.span(m.start, value_end(value)));
        }
        for m in draft.find(&self.distant_cues) {
            let sentence = tokens[m.end - 1].sentence;
            let value = (m.end..m.end + 2)
                .take_while(|&i| tokens.get(i).is_some_and(|t| t.sentence == sentence))
                .find(|&i| secret_like(&tokens[i]));
            if let Some(value) = value {
                found.push(draft.span(m.start, value_end(value)));
            }
        }
        // What the cues miss, the learned model may find (see `detect::model`). It knows the
        // words around a password, not whether one is given: it counts only with something in
        // the sentence that looks like one ("pass is jaydenrules1"), not for "what's the wifi password?".
        let learned = draft.model_span(Category::Credentials).and_then(|span| {
            let at = tokens.iter().position(|t| t.span.start >= span.start)?;
            draft.sentence(tokens[at].sentence).any(|i| value_like(&tokens[i])).then_some(span)
        });
        if learned.is_some() {
            draft.add_learned(Category::Credentials, found);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::detect::testing::*;
    use crate::detect::{DetectorSpec, NoSettings};
    use crate::model::{Author::*, Channel::*};

    fn credentials() -> DetectorSpec {
        DetectorSpec::Credentials(NoSettings {})
    }

    #[test]
    fn finds_credentials() {
        assert_finds(
            &credentials(),
            Staff,
            Direct,
            "The school Twitter login is ChestnutsN17 / Conker#99 — can you post the sports day pics for me?",
            &["login is ChestnutsN17 / Conker#99"],
        );
        assert_finds(
            &credentials(),
            Pupil,
            Group,
            "here's my minecraft login if u wanna build on my world: sunnyfox11 / sunflower11",
            &["here's my minecraft login if u wanna build on my world: sunnyfox11 / sunflower11"],
        );
        assert_finds(
            &credentials(),
            Pupil,
            Direct,
            "my dad's banking app code is 2 9 0 8, we can get the vbucks",
            &["app code is 2 9 0 8"],
        );
        assert_flags(
            &credentials(),
            Pupil,
            Direct,
            &["my password is pizza123", "PIN: 4471", "wifi password = Oakfield2024!"],
        );
        assert_finds(
            &credentials(),
            Pupil,
            Direct,
            "the pin for my mums phone is 4719 so we can buy robux",
            &["pin for my mums phone is 4719"],
        );
        assert_finds(
            &credentials(),
            Staff,
            Group,
            "Anyone covering the Insta over half term: user oak.life pw Lincoln1552# – cheers",
            &["pw Lincoln1552"],
        );
        assert_flags(&credentials(), Staff, Group, &["The password for the school Facebook is still Oak2024!"]);
    }

    #[test]
    fn talk_about_passwords_is_fine() {
        assert_clean(
            &credentials(),
            Pupil,
            Group,
            &[
                "never share your password with anyone",
                "what's the wifi password?",
                "the dress code is smart casual",
                "my password is secret lol",
                "I forgot my password again",
                "Use a strong password and two-factor login",
                "our postcode is on the letter",
                "the password for the parent portal is in your email",
                "the login for Year 6 is changing next week",
                "passwords need 8 characters",
                "PIN 12 is the one for the hall",
            ],
        );
    }
}
