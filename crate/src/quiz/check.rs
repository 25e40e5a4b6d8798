//! What a quiz file must get right on its own, before any school uses it: every question has a
//! right answer and feedback, cites a concept the quiz declares, and fits its kind; every band
//! has enough questions; and how hard each band is to read.

use super::model::{Band, Kind};
use super::reading::Counts;
use super::source::{ChoiceSource, QuestionSource, QuizSource};
use crate::policy::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::policy::document::is_valid_clause_id;
use std::collections::{BTreeSet, HashMap};
use toml::Spanned;

/// The fewest questions a quiz (each band of a banded one) may have.
pub const MIN_QUESTIONS: usize = 3;

/// Where a quiz file is: it decides who names the clauses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// `_shared/quizzes/`: each school maps the concepts to its clauses.
    Shared,
    /// A school's `quizzes/`: each concept names its clause.
    Own,
}

/// The bands of `source` (none for an unbanded quiz), skipping any that do not parse.
pub fn bands(source: &QuizSource) -> Vec<Band> {
    source.bands.iter().filter_map(|b| Band::parse(b.get_ref())).collect()
}

/// Whether `question` is asked in `band` (`None`: an unbanded quiz).
pub fn asked_in(question: &QuestionSource, band: Option<Band>) -> bool {
    match (&question.bands, band) {
        (Some(bands), Some(band)) => bands.get_ref().iter().any(|b| Band::parse(b.get_ref()) == Some(band)),
        _ => true,
    }
}

/// Checks `source`, read from `file`, adding a diagnostic for each problem. Returns whether it
/// has no errors, so it is safe to compile.
pub fn check_quiz(file: &SourceFile, source: &QuizSource, origin: Origin, diagnostics: &mut Diagnostics) -> bool {
    let mut problems = Diagnostics::default();
    check_header(file, source, &mut problems);
    let concepts = check_concepts(file, source, origin, &mut problems);
    let quiz_bands = bands(source);
    let mut first_at: HashMap<&str, usize> = HashMap::new();
    for question in &source.questions {
        let q = question.get_ref();
        let id = q.id.get_ref().as_str();
        if let Some(&earlier) = first_at.get(id) {
            let line = file.line_col(earlier).0;
            problems.push(Diagnostic::error(
                file,
                q.id.span().start,
                format!("duplicate question id `{id}` (first used on line {line})"),
            ));
        } else {
            first_at.insert(id, q.id.span().start);
        }
        if !is_valid_clause_id(id) {
            problems.push(Diagnostic::error(
                file,
                q.id.span().start,
                format!("question id `{id}` must be lowercase letters, digits, `.` and `-`"),
            ));
        }
        if !concepts.contains(q.concept.get_ref().as_str()) {
            problems.push(Diagnostic::error(
                file,
                q.concept.span().start,
                format!("question `{id}` cites concept `{}`, which no [[concept]] declares", q.concept.get_ref()),
            ));
        }
        if let Some(bands) = &q.bands {
            for band in bands.get_ref() {
                if !Band::parse(band.get_ref()).is_some_and(|b| quiz_bands.contains(&b)) {
                    problems.push(Diagnostic::error(
                        file,
                        band.span().start,
                        format!("band `{}` is not one of the quiz's bands", band.get_ref()),
                    ));
                }
            }
        }
        check_question(file, question, &mut problems);
    }
    for band in if quiz_bands.is_empty() { vec![None] } else { quiz_bands.iter().copied().map(Some).collect() } {
        let count = source.questions.iter().filter(|q| asked_in(q.get_ref(), band)).count();
        if count < MIN_QUESTIONS {
            let at = band.and_then(|b| source.bands.iter().find(|s| Band::parse(s.get_ref()) == Some(b)));
            problems.push(Diagnostic::error(
                file,
                at.map_or(0, |s| s.span().start),
                format!(
                    "the quiz{} has {count} question{}: write at least {MIN_QUESTIONS}",
                    band.map(|b| format!(" for ages {b}")).unwrap_or_default(),
                    if count == 1 { "" } else { "s" }
                ),
            ));
        }
    }
    for concept in &source.concepts {
        let id = concept.get_ref().id.get_ref();
        if !source.questions.iter().any(|q| q.get_ref().concept.get_ref() == id) {
            problems.push(Diagnostic::warning(
                file,
                concept.span().start,
                format!("no question teaches concept `{id}`"),
            ));
        }
    }
    let ok = !problems.has_errors();
    for problem in problems.iter() {
        diagnostics.push(problem.clone());
    }
    ok
}

fn check_header(file: &SourceFile, source: &QuizSource, problems: &mut Diagnostics) {
    for (name, value) in [("title", &source.title), ("intro", &source.intro)] {
        if value.get_ref().trim().is_empty() {
            problems.push(Diagnostic::error(file, value.span().start, format!("the quiz needs a {name}")));
        }
    }
    if *source.version.get_ref() == 0 {
        problems.push(Diagnostic::error(file, source.version.span().start, "version starts at 1"));
    }
    let pupils = *source.audience.get_ref() == super::model::Audience::Pupils;
    let mut seen = BTreeSet::new();
    for band in &source.bands {
        if !pupils {
            problems.push(Diagnostic::error(file, band.span().start, "only a pupils' quiz has age bands"));
        }
        match Band::parse(band.get_ref()) {
            None => problems.push(Diagnostic::error(
                file,
                band.span().start,
                format!("band `{}` must be two ages, youngest first, like \"7-11\"", band.get_ref()),
            )),
            Some(b) if !seen.insert(b) => {
                problems.push(Diagnostic::error(file, band.span().start, format!("band `{b}` is listed twice")));
            }
            Some(_) => {}
        }
    }
}

/// Checks the `[[concept]]`s, returning their ids.
fn check_concepts<'a>(
    file: &SourceFile,
    source: &'a QuizSource,
    origin: Origin,
    problems: &mut Diagnostics,
) -> BTreeSet<&'a str> {
    let mut ids = BTreeSet::new();
    for concept in &source.concepts {
        let c = concept.get_ref();
        let id = c.id.get_ref().as_str();
        if !ids.insert(id) {
            problems.push(Diagnostic::error(file, c.id.span().start, format!("concept `{id}` is declared twice")));
        }
        if !is_valid_clause_id(id) {
            problems.push(Diagnostic::error(
                file,
                c.id.span().start,
                format!("concept id `{id}` must be lowercase letters, digits, `.` and `-`"),
            ));
        }
        for (name, value) in [("name", &c.name), ("remember", &c.remember)] {
            if value.get_ref().trim().is_empty() {
                problems.push(Diagnostic::error(file, value.span().start, format!("concept `{id}` needs a {name}")));
            }
        }
        match (origin, &c.clause) {
            (Origin::Shared, Some(clause)) => problems.push(Diagnostic::error(
                file,
                clause.span().start,
                "a shared quiz cannot name a school's clause: each school maps the concept in its own quizzes/ file",
            )),
            (Origin::Own, None) => problems.push(Diagnostic::error(
                file,
                concept.span().start,
                format!("concept `{id}` needs the clause of policy.md that says it: clause = \"…\""),
            )),
            _ => {}
        }
    }
    ids
}

fn check_question(file: &SourceFile, question: &Spanned<QuestionSource>, problems: &mut Diagnostics) {
    let q = question.get_ref();
    let id = q.id.get_ref();
    let kind = *q.kind.get_ref();
    let at = question.span().start;
    let mut error = |at: usize, message: String| problems.push(Diagnostic::error(file, at, message));

    // Fields that belong to other kinds are mistakes, not decoration.
    let choice_kind = matches!(kind, Kind::Single | Kind::Multiple);
    if !choice_kind && let Some(first) = q.choices.first() {
        error(first.span().start, format!("question `{id}`: only single and multiple questions have choices"));
    }
    if kind != Kind::TrueFalse
        && let Some(answer) = &q.answer
    {
        error(answer.span().start, format!("question `{id}`: only a true-false question has `answer`"));
    }
    if kind != Kind::Post {
        let stray = [
            q.draft.as_ref().map(|d| ("draft", d.span().start)),
            q.safe_to_post.as_ref().map(|s| ("safe_to_post", s.span().start)),
            q.finds.first().map(|f| ("finds", f.span().start)),
            q.channel.map(|_| ("channel", at)),
            q.age.map(|_| ("age", at)),
            q.media.first().map(|_| ("media", at)),
        ];
        for (name, at) in stray.into_iter().flatten() {
            error(at, format!("question `{id}`: only a post question has `{name}`"));
        }
    }
    if kind != Kind::Post {
        match &q.prompt {
            Some(prompt) if prompt.get_ref().trim().is_empty() => {
                error(prompt.span().start, format!("question `{id}` has an empty prompt"))
            }
            None => error(at, format!("question `{id}` needs a prompt")),
            _ => {}
        }
    }
    if q.explain.get_ref().trim().is_empty() {
        error(q.explain.span().start, format!("question `{id}` needs `explain`: why the right answer is right"));
    }
    if let Some(action) = &q.action
        && action.get_ref().trim().is_empty()
    {
        error(action.span().start, format!("question `{id}` has an empty action"));
    }

    match kind {
        Kind::Single | Kind::Multiple => check_choices(file, id, kind, at, &q.choices, problems),
        Kind::TrueFalse if q.answer.is_none() => {
            error(at, format!("question `{id}` is true-false: write `answer = true` or `answer = false`"));
        }
        Kind::TrueFalse => {}
        Kind::Post => {
            match &q.draft {
                None => error(at, format!("question `{id}` is a post question: write the `draft`")),
                Some(draft) if draft.get_ref().trim().is_empty() => {
                    error(draft.span().start, format!("question `{id}` has an empty draft"))
                }
                Some(_) => {}
            }
            match &q.safe_to_post {
                None => error(
                    at,
                    format!(
                        "question `{id}`: write `safe_to_post = true` or `false`, which the checker must agree with"
                    ),
                ),
                Some(safe) if *safe.get_ref() && !q.finds.is_empty() => error(
                    q.finds[0].span().start,
                    format!("question `{id}` says the draft is safe to post, so the checker can find nothing in it"),
                ),
                Some(_) => {}
            }
        }
    }
}

fn check_choices(
    file: &SourceFile,
    id: &str,
    kind: Kind,
    at: usize,
    choices: &[Spanned<ChoiceSource>],
    problems: &mut Diagnostics,
) {
    if choices.len() < 2 {
        problems.push(Diagnostic::error(file, at, format!("question `{id}` needs at least 2 choices")));
    }
    let right = choices.iter().filter(|c| c.get_ref().correct).count();
    if kind == Kind::Single && right != 1 {
        problems.push(Diagnostic::error(
            file,
            at,
            format!("question `{id}` is single choice: exactly one choice needs `correct = true` (found {right})"),
        ));
    }
    if kind == Kind::Multiple && right == 0 {
        problems.push(Diagnostic::error(file, at, format!("question `{id}` has no choice with `correct = true`")));
    }
    let mut texts = BTreeSet::new();
    for choice in choices {
        let c = choice.get_ref();
        let text = c.text.get_ref().trim();
        if text.is_empty() {
            problems.push(Diagnostic::error(file, c.text.span().start, format!("question `{id}` has an empty choice")));
        } else if !texts.insert(text.to_lowercase()) {
            problems.push(Diagnostic::error(
                file,
                c.text.span().start,
                format!("question `{id}` has the choice \"{text}\" twice"),
            ));
        }
        if let Some(feedback) = &c.feedback
            && feedback.get_ref().trim().is_empty()
        {
            problems.push(Diagnostic::error(
                file,
                feedback.span().start,
                format!("question `{id}` has empty feedback"),
            ));
        }
    }
}

/// How hard one band (or an unbanded quiz) reads.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadingLevel {
    /// The band; `None` for an unbanded quiz.
    pub band: Option<Band>,
    /// Where to point: the band in `bands`, or the start of the file.
    pub at: usize,
    /// The Flesch–Kincaid grade of everything the band reads: the intro, the questions asked in
    /// it (prompt, choices, feedback, explanation) and what to remember. Drafts of "would you
    /// post this?" questions are left out: they are written as a pupil would, not as the quiz
    /// speaks.
    pub grade: f64,
    /// Each question asked in the band: its id, where its `[[question]]` table starts, and the
    /// grade of its own words.
    pub questions: Vec<(String, usize, f64)>,
}

impl ReadingLevel {
    /// Whether the band is for children (oldest 11 or younger), whose quiz page speaks to them
    /// first ([`Band::for_children`]).
    pub fn for_children(&self) -> bool {
        self.band.is_some_and(Band::for_children)
    }

    /// Whether the band is for children and reads above their age ([`Band::max_grade`]).
    pub fn too_hard(&self) -> bool {
        self.band.is_some_and(|band| band.for_children() && self.grade > band.max_grade())
    }

    /// The question that reads hardest, and its grade.
    pub fn hardest(&self) -> Option<(&str, f64)> {
        self.questions.iter().map(|(id, _, grade)| (id.as_str(), *grade)).max_by(|a, b| a.1.total_cmp(&b.1))
    }

    /// The questions of a band for children that read above its age on their own: id, where,
    /// grade.
    pub fn too_hard_questions(&self) -> Vec<(&str, usize, f64)> {
        match self.band.filter(|band| band.for_children()) {
            Some(band) => self
                .questions
                .iter()
                .filter(|(_, _, grade)| *grade > band.max_grade())
                .map(|(id, at, grade)| (id.as_str(), *at, *grade))
                .collect(),
            None => Vec::new(),
        }
    }
}

fn question_text(q: &QuestionSource) -> Vec<&str> {
    let mut pieces: Vec<&str> = q.prompt.iter().map(|p| p.get_ref().as_str()).collect();
    for choice in &q.choices {
        pieces.push(choice.get_ref().text.get_ref());
        pieces.extend(choice.get_ref().feedback.iter().map(|f| f.get_ref().as_str()));
    }
    pieces.push(q.explain.get_ref());
    pieces
}

/// The reading level of each band of a pupils' quiz (or of the whole quiz when it has no
/// bands); nothing for a quiz for adults.
pub fn reading_levels(source: &QuizSource) -> Vec<ReadingLevel> {
    if *source.audience.get_ref() != super::model::Audience::Pupils {
        return Vec::new();
    }
    let quiz_bands = bands(source);
    let bands: Vec<Option<Band>> =
        if quiz_bands.is_empty() { vec![None] } else { quiz_bands.into_iter().map(Some).collect() };
    bands
        .into_iter()
        .filter_map(|band| {
            let asked: Vec<&QuestionSource> =
                source.questions.iter().map(Spanned::get_ref).filter(|q| asked_in(q, band)).collect();
            let concepts: BTreeSet<&str> = asked.iter().map(|q| q.concept.get_ref().as_str()).collect();
            let mut pieces: Vec<&str> = vec![source.intro.get_ref()];
            pieces.extend(asked.iter().flat_map(|q| question_text(q)));
            pieces.extend(
                source
                    .concepts
                    .iter()
                    .map(Spanned::get_ref)
                    .filter(|c| concepts.contains(c.id.get_ref().as_str()))
                    .map(|c| c.remember.get_ref().as_str()),
            );
            let grade = Counts::of(pieces).grade()?;
            let questions = source
                .questions
                .iter()
                .filter(|q| asked_in(q.get_ref(), band))
                .filter_map(|q| {
                    Some((
                        q.get_ref().id.get_ref().clone(),
                        q.span().start,
                        Counts::of(question_text(q.get_ref())).grade()?,
                    ))
                })
                .collect();
            let at = band
                .and_then(|b| source.bands.iter().find(|s| Band::parse(s.get_ref()) == Some(b)))
                .map_or(0, |s| s.span().start);
            Some(ReadingLevel { band, at, grade, questions })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::source::{QuizFile, parse};

    fn checked(text: &str, origin: Origin) -> Vec<String> {
        let file = SourceFile::new("q.toml", text.to_owned());
        let mut diagnostics = Diagnostics::default();
        let Some(QuizFile::Quiz(source)) = parse(&file, &mut diagnostics) else {
            panic!("parses: {:?}", diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>())
        };
        check_quiz(&file, &source, origin, &mut diagnostics);
        diagnostics.into_sorted().iter().map(ToString::to_string).collect()
    }

    const HEADER: &str = "title = \"T\"\naudience = \"pupils\"\nversion = 1\nintro = \"Pick one.\"\n\n\
                          [[concept]]\nid = \"safe\"\nname = \"Safe\"\nremember = \"Keep it safe.\"\n";

    fn tf(id: &str) -> String {
        format!(
            "\n[[question]]\nid = \"{id}\"\nconcept = \"safe\"\nkind = \"true-false\"\nprompt = \"P?\"\nanswer = true\nexplain = \"E.\"\n"
        )
    }

    #[test]
    fn a_good_shared_quiz_has_no_problems() {
        let text = format!("{HEADER}{}{}{}", tf("a"), tf("b"), tf("c"));
        assert_eq!(checked(&text, Origin::Shared), Vec::<String>::new());
    }

    #[test]
    fn a_single_choice_question_needs_exactly_one_right_answer() {
        let text = format!(
            "{HEADER}{}{}\n[[question]]\nid = \"s\"\nconcept = \"safe\"\nkind = \"single\"\nprompt = \"P?\"\n\
             choices = [{{ text = \"A\" }}, {{ text = \"B\" }}]\nexplain = \"E.\"\n",
            tf("a"),
            tf("b")
        );
        let problems = checked(&text, Origin::Shared);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("q.toml:27:1: error: question `s` is single choice: exactly one"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_question_needs_feedback_and_a_declared_concept() {
        let text = format!(
            "{HEADER}{}{}\n[[question]]\nid = \"x\"\nconcept = \"meeting\"\nkind = \"true-false\"\nprompt = \"P?\"\n\
             answer = false\nexplain = \"  \"\n",
            tf("a"),
            tf("b")
        );
        let problems = checked(&text, Origin::Shared);
        assert!(
            problems.iter().any(|p| p.contains("q.toml:29:11: error: question `x` cites concept `meeting`")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("q.toml:33:11: error: question `x` needs `explain`")),
            "{problems:?}"
        );
    }

    #[test]
    fn post_questions_need_a_draft_and_an_answer_key() {
        let text = format!(
            "{HEADER}{}{}\n[[question]]\nid = \"p\"\nconcept = \"safe\"\nkind = \"post\"\nexplain = \"E.\"\n\
             choices = [{{ text = \"A\" }}]\n",
            tf("a"),
            tf("b")
        );
        let problems = checked(&text, Origin::Shared);
        for expected in ["write the `draft`", "write `safe_to_post", "only single and multiple questions have choices"]
        {
            assert!(problems.iter().any(|p| p.contains(expected)), "{expected}: {problems:?}");
        }
    }

    #[test]
    fn shared_quizzes_leave_clauses_to_schools_and_own_quizzes_name_them() {
        let text = format!("{HEADER}clause = \"9.1\"\n{}{}{}", tf("a"), tf("b"), tf("c"));
        let shared = checked(&text, Origin::Shared);
        assert!(shared.iter().any(|p| p.contains("a shared quiz cannot name a school's clause")), "{shared:?}");
        assert!(checked(&text, Origin::Own).is_empty());
        let without = format!("{HEADER}{}{}{}", tf("a"), tf("b"), tf("c"));
        assert!(checked(&without, Origin::Own).iter().any(|p| p.contains("needs the clause of policy.md")));
    }

    #[test]
    fn each_band_needs_enough_questions() {
        let c = tf("c").replace("explain", "bands = [\"7-11\"]\nexplain");
        let text = format!("bands = [\"5-7\", \"7-11\"]\n{HEADER}{}{}{c}", tf("a"), tf("b"));
        let problems = checked(&text, Origin::Shared);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("error: the quiz for ages 5-7 has 2 questions: write at least 3"), "{problems:?}");
    }

    #[test]
    fn reading_levels_are_per_band_and_warn_above_the_band() {
        let easy = "Do not tell people where you live. Tell a grown-up.";
        let hard = "Consider the implications of disseminating personally identifiable information indiscriminately.";
        let easy_q = |id: &str, band: &str| {
            tf(id)
                .replace("E.", easy)
                .replace("P?", "Is it OK?")
                .replace("explain", &format!("bands = [\"{band}\"]\nexplain"))
        };
        let hard_q = |id: &str| {
            tf(id).replace("E.", hard).replace("P?", "Is it OK?").replace("explain", "bands = [\"7-11\"]\nexplain")
        };
        let text = format!(
            "title = \"T\"\naudience = \"pupils\"\nversion = 1\nintro = \"Hi.\"\nbands = [\"5-7\", \"7-11\"]\n\
             [[concept]]\nid = \"safe\"\nname = \"Safe\"\nremember = \"Be safe.\"\n{}{}{}{}",
            tf("a").replace("E.", easy).replace("P?", "Is it OK?"),
            easy_q("b", "5-7"),
            hard_q("c"),
            hard_q("d"),
        );
        let file = SourceFile::new("q.toml", text);
        let Some(QuizFile::Quiz(source)) = parse(&file, &mut Diagnostics::default()) else { panic!("parses") };
        let levels = reading_levels(&source);
        assert_eq!(levels.len(), 2);
        assert!(!levels[0].too_hard(), "5-7 reads at {:.1}", levels[0].grade);
        assert!(levels[1].too_hard(), "7-11 reads at {:.1} with the hard question", levels[1].grade);
        assert_eq!(levels[1].hardest().map(|(id, _)| id), Some("d"));
        let hard: Vec<&str> = levels[1].too_hard_questions().iter().map(|(id, _, _)| *id).collect();
        assert_eq!(hard, ["c", "d"]);
        assert!(levels[0].too_hard_questions().is_empty());
    }
}
