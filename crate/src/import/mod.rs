//! `postwise import`: a school's policy as it publishes it (a Word document, a PDF, a saved web
//! page, or text copied from any of them) turned into a policy folder in the project's format,
//! ready for a person to check. Why these readers and crates, the bounds, and how well it does
//! on real schools' policies: README.md beside this file.
//!
//! 1. Read: `docx` turns a Word document into `blocks::Block`s (headings, numbered
//!    paragraphs, list items with their depth, tables); `pdf` and `html` turn a PDF or a web
//!    page into lines marked with what their format showed (a heading, bold type, a list item),
//!    which `txt` reads into blocks as it reads a text file, dropping the contents list, page
//!    furniture and conversion debris and joining what a converter split.
//! 2. `forms` turns the lines to fill in of appendix forms into fields.
//! 3. `outline` gives every clause its id; `markdown` writes `policy.md`.
//! 4. `facts` finds the school's name, review dates, channels and blocked sites for
//!    `school.toml`, with `# TODO (import):` where a person must decide.
//! 5. `rules` proposes rules from the sentences that tell someone what to do (`wording::mood`)
//!    and whose wording matches a known obligation (`obligations`); `rules_toml` writes them with examples (`examples`) checked
//!    against the school's own checker.
//! 6. `verify` lints the three files in memory; `folder` writes them to a temporary folder
//!    beside the destination and renames it into place, so a failed import leaves nothing.
//! 7. The [`Report`] says what was recognised, what was guessed, and what needs a person.

mod blocks;
mod coverage_toml;
mod dates;
mod docx;
mod examples;
mod facts;
mod folder;
mod forms;
mod html;
mod markdown;
mod names;
mod numbering;
mod obligations;
mod outline;
mod pdf;
mod platforms;
mod report;
mod rules;
mod rules_toml;
mod txt;
mod verify;
mod wording;

pub use report::{Counts, Report};

use crate::policy::source::PlatformSource;
use outline::NodeKind;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The largest file the import reads: a Word or PDF policy is a few hundred kilobytes, a few
/// megabytes with pictures; more is not one.
pub const SIZE_LIMIT: u64 = 20 * 1024 * 1024;

/// The most text a policy may have: the longest seed has 25 KB; 2 MB is a book.
pub const TEXT_LIMIT: usize = 2 * 1024 * 1024;

/// What `postwise import` needs besides the file.
#[derive(Clone, Debug)]
pub struct Options {
    /// The school's id: lowercase letters, digits and hyphens.
    pub id: String,
    /// The folder to write, named by the id (`policies/<id>`); `_shared/` must be beside it.
    pub out: PathBuf,
    /// Replace the folder if it exists.
    pub force: bool,
}

/// Why an import could not be done. Each names the file and what to do.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The id is not a school id.
    #[error("`{id}` is not a school id: use lowercase letters, digits and hyphens (e.g. `oak-primary`)")]
    InvalidId {
        /// The id given.
        id: String,
    },
    /// The folder's name is not the id.
    #[error("{}: the folder's name must be the school's id `{id}`: use --out <folder>/{id}", out.display())]
    OutNotId {
        /// The folder given.
        out: PathBuf,
        /// The id given.
        id: String,
    },
    /// The folder is there already.
    #[error("{} already exists: choose another id or --out, or pass --force to replace it", path.display())]
    Exists {
        /// The folder.
        path: PathBuf,
    },
    /// No shared platforms file beside the destination.
    #[error("{} cannot be read ({message}): import into a folder beside `_shared/`, e.g. --out policies/<id>", path.display())]
    NoShared {
        /// The platforms file looked for.
        path: PathBuf,
        /// Why it cannot be used.
        message: String,
    },
    /// The file cannot be read.
    #[error("{} cannot be read: {source}", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The file is over [`SIZE_LIMIT`].
    #[error("{} is {size} bytes, over the 20 MB limit: a policy is far smaller; check it is the right file, or save it without images", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
    },
    /// The file's text is more than a policy's.
    #[error("{} has {size} bytes of text, over the 2 MB a policy could have: check it is the right file, or import the social-media policy alone", path.display())]
    TooMuchText {
        /// The file.
        path: PathBuf,
        /// How much text it has.
        size: usize,
    },
    /// The file has no text.
    #[error("{} is empty: export the policy again from Word", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// An OLE compound file: an encrypted Office document or an old `.doc`.
    #[error(
        "{} is encrypted (password-protected) or an old .doc file: it is an OLE compound file, not a .docx zip. \
         Open it in Word, remove the password (File > Info > Protect Document) and save it as .docx, \
         or save it as plain text (.txt)",
        path.display()
    )]
    Encrypted {
        /// The file.
        path: PathBuf,
    },
    /// Not a readable Word document.
    #[error("{} cannot be read as a Word document: {reason}. Open it in Word and save it again as .docx, or save it as plain text (.txt)", path.display())]
    NotDocx {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A web page that is not readable.
    #[error("{} cannot be read as a web page: {reason}", path.display())]
    NotHtml {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A PDF that is not readable.
    #[error("{} cannot be read: {reason}. Save the policy again as a PDF from Word, or import the .docx", path.display())]
    NotPdf {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A scanned PDF: pictures of pages, no text.
    #[error(
        "{} is a scan: its {pages} page(s) are pictures with no text, and the import reads text. \
         Import the policy's Word document or the PDF it was exported as, or run it through text \
         recognition (OCR) and import the text (.txt) after checking it",
        path.display()
    )]
    Scanned {
        /// The file.
        path: PathBuf,
        /// How many pages it has.
        pages: usize,
    },
    /// A text file that is binary.
    #[error("{} is not text: save the policy from Word as plain text (.txt), or import the .docx", path.display())]
    NotText {
        /// The file.
        path: PathBuf,
    },
    /// An extension the import does not read.
    #[error("{} is not a .docx, .pdf, .html or .txt file: save the policy as one of those", path.display())]
    UnsupportedType {
        /// The file.
        path: PathBuf,
    },
    /// A policy in a language the import does not read.
    #[error(
        "{} looks to be written in {language} (one word in seven or more is among its commonest), and the import reads English: import the school's English version of the policy (a school that publishes in {language} often has one), or write its rules by hand",
        path.display()
    )]
    NotEnglish {
        /// The file.
        path: PathBuf,
        /// The language it seems to be in.
        language: &'static str,
    },
    /// A readable file that is not a social-media policy.
    #[error("{} does not look like a social-media policy: {reason}. Check it is the right file", path.display())]
    NotAPolicy {
        /// The file.
        path: PathBuf,
        /// What is missing.
        reason: String,
    },
    /// The folder cannot be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// What was being written.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// What the import wrote does not pass lint: a bug in the import.
    #[error("the imported files for {} do not pass lint (a bug in postwise import, please report it):\n{problems}", path.display())]
    Invalid {
        /// The file imported.
        path: PathBuf,
        /// Lint's problems.
        problems: String,
    },
}

/// The three files of a policy folder.
#[derive(Clone, Debug)]
pub struct Files {
    /// `school.toml`.
    pub school: String,
    /// `policy.md`.
    pub policy: String,
    /// `rules.toml`.
    pub rules: String,
    /// `coverage.toml`: a first map, every clause still to be read.
    pub coverage: String,
}

/// The shared platforms file beside the destination.
pub(crate) struct Shared {
    pub(crate) path: PathBuf,
    pub(crate) text: String,
    pub(crate) platforms: BTreeMap<String, PlatformSource>,
}

fn read_shared(out: &Path) -> Result<Shared, ImportError> {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let path = parent.join(crate::policy::SHARED_DIR).join("platforms.toml");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| ImportError::NoShared { path: path.clone(), message: e.to_string() })?;
    let platforms =
        toml::from_str(&text).map_err(|e| ImportError::NoShared { path: path.clone(), message: e.to_string() })?;
    Ok(Shared { path, text, platforms })
}

/// The OLE compound file signature: encrypted Office documents and old `.doc` files.
const OLE_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// What a reader gives.
struct Read {
    blocks: Vec<blocks::Block>,
    notes: Vec<String>,
    guesses: Vec<String>,
    /// Text replaced or dropped on the way: the report asks a person to put it right.
    lost: Vec<String>,
}

/// The file's bytes, refused before reading when over [`SIZE_LIMIT`].
fn read_file(path: &Path) -> Result<Vec<u8>, ImportError> {
    let unreadable = |source| ImportError::Unreadable { path: path.to_owned(), source };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > SIZE_LIMIT {
        return Err(ImportError::TooLarge { path: path.to_owned(), size });
    }
    std::fs::read(path).map_err(unreadable)
}

/// Reads `bytes`, the contents of the file `path`, by the file's extension.
fn read_source(path: &Path, bytes: &[u8]) -> Result<Read, ImportError> {
    if bytes.len() as u64 > SIZE_LIMIT {
        return Err(ImportError::TooLarge { path: path.to_owned(), size: bytes.len() as u64 });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty { path: path.to_owned() });
    }
    if bytes.starts_with(&OLE_SIGNATURE) {
        return Err(ImportError::Encrypted { path: path.to_owned() });
    }
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_lowercase();
    match extension.as_str() {
        "docx" | "docm" => {
            if !bytes.starts_with(b"PK") {
                return Err(ImportError::NotDocx { path: path.to_owned(), reason: "it is not a zip file".to_owned() });
            }
            let read = docx::read(bytes).map_err(|e| match e {
                docx::DocxProblem::TooMuchText => ImportError::TooMuchText { path: path.to_owned(), size: TEXT_LIMIT },
                e => ImportError::NotDocx { path: path.to_owned(), reason: e.to_string() },
            })?;
            Ok(Read { blocks: read.blocks, notes: read.notes, guesses: read.guesses, lost: read.lost })
        }
        "txt" | "text" => {
            let decoded = decode_text(bytes).ok_or_else(|| ImportError::NotText { path: path.to_owned() })?;
            // Refused before reading: the reader holds several copies of the text as it works.
            if decoded.text.len() > TEXT_LIMIT {
                return Err(ImportError::TooMuchText { path: path.to_owned(), size: decoded.text.len() });
            }
            let read = txt::read(&decoded.text);
            let mut guesses = read.guesses;
            if let Some(encoding) = decoded.fallback {
                guesses.push(format!("the file is not UTF-8: read it as {encoding}"));
            }
            let lost = decoded.replaced_note().into_iter().collect();
            Ok(Read { blocks: read.blocks, notes: read.notes, guesses, lost })
        }
        "html" | "htm" => {
            let decoded = decode_text(bytes).ok_or_else(|| ImportError::NotText { path: path.to_owned() })?;
            let read = html::read(&decoded.text)
                .map_err(|e| ImportError::NotHtml { path: path.to_owned(), reason: e.to_string() })?;
            let text = txt::read_lines(read.lines);
            let notes = read.notes.into_iter().chain(text.notes).collect();
            let lost = decoded.replaced_note().into_iter().collect();
            Ok(Read { blocks: text.blocks, notes, guesses: text.guesses, lost })
        }
        "pdf" => {
            let read = pdf::read(bytes).map_err(|e| match e {
                pdf::PdfProblem::Scanned { pages } => ImportError::Scanned { path: path.to_owned(), pages },
                e => ImportError::NotPdf { path: path.to_owned(), reason: e.to_string() },
            })?;
            let text = txt::read_lines(read.lines);
            let notes = read.notes.into_iter().chain(text.notes).collect();
            Ok(Read { blocks: text.blocks, notes, guesses: text.guesses, lost: Vec::new() })
        }
        _ => Err(ImportError::UnsupportedType { path: path.to_owned() }),
    }
}

/// A `.txt` file's text as decoded.
struct DecodedText {
    text: String,
    /// The encoding used when the file is not UTF-8 or UTF-16.
    fallback: Option<&'static str>,
    /// How many characters could not be decoded and became U+FFFD.
    replaced: usize,
}

impl DecodedText {
    /// Where the text lost characters, for the report.
    fn replaced_note(&self) -> Option<String> {
        let first = self.text.find('\u{FFFD}').filter(|_| self.replaced > 0)?;
        let line = self.text[..first].matches('\n').count() + 1;
        Some(format!(
            "{} character(s) could not be decoded and are shown as \u{FFFD} in policy.md (the first \u{FFFD} is on line \
             {line} of the file): correct them against the original",
            self.replaced
        ))
    }
}

/// Text from a `.txt` file's bytes: UTF-8 (with or without a byte-order mark), UTF-16 with a
/// byte-order mark, or else Windows-1252 (what older Word saves as "plain text"). A UTF-8 file
/// with a few stray bytes stays UTF-8, the stray bytes replaced; `None` for binary files.
fn decode_text(bytes: &[u8]) -> Option<DecodedText> {
    let utf16 = |little: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|p| if little { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) })
            .collect();
        let written = units.iter().filter(|&&u| u == 0xFFFD).count();
        let text = String::from_utf16_lossy(&units);
        let replaced = text.matches('\u{FFFD}').count() - written;
        DecodedText { text, fallback: None, replaced }
    };
    let decoded = if bytes.starts_with(&[0xFF, 0xFE]) {
        utf16(true)
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        utf16(false)
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        DecodedText { text: text.to_owned(), fallback: None, replaced: 0 }
    } else if mostly_utf8(bytes) {
        let replaced = bytes.utf8_chunks().filter(|c| !c.invalid().is_empty()).count();
        DecodedText { text: String::from_utf8_lossy(bytes).into_owned(), fallback: None, replaced }
    } else {
        let replaced = bytes.iter().filter(|&&b| windows_1252(b) == '\u{FFFD}').count();
        let text: String = bytes.iter().map(|&b| windows_1252(b)).collect();
        DecodedText { text, fallback: Some("Windows-1252"), replaced }
    };
    let binary =
        decoded.text.chars().any(|c| c == '\0' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')));
    (!binary).then_some(decoded)
}

/// Whether bytes that are not valid UTF-8 are still more UTF-8 than anything else: at least
/// as many well-formed multi-byte characters as broken sequences. Windows-1252 text with
/// accents or curly quotes has almost no well-formed ones; a UTF-8 file with a stray byte has
/// its other accents and quotes.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    good > 0 && good >= bad
}

/// A Windows-1252 byte as a character.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match byte {
        // The five bytes Windows-1252 leaves undefined are lost, not control characters.
        0x81 | 0x8D | 0x8F | 0x90 | 0x9D => '\u{FFFD}',
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// Words that show a document is about social media or being online (an e-safety policy's
/// opening may speak only of "the internet" or "e-safety").
const SOCIAL_MEDIA_WORDS: [&str; 34] = [
    "webcam",
    // Schools' own platforms for pupils' and parents' messages and posts.
    "seesaw",
    "class dojo",
    "classdojo",
    "yammer",
    "viva engage",
    "google classroom",
    "chatroom",
    "chat room",
    // Lessons by video call: what is recorded, shared or said in them.
    "zoom",
    "microsoft teams",
    "teams meeting",
    "teams session",
    "live lesson",
    "screenshot",
    // Rules for pupils' e-mail are rules for what they send online.
    "e-mail",
    "email",
    // Bullying by phone or online ("cyber-bullying", "cyberbullying").
    "cyber-",
    "cyberbull",
    "e-safety",
    "esafety",
    "internet",
    "on-line",
    "digital media",
    "social media",
    "social network",
    "facebook",
    "twitter",
    "instagram",
    "tiktok",
    "whatsapp",
    "snapchat",
    "youtube",
    "online",
];

/// The fewest paragraphs and words a document with no headings, numbers or lists must have to
/// be read as a policy of plain paragraphs (schools' web pages often are), not as a letter.
const PLAIN_POLICY: (usize, usize) = (3, 150);

/// The same for a page of short paragraphs, one rule each ("Children will not download any
/// files …", "Random searches … are not allowed …"): many paragraphs make up for few words,
/// as a letter's are fewer and longer.
const PARAGRAPH_RULES: (usize, usize) = (5, 100);

/// The same for a document whose title calls it a policy about social media or being online
/// ("Mobile Phone and Social Networking Policy"): a nursery's whole policy may be a few short
/// paragraphs, and a letter does not title itself a policy.
const TITLED_POLICY: (usize, usize) = (2, 40);

/// The same for a document that speaks of "this policy": one whose headings were flattened
/// into a single run of text (a document site's copy) is still a policy, not a letter.
const SELF_NAMED_POLICY: (usize, usize) = (1, 150);

/// How a policy's text is laid out, which decides what its clauses are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    /// Headings, numbered clauses or lists of its own.
    Structured,
    /// Plain paragraphs: each is a clause.
    Paragraphs,
    /// Too few paragraphs for its words (a page copied from a PDF viewer that lost its line
    /// breaks), naming itself a policy or stating rules: each sentence is a clause.
    RunOfText,
}

/// The fewest words a paragraph has, on average, in one run of text: more than any policy's
/// paragraphs, which are a clause each.
const RUN_OF_TEXT: usize = 150;

/// The fewest sentences stating a rule ("must", "should", "is not permitted") that make one run
/// of text that does not name itself a policy read as rules rather than as a letter.
const RULES_IN_A_RUN: usize = 3;

/// Wording that states a rule: what someone must, should or may not do.
const STATES_RULE: &[&str] = &["must|should|shall", "not permitted|allowed"];

/// Whether the blocks read as a social-media policy, and how they are laid out.
fn check_is_policy(path: &Path, blocks: &[blocks::Block]) -> Result<Layout, ImportError> {
    if blocks.is_empty() {
        return Err(ImportError::Empty { path: path.to_owned() });
    }
    // Each block's words once (a table's cells joined), for the checks below.
    let texts: Vec<String> = blocks.iter().map(blocks::Block::text).collect();
    let size: usize = texts.iter().map(String::len).sum();
    if size > TEXT_LIMIT {
        return Err(ImportError::TooMuchText { path: path.to_owned(), size });
    }
    // Headings, numbered clauses, or a list of what it asks.
    let items = blocks.iter().filter(|b| matches!(b, blocks::Block::Item { .. })).count();
    let structured = items >= 3
        || blocks
            .iter()
            .any(|b| matches!(b, blocks::Block::Heading { .. } | blocks::Block::Paragraph { label: Some(_), .. }));
    let paragraphs = blocks.iter().filter(|b| matches!(b, blocks::Block::Paragraph { .. })).count();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    // "Acceptable use of ICT facilities in school - Pupil Policy": a title naming the online
    // world, or the rules for the school's computers.
    let titled = blocks.iter().any(|b| match b {
        blocks::Block::Title(title) => speaks_of_social_media(title) || names_computer_rules(title),
        _ => false,
    });
    let self_named = texts.iter().any(|t| t.to_lowercase().contains("this policy"));
    // "St Elizabeth's School Internet Safety Policy …" run into the text that follows it.
    let names_policy = self_named || texts.iter().any(|t| t.contains("Policy"));
    let (fewest_paragraphs, fewest_words) = if titled {
        TITLED_POLICY
    } else if self_named {
        SELF_NAMED_POLICY
    } else {
        PLAIN_POLICY
    };
    let paragraph_rules = paragraphs >= PARAGRAPH_RULES.0 && words >= PARAGRAPH_RULES.1;
    let rules_stated = || {
        texts
            .iter()
            .flat_map(|t| wording::sentences(t))
            .filter(|s| wording::any_found(STATES_RULE, &wording::words(s)))
            .count()
    };
    let layout = if structured {
        Layout::Structured
    } else if words >= RUN_OF_TEXT * paragraphs.max(1) && (names_policy || rules_stated() >= RULES_IN_A_RUN) {
        Layout::RunOfText
    } else {
        Layout::Paragraphs
    };
    if layout == Layout::Paragraphs && !paragraph_rules && (paragraphs < fewest_paragraphs || words < fewest_words) {
        let reason = if words >= fewest_words {
            // Long enough, but one run of text: say how to make it readable.
            format!(
                "it has no headings, no numbered clauses and no list, and its {words} words are in {paragraphs} paragraph(s): put a blank line between its sections (or give their headings lines of their own) and import it again"
            )
        } else {
            format!(
                "it has no headings, no numbered clauses and no list, and is too short to read as a policy of paragraphs ({paragraphs} paragraph(s), {words} words)"
            )
        };
        return Err(ImportError::NotAPolicy { path: path.to_owned(), reason });
    }
    let text = texts.join(" ");
    if is_welsh(&text) {
        return Err(ImportError::NotEnglish { path: path.to_owned(), language: "Welsh" });
    }
    if !speaks_of_social_media(&text) {
        return Err(ImportError::NotAPolicy {
            path: path.to_owned(),
            reason:
                "it never mentions social media, social networks, the internet or being online, nor photos or messages sent by phone or put on a website"
                    .to_owned(),
        });
    }
    Ok(layout)
}

/// A run of text's paragraphs split into sentences, a paragraph each; the title stays.
fn sentences_as_paragraphs(blocks: Vec<blocks::Block>) -> Vec<blocks::Block> {
    blocks
        .into_iter()
        .flat_map(|block| match block {
            blocks::Block::Paragraph { text, .. } => wording::sentences(&text)
                .into_iter()
                .map(|sentence| blocks::Block::Paragraph { label: None, text: sentence.to_owned() })
                .collect(),
            other => vec![other],
        })
        .collect()
}

/// Common Welsh words that English never uses.
const WELSH_WORDS: [&str; 22] = [
    "y",
    "yr",
    "yn",
    "mae",
    "ac",
    "gyda",
    "hefyd",
    "dylai",
    "rhaid",
    "sydd",
    "hyn",
    "neu",
    "ond",
    "eu",
    "ei",
    "bod",
    "fydd",
    "ysgol",
    "disgyblion",
    "gan",
    "wrth",
    "i'r",
];

/// Whether a text is in Welsh: one word in seven or more is one of Welsh's commonest.
fn is_welsh(text: &str) -> bool {
    let words = wording::words(text);
    let welsh = words.iter().filter(|w| WELSH_WORDS.contains(&w.as_str())).count();
    words.len() >= 20 && welsh * 7 >= words.len()
}

/// Whether a title names the rules for the school's computers: "acceptable use", "ICT".
fn names_computer_rules(title: &str) -> bool {
    let lower = title.to_lowercase();
    lower.contains("acceptable use") || lower.split(|c: char| !c.is_alphanumeric()).any(|w| w == "ict")
}

/// What photos and messages go through: a policy speaks of what is sent or shared when it says
/// what may go there ("images on the school website", "harassing messages" from a phone), not
/// when it only names it ("see the school website", "phones are handed in").
const SHARED_THROUGH: [&str; 4] = ["website", "web site", "blog", "phone"];
const SHARED: [&str; 6] = ["photo", "image", "video", "film", "recording", "messag"];

fn speaks_of_social_media(text: &str) -> bool {
    let text = text.to_lowercase();
    let found = |words: &[&str]| words.iter().any(|w| text.contains(w));
    found(&SOCIAL_MEDIA_WORDS) || (found(&SHARED_THROUGH) && found(&SHARED))
}

fn counts(outline: &outline::Outline) -> Counts {
    let mut counts = Counts::default();
    for node in &outline.nodes {
        match node.kind {
            NodeKind::Heading(_) => counts.headings += 1,
            NodeKind::Paragraph => counts.paragraphs += 1,
            NodeKind::Item { field, .. } => {
                counts.items += 1;
                counts.fields += usize::from(field);
            }
            NodeKind::Table(_) => counts.tables += 1,
        }
    }
    counts
}

/// Imports `source` into `options.out`: reads it, writes `policy.md`, `school.toml` and
/// `rules.toml` to a temporary folder beside the destination, checks them with lint, and
/// renames the folder into place. Nothing is left behind when it fails.
pub fn run(source: &Path, options: &Options) -> Result<Report, ImportError> {
    if !crate::policy::is_valid_school_id(&options.id) {
        return Err(ImportError::InvalidId { id: options.id.clone() });
    }
    if options.out.file_name().and_then(|n| n.to_str()) != Some(options.id.as_str()) {
        return Err(ImportError::OutNotId { out: options.out.clone(), id: options.id.clone() });
    }
    if options.out.exists() && !options.force {
        return Err(ImportError::Exists { path: options.out.clone() });
    }
    let bytes = read_file(source)?;
    let (files, report) = convert(source, &bytes, options)?;
    folder::write(&options.out, &files, options.force)?;
    Ok(report)
}

/// Everything [`run`] does but reading and writing files: `bytes` (the contents of `source`)
/// as the three files of `options.out`, checked with lint, and the report. The shared
/// platforms are read from beside `options.out`.
pub fn convert(source: &Path, bytes: &[u8], options: &Options) -> Result<(Files, Report), ImportError> {
    let shared = read_shared(&options.out)?;
    let read = read_source(source, bytes)?;
    let layout = check_is_policy(source, &read.blocks)?;
    let mut report = Report { source: source.to_owned(), out: options.out.clone(), ..Report::default() };
    let mut blocks = read.blocks;
    match layout {
        Layout::Structured => {}
        Layout::Paragraphs => report.needs_person(
            "the sections: the document has no headings, numbered clauses or lists, so each paragraph is a clause; mark its headings with ## in policy.md".to_owned(),
        ),
        Layout::RunOfText => {
            blocks = sentences_as_paragraphs(blocks);
            report.needs_person(
                "the sections: the document came as one run of text (its line breaks lost), so each sentence is a clause; put a blank line between its sections, or mark its headings with ## in policy.md".to_owned(),
            );
        }
    }
    for note in read.notes {
        report.recognised(note);
    }
    for guess in read.guesses {
        report.guessed(guess);
    }
    for lost in read.lost {
        report.needs_person(lost);
    }
    let (blocks, forms) = forms::recognise(blocks);
    for form in &forms.forms {
        report.recognised(format!("form: {form}"));
    }
    let outline = outline::number(blocks);
    report.counts = counts(&outline);
    if outline.title.is_none() {
        report.needs_person(format!(
            "the title: the document gives none, \"{}\" stands in (policy.md)",
            markdown::DEFAULT_TITLE
        ));
    }
    let policy_md = markdown::write(&outline);
    let source_name = source.file_name().and_then(|n| n.to_str()).unwrap_or("the source").to_owned();
    let platforms = platforms::Platforms::new(&shared.platforms);
    let facts = facts::gather(&outline, &platforms, &options.id);
    let school_toml = facts.to_toml(&source_name, &mut report);
    let proposals = rules::propose(&outline, facts.pupils_called.0);
    if proposals.len() >= rules::PROPOSAL_LIMIT {
        report.needs_person(format!(
            "stopped proposing rules at {}: the document says more than a policy does; write further rules by hand",
            rules::PROPOSAL_LIMIT
        ));
    }
    let files = Files { school: school_toml, policy: policy_md, rules: String::new(), coverage: String::new() };
    let target = verify::Target {
        source,
        source_name: &source_name,
        id: &options.id,
        out: &options.out,
        shared: &shared,
        school_name: &facts.name,
    };
    let (files, proposals) = verify::settle(&target, files, proposals)?;
    report.rules = proposals.iter().filter(|p| p.examples.is_some()).count();
    verify::report_rules(&outline, &proposals, &mut report);
    Ok((files, report))
}
