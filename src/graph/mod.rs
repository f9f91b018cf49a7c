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
use wrap::{wrap, wrap_at};

mod wrap;

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

/// Characters per line in a node: with 11-point text a node is at most
/// about 170 points wide, so a page holds six or seven side by side.
pub const WRAP: usize = 26;
/// Characters per line of an answer on an edge: Graphviz gives an edge's
/// label room beside the edge, so long answers widen the whole chart.
pub const EDGE_WRAP: usize = 16;
/// The width Graphviz packs a chart into, in inches (1,440 points at
/// 100 %): `ratio=compress` with this `size` makes `dot` pack the layout
/// tighter rather than wider. Were a chart still wider, `dot` would scale
/// it down (the tests check that no default flow needs that, `--full` and
/// every language included: at 17 and 18 inches the login flow with
/// `--full` did, at 0.98, in English and then in Russian, once the default
/// flows had their facts, urgent answers and five languages).
pub const PAGE_WIDTH_INCHES: f32 = 20.0;
/// Lines of text per node unless `full`.
const SHORT_LINES: usize = 3;
/// Lines of an answer on an edge.
const EDGE_LINES: usize = 3;

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
            // Top to bottom, boxes rather than diamonds (a diamond is twice
            // as wide for the same text), short lines, text at 10-11
            // points, packed into a page width: drawn at 100 % every
            // default flow is at most 1,440 points wide in any language.
            let _ = writeln!(
                out,
                "  label=\"{}\"; labelloc=t; fontname=\"sans\"; fontsize=14;",
                dot_escape(&title)
            );
            let _ = writeln!(
                out,
                "  rankdir=TB; newrank=true; ratio=compress; size=\"{PAGE_WIDTH_INCHES},1000\"; \
                 nodesep=0.15; ranksep=0.25;"
            );
            let _ = writeln!(
                out,
                "  node [fontname=\"sans\", fontsize=11, margin=\"0.08,0.04\"]; \
                 edge [fontname=\"sans\", fontsize=10, arrowsize=0.7];"
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

/// How a kind of node looks in DOT: every shape is a box of some kind, as
/// narrow as its text (a diamond or an octagon is half again to twice as
/// wide for the same text).
#[derive(Clone, Copy)]
struct Look {
    /// Graphviz shape, with any attribute that goes with it.
    shape: &'static str,
    /// Style words before `filled`, each followed by a comma.
    style: &'static str,
}

/// A question: rounded, with a bold border (and `?` before its id).
const QUESTION: Look = Look { shape: "box", style: "rounded,bold," };
/// A step: a plain box.
const STEP: Look = Look { shape: "box", style: "" };
/// A solved ending: rounded with a double border.
const SOLVED: Look = Look { shape: "box, peripheries=2", style: "rounded," };
/// A handoff: a note with a folded corner.
const HANDOFF: Look = Look { shape: "note", style: "" };
/// A goto into another flow.
const GOTO: Look = Look { shape: "cds", style: "" };

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
        let mut todo = vec![self.set.start_at(self.flow, b)];
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

    /// A node's label (lines joined by `\\n`), its look in DOT (shape and
    /// style words, see [`Look`]) and its fill.
    fn label(&self, i: usize) -> (String, Look, &'static str) {
        let f = &self.set.flows[self.flow];
        let node = &f.nodes[i];
        let lines = if self.detail.full { usize::MAX } else { SHORT_LINES };
        let text = wrap(&self.set.node_text(self.flow, i, self.lang, self.b).plain(), lines);
        let start = self.start_mark(i);
        let mut head = node.id.clone();
        if self.branch.is_some_and(|b| b.overrides.contains_key(&(self.flow, i))) {
            head.push_str(" ✎ overridden here");
        }
        match &node.kind {
            NodeKind::Question { .. } => (format!("{start}? {head}\\n{text}"), QUESTION, "#e8eef6"),
            NodeKind::Step { .. } => (format!("{start}{head}\\n{text}"), STEP, "#ffffff"),
            NodeKind::Solved { .. } => (format!("{start}✔ {head}\\n{text}"), SOLVED, "#d5f0d5"),
            NodeKind::Handoff(h) => {
                let mut l = format!("{start}☎ {head}\\n{text}");
                if self.detail.full {
                    let _ = write!(l, "\\n— staff:\\n{}", wrap(&h.note, usize::MAX));
                }
                if let Some(p) = &h.policy {
                    let _ = write!(l, "\\n[{} policy]", p.firmness.name());
                    if self.detail.full {
                        let _ = write!(l, "\\n{}", wrap(&p.text, usize::MAX));
                    }
                }
                (l, HANDOFF, "#fbe0cc")
            }
            NodeKind::Goto { flow: to, .. } => {
                (format!("{start}→ {}\\n(go to flow)", self.set.flows[*to].id), GOTO, "#eeeeee")
            }
        }
    }

    /// `▶ ` on the node where a patron who taps the tile starts: at a
    /// branch shown the flow only as its alternative (a flow's `else_to`
    /// where it lacks the flag the flow `needs`) that is the alternative.
    /// Without a branch both are marked, the alternative with the flag it
    /// stands in for.
    fn start_mark(&self, i: usize) -> String {
        let f = &self.set.flows[self.flow];
        if let Some(b) = self.branch {
            return if i == self.set.start_at(self.flow, b) { "▶ ".into() } else { String::new() };
        }
        match (f.else_start, &f.needs) {
            _ if i == f.start => "▶ ".into(),
            (Some(alt), Some(flag)) if alt == i => format!("▶ [no {flag}] "),
            _ => String::new(),
        }
    }

    /// Writes node `i`; greyed when no patron at the branch reaches it.
    fn node(&self, out: &mut String, i: usize, reached: bool, notation: Notation) {
        let (label, look, fill) = self.label(i);
        let node = &self.set.flows[self.flow].nodes[i];
        match notation {
            Notation::Dot => {
                let Look { shape, style } = look;
                let style = if reached {
                    format!("style=\"{style}filled\", fillcolor=\"{fill}\"")
                } else {
                    format!(
                        "style=\"{style}filled,dashed\", fillcolor=\"#f2f2f2\", color=gray, fontcolor=gray"
                    )
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
        let edge_lines = if self.detail.full { usize::MAX } else { EDGE_LINES };
        for (i, node) in f.nodes.iter().enumerate() {
            let edges: Vec<(usize, String, bool)> = match &node.kind {
                NodeKind::Step { next, .. } => vec![(*next, set.word(Word::Next, lang, b).plain(), true)],
                NodeKind::Question { choices, .. } => choices
                    .iter()
                    .flat_map(|c| {
                        let answer = wrap_at(&set.render(&c.label, lang, b).plain(), EDGE_WRAP, edge_lines);
                        let mut label = answer.clone();
                        if let Some(flag) = &c.when {
                            let _ = write!(label, "\\n[{flag}]");
                        }
                        // The alternative where the flag is missing, as its own edge.
                        let alt = c.else_to.zip(c.when.as_ref()).map(|(to, flag)| {
                            let shown = self.branch.is_none() || !b.flags.contains(flag);
                            (to, format!("{answer}\\n[no {flag}]"), shown)
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
