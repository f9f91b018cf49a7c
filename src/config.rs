//! `kiosk.ron`: how one kiosk is set up.
//!
//! Every field has a default, and no file at all means all defaults, so a
//! fresh machine runs the kiosk with nothing to configure. The staff PIN is
//! stored only as a salted Argon2 hash (`kiosk-triage hash-pin` makes one).

use crate::flow::check::parse_ron;
use crate::flow::diag::Diagnostic;
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
    /// positions.
    pub fn check_against(&self, file: &SourceFile, set: &crate::flow::FlowSet) -> Vec<Diagnostic> {
        use crate::flow::diag::{Severity, suggest};
        let at =
            |value: &str| file.find(|l| l.value == value).map_or(crate::flow::source::Pos::START, |l| l.pos);
        let mut out = Vec::new();
        if let Some(b) = &self.branch
            && set.branch(b).is_none()
        {
            let known: Vec<&str> = set.branches.iter().map(|b| b.id.as_str()).collect();
            let mut d = Diagnostic::new(
                Severity::Error,
                "unknown-branch",
                &file.name,
                at(b),
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
                    "unknown-language",
                    &file.name,
                    at(l),
                    format!("`languages` names `{l}`, which the flows are not written in"),
                );
                d.hint = suggest(l, &known, "languages");
                out.push(d);
            }
        }
        if let Some(h) = &self.staff_pin_hash
            && argon2::password_hash::PasswordHash::new(h).is_err()
        {
            out.push(
                Diagnostic::new(
                    Severity::Error,
                    "bad-pin-hash",
                    &file.name,
                    at(h),
                    "`staff_pin_hash` is not a PIN hash",
                )
                .hint("make one with `kiosk-triage hash-pin` and paste the line it prints"),
            );
        }
        out
    }

    /// Idle time before the warning.
    pub fn idle_warning(&self) -> Duration {
        Duration::from_secs(self.idle_warning_seconds.max(5))
    }

    /// How long a solved screen stays.
    pub fn solved_return(&self) -> Duration {
        Duration::from_secs(self.solved_return_seconds.max(5))
    }

    /// Length of the idle countdown.
    pub fn idle_reset(&self) -> Duration {
        Duration::from_secs(self.idle_reset_seconds.max(5))
    }

    /// Time in one flow before staff help is offered.
    pub fn offer_help_after(&self) -> Duration {
        Duration::from_secs(self.offer_help_minutes.max(1) * 60)
    }
}

/// Why `kiosk.ron` could not be used.
#[derive(Debug)]
pub enum ConfigError {
    /// It could not be read.
    Io(PathBuf, std::io::Error),
    /// It is not a valid config: the diagnostic and the file text.
    Invalid(Box<(Diagnostic, String)>),
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
pub fn hash_pin(pin: &str) -> Result<String, String> {
    use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
    let salt = SaltString::generate(&mut OsRng);
    argon2::Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Whether `pin` matches a hash made by [`hash_pin`]. A malformed hash
/// matches nothing.
pub fn verify_pin(pin: &str, hash: &str) -> bool {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
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
        assert_eq!(e.code, "unknown-field");
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
