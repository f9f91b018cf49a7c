//! Characters nobody can see: control characters, zero-width characters and
//! the bidirectional controls that reorder what a screen or terminal shows.
//!
//! In ids they make two different ids look the same (`wifi` and `wifi` with a
//! zero-width space), so `check` refuses them there; in patron text they are
//! only warned about (a zero-width joiner has its uses in some scripts). The
//! command line never prints them raw (see `cli::term`).

/// Whether `c` is invisible or changes how the text around it is shown:
/// zero-width characters, bidirectional embeddings, overrides, isolates and
/// marks, the byte-order mark, soft hyphen, line and paragraph separators,
/// interlinear annotation marks, Hangul fillers and tag characters (not the
/// emoji variation selectors, which only pick a glyph). Control characters are
/// [`is_control`].
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Control characters (C0, DEL and C1), which terminals act on: escape
/// sequences, carriage returns, NUL.
pub fn is_control(c: char) -> bool {
    c.is_control()
}

/// Whether `c` must not be in an id: a control or invisible character.
pub fn is_hidden(c: char) -> bool {
    is_control(c) || is_invisible(c)
}

/// The first character of `s` for which `bad` holds, with its offset in
/// characters.
pub fn find(s: &str, bad: impl Fn(char) -> bool) -> Option<(usize, char)> {
    s.chars().enumerate().find(|(_, c)| bad(*c))
}

/// `c` written so it can be seen and typed: `\u200B`, the form JSON and the
/// command line's output use (with a surrogate pair above U+FFFF, as JSON
/// has it).
pub fn escape(c: char) -> String {
    let mut units = [0u16; 2];
    c.encode_utf16(&mut units).iter().map(|u| format!("\\u{u:04X}")).collect()
}

/// `s` with every control and invisible character escaped (newlines and
/// tabs too).
pub fn shown(s: &str) -> String {
    s.chars().map(|c| if is_hidden(c) { escape(c) } else { c.to_string() }).collect()
}

/// A name for people: "a zero-width space (U+200B)".
pub fn describe(c: char) -> String {
    let name = match c {
        '\0' => "a NUL character",
        '\u{1B}' => "an escape character",
        '\r' => "a carriage return",
        '\t' => "a tab",
        '\u{200B}' => "a zero-width space",
        '\u{200C}' => "a zero-width non-joiner",
        '\u{200D}' => "a zero-width joiner",
        '\u{200E}' | '\u{200F}' | '\u{061C}' => "a direction mark",
        '\u{202A}'..='\u{202E}' => "a bidirectional override",
        '\u{2066}'..='\u{2069}' => "a bidirectional isolate",
        '\u{2060}' => "a word joiner",
        '\u{FEFF}' => "a zero-width no-break space (byte-order mark)",
        '\u{00AD}' => "a soft hyphen",
        '\u{2028}' | '\u{2029}' => "a line or paragraph separator",
        c if is_control(c) => "a control character",
        _ => "an invisible character",
    };
    format!("{name} (U+{:04X})", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_found_and_shown() {
        assert_eq!(find("wifi\u{200B}", is_hidden), Some((4, '\u{200B}')));
        assert_eq!(find("Wi-Fi señal ¿ok?", is_hidden), None);
        assert_eq!(shown("a\u{202E}b\u{1B}[2J\u{E0041}"), "a\\u202Eb\\u001B[2J\\uDB40\\uDC41");
        assert_eq!(describe('\u{200B}'), "a zero-width space (U+200B)");
        assert_eq!(describe('\u{7}'), "a control character (U+0007)");
    }
}
