//! The entry point: parse arguments, run a command or start the kiosk.

use clap::Parser;
use kiosk_triage::cli::{Cli, run_command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let stdin = std::io::stdin();
    // Everything a command prints goes through the one filter that escapes
    // control and invisible characters (stderr too: see `lib.rs`). The lock
    // on stdout is let go before a window starts.
    let ran = run_command(&cli, &mut kiosk_triage::cli::term::Clean::new(stdout.lock()), &mut stdin.lock());
    match ran {
        Some(Ok(code)) => ExitCode::from(code),
        // `kiosk-triage codes | head`: the reader has what it wanted.
        Some(Err(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Some(Err(e)) => {
            eprintln!("error: cannot write the output: {e}");
            ExitCode::from(2)
        }
        None => start_kiosk(&cli),
    }
}

#[cfg(feature = "gui")]
fn start_kiosk(cli: &Cli) -> ExitCode {
    if let Some(kiosk_triage::cli::Command::Desk(args)) = &cli.command {
        return ExitCode::from(kiosk_triage::desk::run(args));
    }
    if let Some(kiosk_triage::cli::Command::Preview(args)) = &cli.command {
        return ExitCode::from(kiosk_triage::kiosk::preview::run(args));
    }
    ExitCode::from(kiosk_triage::kiosk::run(cli))
}

#[cfg(not(feature = "gui"))]
fn start_kiosk(_cli: &Cli) -> ExitCode {
    eprintln!("this build has no windows (built without the `gui` feature); try `kiosk-triage --help`");
    ExitCode::from(2)
}
