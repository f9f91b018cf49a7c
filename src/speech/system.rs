//! The system's voices through the `tts` crate (speech-dispatcher on Linux,
//! WinRT on Windows), on a worker thread of their own.
//!
//! Opening the speech service, listing its voices and every call after can
//! wait on a socket or a COM call; none of that may hold up the kiosk's
//! screen. So [`SystemVoice`] only sends commands to its thread and reads
//! what that thread last found out; every method returns at once.

use super::{Voice, Voices, same_language};
use std::collections::HashSet;
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

/// The utterances queued and not yet ended or stopped, by id (written as
/// text: the id type is only hashable on some systems). The speech service
/// says when each ends; its plain "is speaking" flag drops between two
/// lines of one screen.
type Pending = Arc<Mutex<HashSet<String>>>;

/// Follows the end of each utterance, where the system says so; `None`
/// where it cannot (then its "is speaking" is used).
fn follow(tts: &tts::Tts) -> Option<Pending> {
    let pending: Pending = Arc::default();
    let done = |pending: &Pending| {
        let pending = pending.clone();
        Box::new(move |id: tts::UtteranceId| {
            if let Ok(mut p) = pending.lock() {
                p.remove(&format!("{id:?}"));
            }
        }) as Box<dyn FnMut(tts::UtteranceId)>
    };
    tts.on_utterance_end(Some(done(&pending))).ok()?;
    tts.on_utterance_stop(Some(done(&pending))).ok()?;
    Some(pending)
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
    let pending = follow(&tts);
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
                    match tts.speak(line.as_str(), false) {
                        Ok(id) => {
                            if let (Some(id), Some(Ok(mut p))) = (id, pending.as_ref().map(|p| p.lock())) {
                                p.insert(format!("{id:?}"));
                            }
                        }
                        Err(e) => {
                            eprintln!("kiosk-triage: read aloud: {e}");
                            break;
                        }
                    }
                }
            }
            Ok(Command::Stop) => {
                let _ = tts.stop();
                if let Some(Ok(mut p)) = pending.as_ref().map(|p| p.lock()) {
                    p.clear();
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                let _ = tts.stop();
                return;
            }
        }
        let speaking = match &pending {
            Some(p) => p.lock().map(|p| !p.is_empty()).unwrap_or(false),
            None => tts.is_speaking().unwrap_or(false),
        };
        shared.speaking.store(speaking, Ordering::SeqCst);
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
