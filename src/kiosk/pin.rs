//! The staff gate at the screen: the PIN pad and its lockout.
//!
//! Who may open staff mode (`StaffGate`) comes from `kiosk.ron`; this part
//! holds what the pad shows and how long it refuses tries (the arithmetic is
//! the core's [`Lockout`]). A wipe closes the pad but never clears the
//! lockout, so walking away does not buy another guess.

use crate::config::{StaffGate, verify_pin};
use crate::lockout::Lockout;
use std::time::Duration;

/// The PIN pad's state.
#[derive(Default)]
pub struct PinPad {
    /// Digits typed so far (never shown, never kept after the pad closes).
    pub entered: String,
    /// What to tell the person at the pad.
    pub message: Option<String>,
    /// Staff mode cannot be opened, and why: the pad shows only this.
    pub closed: Option<String>,
}

/// What opening the gate leads to.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Opened {
    /// Straight into staff mode (a windowed kiosk with no PIN).
    Staff,
    /// The pad shows, to type a PIN or to say why staff mode is closed.
    Pad,
}

/// The longest PIN the pad takes.
const MAX_DIGITS: usize = 12;

/// What a fullscreen kiosk with no staff PIN says on its pad.
pub const NO_PIN: &str = "No staff PIN is set on this kiosk, so staff mode stays closed. \
    To set one, run `kiosk-triage hash-pin`, type a PIN, put the line it prints in kiosk.ron, \
    and restart the kiosk.";

/// The pad (when showing) and the wait after wrong PINs.
#[derive(Default)]
pub(super) struct PinGate {
    /// The pad on screen, if any.
    pub(super) pad: Option<PinPad>,
    lockout: Lockout,
}

impl PinGate {
    /// The staff key chord.
    pub(super) fn open(&mut self, gate: &StaffGate, windowed: bool) -> Opened {
        let closed = match gate {
            StaffGate::Pin(_) => None,
            // Trying it out on a desktop: nothing to protect, and staff mode
            // says plainly that no PIN is set.
            StaffGate::NoPin if windowed => return Opened::Staff,
            // A fullscreen kiosk with no PIN stays shut: one key chord must
            // not let a patron leave it.
            StaffGate::NoPin => Some(NO_PIN.to_string()),
            StaffGate::Closed(why) => Some(why.clone()),
        };
        self.pad = Some(PinPad { closed, ..PinPad::default() });
        Opened::Pad
    }

    /// The pad goes away, digits and all.
    pub(super) fn close(&mut self) {
        self.pad = None;
    }

    /// A digit; while a wrong PIN's wait runs, the pad takes nothing.
    pub(super) fn digit(&mut self, d: char, now: Duration) {
        if let Some(pad) = &mut self.pad
            && pad.entered.len() < MAX_DIGITS
            && !self.lockout.locked(now)
        {
            pad.entered.push(d);
        }
    }

    /// Clears the digits typed.
    pub(super) fn clear(&mut self) {
        if let Some(pad) = &mut self.pad {
            pad.entered.clear();
        }
    }

    /// Tries the digits typed: true when they open staff mode (the pad has
    /// then closed).
    pub(super) fn submit(&mut self, gate: &StaffGate, now: Duration) -> bool {
        let Some(pad) = &mut self.pad else { return false };
        if self.lockout.locked(now) {
            return false;
        }
        if pad.entered.is_empty() {
            pad.message = Some("Type the PIN first.".into());
            return false;
        }
        let entered = std::mem::take(&mut pad.entered);
        let hash = match gate {
            StaffGate::Pin(h) => h,
            // Closed: no PIN opens it, and typing is not a failed try.
            StaffGate::NoPin | StaffGate::Closed(_) => {
                log::warn!("staff mode refused: it is closed on this kiosk (no usable staff PIN)");
                return false;
            }
        };
        if verify_pin(&entered, hash) {
            self.pad = None;
            self.lockout.succeeded();
            true
        } else {
            self.lockout.failed(now);
            // That a try failed, never what was typed.
            log::warn!("staff mode refused: a wrong staff PIN was typed");
            pad.message = Some("Wrong PIN.".into());
            false
        }
    }

    /// Whether the pad shows and refuses tries for now (the screen then
    /// redraws to count down).
    pub(super) fn counting_down(&self, now: Duration) -> bool {
        self.pad.is_some() && self.lockout.locked(now)
    }

    /// Seconds left before the pad takes another try.
    pub(super) fn wait(&self, now: Duration) -> Option<u64> {
        self.lockout.seconds_left(now)
    }
}
