//! PDFs as schools publish them: exported from Word or printed from a web page, text-based.
//! `lopdf` parses the file, with every stream's decompressed size bounded; this module runs
//! each page's content stream far enough to know where each piece of text is drawn, in which
//! font and size, and puts the pieces back into lines and the lines into paragraphs:
//!
//! 1. A piece of text starts a new line when it is drawn lower than the last (or back at the
//!    left); pieces on one line are joined with a space where there is a gap between them.
//! 2. Page furniture goes: a line in the top or bottom band of the page that is a page number,
//!    or that comes back on most pages (a running header or footer).
//! 3. A line goes on the paragraph above it when it follows at the body's line spacing, in the
//!    same type, the line above reaching the right margin; a hyphen that broke a word at the end
//!    of a line goes when the word is whole without it. Lines in bold or larger type are marked
//!    [`Mark::Strong`] for the text reader, which decides what they are.
//!
//! A PDF whose pages hold pictures but (almost) no text is a scan: it is refused, as the import
//! reads text and does no character recognition.

use super::txt::{Mark, SourceLine, broken_word, document_words, is_page_number, join_broken_word};
use lopdf::{Document, Encoding, LoadOptions, Object, content::Content};
use std::collections::{BTreeMap, HashMap};

/// The most any one stream may decompress to as the file loads (object streams, which hold
/// many small objects).
const STREAM_LIMIT: usize = 8 * 1024 * 1024;

/// The most a page's content may decompress to: a page of text draws a few tens of kilobytes,
/// and each operation read from it is held in memory for the page.
const PAGE_CONTENT_LIMIT: usize = 2 * 1024 * 1024;

/// The most all pages' content may decompress to together.
const CONTENT_LIMIT: usize = 32 * 1024 * 1024;

/// The most a font's map to Unicode may decompress to: they are kilobytes.
const CMAP_LIMIT: usize = 1024 * 1024;

/// The most fonts read, and object streams a file may have (each is decompressed as the file
/// loads): a policy has tens of each.
const FONT_LIMIT: usize = 500;
const OBJECT_STREAM_LIMIT: usize = 256;

/// The most pages read: a policy has tens.
const PAGE_LIMIT: usize = 500;

/// The most operations of all pages' content streams run: a page of text has a few thousand.
const OPERATION_LIMIT: usize = 400_000;

/// The most text kept: as much as the import accepts from any file.
const TEXT_LIMIT: usize = super::TEXT_LIMIT;

/// What the PDF reader found.
#[derive(Debug, Default)]
pub(crate) struct PdfDocument {
    /// The text's lines, for the text reader.
    pub(crate) lines: Vec<SourceLine>,
    /// What was dropped, for the report.
    pub(crate) notes: Vec<String>,
}

/// Why a PDF cannot be read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PdfProblem {
    /// Not a PDF, or a damaged one.
    #[error("it cannot be read as a PDF: {0}")]
    Damaged(String),
    /// A password is needed to open it.
    #[error("it is password-protected")]
    Encrypted,
    /// Pages of pictures: a scan.
    #[error("its {pages} page(s) are pictures with no text (a scanned document)")]
    Scanned {
        /// How many pages it has.
        pages: usize,
    },
    /// No text and no pictures.
    #[error("it has no text")]
    NoText,
    /// More pages or content than a policy has.
    #[error("{0}")]
    TooLarge(String),
}

/// A piece of text as drawn: where, how large, whether bold.
#[derive(Clone, Debug)]
struct Piece {
    text: String,
    x: f32,
    y: f32,
    /// Where the piece ends on the line, as far as the font's widths tell.
    end: f32,
    size: f32,
    bold: bool,
}

/// A line of a page.
#[derive(Clone, Debug)]
struct PageLine {
    text: String,
    x: f32,
    y: f32,
    end: f32,
    size: f32,
    bold: bool,
}

/// A font of a page: how its bytes become text, how wide its characters are, whether bold.
struct Font<'a> {
    encoding: Option<Encoding<'a>>,
    /// Widths in thousandths of the size, by character code from `first`.
    widths: Vec<f32>,
    first: u32,
    /// Two bytes a character (a composite font).
    two_bytes: bool,
    bold: bool,
}

impl Font<'_> {
    fn width(&self, bytes: &[u8]) -> f32 {
        let codes: Vec<u32> = if self.two_bytes {
            bytes.chunks(2).map(|c| c.iter().fold(0, |acc, b| (acc << 8) | u32::from(*b))).collect()
        } else {
            bytes.iter().map(|b| u32::from(*b)).collect()
        };
        codes
            .iter()
            .map(|code| {
                code.checked_sub(self.first)
                    .and_then(|i| self.widths.get(i as usize))
                    .copied()
                    .filter(|w| *w > 0.0)
                    .unwrap_or(500.0)
            })
            .sum::<f32>()
            / 1000.0
    }

    fn decode(&self, bytes: &[u8]) -> String {
        match &self.encoding {
            Some(encoding) => Document::decode_text(encoding, bytes).unwrap_or_default(),
            None => bytes.iter().filter(|b| b.is_ascii_graphic() || **b == b' ').map(|b| char::from(*b)).collect(),
        }
    }
}

/// Whether a font's name or descriptor says it is bold.
fn is_bold(doc: &Document, font: &lopdf::Dictionary) -> bool {
    let name = font.get(b"BaseFont").and_then(Object::as_name).map(|n| String::from_utf8_lossy(n).to_lowercase());
    let by_name = name.is_ok_and(|n| ["bold", "black", "heavy", "semibold", "demi"].iter().any(|w| n.contains(w)));
    let descriptor = font.get_deref(b"FontDescriptor", doc).and_then(Object::as_dict);
    let by_weight = descriptor
        .as_ref()
        .ok()
        .and_then(|d| d.get(b"FontWeight").and_then(Object::as_float).ok())
        .is_some_and(|w| w >= 600.0);
    // Flag 19: ForceBold.
    let by_flag =
        descriptor.ok().and_then(|d| d.get(b"Flags").and_then(Object::as_i64).ok()).is_some_and(|f| f & (1 << 18) != 0);
    by_name || by_weight || by_flag
}

fn font<'a>(doc: &'a Document, dict: &'a lopdf::Dictionary) -> Font<'a> {
    let two_bytes = dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|s| s == b"Type0");
    let widths = dict
        .get_deref(b"Widths", doc)
        .and_then(Object::as_array)
        .map(|a| a.iter().take(65_536).map(|w| w.as_float().unwrap_or(0.0)).collect())
        .unwrap_or_default();
    let first = dict.get(b"FirstChar").and_then(Object::as_i64).ok().and_then(|f| u32::try_from(f).ok()).unwrap_or(0);
    Font {
        encoding: dict.get_font_encoding_with_limit(doc, CMAP_LIMIT).ok(),
        widths,
        first,
        two_bytes,
        bold: is_bold(doc, dict),
    }
}

/// A 2-D affine matrix `[a b c d e f]`, as PDF writes them.
type Matrix = [f32; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn multiply(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn numbers(operands: &[Object]) -> Vec<f32> {
    operands.iter().map(|o| o.as_float().unwrap_or(0.0)).collect()
}

/// The text state of a page as its content stream runs.
struct TextState<'a, 'f> {
    /// The page's fonts by name, as indices into `all_fonts`.
    fonts: &'f HashMap<Vec<u8>, usize>,
    all_fonts: &'f [Font<'a>],
    ctm: Matrix,
    saved: Vec<Matrix>,
    tm: Matrix,
    line: Matrix,
    leading: f32,
    size: f32,
    font: Option<&'f Font<'a>>,
    char_spacing: f32,
    word_spacing: f32,
    pieces: Vec<Piece>,
    text_bytes: usize,
}

impl<'a, 'f> TextState<'a, 'f> {
    fn new(fonts: &'f HashMap<Vec<u8>, usize>, all_fonts: &'f [Font<'a>]) -> Self {
        TextState {
            fonts,
            all_fonts,
            ctm: IDENTITY,
            saved: Vec::new(),
            tm: IDENTITY,
            line: IDENTITY,
            leading: 0.0,
            size: 0.0,
            font: None,
            char_spacing: 0.0,
            word_spacing: 0.0,
            pieces: Vec::new(),
            text_bytes: 0,
        }
    }

    fn move_line(&mut self, tx: f32, ty: f32) {
        self.line = multiply(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.line);
        self.tm = self.line;
    }

    fn show(&mut self, bytes: &[u8]) {
        let Some(font) = self.font else { return };
        let text = font.decode(bytes);
        let spaces = text.matches(' ').count() as f32;
        let advance = font.width(bytes) * self.size
            + self.char_spacing * bytes.len() as f32 / if font.two_bytes { 2.0 } else { 1.0 }
            + self.word_spacing * spaces;
        let trm = multiply(&self.tm, &self.ctm);
        let scale = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
        let (x, y) = (trm[4], trm[5]);
        let end = multiply(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], &trm)[4];
        self.tm = multiply(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], &self.tm);
        if self.text_bytes > TEXT_LIMIT || text.is_empty() {
            return;
        }
        self.text_bytes += text.len();
        self.pieces.push(Piece { text, x, y, end, size: (self.size * scale).abs(), bold: font.bold });
    }

    fn run(&mut self, operator: &str, operands: &[Object]) {
        let n = numbers(operands);
        let at = |i: usize| n.get(i).copied().unwrap_or(0.0);
        match operator {
            "q" if self.saved.len() < 64 => self.saved.push(self.ctm),
            "Q" => self.ctm = self.saved.pop().unwrap_or(IDENTITY),
            "cm" if n.len() == 6 => self.ctm = multiply(&[at(0), at(1), at(2), at(3), at(4), at(5)], &self.ctm),
            "BT" => {
                self.tm = IDENTITY;
                self.line = IDENTITY;
            }
            "Tf" => {
                self.font = operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .and_then(|name| self.fonts.get(name))
                    .and_then(|at| self.all_fonts.get(*at));
                self.size = at(1);
            }
            "TL" => self.leading = at(0),
            "Tc" => self.char_spacing = at(0),
            "Tw" => self.word_spacing = at(0),
            "Td" => self.move_line(at(0), at(1)),
            "TD" => {
                self.leading = -at(1);
                self.move_line(at(0), at(1));
            }
            "Tm" if n.len() == 6 => {
                self.line = [at(0), at(1), at(2), at(3), at(4), at(5)];
                self.tm = self.line;
            }
            "T*" => self.move_line(0.0, -self.leading),
            "Tj" => {
                if let Some(bytes) = operands.first().and_then(|o| o.as_str().ok()) {
                    self.show(bytes);
                }
            }
            "'" => {
                self.move_line(0.0, -self.leading);
                if let Some(bytes) = operands.first().and_then(|o| o.as_str().ok()) {
                    self.show(bytes);
                }
            }
            "\"" => {
                self.word_spacing = at(0);
                self.char_spacing = at(1);
                self.move_line(0.0, -self.leading);
                if let Some(bytes) = operands.get(2).and_then(|o| o.as_str().ok()) {
                    self.show(bytes);
                }
            }
            "TJ" => {
                let Some(parts) = operands.first().and_then(|o| o.as_array().ok()) else { return };
                for part in parts {
                    match part {
                        Object::String(bytes, _) => self.show(bytes),
                        other => {
                            let shift = -other.as_float().unwrap_or(0.0) / 1000.0 * self.size;
                            self.tm = multiply(&[1.0, 0.0, 0.0, 1.0, shift, 0.0], &self.tm);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// Puts a page's pieces into lines, in the order they were drawn.
fn lines_of(pieces: Vec<Piece>) -> Vec<PageLine> {
    let mut lines: Vec<PageLine> = Vec::new();
    for piece in pieces {
        let size = piece.size.max(1.0);
        match lines.last_mut() {
            Some(line) if (piece.y - line.y).abs() < size * 0.4 && piece.x >= line.x - size * 0.5 => {
                let gap = piece.x - line.end;
                let spaced = line.text.ends_with(' ') || piece.text.starts_with(' ');
                if gap > size * 0.15 && !spaced {
                    line.text.push(' ');
                }
                line.text.push_str(&piece.text);
                line.end = line.end.max(piece.end);
                line.size = line.size.max(piece.size);
                line.bold &= piece.bold || piece.text.trim().is_empty();
            }
            _ => lines.push(PageLine {
                text: piece.text,
                x: piece.x,
                y: piece.y,
                end: piece.end,
                size: piece.size,
                bold: piece.bold,
            }),
        }
    }
    for line in &mut lines {
        line.text = line.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    lines.retain(|l| !l.text.is_empty());
    lines
}

/// The bottom and top of a page, from its media box.
fn page_box(doc: &Document, page: lopdf::ObjectId) -> (f32, f32) {
    let mut node = doc.get_dictionary(page).ok();
    for _ in 0..32 {
        let Some(dict) = node else { break };
        if let Ok(values) = dict.get(b"MediaBox").and_then(Object::as_array) {
            let n: Vec<f32> = values.iter().map(|v| v.as_float().unwrap_or(0.0)).collect();
            if n.len() == 4 {
                return (n[1].min(n[3]), n[1].max(n[3]));
            }
        }
        node = dict.get(b"Parent").and_then(Object::as_reference).ok().and_then(|id| doc.get_dictionary(id).ok());
    }
    (0.0, 842.0)
}

/// Whether a page draws a picture (an image XObject or an inline image).
fn has_picture(doc: &Document, page: lopdf::ObjectId, content: &Content) -> bool {
    let inline = content.operations.iter().any(|o| o.operator == "BI" || o.operator == "INLINE IMAGE");
    inline || doc.get_page_images(page).is_ok_and(|images| !images.is_empty())
}

/// Reads a PDF's bytes into lines.
pub(crate) fn read(bytes: &[u8]) -> Result<PdfDocument, PdfProblem> {
    let object_streams = bytes.windows(7).filter(|w| w == b"/ObjStm").count();
    if object_streams > OBJECT_STREAM_LIMIT {
        return Err(PdfProblem::TooLarge(format!(
            "it has {object_streams} object streams, over the {OBJECT_STREAM_LIMIT} a policy's PDF could have"
        )));
    }
    let options = LoadOptions { max_decompressed_size: Some(STREAM_LIMIT), ..LoadOptions::default() };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => PdfProblem::Encrypted,
        e => PdfProblem::Damaged(e.to_string()),
    })?;
    if doc.is_encrypted() {
        return Err(PdfProblem::Encrypted);
    }
    let pages = doc.get_pages();
    if pages.len() > PAGE_LIMIT {
        return Err(PdfProblem::TooLarge(format!(
            "it has {} pages, over the {PAGE_LIMIT} a policy could have",
            pages.len()
        )));
    }
    let mut operations = 0;
    let mut content_bytes = 0;
    // Fonts are shared by pages: each is read once, by where its dictionary is.
    let mut all_fonts: Vec<Font<'_>> = Vec::new();
    let mut font_at: HashMap<usize, usize> = HashMap::new();
    let mut all: Vec<(Vec<PageLine>, (f32, f32))> = Vec::new();
    let mut pictures = 0;
    let mut text_bytes = 0;
    for &page in pages.values() {
        let content = doc
            .get_page_content_with_limit(page, PAGE_CONTENT_LIMIT)
            .map_err(|e| PdfProblem::Damaged(format!("a page's content cannot be read: {e}")))?;
        content_bytes += content.len();
        if content_bytes > CONTENT_LIMIT {
            return Err(PdfProblem::TooLarge(format!(
                "its pages' content unpacks to more than {} MB, far more than a policy's text",
                CONTENT_LIMIT / 1024 / 1024
            )));
        }
        let content = Content::decode(&content).unwrap_or(Content { operations: Vec::new() });
        operations += content.operations.len();
        if operations > OPERATION_LIMIT {
            return Err(PdfProblem::TooLarge(format!(
                "its pages draw more than {OPERATION_LIMIT} things, far more than a policy's text"
            )));
        }
        pictures += usize::from(has_picture(&doc, page, &content));
        let page_fonts: BTreeMap<Vec<u8>, &lopdf::Dictionary> = doc.get_page_fonts(page).unwrap_or_default();
        let mut fonts: HashMap<Vec<u8>, usize> = HashMap::new();
        for (name, dict) in page_fonts {
            let key = std::ptr::from_ref(dict) as usize;
            let at = match font_at.get(&key) {
                Some(at) => *at,
                None if all_fonts.len() < FONT_LIMIT => {
                    all_fonts.push(font(&doc, dict));
                    font_at.insert(key, all_fonts.len() - 1);
                    all_fonts.len() - 1
                }
                None => continue,
            };
            fonts.insert(name, at);
        }
        let mut state = TextState::new(&fonts, &all_fonts);
        state.text_bytes = text_bytes;
        for operation in &content.operations {
            state.run(&operation.operator, &operation.operands);
        }
        text_bytes = state.text_bytes;
        all.push((lines_of(state.pieces), page_box(&doc, page)));
    }
    let characters: usize = all.iter().flat_map(|(lines, _)| lines).map(|l| l.text.chars().count()).sum();
    if characters < 20 * pages.len().max(1) {
        return Err(if pictures > 0 { PdfProblem::Scanned { pages: pages.len() } } else { PdfProblem::NoText });
    }
    let mut notes = Vec::new();
    let removed = drop_furniture(&mut all);
    if removed > 0 {
        notes.push(format!("removed {removed} line(s) of page headers, footers and page numbers"));
    }
    if pictures > 0 {
        notes.push(format!(
            "{pictures} page(s) have pictures, which the import does not read: add them by hand if the policy needs them"
        ));
    }
    Ok(PdfDocument { lines: paragraphs(&all), notes })
}

/// A line reduced to what stays the same from page to page: digits as `#`.
fn furniture_key(text: &str) -> String {
    text.to_lowercase().chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
}

/// Removes page numbers and running headers and footers: lines in the top or bottom tenth of a
/// page that are page numbers, or that come back on at least half the pages (two at least).
fn drop_furniture(pages: &mut [(Vec<PageLine>, (f32, f32))]) -> usize {
    let in_band = |line: &PageLine, (bottom, top): (f32, f32)| {
        let band = (top - bottom) * 0.1;
        line.y > top - band || line.y < bottom + band
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (lines, page) in pages.iter() {
        let mut keys: Vec<String> =
            lines.iter().filter(|l| in_band(l, *page)).map(|l| furniture_key(&l.text)).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            *seen.entry(key).or_insert(0) += 1;
        }
    }
    let repeated_on = (pages.len() / 2).max(2);
    let mut removed = 0;
    for (lines, page) in pages.iter_mut() {
        let before = lines.len();
        let page = *page;
        lines.retain(|l| {
            let number = l.text.bytes().all(|b| b.is_ascii_digit()) || is_page_number(&l.text);
            let repeated = seen.get(&furniture_key(&l.text)).is_some_and(|n| *n >= repeated_on);
            !(in_band(l, page) && (number || repeated))
        });
        removed += before - lines.len();
    }
    removed
}

/// The size most of the text is set in.
fn body_size(pages: &[(Vec<PageLine>, (f32, f32))]) -> f32 {
    let mut by_size: HashMap<i32, usize> = HashMap::new();
    for line in pages.iter().flat_map(|(lines, _)| lines) {
        *by_size.entry((line.size * 2.0).round() as i32).or_insert(0) += line.text.len();
    }
    by_size.into_iter().max_by_key(|(_, n)| *n).map_or(10.0, |(size, _)| size as f32 / 2.0)
}

/// Whether a line starts a block of its own: a bullet or a clause number.
fn starts_block(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or_default();
    let bullet = first.chars().count() == 1 && !first.chars().all(char::is_alphanumeric);
    bullet || super::blocks::split_label(text).0.is_some()
}

/// Joins lines into paragraphs: a line goes on the paragraph above when it follows at the
/// body's spacing, in the same type, and the line above is full (reaches the right margin);
/// a paragraph may go on over a page break.
fn paragraphs(pages: &[(Vec<PageLine>, (f32, f32))]) -> Vec<SourceLine> {
    let body = body_size(pages);
    let words = document_words(pages.iter().flat_map(|(lines, _)| lines).map(|l| l.text.as_str()));
    let mut out: Vec<SourceLine> = Vec::new();
    let mut previous: Option<(PageLine, f32, f32)> = None;
    for (lines, _) in pages {
        let right = lines.iter().map(|l| l.end).fold(f32::MIN, f32::max);
        let left = lines.iter().map(|l| l.x).fold(f32::MAX, f32::min);
        let mut spacings: Vec<f32> =
            lines.windows(2).map(|w| w[0].y - w[1].y).filter(|d| *d > 0.0 && *d < body * 2.5).collect();
        spacings.sort_by(f32::total_cmp);
        let spacing = spacings.get(spacings.len() / 2).copied().unwrap_or(body * 1.2);
        for (index, line) in lines.iter().enumerate() {
            let strong = line.bold || line.size > body * 1.15;
            let continues = previous.as_ref().is_some_and(|(above, above_left, above_right)| {
                let same_page = index > 0;
                let close = !same_page || (above.y - line.y) <= spacing * 1.3;
                let full = above.end >= above_left + (above_right - above_left) * 0.85;
                let same_type = (above.bold || above.size > body * 1.15) == strong;
                close && full && same_type && !starts_block(&line.text) && !out.is_empty()
            });
            let text = line.text.clone();
            match out.last_mut() {
                Some(last) if continues => {
                    if broken_word(&last.text, &text) {
                        last.text = join_broken_word(&last.text, &text, &words);
                    } else {
                        last.text.push(' ');
                        last.text.push_str(&text);
                    }
                }
                _ => {
                    if !out.is_empty() {
                        out.push(SourceLine::plain(String::new()));
                    }
                    out.push(SourceLine { text, mark: if strong { Mark::Strong } else { Mark::Plain } });
                }
            }
            previous = Some((line.clone(), left, right));
        }
    }
    out
}
