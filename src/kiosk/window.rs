//! The kiosk's window: fullscreen where a window manager honours it, sized
//! to the monitor where none does, taking the screen back when something
//! else took it, and refusing to close unless staff asked. A windowed kiosk
//! (for trying it on a desktop) does none of this.

use eframe::egui::{self, ViewportCommand};
use std::time::Duration;

/// How often a fullscreen kiosk that lost the screen tries to take it back.
const RESTORE_EVERY: Duration = Duration::from_millis(500);

/// What the kiosk knows about its window.
pub(super) struct Window {
    /// A normal window that may be closed.
    windowed: bool,
    /// Staff chose to exit: the next close request goes through.
    allow_close: bool,
    /// The window manager made the window fullscreen at some point.
    was_fullscreen: bool,
    /// When the kiosk last tried to take the screen back.
    last_restore: Duration,
    /// Frames drawn so far.
    frames: u64,
    /// The size last drawn at, in pixels, to log each change.
    drawn: Option<egui::Vec2>,
}

impl Window {
    /// A fullscreen kiosk's window, or a normal one (`windowed`).
    pub(super) fn new(windowed: bool) -> Self {
        Window {
            windowed,
            allow_close: false,
            was_fullscreen: false,
            last_restore: Duration::ZERO,
            frames: 0,
            drawn: None,
        }
    }

    /// Whether this is a normal window rather than a locked fullscreen one.
    pub(super) fn windowed(&self) -> bool {
        self.windowed
    }

    /// Staff exit the kiosk: let the window close.
    pub(super) fn allow_close(&mut self) {
        self.allow_close = true;
    }

    /// Once a frame: fullscreen where a window manager honours it, sized to
    /// the monitor where none does; close requests cancelled unless staff
    /// allow them.
    pub(super) fn rules(&mut self, ctx: &egui::Context, now: Duration) {
        self.frames += 1;
        self.log_size(ctx);
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
        self.hold_the_screen(ctx, now);
    }

    /// A fullscreen kiosk that was minimised, lost the focus to something
    /// else or stopped being fullscreen (a window manager's shortcut) takes
    /// the screen back, at most twice a second, and keeps looking while it
    /// is away. A windowed kiosk lets go.
    pub(super) fn hold_the_screen(&mut self, ctx: &egui::Context, now: Duration) {
        if self.windowed {
            return;
        }
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
        if now.saturating_sub(self.last_restore) >= RESTORE_EVERY {
            self.last_restore = now;
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

    /// Logs the size drawn at whenever it changes, so the log shows whether
    /// the kiosk covers the screen (`.ci/deb.sh` reads it under cage).
    fn log_size(&mut self, ctx: &egui::Context) {
        let pixels = ctx.content_rect().size() * ctx.pixels_per_point();
        if self.drawn == Some(pixels) {
            return;
        }
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
}
