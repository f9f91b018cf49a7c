//! What a kiosk runs on: which flows (its folder, the last good version it
//! ran, or the built-in defaults), which branch and which languages, at
//! start-up and on every reload.
//!
//! A real library breaks things: a typo in `kiosk.ron`, a half-copied
//! folder, a deploy tool that swaps the flows folder away for a moment. The
//! rules here keep patrons on the library's own flows through all of that:
//! a folder that loads clean is used and remembered as the last good one; a
//! broken or missing folder falls back to the last good version kept in the
//! data folder; the built-in demo flows run only on a machine that never had
//! flows of its own; a branch the flows lack never throws the flows away.
//! No clock and no UI: the kiosk calls these and shows what they say.

use crate::flow::FlowSet;
use crate::flow::Sources;
use crate::flow::check::{Options, check};
use crate::flow::load::{Assets, Loaded, load, load_builtin};
use crate::flow::{Diagnostic, Severity};
use crate::handoff::archive::Archive;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Where a kiosk's flows are, from `kiosk.ron` and the command line.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The flows folder.
    pub flows: PathBuf,
    /// The pictures folder.
    pub assets: PathBuf,
    /// The branch asked for, if any.
    pub branch: Option<String>,
    /// The data folder (archive of flow versions, the last good pointer).
    pub data: PathBuf,
}

/// Where the flows in use came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The flows folder, checked clean.
    Folder,
    /// The last version this kiosk ran clean, from its data folder, because
    /// the folder is missing or broken.
    LastGood,
    /// The built-in default flows: there is no flows folder and never was.
    Builtin,
    /// The folder is broken and no good version was ever kept: the kiosk
    /// shows no guides, only the way to staff (never the demo flows).
    Unavailable,
}

/// The flows a kiosk starts with.
#[derive(Debug)]
pub struct Chosen {
    /// The checked flows (`report.set` is always `Some`).
    pub loaded: Loaded,
    /// Where they came from.
    pub origin: Origin,
    /// What staff should know, one paragraph each.
    pub notices: Vec<String>,
}

/// The file in the data folder naming the last flow version run clean.
pub const LAST_GOOD_FLOWS: &str = "last-good-flows.ron";

/// What [`LAST_GOOD_FLOWS`] holds.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
struct LastGood {
    /// The flow set's fingerprint (its archive file).
    fingerprint: String,
    /// The branch the kiosk showed.
    branch: String,
}

/// Loads and checks a flows folder the one way `check` does (parse, check,
/// handoff-code lengths). A missing folder is an error here: the caller
/// decides what a missing folder means.
pub fn accept(flows: &Path, assets: &Path, branch: Option<&str>) -> Result<Loaded, Vec<String>> {
    if !flows.is_dir() {
        return Err(vec![format!("there is no flows folder at `{}`", flows.display())]);
    }
    let loaded = load(flows, assets, branch).map_err(|e| vec![e.to_string()])?;
    finish(loaded, branch)
}

/// The same for flow files already read (the archive's).
fn accept_sources(sources: Sources, assets: Assets, branch: Option<&str>) -> Result<Loaded, Vec<String>> {
    let report =
        check(&sources, &Options { branch: branch.map(str::to_string), asset_exists: &|n| assets.exists(n) });
    finish(Loaded { report, assets, sources, note: None, extra: Vec::new() }, branch)
}

fn finish(mut loaded: Loaded, branch: Option<&str>) -> Result<Loaded, Vec<String>> {
    crate::handoff::refuse_long_codes(&mut loaded, branch);
    if loaded.report.set.is_some() {
        return Ok(loaded);
    }
    Err(errors(&loaded, &loaded.report.diagnostics))
}

fn errors(loaded: &Loaded, diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.render(loaded.source(&d.file)))
        .collect()
}

/// [`accept`] for the branch asked for; when that fails only because the
/// flows lack that branch, the flows checked over every branch instead (the
/// caller then picks a branch they have). `bool`: whether the branch was the
/// problem.
fn accept_for_branch(plan: &Plan) -> Result<(Loaded, bool), Vec<String>> {
    match accept(&plan.flows, &plan.assets, plan.branch.as_deref()) {
        Ok(l) => Ok((l, false)),
        Err(problems) => {
            if plan.branch.is_some()
                && let Ok(l) = accept(&plan.flows, &plan.assets, None)
                && plan
                    .branch
                    .as_deref()
                    .is_some_and(|b| l.report.set.as_ref().is_some_and(|s| s.branch(b).is_none()))
            {
                return Ok((l, true));
            }
            Err(problems)
        }
    }
}

/// The flows a kiosk starts on. Never fails: see [`Origin`] for the order.
pub fn start(plan: &Plan) -> Chosen {
    let archive = Archive::new(&plan.data);
    if !plan.flows.exists() {
        if let Some(mut chosen) = last_good(plan, &archive) {
            chosen.notices.insert(
                0,
                format!(
                    "There is no flows folder at `{}`; the kiosk runs the last good version of the flows it kept.",
                    plan.flows.display()
                ),
            );
            return chosen;
        }
        let mut loaded = load_builtin(None);
        loaded.note =
            Some(format!("no flows folder at `{}`; using the built-in default flows", plan.flows.display()));
        return Chosen { loaded, origin: Origin::Builtin, notices: Vec::new() };
    }
    match accept_for_branch(plan) {
        Ok((loaded, branch_wrong)) => {
            let mut notices = Vec::new();
            if branch_wrong && let Some(b) = &plan.branch {
                notices.push(unknown_branch(b, loaded.report.set.as_ref()));
            }
            Chosen { loaded, origin: Origin::Folder, notices }
        }
        Err(problems) => {
            let mut notices = vec![format!(
                "The flows in `{}` have errors, so the kiosk does not use them. Run `kiosk-triage check --flows {}` for details.",
                plan.flows.display(),
                plan.flows.display()
            )];
            notices.extend(problems);
            if let Some(mut chosen) = last_good(plan, &archive) {
                notices.append(&mut chosen.notices);
                chosen.notices = notices;
                return chosen;
            }
            notices.push(
                "No good version of the library's flows was ever kept on this kiosk, so patrons see no guides, \
                 only the way to staff, until the flows are fixed."
                    .into(),
            );
            Chosen { loaded: load_builtin(None), origin: Origin::Unavailable, notices }
        }
    }
}

fn unknown_branch(branch: &str, set: Option<&FlowSet>) -> String {
    let known = set.map(|s| s.branches.iter().map(|b| format!("`{}`", b.id)).collect::<Vec<_>>().join(", "));
    format!(
        "kiosk.ron (or --branch) names the branch `{branch}`, which the flows do not have (they have {}); \
         the kiosk uses the library's flows and shows another branch until it is fixed.",
        known.unwrap_or_default()
    )
}

/// The version named in the data folder's [`LAST_GOOD_FLOWS`], checked again.
fn last_good(plan: &Plan, archive: &Archive) -> Option<Chosen> {
    let pointer = read_last_good(&plan.data)?;
    let fingerprint = u64::from_str_radix(&pointer.fingerprint, 16).ok()?;
    let sources = archive.sources(fingerprint)?;
    // Its own branch if the config's is unknown to it: it ran clean with that.
    let wanted = plan.branch.clone().unwrap_or_else(|| pointer.branch.clone());
    let assets = Assets::Dir(plan.assets.clone());
    let loaded = accept_sources(sources.clone(), assets.clone(), Some(&wanted))
        .or_else(|_| accept_sources(sources, assets, Some(&pointer.branch)))
        .ok()?;
    Some(Chosen {
        loaded,
        origin: Origin::LastGood,
        notices: vec![format!(
            "The kiosk runs the last good version of the flows ({}), kept in `{}`.",
            pointer.fingerprint,
            archive.path_of(fingerprint).display()
        )],
    })
}

fn read_last_good(data: &Path) -> Option<LastGood> {
    let text = std::fs::read_to_string(data.join(LAST_GOOD_FLOWS)).ok()?;
    ron::from_str(&text).ok()
}

/// Remembers a flow version that loaded clean and that the kiosk now runs
/// at `branch`: archived (so its codes decode later) and named as the last
/// good one. Errors are for the log and staff; nothing a patron sees.
pub fn remember_good(data: &Path, sources: &Sources, set: &FlowSet, branch: &str) -> std::io::Result<()> {
    Archive::new(data).save(sources, set.fingerprint)?;
    let pointer = LastGood { fingerprint: format!("{:016x}", set.fingerprint), branch: branch.to_string() };
    let text = ron::ser::to_string(&pointer).map_err(std::io::Error::other)?;
    crate::config::write_atomic(&data.join(LAST_GOOD_FLOWS), &text)
}

/// Loads the flows folder again for a running kiosk. Unlike [`start`] it
/// never falls back: a missing or broken folder is an error and the kiosk
/// keeps what it has.
pub fn reload(plan: &Plan) -> Result<Loaded, Vec<String>> {
    if !plan.flows.exists() {
        return Err(vec![format!(
            "the flows folder `{}` is gone (being replaced?); the kiosk keeps the flows it has",
            plan.flows.display()
        )]);
    }
    accept_for_branch(plan).map(|(l, _)| l)
}

/// The branch and languages a kiosk shows with `set`: the ones asked for
/// where the set has them, else the last branch it ran (`fallback`), else the
/// set's first; every language asked for that the set has, else all of the
/// set's. With what staff should know when it could not do as asked.
pub fn pick(
    set: &FlowSet,
    wanted_branch: Option<&str>,
    fallback: Option<&str>,
    wanted_languages: &[String],
) -> (String, Vec<String>, Vec<String>) {
    let mut notices = Vec::new();
    let has = |b: &str| set.branch(b).is_some();
    let branch = match wanted_branch {
        Some(b) if has(b) => b.to_string(),
        other => {
            let chosen =
                fallback.filter(|f| has(f)).map_or_else(|| set.branches[0].id.clone(), str::to_string);
            if let Some(b) = other {
                notices.push(format!("There is no branch `{b}` in the flows; showing `{chosen}`."));
            }
            chosen
        }
    };
    let mut languages: Vec<String> =
        wanted_languages.iter().filter(|l| set.languages.contains(l)).cloned().collect();
    if languages.is_empty() {
        if !wanted_languages.is_empty() {
            notices.push(format!(
                "The flows have none of the languages asked for ({}); offering all of theirs.",
                wanted_languages.join(", ")
            ));
        }
        languages = set.languages.clone();
    }
    (branch, languages, notices)
}

/// The branch a kiosk last ran clean, from its data folder.
pub fn last_branch(data: &Path) -> Option<String> {
    read_last_good(data).map(|p| p.branch)
}

/// A cheap summary of a flows folder (where it really is, and each file's
/// name, size and modification time), so a kiosk can poll a folder that
/// sends no change events (a network share) without re-checking it each time.
/// `None` when the folder cannot be read.
pub fn stamp(flows: &Path) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    std::fs::canonicalize(flows).ok()?.hash(&mut h);
    for sub in ["", "branches", "words"] {
        let dir = flows.join(sub);
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut rows: Vec<(std::ffi::OsString, u64, Option<std::time::SystemTime>)> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let m = e.metadata().ok()?;
                Some((e.file_name(), m.len(), m.modified().ok()))
            })
            .collect();
        rows.sort();
        (sub, rows).hash(&mut h);
    }
    Some(h.finish())
}

/// A flow set with no flows, one branch and one language: what a kiosk shows
/// if even the built-in flows failed to check (the test suite makes sure they
/// never do).
pub fn empty_set() -> FlowSet {
    load_builtin(None).report.set.unwrap_or_else(|| FlowSet {
        name: String::new(),
        languages: vec!["en".into()],
        flows: Vec::new(),
        branches: vec![crate::flow::Branch::default()],
        flags: Default::default(),
        words: Default::default(),
        fingerprint: 0,
        origin: String::new(),
    })
}
