//! Changing one text in a RON file without touching anything else: the
//! string literal is replaced where it is, or a new `"lang": "..."` entry
//! is added after the last entry of its map in the map's own layout (one
//! line, or one entry per line with or without a trailing comma). Comments,
//! blank lines, indentation and every other literal stay byte for byte.

use super::Place;
use crate::flow::source::{Literal, Pos, SourceFile};

/// One change to a file's text: bytes `start..end` become `with`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Splice {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) with: String,
}

/// The value literals of the map at `place` (for a word, the words file's
/// entry with that key), in file order.
pub(super) fn map_literals<'f>(file: &'f SourceFile, place: &Place) -> Vec<&'f Literal> {
    let matches = |l: &&Literal| match place {
        Place::Map { within, field, depth } => {
            l.key.is_some()
                && l.path.len() == *depth
                && l.path.last().is_some_and(|(k, _)| k.as_deref() == Some(field.as_str()))
                && within.iter().all(|(key, index)| {
                    l.path
                        .iter()
                        .any(|(k, i)| k.as_deref() == Some(key.as_str()) && index.is_none_or(|x| x == *i))
                })
        }
        Place::Word { .. } => l.key.is_some() && l.path.len() == 1,
    };
    file.literals().iter().filter(matches).collect()
}

/// The byte offset of a line and column (columns count characters).
pub(super) fn byte_of(text: &str, pos: Pos) -> usize {
    let line_start: usize = text.split_inclusive('\n').take(pos.line.saturating_sub(1)).map(str::len).sum();
    let rest = &text[line_start.min(text.len())..];
    line_start + rest.char_indices().nth(pos.col.saturating_sub(1)).map_or(rest.len(), |(b, _)| b)
}

/// The bytes a literal spans, quotes included.
pub(super) fn span_of(text: &str, l: &Literal) -> (usize, usize) {
    let start = byte_of(text, l.pos);
    let end = text[start..].char_indices().nth(l.width).map_or(text.len(), |(b, _)| start + b);
    (start, end)
}

/// `value` as a RON string literal: quotes, backslashes and control
/// characters escaped, everything else as it is.
pub(super) fn ron_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The line break a file uses.
pub(super) fn newline(text: &str) -> &'static str {
    if text.contains("\r\n") { "\r\n" } else { "\n" }
}

/// Adds `"key": value` to the map whose last value literal is `last`, in the
/// map's layout. `None` when the text after `last` is not what a map entry
/// is followed by (a comma or the closing brace).
pub(super) fn insert_after(text: &str, last: &Literal, key: &str, value: &str) -> Option<Splice> {
    let (_, end) = span_of(text, last);
    let entry = format!("{}: {}", ron_string(key), ron_string(value));
    let nl = newline(text);
    let indent = indent_of(text, byte_of(text, Pos { line: last.pos.line, col: 1 }));
    let after = &text[end..];
    let gap = after.len() - after.trim_start_matches([' ', '\t']).len();
    let next = after[gap..].chars().next()?;
    let splice = |at: usize, with: String| Some(Splice { start: at, end: at, with });
    match next {
        ',' => {
            let comma_end = end + gap + 1;
            let rest = &text[comma_end..];
            let line_end = rest.find('\n').map_or(text.len(), |b| comma_end + b);
            let tail = text[comma_end..line_end].trim();
            if tail.is_empty() || tail.starts_with("//") {
                // One entry per line, with a trailing comma: a new line
                // after this one (and after its comment).
                let at = if text[..line_end].ends_with('\r') { line_end - 1 } else { line_end };
                splice(at, format!("{nl}{indent}{entry},"))
            } else {
                // One line, with a trailing comma before `}`.
                splice(comma_end, format!(" {entry},"))
            }
        }
        '\r' | '\n' | '/' => splice(end, format!(",{nl}{indent}{entry}")),
        '}' => splice(end, format!(", {entry}")),
        _ => None,
    }
}

/// The blanks a line starts with.
fn indent_of(text: &str, line_start: usize) -> &str {
    let line = &text[line_start..];
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// Applies splices (which never overlap) to `text`.
pub(super) fn apply(text: &str, mut splices: Vec<Splice>) -> String {
    splices.sort_by_key(|s| (s.start, s.end));
    let mut out = String::with_capacity(text.len() + splices.iter().map(|s| s.with.len()).sum::<usize>());
    let mut at = 0;
    for s in splices {
        out.push_str(&text[at..s.start]);
        out.push_str(&s.with);
        at = s.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(text: &str) -> String {
        let file = SourceFile::new("t.ron", text);
        let place = Place::Map { within: vec![], field: "title".into(), depth: 2 };
        let last = *map_literals(&file, &place).last().expect("a map entry");
        let s = insert_after(&file.text, last, "vi", "Xin chào").expect("a place to insert");
        apply(&file.text, vec![s])
    }

    #[test]
    fn an_entry_is_added_in_the_maps_own_layout() {
        assert_eq!(add("F(title: {\"en\": \"Hi\"})"), "F(title: {\"en\": \"Hi\", \"vi\": \"Xin chào\"})");
        assert_eq!(add("F(title: {\"en\": \"Hi\", })"), "F(title: {\"en\": \"Hi\", \"vi\": \"Xin chào\", })");
        assert_eq!(
            add("F(\n    title: {\n        \"en\": \"Hi\", // greeting\n    },\n)"),
            "F(\n    title: {\n        \"en\": \"Hi\", // greeting\n        \"vi\": \"Xin chào\",\n    },\n)"
        );
        assert_eq!(
            add("F(\r\n  title: {\r\n    \"en\": \"Hi\"\r\n  },\r\n)"),
            "F(\r\n  title: {\r\n    \"en\": \"Hi\",\r\n    \"vi\": \"Xin chào\"\r\n  },\r\n)"
        );
    }

    #[test]
    fn a_literal_is_found_by_bytes_after_wide_characters() {
        let text = "F(title: {\"en\": \"Café ☕\", \"es\": \"Café\"})";
        let file = SourceFile::new("t.ron", text);
        let place = Place::Map { within: vec![], field: "title".into(), depth: 2 };
        let es = map_literals(&file, &place)[1];
        let (a, b) = span_of(text, es);
        assert_eq!(&text[a..b], "\"Café\"");
    }

    #[test]
    fn a_raw_or_escaped_literal_is_replaced_whole() {
        let text = "F(title: {\"en\": \"Hi \\\"you\\\"\", \"es\": r#\"Hola \"tú\"\"#}) // end";
        let file = SourceFile::new("t.ron", text);
        let place = Place::Map { within: vec![], field: "title".into(), depth: 2 };
        let literals = map_literals(&file, &place);
        assert_eq!(literals[0].value, "Hi \"you\"");
        let (a, b) = span_of(text, literals[1]);
        assert_eq!(&text[a..b], "r#\"Hola \"tú\"\"#");
        let s = Splice { start: a, end: b, with: ron_string("Hola") };
        assert_eq!(apply(text, vec![s]), "F(title: {\"en\": \"Hi \\\"you\\\"\", \"es\": \"Hola\"}) // end");
    }

    #[test]
    fn strings_are_escaped_for_ron() {
        assert_eq!(ron_string("a \"b\" \\ c\nd\u{7}"), "\"a \\\"b\\\" \\\\ c\\nd\\u{7}\"");
    }
}
