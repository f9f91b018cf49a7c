//! Reading `kiosk.ron` for a running kiosk, failing closed: a config with
//! any error never opens staff mode (see [`load_for_kiosk`]).

use super::{KioskConfig, pin_hash_usable};
use crate::flow::source::SourceFile;
use std::path::Path;

/// The file name of the last good config, kept in the data folder.
pub const LAST_GOOD: &str = "kiosk.last-good.ron";

/// The largest `kiosk.ron` read; a config is a few hundred bytes.
pub const MAX_CONFIG_BYTES: u64 = 64 * 1024;

/// Who may open staff mode, as the config says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StaffGate {
    /// Staff type this PIN (an Argon2 hash known to be usable).
    Pin(String),
    /// No PIN is configured (a fresh install): the kiosk decides, by whether
    /// it runs fullscreen, if that means open or closed.
    NoPin,
    /// Closed whatever is typed, and why (for staff and the log).
    Closed(String),
}

/// The settings a kiosk runs with, how it came by them, and what staff
/// should know about that.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The settings in force.
    pub config: KioskConfig,
    /// Who may open staff mode.
    pub gate: StaffGate,
    /// What went wrong, for staff mode and the log (empty when all is well).
    pub notices: Vec<String>,
}

/// Reads `kiosk.ron` for a kiosk, failing closed. A missing file gives the
/// defaults (a fresh install). A file that exists but cannot be used (unreadable,
/// a folder, too big, not RON, a misspelt field, a value out of range, a bad
/// PIN hash) never weakens the lock: the kiosk runs on the last good config it
/// kept in the data folder (`default_data`, the one [`crate::locations`] gives
/// when kiosk.ron names none), PIN included, or, with none kept, on the
/// defaults with staff mode closed. Patrons are served either way. A clean
/// config is kept as the new last good one.
pub fn load_for_kiosk(path: &Path, default_data: &Path) -> Settings {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    match read_clean(path, dir) {
        Ok(None) => Settings { config: KioskConfig::default(), gate: StaffGate::NoPin, notices: vec![] },
        Ok(Some((config, text))) => {
            let mut notices = Vec::new();
            let data = config.data.clone().unwrap_or_else(|| default_data.to_path_buf());
            if let Err(e) = write_atomic(&data.join(LAST_GOOD), &text) {
                notices.push(format!(
                    "Could not keep a copy of kiosk.ron in `{}` ({e}); if kiosk.ron breaks later, staff mode will stay closed.",
                    data.display()
                ));
            }
            let gate = gate_of(&config);
            Settings { config, gate, notices }
        }
        Err(problem) => {
            let mut notices =
                vec![format!("{} has an error, so the kiosk does not use it:\n{problem}", path.display())];
            let last = default_data.join(LAST_GOOD);
            match read_clean(&last, dir) {
                Ok(Some((config, _))) => {
                    notices.push(format!(
                        "The kiosk runs on the last good settings, kept in `{}`, staff PIN included. Fix kiosk.ron \
                         (`kiosk-triage check` shows where) and restart the kiosk.",
                        last.display()
                    ));
                    let gate = gate_of(&config);
                    Settings { config, gate, notices }
                }
                _ => {
                    let why = format!(
                        "{} has an error and no last good copy of it was kept. \
                         Fix kiosk.ron (`kiosk-triage check` shows where) and restart the kiosk.",
                        path.display()
                    );
                    notices.push(format!("Staff mode is closed: {why}"));
                    Settings { config: KioskConfig::default(), gate: StaffGate::Closed(why), notices }
                }
            }
        }
    }
}

fn gate_of(config: &KioskConfig) -> StaffGate {
    StaffGate::of(config)
}

impl StaffGate {
    /// The gate a clean config sets: its PIN, or none. A PIN hash the
    /// kiosk cannot use closes staff mode rather than opening it.
    pub fn of(config: &KioskConfig) -> StaffGate {
        match &config.staff_pin_hash {
            Some(h) => match pin_hash_usable(h) {
                Ok(()) => StaffGate::Pin(h.clone()),
                Err(why) => StaffGate::Closed(format!("`staff_pin_hash` in kiosk.ron {why}.")),
            },
            None => StaffGate::NoPin,
        }
    }
}

/// Reads and checks a config file on its own: `Ok(None)` when there is no
/// file, the config and its text when it is clean, the problem as text for
/// people otherwise. Relative folders are resolved against `dir`.
pub(crate) fn read_clean(path: &Path, dir: &Path) -> Result<Option<(KioskConfig, String)>, String> {
    use std::io::Read;
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read `{}`: {e}", path.display())),
    };
    if !meta.is_file() {
        return Err(format!("`{}` is not a file", path.display()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(format!("`{}` is larger than {MAX_CONFIG_BYTES} bytes", path.display()));
    }
    let text = String::from_utf8(bytes).map_err(|_| format!("`{}` is not UTF-8 text", path.display()))?;
    let file = SourceFile::new(path.display().to_string(), text);
    let config = KioskConfig::parse(&file.name, &file.text).map_err(|d| d.render(Some(&file)))?;
    let problems = config.problems(&file);
    if !problems.is_empty() {
        return Err(problems.iter().map(|d| d.render(Some(&file))).collect::<Vec<_>>().join("\n"));
    }
    Ok(Some((config.relative_to(dir), file.text)))
}

/// Writes a file whole or not at all: a temporary file beside it, then a rename.
pub fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = path.with_extension("tmp");
    let result = std::fs::write(&tmp, text).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
