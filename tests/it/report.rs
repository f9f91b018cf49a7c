//! `kiosk-triage report` over a tree of kiosks and desks written with the
//! Recorder: known totals in every format, the join by code, filters, and
//! unreadable rows reported with file:line.

#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use clap::Parser;
use kiosk_triage::cli::{Cli, run_command};
use kiosk_triage::stats::{Date, DeskOutcome, DeskRecord, End, Recorder, SessionRecord};
use serde_json::Value;
use std::path::Path;

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

#[allow(clippy::too_many_arguments)]
fn rows(
    rec: &Recorder,
    n: usize,
    date: &str,
    hour: u8,
    (branch, lang, flow): (&str, &str, &str),
    end: End,
    node: &str,
    duration_s: u32,
    (large_text, high_contrast): (bool, bool),
    code: Option<&str>,
) {
    let date = day(date);
    for _ in 0..n {
        let r = SessionRecord {
            date,
            hour,
            weekday: date.weekday(),
            branch: branch.into(),
            kiosk: rec.name().into(),
            language: lang.into(),
            flow: flow.into(),
            end,
            node: node.into(),
            screens: 3,
            back_steps: 0,
            duration_s,
            large_text,
            high_contrast,
            code: code.map(str::to_string),
        };
        rec.record(&r).unwrap();
    }
}

/// Three kiosks at two branches, two desks, two days; one torn row.
fn fixture(root: &Path) {
    let a = Recorder::new(&root.join("central/kiosk-a"), "kiosk-a", 400);
    let b = Recorder::new(&root.join("central/kiosk-b"), "kiosk-b", 400);
    let c = Recorder::new(&root.join("north/kiosk-c"), "kiosk-c", 400);
    let no = (false, false);
    rows(&a, 4, "2025-03-03", 10, ("central", "en", "printing"), End::Solved, "done", 60, no, None);
    rows(
        &a,
        2,
        "2025-03-03",
        11,
        ("central", "es", "printing"),
        End::Handoff,
        "jam",
        120,
        (true, false),
        Some("CODE1"),
    );
    rows(&a, 3, "2025-03-03", 11, ("central", "en", "printing"), End::Idle, "release_ok", 180, no, None);
    rows(&b, 1, "2025-03-04", 15, ("central", "en", "wifi"), End::Solved, "ok", 30, no, None);
    rows(
        &b,
        1,
        "2025-03-04",
        15,
        ("central", "en", "wifi"),
        End::AskedStaff,
        "connect",
        30,
        (false, true),
        Some("CODE2"),
    );
    rows(
        &b,
        1,
        "2025-03-04",
        16,
        ("central", "en", "printing"),
        End::StartedOver,
        "release_ok",
        15,
        no,
        None,
    );
    rows(
        &c,
        2,
        "2025-03-04",
        9,
        ("north", "fr", "courriel-é"),
        End::Handoff,
        "bloqué",
        300,
        no,
        Some("CODE3"),
    );

    let desk = Recorder::new(&root.join("central/desk"), "desk central", 400);
    let d = |r: &Recorder, date: &str, code: &str, o: DeskOutcome, read: Option<u8>, min: u16| {
        r.record_desk(&DeskRecord::new(day(date), code, o, read, min)).unwrap()
    };
    d(&desk, "2025-03-03", "code1", DeskOutcome::Resolved, Some(2), 10);
    d(&desk, "2025-03-03", "CODE-1", DeskOutcome::Referred, Some(3), 4);
    d(&desk, "2025-03-04", "CODE2", DeskOutcome::Booked, None, 15);
    d(&desk, "2025-03-04", "CODE9", DeskOutcome::CouldNotHelp, Some(1), 1);
    let north = Recorder::new(&root.join("north/desk"), "desk north", 400);
    d(&north, "2025-03-04", "CODE3", DeskOutcome::Resolved, Some(2), 30);

    // A power cut while kiosk-c wrote its third row.
    let torn = c.path(kiosk_triage::stats::store::Kind::Kiosk, day("2025-03-04"));
    let mut f = std::fs::OpenOptions::new().append(true).open(torn).unwrap();
    std::io::Write::write_all(&mut f, b"2025-03-04,9,tue,no").unwrap();
    // Not statistics: ignored.
    std::fs::write(root.join("central/readme.txt"), "hello").unwrap();
}

fn report(args: &[&str]) -> (u8, String) {
    let mut argv = vec!["kiosk-triage", "report"];
    argv.extend_from_slice(args);
    let cli = Cli::try_parse_from(argv).unwrap();
    let mut out = Vec::new();
    let code = run_command(&cli, &mut out, &mut std::io::empty()).unwrap().unwrap();
    (code, String::from_utf8(out).unwrap())
}

fn json(args: &[&str]) -> Value {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    let (code, out) = report(&a);
    assert_eq!(code, 0, "{out}");
    serde_json::from_str(&out).unwrap()
}

fn flow<'a>(j: &'a Value, id: &str) -> &'a Value {
    j["flows"].as_array().unwrap().iter().find(|f| f["flow"] == id).unwrap()
}

#[test]
fn totals_in_json() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let root = dir.path().to_str().unwrap();
    let j = json(&[root]);
    assert_eq!(j["sessions"], 14);
    assert_eq!(j["desk_rows"], 5);
    assert_eq!(j["files"], 6, "three kiosk files (a, b, c) and three desk files");
    assert_eq!((j["first_date"].as_str(), j["last_date"].as_str()), (Some("2025-03-03"), Some("2025-03-04")));

    let p = flow(&j, "printing");
    let counts: Vec<u64> = ["sessions", "solved", "handoff", "asked_staff", "idle", "started_over"]
        .map(|k| p[k].as_u64().unwrap())
        .into();
    assert_eq!(counts, [10, 4, 2, 0, 3, 1]);
    // 15, 60 x4, 120 x2, 180 x3: the fifth of ten is 60.
    assert_eq!(p["median_duration_s"], 60);
    assert_eq!(p["funnel"], serde_json::json!([10, 10, 10]), "every row saw three screens");
    assert_eq!(j["flows"][0]["flow"], "printing", "most used first");
    assert_eq!(flow(&j, "courriel-é")["handoff"], 2);

    let stuck = &j["stuck"];
    assert_eq!(
        (stuck[0]["flow"].as_str(), stuck[0]["node"].as_str(), stuck[0]["total"].as_u64()),
        (Some("printing"), Some("release_ok"), Some(4))
    );
    assert_eq!(stuck[0]["by_end"], serde_json::json!([0, 0, 0, 3, 1]));
    assert_eq!((stuck[1]["node"].as_str(), stuck[1]["total"].as_u64()), (Some("connect"), Some(1)));
    assert_eq!(stuck.as_array().unwrap().len(), 2);
    let endings: Vec<(String, u64)> = j["endings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                format!("{}/{}", e["flow"].as_str().unwrap(), e["node"].as_str().unwrap()),
                e["total"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        endings,
        [
            ("printing/done".into(), 4),
            ("courriel-é/bloqué".into(), 2),
            ("printing/jam".into(), 2),
            ("wifi/ok".into(), 1)
        ]
    );

    let hours: Vec<u64> = j["hours"].as_array().unwrap().iter().map(|h| h.as_u64().unwrap()).collect();
    assert_eq!((hours[9], hours[10], hours[11], hours[15], hours[16]), (2, 4, 5, 2, 1));
    assert_eq!(j["weekdays"], serde_json::json!([9, 5, 0, 0, 0, 0, 0]), "Monday 3rd, Tuesday 4th");
    assert_eq!(j["heat"][0][11], 5);
    assert_eq!(j["languages"], serde_json::json!([["en", 10], ["es", 2], ["fr", 2]]));
    assert_eq!(j["branches"], serde_json::json!([["central", 12], ["north", 2]]));
    assert_eq!(
        j["access"],
        serde_json::json!({"sessions": 14, "large_text": 2, "high_contrast": 1, "both": 0})
    );

    assert_eq!(j["bad_rows"], 1);
    let bad = j["bad"][0].as_str().unwrap();
    assert!(
        bad.ends_with(
            "kiosk-2025-03-04-kiosk-c.csv:4: the last row was cut off (a crash or power cut while writing)"
        ),
        "{bad}"
    );
}

#[test]
fn desk_visits_join_kiosk_handoffs_by_code() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let j = json(&[dir.path().to_str().unwrap()]);
    let desk = &j["desk"];
    assert_eq!(desk["all"]["visits"], 5);
    assert_eq!((desk["matched"].as_u64(), desk["unmatched"].as_u64()), (Some(4), Some(1)));
    assert_eq!(desk["all"]["outcomes"], serde_json::json!([2, 1, 1, 1]));
    assert_eq!(desk["all"]["read"], serde_json::json!([1, 1, 2, 1, 0, 0, 0]));
    assert_eq!(desk["all"]["minutes"], 10 + 5 + 15 + 1 + 30);

    // "code1" and "CODE-1" typed at the desk are the kiosk's CODE1.
    let p = &flow(&j, "printing")["desk"];
    assert_eq!(
        (p["visits"].as_u64(), p["minutes"].as_u64(), p["mean_read"].as_f64()),
        (Some(2), Some(15), Some(2.5))
    );
    assert_eq!(p["outcomes"], serde_json::json!([1, 1, 0, 0]));
    assert_eq!(flow(&j, "wifi")["desk"]["minutes"], 15);
    assert_eq!(flow(&j, "courriel-é")["desk"]["minutes"], 30);
    let endings = desk["endings"].as_array().unwrap();
    let first: Vec<(&str, &str, u64)> = endings
        .iter()
        .map(|e| {
            (e["flow"].as_str().unwrap(), e["node"].as_str().unwrap(), e["desk"]["minutes"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(first, [("courriel-é", "bloqué", 30), ("printing", "jam", 15), ("wifi", "connect", 15)]);
}

#[test]
fn filters_by_branch_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let root = dir.path().to_str().unwrap();
    let j = json(&[root, "--branch", "central"]);
    assert_eq!(j["sessions"], 12);
    assert_eq!(j["branch"], "central");
    // North's desk visit joins a north session; the unmatched one may be
    // any branch's: both left out.
    assert_eq!(j["desk"]["all"]["visits"], 3);
    assert_eq!(j["desk"]["unmatched"], 0);

    let j = json(&[root, "--from", "2025-03-04"]);
    assert_eq!(j["sessions"], 5);
    assert_eq!(j["desk_rows"], 3);
    assert_eq!(j["desk"]["unmatched"], 1);
    let j = json(&[root, "--to", "2025-03-03"]);
    assert_eq!(j["sessions"], 9);
    assert_eq!(j["bad_rows"], 0, "the torn file is outside the dates");
    let j = json(&[root, "--from", "2025-03-05"]);
    assert_eq!(j["sessions"], 0);
    assert_eq!(j["flows"], serde_json::json!([]));

    // The same files reached twice count once.
    let twice = json(&[
        root,
        &format!("{root}/central"),
        &format!("{root}/central/kiosk-a/stats/kiosk-2025-03-03-kiosk-a.csv"),
    ]);
    assert_eq!(twice["sessions"], 14);
}

#[test]
fn totals_in_text() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let (code, out) = report(&[dir.path().to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("Kiosk statistics: 14 sessions, 5 desk visits, 2025-03-03 to 2025-03-04 (6 files)\n"),
        "{out}"
    );
    let line = |start: &str| {
        out.lines().find(|l| l.trim_start().starts_with(start)).unwrap_or_else(|| panic!("{start}\n{out}"))
    };
    let printing: Vec<&str> = line("printing ").split_whitespace().collect();
    assert_eq!(printing, ["printing", "10", "40.0%", "20.0%", "0.0%", "40.0%", "1", "min"]);
    let wifi: Vec<&str> = line("wifi ").split_whitespace().collect();
    assert_eq!(wifi, ["wifi", "2", "50.0%", "0.0%", "50.0%", "0.0%", "30", "s"]);
    assert_eq!(
        line("4  printing / release_ok").trim(),
        "4  printing / release_ok  (asked 0, idle 3, started over 1)"
    );
    assert!(out.contains("\n  11         5  ########################################\n"), "{out}");
    assert!(out.contains("\n  mon         9  64.3%\n"), "{out}");
    assert!(out.contains("\n  larger text           2  14.3%\n"), "{out}");
    assert!(out.contains("Desk visits: 5 (4 matched to a kiosk session by code, 1 not matched)"), "{out}");
    assert!(out.contains("  outcomes: resolved 2, referred 1, booked 1, could not help 1\n"), "{out}");
    assert!(out.contains("  READ levels: 1: 1, 2: 2, 3: 1, 4: 0, 5: 0, 6: 0, none given 1\n"), "{out}");
    let desk_printing: Vec<&str> =
        out.lines().filter(|l| l.starts_with("    printing")).flat_map(str::split_whitespace).collect();
    assert_eq!(
        desk_printing,
        ["printing", "2", "visits", "15", "min", "mean", "READ", "2.50", "resolved", "50.0%"]
    );
    assert!(out.contains("\nUnreadable rows: 1\n"), "{out}");
    assert!(out.contains("kiosk-2025-03-04-kiosk-c.csv:4: the last row was cut off"), "{out}");
}

#[test]
fn totals_in_csv_for_excel() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let (code, out) = report(&[dir.path().to_str().unwrap(), "--format", "csv"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("\u{FEFF}summary,value\r\nsessions,14\r\n"), "{out}");
    let lines: Vec<&str> = out.split("\r\n").collect();
    assert!(lines.contains(&"printing,10,4,2,0,3,1,40.0,20.0,0.0,40.0,60,2,15,2.5"), "{out}");
    assert!(lines.contains(&"courriel-é,2,0,2,0,0,0,0.0,100.0,0.0,0.0,300,1,30,2"), "accents intact: {out}");
    assert!(lines.contains(&"printing,release_ok,4,0,3,1"), "{out}");
    assert!(lines.contains(&"courriel-é,bloqué,0,2"), "{out}");
    assert!(lines.contains(&"mon,0,0,0,0,0,0,0,0,0,0,4,5,0,0,0,0,0,0,0,0,0,0,0,0,9"), "{out}");
    assert!(lines.contains(&"all,5,2,1,1,1,1,2,1,0,0,0,1,2,61"), "{out}");
    assert!(lines.contains(&"printing,jam,2,1,1,0,0,0,1,1,0,0,0,0,2.5,15"), "{out}");
    assert!(lines.contains(&"not matched to a kiosk session,1"), "{out}");
    assert!(
        lines.iter().any(|l| l.ends_with(
            "kiosk-2025-03-04-kiosk-c.csv:4,the last row was cut off (a crash or power cut while writing)"
        )),
        "{out}"
    );
}

#[test]
fn totals_in_html_with_inline_charts_and_no_script() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let (code, out) = report(&[dir.path().to_str().unwrap(), "--format", "html"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("<!DOCTYPE html>"));
    assert!(!out.contains("<script"), "no script");
    assert!(!out.contains(" src=") && !out.contains("<link"), "nothing fetched");
    assert!(out.contains("<div class=\"card\"><b>14</b>sessions</div>"));
    assert!(out.contains("<td>printing</td><td>10</td><td>40.0%</td><td>20.0%</td><td>0.0%</td><td>40.0%</td><td>1 min</td><td>2</td><td>15</td><td>2.50</td>"), "{out}");
    // The funnel and where patrons left, per flow; the heat map.
    assert!(out.contains("<h3>printing</h3>"));
    assert!(out.contains(">release_ok</text>"));
    assert_eq!(
        out.matches("<svg").count(),
        3 * 2 + 1 + 2,
        "two charts per flow, the heat map, two desk charts"
    );
    assert!(out.contains("<title>mon 11:00: 5</title>"), "{out}");
    assert!(out.contains("courriel-é / bloqué"));
    assert!(out.contains("kiosk-2025-03-04-kiosk-c.csv:4"));
}

#[test]
fn html_escapes_ids() {
    let dir = tempfile::tempdir().unwrap();
    let rec = Recorder::new(dir.path(), "k", 400);
    rows(
        &rec,
        1,
        "2025-03-03",
        10,
        ("b", "en", "<script>x</script>"),
        End::Idle,
        "a&b",
        60,
        (false, false),
        None,
    );
    let (_, out) = report(&[dir.path().to_str().unwrap(), "--format", "html"]);
    assert!(!out.contains("<script>"));
    assert!(out.contains("&lt;script&gt;x&lt;/script&gt;"));
    assert!(out.contains("a&amp;b"));
}

#[test]
fn usage_and_io_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    assert_eq!(report(&[missing.to_str().unwrap()]).0, 2);
    assert_eq!(report(&[dir.path().to_str().unwrap(), "--from", "2025-03-05", "--to", "2025-03-04"]).0, 2);
    let bad_date = Cli::try_parse_from(["kiosk-triage", "report", "--from", "yesterday"]).unwrap_err();
    assert_eq!(bad_date.exit_code(), 2);
    // An empty folder is an empty report, not an error.
    let (code, out) = report(&[dir.path().to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Kiosk statistics: 0 sessions, 0 desk visits, no dates (0 files)"), "{out}");
}
