//! Scenario transcripts: a patron's choices (by label, or by number as on
//! screen, so a price in a label does not tie a test to one branch) and the
//! ending they must reach, replayed through the same session the kiosk uses;
//! optionally the facts and urgency the handoff code carries to the desk; or
//! that a flow is hidden at a branch.
//!
//! IT staff keep them in `flows/tests/*.ron`, so an edit that breaks a path
//! patrons rely on is caught by `kiosk-triage test` before it reaches a kiosk.

use crate::flow::check::parse_ron;
use crate::flow::diag::Diagnostic;
use crate::flow::model::{FlowSet, NodeKind};
use crate::flow::raw::Urgency;
use crate::flow::source::{Pos, SourceFile};
use crate::handoff::code_for_session;
use crate::handoff::summary::decode;
use crate::session::{Body, Session};
use serde::Deserialize;
use std::sync::Arc;
use std::time::Duration;

/// One transcript.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Scenario")]
pub struct Scenario {
    /// What it shows, for the report.
    pub name: String,
    /// The flow to start.
    pub flow: String,
    /// The branch.
    pub branch: String,
    /// The language the labels are in.
    pub lang: String,
    /// One per question: a button label exactly as shown, or its number
    /// on screen (1 for the first choice shown at the branch); steps pass by
    /// themselves.
    #[serde(default)]
    pub choices: Vec<Pick>,
    /// The id of the node it must end at (`asked_staff` when the last thing
    /// the patron does is ask for staff; see `ask_staff`). Required unless
    /// `hidden`.
    #[serde(default)]
    pub ending: String,
    /// Whether the patron presses "Get help from staff" after the choices.
    #[serde(default)]
    pub ask_staff: bool,
    /// The flow must be hidden at the branch (no tile, no way in); nothing
    /// else is replayed.
    #[serde(default)]
    pub hidden: bool,
    /// The facts the desk reads from the visit's handoff code, all of them
    /// and in order, each as the desk shows it: "Email provider: Gmail" (the
    /// flows' working language, whatever `lang` is). `[]`: none. Not checked
    /// when left out.
    #[serde(default)]
    pub facts: Option<Vec<String>>,
    /// Whether the desk reads the visit as urgent (an urgent answer taken or
    /// an urgent handoff). Not checked when left out.
    #[serde(default)]
    pub urgent: Option<bool>,
}

/// One answer in a transcript.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum Pick {
    /// The button's number on screen, from 1.
    Number(usize),
    /// The button's label, exactly as shown.
    Label(String),
}

impl std::fmt::Display for Pick {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Pick::Number(n) => write!(f, "number {n}"),
            Pick::Label(l) => write!(f, "`{l}`"),
        }
    }
}

/// A scenario file, parsed.
pub struct ScenarioFile {
    /// The source, for locating problems.
    pub source: SourceFile,
    /// Its scenarios, or why it could not be read.
    pub scenarios: Result<Vec<Scenario>, Box<Diagnostic>>,
}

impl ScenarioFile {
    /// Parses a file (no IO).
    pub fn parse(source: SourceFile) -> Self {
        let scenarios = parse_ron::<Vec<Scenario>>(&source);
        ScenarioFile { source, scenarios }
    }

    /// Where scenario `index` starts, for reports.
    pub fn position(&self, index: usize) -> Pos {
        self.source
            .find(|l| l.key.as_deref() == Some("name") && l.path.first().is_some_and(|(_, i)| *i == index))
            .map_or(Pos::START, |l| l.pos)
    }
}

/// Replays one scenario. `Err` says what differed, in words for IT staff.
pub fn replay(set: &Arc<FlowSet>, sc: &Scenario) -> Result<(), String> {
    if sc.hidden {
        return hidden(set, sc);
    }
    if sc.ending.is_empty() {
        return Err("the scenario has no `ending` (or `hidden: true`)".into());
    }
    let mut t = Duration::ZERO;
    let mut tick = || {
        t += Duration::from_secs(5);
        t
    };
    let mut s =
        Session::start(set.clone(), &sc.branch, &sc.lang, &sc.flow, tick()).map_err(|e| e.to_string())?;
    if s.language() != sc.lang {
        return Err(format!("the flows have no language `{}`", sc.lang));
    }
    for (i, pick) in sc.choices.iter().enumerate() {
        pass_steps(&mut s, &mut tick)?;
        take(set, &mut s, i, pick, tick())?;
    }
    pass_steps(&mut s, &mut tick)?;
    if sc.ask_staff {
        let at = here(set, &s);
        s.ask_staff(tick());
        if sc.ending != "asked_staff" {
            return Err(format!(
                "the patron asked for staff, so the ending is `asked_staff`, not `{}`",
                sc.ending
            ));
        }
        return desk_reads_as_expected(set, &s, sc, &format!("asked for staff at {at}"), tick());
    }
    ended_as_expected(set, &s, sc)?;
    desk_reads_as_expected(set, &s, sc, &format!("ended at {}", here(set, &s)), tick())
}

/// The facts and urgency the desk reads from the visit's code (encoded and
/// decoded, as staff would), against the scenario's `facts` and `urgent`.
/// `at` says where the visit ended, for messages.
fn desk_reads_as_expected(
    set: &Arc<FlowSet>,
    s: &Session,
    sc: &Scenario,
    at: &str,
    now: Duration,
) -> Result<(), String> {
    if sc.facts.is_none() && sc.urgent.is_none() {
        return Ok(());
    }
    let summary = code_for_session(s, false, now)
        .ok_or_else(|| format!("{at}, but the visit gives no handoff code to read the facts from"))
        .and_then(|code| {
            decode(&code, std::slice::from_ref(set))
                .map_err(|e| format!("{at}, but its code does not decode: {e}"))
        })?;
    if let Some(want) = &sc.facts {
        let got: Vec<String> = summary.facts.iter().map(|f| format!("{}: {}", f.name, f.answer)).collect();
        if &got != want {
            let list = |l: &[String]| match l.is_empty() {
                true => "no facts".to_string(),
                false => l.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", "),
            };
            return Err(format!("{at}; the handoff carries {}, expected {}", list(&got), list(want)));
        }
    }
    if let Some(want) = sc.urgent {
        let got = summary.urgent.urgency == Urgency::Urgent;
        if got != want {
            let why = match summary.urgent.because.is_empty() {
                true if got => " (the ending is urgent)".to_string(),
                true => String::new(),
                false => format!(
                    " (they answered {})",
                    summary.urgent.because.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ")
                ),
            };
            let is = |u: bool| if u { "urgent" } else { "not urgent" };
            return Err(format!("{at}; the handoff is {}{why}, expected {}", is(got), is(want)));
        }
    }
    Ok(())
}

/// Steps pass by themselves.
fn pass_steps(s: &mut Session, tick: &mut impl FnMut() -> Duration) -> Result<(), String> {
    while matches!(s.screen().body, Body::Step { .. }) {
        s.next(tick()).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Where the session is, for messages: "`node` in `flow`".
fn here(set: &FlowSet, s: &Session) -> String {
    let v = s.trail().last();
    v.and_then(|v| set.flows.get(v.flow).map(|f| format!("`{}` in `{}`", f.nodes[v.node].id, f.id)))
        .unwrap_or_default()
}

/// Takes the scenario's choice number `i` (0-based) on the question shown.
fn take(set: &FlowSet, s: &mut Session, i: usize, pick: &Pick, now: Duration) -> Result<(), String> {
    let Body::Question { choices, .. } = s.screen().body else {
        return Err(format!("the flow ended at {} before choice {} {pick}", here(set, s), i + 1));
    };
    let shown: Vec<String> = choices.iter().map(|c| c.plain()).collect();
    let found = match pick {
        Pick::Label(label) => shown.iter().position(|c| c == label),
        Pick::Number(n) => n.checked_sub(1).filter(|n| *n < shown.len()),
    };
    let Some(n) = found else {
        return Err(format!(
            "choice {} {pick} is not on screen at {}; the choices are: {}",
            i + 1,
            here(set, s),
            shown.iter().enumerate().map(|(k, c)| format!("{}. `{c}`", k + 1)).collect::<Vec<_>>().join(", ")
        ));
    };
    s.choose(n + 1, now).map_err(|e| e.to_string())
}

/// The choices ran out: the session must be at the scenario's ending.
fn ended_as_expected(set: &FlowSet, s: &Session, sc: &Scenario) -> Result<(), String> {
    let Some(v) = s.trail().last() else { return Err("the session is empty".into()) };
    let node = &set.flows[v.flow].nodes[v.node];
    if !node.kind.is_ending() {
        let what = match &node.kind {
            NodeKind::Question { .. } => "a question",
            _ => "a step",
        };
        return Err(format!(
            "the choices ran out at {}, {what}; expected the ending `{}`",
            here(set, s),
            sc.ending
        ));
    }
    if node.id != sc.ending {
        return Err(format!("ended at {}, expected `{}`", here(set, s), sc.ending));
    }
    Ok(())
}

/// A scenario with `hidden: true`: the flow exists and the branch hides it.
fn hidden(set: &FlowSet, sc: &Scenario) -> Result<(), String> {
    let Some(branch) = set.branch(&sc.branch) else {
        return Err(format!("there is no branch `{}`", sc.branch));
    };
    let Some(flow) = set.flow_index(&sc.flow) else { return Err(format!("there is no flow `{}`", sc.flow)) };
    if branch.hidden.contains(&flow) {
        Ok(())
    } else {
        Err(format!("flow `{}` is shown at branch `{}`; expected it hidden", sc.flow, sc.branch))
    }
}
