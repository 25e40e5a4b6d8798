//! Word's list numbering (`word/numbering.xml`): which lists are bullets and which numbers,
//! and the number Word shows beside each numbered paragraph ("1.", "2.3", "b)"), counted as
//! Word counts them.
//!
//! A paragraph names a list (`w:numId`) and a level (`w:ilvl`); the list points at an abstract
//! definition whose level gives the format (`decimal`, `lowerLetter`, `bullet`, …), the start
//! and the text (`%1.%2.`).

use super::blocks::{letters, roman};
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use std::collections::HashMap;

/// The highest number Word counts to in a list level (its own limit for a level's start):
/// counters stop there, so a damaged or hostile `w:start` cannot make labels of any size.
const MAX_COUNT: u32 = 32_767;

/// The longest label kept: a real one is "1.2.3." or "(xxviii)"; longer is a damaged
/// `w:lvlText`, cut here so it cannot grow the clause ids.
const MAX_LABEL_CHARS: usize = 32;

/// The largest number shown as a roman numeral (`mmmcmxcix`) or as letters (`zz`); Word shows
/// larger ones in ways no policy uses, and they become long labels, so they show as decimals.
const MAX_ROMAN: u32 = 3_999;
const MAX_LETTERS: u32 = 702;

/// How a list level shows its number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum Format {
    /// 1, 2, 3
    #[default]
    Decimal,
    /// a, b, c
    LowerLetter,
    /// A, B, C
    UpperLetter,
    /// i, ii, iii
    LowerRoman,
    /// I, II, III
    UpperRoman,
    /// A bullet: no number.
    Bullet,
    /// No number shown.
    None,
}

impl Format {
    fn from_word(value: &str) -> Format {
        match value {
            "lowerLetter" => Format::LowerLetter,
            "upperLetter" => Format::UpperLetter,
            "lowerRoman" => Format::LowerRoman,
            "upperRoman" => Format::UpperRoman,
            "bullet" => Format::Bullet,
            "none" => Format::None,
            _ => Format::Decimal,
        }
    }

    /// `n` as this format shows it; numbers past what the format shows well are decimals.
    fn show(self, n: u32) -> String {
        match self {
            Format::LowerLetter if n <= MAX_LETTERS => letters(n),
            Format::UpperLetter if n <= MAX_LETTERS => letters(n).to_uppercase(),
            Format::LowerRoman if n <= MAX_ROMAN => roman(n),
            Format::UpperRoman if n <= MAX_ROMAN => roman(n).to_uppercase(),
            Format::Bullet | Format::None => String::new(),
            _ => n.to_string(),
        }
    }
}

/// One level of a list definition.
#[derive(Clone, Debug, Default)]
struct Level {
    format: Format,
    /// `%1.%2.`: the number as shown, `%n` standing for level n's count.
    text: String,
    start: u32,
}

/// A list's number as Word shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Marker {
    /// A bullet.
    Bullet,
    /// A number, letter or numeral, as shown ("1.", "2.3", "b)"); empty for `none`.
    Number(String),
}

/// The lists of a document and their counts so far.
#[derive(Clone, Debug, Default)]
pub(crate) struct Numbering {
    /// Abstract definitions by id: their levels.
    abstracts: HashMap<String, Vec<Level>>,
    /// Lists (`w:num`) by id: their abstract definition.
    lists: HashMap<String, String>,
    /// Counts so far, per list, per level.
    counts: HashMap<String, [u32; 9]>,
    /// The largest start past Word's limit, which was held to the limit.
    capped_start: Option<u64>,
    /// How many labels were cut to [`MAX_LABEL_CHARS`].
    labels_cut: usize,
}

/// An attribute's value by its local name (`w:val` is `val`), entities resolved.
pub(crate) fn attribute(element: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

impl Numbering {
    /// Reads `numbering.xml`. A part that cannot be read gives no lists: paragraphs then read
    /// as plain paragraphs, which loses numbers but not text.
    pub(crate) fn parse(xml: &str) -> Numbering {
        let mut numbering = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut list_id: Option<String> = None;
        let mut level: Option<(usize, Level)> = None;
        loop {
            let event = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(event) => event,
            };
            match event {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    b"abstractNum" => abstract_id = attribute(&e, b"abstractNumId"),
                    b"num" => list_id = attribute(&e, b"numId"),
                    b"abstractNumId" => {
                        if let (Some(list), Some(target)) = (&list_id, attribute(&e, b"val")) {
                            numbering.lists.insert(list.clone(), target);
                        }
                    }
                    b"lvl" if abstract_id.is_some() => {
                        // Word has nine levels; another index is a damaged file, not a reason
                        // to allocate.
                        let index = attribute(&e, b"ilvl").and_then(|v| v.parse::<usize>().ok()).filter(|i| *i < 9);
                        level = index.map(|index| (index, Level { start: 1, ..Level::default() }));
                    }
                    b"start" => {
                        if let Some((_, level)) = &mut level {
                            let start = attribute(&e, b"val").and_then(|v| v.parse::<u64>().ok()).unwrap_or(1);
                            level.start = u32::try_from(start).unwrap_or(u32::MAX).min(MAX_COUNT);
                            if start > u64::from(MAX_COUNT) {
                                numbering.capped_start = numbering.capped_start.max(Some(start));
                            }
                        }
                    }
                    b"numFmt" => {
                        if let Some((_, level)) = &mut level {
                            level.format = Format::from_word(&attribute(&e, b"val").unwrap_or_default());
                        }
                    }
                    b"lvlText" => {
                        if let Some((_, level)) = &mut level {
                            level.text = attribute(&e, b"val").unwrap_or_default();
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    b"lvl" => {
                        if let (Some(id), Some((index, done))) = (&abstract_id, level.take()) {
                            let levels = numbering.abstracts.entry(id.clone()).or_default();
                            if levels.len() <= index {
                                levels.resize(index + 1, Level::default());
                            }
                            levels[index] = done;
                        }
                    }
                    b"abstractNum" => abstract_id = None,
                    b"num" => list_id = None,
                    _ => {}
                },
                _ => {}
            }
        }
        numbering
    }

    /// What was changed to keep numbers within Word's limits, for the import's report.
    pub(crate) fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if let Some(start) = self.capped_start {
            notes.push(format!(
                "a list in word/numbering.xml starts at {start}, past Word's limit of {MAX_COUNT}: counted from \
                 {MAX_COUNT}, and numbers too large for letters or roman numerals shown as decimals"
            ));
        }
        if self.labels_cut > 0 {
            notes.push(format!(
                "{} list label(s) longer than {MAX_LABEL_CHARS} characters (a damaged w:lvlText) cut to that length",
                self.labels_cut
            ));
        }
        notes
    }

    fn levels(&self, list: &str) -> Option<&Vec<Level>> {
        self.abstracts.get(self.lists.get(list)?)
    }

    /// Counts a paragraph of list `list` at level `ilvl` and gives its marker.
    pub(crate) fn next(&mut self, list: &str, ilvl: usize) -> Marker {
        let Some(levels) = self.levels(list).cloned() else {
            return Marker::Bullet;
        };
        let Some(level) = levels.get(ilvl) else {
            return Marker::Bullet;
        };
        if level.format == Format::Bullet {
            return Marker::Bullet;
        }
        let ilvl = ilvl.min(8);
        let counts = self.counts.entry(list.to_owned()).or_insert([0; 9]);
        counts[ilvl] = if counts[ilvl] == 0 { level.start.max(1) } else { (counts[ilvl] + 1).min(MAX_COUNT) };
        for deeper in &mut counts[ilvl + 1..] {
            *deeper = 0;
        }
        // Levels above that have not been counted yet show their start.
        let mut shown = level.text.clone();
        for (index, above) in levels.iter().enumerate().take(ilvl + 1) {
            let count = if counts[index] == 0 { above.start.max(1) } else { counts[index] };
            shown = shown.replace(&format!("%{}", index + 1), &above.format.show(count));
        }
        let shown = shown.trim();
        let label = match shown.char_indices().nth(MAX_LABEL_CHARS) {
            Some((cut, _)) => {
                self.labels_cut += 1;
                &shown[..cut]
            }
            None => shown,
        };
        Marker::Number(label.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:numbering xmlns:w="w">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
        <w:lvl w:ilvl="2"><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="6"><w:abstractNumId w:val="1"/></w:num>
    </w:numbering>"#;

    #[test]
    fn numbers_as_word_shows_them() {
        let mut numbering = Numbering::parse(XML);
        let mut shown = Vec::new();
        for ilvl in [0, 1, 1, 2, 2, 0, 1] {
            shown.push(numbering.next("5", ilvl));
        }
        let number = |s: &str| Marker::Number(s.to_owned());
        assert_eq!(
            shown,
            [number("1."), number("1.1."), number("1.2."), number("a)"), number("b)"), number("2."), number("2.1.")]
        );
        assert_eq!(numbering.next("6", 0), Marker::Bullet);
        assert_eq!(numbering.next("99", 0), Marker::Bullet, "an undefined list");
    }

    fn one_level(format: &str, start: &str, text: &str) -> Numbering {
        Numbering::parse(&format!(
            r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">
            <w:start w:val="{start}"/><w:numFmt w:val="{format}"/><w:lvlText w:val="{text}"/></w:lvl>
            </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
        ))
    }

    #[test]
    fn a_huge_start_is_held_to_words_limit_and_shown_as_a_decimal() {
        // A 967-byte document with this level once made a 214 MB roman numeral.
        let mut numbering = one_level("lowerRoman", "4294967000", "(%1)");
        assert_eq!(numbering.next("1", 0), Marker::Number("(32767)".to_owned()));
        assert_eq!(numbering.next("1", 0), Marker::Number("(32767)".to_owned()), "counting stops at the limit");
        assert!(numbering.notes().iter().any(|n| n.contains("starts at 4294967000")), "{:?}", numbering.notes());
        let mut numbering = one_level("upperLetter", "40000000", "%1.");
        assert_eq!(numbering.next("1", 0), Marker::Number("32767.".to_owned()));
        let mut numbering = one_level("lowerRoman", "3999", "%1");
        assert_eq!(numbering.next("1", 0), Marker::Number("mmmcmxcix".to_owned()));
        assert_eq!(numbering.next("1", 0), Marker::Number("4000".to_owned()));
        let mut numbering = one_level("lowerLetter", "702", "%1)");
        assert_eq!(numbering.next("1", 0), Marker::Number("zz)".to_owned()));
        assert_eq!(numbering.next("1", 0), Marker::Number("703)".to_owned()));
    }

    #[test]
    fn a_long_label_is_cut() {
        let mut numbering = one_level("decimal", "1", &format!("%1{}", "%1".repeat(200)));
        let Marker::Number(label) = numbering.next("1", 0) else { panic!("a number") };
        assert_eq!(label.chars().count(), MAX_LABEL_CHARS);
        numbering.next("1", 0);
        assert_eq!(
            numbering.notes(),
            ["2 list label(s) longer than 32 characters (a damaged w:lvlText) cut to that length"]
        );
    }
}
