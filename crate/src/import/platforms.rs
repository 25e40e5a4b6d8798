//! Platforms named in the policy's words, as ids from `_shared/platforms.toml`.

use crate::policy::source::PlatformSource;
use std::collections::BTreeMap;

/// The shared platforms, for finding them in text.
#[derive(Clone, Debug, Default)]
pub(crate) struct Platforms {
    /// Each platform's id and the names it goes by: (lowercase text, only when capitalised).
    names: Vec<(String, Vec<(String, bool)>)>,
}

impl Platforms {
    /// From `_shared/platforms.toml`'s table.
    pub(crate) fn new(shared: &BTreeMap<String, PlatformSource>) -> Platforms {
        let names = shared
            .iter()
            .map(|(id, platform)| {
                let ambiguous_name = platform.ambiguous_aliases.iter().any(|a| a.eq_ignore_ascii_case(&platform.name));
                let mut names: Vec<(String, bool)> = vec![(platform.name.to_lowercase(), ambiguous_name)];
                for alias in &platform.aliases {
                    let ambiguous = platform.ambiguous_aliases.iter().any(|a| a.eq_ignore_ascii_case(alias));
                    names.push((alias.to_lowercase(), ambiguous));
                }
                (id.clone(), names)
            })
            .collect();
        Platforms { names }
    }

    /// The ids of the platforms `text` names, in the order it names them. A name that is also
    /// an ordinary word ("X", "Vine") counts only capitalised.
    pub(crate) fn find(&self, text: &str) -> Vec<String> {
        let text = text.replace('’', "'");
        let lower = text.to_lowercase();
        let mut found: Vec<(usize, String)> = Vec::new();
        for (id, names) in &self.names {
            let first = names
                .iter()
                .filter_map(|(name, only_capitalised)| {
                    lower.match_indices(name.as_str()).map(|(at, _)| at).find(|&at| {
                        let end = at + name.len();
                        let bounded = !lower[..at].chars().next_back().is_some_and(char::is_alphanumeric)
                            && !lower[end..].chars().next().is_some_and(char::is_alphanumeric);
                        // Lowercasing can move byte offsets (rarely): then the case is unknown and an
                        // ambiguous name does not count.
                        let capital = text.get(at..).and_then(|t| t.chars().next()).is_some_and(char::is_uppercase);
                        bounded && (!only_capitalised || capital)
                    })
                })
                .min();
            if let Some(at) = first {
                found.push((at, id.clone()));
            }
        }
        found.sort();
        found.into_iter().map(|(_, id)| id).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared() -> BTreeMap<String, PlatformSource> {
        toml::from_str(
            r#"
            [x]
            name = "X (Twitter)"
            aliases = ["twitter", "x"]
            ambiguous_aliases = ["x"]
            [facebook]
            name = "Facebook"
            aliases = ["facebook", "fb"]
            [vine]
            name = "Vine"
            aliases = ["vine"]
            ambiguous_aliases = ["vine"]
            "#,
        )
        .expect("platforms")
    }

    #[test]
    fn finds_platforms_by_their_names() {
        let platforms = Platforms::new(&shared());
        assert_eq!(platforms.find("Twitter (X), Facebook"), ["x", "facebook"]);
        assert_eq!(platforms.find("a vine and an x-ray, fbi"), Vec::<String>::new());
        assert_eq!(platforms.find("Vine: rules"), ["vine"]);
    }
}
