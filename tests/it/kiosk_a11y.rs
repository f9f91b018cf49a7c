//! What a screen reader hears, in the order it hears it: the AccessKit tree
//! must read as the screen looks (top bar left to right, the heading, the
//! body, the choices, then the bottom bar), and the window has a name.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use eframe::egui::{self, accesskit::Role};
use egui_kittest::Harness;
use egui_kittest::kittest::NodeT;
use kiosk_triage::config::StaffGate;
use kiosk_triage::flow::load::load_builtin;
use kiosk_triage::kiosk::{Action, Kiosk, Setup};
use std::sync::Arc;
use std::time::Duration;

fn kiosk() -> Harness<'static, Kiosk> {
    let loaded = load_builtin(None);
    let set = Arc::new(loaded.report.set.unwrap());
    let branch = set.branches[0].id.clone();
    let k = Kiosk::new(Setup {
        assets: loaded.assets,
        gate: StaffGate::NoPin,
        windowed: false,
        ..Setup::plain(set, &branch, Arc::new(|| Duration::from_secs(1)))
    });
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, k: &mut Kiosk| k.ui(ui), k);
    h.run_steps(3);
    h
}

/// The names of buttons and texts, in the order a screen reader reads them.
fn reading_order(h: &Harness<'_, Kiosk>) -> Vec<String> {
    h.root()
        .children_recursive()
        .filter_map(|n| {
            let n = n.accesskit_node();
            match n.role() {
                Role::Label => n.value(),
                Role::Button => n.label(),
                _ => None,
            }
        })
        .collect()
}

/// Each of `expected` is read, in this order (others may come between).
fn assert_read_in_order(order: &[String], expected: &[&str]) {
    let mut at = 0;
    for want in expected {
        match order[at..].iter().position(|n| n.contains(want)) {
            Some(i) => at += i + 1,
            None => panic!("`{want}` is not read after what comes before it on screen.\nRead: {order:#?}"),
        }
    }
}

#[test]
fn a_step_reads_top_bar_left_to_right_then_heading_body_choices_then_bottom_bar() {
    let mut h = kiosk();
    let ctx = h.ctx.clone();
    h.state_mut().act(Action::StartFlow("printing".into()), &ctx);
    h.run_steps(3);
    let order = reading_order(&h);
    assert_read_in_order(
        &order,
        &[
            "Help kiosk",
            "Smaller text",
            "Larger text",
            "High contrast",
            "Language: English",
            "Print something · step 1",
            "1. ",
            "2. ",
            "Back",
            "Start over",
            "Get help from staff",
        ],
    );
}

#[test]
fn home_reads_the_question_then_the_tiles_then_staff_help() {
    let h = kiosk();
    let order = reading_order(&h);
    assert_read_in_order(
        &order,
        &[
            "Help kiosk",
            "Smaller text",
            "Language: English",
            "Hello!",
            "Print something",
            "Something else?",
            "Get help from staff",
        ],
    );
}

#[test]
fn the_window_has_a_name() {
    let h = kiosk();
    let root = h.root();
    let name = root.accesskit_node().label().unwrap_or_default();
    assert!(name.contains("Help kiosk"), "the window is named {name:?}");
}
