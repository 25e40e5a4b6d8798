//! `postwise build` end to end: the real policies and the test fixtures built into a temporary
//! folder by the real binary, and the pages read back.
#![cfg(not(target_arch = "wasm32"))]
// The helpers panic on any surprise too: in a test, that is a failure with its reason.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use postwise::policy::{self, date::Date};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A fresh, empty folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("site_build").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Runs `postwise build` on `policies` into `out`, with no WebAssembly package unless `extra`
/// names one; panics with its output when it fails.
fn build(policies: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_postwise"));
    command.arg("build").arg("--policies").arg(policies).arg("--out").arg(out);
    if !extra.contains(&"--wasm-pkg") {
        command.args(["--wasm-pkg", "no-such-pkg"]);
    }
    if !extra.contains(&"--today") {
        command.args(["--today", "2025-01-15"]);
    }
    let output = command.args(extra).output().expect("runs postwise");
    assert!(
        output.status.success(),
        "postwise build failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn real_site(name: &str) -> PathBuf {
    let out = scratch(name).join("site");
    build(&repo().join("policies"), &out, &[]);
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Every file under `dir`, by path relative to it.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).expect("lists folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).expect("inside").to_string_lossy().replace('\\', "/");
                files.insert(relative, std::fs::read(&path).expect("reads file"));
            }
        }
    }
    files
}

fn html_pages(dir: &Path) -> Vec<(String, String)> {
    tree(dir)
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).expect("pages are UTF-8")))
        .collect()
}

fn schools() -> Vec<PathBuf> {
    policy::school_dirs(&repo().join("policies")).expect("lists schools")
}

/// The values of every `id="…"` attribute in `html`.
fn element_ids(html: &str) -> BTreeSet<String> {
    html.split(" id=\"").skip(1).filter_map(|rest| rest.split('"').next()).map(decode_entities).collect()
}

/// Decodes the character references the site's HTML uses.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';').filter(|end| *end <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text a reader sees in `<main>`: tags, and the clause links (numbers and "§", not the
/// school's words), removed; character references decoded.
fn visible_main_text(html: &str) -> String {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>");
    let mut main = &html[start..end];
    let mut text = String::with_capacity(main.len());
    while let Some(at) = main.find('<') {
        text.push_str(&main[..at]);
        let tag_end = main[at..].find('>').map_or(main.len(), |e| at + e + 1);
        if main[at..].starts_with("<a class=\"clause-link\"") {
            let close = main[at..].find("</a>").map_or(main.len(), |e| at + e + "</a>".len());
            main = &main[close..];
        } else {
            text.push(' ');
            main = &main[tag_end..];
        }
    }
    text.push_str(main);
    decode_entities(&text)
}

/// Lowercase words: letters and digits; everything else (quotes of any kind, dashes, bullets,
/// punctuation, white space) separates them.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

#[test]
fn every_clause_is_an_element_id_with_a_link_to_itself() {
    let site = real_site("clause_ids");
    let today = Date::parse("2025-01-15").expect("date");
    let mut missing = Vec::new();
    for dir in schools() {
        let (loaded, diagnostics) = policy::load_valid(&dir, today);
        let policy = loaded.unwrap_or_else(|| panic!("{} does not load: {diagnostics:?}", dir.display()));
        let html = read(&site.join(&policy.id).join("policy.html"));
        let ids = element_ids(&html);
        assert!(policy.document.clauses.len() > 10, "{}: too few clauses to be a policy", policy.id);
        for clause in &policy.document.clauses {
            // The link's text is its name: the clause's number, or "§" and the number after it.
            let number = policy.document.number(clause);
            let named = if number.is_empty() { clause.id.clone() } else { number.clone() };
            let shown = format!("<a class=\"clause-link\" href=\"#{}\">{number}</a>", clause.id);
            let hidden = format!(
                "<a class=\"clause-link\" href=\"#{}\">§<span class=\"clause-id\"> {named}</span></a>",
                clause.id
            );
            if !ids.contains(&clause.id) || !(html.contains(&shown) && !number.is_empty() || html.contains(&hidden)) {
                missing.push(format!("{}: clause {}", policy.id, clause.id));
            }
        }
        assert!(!html.contains("aria-label=\"Link to clause"), "{}: a link's name is its text", policy.id);
    }
    assert!(missing.is_empty(), "clauses without an element id or a link showing its number:\n{}", missing.join("\n"));
}

/// A seed line's pieces that must be on the page: the line split at `[name removed]` and at
/// tabs (table cells), with markdown links reduced to their text. Returns the pieces and the
/// links' addresses.
fn seed_line_pieces(line: &str) -> (Vec<String>, Vec<String>) {
    let mut pieces = Vec::new();
    let mut urls = Vec::new();
    for part in line.split("[name removed]").flat_map(|p| p.split('\t')) {
        let mut text = part.to_owned();
        // `[text](address)`, as some seeds carry links: the text is shown, the address is an href.
        while let Some(middle) = text.find("](") {
            let (Some(open), Some(close)) = (text[..middle].rfind('['), text[middle..].find(')')) else { break };
            let close = middle + close;
            urls.push(text[middle + 2..close].to_owned());
            text = format!("{}{}{}", &text[..open], &text[open + 1..middle], &text[close + 1..]);
        }
        pieces.push(text.replace("\\(", "(").replace("\\)", ")"));
    }
    (pieces, urls)
}

/// The seed's lines with conversion debris removed: `[bookmark: …]` markers, image file
/// names, and the contents list (from a "Contents" line to where its first entry appears again
/// as the first heading).
fn seed_lines(seed: &str) -> Vec<(usize, String)> {
    let mut lines: Vec<(usize, String)> = Vec::new();
    for (index, line) in seed.lines().enumerate() {
        let mut line = line.to_owned();
        while let Some(start) = line.find("[bookmark:") {
            let end = line[start..].find(']').map_or(line.len(), |e| start + e + 1);
            line.replace_range(start..end, "");
        }
        let is_image = {
            let name = line.trim().to_ascii_lowercase();
            name.starts_with("image") && [".jpeg", ".jpg", ".png", ".emf"].iter().any(|ext| name.ends_with(ext))
        };
        if !is_image {
            lines.push((index + 1, line));
        }
    }
    // An entry of a contents list, without its page number or dotted leader.
    let entry_words = |line: &str| words(line.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace()));
    if let Some(contents) =
        lines.iter().position(|(_, l)| matches!(l.trim().to_lowercase().as_str(), "contents" | "contents:"))
    {
        let first = (contents + 1..lines.len()).find(|&i| !words(&lines[i].1).is_empty());
        if let Some(first) = first {
            let first_entry = entry_words(&lines[first].1);
            if let Some(again) = (first + 1..lines.len()).find(|&i| words(&lines[i].1) == first_entry) {
                lines.drain(contents..again);
            }
        }
    }
    lines
}

#[test]
fn no_clause_text_is_lost_between_the_seed_and_the_page() {
    let site = real_site("seeds");
    let seeds = repo().join("tests/fixtures/seeds");
    let mut lost = Vec::new();
    let mut schools_checked = 0;
    for dir in schools() {
        let id = dir.file_name().and_then(|n| n.to_str()).expect("school id").to_owned();
        let seed_path = seeds.join(format!("{id}.txt"));
        let Ok(seed) = std::fs::read_to_string(&seed_path) else { continue };
        schools_checked += 1;
        let html = read(&site.join(&id).join("policy.html"));
        let page = format!(" {} ", words(&visible_main_text(&html)).join(" "));
        let mut words_checked = 0;
        for (line_number, line) in seed_lines(&seed) {
            let (pieces, urls) = seed_line_pieces(&line);
            for piece in pieces {
                let piece_words = words(&piece);
                if piece_words.is_empty() {
                    continue;
                }
                words_checked += piece_words.len();
                let found = |w: &[String]| page.contains(&format!(" {} ", w.join(" ")));
                // Word's list numbering ("1. If we …") may be the markdown list's own.
                let renumbered = piece_words.len() > 1
                    && piece_words[0].chars().all(|c| c.is_ascii_digit())
                    && found(&piece_words[1..]);
                if !found(&piece_words) && !renumbered {
                    lost.push(format!("{}:{line_number}: {}", seed_path.display(), piece.trim()));
                }
            }
            for url in urls {
                if !html.contains(&format!("href=\"{url}\"")) {
                    lost.push(format!("{}:{line_number}: link to {url}", seed_path.display()));
                }
            }
        }
        assert!(words_checked > 1000, "{id}: only {words_checked} words compared: is the seed being read?");
    }
    assert_eq!(schools_checked, 5, "every seed has its school");
    assert!(lost.is_empty(), "seed text missing from the policy pages:\n{}", lost.join("\n"));
}

#[test]
fn the_seed_comparison_notices_a_missing_sentence() {
    let html = "<main><p id=\"a\"><a class=\"clause-link\" href=\"#a\">§<span class=\"clause-id\">a</span></a> \
                We are &amp; will be committed to:</p></main>";
    let page = format!(" {} ", words(&visible_main_text(html)).join(" "));
    assert_eq!(page, " we are will be committed to ");
    assert!(!page.contains(" a "), "the clause link is not the school's text");
    assert!(page.contains(&format!(" {} ", words("We are & will be").join(" "))));
    assert!(!page.contains(&format!(" {} ", words("We are not").join(" "))));
    let lines =
        seed_lines("Title\nContents:\n\nIntro\t1\nPart 2.....\t3\n\nIntro\nText [bookmark: x]here.\nimage1.jpeg\n");
    let kept: Vec<&str> = lines.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(kept, ["Title", "Intro", "Text here."]);
    let (pieces, urls) =
        seed_line_pieces("See [GOV.UK \\(www.gov.uk\\)](https://www.gov.uk/x) by [name removed], Head\tYes");
    assert_eq!(pieces, ["See GOV.UK (www.gov.uk) by ", ", Head", "Yes"]);
    assert_eq!(urls, ["https://www.gov.uk/x"]);
}

#[test]
fn raw_html_in_a_policy_comes_out_inert() {
    let out = scratch("xss").join("site");
    build(&repo().join("tests/fixtures/policies"), &out, &[]);
    let pages = html_pages(&out);
    assert!(pages.len() >= 5, "the school's pages were built: {:?}", pages.iter().map(|p| &p.0).collect::<Vec<_>>());
    for (path, html) in &pages {
        let lower = html.to_lowercase();
        assert!(!lower.contains("onerror"), "{path}: onerror");
        assert!(!lower.contains("javascript:"), "{path}: javascript:");
        for (at, _) in lower.match_indices("<script") {
            let tag = &lower[at..lower[at..].find("</script>").map_or(lower.len(), |e| at + e)];
            assert!(
                tag.contains(" src=\"") && tag.ends_with('>') && tag.contains("assets/"),
                "{path}: a script that is not one of the site's files: {tag}"
            );
        }
    }
    let policy = read(&out.join("xss/policy.html"));
    let article = &policy[policy.find("<article").expect("article")..policy.find("</article>").expect("end")];
    for markup in ["<script", "<img", "<iframe", "<svg", "<style", "style=", "onload", "onclick", "alert(1)"] {
        assert!(!article.contains(markup), "policy article contains {markup}:\n{article}");
    }
    for kept in
        [r#"<p id="p1">"#, "A paragraph with", "an image.", r#"<li id="l2">"#, r#"<a href="https://www.gov.uk/">"#]
    {
        assert!(article.contains(kept), "policy article lost {kept}:\n{article}");
    }
    let rules = read(&out.join("xss/rules.html"));
    assert!(rules.contains("Remove the &lt;script&gt;alert(1)&lt;/script&gt; from your post."), "{rules}");
}

#[test]
fn building_twice_gives_the_same_bytes() {
    let dir = scratch("twice");
    let pkg = dir.join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg folder");
    std::fs::write(pkg.join("postwise.js"), "export default function init() {}\n").expect("js");
    std::fs::write(pkg.join("postwise_bg.wasm"), b"\0asm\x01\0\0\0").expect("wasm");
    let pkg_arg = pkg.to_string_lossy().into_owned();
    let (first, second) = (dir.join("first"), dir.join("second"));
    build(&repo().join("policies"), &first, &["--wasm-pkg", &pkg_arg]);
    build(&repo().join("policies"), &second, &["--wasm-pkg", &pkg_arg]);
    let (a, b) = (tree(&first), tree(&second));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(b[path] == *bytes, "{path} differs between two builds");
    }
    // Building again into the same folder replaces it with the same files.
    build(&repo().join("policies"), &first, &["--wasm-pkg", &pkg_arg]);
    assert!(tree(&first) == a, "rebuilding in place changed the site");
}

#[test]
fn every_page_has_a_strict_content_security_policy() {
    let site = real_site("csp");
    let pages = html_pages(&site);
    assert!(pages.len() > 20, "{} pages", pages.len());
    for (path, html) in &pages {
        let html = decode_entities(html);
        let meta = html
            .split("<meta http-equiv=\"Content-Security-Policy\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("{path}: no CSP meta"));
        assert!(meta.starts_with("default-src 'none';"), "{path}: {meta}");
        assert!(meta.contains("style-src 'self'"), "{path}: {meta}");
        assert!(!html.contains("unsafe-inline"), "{path}: unsafe-inline");
        assert!(!html.contains("<style") && !html.contains(" style=\""), "{path}: an inline style");
        let scripts = html.contains("<script");
        assert_eq!(meta.contains("script-src"), scripts, "{path}: script-src only where there are scripts: {meta}");
        assert_eq!(html.matches("<h1").count(), 1, "{path}: one h1");
        assert!(html.contains("<html lang=\"en-GB\">"), "{path}: lang");
        assert!(
            html.contains("href=\"#main_content\"") && html.contains("<main id=\"main_content\""),
            "{path}: skip link"
        );
    }
}

#[test]
fn assets_have_content_hashed_names_and_the_wasm_pkg_is_optional() {
    let dir = scratch("assets");
    let out = dir.join("site");
    let output = build(&repo().join("policies"), &out, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no WebAssembly package in no-such-pkg"), "{stderr}");
    let files = tree(&out);
    let css: Vec<&String> = files.keys().filter(|p| p.starts_with("assets/postwise.") && p.ends_with(".css")).collect();
    assert_eq!(css.len(), 1, "{css:?}");
    let hash = css[0].trim_start_matches("assets/postwise.").trim_end_matches(".css");
    assert!(hash.len() == 8 && hash.chars().all(|c| c.is_ascii_hexdigit()), "{hash}");
    assert!(
        read(&out.join("index.html")).contains(&format!("href=\"{}\"", css[0])),
        "the home page links the hashed CSS"
    );
    assert!(!files.keys().any(|p| p.contains("postwise_bg")), "no wasm without a pkg");

    let pkg = dir.join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg folder");
    std::fs::write(pkg.join("postwise.js"), "export default 1;\n").expect("js");
    std::fs::write(pkg.join("postwise_bg.wasm"), b"\0asm\x01\0\0\0").expect("wasm");
    let output = build(&repo().join("policies"), &out, &["--wasm-pkg", &pkg.to_string_lossy()]);
    assert!(!String::from_utf8_lossy(&output.stderr).contains("no WebAssembly package"));
    let files = tree(&out);
    let wasm: Vec<&String> =
        files.keys().filter(|p| p.starts_with("assets/postwise_bg.") && p.ends_with(".wasm")).collect();
    let js: Vec<&String> = files.keys().filter(|p| p.starts_with("assets/postwise.") && p.ends_with(".js")).collect();
    assert_eq!((wasm.len(), js.len()), (1, 1), "{:?}", files.keys().collect::<Vec<_>>());
    assert_eq!(files[wasm[0]], b"\0asm\x01\0\0\0");
}

#[test]
fn each_page_loads_only_its_own_webassembly_package() {
    let dir = scratch("packages");
    let pkg = dir.join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg folder");
    for package in ["postwise", "postwise_quiz", "postwise_forms"] {
        std::fs::write(pkg.join(format!("{package}.js")), format!("export default '{package}';\n")).expect("js");
        std::fs::write(pkg.join(format!("{package}_bg.wasm")), format!("\0asm {package}")).expect("wasm");
    }
    let out = dir.join("site");
    build(&repo().join("policies"), &out, &["--wasm-pkg", &pkg.to_string_lossy()]);
    let files = tree(&out);
    let asset = |prefix: &str, ext: &str| -> String {
        let found: Vec<&String> = files
            .keys()
            .filter(|p| p.strip_prefix(prefix).is_some_and(|rest| rest.len() == 8 + ext.len() && rest.ends_with(ext)))
            .collect();
        assert_eq!(found.len(), 1, "{prefix}*{ext}: {found:?}");
        found[0].clone()
    };
    let packages: Vec<(String, String)> = ["postwise", "postwise_quiz", "postwise_forms"]
        .iter()
        .map(|p| (asset(&format!("assets/{p}."), ".js"), asset(&format!("assets/{p}_bg."), ".wasm")))
        .collect();
    let school = schools().into_iter().next().expect("a school");
    let id = school.file_name().expect("name").to_string_lossy().into_owned();
    let page_like = |prefix: &str| -> String {
        let prefix = format!("{id}/{prefix}");
        files.keys().find(|p| p.starts_with(&prefix) && p.ends_with(".html")).expect("a page").clone()
    };
    let (quiz_page, form_page) = (page_like("quiz-"), page_like("form-"));
    for (page, own) in [(format!("{id}/check.html"), 0), (quiz_page, 1), (form_page, 2)] {
        let html = read(&out.join(&page));
        for (index, (js, wasm)) in packages.iter().enumerate() {
            let loads = (html.contains(js.as_str()), html.contains(wasm.as_str()));
            assert_eq!(loads, (index == own, index == own), "{page} and {js}, {wasm}");
        }
    }
}

#[test]
fn rules_json_is_each_schools_compiled_bundle() {
    let site = real_site("rules_json");
    let today = Date::parse("2025-01-15").expect("date");
    for dir in schools() {
        let (loaded, _) = policy::load_valid(&dir, today);
        let policy = loaded.expect("loads");
        let json = read(&site.join(&policy.id).join("rules.json"));
        let bundle: postwise::bundle::PolicyBundle = serde_json::from_str(&json).expect("rules.json parses");
        assert_eq!(bundle, policy.bundle(), "{}", policy.id);
        // The browser reads the asking rules and who the policy covers by these names.
        let value: serde_json::Value = serde_json::from_str(&json).expect("rules.json is JSON");
        assert!(value["asks"][0]["question"].as_str().is_some_and(|q| q.ends_with('?')), "{}", policy.id);
        assert!(value["school"]["covers"]["staff"][0].is_string(), "{}", policy.id);
    }
}

#[test]
fn the_review_line_warns_in_words_when_overdue() {
    let dir = scratch("review");
    let (before, after) = (dir.join("before"), dir.join("after"));
    // cotton-end's next review is September 2024; chestnuts gives no dates.
    build(&repo().join("policies"), &before, &["--today", "2024-09-30"]);
    build(&repo().join("policies"), &after, &["--today", "2024-10-01"]);
    let on_time = read(&before.join("cotton-end/policy.html"));
    let late = read(&after.join("cotton-end/policy.html"));
    assert!(on_time.contains("Next review September 2024") && !on_time.contains("Review overdue"), "{on_time}");
    assert!(late.contains("<strong>Review overdue:</strong>") && late.contains("Next review September 2024"));
    assert!(late.contains("class=\"icon\""), "an icon besides the words");
    let undated = read(&after.join("chestnuts/policy.html"));
    assert!(undated.contains("The school has not given review dates for this policy."));
}

#[test]
fn the_policy_page_shows_the_version_its_signed_forms_record() {
    let site = real_site("version");
    for school in schools() {
        let id = school.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let version = postwise::form::digest::policy_version(&read(&school.join("policy.md")));
        let shown = format!("<span class=\"policy-version\">{version}</span>");
        assert!(read(&site.join(&id).join("policy.html")).contains(&shown), "{id}: policy.html lacks {shown}");
        let verify = site.join(&id).join("verify.html");
        if verify.is_file() {
            assert!(read(&verify).contains(&shown), "{id}: verify.html shows another version than {shown}");
        }
    }
}

#[test]
fn without_today_the_date_comes_from_source_date_epoch() {
    let dir = scratch("source_date_epoch");
    let built_on = |seconds: &str, out: &Path| {
        let output = Command::new(env!("CARGO_BIN_EXE_postwise"))
            .args(["build", "--wasm-pkg", "no-such-pkg", "--out"])
            .arg(out)
            .arg("--policies")
            .arg(repo().join("policies"))
            .env("SOURCE_DATE_EPOCH", seconds)
            .output()
            .expect("runs");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        read(&out.join("cotton-end/policy.html"))
    };
    // 30 September and 1 October 2024, at midnight UTC; cotton-end is due in September 2024.
    assert!(!built_on("1727654400", &dir.join("a")).contains("Review overdue"));
    assert!(built_on("1727740800", &dir.join("b")).contains("Review overdue"));
}

#[test]
fn the_rules_page_quotes_and_links_each_rules_clause_with_its_examples() {
    let site = real_site("rules_page");
    let today = Date::parse("2025-01-15").expect("date");
    for dir in schools() {
        let (loaded, _) = policy::load_valid(&dir, today);
        let policy = loaded.expect("loads");
        let html = read(&site.join(&policy.id).join("rules.html"));
        for rule in &policy.rules {
            let rule = rule.get_ref();
            let clause = rule.clause.get_ref();
            assert!(
                html.contains(&format!("<a href=\"policy.html#{clause}\">Clause {clause}</a>")),
                "{}: {clause}",
                policy.id
            );
        }
        // A rule appears once for each group of people it applies to.
        let shown = |examples: fn(&postwise::policy::source::RuleSource) -> usize| -> usize {
            policy.rules.iter().map(|r| examples(r.get_ref()) * r.get_ref().authors.get_ref().len()).sum()
        };
        assert_eq!(html.matches("Not allowed:</span>").count(), shown(|r| r.breaks.len()), "{}", policy.id);
        assert_eq!(html.matches(">Allowed:</span>").count(), shown(|r| r.allows.len()), "{}", policy.id);
    }
}

#[test]
fn build_refuses_to_empty_a_folder_it_did_not_make() {
    let out = scratch("refuse");
    std::fs::write(out.join("precious.txt"), "keep me").expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_postwise"))
        .args(["build", "--wasm-pkg", "no-such-pkg", "--out"])
        .arg(&out)
        .arg("--policies")
        .arg(repo().join("policies"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("refusing to empty"));
    assert_eq!(read(&out.join("precious.txt")), "keep me");
}

/// Whether a `_headers` URL pattern matches `url`: `*` stands for any run of characters.
fn pattern_matches(pattern: &str, url: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == url,
        Some((head, tail)) => {
            url.strip_prefix(head).is_some_and(|rest| (0..=rest.len()).any(|i| pattern_matches(tail, &rest[i..])))
        }
    }
}

#[test]
fn the_hosts_headers_files_give_each_page_the_csp_of_its_meta_tag() {
    let dir = scratch("headers");
    let pkg = dir.join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg folder");
    for package in ["postwise", "postwise_quiz", "postwise_forms"] {
        std::fs::write(pkg.join(format!("{package}.js")), "export default 1;\n").expect("js");
        std::fs::write(pkg.join(format!("{package}_bg.wasm")), b"\0asm").expect("wasm");
    }
    let out = dir.join("site");
    build(&repo().join("policies"), &out, &["--wasm-pkg", &pkg.to_string_lossy()]);
    let netlify = read(&out.join("_headers"));
    let mut rules: Vec<(String, Vec<String>)> = Vec::new();
    for line in netlify.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        match line.strip_prefix("  ") {
            Some(header) => rules.last_mut().expect("a rule first").1.push(header.to_owned()),
            None => rules.push((line.to_owned(), Vec::new())),
        }
    }
    assert!(rules.len() <= 100, "Cloudflare Pages reads 100 rules: {}", rules.len());
    let nginx = read(&out.join("nginx.conf"));
    let pages = html_pages(&out);
    assert!(pages.len() > 20);
    for (path, html) in &pages {
        let meta = decode_entities(html)
            .split("<meta http-equiv=\"Content-Security-Policy\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map(str::to_owned)
            .expect("a CSP meta");
        let expected = format!("Content-Security-Policy: {meta}; frame-ancestors 'none'");
        let url = format!("/{path}");
        let stem = url.strip_suffix(".html").expect("a page");
        // A folder's index page is served at the folder; another page also without `.html`.
        let other = stem.strip_suffix("index").filter(|f| f.ends_with('/')).unwrap_or(stem);
        for url in [url.as_str(), other] {
            let csps: Vec<&String> = rules
                .iter()
                .filter(|(pattern, _)| pattern_matches(pattern, url))
                .flat_map(|(_, headers)| headers.iter().filter(|h| h.starts_with("Content-Security-Policy:")))
                .collect();
            assert_eq!(csps, [&expected], "{url}: one CSP, the meta's");
            let all: Vec<&String> =
                rules.iter().filter(|(pattern, _)| pattern_matches(pattern, url)).flat_map(|(_, h)| h).collect();
            assert!(all.iter().any(|h| *h == "X-Content-Type-Options: nosniff"), "{url}: {all:?}");
        }
        assert!(
            nginx.contains(&format!("    \"/{path}\" \"{meta}; frame-ancestors 'none'\";\n")),
            "{path} in nginx.conf"
        );
    }
}

#[test]
fn each_school_keeps_every_file_of_its_pages_for_offline_use_and_its_pages_carry_the_version() {
    let site = real_site("offline");
    let files = tree(&site);
    for school in ["chestnuts", "cotton-end"] {
        let worker = read(&site.join(school).join("sw.js"));
        let json =
            worker.split("self.POSTWISE_OFFLINE = ").nth(1).and_then(|r| r.split(";\n").next()).expect("the list");
        let list: serde_json::Value = serde_json::from_str(json).expect("JSON");
        let version = list["version"].as_str().expect("a version");
        let listed: BTreeSet<String> = list["files"]
            .as_array()
            .expect("files")
            .iter()
            .map(|f| {
                let f = f.as_str().expect("a path");
                f.strip_prefix("../").map_or_else(|| format!("{school}/{f}"), str::to_owned)
            })
            .collect();
        let expected: BTreeSet<String> = files
            .keys()
            .filter(|p| (p.starts_with(&format!("{school}/")) && !p.ends_with("/sw.js")) || p.starts_with("assets/"))
            .cloned()
            .collect();
        assert_eq!(listed, expected, "{school}: every file of its folder and every asset, each there");
        let import = worker.split("importScripts('../").nth(1).and_then(|r| r.split('\'').next()).expect("imports");
        assert!(files.contains_key(import) && import.starts_with("assets/offline-worker."), "{import}");
        for (path, html) in html_pages(&site.join(school)) {
            assert!(html.contains(&format!("<meta name=\"postwise-build\" content=\"{version}\">")), "{school}/{path}");
            assert!(html.contains("<link rel=\"manifest\" href=\"manifest.json\">"), "{school}/{path}");
        }
        let manifest: serde_json::Value =
            serde_json::from_slice(&files[&format!("{school}/manifest.json")]).expect("manifest JSON");
        assert_eq!(manifest["start_url"], "index.html");
        for icon in manifest["icons"].as_array().expect("icons") {
            let src = icon["src"].as_str().expect("src").trim_start_matches("../");
            assert!(files[src].starts_with(b"\x89PNG"), "{src}");
        }
    }
    let home = read(&site.join("index.html"));
    assert!(!home.contains("postwise-build") && !home.contains("manifest"), "the site's own home page is no school's");
}
