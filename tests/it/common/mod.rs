//! Fixtures shared by the integration tests: a library's own flows folder
//! in a temporary place, told apart from the built-in flows by one title;
//! and, in `kiosk`, the headless kiosk and a patron's steps on it.

#![allow(clippy::unwrap_used, dead_code)] // not every test uses every fixture

#[cfg(feature = "gui")]
pub mod kiosk;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The library's own wording in the copy: the built-in flows never say it,
/// so a kiosk that fell back to them would be seen at once.
pub const OURS: &str = "Wi-Fi at Testville Library";
/// The same title in the built-in flows.
pub const BUILTIN: &str = "Wi-Fi on your own device";

/// Copies a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_tree(&p, &target)
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

/// Replaces the first `from` in a file with `to` (which must be there).
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// A library's flows folder under `root`: a copy of the defaults with one
/// title changed to [`OURS`], and its pictures. Returns (flows, assets).
pub fn library_copy(root: &Path) -> (PathBuf, PathBuf) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let flows = root.join("flows");
    let assets = root.join("assets");
    copy_tree(&repo.join("flows"), &flows);
    copy_tree(&repo.join("assets"), &assets);
    edit(&flows.join("wifi.ron"), &format!("\"en\": \"{BUILTIN}\""), &format!("\"en\": \"{OURS}\""));
    (flows, assets)
}

/// Runs the kiosk-triage binary from the repository with `args`, feeding it
/// `stdin`.
pub fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kiosk-triage"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// A command's standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The default flows as a two-language kiosk (English and Spanish only), the
/// way most libraries start: `flowset.ron` lists two languages and the other
/// languages' words files are left out (their flow texts stay, as warnings).
pub fn two_languages() -> std::sync::Arc<kiosk_triage::flow::FlowSet> {
    use kiosk_triage::flow::load::{BUILTIN_FLOWS, parse};
    let all = r#"languages: ["en", "es", "zh", "vi", "ru"]"#;
    let owned: Vec<(String, String)> = BUILTIN_FLOWS
        .iter()
        .filter(|(name, _)| !["words/zh.ron", "words/vi.ron", "words/ru.ron"].contains(name))
        .map(|(name, text)| {
            let text = if *name == "flowset.ron" {
                assert!(text.contains(all));
                text.replacen(all, r#"languages: ["en", "es"]"#, 1)
            } else {
                text.to_string()
            };
            (name.to_string(), text)
        })
        .collect();
    let files: Vec<(&str, &str)> = owned.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let report = parse(&files, &|_| true, None);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    let set = report.set.unwrap();
    assert_eq!(set.languages, ["en", "es"]);
    std::sync::Arc::new(set)
}

/// The default flows, in their five languages.
pub fn five_languages() -> std::sync::Arc<kiosk_triage::flow::FlowSet> {
    let set = kiosk_triage::flow::load::load_builtin(None).report.set.unwrap();
    assert_eq!(set.languages, ["en", "es", "zh", "vi", "ru"]);
    std::sync::Arc::new(set)
}

/// The random flow `f` ([`flow_text_with`](kiosk_triage::flow::synth::flow_text_with))
/// with the common files, checked; `None` when `check` refuses it (random
/// shapes are often invalid: loops with no way out).
pub fn synth_set(
    shapes: &[kiosk_triage::flow::synth::Shape],
    alt: Option<usize>,
) -> Option<std::sync::Arc<kiosk_triage::flow::FlowSet>> {
    use kiosk_triage::flow::synth::{common_files, flow_text_with};
    let mut files = common_files();
    files.push(("f.ron".to_string(), flow_text_with("f", shapes, alt)));
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    kiosk_triage::flow::load::parse(&refs, &|_| true, None).set.map(std::sync::Arc::new)
}

/// Runs a property on 300 cases of `strategy`, as `proptest!` would, and
/// counts the cases that reach the rare case it is about (a flow that starts
/// at its home tile alternative): `test` calls its second argument for each.
/// Fails on a failing case, and when fewer than 10 of the 300 were counted,
/// so the rare case cannot silently stop being generated. `what` names the
/// cases in the messages ("runs", "round trips").
pub fn run_counting<S: proptest::strategy::Strategy>(
    strategy: &S,
    what: &str,
    test: impl Fn(S::Value, &dyn Fn()) -> Result<(), proptest::test_runner::TestCaseError>,
) {
    use proptest::test_runner::{Config, TestRunner};
    let counted = std::cell::Cell::new(0usize);
    let count = || counted.set(counted.get() + 1);
    let mut runner = TestRunner::new(Config { cases: 300, ..Config::default() });
    if let Err(e) = runner.run(strategy, |value| test(value, &count)) {
        panic!("{e}");
    }
    let runs = counted.get();
    eprintln!("{what} that started at the flow's alternative: {runs} of 300");
    assert!(runs >= 10, "only {runs} {what} started at a flow's home tile alternative");
}
