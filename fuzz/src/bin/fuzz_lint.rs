//! AFL++ target: [`postwise_fuzz::lint`].

fn main() {
    afl::fuzz!(|data: &[u8]| postwise_fuzz::lint(data));
}
