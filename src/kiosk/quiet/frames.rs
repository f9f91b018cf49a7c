//! Which frames egui asks for are drawn ([`Frame`]), and what the kiosk's
//! frames tell the event loop ([`Shared`]).

use eframe::egui;
use std::sync::{Arc, Mutex};
use std::thread::ThreadId;
use std::time::{Duration, Instant};

/// One frame as the kiosk saw it, for the event loop to tell whether the
/// frame egui asks for next is needed.
///
/// egui asks for a frame after every frame with input, and then for one more
/// "to give some things time to settle" (egui's `request_repaint_after`): a
/// tap cost three frames, though the kiosk's screens are drawn whole in the
/// tap's own frame ([`crate::kiosk::Kiosk::ui`] redoes the pass when a control
/// changes the screen). After a frame whose input was a pointer's alone, or
/// the modifiers' (or none), with nothing dragged, no control holding the
/// keyboard focus and no wheel scrolling still smoothing, those habitual
/// frames show nothing new: what the frame's own code asked for (the
/// kiosk's countdowns, a scroll area still moving, a layout that measured
/// itself) is what decides.
#[derive(Debug, Default, Clone)]
struct Frame {
    /// The egui passes the frame ran, first and last.
    passes: Option<(u64, u64)>,
    /// Whether the frame's input was a pointer's alone (and the modifiers'
    /// state), or none.
    pointer_only: bool,
    /// Whether the frame left nothing in motion (see above).
    settled: bool,
    /// Whether the frame's own code (the app's `logic` and `ui`) is running.
    in_pass: bool,
    /// The earliest time the frame's own code asked to be drawn again.
    next: Option<Instant>,
    /// Whether another thread (the flows watcher, a loader) asked for a
    /// frame since this one began.
    external: bool,
}

impl Frame {
    /// When to draw for a request egui sent during pass `pass`, due `when`:
    /// unchanged unless the request is about a settled frame, when only
    /// what the frame's own code asked for counts. `None`: no frame.
    fn reschedule(&self, pass: u64, when: Instant) -> Option<Instant> {
        let this_frame = self.passes.is_some_and(|(first, last)| (first..=last).contains(&pass));
        if !this_frame || self.external || !self.pointer_only || !self.settled {
            return Some(when);
        }
        self.next.map(|next| next.max(when))
    }
}

#[derive(Debug)]
struct State {
    /// A control has the keyboard focus, so egui takes every key.
    egui_keys: bool,
    has_drawn: bool,
    /// The thread that draws: requests from any other come from outside a
    /// frame and are always kept.
    ui_thread: Option<ThreadId>,
    frame: Frame,
}

/// What the kiosk's frames tell the event loop around eframe: whether egui
/// takes the keys now (a control has the keyboard focus, as the kiosk last
/// saw it), what the last frame needs after it ([`Frame`]), and whether a
/// frame was ever drawn (eframe logs a window that fails to start and ends
/// its loop without an error).
#[derive(Clone, Debug)]
pub struct Shared(Arc<Mutex<State>>);

impl Default for Shared {
    /// Until the kiosk says otherwise, egui takes every key (the screen
    /// shown while the flows load has no shortcuts) and every frame egui
    /// asks for is drawn.
    fn default() -> Self {
        Shared(Arc::new(Mutex::new(State {
            egui_keys: true,
            has_drawn: false,
            ui_thread: None,
            frame: Frame::default(),
        })))
    }
}

impl Shared {
    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Watches every repaint request made on `ctx`, from this thread (the
    /// one that draws) or any other.
    pub fn watch(&self, ctx: &egui::Context) {
        self.state().ui_thread = Some(std::thread::current().id());
        let shared = self.clone();
        // Called with egui's context locked: only our own state is touched.
        ctx.set_repaint_observer(move |info| shared.asked(info.delay));
    }

    fn asked(&self, delay: Duration) {
        let mut s = self.state();
        if s.ui_thread != Some(std::thread::current().id()) {
            s.frame.external = true;
        } else if s.frame.in_pass
            && let Some(at) = Instant::now().checked_add(delay)
        {
            s.frame.next = Some(s.frame.next.map_or(at, |next| next.min(at)));
        }
    }

    /// A frame begins, with this input (after the kiosk held its keys).
    pub fn begin_frame(&self, events: &[egui::Event]) {
        let pointer_only = events.iter().all(|e| {
            matches!(
                e,
                egui::Event::PointerMoved(_)
                    | egui::Event::MouseMoved(_)
                    | egui::Event::PointerButton { .. }
                    | egui::Event::PointerGone
                    | egui::Event::Touch { .. }
                    | egui::Event::ModifiersChanged(_)
            )
        });
        self.state().frame = Frame { pointer_only, ..Frame::default() };
    }

    /// The app's code for egui pass `pass` begins.
    pub fn enter_pass(&self, pass: u64) {
        let f = &mut self.state().frame;
        f.in_pass = true;
        f.passes = Some((f.passes.map_or(pass, |(first, _)| first), pass));
    }

    /// The app's code for the pass is done; `ctx` is how it left egui.
    pub fn leave_pass(&self, ctx: &egui::Context) {
        let focus = ctx.memory(|m| m.focused().is_some());
        let moving = ctx.input(egui::InputState::is_scrolling) || ctx.dragged_id().is_some();
        let mut s = self.state();
        s.egui_keys = focus;
        s.has_drawn = true;
        s.frame.in_pass = false;
        s.frame.settled = !focus && !moving;
    }

    /// While the flows load: egui takes the keys, every frame is drawn.
    pub fn booting(&self) {
        let mut s = self.state();
        s.egui_keys = true;
        s.has_drawn = true;
        s.frame.in_pass = false;
    }

    /// Whether egui takes the keys.
    pub fn egui_keys(&self) -> bool {
        self.state().egui_keys
    }

    /// Whether a frame was drawn.
    pub fn has_drawn(&self) -> bool {
        self.state().has_drawn
    }

    /// When to draw for egui's request made during pass `pass`, due `when`
    /// ([`Frame::reschedule`]).
    pub(super) fn reschedule(&self, pass: u64, when: Instant) -> Option<Instant> {
        self.state().frame.reschedule(pass, when)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The repaint requests egui sent: the pass each was made in, and when.
    type Asked = Arc<Mutex<Vec<(u64, Instant)>>>;

    /// eframe's part, played out on an egui context: one frame with these
    /// events, the app's passes wrapped as `Booting` wraps them; returns
    /// when each repaint egui asked for during the frame is drawn, after
    /// [`super::Quiet`]'s rule (`None`: not at all).
    fn frame(
        shared: &Shared,
        ctx: &egui::Context,
        asked: &Asked,
        events: Vec<egui::Event>,
        app: &mut dyn FnMut(&mut egui::Ui),
    ) -> Vec<Option<Instant>> {
        asked.lock().unwrap().clear();
        shared.begin_frame(&events);
        let raw = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(800.0, 600.0))),
            events,
            ..Default::default()
        };
        let mut out = ctx.run_ui(raw, |ui| {
            shared.enter_pass(ui.ctx().cumulative_pass_nr());
            app(ui);
            shared.leave_pass(ui.ctx());
        });
        out.textures_delta.clear();
        let asked = asked.lock().unwrap().clone();
        asked.into_iter().map(|(pass, when)| shared.reschedule(pass, when)).collect()
    }

    /// A context whose repaint requests are kept as eframe sends them.
    fn context(shared: &Shared) -> (egui::Context, Asked) {
        let ctx = egui::Context::default();
        let asked = Arc::new(Mutex::new(Vec::new()));
        let sent = Arc::clone(&asked);
        ctx.set_request_repaint_callback(move |info| {
            sent.lock().unwrap().push((info.current_cumulative_pass_nr, Instant::now() + info.delay));
        });
        shared.watch(&ctx);
        (ctx, asked)
    }

    /// Frames drawn for `events`: that frame, then each frame due at once.
    fn frames_for(
        shared: &Shared,
        ctx: &egui::Context,
        asked: &Asked,
        events: Vec<egui::Event>,
        app: &mut dyn FnMut(&mut egui::Ui),
    ) -> (usize, Vec<Option<Instant>>) {
        let mut due = frame(shared, ctx, asked, events, app);
        let mut drawn = 1;
        let soon = |d: &[Option<Instant>]| {
            d.iter().flatten().any(|w| *w <= Instant::now() + Duration::from_millis(100))
        };
        while soon(&due) && drawn < 10 {
            due = frame(shared, ctx, asked, Vec::new(), app);
            drawn += 1;
        }
        (drawn, due)
    }

    fn click(at: egui::Pos2) -> Vec<egui::Event> {
        let button = |pressed| egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        };
        vec![egui::Event::PointerMoved(at), button(true), button(false)]
    }

    /// A screen like the kiosk's: a button whose tap changes the screen
    /// (drawn again in the same frame), a countdown a second away.
    struct Screen {
        taps: u32,
        at: egui::Pos2,
        field: bool,
        text: String,
    }

    impl Screen {
        fn ui(&mut self, ui: &mut egui::Ui) {
            ui.label(format!("screen {}", self.taps));
            let r = ui.button("Next");
            self.at = r.rect.center();
            if self.field {
                ui.text_edit_singleline(&mut self.text).request_focus();
            }
            if r.clicked() {
                self.taps += 1;
                ui.ctx().request_discard("the screen changed");
            }
            ui.ctx().request_repaint_after(Duration::from_secs(1));
        }
    }

    fn screen(field: bool) -> Screen {
        Screen { taps: 0, at: egui::Pos2::ZERO, field, text: String::new() }
    }

    #[test]
    fn a_tap_costs_one_frame_and_keeps_what_the_screen_asked_for() {
        let shared = Shared::default();
        let (ctx, asked) = context(&shared);
        let mut s = screen(false);
        frames_for(&shared, &ctx, &asked, Vec::new(), &mut |ui| s.ui(ui));
        let at = s.at;
        let (drawn, due) = frames_for(&shared, &ctx, &asked, click(at), &mut |ui| s.ui(ui));
        assert_eq!(s.taps, 1, "the tap landed");
        assert_eq!(drawn, 1, "egui's frames after the tap are not drawn");

        // A finger's tap: the press in one frame (drawn pressed), the
        // release in another.
        let tap = click(at);
        let (press, release) = tap.split_at(2);
        let (drawn, _) = frames_for(&shared, &ctx, &asked, press.to_vec(), &mut |ui| s.ui(ui));
        assert_eq!((s.taps, drawn), (1, 1), "the press is one frame");
        let (drawn, _) = frames_for(&shared, &ctx, &asked, release.to_vec(), &mut |ui| s.ui(ui));
        assert_eq!((s.taps, drawn), (2, 1), "the release, which changes the screen, is one frame");
        let next = due.iter().flatten().min().expect("the countdown's frame is kept");
        assert!(*next > Instant::now() + Duration::from_millis(500), "{due:?}");

        // Without the rule, egui asks for two more frames (input, then "settle").
        let plain = Shared::default();
        let (ctx, asked) = context(&plain);
        plain.state().ui_thread = None;
        let mut s = screen(false);
        frames_for(&plain, &ctx, &asked, Vec::new(), &mut |ui| s.ui(ui));
        let at = s.at;
        let (drawn, _) = frames_for(&plain, &ctx, &asked, click(at), &mut |ui| s.ui(ui));
        assert_eq!(drawn, 2, "the redone pass takes the place of egui's settling frame");
    }

    #[test]
    fn frames_for_keys_focus_and_other_threads_are_kept() {
        let key = egui::Event::Key {
            key: egui::Key::A,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        };
        let shared = Shared::default();
        let (ctx, asked) = context(&shared);
        let mut s = screen(false);
        frames_for(&shared, &ctx, &asked, Vec::new(), &mut |ui| s.ui(ui));
        let (drawn, _) = frames_for(&shared, &ctx, &asked, vec![key.clone()], &mut |ui| s.ui(ui));
        assert!(drawn > 1, "a key egui sees keeps egui's frames");
        let ctrl = egui::Event::ModifiersChanged(egui::Modifiers::CTRL);
        let (drawn, _) = frames_for(&shared, &ctx, &asked, vec![ctrl], &mut |ui| s.ui(ui));
        assert_eq!(drawn, 1, "the modifiers alone change nothing on screen");

        // A control with the keyboard focus (a text cursor, focus moving).
        let mut s = screen(true);
        frames_for(&shared, &ctx, &asked, Vec::new(), &mut |ui| s.ui(ui));
        let at = s.at;
        let (drawn, _) = frames_for(&shared, &ctx, &asked, click(at), &mut |ui| s.ui(ui));
        assert!(drawn > 1, "focus keeps egui's frames");

        // Another thread (the flows watcher) asks while a frame is drawn.
        let mut s = screen(false);
        frames_for(&shared, &ctx, &asked, Vec::new(), &mut |ui| s.ui(ui));
        let at = s.at;
        let (drawn, _) = frames_for(&shared, &ctx, &asked, click(at), &mut |ui| {
            s.ui(ui);
            let other = ui.ctx().clone();
            std::thread::scope(|t| {
                t.spawn(move || other.request_repaint());
            });
        });
        assert!(drawn > 1, "the watcher's frame is drawn");
    }

    #[test]
    fn a_request_about_another_frame_is_kept() {
        let now = Instant::now();
        let f = Frame { passes: Some((4, 5)), pointer_only: true, settled: true, ..Frame::default() };
        assert_eq!(f.reschedule(4, now), None);
        assert_eq!(f.reschedule(5, now), None);
        assert_eq!(f.reschedule(6, now), Some(now), "asked for after the frame");
        assert_eq!(f.reschedule(3, now), Some(now));
        let later = now + Duration::from_secs(2);
        let f = Frame { next: Some(later), ..f };
        assert_eq!(f.reschedule(5, now), Some(later));
        let f = Frame { settled: false, ..f };
        assert_eq!(f.reschedule(5, now), Some(now), "a scroll area dragged");
    }
}
