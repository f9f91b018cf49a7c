//! Every path through a flow at one branch, for `test --walk` (coverage) and
//! for handoff-code lengths.
//!
//! Paths are walked depth first. A choice that leads back to a node already
//! on the path is not followed (each loop is walked once, as its way in), so
//! every path is finite; depth is bounded by [`MAX_DEPTH`] and the count by
//! the caller's limit.

use crate::flow::model::{Branch, FlowIdx, FlowSet, NodeIdx, NodeKind};
use crate::session::Visit;

/// The longest path followed, in screens.
pub const MAX_DEPTH: usize = 64;

/// How a walked path ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// A solved ending.
    Solved,
    /// A handoff ending.
    Handoff,
    /// A goto into another flow.
    Goto,
    /// Every way on leads back into the path (a loop walked once).
    Loop,
    /// [`MAX_DEPTH`] reached.
    TooDeep,
}

/// Calls `visit` with every path of `flow` at `branch` (each [`Visit`] with
/// the raw choice index taken there) and how it ends, until `limit` paths.
/// Returns how many paths were visited and whether the limit cut the walk.
pub fn walk(
    set: &FlowSet,
    flow: FlowIdx,
    branch: &Branch,
    limit: usize,
    visit: &mut dyn FnMut(&[Visit], End),
) -> (usize, bool) {
    let Some(f) = set.flows.get(flow) else { return (0, false) };
    let mut path: Vec<Visit> = Vec::new();
    let mut on_path = vec![false; f.nodes.len()];
    let mut count = 0usize;
    let cut = dfs(set, flow, f.start, branch, limit, &mut path, &mut on_path, &mut count, visit);
    (count, cut)
}

#[allow(clippy::too_many_arguments)]
fn dfs(
    set: &FlowSet,
    flow: FlowIdx,
    node: NodeIdx,
    branch: &Branch,
    limit: usize,
    path: &mut Vec<Visit>,
    on_path: &mut Vec<bool>,
    count: &mut usize,
    visit: &mut dyn FnMut(&[Visit], End),
) -> bool {
    if *count >= limit {
        return true;
    }
    let Some(n) = set.flows.get(flow).and_then(|f| f.nodes.get(node)) else { return false };
    let emit = |path: &mut Vec<Visit>, end: End, count: &mut usize, visit: &mut dyn FnMut(&[Visit], End)| {
        path.push(Visit { flow, node, choice: None });
        visit(path, end);
        path.pop();
        *count += 1;
    };
    if path.len() >= MAX_DEPTH {
        emit(path, End::TooDeep, count, visit);
        return false;
    }
    let next: Vec<(Option<usize>, NodeIdx)> = match &n.kind {
        NodeKind::Solved { .. } => {
            emit(path, End::Solved, count, visit);
            return false;
        }
        NodeKind::Handoff(_) => {
            emit(path, End::Handoff, count, visit);
            return false;
        }
        NodeKind::Goto { .. } => {
            emit(path, End::Goto, count, visit);
            return false;
        }
        NodeKind::Step { next, .. } => vec![(None, *next)],
        NodeKind::Question { choices, .. } => choices
            .iter()
            .enumerate()
            .filter(|(_, c)| branch.shows(c))
            .map(|(i, c)| (Some(i), c.to))
            .collect(),
    };
    on_path[node] = true;
    let mut followed = false;
    let mut cut = false;
    for (choice, to) in next {
        if on_path.get(to).copied().unwrap_or(true) {
            continue;
        }
        followed = true;
        path.push(Visit { flow, node, choice });
        cut |= dfs(set, flow, to, branch, limit, path, on_path, count, visit);
        path.pop();
        if cut {
            break;
        }
    }
    on_path[node] = false;
    if !followed && !cut {
        emit(path, End::Loop, count, visit);
    }
    cut
}

/// Like [`walk`], but a path that reaches a goto goes on through the other
/// flow (each flow at most once per path), so every ending a patron who
/// started in `flow` can reach is visited, with the whole path.
pub fn walk_through_gotos(
    set: &FlowSet,
    flow: FlowIdx,
    branch: &Branch,
    limit: usize,
    visit: &mut dyn FnMut(&[Visit], End),
) -> (usize, bool) {
    let mut chain = vec![flow];
    let mut total = 0usize;
    let cut = through(set, flow, branch, limit, &[], &mut chain, &mut total, visit);
    (total, cut)
}

#[allow(clippy::too_many_arguments)]
fn through(
    set: &FlowSet,
    flow: FlowIdx,
    branch: &Branch,
    limit: usize,
    prefix: &[Visit],
    chain: &mut Vec<FlowIdx>,
    total: &mut usize,
    visit: &mut dyn FnMut(&[Visit], End),
) -> bool {
    let mut gotos: Vec<Vec<Visit>> = Vec::new();
    let budget = limit.saturating_sub(*total);
    let (n, mut cut) = walk(set, flow, branch, budget, &mut |path, end| {
        let mut full = prefix.to_vec();
        full.extend_from_slice(path);
        match end {
            End::Goto => gotos.push(full),
            _ => visit(&full, end),
        }
    });
    *total += n;
    for path in gotos {
        if cut {
            break;
        }
        let Some(last) = path.last() else { continue };
        let to = match set.flows.get(last.flow).and_then(|f| f.nodes.get(last.node)).map(|n| &n.kind) {
            Some(NodeKind::Goto { flow }) => *flow,
            _ => continue,
        };
        if chain.contains(&to) || branch.hidden.contains(&to) {
            visit(&path, End::Goto);
            continue;
        }
        chain.push(to);
        cut |= through(set, to, branch, limit, &path, chain, total, visit);
        chain.pop();
    }
    cut
}
