//! Self-assessment quizzes: "Be SMART online" for pupils, the privacy settings self-check for
//! staff, the code of conduct for parents, and any a school writes itself.
//!
//! The core, compiled to WebAssembly too, runs a quiz in the browser: the compiled quiz
//! ([`model`]) and the part of it marking needs, without its words ([`key`]), the seeded order
//! of its questions and choices ([`shuffle`]), marking and the summary ([`score`]), and the
//! certificate's check code ([`certificate`]).
//!
//! Natively, quiz files are read from `policies/_shared/quizzes/` and each school's
//! `quizzes/` folder with their positions ([`source`]), checked ([`check`], with the reading
//! level from [`reading`]), compiled into each school's `quizzes.json` ([`compile`], [`load`])
//! and linted ([`lint`]). The format is in `policies/README.md`.

pub mod certificate;
pub mod key;
pub mod model;
pub mod score;
pub mod shuffle;

#[cfg(not(target_arch = "wasm32"))]
pub mod check;
#[cfg(not(target_arch = "wasm32"))]
pub mod compile;
#[cfg(not(target_arch = "wasm32"))]
pub mod lint;
#[cfg(not(target_arch = "wasm32"))]
pub mod load;
#[cfg(not(target_arch = "wasm32"))]
pub mod reading;
#[cfg(not(target_arch = "wasm32"))]
pub mod source;

pub use key::QuizKey;
pub use model::{Quiz, QuizSet};
pub use score::{Answers, Score};
pub use shuffle::Order;

/// The name of a school's compiled quizzes beside its pages.
pub const QUIZZES_JSON: &str = "quizzes.json";
