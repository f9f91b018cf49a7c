//! Flowcharts of a flow, for IT staff: Graphviz DOT and Mermaid.
//!
//! Questions, steps, solved and handoff endings and gotos each have their
//! own shape and colour; edges carry the answer, and the flag that guards
//! them. With a branch, answers hidden there are drawn dashed and grey.

use crate::flow::model::{Branch, FlowIdx, FlowSet, NodeKind};
use crate::flow::words::Word;
use std::fmt::Write as _;

/// Which notation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notation {
    /// Graphviz DOT.
    Dot,
    /// Mermaid, for wikis and markdown.
    Mermaid,
}

fn short(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let mut out: String = s.chars().take(max).collect();
    out.push('…');
    out
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

fn mermaid_escape(s: &str) -> String {
    s.replace('"', "#quot;").replace('<', "#lt;").replace('>', "#gt;")
}

/// The flowchart of `flow`, text in `lang`, values from `branch` (or the
/// placeholders as written when no branch is given).
pub fn render(
    set: &FlowSet,
    flow: FlowIdx,
    branch: Option<&Branch>,
    lang: &str,
    notation: Notation,
) -> String {
    let empty = Branch::default();
    let b = branch.unwrap_or(&empty);
    let f = &set.flows[flow];
    let title = set.render(&f.title, lang, b).plain();
    let mut out = String::new();
    match notation {
        Notation::Dot => {
            let _ = writeln!(out, "digraph \"{}\" {{", dot_escape(&f.id));
            let _ = writeln!(out, "  label=\"{}\"; labelloc=t; fontname=\"sans\";", dot_escape(&title));
            let _ = writeln!(
                out,
                "  node [fontname=\"sans\", fontsize=11]; edge [fontname=\"sans\", fontsize=10];"
            );
        }
        Notation::Mermaid => {
            let _ = writeln!(out, "---\ntitle: \"{}\"\n---\nflowchart TD", mermaid_escape(&title));
        }
    }
    for (i, node) in f.nodes.iter().enumerate() {
        let text = short(&set.node_text(flow, i, lang, b).plain(), 60);
        let start = if i == f.start { "▶ " } else { "" };
        let (label, shape, style) = match &node.kind {
            NodeKind::Question { .. } => {
                (format!("{start}{}\\n{text}", node.id), "diamond", "fillcolor=\"#e8eef6\"")
            }
            NodeKind::Step { .. } => (format!("{start}{}\\n{text}", node.id), "box", "fillcolor=\"#ffffff\""),
            NodeKind::Solved { .. } => {
                (format!("✔ {}\\n{text}", node.id), "doubleoctagon", "fillcolor=\"#d5f0d5\"")
            }
            NodeKind::Handoff(h) => {
                let mut l = format!("☎ {}\\n{text}", node.id);
                if let Some(p) = &h.policy {
                    let _ = write!(l, "\\n[{:?} policy]", p.firmness);
                }
                (l, "octagon", "fillcolor=\"#fbe0cc\"")
            }
            NodeKind::Goto { flow: to } => {
                (format!("→ {}\\n(go to flow)", set.flows[*to].id), "cds", "fillcolor=\"#eeeeee\"")
            }
        };
        match notation {
            Notation::Dot => {
                let _ = writeln!(
                    out,
                    "  \"{}\" [label=\"{}\", shape={shape}, style=filled, {style}];",
                    dot_escape(&node.id),
                    dot_escape(&label).replace("\\\\n", "\\n")
                );
            }
            Notation::Mermaid => {
                let l = mermaid_escape(&label.replace("\\n", "<br/>")).replace("#lt;br/#gt;", "<br/>");
                let id = mermaid_id(i);
                let _ = match &node.kind {
                    NodeKind::Question { .. } => writeln!(out, "  {id}{{\"{l}\"}}"),
                    NodeKind::Step { .. } => writeln!(out, "  {id}[\"{l}\"]"),
                    NodeKind::Solved { .. } => writeln!(out, "  {id}([\"{l}\"])"),
                    NodeKind::Handoff(_) => writeln!(out, "  {id}{{{{\"{l}\"}}}}"),
                    NodeKind::Goto { .. } => writeln!(out, "  {id}>\"{l}\"]"),
                };
            }
        }
    }
    let mut hidden_edges = Vec::new();
    let mut edge_no = 0usize;
    for (i, node) in f.nodes.iter().enumerate() {
        let edges: Vec<(usize, String, bool)> = match &node.kind {
            NodeKind::Step { next, .. } => vec![(*next, set.word(Word::Next, lang, b).plain(), true)],
            NodeKind::Question { choices, .. } => choices
                .iter()
                .map(|c| {
                    let mut label = short(&set.render(&c.label, lang, b).plain(), 40);
                    if let Some(flag) = &c.when {
                        let _ = write!(label, " [{flag}]");
                    }
                    (c.to, label, branch.is_none() || b.shows(c))
                })
                .collect(),
            _ => Vec::new(),
        };
        for (to, label, shown) in edges {
            match notation {
                Notation::Dot => {
                    let style = if shown { "" } else { ", style=dashed, color=gray, fontcolor=gray" };
                    let _ = writeln!(
                        out,
                        "  \"{}\" -> \"{}\" [label=\"{}\"{style}];",
                        dot_escape(&node.id),
                        dot_escape(&f.nodes[to].id),
                        dot_escape(&label)
                    );
                }
                Notation::Mermaid => {
                    let arrow = if shown { "-->" } else { "-.->" };
                    let _ = writeln!(
                        out,
                        "  {} {arrow}|\"{}\"| {}",
                        mermaid_id(i),
                        mermaid_escape(&label),
                        mermaid_id(to)
                    );
                    if !shown {
                        hidden_edges.push(edge_no);
                    }
                }
            }
            edge_no += 1;
        }
    }
    match notation {
        Notation::Dot => out.push_str("}\n"),
        Notation::Mermaid => {
            for (i, node) in f.nodes.iter().enumerate() {
                let class = match node.kind {
                    NodeKind::Question { .. } => "question",
                    NodeKind::Step { .. } => "step",
                    NodeKind::Solved { .. } => "solved",
                    NodeKind::Handoff(_) => "handoff",
                    NodeKind::Goto { .. } => "goto",
                };
                let _ = writeln!(out, "  class {} {class}", mermaid_id(i));
            }
            out.push_str("  classDef question fill:#e8eef6,stroke:#1f3a5f\n");
            out.push_str("  classDef step fill:#ffffff,stroke:#1f3a5f\n");
            out.push_str("  classDef solved fill:#d5f0d5,stroke:#2e7d32\n");
            out.push_str("  classDef handoff fill:#fbe0cc,stroke:#9a3709\n");
            out.push_str("  classDef goto fill:#eeeeee,stroke:#666666\n");
            for e in hidden_edges {
                let _ = writeln!(out, "  linkStyle {e} stroke:#999999,color:#999999");
            }
        }
    }
    out
}

/// Node ids in Mermaid are kept to letters and digits.
fn mermaid_id(i: usize) -> String {
    format!("n{i}")
}
