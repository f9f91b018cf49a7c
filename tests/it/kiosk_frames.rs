//! How many frames the kiosk draws. On a library PC without a GPU every
//! frame is the whole screen drawn in software (about 35 ms at 1920x1080,
//! docs/performance.md), so a key press must show its new screen in the frame
//! it arrives in and leave egui no reason for another, and the idle
//! countdown's frame a second must draw only its card.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use crate::common::kiosk::{MockClock, frames, harness, printing, shows};
use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use kiosk_triage::config::KioskConfig;
use kiosk_triage::kiosk::{Kiosk, Setup};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

fn kiosk() -> (Harness<'static, Kiosk>, MockClock) {
    let clock = MockClock::default();
    let setup = Setup { config: KioskConfig::default(), ..Setup::plain(printing(), "main", clock.clock()) };
    let mut h = harness(Kiosk::new(setup), 800.0);
    frames(&mut h);
    (h, clock)
}

fn key_event(key: Key, pressed: bool) -> egui::Event {
    egui::Event::Key { key, physical_key: Some(key), pressed, repeat: false, modifiers: Modifiers::NONE }
}

/// Sends `events` the way eframe does: through the kiosk's raw input hook,
/// then one frame.
fn one_frame_with(h: &mut Harness<'_, Kiosk>, events: Vec<egui::Event>) {
    let ctx = h.ctx.clone();
    let mut raw = std::mem::take(h.input_mut());
    raw.events.extend(events);
    h.state_mut().hold_keys(&ctx, &mut raw);
    *h.input_mut() = raw;
    h.step();
}

/// Sends `events` as [`one_frame_with`] does, and counts the requests for
/// another frame at once that the frame made (egui's own for input it saw,
/// a widget's, the kiosk's).
fn asks_at_once(h: &mut Harness<'_, Kiosk>, events: Vec<egui::Event>) -> usize {
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    h.ctx.set_repaint_observer(move |info| {
        if info.delay.is_zero() {
            seen.fetch_add(1, Ordering::SeqCst);
        }
    });
    one_frame_with(h, events);
    h.ctx.set_repaint_observer(|_| {});
    count.load(Ordering::SeqCst)
}

#[test]
fn a_key_press_shows_its_screen_in_its_own_frame_and_asks_for_no_other() {
    let (mut h, _) = kiosk();
    assert!(shows(&h, "Print something"));
    assert_eq!(asks_at_once(&mut h, Vec::new()), 0, "the home screen, settled, asks for no frame");
    // Key 1 on home starts the first flow: its question shows in the very
    // frame of the key press, not in the one after.
    let asked = asks_at_once(&mut h, vec![key_event(Key::Num1, true), egui::Event::Text("1".into())]);
    assert!(shows(&h, "Where are you printing from?"), "the key's frame drew the new screen");
    assert_eq!(asked, 0, "egui was left no input to draw another frame for");
    // Its release, a frame of its own in eframe, asks for none after it.
    assert_eq!(asks_at_once(&mut h, vec![key_event(Key::Num1, false)]), 0, "a key release asks for no frame");
    // And key 2 on the question chooses its second answer, in its frame.
    one_frame_with(&mut h, vec![key_event(Key::Num2, true)]);
    assert!(shows(&h, "Staff will fix the printer."), "the second answer's screen");
}

#[test]
fn tab_and_keys_for_a_focused_button_stay_with_egui() {
    let (mut h, _) = kiosk();
    let ctx = h.ctx.clone();
    let mut raw = egui::RawInput { events: vec![key_event(Key::Tab, true)], ..Default::default() };
    h.state_mut().hold_keys(&ctx, &mut raw);
    assert_eq!(raw.events.len(), 1, "Tab moves egui's focus");
    h.key_press(Key::Tab);
    frames(&mut h);
    assert!(ctx.memory(|m| m.focused().is_some()), "Tab focused a control");
    let mut raw = egui::RawInput { events: vec![key_event(Key::Enter, true)], ..Default::default() };
    h.state_mut().hold_keys(&ctx, &mut raw);
    assert_eq!(raw.events.len(), 1, "Enter presses the focused control, so egui keeps it");
}

#[test]
fn the_idle_countdown_draws_its_card_alone_on_a_dimmed_background() {
    let (mut h, clock) = kiosk();
    one_frame_with(&mut h, vec![key_event(Key::Num1, true)]);
    let background = h.state().backdrop();
    clock.advance(KioskConfig::default().idle_warning().as_secs() + 1);
    frames(&mut h);
    assert!(shows(&h, "Are you still there?"));
    // Nothing of the patron's screen is drawn under the card: no pixels to
    // fill for it each second, and nothing of it for a passer-by to read.
    assert!(!shows(&h, "Where are you printing from?"), "the patron's screen is not drawn under the card");
    assert!(!shows(&h, "Get help from staff"), "nor its bars");
    let dimmed = h.state().backdrop();
    let light = |c: egui::Color32| u32::from(c.r()) + u32::from(c.g()) + u32::from(c.b());
    assert!(
        light(dimmed) * 3 < light(background),
        "the window is cleared to a dimmed background: {dimmed:?}"
    );
    // Still here: the screen comes back as it was, on its own background.
    h.key_press(Key::Enter);
    frames(&mut h);
    assert!(shows(&h, "Where are you printing from?"));
    assert_eq!(h.state().backdrop(), background);
}

/// The pixels the last frame's shapes cover, overlaps counted each time:
/// what a software renderer fills (the window's clear colour aside).
fn painted(h: &Harness<'_, Kiosk>) -> f32 {
    let out = h.output();
    // The first shape is the test harness's own panel (eframe has none).
    let mut shapes = out.shapes.clone();
    assert!(
        matches!(&shapes[0].shape, egui::Shape::Rect(r) if r.rect == h.ctx.content_rect().shrink(8.0)),
        "the harness's panel comes first"
    );
    shapes.remove(0);
    let tri = |m: &egui::Mesh, t: &[u32]| {
        let [a, b, c] = [0, 1, 2].map(|i| m.vertices[t[i] as usize].pos);
        ((b - a).x * (c - a).y - (b - a).y * (c - a).x).abs() / 2.0
    };
    h.ctx
        .tessellate(shapes, out.pixels_per_point)
        .iter()
        .map(|p| match &p.primitive {
            egui::epaint::Primitive::Mesh(m) => m.indices.chunks_exact(3).map(|t| tri(m, t)).sum::<f32>(),
            egui::epaint::Primitive::Callback(_) => 0.0,
        })
        .sum::<f32>()
        * out.pixels_per_point.powi(2)
}

#[test]
fn home_and_a_question_at_1080p_fill_little_of_the_window() {
    // On a PC without a GPU a frame costs the pixels it fills. The page is
    // the window's clear colour, and home tiles' and unselected top-bar
    // buttons' faces are the colour under them, so they are not filled
    // again (the tile faces were half of a home frame's pixels).
    let set = crate::common::five_languages();
    let setup = Setup::plain(set.clone(), &set.branches[0].id, MockClock::default().clock());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .build_ui_state(|ui, k: &mut Kiosk| k.ui(ui), Kiosk::new(setup));
    frames(&mut h);
    let window = 1920.0 * 1080.0;
    assert!(shows(&h, "Something else?"));
    let home = painted(&h) / window;
    one_frame_with(&mut h, vec![key_event(Key::Num1, true)]);
    frames(&mut h);
    assert!(shows(&h, "What do you need help with?"), "the first flow's question (five full-width answers)");
    let question = painted(&h) / window;
    eprintln!("painted: home {home:.2}, the question {question:.2} of the window");
    assert!(home < 0.45, "home fills {home:.2} of the window");
    assert!(question < 0.65, "the question fills {question:.2} of the window");
}

#[test]
fn a_text_size_change_draws_home_whole_in_its_own_frame() {
    let (mut h, _) = kiosk();
    let tile = |h: &Harness<'_, Kiosk>| h.get_by_label_contains("Print something").rect();
    let before = tile(&h);
    let plus = egui::Event::Key {
        key: Key::Plus,
        physical_key: Some(Key::Plus),
        pressed: true,
        repeat: false,
        modifiers: Modifiers::CTRL,
    };
    let asked = asks_at_once(&mut h, vec![plus]);
    let after = tile(&h);
    assert!(after.height() > before.height(), "the tiles grew: {before:?} -> {after:?}");
    assert_eq!(asked, 0, "nothing in home (a grid remembering the old sizes) asks for a second frame");
    // The next frame draws the same tiles: the first was already right.
    frames(&mut h);
    assert_eq!(tile(&h), after);
}

#[test]
fn a_tap_shows_its_screen_in_its_own_frame() {
    let (mut h, _) = kiosk();
    let at = h.get_by_label_contains("Print something").rect().center();
    let button = |pressed| egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    one_frame_with(&mut h, vec![egui::Event::PointerMoved(at), button(true), button(false)]);
    assert!(shows(&h, "Where are you printing from?"), "the tap's frame drew the new screen");
}
