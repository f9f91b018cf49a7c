//! The desk summary, golden: URGENT and the facts first, then every screen in
//! full (never cut, never a node id), then the staff note and policy; and the
//! same facts and urgency in `walk` and `decode --format json`. A small flow
//! set of its own, so rewriting the default flows' content changes nothing
//! here.

#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use super::common::{run, stdout};
use kiosk_triage::flow::load::parse;
use kiosk_triage::flow::model::FlowSet;
use kiosk_triage::handoff::base32::group;
use kiosk_triage::handoff::code_for_session;
use kiosk_triage::handoff::summary::{decode, render};
use kiosk_triage::session::Session;
use std::sync::Arc;
use std::time::Duration;

const FLOWSET: &str = r#"FlowSet(name: "T", languages: ["en", "es"],
    vars: {"help_desk": "Desk.", "recovery_page": "Where to recover an account."})"#;

/// A long step (longer than the 140 characters the summary used to cut at),
/// a fact, an urgent answer and a handoff that is not urgent of itself.
const EMAIL: &str = r#"Flow(id: "email", title: {"en": "Email", "es": "Correo"}, icon: "i.png", start: "provider", nodes: [
    Question(id: "provider", fact: "Email provider",
        text: {"en": "Which email do you use?", "es": "¿Qué correo usa?"},
        choices: [
            Choice(label: {"en": "Gmail", "es": "Gmail"}, to: "recover"),
            Choice(label: {"en": "Outlook or Hotmail", "es": "Outlook o Hotmail"}, to: "recover"),
        ]),
    Step(id: "recover", next: "worked", link: "https://www.g.co/recover/",
        text: {"en": "Open {recovery_page} in the browser. Type your email address, then choose “Forgot password?”. If it offers a code by text message, choose “Try another way” instead.",
               "es": "Abra {recovery_page} en el navegador. Escriba su correo y elija “¿Olvidaste la contraseña?”. Si ofrece un código por mensaje de texto, elija “Probar otra manera”."}),
    Question(id: "worked", text: {"en": "Can you sign in now?", "es": "¿Puede entrar ahora?"}, choices: [
        Choice(label: {"en": "Yes", "es": "Sí"}, to: "done"),
        Choice(label: {"en": "No", "es": "No"}, to: "today"),
        Choice(label: {"en": "It says my account is locked", "es": "Dice que mi cuenta está bloqueada"}, to: "today", urgent: true),
    ]),
    Question(id: "today", fact: "Needed today",
        text: {"en": "Do you need your email today?", "es": "¿Necesita su correo hoy?"},
        choices: [
            Choice(label: {"en": "Yes, within the hour", "es": "Sí, en la próxima hora"}, to: "staff", urgent: true),
            Choice(label: {"en": "No, it can wait", "es": "No, puede esperar"}, to: "staff"),
        ]),
    Solved(id: "done", text: {"en": "You are in.", "es": "Ya entró."}),
    Handoff(id: "staff", reason: {"en": "Staff can help you recover it.", "es": "El personal le puede ayudar."},
        note: "Account recovery. Never sign in for the patron.",
        policy: Policy(firmness: Strict, text: "Staff never type a patron's password.")),
])"#;

/// Enters `email` past its first screens, at `worked`.
const PRINTING: &str = r#"Flow(id: "printing", title: {"en": "Print", "es": "Imprimir"}, icon: "i.png", start: "what", nodes: [
    Question(id: "what", text: {"en": "What do you want to print?", "es": "¿Qué quiere imprimir?"}, choices: [
        Choice(label: {"en": "An attachment in my email", "es": "Un adjunto de mi correo"}, to: "to_email"),
        Choice(label: {"en": "Something else", "es": "Otra cosa"}, to: "done"),
    ]),
    Goto(id: "to_email", flow: "email", node: "worked"),
    Solved(id: "done", text: {"en": "Press Ctrl+P.", "es": "Pulse Ctrl+P."}),
])"#;

const BRANCH: &str = r#"Branch(id: "main", name: "Main Library",
    vars: {"help_desk": "the front desk", "recovery_page": "g.co/recover"})"#;

pub(crate) fn set() -> Arc<FlowSet> {
    let words_en = include_str!("../../flows/words/en.ron");
    let words_es = include_str!("../../flows/words/es.ron");
    let files = [
        ("flowset.ron", FLOWSET),
        ("email.ron", EMAIL),
        ("printing.ron", PRINTING),
        ("branches/main.ron", BRANCH),
        ("words/en.ron", words_en),
        ("words/es.ron", words_es),
    ];
    let report = parse(&files, &|_| true, None);
    assert_eq!(report.errors() + report.warnings(), 0, "{:?}", report.diagnostics);
    Arc::new(report.set.unwrap())
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

/// Gmail, the recovery step, "No", then `today` answered with `urgent`.
fn walked(set: &Arc<FlowSet>, lang: &str, today: usize) -> Session {
    let mut s = Session::start(set.clone(), "main", lang, "email", secs(0)).unwrap();
    s.choose(1, secs(10)).unwrap();
    s.next(secs(40)).unwrap();
    s.choose(2, secs(60)).unwrap();
    s.choose(today, secs(200)).unwrap();
    s
}

#[test]
fn urgency_and_facts_come_first_then_every_screen_in_full() {
    let set = set();
    // The patron read Spanish; the desk reads the working language.
    let s = walked(&set, "es", 1);
    let code = code_for_session(&s, false, secs(200)).unwrap();
    let text = render(&decode(&code, &[set]).unwrap());
    let expected = format!(
        "Code {}: Email
  Main Library · Español · 2-5 min · the flow sent them to staff

URGENT: something is broken or the patron is losing money or time now (they answered “Yes, within the hour”).

Email provider: Gmail
Needed today: Yes, within the hour

What they already did:
   1. Which email do you use?
      → Gmail
   2. Open g.co/recover in the browser. Type your email address, then choose “Forgot password?”. If it offers a code by text message, choose “Try another way” instead.
   3. Can you sign in now?
      → No
   4. Do you need your email today?
      → Yes, within the hour

Where it ended: Staff can help you recover it.
Staff note: Account recovery. Never sign in for the patron.
Policy (STRICT, never bends): Staff never type a patron's password.
",
        group(&code)
    );
    assert_eq!(text, expected);
}

#[test]
fn without_an_urgent_answer_or_ending_there_is_no_urgent_line() {
    let set = set();
    let s = walked(&set, "en", 2);
    let code = code_for_session(&s, false, secs(200)).unwrap();
    let summary = decode(&code, &[set]).unwrap();
    let text = render(&summary);
    assert!(!text.contains("URGENT"), "{text}");
    assert!(text.contains("\nEmail provider: Gmail\nNeeded today: No, it can wait\n"), "{text}");
    assert!(summary.urgent.because.is_empty());
}

#[test]
fn an_urgent_answer_then_asking_for_staff_is_still_urgent_and_names_no_node() {
    let set = set();
    let mut s = Session::start(set.clone(), "main", "en", "email", secs(0)).unwrap();
    s.choose(1, secs(5)).unwrap();
    s.next(secs(6)).unwrap();
    s.choose(3, secs(7)).unwrap();
    s.ask_staff(secs(9));
    let code = code_for_session(&s, false, secs(9)).unwrap();
    let text = render(&decode(&code, std::slice::from_ref(&set)).unwrap());
    assert!(
        text.contains("\nURGENT: something is broken or the patron is losing money or time now (they answered “It says my account is locked”).\n\nEmail provider: Gmail\n\nWhat"),
        "{text}"
    );
    // Stopped at a question: said by its text above, never by its id.
    assert!(text.contains("   4. Do you need your email today?\n"), "{text}");
    assert!(!text.contains("`today`"), "{text}");

    // Asked for staff at the step, before any urgent answer: not urgent.
    let mut s = Session::start(set.clone(), "main", "en", "email", secs(0)).unwrap();
    s.choose(2, secs(5)).unwrap();
    s.ask_staff(secs(9));
    let code = code_for_session(&s, false, secs(9)).unwrap();
    let text = render(&decode(&code, &[set]).unwrap());
    assert!(!text.contains("URGENT"), "{text}");
    assert!(text.contains("\nEmail provider: Outlook or Hotmail\n"), "{text}");
    assert!(!text.contains("`recover`"), "{text}");
}

/// Writes the fixture as a flows folder for the command line.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::create_dir_all(p.join("branches")).unwrap();
    std::fs::create_dir_all(p.join("words")).unwrap();
    std::fs::write(p.join("flowset.ron"), FLOWSET).unwrap();
    std::fs::write(p.join("email.ron"), EMAIL).unwrap();
    std::fs::write(p.join("printing.ron"), PRINTING).unwrap();
    std::fs::write(p.join("branches/main.ron"), BRANCH).unwrap();
    std::fs::write(p.join("words/en.ron"), include_str!("../../flows/words/en.ron")).unwrap();
    std::fs::write(p.join("words/es.ron"), include_str!("../../flows/words/es.ron")).unwrap();
    dir
}

#[test]
fn walk_and_decode_json_carry_the_facts_and_the_urgency() {
    let dir = folder();
    let flows = dir.path().to_str().unwrap();
    let o = run(&["walk", "email", "--flows", flows, "--answers", "1,2,1"], "");
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("staff note: Account recovery. Never sign in for the patron.\nurgency: urgent\nfact: Email provider: Gmail\nfact: Needed today: Yes, within the hour\npolicy "), "{out}");
    // The take-home link of the recovery step, as the kiosk shows it.
    assert!(out.contains("[take home: https://www.g.co/recover/ (QR code, “g.co/recover”)]\n"), "{out}");
    let code = out.lines().find_map(|l| l.strip_prefix("code: ")).unwrap().to_string();

    let o = run(&["decode", &code, "--flows", flows, "--format", "json"], "");
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["facts"][0]["name"], "Email provider");
    assert_eq!(json["facts"][0]["answer"], "Gmail");
    assert_eq!(json["facts"][1]["answer"], "Yes, within the hour");
    assert_eq!(json["urgent"]["urgency"], "Urgent");
    assert_eq!(json["urgent"]["because"][0], "Yes, within the hour");
}

#[test]
fn a_goto_lands_on_a_node_of_another_flow_and_back_comes_back_across_it() {
    let set = set();
    let mut s = Session::start(set.clone(), "main", "en", "printing", secs(0)).unwrap();
    s.choose(1, secs(3)).unwrap();
    // Landed at `worked`, past the email flow's start.
    let email = set.flow_index("email").unwrap();
    let here = s.trail().last().cloned().unwrap();
    assert_eq!((here.flow, set.flows[email].nodes[here.node].id.as_str()), (email, "worked"));
    // Back goes over the goto to the question in `printing`.
    assert!(s.back(secs(4)));
    let printing = set.flow_index("printing").unwrap();
    let here = s.trail().last().cloned().unwrap();
    assert_eq!((here.flow, set.flows[printing].nodes[here.node].id.as_str()), (printing, "what"));
    s.choose(1, secs(5)).unwrap();
    s.choose(3, secs(6)).unwrap();
    s.choose(2, secs(200)).unwrap();
    let code = code_for_session(&s, false, secs(200)).unwrap();
    let text = render(&decode(&code, &[set]).unwrap());
    let expected = format!(
        "Code {}: Print
  Main Library · English · 2-5 min · the flow sent them to staff

URGENT: something is broken or the patron is losing money or time now (they answered “It says my account is locked”).

Needed today: No, it can wait

What they already did:
   1. What do you want to print?
      → An attachment in my email
   2. went on to “Email”
   3. Can you sign in now?
      → It says my account is locked
   4. Do you need your email today?
      → No, it can wait

Where it ended: Staff can help you recover it.
Staff note: Account recovery. Never sign in for the patron.
Policy (STRICT, never bends): Staff never type a patron's password.
",
        group(&code)
    );
    assert_eq!(text, expected);
}
