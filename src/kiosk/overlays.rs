//! Screens over the others: "Are you still there?" and the staff PIN pad.

use super::app::{Action, Kiosk};
use super::layout;
use super::theme::{self, Palette};
use super::widgets::{self, Kind};
use crate::flow::words::Word;
use eframe::egui::{self, Align2, Color32, Id, Order, Stroke, Ui};
use std::time::Duration;

/// A card in the middle of the screen, as tall as what it holds (scrolling
/// inside it on a screen too small for it), over the screen dimmed if `dim`.
fn card(ui: &Ui, id: &str, p: &Palette, width: f32, dim: bool, content: impl FnOnce(&mut Ui)) {
    let ctx = ui.ctx().clone();
    let screen = ctx.content_rect();
    if dim {
        egui::Area::new(Id::unique(id).with("dim"))
            .order(Order::Foreground)
            .fixed_pos(screen.min)
            .interactable(false)
            .show(&ctx, |ui| {
                ui.painter().rect_filled(screen, 0, Color32::from_black_alpha(190));
            });
    }
    let width = width.min(screen.width() - 2.0 * 56.0);
    let shown = egui::Area::new(Id::unique(id))
        .order(Order::Foreground)
        .anchor(Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(&ctx, |ui| {
            egui::Frame::NONE
                .fill(p.card)
                .stroke(Stroke::new(3.0, p.border))
                .corner_radius(20)
                .inner_margin(24)
                .show(ui, |ui| {
                    ui.set_width(width);
                    ui.with_layout(egui::Layout::top_down(egui::Align::Center), content);
                });
        });
    layout::overlay(&ctx, shown.response.rect);
}

/// The idle warning: a card asks and a ring counts down, alone on the
/// dimmed background ([`Kiosk::backdrop`]): drawing nothing under it keeps
/// the countdown's frame a second cheap on a PC without a GPU.
pub fn idle(k: &Kiosk, ui: &mut Ui, wipe_in: Duration, actions: &mut Vec<Action>) {
    let p = k.palette();
    let sizes = k.sizes();
    card(ui, "idle_overlay", p, 680.0 * k.base(), false, |ui| {
        ui.add(
            egui::Label::new(
                egui::RichText::new(k.word(Word::IdleTitle)).font(theme::bold(sizes.heading)).color(p.text),
            )
            .wrap()
            .halign(egui::Align::Center),
        );
        ui.add(
            egui::Label::new(egui::RichText::new(k.word(Word::IdleBody)).size(sizes.body).color(p.text))
                .wrap()
                .halign(egui::Align::Center),
        );
        let seconds = wipe_in.as_secs() + u64::from(wipe_in.subsec_nanos() > 0);
        ring(k, ui, seconds);
        let w = ui.available_width().min(520.0 * k.base());
        let label = k.word(Word::StillHere);
        let h = widgets::button_height(ui, &label, w, sizes.body * 1.1, None, sizes.button * 1.15);
        if widgets::button(ui, p, Kind::Primary, &label, None, egui::vec2(w, h), sizes.body * 1.1).clicked() {
            actions.push(Action::StillHere);
        }
    });
}

/// The countdown ring: a grey track, the rust arc on it, the seconds in bold
/// in the middle. The arc moves in whole seconds, with the number, so the
/// kiosk draws one frame a second while it shows. A screen reader reads the
/// seconds as words ("29 seconds").
fn ring(k: &Kiosk, ui: &mut Ui, seconds: u64) {
    let p = k.palette();
    let sizes = k.sizes();
    let side = (sizes.heading * 3.4).round();
    let (rect, response) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
    let said = k.word_counted(Word::IdleSeconds, seconds);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &said));
    let total = k.config.idle_reset().as_secs().max(1);
    let frac = (seconds as f32 / total as f32).clamp(0.0, 1.0);
    let center = rect.center();
    let width = (side * 0.09).round();
    let r = side / 2.0 - width;
    let arc = |to: f32, steps: usize| -> Vec<egui::Pos2> {
        (0..=steps)
            .map(|i| {
                let a = -std::f32::consts::FRAC_PI_2 + std::f32::consts::TAU * to * i as f32 / steps as f32;
                center + r * egui::vec2(a.cos(), a.sin())
            })
            .collect()
    };
    let track =
        egui::epaint::PathShape::closed_line(arc(1.0, 96)[..96].to_vec(), Stroke::new(width, p.border));
    ui.painter().add(track);
    if frac > 0.0 {
        ui.painter().add(egui::Shape::line(arc(frac, 96), Stroke::new(width, p.staff)));
    }
    ui.painter().text(center, Align2::CENTER_CENTER, seconds.to_string(), theme::bold(side * 0.36), p.staff);
}

/// The staff PIN pad, centred. Staff-facing, so in the library's working
/// language.
pub fn pin_pad(k: &Kiosk, ui: &mut Ui, actions: &mut Vec<Action>) {
    let Some(pad) = &k.pin.pad else { return };
    let p = k.palette();
    card(ui, "pin_overlay", p, 420.0, true, |ui| {
        if let Some(why) = &pad.closed {
            // No PIN can open it: say why, and only offer to close.
            widgets::text(ui, "Staff mode is closed", p.text, 34.0);
            ui.add_space(16.0);
            widgets::text(ui, why, p.text, 24.0);
            ui.add_space(24.0);
            if widgets::button(ui, p, Kind::Primary, "Close", None, egui::vec2(362.0, 64.0), 26.0).clicked() {
                actions.push(Action::PinCancel);
            }
            return;
        }
        widgets::text(ui, "Staff PIN", p.text, 34.0);
        let dots = if pad.entered.is_empty() { "—".to_string() } else { "●".repeat(pad.entered.len()) };
        widgets::text(ui, &dots, p.text, 34.0);
        let status = match (k.pin_wait(), &pad.message) {
            (Some(s), _) => format!("Wrong PIN. Try again in {s} s."),
            (None, Some(m)) => m.clone(),
            (None, None) => "Type the PIN, then OK.".into(),
        };
        widgets::text(ui, &status, p.muted, 22.0);
        let size = egui::vec2(110.0, 64.0);
        let rows: [[(&str, f32); 3]; 4] = [
            [("1", 30.0), ("2", 30.0), ("3", 30.0)],
            [("4", 30.0), ("5", 30.0), ("6", 30.0)],
            [("7", 30.0), ("8", 30.0), ("9", 30.0)],
            [("Clear", 24.0), ("0", 30.0), ("OK", 28.0)],
        ];
        let row_w = 3.0 * size.x + 2.0 * 16.0;
        for row in rows {
            // Each row as wide as its keys: centred in the card.
            ui.allocate_ui_with_layout(
                egui::vec2(row_w, size.y),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.spacing_mut().item_spacing.x = 16.0;
                    for (key, font) in row {
                        let kind = if key == "OK" { Kind::Primary } else { Kind::Secondary };
                        if !widgets::button(ui, p, kind, key, None, size, font).clicked() {
                            continue;
                        }
                        match key {
                            "Clear" => actions.push(Action::PinClear),
                            "OK" if k.pin_wait().is_none() => actions.push(Action::PinSubmit),
                            "OK" => {}
                            d => actions.push(Action::PinDigit(d.chars().next().unwrap_or('0'))),
                        }
                    }
                },
            );
        }
        if widgets::button(ui, p, Kind::Secondary, "Cancel", None, egui::vec2(row_w, 64.0), 24.0).clicked() {
            actions.push(Action::PinCancel);
        }
    });
}
