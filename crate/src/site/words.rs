//! The site's plain words for the contract's names: what a severity, category, author or
//! channel is called on a page. Kept apart from the core, whose names are for machines.

use crate::model::{Author, Category, Channel, Consent, MediaItem, MediaType, Severity};
use crate::policy::source::PupilsCalled;

/// A severity as a short label and a sentence, so it never relies on colour.
pub(crate) fn severity(severity: Severity) -> (&'static str, &'static str) {
    match severity {
        Severity::Must => ("Must not", "The policy does not allow this."),
        Severity::Should => ("Should not", "The policy advises against this."),
        Severity::Advice => ("Advice", "The policy recommends this as good practice."),
    }
}

/// What a finding of this category is about, as a heading.
pub(crate) fn category(category: Category) -> &'static str {
    match category {
        Category::PupilIdentity => "Identifying a pupil",
        Category::ContactDetails => "Giving out contact details",
        Category::Location => "Saying where someone is",
        Category::SchoolIdentity => "Naming the school on a personal account",
        Category::OffensiveLanguage => "Offensive language",
        Category::Bullying => "Bullying and unkind words",
        Category::Discrimination => "Discrimination",
        Category::Political => "Politics",
        Category::PersonalOpinion => "Personal views on a school account",
        Category::Disrepute => "Criticism and complaints in public",
        Category::Confidential => "Private and confidential information",
        Category::ContactRequest => "Friend and follow requests",
        Category::Meeting => "Meeting people from online",
        Category::Credentials => "Passwords and log-in details",
        Category::Unverified => "Chain messages and rumours",
        Category::Copyright => "Other people's content",
        Category::MediaConsent => "Photos and videos of pupils",
        Category::AgeRestriction => "Age limits of apps",
    }
}

/// What the school calls its children, plural.
pub(crate) fn pupils(called: PupilsCalled) -> &'static str {
    called.word()
}

/// Who writes, as a phrase ("a parent or carer"), using the school's word for its children.
pub(crate) fn author(author: Author, called: PupilsCalled) -> &'static str {
    match (author, called) {
        (Author::Staff, _) => "a member of staff",
        (Author::Pupil, PupilsCalled::Pupils) => "a pupil",
        (Author::Pupil, PupilsCalled::Students) => "a student",
        (Author::Pupil, PupilsCalled::Children) => "a child",
        (Author::Parent, _) => "a parent or carer",
    }
}

/// Where a post goes, as a phrase after "on" or "in".
pub(crate) fn channel(channel: Channel) -> &'static str {
    match channel {
        Channel::School => "on a school account",
        Channel::Personal => "on a personal account",
        Channel::Group => "in a group chat",
        Channel::Direct => "in a private message",
    }
}

/// An attached photo or video, described in words.
pub(crate) fn media(item: &MediaItem) -> String {
    let kind = match item.kind {
        MediaType::Image => "a photo",
        MediaType::Video => "a video",
    };
    let pupils = match item.pupils {
        0 => "no one recognisable".to_owned(),
        1 => "1 pupil".to_owned(),
        n => format!("{n} pupils"),
    };
    let consent = match item.consent {
        Consent::None => "no consent",
        Consent::Images => "consent for photos only",
        Consent::ImagesAndVideo => "consent for photos and videos",
        Consent::Unknown => "consent not checked",
    };
    let mut words = format!("{kind} showing {pupils} ({consent}");
    if item.swimwear {
        words.push_str(", in swimwear");
    }
    if item.own_child_only {
        words.push_str(", only the writer's own child");
    }
    words.push(')');
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_has_its_own_heading() {
        let mut headings: Vec<&str> = Category::ALL.iter().map(|c| category(*c)).collect();
        headings.sort_unstable();
        headings.dedup();
        assert_eq!(headings.len(), Category::ALL.len());
    }

    #[test]
    fn media_is_described_in_words() {
        let item = MediaItem {
            kind: MediaType::Video,
            pupils: 2,
            consent: Consent::Images,
            swimwear: true,
            own_child_only: false,
        };
        assert_eq!(media(&item), "a video showing 2 pupils (consent for photos only, in swimwear)");
    }
}
