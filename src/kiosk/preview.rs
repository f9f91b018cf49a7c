//! `kiosk-triage preview`: draws the kiosk's screens with a library's own
//! flows to PNG files, for IT staff and reviewers (and the gallery in
//! `docs/screens/`).
//!
//! The real kiosk draws each screen in a window of the asked size; eframe
//! takes the screenshot. Nothing is mocked, so what the files show is what
//! patrons see. Text that does not fit where it is drawn (a cut title, a
//! button whose words spill) is listed, and the command then exits 1.

use super::app::{Action, Kiosk};
use super::layout;
use super::setup::Setup;
use super::theme::DEFAULT_SCALE;
use crate::cli::preview::{Args, Screen, Theme};
use crate::config::{KioskConfig, StaffGate};
use crate::tour::{Route, Tour, tour};
use eframe::egui;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::time::Duration;

/// One picture to draw.
struct Shot {
    file: String,
    size: (u32, u32),
    lang: String,
    scale: usize,
    contrast: bool,
    screen: Screen,
}

/// Every combination asked for, screens innermost.
fn plan(args: &Args, langs: &[String]) -> Vec<Shot> {
    let sizes = if args.size.is_empty() { vec![(1280, 800)] } else { args.size.clone() };
    let scales: Vec<usize> = if args.text_size.is_empty() {
        vec![DEFAULT_SCALE]
    } else {
        args.text_size.iter().map(|n| usize::from(*n).saturating_sub(1)).collect()
    };
    let themes = if args.theme.is_empty() { vec![Theme::Light] } else { args.theme.clone() };
    let screens = if args.screen.is_empty() { Screen::ALL.to_vec() } else { args.screen.clone() };
    let mut out = Vec::new();
    for &(w, h) in &sizes {
        for lang in langs {
            for &scale in &scales {
                for &theme in &themes {
                    for &screen in &screens {
                        let contrast = theme == Theme::Contrast;
                        let file = format!(
                            "{}-{lang}-{w}x{h}-text{}-{}.png",
                            screen.name(),
                            scale + 1,
                            if contrast { "contrast" } else { "light" }
                        );
                        out.push(Shot { file, size: (w, h), lang: lang.clone(), scale, contrast, screen });
                    }
                }
            }
        }
    }
    out
}

/// Runs the command; the exit code.
pub fn run(args: &Args) -> u8 {
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!(
            "error: `preview` draws with the kiosk's own window and needs a display; \
             run it under Xvfb: `xvfb-run -s \"-screen 0 1920x1920x24\" kiosk-triage preview`"
        );
        return 2;
    }
    let loaded = match crate::cli::load_flows(&args.flows, args.branch.as_deref()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let Some(set) = loaded.report.set.clone() else {
        eprintln!("error: the flows have errors; fix them first (`kiosk-triage check`)");
        return 2;
    };
    let set = Arc::new(set);
    let branch = args.branch.clone().unwrap_or_else(|| set.branches[0].id.clone());
    if set.branch(&branch).is_none() {
        eprintln!("error: there is no branch `{branch}` in the flows");
        return 2;
    }
    let langs = if args.lang.is_empty() { set.languages.clone() } else { args.lang.clone() };
    if let Some(l) = langs.iter().find(|l| !set.languages.contains(l)) {
        eprintln!("error: the flows have no language `{l}` (they have {})", set.languages.join(", "));
        return 2;
    }
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!("error: cannot make `{}`: {e}", args.out.display());
        return 2;
    }
    let shots = plan(args, &langs);
    let ticks = Arc::new(AtomicU64::new(1000));
    let t = ticks.clone();
    let clock: super::Clock = Arc::new(move || Duration::from_millis(t.load(Ordering::SeqCst)));
    let kiosk = Kiosk::new(Setup {
        assets: loaded.assets,
        gate: StaffGate::NoPin,
        ..Setup::plain(set.clone(), &branch, clock)
    });
    let (w, h) = shots.first().map_or((1280, 800), |s| s.size);
    let viewport = egui::ViewportBuilder::default()
        .with_title("kiosk-triage preview")
        .with_inner_size([w as f32, h as f32])
        .with_position([0.0, 0.0])
        .with_decorations(false);
    let report = Arc::new(std::sync::Mutex::new(Report::default()));
    let preview = Preview {
        kiosk,
        tour: tour(&set, &branch),
        shots,
        at: 0,
        stage: Stage::Setup,
        ticks,
        out: args.out.clone(),
        report: report.clone(),
        pictures: std::sync::mpsc::channel(),
    };
    let options = eframe::NativeOptions { viewport, ..Default::default() };
    if let Err(e) = eframe::run_native("kiosk-triage-preview", options, Box::new(|_| Ok(Box::new(preview)))) {
        eprintln!("error: the preview window could not start: {e}");
        return 2;
    }
    let r = report.lock().map(|mut r| std::mem::take(&mut *r)).unwrap_or_default();
    println!("{} pictures in {}", r.written, args.out.display());
    for p in &r.problems {
        println!("does not fit: {p}");
    }
    if !r.problems.is_empty() {
        return 1;
    }
    u8::from(r.failed)
}

/// What came of the run.
#[derive(Default)]
struct Report {
    written: usize,
    problems: Vec<String>,
    failed: bool,
}

enum Stage {
    /// Sizing the window and setting up the screen.
    Setup,
    /// Letting the screen settle for a few frames.
    Settle(u32),
    /// Waiting for the screenshot.
    Wait,
}

struct Preview {
    kiosk: Kiosk,
    tour: Tour,
    shots: Vec<Shot>,
    at: usize,
    stage: Stage,
    ticks: Arc<AtomicU64>,
    out: PathBuf,
    report: Arc<std::sync::Mutex<Report>>,
    /// Screenshots, as eframe hands them over.
    pictures: (Sender<Arc<egui::ColorImage>>, Receiver<Arc<egui::ColorImage>>),
}

impl Preview {
    /// Puts the kiosk on the shot's screen, as a patron would get there.
    fn set_up(&mut self, ctx: &egui::Context) {
        let Some(shot) = self.shots.get(self.at) else { return };
        let k = &mut self.kiosk;
        k.wipe();
        k.act(Action::Language(shot.lang.clone()), ctx);
        let d = shot.scale as i32 - DEFAULT_SCALE as i32;
        for _ in 0..d.abs() {
            k.act(Action::TextSize(d.signum()), ctx);
        }
        if shot.contrast {
            k.act(Action::Contrast, ctx);
        }
        let route = match shot.screen {
            Screen::Home => None,
            Screen::Step | Screen::Idle => self.tour.picture.clone(),
            Screen::Question | Screen::Languages => self.tour.most_choices.clone(),
            Screen::Solved => self.tour.solved.clone(),
            Screen::Handoff => self.tour.handoff.clone(),
        };
        if let Some(Route { flow, steps }) = route {
            k.act(Action::StartFlow(flow), ctx);
            for n in steps {
                k.act(if n == 0 { Action::Next } else { Action::Choose(n) }, ctx);
            }
        }
        if shot.screen == Screen::Languages {
            k.act(Action::OpenLanguages, ctx);
        }
        if shot.screen == Screen::Idle {
            let wait = KioskConfig::default().idle_warning() + Duration::from_secs(3);
            self.ticks.fetch_add(wait.as_millis() as u64, Ordering::SeqCst);
        }
    }

    fn write_png(&self, image: &egui::ColorImage) -> Result<(), String> {
        let shot = self.shots.get(self.at).ok_or("no shot")?;
        let [w, h] = image.size;
        let bytes: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
        let img =
            image::RgbaImage::from_raw(w as u32, h as u32, bytes).ok_or("a screenshot of the wrong size")?;
        let path = self.out.join(&shot.file);
        img.save(&path).map_err(|e| format!("cannot write `{}`: {e}", path.display()))
    }
}

impl eframe::App for Preview {
    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        self.kiosk.backdrop().to_normalized_gamma_f32()
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let image = self.pictures.1.try_recv().ok();
        self.kiosk.ui(ui);
        ctx.request_repaint();
        let Some(shot) = self.shots.get(self.at) else {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        };
        let want = egui::vec2(shot.size.0 as f32, shot.size.1 as f32);
        match self.stage {
            Stage::Setup => {
                if (ctx.content_rect().size() - want).length() > 0.5 {
                    ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(want));
                    return;
                }
                self.set_up(&ctx);
                self.stage = Stage::Settle(0);
            }
            Stage::Settle(n) if n < 5 => self.stage = Stage::Settle(n + 1),
            Stage::Settle(_) => {
                let cut = layout::overflows(&ctx);
                if let Ok(mut r) = self.report.lock() {
                    r.problems.extend(cut.into_iter().map(|c| format!("{}: {c}", shot.file)));
                }
                let tx = self.pictures.0.clone();
                ctx.request_screenshot(move |image| {
                    let _ = tx.send(image);
                });
                self.stage = Stage::Wait;
            }
            Stage::Wait => {
                let Some(image) = image else { return };
                let saved = self.write_png(&image);
                if let Ok(mut r) = self.report.lock() {
                    match saved {
                        Ok(()) => r.written += 1,
                        Err(e) => {
                            eprintln!("error: {e}");
                            r.failed = true;
                        }
                    }
                }
                self.at += 1;
                self.stage = Stage::Setup;
            }
        }
    }
}
