//! Postwise: a school's social-media policy as rules encoded in data, and a checker that applies
//! them to a draft post as it is typed.
//!
//! The core (this crate without the `native` and `wasm` modules) knows nothing of browsers or
//! files: [`check::Checker`] takes a compiled [`bundle::PolicyBundle`] and checks drafts,
//! returning findings with UTF-8 byte spans. Natively, [`policy`] loads and lints policy folders
//! and the `postwise` command builds the site; in the browser, `wasm` is a thin binding that
//! converts types and offsets.

pub mod bundle;
pub mod check;
pub mod detect;
pub mod form;
pub mod length;
pub mod lexicon;
pub mod model;
pub mod offsets;
pub mod quiz;
pub mod suggest;
pub mod text;

#[cfg(not(target_arch = "wasm32"))]
pub mod import;
#[cfg(not(target_arch = "wasm32"))]
pub mod policy;
#[cfg(not(target_arch = "wasm32"))]
pub mod site;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
