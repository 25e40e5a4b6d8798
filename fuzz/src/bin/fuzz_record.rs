//! AFL++ target: [`postwise_fuzz::record`].

fn main() {
    afl::fuzz!(|data: &[u8]| postwise_fuzz::record(data));
}
