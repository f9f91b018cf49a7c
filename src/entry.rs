//! The one entry point of both programs: `kiosk-triage` (a console program:
//! the commands print in a terminal) and, for Windows, `kiosk-triage-gui`
//! (a GUI program: no console window opens beside the kiosk). Both parse the
//! same arguments and run the same code, so they can never drift apart.

use crate::cli::{Cli, run_command};
use clap::Parser;
use std::process::ExitCode;

/// Parses the arguments, runs a command or starts the kiosk or the desk.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let stdin = std::io::stdin();
    // Everything a command prints goes through the one filter that escapes
    // control and invisible characters (stderr too: see `lib.rs`). The lock
    // on stdout is let go before a window starts.
    let ran = run_command(&cli, &mut crate::cli::term::Clean::new(stdout.lock()), &mut stdin.lock());
    match ran {
        Some(Ok(code)) => ExitCode::from(code),
        // `kiosk-triage codes | head`: the reader has what it wanted.
        Some(Err(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Some(Err(e)) => {
            eprintln!("error: cannot write the output: {e}");
            ExitCode::from(2)
        }
        None => start_window(&cli),
    }
}

#[cfg(feature = "gui")]
fn start_window(cli: &Cli) -> ExitCode {
    if let Some(crate::cli::Command::Preview(args)) = &cli.command {
        return ExitCode::from(crate::kiosk::preview::run(args.into()));
    }
    if let Some(crate::cli::Command::Desk(args)) = &cli.command {
        return ExitCode::from(crate::desk::run(args.into()));
    }
    ExitCode::from(crate::kiosk::run(crate::kiosk::KioskOptions::from(cli)))
}

#[cfg(not(feature = "gui"))]
fn start_window(_cli: &Cli) -> ExitCode {
    eprintln!("this build has no windows (built without the `gui` feature); try `kiosk-triage --help`");
    ExitCode::from(2)
}
