//! `kiosk-triage check`: lint a flow set and report every problem at once.

use super::{FlowsArgs, Format};
use crate::flow::diag::Diagnostic;
use crate::flow::load::{Loaded, load};
use std::io::Write;

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    flows: FlowsArgs,
    /// Check for this branch only.
    #[arg(long, conflicts_with = "all_branches")]
    branch: Option<String>,
    /// Check for every branch (the default).
    #[arg(long)]
    all_branches: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

/// Runs `check`: 0 clean or warnings only, 1 errors, 2 IO.
pub fn run(args: &Args, out: &mut dyn Write) -> u8 {
    // A mistyped folder must not pass by checking the built-in flows instead.
    if !args.flows.flows.is_dir() {
        eprintln!(
            "error: there is no flows folder at `{}`; give the folder with `--flows DIR`",
            args.flows.flows.display()
        );
        return 2;
    }
    let loaded = match load(&args.flows.flows, &args.flows.assets_dir(), args.branch.as_deref()) {
        Ok(l) => l,
        Err(e) => {
            let _ = writeln!(out, "error: {e}");
            return 2;
        }
    };
    let _ = match args.format {
        Format::Text => write_text(&loaded, out),
        Format::Json => write_json(&loaded, out),
    };
    u8::from(loaded.report.errors() > 0)
}

/// The report for people: each diagnostic with its source line, then the
/// summary line.
pub fn write_text(loaded: &Loaded, out: &mut dyn Write) -> std::io::Result<()> {
    if let Some(note) = &loaded.note {
        writeln!(out, "note: {note}")?;
    }
    for d in &loaded.report.diagnostics {
        writeln!(out, "{}", d.render(loaded.source(&d.file)))?;
    }
    writeln!(out, "{}", loaded.report.summary())
}

fn write_json(loaded: &Loaded, out: &mut dyn Write) -> std::io::Result<()> {
    #[derive(serde::Serialize)]
    struct Json<'a> {
        origin: &'a str,
        note: Option<&'a str>,
        diagnostics: &'a [Diagnostic],
        flows: usize,
        nodes: usize,
        branches: usize,
        errors: usize,
        warnings: usize,
    }
    let r = &loaded.report;
    let json = Json {
        origin: &loaded.sources.origin,
        note: loaded.note.as_deref(),
        diagnostics: &r.diagnostics,
        flows: r.flows,
        nodes: r.nodes,
        branches: r.branches,
        errors: r.errors(),
        warnings: r.warnings(),
    };
    serde_json::to_writer_pretty(&mut *out, &json).map_err(std::io::Error::other)?;
    writeln!(out)
}
