//! `check`: from source files to diagnostics and, when clean, a [`FlowSet`].
//!
//! Every problem is collected (nothing stops at the first), each with a
//! location. The model is built only when there are no errors, which is what
//! lets the model promise that every link resolves.
//!
//! One file per concern, in the order `check` runs them:
//!
//! | module | checks |
//! |---|---|
//! | `manifest` | `flowset.ron`: languages, declared flags and placeholders, `order`, that branches exist |
//! | `flows` | each flow: ids, titles, every node and its links |
//! | `endings` | a handoff's staff note, policy and statistics labels |
//! | `reach` | unreachable nodes, nodes with no way out, goto chains that never reach a screen |
//! | `branches` | each branch file on its own: its values, flags, hidden flows and overrides |
//! | `inherit` | `base:` chains and `flowset.ron`'s `defaults`, merged into the branches kiosks run |
//! | `fill` | per branch, what a patron there can see: values it must fill, dead ends, gotos into hidden flows |
//! | `words` | the kiosk's own words per language |
//! | `text` | any patron or staff text: translations, emptiness, placeholders, invisible characters |
//! | `glyphs` | characters in any text that no font the kiosk carries can draw |
//! | `limits` | what fits on a screen (`MAX_CHOICES`, `MAX_TEXT`, `MAX_LABEL`, `MAX_TITLE`) |
//! | `locate` | turning "choice 3 of node 5" into `file:line:column` |

mod branches;
mod endings;
mod fill;
mod flows;
mod glyphs;
mod goto;
mod inherit;
mod limits;
mod link;
mod locate;
mod manifest;
mod reach;
mod text;
mod words;

pub use self::limits::{MAX_CHOICES, MAX_LABEL, MAX_TEXT, MAX_TITLE};
use super::build::build;
use super::diag::{Code, Diagnostic, Severity, suggest};
use super::model::FlowSet;
pub use super::parse::parse_ron;
use super::source::{Pos, SourceFile};
use super::sources::Sources;
use std::collections::{BTreeMap, HashMap, HashSet};

/// What to check beyond the files themselves.
pub struct Options<'a> {
    /// Check only this branch (None: every branch).
    pub branch: Option<String>,
    /// Whether a picture or icon exists in `assets/`.
    pub asset_exists: &'a dyn Fn(&str) -> bool,
}

/// What `check` found.
#[derive(Debug, Default)]
pub struct Report {
    /// Every problem, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// The checked set, when there were no errors.
    pub set: Option<FlowSet>,
    /// Flows parsed.
    pub flows: usize,
    /// Nodes parsed.
    pub nodes: usize,
    /// Branches parsed.
    pub branches: usize,
}

impl Report {
    /// How many errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// How many warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count()
    }

    /// The one summary line `check` ends with.
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        format!(
            "{}, {}, {}: {}, {}",
            plural(self.flows, "flow"),
            plural(self.nodes, "node"),
            plural(self.branches, "branch").replace("branchs", "branches"),
            plural(self.errors(), "error"),
            plural(self.warnings(), "warning"),
        )
    }
}

/// What the checks share while they run: the diagnostics so far and what
/// `flowset.ron` declared.
struct Checker<'a> {
    diags: Vec<Diagnostic>,
    opts: &'a Options<'a>,
    languages: Vec<String>,
    declared_flags: BTreeMap<String, String>,
    declared_vars: BTreeMap<String, String>,
    /// Ids of flows and branches whose files did not parse: links to them
    /// are not reported again, since the file's own error says it all.
    broken: HashSet<String>,
    /// Whether `flowset.ron` parsed; if not, nothing counts as undeclared
    /// (that would only repeat its own error).
    manifest_ok: bool,
    /// Whether its `languages` are usable (not empty, no invisible
    /// characters); if not, no text is reported for missing or unknown
    /// languages, which would bury the one error in hundreds of warnings.
    languages_ok: bool,
    /// Every placeholder used in flow text, to check against each branch.
    uses: Vec<text::Use>,
    /// Each undeclared placeholder: the index in `diags` of its one error,
    /// and how many more times it is used.
    undeclared: BTreeMap<String, (usize, usize)>,
}

/// A name that refers to nothing, and what it could have meant: the hint
/// is "did you mean `x`?", else the short list of `known`, else `otherwise`.
struct Ref<'r> {
    name: &'r str,
    known: &'r [&'r str],
    /// What `known` are, for the list: "flows", "nodes", "flags declared".
    kind: &'r str,
}

impl<'r> Ref<'r> {
    /// The hint when nothing close is known.
    fn otherwise(self, hint: &'r str) -> RefOr<'r> {
        RefOr(self, Some(hint))
    }
}

/// A [`Ref`] with the hint to give when nothing close is known.
struct RefOr<'r>(Ref<'r>, Option<&'r str>);

impl<'r> From<Ref<'r>> for RefOr<'r> {
    fn from(r: Ref<'r>) -> Self {
        RefOr(r, None)
    }
}

impl<'a> Checker<'a> {
    fn new(opts: &'a Options<'a>) -> Self {
        Checker {
            diags: Vec::new(),
            opts,
            languages: vec!["en".into()],
            declared_flags: BTreeMap::new(),
            declared_vars: BTreeMap::new(),
            manifest_ok: false,
            languages_ok: true,
            broken: HashSet::new(),
            uses: Vec::new(),
            undeclared: BTreeMap::new(),
        }
    }

    fn push(
        &mut self,
        file: &SourceFile,
        (pos, width): (Pos, usize),
        sev: Severity,
        code: Code,
        msg: String,
        hint: Option<String>,
    ) {
        let mut d = Diagnostic::new(sev, code, &file.name, pos, msg).width(width);
        d.hint = hint;
        self.diags.push(d);
    }

    /// Whether this is the first error for an undeclared name (`key`, such
    /// as `flag:scanner`); later ones are only counted, and the first error
    /// says how many there were ([`Checker::count_undeclared`]). Call it
    /// right before pushing the error.
    fn first_time(&mut self, key: String) -> bool {
        if let Some((_, more)) = self.undeclared.get_mut(&key) {
            *more += 1;
            return false;
        }
        self.undeclared.insert(key, (self.diags.len(), 0));
        true
    }

    /// Adds "used N more times" to each undeclared name's one error.
    fn count_undeclared(&mut self) {
        for (at, more) in self.undeclared.values() {
            if *more > 0
                && let Some(d) = self.diags.get_mut(*at)
            {
                let s = if *more == 1 { "" } else { "s" };
                let note = format!("it is used {more} more time{s} after this");
                d.hint = Some(d.hint.take().map_or(note.clone(), |h| format!("{h}; {note}")));
            }
        }
    }

    /// The one way to report an unknown reference (a node, flow, flag,
    /// placeholder, language, word or branch that does not exist), with a
    /// did-you-mean hint.
    fn unknown<'r>(
        &mut self,
        file: &SourceFile,
        place: (Pos, usize),
        sev: Severity,
        code: Code,
        msg: String,
        target: impl Into<RefOr<'r>>,
    ) {
        let RefOr(r, otherwise) = target.into();
        let hint = suggest(r.name, r.known, r.kind).or(otherwise.map(str::to_string));
        self.push(file, place, sev, code, msg, hint);
    }
}

/// Checks a whole flow set.
pub fn check(sources: &Sources, opts: &Options) -> Report {
    let mut c = Checker::new(opts);
    let empty = SourceFile::new(sources.flowset_name.clone(), "");
    let manifest_file = sources.flowset.as_ref().unwrap_or(&empty);
    let manifest = manifest::read(&mut c, sources, manifest_file);

    let raws = flows::parse(&mut c, sources);
    let mut report = Report {
        flows: raws.len(),
        nodes: raws.iter().map(|(_, f)| f.nodes.len()).sum(),
        ..Report::default()
    };
    let mut known = flows::Flows::new(&mut c, sources, &raws);
    if let Some(m) = &manifest {
        manifest::order(&mut c, manifest_file, m, &known);
    }
    known.check_each(&mut c, sources);
    reach::goto_loops(&mut c, sources, &known);

    let branches = branches::parse(&mut c, sources);
    report.branches = branches.iter().filter(|(_, b)| !b.base_only).count();
    branches::check_all(&mut c, sources, manifest_file, &branches, &known);
    let defaults = manifest.as_ref().map(|m| m.defaults.clone()).unwrap_or_default();
    let merged = inherit::resolve(&mut c, sources, &branches, &defaults);
    let words = words::check_all(&mut c, sources, manifest_file);
    fill::fill(&mut c, sources, &branches, &merged, &words, &known);
    manifest::no_branches(&mut c, sources, manifest_file);
    if let Some(m) = &manifest {
        manifest::unused_flags(&mut c, manifest_file, m, &known);
    }
    c.count_undeclared();

    c.diags.sort_by(|a, b| (a.file.as_str(), a.line, a.column).cmp(&(b.file.as_str(), b.line, b.column)));
    c.diags.dedup();
    report.diagnostics = c.diags;
    if report.errors() == 0 {
        // Owned lookups, so the raw flows can move into the model.
        let flow_ids: HashMap<String, usize> =
            known.ids.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let indexes: Vec<HashMap<String, usize>> = known
            .indexes
            .into_iter()
            .map(|i| i.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
            .collect();
        let branches = merged.into_iter().map(|m| m.branch).collect();
        report.set = Some(build(sources, manifest, raws, &indexes, branches, words, &flow_ids));
    }
    report
}
