//! The flow model: RON files in, checked flows out. No UI, no clock.
//!
//! `raw` mirrors the files, `check` turns them into `model` (reporting every
//! problem as a `diag::Diagnostic`), `load` reads folders or the built-in
//! defaults, `text` fills branch placeholders.

mod build;
pub mod chars;
pub mod check;
pub mod diag;
pub mod glyphs;
pub mod limits;
pub mod load;
pub mod model;
mod parse;
mod pictures;
pub mod raw;
pub mod source;
pub mod sources;
pub mod synth;
pub mod text;
pub mod words;

pub use check::{Options, Report, check};
pub use diag::{Diagnostic, Severity};
pub use model::{Branch, Flow, FlowIdx, FlowSet, NodeIdx, NodeKind, Text};
pub use sources::Sources;
