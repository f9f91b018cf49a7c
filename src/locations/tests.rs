//! The resolution order on made-up machines: no real system folder is read.

use super::*;
use std::collections::HashMap;

/// A machine: platform, the program's path, environment, what exists.
struct Machine {
    windows: bool,
    exe: &'static str,
    env: HashMap<&'static str, &'static str>,
    files: Vec<PathBuf>,
}

impl Machine {
    fn linux(exe: &'static str) -> Machine {
        Machine { windows: false, exe, env: HashMap::new(), files: vec![] }
    }

    fn windows(exe: &'static str) -> Machine {
        let env = HashMap::from([("ProgramData", r"C:\ProgramData"), ("ProgramFiles", r"C:\Program Files")]);
        Machine { windows: true, exe, env, files: vec![] }
    }

    fn with(mut self, path: &str) -> Machine {
        self.files.push(PathBuf::from(path));
        self
    }

    fn resolve(&self, given: &Given, config: &FromConfig) -> Locations {
        let var = |name: &str| self.env.get(name).map(|v| v.to_string());
        let exists = |p: &Path| self.files.iter().any(|f| f == p);
        let probe =
            Probe { windows: self.windows, exe: Some(PathBuf::from(self.exe)), var: &var, exists: &exists };
        resolve(&probe, given, config)
    }
}

fn pd() -> PathBuf {
    PathBuf::from(r"C:\ProgramData").join("KioskTriage")
}

#[test]
fn a_source_checkout_uses_the_current_folder_as_before() {
    let at = Machine::linux("/src/kiosk-triage/target/release/kiosk-triage").with("flows");
    let l = at.resolve(&Given::default(), &FromConfig::default());
    assert_eq!(l.layout, Layout::CurrentFolder);
    assert_eq!(l.config, Place { path: "kiosk.ron".into(), from: From::Default });
    assert_eq!(l.flows.path, Path::new("flows"));
    assert_eq!(l.assets.path, Path::new("assets"));
    assert_eq!(l.data.path, Path::new("data"));
    assert_eq!(l.log, None);
}

#[test]
fn a_program_that_is_not_installed_uses_the_current_folder_even_when_empty() {
    let l = Machine::linux("/home/it/kiosk-triage").resolve(&Given::default(), &FromConfig::default());
    assert_eq!(l.layout, Layout::CurrentFolder);
    assert_eq!(l.flows.path, Path::new("flows"));
}

#[test]
fn the_installed_linux_program_uses_etc_and_var_lib() {
    let l = Machine::linux(LINUX_PROGRAM).resolve(&Given::default(), &FromConfig::default());
    assert_eq!(l.layout, Layout::Linux);
    assert_eq!(l.config.path, Path::new("/etc/kiosk-triage/kiosk.ron"));
    assert_eq!(l.flows.path, Path::new("/etc/kiosk-triage/flows"));
    assert_eq!(l.assets.path, Path::new("/etc/kiosk-triage/assets"));
    assert_eq!(l.data.path, Path::new("/var/lib/kiosk-triage"));
    assert_eq!(l.log, None, "stderr, for journald");
}

#[test]
fn the_installed_program_in_a_folder_with_flows_uses_that_folder() {
    // IT checking a git checkout of the library's flows on a kiosk PC.
    let l = Machine::linux(LINUX_PROGRAM).with("flows").resolve(&Given::default(), &FromConfig::default());
    assert_eq!(l.layout, Layout::CurrentFolder);
    let l =
        Machine::linux(LINUX_PROGRAM).with("kiosk.ron").resolve(&Given::default(), &FromConfig::default());
    assert_eq!(l.layout, Layout::CurrentFolder);
}

#[test]
fn the_installed_windows_program_uses_program_data_and_a_log_file() {
    let at = Machine::windows(r"C:\Program Files\KioskTriage\kiosk-triage-gui.exe");
    let l = at.resolve(&Given::default(), &FromConfig::default());
    assert_eq!(l.layout, Layout::Windows);
    assert_eq!(l.config.path, pd().join("kiosk.ron"));
    assert_eq!(l.flows.path, pd().join("flows"));
    assert_eq!(l.data.path, pd().join("data"));
    assert_eq!(l.log, Some(pd().join("logs").join(LOG_FILE)));
}

#[test]
fn windows_install_folders_compare_without_case() {
    let at = Machine::windows(r"c:\PROGRAM FILES\kiosktriage\kiosk-triage.exe");
    assert_eq!(at.resolve(&Given::default(), &FromConfig::default()).layout, Layout::Windows);
    let elsewhere = Machine::windows(r"C:\Users\it\Downloads\kiosk-triage.exe");
    let l = elsewhere.resolve(&Given::default(), &FromConfig::default());
    assert_eq!(l.layout, Layout::CurrentFolder);
    assert_eq!(l.log, Some(PathBuf::from("logs").join(LOG_FILE)), "a GUI program on Windows has no console");
}

#[test]
fn kiosk_ron_overrides_the_defaults_and_flags_override_kiosk_ron() {
    let at = Machine::linux(LINUX_PROGRAM);
    let ron = FromConfig {
        flows: Some("/srv/share/flows".into()),
        assets: None,
        data: Some("/mnt/thawed/kiosk".into()),
    };
    let l = at.resolve(&Given::default(), &ron);
    assert_eq!(l.flows, Place { path: "/srv/share/flows".into(), from: From::KioskRon });
    assert_eq!(l.assets, Place { path: "/etc/kiosk-triage/assets".into(), from: From::Default });
    assert_eq!(l.data, Place { path: "/mnt/thawed/kiosk".into(), from: From::KioskRon });
    let given =
        Given { flows: Some("/tmp/try/flows".into()), data: Some("/tmp/d".into()), ..Given::default() };
    let l = at.resolve(&given, &ron);
    assert_eq!(l.flows, Place { path: "/tmp/try/flows".into(), from: From::Flag });
    assert_eq!(l.assets, Place { path: "/tmp/try/assets".into(), from: From::BesideFlows });
    assert_eq!(l.data, Place { path: "/tmp/d".into(), from: From::Flag });
}

#[test]
fn a_config_flag_moves_flows_and_pictures_but_not_the_installed_data() {
    let given = Given { config: Some("/opt/k/kiosk.ron".into()), ..Given::default() };
    let l = Machine::linux(LINUX_PROGRAM).resolve(&given, &FromConfig::default());
    assert_eq!(l.config, Place { path: "/opt/k/kiosk.ron".into(), from: From::Flag });
    assert_eq!(l.flows.path, Path::new("/opt/k/flows"));
    assert_eq!(
        l.data.path,
        Path::new(LINUX_DATA),
        "the package's data folder is writable; /opt/k may not be"
    );
    let l = Machine::linux("/home/it/kiosk-triage").resolve(&given, &FromConfig::default());
    assert_eq!(l.data.path, Path::new("/opt/k/data"), "beside the file, as kiosk.ron always did");
}

#[test]
fn describe_says_where_each_came_from_and_what_is_missing() {
    let at = Machine::linux(LINUX_PROGRAM).with("/etc/kiosk-triage/flows");
    let ron = FromConfig { data: Some("/mnt/thawed".into()), ..FromConfig::default() };
    let l = at.resolve(&Given::default(), &ron);
    let exists = |p: &Path| p == Path::new("/etc/kiosk-triage/flows");
    let text = l.describe(&exists);
    assert!(text.contains("layout: installed on Linux"), "{text}");
    assert!(text.contains("flows   /etc/kiosk-triage/flows  (default)\n"), "{text}");
    assert!(
        text.contains("data    /mnt/thawed  (from kiosk.ron, not there: created when first needed)\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "config  /etc/kiosk-triage/kiosk.ron  (default, not there: every setting is its default)\n"
        ),
        "{text}"
    );
    assert!(text.contains("log     standard error"), "{text}");
}
