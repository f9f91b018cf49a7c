//! Step and question screens: large text with branch values highlighted, the
//! picture beside it, numbered choices, and always Back, Start over and Get
//! help from staff.

use super::app::{Action, Kiosk};
use super::widgets::{self, Kind};
use crate::flow::words::Word;
use crate::session::{Body, Session};
use eframe::egui::{self, Ui};

/// Draws the current step or question of `s`.
pub fn show(k: &Kiosk, s: &Session, ui: &mut Ui, actions: &mut Vec<Action>) {
    let p = k.palette();
    let sizes = k.sizes();
    let screen = s.screen();
    nav_bar(k, ui, actions, false);
    let (text, picture, choices) = match &screen.body {
        Body::Step { text, picture } => (text, picture, None),
        Body::Question { text, picture, choices } => (text, picture, Some(choices)),
        _ => return,
    };

    let where_ = k
        .set
        .word(Word::StepOf, &k.patron.lang, k.branch())
        .plain()
        .replace("{flow}", &screen.flow_title)
        .replace("{n}", &screen.step.to_string());
    widgets::text(ui, &where_, p.muted, sizes.small);

    let offer = !k.patron.offer_dismissed && s.should_offer_help(k.now, k.config.offer_help_after());
    if offer {
        egui::Frame::NONE
            .fill(p.card)
            .stroke(egui::Stroke::new(3.0, p.staff))
            .corner_radius(12)
            .inner_margin(16)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    widgets::text(ui, &k.word(Word::OfferHelp), p.text, sizes.body);
                });
                ui.horizontal(|ui| {
                    let h = sizes.button;
                    if widgets::button(
                        ui,
                        p,
                        Kind::Staff,
                        &k.word(Word::StaffHelp),
                        None,
                        egui::vec2(360.0, h),
                        sizes.body,
                    )
                    .clicked()
                    {
                        actions.push(Action::AcceptOffer);
                    }
                    let dismiss = k.word(Word::OfferHelpDismiss);
                    if widgets::button(
                        ui,
                        p,
                        Kind::Secondary,
                        &dismiss,
                        None,
                        egui::vec2(360.0, h),
                        sizes.body,
                    )
                    .clicked()
                    {
                        actions.push(Action::DismissOffer);
                    }
                });
            });
    }

    let bottom = 0.0;
    let avail = ui.available_size();
    let tex = picture.as_ref().and_then(|name| k.pictures.get(ui.ctx(), &k.assets, name));
    let text_width = if tex.is_some() { avail.x * 0.55 } else { avail.x.min(1100.0) };

    ui.horizontal_top(|ui| {
        ui.allocate_ui_with_layout(
            egui::vec2(text_width, avail.y - bottom),
            egui::Layout::top_down(egui::Align::Min),
            |ui| {
                egui::ScrollArea::vertical().id_salt("step_text").auto_shrink([false, false]).show(
                    ui,
                    |ui| {
                        widgets::rich_label(ui, p, text, sizes.body * 1.1);
                        ui.add_space(12.0);
                        let w = ui.available_width();
                        match choices {
                            Some(choices) => {
                                // Five or six answers still fit an 800 px
                                // screen: buttons stay at least 64 px high.
                                let many = choices.len() > 4;
                                let h = if many { (sizes.button * 0.89).max(64.0) } else { sizes.button };
                                if many {
                                    ui.spacing_mut().item_spacing.y = 10.0;
                                }
                                for (i, label) in choices.iter().enumerate() {
                                    let n = i + 1;
                                    let number = (n <= 9).then_some(n);
                                    let r = widgets::button(
                                        ui,
                                        p,
                                        Kind::Primary,
                                        &label.plain(),
                                        number,
                                        egui::vec2(w, h),
                                        sizes.body,
                                    );
                                    if r.clicked() {
                                        actions.push(Action::Choose(n));
                                    }
                                }
                            }
                            None => {
                                let r = widgets::button(
                                    ui,
                                    p,
                                    Kind::Primary,
                                    &k.word(Word::Next),
                                    None,
                                    egui::vec2(w.min(420.0), sizes.button),
                                    sizes.body,
                                );
                                if r.clicked() {
                                    actions.push(Action::Next);
                                }
                            }
                        }
                    },
                );
            },
        );
        if let Some(tex) = &tex {
            ui.add_space(24.0);
            let room = egui::vec2(ui.available_width(), avail.y - bottom - 8.0);
            let size = tex.size_vec2();
            let scale = (room.x / size.x).min(room.y / size.y).min(2.0);
            egui::Frame::NONE
                .fill(egui::Color32::WHITE)
                .stroke(egui::Stroke::new(2.0, p.border))
                .corner_radius(16)
                .inner_margin(12)
                .show(ui, |ui| {
                    ui.add(egui::Image::new((tex.id(), size * scale * 0.95)).alt_text(k.word(Word::Picture)));
                });
        }
    });
}

/// Back, Start over and Get help from staff, on every screen of a flow; on
/// an ending, Back and Done. Call it before the content: it takes its room
/// from the bottom.
pub fn nav_bar(k: &Kiosk, ui: &mut Ui, actions: &mut Vec<Action>, ending: bool) {
    let p = k.palette();
    let sizes = k.sizes();
    let bar = egui::Panel::bottom("nav_bar")
        .show_separator_line(false)
        .frame(egui::Frame::NONE.inner_margin(egui::Margin { top: 16, ..Default::default() }))
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                let w = ui.available_width();
                let gap = 20.0;
                let h = sizes.button;
                // Each button as wide as its words need (at least a quarter of
                // the row), so no language has to shrink or wrap them.
                let need = |ui: &Ui, text: &str| {
                    let g = ui.fonts_mut(|f| {
                        f.layout_no_wrap(
                            text.to_string(),
                            super::theme::bold(sizes.body),
                            egui::Color32::WHITE,
                        )
                    });
                    (g.size().x + 56.0).max((w - 2.0 * gap) * 0.25)
                };
                let back = format!("◀ {}", k.word(Word::Back));
                let back_w = need(ui, &back);
                if widgets::button(ui, p, Kind::Secondary, &back, None, egui::vec2(back_w, h), sizes.body)
                    .clicked()
                {
                    actions.push(Action::Back);
                }
                ui.add_space(gap - 16.0);
                if ending {
                    let rest = ui.available_width();
                    let done = k.word(Word::Done);
                    if widgets::button(ui, p, Kind::Primary, &done, None, egui::vec2(rest, h), sizes.body)
                        .clicked()
                    {
                        actions.push(Action::Home);
                    }
                    return;
                }
                let over = format!("↺ {}", k.word(Word::StartOver));
                let over_w = need(ui, &over);
                if widgets::button(ui, p, Kind::Secondary, &over, None, egui::vec2(over_w, h), sizes.body)
                    .clicked()
                {
                    actions.push(Action::Home);
                }
                ui.add_space(gap - 16.0);
                let rest = ui.available_width();
                let staff = k.word(Word::StaffHelp);
                if widgets::button(ui, p, Kind::Staff, &staff, None, egui::vec2(rest, h), sizes.body)
                    .clicked()
                {
                    actions.push(Action::AskStaff);
                }
            });
        });
    super::layout::fixed(ui.ctx(), bar.response.rect);
    super::layout::body(ui.ctx(), ui.max_rect());
}
