//! The patron kiosk: a fullscreen eframe app over the core.
//!
//! `setup` reads what a kiosk starts with; `app` holds the state and draws a
//! frame, `apply` applies the actions screens return, `idle` times the
//! wipe, `window` keeps the screen, `reload` watches the flows folder and
//! `staff_desk` decodes codes in staff mode; one file per screen draws it
//! (`home`, `step`, `ending`, `languages`, `overlays`, `staff`); `speech` reads screens
//! aloud; `theme` and `widgets` give the look; `pictures` loads images.
//! Nothing here changes flow state except through `session::Session`.

pub mod app;
mod apply;
mod buttons;
mod ending;
mod home;
mod idle;
mod keys;
mod languages;
pub mod layout;
mod overlays;
mod patron;
mod pictures;
mod pin;
pub mod preview;
mod quiet;
mod reload;
mod setup;
mod speech;
mod staff;
mod staff_desk;
pub mod stats;
mod step;
pub mod theme;
mod tile;
mod topbar;
pub mod widgets;
mod window;

pub use app::{Action, Kiosk};
pub use setup::{Clock, Fresh, Reloader, Setup, folder_reloader, prepare, system_clock};

use crate::locations::{self, FromConfig, Given, Probe};
use std::path::PathBuf;

/// What the kiosk is started with: plain values, which `src/cli` fills from
/// the command line.
#[derive(Clone, Debug)]
pub struct KioskOptions {
    /// `kiosk.ron` (default: see [`crate::locations`]).
    pub config: Option<PathBuf>,
    /// The flows folder, overriding the config.
    pub flows: Option<PathBuf>,
    /// The branch, overriding the config.
    pub branch: Option<String>,
    /// A normal window rather than a locked fullscreen one.
    pub windowed: bool,
}

impl KioskOptions {
    /// The locations given on the command line.
    pub fn given(&self) -> Given {
        Given { config: self.config.clone(), flows: self.flows.clone(), ..Given::default() }
    }
}

/// Starts the kiosk and returns the exit code.
pub fn run(options: KioskOptions) -> u8 {
    let log_file = locations::resolve(&Probe::system(), &options.given(), &FromConfig::default()).log;
    let _logging = start_logging(log_file.as_deref(), "kiosk");
    if std::env::var_os("DISPLAY").is_none()
        && std::env::var_os("WAYLAND_DISPLAY").is_none()
        && !cfg!(windows)
    {
        log::error!(
            "there is no display to show the kiosk on (neither DISPLAY nor WAYLAND_DISPLAY is set). \
             Run it in a desktop session, or under Xvfb for testing: `xvfb-run kiosk-triage --windowed`. \
             The command-line tools work without a display: try `kiosk-triage check` or `kiosk-triage walk printing`."
        );
        return 2;
    }
    let windowed = options.windowed;
    // Flows are loaded and checked while the window opens, so a large flow
    // set never keeps the screen blank.
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new().name("kiosk-setup".into()).spawn(move || {
        let _ = tx.send(prepare(&options));
    });
    if let Err(e) = spawned {
        log::error!("could not start: {e}");
        return 2;
    }
    let mut viewport =
        eframe::egui::ViewportBuilder::default().with_title("Library help kiosk").with_app_id("kiosk-triage");
    viewport = if windowed {
        viewport.with_inner_size([1280.0, 800.0]).with_min_inner_size([800.0, 600.0])
    } else {
        viewport.with_fullscreen(true).with_decorations(false)
    };
    // No dithering: the kiosk draws flat colours, which dithering leaves as
    // they are, and on a PC without a GPU it costs about a tenth of each
    // frame (docs/performance.md).
    let options = eframe::NativeOptions { viewport, dithering: false, ..Default::default() };
    let shared = quiet::Shared::default();
    let frames = shared.clone();
    let result = run_quietly(
        options,
        Box::new(move |cc| {
            frames.watch(&cc.egui_ctx);
            Ok(Box::new(Booting { setup: Some(rx), kiosk: None, windowed, shared: frames }))
        }),
        shared.clone(),
    );
    match result {
        Ok(()) if !shared.has_drawn() => {
            log::error!("the kiosk window could not start (eframe's reason is logged above)");
            2
        }
        Ok(()) => {
            log::info!("the kiosk closed");
            0
        }
        Err(e) => {
            log::error!("the kiosk window could not start: {e}");
            2
        }
    }
}

/// Starts the log and says, first, what is running and where the log goes
/// (the files in use follow once `kiosk.ron` is read). Keep the result alive.
pub fn start_logging(file: Option<&std::path::Path>, what: &str) -> crate::logging::Logging {
    let logging = crate::logging::start(file);
    log::info!("kiosk-triage {} {what} starting; log: {}", env!("CARGO_PKG_VERSION"), logging.target);
    logging
}

/// eframe's event loop, run with the key releases and settled frames the
/// kiosk has no use for taken out ([`quiet::Quiet`]).
fn run_quietly(
    options: eframe::NativeOptions,
    creator: eframe::AppCreator<'_>,
    shared: quiet::Shared,
) -> Result<(), Box<dyn std::error::Error>> {
    let event_loop = winit::event_loop::EventLoop::<eframe::UserEvent>::with_user_event().build()?;
    let app = eframe::create_native("kiosk-triage", options, creator, &event_loop);
    event_loop.run_app(&mut quiet::Quiet::new(app, shared))?;
    Ok(())
}

/// The kiosk while its flows load: a plain screen in the kiosk's colour,
/// then the kiosk itself.
struct Booting {
    setup: Option<std::sync::mpsc::Receiver<Setup>>,
    kiosk: Option<Kiosk>,
    windowed: bool,
    /// What the frames tell the event loop (`quiet`).
    shared: quiet::Shared,
}

impl eframe::App for Booting {
    /// The screen's background is the colour the GPU (or llvmpipe) clears
    /// the window to, not a full-screen shape drawn over it: on a PC without
    /// a GPU every layer of pixels costs CPU at each frame.
    fn clear_color(&self, _visuals: &eframe::egui::Visuals) -> [f32; 4] {
        self.kiosk.as_ref().map_or(theme::LIGHT.background, Kiosk::backdrop).to_normalized_gamma_f32()
    }

    fn raw_input_hook(&mut self, ctx: &eframe::egui::Context, raw: &mut eframe::egui::RawInput) {
        // One line a frame, for tools/measure-screens.sh to count frames with
        // RUST_LOG=kiosk_triage::kiosk=trace.
        log::trace!("frame: {} input events", raw.events.len());
        if let Some(k) = &mut self.kiosk {
            k.hold_keys(ctx, raw);
        }
        self.shared.begin_frame(&raw.events);
    }

    fn logic(&mut self, ctx: &eframe::egui::Context, frame: &mut eframe::Frame) {
        self.shared.enter_pass(ctx.cumulative_pass_nr());
        if let Some(k) = &mut self.kiosk {
            eframe::App::logic(k, ctx, frame);
        }
    }

    fn ui(&mut self, ui: &mut eframe::egui::Ui, frame: &mut eframe::Frame) {
        if self.kiosk.is_none()
            && let Some(rx) = &self.setup
        {
            match rx.try_recv() {
                Ok(setup) => {
                    self.kiosk = Some(Kiosk::new(setup).with_voice(crate::speech::system_voice()));
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    // Setting up panicked: the supervisor restarts the kiosk.
                    log::error!("setting up the kiosk failed");
                    std::process::exit(70);
                }
            }
        }
        if let Some(k) = &mut self.kiosk {
            // Why egui drew this frame (besides input), for finding frames a
            // change does not need.
            log::trace!("frame asked for by {:?}", ui.ctx().repaint_causes());
            eframe::App::ui(k, ui, frame);
            // As `hold_keys` will decide for the next key events, and
            // whether the frames egui asks for next are needed.
            self.shared.leave_pass(ui.ctx());
            return;
        }
        let ctx = ui.ctx().clone();
        if !self.windowed && ctx.input(|i| i.viewport().close_requested()) {
            ctx.send_viewport_cmd(eframe::egui::ViewportCommand::CancelClose);
        }
        // The window is cleared to the kiosk's colour (`clear_color`).
        self.shared.booting();
        ctx.request_repaint_after(std::time::Duration::from_millis(30));
    }
}
