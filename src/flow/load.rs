//! Reading flow sets: from a folder, or the built-in defaults compiled in.
//!
//! This is the only part of the flow model that touches the file system.
//! `parse` works on text already in memory, so tests and benchmarks never
//! need files, and a kiosk with no flows folder still has flows to show.

use super::check::{Options, Report, check};
use super::diag::{Code, Diagnostic, Severity};
use super::limits;
use super::source::{Pos, SourceFile};
use super::sources::Sources;
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
    /// climbs out of the folder is refused, and so is a link that leads out of
    /// it, anything that is not a regular file, and a picture over
    /// [`MAX_PICTURE_BYTES`](super::limits::MAX_PICTURE_BYTES).
    pub fn bytes(&self, name: &str) -> Option<Vec<u8>> {
        if !safe_name(name) {
            return None;
        }
        match self {
            Assets::Dir(dir) => {
                let root = dir.canonicalize().ok()?;
                limits::read_bytes(&dir.join(name), Some(&root), limits::MAX_PICTURE_BYTES).ok()
            }
            Assets::Builtin => BUILTIN_ASSETS.iter().find(|(n, _)| *n == name).map(|(_, b)| b.to_vec()),
        }
    }

    /// Whether a picture exists and would be shown.
    pub fn exists(&self, name: &str) -> bool {
        matches!(self.refusal(name), Ok(true))
    }

    /// Whether a picture is there (`Ok(false)`: it is not), or why it is
    /// there but refused.
    pub fn refusal(&self, name: &str) -> Result<bool, limits::Refusal> {
        if !safe_name(name) {
            return Ok(false);
        }
        match self {
            Assets::Dir(dir) => {
                let path = dir.join(name);
                let Ok(root) = dir.canonicalize() else { return Ok(false) };
                let real = match limits::resolve_inside(&path, &root) {
                    Err(limits::Refusal::Io(_)) => return Ok(false),
                    other => other?,
                };
                match std::fs::metadata(real) {
                    Ok(m) if !m.is_file() => Ok(false),
                    Ok(m) if m.len() > limits::MAX_PICTURE_BYTES => {
                        Err(limits::Refusal::TooBig(Some(m.len())))
                    }
                    Ok(_) => Ok(true),
                    Err(_) => Ok(false),
                }
            }
            Assets::Builtin => Ok(BUILTIN_ASSETS.iter().any(|(n, _)| *n == name)),
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
    "copying.ron",
    "time.ron",
    "access.ron",
    "branches/central.ron",
    "branches/northgate.ron",
    "branches/riverside.ron",
    "words/en.ron",
    "words/es.ron",
    "words/zh.ron",
    "words/vi.ron",
    "words/ru.ron",
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
    "icons/copying.png",
    "icons/time.png",
    "icons/access.png",
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
        sources.add(name, SourceFile::new(format!("<built-in>/{name}"), *text));
    }
    sources
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

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// Reads every `.ron` file of a flows folder: `flowset.ron`, the flow files,
/// `branches/` and `words/`. Files that are not UTF-8 are kept (with the bad
/// bytes replaced) and reported, so the rest still gets checked. Files
/// refused under the [limits](super::limits) (too big, too many, not a
/// regular file, a link out of the folder, UTF-16) are reported and not read:
/// their names go to `Sources::unread`.
///
/// The folder itself may be a link (`flows -> releases/v42`, the atomic
/// deploy): files must stay inside where it leads.
pub fn read_dir(dir: &Path) -> Result<(Sources, Vec<Diagnostic>), ReadError> {
    use super::limits::{MAX_FILE_BYTES, MAX_FILES, resolve_inside};
    let mut sources = Sources {
        origin: dir.display().to_string(),
        flowset_name: dir.join("flowset.ron").display().to_string(),
        ..Sources::default()
    };
    let mut problems = Vec::new();
    let root = dir.canonicalize().map_err(|error| ReadError { path: dir.to_path_buf(), error })?;
    let mut total = 0u64;
    for sub in ["", "branches", "words"] {
        let folder = if sub.is_empty() { dir.to_path_buf() } else { dir.join(sub) };
        if !sub.is_empty() && !folder.is_dir() {
            continue;
        }
        let shown_folder = folder.display().to_string();
        if let Err(refusal) = resolve_inside(&folder, &root) {
            problems.push(refusal.diagnostic(&shown_folder, "the flows folder", MAX_FILE_BYTES));
            sources.unread.push(format!("{sub}/"));
            continue;
        }
        let entries =
            std::fs::read_dir(&folder).map_err(|error| ReadError { path: folder.clone(), error })?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron") && !p.is_dir())
            .collect();
        paths.sort();
        if paths.len() > MAX_FILES {
            problems.push(
                Diagnostic::new(
                    Severity::Error,
                    Code::TooManyFiles,
                    &shown_folder,
                    Pos::START,
                    format!(
                        "the folder has {} `.ron` files; only the first {MAX_FILES} were read",
                        paths.len()
                    ),
                )
                .hint("keep only flow files here; move copies and old versions out of the folder"),
            );
            paths.truncate(MAX_FILES);
        }
        for path in paths {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let relative = if sub.is_empty() { name.to_string() } else { format!("{sub}/{name}") };
            read_one(&path, relative, &root, &mut total, &mut sources, &mut problems);
        }
    }
    Ok((sources, problems))
}

/// Reads one file of a flows folder into `sources`, or says why not in
/// `problems` (and lists it in `Sources::unread`). `total` is the text read
/// so far.
fn read_one(
    path: &Path,
    relative: String,
    root: &Path,
    total: &mut u64,
    sources: &mut Sources,
    problems: &mut Vec<Diagnostic>,
) {
    use super::limits::{MAX_FILE_BYTES, MAX_TOTAL_BYTES, Refusal, read_text};
    let shown = path.display().to_string();
    if *total > MAX_TOTAL_BYTES {
        sources.unread.push(relative);
        return;
    }
    let text = match read_text(path, Some(root), MAX_FILE_BYTES) {
        Ok((text, bad_byte)) => {
            if let Some(pos) = bad_byte {
                problems.push(
                    Diagnostic::new(
                        Severity::Error,
                        Code::Encoding,
                        &shown,
                        pos,
                        "the file is not valid UTF-8",
                    )
                    .hint("save the file as UTF-8 in your editor"),
                );
            }
            text
        }
        // Gone since the folder was listed, or a link to nothing: as if it
        // were not there.
        Err(Refusal::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => return,
        Err(refusal) => {
            problems.push(refusal.diagnostic(&shown, "the flows folder", MAX_FILE_BYTES));
            sources.unread.push(relative);
            return;
        }
    };
    *total += text.len() as u64;
    if *total > MAX_TOTAL_BYTES {
        problems.push(
            Diagnostic::new(
                Severity::Error,
                Code::TooMuchText,
                &shown,
                Pos::START,
                format!(
                    "the flow set passes {} MiB of text here; this file and the ones after it were not read",
                    MAX_TOTAL_BYTES >> 20
                ),
            )
            .hint("a flow set is a few hundred kilobytes: move files that are not flows out of the folder"),
        );
        sources.unread.push(relative);
        return;
    }
    sources.add(&relative, SourceFile::new(shown, text));
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
    let assets_dir = assets;
    let assets = Assets::Dir(assets.to_path_buf());
    // Pictures that are there but refused are said once each, in their own
    // words, rather than as missing.
    let refused = std::cell::RefCell::new(Vec::new());
    let asset_exists = |n: &str| match assets.refusal(n) {
        Ok(there) => there,
        Err(why) => {
            refused.borrow_mut().push((n.to_string(), why));
            true
        }
    };
    let mut report =
        check(&sources, &Options { branch: branch.map(str::to_string), asset_exists: &asset_exists });
    report.diagnostics.extend(super::pictures::refused_pictures(&sources, refused.into_inner()));
    if !assets_dir.is_dir() {
        super::pictures::no_assets_folder(&mut report.diagnostics, assets_dir);
    }
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
        sources.add(name, SourceFile::new(*name, *text));
    }
    check(&sources, &Options { branch: branch.map(str::to_string), asset_exists })
}

impl Loaded {
    /// The source file a diagnostic points into.
    pub fn source(&self, name: &str) -> Option<&SourceFile> {
        self.sources.find_file(name).or_else(|| self.extra.iter().find(|f| f.name == name))
    }
}
