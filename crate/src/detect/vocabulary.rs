//! The words a school's detectors share: its names, the platforms people mention, and the
//! word classes of `lexicons/classes.txt`, usable in cue patterns as `<class>`.
//!
//! Every token of a draft gets its classes once, as bits ([`Vocabulary::annotate`]), so a
//! pattern asking for `<platform>` or `<title>` costs a bit test.

use crate::bundle::{Platform, School};
use crate::lexicon::{self, FIRST_VOCABULARY_BIT};
use crate::text::normalise::fold;
use crate::text::pattern::Classes;
use crate::text::tokens::{Token, tokenise};
use rustc_hash::FxHashMap;

/// The school's own classes, after those of `lexicons/classes.txt`.
const PLATFORM_BIT: u32 = FIRST_VOCABULARY_BIT;
/// A capitalised first name.
pub(super) const FIRST_NAME_BIT: u32 = FIRST_VOCABULARY_BIT + 1;
const NAME_BIT: u32 = FIRST_VOCABULARY_BIT + 2;
const SCHOOL_BIT: u32 = FIRST_VOCABULARY_BIT + 3;

/// What a word can be the start of, among the platforms' names.
#[derive(Clone, Debug, Default)]
struct PlatformWord {
    /// The platform it names by itself.
    alone: Option<usize>,
    /// The platform it names when written as a name or after "on", "my" (`X`, `snap`).
    ambiguous: Option<usize>,
    /// The platforms it names with a second word ("tik tok").
    pairs: Vec<(String, usize)>,
}

/// A school's words, built once per checker.
#[derive(Clone, Debug)]
pub struct Vocabulary {
    /// The school's names, each as folded words: `["chestnuts", "primary", "school"]`.
    pub school_names: Vec<Vec<String>>,
    /// Names it shares with its village or town, as folded words.
    pub place_names: Vec<Vec<String>>,
    /// Platforms, in the bundle's order.
    pub platforms: Vec<Platform>,
    /// Platform names by their (first) word.
    platform_words: FxHashMap<String, PlatformWord>,
    /// The youngest and oldest pupils' ages.
    pub pupil_ages: [u32; 2],
    /// The school's own postal address, its folded words run together ("oaklaneoakfieldox12ab"),
    /// so that the address detector can leave it alone however it is spaced; empty if unknown.
    pub school_address: String,
}

fn words_of(text: &str) -> Vec<String> {
    tokenise(text, &fold(text)).into_iter().map(|t| t.text.into()).collect()
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
        let place_names: Vec<Vec<String>> =
            school.place_names.iter().map(|name| words_of(name)).filter(|w| !w.is_empty()).collect();
        let mut platform_words: FxHashMap<String, PlatformWord> = FxHashMap::default();
        for (index, platform) in school.platforms.iter().enumerate() {
            for alias in std::iter::once(&platform.name).chain(&platform.aliases) {
                let words = words_of(alias);
                let ambiguous = platform.ambiguous_aliases.iter().any(|a| a.eq_ignore_ascii_case(alias));
                match words.as_slice() {
                    [word] if ambiguous => {
                        platform_words.entry(word.clone()).or_default().ambiguous.get_or_insert(index);
                    }
                    [word] => {
                        platform_words.entry(word.clone()).or_default().alone.get_or_insert(index);
                    }
                    [first, second] if !ambiguous => {
                        platform_words.entry(first.clone()).or_default().pairs.push((second.clone(), index));
                        platform_words.entry(format!("{first}{second}")).or_default().alone.get_or_insert(index);
                    }
                    _ => {}
                }
            }
        }
        Vocabulary {
            school_names,
            place_names,
            platforms: school.platforms.clone(),
            platform_words,
            pupil_ages: school.pupil_ages,
            school_address: school.address.as_deref().map(Vocabulary::compact_address).unwrap_or_default(),
        }
    }

    /// An address's folded words run together, as [`Vocabulary::school_address`] keeps it.
    pub fn compact_address(address: &str) -> String {
        words_of(address).concat()
    }

    /// The platform named by the tokens at `at`, and how many tokens name it.
    pub fn platform_at(&self, tokens: &[Token], at: usize) -> Option<(usize, usize)> {
        let token = tokens.get(at)?;
        let word = self.platform_words.get(token.text.as_str())?;
        if let Some(next) = tokens.get(at + 1)
            && let Some((_, index)) = word.pairs.iter().find(|(second, _)| *second == next.text)
        {
            return Some((*index, 2));
        }
        if let Some(index) = word.alone {
            return Some((index, 1));
        }
        // Ambiguous aliases ("X", "snap") count when written as a name, or after a word that
        // only goes with a platform: "on snap", "my snap".
        let index = word.ambiguous?;
        let after_platform_word = at > 0
            && tokens[at - 1].sentence == token.sentence
            && matches!(
                tokens[at - 1].text.as_str(),
                "on" | "my" | "via" | "using" | "joined" | "downloaded" | "installed"
            );
        let written_as_name = token.capitalised && !token.sentence_start;
        (written_as_name || after_platform_word).then_some((index, 1))
    }

    /// Sets every token's word-list and school classes.
    pub fn annotate(&self, tokens: &mut [Token]) {
        for at in 0..tokens.len() {
            let info = lexicon::word_info(&tokens[at].text);
            let mut classes = info.classes;
            if self.platform_at(tokens, at).is_some() {
                classes |= 1 << PLATFORM_BIT;
            }
            let token = &tokens[at];
            if token.capitalised {
                if info.first_name.is_some() {
                    classes |= 1 << FIRST_NAME_BIT;
                }
                if info.first_name.is_some() || info.surname.is_some() {
                    classes |= 1 << NAME_BIT;
                }
            }
            if self.school_names.iter().any(|n| n.first().is_some_and(|w| *w == token.text)) {
                classes |= 1 << SCHOOL_BIT;
            }
            tokens[at].classes |= classes;
        }
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
            place_names: vec!["Elmstead".to_owned()],
            address: None,
            pupil_ages: [4, 11],
            pupils: "pupils".to_owned(),
            platforms: vec![
                platform("instagram", "Instagram", &["insta", "ig"], &[], Some(13)),
                platform("snapchat", "Snapchat", &["snap"], &["snap"], Some(13)),
                platform("tiktok", "TikTok", &["tik tok"], &[], Some(13)),
                platform("whatsapp", "WhatsApp", &["whats app"], &[], Some(13)),
                platform("roblox", "Roblox", &[], &[], None),
                platform("x", "X", &["twitter", "x"], &["x"], Some(13)),
                platform("facebook", "Facebook", &["fb"], &[], Some(13)),
            ],
            covers: Default::default(),
        })
    }
}

/// The bit of a class a token can have: the vocabulary's own or those of `classes.txt`.
pub(super) fn class_bit_of(name: &str) -> Option<u32> {
    match name {
        "platform" => Some(PLATFORM_BIT),
        "first-name" => Some(FIRST_NAME_BIT),
        "name" => Some(NAME_BIT),
        "school" => Some(SCHOOL_BIT),
        _ => lexicon::class_bit(name),
    }
}

impl Classes for Vocabulary {
    fn class_bit(&self, name: &str) -> Option<u32> {
        class_bit_of(name)
    }
}
