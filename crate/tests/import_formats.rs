//! `postwise import` of what schools publish besides Word documents: PDFs and saved web pages,
//! each made here from a seed's text, import to the same clauses as the text itself; a scanned
//! PDF is refused; hostile files stay within the import's bounds.
#![cfg(not(target_arch = "wasm32"))]
// The helpers panic on any surprise too: in a test, that is a failure with its reason.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod import_common;
mod support;
use import_common::{import_into, repo, scratch};

use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, StringFormat, dictionary};
use std::path::Path;

fn seed(id: &str) -> String {
    std::fs::read_to_string(repo().join(format!("tests/fixtures/seeds/{id}.txt"))).expect("seed")
}

/// Imports `text` as a .txt and `other` (the same text in another format) and returns both
/// policy.md files.
fn import_both(name: &str, text: &str, other: (&str, &[u8])) -> (String, String) {
    let policies = scratch("import-formats", name);
    let txt = policies.join("policy.txt");
    std::fs::write(&txt, text).expect("write");
    import_into(&policies, &txt, "from-text").expect("the text imports");
    let file = policies.join(other.0);
    std::fs::write(&file, other.1).expect("write");
    let report = import_into(&policies, &file, "from-other").unwrap_or_else(|e| panic!("{}: {e}", other.0));
    println!("{report}");
    let read = |id: &str| std::fs::read_to_string(policies.join(id).join("policy.md")).expect("policy.md");
    (read("from-text"), read("from-other"))
}

/// Asserts two policy.md files are the same but for runs of spaces, which a PDF or a web page
/// shows as one.
#[track_caller]
fn assert_same(expected: &str, got: &str) {
    let squeeze =
        |text: &str| text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect::<Vec<_>>();
    let (expected_lines, got_lines) = (squeeze(expected), squeeze(got));
    if expected_lines != got_lines {
        let (expected, got) = (expected_lines.join("\n"), got_lines.join("\n"));
        let lines: Vec<(&str, &str)> = expected.lines().zip(got.lines()).filter(|(a, b)| a != b).take(5).collect();
        panic!("the imports differ; first differing lines (text, other):\n{lines:#?}\n\n{got}");
    }
}

// ── PDF ───────────────────────────────────────────────────────────────────────────────────────

/// A character in Windows-1252, as a PDF's WinAnsiEncoding writes it.
fn win_ansi(c: char) -> u8 {
    match c {
        '€' => 0x80,
        '‚' => 0x82,
        '„' => 0x84,
        '…' => 0x85,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        c if u32::from(c) < 256 => u8::try_from(u32::from(c)).unwrap(),
        _ => b'?',
    }
}

/// One line drawn on a page: where, how large, bold or not.
struct Drawn {
    x: f32,
    y: f32,
    size: f32,
    bold: bool,
    text: String,
}

const PAGE_HEIGHT: f32 = 842.0;

/// A PDF of pages of drawn lines, in Helvetica (and Helvetica-Bold) with WinAnsiEncoding and
/// widths of half the size, each line drawn in pieces of a few words as Word's PDFs do, the
/// content streams compressed.
fn pdf(pages: &[Vec<Drawn>]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = |doc: &mut Document, name: &str| {
        doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => name.to_owned(), "Encoding" => "WinAnsiEncoding",
            "FirstChar" => 32, "LastChar" => 255,
            "Widths" => (32..=255).map(|_| Object::Integer(500)).collect::<Vec<_>>(),
        })
    };
    let regular = font(&mut doc, "Helvetica");
    let bold = font(&mut doc, "Helvetica-Bold");
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => regular, "F2" => bold } });
    let mut kids = Vec::new();
    for lines in pages {
        let mut operations = Vec::new();
        for line in lines {
            operations.push(Operation::new("BT", vec![]));
            let font = if line.bold { "F2" } else { "F1" };
            operations.push(Operation::new("Tf", vec![font.into(), line.size.into()]));
            operations.push(Operation::new("Td", vec![line.x.into(), line.y.into()]));
            // Pieces of up to four words, as a PDF writer splits a line where its spacing changes.
            let words: Vec<&str> = line.text.split(' ').collect();
            for (at, piece) in words.chunks(4).enumerate() {
                let mut text = piece.join(" ");
                if at + 1 < words.chunks(4).count() {
                    text.push(' ');
                }
                let bytes: Vec<u8> = text.chars().map(win_ansi).collect();
                operations.push(Operation::new(
                    "TJ",
                    vec![Object::Array(vec![Object::String(bytes, StringFormat::Literal)])],
                ));
            }
            operations.push(Operation::new("ET", vec![]));
        }
        let content = Content { operations }.encode().expect("content");
        let mut stream = Stream::new(dictionary! {}, content);
        stream.compress().expect("compress");
        let content_id = doc.add_object(stream);
        kids.push(Object::Reference(doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), PAGE_HEIGHT.into()],
        })));
    }
    save_pdf(doc, pages_id, kids, resources)
}

/// Wraps a paragraph at `width` characters, breaking a long word with a hyphen as a word
/// processor does.
fn wrap(paragraph: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in paragraph.split_whitespace() {
        let room = width.saturating_sub(line.chars().count() + usize::from(!line.is_empty()));
        if word.chars().count() <= room {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        let plain = word.chars().all(char::is_alphabetic);
        if plain && word.chars().count() >= 10 && room >= 6 {
            let cut: String = word.chars().take(room - 1).collect();
            let rest: String = word.chars().skip(room - 1).collect();
            if rest.chars().count() >= 3 {
                line.push(' ');
                line.push_str(&cut);
                line.push('-');
                lines.push(std::mem::take(&mut line));
                line.push_str(&rest);
                continue;
            }
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A seed's text as a school's PDF of it: each line a paragraph, hard-wrapped, with space
/// between paragraphs, a running header and "Page n of m" at the foot of every page.
fn pdf_of_text(text: &str, header: &str) -> Vec<u8> {
    const SIZE: f32 = 10.0;
    const WIDTH: usize = 90;
    let mut pages: Vec<Vec<Drawn>> = vec![Vec::new()];
    let mut y = PAGE_HEIGHT - 90.0;
    for paragraph in text.lines() {
        let paragraph = paragraph.trim();
        if paragraph.is_empty() {
            continue;
        }
        for line in wrap(paragraph, WIDTH) {
            if y < 80.0 {
                pages.push(Vec::new());
                y = PAGE_HEIGHT - 90.0;
            }
            pages.last_mut().unwrap().push(Drawn { x: 72.0, y, size: SIZE, bold: false, text: line });
            y -= SIZE * 1.2;
        }
        y -= SIZE * 0.8;
    }
    let count = pages.len();
    for (at, page) in pages.iter_mut().enumerate() {
        page.push(Drawn { x: 72.0, y: PAGE_HEIGHT - 40.0, size: 8.0, bold: false, text: header.to_owned() });
        let footer = format!("Page {} of {count}", at + 1);
        page.push(Drawn { x: 270.0, y: 30.0, size: 8.0, bold: false, text: footer });
    }
    pdf(&pages)
}

#[test]
fn a_pdf_made_from_a_seed_imports_to_the_same_clauses_as_its_text() {
    let text = seed("craylands");
    let bytes = pdf_of_text(&text, "The Craylands School – Social Media Policy");
    let (from_text, from_pdf) = import_both("pdf-seed", &text, ("policy.pdf", &bytes));
    assert_same(&from_text, &from_pdf);
}

/// A page that draws a picture and no text: what a scanner makes.
fn scanned_pdf() -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        vec![0, 255, 255, 0],
    ));
    let resources = doc.add_object(dictionary! { "XObject" => dictionary! { "Im1" => image } });
    let content = Content {
        operations: vec![
            Operation::new("q", vec![]),
            Operation::new("cm", vec![595.into(), 0.into(), 0.into(), 842.into(), 0.into(), 0.into()]),
            Operation::new("Do", vec!["Im1".into()]),
            Operation::new("Q", vec![]),
        ],
    };
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().expect("content")));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id, "Resources" => resources,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![Object::Reference(page)], "Count" => 1 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save");
    bytes
}

#[test]
fn a_scanned_pdf_is_refused_with_what_to_do() {
    let policies = scratch("import-formats", "pdf-scanned");
    let path = policies.join("scan.pdf");
    std::fs::write(&path, scanned_pdf()).expect("write");
    let error = import_into(&policies, &path, "scan").expect_err("a scan has no text").to_string();
    assert!(error.contains("is a scan") && error.contains("OCR"), "{error}");
    let path = policies.join("damaged.pdf");
    std::fs::write(&path, b"%PDF-1.4\nnot really").expect("write");
    let error = import_into(&policies, &path, "damaged").expect_err("damaged").to_string();
    assert!(error.contains("cannot be read"), "{error}");
    assert!(!policies.join("scan").exists() && !policies.join("damaged").exists());
}

#[test]
fn bold_and_larger_lines_of_a_pdf_are_its_headings() {
    let line = |y: f32, size: f32, bold: bool, text: &str| Drawn { x: 72.0, y, size, bold, text: text.to_owned() };
    let page = vec![
        line(780.0, 16.0, true, "Oak Primary School Social Media Policy"),
        line(740.0, 12.0, true, "Staff conduct online"),
        line(720.0, 10.0, false, "Staff must not accept friend requests from pupils on social media."),
        line(690.0, 12.0, true, "Photographs"),
        line(670.0, 10.0, false, "Parents must not post photos of other children on social media."),
    ];
    let policies = scratch("import-formats", "pdf-bold");
    let path = policies.join("oak.pdf");
    std::fs::write(&path, pdf(&[page])).expect("write");
    import_into(&policies, &path, "oak").expect("imports");
    let markdown = std::fs::read_to_string(policies.join("oak/policy.md")).expect("policy.md");
    for expected in [
        "title = \"Oak Primary School Social Media Policy\"",
        "## Staff conduct online {#staff-conduct-online}",
        "## Photographs {#photographs}",
    ] {
        assert!(markdown.contains(expected), "no {expected:?} in:\n{markdown}");
    }
}

// ── Web pages ─────────────────────────────────────────────────────────────────────────────────

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A seed's text as its school's web page shows it: each line a paragraph, bulleted lines a
/// list, inside a page with a cookie banner, a header with the site's menu, breadcrumbs, a
/// sidebar, a footer, styles and scripts.
fn html_of_text(text: &str, school: &str) -> String {
    let mut body = String::new();
    let mut in_list = false;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match line.strip_prefix("· ") {
            Some(item) => {
                if !in_list {
                    body.push_str("<ul class=\"policy-list\">\n");
                    in_list = true;
                }
                body.push_str(&format!("  <li>{}</li>\n", escape(item)));
            }
            None => {
                if in_list {
                    body.push_str("</ul>\n");
                    in_list = false;
                }
                body.push_str(&format!("<p>{}</p>\n", escape(line)));
            }
        }
    }
    if in_list {
        body.push_str("</ul>\n");
    }
    let school = escape(school);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Social Media Policy | {school}</title>\n\
         <style>body {{ font-family: sans-serif; }} .cookie-notice {{ position: fixed; }}</style>\n\
         <script>window.dataLayer = []; function accept() {{ document.cookie = 'ok=1'; }}</script></head>\n<body>\n\
         <div id=\"cookie-banner\" class=\"cookie-notice\"><p>We use cookies to give you the best experience on our website.</p>\
         <button onclick=\"accept()\">Accept all cookies</button></div>\n\
         <header class=\"site-header\"><a class=\"logo\" href=\"/\"><img src=\"logo.png\" alt=\"{school} logo\"> {school}</a>\n\
         <nav class=\"main-nav\"><ul><li><a href=\"/\">Home</a></li><li><a href=\"/about\">About us</a>\
         <ul><li><a href=\"/about/policies\">Policies</a></li></ul></li><li><a href=\"/contact\">Contact us</a></li></ul></nav></header>\n\
         <div class=\"breadcrumbs\"><a href=\"/\">Home</a> › <a href=\"/about/policies\">Policies</a> › Social media</div>\n\
         <main id=\"content\"><article class=\"page\">\n{body}</article></main>\n\
         <aside class=\"sidebar\"><h2>Latest news</h2><p>Sports day is on Friday: bring a water bottle.</p></aside>\n\
         <footer class=\"site-footer\"><p>© 2024 {school}. All rights reserved.</p>\
         <p><a href=\"/privacy\">Privacy notice</a> | <a href=\"/accessibility\">Accessibility</a></p></footer>\n\
         <script src=\"/js/site.js\"></script>\n</body></html>\n"
    )
}

#[test]
fn a_web_page_made_from_a_seed_imports_to_the_same_clauses_as_its_text() {
    let text = seed("craylands");
    let page = html_of_text(&text, "The Craylands School");
    let (from_text, from_html) = import_both("html-seed", &text, ("policy.html", page.as_bytes()));
    assert_same(&from_text, &from_html);
    for chrome in [
        "We use cookies",
        "Accept all cookies",
        "About us",
        "Latest news",
        "Sports day",
        "All rights reserved",
        "Privacy notice",
        "dataLayer",
    ] {
        assert!(!from_html.contains(chrome), "{chrome:?} from around the policy is in policy.md");
    }
}

#[test]
fn a_web_pages_headings_lists_and_tables_are_read_and_its_pictures_reported() {
    let page = "<html><body><nav><a href=\"/\">Home</a></nav><main>\
        <h1>Oak Primary School Social Media Policy</h1>\
        <h2>Staff</h2><p>Staff must follow these rules:</p>\
        <ul><li>Do not accept friend requests from pupils.<ul><li>This includes former pupils.</li></ul></li>\
        <li>Do not post photos of pupils on personal accounts.</li></ul>\
        <h2>Our accounts</h2><table><tr><th>Platform</th><th>Account</th></tr>\
        <tr><td>Facebook</td><td>Oak Primary</td></tr></table>\
        <p><img src=\"poster.png\" alt=\"Be SMART online\"></p>\
        <h3>Parents</h3><p><strong>Parents must not post photos of other children online.</strong></p>\
        </main><footer>© Oak Primary</footer></body></html>";
    let policies = scratch("import-formats", "html-structure");
    let path = policies.join("oak.html");
    std::fs::write(&path, page).expect("write");
    let report = import_into(&policies, &path, "oak").expect("imports");
    let markdown = std::fs::read_to_string(policies.join("oak/policy.md")).expect("policy.md");
    for expected in [
        "title = \"Oak Primary School Social Media Policy\"",
        "## Staff {#staff}",
        "- {#staff.1.a} Do not accept friend requests from pupils.\n  - {#staff.1.a.i} This includes former pupils.",
        "## Our accounts {#accounts}",
        "| Platform | Account |\n|---|---|\n| Facebook | Oak Primary |",
        "### Parents {#accounts.parents}",
    ] {
        assert!(markdown.contains(expected), "no {expected:?} in:\n{markdown}");
    }
    assert!(!markdown.contains("Home") && !markdown.contains("©"), "{markdown}");
    assert!(report.recognised.iter().any(|n| n.contains("1 picture(s)")), "{report}");
}

// ── Bounds ────────────────────────────────────────────────────────────────────────────────────

/// Runs `postwise import` on `file` as a person would, its address space held to 512 MB and
/// its processor time to 10 seconds (the system kills it past either), and checks it ends by
/// itself, with success or a clear refusal. (Processor time, not time on the clock: the clock
/// runs on while other work shares the machine.)
#[track_caller]
fn stays_bounded(policies: &Path, file: &Path) -> String {
    let out = policies.join("hostile");
    let _ = std::fs::remove_dir_all(&out);
    let start = std::time::Instant::now();
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 524288 && ulimit -t 10 && exec \"$0\" import \"$1\" --id hostile --out \"$2\" --force")
        .arg(env!("CARGO_BIN_EXE_postwise"))
        .arg(file)
        .arg(&out)
        .output()
        .expect("runs");
    let elapsed = start.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        matches!(output.status.code(), Some(0 | 2)),
        "{}: ended with {:?} (out of memory or processor time?): {stderr}",
        file.display(),
        output.status
    );
    assert!(elapsed.as_secs_f64() < 120.0, "{}: took {elapsed:?}", file.display());
    println!("{}: {:?} in {elapsed:?}: {}", file.display(), output.status.code(), stderr.trim());
    stderr
}

/// A PDF whose pages all draw the same content stream.
fn pdf_with_content(content: Vec<u8>, pages: usize) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let mut stream = Stream::new(dictionary! {}, content);
    stream.compress().expect("compress");
    let content_id = doc.add_object(stream);
    let kids: Vec<Object> = (0..pages)
        .map(|_| {
            Object::Reference(doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            }))
        })
        .collect();
    save_pdf(doc, pages_id, kids, resources)
}

/// The document's bytes, with `kids` as its pages (under `pages_id`) and its catalog.
fn save_pdf(mut doc: Document, pages_id: lopdf::ObjectId, kids: Vec<Object>, resources: lopdf::ObjectId) -> Vec<u8> {
    let count = i64::try_from(kids.len()).unwrap();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save");
    bytes
}

#[test]
fn hostile_files_stay_within_500_mb_and_10_seconds() {
    let policies = scratch("import-formats", "bounds");
    let write = |name: &str, bytes: &[u8]| {
        let path = policies.join(name);
        std::fs::write(&path, bytes).expect("write");
        path
    };
    // A real policy imports under the same limits.
    let seed_pdf = write("seed.pdf", &pdf_of_text(&seed("craylands"), "Craylands"));
    let stderr = stays_bounded(&policies, &seed_pdf);
    assert!(stderr.is_empty(), "{stderr}");
    // A page whose content unpacks to 40 MB of spaces.
    let bomb = write("bomb.pdf", &pdf_with_content(vec![b' '; 40 * 1024 * 1024], 1));
    assert!(stays_bounded(&policies, &bomb).contains("cannot be read"));
    // A page that draws 300,000 pieces of text, and pages that each draw 60,000.
    let busy = b"BT /F1 10 Tf 0 0 Td (a) Tj ET\n".repeat(300_000);
    let busy = write("busy.pdf", &pdf_with_content(busy, 1));
    assert!(stays_bounded(&policies, &busy).contains("cannot be read"));
    let many = b"BT /F1 10 Tf 0 0 Td (a) Tj ET\n".repeat(60_000);
    let many = write("many.pdf", &pdf_with_content(many, 200));
    assert!(stays_bounded(&policies, &many).contains("far more than a policy"));
    // 150,000 nested elements, 4,000 (under the limit), and 2 million tags.
    let deep = format!("<html><body><main>{}Social media policy</main></body></html>", "<div>".repeat(150_000));
    assert!(stays_bounded(&policies, &write("deep.html", deep.as_bytes())).contains("deep"));
    let deep =
        format!("<html><body><main>{}<p>Social media policy</p></main></body></html>", "<div><span>".repeat(2_000));
    stays_bounded(&policies, &write("deeper.html", deep.as_bytes()));
    let tags = write("tags.html", "<b>".repeat(2_000_000).as_bytes());
    assert!(stays_bounded(&policies, &tags).contains("tags"));
    // Text whose shape a quadratic step would choke on (labelled lines, the same heading and
    // sentence again and again, a run of blank lines), at a size a test build reads in seconds:
    // it is some twenty times slower than the release build, which reads 2 MB of such text.
    let labelled = "A. social media\nB. online\n".repeat(10_000);
    stays_bounded(&policies, &write("labelled.txt", labelled.as_bytes()));
    let headings = "Staff\nStaff must not post online.\n".repeat(10_000);
    stays_bounded(&policies, &write("headings.txt", headings.as_bytes()));
    let blank = format!("1. Social media\n{}Staff must not post online.\n", "\n".repeat(1_900_000));
    stays_bounded(&policies, &write("blank.txt", blank.as_bytes()));
}

// ── The two examples ──────────────────────────────────────────────────────────────────

/// Imports a fixture from tests/fixtures/import/examples/ and gives its policy.md and its rules
/// as (category, clause).
fn import_example(name: &str) -> (String, Vec<(String, String)>) {
    let policies = scratch("import-formats", &format!("example-{name}"));
    let source = repo().join(format!("tests/fixtures/import/examples/{name}.txt"));
    import_into(&policies, &source, name).unwrap_or_else(|e| panic!("{name}: {e}"));
    let dir = policies.join(name);
    let markdown = std::fs::read_to_string(dir.join("policy.md")).expect("policy.md");
    let mut diagnostics = postwise::policy::diagnostic::Diagnostics::default();
    let policy = postwise::policy::load(&dir, &mut diagnostics).expect("loads");
    policy.lint(postwise::policy::date::Date::today(), &mut diagnostics);
    assert!(!diagnostics.has_errors(), "{name} lints: {diagnostics:?}");
    let rules =
        policy.rules.iter().map(|r| (r.get_ref().category.to_string(), r.get_ref().clause.get_ref().clone())).collect();
    (markdown, rules)
}

#[track_caller]
fn assert_rule(rules: &[(String, String)], category: &str, clause: &str) {
    assert!(
        rules.iter().any(|(c, id)| c == category && id == clause),
        "no {category} rule citing {clause} in {rules:?}"
    );
}

#[test]
fn requirements_listed_by_audience_import_with_a_section_each_and_their_rules() {
    let (markdown, rules) = import_example("audience-lists");
    for heading in [
        "## For staff, requirements typically include: {#staff-requirements-typically}",
        "## Parents should: {#parents-should}",
        "## Children are typically required to: {#children-are-typically}",
    ] {
        assert!(markdown.contains(heading), "no {heading:?} in:\n{markdown}");
    }
    assert_rule(&rules, "contact-request", "staff-requirements-typically.a");
    assert_rule(&rules, "media-consent", "parents-should.a");
    assert_rule(&rules, "disrepute", "parents-should.b");
    assert_rule(&rules, "age-restriction", "children-are-typically.a");
}

#[test]
fn a_list_of_lettered_parts_and_its_sections_import_as_headings_and_rules() {
    let (markdown, rules) = import_example("lettered-parts");
    assert!(
        markdown.contains("- {#preamble.2.a} A. The use of social networking sites by pupils within school"),
        "{markdown}"
    );
    for heading in [
        "## A. The use of social networking sites by pupils within school {#a}",
        "## B. Use of social networking by staff in a personal capacity {#b}",
        "## C. Comments posted by parents and carers {#c}",
        "## D. Dealing with incidents of online bullying {#d}",
    ] {
        assert!(markdown.contains(heading), "no {heading:?} in:\n{markdown}");
    }
    assert_rule(&rules, "age-restriction", "a.1");
    assert_rule(&rules, "contact-request", "b.1");
    assert_rule(&rules, "disrepute", "c.1");
    assert_rule(&rules, "media-consent", "c.1");
    assert!(
        !rules.iter().any(|(category, clause)| category == "offensive-language" && clause == "b.1"),
        "'protect their professional reputation' is not about swearing: {rules:?}"
    );
}

// ── Real policies ─────────────────────────────────────────────────────────────────────────────

/// A heading's words for comparing: lowercase, without its number and final ':' or '|'.
fn heading_key(text: &str) -> String {
    let text = text.trim().trim_end_matches(['|', ':', ' ']);
    // "1.For Staff and Pupils", "1)What is sexting?", as a school typed them, are the number 1
    // and its words.
    let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or_default();
    let spaced;
    let text = if digits > 0
        && text[digits..].starts_with(['.', ')'])
        && text[digits + 1..].starts_with(char::is_alphabetic)
    {
        spaced = format!("{}. {}", &text[..digits], &text[digits + 1..]);
        spaced.as_str()
    } else {
        text
    };
    let first = text.split_whitespace().next().unwrap_or_default();
    let numbered = first.trim_end_matches(['.', ')']).chars().all(|c| c.is_ascii_digit() || c == '.')
        || (first.len() <= 4 && first.ends_with('.') && first.len() > 1);
    let text = if numbered { text[first.len()..].trim() } else { text };
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Imports every real policy of a set (tests/fixtures/import/real/<set>/), checks each that
/// imports lints, and measures the headings found against headings.toml. Returns (found,
/// expected, extra headings, policies refused) over the set.
fn measure(set: &str) -> (usize, usize, usize, usize) {
    let root = repo().join("tests/fixtures/import/real");
    let expected: toml::Table =
        toml::from_str(&std::fs::read_to_string(root.join("headings.toml")).expect("headings.toml")).expect("toml");
    let expected = expected[set].as_table().expect("set").clone();
    let policies = scratch("import-formats", &format!("real-{set}"));
    let (mut found, mut wanted, mut extra, mut refused) = (0, 0, 0, 0);
    for (id, headings) in &expected {
        let source = root.join(set).join(format!("{id}.txt"));
        let want = headings.as_array().expect("list").len();
        let report = match import_into(&policies, &source, id) {
            Ok(report) => report,
            Err(error) => {
                println!("{set}/{id}: refused, 0/{want} headings: {error}");
                refused += 1;
                wanted += want;
                continue;
            }
        };
        let dir = policies.join(id);
        let mut diagnostics = postwise::policy::diagnostic::Diagnostics::default();
        let policy = postwise::policy::load(&dir, &mut diagnostics).expect("loads");
        policy.lint(postwise::policy::date::Date::today(), &mut diagnostics);
        assert!(!diagnostics.has_errors(), "{id} lints: {diagnostics:?}");
        let markdown = std::fs::read_to_string(dir.join("policy.md")).expect("policy.md");
        let got: Vec<String> = markdown
            .lines()
            .filter(|l| l.starts_with("##"))
            .map(|l| heading_key(l.trim_start_matches('#').split(" {#").next().unwrap_or_default()))
            .collect();
        let want: Vec<String> =
            headings.as_array().expect("list").iter().map(|h| heading_key(h.as_str().expect("text"))).collect();
        let hits = want.iter().filter(|w| got.contains(w)).count();
        let misses: Vec<&String> = want.iter().filter(|w| !got.contains(w)).collect();
        let extras: Vec<&String> = got.iter().filter(|g| !want.contains(g)).collect();
        println!(
            "{set}/{id}: {hits}/{} headings, {} extra, {} rules; missed {misses:?}; extra {extras:?}",
            want.len(),
            extras.len(),
            report.rules
        );
        found += hits;
        wanted += want.len();
        extra += extras.len();
    }
    println!(
        "{set}: {} imported, {refused} refused; {found}/{wanted} headings found, {extra} lines read as headings that are not",
        expected.len() - refused
    );
    (found, wanted, extra, refused)
}

#[test]
fn real_policies_import_lint_and_their_headings_are_found() {
    let (found, wanted, _, refused) = measure("dev");
    assert_eq!(refused, 0, "every development policy imports");
    assert!(found * 10 >= wanted * 9, "development set: {found}/{wanted} headings");
    // The held-out sets are measured, not tuned on: every policy imports and lints; their
    // figures are in crate/src/import/README.md.
    measure("heldout");
    for set in 2..=72 {
        measure(&format!("heldout{set}"));
    }
}
