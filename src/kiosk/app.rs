//! The kiosk application: the state behind the screens and one frame's
//! work. Its parts each have one job: the patron's session and settings
//! ([`Patron`]), the PIN pad ([`PinGate`]), the window (`window.rs`), hot
//! reload (`reload.rs`), staff mode's decoding (`staff_desk.rs`).
//!
//! Screens only draw and return [`Action`]s; `apply.rs` applies them to the
//! [`Session`], so flow state changes in one place. Time comes from a
//! [`Clock`] that tests replace, so idle tests never sleep (`idle.rs`).

use super::patron::Patron;
use super::pictures::Pictures;
use super::pin::PinGate;
pub use super::pin::{NO_PIN, PinPad};
use super::reload::HotReload;
use super::setup::{Clock, Setup};
use super::staff_desk::StaffDesk;
use super::theme::{self, HIGH_CONTRAST, LIGHT, Palette, SCALES, Sizes};
use super::window::Window;
use super::{ending, home, languages, overlays, speech, staff, step};
use crate::config::{KioskConfig, StaffGate};
use crate::flow::load::Assets;
use crate::flow::model::{Branch, FlowSet};
use crate::flow::text::Rich;
use crate::flow::words::Word;
use crate::idle::Phase;
use crate::session::{Outcome, Session};
use eframe::egui;
use std::sync::Arc;
use std::time::Duration;

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
    /// Switch language (and leave the language screen, if it shows).
    Language(String),
    /// Open the language screen (three or more languages).
    OpenLanguages,
    /// Leave the language screen without changing the language.
    CloseLanguages,
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
    /// Staff mode's code field, decoding and today's figures.
    pub(super) staff: StaffDesk,
    pub(super) last_input: Duration,
    pub(super) now: Duration,
    pub(super) notices: Vec<String>,
    /// Which files this kiosk uses, for staff mode.
    pub(super) files: String,
    pub(super) pictures: Pictures,
    /// The window: fullscreen rules, or a normal one.
    pub(super) window: Window,
    clock: Clock,
    applied: Option<(usize, bool, u32)>,
    /// The base size for this screen (1.0 at 1280x800), see [`theme::base_for`].
    base: f32,
    /// The flows folder's watch and the loads it starts (hot reload).
    pub(super) hot: HotReload,
    pub(super) stats: Option<super::stats::StatsSink>,
    /// Read aloud: the voice and what it last read.
    pub(super) speech: speech::ReadAloud,
    /// Key events kept out of egui's input until the frame (`keys.rs`).
    pub(super) held_keys: Vec<egui::Event>,
}

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
            staff: StaffDesk::new(setup.archive),
            last_input: now,
            now,
            notices: setup.notices,
            files: setup.files,
            pictures: Pictures::default(),
            window: Window::new(setup.windowed),
            clock: setup.clock,
            applied: None,
            base: 1.0,
            hot: HotReload::new(setup.reload, setup.watch),
            stats: setup.stats,
            speech: speech::ReadAloud::new(Box::new(crate::speech::Silent("no voice was set up".into()))),
            held_keys: Vec::new(),
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

    /// Back to the home screen as a new patron finds it. Nothing of the last
    /// patron survives: the session, their language, text size, contrast and
    /// any digits on the PIN pad are dropped.
    pub fn wipe(&mut self) {
        self.leave_session(crate::stats::Left::Idle);
        let lang = self.languages.first().cloned().unwrap_or_else(|| self.set.default_language().to_string());
        self.patron = Patron::new(lang);
        self.pin.close();
        self.staff.clear();
    }

    /// What must happen even while the window is hidden (eframe then runs no
    /// `ui`, only this): a fullscreen kiosk that was minimised or hidden by a
    /// window manager's shortcut takes the screen back.
    pub fn logic(&mut self, ctx: &egui::Context) {
        self.now = (self.clock)();
        self.window.hold_the_screen(ctx, self.now);
    }

    /// Draws one frame and handles its input. Used by eframe and by tests.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.now = (self.clock)();
        self.give_back_keys(&ctx);
        super::layout::begin_frame(&ctx);
        if self.applied.is_none() {
            theme::install_fonts(&ctx);
        }
        self.base = theme::base_for(ctx.content_rect().size());
        self.window.rules(&ctx, self.now);
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
            && !self.patron.choosing_language
            && self.now.saturating_sub(self.last_input) >= self.config.solved_return()
        {
            self.leave_session(crate::stats::Left::Home);
            self.patron.view = View::Home;
        }

        // Keys act before anything is drawn, so the frame of a key press
        // shows the screen it leads to: no second frame is needed to show it.
        for action in self.keys(&ctx) {
            self.apply(action, &ctx);
        }
        let look = (self.patron.scale, self.patron.contrast, self.base.to_bits());
        if self.applied != Some(look) {
            theme::apply(&ctx, self.palette(), &self.sizes());
            self.applied = Some(look);
        }

        // The window's name, for screen readers: where it is and what it is.
        let name = format!("{} · {}", self.branch().name, self.word(Word::KioskTitle));
        ctx.accesskit_node_builder(egui::accesskit_root_id(), |n| n.set_label(name));
        let mut actions = Vec::new();
        let warning = match self.idle_phase() {
            Phase::Warning { wipe_in } => Some(wipe_in),
            _ => None,
        };
        // "Are you still there?" hides the screen under it (nothing of the
        // patron's shows to a passer-by) and the window is cleared to a dimmed
        // background (`backdrop`): the frame a second of its countdown draws
        // only the card.
        if let Some(wipe_in) = warning {
            overlays::idle(self, ui, wipe_in, &mut actions);
        } else {
            self.screen(ui, &mut actions);
        }
        if self.pin.pad.is_some() {
            overlays::pin_pad(self, ui, &mut actions);
        }
        // A control's action (a tap) changes the screen after this pass drew
        // the one before it: the pass is done again at once, so the frame
        // shows the screen the tap leads to and no second frame is needed.
        if !actions.is_empty() && ctx.current_pass_index() == 0 {
            ctx.request_discard("a control changed the screen");
        }
        for action in actions {
            self.apply(action, &ctx);
        }
        speech::after_frame(self);
        ctx.request_repaint_after(self.next_deadline());
    }

    /// The top bar and the screen the patron is on.
    fn screen(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        // Staff mode is for staff: no patron languages, text size or contrast.
        if !self.in_staff_mode() {
            super::topbar::show(self, ui, actions);
            speech::no_voice_notice(self, ui);
        }
        // No fill: the window is cleared to the background (`backdrop`),
        // one layer of pixels fewer for a software renderer to draw.
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE.inner_margin(egui::Margin::symmetric(40, 24)))
            .show(ui, |ui| {
                match &self.patron.view {
                    // Over any patron screen, which it returns to.
                    View::Home | View::Flow(_) if self.patron.choosing_language => {
                        languages::show(self, ui, actions)
                    }
                    View::Home => home::show(self, ui, actions),
                    // A session has an outcome exactly when it shows an ending;
                    // the screen itself is built once, by the screen that draws it.
                    View::Flow(s) if s.outcome().is_some() => ending::show(self, s, ui, actions),
                    View::Flow(s) => step::show(self, s, ui, actions),
                    View::Staff => staff::show(self, ui, actions),
                }
            });
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

impl eframe::App for Kiosk {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        Kiosk::logic(self, ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        Kiosk::ui(self, ui);
    }
}
