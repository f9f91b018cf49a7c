//! Turning the counters into a [`Report`]: per flow figures and funnels, the
//! nodes where patrons left, and desk visits joined to flows by code.

use super::{Access, DeskEnding, DeskSummary, FlowStats, NodeCount, Report};
use super::{DeskAgg, FUNNEL_SCREENS, FlowAgg, Totals};
use crate::stats::{DURATION_STEPS, End};
use std::collections::HashMap;

impl Totals {
    /// The report.
    pub fn finish(self) -> Report {
        let (mut flows, stuck, endings) = self.flow_figures();
        let desk = self.join_desk(&mut flows);
        flows.sort_by(|a, b| b.sessions.cmp(&a.sessions).then_with(|| a.flow.cmp(&b.flow)));
        let mut hours = [0u64; 24];
        let mut weekdays = [0u64; 7];
        for (d, row) in self.heat.iter().enumerate() {
            for (h, n) in row.iter().enumerate() {
                hours[h] += n;
                weekdays[d] += n;
            }
        }
        Report {
            from: self.filter.from.map(|d| d.to_string()),
            to: self.filter.to.map(|d| d.to_string()),
            branch: self.filter.branch.clone(),
            first_date: self.first.map(|d| d.to_string()),
            last_date: self.last.map(|d| d.to_string()),
            files: self.files,
            sessions: self.sessions,
            desk_rows: self.desk_rows,
            bad_rows: self.bad_rows,
            bad: self.bad.iter().map(ToString::to_string).collect(),
            unreadable_files: self.unreadable_files,
            flows,
            stuck,
            endings,
            hours,
            weekdays,
            heat: self.heat.iter().map(|r| r.to_vec()).collect(),
            languages: sorted(self.languages),
            branches: sorted(self.branches),
            access: Access {
                sessions: self.sessions,
                large_text: self.large_text,
                high_contrast: self.high_contrast,
                both: self.both,
            },
            desk,
        }
    }

    /// Per flow figures (desk visits not yet joined), and across flows the
    /// nodes where patrons left and the endings reached, worst first.
    fn flow_figures(&self) -> (Vec<FlowStats>, Vec<NodeCount>, Vec<NodeCount>) {
        let mut flows: Vec<FlowStats> = Vec::new();
        let mut stuck = Vec::new();
        let mut endings = Vec::new();
        for (id, a) in &self.flows {
            let mut left_at: Vec<NodeCount> = Vec::new();
            for (node, c) in &a.nodes {
                let left = c[End::AskedStaff.index()] + c[End::Idle.index()] + c[End::StartedOver.index()];
                if left > 0 {
                    let n = NodeCount::new(id, node, c, left);
                    left_at.push(n.clone());
                    stuck.push(n);
                }
                let ended = c[End::Solved.index()] + c[End::Handoff.index()];
                if ended > 0 {
                    endings.push(NodeCount::new(id, node, c, ended));
                }
            }
            sort_counts(&mut left_at);
            left_at.truncate(10);
            flows.push(FlowStats {
                flow: id.clone(),
                sessions: a.ends.iter().sum(),
                solved: a.ends[End::Solved.index()],
                handoff: a.ends[End::Handoff.index()],
                asked_staff: a.ends[End::AskedStaff.index()],
                idle: a.ends[End::Idle.index()],
                started_over: a.ends[End::StartedOver.index()],
                median_duration_s: median(&a.durations),
                funnel: a.funnel(),
                left_at,
                desk: None,
            });
        }
        sort_counts(&mut stuck);
        sort_counts(&mut endings);
        (flows, stuck, endings)
    }

    /// Desk rows joined to flows (and their endings) by handoff code; fills
    /// each flow's `desk`.
    fn join_desk(&self, flows: &mut [FlowStats]) -> DeskSummary {
        let mut per_flow: HashMap<String, DeskAgg> = HashMap::new();
        let mut all = DeskAgg::default();
        let mut matched = DeskAgg::default();
        let mut unmatched = DeskAgg::default();
        let mut by_ending: HashMap<(String, String), DeskAgg> = HashMap::new();
        for (code, a) in &self.desk {
            match self.codes.get(code) {
                Some((flow, node)) => {
                    matched.merge(a);
                    all.merge(a);
                    per_flow.entry(flow.clone()).or_default().merge(a);
                    by_ending.entry((flow.clone(), node.clone())).or_default().merge(a);
                }
                // With a branch filter an unjoined desk row may be another
                // branch's: left out.
                None if self.filter.branch.is_none() => {
                    unmatched.merge(a);
                    all.merge(a);
                }
                None => {}
            }
        }
        for f in flows.iter_mut() {
            f.desk = per_flow.get(&f.flow).map(DeskAgg::stats);
        }
        let mut endings: Vec<DeskEnding> = by_ending
            .into_iter()
            .map(|((flow, node), a)| DeskEnding { flow, node, desk: a.stats() })
            .collect();
        endings.sort_by(|a, b| {
            b.desk.minutes.cmp(&a.desk.minutes).then_with(|| (&a.flow, &a.node).cmp(&(&b.flow, &b.node)))
        });
        DeskSummary { all: all.stats(), matched: matched.visits, unmatched: unmatched.visits, endings }
    }
}

impl FlowAgg {
    /// Sessions still in the flow at screen 1, 2, ... (up to the last screen
    /// anyone saw, at most [`FUNNEL_SCREENS`]).
    fn funnel(&self) -> Vec<u64> {
        let mut funnel = Vec::new();
        let mut still: u64 = self.ends.iter().sum();
        for k in 1..=FUNNEL_SCREENS {
            still -= self.screens[k - 1];
            if still == 0 {
                break;
            }
            funnel.push(still);
        }
        funnel
    }
}

fn sorted(map: HashMap<String, u64>) -> Vec<(String, u64)> {
    let mut v: Vec<_> = map.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

fn sort_counts(v: &mut [NodeCount]) {
    v.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| (&a.flow, &a.node).cmp(&(&b.flow, &b.node))));
}

/// The median of a histogram over [`DURATION_STEPS`]: the step holding the
/// middle session (the lower one for an even count). 0 with no sessions.
fn median(hist: &[u64; DURATION_STEPS.len()]) -> u32 {
    let n: u64 = hist.iter().sum();
    if n == 0 {
        return 0;
    }
    let middle = n.div_ceil(2);
    let mut seen = 0;
    for (i, c) in hist.iter().enumerate() {
        seen += c;
        if seen >= middle {
            return DURATION_STEPS[i];
        }
    }
    DURATION_STEPS[DURATION_STEPS.len() - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_a_histogram() {
        let mut h = [0u64; DURATION_STEPS.len()];
        assert_eq!(median(&h), 0);
        h[1] = 1; // 15 s
        h[4] = 1; // 60 s
        h[6] = 1; // 120 s
        assert_eq!(median(&h), 60);
        h[6] = 0;
        assert_eq!(median(&h), 15, "the lower middle of two");
    }
}
