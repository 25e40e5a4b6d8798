//! The three things the verify and office pages say about a record file, each on its own:
//!
//! 1. **the digest**: does the record match its digest (nothing changed by accident)?
//! 2. **the content**: is it what the form, as the site defines it at that policy version,
//!    makes from its answers (`content.rs`)? A version the site does not know is unknown.
//! 3. **the receipt**: has the school received it: a valid countersignature by one of its keys
//!    valid on that day (`receipt.rs`)? Only then has no one changed it since.
//!
//! None implies another: a forged record can match its digest, and a record can be genuine
//! without being received yet.

use super::canonical::Value;
use super::content::{Content, check_content};
use super::json;
use super::key::SchoolKey;
use super::model::Form;
use super::receipt::{Receipt, check_receipt};
use super::record::verify_value;

/// What [`examine`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Examination {
    /// Whether the record's format is one this site makes.
    pub known_format: bool,
    /// Whether the record matches its digest.
    pub digest_matches: bool,
    /// The digest of the record as it is now.
    pub computed_digest: String,
    /// Whether its content is the form's.
    pub content: Content,
    /// Whether the school has received it.
    pub receipt: Receipt,
}

impl Examination {
    /// As JSON for the browser: `{known_format, digest_matches, computed_digest, content,
    /// receipt}` (see [`Content::to_value`], [`Receipt::to_value`]).
    pub fn to_value(&self) -> Value {
        Value::object([
            ("computed_digest", Some(Value::string(&self.computed_digest))),
            ("content", Some(self.content.to_value())),
            ("digest_matches", Some(Value::Bool(self.digest_matches))),
            ("known_format", Some(Value::Bool(self.known_format))),
            ("receipt", Some(self.receipt.to_value())),
        ])
    }

    /// Whether all three hold: the school received this record, made by its form, and no one
    /// has changed it since.
    pub fn received(&self) -> bool {
        self.known_format
            && self.digest_matches
            && self.content == Content::Matches
            && matches!(self.receipt, Receipt::Valid { .. })
    }
}

/// Examines the record file `text` against `form` (the site's form of the record's id, when it
/// has one) and the school's published `keys`. An error when the text is not a record at all.
pub fn examine(text: &str, form: Option<&Form>, keys: &[SchoolKey]) -> Result<Examination, String> {
    let record = json::parse(text)?;
    let verification = verify_value(&record, None)?;
    Ok(Examination {
        known_format: verification.known_format,
        digest_matches: verification.intact,
        computed_digest: verification.computed_digest,
        content: check_content(form, &record),
        receipt: check_receipt(&record, keys),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::receipt::countersign;
    use crate::form::record::{compute_digest, make_record};
    use crate::form::testing::{AT, RECEIVED_AT, agreement, answers, office_key, published};

    #[test]
    fn the_three_facts_are_said_apart() {
        let form = agreement();
        let file = make_record(&form, &answers(), AT).expect("made").to_canonical();
        let unsigned = examine(&file, Some(&form), &published()).expect("a record");
        assert!(unsigned.digest_matches && unsigned.content == Content::Matches);
        assert_eq!(unsigned.receipt, Receipt::None);
        assert!(!unsigned.received(), "not received until the school signs");

        let signed = countersign(&file, Some(&form), &office_key(), &published(), RECEIVED_AT).expect("signed");
        let received = examine(&signed.to_canonical(), Some(&form), &published()).expect("a record");
        assert!(received.received(), "{received:?}");

        // A forger edits the signed record and recomputes the digest: the digest matches, the
        // rest does not.
        let mut forged = signed.clone();
        if let Some(Value::Array(answers)) = forged.member_mut("answers") {
            *answers[0].member_mut("answer").expect("answer") = Value::string("Someone Else");
        }
        let digest = compute_digest(&forged);
        *forged.member_mut("digest").expect("digest") = Value::String(digest);
        let seen = examine(&forged.to_canonical(), Some(&form), &published()).expect("a record");
        assert!(seen.digest_matches, "the forger recomputed it");
        assert_eq!(seen.content, Content::Matches, "a name is an answer the form accepts");
        assert!(matches!(seen.receipt, Receipt::Invalid(_)), "{seen:?}");
        assert!(!seen.received());

        assert!(examine("[]", Some(&form), &published()).is_err());
        let json = received.to_value().to_canonical();
        assert!(
            json.contains(
                r#""receipt":{"key":"fe812c12f3ab4ce6","received_at":"2025-03-10T08:15:00Z","result":"valid"}"#
            ),
            "{json}"
        );
    }
}
