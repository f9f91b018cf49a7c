//! Home: a greeting, a numbered tile per flow, "Something else?", and the way
//! to a person.
//!
//! The grid always shows every tile: it picks the number of columns that fits
//! all of them on the screen with room for their words, and only when none
//! does (the largest text on a small screen) does the body scroll, with the
//! "more below" cue. A tile is never dropped and its words are never cut.

use super::app::{Action, Kiosk};
use super::buttons::ButtonRow;
use super::layout;
use super::tile::{self, Tile};
use super::widgets::{self, Kind};
use crate::flow::words::Word;
use eframe::egui::{self, Ui};

/// One tile's content.
struct Entry {
    title: String,
    sub: Option<String>,
    icon: String,
    action: Action,
    dashed: bool,
}

/// Draws the home screen.
pub fn show(k: &Kiosk, ui: &mut Ui, actions: &mut Vec<Action>) {
    let p = k.palette();
    let sizes = k.sizes();
    let more = k.word(Word::MoreBelow);
    let look = layout::Look { palette: p, more_below: &more, font: sizes.small };
    if k.unavailable {
        // The library's flows cannot be used and none were kept. The only
        // flows at hand are the built-in demo ones, whose branch names and
        // desks are not this library's: say only that staff will help.
        layout::screen(ui, "home-unavailable", look, None, actions, |ui, _| {
            ui.add_space(sizes.heading);
            widgets::heading(ui, &k.word(Word::HandoffTitle), p.text, sizes.heading);
            ui.add_space(12.0);
            widgets::text(ui, &k.word(Word::SomethingElseSub), p.text, sizes.body);
        });
        return;
    }
    let bar = ButtonRow::new(&sizes).button(Kind::Staff, k.word(Word::StaffHelp), Action::StaffFromHome);
    layout::screen(ui, "home", look, Some(bar), actions, |ui, actions| {
        widgets::heading(ui, &k.word(Word::Greeting), p.text, sizes.heading);
        ui.add_space(8.0);
        grid(k, ui, &entries(k), actions);
    });
}

fn entries(k: &Kiosk) -> Vec<Entry> {
    let set = &k.set;
    let branch = k.branch();
    let mut out: Vec<Entry> = set
        .visible_flows(branch)
        .map(|(_, f)| Entry {
            title: set.render(&f.title, &k.patron.lang, branch).plain(),
            sub: f.subtitle.as_ref().map(|s| set.render(s, &k.patron.lang, branch).plain()),
            icon: f.icon.clone(),
            action: Action::StartFlow(f.id.clone()),
            dashed: false,
        })
        .collect();
    out.push(Entry {
        title: k.word(Word::SomethingElse),
        sub: Some(k.word(Word::SomethingElseSub)),
        icon: "icons/staff.png".into(),
        action: Action::StaffFromHome,
        dashed: true,
    });
    out
}

/// How the grid is cut: columns, tile size, icon side, tallest text, and
/// the tiles' font.
struct Cut {
    columns: usize,
    size: egui::Vec2,
    icon: f32,
    text: f32,
    font: f32,
}

/// The room the grid has and the text each column count needs, at one
/// font size.
struct Measure {
    /// (columns, tile width, tallest text) for each column count whose
    /// tiles hold their widest word.
    columns: Vec<(usize, f32, f32)>,
    /// The width and height the grid has.
    w: f32,
    h: f32,
    gap: f32,
    n: usize,
    font: f32,
}

fn measure(k: &Kiosk, ui: &Ui, entries: &[Entry], font: f32) -> Measure {
    // Inside the scrolling body: all the room the body has (a cue or a
    // scroll bar last frame does not count) below the heading, whatever the
    // scroll offset.
    let used = ui.cursor().top() - ui.max_rect().top();
    let room = layout::body_room(ui.ctx()).map_or(ui.clip_rect().height(), |r| r.height());
    let (w, h) = (ui.available_width(), room - used);
    let gap = 16.0 * k.base();
    let n = entries.len();
    // The widest word of any title: a tile narrower than it would break the
    // word in two ("Somethin / g else?").
    let word = entries
        .iter()
        .flat_map(|e| e.title.split_whitespace())
        .map(|w| {
            ui.fonts_mut(|f| f.layout_no_wrap(w.to_string(), super::theme::bold(font), egui::Color32::WHITE))
                .size()
                .x
        })
        .fold(0.0, f32::max);
    // The text each column count needs (measured once).
    let columns = (1..=n.min(6))
        .filter_map(|columns| {
            let tile_w = (w - gap * (columns as f32 - 1.0)) / columns as f32;
            let narrow = tile_w < (font * 6.0).max(200.0 * k.base());
            if (narrow || tile_w - 2.0 * tile::PAD < word) && columns > 1 {
                return None;
            }
            let inner = tile_w - 2.0 * tile::PAD;
            let text = entries
                .iter()
                .map(|e| Tile::new(&e.title, font).subtitle(e.sub.as_deref()).text_height(ui, inner))
                .fold(0.0, f32::max);
            Some((columns, tile_w, text))
        })
        .collect();
    Measure { columns, w, h, gap, n, font }
}

/// The columns that show every tile on screen with icons of at least
/// `icon_min` (none if 0) as big as they fit, if any do.
fn fitting(k: &Kiosk, m: &Measure, icon_min: f32) -> Option<Cut> {
    let icon_max = 112.0 * k.base();
    let mut best: Option<(f32, Cut)> = None;
    for &(columns, tile_w, text) in &m.columns {
        let inner = tile_w - 2.0 * tile::PAD;
        let icon_room = if icon_min > 0.0 { tile::GAP + icon_min } else { 0.0 };
        let need = text + 2.0 * tile::PAD + icon_room;
        let rows = m.n.div_ceil(columns);
        let fit = ((m.h - m.gap * (rows as f32 - 1.0)) / rows as f32).floor();
        if fit < need {
            continue;
        }
        let icon = if icon_min > 0.0 {
            (fit - text - 2.0 * tile::PAD - tile::GAP).min(inner * 0.6).clamp(icon_min, icon_max)
        } else {
            0.0
        };
        let icon_room = if icon > 0.0 { tile::GAP + icon } else { 0.0 };
        let height = fit.min(text + 2.0 * tile::PAD + icon_room + 60.0 * k.base());
        // The biggest icons; without icons, the words least wrapped.
        let score = if icon > 0.0 { icon * 1000.0 + tile_w.min(height) } else { tile_w - 10.0 * text };
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, Cut { columns, size: egui::vec2(tile_w, height), icon, text, font: m.font }));
        }
    }
    best.map(|(_, c)| c)
}

/// Picks the columns that show every tile on screen with the biggest icons.
/// When none can at the usual icon size: smaller icons, then none, then all
/// that again with the tiles' words a tenth smaller (a long translation at
/// 1280x800); only when nothing fits at all does the body scroll, with the columns
/// that leave the most room for words. Tiles never get narrower than six
/// characters of their text (nor 200 px), and their words never go below
/// 22 px.
fn cut(k: &Kiosk, ui: &Ui, entries: &[Entry], font: f32) -> Cut {
    // Icons as big as they fit, then small ones, then none: every tile on
    // screen matters more than its picture, and its words more than both.
    let first_fit = |m: &Measure| [1.3, 0.9, 0.0].into_iter().find_map(|icon| fitting(k, m, m.font * icon));
    let m = measure(k, ui, entries, font);
    if let Some(c) = first_fit(&m) {
        return c;
    }
    // Smaller words are measured only when the usual ones do not fit.
    let small = (font * 0.9).max(22.0);
    if small < font
        && let Some(c) = first_fit(&measure(k, ui, entries, small))
    {
        return c;
    }
    // Scrolling: two columns (one when narrow) keep words whole.
    let icon_min = font * 1.3;
    m.columns
        .iter()
        .filter(|(columns, ..)| *columns <= 2)
        .max_by_key(|(columns, ..)| *columns)
        .map(|&(columns, tile_w, text)| {
            let icon = icon_min.min((tile_w - 2.0 * tile::PAD) * 0.5);
            let height = text + 2.0 * tile::PAD + tile::GAP + icon;
            Cut { columns, size: egui::vec2(tile_w, height), icon, text, font }
        })
        .unwrap_or(Cut { columns: 1, size: egui::vec2(m.w, 200.0), icon: 0.0, text: 0.0, font })
}

fn grid(k: &Kiosk, ui: &mut Ui, entries: &[Entry], actions: &mut Vec<Action>) {
    let p = k.palette();
    let font = k.sizes().body * 0.85;
    let c = cut(k, ui, entries, font);
    let font = c.font;
    let gap = 16.0 * k.base();
    // Rows of tiles of one size: no egui::Grid, which remembers its cells'
    // sizes from the frame before and asks for another frame when they
    // change (a text-size change would cost two frames, the first with
    // the old sizes).
    ui.scope(|ui| {
        ui.spacing_mut().item_spacing = egui::vec2(gap, gap);
        for (r, row) in entries.chunks(c.columns.max(1)).enumerate() {
            ui.horizontal(|ui| {
                for (j, e) in row.iter().enumerate() {
                    let i = r * c.columns.max(1) + j;
                    let tex = k.pictures.icon(ui.ctx(), &k.assets, &e.icon);
                    let mut tile = Tile::new(&e.title, font)
                        .subtitle(e.sub.as_deref())
                        // "Something else?" is 0, the key that asks for staff on
                        // every screen (with a number pad's 0 and F1).
                        .number(if e.dashed { 0 } else { i + 1 })
                        .icon(tex.as_ref(), c.icon)
                        .text_room(c.text);
                    if e.dashed {
                        tile = tile.dashed();
                    }
                    if tile.show(ui, p, c.size).clicked() {
                        actions.push(e.action.clone());
                    }
                }
            });
        }
    });
}
