//! Detectors: the code that finds things in a draft. One detector, one file.
//!
//! A school's rules (data, in `policies/<id>/rules.toml`) name a detector and its settings in
//! `detect = { kind = "…", … }`; the rule gives the category, severity, clause and message.
//! A detector only says *where* in the draft it found something. The same detector may serve
//! several rules (a street address is both `location` and `contact-details`).
//!
//! Every detector reads a [`Draft`]: the original text, its folded form and tokens, the
//! context (who, where, media) and the school's [`Vocabulary`].

mod bullying;
mod chain_message;
mod class_name;
mod contact_request;
mod credentials;
mod criticism;
mod date_of_birth;
mod discrimination;
mod email;
mod full_name;
mod handle;
mod home_address;
mod media;
pub mod model;
pub mod offensive;
mod online_meeting;
mod personal_opinion;
mod phone;
mod phrases;
mod platform_age;
mod political;
mod reposted;
mod school_name;
mod sensitive;
pub mod tone;
mod vocabulary;
mod whereabouts;

pub use vocabulary::Vocabulary;

use crate::model::{Category, Context, Span};
use crate::text::normalise::{Folded, fold};
use crate::text::pattern::{CueEngine, Matches, PatternError, PatternMatch, PatternSet};
use crate::text::tokens::{Token, tokenise};
use serde::{Deserialize, Serialize};
use std::cell::{OnceCell, RefCell};

/// A detector and its settings, as a rule's `detect` table gives them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum DetectorSpec {
    /// A child's full name, or a first name with a class or year group.
    FullName(full_name::Settings),
    /// A class or year group named: "Hedgehogs class", "Class 4", "4B", "Year 6".
    ClassName(NoSettings),
    /// A date of birth.
    DateOfBirth(NoSettings),
    /// UK phone numbers.
    Phone(phone::Settings),
    /// E-mail addresses.
    Email(email::Settings),
    /// Social-media handles.
    Handle(handle::Settings),
    /// Street addresses and postcodes.
    HomeAddress(NoSettings),
    /// Where someone is now or will be: live location, routines, meeting places.
    Whereabouts(NoSettings),
    /// The school's name (also misspelt), and staff identifying themselves as its employees.
    SchoolName(school_name::Settings),
    /// Swearing and crude words, also disguised.
    Offensive(offensive::Settings),
    /// Slurs and demeaning statements about protected characteristics.
    Discrimination(NoSettings),
    /// Insults, threats, humiliation and exclusion aimed at someone.
    Bullying(NoSettings),
    /// Party politics and campaigns.
    Political(NoSettings),
    /// "I think", "personally": personal views.
    PersonalOpinion(NoSettings),
    /// Criticism of and complaints about the school, its staff or pupils.
    Criticism(NoSettings),
    /// Others' private matters: health, safeguarding, behaviour incidents, plans not public.
    Sensitive(NoSettings),
    /// Friend, follow and message requests between staff and pupils or parents.
    ContactRequest(contact_request::Settings),
    /// Arranging to meet someone known only online.
    OnlineMeeting(online_meeting::Settings),
    /// Passwords, PINs, login details.
    Credentials(NoSettings),
    /// Chain messages and rumours passed on.
    ChainMessage(NoSettings),
    /// Someone else's content reposted without permission or credit.
    Reposted(NoSettings),
    /// Attached media against the image rules.
    Media(media::Settings),
    /// A pupil on a platform below its minimum age.
    PlatformAge(NoSettings),
    /// The school's own cue phrases.
    Phrases(phrases::Settings),
}

/// Settings of a detector that has none. `{ kind = "phone" }` takes no other keys.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoSettings {}

/// A draft prepared once for every detector.
pub struct Draft<'a> {
    /// The text as written.
    pub text: &'a str,
    /// The folded text.
    pub folded: Folded,
    /// Its words.
    pub tokens: Vec<Token>,
    /// Who writes, where, and media.
    pub context: &'a Context,
    /// The school's words.
    pub vocabulary: &'a Vocabulary,
    /// The checker's cue patterns.
    engine: &'a CueEngine,
    /// What they match, found once, on first use.
    matches: OnceCell<Matches>,
    /// The offensive terms in the draft, found once for the detectors that need them.
    terms: OnceCell<Vec<offensive::Hit>>,
    /// What the learned model says of the draft, found once.
    judgement: OnceCell<Vec<(Category, Span)>>,
    /// The learned model's spans that detectors added ([`Draft::add_learned`]), in order: the
    /// checker tells them from what cues found.
    learned: RefCell<Vec<Span>>,
    /// The tone tier, when the draft is checked with it.
    tone: Option<&'a tone::ToneModel>,
    /// What the tone tier says of the draft, found once.
    tone_judgement: OnceCell<Vec<tone::ToneFinding>>,
}

impl<'a> Draft<'a> {
    /// Prepares `text` for detection with a checker's vocabulary and cue patterns.
    pub fn new(text: &'a str, context: &'a Context, vocabulary: &'a Vocabulary, engine: &'a CueEngine) -> Draft<'a> {
        let folded = fold(text);
        let mut tokens = tokenise(text, &folded);
        vocabulary.annotate(&mut tokens);
        Draft {
            text,
            folded,
            tokens,
            context,
            vocabulary,
            engine,
            matches: OnceCell::new(),
            terms: OnceCell::new(),
            judgement: OnceCell::new(),
            learned: RefCell::new(Vec::new()),
            tone: None,
            tone_judgement: OnceCell::new(),
        }
    }

    /// The same draft, checked with the tone tier too: its findings are added to the cues' and
    /// the word-level model's, never in their place.
    pub fn with_tone(self, tone: &'a tone::ToneModel) -> Draft<'a> {
        Draft { tone: Some(tone), ..self }
    }

    /// The original span of tokens `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let first = self.tokens[start].span;
        let last = self.tokens[end.max(start + 1) - 1].span;
        first.cover(last)
    }

    /// The original span of a pattern match.
    pub fn match_span(&self, m: &PatternMatch) -> Span {
        self.span(m.start, m.end)
    }

    /// Every match of `set`.
    pub fn find(&self, set: &PatternSet) -> Vec<PatternMatch> {
        self.matches.get_or_init(|| self.engine.run(&self.tokens)).of(*set).to_vec()
    }

    /// Where the learned model finds `category` in the draft, if it does (see `detect::model`).
    pub fn model_span(&self, category: Category) -> Option<Span> {
        self.judgement.get_or_init(|| model::judge(self)).iter().find(|(c, _)| *c == category).map(|(_, span)| *span)
    }

    /// Where the tone tier finds `category` in the draft, when the draft is checked with it.
    pub fn tone_span(&self, category: Category) -> Option<Span> {
        let tone = self.tone?;
        self.tone_judgement.get_or_init(|| tone.judge(self)).iter().find(|f| f.category == category).map(|f| f.span)
    }

    /// Adds where the learned models (the word-level model, then the tone tier when the draft
    /// is checked with it) find `category` to what a detector `found`, unless something was
    /// already found there: one finding per place, worded by the cue.
    pub fn add_learned(&self, category: Category, found: &mut Vec<Span>) {
        for span in [self.model_span(category), self.tone_span(category)].into_iter().flatten() {
            if !found.iter().any(|f| f.overlaps(span)) {
                found.push(span);
                self.learned.borrow_mut().push(span);
            }
        }
    }

    /// How many learned spans detectors have added so far.
    pub fn learned_count(&self) -> usize {
        self.learned.borrow().len()
    }

    /// The learned spans added since there were `count` of them.
    pub fn learned_since(&self, count: usize) -> Vec<Span> {
        self.learned.borrow().get(count..).map(<[Span]>::to_vec).unwrap_or_default()
    }

    /// The offensive terms in the draft, of any kind and severity.
    pub fn offensive_terms(&self) -> &[offensive::Hit] {
        self.terms.get_or_init(|| offensive::find_terms(self))
    }

    /// Indices of the tokens in sentence `sentence`.
    pub fn sentence(&self, sentence: u32) -> std::ops::Range<usize> {
        let start = self.tokens.partition_point(|t| t.sentence < sentence);
        let end = self.tokens.partition_point(|t| t.sentence <= sentence);
        start..end
    }

    /// The original text between two tokens; empty when they come from the same character
    /// (one character can fold to several: "¼" to "1⁄4").
    pub fn between(&self, a: &Token, b: &Token) -> &'a str {
        self.text.get(a.span.end..b.span.start).unwrap_or("")
    }

    /// The original text of a token as written.
    pub fn raw(&self, token: &Token) -> &'a str {
        &self.text[token.span.start..token.span.end]
    }
}

/// A detector ready to run.
pub trait Detect: Send + Sync {
    /// Adds the span of everything found in `draft` to `found`.
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>);
}

impl DetectorSpec {
    /// Builds the detector, compiling its patterns into `engine` against the school's
    /// vocabulary.
    pub fn build(&self, vocabulary: &Vocabulary, engine: &mut CueEngine) -> Result<Box<dyn Detect>, PatternError> {
        Ok(match self {
            DetectorSpec::FullName(s) => Box::new(full_name::FullName::new(s.clone(), vocabulary, engine)),
            DetectorSpec::ClassName(_) => Box::new(class_name::ClassName),
            DetectorSpec::DateOfBirth(_) => Box::new(date_of_birth::DateOfBirth::new(vocabulary, engine)),
            DetectorSpec::Phone(s) => Box::new(phone::Phone::new(s.clone())),
            DetectorSpec::Email(s) => Box::new(email::Email::new(s.clone())),
            DetectorSpec::Handle(settings) => Box::new(handle::Handle::new(settings.clone(), vocabulary, engine)),
            DetectorSpec::HomeAddress(_) => Box::new(home_address::HomeAddress),
            DetectorSpec::Whereabouts(_) => Box::new(whereabouts::Whereabouts::new(vocabulary, engine)),
            DetectorSpec::SchoolName(s) => Box::new(school_name::SchoolName::new(s.clone(), vocabulary, engine)),
            DetectorSpec::Offensive(s) => Box::new(offensive::Offensive::new(s.clone())),
            DetectorSpec::Discrimination(_) => Box::new(discrimination::Discrimination::new(vocabulary, engine)),
            DetectorSpec::Bullying(_) => Box::new(bullying::Bullying::new(vocabulary, engine)),
            DetectorSpec::Political(_) => Box::new(political::Political::new(vocabulary, engine)),
            DetectorSpec::PersonalOpinion(_) => Box::new(personal_opinion::PersonalOpinion::new(vocabulary, engine)),
            DetectorSpec::Criticism(_) => Box::new(criticism::Criticism::new(vocabulary, engine)),
            DetectorSpec::Sensitive(_) => Box::new(sensitive::Sensitive::new(vocabulary, engine)),
            DetectorSpec::ContactRequest(s) => {
                Box::new(contact_request::ContactRequest::new(s.clone(), vocabulary, engine))
            }
            DetectorSpec::OnlineMeeting(settings) => {
                Box::new(online_meeting::OnlineMeeting::new(settings, vocabulary, engine))
            }
            DetectorSpec::Credentials(_) => Box::new(credentials::Credentials::new(vocabulary, engine)),
            DetectorSpec::ChainMessage(_) => Box::new(chain_message::ChainMessage::new(vocabulary, engine)),
            DetectorSpec::Reposted(_) => Box::new(reposted::Reposted::new(vocabulary, engine)),
            DetectorSpec::Media(s) => Box::new(media::Media::new(s.clone(), vocabulary, engine)),
            DetectorSpec::PlatformAge(_) => Box::new(platform_age::PlatformAge::new(vocabulary, engine)),
            DetectorSpec::Phrases(s) => Box::new(phrases::Phrases::new(s, vocabulary, engine)?),
        })
    }

    /// The detector's name as written in `kind`.
    pub fn kind(&self) -> &'static str {
        match self {
            DetectorSpec::FullName(_) => "full-name",
            DetectorSpec::ClassName(_) => "class-name",
            DetectorSpec::DateOfBirth(_) => "date-of-birth",
            DetectorSpec::Phone(_) => "phone",
            DetectorSpec::Email(_) => "email",
            DetectorSpec::Handle(_) => "handle",
            DetectorSpec::HomeAddress(_) => "home-address",
            DetectorSpec::Whereabouts(_) => "whereabouts",
            DetectorSpec::SchoolName(_) => "school-name",
            DetectorSpec::Offensive(_) => "offensive",
            DetectorSpec::Discrimination(_) => "discrimination",
            DetectorSpec::Bullying(_) => "bullying",
            DetectorSpec::Political(_) => "political",
            DetectorSpec::PersonalOpinion(_) => "personal-opinion",
            DetectorSpec::Criticism(_) => "criticism",
            DetectorSpec::Sensitive(_) => "sensitive",
            DetectorSpec::ContactRequest(_) => "contact-request",
            DetectorSpec::OnlineMeeting(_) => "online-meeting",
            DetectorSpec::Credentials(_) => "credentials",
            DetectorSpec::ChainMessage(_) => "chain-message",
            DetectorSpec::Reposted(_) => "reposted",
            DetectorSpec::Media(_) => "media",
            DetectorSpec::PlatformAge(_) => "platform-age",
            DetectorSpec::Phrases(_) => "phrases",
        }
    }
}

/// Registers a detector's built-in cue patterns. They are part of the crate and tested, so a
/// pattern that does not compile is a bug here: tests catch it, and a release build leaves it
/// out rather than failing a school's checker.
pub(crate) fn cue_set(lines: &[&str], vocabulary: &Vocabulary, engine: &mut CueEngine) -> PatternSet {
    engine.add_built_in(lines, vocabulary)
}

/// Test helpers shared by every detector's tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::model::{Author, Channel, MediaItem};

    /// A vocabulary for a school named "Oakfield Primary School" ("Oakfield"), pupils 4–11.
    pub(crate) fn vocabulary() -> Vocabulary {
        Vocabulary::for_tests()
    }

    /// A context for `author` on `channel`.
    pub(crate) fn context(author: Author, channel: Channel) -> Context {
        Context { author, channel, age: None, media: Vec::new() }
    }

    /// What `spec` finds in `text` for `author` on `channel`: the text of each span.
    #[track_caller]
    pub(crate) fn found(spec: &DetectorSpec, text: &str, context: &Context) -> Vec<String> {
        let vocabulary = vocabulary();
        let mut engine = CueEngine::default();
        let detector = spec.build(&vocabulary, &mut engine).expect("detector builds");
        let draft = Draft::new(text, context, &vocabulary, &engine);
        let mut spans = Vec::new();
        detector.detect(&draft, &mut spans);
        spans.into_iter().map(|s| text[s.start..s.end].to_owned()).collect()
    }

    /// Asserts that `spec` finds exactly `expected` (span texts) in `text`.
    #[track_caller]
    pub(crate) fn assert_finds(spec: &DetectorSpec, author: Author, channel: Channel, text: &str, expected: &[&str]) {
        let got = found(spec, text, &context(author, channel));
        assert_eq!(got, expected, "in {text:?}");
    }

    /// Asserts that `spec` finds something in each of `texts`.
    #[track_caller]
    pub(crate) fn assert_flags(spec: &DetectorSpec, author: Author, channel: Channel, texts: &[&str]) {
        let missed: Vec<&&str> =
            texts.iter().filter(|t| found(spec, t, &context(author, channel)).is_empty()).collect();
        assert!(missed.is_empty(), "{} found nothing in:\n{missed:#?}", spec.kind());
    }

    /// Asserts that `spec` finds nothing in any of `texts`.
    #[track_caller]
    pub(crate) fn assert_clean(spec: &DetectorSpec, author: Author, channel: Channel, texts: &[&str]) {
        let flagged: Vec<(&str, Vec<String>)> = texts
            .iter()
            .map(|t| (*t, found(spec, t, &context(author, channel))))
            .filter(|(_, f)| !f.is_empty())
            .collect();
        assert!(flagged.is_empty(), "{} wrongly found:\n{flagged:#?}", spec.kind());
    }

    /// A context with media.
    pub(crate) fn with_media(author: Author, channel: Channel, media: Vec<MediaItem>) -> Context {
        Context { author, channel, age: None, media }
    }
}
