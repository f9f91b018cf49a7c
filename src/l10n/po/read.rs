//! Reading a PO file line by line, keeping where each entry and each
//! translation starts, so every problem (and every later complaint about a
//! translation) has a `FILE.po:line:column`. Nothing here panics, whatever
//! the file holds.

use crate::flow::diag::{Code, Diagnostic, Severity};
use crate::flow::source::{Pos, SourceFile};

/// One entry of a PO file as read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PoEntry {
    /// `msgctxt`, the entry's id.
    pub context: Option<String>,
    /// `msgid`, the source text.
    pub id: String,
    /// `msgstr`, the translation ("" when untranslated).
    pub translation: String,
    /// Marked `#, fuzzy`: a guess the translator has not confirmed.
    pub fuzzy: bool,
    /// Has `msgid_plural` (not used by the kiosk).
    pub plural: bool,
    /// Where the entry starts.
    pub at: Pos,
    /// Where its `msgstr` text starts (the opening quote).
    pub translation_at: Pos,
}

/// A PO file as read: its language (from the header) and its entries.
#[derive(Clone, Debug, Default)]
pub struct PoFile {
    /// The header's `Language:`, if it has one that is not empty.
    pub language: Option<String>,
    /// Every entry but the header and obsolete (`#~`) ones, in file order.
    pub entries: Vec<PoEntry>,
}

/// Which field a `"..."` line continues.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    None,
    Context,
    Id,
    IdPlural,
    Str,
}

/// Reading a PO file, line by line.
struct Reader<'r> {
    file: &'r SourceFile,
    out: PoFile,
    cur: PoEntry,
    has_id: bool,
    has_str: bool,
    field: Field,
    errors: Vec<Diagnostic>,
}

/// Reads a PO file. Every problem is an error at its line and column.
pub fn parse(file: &SourceFile) -> Result<PoFile, Vec<Diagnostic>> {
    let mut r = Reader {
        file,
        out: PoFile::default(),
        cur: PoEntry::default(),
        has_id: false,
        has_str: false,
        field: Field::None,
        errors: Vec::new(),
    };
    for (i, raw) in file.text.split('\n').enumerate() {
        r.line(i + 1, raw.strip_suffix('\r').unwrap_or(raw));
    }
    r.flush(file.text.split('\n').count());
    if r.errors.is_empty() { Ok(r.out) } else { Err(r.errors) }
}

impl Reader<'_> {
    fn error(&mut self, at: Pos, msg: impl Into<String>, hint: &str) {
        let d = Diagnostic::new(Severity::Error, Code::Syntax, &self.file.name, at, msg).hint(hint);
        self.errors.push(d);
    }

    fn line(&mut self, n: usize, line: &str) {
        let trimmed = line.trim_start();
        let col = line.chars().count() - trimmed.chars().count() + 1;
        let at = Pos { line: n, col };
        if trimmed.is_empty() {
            return self.flush(n);
        }
        if let Some(comment) = trimmed.strip_prefix('#') {
            if self.has_str {
                self.flush(n);
            }
            if comment.starts_with('~') {
                // An obsolete entry, kept by tools for reference only.
                self.field = Field::None;
            } else if let Some(flags) = comment.strip_prefix(',') {
                self.cur.fuzzy |= flags.split(',').any(|f| f.trim() == "fuzzy");
            }
            return;
        }
        if trimmed.starts_with('"') {
            if self.field == Field::None {
                return self.error(
                    at,
                    "a text line with no `msgid` or `msgstr` before it",
                    "start the entry with `msgctxt`, `msgid` and `msgstr`",
                );
            }
            if let Some(s) = self.quoted(at, trimmed) {
                self.push(s);
            }
            return;
        }
        let keyword: String = trimmed.chars().take_while(|c| !c.is_whitespace()).collect();
        let rest = trimmed[keyword.len()..].trim_start();
        let str_col = col + trimmed.chars().count() - rest.chars().count();
        let value = self.quoted(Pos { line: n, col: str_col }, rest);
        self.keyword(at, &keyword, Pos { line: n, col: str_col });
        if let Some(v) = value {
            self.push(v);
        }
    }

    /// Starts the field `keyword` names (or reports it).
    fn keyword(&mut self, at: Pos, keyword: &str, str_at: Pos) {
        match keyword {
            "msgctxt" => {
                if self.has_id || self.cur.context.is_some() {
                    self.flush(at.line);
                }
                self.cur.at = at;
                self.cur.context = Some(String::new());
                self.field = Field::Context;
            }
            "msgid" => {
                if self.has_id {
                    self.flush(at.line);
                }
                if self.cur.context.is_none() {
                    self.cur.at = at;
                }
                self.has_id = true;
                self.field = Field::Id;
            }
            "msgid_plural" if self.has_id => {
                self.cur.plural = true;
                self.field = Field::IdPlural;
            }
            k if (k == "msgstr" || k.starts_with("msgstr[")) && self.has_id => {
                if !self.has_str {
                    self.cur.translation_at = str_at;
                    self.field = Field::Str;
                } else {
                    // Further plural forms are not used.
                    self.field = Field::IdPlural;
                }
                self.has_str = true;
            }
            _ => {
                self.field = Field::None;
                self.error(
                    at,
                    format!("`{}` is not a PO keyword here", shorten(keyword)),
                    "an entry is `msgctxt \"...\"`, `msgid \"...\"`, then `msgstr \"...\"`",
                );
            }
        }
    }

    fn push(&mut self, s: String) {
        match self.field {
            Field::Context => self.cur.context.get_or_insert_default().push_str(&s),
            Field::Id => self.cur.id.push_str(&s),
            Field::Str => self.cur.translation.push_str(&s),
            Field::IdPlural | Field::None => {}
        }
    }

    /// Ends the entry under way, if there is one.
    fn flush(&mut self, line: usize) {
        let cur = std::mem::take(&mut self.cur);
        let (has_id, has_str) = (std::mem::take(&mut self.has_id), std::mem::take(&mut self.has_str));
        self.field = Field::None;
        if !has_id {
            if cur.context.is_some() {
                self.error(
                    cur.at,
                    "`msgctxt` with no `msgid` after it",
                    "every entry has a `msgid` and a `msgstr`",
                );
            }
            // Flags or comments alone belong to nothing.
            return;
        }
        if !has_str {
            let at = Pos { line: line.max(1), col: 1 };
            return self.error(at, "an entry with no `msgstr`", "add `msgstr \"\"` after the `msgid`");
        }
        if cur.context.is_none() && cur.id.is_empty() {
            self.out.language = cur
                .translation
                .lines()
                .find_map(|l| l.strip_prefix("Language:"))
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty());
            return;
        }
        self.out.entries.push(cur);
    }

    /// The text of a `"..."` string, unescaped; `None` (and an error) if it
    /// is not one.
    fn quoted(&mut self, at: Pos, s: &str) -> Option<String> {
        let hint = "texts are in double quotes, with `\\\"` for a quote and `\\n` for a line break";
        let Some(body) = s.strip_prefix('"') else {
            self.error(at, "expected a text in double quotes", hint);
            return None;
        };
        let mut out = String::new();
        let mut chars = body.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    let after = body[i + 1..].trim();
                    if !after.is_empty() {
                        let col = at.col + 1 + body[..=i].chars().count();
                        self.error(Pos { line: at.line, col }, "something after the closing quote", hint);
                        return None;
                    }
                    return Some(out);
                }
                '\\' => match chars.next().map(|(_, e)| e) {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some('r') => out.push('\r'),
                    Some('"') => out.push('"'),
                    Some('\\') => out.push('\\'),
                    Some('a') => out.push('\u{7}'),
                    Some('b') => out.push('\u{8}'),
                    Some('f') => out.push('\u{c}'),
                    Some('v') => out.push('\u{b}'),
                    other => {
                        let col = at.col + 1 + body[..i].chars().count();
                        let shown = other.map_or(String::new(), String::from);
                        self.error(Pos { line: at.line, col }, format!("unknown escape `\\{shown}`"), hint);
                        return None;
                    }
                },
                c => out.push(c),
            }
        }
        self.error(at, "this text has no closing quote", hint);
        None
    }
}

/// A keyword as shown in a message: at most 20 characters.
fn shorten(s: &str) -> String {
    s.chars().take(20).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<PoFile, Vec<Diagnostic>> {
        parse(&SourceFile::new("t.po", text))
    }

    #[test]
    fn entries_are_read_with_their_places() {
        let po = read(concat!(
            "msgid \"\"\nmsgstr \"\"\n\"Language: vi\\n\"\n\n",
            "#. a comment\n#, fuzzy\nmsgctxt \"words/back\"\nmsgid \"Back\"\nmsgstr \"Quay lại\"\n\n",
            "msgctxt \"words/next\"\nmsgid \"\"\n\"Two\\n\"\n\"lines\"\nmsgstr \"\"\n\n",
            "#~ msgid \"Old\"\n#~ msgstr \"Cũ\"\n",
        ))
        .expect("a good file");
        assert_eq!(po.language.as_deref(), Some("vi"));
        assert_eq!(po.entries.len(), 2);
        let back = &po.entries[0];
        assert_eq!(
            (back.context.as_deref(), back.id.as_str(), back.translation.as_str()),
            (Some("words/back"), "Back", "Quay lại")
        );
        assert!(back.fuzzy);
        assert_eq!((back.at, back.translation_at), (Pos { line: 7, col: 1 }, Pos { line: 9, col: 8 }));
        assert_eq!(po.entries[1].id, "Two\nlines");
        assert!(!po.entries[1].fuzzy);
    }

    #[test]
    fn malformed_lines_are_located_errors_never_panics() {
        for (text, line, col) in [
            ("\"stray\"\n", 1, 1),
            ("msgid\n", 1, 6),
            ("msgid \"a\"\nmsgstr \"b\n", 2, 8),
            ("msgid \"a\"\nmsgstr \"b\" x\n", 2, 11),
            ("msgid \"a\"\nmsgstr \"\\q\"\n", 2, 9),
            ("msgid \"a\"\n\n", 2, 1),
            ("msgfoo \"a\"\n", 1, 1),
            ("msgid \"é\"\nmsgstr \"\\", 2, 9),
        ] {
            let errors = read(text).expect_err(text);
            assert_eq!((errors[0].line, errors[0].column), (line, col), "{text:?}: {errors:?}");
        }
    }

    proptest::proptest! {
        /// Any mix of PO keywords, quotes, escapes, comments and line breaks
        /// gives entries or located errors, never a panic.
        #[test]
        fn any_text_reads_without_panicking(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "msgid ", "msgstr ", "msgctxt ", "msgid_plural ", "msgstr[1] ", "#, fuzzy", "#~ ", "#. ",
                    "\"", "\\", "\\n", "\n", "\r\n", " ", "x", "é", "{n}", "\u{feff}",
                ]),
                0..40,
            )
        ) {
            let text: String = parts.concat();
            let file = SourceFile::new("p.po", text.clone());
            let lines = text.split('\n').count();
            match parse(&file) {
                Ok(po) => {
                    for e in &po.entries {
                        proptest::prop_assert!(e.at.line <= lines && e.translation_at.line <= lines);
                    }
                }
                Err(errors) => {
                    for d in &errors {
                        proptest::prop_assert!(d.line >= 1 && d.line <= lines.max(1) && d.column >= 1);
                    }
                }
            }
        }
    }
}
