//! Which characters the kiosk's own fonts can draw, without egui.
//!
//! `check` warns about a character in patron text that no bundled font has
//! (a patron would see a box on a PC without a font for it): a language whose
//! script the kiosk does not carry, a rare Chinese character outside the
//! bundled subset, or a bad paste (an emoji, a private-use character).
//!
//! The core cannot ask egui, and parsing font files here would put the fonts
//! (or a font parser) into the command-line build. So the answer is a table,
//! `assets/fonts/coverage.txt`: every code point the fonts the kiosk installs
//! map, as ranges. A test in the kiosk (`tests/it/kiosk_fonts.rs`) computes the
//! same list from egui's own fonts and fails when the two differ; `BLESS=1`
//! rewrites the table. About 3,000 ranges, 20 KB, parsed once on first use.

use std::sync::OnceLock;

/// The table, as written by [`write_table`].
const TABLE: &str = include_str!("../../assets/fonts/coverage.txt");

/// The heading of the table file.
const HEADING: &str = "\
# Every character the kiosk's bundled fonts can draw (src/kiosk/theme.rs), as
# Unicode code points in hex: a range `0041-005A` or one `00A0` a line.
# Generated: `BLESS=1 cargo test --test it kiosk_fonts::` rewrites it from the
# fonts egui loads, and the same test fails when it is out of date.
";

/// Inclusive ranges of code points, sorted, not overlapping.
fn ranges() -> &'static [(u32, u32)] {
    static RANGES: OnceLock<Vec<(u32, u32)>> = OnceLock::new();
    RANGES.get_or_init(|| read_table(TABLE))
}

/// Reads a table; a line that is not a range is skipped (the test that
/// writes the table also reads it back, so none is).
pub fn read_table(text: &str) -> Vec<(u32, u32)> {
    let hex = |s: &str| u32::from_str_radix(s.trim(), 16).ok();
    let mut out: Vec<(u32, u32)> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| match l.split_once('-') {
            Some((a, b)) => Some((hex(a)?, hex(b)?)),
            None => hex(l).map(|c| (c, c)),
        })
        .filter(|(a, b)| a <= b)
        .collect();
    out.sort_unstable();
    out
}

/// The table for `chars` (in any order, repeats allowed), as the file holds it.
pub fn write_table(chars: impl IntoIterator<Item = char>) -> String {
    let mut codes: Vec<u32> = chars.into_iter().map(u32::from).collect();
    codes.sort_unstable();
    codes.dedup();
    let mut out = String::from(HEADING);
    let mut i = 0;
    while let Some(&start) = codes.get(i) {
        let mut end = start;
        while codes.get(i + 1) == Some(&(end + 1)) {
            end += 1;
            i += 1;
        }
        i += 1;
        out.push_str(&if start == end {
            format!("{start:04X}\n")
        } else {
            format!("{start:04X}-{end:04X}\n")
        });
    }
    out
}

/// Whether a bundled font maps `c`.
pub fn bundled(c: char) -> bool {
    let c = u32::from(c);
    let table = ranges();
    let after = table.partition_point(|&(start, _)| start <= c);
    after > 0 && table.get(after - 1).is_some_and(|&(_, end)| c <= end)
}

/// Whether `c` is drawn as a glyph at all: not a control character, an
/// invisible one (which `check` reports as such) or a variation selector
/// (which only picks among a character's glyphs).
pub fn needs_glyph(c: char) -> bool {
    !(c.is_control()
        || super::chars::is_invisible(c)
        || matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}'))
}

/// Each character of `text` that needs a glyph no bundled font has, with
/// its offset in characters, in order.
pub fn missing(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    text.chars().enumerate().filter(|&(_, c)| needs_glyph(c) && !bundled(c))
}

/// What `c` is, for a person reading a warning: `` `👍` (U+1F44D, an emoji or
/// pictograph) ``; a private-use character, which shows nothing standard, by
/// its code only.
pub fn describe(c: char) -> String {
    let code = u32::from(c);
    match code {
        0xE000..=0xF8FF | 0xF0000.. => format!("a private-use character (U+{code:04X})"),
        0x1F000..=0x1FAFF | 0x2600..=0x27BF => format!("`{c}` (U+{code:04X}, an emoji or pictograph)"),
        _ => format!("`{c}` (U+{code:04X})"),
    }
}

/// Whether `c` is most likely pasted by mistake: an emoji or a private-use
/// character, which no patron text needs.
pub fn stray(c: char) -> bool {
    matches!(u32::from(c), 0xE000..=0xF8FF | 0xF0000.. | 0x1F000..=0x1FAFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_reads_back_what_was_written() {
        let chars = ['a', 'b', 'c', 'x', '中', '文', '\u{1F600}', 'b'];
        let table = write_table(chars);
        assert!(table.ends_with("0061-0063\n0078\n4E2D\n6587\n1F600\n"), "{table}");
        assert_eq!(
            read_table(&table),
            vec![(0x61, 0x63), (0x78, 0x78), (0x4E2D, 0x4E2D), (0x6587, 0x6587), (0x1F600, 0x1F600)]
        );
        assert_eq!(read_table("# note\n\nzz\n0041-0040\n0041-005A\n"), vec![(0x41, 0x5A)]);
    }

    #[test]
    fn the_bundled_fonts_cover_latin_cyrillic_and_common_chinese() {
        assert_eq!(missing("¿Dónde está la impresora? Tiếng Việt. Привет, Україна!").count(), 0);
        assert_eq!(missing("请到服务台找工作人员。“打印”").count(), 0);
        assert_eq!(missing("ਪੰਜਾਬੀ हिन्दी").count(), 0);
        // An emoji, a private-use character, a rare character and Thai.
        let found: Vec<(usize, char)> = missing("ok 👍 \u{E000} 𠀀 ไทย").collect();
        assert_eq!(found, vec![(3, '👍'), (5, '\u{E000}'), (7, '𠀀'), (9, 'ไ'), (10, 'ท'), (11, 'ย')]);
        // Line breaks, tabs and invisible characters need no glyph.
        assert_eq!(missing("a\nb\tc\u{200B}\u{FE0F}").count(), 0);
    }

    #[test]
    fn characters_are_described_for_people() {
        assert_eq!(describe('👍'), "`👍` (U+1F44D, an emoji or pictograph)");
        assert_eq!(describe('\u{E000}'), "a private-use character (U+E000)");
        assert!(stray('\u{E000}') && stray('👍') && !stray('ไ'));
        assert_eq!(describe('ไ'), "`ไ` (U+0E44)");
    }
}
