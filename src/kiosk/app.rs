//! The kiosk application: idle handling, keys, the window, and turning clicks
//! and keys into calls on the core. The patron's part is a [`Patron`] and the
//! PIN pad a [`PinGate`], each with one job.
//!
//! Screens only draw and return [`Action`]s; this file applies them to the
//! [`Session`], so flow state changes in one place. Time comes from a
//! [`Clock`] that tests replace, so idle tests never sleep.

use super::patron::Patron;
use super::pictures::Pictures;
pub use super::pin::{NO_PIN, PinPad};
use super::pin::{Opened, PinGate};
use super::theme::{self, HIGH_CONTRAST, LIGHT, Palette, SCALES, Sizes};
use super::{ending, home, overlays, speech, staff, step};
use crate::config::{KioskConfig, StaffGate};
use crate::flow::load::Assets;
use crate::flow::model::{Branch, FlowSet};
use crate::flow::text::Rich;
use crate::flow::words::Word;
use crate::handoff::archive::Archive;
use crate::idle::{IdleRule, Phase};
use crate::session::{Outcome, Session};
use eframe::egui::{self, ViewportCommand};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

/// Where time comes from: the time since some fixed point.
pub type Clock = Arc<dyn Fn() -> Duration + Send + Sync>;

/// The real clock: time since the kiosk started.
pub fn system_clock() -> Clock {
    let start = Instant::now();
    Arc::new(move || start.elapsed())
}

/// Loads the flows again, on a worker thread (hot reload, staff "Reload
/// flows"): `Ok(None)` when nothing changed since the last load (unless
/// forced), the new set when it checked clean, or the problems (as lines to
/// show) when it has errors.
pub type Reloader = Arc<dyn Fn(bool) -> Result<Option<Fresh>, Vec<String>> + Send + Sync>;

/// Flows that loaded and checked clean, waiting for the home screen.
pub struct Fresh {
    /// The set.
    pub set: Arc<FlowSet>,
    /// Its pictures.
    pub assets: Assets,
    /// What staff should know about the load (an archive that failed).
    pub notices: Vec<String>,
}

/// Everything a kiosk starts with.
pub struct Setup {
    /// The checked flows.
    pub set: Arc<FlowSet>,
    /// Where their pictures are.
    pub assets: Assets,
    /// The kiosk's settings.
    pub config: KioskConfig,
    /// Who may open staff mode.
    pub gate: StaffGate,
    /// The library's flows could not be used and no good version was kept:
    /// home shows no guides, only the way to staff.
    pub unavailable: bool,
    /// The branch id (one of `set.branches`).
    pub branch: String,
    /// Languages offered, first = default (each one of `set.languages`).
    pub languages: Vec<String>,
    /// A normal window that may be closed, for trying the kiosk on a desktop.
    pub windowed: bool,
    /// Things staff should know (flows that did not load, a bad config).
    pub notices: Vec<String>,
    /// How to reload the flows, if they came from a folder.
    pub reload: Option<Reloader>,
    /// Where flow versions are archived, so old codes still decode.
    pub archive: Option<Archive>,
    /// The flows folder to watch for edits (hot reload).
    pub watch: Option<std::path::PathBuf>,
    /// The clock.
    pub clock: Clock,
    /// Where the anonymous statistics go (none: not recorded).
    pub stats: Option<super::stats::StatsSink>,
    /// Which files this kiosk uses, for staff mode
    /// ([`crate::locations::Locations::describe`]; empty: not shown).
    pub files: String,
}

/// What the patron (or staff) did, collected while drawing and applied after.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A home tile: start this flow.
    StartFlow(String),
    /// Staff help from the home screen ("Something else?").
    StaffFromHome,
    /// A choice, 1-based as on screen.
    Choose(usize),
    /// Next on a step.
    Next,
    /// Back one screen.
    Back,
    /// Start over / Done: home.
    Home,
    /// Get help from staff.
    AskStaff,
    /// "No thanks" to the offer of staff help.
    DismissOffer,
    /// "Get help from staff" on the kiosk's own offer of help.
    AcceptOffer,
    /// Switch language.
    Language(String),
    /// Smaller (-1) or larger (+1) text.
    TextSize(i32),
    /// High contrast on or off.
    Contrast,
    /// "I'm still here".
    StillHere,
    /// The staff key chord: open the PIN pad (or staff mode, with no PIN set).
    OpenStaff,
    /// A digit on the PIN pad.
    PinDigit(char),
    /// Clear the PIN pad.
    PinClear,
    /// Submit the PIN.
    PinSubmit,
    /// Close the PIN pad.
    PinCancel,
    /// Staff: reload flows.
    Reload,
    /// Staff: leave staff mode.
    LeaveStaff,
    /// Staff: quit the kiosk program.
    Quit,
    /// Staff: decode the code typed in staff mode.
    Decode,
    /// Read aloud on or off.
    ReadAloud,
    /// Read the screen aloud again (turning Read aloud on if it was off).
    Repeat,
}

/// Which screen shows.
pub enum View {
    /// Home, no session.
    Home,
    /// A patron's session (steps, questions and endings).
    Flow(Box<Session>),
    /// Staff mode.
    Staff,
}

/// The kiosk.
pub struct Kiosk {
    pub(super) patron: Patron,
    pub(super) pin: PinGate,
    pub(super) set: Arc<FlowSet>,
    pub(super) assets: Assets,
    pub(super) config: KioskConfig,
    pub(super) gate: StaffGate,
    pub(super) unavailable: bool,
    pub(super) branch: String,
    pub(super) languages: Vec<String>,
    pub(super) wanted_branch: String,
    pub(super) wanted_languages: Vec<String>,
    pub(super) staff_code: String,
    pub(super) staff_summary: Option<Result<String, String>>,
    pub(super) last_input: Duration,
    pub(super) now: Duration,
    pub(super) notices: Vec<String>,
    /// Which files this kiosk uses, for staff mode.
    pub(super) files: String,
    pub(super) pictures: Pictures,
    windowed: bool,
    allow_close: bool,
    was_fullscreen: bool,
    last_restore: Duration,
    /// The size last drawn at, in pixels, to log each change.
    drawn: Option<egui::Vec2>,
    frames: u64,
    clock: Clock,
    pub(super) reload: Option<Reloader>,
    pub(super) archive: Option<Archive>,
    applied: Option<(usize, bool, u32)>,
    /// The base size for this screen (1.0 at 1280x800), see [`theme::base_for`].
    base: f32,
    pub(super) watch_dir: Option<std::path::PathBuf>,
    pub(super) watcher: Option<notify::RecommendedWatcher>,
    pub(super) rearm: bool,
    pub(super) changed: Arc<AtomicBool>,
    pub(super) changed_at: Option<Duration>,
    /// Stops the thread that polls the flows folder (set when the kiosk goes).
    pub(super) poller: Option<Arc<std::sync::atomic::AtomicBool>>,
    pub(super) loading: Option<std::sync::mpsc::Receiver<Result<Option<Fresh>, Vec<String>>>>,
    pub(super) load_again: Option<bool>,
    pub(super) pending: Option<Fresh>,
    pub(super) stats: Option<super::stats::StatsSink>,
    pub(super) staff_today: Option<String>,
    /// Staff mode: the code last decoded, and recording what came of it.
    pub(super) staff_decoded: Option<(String, Option<u8>)>,
    pub(super) staff_outcomes: Option<crate::desk::Outcomes>,
    /// Read aloud: the voice and what it last read.
    pub(super) speech: speech::ReadAloud,
}

/// How often a fullscreen kiosk that lost the screen tries to take it back.
const RESTORE_EVERY: Duration = Duration::from_millis(500);

/// How long the folder must be quiet before an edit is loaded (editors save
/// in several steps).
pub(super) const SETTLE: Duration = Duration::from_millis(400);

impl Kiosk {
    /// A kiosk at its home screen.
    pub fn new(setup: Setup) -> Self {
        let now = (setup.clock)();
        let lang =
            setup.languages.first().cloned().unwrap_or_else(|| setup.set.default_language().to_string());
        Kiosk {
            set: setup.set,
            assets: setup.assets,
            config: setup.config,
            gate: setup.gate,
            unavailable: setup.unavailable,
            wanted_branch: setup.branch.clone(),
            wanted_languages: setup.languages.clone(),
            branch: setup.branch,
            languages: setup.languages,
            patron: Patron::new(lang),
            pin: PinGate::default(),
            staff_code: String::new(),
            staff_summary: None,
            last_input: now,
            now,
            notices: setup.notices,
            files: setup.files,
            pictures: Pictures::default(),
            windowed: setup.windowed,
            allow_close: false,
            was_fullscreen: false,
            last_restore: Duration::ZERO,
            drawn: None,
            frames: 0,
            clock: setup.clock,
            reload: setup.reload,
            archive: setup.archive,
            applied: None,
            base: 1.0,
            watch_dir: setup.watch,
            watcher: None,
            rearm: false,
            changed: Arc::new(AtomicBool::new(false)),
            changed_at: None,
            poller: None,
            loading: None,
            load_again: None,
            pending: None,
            stats: setup.stats,
            staff_today: None,
            staff_decoded: None,
            staff_outcomes: None,
            speech: speech::ReadAloud::new(Box::new(crate::speech::Silent("no voice was set up".into()))),
        }
    }

    /// The kiosk speaking with `voice` when the patron turns Read aloud on
    /// (the system's voice, or a recording fake in tests).
    pub fn with_voice(mut self, voice: Box<dyn crate::speech::Voice>) -> Self {
        self.speech = speech::ReadAloud::new(voice);
        self
    }

    /// Whether Read aloud is on.
    pub fn reading_aloud(&self) -> bool {
        self.patron.read_aloud
    }

    /// The branch this kiosk stands in.
    pub(super) fn branch(&self) -> &Branch {
        self.set.branch(&self.branch).unwrap_or(&self.set.branches[0])
    }

    /// One of the kiosk's words in the current language.
    pub(super) fn word(&self, word: Word) -> String {
        self.set.word(word, &self.patron.lang, self.branch()).plain()
    }

    /// A word with values filled (branch values stay highlighted).
    pub(super) fn word_rich(&self, word: Word) -> Rich {
        self.set.word(word, &self.patron.lang, self.branch())
    }

    /// A word that counts, with the count filled: "1 second", "2 seconds".
    pub(super) fn word_counted(&self, word: Word, count: u64) -> String {
        self.set.word_counted(word, count, &self.patron.lang, self.branch()).plain()
    }

    /// The colours in use.
    pub(super) fn palette(&self) -> &'static Palette {
        if self.patron.contrast { &HIGH_CONTRAST } else { &LIGHT }
    }

    /// The sizes in use.
    pub(super) fn sizes(&self) -> Sizes {
        Sizes::at(SCALES[self.patron.scale.min(SCALES.len() - 1)] * self.base)
    }

    /// The base size for this screen: 1.0 at 1280x800, more on larger ones.
    pub(super) fn base(&self) -> f32 {
        self.base
    }

    /// The current session, if a patron is in one.
    pub fn session(&self) -> Option<&Session> {
        match &self.patron.view {
            View::Flow(s) => Some(s),
            _ => None,
        }
    }

    /// The ids of the flows on the home screen, in order.
    pub fn flow_ids(&self) -> Vec<String> {
        self.set.visible_flows(self.branch()).map(|(_, f)| f.id.clone()).collect()
    }

    /// Does what a patron's tap or key would (for benchmarks and tools that
    /// drive the kiosk without input events).
    pub fn act(&mut self, action: Action, ctx: &egui::Context) {
        self.now = (self.clock)();
        self.apply(action, ctx);
    }

    /// Whether staff mode is showing.
    pub fn in_staff_mode(&self) -> bool {
        matches!(self.patron.view, View::Staff)
    }

    /// The language shown.
    pub fn language(&self) -> &str {
        &self.patron.lang
    }

    /// Whether the kiosk is as a new patron finds it: nothing to wipe.
    fn pristine(&self) -> bool {
        self.pin.pad.is_none() && self.patron.pristine(self.languages.first())
    }

    fn idle_rule(&self) -> IdleRule {
        IdleRule { warning: self.config.idle_warning(), countdown: self.config.idle_reset() }
    }

    /// The idle phase now (always active when there is nothing to wipe).
    pub(super) fn idle_phase(&self) -> Phase {
        // Staff mode is not exempt: a staff member who walks away must not
        // leave "Exit the kiosk" to the next patron.
        if self.pristine() {
            return Phase::Active { warning_in: self.idle_rule().warning };
        }
        self.idle_rule().phase(self.last_input, self.now)
    }

    /// Back to the home screen as a new patron finds it. Nothing of the last
    /// patron survives: the session, their language, text size, contrast and
    /// any digits on the PIN pad are dropped.
    pub fn wipe(&mut self) {
        self.leave_session(crate::stats::Left::Idle);
        let lang = self.languages.first().cloned().unwrap_or_else(|| self.set.default_language().to_string());
        self.patron = Patron::new(lang);
        self.pin.close();
        self.staff_code.clear();
        self.staff_summary = None;
    }

    /// What must happen even while the window is hidden (eframe then runs no
    /// `ui`, only this): a fullscreen kiosk that was minimised or hidden by a
    /// window manager's shortcut takes the screen back.
    pub fn logic(&mut self, ctx: &egui::Context) {
        self.now = (self.clock)();
        if !self.windowed {
            self.hold_the_screen(ctx);
        }
    }

    /// Draws one frame and handles its input. Used by eframe and by tests.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.now = (self.clock)();
        self.frames += 1;
        super::layout::begin_frame(&ctx);
        if self.applied.is_none() {
            theme::install_fonts(&ctx);
        }
        self.base = theme::base_for(ctx.content_rect().size());
        let look = (self.patron.scale, self.patron.contrast, self.base.to_bits());
        if self.applied != Some(look) {
            theme::apply(&ctx, self.palette(), &self.sizes());
            self.applied = Some(look);
        }
        self.window_rules(&ctx);
        self.poll_flows(&ctx);
        if had_input(&ctx) {
            self.last_input = self.now;
            if let View::Flow(s) = &mut self.patron.view {
                s.touch(self.now);
            }
        }
        if self.idle_phase() == Phase::Expired {
            self.wipe();
        }
        if let View::Flow(s) = &self.patron.view
            && s.outcome() == Some(&Outcome::Solved)
            && self.now.saturating_sub(self.last_input) >= self.config.solved_return()
        {
            self.leave_session(crate::stats::Left::Home);
            self.patron.view = View::Home;
        }

        // The window's name, for screen readers: where it is and what it is.
        let name = format!("{} · {}", self.branch().name, self.word(Word::KioskTitle));
        ctx.accesskit_node_builder(egui::accesskit_root_id(), |n| n.set_label(name));
        let mut actions = self.keys(&ctx);
        // Staff mode is for staff: no patron languages, text size or contrast.
        if !self.in_staff_mode() {
            super::topbar::show(self, ui, &mut actions);
            speech::no_voice_notice(self, ui);
        }
        egui::CentralPanel::default()
            .frame(
                egui::Frame::NONE
                    .fill(self.palette().background)
                    .inner_margin(egui::Margin::symmetric(40, 24)),
            )
            .show(ui, |ui| {
                match &self.patron.view {
                    View::Home => home::show(self, ui, &mut actions),
                    // A session has an outcome exactly when it shows an ending;
                    // the screen itself is built once, by the screen that draws it.
                    View::Flow(s) if s.outcome().is_some() => ending::show(self, s, ui, &mut actions),
                    View::Flow(s) => step::show(self, s, ui, &mut actions),
                    View::Staff => staff::show(self, ui, &mut actions),
                }
            });
        if let Phase::Warning { wipe_in } = self.idle_phase() {
            overlays::idle(self, ui, wipe_in, &mut actions);
        }
        if self.pin.pad.is_some() {
            overlays::pin_pad(self, ui, &mut actions);
        }
        for action in actions {
            self.apply(action, &ctx);
        }
        speech::after_frame(self);
        ctx.request_repaint_after(self.next_deadline());
    }

    /// How long until something changes by itself: the idle warning, a
    /// countdown second, the solved screen going home, the offer of help.
    fn next_deadline(&self) -> Duration {
        let mut next = match self.idle_phase() {
            Phase::Active { warning_in } => warning_in,
            // The ring and its number change once a second: draw then, just
            // after the second turns.
            Phase::Warning { wipe_in } => {
                match wipe_in.subsec_nanos() {
                    0 => Duration::from_secs(1),
                    n => Duration::from_nanos(u64::from(n)),
                }
                .min(wipe_in)
                    + Duration::from_millis(5)
            }
            Phase::Expired => Duration::ZERO,
        };
        if let View::Flow(s) = &self.patron.view {
            if s.outcome() == Some(&Outcome::Solved) {
                let home_at = self.config.solved_return();
                next = next.min(
                    home_at
                        .saturating_sub(self.now.saturating_sub(self.last_input))
                        .min(Duration::from_secs(1)),
                );
            } else if !self.patron.offer_dismissed {
                let offer = self.config.offer_help_after().saturating_sub(s.elapsed(self.now));
                if !offer.is_zero() {
                    next = next.min(offer);
                }
            }
        }
        if self.pin.counting_down(self.now) {
            next = next.min(Duration::from_millis(500));
        }
        if self.changed_at.is_some() {
            next = next.min(SETTLE);
        }
        next.max(Duration::from_millis(50))
    }

    /// Fullscreen where a window manager honours it, sized to the monitor
    /// where none does; close requests cancelled unless staff allow them.
    fn window_rules(&mut self, ctx: &egui::Context) {
        let pixels = ctx.content_rect().size() * ctx.pixels_per_point();
        if self.drawn != Some(pixels) {
            self.drawn = Some(pixels);
            let (inner, monitor, fullscreen) = ctx.input(|i| {
                let v = i.viewport();
                (v.inner_rect.map(|r| r.size()), v.monitor_size, v.fullscreen)
            });
            log::info!(
                "drawing at {}x{} pixels (window {inner:?} points, monitor {monitor:?}, fullscreen {fullscreen:?})",
                pixels.x,
                pixels.y
            );
        }
        let close = ctx.input(|i| i.viewport().close_requested());
        if close && !self.windowed && !self.allow_close {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
        }
        if !self.windowed
            && self.frames <= 3
            && let Some(size) = ctx.input(|i| i.viewport().monitor_size)
        {
            ctx.send_viewport_cmd(ViewportCommand::OuterPosition(egui::pos2(0.0, 0.0)));
            ctx.send_viewport_cmd(ViewportCommand::InnerSize(size));
        }
        if !self.windowed {
            self.hold_the_screen(ctx);
        }
    }

    /// A fullscreen kiosk that was minimised, lost the focus to something
    /// else or stopped being fullscreen (a window manager's shortcut) takes
    /// the screen back, at most twice a second, and keeps looking while it
    /// is away.
    fn hold_the_screen(&mut self, ctx: &egui::Context) {
        let (minimized, focused, fullscreen) = ctx.input(|i| {
            let v = i.viewport();
            (v.minimized, v.focused, v.fullscreen)
        });
        if fullscreen == Some(true) {
            self.was_fullscreen = true;
        }
        let away = minimized == Some(true)
            || focused == Some(false)
            || (self.was_fullscreen && fullscreen == Some(false));
        if !away {
            return;
        }
        if self.now.saturating_sub(self.last_restore) >= RESTORE_EVERY {
            self.last_restore = self.now;
            if minimized == Some(true) {
                ctx.send_viewport_cmd(ViewportCommand::Minimized(false));
            }
            if self.was_fullscreen && fullscreen == Some(false) {
                ctx.send_viewport_cmd(ViewportCommand::Fullscreen(true));
            }
            ctx.send_viewport_cmd(ViewportCommand::Focus);
        }
        ctx.request_repaint_after(RESTORE_EVERY);
    }

    /// Applies one action to the core and the view.
    fn apply(&mut self, action: Action, ctx: &egui::Context) {
        let now = self.now;
        self.last_input = now;
        // Any action stops what is being read; a new screen is read after.
        self.speech.interrupt();
        match action {
            Action::StartFlow(id) => {
                if let Ok(s) = Session::start(self.set.clone(), &self.branch, &self.patron.lang, &id, now) {
                    self.leave_session(crate::stats::Left::Home);
                    self.session_started();
                    self.patron.view = View::Flow(Box::new(s));
                    self.patron.offer_dismissed = false;
                    self.patron.took_offer = false;
                }
            }
            // With no usable flows a handoff screen would name the demo
            // branch's desk: home already says to ask staff.
            Action::StaffFromHome if self.unavailable => {}
            Action::StaffFromHome => {
                if let Ok(s) = Session::staff_only(self.set.clone(), &self.branch, &self.patron.lang, now) {
                    self.leave_session(crate::stats::Left::Home);
                    self.session_started();
                    self.patron.view = View::Flow(Box::new(s));
                    self.patron.took_offer = false;
                }
            }
            Action::Choose(n) => {
                if let View::Flow(s) = &mut self.patron.view {
                    let _ = s.choose(n, now);
                }
            }
            Action::Next => {
                if let View::Flow(s) = &mut self.patron.view {
                    let _ = s.next(now);
                }
            }
            Action::Back => {
                if let View::Flow(s) = &mut self.patron.view
                    && !s.back(now)
                {
                    self.leave_session(crate::stats::Left::Home);
                    self.patron.view = View::Home;
                }
            }
            Action::Home => {
                if !self.in_staff_mode() {
                    self.leave_session(crate::stats::Left::Home);
                    self.patron.view = View::Home;
                }
            }
            Action::AskStaff => match &mut self.patron.view {
                View::Flow(s) => {
                    // With the kiosk's offer on screen, any staff button
                    // takes it.
                    if !self.patron.offer_dismissed
                        && s.should_offer_help(now, self.config.offer_help_after())
                    {
                        self.patron.took_offer = true;
                    }
                    s.ask_staff(now);
                }
                View::Home => self.apply(Action::StaffFromHome, ctx),
                View::Staff => {}
            },
            Action::DismissOffer => self.patron.offer_dismissed = true,
            Action::AcceptOffer => {
                if let View::Flow(s) = &mut self.patron.view {
                    s.ask_staff(now);
                    self.patron.took_offer = true;
                }
            }
            Action::Language(l) => {
                if self.languages.contains(&l) {
                    self.patron.lang = l.clone();
                    if let View::Flow(s) = &mut self.patron.view {
                        s.set_language(&l);
                    }
                }
            }
            Action::TextSize(d) => {
                self.patron.scale = (self.patron.scale as i32 + d).clamp(0, SCALES.len() as i32 - 1) as usize;
                self.patron.used_large_text |= self.patron.scale > theme::DEFAULT_SCALE;
            }
            Action::Contrast => {
                self.patron.contrast = !self.patron.contrast;
                self.patron.used_contrast |= self.patron.contrast;
            }
            Action::StillHere => {}
            Action::OpenStaff => self.open_pin(),
            Action::PinDigit(d) => self.pin.digit(d, self.now),
            Action::PinClear => self.pin.clear(),
            Action::PinSubmit => {
                if self.pin.submit(&self.gate, self.now) {
                    self.enter_staff();
                }
            }
            Action::PinCancel => self.pin.close(),
            Action::Reload => self.reload_flows(ctx),
            Action::LeaveStaff => {
                log::info!("staff mode left");
                self.patron.view = View::Home;
                self.staff_code.clear();
                self.staff_summary = None;
            }
            Action::Decode => self.decode_staff_code(),
            Action::ReadAloud => speech::toggle(self, false),
            Action::Repeat => speech::toggle(self, true),
            Action::Quit => {
                log::info!("staff exited the kiosk");
                self.flush_stats(Duration::from_secs(2));
                self.allow_close = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    /// Staff mode opens: with today's figures for this kiosk, read once.
    fn enter_staff(&mut self) {
        log::info!("staff mode entered");
        self.patron.view = View::Staff;
        if self.staff_outcomes.is_none()
            && let Some(sink) = &self.stats
        {
            self.staff_outcomes = Some(crate::desk::Outcomes::new(sink.shared_recorder(), sink.local()));
        }
        self.staff_today = self.stats.as_ref().map(|sink| {
            sink.flush(Duration::from_secs(1));
            let mut text = match sink.today() {
                Some(Ok(t)) => {
                    let top: Vec<String> = t.top_flows.iter().map(|(f, n)| format!("{f} {n}")).collect();
                    format!(
                        "Today on this kiosk: {} sessions, {} solved here, {} sent to staff, {} left unfinished{}",
                        t.sessions,
                        t.solved,
                        t.handoffs,
                        t.gave_up,
                        if top.is_empty() { String::new() } else { format!(". Most used: {}", top.join(", ")) }
                    )
                }
                Some(Err(e)) => format!("Today's figures cannot be read: {e}"),
                None => "Today's figures need the computer's date, which could not be read.".into(),
            };
            if let Some(p) = sink.last_problem() {
                text.push_str(&format!("\nStatistics are not being saved: {p}"));
            }
            text
        });
    }

    /// A patron's session begins: what they used so far is what they use now.
    fn session_started(&mut self) {
        self.patron.session_started();
    }

    /// The patron's session (if one shows) leaves the screen: one anonymous
    /// row for the statistics, written in the background.
    fn leave_session(&mut self, left: crate::stats::Left) {
        let View::Flow(session) = &self.patron.view else { return };
        let Some(sink) = &self.stats else { return };
        let Some(at) = sink.now() else { return };
        let cx = crate::stats::Context {
            at,
            left,
            large_text: self.patron.used_large_text,
            high_contrast: self.patron.used_contrast,
            code: self.handoff_code(),
        };
        let row = sink.recorder().session_row(session, self.now, &cx);
        if let Some(sink) = &mut self.stats {
            sink.send(row);
        }
    }

    /// Waits until the statistics rows sent so far are written (tests, exit).
    pub fn flush_stats(&self, timeout: Duration) -> bool {
        self.stats.as_ref().is_none_or(|s| s.flush(timeout))
    }

    fn open_pin(&mut self) {
        if self.pin.open(&self.gate, self.windowed) == Opened::Staff {
            self.enter_staff();
        }
    }

    fn decode_staff_code(&mut self) {
        let current = [self.set.clone()];
        let result = match &self.archive {
            // Only the kept versions with the code's tag are loaded.
            Some(archive) => {
                let (result, problems) = archive.decode(&self.staff_code, &current);
                for p in problems {
                    log::warn!("{p}");
                }
                result
            }
            None => crate::handoff::summary::decode(&self.staff_code, &current),
        };
        self.staff_decoded = result.as_ref().ok().map(|s| (s.code.clone(), s.ending.read));
        if let (Some(o), Some((_, read))) = (&mut self.staff_outcomes, &self.staff_decoded) {
            o.suggest(*read);
        }
        self.staff_summary =
            Some(result.map(|s| crate::handoff::summary::render(&s)).map_err(|e| e.to_string()));
    }

    /// The handoff code of the session on screen, grouped, if it ended.
    pub fn handoff_code(&self) -> Option<String> {
        let View::Flow(s) = &self.patron.view else { return None };
        crate::handoff::code_for_session(s, self.patron.took_offer, self.now)
            .map(|c| crate::handoff::base32::group(&c))
    }

    /// Seconds left before the PIN pad takes another try.
    pub(super) fn pin_wait(&self) -> Option<u64> {
        self.pin.wait(self.now)
    }
}

/// Whether a person did anything this frame.
fn had_input(ctx: &egui::Context) -> bool {
    ctx.input(|i| {
        i.events.iter().any(|e| {
            matches!(
                e,
                egui::Event::Key { .. }
                    | egui::Event::Text(_)
                    | egui::Event::PointerButton { .. }
                    | egui::Event::PointerMoved(_)
                    | egui::Event::MouseWheel { .. }
                    | egui::Event::Touch { .. }
            )
        })
    })
}

impl Drop for Kiosk {
    fn drop(&mut self) {
        if let Some(stop) = &self.poller {
            stop.store(true, std::sync::atomic::Ordering::SeqCst);
        }
    }
}

impl eframe::App for Kiosk {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        Kiosk::logic(self, ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        Kiosk::ui(self, ui);
    }
}
