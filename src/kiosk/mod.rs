//! The patron kiosk: a fullscreen eframe app over the core.
//!
//! `app` holds the state and applies actions; one file per screen draws it
//! (`home`, `step`, `ending`, `overlays`, `staff`); `theme` and `widgets` give
//! the look; `pictures` loads images. Nothing here changes flow state except
//! through `session::Session`.

pub mod app;
mod ending;
mod home;
mod overlays;
mod pictures;
mod reload;
mod staff;
mod step;
pub mod theme;
pub mod widgets;

pub use app::{Action, Clock, Kiosk, Setup, system_clock};

use crate::cli::{Cli, default_assets};
use crate::config::KioskConfig;
use crate::flow::load::{Loaded, load, load_builtin};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Everything the kiosk needs, from the command line and `kiosk.ron`: the
/// flows (or the built-in defaults when they cannot be used), the branch and
/// languages, and notices for staff about anything that went wrong.
pub fn prepare(cli: &Cli) -> Setup {
    let mut notices = Vec::new();
    let config = match KioskConfig::load(&cli.config) {
        Ok(c) => c,
        Err(e) => {
            notices.push(format!("kiosk.ron could not be used, so the kiosk runs on defaults:\n{e}"));
            KioskConfig::default()
        }
    };
    let flows = cli.flows.clone().unwrap_or_else(|| config.flows.clone());
    let assets = if cli.flows.is_some() { default_assets(&flows) } else { config.assets.clone() };
    let wanted_branch = cli.branch.clone().or_else(|| config.branch.clone());

    let load_flows = {
        let (flows, assets, branch) = (flows.clone(), assets.clone(), wanted_branch.clone());
        move || load_checked(&flows, &assets, branch.as_deref(), true)
    };
    let loaded = match load_flows() {
        Ok(l) => {
            if let Some(note) = &l.note {
                notices.push(note.clone());
            }
            l
        }
        Err(problems) => {
            notices.push(format!(
                "The flows in `{}` have errors, so the kiosk uses the built-in default flows. \
                 Run `kiosk-triage check --flows {}` for details.",
                flows.display(),
                flows.display()
            ));
            notices.extend(problems);
            load_builtin(None)
        }
    };
    for n in &notices {
        eprintln!("kiosk-triage: {n}");
    }
    let Some(set) = loaded.report.set.clone() else {
        // The built-in defaults are checked by the test suite; this cannot
        // happen in a released build, but a kiosk must not panic.
        return empty_setup(config, notices, cli.windowed);
    };
    let set = Arc::new(set);
    let branch = match wanted_branch {
        Some(b) if set.branch(&b).is_some() => b,
        Some(b) => {
            notices.push(format!("There is no branch `{b}`; showing `{}`.", set.branches[0].id));
            set.branches[0].id.clone()
        }
        None => set.branches[0].id.clone(),
    };
    let mut languages: Vec<String> =
        config.languages.iter().filter(|l| set.languages.contains(l)).cloned().collect();
    if languages.is_empty() {
        languages = set.languages.clone();
    }
    let reload: Option<app::Reloader> =
        if loaded.note.is_none() && matches!(loaded.assets, crate::flow::load::Assets::Dir(_)) {
            Some(Box::new(move || {
                load_flows()
                    .map(|l| (Arc::new(l.report.set.unwrap_or_else(unreachable_set)), l.assets, l.sources))
            }))
        } else {
            None
        };
    // Every version the kiosk runs is kept, so codes it gave out still decode
    // after IT edits the flows.
    let archive = crate::handoff::archive::Archive::new(&config.data);
    if let Err(e) = archive.save(&loaded.sources, set.fingerprint) {
        notices.push(format!("Could not archive the flows in `{}`: {e}", config.data.display()));
    }
    Setup {
        set,
        assets: loaded.assets,
        config,
        branch,
        languages,
        windowed: cli.windowed,
        notices,
        watch: reload.as_ref().map(|_| flows.clone()),
        reload,
        archive: Some(archive),
        clock: system_clock(),
    }
}

/// Loads and checks a flows folder as `check` does, handoff-code lengths
/// included; the rendered errors if it has any. `builtin_if_missing`: a
/// missing folder gives the built-in flows (at start-up) or is an error (on
/// reload, so a folder that vanishes never swaps a kiosk onto the defaults).
fn load_checked(
    flows: &Path,
    assets: &Path,
    branch: Option<&str>,
    builtin_if_missing: bool,
) -> Result<Loaded, Vec<String>> {
    let mut loaded = load(flows, assets, branch).map_err(|e| vec![e.to_string()])?;
    if let Some(note) = &loaded.note
        && !builtin_if_missing
    {
        return Err(vec![format!("{note}; the kiosk keeps the flows it has")]);
    }
    if let Some(set) = &loaded.report.set {
        let (_, problems) = crate::handoff::long_codes(set, &loaded.sources, branch);
        if !problems.is_empty() {
            loaded.report.diagnostics.extend(problems);
            loaded.report.set = None;
        }
    }
    if loaded.report.set.is_some() {
        Ok(loaded)
    } else {
        Err(loaded
            .report
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::flow::Severity::Error)
            .map(|d| d.render(loaded.source(&d.file)))
            .collect())
    }
}

/// Loads a flows folder again on demand (staff "Reload flows", hot reload).
pub fn folder_reloader(flows: PathBuf, assets: PathBuf, branch: Option<String>) -> app::Reloader {
    Box::new(move || {
        let l = load_checked(&flows, &assets, branch.as_deref(), false)?;
        let set = l.report.set.ok_or_else(|| vec!["the flows did not load".to_string()])?;
        Ok((Arc::new(set), l.assets, l.sources))
    })
}

fn unreachable_set() -> crate::flow::FlowSet {
    load_builtin(None).report.set.unwrap_or_else(|| crate::flow::FlowSet {
        name: String::new(),
        languages: vec!["en".into()],
        flows: Vec::new(),
        branches: vec![crate::flow::Branch::default()],
        flags: Default::default(),
        words: Default::default(),
        fingerprint: 0,
        origin: String::new(),
    })
}

fn empty_setup(config: KioskConfig, notices: Vec<String>, windowed: bool) -> Setup {
    let set = Arc::new(unreachable_set());
    Setup {
        branch: set.branches[0].id.clone(),
        languages: set.languages.clone(),
        set,
        assets: crate::flow::load::Assets::Builtin,
        config,
        windowed,
        notices,
        reload: None,
        archive: None,
        watch: None,
        clock: system_clock(),
    }
}

/// Starts the kiosk and returns the exit code.
pub fn run(cli: &Cli) -> u8 {
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!(
            "kiosk-triage: there is no display to show the kiosk on (neither DISPLAY nor WAYLAND_DISPLAY is set).\n\
             Run it in a desktop session, or under Xvfb for testing: `xvfb-run kiosk-triage --windowed`.\n\
             The command-line tools work without a display: try `kiosk-triage check` or `kiosk-triage walk printing`."
        );
        return 2;
    }
    let setup = prepare(cli);
    let windowed = setup.windowed;
    let mut viewport =
        eframe::egui::ViewportBuilder::default().with_title("Library help kiosk").with_app_id("kiosk-triage");
    viewport = if windowed {
        viewport.with_inner_size([1280.0, 800.0]).with_min_inner_size([800.0, 600.0])
    } else {
        viewport.with_fullscreen(true).with_decorations(false)
    };
    let options = eframe::NativeOptions { viewport, ..Default::default() };
    let result =
        eframe::run_native("kiosk-triage", options, Box::new(move |_cc| Ok(Box::new(Kiosk::new(setup)))));
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("kiosk-triage: the kiosk window could not start: {e}");
            2
        }
    }
}
