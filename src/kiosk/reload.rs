//! Hot reload: the kiosk watches its flows folder. An edit is loaded and
//! checked as `check` would, on a worker thread so the screen never freezes;
//! a clean set waits for the home screen (never in the middle of a patron's
//! session), a broken one is refused and shown to staff, and the kiosk keeps
//! the flows it has.
//!
//! Deploy tools replace folders rather than edit them (git checkouts, rsync,
//! `mv` swaps, `ln -sfn` to a new release): the watch covers the folder's
//! parent too and is set up again after every change, and the folder is also
//! polled every [`POLL`], which covers network shares that send no events.

use super::app::{Kiosk, View};
use super::setup::{Fresh, Reloader};
use eframe::egui;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;
use std::time::Duration;

/// The first line staff see when a changed flows folder is refused.
const REFUSED: &str = "The flows folder changed but cannot be used; the kiosk keeps the flows it had.";

/// How often the folder is looked at without any change event.
pub const POLL: Duration = Duration::from_secs(15);

/// How long the folder must be quiet before an edit is loaded (editors save
/// in several steps).
pub(super) const SETTLE: Duration = Duration::from_millis(400);

/// Where the kiosk's flows come from after start-up: the folder it watches,
/// the load running on the worker, and checked flows waiting for home.
pub(super) struct HotReload {
    /// How to load the flows again (none: the built-in flows, nothing to reload).
    reload: Option<Reloader>,
    /// The flows folder to watch.
    watch_dir: Option<PathBuf>,
    watcher: Option<notify::RecommendedWatcher>,
    /// Set the watch up again (the folder may have been replaced).
    rearm: bool,
    /// Set by the watcher and the poller when the folder changed.
    changed: Arc<AtomicBool>,
    /// When a change was first seen, to load once the folder is quiet.
    changed_at: Option<Duration>,
    /// Stops the thread that polls the flows folder (set when the kiosk goes).
    poller: Option<Arc<AtomicBool>>,
    loading: Option<Receiver<Result<Option<Fresh>, Vec<String>>>>,
    /// Another load to run after this one (forced or not).
    load_again: Option<bool>,
    /// Checked flows waiting for the home screen.
    pending: Option<Fresh>,
}

impl HotReload {
    /// Nothing watched or loading yet.
    pub(super) fn new(reload: Option<Reloader>, watch_dir: Option<PathBuf>) -> Self {
        HotReload {
            reload,
            watch_dir,
            watcher: None,
            rearm: false,
            changed: Arc::new(AtomicBool::new(false)),
            changed_at: None,
            poller: None,
            loading: None,
            load_again: None,
            pending: None,
        }
    }

    /// Whether a change is waiting for the folder to settle.
    pub(super) fn settling(&self) -> bool {
        self.changed_at.is_some()
    }
}

impl Drop for HotReload {
    fn drop(&mut self) {
        if let Some(stop) = &self.poller {
            stop.store(true, Ordering::SeqCst);
        }
    }
}

impl Kiosk {
    /// Once a frame: start the watcher, load an edit once the folder has
    /// been quiet for [`SETTLE`], take in what the worker loaded, and swap
    /// checked flows in at home.
    pub(super) fn poll_flows(&mut self, ctx: &egui::Context) {
        self.watch(ctx);
        if self.hot.changed.swap(false, Ordering::SeqCst) {
            self.hot.changed_at = Some(self.now);
        }
        if let Some(at) = self.hot.changed_at
            && self.now.saturating_sub(at) >= SETTLE
        {
            self.hot.changed_at = None;
            // The folder may have been replaced: watch whatever is there now.
            self.hot.rearm = true;
            self.start_load(false, ctx);
        }
        self.take_loaded();
        // New flows never replace the ones a patron is walking through.
        if self.hot.pending.is_some()
            && matches!(self.patron.view, View::Home | View::Staff)
            && self.pin.pad.is_none()
        {
            self.swap_in_pending();
        }
    }

    /// Staff "Reload flows": load and check now; a clean set is used as soon
    /// as it is ready (staff mode has no patron session to disturb).
    pub(super) fn reload_flows(&mut self, ctx: &egui::Context) {
        log::info!("staff asked to reload the flows");
        if self.hot.reload.is_none() {
            self.notices = vec!["These are the built-in flows; there is no folder to reload.".into()];
            return;
        }
        self.start_load(true, ctx);
    }

    /// The flows folder changed (the watcher calls this; tests may too):
    /// load and check it on the worker. See [`Kiosk::wait_for_flows`].
    pub fn flows_changed(&mut self) {
        self.start_load(true, &egui::Context::default());
    }

    /// Starts loading on a worker thread; if a load is already running, one
    /// more follows it (the folder may have changed again meanwhile).
    fn start_load(&mut self, force: bool, ctx: &egui::Context) {
        let Some(reload) = self.hot.reload.clone() else { return };
        if self.hot.loading.is_some() {
            self.hot.load_again = Some(self.hot.load_again.unwrap_or(false) || force);
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new().name("flows-loader".into()).spawn(move || {
            // A load that panics loses nothing: the kiosk keeps its flows and
            // says so (the receiver sees the sender dropped).
            let result = reload(force);
            let _ = tx.send(result);
            ctx.request_repaint();
        });
        match spawned {
            Ok(_) => self.hot.loading = Some(rx),
            Err(e) => self.notices.push(format!("Could not start loading the flows: {e}")),
        }
    }

    /// Takes in what the worker loaded, if it is done.
    fn take_loaded(&mut self) {
        let Some(rx) = &self.hot.loading else { return };
        let result = match rx.try_recv() {
            Ok(r) => r,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                Err(vec!["loading the flows failed unexpectedly".to_string()])
            }
        };
        self.hot.loading = None;
        self.loaded(result);
        if let Some(force) = self.hot.load_again.take() {
            self.start_load(force, &egui::Context::default());
        }
    }

    /// Blocks until the worker's load (if any) is in, for tests and tools
    /// that change the folder and want to see the outcome at once. False if
    /// it took longer than `timeout`.
    pub fn wait_for_flows(&mut self, timeout: Duration) -> bool {
        let deadline = std::time::Instant::now() + timeout;
        while self.hot.loading.is_some() {
            if std::time::Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(5));
            self.take_loaded();
        }
        true
    }

    fn loaded(&mut self, result: Result<Option<Fresh>, Vec<String>>) {
        match result {
            Ok(None) => {}
            // Staff mode shows the state now, never an error whose cause is
            // gone (start-up notices about the running flows stay).
            Ok(Some(fresh)) => {
                if fresh.set.fingerprint == self.set.fingerprint {
                    self.hot.pending = None;
                    if self.notices.first().is_some_and(|n| n.starts_with(REFUSED)) {
                        let note = format!(
                            "The flows folder holds the flows this kiosk runs again ({} flows, no errors).",
                            self.set.flows.len()
                        );
                        log::info!("{note}");
                        self.notices = vec![note];
                    }
                    return;
                }
                let note = format!(
                    "New flows checked ({} flows, no errors); they start at the next home screen.",
                    fresh.set.flows.len()
                );
                log::info!("{note}");
                self.notices = vec![note];
                self.hot.pending = Some(fresh);
            }
            Err(problems) => {
                self.hot.pending = None;
                let mut n = vec![REFUSED.to_string()];
                n.extend(problems);
                for line in &n {
                    log::warn!("{line}");
                }
                self.notices = n;
            }
        }
    }

    /// Whether checked new flows are waiting for the home screen.
    pub fn has_pending_flows(&self) -> bool {
        self.hot.pending.is_some()
    }

    pub(super) fn swap_in_pending(&mut self) {
        let Some(fresh) = self.hot.pending.take() else { return };
        let set = fresh.set;
        let mut notices = vec![format!("Flows reloaded: {} flows, no errors.", set.flows.len())];
        notices.extend(fresh.notices);
        // The branch and languages the kiosk was set up with, as far as the
        // new flows have them.
        let (branch, languages, picked) =
            crate::startup::pick(&set, Some(&self.wanted_branch), Some(&self.branch), &self.wanted_languages);
        notices.extend(picked);
        self.branch = branch;
        self.languages = languages;
        if !self.languages.contains(&self.patron.lang) {
            self.patron.lang = self.languages[0].clone();
        }
        for line in &notices {
            log::info!("{line}");
        }
        self.set = set;
        self.assets = fresh.assets;
        self.unavailable = false;
        self.pictures.clear();
        self.notices = notices;
    }

    /// Watches the flows folder and its parent (where a replacement shows),
    /// and sets the watch up again when asked (after the folder changed).
    fn watch(&mut self, ctx: &egui::Context) {
        if self.hot.rearm {
            self.hot.rearm = false;
            self.hot.watcher = None;
        }
        if self.hot.watcher.is_some() {
            return;
        }
        let Some(dir) = self.hot.watch_dir.clone() else { return };
        self.start_poller(&dir, ctx);
        use notify::Watcher;
        let changed = self.hot.changed.clone();
        let ctx = ctx.clone();
        let handler = move |event: notify::Result<notify::Event>| {
            if let Ok(e) = event
                && (e.kind.is_create() || e.kind.is_modify() || e.kind.is_remove())
            {
                changed.store(true, Ordering::SeqCst);
                ctx.request_repaint_after(SETTLE);
            }
        };
        let mut w = match notify::recommended_watcher(handler) {
            Ok(w) => w,
            Err(e) => {
                self.note_once(format!(
                    "Cannot watch `{}` for edits ({e}); it is looked at every {} s.",
                    dir.display(),
                    POLL.as_secs()
                ));
                return;
            }
        };
        // The parent sees the folder replaced, renamed or re-linked; the
        // folder itself (when it is there) sees edits inside it.
        let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
        let _ = w.watch(parent, notify::RecursiveMode::NonRecursive);
        if dir.is_dir()
            && let Err(e) = w.watch(&dir, notify::RecursiveMode::Recursive)
        {
            self.note_once(format!(
                "Cannot watch `{}` for edits ({e}); it is looked at every {} s.",
                dir.display(),
                POLL.as_secs()
            ));
        }
        self.hot.watcher = Some(w);
    }

    /// A thread that looks at the folder every [`POLL`] (cheaply: names, sizes,
    /// times) and reports a change as the watcher would. It wakes the screen
    /// only when something changed, so an idle kiosk stays asleep.
    fn start_poller(&mut self, dir: &std::path::Path, ctx: &egui::Context) {
        if self.hot.poller.is_some() {
            return;
        }
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (changed, ctx, dir, flag) =
            (self.hot.changed.clone(), ctx.clone(), dir.to_path_buf(), stop.clone());
        let spawned = std::thread::Builder::new().name("flows-poller".into()).spawn(move || {
            let mut last = crate::startup::stamp(&dir);
            while !flag.load(Ordering::SeqCst) {
                std::thread::sleep(POLL);
                let now = crate::startup::stamp(&dir);
                if now != last {
                    last = now;
                    changed.store(true, Ordering::SeqCst);
                    ctx.request_repaint();
                }
            }
        });
        if spawned.is_ok() {
            self.hot.poller = Some(stop);
        }
    }

    fn note_once(&mut self, note: String) {
        if !self.notices.contains(&note) {
            log::warn!("{note}");
            self.notices.push(note);
        }
    }
}
