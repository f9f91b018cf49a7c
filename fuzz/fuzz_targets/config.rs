//! `kiosk.ron` as IT staff might write it: parsed, its ranges and PIN hash
//! checked. (The hash is never run: costs come from the file.)
#![no_main]

use kiosk_triage::config::{KioskConfig, pin_hash_usable};
use kiosk_triage::flow::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let file = SourceFile::new("kiosk.ron", text.as_ref());
    match KioskConfig::parse("kiosk.ron", &text) {
        Ok(config) => {
            for d in config.problems(&file) {
                let _ = d.render(Some(&file));
            }
            let _ = (config.idle_warning(), config.idle_reset(), config.offer_help_after(), config.solved_return());
        }
        Err(d) => {
            let _ = d.render(Some(&file));
        }
    }
    let _ = pin_hash_usable(&text);
});
