//! Branch files, each on its own: id, name, values, flags, hidden flows and
//! overrides. What a branch must fill once its bases are merged is
//! `fill.rs`'s concern.

use super::flows::Flows;
use super::limits::{MAX_LABEL, MAX_TEXT};
use super::locate::{At, file_stem, keyed, listed, locate, node_id, top_level_id};
use super::text::{Src, hidden_in_id, hidden_in_text};
use super::{Checker, Ref};
use crate::flow::diag::{Code, Severity};
use crate::flow::parse::parse_ron;
use crate::flow::raw::{RawBranch, RawNode, RawOverride, VarValue};
use crate::flow::source::{Pos, SourceFile};
use crate::flow::sources::Sources;
use std::collections::{BTreeMap, HashSet};

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
        check_branch(c, file, *bi, b, flows);
    }
    let opts = c.opts;
    if let Some(only) = &opts.branch
        && branches.iter().any(|(_, b)| b.id == *only && b.base_only)
    {
        c.push(
            manifest_file,
            (Pos::START, 1),
            Severity::Error,
            Code::UnknownBranch,
            format!("branch `{only}` is only a base for other branches (`base_only: true`)"),
            Some("check a branch that starts from it (`base`), which a kiosk can run".into()),
        );
    } else if let Some(only) = &opts.branch
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
fn check_branch(c: &mut Checker, file: &SourceFile, fi: usize, b: &RawBranch, flows: &Flows) {
    header(c, file, b);
    let known_flags: Vec<String> = c.declared_flags.keys().cloned().collect();
    let known_flags: Vec<&str> = known_flags.iter().map(String::as_str).collect();
    for flag in b.flags.iter().flatten() {
        if c.manifest_ok && !c.declared_flags.contains_key(flag) && c.first_time(format!("flag:{flag}")) {
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
    values(c, file, "vars", &b.vars);
    for flow in b.hide_flows.iter().flatten() {
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
        check_override(c, file, fi, i, o, flows);
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

/// Values for the placeholders: a branch's `vars`, or the `defaults` in
/// `flowset.ron` (`field`).
pub(super) fn values(c: &mut Checker, file: &SourceFile, field: &str, vars: &BTreeMap<String, VarValue>) {
    let known_vars: Vec<String> = c.declared_vars.keys().cloned().collect();
    let known_vars: Vec<&str> = known_vars.iter().map(String::as_str).collect();
    for (name, value) in vars {
        let here = keyed(file, field, name);
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
                let at = At { within: &[], field: Some(field), key: Some(name.as_str()) };
                hidden_in_text(c, file, at, v, &format!("variable `{name}`"));
            }
            VarValue::PerLanguage(text) => {
                let at = At::field(&[], name.as_str());
                c.text(file, Src::Other, at, text, &format!("variable `{name}`"), MAX_LABEL);
            }
        }
    }
}

/// Override `i`: a flow and node that exist and have text, and text whose
/// placeholders this branch fills.
fn check_override(c: &mut Checker, file: &SourceFile, fi: usize, i: usize, o: &RawOverride, flows: &Flows) {
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
    // Override text is checked like flow text; the placeholders in it are
    // checked with the flows' (`fill`), at each branch it applies to.
    let what = format!("override {}", i + 1);
    c.text(file, Src::Branch(fi), At::field(&w, "text"), &o.text, &what, MAX_TEXT);
}
