//! A small static server for a built site on 127.0.0.1, for previewing and for the browser
//! tests: GET and HEAD only, the right content types, no way out of the site folder, and
//! `404.html` for anything missing. The build may replace the folder while it runs: requests
//! wait on a lock that the rebuild holds while writing.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;
use std::time::SystemTime;

/// The content type of a file, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("wasm") => "application/wasm",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("txt") => "text/plain; charset=utf-8",
        Some("ics") => "text/calendar; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// What a request path leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A file in the site.
    File(PathBuf),
    /// A folder asked for without its final `/`: redirect, so relative links resolve.
    Redirect(String),
    /// Nothing, or somewhere outside the site.
    NotFound,
}

/// `%xx` escapes decoded; `None` for malformed escapes or text that is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Resolves the request URL `url` (path and query) against the site folder `root`.
pub fn resolve(root: &Path, url: &str) -> Target {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let Some(decoded) = percent_decode(path) else { return Target::NotFound };
    if !decoded.starts_with('/') {
        return Target::NotFound;
    }
    let mut file = root.to_owned();
    for segment in decoded.split('/').filter(|s| !s.is_empty() && *s != ".") {
        // Only plain names: no `..`, no backslashes or drive prefixes, no NUL.
        let mut components = Path::new(segment).components();
        let plain = matches!(components.next(), Some(Component::Normal(_))) && components.next().is_none();
        if !plain || segment.contains(['\\', '\0']) {
            return Target::NotFound;
        }
        file.push(segment);
    }
    if file.is_dir() {
        if !decoded.ends_with('/') {
            return Target::Redirect(format!("{decoded}/"));
        }
        file.push("index.html");
    }
    // A symbolic link must not lead out of the site either.
    match (file.canonicalize(), root.canonicalize()) {
        (Ok(real), Ok(real_root)) if real.starts_with(&real_root) && real.is_file() => Target::File(file),
        _ => Target::NotFound,
    }
}

/// How long a connection may take to send its request line and headers.
const READ_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest request head read; a preview server's requests are a line and a few headers.
const MAX_HEAD: usize = 16 * 1024;

/// The method and target of a request, from the head's first line.
fn request_line(head: &[u8]) -> Option<(&str, &str)> {
    let line = head.split(|&b| b == b'\n').next()?;
    let line = std::str::from_utf8(line).ok()?.trim_end_matches('\r');
    let mut parts = line.split(' ');
    let method = parts.next()?;
    let target = parts.next()?;
    parts.next().filter(|v| v.starts_with("HTTP/1."))?;
    Some((method, target))
}

/// Reads until the blank line that ends the head, or gives up.
fn read_head(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let read = stream.read(&mut chunk).ok().filter(|&n| n > 0)?;
        head.extend_from_slice(&chunk[..read]);
        if head.len() > MAX_HEAD {
            return None;
        }
    }
    Some(head)
}

struct Reply<'a> {
    status: u16,
    reason: &'static str,
    content_type: &'a str,
    body: Vec<u8>,
    extra: &'a [(&'a str, &'a str)],
}

/// Writes the reply and closes the connection. Every reply closes its connection: a local
/// preview loses nothing by it, and no browser connection held open can keep another waiting.
fn respond(mut stream: TcpStream, reply: Reply, with_body: bool) {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\n\
         X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n",
        reply.status,
        reply.reason,
        reply.content_type,
        reply.body.len()
    );
    for (name, value) in reply.extra {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    // The client may have gone; there is no one to tell.
    let _ = stream.write_all(head.as_bytes());
    if with_body {
        let _ = stream.write_all(&reply.body);
    }
    let _ = stream.flush();
}

/// Serves the site folder `root` until the server stops.
pub struct Server {
    listener: TcpListener,
    root: Arc<PathBuf>,
    lock: Arc<RwLock<()>>,
}

impl Server {
    /// Listens on 127.0.0.1:`port` (0 for any free port). `lock` is held for writing while
    /// the site is rebuilt.
    pub fn bind(port: u16, root: PathBuf, lock: Arc<RwLock<()>>) -> std::io::Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        Ok(Server { listener, root: Arc::new(root), lock })
    }

    /// The port it listens on.
    pub fn port(&self) -> Option<u16> {
        self.listener.local_addr().ok().map(|a| a.port())
    }

    /// Answers requests until the process ends, each connection on its own thread.
    pub fn run(&self) {
        for stream in self.listener.incoming().flatten() {
            let root = Arc::clone(&self.root);
            let lock = Arc::clone(&self.lock);
            std::thread::spawn(move || handle(stream, &root, &lock));
        }
    }
}

fn handle(mut stream: TcpStream, root: &Path, lock: &RwLock<()>) {
    let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
    let Some(head) = read_head(&mut stream) else { return };
    let Some((method, target)) = request_line(&head) else {
        let body = b"Bad request.\n".to_vec();
        let reply = Reply { status: 400, reason: "Bad Request", content_type: TEXT, body, extra: &[] };
        return respond(stream, reply, true);
    };
    let with_body = method != "HEAD";
    if !matches!(method, "GET" | "HEAD") {
        let body = b"Only GET and HEAD are supported.\n".to_vec();
        let extra = [("Allow", "GET, HEAD")];
        let reply = Reply { status: 405, reason: "Method Not Allowed", content_type: TEXT, body, extra: &extra };
        return respond(stream, reply, with_body);
    }
    // A poisoned lock means a rebuild panicked; the files are still worth serving.
    let _reading = lock.read().unwrap_or_else(std::sync::PoisonError::into_inner);
    let reply = match resolve(root, target) {
        Target::File(path) => match std::fs::read(&path) {
            Ok(body) => Reply { status: 200, reason: "OK", content_type: content_type(&path), body, extra: &[] },
            Err(_) => not_found(root),
        },
        Target::Redirect(location) => {
            let extra = [("Location", location.as_str())];
            let reply =
                Reply { status: 301, reason: "Moved Permanently", content_type: TEXT, body: Vec::new(), extra: &extra };
            return respond(stream, reply, with_body);
        }
        Target::NotFound => not_found(root),
    };
    respond(stream, reply, with_body);
}

const TEXT: &str = "text/plain; charset=utf-8";

fn not_found(root: &Path) -> Reply<'static> {
    let body = std::fs::read(root.join("404.html")).unwrap_or_else(|_| b"Not found\n".to_vec());
    Reply { status: 404, reason: "Not Found", content_type: "text/html; charset=utf-8", body, extra: &[] }
}

/// The files under some folders with their modification times and sizes: when it changes,
/// something was edited.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fingerprint(Vec<(PathBuf, Option<SystemTime>, u64)>);

impl Fingerprint {
    /// Walks `folders` (missing ones count as empty).
    pub fn of(folders: &[&Path]) -> Fingerprint {
        let mut files = Vec::new();
        let mut pending: Vec<PathBuf> = folders.iter().map(|f| f.to_path_buf()).collect();
        while let Some(folder) = pending.pop() {
            let Ok(entries) = std::fs::read_dir(&folder) else { continue };
            for entry in entries.flatten() {
                let path = entry.path();
                let Ok(meta) = entry.metadata() else { continue };
                if meta.is_dir() {
                    pending.push(path);
                } else {
                    files.push((path, meta.modified().ok(), meta.len()));
                }
            }
        }
        files.sort();
        Fingerprint(files)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> PathBuf {
        let root = std::env::temp_dir().join(format!("postwise-serve-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("school")).expect("mkdir");
        std::fs::write(root.join("index.html"), "home").expect("write");
        std::fs::write(root.join("school/index.html"), "school").expect("write");
        std::fs::write(root.join("school/a b.css"), "css").expect("write");
        root
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(content_type(Path::new("a/postwise_bg.1234abcd.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("postwise.1234abcd.js")), "text/javascript; charset=utf-8");
        assert_eq!(content_type(Path::new("rules.json")), "application/json");
        assert_eq!(content_type(Path::new("icon.svg")), "image/svg+xml");
        assert_eq!(content_type(Path::new("x.CSS")), "text/css; charset=utf-8");
        assert_eq!(content_type(Path::new("index.html")), "text/html; charset=utf-8");
    }

    #[test]
    fn paths_resolve_inside_the_site_only() {
        let root = site();
        assert_eq!(resolve(&root, "/"), Target::File(root.join("index.html")));
        assert_eq!(resolve(&root, "/school/?x=1"), Target::File(root.join("school/index.html")));
        assert_eq!(resolve(&root, "/school"), Target::Redirect("/school/".to_owned()));
        assert_eq!(resolve(&root, "/school/a%20b.css"), Target::File(root.join("school/a b.css")));
        for bad in [
            "/../Cargo.toml",
            "/school/../../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/..%2fCargo.toml",
            "/%2",
            "/a%5c..%5cb",
            "/missing.html",
            "relative",
        ] {
            assert_eq!(resolve(&root, bad), Target::NotFound, "{bad}");
        }
        let _ = std::fs::remove_dir_all(&root);
    }
}
