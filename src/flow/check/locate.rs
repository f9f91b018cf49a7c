//! Where a problem is: turning "choice 3 of node 5, field `to`" into a
//! `file:line:column` after parsing, falling back to coarser places rather
//! than failing.

use crate::flow::raw::RawNode;
use crate::flow::source::{Literal, Pos, SourceFile};

/// A place in a file: which list elements to look inside, which field, which
/// map key.
#[derive(Clone, Copy)]
pub(super) struct At<'a> {
    pub(super) within: &'a [(&'static str, usize)],
    pub(super) field: Option<&'a str>,
    pub(super) key: Option<&'a str>,
}

impl<'a> At<'a> {
    /// The value of `name: "..."` inside `within` (the field and its key).
    pub(super) fn value(within: &'a [(&'static str, usize)], name: &'a str) -> Self {
        At { within, field: Some(name), key: Some(name) }
    }

    /// Anything in field `name` inside `within`.
    pub(super) fn field(within: &'a [(&'static str, usize)], name: &'a str) -> Self {
        At { within, field: Some(name), key: None }
    }
}

/// Finds where something is, falling back to coarser places rather than
/// failing: the exact literal, else anything in the field, else anything in
/// the element, else the start of the file.
pub(super) fn locate(file: &SourceFile, at: At) -> (Pos, usize) {
    let in_scope = |l: &&Literal| {
        if at.within.is_empty() {
            !l.under("nodes") && !l.under("overrides")
        } else {
            at.within.iter().all(|(k, i)| l.inside(k, *i))
        }
    };
    let exact = file.find(|l| {
        in_scope(l)
            && at.field.is_none_or(|f| l.under(f) || l.key.as_deref() == Some(f))
            && at.key.is_none_or(|k| l.key.as_deref() == Some(k))
    });
    let found = exact
        .or_else(|| {
            at.field.and_then(|f| file.find(|l| in_scope(l) && (l.under(f) || l.key.as_deref() == Some(f))))
        })
        .or_else(|| file.find(|l| in_scope(l) && l.key.as_deref() == Some("id")))
        .or_else(|| file.find(in_scope));
    found.map_or((Pos::START, 1), |l| (l.pos, l.width))
}

/// Where `value` is listed in field `field` (`flags: ["a", "b"]`), else the
/// start of the file.
pub(super) fn listed(file: &SourceFile, field: &str, value: &str) -> (Pos, usize) {
    found(file.find(|l| l.under(field) && l.value == value))
}

/// Where the literal holding the name of `key` in field `field` is
/// (`vars: {"printer": ...}`), else the start of the file.
pub(super) fn keyed(file: &SourceFile, field: &str, key: &str) -> (Pos, usize) {
    found(file.find(|l| l.under(field) && l.key.as_deref() == Some(key)))
}

/// A literal's place, or the start of the file.
pub(super) fn found(literal: Option<&Literal>) -> (Pos, usize) {
    literal.map_or((Pos::START, 1), |l| (l.pos, l.width))
}

/// Where a text (or a character offset inside it) is. The offset is exact
/// when the literal has no escapes; otherwise the literal's start.
pub(super) fn text_pos(file: &SourceFile, at: At, value: &str, offset: Option<usize>) -> Pos {
    let (pos, _) = locate(file, at);
    let Some(offset) = offset else { return pos };
    let exact = file
        .find(|l| l.pos == pos && l.value == value)
        .is_some_and(|l| l.width == l.value.chars().count() + 2 && l.pos.line == pos.line);
    if exact { Pos { line: pos.line, col: pos.col + 1 + offset } } else { pos }
}

/// Where the placeholder `{name}` is in `value`, underlined whole.
pub(super) fn token_place(file: &SourceFile, at: At, value: &str, name: &str) -> (Pos, usize) {
    let token = format!("{{{name}}}");
    let offset = value.find(&token).map(|b| value[..b].chars().count());
    (text_pos(file, at, value, offset), token.chars().count())
}

/// The top-level `id` of a file that did not parse, if it can be read.
pub(super) fn top_level_id(file: &SourceFile) -> Option<String> {
    file.find(|l| l.key.as_deref() == Some("id") && l.path.len() == 1).map(|l| l.value.clone())
}

/// A file's name without its folder and `.ron`.
pub(super) fn file_stem(name: &str) -> Option<String> {
    std::path::Path::new(name).file_stem().and_then(|s| s.to_str()).map(str::to_string)
}

/// The language a words file is for: its name without `.ron`.
pub(super) fn lang_of(file: &SourceFile) -> String {
    file_stem(&file.name).unwrap_or_default()
}

/// A node's id, whatever its kind.
pub(super) fn node_id(n: &RawNode) -> &str {
    match n {
        RawNode::Step { id, .. }
        | RawNode::Question { id, .. }
        | RawNode::Solved { id, .. }
        | RawNode::Handoff { id, .. }
        | RawNode::Goto { id, .. } => id,
    }
}
