//! The staff desk tool: a window where staff type or scan a handoff code and
//! read what the patron already tried, as a checklist.
//!
//! Codes decoded today are listed in memory only; closing the window forgets
//! them. Decoding is the core's (`handoff::summary`); this only shows it.

use crate::flow::model::FlowSet;
use crate::handoff::archive::Archive;
use crate::handoff::summary::{Summary, decode};
use crate::kiosk::stats::LocalClock;
use crate::kiosk::theme::{self, LIGHT};
use crate::stats::Recorder;
use eframe::egui::{self, RichText};
use std::sync::Arc;

mod checklist;
mod outcomes;
use checklist::checklist;
pub(crate) use outcomes::{Outcomes, outcome_panel};

/// The desk window's state.
pub struct Desk {
    sets: Vec<Arc<FlowSet>>,
    archive: Option<Archive>,
    input: String,
    shown: Option<Result<Summary, String>>,
    today: Vec<Summary>,
    started: bool,
    notices: Vec<String>,
    outcomes: Option<Outcomes>,
}

impl Desk {
    /// A desk that decodes against `sets` (the current flows first).
    pub fn new(sets: Vec<Arc<FlowSet>>, notices: Vec<String>) -> Self {
        Desk {
            sets,
            archive: None,
            input: String::new(),
            shown: None,
            today: Vec::new(),
            started: false,
            notices,
            outcomes: None,
        }
    }

    /// The same desk, letting staff record what came of each visit into
    /// `recorder` (anonymous rows: date, code, outcome, READ level, minutes),
    /// dated by `local`.
    pub fn with_outcomes(self, recorder: Recorder, local: LocalClock) -> Self {
        Desk { outcomes: Some(Outcomes::new(Arc::new(recorder), local)), ..self }
    }

    /// The same desk, also decoding against the versions kept in `archive`
    /// (only those with a code's version tag are loaded, when it is typed).
    pub fn with_archive(self, archive: Option<Archive>) -> Self {
        Desk { archive, ..self }
    }

    /// The codes decoded so far, newest first.
    pub fn today(&self) -> &[Summary] {
        &self.today
    }

    fn submit(&mut self) {
        let (decoded, problems) = match &self.archive {
            Some(archive) => archive.decode(&self.input, &self.sets),
            None => (decode(&self.input, &self.sets), Vec::new()),
        };
        for p in problems {
            eprintln!("warning: {p}");
            let p = p.to_string();
            if !self.notices.contains(&p) {
                self.notices.push(p);
            }
        }
        match decoded {
            Ok(summary) => {
                // The READ level the flows suggest for this ending, to start from.
                if let Some(o) = &mut self.outcomes {
                    o.suggest(summary.ending.read);
                }
                self.today.retain(|s| s.code != summary.code);
                self.today.insert(0, summary.clone());
                self.shown = Some(Ok(summary));
                self.input.clear();
            }
            Err(e) => self.shown = Some(Err(e.to_string())),
        }
    }

    /// Draws one frame. Used by eframe and by tests.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.started {
            theme::install_fonts(&ctx);
            theme::apply(&ctx, &LIGHT, &theme::Sizes::at(0.75));
            self.started = true;
        }
        let p = &LIGHT;
        egui::Panel::left("today")
            .resizable(false)
            .exact_size(300.0)
            .frame(egui::Frame::NONE.fill(p.card).inner_margin(16))
            .show(ui, |ui| self.today_panel(ui));
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE.fill(p.background).inner_margin(24))
            .show(ui, |ui| self.main_panel(ui));
    }

    /// The left panel: the codes decoded today; a tap shows one again.
    fn today_panel(&mut self, ui: &mut egui::Ui) {
        let p = &LIGHT;
        ui.label(RichText::new("Decoded today").font(theme::bold(22.0)));
        ui.label(
            RichText::new("Kept in memory only; gone when this window closes.").size(15.0).color(p.muted),
        );
        ui.add_space(8.0);
        let mut pick = None;
        egui::ScrollArea::vertical().show(ui, |ui| {
            for (i, s) in self.today.iter().enumerate() {
                let label = format!("{}  {}", s.code, s.flow.as_deref().unwrap_or("no task"));
                if ui
                    .add(egui::Button::new(RichText::new(label).size(17.0)).min_size(egui::vec2(260.0, 40.0)))
                    .clicked()
                {
                    pick = Some(i);
                }
            }
        });
        if let Some(i) = pick {
            self.shown = self.today.get(i).cloned().map(Ok);
        }
    }

    /// The main panel: the code field, notices, and the checklist shown.
    fn main_panel(&mut self, ui: &mut egui::Ui) {
        let p = &LIGHT;
        ui.label(RichText::new("Type or scan the patron's code").font(theme::bold(26.0)));
        if self.code_field(ui) {
            self.submit();
        }
        for n in &self.notices {
            ui.label(RichText::new(n).size(15.0).color(p.muted));
        }
        ui.add_space(12.0);
        egui::ScrollArea::vertical().show(ui, |ui| self.shown_code(ui));
    }

    /// The code field and its Show button; true when the code is submitted.
    fn code_field(&mut self, ui: &mut egui::Ui) -> bool {
        let mut submit = false;
        ui.horizontal(|ui| {
            let id = ui.scope_id().with("code");
            // A keyboard-wedge scanner types the code and presses Enter.
            // Read Enter before the field takes it.
            let enter = ui.memory(|m| m.has_focus(id)) && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let edit = ui.add(
                egui::TextEdit::singleline(&mut self.input)
                    .id(id)
                    .font(egui::FontId::monospace(34.0))
                    .desired_width(360.0)
                    .hint_text("K7Q2-9XF3"),
            );
            if enter {
                submit = true;
            }
            // The field keeps the focus, so the next scan goes straight in.
            if !edit.has_focus() && (enter || ui.memory(|m| m.focused().is_none())) {
                edit.request_focus();
            }
            let show = egui::Button::new(RichText::new("Show").size(24.0)).min_size(egui::vec2(120.0, 52.0));
            if ui.add(show).clicked() {
                submit = true;
            }
        });
        submit
    }

    /// The checklist of the code shown, with the outcome panel, or why it
    /// did not decode.
    fn shown_code(&mut self, ui: &mut egui::Ui) {
        let p = &LIGHT;
        match &self.shown {
            None => {
                ui.label(
                    RichText::new("The checklist of what the patron already tried appears here.")
                        .size(20.0)
                        .color(p.muted),
                );
            }
            Some(Err(e)) => {
                ui.label(RichText::new(e).size(22.0).color(p.staff));
            }
            Some(Ok(s)) => {
                checklist(ui, s);
                if let Some(o) = &mut self.outcomes {
                    ui.add_space(12.0);
                    outcome_panel(ui, o, &s.code, 48.0, p);
                }
            }
        }
    }
}

/// A framed card on the desk's page.
pub(super) fn card(ui: &mut egui::Ui, p: &theme::Palette, add: impl FnOnce(&mut egui::Ui)) {
    egui::Frame::NONE
        .fill(p.card)
        .stroke(egui::Stroke::new(2.0, p.border))
        .corner_radius(10)
        .inner_margin(14)
        .show(ui, add);
}

impl eframe::App for Desk {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        Desk::ui(self, ui);
    }
}

/// What the desk window is started with: plain values, which `src/cli` fills
/// from the command line.
pub struct DeskOptions {
    /// Reads the flows and the archive the desk decodes against. Called once
    /// the log has started and a display was found, so nothing is read (or
    /// archived) when the window cannot open. `Err`: what to say, exit 2.
    pub open: Box<dyn FnOnce() -> Result<DeskFlows, String>>,
}

/// The flows a desk decodes against.
pub struct DeskFlows {
    /// The current flows first (none when they have errors).
    pub sets: Vec<Arc<FlowSet>>,
    /// Earlier flow versions, so old codes still decode.
    pub archive: Option<Archive>,
    /// The data folder visit outcomes are recorded in (none: not recorded).
    pub data: Option<std::path::PathBuf>,
    /// What staff should know (flows with errors, no data folder).
    pub notices: Vec<String>,
}

/// Starts the desk window: the current flows and every archived version.
pub fn run(options: DeskOptions) -> u8 {
    let log_file = crate::locations::resolve(
        &crate::locations::Probe::system(),
        &crate::locations::Given::default(),
        &Default::default(),
    )
    .log;
    let _logging = crate::kiosk::start_logging(log_file.as_deref(), "desk");
    if std::env::var_os("DISPLAY").is_none()
        && std::env::var_os("WAYLAND_DISPLAY").is_none()
        && !cfg!(windows)
    {
        eprintln!(
            "kiosk-triage: there is no display for the desk window; `kiosk-triage decode CODE` works in a terminal."
        );
        return 2;
    }
    let DeskFlows { sets, archive, data, notices } = match (options.open)() {
        Ok(flows) => flows,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Help kiosk · desk")
            .with_app_id("kiosk-triage-desk")
            .with_inner_size([1200.0, 820.0]),
        ..Default::default()
    };
    match eframe::run_native(
        "kiosk-triage-desk",
        options,
        Box::new(move |_| {
            let desk = Desk::new(sets, notices).with_archive(archive);
            // Outcomes go beside the archive, in the data folder the desk uses.
            let desk = match data {
                Some(dir) => desk.with_outcomes(
                    Recorder::new(&dir, "desk", crate::stats::store::DEFAULT_RETENTION_DAYS),
                    crate::kiosk::stats::local_clock(),
                ),
                None => desk,
            };
            Ok(Box::new(desk))
        }),
    ) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("kiosk-triage: the desk window could not start: {e}");
            2
        }
    }
}
