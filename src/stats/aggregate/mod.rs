//! Summing daily files up for `kiosk-triage report`, streaming: rows are
//! added to counters as they are read and never kept, so memory grows with
//! the number of distinct flows, nodes and handoff codes, not with rows.
//! Median session times come from a histogram of the coarse steps.

pub use super::figures::{Access, DeskEnding, DeskStats, DeskSummary, FlowStats, NodeCount, Report};
mod finish;

use super::store::{BadRow, Kind, classify, read_lines};
use super::{DURATION_STEPS, Date, DeskRecord, SessionRecord, SessionView, Weekday, duration_index};
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

    fn stats(&self) -> DeskStats {
        let rated: u64 = self.read[1..].iter().sum();
        let weighted: u64 = self.read.iter().enumerate().map(|(l, n)| l as u64 * n).sum();
        let mean = if rated == 0 { 0.0 } else { (weighted as f64 / rated as f64 * 100.0).round() / 100.0 };
        DeskStats {
            visits: self.visits,
            outcomes: self.outcomes,
            read: self.read,
            mean_read: mean,
            minutes: self.minutes,
        }
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
