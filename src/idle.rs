//! When a kiosk left alone should warn, and when it should wipe.
//!
//! Pure arithmetic on times passed in, so the kiosk and its tests agree on
//! every boundary without a clock or a sleep.

use std::time::Duration;

/// Where a kiosk is in its idle cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Someone is using it; the warning comes after `warning_in`.
    Active {
        /// Time left before the warning.
        warning_in: Duration,
    },
    /// "Are you still there?" is showing; the wipe comes after `wipe_in`.
    Warning {
        /// Time left before the wipe.
        wipe_in: Duration,
    },
    /// Time is up: wipe the session and go home.
    Expired,
}

/// The idle rule: warn after `warning` without input, wipe `countdown`
/// later.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdleRule {
    /// Time without input before the warning.
    pub warning: Duration,
    /// Length of the countdown.
    pub countdown: Duration,
}

impl IdleRule {
    /// The phase at `now` for input last seen at `last_input`.
    pub fn phase(&self, last_input: Duration, now: Duration) -> Phase {
        let quiet = now.saturating_sub(last_input);
        if quiet < self.warning {
            Phase::Active { warning_in: self.warning - quiet }
        } else if quiet < self.warning + self.countdown {
            Phase::Warning { wipe_in: self.warning + self.countdown - quiet }
        } else {
            Phase::Expired
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_change_exactly_at_their_boundaries() {
        let rule = IdleRule { warning: Duration::from_secs(90), countdown: Duration::from_secs(30) };
        let at = |s| rule.phase(Duration::from_secs(10), Duration::from_secs(s));
        assert_eq!(at(10), Phase::Active { warning_in: Duration::from_secs(90) });
        assert_eq!(at(99), Phase::Active { warning_in: Duration::from_secs(1) });
        assert_eq!(at(100), Phase::Warning { wipe_in: Duration::from_secs(30) });
        assert_eq!(at(129), Phase::Warning { wipe_in: Duration::from_secs(1) });
        assert_eq!(at(130), Phase::Expired);
        // Input "from the future" (a clock step backwards) is simply active.
        assert_eq!(at(5), Phase::Active { warning_in: Duration::from_secs(90) });
    }
}
