//! Branch inheritance. A library system has 20-30 branches that share most
//! values (a web address, a price); a branch file may start from another
//! (`base: "county"`) and give only what differs, and `flowset.ron` may give
//! `defaults` every branch has. This turns the files into the branches a
//! kiosk runs, remembering which file gave each value and override, so that
//! a problem is reported once, in the file that has it.

use super::locate::{At, locate};
use super::{Checker, Ref};
use crate::flow::diag::{Code, Severity};
use crate::flow::raw::{RawBranch, RawOverride, VarValue};
use crate::flow::sources::Sources;
use std::collections::BTreeMap;

/// One branch as a kiosk runs it: its own file over its bases over the
/// defaults.
pub(super) struct Merged {
    /// Its own file's index in the parsed branch list.
    pub(super) at: usize,
    /// Its fields with everything inherited filled in (`base` is `None`).
    pub(super) branch: RawBranch,
    /// For each override of `branch`, the parsed branch whose file has it
    /// and its index in that file's `overrides`.
    pub(super) override_from: Vec<(usize, usize)>,
}

/// Checks every `base:` (it names a branch file, and no chain of bases comes
/// back round) and merges each branch a kiosk can run. A branch whose chain
/// is broken is left out, so nothing more is said about it than the one
/// error.
pub(super) fn resolve(
    c: &mut Checker,
    sources: &Sources,
    parsed: &[(usize, RawBranch)],
    defaults: &BTreeMap<String, VarValue>,
) -> Vec<Merged> {
    if let Some((fi, _)) = parsed.first()
        && parsed.iter().all(|(_, b)| b.base_only)
    {
        let file = &sources.branches[*fi];
        // `true` is no string literal to find: point at the field's name.
        let at = file
            .text
            .find("base_only")
            .map_or_else(|| locate(file, At::value(&[], "id")), |b| (file.pos_of_byte(b), "base_only".len()));
        c.push(
            file,
            at,
            Severity::Error,
            Code::NoBranches,
            "every branch file is `base_only`, so there is no branch a kiosk can run".into(),
            Some("add a branch that starts from it with `base`, or remove `base_only`".into()),
        );
    }
    let find = |id: &str| parsed.iter().position(|(_, b)| b.id == id);
    let mut merged = Vec::new();
    for k in 0..parsed.len() {
        let Some(chain) = chain(c, sources, parsed, k, &find) else { continue };
        if !parsed[k].1.base_only {
            merged.push(merge(k, &chain, parsed, defaults));
        }
    }
    merged
}

/// The branch `k` and its bases, itself first; `None` (with an error said
/// once, at the file where it is) when a base is missing or the bases loop.
fn chain(
    c: &mut Checker,
    sources: &Sources,
    parsed: &[(usize, RawBranch)],
    k: usize,
    find: &dyn Fn(&str) -> Option<usize>,
) -> Option<Vec<usize>> {
    let mut chain = vec![k];
    let mut cur = k;
    while let Some(base) = &parsed[cur].1.base {
        let file = &sources.branches[parsed[cur].0];
        let place = locate(file, At::value(&[], "base"));
        let Some(next) = find(base) else {
            if cur == k && !c.broken.contains(base) {
                let known: Vec<&str> = parsed.iter().map(|(_, b)| b.id.as_str()).collect();
                c.unknown(
                    file,
                    place,
                    Severity::Error,
                    Code::UnknownBranch,
                    format!(
                        "branch `{}` starts from branch `{base}`, which does not exist",
                        parsed[cur].1.id
                    ),
                    Ref { name: base, known: &known, kind: "branches" }
                        .otherwise("`base` names another file's `id` in `branches/`"),
                );
            }
            return None;
        };
        if let Some(at) = chain.iter().position(|&x| x == next) {
            // Said once, at the first file of the loop.
            let looped = &chain[at..];
            if looped.iter().min() == Some(&k) {
                let mut names: Vec<&str> = looped.iter().map(|&x| parsed[x].1.id.as_str()).collect();
                names.push(&parsed[next].1.id);
                let here = &sources.branches[parsed[k].0];
                c.push(
                    here,
                    locate(here, At::value(&[], "base")),
                    Severity::Error,
                    Code::BaseLoop,
                    format!(
                        "the bases of branch `{}` go round in a loop: {}",
                        parsed[k].1.id,
                        names.join(" → ")
                    ),
                    Some("remove `base` from one of these files; a base starts from nothing".into()),
                );
            }
            return None;
        }
        chain.push(next);
        cur = next;
    }
    Some(chain)
}

/// Branch `k` with what its bases (`chain`, itself first) and the defaults
/// give it.
fn merge(
    k: usize,
    chain: &[usize],
    parsed: &[(usize, RawBranch)],
    defaults: &BTreeMap<String, VarValue>,
) -> Merged {
    let own = &parsed[k].1;
    let mut vars = BTreeMap::new();
    for (name, value) in defaults {
        vars.insert(name.clone(), value.clone());
    }
    let mut flags = None;
    let mut hide_flows = None;
    let mut overrides: Vec<(RawOverride, (usize, usize))> = Vec::new();
    // From the furthest base to the branch itself: later files win.
    for &x in chain.iter().rev() {
        let b = &parsed[x].1;
        for (name, value) in &b.vars {
            vars.insert(name.clone(), value.clone());
        }
        flags = b.flags.clone().or(flags);
        hide_flows = b.hide_flows.clone().or(hide_flows);
        for (i, o) in b.overrides.iter().enumerate() {
            overrides.retain(|(old, _)| (&old.flow, &old.node) != (&o.flow, &o.node));
            overrides.push((o.clone(), (x, i)));
        }
    }
    let (overrides, override_from) = overrides.into_iter().unzip();
    Merged {
        at: k,
        branch: RawBranch {
            id: own.id.clone(),
            name: own.name.clone(),
            base: None,
            base_only: false,
            vars,
            flags: Some(flags.unwrap_or_default()),
            hide_flows: Some(hide_flows.unwrap_or_default()),
            overrides,
        },
        override_from,
    }
}

impl Merged {
    /// Its flags.
    pub(super) fn flags(&self) -> &[String] {
        self.branch.flags.as_deref().unwrap_or_default()
    }

    /// The flows it hides by name (not those hidden by a flow's `needs`).
    pub(super) fn hide_flows(&self) -> &[String] {
        self.branch.hide_flows.as_deref().unwrap_or_default()
    }
}
