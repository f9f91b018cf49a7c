//! `flowset.ron`: that it is there, its languages (none the kiosk cannot
//! show), the names it declares, its home `order`, and that the set has at
//! least one branch.

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
    for lang in m.languages.iter().filter(|l| right_to_left(l)) {
        c.push(
            manifest_file,
            listed(manifest_file, "languages", lang),
            Severity::Error,
            Code::RightToLeft,
            format!("`{lang}` is written right to left, which the kiosk cannot show yet"),
            Some(
                "egui, which draws the kiosk, has no bidirectional text yet (egui issue #1016): words and \
                 numbers in Latin letters would come out reversed and lines would read in the wrong order; \
                 remove it from `languages` until the kiosk supports it"
                    .into(),
            ),
        );
    }
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

/// Whether a language code names a language written right to left, which
/// the kiosk cannot show yet (egui has no bidirectional text: egui issue
/// #1016). A script subtag decides when there is one (`pa-Arab` is, `ku-Latn`
/// is not); otherwise the language itself does. Texts are not reported as
/// missing in such a language: its own error says it all.
pub(super) fn right_to_left(code: &str) -> bool {
    const RTL_LANGUAGES: &[&str] =
        &["ar", "arc", "ckb", "dv", "fa", "he", "iw", "ji", "ks", "ps", "prs", "sd", "syr", "ug", "ur", "yi"];
    const RTL_SCRIPTS: &[&str] = &["arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg", "mand", "samr"];
    let lower = code.trim().to_ascii_lowercase();
    let mut parts = lower.split(['-', '_']);
    let primary = parts.next().unwrap_or_default();
    let script = parts.find(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic()));
    match script {
        Some(s) => RTL_SCRIPTS.contains(&s),
        None => RTL_LANGUAGES.contains(&primary),
    }
}

#[cfg(test)]
mod tests {
    use super::right_to_left;

    #[test]
    fn right_to_left_codes_are_known_by_language_or_script() {
        for code in ["ar", "fa", "he", "ur", "AR", "ar-EG", "fa_IR", "pa-Arab", "yi"] {
            assert!(right_to_left(code), "{code}");
        }
        for code in ["en", "es", "zh", "vi", "ru", "pa", "pa-Guru", "ku-Latn", "ar-Latn", "hmn", "tl"] {
            assert!(!right_to_left(code), "{code}");
        }
    }
}
