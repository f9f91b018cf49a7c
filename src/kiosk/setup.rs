//! What a kiosk starts with ([`Setup`]) and how it gets it: [`prepare`]
//! reads the options, `kiosk.ron` and the flows once at start-up;
//! [`folder_reloader`] loads the flows folder again for hot reload. The
//! kiosk itself ([`super::Kiosk`]) only receives the result.

use super::{KioskOptions, stats};
use crate::config::{KioskConfig, StaffGate, load_for_kiosk};
use crate::flow::load::Assets;
use crate::flow::model::FlowSet;
use crate::handoff::archive::Archive;
use crate::locations::{self, FromConfig, Layout, Locations, Probe};
use crate::startup::{self, Origin, Plan};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Where time comes from: the time since some fixed point.
pub type Clock = Arc<dyn Fn() -> Duration + Send + Sync>;

/// The real clock: time since the kiosk started.
pub fn system_clock() -> Clock {
    let start = Instant::now();
    Arc::new(move || start.elapsed())
}

/// Loads the flows again, on a worker thread (hot reload, staff "Reload
/// flows"): `Ok(None)` when nothing changed since the last load (unless
/// forced), the new set when it checked clean, or the problems (as lines to
/// show) when it has errors.
pub type Reloader = Arc<dyn Fn(bool) -> Result<Option<Fresh>, Vec<String>> + Send + Sync>;

/// Flows that loaded and checked clean, waiting for the home screen.
pub struct Fresh {
    /// The set.
    pub set: Arc<FlowSet>,
    /// Its pictures.
    pub assets: Assets,
    /// What staff should know about the load (an archive that failed).
    pub notices: Vec<String>,
}

/// Everything a kiosk starts with.
pub struct Setup {
    /// The checked flows.
    pub set: Arc<FlowSet>,
    /// Where their pictures are.
    pub assets: Assets,
    /// The kiosk's settings.
    pub config: KioskConfig,
    /// Who may open staff mode.
    pub gate: StaffGate,
    /// The library's flows could not be used and no good version was kept:
    /// home shows no guides, only the way to staff.
    pub unavailable: bool,
    /// The branch id (one of `set.branches`).
    pub branch: String,
    /// Languages offered, first = default (each one of `set.languages`).
    pub languages: Vec<String>,
    /// A normal window that may be closed, for trying the kiosk on a desktop.
    pub windowed: bool,
    /// Things staff should know (flows that did not load, a bad config).
    pub notices: Vec<String>,
    /// How to reload the flows, if they came from a folder.
    pub reload: Option<Reloader>,
    /// Where flow versions are archived, so old codes still decode.
    pub archive: Option<Archive>,
    /// The flows folder to watch for edits (hot reload).
    pub watch: Option<std::path::PathBuf>,
    /// The clock.
    pub clock: Clock,
    /// Where the anonymous statistics go (none: not recorded).
    pub stats: Option<super::stats::StatsSink>,
    /// Which files this kiosk uses, for staff mode
    /// ([`crate::locations::Locations::describe`]; empty: not shown).
    pub files: String,
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

/// Everything the kiosk needs, from the command line and `kiosk.ron`: the
/// flows (see [`startup::start`] for which), the branch and languages, who
/// may open staff mode (see [`load_for_kiosk`]: a broken config never opens
/// it), and notices for staff about anything that went wrong.
pub fn prepare(cli: &KioskOptions) -> Setup {
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
pub fn folder_reloader(plan: Plan) -> Reloader {
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
        Ok(Some(Fresh { set: Arc::new(set), assets: l.assets, notices }))
    })
}
