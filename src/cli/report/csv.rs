//! `report --format csv`: blocks of rows for a spreadsheet, as Excel reads
//! them (a byte order mark, CRLF line ends).

use super::pct_num;
use crate::stats::End;
use crate::stats::aggregate::{self, Report, weekday_names};

/// One CSV field, quoted when needed.
fn cf(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

fn csv_row(o: &mut String, fields: &[String]) {
    let line: Vec<String> = fields.iter().map(|f| cf(f)).collect();
    o.push_str(&line.join(","));
    o.push_str("\r\n");
}

macro_rules! row {
    ($o:expr, $($f:expr),* $(,)?) => { csv_row($o, &[$($f.to_string()),*]) };
}

/// The report for a spreadsheet: blocks of rows, each with its own header
/// line, a blank line between them; UTF-8 with a byte order mark and CRLF
/// line ends, as Excel expects.
pub fn csv(r: &Report) -> String {
    let mut o = String::from("\u{FEFF}");
    row!(&mut o, "summary", "value");
    row!(&mut o, "sessions", r.sessions);
    row!(&mut o, "desk visits", r.desk_rows);
    row!(&mut o, "files", r.files);
    row!(&mut o, "first date", r.first_date.clone().unwrap_or_default());
    row!(&mut o, "last date", r.last_date.clone().unwrap_or_default());
    row!(&mut o, "branch", r.branch.clone().unwrap_or_default());
    row!(&mut o, "unreadable rows", r.bad_rows);
    o.push_str("\r\n");
    per_flow(&mut o, r);
    places(&mut o, r);
    when(&mut o, r);
    people(&mut o, r);
    desk(&mut o, r);
    unreadable(&mut o, r);
    o
}

/// The per flow block.
fn per_flow(o: &mut String, r: &Report) {
    row!(
        o,
        "flow",
        "sessions",
        "solved",
        "handoff",
        "asked staff",
        "idle",
        "started over",
        "solved %",
        "handoff %",
        "asked staff %",
        "gave up %",
        "median seconds",
        "desk visits",
        "desk minutes",
        "mean READ"
    );
    for f in &r.flows {
        let d = f.desk.clone().unwrap_or_default();
        row!(
            o,
            f.flow,
            f.sessions,
            f.solved,
            f.handoff,
            f.asked_staff,
            f.idle,
            f.started_over,
            pct_num(f.solved, f.sessions),
            pct_num(f.handoff, f.sessions),
            pct_num(f.asked_staff, f.sessions),
            pct_num(f.gave_up(), f.sessions),
            f.median_duration_s,
            d.visits,
            d.minutes,
            d.mean_read
        );
    }
    o.push_str("\r\n");
}

/// Where patrons left, and the endings reached.
fn places(o: &mut String, r: &Report) {
    row!(o, "left at flow", "node", "left", "asked staff", "idle", "started over");
    for n in &r.stuck {
        row!(
            o,
            n.flow,
            n.node,
            n.total,
            n.by_end[End::AskedStaff.index()],
            n.by_end[End::Idle.index()],
            n.by_end[End::StartedOver.index()]
        );
    }
    o.push_str("\r\n");
    row!(o, "ending flow", "node", "solved", "handoff");
    for n in &r.endings {
        row!(o, n.flow, n.node, n.by_end[End::Solved.index()], n.by_end[End::Handoff.index()]);
    }
    o.push_str("\r\n");
}

/// Sessions by weekday and hour.
fn when(o: &mut String, r: &Report) {
    let mut head = vec!["weekday".to_string()];
    head.extend((0..24).map(|h| format!("{h:02}")));
    head.push("all".into());
    csv_row(o, &head);
    for (d, row) in weekday_names().iter().zip(&r.heat) {
        let mut fields = vec![d.to_string()];
        fields.extend(row.iter().map(u64::to_string));
        fields.push(row.iter().sum::<u64>().to_string());
        csv_row(o, &fields);
    }
    o.push_str("\r\n");
}

/// Languages, branches and accessibility settings.
fn people(o: &mut String, r: &Report) {
    row!(o, "language", "sessions");
    for (l, n) in &r.languages {
        row!(o, l, n);
    }
    o.push_str("\r\n");
    row!(o, "branch", "sessions");
    for (b, n) in &r.branches {
        row!(o, b, n);
    }
    o.push_str("\r\n");
    row!(o, "accessibility", "sessions");
    row!(o, "larger text", r.access.large_text);
    row!(o, "high contrast", r.access.high_contrast);
    row!(o, "both", r.access.both);
    o.push_str("\r\n");
}

/// Desk visits, overall, per flow and per ending.
fn desk(o: &mut String, r: &Report) {
    let desk_head = |o: &mut String, first: &str, second: Option<&str>| {
        let mut h = vec![first.to_string()];
        h.extend(second.map(str::to_string));
        h.extend(["visits", "resolved", "referred", "booked", "could not help"].map(String::from));
        h.extend((1..=6).map(|l| format!("READ {l}")));
        h.extend(["READ none", "mean READ", "minutes"].map(String::from));
        csv_row(o, &h);
    };
    let desk_fields = |d: &aggregate::DeskStats| {
        let mut f: Vec<String> = vec![d.visits.to_string()];
        f.extend(d.outcomes.iter().map(u64::to_string));
        f.extend(d.read[1..].iter().map(u64::to_string));
        f.push(d.read[0].to_string());
        f.push(d.mean_read.to_string());
        f.push(d.minutes.to_string());
        f
    };
    desk_head(o, "desk", None);
    let mut all = vec!["all".to_string()];
    all.extend(desk_fields(&r.desk.all));
    csv_row(o, &all);
    for f in &r.flows {
        if let Some(d) = &f.desk {
            let mut fields = vec![f.flow.clone()];
            fields.extend(desk_fields(d));
            csv_row(o, &fields);
        }
    }
    row!(o, "not matched to a kiosk session", r.desk.unmatched);
    o.push_str("\r\n");
    desk_head(o, "desk by ending flow", Some("node"));
    for e in &r.desk.endings {
        let mut fields = vec![e.flow.clone(), e.node.clone()];
        fields.extend(desk_fields(&e.desk));
        csv_row(o, &fields);
    }
}

/// Rows and files that could not be read.
fn unreadable(o: &mut String, r: &Report) {
    if !r.bad.is_empty() || !r.unreadable_files.is_empty() {
        o.push_str("\r\n");
        row!(o, "unreadable", "why");
        for b in &r.bad {
            let (place, why) = b.split_once(": ").unwrap_or((b, ""));
            row!(o, place, why);
        }
        for f in &r.unreadable_files {
            row!(o, f, "could not read");
        }
    }
}
