//! Take-home links in the kiosk: a step with a `link` shows its short
//! address (beside the QR code of the whole address), a step without one
//! shows none. The desk_summary fixture, headless, found by label.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use crate::common::kiosk::{MockClock, click, frames, harness};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use kiosk_triage::kiosk::{Kiosk, Setup};

fn kiosk() -> Harness<'static, Kiosk> {
    let set = super::desk_summary::set();
    harness(Kiosk::new(Setup::plain(set, "main", MockClock::default().clock())), 900.0)
}

#[test]
fn a_step_with_a_link_shows_its_short_address_and_others_do_not() {
    let mut h = kiosk();
    frames(&mut h);
    click(&mut h, "Email");
    assert!(h.query_by_label("g.co/recover").is_none(), "the question has no link");
    click(&mut h, "1. Gmail");
    assert!(h.query_by_label_contains("Open g.co/recover in the browser").is_some());
    assert!(h.query_by_label("g.co/recover").is_some(), "the short address under the QR code");
    click(&mut h, "Next");
    assert!(h.query_by_label("g.co/recover").is_none(), "the next screen has no link");
}
