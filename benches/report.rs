//! `kiosk-triage report`'s reading and summing over a generated year of a
//! 30-branch library system: 100 kiosks, 50 sessions a day each (about 1.8
//! million rows in 36,500 daily files) plus the desks' rows. Target: under
//! 5 s on the 2-core build machine, with memory that does not grow with the
//! rows (the aggregate keeps counters, never rows). The tree is generated
//! once into a temporary folder. Figures are in docs/performance.md.

#![allow(clippy::unwrap_used)] // benchmarks fail loudly, that is what they are for

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kiosk_triage::flow::load::load_builtin;
use kiosk_triage::stats::Date;
use kiosk_triage::stats::aggregate::{Filter, scan};
use kiosk_triage::stats::synth::{TreeSpec, write_tree};
use std::sync::Arc;
use std::time::Instant;

fn report(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let set = Arc::new(load_builtin(None).report.set.unwrap());
    let spec = TreeSpec {
        kiosks: 100,
        branches: 30,
        days: 365,
        sessions_per_day: 50,
        start: Date::new(2024, 1, 1).unwrap(),
        desk_percent: 60,
        seed: 2024,
    };
    let started = Instant::now();
    let totals = write_tree(dir.path(), &set, &spec).unwrap();
    eprintln!(
        "generated {} kiosk rows, {} desk rows, {} files in {:.1} s",
        totals.sessions,
        totals.desk_rows,
        totals.files,
        started.elapsed().as_secs_f64()
    );
    let paths = vec![dir.path().to_path_buf()];
    let check = scan(&paths, Filter::default()).unwrap();
    assert_eq!(check.sessions, totals.sessions);
    assert_eq!(check.desk_rows, totals.desk_rows);
    assert_eq!(check.bad_rows, 0);

    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    group.throughput(Throughput::Elements(totals.sessions + totals.desk_rows));
    group.bench_function("year-30-branches", |b| b.iter(|| scan(&paths, Filter::default()).unwrap()));
    group.finish();
}

criterion_group!(benches, report);
criterion_main!(benches);
