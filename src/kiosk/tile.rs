//! A home-screen tile: its number key, an icon, a title and an optional
//! second line, built like an egui widget:
//! `Tile::new("Print something", font).number(1).icon(tex).show(ui, p, size)`.
//!
//! Every tile of a grid gets the same icon size from the grid, so icons and
//! titles line up across a row. Icons are white shapes tinted with the
//! theme's colour, so they stay visible on black in high contrast.

use super::layout;
use super::theme::{self, Palette};
use eframe::egui::{
    self, Align2, Color32, CornerRadius, FontId, Rect, Response, Sense, Stroke, StrokeKind, Ui, Vec2,
    WidgetInfo, text::LayoutJob,
};

/// A tile, configured before it is shown.
pub struct Tile<'a> {
    title: &'a str,
    subtitle: Option<&'a str>,
    icon: Option<&'a egui::TextureHandle>,
    number: Option<usize>,
    dashed: bool,
    icon_side: f32,
    text_room: f32,
    font: f32,
}

/// Room inside a tile's border.
pub const PAD: f32 = 12.0;
/// Space between the icon, the title and the second line.
pub const GAP: f32 = 6.0;

impl<'a> Tile<'a> {
    /// A tile with a title in bold at `font`.
    pub fn new(title: &'a str, font: f32) -> Self {
        Tile {
            title,
            subtitle: None,
            icon: None,
            number: None,
            dashed: false,
            icon_side: 0.0,
            text_room: 0.0,
            font,
        }
    }

    /// The second line, smaller.
    pub fn subtitle(mut self, s: Option<&'a str>) -> Self {
        self.subtitle = s;
        self
    }

    /// The icon (a white-on-transparent mask) and its side in points.
    pub fn icon(mut self, tex: Option<&'a egui::TextureHandle>, side: f32) -> Self {
        self.icon = tex;
        self.icon_side = side;
        self
    }

    /// The number key that also chooses it.
    pub fn number(mut self, n: usize) -> Self {
        self.number = (n <= 9).then_some(n);
        self
    }

    /// The tallest text of the grid, so icons start at one height in every
    /// tile.
    pub fn text_room(mut self, h: f32) -> Self {
        self.text_room = h;
        self
    }

    /// A dashed look, for the tile that leads to staff.
    pub fn dashed(mut self) -> Self {
        self.dashed = true;
        self
    }

    /// The size of the second line's text.
    pub fn small(font: f32) -> f32 {
        font * 0.74
    }

    /// The height the title and second line need at `width` (inner width).
    pub fn text_height(&self, ui: &Ui, width: f32) -> f32 {
        let t = self.galley(ui, self.title, theme::bold(self.font), Color32::WHITE, width);
        let s = self.subtitle.map_or(0.0, |s| {
            GAP + self
                .galley(ui, s, FontId::proportional(Self::small(self.font)), Color32::WHITE, width)
                .size()
                .y
        });
        t.size().y + s
    }

    fn galley(
        &self,
        ui: &Ui,
        text: &str,
        font: FontId,
        color: Color32,
        width: f32,
    ) -> std::sync::Arc<egui::Galley> {
        let mut job = LayoutJob::simple(text.to_string(), font, color, width);
        job.halign = egui::Align::Center;
        ui.fonts_mut(|f| f.layout_job(job))
    }

    /// Draws the tile at `size`.
    pub fn show(self, ui: &mut Ui, p: &Palette, size: Vec2) -> Response {
        let (rect, response) = ui.allocate_exact_size(size, Sense::click());
        response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, self.title));
        if !ui.is_rect_visible(rect) {
            return response;
        }
        let hovered = response.hovered() || response.is_pointer_button_down_on();
        let painter = ui.painter().clone();
        // The face is the page's own colour, so it is not drawn at all: on a
        // PC without a GPU the white faces of a home screen were almost half
        // of each frame's cost (docs/performance.md). Under a pointer it
        // takes a tint.
        let fill = if hovered { p.tile_hover() } else { Color32::TRANSPARENT };
        let border = if self.dashed { Stroke::new(3.0, p.muted) } else { Stroke::new(3.0, p.border) };
        painter.rect(rect, CornerRadius::same(16), fill, border, StrokeKind::Inside);
        if response.has_focus() {
            super::widgets::focus_ring(&painter, p, rect, 16);
        }
        let inner = rect.shrink(PAD);
        if let Some(n) = self.number {
            // Above the icon beside it; on a tile without an icon (a grid
            // short of room) on the tile's corner, clear of the words.
            let (r, c) = if self.icon_side > 0.0 {
                let r = (self.font * 0.62).max(16.0);
                (r, inner.min + egui::vec2(r, r))
            } else {
                let r = (self.font * 0.5).max(13.0);
                (r, rect.min + egui::vec2(2.0, 2.0))
            };
            painter.circle_filled(c, r, p.primary);
            painter.text(c, Align2::CENTER_CENTER, n.to_string(), theme::bold(self.font * 0.8), p.on_primary);
        }
        let title = self.galley(ui, self.title, theme::bold(self.font), p.text, inner.width());
        let sub = self.subtitle.map(|s| {
            self.galley(ui, s, FontId::proportional(Self::small(self.font)), p.muted, inner.width())
        });
        let text_h = title.size().y + sub.as_ref().map_or(0.0, |g| GAP + g.size().y);
        let icon_h = if self.icon.is_some() && self.icon_side > 0.0 { self.icon_side + GAP } else { 0.0 };
        if text_h + icon_h > inner.height() + 0.5 {
            layout::overflow(
                ui.ctx(),
                format!("the tile `{}` ({:.0}x{:.0})", self.title, rect.width(), rect.height()),
            );
        }
        // Icons start at one height in every tile of the grid; the text
        // under them.
        let mut y = inner.top() + ((inner.height() - text_h.max(self.text_room) - icon_h) / 2.0).max(0.0);
        if let Some(tex) = self.icon.filter(|_| self.icon_side > 0.0) {
            let r = Rect::from_center_size(
                egui::pos2(inner.center().x, y + self.icon_side / 2.0),
                Vec2::splat(self.icon_side),
            );
            let uv = Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0));
            painter.image(tex.id(), r, uv, p.primary);
            y += icon_h;
        }
        // Centred galleys are laid out around x = 0.
        let th = title.size().y;
        painter.galley(egui::pos2(inner.center().x, y), title, p.text);
        if let Some(g) = sub {
            painter.galley(egui::pos2(inner.center().x, y + th + GAP), g, p.muted);
        }
        response
    }
}
