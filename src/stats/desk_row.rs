//! The desk's row: one visit, recorded by staff after reading a handoff code.

use super::fields::{RowError, normalize_code, split_fields, write_fields};
use super::{DESK_FIELDS, Date, minute_step};

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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

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
