//! The session state machine on the default flows: walking, back, start
//! over, staff, language switch, time passed in.

#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use kiosk_triage::flow::FlowSet;
use kiosk_triage::flow::load::load_builtin;
use kiosk_triage::session::{Body, Outcome, Session, SessionError};
use std::sync::Arc;
use std::time::Duration;

fn set() -> Arc<FlowSet> {
    Arc::new(load_builtin(None).report.set.unwrap())
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn question(s: &Session) -> (String, Vec<String>) {
    match s.screen().body {
        Body::Question { text, choices, .. } => (text.plain(), choices.iter().map(|c| c.plain()).collect()),
        other => panic!("expected a question, got {other:?}"),
    }
}

#[test]
fn walks_printing_to_solved_with_branch_values_filled() {
    let mut s = Session::start(set(), "central", "en", "printing", secs(0)).unwrap();
    assert_eq!(s.screen().flow_title, "Print something");
    let (_, choices) = question(&s);
    assert_eq!(choices[0], "Print from a library computer");
    s.choose(1, secs(5)).unwrap();
    s.next(secs(6)).unwrap(); // open it
    s.next(secs(6)).unwrap(); // Ctrl+P
    s.next(secs(7)).unwrap(); // the preview
    let (_, choices) = question(&s);
    assert_eq!(choices, vec!["Black and white: $0.10 a page", "Color"]);
    s.choose(1, secs(8)).unwrap();
    match s.screen().body {
        Body::Step { text, .. } => assert!(text.plain().contains("PRINT-CENTRAL-BW"), "{text}"),
        other => panic!("{other:?}"),
    }
    s.next(secs(9)).unwrap();
    assert_eq!(s.screen().step, 7);
    match s.screen().body {
        Body::Step { text, .. } => {
            assert!(text.plain().starts_with("Go to the release station next to the copiers."), "{text}");
        }
        other => panic!("{other:?}"),
    }
    s.next(secs(10)).unwrap();
    s.choose(1, secs(11)).unwrap(); // "Yes, I see it"
    s.next(secs(12)).unwrap(); // pay
    s.choose(1, secs(20)).unwrap(); // "Yes, I have them"
    assert_eq!(s.outcome(), Some(&Outcome::Solved));
    assert_eq!(s.elapsed(secs(500)), secs(20), "time stops at the ending");
    assert_eq!(s.choose(1, secs(21)), Err(SessionError::Ended));
}

#[test]
fn choices_hidden_by_branch_flags_are_not_shown_or_chosen() {
    let central = Session::start(set(), "central", "en", "copying", secs(0)).unwrap();
    let mut riverside = Session::start(set(), "riverside", "en", "copying", secs(0)).unwrap();
    assert_eq!(question(&central).1.len(), 5);
    // No copier at Riverside: "Make a copy" stays (it leads to the phone
    // copy, `else_to`), the copier's two trouble choices are hidden.
    assert_eq!(
        question(&riverside).1,
        vec!["Make a copy", "Copy a page with my phone, then print it", "Where else can I make copies?"]
    );
    // Choice 3 at Riverside is "Where else": the copier's choices are not there.
    riverside.choose(3, secs(1)).unwrap();
    assert_eq!(riverside.outcome(), Some(&Outcome::Solved));
    assert_eq!(riverside.trail()[0].choice, Some(4), "the trail keeps the index into the full list");
}

#[test]
fn back_undoes_and_at_the_first_screen_says_so() {
    let mut s = Session::start(set(), "central", "en", "printing", secs(0)).unwrap();
    assert!(!s.back(secs(1)));
    s.choose(5, secs(2)).unwrap(); // the printer is jammed
    assert_eq!(s.outcome(), Some(&Outcome::Handoff));
    assert!(s.back(secs(3)));
    assert_eq!(s.outcome(), None);
    assert_eq!(s.trail().len(), 1);
    assert_eq!(s.trail()[0].choice, None, "the answer taken back is forgotten");
    assert_eq!(s.choose(9, secs(4)), Err(SessionError::NoSuchChoice { asked: 9, count: 6 }));
    assert_eq!(s.choose(0, secs(4)), Err(SessionError::NoSuchChoice { asked: 0, count: 6 }));
    assert_eq!(s.next(secs(4)), Err(SessionError::NotHere));
}

#[test]
fn goto_continues_in_another_flow_and_back_returns_over_it() {
    let mut s = Session::start(set(), "central", "en", "email", secs(0)).unwrap();
    s.choose(5, secs(1)).unwrap(); // "Print an email" -> goto printing
    assert_eq!(s.screen().flow_title, "Print something");
    assert_eq!(s.screen().step, 2);
    assert!(s.back(secs(2)));
    assert_eq!(s.screen().flow_title, "Email");
    assert_eq!(s.trail().len(), 1);
}

#[test]
fn start_over_and_ask_staff() {
    let mut s = Session::start(set(), "central", "en", "login", secs(0)).unwrap();
    s.choose(1, secs(1)).unwrap();
    s.start_over(secs(2));
    assert_eq!(s.trail().len(), 1);
    assert_eq!(s.screen().step, 1);
    s.ask_staff(secs(3));
    assert_eq!(s.outcome(), Some(&Outcome::AskedStaff));
    match s.screen().body {
        Body::Handoff { asked, reason, .. } => {
            assert!(asked);
            assert_eq!(reason.plain(), "You asked for a person. That is always fine.");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn language_switch_keeps_the_place() {
    let mut s = Session::start(set(), "central", "en", "login", secs(0)).unwrap();
    s.choose(2, secs(1)).unwrap(); // "I see a message on the screen"
    let before = s.trail().to_vec();
    s.set_language("es");
    assert_eq!(s.trail(), before.as_slice());
    let (text, choices) = question(&s);
    assert_eq!(text, "¿Qué dice el mensaje?");
    assert_eq!(choices[0], "PIN incorrecto o tarjeta no válida");
    s.set_language("xx");
    assert_eq!(s.language(), "es", "an unknown language is ignored");
}

#[test]
fn offers_help_after_the_configured_time_only_while_running() {
    let mut s = Session::start(set(), "central", "en", "login", secs(100)).unwrap();
    let ten_minutes = secs(600);
    assert!(!s.should_offer_help(secs(699), ten_minutes));
    assert!(s.should_offer_help(secs(700), ten_minutes));
    s.choose(5, secs(701)).unwrap(); // the computer is frozen: a handoff ends the session
    assert!(!s.should_offer_help(secs(900), ten_minutes));
}

#[test]
fn unknown_flow_branch_or_hidden_flow_is_an_error() {
    assert_eq!(
        Session::start(set(), "central", "en", "nope", secs(0)).unwrap_err(),
        SessionError::NoSuchFlow("nope".into())
    );
    assert_eq!(
        Session::start(set(), "moon", "en", "login", secs(0)).unwrap_err(),
        SessionError::NoSuchBranch("moon".into())
    );
    // Riverside has no scanner: the scanning tile starts at its alternative
    // (`else_to` on the flow), Central at the flow's start.
    let first = |branch: &str| {
        let s = Session::start(set(), branch, "en", "scanning", secs(0)).unwrap();
        let v = &s.trail()[0];
        s.flow_set().flows[v.flow].nodes[v.node].id.clone()
    };
    assert_eq!(first("riverside"), "no_scanner");
    assert_eq!(first("central"), "start");
}

#[test]
fn back_after_asking_for_staff_returns_to_the_same_screen() {
    let mut s = Session::start(set(), "central", "en", "login", secs(0)).unwrap();
    s.choose(2, secs(1)).unwrap();
    let before = s.trail().to_vec();
    s.ask_staff(secs(2));
    assert!(s.back(secs(3)));
    assert_eq!(s.outcome(), None);
    assert_eq!(s.trail(), before.as_slice(), "nothing but the request was taken back");
    let mut home = Session::staff_only(set(), "central", "en", secs(0)).unwrap();
    assert!(!home.back(secs(1)), "from the home screen's request, Back means home");
}

#[test]
fn back_in_a_flow_that_starts_with_a_goto_goes_home() {
    use kiosk_triage::flow::load::parse;
    use kiosk_triage::flow::synth::common_files;
    let mut files = common_files();
    files.push(("a.ron".into(), r#"Flow(id: "a", title: {"en": "A", "es": "A"}, icon: "i.png", start: "go", nodes: [Goto(id: "go", flow: "b")])"#.into()));
    files.push((
        "b.ron".into(),
        r#"Flow(id: "b", title: {"en": "B", "es": "B"}, icon: "i.png", start: "q", nodes: [
            Question(id: "q", text: {"en": "Q?", "es": "¿Q?"}, choices: [Choice(label: {"en": "Yes", "es": "Sí"}, to: "done")]),
            Solved(id: "done", text: {"en": "Done.", "es": "Listo."}),
        ])"#
            .into(),
    ));
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let report = parse(&refs, &|_| true, None);
    let set = Arc::new(report.set.unwrap());
    let mut s = Session::start(set.clone(), "big", "en", "a", secs(0)).unwrap();
    assert_eq!(s.screen().flow_title, "B");
    assert!(!s.back(secs(1)), "there is no screen before the goto");
    assert_eq!(s.trail().len(), 2, "a refused Back changes nothing");
    s.ask_staff(secs(2));
    let code = kiosk_triage::handoff::code_for_session(&s, false, secs(2)).unwrap();
    let summary = kiosk_triage::handoff::summary::decode(&code, &[set]).unwrap();
    assert_eq!(summary.steps.len(), 2);
}
