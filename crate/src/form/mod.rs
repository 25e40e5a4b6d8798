//! Forms as data: the policies' appendices (agreements, requests, reports, consent) filled in
//! the browser, checked with the same rules as `postwise lint`, and turned into a record with
//! a digest anyone can check, which the school countersigns when it receives it.
//!
//! The core, compiled to WebAssembly too: the compiled form ([`model`], read back from JSON by
//! [`decode`]), answers ([`answer`]), their checks ([`validate`]), the record and its canonical
//! form ([`record`], [`canonical`], specified in `RECORD.md`), digests ([`digest`]), the
//! school's key ([`key`]) and receipt ([`receipt`]), the content check ([`content`]), the three
//! facts the verify page states ([`examine`]), and a small JSON reader ([`json`]): forms,
//! answers and records cross into WebAssembly as JSON text. Natively, form files are loaded
//! from `policies/<id>/forms/*.toml` with their positions, linted and compiled against the
//! school's policy ([`source`], [`compile`]).

pub mod answer;
pub mod canonical;
pub mod content;
pub mod decode;
pub mod digest;
pub mod examine;
pub mod json;
pub mod key;
pub mod model;
pub mod receipt;
pub mod record;
pub mod validate;

#[cfg(test)]
mod testing;

#[cfg(not(target_arch = "wasm32"))]
pub mod compile;
#[cfg(not(target_arch = "wasm32"))]
pub mod source;

pub use answer::{Answer, Answers, Signature};
pub use model::Form;
pub use record::{Verification, make_record, verify};
pub use validate::FieldError;
