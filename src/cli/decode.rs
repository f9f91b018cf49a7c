//! `kiosk-triage decode`: a handoff code as the desk's checklist, for
//! scripts and for staff at a terminal.

use super::{FlowsArgs, Format};
use crate::flow::load::{Loaded, load};
use crate::flow::model::FlowSet;
use crate::handoff::archive::Archive;
use crate::handoff::summary::{decode, render};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Arguments of `decode`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The code, as typed or scanned (any case; hyphens and spaces ignored).
    code: String,
    #[command(flatten)]
    flows: FlowsArgs,
    /// The data folder with the archive of earlier flow versions.
    #[arg(long, default_value = "data")]
    data: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

/// The flow sets a desk can decode against: the current one (archived on the
/// way), then every archived version.
pub fn known_sets(loaded: &Loaded, data: &Path) -> Vec<Arc<FlowSet>> {
    let archive = Archive::new(data);
    let mut sets = Vec::new();
    if let Some(set) = &loaded.report.set {
        if let Err(e) = archive.save(&loaded.sources, set.fingerprint) {
            eprintln!("warning: could not archive the flows in `{}`: {e}", data.display());
        }
        sets.push(Arc::new(set.clone()));
    }
    for old in archive.load_all() {
        if !sets.iter().any(|s| s.fingerprint == old.fingerprint) {
            sets.push(Arc::new(old));
        }
    }
    sets
}

/// Runs `decode`: 0 decoded, 1 the code is wrong or unknown, 2 usage or IO.
pub fn run(args: &Args, out: &mut dyn Write) -> u8 {
    let loaded = match load(&args.flows.flows, &args.flows.assets_dir(), None) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let sets = known_sets(&loaded, &args.data);
    match decode(&args.code, &sets) {
        Ok(summary) => {
            let _ = match args.format {
                super::Format::Text => write!(out, "{}", render(&summary)),
                super::Format::Json => serde_json::to_writer_pretty(&mut *out, &summary)
                    .map_err(std::io::Error::other)
                    .and_then(|()| writeln!(out)),
            };
            0
        }
        Err(e) => {
            match args.format {
                super::Format::Text => {
                    let _ = writeln!(out, "error: {e}");
                }
                super::Format::Json => {
                    let _ = writeln!(out, "{}", serde_json::json!({ "error": e.to_string() }));
                }
            }
            1
        }
    }
}
