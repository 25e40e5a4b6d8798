//! The obligations the import knows, as data: wording in a policy's sentence → the rule it
//! proposes (category, detector, who it applies to, where). Matching and everything else is in
//! `rules.rs`; to teach the import a new obligation, add a row here.
//!
//! **Wording patterns** are matched against a sentence's lowercase words ("don't" reads as
//! "do not", quotes and punctuation dropped). A pattern is words separated by spaces; a word may
//! be alternatives (`pupil|student`), end in `*` for any ending (`bull*`), or be `~` for up to
//! six words in between (`identify ~ pupil`).

use crate::model::{Author, Category, Channel};

/// What else a sentence must say for its wording to be an obligation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Needs {
    /// A prohibition: not, never, no, avoid.
    Prohibition,
    /// A prohibition, a duty (must, will, should, ensure, be …), a sanction (taken seriously,
    /// disciplinary), or an item of a list of rules ("requirements include:").
    Duty,
}

/// One obligation.
pub(crate) struct Obligation {
    /// The rule id's stem (`contact-pupils`), after the authors (`staff-contact-pupils`).
    pub(crate) name: &'static str,
    /// Any of these in a sentence shows the obligation.
    pub(crate) wording: &'static [&'static str],
    /// When not empty: one of these as well, in the sentence or the lead-in above it.
    pub(crate) also: &'static [&'static str],
    /// Not when the sentence says any of these.
    pub(crate) unless: &'static [&'static str],
    /// For one kind of personal information: when the sentence or its lead-in lists kinds
    /// ([`PERSONAL_ITEMS`]), it must list this one (any of these words).
    pub(crate) named: &'static [&'static str],
    /// What the sentence (or its lead-in) must also say.
    pub(crate) needs: Needs,
    /// The contract category of the rule's findings.
    pub(crate) category: Category,
    /// The detector, as a rule's `detect` table.
    pub(crate) detect: &'static str,
    /// Who the rule can apply to; the clause's section narrows it.
    pub(crate) authors: &'static [Author],
    /// Where the rule can apply; the clause's section narrows it when `narrowed` is set.
    pub(crate) channels: &'static [Channel],
    /// Whether the section's channels (official accounts, personal accounts) narrow the rule's.
    /// Not for obligations that say where themselves ("views are personal" is about the
    /// school's accounts even in a section on personal ones).
    pub(crate) narrowed: bool,
    /// The message for the person posting; `{pupils}` is what the policy calls its children.
    pub(crate) message: &'static str,
}

use Author::{Parent, Pupil, Staff};
use Channel::{Direct, Group, Personal, School};

const EVERYONE: &[Author] = &[Staff, Pupil, Parent];
const EVERYWHERE: &[Channel] = &[School, Personal, Group, Direct];
const OWN_ACCOUNTS: &[Channel] = &[Personal, Group, Direct];
const SCHOOL_ACCOUNTS: &[Channel] = &[School];

/// A message counts as contact where it goes to someone: not "the messages in the class groups
/// come from parents", nor "groups should not be used to send messages of a personal nature".
const MESSAGE_TO_SOMEONE: &str =
    "messag* ~ pupil*|student*|child|children|learner*|parent*|carer*|famil*|staff|teacher*|them";

/// Messages sent to hurt: "harassing or threatening messages to … staff" is bullying, not contact
/// the policy forbids between them.
const HOSTILE_MESSAGES: &[&str] = &["harassing|threatening|abusive|offensive|hurtful|nasty|malicious ~ messag*"];

/// Making or inviting contact.
const CONTACT: &[&str] = &[
    // "friends" only as contact: "be friends with", "friend requests", not "our families and
    // friends".
    "friend|befriend|befriending|befriended|follow|add",
    "friends with|list|lists|request*",
    "as|become|becoming|be friends",
    "friend* request*",
    "contact",
    "communicate with",
    "private|direct messaging",
    MESSAGE_TO_SOMEONE,
    "engage* ~ with",
    "engagement online",
    "social networking details",
];
const PUPILS: &[&str] = &["pupil*|student*|child|children|learner*|children's"];
const PARENTS: &[&str] = &["parent*|carer*|famil*"];
const PUPILS_OR_PARENTS: &[&str] = &["pupil*|student*|child|children|learner*|children's|parent*|carer*|famil*"];
const STAFF_MEMBERS: &[&str] = &["staff|teacher*|teaching"];

/// Information that identifies a child.
const IDENTIFY_PUPIL: &[&str] = &[
    "identify* ~ pupil*|student*|child|children|class",
    "identifying information",
    "full name*",
    "personal details|information ~ pupil*|student*|child|children",
    "pupils|students|children ~ personal details|information",
    "names ~ images|photos|videos",
    "only ~ official school platforms|accounts|channels",
];
const IMAGES: &[&str] = &["image*|imagery|photo*|photograph*|video*|pictures"];

/// A pupil's own personal information, as the pupils' sections word it, or as a pupils'
/// agreement lists it ("I will not share my name, address, or pictures", "keep your password
/// secret").
const PUPIL_PERSONAL_INFORMATION: &[&str] = &[
    "personal information",
    "personal details",
    "stay safe online",
    "identify them",
    "their location",
    "share|sharing|give|giving|tell|telling|post|posting|put|putting|reveal*|send|sending ~ my|your name|names|surname*|address|addresses|postcode*|phone*|mobile*|telephone*|email*|birthday*|username*|password*|passwords",
    "keep|keeping my|your password*|passwords|login*",
];

/// The list of [`OTHERS_INFORMATION`], written once so that [`OTHERS_INFORMATION_OR_OWN_LOGIN`]
/// extends it.
macro_rules! others_information {
    ($($more:expr),* $(,)?) => {
        &[
            ABOUT_GROUPS,
            GROUPS_INFORMATION,
            ABOUT_MEMBERS_OF_GROUPS,
            OTHERS_DETAILS,
            REPORT_PLEDGE,
            RULES_FOLLOWED,
            OWN_USE,
            $($more),*
        ]
    };
}
/// Information about other people ("Do not discuss personal information about students, staff
/// or other professionals", "No personal details of pupils will be shared"): not a pupil's own,
/// so not the rules for keeping one's own details safe.
const OTHERS_INFORMATION: &[&str] = others_information!();
/// "I will tell my teacher if anyone asks me online for personal information": what to do when
/// asked, not a rule against giving it.
const REPORT_PLEDGE: &str = "i will tell|report|talk|speak";
/// "I will follow the SMART rules to help me stay safe online": a pledge to keep rules it does
/// not name, so none of them (readers dropped all 28 such proposals, in three sets).
const RULES_FOLLOWED: &str = "follow ~ rules ~ stay safe online";
/// "Do not allow other people to use your devices when using your personal information": one's
/// own use of it, not giving it out.
const OWN_USE: &str = "when|while using my|your|their personal information|details";
const ABOUT_GROUPS: &str =
    "information|details about|of|concerning pupils|students|staff|children|professionals|colleagues|others";
/// "ClassDojo permanently deletes students' personal information": pupils spoken of, not to.
const GROUPS_INFORMATION: &str = "pupils|students|children personal information|details";
/// "personal information about current or past members of staff"; not "details of themselves or
/// others", which are theirs too.
const ABOUT_MEMBERS_OF_GROUPS: &str = "information|details about|of|concerning current|past|former|other|any|the|our|members|member ~ pupils|students|staff|children|professionals|colleagues";
const OTHERS_DETAILS: &str = "other|others|else's ~ information|details";

/// As [`OTHERS_INFORMATION`], or logging on with one's own user name ("using my own user name
/// and password") or not with another's ("not use anyone else's username"), which gives no
/// handle away.
const OTHERS_INFORMATION_OR_OWN_LOGIN: &[&str] = others_information!(
    "using|with my|their|your own ~ username*|user",
    "use|using ~ another|else|else's|other|others|people's ~ username*|user|logon*|login*",
    // "I will not give my username or password to anyone": a login, not a social-media handle.
    "username*|usernames ~ password*|passwords",
);

/// The kinds of a pupil's personal information a clause may list, each as its words.
/// A nickname is a kind of name: "I will use nicknames online to keep my personal information
/// safe" speaks of names only.
const NAME_WORDS: &[&str] = &["name|names|surname*|nickname*"];
const BIRTHDAY_WORDS: &[&str] = &["birthday*|birth|age|ages"];
const PHONE_WORDS: &[&str] = &["phone*|mobile*|telephone*"];
const EMAIL_WORDS: &[&str] = &["email*|emails|e-mail*", "e mail*"];
const USERNAME_WORDS: &[&str] = &["username*|usernames|handle*|gamertag*", "screen|user|account name*"];
const ADDRESS_WORDS: &[&str] = &["address|addresses|postcode*", "where you live"];
const WHEREABOUTS_WORDS: &[&str] = &["places|location*|whereabouts|times|activities", "where you are|go"];
const PASSWORD_WORDS: &[&str] = &["password*|passcode*|passwords|pin"];
/// A social-media account, where a staff rule on contact lists the ways it means ("personal
/// email, phone, messaging, or social media accounts").
const SOCIAL_ACCOUNT_WORDS: &[&str] = &[
    "username*|usernames|handle*|profile*|facebook|instagram|twitter|snapchat|tiktok|whatsapp|friend*|follow*",
    "social media|networking",
];

/// Any kind of personal information named: a clause that lists kinds proposes rules for those.
/// Not where someone is: "information which could identify them and/or their location" says
/// what personal information does, not what it lists. Written out rather than joined from the
/// kinds' own words above: "age" and "PIN" name a kind when asked for, but do not make a clause
/// a list ("Follow age restriction rules").
pub(crate) const PERSONAL_ITEMS: &[&str] = &[
    "name|names|surname*|nickname*|birthday*|birth|phone*|mobile*|telephone*|email*|emails|e-mail*|username*|handle*|address|addresses|postcode*|password*|passwords",
    "e mail*",
    "where you live",
];

/// Every obligation, in the order rules are proposed.
pub(crate) const OBLIGATIONS: &[Obligation] = &[
    // ── Contact between staff and pupils or parents ──────────────────────────────────────────
    Obligation {
        name: "contact-pupils",
        wording: CONTACT,
        also: PUPILS,
        unless: HOSTILE_MESSAGES,
        named: &[],
        needs: Needs::Prohibition,
        category: Category::ContactRequest,
        detect: r#"{ kind = "contact-request", towards = "pupils" }"#,
        authors: &[Staff],
        channels: OWN_ACCOUNTS,
        narrowed: true,
        message: "Staff must not friend, follow or privately message {pupils} on social media. Use the school's own channels.",
    },
    Obligation {
        name: "contact-parents",
        wording: CONTACT,
        also: PARENTS,
        unless: HOSTILE_MESSAGES,
        named: &[],
        needs: Needs::Prohibition,
        category: Category::ContactRequest,
        detect: r#"{ kind = "contact-request", towards = "parents" }"#,
        authors: &[Staff],
        channels: OWN_ACCOUNTS,
        narrowed: true,
        message: "Staff must not friend, follow or privately message parents and carers on social media. Use the school's own channels.",
    },
    Obligation {
        name: "phone",
        wording: &["contact", "phone|mobile ~ number*", MESSAGE_TO_SOMEONE, "engagement online"],
        also: PUPILS_OR_PARENTS,
        unless: &[],
        named: PHONE_WORDS,
        needs: Needs::Prohibition,
        category: Category::ContactDetails,
        detect: r#"{ kind = "phone" }"#,
        authors: &[Staff],
        channels: OWN_ACCOUNTS,
        narrowed: true,
        message: "Giving {pupils} or parents your own number is contacting them outside the school's channels. Use the school office.",
    },
    Obligation {
        name: "handle",
        wording: &["contact", "social networking details", MESSAGE_TO_SOMEONE, "engagement online"],
        also: PUPILS_OR_PARENTS,
        unless: &[],
        named: SOCIAL_ACCOUNT_WORDS,
        needs: Needs::Prohibition,
        category: Category::ContactDetails,
        detect: r#"{ kind = "handle" }"#,
        authors: &[Staff],
        channels: OWN_ACCOUNTS,
        narrowed: true,
        message: "Giving {pupils} or parents your own social-media account invites contact the policy forbids.",
    },
    Obligation {
        name: "personal-email",
        wording: &["personal email*", "email address*", "personal e-mail*", "e-mail address*"],
        also: &[],
        // "I will not use personal emails to send and receive personal data": how data is
        // handled, not an address given out in a post.
        unless: &["send|receive|store|transfer ~ data"],
        named: &[],
        needs: Needs::Prohibition,
        category: Category::ContactDetails,
        detect: r#"{ kind = "email", personal_only = true }"#,
        authors: &[Staff],
        channels: EVERYWHERE,
        narrowed: true,
        message: "Use your school e-mail address for school business; keep your personal address out of it.",
    },
    Obligation {
        name: "contact-staff",
        wording: CONTACT,
        also: STAFF_MEMBERS,
        unless: HOSTILE_MESSAGES,
        named: &[],
        needs: Needs::Prohibition,
        category: Category::ContactRequest,
        detect: r#"{ kind = "contact-request", towards = "staff" }"#,
        authors: &[Pupil, Parent],
        channels: OWN_ACCOUNTS,
        narrowed: true,
        message: "Please don't friend, follow or message staff on social media: contact the school instead.",
    },
    Obligation {
        name: "private-messages",
        wording: CONTACT,
        // Only where the clause says it is about the school's own accounts.
        also: &[
            "official",
            "school|school's account*|page|pages|channel|channels|site|sites|platform*",
            "on behalf of",
            "capacity as",
        ],
        unless: &[],
        named: &[],
        needs: Needs::Prohibition,
        category: Category::ContactRequest,
        detect: r#"{ kind = "contact-request", towards = "pupils-or-parents" }"#,
        authors: &[Staff],
        channels: SCHOOL_ACCOUNTS,
        narrowed: true,
        message: "The school's accounts don't invite private messages or friend requests: point people to the school office.",
    },
    Obligation {
        name: "home-address",
        wording: &["home address*"],
        also: &[],
        unless: &[],
        named: &[],
        needs: Needs::Duty,
        category: Category::Location,
        detect: r#"{ kind = "home-address" }"#,
        authors: EVERYONE,
        channels: OWN_ACCOUNTS,
        narrowed: true,
        message: "Keep home addresses off social media.",
    },
    Obligation {
        name: "home-address-contact",
        wording: &["home address*"],
        also: &[],
        unless: &[],
        named: &[],
        needs: Needs::Duty,
        category: Category::ContactDetails,
        detect: r#"{ kind = "home-address" }"#,
        authors: EVERYONE,
        channels: OWN_ACCOUNTS,
        narrowed: true,
        message: "Don't give out a home address on social media.",
    },
    // ── Identifying pupils and the school ────────────────────────────────────────────────────
    Obligation {
        name: "full-name",
        wording: IDENTIFY_PUPIL,
        also: &[],
        unless: &[],
        named: &[],
        needs: Needs::Duty,
        category: Category::PupilIdentity,
        detect: r#"{ kind = "full-name" }"#,
        authors: &[Staff],
        channels: SCHOOL_ACCOUNTS,
        narrowed: true,
        message: "Don't post information that could identify one of our {pupils}: a first name at most, or a label like 'Year 5'.",
    },
    Obligation {
        name: "date-of-birth",
        wording: IDENTIFY_PUPIL,
        also: &[],
        unless: &[],
        named: BIRTHDAY_WORDS,
        needs: Needs::Duty,
        category: Category::PupilIdentity,
        detect: r#"{ kind = "date-of-birth" }"#,
        authors: &[Staff],
        channels: SCHOOL_ACCOUNTS,
        narrowed: true,
        message: "A date of birth could identify one of our {pupils}: leave it out.",
    },
    Obligation {
        name: "pupil-address",
        wording: IDENTIFY_PUPIL,
        also: &[],
        unless: &[],
        named: ADDRESS_WORDS,
        needs: Needs::Duty,
        category: Category::Location,
        detect: r#"{ kind = "home-address" }"#,
        authors: &[Staff],
        channels: SCHOOL_ACCOUNTS,
        narrowed: true,
        message: "An address could identify one of our {pupils} and where they live: leave it out.",
    },
    Obligation {
        name: "name-with-image",
        wording: IDENTIFY_PUPIL,
        also: IMAGES,
        unless: &[],
        named: &[],
        needs: Needs::Duty,
        // The contract files "a name alongside an image" under pupil identity: what it gives
        // away is who the child is, whatever the consent.
        category: Category::PupilIdentity,
        detect: r#"{ kind = "media", checks = ["name-alongside"] }"#,
        authors: &[Staff],
        channels: SCHOOL_ACCOUNTS,
        narrowed: true,
        message: "Never put a child's full name beside a photo or video of them.",
    },
    Obligation {
        name: "names-with-class",
        wording: IDENTIFY_PUPIL,
        also: &[],
        unless: &[],
        named: &[],
        needs: Needs::Duty,
        category: Category::PupilIdentity,
        detect: r#"{ kind = "full-name", with_class = true }"#,
        authors: &[Staff],
        channels: &[Personal, Group],
        narrowed: false,
        message: "Don't post information that could identify one of our {pupils} on your own accounts: no names, classes or year groups.",
    },
    Obligation {
        name: "pupil-details",
        // Photos of other children are `photos-of-others-children`, a media-consent rule.
        wording: &["details ~ pupils|students|children", "comments concerning|about ~ pupils|students|children"],
        also: &[],
        // Negative comments about pupils are criticism or bullying, not details that identify.
        unless: &["negative|offensive|derogatory|abusive|rude|unkind ~ comments"],
        named: &[],
        needs: Needs::Duty,
        category: Category::PupilIdentity,
        detect: r#"{ kind = "full-name", with_class = true }"#,
        authors: &[Parent],
        channels: &[School, Personal, Group],
        narrowed: true,
        message: "Please don't name other children or give details that identify them.",
    },
    Obligation {
        name: "pictures-of-pupils",
        wording: &[
            "identify* ~ pupil*|student*|child|children",
            "image*|imagery|video*|photo* ~ personal account*",
            // "No images … should ever be uploaded to staff personal websites" (two gaps: up to
            // twelve words between).
            "image*|imagery|video*|photo* ~ ~ staff|staff's|teachers personal|own",
            "only ~ official school platforms|accounts|channels",
        ],
        also: &[],
        unless: &[],
        named: &[],
        needs: Needs::Duty,
        category: Category::MediaConsent,
        detect: r#"{ kind = "media", checks = ["any-pupils"] }"#,
        authors: &[Staff],
        channels: &[Personal, Group],
        narrowed: false,
        message: "Pictures of {pupils} identify them: they don't go on your own accounts.",
    },
    Obligation {
        name: "names-school",
        wording: &["identify* ~ school", "only ~ official school platforms|accounts|channels"],
        also: &[],
        unless: &["employee*"],
        named: &[],
        needs: Needs::Duty,
        category: Category::SchoolIdentity,
        detect: r#"{ kind = "school-name" }"#,
        authors: &[Staff],
        channels: &[Personal],
        narrowed: false,
        message: "Don't post information that could identify the school on your own accounts.",
    },
    Obligation {
        name: "identifies-as-employee",
        wording: &["identify* ~ employee*", "identifying themselves", "identify themselves"],
        also: &[],
        unless: &[],
        named: &[],
        needs: Needs::Duty,
        category: Category::SchoolIdentity,
        detect: r#"{ kind = "school-name", employee_cues = true }"#,
        authors: &[Staff],
        channels: &[Personal],
        narrowed: false,
        message: "Avoid identifying yourself as one of the school's employees on your own accounts.",
    },
    // ── What posts say ───────────────────────────────────────────────────────────────────────
    Obligation {
        name: "personal-view",
        wording: &[
            "views are personal",
            "personal view*|opinion*",
            "neutral opinion*",
            "not those of the school",
            "distinction between school ~ personal",
        ],
        also: &[],
        unless: &[],
        named: &[],
        needs: Needs::Duty,
        category: Category::PersonalOpinion,
        detect: r#"{ kind = "personal-opinion" }"#,
        authors: &[Staff],
        channels: SCHOOL_ACCOUNTS,
        narrowed: false,
        message: "On the school's accounts a personal view reads as the school's: keep opinions for your own accounts, marked as yours.",
    },
    Obligation {
        name: "political",
        wording: &["political|politics|inflammatory", "represent ~ personal views"],
        also: &[],
        unless: &[],
        named: &[],
        needs: Needs::Duty,
        category: Category::Political,
        detect: r#"{ kind = "political" }"#,
        authors: &[Staff],
        channels: SCHOOL_ACCOUNTS,
        narrowed: true,
        message: "The school's accounts don't take sides in politics: leave party politics and campaigns out.",
    },
    Obligation {
        name: "disrepute",
        wording: &[
            // What is damaging to the school or its people, not "damage the school network".
            "damaging to ~ school|staff|pupils|students|community",
            "damag* ~ reputation|name|standing",
            "disrepute",
            "criticis*",
            "complain* about",
            "air|airing|aired ~ views|grievances|complaints|concerns",
            "complain*|concerns ~ social media|networking",
            "complain*|concerns ~ online|post*|facebook|whatsapp|twitter|groups",
            "defamatory|defame",
            // Not "vulgar, obscene or derogatory language", which is a language rule.
            "derogatory|disparaging ~ school|staff|comment*|remark*|post*|about",
            // Not "malicious code".
            "malicious comment*|remark*|post*|statement*|gossip|rumour*|communication*|content",
            "negative|offensive comments|remarks|posts|views ~ school|staff",
            "comments about ~ school|staff",
            "positive in nature",
            "ambassador",
        ],
        also: &[],
        // "Damaging or destroying school property" is not about posts; "be positive or offer
        // constructive criticism" of others' work allows criticism.
        unless: &["property", "constructive criticism|feedback"],
        named: &[],
        needs: Needs::Duty,
        category: Category::Disrepute,
        detect: r#"{ kind = "criticism" }"#,
        authors: EVERYONE,
        channels: EVERYWHERE,
        narrowed: true,
        message: "Don't post criticism of the school, its staff or {pupils}: raise concerns with the school so they can be dealt with.",
    },
    Obligation {
        name: "language",
        wording: &[
            "offensive",
            "school-friendly|appropriate ~ language",
            "swear*|profan*|obscene|vulgar",
            "positive in nature",
            "be professional",
            "professional ~ manner|conduct|behaviour|responsible|credible",
        ],
        also: &[],
        unless: &["property"],
        named: &[],
        needs: Needs::Duty,
        category: Category::OffensiveLanguage,
        detect: r#"{ kind = "offensive", min_severity = 1 }"#,
        authors: &[Staff],
        channels: SCHOOL_ACCOUNTS,
        narrowed: true,
        message: "The school's accounts use school-friendly language: choose a different word.",
    },
    Obligation {
        name: "language",
        wording: &[
            "offensive",
            "swear*|profan*|obscene|vulgar",
            "bad|foul|inappropriate language",
            "respectful towards",
            "courtesy",
            "kindness ~ respect",
            "appropriate manner",
            // "the same standards of behaviour are expected online": not a policy that "sets out
            // the standards of behaviour expected", which says what a list is, or an introduction's
            // "standards of behaviour … which need to be considered".
            "same ~ standards of behaviour",
            "standards of behaviour are|is|as expected",
            "be professional",
            "professional ~ manner|conduct|behaviour|responsible|credible",
        ],
        also: &[],
        unless: &["property"],
        named: &[],
        needs: Needs::Duty,
        category: Category::OffensiveLanguage,
        detect: r#"{ kind = "offensive", min_severity = 2 }"#,
        authors: EVERYONE,
        channels: EVERYWHERE,
        narrowed: true,
        message: "Leave the swearing out: it reflects on you and the school.",
    },
    Obligation {
        name: "discrimination",
        wording: &["discriminat*", "racis*|homophob*|sexis*|hate", "equalit*", "respectful of other", "hurtful"],
        also: &[],
        // "discriminate between valid and inappropriate material": telling apart.
        unless: &["does not discriminate", "policy ~ discriminate", "discriminate between|among"],
        named: &[],
        needs: Needs::Duty,
        category: Category::Discrimination,
        detect: r#"{ kind = "discrimination" }"#,
        authors: EVERYONE,
        channels: EVERYWHERE,
        narrowed: true,
        message: "That is unkind about who someone is: discriminatory posts are taken seriously.",
    },
    Obligation {
        name: "bullying",
        wording: &[
            "bully|bullying|bullied|cyberbully*|cyberbullying",
            "harass*|humiliat*|intimidat*",
            "mock|tease|insult",
            "threatening|hurtful",
            "respectful of other",
        ],
        also: &[],
        // "Threatening to disrupt school operations" threatens the school's work, not a person.
        unless: &[
            "anti-bullying",
            "anti",
            "at risk",
            "reports of",
            "allegations",
            "defines",
            "defined",
            "prevention",
            "disrupt|disrupting",
            // "Don't reply to bullying or threatening text messages": advice to whoever is
            // bullied, not a rule against bullying.
            "reply|respond ~ bully*|bullying|threatening",
        ],
        named: &[],
        needs: Needs::Duty,
        category: Category::Bullying,
        detect: r#"{ kind = "bullying" }"#,
        authors: EVERYONE,
        channels: EVERYWHERE,
        narrowed: true,
        message: "That could really hurt someone: bullying online is taken seriously.",
    },
    Obligation {
        name: "confidential",
        wording: &[
            "confidential*",
            "behaviour issue*",
            "sensitive",
            "gossip",
            "personal information ~ discussed|shared",
            "shared or discussed",
            // Comments about the school itself are criticism (`disrepute`), not private matters.
            "comments about|concerning ~ pupils|students|children|staff",
            "private about",
            "not yet public",
        ],
        also: &[],
        // Defamatory comments about staff are criticism (`disrepute`), not private matters.
        // A password kept confidential is a credential (`credentials`), not someone's private
        // matter.
        // Nor is how the setting e-mails information ("E mailing of personal, sensitive,
        // confidential … information should be avoided"), nor "sensitive to the needs of
        // children".
        // Nor what a channel to the school is for ("Messaging through Dojo should not be used
        // for sensitive or behavioural issues": raise them in person), nor where files are saved.
        unless: &[
            "defamatory|derogatory|libellous|malicious",
            "password*|passwords|login*|log-in|logon*",
            "e mailing|emailing|e-mailing",
            "sensitive to",
            "used for ~ issues|discussions|concerns|enquiries|queries",
            "save|saved|store|stored ~ confidential",
        ],
        named: &[],
        needs: Needs::Duty,
        category: Category::Confidential,
        detect: r#"{ kind = "sensitive" }"#,
        authors: EVERYONE,
        channels: EVERYWHERE,
        narrowed: true,
        message: "Keep other people's private matters off social media: health, behaviour, safeguarding and plans not yet public.",
    },
    Obligation {
        name: "copyright",
        wording: &[
            "copyright",
            // Someone else's work, not "someone else's child".
            "someone else's ~ photo*|image*|video*|content|work|pictures|posts|music",
            "for their own personal use",
            "take ~ posts|images|videos ~ belong",
        ],
        also: &[],
        // A reminder that shared information "is still subject to copyright … legislation".
        unless: &["subject to"],
        named: &[],
        needs: Needs::Duty,
        category: Category::Copyright,
        detect: r#"{ kind = "reposted" }"#,
        authors: &[Staff],
        channels: &[School, Personal, Group],
        narrowed: true,
        message: "Only post pictures and content that are yours to post, or credit them with permission.",
    },
    Obligation {
        name: "unverified",
        wording: &[
            "believing everything",
            "know to be true",
            "chain message*|letter*",
            "rumour*",
            "lies",
            "fake news",
            "misinformation",
        ],
        also: &[],
        unless: &[],
        named: &[],
        needs: Needs::Duty,
        category: Category::Unverified,
        detect: r#"{ kind = "chain-message" }"#,
        authors: &[Staff, Pupil],
        channels: EVERYWHERE,
        narrowed: true,
        message: "Not everything online is true: don't pass on chain messages or rumours.",
    },
    Obligation {
        name: "passwords",
        wording: &["password*", "login|log-in details", "log in details", "account information"],
        also: &[],
        // Who looks after the school account's password ("They will be responsible for password
        // protection") is an arrangement, and logging on with one's own is how to log on: neither
        // is a rule for posts.
        // Using someone else's password is misuse of the network, not a password given away
        // in a post.
        unless: &[
            "responsible for",
            "log|logging on|in ~ own",
            // "… with the login and password I have been given": how to log on.
            "password* ~ been given|issued|provided",
            // "Only use usernames and passwords given to me by an adult": which to log on with.
            "password*|passwords given to",
            "using|with my|their|your own ~ password*|username*|user",
            // "You need to use your own username and password", "always use your own personal
            // passwords": whose login to log on with ("only use my own …, which is secret" still
            // keeps it secret).
            "need to use my|their|your own ~ password*|username*|user",
            "always use my|their|your own ~ password*|username*|user",
            // "Students should try to use passwords which are not obvious to others": how a
            // password is chosen, not one given away ("Using strong passwords", a seed's
            // hand-written rule, is left a rule); "a secure password system": the school's own.
            "password* ~ not obvious",
            "password* ~ hard|difficult to guess",
            "password system*",
            // "I will comply with … password protocols set by the Network Manager": rules kept,
            // not named; "log onto a computer using their pupil login details": how to log on.
            "comply|complying with ~ password*",
            "using|with my|their|your ~ login|log-in details",
            "use|using ~ another|else|else's|other|others|people's ~ password*|passwords|username*|logon*|login*",
            // "Don't interfere with anyone else's passwords, settings or files": misuse of the
            // network, not a password given away.
            "interfere|tamper|meddle ~ else's|other|others|people's ~ password*|passwords",
            // "I will not try to find out any other passwords": prying, not giving one away.
            "find|discover|guess|obtain ~ else's|other|others|people's ~ password*|passwords",
            // "Class Dojo, the password-protected learning platform": a platform described.
            "password-protected",
            "password protected",
            // "If any staff member suspects that their login details have been compromised, they
            // must notify the managers": what to do then, not a password given away.
            "compromised",
        ],
        named: &[],
        needs: Needs::Duty,
        category: Category::Credentials,
        detect: r#"{ kind = "credentials" }"#,
        authors: EVERYONE,
        channels: EVERYWHERE,
        narrowed: true,
        message: "Never share a password or login details, not even in a private message.",
    },
    // ── Pictures ─────────────────────────────────────────────────────────────────────────────
    Obligation {
        name: "media-consent",
        wording: &["consent ~ image*|video*|photo*|imagery", "image*|video*|photo*|imagery ~ consent"],
        also: &[],
        unless: &[],
        named: &[],
        needs: Needs::Duty,
        category: Category::MediaConsent,
        detect: r#"{ kind = "media", checks = ["consent", "media-type"] }"#,
        authors: &[Staff],
        channels: SCHOOL_ACCOUNTS,
        narrowed: true,
        message: "Post pictures of {pupils} only with consent for that kind of picture (photo or video).",
    },
    Obligation {
        name: "dress",
        wording: &["suitably|appropriately dressed", "swimwear"],
        also: &[],
        unless: &[],
        named: &[],
        needs: Needs::Duty,
        category: Category::MediaConsent,
        detect: r#"{ kind = "media", checks = ["dress"] }"#,
        authors: &[Staff],
        channels: SCHOOL_ACCOUNTS,
        narrowed: true,
        message: "Only post pictures of {pupils} who are suitably dressed: no swimwear.",
    },
    Obligation {
        name: "photos-of-others-children",
        wording: &[
            "photo*|video*|image*|imagery ~ child|children|pupil*|student*",
            "other than my own",
            "image*|imagery|video*|photo* ~ personal account*",
            // Pictures taken at school kept off the internet: "we request that these images are
            // not distributed or put online", "Parents are requested not to put photographs from
            // school onto the internet". Not "those who do not want their images online".
            "image*|imagery|video*|photo* ~ not ~ online|internet|distributed",
            "not|never ~ post|put|share|upload|distribute ~ images|photos|videos|photographs ~ online|internet|social",
        ],
        also: &[],
        // "never put names with photos of children" identifies a child (`pupil-identity`); "to
        // staff personal websites" is where staff post, not parents.
        unless: &[
            "name|names ~ with|beside|alongside ~ photo*|image*|picture*|video*",
            "staff|staff's|teachers personal|own",
            // "Never share a video or image depicting any kind of abuse involving children": an
            // image of a crime, reported, never a matter of its parents' permission.
            "depicting|showing ~ abuse",
        ],
        named: &[],
        needs: Needs::Prohibition,
        category: Category::MediaConsent,
        detect: r#"{ kind = "media", checks = ["others-children"] }"#,
        authors: &[Parent],
        channels: &[School, Personal, Group],
        narrowed: true,
        message: "Please don't share photos or videos of other people's children without their parents' permission.",
    },
    Obligation {
        name: "photos",
        wording: &["image*|imagery|video*|photo* ~ personal account*", "photo*|photos ~ yourself"],
        also: &[],
        unless: &[],
        named: &[],
        needs: Needs::Prohibition,
        category: Category::MediaConsent,
        detect: r#"{ kind = "media", checks = ["any-pupils"] }"#,
        authors: &[Pupil],
        channels: &[Personal, Group, Direct],
        narrowed: true,
        message: "Don't post or send photos or videos of yourself or other {pupils}.",
    },
    // ── Pupils keeping themselves safe ───────────────────────────────────────────────────────
    Obligation {
        name: "age-limits",
        wording: &[
            "age restriction*",
            "minimum|permitted|required|legal age",
            "under|below the age of",
            "below|under the ~ age",
            "appropriate for their age",
            "age limit*",
        ],
        also: &[],
        unless: &[],
        named: &[],
        needs: Needs::Duty,
        category: Category::AgeRestriction,
        detect: r#"{ kind = "platform-age" }"#,
        authors: &[Pupil],
        channels: EVERYWHERE,
        narrowed: true,
        message: "You're not old enough for this app yet: follow the age rules.",
    },
    Obligation {
        name: "meeting",
        wording: &["meet ~ online", "meet ~ friends", "met online", "stay safe online"],
        also: &[],
        unless: &[RULES_FOLLOWED],
        named: &[],
        needs: Needs::Duty,
        category: Category::Meeting,
        detect: r#"{ kind = "online-meeting" }"#,
        authors: &[Pupil],
        channels: EVERYWHERE,
        narrowed: true,
        message: "Never meet someone you only know online: tell a grown-up you trust.",
    },
    Obligation {
        name: "full-name",
        wording: PUPIL_PERSONAL_INFORMATION,
        also: &[],
        unless: OTHERS_INFORMATION,
        named: NAME_WORDS,
        needs: Needs::Duty,
        category: Category::PupilIdentity,
        detect: r#"{ kind = "full-name" }"#,
        authors: &[Pupil],
        channels: EVERYWHERE,
        narrowed: true,
        message: "Don't give out your full name online.",
    },
    Obligation {
        name: "date-of-birth",
        wording: PUPIL_PERSONAL_INFORMATION,
        also: &[],
        unless: OTHERS_INFORMATION,
        named: BIRTHDAY_WORDS,
        needs: Needs::Duty,
        category: Category::PupilIdentity,
        detect: r#"{ kind = "date-of-birth" }"#,
        authors: &[Pupil],
        channels: EVERYWHERE,
        narrowed: true,
        message: "Your birthday is personal information: keep it to yourself online.",
    },
    Obligation {
        name: "phone",
        wording: PUPIL_PERSONAL_INFORMATION,
        also: &[],
        unless: OTHERS_INFORMATION,
        named: PHONE_WORDS,
        needs: Needs::Duty,
        category: Category::ContactDetails,
        detect: r#"{ kind = "phone" }"#,
        authors: &[Pupil],
        channels: EVERYWHERE,
        narrowed: true,
        message: "Don't give out your phone number online.",
    },
    Obligation {
        name: "email",
        wording: PUPIL_PERSONAL_INFORMATION,
        also: &[],
        unless: OTHERS_INFORMATION,
        named: EMAIL_WORDS,
        needs: Needs::Duty,
        category: Category::ContactDetails,
        detect: r#"{ kind = "email" }"#,
        authors: &[Pupil],
        channels: EVERYWHERE,
        narrowed: true,
        message: "Don't give out your email address online.",
    },
    Obligation {
        name: "handle",
        wording: PUPIL_PERSONAL_INFORMATION,
        also: &[],
        unless: OTHERS_INFORMATION_OR_OWN_LOGIN,
        named: USERNAME_WORDS,
        needs: Needs::Duty,
        category: Category::ContactDetails,
        detect: r#"{ kind = "handle" }"#,
        authors: &[Pupil],
        channels: EVERYWHERE,
        narrowed: true,
        message: "Don't give your username to people you only know online.",
    },
    Obligation {
        name: "home-address",
        wording: PUPIL_PERSONAL_INFORMATION,
        also: &[],
        unless: OTHERS_INFORMATION,
        named: ADDRESS_WORDS,
        needs: Needs::Duty,
        category: Category::Location,
        detect: r#"{ kind = "home-address" }"#,
        authors: &[Pupil],
        channels: EVERYWHERE,
        narrowed: true,
        message: "Never say where you live online.",
    },
    Obligation {
        name: "home-address-contact",
        wording: PUPIL_PERSONAL_INFORMATION,
        also: &[],
        unless: OTHERS_INFORMATION,
        named: ADDRESS_WORDS,
        needs: Needs::Duty,
        category: Category::ContactDetails,
        detect: r#"{ kind = "home-address" }"#,
        authors: &[Pupil],
        channels: EVERYWHERE,
        narrowed: true,
        message: "Never give your address to people online.",
    },
    Obligation {
        name: "whereabouts",
        wording: PUPIL_PERSONAL_INFORMATION,
        also: &[],
        unless: OTHERS_INFORMATION,
        named: WHEREABOUTS_WORDS,
        needs: Needs::Duty,
        category: Category::Location,
        detect: r#"{ kind = "whereabouts" }"#,
        authors: &[Pupil],
        channels: EVERYWHERE,
        narrowed: true,
        message: "Don't say where you are, where you'll be, or when you're home alone.",
    },
    Obligation {
        name: "passwords",
        wording: PUPIL_PERSONAL_INFORMATION,
        also: &[],
        unless: OTHERS_INFORMATION,
        named: PASSWORD_WORDS,
        needs: Needs::Duty,
        category: Category::Credentials,
        detect: r#"{ kind = "credentials" }"#,
        authors: &[Pupil],
        channels: EVERYWHERE,
        narrowed: true,
        message: "Your password is yours alone: don't tell anyone, even friends.",
    },
];
