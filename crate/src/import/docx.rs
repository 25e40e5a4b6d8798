//! Word documents (`.docx`): a zip of WordprocessingML parts. This reads `word/document.xml`
//! for paragraphs and tables, `word/styles.xml` for which styles are headings (`Heading1`–`3`,
//! `Title`, or any style with an outline level), `word/numbering.xml` to tell bullets from
//! numbers and to show numbers as Word does, and `word/_rels/document.xml.rels` for links.
//! Bold runs become `**bold**`; the table of contents (its `TOC` styles or content control) is
//! dropped.

use super::TEXT_LIMIT;
use super::blocks::{Block, escape_markdown, number_parts, split_label, word_count};
use super::numbering::{Marker, Numbering, attribute};
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use std::collections::HashMap;
use std::io::Read;

/// The most any one part may unpack to: a 20 MB file that unpacks to more is a zip bomb, not a
/// policy.
const PART_LIMIT: u64 = 200 * 1024 * 1024;

/// What the Word reader found.
#[derive(Debug, Default)]
pub(crate) struct DocxDocument {
    /// The blocks in reading order.
    pub(crate) blocks: Vec<Block>,
    /// What was dropped, for the report.
    pub(crate) notes: Vec<String>,
    /// What was guessed, for the report.
    pub(crate) guesses: Vec<String>,
    /// Text replaced or dropped on the way, which a person must put right.
    pub(crate) lost: Vec<String>,
}

/// Why a file is not a readable Word document.
#[derive(Debug, thiserror::Error)]
pub(crate) enum DocxProblem {
    /// Not a zip, or a damaged one.
    #[error("it is not a valid .docx (zip) file: {0}")]
    Zip(String),
    /// A zip without the document part.
    #[error("it has no word/document.xml, so it is not a Word document")]
    NoDocument,
    /// A part that is not well-formed XML.
    #[error("{part} is not well-formed XML: {message}")]
    Xml {
        /// The part's name in the zip.
        part: &'static str,
        /// The parser's message.
        message: String,
    },
    /// A part that unpacks to more than [`PART_LIMIT`].
    #[error("{0} unpacks to more than 200 MB")]
    TooLarge(&'static str),
    /// More text than [`TEXT_LIMIT`]: reading stops there.
    #[error("it has more than {TEXT_LIMIT} bytes of text")]
    TooMuchText,
}

/// A part's text; bytes that are not UTF-8 become U+FFFD, with a note saying where.
fn read_part(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &'static str,
    notes: &mut Vec<String>,
) -> Result<Option<String>, DocxProblem> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(error) => return Err(DocxProblem::Zip(error.to_string())),
    };
    let mut bytes = Vec::new();
    file.take(PART_LIMIT + 1).read_to_end(&mut bytes).map_err(|e| DocxProblem::Zip(e.to_string()))?;
    if bytes.len() as u64 > PART_LIMIT {
        return Err(DocxProblem::TooLarge(name));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some(text)),
        Err(error) => {
            let bytes = error.into_bytes();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            notes.push(replaced_bytes_note(name, &text));
            Ok(Some(text))
        }
    }
}

/// Says how many characters of `part` were replaced by U+FFFD and shows the first in context.
fn replaced_bytes_note(part: &str, text: &str) -> String {
    let count = text.matches('\u{FFFD}').count();
    let first = text.find('\u{FFFD}').unwrap_or(0);
    let context: String = text[..first]
        .chars()
        .rev()
        .take_while(|c| *c != '>')
        .take(20)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .chain(text[first..].chars().take_while(|c| *c != '<').take(20))
        .collect();
    format!(
        "{part} has {count} byte sequence(s) that are not UTF-8, shown as \u{FFFD}: first in \"{context}\"; \
         correct the text in policy.md against the original"
    )
}

/// Reads a `.docx` file's bytes.
pub(crate) fn read(bytes: &[u8]) -> Result<DocxDocument, DocxProblem> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| DocxProblem::Zip(e.to_string()))?;
    let mut lost = Vec::new();
    let document = read_part(&mut archive, "word/document.xml", &mut lost)?.ok_or(DocxProblem::NoDocument)?;
    let styles =
        read_part(&mut archive, "word/styles.xml", &mut lost)?.map(|xml| Styles::parse(&xml)).unwrap_or_default();
    let numbering =
        read_part(&mut archive, "word/numbering.xml", &mut lost)?.map(|xml| Numbering::parse(&xml)).unwrap_or_default();
    let links = read_part(&mut archive, "word/_rels/document.xml.rels", &mut lost)?
        .map(|xml| parse_links(&xml))
        .unwrap_or_default();
    let mut body = Body { styles, numbering, links, ..Body::default() };
    body.parse(&document)?;
    let mut notes = body.numbering.notes();
    if !body.unknown_entities.is_empty() {
        lost.push(format!(
            "dropped {} reference(s) to entities that Word never writes ({}): the text they stood for is not in \
             policy.md",
            body.unknown_entities.values().sum::<usize>(),
            body.unknown_entities.keys().map(|name| format!("&{name};")).collect::<Vec<_>>().join(", ")
        ));
    }
    if body.contents_dropped > 0 {
        notes
            .push(format!("dropped the table of contents ({} entries): the site makes its own", body.contents_dropped));
    }
    let mut blocks = body.blocks;
    let mut guesses = Vec::new();
    if let Some(title) = title_without_style(&mut blocks) {
        guesses.push(format!("the title \"{title}\" is not in Word's Title style: read from the opening lines"));
    }
    if !blocks.iter().any(|b| matches!(b, Block::Heading { .. })) {
        let promoted = promote_bold_headings(&mut blocks);
        if promoted > 0 {
            guesses.push(format!(
                "the document uses no heading styles: read {promoted} short bold paragraph(s) as headings"
            ));
        }
    }
    Ok(DocxDocument { blocks, notes, guesses, lost })
}

/// What a paragraph style means here.
#[derive(Clone, Debug, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline_level: Option<u8>,
    list: Option<(String, usize)>,
}

/// The document's paragraph styles by id.
#[derive(Clone, Debug, Default)]
struct Styles(HashMap<String, Style>);

/// What a paragraph's style makes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StyleRole {
    Title,
    Heading(u8),
    Contents,
    Body,
}

impl Styles {
    fn parse(xml: &str) -> Styles {
        let mut styles = HashMap::new();
        let mut reader = Reader::from_str(xml);
        let mut current: Option<(String, Style)> = None;
        let mut list_id: Option<String> = None;
        loop {
            let event = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(event) => event,
            };
            match event {
                Event::Start(e) | Event::Empty(e) => {
                    let local = e.local_name();
                    match local.as_ref() {
                        b"style" => current = attribute(&e, b"styleId").map(|id| (id, Style::default())),
                        b"name" => {
                            if let Some((_, style)) = &mut current {
                                style.name = attribute(&e, b"val").unwrap_or_default().to_lowercase();
                            }
                        }
                        b"basedOn" => {
                            if let Some((_, style)) = &mut current {
                                style.based_on = attribute(&e, b"val");
                            }
                        }
                        b"outlineLvl" => {
                            if let Some((_, style)) = &mut current {
                                style.outline_level = attribute(&e, b"val").and_then(|v| v.parse().ok());
                            }
                        }
                        b"numId" => list_id = attribute(&e, b"val"),
                        b"ilvl" => {
                            if let (Some((_, style)), Some(list)) = (&mut current, &list_id) {
                                let ilvl = attribute(&e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0);
                                style.list = Some((list.clone(), ilvl));
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) if e.local_name().as_ref() == b"numPr" => {
                    if let (Some((_, style)), Some(list)) = (&mut current, list_id.take())
                        && style.list.is_none()
                    {
                        style.list = Some((list, 0));
                    }
                }
                Event::End(e) if e.local_name().as_ref() == b"style" => {
                    if let Some((id, style)) = current.take() {
                        styles.insert(id, style);
                    }
                }
                _ => {}
            }
        }
        Styles(styles)
    }

    /// The style and the styles it is based on, nearest first (at most ten: a loop is a
    /// broken file, not a reason to hang).
    fn chain<'a>(&'a self, id: &'a str) -> impl Iterator<Item = (&'a str, Option<&'a Style>)> + 'a {
        let mut next = Some(id);
        std::iter::from_fn(move || {
            let id = next?;
            let style = self.0.get(id);
            next = style.and_then(|s| s.based_on.as_deref());
            Some((id, style))
        })
        .take(10)
    }

    fn role(&self, id: &str) -> StyleRole {
        for (id, style) in self.chain(id) {
            let lower_id = id.to_lowercase();
            let name = style.map_or(lower_id.as_str(), |s| s.name.as_str());
            if lower_id.starts_with("toc") || name.starts_with("toc") {
                return StyleRole::Contents;
            }
            if lower_id == "title" || name == "title" {
                return StyleRole::Title;
            }
            let heading = name
                .strip_prefix("heading ")
                .or_else(|| lower_id.strip_prefix("heading"))
                .and_then(|n| n.trim().parse::<u8>().ok());
            if let Some(level) = heading {
                return StyleRole::Heading(level.clamp(1, 9));
            }
            if let Some(level) = style.and_then(|s| s.outline_level).filter(|l| *l < 9) {
                return StyleRole::Heading(level + 1);
            }
        }
        StyleRole::Body
    }

    fn list(&self, id: &str) -> Option<(String, usize)> {
        self.chain(id).find_map(|(_, style)| style.and_then(|s| s.list.clone()))
    }
}

/// Hyperlink targets by relationship id.
fn parse_links(xml: &str) -> HashMap<String, String> {
    let mut links = HashMap::new();
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"Relationship" => {
                let is_link = attribute(&e, b"Type").is_some_and(|t| t.ends_with("/hyperlink"));
                if let (true, Some(id), Some(target)) = (is_link, attribute(&e, b"Id"), attribute(&e, b"Target")) {
                    links.insert(id, target);
                }
            }
            Ok(_) => {}
        }
    }
    links
}

/// A piece of a paragraph's text.
#[derive(Clone, Debug, Default)]
struct Piece {
    text: String,
    bold: bool,
    link: Option<String>,
}

/// The paragraph being read.
#[derive(Clone, Debug, Default)]
struct Paragraph {
    style: Option<String>,
    list: Option<(String, usize)>,
    list_level: Option<usize>,
    pieces: Vec<Piece>,
}

impl Paragraph {
    fn plain(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Inline markdown: text escaped, bold runs as `**…**`, links as `[text](url)`.
    fn markdown(&self, bold_markers: bool) -> String {
        let mut out = String::new();
        let mut merged: Vec<Piece> = Vec::new();
        for piece in &self.pieces {
            match merged.last_mut() {
                Some(last) if last.bold == piece.bold && last.link == piece.link => last.text.push_str(&piece.text),
                _ => merged.push(piece.clone()),
            }
        }
        for piece in merged {
            let escaped = escape_markdown(&piece.text);
            let inner = escaped.trim();
            if inner.is_empty() {
                out.push_str(if escaped.is_empty() { "" } else { " " });
                continue;
            }
            let lead = if escaped.starts_with(char::is_whitespace) { " " } else { "" };
            let trail = if escaped.ends_with(char::is_whitespace) { " " } else { "" };
            let mut shown = inner.to_owned();
            if let Some(url) = &piece.link {
                shown = format!("[{shown}]({})", url.replace(' ', "%20").replace(')', "%29"));
            }
            if piece.bold && bold_markers {
                shown = format!("**{shown}**");
            }
            out.push_str(lead);
            out.push_str(&shown);
            out.push_str(trail);
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// An open table: rows of cells, each cell's paragraphs.
#[derive(Default)]
struct OpenTable {
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    cell: Vec<String>,
}

#[derive(Default)]
struct Body {
    styles: Styles,
    numbering: Numbering,
    links: HashMap<String, String>,
    blocks: Vec<Block>,
    contents_dropped: usize,
    /// Lists whose first level is numbered and shown as a paragraph: their deeper levels are
    /// one list less deep.
    numbered_lists: Vec<String>,
    /// References in the text to entities XML does not predefine (a DTD's own), by name, with
    /// how often each was dropped.
    unknown_entities: std::collections::BTreeMap<String, usize>,
    /// The bytes of text read so far, to stop at [`TEXT_LIMIT`] before holding more.
    text_read: usize,
}

/// Where the reader is inside a paragraph's runs.
#[derive(Default)]
struct RunState {
    in_run: bool,
    in_run_properties: bool,
    in_paragraph_properties: bool,
    bold: bool,
    in_text: bool,
    link: Option<String>,
    /// Inside deleted text or a field's instructions: not the document's words.
    hidden_depth: usize,
}

impl Body {
    fn parse(&mut self, xml: &str) -> Result<(), DocxProblem> {
        let mut reader = Reader::from_str(xml);
        // Open paragraphs: a text box's paragraphs sit inside another's run.
        let mut paragraphs: Vec<Paragraph> = Vec::new();
        let mut run = RunState::default();
        let mut tables: Vec<OpenTable> = Vec::new();
        // Content controls: whether each open one is a table of contents.
        let mut controls: Vec<bool> = Vec::new();
        let mut pending_gallery_toc = false;
        loop {
            let event = reader
                .read_event()
                .map_err(|e| DocxProblem::Xml { part: "word/document.xml", message: e.to_string() })?;
            match event {
                Event::Eof => break,
                Event::Start(e) => {
                    let local = e.local_name();
                    match local.as_ref() {
                        b"p" => paragraphs.push(Paragraph::default()),
                        b"pPr" => run.in_paragraph_properties = true,
                        b"r" => {
                            run.in_run = true;
                            run.bold = false;
                        }
                        b"rPr" => run.in_run_properties = true,
                        b"t" => run.in_text = true,
                        // Deleted text, field instructions, and the copy of a drawing's text that
                        // older readers get (`mc:Fallback`) are not the document's words.
                        b"delText" | b"instrText" | b"del" | b"Fallback" => run.hidden_depth += 1,
                        b"hyperlink" => {
                            run.link = attribute(&e, b"id").and_then(|id| self.links.get(&id).cloned());
                        }
                        b"tbl" => tables.push(OpenTable::default()),
                        b"tr" => {
                            if let Some(table) = tables.last_mut() {
                                table.row.clear();
                            }
                        }
                        b"tc" => {
                            if let Some(table) = tables.last_mut() {
                                table.cell.clear();
                            }
                        }
                        b"sdt" => controls.push(false),
                        b"sdtContent" => {
                            if let Some(last) = controls.last_mut() {
                                *last = std::mem::take(&mut pending_gallery_toc);
                            }
                        }
                        _ => self.property(&e, paragraphs.last_mut(), &mut run),
                    }
                }
                Event::Empty(e) => {
                    let local = e.local_name();
                    match local.as_ref() {
                        b"tab" | b"br" | b"cr" if run.in_run && run.hidden_depth == 0 => {
                            push_text(paragraphs.last_mut(), &run, " ");
                        }
                        b"noBreakHyphen" if run.in_run => push_text(paragraphs.last_mut(), &run, "-"),
                        b"docPartGallery" => {
                            pending_gallery_toc =
                                attribute(&e, b"val").is_some_and(|v| v.contains("Table of Contents"));
                        }
                        _ => self.property(&e, paragraphs.last_mut(), &mut run),
                    }
                }
                Event::Text(e) if run.in_text && run.hidden_depth == 0 => {
                    let text = e
                        .decode()
                        .map_err(|e| DocxProblem::Xml { part: "word/document.xml", message: e.to_string() })?;
                    self.text_read += text.len();
                    if self.text_read > TEXT_LIMIT {
                        return Err(DocxProblem::TooMuchText);
                    }
                    push_text(paragraphs.last_mut(), &run, &text);
                }
                Event::GeneralRef(e) if run.in_text && run.hidden_depth == 0 => {
                    let resolved = match e.resolve_char_ref() {
                        Ok(Some(c)) => Some(c.to_string()),
                        _ => {
                            let name = e.decode().unwrap_or_default();
                            let predefined = quick_xml::escape::resolve_predefined_entity(&name);
                            if predefined.is_none() && self.unknown_entities.len() < 20 {
                                *self.unknown_entities.entry(name.into_owned()).or_default() += 1;
                            }
                            predefined.map(str::to_owned)
                        }
                    };
                    if let Some(resolved) = resolved {
                        push_text(paragraphs.last_mut(), &run, &resolved);
                    }
                }
                Event::CData(e) if run.in_text && run.hidden_depth == 0 => {
                    push_text(paragraphs.last_mut(), &run, &String::from_utf8_lossy(&e));
                }
                Event::End(e) => match e.local_name().as_ref() {
                    b"p" => {
                        if let Some(done) = paragraphs.pop() {
                            let in_contents = controls.iter().any(|toc| *toc);
                            match tables.last_mut() {
                                Some(table) => table.cell.push(done.markdown(true)),
                                None if in_contents => self.contents_dropped += 1,
                                None => self.finish_paragraph(done),
                            }
                        }
                    }
                    b"pPr" => run.in_paragraph_properties = false,
                    b"r" => run.in_run = false,
                    b"rPr" => run.in_run_properties = false,
                    b"t" => run.in_text = false,
                    b"delText" | b"instrText" | b"del" | b"Fallback" => {
                        run.hidden_depth = run.hidden_depth.saturating_sub(1);
                    }
                    b"hyperlink" => run.link = None,
                    b"tc" => {
                        if let Some(table) = tables.last_mut() {
                            let cell = std::mem::take(&mut table.cell);
                            table.row.push(cell.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join("\n"));
                        }
                    }
                    b"tr" => {
                        if let Some(table) = tables.last_mut() {
                            let row = std::mem::take(&mut table.row);
                            table.rows.push(row);
                        }
                    }
                    b"tbl" => {
                        if let Some(done) = tables.pop() {
                            self.finish_table(done, tables.last_mut());
                        }
                    }
                    b"sdt" => {
                        controls.pop();
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        Ok(())
    }

    /// Paragraph and run properties: style, list, bold.
    fn property(&self, e: &BytesStart<'_>, paragraph: Option<&mut Paragraph>, run: &mut RunState) {
        let Some(paragraph) = paragraph else { return };
        let local = e.local_name();
        if run.in_paragraph_properties && !run.in_run_properties {
            match local.as_ref() {
                b"pStyle" => paragraph.style = attribute(e, b"val"),
                b"ilvl" => paragraph.list_level = attribute(e, b"val").and_then(|v| v.parse().ok()),
                b"numId" => {
                    if let Some(list) = attribute(e, b"val") {
                        // numId 0 switches a style's list off.
                        paragraph.list = (list != "0").then_some((list, 0));
                    }
                }
                _ => {}
            }
        } else if run.in_run && run.in_run_properties {
            match local.as_ref() {
                b"b" | b"bCs" => {
                    run.bold = attribute(e, b"val").is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off"));
                }
                b"rStyle" if attribute(e, b"val").is_some_and(|v| v.eq_ignore_ascii_case("strong")) => run.bold = true,
                _ => {}
            }
        }
    }

    fn finish_paragraph(&mut self, paragraph: Paragraph) {
        let plain = paragraph.plain();
        if plain.is_empty() {
            return;
        }
        let role = paragraph.style.as_deref().map_or(StyleRole::Body, |s| self.styles.role(s));
        let list = paragraph
            .list
            .clone()
            .map(|(id, _)| (id, paragraph.list_level.unwrap_or(0)))
            .or_else(|| paragraph.style.as_deref().and_then(|s| self.styles.list(s)))
            .map(|(id, ilvl)| (id, paragraph.list_level.unwrap_or(ilvl)));
        let marker = list.as_ref().map(|(id, ilvl)| (id.clone(), *ilvl, self.numbering.next(id, *ilvl)));
        match role {
            StyleRole::Contents => {
                self.contents_dropped += 1;
            }
            StyleRole::Title => self.blocks.push(Block::Title(paragraph.markdown(false))),
            StyleRole::Heading(level) => {
                let text = paragraph.markdown(false);
                let (label, text) = match &marker {
                    Some((_, _, Marker::Number(shown))) if !shown.is_empty() => (Some(shown.clone()), text),
                    _ => {
                        let (label, rest) = split_label(&text);
                        (label, rest.to_owned())
                    }
                };
                self.blocks.push(Block::Heading { level: level.min(3), label, text });
            }
            StyleRole::Body => {
                let text = paragraph.markdown(true);
                match marker {
                    Some((list, ilvl, Marker::Bullet)) => {
                        let offset = usize::from(self.numbered_lists.contains(&list) && ilvl > 0);
                        let depth = u8::try_from(ilvl - offset).unwrap_or(u8::MAX);
                        self.blocks.push(Block::Item { depth, label: None, text });
                    }
                    // "1.1." is a clause of its own, whatever its list level.
                    Some((_, _, Marker::Number(shown))) if number_parts(&shown).is_some_and(|p| p.len() > 1) => {
                        self.blocks.push(Block::Paragraph { label: Some(shown), text });
                    }
                    Some((list, 0, Marker::Number(shown))) => {
                        if !self.numbered_lists.contains(&list) {
                            self.numbered_lists.push(list);
                        }
                        let label = (!shown.is_empty()).then_some(shown);
                        self.blocks.push(Block::Paragraph { label, text });
                    }
                    Some((list, ilvl, Marker::Number(shown))) => {
                        let offset = usize::from(self.numbered_lists.contains(&list));
                        let depth = u8::try_from(ilvl - offset).unwrap_or(u8::MAX);
                        let label = (!shown.is_empty()).then_some(shown);
                        self.blocks.push(Block::Item { depth, label, text });
                    }
                    None => self.blocks.push(plain_block(text)),
                }
            }
        }
    }

    fn finish_table(&mut self, table: OpenTable, outer: Option<&mut OpenTable>) {
        let rows: Vec<Vec<String>> =
            table.rows.into_iter().filter(|r| r.iter().any(|c| !c.trim().is_empty())).collect();
        match outer {
            // A table inside a cell: its text joins the cell.
            Some(outer) => {
                outer.cell.extend(rows.into_iter().map(|r| r.join(" ")));
            }
            None if !rows.is_empty() => {
                let width = rows.iter().map(Vec::len).max().unwrap_or(0);
                let rows = rows
                    .into_iter()
                    .map(|mut r| {
                        r.resize(width, String::new());
                        r
                    })
                    .collect();
                self.blocks.push(Block::Table(rows));
            }
            None => {}
        }
    }
}

fn push_text(paragraph: Option<&mut Paragraph>, run: &RunState, text: &str) {
    if let Some(paragraph) = paragraph {
        paragraph.pieces.push(Piece { text: text.to_owned(), bold: run.bold, link: run.link.clone() });
    }
}

/// A paragraph without a list: a typed bullet or number is kept as such.
fn plain_block(text: String) -> Block {
    for bullet in ["• ", "· ", "- ", "▪ ", "◦ "] {
        if let Some(rest) = text.strip_prefix(bullet) {
            return Block::Item { depth: 0, label: None, text: rest.trim().to_owned() };
        }
    }
    let (label, rest) = split_label(&text);
    match label {
        Some(label) => Block::Paragraph { label: Some(label), text: rest.to_owned() },
        None => Block::Paragraph { label: None, text },
    }
}

/// Without a Title paragraph, a short paragraph naming a policy before the first heading or
/// list is the title ("Social Media Policy" in large bold type).
fn title_without_style(blocks: &mut [Block]) -> Option<String> {
    if blocks.iter().any(|b| matches!(b, Block::Title(_))) {
        return None;
    }
    let opening = blocks.iter().position(|b| !matches!(b, Block::Paragraph { .. })).unwrap_or(blocks.len());
    for block in blocks[..opening.min(4)].iter_mut() {
        let Block::Paragraph { label: None, text } = block else { continue };
        let plain = text.replace("**", "");
        let names_policy = plain.to_lowercase().split(|c: char| !c.is_alphanumeric()).any(|w| w == "policy");
        if names_policy && (1..=10).contains(&word_count(&plain)) && !plain.trim_end().ends_with('.') {
            *block = Block::Title(plain.trim().to_owned());
            return Some(plain.trim().to_owned());
        }
    }
    None
}

/// Without heading styles, short paragraphs in bold are the headings.
fn promote_bold_headings(blocks: &mut [Block]) -> usize {
    let mut promoted = 0;
    for block in blocks.iter_mut() {
        let Block::Paragraph { label, text } = block else { continue };
        let inner = text.strip_prefix("**").and_then(|t| t.strip_suffix("**"));
        let Some(inner) = inner.filter(|i| !i.contains("**") && (1..=12).contains(&word_count(i))) else {
            continue;
        };
        let (label, words) = match label.take() {
            Some(label) => (Some(label), inner.to_owned()),
            None => {
                let (label, rest) = split_label(inner);
                (label, rest.to_owned())
            }
        };
        let level = label.as_deref().and_then(number_parts).map_or(1, |p| u8::try_from(p.len().min(3)).unwrap_or(3));
        *block = Block::Heading { level, label, text: words };
        promoted += 1;
    }
    promoted
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    fn docx(body: &str, numbering: Option<&str>) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        let document = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
        let mut parts = vec![("word/document.xml", document)];
        if let Some(numbering) = numbering {
            parts.push(("word/numbering.xml", format!("<w:numbering {W}>{numbering}</w:numbering>")));
        }
        for (name, text) in parts {
            zip.start_file(name, options).expect("entry");
            zip.write_all(text.as_bytes()).expect("write");
        }
        zip.finish().expect("zip").into_inner()
    }

    fn p(properties: &str, runs: &str) -> String {
        format!("<w:p><w:pPr>{properties}</w:pPr>{runs}</w:p>")
    }

    fn r(text: &str, bold: bool) -> String {
        let bold = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
        format!("<w:r>{bold}<w:t xml:space=\"preserve\">{text}</w:t></w:r>")
    }

    #[test]
    fn without_styles_the_title_and_bold_lines_lead() {
        let body = [
            p("", &r("Social Media Policy", true)),
            p("", &r("1. Staff", true)),
            p("", &format!("{}{}", r("Staff ", false), r("must not", true))),
            // A drawing's text comes twice; the fallback copy is not read.
            p("", "<mc:AlternateContent><mc:Choice><w:r><w:t>Box</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>Box</w:t></w:r></mc:Fallback></mc:AlternateContent>"),
            p("", &format!("<w:del><w:r><w:delText>gone</w:delText></w:r></w:del>{}", r("kept &amp; shown", false))),
        ]
        .concat();
        let read = read(&docx(&body, None)).expect("reads");
        assert_eq!(
            read.blocks,
            [
                Block::Title("Social Media Policy".to_owned()),
                Block::Heading { level: 1, label: Some("1.".to_owned()), text: "Staff".to_owned() },
                Block::Paragraph { label: None, text: "Staff **must not**".to_owned() },
                Block::Paragraph { label: None, text: "Box".to_owned() },
                Block::Paragraph { label: None, text: "kept & shown".to_owned() },
            ]
        );
        assert_eq!(read.guesses.len(), 2, "{:?}", read.guesses);
    }

    #[test]
    fn multilevel_numbers_are_clauses() {
        let numbering = r#"<w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
            <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
          </w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>"#;
        let list = |ilvl: u8| format!("<w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"7\"/></w:numPr>");
        let body = [
            p(&format!("<w:pStyle w:val=\"Heading1\"/>{}", list(0)), &r("Staff", false)),
            p(&list(1), &r("Staff must not friend pupils.", false)),
            p(&list(2), &r("on any platform", false)),
        ]
        .concat();
        let blocks = read(&docx(&body, Some(numbering))).expect("reads").blocks;
        assert_eq!(
            blocks,
            [
                Block::Heading { level: 1, label: Some("1.".to_owned()), text: "Staff".to_owned() },
                Block::Paragraph { label: Some("1.1.".to_owned()), text: "Staff must not friend pupils.".to_owned() },
                Block::Item { depth: 2, label: Some("a)".to_owned()), text: "on any platform".to_owned() },
            ]
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_and_unknown_entities_are_noted() {
        let document = format!("<w:document {W}><w:body>{}</w:body></w:document>", p("", &r("Oak\u{1}field", false)));
        let mut document = document.into_bytes();
        let at = document.iter().position(|&b| b == 1).expect("marker");
        document[at] = 0xFF;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).expect("entry");
        zip.write_all(&document).expect("write");
        let read = read(&zip.finish().expect("zip").into_inner()).expect("reads");
        assert_eq!(read.blocks, [Block::Paragraph { label: None, text: "Oak\u{FFFD}field".to_owned() }]);
        assert!(
            read.lost.iter().any(|n| n.contains("word/document.xml has 1 byte sequence(s) that are not UTF-8")
                && n.contains("\"Oak\u{FFFD}field\"")),
            "{:?}",
            read.lost
        );

        let read = read_entities();
        assert_eq!(read.blocks, [Block::Paragraph { label: None, text: "Oak field & co".to_owned() }]);
        assert!(
            read.lost.iter().any(|n| n.contains("dropped 2 reference(s)") && n.contains("&school;")),
            "{:?}",
            read.lost
        );
    }

    fn read_entities() -> DocxDocument {
        read(&docx(&p("", &r("Oak &school;field &amp; co&school;", false)), None)).expect("reads")
    }

    #[test]
    fn damaged_files_say_why() {
        assert!(matches!(read(b"PK\x03\x04 not a zip"), Err(DocxProblem::Zip(_))));
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("word/other.xml", zip::write::SimpleFileOptions::default()).expect("entry");
        let bytes = zip.finish().expect("zip").into_inner();
        assert!(matches!(read(&bytes), Err(DocxProblem::NoDocument)));
        let broken = docx("<w:p><w:r><w:t>unclosed</w:r></w:p>", None);
        assert!(matches!(read(&broken), Err(DocxProblem::Xml { .. })));
    }
}
