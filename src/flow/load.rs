//! Reading flow sets: from a folder, or the built-in defaults compiled in.
//!
//! This is the only part of the flow model that touches the file system.
//! `parse` works on text already in memory, so tests and benchmarks never
//! need files, and a kiosk with no flows folder still has flows to show.

use super::check::{Options, Report, Sources, check};
use super::diag::{Diagnostic, Severity};
use super::source::{Pos, SourceFile};
use std::path::{Path, PathBuf};

/// Where pictures and icons come from.
#[derive(Clone, Debug)]
pub enum Assets {
    /// A folder, normally `assets/` beside `flows/`.
    Dir(PathBuf),
    /// The pictures compiled into the binary with the default flows.
    Builtin,
}

impl Assets {
    /// The bytes of a picture, if it exists. Names are relative; anything that
    /// climbs out of the folder is refused.
    pub fn bytes(&self, name: &str) -> Option<Vec<u8>> {
        if !safe_name(name) {
            return None;
        }
        match self {
            Assets::Dir(dir) => std::fs::read(dir.join(name)).ok(),
            Assets::Builtin => BUILTIN_ASSETS.iter().find(|(n, _)| *n == name).map(|(_, b)| b.to_vec()),
        }
    }

    /// Whether a picture exists.
    pub fn exists(&self, name: &str) -> bool {
        if !safe_name(name) {
            return false;
        }
        match self {
            Assets::Dir(dir) => dir.join(name).is_file(),
            Assets::Builtin => BUILTIN_ASSETS.iter().any(|(n, _)| *n == name),
        }
    }
}

fn safe_name(name: &str) -> bool {
    let p = Path::new(name);
    !name.is_empty() && p.components().all(|c| matches!(c, std::path::Component::Normal(_)))
}

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../flows/", $name)))),*]
    };
}

/// The default flow files, compiled in: (path relative to `flows/`, text).
pub const BUILTIN_FLOWS: &[(&str, &str)] = builtin![
    "flowset.ron",
    "login.ron",
    "printing.ron",
    "email.ron",
    "files.ron",
    "scanning.ron",
    "wifi.ron",
    "forms.ron",
    "branches/central.ron",
    "branches/northgate.ron",
    "branches/riverside.ron",
    "words/en.ron",
    "words/es.ron",
];

macro_rules! assets {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../assets/", $name)) as &[u8])),*]
    };
}

/// The default pictures, compiled in: (path relative to `assets/`, bytes).
pub const BUILTIN_ASSETS: &[(&str, &[u8])] = assets![
    "icons/login.png",
    "icons/printing.png",
    "icons/email.png",
    "icons/files.png",
    "icons/scanning.png",
    "icons/wifi.png",
    "icons/forms.png",
    // The home screen's "something else" tile.
    "icons/staff.png",
    "pictures/login-screen.png",
    "pictures/ctrl-p.png",
    "pictures/print-dialog.png",
    "pictures/release-station.png",
    "pictures/attach.png",
    "pictures/usb-port.png",
    "pictures/usb-eject.png",
    "pictures/scanner-lid.png",
    "pictures/wifi-terms.png",
];

/// The built-in default flows as sources.
pub fn builtin_sources() -> Sources {
    let mut sources = Sources {
        origin: "built-in default flows".into(),
        flowset_name: "<built-in>/flowset.ron".into(),
        ..Sources::default()
    };
    for (name, text) in BUILTIN_FLOWS {
        sources.add(format!("<built-in>/{name}"), name, SourceFile::new(format!("<built-in>/{name}"), *text));
    }
    sources
}

impl Sources {
    /// Files a folder, by where it sits relative to the flows folder.
    fn add(&mut self, _shown: String, relative: &str, file: SourceFile) {
        let rel = relative.replace('\\', "/");
        if rel == "flowset.ron" {
            self.flowset = Some(file);
        } else if rel.starts_with("branches/") {
            self.branches.push(file);
        } else if rel.starts_with("words/") {
            self.words.push(file);
        } else if !rel.contains('/') {
            self.flows.push(file);
        }
    }
}

/// Why a folder could not be read at all (as opposed to what is wrong
/// inside its files, which `check` reports).
#[derive(Debug)]
pub struct ReadError {
    /// The path.
    pub path: PathBuf,
    /// The cause.
    pub error: std::io::Error,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot read `{}`: {}", self.path.display(), self.error)
    }
}

/// Reads every `.ron` file of a flows folder: `flowset.ron`, the flow files,
/// `branches/` and `words/`. Files that are not UTF-8 are kept (with the bad
/// bytes replaced) and reported, so the rest still gets checked.
pub fn read_dir(dir: &Path) -> Result<(Sources, Vec<Diagnostic>), ReadError> {
    let mut sources = Sources {
        origin: dir.display().to_string(),
        flowset_name: dir.join("flowset.ron").display().to_string(),
        ..Sources::default()
    };
    let mut problems = Vec::new();
    for sub in ["", "branches", "words"] {
        let folder = if sub.is_empty() { dir.to_path_buf() } else { dir.join(sub) };
        if !sub.is_empty() && !folder.is_dir() {
            continue;
        }
        let entries =
            std::fs::read_dir(&folder).map_err(|error| ReadError { path: folder.clone(), error })?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "ron"))
            .collect();
        paths.sort();
        for path in paths {
            let bytes = std::fs::read(&path).map_err(|error| ReadError { path: path.clone(), error })?;
            let shown = path.display().to_string();
            let text = match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(e) => {
                    let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                    let prefix = String::from_utf8_lossy(valid);
                    let line = prefix.matches('\n').count() + 1;
                    let col = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                    problems.push(
                        Diagnostic::new(
                            Severity::Error,
                            "encoding",
                            &shown,
                            Pos { line, col },
                            "the file is not valid UTF-8",
                        )
                        .hint("save the file as UTF-8 in your editor"),
                    );
                    String::from_utf8_lossy(e.as_bytes()).into_owned()
                }
            };
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let relative = if sub.is_empty() { name.to_string() } else { format!("{sub}/{name}") };
            sources.add(shown.clone(), &relative, SourceFile::new(shown, text));
        }
    }
    Ok((sources, problems))
}

/// A checked flow set and how it was found.
#[derive(Debug)]
pub struct Loaded {
    /// What `check` said; `report.set` is the flow set when it had no errors.
    pub report: Report,
    /// Where pictures come from for this set.
    pub assets: Assets,
    /// Every source file, so diagnostics can show their lines.
    pub sources: Sources,
    /// Said when the built-in defaults were used instead of a folder.
    pub note: Option<String>,
    /// Other files reported on with the flows (`kiosk.ron` in `check`).
    pub extra: Vec<SourceFile>,
}

/// Loads and checks the flows in `dir`, with pictures from `assets`. When
/// `dir` does not exist, the built-in defaults are used and `note` says so.
pub fn load(dir: &Path, assets: &Path, branch: Option<&str>) -> Result<Loaded, ReadError> {
    if !dir.exists() {
        let mut loaded = load_builtin(branch);
        loaded.note =
            Some(format!("no flows folder at `{}`; using the built-in default flows", dir.display()));
        return Ok(loaded);
    }
    let (sources, problems) = read_dir(dir)?;
    let assets = Assets::Dir(assets.to_path_buf());
    let mut report =
        check(&sources, &Options { branch: branch.map(str::to_string), asset_exists: &|n| assets.exists(n) });
    if !problems.is_empty() {
        report.diagnostics.extend(problems);
        report.set = None;
    }
    Ok(Loaded { report, assets, sources, note: None, extra: Vec::new() })
}

/// Checks the built-in defaults.
pub fn load_builtin(branch: Option<&str>) -> Loaded {
    let sources = builtin_sources();
    let assets = Assets::Builtin;
    let report =
        check(&sources, &Options { branch: branch.map(str::to_string), asset_exists: &|n| assets.exists(n) });
    Loaded { report, assets, sources, note: None, extra: Vec::new() }
}

/// Checks flow files held in memory, with no IO at all: for tests, benches
/// and tools that build flows themselves. `files` are (path relative to the
/// flows folder, text).
pub fn parse(files: &[(&str, &str)], asset_exists: &dyn Fn(&str) -> bool, branch: Option<&str>) -> Report {
    let mut sources =
        Sources { origin: "memory".into(), flowset_name: "flowset.ron".into(), ..Sources::default() };
    for (name, text) in files {
        sources.add((*name).to_string(), name, SourceFile::new(*name, *text));
    }
    check(&sources, &Options { branch: branch.map(str::to_string), asset_exists })
}

impl Loaded {
    /// The source file a diagnostic points into.
    pub fn source(&self, name: &str) -> Option<&SourceFile> {
        self.sources.find_file(name).or_else(|| self.extra.iter().find(|f| f.name == name))
    }
}

impl Sources {
    /// A file by the name diagnostics use.
    pub fn find_file(&self, name: &str) -> Option<&SourceFile> {
        self.flowset
            .iter()
            .chain(&self.flows)
            .chain(&self.branches)
            .chain(&self.words)
            .find(|f| f.name == name)
    }
}
