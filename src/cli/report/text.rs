//! `report` for a terminal: plain aligned text, the busiest things first.

use super::{duration, flow_name, outcome_words, pct, period, read_levels};
use crate::stats::aggregate::{FlowStats, Report, weekday_names};
use crate::stats::{DeskOutcome, End};
use std::fmt::Write as _;

/// The report for a terminal.
pub fn text(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Kiosk statistics: {} sessions, {} desk visits, {} ({} files{})",
        r.sessions,
        r.desk_rows,
        period(r),
        r.files,
        r.branch.as_ref().map(|b| format!(", branch {b}")).unwrap_or_default()
    );
    per_flow(&mut o, r);
    places(&mut o, r);
    when(&mut o, r);
    people(&mut o, r);
    desk(&mut o, r);
    unreadable(&mut o, r);
    o
}

/// The per flow table.
fn per_flow(o: &mut String, r: &Report) {
    let _ = writeln!(o, "\nPer flow");
    let _ = writeln!(
        o,
        "  {:<24} {:>9} {:>7} {:>8} {:>7} {:>8} {:>16}",
        "flow", "sessions", "solved", "handoff", "asked", "gave up", "median time"
    );
    for f in &r.flows {
        let _ = writeln!(
            o,
            "  {:<24} {:>9} {:>7} {:>8} {:>7} {:>8} {:>16}",
            flow_name(&f.flow),
            f.sessions,
            pct(f.solved, f.sessions),
            pct(f.handoff, f.sessions),
            pct(f.asked_staff, f.sessions),
            pct(f.gave_up(), f.sessions),
            duration(f.median_duration_s)
        );
    }
}

/// Where patrons left, and the endings reached.
fn places(o: &mut String, r: &Report) {
    let _ = writeln!(o, "\nWhere patrons left (asked for staff, idle, started over), worst first");
    for n in r.stuck.iter().take(20) {
        let _ = writeln!(
            o,
            "  {:>7}  {} / {}  (asked {}, idle {}, started over {})",
            n.total,
            flow_name(&n.flow),
            n.node,
            n.by_end[End::AskedStaff.index()],
            n.by_end[End::Idle.index()],
            n.by_end[End::StartedOver.index()]
        );
    }
    if r.stuck.len() > 20 {
        let _ = writeln!(o, "  ... and {} more nodes (see --format csv)", r.stuck.len() - 20);
    }
    let _ = writeln!(o, "\nEndings reached");
    for n in r.endings.iter().take(20) {
        let kind = if n.by_end[End::Solved.index()] > 0 { "solved" } else { "handoff" };
        let _ = writeln!(o, "  {:>7}  {} / {}  ({kind})", n.total, flow_name(&n.flow), n.node);
    }
    if r.endings.len() > 20 {
        let _ = writeln!(o, "  ... and {} more endings (see --format csv)", r.endings.len() - 20);
    }
}

/// Sessions by hour and weekday.
fn when(o: &mut String, r: &Report) {
    let _ = writeln!(o, "\nBy hour");
    let top = r.hours.iter().copied().max().unwrap_or(0).max(1);
    for (h, n) in r.hours.iter().enumerate().filter(|(_, n)| **n > 0) {
        let bar = "#".repeat(((n * 40).div_ceil(top)) as usize);
        let _ = writeln!(o, "  {h:02}  {n:>8}  {bar}");
    }
    let _ = writeln!(o, "\nBy weekday");
    for (d, n) in weekday_names().iter().zip(r.weekdays) {
        let _ = writeln!(o, "  {d}  {n:>8}  {}", pct(n, r.sessions));
    }
}

/// Languages and accessibility settings.
fn people(o: &mut String, r: &Report) {
    let _ = writeln!(o, "\nLanguages");
    for (l, n) in &r.languages {
        let _ = writeln!(o, "  {l:<6} {n:>8}  {}", pct(*n, r.sessions));
    }
    let a = &r.access;
    let _ = writeln!(o, "\nAccessibility");
    let _ = writeln!(o, "  larger text    {:>8}  {}", a.large_text, pct(a.large_text, a.sessions));
    let _ = writeln!(o, "  high contrast  {:>8}  {}", a.high_contrast, pct(a.high_contrast, a.sessions));
    let _ = writeln!(o, "  both           {:>8}  {}", a.both, pct(a.both, a.sessions));
}

/// Desk visits, overall and per flow.
fn desk(o: &mut String, r: &Report) {
    let d = &r.desk.all;
    let _ = writeln!(
        o,
        "\nDesk visits: {} ({} matched to a kiosk session by code, {} not matched)",
        d.visits, r.desk.matched, r.desk.unmatched
    );
    if d.visits > 0 {
        let outcomes: Vec<String> =
            DeskOutcome::ALL.iter().map(|x| format!("{} {}", outcome_words(*x), d.outcome(*x))).collect();
        let _ = writeln!(o, "  outcomes: {}", outcomes.join(", "));
        let _ = writeln!(o, "  READ levels: {}, none given {}", read_levels(&d.read), d.read[0]);
        let _ = writeln!(o, "  minutes: {} in all, mean READ level {:.2}", d.minutes, d.mean_read);
        let _ = writeln!(o, "  Work sent to the desk, per flow (most minutes first)");
        let mut flows: Vec<&FlowStats> = r.flows.iter().filter(|f| f.desk.is_some()).collect();
        flows.sort_by_key(|f| std::cmp::Reverse(f.desk.as_ref().map_or(0, |d| d.minutes)));
        for f in flows {
            if let Some(d) = &f.desk {
                let _ = writeln!(
                    o,
                    "    {:<24} {:>6} visits {:>7} min  mean READ {:.2}  resolved {}",
                    flow_name(&f.flow),
                    d.visits,
                    d.minutes,
                    d.mean_read,
                    pct(d.outcome(DeskOutcome::Resolved), d.visits)
                );
            }
        }
    }
}

/// Rows and files that could not be read.
fn unreadable(o: &mut String, r: &Report) {
    if r.bad_rows > 0 || !r.unreadable_files.is_empty() {
        let _ = writeln!(o, "\nUnreadable rows: {}", r.bad_rows);
        for b in &r.bad {
            let _ = writeln!(o, "  {b}");
        }
        if r.bad_rows > r.bad.len() as u64 {
            let _ = writeln!(o, "  ... and {} more", r.bad_rows - r.bad.len() as u64);
        }
        for f in &r.unreadable_files {
            let _ = writeln!(o, "  could not read {f}");
        }
    }
}
