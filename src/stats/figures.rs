//! What a report shows: the figures [`super::aggregate`] sums the daily files
//! up to, serialized as they are for `report --format json`.

use super::DeskOutcome;
use serde::Serialize;

/// Everything `report` shows.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// `--from`.
    pub from: Option<String>,
    /// `--to`.
    pub to: Option<String>,
    /// `--branch`.
    pub branch: Option<String>,
    /// The earliest kiosk row counted.
    pub first_date: Option<String>,
    /// The latest kiosk row counted.
    pub last_date: Option<String>,
    /// Daily files read.
    pub files: u64,
    /// Kiosk sessions counted.
    pub sessions: u64,
    /// Desk rows counted (before the join).
    pub desk_rows: u64,
    /// Rows that could not be read.
    pub bad_rows: u64,
    /// The first of them, as `file:line: why`.
    pub bad: Vec<String>,
    /// Files or folders that could not be read at all.
    pub unreadable_files: Vec<String>,
    /// Per flow, most used first.
    pub flows: Vec<FlowStats>,
    /// Nodes where patrons left (asked for staff, idle, started over),
    /// worst first.
    pub stuck: Vec<NodeCount>,
    /// Endings reached (solved and handoff), most first.
    pub endings: Vec<NodeCount>,
    /// Sessions by hour of the day.
    pub hours: [u64; 24],
    /// Sessions by weekday, Monday first.
    pub weekdays: [u64; 7],
    /// Sessions by weekday (rows, Monday first) and hour (columns).
    pub heat: Vec<Vec<u64>>,
    /// Sessions per language, most first.
    pub languages: Vec<(String, u64)>,
    /// Sessions per branch, most first.
    pub branches: Vec<(String, u64)>,
    /// Accessibility settings.
    pub access: Access,
    /// Desk visits.
    pub desk: DeskSummary,
}

/// One flow's figures.
#[derive(Clone, Debug, Serialize)]
pub struct FlowStats {
    /// The flow id (empty: "get help" from the home screen).
    pub flow: String,
    /// Sessions.
    pub sessions: u64,
    /// Solved endings.
    pub solved: u64,
    /// Handoff endings.
    pub handoff: u64,
    /// Asked for staff before an ending.
    pub asked_staff: u64,
    /// Left by the idle wipe.
    pub idle: u64,
    /// Started over.
    pub started_over: u64,
    /// Median session length (a coarse step, seconds).
    pub median_duration_s: u32,
    /// Sessions still in the flow at screen 1, 2, ...
    pub funnel: Vec<u64>,
    /// Nodes where patrons left this flow, worst first (up to ten).
    pub left_at: Vec<NodeCount>,
    /// Desk visits joined to this flow's handoffs.
    pub desk: Option<DeskStats>,
}

impl FlowStats {
    /// Gave up: idle plus started over.
    pub fn gave_up(&self) -> u64 {
        self.idle + self.started_over
    }
}

/// Sessions that ended at one node.
#[derive(Clone, Debug, Serialize)]
pub struct NodeCount {
    /// The flow.
    pub flow: String,
    /// The node (`otherflow/node` after a goto).
    pub node: String,
    /// The count this list is sorted by.
    pub total: u64,
    /// By how it ended, in [`End::ALL`](super::End::ALL) order.
    pub by_end: [u64; 5],
}

impl NodeCount {
    pub(super) fn new(flow: &str, node: &str, by_end: &[u64; 5], total: u64) -> NodeCount {
        NodeCount { flow: flow.to_string(), node: node.to_string(), total, by_end: *by_end }
    }
}

/// Accessibility settings used.
#[derive(Clone, Debug, Serialize)]
pub struct Access {
    /// Sessions in all.
    pub sessions: u64,
    /// With larger text.
    pub large_text: u64,
    /// With high contrast.
    pub high_contrast: u64,
    /// With both.
    pub both: u64,
}

/// Desk visits: outcomes, READ levels, minutes.
#[derive(Clone, Debug, Default, Serialize)]
pub struct DeskStats {
    /// Visits.
    pub visits: u64,
    /// By outcome, in [`DeskOutcome::ALL`] order.
    pub outcomes: [u64; 4],
    /// By READ level: index 0 for none given, then levels 1 to 6.
    pub read: [u64; 7],
    /// Mean READ level of the visits that have one (0 if none).
    pub mean_read: f64,
    /// Minutes in all (each visit rounded up to its step).
    pub minutes: u64,
}

impl DeskStats {
    /// The count for an outcome.
    pub fn outcome(&self, o: DeskOutcome) -> u64 {
        self.outcomes[o.index()]
    }
}

/// Desk visits in all.
#[derive(Clone, Debug, Serialize)]
pub struct DeskSummary {
    /// Every desk visit counted.
    pub all: DeskStats,
    /// Visits whose code matched a kiosk session.
    pub matched: u64,
    /// Visits whose code matched none (the kiosk's folder was not
    /// collected, or the session was outside the dates).
    pub unmatched: u64,
    /// Per handoff ending, most desk minutes first.
    pub endings: Vec<DeskEnding>,
}

/// Desk visits for one ending.
#[derive(Clone, Debug, Serialize)]
pub struct DeskEnding {
    /// The flow.
    pub flow: String,
    /// The ending (or the node where the patron asked).
    pub node: String,
    /// The visits.
    pub desk: DeskStats,
}
