//! Every flow set a machine has loaded, kept so that old codes still decode.
//!
//! Content-addressed: `<data>/flowsets/<fingerprint>.ron` holds the exact
//! source files of one version. It holds flow files and nothing else: no
//! session, no time, nothing about a patron.

use crate::flow::check::{Options, Sources, check};
use crate::flow::model::FlowSet;
use crate::flow::source::SourceFile;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// One archived version: the files by base name.
#[derive(Debug, Serialize, Deserialize)]
struct Archived {
    flowset: Option<(String, String)>,
    flows: Vec<(String, String)>,
    branches: Vec<(String, String)>,
    words: Vec<(String, String)>,
}

/// The archive folder of a data folder.
#[derive(Clone, Debug)]
pub struct Archive {
    dir: PathBuf,
}

fn base(name: &str) -> String {
    Path::new(name).file_name().and_then(|n| n.to_str()).unwrap_or(name).to_string()
}

impl Archive {
    /// The archive in `data`/flowsets.
    pub fn new(data: &Path) -> Self {
        Archive { dir: data.join("flowsets") }
    }

    /// The file a version is kept in.
    pub fn path_of(&self, fingerprint: u64) -> PathBuf {
        self.dir.join(format!("{fingerprint:016x}.ron"))
    }

    /// Keeps `sources` (which checked clean into a set with `fingerprint`)
    /// unless that version is already kept.
    pub fn save(&self, sources: &Sources, fingerprint: u64) -> std::io::Result<()> {
        let path = self.path_of(fingerprint);
        if path.exists() {
            return Ok(());
        }
        let pairs = |files: &[SourceFile]| files.iter().map(|f| (base(&f.name), f.text.clone())).collect();
        let archived = Archived {
            flowset: sources.flowset.as_ref().map(|f| (base(&f.name), f.text.clone())),
            flows: pairs(&sources.flows),
            branches: pairs(&sources.branches),
            words: pairs(&sources.words),
        };
        let text = ron::ser::to_string_pretty(&archived, ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        std::fs::create_dir_all(&self.dir)?;
        // Write then rename, so a power cut never leaves half a file.
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, text)?;
        std::fs::rename(tmp, path)
    }

    /// Every kept version that still checks clean, newest file name order
    /// aside (codes pick their version by tag).
    pub fn load_all(&self) -> Vec<FlowSet> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return Vec::new() };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
        paths.sort();
        paths.iter().filter_map(|p| load_one(p)).collect()
    }
}

fn load_one(path: &Path) -> Option<FlowSet> {
    let text = std::fs::read_to_string(path).ok()?;
    let archived: Archived = ron::from_str(&text).ok()?;
    let file = |(name, text): (String, String)| SourceFile::new(name, text);
    let sources = Sources {
        flowset: archived.flowset.map(file),
        flows: archived.flows.into_iter().map(file).collect(),
        branches: archived.branches.into_iter().map(file).collect(),
        words: archived.words.into_iter().map(file).collect(),
        origin: format!("archive {}", path.display()),
        flowset_name: "flowset.ron".into(),
        unread: Vec::new(),
    };
    check(&sources, &Options { branch: None, asset_exists: &|_| true }).set
}
