//! Take-home links in the kiosk: a step with a `link` shows its short
//! address (beside the QR code of the whole address), a step without one
//! shows none. The desk_summary fixture, headless, found by label.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use kiosk_triage::kiosk::{Kiosk, Setup};
use std::sync::Arc;
use std::time::Duration;

fn kiosk() -> Harness<'static, Kiosk> {
    let set = super::desk_summary::set();
    let setup = Setup::plain(set, "main", Arc::new(|| Duration::ZERO));
    Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .build_ui_state(|ui, k: &mut Kiosk| k.ui(ui), Kiosk::new(setup))
}

fn click(h: &mut Harness<'_, Kiosk>, label: &str) {
    h.get_by_label(label).click();
    h.run_steps(3);
}

#[test]
fn a_step_with_a_link_shows_its_short_address_and_others_do_not() {
    let mut h = kiosk();
    h.run_steps(3);
    click(&mut h, "Email");
    assert!(h.query_by_label("g.co/recover").is_none(), "the question has no link");
    click(&mut h, "1. Gmail");
    assert!(h.query_by_label_contains("Open g.co/recover in the browser").is_some());
    assert!(h.query_by_label("g.co/recover").is_some(), "the short address under the QR code");
    click(&mut h, "Next");
    assert!(h.query_by_label("g.co/recover").is_none(), "the next screen has no link");
}
