//! `flowset.ron`: that it is there, its languages, the names it declares,
//! its home `order`, and that the set has at least one branch.

use super::flows::Flows;
use super::locate::{At, listed, locate};
use super::text::hidden_in_id;
use super::{Checker, Ref};
use crate::flow::chars;
use crate::flow::diag::{Code, Severity};
use crate::flow::parse::parse_ron;
use crate::flow::raw::{RawFlowSet, RawNode};
use crate::flow::source::{Pos, SourceFile};
use crate::flow::sources::Sources;
use std::collections::HashSet;

/// Parses `flowset.ron` and takes its languages, flags and placeholders into
/// the checker.
pub(super) fn read(c: &mut Checker, sources: &Sources, manifest_file: &SourceFile) -> Option<RawFlowSet> {
    let manifest = match &sources.flowset {
        None if sources.unread.iter().any(|u| u == "flowset.ron") => None,
        None => {
            c.push(
                manifest_file,
                (Pos::START, 1),
                Severity::Error,
                Code::MissingFile,
                "the flow set has no `flowset.ron`".into(),
                Some("it names the languages, flags and placeholders; see docs/flow-format.md".into()),
            );
            None
        }
        Some(f) => match parse_ron::<RawFlowSet>(f) {
            Ok(m) => Some(m),
            Err(d) => {
                c.diags.push(*d);
                None
            }
        },
    };
    if let Some(m) = &manifest {
        declare(c, manifest_file, m);
    }
    manifest
}

/// What a parsed `flowset.ron` declares.
fn declare(c: &mut Checker, manifest_file: &SourceFile, m: &RawFlowSet) {
    if m.languages.is_empty() {
        // `[]` holds no text to point at: point at the field's name.
        let at = manifest_file.text.find("languages:").map_or_else(
            || locate(manifest_file, At::field(&[], "languages")),
            |b| (manifest_file.pos_of_byte(b), "languages".len()),
        );
        c.push(
            manifest_file,
            at,
            Severity::Error,
            Code::NoLanguages,
            "`languages` is empty".into(),
            Some("list at least one, such as [\"en\"]".into()),
        );
    } else {
        c.languages = m.languages.clone();
    }
    c.languages_ok = !m.languages.is_empty()
        && m.languages.iter().all(|l| !l.trim().is_empty() && chars::find(l, chars::is_hidden).is_none());
    c.manifest_ok = true;
    c.declared_flags = m.flags.clone();
    c.declared_vars = m.vars.clone();
    declared_names(c, manifest_file, m);
    super::branches::values(c, manifest_file, "defaults", &m.defaults);
}

/// Errors for languages, flags and placeholder names declared in
/// `flowset.ron` with control or invisible characters in them.
fn declared_names(c: &mut Checker, file: &SourceFile, m: &RawFlowSet) {
    let lists: [(&str, &str, Vec<&String>); 3] = [
        ("languages", "language code", m.languages.iter().collect()),
        ("flags", "flag", m.flags.keys().collect()),
        ("vars", "placeholder name", m.vars.keys().collect()),
    ];
    for (field, what, names) in lists {
        for name in names {
            hidden_in_id(c, file, listed(file, field, name), name, what);
        }
    }
}

/// Every flow `order` names must exist.
pub(super) fn order(c: &mut Checker, manifest_file: &SourceFile, m: &RawFlowSet, flows: &Flows) {
    for id in &m.order {
        if !flows.ids.contains_key(id.as_str()) && !c.broken.contains(id) {
            c.unknown(
                manifest_file,
                listed(manifest_file, "order", id),
                Severity::Error,
                Code::UnknownFlow,
                format!("`order` names flow `{id}`, which does not exist"),
                Ref { name: id, known: &flows.all, kind: "flows" },
            );
        }
    }
}

/// A flow set needs at least one branch (unless its branch files were
/// refused, which is said already).
pub(super) fn no_branches(c: &mut Checker, sources: &Sources, manifest_file: &SourceFile) {
    if c.manifest_ok
        && sources.branches.is_empty()
        && !sources.unread.iter().any(|u| u.starts_with("branches/"))
    {
        c.push(
            manifest_file,
            (Pos::START, 1),
            Severity::Error,
            Code::NoBranches,
            "the flow set has no branch".into(),
            Some("add `branches/<id>.ron` with the branch's name and its values for the placeholders".into()),
        );
    }
}

/// A warning for each declared flag that no choice's `when` and no flow's
/// `needs` uses: a branch listing it changes nothing a patron sees.
pub(super) fn unused_flags(c: &mut Checker, manifest_file: &SourceFile, m: &RawFlowSet, flows: &Flows) {
    let mut used: HashSet<&str> = HashSet::new();
    for (_, f) in flows.raws {
        used.extend(f.needs.as_deref());
        for node in &f.nodes {
            if let RawNode::Question { choices, .. } = node {
                used.extend(choices.iter().filter_map(|ch| ch.when.as_deref()));
            }
        }
    }
    // A flow that did not parse may use any flag, and a misspelt flag is
    // its own error (the declared one then looks unused).
    if !c.broken.is_empty() || c.diags.iter().any(|d| d.code == Code::UndeclaredFlag) {
        return;
    }
    let unused = m.flags.keys().filter(|f| !used.contains(f.as_str()));
    for flag in unused.filter(|f| chars::find(f, chars::is_hidden).is_none()) {
        c.push(
            manifest_file,
            listed(manifest_file, "flags", flag),
            Severity::Warning,
            Code::UnusedFlag,
            format!("flag `{flag}` is declared, but no choice's `when` and no flow's `needs` uses it"),
            Some("use it (`when` on a choice, `needs` on a flow), or remove it".into()),
        );
    }
}
