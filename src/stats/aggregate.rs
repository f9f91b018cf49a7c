//! Summing daily files up for `kiosk-triage report`, streaming: rows are
//! added to counters as they are read and never kept, so memory grows with
//! the number of distinct flows, nodes and handoff codes, not with rows.
//! Median session times come from a histogram of the coarse steps.

use super::store::{BadRow, Kind, classify, read_lines};
use super::{
    DURATION_STEPS, Date, DeskOutcome, DeskRecord, End, SessionRecord, SessionView, Weekday, duration_index,
};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// How many unreadable rows a report lists with file:line (all are counted).
pub const MAX_LISTED_BAD: usize = 100;

/// The longest funnel drawn: sessions that saw at least 1, 2, ... screens.
pub const FUNNEL_SCREENS: usize = 30;

/// Which rows count.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// First date included.
    pub from: Option<Date>,
    /// Last date included.
    pub to: Option<Date>,
    /// Only this branch (desk rows count when their code joins a kiosk row
    /// of the branch).
    pub branch: Option<String>,
}

impl Filter {
    fn date_ok(&self, d: Date) -> bool {
        self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t)
    }
}

#[derive(Default)]
struct FlowAgg {
    ends: [u64; 5],
    durations: [u64; DURATION_STEPS.len()],
    /// Sessions by screens seen, the last counting that many or more.
    screens: [u64; FUNNEL_SCREENS + 1],
    /// Per node: sessions that ended there, by [`End`].
    nodes: HashMap<String, [u64; 5]>,
}

#[derive(Default)]
struct DeskAgg {
    visits: u64,
    outcomes: [u64; 4],
    /// Index 0: no level given.
    read: [u64; 7],
    minutes: u64,
}

impl DeskAgg {
    fn add(&mut self, r: &DeskRecord) {
        self.visits += 1;
        self.outcomes[r.outcome.index()] += 1;
        self.read[usize::from(r.read.unwrap_or(0)).min(6)] += 1;
        self.minutes += u64::from(r.minutes);
    }

    fn merge(&mut self, o: &DeskAgg) {
        self.visits += o.visits;
        for i in 0..4 {
            self.outcomes[i] += o.outcomes[i];
        }
        for i in 0..7 {
            self.read[i] += o.read[i];
        }
        self.minutes += o.minutes;
    }
}

/// Counters being filled; [`Totals::finish`] turns them into a [`Report`].
#[derive(Default)]
pub struct Totals {
    filter: Filter,
    files: u64,
    seen_files: HashSet<FileKey>,
    sessions: u64,
    desk_rows: u64,
    first: Option<Date>,
    last: Option<Date>,
    bad_rows: u64,
    bad: Vec<BadRow>,
    unreadable_files: Vec<String>,
    flows: HashMap<String, FlowAgg>,
    heat: [[u64; 24]; 7],
    languages: HashMap<String, u64>,
    branches: HashMap<String, u64>,
    large_text: u64,
    high_contrast: u64,
    both: u64,
    /// Handoff code → (flow, node) of the kiosk rows that showed it. The
    /// code holds the path, so every row with one code has the same flow and
    /// ending.
    codes: HashMap<String, (String, String)>,
    /// Desk visits by code, joined to flows at the end.
    desk: HashMap<String, DeskAgg>,
}

impl Totals {
    /// Empty counters for rows that pass `filter`.
    pub fn new(filter: Filter) -> Totals {
        Totals { filter, ..Totals::default() }
    }

    fn see(&mut self, d: Date) {
        self.first = Some(self.first.map_or(d, |f| f.min(d)));
        self.last = Some(self.last.map_or(d, |l| l.max(d)));
    }

    /// Adds one kiosk row (if it passes the filter).
    pub fn add_session(&mut self, r: SessionRecord) {
        self.add_view(&SessionView {
            date: r.date,
            hour: r.hour,
            weekday: r.weekday,
            branch: r.branch.into(),
            kiosk: r.kiosk.into(),
            language: r.language.into(),
            flow: r.flow.into(),
            end: r.end,
            node: r.node.into(),
            screens: r.screens,
            back_steps: r.back_steps,
            duration_s: r.duration_s,
            large_text: r.large_text,
            high_contrast: r.high_contrast,
            code: r.code.unwrap_or_default().into(),
        });
    }

    /// Adds one kiosk row as read (if it passes the filter); allocates only
    /// for flows, nodes, languages, branches and codes not seen before.
    pub fn add_view(&mut self, r: &SessionView<'_>) {
        if !self.filter.date_ok(r.date) || self.filter.branch.as_ref().is_some_and(|b| *b != r.branch) {
            return;
        }
        self.see(r.date);
        self.sessions += 1;
        let e = r.end.index();
        let flow = match self.flows.get_mut(&*r.flow) {
            Some(f) => f,
            None => self.flows.entry(r.flow.to_string()).or_default(),
        };
        flow.ends[e] += 1;
        flow.durations[duration_index(r.duration_s)] += 1;
        flow.screens[(r.screens as usize).min(FUNNEL_SCREENS)] += 1;
        match flow.nodes.get_mut(&*r.node) {
            Some(n) => n[e] += 1,
            None => flow.nodes.entry(r.node.to_string()).or_default()[e] += 1,
        }
        self.heat[r.weekday.index()][usize::from(r.hour).min(23)] += 1;
        bump(&mut self.languages, &r.language);
        bump(&mut self.branches, &r.branch);
        self.large_text += u64::from(r.large_text);
        self.high_contrast += u64::from(r.high_contrast);
        self.both += u64::from(r.large_text && r.high_contrast);
        if !r.code.is_empty() && !self.codes.contains_key(&*r.code) {
            self.codes.insert(r.code.to_string(), (r.flow.to_string(), r.node.to_string()));
        }
    }

    /// Adds one desk row (if its date passes the filter; the branch is
    /// checked when it is joined).
    pub fn add_desk(&mut self, r: DeskRecord) {
        if !self.filter.date_ok(r.date) {
            return;
        }
        self.desk_rows += 1;
        match self.desk.get_mut(&r.code) {
            Some(a) => a.add(&r),
            None => self.desk.entry(r.code.clone()).or_default().add(&r),
        }
    }

    /// Counts a row that could not be read (listing the first ones).
    pub fn add_bad(&mut self, b: BadRow) {
        self.bad_rows += 1;
        if self.bad.len() < MAX_LISTED_BAD {
            self.bad.push(b);
        }
    }

    /// Reads every daily file under `path` (a file or a folder, recursively;
    /// symbolic links to folders are not followed, the same file reached
    /// twice is read once). Files outside the filter's dates are skipped by
    /// name. Errors below the top are counted, never fatal; the top path
    /// not existing is an error.
    pub fn add_path(&mut self, path: &Path) -> std::io::Result<()> {
        let meta = std::fs::metadata(path)?;
        let mut buf = Vec::new();
        if meta.is_dir() {
            self.walk(path, &mut buf);
        } else {
            self.add_file(path, &mut buf);
        }
        Ok(())
    }

    fn walk(&mut self, dir: &Path, buf: &mut Vec<u8>) {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.unreadable_files.push(format!("{}: {e}", dir.display()));
                return;
            }
        };
        let mut paths: Vec<(PathBuf, bool)> = entries
            .filter_map(Result::ok)
            .filter_map(|e| Some((e.path(), e.file_type().ok()?.is_dir())))
            .collect();
        paths.sort();
        for (p, is_dir) in paths {
            if is_dir {
                self.walk(&p, buf);
            } else {
                self.add_file(&p, buf);
            }
        }
    }

    fn add_file(&mut self, path: &Path, buf: &mut Vec<u8>) {
        let Some((kind, date)) = path.file_name().and_then(|n| n.to_str()).and_then(classify) else { return };
        if !self.filter.date_ok(date) {
            return;
        }
        if !self.seen_files.insert(file_key(path)) {
            return;
        }
        self.files += 1;
        let mut bads = Vec::new();
        let result = read_lines(path, kind, buf, &mut |line, text| {
            let parsed = text.and_then(|t| match kind {
                Kind::Kiosk => SessionView::parse(t).map(|r| self.add_view(&r)),
                Kind::Desk => DeskRecord::parse_line(t).map(|r| self.add_desk(r)),
            });
            if let Err(error) = parsed {
                bads.push(BadRow { file: path.to_path_buf(), line, error });
            }
        });
        for b in bads {
            self.add_bad(b);
        }
        if let Err(e) = result {
            self.unreadable_files.push(format!("{}: {e}", path.display()));
        }
    }

    /// The report.
    pub fn finish(self) -> Report {
        let mut flows: Vec<FlowStats> = Vec::new();
        let mut stuck = Vec::new();
        let mut endings = Vec::new();
        for (id, a) in &self.flows {
            let sessions: u64 = a.ends.iter().sum();
            let mut funnel = Vec::new();
            let mut still = sessions;
            for k in 1..=FUNNEL_SCREENS {
                still -= a.screens[k - 1];
                if still == 0 {
                    break;
                }
                funnel.push(still);
            }
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
                sessions,
                solved: a.ends[End::Solved.index()],
                handoff: a.ends[End::Handoff.index()],
                asked_staff: a.ends[End::AskedStaff.index()],
                idle: a.ends[End::Idle.index()],
                started_over: a.ends[End::StartedOver.index()],
                median_duration_s: median(&a.durations),
                funnel,
                left_at,
                desk: None,
            });
        }
        sort_counts(&mut stuck);
        sort_counts(&mut endings);

        // Desk rows joined to flows by code.
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
        for f in &mut flows {
            f.desk = per_flow.get(&f.flow).map(DeskStats::of);
        }
        flows.sort_by(|a, b| b.sessions.cmp(&a.sessions).then_with(|| a.flow.cmp(&b.flow)));
        let mut desk_endings: Vec<DeskEnding> = by_ending
            .into_iter()
            .map(|((flow, node), a)| DeskEnding { flow, node, desk: DeskStats::of(&a) })
            .collect();
        desk_endings.sort_by(|a, b| {
            b.desk.minutes.cmp(&a.desk.minutes).then_with(|| (&a.flow, &a.node).cmp(&(&b.flow, &b.node)))
        });

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
            desk: DeskSummary {
                all: DeskStats::of(&all),
                matched: matched.visits,
                unmatched: unmatched.visits,
                endings: desk_endings,
            },
        }
    }
}

/// What tells two paths to one file apart: device and inode where there are
/// such, else the canonical path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum FileKey {
    #[cfg_attr(not(unix), allow(dead_code))]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

#[cfg(unix)]
fn file_key(path: &Path) -> FileKey {
    use std::os::unix::fs::MetadataExt;
    match std::fs::metadata(path) {
        Ok(m) => FileKey::Inode(m.dev(), m.ino()),
        Err(_) => FileKey::Path(path.to_path_buf()),
    }
}

#[cfg(not(unix))]
fn file_key(path: &Path) -> FileKey {
    FileKey::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

fn bump(map: &mut HashMap<String, u64>, key: &str) {
    match map.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            map.insert(key.to_string(), 1);
        }
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
    /// By how it ended, in [`End::ALL`] order.
    pub by_end: [u64; 5],
}

impl NodeCount {
    fn new(flow: &str, node: &str, by_end: &[u64; 5], total: u64) -> NodeCount {
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
    fn of(a: &DeskAgg) -> DeskStats {
        let rated: u64 = a.read[1..].iter().sum();
        let weighted: u64 = a.read.iter().enumerate().map(|(l, n)| l as u64 * n).sum();
        let mean = if rated == 0 { 0.0 } else { (weighted as f64 / rated as f64 * 100.0).round() / 100.0 };
        DeskStats {
            visits: a.visits,
            outcomes: a.outcomes,
            read: a.read,
            mean_read: mean,
            minutes: a.minutes,
        }
    }

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

/// Reads every path and sums it up.
pub fn scan(paths: &[PathBuf], filter: Filter) -> std::io::Result<Report> {
    let mut t = Totals::new(filter);
    for p in paths {
        t.add_path(p).map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", p.display())))?;
    }
    Ok(t.finish())
}

/// Weekday names for reports, Monday first.
pub fn weekday_names() -> [&'static str; 7] {
    Weekday::ALL.map(Weekday::as_str)
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
