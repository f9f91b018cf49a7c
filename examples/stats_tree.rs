//! Writes a generated year of a library system's statistics, as collected
//! from every kiosk and desk, for measuring `kiosk-triage report`:
//!
//! ```sh
//! cargo run --release --no-default-features --example stats_tree -- /tmp/stats-year
//! /usr/bin/time -v target/release/kiosk-triage report /tmp/stats-year > /dev/null
//! ```
//!
//! Optional arguments after the folder: kiosks, branches, days, sessions a
//! day per kiosk (default 100 30 365 50, about 1.8 million rows).

use kiosk_triage::flow::load::load_builtin;
use kiosk_triage::stats::Date;
use kiosk_triage::stats::synth::{TreeSpec, write_tree};
use std::path::PathBuf;
use std::sync::Arc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first().map(PathBuf::from) else {
        eprintln!("usage: stats_tree FOLDER [KIOSKS BRANCHES DAYS SESSIONS_PER_DAY]");
        std::process::exit(2);
    };
    let num = |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let Some(set) = load_builtin(None).report.set else {
        eprintln!("the built-in flows do not check");
        std::process::exit(2);
    };
    let spec = TreeSpec {
        kiosks: num(1, 100),
        branches: num(2, 30),
        days: num(3, 365) as u32,
        sessions_per_day: num(4, 50) as u32,
        start: Date::new(2024, 1, 1).unwrap_or_else(|| unreachable!()),
        desk_percent: 60,
        seed: 2024,
    };
    match write_tree(&out, &Arc::new(set), &spec) {
        Ok(t) => println!(
            "{} kiosk rows, {} desk rows, {} files in {}",
            t.sessions,
            t.desk_rows,
            t.files,
            out.display()
        ),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    }
}
