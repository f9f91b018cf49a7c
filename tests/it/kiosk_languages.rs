//! Choosing a language with more languages than the top bar has room for:
//! the default flows in their five languages (and a two-language copy of
//! them), driven by accessible names and keys the way a screen reader user or
//! a keyboard user would, with a mock clock.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use crate::common;
use common::kiosk::{MockClock, click, frames, harness, key, shows};
use eframe::egui::{Key, accesskit::Role, accesskit::Toggled};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use kiosk_triage::config::KioskConfig;
use kiosk_triage::flow::FlowSet;
use kiosk_triage::kiosk::{Kiosk, Setup};
use kiosk_triage::session::{Outcome, Visit};
use kiosk_triage::speech::Recorder;
use std::sync::Arc;
use std::time::Duration;

/// Every language's button, by its own name, in the order shown.
const NAMES: [&str; 5] = ["English", "Español", "中文", "Tiếng Việt", "Русский"];

fn kiosk_on(set: Arc<FlowSet>) -> (Harness<'static, Kiosk>, MockClock) {
    let clock = MockClock::at(1000);
    let branch = set.branches[0].id.clone();
    let mut h = harness(Kiosk::new(Setup::plain(set, &branch, clock.clock())), 800.0);
    frames(&mut h);
    (h, clock)
}

fn kiosk() -> (Harness<'static, Kiosk>, MockClock) {
    kiosk_on(common::five_languages())
}

/// Starts printing and takes its first answer: a step two screens in.
fn into_a_flow(h: &mut Harness<'_, Kiosk>) -> Vec<Visit> {
    click(h, "Print something");
    click(h, "1. Print from a library computer");
    assert!(h.query_by_label_contains("Open what you want to print").is_some());
    let trail = h.state().session().unwrap().trail().to_vec();
    assert_eq!(trail.len(), 2);
    trail
}

/// Presses Tab until the control named `label` has the focus.
fn tab_to(h: &mut Harness<'_, Kiosk>, label: &str) {
    for _ in 0..40 {
        if h.query_by_label(label).is_some_and(|n| n.is_focused()) {
            return;
        }
        key(h, Key::Tab);
    }
    panic!("Tab never reached `{label}`");
}

#[test]
fn with_two_languages_the_top_bar_keeps_a_button_for_each() {
    let (mut h, _) = kiosk_on(common::two_languages());
    assert!(shows(&h, "English") && shows(&h, "Español"));
    assert!(!shows(&h, "Language: English"));
    click(&mut h, "Español");
    assert_eq!(h.state().language(), "es");
}

#[test]
fn the_language_button_names_the_language_in_its_own_words_and_opens_the_screen() {
    let (mut h, _) = kiosk();
    // One button for five languages, not five.
    for name in NAMES {
        assert!(!shows(&h, name), "`{name}` is on the top bar");
    }
    let button = h.get_by_label("Language: English");
    assert_eq!(button.accesskit_node().role(), Role::Button);
    button.click();
    frames(&mut h);
    assert!(shows(&h, "Choose your language"));
    // Each language is a button named by its own name, numbered for its key,
    // and only the current one is pressed.
    for name in NAMES {
        let node = h.get_by_label(name);
        assert_eq!(node.accesskit_node().role(), Role::Button, "{name}");
        let pressed = if name == "English" { Toggled::True } else { Toggled::False };
        assert_eq!(node.accesskit_node().toggled(), Some(pressed), "{name}");
    }
    assert!(shows(&h, "◀ Back") && shows(&h, "Get help from staff"));
}

#[test]
fn choosing_a_language_by_click_returns_to_the_same_place_in_that_language() {
    let (mut h, _) = kiosk();
    let trail = into_a_flow(&mut h);
    click(&mut h, "Language: English");
    click(&mut h, "Español");
    assert_eq!(h.state().language(), "es");
    assert!(h.query_by_label_contains("Abra lo que quiere imprimir").is_some());
    assert_eq!(h.state().session().unwrap().trail(), trail.as_slice());
    assert!(shows(&h, "◀ Atrás"));
    // Spanish names the button in Spanish; the next language the same way.
    click(&mut h, "Idioma: Español");
    assert!(shows(&h, "Elija su idioma"));
    click(&mut h, "Tiếng Việt");
    assert_eq!(h.state().language(), "vi");
    assert!(shows(&h, "◀ Quay lại"), "the Back button is not in Vietnamese");
    assert!(shows(&h, "Ngôn ngữ: Tiếng Việt"));
    assert_eq!(h.state().session().unwrap().trail(), trail.as_slice());
    // The walk goes on from there.
    click(&mut h, "Tiếp");
    assert_eq!(h.state().session().unwrap().trail().len(), 3);
}

#[test]
fn the_language_screen_works_with_the_keyboard_alone() {
    let (mut h, _) = kiosk();
    // Tab to the language button, Enter opens the screen; a number chooses.
    tab_to(&mut h, "Language: English");
    key(&mut h, Key::Enter);
    assert!(shows(&h, "Choose your language"));
    key(&mut h, Key::Num3);
    assert_eq!(h.state().language(), "zh");
    assert!(shows(&h, "您好！您需要什么帮助？"), "home is not in Chinese");
    assert!(h.state().session().is_none(), "choosing from home stays home");
    // In a flow: Tab and the arrows move between the languages, Enter
    // chooses the one with the focus.
    key(&mut h, Key::Num2);
    let trail = h.state().session().unwrap().trail().to_vec();
    tab_to(&mut h, "语言: 中文");
    key(&mut h, Key::Enter);
    assert!(shows(&h, "请选择您的语言"));
    // Five languages are two columns, numbered down the first and then the
    // second: Tab goes in number order, the arrows move within a column.
    tab_to(&mut h, "Español");
    key(&mut h, Key::ArrowDown);
    assert!(h.get_by_label("中文").is_focused(), "ArrowDown did not move to the next language");
    tab_to(&mut h, "Tiếng Việt");
    key(&mut h, Key::ArrowDown);
    assert!(h.get_by_label("Русский").is_focused());
    key(&mut h, Key::ArrowUp);
    assert!(h.get_by_label("Tiếng Việt").is_focused());
    key(&mut h, Key::Enter);
    assert_eq!(h.state().language(), "vi");
    assert_eq!(h.state().session().unwrap().trail(), trail.as_slice());
    assert!(shows(&h, "◀ Quay lại"));
    // The keys of the question work again: the language screen's buttons
    // hold no focus after it closes.
    key(&mut h, Key::Num1);
    assert_eq!(h.state().session().unwrap().trail().len(), trail.len() + 1);
}

#[test]
fn going_back_without_choosing_keeps_the_language_and_the_place() {
    let (mut h, _) = kiosk();
    let trail = into_a_flow(&mut h);
    for way_back in [Key::Escape, Key::Backspace, Key::Minus] {
        click(&mut h, "Language: English");
        assert!(shows(&h, "Choose your language"));
        key(&mut h, way_back);
        assert!(!shows(&h, "Choose your language"), "{way_back:?} did not leave the language screen");
        assert_eq!(h.state().language(), "en");
        assert_eq!(h.state().session().unwrap().trail(), trail.as_slice(), "{way_back:?} moved the patron");
    }
    click(&mut h, "Language: English");
    click(&mut h, "◀ Back");
    assert!(!shows(&h, "Choose your language"));
    assert_eq!(h.state().language(), "en");
    assert_eq!(h.state().session().unwrap().trail(), trail.as_slice());
    assert!(h.query_by_label_contains("Open what you want to print").is_some());
}

#[test]
fn staff_help_from_the_language_screen_hands_off_the_session() {
    let (mut h, _) = kiosk();
    into_a_flow(&mut h);
    click(&mut h, "Language: English");
    click(&mut h, "Get help from staff");
    assert_eq!(h.state().session().unwrap().outcome(), Some(&Outcome::AskedStaff));
    assert!(!shows(&h, "Choose your language"));
    assert!(h.state().handoff_code().is_some());
}

#[test]
fn a_patron_who_walks_away_from_the_language_screen_is_wiped() {
    let (mut h, clock) = kiosk();
    // Even on the home screen, in the first language: it is not how a new
    // patron finds the kiosk.
    click(&mut h, "Language: English");
    let config = KioskConfig::default();
    let gone = config.idle_warning() + config.idle_reset() + Duration::from_secs(1);
    clock.advance_by(gone);
    frames(&mut h);
    assert!(!shows(&h, "Choose your language"));
    assert!(shows(&h, "Hello! What do you need help with?"));
}

#[test]
fn read_aloud_reads_the_language_screen_when_it_opens_and_the_place_after() {
    let set = common::five_languages();
    let branch = set.branches[0].id.clone();
    let setup = Setup::plain(set, &branch, Arc::new(|| Duration::from_secs(1)));
    let voice = Recorder::new(&["en", "es"]);
    let kiosk = Kiosk::new(setup).with_voice(Box::new(voice.clone()));
    let mut h = harness(kiosk, 800.0);
    frames(&mut h);
    into_a_flow(&mut h);
    click(&mut h, "Read aloud");
    voice.clear();
    click(&mut h, "Language: English");
    let said = voice.said();
    let (lang, lines) = said.last().unwrap();
    assert_eq!(lang, "en");
    assert_eq!(lines[0], "Choose your language");
    assert!(lines.contains(&"Press 3 for: 中文.".to_string()), "{lines:?}");
    assert!(lines.contains(&"To go back, press minus.".to_string()), "{lines:?}");
    // Back on the step, in Spanish now: the step is read again, in Spanish.
    voice.clear();
    key(&mut h, Key::Num2);
    let said = voice.said();
    let (lang, lines) = said.last().unwrap();
    assert_eq!(lang, "es");
    assert!(lines.iter().any(|l| l.contains("Abra lo que quiere imprimir")), "{lines:?}");
}
