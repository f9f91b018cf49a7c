//! What fits on a kiosk screen: how many choices, how many characters of
//! text, labels and titles. (What is read at all, file sizes and counts, is
//! `flow::limits`.)

use super::Checker;
use super::locate::{At, locate};
use crate::flow::diag::{Code, Severity};
use crate::flow::source::SourceFile;

/// At most this many choices fit on one screen.
pub const MAX_CHOICES: usize = 6;
/// Characters of patron text that fit on one screen at the kiosk's text size.
pub const MAX_TEXT: usize = 400;
/// Characters that fit on one choice button.
pub const MAX_LABEL: usize = 60;
/// Characters that fit on a home tile title.
pub const MAX_TITLE: usize = 40;

/// A warning when `value` (in `lang`) has more than `limit` characters.
/// `what` ends in a verb: "the title is".
pub(super) fn too_long(
    c: &mut Checker,
    file: &SourceFile,
    at: At,
    value: &str,
    what: &str,
    lang: &str,
    limit: usize,
) {
    let count = value.chars().count();
    if count > limit {
        c.push(
            file,
            locate(file, at),
            Severity::Warning,
            Code::TooLong,
            format!("{what} {count} characters in `{lang}`; at most {limit} fit"),
            Some("split it into two steps, one action each".into()),
        );
    }
}

/// An error when question `id` (node `k`) has more choices than fit.
pub(super) fn too_many_choices(c: &mut Checker, file: &SourceFile, k: usize, id: &str, choices: usize) {
    if choices > MAX_CHOICES {
        let place = locate(file, At::field(&[("nodes", k), ("choices", MAX_CHOICES)], "label"));
        c.push(
            file,
            place,
            Severity::Error,
            Code::TooManyChoices,
            format!("question `{id}` has {choices} choices; at most {MAX_CHOICES} fit on a screen"),
            Some("group some choices behind a follow-up question".into()),
        );
    }
}
