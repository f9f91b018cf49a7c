//! The kiosk's row: one patron session, as written to the daily file and as
//! read back by reports (borrowed, so reading millions of rows stays cheap).

use super::fields::{RowError, bit, normalize_code, split_fields, write_fields};
use super::{Context, Date, End, Left, SESSION_FIELDS, Weekday, duration_step};
use crate::session::{Outcome, Session};
use std::borrow::Cow;
use std::time::Duration;

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
