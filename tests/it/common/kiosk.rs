//! The kiosk, headless, for the kiosk tests: a small printing flow in two
//! languages, a clock the test moves by hand, the harness, and the steps a
//! patron takes (frames, clicks by accessible name, keys).

#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use eframe::egui::{self, Key};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use kiosk_triage::flow::FlowSet;
use kiosk_triage::flow::load::parse;
use kiosk_triage::kiosk::{Clock, Kiosk};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The flow set of [`printing`].
pub const FLOWSET: &str =
    r#"FlowSet(name: "test", languages: ["en", "es"], vars: {"printer": "printer", "help_desk": "desk"})"#;
/// Its one branch, with the printer and the desk filled in.
pub const BRANCH: &str =
    r#"Branch(id: "main", name: "Test Library", vars: {"printer": "P-1", "help_desk": "the front desk"})"#;
/// One flow: a question, a step, a question, a handoff and a solved ending.
pub const PRINTING: &str = r#"Flow(
    id: "printing",
    title: {"en": "Print something", "es": "Imprimir algo"},
    icon: "icons/printing.png",
    start: "where",
    nodes: [
        Question(id: "where", text: {"en": "Where are you printing from?", "es": "¿Desde dónde imprime?"}, choices: [
            Choice(label: {"en": "A library computer", "es": "Una computadora de la biblioteca"}, to: "ctrl_p"),
            Choice(label: {"en": "The printer has a problem", "es": "La impresora tiene un problema"}, to: "jam"),
        ]),
        Step(id: "ctrl_p", text: {"en": "Press Ctrl and P. Choose {printer}.", "es": "Presione Ctrl y P. Elija {printer}."}, next: "found"),
        Question(id: "found", text: {"en": "Do you see your job?", "es": "¿Ve su trabajo?"}, choices: [
            Choice(label: {"en": "Yes", "es": "Sí"}, to: "done"),
            Choice(label: {"en": "No", "es": "No"}, to: "jam"),
        ]),
        Handoff(id: "jam", reason: {"en": "Staff will fix the printer.", "es": "El personal arreglará la impresora."}, note: "Jam."),
        Solved(id: "done", text: {"en": "Take your pages.", "es": "Recoja sus hojas."}),
    ],
)"#;

/// [`PRINTING`] at the branch `main` ([`BRANCH`]), in English and Spanish,
/// with the kiosk's own words.
pub fn printing() -> Arc<FlowSet> {
    let files = [
        ("flowset.ron", FLOWSET),
        ("printing.ron", PRINTING),
        ("branches/main.ron", BRANCH),
        ("words/en.ron", include_str!("../../../flows/words/en.ron")),
        ("words/es.ron", include_str!("../../../flows/words/es.ron")),
    ];
    let report = parse(&files, &|_| true, None);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    Arc::new(report.set.unwrap())
}

/// A clock the test moves by hand, in milliseconds.
#[derive(Clone, Default)]
pub struct MockClock(pub Arc<AtomicU64>);

impl MockClock {
    /// A clock that reads `ms` milliseconds.
    pub fn at(ms: u64) -> Self {
        MockClock(Arc::new(AtomicU64::new(ms)))
    }

    /// Moves it on by `secs` seconds.
    pub fn advance(&self, secs: u64) {
        self.advance_by(Duration::from_secs(secs));
    }

    /// Moves it on by `by`.
    pub fn advance_by(&self, by: Duration) {
        self.0.fetch_add(by.as_millis() as u64, Ordering::SeqCst);
    }

    /// The kiosk's view of it.
    pub fn clock(&self) -> Clock {
        let ticks = self.0.clone();
        Arc::new(move || Duration::from_millis(ticks.load(Ordering::SeqCst)))
    }
}

/// The kiosk in a headless window 1280 wide and `height` high.
pub fn harness(kiosk: Kiosk, height: f32) -> Harness<'static, Kiosk> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, height))
        .build_ui_state(|ui, k: &mut Kiosk| k.ui(ui), kiosk)
}

/// Runs a few frames (the kiosk always asks for a repaint later, so `run`
/// would wait for that deadline).
pub fn frames(h: &mut Harness<'_, Kiosk>) {
    h.run_steps(3);
}

/// Clicks the control named `label`, then runs a few frames.
pub fn click(h: &mut Harness<'_, Kiosk>, label: &str) {
    h.get_by_label(label).click();
    frames(h);
}

/// Presses `key`, then runs a few frames.
pub fn key(h: &mut Harness<'_, Kiosk>, key: Key) {
    h.key_press(key);
    frames(h);
}

/// Whether something named `label` is on screen.
pub fn shows(h: &Harness<'_, Kiosk>, label: &str) -> bool {
    h.query_by_label(label).is_some()
}
