//! Hot reload: the kiosk watches its flows folder. An edit is loaded and
//! checked as `check` would; a clean set waits for the home screen (never in
//! the middle of a patron's session), a broken one is refused and shown to
//! staff, and the kiosk keeps the flows it has.

use super::app::{Kiosk, SETTLE, View};
use eframe::egui;
use std::sync::atomic::Ordering;

impl Kiosk {
    /// Once a frame: start the watcher, load an edit once the folder has
    /// been quiet for [`SETTLE`], and swap checked flows in at home.
    pub(super) fn poll_flows(&mut self, ctx: &egui::Context) {
        self.watch(ctx);
        if self.changed.swap(false, Ordering::SeqCst) {
            self.changed_at = Some(self.now);
        }
        if let Some(at) = self.changed_at
            && self.now.saturating_sub(at) >= SETTLE
        {
            self.changed_at = None;
            self.flows_changed();
        }
        // New flows never replace the ones a patron is walking through.
        if self.pending.is_some() && matches!(self.view, View::Home) && self.pin.is_none() {
            self.swap_in_pending();
        }
    }

    /// Staff "Reload flows": load and check now; a clean set is used at once
    /// (staff mode has no patron session to disturb).
    pub(super) fn reload_flows(&mut self) {
        if self.reload.is_none() {
            self.notices = vec!["These are the built-in flows; there is no folder to reload.".into()];
            return;
        }
        self.flows_changed();
        self.swap_in_pending();
    }

    /// The flows folder changed (the watcher calls this; tests may too):
    /// load and check. A clean set waits for the home screen; a broken one is
    /// refused, its problems logged and kept for staff mode, and the kiosk
    /// keeps the flows it has.
    pub fn flows_changed(&mut self) {
        let Some(reload) = &mut self.reload else { return };
        match reload() {
            Ok((set, assets, sources)) => {
                if set.fingerprint == self.set.fingerprint {
                    self.pending = None;
                    return;
                }
                self.pending = Some((set, assets, sources));
            }
            Err(problems) => {
                self.pending = None;
                let mut n = vec![
                    "The flows were edited but have errors; the kiosk keeps the flows it had.".to_string(),
                ];
                n.extend(problems);
                for line in &n {
                    eprintln!("kiosk-triage: {line}");
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
        let Some((set, assets, sources)) = self.pending.take() else { return };
        let mut notices = vec![format!("Flows reloaded: {} flows, no errors.", set.flows.len())];
        if let Some(archive) = &self.archive
            && let Err(e) = archive.save(&sources, set.fingerprint)
        {
            notices.push(format!("Could not archive the flows: {e}"));
        }
        // The branch and languages the kiosk was set up with, as far as the
        // new flows have them.
        if set.branch(&self.wanted_branch).is_some() {
            self.branch = self.wanted_branch.clone();
        } else {
            notices.push(format!(
                "The new flows have no branch `{}`; showing `{}`.",
                self.wanted_branch, set.branches[0].id
            ));
            self.branch = set.branches[0].id.clone();
        }
        self.languages =
            self.wanted_languages.iter().filter(|l| set.languages.contains(l)).cloned().collect();
        if self.languages.is_empty() {
            self.languages = set.languages.clone();
        }
        if !self.languages.contains(&self.lang) {
            self.lang = self.languages[0].clone();
        }
        self.set = set;
        self.assets = assets;
        self.pictures.clear();
        self.notices = notices;
    }

    /// Starts watching the flows folder, once, with the context to wake.
    fn watch(&mut self, ctx: &egui::Context) {
        let Some(dir) = self.watch_dir.take() else { return };
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
        match notify::recommended_watcher(handler) {
            Ok(mut w) => match w.watch(&dir, notify::RecursiveMode::Recursive) {
                Ok(()) => self.watcher = Some(w),
                Err(e) => self.notices.push(format!("Cannot watch `{}` for edits: {e}", dir.display())),
            },
            Err(e) => self.notices.push(format!("Cannot watch `{}` for edits: {e}", dir.display())),
        }
    }
}
