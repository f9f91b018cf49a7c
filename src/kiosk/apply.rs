//! Applying what the patron (or staff) did: screens return [`Action`]s while
//! they draw, and this file turns each into calls on the [`Session`], the
//! patron's settings, the PIN pad or staff mode, so flow state changes in
//! one place.

use super::app::{Action, Kiosk, View};
use super::pin::Opened;
use super::speech;
use super::theme::{self, SCALES};
use crate::session::Session;
use eframe::egui::{self, ViewportCommand};
use std::time::Duration;

impl Kiosk {
    /// Applies one action to the core and the view.
    pub(super) fn apply(&mut self, action: Action, ctx: &egui::Context) {
        self.last_input = self.now;
        // Any action stops what is being read; a new screen is read after.
        self.speech.interrupt();
        match action {
            Action::StartFlow(_)
            | Action::StaffFromHome
            | Action::Choose(_)
            | Action::Next
            | Action::Back
            | Action::Home
            | Action::AskStaff
            | Action::DismissOffer
            | Action::AcceptOffer => self.walk(action, ctx),
            Action::Language(_)
            | Action::TextSize(_)
            | Action::Contrast
            | Action::StillHere
            | Action::ReadAloud
            | Action::OpenLanguages
            | Action::CloseLanguages
            | Action::Repeat => self.display(action),
            Action::OpenStaff
            | Action::PinDigit(_)
            | Action::PinClear
            | Action::PinSubmit
            | Action::PinCancel
            | Action::Reload
            | Action::LeaveStaff
            | Action::Decode
            | Action::Quit => self.staff_action(action, ctx),
        }
    }

    /// The patron's walk: starting a flow, answering, going back or home,
    /// asking staff.
    fn walk(&mut self, action: Action, ctx: &egui::Context) {
        let now = self.now;
        match action {
            Action::StartFlow(id) => {
                let started = Session::start(self.set.clone(), &self.branch, &self.patron.lang, &id, now);
                if let Ok(s) = started {
                    self.show_session(s);
                    self.patron.offer_dismissed = false;
                }
            }
            // With no usable flows a handoff screen would name the demo
            // branch's desk: home already says to ask staff.
            Action::StaffFromHome if self.unavailable => {}
            Action::StaffFromHome => {
                if let Ok(s) = Session::staff_only(self.set.clone(), &self.branch, &self.patron.lang, now) {
                    self.show_session(s);
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
                    self.go_home();
                }
            }
            Action::Home if !self.in_staff_mode() => self.go_home(),
            Action::AskStaff => self.ask_staff(ctx),
            Action::DismissOffer => self.patron.offer_dismissed = true,
            Action::AcceptOffer => {
                if let View::Flow(s) = &mut self.patron.view {
                    s.ask_staff(now);
                    self.patron.took_offer = true;
                }
            }
            _ => {}
        }
    }

    /// A new session takes the screen; the one before (if any) ends.
    fn show_session(&mut self, session: Session) {
        self.leave_session(crate::stats::Left::Home);
        self.session_started();
        self.patron.view = View::Flow(Box::new(session));
        self.patron.took_offer = false;
    }

    /// The session (if any) ends and home shows.
    fn go_home(&mut self) {
        self.leave_session(crate::stats::Left::Home);
        self.patron.view = View::Home;
    }

    /// Any "get help from staff" button.
    fn ask_staff(&mut self, ctx: &egui::Context) {
        let now = self.now;
        // From the language screen: staff help for the screen underneath.
        self.patron.choosing_language = false;
        match &mut self.patron.view {
            View::Flow(s) => {
                // With the kiosk's offer on screen, any staff button
                // takes it.
                if !self.patron.offer_dismissed && s.should_offer_help(now, self.config.offer_help_after()) {
                    self.patron.took_offer = true;
                }
                s.ask_staff(now);
            }
            View::Home => self.apply(Action::StaffFromHome, ctx),
            View::Staff => {}
        }
    }

    /// The patron's display settings: language, text size, contrast, Read
    /// aloud.
    fn display(&mut self, action: Action) {
        if matches!(action, Action::Language(_)) {
            // Choosing a language leaves the language screen.
            self.patron.choosing_language = false;
        }
        match action {
            Action::OpenLanguages => self.patron.choosing_language = !self.in_staff_mode(),
            Action::CloseLanguages => self.patron.choosing_language = false,
            Action::Language(l) if self.languages.contains(&l) => {
                self.patron.lang = l.clone();
                if let View::Flow(s) = &mut self.patron.view {
                    s.set_language(&l);
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
            Action::ReadAloud => speech::toggle(self, false),
            Action::Repeat => speech::toggle(self, true),
            _ => {}
        }
    }

    /// The PIN pad and staff mode.
    fn staff_action(&mut self, action: Action, ctx: &egui::Context) {
        match action {
            Action::OpenStaff => self.open_pin(),
            Action::PinDigit(d) => self.pin.digit(d, self.now),
            Action::PinClear => self.pin.clear(),
            Action::PinSubmit => self.submit_pin(),
            Action::PinCancel => self.pin.close(),
            Action::Reload => self.reload_flows(ctx),
            Action::LeaveStaff => {
                log::info!("staff mode left");
                self.patron.view = View::Home;
                self.staff.clear();
            }
            Action::Decode => self.staff.decode(&self.set),
            Action::Quit => {
                log::info!("staff exited the kiosk");
                self.flush_stats(Duration::from_secs(2));
                self.window.allow_close();
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            _ => {}
        }
    }

    /// The PIN pad's Enter: staff mode when the PIN is right.
    fn submit_pin(&mut self) {
        if self.pin.submit(&self.gate, self.now) {
            self.enter_staff();
        }
    }

    /// Staff mode opens: with today's figures for this kiosk, read once.
    fn enter_staff(&mut self) {
        log::info!("staff mode entered");
        self.patron.view = View::Staff;
        self.staff.open(self.stats.as_ref());
    }

    /// A patron's session begins: what they used so far is what they use now.
    fn session_started(&mut self) {
        self.patron.session_started();
    }

    /// The patron's session (if one shows) leaves the screen: one anonymous
    /// row for the statistics, written in the background.
    pub(super) fn leave_session(&mut self, left: crate::stats::Left) {
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
        if self.pin.open(&self.gate, self.window.windowed()) == Opened::Staff {
            self.enter_staff();
        }
    }

    /// The handoff code of the session on screen, grouped, if it ended.
    pub fn handoff_code(&self) -> Option<String> {
        let View::Flow(s) = &self.patron.view else { return None };
        crate::handoff::code_for_session(s, self.patron.took_offer, self.now)
            .map(|c| crate::handoff::base32::group(&c))
    }
}
