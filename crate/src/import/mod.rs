//! `postwise import`: a school's policy as it arrives (a Word document, or the text Word saves)
//! turned into a policy folder in the project's format, ready for a person to check.
//!
//! 1. Read: `docx` or `txt` turns the file into `blocks::Block`s (headings, numbered
//!    paragraphs, list items with their depth, tables), dropping the contents list and
//!    conversion debris.
//! 2. `forms` turns the lines to fill in of appendix forms into fields.
//! 3. `outline` gives every clause its id; `markdown` writes `policy.md`.
//! 4. `facts` finds the school's name, review dates, channels and blocked sites for
//!    `school.toml`, with `# TODO (import):` where a person must decide.
//! 5. `rules` proposes rules from the sentences whose wording (`wording`) matches a known
//!    obligation (`obligations`); `rules_toml` writes them with examples (`examples`) checked
//!    against the school's own checker.
//! 6. `verify` lints the three files in memory; `folder` writes them to a temporary folder
//!    beside the destination and renames it into place, so a failed import leaves nothing.
//! 7. The [`Report`] says what was recognised, what was guessed, and what needs a person.

mod blocks;
mod dates;
mod docx;
mod examples;
mod facts;
mod folder;
mod forms;
mod markdown;
mod names;
mod numbering;
mod obligations;
mod outline;
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

/// The largest file the import reads: a Word policy is a few hundred kilobytes, a few megabytes
/// with pictures; more is not one.
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
    /// A text file that is binary.
    #[error("{} is not text: save the policy from Word as plain text (.txt), or import the .docx", path.display())]
    NotText {
        /// The file.
        path: PathBuf,
    },
    /// An extension the import does not read.
    #[error("{} is not a .docx or .txt file: save the policy from Word as one of those", path.display())]
    UnsupportedType {
        /// The file.
        path: PathBuf,
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
pub(crate) struct Files {
    pub(crate) school: String,
    pub(crate) policy: String,
    pub(crate) rules: String,
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

fn read_source(path: &Path) -> Result<Read, ImportError> {
    let unreadable = |source| ImportError::Unreadable { path: path.to_owned(), source };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > SIZE_LIMIT {
        return Err(ImportError::TooLarge { path: path.to_owned(), size });
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
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
            let read = docx::read(&bytes).map_err(|e| match e {
                docx::DocxProblem::TooMuchText => ImportError::TooMuchText { path: path.to_owned(), size: TEXT_LIMIT },
                e => ImportError::NotDocx { path: path.to_owned(), reason: e.to_string() },
            })?;
            Ok(Read { blocks: read.blocks, notes: read.notes, guesses: read.guesses, lost: read.lost })
        }
        "txt" | "text" => {
            let decoded = decode_text(&bytes).ok_or_else(|| ImportError::NotText { path: path.to_owned() })?;
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

/// Words that show a document is about social media.
const SOCIAL_MEDIA_WORDS: [&str; 10] = [
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

fn check_is_policy(path: &Path, blocks: &[blocks::Block]) -> Result<(), ImportError> {
    if blocks.is_empty() {
        return Err(ImportError::Empty { path: path.to_owned() });
    }
    let size: usize = blocks.iter().map(|b| b.text().len()).sum();
    if size > TEXT_LIMIT {
        return Err(ImportError::TooMuchText { path: path.to_owned(), size });
    }
    let structured = blocks
        .iter()
        .any(|b| matches!(b, blocks::Block::Heading { .. } | blocks::Block::Paragraph { label: Some(_), .. }));
    if !structured {
        return Err(ImportError::NotAPolicy {
            path: path.to_owned(),
            reason: "it has no headings and no numbered clauses".to_owned(),
        });
    }
    let text: String = blocks.iter().map(blocks::Block::text).collect::<Vec<_>>().join(" ").to_lowercase();
    if !SOCIAL_MEDIA_WORDS.iter().any(|w| text.contains(w)) {
        return Err(ImportError::NotAPolicy {
            path: path.to_owned(),
            reason: "it never mentions social media, social networks or being online".to_owned(),
        });
    }
    Ok(())
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
    let shared = read_shared(&options.out)?;
    let read = read_source(source)?;
    check_is_policy(source, &read.blocks)?;
    let mut report = Report { source: source.to_owned(), out: options.out.clone(), ..Report::default() };
    for note in read.notes {
        report.recognised(note);
    }
    for guess in read.guesses {
        report.guessed(guess);
    }
    for lost in read.lost {
        report.needs_person(lost);
    }
    let (blocks, forms) = forms::recognise(read.blocks);
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
    let files = Files { school: school_toml, policy: policy_md, rules: String::new() };
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
    folder::write(&options.out, &files, options.force)?;
    Ok(report)
}
