//! Endings: solved (thank the patron, then home by itself) and handoff (the
//! reason, kindly, and where to find staff).

use super::app::{Action, Kiosk};
use super::step::nav_bar;
use super::widgets;
use crate::flow::words::Word;
use crate::session::{Body, Session};
use eframe::egui::{self, Ui};

/// Draws the ending `s` reached.
pub fn show(k: &Kiosk, s: &Session, ui: &mut Ui, actions: &mut Vec<Action>) {
    let p = k.palette();
    let sizes = k.sizes();
    let screen = s.screen();
    nav_bar(k, ui, actions, true);
    let w = ui.available_width().min(1100.0);
    ui.add_space(16.0);
    match &screen.body {
        Body::Solved { text } => {
            widgets::heading(ui, &k.word(Word::SolvedTitle), p.text, sizes.heading);
            ui.add_space(8.0);
            ui.scope(|ui| {
                ui.set_max_width(w);
                widgets::rich_label(ui, p, text, sizes.body * 1.1);
                ui.add_space(8.0);
                if let Some(link) = &screen.link {
                    widgets::take_home(ui, p, link, sizes.body);
                }
                widgets::text(ui, &k.word(Word::SolvedThanks), p.text, sizes.body);
                let left =
                    k.config.solved_return().saturating_sub(k.now.saturating_sub(k.last_input)).as_secs() + 1;
                let going = k.word_counted(Word::GoingHome, left.min(k.config.solved_return().as_secs()));
                widgets::text(ui, &going, p.muted, sizes.small);
            });
        }
        Body::Handoff { reason, .. } => {
            widgets::heading(ui, &k.word(Word::HandoffTitle), p.text, sizes.heading);
            ui.add_space(8.0);
            let code = k.handoff_code();
            ui.horizontal_top(|ui| {
                let text_w = if code.is_some() { ui.available_width() - 380.0 } else { w };
                ui.vertical(|ui| {
                    ui.set_max_width(text_w);
                    widgets::rich_label(ui, p, reason, sizes.body * 1.1);
                    ui.add_space(8.0);
                    widgets::rich_label(ui, p, &k.word_rich(Word::HandoffWhere), sizes.body * 1.1);
                    if let Some(link) = &screen.link {
                        widgets::take_home(ui, p, link, sizes.body);
                    }
                    if let Some(code) = &code {
                        ui.add_space(16.0);
                        widgets::text(ui, &k.word(Word::ShowCode), p.text, sizes.body);
                        let big = egui::RichText::new(code)
                            .font(egui::FontId::monospace((sizes.heading * 1.6).min(96.0)))
                            .color(p.text)
                            .strong();
                        egui::Frame::NONE
                            .fill(p.card)
                            .stroke(egui::Stroke::new(3.0, p.primary))
                            .corner_radius(12)
                            .inner_margin(egui::Margin::symmetric(24, 8))
                            .show(ui, |ui| {
                                ui.label(big);
                            });
                        widgets::text(ui, &k.word(Word::CodePrivate), p.muted, sizes.small);
                    }
                });
                if let Some(code) = &code {
                    ui.add_space(24.0);
                    widgets::qr(ui, &code.replace('-', ""), 320.0);
                }
            });
        }
        _ => {}
    }
}
