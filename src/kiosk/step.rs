//! Step and question screens: large text with branch values highlighted, the
//! picture beside it (under it on a portrait screen), numbered choices, and
//! always Back, Start over and Get help from staff at the foot.

use super::app::{Action, Kiosk};
use super::buttons::ButtonRow;
use super::layout;
use super::widgets::{self, Kind};
use crate::flow::text::Rich;
use crate::flow::words::Word;
use crate::session::{Body, Session};
use eframe::egui::{self, Ui};

/// Draws the current step or question of `s`.
pub fn show(k: &Kiosk, s: &Session, ui: &mut Ui, actions: &mut Vec<Action>) {
    let p = k.palette();
    let sizes = k.sizes();
    let screen = s.screen();
    let (text, picture, choices) = match &screen.body {
        Body::Step { text, picture } => (text, picture, None),
        Body::Question { text, picture, choices } => (text, picture, Some(choices)),
        _ => return,
    };
    let bar = ButtonRow::new(&sizes)
        .button(Kind::Secondary, format!("◀ {}", k.word(Word::Back)), Action::Back)
        .button(Kind::Secondary, format!("↺ {}", k.word(Word::StartOver)), Action::Home)
        .button(Kind::Staff, k.word(Word::StaffHelp), Action::AskStaff);
    let more = k.word(Word::MoreBelow);
    let look = layout::Look { palette: p, more_below: &more, font: sizes.small };
    // Each screen of the walk starts at its top.
    let id = ("step", s.trail().len());
    layout::screen(ui, id, look, Some(bar), actions, |ui, actions| {
        let where_ = k
            .set
            .word(Word::StepOf, &k.patron.lang, k.branch())
            .plain()
            .replace("{flow}", &screen.flow_title)
            .replace("{n}", &screen.step.to_string());
        widgets::text(ui, &where_, p.muted, sizes.small);
        if !k.patron.offer_dismissed && s.should_offer_help(k.now, k.config.offer_help_after()) {
            offer(k, ui, actions);
        }
        let tex = picture.as_ref().and_then(|name| k.pictures.get(ui.ctx(), &k.assets, name));
        let w = ui.available_width();
        let portrait = ui.ctx().content_rect().aspect_ratio() < 1.0;
        match &tex {
            Some(tex) if !portrait && w > 700.0 => {
                let text_w = (w * 0.56).floor();
                ui.horizontal_top(|ui| {
                    ui.allocate_ui_with_layout(
                        egui::vec2(text_w, 0.0),
                        egui::Layout::top_down(egui::Align::Min),
                        |ui| {
                            ui.set_width(text_w);
                            content(k, ui, text, screen.link.as_deref(), choices, actions);
                        },
                    );
                    ui.add_space(24.0);
                    let room = egui::vec2(ui.available_width(), ui.clip_rect().height() * 0.8);
                    framed_picture(k, ui, tex, room);
                });
            }
            Some(tex) => {
                // Portrait or narrow: the picture under the text, full width.
                widgets::rich_label(ui, p, text, sizes.body * 1.1);
                take_home(k, ui, screen.link.as_deref());
                let room = egui::vec2(ui.available_width(), ui.clip_rect().height() * 0.45);
                framed_picture(k, ui, tex, room);
                answers(k, ui, choices, actions);
            }
            None => {
                ui.scope(|ui| {
                    ui.set_max_width(w.min(1100.0 * k.base()));
                    content(k, ui, text, screen.link.as_deref(), choices, actions);
                });
            }
        }
    });
}

/// The text, its take-home link, then the choices or Next.
fn content(
    k: &Kiosk,
    ui: &mut Ui,
    text: &Rich,
    link: Option<&str>,
    choices: Option<&Vec<Rich>>,
    actions: &mut Vec<Action>,
) {
    widgets::rich_label(ui, k.palette(), text, k.sizes().body * 1.1);
    take_home(k, ui, link);
    answers(k, ui, choices, actions);
}

/// A step's web link as a QR code with its short address, to take home on a
/// phone.
pub(super) fn take_home(k: &Kiosk, ui: &mut Ui, link: Option<&str>) {
    if let Some(link) = link {
        widgets::take_home(ui, k.palette(), link, k.sizes().body);
    }
}

/// Full-width numbered choices, 16 px apart, each as tall as its words
/// need; or Next on a step.
fn answers(k: &Kiosk, ui: &mut Ui, choices: Option<&Vec<Rich>>, actions: &mut Vec<Action>) {
    let p = k.palette();
    let sizes = k.sizes();
    ui.add_space(12.0);
    let w = ui.available_width();
    ui.spacing_mut().item_spacing.y = 16.0;
    match choices {
        Some(choices) => {
            for (i, label) in choices.iter().enumerate() {
                let n = i + 1;
                let text = label.plain();
                let h = widgets::button_height(ui, &text, w, sizes.body, Some(n), sizes.button);
                let r = widgets::button(
                    ui,
                    p,
                    Kind::Primary,
                    &text,
                    (n <= 9).then_some(n),
                    egui::vec2(w, h),
                    sizes.body,
                );
                if r.clicked() {
                    actions.push(Action::Choose(n));
                }
            }
        }
        None => {
            let next = k.word(Word::Next);
            let bw = w.min(420.0 * k.base());
            let h = widgets::button_height(ui, &next, bw, sizes.body, None, sizes.button);
            if widgets::button(ui, p, Kind::Primary, &next, None, egui::vec2(bw, h), sizes.body).clicked() {
                actions.push(Action::Next);
            }
        }
    }
}

/// A step's picture in a frame: white behind it in the light theme; in high
/// contrast a bright border and the picture dimmed, so it does not glare.
fn framed_picture(k: &Kiosk, ui: &mut Ui, tex: &egui::TextureHandle, room: egui::Vec2) {
    let p = k.palette();
    let contrast = k.patron.contrast;
    let size = tex.size_vec2();
    let room = room - egui::vec2(30.0, 30.0);
    let scale = (room.x / size.x).min(room.y / size.y).min(2.0 * k.base()).max(0.1);
    let tint = if contrast { egui::Color32::from_gray(200) } else { egui::Color32::WHITE };
    egui::Frame::NONE
        .fill(if contrast { p.background } else { egui::Color32::WHITE })
        .stroke(egui::Stroke::new(3.0, p.border))
        .corner_radius(16)
        .inner_margin(12)
        .show(ui, |ui| {
            ui.add(egui::Image::new((tex.id(), size * scale)).tint(tint).alt_text(k.word(Word::Picture)));
        });
}

/// The kiosk's own offer of staff help, after a long time in one flow.
fn offer(k: &Kiosk, ui: &mut Ui, actions: &mut Vec<Action>) {
    let p = k.palette();
    let sizes = k.sizes();
    egui::Frame::NONE
        .fill(p.card)
        .stroke(egui::Stroke::new(3.0, p.staff))
        .corner_radius(12)
        .inner_margin(16)
        .show(ui, |ui| {
            widgets::text(ui, &k.word(Word::OfferHelp), p.text, sizes.body);
            ui.add_space(8.0);
            let row = ButtonRow::new(&sizes)
                .button(Kind::Staff, k.word(Word::StaffHelp), Action::AcceptOffer)
                .button(Kind::Secondary, k.word(Word::OfferHelpDismiss), Action::DismissOffer);
            let w = ui.available_width();
            let h = row.height(ui.ctx(), w);
            let (rect, _) = ui.allocate_exact_size(egui::vec2(w, h), egui::Sense::hover());
            // In the scrolling body: not recorded as a fixed part.
            let _ = row.show(ui, rect, p, actions);
        });
}
