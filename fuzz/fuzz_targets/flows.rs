//! A small clean flow set (the `clean_baseline` test case) with one file
//! replaced or added by the input (which: the first byte), through the
//! checker and the handoff-code lengths, as `check` and a kiosk would. A
//! small base keeps each run fast (the full default set checks at a few runs
//! a second under the sanitizer); the seeds include the default flows.
#![no_main]

use kiosk_triage::flow::load::parse;
use libfuzzer_sys::fuzz_target;

const BASE: [(&str, &str); 4] = [
    ("flowset.ron", include_str!("../../tests/malformed/clean_baseline/flowset.ron")),
    ("printing.ron", include_str!("../../tests/malformed/clean_baseline/printing.ron")),
    ("branches/main.ron", include_str!("../../tests/malformed/clean_baseline/branches/main.ron")),
    ("words/en.ron", include_str!("../../tests/malformed/clean_baseline/words/en.ron")),
];

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let mut files: Vec<(&str, &str)> = BASE.to_vec();
    match which as usize % 5 {
        4 => files.push(("extra.ron", &text)),
        i => files[i].1 = &text,
    }
    let report = parse(&files, &|_| true, None);
    for d in &report.diagnostics {
        let _ = d.render(None);
    }
    if let Some(set) = &report.set {
        let mut sources = kiosk_triage::flow::Sources::default();
        for (name, text) in &files {
            let file = kiosk_triage::flow::source::SourceFile::new(*name, *text);
            match *name {
                "flowset.ron" => sources.flowset = Some(file),
                n if n.starts_with("branches/") => sources.branches.push(file),
                n if n.starts_with("words/") => sources.words.push(file),
                _ => sources.flows.push(file),
            }
        }
        let _ = kiosk_triage::handoff::long_codes(set, &sources, None);
    }
});
