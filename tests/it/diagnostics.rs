//! Golden tests for `check`'s diagnostics.
//!
//! Every folder under `tests/malformed/` is a small flows folder with one
//! problem in it and an `expected.txt`: the diagnostics exactly as
//! `kiosk-triage check` prints them, then the summary line, with the folder's
//! path replaced by `<case>/`. To (re)write the expected files after a wanted
//! change in wording, run
//!
//! ```text
//! BLESS=1 cargo test --no-default-features --test it diagnostics::
//! ```
//!
//! and read every changed `expected.txt` before committing it.
//!
//! Inputs too big to commit (thousands of nested brackets, a 1 MB string) are
//! written to a temporary folder at test time; for those only the kind of
//! diagnostic is checked, and that `check` finishes without panicking.

#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use kiosk_triage::flow::diag::Code;
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
    let out = out.replace(&prefix, "<case>/");
    if std::path::MAIN_SEPARATOR == '/' {
        return out;
    }
    // Paths inside the case folder read the same on every machine; source
    // lines with `\"` in them are left alone.
    out.lines()
        .map(
            |l| if l.contains("<case>/") { l.replace(std::path::MAIN_SEPARATOR, "/") } else { l.to_string() },
        )
        .map(|l| l + "\n")
        .collect()
}

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/malformed");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", root.display()))
        .map(|e| e.expect("a readable folder entry").path())
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
        .expect("flows/words/en.ron");
    std::fs::create_dir_all(dir.join("words")).expect("a words folder");
    std::fs::write(dir.join("words/en.ron"), words).expect("words/en.ron written");
    std::fs::write(
        dir.join("flowset.ron"),
        "FlowSet(\n    name: \"Big\",\n    languages: [\"en\"],\n    vars: {\"help_desk\": \"Where staff are.\"},\n)\n",
    )
    .expect("flowset.ron written");
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
        .expect("a thread to check on");
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(done) => {
            worker.join().expect("the check thread ended");
            done
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => match worker.join() {
            Err(panic) => std::panic::resume_unwind(panic),
            Ok(()) => panic!("the check thread ended without a report"),
        },
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("check took over a minute on {}", dir.display()),
    }
}

/// The first 200 characters of each line: enough to read an assertion
/// message about a report with a 1 MB line in it.
fn short(shown: &str) -> String {
    shown.lines().map(|l| l.chars().take(200).collect::<String>() + "\n").collect()
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
    // Unclosed, and where a value of any kind may go (a words file is a map
    // of texts): the bracket soup a garbled file can be.
    std::fs::write(tmp.path().join("words/en.ron"), format!("{{\"back\": {}", "[".repeat(depth))).unwrap();
    std::fs::write(tmp.path().join("deeper.ron"), "[".repeat(depth)).unwrap();
    let (shown, report) = check_in_time(tmp.path());
    for file in ["deep.ron", "deeper.ron", "words/en.ron"] {
        assert!(
            report.diagnostics.iter().any(|d| d.severity == Severity::Error && d.file.ends_with(file)),
            "no error for {file}:\n{}",
            short(&shown)
        );
    }
    assert!(report.set.is_none());
    assert!(shown.len() < 10_000, "the rendered report is {} bytes long", shown.len());
}

/// Flow files with one string of 1,000 KiB in them (about as big as a file
/// may be, `limits::MAX_FILE_BYTES`): as a link that leads nowhere, as patron
/// text, and never closed (the file ends inside it). Each with the
/// diagnostic it must give.
fn big_string_cases() -> Vec<(&'static str, String, Severity, Option<&'static str>)> {
    let big = "x".repeat(1000 << 10);
    let whole = flow_with("b", "Go on.");
    let cut = whole.find("\"Go on.").expect("the step text");
    vec![
        ("link", flow_with(&big, "Go on."), Severity::Error, Some("unknown-target")),
        ("text", flow_with("b", &big), Severity::Warning, Some("too-long")),
        ("unclosed", format!("{}\"{big}", &whole[..cut]), Severity::Error, None),
    ]
}

#[test]
fn a_big_string_is_reported_without_hanging() {
    for (what, flow, severity, code) in big_string_cases() {
        let tmp = tempfile::tempdir().unwrap();
        write_base(tmp.path());
        std::fs::write(tmp.path().join("big.ron"), flow).unwrap();
        let (shown, report) = check_in_time(tmp.path());
        assert!(
            report.diagnostics.iter().any(|d| d.severity == severity
                && code.is_none_or(|c| d.code == c)
                && d.file.ends_with("big.ron")),
            "{what}: no {severity:?} {code:?} in\n{}",
            short(&shown)
        );
        if severity == Severity::Error {
            assert!(report.set.is_none(), "{what}");
        }
    }
}

/// The source line is cut around the column and messages cut long names, so
/// a 1,000 KiB node id gives a report a person can read.
#[test]
fn a_big_string_gives_a_short_report() {
    let mut long = Vec::new();
    for (what, flow, _, _) in big_string_cases() {
        let tmp = tempfile::tempdir().unwrap();
        write_base(tmp.path());
        std::fs::write(tmp.path().join("big.ron"), flow).unwrap();
        let (shown, _) = check_in_time(tmp.path());
        if shown.len() >= 10_000 {
            long.push(format!("{what}: the report is {} bytes long:\n{}", shown.len(), short(&shown)));
        }
    }
    assert!(long.is_empty(), "{}", long.join("\n"));
}

/// Runs `work` on another thread and gives up after a minute, so a
/// super-linear analysis fails the test instead of stalling the suite.
fn in_time<T: Send + 'static>(what: &str, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    let worker = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let _ = tx.send(work());
        })
        .expect("a thread to work on");
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(done) => {
            worker.join().expect("the thread ended");
            done
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => match worker.join() {
            Err(panic) => std::panic::resume_unwind(panic),
            Ok(()) => panic!("{what}: the thread ended without a result"),
        },
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what} took over a minute"),
    }
}

/// Checks generated files and measures every flow's handoff codes, as
/// `check` and the kiosk do; the diagnostics of both.
fn check_and_measure(files: Vec<(String, String)>) -> Vec<kiosk_triage::flow::Diagnostic> {
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let report = kiosk_triage::flow::load::parse(&refs, &|_| true, None);
    let mut found = report.diagnostics;
    if let Some(set) = &report.set {
        let mut sources = Sources::default();
        for (name, text) in &files {
            sources.flows.push(kiosk_triage::flow::source::SourceFile::new(name.clone(), text.clone()));
        }
        found.extend(kiosk_triage::handoff::long_codes(set, &sources, None).1);
    }
    found
}

/// A chain of 1,000 flows joined by gotos (each asks one question: go on, or
/// solved) took 32.8 s in a release build: every flow walked the rest of the
/// chain. Each flow's walk now stops at the first code that is too long.
#[test]
fn a_long_chain_of_gotos_is_measured_in_time() {
    use kiosk_triage::flow::synth::goto_chain;
    let found = in_time("1,000 flows joined by gotos", || check_and_measure(goto_chain(1_000)));
    let first = found.iter().find(|d| d.file == "g0.ron").expect("a diagnostic for the chain's first flow");
    assert_eq!(first.code, "code-too-long");
    assert!(first.message.contains("characters or more"), "{}", first.message);
    // The end of the chain is short enough.
    assert!(!found.iter().any(|d| d.file == "g999.ron"), "{found:?}");
}

/// Flows that each start with a goto to the next: the goto-loop check
/// followed every chain from every flow (cubic), and a patron starting at the
/// top passes more screens than a handoff code can describe.
#[test]
fn a_long_chain_of_starting_gotos_is_checked_in_time() {
    use kiosk_triage::flow::synth::{Shape, flow_text, start_goto_chain};
    let found = in_time("300 flows that start with a goto", || check_and_measure(start_goto_chain(300)));
    let first = found.iter().find(|d| d.file == "s0.ron").expect("a diagnostic for the chain's first flow");
    assert_eq!((first.code, first.line, first.column), (Code::PathTooLong, 2, 9), "{first:?}");
    assert!(first.message.contains("more than 256 screens"), "{}", first.message);
    assert!(!found.iter().any(|d| d.file == "s299.ron" || d.file == "s100.ron"), "{found:?}");

    // The same chain of 3,000 flows, closed into a loop: every flow is
    // reported, and quickly.
    let n = 3_000;
    let mut files = start_goto_chain(n);
    let last = files.last_mut().expect("the last flow");
    last.1 = flow_text(&format!("s{}", n - 1), &[Shape::Goto("s0".into())]);
    let found = in_time("3,000 flows whose starting gotos loop", move || check_and_measure(files));
    assert_eq!(found.iter().filter(|d| d.code == "goto-loop").count(), n, "{:?}", found.first());
}

/// A clean flows folder of one flow, `printing.ron`, that `order` names.
fn write_clean(dir: &Path) {
    let case = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/malformed/bom_accepted");
    for name in ["flowset.ron", "printing.ron", "branches/main.ron", "words/en.ron"] {
        std::fs::create_dir_all(dir.join(name).parent().unwrap()).unwrap();
        std::fs::copy(case.join(name), dir.join(name)).unwrap();
    }
    let (_, report) = check_dir(dir);
    assert_eq!(report.errors() + report.warnings(), 0, "{:?}", report.diagnostics);
}

/// A 200 MB flow file took 28 s and 6.6 GB. Files over 1 MiB are refused
/// before they are read, and `order` says nothing more about the flow.
#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let tmp = tempfile::tempdir().unwrap();
    write_clean(tmp.path());
    let limit = kiosk_triage::flow::limits::MAX_FILE_BYTES;
    let file = std::fs::File::create(tmp.path().join("printing.ron")).unwrap();
    // Sparse: the size says it all, nothing needs writing.
    file.set_len(200 << 20).unwrap();
    assert!(limit < 200 << 20);
    let (shown, report) = check_in_time(tmp.path());
    assert_eq!(
        shown,
        "error[file-too-big]: the file is 200.0 MiB; at most 1.0 MiB is read\n --> <case>/printing.ron:1:1\n  = hint: a flow file is a few kilobytes: is this the right file? split a huge flow into several\n\n0 flows, 0 nodes, 1 branch: 1 error, 0 warnings\n"
    );
    assert!(report.set.is_none());
}

/// Files in `/proc` say they are empty and may never end: the read itself is
/// bounded, not only the size the file gives.
#[cfg(target_os = "linux")]
#[test]
fn a_read_stops_past_the_limit_whatever_size_the_file_gives() {
    use kiosk_triage::flow::limits::{Refusal, read_bytes};
    let status = Path::new("/proc/self/status");
    assert_eq!(std::fs::metadata(status).unwrap().len(), 0);
    match read_bytes(status, None, 16) {
        Err(Refusal::TooBig(None)) => {}
        other => panic!("{other:?}"),
    }
    assert!(read_bytes(status, None, 1 << 20).unwrap().len() > 16);
}

/// `mkfifo flows/p.ron` used to be skipped without a word, and a device or
/// `/proc` file read forever: only regular files are read.
#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_without_hanging() {
    let tmp = tempfile::tempdir().unwrap();
    write_clean(tmp.path());
    let made = std::process::Command::new("mkfifo").arg(tmp.path().join("pipe.ron")).status().unwrap();
    assert!(made.success());
    let (shown, report) = check_in_time(tmp.path());
    assert_eq!(
        shown,
        "error[not-a-file]: this is a named pipe (FIFO), not a file; it was not read\n --> <case>/pipe.ron:1:1\n  = hint: flow files are plain text files; remove this or rename it without `.ron`\n\n1 flow, 3 nodes, 1 branch: 1 error, 0 warnings\n"
    );
    assert!(report.set.is_none());
}

/// `ln -s /etc/shadow flows/s.ron` put the file's lines in `check`'s report.
/// A link that leads out of the flows folder is refused and its target never
/// read; `ln -s /proc/kmsg flows/k.ron` (which hung `check`) is refused the
/// same way.
#[cfg(unix)]
#[test]
fn a_link_out_of_the_flows_folder_is_refused_unread() {
    let tmp = tempfile::tempdir().unwrap();
    write_clean(tmp.path());
    let elsewhere = tempfile::tempdir().unwrap();
    let secret = elsewhere.path().join("shadow");
    std::fs::write(&secret, "root:$6$SECRET-HASH:19000:0:99999:7:::\n").unwrap();
    std::os::unix::fs::symlink(&secret, tmp.path().join("s.ron")).unwrap();
    let (shown, report) = check_in_time(tmp.path());
    assert!(!shown.contains("SECRET"), "{shown}");
    let target = secret.canonicalize().unwrap();
    assert_eq!(
        shown.replace(&target.display().to_string(), "<elsewhere>/shadow"),
        "error[outside-folder]: this links to `<elsewhere>/shadow`, outside the flows folder; it was not read\n --> <case>/s.ron:1:1\n  = hint: copy the file into the flows folder, or link only to files inside it\n\n1 flow, 3 nodes, 1 branch: 1 error, 0 warnings\n"
    );
    assert!(report.set.is_none());

    // A `branches` folder that is a link out of the flows folder, likewise.
    std::fs::remove_file(tmp.path().join("s.ron")).unwrap();
    std::fs::rename(tmp.path().join("branches"), elsewhere.path().join("branches")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path().join("branches"), tmp.path().join("branches")).unwrap();
    let (shown, _) = check_in_time(tmp.path());
    assert!(shown.starts_with("error[outside-folder]: this links to `"), "{shown}");
    assert!(shown.contains(" --> <case>/branches:1:1\n"), "{shown}");

    #[cfg(target_os = "linux")]
    {
        let tmp = tempfile::tempdir().unwrap();
        write_clean(tmp.path());
        std::os::unix::fs::symlink("/proc/kmsg", tmp.path().join("k.ron")).unwrap();
        let (shown, _) = check_in_time(tmp.path());
        assert!(shown.starts_with("error[outside-folder]: this links to `/proc/kmsg`"), "{shown}");
    }
}

/// Links that stay inside the flows folder are fine, and so is a flows
/// folder that is itself a link (`flows -> releases/v42`, the atomic deploy).
#[cfg(unix)]
#[test]
fn links_inside_the_flows_folder_are_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let release = tmp.path().join("releases/v42");
    write_clean(&release);
    std::fs::create_dir(release.join("shared")).unwrap();
    std::fs::rename(release.join("printing.ron"), release.join("shared/printing.ron")).unwrap();
    std::os::unix::fs::symlink("shared/printing.ron", release.join("printing.ron")).unwrap();
    std::os::unix::fs::symlink("releases/v42", tmp.path().join("flows")).unwrap();
    let (shown, report) = check_in_time(&tmp.path().join("flows"));
    assert_eq!(shown, "1 flow, 3 nodes, 1 branch: 0 errors, 0 warnings\n");
    assert!(report.set.is_some());
}

/// More than 500 `.ron` files in a folder: the first 500 are read, and the
/// set is refused.
#[test]
fn too_many_files_in_a_folder_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    write_clean(tmp.path());
    let max = kiosk_triage::flow::limits::MAX_FILES;
    for i in 0..max {
        std::fs::write(
            tmp.path().join(format!("branches/b{i:03}.ron")),
            format!("Branch(id: \"b{i:03}\", name: \"B\", vars: {{\"help_desk\": \"the desk\"}})"),
        )
        .unwrap();
    }
    let (shown, report) = check_in_time(tmp.path());
    assert_eq!(
        shown,
        "error[too-many-files]: the folder has 501 `.ron` files; only the first 500 were read\n --> <case>/branches:1:1\n  = hint: keep only flow files here; move copies and old versions out of the folder\n\n1 flow, 3 nodes, 500 branches: 1 error, 0 warnings\n"
    );
    assert!(report.set.is_none());
}

/// Windows Notepad starts files with a byte-order mark; kiosk.ron goes
/// through the same parser as the flows.
#[test]
fn kiosk_ron_with_a_byte_order_mark_is_read() {
    use kiosk_triage::config::KioskConfig;
    let config =
        KioskConfig::parse("kiosk.ron", "\u{feff}(branch: \"central\", idle_warning_seconds: 60)").unwrap();
    assert_eq!(config.branch.as_deref(), Some("central"));
    assert_eq!(config.idle_warning_seconds, 60);
    // Positions on the first line do not count the mark.
    let e = KioskConfig::parse("kiosk.ron", "\u{feff}(brunch: \"central\")").unwrap_err();
    assert_eq!((e.code, e.line, e.column), (Code::UnknownField, 1, 2), "{e:?}");
}

/// A picture symlinked out of `assets/` was shown to patrons. It is refused
/// (never read), `check` says why, and links inside `assets/` still work.
#[cfg(unix)]
#[test]
fn a_picture_linked_out_of_the_assets_folder_is_not_shown() {
    use kiosk_triage::flow::load::{Assets, load};
    let tmp = tempfile::tempdir().unwrap();
    let flows = tmp.path().join("flows");
    write_clean(&flows);
    let assets = tmp.path().join("assets");
    std::fs::create_dir_all(assets.join("icons")).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let private = elsewhere.path().join("private.png");
    std::fs::write(&private, b"\x89PNG private").unwrap();
    std::os::unix::fs::symlink(&private, assets.join("icons/printing.png")).unwrap();
    std::fs::write(assets.join("real.png"), b"\x89PNG real").unwrap();
    std::os::unix::fs::symlink("../real.png", assets.join("icons/inside.png")).unwrap();

    let dir = Assets::Dir(assets.clone());
    assert_eq!(dir.bytes("icons/printing.png"), None);
    assert!(!dir.exists("icons/printing.png"));
    assert_eq!(dir.bytes("icons/inside.png").as_deref(), Some(&b"\x89PNG real"[..]));
    assert!(dir.exists("icons/inside.png"));

    let loaded = load(&flows, &assets, None).unwrap();
    let found: Vec<String> =
        loaded.report.diagnostics.iter().map(|d| d.render(loaded.source(&d.file))).collect();
    let target = private.canonicalize().unwrap().display().to_string();
    assert_eq!(
        found
            .join("\n")
            .replace(&format!("{}/", flows.display()), "<flows>/")
            .replace(&target, "<elsewhere>"),
        "warning[picture-refused]: picture `icons/printing.png` links to `<elsewhere>`, outside `assets/`; the kiosk does not show it\n --> <flows>/printing.ron:4:11\n  |\n4 |     icon: \"icons/printing.png\",\n  |           ^^^^^^^^^^^^^^^^^^^^\n  = hint: put the picture itself in `assets/` (a link may point only inside it)\n"
    );
    // A warning: the flows still run, without the picture.
    assert!(loaded.report.set.is_some());
}

/// Every code `check` can report is explained for IT staff in section 16 of
/// docs/flow-format.md, in a table row of its own.
#[test]
fn every_code_is_documented() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/flow-format.md")).unwrap();
    let start = doc.find("## 16. Every diagnostic").expect("section 16");
    let end = doc[start..].find("\n## 17.").map_or(doc.len(), |e| start + e);
    let section = &doc[start..end];
    let missing: Vec<&str> =
        Code::ALL.iter().map(|c| c.as_str()).filter(|c| !section.contains(&format!("| `{c}` |"))).collect();
    assert!(missing.is_empty(), "codes not in docs/flow-format.md section 16: {missing:?}");
}

/// Codes are written in JSON as the same kebab-case names as ever.
#[test]
fn codes_serialize_as_their_names() {
    for code in Code::ALL {
        assert_eq!(serde_json::to_string(code).unwrap(), format!("\"{}\"", code.as_str()));
        assert_eq!(code.to_string(), code.as_str());
    }
    assert_eq!(serde_json::to_string(&Code::NotAFile).unwrap(), "\"not-a-file\"");
    assert_eq!(serde_json::to_string(&Code::UndefinedPlaceholder).unwrap(), "\"undefined-placeholder\"");
}
