//! Where a patron can get to: nodes no path reaches, nodes from which no
//! ending can be reached, and flows whose start is a goto chain that comes
//! back round without ever showing a screen.

use super::Checker;
use super::flows::Flows;
use super::locate::{At, locate, node_id};
use crate::flow::diag::{Code, Severity};
use crate::flow::raw::{RawFlow, RawNode};
use crate::flow::source::SourceFile;
use crate::flow::sources::Sources;
use std::collections::{HashMap, VecDeque};

/// Unreachable nodes (a warning), and nodes from which no ending can be
/// reached (an error: the patron would loop forever). `edges[k]` are the
/// nodes node `k` leads to.
pub(super) fn within_flow(
    c: &mut Checker,
    file: &SourceFile,
    f: &RawFlow,
    index: &HashMap<&str, usize>,
    edges: &[Vec<usize>],
    roots: &[usize],
) {
    let seen = spread(roots, edges);
    let mut reverse: Vec<Vec<usize>> = vec![Vec::new(); f.nodes.len()];
    for (n, out) in edges.iter().enumerate() {
        for &m in out {
            reverse[m].push(n);
        }
    }
    let endings: Vec<usize> = f
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| matches!(n, RawNode::Solved { .. } | RawNode::Handoff { .. } | RawNode::Goto { .. }))
        .map(|(i, _)| i)
        .collect();
    let can_end = spread(&endings, &reverse);
    for (k, node) in f.nodes.iter().enumerate() {
        let here = || locate(file, At::value(&[("nodes", k)], "id"));
        let duplicate = index.get(node_id(node)).is_some_and(|&first| first != k);
        if !seen[k] && !duplicate {
            c.push(
                file,
                here(),
                Severity::Warning,
                Code::Unreachable,
                format!("node `{}` cannot be reached from `{}`", node_id(node), f.start),
                Some("link to it from a choice or a `next`, or remove it".into()),
            );
        } else if !can_end[k] && !edges[k].is_empty() {
            c.push(
                file,
                here(),
                Severity::Error,
                Code::NoWayOut,
                format!("from node `{}` no ending can be reached", node_id(node)),
                Some(
                    "the path loops forever; give one of its questions a choice that leads to an ending"
                        .into(),
                ),
            );
        }
    }
}

/// Every node reached from `from` along `edges` (breadth first).
fn spread(from: &[usize], edges: &[Vec<usize>]) -> Vec<bool> {
    let mut seen = vec![false; edges.len()];
    let mut queue: VecDeque<usize> = from.iter().copied().collect();
    for &q in from {
        seen[q] = true;
    }
    while let Some(n) = queue.pop_front() {
        for &m in &edges[n] {
            if !seen[m] {
                seen[m] = true;
                queue.push_back(m);
            }
        }
    }
    seen
}

/// An error for every flow that starts with a goto chain leading back to
/// itself.
pub(super) fn goto_loops(c: &mut Checker, sources: &Sources, flows: &Flows) {
    let looping = start_goto_loops(flows);
    for ((fi, f), _) in flows.raws.iter().zip(&looping).filter(|(_, l)| **l) {
        let file = &sources.flows[*fi];
        c.push(
            file,
            locate(file, At::value(&[], "start")),
            Severity::Error,
            Code::GotoLoop,
            format!("flow `{}` starts with a goto that leads back to itself", f.id),
            Some("make one of these flows start with a step or a question".into()),
        );
    }
}

/// For each flow, whether following the gotos its start node is (and the
/// starts of the flows they lead to) comes round to a flow already passed,
/// so a patron would never see a screen. Each flow leads to at most one
/// other this way, so one pass with a memo is linear in the number of flows
/// (following every chain from every flow was cubic in a long chain).
fn start_goto_loops(flows: &Flows) -> Vec<bool> {
    let raws = flows.raws;
    let next = |k: usize| -> Option<usize> {
        let g = &raws[k].1;
        match flows.indexes[k].get(g.start.as_str()).map(|&n| &g.nodes[n]) {
            // A goto that names a node lands on a screen: the chain ends there.
            Some(RawNode::Goto { flow, node: None, .. }) => flows.ids.get(flow.as_str()).copied(),
            _ => None,
        }
    };
    // 0: not seen yet, 1: on the chain being followed, 2: answered.
    let mut state = vec![0u8; raws.len()];
    let mut looping = vec![false; raws.len()];
    for k in 0..raws.len() {
        let mut chain = Vec::new();
        let mut cur = Some(k);
        let answer = loop {
            let Some(n) = cur else { break false };
            match state[n] {
                2 => break looping[n],
                1 => break true,
                _ => {}
            }
            state[n] = 1;
            chain.push(n);
            cur = next(n);
        };
        for n in chain {
            state[n] = 2;
            looping[n] = answer;
        }
    }
    looping
}

/// Which nodes of `f` a patron can see at a branch with `flags`: those
/// reached from `start` (the flow's start, or its `else_to` where the branch
/// lacks what it `needs`; and from `landings`, the nodes gotos land on)
/// along `next` and the choices the branch shows. Links that do not resolve
/// lead nowhere.
pub(super) fn visible(
    f: &RawFlow,
    index: &HashMap<&str, usize>,
    flags: &[String],
    start: &str,
    landings: &[usize],
) -> Vec<bool> {
    let edges: Vec<Vec<usize>> = f
        .nodes
        .iter()
        .map(|n| match n {
            RawNode::Step { next, .. } => index.get(next.as_str()).copied().into_iter().collect(),
            RawNode::Question { choices, .. } => {
                choices.iter().filter_map(|ch| ch.lead(flags).and_then(|to| index.get(to).copied())).collect()
            }
            _ => Vec::new(),
        })
        .collect();
    match index.get(start) {
        Some(&start) => spread(&[&[start], landings].concat(), &edges),
        None => vec![false; f.nodes.len()],
    }
}
