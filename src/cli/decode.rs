//! `kiosk-triage decode`: a handoff code as the desk's checklist, for
//! scripts and for staff at a terminal.

use super::{FlowsArgs, Format};
use crate::flow::load::Loaded;
use crate::flow::model::FlowSet;
use crate::handoff::archive::Archive;
use crate::handoff::summary::render;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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

/// The data folder a kiosk here would use (`data` in the current folder, or
/// the installed one: see [`crate::locations`]), if it exists.
pub fn default_data() -> Option<PathBuf> {
    let found = crate::locations::find(&crate::locations::Probe::system(), &Default::default());
    found.data.path.is_dir().then_some(found.data.path)
}

/// The archive a desk reads, and whether it may write there: a data folder
/// given on the command line (created when needed), else [`default_data`].
/// `None` when there is nothing to read and no folder was asked for: a
/// command run anywhere never creates a data folder by itself.
pub fn archive_for(data: Option<&Path>) -> Option<Archive> {
    match data {
        Some(dir) => Some(Archive::new(dir)),
        None => default_data().map(|dir| Archive::new(&dir)),
    }
}

/// The flow sets a desk decodes against first (the current one, archived on
/// the way when there is an archive), and the archive for older versions.
/// Problems are logged to stderr.
pub fn known_sets(loaded: &Loaded, data: Option<&Path>) -> (Vec<Arc<FlowSet>>, Option<Archive>) {
    let archive = archive_for(data);
    let mut sets = Vec::new();
    if let Some(set) = &loaded.report.set {
        if let Some(archive) = &archive
            && let Err(e) = archive.save(&loaded.sources, set.fingerprint)
        {
            eprintln!("warning: could not archive the flows in `{}`: {e}", archive.dir().display());
        }
        sets.push(Arc::new(set.clone()));
    }
    (sets, archive)
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
    let (sets, archive) = known_sets(&loaded, args.data.as_deref());
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
