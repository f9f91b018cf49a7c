//! CSV fields as the statistics files write and read them: the one place that
//! cleans and quotes a value, so no row type can write a field another way.

use super::MAX_FIELD;
use std::borrow::Cow;
use std::fmt;

/// Why a row could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowError {
    /// A quoted field that never closes, or text after a closing quote.
    Quoting,
    /// The wrong number of fields.
    FieldCount(usize),
    /// A field that does not hold what its column does.
    Field(&'static str),
    /// Not UTF-8.
    Encoding,
    /// The file's last line has no newline: a write that was cut off.
    Torn,
    /// The file does not start with the header this version writes.
    Header,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RowError::Quoting => write!(f, "a quoted field is not closed properly"),
            RowError::FieldCount(n) => write!(f, "{n} fields where a row has a fixed number"),
            RowError::Field(name) => write!(f, "`{name}` does not hold a valid value"),
            RowError::Encoding => write!(f, "not UTF-8 text"),
            RowError::Torn => write!(f, "the last row was cut off (a crash or power cut while writing)"),
            RowError::Header => write!(f, "not a kiosk-triage statistics header"),
        }
    }
}

/// A handoff code as stored: the canonical ungrouped form when it decodes
/// (any case, `O` for 0, hyphens and spaces ignored), else its letters and
/// digits in upper case.
pub fn normalize_code(code: &str) -> String {
    match crate::handoff::base32::decode(code) {
        Ok(v) => crate::handoff::base32::encode(v),
        Err(_) => code.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect(),
    }
}

pub(super) fn bit(b: bool) -> &'static str {
    if b { "1" } else { "0" }
}

/// A field as written: control characters become spaces, at most
/// [`MAX_FIELD`] characters, quoted when it holds a comma, a quote or
/// leading or trailing spaces.
fn write_field(out: &mut String, s: &str) {
    let clean: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).take(MAX_FIELD).collect();
    let quote = clean.contains([',', '"']) || clean.starts_with(' ') || clean.ends_with(' ');
    if quote {
        out.push('"');
        out.push_str(&clean.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&clean);
    }
}

pub(super) fn write_fields(out: &mut String, fields: &[&str]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_field(out, f);
    }
    out.push('\n');
}

/// Splits one CSV line into fields (RFC 4180 quoting, no newlines inside
/// fields: this module never writes one). `None` when quoting is broken.
pub fn split_fields(line: &str) -> Option<Vec<Cow<'_, str>>> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let mut fields = Vec::with_capacity(16);
    let mut rest = line;
    loop {
        if let Some(q) = rest.strip_prefix('"') {
            let mut value = String::new();
            let mut s = q;
            loop {
                let end = s.find('"')?;
                value.push_str(&s[..end]);
                s = &s[end + 1..];
                if let Some(t) = s.strip_prefix('"') {
                    value.push('"');
                    s = t;
                } else {
                    break;
                }
            }
            fields.push(Cow::Owned(value));
            match s.strip_prefix(',') {
                Some(t) => rest = t,
                None if s.is_empty() => return Some(fields),
                None => return None,
            }
        } else {
            match rest.find(',') {
                Some(i) => {
                    let field = &rest[..i];
                    if field.contains('"') {
                        return None;
                    }
                    fields.push(Cow::Borrowed(field));
                    rest = &rest[i + 1..];
                }
                None => {
                    if rest.contains('"') {
                        return None;
                    }
                    fields.push(Cow::Borrowed(rest));
                    return Some(fields);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn fields_are_quoted_and_cleaned() {
        let mut out = String::new();
        write_fields(&mut out, &["a,b", "say \"hi\"", "line\nbreak", " x", &"y".repeat(100)]);
        assert_eq!(out.lines().count(), 1);
        let f = split_fields(out.trim_end()).unwrap();
        assert_eq!(f[0], "a,b");
        assert_eq!(f[1], "say \"hi\"");
        assert_eq!(f[2], "line break");
        assert_eq!(f[3], " x");
        assert_eq!(f[4].len(), MAX_FIELD);
        assert_eq!(split_fields("\"open,b"), None);
        assert_eq!(split_fields("\"a\"b,c"), None);
        assert_eq!(split_fields("a\"b,c"), None);
    }
}
