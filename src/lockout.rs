//! How long a PIN pad waits after wrong PINs.
//!
//! Each wrong PIN doubles the wait before the next try (1, 2, 4 ... seconds,
//! at most a minute), so guessing a four-digit PIN at the kiosk takes days,
//! while a staff member who mistypes waits a second. Pure arithmetic on times
//! passed in, like `idle`: the kiosk reads the clock, tests move it by hand.

use std::time::Duration;

/// The longest wait between tries.
pub const MAX_WAIT: Duration = Duration::from_secs(60);

/// Wrong tries so far and when the next try is taken.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Lockout {
    failures: u32,
    until: Duration,
}

impl Lockout {
    /// The wait after the `failures`-th wrong PIN in a row (1 s after the
    /// first, doubling, at most [`MAX_WAIT`]); none before any.
    pub fn wait_after(failures: u32) -> Duration {
        match failures {
            0 => Duration::ZERO,
            n => Duration::from_secs(1u64 << (n - 1).min(6)).min(MAX_WAIT),
        }
    }

    /// A wrong PIN at `now`: the wait doubles.
    pub fn failed(&mut self, now: Duration) {
        self.failures = self.failures.saturating_add(1);
        self.until = now.saturating_add(Lockout::wait_after(self.failures));
    }

    /// The right PIN: the count starts again (a wait already running is
    /// over, since the pad took the try).
    pub fn succeeded(&mut self) {
        self.failures = 0;
    }

    /// Whether a try at `now` must be refused.
    pub fn locked(&self, now: Duration) -> bool {
        now < self.until
    }

    /// Whole seconds left before the next try, rounded up as a countdown
    /// shows them, while locked.
    pub fn seconds_left(&self, now: Duration) -> Option<u64> {
        self.locked(now).then(|| (self.until - now).as_secs() + 1)
    }

    /// Wrong tries in a row so far.
    pub fn failures(&self) -> u32 {
        self.failures
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn s(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    #[test]
    fn waits_double_from_one_second_to_a_minute() {
        let waits: Vec<u64> = (0..10).map(|n| Lockout::wait_after(n).as_secs()).collect();
        assert_eq!(waits, [0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(Lockout::wait_after(u32::MAX), MAX_WAIT);
    }

    #[test]
    fn a_wrong_pin_locks_until_its_wait_is_over() {
        let mut l = Lockout::default();
        assert!(!l.locked(s(0)));
        l.failed(s(10));
        assert!(l.locked(s(10)));
        assert_eq!(l.seconds_left(s(10)), Some(2), "a second left shows as it counts down");
        assert!(!l.locked(s(11)), "one second after the first");
        l.failed(s(11));
        assert!(l.locked(s(12)) && !l.locked(s(13)), "two after the second");
        l.failed(s(13));
        assert!(l.locked(s(16)) && !l.locked(s(17)), "four after the third");
        assert_eq!(l.seconds_left(s(17)), None);
        assert_eq!(l.failures(), 3);
    }

    #[test]
    fn the_right_pin_starts_the_count_again() {
        let mut l = Lockout::default();
        for t in 0..5 {
            l.failed(s(t * 100));
        }
        l.succeeded();
        l.failed(s(1000));
        assert!(!l.locked(s(1001)), "back to one second");
    }

    #[test]
    fn huge_times_and_counts_never_overflow() {
        let mut l = Lockout::default();
        for _ in 0..100 {
            l.failed(Duration::MAX);
        }
        assert!(!l.locked(Duration::MAX));
        assert_eq!(l.failures(), 100);
    }
}
