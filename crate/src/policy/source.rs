//! The TOML files of a policy folder as written by hand: `school.toml`, `rules.toml` and the
//! shared `_shared/platforms.toml`. Fields that later checks may complain about keep their
//! position in the file (`Spanned`), so every problem can be reported as `file:line:column`.

use crate::detect::DetectorSpec;
use crate::length::Counting;
use crate::model::{Author, Category, Channel, MediaItem, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// `school.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchoolSource {
    /// The school's full name.
    pub name: String,
    /// Names people use for the school.
    #[serde(default)]
    pub also_known_as: Vec<Spanned<String>>,
    /// Names the school shares with its village or town ("Cotton End"): they mean the school
    /// only beside a word like "school", "staff" or "class".
    #[serde(default)]
    pub place_names: Vec<Spanned<String>>,
    /// The school's postal address: public, so the checker never reports it.
    #[serde(default)]
    pub address: Option<String>,
    /// What the policy calls its children.
    pub pupils_called: PupilsCalled,
    /// The youngest and oldest pupils' ages.
    pub pupil_ages: Spanned<[u32; 2]>,
    /// Review dates.
    #[serde(default)]
    pub review: Option<ReviewSource>,
    /// Role titles by key (`head`, `dsl`, …).
    #[serde(default)]
    pub roles: BTreeMap<String, String>,
    /// The school's official accounts.
    #[serde(default)]
    pub official_channels: Vec<OfficialChannelSource>,
    /// The school network.
    #[serde(default)]
    pub network: NetworkSource,
    /// Platform minimum ages the policy sets, overriding the shared table.
    #[serde(default)]
    pub minimum_ages: BTreeMap<String, Spanned<u32>>,
    /// Who the policy governs, and where: its scope clauses read as data.
    pub covers: Spanned<CoversSource>,
    /// The policy's own table of where to report on each network, when it has one.
    #[serde(default)]
    pub reporting: Option<ReportingSource>,
    /// The address people send signed form records to; empty when the policy gives none.
    #[serde(default)]
    pub contact_email: Option<Spanned<String>>,
    /// The public keys the school office countersigns records with, each with the days it is in
    /// use: several, so a lost key is replaced and receipts made with it still verify.
    #[serde(default)]
    pub keys: Vec<Spanned<KeySource>>,
}

/// One `[[keys]]` entry: a public key of the school's, never its private half.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeySource {
    /// `ed25519:` and 64 hex digits, as `postwise keys new` or the office page prints it.
    pub public_key: Spanned<String>,
    /// The first day it may sign, `YYYY-MM-DD`.
    pub valid_from: Spanned<String>,
    /// The last day it may sign, `YYYY-MM-DD`; absent while it is in use.
    #[serde(default)]
    pub valid_to: Option<Spanned<String>>,
}

/// `[reporting]` in `school.toml`: the policy's table of networks and their reporting links.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportingSource {
    /// The clause that holds the table.
    pub clause: Spanned<String>,
    /// The networks it lists, in its order: ids from `_shared/platforms.toml`.
    pub networks: Vec<Spanned<String>>,
    /// The clause listing mobile phone providers' lines for nuisance calls and messages, when
    /// the policy has one.
    #[serde(default)]
    pub phones: Option<Spanned<String>>,
    /// What has changed since, in one sentence ("Orange and T-Mobile are now EE.").
    #[serde(default)]
    pub phones_note: Option<String>,
}

/// `[covers]` in `school.toml`: for each author the policy governs, the channels it governs
/// them on. An author left out is not governed at all.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoversSource {
    /// Staff (and whoever the policy counts with them: governors, volunteers).
    #[serde(default)]
    pub staff: Option<Spanned<Vec<Channel>>>,
    /// Pupils.
    #[serde(default)]
    pub pupil: Option<Spanned<Vec<Channel>>>,
    /// Parents and carers.
    #[serde(default)]
    pub parent: Option<Spanned<Vec<Channel>>>,
}

impl CoversSource {
    /// Each governed author with its channels, in the contract's order.
    pub fn entries(&self) -> impl Iterator<Item = (Author, &Spanned<Vec<Channel>>)> {
        [(Author::Staff, &self.staff), (Author::Pupil, &self.pupil), (Author::Parent, &self.parent)]
            .into_iter()
            .filter_map(|(author, channels)| Some((author, channels.as_ref()?)))
    }

    /// Whether the policy governs `author` writing on `channel`.
    pub fn governs(&self, author: Author, channel: Channel) -> bool {
        self.entries().any(|(a, channels)| a == author && channels.get_ref().contains(&channel))
    }
}

/// What a policy calls the school's children.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PupilsCalled {
    /// "pupils"
    Pupils,
    /// "students"
    Students,
    /// "children"
    Children,
}

impl PupilsCalled {
    /// The word, plural: "pupils", "students" or "children".
    pub fn word(self) -> &'static str {
        match self {
            PupilsCalled::Pupils => "pupils",
            PupilsCalled::Students => "students",
            PupilsCalled::Children => "children",
        }
    }
}

/// `[review]` in `school.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewSource {
    /// When the policy was last reviewed or agreed.
    #[serde(default)]
    pub last: Option<Spanned<String>>,
    /// When it is next due.
    #[serde(default)]
    pub next: Option<Spanned<String>>,
}

/// One `[[official_channels]]` entry.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficialChannelSource {
    /// A platform id from `_shared/platforms.toml`.
    pub platform: Spanned<String>,
    /// The account or page name.
    pub account: String,
}

/// `[network]` in `school.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkSource {
    /// Platform ids not accessible on the school's network.
    #[serde(default)]
    pub blocked: Vec<Spanned<String>>,
    /// The clause that lists them.
    #[serde(default)]
    pub clause: Option<Spanned<String>>,
}

/// One platform in `_shared/platforms.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlatformSource {
    /// How the platform names itself.
    pub name: String,
    /// What people type for it.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Aliases that are ordinary words too; they count only when capitalised as written here.
    #[serde(default)]
    pub ambiguous_aliases: Vec<String>,
    /// The minimum age in its terms for UK users.
    #[serde(default)]
    pub minimum_age: Option<u32>,
    /// Where the minimum age comes from.
    #[serde(default)]
    pub source: Option<String>,
    /// Its help centre, where users find how to block and report: a plain link.
    #[serde(default)]
    pub help: Option<String>,
    /// When it closed, for a platform that no longer exists ("December 2024").
    #[serde(default)]
    pub closed: Option<String>,
    /// The most characters a post may have.
    #[serde(default)]
    pub post_limit: Option<u32>,
    /// How the platform counts them: `graphemes` (what a person sees as one character, the
    /// default) or `x` (X's weighting).
    #[serde(default)]
    pub counting: Counting,
    /// Where the limit comes from.
    #[serde(default)]
    pub limit_source: Option<String>,
}

/// `rules.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesSource {
    /// The rules, in the order written.
    #[serde(default)]
    pub rule: Vec<Spanned<RuleSource>>,
    /// The asking rules, in the order written.
    #[serde(default)]
    pub ask: Vec<Spanned<AskSource>>,
}

/// One `[[ask]]`: something the policy asks of a writer that a draft's text cannot show, put to
/// them as a question beside the checker's verdict.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AskSource {
    /// The ask's id, unique among the school's rules and asks.
    pub id: Spanned<String>,
    /// How strongly the policy words it.
    pub severity: Severity,
    /// Who it is asked of.
    pub authors: Spanned<Vec<Author>>,
    /// Where.
    pub channels: Spanned<Vec<Channel>>,
    /// The clause that asks it.
    pub clause: Spanned<String>,
    /// The question, short and plain, ending with "?".
    pub question: Spanned<String>,
    /// One sentence: why, or how to check.
    #[serde(default)]
    pub hint: Option<Spanned<String>>,
}

/// One `[[rule]]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSource {
    /// The rule's id.
    pub id: Spanned<String>,
    /// The contract category of its findings.
    pub category: Category,
    /// How strongly the policy words it.
    pub severity: Severity,
    /// Who it applies to.
    pub authors: Spanned<Vec<Author>>,
    /// Where it applies.
    pub channels: Spanned<Vec<Channel>>,
    /// The clause it enforces.
    pub clause: Spanned<String>,
    /// What to change, for the person posting.
    pub message: Spanned<String>,
    /// How to find breaches.
    pub detect: Spanned<DetectorSpec>,
    /// Drafts that must break the rule.
    #[serde(default)]
    pub breaks: Vec<Spanned<ExampleSource>>,
    /// Drafts that must not.
    #[serde(default)]
    pub allows: Vec<Spanned<ExampleSource>>,
}

/// A rule's example draft: a plain string, or a table with its context.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum ExampleSource {
    /// Text only: checked as the rule's first author on its first channel.
    Text(String),
    /// Text with who, where and media.
    Draft(ExampleDraft),
}

/// An example with its own context.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleDraft {
    /// The draft.
    pub text: String,
    /// Who writes it; the rule's first author when absent.
    #[serde(default)]
    pub author: Option<Author>,
    /// Where; the rule's first channel when absent.
    #[serde(default)]
    pub channel: Option<Channel>,
    /// The author's age.
    #[serde(default)]
    pub age: Option<u32>,
    /// Attached media.
    #[serde(default)]
    pub media: Vec<MediaItem>,
}
