//! Characters in any text that no font the kiosk carries can draw: a script
//! it has no font for, a rare character outside the bundled Chinese subset,
//! or a bad paste (an emoji, a private-use character). A warning, not an
//! error: a PC with a font for it shows it (docs/fonts.md).

use super::Checker;
use super::locate::{At, text_pos};
use crate::flow::diag::{Code, Severity};
use crate::flow::glyphs;
use crate::flow::source::SourceFile;

/// One warning per character no bundled font has, at its first use in the
/// flow set; later uses are counted in that warning's hint.
pub(super) fn missing_glyphs(c: &mut Checker, file: &SourceFile, at: At, value: &str, what: &str) {
    for (offset, ch) in glyphs::missing(value) {
        if !c.first_time(format!("glyph:{ch}")) {
            continue;
        }
        let hint = if glyphs::stray(ch) {
            "delete it (a stray paste?): the kiosk has no font for it, so patrons would see a box"
        } else {
            "patrons see a box unless the PC has a font with it; docs/fonts.md says how to bundle one"
        };
        let pos = text_pos(file, at, value, Some(offset));
        c.push(
            file,
            (pos, 1),
            Severity::Warning,
            Code::NoGlyph,
            format!("{what} has {}, which none of the kiosk's fonts can draw", glyphs::describe(ch)),
            Some(hint.into()),
        );
    }
}
