//! Endings: solved (thank the patron, then home by itself) and handoff (the
//! reason, kindly, and where to find staff).

use super::app::{Action, Kiosk};
use super::step::nav_bar;
use super::widgets::{self, Kind};
use crate::session::{Body, Session};
use eframe::egui::{self, Ui};
use std::time::Duration;

/// Draws the ending `s` reached.
pub fn show(k: &Kiosk, s: &Session, ui: &mut Ui, actions: &mut Vec<Action>) {
    let p = k.palette();
    let sizes = k.sizes();
    let screen = s.screen();
    nav_bar(k, ui, actions, false);
    let w = ui.available_width().min(1100.0);
    ui.add_space(16.0);
    match &screen.body {
        Body::Solved { text } => {
            widgets::heading(ui, &k.word("solved_title"), p.text, sizes.heading);
            ui.add_space(8.0);
            ui.scope(|ui| {
                ui.set_max_width(w);
                widgets::rich_label(ui, p, text, sizes.body * 1.1);
                ui.add_space(8.0);
                widgets::text(ui, &k.word("solved_thanks"), p.text, sizes.body);
                let left = Duration::from_secs(k.config.solved_return_seconds)
                    .saturating_sub(k.now.saturating_sub(k.last_input))
                    .as_secs()
                    + 1;
                let going = k
                    .word("going_home")
                    .replace("{seconds}", &left.min(k.config.solved_return_seconds).to_string());
                widgets::text(ui, &going, p.muted, sizes.small);
            });
        }
        Body::Handoff { reason, .. } => {
            widgets::heading(ui, &k.word("handoff_title"), p.text, sizes.heading);
            ui.add_space(8.0);
            ui.scope(|ui| {
                ui.set_max_width(w);
                widgets::rich_label(ui, p, reason, sizes.body * 1.1);
                ui.add_space(8.0);
                widgets::rich_label(ui, p, &k.word_rich("handoff_where"), sizes.body * 1.1);
            });
        }
        _ => return,
    }
    ui.add_space(24.0);
    if widgets::button(
        ui,
        p,
        Kind::Primary,
        &k.word("done"),
        None,
        egui::vec2(420.0, sizes.button),
        sizes.body,
    )
    .clicked()
    {
        actions.push(Action::Home);
    }
}
