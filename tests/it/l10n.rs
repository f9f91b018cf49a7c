//! The translator's round trip: `l10n export` to a PO file and `l10n import`
//! back into the RON files, on copies of the default flows and of a small
//! fixture, through the real binary (files, exit codes, messages) and the
//! library (exact diagnostics).

#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use kiosk_triage::flow::load::read_dir;
use kiosk_triage::flow::source::SourceFile;
use kiosk_triage::flow::{Options, Severity, Sources, check};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common;
use common::{copy_tree, run, stdout};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir`, by path relative to it.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// A copy of the default flows in a temporary folder.
fn default_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let flows = tmp.path().join("flows");
    copy_tree(&repo().join("flows"), &flows);
    (tmp, flows)
}

fn export(flows: &Path, lang: &str, out: &Path) -> String {
    let o = run(
        &[
            "l10n",
            "export",
            "--lang",
            lang,
            "--flows",
            flows.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::read_to_string(out.join(format!("{lang}.po"))).unwrap()
}

fn import(flows: &Path, po: &Path) -> std::process::Output {
    run(&["l10n", "import", po.to_str().unwrap(), "--flows", flows.to_str().unwrap()], "")
}

/// The flows folder as the library reads it, names relative to the folder
/// (as `l10n` shows them).
fn sources(flows: &Path) -> Sources {
    let (s, problems) = read_dir(flows).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let rel = |f: &SourceFile| {
        let name = Path::new(&f.name).strip_prefix(flows).unwrap().to_string_lossy().replace('\\', "/");
        SourceFile::new(name, f.text.clone())
    };
    Sources {
        flowset: s.flowset.as_ref().map(rel),
        flows: s.flows.iter().map(rel).collect(),
        branches: s.branches.iter().map(rel).collect(),
        words: s.words.iter().map(rel).collect(),
        ..s.clone()
    }
}

/// Replaces the `msgstr` of the entry with `msgctxt` `id` in a PO text.
fn set_msgstr(po: &str, id: &str, value: &str) -> String {
    let ctx = format!("msgctxt \"{id}\"\n");
    let at = po.find(&ctx).unwrap_or_else(|| panic!("no entry {id}"));
    let str_at = at + po[at..].find("msgstr ").unwrap();
    let end = str_at + po[str_at..].find("\n\n").unwrap_or(po.len() - str_at);
    format!("{}msgstr \"{value}\"{}", &po[..str_at], &po[end..])
}

#[test]
fn a_round_trip_with_no_changes_changes_no_file() {
    let (tmp, flows) = default_copy();
    let before = snapshot(&flows);
    let po = export(&flows, "es", tmp.path());
    assert!(po.contains("msgctxt \"flow/printing/start/choice 3\""), "{po}");
    let o = import(&flows, &tmp.path().join("es.po"));
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout(&o).contains("0 translations written"), "{}", stdout(&o));
    assert_eq!(snapshot(&flows), before);
}

#[test]
fn export_lists_every_text_once_in_a_fixed_order() {
    let (tmp, flows) = default_copy();
    let first = export(&flows, "es", tmp.path());
    let again = export(&flows, "es", &tmp.path().join("again"));
    assert_eq!(first, again);
    // Every per-language `"en"` text of the flows and branches is an entry.
    let s = sources(&flows);
    let texts: usize = s
        .flows
        .iter()
        .chain(&s.branches)
        .chain(&s.flowset)
        .map(|f| f.literals().iter().filter(|l| l.key.as_deref() == Some("en")).count())
        .sum();
    let entries = kiosk_triage::l10n::entries(&s, "es").unwrap();
    assert_eq!(entries.iter().filter(|e| !e.id.starts_with("words/")).count(), texts);
    let ids: std::collections::HashSet<&str> = entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), entries.len(), "ids are unique");
    // The template has the same entries and no translations.
    let pot = std::fs::read_to_string(tmp.path().join("kiosk-triage.pot")).unwrap();
    assert_eq!(pot.matches("msgctxt ").count(), entries.len());
    assert_eq!(pot.matches("msgstr \"\"\n").count(), entries.len() + 1, "the header and every entry");
    // Comments for the translator.
    let label = first.find("msgctxt \"flow/printing/pc_kind/choice 1\"").unwrap();
    let before = &first[first[..label].rfind("\n\n").unwrap()..label];
    assert!(before.contains("#. keep {bw_price}: Price of one black-and-white page"), "{before}");
    assert!(before.contains("#. at most 60 characters"), "{before}");
    assert!(before.contains("#: printing.ron:"), "{before}");
}

#[test]
fn one_changed_translation_changes_exactly_that_literal() {
    let (tmp, flows) = default_copy();
    let before = snapshot(&flows);
    let po = export(&flows, "es", tmp.path());
    let po = set_msgstr(&po, "flow/printing/pc_kind/choice 1", "Blanco y negro, {bw_price} la página");
    std::fs::write(tmp.path().join("es.po"), po).unwrap();
    let o = import(&flows, &tmp.path().join("es.po"));
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let after = snapshot(&flows);
    let changed: Vec<&PathBuf> = after.keys().filter(|k| after[*k] != before[*k]).collect();
    assert_eq!(changed, [Path::new("printing.ron")]);
    let old = String::from_utf8(before[Path::new("printing.ron")].clone()).unwrap();
    let new = String::from_utf8(after[Path::new("printing.ron")].clone()).unwrap();
    assert_eq!(
        new,
        old.replacen(
            "\"es\": \"Blanco y negro: {bw_price} por página\"",
            "\"es\": \"Blanco y negro, {bw_price} la página\"",
            1
        )
    );
    let report = check(&sources(&flows), &Options { branch: None, asset_exists: &|_| true });
    assert_eq!((report.errors(), report.warnings()), (0, 0), "{:?}", report.diagnostics);
}

/// Imports a PO text through the library; the diagnostics if refused.
fn refused(flows: &Path, po: &str) -> Vec<kiosk_triage::flow::Diagnostic> {
    let file = SourceFile::new("es.po", po);
    kiosk_triage::l10n::import(&sources(flows), &file).expect_err("the import is refused")
}

/// The 1-based line of the `msgstr` of entry `id` in a PO text.
fn msgstr_line(po: &str, id: &str) -> usize {
    let at = po.find(&format!("msgctxt \"{id}\"")).unwrap();
    po[..at + po[at..].find("msgstr ").unwrap()].matches('\n').count() + 1
}

#[test]
fn a_changed_placeholder_is_refused_with_its_location() {
    let (tmp, flows) = default_copy();
    let before = snapshot(&flows);
    let id = "flow/printing/pc_kind/choice 1";
    let po = set_msgstr(&export(&flows, "es", tmp.path()), id, "Blanco y negro: {precio} por página");
    let line = msgstr_line(&po, id);
    let diags = refused(&flows, &po);
    let got: Vec<(String, usize, usize, &str)> =
        diags.iter().map(|d| (d.code.to_string(), d.line, d.column, d.message.as_str())).collect();
    assert_eq!(
        got,
        [
            (
                "placeholder".into(),
                line,
                8,
                "the translation of `flow/printing/pc_kind/choice 1` leaves out `{bw_price}`"
            ),
            (
                "placeholder".into(),
                line,
                25,
                "the translation of `flow/printing/pc_kind/choice 1` has `{precio}`, which the source text does not"
            ),
        ]
    );
    // Through the command line: located, and nothing written.
    std::fs::write(tmp.path().join("es.po"), &po).unwrap();
    let o = import(&flows, &tmp.path().join("es.po"));
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(&format!("es.po:{line}:25")), "{err}");
    assert!(err.ends_with("error: nothing was written\n"), "{err}");
    assert_eq!(snapshot(&flows), before);
}

#[test]
fn a_too_long_text_an_unknown_id_and_an_undeclared_language_are_refused() {
    let (tmp, flows) = default_copy();
    let before = snapshot(&flows);
    let po = export(&flows, "es", tmp.path());
    let long = "x".repeat(41);
    let po = set_msgstr(&po, "flow/printing/title", &long);
    let line = msgstr_line(&po, "flow/printing/title");
    let po = po.replacen("msgctxt \"words/back\"", "msgctxt \"words/bak\"", 1);
    let diags = refused(&flows, &po);
    let too_long = diags.iter().find(|d| d.code == "too-long").unwrap();
    assert_eq!((too_long.line, too_long.column, too_long.width), (line, 8, 43));
    assert_eq!(too_long.message, "the translation of `flow/printing/title` is 41 characters; at most 40 fit");
    let unknown = diags.iter().find(|d| d.code == "unknown-entry").unwrap();
    assert_eq!(unknown.hint.as_deref(), Some("did you mean `words/back`?"));
    assert_eq!(diags.len(), 2, "{diags:?}");

    let po = po.replacen("Language: es", "Language: tl", 1);
    let diags = refused(&flows, &po);
    let header_line = po.lines().position(|l| l.starts_with("\"Language: tl")).unwrap() + 1;
    assert_eq!((diags[0].code.as_str(), diags[0].line), ("unknown-language", header_line));
    assert_eq!(diags[0].message, "`tl` is not one of the languages in `flowset.ron`");
    assert_eq!(snapshot(&flows), before);
}

#[test]
fn empty_and_fuzzy_entries_stay_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let flows = new_language_fixture(tmp.path());
    let po = export(&flows, "vi", tmp.path());
    let po = set_msgstr(&po, "flow/printing/title", "In tài liệu");
    let po = set_msgstr(&po, "flow/printing/ask/text", "Máy in có hoạt động không?").replacen(
        "msgctxt \"flow/printing/ask/text\"",
        "#, fuzzy\nmsgctxt \"flow/printing/ask/text\"",
        1,
    );
    std::fs::write(tmp.path().join("vi.po"), po).unwrap();
    let o = import(&flows, &tmp.path().join("vi.po"));
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(
        out.starts_with("`vi`: 1 translations written, 0 already there, 49 untranslated or fuzzy left out"),
        "{out}"
    );
    let text = std::fs::read_to_string(flows.join("printing.ron")).unwrap();
    assert!(text.contains("title: {\"en\": \"Print something\", \"vi\": \"In tài liệu\"},"), "{text}");
    assert!(text.contains("text: {\"en\": \"Is the printer working?\"},"), "{text}");
    assert!(!flows.join("words/vi.ron").exists());
    let report = check(&sources(&flows), &Options { branch: None, asset_exists: &|_| true });
    assert_eq!(report.errors(), 0);
    assert!(
        report.diagnostics.iter().any(|d| d.code == "missing-translation" && d.message.contains("`ask`"))
    );
}

/// `tests/malformed/clean_baseline` with `vi` added to `languages`, and a
/// per-language default value.
fn new_language_fixture(root: &Path) -> PathBuf {
    let flows = root.join("flows");
    copy_tree(&repo().join("tests/malformed/clean_baseline"), &flows);
    std::fs::remove_file(flows.join("expected.txt")).unwrap();
    common::edit(&flows.join("flowset.ron"), "languages: [\"en\"]", "languages: [\"en\", \"vi\"]");
    // A per-language default, so `flowset.ron` has a text to translate too.
    common::edit(
        &flows.join("flowset.ron"),
        "vars: {\"help_desk\": \"Where patrons find staff.\"},",
        "vars: {\"help_desk\": \"Where patrons find staff.\", \"hours\": \"Opening hours.\"},\n    defaults: {\"hours\": {\"en\": \"9 to 5\"}},",
    );
    flows
}

/// Fills every empty `msgstr` of a PO text with `prefix` and the `msgid`.
fn fill(po: &str, prefix: &str) -> String {
    po.split("\n\n")
        .map(|entry| {
            let id = entry.lines().find_map(|l| l.strip_prefix("msgid \"")).map(|l| l.trim_end_matches('"'));
            match id {
                Some(id) if entry.contains("msgctxt") => {
                    entry.replace("msgstr \"\"", &format!("msgstr \"{prefix}{id}\""))
                }
                _ => entry.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn a_new_language_is_added_by_export_translate_import() {
    let tmp = tempfile::tempdir().unwrap();
    let flows = new_language_fixture(tmp.path());
    let opts = Options { branch: None, asset_exists: &|_| true };
    let before = check(&sources(&flows), &opts);
    assert!(
        before.diagnostics.iter().all(|d| d.code == "missing-translation" && d.severity == Severity::Warning)
    );
    assert!(before.warnings() >= 6, "{:?}", before.diagnostics);

    let po = fill(&export(&flows, "vi", tmp.path()), "VI: ");
    std::fs::write(tmp.path().join("vi.po"), po).unwrap();
    let o = import(&flows, &tmp.path().join("vi.po"));
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout(&o).contains("changed flowset.ron, printing.ron, words/vi.ron (new)"), "{}", stdout(&o));

    let after = check(&sources(&flows), &opts);
    assert_eq!((after.errors(), after.warnings()), (0, 0), "{:?}", after.diagnostics);
    let text = std::fs::read_to_string(flows.join("printing.ron")).unwrap();
    assert!(text.contains("Choice(label: {\"en\": \"Yes\", \"vi\": \"VI: Yes\"}, to: \"done\"),"), "{text}");
    let text = std::fs::read_to_string(flows.join("flowset.ron")).unwrap();
    assert!(text.contains("defaults: {\"hours\": {\"en\": \"9 to 5\", \"vi\": \"VI: 9 to 5\"}},"), "{text}");
    let set = after.set.unwrap();
    assert_eq!(set.words.get(kiosk_triage::flow::words::Word::Back, "vi", "en"), "VI: Back");
}

/// Every map of every default flow and branch gets its new entry in its own
/// layout (one line, one entry per line, with and without a trailing comma),
/// and the words a new file: `check` finds nothing missing.
#[test]
fn a_sixth_language_for_the_default_flows_checks_clean() {
    let (tmp, flows) = default_copy();
    common::edit(
        &flows.join("flowset.ron"),
        "languages: [\"en\", \"es\", \"zh\", \"vi\", \"ru\"]",
        "languages: [\"en\", \"es\", \"zh\", \"vi\", \"ru\", \"tl\"]",
    );
    let opts = Options { branch: None, asset_exists: &|_| true };
    let missing = check(&sources(&flows), &opts).warnings();
    assert!(missing > 300, "{missing} warnings");
    // The English copied: no length or placeholder can be wrong, so only
    // the writing is tested.
    let po = fill(&export(&flows, "tl", tmp.path()), "");
    std::fs::write(tmp.path().join("tl.po"), po).unwrap();
    let o = import(&flows, &tmp.path().join("tl.po"));
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let after = check(&sources(&flows), &opts);
    assert_eq!((after.errors(), after.warnings()), (0, 0), "{:?}", after.diagnostics.first());
    // A second import of the same file changes nothing.
    let before = snapshot(&flows);
    let o = import(&flows, &tmp.path().join("tl.po"));
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(snapshot(&flows), before);
}

#[test]
fn export_refuses_a_language_it_cannot_translate_into() {
    let (tmp, flows) = default_copy();
    let out = tmp.path().to_str().unwrap();
    for (lang, why) in [
        ("tl", "error: `tl` is not one of the languages in `flowset.ron`"),
        ("en", "error: `en` is the fallback language, whose texts are the ones to translate"),
    ] {
        let o =
            run(&["l10n", "export", "--lang", lang, "--flows", flows.to_str().unwrap(), "--out", out], "");
        assert_eq!(o.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&o.stderr).starts_with(why),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    assert!(!tmp.path().join("tl.po").exists() && !tmp.path().join("en.po").exists());
    // Flows with errors are not exported from: fix them first.
    common::edit(&flows.join("printing.ron"), "to: \"pdf_staff\"", "to: \"pdf_staf\"");
    let o = run(&["l10n", "export", "--lang", "es", "--flows", flows.to_str().unwrap(), "--out", out], "");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.ends_with("error: the flows have errors; fix them first (`kiosk-triage check`)\n"), "{err}");
}

#[test]
fn a_missing_word_is_added_to_the_words_file_in_its_layout() {
    let (tmp, flows) = default_copy();
    let words = flows.join("words/es.ron");
    common::edit(&words, "    \"still_here\": \"Sigo aquí\",\n", "");
    let po = set_msgstr(&export(&flows, "es", tmp.path()), "words/still_here", "Aquí sigo");
    std::fs::write(tmp.path().join("es.po"), po).unwrap();
    let o = import(&flows, &tmp.path().join("es.po"));
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&words).unwrap();
    assert!(
        text.ends_with(
            "    \"choose_language\": \"Elija su idioma\",\n    \"still_here\": \"Aquí sigo\",\n}\n"
        ),
        "{text}"
    );
}

#[test]
fn a_translation_of_a_changed_source_text_is_left_out_with_a_warning() {
    let (tmp, flows) = default_copy();
    let po = export(&flows, "es", tmp.path());
    let po = set_msgstr(&po, "flow/printing/title", "Imprimir algo");
    let po = set_msgstr(&po, "flow/printing/subtitle", "Imprimir y pagar");
    std::fs::write(tmp.path().join("es.po"), &po).unwrap();
    common::edit(&flows.join("printing.ron"), "\"en\": \"Print something\"", "\"en\": \"Print a page\"");
    let o = import(&flows, &tmp.path().join("es.po"));
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("warning[stale-translation]: the text of `flow/printing/title` has changed since this file was exported"),
        "{err}"
    );
    let text = std::fs::read_to_string(flows.join("printing.ron")).unwrap();
    assert!(text.contains("\"es\": \"Imprimir\","), "the stale one is left as it was");
    assert!(text.contains("\"es\": \"Imprimir y pagar\","), "the others are imported");
}
