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

/// `dot -Tsvg` of `source`: the width and height in points, and the scale
/// Graphviz drew at (below 1 when it had to shrink a chart to its `size`).
fn dot_svg_size(source: &str) -> (f64, f64, f64) {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("Graphviz `dot`");
    child.stdin.take().unwrap().write_all(source.as_bytes()).unwrap();
    let svg = String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap();
    let attr = |name: &str| -> f64 {
        let at = svg.find("<svg width").unwrap();
        let rest = &svg[at..];
        let start = rest.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        rest[start..].split("pt\"").next().unwrap().parse().unwrap()
    };
    let scale = svg.split("transform=\"scale(").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    (attr("width"), attr("height"), scale)
}

/// What keeps the largest flow readable: top to bottom, short lines in
/// nodes and on edges, packed into a page width. Drawn by Graphviz, every
/// default flow in every language, with and without each branch and with
/// the full texts, fits 17 inches (1,224 points) at 100 %, its 10-11
/// point text never scaled down.
#[test]
fn every_default_flow_fits_a_page_width_at_full_size() {
    use kiosk_triage::graph::{Detail, EDGE_WRAP, PAGE_WIDTH_INCHES, WRAP, render_with};
    if !graphviz_present() {
        return;
    }
    let set = load_builtin(None).report.set.unwrap();
    let mut widest = (0.0, String::new());
    for (fi, flow) in set.flows.iter().enumerate() {
        let mut charts = Vec::new();
        for lang in &set.languages {
            for full in [false, true] {
                charts.push((format!("{} {lang} full={full}", flow.id), None, lang, full));
                for branch in &set.branches {
                    charts.push((format!("{} {lang} at {}", flow.id, branch.id), Some(branch), lang, full));
                }
            }
        }
        for (name, branch, lang, full) in charts {
            let dot = render_with(&set, fi, branch, lang, Notation::Dot, Detail { full });
            assert!(dot.contains("rankdir=TB;") && dot.contains("ratio=compress;"), "{name}");
            for line in dot.lines().filter(|l| l.contains("[label=\"")) {
                let rest = line.split("label=\"").nth(1).unwrap();
                let end = [rest.find("\", "), rest.find("\"]")].into_iter().flatten().min().unwrap();
                let label = &rest[..end];
                let limit = if line.contains(" -> ") { EDGE_WRAP } else { WRAP };
                for part in label.split("\\n").filter(|p| p.contains(' ') && !p.starts_with('[')) {
                    // Only the id line and a single long word may be longer.
                    let head = !line.contains(" -> ") && label.starts_with(part);
                    assert!(head || part.chars().count() <= limit + 1, "{name}: `{part}`");
                }
            }
            let (width, height, scale) = dot_svg_size(&dot);
            assert!(scale >= 1.0, "{name}: Graphviz shrank the chart to {scale}");
            assert!(width <= f64::from(PAGE_WIDTH_INCHES) * 72.0, "{name}: {width} x {height} pt");
            if width > widest.0 {
                widest = (width, format!("{name}: {width} x {height} pt"));
            }
        }
    }
    eprintln!("widest chart: {}", widest.1);
}

#[test]
fn shapes_flags_and_hidden_answers_are_drawn() {
    let set = load_builtin(None).report.set.unwrap();
    let printing = set.flow_index("printing").unwrap();
    let riverside = set.branch("riverside").unwrap();
    let dot = render(&set, printing, Some(riverside), "en", Notation::Dot);
    // Questions rounded and bold, solved endings doubled, handoffs notes.
    assert!(dot.contains("shape=box, style=\"rounded,bold,filled\""));
    assert!(dot.contains("shape=box, peripheries=2, style=\"rounded,filled\""));
    assert!(dot.contains("shape=note"));
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
            // An alternative for a missing service (`else_to`) is an edge of its own.
            NodeKind::Question { choices, .. } => {
                choices.len() + choices.iter().filter(|c| c.else_to.is_some()).count()
            }
            _ => 0,
        })
        .sum();
    assert_eq!(mermaid.matches("-->|").count() + mermaid.matches("-.->|").count(), edges);
}

/// Greyed screens behind hidden answers, overridden nodes marked, the full
/// text with staff notes and policies on request, and text wrapped short.
#[test]
fn a_branch_greys_what_it_hides_and_marks_what_it_overrides() {
    use kiosk_triage::graph::{Detail, render_with};
    let set = load_builtin(None).report.set.unwrap();
    let printing = set.flow_index("printing").unwrap();
    let riverside = set.branch("riverside").unwrap();
    let dot = render(&set, printing, Some(riverside), "en", Notation::Dot);
    // Phone printing is hidden at Riverside: its first screen is greyed.
    let phone = dot.lines().find(|l| l.starts_with("  \"mobile\" [")).expect("the mobile node");
    assert!(phone.contains("filled,dashed\", fillcolor=\"#f2f2f2\""), "{phone}");
    // Riverside overrides the first screen of copying (it has no copier).
    let copying = set.flow_index("copying").unwrap();
    let copy_dot = render(&set, copying, Some(riverside), "en", Notation::Dot);
    let start = copy_dot.lines().find(|l| l.starts_with("  \"start\" [")).expect("the start node");
    assert!(start.contains("start ✎ overridden here"), "{start}");
    assert!(start.contains("filled\", fillcolor=\"#e8eef6\""), "{start}");
    // Without a branch nothing is greyed or marked.
    let plain = render(&set, printing, None, "en", Notation::Dot);
    assert!(!plain.contains("dashed\", fillcolor") && !plain.contains("overridden"));
    // No line of a node's text is longer than WRAP characters (plus `…`).
    for line in plain.lines().filter(|l| l.contains("[label=") && !l.contains(" -> ")) {
        let label = &line[line.find("label=\"").unwrap() + 7..line.find("\", shape").unwrap_or(line.len())];
        for part in label.split("\\n") {
            assert!(part.chars().count() <= kiosk_triage::graph::WRAP + 1, "{part}");
        }
    }
    let short = render(&set, printing, None, "en", Notation::Mermaid);
    let full = render_with(&set, printing, None, "en", Notation::Mermaid, Detail { full: true });
    assert!(!short.contains("— staff:"));
    assert!(full.contains("— staff:"), "the staff note is drawn");
    assert!(full.contains("[flexible policy]") || full.contains("[strict policy]"));
    assert!(full.len() > short.len());
    let mermaid = render(&set, printing, Some(riverside), "en", Notation::Mermaid);
    assert!(mermaid.contains(" hidden\n"), "hidden screens get the grey class");
}

#[test]
fn an_alternative_for_a_missing_service_is_its_own_edge() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/malformed/else_to_per_branch");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let (flowset, printing, east) = (read("flowset.ron"), read("printing.ron"), read("branches/east.ron"));
    // main without the scanner, with the value the alternative needs.
    let main =
        r#"Branch(id: "main", name: "Main", vars: {"help_desk": "desk", "nearest_scanner": "Central"})"#;
    let words = include_str!("../../flows/words/en.ron");
    let files = [
        ("flowset.ron", flowset.as_str()),
        ("printing.ron", printing.as_str()),
        ("branches/east.ron", east.as_str()),
        ("branches/main.ron", main),
        ("words/en.ron", words),
    ];
    let set = kiosk_triage::flow::load::parse(&files, &|_| true, None).set.unwrap();
    let at_main = render(&set, 0, set.branch("main"), "en", Notation::Mermaid);
    assert!(at_main.contains("n0 -.->|\"Scan a page<br/>[scanner]\"| n1"), "{at_main}");
    assert!(at_main.contains("n0 -->|\"Scan a page<br/>[no scanner]\"| n2"), "{at_main}");
    let at_east = render(&set, 0, set.branch("east"), "en", Notation::Mermaid);
    assert!(at_east.contains("n0 -->|\"Scan a page<br/>[scanner]\"| n1"), "{at_east}");
    assert!(at_east.contains("n0 -.->|\"Scan a page<br/>[no scanner]\"| n2"), "{at_east}");
}

/// The default `scanning` flow `needs: "scanner", else_to: "no_scanner"`:
/// Riverside has no scanner, so its tile starts at `no_scanner` there. The
/// chart for Riverside marks that as the start and greys the scanner part
/// (the flow's normal start and what only it leads to); a branch with a
/// scanner starts as usual and greys the alternative.
#[test]
fn a_flow_shown_only_as_its_alternative_starts_there() {
    let set = load_builtin(None).report.set.unwrap();
    let scanning = set.flow_index("scanning").unwrap();
    let node = |dot: &str, id: &str| -> String {
        dot.lines().find(|l| l.starts_with(&format!("  \"{id}\" ["))).expect(id).to_string()
    };
    let grey = "filled,dashed\", fillcolor=\"#f2f2f2\"";
    let riverside = set.branch("riverside").unwrap();
    assert!(riverside.alternative.contains(&scanning), "the test's premise");
    let dot = render(&set, scanning, Some(riverside), "en", Notation::Dot);
    let (alt, start) = (node(&dot, "no_scanner"), node(&dot, "start"));
    assert!(alt.contains("label=\"▶ "), "the alternative is where the flow starts here: {alt}");
    assert!(!alt.contains(grey), "{alt}");
    assert!(!start.contains('▶'), "the normal start is not where it starts here: {start}");
    assert!(start.contains(grey), "Riverside never reaches the scanner part: {start}");
    assert!(node(&dot, "usb_place").contains(grey));
    let mermaid = render(&set, scanning, Some(riverside), "en", Notation::Mermaid);
    let start_no = set.flows[scanning].start;
    assert!(mermaid.contains(&format!("  class n{start_no} hidden\n")), "{mermaid}");
    // With a scanner: the normal start, and the alternative greyed.
    let central = set.branch("central").unwrap();
    let dot = render(&set, scanning, Some(central), "en", Notation::Dot);
    let (alt, start) = (node(&dot, "no_scanner"), node(&dot, "start"));
    assert!(start.contains("label=\"▶ ") && !start.contains(grey), "{start}");
    assert!(!alt.contains('▶') && alt.contains(grey), "{alt}");
    // Without a branch both starts are marked, the alternative with its flag.
    let dot = render(&set, scanning, None, "en", Notation::Dot);
    assert!(node(&dot, "start").contains("label=\"▶ "));
    assert!(node(&dot, "no_scanner").contains("label=\"▶ [no scanner] "), "{dot}");
}
