//! Where the kiosk and the desk say what they do: which files they use, every
//! reload and refusal, staff mode entered and left. Through the `log` facade,
//! so any part of the program can log without knowing where it goes.
//!
//! On Linux the log goes to standard error, which journald keeps for a
//! systemd unit (`journalctl -u kiosk-triage`). On Windows a GUI program has
//! no console, so it goes to a file under `%ProgramData%\KioskTriage\logs`
//! ([`crate::locations`]), rotated at [`MAX_LOG_BYTES`] with
//! [`KEPT_LOG_FILES`] old files kept, so a kiosk that runs for years never
//! fills its disk. Nothing personal is ever logged: no PIN digits, no code a
//! patron was given, no choice, only what the software did. `RUST_LOG`
//! changes the level (default `info`).

use flexi_logger::{Cleanup, Criterion, FileSpec, Logger, LoggerHandle, Naming, WriteMode};
use std::path::Path;

/// A log file is rotated when it reaches this size.
pub const MAX_LOG_BYTES: u64 = 1024 * 1024;
/// How many rotated log files are kept beside the current one.
pub const KEPT_LOG_FILES: usize = 4;

/// The running logger: keep it until the program ends (dropping it flushes
/// and stops the file writer).
pub struct Logging {
    _handle: Option<LoggerHandle>,
    /// Where the log goes, for the first log line and `paths`.
    pub target: String,
}

/// Starts logging to `file` (created with its folder; size-bounded), or to
/// standard error when `file` is `None` or cannot be written (then said on
/// standard error, so the cause is not lost). Never fails: a kiosk without
/// a log still serves patrons.
pub fn start(file: Option<&Path>) -> Logging {
    if let Some(path) = file {
        match to_file(path) {
            Ok(handle) => {
                let current = path.with_file_name(crate::locations::CURRENT_LOG);
                return Logging { _handle: Some(handle), target: current.display().to_string() };
            }
            Err(e) => eprintln!(
                "kiosk-triage: cannot write the log file `{}` ({e}); logging to standard error",
                path.display()
            ),
        }
    }
    let handle = Logger::try_with_env_or_str("info")
        .and_then(|l| l.log_to_stderr().format(flexi_logger::default_format).start());
    match handle {
        Ok(h) => Logging { _handle: Some(h), target: "standard error".into() },
        Err(e) => {
            eprintln!("kiosk-triage: no logging: {e}");
            Logging { _handle: None, target: "nowhere".into() }
        }
    }
}

fn to_file(path: &Path) -> Result<LoggerHandle, flexi_logger::FlexiLoggerError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    Logger::try_with_env_or_str("info")?
        .log_to_file(FileSpec::try_from(path)?)
        .format(flexi_logger::detailed_format)
        .rotate(Criterion::Size(MAX_LOG_BYTES), Naming::Numbers, Cleanup::KeepLogFiles(KEPT_LOG_FILES))
        .append()
        .write_mode(WriteMode::Direct)
        .start()
}
