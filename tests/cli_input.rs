//! The command line with hostile or careless input: files saved by Windows
//! Notepad, and text that must never reach a terminal raw.

#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kiosk-triage"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

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
