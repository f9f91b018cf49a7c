//! The anonymous statistics: what a row holds (and never holds), the daily
//! files surviving crashes, unwritable folders and retention.

#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use kiosk_triage::flow::load::load_builtin;
use kiosk_triage::flow::model::{FlowSet, NodeKind, Text};
use kiosk_triage::flow::raw::VarValue;
use kiosk_triage::session::{Body, Screen, Session};
use kiosk_triage::stats::store::{Kind, Row, read_file};
use kiosk_triage::stats::synth::Rng;
use kiosk_triage::stats::{
    Context, DESK_FIELDS, Date, DeskOutcome, DeskRecord, End, Left, LocalTime, Recorder, RowError,
    SESSION_FIELDS, SessionRecord, Weekday,
};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

fn set() -> Arc<FlowSet> {
    Arc::new(load_builtin(None).report.set.unwrap())
}

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn cx(left: Left, code: Option<String>) -> Context {
    Context {
        at: LocalTime { date: day("2025-03-04"), hour: 14 },
        left,
        large_text: false,
        high_contrast: true,
        code,
    }
}

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

/// Every row of one file, and every row that could not be read.
fn read(path: &Path, kind: Kind) -> (Vec<Row>, Vec<(usize, RowError)>) {
    let (mut rows, mut bad) = (Vec::new(), Vec::new());
    read_file(path, kind, &mut Vec::new(), &mut |r| rows.push(r), &mut |b| bad.push((b.line, b.error)))
        .unwrap();
    (rows, bad)
}

fn sessions(rows: Vec<Row>) -> Vec<SessionRecord> {
    rows.into_iter()
        .filter_map(|r| match r {
            Row::Session(s) => Some(s),
            Row::Desk(_) => None,
        })
        .collect()
}

#[test]
fn a_session_gives_one_row_with_its_ending() {
    let dir = tempfile::tempdir().unwrap();
    let rec = Recorder::new(dir.path(), "Central kiosk 2", 400);
    let set = set();

    // Solved: straight through printing's first answers until an ending.
    let mut s = Session::start(set.clone(), "central", "es", "printing", secs(0)).unwrap();
    let mut t = 0;
    while s.outcome().is_none() {
        t += 20;
        match s.screen().body {
            Body::Question { .. } => s.choose(1, secs(t)).unwrap(),
            _ => s.next(secs(t)).unwrap(),
        }
    }
    let ended = s.outcome().cloned();
    let screens = s.trail().len() as u32;
    let row = rec.session_row(&s, secs(t + 30), &cx(Left::Home, None));
    rec.record(&row).unwrap();

    // Asked for staff on the second screen after one Back, with a code.
    let mut h = Session::start(set.clone(), "central", "en", "email", secs(0)).unwrap();
    match h.screen().body {
        Body::Question { .. } => h.choose(1, secs(5)).unwrap(),
        _ => h.next(secs(5)).unwrap(),
    }
    assert!(h.back(secs(8)));
    match h.screen().body {
        Body::Question { .. } => h.choose(1, secs(10)).unwrap(),
        _ => h.next(secs(10)).unwrap(),
    }
    let node = set.flows[h.trail().last().unwrap().flow].nodes[h.trail().last().unwrap().node].id.clone();
    h.ask_staff(secs(100));
    let code = kiosk_triage::handoff::code_for_session(&h, false, secs(100)).unwrap();
    let grouped = kiosk_triage::handoff::base32::group(&code).to_lowercase();
    rec.record(&rec.session_row(&h, secs(100), &cx(Left::Home, Some(grouped)))).unwrap();

    // Left by idle on the first screen, and started over on it.
    let i = Session::start(set.clone(), "central", "en", "wifi", secs(0)).unwrap();
    rec.record(&rec.session_row(&i, secs(200), &cx(Left::Idle, None))).unwrap();
    rec.record(&rec.session_row(&i, secs(7), &cx(Left::Home, None))).unwrap();
    // Staff help from the home screen: no flow.
    let home = Session::staff_only(set.clone(), "central", "en", secs(0)).unwrap();
    rec.record(&rec.session_row(&home, secs(0), &cx(Left::Home, None))).unwrap();

    let path = dir.path().join("stats").join("kiosk-2025-03-04-central-kiosk-2.csv");
    let (rows, bad) = read(&path, Kind::Kiosk);
    assert!(bad.is_empty(), "{bad:?}");
    let rows = sessions(rows);
    assert_eq!(rows.len(), 5);

    let r = &rows[0];
    assert_eq!(ended, Some(kiosk_triage::session::Outcome::Solved), "printing's first answers solve it");
    assert_eq!((r.end, r.flow.as_str(), r.language.as_str()), (End::Solved, "printing", "es"));
    let last = s.trail().last().unwrap();
    assert_eq!(r.node, set.flows[last.flow].nodes[last.node].id);
    assert_eq!((r.screens, r.back_steps), (screens, 0));
    assert_eq!((r.date, r.hour, r.weekday), (day("2025-03-04"), 14, Weekday::Tue));
    assert_eq!((r.kiosk.as_str(), r.branch.as_str()), ("Central kiosk 2", "central"));
    assert_eq!(
        r.duration_s,
        kiosk_triage::stats::duration_step(secs(t)),
        "the ending's time, not the Done press"
    );
    assert!(r.high_contrast && !r.large_text);

    let r = &rows[1];
    assert_eq!((r.end, r.flow.as_str(), r.node.as_str()), (End::AskedStaff, "email", node.as_str()));
    assert_eq!((r.screens, r.back_steps), (4, 1), "first, second, first again (after Back), second");
    assert_eq!(r.code.as_deref(), Some(code.as_str()), "the code is stored ungrouped, upper case");
    assert_eq!(r.duration_s, 90);

    assert_eq!(
        (rows[2].end, rows[2].node.as_str()),
        (End::Idle, set.flows[set.flow_index("wifi").unwrap()].nodes[0].id.as_str())
    );
    assert_eq!(rows[2].duration_s, 180);
    assert_eq!(rows[3].end, End::StartedOver);
    assert_eq!(
        (rows[4].end, rows[4].flow.as_str(), rows[4].node.as_str(), rows[4].screens),
        (End::AskedStaff, "", "", 0)
    );
}

#[test]
fn a_goto_into_another_flow_names_the_flow_of_the_node() {
    let set = set();
    // Walk email at random until a session ends in another flow.
    let mut rng = Rng::new(7);
    for _ in 0..3000 {
        let mut s = Session::start(set.clone(), "central", "en", "email", secs(0)).unwrap();
        for step in 1..40 {
            if s.outcome().is_some() {
                break;
            }
            match s.screen().body {
                Body::Question { choices, .. } => s.choose(1 + rng.below(choices.len()), secs(step)).unwrap(),
                _ => s.next(secs(step)).unwrap(),
            }
        }
        let last = s.trail().last().unwrap();
        if set.flows[last.flow].id != "email" {
            let row = SessionRecord::from_session(&s, secs(60), "k", &cx(Left::Home, None));
            assert_eq!(row.flow, "email");
            assert_eq!(
                row.node,
                format!("{}/{}", set.flows[last.flow].id, set.flows[last.flow].nodes[last.node].id)
            );
            return;
        }
    }
    panic!("no walk through email reached another flow");
}

/// Every patron-facing text of a flow set: titles, node texts, answers,
/// reasons, staff notes and policies, branch names and values, overrides,
/// the kiosk's own words.
fn all_texts(set: &FlowSet) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut text = |t: &Text| out.extend(t.0.values().cloned());
    for f in &set.flows {
        text(&f.title);
        if let Some(s) = &f.subtitle {
            text(s);
        }
        for n in &f.nodes {
            match &n.kind {
                NodeKind::Step { text: t, .. } | NodeKind::Solved { text: t } => text(t),
                NodeKind::Question { text: t, choices, .. } => {
                    text(t);
                    for c in choices {
                        text(&c.label);
                    }
                }
                NodeKind::Handoff(h) => text(&h.reason),
                NodeKind::Goto { .. } => {}
            }
        }
    }
    for b in &set.branches {
        for t in b.overrides.values() {
            text(t);
        }
    }
    for f in &set.flows {
        for n in &f.nodes {
            if let NodeKind::Handoff(h) = &n.kind {
                out.insert(h.note.clone());
                if let Some(p) = &h.policy {
                    out.insert(p.text.clone());
                }
            }
        }
    }
    for b in &set.branches {
        out.insert(b.name.clone());
        for v in b.vars.values() {
            match v {
                VarValue::Same(s) => {
                    out.insert(s.clone());
                }
                VarValue::PerLanguage(m) => out.extend(m.values().cloned()),
            }
        }
    }
    for words in set.words.0.values() {
        out.extend(words.values().cloned());
    }
    out
}

fn screen_texts(s: &Screen, out: &mut BTreeSet<String>) {
    out.insert(s.flow_title.clone());
    match &s.body {
        Body::Step { text, .. } | Body::Solved { text } => {
            out.insert(text.plain());
        }
        Body::Question { text, choices, .. } => {
            out.insert(text.plain());
            out.extend(choices.iter().map(|c| c.plain()));
        }
        Body::Handoff { reason, note, policy, .. } => {
            out.insert(reason.plain());
            out.insert(note.clone());
            out.extend(policy.iter().map(|p| p.text.clone()));
        }
    }
}

/// The allowlist: the file holds exactly the listed columns, every value is
/// an id, a number, a date or a fixed word, and no patron-facing text of
/// the default flows (as written or as shown) ever reaches it.
#[test]
fn rows_hold_the_allowlist_and_no_patron_text() {
    let dir = tempfile::tempdir().unwrap();
    let kiosk = "Riverside 1";
    let rec = Recorder::new(dir.path(), kiosk, 400);
    let set = set();
    let mut texts = all_texts(&set);
    let mut rng = Rng::new(42);
    let mut codes = 0;
    for i in 0..1500u64 {
        let b = &set.branches[rng.below(set.branches.len())];
        let lang = &set.languages[rng.below(set.languages.len())];
        let flows: Vec<String> = set.visible_flows(b).map(|(_, f)| f.id.clone()).collect();
        let mut s =
            Session::start(set.clone(), &b.id, lang, &flows[rng.below(flows.len())], secs(0)).unwrap();
        let mut t = 0;
        let mut left = Left::Home;
        for _ in 0..30 {
            screen_texts(&s.screen(), &mut texts);
            if s.outcome().is_some() {
                break;
            }
            t += 1 + rng.below(60) as u64;
            match rng.below(20) {
                0 => {
                    left = Left::Idle;
                    break;
                }
                1 => break,
                2 => s.ask_staff(secs(t)),
                3 => {
                    s.back(secs(t));
                }
                _ => match s.screen().body {
                    Body::Question { choices, .. } => {
                        s.choose(1 + rng.below(choices.len()), secs(t)).unwrap()
                    }
                    _ => s.next(secs(t)).unwrap(),
                },
            }
        }
        screen_texts(&s.screen(), &mut texts);
        let code = kiosk_triage::handoff::code_for_session(&s, false, secs(t));
        codes += usize::from(code.is_some());
        let at =
            LocalTime { date: day("2025-06-02").add_days((i % 3) as i64).unwrap(), hour: (i % 24) as u8 };
        let cx = Context { at, left, large_text: i % 2 == 0, high_contrast: i % 3 == 0, code };
        rec.record(&rec.session_row(&s, secs(t), &cx)).unwrap();
        if i % 5 == 0 {
            let outcome = DeskOutcome::ALL[(i % 4) as usize];
            rec.record_desk(&DeskRecord::new(at.date, "2A8-2Y0", outcome, Some((i % 7) as u8), i as u16))
                .unwrap();
        }
    }
    assert!(codes > 100, "enough handoffs to see codes written: {codes}");

    let mut files: Vec<_> =
        std::fs::read_dir(dir.path().join("stats")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert_eq!(files.len(), 6, "three days, kiosk and desk: {files:?}");
    let flow_ids: BTreeSet<&str> = set.flows.iter().map(|f| f.id.as_str()).collect();
    let mut node_ids: BTreeSet<String> = BTreeSet::new();
    for f in &set.flows {
        for n in &f.nodes {
            node_ids.insert(n.id.clone());
            node_ids.insert(format!("{}/{}", f.id, n.id));
        }
    }
    let texts: Vec<String> =
        texts.into_iter().map(|t| t.trim().to_string()).filter(|t| t.chars().count() >= 3).collect();
    assert!(texts.len() > 500, "the default flows have many texts: {}", texts.len());
    let mut rows = 0;
    for path in &files {
        let content = std::fs::read_to_string(path).unwrap();
        for t in &texts {
            assert!(!content.contains(t.as_str()), "patron text `{t}` reached {}", path.display());
        }
        let mut lines = content.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let desk = path.file_name().unwrap().to_str().unwrap().starts_with("desk-");
        if desk {
            assert_eq!(header, DESK_FIELDS);
        } else {
            assert_eq!(header, SESSION_FIELDS);
        }
        for line in lines {
            rows += 1;
            let f: Vec<&str> = line.split(',').collect();
            let ok = |i: usize, good: bool| assert!(good, "field `{}` = `{}` in {line}", header[i], f[i]);
            let num = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            ok(0, Date::parse(f[0]).is_some());
            let code = |s: &str| s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
            if desk {
                assert_eq!(f.len(), DESK_FIELDS.len(), "{line}");
                ok(1, f[1] == "2A82Y0");
                ok(2, DeskOutcome::parse(f[2]).is_some());
                ok(3, f[3].is_empty() || matches!(f[3], "1" | "2" | "3" | "4" | "5" | "6"));
                ok(4, num(f[4]));
                continue;
            }
            assert_eq!(f.len(), SESSION_FIELDS.len(), "{line}");
            ok(1, num(f[1]) && f[1].parse::<u8>().unwrap() < 24);
            ok(2, Weekday::parse(f[2]).is_some());
            ok(3, set.branch(f[3]).is_some());
            ok(4, f[4] == kiosk);
            ok(5, set.languages.iter().any(|l| l == f[5]));
            ok(6, flow_ids.contains(f[6]));
            ok(7, End::parse(f[7]).is_some());
            ok(8, node_ids.contains(f[8]));
            ok(9, num(f[9]));
            ok(10, num(f[10]));
            ok(11, num(f[11]));
            ok(12, matches!(f[12], "0" | "1"));
            ok(13, matches!(f[13], "0" | "1"));
            ok(14, code(f[14]) && f[14].len() <= 12);
        }
    }
    assert_eq!(rows, 1500 + 300);
}

#[test]
fn a_torn_last_row_loses_only_that_row() {
    let dir = tempfile::tempdir().unwrap();
    let rec = Recorder::new(dir.path(), "k", 400);
    let set = set();
    let s = Session::start(set, "central", "en", "printing", secs(0)).unwrap();
    for _ in 0..3 {
        rec.record(&rec.session_row(&s, secs(40), &cx(Left::Idle, None))).unwrap();
    }
    let path = rec.path(Kind::Kiosk, day("2025-03-04"));
    let full = std::fs::read(&path).unwrap();
    // A power cut in the middle of the third row.
    let cut = full.len() - 20;
    std::fs::write(&path, &full[..cut]).unwrap();
    let (rows, bad) = read(&path, Kind::Kiosk);
    assert_eq!(rows.len(), 2, "the rows before the cut still read");
    assert_eq!(bad, vec![(4, RowError::Torn)], "header, two rows, the torn fourth line");

    // The kiosk starts again and records: the new row starts on a line of
    // its own, so it reads; the torn one is reported where it is.
    rec.record(&rec.session_row(&s, secs(40), &cx(Left::Home, None))).unwrap();
    let (rows, bad) = read(&path, Kind::Kiosk);
    let rows = sessions(rows);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[2].end, End::StartedOver);
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].0, 4);

    // Zeros left by a file system that grew the file but lost the data, a
    // line of rubbish, and a header cut in two: counted, never fatal.
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(&[0u8; 40]);
    bytes.extend_from_slice(b"\nnot,a,row\n\xff\xfe\n");
    std::fs::write(&path, &bytes).unwrap();
    rec.record(&rec.session_row(&s, secs(40), &cx(Left::Home, None))).unwrap();
    let (rows, bad) = read(&path, Kind::Kiosk);
    assert_eq!(rows.len(), 4);
    let lines: Vec<usize> = bad.iter().map(|b| b.0).collect();
    assert_eq!(lines, vec![4, 6, 7, 8], "{bad:?}");
    assert_eq!(bad[3].1, RowError::Encoding);

    let half = dir.path().join("kiosk-2025-01-01.csv");
    std::fs::write(&half, "date,hour,week").unwrap();
    let (rows, bad) = read(&half, Kind::Kiosk);
    assert!(rows.is_empty());
    assert_eq!(bad, vec![(1, RowError::Torn)]);
}

#[test]
fn an_unwritable_folder_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let s = Session::start(set(), "central", "en", "printing", secs(0)).unwrap();
    // A file where the data folder should be (permissions would not stop
    // root, who runs the tests on CI).
    let blocked = dir.path().join("data");
    std::fs::write(&blocked, "not a folder").unwrap();
    let rec = Recorder::new(&blocked, "k", 400);
    let row = rec.session_row(&s, secs(10), &cx(Left::Idle, None));
    assert!(rec.record(&row).is_err());
    assert!(rec.record_desk(&DeskRecord::new(row.date, "X", DeskOutcome::Resolved, None, 3)).is_err());
    assert!(rec.today(row.date).unwrap().sessions == 0);
    // A folder where today's file should be.
    let rec = Recorder::new(dir.path(), "k", 400);
    std::fs::create_dir_all(rec.path(Kind::Kiosk, row.date)).unwrap();
    assert!(rec.record(&row).is_err());
    assert!(rec.today(row.date).is_err());
}

#[test]
fn retention_deletes_this_kiosks_old_files_only() {
    let dir = tempfile::tempdir().unwrap();
    let stats = dir.path().join("stats");
    std::fs::create_dir_all(&stats).unwrap();
    let names = [
        "kiosk-2024-01-01-k.csv",     // older than 30 days: deleted
        "desk-2025-02-02-k.csv",      // 30 days before 2025-03-04: deleted
        "kiosk-2025-02-03-k.csv",     // the 30th day kept
        "kiosk-2024-01-01-other.csv", // another kiosk on a shared folder
        "kiosk-2024-01-01.csv",       // a kiosk with no name
        "notes.txt",
        "kiosk-2024-01-01-k.csv.bak",
    ];
    for n in names {
        std::fs::write(stats.join(n), "x\n").unwrap();
    }
    let rec = Recorder::new(dir.path(), "K", 30);
    let s = Session::start(set(), "central", "en", "printing", secs(0)).unwrap();
    rec.record(&rec.session_row(&s, secs(10), &cx(Left::Idle, None))).unwrap();
    let mut left: Vec<String> =
        std::fs::read_dir(&stats).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    left.sort();
    assert_eq!(
        left,
        [
            "kiosk-2024-01-01-k.csv.bak",
            "kiosk-2024-01-01-other.csv",
            "kiosk-2024-01-01.csv",
            "kiosk-2025-02-03-k.csv",
            "kiosk-2025-03-04-k.csv",
            "notes.txt"
        ]
    );
    assert_eq!(rec.prune(day("2025-03-05")).unwrap(), 1, "the next day, the 30th day goes");
}

#[test]
fn today_figures_for_staff_mode() {
    let dir = tempfile::tempdir().unwrap();
    let rec = Recorder::new(dir.path(), "k", 400);
    let set = set();
    let d = day("2025-03-04");
    assert_eq!(rec.today(d).unwrap().sessions, 0);
    let row = |flow: &str, end: End| {
        let s = Session::start(set.clone(), "central", "en", flow, secs(0)).unwrap();
        let mut r = rec.session_row(&s, secs(10), &cx(Left::Idle, None));
        r.end = end;
        rec.record(&r).unwrap();
    };
    for _ in 0..3 {
        row("printing", End::Solved);
    }
    row("wifi", End::Handoff);
    row("wifi", End::AskedStaff);
    row("email", End::Idle);
    row("login", End::StartedOver);
    let f = rec.today(d).unwrap();
    assert_eq!((f.sessions, f.solved, f.handoffs, f.gave_up, f.unreadable), (7, 3, 2, 2, 0));
    assert_eq!(
        f.top_flows,
        vec![("printing".to_string(), 3), ("wifi".to_string(), 2), ("email".to_string(), 1)]
    );
    assert_eq!(rec.today(d.add_days(1).unwrap()).unwrap().sessions, 0);
}
