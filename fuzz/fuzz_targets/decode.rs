//! A handoff code as typed or scanned at the desk, decoded against the
//! default flows. Inputs that pass the alphabet and the check character are
//! rare at random, so the input's bytes are also read as a number and written
//! as a code with a valid check character, to reach the unpacking.
#![no_main]

use kiosk_triage::handoff::summary::{decode, render};
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};

fuzz_target!(|data: &[u8]| {
    static SET: OnceLock<Option<Arc<kiosk_triage::flow::FlowSet>>> = OnceLock::new();
    let Some(set) = SET.get_or_init(|| kiosk_triage::flow::load::load_builtin(None).report.set.map(Arc::new))
    else {
        return;
    };
    let sets = [set.clone()];
    let text = String::from_utf8_lossy(data);
    if let Ok(s) = decode(&text, &sets) {
        let _ = render(&s);
    }
    // The same bytes as a number, written as a code with a valid check
    // character, so the unpacking is reached as often as the alphabet.
    let mut bytes = [0u8; 16];
    for (b, d) in bytes.iter_mut().zip(data) {
        *b = *d;
    }
    let shift = data.get(16).map_or(0, |s| u32::from(*s % 128));
    let code = kiosk_triage::handoff::base32::encode(u128::from_le_bytes(bytes) >> shift);
    if let Ok(s) = decode(&code, &sets) {
        let _ = render(&s);
    }
});
