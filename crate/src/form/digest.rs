//! SHA-256 in lowercase hex, for record digests, policy versions and key ids; and hex itself,
//! the one way keys and signatures are written in records, key files and `school.toml`.

use sha2::{Digest, Sha256};

/// `bytes` as lowercase hex, two digits a byte.
pub fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(HEX[usize::from(byte >> 4)] as char);
        out.push(HEX[usize::from(byte & 0xf)] as char);
    }
    out
}

/// The bytes of lowercase hex `text`, or `None` when it is not that (odd length, another
/// character, capitals: a key or signature is written one way only).
pub fn from_hex(text: &str) -> Option<Vec<u8>> {
    let digit = |b: u8| match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        _ => None,
    };
    if !text.len().is_multiple_of(2) {
        return None;
    }
    text.as_bytes().chunks(2).map(|pair| Some(digit(pair[0])? << 4 | digit(pair[1])?)).collect()
}

/// The SHA-256 of `bytes` as 64 lowercase hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// How many hex digits of `policy.md`'s SHA-256 name a policy version.
pub const VERSION_DIGITS: usize = 12;

/// A policy's version: the first 12 hex digits of the SHA-256 of its `policy.md`, so any change
/// to the text, even one word, is a new version, and the same text is the same version on any
/// machine.
pub fn policy_version(policy_md: &str) -> String {
    let mut hex = sha256_hex(policy_md.as_bytes());
    hex.truncate(VERSION_DIGITS);
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_matches_the_standard_test_vectors() {
        assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn hex_round_trips_and_refuses_anything_else() {
        assert_eq!(hex(&[0, 1, 0xab, 0xff]), "0001abff");
        assert_eq!(from_hex("0001abff"), Some(vec![0, 1, 0xab, 0xff]));
        assert_eq!(from_hex(""), Some(Vec::new()));
        for bad in ["0", "0g", "AB", "0x00", " 00"] {
            assert_eq!(from_hex(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_policy_version_is_twelve_hex_digits_that_follow_the_text() {
        assert_eq!(policy_version(""), "e3b0c44298fc");
        assert_ne!(policy_version("5.6 Staff must not"), policy_version("5.6 Staff must not "));
    }
}
