//! Endings. Solved: a clear success mark, one thank you, a countdown a
//! patron can see, and still the way to staff (a patron who tapped "it
//! worked" by mistake is not stuck). Handoff: built around the code the
//! patron carries to the desk: large and centred, its QR beside it, a line
//! saying to photograph or write it down, and the explanation after it.

use super::app::{Action, Kiosk};
use super::buttons::ButtonRow;
use super::layout;
use super::theme;
use super::widgets::{self, Kind};
use crate::flow::text::Rich;
use crate::flow::words::Word;
use crate::session::{Body, Session};
use eframe::egui::{self, Ui};

/// Draws the ending `s` reached.
pub fn show(k: &Kiosk, s: &Session, ui: &mut Ui, actions: &mut Vec<Action>) {
    let p = k.palette();
    let sizes = k.sizes();
    let screen = s.screen();
    let mut bar = ButtonRow::new(&sizes)
        .button(Kind::Secondary, format!("◀ {}", k.word(Word::Back)), Action::Back)
        .button(Kind::Primary, k.word(Word::Done), Action::Home);
    if matches!(screen.body, Body::Solved { .. }) {
        bar = bar.button(Kind::Staff, k.word(Word::StaffHelp), Action::AskStaff);
        // The countdown home stays in sight above the buttons, however long
        // the flow's words and however large the text.
        bar = bar.note(going_home(k), p.value_bg, p.text);
    }
    let more = k.word(Word::MoreBelow);
    let look = layout::Look { palette: p, more_below: &more, font: sizes.small };
    layout::screen(ui, ("ending", s.trail().len()), look, Some(bar), actions, |ui, _| {
        ui.with_layout(egui::Layout::top_down(egui::Align::Center), |ui| match &screen.body {
            Body::Solved { text } => solved(k, ui, text, screen.link.as_deref()),
            Body::Handoff { reason, .. } => handoff(k, ui, reason, screen.link.as_deref()),
            _ => {}
        });
    });
}

fn centred(ui: &mut Ui, text: egui::RichText) -> egui::Response {
    ui.add(egui::Label::new(text).wrap().halign(egui::Align::Center))
}

fn solved(k: &Kiosk, ui: &mut Ui, text: &Rich, link: Option<&str>) {
    let p = k.palette();
    let sizes = k.sizes();
    ui.add_space(8.0);
    // The success mark: a filled circle with a tick.
    let side = sizes.heading * 2.0;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
    let c = rect.center();
    let r = side / 2.0;
    ui.painter().circle_filled(c, r, p.primary);
    let tick = [
        c + egui::vec2(-0.45 * r, 0.0),
        c + egui::vec2(-0.12 * r, 0.33 * r),
        c + egui::vec2(0.48 * r, -0.3 * r),
    ];
    ui.painter().line(tick.to_vec(), egui::Stroke::new(r * 0.18, p.on_primary));
    centred(
        ui,
        egui::RichText::new(k.word(Word::SolvedTitle)).font(theme::bold(sizes.heading)).color(p.text),
    );
    let w = ui.available_width().min(1100.0 * k.base());
    ui.scope(|ui| {
        ui.set_max_width(w);
        // One thank you: the flow's own words say it; the kiosk's line only
        // stands in when they are empty.
        if text.plain().trim().is_empty() {
            centred(ui, egui::RichText::new(k.word(Word::SolvedThanks)).size(sizes.body * 1.1).color(p.text));
        } else {
            widgets::rich_label(ui, p, text, sizes.body * 1.1);
        }
        super::step::take_home(k, ui, link);
    });
}

/// "Going back to the start in N seconds", N counting down.
fn going_home(k: &Kiosk) -> String {
    let total = k.config.solved_return();
    let left = total.saturating_sub(k.now.saturating_sub(k.last_input)).as_secs() + 1;
    k.word_counted(Word::GoingHome, left.min(total.as_secs()))
}

fn handoff(k: &Kiosk, ui: &mut Ui, reason: &Rich, link: Option<&str>) {
    let p = k.palette();
    let sizes = k.sizes();
    let title = k.word(Word::HandoffTitle);
    let code = k.handoff_code();
    // The code must show whole as the screen opens: with large text on a
    // small screen (or a top bar on two lines) the headline gives up size
    // first, down to the body text's.
    let mut heading = sizes.heading;
    if code.is_some() {
        let w = ui.available_width();
        let height = |ui: &Ui, text: &str, font: egui::FontId| {
            ui.fonts_mut(|f| f.layout(text.to_string(), font, p.text, w)).size().y
        };
        let show = height(ui, &k.word(Word::ShowCode), egui::FontId::proportional(sizes.body));
        let room = ui.clip_rect().bottom() - ui.cursor().top();
        // The code's row: its box, or the QR beside it (never under
        // `QR_MIN`), and the room `code_and_qr` keeps under it.
        let code_h = (sizes.body * 1.3 + 40.0).max(QR_MIN + 32.0) + 2.0 * ui.spacing().item_spacing.y + 4.0;
        while heading > sizes.body && height(ui, &title, theme::bold(heading)) + show + code_h > room {
            heading = (heading * 0.9).max(sizes.body);
        }
    }
    centred(ui, egui::RichText::new(title).font(theme::bold(heading)).color(p.text));
    let Some(code) = code else {
        explanation(k, ui, reason, link);
        return;
    };
    centred(ui, egui::RichText::new(k.word(Word::ShowCode)).size(sizes.body).color(p.text));
    ui.add_space(4.0);
    code_and_qr(k, ui, &code);
    centred(ui, egui::RichText::new(k.word(Word::PhotoCode)).font(theme::bold(sizes.body)).color(p.text));
    ui.add_space(12.0);
    explanation(k, ui, reason, link);
    centred(ui, egui::RichText::new(k.word(Word::CodePrivate)).size(sizes.small).color(p.muted));
}

/// The reason and where to go.
fn explanation(k: &Kiosk, ui: &mut Ui, reason: &Rich, link: Option<&str>) {
    let p = k.palette();
    let sizes = k.sizes();
    let w = ui.available_width().min(1100.0 * k.base());
    ui.scope(|ui| {
        ui.set_max_width(w);
        widgets::rich_label(ui, p, reason, sizes.body);
        widgets::rich_label(ui, p, &k.word_rich(Word::HandoffWhere), sizes.body);
        super::step::take_home(k, ui, link);
    });
}

/// The QR's smallest side: a phone or a desk scanner reads it across a desk.
const QR_MIN: f32 = 120.0;

/// The code, as large as the width allows (readable across a desk), and its
/// QR at its right; under it when the screen is too narrow for both.
fn code_and_qr(k: &Kiosk, ui: &mut Ui, code: &str) {
    let p = k.palette();
    let sizes = k.sizes();
    let w = ui.available_width();
    // Whole without scrolling: no taller than what is left of the body as
    // the screen opens (large text on a small screen), but never smaller
    // than the body text.
    let left = ui.clip_rect().height() - (ui.cursor().top() - ui.max_rect().top()) - 32.0;
    let qr = (200.0 * k.base()).min(w * 0.3).min(left.max(QR_MIN));
    let margin = 24.0;
    // The box around the code (inner margin and line, both sides), and the
    // gap between it and the QR.
    let stroke = 4.0;
    let chrome = 2.0 * margin + 2.0 * stroke;
    let gap = 32.0;
    let width_at = |ui: &Ui, size: f32| {
        ui.fonts_mut(|f| f.layout_no_wrap(code.to_string(), egui::FontId::monospace(size), p.text)).size().x
    };
    let mut font = (sizes.heading * 1.8).min(150.0);
    let beside_room = w - qr - gap - chrome;
    let beside = width_at(ui, font.min(sizes.heading * 1.2)) <= beside_room;
    let room = if beside { beside_room } else { w - chrome };
    let at = width_at(ui, font);
    if at > room {
        font *= room / at;
    }
    font = font.min(left / 1.3).max(sizes.body);
    let code_box = |ui: &mut Ui| -> egui::Rect {
        egui::Frame::NONE
            .fill(p.card)
            .stroke(egui::Stroke::new(stroke, p.primary))
            .corner_radius(14)
            .inner_margin(egui::Margin::symmetric(margin as i8, 8))
            .show(ui, |ui| {
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(code).font(egui::FontId::monospace(font)).color(p.text).strong(),
                    )
                    .extend(),
                );
            })
            .response
            .rect
    };
    let qr_text = code.replace('-', "");
    let shown = if beside {
        let total = width_at(ui, font) + chrome + gap + qr;
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = 0.0;
            ui.add_space(((w - total) / 2.0).max(0.0));
            let code = code_box(ui);
            ui.add_space(gap);
            (code, widgets::qr(ui, &qr_text, qr).rect)
        })
        .inner
    } else {
        (code_box(ui), widgets::qr(ui, &qr_text, qr).rect)
    };
    super::layout::first_sight(ui.ctx(), shown.0);
    super::layout::first_sight(ui.ctx(), shown.1);
}
