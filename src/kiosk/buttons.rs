//! A row of big buttons that always keeps its room: the bottom bar of every
//! screen (Back, Start over, Get help from staff) and any set of buttons
//! that must stay whole in every language and text size.
//!
//! Each button is as wide as its words need. When they do not all fit on one
//! line, the row becomes two or more lines of whole buttons, never buttons
//! whose words wrap into clipping. Built like an egui widget:
//! `ButtonRow::new(&sizes).button(Kind::Secondary, "Back", Action::Back)`.

use super::app::Action;
use super::theme::{Palette, Sizes};
use super::widgets::{self, Kind};
use eframe::egui::{self, Context, Rect, Ui};

/// One button of the row.
struct Item {
    kind: Kind,
    label: String,
    action: Action,
}

/// A line of text above the buttons that never scrolls away (the solved
/// screen's countdown), centred on a pill of its own colour.
struct Note {
    text: String,
    fill: egui::Color32,
    color: egui::Color32,
}

/// Room around a note's words.
const NOTE_MARGIN: egui::Vec2 = egui::vec2(20.0, 10.0);

/// Buttons laid out in as few full-width lines as their words allow.
pub struct ButtonRow {
    items: Vec<Item>,
    note: Option<Note>,
    font: f32,
    height: f32,
    gap: f32,
}

impl ButtonRow {
    /// An empty row at the patron's text size.
    pub fn new(sizes: &Sizes) -> Self {
        ButtonRow { items: Vec::new(), note: None, font: sizes.body, height: sizes.button, gap: 16.0 }
    }

    /// A row with its own text size and button height (staff screens).
    pub fn sized(font: f32, height: f32) -> Self {
        ButtonRow { items: Vec::new(), note: None, font, height: height.max(64.0), gap: 16.0 }
    }

    /// Adds a button that does `action` when pressed.
    pub fn button(mut self, kind: Kind, label: impl Into<String>, action: Action) -> Self {
        self.items.push(Item { kind, label: label.into(), action });
        self
    }

    /// A line above the buttons, in `color` on a pill of `fill`: with the
    /// buttons, it never scrolls out of sight.
    pub fn note(mut self, text: impl Into<String>, fill: egui::Color32, color: egui::Color32) -> Self {
        self.note = Some(Note { text: text.into(), fill, color });
        self
    }

    /// The note's words laid out in `width`.
    fn note_galley(&self, ctx: &Context, width: f32) -> Option<std::sync::Arc<egui::Galley>> {
        self.note.as_ref().map(|n| {
            let wrap = (width - 2.0 * NOTE_MARGIN.x).max(1.0);
            ctx.fonts_mut(|f| f.layout(n.text.clone(), super::theme::bold(self.font), n.color, wrap))
        })
    }

    /// The width each button's words need on one line, with its margins.
    fn natural(&self, ctx: &Context) -> Vec<f32> {
        self.items
            .iter()
            .map(|i| {
                let g = ctx.fonts_mut(|f| {
                    f.layout_no_wrap(i.label.clone(), super::theme::bold(self.font), egui::Color32::WHITE)
                });
                g.size().x + 56.0
            })
            .collect()
    }

    /// The buttons by line, each with its width: as many whole buttons per
    /// line as fit, every line filling `width`.
    fn arrange(&self, ctx: &Context, width: f32) -> Vec<Vec<(usize, f32)>> {
        let need = self.natural(ctx);
        let mut lines: Vec<Vec<usize>> = Vec::new();
        let mut used = 0.0;
        for (i, w) in need.iter().enumerate() {
            match lines.last_mut() {
                Some(line) if used + self.gap + w <= width => {
                    line.push(i);
                    used += self.gap + w;
                }
                _ => {
                    lines.push(vec![i]);
                    used = *w;
                }
            }
        }
        lines
            .into_iter()
            .map(|line| {
                let sum: f32 = line.iter().map(|&i| need[i]).sum();
                let spare = (width - sum - self.gap * (line.len() as f32 - 1.0)).max(0.0);
                // The last button of a line (the way to staff) takes what is
                // left, so the most important button is the biggest.
                let last = line.len() - 1;
                line.iter()
                    .enumerate()
                    .map(|(n, &i)| (i, (need[i] + if n == last { spare } else { 0.0 }).min(width)))
                    .collect()
            })
            .collect()
    }

    /// The height the row takes at `width`.
    pub fn height(&self, ctx: &Context, width: f32) -> f32 {
        let lines = self.arrange(ctx, width).len().max(1) as f32;
        let note = self.note_galley(ctx, width).map_or(0.0, |g| g.size().y + 2.0 * NOTE_MARGIN.y + self.gap);
        note + lines * self.height + (lines - 1.0) * self.gap
    }

    /// Draws the row in `rect`; a pressed button's action goes to `actions`.
    /// Returns where each button is (a bottom bar records them as parts that
    /// never scroll; a row inside the scrolling body must not).
    pub fn show(self, ui: &mut Ui, rect: Rect, p: &Palette, actions: &mut Vec<Action>) -> Vec<Rect> {
        let lines = self.arrange(ui.ctx(), rect.width());
        let mut placed = Vec::new();
        let mut y = rect.top();
        if let (Some(note), Some(galley)) = (&self.note, self.note_galley(ui.ctx(), rect.width())) {
            let pill = Rect::from_center_size(
                egui::pos2(rect.center().x, y + galley.size().y / 2.0 + NOTE_MARGIN.y),
                galley.size() + 2.0 * NOTE_MARGIN,
            );
            ui.painter().rect_filled(pill, 12, note.fill);
            // A label, so a screen reader reads it where it shows.
            let text = egui::RichText::new(&note.text).font(super::theme::bold(self.font)).color(note.color);
            let label = ui.scope_builder(
                egui::UiBuilder::new()
                    .max_rect(pill.shrink2(NOTE_MARGIN))
                    .layout(egui::Layout::top_down(egui::Align::Center)),
                |ui| ui.add(egui::Label::new(text).wrap().halign(egui::Align::Center)),
            );
            placed.push(label.inner.rect);
            y = pill.bottom() + self.gap;
        }
        for line in lines {
            let mut x = rect.left();
            for (i, w) in line {
                let item = &self.items[i];
                let r = Rect::from_min_size(egui::pos2(x, y), egui::vec2(w, self.height));
                let pressed = ui
                    .scope_builder(egui::UiBuilder::new().max_rect(r), |ui| {
                        widgets::button(ui, p, item.kind, &item.label, None, r.size(), self.font).clicked()
                    })
                    .inner;
                placed.push(r);
                if pressed {
                    actions.push(item.action.clone());
                }
                x += w + self.gap;
            }
            y += self.height + self.gap;
        }
        placed
    }
}
