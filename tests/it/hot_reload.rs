//! Hot reload: IT edits the flows folder of a running kiosk. A good edit is
//! picked up at the next home screen, never in the middle of a patron's
//! session; a broken edit is refused and the kiosk keeps what it had.

#![cfg(all(feature = "gui", unix))]
#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use kiosk_triage::config::StaffGate;
use kiosk_triage::kiosk::{Kiosk, Setup, folder_reloader, system_clock};
use kiosk_triage::startup::Plan;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::common;
use common::{BUILTIN, OURS, copy_tree, edit, library_copy};

fn plan(root: &Path, flows: &Path, assets: &Path) -> Plan {
    Plan { flows: flows.to_path_buf(), assets: assets.to_path_buf(), branch: None, data: root.join("data") }
}

/// A kiosk running on a library's flows in a temporary folder.
fn kiosk_on_copy(watch: bool) -> (Harness<'static, Kiosk>, tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let (flows, assets) = library_copy(tmp.path());
    let (h, flows) = kiosk_on(tmp.path(), &flows, &assets, watch);
    (h, tmp, flows)
}

fn kiosk_on(root: &Path, flows: &Path, assets: &Path, watch: bool) -> (Harness<'static, Kiosk>, PathBuf) {
    let loaded = kiosk_triage::startup::accept(flows, assets, None).unwrap();
    let set = Arc::new(loaded.report.set.unwrap());
    let setup = Setup {
        assets: loaded.assets,
        gate: StaffGate::NoPin,
        reload: Some(folder_reloader(plan(root, flows, assets))),
        watch: watch.then(|| flows.to_path_buf()),
        ..Setup::plain(set, "central", system_clock())
    };
    let h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, k: &mut Kiosk| k.ui(ui), Kiosk::new(setup));
    (h, flows.to_path_buf())
}

/// Tells the kiosk the folder changed and waits for its worker.
fn changed(h: &mut Harness<'_, Kiosk>) {
    h.state_mut().flows_changed();
    assert!(h.state_mut().wait_for_flows(std::time::Duration::from_secs(30)), "the load never finished");
    h.run_steps(3);
}

/// Runs frames until `label` shows, for up to 10 s of file events.
fn until_shown(h: &mut Harness<'_, Kiosk>, label: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while h.query_by_label(label).is_none() {
        assert!(std::time::Instant::now() < deadline, "`{label}` never showed: the change was not picked up");
        std::thread::sleep(std::time::Duration::from_millis(100));
        h.run_steps(1);
    }
}

#[test]
fn a_good_edit_is_picked_up_at_home() {
    let (mut h, _tmp, flows) = kiosk_on_copy(false);
    h.run_steps(3);
    assert!(h.query_by_label(OURS).is_some());
    edit(&flows.join("wifi.ron"), &format!("\"en\": \"{OURS}\""), "\"en\": \"Wi-Fi for your phone\"");
    changed(&mut h);
    assert!(h.query_by_label("Wi-Fi for your phone").is_some());
    assert!(h.query_by_label(OURS).is_none());
}

#[test]
fn an_edit_during_a_session_waits_for_the_home_screen() {
    let (mut h, _tmp, flows) = kiosk_on_copy(false);
    h.run_steps(3);
    // Ten tiles: the one wanted may be below the fold.
    h.get_by_label(OURS).scroll_to_me();
    h.run_steps(3);
    h.get_by_label(OURS).click();
    h.run_steps(3);
    let before = h.state().session().unwrap().flow_set().fingerprint;
    edit(&flows.join("wifi.ron"), &format!("\"en\": \"{OURS}\""), "\"en\": \"Wi-Fi for your phone\"");
    changed(&mut h);
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
    changed(&mut h);
    assert!(!h.state().has_pending_flows());
    assert!(h.query_by_label(OURS).is_some(), "the kiosk keeps its flows");
    // Staff see why.
    h.key_press_modifiers(egui::Modifiers::CTRL | egui::Modifiers::ALT, egui::Key::S);
    h.run_steps(3);
    assert!(h.query_by_label_contains("The flows folder changed but cannot be used").is_some());
    assert!(h.query_by_label_contains("unknown node `termz`").is_some());
}

#[test]
fn staff_mode_shows_the_current_state_not_a_stale_error() {
    let (mut h, _tmp, flows) = kiosk_on_copy(false);
    h.run_steps(3);
    edit(&flows.join("wifi.ron"), "next: \"terms\"", "next: \"termz\"");
    changed(&mut h);
    // The typo is put right: the folder holds the flows the kiosk runs.
    edit(&flows.join("wifi.ron"), "next: \"termz\"", "next: \"terms\"");
    changed(&mut h);
    h.key_press_modifiers(egui::Modifiers::CTRL | egui::Modifiers::ALT, egui::Key::S);
    h.run_steps(3);
    assert!(h.query_by_label_contains("cannot be used").is_none(), "the error is gone with its cause");
    assert!(h.query_by_label_contains("unknown node `termz`").is_none());
    assert!(h.query_by_label_contains("no errors").is_some(), "staff see that all is well");
}

#[test]
fn the_watcher_notices_an_edit_by_itself() {
    let (mut h, _tmp, flows) = kiosk_on_copy(true);
    h.run_steps(3);
    edit(&flows.join("wifi.ron"), &format!("\"en\": \"{OURS}\""), "\"en\": \"Wi-Fi for your phone\"");
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
    changed(&mut h);
    assert!(!h.state().has_pending_flows());
    assert_eq!(h.state().flow_ids(), before);
    assert!(h.query_by_label(OURS).is_some(), "still the library's flows, not the built-in ones");
    assert!(h.query_by_label(BUILTIN).is_none());
    // The folder comes back (a deploy finished): its flows are used.
    library_copy(tmp.path());
    edit(&flows.join("wifi.ron"), &format!("\"en\": \"{OURS}\""), "\"en\": \"Wi-Fi, back again\"");
    changed(&mut h);
    assert!(h.query_by_label("Wi-Fi, back again").is_some());
}

/// How deploy tools put a new version of a folder in place.
#[derive(Clone, Copy, Debug)]
enum Deploy {
    /// `rm -rf flows; cp -r new flows` (a fresh checkout or copy).
    RemoveAndRecreate,
    /// `mv flows flows.old; mv flows.new flows` (rsync --delay-updates, Ansible).
    MoveSwap,
    /// `ln -sfn releases/v2 flows` (the atomic deploy): `flows` is a link.
    SymlinkSwap,
}

/// A kiosk watching `flows`, the folder replaced by `deploy`, then an edit
/// inside the new folder: the kiosk must notice both by itself (the watcher,
/// not the slow poll, within 10 s each).
fn survives(deploy: Deploy) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let flows = root.join("flows");
    let (_, assets) = match deploy {
        Deploy::SymlinkSwap => {
            let (real, assets) = library_copy(&root.join("releases/v1"));
            std::os::unix::fs::symlink(&real, &flows).unwrap();
            (real, assets)
        }
        _ => library_copy(root),
    };
    let assets = if matches!(deploy, Deploy::SymlinkSwap) { assets } else { root.join("assets") };
    let (mut h, _) = kiosk_on(root, &flows, &assets, true);
    h.run_steps(3);
    assert!(h.query_by_label(OURS).is_some());
    let next = root.join("next");
    let (new_flows, _) = library_copy(&next);
    edit(&new_flows.join("wifi.ron"), &format!("\"en\": \"{OURS}\""), "\"en\": \"Wi-Fi, version 2\"");
    match deploy {
        Deploy::RemoveAndRecreate => {
            std::fs::remove_dir_all(&flows).unwrap();
            std::thread::sleep(std::time::Duration::from_millis(600));
            copy_tree(&new_flows, &flows);
        }
        Deploy::MoveSwap => {
            std::fs::rename(&flows, root.join("flows.old")).unwrap();
            std::fs::rename(&new_flows, &flows).unwrap();
        }
        Deploy::SymlinkSwap => {
            let link = root.join("flows.tmp");
            std::os::unix::fs::symlink(&new_flows, &link).unwrap();
            std::fs::rename(&link, &flows).unwrap();
        }
    }
    until_shown(&mut h, "Wi-Fi, version 2");
    assert!(h.query_by_label(BUILTIN).is_none());
    // Watches follow the new folder: a later edit is seen too.
    edit(&flows.join("wifi.ron"), "\"en\": \"Wi-Fi, version 2\"", "\"en\": \"Wi-Fi, version 3\"");
    until_shown(&mut h, "Wi-Fi, version 3");
}

#[test]
fn a_folder_removed_and_recreated_is_still_watched() {
    survives(Deploy::RemoveAndRecreate);
}

#[test]
fn a_folder_swapped_with_mv_is_still_watched() {
    survives(Deploy::MoveSwap);
}

#[test]
fn a_folder_swapped_by_symlink_is_still_watched() {
    survives(Deploy::SymlinkSwap);
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
    let reload = folder_reloader(plan(tmp.path(), &flows, &tmp.path().join("assets")));
    let problems = match reload(true) {
        Ok(_) => panic!("the kiosk accepted a flow whose codes cannot be read aloud"),
        Err(problems) => problems.join("\n"),
    };
    assert!(problems.contains("error[code-too-long]: flow `long` can give handoff codes of"), "{problems}");
}
