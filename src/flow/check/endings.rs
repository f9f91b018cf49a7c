//! The words flows hold for staff rather than patrons: a handoff's note and
//! policy (said, nothing invisible in them), its labels for the desk
//! statistics, and a question's fact name.

use super::Checker;
use super::locate::{At, locate};
use super::text::hidden_in_text;
use crate::flow::diag::{Code, Severity};
use crate::flow::source::SourceFile;

/// A handoff's labels for the desk statistics: a READ level from 1 to 6, a
/// question type that is short, visible and not empty.
pub(super) fn statistics_labels(
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

/// A handoff's staff note and policy: said, and nothing invisible in them.
pub(super) fn handoff(
    c: &mut Checker,
    file: &SourceFile,
    k: usize,
    id: &str,
    note: &str,
    policy: Option<&str>,
) {
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

/// The longest fact name: it heads a line of the desk summary.
const MAX_FACT: usize = 40;

/// A question's `fact`: a short, visible name staff read before the answer.
pub(super) fn fact(c: &mut Checker, file: &SourceFile, k: usize, id: &str, fact: &str) {
    let within = [("nodes", k)];
    let at = At::value(&within, "fact");
    hidden_in_text(c, file, at, fact, &format!("the fact of `{id}`"));
    if fact.trim().is_empty() || fact.chars().count() > MAX_FACT {
        c.push(
            file,
            locate(file, at),
            Severity::Error,
            Code::BadFact,
            format!("the fact of `{id}` must be 1 to {MAX_FACT} characters"),
            Some("name what the answer tells staff, e.g. \"Email provider\"".into()),
        );
    }
}
