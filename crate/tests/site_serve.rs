//! `postwise serve` end to end: the real binary on a free port, spoken to over plain HTTP.
#![cfg(not(target_arch = "wasm32"))]
// The helpers panic on any surprise too: in a test, that is a failure with its reason.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::copy_tree;

/// The server process, stopped when the test ends, passed or not.
struct Serving {
    child: Child,
    port: u16,
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A copy of the test policies and an empty place for the site and the wasm package.
fn workspace(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("site_serve").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/policies"), &dir.join("policies"));
    dir
}

fn serve(dir: &Path) -> Serving {
    serve_with(dir, &[], None)
}

/// `postwise serve` with more arguments, and under `ulimit` options (a file limit) when given.
fn serve_with(dir: &Path, extra: &[&str], ulimit: Option<&str>) -> Serving {
    let mut command = match ulimit {
        Some(limit) => {
            let mut shell = Command::new("sh");
            shell.arg("-c").arg(format!("ulimit {limit} && exec \"$0\" \"$@\"")).arg(env!("CARGO_BIN_EXE_postwise"));
            shell
        }
        None => Command::new(env!("CARGO_BIN_EXE_postwise")),
    };
    let mut child = command
        .arg("serve")
        .args(["--port", "0", "--today", "2025-01-15"])
        .arg("--policies")
        .arg(dir.join("policies"))
        .arg("--out")
        .arg(dir.join("site"))
        .arg("--wasm-pkg")
        .arg(dir.join("pkg"))
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts postwise serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("reads the URL line");
    let port = line
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("no URL in {line:?}"));
    Serving { child, port }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `method path` as written (no normalising of `..`), and reads the whole reply.
fn request(port: u16, method: &str, path: &str) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    )
    .expect("sends");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("reads");
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a header block");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("status");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect();
    Reply { status, headers, body: raw[split + 4..].to_vec() }
}

fn get(port: u16, path: &str) -> Reply {
    request(port, "GET", path)
}

/// The first asset whose name starts with `prefix` and ends with `suffix`.
fn asset(dir: &Path, prefix: &str, suffix: &str) -> String {
    std::fs::read_dir(dir.join("site/assets"))
        .expect("assets")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.starts_with(prefix) && n.ends_with(suffix))
        .unwrap_or_else(|| panic!("no asset {prefix}*{suffix}"))
}

fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < Duration::from_secs(15), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serves_the_site_with_the_right_types_and_nothing_outside_it() {
    let dir = workspace("types");
    let server = serve(&dir);
    let port = server.port;

    let home = get(port, "/");
    assert_eq!(home.status, 200);
    assert_eq!(home.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert!(home.text().contains("<h1>Postwise</h1>"));

    let folder = get(port, "/xss");
    assert_eq!((folder.status, folder.header("Location")), (301, Some("/xss/")));
    assert_eq!(get(port, "/xss/").status, 200);
    assert_eq!(get(port, "/xss/rules.json").header("Content-Type"), Some("application/json"));
    let css = asset(&dir, "postwise.", ".css");
    assert_eq!(get(port, &format!("/assets/{css}")).header("Content-Type"), Some("text/css; charset=utf-8"));
    let svg = asset(&dir, "icon.", ".svg");
    assert_eq!(get(port, &format!("/assets/{svg}")).header("Content-Type"), Some("image/svg+xml"));

    let head = request(port, "HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty(), "HEAD has no body");
    let post = request(port, "POST", "/");
    assert_eq!((post.status, post.header("Allow")), (405, Some("GET, HEAD")));

    // A file beside the site folder, which no URL may reach.
    std::fs::write(dir.join("secret.txt"), "secret").expect("write");
    for path in ["/../secret.txt", "/xss/../../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/..\\secret.txt"]
    {
        let reply = get(port, path);
        assert_eq!(reply.status, 404, "{path}");
        assert!(!reply.text().contains("secret"), "{path}");
    }
    let missing = get(port, "/no/such/page.html");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("Page not found"), "the 404 page");
    let sneaky = get(port, "//xss");
    assert_eq!((sneaky.status, sneaky.header("Location")), (301, Some("/xss/")), "never //xss/, another host");
}

#[test]
fn rebuilds_when_a_policy_or_the_wasm_package_changes() {
    let dir = workspace("rebuild");
    let server = serve(&dir);
    let port = server.port;
    assert!(!get(port, "/xss/policy.html").text().contains("Newly added clause"));

    let policy = dir.join("policies/xss/policy.md");
    let mut text = std::fs::read_to_string(&policy).expect("policy");
    text.push_str("\n{#p4} Newly added clause.\n");
    std::fs::write(&policy, text).expect("edits the policy");
    wait_for("the edited policy", || get(port, "/xss/policy.html").text().contains("Newly added clause"));

    let pkg = dir.join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg");
    std::fs::write(pkg.join("postwise.js"), "export default 1;\n").expect("js");
    std::fs::write(pkg.join("postwise_bg.wasm"), b"\0asm\x01\0\0\0").expect("wasm");
    wait_for("the wasm package", || {
        std::fs::read_dir(dir.join("site/assets"))
            .map(|entries| entries.filter_map(Result::ok).any(|e| e.file_name().to_string_lossy().ends_with(".wasm")))
            .unwrap_or(false)
    });
    let wasm = asset(&dir, "postwise_bg.", ".wasm");
    let reply = get(port, &format!("/assets/{wasm}"));
    assert_eq!(reply.header("Content-Type"), Some("application/wasm"));
    assert_eq!(reply.body, b"\0asm\x01\0\0\0");
    let js = asset(&dir, "postwise.", ".js");
    assert_eq!(get(port, &format!("/assets/{js}")).header("Content-Type"), Some("text/javascript; charset=utf-8"));
}

/// Sends `raw` bytes and reads the reply until the server closes or 3 s pass; the status line's
/// code, and how long the reply took.
fn raw_request(port: u16, raw: &[u8]) -> (Option<u16>, Duration) {
    let started = Instant::now();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    stream.set_read_timeout(Some(Duration::from_secs(3))).expect("timeout");
    let _ = stream.write_all(raw);
    let mut reply = Vec::new();
    let mut chunk = [0u8; 4096];
    while let Ok(read) = stream.read(&mut chunk) {
        if read == 0 {
            break;
        }
        reply.extend_from_slice(&chunk[..read]);
        if reply.windows(4).any(|w| w == b"\r\n\r\n") {
            break;
        }
    }
    let status = String::from_utf8_lossy(&reply).split(' ').nth(1).and_then(|s| s.parse().ok());
    (status, started.elapsed())
}

#[test]
fn odd_heads_are_answered_at_once() {
    let dir = workspace("heads");
    let server = serve(&dir);
    let (status, took) = raw_request(server.port, b"GET / HTTP/1.1\nHost: 127.0.0.1\n\n");
    assert_eq!(status, Some(200), "a bare-LF request");
    assert!(took < Duration::from_secs(1), "answered at once, not after a timeout: {took:?}");
    let big = format!("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: {}\r\n\r\n", "a".repeat(20_000));
    let (status, took) = raw_request(server.port, big.as_bytes());
    assert_eq!(status, Some(431), "a head over 16 KB");
    assert!(took < Duration::from_secs(1), "{took:?}");
    let many: String = (0..150).map(|i| format!("X-{i}: {i}\r\n")).collect();
    let (status, _) = raw_request(server.port, format!("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n{many}\r\n").as_bytes());
    assert_eq!(status, Some(431), "a head of over 100 fields");
    let (status, _) = raw_request(server.port, b"GARBAGE\r\n\r\n");
    assert_eq!(status, Some(400));
}

/// The CSP in a page's `<meta>` tag.
fn meta_csp(html: &str) -> String {
    html.split("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a CSP meta")
        .replace("&#39;", "'")
}

#[test]
fn every_reply_carries_the_security_headers() {
    let dir = workspace("headers");
    let server = serve_with(&dir, &["--no-live-reload"], None);
    let port = server.port;
    for path in ["/", "/xss/", "/xss/policy.html", "/xss/rules.json", "/no/such/page.html"] {
        let reply = get(port, path);
        assert_eq!(reply.header("X-Content-Type-Options"), Some("nosniff"), "{path}");
        assert_eq!(reply.header("Referrer-Policy"), Some("no-referrer"), "{path}");
        assert_eq!(reply.header("X-Frame-Options"), Some("DENY"), "{path}");
        assert_eq!(reply.header("Cross-Origin-Opener-Policy"), Some("same-origin"), "{path}");
        if reply.header("Content-Type") == Some("text/html; charset=utf-8") {
            let csp = format!("{}; frame-ancestors 'none'", meta_csp(&reply.text()));
            assert_eq!(reply.header("Content-Security-Policy"), Some(csp.as_str()), "{path}");
            assert!(!reply.text().contains("live-reload"), "{path}: live reload is off");
        } else {
            assert_eq!(reply.header("Content-Security-Policy"), None, "{path}");
        }
    }
    let css = asset(&dir, "postwise.", ".css");
    let reply = get(port, &format!("/assets/{css}"));
    assert_eq!(reply.header("Cache-Control"), Some("public, max-age=31536000, immutable"));
    assert_eq!(get(port, "/").header("Cache-Control"), Some("no-cache"));
}

/// Reads server-sent events from `stream` until one `build` event has come, or 15 s pass.
fn next_build(stream: &mut TcpStream, seen: &mut String) -> Option<String> {
    let started = Instant::now();
    let mut chunk = [0u8; 1024];
    while started.elapsed() < Duration::from_secs(15) {
        if let Some(at) = seen.find("event: build\ndata: ") {
            let rest = &seen[at + 19..];
            if let Some(end) = rest.find('\n') {
                let build = rest[..end].to_owned();
                *seen = rest[end..].to_owned();
                return Some(build);
            }
        }
        match stream.read(&mut chunk) {
            Ok(0) => return None,
            Ok(read) => seen.push_str(&String::from_utf8_lossy(&chunk[..read])),
            Err(_) => {}
        }
    }
    None
}

#[test]
fn open_pages_reload_after_a_rebuild_and_a_broken_policy_keeps_the_last_good_site() {
    let dir = workspace("live-reload");
    let server = serve(&dir);
    let port = server.port;
    let page = get(port, "/xss/policy.html");
    let text = page.text();
    assert!(
        text.contains(
            "<script src=\"/__postwise/live-reload.js\" data-events=\"/__postwise/events\" data-build=\"1\">"
        )
    );
    let origin = format!("http://127.0.0.1:{port}");
    let csp = page.header("Content-Security-Policy").expect("a CSP");
    let directive = |name: &str| {
        csp.split("; ").find(|d| d.starts_with(&format!("{name} "))).map(str::to_owned).unwrap_or_default()
    };
    assert!(directive("script-src").ends_with(&format!(" {origin}/__postwise/live-reload.js")), "{csp}");
    assert!(directive("connect-src").ends_with(&format!(" {origin}/__postwise/events")), "{csp}");
    assert!(csp.ends_with("frame-ancestors 'none'"), "{csp}");
    assert_eq!(meta_csp(&text), csp.trim_end_matches("; frame-ancestors 'none'"), "the meta allows the same");
    let built = std::fs::read_to_string(dir.join("site/xss/policy.html")).expect("built page");
    assert!(!built.contains("live-reload"), "the built site never has the script");
    let script = get(port, "/__postwise/live-reload.js");
    assert_eq!(script.header("Content-Type"), Some("text/javascript; charset=utf-8"));
    assert!(script.text().contains("new EventSource"));

    let mut events = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    events.set_read_timeout(Some(Duration::from_millis(200))).expect("timeout");
    write!(events, "GET /__postwise/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").expect("sends");
    let mut seen = String::new();
    assert_eq!(next_build(&mut events, &mut seen).as_deref(), Some("1"));

    let policy = dir.join("policies/xss/policy.md");
    let good = std::fs::read_to_string(&policy).expect("policy");
    std::fs::write(&policy, format!("{good}\n{{#p4}} Newly added clause.\n")).expect("edits the policy");
    assert_eq!(next_build(&mut events, &mut seen).as_deref(), Some("2"), "told of the rebuild");
    assert!(get(port, "/xss/policy.html").text().contains("Newly added clause"));

    std::fs::write(&policy, "no front matter: an error\n").expect("breaks the policy");
    std::thread::sleep(Duration::from_secs(3));
    let page = get(port, "/xss/policy.html");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Newly added clause"), "the last good site is still served");
}

#[test]
fn a_client_that_stops_reading_does_not_hold_up_a_rebuild() {
    let dir = workspace("slow-reader");
    let pkg = dir.join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg");
    std::fs::write(pkg.join("postwise.js"), "export default 1;\n").expect("js");
    // Far more than the sockets' buffers hold.
    std::fs::write(pkg.join("postwise_bg.wasm"), vec![7u8; 64 << 20]).expect("wasm");
    let server = serve(&dir);
    let port = server.port;
    let wasm = asset(&dir, "postwise_bg.", ".wasm");
    let mut stalled = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    write!(stalled, "GET /assets/{wasm} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").expect("sends");
    std::thread::sleep(Duration::from_millis(500));

    let policy = dir.join("policies/xss/policy.md");
    let mut text = std::fs::read_to_string(&policy).expect("policy");
    text.push_str("\n{#p4} Written while a client reads nothing.\n");
    std::fs::write(&policy, text).expect("edits the policy");
    wait_for("the rebuild", || get(port, "/xss/policy.html").text().contains("Written while a client reads nothing"));
    drop(stalled);
}

#[cfg(target_os = "linux")]
#[test]
fn idle_connections_past_the_file_limit_do_not_stop_it_answering() {
    let dir = workspace("idle");
    // A soft limit of 256, as once stopped it: the server raises it to the hard limit.
    let server = serve_with(&dir, &[], Some("-Sn 256"));
    let idle: Vec<TcpStream> =
        (0..300).map(|_| TcpStream::connect(("127.0.0.1", server.port)).expect("connects")).collect();
    let started = Instant::now();
    assert_eq!(get(server.port, "/").status, 200);
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
    drop(idle);

    // A hard limit of 200: past the cap a connection is answered 503 at once.
    let dir = workspace("capped");
    let server = serve_with(&dir, &[], Some("-n 200"));
    let idle: Vec<TcpStream> =
        (0..120).map(|_| TcpStream::connect(("127.0.0.1", server.port)).expect("connects")).collect();
    std::thread::sleep(Duration::from_millis(300));
    let (status, took) = raw_request(server.port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    assert_eq!(status, Some(503));
    assert!(took < Duration::from_secs(1), "{took:?}");
    drop(idle);
    wait_for("a free place", || raw_request(server.port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").0 == Some(200));
}
