//! Hot reload: IT edits the flows folder of a running kiosk. A good edit is
//! picked up at the next home screen, never in the middle of a patron's
//! session; a broken edit is refused and the kiosk keeps what it had.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use kiosk_triage::config::KioskConfig;
use kiosk_triage::flow::load::load;
use kiosk_triage::kiosk::{Kiosk, Setup, folder_reloader, system_clock};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_tree(&p, &target)
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

/// A kiosk running on a copy of the default flows in a temporary folder.
fn kiosk_on_copy(watch: bool) -> (Harness<'static, Kiosk>, tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let flows = tmp.path().join("flows");
    let assets = tmp.path().join("assets");
    copy_tree(&root.join("flows"), &flows);
    copy_tree(&root.join("assets"), &assets);
    let loaded = load(&flows, &assets, None).unwrap();
    let set = Arc::new(loaded.report.set.unwrap());
    let setup = Setup {
        languages: set.languages.clone(),
        branch: "central".into(),
        set,
        assets: loaded.assets,
        config: KioskConfig::default(),
        windowed: true,
        notices: Vec::new(),
        reload: Some(folder_reloader(flows.clone(), assets, None)),
        archive: None,
        watch: watch.then(|| flows.clone()),
        clock: system_clock(),
    };
    let h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, k: &mut Kiosk| k.ui(ui), Kiosk::new(setup));
    (h, tmp, flows)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_good_edit_is_picked_up_at_home() {
    let (mut h, _tmp, flows) = kiosk_on_copy(false);
    h.run_steps(3);
    assert!(h.query_by_label("Wi-Fi on your own device").is_some());
    edit(&flows.join("wifi.ron"), "\"en\": \"Wi-Fi on your own device\"", "\"en\": \"Wi-Fi for your phone\"");
    h.state_mut().flows_changed();
    h.run_steps(3);
    assert!(h.query_by_label("Wi-Fi for your phone").is_some());
    assert!(h.query_by_label("Wi-Fi on your own device").is_none());
}

#[test]
fn an_edit_during_a_session_waits_for_the_home_screen() {
    let (mut h, _tmp, flows) = kiosk_on_copy(false);
    h.run_steps(3);
    h.get_by_label("Wi-Fi on your own device").click();
    h.run_steps(3);
    let before = h.state().session().unwrap().flow_set().fingerprint;
    edit(&flows.join("wifi.ron"), "\"en\": \"Wi-Fi on your own device\"", "\"en\": \"Wi-Fi for your phone\"");
    h.state_mut().flows_changed();
    h.run_steps(3);
    assert!(h.state().has_pending_flows());
    assert_eq!(
        h.state().session().unwrap().flow_set().fingerprint,
        before,
        "the patron's flows do not change under them"
    );
    h.get_by_label("1. Connect my phone or laptop").click();
    h.run_steps(3);
    h.get_by_label("↺ Start over").click();
    h.run_steps(3);
    assert!(!h.state().has_pending_flows());
    assert!(h.query_by_label("Wi-Fi for your phone").is_some());
}

#[test]
fn a_broken_edit_is_refused_and_nothing_is_lost() {
    let (mut h, _tmp, flows) = kiosk_on_copy(false);
    h.run_steps(3);
    edit(&flows.join("wifi.ron"), "next: \"terms\"", "next: \"termz\"");
    h.state_mut().flows_changed();
    h.run_steps(3);
    assert!(!h.state().has_pending_flows());
    assert!(h.query_by_label("Wi-Fi on your own device").is_some(), "the kiosk keeps its flows");
    // Staff see why.
    h.key_press_modifiers(egui::Modifiers::CTRL | egui::Modifiers::ALT, egui::Key::S);
    h.run_steps(3);
    assert!(h.query_by_label_contains("The flows were edited but have errors").is_some());
    assert!(h.query_by_label_contains("unknown node `termz`").is_some());
}

#[test]
fn the_watcher_notices_an_edit_by_itself() {
    let (mut h, _tmp, flows) = kiosk_on_copy(true);
    h.run_steps(3);
    edit(&flows.join("wifi.ron"), "\"en\": \"Wi-Fi on your own device\"", "\"en\": \"Wi-Fi for your phone\"");
    // File events arrive on another thread; give them up to 10 s.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while h.query_by_label("Wi-Fi for your phone").is_none() {
        assert!(std::time::Instant::now() < deadline, "the edit was not picked up");
        std::thread::sleep(std::time::Duration::from_millis(100));
        h.run_steps(1);
    }
}

#[test]
fn a_flows_folder_that_disappears_never_swaps_in_the_built_in_flows() {
    let (mut h, tmp, flows) = kiosk_on_copy(false);
    h.run_steps(3);
    let before = h.state().flow_ids();
    std::fs::remove_dir_all(&flows).unwrap();
    h.state_mut().flows_changed();
    h.run_steps(3);
    assert!(!h.state().has_pending_flows());
    assert_eq!(h.state().flow_ids(), before);
    drop(tmp);
}

#[test]
fn a_kiosk_refuses_flows_whose_codes_would_be_too_long_as_check_does() {
    use kiosk_triage::flow::synth::{Shape, common_files, flow_text};
    let tmp = tempfile::tempdir().unwrap();
    let flows = tmp.path().join("flows");
    let mut shapes: Vec<Shape> =
        (0..30).map(|i| Shape::Question((0..6).map(|_| (i + 1, false)).collect())).collect();
    shapes.push(Shape::Handoff);
    let mut files = common_files();
    files.push(("long.ron".into(), flow_text("long", &shapes)));
    for (name, text) in &files {
        let path = flows.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let mut reload = folder_reloader(flows.clone(), tmp.path().join("assets"), None);
    let problems = match reload() {
        Ok(_) => panic!("the kiosk accepted a flow whose codes cannot be read aloud"),
        Err(problems) => problems.join("\n"),
    };
    assert!(problems.contains("error[code-too-long]: flow `long` can give handoff codes of"), "{problems}");
}
