//! Patron and staff text: translations, emptiness, length, placeholders,
//! pictures, and characters nobody can see.

use super::locate::{At, locate, text_pos, token_place};
use super::{Checker, Ref};
use crate::flow::chars;
use crate::flow::diag::{Code, Severity, did_you_mean};
use crate::flow::raw::LangText;
use crate::flow::source::{Pos, SourceFile};
use crate::flow::text::{Piece, TemplateError, pieces};

/// Field names that hold patron text with placeholders.
const TEXT_FIELDS: &[&str] = &["text", "label", "title", "subtitle", "reason"];

/// Which file a text is in, for the placeholders each branch must fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Src {
    /// A flow file, by its index in `Sources::flows`.
    Flow(usize),
    /// A branch file's override, by the file's index in `Sources::branches`.
    Branch(usize),
    /// Text whose placeholders no branch is asked to fill (a value).
    Other,
}

/// One placeholder of a declared variable in one text. It holds no strings:
/// its position is worked out only if it is reported, so clean files are
/// never scanned for positions and checking allocates little.
#[derive(Clone, Copy)]
pub(super) struct Use {
    pub(super) src: Src,
    pub(super) within: [(&'static str, usize); 2],
    pub(super) depth: usize,
    field: &'static str,
    lang: usize,
    var: usize,
}

impl Use {
    /// Where the placeholder is in `file`, underlined whole.
    pub(super) fn place(&self, c: &Checker, file: &SourceFile) -> (Pos, usize) {
        let lang = c.languages.get(self.lang).map(String::as_str);
        let name = self.name(c);
        let at = At { within: &self.within[..self.depth], field: Some(self.field), key: lang };
        let (pos, _) = locate(file, at);
        let token = format!("{{{name}}}");
        let offset = file
            .find(|l| l.pos == pos)
            .filter(|l| l.width == l.value.chars().count() + 2)
            .and_then(|l| l.value.find(&token).map(|b| l.value[..b].chars().count()));
        let pos = offset.map_or(pos, |o| Pos { line: pos.line, col: pos.col + 1 + o });
        (pos, token.chars().count())
    }

    /// The placeholder's name.
    pub(super) fn name<'c>(&self, c: &'c Checker) -> &'c str {
        c.declared_vars.keys().nth(self.var).map_or("", String::as_str)
    }
}

impl Checker<'_> {
    /// Checks one patron text: languages, emptiness, length and placeholders.
    /// `src` says where it is, for placeholders each branch must fill.
    pub(super) fn text(
        &mut self,
        file: &SourceFile,
        src: Src,
        at: At,
        text: &LangText,
        what: &str,
        limit: usize,
    ) {
        self.missing_translations(file, at, text, what);
        for (lang, value) in text {
            let at_lang = At { key: Some(lang), ..at };
            if self.manifest_ok && self.languages_ok && !self.languages.contains(lang) {
                self.unknown_language(file, at_lang, lang, what);
            }
            if value.trim().is_empty() {
                self.push(
                    file,
                    locate(file, at_lang),
                    Severity::Error,
                    Code::EmptyText,
                    format!("{what} is empty in `{lang}`"),
                    Some("write the text, or remove the entry".into()),
                );
                continue;
            }
            hidden_in_text(self, file, at_lang, value, &format!("{what} in `{lang}`"));
            super::limits::too_long(self, file, at_lang, value, &format!("{what} is"), lang, limit);
            if value.contains(['{', '}']) {
                self.template(file, src, at, lang, value, what);
            }
        }
    }

    /// Every language of `flowset.ron` the text leaves out: an error for the
    /// fallback language, a warning for the others.
    fn missing_translations(&mut self, file: &SourceFile, at: At, text: &LangText, what: &str) {
        let checked_languages = if self.languages_ok { self.languages.len() } else { 0 };
        for i in 0..checked_languages {
            let lang = &self.languages[i];
            if text.contains_key(lang) || super::manifest::right_to_left(lang) {
                continue;
            }
            let (sev, hint) = if i == 0 {
                (Severity::Error, format!("`{lang}` is the fallback language, so every text needs it"))
            } else {
                (
                    Severity::Warning,
                    format!(
                        "add `\"{lang}\": \"...\"`; until then patrons see the `{}` text",
                        self.languages[0]
                    ),
                )
            };
            let msg = format!("{what} has no `{lang}` translation");
            self.push(
                file,
                locate(file, At { key: None, ..at }),
                sev,
                Code::MissingTranslation,
                msg,
                Some(hint),
            );
        }
    }

    /// Text in a language `flowset.ron` does not list, pointed at its key.
    fn unknown_language(&mut self, file: &SourceFile, at_lang: At, lang: &str, what: &str) {
        let known = self.languages.clone();
        let known: Vec<&str> = known.iter().map(String::as_str).collect();
        let here = locate(file, at_lang);
        // The key is the literal just before the value.
        let key_at = file
            .literals()
            .iter()
            .take_while(|l| l.pos < here.0)
            .filter(|l| l.value == *lang && l.key.is_none())
            .last()
            .map(|l| (l.pos, l.width));
        self.unknown(
            file,
            key_at.unwrap_or(here),
            Severity::Warning,
            Code::UnknownLanguage,
            format!("{what} has text in `{lang}`, which `flowset.ron` does not list"),
            Ref { name: lang, known: &known, kind: "languages listed" }
                .otherwise("add it to `languages` in `flowset.ron`, or remove it"),
        );
    }

    /// The placeholders of one text in one language: braces that are not
    /// placeholders, undeclared names, and (for declared ones) a [`Use`] to
    /// check against each branch.
    fn template(&mut self, file: &SourceFile, src: Src, at: At, lang: &str, value: &str, what: &str) {
        let at_lang = At { key: Some(lang), ..at };
        let parts = match pieces(value) {
            Ok(parts) => parts,
            Err(e) => {
                let (offset, msg, hint) = match e {
                    TemplateError::Unclosed(o) => (
                        o,
                        format!("{what} has a `{{` that is never closed"),
                        "close it with `}`, or write `{{` for a brace",
                    ),
                    TemplateError::StrayClose(o) => {
                        (o, format!("{what} has a `}}` with no `{{`"), "write `}}` for a brace")
                    }
                    TemplateError::BadName(o, n) => (
                        o,
                        format!("`{{{n}}}` is not a placeholder name"),
                        "names are one word: letters, digits and _",
                    ),
                };
                let pos = text_pos(file, at_lang, value, Some(offset));
                self.push(file, (pos, 1), Severity::Error, Code::Placeholder, msg, Some(hint.into()));
                return;
            }
        };
        let names = parts.iter().filter_map(|p| match p {
            Piece::Var(v) => Some(*v),
            Piece::Text(_) => None,
        });
        for name in names {
            let var = self.declared_vars.keys().position(|k| k == name);
            let field = TEXT_FIELDS.iter().find(|f| Some(**f) == at.field);
            let lang_index = self.languages.iter().position(|l| l == lang);
            if let (Some(var), Some(field), Some(lang_index)) = (var, field, lang_index) {
                let mut within = [("", 0); 2];
                let depth = at.within.len().min(2);
                within[..depth].copy_from_slice(&at.within[..depth]);
                self.uses.push(Use { src, within, depth, field, lang: lang_index, var });
            } else if self.manifest_ok && var.is_none() && self.first_time(format!("var:{name}")) {
                // One error per name: the first use, with a count of the rest.
                let known: Vec<String> = self.declared_vars.keys().cloned().collect();
                let close = did_you_mean(name, known.iter().map(String::as_str));
                let known: Vec<&str> = close.into_iter().collect();
                self.unknown(
                    file,
                    token_place(file, at_lang, value, name),
                    Severity::Error,
                    Code::UndeclaredPlaceholder,
                    format!("placeholder `{{{name}}}` is not declared in `flowset.ron`"),
                    // A new name is more likely than a typo: no list of the others.
                    Ref { name, known: &known, kind: "placeholders declared" }
                        .otherwise("declare it under `vars` in `flowset.ron`, with what it means"),
                );
            }
        }
    }

    /// A warning when a picture or icon is not in `assets/`.
    pub(super) fn asset(&mut self, file: &SourceFile, at: At, name: &str, what: &str) {
        if !(self.opts.asset_exists)(name) {
            self.push(
                file,
                locate(file, at),
                Severity::Warning,
                Code::MissingPicture,
                format!("{what} `{name}` is not in `assets/`"),
                Some("the kiosk shows no picture until the file is there".into()),
            );
        }
    }
}

impl Checker<'_> {
    /// A node's recorded clips: each in a listed language, each file in
    /// `assets/` (a missing one is a warning: the kiosk speaks without it).
    pub(super) fn clips(
        &mut self,
        file: &SourceFile,
        within: &[(&'static str, usize)],
        clips: &LangText,
        what: &str,
    ) {
        for (lang, path) in clips {
            let at = At { within, field: Some("audio"), key: Some(lang.as_str()) };
            if !self.languages.contains(lang) {
                self.unknown_language(file, at, lang, what);
            }
            if !(self.opts.asset_exists)(path) {
                self.push(
                    file,
                    locate(file, at),
                    Severity::Warning,
                    Code::MissingAudio,
                    format!("{what}: the `{lang}` clip `{path}` is not in `assets/`"),
                    Some("put the recording in `assets/` (paths are relative to it), or fix the name".into()),
                );
            }
        }
    }
}

/// An error when an id holds a control or invisible character: `wifi` and
/// `wifi` with a zero-width space would be two ids that look the same.
pub(super) fn hidden_in_id(c: &mut Checker, file: &SourceFile, place: (Pos, usize), id: &str, what: &str) {
    if let Some((_, ch)) = chars::find(id, chars::is_hidden) {
        c.push(
            file,
            place,
            Severity::Error,
            Code::InvisibleCharacter,
            format!("{what} `{}` has {}", chars::shown(id), chars::describe(ch)),
            Some("retype it: ids are letters, digits, `_` and `-`, with nothing invisible".into()),
        );
    }
}

/// A warning when patron or staff text holds a control character (other
/// than a line break) or an invisible one: nobody sees it, and bidirectional
/// controls reorder the text around them. Then the characters in it that no
/// bundled font can draw ([`super::glyphs::missing_glyphs`]).
pub(super) fn hidden_in_text(c: &mut Checker, file: &SourceFile, at: At, value: &str, what: &str) {
    super::glyphs::missing_glyphs(c, file, at, value, what);
    let bad = |ch: char| (chars::is_control(ch) && ch != '\n') || chars::is_invisible(ch);
    if let Some((offset, ch)) = chars::find(value, bad) {
        let pos = text_pos(file, at, value, Some(offset));
        c.push(
            file,
            (pos, 1),
            Severity::Warning,
            Code::InvisibleCharacter,
            format!("{what} has {}", chars::describe(ch)),
            Some("delete it: nobody can see it, yet the kiosk shows the text as it is".into()),
        );
    }
}
