//! Keyboard shortcuts, so the whole kiosk works without a pointer: number
//! keys choose (home tiles and answers), Enter is Next (Done on an ending),
//! Backspace or keypad minus is Back, F1 or keypad 0 asks for staff, keypad
//! plus reads the screen aloud and slash turns Read aloud on or off, and the
//! PIN pad takes digits in the order typed. The language screen has its own
//! keys (see [`super::languages::keys`]).

use super::app::{Action, Kiosk, View};
use crate::idle::Phase;
use crate::session::{Body, Session};
use eframe::egui::{self, Key, Modifiers};

impl Kiosk {
    /// Keyboard shortcuts, so the whole kiosk works without a pointer.
    pub(super) fn keys(&self, ctx: &egui::Context) -> Vec<Action> {
        let mut out = Vec::new();
        // Enter on a focused button presses that button; only with nothing
        // focused does it mean Next.
        let nothing_focused = ctx.memory(|m| m.focused().is_none());
        ctx.input_mut(|i| {
            if i.consume_key(Modifiers::CTRL | Modifiers::ALT, Key::S) {
                out.push(Action::OpenStaff);
                return;
            }
            if self.pin.pad.is_some() {
                pin_pad_keys(i, &mut out);
                return;
            }
            if matches!(self.idle_phase(), Phase::Warning { .. }) {
                // Any key is input; Enter or Space answers the prompt.
                if i.consume_key(Modifiers::NONE, Key::Enter) || i.consume_key(Modifiers::NONE, Key::Space) {
                    out.push(Action::StillHere);
                }
                return;
            }
            self.everywhere_keys(i, &mut out);
            if self.patron.choosing_language {
                super::languages::keys(self, i, &mut out);
            } else if matches!(self.patron.view, View::Home) && !self.unavailable {
                self.home_keys(i, &mut out);
            } else if let View::Flow(s) = &self.patron.view {
                flow_keys(s, nothing_focused, i, &mut out);
            }
        });
        out
    }

    /// The keys every patron screen takes: text size, asking for staff and
    /// reading aloud.
    fn everywhere_keys(&self, i: &mut egui::InputState, out: &mut Vec<Action>) {
        if i.consume_key(Modifiers::CTRL, Key::Plus) || i.consume_key(Modifiers::CTRL, Key::Equals) {
            out.push(Action::TextSize(1));
        }
        if i.consume_key(Modifiers::CTRL, Key::Minus) {
            out.push(Action::TextSize(-1));
        }
        // F1 and, on a number pad, 0 (like a phone's operator) ask for staff.
        if i.consume_key(Modifiers::NONE, Key::F1) || i.consume_key(Modifiers::NONE, Key::Num0) {
            out.push(Action::AskStaff);
        }
        // Number pad + reads the screen aloud (again), / turns it off or
        // on (not in staff mode, which is never read).
        if !self.in_staff_mode() && i.consume_key(Modifiers::NONE, Key::Plus) {
            out.push(Action::Repeat);
        }
        if !self.in_staff_mode() && i.consume_key(Modifiers::NONE, Key::Slash) {
            out.push(Action::ReadAloud);
        }
    }

    /// Home: the tiles are numbered; 1-9 start a flow, the last number is
    /// "Something else?".
    fn home_keys(&self, i: &mut egui::InputState, out: &mut Vec<Action>) {
        let flows = self.flow_ids();
        for (n, (k, _)) in DIGITS[1..].iter().enumerate() {
            if n <= flows.len() && i.consume_key(Modifiers::NONE, *k) {
                out.push(match flows.get(n) {
                    Some(id) => Action::StartFlow(id.clone()),
                    None => Action::StaffFromHome,
                });
            }
        }
    }
}

/// In a flow: Back, Home, the answers' numbers, and Enter for Next (Done on
/// an ending) when no button has the focus.
fn flow_keys(s: &Session, nothing_focused: bool, i: &mut egui::InputState, out: &mut Vec<Action>) {
    if i.consume_key(Modifiers::NONE, Key::Backspace)
        || i.consume_key(Modifiers::ALT, Key::ArrowLeft)
        || i.consume_key(Modifiers::NONE, Key::Minus)
    {
        out.push(Action::Back);
    }
    if i.consume_key(Modifiers::NONE, Key::Home) {
        out.push(Action::Home);
    }
    match s.screen().body {
        Body::Question { choices, .. } => {
            for (n, (k, _)) in DIGITS[1..].iter().enumerate() {
                if n < choices.len() && i.consume_key(Modifiers::NONE, *k) {
                    out.push(Action::Choose(n + 1));
                }
            }
        }
        Body::Step { .. } if nothing_focused && i.consume_key(Modifiers::NONE, Key::Enter) => {
            out.push(Action::Next);
        }
        Body::Solved { .. } | Body::Handoff { .. }
            if nothing_focused && i.consume_key(Modifiers::NONE, Key::Enter) =>
        {
            out.push(Action::Home);
        }
        _ => {}
    }
}

/// The PIN pad: digits in the order typed (several keys can arrive in one
/// frame), Enter submits, Escape cancels, Backspace clears.
fn pin_pad_keys(i: &mut egui::InputState, out: &mut Vec<Action>) {
    // In the order typed: several keys can arrive in one frame.
    for e in &i.events {
        if let egui::Event::Key { key, pressed: true, modifiers, .. } = e
            && modifiers.is_none()
            && let Some((_, d)) = DIGITS.iter().find(|(k, _)| k == key)
        {
            out.push(Action::PinDigit(*d));
        }
    }
    for (k, _) in DIGITS {
        while i.consume_key(Modifiers::NONE, k) {}
    }
    if i.consume_key(Modifiers::NONE, Key::Enter) {
        out.push(Action::PinSubmit);
    }
    if i.consume_key(Modifiers::NONE, Key::Escape) {
        out.push(Action::PinCancel);
    }
    if i.consume_key(Modifiers::NONE, Key::Backspace) {
        out.push(Action::PinClear);
    }
}

/// The key for the digit `n` (0-9; beyond 9, 9).
pub(super) fn digit(n: usize) -> Key {
    DIGITS[n.min(9)].0
}

const DIGITS: [(Key, char); 10] = [
    (Key::Num0, '0'),
    (Key::Num1, '1'),
    (Key::Num2, '2'),
    (Key::Num3, '3'),
    (Key::Num4, '4'),
    (Key::Num5, '5'),
    (Key::Num6, '6'),
    (Key::Num7, '7'),
    (Key::Num8, '8'),
    (Key::Num9, '9'),
];

impl Kiosk {
    /// Takes the key events the kiosk answers itself out of egui's input
    /// before a frame, to give them back when it starts (`give_back_keys`).
    /// egui draws one more frame after every frame that had input events, and
    /// on a PC without a GPU every frame is the whole screen drawn in
    /// software: held keys spare the frame after a key press and the one
    /// after its release. Tab, and every key while a widget has the keyboard
    /// focus, stay with egui, which moves the focus and presses the focused
    /// button with them.
    pub fn hold_keys(&mut self, ctx: &egui::Context, raw: &mut egui::RawInput) {
        if ctx.memory(|m| m.focused().is_some()) {
            return;
        }
        let modifiers = ctx.input(|i| i.modifiers);
        let (held, kept): (Vec<_>, Vec<_>) = raw.events.drain(..).partition(|e| match e {
            egui::Event::Key { key, .. } => *key != Key::Tab,
            egui::Event::Text(_) => true,
            // A change of modifiers is egui's; a "change" to the same is noise.
            egui::Event::ModifiersChanged(m) => *m == modifiers,
            _ => false,
        });
        raw.events = kept;
        self.held_keys.extend(held);
    }

    /// Gives the held key events back to this frame's input, where the
    /// shortcuts (`keys`) read them.
    pub(super) fn give_back_keys(&mut self, ctx: &egui::Context) {
        if !self.held_keys.is_empty() {
            let held = std::mem::take(&mut self.held_keys);
            ctx.input_mut(|i| i.events.extend(held));
        }
    }
}
