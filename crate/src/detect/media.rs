//! # Photos and videos against the image rules
//!
//! **What it finds.** Attached media that the school's image rules do not allow, by the checks
//! a rule turns on:
//!
//! | check            | finds                                                                 |
//! |------------------|-----------------------------------------------------------------------|
//! | `consent`        | pupils shown without consent, or consent not checked                  |
//! | `media-type`     | a video when consent covers images only                               |
//! | `dress`          | a pupil in swimwear or otherwise unsuitably dressed                   |
//! | `others-children`| (parents) children other than one's own                               |
//! | `any-pupils`     | any pupil at all (personal accounts may not show pupils)              |
//! | `name-alongside` | a pupil's full name in the text beside media showing them             |
//!
//! **Why.** Schools post pupils' images only with consent for that kind of media, suitably
//! dressed, with general labels and never full names; staff, pupils and parents may not post
//! school images on personal accounts; parents may not post other people's children.
//!
//! **How.** From the media list of the draft's context, not from the picture itself. Findings
//! about media alone have the empty span at 0 (the contract's rule).

use super::full_name::{FullName, Settings as NameSettings};
use super::{Detect, Draft, Vocabulary};
use crate::model::{Consent, Span};
use crate::text::pattern::CueEngine;
use serde::{Deserialize, Serialize};

/// One thing to check about attached media.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MediaCheck {
    /// Pupils shown without consent, or consent not checked.
    Consent,
    /// A video with consent for images only.
    MediaType,
    /// Unsuitable dress.
    Dress,
    /// Children other than one's own.
    OthersChildren,
    /// Any pupil at all.
    AnyPupils,
    /// A full name beside media showing pupils.
    NameAlongside,
}

/// Settings of the media detector.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The checks to run.
    pub checks: Vec<MediaCheck>,
}

pub(super) struct Media {
    settings: Settings,
    names: FullName,
}

impl Media {
    pub(super) fn new(settings: Settings, vocabulary: &Vocabulary, engine: &mut CueEngine) -> Media {
        Media {
            settings,
            names: FullName::new(NameSettings { with_class: false, only_with_media: true }, vocabulary, engine),
        }
    }
}

impl Detect for Media {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
        for item in draft.context.media.iter().filter(|m| m.pupils > 0) {
            for check in &self.settings.checks {
                let breaks = match check {
                    MediaCheck::Consent => matches!(item.consent, Consent::None | Consent::Unknown),
                    MediaCheck::MediaType => item.consent == Consent::Images && !item.consent.covers(item.kind),
                    MediaCheck::Dress => item.swimwear,
                    MediaCheck::OthersChildren => !item.own_child_only,
                    MediaCheck::AnyPupils => true,
                    MediaCheck::NameAlongside => false,
                };
                if breaks && !found.contains(&Span::MEDIA) {
                    found.push(Span::MEDIA);
                }
            }
        }
        if self.settings.checks.contains(&MediaCheck::NameAlongside) {
            self.names.detect(draft, found);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::DetectorSpec;
    use crate::detect::testing::*;
    use crate::model::{Author::*, Channel::*, MediaItem, MediaType};

    fn media(checks: &[MediaCheck]) -> DetectorSpec {
        DetectorSpec::Media(Settings { checks: checks.to_vec() })
    }

    fn item(kind: MediaType, pupils: u32, consent: Consent) -> MediaItem {
        MediaItem { kind, pupils, consent, swimwear: false, own_child_only: false }
    }

    fn finds(
        spec: &DetectorSpec,
        text: &str,
        author: crate::model::Author,
        channel: crate::model::Channel,
        items: Vec<MediaItem>,
    ) -> usize {
        found(spec, text, &with_media(author, channel, items)).len()
    }

    #[test]
    fn consent_and_media_type() {
        let spec = media(&[MediaCheck::Consent, MediaCheck::MediaType, MediaCheck::Dress]);
        assert_eq!(
            finds(
                &spec,
                "Year 3's Egyptian dance — enjoy!",
                Staff,
                School,
                vec![item(MediaType::Video, 14, Consent::Images)]
            ),
            1
        );
        assert_eq!(
            finds(&spec, "Forest School fun", Staff, School, vec![item(MediaType::Image, 4, Consent::ImagesAndVideo)]),
            0
        );
        assert_eq!(finds(&spec, "Fun", Staff, School, vec![item(MediaType::Image, 4, Consent::None)]), 1);
        assert_eq!(finds(&spec, "Fun", Staff, School, vec![item(MediaType::Image, 4, Consent::Unknown)]), 1);
        assert_eq!(finds(&spec, "Scenery", Staff, School, vec![item(MediaType::Video, 0, Consent::None)]), 0);
        let mut swim = item(MediaType::Image, 2, Consent::ImagesAndVideo);
        swim.swimwear = true;
        assert_eq!(finds(&spec, "Gala!", Staff, School, vec![swim]), 1);
    }

    #[test]
    fn parents_and_personal_accounts() {
        let others = media(&[MediaCheck::OthersChildren]);
        let mut own = item(MediaType::Image, 1, Consent::Unknown);
        own.own_child_only = true;
        assert_eq!(finds(&others, "Rohan with his volcano", Parent, Group, vec![own]), 0);
        assert_eq!(
            finds(&others, "Sleepover gang!", Parent, Group, vec![item(MediaType::Image, 5, Consent::Unknown)]),
            1
        );
        let any = media(&[MediaCheck::AnyPupils]);
        assert_eq!(
            finds(&any, "Trip today", Staff, Personal, vec![item(MediaType::Image, 6, Consent::ImagesAndVideo)]),
            1
        );
    }

    #[test]
    fn name_alongside() {
        let spec = media(&[MediaCheck::NameAlongside]);
        let text = "Congratulations to Arjun Mehta of 10S";
        assert_eq!(
            found(&spec, text, &with_media(Staff, School, vec![item(MediaType::Image, 1, Consent::ImagesAndVideo)])),
            ["Arjun Mehta"]
        );
        assert!(found(&spec, text, &context(Staff, School)).is_empty());
    }
}
