//! Saved web pages (`.html`): a school's policy as its site shows it. `scraper` (an HTML5 parser,
//! html5ever, with a DOM to walk) parses the page; this module finds the page's main content and
//! turns it into lines for the text reader, with what the markup says about each:
//!
//! 1. The content is the page's `<main>` (or `role="main"`), else its longest `<article>`, else
//!    its `<body>`; inside it, navigation, cookie banners, headers, footers, sidebars, forms,
//!    scripts and styles are skipped, by element (`<nav>`, `<footer>`, …) or by the words of
//!    their `id`, `class` and `role` ("cookie", "breadcrumb", "menu", …).
//! 2. Each block (`<p>`, `<div>` with text, `<li>`, a heading, a table row) becomes a line:
//!    headings marked with their level (the first `<h1>` may be the title), bold paragraphs
//!    marked strong, items of nested lists marked with their depth (a flat list's items are
//!    bullets, for the text reader to nest by their wording as it does in text), a table's
//!    rows as tab-separated cells.
//! 3. Pictures are not read, and a table whose cells hold more than one line is flattened:
//!    both are noted for the report.
//!
//! The walk is iterative, so no nesting depth overflows the stack; a page with more tags than a
//! policy's page could have is refused before it is parsed.

use super::txt::{Mark, SourceLine};
use scraper::{ElementRef, Html, Node};
use std::collections::HashSet;

/// The most tags a page may have: a school's policy page has a few thousand.
const TAG_LIMIT: usize = 200_000;

/// The deepest a page may nest its elements: pages nest tens deep. The parser's work grows
/// with the square of the depth, so a page nested tens of thousands deep is refused unparsed.
const DEPTH_LIMIT: usize = 5_000;

/// Elements that need no end tag: they do not nest what follows them.
const NO_END_TAG: [&str; 33] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
    "keygen", "basefont", "frame", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody",
    "tfoot", "colgroup", "html", "head", "body",
];

/// How deep a page nests its elements, as far as its tags tell without parsing it.
fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for tag in text.split('<').skip(1) {
        if let Some(closing) = tag.strip_prefix('/') {
            if closing.starts_with(|c: char| c.is_ascii_alphabetic()) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        let name: String = tag.chars().take_while(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
        let self_closing = tag.split('>').next().is_some_and(|inside| inside.ends_with('/'));
        if name.is_empty() || self_closing || NO_END_TAG.contains(&name.as_str()) {
            continue;
        }
        depth += 1;
        deepest = deepest.max(depth);
    }
    deepest
}

/// What the web-page reader found.
#[derive(Debug, Default)]
pub(crate) struct HtmlDocument {
    /// The main content's lines, for the text reader.
    pub(crate) lines: Vec<SourceLine>,
    /// What was skipped or flattened, for the report.
    pub(crate) notes: Vec<String>,
}

/// Why a page cannot be read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum HtmlProblem {
    /// More tags than a policy's page.
    #[error("it has {0} tags, far more than a policy's page: save the page alone, not the whole site")]
    TooManyTags(usize),
    /// Nested deeper than a page is.
    #[error("it nests its elements {0} deep, where a web page nests tens: it is not a saved page")]
    TooDeep(usize),
}

/// Elements that are never the policy's text.
const SKIPPED: [&str; 16] = [
    "script", "style", "noscript", "template", "svg", "nav", "aside", "form", "button", "select", "iframe", "canvas",
    "object", "dialog", "menu", "head",
];

/// Words in an element's id, class or role that mark the site around the policy.
const CHROME_WORDS: [&str; 22] = [
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "banner",
    "footer",
    "sidebar",
    "skip",
    "share",
    "social-links",
    "search",
    "masthead",
    "topbar",
    "toolbar",
    "popup",
    "modal",
];

/// Block elements: each starts a line of its own.
const BLOCKS: [&str; 24] = [
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "td",
    "th",
    "ul",
    "ol",
    "dl",
    "address",
];

fn is_chrome(element: &scraper::node::Element, inside_main: bool) -> bool {
    let name = element.name();
    if SKIPPED.contains(&name) {
        return true;
    }
    // A page's own header and footer; inside the content they are the article's.
    if !inside_main && (name == "header" || name == "footer") {
        return true;
    }
    let marks = [
        element.id().unwrap_or_default(),
        element.attr("class").unwrap_or_default(),
        element.attr("role").unwrap_or_default(),
    ]
    .join(" ")
    .to_lowercase();
    let role_chrome =
        matches!(element.attr("role"), Some("navigation" | "banner" | "contentinfo" | "search" | "dialog"));
    let hidden = element.attr("hidden").is_some() || element.attr("aria-hidden") == Some("true");
    role_chrome
        || hidden
        || marks
            .split(|c: char| c.is_whitespace() || c == '_')
            .any(|token| CHROME_WORDS.contains(&token) || token.split('-').any(|part| CHROME_WORDS.contains(&part)))
}

/// The page's main content: `<main>` or `role="main"`, else its longest `<article>`, else
/// `<body>`.
fn content_root(page: &Html) -> ElementRef<'_> {
    let elements = || page.root_element().descendent_elements();
    if let Some(main) = elements().find(|e| e.value().name() == "main" || e.value().attr("role") == Some("main")) {
        return main;
    }
    let longest =
        elements().filter(|e| e.value().name() == "article").max_by_key(|e| e.text().map(str::len).sum::<usize>());
    longest.or_else(|| elements().find(|e| e.value().name() == "body")).unwrap_or_else(|| page.root_element())
}

/// A line being gathered from a block's text.
#[derive(Default)]
struct Gathering {
    text: String,
    /// Characters inside `<strong>` or `<b>`, and all characters.
    bold: usize,
    letters: usize,
}

/// What the enclosing block makes of its line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    Paragraph,
    Heading(u8),
    Item { depth: u8, nested_list: bool },
}

/// Reads a page's bytes (UTF-8, or Windows-1252 as older sites save).
pub(crate) fn read(text: &str) -> Result<HtmlDocument, HtmlProblem> {
    let tags = text.matches('<').count();
    if tags > TAG_LIMIT {
        return Err(HtmlProblem::TooManyTags(tags));
    }
    let depth = nesting_depth(text);
    if depth > DEPTH_LIMIT {
        return Err(HtmlProblem::TooDeep(depth));
    }
    let page = Html::parse_document(text);
    let root = content_root(&page);
    let mut reader = Reader::default();
    reader.walk(root);
    let mut notes = Vec::new();
    if root.value().name() == "body" {
        notes.push("the page marks no main content: read its body, without navigation, banners and footers".to_owned());
    } else {
        notes.push(format!("read the page's <{}>, without navigation, banners and footers", root.value().name()));
    }
    if reader.skipped > 0 {
        notes.push(format!(
            "skipped {} part(s) of the page around the policy (menus, cookie notices, footers)",
            reader.skipped
        ));
    }
    if reader.images > 0 {
        notes.push(format!(
            "the page has {} picture(s), which the import does not read: add them by hand if the policy needs them",
            reader.images
        ));
    }
    if reader.flattened > 0 {
        notes.push(format!(
            "{} table cell(s) held several lines or a list: flattened to one line each, check those tables",
            reader.flattened
        ));
    }
    Ok(HtmlDocument { lines: reader.lines, notes })
}

#[derive(Default)]
struct Reader {
    lines: Vec<SourceLine>,
    /// The line being gathered, and the block it belongs to.
    current: Gathering,
    /// Open blocks, innermost last.
    blocks: Vec<BlockKind>,
    /// Open lists: whether each has a list inside it.
    lists: Vec<bool>,
    /// Open bold elements.
    bold: usize,
    /// Whether the first heading (a title) has been read.
    seen_heading: bool,
    skipped: usize,
    images: usize,
    flattened: usize,
    /// The lowest heading level used below the title (2 for `<h2>`), which becomes level 1.
    top_level: u8,
}

impl Reader {
    fn flush(&mut self) {
        let gathered = std::mem::take(&mut self.current);
        let text = gathered.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return;
        }
        let kind = self.blocks.last().copied().unwrap_or(BlockKind::Paragraph);
        let strong = gathered.letters > 0 && gathered.bold * 10 >= gathered.letters * 9;
        let line = match kind {
            BlockKind::Heading(1) if !self.seen_heading => {
                // The page's first <h1>: the policy's title, as the text reader decides.
                self.seen_heading = true;
                SourceLine { text, mark: Mark::Strong }
            }
            BlockKind::Heading(level) => {
                self.seen_heading = true;
                let level = level.saturating_sub(self.top_level.saturating_sub(1)).clamp(1, 3);
                SourceLine { text, mark: Mark::Heading(level) }
            }
            BlockKind::Item { depth, nested_list: true } => SourceLine { text, mark: Mark::Item(depth) },
            BlockKind::Item { .. } => SourceLine::plain(format!("· {text}")),
            BlockKind::Paragraph => SourceLine { text, mark: if strong { Mark::Strong } else { Mark::Plain } },
        };
        if !self.lines.is_empty() && matches!(line.mark, Mark::Plain | Mark::Strong) && !line.text.starts_with("· ") {
            self.lines.push(SourceLine::plain(String::new()));
        }
        self.lines.push(line);
    }

    fn walk(&mut self, root: ElementRef<'_>) {
        self.top_level = root
            .descendent_elements()
            .filter_map(|e| heading_level(e.value().name()))
            .filter(|l| *l > 1)
            .min()
            .unwrap_or(2);
        let nested: HashSet<ego_tree::NodeId> = root
            .descendent_elements()
            .filter(|e| matches!(e.value().name(), "ul" | "ol"))
            .filter(|e| e.descendent_elements().skip(1).any(|d| matches!(d.value().name(), "ul" | "ol")))
            .map(|e| e.id())
            .collect();
        let mut skipping: Option<ego_tree::NodeId> = None;
        // Lists whose outermost list has a list inside it.
        let mut nested_tree: Vec<bool> = Vec::new();
        for edge in root.traverse() {
            match edge {
                ego_tree::iter::Edge::Open(node) => {
                    if skipping.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Text(text) => {
                            let text: &str = text;
                            self.current.letters += text.chars().filter(|c| c.is_alphanumeric()).count();
                            if self.bold > 0 {
                                self.current.bold += text.chars().filter(|c| c.is_alphanumeric()).count();
                            }
                            self.current.text.push_str(text);
                        }
                        Node::Element(element) => {
                            let name = element.name();
                            if node.id() != root.id() && is_chrome(element, true) {
                                skipping = Some(node.id());
                                self.skipped += 1;
                                continue;
                            }
                            match name {
                                "img" | "picture" => self.images += 1,
                                "br" => self.current.text.push('\n'),
                                "strong" | "b" => self.bold += 1,
                                "table" => {
                                    self.flush();
                                    self.table(node);
                                    skipping = Some(node.id());
                                }
                                "ul" | "ol" => {
                                    self.flush();
                                    let outer_nested =
                                        nested_tree.first().copied().unwrap_or(nested.contains(&node.id()));
                                    nested_tree.push(outer_nested);
                                    self.lists.push(false);
                                }
                                _ if BLOCKS.contains(&name) => {
                                    self.flush();
                                    let kind = match (heading_level(name), name) {
                                        (Some(level), _) => BlockKind::Heading(level),
                                        (None, "li") => BlockKind::Item {
                                            depth: u8::try_from(self.lists.len().saturating_sub(1)).unwrap_or(u8::MAX),
                                            nested_list: nested_tree.first().copied().unwrap_or(false),
                                        },
                                        _ => self
                                            .blocks
                                            .last()
                                            .copied()
                                            .filter(|k| matches!(k, BlockKind::Item { .. }))
                                            .unwrap_or(BlockKind::Paragraph),
                                    };
                                    self.blocks.push(kind);
                                }
                                _ => {}
                            }
                        }
                        _ => {}
                    }
                }
                ego_tree::iter::Edge::Close(node) => {
                    if let Some(skipped) = skipping {
                        if skipped == node.id() {
                            skipping = None;
                        }
                        continue;
                    }
                    let Node::Element(element) = node.value() else { continue };
                    let name = element.name();
                    match name {
                        "strong" | "b" => self.bold = self.bold.saturating_sub(1),
                        "ul" | "ol" => {
                            self.flush();
                            self.lists.pop();
                            nested_tree.pop();
                        }
                        _ if BLOCKS.contains(&name) => {
                            self.flush();
                            self.blocks.pop();
                        }
                        _ => {}
                    }
                }
            }
        }
        self.flush();
    }

    /// A table's rows as tab-separated lines; a layout table (cells holding paragraphs or
    /// lists) as its cells' lines.
    fn table(&mut self, table: ego_tree::NodeRef<'_, Node>) {
        let Some(table) = ElementRef::wrap(table) else { return };
        let rows: Vec<ElementRef<'_>> = table.descendent_elements().filter(|e| e.value().name() == "tr").collect();
        for row in rows {
            let cells: Vec<String> = row
                .child_elements()
                .filter(|c| matches!(c.value().name(), "td" | "th"))
                .map(|cell| {
                    let lines: Vec<String> = cell
                        .text()
                        .collect::<String>()
                        .lines()
                        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                        .filter(|l| !l.is_empty())
                        .collect();
                    if lines.len() > 1 {
                        self.flattened += 1;
                    }
                    lines.join(" ")
                })
                .collect();
            if cells.iter().any(|c| !c.is_empty()) {
                // A row of one cell is a line of text; more are a table's row.
                let line = if cells.len() == 1 { cells.concat() } else { cells.join("\t") };
                self.lines.push(SourceLine::plain(line));
            }
        }
        self.lines.push(SourceLine::plain(String::new()));
    }
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}
