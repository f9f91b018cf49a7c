//! Events and frames the kiosk has no use for never reach eframe: the
//! releases of keys it held from egui, modifier keys on their own (they
//! wait for the input that uses them, [`keys::Waiting`]), and the frames egui asks
//! for after a tap that has already drawn the screen it leads to
//! ([`frames::Frame`]).
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

mod frames;
mod keys;

pub use frames::Shared;
use keys::{Releases, Waiting, class};

use eframe::UserEvent;
use winit::application::ApplicationHandler;
use winit::event::{ElementState, WindowEvent};
use winit::event_loop::ActiveEventLoop;
use winit::keyboard::{Key, NamedKey};
use winit::window::WindowId;

/// eframe's application, with the kiosk's key releases and settled frames
/// taken out.
pub struct Quiet<A> {
    app: A,
    shared: Shared,
    releases: Releases,
    waiting: Waiting<(WindowId, WindowEvent)>,
}

impl<A: ApplicationHandler<UserEvent>> Quiet<A> {
    /// Wraps eframe's application.
    pub fn new(app: A, shared: Shared) -> Self {
        Quiet { app, shared, releases: Releases::default(), waiting: Waiting::default() }
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
        let class = class(&event);
        for (window_id, event) in self.waiting.offer((window_id, event), class) {
            self.app.window_event(event_loop, window_id, event);
        }
    }

    fn new_events(&mut self, event_loop: &ActiveEventLoop, cause: winit::event::StartCause) {
        self.app.new_events(event_loop, cause);
    }

    fn user_event(&mut self, event_loop: &ActiveEventLoop, event: UserEvent) {
        let event = match event {
            UserEvent::RequestRepaint { viewport_id, when, cumulative_pass_nr } => {
                match self.shared.reschedule(cumulative_pass_nr, when) {
                    Some(when) => UserEvent::RequestRepaint { viewport_id, when, cumulative_pass_nr },
                    None => {
                        log::trace!("no frame after pass {cumulative_pass_nr}: it settled");
                        return;
                    }
                }
            }
            other => other,
        };
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
