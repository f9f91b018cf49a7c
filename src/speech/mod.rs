//! Read aloud: speech output for patrons who cannot read the screen.
//!
//! A kiosk is closed equipment: a blind patron cannot bring a screen reader to
//! it, so the kiosk speaks for itself. [`say`] turns what is on screen into
//! the words to speak (core, testable without audio); a [`Voice`] speaks
//! them. The real voice (the `tts` crate, behind the `speech` cargo feature)
//! is in [`system`]; tests use [`Recorder`], and a kiosk built without the
//! feature has [`Silent`]. No voice call may block the screen: the real one
//! runs on a worker thread and every method here returns at once.

pub mod say;
#[cfg(feature = "speech")]
pub mod system;

use std::sync::{Arc, Mutex};

/// Which languages can be spoken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Voices {
    /// Still asking the speech service (the first second or so).
    Starting,
    /// The language tags of the installed voices (`en-US`, `es`, ...).
    Languages(Vec<String>),
    /// No speech at all, and why, for staff.
    None(String),
}

impl Voices {
    /// Whether a voice speaks `lang` (`es` matches `es`, `es-ES`, `es-419`).
    /// While starting, every language is assumed to have one.
    pub fn speaks(&self, lang: &str) -> bool {
        match self {
            Voices::Starting => true,
            Voices::Languages(tags) => tags.iter().any(|t| same_language(t, lang)),
            Voices::None(_) => false,
        }
    }
}

/// Whether a voice's language tag is the patron's language: the part before
/// any `-` or `_`, ignoring case.
pub fn same_language(tag: &str, lang: &str) -> bool {
    let primary = |s: &str| s.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    !lang.is_empty() && primary(tag) == primary(lang)
}

/// Something that speaks. Every method returns at once.
pub trait Voice: Send {
    /// Speaks `lines` in order in language `lang`, after any speech already
    /// queued (call [`Voice::stop`] first to interrupt).
    fn speak(&mut self, lang: &str, lines: &[String]);
    /// Stops speaking and drops anything queued.
    fn stop(&mut self);
    /// Whether it is speaking now (as far as it knows).
    fn is_speaking(&self) -> bool;
    /// Which languages it can speak.
    fn voices(&self) -> Voices;
}

/// No speech: a kiosk built without the `speech` feature, or whose speech
/// service could not start.
#[derive(Clone, Debug)]
pub struct Silent(pub String);

impl Voice for Silent {
    fn speak(&mut self, _lang: &str, _lines: &[String]) {}
    fn stop(&mut self) {}
    fn is_speaking(&self) -> bool {
        false
    }
    fn voices(&self) -> Voices {
        Voices::None(self.0.clone())
    }
}

/// The voice a kiosk gets: the system's with the `speech` feature, else
/// [`Silent`] saying why.
pub fn system_voice() -> Box<dyn Voice> {
    #[cfg(feature = "speech")]
    let voice: Box<dyn Voice> = Box::new(system::SystemVoice::start());
    #[cfg(not(feature = "speech"))]
    let voice: Box<dyn Voice> =
        Box::new(Silent("this kiosk was built without speech (the `speech` cargo feature)".into()));
    voice
}

/// What a [`Recorder`] was asked to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Heard {
    /// `speak` with these lines in this language.
    Say(String, Vec<String>),
    /// `stop`.
    Stop,
}

/// A fake voice for tests: records every call; "speaks" until told to stop
/// or until the test calls [`Recorder::finish`].
#[derive(Clone, Debug)]
pub struct Recorder {
    log: Arc<Mutex<Vec<Heard>>>,
    speaking: Arc<Mutex<bool>>,
    voices: Voices,
}

impl Recorder {
    /// A recorder with voices for `langs`.
    pub fn new(langs: &[&str]) -> Self {
        Recorder {
            log: Arc::default(),
            speaking: Arc::default(),
            voices: Voices::Languages(langs.iter().map(|l| l.to_string()).collect()),
        }
    }

    /// Everything asked so far (clones share one log).
    pub fn heard(&self) -> Vec<Heard> {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// Only the lines spoken, each with its language, in order.
    pub fn said(&self) -> Vec<(String, Vec<String>)> {
        self.heard()
            .into_iter()
            .filter_map(|h| match h {
                Heard::Say(lang, lines) => Some((lang, lines)),
                Heard::Stop => None,
            })
            .collect()
    }

    /// Forgets what was heard.
    pub fn clear(&self) {
        if let Ok(mut l) = self.log.lock() {
            l.clear();
        }
    }

    /// The speech in progress comes to its end.
    pub fn finish(&self) {
        if let Ok(mut s) = self.speaking.lock() {
            *s = false;
        }
    }

    fn record(&self, heard: Heard) {
        if let Ok(mut l) = self.log.lock() {
            l.push(heard);
        }
    }
}

impl Voice for Recorder {
    fn speak(&mut self, lang: &str, lines: &[String]) {
        self.record(Heard::Say(lang.to_string(), lines.to_vec()));
        if let Ok(mut s) = self.speaking.lock() {
            *s = !lines.is_empty();
        }
    }

    fn stop(&mut self) {
        self.record(Heard::Stop);
        self.finish();
    }

    fn is_speaking(&self) -> bool {
        self.speaking.lock().map(|s| *s).unwrap_or(false)
    }

    fn voices(&self) -> Voices {
        self.voices.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_matches_its_regional_voices() {
        assert!(same_language("es-419", "es"));
        assert!(same_language("en_US", "en"));
        assert!(same_language("EN", "en"));
        assert!(!same_language("en-US", "es"));
        assert!(!same_language("fil", "fi"));
        assert!(!same_language("en", ""));
        let v = Voices::Languages(vec!["en-US".into(), "es".into()]);
        assert!(v.speaks("es") && !v.speaks("tl"));
        assert!(!Voices::None("none".into()).speaks("en"));
    }
}
