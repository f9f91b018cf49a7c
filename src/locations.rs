//! Where a kiosk's files live: `kiosk.ron`, the flows and pictures folders,
//! the data folder and the log, on every platform, in one resolution order.
//!
//! An installed kiosk must find its files with no flags (Shell Launcher and
//! systemd start it from any folder), a source checkout must keep running on
//! the folder it is in (the README's first command), and IT must be able to
//! see, and override, what a kiosk uses. So the rules are here, once, for the
//! kiosk, the desk and the command line, and `kiosk-triage paths` and staff
//! mode show their answer. The machine is asked through a [`Probe`] (platform,
//! current folder, the program's own path, environment, "does this exist?"),
//! so tests inject one and never touch real system folders.
//!
//! The order, first match wins, for each location:
//!
//! 1. a flag (`--config`, `--flows`, `--assets`, `--data`);
//! 2. `kiosk.ron` (`flows`, `assets`, `data`, relative to the file's folder);
//! 3. the layout's default.
//!
//! The layout is **the current folder** when it holds `kiosk.ron` or a `flows`
//! folder, or when the running program is not the installed one; otherwise
//! it is **installed**: on Windows `%ProgramData%\KioskTriage\` (kiosk.ron,
//! flows, assets, data, logs) for a program in `%ProgramFiles%\KioskTriage\`,
//! on Linux `/etc/kiosk-triage/` (kiosk.ron, flows, assets) and
//! `/var/lib/kiosk-triage/` (data) for `/usr/bin/kiosk-triage`.

use std::path::{Path, PathBuf};

/// The folder under `%ProgramData%` and `%ProgramFiles%` on Windows.
pub const WINDOWS_FOLDER: &str = "KioskTriage";
/// Where the Linux package puts the configuration and the flows.
pub const LINUX_ETC: &str = "/etc/kiosk-triage";
/// Where the Linux package keeps the data folder.
pub const LINUX_DATA: &str = "/var/lib/kiosk-triage";
/// Where the Linux package installs the program.
pub const LINUX_PROGRAM: &str = "/usr/bin/kiosk-triage";
/// The log file's name as given to the logger (Windows, where there is no
/// journal).
pub const LOG_FILE: &str = "kiosk-triage.log";
/// The name of the log file being written: the logger rotates it to
/// `kiosk-triage_r00000.log`, `_r00001`, ... and starts a fresh one.
pub const CURRENT_LOG: &str = "kiosk-triage_rCURRENT.log";

/// What the resolution may ask of the machine.
pub struct Probe<'a> {
    /// Whether this is Windows (paths, environment and install folders differ).
    pub windows: bool,
    /// The running program's path, if known.
    pub exe: Option<PathBuf>,
    /// An environment variable.
    pub var: &'a dyn Fn(&str) -> Option<String>,
    /// Whether a path exists (relative paths: in the current folder).
    pub exists: &'a dyn Fn(&Path) -> bool,
}

impl Probe<'static> {
    /// The real machine.
    pub fn system() -> Probe<'static> {
        Probe {
            windows: cfg!(windows),
            exe: std::env::current_exe().ok(),
            var: &|name| std::env::var(name).ok(),
            exists: &|p| p.exists(),
        }
    }
}

/// Which set of defaults applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Everything in the current folder (a source checkout, a folder IT
    /// works in, or a program that is not the installed one).
    CurrentFolder,
    /// Installed on Windows (the MSI): under `%ProgramData%\KioskTriage`.
    Windows,
    /// Installed on Linux (the .deb): `/etc/kiosk-triage`, `/var/lib/kiosk-triage`.
    Linux,
}

impl Layout {
    /// Which layout applies on this machine, as the module docs say.
    pub fn detect(probe: &Probe) -> Layout {
        let here = (probe.exists)(Path::new("kiosk.ron")) || (probe.exists)(Path::new("flows"));
        if here {
            return Layout::CurrentFolder;
        }
        let Some(exe) = &probe.exe else { return Layout::CurrentFolder };
        if probe.windows {
            // Split by hand: a Windows path read on another system in tests.
            let exe = exe.to_string_lossy().to_lowercase();
            let dir = exe.rsplit_once(['\\', '/']).map(|(dir, _)| dir.to_string());
            let installed = (probe.var)("ProgramFiles")
                .map(|p| format!("{}\\{}", p.trim_end_matches(['\\', '/']), WINDOWS_FOLDER).to_lowercase());
            if dir.is_some() && dir == installed && (probe.var)("ProgramData").is_some() {
                return Layout::Windows;
            }
        } else if exe == Path::new(LINUX_PROGRAM) {
            return Layout::Linux;
        }
        Layout::CurrentFolder
    }

    /// How this layout is named for people.
    pub fn describe(self) -> &'static str {
        match self {
            Layout::CurrentFolder => "the current folder (a source checkout, or not the installed program)",
            Layout::Windows => "installed on Windows (%ProgramData%\\KioskTriage)",
            Layout::Linux => "installed on Linux (/etc/kiosk-triage, /var/lib/kiosk-triage)",
        }
    }
}

/// Where a location came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum From {
    /// A command-line flag.
    Flag,
    /// `kiosk.ron`.
    KioskRon,
    /// Beside the folder given with `--flows` (pictures).
    BesideFlows,
    /// The layout's default.
    Default,
}

impl From {
    fn describe(self, flag: &str) -> String {
        match self {
            From::Flag => format!("from {flag}"),
            From::KioskRon => "from kiosk.ron".into(),
            From::BesideFlows => "beside --flows".into(),
            From::Default => "default".into(),
        }
    }
}

/// One resolved location and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The path.
    pub path: PathBuf,
    /// Which rule gave it.
    pub from: From,
}

/// What was given on the command line.
#[derive(Clone, Debug, Default)]
pub struct Given {
    /// `--config`.
    pub config: Option<PathBuf>,
    /// `--flows`.
    pub flows: Option<PathBuf>,
    /// `--assets`.
    pub assets: Option<PathBuf>,
    /// `--data`.
    pub data: Option<PathBuf>,
}

/// What `kiosk.ron` says about folders (already relative to its folder).
#[derive(Clone, Debug, Default)]
pub struct FromConfig {
    /// `flows`.
    pub flows: Option<PathBuf>,
    /// `assets`.
    pub assets: Option<PathBuf>,
    /// `data`.
    pub data: Option<PathBuf>,
}

/// Every file and folder a kiosk uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Locations {
    /// The layout whose defaults applied.
    pub layout: Layout,
    /// `kiosk.ron` (it may not exist: then every setting is its default).
    pub config: Place,
    /// The flows folder.
    pub flows: Place,
    /// The pictures folder.
    pub assets: Place,
    /// The data folder (archive of flow versions, statistics, last good copies).
    pub data: Place,
    /// The log file; `None`: standard error (journald keeps it on Linux).
    pub log: Option<PathBuf>,
}

/// Where `kiosk.ron` is: the flag, else the layout's.
pub fn config_path(probe: &Probe, layout: Layout, given: &Given) -> Place {
    match &given.config {
        Some(p) => Place { path: p.clone(), from: From::Flag },
        None => Place { path: root(probe, layout).join("kiosk.ron"), from: From::Default },
    }
}

/// The folder the layout keeps `kiosk.ron`, flows and pictures in.
fn root(probe: &Probe, layout: Layout) -> PathBuf {
    match layout {
        Layout::CurrentFolder => PathBuf::new(),
        Layout::Windows => program_data(probe),
        Layout::Linux => PathBuf::from(LINUX_ETC),
    }
}

/// A folder beside another (`assets` beside a flows folder).
pub fn beside(folder: &Path, name: &str) -> PathBuf {
    folder.parent().unwrap_or(Path::new(".")).join(name)
}

/// `%ProgramData%\KioskTriage`.
fn program_data(probe: &Probe) -> PathBuf {
    let base = (probe.var)("ProgramData").unwrap_or_else(|| r"C:\ProgramData".into());
    PathBuf::from(base).join(WINDOWS_FOLDER)
}

/// Resolves every location: flags, then `kiosk.ron`, then the layout.
pub fn resolve(probe: &Probe, given: &Given, config: &FromConfig) -> Locations {
    let layout = Layout::detect(probe);
    let config_file = config_path(probe, layout, given);
    let dir = config_file.path.parent().map(Path::to_path_buf).unwrap_or_default();
    let pick = |flag: &Option<PathBuf>, ron: &Option<PathBuf>, default: PathBuf| match (flag, ron) {
        (Some(p), _) => Place { path: p.clone(), from: From::Flag },
        (None, Some(p)) => Place { path: p.clone(), from: From::KioskRon },
        (None, None) => Place { path: default, from: From::Default },
    };
    let flows = pick(&given.flows, &config.flows, dir.join("flows"));
    let assets = match (&given.assets, &given.flows) {
        (None, Some(f)) => Place { path: beside(f, "assets"), from: From::BesideFlows },
        _ => pick(&given.assets, &config.assets, dir.join("assets")),
    };
    let data_default = match layout {
        Layout::CurrentFolder => dir.join("data"),
        Layout::Windows => program_data(probe).join("data"),
        Layout::Linux => PathBuf::from(LINUX_DATA),
    };
    let data = pick(&given.data, &config.data, data_default);
    let log = match layout {
        _ if !probe.windows => None,
        Layout::Windows => Some(program_data(probe).join("logs").join(LOG_FILE)),
        _ => Some(PathBuf::from("logs").join(LOG_FILE)),
    };
    Locations { layout, config: config_file, flows, assets, data, log }
}

/// Resolves every location on this machine: [`resolve`] with the folders
/// named in the `kiosk.ron` it finds. A kiosk.ron that cannot be used
/// counts as naming none here (`check` and the kiosk say what is wrong).
pub fn find(probe: &Probe, given: &Given) -> Locations {
    let config = config_path(probe, Layout::detect(probe), given).path;
    let dir = config.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let folders = match crate::config::read_clean(&config, dir) {
        Ok(Some((c, _))) => c.folders(),
        _ => FromConfig::default(),
    };
    resolve(probe, given, &folders)
}

impl Locations {
    /// The locations for people, one per line: what, where, from which rule,
    /// and whether it is there (for `kiosk-triage paths` and staff mode).
    pub fn describe(&self, exists: &dyn Fn(&Path) -> bool) -> String {
        let shown =
            |p: &Path| if p.as_os_str().is_empty() { ".".to_string() } else { p.display().to_string() };
        let mut out = format!("layout: {}\n", self.layout.describe());
        let rows = [
            ("config", &self.config, "--config", "every setting is its default"),
            ("flows", &self.flows, "--flows", "the last good flows, or the built-in ones, are used"),
            ("assets", &self.assets, "--assets", ""),
            ("data", &self.data, "--data", "created when first needed"),
        ];
        for (name, place, flag, missing) in rows {
            let note = match (exists(&place.path), missing.is_empty()) {
                (true, _) => String::new(),
                (false, true) => ", not there".to_string(),
                (false, false) => format!(", not there: {missing}"),
            };
            out.push_str(&format!(
                "{name:<7} {}  ({}{note})\n",
                shown(&place.path),
                place.from.describe(flag)
            ));
        }
        match &self.log {
            Some(log) => {
                let current =
                    log.parent().map_or_else(|| PathBuf::from(CURRENT_LOG), |d| d.join(CURRENT_LOG));
                out.push_str(&format!("log     {}  (rotated, size-bounded)\n", shown(&current)));
            }
            None => out.push_str("log     standard error (journald keeps it under systemd)\n"),
        }
        out
    }
}

#[cfg(test)]
mod tests;
