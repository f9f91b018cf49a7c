//! Screens over the others: "Are you still there?" and the staff PIN pad.

use super::app::{Action, Kiosk};
use super::widgets::{self, Kind};
use crate::flow::words::Word;
use eframe::egui::{self, Align2, Color32, FontId, Id, Order, Stroke, Ui};
use std::time::Duration;

/// The idle warning: the screen dims, a card asks, a ring counts down.
pub fn idle(k: &Kiosk, ui: &mut Ui, wipe_in: Duration, actions: &mut Vec<Action>) {
    let p = k.palette();
    let sizes = k.sizes();
    let ctx = ui.ctx().clone();
    let screen = ctx.content_rect();
    egui::Area::new(Id::unique("idle_overlay")).order(Order::Foreground).fixed_pos(screen.min).show(
        &ctx,
        |ui| {
            ui.painter().rect_filled(screen, 0, Color32::from_black_alpha(170));
            let card = egui::Rect::from_center_size(
                screen.center(),
                egui::vec2(760.0_f32.min(screen.width() - 40.0), 520.0_f32.min(screen.height() - 40.0)),
            );
            ui.painter().rect(card, 20, p.card, Stroke::new(3.0, p.border), egui::StrokeKind::Inside);
            super::layout::overlay(ui.ctx(), card);
            let mut child = ui.new_child(
                egui::UiBuilder::new()
                    .max_rect(card.shrink(32.0))
                    .layout(egui::Layout::top_down(egui::Align::Center)),
            );
            let ui = &mut child;
            widgets::heading(ui, &k.word(Word::IdleTitle), p.text, sizes.heading);
            widgets::text(ui, &k.word(Word::IdleBody), p.text, sizes.body);
            let seconds = wipe_in.as_secs() + u64::from(wipe_in.subsec_nanos() > 0);
            let (rect, _) = ui.allocate_exact_size(egui::vec2(150.0, 150.0), egui::Sense::hover());
            let total = k.config.idle_reset().as_secs_f32().max(1.0);
            let frac = (wipe_in.as_secs_f32() / total).clamp(0.0, 1.0);
            let center = rect.center();
            ui.painter().circle_stroke(center, 64.0, Stroke::new(10.0, p.border));
            let points: Vec<egui::Pos2> = (0..=64)
                .map(|i| {
                    let a = -std::f32::consts::FRAC_PI_2 + std::f32::consts::TAU * frac * i as f32 / 64.0;
                    center + 64.0 * egui::vec2(a.cos(), a.sin())
                })
                .collect();
            ui.painter().add(egui::Shape::line(points, Stroke::new(10.0, p.staff)));
            ui.painter().text(
                center,
                Align2::CENTER_CENTER,
                seconds.to_string(),
                FontId::proportional(sizes.heading * 1.2),
                p.staff,
            );
            let label = k.word_counted(Word::IdleSeconds, seconds);
            widgets::text(ui, &label, p.muted, sizes.small);
            let w = ui.available_width().min(520.0);
            let r = widgets::button(
                ui,
                p,
                Kind::Primary,
                &k.word(Word::StillHere),
                None,
                egui::vec2(w, sizes.button * 1.15),
                sizes.body * 1.1,
            );
            if r.clicked() {
                actions.push(Action::StillHere);
            }
        },
    );
}

/// The staff PIN pad. Staff-facing, so in the library's working language.
pub fn pin_pad(k: &Kiosk, ui: &mut Ui, actions: &mut Vec<Action>) {
    let Some(pad) = &k.pin.pad else { return };
    let p = k.palette();
    let ctx = ui.ctx().clone();
    let screen = ctx.content_rect();
    egui::Area::new(Id::unique("pin_overlay")).order(Order::Foreground).fixed_pos(screen.min).show(
        &ctx,
        |ui| {
            ui.painter().rect_filled(screen, 0, Color32::from_black_alpha(200));
            let card = egui::Rect::from_center_size(
                screen.center(),
                egui::vec2(
                    460.0,
                    if pad.closed.is_some() { 400.0 } else { 680.0_f32 }.min(screen.height() - 20.0),
                ),
            );
            ui.painter().rect(card, 20, p.card, Stroke::new(3.0, p.border), egui::StrokeKind::Inside);
            super::layout::overlay(ui.ctx(), card);
            let mut child = ui.new_child(
                egui::UiBuilder::new()
                    .max_rect(card.shrink(24.0))
                    .layout(egui::Layout::top_down(egui::Align::Center)),
            );
            let ui = &mut child;
            if let Some(why) = &pad.closed {
                // No PIN can open it: say why, and only offer to close.
                widgets::text(ui, "Staff mode is closed", p.text, 34.0);
                ui.add_space(16.0);
                widgets::text(ui, why, p.text, 24.0);
                ui.add_space(24.0);
                if widgets::button(ui, p, Kind::Primary, "Close", None, egui::vec2(354.0, 64.0), 26.0)
                    .clicked()
                {
                    actions.push(Action::PinCancel);
                }
                return;
            }
            widgets::text(ui, "Staff PIN", p.text, 34.0);
            let dots =
                if pad.entered.is_empty() { "—".to_string() } else { "●".repeat(pad.entered.len()) };
            widgets::text(ui, &dots, p.text, 34.0);
            let status = match (k.pin_wait(), &pad.message) {
                (Some(s), _) => format!("Wrong PIN. Try again in {s} s."),
                (None, Some(m)) => m.clone(),
                (None, None) => "Type the PIN, then OK.".into(),
            };
            widgets::text(ui, &status, p.muted, 22.0);
            let size = egui::vec2(110.0, 64.0);
            for row in [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"]] {
                ui.horizontal(|ui| {
                    for d in row {
                        if widgets::button(ui, p, Kind::Secondary, d, None, size, 30.0).clicked() {
                            actions.push(Action::PinDigit(d.chars().next().unwrap_or('0')));
                        }
                    }
                });
            }
            ui.horizontal(|ui| {
                if widgets::button(ui, p, Kind::Secondary, "Clear", None, size, 24.0).clicked() {
                    actions.push(Action::PinClear);
                }
                if widgets::button(ui, p, Kind::Secondary, "0", None, size, 30.0).clicked() {
                    actions.push(Action::PinDigit('0'));
                }
                let ok = widgets::button(ui, p, Kind::Primary, "OK", None, size, 28.0);
                if ok.clicked() && k.pin_wait().is_none() {
                    actions.push(Action::PinSubmit);
                }
            });
            if widgets::button(ui, p, Kind::Secondary, "Cancel", None, egui::vec2(354.0, 60.0), 24.0)
                .clicked()
            {
                actions.push(Action::PinCancel);
            }
        },
    );
}
