//! Recording what came of a desk visit (outcome, READ level, minutes) as an
//! anonymous desk row, in one tap. The desk window and the kiosk's staff mode
//! both show this panel.

use super::card;
use crate::kiosk::stats::LocalClock;
use crate::kiosk::theme;
use crate::stats::{DeskOutcome, DeskRecord, Recorder};
use eframe::egui::{self, RichText};
use std::sync::Arc;

/// Recording what came of a desk visit: anonymous rows keyed by the code.
/// The desk window and the kiosk's staff mode both use it.
pub(crate) struct Outcomes {
    recorder: Arc<Recorder>,
    local: LocalClock,
    /// The READ level (1-6) and minutes the next outcome is recorded with.
    read: u8,
    minutes: u16,
    /// Codes recorded in this window, with what was said (memory only).
    done: Vec<(String, String)>,
    problem: Option<String>,
}

/// READ scale levels as desk staff know them (Reference Effort Assessment Data).
const READ_LEVELS: [(u8, &str); 6] = [
    (1, "1 · directions, quick answer"),
    (2, "2 · minor help"),
    (3, "3 · some searching or teaching"),
    (4, "4 · several sources, longer"),
    (5, "5 · expert, research"),
    (6, "6 · in-depth, follow-up"),
];

/// Minutes offered, in the steps the statistics keep.
const MINUTES: [u16; 6] = [2, 5, 10, 15, 30, 60];

/// Below the checklist: what came of the visit, in one tap (the READ level
/// and minutes keep their last values). `target`: the height of every
/// button (the kiosk's touch screen asks for 64 px); `p`: the colours of the
/// screen it is on (the kiosk's staff mode keeps the patron's high contrast,
/// whose text would not show on a light card).
pub(crate) fn outcome_panel(
    ui: &mut egui::Ui,
    o: &mut Outcomes,
    code: &str,
    target: f32,
    p: &theme::Palette,
) {
    card(ui, p, |ui| {
        if let Some((_, said)) = o.done.iter().find(|(c, _)| c == code) {
            ui.label(RichText::new(format!("Recorded: {said}")).font(theme::bold(20.0)));
            return;
        }
        ui.label(
            RichText::new("What came of it? (anonymous, for the library's statistics)")
                .font(theme::bold(20.0)),
        );
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("READ level").size(17.0));
            for (level, name) in READ_LEVELS {
                let b = choice(o.read == level, RichText::new(name).size(16.0), p);
                if ui.add(b.min_size(egui::vec2(target, target))).clicked() {
                    o.read = level;
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Minutes").size(17.0));
            for m in MINUTES {
                let b = choice(o.minutes == m, RichText::new(m.to_string()).size(16.0), p);
                if ui.add(b.min_size(egui::vec2(target, target))).clicked() {
                    o.minutes = m;
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            for (outcome, label) in [
                (DeskOutcome::Resolved, "Resolved"),
                (DeskOutcome::Referred, "Referred elsewhere"),
                (DeskOutcome::Booked, "Booked an appointment"),
                (DeskOutcome::CouldNotHelp, "Could not help"),
            ] {
                let button = egui::Button::new(RichText::new(label).size(19.0).color(p.text))
                    .stroke(egui::Stroke::new(2.0, p.border))
                    .min_size(egui::vec2(200.0, target));
                if ui.add(button).clicked() {
                    o.record(code, outcome, label);
                }
            }
        });
        if let Some(problem) = &o.problem {
            ui.label(RichText::new(problem).size(17.0).color(p.staff));
        }
    });
}

/// One of a set (a READ level, minutes): the chosen one filled in the
/// screen's primary colour, the others outlined, so each shows as a target
/// to tap and its edge stands out from the card at 3:1 (egui's own frames
/// are a faint fill, or none, for an unchosen one and a pale blue for the
/// chosen one).
fn choice(selected: bool, text: RichText, p: &theme::Palette) -> egui::Button<'static> {
    if selected {
        egui::Button::selectable(true, text.color(p.on_primary)).fill(p.primary)
    } else {
        egui::Button::selectable(false, text.color(p.text)).stroke(egui::Stroke::new(2.0, p.border))
    }
}

impl Outcomes {
    /// Outcomes written through `recorder`, dated by `local`.
    pub(crate) fn new(recorder: Arc<Recorder>, local: LocalClock) -> Self {
        Outcomes { recorder, local, read: 2, minutes: 5, done: Vec::new(), problem: None }
    }

    /// Starts from the READ level the flows suggest for an ending.
    pub(crate) fn suggest(&mut self, read: Option<u8>) {
        if let Some(level) = read {
            self.read = level;
        }
    }

    fn record(&mut self, code: &str, outcome: DeskOutcome, label: &str) {
        let Some(at) = (self.local)() else {
            self.problem = Some("The computer's date could not be read, so nothing was recorded.".into());
            return;
        };
        let row = DeskRecord::new(at.date, code, outcome, Some(self.read), self.minutes);
        match self.recorder.record_desk(&row) {
            Ok(()) => {
                self.problem = None;
                let said = format!("{label}, READ {}, {} min", self.read, self.minutes);
                self.done.push((code.to_string(), said));
            }
            Err(e) => {
                let text =
                    format!("Not recorded: cannot write to `{}` ({e}).", self.recorder.dir().display());
                log::warn!("{text}");
                self.problem = Some(text);
            }
        }
    }
}
