//! Golden tests for `check`'s diagnostics.
//!
//! Every folder under `tests/malformed/` is a small flows folder with one
//! problem in it and an `expected.txt`: the diagnostics exactly as
//! `kiosk-triage check` prints them, then the summary line, with the folder's
//! path replaced by `<case>/`. To (re)write the expected files after a wanted
//! change in wording, run
//!
//! ```text
//! BLESS=1 cargo test --no-default-features --test diagnostics
//! ```
//!
//! and read every changed `expected.txt` before committing it.
//!
//! Inputs too big to commit (thousands of nested brackets, a 5 MB string) are
//! written to a temporary folder at test time; for those only the kind of
//! diagnostic is checked, and that `check` finishes without panicking.

use kiosk_triage::flow::load::read_dir;
use kiosk_triage::flow::{Options, Report, Severity, Sources, check};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// Icons exist; any picture whose name says "missing" (or that is not an
/// icon) does not.
fn asset_exists(name: &str) -> bool {
    name.starts_with("icons/") && !name.contains("missing")
}

/// Reads and checks one flows folder the way `flow::load::load` does: the
/// encoding problems `read_dir` finds are added to what `check` says, and they
/// count as errors.
fn check_dir(dir: &Path) -> (Sources, Report) {
    let (sources, problems) = read_dir(dir).unwrap_or_else(|e| panic!("{e}"));
    let mut report = check(&sources, &Options { branch: None, asset_exists: &asset_exists });
    if !problems.is_empty() {
        report.diagnostics.extend(problems);
        report.set = None;
    }
    (sources, report)
}

/// The report as `kiosk-triage check` prints it, with `dir` shown as `<case>`.
fn render(dir: &Path, sources: &Sources, report: &Report) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&d.render(sources.find_file(&d.file)));
        out.push('\n');
    }
    out.push_str(&report.summary());
    out.push('\n');
    let prefix = format!("{}{}", dir.display(), std::path::MAIN_SEPARATOR);
    out.replace(&prefix, "<case>/").replace('\\', "/")
}

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/malformed");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", root.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn malformed_flow_sets_give_the_expected_diagnostics() {
    let bless = std::env::var_os("BLESS").is_some_and(|v| !v.is_empty() && v != "0");
    let dirs = cases();
    assert!(dirs.len() >= 30, "expected at least 30 cases, found {}", dirs.len());
    let mut failures = Vec::new();
    for dir in &dirs {
        let (sources, report) = check_dir(dir);
        let got = render(dir, &sources, &report);
        let expected_path = dir.join("expected.txt");
        if bless {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|e| panic!("{}: {e} (run with BLESS=1 to write it)", expected_path.display()));
        if got != expected {
            failures.push(format!(
                "=== {} ===\n--- expected\n{expected}--- got\n{got}",
                dir.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ (BLESS=1 rewrites expected.txt):\n\n{}",
        failures.len(),
        dirs.len(),
        failures.join("\n")
    );
}

/// A words file and a flow set declaring its one placeholder, so that the
/// generated cases have no problem besides the one they are about.
fn write_base(dir: &Path) {
    let words = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("flows/words/en.ron"))
        .unwrap();
    std::fs::create_dir_all(dir.join("words")).unwrap();
    std::fs::write(dir.join("words/en.ron"), words).unwrap();
    std::fs::write(
        dir.join("flowset.ron"),
        "FlowSet(\n    name: \"Big\",\n    languages: [\"en\"],\n    vars: {\"help_desk\": \"Where staff are.\"},\n)\n",
    )
    .unwrap();
}

/// A flow of a step (with `text`, leading to `step_next`) and an ending.
fn flow_with(step_next: &str, text: &str) -> String {
    format!(
        "Flow(\n    id: \"big\",\n    title: {{\"en\": \"Big\"}},\n    icon: \"icons/big.png\",\n    start: \"a\",\n    nodes: [\n        Step(id: \"a\", text: {{\"en\": \"{text}\"}}, next: \"{step_next}\"),\n        Solved(id: \"b\", text: {{\"en\": \"Done.\"}}),\n    ],\n)\n"
    )
}

/// Checks `dir` on another thread and gives up after a minute, so a hang
/// fails the test instead of stalling the suite. A panic in `check` fails it
/// too.
fn check_in_time(dir: &Path) -> (String, Report) {
    let (tx, rx) = mpsc::channel();
    let owned = dir.to_path_buf();
    let worker = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let (sources, report) = check_dir(&owned);
            let text = render(&owned, &sources, &report);
            let _ = tx.send((text, report));
        })
        .unwrap();
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(done) => {
            worker.join().unwrap();
            done
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => match worker.join() {
            Err(panic) => std::panic::resume_unwind(panic),
            Ok(()) => panic!("the check thread ended without a report"),
        },
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("check took over a minute on {}", dir.display()),
    }
}

fn has(report: &Report, severity: Severity, code: &str, file: &str) -> bool {
    report.diagnostics.iter().any(|d| d.severity == severity && d.code == code && d.file.ends_with(file))
}

#[test]
fn deeply_nested_brackets_are_an_error_not_a_crash() {
    let tmp = tempfile::tempdir().unwrap();
    write_base(tmp.path());
    let depth = 20_000;
    let text = format!(
        "Flow(\n    id: \"deep\",\n    title: {{\"en\": \"Deep\"}},\n    icon: \"icons/deep.png\",\n    start: \"a\",\n    nodes: {}{},\n)\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    std::fs::write(tmp.path().join("deep.ron"), text).unwrap();
    // Unclosed too: the bracket soup a truncated or garbled file can be.
    std::fs::write(tmp.path().join("deeper.ron"), "[".repeat(depth)).unwrap();
    let (shown, report) = check_in_time(tmp.path());
    assert!(has(&report, Severity::Error, "too-deep", "deep.ron"), "{shown}");
    assert!(has(&report, Severity::Error, "too-deep", "deeper.ron"), "{shown}");
    assert!(report.set.is_none());
    assert!(shown.contains("<case>/deep.ron:7:"), "{shown}");
}

#[test]
fn a_five_megabyte_string_is_reported_without_hanging() {
    let big = "x".repeat(5 << 20);

    // As a link that leads nowhere: an error, with the long line cut around
    // the column.
    let tmp = tempfile::tempdir().unwrap();
    write_base(tmp.path());
    std::fs::write(tmp.path().join("big.ron"), flow_with(&big, "Go on.")).unwrap();
    let (shown, report) = check_in_time(tmp.path());
    assert!(has(&report, Severity::Error, "unknown-target", "big.ron"), "{shown}");
    assert!(shown.len() < 10_000, "the rendered report is {} bytes long", shown.len());

    // As patron text: too long to show, and still not a hang.
    let tmp = tempfile::tempdir().unwrap();
    write_base(tmp.path());
    std::fs::write(tmp.path().join("big.ron"), flow_with("b", &big)).unwrap();
    let (shown, report) = check_in_time(tmp.path());
    assert!(has(&report, Severity::Warning, "too-long", "big.ron"), "{shown}");
    assert!(shown.len() < 10_000, "the rendered report is {} bytes long", shown.len());

    // Never closed: the file ends inside it.
    let tmp = tempfile::tempdir().unwrap();
    write_base(tmp.path());
    let whole = flow_with("b", "Go on.");
    let cut = whole.find("\"Go on.").unwrap();
    let open = format!("{}\"{big}", &whole[..cut]);
    std::fs::write(tmp.path().join("big.ron"), open).unwrap();
    let (shown, report) = check_in_time(tmp.path());
    assert!(
        report.diagnostics.iter().any(|d| d.severity == Severity::Error && d.file.ends_with("big.ron")),
        "{shown}"
    );
    assert!(report.set.is_none());
    assert!(shown.len() < 10_000, "the rendered report is {} bytes long", shown.len());
}
