//! What an import recognised, what it guessed, and what needs a person, printed after it runs.

use std::fmt;
use std::path::PathBuf;

/// The import's account of itself.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// The file imported.
    pub source: PathBuf,
    /// The folder written.
    pub out: PathBuf,
    /// How many headings, paragraphs, list items, form fields and tables the policy has.
    pub counts: Counts,
    /// How many rules were proposed.
    pub rules: usize,
    /// Taken from the text as it stands.
    pub recognised: Vec<String>,
    /// Inferred: right most of the time, worth a look.
    pub guessed: Vec<String>,
    /// Not found or not decidable: a person must fill it in.
    pub needs_person: Vec<String>,
}

/// The policy's blocks by kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Headings.
    pub headings: usize,
    /// Paragraphs.
    pub paragraphs: usize,
    /// List items (form fields included).
    pub items: usize,
    /// Form fields.
    pub fields: usize,
    /// Tables.
    pub tables: usize,
}

impl Report {
    pub(crate) fn recognised(&mut self, line: String) {
        self.recognised.push(line);
    }

    pub(crate) fn guessed(&mut self, line: String) {
        self.guessed.push(line);
    }

    pub(crate) fn needs_person(&mut self, line: String) {
        self.needs_person.push(line);
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.counts;
        writeln!(f, "imported {} into {}", self.source.display(), self.out.display())?;
        writeln!(
            f,
            "  {} headings, {} paragraphs, {} list items ({} form fields), {} tables; {} proposed rules",
            c.headings, c.paragraphs, c.items, c.fields, c.tables, self.rules
        )?;
        for (title, lines) in [
            ("recognised", &self.recognised),
            ("guessed (check these)", &self.guessed),
            ("needs a person", &self.needs_person),
        ] {
            writeln!(f, "\n{title}:")?;
            if lines.is_empty() {
                writeln!(f, "  (nothing)")?;
            }
            for line in lines {
                writeln!(f, "  - {line}")?;
            }
        }
        writeln!(
            f,
            "\nnext: read {0}/policy.md against the original, confirm or delete each proposed rule in \
             {0}/rules.toml, fill the TODOs in {0}/school.toml, then run `postwise lint --policy {0}`.",
            self.out.display()
        )
    }
}
