//! The kiosk, headless, driven the way a screen reader sees it: controls are
//! found by their accessible names and clicked. Time is a mock clock moved by
//! hand, so idle tests take no time.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use crate::common::kiosk::{MockClock, click, frames, harness, printing, shows};
use eframe::egui::{self, Key, Modifiers, ViewportCommand, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use kiosk_triage::config::{KioskConfig, StaffGate, hash_pin};
use kiosk_triage::kiosk::stats::StatsSink;
use kiosk_triage::kiosk::{Kiosk, Setup};
use kiosk_triage::session::Outcome;
use std::sync::Arc;
use std::time::Duration;

thread_local! {
    /// The harness height for the next kiosk built on this thread.
    static HEIGHT: std::cell::RefCell<f32> = const { std::cell::RefCell::new(800.0) };
}

fn kiosk(config: KioskConfig, windowed: bool) -> (Harness<'static, Kiosk>, MockClock) {
    let gate = StaffGate::of(&config);
    kiosk_full(config, gate, windowed)
}

fn kiosk_with_gate(gate: StaffGate) -> (Harness<'static, Kiosk>, MockClock) {
    let config = KioskConfig { staff_pin_hash: Some(hash_pin("4821").unwrap()), ..KioskConfig::default() };
    kiosk_full(config, gate, false)
}

fn kiosk_full(config: KioskConfig, gate: StaffGate, windowed: bool) -> (Harness<'static, Kiosk>, MockClock) {
    kiosk_recording(config, gate, windowed, None)
}

fn kiosk_recording(
    config: KioskConfig,
    gate: StaffGate,
    windowed: bool,
    stats: Option<StatsSink>,
) -> (Harness<'static, Kiosk>, MockClock) {
    let clock = MockClock::default();
    let setup = Setup {
        gate,
        config,
        windowed,
        stats,
        files: "layout: the current folder\nflows   flows  (default)\n".into(),
        ..Setup::plain(printing(), "main", clock.clock())
    };
    let harness = harness(Kiosk::new(setup), HEIGHT.with(|h| *h.borrow()));
    (harness, clock)
}

fn default_kiosk() -> (Harness<'static, Kiosk>, MockClock) {
    kiosk(KioskConfig::default(), false)
}

#[test]
fn a_patron_walks_a_flow_to_solved_and_it_goes_home_by_itself() {
    let (mut h, clock) = default_kiosk();
    frames(&mut h);
    assert!(shows(&h, "Hello! What do you need help with?"));
    click(&mut h, "Print something");
    assert!(shows(&h, "Where are you printing from?"));
    click(&mut h, "1. A library computer");
    assert!(h.query_by_label_contains("Choose P-1").is_some(), "the branch value is filled in");
    click(&mut h, "Next");
    click(&mut h, "1. Yes");
    assert_eq!(h.state().session().unwrap().outcome(), Some(&Outcome::Solved));
    assert!(shows(&h, "You're all set!"));
    assert!(shows(&h, "Take your pages."));
    clock.advance(21);
    frames(&mut h);
    assert!(h.state().session().is_none(), "a solved screen goes home after a short while");
    assert!(shows(&h, "Hello! What do you need help with?"));
}

#[test]
fn back_and_start_over_are_always_there() {
    let (mut h, _) = default_kiosk();
    frames(&mut h);
    click(&mut h, "Print something");
    click(&mut h, "1. A library computer");
    assert!(shows(&h, "◀ Back") && shows(&h, "↺ Start over") && shows(&h, "Get help from staff"));
    click(&mut h, "◀ Back");
    assert!(shows(&h, "Where are you printing from?"));
    click(&mut h, "◀ Back");
    assert!(h.state().session().is_none(), "back from the first screen goes home");
    click(&mut h, "Print something");
    click(&mut h, "1. A library computer");
    click(&mut h, "↺ Start over");
    assert!(h.state().session().is_none());
    assert!(shows(&h, "Print something"));
}

#[test]
fn number_keys_choose_and_backspace_goes_back() {
    let (mut h, _) = default_kiosk();
    frames(&mut h);
    click(&mut h, "Print something");
    h.key_press(Key::Num2);
    frames(&mut h);
    assert_eq!(h.state().session().unwrap().outcome(), Some(&Outcome::Handoff));
    assert!(shows(&h, "Staff will fix the printer."));
    assert!(shows(&h, "Please go to the front desk."));
    h.key_press(Key::Backspace);
    frames(&mut h);
    assert!(shows(&h, "Where are you printing from?"));
    h.key_press(Key::Num9);
    frames(&mut h);
    assert!(shows(&h, "Where are you printing from?"), "a key with no choice does nothing");
}

#[test]
fn get_help_from_staff_hands_off_from_anywhere() {
    let (mut h, _) = default_kiosk();
    frames(&mut h);
    click(&mut h, "Print something");
    click(&mut h, "Get help from staff");
    assert_eq!(h.state().session().unwrap().outcome(), Some(&Outcome::AskedStaff));
    assert!(shows(&h, "You asked for a person. That is always fine."));
    click(&mut h, "Done");
    click(&mut h, "Something else?");
    assert_eq!(h.state().session().unwrap().outcome(), Some(&Outcome::AskedStaff));
}

#[test]
fn idle_warning_then_wipe_with_mocked_time() {
    let (mut h, clock) = default_kiosk();
    frames(&mut h);
    click(&mut h, "Print something");
    click(&mut h, "Español");
    clock.advance(89);
    frames(&mut h);
    assert!(!shows(&h, "¿Sigue ahí?"));
    clock.advance(2);
    frames(&mut h);
    assert!(shows(&h, "¿Sigue ahí?"), "the warning comes after 90 s without input");
    click(&mut h, "Sigo aquí");
    assert!(!shows(&h, "¿Sigue ahí?"));
    assert!(h.state().session().is_some(), "still here keeps the session");
    clock.advance(91);
    frames(&mut h);
    assert!(shows(&h, "¿Sigue ahí?"));
    clock.advance(30);
    frames(&mut h);
    assert!(h.state().session().is_none(), "at zero the session is wiped");
    assert_eq!(h.state().language(), "en", "the language goes back to the default");
    assert!(shows(&h, "Hello! What do you need help with?"));
}

#[test]
fn a_close_request_is_cancelled_in_kiosk_mode_but_not_windowed() {
    for (windowed, cancelled) in [(false, true), (true, false)] {
        let (mut h, _) = kiosk(KioskConfig::default(), windowed);
        frames(&mut h);
        h.input_mut().viewports.entry(ViewportId::ROOT).or_default().events.push(ViewportEvent::Close);
        h.step();
        let commands = &h.output().viewport_output[&ViewportId::ROOT].commands;
        assert_eq!(commands.contains(&ViewportCommand::CancelClose), cancelled, "windowed: {windowed}");
    }
}

#[test]
fn a_fullscreen_kiosk_takes_the_screen_back_when_minimised_or_unfocused() {
    for (windowed, restores) in [(false, true), (true, false)] {
        let (mut h, clock) = kiosk(KioskConfig::default(), windowed);
        frames(&mut h);
        let root = h.input_mut().viewports.entry(ViewportId::ROOT).or_default();
        root.fullscreen = Some(true);
        root.focused = Some(true);
        frames(&mut h);
        // A window manager's "show desktop" or "iconify": minimised, not
        // focused, not fullscreen.
        let root = h.input_mut().viewports.entry(ViewportId::ROOT).or_default();
        root.minimized = Some(true);
        root.focused = Some(false);
        root.fullscreen = Some(false);
        clock.advance(1);
        h.step();
        let commands = &h.output().viewport_output[&ViewportId::ROOT].commands;
        for wanted in
            [ViewportCommand::Minimized(false), ViewportCommand::Fullscreen(true), ViewportCommand::Focus]
        {
            assert_eq!(commands.contains(&wanted), restores, "windowed: {windowed}, {wanted:?}");
        }
    }
}

#[test]
fn switching_language_mid_flow_keeps_the_place() {
    let (mut h, _) = default_kiosk();
    frames(&mut h);
    click(&mut h, "Print something");
    click(&mut h, "1. A library computer");
    click(&mut h, "Español");
    assert!(h.query_by_label_contains("Elija P-1").is_some());
    assert_eq!(h.state().session().unwrap().trail().len(), 2);
    click(&mut h, "Siguiente");
    assert!(shows(&h, "¿Ve su trabajo?"));
}

#[test]
fn staff_mode_needs_the_right_pin_and_wrong_pins_slow_down() {
    let config = KioskConfig { staff_pin_hash: Some(hash_pin("4821").unwrap()), ..KioskConfig::default() };
    let (mut h, clock) = kiosk(config, false);
    frames(&mut h);
    h.key_press_modifiers(Modifiers::CTRL | Modifiers::ALT, Key::S);
    frames(&mut h);
    assert!(shows(&h, "Staff PIN"));
    for d in ["1", "2", "3", "4"] {
        click(&mut h, d);
    }
    click(&mut h, "OK");
    assert!(!h.state().in_staff_mode());
    assert!(h.query_by_label_contains("Wrong PIN. Try again in").is_some());
    // Locked: even the right PIN is not tried until the wait is over.
    for key in [Key::Num4, Key::Num8, Key::Num2, Key::Num1, Key::Enter] {
        h.key_press(key);
    }
    frames(&mut h);
    assert!(!h.state().in_staff_mode());
    clock.advance(2);
    frames(&mut h);
    // Typed fast: all in one frame, in order.
    for key in [Key::Num4, Key::Num8, Key::Num2, Key::Num1] {
        h.key_press(key);
    }
    h.step();
    h.key_press(Key::Enter);
    frames(&mut h);
    assert!(h.state().in_staff_mode());
    assert!(shows(&h, "Exit the kiosk"));
}

#[test]
fn without_a_pin_a_windowed_kiosk_opens_staff_mode_and_says_so_plainly() {
    let (mut h, _) = kiosk(KioskConfig::default(), true);
    frames(&mut h);
    h.key_press_modifiers(Modifiers::CTRL | Modifiers::ALT, Key::S);
    frames(&mut h);
    assert!(h.state().in_staff_mode());
    assert!(h.query_by_label_contains("No staff PIN is set on this kiosk").is_some());
    assert!(h.query_by_label("Español").is_none(), "staff mode has no patron top bar");
    click(&mut h, "Back to the kiosk");
    assert!(h.query_by_label("Español").is_some());
}

#[test]
fn staff_mode_shows_which_files_the_kiosk_uses() {
    let (mut h, _) = kiosk(KioskConfig::default(), true);
    frames(&mut h);
    h.key_press_modifiers(Modifiers::CTRL | Modifiers::ALT, Key::S);
    frames(&mut h);
    assert!(h.query_by_label_contains("flows   flows  (default)").is_none(), "folded until asked");
    click(&mut h, "Files this kiosk uses");
    assert!(h.query_by_label_contains("flows   flows  (default)").is_some());
}

/// Types digits on the PIN pad and presses Enter.
fn type_pin(h: &mut Harness<'_, Kiosk>, pin: &str) {
    for c in pin.chars() {
        let key = Key::from_name(&c.to_string()).unwrap();
        h.key_press(key);
    }
    h.key_press(Key::Enter);
    frames(h);
}

#[test]
fn a_fullscreen_kiosk_without_a_pin_keeps_staff_mode_closed_and_says_how_to_set_one() {
    let (mut h, _) = default_kiosk();
    frames(&mut h);
    h.key_press_modifiers(Modifiers::CTRL | Modifiers::ALT, Key::S);
    frames(&mut h);
    assert!(!h.state().in_staff_mode(), "one key chord must not let a patron leave a fullscreen kiosk");
    assert!(
        h.query_by_label_contains("No staff PIN is set on this kiosk, so staff mode stays closed").is_some()
    );
    assert!(h.query_by_label_contains("kiosk-triage hash-pin").is_some());
    type_pin(&mut h, "0000");
    assert!(!h.state().in_staff_mode());
    assert!(h.query_by_label("Exit the kiosk").is_none());
}

#[test]
fn a_closed_gate_opens_for_no_pin_at_all() {
    let (mut h, _) = kiosk_with_gate(StaffGate::Closed("kiosk.ron has an error.".into()));
    frames(&mut h);
    h.key_press_modifiers(Modifiers::CTRL | Modifiers::ALT, Key::S);
    frames(&mut h);
    assert!(h.query_by_label_contains("kiosk.ron has an error").is_some());
    type_pin(&mut h, "4821");
    assert!(!h.state().in_staff_mode());
    assert!(h.query_by_label_contains("kiosk.ron has an error").is_some(), "it keeps saying why");
}

#[test]
fn huge_idle_times_from_kiosk_ron_never_crash_the_kiosk() {
    // Unchecked values (as a test or tool could build them) are held to
    // their ranges when used, so no clock arithmetic can overflow.
    let config = KioskConfig {
        idle_warning_seconds: u64::MAX,
        idle_reset_seconds: u64::MAX,
        offer_help_minutes: u64::MAX,
        solved_return_seconds: u64::MAX,
        ..KioskConfig::default()
    };
    let (mut h, clock) = kiosk(config, false);
    frames(&mut h);
    click(&mut h, "Print something");
    for _ in 0..3 {
        clock.advance(4000);
        frames(&mut h);
    }
    assert!(shows(&h, "Hello! What do you need help with?"), "the longest idle time (an hour) still wipes");
}

#[test]
fn text_size_and_contrast_are_one_tap_and_named_for_screen_readers() {
    let (mut h, _) = default_kiosk();
    frames(&mut h);
    click(&mut h, "Larger text");
    click(&mut h, "High contrast");
    assert!(shows(&h, "Smaller text"));
    // Every button on the home screen has a name.
    for node in h.get_all_by_role(egui::accesskit::Role::Button) {
        assert!(node.accesskit_node().label().is_some_and(|l| !l.is_empty()), "{node:?}");
    }
}

#[test]
fn a_handoff_shows_a_code_that_decodes_to_what_the_patron_did() {
    let (mut h, clock) = default_kiosk();
    frames(&mut h);
    click(&mut h, "Print something");
    click(&mut h, "1. A library computer");
    click(&mut h, "Next");
    clock.advance(200);
    click(&mut h, "2. No");
    assert!(shows(&h, "Show this code at the desk"));
    assert!(shows(&h, "This code holds no personal information."));
    let code = h.state().handoff_code().unwrap();
    assert!(shows(&h, &code), "the code is on screen as text");
    let set = h.state().session().unwrap().flow_set().clone();
    let summary = kiosk_triage::handoff::summary::decode(&code, &[set]).unwrap();
    let answers: Vec<_> = summary.steps.iter().filter_map(|s| s.answer.clone()).collect();
    assert_eq!(answers, ["A library computer", "No"]);
    assert_eq!(summary.time, "2-5 min");
    assert_eq!(summary.ending.told, "Staff will fix the printer.");
}

#[test]
fn the_whole_kiosk_works_with_the_keyboard_alone() {
    let (mut h, _) = default_kiosk();
    frames(&mut h);
    // Tab reaches the tiles; Enter presses the focused one.
    let mut tabs = 0;
    while !h.query_by_label("Print something").is_some_and(|n| n.is_focused()) {
        h.key_press(Key::Tab);
        frames(&mut h);
        tabs += 1;
        assert!(tabs < 20, "Tab never reached the tile");
    }
    h.key_press(Key::Enter);
    frames(&mut h);
    assert!(shows(&h, "Where are you printing from?"));
    h.key_press(Key::Num1);
    frames(&mut h);
    h.key_press(Key::Enter); // Next, with nothing focused
    frames(&mut h);
    assert!(shows(&h, "Do you see your job?"));
    h.key_press(Key::F1);
    frames(&mut h);
    assert_eq!(h.state().session().unwrap().outcome(), Some(&Outcome::AskedStaff));
    h.key_press(Key::Home);
    frames(&mut h);
    assert!(h.state().session().is_none());
}

#[test]
fn after_ten_minutes_in_a_flow_the_kiosk_offers_staff_help_without_taking_the_place() {
    let (mut h, clock) = default_kiosk();
    frames(&mut h);
    click(&mut h, "Print something");
    click(&mut h, "1. A library computer");
    // Keep touching the kiosk so the idle prompt never comes.
    for _ in 0..11 {
        clock.advance(59);
        h.key_press(Key::F2); // any key is a touch; F2 does nothing else
        frames(&mut h);
    }
    assert!(shows(&h, "This is taking a while. Would you like help from staff?"));
    assert!(shows(&h, "Next"), "the step is still there");
    click(&mut h, "No thanks, keep going");
    assert!(!shows(&h, "This is taking a while. Would you like help from staff?"));

    // Another patron takes the offer: the code says the kiosk offered it.
    let (mut h, clock) = default_kiosk();
    frames(&mut h);
    click(&mut h, "Print something");
    for _ in 0..11 {
        clock.advance(59);
        h.key_press(Key::F2);
        frames(&mut h);
    }
    let offer = h.get_all_by_label("Get help from staff").next().unwrap();
    offer.click();
    frames(&mut h);
    let code = h.state().handoff_code().unwrap();
    let set = h.state().session().unwrap().flow_set().clone();
    let summary = kiosk_triage::handoff::summary::decode(&code, &[set]).unwrap();
    assert_eq!(summary.reached, "the kiosk offered staff help and they took it");
    assert_eq!(summary.time, "10-15 min");
}

#[test]
fn staff_mode_left_alone_is_wiped_like_a_patron_session() {
    let (mut h, clock) = kiosk(KioskConfig::default(), true);
    frames(&mut h);
    h.key_press_modifiers(Modifiers::CTRL | Modifiers::ALT, Key::S);
    frames(&mut h);
    assert!(h.state().in_staff_mode());
    clock.advance(91);
    frames(&mut h);
    assert!(shows(&h, "Are you still there?"));
    clock.advance(30);
    frames(&mut h);
    assert!(!h.state().in_staff_mode(), "nobody finds staff mode open after a staff member walks away");
}

#[test]
fn with_no_usable_flows_home_shows_no_demo_guides_or_demo_branch() {
    let loaded = kiosk_triage::flow::load::load_builtin(None);
    let set = Arc::new(loaded.report.set.unwrap());
    let branch_name = set.branches[0].name.clone();
    let branch = set.branches[0].id.clone();
    let setup = Setup {
        assets: loaded.assets,
        gate: StaffGate::NoPin,
        unavailable: true,
        windowed: false,
        ..Setup::plain(set, &branch, Arc::new(|| Duration::ZERO))
    };
    let mut h = harness(Kiosk::new(setup), 800.0);
    frames(&mut h);
    assert!(shows(&h, "A staff member can help you with this"));
    assert!(h.query_by_label_contains(&branch_name).is_none(), "the demo branch is not this library");
    assert!(!shows(&h, "Log in to a computer"), "no demo guides");
    h.key_press(Key::F1);
    frames(&mut h);
    assert!(h.state().session().is_none(), "no handoff naming the demo branch's desk");
}

/// A kiosk writing statistics into `dir`, on 2026-03-04 at 14:00.
fn recording_kiosk(dir: &std::path::Path) -> (Harness<'static, Kiosk>, MockClock) {
    use kiosk_triage::stats::{Date, LocalTime, Recorder};
    let recorder = Recorder::new(dir, "test-kiosk", 400);
    let at = LocalTime { date: Date::new(2026, 3, 4).unwrap(), hour: 14 };
    let sink = StatsSink::new(recorder, Arc::new(move || Some(at)));
    kiosk_recording(KioskConfig::default(), StaffGate::NoPin, true, Some(sink))
}

/// The rows written so far, without the header.
fn rows(h: &Harness<'_, Kiosk>, dir: &std::path::Path) -> Vec<String> {
    assert!(h.state().flush_stats(Duration::from_secs(10)));
    let file = dir.join("stats/kiosk-2026-03-04-test-kiosk.csv");
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    text.lines().skip(1).map(str::to_string).collect()
}

#[test]
fn each_patron_session_leaves_exactly_one_anonymous_row() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut h, clock) = recording_kiosk(tmp.path());
    frames(&mut h);
    assert!(rows(&h, tmp.path()).is_empty(), "nothing before a patron does anything");

    // Solved, then home by itself.
    click(&mut h, "Print something");
    click(&mut h, "1. A library computer");
    click(&mut h, "Next");
    click(&mut h, "1. Yes");
    clock.advance(25);
    frames(&mut h);
    let r = rows(&h, tmp.path());
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(r[0].contains(",printing,solved,"), "{}", r[0]);

    // Started over on a question.
    click(&mut h, "Print something");
    click(&mut h, "Larger text");
    click(&mut h, "↺ Start over");
    let r = rows(&h, tmp.path());
    assert_eq!(r.len(), 2, "{r:?}");
    assert!(r[1].contains(",printing,started_over,"), "{}", r[1]);

    // Walked away: the idle wipe.
    click(&mut h, "Print something");
    clock.advance(200);
    frames(&mut h);
    clock.advance(200);
    frames(&mut h);
    let r = rows(&h, tmp.path());
    assert_eq!(r.len(), 3, "{r:?}");
    assert!(r[2].contains(",printing,idle,"), "{}", r[2]);

    // Asked for staff: the row carries the code the patron was shown.
    click(&mut h, "Print something");
    click(&mut h, "Get help from staff");
    let code = h.state().handoff_code().unwrap();
    click(&mut h, "Done");
    let r = rows(&h, tmp.path());
    assert_eq!(r.len(), 4, "{r:?}");
    assert!(r[3].contains(",asked_staff,"), "{}", r[3]);
    assert!(r[3].contains(&code.replace('-', "")) || r[3].contains(&code), "{} has {code}", r[3]);

    // Staff see today's figures for this kiosk.
    h.key_press_modifiers(Modifiers::CTRL | Modifiers::ALT, Key::S);
    frames(&mut h);
    assert!(
        h.query_by_label_contains(
            "Today on this kiosk: 4 sessions, 1 solved here, 1 sent to staff, 2 left unfinished. Most used: printing 4"
        )
        .is_some()
    );
}

#[test]
fn staff_mode_records_what_came_of_a_decoded_visit() {
    let tmp = tempfile::tempdir().unwrap();
    // Tall enough that the outcome buttons under the checklist need no scrolling.
    HEIGHT.with(|h| *h.borrow_mut() = 1400.0);
    let (mut h, _) = recording_kiosk(tmp.path());
    frames(&mut h);
    click(&mut h, "Print something");
    click(&mut h, "Get help from staff");
    let code = h.state().handoff_code().unwrap();
    click(&mut h, "Done");
    h.key_press_modifiers(Modifiers::CTRL | Modifiers::ALT, Key::S);
    frames(&mut h);
    h.get_by_role(egui::accesskit::Role::TextInput).focus();
    frames(&mut h);
    h.get_by_role(egui::accesskit::Role::TextInput).type_text(&code);
    frames(&mut h);
    click(&mut h, "Decode");
    assert!(h.query_by_label_contains("Staff note:").is_some(), "the checklist shows");
    click(&mut h, "Booked an appointment");
    assert!(h.query_by_label_contains("Recorded: Booked an appointment").is_some());
    let text = std::fs::read_to_string(tmp.path().join("stats/desk-2026-03-04-test-kiosk.csv")).unwrap();
    assert!(
        text.lines().nth(1).unwrap().starts_with(&format!("2026-03-04,{},booked,", code.replace('-', ""))),
        "{text}"
    );
}

#[test]
fn an_unwritable_statistics_folder_never_disturbs_a_patron_and_staff_are_told() {
    let tmp = tempfile::tempdir().unwrap();
    // The data folder's `stats` is a file: nothing can be written there.
    std::fs::write(tmp.path().join("stats"), "not a folder").unwrap();
    let (mut h, _) = recording_kiosk(tmp.path());
    frames(&mut h);
    click(&mut h, "Print something");
    click(&mut h, "↺ Start over");
    assert!(shows(&h, "Hello! What do you need help with?"), "the patron carries on");
    assert!(h.state().flush_stats(Duration::from_secs(10)));
    h.key_press_modifiers(Modifiers::CTRL | Modifiers::ALT, Key::S);
    frames(&mut h);
    assert!(h.query_by_label_contains("Statistics are not being saved: could not write to").is_some());
}

#[test]
fn one_second_left_is_said_in_the_singular() {
    let (mut h, clock) = default_kiosk();
    frames(&mut h);
    click(&mut h, "Print something");
    clock.advance(91);
    frames(&mut h);
    assert!(shows(&h, "29 seconds"), "the countdown runs in the plural");
    clock.advance(28);
    frames(&mut h);
    assert!(shows(&h, "1 second"), "one second is singular");
    assert!(!shows(&h, "1 seconds"));

    click(&mut h, "I'm still here");
    click(&mut h, "1. A library computer");
    click(&mut h, "Next");
    click(&mut h, "1. Yes");
    assert!(shows(&h, "Back to the start in 20 seconds."));
    clock.advance(19);
    clock.advance_by(Duration::from_millis(500));
    frames(&mut h);
    assert!(shows(&h, "Back to the start in 1 second."), "the solved screen too");
}

#[test]
fn number_keys_choose_the_numbered_home_tiles() {
    let (mut h, _clock) = default_kiosk();
    frames(&mut h);
    h.key_press(Key::Num1);
    frames(&mut h);
    assert!(shows(&h, "Where are you printing from?"), "1 starts the first flow");
    h.key_press(Key::Home);
    frames(&mut h);
    // One flow here: 2 is "Something else?", the way to staff.
    h.key_press(Key::Num2);
    frames(&mut h);
    assert!(h.state().handoff_code().is_some(), "2 asks for staff");
    // 0, the number on "Something else?" with any number of flows.
    h.key_press(Key::Home);
    frames(&mut h);
    h.key_press(Key::Num0);
    frames(&mut h);
    assert!(h.state().handoff_code().is_some(), "0 asks for staff");
}
