//! Handoff codes: exact round trips, every typo caught, old versions decoded
//! through the archive, short enough to read aloud, nothing personal kept.

#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use kiosk_triage::flow::FlowSet;
use kiosk_triage::flow::check::Sources;
use kiosk_triage::flow::load::{builtin_sources, load_builtin, parse};
use kiosk_triage::flow::synth::{Shape, common_files, flow_text};
use kiosk_triage::handoff::archive::Archive;
use kiosk_triage::handoff::base32::{ALPHABET, group};
use kiosk_triage::handoff::codec::{Reached, contents_of, pack, unpack};
use kiosk_triage::handoff::summary::{DecodeError, decode, render};
use kiosk_triage::handoff::{MAX_CODE_LEN, code_for_session, flow_lengths};
use kiosk_triage::session::Session;
use proptest::prelude::*;
use std::sync::Arc;
use std::time::Duration;

fn defaults() -> Arc<FlowSet> {
    Arc::new(load_builtin(None).report.set.unwrap())
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

/// The codes of every handoff a patron can reach in the default flows.
fn sample_codes(set: &Arc<FlowSet>) -> Vec<String> {
    let mut codes = Vec::new();
    for branch in &set.branches {
        for (_, flow) in set.visible_flows(branch) {
            // A patron who asks for staff straight away, and one who takes
            // the first answer until the flow ends.
            let mut s = Session::start(set.clone(), &branch.id, "es", &flow.id, secs(0)).unwrap();
            s.ask_staff(secs(200));
            codes.push(code_for_session(&s, false, secs(200)).unwrap());
            let mut s = Session::start(set.clone(), &branch.id, "en", &flow.id, secs(0)).unwrap();
            for t in 1..40 {
                if s.outcome().is_some() {
                    break;
                }
                if s.next(secs(t)).is_err() {
                    let _ = s.choose(2, secs(t)).or_else(|_| s.choose(1, secs(t)));
                }
            }
            // A walk that loops asks for staff in the end.
            s.ask_staff(secs(700));
            codes.push(code_for_session(&s, false, secs(700)).unwrap());
        }
    }
    codes
}

#[test]
fn every_single_wrong_character_and_neighbour_swap_is_caught() {
    let set = defaults();
    let codes = sample_codes(&set);
    assert!(codes.len() >= 30);
    let sets = [set];
    for code in &codes {
        assert!(decode(code, &sets).is_ok(), "{code}");
        let chars: Vec<u8> = code.bytes().collect();
        for i in 0..chars.len() {
            for &sym in ALPHABET {
                if sym != chars[i] {
                    let mut bad = chars.clone();
                    bad[i] = sym;
                    let bad = String::from_utf8(bad).unwrap();
                    assert!(decode(&bad, &sets).is_err(), "{code} -> {bad} was accepted");
                }
            }
            if i + 1 < chars.len() && chars[i] != chars[i + 1] {
                let mut bad = chars.clone();
                bad.swap(i, i + 1);
                let bad = String::from_utf8(bad).unwrap();
                assert_eq!(
                    decode(&bad, &sets).unwrap_err().to_string(),
                    "a character is wrong, missing or extra, or two are swapped; please check the code"
                );
            }
        }
    }
}

#[test]
fn codes_are_short_enough_to_read_aloud() {
    let set = defaults();
    let mut all = Vec::new();
    for (bi, branch) in set.branches.iter().enumerate() {
        for (fi, _) in set.visible_flows(branch) {
            let l = flow_lengths(&set, fi, bi, 100_000);
            assert!(!l.cut);
            assert!(l.longest <= MAX_CODE_LEN, "flow {fi} at {}: {} characters", branch.id, l.longest);
            all.extend(l.handoff);
        }
    }
    all.sort_unstable();
    let p95 = all[(all.len() * 95).div_ceil(100) - 1];
    assert!(p95 <= 9, "95% of handoff codes within {p95} characters");
}

#[test]
fn a_decoded_code_reads_as_the_desk_checklist() {
    let set = defaults();
    let mut s = Session::start(set.clone(), "riverside", "es", "printing", secs(0)).unwrap();
    // Riverside has no phone printing, so the jammed printer is answer 4.
    s.choose(4, secs(65)).unwrap();
    let code = code_for_session(&s, false, secs(65)).unwrap();
    let summary = decode(&code.to_lowercase(), &[set]).unwrap();
    let text = render(&summary);
    let expected = format!(
        "Code {}: Print something
  Riverside Branch · Español · 1-2 min · the flow sent them to staff

What they already did:
   1. What do you need help with?
      → The printer is jammed or broken

Where it ended: Staff will fix the printer. Please do not open it yourself. If you paid for pages that did not print, staff can print them again.
URGENT: something is broken or the patron is losing money or time now.
Staff note: Paper jam or printer error. Ask: which printer, job name, pages paid for but not printed. Clear the jam; reprint the lost pages free.
Policy (FLEXIBLE, you may make a one-time exception; say that it is one): Reprint free of charge the pages lost to a machine error.
",
        group(&code)
    );
    assert_eq!(text, expected);
}

#[test]
fn asking_for_staff_midway_and_from_home_decode_too() {
    let set = defaults();
    let mut s = Session::start(set.clone(), "central", "en", "login", secs(0)).unwrap();
    s.choose(2, secs(1)).unwrap();
    s.ask_staff(secs(700));
    let code = code_for_session(&s, true, secs(700)).unwrap();
    let summary = decode(&code, std::slice::from_ref(&set)).unwrap();
    assert_eq!(summary.reached, "the kiosk offered staff help and they took it");
    assert_eq!(summary.time, "10-15 min");
    assert_eq!(summary.steps.len(), 2);
    assert!(summary.ending.note.contains("asked for a person"));

    let home = Session::staff_only(set.clone(), "central", "es", secs(0)).unwrap();
    let code = code_for_session(&home, false, secs(3)).unwrap();
    let summary = decode(&code, &[set]).unwrap();
    assert_eq!(summary.flow, None);
    assert_eq!(summary.language, "Español");
    assert!(summary.steps.is_empty());
}

#[test]
fn old_codes_decode_through_the_archive_after_an_edit() {
    let data = tempfile::tempdir().unwrap();
    let archive = Archive::new(data.path());
    let before = builtin_sources();
    let old = kiosk_triage::flow::check(
        &before,
        &kiosk_triage::flow::Options { branch: None, asset_exists: &|_| true },
    )
    .set
    .unwrap();
    let old = Arc::new(old);
    archive.save(&before, old.fingerprint).unwrap();

    let mut s = Session::start(old.clone(), "central", "en", "wifi", secs(0)).unwrap();
    s.ask_staff(secs(30));
    let code = code_for_session(&s, false, secs(30)).unwrap();

    // IT edits a flow: a new version with a different fingerprint.
    let mut after: Sources = builtin_sources();
    let wifi = after.flows.iter_mut().find(|f| f.name.ends_with("wifi.ron")).unwrap();
    wifi.text = wifi.text.replacen("Wi-Fi", "WiFi", 1);
    let new = kiosk_triage::flow::check(
        &after,
        &kiosk_triage::flow::Options { branch: None, asset_exists: &|_| true },
    )
    .set
    .unwrap();
    assert_ne!(new.fingerprint, old.fingerprint);
    let new = Arc::new(new);

    // Without the archive the desk cannot read it, and says why.
    let err = decode(&code, std::slice::from_ref(&new)).unwrap_err();
    assert!(matches!(err, DecodeError::UnknownVersion(_)), "{err:?}");
    assert!(err.to_string().contains("never seen"));
    // With it, it decodes against the flows it was made with.
    let mut sets = vec![new];
    sets.extend(archive.load_all().into_iter().map(Arc::new));
    let summary = decode(&code, &sets).unwrap();
    assert_eq!(summary.version, format!("{:016x}", old.fingerprint));
}

#[test]
fn the_archive_holds_flow_files_and_nothing_else() {
    let data = tempfile::tempdir().unwrap();
    let sources = builtin_sources();
    let set = kiosk_triage::flow::check(
        &sources,
        &kiosk_triage::flow::Options { branch: None, asset_exists: &|_| true },
    )
    .set
    .unwrap();
    Archive::new(data.path()).save(&sources, set.fingerprint).unwrap();
    let files: Vec<_> = walk(data.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    // Every byte of it is a flow file's text (escaped) or the record around
    // them: strip the texts and only names and punctuation are left.
    let mut rest = text.clone();
    for f in sources.flowset.iter().chain(&sources.flows).chain(&sources.branches).chain(&sources.words) {
        let escaped = ron::to_string(&f.text).unwrap();
        assert!(rest.contains(&escaped), "{} is not kept verbatim", f.name);
        rest = rest.replacen(&escaped, "", 1);
    }
    assert!(rest.len() < 1_000, "the archive holds more than the flow files: {rest}");
    assert!(rest.chars().all(|c| c.is_ascii_alphanumeric() || "(){}[],:.\"_ \n-".contains(c)), "{rest}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![
        (0usize..30).prop_map(Shape::Step),
        prop::collection::vec((0usize..30, any::<bool>()), 1..=6).prop_map(Shape::Question),
        Just(Shape::Solved),
        Just(Shape::Handoff),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_paths_on_random_flows_round_trip_exactly(
        shapes in prop::collection::vec(shape(), 1..30),
        picks in prop::collection::vec(0usize..7, 0..40),
        small in any::<bool>(),
        es in any::<bool>(),
        ask_at in prop::option::of(0usize..40),
        minutes in 0u64..50,
        offered in any::<bool>(),
    ) {
        let mut files = common_files();
        files.push(("f.ron".to_string(), flow_text("f", &shapes)));
        let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
        let report = parse(&refs, &|_| true, None);
        prop_assume!(report.set.is_some());
        let set = Arc::new(report.set.unwrap());
        let branch = if small { "small" } else { "big" };
        let mut s = Session::start(set.clone(), branch, if es { "es" } else { "en" }, "f", secs(0)).unwrap();
        for (t, pick) in picks.iter().enumerate() {
            if s.outcome().is_some() { break; }
            if ask_at == Some(t) { s.ask_staff(secs(t as u64)); break; }
            if s.next(secs(t as u64)).is_err() {
                let _ = s.choose(pick + 1, secs(t as u64));
            }
        }
        if s.outcome().is_none() { s.ask_staff(secs(40)); }
        let now = secs(minutes * 60);
        let contents = contents_of(&s, offered, now).unwrap();
        let value = pack(&set, &contents).unwrap();
        let back = unpack(&set, value).unwrap();
        prop_assert_eq!(&back, &contents);
        let expected = if s.outcome() == Some(&kiosk_triage::session::Outcome::AskedStaff) {
            if offered { Reached::Offered } else { Reached::Asked }
        } else {
            Reached::FlowEnded
        };
        prop_assert_eq!(back.reached, expected);
        // And through the characters.
        let code = code_for_session(&s, offered, now).unwrap();
        prop_assert!(decode(&code, &[set]).is_ok());
    }

    #[test]
    fn garbage_never_panics(input in ".{0,40}") {
        let _ = decode(&input, &[defaults()]);
    }
}

/// Every code of the default flows: each handoff path (through gotos) at
/// each branch, in each language, with the flows' version tag and `time`.
fn every_default_code(set: &FlowSet, time: usize) -> Vec<String> {
    use kiosk_triage::handoff::codec::{Contents, tag_of};
    use kiosk_triage::paths::{End, walk_through_gotos};
    let mut codes = Vec::new();
    for (bi, branch) in set.branches.iter().enumerate() {
        for (fi, _) in set.visible_flows(branch) {
            let (_, cut) = walk_through_gotos(set, fi, branch, 100_000, &mut |path, end| {
                if end != End::Handoff {
                    return;
                }
                for lang in 0..set.languages.len() {
                    let contents = Contents {
                        tag: tag_of(set),
                        branch: bi,
                        lang,
                        time,
                        reached: Reached::FlowEnded,
                        looped: false,
                        flow: Some(fi),
                        path: path.to_vec(),
                    };
                    codes.push(kiosk_triage::handoff::base32::encode(pack(set, &contents).unwrap()));
                }
            });
            assert!(!cut);
        }
    }
    codes
}

/// Single deletions and insertions of every default code, and how many
/// still decode (to anything): the figures in docs/handoff-code.md.
#[test]
fn a_dropped_or_added_character_almost_never_decodes() {
    let set = defaults();
    let sets = [set.clone()];
    // The "2-5 min" bucket; the doc also gives "under 1 min" and "30+ min".
    let codes = every_default_code(&set, 2);
    assert!(codes.len() > 2_000, "{} codes", codes.len());
    let (mut deletions, mut deleted_ok, mut deleted_check) = (0usize, 0usize, 0usize);
    let (mut insertions, mut inserted_ok, mut inserted_check) = (0usize, 0usize, 0usize);
    for code in &codes {
        assert!(decode(code, &sets).is_ok(), "{code}");
        let chars: Vec<u8> = code.bytes().collect();
        for i in 0..chars.len() {
            let mut bad = chars.clone();
            bad.remove(i);
            let bad = String::from_utf8(bad).unwrap();
            deletions += 1;
            deleted_check += usize::from(kiosk_triage::handoff::base32::decode(&bad).is_ok());
            deleted_ok += usize::from(decode(&bad, &sets).is_ok());
        }
        for i in 0..=chars.len() {
            for &sym in ALPHABET {
                let mut bad = chars.clone();
                bad.insert(i, sym);
                let bad = String::from_utf8(bad).unwrap();
                insertions += 1;
                inserted_check += usize::from(kiosk_triage::handoff::base32::decode(&bad).is_ok());
                inserted_ok += usize::from(decode(&bad, &sets).is_ok());
            }
        }
    }
    let pct = |n: usize, of: usize| 100.0 * n as f64 / of as f64;
    println!(
        "{} codes; {deleted_ok} of {deletions} single deletions decode ({:.3}%; {deleted_check} pass the check), \
         {inserted_ok} of {insertions} single insertions decode ({:.4}%; {inserted_check} pass the check)",
        codes.len(),
        pct(deleted_ok, deletions),
        pct(inserted_ok, insertions),
    );
    // One check character lets about 1 in 32 through (for each place a
    // character is added exactly one symbol fits); being a path with the
    // right version tag stops most of the rest. Measured: 29 of 19,588
    // deletions (0.15%) and 54 of 709,824 insertions (0.008%). Before the
    // leading-zero rule and the loop check: 56 (0.29%) and 2,657 (0.37%,
    // every code with a `0` typed in front).
    assert!(deleted_check * 32 <= deletions * 11 / 10, "{deleted_check} of {deletions} pass the check");
    assert!(inserted_check * 32 <= insertions, "{inserted_check} of {insertions} pass the check");
    // The bounds leave room for another version tag (the "under 1 min" and
    // "30+ min" buckets give 33 and 34 deletions, 25 and 64 insertions).
    assert!(deleted_ok * 1000 <= deletions * 2, "{deleted_ok} of {deletions} deletions decode (over 0.2%)");
    assert!(
        inserted_ok * 10_000 <= insertions,
        "{inserted_ok} of {insertions} insertions decode (over 0.01%)"
    );
}

#[test]
fn a_code_that_left_out_loop_repeats_decodes_only_for_a_path_on_a_loop() {
    // n0 leads to a loop n1 <-> n2, or straight to endings.
    let q = |to: &[usize]| Shape::Question(to.iter().map(|&t| (t, false)).collect());
    let shapes = [q(&[1, 3, 4]), q(&[2, 5]), q(&[1, 5]), Shape::Solved, Shape::Handoff, Shape::Handoff];
    let mut files = common_files();
    files.push(("f.ron".to_string(), flow_text("f", &shapes)));
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let set = Arc::new(parse(&refs, &|_| true, None).set.unwrap());

    // Round the loop until the code would be too long: the repeats are left
    // out, and the code says so.
    let mut s = Session::start(set.clone(), "big", "en", "f", secs(0)).unwrap();
    s.choose(1, secs(1)).unwrap();
    for t in 0..40 {
        s.choose(1, secs(2 + t)).unwrap();
    }
    s.choose(2, secs(50)).unwrap();
    let code = code_for_session(&s, false, secs(50)).unwrap();
    assert!(code.len() <= MAX_CODE_LEN, "{code}");
    let summary = decode(&code, std::slice::from_ref(&set)).unwrap();
    assert!(summary.looped);

    // The same flag on a path that never touches the loop was never made:
    // it is refused, not shown as a path with repeats left out.
    let mut s = Session::start(set.clone(), "big", "en", "f", secs(0)).unwrap();
    s.choose(3, secs(1)).unwrap();
    let mut contents = contents_of(&s, false, secs(1)).unwrap();
    assert!(unpack(&set, pack(&set, &contents).unwrap()).is_ok());
    contents.looped = true;
    let value = pack(&set, &contents).unwrap();
    assert_eq!(unpack(&set, value), Err(kiosk_triage::handoff::codec::Mismatch::NotAPath));
}
