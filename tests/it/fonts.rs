//! Every text of every language of the default flows can be drawn with the
//! fonts the kiosk carries, as the core sees them (`flow::glyphs`, the table
//! `check` reads). `kiosk_fonts` checks the table against egui's own fonts.

#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use kiosk_triage::flow::diag::Code;
use kiosk_triage::flow::glyphs;
use kiosk_triage::flow::load::{builtin_sources, load_builtin};
use kiosk_triage::l10n::entries;
use kiosk_triage::l10n::export::manifest;

/// Each text of the default flows in each language `flowset.ron` declares,
/// with its id: flow texts, branch values and overrides, the kiosk's words.
fn every_text() -> Vec<(String, String, String)> {
    let sources = builtin_sources();
    let languages = manifest(&sources).unwrap().languages;
    assert!(languages.len() >= 2, "{languages:?}");
    let mut out = Vec::new();
    for lang in &languages {
        for e in entries(&sources, lang).unwrap() {
            out.push((lang.clone(), e.id.clone(), e.translation.unwrap_or(e.source)));
        }
    }
    out
}

#[test]
fn every_text_of_every_language_of_the_default_flows_has_a_font() {
    let texts = every_text();
    assert!(texts.len() > 500, "only {} texts", texts.len());
    let missing: Vec<String> = texts
        .iter()
        .flat_map(|(lang, id, text)| {
            glyphs::missing(text).map(move |(_, c)| format!("{lang} {id}: {}", glyphs::describe(c)))
        })
        .collect();
    assert!(missing.is_empty(), "characters no bundled font has:\n{}", missing.join("\n"));
}

#[test]
fn check_finds_no_missing_glyph_in_the_default_flows() {
    let loaded = load_builtin(None);
    let found: Vec<String> = loaded
        .report
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::NoGlyph)
        .map(|d| d.message.clone())
        .collect();
    assert!(found.is_empty(), "{found:?}");
}
