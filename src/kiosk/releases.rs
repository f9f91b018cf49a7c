//! Key releases the kiosk has no use for never reach eframe.
//!
//! eframe draws a frame for every keyboard event from the window, and on a
//! PC without a GPU a frame is the whole screen drawn in software (about
//! 30 ms at 1920x1080). The kiosk acts on key presses, which it keeps out of
//! egui's input ([`super::Kiosk::hold_keys`]); the release of such a key
//! changes nothing on screen, yet cost a frame. [`Quiet`] sits between winit
//! and eframe and drops exactly those releases: a key's release is dropped
//! when its press was one the kiosk held from egui (no control had the
//! keyboard focus and it was not Tab), so egui never sees a release without
//! its press, nor a press without its release.

use eframe::UserEvent;
use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use winit::application::ApplicationHandler;
use winit::event::{ElementState, WindowEvent};
use winit::event_loop::ActiveEventLoop;
use winit::keyboard::{Key, NamedKey, PhysicalKey};
use winit::window::WindowId;

/// Which key presses went to the kiosk alone, so their releases can be
/// dropped.
#[derive(Default, Debug)]
pub struct Releases {
    held: HashSet<PhysicalKey>,
}

impl Releases {
    /// Whether a key event goes on to eframe. `egui_keys`: a control has the
    /// keyboard focus, so egui takes every key (as `hold_keys` decides).
    pub fn pass(&mut self, key: PhysicalKey, tab: bool, pressed: bool, egui_keys: bool) -> bool {
        if pressed {
            if egui_keys || tab {
                // egui sees this press, so it must see the release too.
                self.held.remove(&key);
            } else {
                self.held.insert(key);
            }
            true
        } else {
            !self.held.remove(&key)
        }
    }
}

/// What the kiosk's frames tell the event loop around eframe: whether egui
/// takes the keys now (a control has the keyboard focus, as the kiosk last
/// saw it), and whether a frame was ever drawn (eframe logs a window that
/// fails to start and ends its loop without an error).
#[derive(Clone, Debug)]
pub struct Shared(Arc<(AtomicBool, AtomicBool)>);

impl Default for Shared {
    /// Until the kiosk says otherwise, egui takes every key (the screen
    /// shown while the flows load has no shortcuts).
    fn default() -> Self {
        Shared(Arc::new((AtomicBool::new(true), AtomicBool::new(false))))
    }
}

impl Shared {
    /// Records, after a frame, whether egui takes the keys.
    pub fn drew(&self, egui_keys: bool) {
        self.0.0.store(egui_keys, Ordering::Relaxed);
        self.0.1.store(true, Ordering::Relaxed);
    }

    /// Whether egui takes the keys.
    pub fn egui_keys(&self) -> bool {
        self.0.0.load(Ordering::Relaxed)
    }

    /// Whether a frame was drawn.
    pub fn has_drawn(&self) -> bool {
        self.0.1.load(Ordering::Relaxed)
    }
}

/// eframe's application, with the kiosk's key releases taken out.
pub struct Quiet<A> {
    app: A,
    shared: Shared,
    releases: Releases,
}

impl<A: ApplicationHandler<UserEvent>> Quiet<A> {
    /// Wraps eframe's application.
    pub fn new(app: A, shared: Shared) -> Self {
        Quiet { app, shared, releases: Releases::default() }
    }
}

impl<A: ApplicationHandler<UserEvent>> ApplicationHandler<UserEvent> for Quiet<A> {
    fn resumed(&mut self, event_loop: &ActiveEventLoop) {
        self.app.resumed(event_loop);
    }

    fn window_event(&mut self, event_loop: &ActiveEventLoop, window_id: WindowId, event: WindowEvent) {
        if let WindowEvent::KeyboardInput { event: key, .. } = &event {
            let tab = key.logical_key == Key::Named(NamedKey::Tab);
            let pressed = key.state == ElementState::Pressed;
            if !self.releases.pass(key.physical_key, tab, pressed, self.shared.egui_keys()) {
                log::trace!("key release dropped: {:?}", key.physical_key);
                return;
            }
        }
        self.app.window_event(event_loop, window_id, event);
    }

    fn new_events(&mut self, event_loop: &ActiveEventLoop, cause: winit::event::StartCause) {
        self.app.new_events(event_loop, cause);
    }

    fn user_event(&mut self, event_loop: &ActiveEventLoop, event: UserEvent) {
        self.app.user_event(event_loop, event);
    }

    fn device_event(
        &mut self,
        event_loop: &ActiveEventLoop,
        device_id: winit::event::DeviceId,
        event: winit::event::DeviceEvent,
    ) {
        self.app.device_event(event_loop, device_id, event);
    }

    fn about_to_wait(&mut self, event_loop: &ActiveEventLoop) {
        self.app.about_to_wait(event_loop);
    }

    fn suspended(&mut self, event_loop: &ActiveEventLoop) {
        self.app.suspended(event_loop);
    }

    fn exiting(&mut self, event_loop: &ActiveEventLoop) {
        self.app.exiting(event_loop);
    }

    fn memory_warning(&mut self, event_loop: &ActiveEventLoop) {
        self.app.memory_warning(event_loop);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use winit::keyboard::KeyCode;

    const ONE: PhysicalKey = PhysicalKey::Code(KeyCode::Digit1);
    const ENTER: PhysicalKey = PhysicalKey::Code(KeyCode::Enter);
    const TAB: PhysicalKey = PhysicalKey::Code(KeyCode::Tab);

    #[test]
    fn a_shortcut_release_is_dropped_and_its_press_kept() {
        let mut r = Releases::default();
        assert!(r.pass(ONE, false, true, false), "the press is the kiosk's shortcut");
        assert!(!r.pass(ONE, false, false, false), "its release would only draw a frame");
        // A second release of the same key (none held now) goes through.
        assert!(r.pass(ONE, false, false, false));
    }

    #[test]
    fn egui_sees_the_release_of_every_press_it_saw() {
        let mut r = Releases::default();
        // Tab moves egui's focus.
        assert!(r.pass(TAB, true, true, false));
        assert!(r.pass(TAB, true, false, false));
        // Enter on a focused button: egui's, even when the button's action
        // took the focus away before the release.
        assert!(r.pass(ENTER, false, true, true));
        assert!(r.pass(ENTER, false, false, false));
    }

    #[test]
    fn a_held_press_keeps_its_release_away_when_focus_comes_between() {
        let mut r = Releases::default();
        assert!(r.pass(ONE, false, true, false));
        // A control took the focus before the release: egui never saw the
        // press, so it must not see the release either.
        assert!(!r.pass(ONE, false, false, true));
    }

    #[test]
    fn a_repeated_press_is_released_once() {
        let mut r = Releases::default();
        for _ in 0..3 {
            assert!(r.pass(ONE, false, true, false));
        }
        assert!(!r.pass(ONE, false, false, false));
        // A press egui saw after held ones (focus came) clears the hold.
        assert!(r.pass(ENTER, false, true, false));
        assert!(r.pass(ENTER, false, true, true));
        assert!(r.pass(ENTER, false, false, true));
    }
}
