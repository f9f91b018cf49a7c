//! Flowcharts: the DOT of every default flow at every branch goes through
//! Graphviz `dot` (CI installs graphviz), and Mermaid has every node and edge.

#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use kiosk_triage::flow::NodeKind;
use kiosk_triage::flow::load::load_builtin;
use kiosk_triage::graph::{Notation, render};
use std::io::Write;
use std::process::{Command, Stdio};

fn dot_accepts(source: &str) -> Result<(), String> {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("Graphviz `dot` is needed for this test (apt-get install graphviz): {e}"))?;
    child.stdin.take().unwrap().write_all(source.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    if out.status.success() && out.stderr.is_empty() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// Graphviz is installed by CI (`.ci/run` sets `REQUIRE_GRAPHVIZ=1`, so there
/// the test cannot be skipped); on a developer machine without it the test
/// says so and checks nothing.
fn graphviz_present() -> bool {
    let present = Command::new("dot").arg("-V").output().is_ok();
    if !present {
        assert!(std::env::var_os("REQUIRE_GRAPHVIZ").is_none(), "Graphviz `dot` is required here");
        eprintln!("skipped: Graphviz `dot` is not installed (apt-get install graphviz)");
    }
    present
}

#[test]
fn every_default_flow_renders_through_graphviz() {
    if !graphviz_present() {
        return;
    }
    let set = load_builtin(None).report.set.unwrap();
    for (fi, flow) in set.flows.iter().enumerate() {
        for lang in &set.languages {
            let dot = render(&set, fi, None, lang, Notation::Dot);
            dot_accepts(&dot).unwrap_or_else(|e| panic!("{} ({lang}): {e}", flow.id));
        }
        for branch in &set.branches {
            let dot = render(&set, fi, Some(branch), "es", Notation::Dot);
            dot_accepts(&dot).unwrap_or_else(|e| panic!("{} at {}: {e}", flow.id, branch.id));
        }
    }
}

#[test]
fn shapes_flags_and_hidden_answers_are_drawn() {
    let set = load_builtin(None).report.set.unwrap();
    let printing = set.flow_index("printing").unwrap();
    let riverside = set.branch("riverside").unwrap();
    let dot = render(&set, printing, Some(riverside), "en", Notation::Dot);
    assert!(dot.contains("shape=diamond"));
    assert!(dot.contains("shape=doubleoctagon"));
    assert!(dot.contains("shape=octagon"));
    assert!(dot.contains("[mobile_printing]\", style=dashed"), "answers hidden at Riverside are dashed");
    assert!(dot.contains("RIVERSIDE-PRINTER") || dot.contains("Riverside"), "branch values are filled in");

    let mermaid = render(&set, printing, None, "en", Notation::Mermaid);
    assert!(mermaid.contains("flowchart TD"));
    let f = &set.flows[printing];
    for i in 0..f.nodes.len() {
        assert!(mermaid.contains(&format!("  n{i}")), "node {i}");
    }
    let edges: usize = f
        .nodes
        .iter()
        .map(|n| match &n.kind {
            NodeKind::Step { .. } => 1,
            NodeKind::Question { choices, .. } => choices.len(),
            _ => 0,
        })
        .sum();
    assert_eq!(mermaid.matches("-->|").count() + mermaid.matches("-.->|").count(), edges);
}
