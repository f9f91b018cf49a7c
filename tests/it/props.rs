//! Property tests: no sequence of patron actions makes a session panic or
//! break its invariants, on any valid flow.

#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use crate::common;
use kiosk_triage::flow::synth::Shape;
use kiosk_triage::graph::{Notation, render};
use kiosk_triage::session::{Body, Session};
use proptest::prelude::*;
use std::time::Duration;

#[derive(Clone, Debug)]
enum Action {
    Choose(usize),
    Next,
    Back,
    StartOver,
    AskStaff,
    Language(bool),
}

fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![
        (0usize..40).prop_map(Shape::Step),
        prop::collection::vec((0usize..40, any::<bool>()), 1..=6).prop_map(Shape::Question),
        Just(Shape::Solved),
        Just(Shape::Handoff),
    ]
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        4 => (0usize..9).prop_map(Action::Choose),
        2 => Just(Action::Next),
        2 => Just(Action::Back),
        1 => Just(Action::StartOver),
        1 => Just(Action::AskStaff),
        1 => any::<bool>().prop_map(Action::Language),
    ]
}

/// Any sequence of patron actions on any valid random flow, at a branch
/// with the `colour_printing` flag (`big`) or without it (`small`). A third
/// of the flows `needs` that flag with an `else_to` (the home tile
/// alternative): at `small` they start at that node. The test counts those
/// runs, so the case cannot silently stop being generated.
#[test]
fn no_input_sequence_breaks_a_session() {
    let strategy = (
        prop::collection::vec(shape(), 1..40),
        prop::collection::vec(action(), 0..60),
        any::<bool>(),
        prop_oneof![2 => Just(None), 1 => (0usize..40).prop_map(Some)],
    );
    common::run_counting(&strategy, "runs", |(shapes, actions, small, alt), count| {
        let set = common::synth_set(&shapes, alt);
        // Random shapes are often invalid (loops with no way out): those are
        // refused by check, which is the point; walk only the valid ones.
        prop_assume!(set.is_some());
        let set = set.unwrap();
        let branch = if small { "small" } else { "big" };
        let b = set.branch(branch).unwrap();
        let start = set.start_at(0, b);
        if b.alternative.contains(&0) {
            prop_assert!(small && alt.is_some());
            prop_assert_eq!(start, set.flows[0].else_start.unwrap());
            count();
        }
        // The chart for the branch marks that node, and only it, as the start,
        // and does not grey it.
        let dot = render(&set, 0, Some(b), "en", Notation::Dot);
        prop_assert_eq!(dot.matches("label=\"▶ ").count(), 1, "{}", dot);
        let line = format!("  \"{}\" [label=\"▶ ", set.flows[0].nodes[start].id);
        let start_line = dot.lines().find(|l| l.starts_with(&line));
        prop_assert!(start_line.is_some_and(|l| !l.contains("dashed")), "{}", dot);
        let mut s = Session::start(set.clone(), branch, "en", "f", Duration::ZERO).unwrap();
        prop_assert_eq!((s.trail()[0].flow, s.trail()[0].node), (0, start));
        for (t, a) in actions.into_iter().enumerate() {
            let now = Duration::from_secs(t as u64 + 1);
            match a {
                Action::Choose(n) => {
                    let _ = s.choose(n, now);
                }
                Action::Next => {
                    let _ = s.next(now);
                }
                Action::Back => {
                    s.back(now);
                }
                Action::StartOver => {
                    s.start_over(now);
                    prop_assert_eq!((s.trail()[0].flow, s.trail()[0].node), (0, start));
                }
                Action::AskStaff => s.ask_staff(now),
                Action::Language(es) => s.set_language(if es { "es" } else { "en" }),
            }
            prop_assert!(!s.trail().is_empty());
            let screen = s.screen();
            prop_assert!(screen.step >= 1);
            let ending = matches!(screen.body, Body::Solved { .. } | Body::Handoff { .. });
            prop_assert_eq!(ending, s.outcome().is_some());
            if let Body::Question { choices, .. } = &screen.body {
                prop_assert!(!choices.is_empty(), "check refuses questions with every choice hidden");
            }
            prop_assert!(s.elapsed(now) <= now);
        }
        Ok(())
    });
}
