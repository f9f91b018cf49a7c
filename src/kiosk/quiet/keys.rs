//! The keyboard events that reach eframe: key releases the kiosk held from
//! egui are dropped ([`Releases`]), and modifier keys wait for the input that
//! uses them ([`Waiting`]).

use std::collections::HashSet;
use winit::event::WindowEvent;
use winit::keyboard::{Key, NamedKey, PhysicalKey};

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

/// What a window event is to [`Waiting`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    /// A modifier key (Ctrl, Shift, Alt, Super) pressed or released, or the
    /// modifiers' new state: nothing on the kiosk's screens changes with it.
    Modifier,
    /// Input that may use the modifiers: any other key, the pointer, touch,
    /// the keyboard focus, text from an input method, closing.
    Input,
    /// The window's own business (drawing, size, place, being covered).
    Window,
}

pub(super) fn class(event: &WindowEvent) -> Class {
    match event {
        WindowEvent::ModifiersChanged(_) => Class::Modifier,
        WindowEvent::KeyboardInput { event, .. } => match event.logical_key {
            Key::Named(
                NamedKey::Control
                | NamedKey::Shift
                | NamedKey::Alt
                | NamedKey::AltGraph
                | NamedKey::Super
                | NamedKey::Meta
                | NamedKey::Hyper,
            ) => Class::Modifier,
            _ => Class::Input,
        },
        WindowEvent::RedrawRequested
        | WindowEvent::Resized(_)
        | WindowEvent::Moved(_)
        | WindowEvent::ScaleFactorChanged { .. }
        | WindowEvent::Occluded(_)
        | WindowEvent::ThemeChanged(_) => Class::Window,
        _ => Class::Input,
    }
}

/// Modifier keys wait. eframe draws a frame for every press and release of
/// Ctrl or Shift and every change of the modifiers, though alone they change
/// nothing on screen: Ctrl+Plus cost three frames where the text size
/// changes in one. They reach eframe, in order, just before the next input
/// event (the one that can use them: Ctrl+Plus, the staff chord, a capital
/// letter in a text field), in the same frame.
#[derive(Debug)]
pub(super) struct Waiting<T> {
    events: Vec<T>,
}

impl<T> Default for Waiting<T> {
    fn default() -> Self {
        Waiting { events: Vec::new() }
    }
}

/// So many waiting modifier events (a patron playing with Shift) go on,
/// costing one frame.
const MOST_WAITING: usize = 32;

impl<T> Waiting<T> {
    /// The events to hand to eframe now, in order, for this one.
    pub(super) fn offer(&mut self, event: T, class: Class) -> Vec<T> {
        match class {
            Class::Modifier if self.events.len() < MOST_WAITING => {
                self.events.push(event);
                Vec::new()
            }
            Class::Modifier | Class::Input => {
                let mut now = std::mem::take(&mut self.events);
                now.push(event);
                now
            }
            Class::Window => vec![event],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use winit::keyboard::KeyCode;

    #[test]
    fn modifier_keys_wait_for_the_input_that_uses_them() {
        let mut w = Waiting::default();
        // Ctrl+Plus: Ctrl's press and the new modifiers wait for the plus.
        assert!(w.offer("ctrl down", Class::Modifier).is_empty());
        assert!(w.offer("modifiers: ctrl", Class::Modifier).is_empty());
        assert_eq!(w.offer("redraw", Class::Window), ["redraw"], "drawing does not take them");
        assert_eq!(w.offer("plus", Class::Input), ["ctrl down", "modifiers: ctrl", "plus"]);
        // Ctrl's release waits for whatever comes next, a tap here.
        assert!(w.offer("ctrl up", Class::Modifier).is_empty());
        assert!(w.offer("modifiers: none", Class::Modifier).is_empty());
        assert_eq!(w.offer("tap", Class::Input), ["ctrl up", "modifiers: none", "tap"]);
        assert!(w.offer("tap again", Class::Input).len() == 1, "nothing waits twice");
        // Shift pressed over and over goes on at last, in order.
        let mut w = Waiting::default();
        let mut went = Vec::new();
        for i in 0..MOST_WAITING + 1 {
            went.extend(w.offer(i, Class::Modifier));
        }
        assert_eq!(went, (0..=MOST_WAITING).collect::<Vec<_>>());
    }

    #[test]
    fn window_events_are_classed() {
        let mods = WindowEvent::ModifiersChanged(winit::keyboard::ModifiersState::CONTROL.into());
        assert_eq!(class(&mods), Class::Modifier);
        assert_eq!(class(&WindowEvent::RedrawRequested), Class::Window);
        assert_eq!(class(&WindowEvent::Resized(winit::dpi::PhysicalSize::new(1280, 800))), Class::Window);
        assert_eq!(class(&WindowEvent::Focused(false)), Class::Input, "focus lost takes the modifiers first");
        assert_eq!(class(&WindowEvent::CloseRequested), Class::Input);
    }

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
