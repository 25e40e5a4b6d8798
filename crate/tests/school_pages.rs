//! The pages the coverage map, the duties and the platforms make, in the real site built by the
//! real binary: every school has its coverage map, its "For the school" page and "Where to
//! report"; the calendar file parses as iCalendar and keeps RFC 5545's rules; every clause a
//! new page links to is on the policy page.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a panic is a failure report

use postwise::policy::coverage::PAGES;
use postwise::policy::{self, date::Date};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const SCHOOLS: [&str; 5] = ["chestnuts", "coton-in-the-elms", "cotton-end", "craylands", "robert-carre"];

/// The real site, built once for all the tests here.
fn site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("school_pages").join("site");
        let _ = std::fs::remove_dir_all(&out);
        let policies = Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies");
        let output = Command::new(env!("CARGO_BIN_EXE_postwise"))
            .arg("build")
            .arg("--policies")
            .arg(&policies)
            .arg("--out")
            .arg(&out)
            .args(["--wasm-pkg", "no-such-pkg", "--today", "2025-01-15"])
            .output()
            .expect("runs postwise");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        out
    })
}

fn read(school: &str, file: &str) -> String {
    let path = site().join(school).join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The ids of the elements of a page.
fn ids(html: &str) -> BTreeSet<String> {
    html.split(" id=\"").skip(1).filter_map(|rest| rest.split('"').next()).map(str::to_owned).collect()
}

/// The `policy.html#…` anchors a page links to.
fn clause_links(html: &str) -> Vec<String> {
    html.split("href=\"policy.html#").skip(1).filter_map(|rest| rest.split('"').next()).map(str::to_owned).collect()
}

#[test]
fn every_clause_a_new_page_links_to_is_on_the_policy_page() {
    for school in SCHOOLS {
        let anchors = ids(&read(school, "policy.html"));
        let mut pages = vec!["coverage.html", "school-duties.html", "reporting.html", "rules.html"];
        if site().join(school).join("blocked-sites.html").exists() {
            pages.push("blocked-sites.html");
        }
        for page in pages {
            let html = read(school, page);
            let links = clause_links(&html);
            assert!(!links.is_empty() || page == "reporting.html", "{school}/{page} links no clause");
            for link in links {
                assert!(anchors.contains(&link), "{school}/{page} links clause {link}, not on the policy page");
            }
        }
    }
}

#[test]
fn the_coverage_map_lists_every_element_and_links_what_encodes_it() {
    for school in SCHOOLS {
        let html = read(school, "coverage.html");
        let elements = html.matches("<article class=\"coverage-element\"").count();
        assert!(elements >= 40, "{school}: {elements} elements");
        // Every link to another page of the school's site leads to a file that was built, and
        // an anchor on it that exists.
        for href in html.split("href=\"").skip(1).filter_map(|rest| rest.split('"').next()) {
            if href.starts_with("../") || href.starts_with('#') || href.starts_with("policy.html") {
                continue;
            }
            let (file, anchor) = href.split_once('#').unwrap_or((href, ""));
            let target = read(school, file);
            assert!(anchor.is_empty() || ids(&target).contains(anchor), "{school}: {href} has no #{anchor}");
        }
    }
    // Coton's covers staff only, and its map says why the others are not covered.
    assert!(read("coton-in-the-elms", "coverage.html").contains("does not cover pupils or parents"));
}

#[test]
fn every_page_a_coverage_map_can_name_is_a_page_of_the_site() {
    let files: BTreeSet<&str> = postwise::site::pages::SCHOOL_PAGES
        .iter()
        .chain(postwise::site::pages::LINKED_PAGES)
        .map(|p| p.file)
        .chain([postwise::site::pages::SCHOOL_HOME])
        .collect();
    for (id, file) in PAGES {
        assert!(files.contains(file), "page `{id}` is {file}, which the site does not build");
    }
}

#[test]
fn the_rules_page_lists_detecting_rules_asking_rules_and_what_is_not_about_posts() {
    let html = read("cotton-end", "rules.html");
    assert!(html.contains("id=\"asks\""), "questions before posting");
    assert!(html.contains("Has SLT approved this post?"));
    assert!(html.contains("id=\"not-about-posts\""));
    assert!(ids(&html).contains("ask-staff--ask-slt-approved"));
}

#[test]
fn where_to_report_marks_closed_networks_and_links_help_pages() {
    let html = read("chestnuts", "reporting.html");
    for closed in ["BBM (BlackBerry Messenger): <strong>closed in May 2019", "Vine: <strong>closed in January 2017"] {
        assert!(html.contains(closed), "{closed}");
    }
    assert!(html.contains("href=\"https://help.snapchat.com\""));
    assert!(html.contains("href=\"blocked-sites.html\""));
    assert!(html.contains("href=\"policy.html#appendix-5.2\"") && html.contains("now part of EE"), "appendix 5");
    // A school without a table of its own still has the platforms' help pages.
    assert!(read("coton-in-the-elms", "reporting.html").contains("href=\"https://support.tiktok.com\""));
    let blocked = read("cotton-end", "blocked-sites.html");
    for name in ["TikTok", "Facebook", "Instagram"] {
        assert!(blocked.contains(&format!("<li>{name}</li>")), "{name}");
    }
    assert!(!site().join("coton-in-the-elms/blocked-sites.html").exists(), "Coton's policy names no blocked sites");
}

/// Strict RFC 5545 checks the parser does not make: CRLF line ends, lines of at most 75
/// octets, the calendar's and each event's required properties, dates that are dates.
fn strict_check(school: &str, text: &str) {
    assert!(text.ends_with("\r\n"), "{school}: ends with CRLF");
    for line in text.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(!line.contains('\n'), "{school}: a bare LF in {line:?}");
        assert!(line.len() <= 75, "{school}: {} octets: {line:?}", line.len());
    }
    let unfolded = text.replace("\r\n ", "");
    let lines: Vec<&str> = unfolded.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.first(), Some(&"BEGIN:VCALENDAR"));
    assert_eq!(lines.last(), Some(&"END:VCALENDAR"));
    assert!(lines.contains(&"VERSION:2.0") && lines.iter().any(|l| l.starts_with("PRODID:")));
    let date = |value: &str| {
        let ok = value.len() == 8
            && value.bytes().all(|b| b.is_ascii_digit())
            && Date::parse(&format!("{}-{}-{}", &value[..4], &value[4..6], &value[6..])).is_some();
        assert!(ok, "{school}: {value} is not a date");
        value.to_owned()
    };
    let mut uids = BTreeSet::new();
    for event in unfolded.split("BEGIN:VEVENT\r\n").skip(1) {
        let event = event.split("END:VEVENT").next().unwrap_or_default();
        let property = |name: &str| {
            event.split("\r\n").find_map(|l| l.strip_prefix(name)).unwrap_or_else(|| panic!("{school}: no {name}"))
        };
        assert!(uids.insert(property("UID:").to_owned()), "{school}: UIDs are unique");
        let stamp = property("DTSTAMP:");
        assert!(stamp.len() == 16 && stamp.ends_with('Z'), "{school}: DTSTAMP {stamp}");
        let start = date(property("DTSTART;VALUE=DATE:"));
        let end = date(property("DTEND;VALUE=DATE:"));
        assert!(end > start, "{school}: the event ends after it starts");
        assert!(!property("SUMMARY:").is_empty());
        if let Some(rule) = event.split("\r\n").find_map(|l| l.strip_prefix("RRULE:")) {
            assert!(rule.starts_with("FREQ=YEARLY"), "{school}: {rule}");
        }
    }
    assert!(!uids.is_empty(), "{school}: no events");
}

#[test]
fn the_calendar_parses_and_holds_every_dated_duty() {
    for school in SCHOOLS {
        let text = read(school, "duties.ics");
        strict_check(school, &text);
        let mut calendars = ical::IcalParser::new(text.as_bytes());
        let calendar = calendars.next().expect("a calendar").expect("parses as iCalendar");
        assert!(calendars.next().is_none(), "{school}: one calendar");
        let (policy, _) =
            policy::load_valid(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies").join(school), Date::today());
        let policy = policy.expect("loads");
        let dated: Vec<String> = policy
            .duties
            .iter()
            .map(|d| d.get_ref())
            .filter(|d| d.when.is_dated())
            .map(|d| d.what.get_ref().clone())
            .collect();
        let summaries: Vec<String> = calendar
            .events
            .iter()
            .filter_map(|e| e.properties.iter().find(|p| p.name == "SUMMARY")?.value.clone())
            .map(|s| s.replace("\\,", ",").replace("\\;", ";"))
            .collect();
        assert_eq!(summaries, dated, "{school}");
        let page = read(school, "school-duties.html");
        assert!(page.contains("href=\"duties.ics\""), "{school}: the page links the calendar");
        for duty in &policy.duties {
            assert!(ids(&page).contains(&format!("duty-{}", duty.get_ref().id.get_ref())));
        }
    }
}

#[test]
fn the_policy_page_notes_what_differs_from_the_text_as_received() {
    let chestnuts = read("chestnuts", "policy.html");
    assert!(chestnuts.contains("Notes on this text") && chestnuts.contains("The school blogging rules"));
    let craylands = read("craylands", "policy.html");
    assert!(craylands.contains("Clause 7.c is a line without a bullet"));
    assert!(ids(&craylands).contains("7.c") && !ids(&craylands).contains("7.1"));
}

#[test]
fn where_to_report_names_the_schools_official_accounts() {
    let html = read("coton-in-the-elms", "reporting.html");
    assert!(
        html.contains("Facebook: Coton-in-the-Elms Primary") && html.contains("Instagram: Coton-in-the-Elms Primary")
    );
    assert!(!read("cotton-end", "reporting.html").contains("official accounts are"), "Cotton End names none");
}

/// Where a policy blocks sites on its network, its pupils' quiz teaches it, citing the clause.
#[test]
fn the_pupils_quiz_teaches_the_blocked_sites_where_the_policy_names_them() {
    for (school, clause) in [("cotton-end", "9.3"), ("chestnuts", "7.2"), ("robert-carre", "blocked.3")] {
        let quizzes = read(school, "quizzes.json");
        assert!(quizzes.contains("\"blocked-at-school\""), "{school}");
        assert!(quizzes.contains(&format!("\"clause\":\"{clause}\"")), "{school}: cites {clause}");
    }
    assert!(!read("craylands", "quizzes.json").contains("\"blocked-at-school\""), "Craylands names no blocked sites");
}
