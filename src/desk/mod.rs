//! The staff desk tool: a window where staff type or scan a handoff code and
//! read what the patron already tried, as a checklist.
//!
//! Codes decoded today are listed in memory only; closing the window forgets
//! them. Decoding is the core's (`handoff::summary`); this only shows it.

use crate::flow::model::FlowSet;
use crate::flow::raw::Firmness;
use crate::handoff::archive::Archive;
use crate::handoff::summary::{Summary, decode};
use crate::kiosk::stats::LocalClock;
use crate::kiosk::theme::{self, LIGHT};
use crate::stats::{DeskOutcome, DeskRecord, Recorder};
use eframe::egui::{self, Color32, RichText};
use std::sync::Arc;

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
            .show(ui, |ui| {
                ui.label(RichText::new("Decoded today").font(theme::bold(22.0)));
                ui.label(
                    RichText::new("Kept in memory only; gone when this window closes.")
                        .size(15.0)
                        .color(p.muted),
                );
                ui.add_space(8.0);
                let mut pick = None;
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for (i, s) in self.today.iter().enumerate() {
                        let label = format!("{}  {}", s.code, s.flow.as_deref().unwrap_or("no task"));
                        if ui
                            .add(
                                egui::Button::new(RichText::new(label).size(17.0))
                                    .min_size(egui::vec2(260.0, 40.0)),
                            )
                            .clicked()
                        {
                            pick = Some(i);
                        }
                    }
                });
                if let Some(i) = pick {
                    self.shown = self.today.get(i).cloned().map(Ok);
                }
            });
        egui::CentralPanel::default().frame(egui::Frame::NONE.fill(p.background).inner_margin(24)).show(
            ui,
            |ui| {
                ui.label(RichText::new("Type or scan the patron's code").font(theme::bold(26.0)));
                let mut submit = false;
                ui.horizontal(|ui| {
                    let id = ui.scope_id().with("code");
                    // A keyboard-wedge scanner types the code and presses Enter.
                    // Read Enter before the field takes it.
                    let enter =
                        ui.memory(|m| m.has_focus(id)) && ui.input(|i| i.key_pressed(egui::Key::Enter));
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
                    let show =
                        egui::Button::new(RichText::new("Show").size(24.0)).min_size(egui::vec2(120.0, 52.0));
                    if ui.add(show).clicked() {
                        submit = true;
                    }
                });
                if submit {
                    self.submit();
                }
                for n in &self.notices {
                    ui.label(RichText::new(n).size(15.0).color(p.muted));
                }
                ui.add_space(12.0);
                egui::ScrollArea::vertical().show(ui, |ui| match &self.shown {
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
                            outcome_panel(ui, o, &s.code, 48.0);
                        }
                    }
                });
            },
        );
    }
}

/// A framed card on the desk's page.
fn card(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui)) {
    let p = &LIGHT;
    egui::Frame::NONE
        .fill(p.card)
        .stroke(egui::Stroke::new(2.0, p.border))
        .corner_radius(10)
        .inner_margin(14)
        .show(ui, add);
}

/// Below the checklist: what came of the visit, in one tap (the READ level
/// and minutes keep their last values). `target`: the height of every
/// button (the kiosk's touch screen asks for 64 px).
pub(crate) fn outcome_panel(ui: &mut egui::Ui, o: &mut Outcomes, code: &str, target: f32) {
    let p = &LIGHT;
    card(ui, |ui| {
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
                let b = egui::Button::selectable(o.read == level, RichText::new(name).size(16.0));
                if ui.add(b.min_size(egui::vec2(target, target))).clicked() {
                    o.read = level;
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Minutes").size(17.0));
            for m in MINUTES {
                let b = egui::Button::selectable(o.minutes == m, RichText::new(m.to_string()).size(16.0));
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
                let button =
                    egui::Button::new(RichText::new(label).size(19.0)).min_size(egui::vec2(200.0, target));
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

fn checklist(ui: &mut egui::Ui, s: &Summary) {
    let p = &LIGHT;
    ui.label(
        RichText::new(format!("{} · {}", s.code, s.flow.as_deref().unwrap_or("No task chosen")))
            .font(theme::bold(28.0)),
    );
    ui.label(
        RichText::new(format!("{} · {} · {} · {}", s.branch, s.language, s.time, s.reached))
            .size(19.0)
            .color(p.muted),
    );
    if let Some(line) = crate::handoff::facts::urgent_line(&s.urgent) {
        egui::Frame::NONE.fill(p.staff).corner_radius(8).inner_margin(10).show(ui, |ui| {
            ui.label(RichText::new(line).font(theme::bold(19.0)).color(Color32::WHITE));
        });
    }
    for f in &s.facts {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("{}:", f.name)).font(theme::bold(20.0)));
            ui.label(RichText::new(&f.answer).font(theme::bold(20.0)).color(p.primary));
        });
    }
    ui.add_space(8.0);
    if !s.steps.is_empty() {
        ui.label(RichText::new("What they already did").font(theme::bold(22.0)));
        for (i, step) in s.steps.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("{:>2}. ✔", i + 1)).size(18.0).color(p.muted));
                ui.label(RichText::new(&step.screen).size(18.0));
            });
            if let Some(a) = &step.answer {
                ui.label(RichText::new(format!("        → {a}")).font(theme::bold(18.0)).color(p.primary));
            }
        }
        if s.looped {
            ui.label(
                RichText::new("They went round a loop; the repeats are left out.").size(16.0).color(p.muted),
            );
        }
        ui.add_space(8.0);
    }
    card(ui, |ui| {
        ui.label(RichText::new("Where it ended").font(theme::bold(20.0)));
        ui.label(RichText::new(&s.ending.told).size(18.0));
        ui.add_space(6.0);
        ui.label(RichText::new("Staff note").font(theme::bold(20.0)));
        ui.label(RichText::new(&s.ending.note).size(18.0));
        if let Some(line) =
            crate::handoff::summary::statistics_line(s.ending.read, s.ending.question_type.as_deref())
        {
            ui.label(RichText::new(line).size(16.0).color(p.muted));
        }
        if let Some((firmness, text)) = &s.ending.policy {
            ui.add_space(6.0);
            let (badge, color, meaning) = match firmness {
                Firmness::Strict => ("STRICT", p.staff, "never bends (privacy, safety)"),
                Firmness::Flexible => {
                    ("FLEXIBLE", p.primary, "you may make a one-time exception; say that it is one")
                }
            };
            ui.horizontal_wrapped(|ui| {
                egui::Frame::NONE
                    .fill(color)
                    .corner_radius(6)
                    .inner_margin(egui::Margin::symmetric(8, 2))
                    .show(ui, |ui| {
                        ui.label(RichText::new(badge).font(theme::bold(16.0)).color(Color32::WHITE));
                    });
                ui.label(RichText::new(meaning).size(16.0).color(p.muted));
            });
            ui.label(RichText::new(text).size(18.0));
        }
    });
}

impl eframe::App for Desk {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        Desk::ui(self, ui);
    }
}

/// Starts the desk window: the current flows and every archived version.
pub fn run(args: &crate::cli::DeskArgs) -> u8 {
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
    let loaded = match crate::cli::load_flows(&args.flows, None) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let mut notices = Vec::new();
    if let Some(n) = &loaded.note {
        notices.push(n.clone());
    }
    if loaded.report.set.is_none() {
        notices.push("The flows folder has errors; only archived versions can be decoded.".into());
    }
    let (sets, archive) = crate::cli::decode::known_sets(&loaded, args.data.as_deref());
    let data = args.data.clone().or_else(crate::cli::decode::default_data);
    if data.is_none() {
        notices.push(
            "Visit outcomes are not recorded: there is no data folder here (start the desk with --data DIR)."
                .into(),
        );
    }
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
