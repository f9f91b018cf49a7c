//! `kiosk-triage paths`: which files a kiosk on this machine would use, and
//! why (a flag, kiosk.ron, or the platform's default), so IT can see at once
//! why a kiosk runs on the flows it runs on. The rules are in
//! [`crate::locations`]; this only words them.

use crate::locations::{Given, Probe, find};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `paths`: the same overrides the kiosk and the commands take.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A kiosk configuration file instead of the default one.
    #[arg(long)]
    config: Option<PathBuf>,
    /// A flows folder instead of the configured one.
    #[arg(long)]
    flows: Option<PathBuf>,
    /// A data folder instead of the configured one.
    #[arg(long)]
    data: Option<PathBuf>,
}

/// Prints every location, one a line; exit 0.
pub fn run(args: &Args, out: &mut dyn Write) -> std::io::Result<u8> {
    let given = Given {
        config: args.config.clone(),
        flows: args.flows.clone(),
        data: args.data.clone(),
        assets: None,
    };
    let found = find(&Probe::system(), &given);
    write!(out, "{}", found.describe(&|p| p.exists()))?;
    Ok(0)
}
