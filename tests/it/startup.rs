//! What a kiosk starts on when a real library has broken something: a
//! kiosk.ron with a typo never opens staff mode, a branch typo never throws
//! the library's flows away, a broken or missing flows folder falls back to
//! the last good version, and the built-in demo flows run only on a machine
//! that never had flows of its own. No window: these are the core's rules.

#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use crate::common;

use common::{OURS, edit, library_copy};
use kiosk_triage::config::{KioskConfig, LAST_GOOD, StaffGate, hash_pin, load_for_kiosk, verify_pin};
use kiosk_triage::flow::FlowSet;
use kiosk_triage::startup::{self, Origin, Plan};
use std::path::Path;

fn plan(root: &Path, branch: Option<&str>) -> Plan {
    Plan {
        flows: root.join("flows"),
        assets: root.join("assets"),
        branch: branch.map(str::to_string),
        data: root.join("data"),
    }
}

/// Whether a set is the library's copy (not the built-in flows).
fn is_ours(set: &FlowSet) -> bool {
    let wifi = set.flows.iter().find(|f| f.id == "wifi").unwrap();
    wifi.title.0.get("en").is_some_and(|t| t == OURS)
}

fn set_of(chosen: &startup::Chosen) -> &FlowSet {
    chosen.loaded.report.set.as_ref().unwrap()
}

fn break_flows(root: &Path) {
    edit(&root.join("flows/wifi.ron"), "next: \"terms\"", "next: \"termz\"");
}

#[test]
fn a_branch_typo_keeps_the_librarys_flows_and_says_why() {
    let tmp = tempfile::tempdir().unwrap();
    library_copy(tmp.path());
    let plan = plan(tmp.path(), Some("centrl"));
    let chosen = startup::start(&plan);
    assert_eq!(chosen.origin, Origin::Folder);
    assert!(is_ours(set_of(&chosen)), "the library's flows, never the demo flows");
    let said = chosen.notices.join("\n");
    assert!(said.contains("names the branch `centrl`, which the flows do not have"), "{said}");
    let (branch, _, picked) = startup::pick(set_of(&chosen), Some("centrl"), None, &[]);
    assert_eq!(branch, set_of(&chosen).branches[0].id);
    assert!(picked.join("\n").contains("There is no branch `centrl`"));
}

#[test]
fn a_branch_typo_shows_the_branch_the_kiosk_last_ran() {
    let tmp = tempfile::tempdir().unwrap();
    library_copy(tmp.path());
    let good = startup::start(&plan(tmp.path(), Some("riverside")));
    startup::remember_good(&tmp.path().join("data"), &good.loaded.sources, set_of(&good), "riverside")
        .unwrap();
    let last = startup::last_branch(&tmp.path().join("data"));
    assert_eq!(last.as_deref(), Some("riverside"));
    let (branch, _, _) = startup::pick(set_of(&good), Some("riversde"), last.as_deref(), &[]);
    assert_eq!(branch, "riverside");
}

#[test]
fn broken_flows_fall_back_to_the_last_good_version_never_the_demo_flows() {
    let tmp = tempfile::tempdir().unwrap();
    library_copy(tmp.path());
    let plan = plan(tmp.path(), Some("central"));
    let good = startup::start(&plan);
    assert_eq!(good.origin, Origin::Folder);
    startup::remember_good(&plan.data, &good.loaded.sources, set_of(&good), "central").unwrap();

    break_flows(tmp.path());
    let chosen = startup::start(&plan);
    assert_eq!(chosen.origin, Origin::LastGood);
    assert_eq!(set_of(&chosen).fingerprint, set_of(&good).fingerprint);
    let said = chosen.notices.join("\n");
    assert!(said.contains("have errors, so the kiosk does not use them"), "{said}");
    assert!(said.contains("unknown node `termz`"), "{said}");
    assert!(said.contains("last good version"), "{said}");

    // A folder gone (mid-deploy) at start-up: the last good version too.
    std::fs::remove_dir_all(&plan.flows).unwrap();
    let chosen = startup::start(&plan);
    assert_eq!(chosen.origin, Origin::LastGood);
    assert!(is_ours(set_of(&chosen)));
}

#[test]
fn broken_flows_with_nothing_kept_show_no_guides_rather_than_the_demo_flows() {
    let tmp = tempfile::tempdir().unwrap();
    library_copy(tmp.path());
    break_flows(tmp.path());
    let chosen = startup::start(&plan(tmp.path(), None));
    assert_eq!(chosen.origin, Origin::Unavailable);
    assert!(chosen.notices.join("\n").contains("patrons see no guides, only the way to staff"));
}

#[test]
fn only_a_machine_that_never_had_flows_runs_the_built_in_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let chosen = startup::start(&plan(tmp.path(), None));
    assert_eq!(chosen.origin, Origin::Builtin);
    assert!(!is_ours(set_of(&chosen)));
}

#[test]
fn a_reload_never_falls_back() {
    let tmp = tempfile::tempdir().unwrap();
    library_copy(tmp.path());
    let plan = plan(tmp.path(), None);
    assert!(is_ours(startup::reload(&plan).unwrap().report.set.as_ref().unwrap()));
    std::fs::remove_dir_all(&plan.flows).unwrap();
    let problems = startup::reload(&plan).unwrap_err().join("\n");
    assert!(problems.contains("is gone"), "{problems}");
}

// kiosk.ron: fail closed.

const PIN: &str = "4821";

/// One hash for every case: Argon2 is slow on purpose, more so unoptimised.
fn pin_hash() -> String {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_pin(PIN).unwrap()).clone()
}

/// A folder with a kiosk.ron that loaded clean once (so a last good copy is
/// kept), then `text` written over it.
fn config_after(text: &[u8], keep_last_good: bool) -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("kiosk.ron");
    let hash = pin_hash();
    if keep_last_good {
        std::fs::write(&path, format!("(staff_pin_hash: \"{hash}\", idle_warning_seconds: 120)")).unwrap();
        let first = load_for_kiosk(&path, &tmp.path().join("data"));
        assert_eq!(first.gate, StaffGate::Pin(hash.clone()));
        assert!(tmp.path().join("data").join(LAST_GOOD).is_file(), "a clean config is kept");
    }
    std::fs::write(&path, text).unwrap();
    (tmp, hash)
}

/// Every way IT has been seen to break kiosk.ron.
fn broken_configs() -> Vec<(&'static str, Vec<u8>)> {
    let heavy = "$argon2id$v=19$m=4294967295,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$\
                 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    let weak =
        "$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    vec![
        ("an empty file", b"".to_vec()),
        ("comments only", b"// nothing here yet\n".to_vec()),
        ("a misspelt field", b"(idle_warning_secnds: 30)".to_vec()),
        ("a negative number", b"(idle_warning_seconds: -5)".to_vec()),
        ("a fraction", b"(idle_warning_seconds: 90.5)".to_vec()),
        ("a quoted number", b"(idle_warning_seconds: \"90\")".to_vec()),
        ("a number past u64", b"(idle_warning_seconds: 18446744073709551616)".to_vec()),
        ("a number for the branch", b"(branch: 3)".to_vec()),
        ("an idle warning past its range", b"(idle_warning_seconds: 9999999999999999999)".to_vec()),
        ("an idle reset past its range", b"(idle_reset_seconds: 18446744073709551615)".to_vec()),
        ("a PIN hash asking for 4 TB", format!("(staff_pin_hash: \"{heavy}\")").into_bytes()),
        ("a PIN hash too weak", format!("(staff_pin_hash: \"{weak}\")").into_bytes()),
        ("a garbage PIN hash", b"(staff_pin_hash: \"4821\")".to_vec()),
        ("UTF-16", b"\xff\xfe(\x00)\x00".to_vec()),
    ]
}

#[test]
fn a_broken_kiosk_ron_keeps_the_last_good_pin() {
    for (what, text) in broken_configs() {
        let (tmp, hash) = config_after(&text, true);
        let settings = load_for_kiosk(&tmp.path().join("kiosk.ron"), &tmp.path().join("data"));
        assert_eq!(settings.gate, StaffGate::Pin(hash), "{what}: the lock must not weaken");
        assert_eq!(settings.config.idle_warning_seconds, 120, "{what}: the last good settings");
        let said = settings.notices.join("\n");
        assert!(said.contains("has an error"), "{what}: {said}");
        assert!(said.contains("last good settings"), "{what}: {said}");
    }
}

#[test]
fn a_broken_kiosk_ron_with_nothing_kept_closes_staff_mode() {
    for (what, text) in broken_configs() {
        let (tmp, _) = config_after(&text, false);
        let settings = load_for_kiosk(&tmp.path().join("kiosk.ron"), &tmp.path().join("data"));
        assert!(matches!(settings.gate, StaffGate::Closed(_)), "{what}: {:?}", settings.gate);
        assert_eq!(settings.config.idle_warning_seconds, KioskConfig::default().idle_warning_seconds);
    }
}

#[test]
fn a_kiosk_ron_that_is_a_folder_fails_closed() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("kiosk.ron")).unwrap();
    let settings = load_for_kiosk(&tmp.path().join("kiosk.ron"), &tmp.path().join("data"));
    assert!(matches!(settings.gate, StaffGate::Closed(_)), "{:?}", settings.gate);
    assert!(settings.notices.join("\n").contains("is not a file"));
}

#[test]
fn a_kiosk_ron_saved_by_notepad_with_a_bom_is_used() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("kiosk.ron");
    std::fs::write(&path, format!("\u{feff}(staff_pin_hash: \"{}\", idle_warning_seconds: 120)", pin_hash()))
        .unwrap();
    let settings = load_for_kiosk(&path, &tmp.path().join("data"));
    assert_eq!(settings.gate, StaffGate::Pin(pin_hash()), "{:?}", settings.notices);
    assert_eq!(settings.config.idle_warning_seconds, 120);
}

#[test]
fn no_kiosk_ron_at_all_is_a_fresh_install_with_no_pin() {
    let tmp = tempfile::tempdir().unwrap();
    let settings = load_for_kiosk(&tmp.path().join("kiosk.ron"), &tmp.path().join("data"));
    assert_eq!(settings.gate, StaffGate::NoPin);
    assert!(settings.notices.is_empty());
}

#[test]
fn a_pin_hash_outside_the_cost_window_never_runs() {
    // m=4294967295 would ask Argon2 for 4 TB (an abort) if it ran.
    let heavy = "$argon2id$v=19$m=4294967295,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$\
                 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    assert!(!verify_pin(PIN, heavy));
    let why = kiosk_triage::config::pin_hash_usable(heavy).unwrap_err();
    assert!(why.contains("4294967295 KiB"), "{why}");
    assert!(kiosk_triage::config::pin_hash_usable(&pin_hash()).is_ok());
}

#[test]
fn check_refuses_out_of_range_values_with_their_place() {
    use kiosk_triage::flow::source::SourceFile;
    let text = "(\n    idle_warning_seconds: 9999999999999999999,\n    solved_return_seconds: 2,\n)";
    let file = SourceFile::new("kiosk.ron", text);
    let config = KioskConfig::parse("kiosk.ron", text).unwrap();
    let found: Vec<String> = config.problems(&file).iter().map(|d| d.render(Some(&file))).collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("error[out-of-range]: `idle_warning_seconds` is 9999999999999999999, outside 10..=3600 seconds\n --> kiosk.ron:2:5"), "{}", found[0]);
    assert!(found[1].contains("`solved_return_seconds` is 2, outside 5..=600 seconds"), "{}", found[1]);
}

#[test]
fn the_last_good_kiosk_ron_lives_in_the_data_folder_the_locations_give() {
    // Installed on Linux: kiosk.ron in /etc/kiosk-triage (not writable by the
    // kiosk's user), data in /var/lib/kiosk-triage.
    let tmp = tempfile::tempdir().unwrap();
    let (etc, var) = (tmp.path().join("etc"), tmp.path().join("var"));
    std::fs::create_dir(&etc).unwrap();
    let path = etc.join("kiosk.ron");
    std::fs::write(&path, format!("(staff_pin_hash: \"{}\")", pin_hash())).unwrap();
    let first = load_for_kiosk(&path, &var);
    assert!(first.notices.is_empty(), "{:?}", first.notices);
    assert!(var.join(LAST_GOOD).is_file(), "kept in the data folder");
    assert!(!etc.join("data").exists(), "nothing written beside kiosk.ron");
    std::fs::write(&path, "(idle_warning_secnds: 30)").unwrap();
    let broken = load_for_kiosk(&path, &var);
    assert_eq!(broken.gate, StaffGate::Pin(pin_hash()), "{:?}", broken.notices);
}

#[test]
fn the_kiosk_ron_the_installers_ship_is_clean_and_all_defaults() {
    let text = include_str!("../../packaging/kiosk.ron");
    let config = KioskConfig::parse("packaging/kiosk.ron", text).unwrap();
    assert_eq!(config, KioskConfig::default());
    // And the kiosk uses it as it is: no error, no notice, no PIN yet.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("kiosk.ron"), text).unwrap();
    let settings = load_for_kiosk(&tmp.path().join("kiosk.ron"), &tmp.path().join("data"));
    assert!(settings.notices.is_empty(), "{:?}", settings.notices);
    assert_eq!(settings.gate, StaffGate::NoPin);
}
