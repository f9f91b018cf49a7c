//! The navy bar at the top of every patron screen: where you are, then the
//! controls (text size, contrast, languages), left to right as a screen
//! reader reads them. Two languages are two buttons that switch at once;
//! three or more are one button, a globe and the current language, that
//! opens the language screen ([`super::languages`]).
//!
//! The controls are one list ([`controls`]): adding one is one line there.
//! When the title and the controls do not fit on one line (a small screen, a
//! long branch name, a long translation), the title goes on two lines a
//! little smaller, the branch over the kiosk's name; when even that does not
//! fit, the title takes its own line and the controls wrap onto as many
//! lines as they need. Nothing is cut.

use super::app::{Action, Kiosk};
use super::languages;
use super::layout;
use super::theme;
use super::widgets::{BigButton, Kind};
use crate::flow::words::Word;
use eframe::egui::{self, Rect, Ui};

/// One control on the bar.
struct Control {
    /// What the button shows.
    shown: String,
    /// What a screen reader says.
    name: String,
    /// Whether it is on (the current language, high contrast).
    selected: bool,
    /// What pressing it does.
    action: Action,
    /// Whether a globe is drawn before the words (the language screen).
    globe: bool,
}

/// The bar's controls, in reading order.
fn controls(k: &Kiosk) -> Vec<Control> {
    let c = |shown: &str, name: String, selected: bool, action: Action| Control {
        shown: shown.to_string(),
        name,
        selected,
        action,
        globe: false,
    };
    let mut out = vec![
        c("A−", k.word(Word::TextSmaller), false, Action::TextSize(-1)),
        c("A+", k.word(Word::TextLarger), false, Action::TextSize(1)),
        c(&k.word(Word::Contrast), k.word(Word::Contrast), k.patron.contrast, Action::Contrast),
        c(&k.word(Word::ReadAloud), k.word(Word::ReadAloud), k.patron.read_aloud, Action::ReadAloud),
    ];
    if languages::picker(k) {
        let name = languages::own_name(k, &k.patron.lang);
        let label = format!("{}: {name}", k.word(Word::Languages));
        out.push(Control { globe: true, ..c(&name, label, false, Action::OpenLanguages) });
        return out;
    }
    for lang in &k.languages {
        let name = languages::own_name(k, lang);
        out.push(c(&name, name.clone(), *lang == k.patron.lang, Action::Language(lang.clone())));
    }
    out
}

/// Height of the bar's buttons: a target a shaky hand can hit.
const TARGET: f32 = 64.0;
/// Space between controls.
const GAP: f32 = 12.0;

/// Draws the bar.
pub fn show(k: &Kiosk, ui: &mut Ui, actions: &mut Vec<Action>) {
    let p = k.palette();
    // The bar keeps one size (it holds the text size buttons themselves),
    // grown with the screen.
    let font = (24.0 * k.base()).round();
    let bar = egui::Panel::top("top_bar")
        .frame(egui::Frame::NONE.fill(p.primary).inner_margin(egui::Margin::symmetric(28, 10)))
        .show(ui, |ui| {
            let list = controls(k);
            let widths = widths(ui.ctx(), &list, font);
            let all = row_width(&widths);
            let area = ui.available_rect_before_wrap();
            let w = area.width();
            // The title beside the controls: on one line, or set smaller on
            // two (the branch over the kiosk's name); alone on its line,
            // wrapped, only when the controls need the whole width.
            let beside = w - all - 2.0 * GAP;
            let (title, title_font, one_line) = title(k, ui.ctx(), font, beside);
            let title_room = if one_line { beside } else { w };
            let title_h = show_title(k, ui, &title, title_font, title_room, one_line);
            // The controls, right-aligned, on as many lines as they need.
            let lines = wrap(&widths, if one_line { all } else { w });
            let mut y =
                if one_line { area.top() + (title_h - TARGET) / 2.0 } else { area.top() + title_h + 8.0 };
            for line in &lines {
                let mut x = area.right() - row_width(&line.iter().map(|&i| widths[i]).collect::<Vec<_>>());
                for &i in line {
                    let r = Rect::from_min_size(egui::pos2(x, y), egui::vec2(widths[i], TARGET));
                    if show_control(k, ui, &list[i], r, font) {
                        actions.push(list[i].action.clone());
                    }
                    x += widths[i] + GAP;
                }
                y += TARGET + 8.0;
            }
            let bottom = if one_line { area.top() + title_h } else { y - 8.0 };
            ui.advance_cursor_after_rect(Rect::from_min_max(area.min, egui::pos2(area.right(), bottom)));
        });
    layout::fixed(ui.ctx(), bar.response.rect);
}

/// The bar's title, its font, and whether it fits beside the controls in
/// `beside`: the branch and the kiosk's name on one line, else the two on
/// two lines a little smaller ("Central Library" over "Quiosco de ayuda"),
/// else (neither fits) the one line, for a line of its own. With no usable
/// flows the branch name would be the demo one, so it is left out.
fn title(k: &Kiosk, ctx: &egui::Context, font: f32, beside: f32) -> (String, egui::FontId, bool) {
    let big = theme::bold(font * 1.05);
    let name = k.word(Word::KioskTitle);
    if k.unavailable {
        let fits = text_width(ctx, &name, big.clone()) <= beside;
        return (name, big, fits);
    }
    let branch = &k.branch().name;
    let one = format!("{branch} · {name}");
    if text_width(ctx, &one, big.clone()) <= beside {
        return (one, big, true);
    }
    let small = theme::bold(font * 0.85);
    let two_fit =
        [branch.as_str(), name.as_str()].iter().all(|l| text_width(ctx, l, small.clone()) <= beside);
    // Two lines of the smaller font stay within a control's height.
    if two_fit && 2.0 * ctx.fonts_mut(|f| f.row_height(&small)) <= TARGET {
        return (format!("{branch}\n{name}"), small, true);
    }
    (one, big, false)
}

/// How wide `s` is on one line in `font`.
fn text_width(ctx: &egui::Context, s: &str, font: egui::FontId) -> f32 {
    ctx.fonts_mut(|fo| fo.layout_no_wrap(s.to_string(), font, egui::Color32::WHITE)).size().x
}

/// The radius of the language button's globe.
fn globe_radius(font: f32) -> f32 {
    font * 0.5
}

/// Each control's width: its words and padding, never under [`TARGET`]. A
/// globe takes room on both sides, so the words stay centred.
fn widths(ctx: &egui::Context, list: &[Control], font: f32) -> Vec<f32> {
    list.iter()
        .map(|c| {
            let extra = if c.globe { 4.0 * globe_radius(font) } else { 0.0 };
            (text_width(ctx, &c.shown, theme::bold(font)) + 40.0 + extra).max(TARGET)
        })
        .collect()
}

/// The width of controls side by side, with the gaps between them.
fn row_width(widths: &[f32]) -> f32 {
    widths.iter().sum::<f32>() + GAP * (widths.len() as f32 - 1.0)
}

/// The controls' indices in lines no wider than `room` (a control wider
/// than `room` has a line of its own).
fn wrap(widths: &[f32], room: f32) -> Vec<Vec<usize>> {
    let mut lines: Vec<Vec<usize>> = vec![Vec::new()];
    let mut used = 0.0;
    for (i, cw) in widths.iter().enumerate() {
        if lines.last().is_some_and(|l| !l.is_empty()) && used + GAP + cw > room {
            lines.push(Vec::new());
            used = 0.0;
        }
        let Some(line) = lines.last_mut() else { break };
        used += if line.is_empty() { *cw } else { GAP + cw };
        line.push(i);
    }
    lines
}

/// Draws the title in `room` at the bar's top left, wrapped, and records
/// it (and whether it was cut) for the layout checks. Returns its height
/// (at least a control's beside the controls).
fn show_title(
    k: &Kiosk,
    ui: &mut Ui,
    title: &str,
    title_font: egui::FontId,
    room: f32,
    one_line: bool,
) -> f32 {
    let ctx = ui.ctx().clone();
    let p = k.palette();
    let area = ui.available_rect_before_wrap();
    let galley = ctx.fonts_mut(|f| f.layout(title.to_string(), title_font.clone(), p.on_primary, room));
    let title_h = galley.size().y.max(if one_line { TARGET } else { 0.0 });
    let title_rect = Rect::from_min_size(area.min, egui::vec2(room, title_h));
    let text = egui::RichText::new(title).color(p.on_primary).font(title_font);
    // Centred in the bar's height, wrapped at the room it was measured in.
    let text_rect = Rect::from_min_size(
        area.min + egui::vec2(0.0, ((title_h - galley.size().y) / 2.0).max(0.0)),
        egui::vec2(room, galley.size().y),
    );
    let shown = ui.scope_builder(
        egui::UiBuilder::new().max_rect(text_rect).layout(egui::Layout::top_down(egui::Align::Min)),
        |ui| ui.add(egui::Label::new(text).wrap()),
    );
    layout::fixed_item(&ctx, shown.inner.rect);
    if !layout::fits(&galley, title_rect.size()) {
        layout::overflow(&ctx, format!("the title `{title}` is cut"));
    }
    title_h
}

/// Draws one control in `r`; whether it was pressed.
fn show_control(k: &Kiosk, ui: &mut Ui, c: &Control, r: Rect, font: f32) -> bool {
    let p = k.palette();
    let kind = Kind::OnBar { selected: c.selected };
    let clicked = ui
        .scope_builder(egui::UiBuilder::new().max_rect(r), |ui| {
            BigButton::new(kind, &c.shown).named(&c.name).show(ui, p, r.size(), font).clicked()
        })
        .inner;
    layout::fixed_item(ui.ctx(), r);
    if c.globe {
        let globe = globe_radius(font);
        let center = egui::pos2(r.left() + 14.0 + globe, r.center().y);
        let color = if c.selected { p.primary } else { p.on_primary };
        languages::globe(ui.painter(), center, globe, color);
    }
    clicked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_wrap_onto_lines_no_wider_than_the_room() {
        // 64 + 12 + 64 = 140 fits in 200; a third control would make 252.
        assert_eq!(wrap(&[64.0, 64.0, 100.0, 100.0], 200.0), [vec![0, 1], vec![2], vec![3]]);
        assert_eq!(wrap(&[64.0, 64.0, 100.0], 400.0), [vec![0, 1, 2]]);
        // Wider than the room: a line of its own, never an empty line.
        assert_eq!(wrap(&[300.0, 64.0], 200.0), [vec![0], vec![1]]);
        assert_eq!(row_width(&[64.0, 64.0, 100.0]), 252.0);
    }
}
