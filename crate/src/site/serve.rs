//! A small static server for a built site on 127.0.0.1, for previewing and for the browser
//! tests: GET and HEAD only, the right content types, no way out of the site folder, and
//! `404.html` for anything missing. The build may replace the folder while it runs: requests
//! wait on a lock that the rebuild holds while writing.

use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::SystemTime;
use tiny_http::{Header, Method, Request, Response, StatusCode};

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

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn respond(request: Request, status: u16, content_type: &str, body: Vec<u8>, extra: &[(&str, &str)]) {
    let mut response = Response::from_data(body).with_status_code(StatusCode(status));
    let headers = [
        ("Content-Type", content_type),
        ("Cache-Control", "no-cache"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
    ];
    for (name, value) in headers.iter().chain(extra) {
        if let Some(h) = header(name, value) {
            response.add_header(h);
        }
    }
    // The client may have gone; there is no one to tell.
    let _ = request.respond(response);
}

/// Serves the site folder `root` until the server stops.
pub struct Server {
    server: tiny_http::Server,
    root: PathBuf,
    lock: Arc<RwLock<()>>,
}

impl Server {
    /// Listens on 127.0.0.1:`port` (0 for any free port). `lock` is held for writing while
    /// the site is rebuilt.
    pub fn bind(port: u16, root: PathBuf, lock: Arc<RwLock<()>>) -> std::io::Result<Server> {
        let server = tiny_http::Server::http(("127.0.0.1", port)).map_err(std::io::Error::other)?;
        Ok(Server { server, root, lock })
    }

    /// The port it listens on.
    pub fn port(&self) -> Option<u16> {
        self.server.server_addr().to_ip().map(|a| a.port())
    }

    /// Answers requests until the server is stopped.
    pub fn run(&self) {
        for request in self.server.incoming_requests() {
            self.handle(request);
        }
    }

    fn handle(&self, request: Request) {
        if !matches!(request.method(), Method::Get | Method::Head) {
            let body = b"Only GET and HEAD are supported.\n".to_vec();
            respond(request, 405, "text/plain; charset=utf-8", body, &[("Allow", "GET, HEAD")]);
            return;
        }
        // A poisoned lock means a rebuild panicked; the files are still worth serving.
        let _reading = self.lock.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        match resolve(&self.root, request.url()) {
            Target::File(path) => match std::fs::read(&path) {
                Ok(body) => respond(request, 200, content_type(&path), body, &[]),
                Err(_) => self.not_found(request),
            },
            Target::Redirect(location) => {
                respond(request, 301, "text/plain; charset=utf-8", Vec::new(), &[("Location", &location)])
            }
            Target::NotFound => self.not_found(request),
        }
    }

    fn not_found(&self, request: Request) {
        let body = std::fs::read(self.root.join("404.html")).unwrap_or_else(|_| b"Not found\n".to_vec());
        respond(request, 404, "text/html; charset=utf-8", body, &[]);
    }
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
