//! `postwise import` end to end: the five seeds as received, a Word document made here, and
//! bad input. Every import goes into a scratch `policies/` folder with a copy of `_shared/`.
#![cfg(not(target_arch = "wasm32"))]
// The helpers panic on any surprise too: in a test, that is a failure with its reason.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod import_common;
mod support;
use import_common::{import_into, repo, scratch};

use postwise::import;
use postwise::policy::{self, Policy, date::Date, diagnostic::Diagnostics, document};
use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

const SEEDS: [&str; 5] = ["chestnuts", "cotton-end", "craylands", "robert-carre", "coton-in-the-elms"];

/// Lint's errors and warnings for a folder, as lines.
fn lint(dir: &Path) -> (Vec<String>, Vec<String>) {
    let mut diagnostics = Diagnostics::default();
    if let Some(loaded) = policy::load(dir, &mut diagnostics) {
        loaded.lint(Date::today(), &mut diagnostics);
    }
    let (errors, warnings): (Vec<_>, Vec<_>) =
        diagnostics.into_sorted().into_iter().partition(|d| d.level == policy::diagnostic::Level::Error);
    (errors.iter().map(ToString::to_string).collect(), warnings.iter().map(ToString::to_string).collect())
}

fn load(dir: &Path) -> Policy {
    let mut diagnostics = Diagnostics::default();
    policy::load(dir, &mut diagnostics).unwrap_or_else(|| panic!("{} loads: {diagnostics:?}", dir.display()))
}

/// Imports every seed once for the tests that read the results.
fn imported_seeds(name: &str) -> PathBuf {
    let policies = scratch("import", name);
    for id in SEEDS {
        let seed = repo().join(format!("tests/fixtures/seeds/{id}.txt"));
        import_into(&policies, &seed, id).unwrap_or_else(|e| panic!("{id}: {e}"));
    }
    policies
}

#[test]
fn every_seed_imports_into_a_folder_that_lints_clean() {
    let policies = imported_seeds("lints");
    let mut problems = Vec::new();
    for id in SEEDS {
        let dir = policies.join(id);
        let (errors, _warnings) = lint(&dir);
        problems.extend(errors);
        let rules = std::fs::read_to_string(dir.join("rules.toml")).expect("rules.toml");
        let proposed = rules.matches("# proposed by postwise import: confirm or delete").count();
        let rule_count = rules.matches("[[rule]]").count();
        assert!(rule_count >= 10, "{id}: only {rule_count} rules proposed");
        assert_eq!(proposed, rule_count, "{id}: every rule is marked as proposed");
        let school = std::fs::read_to_string(dir.join("school.toml")).expect("school.toml");
        assert!(school.contains("# TODO (import):"), "{id}: gaps are marked:\n{school}");
    }
    assert!(problems.is_empty(), "lint errors:\n{}", problems.join("\n"));
    // Nothing but the schools and _shared: no temporary folders left.
    let mut names: Vec<String> =
        std::fs::read_dir(&policies).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    let mut expected: Vec<String> = SEEDS.iter().map(|s| (*s).to_owned()).chain(["_shared".to_owned()]).collect();
    expected.sort();
    assert_eq!(names, expected);
}

#[test]
fn the_facts_found_in_the_seeds() {
    let policies = imported_seeds("facts");
    let school = |id: &str| load(&policies.join(id)).school;
    let blocked = |id: &str| school(id).network.blocked.iter().map(|b| b.get_ref().clone()).collect::<Vec<_>>();
    let review = |id: &str| {
        let r = school(id).review;
        (
            r.as_ref().and_then(|r| r.last.as_ref().map(|d| d.get_ref().clone())),
            r.and_then(|r| r.next.map(|d| d.into_inner())),
        )
    };
    let channels = |id: &str| {
        school(id)
            .official_channels
            .iter()
            .map(|c| (c.platform.get_ref().clone(), c.account.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(school("chestnuts").name, "Chestnuts Primary School");
    assert_eq!(school("cotton-end").name, "Cotton End Forest School");
    assert_eq!(school("craylands").name, "The Craylands School");
    assert_eq!(school("robert-carre").name, "The Robert Carre Trust");
    assert_eq!(school("coton-in-the-elms").name, "Coton-in-the-Elms Primary School");
    assert_eq!(blocked("chestnuts"), ["facebook", "instagram", "snapchat"]);
    assert_eq!(blocked("cotton-end"), ["tiktok", "facebook", "instagram"]);
    assert_eq!(blocked("robert-carre"), ["x", "facebook", "instagram"]);
    assert!(blocked("craylands").is_empty() && blocked("coton-in-the-elms").is_empty());
    assert_eq!(review("cotton-end"), (None, Some("2024-09".to_owned())));
    assert_eq!(review("robert-carre"), (Some("2024-10-24".to_owned()), Some("2025-10".to_owned())));
    assert_eq!(review("coton-in-the-elms"), (Some("2024-07".to_owned()), Some("2025-11".to_owned())));
    assert_eq!(review("chestnuts"), (None, None));
    assert_eq!(
        channels("coton-in-the-elms"),
        [
            ("facebook".to_owned(), "Coton-in-the-Elms Primary".to_owned()),
            ("instagram".to_owned(), "Coton-in-the-Elms Primary".to_owned())
        ]
    );
    assert_eq!(channels("craylands"), [("x".to_owned(), "The Craylands School".to_owned())]);
    assert_eq!(channels("chestnuts"), [("facebook".to_owned(), "Chestnuts Primary School".to_owned())]);
    let called = |id: &str| school(id).pupils_called;
    use postwise::policy::source::PupilsCalled;
    assert_eq!(
        SEEDS.map(called),
        [
            PupilsCalled::Pupils,
            PupilsCalled::Pupils,
            PupilsCalled::Children,
            PupilsCalled::Students,
            PupilsCalled::Pupils
        ]
    );
    assert_eq!(*school("chestnuts").pupil_ages.get_ref(), [4, 11], "a primary school by its name");
    assert_eq!(*school("robert-carre").pupil_ages.get_ref(), [11, 18], "\"students\": a secondary school");
}

// ── Text coverage ─────────────────────────────────────────────────────────────────────────────

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// The seed's words, without bookmark markers, image names and the contents list (from a
/// "Contents" line to where its first entry comes again).
fn seed_words(seed: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in seed.lines() {
        let mut line = line.to_owned();
        while let Some(start) = line.find("[bookmark:") {
            let end = line[start..].find(']').map_or(line.len(), |e| start + e + 1);
            line.replace_range(start..end, "");
        }
        let name = line.trim().to_lowercase();
        if !(name.starts_with("image") && name.ends_with(".jpeg")) {
            lines.push(line);
        }
    }
    let entry =
        |line: &str| words(line.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace() || c == '.'));
    if let Some(contents) =
        lines.iter().position(|l| matches!(l.trim().to_lowercase().as_str(), "contents" | "contents:"))
        && let Some(first) = (contents + 1..lines.len()).find(|&i| !words(&lines[i]).is_empty())
    {
        let first_entry = entry(&lines[first]);
        let first_entry =
            first_entry.iter().skip_while(|w| w.chars().all(|c| c.is_ascii_digit())).cloned().collect::<Vec<_>>();
        let again = (first + 1..lines.len()).find(|&i| {
            let w = words(&lines[i]);
            w.iter().skip_while(|w| w.chars().all(|c| c.is_ascii_digit())).cloned().collect::<Vec<_>>() == first_entry
        });
        if let Some(again) = again {
            lines.drain(contents..again);
        }
    }
    lines.iter().flat_map(|l| words(l)).collect()
}

/// policy.md's words without ids and markup (the title counts: it is the school's text).
fn policy_words(markdown: &str) -> Vec<String> {
    let mut text = String::new();
    for line in markdown.lines() {
        let line = line.trim();
        if line == "+++" || line.starts_with('#') && line.contains("TODO (import)") || line.starts_with("|---") {
            continue;
        }
        let mut line = line.to_owned();
        while let Some(start) = line.find("{#") {
            let end = line[start..].find('}').map_or(line.len(), |e| start + e + 1);
            line.replace_range(start..end, " ");
        }
        let line = line.strip_prefix("title = ").unwrap_or(&line).to_owned();
        text.push_str(&line);
        text.push('\n');
    }
    words(&text)
}

/// The length of the longest common subsequence of `a` and `b`.
fn common_in_order(a: &[String], b: &[String]) -> usize {
    let ids: HashMap<&str, u32> = a.iter().chain(b).map(String::as_str).zip(0..).collect();
    let a: Vec<u32> = a.iter().map(|w| ids[w.as_str()]).collect();
    let b: Vec<u32> = b.iter().map(|w| ids[w.as_str()]).collect();
    let mut previous = vec![0u32; b.len() + 1];
    let mut current = vec![0u32; b.len() + 1];
    for x in &a {
        for (j, y) in b.iter().enumerate() {
            current[j + 1] = if x == y { previous[j] + 1 } else { previous[j + 1].max(current[j]) };
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()] as usize
}

#[test]
fn the_imported_text_covers_the_seed() {
    let policies = imported_seeds("text");
    let mut short = Vec::new();
    for id in SEEDS {
        let seed = std::fs::read_to_string(repo().join(format!("tests/fixtures/seeds/{id}.txt"))).expect("seed");
        let markdown = std::fs::read_to_string(policies.join(id).join("policy.md")).expect("policy.md");
        let (seed, imported) = (seed_words(&seed), policy_words(&markdown));
        assert!(seed.len() > 1000, "{id}: {} seed words: is the seed read?", seed.len());
        let share = common_in_order(&seed, &imported) as f64 / seed.len() as f64;
        println!("text coverage {id}: {:.2}% of {} seed words in order", share * 100.0, seed.len());
        if share < 0.99 {
            short.push(format!("{id}: {:.2}%", share * 100.0));
        }
        // And nothing the seed does not have beyond a few words (a placeholder title).
        let extra = imported.len() - common_in_order(&seed, &imported);
        assert!(extra <= 6, "{id}: {extra} words in policy.md that are not the seed's");
    }
    assert!(short.is_empty(), "seeds whose words are not all in policy.md: {short:?}");
}

#[test]
fn the_text_comparison_notices_a_lost_sentence() {
    let seed = seed_words("Title\nContents:\nIntro\t1\nIntro\nWe keep this. [bookmark: x]And this.\nimage1.jpeg\n");
    assert_eq!(seed, ["title", "intro", "we", "keep", "this", "and", "this"]);
    let imported = policy_words("+++\ntitle = \"Title\"\n+++\n## Intro {#intro}\n\n{#intro.1} We keep this.\n");
    assert_eq!(common_in_order(&seed, &imported), 5);
}

// ── Rule coverage ─────────────────────────────────────────────────────────────────────────────

/// A document's clauses: id → words.
fn clause_words(dir: &Path) -> Vec<(String, Vec<String>)> {
    let path = dir.join("policy.md");
    let file = policy::diagnostic::SourceFile::new(&path, std::fs::read_to_string(&path).expect("policy.md"));
    let mut diagnostics = Diagnostics::default();
    let document = document::parse(&file, &mut diagnostics).expect("policy.md parses");
    document.clauses.into_iter().map(|c| (c.id, words(&c.text))).collect()
}

fn similarity(a: &[String], b: &[String]) -> f64 {
    let common = common_in_order(a, b) as f64;
    common / a.len().max(b.len()).max(1) as f64
}

fn parent(id: &str) -> Option<&str> {
    id.rfind('.').map(|at| &id[..at])
}

/// The share of the hand-written rules (category, clause) that the import proposed too: a rule
/// of the same category citing the same clause, its parent or a child. Clauses are matched by
/// their text, as the import's ids for unnumbered sections are its own.
/// Also returns how many proposed rules a hand-written one matches (for the output only: the
/// hand-written schools leave out rules a school could still want).
fn rule_coverage(id: &str, imported: &Path) -> (usize, usize, Vec<String>, usize, usize) {
    let hand_dir = repo().join("policies").join(id);
    let hand_clauses = clause_words(&hand_dir);
    let imported_clauses = clause_words(imported);
    let hand_rules = load(&hand_dir).rules;
    let proposed: Vec<(postwise::model::Category, String)> =
        load(imported).rules.iter().map(|r| (r.get_ref().category, r.get_ref().clause.get_ref().clone())).collect();
    let mut covered = 0;
    let mut missed = Vec::new();
    let mut confirmed = vec![false; proposed.len()];
    for rule in &hand_rules {
        let rule = rule.get_ref();
        let clause = rule.clause.get_ref();
        let text = &hand_clauses.iter().find(|(c, _)| c == clause).expect("hand clause").1;
        let (best, score) = imported_clauses
            .iter()
            .map(|(c, w)| (c.as_str(), similarity(text, w)))
            .fold(("", 0.0), |best, next| if next.1 > best.1 { next } else { best });
        let mapped = if score >= 0.6 { best } else { clause.as_str() };
        let mut hit = false;
        for (index, (category, cited)) in proposed.iter().enumerate() {
            if *category == rule.category
                && (cited == mapped || parent(cited) == Some(mapped) || parent(mapped) == Some(cited))
            {
                hit = true;
                confirmed[index] = true;
            }
        }
        if hit {
            covered += 1;
        } else {
            missed.push(format!("{} {} ({clause} → {mapped})", rule.category, rule.id.get_ref()));
        }
    }
    let matching = confirmed.iter().filter(|c| **c).count();
    (covered, hand_rules.len(), missed, matching, proposed.len())
}

#[test]
fn proposed_rules_cover_most_hand_written_ones() {
    let policies = imported_seeds("rules");
    let mut low = Vec::new();
    let (mut all_covered, mut all_rules) = (0, 0);
    for id in SEEDS {
        let (covered, total, missed, matching, proposed) = rule_coverage(id, &policies.join(id));
        let share = covered as f64 / total as f64;
        println!(
            "rule coverage {id}: {covered}/{total} = {:.0}% (and {matching} of the {proposed} proposed rules match a hand-written one)",
            share * 100.0
        );
        println!("  not proposed: {}", missed.join("; "));
        all_covered += covered;
        all_rules += total;
        // The floor each school reaches now: a drop is a regression in the import.
        if share < 0.8 {
            low.push(format!("{id}: {:.0}%", share * 100.0));
        }
    }
    println!("rule coverage overall: {all_covered}/{all_rules}");
    assert!(low.is_empty(), "schools under 80% of their hand-written rules: {low:?}");
    assert!(all_covered * 10 >= all_rules * 9, "under 90% overall: {all_covered}/{all_rules}");
}

// ── A Word document made here ─────────────────────────────────────────────────────────────────

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

fn paragraph(style: Option<&str>, list: Option<(u32, u32)>, runs: &str) -> String {
    let style = style.map(|s| format!("<w:pStyle w:val=\"{s}\"/>")).unwrap_or_default();
    let list = list
        .map(|(id, level)| format!("<w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{id}\"/></w:numPr>"))
        .unwrap_or_default();
    format!("<w:p><w:pPr>{style}{list}</w:pPr>{runs}</w:p>")
}

fn run(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

fn bold(text: &str) -> String {
    format!("<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

fn cell(text: &str) -> String {
    format!("<w:tc>{}</w:tc>", paragraph(None, None, &run(text)))
}

/// A .docx with a title, a contents entry, numbered headings, a numbered list with a bulleted
/// list inside it, bold, a channel table and a blocked-sites list.
fn docx_fixture() -> Vec<u8> {
    let body = [
        paragraph(Some("Title"), None, &run("Social Media Policy")),
        paragraph(None, None, &run("Oakfield Primary School")),
        paragraph(Some("TOC1"), None, &run("1. Staff use of social media\t2")),
        paragraph(Some("Heading1"), Some((1, 0)), &run("Staff use of social media")),
        paragraph(
            None,
            Some((2, 0)),
            &format!(
                "{}{}{}",
                run("Members of staff "),
                bold("must not"),
                run(" friend, follow or otherwise contact pupils or parents through social media.")
            ),
        ),
        paragraph(None, Some((2, 1)), &run("This includes accepting friend requests.")),
        paragraph(None, Some((2, 1)), &run("It includes messaging apps such as WhatsApp &amp; Snapchat.")),
        paragraph(
            None,
            Some((2, 0)),
            &run("Staff should not post anything that could identify a pupil or the school."),
        ),
        paragraph(Some("Heading2"), None, &run("Official channels")),
        paragraph(None, None, &run("The school's official social media channels are:")),
        format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            cell("Platform"),
            cell("Account name"),
            cell("Facebook"),
            cell("Oakfield Primary")
        ),
        paragraph(Some("Heading1"), Some((1, 0)), &run("Blocked content")),
        paragraph(None, None, &run("The following social media websites are not accessible on the school’s network:")),
        paragraph(None, Some((3, 0)), &run("TikTok")),
        paragraph(None, Some((3, 0)), &run("Facebook")),
        paragraph(None, Some((3, 0)), &run("Instagram")),
        paragraph(Some("Heading1"), Some((1, 0)), &run("Review")),
        paragraph(None, None, &run("Next review: September 2026.")),
    ]
    .concat();
    let document =
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document {W}><w:body>{body}</w:body></w:document>");
    let styles = format!(
        "<w:styles {W}>\
         <w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"TOC1\"><w:name w:val=\"toc 1\"/></w:style>\
         </w:styles>"
    );
    let level = |ilvl: u32, format: &str, text: &str| {
        format!(
            "<w:lvl w:ilvl=\"{ilvl}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{format}\"/><w:lvlText w:val=\"{text}\"/></w:lvl>"
        )
    };
    let numbering = format!(
        "<w:numbering {W}>\
         <w:abstractNum w:abstractNumId=\"10\">{}</w:abstractNum>\
         <w:abstractNum w:abstractNumId=\"20\">{}{}</w:abstractNum>\
         <w:abstractNum w:abstractNumId=\"30\">{}</w:abstractNum>\
         <w:num w:numId=\"1\"><w:abstractNumId w:val=\"10\"/></w:num>\
         <w:num w:numId=\"2\"><w:abstractNumId w:val=\"20\"/></w:num>\
         <w:num w:numId=\"3\"><w:abstractNumId w:val=\"30\"/></w:num>\
         </w:numbering>",
        level(0, "decimal", "%1."),
        level(0, "decimal", "%1."),
        level(1, "bullet", "•"),
        level(0, "bullet", "•"),
    );
    let content_types = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
        <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
        <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
        </Types>";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in [
        ("[Content_Types].xml", content_types.to_owned()),
        ("word/document.xml", document),
        ("word/styles.xml", styles),
        ("word/numbering.xml", numbering),
    ] {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(text.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}

#[test]
fn a_word_document_imports_with_its_structure() {
    let policies = scratch("import", "docx");
    let source = policies.join("oakfield.docx");
    std::fs::write(&source, docx_fixture()).expect("write docx");
    let report = import_into(&policies, &source, "oakfield").expect("imports");
    let dir = policies.join("oakfield");
    let markdown = std::fs::read_to_string(dir.join("policy.md")).expect("policy.md");
    for expected in [
        "+++\ntitle = \"Social Media Policy\"\n+++\n",
        "{#preamble.1} Oakfield Primary School\n",
        "## 1. Staff use of social media {#1}\n",
        "{#1.1} 1. Members of staff **must not** friend, follow or otherwise contact pupils or parents through social media.\n\n\
         - {#1.1.a} This includes accepting friend requests.\n\
         - {#1.1.b} It includes messaging apps such as WhatsApp & Snapchat.\n",
        "{#1.2} 2. Staff should not post anything that could identify a pupil or the school.\n",
        "### Official channels {#1.official-channels}\n",
        "| Platform | Account name |\n|---|---|\n| Facebook | Oakfield Primary |\n",
        "## 2. Blocked content {#2}\n",
        "- {#2.1.a} TikTok\n- {#2.1.b} Facebook\n- {#2.1.c} Instagram\n",
        "## 3. Review {#3}\n",
    ] {
        assert!(markdown.contains(expected), "policy.md lacks {expected:?}:\n{markdown}");
    }
    assert!(!markdown.contains("\t2"), "the table of contents is dropped:\n{markdown}");
    let school = load(&dir).school;
    assert_eq!(school.name, "Oakfield Primary School");
    assert_eq!(
        school.network.blocked.iter().map(|b| b.get_ref().as_str()).collect::<Vec<_>>(),
        ["tiktok", "facebook", "instagram"]
    );
    assert_eq!(school.official_channels.len(), 1);
    assert_eq!(
        (school.official_channels[0].platform.get_ref().as_str(), school.official_channels[0].account.as_str()),
        ("facebook", "Oakfield Primary")
    );
    assert_eq!(school.review.and_then(|r| r.next).map(|d| d.into_inner()), Some("2026-09".to_owned()));
    let rules = load(&dir).rules;
    let cited: Vec<(String, String)> =
        rules.iter().map(|r| (r.get_ref().category.to_string(), r.get_ref().clause.get_ref().clone())).collect();
    for expected in [("contact-request", "1.1"), ("pupil-identity", "1.2"), ("school-identity", "1.2")] {
        assert!(cited.iter().any(|(c, id)| c == expected.0 && id == expected.1), "no {expected:?} rule in {cited:?}");
    }
    let (errors, _) = lint(&dir);
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(report.recognised.iter().any(|r| r.contains("table of contents")), "{report}");
    assert_eq!(report.counts.tables, 1);
}

// ── Bad input ─────────────────────────────────────────────────────────────────────────────────

fn postwise(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_postwise")).args(args).output().expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs the command on `source` and checks it fails with status 2, an error naming the file
/// and containing `expected`, and leaves nothing in `policies/` but `_shared/`.
#[track_caller]
/// Imports `source` into `policies`, asserting it succeeds, and removes what it wrote.
fn imports(policies: &Path, source: &Path) {
    let out = policies.join("school");
    let (code, stdout, stderr) =
        postwise(&["import", &source.display().to_string(), "--id", "school", "--out", &out.display().to_string()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    std::fs::remove_dir_all(&out).expect("removes");
}

fn refused(policies: &Path, source: &Path, expected: &str) {
    let out = policies.join("school");
    let (code, stdout, stderr) =
        postwise(&["import", &source.display().to_string(), "--id", "school", "--out", &out.display().to_string()]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains(&source.display().to_string()), "the error names the file: {stderr}");
    assert!(stderr.contains(expected), "expected {expected:?} in: {stderr}");
    let left: Vec<String> = std::fs::read_dir(policies)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && !p.ends_with("_shared"))
        .map(|p| p.display().to_string())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn bad_input_gives_a_clear_error_and_no_folder() {
    let policies = scratch("import", "bad");
    let write = |name: &str, bytes: &[u8]| {
        let path = policies.join(name);
        std::fs::write(&path, bytes).expect("write");
        path
    };
    let corrupt = write("corrupt.docx", b"PK\x03\x04 this is not really a zip file");
    refused(&policies, &corrupt, "cannot be read as a Word document");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend([0u8; 504]);
    let encrypted = write("encrypted.docx", &ole);
    refused(&policies, &encrypted, "encrypted (password-protected)");
    let not_zip = write("renamed.docx", b"Just some text saved with the wrong name.");
    refused(&policies, &not_zip, "not a zip file");
    let empty = write("empty.txt", b"");
    refused(&policies, &empty, "is empty");
    let blank = write("blank.txt", b" \n\n\t\n");
    refused(&policies, &blank, "is empty");
    let letter = write("letter.txt", b"Dear parents, the trip leaves at nine. Please bring a packed lunch.\n");
    refused(&policies, &letter, "no headings, no numbered clauses and no list");
    let shopping = write("shopping.txt", b"1. Fruit\n\n1.1. Apples and pears.\n\n2. Bread\n\n2.1. A white loaf.\n");
    refused(&policies, &shopping, "never mentions social media");
    // Naming the school's website is not speaking of being online; photos on it are.
    let uniform = write(
        "uniform.txt",
        b"1. Uniform\n\n1.1. Pupils wear the school jumper every day.\n\n1.2. Prices are on the school website.\n",
    );
    refused(&policies, &uniform, "never mentions social media");
    let phones = write(
        "phones.txt",
        b"1. Mobile phones\n\n1.1. Pupils hand their phones in at the office each morning.\n\n1.2. Phones are collected at the end of the day.\n",
    );
    refused(&policies, &phones, "never mentions social media");
    let photos = write(
        "photos.txt",
        b"1. Photographs\n\n1.1. Photographs of children are put on the school website only with their parents' consent.\n\n1.2. Parents must not take photographs of other children at school events.\n",
    );
    imports(&policies, &photos);
    let welsh = write(
        "polisi.txt",
        "Polisi E-Ddiogelwch\n\n1. Rheolau\n\n1.1. Mae'r ysgol yn defnyddio'r rhyngrwyd gyda'r disgyblion bob dydd.\n\n1.2. Dylai disgyblion ddim rhannu eu cyfrinair gyda neb, a rhaid i'r staff fod yn ofalus ar y cyfryngau cymdeithasol hefyd.\n"
            .as_bytes(),
    );
    refused(
        &policies,
        &welsh,
        "looks to be written in Welsh (one word in seven or more is among its commonest), and the import reads English",
    );
    // A short policy whose title names the rules for the school's computers imports.
    let ict = write(
        "ict.txt",
        b"Acceptable use of ICT facilities in school - Pupil Policy\nPupils must not use the Internet or the school network to bully, insult or upset others, or to share anything unkind.\nAccess to the Internet is a privilege, not a right, and it is withdrawn from pupils who do not use it responsibly.\n",
    );
    imports(&policies, &ict);
    let binary = write("binary.txt", b"\x00\x01\x02 policy \x00");
    refused(&policies, &binary, "is not text");
    let other = write("policy.odt", b"PK\x03\x04 an OpenDocument file");
    refused(&policies, &other, "not a .docx, .pdf, .html or .txt file");
    let damaged = write("policy.pdf", b"%PDF-1.4");
    refused(&policies, &damaged, "cannot be read as a PDF");
    let huge = policies.join("huge.txt");
    std::fs::File::create(&huge).and_then(|f| f.set_len(import::SIZE_LIMIT + 1)).expect("sparse file");
    refused(&policies, &huge, "over the 20 MB limit");
    let _ = std::fs::remove_file(&huge);
    let seed = std::fs::read_to_string(repo().join("tests/fixtures/seeds/cotton-end.txt")).expect("seed");
    let book = write("book.txt", seed.repeat(100).as_bytes());
    refused(&policies, &book, "over the 2 MB a policy could have");
    let docx = policies.join("zip-without-word.docx");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("hello.txt", zip::write::SimpleFileOptions::default()).expect("entry");
    zip.write_all(b"hello").expect("write");
    std::fs::write(&docx, zip.finish().expect("zip").into_inner()).expect("write");
    refused(&policies, &docx, "no word/document.xml");
}

#[test]
fn an_existing_folder_is_replaced_only_with_force() {
    let policies = scratch("import", "force");
    let seed = repo().join("tests/fixtures/seeds/chestnuts.txt");
    let out = policies.join("chestnuts");
    std::fs::create_dir_all(&out).expect("folder");
    std::fs::write(out.join("policy.md"), "hand-written").expect("write");
    let (code, _, stderr) =
        postwise(&["import", &seed.display().to_string(), "--id", "chestnuts", "--out", &out.display().to_string()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("already exists") && stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read_to_string(out.join("policy.md")).expect("kept"), "hand-written");
    let (code, stdout, stderr) = postwise(&[
        "import",
        &seed.display().to_string(),
        "--id",
        "chestnuts",
        "--out",
        &out.display().to_string(),
        "--force",
    ]);
    assert_eq!(code, 0, "{stderr}");
    for section in ["recognised:", "guessed (check these):", "needs a person:"] {
        assert!(stdout.contains(section), "the report has {section}\n{stdout}");
    }
    assert!(std::fs::read_to_string(out.join("policy.md")).expect("replaced").starts_with("+++"));
    let names: Vec<String> =
        std::fs::read_dir(&policies).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), 2, "only _shared and the school: {names:?}");
    // The id must be the folder's name, and a school id.
    let (code, _, stderr) = postwise(&["import", &seed.display().to_string(), "--id", "Chestnuts!"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("is not a school id"), "{stderr}");
    let (code, _, stderr) =
        postwise(&["import", &seed.display().to_string(), "--id", "oak", "--out", &out.display().to_string()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("must be the school's id"), "{stderr}");
}

// ── Input made to exhaust memory or lose text ──────────────────────────────────────────────────

/// `postwise args…` in an address space of `megabytes`, with how long it took.
#[cfg(target_os = "linux")]
fn postwise_within(megabytes: u64, args: &[&str]) -> (i32, String, String, std::time::Duration) {
    let started = std::time::Instant::now();
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {}; exec \"$0\" \"$@\"", megabytes * 1024))
        .arg(env!("CARGO_BIN_EXE_postwise"))
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        started.elapsed(),
    )
}

/// A .docx of under a kilobyte: one numbered paragraph whose list level starts at `start` in
/// lower roman numerals.
fn docx_with_list_start(start: &str) -> Vec<u8> {
    let body = [
        paragraph(Some("Heading1"), None, &run("Social media")),
        paragraph(None, Some((1, 0)), &run("Staff must not post pupils' names online.")),
    ]
    .concat();
    let document = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
    let styles = format!(
        "<w:styles {W}><w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/></w:style></w:styles>"
    );
    let numbering = format!(
        "<w:numbering {W}><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"{start}\"/>\
         <w:numFmt w:val=\"lowerRoman\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>\
         <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in
        [("word/document.xml", document), ("word/styles.xml", styles), ("word/numbering.xml", numbering)]
    {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(text.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}

#[cfg(target_os = "linux")]
#[test]
fn a_list_numbered_from_four_billion_imports_in_little_memory() {
    let policies = scratch("import", "huge-start");
    for (name, start) in [("four-billion", "4294967000"), ("forty-million", "40000000")] {
        let source = policies.join(format!("{name}.docx"));
        let bytes = docx_with_list_start(start);
        assert!(bytes.len() < 1500, "a small file: {} bytes", bytes.len());
        std::fs::write(&source, bytes).expect("write docx");
        let out = policies.join(name);
        let (code, stdout, stderr, took) = postwise_within(
            400,
            &["import", &source.display().to_string(), "--id", name, "--out", &out.display().to_string()],
        );
        assert_eq!(code, 0, "{stdout}{stderr}");
        assert!(took < std::time::Duration::from_secs(10), "took {took:?}");
        let policy_md = std::fs::read_to_string(out.join("policy.md")).expect("policy.md");
        let rules_toml = std::fs::read_to_string(out.join("rules.toml")).expect("rules.toml");
        assert!(policy_md.len() < 4096 && rules_toml.len() < 16384, "{policy_md}");
        assert!(policy_md.contains("32767."), "held to Word's limit, shown as a decimal:\n{policy_md}");
        assert!(stdout.contains("past Word's limit of 32767"), "the report says so:\n{stdout}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_large_text_file_is_refused_before_it_is_read() {
    let policies = scratch("import", "large-text");
    let seed = std::fs::read_to_string(repo().join("tests/fixtures/seeds/cotton-end.txt")).expect("seed");
    let source = policies.join("large.txt");
    let text = seed.repeat(19 * 1024 * 1024 / seed.len());
    std::fs::write(&source, &text).expect("write");
    let out = policies.join("school");
    // Reading 19 MB of text whole once took 344 MB.
    let (code, stdout, stderr, _) = postwise_within(
        160,
        &["import", &source.display().to_string(), "--id", "school", "--out", &out.display().to_string()],
    );
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("over the 2 MB a policy could have"), "{stderr}");
}

#[test]
fn a_utf8_text_with_a_stray_byte_is_read_and_the_loss_reported() {
    let policies = scratch("import", "stray-byte");
    let seed = std::fs::read(repo().join("tests/fixtures/seeds/cotton-end.txt")).expect("seed");
    let tenth_line = seed.iter().enumerate().filter(|(_, b)| **b == b'\n').nth(8).map(|(i, _)| i + 1).expect("lines");
    let mut bytes = seed[..tenth_line].to_vec();
    bytes.push(0x81);
    bytes.extend_from_slice(&seed[tenth_line..]);
    let source = policies.join("stray.txt");
    std::fs::write(&source, bytes).expect("write");
    let report = import_into(&policies, &source, "stray").expect("imports as UTF-8");
    assert!(
        report.needs_person.iter().any(|n| n.contains("1 character(s) could not be decoded") && n.contains("line 10")),
        "{report}"
    );
    assert!(report.guessed.iter().all(|g| !g.contains("Windows-1252")), "{report}");
    let policy_md = std::fs::read_to_string(policies.join("stray/policy.md")).expect("policy.md");
    assert!(policy_md.contains('\u{FFFD}') && policy_md.contains('’'), "kept as UTF-8");
}

#[test]
fn a_policy_of_plain_paragraphs_imports_each_paragraph_as_a_clause() {
    let policies = scratch("import", "plain");
    let source = policies.join("plain.txt");
    let paragraph = |topic: &str| {
        format!(
            "Our school uses social media to share news about {topic} with families. Staff must not \
             accept friend requests from pupils on their personal accounts, and parents are asked to \
             raise any concern about {topic} with the school office rather than online, where it \
             cannot be answered fairly and may upset the children involved in it.\n\n"
        )
    };
    let text: String = ["trips", "clubs", "sports day"].iter().map(|t| paragraph(t)).collect();
    std::fs::write(&source, text).expect("write");
    let report = import_into(&policies, &source, "plain").expect("imports");
    assert!(report.needs_person.iter().any(|n| n.contains("each paragraph is a clause")), "{report}");
    let policy_md = std::fs::read_to_string(policies.join("plain/policy.md")).expect("policy.md");
    assert_eq!(policy_md.matches("{#preamble.").count(), 3, "{policy_md}");
    let rules = std::fs::read_to_string(policies.join("plain/rules.toml")).expect("rules.toml");
    assert!(rules.contains("contact-request"), "{rules}");
}

#[test]
fn an_e_safety_policy_that_speaks_only_of_the_internet_imports() {
    let policies = scratch("import", "e-safety");
    let source = policies.join("e-safety.txt");
    std::fs::write(
        &source,
        "E-Safety Policy\n\n1. Pupils\n\n1.1 Pupils must not share their passwords when using the internet at school.\n",
    )
    .expect("write");
    let report = import_into(&policies, &source, "e-safety").expect("an e-safety policy imports");
    assert!(report.counts.headings >= 1, "{report}");
    assert!(policies.join("e-safety/policy.md").exists());
}

#[test]
fn a_short_policy_is_read_when_its_title_calls_it_one_and_a_short_letter_is_not() {
    let policies = scratch("import", "titled");
    let body = "Staff should give the children their whole attention, so mobile phones are not used \
                in working hours.\n\nThe nursery asks staff to think before they post: comments on \
                Facebook about the nursery could change how parents see it.\n";
    let titled = policies.join("titled.txt");
    std::fs::write(&titled, format!("Mobile Phone and Social Networking Policy\n\n{body}")).expect("write");
    let report = import_into(&policies, &titled, "titled").expect("a titled policy of two paragraphs imports");
    assert!(report.counts.paragraphs >= 2, "{report}");
    let letter = policies.join("letter.txt");
    std::fs::write(&letter, format!("Dear parents,\n\n{body}")).expect("write");
    let refused = import_into(&policies, &letter, "letter").expect_err("a short untitled letter is refused");
    assert!(refused.to_string().contains("too short to read as a policy"), "{refused}");
    // A page of short paragraphs, a rule each, reads as rules however few its words.
    let rules_page = policies.join("rules-page.txt");
    let rules = [
        "Children will not start a conversation with other users of the internet unless a teacher asks them to.",
        "Random searches on search engines are not allowed in school unless a teacher asks for one.",
        "Children will not download any files, games or images unless a teacher asks them to do so.",
        "Children who are upset by anything they see or read online tell a teacher straight away.",
        "Parents are asked to follow the same rules at home and to use filtering software on the devices their children use.",
        "Children will not share their own name, address or photograph with anyone they meet online.",
    ];
    std::fs::write(&rules_page, rules.join("\n\n")).expect("write");
    import_into(&policies, &rules_page, "rules-page").expect("six short rules import");
    let four = policies.join("four.txt");
    std::fs::write(&four, rules[..4].join("\n\n")).expect("write");
    let refused = import_into(&policies, &four, "four").expect_err("four short paragraphs are too few");
    assert!(refused.to_string().contains("too short to read as a policy"), "{refused}");
    // A policy flattened into one run of text still speaks of itself as one.
    let flattened = policies.join("flattened.txt");
    let run: String = std::iter::repeat_n(
        "This policy sets out what staff must do when they use social networking sites outside work. ",
        10,
    )
    .collect();
    std::fs::write(&flattened, run).expect("write");
    import_into(&policies, &flattened, "flattened").expect("a policy in one run of text imports");
    // Rules for pupils' e-mail are rules for what they send online.
    let email_rules = policies.join("email-rules.txt");
    let text = "E-mail rules\n\n1. Students must not send threatening e-mails to other students.\n\n\
                2. Students must not give out their address or phone number in an e-mail.\n";
    std::fs::write(&email_rules, text).expect("write");
    import_into(&policies, &email_rules, "email-rules").expect("a page of e-mail rules imports");
    // One run of text stating rules (line breaks lost in copying) imports a sentence a clause,
    // and says so.
    let run_of_rules = policies.join("run-of-rules.txt");
    let rules: String = [
        "Sixth Form students may use their own laptops in the College. ",
        "You must not use any facility to take part in cyber-bullying. ",
        "You must not use indecent, obscene or threatening language online. ",
        "You must respect copyright. ",
    ]
    .iter()
    .cycle()
    .take(20)
    .copied()
    .collect();
    std::fs::write(&run_of_rules, rules).expect("write");
    let report = import_into(&policies, &run_of_rules, "run-of-rules").expect("one run of rules imports");
    assert_eq!(report.counts.paragraphs, 20, "a sentence a clause: {report}");
    assert!(report.to_string().contains("came as one run of text"), "{report}");
    // One run of text that neither calls itself a policy nor states rules is refused with what
    // to do about it.
    let run_on = policies.join("run-on.txt");
    let article: String =
        std::iter::repeat_n("Our pupils enjoyed a week of online safety lessons with a visiting speaker. ", 20)
            .collect();
    std::fs::write(&run_on, article).expect("write");
    let refused = import_into(&policies, &run_on, "run-on").expect_err("one run of text with no rules is refused");
    assert!(refused.to_string().contains("put a blank line between its sections"), "{refused}");
}
