//! The school's key: an Ed25519 key pair with which the office countersigns the records it
//! receives (`receipt.rs`). The public half is published in `school.toml` with the dates it
//! may be used (several keys, so a lost key is replaced and receipts made with the old one
//! still verify); the private half lives only in the office's key file, sealed with a
//! passphrase (PBKDF2-HMAC-SHA256, then ChaCha20-Poly1305), made by `postwise keys new` or by
//! the office page. `RECORD.md` in this folder specifies both.
//!
//! Nothing here draws random numbers: the callers pass them in (the operating system's
//! generator natively, `crypto.getRandomValues` in the browser), so the code is the same and
//! tests are repeatable.

use super::canonical::Value;
use super::digest::{from_hex, hex, sha256_hex};
use super::json;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Nonce};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};

/// What a public key's text starts with, in `school.toml`, key files and on the site.
pub const PUBLIC_KEY_PREFIX: &str = "ed25519:";

/// The `format` of a key file.
pub const KEY_FILE_FORMAT: &str = "postwise-school-key/1";

/// How many random bytes making a key takes: the private seed, the salt and the nonce.
pub const KEY_RANDOM_BYTES: usize = 32 + SALT_BYTES + NONCE_BYTES;

const SALT_BYTES: usize = 16;
const NONCE_BYTES: usize = 12;

/// The shortest passphrase a key file may have: long enough for three random words.
pub const MIN_PASSPHRASE: usize = 12;

/// PBKDF2-HMAC-SHA256's rounds for new key files: OWASP's figure for it (2023). The unit tests,
/// unoptimised, use fewer; everything else (the command, the browser, integration tests) these.
const PBKDF2_ROUNDS: u32 = if cfg!(test) { 1_000 } else { 600_000 };

/// The rounds a key file may ask for: enough for any sensible file, not so many that a crafted
/// one keeps the office page busy for minutes.
const PBKDF2_MIN_ROUNDS: u32 = if cfg!(test) { 1_000 } else { 100_000 };
const PBKDF2_MAX_ROUNDS: u32 = 10_000_000;

/// A school's public key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

impl PublicKey {
    /// The key written as `ed25519:` and 64 hex digits, or why it is not one.
    pub fn parse(text: &str) -> Result<PublicKey, String> {
        let bytes = text
            .strip_prefix(PUBLIC_KEY_PREFIX)
            .and_then(from_hex)
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .ok_or_else(|| format!("a public key is `{PUBLIC_KEY_PREFIX}` and 64 lowercase hex digits"))?;
        let key = VerifyingKey::from_bytes(&bytes).map_err(|_| "that public key is not a point on Ed25519's curve")?;
        if key.is_weak() {
            return Err("that public key is a weak (small-order) point: make a new key".to_owned());
        }
        Ok(PublicKey(key))
    }

    /// `ed25519:` and the key's 64 hex digits.
    pub fn to_text(&self) -> String {
        format!("{PUBLIC_KEY_PREFIX}{}", hex(self.0.as_bytes()))
    }

    /// The key's id in receipts: the first 16 hex digits of the SHA-256 of its 32 bytes.
    pub fn id(&self) -> String {
        let mut id = sha256_hex(self.0.as_bytes());
        id.truncate(16);
        id
    }

    /// Whether `signature` (128 hex digits) is this key's signature of `message`. Strict
    /// verification (RFC 8032's checks, and no small-order keys or signatures).
    pub fn verifies(&self, message: &[u8], signature: &str) -> bool {
        let Some(bytes) = from_hex(signature).and_then(|b| <[u8; 64]>::try_from(b).ok()) else { return false };
        self.0.verify_strict(message, &Signature::from_bytes(&bytes)).is_ok()
    }
}

/// A key the school publishes, with the days it may be used: a receipt is valid when the day
/// it was made falls between them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchoolKey {
    /// The public key.
    pub public_key: PublicKey,
    /// The first day it may sign, `YYYY-MM-DD`.
    pub valid_from: String,
    /// The last day it may sign, `YYYY-MM-DD`; none while it is in use.
    pub valid_to: Option<String>,
}

impl SchoolKey {
    /// Whether the key may sign on `day` (`YYYY-MM-DD`; the fixed format compares as text).
    pub fn valid_on(&self, day: &str) -> bool {
        self.valid_from.as_str() <= day && self.valid_to.as_deref().is_none_or(|to| day <= to)
    }

    /// As JSON for the browser: `{id, public_key, valid_from, valid_to?}`.
    pub fn to_value(&self) -> Value {
        Value::object([
            ("id", Some(Value::string(&self.public_key.id()))),
            ("public_key", Some(Value::string(&self.public_key.to_text()))),
            ("valid_from", Some(Value::string(&self.valid_from))),
            ("valid_to", self.valid_to.as_deref().map(Value::string)),
        ])
    }
}

/// The keys in `text`, a JSON list of `{public_key, valid_from, valid_to?}` (as the site
/// publishes them); `id` may be there too and is worked out again, not trusted.
pub fn keys_from_json(text: &str) -> Result<Vec<SchoolKey>, String> {
    let Value::Array(items) = json::parse(text)? else { return Err("the keys must be a JSON list".to_owned()) };
    items
        .iter()
        .map(|item| {
            let text = |name: &str| item.get(name).and_then(Value::as_str);
            let public_key = PublicKey::parse(text("public_key").unwrap_or_default())?;
            let valid_from = text("valid_from").ok_or("a key has no `valid_from`")?.to_owned();
            Ok(SchoolKey { public_key, valid_from, valid_to: text("valid_to").map(str::to_owned) })
        })
        .collect()
}

/// The office's key: the private half, and the school it signs for.
pub struct OfficeKey {
    signing: SigningKey,
    /// The school's id.
    pub school: String,
}

impl std::fmt::Debug for OfficeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the private half, even in a debug message.
        f.debug_struct("OfficeKey").field("school", &self.school).field("id", &self.public_key().id()).finish()
    }
}

impl OfficeKey {
    /// The key whose private seed is `seed` (32 random bytes), for `school`.
    pub fn from_seed(seed: &[u8; 32], school: &str) -> OfficeKey {
        OfficeKey { signing: SigningKey::from_bytes(seed), school: school.to_owned() }
    }

    /// Its public half.
    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.signing.verifying_key())
    }

    /// The signature of `message`, as 128 hex digits. Ed25519 signatures are deterministic: the
    /// same key and message always give the same signature.
    pub fn sign(&self, message: &[u8]) -> String {
        hex(&self.signing.sign(message).to_bytes())
    }

    /// A new key and its key file, sealed with `passphrase`, from `random`
    /// ([`KEY_RANDOM_BYTES`] random bytes: the seed, the salt, the nonce). The file is JSON
    /// text (`RECORD.md`, "The school's key").
    pub fn generate(school: &str, passphrase: &str, random: &[u8]) -> Result<(OfficeKey, String), String> {
        let random: &[u8; KEY_RANDOM_BYTES] = random.try_into().map_err(|_| "not enough random bytes for a key")?;
        let (seed, rest) = random.split_at(32);
        let (salt, nonce) = rest.split_at(SALT_BYTES);
        let seed: &[u8; 32] = seed.try_into().map_err(|_| "not enough random bytes for a key")?;
        if passphrase.chars().count() < MIN_PASSPHRASE {
            return Err(format!(
                "The passphrase must be {MIN_PASSPHRASE} characters or more: three random words are easy to remember and hard to guess"
            ));
        }
        let key = OfficeKey::from_seed(seed, school);
        let sealing = sealing_key(passphrase, salt, PBKDF2_ROUNDS)?;
        let sealed =
            sealing.encrypt(&nonce_of(nonce)?, &seed[..]).map_err(|_| "the key could not be sealed".to_owned())?;
        let file = Value::object([
            ("format", Some(Value::string(KEY_FILE_FORMAT))),
            ("school", Some(Value::string(school))),
            ("key", Some(Value::string(&key.public_key().id()))),
            ("public_key", Some(Value::string(&key.public_key().to_text()))),
            ("kdf", Some(Value::string(&format!("pbkdf2-hmac-sha256 rounds={PBKDF2_ROUNDS} salt={}", hex(salt))))),
            ("cipher", Some(Value::string(&format!("chacha20-poly1305 nonce={}", hex(nonce))))),
            ("sealed_private_key", Some(Value::string(&hex(&sealed)))),
        ]);
        Ok((key, file.to_canonical()))
    }

    /// Opens the key file `text` with `passphrase`.
    pub fn open(text: &str, passphrase: &str) -> Result<OfficeKey, String> {
        const NOT_A_KEY: &str = "This is not a school key file made by Postwise";
        let file = json::parse(text).map_err(|_| NOT_A_KEY.to_owned())?;
        let member = |name: &str| file.get(name).and_then(Value::as_str).ok_or_else(|| NOT_A_KEY.to_owned());
        if member("format")? != KEY_FILE_FORMAT {
            return Err(format!("{NOT_A_KEY}, or it was made by a newer version"));
        }
        let public_key = PublicKey::parse(member("public_key")?)?;
        let (rounds, salt) = parse_kdf(member("kdf")?).ok_or_else(|| NOT_A_KEY.to_owned())?;
        let nonce = member("cipher")?
            .strip_prefix("chacha20-poly1305 nonce=")
            .and_then(from_hex)
            .ok_or_else(|| NOT_A_KEY.to_owned())?;
        let sealed = from_hex(member("sealed_private_key")?).ok_or_else(|| NOT_A_KEY.to_owned())?;
        let sealing = sealing_key(passphrase, &salt, rounds)?;
        let seed = sealing
            .decrypt(&nonce_of(&nonce)?, sealed.as_slice())
            .map_err(|_| "The passphrase is not right for this key file".to_owned())?;
        let seed: [u8; 32] = seed.as_slice().try_into().map_err(|_| NOT_A_KEY.to_owned())?;
        let key = OfficeKey::from_seed(&seed, member("school")?);
        if key.public_key() != public_key {
            return Err("The key file's public key does not match its private key: it has been changed".to_owned());
        }
        Ok(key)
    }
}

/// `pbkdf2-hmac-sha256 rounds=<n> salt=<hex>`, within the limits.
fn parse_kdf(text: &str) -> Option<(u32, Vec<u8>)> {
    let (rounds, salt) = text.strip_prefix("pbkdf2-hmac-sha256 rounds=")?.split_once(" salt=")?;
    let rounds: u32 = rounds.parse().ok()?;
    let salt = from_hex(salt)?;
    ((PBKDF2_MIN_ROUNDS..=PBKDF2_MAX_ROUNDS).contains(&rounds) && salt.len() >= 8).then_some((rounds, salt))
}

fn nonce_of(bytes: &[u8]) -> Result<Nonce, String> {
    Nonce::try_from(bytes).map_err(|_| "a key file's nonce is 12 bytes".to_owned())
}

/// The key that seals the private seed: PBKDF2-HMAC-SHA256 of the passphrase.
fn sealing_key(passphrase: &str, salt: &[u8], rounds: u32) -> Result<ChaCha20Poly1305, String> {
    let mut key = pbkdf2::pbkdf2_hmac_array::<sha2::Sha256, 32>(passphrase.as_bytes(), salt, rounds);
    let cipher = ChaCha20Poly1305::new_from_slice(&key).map_err(|_| "key file settings".to_owned());
    key.fill(0);
    cipher
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::testing::office_key as test_key;

    fn random(byte: u8) -> Vec<u8> {
        (0..KEY_RANDOM_BYTES).map(|i| byte.wrapping_add(i as u8)).collect()
    }

    #[test]
    fn a_public_key_round_trips_and_has_a_short_id() {
        let key = test_key().public_key();
        let text = key.to_text();
        assert!(text.starts_with("ed25519:") && text.len() == 8 + 64, "{text}");
        assert_eq!(PublicKey::parse(&text), Ok(key.clone()));
        assert_eq!(key.id().len(), 16);
        assert_eq!(key.id(), sha256_hex(&from_hex(&text[8..]).unwrap_or_default())[..16]);
        for bad in ["", "ed25519:", &text[8..], &text.to_uppercase(), &format!("{text}00"), "p256:00"] {
            assert!(PublicKey::parse(bad).is_err(), "{bad}");
        }
        // The identity point is on the curve but of small order: refused.
        let weak = format!("ed25519:01{}", "0".repeat(62));
        assert!(PublicKey::parse(&weak).unwrap_err().contains("weak"));
    }

    #[test]
    fn a_signature_verifies_only_for_its_message_and_key() {
        let key = test_key();
        let signature = key.sign(b"received");
        assert_eq!(signature.len(), 128);
        assert_eq!(signature, key.sign(b"received"), "deterministic");
        assert!(key.public_key().verifies(b"received", &signature));
        assert!(!key.public_key().verifies(b"received!", &signature));
        let other = OfficeKey::from_seed(&[8; 32], "chestnuts");
        assert!(!other.public_key().verifies(b"received", &signature));
        assert!(!key.public_key().verifies(b"received", &signature[..126]));
        assert!(!key.public_key().verifies(b"received", "zz"));
    }

    #[test]
    fn a_key_file_opens_with_its_passphrase_only() {
        let (key, file) = OfficeKey::generate("chestnuts", "correct horse battery", &random(1)).expect("made");
        assert!(file.contains(KEY_FILE_FORMAT) && !file.contains(&hex(&[1u8; 32])), "{file}");
        let opened = OfficeKey::open(&file, "correct horse battery").expect("opens");
        assert_eq!(opened.public_key(), key.public_key());
        assert_eq!(opened.school, "chestnuts");
        assert_eq!(opened.sign(b"x"), key.sign(b"x"));
        assert!(OfficeKey::open(&file, "correct horse battery!").unwrap_err().contains("passphrase is not right"));
        assert!(format!("{opened:?}").contains(&key.public_key().id()));
        assert!(!format!("{opened:?}").contains("signing"));
    }

    #[test]
    fn a_short_passphrase_or_a_changed_file_is_refused() {
        assert!(OfficeKey::generate("s", "too short", &random(1)).unwrap_err().contains("12 characters"));
        assert!(OfficeKey::generate("s", "long enough words", &random(1)[1..]).is_err());
        let (_, file) = OfficeKey::generate("s", "long enough words", &random(1)).expect("made");
        let other = OfficeKey::from_seed(&[9; 32], "s").public_key().to_text();
        let swapped =
            file.replace(&OfficeKey::open(&file, "long enough words").expect("opens").public_key().to_text(), &other);
        assert!(OfficeKey::open(&swapped, "long enough words").unwrap_err().contains("does not match"));
        let greedy = file.replace(&format!("rounds={PBKDF2_ROUNDS}"), "rounds=4000000000");
        assert_ne!(greedy, file);
        assert!(OfficeKey::open(&greedy, "long enough words").unwrap_err().contains("not a school key file"));
        assert!(OfficeKey::open("{}", "long enough words").is_err());
        assert!(OfficeKey::open("not json", "long enough words").is_err());
    }

    #[test]
    fn keys_are_valid_between_their_days() {
        let key = SchoolKey {
            public_key: test_key().public_key(),
            valid_from: "2026-09-01".to_owned(),
            valid_to: Some("2027-08-31".to_owned()),
        };
        assert!(!key.valid_on("2026-08-31"));
        assert!(key.valid_on("2026-09-01") && key.valid_on("2027-08-31"));
        assert!(!key.valid_on("2027-09-01"));
        let open = SchoolKey { valid_to: None, ..key.clone() };
        assert!(open.valid_on("2099-01-01"));
        let json = Value::Array(vec![key.to_value(), open.to_value()]).to_canonical();
        assert_eq!(keys_from_json(&json), Ok(vec![key, open]));
        assert!(keys_from_json("[{\"public_key\":\"ed25519:00\"}]").is_err());
        assert!(keys_from_json("{}").is_err());
    }
}
