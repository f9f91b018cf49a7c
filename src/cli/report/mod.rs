//! `kiosk-triage report`: the anonymous statistics of any number of kiosks
//! and desks, as text, CSV for a spreadsheet, JSON, or one HTML page with
//! charts. Reads folder trees recursively and streams: memory does not grow
//! with the number of rows. Rows it cannot read are counted and listed with
//! file:line, never fatal.

mod csv;
mod html;
mod text;

pub use csv::csv;
pub use html::html;
pub use text::text;

use crate::stats::aggregate::Report;
use crate::stats::{Date, DeskOutcome, aggregate};
use clap::ValueEnum;
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
