//! AFL++ target: [`postwise_fuzz::answers`].

fn main() {
    afl::fuzz!(|data: &[u8]| postwise_fuzz::answers(data));
}
