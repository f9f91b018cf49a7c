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

/// Arguments of `install-defaults`.
#[derive(Debug, clap::Args)]
pub struct DefaultsArgs {
    /// The folder holding the defaults: `kiosk.ron`, `flows`, `assets`.
    #[arg(long)]
    from: PathBuf,
    /// The kiosk's folder to fill (e.g. `C:\ProgramData\KioskTriage`).
    #[arg(long)]
    to: PathBuf,
}

/// What `install-defaults` copies, each only when it is missing.
pub const DEFAULTS: [&str; 3] = ["kiosk.ron", "flows", "assets"];

/// Copies each of [`DEFAULTS`] from `--from` into `--to` where `--to` has
/// none, and never touches one that is there: the Windows installer runs
/// this on every install and upgrade, so a library's kiosk.ron (its PIN)
/// and flows survive upgrades. Exit 0, or 2 when a copy fails.
pub fn install_defaults(args: &DefaultsArgs, out: &mut dyn Write) -> std::io::Result<u8> {
    for name in DEFAULTS {
        let (from, to) = (args.from.join(name), args.to.join(name));
        if to.exists() {
            writeln!(out, "kept    {}", to.display())?;
            continue;
        }
        // Into a temporary name first: an interrupted copy is never taken
        // for the library's own folder next time.
        let tmp = args.to.join(format!(".{name}.partial"));
        let copied = std::fs::create_dir_all(&args.to)
            .and_then(|()| copy_tree(&from, &tmp))
            .and_then(|()| std::fs::rename(&tmp, &to));
        if let Err(e) = copied {
            let _ = std::fs::remove_dir_all(&tmp).or_else(|_| std::fs::remove_file(&tmp));
            eprintln!("error: cannot copy `{}` to `{}`: {e}", from.display(), to.display());
            return Ok(2);
        }
        writeln!(out, "created {}", to.display())?;
    }
    Ok(0)
}

/// Copies a file, or a folder and everything in it (a stale partial copy
/// is replaced).
fn copy_tree(from: &std::path::Path, to: &std::path::Path) -> std::io::Result<()> {
    if !from.is_dir() {
        return std::fs::copy(from, to).map(|_| ());
    }
    if to.exists() {
        std::fs::remove_dir_all(to)?;
    }
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        copy_tree(&entry.path(), &to.join(entry.file_name()))?;
    }
    Ok(())
}
