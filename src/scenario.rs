//! Scenario transcripts: a patron's choices by label and the ending they must
//! reach, replayed through the same session the kiosk uses.
//!
//! IT staff keep them in `flows/tests/*.ron`, so an edit that breaks a path
//! patrons rely on is caught by `kiosk-triage test` before it reaches a kiosk.

use crate::flow::check::parse_ron;
use crate::flow::diag::Diagnostic;
use crate::flow::model::{FlowSet, NodeKind};
use crate::flow::source::{Pos, SourceFile};
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
    /// Button labels exactly as shown, one per question; steps pass by
    /// themselves.
    pub choices: Vec<String>,
    /// The id of the node it must end at (`asked_staff` when the last thing
    /// the patron does is ask for staff; see `ask_staff`).
    pub ending: String,
    /// Whether the patron presses "Get help from staff" after the choices.
    #[serde(default)]
    pub ask_staff: bool,
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
    let here = |s: &Session| {
        let v = s.trail().last();
        v.and_then(|v| set.flows.get(v.flow).map(|f| format!("`{}` in `{}`", f.nodes[v.node].id, f.id)))
            .unwrap_or_default()
    };
    for (i, label) in sc.choices.iter().enumerate() {
        // Steps pass by themselves.
        while matches!(s.screen().body, Body::Step { .. }) {
            s.next(tick()).map_err(|e| e.to_string())?;
        }
        match s.screen().body {
            Body::Question { choices, .. } => {
                let shown: Vec<String> = choices.iter().map(|c| c.plain()).collect();
                let Some(n) = shown.iter().position(|c| c == label) else {
                    return Err(format!(
                        "choice {} `{label}` is not on screen at {}; the choices are: {}",
                        i + 1,
                        here(&s),
                        shown.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")
                    ));
                };
                s.choose(n + 1, tick()).map_err(|e| e.to_string())?;
            }
            _ => {
                return Err(format!("the flow ended at {} before choice {} `{label}`", here(&s), i + 1));
            }
        }
    }
    while matches!(s.screen().body, Body::Step { .. }) {
        s.next(tick()).map_err(|e| e.to_string())?;
    }
    if sc.ask_staff {
        s.ask_staff(tick());
        return if sc.ending == "asked_staff" {
            Ok(())
        } else {
            Err(format!("the patron asked for staff, so the ending is `asked_staff`, not `{}`", sc.ending))
        };
    }
    let Some(v) = s.trail().last() else { return Err("the session is empty".into()) };
    let node = &set.flows[v.flow].nodes[v.node];
    if !node.kind.is_ending() {
        let what = match &node.kind {
            NodeKind::Question { .. } => "a question",
            _ => "a step",
        };
        return Err(format!(
            "the choices ran out at {}, {what}; expected the ending `{}`",
            here(&s),
            sc.ending
        ));
    }
    if node.id != sc.ending {
        return Err(format!("ended at {}, expected `{}`", here(&s), sc.ending));
    }
    Ok(())
}
