//! Every flow set a machine has loaded recently, kept so that old codes still
//! decode.
//!
//! Content-addressed: `<data>/flowsets/<fingerprint>.ron` holds the exact
//! source files of one version. It holds flow files and nothing else: no
//! session, no time, nothing about a patron.
//!
//! - **Bounded.** At most [`KEEP_VERSIONS`] versions are kept: the ones
//!   loaded most recently. `index.txt` lists the kept fingerprints, the one
//!   loaded longest ago first; saving a version moves it to the end and
//!   removes the oldest beyond the bound. (Use order, not the clock: the core
//!   never reads the time.)
//! - **Indexed.** A code carries the low 8 bits of its version's fingerprint
//!   (its tag), and every file is named by its fingerprint, so the folder
//!   listing is the index from tag to versions: decoding loads and checks only
//!   the versions with the code's tag ([`Archive::versions`]), not all of them.
//! - **Clean.** Files are written to a `.tmp` file and renamed, so a power cut
//!   never leaves half a version; a failed write removes its `.tmp` file, and
//!   every save removes `.tmp` files an earlier crash left behind.
//! - **Reportable.** Saving returns its error; reading returns the versions it
//!   could load and an [`ArchiveError`] for each file it could not, and the
//!   callers log them.

use crate::flow::Sources;
use crate::flow::check::{Options, check};
use crate::flow::load::Loaded;
use crate::flow::model::FlowSet;
use crate::flow::source::SourceFile;
use crate::handoff::base32;
use crate::handoff::codec::tag_of_value;
use crate::handoff::summary::{self, DecodeError, Summary};
use serde::{Deserialize, Serialize};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How many versions an archive keeps by default: the most recently loaded.
/// A patron walks to the desk in minutes, so a few are enough; this many
/// cover weeks of daily edits and stay under about 6 MB with the default
/// flows.
pub const KEEP_VERSIONS: usize = 50;

/// The largest archived file read (far above any real flow set; a bigger
/// file is not a version this program wrote).
const MAX_FILE: u64 = 64 * 1024 * 1024;

/// The file listing kept versions in use order.
const INDEX: &str = "index.txt";

/// Where archived files appear in diagnostics: `<archive>/login.ron`.
const PREFIX: &str = "<archive>";

/// One archived version: the files by base name.
#[derive(Debug, Serialize, Deserialize)]
struct Archived {
    flowset: Option<(String, String)>,
    flows: Vec<(String, String)>,
    branches: Vec<(String, String)>,
    words: Vec<(String, String)>,
}

/// A file of the archive that could not be read, written or used.
#[derive(Debug)]
pub struct ArchiveError {
    /// The file.
    pub path: PathBuf,
    /// What went wrong, for people.
    pub what: String,
}

impl std::fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "archived flows `{}`: {}", self.path.display(), self.what)
    }
}

impl std::error::Error for ArchiveError {}

/// What [`Archive::versions`] found.
#[derive(Debug, Default)]
pub struct Versions {
    /// The versions that load and check clean.
    pub sets: Vec<FlowSet>,
    /// The files that could not be used, for the log.
    pub problems: Vec<ArchiveError>,
}

/// The archive folder of a data folder.
#[derive(Clone, Debug)]
pub struct Archive {
    dir: PathBuf,
    keep: usize,
}

fn base(name: &str) -> String {
    Path::new(name).file_name().and_then(|n| n.to_str()).unwrap_or(name).to_string()
}

/// The fingerprint a version file is named by, if it is one.
fn fingerprint_of(path: &Path) -> Option<u64> {
    if path.extension()? != "ron" {
        return None;
    }
    let stem = path.file_stem()?.to_str()?;
    if stem.len() != 16 {
        return None;
    }
    u64::from_str_radix(stem, 16).ok()
}

/// Writes `bytes` to `path` through a `.tmp` file and a rename; on failure the
/// `.tmp` file is removed.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = path.with_file_name(format!("{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

impl Archive {
    /// The archive in `data`/flowsets, keeping [`KEEP_VERSIONS`] versions.
    pub fn new(data: &Path) -> Self {
        Archive { dir: data.join("flowsets"), keep: KEEP_VERSIONS }
    }

    /// The same archive keeping at most `versions` versions (at least one).
    pub fn keeping(self, versions: usize) -> Self {
        Archive { keep: versions.max(1), ..self }
    }

    /// The archive folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file a version is kept in.
    pub fn path_of(&self, fingerprint: u64) -> PathBuf {
        self.dir.join(format!("{fingerprint:016x}.ron"))
    }

    /// Keeps `sources` (which checked clean into a set with `fingerprint`)
    /// unless that version is already kept, marks it the most recently used,
    /// and removes the versions beyond the bound and stale `.tmp` files.
    pub fn save(&self, sources: &Sources, fingerprint: u64) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        self.remove_stale_tmp();
        let path = self.path_of(fingerprint);
        if !path.is_file() {
            let pairs =
                |files: &[SourceFile]| files.iter().map(|f| (base(&f.name), f.text.clone())).collect();
            let archived = Archived {
                flowset: sources.flowset.as_ref().map(|f| (base(&f.name), f.text.clone())),
                flows: pairs(&sources.flows),
                branches: pairs(&sources.branches),
                words: pairs(&sources.words),
            };
            let text = ron::ser::to_string_pretty(&archived, ron::ser::PrettyConfig::default())
                .map_err(std::io::Error::other)?;
            write_atomic(&path, text.as_bytes())?;
        }
        let mut order = self.order();
        order.retain(|&f| f != fingerprint);
        order.push(fingerprint);
        let excess = order.len().saturating_sub(self.keep);
        let mut removed = Ok(());
        for old in order.drain(..excess) {
            match std::fs::remove_file(self.path_of(old)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound && removed.is_ok() => removed = Err(e),
                _ => {}
            }
        }
        let mut index =
            String::from("# kiosk-triage: kept flow versions, the one loaded longest ago first\n");
        for f in &order {
            index.push_str(&format!("{f:016x}\n"));
        }
        write_atomic(&self.dir.join(INDEX), index.as_bytes())?;
        removed
    }

    /// Removes `.tmp` files left by a crash or a full disk (best effort: a
    /// file that cannot be removed is tried again on the next save).
    fn remove_stale_tmp(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return };
        for e in entries.filter_map(Result::ok) {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "tmp") {
                let _ = std::fs::remove_file(p);
            }
        }
    }

    /// The fingerprints of the version files in the folder, in no order.
    fn on_disk(&self) -> Vec<u64> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return Vec::new() };
        entries.filter_map(Result::ok).filter_map(|e| fingerprint_of(&e.path())).collect()
    }

    /// The kept versions, the one loaded longest ago first: the index, after
    /// the files it does not list (an archive from before the index, or a lost
    /// index) in the order of their modification times.
    fn order(&self) -> Vec<u64> {
        let on_disk = self.on_disk();
        let listed: Vec<u64> = std::fs::read_to_string(self.dir.join(INDEX))
            .unwrap_or_default()
            .lines()
            .filter_map(|l| u64::from_str_radix(l.trim(), 16).ok())
            .filter(|f| on_disk.contains(f))
            .collect();
        let mut unlisted: Vec<(Option<std::time::SystemTime>, u64)> = on_disk
            .iter()
            .filter(|f| !listed.contains(f))
            .map(|&f| (std::fs::metadata(self.path_of(f)).and_then(|m| m.modified()).ok(), f))
            .collect();
        unlisted.sort();
        let mut order: Vec<u64> = unlisted.into_iter().map(|(_, f)| f).collect();
        for f in listed {
            if !order.contains(&f) {
                order.push(f);
            }
        }
        order
    }

    /// The fingerprints of the kept versions, the one loaded longest ago
    /// first.
    pub fn fingerprints(&self) -> Vec<u64> {
        self.order()
    }

    /// The archived source files of one version, named for diagnostics
    /// (`<archive>/login.ron`, `<archive>/branches/central.ron`), or `None`
    /// if it is not kept or cannot be read.
    pub fn sources(&self, fingerprint: u64) -> Option<Sources> {
        self.read_sources(fingerprint).ok()
    }

    fn read_sources(&self, fingerprint: u64) -> Result<Sources, ArchiveError> {
        let path = self.path_of(fingerprint);
        let problem = |what: String| ArchiveError { path: path.clone(), what };
        let size = std::fs::metadata(&path).map_err(|e| problem(e.to_string()))?.len();
        if size > MAX_FILE {
            return Err(problem(format!("{size} bytes, more than any archived version")));
        }
        let text = std::fs::read_to_string(&path).map_err(|e| problem(e.to_string()))?;
        let archived: Archived =
            ron::from_str(&text).map_err(|e| problem(format!("not an archived version ({e})")))?;
        fn file(dir: &'static str) -> impl Fn((String, String)) -> SourceFile {
            move |(name, text)| SourceFile::new(format!("{PREFIX}/{dir}{}", base(&name)), text)
        }
        Ok(Sources {
            flowset: archived.flowset.map(file("")),
            flows: archived.flows.into_iter().map(file("")).collect(),
            branches: archived.branches.into_iter().map(file("branches/")).collect(),
            words: archived.words.into_iter().map(file("words/")).collect(),
            origin: format!("archived version {fingerprint:016x} ({})", path.display()),
            flowset_name: format!("{PREFIX}/flowset.ron"),
            unread: Vec::new(),
        })
    }

    fn load_one(&self, fingerprint: u64) -> Result<FlowSet, ArchiveError> {
        let sources = self.read_sources(fingerprint)?;
        let problem = |what: String| ArchiveError { path: self.path_of(fingerprint), what };
        let report = check(&sources, &Options { branch: None, asset_exists: &|_| true });
        let Some(set) = report.set else {
            let first = report.diagnostics.iter().find(|d| d.severity == crate::flow::Severity::Error);
            return Err(problem(format!(
                "no longer checks clean with this program{}",
                first.map(|d| format!(": {}", d.message)).unwrap_or_default()
            )));
        };
        if set.fingerprint != fingerprint {
            return Err(problem(format!(
                "holds version {:016x}, not the one its name says (edited by hand?)",
                set.fingerprint
            )));
        }
        Ok(set)
    }

    /// The kept versions whose tag (the fingerprint's low 8 bits) is `tag`,
    /// or every kept version for `None`; only those files are read and
    /// checked.
    pub fn versions(&self, tag: Option<u8>) -> Versions {
        let mut fingerprints = self.on_disk();
        fingerprints.sort_unstable();
        let mut out = Versions::default();
        for f in fingerprints.into_iter().filter(|f| tag.is_none_or(|t| (f & 0xff) as u8 == t)) {
            match self.load_one(f) {
                Ok(set) => out.sets.push(set),
                Err(e) => out.problems.push(e),
            }
        }
        out
    }

    /// Decodes a typed code against `current` (the flows in use), then, if it
    /// is not theirs, against the kept versions with the code's tag: only
    /// those are loaded. Also returns the archived files that could not be
    /// used, for the log.
    pub fn decode(
        &self,
        input: &str,
        current: &[Arc<FlowSet>],
    ) -> (Result<Summary, DecodeError>, Vec<ArchiveError>) {
        let first = summary::decode(input, current);
        if !matches!(first, Err(DecodeError::UnknownVersion(_) | DecodeError::NotAPath)) {
            return (first, Vec::new());
        }
        let Ok(value) = base32::decode(input) else { return (first, Vec::new()) };
        let found = self.versions(Some(tag_of_value(value)));
        if found.sets.is_empty() {
            return (first, found.problems);
        }
        let mut sets = current.to_vec();
        for set in found.sets {
            if !sets.iter().any(|s| s.fingerprint == set.fingerprint) {
                sets.push(Arc::new(set));
            }
        }
        (summary::decode(input, &sets), found.problems)
    }

    /// Every kept version that still checks clean (the files that do not are
    /// left out; [`Archive::versions`] says why).
    pub fn load_all(&self) -> Vec<FlowSet> {
        self.versions(None).sets
    }
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

/// What a desk decodes against: the current flow set first (archived on the
/// way when there is an archive), and the archive for older versions.
pub struct KnownSets {
    /// The current set, when the flows folder is clean.
    pub sets: Vec<Arc<FlowSet>>,
    /// The archive of older versions, if there is a data folder.
    pub archive: Option<Archive>,
    /// Why the current set could not be archived, for the caller to warn.
    pub unsaved: Option<String>,
}

/// The flow sets a desk decodes against ([`KnownSets`]), from the loaded
/// flows folder and the data folder (`data`, else [`default_data`]).
pub fn known_sets(loaded: &Loaded, data: Option<&Path>) -> KnownSets {
    let archive = archive_for(data);
    let mut sets = Vec::new();
    let mut unsaved = None;
    if let Some(set) = &loaded.report.set {
        if let Some(archive) = &archive
            && let Err(e) = archive.save(&loaded.sources, set.fingerprint)
        {
            unsaved = Some(format!("could not archive the flows in `{}`: {e}", archive.dir().display()));
        }
        sets.push(Arc::new(set.clone()));
    }
    KnownSets { sets, archive, unsaved }
}
