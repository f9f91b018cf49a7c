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

/// At most this many paths per flow and branch, wherever paths are walked
/// to the end: measuring handoff codes, `codes`, `test --walk`.
pub const PATH_LIMIT: usize = 100_000;

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
    walk_while(set, flow, branch, limit, &mut |path, end| {
        visit(path, end);
        true
    })
}

/// Like [`walk`], but `visit` says whether to go on: when it returns false
/// the walk stops there, as if the limit had been reached.
pub fn walk_while(
    set: &FlowSet,
    flow: FlowIdx,
    branch: &Branch,
    limit: usize,
    visit: &mut dyn FnMut(&[Visit], End) -> bool,
) -> (usize, bool) {
    let start = set.start_at(flow, branch);
    walk_from(set, (flow, start), branch, limit, visit)
}

/// Like [`walk_while`], from node `at.1` of flow `at.0` (where a goto that
/// names a node lands) instead of the flow's start.
fn walk_from(
    set: &FlowSet,
    at: (FlowIdx, NodeIdx),
    branch: &Branch,
    limit: usize,
    visit: &mut dyn FnMut(&[Visit], End) -> bool,
) -> (usize, bool) {
    let (flow, start) = at;
    let Some(f) = set.flows.get(flow) else { return (0, false) };
    let mut w = Walker {
        set,
        flow,
        branch,
        limit,
        count: 0,
        path: Vec::new(),
        on_path: vec![false; f.nodes.len()],
        visit,
    };
    let cut = w.dfs(start);
    (w.count, cut)
}

/// One walk through one flow.
struct Walker<'a, 'v> {
    set: &'a FlowSet,
    flow: FlowIdx,
    branch: &'a Branch,
    limit: usize,
    count: usize,
    path: Vec<Visit>,
    on_path: Vec<bool>,
    visit: &'v mut dyn FnMut(&[Visit], End) -> bool,
}

impl Walker<'_, '_> {
    /// Gives the path ending at `node` to the visitor; true when the walk
    /// must stop.
    fn emit(&mut self, node: NodeIdx, end: End) -> bool {
        self.path.push(Visit { flow: self.flow, node, choice: None });
        let go_on = (self.visit)(&self.path, end);
        self.path.pop();
        self.count += 1;
        if !go_on {
            self.limit = self.count;
        }
        !go_on
    }

    fn dfs(&mut self, node: NodeIdx) -> bool {
        if self.count >= self.limit {
            return true;
        }
        let (set, flow, branch) = (self.set, self.flow, self.branch);
        let Some(n) = set.flows.get(flow).and_then(|f| f.nodes.get(node)) else { return false };
        if self.path.len() >= MAX_DEPTH {
            return self.emit(node, End::TooDeep);
        }
        let next: Vec<(Option<usize>, NodeIdx)> = match &n.kind {
            NodeKind::Solved { .. } => return self.emit(node, End::Solved),
            NodeKind::Handoff(_) => return self.emit(node, End::Handoff),
            NodeKind::Goto { .. } => return self.emit(node, End::Goto),
            NodeKind::Step { next, .. } => vec![(None, *next)],
            NodeKind::Question { choices, .. } => choices
                .iter()
                .enumerate()
                .filter_map(|(i, c)| branch.lead(c).map(|to| (Some(i), to)))
                .collect(),
        };
        self.on_path[node] = true;
        let mut followed = false;
        let mut cut = false;
        for (choice, to) in next {
            if self.on_path.get(to).copied().unwrap_or(true) {
                continue;
            }
            followed = true;
            self.path.push(Visit { flow, node, choice });
            cut |= self.dfs(to);
            self.path.pop();
            if cut {
                break;
            }
        }
        self.on_path[node] = false;
        if !followed && !cut {
            cut = self.emit(node, End::Loop);
        }
        cut
    }
}

/// The longest path followed through gotos, in screens (gotos included):
/// the most a handoff code describes, since the decoder stops there too.
/// A path that reaches it ends as [`End::TooDeep`].
pub const MAX_SCREENS: usize = 256;

/// Like [`walk`], but a path that reaches a goto goes on through the other
/// flow (each flow at most once per path), so every ending a patron who
/// started in `flow` can reach is visited, with the whole path. Paths are cut
/// at [`MAX_SCREENS`], so a long chain of flows costs each flow a bounded
/// walk, not one through the whole chain.
pub fn walk_through_gotos(
    set: &FlowSet,
    flow: FlowIdx,
    branch: &Branch,
    limit: usize,
    visit: &mut dyn FnMut(&[Visit], End),
) -> (usize, bool) {
    walk_through_gotos_while(set, flow, branch, limit, &mut |path, end| {
        visit(path, end);
        true
    })
}

/// Like [`walk_through_gotos`], but `visit` says whether to go on: when it
/// returns false the walk stops there and counts as cut.
pub fn walk_through_gotos_while(
    set: &FlowSet,
    flow: FlowIdx,
    branch: &Branch,
    limit: usize,
    visit: &mut dyn FnMut(&[Visit], End) -> bool,
) -> (usize, bool) {
    let mut t = Through {
        set,
        branch,
        limit,
        total: 0,
        prefix: Vec::new(),
        chain: vec![flow],
        stopped: false,
        visit,
    };
    let start = set.start_at(flow, branch);
    let cut = t.through((flow, start));
    (t.total, cut || t.stopped)
}

/// One walk through gotos. `prefix` is the path so far, ending with the goto
/// into the flow being walked; it grows and shrinks in place, so following a
/// chain costs no copies of the path before it.
struct Through<'a, 'v> {
    set: &'a FlowSet,
    branch: &'a Branch,
    limit: usize,
    total: usize,
    prefix: Vec<Visit>,
    chain: Vec<FlowIdx>,
    stopped: bool,
    visit: &'v mut dyn FnMut(&[Visit], End) -> bool,
}

impl Through<'_, '_> {
    fn through(&mut self, at: (FlowIdx, NodeIdx)) -> bool {
        let (set, branch) = (self.set, self.branch);
        let mut gotos: Vec<Vec<Visit>> = Vec::new();
        let budget = self.limit.saturating_sub(self.total);
        let base = self.prefix.len();
        let (prefix, visit, stopped) = (&mut self.prefix, &mut *self.visit, &mut self.stopped);
        let (n, mut cut) = walk_from(set, at, branch, budget, &mut |path, end| {
            if end == End::Goto {
                gotos.push(path.to_vec());
                return true;
            }
            prefix.extend_from_slice(path);
            let go_on = visit(prefix, end);
            prefix.truncate(base);
            *stopped |= !go_on;
            go_on
        });
        self.total += n;
        for path in gotos {
            if cut || self.stopped {
                break;
            }
            let Some(last) = path.last() else { continue };
            let (to, landing) =
                match set.flows.get(last.flow).and_then(|f| f.nodes.get(last.node)).map(|n| &n.kind) {
                    Some(NodeKind::Goto { flow, node }) => (*flow, *node),
                    _ => continue,
                };
            self.prefix.extend_from_slice(&path);
            let go_on = if self.chain.contains(&to) || branch.hidden.contains(&to) {
                (self.visit)(&self.prefix, End::Goto)
            } else if self.prefix.len() >= MAX_SCREENS {
                (self.visit)(&self.prefix, End::TooDeep)
            } else {
                self.chain.push(to);
                cut |= self.through((to, landing));
                self.chain.pop();
                true
            };
            self.prefix.truncate(base);
            self.stopped |= !go_on;
        }
        cut || self.stopped
    }
}
