//! The shape every kiosk screen shares, and what it tells tests about itself.
//!
//! A patron must reach every button whatever the screen, text size or
//! language: the top bar and the bottom bar keep their room, and the body
//! between them scrolls when it must, with a "more below" cue. Each frame the
//! screen records where its parts are ([`Regions`]) and any text that did not
//! fit where it was drawn ([`overflows`]); the layout matrix test and the
//! `preview` command read them, so a cut label is found by a machine before a
//! patron finds it.

use eframe::egui::{self, Context, Id, Rect};

/// Where the parts of the screen are this frame.
#[derive(Clone, Debug, PartialEq)]
pub struct Regions {
    /// Parts that never scroll (the top bar, the bottom bar).
    pub fixed: Vec<Rect>,
    /// The body: what is in it shows here or scrolls into view here.
    pub body: Rect,
    /// A card over the screen (the idle warning, the PIN pad), if one shows.
    pub overlay: Option<Rect>,
}

impl Default for Regions {
    fn default() -> Self {
        Regions { fixed: Vec::new(), body: Rect::NOTHING, overlay: None }
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

/// The regions of the last frame drawn, if it drew a screen.
pub fn regions(ctx: &Context) -> Option<Regions> {
    ctx.data(|d| d.get_temp::<Regions>(regions_id()))
        .filter(|r| r.body != Rect::NOTHING && r.body.is_positive())
}

/// Texts that did not fit where they were drawn in the last frame.
pub fn overflows(ctx: &Context) -> Vec<String> {
    ctx.data(|d| d.get_temp::<Vec<String>>(overflow_id())).unwrap_or_default()
}

/// Records a part that never scrolls.
pub fn fixed(ctx: &Context, rect: Rect) {
    ctx.data_mut(|d| d.get_temp_mut_or_default::<Regions>(regions_id()).fixed.push(rect));
}

/// Records the body.
pub fn body(ctx: &Context, rect: Rect) {
    ctx.data_mut(|d| d.get_temp_mut_or_default::<Regions>(regions_id()).body = rect);
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
