//! A tour of the kinds of screen a flow set shows: the first step with a
//! picture, the question with the most choices, a solved ending and the
//! handoff with the longest reason, each with the route that reaches it.
//!
//! The `preview` command draws these screens so IT staff see long text and
//! truncation before patrons do, and the layout tests check them at every
//! size; both need the same hardest screens, found the same way.

use crate::flow::model::FlowSet;
use crate::session::{Body, Session};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

/// How a patron reaches a screen: a flow, then answers in order (a choice
/// number, or 0 for Next on a step).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// The flow's id.
    pub flow: String,
    /// Choice numbers (1-based), 0 for Next.
    pub steps: Vec<usize>,
}

/// The hardest screen of each kind, if the set has one.
#[derive(Clone, Debug, Default)]
pub struct Tour {
    /// The first step with a picture.
    pub picture: Option<Route>,
    /// The question with the most choices (the first, on a tie).
    pub most_choices: Option<Route>,
    /// The first solved ending.
    pub solved: Option<Route>,
    /// The handoff with the longest reason.
    pub handoff: Option<Route>,
}

/// A kind of screen the `preview` command draws (the command line words
/// them; the kiosk draws them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// The home screen.
    Home,
    /// The first step with a picture.
    Step,
    /// The question with the most choices.
    Question,
    /// A solved ending.
    Solved,
    /// The handoff with the longest reason.
    Handoff,
    /// "Are you still there?", reached from a step (its card alone on the dimmed background).
    Idle,
    /// The language screen over the question with the most choices.
    Languages,
}

impl Screen {
    /// Every screen, in the order drawn.
    pub const ALL: [Screen; 7] = [
        Screen::Home,
        Screen::Step,
        Screen::Question,
        Screen::Solved,
        Screen::Handoff,
        Screen::Idle,
        Screen::Languages,
    ];

    /// Its name in file names and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Screen::Home => "home",
            Screen::Step => "step",
            Screen::Question => "question",
            Screen::Solved => "solved",
            Screen::Handoff => "handoff",
            Screen::Idle => "idle",
            Screen::Languages => "languages",
        }
    }
}

/// A theme the `preview` command draws in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// The warm light theme.
    Light,
    /// High contrast.
    Contrast,
}

impl Theme {
    /// Both themes.
    pub const ALL: [Theme; 2] = [Theme::Light, Theme::Contrast];

    /// Its name in file names and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Contrast => "contrast",
        }
    }
}

impl Tour {
    /// The route to the flow screen a [`Screen`] is drawn over (`None` for
    /// home, or when the set has no such screen).
    pub fn route(&self, screen: Screen) -> Option<Route> {
        match screen {
            Screen::Home => None,
            Screen::Step | Screen::Idle => self.picture.clone(),
            Screen::Question | Screen::Languages => self.most_choices.clone(),
            Screen::Solved => self.solved.clone(),
            Screen::Handoff => self.handoff.clone(),
        }
    }
}

/// Walks every flow shown at `branch` (each node once, in English or the
/// set's first language) and keeps the screens of [`Tour`].
pub fn tour(set: &Arc<FlowSet>, branch: &str) -> Tour {
    let mut t = Tour::default();
    let (mut most, mut longest) = (0, 0);
    let Some(b) = set.branch(branch) else { return t };
    let lang = set.default_language().to_string();
    for (_, flow) in set.visible_flows(b) {
        let Ok(start) = Session::start(set.clone(), branch, &lang, &flow.id, Duration::ZERO) else {
            continue;
        };
        let mut stack = vec![(start, Vec::<usize>::new())];
        let mut seen = HashSet::new();
        while let Some((s, steps)) = stack.pop() {
            let Some(v) = s.trail().last() else { continue };
            if !seen.insert((v.flow, v.node)) {
                continue;
            }
            let here = || Some(Route { flow: flow.id.clone(), steps: steps.clone() });
            let body = s.screen().body;
            match &body {
                Body::Step { picture: Some(_), .. } if t.picture.is_none() => t.picture = here(),
                Body::Question { choices, .. } if choices.len() > most => {
                    most = choices.len();
                    t.most_choices = here();
                }
                Body::Solved { .. } if t.solved.is_none() => t.solved = here(),
                Body::Handoff { reason, .. } if reason.plain().chars().count() > longest => {
                    longest = reason.plain().chars().count();
                    t.handoff = here();
                }
                _ => {}
            }
            let answers: Vec<usize> = match &body {
                Body::Step { .. } => vec![0],
                Body::Question { choices, .. } => (1..=choices.len()).rev().collect(),
                _ => Vec::new(),
            };
            for n in answers {
                let mut next = s.clone();
                let ok = if n == 0 { next.next(Duration::ZERO) } else { next.choose(n, Duration::ZERO) };
                if ok.is_ok() {
                    stack.push((next, [steps.clone(), vec![n]].concat()));
                }
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_flows_have_every_kind_of_screen() {
        let set = Arc::new(
            crate::flow::load::load_builtin(None).report.set.unwrap_or_else(|| panic!("built-in flows")),
        );
        let t = tour(&set, &set.branches[0].id);
        let reach = |r: &Option<Route>| {
            let r = r.clone().unwrap_or_else(|| panic!("a screen is missing"));
            let mut s = Session::start(set.clone(), &set.branches[0].id, "en", &r.flow, Duration::ZERO)
                .unwrap_or_else(|e| panic!("{e}"));
            for n in r.steps {
                let ok = if n == 0 { s.next(Duration::ZERO) } else { s.choose(n, Duration::ZERO) };
                ok.unwrap_or_else(|e| panic!("{e}"));
            }
            s.screen().body
        };
        assert!(matches!(reach(&t.picture), Body::Step { picture: Some(_), .. }));
        let Body::Question { choices, .. } = reach(&t.most_choices) else { panic!("not a question") };
        assert!(choices.len() >= 4, "{}", choices.len());
        assert!(matches!(reach(&t.solved), Body::Solved { .. }));
        assert!(matches!(reach(&t.handoff), Body::Handoff { .. }));
    }
}
