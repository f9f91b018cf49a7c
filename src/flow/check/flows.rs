//! Each flow on its own: its id, title and icon, its node ids, and every
//! node's text and links.

use super::limits::{MAX_LABEL, MAX_TEXT, MAX_TITLE, too_many_choices};
use super::locate::{At, file_stem, locate, node_id, top_level_id};
use super::text::{hidden_in_id, hidden_in_text};
use super::{Checker, Ref};
use crate::flow::diag::{Code, Severity};
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
    c.text(file, fi, At::field(&[], "title"), &f.title, "the title", MAX_TITLE);
    if let Some(s) = &f.subtitle {
        c.text(file, fi, At::field(&[], "subtitle"), s, "the subtitle", MAX_LABEL);
    }
    c.asset(file, At::value(&[], "icon"), &f.icon, "icon");

    let index = node_ids(c, file, f);
    let ids: Vec<&str> = f.nodes.iter().map(node_id).collect();
    let nodes = Nodes { file, fi, flow: f, index: &index, ids: &ids, flows };
    let start = nodes.start(c);
    let edges: Vec<Vec<usize>> = (0..f.nodes.len()).map(|k| nodes.node(c, k)).collect();
    if let Some(start) = start {
        super::reach::within_flow(c, file, f, &index, &edges, start);
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
        c.unknown(
            self.file,
            locate(self.file, At::value(within, field)),
            Severity::Error,
            Code::UnknownTarget,
            format!("unknown node `{to}` in {what}"),
            Ref { name: to, known: self.ids, kind: "nodes" }
                .otherwise("add a node with that id, or fix the name"),
        );
        None
    }

    /// Checks node `k` and returns the nodes it leads to.
    fn node(&self, c: &mut Checker, k: usize) -> Vec<usize> {
        let (file, fi) = (self.file, self.fi);
        let within = [("nodes", k)];
        let at = |field: &'static str| At::field(&within, field);
        let mut edges = Vec::new();
        match &self.flow.nodes[k] {
            RawNode::Step { id, text, picture, next, .. } => {
                c.text(file, fi, at("text"), text, &format!("the text of `{id}`"), MAX_TEXT);
                if let Some(p) = picture {
                    c.asset(file, At::value(&within, "picture"), p, "picture");
                }
                edges.extend(self.target(c, &within, "next", next, format!("`next` of `{id}`")));
            }
            RawNode::Question { id, text, picture, choices, .. } => {
                c.text(file, fi, at("text"), text, &format!("the question `{id}`"), MAX_TEXT);
                if let Some(p) = picture {
                    c.asset(file, At::value(&within, "picture"), p, "picture");
                }
                edges = self.question(c, k, id, choices);
            }
            RawNode::Solved { id, text, .. } => {
                c.text(file, fi, at("text"), text, &format!("the ending `{id}`"), MAX_TEXT);
            }
            RawNode::Handoff { id, reason, note, policy, read, question_type, .. } => {
                c.text(file, fi, at("reason"), reason, &format!("the reason of `{id}`"), MAX_TEXT);
                handoff(c, file, k, id, note, policy.as_ref().map(|p| p.text.as_str()));
                statistics_labels(c, file, k, id, *read, question_type.as_deref());
            }
            RawNode::Goto { id, flow } => {
                if !self.flows.ids.contains_key(flow.as_str()) && !c.broken.contains(flow) {
                    c.unknown(
                        file,
                        locate(file, At::value(&within, "flow")),
                        Severity::Error,
                        Code::UnknownFlow,
                        format!("goto `{id}` names flow `{flow}`, which does not exist"),
                        Ref { name: flow, known: &self.flows.all, kind: "flows" },
                    );
                }
            }
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
            c.text(file, self.fi, At::field(&w, "label"), &ch.label, &what, MAX_LABEL);
            edges.extend(self.target(c, &w, "to", &ch.to, what));
            if let Some(flag) = &ch.when
                && c.manifest_ok
                && !c.declared_flags.contains_key(flag)
            {
                let known: Vec<String> = c.declared_flags.keys().cloned().collect();
                let known: Vec<&str> = known.iter().map(String::as_str).collect();
                c.unknown(
                    file,
                    locate(file, At::value(&w, "when")),
                    Severity::Error,
                    Code::UndeclaredFlag,
                    format!("flag `{flag}` is not declared in `flowset.ron`"),
                    Ref { name: flag, known: &known, kind: "flags declared" }
                        .otherwise("declare it under `flags` in `flowset.ron`"),
                );
            }
        }
        edges
    }
}

/// A handoff's staff note and policy: said, and nothing invisible in them.
/// A handoff's labels for the desk statistics: a READ level from 1 to 6, a
/// question type that is short, visible and not empty.
fn statistics_labels(
    c: &mut Checker,
    file: &SourceFile,
    k: usize,
    id: &str,
    read: Option<u8>,
    question_type: Option<&str>,
) {
    let within = [("nodes", k)];
    if let Some(level) = read
        && !(1..=6).contains(&level)
    {
        c.push(
            file,
            locate(file, At::field(&within, "read")),
            Severity::Error,
            Code::BadReadLevel,
            format!("`read` of `{id}` is {level}; the READ scale runs from 1 to 6"),
            Some("1: directions or a quick answer, 2: minor help such as printing, 3: teaching a skill such as scanning ...".into()),
        );
    }
    if let Some(q) = question_type {
        let at = At::value(&within, "question_type");
        hidden_in_text(c, file, at, q, &format!("the question type of `{id}`"));
        if q.trim().is_empty() || q.chars().count() > MAX_QUESTION_TYPE {
            c.push(
                file,
                locate(file, at),
                Severity::Error,
                Code::BadQuestionType,
                format!("the question type of `{id}` must be 1 to {MAX_QUESTION_TYPE} characters"),
                Some("use the short label your desk statistics already use, e.g. \"Printing\"".into()),
            );
        }
    }
}

/// The longest question type label.
const MAX_QUESTION_TYPE: usize = 40;

fn handoff(c: &mut Checker, file: &SourceFile, k: usize, id: &str, note: &str, policy: Option<&str>) {
    let within = [("nodes", k)];
    let note_at = At::value(&within, "note");
    hidden_in_text(c, file, note_at, note, &format!("the staff note of `{id}`"));
    if let Some(p) = policy {
        let policy_at = At { within: &within, field: Some("policy"), key: Some("text") };
        hidden_in_text(c, file, policy_at, p, &format!("the policy of `{id}`"));
    }
    if note.trim().is_empty() {
        c.push(
            file,
            locate(file, note_at),
            Severity::Error,
            Code::EmptyText,
            format!("the staff note of `{id}` is empty"),
            Some("say what staff should check first".into()),
        );
    }
    if let Some(p) = policy
        && p.trim().is_empty()
    {
        c.push(
            file,
            locate(file, At::field(&within, "policy")),
            Severity::Error,
            Code::EmptyText,
            format!("the policy of `{id}` is empty"),
            Some("state the rule, or remove `policy`".into()),
        );
    }
}
