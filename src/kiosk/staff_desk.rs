//! Staff mode's desk: the code typed in, what it decoded to, recording what
//! came of the visit, and today's figures for this kiosk. Separate from the
//! patron's part so that staff-mode state has one owner and the screen in
//! `staff.rs` only draws it.

use super::stats::StatsSink;
use crate::desk::Outcomes;
use crate::flow::model::FlowSet;
use crate::handoff::archive::Archive;
use std::sync::Arc;
use std::time::Duration;

/// Staff mode's decoding and figures.
pub(super) struct StaffDesk {
    /// The code typed in staff mode.
    code: String,
    /// The decoded checklist, or why the code did not decode.
    summary: Option<Result<String, String>>,
    /// The code last decoded, and the READ level its ending suggests.
    decoded: Option<(String, Option<u8>)>,
    /// Recording what came of the visit (with statistics on).
    outcomes: Option<Outcomes>,
    /// Today's figures for this kiosk, read when staff mode opens.
    today: Option<String>,
    /// Where flow versions are archived, so old codes still decode.
    archive: Option<Archive>,
}

impl StaffDesk {
    /// Nothing typed yet; old codes decode against `archive`.
    pub(super) fn new(archive: Option<Archive>) -> Self {
        StaffDesk { code: String::new(), summary: None, decoded: None, outcomes: None, today: None, archive }
    }

    /// The code field, for the text edit.
    pub(super) fn code_mut(&mut self) -> &mut String {
        &mut self.code
    }

    /// Today's figures, if statistics are on.
    pub(super) fn today(&self) -> Option<&str> {
        self.today.as_deref()
    }

    /// The decoded checklist, or why the code did not decode.
    pub(super) fn summary(&self) -> Option<&Result<String, String>> {
        self.summary.as_ref()
    }

    /// The outcome panel and the code it records for, once a code decoded.
    pub(super) fn outcome(&mut self) -> Option<(&mut Outcomes, &str)> {
        match (&mut self.outcomes, &self.decoded) {
            (Some(o), Some((code, _))) => Some((o, code.as_str())),
            _ => None,
        }
    }

    /// Forgets the code and what it decoded to (leaving staff mode, a wipe).
    pub(super) fn clear(&mut self) {
        self.code.clear();
        self.summary = None;
    }

    /// Staff mode opens: today's figures for this kiosk, read once, and the
    /// outcome panel writing where the kiosk's statistics go.
    pub(super) fn open(&mut self, stats: Option<&StatsSink>) {
        if self.outcomes.is_none()
            && let Some(sink) = stats
        {
            self.outcomes = Some(Outcomes::new(sink.shared_recorder(), sink.local()));
        }
        self.today = stats.map(today_line);
    }

    /// Decodes the code typed, against `set` and the archived versions with
    /// the code's tag.
    pub(super) fn decode(&mut self, set: &Arc<FlowSet>) {
        let current = [set.clone()];
        let result = match &self.archive {
            // Only the kept versions with the code's tag are loaded.
            Some(archive) => {
                let (result, problems) = archive.decode(&self.code, &current);
                for p in problems {
                    log::warn!("{p}");
                }
                result
            }
            None => crate::handoff::summary::decode(&self.code, &current),
        };
        self.decoded = result.as_ref().ok().map(|s| (s.code.clone(), s.ending.read));
        if let (Some(o), Some((_, read))) = (&mut self.outcomes, &self.decoded) {
            o.suggest(*read);
        }
        self.summary = Some(result.map(|s| crate::handoff::summary::render(&s)).map_err(|e| e.to_string()));
    }
}

/// Today's figures for this kiosk, in a line for staff.
fn today_line(sink: &StatsSink) -> String {
    sink.flush(Duration::from_secs(1));
    let mut text = match sink.today() {
        Some(Ok(t)) => {
            let top: Vec<String> = t.top_flows.iter().map(|(f, n)| format!("{f} {n}")).collect();
            format!(
                "Today on this kiosk: {} sessions, {} solved here, {} sent to staff, {} left unfinished{}",
                t.sessions,
                t.solved,
                t.handoffs,
                t.gave_up,
                if top.is_empty() { String::new() } else { format!(". Most used: {}", top.join(", ")) }
            )
        }
        Some(Err(e)) => format!("Today's figures cannot be read: {e}"),
        None => "Today's figures need the computer's date, which could not be read.".into(),
    };
    if let Some(p) = sink.last_problem() {
        text.push_str(&format!("\nStatistics are not being saved: {p}"));
    }
    text
}
