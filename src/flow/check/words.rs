//! The kiosk's own words (`words/<lang>.ron`): only known keys, none empty,
//! braces that are placeholders, and every word in every language.

use super::locate::{At, found, lang_of, listed, text_pos, token_place};
use super::text::hidden_in_text;
use super::{Checker, Ref};
use crate::flow::diag::{Code, Severity};
use crate::flow::parse::parse_ron;
use crate::flow::source::{Pos, SourceFile};
use crate::flow::sources::Sources;
use crate::flow::text::{TemplateError, pieces, placeholders};
use crate::flow::words::{Word, Words, runtime_params};
use std::collections::{BTreeMap, BTreeSet};

/// Every words file, then a words file for every language.
pub(super) fn check_all(c: &mut Checker, sources: &Sources, manifest_file: &SourceFile) -> Words {
    let mut words = Words::default();
    let mut word_langs = BTreeSet::new();
    for file in &sources.words {
        let lang = lang_of(file);
        if c.manifest_ok && c.languages_ok && !c.languages.contains(&lang) {
            c.push(
                file,
                (Pos::START, 1),
                Severity::Warning,
                Code::UnknownLanguage,
                format!("`{lang}` is not one of the languages in `flowset.ron`"),
                Some("add it to `languages` in `flowset.ron`, or remove this file".into()),
            );
        }
        match parse_ron::<BTreeMap<String, String>>(file) {
            Ok(map) => {
                check_words(c, file, &lang, &map);
                word_langs.insert(lang.clone());
                words.0.insert(lang, map);
            }
            Err(d) => c.diags.push(*d),
        }
    }
    for (i, lang) in c.languages.clone().iter().enumerate() {
        if c.languages_ok
            && !super::manifest::right_to_left(lang)
            && !word_langs.contains(lang)
            && !sources.words.iter().any(|w| w.name.ends_with(&format!("{lang}.ron")))
            && !sources.unread.iter().any(|u| *u == format!("words/{lang}.ron") || u == "words/")
        {
            let sev = if i == 0 { Severity::Error } else { Severity::Warning };
            c.push(
                manifest_file,
                listed(manifest_file, "languages", lang),
                sev,
                Code::MissingTranslation,
                format!("the kiosk's words have no `{lang}` translation"),
                Some(format!(
                    "add `words/{lang}.ron` (copy `words/{}.ron` and translate it)",
                    c.languages[0]
                )),
            );
        }
    }
    words
}

/// One words file, for language `lang`.
fn check_words(c: &mut Checker, file: &SourceFile, lang: &str, map: &BTreeMap<String, String>) {
    // Each word, and the optional singular of a word that counts.
    let known = Word::known_keys();
    let keys: Vec<&str> = known.iter().map(String::as_str).collect();
    for (key, value) in map {
        if !keys.contains(&key.as_str()) {
            c.unknown(
                file,
                found(file.find(|l| l.value == *key && l.key.is_none())),
                Severity::Error,
                Code::UnknownWord,
                format!("`{key}` is not one of the kiosk's words"),
                Ref { name: key, known: &keys, kind: "words" },
            );
            continue;
        }
        word(c, file, key, value);
    }
    let fallback = c.languages.first().cloned().unwrap_or_default();
    // Missing words go before the closing brace of the map.
    let end = file.text.rfind('}').map_or(Pos::START, |b| file.pos_of_byte(b));
    for word in Word::ALL {
        let (key, meaning) = (word.key(), word.meaning());
        if !map.contains_key(key) {
            let sev = if lang == fallback { Severity::Error } else { Severity::Warning };
            c.push(
                file,
                (end, 1),
                sev,
                Code::MissingTranslation,
                format!("the word `{key}` has no `{lang}` translation"),
                Some(format!("add `\"{key}\": \"...\"`: {meaning}")),
            );
        }
    }
}

/// One known word: said, nothing invisible, braces that are placeholders,
/// and only placeholders it can be given.
fn word(c: &mut Checker, file: &SourceFile, key: &str, value: &str) {
    let at = At { within: &[], field: None, key: Some(key) };
    if value.trim().is_empty() {
        c.push(
            file,
            found(file.find(|l| l.value == *key && l.key.is_none())),
            Severity::Error,
            Code::EmptyText,
            format!("word `{key}` is empty"),
            Some("write the text, or remove the entry to use the fallback language".into()),
        );
    }
    hidden_in_text(c, file, at, value, &format!("word `{key}`"));
    if let Err(e) = pieces(value) {
        let offset = match e {
            TemplateError::Unclosed(o) | TemplateError::StrayClose(o) | TemplateError::BadName(o, _) => o,
        };
        c.push(
            file,
            (text_pos(file, at, value, Some(offset)), 1),
            Severity::Error,
            Code::Placeholder,
            format!("word `{key}` has a brace that is not a placeholder"),
            Some("placeholders look like `{help_desk}`; write `{{` or `}}` for a brace".into()),
        );
    }
    for name in placeholders(value) {
        if c.manifest_ok && !c.declared_vars.contains_key(name) && !runtime_params(key).contains(&name) {
            let mut allowed: Vec<&str> = runtime_params(key).to_vec();
            let declared: Vec<String> = c.declared_vars.keys().cloned().collect();
            allowed.extend(declared.iter().map(String::as_str));
            c.unknown(
                file,
                token_place(file, at, value, name),
                Severity::Error,
                Code::UndeclaredPlaceholder,
                format!("word `{key}` uses `{{{name}}}`, which is not available"),
                Ref { name, known: &allowed, kind: "placeholders available" },
            );
        }
    }
}
