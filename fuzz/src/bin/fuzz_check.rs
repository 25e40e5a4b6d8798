//! AFL++ target: [`postwise_fuzz::check`].

fn main() {
    afl::fuzz!(|data: &[u8]| postwise_fuzz::check(data));
}
