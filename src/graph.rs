//! Flowcharts of a flow, for IT staff: Graphviz DOT and Mermaid.
//!
//! Questions, steps, solved and handoff endings and gotos each have their
//! own shape and colour; edges carry the answer, and the flag that guards
//! them. Text is wrapped into short lines, so even the largest flow stays a
//! chart a person can read. With a branch, answers hidden there are dashed
//! and grey, screens no patron there reaches are greyed, and nodes whose
//! text the branch overrides are marked. With `full`, texts are whole and
//! handoffs carry the staff note and policy.

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

/// What to draw besides the shapes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Detail {
    /// Whole texts (not cut after three lines), and each handoff's staff
    /// note and policy text.
    pub full: bool,
}

/// Characters per line in a node.
const WRAP: usize = 30;
/// Lines of text per node unless `full`.
const SHORT_LINES: usize = 3;

/// `s` in lines of at most [`WRAP`] characters (a longer word stands
/// alone), at most `max_lines` of them, the last cut with `…`. Lines are
/// joined with `\n`, the escape both notations turn into a line break.
fn wrap(s: &str, max_lines: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut cut = false;
    for word in s.split_whitespace() {
        let fits = lines.last().is_some_and(|l| l.chars().count() + 1 + word.chars().count() <= WRAP);
        if fits && let Some(line) = lines.last_mut() {
            line.push(' ');
            line.push_str(word);
        } else if lines.len() == max_lines {
            cut = true;
            break;
        } else {
            lines.push(word.to_string());
        }
    }
    if cut && let Some(last) = lines.last_mut() {
        last.push('…');
    }
    lines.join("\\n")
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
    render_with(set, flow, branch, lang, notation, Detail::default())
}

/// [`render`], with more or less [`Detail`].
pub fn render_with(
    set: &FlowSet,
    flow: FlowIdx,
    branch: Option<&Branch>,
    lang: &str,
    notation: Notation,
    detail: Detail,
) -> String {
    let empty = Branch::default();
    let chart = Chart { set, flow, branch, b: branch.unwrap_or(&empty), lang, detail };
    let title = set.render(&set.flows[flow].title, lang, chart.b).plain();
    let mut out = String::new();
    match notation {
        Notation::Dot => {
            let _ = writeln!(out, "digraph \"{}\" {{", dot_escape(&set.flows[flow].id));
            let _ = writeln!(
                out,
                "  label=\"{}\"; labelloc=t; fontname=\"sans\"; nodesep=0.25; ranksep=0.3;",
                dot_escape(&title)
            );
            let _ = writeln!(
                out,
                "  node [fontname=\"sans\", fontsize=11]; edge [fontname=\"sans\", fontsize=10];"
            );
        }
        Notation::Mermaid => {
            let _ = writeln!(out, "---\ntitle: \"{}\"\n---\nflowchart TD", mermaid_escape(&title));
        }
    }
    let seen = chart.reached();
    for (i, reached) in seen.iter().enumerate() {
        chart.node(&mut out, i, *reached, notation);
    }
    let hidden_edges = chart.edges(&mut out, &seen, notation);
    if notation == Notation::Mermaid {
        chart.mermaid_classes(&mut out, &seen, &hidden_edges);
    } else {
        out.push_str("}\n");
    }
    out
}

/// One chart being drawn.
struct Chart<'a> {
    set: &'a FlowSet,
    flow: FlowIdx,
    branch: Option<&'a Branch>,
    /// The branch, or one with no values and no flags.
    b: &'a Branch,
    lang: &'a str,
    detail: Detail,
}

impl Chart<'_> {
    /// Which nodes a patron reaches at the branch (every node without one).
    fn reached(&self) -> Vec<bool> {
        let f = &self.set.flows[self.flow];
        let Some(b) = self.branch else { return vec![true; f.nodes.len()] };
        let mut seen = vec![false; f.nodes.len()];
        let mut todo = vec![f.start];
        while let Some(n) = todo.pop() {
            if std::mem::replace(&mut seen[n], true) {
                continue;
            }
            match &f.nodes[n].kind {
                NodeKind::Step { next, .. } => todo.push(*next),
                NodeKind::Question { choices, .. } => {
                    todo.extend(choices.iter().filter_map(|c| b.lead(c)));
                }
                _ => {}
            }
        }
        seen
    }

    /// A node's label (lines joined by `\\n`), shape and fill.
    fn label(&self, i: usize) -> (String, &'static str, &'static str) {
        let f = &self.set.flows[self.flow];
        let node = &f.nodes[i];
        let lines = if self.detail.full { usize::MAX } else { SHORT_LINES };
        let text = wrap(&self.set.node_text(self.flow, i, self.lang, self.b).plain(), lines);
        let start = if i == f.start { "▶ " } else { "" };
        let mut head = node.id.clone();
        if self.branch.is_some_and(|b| b.overrides.contains_key(&(self.flow, i))) {
            head.push_str(" ✎ overridden here");
        }
        match &node.kind {
            NodeKind::Question { .. } => (format!("{start}{head}\\n{text}"), "diamond", "#e8eef6"),
            NodeKind::Step { .. } => (format!("{start}{head}\\n{text}"), "box", "#ffffff"),
            NodeKind::Solved { .. } => (format!("✔ {head}\\n{text}"), "doubleoctagon", "#d5f0d5"),
            NodeKind::Handoff(h) => {
                let mut l = format!("☎ {head}\\n{text}");
                if self.detail.full {
                    let _ = write!(l, "\\n— staff: {}", wrap(&h.note, usize::MAX));
                }
                if let Some(p) = &h.policy {
                    let _ = write!(l, "\\n[{} policy]", p.firmness.name());
                    if self.detail.full {
                        let _ = write!(l, " {}", wrap(&p.text, usize::MAX));
                    }
                }
                (l, "octagon", "#fbe0cc")
            }
            NodeKind::Goto { flow: to, .. } => {
                (format!("→ {}\\n(go to flow)", self.set.flows[*to].id), "cds", "#eeeeee")
            }
        }
    }

    /// Writes node `i`; greyed when no patron at the branch reaches it.
    fn node(&self, out: &mut String, i: usize, reached: bool, notation: Notation) {
        let (label, shape, fill) = self.label(i);
        let node = &self.set.flows[self.flow].nodes[i];
        match notation {
            Notation::Dot => {
                let style = if reached {
                    format!("style=filled, fillcolor=\"{fill}\"")
                } else {
                    "style=\"filled,dashed\", fillcolor=\"#f2f2f2\", color=gray, fontcolor=gray".to_string()
                };
                let _ = writeln!(
                    out,
                    "  \"{}\" [label=\"{}\", shape={shape}, {style}];",
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

    /// Writes every edge; returns the Mermaid numbers of those hidden at
    /// the branch (or leaving a screen no patron there reaches).
    fn edges(&self, out: &mut String, seen: &[bool], notation: Notation) -> Vec<usize> {
        let (set, b, lang) = (self.set, self.b, self.lang);
        let f = &set.flows[self.flow];
        let mut hidden_edges = Vec::new();
        let mut edge_no = 0usize;
        for (i, node) in f.nodes.iter().enumerate() {
            let edges: Vec<(usize, String, bool)> = match &node.kind {
                NodeKind::Step { next, .. } => vec![(*next, set.word(Word::Next, lang, b).plain(), true)],
                NodeKind::Question { choices, .. } => choices
                    .iter()
                    .flat_map(|c| {
                        let mut label = wrap(&set.render(&c.label, lang, b).plain(), 2);
                        if let Some(flag) = &c.when {
                            let _ = write!(label, " [{flag}]");
                        }
                        // The alternative where the flag is missing, as its own edge.
                        let alt = c.else_to.zip(c.when.as_ref()).map(|(to, flag)| {
                            let shown = self.branch.is_none() || !b.flags.contains(flag);
                            (
                                to,
                                format!("{} [no {flag}]", wrap(&set.render(&c.label, lang, b).plain(), 2)),
                                shown,
                            )
                        });
                        let main = (
                            c.to,
                            label,
                            self.branch.is_none() || c.when.as_ref().is_none_or(|w| b.flags.contains(w)),
                        );
                        std::iter::once(main).chain(alt)
                    })
                    .collect(),
                _ => Vec::new(),
            };
            for (to, label, shown) in edges {
                let shown = shown && seen[i];
                match notation {
                    Notation::Dot => {
                        let style = if shown { "" } else { ", style=dashed, color=gray, fontcolor=gray" };
                        let _ = writeln!(
                            out,
                            "  \"{}\" -> \"{}\" [label=\"{}\"{style}];",
                            dot_escape(&node.id),
                            dot_escape(&f.nodes[to].id),
                            dot_escape(&label).replace("\\\\n", "\\n")
                        );
                    }
                    Notation::Mermaid => {
                        let arrow = if shown { "-->" } else { "-.->" };
                        let l =
                            mermaid_escape(&label.replace("\\n", "<br/>")).replace("#lt;br/#gt;", "<br/>");
                        let _ = writeln!(out, "  {} {arrow}|\"{l}\"| {}", mermaid_id(i), mermaid_id(to));
                        if !shown {
                            hidden_edges.push(edge_no);
                        }
                    }
                }
                edge_no += 1;
            }
        }
        hidden_edges
    }

    /// Mermaid's colours: a class per kind of node, grey for what the
    /// branch hides.
    fn mermaid_classes(&self, out: &mut String, seen: &[bool], hidden_edges: &[usize]) {
        for (i, node) in self.set.flows[self.flow].nodes.iter().enumerate() {
            let class = match node.kind {
                _ if !seen[i] => "hidden",
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
        out.push_str("  classDef hidden fill:#f2f2f2,stroke:#999999,color:#999999,stroke-dasharray:4\n");
        for e in hidden_edges {
            let _ = writeln!(out, "  linkStyle {e} stroke:#999999,color:#999999");
        }
    }
}

/// Node ids in Mermaid are kept to letters and digits.
fn mermaid_id(i: usize) -> String {
    format!("n{i}")
}
