//! Each page's Content-Security-Policy, written into a `<meta http-equiv>` so it holds on any
//! static host. Everything starts from `default-src 'none'`; a page is granted only what it
//! uses. Nothing is ever `unsafe-inline`: pages have no inline scripts or styles.

use serde::Serialize;

/// What a page may load besides its own stylesheets and images.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Csp {
    /// Scripts from the site itself (`script-src 'self'`).
    pub scripts: bool,
    /// Compiling WebAssembly (`'wasm-unsafe-eval'`, which allows no JavaScript `eval`).
    pub wasm: bool,
    /// `fetch` from the site itself (`connect-src 'self'`): `rules.json`, the `.wasm` file.
    pub fetch: bool,
    /// Forms that submit to the site itself (`form-action 'self'`).
    pub forms: bool,
    /// A school's page that works offline: it runs the site's scripts, registers the school's
    /// service worker (`worker-src 'self'`) and names its web app manifest (`manifest-src
    /// 'self'`), see `site::offline`.
    pub offline: bool,
}

impl Csp {
    /// A page of text: styles and images from the site, nothing else.
    pub const STATIC: Csp = Csp { scripts: false, wasm: false, fetch: false, forms: false, offline: false };
    /// A page with the site's own scripts.
    pub const SCRIPTS: Csp = Csp { scripts: true, ..Csp::STATIC };
    /// The post checker: the site's scripts, its WebAssembly module and `rules.json`.
    pub const CHECKER: Csp = Csp { scripts: true, wasm: true, fetch: true, forms: false, offline: false };

    /// This policy on a school's page, which works offline: the site's own scripts, the
    /// school's service worker and its manifest, besides what the page itself uses.
    pub const fn with_offline(self) -> Csp {
        Csp { scripts: true, offline: true, ..self }
    }

    /// The policy as the `content` of `<meta http-equiv="Content-Security-Policy">`.
    pub fn policy(self) -> String {
        let mut directives = vec![
            "default-src 'none'".to_owned(),
            "base-uri 'none'".to_owned(),
            format!("form-action {}", if self.forms { "'self'" } else { "'none'" }),
            "img-src 'self' data:".to_owned(),
            "style-src 'self'".to_owned(),
        ];
        if self.scripts || self.wasm {
            let wasm = if self.wasm { " 'wasm-unsafe-eval'" } else { "" };
            directives.push(format!("script-src 'self'{wasm}"));
        }
        if self.fetch {
            directives.push("connect-src 'self'".to_owned());
        }
        if self.offline {
            directives.push("worker-src 'self'".to_owned());
            directives.push("manifest-src 'self'".to_owned());
        }
        directives.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_static_page_may_run_nothing() {
        let policy = Csp::STATIC.policy();
        assert!(policy.starts_with("default-src 'none'"), "{policy}");
        assert!(!policy.contains("script-src"), "{policy}");
        assert!(!policy.contains("connect-src"), "{policy}");
        assert!(policy.contains("form-action 'none'"), "{policy}");
    }

    #[test]
    fn a_school_page_may_run_the_sites_scripts_register_its_worker_and_name_its_manifest() {
        let policy = Csp::STATIC.with_offline().policy();
        assert!(policy.contains("script-src 'self'"), "{policy}");
        assert!(policy.contains("worker-src 'self'") && policy.contains("manifest-src 'self'"), "{policy}");
        assert!(!policy.contains("connect-src") && !policy.contains("wasm"), "{policy}");
        let checker = Csp::CHECKER.with_offline().policy();
        assert!(checker.contains("script-src 'self' 'wasm-unsafe-eval'") && checker.contains("worker-src 'self'"));
        assert!(!Csp::CHECKER.policy().contains("worker-src"), "only a school's pages");
    }

    #[test]
    fn the_checker_may_compile_wasm_and_fetch_from_its_own_origin() {
        let policy = Csp::CHECKER.policy();
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval'"), "{policy}");
        assert!(policy.contains("connect-src 'self'"), "{policy}");
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        assert!(!policy.contains("'unsafe-eval'"), "{policy}");
    }
}
