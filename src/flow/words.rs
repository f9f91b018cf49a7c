//! The kiosk's own words (Back, Start over, the idle prompt, ...), per language.
//!
//! They live in `flows/words/<lang>.ron` beside the flows so that IT can
//! translate the whole kiosk in one place, and `check` checks them like flow
//! text: unknown keys are errors, missing keys are missing translations.

use std::collections::BTreeMap;

/// Every key the kiosk uses, with what it is for (shown in hints and docs).
pub const KEYS: &[(&str, &str)] = &[
    ("language_name", "the language named in itself, on its button: English, Español"),
    ("kiosk_title", "the top bar after the branch name: Help kiosk"),
    ("greeting", "the home screen question"),
    ("something_else", "the home tile that leads to staff"),
    ("something_else_sub", "its second line"),
    ("back", "the Back button"),
    ("start_over", "the Start over button"),
    ("staff_help", "the Get help from staff button"),
    ("next", "the button on a step: Next / Done"),
    ("step_of", "where you are: {flow} · step {n}"),
    ("text_smaller", "the button that makes text smaller"),
    ("text_larger", "the button that makes text larger"),
    ("contrast", "the high-contrast switch"),
    ("solved_title", "headline of a solved ending"),
    ("solved_thanks", "thank-you line under a solved ending"),
    ("handoff_title", "headline of a handoff ending"),
    ("handoff_where", "where to go for staff help"),
    ("asked_staff_reason", "the reason shown when the patron asked for staff"),
    ("done", "the button that ends a session and goes home"),
    ("offer_help", "the line offering staff help after a long time in one flow"),
    ("offer_help_dismiss", "the button that keeps going without staff"),
    ("going_home", "under a solved ending: back to the start in {seconds} seconds"),
    ("show_code", "on a handoff: show this code at the desk"),
    ("code_private", "on a handoff: the code holds no personal information"),
    ("text_size", "the name of the text size buttons, for screen readers"),
    ("languages", "the name of the language buttons, for screen readers"),
    ("picture", "how a screen reader names a step's picture"),
    ("idle_title", "the idle prompt's question (Are you still there?)"),
    ("idle_body", "why the kiosk will clear the screen (privacy)"),
    ("idle_seconds", "the countdown: {seconds} seconds"),
    ("still_here", "the big button on the idle screen"),
];

/// The parameters a key fills at run time, besides branch variables.
pub fn runtime_params(key: &str) -> &'static [&'static str] {
    match key {
        "step_of" => &["flow", "n"],
        "idle_seconds" | "going_home" => &["seconds"],
        _ => &[],
    }
}

/// The words for every language, checked.
#[derive(Clone, Debug, Default)]
pub struct Words(pub BTreeMap<String, BTreeMap<String, String>>);

impl Words {
    /// The word for `key` in `lang`, else the fallback language, else the key
    /// itself (so a gap shows as a name, never as a blank button).
    pub fn get<'a>(&'a self, key: &'a str, lang: &str, fallback: &str) -> &'a str {
        self.0
            .get(lang)
            .and_then(|w| w.get(key))
            .or_else(|| self.0.get(fallback).and_then(|w| w.get(key)))
            .map_or(key, String::as_str)
    }
}
