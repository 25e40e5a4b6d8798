//! # Friend, follow and message requests
//!
//! **What it finds.** Private contact between staff and pupils or parents, either way:
//! staff asking to be followed or messaged ("Year 9, follow me back so you can see my hiking pics",
//! "just WhatsApp me", "I've accepted friend requests from my Year 11 parents"), and pupils or
//! parents contacting staff on social media ("Hi Mr Obi! I found you on TikTok, can I follow
//! you?", "Hi Miss Carter, sorry to bother you on Facebook").
//!
//! **Why.** Every policy forbids (or strongly advises against) staff friending, following or
//! privately contacting pupils and parents, and asks pupils and parents not to contact staff
//! through social media.
//!
//! **How.** For `towards = "pupils"`, `"parents"` or `"pupils-or-parents"` (rules for staff):
//! a request cue, aimed at parents when the draft talks of parents (`parents`, `mum`, `your
//! child`), and at pupils when it talks of school work or classes or is a private message to
//! someone not addressed as a parent. For `towards = "staff"` (rules for pupils and parents): a
//! request cue with a member of staff in view (`Mr Obi`, `Miss`, `sir`, `teacher`), or a
//! private message that opens by greeting a member of staff.

use super::{Detect, Draft, Vocabulary, cue_set};
use crate::model::{Category, Channel, Span};
use crate::text::pattern::{CueEngine, PatternSet};
use serde::{Deserialize, Serialize};

/// Who the contact is with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Towards {
    /// Staff contacting pupils.
    Pupils,
    /// Staff contacting parents.
    Parents,
    /// Staff contacting either.
    PupilsOrParents,
    /// Pupils or parents contacting staff.
    Staff,
}

/// Settings of the contact-request detector.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Who the contact is with.
    pub towards: Towards,
}

pub(super) struct ContactRequest {
    settings: Settings,
    staff_requests: PatternSet,
    requests_to_staff: PatternSet,
    parent_cues: PatternSet,
    pupil_cues: PatternSet,
    staff_in_view: PatternSet,
    greeting: PatternSet,
}

/// Staff inviting private contact.
const STAFF_REQUESTS: &[&str] = &[
    "follow|add|friend me",
    "follow|add me back",
    "follow my personal? account|page|insta|instagram|tiktok|channel",
    "accept my friend? request",
    "send me a friend? request",
    "dm|pm|message|inbox|whatsapp|text|ring|call|snap|facetime me",
    "drop me a message|text|line",
    "find me on <platform>",
    "im|i+am on <platform>",
    "my personal|home|mobile? number is|on",
    "get|reach|catch me at home",
    "easier to get me",
    "accepted|accepting|added|friended|following|followed ~3 friend? requests? from",
    "accepted|accepting|added|friended|following|followed ~6 <parent-word>|<pupil-word>|class|tutees|tutor",
    "followed|added|friended|accepted you|u|ur|your",
    "sent|sending|send you|u a? friend|follow? request",
    "saw|seen|found your|ur profile|account|page|insta|tiktok|facebook",
    "dm|pm|message|inbox|whatsapp us",
    "friend|follow requests from",
    "replying|reply|replied by|via|over dm|dms|pm|private+message|direct+message",
    "at mine|my+house|my+flat ~4 bring",
    "session|party|get+together|revision ~2 at mine|my+house|my+place",
];

/// Pupils or parents reaching out.
const REQUESTS_TO_STAFF: &[&str] = &[
    "follow|add|friend|message|dm|text you|u",
    "followed|added|friended you|u",
    "found|find|saw you|u on",
    "saw|seen your|ur profile|account|page|insta|tiktok|pics|photos",
    "be friends on",
    "accept my friend? request",
    "sent|sending you|u a? friend|follow? request",
    "bother|contact|message you|u on",
];

const PARENT_CUES: &[&str] = &[
    "<parent-word>",
    "your|ur child*|son|sons|daughter*|kid|kids|boy|boys|girl|girls|little+one|little+ones",
    "carers",
    "how <first-name> is|s ~2 getting|doing|settling",
    "tell <first-name>",
];
/// Signs the person contacted is a pupil.
const PUPIL_CUES: &[&str] = &[
    "<pupil-word>",
    "homework|coursework|revision|exam|exams|lesson|lessons|classwork|assignment|project|set|past+papers",
    "in|see+you+in|your|my year|yr|class|form <num>?",
    "year|yr <num>",
    "sir|miss",
];
const STAFF_IN_VIEW: &[&str] = &["<title> <cap>", "<title>", "teacher|teachers|headteacher|head"];
const GREETING: &[&str] = &["hi|hello|hey|dear|morning|afternoon|evening <title>", "hi|hello|hey|dear <title> <cap>"];

impl ContactRequest {
    pub(super) fn new(settings: Settings, vocabulary: &Vocabulary, engine: &mut CueEngine) -> ContactRequest {
        ContactRequest {
            settings,
            staff_requests: cue_set(STAFF_REQUESTS, vocabulary, engine),
            requests_to_staff: cue_set(REQUESTS_TO_STAFF, vocabulary, engine),
            parent_cues: cue_set(PARENT_CUES, vocabulary, engine),
            pupil_cues: cue_set(PUPIL_CUES, vocabulary, engine),
            staff_in_view: cue_set(STAFF_IN_VIEW, vocabulary, engine),
            greeting: cue_set(GREETING, vocabulary, engine),
        }
    }
}

impl Detect for ContactRequest {
    fn detect(&self, draft: &Draft<'_>, found: &mut Vec<Span>) {
        // What the cues miss, the learned model may find (see `detect::model`); who the
        // contact is with is decided the same way for both.
        let requests = |cues: &PatternSet| {
            let mut spans: Vec<Span> = draft.find(cues).iter().map(|m| draft.match_span(m)).collect();
            draft.add_learned(Category::ContactRequest, &mut spans);
            spans
        };
        if self.settings.towards == Towards::Staff {
            let staff_in_view = !draft.find(&self.staff_in_view).is_empty();
            let requests = requests(&self.requests_to_staff);
            if staff_in_view {
                found.extend(&requests);
            }
            // A private message that opens by greeting a teacher is itself the contact.
            if requests.is_empty()
                && draft.context.channel == Channel::Direct
                && let Some(greeting) =
                    draft.find(&self.greeting).into_iter().find(|m| draft.tokens[m.start].sentence == 0)
            {
                found.push(draft.match_span(&greeting));
            }
            return;
        }
        let requests = requests(&self.staff_requests);
        if requests.is_empty() {
            return;
        }
        let to_parents = !draft.find(&self.parent_cues).is_empty()
            || draft.find(&self.greeting).iter().any(|m| draft.tokens[m.start].sentence == 0);
        // A private message may be to a pupil unless it speaks to a parent; a post to friends
        // ("message me for details") is to pupils only if it speaks of school work or classes.
        let to_pupils =
            !draft.find(&self.pupil_cues).is_empty() || (draft.context.channel == Channel::Direct && !to_parents);
        let applies = match self.settings.towards {
            Towards::PupilsOrParents => to_parents || to_pupils,
            Towards::Parents => to_parents,
            Towards::Pupils => to_pupils && !to_parents,
            Towards::Staff => false,
        };
        if applies {
            found.extend(requests);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::DetectorSpec;
    use crate::detect::testing::*;
    use crate::model::{Author::*, Channel::*};

    fn towards(towards: Towards) -> DetectorSpec {
        DetectorSpec::ContactRequest(Settings { towards })
    }

    #[test]
    fn staff_requests_by_audience() {
        let pupils = towards(Towards::Pupils);
        let parents = towards(Towards::Parents);
        let pupil_text =
            "Hi Nell, it's Mrs Adams! Follow me back so you can see my hiking pics 🥾 see you in Year 5 on Monday!";
        let parent_text = "Just accepted friend requests from a few of my Year 11 parents, they're a right laugh 😂";
        assert_flags(
            &pupils,
            Staff,
            Direct,
            &[pupil_text, "If you get stuck with the coursework just WhatsApp me on 07700 900874 👍"],
        );
        assert_clean(&parents, Staff, Direct, &[pupil_text]);
        assert_flags(&parents, Staff, Personal, &[parent_text]);
        assert_clean(&pupils, Staff, Personal, &[parent_text]);
        assert_flags(&towards(Towards::PupilsOrParents), Staff, Personal, &[pupil_text, parent_text]);
    }

    #[test]
    fn pupils_and_parents_contacting_staff() {
        let spec = towards(Towards::Staff);
        assert_flags(
            &spec,
            Pupil,
            Direct,
            &["Hi Mr Obi! it's Layla from your class, I found you on TikTok 😊 can I follow you?"],
        );
        assert_flags(
            &spec,
            Parent,
            Direct,
            &["Hi Miss Carter, sorry to bother you on Facebook — could Arlo sit nearer the front? Thanks x"],
        );
    }

    #[test]
    fn not_contact_requests() {
        assert_clean(
            &towards(Towards::Staff),
            Pupil,
            Direct,
            &["Add me on Snapchat!!! I just got it 👻", "can I copy your homework"],
        );
        assert_clean(&towards(Towards::Staff), Parent, Group, &["Hi all, Miss Carter says PE is on Tuesday"]);
        assert_clean(
            &towards(Towards::PupilsOrParents),
            Staff,
            Personal,
            &["Follow the school page for updates", "Lovely walk today"],
        );
    }
}
