//! Diagnostics: every problem `check` finds, with where it is and what to do.
//!
//! Every problem has a stable short `code` (for IT pipelines reading JSON,
//! and listed in docs/flow-format.md); `render` is the one place that lays
//! them out for people. Messages are
//! lowercase with names in backticks, like compiler errors, because IT staff
//! read them next to the file in their editor.

use super::source::{Pos, SourceFile};
use serde::Serialize;
use std::fmt::Write as _;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The flows still load; worth fixing.
    Warning,
    /// The flow set is refused; a kiosk keeps its last good flows.
    Error,
}

/// Declares [`Code`] from one list, so its variants, [`Code::ALL`] and the
/// names in JSON cannot drift apart.
macro_rules! codes {
    ($($variant:ident = $name:literal),* $(,)?) => {
        /// A diagnostic's stable short name. Serialized (and printed) as
        /// today's kebab-case strings; every one is listed in
        /// docs/flow-format.md, section 16.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[allow(missing_docs)]
        pub enum Code {
            $($variant),*
        }

        impl Code {
            /// Every code, in the order declared.
            pub const ALL: &[Code] = &[$(Code::$variant),*];

            /// The stable name, such as `unknown-target`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name),*
                }
            }
        }
    };
}

codes! {
    // Reading the files.
    Syntax = "syntax",
    Type = "type",
    Encoding = "encoding",
    EmptyFile = "empty-file",
    UnknownField = "unknown-field",
    MissingField = "missing-field",
    DuplicateField = "duplicate-field",
    UnknownKind = "unknown-kind",
    TooDeep = "too-deep",
    MissingFile = "missing-file",
    FileTooBig = "file-too-big",
    TooManyFiles = "too-many-files",
    TooMuchText = "too-much-text",
    NotAFile = "not-a-file",
    OutsideFolder = "outside-folder",
    Unreadable = "unreadable",
    NoLanguages = "no-languages",
    // Flows and nodes.
    DuplicateId = "duplicate-id",
    EmptyId = "empty-id",
    MissingStart = "missing-start",
    UnknownTarget = "unknown-target",
    UnknownFlow = "unknown-flow",
    GotoLoop = "goto-loop",
    NoWayOut = "no-way-out",
    Unreachable = "unreachable",
    DeadEnd = "dead-end",
    TooManyChoices = "too-many-choices",
    UndeclaredFlag = "undeclared-flag",
    HiddenFlow = "hidden-flow",
    MissingPicture = "missing-picture",
    PictureRefused = "picture-refused",
    MissingAudio = "missing-audio",
    // Patron text, languages and placeholders.
    MissingTranslation = "missing-translation",
    UnknownLanguage = "unknown-language",
    EmptyText = "empty-text",
    TooLong = "too-long",
    Placeholder = "placeholder",
    UndeclaredPlaceholder = "undeclared-placeholder",
    UndefinedPlaceholder = "undefined-placeholder",
    RightToLeft = "right-to-left",
    NoGlyph = "no-glyph",
    // Translation files read by `l10n import`.
    UnknownEntry = "unknown-entry",
    StaleTranslation = "stale-translation",
    // Branches, words, handoff codes.
    UnknownVariable = "unknown-variable",
    BadOverride = "bad-override",
    UnknownBranch = "unknown-branch",
    BaseLoop = "base-loop",
    UnusedFlag = "unused-flag",
    MissingAssets = "missing-assets",
    UnknownWord = "unknown-word",
    NoBranches = "no-branches",
    BadId = "bad-id",
    InvisibleCharacter = "invisible-character",
    CodeTooLong = "code-too-long",
    PathTooLong = "path-too-long",
    // `kiosk.ron`.
    OutOfRange = "out-of-range",
    BadPinHash = "bad-pin-hash",
    BadKioskName = "bad-kiosk-name",
    // Statistics labels on handoff endings.
    BadReadLevel = "bad-read-level",
    BadQuestionType = "bad-question-type",
    // Take-home links on steps and endings.
    BadLink = "bad-link",
    // Alternatives for missing services.
    ElseWithoutWhen = "else-without-when",
    // Facts for staff on questions.
    BadFact = "bad-fact",
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// One problem found in one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file, as named to the user.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Error or warning.
    pub severity: Severity,
    /// A stable short name, such as `unknown-target`.
    pub code: Code,
    /// What is wrong, in one line.
    pub message: String,
    /// What to do about it, where something useful can be said.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// How many characters to underline (at least 1).
    #[serde(skip)]
    pub width: usize,
}

impl Diagnostic {
    /// A new diagnostic at `pos` in `file`.
    pub fn new(severity: Severity, code: Code, file: &str, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_string(),
            line: pos.line,
            column: pos.col,
            severity,
            code,
            message: shorten_names(&message.into()),
            hint: None,
            width: 1,
        }
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(shorten_names(&hint.into()));
        self
    }

    /// Sets how many characters to underline.
    pub fn width(mut self, width: usize) -> Self {
        self.width = width.max(1);
        self
    }

    /// Words the diagnostic for a terminal, with the source line and a caret
    /// under the column when the source is at hand:
    ///
    /// ```text
    /// error[unknown-target]: unknown node `pay_cash` in choice 2 of `start`
    ///   --> flows/printing.ron:12:48
    ///    |
    /// 12 |             Choice(label: {"en": "Cash"}, to: "pay_cash"),
    ///    |                                                ^^^^^^^^^^
    ///    = hint: did you mean `pay_card`?
    /// ```
    pub fn render(&self, source: Option<&SourceFile>) -> String {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!("{severity}[{}]: {}\n", self.code, self.message);
        let number = self.line.to_string();
        let pad = " ".repeat(number.len());
        let _ = writeln!(out, "{pad}--> {}:{}:{}", self.file, self.line, self.column);
        if let Some(text) = source.and_then(|s| s.line(self.line)) {
            // Very long lines (a 5 MB string) are cut around the column.
            let chars: Vec<char> = text.chars().collect();
            let (start, end) = if chars.len() <= 120 {
                (0, chars.len())
            } else {
                (self.column.saturating_sub(60).min(chars.len()), (self.column + 60).min(chars.len()))
            };
            let shown: String = chars[start..end].iter().map(|c| if *c == '\t' { ' ' } else { *c }).collect();
            let lead = if start > 0 { "..." } else { "" };
            let tail = if end < chars.len() { "..." } else { "" };
            let caret_at = lead.len() + self.column.saturating_sub(1) - start;
            let width = self.width.min(end.saturating_sub(self.column - 1).max(1));
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{number} | {lead}{shown}{tail}");
            let _ = writeln!(out, "{pad} | {}{}", " ".repeat(caret_at), "^".repeat(width));
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "{pad} = hint: {hint}");
        }
        out
    }
}

/// Names in backticks longer than this are cut in messages, so that a 5 MB
/// id in a file gives a one-line message.
const MAX_NAME: usize = 48;

fn shorten_names(message: &str) -> String {
    if message.len() <= MAX_NAME * 2 {
        return message.to_string();
    }
    let mut out = String::with_capacity(message.len().min(1024));
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        // Odd parts are inside backticks.
        if i % 2 == 1 && part.chars().count() > MAX_NAME {
            out.extend(part.chars().take(MAX_NAME));
            out.push('…');
        } else {
            out.push_str(part);
        }
    }
    out
}

/// At most this many letters differ in a did-you-mean: a new name that
/// happens to share half its letters with an old one (`copier_where`,
/// `scanner_where`) is not a typo.
const MAX_EDITS: usize = 2;

/// The closest of `candidates` to `word`, if it is close enough to suggest:
/// at most a third of the letters differ (and at most [`MAX_EDITS`]), and
/// never all of them (so `sp` is not taken for `en`).
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if word.len() > 256 {
        return None;
    }
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(d, c)| {
            let len = c.chars().count().min(word.chars().count());
            *d > 0 && *d <= (c.chars().count() / 3).clamp(1, MAX_EDITS) && *d < len
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// "did you mean `x`?" or the list of what is allowed, whichever helps.
pub fn suggest(word: &str, candidates: &[&str], what: &str) -> Option<String> {
    if let Some(best) = did_you_mean(word, candidates.iter().copied()) {
        return Some(format!("did you mean `{best}`?"));
    }
    match candidates.len() {
        0 => None,
        1..=8 => Some(format!(
            "{what} here: {}",
            candidates.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")
        )),
        _ => None,
    }
}
