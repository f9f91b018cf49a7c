//! A goto's target: the flow it names, and the node of that flow it lands on
//! when it names one (`Goto(id: "to_release", flow: "printing", node:
//! "release")`). A landing node must be a screen, never another goto, so a
//! chain of gotos can only come round through flows' starts, which
//! `reach::goto_loops` already follows. Nodes a goto lands on count as
//! reachable in their own flow.

use super::flows::Flows;
use super::locate::{At, locate, node_id};
use super::{Checker, Ref};
use crate::flow::diag::{Code, Severity};
use crate::flow::raw::{RawFlow, RawNode};
use crate::flow::source::SourceFile;

/// Checks the goto `id` (node `k` of its flow) leading to `flow`, at `node`
/// when given.
pub(super) fn target(
    c: &mut Checker,
    file: &SourceFile,
    k: usize,
    id: &str,
    flow: &str,
    node: Option<&str>,
    flows: &Flows,
) {
    let within = [("nodes", k)];
    let Some(&t) = flows.ids.get(flow) else {
        if !c.broken.contains(flow) {
            c.unknown(
                file,
                locate(file, At::value(&within, "flow")),
                Severity::Error,
                Code::UnknownFlow,
                format!("goto `{id}` names flow `{flow}`, which does not exist"),
                Ref { name: flow, known: &flows.all, kind: "flows" },
            );
        }
        return;
    };
    let Some(node) = node else { return };
    let target = &flows.raws[t].1;
    let place = locate(file, At::value(&within, "node"));
    match target.nodes.iter().find(|n| node_id(n) == node) {
        Some(RawNode::Goto { .. }) => c.push(
            file,
            place,
            Severity::Error,
            Code::UnknownTarget,
            format!("goto `{id}` lands on `{node}` in flow `{flow}`, which is another goto"),
            Some("lead straight to the screen that goto leads to".into()),
        ),
        Some(_) => {}
        None => {
            let known: Vec<&str> = target.nodes.iter().map(node_id).collect();
            c.unknown(
                file,
                place,
                Severity::Error,
                Code::UnknownTarget,
                format!("goto `{id}` names node `{node}`, which is not a node of flow `{flow}`"),
                Ref { name: node, known: &known, kind: "nodes" },
            );
        }
    }
}

/// The nodes of `f` that some goto (in any flow) lands on by name: reached
/// from outside, like its start.
pub(super) fn landings(f: &RawFlow, all: &[&RawFlow]) -> Vec<usize> {
    let mut out = Vec::new();
    for g in all {
        for n in &g.nodes {
            if let RawNode::Goto { flow, node: Some(node), .. } = n
                && *flow == f.id
                && let Some(k) = f.nodes.iter().position(|m| node_id(m) == node)
                && !out.contains(&k)
            {
                out.push(k);
            }
        }
    }
    out
}
