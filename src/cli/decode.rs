//! `kiosk-triage decode`: a handoff code as the desk's checklist, for
//! scripts and for staff at a terminal.

use super::{FlowsArgs, Format};
use crate::handoff::archive::{KnownSets, known_sets};
use crate::handoff::summary::render;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `decode`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The code, as typed or scanned (any case; hyphens and spaces ignored;
    /// it may start with `-`).
    #[arg(allow_hyphen_values = true)]
    code: String,
    #[command(flatten)]
    flows: FlowsArgs,
    /// The data folder with the archive of earlier flow versions [default:
    /// `data`, read and written only if it exists; a folder given here is
    /// created].
    #[arg(long)]
    data: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

/// Runs `decode`: 0 decoded, 1 the code is wrong or unknown, 2 usage or IO.
pub fn run(args: &Args, out: &mut dyn Write) -> std::io::Result<u8> {
    let loaded = match super::load_flows(&args.flows, None) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(2);
        }
    };
    let KnownSets { sets, archive, unsaved } = known_sets(&loaded, args.data.as_deref());
    if let Some(why) = unsaved {
        eprintln!("warning: {why}");
    }
    let (decoded, problems) = match &archive {
        Some(archive) => archive.decode(&args.code, &sets),
        None => (crate::handoff::summary::decode(&args.code, &sets), Vec::new()),
    };
    for p in problems {
        eprintln!("warning: {p}");
    }
    match decoded {
        Ok(summary) => {
            match args.format {
                super::Format::Text => write!(out, "{}", render(&summary))?,
                super::Format::Json => {
                    serde_json::to_writer_pretty(&mut *out, &summary).map_err(std::io::Error::other)?;
                    writeln!(out)?;
                }
            }
            Ok(0)
        }
        Err(e) => {
            match args.format {
                super::Format::Text => eprintln!("error: {e}"),
                super::Format::Json => writeln!(out, "{}", serde_json::json!({ "error": e.to_string() }))?,
            }
            Ok(1)
        }
    }
}
