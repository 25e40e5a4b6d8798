//! AFL++ target: [`postwise_fuzz::serve_request`].

fn main() {
    afl::fuzz!(|data: &[u8]| postwise_fuzz::serve_request(data));
}
