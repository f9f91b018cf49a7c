//! The patron kiosk: a fullscreen eframe app over the core.
//!
//! `app` holds the state and applies actions; one file per screen draws it
//! (`home`, `step`, `ending`, `overlays`, `staff`); `speech` reads screens
//! aloud; `theme` and `widgets` give the look; `pictures` loads images. Nothing here changes flow state except
//! through `session::Session`.

pub mod app;
mod buttons;
mod ending;
mod home;
mod keys;
pub mod layout;
mod overlays;
mod patron;
mod pictures;
mod pin;
pub mod preview;
mod reload;
mod speech;
mod staff;
pub mod stats;
mod step;
pub mod theme;
mod tile;
mod topbar;
pub mod widgets;

pub use app::{Action, Clock, Kiosk, Setup, system_clock};

use crate::cli::Cli;
use crate::locations::{self, FromConfig, Given, Layout, Locations, Probe};
use std::path::PathBuf;

/// What the kiosk takes from the command line.
#[derive(Clone, Debug)]
pub struct Options {
    /// `kiosk.ron` (default: see [`crate::locations`]).
    pub config: Option<PathBuf>,
    /// The flows folder, overriding the config.
    pub flows: Option<PathBuf>,
    /// The branch, overriding the config.
    pub branch: Option<String>,
    /// A normal window rather than a locked fullscreen one.
    pub windowed: bool,
}

impl Options {
    /// The locations given on the command line.
    pub fn given(&self) -> Given {
        Given { config: self.config.clone(), flows: self.flows.clone(), ..Given::default() }
    }
}

/// Says in the log which files the kiosk uses (paths only: nothing personal).
fn log_locations(places: &Locations) {
    log::info!("layout: {}", places.layout.describe());
    for (what, place) in [
        ("config", &places.config),
        ("flows", &places.flows),
        ("assets", &places.assets),
        ("data", &places.data),
    ] {
        log::info!("{what}: {} ({:?})", place.path.display(), place.from);
    }
}

impl From<&Cli> for Options {
    fn from(cli: &Cli) -> Self {
        Options {
            config: cli.config.clone(),
            flows: cli.flows.clone(),
            branch: cli.branch.clone(),
            windowed: cli.windowed,
        }
    }
}
impl Setup {
    /// A windowed kiosk on `set` at `branch`: the default kiosk.ron, the
    /// built-in pictures, no reload, archive or statistics. For previews,
    /// benchmarks and tests, which change what they need with struct update
    /// syntax (`Setup { gate, ..Setup::plain(set, "main", clock) }`).
    pub fn plain(set: Arc<crate::flow::FlowSet>, branch: &str, clock: Clock) -> Setup {
        let config = crate::config::KioskConfig::default();
        Setup {
            languages: set.languages.clone(),
            set,
            assets: crate::flow::load::Assets::Builtin,
            gate: crate::config::StaffGate::of(&config),
            unavailable: false,
            config,
            branch: branch.to_string(),
            windowed: true,
            notices: Vec::new(),
            reload: None,
            archive: None,
            watch: None,
            stats: None,
            clock,
            files: String::new(),
        }
    }
}

use crate::config::load_for_kiosk;
use crate::startup::{self, Origin, Plan};
use std::sync::Arc;

/// Everything the kiosk needs, from the command line and `kiosk.ron`: the
/// flows (see [`startup::start`] for which), the branch and languages, who
/// may open staff mode (see [`load_for_kiosk`]: a broken config never opens
/// it), and notices for staff about anything that went wrong.
pub fn prepare(cli: &Options) -> Setup {
    let probe = Probe::system();
    let given = cli.given();
    let config_path = locations::config_path(&probe, Layout::detect(&probe), &given).path;
    let default_data = locations::resolve(&probe, &given, &FromConfig::default()).data.path;
    let settings = load_for_kiosk(&config_path, &default_data);
    let config = settings.config;
    let mut notices = settings.notices;
    let places = locations::resolve(&probe, &given, &config.folders());
    log_locations(&places);
    let flows = places.flows.path.clone();
    let plan = Plan {
        flows: flows.clone(),
        assets: places.assets.path.clone(),
        branch: cli.branch.clone().or_else(|| config.branch.clone()),
        data: places.data.path.clone(),
    };
    let chosen = startup::start(&plan);
    notices.extend(chosen.notices);
    if let Some(note) = &chosen.loaded.note {
        notices.push(note.clone());
    }
    let loaded = chosen.loaded;
    // `start` always gives a checked set; the built-in one is checked by the
    // test suite. A kiosk must not panic all the same.
    let set = Arc::new(loaded.report.set.clone().unwrap_or_else(startup::empty_set));
    let last = startup::last_branch(&plan.data);
    let (branch, languages, picked) =
        startup::pick(&set, plan.branch.as_deref(), last.as_deref(), &config.languages);
    notices.extend(picked);
    if chosen.origin == Origin::Folder
        && let Err(e) = startup::remember_good(&plan.data, &loaded.sources, &set, &branch)
    {
        notices.push(format!("Could not keep this version of the flows in `{}`: {e}", plan.data.display()));
    }
    for n in &notices {
        log::warn!("{n}");
    }
    // Once a kiosk has run on a folder, it watches it, whatever state the
    // folder is in now: a fix, or the folder coming back, is picked up.
    let from_folder = chosen.origin != Origin::Builtin;
    Setup {
        set,
        assets: loaded.assets,
        gate: settings.gate,
        unavailable: chosen.origin == Origin::Unavailable,
        branch,
        languages,
        windowed: cli.windowed,
        notices,
        watch: from_folder.then(|| flows.clone()),
        reload: from_folder.then(|| folder_reloader(plan.clone())),
        archive: Some(crate::handoff::archive::Archive::new(&plan.data)),
        files: places.describe(&|p| p.exists()),
        stats: Some(stats::StatsSink::new(
            crate::stats::Recorder::new(&plan.data, config.kiosk_name(), config.stats_retention()),
            stats::local_clock(),
        )),
        config,
        clock: system_clock(),
    }
}

/// Loads the flows folder again (staff "Reload flows", hot reload), on the
/// kiosk's worker thread. A missing or broken folder is an error: the kiosk
/// keeps what it has. A clean set is kept in the data folder as the last
/// good one. `force`: load even if no file seems to have changed.
pub fn folder_reloader(plan: Plan) -> app::Reloader {
    let seen = std::sync::Mutex::new(None);
    Arc::new(move |force: bool| {
        let stamp = startup::stamp(&plan.flows);
        if let Ok(mut seen) = seen.lock() {
            if !force && stamp.is_some() && *seen == stamp {
                return Ok(None);
            }
            *seen = stamp;
        }
        let l = startup::reload(&plan)?;
        let set = l.report.set.clone().ok_or_else(|| vec!["the flows did not load".to_string()])?;
        let mut notices = Vec::new();
        let last = startup::last_branch(&plan.data);
        let (branch, _, _) = startup::pick(&set, plan.branch.as_deref(), last.as_deref(), &[]);
        if let Err(e) = startup::remember_good(&plan.data, &l.sources, &set, &branch) {
            notices
                .push(format!("Could not keep this version of the flows in `{}`: {e}", plan.data.display()));
        }
        Ok(Some(app::Fresh { set: Arc::new(set), assets: l.assets, notices }))
    })
}

/// Starts the kiosk and returns the exit code.
pub fn run(cli: &Cli) -> u8 {
    let options = Options::from(cli);
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
    let options = eframe::NativeOptions { viewport, ..Default::default() };
    let result = eframe::run_native(
        "kiosk-triage",
        options,
        Box::new(move |_cc| Ok(Box::new(Booting { setup: Some(rx), kiosk: None, windowed }))),
    );
    match result {
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

/// The kiosk while its flows load: a plain screen in the kiosk's colour,
/// then the kiosk itself.
struct Booting {
    setup: Option<std::sync::mpsc::Receiver<Setup>>,
    kiosk: Option<Kiosk>,
    windowed: bool,
}

impl eframe::App for Booting {
    /// The screen's background is the colour the GPU (or llvmpipe) clears
    /// the window to, not a full-screen shape drawn over it: on a PC without
    /// a GPU every layer of pixels costs CPU at each frame.
    fn clear_color(&self, _visuals: &eframe::egui::Visuals) -> [f32; 4] {
        self.kiosk
            .as_ref()
            .map_or(theme::LIGHT.background, |k| k.palette().background)
            .to_normalized_gamma_f32()
    }

    fn logic(&mut self, ctx: &eframe::egui::Context, frame: &mut eframe::Frame) {
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
            return eframe::App::ui(k, ui, frame);
        }
        let ctx = ui.ctx().clone();
        if !self.windowed && ctx.input(|i| i.viewport().close_requested()) {
            ctx.send_viewport_cmd(eframe::egui::ViewportCommand::CancelClose);
        }
        ui.painter().rect_filled(ui.max_rect(), 0, theme::LIGHT.background);
        ctx.request_repaint_after(std::time::Duration::from_millis(30));
    }
}
