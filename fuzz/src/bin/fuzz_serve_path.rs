//! AFL++ target: [`postwise_fuzz::serve_path`].

fn main() {
    afl::fuzz!(|data: &[u8]| postwise_fuzz::serve_path(data));
}
