//! The checker's vocabulary, fixed by the contract (`checker-contract.md`): who writes, where,
//! what media is attached, and what a finding says.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Who writes the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Author {
    /// Anyone working for the school: teachers, support staff, governors, volunteers.
    Staff,
    /// A child at the school (some policies say "student").
    Pupil,
    /// A parent or carer.
    Parent,
}

impl Author {
    /// The contract's name: `staff`, `pupil` or `parent`.
    pub fn as_str(self) -> &'static str {
        match self {
            Author::Staff => "staff",
            Author::Pupil => "pupil",
            Author::Parent => "parent",
        }
    }
}

/// Where the draft will be posted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    /// An official school account.
    School,
    /// The author's own public or semi-public account.
    Personal,
    /// A private group: a class WhatsApp, a parents' Facebook group.
    Group,
    /// A private message to one person.
    Direct,
}

impl Channel {
    /// The contract's name: `school`, `personal`, `group` or `direct`.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::School => "school",
            Channel::Personal => "personal",
            Channel::Group => "group",
            Channel::Direct => "direct",
        }
    }
}

/// The contract's categories of finding. Every finding carries exactly one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Anything that could identify a pupil.
    PupilIdentity,
    /// Phone numbers, e-mail addresses, handles, home addresses given out.
    ContactDetails,
    /// Where someone lives, is now, or will be.
    Location,
    /// On a personal account: naming the school, a class, or oneself as its employee.
    SchoolIdentity,
    /// Swearing, obscenity, crude language, also disguised.
    OffensiveLanguage,
    /// Insults, mocking, humiliation, threats, harassment or exclusion aimed at a person.
    Bullying,
    /// Slurs or demeaning statements about a protected characteristic.
    Discrimination,
    /// Political opinions, taking sides, party or campaign endorsement.
    Political,
    /// Personal views on an official school account.
    PersonalOpinion,
    /// Criticism of or complaints about the school, its staff or pupils; gossip.
    Disrepute,
    /// Private or sensitive information about others; plans not yet public.
    Confidential,
    /// Friend/follow/message requests between staff and pupils or parents.
    ContactRequest,
    /// Arranging to meet someone known only online.
    Meeting,
    /// Passwords, PINs, login codes or account details.
    Credentials,
    /// Chain messages, rumours and unverified claims passed on as fact.
    Unverified,
    /// Someone else's content reposted without permission or credit.
    Copyright,
    /// Attached media that breaks the image rules.
    MediaConsent,
    /// A pupil on a platform whose minimum age is above theirs.
    AgeRestriction,
}

impl Category {
    /// Every category, in the contract's order.
    pub const ALL: [Category; 18] = [
        Category::PupilIdentity,
        Category::ContactDetails,
        Category::Location,
        Category::SchoolIdentity,
        Category::OffensiveLanguage,
        Category::Bullying,
        Category::Discrimination,
        Category::Political,
        Category::PersonalOpinion,
        Category::Disrepute,
        Category::Confidential,
        Category::ContactRequest,
        Category::Meeting,
        Category::Credentials,
        Category::Unverified,
        Category::Copyright,
        Category::MediaConsent,
        Category::AgeRestriction,
    ];

    /// The contract's name for the category, e.g. `pupil-identity`.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::PupilIdentity => "pupil-identity",
            Category::ContactDetails => "contact-details",
            Category::Location => "location",
            Category::SchoolIdentity => "school-identity",
            Category::OffensiveLanguage => "offensive-language",
            Category::Bullying => "bullying",
            Category::Discrimination => "discrimination",
            Category::Political => "political",
            Category::PersonalOpinion => "personal-opinion",
            Category::Disrepute => "disrepute",
            Category::Confidential => "confidential",
            Category::ContactRequest => "contact-request",
            Category::Meeting => "meeting",
            Category::Credentials => "credentials",
            Category::Unverified => "unverified",
            Category::Copyright => "copyright",
            Category::MediaConsent => "media-consent",
            Category::AgeRestriction => "age-restriction",
        }
    }

    /// The category named `name` in the contract, if any.
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How strongly the policy words a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Good practice.
    Advice,
    /// Advised against, strongly advised.
    Should,
    /// The policy says will not / must not.
    Must,
}

impl Severity {
    /// The contract's name: `must`, `should` or `advice`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Advice => "advice",
            Severity::Should => "should",
            Severity::Must => "must",
        }
    }
}

/// Whether attached media is a photo or a video.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MediaType {
    /// A still image.
    Image,
    /// A video.
    Video,
}

/// What the consent record says for every pupil shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Consent {
    /// No consent.
    #[serde(rename = "none")]
    None,
    /// Consent for images only.
    #[serde(rename = "images")]
    Images,
    /// Consent for images and videos.
    #[serde(rename = "images+video")]
    ImagesAndVideo,
    /// Not checked.
    #[serde(rename = "unknown")]
    Unknown,
}

impl Consent {
    /// Whether this consent covers media of type `kind`.
    pub fn covers(self, kind: MediaType) -> bool {
        matches!((self, kind), (Consent::Images, MediaType::Image) | (Consent::ImagesAndVideo, _))
    }
}

/// One attached photo or video.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MediaItem {
    /// Photo or video.
    #[serde(rename = "type")]
    pub kind: MediaType,
    /// How many pupils can be recognised in it.
    pub pupils: u32,
    /// What the consent record says for every pupil shown.
    pub consent: Consent,
    /// A pupil is shown in swimwear or otherwise unsuitably dressed.
    #[serde(default)]
    pub swimwear: bool,
    /// (Parents) the only child shown is the author's own.
    #[serde(default)]
    pub own_child_only: bool,
}

/// Who writes a draft, where, and what is attached: everything but the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Context {
    /// Who writes.
    pub author: Author,
    /// Where it will be posted.
    pub channel: Channel,
    /// The author's age in years, when known (pupils).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u32>,
    /// Attached photos and videos.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media: Vec<MediaItem>,
}

/// A half-open range of UTF-8 byte offsets into a draft's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The empty span at the start of the text, used for findings about media alone.
    pub const MEDIA: Span = Span { start: 0, end: 0 };

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Whether the two share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// One thing in a draft that breaks one of the school's rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The contract category.
    pub category: Category,
    /// The school's rule id.
    pub rule: String,
    /// How strongly the policy words it.
    pub severity: Severity,
    /// The clause id in the policy document.
    pub clause: String,
    /// UTF-8 byte offset of the first byte of the words that triggered it.
    pub start: usize,
    /// UTF-8 byte offset one past the last byte.
    pub end: usize,
    /// What the writer should change.
    pub message: String,
}
