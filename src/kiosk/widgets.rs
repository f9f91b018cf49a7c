//! The kiosk's own widgets: big buttons that a stressed patron can hit, with
//! a name a screen reader reads (AccessKit) and a visible focus ring for
//! keyboard users.

use super::theme::Palette;
use crate::flow::text::{Rich, Span};
use eframe::egui::{
    self, Align2, Color32, CornerRadius, FontId, Rect, Response, Sense, Stroke, StrokeKind, Ui, Vec2,
    WidgetInfo, text::LayoutJob,
};
use eframe::epaint::Galley;
use std::sync::Arc;

/// How a button looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Filled navy: answers.
    Primary,
    /// Outlined: Back, Start over, text size.
    Secondary,
    /// Filled rust: the way to a person.
    Staff,
    /// On the navy top bar.
    OnBar {
        /// Whether it is the current choice (a language).
        selected: bool,
    },
}

/// A button of exactly `size`, with `label` as its text and its accessible
/// name. `number`, if given, is drawn in a circle before the label (the key
/// that also chooses it). [`BigButton`] names it otherwise or marks the
/// current one of a set.
pub fn button(
    ui: &mut Ui,
    p: &Palette,
    kind: Kind,
    label: &str,
    number: Option<usize>,
    size: Vec2,
    font: f32,
) -> Response {
    BigButton::new(kind, label).number(number).show(ui, p, size, font)
}

/// The height a [`button`] of `width` needs for `label`: `min`, unless its
/// words do not fit on one line even a little smaller, then as tall as
/// they wrap.
pub fn button_height(ui: &Ui, label: &str, width: f32, font: f32, number: Option<usize>, min: f32) -> f32 {
    let left = match number {
        Some(_) => 24.0 + 2.0 * (font * 0.85).max(20.0) + 18.0,
        None => 12.0,
    };
    let room = (width - 12.0 - left).max(10.0);
    let layout = |size: f32| {
        ui.fonts_mut(|f| f.layout(label.to_string(), super::theme::bold(size), Color32::WHITE, room))
    };
    if [1.0, 0.9, 0.8, 0.72].iter().any(|k| layout(font * k).rows.len() <= 1) {
        return min;
    }
    (layout(font).size().y + 24.0).max(min)
}

/// A big button, built then shown:
/// `BigButton::new(Kind::OnBar { selected: false }, "A+").named("Larger text").show(ui, p, size, font)`.
#[must_use]
pub struct BigButton<'a> {
    kind: Kind,
    label: &'a str,
    name: Option<&'a str>,
    number: Option<usize>,
    current: Option<bool>,
}

impl<'a> BigButton<'a> {
    /// A button of `kind` showing `label`, which is also its name.
    pub fn new(kind: Kind, label: &'a str) -> Self {
        BigButton { kind, label, name: None, number: None, current: None }
    }

    /// An accessible name that differs from what is drawn (a screen reader
    /// says "Larger text" where the button shows "A+").
    pub fn named(self, name: &'a str) -> Self {
        BigButton { name: Some(name), ..self }
    }

    /// A number drawn in a circle before the label (the key that also
    /// chooses it); without [`BigButton::named`], the name starts with it.
    pub fn number(self, number: Option<usize>) -> Self {
        BigButton { number, ..self }
    }

    /// One of a set where one is current (a language): a screen reader says
    /// whether it is pressed.
    pub fn current(self, current: bool) -> Self {
        BigButton { current: Some(current), ..self }
    }

    /// What a screen reader is told.
    fn info(&self) -> WidgetInfo {
        let name = match (self.name, self.number) {
            (Some(name), _) => name.to_string(),
            (None, Some(n)) => format!("{n}. {}", self.label),
            (None, None) => self.label.to_string(),
        };
        match self.current {
            Some(current) => WidgetInfo::selected(egui::Role::Button, true, current, name),
            None => WidgetInfo::labeled(egui::Role::Button, true, name),
        }
    }

    /// Draws it at exactly `size`, its words in `font` (set a little smaller,
    /// then wrapped, when they do not fit).
    pub fn show(self, ui: &mut Ui, p: &Palette, size: Vec2, font: f32) -> Response {
        let info = self.info();
        let name = info.label.clone().unwrap_or_default();
        let (rect, response) = ui.allocate_exact_size(size, Sense::click());
        response.widget_info(|| info.clone());
        if !ui.is_rect_visible(rect) {
            return response;
        }
        let hovered = response.hovered() || response.is_pointer_button_down_on();
        let (fill, text, stroke) = colours(self.kind, p);
        let fill = if hovered { blend(fill, text, 0.12) } else { fill };
        let painter = ui.painter();
        // An unselected top-bar button's face is the bar itself: not filled
        // again (every layer of pixels costs CPU on a PC without a GPU).
        let face = if self.kind == (Kind::OnBar { selected: false }) && !hovered {
            Color32::TRANSPARENT
        } else {
            fill
        };
        painter.rect(rect, CornerRadius::same(12), face, stroke, StrokeKind::Inside);
        if response.has_focus() {
            focus_ring(painter, p, rect, 12);
        }
        let mut left = rect.left() + 12.0;
        if let Some(n) = self.number {
            let r = (font * 0.85).max(20.0);
            let center = egui::pos2(rect.left() + 24.0 + r, rect.center().y);
            painter.circle_filled(center, r, text);
            painter.text(center, Align2::CENTER_CENTER, n.to_string(), super::theme::bold(font), fill);
            left = rect.left() + 24.0 + 2.0 * r + 18.0;
        }
        let width = (rect.right() - 12.0 - left).max(10.0);
        let galley = fitted(painter, self.label, font, text, width);
        if !super::layout::fits(&galley, egui::vec2(width, rect.height())) {
            super::layout::overflow(
                ui.ctx(),
                format!("the button `{name}` ({:.0}x{:.0})", rect.width(), rect.height()),
            );
        }
        let x = if self.number.is_some() { left } else { rect.center().x - galley.size().x / 2.0 };
        let pos = egui::pos2(x.max(rect.left() + 8.0), rect.center().y - galley.size().y / 2.0);
        painter.galley(pos, galley, text);
        response
    }
}

/// The ring around the control with the keyboard focus, drawn with corners
/// of `radius`: outside it, so it never covers the control's own outline.
pub fn focus_ring(painter: &egui::Painter, p: &Palette, rect: Rect, radius: u8) {
    painter.rect_stroke(
        rect.expand(4.0),
        CornerRadius::same(radius + 2),
        Stroke::new(4.0, p.focus),
        StrokeKind::Outside,
    );
}

/// A button's fill, text colour and outline.
fn colours(kind: Kind, p: &Palette) -> (Color32, Color32, Stroke) {
    match kind {
        Kind::Primary => (p.primary, p.on_primary, Stroke::NONE),
        Kind::Staff => (p.staff, p.on_staff, Stroke::NONE),
        Kind::Secondary => (p.card, p.primary, Stroke::new(3.0, p.primary)),
        Kind::OnBar { selected: true } => (p.on_primary, p.primary, Stroke::NONE),
        Kind::OnBar { selected: false } => (p.primary, p.on_primary, Stroke::new(2.0, p.on_primary)),
    }
}

/// A label laid out in `width`: a label that does not fit on one line is
/// first set a little smaller, and only then wrapped ("Empezar de nuevo" on
/// a narrow button).
fn fitted(painter: &egui::Painter, label: &str, font: f32, text: Color32, width: f32) -> Arc<Galley> {
    let mut galley = painter.layout(label.to_string(), super::theme::bold(font), text, width);
    for factor in [0.9, 0.8, 0.72] {
        if galley.rows.len() <= 1 {
            break;
        }
        let smaller = painter.layout(label.to_string(), super::theme::bold(font * factor), text, width);
        if smaller.rows.len() <= 1 {
            galley = smaller;
        }
    }
    galley
}

/// Patron text with the values a branch filled in on a highlight.
pub fn rich_label(ui: &mut Ui, p: &Palette, text: &Rich, font: f32) -> Response {
    let mut job = LayoutJob::default();
    for span in &text.0 {
        let (s, bg, font_id) = match span {
            Span::Plain(s) => (s, Color32::TRANSPARENT, FontId::proportional(font)),
            Span::Value(s) => (s, p.value_bg, super::theme::bold(font)),
        };
        job.append(
            s,
            0.0,
            egui::TextFormat {
                font_id,
                color: p.text,
                background: bg,
                line_height: Some(font * 1.35),
                ..Default::default()
            },
        );
    }
    job.wrap.max_width = ui.available_width();
    ui.add(egui::Label::new(job).wrap())
}

/// Plain text in a colour and size, wrapped.
pub fn text(ui: &mut Ui, s: &str, color: Color32, font: f32) -> Response {
    ui.add(egui::Label::new(egui::RichText::new(s).color(color).size(font)).wrap())
}

pub(super) fn blend(a: Color32, b: Color32, t: f32) -> Color32 {
    let mix = |x: u8, y: u8| (f32::from(x) * (1.0 - t) + f32::from(y) * t).round() as u8;
    Color32::from_rgb(mix(a.r(), b.r()), mix(a.g(), b.g()), mix(a.b(), b.b()))
}

/// A bold headline, wrapped.
pub fn heading(ui: &mut Ui, s: &str, color: Color32, font: f32) -> Response {
    ui.add(egui::Label::new(egui::RichText::new(s).color(color).font(super::theme::bold(font))).wrap())
}

/// A take-home link: its QR code for the patron's phone and the short
/// address under it, for copying by hand.
pub fn take_home(ui: &mut Ui, p: &super::theme::Palette, link: &str, font: f32) {
    ui.add_space(12.0);
    qr(ui, link, 200.0);
    text(ui, crate::flow::model::short_address(link), p.text, font);
}

/// A QR code of `text`, `side` points square, dark on white with a quiet
/// zone, for the desk's 2D barcode scanner.
pub fn qr(ui: &mut Ui, text: &str, side: f32) -> Response {
    let (rect, response) = ui.allocate_exact_size(Vec2::splat(side), Sense::hover());
    let Ok(code) = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M) else {
        return response;
    };
    let n = code.width();
    let colors = code.to_colors();
    let painter = ui.painter();
    painter.rect_filled(rect, 0, Color32::WHITE);
    let quiet = 4.0;
    let module = side / (n as f32 + 2.0 * quiet);
    for (i, c) in colors.iter().enumerate() {
        if *c == qrcode::Color::Dark {
            let (x, y) = ((i % n) as f32, (i / n) as f32);
            let min = rect.min + egui::vec2((x + quiet) * module, (y + quiet) * module);
            painter.rect_filled(Rect::from_min_size(min, Vec2::splat(module + 0.3)), 0, Color32::BLACK);
        }
    }
    response
}
