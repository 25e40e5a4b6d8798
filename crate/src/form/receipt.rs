//! The school's receipt on a record: when it was received, which key signed it, and an Ed25519
//! signature over the record's canonical bytes, its digest and the receipt's other members
//! included (`RECORD.md`, "The school's receipt"). Only the school's office holds the private
//! key, so a valid receipt shows that no one has changed the record since the school received
//! it, which a digest alone cannot.

use super::canonical::Value;
use super::content::{Content, check_content};
use super::json;
use super::key::{OfficeKey, SchoolKey};
use super::model::Form;
use super::record::{FORMAT, utc_day, verify_value};

/// The `format` of receipts made by this version of Postwise.
pub const RECEIPT_FORMAT: &str = "postwise-form-receipt/1";

/// The receipt's members, all strings: `signature` last, over the others.
const RECEIPT_MEMBERS: [&str; 4] = ["format", "key", "received_at", "signature"];

/// What the receipt check found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Receipt {
    /// The record has no receipt: the school has not received it (or not given it back).
    None,
    /// A valid receipt, by one of the school's keys valid on the day it was made.
    Valid {
        /// When the school received it.
        received_at: String,
        /// The key's id.
        key: String,
    },
    /// A receipt that does not hold: why, in words.
    Invalid(String),
}

impl Receipt {
    /// As JSON for the browser: `{"result": "none" | "valid" | "invalid", "received_at"?,
    /// "key"?, "reason"?}`.
    pub fn to_value(&self) -> Value {
        let s = |t: &str| Some(Value::string(t));
        match self {
            Receipt::None => Value::object([("result", s("none"))]),
            Receipt::Valid { received_at, key } => {
                Value::object([("key", s(key)), ("received_at", s(received_at)), ("result", s("valid"))])
            }
            Receipt::Invalid(reason) => Value::object([("reason", s(reason)), ("result", s("invalid"))]),
        }
    }
}

/// The text a receipt's signature is over: the record's canonical JSON (RFC 8785) with its
/// digest, and with the receipt but for its `signature`.
pub fn signed_text(record: &Value) -> String {
    let mut unsigned = record.clone();
    if let Some(receipt) = unsigned.member_mut("receipt") {
        receipt.remove("signature");
    }
    unsigned.to_canonical()
}

/// Checks `record`'s receipt against the school's published `keys`.
pub fn check_receipt(record: &Value, keys: &[SchoolKey]) -> Receipt {
    let Some(receipt) = record.get("receipt") else { return Receipt::None };
    let Value::Object(members) = receipt else { return Receipt::Invalid("Its receipt is not one".to_owned()) };
    let text = |name: &str| receipt.get(name).and_then(Value::as_str);
    let well_formed = members.len() == RECEIPT_MEMBERS.len()
        && RECEIPT_MEMBERS.iter().all(|name| text(name).is_some())
        && text("format") == Some(RECEIPT_FORMAT);
    let (true, Some(key_id), Some(received_at), Some(signature)) =
        (well_formed, text("key"), text("received_at"), text("signature"))
    else {
        return Receipt::Invalid("Its receipt is not in a form this site makes".to_owned());
    };
    let Some(day) = utc_day(received_at) else {
        return Receipt::Invalid(format!("Its receipt's time `{received_at}` is not a UTC time"));
    };
    let submitted_at = record.get("submitted_at").and_then(Value::as_str).unwrap_or_default();
    if received_at < submitted_at {
        return Receipt::Invalid("Its receipt is dated before the record was sent".to_owned());
    }
    let Some(key) = keys.iter().find(|k| k.public_key.id() == key_id) else {
        return Receipt::Invalid(format!(
            "Its receipt is signed with a key (`{key_id}`) that this school does not publish"
        ));
    };
    if !key.valid_on(day) {
        let until = key.valid_to.as_deref().map_or(String::new(), |to| format!(" to {to}"));
        return Receipt::Invalid(format!(
            "Its receipt is dated {day}, when the key `{key_id}` was not in use (it is valid from {}{until})",
            key.valid_from
        ));
    }
    if !key.public_key.verifies(signed_text(record).as_bytes(), signature) {
        return Receipt::Invalid("Its receipt's signature does not match the record: it has been changed since the school received it, or the receipt was not made by the school".to_owned());
    }
    Receipt::Valid { received_at: received_at.to_owned(), key: key_id.to_owned() }
}

/// The school's receipt on the record file `text`, received at `received_at`
/// (`YYYY-MM-DDTHH:MM:SSZ`) and signed with `key`: the record with its `receipt`, or why the
/// school should not sign it. It signs only a record that matches its digest and the `form` as
/// the site defines it now, for its own school, with a key the site publishes for that day.
pub fn countersign(
    text: &str,
    form: Option<&Form>,
    key: &OfficeKey,
    keys: &[SchoolKey],
    received_at: &str,
) -> Result<Value, String> {
    let mut record = json::parse(text).map_err(|e| format!("It is not a record: {e}"))?;
    let verification = verify_value(&record, None).map_err(|e| format!("It is not a record: {e}"))?;
    if !verification.known_format {
        return Err(format!("It is not in the format this site makes ({FORMAT})"));
    }
    if record.get("receipt").is_some() {
        return Err("It has a receipt already".to_owned());
    }
    if !verification.intact {
        return Err("It has been changed since it was made: it does not match its digest".to_owned());
    }
    let school = record.get("school").and_then(|s| s.get("id")).and_then(Value::as_str);
    if school != Some(key.school.as_str()) {
        return Err(format!("It is for another school, not the one this key is for ({})", key.school));
    }
    match check_content(form, &record) {
        Content::Matches => {}
        Content::Differs(reason) => return Err(format!("It does not match the form: {reason}")),
        Content::UnknownVersion { version, known } => {
            return Err(format!(
                "It was made under policy version {version}, not the current version {known}: ask them to sign again"
            ));
        }
        Content::UnknownForm => return Err("This site has no such form for this school".to_owned()),
    }
    let Some(day) = utc_day(received_at) else { return Err(format!("`{received_at}` is not a UTC time")) };
    let submitted_at = record.get("submitted_at").and_then(Value::as_str).unwrap_or_default();
    if received_at < submitted_at {
        return Err("It was sent after now: check this device's clock".to_owned());
    }
    let id = key.public_key().id();
    let published = keys.iter().find(|k| k.public_key == key.public_key()).ok_or_else(|| {
        format!("This key ({id}) is not in the school's school.toml yet: add its public key and publish the site first")
    })?;
    if !published.valid_on(day) {
        return Err(format!("This key ({id}) is not in use on {day}, by the dates in school.toml"));
    }
    if let Some(receipt) = record.member_mut("receipt") {
        *receipt = Value::object([
            ("format", Some(Value::string(RECEIPT_FORMAT))),
            ("key", Some(Value::string(&id))),
            ("received_at", Some(Value::string(received_at))),
        ]);
    }
    let signature = key.sign(signed_text(&record).as_bytes());
    if let Some(receipt) = record.member_mut("receipt").and_then(|r| r.member_mut("signature")) {
        *receipt = Value::String(signature);
    }
    Ok(record)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::key::PublicKey;
    use crate::form::record::make_record;
    use crate::form::testing::{AT, RECEIVED_AT, agreement, answers, office_key, published};

    fn record_file() -> String {
        make_record(&agreement(), &answers(), AT).expect("valid answers").to_canonical()
    }

    fn countersigned() -> Value {
        countersign(&record_file(), Some(&agreement()), &office_key(), &published(), RECEIVED_AT).expect("signed")
    }

    /// The golden receipt: the bytes signed and the signature, fixed. Ed25519 signatures are
    /// deterministic, so this fails if the signed text or the signing changes: receipts the
    /// school has given would stop verifying. (Checked outside Rust too, with Python's
    /// `cryptography`: `Ed25519PublicKey.from_public_bytes(…).verify(signature, text)`.)
    #[test]
    fn a_fixed_record_has_a_fixed_receipt() {
        let record = countersigned();
        assert_eq!(
            office_key().public_key().to_text(),
            "ed25519:ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c"
        );
        let receipt = record.get("receipt").expect("a receipt");
        assert_eq!(receipt.get("key").and_then(Value::as_str), Some("fe812c12f3ab4ce6"));
        let text = signed_text(&record);
        assert!(text.starts_with(r#"{"answers":[{"answer":"Ann \"Annie\" Lee-Ōtsuka","#), "{text}");
        assert!(
            text.ends_with(concat!(
                r#""digest":"sha256:7f2e0d5f781b38c447f0f9daf961e3a1f5a196c93e65b0160b3cc3e90b884e5d","#,
                r#""form":{"clause":"appendix-3","id":"parent-agreement","title":"Acceptable use of the internet: agreement for parents and carers"},"#,
                r#""format":"postwise-form-record/1","#,
                r#""policy":{"reviewed":"2024-10-24","title":"Social Media Use Policy","version":"0123456789ab"},"#,
                r#""receipt":{"format":"postwise-form-receipt/1","key":"fe812c12f3ab4ce6","received_at":"2025-03-10T08:15:00Z"},"#,
                r#""school":{"id":"chestnuts","name":"Chestnuts Primary School"},"#,
                r#""submitted_at":"2025-03-07T09:41:05Z"}"#,
            )),
            "{text}"
        );
        assert_eq!(
            crate::form::digest::sha256_hex(text.as_bytes()),
            "41ed40d8a66f8f5c25213fe28df181bc27d3d5d53e034d4cee10c5b84f2b3435"
        );
        assert_eq!(
            receipt.get("signature").and_then(Value::as_str),
            Some(
                "f5e35200b9c4d6d655f7cb43ac61b95e72a23c1e84fd51dbcbd1853fa4e03d0912a371dd0c51b0b98ad8fcbb7644c2d2f1271a5d8d3e3dec9c54b2a5b67a840c"
            )
        );
        assert_eq!(
            check_receipt(&record, &published()),
            Receipt::Valid { received_at: RECEIVED_AT.to_owned(), key: "fe812c12f3ab4ce6".to_owned() }
        );
    }

    #[test]
    fn a_receipt_holds_only_by_a_published_key_in_use_that_day() {
        let record = countersigned();
        assert!(matches!(check_receipt(&record, &published()), Receipt::Valid { .. }));
        let invalid = |keys: &[SchoolKey]| match check_receipt(&record, keys) {
            Receipt::Invalid(reason) => reason,
            other => panic!("{other:?}"),
        };
        assert!(invalid(&[]).contains("that this school does not publish"));
        let mut expired = published();
        expired[0].valid_to = Some("2025-03-09".to_owned());
        assert!(invalid(&expired).contains("was not in use"), "{}", invalid(&expired));
        let mut later = published();
        later[0].valid_from = "2025-03-11".to_owned();
        assert!(invalid(&later).contains("was not in use"));
        // Another key with the same id cannot be: ids are worked out from the key.
        let stranger = OfficeKey::from_seed(&[1; 32], "chestnuts");
        let mut swapped = published();
        swapped[0].public_key = stranger.public_key();
        assert!(invalid(&swapped).contains("does not publish"));
        assert_eq!(
            check_receipt(&make_record(&agreement(), &answers(), AT).expect("made"), &published()),
            Receipt::None
        );
    }

    #[test]
    fn a_receipt_made_by_someone_else_does_not_hold() {
        // A forger with their own key, and the school's key id written in.
        let forger = OfficeKey::from_seed(&[2; 32], "chestnuts");
        let mut record = countersigned();
        let forged = forger.sign(signed_text(&record).as_bytes());
        *record.member_mut("receipt").unwrap().member_mut("signature").unwrap() = Value::String(forged);
        assert!(
            matches!(check_receipt(&record, &published()), Receipt::Invalid(reason) if reason.contains("signature does not match"))
        );
        let _ = PublicKey::parse(&forger.public_key().to_text()).expect("a key");
    }

    #[test]
    fn the_school_signs_only_what_it_should() {
        let key = office_key();
        let form = agreement();
        let sign = |text: &str, at: &str| countersign(text, Some(&form), &key, &published(), at);
        let file = record_file();
        assert!(sign(&file, RECEIVED_AT).is_ok());
        assert!(sign(&countersigned().to_canonical(), RECEIVED_AT).unwrap_err().contains("has a receipt already"));
        assert!(
            sign(&file.replace("Ann Lee", "Anne Lee"), RECEIVED_AT).unwrap_err().contains("does not match its digest")
        );
        assert!(sign(&file, "2025-03-07T09:41:04Z").unwrap_err().contains("sent after now"));
        assert!(sign(&file, "2025-09-01T08:00:00Z").unwrap_err().contains("not in use on 2025-09-01"));
        assert!(sign(&file, "tomorrow").is_err());
        assert!(sign("{}", RECEIVED_AT).is_err());
        let mut newer = agreement();
        newer.policy.version = "ffffffffffff".to_owned();
        let older = countersign(&file, Some(&newer), &key, &published(), RECEIVED_AT).unwrap_err();
        assert!(older.contains("ask them to sign again"), "{older}");
        let unpublished = OfficeKey::from_seed(&[3; 32], "chestnuts");
        let refused = countersign(&file, Some(&form), &unpublished, &published(), RECEIVED_AT).unwrap_err();
        assert!(refused.contains("not in the school's school.toml"), "{refused}");
        let elsewhere = OfficeKey::from_seed(&[7; 32], "cotton-end");
        assert!(
            countersign(&file, Some(&form), &elsewhere, &published(), RECEIVED_AT)
                .unwrap_err()
                .contains("another school")
        );
    }
}
