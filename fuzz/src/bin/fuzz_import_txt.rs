//! AFL++ target: [`postwise_fuzz::import_txt`].

fn main() {
    afl::fuzz!(|data: &[u8]| postwise_fuzz::import_txt(data));
}
