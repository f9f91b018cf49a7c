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
pub mod store;
pub mod synth;

pub use store::{Recorder, TodayFigures};

use crate::session::{Outcome, Session};
use std::borrow::Cow;
use std::fmt;
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

/// A calendar date (proleptic Gregorian), as `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// A day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

impl Weekday {
    /// Monday first.
    pub const ALL: [Weekday; 7] =
        [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

    /// As written: `mon` ... `sun`.
    pub fn as_str(self) -> &'static str {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][self.index()]
    }

    /// 0 for Monday to 6 for Sunday.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Reads `mon` ... `sun`.
    pub fn parse(s: &str) -> Option<Weekday> {
        Weekday::ALL.iter().copied().find(|w| w.as_str() == s)
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// A date, if it exists (years 1970 to 9999).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let ok = (1970..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(i64::from(year), month);
        ok.then_some(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Reads `YYYY-MM-DD` exactly.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            part.parse().ok()
        };
        let year = u16::try_from(num(0..4)?).ok()?;
        let month = u8::try_from(num(5..7)?).ok()?;
        let day = u8::try_from(num(8..10)?).ok()?;
        Date::new(year, month, day)
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, if it is one [`Date::new`] accepts.
    pub fn from_days(days: i64) -> Option<Date> {
        // Howard Hinnant's civil_from_days.
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(u16::try_from(year).ok()?, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
    }

    /// The date `n` days later (earlier for a negative `n`), if it exists.
    pub fn add_days(self, n: i64) -> Option<Date> {
        Date::from_days(self.days().checked_add(n)?)
    }

    /// The day of the week.
    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        Weekday::ALL[(self.days() + 3).rem_euclid(7) as usize]
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The local date and hour at the kiosk when a session ended, filled by the
/// caller from its clock (the core reads none). The weekday follows from the
/// date, so the two can never disagree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalTime {
    /// The local date.
    pub date: Date,
    /// The local hour, 0 to 23 (larger values are written as 23).
    pub hour: u8,
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

/// One kiosk session, as written: exactly the fields of [`SESSION_FIELDS`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionRecord {
    /// Local date.
    pub date: Date,
    /// Local hour, 0-23.
    pub hour: u8,
    /// Day of the week.
    pub weekday: Weekday,
    /// Branch id.
    pub branch: String,
    /// The kiosk's name from kiosk.ron.
    pub kiosk: String,
    /// Language code.
    pub language: String,
    /// The flow the patron chose; empty for "get help" from the home screen.
    pub flow: String,
    /// How it ended.
    pub end: End,
    /// The ending reached, or the node where the patron was when they left
    /// or asked for staff; `otherflow/node` when a goto led into another
    /// flow; empty when no flow was chosen.
    pub node: String,
    /// Screens shown (each again after Back).
    pub screens: u32,
    /// Back presses that went back.
    pub back_steps: u32,
    /// Session length, rounded down to a [`DURATION_STEPS`] step (seconds).
    pub duration_s: u32,
    /// Larger text was used.
    pub large_text: bool,
    /// High contrast was used.
    pub high_contrast: bool,
    /// The handoff code shown, ungrouped and upper case.
    pub code: Option<String>,
}

impl SessionRecord {
    /// The row for a session the kiosk is leaving, at `now` on the session's
    /// clock.
    pub fn from_session(session: &Session, now: Duration, kiosk: &str, cx: &Context) -> SessionRecord {
        let set = session.flow_set();
        let trail = session.trail();
        let first = trail.first().and_then(|v| set.flows.get(v.flow));
        let last = trail.last().and_then(|v| Some((v.flow, set.flows.get(v.flow)?.nodes.get(v.node)?)));
        let node = match (first, last) {
            (Some(f), Some((fi, n))) => {
                if set.flows.get(fi).is_some_and(|lf| lf.id != f.id) {
                    format!("{}/{}", set.flows[fi].id, n.id)
                } else {
                    n.id.clone()
                }
            }
            _ => String::new(),
        };
        let end = match session.outcome() {
            Some(Outcome::Solved) => End::Solved,
            Some(Outcome::Handoff) => End::Handoff,
            Some(Outcome::AskedStaff) => End::AskedStaff,
            None => match cx.left {
                Left::Home => End::StartedOver,
                Left::Idle => End::Idle,
            },
        };
        SessionRecord {
            date: cx.at.date,
            hour: cx.at.hour.min(23),
            weekday: cx.at.date.weekday(),
            branch: session.branch_id().to_string(),
            kiosk: kiosk.to_string(),
            language: session.language().to_string(),
            flow: first.map(|f| f.id.clone()).unwrap_or_default(),
            end,
            node,
            screens: session.screens_seen(),
            back_steps: session.back_steps(),
            duration_s: duration_step(session.elapsed(now)),
            large_text: cx.large_text,
            high_contrast: cx.high_contrast,
            code: cx.code.as_deref().map(normalize_code).filter(|c| !c.is_empty()),
        }
    }

    /// The CSV header line, newline included.
    pub fn header() -> String {
        let mut s = SESSION_FIELDS.join(",");
        s.push('\n');
        s
    }

    /// The row as one CSV line, newline included.
    pub fn to_line(&self) -> String {
        let mut out = String::with_capacity(128);
        let date = self.date.to_string();
        let fields: [&str; 15] = [
            &date,
            &self.hour.min(23).to_string(),
            self.date.weekday().as_str(),
            &self.branch,
            &self.kiosk,
            &self.language,
            &self.flow,
            self.end.as_str(),
            &self.node,
            &self.screens.to_string(),
            &self.back_steps.to_string(),
            &duration_step(Duration::from_secs(self.duration_s.into())).to_string(),
            bit(self.large_text),
            bit(self.high_contrast),
            self.code.as_deref().unwrap_or(""),
        ];
        write_fields(&mut out, &fields);
        out
    }

    /// Reads one line (without its newline) as [`SessionRecord::to_line`]
    /// writes it.
    pub fn parse_line(line: &str) -> Result<SessionRecord, RowError> {
        SessionView::parse(line).map(SessionView::into_owned)
    }
}

/// A kiosk row read from a file, borrowing its strings from the line, so a
/// report over millions of rows allocates only for values it has not seen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionView<'a> {
    /// Local date.
    pub date: Date,
    /// Local hour, 0-23.
    pub hour: u8,
    /// Day of the week.
    pub weekday: Weekday,
    /// Branch id.
    pub branch: Cow<'a, str>,
    /// The kiosk's name.
    pub kiosk: Cow<'a, str>,
    /// Language code.
    pub language: Cow<'a, str>,
    /// The flow.
    pub flow: Cow<'a, str>,
    /// How it ended.
    pub end: End,
    /// The ending or last node.
    pub node: Cow<'a, str>,
    /// Screens shown.
    pub screens: u32,
    /// Back steps.
    pub back_steps: u32,
    /// Session length step (seconds).
    pub duration_s: u32,
    /// Larger text was used.
    pub large_text: bool,
    /// High contrast was used.
    pub high_contrast: bool,
    /// The handoff code, empty for none.
    pub code: Cow<'a, str>,
}

impl<'a> SessionView<'a> {
    /// Reads one line (without its newline).
    pub fn parse(line: &'a str) -> Result<SessionView<'a>, RowError> {
        let mut f = split_fields(line).ok_or(RowError::Quoting)?;
        if f.len() != SESSION_FIELDS.len() {
            return Err(RowError::FieldCount(f.len()));
        }
        let date = Date::parse(&f[0]).ok_or(RowError::Field("date"))?;
        let hour: u8 = f[1].parse().ok().filter(|h| *h < 24).ok_or(RowError::Field("hour"))?;
        let weekday = Weekday::parse(&f[2]).ok_or(RowError::Field("weekday"))?;
        let end = End::parse(&f[7]).ok_or(RowError::Field("end"))?;
        let num = |f: &[Cow<'_, str>], i: usize, name: &'static str| {
            f[i].parse::<u32>().map_err(|_| RowError::Field(name))
        };
        let flag = |f: &[Cow<'_, str>], i: usize, name: &'static str| match &*f[i] {
            "1" => Ok(true),
            "0" => Ok(false),
            _ => Err(RowError::Field(name)),
        };
        let screens = num(&f, 9, "screens")?;
        let back_steps = num(&f, 10, "back_steps")?;
        let duration_s = num(&f, 11, "duration_s")?;
        let large_text = flag(&f, 12, "large_text")?;
        let high_contrast = flag(&f, 13, "high_contrast")?;
        let mut take = |i: usize| std::mem::take(&mut f[i]);
        Ok(SessionView {
            date,
            hour,
            weekday,
            branch: take(3),
            kiosk: take(4),
            language: take(5),
            flow: take(6),
            end,
            node: take(8),
            screens,
            back_steps,
            duration_s,
            large_text,
            high_contrast,
            code: take(14),
        })
    }

    /// The row with its own strings.
    pub fn into_owned(self) -> SessionRecord {
        SessionRecord {
            date: self.date,
            hour: self.hour,
            weekday: self.weekday,
            branch: self.branch.into_owned(),
            kiosk: self.kiosk.into_owned(),
            language: self.language.into_owned(),
            flow: self.flow.into_owned(),
            end: self.end,
            node: self.node.into_owned(),
            screens: self.screens,
            back_steps: self.back_steps,
            duration_s: self.duration_s,
            large_text: self.large_text,
            high_contrast: self.high_contrast,
            code: Some(self.code.into_owned()).filter(|c| !c.is_empty()),
        }
    }
}

/// What came of a desk visit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeskOutcome {
    /// Staff solved it.
    Resolved,
    /// Sent elsewhere (another service, the email provider, IT).
    Referred,
    /// An appointment was booked.
    Booked,
    /// Staff could not help.
    CouldNotHelp,
}

impl DeskOutcome {
    /// Every outcome, in report order.
    pub const ALL: [DeskOutcome; 4] =
        [DeskOutcome::Resolved, DeskOutcome::Referred, DeskOutcome::Booked, DeskOutcome::CouldNotHelp];

    /// As written.
    pub fn as_str(self) -> &'static str {
        match self {
            DeskOutcome::Resolved => "resolved",
            DeskOutcome::Referred => "referred",
            DeskOutcome::Booked => "booked",
            DeskOutcome::CouldNotHelp => "could_not_help",
        }
    }

    /// Reads what [`DeskOutcome::as_str`] writes.
    pub fn parse(s: &str) -> Option<DeskOutcome> {
        DeskOutcome::ALL.iter().copied().find(|o| o.as_str() == s)
    }

    /// Position in [`DeskOutcome::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// One desk visit, as written: exactly the fields of [`DESK_FIELDS`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeskRecord {
    /// Local date.
    pub date: Date,
    /// The handoff code the patron showed, ungrouped and upper case.
    pub code: String,
    /// What came of it.
    pub outcome: DeskOutcome,
    /// READ scale level 1-6, if staff gave one.
    pub read: Option<u8>,
    /// Minutes spent, rounded up to a [`MINUTE_STEPS`] step.
    pub minutes: u16,
}

impl DeskRecord {
    /// A desk row: the code is normalized, a READ level outside 1-6 is left
    /// out, minutes are rounded up to a step.
    pub fn new(date: Date, code: &str, outcome: DeskOutcome, read: Option<u8>, minutes: u16) -> DeskRecord {
        DeskRecord {
            date,
            code: normalize_code(code),
            outcome,
            read: read.filter(|r| (1..=6).contains(r)),
            minutes: minute_step(minutes),
        }
    }

    /// The CSV header line, newline included.
    pub fn header() -> String {
        let mut s = DESK_FIELDS.join(",");
        s.push('\n');
        s
    }

    /// The row as one CSV line, newline included.
    pub fn to_line(&self) -> String {
        let mut out = String::with_capacity(48);
        let read = self.read.filter(|r| (1..=6).contains(r)).map(|r| r.to_string()).unwrap_or_default();
        let fields: [&str; 5] = [
            &self.date.to_string(),
            &self.code,
            self.outcome.as_str(),
            &read,
            &minute_step(self.minutes).to_string(),
        ];
        write_fields(&mut out, &fields);
        out
    }

    /// Reads one line (without its newline) as [`DeskRecord::to_line`]
    /// writes it.
    pub fn parse_line(line: &str) -> Result<DeskRecord, RowError> {
        let f = split_fields(line).ok_or(RowError::Quoting)?;
        if f.len() != DESK_FIELDS.len() {
            return Err(RowError::FieldCount(f.len()));
        }
        let date = Date::parse(&f[0]).ok_or(RowError::Field("date"))?;
        let outcome = DeskOutcome::parse(&f[2]).ok_or(RowError::Field("outcome"))?;
        let read = match &*f[3] {
            "" => None,
            r => Some(r.parse::<u8>().ok().filter(|r| (1..=6).contains(r)).ok_or(RowError::Field("read"))?),
        };
        let minutes = f[4].parse::<u16>().map_err(|_| RowError::Field("minutes"))?;
        if f[1].is_empty() {
            return Err(RowError::Field("code"));
        }
        Ok(DeskRecord { date, code: f[1].to_string(), outcome, read, minutes })
    }
}

/// Why a row could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowError {
    /// A quoted field that never closes, or text after a closing quote.
    Quoting,
    /// The wrong number of fields.
    FieldCount(usize),
    /// A field that does not hold what its column does.
    Field(&'static str),
    /// Not UTF-8.
    Encoding,
    /// The file's last line has no newline: a write that was cut off.
    Torn,
    /// The file does not start with the header this version writes.
    Header,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RowError::Quoting => write!(f, "a quoted field is not closed properly"),
            RowError::FieldCount(n) => write!(f, "{n} fields where a row has a fixed number"),
            RowError::Field(name) => write!(f, "`{name}` does not hold a valid value"),
            RowError::Encoding => write!(f, "not UTF-8 text"),
            RowError::Torn => write!(f, "the last row was cut off (a crash or power cut while writing)"),
            RowError::Header => write!(f, "not a kiosk-triage statistics header"),
        }
    }
}

/// A handoff code as stored: the canonical ungrouped form when it decodes
/// (any case, `O` for 0, hyphens and spaces ignored), else its letters and
/// digits in upper case.
pub fn normalize_code(code: &str) -> String {
    match crate::handoff::base32::decode(code) {
        Ok(v) => crate::handoff::base32::encode(v),
        Err(_) => code.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect(),
    }
}

fn bit(b: bool) -> &'static str {
    if b { "1" } else { "0" }
}

/// A field as written: control characters become spaces, at most
/// [`MAX_FIELD`] characters, quoted when it holds a comma, a quote or
/// leading or trailing spaces.
fn write_field(out: &mut String, s: &str) {
    let clean: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).take(MAX_FIELD).collect();
    let quote = clean.contains([',', '"']) || clean.starts_with(' ') || clean.ends_with(' ');
    if quote {
        out.push('"');
        out.push_str(&clean.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&clean);
    }
}

fn write_fields(out: &mut String, fields: &[&str]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_field(out, f);
    }
    out.push('\n');
}

/// Splits one CSV line into fields (RFC 4180 quoting, no newlines inside
/// fields: this module never writes one). `None` when quoting is broken.
pub fn split_fields(line: &str) -> Option<Vec<Cow<'_, str>>> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let mut fields = Vec::with_capacity(16);
    let mut rest = line;
    loop {
        if let Some(q) = rest.strip_prefix('"') {
            let mut value = String::new();
            let mut s = q;
            loop {
                let end = s.find('"')?;
                value.push_str(&s[..end]);
                s = &s[end + 1..];
                if let Some(t) = s.strip_prefix('"') {
                    value.push('"');
                    s = t;
                } else {
                    break;
                }
            }
            fields.push(Cow::Owned(value));
            match s.strip_prefix(',') {
                Some(t) => rest = t,
                None if s.is_empty() => return Some(fields),
                None => return None,
            }
        } else {
            match rest.find(',') {
                Some(i) => {
                    let field = &rest[..i];
                    if field.contains('"') {
                        return None;
                    }
                    fields.push(Cow::Borrowed(field));
                    rest = &rest[i + 1..];
                }
                None => {
                    if rest.contains('"') {
                        return None;
                    }
                    fields.push(Cow::Borrowed(rest));
                    return Some(fields);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn dates_round_trip_and_know_their_weekday() {
        let d = Date::parse("2024-02-29").unwrap();
        assert_eq!(d.to_string(), "2024-02-29");
        assert_eq!(d.weekday(), Weekday::Thu);
        assert_eq!(Date::parse("1970-01-01").unwrap().days(), 0);
        assert_eq!(Date::parse("2025-01-01").unwrap().weekday(), Weekday::Wed);
        assert_eq!(d.add_days(1).unwrap().to_string(), "2024-03-01");
        assert_eq!(d.add_days(-366).unwrap().to_string(), "2023-02-28");
        for n in (0..20_000).step_by(37) {
            assert_eq!(Date::from_days(n).unwrap().days(), n);
        }
        for bad in
            ["2023-02-29", "2024-13-01", "2024-1-01", "20240101", "2024-01-00", "abcd-ef-gh", "+024-01-01"]
        {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn steps_are_coarse() {
        assert_eq!(duration_step(Duration::from_secs(14)), 0);
        assert_eq!(duration_step(Duration::from_secs(119)), 90);
        assert_eq!(duration_step(Duration::from_secs(99_999)), 3600);
        assert_eq!(minute_step(0), 1);
        assert_eq!(minute_step(3), 5);
        assert_eq!(minute_step(500), 120);
    }

    #[test]
    fn fields_are_quoted_and_cleaned() {
        let mut out = String::new();
        write_fields(&mut out, &["a,b", "say \"hi\"", "line\nbreak", " x", &"y".repeat(100)]);
        assert_eq!(out.lines().count(), 1);
        let f = split_fields(out.trim_end()).unwrap();
        assert_eq!(f[0], "a,b");
        assert_eq!(f[1], "say \"hi\"");
        assert_eq!(f[2], "line break");
        assert_eq!(f[3], " x");
        assert_eq!(f[4].len(), MAX_FIELD);
        assert_eq!(split_fields("\"open,b"), None);
        assert_eq!(split_fields("\"a\"b,c"), None);
        assert_eq!(split_fields("a\"b,c"), None);
    }

    #[test]
    fn desk_rows_round_trip() {
        let d = Date::parse("2025-03-04").unwrap();
        let row = DeskRecord::new(d, "abc-def", DeskOutcome::Booked, Some(9), 7);
        assert_eq!(row.read, None);
        assert_eq!(row.minutes, 10);
        assert_eq!(row.code, "ABCDEF");
        let back = DeskRecord::parse_line(row.to_line().trim_end()).unwrap();
        assert_eq!(back, row);
    }
}
