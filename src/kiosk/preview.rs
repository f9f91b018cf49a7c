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
use crate::config::{KioskConfig, StaffGate};
use crate::flow::FlowSet;
use crate::flow::load::Assets;
use crate::tour::{Route, Screen, Theme, Tour, tour};
use eframe::egui;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::time::Duration;

/// What `preview` draws: plain values, which `src/cli` fills from the
/// command line. An empty list means the default.
pub struct PreviewOptions {
    /// Reads and accepts the flows (load, check, code lengths: the one
    /// pipeline every command shares). Called once a display was found.
    /// `Err`: what to say, exit 2.
    pub flows: Box<dyn Fn() -> Result<Drawable, String>>,
    /// The branch [default: the first in the flows].
    pub branch: Option<String>,
    /// Languages [default: every language of the flows].
    pub langs: Vec<String>,
    /// Text sizes, 1 (smallest) to 5 [default: the kiosk's own].
    pub text_sizes: Vec<u8>,
    /// Themes [default: light].
    pub themes: Vec<Theme>,
    /// Screen sizes, width and height [default: 1280x800].
    pub sizes: Vec<(u32, u32)>,
    /// Screens [default: all of them].
    pub screens: Vec<Screen>,
    /// The folder the PNG files go to (created).
    pub out: PathBuf,
}

/// Flows accepted for drawing.
pub struct Drawable {
    /// The checked flows.
    pub set: Arc<FlowSet>,
    /// Their pictures.
    pub assets: Assets,
}

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
fn plan(options: &PreviewOptions, langs: &[String]) -> Vec<Shot> {
    let sizes = if options.sizes.is_empty() { vec![(1280, 800)] } else { options.sizes.clone() };
    let scales: Vec<usize> = if options.text_sizes.is_empty() {
        vec![DEFAULT_SCALE]
    } else {
        options.text_sizes.iter().map(|n| usize::from(*n).saturating_sub(1)).collect()
    };
    let themes = if options.themes.is_empty() { vec![Theme::Light] } else { options.themes.clone() };
    let screens = if options.screens.is_empty() { Screen::ALL.to_vec() } else { options.screens.clone() };
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
                            theme.name()
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
pub fn run(options: PreviewOptions) -> u8 {
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!(
            "error: `preview` draws with the kiosk's own window and needs a display; \
             run it under Xvfb: `xvfb-run -s \"-screen 0 1920x1920x24\" kiosk-triage preview`"
        );
        return 2;
    }
    let Drawable { set, assets } = match (options.flows)() {
        Ok(accepted) => accepted,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let branch = options.branch.clone().unwrap_or_else(|| set.branches[0].id.clone());
    if set.branch(&branch).is_none() {
        eprintln!("error: there is no branch `{branch}` in the flows");
        return 2;
    }
    let langs = if options.langs.is_empty() { set.languages.clone() } else { options.langs.clone() };
    if let Some(l) = langs.iter().find(|l| !set.languages.contains(l)) {
        eprintln!("error: the flows have no language `{l}` (they have {})", set.languages.join(", "));
        return 2;
    }
    if let Err(e) = std::fs::create_dir_all(&options.out) {
        eprintln!("error: cannot make `{}`: {e}", options.out.display());
        return 2;
    }
    let shots = plan(&options, &langs);
    let ticks = Arc::new(AtomicU64::new(1000));
    let t = ticks.clone();
    let clock: super::Clock = Arc::new(move || Duration::from_millis(t.load(Ordering::SeqCst)));
    let kiosk =
        Kiosk::new(Setup { assets, gate: StaffGate::NoPin, ..Setup::plain(set.clone(), &branch, clock) });
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
        out: options.out.clone(),
        report: report.clone(),
        pictures: std::sync::mpsc::channel(),
    };
    let native = eframe::NativeOptions { viewport, ..Default::default() };
    if let Err(e) = eframe::run_native("kiosk-triage-preview", native, Box::new(|_| Ok(Box::new(preview)))) {
        eprintln!("error: the preview window could not start: {e}");
        return 2;
    }
    let r = report.lock().map(|mut r| std::mem::take(&mut *r)).unwrap_or_default();
    println!("{} pictures in {}", r.written, options.out.display());
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
        if let Some(Route { flow, steps }) = self.tour.route(shot.screen) {
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

    /// The pictures show screens as a patron first sees them: wherever the
    /// display's pointer happens to be, no control is under it.
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw: &mut egui::RawInput) {
        raw.events.retain(|e| !matches!(e, egui::Event::PointerMoved(_) | egui::Event::PointerButton { .. }));
        raw.events.push(egui::Event::PointerGone);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> PreviewOptions {
        PreviewOptions {
            flows: Box::new(|| Err("not read".into())),
            branch: None,
            langs: Vec::new(),
            text_sizes: Vec::new(),
            themes: Vec::new(),
            sizes: Vec::new(),
            screens: Vec::new(),
            out: PathBuf::from("preview"),
        }
    }

    #[test]
    fn by_default_every_screen_once_per_language_at_the_kiosks_own_size() {
        let langs = ["en".to_string(), "es".to_string()];
        let files: Vec<String> = plan(&options(), &langs).into_iter().map(|s| s.file).collect();
        assert_eq!(files.len(), 2 * Screen::ALL.len());
        assert_eq!(files[0], "home-en-1280x800-text2-light.png");
        assert_eq!(files[7], "home-es-1280x800-text2-light.png");
    }

    #[test]
    fn every_combination_asked_for_screens_innermost() {
        let asked = PreviewOptions {
            text_sizes: vec![1, 5],
            themes: vec![Theme::Light, Theme::Contrast],
            sizes: vec![(1024, 768)],
            screens: vec![Screen::Step, Screen::Idle],
            ..options()
        };
        let shots = plan(&asked, &["vi".to_string()]);
        let files: Vec<&str> = shots.iter().map(|s| s.file.as_str()).collect();
        assert_eq!(
            files,
            [
                "step-vi-1024x768-text1-light.png",
                "idle-vi-1024x768-text1-light.png",
                "step-vi-1024x768-text1-contrast.png",
                "idle-vi-1024x768-text1-contrast.png",
                "step-vi-1024x768-text5-light.png",
                "idle-vi-1024x768-text5-light.png",
                "step-vi-1024x768-text5-contrast.png",
                "idle-vi-1024x768-text5-contrast.png",
            ]
        );
        assert!(shots[2].contrast && !shots[0].contrast);
        assert_eq!((shots[4].scale, shots[4].size), (4, (1024, 768)));
    }
}
