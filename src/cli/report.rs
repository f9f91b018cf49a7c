//! `kiosk-triage report`: the anonymous statistics of any number of kiosks
//! and desks, as text, CSV for a spreadsheet, JSON, or one HTML page with
//! charts. Reads folder trees recursively and streams: memory does not grow
//! with the number of rows. Rows it cannot read are counted and listed with
//! file:line, never fatal.

use crate::stats::aggregate::{FlowStats, NodeCount, Report, weekday_names};
use crate::stats::{Date, DeskOutcome, End, aggregate};
use clap::ValueEnum;
use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folders (searched recursively for `kiosk-*.csv` and `desk-*.csv`) or
    /// files.
    #[arg(default_value = "data")]
    pub paths: Vec<PathBuf>,
    /// First date included (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub from: Option<Date>,
    /// Last date included (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub to: Option<Date>,
    /// Only this branch.
    #[arg(long)]
    pub branch: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ReportFormat,
}

/// Output formats of `report`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// For people, in a terminal.
    #[default]
    Text,
    /// For a spreadsheet: UTF-8 with a byte order mark, so Excel keeps accents.
    Csv,
    /// For scripts.
    Json,
    /// One self-contained page with charts, for a browser.
    Html,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("`{s}` is not a date like 2025-03-31"))
}

/// Runs `report`: 0 done (even with unreadable rows, which it lists), 2
/// usage or IO (a path that does not exist, output that cannot be written).
pub fn run(args: &Args, out: &mut dyn Write) -> std::io::Result<u8> {
    if let (Some(f), Some(t)) = (args.from, args.to)
        && f > t
    {
        eprintln!("error: --from {f} is after --to {t}");
        return Ok(2);
    }
    let filter = aggregate::Filter { from: args.from, to: args.to, branch: args.branch.clone() };
    let report = match aggregate::scan(&args.paths, filter) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(2);
        }
    };
    // A failed write goes to `main`, which says it once (a closed pipe ends
    // quietly).
    match args.format {
        ReportFormat::Text => out.write_all(text(&report).as_bytes()),
        ReportFormat::Csv => out.write_all(csv(&report).as_bytes()),
        ReportFormat::Json => serde_json::to_writer_pretty(&mut *out, &report)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out)),
        ReportFormat::Html => out.write_all(html(&report).as_bytes()),
    }?;
    if report.bad_rows > 0 && args.format != ReportFormat::Text {
        eprintln!(
            "warning: {} row(s) could not be read; the first: {}",
            report.bad_rows,
            report.bad.join("; ")
        );
    }
    Ok(0)
}

/// A share as a percentage with one decimal, "-" of nothing.
fn pct(n: u64, of: u64) -> String {
    if of == 0 { "-".into() } else { format!("{:.1}%", n as f64 * 100.0 / of as f64) }
}

/// A share as a number for a spreadsheet column.
fn pct_num(n: u64, of: u64) -> String {
    if of == 0 { String::new() } else { format!("{:.1}", n as f64 * 100.0 / of as f64) }
}

/// A coarse duration in words.
fn duration(s: u32) -> String {
    match s {
        0 => "under 15 s".into(),
        3600.. => "an hour or more".into(),
        s if s < 60 => format!("{s} s"),
        s if s % 60 == 0 => format!("{} min", s / 60),
        s => format!("{} min {} s", s / 60, s % 60),
    }
}

fn flow_name(f: &str) -> &str {
    if f.is_empty() { "(staff from home)" } else { f }
}

fn period(r: &Report) -> String {
    match (&r.first_date, &r.last_date) {
        (Some(a), Some(b)) if a == b => a.clone(),
        (Some(a), Some(b)) => format!("{a} to {b}"),
        _ => "no dates".into(),
    }
}

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
    let _ = writeln!(o, "\nLanguages");
    for (l, n) in &r.languages {
        let _ = writeln!(o, "  {l:<6} {n:>8}  {}", pct(*n, r.sessions));
    }
    let a = &r.access;
    let _ = writeln!(o, "\nAccessibility");
    let _ = writeln!(o, "  larger text    {:>8}  {}", a.large_text, pct(a.large_text, a.sessions));
    let _ = writeln!(o, "  high contrast  {:>8}  {}", a.high_contrast, pct(a.high_contrast, a.sessions));
    let _ = writeln!(o, "  both           {:>8}  {}", a.both, pct(a.both, a.sessions));
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
    o
}

fn outcome_words(o: DeskOutcome) -> &'static str {
    match o {
        DeskOutcome::Resolved => "resolved",
        DeskOutcome::Referred => "referred",
        DeskOutcome::Booked => "booked",
        DeskOutcome::CouldNotHelp => "could not help",
    }
}

fn read_levels(read: &[u64; 7]) -> String {
    (1..=6).map(|l| format!("{l}: {}", read[l])).collect::<Vec<_>>().join(", ")
}

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
    row!(
        &mut o,
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
            &mut o,
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
    row!(&mut o, "left at flow", "node", "left", "asked staff", "idle", "started over");
    for n in &r.stuck {
        row!(
            &mut o,
            n.flow,
            n.node,
            n.total,
            n.by_end[End::AskedStaff.index()],
            n.by_end[End::Idle.index()],
            n.by_end[End::StartedOver.index()]
        );
    }
    o.push_str("\r\n");
    row!(&mut o, "ending flow", "node", "solved", "handoff");
    for n in &r.endings {
        row!(&mut o, n.flow, n.node, n.by_end[End::Solved.index()], n.by_end[End::Handoff.index()]);
    }
    o.push_str("\r\n");
    let mut head = vec!["weekday".to_string()];
    head.extend((0..24).map(|h| format!("{h:02}")));
    head.push("all".into());
    csv_row(&mut o, &head);
    for (d, row) in weekday_names().iter().zip(&r.heat) {
        let mut fields = vec![d.to_string()];
        fields.extend(row.iter().map(u64::to_string));
        fields.push(row.iter().sum::<u64>().to_string());
        csv_row(&mut o, &fields);
    }
    o.push_str("\r\n");
    row!(&mut o, "language", "sessions");
    for (l, n) in &r.languages {
        row!(&mut o, l, n);
    }
    o.push_str("\r\n");
    row!(&mut o, "branch", "sessions");
    for (b, n) in &r.branches {
        row!(&mut o, b, n);
    }
    o.push_str("\r\n");
    row!(&mut o, "accessibility", "sessions");
    row!(&mut o, "larger text", r.access.large_text);
    row!(&mut o, "high contrast", r.access.high_contrast);
    row!(&mut o, "both", r.access.both);
    o.push_str("\r\n");
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
    desk_head(&mut o, "desk", None);
    let mut all = vec!["all".to_string()];
    all.extend(desk_fields(&r.desk.all));
    csv_row(&mut o, &all);
    for f in &r.flows {
        if let Some(d) = &f.desk {
            let mut fields = vec![f.flow.clone()];
            fields.extend(desk_fields(d));
            csv_row(&mut o, &fields);
        }
    }
    row!(&mut o, "not matched to a kiosk session", r.desk.unmatched);
    o.push_str("\r\n");
    desk_head(&mut o, "desk by ending flow", Some("node"));
    for e in &r.desk.endings {
        let mut fields = vec![e.flow.clone(), e.node.clone()];
        fields.extend(desk_fields(&e.desk));
        csv_row(&mut o, &fields);
    }
    if !r.bad.is_empty() || !r.unreadable_files.is_empty() {
        o.push_str("\r\n");
        row!(&mut o, "unreadable", "why");
        for b in &r.bad {
            let (place, why) = b.split_once(": ").unwrap_or((b, ""));
            row!(&mut o, place, why);
        }
        for f in &r.unreadable_files {
            row!(&mut o, f, "could not read");
        }
    }
    o
}

/// Escapes text for HTML.
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

const CSS: &str = "body{font-family:system-ui,sans-serif;margin:2em;color:#1a1a1a;max-width:70em}\
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:2px solid #ddd}h3{margin-bottom:.3em}\
table{border-collapse:collapse;margin:.5em 0}td,th{padding:.25em .7em;border-bottom:1px solid #e4e4e4;text-align:right}\
td:first-child,th:first-child{text-align:left}th{background:#f3f3f3}\
.cards{display:flex;gap:1em;flex-wrap:wrap}.card{background:#f3f6fa;padding:.8em 1.2em;border-radius:6px}\
.card b{display:block;font-size:1.6em}.flow{display:flex;gap:2em;flex-wrap:wrap;align-items:flex-start}\
.note{color:#555}svg text{font-family:system-ui,sans-serif;font-size:12px}";

/// Horizontal bars: (label, value), longest = full width.
fn bars(items: &[(String, u64)], colour: &str, width: u32) -> String {
    let top = items.iter().map(|i| i.1).max().unwrap_or(0).max(1);
    let h = 20u32;
    let label_w = 170u32;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" role=\"img\">",
        width,
        h * items.len() as u32 + 4
    );
    for (i, (label, v)) in items.iter().enumerate() {
        let y = i as u32 * h;
        let w = ((*v as f64 / top as f64) * f64::from(width - label_w - 60)).round() as u32;
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{}\">{}</text><rect x=\"{label_w}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{colour}\"/>\
             <text x=\"{}\" y=\"{}\">{v}</text>",
            y + 14,
            esc(label),
            y + 3,
            w.max(1),
            h - 6,
            label_w + w + 5,
            y + 14
        );
    }
    s.push_str("</svg>");
    s
}

/// The hour-by-weekday heat map.
fn heat_map(r: &Report) -> String {
    let top = r.heat.iter().flatten().copied().max().unwrap_or(0).max(1);
    let (cell, left, head) = (26u32, 40u32, 20u32);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" role=\"img\" \
         aria-label=\"Sessions by weekday and hour\">",
        left + 24 * cell + 10,
        head + 7 * cell + 4
    );
    for h in 0..24u32 {
        let _ = write!(s, "<text x=\"{}\" y=\"14\">{h:02}</text>", left + h * cell + 4);
    }
    for (d, (name, row)) in weekday_names().iter().zip(&r.heat).enumerate() {
        let y = head + d as u32 * cell;
        let _ = write!(s, "<text x=\"0\" y=\"{}\">{name}</text>", y + 17);
        for (h, n) in row.iter().enumerate() {
            let a = if *n == 0 { 0.0 } else { 0.08 + 0.92 * (*n as f64 / top as f64) };
            let _ = write!(
                s,
                "<rect x=\"{}\" y=\"{y}\" width=\"{}\" height=\"{}\" fill=\"#1f5fa8\" fill-opacity=\"{a:.3}\" \
                 stroke=\"#eee\"><title>{name} {h:02}:00: {n}</title></rect>",
                left + h as u32 * cell,
                cell - 1,
                cell - 1
            );
        }
    }
    s.push_str("</svg>");
    s
}

fn node_label(n: &NodeCount) -> String {
    n.node.clone()
}

/// The report as one self-contained HTML page: inline CSS, inline SVG
/// charts, no script and nothing fetched.
pub fn html(r: &Report) -> String {
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\"><title>Kiosk statistics</title>\
         <style>{CSS}</style></head><body>"
    );
    let _ = write!(
        o,
        "<h1>Kiosk statistics</h1><p class=\"note\">{}{} &middot; {} files</p>",
        esc(&period(r)),
        r.branch.as_ref().map(|b| format!(" &middot; branch {}", esc(b))).unwrap_or_default(),
        r.files
    );
    let solved: u64 = r.flows.iter().map(|f| f.solved).sum();
    let staff: u64 = r.flows.iter().map(|f| f.handoff + f.asked_staff).sum();
    let _ = write!(
        o,
        "<div class=\"cards\"><div class=\"card\"><b>{}</b>sessions</div>\
         <div class=\"card\"><b>{}</b>solved at the kiosk</div>\
         <div class=\"card\"><b>{}</b>sent to staff</div>\
         <div class=\"card\"><b>{}</b>desk visits recorded</div></div>",
        r.sessions,
        pct(solved, r.sessions),
        pct(staff, r.sessions),
        r.desk_rows
    );

    o.push_str("<h2>Per flow</h2><table><tr><th>flow</th><th>sessions</th><th>solved</th><th>handoff</th>\
                <th>asked staff</th><th>gave up</th><th>median time</th><th>desk visits</th><th>desk minutes</th>\
                <th>mean READ</th></tr>");
    for f in &r.flows {
        let d = f.desk.clone().unwrap_or_default();
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td>{}</td><td>{:.2}</td></tr>",
            esc(flow_name(&f.flow)),
            f.sessions,
            pct(f.solved, f.sessions),
            pct(f.handoff, f.sessions),
            pct(f.asked_staff, f.sessions),
            pct(f.gave_up(), f.sessions),
            duration(f.median_duration_s),
            d.visits,
            d.minutes,
            d.mean_read
        );
    }
    o.push_str("</table>");

    o.push_str(
        "<h2>Where patrons leave, per flow</h2><p class=\"note\">Left: how many sessions were still \
         in the flow at each screen. Right: the screens where patrons asked for staff, went idle or \
         started over, worst first.</p>",
    );
    for f in r.flows.iter().filter(|f| !f.flow.is_empty()) {
        let funnel: Vec<(String, u64)> =
            f.funnel.iter().enumerate().map(|(i, n)| (format!("screen {}", i + 1), *n)).collect();
        let left: Vec<(String, u64)> = f.left_at.iter().map(|n| (node_label(n), n.total)).collect();
        let _ = write!(
            o,
            "<h3>{}</h3><div class=\"flow\"><div>{}</div><div>{}</div></div>",
            esc(&f.flow),
            bars(&funnel, "#1f5fa8", 460),
            bars(&left, "#c0392b", 460)
        );
    }

    o.push_str("<h2>When: weekday by hour</h2>");
    o.push_str(&heat_map(r));

    o.push_str(
        "<h2>Endings reached</h2><table><tr><th>flow / ending</th><th>solved</th><th>handoff</th></tr>",
    );
    for n in &r.endings {
        let _ = write!(
            o,
            "<tr><td>{} / {}</td><td>{}</td><td>{}</td></tr>",
            esc(flow_name(&n.flow)),
            esc(&n.node),
            n.by_end[End::Solved.index()],
            n.by_end[End::Handoff.index()]
        );
    }
    o.push_str("</table>");

    o.push_str("<h2>Languages and accessibility</h2><table><tr><th>language</th><th>sessions</th><th>share</th></tr>");
    for (l, n) in &r.languages {
        let _ = write!(o, "<tr><td>{}</td><td>{n}</td><td>{}</td></tr>", esc(l), pct(*n, r.sessions));
    }
    let a = &r.access;
    let _ = write!(
        o,
        "</table><table><tr><th>setting</th><th>sessions</th><th>share</th></tr>\
         <tr><td>larger text</td><td>{}</td><td>{}</td></tr>\
         <tr><td>high contrast</td><td>{}</td><td>{}</td></tr>\
         <tr><td>both</td><td>{}</td><td>{}</td></tr></table>",
        a.large_text,
        pct(a.large_text, a.sessions),
        a.high_contrast,
        pct(a.high_contrast, a.sessions),
        a.both,
        pct(a.both, a.sessions)
    );

    let d = &r.desk.all;
    let _ = write!(
        o,
        "<h2>The desk</h2><p>{} desk visits: {} matched to a kiosk session by code, {} not matched.</p>",
        d.visits, r.desk.matched, r.desk.unmatched
    );
    if d.visits > 0 {
        let outcomes: Vec<(String, u64)> =
            DeskOutcome::ALL.iter().map(|x| (outcome_words(*x).to_string(), d.outcome(*x))).collect();
        let read: Vec<(String, u64)> = (1..=6)
            .map(|l| (format!("READ {l}"), d.read[l]))
            .chain(std::iter::once(("none given".to_string(), d.read[0])))
            .collect();
        let _ = write!(
            o,
            "<div class=\"flow\"><div><h3>Outcomes</h3>{}</div><div><h3>READ levels</h3>{}</div></div>",
            bars(&outcomes, "#2e7d32", 420),
            bars(&read, "#6a4c93", 420)
        );
        o.push_str(
            "<h3>Desk work by ending, most minutes first</h3><table><tr><th>flow / ending</th>\
                    <th>visits</th><th>minutes</th><th>mean READ</th><th>resolved</th><th>referred</th>\
                    <th>booked</th><th>could not help</th></tr>",
        );
        for e in &r.desk.endings {
            let _ = write!(
                o,
                "<tr><td>{} / {}</td><td>{}</td><td>{}</td><td>{:.2}</td><td>{}</td><td>{}</td><td>{}</td>\
                 <td>{}</td></tr>",
                esc(flow_name(&e.flow)),
                esc(&e.node),
                e.desk.visits,
                e.desk.minutes,
                e.desk.mean_read,
                e.desk.outcomes[0],
                e.desk.outcomes[1],
                e.desk.outcomes[2],
                e.desk.outcomes[3]
            );
        }
        o.push_str("</table>");
    }
    if r.bad_rows > 0 || !r.unreadable_files.is_empty() {
        let _ = write!(o, "<h2>Unreadable rows: {}</h2><ul>", r.bad_rows);
        for b in &r.bad {
            let _ = write!(o, "<li><code>{}</code></li>", esc(b));
        }
        for f in &r.unreadable_files {
            let _ = write!(o, "<li>could not read <code>{}</code></li>", esc(f));
        }
        o.push_str("</ul>");
    }
    o.push_str("</body></html>\n");
    o
}
