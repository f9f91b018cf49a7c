//! The person at the screen: their session and the display settings they
//! chose. A wipe replaces this one value, so nothing of a patron can survive
//! it by being forgotten in a list of fields to reset.

use super::app::View;
use super::theme;

/// What belongs to the patron at the screen.
pub(super) struct Patron {
    /// Which screen shows (home, their session, or staff mode).
    pub(super) view: View,
    /// The language shown.
    pub(super) lang: String,
    /// Index into `theme::SCALES`.
    pub(super) scale: usize,
    /// High contrast on.
    pub(super) contrast: bool,
    /// "No thanks" to the kiosk's offer of staff help in this session.
    pub(super) offer_dismissed: bool,
    /// Staff were reached through the kiosk's own offer (goes into the code).
    pub(super) took_offer: bool,
    /// Large text was used during the session (for the statistics).
    pub(super) used_large_text: bool,
    /// High contrast was used during the session (for the statistics).
    pub(super) used_contrast: bool,
    /// Read aloud on (a wipe turns it off with the rest).
    pub(super) read_aloud: bool,
    /// The language screen shows over `view`, which it returns to.
    pub(super) choosing_language: bool,
}

impl Patron {
    /// As a new patron finds the kiosk: home, in `lang`, default settings.
    pub(super) fn new(lang: String) -> Self {
        Patron {
            view: View::Home,
            lang,
            scale: theme::DEFAULT_SCALE,
            contrast: false,
            offer_dismissed: false,
            took_offer: false,
            used_large_text: false,
            used_contrast: false,
            read_aloud: false,
            choosing_language: false,
        }
    }

    /// Whether nothing differs from how a new patron finds the kiosk in
    /// `default_lang`.
    pub(super) fn pristine(&self, default_lang: Option<&String>) -> bool {
        matches!(self.view, View::Home)
            && Some(&self.lang) == default_lang
            && self.scale == theme::DEFAULT_SCALE
            && !self.contrast
            && !self.read_aloud
            && !self.choosing_language
    }

    /// A session begins: what they used so far is what they use now.
    pub(super) fn session_started(&mut self) {
        self.used_large_text = self.scale > theme::DEFAULT_SCALE;
        self.used_contrast = self.contrast;
    }
}
