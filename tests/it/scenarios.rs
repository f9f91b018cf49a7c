//! The scenario transcripts in `flows/tests/` replay through the real
//! session: at least three per flow, some in Spanish, all passing.

#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use kiosk_triage::cli::test::read_scenarios;
use kiosk_triage::flow::load::load_builtin;
use kiosk_triage::scenario::replay;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

#[test]
fn every_scenario_passes_and_every_flow_has_at_least_three() {
    let set = Arc::new(load_builtin(None).report.set.unwrap());
    let files = read_scenarios(&Path::new(env!("CARGO_MANIFEST_DIR")).join("flows/tests")).unwrap();
    let mut per_flow: BTreeMap<String, usize> = BTreeMap::new();
    let mut spanish = 0;
    let mut failures = Vec::new();
    for file in &files {
        let list = file.scenarios.as_ref().unwrap_or_else(|d| panic!("{}", d.render(Some(&file.source))));
        for sc in list {
            *per_flow.entry(sc.flow.clone()).or_default() += 1;
            spanish += usize::from(sc.lang == "es");
            if let Err(why) = replay(&set, sc) {
                failures.push(format!("{}: {why}", sc.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for flow in &set.flows {
        assert!(
            per_flow.get(&flow.id).copied().unwrap_or(0) >= 3,
            "flow `{}` has fewer than 3 scenarios",
            flow.id
        );
    }
    assert!(spanish >= 7, "only {spanish} scenarios in Spanish");
}

#[test]
fn a_scenario_that_no_longer_fits_says_what_differed() {
    let set = Arc::new(load_builtin(None).report.set.unwrap());
    // Riverside has no copier: the copier's trouble choice is hidden there.
    let text = r#"[Scenario(name: "x", flow: "copying", branch: "riverside", lang: "en",
        choices: ["The copier shows a message or is jammed"], ending: "jam")]"#;
    let file = kiosk_triage::scenario::ScenarioFile::parse(kiosk_triage::flow::source::SourceFile::new(
        "t.ron", text,
    ));
    let sc = &file.scenarios.as_ref().unwrap()[0];
    let why = replay(&set, sc).unwrap_err();
    assert!(
        why.starts_with(
            "choice 1 `The copier shows a message or is jammed` is not on screen at `start` in `copying`"
        ),
        "{why}"
    );
    // "Make a copy" shows all the same: it leads to the alternative (`else_to`).
    assert!(why.contains("`Make a copy`"), "{why}");
}

/// Choosing by number, asserting a hidden flow, and what each says when it
/// no longer holds.
#[test]
fn scenarios_choose_by_number_and_assert_hidden_flows() {
    use kiosk_triage::scenario::ScenarioFile;
    let set = Arc::new(load_builtin(None).report.set.unwrap());
    let one = |text: &str| {
        let file = ScenarioFile::parse(kiosk_triage::flow::source::SourceFile::new("t.ron", text));
        replay(&set, &file.scenarios.as_ref().unwrap()[0])
    };
    let head = r#"[Scenario(name: "x", flow: "scanning", lang: "en","#;
    // No default flow is hidden at any branch: scanning at Riverside shows its
    // alternative (`else_to` on the flow).
    assert_eq!(
        one(&format!(r#"{head} branch: "riverside", hidden: true)]"#)),
        Err("flow `scanning` is shown at branch `riverside`; expected it hidden".into())
    );
    assert_eq!(one(&format!(r#"{head} branch: "riverside", choices: [], ending: "no_scanner")]"#)), Ok(()));
    assert_eq!(
        one(&format!(r#"{head} branch: "central", hidden: true)]"#)),
        Err("flow `scanning` is shown at branch `central`; expected it hidden".into())
    );
    assert_eq!(
        one(&format!(r#"{head} branch: "central", choices: [1, "Yes"], ending: "usb_done")]"#)),
        Ok(())
    );
    let why = one(&format!(r#"{head} branch: "central", choices: [9], ending: "usb_done")]"#)).unwrap_err();
    assert!(
        why.starts_with("choice 1 number 9 is not on screen at `start` in `scanning`; the choices are: 1. `"),
        "{why}"
    );
    assert_eq!(
        one(&format!(r#"{head} branch: "central", choices: [1])]"#)),
        Err("the scenario has no `ending` (or `hidden: true`)".into())
    );
}
