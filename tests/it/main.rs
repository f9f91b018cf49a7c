//! The integration tests, as one binary: each file below was a test binary
//! of its own, and linking twenty binaries against the kiosk (each 250 MB
//! with debug information) cost more than running them. The modules share
//! `common` (fixtures: a library's own flows folder, the command runner).
//! Run one file's tests with `cargo test --test it NAME::`.

mod cli;
mod cli_format;
mod cli_input;
mod common;
mod desk_summary;
mod desk_ui;
mod diagnostics;
mod flows;
mod fonts;
mod graph;
mod handoff;
mod hot_reload;
mod inherit;
mod kiosk_a11y;
mod kiosk_fonts;
mod kiosk_frames;
mod kiosk_languages;
mod kiosk_layout;
mod kiosk_links;
mod kiosk_speech;
mod kiosk_ui;
mod l10n;
mod logging;
mod props;
mod report;
mod scenarios;
mod session;
mod speech;
mod startup;
mod stats;
