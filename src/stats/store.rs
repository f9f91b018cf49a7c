//! The daily files: written append-only, one complete line per `write`, read
//! back row by row with broken rows counted, never fatal.
//!
//! Layout: `<data>/stats/kiosk-YYYY-MM-DD-<name>.csv` and
//! `desk-YYYY-MM-DD-<name>.csv`, where `<name>` is the kiosk's (or desk's)
//! name in lower case with anything but letters and digits as `-` (left out
//! when the name is empty). Naming the machine in the file lets many kiosks
//! share one network folder without writing into the same file.

use super::{Date, DeskRecord, End, RowError, SessionRecord};
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// How long daily files are kept unless kiosk.ron says otherwise.
pub const DEFAULT_RETENTION_DAYS: u32 = 400;

/// Which kind of daily file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `kiosk-*.csv`: [`SessionRecord`] rows.
    Kiosk,
    /// `desk-*.csv`: [`DeskRecord`] rows.
    Desk,
}

impl Kind {
    fn prefix(self) -> &'static str {
        match self {
            Kind::Kiosk => "kiosk-",
            Kind::Desk => "desk-",
        }
    }

    fn header(self) -> String {
        match self {
            Kind::Kiosk => SessionRecord::header(),
            Kind::Desk => DeskRecord::header(),
        }
    }
}

/// The kind and date of a daily file, from its name; `None` for any other
/// file.
pub fn classify(file_name: &str) -> Option<(Kind, Date)> {
    let stem = file_name.strip_suffix(".csv")?;
    let (kind, rest) = if let Some(r) = stem.strip_prefix("kiosk-") {
        (Kind::Kiosk, r)
    } else {
        (Kind::Desk, stem.strip_prefix("desk-")?)
    };
    let date = Date::parse(rest.get(..10)?)?;
    match rest.as_bytes().get(10) {
        None | Some(b'-') => Some((kind, date)),
        Some(_) => None,
    }
}

/// A machine name as it appears in file names.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The file name for a kind, date and machine name.
pub fn file_name(kind: Kind, date: Date, name: &str) -> String {
    let s = slug(name);
    if s.is_empty() {
        format!("{}{date}.csv", kind.prefix())
    } else {
        format!("{}{date}-{s}.csv", kind.prefix())
    }
}

/// Writes a kiosk's (or a desk's) rows into `<data>/stats/`, deletes files
/// older than the retention, and reads today's figures back for staff mode.
///
/// Every method returns errors instead of panicking; a kiosk that gets one
/// should keep running, show it in staff mode and log it. Writing may block
/// on a slow network folder, so a kiosk calls it off the UI thread.
#[derive(Debug)]
pub struct Recorder {
    dir: PathBuf,
    name: String,
    retention_days: u32,
    /// The day retention last ran, so it runs once a day.
    pruned: Mutex<Option<Date>>,
}

impl Recorder {
    /// A recorder for the machine called `name` (the kiosk name from
    /// kiosk.ron, or the desk's) writing under `<data_dir>/stats/`, keeping
    /// `retention_days` days of files (at least 1). Touches no file yet.
    pub fn new(data_dir: &Path, name: &str, retention_days: u32) -> Recorder {
        Recorder {
            dir: data_dir.join("stats"),
            name: name.to_string(),
            retention_days: retention_days.max(1),
            pruned: Mutex::new(None),
        }
    }

    /// The folder the files go to.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The machine's name, as written in kiosk rows.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The row for a session the kiosk is leaving, with this kiosk's name.
    pub fn session_row(
        &self,
        session: &crate::session::Session,
        now: std::time::Duration,
        cx: &super::Context,
    ) -> SessionRecord {
        SessionRecord::from_session(session, now, &self.name, cx)
    }

    /// The path of a daily file.
    pub fn path(&self, kind: Kind, date: Date) -> PathBuf {
        self.dir.join(file_name(kind, date, &self.name))
    }

    /// Appends one kiosk session row to the file of its date (creating the
    /// folder and file, with a header, when needed), then applies retention
    /// once a day.
    pub fn record(&self, row: &SessionRecord) -> io::Result<()> {
        append(&self.path(Kind::Kiosk, row.date), &Kind::Kiosk.header(), &row.to_line())?;
        self.prune_daily(row.date)
    }

    /// Appends one desk row, like [`Recorder::record`].
    pub fn record_desk(&self, row: &DeskRecord) -> io::Result<()> {
        append(&self.path(Kind::Desk, row.date), &Kind::Desk.header(), &row.to_line())?;
        self.prune_daily(row.date)
    }

    fn prune_daily(&self, today: Date) -> io::Result<()> {
        let mut last = self.pruned.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if *last == Some(today) {
            return Ok(());
        }
        *last = Some(today);
        drop(last);
        self.prune(today).map(|_| ())
    }

    /// Deletes this machine's daily files dated more than the retention
    /// before `today` (today counts as the first day kept). Returns how many
    /// it deleted. Other machines' files in a shared folder, and files it
    /// does not recognise, are left alone.
    pub fn prune(&self, today: Date) -> io::Result<usize> {
        let Some(oldest) = today.add_days(-i64::from(self.retention_days) + 1) else { return Ok(0) };
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(e),
        };
        let mut deleted = 0;
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let Some((kind, date)) = classify(name) else { continue };
            if date < oldest && name == file_name(kind, date, &self.name) {
                std::fs::remove_file(entry.path())?;
                deleted += 1;
            }
        }
        Ok(deleted)
    }

    /// Today's figures for this kiosk, for staff mode: from today's file,
    /// so they survive a restart. A missing file is a day with no sessions.
    pub fn today(&self, date: Date) -> io::Result<TodayFigures> {
        let mut figures = TodayFigures::default();
        let mut flows: Vec<(String, u64)> = Vec::new();
        let path = self.path(Kind::Kiosk, date);
        if !path.exists() {
            return Ok(figures);
        }
        let mut buf = Vec::new();
        read_file(
            &path,
            Kind::Kiosk,
            &mut buf,
            &mut |row| {
                let Row::Session(r) = row else { return };
                figures.sessions += 1;
                match r.end {
                    End::Solved => figures.solved += 1,
                    End::Handoff | End::AskedStaff => figures.handoffs += 1,
                    End::Idle | End::StartedOver => figures.gave_up += 1,
                }
                if !r.flow.is_empty() {
                    match flows.iter_mut().find(|(f, _)| *f == r.flow) {
                        Some((_, n)) => *n += 1,
                        None => flows.push((r.flow, 1)),
                    }
                }
            },
            &mut |_| figures.unreadable += 1,
        )?;
        flows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        flows.truncate(3);
        figures.top_flows = flows;
        Ok(figures)
    }
}

/// One kiosk's figures for a day, for staff mode.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TodayFigures {
    /// Sessions recorded.
    pub sessions: u64,
    /// Solved by the kiosk.
    pub solved: u64,
    /// Sent to staff: handoff endings and requests for staff.
    pub handoffs: u64,
    /// Left by idle or starting over.
    pub gave_up: u64,
    /// The most used flows, most first (up to three), with their sessions.
    pub top_flows: Vec<(String, u64)>,
    /// Rows that could not be read.
    pub unreadable: u64,
}

/// Appends `line` to `path` in one write, after the header if the file is
/// new, after a newline if the file ends in a cut-off row (so the new row
/// stays readable).
fn append(path: &Path, header: &str, line: &str) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = OpenOptions::new().read(true).append(true).create(true).open(path)?;
    let len = file.metadata()?.len();
    let mut buf = String::with_capacity(header.len() + line.len() + 1);
    if len == 0 {
        buf.push_str(header);
    } else if !ends_with_newline(&mut file)? {
        buf.push('\n');
    }
    buf.push_str(line);
    file.write_all(buf.as_bytes())?;
    // Best effort: some network file systems refuse it, and the row is
    // written either way.
    let _ = file.sync_data();
    Ok(())
}

fn ends_with_newline(file: &mut File) -> io::Result<bool> {
    file.seek(SeekFrom::End(-1))?;
    let mut last = [0u8; 1];
    file.read_exact(&mut last)?;
    Ok(last[0] == b'\n')
}

/// A row read from a daily file.
#[derive(Clone, Debug)]
pub enum Row {
    /// From a kiosk file.
    Session(SessionRecord),
    /// From a desk file.
    Desk(DeskRecord),
}

/// A row that could not be read, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadRow {
    /// The file.
    pub file: PathBuf,
    /// 1-based line number.
    pub line: usize,
    /// What was wrong.
    pub error: RowError,
}

impl std::fmt::Display for BadRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.error)
    }
}

/// Reads one daily file, calling `row` for each good row and `bad` for
/// each one that could not be read (a cut-off last line included). Only an
/// error opening or reading the file is returned. `buf` is reused between
/// files so reading many files allocates little.
pub fn read_file(
    path: &Path,
    kind: Kind,
    buf: &mut Vec<u8>,
    row: &mut dyn FnMut(Row),
    bad: &mut dyn FnMut(BadRow),
) -> io::Result<()> {
    read_lines(path, kind, buf, &mut |line, text| {
        let parsed = text.and_then(|t| match kind {
            Kind::Kiosk => SessionRecord::parse_line(t).map(Row::Session),
            Kind::Desk => DeskRecord::parse_line(t).map(Row::Desk),
        });
        match parsed {
            Ok(r) => row(r),
            Err(error) => bad(BadRow { file: path.to_path_buf(), line, error }),
        }
    })
}

/// Reads one daily file line by line: `each` gets the 1-based line number
/// and each row's text after the header (not yet parsed), or why the line
/// could not be read (not UTF-8, a cut-off last line, a header this version
/// does not write, after which the file is skipped). Empty lines are skipped.
pub fn read_lines(
    path: &Path,
    kind: Kind,
    buf: &mut Vec<u8>,
    each: &mut dyn FnMut(usize, Result<&str, RowError>),
) -> io::Result<()> {
    buf.clear();
    File::open(path)?.read_to_end(buf)?;
    let text: &[u8] = buf.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(buf);
    let header = match kind {
        Kind::Kiosk => KIOSK_HEADER,
        Kind::Desk => DESK_HEADER,
    };
    for (i, line) in text.split_inclusive(|&b| b == b'\n').enumerate() {
        let n = i + 1;
        let Some(line) = line.strip_suffix(b"\n") else {
            each(n, Err(RowError::Torn));
            break;
        };
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if n == 1 {
            if line != header.as_bytes() {
                each(n, Err(RowError::Header));
                return Ok(());
            }
            continue;
        }
        if line.is_empty() {
            continue;
        }
        match std::str::from_utf8(line) {
            Ok(t) => each(n, Ok(t)),
            Err(_) => each(n, Err(RowError::Encoding)),
        }
    }
    Ok(())
}

/// The header of kiosk files, without its newline.
const KIOSK_HEADER: &str = "date,hour,weekday,branch,kiosk,language,flow,end,node,screens,back_steps,duration_s,large_text,high_contrast,code";
/// The header of desk files, without its newline.
const DESK_HEADER: &str = "date,code,outcome,read,minutes";

#[cfg(test)]
mod tests {
    #[test]
    fn headers_are_the_allowlists() {
        assert_eq!(super::KIOSK_HEADER, super::super::SESSION_FIELDS.join(","));
        assert_eq!(super::DESK_HEADER, super::super::DESK_FIELDS.join(","));
    }
}
