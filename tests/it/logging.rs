//! The kiosk's log file (Windows): where it is, that it names the file, and
//! that it never grows without bound.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use kiosk_triage::locations::{CURRENT_LOG, LOG_FILE};
use kiosk_triage::logging::{KEPT_LOG_FILES, MAX_LOG_BYTES, start};

#[test]
fn the_log_file_is_where_locations_say_and_stays_bounded() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = tmp.path().join("logs").join(LOG_FILE);
    let logging = start(Some(&spec));
    // The file `paths` and staff mode name is the one written.
    let path = tmp.path().join("logs").join(CURRENT_LOG);
    assert_eq!(logging.target, path.display().to_string());
    log::info!("kiosk starting");
    // Four times what all the kept files may hold.
    let line = "x".repeat(1000);
    let lines = 4 * (KEPT_LOG_FILES as u64 + 1) * MAX_LOG_BYTES / 1000;
    for i in 0..lines {
        log::info!("{i} {line}");
    }
    log::info!("the newest line");
    log::logger().flush();
    let files: Vec<_> =
        std::fs::read_dir(tmp.path().join("logs")).unwrap().map(|e| e.unwrap().path()).collect();
    assert!(path.is_file(), "the current file keeps its name: {path:?}, {files:?}");
    assert!(files.len() <= KEPT_LOG_FILES + 1, "{files:?}");
    let total: u64 = files.iter().map(|f| f.metadata().unwrap().len()).sum();
    assert!(total <= (KEPT_LOG_FILES as u64 + 1) * (MAX_LOG_BYTES + 2000), "{total} bytes in {files:?}");
    let current = std::fs::read_to_string(&path).unwrap();
    assert!(current.contains("the newest line"), "the newest line is in the current file");
}
