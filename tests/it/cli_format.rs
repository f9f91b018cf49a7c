//! The command line where IT staff learn from each error (issue 14): a CI
//! gate on warnings, one line for a missing pictures folder, why a flow is
//! hidden, overridden nodes made visible.

#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use crate::common;

use common::{copy_tree, run, stdout};
use std::path::Path;

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A copy of the default flows without their `assets/` folder.
fn flows_without_assets(root: &Path) -> String {
    let flows = root.join("flows");
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("flows"), &flows);
    flows.to_str().unwrap().to_string()
}

#[test]
fn a_missing_assets_folder_is_one_warning_not_one_per_picture() {
    let tmp = tempfile::tempdir().unwrap();
    let flows = flows_without_assets(tmp.path());
    let o = run(&["check", "--flows", &flows], "");
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert_eq!(out.matches("warning[").count(), 1, "{out}");
    assert!(!out.contains("missing-picture"), "{out}");
    let assets = tmp.path().join("assets");
    assert!(
        out.contains(&format!(
            "warning[missing-assets]: there is no pictures folder at `{}`, so the kiosk shows none of the pictures and icons the flows name (",
            assets.display()
        )),
        "{out}"
    );
    assert!(out.contains("0 errors, 1 warning"), "{out}");
}

#[test]
fn deny_warnings_makes_a_warning_fail_the_check() {
    let tmp = tempfile::tempdir().unwrap();
    let flows = flows_without_assets(tmp.path());
    let o = run(&["check", "--flows", &flows, "--deny-warnings"], "");
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stderr(&o).contains("error: warnings are denied (--deny-warnings)"), "{}", stderr(&o));
    // Clean flows still pass the gate.
    let o = run(&["check", "--deny-warnings"], "");
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn walk_says_why_a_flow_is_hidden_at_a_branch() {
    // The default scanning flow offers an alternative where the scanner is
    // missing (`else_to` on the flow): Riverside starts it there.
    let o = run(&["walk", "scanning", "--branch", "riverside"], "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("This branch has no scanner."), "{}", stdout(&o));
    // Without the alternative, the flow is hidden there, and walk says why.
    let tmp = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    super::common::copy_tree(&root.join("flows"), &tmp.path().join("flows"));
    super::common::copy_tree(&root.join("assets"), &tmp.path().join("assets"));
    let scanning = tmp.path().join("flows/scanning.ron");
    let text = std::fs::read_to_string(&scanning).unwrap().replace("else_to: \"no_scanner\",", "");
    std::fs::write(&scanning, text).unwrap();
    let flows = tmp.path().join("flows");
    let o = run(&["walk", "scanning", "--branch", "riverside", "--flows", flows.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: flow `scanning` needs flag `scanner` (`needs` in its file), which branch `riverside` does not have; flows at this branch: login, printing, copying, time, email, files, wifi, access, forms\n"
    );
}

#[test]
fn check_for_one_branch_lists_the_nodes_it_overrides() {
    let o = run(&["check", "--branch", "riverside"], "");
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).ends_with("overridden at branch `riverside`: copying/start\n"), "{}", stdout(&o));
    let o = run(&["check", "--branch", "central"], "");
    assert!(!stdout(&o).contains("overridden"), "{}", stdout(&o));
}

#[test]
fn check_json_lists_the_overridden_nodes_per_branch() {
    let o = run(&["check", "--format", "json"], "");
    assert_eq!(o.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let overridden = &json["overridden"];
    assert_eq!(overridden["riverside"], serde_json::json!(["copying/start"]), "{json}");
    assert_eq!(overridden["central"], serde_json::json!([]), "{json}");
    // One branch checked, that branch only.
    let o = run(
        &["check", "--flows", "tests/malformed/branch_base_inherits", "--branch", "east", "--format", "json"],
        "",
    );
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["overridden"]["east"], serde_json::json!(["copying/done"]), "{json}");
}

#[test]
fn test_can_be_limited_to_one_flow() {
    let o = run(&["test", "--flow", "scanning", "--walk"], "");
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    let lines: Vec<&str> = out.lines().filter(|l| l.starts_with("ok ") || l.starts_with("FAIL")).collect();
    assert!(lines.len() >= 3, "{out}");
    assert!(lines.iter().all(|l| l.contains("(scanning, ")), "{out}");
    assert!(
        out.contains(
            "ok    Riverside has no scanner: the tile leads to the alternative (scanning, riverside, en)"
        ),
        "{out}"
    );
    // The walk covers that flow alone.
    assert!(out.contains("\nscanning "), "{out}");
    assert!(!out.contains("\nprinting "), "{out}");
    let o = run(&["test", "--flow", "scaning"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("error: there is no flow `scaning`; flows: "), "{}", stderr(&o));
}

#[test]
fn graph_full_draws_staff_notes_and_a_branch_marks_overrides() {
    let o = run(&["graph", "printing", "--format", "mermaid", "--full"], "");
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("— staff:"), "{}", stdout(&o));
    let o = run(&["graph", "copying", "--format", "dot", "--branch", "riverside"], "");
    assert!(stdout(&o).contains("start ✎ overridden here"), "{}", stdout(&o));
    assert!(!stdout(&o).contains("— staff:"));
}

/// `codes` used to print worst-case codes with a placeholder version tag,
/// which `decode` refused ("made with a version of the flows this machine
/// has never seen"). Every code it prints now decodes, for the time and
/// language it states.
#[test]
fn codes_prints_codes_that_decode_reads() {
    let o = run(&["codes", "--branch", "riverside", "--lang", "es", "--minutes", "12"], "");
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("Codes as a patron gets them from this version of the flows (tag "), "{out}");
    let codes: Vec<&str> = out
        .lines()
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert!(codes.len() > 20, "{out}");
    // Every tenth, to keep the test quick; each a separate process.
    for code in codes.iter().step_by(10) {
        let d = run(&["decode", code], "");
        let text = stdout(&d);
        assert_eq!(d.status.code(), Some(0), "{code}: {text}{}", stderr(&d));
        assert!(
            text.contains("Riverside Branch · Español · 10-15 min · the flow sent them to staff"),
            "{text}"
        );
    }
    // The worst case is stated apart: `(N)` after each code.
    let first = out.lines().nth(1).unwrap();
    assert!(first.contains(" ( ") || first.contains(" (1"), "{first}");
}

#[test]
fn a_base_only_branch_is_no_branch_to_check_or_run() {
    let flows = "tests/malformed/branch_base_inherits";
    let o = run(&["check", "--flows", flows, "--branch", "county"], "");
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains(
            "error[unknown-branch]: branch `county` is only a base for other branches (`base_only: true`)\n"
        ),
        "{}",
        stdout(&o)
    );
    let o = run(&["check", "--flows", flows, "--branch", "east"], "");
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // East inherits the county's override.
    assert!(stdout(&o).ends_with("overridden at branch `east`: copying/done\n"), "{}", stdout(&o));
}
