//! The words a school's detectors share: its names, the platforms people mention, and the
//! word classes of `lexicons/classes.txt`, usable in cue patterns as `<class>`.

use crate::bundle::{Platform, School};
use crate::lexicon;
use crate::text::normalise::fold;
use crate::text::pattern::Classes;
use crate::text::tokens::{Token, tokenise};
use std::collections::HashMap;

/// A school's words, built once per checker.
#[derive(Clone, Debug)]
pub struct Vocabulary {
    /// The school's names, each as folded words: `["chestnuts", "primary", "school"]`.
    pub school_names: Vec<Vec<String>>,
    /// Platforms, in the bundle's order.
    pub platforms: Vec<Platform>,
    /// Single-word alias → platform index.
    platform_words: HashMap<String, usize>,
    /// Two-word aliases ("tik tok") → platform index.
    platform_pairs: HashMap<(String, String), usize>,
    /// The youngest and oldest pupils' ages.
    pub pupil_ages: [u32; 2],
}

fn words_of(text: &str) -> Vec<String> {
    tokenise(text, &fold(text)).into_iter().map(|t| t.text).collect()
}

impl Vocabulary {
    /// The vocabulary of `school`.
    pub fn new(school: &School) -> Vocabulary {
        let mut school_names: Vec<Vec<String>> = std::iter::once(&school.name)
            .chain(&school.also_known_as)
            .map(|name| words_of(name))
            .filter(|w| !w.is_empty())
            .collect();
        school_names.sort();
        school_names.dedup();
        let mut platform_words = HashMap::new();
        let mut platform_pairs = HashMap::new();
        for (index, platform) in school.platforms.iter().enumerate() {
            for alias in std::iter::once(&platform.name).chain(&platform.aliases) {
                if platform.ambiguous_aliases.iter().any(|a| a.eq_ignore_ascii_case(alias)) {
                    continue;
                }
                match words_of(alias).as_slice() {
                    [word] => {
                        platform_words.insert(word.clone(), index);
                    }
                    [first, second] => {
                        platform_pairs.insert((first.clone(), second.clone()), index);
                        platform_words.entry(format!("{first}{second}")).or_insert(index);
                    }
                    _ => {}
                }
            }
        }
        Vocabulary {
            school_names,
            platforms: school.platforms.clone(),
            platform_words,
            platform_pairs,
            pupil_ages: school.pupil_ages,
        }
    }

    /// The platform named by the tokens at `at`, and how many tokens name it.
    pub fn platform_at(&self, tokens: &[Token], at: usize) -> Option<(usize, usize)> {
        let token = tokens.get(at)?;
        if let Some(next) = tokens.get(at + 1)
            && let Some(&index) = self.platform_pairs.get(&(token.text.clone(), next.text.clone()))
        {
            return Some((index, 2));
        }
        if let Some(&index) = self.platform_words.get(&token.text) {
            return Some((index, 1));
        }
        // Ambiguous aliases ("X", "snap") count when written as a name, or after a word that
        // only goes with a platform: "on snap", "my snap".
        let after_platform_word = at > 0
            && tokens[at - 1].sentence == token.sentence
            && matches!(tokens[at - 1].text.as_str(), "on" | "my" | "via" | "using");
        let written_as_name = token.capitalised && !token.sentence_start;
        self.platforms.iter().enumerate().find_map(|(index, platform)| {
            platform
                .ambiguous_aliases
                .iter()
                .any(|a| a.eq_ignore_ascii_case(&token.text) && (written_as_name || after_platform_word))
                .then_some((index, 1))
        })
    }

    /// A vocabulary for detector tests: Oakfield Primary School, pupils aged 4 to 11,
    /// Instagram, Snapchat and TikTok (13), WhatsApp (13), Roblox (no minimum), X (13).
    #[cfg(test)]
    pub fn for_tests() -> Vocabulary {
        let platform = |id: &str, name: &str, aliases: &[&str], ambiguous: &[&str], age: Option<u32>| Platform {
            id: id.to_owned(),
            name: name.to_owned(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            ambiguous_aliases: ambiguous.iter().map(|s| s.to_string()).collect(),
            minimum_age: age,
        };
        Vocabulary::new(&School {
            id: "oakfield".to_owned(),
            name: "Oakfield Primary School".to_owned(),
            also_known_as: vec!["Oakfield".to_owned(), "Oakfield Primary".to_owned()],
            pupil_ages: [4, 11],
            platforms: vec![
                platform("instagram", "Instagram", &["insta", "ig"], &[], Some(13)),
                platform("snapchat", "Snapchat", &["snap"], &["snap"], Some(13)),
                platform("tiktok", "TikTok", &["tik tok"], &[], Some(13)),
                platform("whatsapp", "WhatsApp", &["whats app"], &[], Some(13)),
                platform("roblox", "Roblox", &[], &[], None),
                platform("x", "X", &["twitter", "x"], &["x"], Some(13)),
                platform("facebook", "Facebook", &["fb"], &[], Some(13)),
            ],
        })
    }
}

impl Classes for Vocabulary {
    fn contains(&self, name: &str, tokens: &[Token], at: usize) -> bool {
        let Some(token) = tokens.get(at) else { return false };
        match name {
            "platform" => self.platform_at(tokens, at).is_some(),
            "first-name" => token.capitalised && lexicon::first_name(&token.text).is_some(),
            "name" => {
                token.capitalised
                    && (lexicon::first_name(&token.text).is_some() || lexicon::surname(&token.text).is_some())
            }
            "school" => self.school_names.iter().any(|n| n.first() == Some(&token.text)),
            _ => lexicon::word_class(name).is_some_and(|words| words.contains(token.text.as_str())),
        }
    }

    fn knows(&self, name: &str) -> bool {
        matches!(name, "platform" | "first-name" | "name" | "school") || lexicon::word_class(name).is_some()
    }
}
