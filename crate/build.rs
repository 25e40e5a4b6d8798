//! Front-codes the name lists (`lexicons/first-names.txt`, `lexicons/surnames.txt`) for the
//! checker: each entry is written as how many leading bytes it shares with the entry before
//! it (one digit, at most 9), then the rest; the `#` header is left out. Sorted names share
//! long prefixes, so the coded lists gzip to a quarter less (64 KB → 48 KB): that is what keeps
//! the checker page's first download under its 300 KB budget. `lexicon::front_decoded` reads
//! them back; the lists in the repository stay one readable name per line.
#![allow(clippy::expect_used, reason = "a build script reports a problem by panicking")]

use std::path::Path;

const FRONT_CODED: [&str; 2] = ["first-names.txt", "surnames.txt"];

fn main() {
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    for name in FRONT_CODED {
        let source = Path::new("lexicons").join(name);
        println!("cargo::rerun-if-changed={}", source.display());
        let text = std::fs::read_to_string(&source).expect("the name lists are UTF-8 text in crate/lexicons");
        std::fs::write(Path::new(&out).join(name), front_code(&text)).expect("OUT_DIR is writable");
    }
}

fn front_code(text: &str) -> String {
    let mut coded = String::with_capacity(text.len());
    let mut previous = "";
    for line in text.lines().map(str::trim_end).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let mut shared = previous.bytes().zip(line.bytes()).take(9).take_while(|(a, b)| a == b).count();
        while !line.is_char_boundary(shared) {
            shared -= 1;
        }
        coded.push(char::from(b'0' + u8::try_from(shared).expect("at most 9")));
        coded.push_str(&line[shared..]);
        coded.push('\n');
        previous = line;
    }
    coded
}
