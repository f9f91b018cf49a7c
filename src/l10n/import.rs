//! Putting a translated PO file back into the RON files.
//!
//! All or nothing: every entry is checked first (an id that names no text,
//! a placeholder left out or added, a text longer than fits, a language
//! `flowset.ron` does not declare), and any error means no file changes.
//! Then each translation becomes one edit of one string literal, or one new
//! entry in its map; the edited flow set is checked again in memory and
//! every translation read back before anything is handed out to be written.

use super::edit::{Splice, apply, insert_after, map_literals, newline, ron_string, span_of};
use super::export::{entries, manifest, stem};
use super::po::{PoEntry, PoFile, parse};
use super::{Entry, Place};
use crate::flow::check::{Options, check};
use crate::flow::diag::{Code, Diagnostic, Severity, suggest};
use crate::flow::source::{Pos, SourceFile};
use crate::flow::sources::Sources;
use crate::flow::text::{pieces, placeholders};
use std::collections::{BTreeMap, HashMap};

/// What an import would write.
#[derive(Debug, Default)]
pub struct Imported {
    /// The language imported.
    pub language: String,
    /// Files whose text changes: (name as in the sources, new text).
    pub changed: Vec<(String, String)>,
    /// New files: (name beside the fallback words file, text).
    pub created: Vec<(String, String)>,
    /// Translations written (new or changed).
    pub written: usize,
    /// Translations already there, the same.
    pub unchanged: usize,
    /// Entries left out: untranslated (empty) or fuzzy.
    pub skipped: usize,
    /// Warnings: entries whose source text changed since the export.
    pub warnings: Vec<Diagnostic>,
}

/// Reads the PO file `po` against the flow set in `sources` (which should
/// have passed `check`) and works out every edit, or every problem.
pub fn import(sources: &Sources, po: &SourceFile) -> Result<Imported, Vec<Diagnostic>> {
    let file = parse(po)?;
    let lang = language(sources, po, &file)?;
    let all = entries(sources, &lang)?;
    let by_id: HashMap<&str, &Entry> = all.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut out = Imported { language: lang.clone(), ..Imported::default() };
    let mut errors = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut todo: Vec<(&Entry, &str)> = Vec::new();
    for p in &file.entries {
        let Some(entry) = known(po, p, &by_id, &mut seen, &mut errors) else { continue };
        if p.fuzzy || p.translation.is_empty() {
            out.skipped += 1;
            continue;
        }
        if p.id != entry.source {
            out.warnings.push(stale(po, p));
            continue;
        }
        let before = errors.len();
        validate(po, p, entry, &mut errors);
        if errors.len() > before {
            continue;
        }
        if entry.translation.as_deref() == Some(p.translation.as_str()) {
            out.unchanged += 1;
        } else {
            todo.push((entry, p.translation.as_str()));
        }
    }
    if !errors.is_empty() {
        errors.append(&mut out.warnings);
        return Err(errors);
    }
    out.written = todo.len();
    let (changed, created) = plan(sources, &lang, &todo)?;
    verify(sources, &lang, &changed, &created, &todo)?;
    out.changed = changed;
    out.created = created;
    Ok(out)
}

/// The language of the PO file (its header's `Language:`, else its file
/// name), which must be one `flowset.ron` declares, and not the fallback.
fn language(sources: &Sources, po: &SourceFile, file: &PoFile) -> Result<String, Vec<Diagnostic>> {
    let m = manifest(sources)?;
    let lang = file.language.clone().unwrap_or_else(|| stem(&po.name).trim_end_matches(".po").to_string());
    let at = po
        .text
        .lines()
        .position(|l| l.contains("Language:"))
        .map_or(Pos::START, |i| Pos { line: i + 1, col: 2 });
    let error = |msg: String, hint: String| {
        Err(vec![Diagnostic::new(Severity::Error, Code::UnknownLanguage, &po.name, at, msg).hint(hint)])
    };
    if lang == m.fallback {
        return error(
            format!("`{lang}` is the fallback language: its texts are the `msgid`s, not translations"),
            "edit the fallback-language text in the RON files themselves".into(),
        );
    }
    if !m.languages.contains(&lang) {
        let known: Vec<&str> = m.languages.iter().map(String::as_str).collect();
        let hint = suggest(&lang, &known, "languages declared").map_or_else(
            || format!("add `\"{lang}\"` to `languages` in `flowset.ron` first"),
            |s| format!("{s} (or add `\"{lang}\"` to `languages` in `flowset.ron` first)"),
        );
        return error(format!("`{lang}` is not one of the languages in `flowset.ron`"), hint);
    }
    Ok(lang)
}

/// The entry a PO entry's `msgctxt` names, or an error (none, unknown, used
/// twice, plural).
fn known<'e>(
    po: &SourceFile,
    p: &'e PoEntry,
    by_id: &HashMap<&str, &'e Entry>,
    seen: &mut HashMap<&'e str, usize>,
    errors: &mut Vec<Diagnostic>,
) -> Option<&'e Entry> {
    let err = |msg: String, code: Code| Diagnostic::new(Severity::Error, code, &po.name, p.at, msg);
    let Some(id) = p.context.as_deref() else {
        let hint = "every entry of an exported file has one: export again, and translate only the `msgstr`s";
        errors.push(
            err("an entry with no `msgctxt`, so it names no text".into(), Code::UnknownEntry).hint(hint),
        );
        return None;
    };
    let Some(entry) = by_id.get(id) else {
        let ids: Vec<&str> = by_id.keys().copied().collect();
        let hint = suggest(id, &ids, "ids")
            .unwrap_or_else(|| "the text is gone or was renamed since the export: export again".into());
        errors.push(err(format!("`{id}` names no text in the flows"), Code::UnknownEntry).hint(hint));
        return None;
    };
    if let Some(first) = seen.insert(id, p.at.line) {
        let hint = format!("first at line {first}; keep one");
        errors.push(err(format!("`{id}` is in the file twice"), Code::DuplicateId).hint(hint));
        return None;
    }
    if p.plural {
        let hint = "the kiosk's texts have no plural forms: write one `msgstr`";
        errors.push(err(format!("`{id}` has plural forms"), Code::Syntax).hint(hint));
        return None;
    }
    Some(entry)
}

/// A warning for a translation of a source text that has changed.
fn stale(po: &SourceFile, p: &PoEntry) -> Diagnostic {
    let id = p.context.as_deref().unwrap_or_default();
    Diagnostic::new(
        Severity::Warning,
        Code::StaleTranslation,
        &po.name,
        p.at,
        format!(
            "the text of `{id}` has changed since this file was exported; its translation was not imported"
        ),
    )
    .hint("export again (or merge the new template into this file) and check the translation")
}

/// Errors for a translation's placeholders and length.
fn validate(po: &SourceFile, p: &PoEntry, e: &Entry, errors: &mut Vec<Diagnostic>) {
    let err = |code: Code, (at, width): (Pos, usize), msg: String, hint: String| {
        Diagnostic::new(Severity::Error, code, &po.name, at, msg).width(width).hint(hint)
    };
    let whole = text_place(po, p, None);
    if pieces(&p.translation).is_err() {
        let hint = "placeholders look like `{help_desk}`; write `{{` or `}}` for a brace".to_string();
        let msg = format!("the translation of `{}` has a brace that is not a placeholder", e.id);
        errors.push(err(Code::Placeholder, whole, msg, hint));
        return;
    }
    let source = placeholders(&e.source);
    let translated = placeholders(&p.translation);
    for name in source.iter().filter(|n| !translated.contains(n)) {
        let meaning = e.placeholders.iter().find(|(n, _)| n == name).map_or("", |(_, m)| m.as_str());
        let msg = format!("the translation of `{}` leaves out `{{{name}}}`", e.id);
        errors.push(err(Code::Placeholder, whole, msg, format!("keep `{{{name}}}` as it is ({meaning})")));
    }
    for name in translated.iter().filter(|n| !source.contains(n)) {
        let msg = format!("the translation of `{}` has `{{{name}}}`, which the source text does not", e.id);
        let hint = suggest(name, &source, "placeholders of the source text")
            .unwrap_or_else(|| "use only the placeholders of the source text, spelt as they are".into());
        errors.push(err(Code::Placeholder, text_place(po, p, Some(name)), msg, hint));
    }
    let count = p.translation.chars().count();
    if let Some(limit) = e.limit.filter(|l| count > *l) {
        let msg = format!("the translation of `{}` is {count} characters; at most {limit} fit", e.id);
        errors.push(err(Code::TooLong, whole, msg, format!("say it more briefly: this is {}", e.what)));
    }
}

/// Where the `msgstr` text is on its line (the quotes included), or the
/// placeholder `{name}` in it when that line shows it; else the opening
/// quote.
fn text_place(po: &SourceFile, p: &PoEntry, name: Option<&str>) -> (Pos, usize) {
    let at = p.translation_at;
    let Some(line) = po.line(at.line) else { return (at, 1) };
    let rest: String = line.chars().skip(at.col - 1).collect();
    match name {
        Some(name) => {
            let token = format!("{{{name}}}");
            rest.find(&token).map_or((at, 1), |b| {
                let col = at.col + rest[..b].chars().count();
                (Pos { line: at.line, col }, token.chars().count())
            })
        }
        None => (at, rest.trim_end().chars().count()),
    }
}

/// Changed and new files: (name, text).
type Files = Vec<(String, String)>;

/// The edits, file by file.
fn plan(sources: &Sources, lang: &str, todo: &[(&Entry, &str)]) -> Result<(Files, Files), Vec<Diagnostic>> {
    let mut splices: BTreeMap<String, Vec<Splice>> = BTreeMap::new();
    let mut new_words: Vec<(&str, &str)> = Vec::new();
    let mut errors = Vec::new();
    let words_file = sources.words.iter().find(|f| stem(&f.name) == lang);
    for (entry, value) in todo {
        let target = match &entry.place {
            Place::Map { .. } => sources.find_file(&entry.file),
            Place::Word { .. } => words_file,
        };
        let Some(file) = target else {
            if let Place::Word { key } = &entry.place {
                new_words.push((key, value));
            }
            continue;
        };
        match splice(file, entry, lang, value) {
            Some(s) => splices.entry(file.name.clone()).or_default().push(s),
            None => errors.push(
                Diagnostic::new(
                    Severity::Error,
                    Code::Syntax,
                    &file.name,
                    Pos { line: entry.line, col: 1 },
                    format!("cannot find where to write the `{lang}` text of `{}`", entry.id),
                )
                .hint("write it by hand, or tell the kiosk's developers: this layout was not expected"),
            ),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let changed = splices
        .into_iter()
        .filter_map(|(name, s)| sources.find_file(&name).map(|f| (name, apply(&f.text, s))))
        .collect();
    let created = new_words_file(sources, lang, &new_words).into_iter().collect();
    Ok((changed, created))
}

/// The edit that puts `value` in as the `lang` text of `entry` in `file`.
fn splice(file: &SourceFile, entry: &Entry, lang: &str, value: &str) -> Option<Splice> {
    let literals = map_literals(file, &entry.place);
    let key = match &entry.place {
        Place::Map { .. } => lang,
        Place::Word { key } => key.as_str(),
    };
    if let Some(l) = literals.iter().find(|l| l.key.as_deref() == Some(key)) {
        let (start, end) = span_of(&file.text, l);
        return Some(Splice { start, end, with: ron_string(value) });
    }
    insert_after(&file.text, literals.last()?, key, value)
}

/// `words/<lang>.ron`, for a language that has none yet.
fn new_words_file(sources: &Sources, lang: &str, words: &[(&str, &str)]) -> Option<(String, String)> {
    if words.is_empty() {
        return None;
    }
    let fallback = manifest(sources).ok()?.fallback;
    let model = sources.words.iter().find(|f| stem(&f.name) == fallback)?;
    let folder = model.name.strip_suffix(&format!("{fallback}.ron"))?;
    let name = format!("{folder}{lang}.ron");
    let nl = newline(&model.text);
    let mut text =
        format!("// The kiosk's own words in `{lang}`, added by `kiosk-triage l10n import`.{nl}{{{nl}");
    for (key, value) in words {
        text.push_str(&format!("    {}: {},{nl}", ron_string(key), ron_string(value)));
    }
    text.push_str(&format!("}}{nl}"));
    Some((name, text))
}

/// Checks the edited flow set in memory: no errors, and every translation
/// reads back as it was given.
fn verify(
    sources: &Sources,
    lang: &str,
    changed: &Files,
    created: &Files,
    todo: &[(&Entry, &str)],
) -> Result<(), Vec<Diagnostic>> {
    let mut after = sources.clone();
    for (name, text) in changed {
        let all = after
            .flowset
            .iter_mut()
            .chain(&mut after.flows)
            .chain(&mut after.branches)
            .chain(&mut after.words);
        for f in all.filter(|f| f.name == *name) {
            *f = SourceFile::new(name.clone(), text.clone());
        }
    }
    for (name, text) in created {
        after.words.push(SourceFile::new(name.clone(), text.clone()));
    }
    let report = check(&after, &Options { branch: None, asset_exists: &|_| true });
    let errors: Vec<Diagnostic> =
        report.diagnostics.into_iter().filter(|d| d.severity == Severity::Error).collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let read_back = entries(&after, lang)?;
    let by_id: HashMap<&str, &Entry> = read_back.iter().map(|e| (e.id.as_str(), e)).collect();
    for (entry, value) in todo {
        if by_id.get(entry.id.as_str()).and_then(|e| e.translation.as_deref()) != Some(*value) {
            let msg = format!(
                "the `{lang}` text of `{}` did not read back as written; nothing was written",
                entry.id
            );
            return Err(vec![Diagnostic::new(
                Severity::Error,
                Code::Syntax,
                &entry.file,
                Pos { line: entry.line, col: 1 },
                msg,
            )]);
        }
    }
    Ok(())
}
