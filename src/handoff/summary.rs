//! A decoded code, worded for desk staff as a checklist: first what staff
//! must know before anything else (URGENT, and the facts the patron gave),
//! then every screen they saw in full with their answer, where it ended and
//! why, the staff note, and the policy with how firm it is.

use super::base32::{self, CodeError};
use super::codec::{Contents, Mismatch, Reached, tag_of_value, time_words, unpack};
use super::facts::{Fact, Urgent, facts, urgency, urgent_line};
use crate::flow::model::{Branch, FlowSet, NodeKind};
use crate::flow::raw::Firmness;
use crate::flow::words::Word;
use serde::Serialize;
use std::fmt::Write as _;
use std::sync::Arc;

/// One screen the patron saw.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Line {
    /// The screen's text, in the library's working language.
    pub screen: String,
    /// The answer the patron gave, if it was a question.
    pub answer: Option<String>,
}

/// How the session ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Ending {
    /// The ending node's id, or where the patron stopped.
    pub node: String,
    /// What the patron was told.
    pub told: String,
    /// The staff note.
    pub note: String,
    /// The policy, if any.
    pub policy: Option<(Firmness, String)>,
    /// The READ level the flows suggest for this ending (desk staff may change it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read: Option<u8>,
    /// The library's label for this kind of question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question_type: Option<String>,
}

/// A decoded code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The code, grouped.
    pub code: String,
    /// The flow-set version it was made with.
    pub version: String,
    /// The flow's title, or `None` for help asked from the home screen.
    pub flow: Option<String>,
    /// The branch name.
    pub branch: String,
    /// The patron's language, named in itself.
    pub language: String,
    /// Time spent, coarsely.
    pub time: String,
    /// How the patron came to need staff.
    pub reached: String,
    /// Whether repeats of a loop were left out of the code.
    pub looped: bool,
    /// How soon staff should come: urgent when the ending or an answer the
    /// patron took says so, with those answers.
    pub urgent: Urgent,
    /// The facts the patron gave (answers to questions marked `fact`).
    pub facts: Vec<Fact>,
    /// Every screen, in order.
    pub steps: Vec<Line>,
    /// Where and why it ended.
    pub ending: Ending,
}

/// Why a code could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The characters are not a valid code.
    Code(CodeError),
    /// The code names a flow-set version this machine never saw.
    UnknownVersion(u8),
    /// The code passed its check but does not fit the flows of its version:
    /// most likely several characters are wrong.
    NotAPath,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Code(CodeError::Empty) => write!(f, "type the code from the patron's screen"),
            DecodeError::Code(CodeError::TooShort) => write!(f, "the code is too short; please check it"),
            DecodeError::Code(CodeError::TooLong) => write!(f, "the code is too long; please check it"),
            DecodeError::Code(CodeError::BadChar { ch, at }) => {
                write!(f, "`{ch}` (character {at}) is never used in codes; please check the code")
            }
            DecodeError::Code(CodeError::BadCheck) => {
                write!(f, "a character is wrong, missing or extra, or two are swapped; please check the code")
            }
            DecodeError::UnknownVersion(tag) => write!(
                f,
                "this code was made with a version of the flows this machine has never seen (version tag {tag:02X}); \
                 decode it where it was made, or copy that machine's data/flowsets folder here"
            ),
            DecodeError::NotAPath => {
                write!(
                    f,
                    "the code does not fit these flows; several characters may be wrong, please check it"
                )
            }
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes a typed or scanned code against the flow sets this machine knows
/// (the current one first, then the archive).
pub fn decode(input: &str, sets: &[Arc<FlowSet>]) -> Result<Summary, DecodeError> {
    let value = base32::decode(input).map_err(DecodeError::Code)?;
    let tag = tag_of_value(value);
    let mut seen_tag = false;
    for set in sets {
        match unpack(set, value) {
            Ok(contents) => return Ok(summarize(set, &contents, value)),
            Err(Mismatch::OtherVersion(_)) => {}
            Err(Mismatch::NotAPath) => seen_tag = true,
        }
    }
    Err(if seen_tag { DecodeError::NotAPath } else { DecodeError::UnknownVersion(tag) })
}

/// Words decoded contents in the set's working (first) language.
pub fn summarize(set: &FlowSet, c: &Contents, value: u128) -> Summary {
    let lang = set.default_language().to_string();
    let branch = &set.branches[c.branch.min(set.branches.len() - 1)];
    let steps = steps_seen(set, c, &lang, branch);
    let ending = ending_of(set, c, &lang, branch);
    let patron_lang = set.languages.get(c.lang).map_or("", String::as_str);
    Summary {
        code: base32::group(&base32::encode(value)),
        version: format!("{:016x}", set.fingerprint),
        flow: c.flow.map(|f| set.render(&set.flows[f].title, &lang, branch).plain()),
        branch: branch.name.clone(),
        language: set.words.get(Word::LanguageName, patron_lang, &lang).to_string(),
        time: time_words(c.time),
        reached: match c.reached {
            Reached::FlowEnded => "the flow sent them to staff".into(),
            Reached::Asked => "they asked for staff".into(),
            Reached::Offered => "the kiosk offered staff help and they took it".into(),
        },
        looped: c.looped,
        urgent: urgency(set, &c.path, &lang, branch),
        facts: facts(set, &c.path, &lang, branch),
        steps,
        ending,
    }
}

/// One line per screen the patron saw before the ending (gotos as "went on
/// to"), with the answer they gave.
fn steps_seen(set: &FlowSet, c: &Contents, lang: &str, branch: &Branch) -> Vec<Line> {
    let mut steps = Vec::new();
    for v in &c.path {
        let flow = &set.flows[v.flow];
        let node = &flow.nodes[v.node];
        match &node.kind {
            NodeKind::Goto { flow: to, .. } => steps.push(Line {
                screen: format!("went on to “{}”", set.render(&set.flows[*to].title, lang, branch).plain()),
                answer: None,
            }),
            NodeKind::Question { choices, .. } => steps.push(Line {
                screen: set.node_text(v.flow, v.node, lang, branch).plain(),
                answer: v
                    .choice
                    .and_then(|i| choices.get(i))
                    .map(|ch| set.render(&ch.label, lang, branch).plain()),
            }),
            NodeKind::Step { .. } => {
                steps.push(Line { screen: set.node_text(v.flow, v.node, lang, branch).plain(), answer: None })
            }
            NodeKind::Solved { .. } | NodeKind::Handoff(_) => {}
        }
    }
    steps
}

/// How the visit ended: the flow's ending, or where the patron asked for a
/// person.
fn ending_of(set: &FlowSet, c: &Contents, lang: &str, branch: &Branch) -> Ending {
    let last = c.path.last();
    match last.map(|v| (v, &set.flows[v.flow].nodes[v.node])) {
        Some((v, node)) if c.reached == Reached::FlowEnded => match &node.kind {
            NodeKind::Handoff(h) => Ending {
                node: node.id.clone(),
                told: set.node_text(v.flow, v.node, lang, branch).plain(),
                note: h.note.clone(),
                policy: h.policy.as_ref().map(|p| (p.firmness, p.text.clone())),
                read: h.read,
                question_type: h.question_type.clone(),
            },
            _ => Ending {
                node: node.id.clone(),
                told: set.node_text(v.flow, v.node, lang, branch).plain(),
                note: "The flow ended as solved.".into(),
                policy: None,
                read: None,
                question_type: None,
            },
        },
        Some((_, node)) => Ending {
            node: node.id.clone(),
            told: set.word(Word::AskedStaffReason, lang, branch).plain(),
            note: "The patron stopped at the last screen above and asked for a person. Start from there."
                .into(),
            policy: None,
            read: None,
            question_type: None,
        },
        None => Ending {
            node: String::new(),
            told: set.word(Word::AskedStaffReason, lang, branch).plain(),
            note: "The patron asked for a person from the home screen, before choosing a task.".into(),
            policy: None,
            read: None,
            question_type: None,
        },
    }
}

/// The summary as a checklist for a terminal or the desk window.
pub fn render(s: &Summary) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Code {}: {}", s.code, s.flow.as_deref().unwrap_or("no task chosen"));
    let _ = writeln!(out, "  {} · {} · {} · {}", s.branch, s.language, s.time, s.reached);
    if let Some(line) = urgent_line(&s.urgent) {
        let _ = writeln!(out, "\n{line}");
    }
    if !s.facts.is_empty() {
        let _ = writeln!(out);
        for f in &s.facts {
            let _ = writeln!(out, "{}: {}", f.name, f.answer);
        }
    }
    if !s.steps.is_empty() {
        let _ = writeln!(out, "\nWhat they already did:");
        for (i, l) in s.steps.iter().enumerate() {
            match &l.answer {
                Some(a) => {
                    let _ = writeln!(out, "  {:>2}. {}\n      → {a}", i + 1, l.screen);
                }
                None => {
                    let _ = writeln!(out, "  {:>2}. {}", i + 1, l.screen);
                }
            }
        }
        if s.looped {
            let _ = writeln!(out, "  (they went round a loop; the repeats are left out)");
        }
    }
    let _ = writeln!(out, "\nWhere it ended: {}", s.ending.told);
    let _ = writeln!(out, "Staff note: {}", s.ending.note);
    if let Some((firmness, text)) = &s.ending.policy {
        let _ = writeln!(out, "Policy ({}, {}): {text}", firmness.name().to_uppercase(), firmness.meaning());
    }
    if let Some(line) = statistics_line(s.ending.read, s.ending.question_type.as_deref()) {
        let _ = writeln!(out, "{line}");
    }
    out
}

/// "For the statistics: Printing, READ 2", when the flows label the ending.
pub fn statistics_line(read: Option<u8>, question_type: Option<&str>) -> Option<String> {
    let parts: Vec<String> =
        question_type.map(str::to_string).into_iter().chain(read.map(|r| format!("READ {r}"))).collect();
    (!parts.is_empty()).then(|| format!("For the statistics: {}", parts.join(", ")))
}
