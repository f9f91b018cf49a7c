//! Translation round trips: every patron-facing text out to a gettext PO
//! file and back into the RON files.
//!
//! Volunteer translators work in Poedit, Weblate or Pontoon, not in nested
//! `{"en": ..., "es": ...}` maps spread over a dozen files. `export` lists
//! every text a patron can see (flow titles, steps, questions, answers,
//! endings, branch overrides, per-language branch values and defaults, and
//! the kiosk's own words) as [`Entry`]s with a stable id; `po` writes and
//! reads them as PO; `import` puts the translations back where they came from, editing only
//! the one string literal (or adding one map entry) each, so comments and
//! layout stay as IT staff wrote them.
//!
//! Everything here works on [`Sources`] in memory and reads the files
//! through the same raw types and literal scanner as `check`, so a change to
//! the flow format shows up here by compiling, not by drifting. The command
//! line (`cli::l10n`) does the reading and the atomic writing.

mod edit;
pub mod export;
pub mod import;
pub mod po;

pub use export::{entries, write_po};
pub use import::{Imported, import};

/// Where an entry's text lives in its file, precise enough to edit it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A per-language map `{"en": ..., ...}`: the value of field `field`,
    /// inside the list elements `within`, at bracket depth `depth` (the
    /// length of a value literal's `path`).
    Map {
        /// List elements (or, with no index, fields) the map is inside:
        /// `[("nodes", Some(3)), ("choices", Some(1))]`, `[("vars", None)]`.
        within: Vec<(String, Option<usize>)>,
        /// The field (or key) whose value the map is.
        field: String,
        /// How many brackets a value literal of the map is inside.
        depth: usize,
    },
    /// A key of `words/<lang>.ron`.
    Word {
        /// The word's key.
        key: String,
    },
}

/// One text to translate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// A stable id, the PO `msgctxt`: `flow/printing/start/choice 3`,
    /// `branch/central/value/help_desk`, `words/back`.
    pub id: String,
    /// The text in the fallback language (the PO `msgid`).
    pub source: String,
    /// The text in the language being translated, if there is one.
    pub translation: Option<String>,
    /// What the text is, for the translator.
    pub what: String,
    /// The placeholders the text uses, with what each becomes.
    pub placeholders: Vec<(String, String)>,
    /// At most this many characters fit (as `check` counts them).
    pub limit: Option<usize>,
    /// The file the text is in (as named in the sources) and the line of the
    /// fallback-language text.
    pub file: String,
    /// 1-based line of the fallback-language text.
    pub line: usize,
    /// Where the text is, for writing a translation back.
    pub place: Place,
}
