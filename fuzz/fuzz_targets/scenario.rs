//! A scenario transcript (`flows/tests/*.ron`): parsed and replayed through a
//! real session on the default flows.
#![no_main]

use kiosk_triage::flow::source::SourceFile;
use kiosk_triage::scenario::{ScenarioFile, replay};
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};

fuzz_target!(|data: &[u8]| {
    static SET: OnceLock<Option<Arc<kiosk_triage::flow::FlowSet>>> = OnceLock::new();
    let set = SET.get_or_init(|| kiosk_triage::flow::load::load_builtin(None).report.set.map(Arc::new));
    let text = String::from_utf8_lossy(data);
    let file = ScenarioFile::parse(SourceFile::new("t.ron", text.as_ref()));
    if let (Some(set), Ok(scenarios)) = (set, &file.scenarios) {
        for (i, sc) in scenarios.iter().enumerate() {
            let _ = replay(set, sc);
            let _ = file.position(i);
        }
    }
});
