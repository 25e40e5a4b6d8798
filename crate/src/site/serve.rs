//! `postwise serve`'s server: a built site on 127.0.0.1, for previewing and for the browser
//! tests. GET and HEAD only; no way out of the site folder; `404.html` for anything missing;
//! each file with the site's headers ([`super::headers`]); and, unless turned off, every page
//! reloads itself when the site is rebuilt.
//!
//! It stands on the parts mdBook's `serve` uses: hyper parses requests and runs connections
//! under tokio, axum routes them, tower-http's `ServeFile` sends files (content ranges,
//! conditional requests). What is ours is small: [`resolve`] (a URL to a file of the site),
//! the headers, and putting a rebuilt site in place.
//!
//! - **Many connections, idle or slow.** Each connection is a tokio task, not a thread. In
//!   `tests/load/serve.mjs` (2 shared cores, release build), 2,000 idle connections added 18 MB
//!   (9 KB each) and, with 200 clients fetching at 4,100 requests a second beside them, no
//!   probe of the home page waited more than 0.45 s; the thread-per-connection server it
//!   replaces stopped answering at 300 slow connections with 256 file handles. Connections are
//!   capped below the file limit (raised to its maximum at start), and past the cap a
//!   connection is answered 503 at once and closed, so `accept` never fails in a loop. A head
//!   must arrive within 10 s (an idle connection is closed then), and a reader that takes
//!   nothing for 30 s is dropped ([`StallGuard`]).
//! - **A slow reader never blocks a rebuild.** A rebuild is written beside the site and
//!   swapped with it in one step (`renameat2(RENAME_EXCHANGE)` on Linux; two renames
//!   elsewhere); the old files are then deleted while anyone still reading one keeps it open.
//!   No lock is held while a response is written: with a client refusing to read 32 MB, the
//!   load test's rebuild was served 1.8 s after the edit.
//! - **Heads.** hyper answers a head over 16 KB (or over 100 fields) with 431, and takes a
//!   request whose lines end in a bare LF at once; a path that starts `//` is a path, so a
//!   folder's redirect never names another host.
//! - **Live reload.** A served page gets `<script src="/__postwise/live-reload.js">`, which
//!   listens to `/__postwise/events` (server-sent events, which need no WebSocket library) and
//!   reloads the page when the build number changes. Its CSP, in the header and the `<meta>`
//!   tag alike, allows that one script and that one connection and nothing else; a built site
//!   never has either.

use super::csp::Csp;
use super::headers::{self, HeaderTable};
use super::{BuildError, MARKER_FILE, Site};
/// The routes, as axum makes them.
pub use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::sse::{Event, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::convert::Infallible;
use std::future::Future;
use std::path::{Component, Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt as _, ReadBuf};
use tokio::sync::{Semaphore, watch};
use tower::ServiceExt as _;

/// Where the server's own files live: not a school id (those have no `_`), so no site file.
pub const SERVER_PREFIX: &str = "/__postwise/";
/// The live-reload script.
pub const LIVE_RELOAD_SCRIPT: &str = "/__postwise/live-reload.js";
/// The build numbers, as server-sent events.
pub const LIVE_RELOAD_EVENTS: &str = "/__postwise/events";

/// The longest request head: a browser's is under 2 KB.
const MAX_HEAD: usize = 16 * 1024;
/// How long a connection may take to send a request's head.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a reply may wait on a reader that takes nothing.
const WRITE_STALL: Duration = Duration::from_secs(30);
/// The most connections at once, whatever the file limit allows.
const MAX_CONNECTIONS: usize = 16_384;
/// File handles kept for other things than connections: the files being served, the
/// watcher, a rebuild.
const RESERVED_FILES: u64 = 128;
/// The largest page read into memory to add the live-reload script.
const MAX_PAGE: u64 = 8 * 1024 * 1024;

/// The live-reload script: reloads the page when the build it was served from is replaced.
const LIVE_RELOAD_JS: &str = "\
// Served by `postwise serve` only: reloads this page when the site is rebuilt.
(() => {
  const script = document.currentScript;
  const events = new EventSource(script.dataset.events);
  events.addEventListener('build', (event) => {
    if (event.data !== script.dataset.build) location.reload();
  });
})();
";

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
    /// A file in the site, and its path under the site root (`chestnuts/index.html`).
    File(PathBuf, String),
    /// A folder asked for without its final `/`: redirect, so relative links resolve. Always a
    /// path on this host: one `/`, then the folder's segments, percent-encoded.
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

/// A path segment as it may stand in a URL: everything but unreserved characters escaped.
fn percent_encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Resolves the request URL `url` (path and query) against the site folder `root`.
pub fn resolve(root: &Path, url: &str) -> Target {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let Some(decoded) = percent_decode(path) else { return Target::NotFound };
    if !decoded.starts_with('/') {
        return Target::NotFound;
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/').filter(|s| !s.is_empty() && *s != ".") {
        // Only plain names: no `..`, no backslashes or drive prefixes, no NUL.
        let mut components = Path::new(segment).components();
        let plain = matches!(components.next(), Some(Component::Normal(_))) && components.next().is_none();
        if !plain || segment.contains(['\\', '\0']) {
            return Target::NotFound;
        }
        segments.push(segment);
    }
    let mut file = root.to_owned();
    file.extend(&segments);
    let mut site_path = segments.join("/");
    if file.is_dir() {
        if !decoded.ends_with('/') {
            let encoded: Vec<String> = segments.iter().map(|s| percent_encode(s)).collect();
            return Target::Redirect(format!("/{}/", encoded.join("/")).replace("//", "/"));
        }
        file.push("index.html");
        site_path = if site_path.is_empty() { "index.html".to_owned() } else { format!("{site_path}/index.html") };
    }
    // A symbolic link must not lead out of the site either.
    match (file.canonicalize(), root.canonicalize()) {
        (Ok(real), Ok(real_root)) if real.starts_with(&real_root) && real.is_file() => Target::File(file, site_path),
        _ => Target::NotFound,
    }
}

/// `policy` (a CSP) allowing the live-reload script and its events from `origin`, and nothing
/// more: each added to its directive, or a directive made for it.
pub fn with_live_reload(policy: &str, origin: &str) -> String {
    let mut directives: Vec<String> =
        policy.split(';').map(|d| d.trim().to_owned()).filter(|d| !d.is_empty()).collect();
    for (name, url) in [("script-src", LIVE_RELOAD_SCRIPT), ("connect-src", LIVE_RELOAD_EVENTS)] {
        let source = format!("{origin}{url}");
        match directives.iter_mut().find(|d| d.split(' ').next() == Some(name)) {
            Some(directive) => {
                directive.push(' ');
                directive.push_str(&source);
            }
            None => directives.push(format!("{name} {source}")),
        }
    }
    directives.join("; ")
}

/// `html` with the live-reload script before `</body>` and its `<meta>` CSP replaced by
/// `policy`.
pub fn inject_live_reload(html: &str, policy: &str, build: u64) -> String {
    const META: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";
    let mut page = html.to_owned();
    if let Some(start) = page.find(META).map(|i| i + META.len())
        && let Some(length) = page[start..].find('"')
    {
        page.replace_range(start..start + length, &policy.replace('"', "&quot;"));
    }
    let script = format!(
        "<script src=\"{LIVE_RELOAD_SCRIPT}\" data-events=\"{LIVE_RELOAD_EVENTS}\" data-build=\"{build}\"></script>\n"
    );
    match page.rfind("</body>") {
        Some(at) => page.insert_str(at, &script),
        None => page.push_str(&script),
    }
    page
}

/// The site being served: its folder, each page's headers, and the build number.
pub struct Served {
    root: PathBuf,
    headers: RwLock<Arc<HeaderTable>>,
    builds: watch::Sender<u64>,
    port: u16,
    live_reload: bool,
}

impl Served {
    /// Writes `site` to `root` (emptying it only if an earlier build made it) for serving
    /// on `port`, with pages that reload themselves when `live_reload`.
    pub fn new(site: &Site, root: PathBuf, port: u16, live_reload: bool) -> Result<Served, BuildError> {
        site.write(&root)?;
        Ok(Served {
            root,
            headers: RwLock::new(Arc::new(site.headers.clone())),
            builds: watch::Sender::new(1),
            port,
            live_reload,
        })
    }

    /// The folder served.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Puts a rebuilt site in place: written beside the folder served, swapped with it in one
    /// step, the old one deleted; then every open page is told to reload.
    pub fn publish(&self, site: &Site) -> Result<(), BuildError> {
        let name = self.root.file_name().and_then(|n| n.to_str()).unwrap_or("site");
        let next = self.root.with_file_name(format!(".{name}.postwise-next"));
        site.write(&next)?;
        swap(&next, &self.root).map_err(|source| BuildError::Write { path: self.root.clone(), source })?;
        *self.headers.write().unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::new(site.headers.clone());
        self.builds.send_modify(|build| *build += 1);
        // The old site, now at `next`: files still being sent stay readable until closed.
        if next.join(MARKER_FILE).is_file() {
            std::fs::remove_dir_all(&next).map_err(|source| BuildError::Write { path: next.clone(), source })?;
        }
        Ok(())
    }

    fn header_table(&self) -> Arc<HeaderTable> {
        Arc::clone(&self.headers.read().unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    /// The origin a page was asked for at, when it is this server's own: the live-reload
    /// URLs in its CSP must name it.
    fn origin(&self, headers: &HeaderMap) -> Option<String> {
        let host = headers.get(header::HOST)?.to_str().ok()?;
        let port = self.port;
        [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")]
            .contains(&host.to_owned())
            .then(|| format!("http://{host}"))
    }
}

/// Swaps the folders `a` and `b` in one step where the system can, in two renames elsewhere.
fn swap(a: &Path, b: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok() {
            return Ok(());
        }
    }
    let aside = b.with_extension("postwise-old");
    std::fs::rename(b, &aside)?;
    std::fs::rename(a, b)?;
    std::fs::rename(&aside, a)
}

/// A header value from text made here; the text is always valid.
fn value(text: &str) -> HeaderValue {
    HeaderValue::from_str(text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
}

/// The site's files, for GET and HEAD.
async fn site_file(State(served): State<Arc<Served>>, request: Request) -> Response {
    let method = request.method().clone();
    if method != Method::GET && method != Method::HEAD {
        let mut response = plain(StatusCode::METHOD_NOT_ALLOWED, "Only GET and HEAD are supported.\n");
        response.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let url = request.uri().path_and_query().map_or("/", |p| p.as_str()).to_owned();
    let table = served.header_table();
    let (path, site_path, status) = match resolve(&served.root, &url) {
        Target::File(path, site_path) => (path, site_path, StatusCode::OK),
        Target::Redirect(location) => {
            let mut response = plain(StatusCode::MOVED_PERMANENTLY, "");
            response.headers_mut().insert(header::LOCATION, value(&location));
            return response;
        }
        Target::NotFound => (served.root.join("404.html"), "404.html".to_owned(), StatusCode::NOT_FOUND),
    };
    let mut response = match table.csp(&site_path) {
        Some(csp) => page(&served, &path, csp, status, request.headers()).await,
        None if status == StatusCode::OK => file(&path, request).await,
        None => plain(StatusCode::NOT_FOUND, "Not found\n"),
    };
    let response_headers = response.headers_mut();
    for (name, text) in table.for_path(&site_path) {
        if !response_headers.contains_key(name) {
            response_headers.insert(HeaderName::from_static(static_lowercase(name)), value(&text));
        }
    }
    // A preview is always fresh; assets, whose names change with them, may be kept.
    response_headers.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-cache"));
    // hyper leaves out the body of a reply to HEAD, keeping its length.
    response
}

/// Header names as `HeaderName::from_static` takes them: lowercase.
fn static_lowercase(name: &'static str) -> &'static str {
    match name {
        "X-Content-Type-Options" => "x-content-type-options",
        "Referrer-Policy" => "referrer-policy",
        "X-Frame-Options" => "x-frame-options",
        "Cross-Origin-Opener-Policy" => "cross-origin-opener-policy",
        "Cross-Origin-Resource-Policy" => "cross-origin-resource-policy",
        "Permissions-Policy" => "permissions-policy",
        "Content-Security-Policy" => "content-security-policy",
        "Cache-Control" => "cache-control",
        _ => "x-postwise-unknown",
    }
}

/// A page, with the live-reload script when it is on and the page was asked for at this
/// server's own address.
async fn page(served: &Served, path: &Path, csp: Csp, status: StatusCode, request: &HeaderMap) -> Response {
    let read = match tokio::fs::metadata(path).await {
        Ok(meta) if meta.len() <= MAX_PAGE => tokio::fs::read_to_string(path).await.ok(),
        _ => None,
    };
    let Some(html) = read else { return plain(StatusCode::NOT_FOUND, "Not found\n") };
    let (html, policy) = match served.origin(request).filter(|_| served.live_reload) {
        Some(origin) => {
            let meta = with_live_reload(&csp.policy(), &origin);
            (inject_live_reload(&html, &meta, *served.builds.borrow()), headers::header_policy(&meta))
        }
        None => (html, headers::page_policy(csp)),
    };
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CONTENT_SECURITY_POLICY, value(&policy));
    response
}

/// Any other file, by tower-http (ranges, conditional requests), typed by its extension.
async fn file(path: &Path, request: Request) -> Response {
    let kind = content_type(path);
    let mut response = match tower_http::services::ServeFile::new(path).oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    };
    if response.status().is_success() {
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    }
    response
}

async fn live_reload_script() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], LIVE_RELOAD_JS)
        .into_response()
}

/// The build number now, then each new one, as `build` events.
async fn live_reload_events(
    State(served): State<Arc<Served>>,
) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
    let builds = served.builds.subscribe();
    let stream = futures_util::stream::unfold((builds, true), |(mut builds, first)| async move {
        if !first {
            builds.changed().await.ok()?;
        }
        let build = *builds.borrow_and_update();
        Some((Ok(Event::default().event("build").data(build.to_string())), (builds, false)))
    });
    Sse::new(stream)
}

/// The routes: the server's two files, then the site.
pub fn router(served: Arc<Served>) -> Router {
    Router::new()
        .route(LIVE_RELOAD_SCRIPT, get(live_reload_script))
        .route(LIVE_RELOAD_EVENTS, get(live_reload_events))
        .fallback(site_file)
        .with_state(served)
}

/// How many connections may be open at once: below the file limit, which is first raised to
/// its maximum.
fn connection_limit() -> usize {
    use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
    let limit = getrlimit(Resource::Nofile);
    if let Some(maximum) = limit.maximum {
        let _ = setrlimit(Resource::Nofile, Rlimit { current: Some(maximum.min(65_536)), maximum: Some(maximum) });
    }
    let current = getrlimit(Resource::Nofile).current.unwrap_or(u64::MAX);
    usize::try_from(current.saturating_sub(RESERVED_FILES)).unwrap_or(MAX_CONNECTIONS).clamp(16, MAX_CONNECTIONS)
}

/// Answers connections on `listener` until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, served: Arc<Served>) {
    let router = router(served);
    let open = Arc::new(Semaphore::new(connection_limit()));
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file handles, or a connection reset before it was taken: try again soon,
            // without spinning.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(permit) = Arc::clone(&open).try_acquire_owned() else {
            tokio::spawn(busy(stream));
            continue;
        };
        let router = router.clone();
        tokio::spawn(async move {
            serve_connection(stream, router).await;
            drop(permit);
        });
    }
}

/// Answers the requests of one connection, `io`, until it closes.
pub async fn serve_connection<T>(io: T, router: Router)
where
    T: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let service = hyper_util::service::TowerToHyperService::new(router);
    let io = hyper_util::rt::TokioIo::new(StallGuard::new(io, WRITE_STALL));
    let _ = hyper::server::conn::http1::Builder::new()
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        .max_buf_size(MAX_HEAD)
        .serve_connection(io, service)
        .await;
}

/// Answers a connection over the cap with 503 and closes it.
async fn busy(mut stream: tokio::net::TcpStream) {
    let reply = b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        let _ = stream.write_all(reply).await;
        let _ = stream.shutdown().await;
    })
    .await;
}

/// A connection that fails a write its reader has taken nothing of for `limit`, so a client
/// that stops reading cannot hold a connection and its files for ever.
pub struct StallGuard<T> {
    inner: T,
    limit: Duration,
    stalled: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl<T> StallGuard<T> {
    /// Wraps `inner`.
    pub fn new(inner: T, limit: Duration) -> StallGuard<T> {
        StallGuard { inner, limit, stalled: None }
    }

    /// After the inner write returned `poll`: a stall past the limit becomes an error.
    fn watch<R>(&mut self, poll: Poll<std::io::Result<R>>, cx: &mut Context<'_>) -> Poll<std::io::Result<R>> {
        match poll {
            Poll::Pending => {
                let limit = self.limit;
                let stalled = self.stalled.get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
                match stalled.as_mut().poll(cx) {
                    Poll::Ready(()) => Poll::Ready(Err(std::io::ErrorKind::TimedOut.into())),
                    Poll::Pending => Poll::Pending,
                }
            }
            done => {
                self.stalled = None;
                done
            }
        }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for StallGuard<T> {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for StallGuard<T> {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.inner).poll_write(cx, buf);
        this.watch(poll, cx)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.inner).poll_flush(cx);
        this.watch(poll, cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        this.watch(poll, cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
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
        let file = |path: &str| Target::File(root.join(path), path.to_owned());
        assert_eq!(resolve(&root, "/"), file("index.html"));
        assert_eq!(resolve(&root, "/school/?x=1"), file("school/index.html"));
        assert_eq!(resolve(&root, "/school"), Target::Redirect("/school/".to_owned()));
        assert_eq!(resolve(&root, "/school/a%20b.css"), file("school/a b.css"));
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

    #[test]
    fn a_folder_redirect_never_leaves_the_host() {
        let root = site();
        std::fs::create_dir_all(root.join("a b")).expect("mkdir");
        for (url, location) in [
            ("//school", "/school/"),
            ("///school", "/school/"),
            ("/%2Fschool", "/school/"),
            ("/%2F%2Fschool", "/school/"),
            ("/./school", "/school/"),
            ("/a%20b", "/a%20b/"),
        ] {
            assert_eq!(resolve(&root, url), Target::Redirect(location.to_owned()), "{url}");
        }
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn live_reload_adds_one_script_and_one_connection() {
        let origin = "http://127.0.0.1:8000";
        let policy = with_live_reload(&Csp::STATIC.policy(), origin);
        assert_eq!(
            policy,
            format!(
                "{}; script-src {origin}/__postwise/live-reload.js; connect-src {origin}/__postwise/events",
                Csp::STATIC.policy()
            )
        );
        let policy = with_live_reload(&Csp::CHECKER.policy(), origin);
        assert!(
            policy.contains("script-src 'self' 'wasm-unsafe-eval' http://127.0.0.1:8000/__postwise/live-reload.js")
        );
        assert!(policy.contains("connect-src 'self' http://127.0.0.1:8000/__postwise/events"), "{policy}");

        let html =
            "<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"></head><body>x</body>";
        let served = inject_live_reload(html, "NEW", 7);
        assert_eq!(
            served,
            "<head><meta http-equiv=\"Content-Security-Policy\" content=\"NEW\"></head><body>x<script \
             src=\"/__postwise/live-reload.js\" data-events=\"/__postwise/events\" data-build=\"7\"></script>\n</body>"
        );
    }
}
