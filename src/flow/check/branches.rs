//! Branches: each file's id, name, values, flags, hidden flows and
//! overrides; then, per branch checked, what only shows there (placeholders
//! it must fill, questions whose every choice it hides, gotos into flows it
//! hides).

use super::flows::Flows;
use super::limits::{MAX_LABEL, MAX_TEXT};
use super::locate::{At, file_stem, keyed, lang_of, listed, locate, node_id, token_place, top_level_id};
use super::text::{hidden_in_id, hidden_in_text};
use super::{Checker, Ref};
use crate::flow::diag::{Code, Severity};
use crate::flow::parse::parse_ron;
use crate::flow::raw::{RawBranch, RawNode, RawOverride, VarValue};
use crate::flow::source::{Pos, SourceFile};
use crate::flow::sources::Sources;
use crate::flow::text::placeholders;
use crate::flow::words::Words;
use std::collections::HashSet;

/// Parses every branch file; one that does not parse is reported and its
/// branch counted as broken.
pub(super) fn parse(c: &mut Checker, sources: &Sources) -> Vec<(usize, RawBranch)> {
    let mut branches = Vec::new();
    for (bi, file) in sources.branches.iter().enumerate() {
        match parse_ron::<RawBranch>(file) {
            Ok(b) => branches.push((bi, b)),
            Err(d) => {
                c.diags.push(*d);
                c.broken.extend(top_level_id(file));
                c.broken.extend(file_stem(&file.name));
            }
        }
    }
    branches
}

/// Every branch file on its own, ids used twice, and that `--branch` names
/// one that exists.
pub(super) fn check_all(
    c: &mut Checker,
    sources: &Sources,
    manifest_file: &SourceFile,
    branches: &[(usize, RawBranch)],
    flows: &Flows,
) {
    let mut branch_ids: HashSet<String> = HashSet::new();
    for (bi, b) in branches {
        let file = &sources.branches[*bi];
        if !branch_ids.insert(b.id.clone()) {
            let first =
                branches.iter().find(|(_, other)| other.id == b.id).map(|(i, _)| &sources.branches[*i]);
            let hint = first.map_or("give each branch its own id".to_string(), |f| {
                let (pos, _) = locate(f, At::value(&[], "id"));
                format!("first used at {}:{}:{}; give each branch its own id", f.name, pos.line, pos.col)
            });
            c.push(
                file,
                locate(file, At::value(&[], "id")),
                Severity::Error,
                Code::DuplicateId,
                format!("branch id `{}` is used twice", b.id),
                Some(hint),
            );
        }
        check_branch(c, file, b, flows);
    }
    let opts = c.opts;
    if let Some(only) = &opts.branch
        && !branch_ids.contains(only)
        && !c.broken.contains(only)
    {
        let known: Vec<&str> = branches.iter().map(|(_, b)| b.id.as_str()).collect();
        c.unknown(
            manifest_file,
            (Pos::START, 1),
            Severity::Error,
            Code::UnknownBranch,
            format!("there is no branch `{only}`"),
            Ref { name: only, known: &known, kind: "branches" },
        );
    }
}

/// One branch file.
fn check_branch(c: &mut Checker, file: &SourceFile, b: &RawBranch, flows: &Flows) {
    header(c, file, b);
    let known_flags: Vec<String> = c.declared_flags.keys().cloned().collect();
    let known_flags: Vec<&str> = known_flags.iter().map(String::as_str).collect();
    for flag in &b.flags {
        if c.manifest_ok && !c.declared_flags.contains_key(flag) {
            c.unknown(
                file,
                listed(file, "flags", flag),
                Severity::Error,
                Code::UndeclaredFlag,
                format!("flag `{flag}` is not declared in `flowset.ron`"),
                Ref { name: flag, known: &known_flags, kind: "flags declared" },
            );
        }
    }
    values(c, file, b);
    for flow in &b.hide_flows {
        if !flows.ids.contains_key(flow.as_str()) && !c.broken.contains(flow) {
            c.unknown(
                file,
                listed(file, "hide_flows", flow),
                Severity::Error,
                Code::UnknownFlow,
                format!("`hide_flows` names flow `{flow}`, which does not exist"),
                Ref { name: flow, known: &flows.all, kind: "flows" },
            );
        }
    }
    for (i, o) in b.overrides.iter().enumerate() {
        check_override(c, file, b, i, o, flows);
    }
}

/// A branch's id and name.
fn header(c: &mut Checker, file: &SourceFile, b: &RawBranch) {
    let id_at = locate(file, At::value(&[], "id"));
    if b.id.trim().is_empty() || b.id.contains(char::is_whitespace) {
        c.push(
            file,
            id_at,
            Severity::Error,
            Code::BadId,
            format!("branch id `{}` is empty or has spaces", b.id),
            Some("use a short name like `central` (letters, digits, _ or -)".into()),
        );
    } else {
        hidden_in_id(c, file, id_at, &b.id, "branch id");
    }
    hidden_in_text(c, file, At::value(&[], "name"), &b.name, "the branch name");
    if b.name.trim().is_empty() {
        c.push(
            file,
            locate(file, At::value(&[], "name")),
            Severity::Error,
            Code::EmptyText,
            format!("branch `{}` has an empty name", b.id),
            None,
        );
    }
}

/// A branch's values for the placeholders (`vars`).
fn values(c: &mut Checker, file: &SourceFile, b: &RawBranch) {
    let known_vars: Vec<String> = c.declared_vars.keys().cloned().collect();
    let known_vars: Vec<&str> = known_vars.iter().map(String::as_str).collect();
    for (name, value) in &b.vars {
        let here = keyed(file, "vars", name);
        if c.manifest_ok && !c.declared_vars.contains_key(name) {
            c.unknown(
                file,
                here,
                Severity::Warning,
                Code::UnknownVariable,
                format!("variable `{name}` is not declared in `flowset.ron`"),
                Ref { name, known: &known_vars, kind: "variables declared" }
                    .otherwise("no flow can use it until it is declared"),
            );
        }
        match value {
            VarValue::Same(v) if v.trim().is_empty() => {
                c.push(
                    file,
                    here,
                    Severity::Error,
                    Code::EmptyText,
                    format!("variable `{name}` is empty"),
                    None,
                );
            }
            VarValue::Same(v) => {
                let at = At { within: &[], field: Some("vars"), key: Some(name.as_str()) };
                hidden_in_text(c, file, at, v, &format!("variable `{name}`"));
            }
            VarValue::PerLanguage(text) => {
                let at = At::field(&[], name.as_str());
                c.text(file, usize::MAX, at, text, &format!("variable `{name}`"), MAX_LABEL);
            }
        }
    }
}

/// Override `i`: a flow and node that exist and have text, and text whose
/// placeholders this branch fills.
fn check_override(
    c: &mut Checker,
    file: &SourceFile,
    b: &RawBranch,
    i: usize,
    o: &RawOverride,
    flows: &Flows,
) {
    let w = [("overrides", i)];
    let Some(&k) = flows.ids.get(o.flow.as_str()) else {
        if !c.broken.contains(&o.flow) {
            c.unknown(
                file,
                locate(file, At::value(&w, "flow")),
                Severity::Error,
                Code::UnknownFlow,
                format!("override {} names flow `{}`, which does not exist", i + 1, o.flow),
                Ref { name: &o.flow, known: &flows.all, kind: "flows" },
            );
        }
        return;
    };
    let nodes = &flows.raws[k].1.nodes;
    let Some(&n) = flows.indexes[k].get(o.node.as_str()) else {
        let ids: Vec<&str> = nodes.iter().map(node_id).collect();
        c.unknown(
            file,
            locate(file, At::value(&w, "node")),
            Severity::Error,
            Code::UnknownTarget,
            format!("override {} names node `{}`, which is not in flow `{}`", i + 1, o.node, o.flow),
            Ref { name: &o.node, known: &ids, kind: "nodes" },
        );
        return;
    };
    if matches!(nodes[n], RawNode::Goto { .. }) {
        c.push(
            file,
            locate(file, At::value(&w, "node")),
            Severity::Error,
            Code::BadOverride,
            format!("override {} names goto `{}`, which has no text", i + 1, o.node),
            None,
        );
    }
    // Override text is checked like flow text; its placeholders must be
    // filled by this branch.
    let before = c.uses.len();
    c.text(file, usize::MAX, At::field(&w, "text"), &o.text, &format!("override {}", i + 1), MAX_TEXT);
    let new: Vec<_> = c.uses.drain(before..).collect();
    if c.opts.branch.as_ref().is_some_and(|only| *only != b.id) {
        return;
    }
    for u in new {
        let name = u.name(c).to_string();
        if !b.vars.contains_key(&name) {
            let place = u.place(c, file);
            c.push(
                file,
                place,
                Severity::Error,
                Code::UndefinedPlaceholder,
                format!("placeholder `{{{name}}}` is not defined at branch `{}`", b.id),
                Some(format!("add `\"{name}\": \"...\"` to `vars`")),
            );
        }
    }
}

/// What each checked branch must fill, and what only shows at it.
pub(super) fn fill(
    c: &mut Checker,
    sources: &Sources,
    branches: &[(usize, RawBranch)],
    words: &Words,
    flows: &Flows,
) {
    for (bi, b) in branches {
        if c.opts.branch.as_ref().is_some_and(|only| *only != b.id) {
            continue;
        }
        let branch_file = &sources.branches[*bi].name;
        fill_flows(c, sources, b, branch_file);
        fill_words(c, sources, b, branch_file, words);
        paths(c, b, flows, &sources.flows);
    }
}

/// Placeholders in flow text that branch `b` gives no value.
fn fill_flows(c: &mut Checker, sources: &Sources, b: &RawBranch, branch_file: &str) {
    for i in 0..c.uses.len() {
        let u = c.uses[i];
        let name = u.name(c).to_string();
        if !b.vars.contains_key(&name)
            && let Some(file) = sources.flows.get(u.file)
        {
            let place = u.place(c, file);
            c.push(
                file,
                place,
                Severity::Error,
                Code::UndefinedPlaceholder,
                format!("placeholder `{{{name}}}` is not defined at branch `{}`", b.id),
                Some(format!("add `\"{name}\": \"...\"` to `vars` in {branch_file}")),
            );
        }
    }
}

/// The kiosk's words fill branch values too ("Please go to {help_desk}").
fn fill_words(c: &mut Checker, sources: &Sources, b: &RawBranch, branch_file: &str, words: &Words) {
    for file in &sources.words {
        let Some(map) = words.0.get(&lang_of(file)) else { continue };
        for (key, value) in map {
            for name in placeholders(value) {
                if c.declared_vars.contains_key(name) && !b.vars.contains_key(name) {
                    let at = At { within: &[], field: None, key: Some(key) };
                    c.push(
                        file,
                        token_place(file, at, value, name),
                        Severity::Error,
                        Code::UndefinedPlaceholder,
                        format!("word `{key}` uses `{{{name}}}`, which is not defined at branch `{}`", b.id),
                        Some(format!("add `\"{name}\": \"...\"` to `vars` in {branch_file}")),
                    );
                }
            }
        }
    }
}

/// Problems that only show at one branch: a question whose every choice is
/// hidden by flags, a goto into a hidden flow.
fn paths(c: &mut Checker, b: &RawBranch, flows: &Flows, files: &[SourceFile]) {
    for (fi, f) in flows.raws {
        if b.hide_flows.contains(&f.id) {
            continue;
        }
        let file = &files[*fi];
        for (k, node) in f.nodes.iter().enumerate() {
            match node {
                RawNode::Question { id, choices, .. }
                    if !choices.is_empty()
                        && choices
                            .iter()
                            .all(|ch| ch.when.as_ref().is_some_and(|w| !b.flags.contains(w))) =>
                {
                    c.push(
                        file,
                        locate(file, At::value(&[("nodes", k)], "id")),
                        Severity::Error,
                        Code::DeadEnd,
                        format!("at branch `{}` every choice of `{id}` is hidden by its flag", b.id),
                        Some("add a choice without `when`, such as one that leads to staff".into()),
                    );
                }
                RawNode::Goto { id, flow }
                    if b.hide_flows.contains(flow) && flows.ids.contains_key(flow.as_str()) =>
                {
                    c.push(
                        file,
                        locate(file, At::value(&[("nodes", k)], "flow")),
                        Severity::Error,
                        Code::HiddenFlow,
                        format!("goto `{id}` leads to flow `{flow}`, which branch `{}` hides", b.id),
                        Some("show the flow at that branch, or lead somewhere else".into()),
                    );
                }
                _ => {}
            }
        }
    }
}
