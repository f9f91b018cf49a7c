//! What the kiosk and `check` agree to read, so that no file in a flows or
//! pictures folder can hang them, exhaust memory or leak what it points to.
//!
//! Every limit is listed in the "Limits" section of docs/flow-format.md, and
//! each refusal is a diagnostic with a stable code:
//!
//! | limit | code |
//! |---|---|
//! | [`MAX_FILE_BYTES`] per flow, branch or words file | `file-too-big` |
//! | [`MAX_FILES`] `.ron` files per folder | `too-many-files` |
//! | [`MAX_TOTAL_BYTES`] for the whole flow set | `too-much-text` |
//! | regular files only (no FIFOs, devices, sockets) | `not-a-file` |
//! | nothing that resolves outside the folder (symlinks) | `outside-folder` |
//! | UTF-8 only (UTF-16 is refused, a UTF-8 BOM is accepted) | `encoding` |
//! | [`MAX_PICTURE_BYTES`] per picture or icon, and no link out of `assets/` | `picture-refused` (a warning: the kiosk shows no picture) |

use super::diag::{Code, Diagnostic, Severity};
use super::source::Pos;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest flow, branch, words or config file read (1 MiB). The default
/// flows' largest file is 21 KB.
pub const MAX_FILE_BYTES: u64 = 1 << 20;
/// The most `.ron` files read from one folder (`flows/`, `branches/`,
/// `words/`).
pub const MAX_FILES: usize = 500;
/// The most text read for one flow set (16 MiB); the default flows are
/// 130 KB.
pub const MAX_TOTAL_BYTES: u64 = 16 << 20;
/// The largest picture or icon read (8 MiB).
pub const MAX_PICTURE_BYTES: u64 = 8 << 20;

/// Why a file was not read.
#[derive(Debug)]
pub enum Refusal {
    /// Larger than the limit: its size, when the file says it (files such as
    /// those in `/proc` say 0 and are found out only by reading).
    TooBig(Option<u64>),
    /// A FIFO, device, socket or folder: what it is.
    NotAFile(&'static str),
    /// It resolves (through a symbolic link) to this path outside the folder.
    Outside(PathBuf),
    /// UTF-16 text (a byte-order mark or NUL bytes between letters).
    Utf16,
    /// The operating system refused.
    Io(std::io::Error),
}

/// What kind of thing a file that is not a regular file is.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// Whether `path` resolves to somewhere inside `root` (already resolved).
/// The resolved path is returned either way.
pub fn resolve_inside(path: &Path, root: &Path) -> Result<PathBuf, Refusal> {
    let real = path.canonicalize().map_err(Refusal::Io)?;
    if real.starts_with(root) { Ok(real) } else { Err(Refusal::Outside(real)) }
}

/// Reads one file: refused when it resolves outside `root` (if given), is
/// not a regular file, or is larger than `max` bytes. The size is checked
/// before reading, and the read itself stops at `max + 1` bytes, since files
/// such as those in `/proc` say they are empty and never end.
pub fn read_bytes(path: &Path, root: Option<&Path>, max: u64) -> Result<Vec<u8>, Refusal> {
    let real = match root {
        Some(root) => resolve_inside(path, root)?,
        None => path.to_path_buf(),
    };
    let meta = std::fs::metadata(&real).map_err(Refusal::Io)?;
    if !meta.is_file() {
        return Err(Refusal::NotAFile(kind_of(&meta)));
    }
    if meta.len() > max {
        return Err(Refusal::TooBig(Some(meta.len())));
    }
    let file = std::fs::File::open(&real).map_err(Refusal::Io)?;
    // Swapped for something else between the two looks?
    let meta = file.metadata().map_err(Refusal::Io)?;
    if !meta.is_file() {
        return Err(Refusal::NotAFile(kind_of(&meta)));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).min(1 << 20));
    file.take(max + 1).read_to_end(&mut bytes).map_err(Refusal::Io)?;
    if bytes.len() as u64 > max {
        return Err(Refusal::TooBig(None));
    }
    Ok(bytes)
}

/// Whether bytes are UTF-16 text: a byte-order mark, or a NUL byte beside
/// the first letter (what UTF-16 without a mark looks like for RON, which
/// starts with ASCII).
pub fn is_utf16(bytes: &[u8]) -> bool {
    match bytes {
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => true,
        [a, 0, ..] | [0, a, ..] => *a != 0,
        _ => false,
    }
}

/// The UTF-8 byte-order mark Windows Notepad may write.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Bytes as text: the UTF-8 byte-order mark is dropped; bytes that are not
/// UTF-8 are replaced, and where the first one is comes back, so it can be
/// reported while the rest of the file is still checked.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<Pos>), Refusal> {
    if is_utf16(bytes) {
        return Err(Refusal::Utf16);
    }
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok((t.to_string(), None)),
        Err(e) => {
            let prefix = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
            let line = prefix.matches('\n').count() + 1;
            let col = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Ok((String::from_utf8_lossy(bytes).into_owned(), Some(Pos { line, col })))
        }
    }
}

/// Reads a text file under the limits: [`read_bytes`] then [`decode`].
pub fn read_text(path: &Path, root: Option<&Path>, max: u64) -> Result<(String, Option<Pos>), Refusal> {
    decode(&read_bytes(path, root, max)?)
}

/// Bytes for people: "1.5 MiB", "800 KiB", "12 bytes".
fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / f64::from(1u32 << 20))
    } else if bytes >= 1 << 10 {
        format!("{} KiB", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
}

impl Refusal {
    /// The diagnostic for a file that was not read: an error at its first
    /// line, never showing what is in it. `folder` names the folder the file
    /// had to stay in ("the flows folder").
    pub fn diagnostic(&self, shown: &str, folder: &str, max: u64) -> Diagnostic {
        let at = |code, message: String| Diagnostic::new(Severity::Error, code, shown, Pos::START, message);
        match self {
            Refusal::TooBig(n) => at(
                Code::FileTooBig,
                match n {
                    Some(n) => format!("the file is {}; at most {} is read", size(*n), size(max)),
                    None => format!("the file is larger than {}, the most that is read", size(max)),
                },
            )
            .hint("a flow file is a few kilobytes: is this the right file? split a huge flow into several"),
            Refusal::NotAFile(kind) => {
                at(Code::NotAFile, format!("this is {kind}, not a file; it was not read"))
                    .hint("flow files are plain text files; remove this or rename it without `.ron`")
            }
            Refusal::Outside(target) => at(
                Code::OutsideFolder,
                format!("this links to `{}`, outside {folder}; it was not read", target.display()),
            )
            .hint(format!("copy the file into {folder}, or link only to files inside it")),
            Refusal::Utf16 => at(Code::Encoding, "the file is UTF-16 text, not UTF-8".into())
                .hint("save it as UTF-8 in your editor (in Notepad: Save As, Encoding: UTF-8)"),
            Refusal::Io(e) => at(Code::Unreadable, format!("the file cannot be read: {e}"))
                .hint("check that the kiosk's user may read it"),
        }
    }
}
