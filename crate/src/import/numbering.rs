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

    fn show(self, n: u32) -> String {
        match self {
            Format::Decimal => n.to_string(),
            Format::LowerLetter => letters(n),
            Format::UpperLetter => letters(n).to_uppercase(),
            Format::LowerRoman => roman(n),
            Format::UpperRoman => roman(n).to_uppercase(),
            Format::Bullet | Format::None => String::new(),
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
                        let index = attribute(&e, b"ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        level = Some((index, Level { start: 1, ..Level::default() }));
                    }
                    b"start" => {
                        if let Some((_, level)) = &mut level {
                            level.start = attribute(&e, b"val").and_then(|v| v.parse().ok()).unwrap_or(1);
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
        counts[ilvl] = if counts[ilvl] == 0 { level.start.max(1) } else { counts[ilvl] + 1 };
        for deeper in &mut counts[ilvl + 1..] {
            *deeper = 0;
        }
        // Levels above that have not been counted yet show their start.
        let mut shown = level.text.clone();
        for (index, above) in levels.iter().enumerate().take(ilvl + 1) {
            let count = if counts[index] == 0 { above.start.max(1) } else { counts[index] };
            shown = shown.replace(&format!("%{}", index + 1), &above.format.show(count));
        }
        Marker::Number(shown.trim().to_owned())
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
}
