//! The shape every kiosk screen shares, and what it tells tests about itself.
//!
//! A patron must reach every button whatever the screen, text size or
//! language: the top bar and the bottom bar keep their room, and the body
//! between them scrolls when it must, with a "more below" cue. Each frame the
//! screen records where its parts are ([`Regions`]) and any text that did not
//! fit where it was drawn ([`overflows`]); the layout matrix test and the
//! `preview` command read them, so a cut label is found by a machine before a
//! patron finds it.

use super::app::Action;
use super::buttons::ButtonRow;
use super::theme::Palette;
use eframe::egui::{self, Context, Id, Rect, Ui};

/// Where the parts of the screen are this frame.
#[derive(Clone, Debug, PartialEq)]
pub struct Regions {
    /// Parts that never scroll (the top bar, the bottom bar).
    pub fixed: Vec<Rect>,
    /// Where each control and text of those parts is (a part of the body
    /// scrolled under a bar must not be taken for it).
    pub fixed_items: Vec<Rect>,
    /// The body: what is in it shows here or scrolls into view here.
    pub body: Rect,
    /// A card over the screen (the PIN pad) or alone (the idle warning), if one shows.
    pub overlay: Option<Rect>,
    /// All the room the body has: its view and, while it scrolls, the
    /// "more below" cue under it.
    pub room: Rect,
    /// How tall the body's content is.
    pub content_height: f32,
    /// Whether the body shows a scroll bar (and its track).
    pub scroll_bar: bool,
    /// What must show whole as the screen opens, without scrolling (the
    /// handoff code and its QR).
    pub first_sight: Vec<Rect>,
}

impl Default for Regions {
    fn default() -> Self {
        Regions {
            fixed: Vec::new(),
            fixed_items: Vec::new(),
            body: Rect::NOTHING,
            overlay: None,
            room: Rect::NOTHING,
            content_height: 0.0,
            scroll_bar: false,
            first_sight: Vec::new(),
        }
    }
}

fn regions_id() -> Id {
    Id::unique("kiosk_layout_regions")
}

fn overflow_id() -> Id {
    Id::unique("kiosk_layout_overflows")
}

/// Forgets last frame's regions and overflows (call before drawing).
pub fn begin_frame(ctx: &Context) {
    ctx.data_mut(|d| {
        d.insert_temp(regions_id(), Regions::default());
        d.insert_temp(overflow_id(), Vec::<String>::new());
    });
}

/// The regions of the last frame drawn, if it drew a screen (or a card
/// alone, as the idle warning is).
pub fn regions(ctx: &Context) -> Option<Regions> {
    ctx.data(|d| d.get_temp::<Regions>(regions_id()))
        .filter(|r| (r.body != Rect::NOTHING && r.body.is_positive()) || r.overlay.is_some())
}

/// Texts that did not fit where they were drawn in the last frame.
pub fn overflows(ctx: &Context) -> Vec<String> {
    ctx.data(|d| d.get_temp::<Vec<String>>(overflow_id())).unwrap_or_default()
}

/// Records a part that never scrolls.
pub fn fixed(ctx: &Context, rect: Rect) {
    ctx.data_mut(|d| d.get_temp_mut_or_default::<Regions>(regions_id()).fixed.push(rect));
}

/// Records one control or text of a part that never scrolls.
pub fn fixed_item(ctx: &Context, rect: Rect) {
    ctx.data_mut(|d| d.get_temp_mut_or_default::<Regions>(regions_id()).fixed_items.push(rect));
}

/// Records something that must show whole as the screen opens.
pub fn first_sight(ctx: &Context, rect: Rect) {
    ctx.data_mut(|d| d.get_temp_mut_or_default::<Regions>(regions_id()).first_sight.push(rect));
}

/// Records the body.
pub fn body(ctx: &Context, rect: Rect) {
    ctx.data_mut(|d| d.get_temp_mut_or_default::<Regions>(regions_id()).body = rect);
}

/// Records how the body scrolled: all its room, its content's height and
/// whether it showed a scroll bar.
fn scrolled(ctx: &Context, room: Rect, content_height: f32, scroll_bar: bool) {
    ctx.data_mut(|d| {
        let r = d.get_temp_mut_or_default::<Regions>(regions_id());
        (r.room, r.content_height, r.scroll_bar) = (room, content_height, scroll_bar);
    });
}

fn room_id() -> Id {
    Id::unique("kiosk_layout_room")
}

/// All the room the body being drawn has (its view and the cue's place
/// under it), whether it scrolls or not: what a screen sizes its content to
/// so that it fits without scrolling when it can.
pub fn body_room(ctx: &Context) -> Option<Rect> {
    ctx.data(|d| d.get_temp::<Rect>(room_id()))
}

/// Records a card over the screen.
pub fn overlay(ctx: &Context, rect: Rect) {
    ctx.data_mut(|d| d.get_temp_mut_or_default::<Regions>(regions_id()).overlay = Some(rect));
}

/// Records text that did not fit: `what` says which and where.
pub fn overflow(ctx: &Context, what: String) {
    ctx.data_mut(|d| d.get_temp_mut_or_default::<Vec<String>>(overflow_id()).push(what));
}

/// Whether a laid-out text fits in `room` (half a pixel of slack).
pub fn fits(galley: &egui::Galley, room: egui::Vec2) -> bool {
    galley.size().x <= room.x + 0.5 && galley.size().y <= room.y + 0.5
}

/// How tall the "more below" cue is.
const CUE: f32 = 44.0;

/// Lays out a screen: the body in the room the bottom bar leaves, then the
/// bar at the foot, in that order (a screen reader reads the heading before
/// the bar). The body scrolls when it must; `id` names the screen, so a new
/// screen starts at its top.
pub fn screen(
    ui: &mut Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    look: Look<'_>,
    bar: Option<ButtonRow>,
    actions: &mut Vec<Action>,
    body: impl FnOnce(&mut Ui, &mut Vec<Action>),
) {
    let full = ui.max_rect();
    let ctx = ui.ctx().clone();
    let bar_h = bar.as_ref().map_or(0.0, |b| b.height(&ctx, full.width()));
    let gap = if bar.is_some() { 16.0 } else { 0.0 };
    let body_rect = Rect::from_min_max(full.min, egui::pos2(full.max.x, full.max.y - bar_h - gap));
    scroll_body(ui, body_rect, Id::unique("kiosk_body").with(id), look, |ui| body(ui, actions));
    if let Some(bar) = bar {
        let r = Rect::from_min_max(egui::pos2(full.min.x, full.max.y - bar_h), full.max);
        for item in bar.show(ui, r, look.palette, actions) {
            fixed_item(&ctx, item);
        }
        fixed(&ctx, r);
    }
    ui.advance_cursor_after_rect(full);
}

/// What the body needs to draw its cue: the colours and the words.
#[derive(Clone, Copy)]
pub struct Look<'a> {
    /// The theme.
    pub palette: &'a Palette,
    /// "More below", in the patron's language.
    pub more_below: &'a str,
    /// The size of the cue's text.
    pub font: f32,
}

/// A body that scrolls when its content is taller than `rect`, with a wide
/// scroll bar shown whenever it does (not only after scrolling) and, while
/// there is more below, a cue under it that says so (a fade was easy to
/// miss). When the content fits there is no scroll bar and no empty track:
/// whether it scrolls is decided against all of `rect` (cue included), with
/// a pixel of slack, not by egui's own test, which showed a track for
/// content a fraction of a pixel too tall.
fn scroll_body(ui: &mut Ui, rect: Rect, id: Id, look: Look<'_>, content: impl FnOnce(&mut Ui)) {
    let ctx = ui.ctx().clone();
    let key = id.with("more");
    let more = ctx.data(|d| d.get_temp::<bool>(key)).unwrap_or(false);
    let cue_h = if more { CUE.max(look.font * 1.5) } else { 0.0 };
    let view = Rect::from_min_max(rect.min, egui::pos2(rect.max.x, (rect.max.y - cue_h).max(rect.min.y)));
    let mut child =
        ui.new_child(egui::UiBuilder::new().max_rect(view).layout(egui::Layout::top_down(egui::Align::Min)));
    let bars = if more {
        egui::scroll_area::ScrollBarVisibility::AlwaysVisible
    } else {
        egui::scroll_area::ScrollBarVisibility::AlwaysHidden
    };
    ctx.data_mut(|d| d.insert_temp(room_id(), rect));
    let out = egui::ScrollArea::vertical()
        .id_salt(id)
        .auto_shrink([false, false])
        .max_height(view.height())
        .scroll_bar_visibility(bars)
        .show(&mut child, content);
    ctx.data_mut(|d| d.remove::<Rect>(room_id()));
    // Measured at the width it had: narrower with the bar, so content that
    // fits with the bar fits without it too (no flicker between the two).
    let overflowing = out.content_size.y > rect.height() + 1.0;
    if overflowing != more {
        ctx.data_mut(|d| d.insert_temp(key, overflowing));
        ctx.request_repaint();
    }
    scrolled(&ctx, rect, out.content_size.y, out.inner_rect.width() < view.width() - 1.0);
    body(&ctx, out.inner_rect);
    if more {
        let cue = Rect::from_min_max(egui::pos2(rect.min.x, view.max.y), rect.max);
        fixed(&ctx, cue);
        let below = out.content_size.y - out.state.clamped_offset().y - out.inner_rect.height() > 1.0;
        if below {
            let p = look.palette;
            ui.painter().rect_filled(cue.shrink2(egui::vec2(0.0, 4.0)), 10, p.value_bg);
            let text = egui::RichText::new(format!("▼  {}  ▼", look.more_below))
                .font(super::theme::bold(look.font))
                .color(p.text);
            let shown = ui.scope_builder(
                egui::UiBuilder::new()
                    .max_rect(cue)
                    .layout(egui::Layout::centered_and_justified(egui::Direction::TopDown)),
                |ui| ui.add(egui::Label::new(text).truncate()),
            );
            fixed_item(&ctx, shown.inner.rect);
        }
    }
}
