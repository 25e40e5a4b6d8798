//! `postwise serve` end to end: the real binary on a free port, spoken to over plain HTTP.
#![cfg(not(target_arch = "wasm32"))]
// The helpers panic on any surprise too: in a test, that is a failure with its reason.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

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

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("lists") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copies");
        }
    }
}

/// A copy of the test policies and an empty place for the site and the wasm package.
fn workspace(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("site_serve").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/policies"), &dir.join("policies"));
    dir
}

fn serve(dir: &Path) -> Serving {
    let mut child = Command::new(env!("CARGO_BIN_EXE_postwise"))
        .arg("serve")
        .args(["--port", "0", "--today", "2025-01-15"])
        .arg("--policies")
        .arg(dir.join("policies"))
        .arg("--out")
        .arg(dir.join("site"))
        .arg("--wasm-pkg")
        .arg(dir.join("pkg"))
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
