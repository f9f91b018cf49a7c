//! Anonymous statistics: one row per patron session at the kiosk, one row per
//! desk visit, in daily CSV files that a spreadsheet opens.
//!
//! The rows hold an allowlist of fields and nothing else, by construction:
//! [`SessionRecord`] and [`DeskRecord`] are the only things written, their
//! strings are ids from a checked flow set (flow, node, branch, language), the
//! kiosk's name from `kiosk.ron` and a handoff code, each cleaned of control
//! characters and cut at [`MAX_FIELD`] characters. No patron-facing text, no
//! free text, no clock time finer than the hour, no hardware id.
//!
//! Like the rest of the core this module has no UI and reads no clock: the
//! caller passes the local date and hour ([`LocalTime`]) and the session time
//! (`now`). [`store`] writes and reads the files, [`aggregate`] sums them up
//! for `kiosk-triage report` and for staff mode's figures.

pub mod aggregate;
mod date;
mod desk_row;
mod fields;
mod figures;
mod session_row;
pub mod store;
pub mod synth;

pub use date::{Date, LocalTime, Weekday};
pub use desk_row::{DeskOutcome, DeskRecord};
pub use fields::{RowError, normalize_code, split_fields};
pub use session_row::{SessionRecord, SessionView};
pub use store::{Recorder, TodayFigures};

use std::time::Duration;

/// The longest string field written (in characters); longer ones are cut.
pub const MAX_FIELD: usize = 64;

/// The columns of a kiosk file, in order: the allowlist.
pub const SESSION_FIELDS: [&str; 15] = [
    "date",
    "hour",
    "weekday",
    "branch",
    "kiosk",
    "language",
    "flow",
    "end",
    "node",
    "screens",
    "back_steps",
    "duration_s",
    "large_text",
    "high_contrast",
    "code",
];

/// The columns of a desk file, in order: the allowlist.
pub const DESK_FIELDS: [&str; 5] = ["date", "code", "outcome", "read", "minutes"];

/// Session lengths are written rounded down to one of these (seconds), so a
/// row says "90 s" for anything from 90 to 119 s. The last step means "an
/// hour or more".
pub const DURATION_STEPS: [u32; 17] =
    [0, 15, 30, 45, 60, 90, 120, 180, 240, 300, 420, 600, 900, 1200, 1800, 2700, 3600];

/// Desk minutes are written rounded up to one of these ("about 5 minutes");
/// the last step means "two hours or more".
pub const MINUTE_STEPS: [u16; 11] = [1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120];

/// The step a session length is written as (seconds).
pub fn duration_step(elapsed: Duration) -> u32 {
    let s = elapsed.as_secs();
    DURATION_STEPS.iter().rev().copied().find(|&b| u64::from(b) <= s).unwrap_or(0)
}

/// The index of a written duration in [`DURATION_STEPS`] (the step at or
/// below it, for values that were not written by this module).
pub fn duration_index(seconds: u32) -> usize {
    DURATION_STEPS.iter().rposition(|&b| b <= seconds).unwrap_or(0)
}

/// The step desk minutes are written as.
pub fn minute_step(minutes: u16) -> u16 {
    MINUTE_STEPS.iter().copied().find(|&m| minutes <= m).unwrap_or(MINUTE_STEPS[MINUTE_STEPS.len() - 1])
}

/// How a kiosk session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum End {
    /// The flow reached a solved ending.
    Solved,
    /// The flow reached a handoff ending (the patron was sent to the desk).
    Handoff,
    /// The patron pressed "Get help from staff" at a node (or took the
    /// kiosk's offer of help, or asked from the home screen).
    AskedStaff,
    /// The patron left: the idle wipe cleared the session at a node.
    Idle,
    /// The patron started over (Start over, Home, Back from the first
    /// screen) at a node.
    StartedOver,
}

impl End {
    /// Every kind, in the order reports list them.
    pub const ALL: [End; 5] = [End::Solved, End::Handoff, End::AskedStaff, End::Idle, End::StartedOver];

    /// As written.
    pub fn as_str(self) -> &'static str {
        match self {
            End::Solved => "solved",
            End::Handoff => "handoff",
            End::AskedStaff => "asked_staff",
            End::Idle => "idle",
            End::StartedOver => "started_over",
        }
    }

    /// Reads what [`End::as_str`] writes.
    pub fn parse(s: &str) -> Option<End> {
        End::ALL.iter().copied().find(|e| e.as_str() == s)
    }

    /// Position in [`End::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The patron left without an answer or a person: idle or started over.
    pub fn gave_up(self) -> bool {
        matches!(self, End::Idle | End::StartedOver)
    }
}

/// How the kiosk left a session's screens; with the session's outcome it
/// gives the [`End`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Left {
    /// Home, Start over, Done, or Back from the first screen.
    Home,
    /// The idle wipe.
    Idle,
}

/// What the kiosk knows about a session that the session does not: when it
/// ended, how the kiosk left it, the display settings, the code shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Context {
    /// Local date and hour.
    pub at: LocalTime,
    /// How the kiosk left the session's screens.
    pub left: Left,
    /// Larger text was on at some point in the session.
    pub large_text: bool,
    /// High contrast was on at some point in the session.
    pub high_contrast: bool,
    /// The handoff code shown to the patron, if one was (grouped or not).
    pub code: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_coarse() {
        assert_eq!(duration_step(Duration::from_secs(14)), 0);
        assert_eq!(duration_step(Duration::from_secs(119)), 90);
        assert_eq!(duration_step(Duration::from_secs(99_999)), 3600);
        assert_eq!(minute_step(0), 1);
        assert_eq!(minute_step(3), 5);
        assert_eq!(minute_step(500), 120);
    }
}
