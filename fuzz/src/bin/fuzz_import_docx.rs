//! AFL++ target: [`postwise_fuzz::import_docx`].

fn main() {
    afl::fuzz!(|data: &[u8]| postwise_fuzz::import_docx(data));
}
