//! The patron's walk through a flow, as a state machine.
//!
//! The kiosk and `walk` both drive a [`Session`]: they show [`Session::screen`]
//! and forward what the patron did. Time is passed in as a [`Duration`] since
//! any fixed point (the kiosk uses its start), never read from a clock, so
//! tests can move time by hand. No method panics on any input: a choice that
//! does not exist is an error value, not a crash. What a screen shows is
//! built in `screen.rs`.

use crate::flow::model::{FlowIdx, FlowSet, NodeIdx, NodeKind};
use std::sync::Arc;
use std::time::Duration;

mod screen;
pub use screen::{Body, Screen};

/// How many gotos in a row a session follows before giving up (check refuses
/// goto loops; this bounds them anyway).
const MAX_GOTOS: usize = 16;

/// One screen the patron saw, and what they did there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visit {
    /// The flow.
    pub flow: FlowIdx,
    /// The node shown.
    pub node: NodeIdx,
    /// The choice taken, as an index into the node's full list of choices
    /// (not the visible list, which depends on the branch). `None` for a step.
    pub choice: Option<usize>,
}

/// How a session ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Reached a solved ending.
    Solved,
    /// Reached a handoff ending in the flow.
    Handoff,
    /// The patron pressed "Get help from staff" before reaching an ending.
    AskedStaff,
}

/// Why an action was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SessionError {
    /// No flow with that id, or hidden at this branch.
    NoSuchFlow(String),
    /// No branch with that id.
    NoSuchBranch(String),
    /// The number is not one of the visible choices.
    NoSuchChoice {
        /// What was asked for (1-based).
        asked: usize,
        /// How many there are.
        count: usize,
    },
    /// The action does not fit this screen (Next on a question, ...).
    NotHere,
    /// The session has ended.
    Ended,
}

impl std::fmt::Display for SessionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SessionError::NoSuchFlow(id) => write!(f, "there is no flow `{id}` at this branch"),
            SessionError::NoSuchBranch(id) => write!(f, "there is no branch `{id}`"),
            SessionError::NoSuchChoice { asked, count } => {
                write!(f, "choice {asked} does not exist; choose 1 to {count}")
            }
            SessionError::NotHere => write!(f, "that does not apply to this screen"),
            SessionError::Ended => write!(f, "the session has ended"),
        }
    }
}

impl std::error::Error for SessionError {}

/// One patron's walk through the flows.
#[derive(Clone, Debug)]
pub struct Session {
    set: Arc<FlowSet>,
    branch: usize,
    lang: String,
    /// The screens shown, oldest first; the last is the current one.
    trail: Vec<Visit>,
    outcome: Option<Outcome>,
    started: Duration,
    last_input: Duration,
    ended_at: Option<Duration>,
    /// Screens shown (gotos not counted), Back included, for statistics.
    screens_seen: u32,
    /// Times Back went back a screen or took a staff request back.
    back_steps: u32,
}

impl Session {
    /// A session with nothing shown yet, at a branch and in a language
    /// (the set's first language if `lang` is not one of its languages).
    fn empty(set: Arc<FlowSet>, branch: &str, lang: &str, now: Duration) -> Result<Self, SessionError> {
        let b = set
            .branches
            .iter()
            .position(|b| b.id == branch)
            .ok_or_else(|| SessionError::NoSuchBranch(branch.into()))?;
        let lang =
            if set.languages.iter().any(|l| l == lang) { lang } else { set.default_language() }.to_string();
        Ok(Session {
            set,
            branch: b,
            lang,
            trail: Vec::new(),
            outcome: None,
            started: now,
            last_input: now,
            ended_at: None,
            screens_seen: 0,
            back_steps: 0,
        })
    }

    /// Starts flow `flow` at branch `branch` in `lang` (falling back to the
    /// set's first language if `lang` is not one of its languages).
    pub fn start(
        set: Arc<FlowSet>,
        branch: &str,
        lang: &str,
        flow: &str,
        now: Duration,
    ) -> Result<Self, SessionError> {
        let mut s = Self::empty(set, branch, lang, now)?;
        let f = s
            .set
            .flow_index(flow)
            .filter(|f| !s.set.branches[s.branch].hidden.contains(f))
            .ok_or_else(|| SessionError::NoSuchFlow(flow.into()))?;
        let start = s.set.start_at(f, &s.set.branches[s.branch]);
        s.enter(f, start, now);
        Ok(s)
    }

    /// A patron who wants a person before choosing any flow ("Something
    /// else?" or "Get help from staff" on the home screen).
    pub fn staff_only(
        set: Arc<FlowSet>,
        branch: &str,
        lang: &str,
        now: Duration,
    ) -> Result<Self, SessionError> {
        let mut s = Self::empty(set, branch, lang, now)?;
        s.outcome = Some(Outcome::AskedStaff);
        s.ended_at = Some(now);
        Ok(s)
    }

    /// The flow set this session walks.
    pub fn flow_set(&self) -> &Arc<FlowSet> {
        &self.set
    }

    /// The branch id.
    pub fn branch_id(&self) -> &str {
        &self.set.branches[self.branch].id
    }

    /// The language in use.
    pub fn language(&self) -> &str {
        &self.lang
    }

    /// Switches language and keeps the patron's place.
    pub fn set_language(&mut self, lang: &str) {
        if self.set.languages.iter().any(|l| l == lang) {
            self.lang = lang.to_string();
        }
    }

    /// Every screen shown so far, the current one last.
    pub fn trail(&self) -> &[Visit] {
        &self.trail
    }

    /// How the session ended, if it has.
    pub fn outcome(&self) -> Option<&Outcome> {
        self.outcome.as_ref()
    }

    /// Time from start to the end (or to `now` while it runs).
    pub fn elapsed(&self, now: Duration) -> Duration {
        self.ended_at.unwrap_or(now).saturating_sub(self.started)
    }

    /// How many screens the patron has been shown, counting a screen shown
    /// again after Back or Start over each time (gotos are not screens).
    pub fn screens_seen(&self) -> u32 {
        self.screens_seen
    }

    /// How many times Back went back (a screen, or a request for staff).
    pub fn back_steps(&self) -> u32 {
        self.back_steps
    }

    /// When the patron last did something.
    pub fn last_input(&self) -> Duration {
        self.last_input
    }

    /// Whether the kiosk should offer staff help by now: after `after` in
    /// one session that has not ended.
    pub fn should_offer_help(&self, now: Duration, after: Duration) -> bool {
        self.outcome.is_none() && self.elapsed(now) >= after
    }

    fn current(&self) -> Option<&Visit> {
        self.trail.last()
    }

    /// Enters a node, following gotos, and ends the session at an ending.
    fn enter(&mut self, mut flow: FlowIdx, mut node: NodeIdx, now: Duration) {
        for _ in 0..MAX_GOTOS {
            let kind = self.set.flows.get(flow).and_then(|f| f.nodes.get(node)).map(|n| &n.kind);
            match kind {
                Some(NodeKind::Goto { flow: next, node: landing }) => {
                    self.trail.push(Visit { flow, node, choice: None });
                    flow = *next;
                    node = *landing;
                }
                Some(k) => {
                    let ending = match k {
                        NodeKind::Solved { .. } => Some(Outcome::Solved),
                        NodeKind::Handoff(_) => Some(Outcome::Handoff),
                        _ => None,
                    };
                    self.trail.push(Visit { flow, node, choice: None });
                    self.screens_seen = self.screens_seen.saturating_add(1);
                    if ending.is_some() {
                        self.outcome = ending;
                        self.ended_at = Some(now);
                    }
                    return;
                }
                None => break,
            }
        }
        // A goto chain with no end (check refuses these): hand off rather
        // than loop.
        self.outcome = Some(Outcome::AskedStaff);
        self.ended_at = Some(now);
    }

    /// The visible choices of the current question: their indexes into the
    /// node's full list.
    fn visible_choices(&self) -> Vec<usize> {
        let Some(v) = self.current() else {
            return Vec::new();
        };
        let branch = &self.set.branches[self.branch];
        match self.set.flows.get(v.flow).and_then(|f| f.nodes.get(v.node)).map(|n| &n.kind) {
            Some(NodeKind::Question { choices, .. }) => branch.visible_choices(choices),
            _ => Vec::new(),
        }
    }

    /// The current screen and its node, if the session can still act.
    fn acting(&self) -> Result<(Visit, &NodeKind), SessionError> {
        if self.outcome.is_some() {
            return Err(SessionError::Ended);
        }
        let v = self.current().cloned().ok_or(SessionError::Ended)?;
        let kind = self.set.flows.get(v.flow).and_then(|f| f.nodes.get(v.node)).map(|n| &n.kind);
        kind.map(|k| (v, k)).ok_or(SessionError::Ended)
    }

    /// Takes visible choice `number` (1-based, as on screen and keys 1-9).
    pub fn choose(&mut self, number: usize, now: Duration) -> Result<(), SessionError> {
        let (v, kind) = self.acting()?;
        let NodeKind::Question { choices, .. } = kind else { return Err(SessionError::NotHere) };
        let visible = self.visible_choices();
        let Some(&raw) = number.checked_sub(1).and_then(|i| visible.get(i)) else {
            return Err(SessionError::NoSuchChoice { asked: number, count: visible.len() });
        };
        let branch = &self.set.branches[self.branch];
        let to = branch.lead(&choices[raw]).unwrap_or(choices[raw].to);
        if let Some(last) = self.trail.last_mut() {
            last.choice = Some(raw);
        }
        self.last_input = now;
        self.enter(v.flow, to, now);
        Ok(())
    }

    /// Next, on a step.
    pub fn next(&mut self, now: Duration) -> Result<(), SessionError> {
        let (v, kind) = self.acting()?;
        let NodeKind::Step { next, .. } = kind else { return Err(SessionError::NotHere) };
        let next = *next;
        self.last_input = now;
        self.enter(v.flow, next, now);
        Ok(())
    }

    /// Goes back one screen (over any gotos). Returns false at the first
    /// screen, where the kiosk goes home. Works on an ending too, so a
    /// patron who tapped the wrong answer can undo it.
    pub fn back(&mut self, now: Duration) -> bool {
        self.last_input = now;
        // "Get help from staff" added no screen: Back takes the request back
        // and shows the screen where it was made.
        if self.outcome == Some(Outcome::AskedStaff) {
            if self.trail.is_empty() {
                return false;
            }
            self.outcome = None;
            self.ended_at = None;
            self.back_steps = self.back_steps.saturating_add(1);
            return true;
        }
        // The screen before the current one, over any gotos; none (only
        // gotos before it, as in a flow that starts with one) means home.
        let Some(to) = self
            .trail
            .len()
            .checked_sub(1)
            .and_then(|cur| (0..cur).rev().find(|&i| !self.is_goto(self.trail.get(i))))
        else {
            return false;
        };
        self.trail.truncate(to + 1);
        if let Some(last) = self.trail.last_mut() {
            last.choice = None;
        }
        self.outcome = None;
        self.ended_at = None;
        self.back_steps = self.back_steps.saturating_add(1);
        // The screen Back shows is seen again.
        self.screens_seen = self.screens_seen.saturating_add(1);
        true
    }

    fn is_goto(&self, v: Option<&Visit>) -> bool {
        v.and_then(|v| self.set.flows.get(v.flow)?.nodes.get(v.node))
            .is_some_and(|n| matches!(n.kind, NodeKind::Goto { .. }))
    }

    /// Back to the first screen of the flow the patron started in.
    pub fn start_over(&mut self, now: Duration) {
        let first = self.trail.first().map(|v| v.flow).unwrap_or(0);
        let start = self.set.branches.get(self.branch).map_or(0, |b| self.set.start_at(first, b));
        self.trail.clear();
        self.outcome = None;
        self.ended_at = None;
        self.last_input = now;
        self.enter(first, start, now);
    }

    /// The patron asked for a person: ends the session with a handoff from
    /// wherever they are. Does nothing if the session already ended.
    pub fn ask_staff(&mut self, now: Duration) {
        if self.outcome.is_none() {
            self.outcome = Some(Outcome::AskedStaff);
            self.ended_at = Some(now);
            self.last_input = now;
        }
    }

    /// Records input that does not change the flow (a language switch, the
    /// idle prompt's "I'm still here").
    pub fn touch(&mut self, now: Duration) {
        self.last_input = now;
    }
}
