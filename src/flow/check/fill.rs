//! What only shows at a branch: the placeholders it must fill, questions
//! whose every choice it hides, gotos into flows it hides. Only what a patron
//! there can see counts (not a hidden flow, not a step behind a hidden
//! choice), and each cause is one diagnostic listing every branch it
//! affects: a value missing at 20 branches is one error, not 20.

use super::Checker;
use super::flows::Flows;
use super::inherit::Merged;
use super::locate::{At, lang_of, locate, token_place};
use super::reach::visible;
use super::text::{Src, Use};
use crate::flow::diag::{Code, Severity};
use crate::flow::raw::{RawBranch, RawFlow, RawNode};
use crate::flow::source::{Pos, SourceFile};
use crate::flow::sources::Sources;
use crate::flow::text::placeholders;
use crate::flow::words::Words;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Where a placeholder is needed.
#[derive(Clone, Copy)]
enum Spot<'w> {
    /// In a flow text or an override.
    Text(Use),
    /// In a kiosk word: (words file index, key, value).
    Word(usize, &'w str, &'w str),
}

/// What one branch shows: per flow (as in `Flows::raws`), whether it is
/// hidden, and which of its nodes a patron can reach.
struct Shown {
    hidden: Vec<bool>,
    /// Flows shown only through their alternative (`else_to` on a flow whose
    /// `needs` the branch lacks): seen from that node, and no goto may lead in.
    alternative: Vec<bool>,
    nodes: Vec<Vec<bool>>,
    /// (flow, node) whose text the branch overrides.
    overridden: HashSet<(usize, usize)>,
}

impl Shown {
    fn of(m: &Merged, flows: &Flows) -> Self {
        let flags = m.flags();
        let lacks = |f: &RawFlow| f.needs.as_ref().is_some_and(|n| !flags.contains(n));
        let hidden: Vec<bool> = flows
            .raws
            .iter()
            .map(|(_, f)| m.hide_flows().contains(&f.id) || (lacks(f) && f.else_to.is_none()))
            .collect();
        let alternative: Vec<bool> = flows
            .raws
            .iter()
            .zip(&hidden)
            .map(|((_, f), &h)| !h && lacks(f) && f.else_to.is_some())
            .collect();
        // A node a goto lands on is seen like a start wherever its flow is shown.
        let all: Vec<&RawFlow> = flows.raws.iter().map(|(_, f)| f).collect();
        let nodes = flows
            .raws
            .iter()
            .enumerate()
            .map(|(k, (_, f))| match (hidden[k], alternative[k]) {
                (true, _) => vec![false; f.nodes.len()],
                // Seen from the alternative only: gotos into it are errors.
                (false, true) => {
                    visible(f, &flows.indexes[k], flags, f.else_to.as_deref().unwrap_or(""), &[])
                }
                (false, false) => {
                    visible(f, &flows.indexes[k], flags, &f.start, &super::goto::landings(f, &all))
                }
            })
            .collect();
        let overridden = m
            .branch
            .overrides
            .iter()
            .filter_map(|o| {
                let k = *flows.ids.get(o.flow.as_str())?;
                Some((k, *flows.indexes[k].get(o.node.as_str())?))
            })
            .collect();
        Shown { hidden, alternative, nodes, overridden }
    }
}

/// Everything found across the branches, grouped by cause.
#[derive(Default)]
struct Found<'w> {
    /// Placeholder name to where it is needed and at which branch (index in
    /// `merged`).
    missing: BTreeMap<String, Vec<(Spot<'w>, usize)>>,
    /// (flow, node) to the branches where every choice is hidden.
    dead_ends: BTreeMap<(usize, usize), Vec<usize>>,
    /// (flow, node) of a goto to the branches that hide its flow.
    hidden_gotos: BTreeMap<(usize, usize), Vec<usize>>,
}

/// Checks every branch a kiosk can run (or only `--branch`).
pub(super) fn fill(
    c: &mut Checker,
    sources: &Sources,
    parsed: &[(usize, RawBranch)],
    merged: &[Merged],
    words: &Words,
    flows: &Flows,
) {
    let by_file: HashMap<usize, usize> = flows.raws.iter().enumerate().map(|(k, (fi, _))| (*fi, k)).collect();
    let word_values: Vec<(usize, &str, &str)> = sources
        .words
        .iter()
        .enumerate()
        .filter_map(|(wi, file)| words.0.get(&lang_of(file)).map(|map| (wi, map)))
        .flat_map(|(wi, map)| map.iter().map(move |(k, v)| (wi, k.as_str(), v.as_str())))
        .collect();
    let mut found = Found::default();
    for (mi, m) in merged.iter().enumerate() {
        if c.opts.branch.as_ref().is_some_and(|only| *only != m.branch.id) {
            continue;
        }
        let shown = Shown::of(m, flows);
        for u in c.uses.clone() {
            let name = u.name(c).to_string();
            if !m.branch.vars.contains_key(&name) && sees(&u, m, parsed, flows, &shown, &by_file) {
                found.missing.entry(name).or_default().push((Spot::Text(u), mi));
            }
        }
        for &(wi, key, value) in &word_values {
            for name in placeholders(value) {
                if c.declared_vars.contains_key(name) && !m.branch.vars.contains_key(name) {
                    found.missing.entry(name.to_string()).or_default().push((Spot::Word(wi, key, value), mi));
                }
            }
        }
        paths(&mut found, mi, m.flags(), flows, &shown);
    }
    report_missing(c, sources, parsed, merged, &found);
    report_paths(c, sources, merged, flows, &found);
}

/// Whether a patron at branch `m` sees the text `u` is in.
fn sees(
    u: &Use,
    m: &Merged,
    parsed: &[(usize, RawBranch)],
    flows: &Flows,
    shown: &Shown,
    by_file: &HashMap<usize, usize>,
) -> bool {
    match u.src {
        Src::Flow(fi) => {
            let Some(&k) = by_file.get(&fi) else { return false };
            let within = &u.within[..u.depth];
            match within {
                [] => !shown.hidden[k],
                // An overridden text is not shown; the override is checked instead.
                [("nodes", n)] => {
                    shown.nodes[k].get(*n).copied().unwrap_or(false) && !shown.overridden.contains(&(k, *n))
                }
                [("nodes", n), ("choices", j)] => {
                    shown.nodes[k].get(*n).copied().unwrap_or(false)
                        && match &flows.raws[k].1.nodes[*n] {
                            RawNode::Question { choices, .. } => {
                                choices.get(*j).is_some_and(|ch| ch.lead(m.flags()).is_some())
                            }
                            _ => false,
                        }
                }
                _ => false,
            }
        }
        Src::Branch(bfi) => {
            let [("overrides", i), ..] = u.within else { return false };
            let applies = m.override_from.iter().position(|&(p, oi)| parsed[p].0 == bfi && oi == i);
            let Some(o) = applies.map(|x| &m.branch.overrides[x]) else { return false };
            let Some(&k) = flows.ids.get(o.flow.as_str()) else { return false };
            let n = flows.indexes[k].get(o.node.as_str()).copied();
            n.is_some_and(|n| shown.nodes[k][n])
        }
        Src::Other => false,
    }
}

/// Questions whose every choice branch `mi` hides, and gotos into flows it
/// hides, among the nodes it shows.
fn paths(found: &mut Found, mi: usize, flags: &[String], flows: &Flows, shown: &Shown) {
    for (k, (_, f)) in flows.raws.iter().enumerate() {
        for (n, node) in f.nodes.iter().enumerate() {
            if !shown.nodes[k][n] {
                continue;
            }
            match node {
                RawNode::Question { choices, .. }
                    if !choices.is_empty() && choices.iter().all(|ch| ch.lead(flags).is_none()) =>
                {
                    found.dead_ends.entry((k, n)).or_default().push(mi);
                }
                RawNode::Goto { flow, .. } => {
                    if let Some(&target) = flows.ids.get(flow.as_str())
                        && (shown.hidden[target] || shown.alternative[target])
                    {
                        found.hidden_gotos.entry((k, n)).or_default().push(mi);
                    }
                }
                _ => {}
            }
        }
    }
}

/// "branch `a`" or "3 branches: `a`, `b` and `c`".
pub(super) fn branch_list(ids: &[&str]) -> String {
    let quoted: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
    match quoted.as_slice() {
        [one] => format!("branch {one}"),
        [rest @ .., last] => format!("{} branches: {} and {last}", quoted.len(), rest.join(", ")),
        [] => "no branch".into(),
    }
}

/// One error per placeholder that some branch shows but gives no value.
fn report_missing(
    c: &mut Checker,
    sources: &Sources,
    parsed: &[(usize, RawBranch)],
    merged: &[Merged],
    found: &Found,
) {
    for (name, spots) in &found.missing {
        let mut branches: Vec<usize> = spots.iter().map(|(_, mi)| *mi).collect();
        branches.sort_unstable();
        branches.dedup();
        let ids: Vec<&str> = branches.iter().map(|&mi| merged[mi].branch.id.as_str()).collect();
        let files: Vec<&str> =
            branches.iter().map(|&mi| sources.branches[parsed[merged[mi].at].0].name.as_str()).collect();
        let mut places: Vec<(&SourceFile, (Pos, usize))> = Vec::new();
        for (spot, _) in spots {
            let place = spot_place(c, sources, spot, name);
            if place.is_some_and(|p| !places.iter().any(|q| q.0.name == p.0.name && q.1 == p.1)) {
                places.extend(place);
            }
        }
        let Some(&(file, place)) = places.first() else { continue };
        let list = branch_list(&ids);
        let msg = match spots.first() {
            Some((Spot::Word(_, key, _), _)) => {
                format!("word `{key}` uses `{{{name}}}`, which is not defined at {list}")
            }
            _ => format!("placeholder `{{{name}}}` is not defined at {list}"),
        };
        let mut hint = format!(
            "add `\"{name}\": \"...\"` to `vars` in {}, or give it a value under `defaults` in `flowset.ron`",
            files.join(", ")
        );
        if places.len() > 1 {
            let more: Vec<String> = places[1..]
                .iter()
                .take(3)
                .map(|(f, (p, _))| format!("{}:{}:{}", f.name, p.line, p.col))
                .collect();
            let rest = places.len() - 1 - more.len();
            let tail = if rest > 0 { format!(" and {rest} more") } else { String::new() };
            hint.push_str(&format!("; also needed at {}{tail}", more.join(", ")));
        }
        c.push(file, place, Severity::Error, Code::UndefinedPlaceholder, msg, Some(hint));
    }
}

/// Where a spot is.
fn spot_place<'s>(
    c: &Checker,
    sources: &'s Sources,
    spot: &Spot,
    name: &str,
) -> Option<(&'s SourceFile, (Pos, usize))> {
    match *spot {
        Spot::Text(u) => {
            let file = match u.src {
                Src::Flow(fi) => sources.flows.get(fi)?,
                Src::Branch(bi) => sources.branches.get(bi)?,
                Src::Other => return None,
            };
            Some((file, u.place(c, file)))
        }
        Spot::Word(wi, key, value) => {
            let file = sources.words.get(wi)?;
            let at = At { within: &[], field: None, key: Some(key) };
            Some((file, token_place(file, at, value, name)))
        }
    }
}

/// One error per question every choice of which some branches hide, and
/// per goto into a flow some branches hide.
fn report_paths(c: &mut Checker, sources: &Sources, merged: &[Merged], flows: &Flows, found: &Found) {
    let ids =
        |list: &[usize]| -> Vec<&str> { list.iter().map(|&mi| merged[mi].branch.id.as_str()).collect() };
    for ((k, n), list) in &found.dead_ends {
        let (fi, f) = &flows.raws[*k];
        let file = &sources.flows[*fi];
        let id = super::locate::node_id(&f.nodes[*n]);
        c.push(
            file,
            locate(file, At::value(&[("nodes", *n)], "id")),
            Severity::Error,
            Code::DeadEnd,
            format!("every choice of `{id}` is hidden by its flag at {}", branch_list(&ids(list))),
            Some(
                "add a choice without `when` (such as one that leads to staff), or give one an `else_to`"
                    .into(),
            ),
        );
    }
    for ((k, n), list) in &found.hidden_gotos {
        let (fi, f) = &flows.raws[*k];
        let file = &sources.flows[*fi];
        let RawNode::Goto { id, flow, .. } = &f.nodes[*n] else { continue };
        c.push(
            file,
            locate(file, At::value(&[("nodes", *n)], "flow")),
            Severity::Error,
            Code::HiddenFlow,
            format!("goto `{id}` leads to flow `{flow}`, which is hidden at {}", branch_list(&ids(list))),
            Some("show the flow there (a flow that `needs` a flag is hidden without it, or shows only its `else_to`), or lead somewhere else".into()),
        );
    }
}
