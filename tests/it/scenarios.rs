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

/// `facts` and `urgent` assert what the desk reads from the visit's code,
/// in the working language whatever the patron's; a wrong one says what the
/// handoff carries instead.
#[test]
fn scenarios_assert_the_facts_and_urgency_the_handoff_carries() {
    use kiosk_triage::scenario::ScenarioFile;
    let set = Arc::new(load_builtin(None).report.set.unwrap());
    let one = |text: &str| {
        let file = ScenarioFile::parse(kiosk_triage::flow::source::SourceFile::new("t.ron", text));
        replay(&set, &file.scenarios.as_ref().unwrap()[0])
    };
    // Locked out of Gmail, in Spanish: the facts are in English for staff.
    let gmail = r#"[Scenario(name: "x", flow: "email", branch: "central", lang: "es",
        choices: ["Olvidé mi contraseña o no puedo entrar", "Gmail (Google)",
            "No, ya no tengo mi teléfono o correo anterior", "No, nada funciona",
            "Pedir al personal que lo revise conmigo"],
        ending: "recovery_help","#;
    let both = r#"["Email provider: Gmail (Google)", "Recovery step that failed: No, my old phone or email is gone"]"#;
    assert_eq!(one(&format!("{gmail} facts: {both}, urgent: false)]")), Ok(()));
    // All of them, in order: one missing, or the two swapped, is a difference.
    assert_eq!(
        one(&format!("{gmail} facts: [\"Email provider: Outlook\"])]")),
        Err("ended at `recovery_help` in `email`; the handoff carries `Email provider: Gmail (Google)`, \
             `Recovery step that failed: No, my old phone or email is gone`, expected `Email provider: Outlook`"
            .into())
    );
    let swapped = r#"["Recovery step that failed: No, my old phone or email is gone", "Email provider: Gmail (Google)"]"#;
    assert!(one(&format!("{gmail} facts: {swapped})]")).is_err());
    assert_eq!(
        one(&format!("{gmail} urgent: true)]")),
        Err("ended at `recovery_help` in `email`; the handoff is not urgent, expected urgent".into())
    );
    // An urgent answer, and the patron's own words for why.
    let due = r#"[Scenario(name: "x", flow: "time", branch: "northgate", lang: "en",
        choices: ["My time is almost up", "Yes, I need more time", "Ask staff for more time", "Yes, within the next hour"],
        ending: "more_time","#;
    assert_eq!(
        one(&format!(r#"{due} facts: ["Deadline: Yes, within the next hour"], urgent: true)]"#)),
        Ok(())
    );
    assert_eq!(
        one(&format!("{due} urgent: false)]")),
        Err("ended at `more_time` in `time`; the handoff is urgent (they answered `Yes, within the next hour`), \
             expected not urgent"
            .into())
    );
    // An urgent ending with no urgent answer; no facts on the path.
    let jam = r#"[Scenario(name: "x", flow: "copying", branch: "central", lang: "en",
        choices: ["The copier shows a message or is jammed"], ending: "jam","#;
    assert_eq!(one(&format!("{jam} facts: [], urgent: true)]")), Ok(()));
    assert_eq!(
        one(&format!("{jam} urgent: false)]")),
        Err("ended at `jam` in `copying`; the handoff is urgent (the ending is urgent), expected not urgent"
            .into())
    );
    assert_eq!(
        one(&format!(r#"{jam} facts: ["Deadline: Yes"])]"#)),
        Err("ended at `jam` in `copying`; the handoff carries no facts, expected `Deadline: Yes`".into())
    );
    // Asking for staff part way carries the facts given so far.
    let asked = r#"[Scenario(name: "x", flow: "email", branch: "central", lang: "en",
        choices: ["I forgot my password or I'm locked out", "Gmail (Google)"], ask_staff: true,
        ending: "asked_staff","#;
    assert_eq!(
        one(&format!(r#"{asked} facts: ["Email provider: Gmail (Google)"], urgent: false)]"#)),
        Ok(())
    );
    let why = one(&format!("{asked} facts: [])]")).unwrap_err();
    assert!(why.starts_with("asked for staff at `"), "{why}");
    assert!(
        why.ends_with("; the handoff carries `Email provider: Gmail (Google)`, expected no facts"),
        "{why}"
    );
}

/// A mistyped expectation is a located error, like any other in a scenario
/// file.
#[test]
fn a_mistyped_expectation_is_a_located_error() {
    use kiosk_triage::scenario::ScenarioFile;
    let text = "[Scenario(name: \"x\", flow: \"time\", branch: \"central\", lang: \"en\",\n    choices: [], ending: \"start\",\n    urgent: \"yes\", facts: [\"Deadline: Yes\"])]";
    let file = ScenarioFile::parse(kiosk_triage::flow::source::SourceFile::new("t.ron", text));
    let Err(d) = &file.scenarios else { panic!("`urgent: \"yes\"` was accepted") };
    let shown = d.render(Some(&file.source));
    assert!(shown.starts_with("error[type]: expected `true` or `false`\n --> t.ron:3:13"), "{shown}");
    let text = "[Scenario(name: \"x\", flow: \"time\", branch: \"central\", lang: \"en\",\n    choices: [], ending: \"start\",\n    fact: [\"Deadline: Yes\"])]";
    let file = ScenarioFile::parse(kiosk_triage::flow::source::SourceFile::new("t.ron", text));
    let Err(d) = &file.scenarios else { panic!("`fact:` was accepted") };
    let shown = d.render(Some(&file.source));
    assert!(
        shown.starts_with("error[unknown-field]: unknown field `fact` in `Scenario`\n --> t.ron:3:5"),
        "{shown}"
    );
    assert!(shown.contains("did you mean `facts`?"), "{shown}");
}

/// The default scenarios check what the desk reads: every fact the flows ask
/// for, every urgent ending, and every urgent answer are asserted by at least
/// one scenario.
#[test]
fn default_scenarios_assert_every_fact_and_urgency() {
    use kiosk_triage::flow::model::NodeKind;
    use kiosk_triage::flow::raw::Urgency;
    let set = Arc::new(load_builtin(None).report.set.unwrap());
    let files = read_scenarios(&Path::new(env!("CARGO_MANIFEST_DIR")).join("flows/tests")).unwrap();
    let scenarios: Vec<_> = files.iter().flat_map(|f| f.scenarios.as_ref().unwrap().iter()).collect();
    let en = |t: &kiosk_triage::flow::model::Text| set.render(t, "en", &set.branches[0]).plain();
    for flow in &set.flows {
        for node in &flow.nodes {
            match &node.kind {
                NodeKind::Question { fact: Some(name), .. } => assert!(
                    scenarios.iter().any(|sc| sc
                        .facts
                        .iter()
                        .flatten()
                        .any(|f| f.starts_with(&format!("{name}: ")))),
                    "no scenario asserts the fact `{name}` (`{}` in `{}`)",
                    node.id,
                    flow.id
                ),
                NodeKind::Handoff(h) if h.urgency == Urgency::Urgent => assert!(
                    scenarios
                        .iter()
                        .any(|sc| sc.flow == flow.id && sc.ending == node.id && sc.urgent == Some(true)),
                    "no scenario asserts that `{}` in `{}` is urgent",
                    node.id,
                    flow.id
                ),
                _ => {}
            }
            if let NodeKind::Question { choices, .. } = &node.kind {
                for c in choices.iter().filter(|c| c.urgent) {
                    let label = en(&c.label);
                    assert!(
                        scenarios.iter().any(|sc| sc.lang == "en"
                            && sc.urgent == Some(true)
                            && sc.choices.contains(&kiosk_triage::scenario::Pick::Label(label.clone()))),
                        "no English scenario takes the urgent answer `{label}` (`{}` in `{}`) and asserts `urgent: true`",
                        node.id,
                        flow.id
                    );
                }
            }
        }
    }
}
