//! Time passing on its own: when an idle kiosk warns and wipes, and how long
//! the kiosk may sleep before something on screen changes by itself (a
//! countdown second, the solved screen going home, the offer of help, a
//! locked PIN pad, a folder edit settling).

use super::app::{Kiosk, View};
use super::reload::SETTLE;
use crate::idle::{IdleRule, Phase};
use crate::session::Outcome;
use eframe::egui;
use std::time::Duration;

impl Kiosk {
    /// The colour the window is cleared to: the background, dimmed while
    /// "Are you still there?" shows.
    pub fn backdrop(&self) -> egui::Color32 {
        let background = self.palette().background;
        match self.idle_phase() {
            Phase::Warning { .. } => super::widgets::blend(background, egui::Color32::BLACK, 190.0 / 255.0),
            _ => background,
        }
    }

    /// Whether the kiosk is as a new patron finds it: nothing to wipe.
    pub(super) fn pristine(&self) -> bool {
        self.pin.pad.is_none() && self.patron.pristine(self.languages.first())
    }

    /// When an idle kiosk warns and wipes, from `kiosk.ron`.
    pub(super) fn idle_rule(&self) -> IdleRule {
        IdleRule { warning: self.config.idle_warning(), countdown: self.config.idle_reset() }
    }

    /// The idle phase now (always active when there is nothing to wipe).
    pub(super) fn idle_phase(&self) -> Phase {
        // Staff mode is not exempt: a staff member who walks away must not
        // leave "Exit the kiosk" to the next patron.
        if self.pristine() {
            return Phase::Active { warning_in: self.idle_rule().warning };
        }
        self.idle_rule().phase(self.last_input, self.now)
    }

    /// How long until something changes by itself: the idle warning, a
    /// countdown second, the solved screen going home, the offer of help.
    pub(super) fn next_deadline(&self) -> Duration {
        let mut next = match self.idle_phase() {
            Phase::Active { warning_in } => warning_in,
            // The ring and its number change once a second: draw then, just
            // after the second turns.
            Phase::Warning { wipe_in } => {
                match wipe_in.subsec_nanos() {
                    0 => Duration::from_secs(1),
                    n => Duration::from_nanos(u64::from(n)),
                }
                .min(wipe_in)
                    + Duration::from_millis(5)
            }
            Phase::Expired => Duration::ZERO,
        };
        if let View::Flow(s) = &self.patron.view {
            if s.outcome() == Some(&Outcome::Solved) {
                let home_at = self.config.solved_return();
                next = next.min(
                    home_at
                        .saturating_sub(self.now.saturating_sub(self.last_input))
                        .min(Duration::from_secs(1)),
                );
            } else if !self.patron.offer_dismissed {
                let offer = self.config.offer_help_after().saturating_sub(s.elapsed(self.now));
                if !offer.is_zero() {
                    next = next.min(offer);
                }
            }
        }
        if self.pin.counting_down(self.now) {
            next = next.min(Duration::from_millis(500));
        }
        if self.hot.settling() {
            next = next.min(SETTLE);
        }
        next.max(Duration::from_millis(50))
    }
}
