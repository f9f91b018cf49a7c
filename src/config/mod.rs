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

mod gate;
mod pin;

pub(crate) use gate::read_clean;
pub use gate::{LAST_GOOD, MAX_CONFIG_BYTES, Settings, StaffGate, load_for_kiosk, write_atomic};
pub use pin::{PIN_HASH_WINDOW, PinHashWindow, hash_pin, pin_hash_usable, verify_pin};

/// One kiosk's settings.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct KioskConfig {
    /// The branch this kiosk stands in (default: the first branch).
    pub branch: Option<String>,
    /// Languages offered, first = default (default: every language of the flows).
    pub languages: Vec<String>,
    /// The flows folder, relative to the config file (default: `flows`
    /// beside it; see [`crate::locations`]).
    pub flows: Option<PathBuf>,
    /// The pictures folder, relative to the config file (default: `assets`
    /// beside it).
    pub assets: Option<PathBuf>,
    /// Where the kiosk keeps the flow versions it has run (so old handoff
    /// codes still decode) and its statistics, relative to the config file
    /// (default: the platform's, see [`crate::locations`]). Nothing about
    /// patrons is ever written here.
    pub data: Option<PathBuf>,
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
            flows: None,
            assets: None,
            data: None,
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
        if let Some(dir) = path.parent() {
            config = config.relative_to(dir);
        }
        Ok(config)
    }

    /// The folders this config names, taken relative to `dir` (the config
    /// file's folder); an absolute path stays as it is.
    pub fn relative_to(mut self, dir: &Path) -> Self {
        if !dir.as_os_str().is_empty() && dir != Path::new(".") {
            for folder in [&mut self.flows, &mut self.assets, &mut self.data] {
                *folder = folder.take().map(|f| dir.join(f));
            }
        }
        self
    }

    /// The folders this config names, for [`crate::locations::resolve`].
    pub fn folders(&self) -> crate::locations::FromConfig {
        crate::locations::FromConfig {
            flows: self.flows.clone(),
            assets: self.assets.clone(),
            data: self.data.clone(),
        }
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
