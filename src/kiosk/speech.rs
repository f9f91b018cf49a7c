//! Read aloud in the kiosk: the top bar switch, and reading each new screen.
//!
//! What to say comes from the core ([`crate::speech::say`]); this file only
//! decides when. Once the patron turns Read aloud on, every new screen is
//! read (after whatever was being said stops), any action stops the speech,
//! `+` reads the screen again, and a wipe turns it off with everything else
//! of the patron's. The voice never blocks a frame (see [`Voice`]).

use super::app::{Kiosk, View};
use crate::flow::words::Word;
use crate::idle::Phase;
use crate::session::{Outcome, Visit};
use crate::speech::say::{Shown, say};
use crate::speech::{Voice, Voices};
use eframe::egui::{self, Ui};

/// The kiosk's voice and what it last read.
pub(super) struct ReadAloud {
    voice: Box<dyn Voice>,
    /// The screen last read; a different one is read when it shows.
    last: Option<Place>,
    /// The language the patron was last told has no voice (told once, not
    /// on every screen).
    told: Option<String>,
}

/// Which screen shows, as far as reading it again would say the same.
#[derive(Clone, Debug, PartialEq)]
enum Place {
    Home(String),
    Flow { lang: String, trail: Vec<Visit>, outcome: Option<Outcome>, offer: bool },
    Idle(String),
    Languages(String),
    Staff,
}

impl ReadAloud {
    /// Read aloud with `voice`.
    pub(super) fn new(voice: Box<dyn Voice>) -> Self {
        ReadAloud { voice, last: None, told: None }
    }

    /// Stops what is being said (any action does this).
    pub(super) fn interrupt(&mut self) {
        if self.voice.is_speaking() {
            self.voice.stop();
        }
    }

    /// Which languages can be spoken.
    pub(super) fn voices(&self) -> Voices {
        self.voice.voices()
    }
}

/// Read aloud on or off (`repeat`: on, and read the screen again).
pub(super) fn toggle(k: &mut Kiosk, repeat: bool) {
    k.patron.read_aloud = repeat || !k.patron.read_aloud;
    k.speech.last = None;
    k.speech.told = None;
}

/// The screen now, and whether it is the kiosk's offer of help.
fn place(k: &Kiosk) -> Place {
    let lang = k.patron.lang.clone();
    if matches!(k.idle_phase(), Phase::Warning { .. }) {
        return Place::Idle(lang);
    }
    match &k.patron.view {
        View::Home | View::Flow(_) if k.patron.choosing_language => Place::Languages(lang),
        View::Home => Place::Home(lang),
        View::Staff => Place::Staff,
        View::Flow(s) => {
            Place::Flow { lang, trail: s.trail().to_vec(), outcome: s.outcome().cloned(), offer: offer(k, s) }
        }
    }
}

fn offer(k: &Kiosk, s: &crate::session::Session) -> bool {
    s.outcome().is_none()
        && !k.patron.offer_dismissed
        && s.should_offer_help(k.now, k.config.offer_help_after())
}

/// What the screen now says, in the patron's language.
fn lines(k: &Kiosk) -> Vec<String> {
    let (set, branch, lang) = (&k.set, k.branch(), k.patron.lang.as_str());
    if let Phase::Warning { wipe_in } = k.idle_phase() {
        let seconds = wipe_in.as_secs() + u64::from(wipe_in.subsec_nanos() > 0);
        return say(set, branch, lang, &Shown::Idle { seconds });
    }
    match &k.patron.view {
        View::Home | View::Flow(_) if k.patron.choosing_language => {
            say(set, branch, lang, &Shown::Languages { languages: &k.languages })
        }
        View::Home if k.unavailable => say(set, branch, lang, &Shown::Unavailable),
        View::Home => say(set, branch, lang, &Shown::Home),
        View::Staff => Vec::new(),
        View::Flow(s) => {
            let screen = s.screen();
            let code = k.handoff_code();
            let going_home = k.config.solved_return().as_secs();
            let shown =
                Shown::Session { screen: &screen, offer: offer(k, s), code: code.as_deref(), going_home };
            say(set, branch, lang, &shown)
        }
    }
}

/// After the frame's actions: reads the screen if it is new, stops if Read
/// aloud went off. When no voice speaks the patron's language, the `no_voice`
/// word is said once in the first language that has one (and shown on
/// screen), and the kiosk stays silent after that.
pub(super) fn after_frame(k: &mut Kiosk) {
    if !k.patron.read_aloud {
        if k.speech.last.take().is_some() {
            k.speech.interrupt();
        }
        k.speech.told = None;
        return;
    }
    let now = place(k);
    if k.speech.last.as_ref() == Some(&now) {
        return;
    }
    k.speech.interrupt();
    let voices = k.speech.voices();
    let lang = k.patron.lang.clone();
    if voices.speaks(&lang) {
        let lines = lines(k);
        if !lines.is_empty() {
            k.speech.voice.speak(&lang, &lines);
        }
    } else if k.speech.told.as_ref() != Some(&lang) {
        if let Some(other) = k.languages.iter().find(|l| voices.speaks(l)).cloned() {
            let line = k.set.word(Word::NoVoice, &other, k.branch()).plain();
            k.speech.voice.speak(&other, &[line]);
        }
        k.speech.told = Some(lang);
    }
    k.speech.last = Some(now);
}

/// Under the top bar, while Read aloud is on but no voice speaks the
/// patron's language: says so, in their language.
pub(super) fn no_voice_notice(k: &Kiosk, ui: &mut Ui) {
    if !k.patron.read_aloud || k.in_staff_mode() || k.speech.voices().speaks(&k.patron.lang) {
        return;
    }
    let p = k.palette();
    egui::Panel::top("no_voice")
        .frame(egui::Frame::NONE.fill(p.card).inner_margin(egui::Margin::symmetric(28, 8)))
        .show(ui, |ui| {
            super::widgets::text(ui, &k.word(Word::NoVoice), p.text, k.sizes().small);
        });
}

/// For staff mode: which languages Read aloud can speak, and why not.
pub(super) fn staff_line(k: &Kiosk) -> String {
    match k.speech.voices() {
        Voices::Starting => "Read aloud: the speech service is starting.".into(),
        Voices::None(why) => format!("Read aloud: no speech ({why})."),
        voices @ Voices::Languages(_) => {
            let (spoken, missing): (Vec<&str>, Vec<&str>) =
                k.languages.iter().map(String::as_str).partition(|l| voices.speaks(l));
            let mut line = if spoken.is_empty() {
                "Read aloud: no voice for any of this kiosk's languages.".to_string()
            } else {
                format!("Read aloud: voices for {}.", spoken.join(", "))
            };
            if !missing.is_empty() {
                line.push_str(&format!(
                    " No voice for {}: patrons hear that read aloud is not available in their language. \
                     See docs/speech.md for voices to install.",
                    missing.join(", ")
                ));
            }
            line
        }
    }
}
