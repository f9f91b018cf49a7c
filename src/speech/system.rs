//! The system's voices through the `tts` crate (speech-dispatcher on Linux,
//! WinRT on Windows), on a worker thread of their own.
//!
//! Opening the speech service, listing its voices and every call after can
//! wait on a socket or a COM call; none of that may hold up the kiosk's
//! screen. So [`SystemVoice`] only sends commands to its thread and reads
//! what that thread last found out; every method returns at once.

use super::{Voice, Voices, same_language};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How often the worker looks whether speech is still going.
const POLL: Duration = Duration::from_millis(100);

enum Command {
    Speak(String, Vec<String>),
    Stop,
}

/// What the worker thread tells the kiosk.
struct Shared {
    voices: Mutex<Voices>,
    speaking: AtomicBool,
}

/// The system's voices, spoken by a worker thread.
pub struct SystemVoice {
    tx: Sender<Command>,
    shared: Arc<Shared>,
}

impl SystemVoice {
    /// Starts the worker thread, which opens the speech service. Until it has
    /// (a moment), [`Voice::voices`] says [`Voices::Starting`].
    pub fn start() -> Self {
        let (tx, rx) = mpsc::channel();
        let shared =
            Arc::new(Shared { voices: Mutex::new(Voices::Starting), speaking: AtomicBool::new(false) });
        let theirs = shared.clone();
        let spawned = std::thread::Builder::new().name("speech".into()).spawn(move || worker(&rx, &theirs));
        if let Err(e) = spawned {
            set_voices(&shared, Voices::None(format!("the speech thread could not start: {e}")));
        }
        SystemVoice { tx, shared }
    }
}

fn set_voices(shared: &Shared, voices: Voices) {
    if let Ok(mut v) = shared.voices.lock() {
        *v = voices;
    }
}

/// Opens the speech service, lists its voices, then speaks what it is sent
/// until the kiosk goes.
fn worker(rx: &Receiver<Command>, shared: &Shared) {
    let mut tts = match tts::Tts::default() {
        Ok(t) => t,
        Err(e) => {
            set_voices(shared, Voices::None(format!("the speech service did not start: {e}")));
            // Commands are dropped until the kiosk goes.
            while rx.recv().is_ok() {}
            return;
        }
    };
    let voices: Vec<(tts::Voice, String)> = match tts.voices() {
        Ok(v) => v.into_iter().map(|v| (v.clone(), v.language().to_string())).collect(),
        Err(e) => {
            set_voices(shared, Voices::None(format!("the speech service lists no voices: {e}")));
            Vec::new()
        }
    };
    if !voices.is_empty() {
        set_voices(shared, Voices::Languages(voices.iter().map(|(_, tag)| tag.clone()).collect()));
    }
    let mut current: Option<String> = None;
    loop {
        match rx.recv_timeout(POLL) {
            Ok(Command::Speak(lang, lines)) => {
                let wanted = voices.iter().find(|(_, tag)| same_language(tag, &lang));
                if let Some((voice, _)) = wanted
                    && current.as_deref() != Some(voice.name().as_str())
                    && tts.set_voice(voice).is_ok()
                {
                    current = Some(voice.name());
                }
                for line in &lines {
                    if let Err(e) = tts.speak(line.as_str(), false) {
                        eprintln!("kiosk-triage: read aloud: {e}");
                        break;
                    }
                }
            }
            Ok(Command::Stop) => {
                let _ = tts.stop();
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                let _ = tts.stop();
                return;
            }
        }
        shared.speaking.store(tts.is_speaking().unwrap_or(false), Ordering::SeqCst);
    }
}

impl Voice for SystemVoice {
    fn speak(&mut self, lang: &str, lines: &[String]) {
        if !lines.is_empty() {
            self.shared.speaking.store(true, Ordering::SeqCst);
        }
        let _ = self.tx.send(Command::Speak(lang.to_string(), lines.to_vec()));
    }

    fn stop(&mut self) {
        self.shared.speaking.store(false, Ordering::SeqCst);
        let _ = self.tx.send(Command::Stop);
    }

    fn is_speaking(&self) -> bool {
        self.shared.speaking.load(Ordering::SeqCst)
    }

    fn voices(&self) -> Voices {
        self.shared.voices.lock().map(|v| v.clone()).unwrap_or(Voices::Starting)
    }
}
