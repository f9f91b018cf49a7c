//! Property tests: no sequence of patron actions makes a session panic or
//! break its invariants, on any valid flow.

#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use kiosk_triage::flow::load::parse;
use kiosk_triage::flow::synth::{Shape, common_files, flow_text};
use kiosk_triage::session::{Body, Session};
use proptest::prelude::*;
use std::sync::Arc;
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn no_input_sequence_breaks_a_session(
        shapes in prop::collection::vec(shape(), 1..40),
        actions in prop::collection::vec(action(), 0..60),
        small in any::<bool>(),
    ) {
        let mut files = common_files();
        files.push(("f.ron".to_string(), flow_text("f", &shapes)));
        let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
        let report = parse(&refs, &|_| true, None);
        // Random shapes are often invalid (loops with no way out): those are
        // refused by check, which is the point; walk only the valid ones.
        prop_assume!(report.set.is_some());
        let set = Arc::new(report.set.unwrap());
        let branch = if small { "small" } else { "big" };
        let mut s = Session::start(set, branch, "en", "f", Duration::ZERO).unwrap();
        for (t, a) in actions.into_iter().enumerate() {
            let now = Duration::from_secs(t as u64 + 1);
            match a {
                Action::Choose(n) => { let _ = s.choose(n, now); }
                Action::Next => { let _ = s.next(now); }
                Action::Back => { s.back(now); }
                Action::StartOver => s.start_over(now),
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
    }
}
