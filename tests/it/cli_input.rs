//! The command line with hostile or careless input: files saved by Windows
//! Notepad, and text that must never reach a terminal raw.

#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use std::process::Output;

use crate::common;
use common::{run, stdout};

/// A kiosk.ron saved by Notepad: with a UTF-8 byte-order mark it is fine; as
/// UTF-16 ("Unicode") it gets one clear error.
#[test]
fn check_reads_kiosk_ron_with_a_byte_order_mark_and_refuses_utf16() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("kiosk.ron");
    let text = "(branch: \"riverside\", languages: [\"en\", \"es\"])\n";
    std::fs::write(&config, format!("\u{feff}{text}")).unwrap();
    let o = run(&["check", "--config", config.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));

    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&config, utf16).unwrap();
    let o = run(&["check", "--config", config.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(1));
    let shown = config.display().to_string();
    assert!(
        stdout(&o).starts_with(&format!(
            "error[encoding]: the file is UTF-16 text, not UTF-8\n --> {shown}:1:1\n  = hint: save it as UTF-8 in your editor (in Notepad: Save As, Encoding: UTF-8)\n\n"
        )),
        "{}",
        stdout(&o)
    );
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// No control or invisible character, other than newline and tab.
fn assert_printable(what: &str, text: &str) {
    let bad: Vec<char> =
        text.chars().filter(|&c| c != '\n' && c != '\t' && kiosk_triage::flow::chars::is_hidden(c)).collect();
    assert!(bad.is_empty(), "{what} has {bad:?}:\n{text}");
}

/// Patron text with a terminal escape (`ESC[2J` clears the screen), a
/// zero-width space, a bidirectional override and a NUL: `walk` shows them
/// escaped, never raw, and so does `check` (which warns about each).
#[test]
fn walk_and_check_never_print_control_characters() {
    let case = "tests/malformed/control_in_text";
    let o = run(&["walk", "printing", "--flows", case, "--answers", "2"], "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_printable("walk's stdout", &out);
    assert!(out.contains("Is the printer \\u001B[2Jworking?"), "{out}");
    assert!(out.contains("Yes\\u200B"), "{out}");
    assert!(out.contains("Check the\\u0000 printer."), "{out}");

    let o = run(&["check", "--flows", case], "");
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_printable("check's stdout", &stdout(&o));
    assert!(
        stdout(&o).contains("|             text: {\"en\": \"Is the printer \\u001B[2Jworking?\"},"),
        "{}",
        stdout(&o)
    );
}

/// Flows with errors: `walk` prints the report to stderr, with the source
/// lines of ids that hold bidirectional overrides; those go through the
/// same filter.
#[test]
fn reports_on_stderr_never_print_control_characters() {
    let o = run(&["walk", "printing", "--flows", "tests/malformed/invisible_in_ids"], "");
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_printable("walk's stderr", &err);
    assert!(err.contains("node id `\\u202Edone` has a bidirectional override (U+202E)"), "{err}");
    assert!(err.contains("Solved(id: \"\\u202Edone\""), "{err}");
}

/// A handoff code typed (or scanned) with a terminal escape in it: `decode`
/// says it is wrong without echoing the escape, in text and in JSON.
#[test]
fn decode_never_echoes_control_characters() {
    for format in ["text", "json"] {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().to_str().unwrap();
        let o = run(&["decode", "--data", data, "--format", format, "2A8\u{1b}]0;pwned\u{7}"], "");
        assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
        assert_printable("decode's stdout", &stdout(&o));
        assert_printable("decode's stderr", &stderr(&o));
        if format == "json" {
            let _: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        }
    }
}
