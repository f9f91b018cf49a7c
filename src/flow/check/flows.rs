//! Each flow on its own: its id, title and icon, its node ids, and every
//! node's text and links.

use super::limits::{MAX_LABEL, MAX_TEXT, MAX_TITLE, too_many_choices};
use super::locate::{At, file_stem, locate, node_id, top_level_id};
use super::text::{Src, hidden_in_id};
use super::{Checker, Ref};
use crate::flow::diag::{Code, Severity, did_you_mean};
use crate::flow::parse::parse_ron;
use crate::flow::raw::{RawChoice, RawFlow, RawNode};
use crate::flow::source::SourceFile;
use crate::flow::sources::Sources;
use std::collections::HashMap;

/// Parses every flow file; a file that does not parse is reported and its
/// flow counted as broken, so links to it say nothing more.
pub(super) fn parse(c: &mut Checker, sources: &Sources) -> Vec<(usize, RawFlow)> {
    let mut raws = Vec::new();
    c.broken.extend(sources.unread.iter().filter_map(|u| file_stem(u)));
    for (fi, file) in sources.flows.iter().enumerate() {
        match parse_ron::<RawFlow>(file) {
            Ok(f) => raws.push((fi, f)),
            Err(d) => {
                c.diags.push(*d);
                c.broken.extend(top_level_id(file));
                // An empty file has no id: flows are named like their files.
                c.broken.extend(file_stem(&file.name));
            }
        }
    }
    raws
}

/// The flows that parsed and how to find them by id.
pub(super) struct Flows<'r> {
    /// (index in `Sources::flows`, flow).
    pub(super) raws: &'r [(usize, RawFlow)],
    /// Flow id to its index in `raws` (the first, if used twice).
    pub(super) ids: HashMap<&'r str, usize>,
    /// Every flow id, for hints.
    pub(super) all: Vec<&'r str>,
    /// For each flow in `raws`, node id to node index.
    pub(super) indexes: Vec<HashMap<&'r str, usize>>,
}

impl<'r> Flows<'r> {
    /// Indexes the flows by id, reporting ids used twice.
    pub(super) fn new(c: &mut Checker, sources: &Sources, raws: &'r [(usize, RawFlow)]) -> Self {
        let mut ids: HashMap<&str, usize> = HashMap::new();
        for (k, (fi, f)) in raws.iter().enumerate() {
            let Some(&first) = ids.get(f.id.as_str()) else {
                ids.insert(f.id.as_str(), k);
                continue;
            };
            let file = &sources.flows[*fi];
            let first_file = &sources.flows[raws[first].0];
            let (pos, _) = locate(first_file, At::value(&[], "id"));
            c.push(
                file,
                locate(file, At::value(&[], "id")),
                Severity::Error,
                Code::DuplicateId,
                format!("flow id `{}` is used twice", f.id),
                Some(format!("first used at {}:{}:{}", first_file.name, pos.line, pos.col)),
            );
        }
        let all = raws.iter().map(|(_, f)| f.id.as_str()).collect();
        Flows { raws, ids, all, indexes: Vec::new() }
    }

    /// Checks each flow, filling `indexes`.
    pub(super) fn check_each(&mut self, c: &mut Checker, sources: &Sources) {
        for (fi, f) in self.raws {
            let index = check_flow(c, &sources.flows[*fi], *fi, f, self);
            self.indexes.push(index);
        }
    }
}

/// One flow: what it is about, then its nodes, then whether every node can
/// be reached and left.
fn check_flow<'r>(
    c: &mut Checker,
    file: &SourceFile,
    fi: usize,
    f: &'r RawFlow,
    flows: &Flows,
) -> HashMap<&'r str, usize> {
    if f.id.trim().is_empty() || f.id.contains(char::is_whitespace) {
        c.push(
            file,
            locate(file, At::value(&[], "id")),
            Severity::Error,
            Code::BadId,
            format!("flow id `{}` is empty or has spaces", f.id),
            Some("use a short name like `printing` (letters, digits, _ or -)".into()),
        );
    } else {
        hidden_in_id(c, file, locate(file, At::value(&[], "id")), &f.id, "flow id");
    }
    c.text(file, Src::Flow(fi), At::field(&[], "title"), &f.title, "the title", MAX_TITLE);
    if let Some(s) = &f.subtitle {
        c.text(file, Src::Flow(fi), At::field(&[], "subtitle"), s, "the subtitle", MAX_LABEL);
    }
    c.asset(file, At::value(&[], "icon"), &f.icon, "icon");
    if let Some(flag) = &f.needs {
        declared_flag(c, file, At::value(&[], "needs"), flag);
    }

    let index = node_ids(c, file, f);
    let ids: Vec<&str> = f.nodes.iter().map(node_id).collect();
    let nodes = Nodes { file, fi, flow: f, index: &index, ids: &ids, flows };
    let before = c.diags.len();
    let start = nodes.start(c);
    // The alternative start for branches without the flag the flow `needs`.
    let alt = f.else_to.as_deref().and_then(|to| {
        if f.needs.is_none() {
            c.push(
                file,
                locate(file, At::field(&[], "else_to")),
                Severity::Error,
                Code::ElseWithoutWhen,
                format!("flow `{}` has `else_to` but no `needs`, so it is never hidden", f.id),
                Some("add the flag whose absence `else_to` stands in for, e.g. `needs: \"scanner\"`, or remove `else_to`".into()),
            );
        }
        nodes.target(c, &[], "else_to", to, format!("`else_to` of flow `{}`", f.id))
    });
    let edges: Vec<Vec<usize>> = (0..f.nodes.len()).map(|k| nodes.node(c, k)).collect();
    // A link that leads nowhere is its own error: nodes it would have led to
    // are not also "unreachable", nor the nodes before it "no way out".
    let broken_link = c.diags[before..].iter().any(|d| d.code == Code::UnknownTarget);
    if let Some(start) = start
        && !broken_link
    {
        let all: Vec<&RawFlow> = flows.raws.iter().map(|(_, g)| g).collect();
        let roots = [&[start], alt.as_slice(), super::goto::landings(f, &all).as_slice()].concat();
        super::reach::within_flow(c, file, f, &index, &edges, &roots);
    }
    index
}

/// Node ids: each used once, not empty, nothing invisible. Returns id to
/// index (the first, for an id used twice).
fn node_ids<'r>(c: &mut Checker, file: &SourceFile, f: &'r RawFlow) -> HashMap<&'r str, usize> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (k, node) in f.nodes.iter().enumerate() {
        let id = node_id(node);
        let within = [("nodes", k)];
        let place = locate(file, At::value(&within, "id"));
        if let Some(&first) = index.get(id) {
            let (pos, _) = locate(file, At::value(&[("nodes", first)], "id"));
            c.push(
                file,
                place,
                Severity::Error,
                Code::DuplicateId,
                format!("node id `{id}` is used twice in flow `{}`", f.id),
                Some(format!("first used at line {}", pos.line)),
            );
        } else {
            index.insert(id, k);
        }
        if id.trim().is_empty() {
            c.push(
                file,
                place,
                Severity::Error,
                Code::EmptyId,
                "a node has an empty id".into(),
                Some("give it a short name such as `check_paper`".into()),
            );
        } else {
            hidden_in_id(c, file, place, id, "node id");
        }
    }
    index
}

/// What checking the nodes of one flow needs at hand.
struct Nodes<'x> {
    file: &'x SourceFile,
    fi: usize,
    flow: &'x RawFlow,
    index: &'x HashMap<&'x str, usize>,
    ids: &'x [&'x str],
    flows: &'x Flows<'x>,
}

impl Nodes<'_> {
    /// The start node, if it exists.
    fn start(&self, c: &mut Checker) -> Option<usize> {
        let f = self.flow;
        let found = if f.start.is_empty() { None } else { self.index.get(f.start.as_str()).copied() };
        if found.is_none() {
            c.unknown(
                self.file,
                locate(self.file, At::field(&[], "start")),
                Severity::Error,
                Code::MissingStart,
                format!("flow `{}` starts at `{}`, which is not one of its nodes", f.id, f.start),
                Ref { name: &f.start, known: self.ids, kind: "nodes" },
            );
        }
        found
    }

    /// A link to node `to` in `field` inside `within`: its index, or an
    /// error.
    fn target(
        &self,
        c: &mut Checker,
        within: &[(&'static str, usize)],
        field: &str,
        to: &str,
        what: String,
    ) -> Option<usize> {
        if let Some(&n) = self.index.get(to) {
            return Some(n);
        }
        let place = locate(self.file, At::value(within, field));
        let msg = format!("unknown node `{to}` in {what}");
        // A node of another flow says more than a list of this flow's nodes,
        // unless one of those is a likely typo.
        let typo = did_you_mean(to, self.ids.iter().copied()).is_some();
        match self.elsewhere(to).filter(|_| !typo) {
            Some(hint) => c.push(self.file, place, Severity::Error, Code::UnknownTarget, msg, Some(hint)),
            None => c.unknown(
                self.file,
                place,
                Severity::Error,
                Code::UnknownTarget,
                msg,
                Ref { name: to, known: self.ids, kind: "nodes" }
                    .otherwise("add a node with that id, or fix the name"),
            ),
        }
        None
    }

    /// When `to` is a node of another flow: which, and how to get there
    /// (a choice leads within its flow; a goto enters a flow at its start or
    /// at the node it names).
    fn elsewhere(&self, to: &str) -> Option<String> {
        let holders: Vec<&str> = self
            .flows
            .raws
            .iter()
            .filter(|(_, g)| g.id != self.flow.id && g.nodes.iter().any(|n| node_id(n) == to))
            .map(|(_, g)| g.id.as_str())
            .collect();
        let first = *holders.first()?;
        let flow = &self.flows.raws[*self.flows.ids.get(first)?].1;
        let listed = holders.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", ");
        let goto = if flow.start == to {
            format!(
                "Goto(id: \"to_{first}\", flow: \"{first}\")` to this flow and lead to `to_{first}` (`{to}` is where `{first}` starts)"
            )
        } else {
            format!(
                "Goto(id: \"to_{to}\", flow: \"{first}\", node: \"{to}\")` to this flow and lead to `to_{to}`"
            )
        };
        Some(format!(
            "`{to}` is a node of flow {listed}; a choice or `next` leads only within its own flow. Add `{goto}"
        ))
    }

    /// Checks node `k` and returns the nodes it leads to.
    fn node(&self, c: &mut Checker, k: usize) -> Vec<usize> {
        let (file, fi) = (self.file, self.fi);
        let within = [("nodes", k)];
        let at = |field: &'static str| At::field(&within, field);
        let mut edges = Vec::new();
        match &self.flow.nodes[k] {
            RawNode::Step { id, text, picture, next, .. } => {
                c.text(file, Src::Flow(fi), at("text"), text, &format!("the text of `{id}`"), MAX_TEXT);
                if let Some(p) = picture {
                    c.asset(file, At::value(&within, "picture"), p, "picture");
                }
                edges.extend(self.target(c, &within, "next", next, format!("`next` of `{id}`")));
            }
            RawNode::Question { id, text, picture, choices, fact, .. } => {
                c.text(file, Src::Flow(fi), at("text"), text, &format!("the question `{id}`"), MAX_TEXT);
                if let Some(name) = fact {
                    super::endings::fact(c, file, k, id, name);
                }
                if let Some(p) = picture {
                    c.asset(file, At::value(&within, "picture"), p, "picture");
                }
                edges = self.question(c, k, id, choices);
            }
            RawNode::Solved { id, text, .. } => {
                c.text(file, Src::Flow(fi), at("text"), text, &format!("the ending `{id}`"), MAX_TEXT);
            }
            RawNode::Handoff { id, reason, note, policy, read, question_type, .. } => {
                c.text(file, Src::Flow(fi), at("reason"), reason, &format!("the reason of `{id}`"), MAX_TEXT);
                super::endings::handoff(c, file, k, id, note, policy.as_ref().map(|p| p.text.as_str()));
                super::endings::statistics_labels(c, file, k, id, *read, question_type.as_deref());
            }
            RawNode::Goto { id, flow, node } => {
                super::goto::target(c, file, k, id, flow, node.as_deref(), self.flows);
            }
        }
        if let Some(link) = self.flow.nodes[k].link() {
            super::link::check(c, file, k, node_id(&self.flow.nodes[k]), link);
        }
        if let Some(clips) = self.flow.nodes[k].audio() {
            let what = format!("the audio of `{}`", super::locate::node_id(&self.flow.nodes[k]));
            c.clips(file, &within, clips, &what);
        }
        edges
    }

    /// A question's choices: at least one, not too many, each with a label,
    /// a target and a declared flag. Returns the nodes they lead to.
    fn question(&self, c: &mut Checker, k: usize, id: &str, choices: &[RawChoice]) -> Vec<usize> {
        let file = self.file;
        if choices.is_empty() {
            c.push(
                file,
                locate(file, At::field(&[("nodes", k)], "choices")),
                Severity::Error,
                Code::DeadEnd,
                format!("question `{id}` has no choices, so a patron would be stuck"),
                Some("add at least one choice".into()),
            );
        }
        too_many_choices(c, file, k, id, choices.len());
        let mut edges = Vec::new();
        for (j, ch) in choices.iter().enumerate() {
            let w = [("nodes", k), ("choices", j)];
            let what = format!("choice {} of `{id}`", j + 1);
            c.text(file, Src::Flow(self.fi), At::field(&w, "label"), &ch.label, &what, MAX_LABEL);
            edges.extend(self.target(c, &w, "to", &ch.to, what.clone()));
            if let Some(flag) = &ch.when {
                declared_flag(c, file, At::value(&w, "when"), flag);
            }
            if let Some(alt) = &ch.else_to {
                edges.extend(self.target(c, &w, "else_to", alt, format!("`else_to` of {what}")));
                if ch.when.is_none() {
                    c.push(
                        file,
                        locate(file, At::field(&w, "else_to")),
                        Severity::Error,
                        Code::ElseWithoutWhen,
                        format!("{what} has `else_to` but no `when`, so it is never hidden"),
                        Some("add the flag whose absence `else_to` stands in for, e.g. `when: \"scanner\"`, or remove `else_to`".into()),
                    );
                }
            }
        }
        edges
    }
}

/// An error when a `when` or `needs` names a flag `flowset.ron` does not
/// declare: one per name, at its first use.
fn declared_flag(c: &mut Checker, file: &SourceFile, at: At, flag: &str) {
    if c.manifest_ok && !c.declared_flags.contains_key(flag) && c.first_time(format!("flag:{flag}")) {
        let known: Vec<String> = c.declared_flags.keys().cloned().collect();
        let known: Vec<&str> = known.iter().map(String::as_str).collect();
        c.unknown(
            file,
            locate(file, at),
            Severity::Error,
            Code::UndeclaredFlag,
            format!("flag `{flag}` is not declared in `flowset.ron`"),
            Ref { name: flag, known: &known, kind: "flags declared" }
                .otherwise("declare it under `flags` in `flowset.ron`"),
        );
    }
}
