//! `Sources`: every file of a flow set, read but not yet parsed.
//!
//! Its own module because both ends use it: `load` fills it, `check` reads
//! it, and `build` hashes it into the fingerprint. Keeping it apart means
//! none of those import each other for it.

use super::source::SourceFile;

/// Every file of a flow set, read but not yet parsed.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    /// `flowset.ron`, if there is one.
    pub flowset: Option<SourceFile>,
    /// One file per flow.
    pub flows: Vec<SourceFile>,
    /// `branches/*.ron`.
    pub branches: Vec<SourceFile>,
    /// `words/<lang>.ron`.
    pub words: Vec<SourceFile>,
    /// Where they came from, for people ("flows/", "built-in defaults").
    pub origin: String,
    /// The name `flowset.ron` is reported under when it is missing.
    pub flowset_name: String,
    /// Files refused before parsing (too big, a link out of the folder,
    /// UTF-16, ...), relative to the flows folder (`printing.ron`,
    /// `words/es.ron`; a refused folder as `branches/`). Their refusal is
    /// reported where they were read, so nothing more is said about them (no
    /// missing `flowset.ron` or branch, no unknown flow named like them).
    pub unread: Vec<String>,
}

impl Sources {
    /// Files a file by where it sits relative to the flows folder.
    pub(super) fn add(&mut self, relative: &str, file: SourceFile) {
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
