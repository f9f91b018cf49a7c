//! Colours, sizes and fonts of the kiosk.
//!
//! One warm light theme and one high-contrast theme, both at least 7:1 for
//! text (WCAG AAA). Rust red is kept for the way to a person (staff help, the
//! idle countdown) so it is always the most visible thing on screen.

use eframe::egui::{self, Color32, FontFamily, FontId, TextStyle};

/// The colours of one theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// Page background.
    pub background: Color32,
    /// Body text.
    pub text: Color32,
    /// Secondary text (where you are, subtitles): still 7:1 on the background.
    pub muted: Color32,
    /// Primary buttons and the top bar.
    pub primary: Color32,
    /// Text on primary.
    pub on_primary: Color32,
    /// "Get help from staff" and the idle countdown.
    pub staff: Color32,
    /// Text on staff.
    pub on_staff: Color32,
    /// Cards (the idle card, the code box, picture frames). Home tiles are
    /// not cards: their face is the page (see [`Palette::tile_hover`]).
    pub card: Color32,
    /// Tile and card borders.
    pub border: Color32,
    /// Behind values a branch filled in (printer names, prices).
    pub value_bg: Color32,
    /// The keyboard focus ring.
    pub focus: Color32,
}

/// The warm light theme of the mockups: #1d2330 on #f7f4ee is 14:1, white on
/// #1f3a5f 11:1, white on #9a3709 7.2:1, #4a5263 on the background 7.1:1.
/// Borders (#8a8272) are 3.8:1 on white and 3.5:1 on the page (WCAG 1.4.11).
pub const LIGHT: Palette = Palette {
    background: Color32::from_rgb(0xf7, 0xf4, 0xee),
    text: Color32::from_rgb(0x1d, 0x23, 0x30),
    muted: Color32::from_rgb(0x4a, 0x52, 0x63),
    primary: Color32::from_rgb(0x1f, 0x3a, 0x5f),
    on_primary: Color32::WHITE,
    staff: Color32::from_rgb(0x9a, 0x37, 0x09),
    on_staff: Color32::WHITE,
    card: Color32::WHITE,
    border: Color32::from_rgb(0x8a, 0x82, 0x72),
    value_bg: Color32::from_rgb(0xfd, 0xe7, 0xb0),
    focus: Color32::from_rgb(0x00, 0x5f, 0xcc),
};

/// High contrast: white and yellow on black (21:1 and 19:1).
pub const HIGH_CONTRAST: Palette = Palette {
    background: Color32::BLACK,
    text: Color32::WHITE,
    muted: Color32::from_rgb(0xe0, 0xe0, 0xe0),
    primary: Color32::from_rgb(0xff, 0xe0, 0x00),
    on_primary: Color32::BLACK,
    staff: Color32::from_rgb(0xff, 0xa0, 0x40),
    on_staff: Color32::BLACK,
    card: Color32::BLACK,
    border: Color32::WHITE,
    value_bg: Color32::from_rgb(0x00, 0x33, 0x99),
    focus: Color32::from_rgb(0x00, 0xe0, 0xff),
};

impl Palette {
    /// A home tile's face under a pointer: the card's colour where it
    /// differs from the page (white on the warm page), otherwise a tint of
    /// the primary colour (high contrast). Away from the pointer a tile's
    /// face is the page's own colour and is not drawn: on a PC without a GPU
    /// every layer of pixels costs CPU at each frame.
    pub fn tile_hover(&self) -> Color32 {
        if self.card != self.background {
            return self.card;
        }
        super::widgets::blend(self.background, self.primary, 0.12)
    }
}

/// Text size steps the patron can choose, as a factor of the base size.
pub const SCALES: [f32; 5] = [0.85, 1.0, 1.15, 1.3, 1.5];
/// The default step in [`SCALES`].
pub const DEFAULT_SCALE: usize = 1;

/// Body text at the default size: at least 28 px, as the brief asks.
pub const BODY: f32 = 30.0;
/// The smallest a button may be.
pub const BUTTON_HEIGHT: f32 = 72.0;

/// The base size for a screen of `size` points: 1.0 at 1280x800 (and on
/// anything smaller: text never shrinks below the patron's choice), growing
/// with the screen up to 1.5, so 1080p is not 1280x800 with margins. A
/// portrait screen is measured against 800x1280.
pub fn base_for(size: egui::Vec2) -> f32 {
    let (w, h) = if size.x >= size.y { (1280.0, 800.0) } else { (800.0, 1280.0) };
    let base = (size.x / w).min(size.y / h);
    if base.is_finite() { base.clamp(1.0, 1.5) } else { 1.0 }
}

/// The sizes for one text-size step.
#[derive(Clone, Copy, Debug)]
pub struct Sizes {
    /// Body text.
    pub body: f32,
    /// Headlines.
    pub heading: f32,
    /// Secondary lines.
    pub small: f32,
    /// Button height.
    pub button: f32,
}

impl Sizes {
    /// Sizes at `scale`.
    pub fn at(scale: f32) -> Self {
        Sizes {
            body: (BODY * scale).round(),
            heading: (44.0 * scale).round(),
            small: (24.0 * scale).round().max(22.0),
            button: (BUTTON_HEIGHT * scale.max(1.0)).round(),
        }
    }
}

/// DejaVu Sans, bundled: a sturdy, open face that covers Latin (Spanish,
/// Vietnamese, Tagalog), Greek and Cyrillic, where egui's default face is
/// light and thin at a distance. License in `assets/fonts/DejaVu-LICENSE.txt`.
const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Scripts DejaVu lacks, from Noto Sans cut down by `tools/fonts/subset.py`
/// (docs/fonts.md): common Simplified Chinese (GB 2312 level 1, the
/// punctuation, and every Chinese character the default flows use), Devanagari
/// (Hindi) and Gurmukhi (Punjabi). Regular weight only: bold text in these
/// scripts is drawn regular. Licence in `assets/fonts/Noto-OFL.txt`.
pub const SCRIPT_FONTS: [(&str, &[u8]); 3] = [
    ("noto-sans-sc", include_bytes!("../../assets/fonts/NotoSansSC-Subset.otf")),
    ("noto-sans-devanagari", include_bytes!("../../assets/fonts/NotoSansDevanagari-Subset.ttf")),
    ("noto-sans-gurmukhi", include_bytes!("../../assets/fonts/NotoSansGurmukhi-Subset.ttf")),
];

/// The family name of the bold face.
pub const BOLD_FAMILY: &str = "bold";

/// A bold font of `size`.
pub fn bold(size: f32) -> FontId {
    FontId::new(size, FontFamily::Name(BOLD_FAMILY.into()))
}

/// The kiosk's fonts: DejaVu first, then the script fonts, then egui's own
/// (emoji icons). A character none of them has is looked for among the PC's
/// installed fonts (eframe's `system_fonts`), so a Windows PC shows Korean or
/// Thai with its own fonts; `check` warns about such characters (`no-glyph`,
/// from the table in `assets/fonts/coverage.txt` that a test keeps equal to
/// these fonts).
pub fn font_definitions() -> egui::FontDefinitions {
    use std::sync::Arc;
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert("dejavu".into(), Arc::new(egui::FontData::from_static(REGULAR)));
    fonts.font_data.insert("dejavu-bold".into(), Arc::new(egui::FontData::from_static(BOLD)));
    for (name, data) in SCRIPT_FONTS {
        fonts.font_data.insert(name.into(), Arc::new(egui::FontData::from_static(data)));
    }
    let scripts = SCRIPT_FONTS.iter().map(|(name, _)| (*name).to_string());
    let defaults = fonts.families.get(&FontFamily::Proportional).cloned().unwrap_or_default();
    let regular: Vec<String> = std::iter::once("dejavu".to_string())
        .chain(scripts.clone())
        .chain(defaults.iter().cloned())
        .collect();
    let bold: Vec<String> = ["dejavu-bold".to_string(), "dejavu".to_string()]
        .into_iter()
        .chain(scripts)
        .chain(defaults)
        .collect();
    fonts.families.insert(FontFamily::Proportional, regular);
    fonts.families.insert(FontFamily::Name(BOLD_FAMILY.into()), bold);
    fonts
}

/// Installs the kiosk's fonts ([`font_definitions`]).
pub fn install_fonts(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}

/// Applies a palette and sizes to egui's style.
pub fn apply(ctx: &egui::Context, palette: &Palette, sizes: &Sizes) {
    let mut style = (*ctx.global_style()).clone();
    style.text_styles = [
        (TextStyle::Heading, bold(sizes.heading)),
        (TextStyle::Body, FontId::new(sizes.body, FontFamily::Proportional)),
        (TextStyle::Button, bold(sizes.body)),
        (TextStyle::Small, FontId::new(sizes.small, FontFamily::Proportional)),
        (TextStyle::Monospace, FontId::new(sizes.body, FontFamily::Monospace)),
    ]
    .into();
    let v = &mut style.visuals;
    *v = if palette.background == Color32::BLACK { egui::Visuals::dark() } else { egui::Visuals::light() };
    v.panel_fill = palette.background;
    v.window_fill = palette.card;
    v.override_text_color = Some(palette.text);
    v.selection.stroke = egui::Stroke::new(3.0, palette.focus);
    style.spacing.item_spacing = egui::vec2(16.0, 16.0);
    style.spacing.button_padding = egui::vec2(20.0, 12.0);
    style.interaction.tooltip_delay = f32::INFINITY;
    // A wide scroll bar, always in its own column: a patron sees there is
    // more and can drag it.
    let mut scroll = egui::style::ScrollStyle::solid();
    scroll.bar_width = 18.0;
    scroll.handle_min_length = 48.0;
    // The handle in the widgets' foreground colour (dark on the light track,
    // light on the dark one), not their faint fill.
    scroll.foreground_color = true;
    // No fade: the body says "more below" in words (a fade was missed).
    scroll.fade.strength = 0.0;
    style.spacing.scroll = scroll;
    // A kiosk needs no animation frames.
    style.animation_time = 0.0;
    ctx.set_global_style(style);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance of an sRGB colour.
    fn luminance(c: Color32) -> f64 {
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.040_45 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
    }

    fn contrast(a: Color32, b: Color32) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn every_text_colour_meets_wcag_aaa_on_its_background() {
        for (name, p) in [("light", LIGHT), ("high contrast", HIGH_CONTRAST)] {
            let pairs = [
                ("text on background", p.text, p.background),
                ("text on cards", p.text, p.card),
                ("text on a tile under the pointer", p.text, p.tile_hover()),
                ("tile subtitles under the pointer", p.muted, p.tile_hover()),
                ("secondary text", p.muted, p.background),
                ("answers", p.on_primary, p.primary),
                ("staff help", p.on_staff, p.staff),
                ("outlined buttons", p.primary, p.card),
                ("branch values", p.text, p.value_bg),
            ];
            for (what, fg, bg) in pairs {
                let ratio = contrast(fg, bg);
                assert!(ratio >= 7.0, "{name}: {what} is {ratio:.1}:1");
            }
        }
        // The high-contrast theme goes further for body text.
        assert!(contrast(HIGH_CONTRAST.text, HIGH_CONTRAST.background) >= 20.0);
    }

    /// WCAG 1.4.11: what a patron must see to use a control or understand a
    /// picture (borders, icons, the focus ring, the countdown) is at least
    /// 3:1 against what is next to it.
    #[test]
    fn every_graphic_meets_wcag_3_to_1_against_its_background() {
        for (name, p) in [("light", LIGHT), ("high contrast", HIGH_CONTRAST)] {
            let pairs = [
                // A tile's face is the page, or the tint under a pointer.
                ("tile icons (white shapes tinted primary)", p.primary, p.background),
                ("tile icons under the pointer", p.primary, p.tile_hover()),
                ("tile borders on the page", p.border, p.background),
                ("tile borders under the pointer", p.border, p.tile_hover()),
                ("the dashed staff tile's border", p.muted, p.background),
                ("tile number badges", p.primary, p.background),
                ("outlined buttons' borders on the page", p.primary, p.background),
                ("answers on the page", p.primary, p.background),
                ("staff buttons on the page", p.staff, p.background),
                ("the focus ring on the page", p.focus, p.background),
                ("the focus ring on cards", p.focus, p.card),
                ("the countdown track on its card", p.border, p.card),
                ("the countdown arc on its card", p.staff, p.card),
                ("the success mark on the page", p.primary, p.background),
                ("the code box's border", p.primary, p.card),
                ("picture frames on the page", p.border, p.background),
                ("top-bar button outlines on the bar", p.on_primary, p.primary),
                ("staff mode's outlined choices on their card", p.border, p.card),
                ("staff mode's chosen choice on its card", p.primary, p.card),
            ];
            for (what, fg, bg) in pairs {
                let ratio = contrast(fg, bg);
                assert!(ratio >= 3.0, "{name}: {what} is {ratio:.2}:1");
            }
        }
    }

    /// The scroll bar's handle (it shows where the patron is in a long
    /// screen, and can be dragged) stands out from its track, in every
    /// state, once the theme is on egui's style.
    #[test]
    fn the_scroll_handle_meets_3_to_1_against_its_track() {
        for (name, p) in [("light", LIGHT), ("high contrast", HIGH_CONTRAST)] {
            let ctx = egui::Context::default();
            apply(&ctx, &p, &Sizes::at(1.0));
            let style = ctx.global_style();
            let v = &style.visuals;
            let w = &v.widgets;
            for (state, visuals) in [("resting", w.inactive), ("hovered", w.hovered), ("dragged", w.active)] {
                let handle = if style.spacing.scroll.foreground_color {
                    visuals.fg_stroke.color
                } else {
                    visuals.bg_fill
                };
                let ratio = contrast(handle, v.extreme_bg_color);
                assert!(ratio >= 3.0, "{name}: the {state} handle is {ratio:.2}:1 on its track");
            }
        }
    }

    #[test]
    fn the_base_size_follows_the_screen() {
        assert_eq!(base_for(egui::vec2(1280.0, 800.0)), 1.0);
        assert_eq!(base_for(egui::vec2(1024.0, 768.0)), 1.0, "text never shrinks below the patron's choice");
        assert!((base_for(egui::vec2(1920.0, 1080.0)) - 1.35).abs() < 0.01);
        assert!((base_for(egui::vec2(1080.0, 1920.0)) - 1.35).abs() < 0.01, "portrait against 800x1280");
        assert_eq!(base_for(egui::vec2(0.0, 0.0)), 1.0);
        assert_eq!(base_for(egui::vec2(f32::NAN, 5.0)), 1.0);
    }

    #[test]
    fn body_text_and_buttons_are_large_at_every_size() {
        for scale in SCALES {
            let s = Sizes::at(scale);
            assert!(s.body >= 25.0, "{scale}");
            assert!(s.button >= 64.0, "{scale}");
        }
        assert!(Sizes::at(SCALES[DEFAULT_SCALE]).body >= 28.0);
    }
}
