//! The site's HTTP headers, in one table: `postwise serve` sends them, and `postwise build`
//! writes the same table for static hosts as `_headers` (Netlify, Cloudflare Pages) and
//! `nginx.conf` (a server block for nginx).
//!
//! Every file gets [`COMMON`]; every page also gets its own Content-Security-Policy as a
//! header (the [`Csp`] it was rendered with, the one in its `<meta>` tag) with
//! `frame-ancestors 'none'`, which only a header can carry: no other site may frame the
//! pages. Assets, whose names carry their content's hash, may be cached for ever.

use super::assets::ASSETS_DIR;
use super::csp::Csp;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The headers of every file.
pub const COMMON: &[(&str, &str)] = &[
    // Files are what their Content-Type says, never sniffed into a script or a page.
    ("X-Content-Type-Options", "nosniff"),
    // No URL of a page (which names a school and a form) goes to another site.
    ("Referrer-Policy", "no-referrer"),
    // For browsers without `frame-ancestors`.
    ("X-Frame-Options", "DENY"),
    // A window this site opens, or that opens it, gets no handle on the other.
    ("Cross-Origin-Opener-Policy", "same-origin"),
    // Other sites cannot load these files into their pages.
    ("Cross-Origin-Resource-Policy", "same-origin"),
    // Nothing here uses them; no script, even an injected one, may ask.
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
];

/// The cache policy of a content-hashed asset.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// A page's Content-Security-Policy header: its `<meta>` policy, and what a `<meta>` cannot say.
pub fn page_policy(csp: Csp) -> String {
    format!("{}; frame-ancestors 'none'", csp.policy())
}

/// Each page's CSP, by path under the site root (`chestnuts/check.html`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeaderTable {
    pages: BTreeMap<String, Csp>,
}

impl HeaderTable {
    /// The table of a site whose pages are `pages`.
    pub fn new(pages: BTreeMap<String, Csp>) -> HeaderTable {
        HeaderTable { pages }
    }

    /// The CSP the page at `path` was rendered with; `None` for a file that is not a page.
    pub fn csp(&self, path: &str) -> Option<Csp> {
        self.pages.get(path).copied()
    }

    /// Every header of the file at `path` (under the site root, no leading `/`).
    pub fn for_path(&self, path: &str) -> Vec<(&'static str, String)> {
        let mut headers: Vec<(&'static str, String)> =
            COMMON.iter().map(|(name, value)| (*name, (*value).to_owned())).collect();
        if let Some(csp) = self.csp(path) {
            headers.push(("Content-Security-Policy", page_policy(csp)));
        }
        if path.starts_with(&format!("{ASSETS_DIR}/")) {
            headers.push(("Cache-Control", IMMUTABLE.to_owned()));
        }
        headers
    }

    /// The URL patterns that reach each page, grouped so one rule serves a page every school
    /// has (`/*/check.html`): Cloudflare Pages reads at most 100 rules. A page is reached by
    /// its path, without `.html` (Cloudflare Pages drops it), and a folder's `index.html` by
    /// the folder.
    fn page_rules(&self) -> Vec<(Vec<String>, Csp)> {
        let mut by_name: BTreeMap<&str, Vec<(&str, Csp)>> = BTreeMap::new();
        let mut rules = Vec::new();
        for (path, csp) in &self.pages {
            match path.split_once('/') {
                Some((_, name)) if !name.contains('/') => by_name.entry(name).or_default().push((path, *csp)),
                _ => rules.push((urls(&format!("/{path}")), *csp)),
            }
        }
        for (name, pages) in by_name {
            let shared = pages[0].1;
            if pages.len() > 1 && pages.iter().all(|(_, csp)| *csp == shared) {
                rules.push((urls(&format!("/*/{name}")), shared));
            } else {
                rules.extend(pages.into_iter().map(|(path, csp)| (urls(&format!("/{path}")), csp)));
            }
        }
        rules
    }

    /// `_headers` for Netlify and Cloudflare Pages. Both join the values of a header that
    /// several rules set, so the CSP is set by one rule for each URL, never by `/*`.
    pub fn netlify(&self) -> String {
        let mut out = String::from(
            "# The site's security headers, for Netlify and Cloudflare Pages: made by `postwise build` from the\n\
             # table `postwise serve` uses. Each page's Content-Security-Policy is also in its <meta> tag;\n\
             # here it adds frame-ancestors, which only a header can carry.\n",
        );
        out.push_str("/*\n");
        for (name, value) in COMMON {
            let _ = writeln!(out, "  {name}: {value}");
        }
        let _ = writeln!(out, "/{ASSETS_DIR}/*\n  Cache-Control: {IMMUTABLE}");
        for (urls, csp) in self.page_rules() {
            let policy = page_policy(csp);
            for url in urls {
                let _ = writeln!(out, "{url}\n  Content-Security-Policy: {policy}");
            }
        }
        out
    }

    /// A server block for nginx (`/etc/nginx/conf.d/postwise.conf`): the site's folder as its
    /// root, `404.html` for what is missing, and every header.
    pub fn nginx(&self) -> String {
        let mut out = String::from(
            "# The site's security headers for nginx: made by `postwise build` from the table `postwise serve`\n\
             # uses. Copy the site folder to the server and this file to /etc/nginx/conf.d/postwise.conf, set\n\
             # server_name and root below, then `nginx -t && nginx -s reload`. Add HTTPS (certbot --nginx).\n\n\
             map $uri $postwise_csp {\n    default \"\";\n",
        );
        for (path, csp) in &self.pages {
            let _ = writeln!(out, "    \"/{path}\" \"{}\";", page_policy(*csp));
        }
        let _ = write!(
            out,
            "}}\n\nmap $uri $postwise_cache {{\n    default \"\";\n    ~^/{ASSETS_DIR}/ \"{IMMUTABLE}\";\n}}\n\n\
             server {{\n    listen 80;\n    server_name postwise.example.org;\n    root /var/www/postwise;\n    \
             index index.html;\n    error_page 404 /404.html;\n    location / {{\n        try_files $uri $uri/ =404;\n    \
             }}\n\n    # Sent with every reply, 404s included (`always`); an empty value sends nothing.\n"
        );
        for (name, value) in COMMON {
            let _ = writeln!(out, "    add_header {name} \"{value}\" always;");
        }
        out.push_str("    add_header Content-Security-Policy $postwise_csp always;\n");
        out.push_str("    add_header Cache-Control $postwise_cache always;\n}\n");
        out
    }
}

/// The URLs a static host serves the page at `path` (`/x.html`, `/*/x.html`) under.
fn urls(path: &str) -> Vec<String> {
    let stem = path.strip_suffix(".html").unwrap_or(path);
    match stem.strip_suffix("index") {
        Some(folder) if folder.ends_with('/') => vec![folder.to_owned(), path.to_owned()],
        _ if stem != path => vec![path.to_owned(), stem.to_owned()],
        _ => vec![path.to_owned()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> HeaderTable {
        let pages = [
            ("index.html", Csp::STATIC),
            ("404.html", Csp::STATIC),
            ("a/index.html", Csp::STATIC),
            ("a/check.html", Csp::CHECKER),
            ("b/index.html", Csp::STATIC),
            ("b/check.html", Csp::CHECKER),
            ("b/form-only-b.html", Csp::SCRIPTS),
        ];
        HeaderTable::new(pages.into_iter().map(|(p, c)| (p.to_owned(), c)).collect())
    }

    #[test]
    fn a_page_gets_its_csp_with_frame_ancestors_and_every_file_the_common_headers() {
        let table = table();
        let headers = table.for_path("a/check.html");
        let csp = headers.iter().find(|(n, _)| *n == "Content-Security-Policy").map(|(_, v)| v.as_str());
        assert_eq!(csp, Some(format!("{}; frame-ancestors 'none'", Csp::CHECKER.policy()).as_str()));
        assert!(headers.iter().any(|h| *h == ("X-Content-Type-Options", "nosniff".to_owned())));
        assert!(headers.iter().any(|h| *h == ("Referrer-Policy", "no-referrer".to_owned())));
        let asset = table.for_path("assets/check.1234abcd.js");
        assert!(asset.iter().all(|(n, _)| *n != "Content-Security-Policy"));
        assert!(asset.iter().any(|h| *h == ("Cache-Control", IMMUTABLE.to_owned())));
        assert!(table.for_path("a/rules.json").iter().all(|(n, _)| *n != "Cache-Control"));
    }

    #[test]
    fn netlify_rules_group_pages_every_school_has_and_set_each_csp_once() {
        let text = table().netlify();
        for expected in [
            "/*\n  X-Content-Type-Options: nosniff\n",
            "/*/check.html\n  Content-Security-Policy: ",
            "/*/check\n  Content-Security-Policy: ",
            "/*/\n  Content-Security-Policy: ",
            "/b/form-only-b.html\n  Content-Security-Policy: ",
            "/\n  Content-Security-Policy: ",
            "/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n",
        ] {
            assert!(text.contains(expected), "{expected:?} in\n{text}");
        }
        assert!(!text.contains("/a/check.html"), "grouped:\n{text}");
        let common = text.split("\n/*\n").nth(1).and_then(|rest| rest.split("\n/").next()).unwrap_or_default();
        assert!(common.contains("nosniff"), "{common}");
        assert!(!common.contains("Content-Security-Policy"), "no CSP for every URL:\n{common}");
    }

    #[test]
    fn the_nginx_block_maps_each_page_to_its_csp() {
        let text = table().nginx();
        assert!(text.contains(&format!("    \"/a/check.html\" \"{}\";\n", page_policy(Csp::CHECKER))), "{text}");
        assert!(text.contains("add_header Content-Security-Policy $postwise_csp always;"), "{text}");
        assert!(text.contains("add_header X-Content-Type-Options \"nosniff\" always;"), "{text}");
        assert!(text.contains("error_page 404 /404.html;"), "{text}");
    }
}
