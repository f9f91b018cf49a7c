//! The command line as IT staff and scripts use it: exit codes, output
//! formats, and `walk` transcripts.

#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::common;
use common::{run, stdout};

#[test]
fn check_clean_flows_exits_0_with_a_summary() {
    let o = run(&["check"], "");
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.ends_with(": 0 errors, 0 warnings\n"), "{out}");
    assert!(out.lines().last().unwrap().starts_with("10 flows, "), "{out}");
    // The longest code each flow can give, within the 12 characters a
    // patron can read aloud.
    let lengths =
        out.lines().find_map(|l| l.strip_prefix("longest handoff code per flow (characters): ")).unwrap();
    for part in lengths.split(", ") {
        let (_, n) = part.rsplit_once(' ').unwrap();
        assert!(n.parse::<usize>().unwrap() <= 12, "{part}");
    }
}

#[test]
fn codes_lists_every_handoff_path_and_the_length_distribution() {
    let o = run(&["codes", "--branch", "riverside"], "");
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("handoff paths; longest code each can give (check character included):"), "{out}");
    assert!(out.contains("100% have at most"), "{out}");
    assert!(!out.contains(" central "), "only the branch asked for");
    // Each handoff ending's "Ask:" items, from its staff note.
    assert!(out.contains("What staff notes still ask (after \"Ask:\"), per handoff ending"), "{out}");
    assert!(out.contains("\n  time/more_time               the PC number\n"), "{out}");
    assert!(out.contains("\n  access/staff                 (asks nothing)\n"), "{out}");
    // Riverside shows only scanning's alternative (no scanner): its
    // handoff endings cannot be reached there, so they are not listed.
    assert!(!out.contains("scanning/"), "{out}");
    assert!(out.contains("handoff endings still ask staff something\n"), "{out}");
}

#[test]
fn check_errors_exit_1_and_json_has_locations() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("flows");
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("flows"), &dir);
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("assets"), &tmp.path().join("assets"));
    let printing = dir.join("printing.ron");
    let text =
        std::fs::read_to_string(&printing).unwrap().replacen("to: \"pdf_staff\"", "to: \"pdf_staf\"", 1);
    std::fs::write(&printing, text).unwrap();
    let flows = dir.to_str().unwrap();

    let o = run(&["check", "--flows", flows], "");
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("error[unknown-target]: unknown node `pdf_staf` in choice 2 of `pdf_ok`"), "{out}");
    assert!(out.contains("= hint: did you mean `pdf_staff`?"), "{out}");

    let o = run(&["check", "--flows", flows, "--format", "json"], "");
    assert_eq!(o.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "unknown-target");
    assert_eq!(d["severity"], "error");
    assert!(d["file"].as_str().unwrap().ends_with("printing.ron"));
    assert!(d["line"].as_u64().unwrap() > 1);
    assert!(d["column"].as_u64().unwrap() > 1);
    assert_eq!(json["errors"], 1);
}

#[test]
fn check_usage_and_io_problems_exit_2() {
    assert_eq!(run(&["check", "--format", "xml"], "").status.code(), Some(2));
    assert_eq!(run(&["check", "--branch", "a", "--all-branches"], "").status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    let not_a_dir = dir.path().join("file.ron");
    std::fs::write(&not_a_dir, "x").unwrap();
    assert_eq!(run(&["check", "--flows", not_a_dir.to_str().unwrap()], "").status.code(), Some(2));
}

#[test]
fn check_unknown_branch_is_an_error_with_a_suggestion() {
    let o = run(&["check", "--branch", "centrl"], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("there is no branch `centrl`"));
    assert!(stdout(&o).contains("did you mean `central`?"));
}

#[test]
fn walk_with_answers_prints_each_screen_and_the_ending() {
    // Riverside has no mobile printing (hidden choice), no colour printer (an
    // override and a single choice), and its own printer, prices and desk.
    let o = run(&["walk", "printing", "--branch", "riverside", "--answers", "1,1,1,3"], "");
    assert_eq!(o.status.code(), Some(0));
    let expected = "\
── Print something · step 1 ──
To print from a library computer, log in to it first. What do you need help with?
  1. Print from a library computer
  2. Print from my phone or laptop
  3. My print did not come out
  4. Something else went wrong
  5. The printer is jammed or broken
  6. I want a refund or a reprint
> 1. Print from a library computer
── Print something · step 2 ──
Open what you want to print, like a web page, an email or a file.
> next
── Print something · step 3 ──
Press the Ctrl key and the P key at the same time. A print preview opens. Do not use a print button on the web page: it may print every page.
> next
── Print something · step 4 ──
Look at the preview. It shows how many pages will print. To print only some pages, type them in the Pages box, like 1-3.
> next
── Print something · step 5 ──
Do you want black and white or color?
  1. Black and white: $0.15 a page
  2. Color
> 1. Black and white: $0.15 a page
── Print something · step 6 ──
In the print window, find Printer or Destination. Choose RIVERSIDE-PRINTER. Then click Print.
> next
── Print something · step 7 ──
Go to the print station by the front desk. Type your library card or guest pass number, or the name or email you used when you printed.
> next
── Print something · step 8 ──
Do you see your print job on the screen?
  1. Yes, I see it
  2. Yes, but it is wrong
  3. No, it is not there
> 1. Yes, I see it
── Print something · step 9 ──
Tap your job. Check the pages and the price. Your first 5 black and white pages each day are free. Then pay in cash at the front desk.
> next
── Print something · step 10 ──
Did your pages print?
  1. Yes, I have them
  2. No, I don't have enough money
  3. No, I paid but nothing printed
> 3. No, I paid but nothing printed
── Print something · step 11 ──
Staff can check the printer and the payment. If the machine made a mistake, staff can print your pages again.
Please go to the front desk.
[handoff: the flow hands off]
staff note: Charged but nothing printed. Ask: the job name, pages and amount charged (the kiosk cannot know them). Check the printer (paper, jam, toner) and the print log.
urgency: urgent
policy (flexible: you may make a one-time exception; say that it is one): Machine errors: reprint free of charge, or refund when a reprint is not possible.
statistics: Printing, READ 2
";
    // The code line depends on the exact flow version; check it decodes and
    // compare the rest exactly.
    let out = stdout(&o);
    let code = out.lines().find_map(|l| l.strip_prefix("code: ")).unwrap().to_string();
    let without: String =
        out.lines().filter(|l| !l.starts_with("code: ")).map(|l| format!("{l}\n")).collect();
    assert_eq!(without, expected);
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().to_str().unwrap();
    let d = run(&["decode", &code, "--data", data], "");
    assert_eq!(d.status.code(), Some(0));
    assert!(stdout(&d).contains("→ No, I paid but nothing printed"), "{}", stdout(&d));
    assert!(stdout(&d).contains("Riverside Branch"));
}

#[test]
fn walk_reads_choices_from_stdin_and_explains_bad_ones() {
    // 7 and "hello" are refused; 1 shows how to log in, Enter passes two
    // steps, 1 says it worked.
    let o = run(&["walk", "login", "--lang", "es"], "7\nhello\n1\n\n\n1\n");
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("choice 7 does not exist; choose 1 to 5"), "{out}");
    assert!(out.contains("(type a number from 1 to 5)"), "{out}");
    assert!(out.contains("> 1. Muéstreme cómo iniciar sesión"), "{out}");
    assert!(out.contains("[solved]"), "{out}");
}

#[test]
fn walk_bad_answers_exit_1_and_bad_flow_exits_2() {
    assert_eq!(run(&["walk", "login", "--answers", "1"], "").status.code(), Some(1));
    assert_eq!(run(&["walk", "login", "--answers", "9"], "").status.code(), Some(1));
    let o = run(&["walk", "nope"], "");
    assert_eq!(o.status.code(), Some(2));
    // "error:" lines go to stderr in every command, never into the output.
    assert!(stderr(&o).contains("error: there is no flow `nope`"), "{}", stderr(&o));
    assert!(!stdout(&o).contains("error"), "{}", stdout(&o));
    let o = run(&["walk", "login", "--answers", "9"], "");
    assert!(stderr(&o).starts_with("error: "), "{}", stderr(&o));
}

#[test]
fn hash_pin_prints_a_config_line_that_verifies() {
    let o = run(&["hash-pin"], "482913\n");
    assert_eq!(o.status.code(), Some(0));
    let line = stdout(&o);
    let hash = line.trim().trim_start_matches("staff_pin_hash: \"").trim_end_matches("\",");
    assert!(kiosk_triage::config::verify_pin("482913", hash));
    assert!(!line.contains("482913"));
    assert_eq!(run(&["hash-pin"], "12\n").status.code(), Some(2));
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_tree(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

#[test]
fn test_replays_scenarios_and_reports_what_differed() {
    let o = run(&["test"], "");
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains(" passed, 0 failed\n"));

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("flows");
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("flows"), &dir);
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("assets"), &tmp.path().join("assets"));
    std::fs::write(
        dir.join("tests/zz.ron"),
        "[Scenario(name: \"wrong ending\", flow: \"wifi\", branch: \"central\", lang: \"en\", choices: [], ending: \"nope\"),\n\
         Scenario(name: \"wrong urgency\", flow: \"copying\", branch: \"central\", lang: \"en\",\n\
           choices: [\"The copier shows a message or is jammed\"], ending: \"jam\", urgent: false)]",
    )
    .unwrap();
    std::fs::write(
        dir.join("tests/zz_broken.ron"),
        "[Scenario(name: \"x\", flow: \"wifi\", brnch: \"central\")]",
    )
    .unwrap();
    let o = run(&["test", "--flows", dir.to_str().unwrap(), "--walk"], "");
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("FAIL  wrong ending (wifi, central, en)"), "{out}");
    assert!(out.contains("zz.ron:1:"), "{out}");
    assert!(
        out.contains(&format!(
            "FAIL  wrong urgency (copying, central, en)\n      --> {}:2:16\n      ended at `jam` in `copying`; \
             the handoff is urgent (the ending is urgent), expected not urgent\n",
            dir.join("tests/zz.ron").display()
        )),
        "{out}"
    );
    assert!(out.contains("error[unknown-field]: unknown field `brnch` in `Scenario`"), "{out}");
    assert!(out.contains(" passed, 3 failed\n"), "{out}");
    assert!(out.contains("nodes (100%)"), "{out}");
}

#[test]
fn check_reads_kiosk_ron_against_the_flows() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("kiosk.ron");
    std::fs::write(&config, "(branch: \"centrall\", languages: [\"en\", \"fr\"])").unwrap();
    let o = run(&["check", "--config", config.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("error[unknown-branch]: `branch` names `centrall`, which the flows do not have"),
        "{out}"
    );
    assert!(out.contains("did you mean `central`?"), "{out}");
    assert!(out.contains("`languages` names `fr`"), "{out}");
    std::fs::write(&config, "(branch: \"riverside\", idle_warning_secnds: 30)").unwrap();
    let o = run(&["check", "--config", config.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("did you mean `idle_warning_seconds`?"));
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kiosk-triage"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn every_command_refuses_a_flows_folder_that_does_not_exist() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("flowz");
    let missing = missing.to_str().unwrap();
    for args in [
        vec!["check", "--flows", missing],
        vec!["test", "--flows", missing],
        vec!["walk", "login", "--answers", "1,1", "--flows", missing],
        vec!["codes", "--flows", missing],
        vec!["graph", "login", "--format", "dot", "--flows", missing],
        vec!["decode", "00", "--flows", missing],
    ] {
        let o = run(&args, "");
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stdout(&o));
        assert!(
            stderr(&o).contains(&format!("the flows folder `{missing}` given with `--flows` does not exist")),
            "{args:?}: {}",
            stderr(&o)
        );
        assert!(stdout(&o).is_empty(), "{args:?}: {}", stdout(&o));
    }
}

#[test]
fn without_a_flows_folder_the_built_in_flows_are_used() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run_in(tmp.path(), &["walk", "login", "--answers", "3,3"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stderr(&o).contains("using the built-in default flows"), "{}", stderr(&o));
    let o = run_in(tmp.path(), &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).starts_with("note: no flows folder at `flows`"), "{}", stdout(&o));
}

#[test]
fn check_json_reports_io_problems_as_json() {
    let tmp = tempfile::tempdir().unwrap();
    let not_a_dir = tmp.path().join("file.ron");
    std::fs::write(&not_a_dir, "x").unwrap();
    for flows in [not_a_dir.clone(), tmp.path().join("missing")] {
        let o = run(&["check", "--flows", flows.to_str().unwrap(), "--format", "json"], "");
        assert_eq!(o.status.code(), Some(2));
        let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert!(json["error"].as_str().unwrap().contains(flows.to_str().unwrap()), "{json}");
    }
}

/// A code the default flows give at Central, in English, after asking for
/// staff at once in the Wi-Fi flow.
fn a_default_code() -> String {
    use kiosk_triage::session::Session;
    let set = std::sync::Arc::new(kiosk_triage::flow::load::load_builtin(None).report.set.unwrap());
    let mut s = Session::start(set, "central", "en", "wifi", std::time::Duration::ZERO).unwrap();
    s.ask_staff(std::time::Duration::from_secs(30));
    kiosk_triage::handoff::code_for_session(&s, false, std::time::Duration::from_secs(30)).unwrap()
}

#[test]
fn decode_never_creates_a_data_folder_by_itself() {
    let code = a_default_code();
    let tmp = tempfile::tempdir().unwrap();
    // Run anywhere: decodes, writes nothing.
    let o = run_in(tmp.path(), &["decode", &code]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(std::fs::read_dir(tmp.path()).unwrap().next().is_none(), "decode wrote into an empty folder");
    // A data folder that exists is used: the flows are archived there.
    std::fs::create_dir(tmp.path().join("data")).unwrap();
    assert_eq!(run_in(tmp.path(), &["decode", &code]).status.code(), Some(0));
    assert!(tmp.path().join("data/flowsets/index.txt").is_file());
    // A folder asked for is created.
    let asked = tmp.path().join("elsewhere");
    assert_eq!(
        run_in(tmp.path(), &["decode", &code, "--data", asked.to_str().unwrap()]).status.code(),
        Some(0)
    );
    assert!(asked.join("flowsets/index.txt").is_file());
}

#[test]
fn decode_accepts_a_code_starting_with_a_hyphen() {
    let code = a_default_code();
    let o = run(&["decode", &format!("-{}", code)], "");
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("Code "), "{}", stdout(&o));
}

/// A flow set whose handoff codes can pass 12 characters is refused by the
/// kiosk and by `check`; every other command that needs clean flows refuses
/// it the same way (exit 2, the `code-too-long` error on stderr), rather
/// than drawing, walking or listing flows no kiosk would run.
#[test]
fn commands_refuse_flows_whose_codes_are_too_long() {
    let tmp = tempfile::tempdir().unwrap();
    let flows = tmp.path().join("flows");
    for (name, text) in kiosk_triage::flow::synth::goto_chain(40) {
        let path = flows.join(&name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let dir = flows.to_str().unwrap();
    let o = run(&["check", "--flows", dir], "");
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("error[code-too-long]"), "{}", stdout(&o));
    for args in [
        &["graph", "g0", "--format", "dot", "--flows", dir][..],
        &["walk", "g0", "--answers", "2", "--flows", dir],
        &["codes", "--flows", dir],
        &["test", "--flows", dir],
    ] {
        let o = run(args, "");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}{err}", stdout(&o));
        assert!(err.contains("error[code-too-long]"), "{args:?}: {err}");
    }
}

/// A write that fails is an error once, in `main`: a full disk (here
/// `/dev/full`) is said on stderr and exits 2, where the output used to be
/// dropped with exit 0; a reader that stops early (`| head`) ends the command
/// quietly.
#[cfg(target_os = "linux")]
#[test]
fn write_errors_are_said_once_and_a_closed_pipe_is_quiet() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_kiosk-triage"))
        .args(["codes"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("error: cannot write the output"), "{err}");

    let mut child = Command::new(env!("CARGO_BIN_EXE_kiosk-triage"))
        .args(["codes"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&o.stderr), "");
}

#[test]
fn walk_and_decode_show_an_endings_labels_for_the_desk_statistics() {
    let o = run(&["walk", "printing", "--answers", "2,1,3"], "");
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.ends_with("statistics: Printing, READ 2\n"), "{out}");
    let code = out.lines().find_map(|l| l.strip_prefix("code: ")).unwrap().to_string();
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let o = run(&["decode", &code, "--data", data.to_str().unwrap()], "");
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("For the statistics: Printing, READ 2"), "{out}");
}

#[test]
fn kiosk_options_before_a_command_are_an_error_not_ignored() {
    for args in [
        &["--flows", "/nowhere", "check"][..],
        &["--branch", "riverside", "walk", "printing", "--answers", "1"][..],
        &["--config", "other.ron", "codes"][..],
    ] {
        let o = run(args, "");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(err.contains("put it after the command"), "{args:?}: {err}");
    }
    // After the command they work as always.
    assert_eq!(run(&["check", "--branch", "riverside"], "").status.code(), Some(0));
}

#[test]
fn paths_says_which_files_a_kiosk_here_uses_and_why() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("flows")).unwrap();
    std::fs::write(tmp.path().join("kiosk.ron"), "(data: \"/nonexistent/kiosk-data\")").unwrap();
    let o = run_in(tmp.path(), &["paths"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("layout: the current folder"), "{out}");
    assert!(out.contains("\nconfig  kiosk.ron  (default)\n"), "{out}");
    assert!(out.contains("\nflows   flows  (default)\n"), "{out}");
    assert!(
        out.contains(
            "\ndata    /nonexistent/kiosk-data  (from kiosk.ron, not there: created when first needed)\n"
        ),
        "{out}"
    );
    let o = run_in(tmp.path(), &["paths", "--flows", "elsewhere/flows"]);
    let out = stdout(&o);
    assert!(
        out.contains("\nflows   elsewhere/flows  (from --flows, not there: the last good flows"),
        "{out}"
    );
    assert!(out.contains("\nassets  elsewhere/assets  (beside --flows, not there)\n"), "{out}");
}

#[test]
fn commands_use_the_flows_folder_kiosk_ron_names() {
    // The one resolution order: `check` and `walk` run on what a kiosk here
    // would run on, not only on `./flows`.
    let tmp = tempfile::tempdir().unwrap();
    common::library_copy(&tmp.path().join("library"));
    std::fs::write(tmp.path().join("kiosk.ron"), "(flows: \"library/flows\", assets: \"library/assets\")")
        .unwrap();
    let o = run_in(tmp.path(), &["walk", "wifi"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains(common::OURS), "{}", stdout(&o));
    assert!(!stderr(&o).contains("built-in"), "{}", stderr(&o));
}

#[test]
fn install_defaults_fills_what_is_missing_and_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    let defaults = tmp.path().join("defaults");
    common::library_copy(&defaults);
    std::fs::write(defaults.join("kiosk.ron"), "()\n").unwrap();
    let kiosk = tmp.path().join("ProgramData").join("KioskTriage");
    std::fs::create_dir_all(&kiosk).unwrap();
    // The library's own settings (its PIN) are there already.
    std::fs::write(kiosk.join("kiosk.ron"), "(branch: \"riverside\")\n").unwrap();
    let (from, to) = (defaults.to_str().unwrap(), kiosk.to_str().unwrap());
    let o = run_in(tmp.path(), &["install-defaults", "--from", from, "--to", to]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(kiosk.join("kiosk.ron")).unwrap(), "(branch: \"riverside\")\n");
    assert!(kiosk.join("flows").join("flowset.ron").is_file());
    assert!(kiosk.join("assets").join("icons").join("staff.png").is_file());
    // Again, after the library changed a flow: nothing is replaced.
    std::fs::write(kiosk.join("flows").join("wifi.ron"), "changed").unwrap();
    let o = run_in(tmp.path(), &["install-defaults", "--from", from, "--to", to]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(kiosk.join("flows").join("wifi.ron")).unwrap(), "changed");
    assert!(stdout(&o).contains("kept"), "{}", stdout(&o));
    let left: Vec<_> = std::fs::read_dir(&kiosk).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left.len(), 3, "no partial copies left: {left:?}");
}

/// `preview` without a display: the screens and themes asked for are read
/// (the names are the core's, worded by the command line) and the command
/// says how to run it under Xvfb, exit 2; a screen it does not know is a
/// usage error that lists the ones it does.
#[cfg(feature = "gui")]
#[test]
fn preview_reads_its_screens_and_needs_a_display() {
    let preview = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_kiosk-triage"))
            .arg("preview")
            .args(args)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap()
    };
    let o = preview(&["--screen", "languages,home", "--theme", "contrast", "--size", "1024x768"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("needs a display") && err.contains("xvfb-run"), "{err}");
    let o = preview(&["--screen", "lobby"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("home, step, question, solved, handoff, idle, languages"), "{err}");
    assert!(!err.contains("display"), "{err}");
}
