//! kiosk-triage: a help kiosk for public library computers.
//!
//! The core (`flow`, `session`, `config`) has no UI and no clock: it loads and
//! checks RON flow files into a model whose links always resolve, and walks a
//! patron through it. The command line (`cli`) and, behind the `gui` feature,
//! the egui kiosk only show what the core says and forward what people do.

// Every `eprintln!`, `eprint!`, `println!` and `print!` in the crate writes
// through `cli::term::Clean`, so no control or invisible character from a
// flow file or a typed code reaches a terminal raw (defined before the
// modules, these shadow the standard macros in all of them).
macro_rules! eprintln {
    () => { $crate::cli::term::eprint(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::cli::term::eprint(format_args!("{}\n", format_args!($($arg)*))) };
}
macro_rules! eprint {
    ($($arg:tt)*) => { $crate::cli::term::eprint(format_args!($($arg)*)) };
}
#[allow(unused_macros)]
macro_rules! println {
    () => { $crate::cli::term::print(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::cli::term::print(format_args!("{}\n", format_args!($($arg)*))) };
}
#[allow(unused_macros)]
macro_rules! print {
    ($($arg:tt)*) => { $crate::cli::term::print(format_args!($($arg)*)) };
}

pub mod cli;
pub mod config;
#[cfg(feature = "gui")]
pub mod desk;
pub mod entry;
pub mod flow;
pub mod graph;
pub mod handoff;
pub mod idle;
#[cfg(feature = "gui")]
pub mod kiosk;
pub mod l10n;
pub mod locations;
pub mod lockout;
#[cfg(feature = "gui")]
pub mod logging;
pub mod paths;
pub mod scenario;
pub mod session;
pub mod speech;
pub mod startup;
pub mod stats;
pub mod tour;
