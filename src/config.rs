//! `kiosk.ron`: how one kiosk is set up.
//!
//! Every field has a default, and no file at all means all defaults, so a
//! fresh machine runs the kiosk with nothing to configure. The staff PIN is
//! stored only as a salted Argon2 hash (`kiosk-triage hash-pin` makes one).

use crate::flow::check::parse_ron;
use crate::flow::diag::{Code, Diagnostic, Severity};
use crate::flow::source::SourceFile;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// One kiosk's settings.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct KioskConfig {
    /// The branch this kiosk stands in (default: the first branch).
    pub branch: Option<String>,
    /// Languages offered, first = default (default: every language of the flows).
    pub languages: Vec<String>,
    /// The flows folder, relative to the config file.
    pub flows: PathBuf,
    /// The pictures folder, relative to the config file.
    pub assets: PathBuf,
    /// Where the kiosk keeps the flow versions it has run (so old handoff
    /// codes still decode), relative to the config file. Nothing about
    /// patrons is ever written here.
    pub data: PathBuf,
    /// Seconds without input before "Are you still there?".
    pub idle_warning_seconds: u64,
    /// Seconds the idle countdown runs before the screen is wiped.
    pub idle_reset_seconds: u64,
    /// Minutes in one flow after which staff help is offered.
    pub offer_help_minutes: u64,
    /// Seconds a solved screen stays before going home (at least 5).
    pub solved_return_seconds: u64,
    /// This kiosk's name in the statistics (letters, digits, `-` and `_`;
    /// default `kiosk`). Set by IT, never a hardware id.
    pub kiosk_name: Option<String>,
    /// Days of daily statistics files kept in the data folder.
    pub stats_retention_days: u64,
    /// The staff PIN as an Argon2 PHC string; `None` means staff mode cannot
    /// be opened, and the kiosk says so.
    pub staff_pin_hash: Option<String>,
}

impl Default for KioskConfig {
    fn default() -> Self {
        KioskConfig {
            branch: None,
            languages: Vec::new(),
            flows: PathBuf::from("flows"),
            assets: PathBuf::from("assets"),
            data: PathBuf::from("data"),
            idle_warning_seconds: 90,
            idle_reset_seconds: 30,
            offer_help_minutes: 10,
            solved_return_seconds: 20,
            kiosk_name: None,
            stats_retention_days: 400,
            staff_pin_hash: None,
        }
    }
}

impl KioskConfig {
    /// Parses a config from text (no IO).
    pub fn parse(name: &str, text: &str) -> Result<Self, Box<Diagnostic>> {
        parse_ron(&SourceFile::new(name, text))
    }

    /// Reads `path`; a missing file gives the defaults. Relative folders in
    /// the file are taken relative to the file's own folder.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(KioskConfig::default()),
            Err(e) => return Err(ConfigError::Io(path.to_path_buf(), e)),
        };
        let mut config = Self::parse(&path.display().to_string(), &text)
            .map_err(|d| ConfigError::Invalid(Box::new((*d, text))))?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            config.flows = dir.join(&config.flows);
            config.assets = dir.join(&config.assets);
            config.data = dir.join(&config.data);
        }
        Ok(config)
    }

    /// Problems with this config against the flows it will run: a branch or
    /// language the flows do not have. `file` is the config's text, for
    /// positions. See also [`Self::problems`].
    pub fn check_against(&self, file: &SourceFile, set: &crate::flow::FlowSet) -> Vec<Diagnostic> {
        use crate::flow::diag::suggest;
        let mut out = Vec::new();
        if let Some(b) = &self.branch
            && set.branch(b).is_none()
        {
            let known: Vec<&str> = set.branches.iter().map(|b| b.id.as_str()).collect();
            let mut d = Diagnostic::new(
                Severity::Error,
                Code::UnknownBranch,
                &file.name,
                value_pos(file, b),
                format!("`branch` names `{b}`, which the flows do not have"),
            );
            d.hint = suggest(b, &known, "branches");
            out.push(d);
        }
        for l in &self.languages {
            if !set.languages.contains(l) {
                let known: Vec<&str> = set.languages.iter().map(String::as_str).collect();
                let mut d = Diagnostic::new(
                    Severity::Error,
                    Code::UnknownLanguage,
                    &file.name,
                    value_pos(file, l),
                    format!("`languages` names `{l}`, which the flows are not written in"),
                );
                d.hint = suggest(l, &known, "languages");
                out.push(d);
            }
        }
        out
    }

    /// Problems a config has on its own, whatever the flows: a number outside
    /// its range (see [`RANGES`]) or a staff PIN hash the kiosk cannot use.
    /// A kiosk refuses a config with any of them, as `check` does.
    pub fn problems(&self, file: &SourceFile) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for &(field, value, (low, high), unit) in &self.numbers() {
            if !(low..=high).contains(&value) {
                let at = field_pos(file, field);
                out.push(
                    Diagnostic::new(
                        Severity::Error,
                        Code::OutOfRange,
                        &file.name,
                        at,
                        format!("`{field}` is {value}, outside {low}..={high} {unit}"),
                    )
                    .hint(format!("use a value from {low} to {high}")),
                );
            }
        }
        if let Some(name) = &self.kiosk_name
            && !kiosk_name_ok(name)
        {
            out.push(
                Diagnostic::new(
                    Severity::Error,
                    crate::flow::diag::Code::BadKioskName,
                    &file.name,
                    value_pos(file, name),
                    format!("`kiosk_name` `{name}` is not 1 to 40 letters, digits, `-` or `_`"),
                )
                .hint("it names this kiosk's statistics files: for example `central-2`"),
            );
        }
        if let Some(h) = &self.staff_pin_hash
            && let Err(why) = pin_hash_usable(h)
        {
            out.push(
                Diagnostic::new(
                    Severity::Error,
                    Code::BadPinHash,
                    &file.name,
                    value_pos(file, h),
                    format!("`staff_pin_hash` {why}"),
                )
                .hint("make one with `kiosk-triage hash-pin` and paste the line it prints"),
            );
        }
        out
    }

    /// The numbers of this config with their ranges: (field, value, range, unit).
    fn numbers(&self) -> [(&'static str, u64, (u64, u64), &'static str); 5] {
        [
            ("stats_retention_days", self.stats_retention_days, RANGES[4].1, "days"),
            ("idle_warning_seconds", self.idle_warning_seconds, RANGES[0].1, "seconds"),
            ("idle_reset_seconds", self.idle_reset_seconds, RANGES[1].1, "seconds"),
            ("offer_help_minutes", self.offer_help_minutes, RANGES[2].1, "minutes"),
            ("solved_return_seconds", self.solved_return_seconds, RANGES[3].1, "seconds"),
        ]
    }

    /// Idle time before the warning (kept within its range even for a
    /// config that was never checked, so no value can overflow a clock).
    pub fn idle_warning(&self) -> Duration {
        Duration::from_secs(clamp(self.idle_warning_seconds, RANGES[0].1))
    }

    /// Length of the idle countdown.
    pub fn idle_reset(&self) -> Duration {
        Duration::from_secs(clamp(self.idle_reset_seconds, RANGES[1].1))
    }

    /// Time in one flow before staff help is offered.
    pub fn offer_help_after(&self) -> Duration {
        Duration::from_secs(clamp(self.offer_help_minutes, RANGES[2].1) * 60)
    }

    /// How long a solved screen stays.
    pub fn solved_return(&self) -> Duration {
        Duration::from_secs(clamp(self.solved_return_seconds, RANGES[3].1))
    }
}

/// The range of every number in `kiosk.ron`, inclusive. Values outside are
/// refused by `check` and at start-up: a huge idle time would overflow the
/// kiosk's clock, a tiny one would wipe a patron's screen while they read.
pub const RANGES: [(&str, (u64, u64)); 5] = [
    ("idle_warning_seconds", (10, 3600)),
    ("idle_reset_seconds", (5, 600)),
    ("offer_help_minutes", (1, 240)),
    ("solved_return_seconds", (5, 600)),
    ("stats_retention_days", (1, 3650)),
];

fn clamp(value: u64, (low, high): (u64, u64)) -> u64 {
    value.clamp(low, high)
}

/// Whether a kiosk name can name files on every system.
fn kiosk_name_ok(name: &str) -> bool {
    (1..=40).contains(&name.chars().count())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl KioskConfig {
    /// This kiosk's name in the statistics.
    pub fn kiosk_name(&self) -> &str {
        self.kiosk_name.as_deref().filter(|n| kiosk_name_ok(n)).unwrap_or("kiosk")
    }

    /// Days of statistics kept.
    pub fn stats_retention(&self) -> u32 {
        u32::try_from(clamp(self.stats_retention_days, RANGES[4].1)).unwrap_or(400)
    }
}

/// Where a string value stands in a config file (the file's start if not found).
fn value_pos(file: &SourceFile, value: &str) -> crate::flow::source::Pos {
    file.find(|l| l.value == value).map_or(crate::flow::source::Pos::START, |l| l.pos)
}

/// Where a field's name stands in a config file (the file's start if not found).
fn field_pos(file: &SourceFile, field: &str) -> crate::flow::source::Pos {
    let Some(offset) = file.text.find(field) else { return crate::flow::source::Pos::START };
    let before = &file.text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    crate::flow::source::Pos { line, col }
}

/// The Argon2 cost window a staff PIN hash must lie in: memory in KiB, passes
/// and lanes. Weaker hashes give a PIN away to anyone who copies kiosk.ron;
/// heavier ones make every PIN typed allocate gigabytes (or abort the kiosk).
/// `hash-pin` makes hashes with Argon2's defaults (19 MiB, 2 passes, 1 lane).
pub const PIN_HASH_WINDOW: PinHashWindow =
    PinHashWindow { memory_kib: (8 * 1024, 256 * 1024), passes: (1, 10), lanes: (1, 8) };

/// See [`PIN_HASH_WINDOW`].
#[derive(Clone, Copy, Debug)]
pub struct PinHashWindow {
    /// Memory cost, KiB.
    pub memory_kib: (u32, u32),
    /// Passes (time cost).
    pub passes: (u32, u32),
    /// Lanes (parallelism).
    pub lanes: (u32, u32),
}

/// Whether a PIN hash can be used: an Argon2 PHC string with costs inside
/// [`PIN_HASH_WINDOW`]. The reason, worded to follow "`staff_pin_hash`", when not.
pub fn pin_hash_usable(hash: &str) -> Result<(), String> {
    use argon2::password_hash::PasswordHash;
    let parsed = PasswordHash::new(hash).map_err(|_| "is not a PIN hash".to_string())?;
    if !matches!(parsed.algorithm.as_str(), "argon2id" | "argon2i" | "argon2d") {
        return Err(format!("uses `{}`, not Argon2", parsed.algorithm.as_str()));
    }
    if parsed.hash.is_none() || parsed.salt.is_none() {
        return Err("has no salt or no hash part".to_string());
    }
    let params = argon2::Params::try_from(&parsed).map_err(|e| format!("has unusable parameters ({e})"))?;
    let w = PIN_HASH_WINDOW;
    let inside = |v: u32, (lo, hi): (u32, u32)| (lo..=hi).contains(&v);
    if !inside(params.m_cost(), w.memory_kib) {
        return Err(format!(
            "asks for {} KiB of memory, outside {}..={} KiB",
            params.m_cost(),
            w.memory_kib.0,
            w.memory_kib.1
        ));
    }
    if !inside(params.t_cost(), w.passes) {
        return Err(format!("asks for {} passes, outside {}..={}", params.t_cost(), w.passes.0, w.passes.1));
    }
    if !inside(params.p_cost(), w.lanes) {
        return Err(format!("asks for {} lanes, outside {}..={}", params.p_cost(), w.lanes.0, w.lanes.1));
    }
    Ok(())
}

/// The file name of the last good config, kept in the data folder.
pub const LAST_GOOD: &str = "kiosk.last-good.ron";

/// The largest `kiosk.ron` read; a config is a few hundred bytes.
pub const MAX_CONFIG_BYTES: u64 = 64 * 1024;

/// Who may open staff mode, as the config says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StaffGate {
    /// Staff type this PIN (an Argon2 hash known to be usable).
    Pin(String),
    /// No PIN is configured (a fresh install): the kiosk decides, by whether
    /// it runs fullscreen, if that means open or closed.
    NoPin,
    /// Closed whatever is typed, and why (for staff and the log).
    Closed(String),
}

/// The settings a kiosk runs with, how it came by them, and what staff
/// should know about that.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The settings in force.
    pub config: KioskConfig,
    /// Who may open staff mode.
    pub gate: StaffGate,
    /// What went wrong, for staff mode and the log (empty when all is well).
    pub notices: Vec<String>,
}

/// Reads `kiosk.ron` for a kiosk, failing closed. A missing file gives the
/// defaults (a fresh install). A file that exists but cannot be used (unreadable,
/// a folder, too big, not RON, a misspelt field, a value out of range, a bad
/// PIN hash) never weakens the lock: the kiosk runs on the last good config it
/// kept in `data/` beside the file, PIN included, or, with none kept, on the
/// defaults with staff mode closed. Patrons are served either way. A clean
/// config is kept as the new last good one.
pub fn load_for_kiosk(path: &Path) -> Settings {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    match read_clean(path, dir) {
        Ok(None) => Settings {
            config: resolved(KioskConfig::default(), dir),
            gate: StaffGate::NoPin,
            notices: vec![],
        },
        Ok(Some((config, text))) => {
            let mut notices = Vec::new();
            if let Err(e) = write_atomic(&config.data.join(LAST_GOOD), &text) {
                notices.push(format!(
                    "Could not keep a copy of kiosk.ron in `{}` ({e}); if kiosk.ron breaks later, staff mode will stay closed.",
                    config.data.display()
                ));
            }
            let gate = gate_of(&config);
            Settings { config, gate, notices }
        }
        Err(problem) => {
            let mut notices =
                vec![format!("{} has an error, so the kiosk does not use it:\n{problem}", path.display())];
            let last = dir.join("data").join(LAST_GOOD);
            match read_clean(&last, dir) {
                Ok(Some((config, _))) => {
                    notices.push(format!(
                        "The kiosk runs on the last good settings, kept in `{}`, staff PIN included. Fix kiosk.ron \
                         (`kiosk-triage check` shows where) and restart the kiosk.",
                        last.display()
                    ));
                    let gate = gate_of(&config);
                    Settings { config, gate, notices }
                }
                _ => {
                    let why = format!(
                        "{} has an error and no last good copy of it was kept. \
                         Fix kiosk.ron (`kiosk-triage check` shows where) and restart the kiosk.",
                        path.display()
                    );
                    notices.push(format!("Staff mode is closed: {why}"));
                    Settings {
                        config: resolved(KioskConfig::default(), dir),
                        gate: StaffGate::Closed(why),
                        notices,
                    }
                }
            }
        }
    }
}

fn gate_of(config: &KioskConfig) -> StaffGate {
    StaffGate::of(config)
}

impl StaffGate {
    /// The gate a clean config sets: its PIN, or none. A PIN hash the
    /// kiosk cannot use closes staff mode rather than opening it.
    pub fn of(config: &KioskConfig) -> StaffGate {
        match &config.staff_pin_hash {
            Some(h) => match pin_hash_usable(h) {
                Ok(()) => StaffGate::Pin(h.clone()),
                Err(why) => StaffGate::Closed(format!("`staff_pin_hash` in kiosk.ron {why}.")),
            },
            None => StaffGate::NoPin,
        }
    }
}

/// Reads and checks a config file on its own: `Ok(None)` when there is no
/// file, the config and its text when it is clean, the problem as text for
/// people otherwise. Relative folders are resolved against `dir`.
fn read_clean(path: &Path, dir: &Path) -> Result<Option<(KioskConfig, String)>, String> {
    use std::io::Read;
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read `{}`: {e}", path.display())),
    };
    if !meta.is_file() {
        return Err(format!("`{}` is not a file", path.display()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(format!("`{}` is larger than {MAX_CONFIG_BYTES} bytes", path.display()));
    }
    let text = String::from_utf8(bytes).map_err(|_| format!("`{}` is not UTF-8 text", path.display()))?;
    let file = SourceFile::new(path.display().to_string(), text);
    let config = KioskConfig::parse(&file.name, &file.text).map_err(|d| d.render(Some(&file)))?;
    let problems = config.problems(&file);
    if !problems.is_empty() {
        return Err(problems.iter().map(|d| d.render(Some(&file))).collect::<Vec<_>>().join("\n"));
    }
    Ok(Some((resolved(config, dir), file.text)))
}

/// Relative folders taken relative to `dir`.
fn resolved(mut config: KioskConfig, dir: &Path) -> KioskConfig {
    if dir != Path::new(".") {
        config.flows = dir.join(&config.flows);
        config.assets = dir.join(&config.assets);
        config.data = dir.join(&config.data);
    }
    config
}

/// Writes a file whole or not at all: a temporary file beside it, then a rename.
pub fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = path.with_extension("tmp");
    let result = std::fs::write(&tmp, text).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Why `kiosk.ron` could not be used.
#[derive(Debug)]
pub enum ConfigError {
    /// It could not be read.
    Io(PathBuf, std::io::Error),
    /// It is not a valid config: the diagnostic and the file text.
    Invalid(Box<(Diagnostic, String)>),
}

impl std::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ConfigError::Io(_, e) => Some(e),
            ConfigError::Invalid(_) => None,
        }
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::Io(p, e) => write!(f, "cannot read `{}`: {e}", p.display()),
            ConfigError::Invalid(b) => {
                let (d, text) = &**b;
                f.write_str(&d.render(Some(&SourceFile::new(d.file.clone(), text.clone()))))
            }
        }
    }
}

/// Hashes a staff PIN for `kiosk.ron` (salted Argon2id).
pub fn hash_pin(pin: &str) -> Result<String, argon2::password_hash::Error> {
    use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
    let salt = SaltString::generate(&mut OsRng);
    argon2::Argon2::default().hash_password(pin.as_bytes(), &salt).map(|h| h.to_string())
}

/// Whether `pin` matches a hash made by [`hash_pin`]. A malformed hash
/// matches nothing.
pub fn verify_pin(pin: &str, hash: &str) -> bool {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    // A hash outside the cost window is never run: its costs come from the
    // file, and a heavy one would allocate without bound.
    if pin_hash_usable(hash).is_err() {
        return false;
    }
    PasswordHash::new(hash)
        .is_ok_and(|h| argon2::Argon2::default().verify_password(pin.as_bytes(), &h).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_is_all_defaults() {
        assert_eq!(KioskConfig::parse("k", "()").unwrap(), KioskConfig::default());
    }

    #[test]
    fn misspelt_field_is_an_error_with_a_hint() {
        let e = KioskConfig::parse("kiosk.ron", "(idle_warning_secnds: 30)").unwrap_err();
        assert_eq!(e.code, Code::UnknownField);
        assert_eq!(e.hint.as_deref(), Some("did you mean `idle_warning_seconds`?"));
    }

    #[test]
    fn pin_hash_verifies_only_the_right_pin() {
        let h = hash_pin("2468").unwrap();
        assert!(h.starts_with("$argon2"));
        assert!(!h.contains("2468"));
        assert!(verify_pin("2468", &h));
        assert!(!verify_pin("2469", &h));
        assert!(!verify_pin("2468", "not a hash"));
    }
}
