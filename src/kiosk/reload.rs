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

use super::app::{Kiosk, SETTLE, View};
use super::setup::Fresh;
use eframe::egui;
use std::sync::atomic::Ordering;
use std::time::Duration;

/// The first line staff see when a changed flows folder is refused.
const REFUSED: &str = "The flows folder changed but cannot be used; the kiosk keeps the flows it had.";

/// How often the folder is looked at without any change event.
pub const POLL: Duration = Duration::from_secs(15);

impl Kiosk {
    /// Once a frame: start the watcher, load an edit once the folder has
    /// been quiet for [`SETTLE`], take in what the worker loaded, and swap
    /// checked flows in at home.
    pub(super) fn poll_flows(&mut self, ctx: &egui::Context) {
        self.watch(ctx);
        if self.changed.swap(false, Ordering::SeqCst) {
            self.changed_at = Some(self.now);
        }
        if let Some(at) = self.changed_at
            && self.now.saturating_sub(at) >= SETTLE
        {
            self.changed_at = None;
            // The folder may have been replaced: watch whatever is there now.
            self.rearm = true;
            self.start_load(false, ctx);
        }
        self.take_loaded();
        // New flows never replace the ones a patron is walking through.
        if self.pending.is_some()
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
        if self.reload.is_none() {
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
        let Some(reload) = self.reload.clone() else { return };
        if self.loading.is_some() {
            self.load_again = Some(self.load_again.unwrap_or(false) || force);
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
            Ok(_) => self.loading = Some(rx),
            Err(e) => self.notices.push(format!("Could not start loading the flows: {e}")),
        }
    }

    /// Takes in what the worker loaded, if it is done.
    fn take_loaded(&mut self) {
        let Some(rx) = &self.loading else { return };
        let result = match rx.try_recv() {
            Ok(r) => r,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                Err(vec!["loading the flows failed unexpectedly".to_string()])
            }
        };
        self.loading = None;
        self.loaded(result);
        if let Some(force) = self.load_again.take() {
            self.start_load(force, &egui::Context::default());
        }
    }

    /// Blocks until the worker's load (if any) is in, for tests and tools
    /// that change the folder and want to see the outcome at once. False if
    /// it took longer than `timeout`.
    pub fn wait_for_flows(&mut self, timeout: Duration) -> bool {
        let deadline = std::time::Instant::now() + timeout;
        while self.loading.is_some() {
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
                    self.pending = None;
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
                self.pending = Some(fresh);
            }
            Err(problems) => {
                self.pending = None;
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
        self.pending.is_some()
    }

    pub(super) fn swap_in_pending(&mut self) {
        let Some(fresh) = self.pending.take() else { return };
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
        if self.rearm {
            self.rearm = false;
            self.watcher = None;
        }
        if self.watcher.is_some() {
            return;
        }
        let Some(dir) = self.watch_dir.clone() else { return };
        self.start_poller(&dir, ctx);
        use notify::Watcher;
        let changed = self.changed.clone();
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
        self.watcher = Some(w);
    }

    /// A thread that looks at the folder every [`POLL`] (cheaply: names, sizes,
    /// times) and reports a change as the watcher would. It wakes the screen
    /// only when something changed, so an idle kiosk stays asleep.
    fn start_poller(&mut self, dir: &std::path::Path, ctx: &egui::Context) {
        if self.poller.is_some() {
            return;
        }
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (changed, ctx, dir, flag) = (self.changed.clone(), ctx.clone(), dir.to_path_buf(), stop.clone());
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
            self.poller = Some(stop);
        }
    }

    fn note_once(&mut self, note: String) {
        if !self.notices.contains(&note) {
            log::warn!("{note}");
            self.notices.push(note);
        }
    }
}
