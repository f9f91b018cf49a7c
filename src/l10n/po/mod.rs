//! gettext PO files: written for translators' tools, read back with every
//! entry's line kept, so a problem in a translation is reported at
//! `FILE.po:line:column` like any other diagnostic.
//!
//! The `polib` crate was considered: it keeps no line numbers, and it panics
//! on some malformed input (a `"..."` line before any keyword, `msgid` with
//! nothing after it), which a file a volunteer edited by hand must never do.
//! The subset of PO used here (singular entries, comments, flags, `msgctxt`)
//! is small, so reading it is done here, in a loop that never panics.

mod read;

pub use read::{PoEntry, PoFile, parse};

use super::Entry;
use std::fmt::Write as _;

/// What the PO header says besides the entries.
pub struct Header<'h> {
    /// The flow set's name, for `Project-Id-Version`.
    pub project: &'h str,
    /// The language translated into; `None` for the template.
    pub language: Option<&'h str>,
    /// The fallback language, whose texts are the `msgid`s.
    pub source_language: &'h str,
}

/// Writes `entries` as a PO file (a template when `header.language` is
/// `None`: every `msgstr` empty).
pub fn write_po(entries: &[Entry], header: &Header) -> String {
    let mut out = String::new();
    out.push_str("# Translations of the kiosk's patron texts, made by `kiosk-triage l10n export`.\n");
    out.push_str("# Translate each msgstr; keep every {placeholder} as it is. Bring the file back with\n");
    out.push_str("# `kiosk-triage l10n import FILE.po`. See docs/translating.md.\n");
    out.push_str("msgid \"\"\nmsgstr \"\"\n");
    let mut head = format!("Project-Id-Version: {}\n", header.project.replace(['\n', '\r'], " "));
    // Filled in by the translator's tool; here so `msgfmt --check` is content.
    head.push_str("PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\nLast-Translator: FULL NAME <EMAIL@ADDRESS>\n");
    head.push_str("Language-Team: LANGUAGE <LL@li.org>\n");
    let _ = writeln!(head, "Language: {}", header.language.unwrap_or_default());
    head.push_str(
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n",
    );
    let _ = writeln!(head, "X-Source-Language: {}", header.source_language);
    for line in head.split_inclusive('\n') {
        let _ = writeln!(out, "\"{}\"", escape(line));
    }
    for e in entries {
        out.push('\n');
        let _ = writeln!(out, "#. {}", one_line(&e.what));
        for (name, meaning) in &e.placeholders {
            let _ = writeln!(out, "#. keep {{{name}}}: {}", one_line(meaning));
        }
        if let Some(limit) = e.limit {
            let _ = writeln!(out, "#. at most {limit} characters");
        }
        let _ = writeln!(out, "#: {}:{}", e.file.replace(' ', "\u{a0}"), e.line);
        field(&mut out, "msgctxt", &e.id);
        field(&mut out, "msgid", &e.source);
        let translation = if header.language.is_some() { e.translation.as_deref() } else { None };
        field(&mut out, "msgstr", translation.unwrap_or_default());
    }
    out
}

/// A comment is one line.
fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// `keyword "value"`, split after each line break as gettext does.
fn field(out: &mut String, keyword: &str, value: &str) {
    let lines: Vec<&str> = value.split_inclusive('\n').collect();
    if lines.len() <= 1 {
        let _ = writeln!(out, "{keyword} \"{}\"", escape(value));
    } else {
        let _ = writeln!(out, "{keyword} \"\"");
        for line in lines {
            let _ = writeln!(out, "\"{}\"", escape(line));
        }
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::source::SourceFile;

    #[test]
    fn written_entries_read_back_the_same() {
        let entry = Entry {
            id: "flow/a/b/text".into(),
            source: "Say \"hi\"\nthen {n} \\ go".into(),
            translation: Some("Nói \"chào\"\nrồi {n} \\ đi".into()),
            what: "a step".into(),
            placeholders: vec![("n".into(), "a number".into())],
            limit: Some(400),
            file: "a.ron".into(),
            line: 3,
            place: crate::l10n::Place::Word { key: "x".into() },
        };
        let header = Header { project: "P", language: Some("vi"), source_language: "en" };
        let po = parse(&SourceFile::new("t.po", write_po(std::slice::from_ref(&entry), &header)))
            .expect("it reads back");
        assert_eq!(po.language.as_deref(), Some("vi"));
        let e = &po.entries[0];
        assert_eq!((e.context.as_deref(), e.id.as_str()), (Some(entry.id.as_str()), entry.source.as_str()));
        assert_eq!(Some(e.translation.clone()), entry.translation);
    }
}
