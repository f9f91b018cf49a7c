//! The kiosk's side of the anonymous statistics: one row per patron session,
//! written by a background thread so a slow or full disk (a network share, a
//! Deep Freeze thawed drive) never stalls a patron's screen. A failed write
//! is logged and shown in staff mode; the kiosk carries on.

use crate::stats::{LocalTime, Recorder, SessionRecord, TodayFigures};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Where the local date and hour come from (the core never reads a clock).
pub type LocalClock = Arc<dyn Fn() -> Option<LocalTime> + Send + Sync>;

/// The computer's local date and hour.
pub fn local_clock() -> LocalClock {
    Arc::new(|| {
        use chrono::{Datelike, Timelike};
        let now = chrono::Local::now();
        let date = crate::stats::Date::new(
            u16::try_from(now.year()).ok()?,
            u8::try_from(now.month()).ok()?,
            u8::try_from(now.day()).ok()?,
        )?;
        Some(LocalTime { date, hour: u8::try_from(now.hour()).ok()? })
    })
}

enum Job {
    Row(Box<SessionRecord>),
    Flush(Sender<()>),
}

/// Rows on their way to the data folder.
pub struct StatsSink {
    recorder: Arc<Recorder>,
    local: LocalClock,
    jobs: Option<Sender<Job>>,
    /// The last write error, for staff mode (cleared by a good write).
    pub problem: Arc<Mutex<Option<String>>>,
}

impl StatsSink {
    /// A sink writing through `recorder`, dating rows with `local`.
    pub fn new(recorder: Recorder, local: LocalClock) -> Self {
        StatsSink { recorder: Arc::new(recorder), local, jobs: None, problem: Arc::new(Mutex::new(None)) }
    }

    /// The local date and hour now.
    pub fn now(&self) -> Option<LocalTime> {
        (self.local)()
    }

    /// The recorder (for the row's kiosk name and today's figures).
    pub fn recorder(&self) -> &Recorder {
        &self.recorder
    }

    /// The same recorder, shared (staff mode records desk outcomes with it).
    pub fn shared_recorder(&self) -> Arc<Recorder> {
        self.recorder.clone()
    }

    /// The local clock rows are dated by.
    pub fn local(&self) -> LocalClock {
        self.local.clone()
    }

    /// Queues a row; the writer thread is started on first use.
    pub fn send(&mut self, row: SessionRecord) {
        let job = Job::Row(Box::new(row));
        let job = match &self.jobs {
            Some(tx) => match tx.send(job) {
                Ok(()) => return,
                Err(e) => e.0,
            },
            None => job,
        };
        let (tx, rx) = channel();
        let recorder = self.recorder.clone();
        let problem = self.problem.clone();
        let started = std::thread::Builder::new()
            .name("stats-writer".into())
            .spawn(move || write_rows(&recorder, &rx, &problem));
        match started {
            Ok(_) => {
                let _ = tx.send(job);
                self.jobs = Some(tx);
            }
            Err(e) => self.note(format!("could not start the statistics writer: {e}")),
        }
    }

    /// Waits (up to `timeout`) until every queued row is written: for tests
    /// and for a kiosk that is about to exit.
    pub fn flush(&self, timeout: Duration) -> bool {
        let Some(tx) = &self.jobs else { return true };
        let (done, wait) = channel();
        tx.send(Job::Flush(done)).is_ok() && wait.recv_timeout(timeout).is_ok()
    }

    /// Today's figures for staff mode.
    pub fn today(&self) -> Option<std::io::Result<TodayFigures>> {
        let at = self.now()?;
        Some(self.recorder.today(at.date))
    }

    /// The last problem writing rows, if the last write failed.
    pub fn last_problem(&self) -> Option<String> {
        self.problem.lock().ok().and_then(|p| p.clone())
    }

    fn note(&self, problem: String) {
        log::warn!("statistics: {problem}");
        if let Ok(mut p) = self.problem.lock() {
            *p = Some(problem);
        }
    }
}

fn write_rows(recorder: &Recorder, rx: &Receiver<Job>, problem: &Mutex<Option<String>>) {
    for job in rx {
        match job {
            Job::Row(row) => {
                // Old daily files go once a day, in the same call.
                let result = recorder.record(&row);
                let mut p = problem.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                match result {
                    Ok(()) => *p = None,
                    Err(e) => {
                        let text = format!("could not write to `{}`: {e}", recorder.dir().display());
                        log::warn!("statistics: {text}");
                        *p = Some(text);
                    }
                }
            }
            Job::Flush(done) => {
                let _ = done.send(());
            }
        }
    }
}
