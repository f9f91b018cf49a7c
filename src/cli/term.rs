//! The one filter for every line the program prints: control characters
//! (escape sequences, NUL, carriage returns) and invisible or bidirectional
//! characters from flow files or typed codes never reach a terminal raw.
//!
//! `main.rs` wraps standard output in [`Clean`]; `eprintln!` and friends are
//! replaced crate-wide (in `lib.rs`) by macros that write through it to
//! standard error. Newlines and tabs pass; anything else hidden is written
//! as `\u001B`, which is also how JSON escapes it, so `--format json` output
//! stays valid and means the same.

use crate::flow::chars::{escape, is_hidden};
use std::io::{self, Write};

/// A writer that escapes control and invisible characters (not `\n` and
/// `\t`) on their way to `inner`. Text split inside a character between two
/// writes is held until the rest arrives; bytes that are not UTF-8 are
/// written as U+FFFD.
pub struct Clean<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Clean<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        Clean { inner, pending: Vec::new() }
    }
}

/// `text` as it may be shown: [`Clean`]'s rule on a string.
pub fn clean(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return text.into();
    }
    text.chars().map(|c| if needs_escape(c) { escape(c) } else { c.to_string() }).collect::<String>().into()
}

fn needs_escape(c: char) -> bool {
    c != '\n' && c != '\t' && is_hidden(c)
}

impl<W: Write> Write for Clean<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let mut out = String::new();
        let mut rest: &[u8] = &self.pending;
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    out.push_str(&clean(text));
                    rest = &[];
                    break;
                }
                Err(e) => {
                    let (good, after) = rest.split_at(e.valid_up_to());
                    out.push_str(&clean(std::str::from_utf8(good).unwrap_or_default()));
                    match e.error_len() {
                        Some(n) => {
                            out.push('\u{FFFD}');
                            rest = &after[n..];
                        }
                        // A character cut in two: keep its start for later.
                        None => {
                            rest = after;
                            break;
                        }
                    }
                }
            }
        }
        self.pending = rest.to_vec();
        self.inner.write_all(out.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Drop for Clean<W> {
    fn drop(&mut self) {
        if !self.pending.is_empty() {
            let _ = self.inner.write_all("\u{FFFD}".as_bytes());
        }
        let _ = self.inner.flush();
    }
}

/// Writes to standard error through [`Clean`] (what `eprint!` becomes).
pub fn eprint(args: std::fmt::Arguments) {
    let _ = Clean::new(io::stderr().lock()).write_fmt(args);
}

/// Writes to standard output through [`Clean`] (what `print!` becomes).
pub fn print(args: std::fmt::Arguments) {
    let _ = Clean::new(io::stdout().lock()).write_fmt(args);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(pieces: &[&[u8]]) -> String {
        let mut out = Vec::new();
        {
            let mut w = Clean::new(&mut out);
            for p in pieces {
                w.write_all(p).unwrap_or_default();
            }
        }
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn controls_and_invisible_characters_are_escaped_newlines_and_tabs_kept() {
        let raw = "Take\u{0} your\u{1B}[2J pages\r\n\tok \u{202E}tfel\u{200B}, \u{9B}31m señal ¿ok?\n";
        assert_eq!(
            through(&[raw.as_bytes()]),
            "Take\\u0000 your\\u001B[2J pages\\u000D\n\tok \\u202Etfel\\u200B, \\u009B31m señal ¿ok?\n"
        );
        // Clean text passes untouched.
        assert_eq!(clean("Hello, señal\n"), "Hello, señal\n");
    }

    #[test]
    fn a_character_split_between_writes_is_kept_whole() {
        let zwsp = "\u{200B}".as_bytes();
        let n = "ñ".as_bytes();
        assert_eq!(
            through(&[b"a", &zwsp[..1], &zwsp[1..2], &zwsp[2..], b"b", &n[..1], &n[1..]]),
            "a\\u200Bbñ"
        );
        // Bytes that are not UTF-8, and a character cut off at the end.
        assert_eq!(through(&[b"a\xFFb", &n[..1]]), "a\u{FFFD}b\u{FFFD}");
    }

    #[test]
    fn json_stays_valid_and_means_the_same() {
        let value = serde_json::json!({"text": "a\u{202E}b\u{85}c"});
        let written = through(&[serde_json::to_string(&value).unwrap_or_default().as_bytes()]);
        assert!(!written.contains('\u{202E}'), "{written}");
        let back: serde_json::Value = serde_json::from_str(&written).unwrap_or_default();
        assert_eq!(back, value);
    }
}
