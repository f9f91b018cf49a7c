//! kiosk-triage: a help kiosk for public library computers.
//!
//! The core (`flow`, `session`, `config`) has no UI and no clock: it loads and
//! checks RON flow files into a model whose links always resolve, and walks a
//! patron through it. The command line (`cli`) and, behind the `gui` feature,
//! the egui kiosk only show what the core says and forward what people do.

pub mod cli;
pub mod config;
#[cfg(feature = "gui")]
pub mod desk;
pub mod flow;
pub mod graph;
pub mod handoff;
pub mod idle;
#[cfg(feature = "gui")]
pub mod kiosk;
pub mod paths;
pub mod scenario;
pub mod session;
pub mod startup;
pub mod stats;
