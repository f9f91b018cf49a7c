//! Parse and check generated flow sets of 1,000, 10,000 and 100,000 nodes.
//! Target: 10,000 nodes in under 50 ms on the 2-core build machine, growing
//! linearly. Then chains of 100 to 1,000 flows joined by gotos, checked and
//! measured for handoff codes as `check` and the kiosk do, which must grow
//! linearly too. Figures are in docs/performance.md.

#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use kiosk_triage::flow::check::parse_ron;
use kiosk_triage::flow::load::parse;
use kiosk_triage::flow::raw::RawFlow;
use kiosk_triage::flow::source::SourceFile;
use kiosk_triage::flow::synth::{flow_set, goto_chain};

fn load_and_check(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse+check");
    group.sample_size(10);
    for nodes in [1_000usize, 10_000, 100_000] {
        let files = flow_set(nodes, 50);
        let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
        // The generated set must be clean, or the benchmark measures the
        // error path.
        let report = parse(&refs, &|_| true, None);
        assert_eq!(report.diagnostics.len(), 0, "{:?}", report.diagnostics.first());
        group.throughput(Throughput::Elements(nodes as u64));
        group.bench_with_input(BenchmarkId::from_parameter(nodes), &refs, |b, refs| {
            // A kiosk keeps the set it loads: dropping it is not part of loading.
            b.iter_with_large_drop(|| parse(refs, &|_| true, None))
        });
    }
    group.finish();

    // The floor: ron alone turning the same text into the raw types.
    let mut group = c.benchmark_group("ron-only");
    group.sample_size(10);
    for nodes in [1_000usize, 10_000] {
        let files: Vec<SourceFile> = flow_set(nodes, 50)
            .into_iter()
            .filter(|(n, _)| n.starts_with('f'))
            .map(|(n, t)| SourceFile::new(n, t))
            .collect();
        group.throughput(Throughput::Elements(nodes as u64));
        group.bench_with_input(BenchmarkId::from_parameter(nodes), &files, |b, files| {
            b.iter(|| files.iter().filter(|f| parse_ron::<RawFlow>(f).is_ok()).count())
        });
    }
    group.finish();
}

/// A chain of flows joined by gotos: `check`, then the handoff-code
/// lengths of every flow (`handoff::long_codes`), which walk through gotos.
fn goto_chains(c: &mut Criterion) {
    let mut group = c.benchmark_group("goto-chain");
    group.sample_size(10);
    for flows in [100usize, 400, 1_000] {
        let files = goto_chain(flows);
        let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
        let sources = kiosk_triage::flow::Sources::default();
        group.throughput(Throughput::Elements(flows as u64));
        group.bench_with_input(BenchmarkId::from_parameter(flows), &refs, |b, refs| {
            b.iter(|| {
                let report = parse(refs, &|_| true, None);
                let set = report.set.expect("a clean chain");
                kiosk_triage::handoff::long_codes(&set, &sources, None).1.len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, load_and_check, goto_chains);
criterion_main!(benches);
