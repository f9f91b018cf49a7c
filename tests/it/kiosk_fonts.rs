//! The kiosk's fonts as egui sees them: text in every script the default
//! flows and the bundled fonts promise lays out with a glyph for every
//! character, and the table `check` reads (`assets/fonts/coverage.txt`) is
//! exactly what the fonts the kiosk installs cover. After changing the fonts,
//!
//! ```text
//! BLESS=1 cargo test --test it kiosk_fonts::
//! ```
//!
//! rewrites the table; read its diff before committing it.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use eframe::egui::{self, FontFamily, MissingGlyphPolicy};
use egui_kittest::Harness;
use kiosk_triage::flow::glyphs;
use kiosk_triage::flow::load::builtin_sources;
use kiosk_triage::kiosk::theme::{self, BOLD_FAMILY};
use kiosk_triage::l10n::entries;
use kiosk_triage::l10n::export::manifest;
use std::collections::BTreeSet;
use std::path::Path;

/// Chinese (a sentence of the kind the flows say, with its punctuation),
/// Hindi and Punjabi with conjuncts and vowel signs, Vietnamese with its
/// stacked accents, Russian.
const SAMPLES: &[&str] = &[
    "请到服务台找工作人员帮忙。您的打印任务会保留两小时：“打印”、（彩色）",
    "कृपया कर्मचारी से मदद लें। प्रिंटर",
    "ਕਿਰਪਾ ਕਰਕੇ ਸਟਾਫ਼ ਤੋਂ ਮਦਦ ਲਓ। ਪ੍ਰਿੰਟਰ",
    "Xin vui lòng hỏi nhân viên thư viện. Máy in ở đâu?",
    "Пожалуйста, обратитесь к сотруднику библиотеки.",
];

/// A context with the kiosk's fonts, after one frame (fonts load then).
fn kiosk_context() -> egui::Context {
    let ctx = egui::Context::default();
    theme::install_fonts(&ctx);
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
    ctx
}

/// Every character the kiosk's regular text can draw (bold text can draw
/// them all too).
fn covered(ctx: &egui::Context) -> BTreeSet<char> {
    ctx.fonts_mut(|f| {
        let regular: BTreeSet<char> = f.characters(&FontFamily::Proportional).keys().copied().collect();
        let bold: BTreeSet<char> =
            f.characters(&FontFamily::Name(BOLD_FAMILY.into())).keys().copied().collect();
        assert!(bold.is_superset(&regular), "bold text falls back to every regular font");
        regular
    })
}

#[test]
fn the_coverage_table_is_what_the_kiosk_fonts_cover() {
    let table = glyphs::write_table(covered(&kiosk_context()));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts/coverage.txt");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, &table).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap().replace("\r\n", "\n");
    assert!(
        on_disk == table,
        "assets/fonts/coverage.txt is not what the kiosk's fonts cover; run \
         `BLESS=1 cargo test --test it kiosk_fonts::` and read the diff"
    );
    // And the core reads it back the same.
    assert_eq!(glyphs::read_table(&table).len(), table.lines().filter(|l| !l.starts_with('#')).count());
}

#[test]
fn every_sample_and_every_text_of_the_default_flows_has_a_glyph_in_egui() {
    let ctx = kiosk_context();
    let sources = builtin_sources();
    let mut texts: Vec<String> = SAMPLES.iter().map(|s| (*s).to_string()).collect();
    for lang in manifest(&sources).unwrap().languages {
        for e in entries(&sources, &lang).unwrap() {
            texts.push(e.translation.unwrap_or(e.source));
        }
    }
    let bold = FontFamily::Name(BOLD_FAMILY.into());
    ctx.fonts_mut(|f| {
        for text in &texts {
            for c in text.chars().filter(|c| glyphs::needs_glyph(*c)) {
                assert!(
                    f.has_glyph(&egui::FontId::new(30.0, FontFamily::Proportional), c),
                    "{c:?} in {text}"
                );
                assert!(f.has_glyph(&egui::FontId::new(30.0, bold.clone()), c), "bold {c:?} in {text}");
                assert!(glyphs::bundled(c), "{c:?} is drawn but not in the table");
            }
        }
    });
}

/// A harness that panics on a missing glyph, showing `text` as body text and
/// as a heading (bold), with the kiosk's fonts or egui's own.
fn show(text: &'static str, kiosk_fonts: bool) {
    let mut harness = Harness::builder()
        .with_context_setup(move |ctx| {
            if kiosk_fonts {
                theme::install_fonts(ctx);
            }
            theme::apply(ctx, &theme::LIGHT, &theme::Sizes::at(1.0));
            ctx.set_missing_glyph_policy(MissingGlyphPolicy::Panic);
        })
        .build_ui(move |ui| {
            ui.label(text);
            ui.heading(text);
        });
    harness.run();
}

#[test]
fn chinese_hindi_and_punjabi_lay_out_with_no_missing_glyph() {
    for text in SAMPLES {
        show(text, true);
    }
}

#[test]
fn without_the_bundled_script_fonts_chinese_has_no_glyph() {
    // The test above can fail: with egui's own fonts the same text panics.
    // (Its panic message is printed; the test passes when it panics.)
    let result = std::panic::catch_unwind(|| show(SAMPLES[0], false));
    assert!(result.is_err(), "Chinese laid out without the bundled fonts");
}
