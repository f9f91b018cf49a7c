//! `kiosk-triage codes`: every reachable handoff path with the code a patron
//! would really get (this flow version's tag, a stated time and language),
//! so an IT person can copy one into `decode`; and, apart from it, the
//! longest code the path can give, which is what the length figures count.

use super::FlowsArgs;
use crate::flow::FlowSet;
use crate::handoff::base32::group;
use crate::handoff::codec::{Contents, Reached, tag_of, time_bucket};
use crate::handoff::{MAX_CODE_LEN, code_for, worst_case_code};
use crate::paths::{End, PATH_LIMIT, walk_through_gotos};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::time::Duration;

/// Arguments of `codes`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    flows: FlowsArgs,
    /// Only this branch (default: every branch).
    #[arg(long)]
    branch: Option<String>,
    /// The patron's language in the codes shown (default: the flows' first).
    #[arg(long)]
    lang: Option<String>,
    /// How many minutes the patron spent, for the codes shown.
    #[arg(long, default_value_t = 5)]
    minutes: u64,
}

/// Runs `codes`: 0 every code fits the limit, 1 some path's code is longer,
/// 2 usage, IO or broken flows.
pub fn run(args: &Args, out: &mut dyn Write) -> io::Result<u8> {
    let set = match super::load_clean(&args.flows, args.branch.as_deref()) {
        Ok(set) => set,
        Err(code) => return Ok(code),
    };
    // The walk calls back for each path: the first write error stops the
    // output and is returned once the walk is done.
    let mut written: io::Result<()> = Ok(());
    let mut lengths: BTreeMap<usize, usize> = BTreeMap::new();
    let mut too_long = 0;
    // Handoff endings some path reaches, for the "Ask:" list.
    let mut reached: BTreeSet<(usize, usize)> = BTreeSet::new();
    let lang = args.lang.clone().unwrap_or_else(|| set.default_language().to_string());
    let Some(lang_index) = set.languages.iter().position(|l| *l == lang) else {
        eprintln!("error: the flows have no language `{lang}`; they have {}", set.languages.join(", "));
        return Ok(2);
    };
    let time = time_bucket(Duration::from_secs(args.minutes * 60));
    writeln!(
        out,
        "Codes as a patron gets them from this version of the flows (tag {:02x}), in `{lang}`, after {} \
         minutes: `decode` reads them. In brackets, the longest code the path can give (any time, any \
         language), which the figures below count.",
        tag_of(&set),
        args.minutes
    )?;
    for (bi, branch) in set.branches.iter().enumerate() {
        if args.branch.as_ref().is_some_and(|b| *b != branch.id) {
            continue;
        }
        for (fi, flow) in set.visible_flows(branch) {
            walk_through_gotos(&set, fi, branch, PATH_LIMIT, &mut |path, end| {
                if end != End::Handoff || written.is_err() {
                    return;
                }
                if let Some(last) = path.last() {
                    reached.insert((last.flow, last.node));
                }
                let Some(worst) = worst_case_code(&set, bi, path, Reached::FlowEnded) else { return };
                *lengths.entry(worst.len()).or_default() += 1;
                too_long += usize::from(worst.len() > MAX_CODE_LEN);
                let contents = Contents {
                    tag: tag_of(&set),
                    branch: bi,
                    lang: lang_index,
                    time,
                    reached: Reached::FlowEnded,
                    looped: false,
                    flow: Some(fi),
                    path: path.to_vec(),
                };
                let Some(code) = code_for(&set, &contents) else { return };
                let ids: Vec<&str> =
                    path.iter().map(|v| set.flows[v.flow].nodes[v.node].id.as_str()).collect();
                written = writeln!(
                    out,
                    "{:<14} ({:>2}) {:<10} {:<10} {}",
                    group(&code),
                    worst.len(),
                    branch.id,
                    flow.id,
                    ids.join(" → ")
                );
            });
        }
    }
    written?;
    write_lengths(out, &set, &lengths)?;
    write_asks(out, &set, &reached)?;
    if too_long > 0 {
        eprintln!("error: {too_long} paths give codes longer than {MAX_CODE_LEN} characters");
    }
    Ok(u8::from(too_long > 0))
}

/// The lengths the paths' longest codes have, as a running share, and how
/// close they come to the information minimum.
fn write_lengths(out: &mut dyn Write, set: &FlowSet, lengths: &BTreeMap<usize, usize>) -> io::Result<()> {
    let total: usize = lengths.values().sum();
    writeln!(out, "\n{total} handoff paths; longest code each can give (check character included):")?;
    let mut running = 0;
    for (len, n) in lengths {
        running += n;
        writeln!(
            out,
            "  {len:>2} characters: {n:>4} paths ({:.0}% have at most {len})",
            100.0 * running as f64 / total.max(1) as f64
        )?;
    }
    if total > 0 {
        // What the codes could be at best: one value per distinct summary a
        // desk could see for these paths (each path in each language, each
        // time bucket, under any of 256 version tags).
        let summaries = total as f64 * set.languages.len() as f64 * 8.0 * 256.0;
        let chars: usize = lengths.iter().map(|(len, n)| len * n).sum();
        let data_bits = 5.0 * (chars as f64 / total as f64 - 1.0);
        writeln!(
            out,
            "information minimum: log2({total} paths × {} languages × 8 time buckets × 256 versions) = {:.1} bits; \
             the codes carry {data_bits:.1} data bits on average, plus 5 for the check character",
            set.languages.len(),
            summaries.log2()
        )?;
    }
    Ok(())
}

/// What the staff note of each handoff ending a path reaches still asks
/// after "Ask:", so IT staff see what the kiosk leaves to the desk.
fn write_asks(out: &mut dyn Write, set: &FlowSet, reached: &BTreeSet<(usize, usize)>) -> io::Result<()> {
    writeln!(
        out,
        "\nWhat staff notes still ask (after \"Ask:\"), per handoff ending a patron can reach; the kiosk \
         asks whatever a choice can settle, so each of these must be personal or unknowable to it:"
    )?;
    let (mut asking, mut endings) = (0, 0);
    for (fi, flow) in set.flows.iter().enumerate() {
        for (ni, node) in flow.nodes.iter().enumerate() {
            let crate::flow::model::NodeKind::Handoff(h) = &node.kind else { continue };
            if !reached.contains(&(fi, ni)) {
                continue;
            }
            endings += 1;
            let items = crate::handoff::facts::ask_items(&h.note);
            asking += usize::from(!items.is_empty());
            let said = if items.is_empty() { "(asks nothing)".to_string() } else { items.join("; ") };
            writeln!(out, "  {:<28} {said}", format!("{}/{}", flow.id, node.id))?;
        }
    }
    writeln!(out, "{asking} of {endings} handoff endings still ask staff something")
}
