//! Handoff codes: exact round trips, every typo caught, old versions decoded
//! through the archive, short enough to read aloud, nothing personal kept.

#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use crate::common;
use kiosk_triage::flow::FlowSet;
use kiosk_triage::flow::Sources;
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
    static SET: std::sync::OnceLock<Arc<FlowSet>> = std::sync::OnceLock::new();
    SET.get_or_init(|| Arc::new(load_builtin(None).report.set.unwrap())).clone()
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
    // Riverside has no phone printing, but the choice shows all the same
    // (it leads to the alternative), so the jammed printer is answer 5.
    s.choose(5, secs(65)).unwrap();
    let code = code_for_session(&s, false, secs(65)).unwrap();
    let summary = decode(&code.to_lowercase(), &[set]).unwrap();
    let text = render(&summary);
    let expected = format!(
        "Code {}: Print something
  Riverside Branch · Español · 1-2 min · the flow sent them to staff

URGENT: something is broken or the patron is losing money or time now.

What they already did:
   1. To print from a library computer, log in to it first. What do you need help with?
      → The printer is jammed or broken

Where it ended: Staff will fix the printer. Please do not open it yourself. If you paid for pages that did not print, staff can print them again.
Staff note: Paper jam or printer error. Ask: the job name and the pages paid for but not printed (the kiosk cannot know them). Clear the jam; reprint the lost pages free.
Policy (FLEXIBLE, you may make a one-time exception; say that it is one): Reprint free of charge the pages lost to a machine error.
For the statistics: Printing, READ 2
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
    let (index, files): (Vec<_>, Vec<_>) =
        walk(data.path()).into_iter().partition(|p| p.file_name().is_some_and(|n| n == "index.txt"));
    assert_eq!(files.len(), 1, "{files:?}");
    // The index lists versions by fingerprint, and nothing else.
    let index = std::fs::read_to_string(&index[0]).unwrap();
    assert_eq!(
        index.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>(),
        [format!("{:016x}", set.fingerprint)]
    );
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
        // Choices with an alternative where the branch lacks their flag.
        prop::collection::vec((0usize..30, prop::option::of(0usize..30)), 1..=6).prop_map(Shape::Alt),
        // A goto that lands on a node, here within the flow itself.
        (0usize..30).prop_map(|k| Shape::Land("f".into(), k)),
    ]
}

/// Random paths on random valid flows pack, unpack and decode to the same
/// contents. A third of the flows `needs` the `colour_printing` flag with an
/// `else_to` (the home tile alternative): at `small`, which lacks it, the
/// path starts at that node, and the test counts those runs.
#[test]
fn random_paths_on_random_flows_round_trip_exactly() {
    let strategy = (
        (
            prop::collection::vec(shape(), 1..30),
            prop_oneof![2 => Just(None), 1 => (0usize..30).prop_map(Some)],
        ),
        prop::collection::vec(0usize..7, 0..40),
        (any::<bool>(), any::<bool>()),
        prop::option::of(0usize..40),
        0u64..50,
        any::<bool>(),
    );
    common::run_counting(
        &strategy,
        "round trips",
        |((shapes, alt), picks, (small, es), ask_at, minutes, offered), count| {
            let set = common::synth_set(&shapes, alt);
            prop_assume!(set.is_some());
            let set = set.unwrap();
            let branch = if small { "small" } else { "big" };
            if set.branch(branch).unwrap().alternative.contains(&0) {
                count();
            }
            let mut s =
                Session::start(set.clone(), branch, if es { "es" } else { "en" }, "f", secs(0)).unwrap();
            for (t, pick) in picks.iter().enumerate() {
                if s.outcome().is_some() {
                    break;
                }
                if ask_at == Some(t) {
                    s.ask_staff(secs(t as u64));
                    break;
                }
                if s.next(secs(t as u64)).is_err() {
                    let _ = s.choose(pick + 1, secs(t as u64));
                }
            }
            if s.outcome().is_none() {
                s.ask_staff(secs(40));
            }
            let now = secs(minutes * 60);
            let contents = contents_of(&s, offered, now).unwrap();
            let value = pack(&set, &contents).unwrap();
            let back = unpack(&set, value).unwrap();
            prop_assert_eq!(&back, &contents);
            // The path starts where the tile starts at this branch.
            let start = set.start_at(0, set.branch(branch).unwrap());
            prop_assert_eq!(back.path.first().map(|v| (v.flow, v.node)), Some((0, start)));
            let expected = if s.outcome() == Some(&kiosk_triage::session::Outcome::AskedStaff) {
                if offered { Reached::Offered } else { Reached::Asked }
            } else {
                Reached::FlowEnded
            };
            prop_assert_eq!(back.reached, expected);
            // And through the characters.
            let code = code_for_session(&s, offered, now).unwrap();
            prop_assert!(decode(&code, std::slice::from_ref(&set)).is_ok());
            // Every handoff path the walk finds at each branch (the path walk
            // starts where the tile starts there) packs and unpacks to itself.
            for (bi, b) in set.branches.iter().enumerate() {
                let mut bad = None;
                kiosk_triage::paths::walk_through_gotos(&set, 0, b, 200, &mut |path, end| {
                    if end != kiosk_triage::paths::End::Handoff || bad.is_some() {
                        return;
                    }
                    let c = kiosk_triage::handoff::codec::Contents {
                        branch: bi,
                        reached: Reached::FlowEnded,
                        looped: false,
                        path: path.to_vec(),
                        ..contents.clone()
                    };
                    if path.first().map(|v| (v.flow, v.node)) != Some((0, set.start_at(0, b)))
                        || pack(&set, &c).and_then(|v| unpack(&set, v).ok()).as_ref() != Some(&c)
                    {
                        bad = Some(c);
                    }
                });
                prop_assert!(bad.is_none(), "{:?} does not round-trip at {}", bad, b.id);
            }
            Ok(())
        },
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn garbage_never_panics(input in ".{0,40}") {
        let _ = decode(&input, &[defaults()]);
    }

    /// Random text almost never passes the alphabet and the check character,
    /// so `garbage_never_panics` barely reaches the unpacking. These codes
    /// all pass both (written by the encoder) and carry the default flows'
    /// version tag, so every one is unpacked: branch, language, time, flow
    /// and a path of random answers.
    #[test]
    fn valid_check_codes_never_panic(rest in any::<u64>(), wide in 0u128..(1u128 << 120)) {
        use kiosk_triage::handoff::base32::encode;
        use kiosk_triage::handoff::codec::tag_of;
        let set = defaults();
        let tag = u128::from(tag_of(&set));
        for value in [u128::from(rest) * 256 + tag, wide / 256 * 256 + tag] {
            let got = decode(&encode(value), std::slice::from_ref(&set));
            prop_assert!(
                matches!(got, Ok(_) | Err(DecodeError::NotAPath)),
                "{value}: {got:?} did not reach the unpacking"
            );
        }
        // And any value at all, tag or not.
        let _ = decode(&encode(wide), &[set]);
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
    // With 10 default flows (issue 13: copying, time, access, and choices
    // that tell staff what the patron answered) the paths fill more of the
    // code space, and the figure moves with the version tag (any edit):
    // 71 of 27,972 deletions (0.25%), then 61 (0.22%) after two edits, and
    // 80 of 47,028 (0.17%) with 5,974 codes as committed; insertions stay
    // near 0.006%. The bound was 0.2% for the 7 flows, then 0.3%.
    // With the facts, urgent answers and alternatives of issue 13 (gotos
    // into printing now land on `pc_open`, so there are fewer and shorter
    // paths: 3,642 codes, 26,662 deletions) the figure was measured over 32
    // version tags (`deletions_over_version_tags`, every eighth tag): 24 tags
    // give 59 (0.221%), 4 give 67 (0.251%), and 4 give 77 to 85 (0.289% to
    // 0.319%); the tag as committed gave 83 (0.311%). The bound is 0.35%
    // so that an ordinary text edit (a new tag) cannot fail it; the worst
    // tag is still under 1 in 300.
    assert!(
        deleted_ok * 10_000 <= deletions * 35,
        "{deleted_ok} of {deletions} deletions decode (over 0.35%)"
    );
    // With five languages (issue 16) every path has five valid codes where
    // it had two, so more of the longer numbers an added character makes
    // are real summaries: 293 of 2,493,120 insertions (0.0118%, 9,105
    // codes), 218 of 68,805 deletions (0.317%). The insertion bound was
    // 0.01% with two languages; it is 0.015%, still 1 in 6,600 and 270
    // times below what the check character alone lets through.
    assert!(
        inserted_ok * 100_000 <= insertions * 15,
        "{inserted_ok} of {insertions} insertions decode (over 0.015%)"
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

/// `versions` distinct versions of the default flows (a comment edit each),
/// with their fingerprints.
fn edited_versions(versions: usize) -> Vec<(Sources, u64)> {
    (0..versions)
        .map(|i| {
            let mut sources = builtin_sources();
            sources.flows[0].text.push_str(&format!("\n// edit {i}\n"));
            let set = kiosk_triage::flow::check(
                &sources,
                &kiosk_triage::flow::Options { branch: None, asset_exists: &|_| true },
            )
            .set
            .unwrap();
            (sources, set.fingerprint)
        })
        .collect()
}

fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_archive_keeps_only_the_most_recently_loaded_versions() {
    let data = tempfile::tempdir().unwrap();
    let archive = Archive::new(data.path()).keeping(3);
    let versions = edited_versions(5);
    for (sources, fp) in &versions[..3] {
        archive.save(sources, *fp).unwrap();
    }
    // The first version is loaded again: it becomes the most recent.
    archive.save(&versions[0].0, versions[0].1).unwrap();
    for (sources, fp) in &versions[3..] {
        archive.save(sources, *fp).unwrap();
    }
    let kept: Vec<u64> = [0, 3, 4].iter().map(|&i| versions[i].1).collect();
    assert_eq!(archive.fingerprints(), kept);
    let mut files: Vec<String> = kept.iter().map(|f| format!("{f:016x}.ron")).collect();
    files.push("index.txt".into());
    files.sort();
    assert_eq!(names_in(archive.dir()), files);
    assert_eq!(archive.load_all().len(), 3);
    // The default bound is documented and finite.
    assert_eq!(kiosk_triage::handoff::archive::KEEP_VERSIONS, 50);
}

#[test]
fn the_archive_leaves_no_tmp_files_and_reports_what_fails() {
    let data = tempfile::tempdir().unwrap();
    let archive = Archive::new(data.path());
    let versions = edited_versions(2);
    // A crash or a full disk left a half-written file behind: the next save
    // removes it.
    std::fs::create_dir_all(archive.dir()).unwrap();
    std::fs::write(archive.dir().join("0123456789abcdef.ron.999.tmp"), "half").unwrap();
    archive.save(&versions[0].0, versions[0].1).unwrap();
    assert!(names_in(archive.dir()).iter().all(|n| !n.ends_with(".tmp")), "{:?}", names_in(archive.dir()));
    // A write that fails (here the rename, onto a folder in the way) is
    // returned as an error and leaves no `.tmp` file.
    let blocked = archive.path_of(versions[1].1);
    std::fs::create_dir_all(blocked.join("x")).unwrap();
    assert!(archive.save(&versions[1].0, versions[1].1).is_err());
    assert!(names_in(archive.dir()).iter().all(|n| !n.ends_with(".tmp")), "{:?}", names_in(archive.dir()));
    std::fs::remove_dir_all(&blocked).unwrap();
    // A damaged version is reported with its file, not silently skipped.
    std::fs::write(&blocked, "not ron").unwrap();
    let found = archive.versions(None);
    assert_eq!(found.sets.len(), 1);
    assert_eq!(found.problems.len(), 1);
    let problem = found.problems[0].to_string();
    assert!(problem.contains(&format!("{:016x}.ron", versions[1].1)), "{problem}");
    // Saving into a data folder that cannot be a folder is an error.
    let file = data.path().join("file");
    std::fs::write(&file, "").unwrap();
    assert!(Archive::new(&file).save(&versions[0].0, versions[0].1).is_err());
}

#[test]
fn decoding_reads_only_the_archived_versions_with_the_codes_tag() {
    let data = tempfile::tempdir().unwrap();
    let archive = Archive::new(data.path());
    let (old_sources, old_fp) = edited_versions(1).pop().unwrap();
    archive.save(&old_sources, old_fp).unwrap();
    let old = Arc::new(
        kiosk_triage::flow::check(
            &old_sources,
            &kiosk_triage::flow::Options { branch: None, asset_exists: &|_| true },
        )
        .set
        .unwrap(),
    );
    let mut s = Session::start(old.clone(), "central", "en", "wifi", secs(0)).unwrap();
    s.ask_staff(secs(30));
    let code = code_for_session(&s, false, secs(30)).unwrap();
    // Damaged files: one with another tag (never read for this code), one
    // with the same tag (read, and reported).
    let tag = old_fp & 0xff;
    let other = (old_fp & !0xff) | ((tag + 1) & 0xff);
    let same = old_fp ^ 0x100;
    std::fs::write(archive.path_of(other), "damaged").unwrap();
    std::fs::write(archive.path_of(same), "damaged").unwrap();
    let current = defaults();
    assert_ne!(current.fingerprint, old_fp);
    let (decoded, problems) = archive.decode(&code, &[current]);
    assert_eq!(decoded.unwrap().version, format!("{old_fp:016x}"));
    let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains(&format!("{same:016x}.ron")), "{problems:?}");
}

#[test]
fn an_archived_version_gives_back_its_source_files() {
    let data = tempfile::tempdir().unwrap();
    let archive = Archive::new(data.path());
    let (sources, fp) = edited_versions(1).pop().unwrap();
    archive.save(&sources, fp).unwrap();
    let back = archive.sources(fp).unwrap();
    assert!(archive.sources(fp ^ 1).is_none());
    let login = back.flows.iter().find(|f| f.name == "<archive>/login.ron").unwrap();
    let original = sources.flows.iter().find(|f| f.name.ends_with("/login.ron")).unwrap();
    assert_eq!(login.text, original.text);
    assert!(back.branches.iter().any(|f| f.name == "<archive>/branches/central.ron"));
    assert_eq!(back.flowset.as_ref().unwrap().name, "<archive>/flowset.ron");
    let set = kiosk_triage::flow::check(
        &back,
        &kiosk_triage::flow::Options { branch: None, asset_exists: &|_| true },
    )
    .set
    .unwrap();
    assert_eq!(set.fingerprint, fp);
}

/// Decode time with 300 archived versions, the old way (load and check every
/// version) and the indexed way. Not a timed assertion: run with
/// `cargo test --test it -- --ignored --nocapture archive_decode_time`
/// and see docs/handoff-code.md.
#[test]
#[ignore = "a measurement (tens of seconds): decode time with 300 archived versions"]
fn archive_decode_time_with_300_versions() {
    let data = tempfile::tempdir().unwrap();
    let archive = Archive::new(data.path()).keeping(1_000);
    let versions = edited_versions(300);
    for (sources, fp) in &versions {
        archive.save(sources, *fp).unwrap();
    }
    let (sources, fp) = &versions[150];
    let old = Arc::new(
        kiosk_triage::flow::check(
            sources,
            &kiosk_triage::flow::Options { branch: None, asset_exists: &|_| true },
        )
        .set
        .unwrap(),
    );
    assert_eq!(old.fingerprint, *fp);
    let mut s = Session::start(old, "central", "en", "wifi", secs(0)).unwrap();
    s.ask_staff(secs(30));
    let code = code_for_session(&s, false, secs(30)).unwrap();
    let current = [defaults()];
    let started = std::time::Instant::now();
    let mut sets = current.to_vec();
    sets.extend(archive.load_all().into_iter().map(Arc::new));
    assert!(decode(&code, &sets).is_ok());
    let every = started.elapsed();
    let started = std::time::Instant::now();
    assert!(archive.decode(&code, &current).0.is_ok());
    let indexed = started.elapsed();
    let candidates = archive.fingerprints().iter().filter(|f| (*f & 0xff) == (fp & 0xff)).count();
    println!(
        "300 archived versions: every version loaded and checked {every:?}; only the {candidates} with the code's tag {indexed:?}"
    );
}

/// The flow-set fingerprint names archived versions (`data/flowsets/`) and
/// gives codes their version tag, so a change to how it is computed would
/// orphan every archive and every code already handed out. Pinned on a fixed
/// set of files (not the default flows, which are edited), in any order.
#[test]
fn the_fingerprint_is_pinned() {
    let mut files = common_files();
    files.push((
        "pin.ron".into(),
        flow_text("pin", &[Shape::Question(vec![(1, false), (2, false)]), Shape::Solved, Shape::Handoff]),
    ));
    let fingerprint = |files: &[(String, String)]| {
        let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
        parse(&refs, &|_| true, None).set.unwrap().fingerprint
    };
    let pinned = fingerprint(&files);
    // The files include the built-in words (`synth::common_files`), so this
    // value moves when `flows/words/*.ron` change (it did for the `_one`
    // singulars, for the Read aloud words and for `choose_language`), not
    // only when the computation does.
    assert_eq!(pinned, 0xd00c_c369_3a92_d27a, "fingerprint {pinned:#018x}");
    files.reverse();
    assert_eq!(fingerprint(&files), pinned, "the order files are read in does not matter");
    files[0].1.push(' ');
    assert_ne!(fingerprint(&files), pinned, "any change to a file changes it");
}

/// How many single deletions decode, over 32 version tags: the figure moves
/// with the tag (any edit of the flows changes it), so the bound in
/// `a_dropped_or_added_character_almost_never_decodes` is checked against
/// this spread. `cargo test --test it handoff::deletions_over_version_tags -- --ignored --nocapture`
#[test]
#[ignore = "a measurement (about a minute); prints the spread"]
fn deletions_over_version_tags() {
    let base = defaults();
    let mut rates = Vec::new();
    for k in 0..32u64 {
        // Every eighth tag, from the one the flows really have.
        let tag = (base.fingerprint + 8 * k) & 0xff;
        let mut set = (*base).clone();
        set.fingerprint = (set.fingerprint & !0xff) | tag;
        let sets = [std::sync::Arc::new(set.clone())];
        let codes = every_default_code(&set, 2);
        let (mut deletions, mut ok) = (0usize, 0usize);
        for code in &codes {
            let chars: Vec<u8> = code.bytes().collect();
            for i in 0..chars.len() {
                let mut bad = chars.clone();
                bad.remove(i);
                deletions += 1;
                ok += usize::from(decode(&String::from_utf8(bad).unwrap(), &sets).is_ok());
            }
        }
        rates.push(ok as f64 * 100.0 / deletions as f64);
        println!("tag {tag:3}: {ok} of {deletions} deletions decode ({:.3}%)", rates[rates.len() - 1]);
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "min {:.3}%, median {:.3}%, max {:.3}%",
        rates[0],
        rates[rates.len() / 2],
        rates[rates.len() - 1]
    );
}
