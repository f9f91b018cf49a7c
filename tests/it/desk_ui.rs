//! The staff desk window, headless: type or scan a code, read the checklist.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use eframe::egui::{self, Key};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use kiosk_triage::desk::Desk;
use kiosk_triage::flow::load::load_builtin;
use kiosk_triage::handoff::code_for_session;
use kiosk_triage::session::Session;
use std::sync::Arc;
use std::time::Duration;

fn desk_and_code() -> (Harness<'static, Desk>, String) {
    let set = Arc::new(load_builtin(None).report.set.unwrap());
    let mut s = Session::start(set.clone(), "central", "es", "login", Duration::ZERO).unwrap();
    s.ask_staff(Duration::from_secs(400));
    let code = code_for_session(&s, false, Duration::from_secs(400)).unwrap();
    let harness = Harness::builder()
        .with_size(egui::vec2(1200.0, 820.0))
        .build_ui_state(|ui, d: &mut Desk| d.ui(ui), Desk::new(vec![set], Vec::new()));
    (harness, code)
}

fn scan(h: &mut Harness<'_, Desk>, text: &str) {
    h.run_steps(2);
    h.get_by_role(egui::accesskit::Role::TextInput).type_text(text);
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
}

#[test]
fn a_scanned_code_shows_the_checklist_and_is_listed_for_today() {
    let (mut h, code) = desk_and_code();
    scan(&mut h, &code.to_lowercase());
    assert!(!h.query_all_by_label_contains("Log in to a computer").collect::<Vec<_>>().is_empty());
    assert!(
        h.query_by_label_contains("Central Library · Español · 5-10 min · they asked for staff").is_some()
    );
    assert_eq!(h.state().today().len(), 1);
    // The next scan goes straight in: the field is empty and focused again.
    let field = h.get_by_role(egui::accesskit::Role::TextInput);
    assert!(field.is_focused());
    assert_eq!(field.value().unwrap_or_default(), "");
}

#[test]
fn a_mistyped_code_is_explained_and_kept_for_correction() {
    let (mut h, code) = desk_and_code();
    let mut chars: Vec<char> = code.chars().collect();
    // Two different neighbours, so the swap is a typo whatever the code is
    // (it changes with the built-in flows' fingerprint).
    let i = (0..chars.len() - 1).find(|&i| chars[i] != chars[i + 1]).unwrap();
    chars.swap(i, i + 1);
    let typo: String = chars.into_iter().collect();
    scan(&mut h, &typo);
    assert!(
        h.query_by_label("a character is wrong, missing or extra, or two are swapped; please check the code")
            .is_some()
    );
    assert!(h.state().today().is_empty());
}

#[test]
fn staff_record_what_came_of_a_visit_in_one_tap() {
    use kiosk_triage::stats::{Date, LocalTime, Recorder};
    let tmp = tempfile::tempdir().unwrap();
    let set = Arc::new(load_builtin(None).report.set.unwrap());
    let mut s = Session::start(set.clone(), "central", "en", "printing", Duration::ZERO).unwrap();
    s.ask_staff(Duration::from_secs(100));
    let code = code_for_session(&s, false, Duration::from_secs(100)).unwrap();
    let at = LocalTime { date: Date::new(2026, 11, 30).unwrap(), hour: 10 };
    let desk = Desk::new(vec![set], Vec::new())
        .with_outcomes(Recorder::new(tmp.path(), "desk", 400), Arc::new(move || Some(at)));
    // Tall enough that the panel under the checklist needs no scrolling.
    let mut h = Harness::builder()
        .with_size(egui::vec2(1200.0, 1600.0))
        .build_ui_state(|ui, d: &mut Desk| d.ui(ui), desk);
    scan(&mut h, &code);
    h.get_by_label("3 · some searching or teaching").click();
    h.run_steps(2);
    h.get_by_label("10").click();
    h.run_steps(2);
    h.get_by_label("Referred elsewhere").click();
    h.run_steps(3);
    assert!(h.query_by_label("Recorded: Referred elsewhere, READ 3, 10 min").is_some());
    let text = std::fs::read_to_string(tmp.path().join("stats/desk-2026-11-30-desk.csv")).unwrap();
    let rows: Vec<&str> = text.lines().skip(1).collect();
    let ungrouped = code.replace('-', "");
    assert_eq!(rows, [format!("2026-11-30,{ungrouped},referred,3,10")], "{text}");
}

#[test]
fn the_checklist_starts_with_urgency_and_the_facts() {
    // The desk_summary fixture: Gmail, the recovery step, "locked" (urgent).
    let set = super::desk_summary::set();
    let mut s = Session::start(set.clone(), "main", "en", "email", Duration::ZERO).unwrap();
    s.choose(1, Duration::from_secs(5)).unwrap();
    s.next(Duration::from_secs(6)).unwrap();
    s.choose(3, Duration::from_secs(7)).unwrap();
    s.ask_staff(Duration::from_secs(9));
    let code = code_for_session(&s, false, Duration::from_secs(9)).unwrap();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1200.0, 820.0))
        .build_ui_state(|ui, d: &mut Desk| d.ui(ui), Desk::new(vec![set], Vec::new()));
    scan(&mut h, &code);
    assert!(h.query_by_label_contains("URGENT: something is broken").is_some());
    assert!(h.query_by_label_contains("(they answered “It says my account is locked”)").is_some());
    assert!(h.query_by_label("Email provider:").is_some());
    assert!(h.query_by_label("Gmail").is_some());
}
