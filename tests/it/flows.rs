//! Every file in `flows/` passes `check` for every branch, and the built-in
//! defaults are exactly those files (so the kiosk's fallback never drifts
//! from what IT sees in the folder).

#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use kiosk_triage::flow::load::{BUILTIN_ASSETS, BUILTIN_FLOWS, load, load_builtin};
use std::path::Path;

fn render(loaded: &kiosk_triage::flow::load::Loaded) -> String {
    loaded.report.diagnostics.iter().map(|d| d.render(loaded.source(&d.file))).collect::<Vec<_>>().join("\n")
}

#[test]
fn default_flows_are_clean_for_every_branch() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let all = load(&root.join("flows"), &root.join("assets"), None).unwrap();
    assert!(all.note.is_none());
    assert_eq!(all.report.errors() + all.report.warnings(), 0, "{}", render(&all));
    let set = all.report.set.as_ref().unwrap();
    assert!(set.branches.len() >= 2);
    for branch in &set.branches {
        let one = load(&root.join("flows"), &root.join("assets"), Some(&branch.id)).unwrap();
        assert_eq!(one.report.errors() + one.report.warnings(), 0, "{}: {}", branch.id, render(&one));
    }
}

#[test]
fn builtin_defaults_are_the_flows_folder() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut on_disk = Vec::new();
    for sub in ["", "branches", "words"] {
        for entry in std::fs::read_dir(root.join("flows").join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "ron") {
                let rel = path.strip_prefix(root.join("flows")).unwrap().to_string_lossy().replace('\\', "/");
                on_disk.push(rel);
            }
        }
    }
    on_disk.sort();
    let mut built_in: Vec<String> = BUILTIN_FLOWS.iter().map(|(n, _)| (*n).to_string()).collect();
    built_in.sort();
    assert_eq!(built_in, on_disk, "update BUILTIN_FLOWS in src/flow/load.rs");
    for (name, text) in BUILTIN_FLOWS {
        assert_eq!(std::fs::read_to_string(root.join("flows").join(name)).unwrap(), *text);
    }
    let builtin = load_builtin(None);
    assert_eq!(builtin.report.errors() + builtin.report.warnings(), 0, "{}", render(&builtin));
    // Every picture the flows name is compiled in.
    for (name, bytes) in BUILTIN_ASSETS {
        assert_eq!(std::fs::read(root.join("assets").join(name)).unwrap(), *bytes);
    }
}

#[test]
fn a_missing_folder_falls_back_to_the_builtin_defaults_and_says_so() {
    let loaded = load(Path::new("/no/such/folder"), Path::new("/no/assets"), None).unwrap();
    assert!(loaded.report.set.is_some());
    assert_eq!(
        loaded.note.as_deref(),
        Some("no flows folder at `/no/such/folder`; using the built-in default flows")
    );
    assert_eq!(loaded.sources.origin, "built-in default flows");
}
