//! Read aloud, in the core: what is said on every kind of screen, in English
//! and Spanish, compared with the golden transcripts in `tests/speech/`.
//! After a wanted change in wording, rewrite them with
//!
//! ```text
//! BLESS=1 cargo test --no-default-features --test speech
//! ```
//!
//! and read every changed line before committing it. The tests below the
//! golden one check the rules themselves (numbering, hidden choices, filled
//! values), so a bless cannot hide a broken rule.

#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use crate::common;

use kiosk_triage::flow::FlowSet;
use kiosk_triage::flow::load::parse;
use kiosk_triage::flow::words::Word;
use kiosk_triage::session::{Body, Session};
use kiosk_triage::speech::say::{Shown, say, spell_code};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

const FLOWSET: &str = r#"FlowSet(name: "test", languages: ["en", "es"], order: ["printing", "email"],
    flags: {"color": "a colour printer"},
    vars: {"printer": "the printer", "help_desk": "where staff are"})"#;
/// No `color` flag: the colour choice is hidden here.
const BRANCH: &str = r#"Branch(id: "main", name: "Test Library",
    vars: {"printer": "P-1", "help_desk": {"en": "the front desk", "es": "el mostrador"}})"#;
const PRINTING: &str = r#"Flow(
    id: "printing",
    title: {"en": "Print something", "es": "Imprimir algo"},
    icon: "icons/printing.png",
    start: "which",
    nodes: [
        Question(id: "which", text: {"en": "Which printer?", "es": "¿Qué impresora?"}, choices: [
            Choice(label: {"en": "Color", "es": "Color"}, to: "jam", when: "color"),
            Choice(label: {"en": "Black and white on {printer}", "es": "Blanco y negro en {printer}"}, to: "ctrl_p"),
            Choice(label: {"en": "The printer has a problem", "es": "La impresora tiene un problema"}, to: "jam"),
        ]),
        Step(id: "ctrl_p", text: {"en": "Press Ctrl and P. Choose {printer}.", "es": "Presione Ctrl y P. Elija {printer}."}, next: "found"),
        Question(id: "found", text: {"en": "Do you see your pages?", "es": "¿Ve sus hojas?"}, choices: [
            Choice(label: {"en": "Yes", "es": "Sí"}, to: "done"),
            Choice(label: {"en": "No", "es": "No"}, to: "jam"),
        ]),
        Handoff(id: "jam", reason: {"en": "Staff will fix the printer.", "es": "El personal arreglará la impresora."}, note: "Jam."),
        Solved(id: "done", text: {"en": "Take your pages.", "es": "Recoja sus hojas."}),
    ],
)"#;
const EMAIL: &str = r#"Flow(
    id: "email",
    title: {"en": "Email", "es": "Correo"},
    icon: "icons/email.png",
    start: "done",
    nodes: [Solved(id: "done", text: {"en": "Done.", "es": "Listo."})],
)"#;

fn set() -> Arc<FlowSet> {
    let files = [
        ("flowset.ron", FLOWSET),
        ("printing.ron", PRINTING),
        ("email.ron", EMAIL),
        ("branches/main.ron", BRANCH),
        ("words/en.ron", include_str!("../../flows/words/en.ron")),
        ("words/es.ron", include_str!("../../flows/words/es.ron")),
    ];
    let report = parse(&files, &|_| true, None);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    Arc::new(report.set.unwrap())
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

/// What a session's screen says (no offer, 20 s to go home).
fn said(s: &Session, offer: bool, code: Option<&str>) -> Vec<String> {
    let set = s.flow_set();
    let screen = s.screen();
    let shown = Shown::Session { screen: &screen, offer, code, going_home: 20 };
    say(set, &set.branches[0], s.language(), &shown)
}

/// Every kind of screen, as a transcript: `## name`, then one line per
/// utterance.
fn transcript(lang: &str) -> String {
    let set = set();
    let branch = &set.branches[0];
    let mut out = String::new();
    let mut add = |name: &str, lines: Vec<String>| {
        out.push_str(&format!("## {name}\n"));
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
        out.push('\n');
    };
    add("home", say(&set, branch, lang, &Shown::Home));
    add("home, no usable flows", say(&set, branch, lang, &Shown::Unavailable));
    let mut s = Session::start(set.clone(), "main", lang, "printing", secs(0)).unwrap();
    add("question, a hidden choice and a filled value", said(&s, false, None));
    s.choose(1, secs(1)).unwrap();
    add("step", said(&s, false, None));
    add("step, with the offer of staff help", said(&s, true, None));
    s.next(secs(2)).unwrap();
    s.choose(1, secs(3)).unwrap();
    add("solved", said(&s, false, None));
    let screen = s.screen();
    let one = Shown::Session { screen: &screen, offer: false, code: None, going_home: 1 };
    add("solved, one second left", say(&set, branch, lang, &one));
    s.back(secs(4));
    s.choose(2, secs(5)).unwrap();
    add("handoff, with its code", said(&s, false, Some("2A8-2Y0")));
    let asked = Session::staff_only(set.clone(), "main", lang, secs(0)).unwrap();
    add("asked for staff", said(&asked, false, None));
    add("idle warning", say(&set, branch, lang, &Shown::Idle { seconds: 30 }));
    add("idle warning, one second", say(&set, branch, lang, &Shown::Idle { seconds: 1 }));
    add("language screen", say(&set, branch, lang, &Shown::Languages { languages: &set.languages }));
    add("staff mode (nothing)", say(&set, branch, lang, &Shown::Staff));
    out
}

#[test]
fn every_screen_kind_is_said_as_the_golden_transcript_says() {
    for lang in ["en", "es"] {
        let got = transcript(lang);
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/speech/{lang}.txt"));
        if std::env::var_os("BLESS").is_some() {
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert_eq!(got, want, "{lang}: what is said differs from {}", file.display());
    }
}

#[test]
fn answers_are_numbered_as_the_keys_choose_them_and_hidden_ones_are_not_said() {
    let set = set();
    for (lang, press) in [("en", "Press "), ("es", "Pulse ")] {
        let s = Session::start(set.clone(), "main", lang, "printing", secs(0)).unwrap();
        let lines = said(&s, false, None);
        assert!(!lines.iter().any(|l| l.contains("Color")), "{lang}: the hidden choice is said: {lines:?}");
        let answers: Vec<&String> = lines.iter().filter(|l| l.starts_with(press)).collect();
        assert_eq!(answers.len(), 2, "{lang}: two answers: {lines:?}");
        assert!(answers[0].starts_with(&format!("{press}1 ")), "{lang}: {}", answers[0]);
        assert!(answers[1].starts_with(&format!("{press}2 ")), "{lang}: {}", answers[1]);
        assert!(answers[0].contains("P-1"), "{lang}: the branch value is filled in: {}", answers[0]);
        // Key 1 takes the first answer said: black and white, to the Ctrl+P step.
        let mut s = s;
        s.choose(1, secs(1)).unwrap();
        match s.screen().body {
            Body::Step { text, .. } => assert!(text.plain().contains("Ctrl")),
            other => panic!("key 1 did not take the answer said first: {other:?}"),
        }
    }
}

#[test]
fn a_screen_is_said_in_the_patrons_language_with_the_branch_values_in_it() {
    let set = set();
    let mut s = Session::start(set.clone(), "main", "es", "printing", secs(0)).unwrap();
    s.choose(1, secs(1)).unwrap();
    let lines = said(&s, false, None);
    assert_eq!(lines[..2], ["Imprimir algo, paso 2", "Presione Ctrl y P. Elija P-1."]);
    s.choose(2, secs(2)).unwrap_err();
    s.back(secs(2));
    s.choose(2, secs(3)).unwrap();
    let lines = said(&s, false, None);
    // The help desk differs per language at this branch.
    assert_eq!(lines[2], "Por favor, busque al personal en el mostrador.");
    assert!(lines.contains(&"Para volver, pulse la tecla menos.".to_string()), "{lines:?}");
}

#[test]
fn a_handoff_code_is_spelled_out() {
    assert_eq!(spell_code("K7Q2-9XF3"), "K 7 Q 2, 9 X F 3");
}

/// Every word is in the table of section 11 of docs/flow-format.md, with
/// the English example the kiosk ships.
#[test]
fn every_word_is_documented() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/flow-format.md")).unwrap();
    let start = doc.find("## 11. The kiosk's own words").expect("section 11");
    let end = doc[start..].find("\n## 12.").map_or(doc.len(), |e| start + e);
    let section = &doc[start..end];
    let missing: Vec<&str> =
        Word::ALL.iter().map(|w| w.key()).filter(|k| !section.contains(&format!("| `{k}` |"))).collect();
    assert!(missing.is_empty(), "words not in docs/flow-format.md section 11: {missing:?}");
}

/// `walk --say` prints what the kiosk would say, screen by screen: at
/// Riverside the mobile printing answer is said like any other (it leads to
/// the alternative there, `else_to`), and the handoff code is spelled exactly
/// as `walk` prints it.
#[test]
fn walk_say_prints_the_utterances_of_each_screen() {
    let o = common::run(&["walk", "printing", "--branch", "riverside", "--answers", "5", "--say"], "");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let out = common::stdout(&o);
    let said: Vec<&str> = out.lines().filter_map(|l| l.strip_prefix("say: ")).collect();
    assert_eq!(
        said[..9],
        [
            "Print something, step 1",
            "To print from a library computer, log in to it first. What do you need help with?",
            "Press 1 for: Print from a library computer.",
            "Press 2 for: Print from my phone or laptop.",
            "Press 3 for: My print did not come out.",
            "Press 4 for: Something else went wrong.",
            "Press 5 for: The printer is jammed or broken.",
            "Press 6 for: I want a refund or a reprint.",
            "To go back, press minus.",
        ]
    );
    let code = out.lines().find_map(|l| l.strip_prefix("code: ")).unwrap();
    let spelled = format!("Show this code at the desk: {}.", spell_code(code));
    assert!(said.contains(&spelled.as_str()), "{spelled} not in {said:?}");
    assert_eq!(said.last(), Some(&"To hear this again, press plus."));
}
