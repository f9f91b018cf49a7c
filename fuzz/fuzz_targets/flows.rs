//! A flow set with one file replaced by the input (which file: the first
//! byte), through the checker and the handoff-code lengths, as `check` and a
//! kiosk would. Starting from the real default flows keeps the fuzzer deep in
//! the checks rather than at the first bracket.
#![no_main]

use kiosk_triage::flow::load::{BUILTIN_FLOWS, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let mut files: Vec<(&str, &str)> = BUILTIN_FLOWS.to_vec();
    let i = which as usize % files.len();
    files[i].1 = &text;
    let report = parse(&files, &|_| true, None);
    for d in &report.diagnostics {
        let _ = d.render(None);
    }
    if let Some(set) = &report.set {
        let sources = kiosk_triage::flow::load::builtin_sources();
        let _ = kiosk_triage::handoff::long_codes(set, &sources, None);
    }
});
