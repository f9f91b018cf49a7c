//! Read aloud in the kiosk, headless: controls found by their accessible
//! names, keys pressed as a number pad sends them, a recording fake voice,
//! and a mock clock, so idle tests take no time.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use crate::common::kiosk::{MockClock, click, frames, harness, key, printing};
use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use kiosk_triage::kiosk::{Kiosk, Setup};
use kiosk_triage::session::Outcome;
use kiosk_triage::speech::{Heard, Recorder};

/// A kiosk speaking through a recorder with voices for `voices`, windowed
/// (so staff mode opens without a PIN), and its clock.
fn kiosk(voices: &[&str]) -> (Harness<'static, Kiosk>, Recorder, MockClock) {
    let clock = MockClock::default();
    let voice = Recorder::new(voices);
    let kiosk =
        Kiosk::new(Setup::plain(printing(), "main", clock.clock())).with_voice(Box::new(voice.clone()));
    (harness(kiosk, 800.0), voice, clock)
}

fn say(lines: &[&str]) -> Heard {
    Heard::Say("en".into(), lines.iter().map(|l| l.to_string()).collect())
}

const BACK: &str = "To go back, press minus.";
const STAFF: &str = "To get help from staff, press 0.";
const AGAIN: &str = "To hear this again, press plus.";

#[test]
fn read_aloud_reads_each_screen_of_a_walk_in_order_and_stops_at_each_action() {
    let (mut h, voice, _) = kiosk(&["en-US", "es"]);
    frames(&mut h);
    assert!(voice.heard().is_empty(), "nothing is said until the patron asks");
    click(&mut h, "Read aloud");
    key(&mut h, Key::Num1); // the first tile, from the keypad
    assert!(h.query_by_label("Read aloud").is_some(), "the switch is on every screen");
    click(&mut h, "1. A library computer");
    assert!(h.query_by_label("Read aloud").is_some());
    key(&mut h, Key::Enter); // Next
    key(&mut h, Key::Num1); // Yes
    assert_eq!(h.state().session().unwrap().outcome(), Some(&Outcome::Solved));
    assert!(h.query_by_label("Read aloud").is_some());
    assert_eq!(
        voice.heard(),
        vec![
            say(&["Hello! What do you need help with?", "Press 1 for: Print something.", STAFF, AGAIN]),
            Heard::Stop,
            say(&[
                "Print something, step 1",
                "Where are you printing from?",
                "Press 1 for: A library computer.",
                "Press 2 for: The printer has a problem.",
                BACK,
                STAFF,
                AGAIN,
            ]),
            Heard::Stop,
            say(&[
                "Print something, step 2",
                "Press Ctrl and P. Choose P-1.",
                "When you are done, press Enter.",
                BACK,
                STAFF,
                AGAIN,
            ]),
            Heard::Stop,
            say(&[
                "Print something, step 3",
                "Do you see your job?",
                "Press 1 for: Yes.",
                "Press 2 for: No.",
                BACK,
                STAFF,
                AGAIN,
            ]),
            Heard::Stop,
            say(&[
                "You're all set!",
                "Take your pages.",
                "Thank you for using the help kiosk.",
                "Back to the start in 20 seconds.",
                "To finish, press Enter.",
                BACK,
                AGAIN,
            ]),
        ]
    );
}

#[test]
fn an_action_mid_utterance_stops_it_and_plus_reads_the_screen_again() {
    let (mut h, voice, _) = kiosk(&["en", "es"]);
    frames(&mut h);
    key(&mut h, Key::Plus); // plus turns Read aloud on and reads
    assert!(h.state().reading_aloud());
    assert_eq!(voice.said().len(), 1);
    voice.clear();
    // Still speaking: a tap that changes nothing on the screen stops it,
    // and nothing new is read.
    click(&mut h, "Larger text");
    assert_eq!(voice.heard(), vec![Heard::Stop]);
    // Finished speaking: nothing to stop.
    voice.clear();
    click(&mut h, "Larger text");
    assert!(voice.heard().is_empty(), "{:?}", voice.heard());
    // Plus again: the same screen, read again.
    key(&mut h, Key::Plus);
    assert_eq!(voice.said().len(), 1);
    assert_eq!(voice.said()[0].1[0], "Hello! What do you need help with?");
    // Slash turns it off: what was being said stops, and no screen is read.
    voice.clear();
    key(&mut h, Key::Slash);
    assert!(!h.state().reading_aloud());
    key(&mut h, Key::Num1);
    assert_eq!(voice.heard(), vec![Heard::Stop], "off means silent");
}

#[test]
fn the_keypad_goes_back_and_asks_for_staff() {
    let (mut h, voice, _) = kiosk(&["en"]);
    frames(&mut h);
    click(&mut h, "Read aloud");
    key(&mut h, Key::Num1);
    key(&mut h, Key::Num1);
    assert_eq!(h.state().session().unwrap().trail().len(), 2);
    key(&mut h, Key::Minus);
    assert_eq!(h.state().session().unwrap().trail().len(), 1, "minus goes back");
    key(&mut h, Key::Num0);
    assert_eq!(h.state().session().unwrap().outcome(), Some(&Outcome::AskedStaff), "0 asks for staff");
    let last = voice.said().pop().unwrap().1;
    assert_eq!(
        last[..3],
        [
            "A staff member can help you with this".to_string(),
            "You asked for a person. That is always fine.".into(),
            "Please go to the front desk.".into()
        ]
    );
    assert!(last.iter().any(|l| l.starts_with("Show this code at the desk: ")), "{last:?}");
    key(&mut h, Key::Enter); // Done
    assert!(h.state().session().is_none(), "Enter finishes an ending");
}

#[test]
fn the_idle_wipe_turns_read_aloud_off() {
    let (mut h, voice, clock) = kiosk(&["en", "es"]);
    frames(&mut h);
    click(&mut h, "Read aloud");
    click(&mut h, "Print something");
    clock.advance(91);
    frames(&mut h);
    let idle = voice.said().pop().unwrap().1;
    assert_eq!(idle[0], "Are you still there?", "the warning is read too: {idle:?}");
    assert_eq!(idle.last().unwrap(), "To stay, press any key.");
    voice.clear();
    clock.advance(30);
    frames(&mut h);
    assert!(h.state().session().is_none(), "wiped");
    assert!(!h.state().reading_aloud(), "the wipe turns Read aloud off");
    assert_eq!(voice.heard(), vec![Heard::Stop], "what was said stops, and home is not read");
    frames(&mut h);
    assert_eq!(voice.heard(), vec![Heard::Stop]);
}

#[test]
fn with_no_voice_for_the_language_the_patron_is_told_and_staff_see_why() {
    let (mut h, voice, _) = kiosk(&["en-GB"]);
    frames(&mut h);
    click(&mut h, "Español");
    click(&mut h, "Leer en voz alta");
    assert!(
        h.query_by_label("Este quiosco no puede leer en voz alta en este idioma.").is_some(),
        "shown in the patron's language"
    );
    assert_eq!(
        voice.said(),
        vec![("en".to_string(), vec!["This kiosk cannot read aloud in this language.".to_string()])],
        "said in the first language that has a voice"
    );
    // The screen still works, and the patron is told only once.
    click(&mut h, "Imprimir algo");
    assert!(h.query_by_label("¿Desde dónde imprime?").is_some());
    assert_eq!(voice.said().len(), 1, "{:?}", voice.said());
    // In a language with a voice, screens are read again.
    click(&mut h, "English");
    assert_eq!(voice.said().last().unwrap().1[0], "Print something, step 1");
    h.key_press_modifiers(Modifiers::CTRL | Modifiers::ALT, Key::S);
    frames(&mut h);
    assert!(h.state().in_staff_mode());
    assert!(h.query_by_label_contains("No voice for es").is_some());
}
