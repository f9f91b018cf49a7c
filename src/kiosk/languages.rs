//! The language screen. The top bar has room for two language buttons; with
//! three or more languages it shows one button instead (a globe and the
//! current language in its own name), which opens this screen: one big
//! button per language, each in its own name and script, the current one
//! marked. Choosing one switches the language and, like Back, returns the
//! patron to the screen they came from: the session underneath is never
//! touched, so the node and the trail stay as they were.
//!
//! Number keys choose (as everywhere in the kiosk), Tab or the arrows move
//! between the buttons and Enter presses one, and Escape, Backspace or minus
//! go back without changing anything.

use super::app::{Action, Kiosk};
use super::buttons::ButtonRow;
use super::layout;
use super::widgets::{self, Kind};
use crate::flow::words::Word;
use eframe::egui::{self, Key, Modifiers, Ui};

/// How many languages the top bar shows as buttons of their own; with more,
/// it shows one button that opens this screen.
pub const ON_THE_BAR: usize = 2;

/// Whether the kiosk offers its languages on this screen rather than on the
/// top bar.
pub(super) fn picker(k: &Kiosk) -> bool {
    k.languages.len() > ON_THE_BAR
}

/// A language's name in itself (its `language_name` word): English, Español,
/// 中文.
pub(super) fn own_name(k: &Kiosk, lang: &str) -> String {
    k.set.words.get(Word::LanguageName, lang, k.set.default_language()).to_string()
}

/// Draws the language screen.
pub fn show(k: &Kiosk, ui: &mut Ui, actions: &mut Vec<Action>) {
    let p = k.palette();
    let sizes = k.sizes();
    let more = k.word(Word::MoreBelow);
    let look = layout::Look { palette: p, more_below: &more, font: sizes.small };
    let bar = ButtonRow::new(&sizes)
        .button(Kind::Secondary, format!("◀ {}", k.word(Word::Back)), Action::CloseLanguages)
        .button(Kind::Staff, k.word(Word::StaffHelp), Action::AskStaff);
    layout::screen(ui, "languages", look, Some(bar), actions, |ui, actions| {
        widgets::heading(ui, &k.word(Word::ChooseLanguage), p.text, sizes.heading);
        ui.add_space(12.0);
        buttons(k, ui, actions);
    });
}

/// One entry of the screen: what it shows, its name, whether it is current.
struct Entry {
    lang: String,
    shown: String,
    name: String,
    current: bool,
}

/// The languages as numbered buttons, all the same size. In two columns when
/// there are more than three and every name fits half the width (five fit
/// on the screen at the largest text), numbered down the first column and
/// then the second, so the numbers, the reading order and the arrow keys
/// all go the same way.
fn buttons(k: &Kiosk, ui: &mut Ui, actions: &mut Vec<Action>) {
    let (p, sizes) = (k.palette(), k.sizes());
    let entries: Vec<Entry> = k
        .languages
        .iter()
        .map(|lang| {
            let name = own_name(k, lang);
            let current = *lang == k.patron.lang;
            // The mark is drawn, not named: a screen reader says "pressed".
            let shown = if current { format!("{name}   ✓") } else { name.clone() };
            Entry { lang: lang.clone(), shown, name, current }
        })
        .collect();
    let gap = 16.0;
    let full = ui.available_width();
    let height_at = |ui: &Ui, w: f32| {
        entries
            .iter()
            .enumerate()
            .map(|(i, e)| widgets::button_height(ui, &e.shown, w, sizes.body, Some(i + 1), sizes.button))
            .fold(sizes.button, f32::max)
    };
    let half = ((full - gap) / 2.0).min(640.0 * k.base());
    let two = entries.len() > 3 && height_at(ui, half) <= sizes.button;
    let (columns, w) = if two { (2, half) } else { (1, full.min(900.0 * k.base())) };
    let h = height_at(ui, w);
    let rows = entries.len().div_ceil(columns);
    let block = egui::vec2(w * columns as f32 + gap * (columns as f32 - 1.0), (h + gap) * rows as f32 - gap);
    let (rect, _) = ui.allocate_exact_size(block, egui::Sense::hover());
    for (i, e) in entries.iter().enumerate() {
        let (column, row) = (i / rows, i % rows);
        let min = rect.min + egui::vec2(column as f32 * (w + gap), row as f32 * (h + gap));
        let r = egui::Rect::from_min_size(min, egui::vec2(w, h));
        let kind = if e.current { Kind::Secondary } else { Kind::Primary };
        let number = (i < 9).then_some(i + 1);
        let pressed = ui
            .scope_builder(egui::UiBuilder::new().max_rect(r), |ui| {
                widgets::BigButton::new(kind, &e.shown).named(&e.name).number(number).current(e.current).show(
                    ui,
                    p,
                    r.size(),
                    sizes.body,
                )
            })
            .inner;
        if pressed.clicked() {
            actions.push(Action::Language(e.lang.clone()));
        }
    }
}

/// The keys of the language screen: 1-9 choose a language; Escape,
/// Backspace, minus or Alt+Left go back without changing it.
pub(super) fn keys(k: &Kiosk, i: &mut egui::InputState, out: &mut Vec<Action>) {
    for (n, lang) in k.languages.iter().enumerate().take(9) {
        if i.consume_key(Modifiers::NONE, super::keys::digit(n + 1)) {
            out.push(Action::Language(lang.clone()));
        }
    }
    if i.consume_key(Modifiers::NONE, Key::Escape)
        || i.consume_key(Modifiers::NONE, Key::Backspace)
        || i.consume_key(Modifiers::ALT, Key::ArrowLeft)
        || i.consume_key(Modifiers::NONE, Key::Minus)
    {
        out.push(Action::CloseLanguages);
    }
}

/// The globe drawn before the current language on the top bar's button, in
/// `color`, filling a circle of `radius` at `center`: a sign for "language"
/// that needs no reading.
pub(super) fn globe(painter: &egui::Painter, center: egui::Pos2, radius: f32, color: egui::Color32) {
    let stroke = egui::Stroke::new((radius / 7.0).max(1.5), color);
    painter.circle_stroke(center, radius, stroke);
    painter.add(egui::Shape::ellipse_stroke(center, egui::vec2(radius * 0.45, radius), stroke));
    painter.line_segment([center - egui::vec2(radius, 0.0), center + egui::vec2(radius, 0.0)], stroke);
    // Two parallels, as chords of the circle.
    for y in [-0.5f32, 0.5] {
        let half = radius * (1.0 - y * y).sqrt();
        let c = center + egui::vec2(0.0, radius * y);
        painter.line_segment([c - egui::vec2(half, 0.0), c + egui::vec2(half, 0.0)], stroke);
    }
    painter.line_segment([center - egui::vec2(0.0, radius), center + egui::vec2(0.0, radius)], stroke);
}
