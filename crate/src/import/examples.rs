//! Known-good examples for each detector, so every proposed rule has a `breaks` and an
//! `allows` example that its detector really handles. Taken from the hand-written schools'
//! rules; `{name}` stands for the school's full name. Each candidate is tried against the
//! imported school's own checker (see `rules.rs`) and the first pair that behaves is used.

use crate::model::Author;

/// Examples for one detector and one kind of author.
pub(crate) struct KnownExamples {
    /// The detector and its settings, as a rule's `detect` table (TOML).
    pub(crate) detect: &'static str,
    /// Who the examples are written as.
    pub(crate) author: Author,
    /// Pairs of a draft that breaks the rule and one that does not, each a TOML inline table
    /// (`{ text = "…", channel = "direct" }`), best first.
    pub(crate) pairs: &'static [(&'static str, &'static str)],
}

use Author::{Parent, Pupil, Staff};

/// Every detector's examples.
pub(crate) const KNOWN_EXAMPLES: &[KnownExamples] = &[
    KnownExamples {
        detect: r#"{ kind = "full-name" }"#,
        author: Staff,
        pairs: &[(
            r#"{ text = "A big well done to Tyler Okonkwo for his amazing Black History Month project!" }"#,
            r#"{ text = "A big well done to Year 5 for their amazing Black History Month projects!" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "full-name" }"#,
        author: Pupil,
        pairs: &[(r#"{ text = "my name is Amara Johnson" }"#, r#"{ text = "my name is Amara" }"#)],
    },
    KnownExamples {
        detect: r#"{ kind = "full-name", with_class = true }"#,
        author: Staff,
        pairs: &[(
            r#"{ text = "Nadia in Year 1 asked me today if I live at school" }"#,
            r#"{ text = "One of my little ones asked me today if I live at school" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "full-name", with_class = true }"#,
        author: Parent,
        pairs: &[(
            r#"{ text = "Well done Harry Evans, what a goal!" }"#,
            r#"{ text = "Well done to the whole team, what a goal!" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "date-of-birth" }"#,
        author: Staff,
        pairs: &[(
            r#"{ text = "Happy 10th birthday to Zara in Year 5, born on 4 October 2014!" }"#,
            r#"{ text = "Happy birthday to everyone in Year 5 celebrating this week!" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "date-of-birth" }"#,
        author: Pupil,
        pairs: &[(r#"{ text = "I was born on 12 March 2016!" }"#, r#"{ text = "It's my birthday next week!" }"#)],
    },
    KnownExamples {
        detect: r#"{ kind = "phone" }"#,
        author: Staff,
        pairs: &[(
            r#"{ text = "Save my number, 07700 900512, and text me if there's a problem", channel = "direct" }"#,
            r#"{ text = "Ring the school office if there's a problem", channel = "direct" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "phone" }"#,
        author: Pupil,
        pairs: &[(r#"{ text = "call me on 07700 900389" }"#, r#"{ text = "call me after tea" }"#)],
    },
    KnownExamples {
        detect: r#"{ kind = "email", personal_only = true }"#,
        author: Staff,
        pairs: &[
            (
                r#"{ text = "Email me at sam.teacher@gmail.com about the trip", channel = "direct" }"#,
                r#"{ text = "Email the office about the trip", channel = "direct" }"#,
            ),
            (
                r#"{ text = "Please send any photos from the summer fair to fair.mrsallen@gmail.com" }"#,
                r#"{ text = "Please send any photos from the summer fair to the school office" }"#,
            ),
        ],
    },
    KnownExamples {
        detect: r#"{ kind = "email" }"#,
        author: Pupil,
        pairs: &[(r#"{ text = "my email is amara.j2015@yahoo.co.uk" }"#, r#"{ text = "my email is new" }"#)],
    },
    KnownExamples {
        detect: r#"{ kind = "handle" }"#,
        author: Staff,
        pairs: &[(
            r#"{ text = "My insta is @sam_runs_far if you want the photos", channel = "direct" }"#,
            r#"{ text = "The photos will be on the school newsletter", channel = "direct" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "handle" }"#,
        author: Pupil,
        pairs: &[(r#"{ text = "follow me @amara_gamer_15" }"#, r#"{ text = "follow the leader!" }"#)],
    },
    KnownExamples {
        detect: r#"{ kind = "home-address" }"#,
        author: Staff,
        pairs: &[(
            r#"{ text = "Housewarming at 12 Church Street this Saturday, all welcome!" }"#,
            r#"{ text = "Housewarming this Saturday, details to follow!" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "home-address" }"#,
        author: Pupil,
        pairs: &[(r#"{ text = "I live at 3 Manor Road" }"#, r#"{ text = "I love visiting my nan" }"#)],
    },
    KnownExamples {
        detect: r#"{ kind = "whereabouts" }"#,
        author: Pupil,
        pairs: &[(r#"{ text = "home alone till my mum gets back" }"#, r#"{ text = "my mum gets back soon" }"#)],
    },
    KnownExamples {
        detect: r#"{ kind = "school-name" }"#,
        author: Staff,
        pairs: &[(
            r#"{ text = "Another busy week at {name}!", channel = "personal" }"#,
            r#"{ text = "Another busy week, time for a long bath!", channel = "personal" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "school-name", employee_cues = true }"#,
        author: Staff,
        pairs: &[(
            r#"{ text = "Teaching Year 4 is exhausting but I love it", channel = "personal" }"#,
            r#"{ text = "Running a marathon is exhausting but I love it", channel = "personal" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "offensive", min_severity = 1 }"#,
        author: Staff,
        pairs: &[(
            r#"{ text = "Sports day is off, the field is a bloody swamp!" }"#,
            r#"{ text = "Sports day is off, the field is a swamp!" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "offensive", min_severity = 2 }"#,
        author: Staff,
        pairs: &[
            (
                r#"{ text = "Bugger, the coach has broken down on the way to the Year 6 residential!" }"#,
                r#"{ text = "Oh no, the coach has broken down on the way to the Year 6 residential!" }"#,
            ),
            (r#"{ text = "What a shit day" }"#, r#"{ text = "What a rotten day" }"#),
        ],
    },
    KnownExamples {
        detect: r#"{ kind = "offensive", min_severity = 2 }"#,
        author: Parent,
        pairs: &[(
            r#"{ text = "Why the hell is this bollocks letter only going out now?" }"#,
            r#"{ text = "Why is this letter only going out now?" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "offensive", min_severity = 2 }"#,
        author: Pupil,
        pairs: &[(r#"{ text = "this game is sh1t" }"#, r#"{ text = "this game is rubbish" }"#)],
    },
    KnownExamples {
        detect: r#"{ kind = "discrimination" }"#,
        author: Staff,
        pairs: &[(
            r#"{ text = "Some of these families can't even speak English, it's a nightmare at parents evening", channel = "group" }"#,
            r#"{ text = "Thanks to our interpreters for a brilliant parents evening", channel = "group" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "discrimination" }"#,
        author: Parent,
        pairs: &[(
            r#"{ text = "If they want to live here they can speak English at the gate", channel = "group" }"#,
            r#"{ text = "Lovely to hear so many languages at the gate", channel = "group" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "discrimination" }"#,
        author: Pupil,
        pairs: &[(r#"{ text = "you run like a girl" }"#, r#"{ text = "you run really fast" }"#)],
    },
    KnownExamples {
        detect: r#"{ kind = "bullying" }"#,
        author: Staff,
        pairs: &[(
            r#"{ text = "Let's all ignore the new TA until she gets the message", channel = "group" }"#,
            r#"{ text = "Let's all welcome the new TA on Monday", channel = "group" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "bullying" }"#,
        author: Parent,
        pairs: &[(
            r#"{ text = "Don't invite Mason, he's a nasty little brat", channel = "group" }"#,
            r#"{ text = "Don't forget Mason's party is on Saturday", channel = "group" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "bullying" }"#,
        author: Pupil,
        pairs: &[(r#"{ text = "everyone hates you" }"#, r#"{ text = "everyone likes you" }"#)],
    },
    KnownExamples {
        detect: r#"{ kind = "political" }"#,
        author: Staff,
        pairs: &[(
            r#"{ text = "Remember to vote Labour on Thursday for better school funding!" }"#,
            r#"{ text = "The school council election is on Friday: good luck to every candidate!" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "personal-opinion" }"#,
        author: Staff,
        pairs: &[(
            r#"{ text = "To be honest, the new reading scheme is much better than the old one." }"#,
            r#"{ text = "Our new reading scheme starts this term: ask your child's teacher for details." }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "criticism" }"#,
        author: Staff,
        pairs: &[
            (
                r#"{ text = "The leadership team here is hopeless, nothing ever gets done", channel = "personal" }"#,
                r#"{ text = "The leadership team here have sorted the new timetable", channel = "personal" }"#,
            ),
            (
                r#"{ text = "Apologies, our school office is useless at answering the phone this week." }"#,
                r#"{ text = "Apologies, our school office phone line is down this week: please email instead." }"#,
            ),
        ],
    },
    KnownExamples {
        detect: r#"{ kind = "criticism" }"#,
        author: Parent,
        pairs: &[(
            r#"{ text = "Miss Wood is useless, my son has learned nothing all year", channel = "group" }"#,
            r#"{ text = "Miss Wood is lovely, my son has learned loads this year", channel = "group" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "criticism" }"#,
        author: Pupil,
        pairs: &[(r#"{ text = "the teachers here are so useless" }"#, r#"{ text = "the teachers here are so fun" }"#)],
    },
    KnownExamples {
        detect: r#"{ kind = "sensitive" }"#,
        author: Staff,
        pairs: &[(
            r#"{ text = "Mr Dawson is signed off with stress again, that's three times this year", channel = "group" }"#,
            r#"{ text = "Mr Dawson is running the staff quiz on Friday", channel = "group" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "sensitive" }"#,
        author: Parent,
        pairs: &[(
            r#"{ text = "The boy who keeps hitting kids in Year 3 got suspended again today", channel = "group" }"#,
            r#"{ text = "The Year 3 trip got back at half three today", channel = "group" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "contact-request", towards = "pupils" }"#,
        author: Staff,
        pairs: &[(
            r#"{ text = "Great singing today! Follow my TikTok channel for more songs", channel = "direct" }"#,
            r#"{ text = "Great singing today, see you at choir!", channel = "direct" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "contact-request", towards = "parents" }"#,
        author: Staff,
        pairs: &[(
            r#"{ text = "Tell your mum to message me on here about the reading records", channel = "direct" }"#,
            r#"{ text = "Tell your mum the reading records are due on Friday", channel = "direct" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "contact-request", towards = "pupils-or-parents" }"#,
        author: Staff,
        pairs: &[(
            r#"{ text = "Any parents with questions about the trip, just message me and I'll reply tonight." }"#,
            r#"{ text = "Any parents with questions about the trip, please contact the school office." }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "contact-request", towards = "staff" }"#,
        author: Pupil,
        pairs: &[(
            r#"{ text = "Hi Miss, I found you on Instagram, can I follow you?", channel = "direct" }"#,
            r#"{ text = "can I copy your maths homework", channel = "direct" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "contact-request", towards = "staff" }"#,
        author: Parent,
        pairs: &[(
            r#"{ text = "Hi Mr Osei, sorry to message you on Instagram, is PE still on Thursday?", channel = "direct" }"#,
            r#"{ text = "Does anyone know if PE is still on Thursday?", channel = "group" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "online-meeting" }"#,
        author: Pupil,
        pairs: &[(
            r#"{ text = "we've been chatting on Roblox for ages, want to meet at the park?" }"#,
            r#"{ text = "want to meet at the park after school with my dad?" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "credentials" }"#,
        author: Staff,
        pairs: &[(
            r#"{ text = "The Facebook password is Conkers2024 if you want to put the fair photos up", channel = "direct" }"#,
            r#"{ text = "Ask the office if you want to put the fair photos up", channel = "direct" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "credentials" }"#,
        author: Pupil,
        pairs: &[(r#"{ text = "my password is conker22" }"#, r#"{ text = "I can't remember my password" }"#)],
    },
    KnownExamples {
        detect: r#"{ kind = "chain-message" }"#,
        author: Staff,
        pairs: &[(
            r#"{ text = "Share so everyone knows: the A38 is closed tomorrow!" }"#,
            r#"{ text = "The A38 is closed tomorrow, so please allow extra time." }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "chain-message" }"#,
        author: Pupil,
        pairs: &[(
            r#"{ text = "send this to 10 people or you'll have bad luck" }"#,
            r#"{ text = "send this picture to your mum" }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "reposted" }"#,
        author: Staff,
        pairs: &[(
            r#"{ text = "Gorgeous picture of bluebells for our spring display, not sure who took it!" }"#,
            r#"{ text = "Class 1 took this gorgeous picture of bluebells on our spring walk." }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "media", checks = ["any-pupils"] }"#,
        author: Staff,
        pairs: &[(
            r#"{ text = "World Book Day costumes were amazing", media = [{ type = "image", pupils = 7, consent = "images+video" }] }"#,
            r#"{ text = "My World Book Day costume", media = [{ type = "image", pupils = 0, consent = "none" }] }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "media", checks = ["any-pupils"] }"#,
        author: Pupil,
        pairs: &[(
            r#"{ text = "this is me!", media = [{ type = "image", pupils = 1, consent = "unknown" }] }"#,
            r#"{ text = "this is my dog!", media = [{ type = "image", pupils = 0, consent = "none" }] }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "media", checks = ["others-children"] }"#,
        author: Parent,
        pairs: &[(
            r#"{ text = "Nativity stars!", media = [{ type = "video", pupils = 9, consent = "unknown" }] }"#,
            r#"{ text = "My little shepherd!", media = [{ type = "image", pupils = 1, consent = "unknown", own_child_only = true }] }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "media", checks = ["consent", "media-type"] }"#,
        author: Staff,
        pairs: &[(
            r#"{ text = "Forest school today", media = [{ type = "image", pupils = 3, consent = "unknown" }] }"#,
            r#"{ text = "Forest school today", media = [{ type = "image", pupils = 3, consent = "images" }] }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "media", checks = ["dress"] }"#,
        author: Staff,
        pairs: &[(
            r#"{ text = "Swimming gala fun!", media = [{ type = "image", pupils = 6, consent = "images+video", swimwear = true }] }"#,
            r#"{ text = "Swimming gala fun!", media = [{ type = "image", pupils = 6, consent = "images+video" }] }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "media", checks = ["name-alongside"] }"#,
        author: Staff,
        pairs: &[(
            r#"{ text = "Congratulations to Oliver Patel, our chess champion!", media = [{ type = "image", pupils = 1, consent = "images+video" }] }"#,
            r#"{ text = "Congratulations to our chess champion!", media = [{ type = "image", pupils = 1, consent = "images+video" }] }"#,
        )],
    },
    KnownExamples {
        detect: r#"{ kind = "platform-age" }"#,
        author: Pupil,
        pairs: &[(
            r#"{ text = "I'm 9 and I've got Instagram now", age = 9 }"#,
            r#"{ text = "I'm 9 and I love watching cartoons", age = 9 }"#,
        )],
    },
];
