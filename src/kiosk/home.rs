//! Home: a greeting, a tile per flow, and the way to a person.

use super::app::{Action, Kiosk};
use super::widgets::{self, Kind};
use crate::flow::words::Word;
use eframe::egui::{self, Ui};

/// Draws the home screen.
pub fn show(k: &Kiosk, ui: &mut Ui, actions: &mut Vec<Action>) {
    let p = k.palette();
    let sizes = k.sizes();
    if k.unavailable {
        // The library's flows cannot be used and none were kept. The only
        // flows at hand are the built-in demo ones, whose branch names and
        // desks are not this library's: say only that staff will help.
        ui.add_space(sizes.heading);
        widgets::heading(ui, &k.word(Word::HandoffTitle), p.text, sizes.heading);
        ui.add_space(12.0);
        widgets::text(ui, &k.word(Word::SomethingElseSub), p.text, sizes.body);
        return;
    }
    let bar = egui::Panel::bottom("home_bottom")
        .show_separator_line(false)
        .frame(egui::Frame::NONE.inner_margin(egui::Margin { top: 16, ..Default::default() }))
        .show(ui, |ui| {
            let w = ui.available_width();
            let label = k.word(Word::StaffHelp);
            if widgets::button(ui, p, Kind::Staff, &label, None, egui::vec2(w, sizes.button), sizes.body)
                .clicked()
            {
                actions.push(Action::StaffFromHome);
            }
        });
    super::layout::fixed(ui.ctx(), bar.response.rect);
    super::layout::body(ui.ctx(), ui.max_rect());
    widgets::heading(ui, &k.word(Word::Greeting), p.text, sizes.heading);
    ui.add_space(8.0);

    let set = k.set.clone();
    let branch = k.branch().clone();
    let tiles: Vec<(String, String, Option<String>, String)> = set
        .visible_flows(&branch)
        .map(|(_, f)| {
            let title = set.render(&f.title, &k.patron.lang, &branch).plain();
            let sub = f.subtitle.as_ref().map(|s| set.render(s, &k.patron.lang, &branch).plain());
            (f.id.clone(), title, sub, f.icon.clone())
        })
        .collect();

    let bottom = 0.0;
    let avail = ui.available_size();
    let count = tiles.len() + 1;
    let columns = if avail.x > 1000.0 {
        4
    } else if avail.x > 700.0 {
        3
    } else {
        2
    };
    let columns = columns.min(count).max(1);
    let rows = count.div_ceil(columns);
    let gap = 20.0;
    let width = (avail.x - gap * (columns as f32 - 1.0)) / columns as f32;
    // Tiles fill the screen, but never get too small for their text: with
    // large text they grow and the grid scrolls.
    let fit = (avail.y - bottom - gap * (rows as f32 - 1.0)) / rows as f32;
    let height = fit.max(sizes.body * 6.5).clamp(120.0, 320.0);
    let size = egui::vec2(width, height);
    let font = sizes.body * 0.93;

    egui::ScrollArea::vertical().max_height(avail.y - bottom).auto_shrink([false, true]).show(ui, |ui| {
        egui::Grid::new("tiles").spacing(egui::vec2(gap, gap)).show(ui, |ui| {
            for (i, (id, title, sub, icon)) in tiles.iter().enumerate() {
                let tex = k.pictures.get(ui.ctx(), &k.assets, icon);
                if widgets::tile(ui, p, tex.as_ref(), title, sub.as_deref(), size, font, false).clicked() {
                    actions.push(Action::StartFlow(id.clone()));
                }
                if (i + 1) % columns == 0 {
                    ui.end_row();
                }
            }
            let tex = k.pictures.get(ui.ctx(), &k.assets, "icons/staff.png");
            let else_title = k.word(Word::SomethingElse);
            let else_sub = k.word(Word::SomethingElseSub);
            if widgets::tile(ui, p, tex.as_ref(), &else_title, Some(&else_sub), size, font, true).clicked() {
                actions.push(Action::StaffFromHome);
            }
        });
    });
}
