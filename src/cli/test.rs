//! `kiosk-triage test`: replay scenario transcripts, and with `--walk` walk
//! every path of every flow at every branch.

use super::FlowsArgs;
use crate::flow::load::ReadError;
use crate::flow::model::FlowSet;
use crate::flow::source::SourceFile;
use crate::paths::{End, PATH_LIMIT, walk};
use crate::scenario::{ScenarioFile, replay};
use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

/// Arguments of `test`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    flows: FlowsArgs,
    /// Also walk every path of every flow at every branch and report coverage.
    #[arg(long)]
    walk: bool,
    /// Only the scenarios of this flow (and with `--walk`, only its paths).
    #[arg(long)]
    flow: Option<String>,
}

/// Runs `test`: 0 all passed, 1 failures, 2 usage, IO or broken flows.
pub fn run(args: &Args, out: &mut dyn Write) -> io::Result<u8> {
    let dir = args.flows.dir();
    let set = match super::load_clean(&args.flows, None) {
        Ok(set) => set,
        Err(code) => return Ok(code),
    };
    let files = match read_scenarios(&dir.join("tests")) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(2);
        }
    };
    if let Some(flow) = &args.flow
        && set.flow_index(flow).is_none()
    {
        let ids: Vec<&str> = set.flows.iter().map(|f| f.id.as_str()).collect();
        eprintln!("error: there is no flow `{flow}`; flows: {}", ids.join(", "));
        return Ok(2);
    }
    let only = args.flow.as_deref();
    let (passed, failed) = report_scenarios(&set, &files, only, out)?;
    writeln!(out, "{passed} passed, {failed} failed")?;
    if args.walk {
        report_walk(&set, only, out)?;
    }
    Ok(u8::from(failed > 0))
}

/// Reads every `.ron` file in a scenarios folder (none is fine).
pub fn read_scenarios(dir: &Path) -> Result<Vec<ScenarioFile>, ReadError> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|error| ReadError { path: dir.to_path_buf(), error })?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).map_err(|error| ReadError { path: p.clone(), error })?;
            let text = String::from_utf8_lossy(&bytes).into_owned();
            Ok(ScenarioFile::parse(SourceFile::new(p.display().to_string(), text)))
        })
        .collect()
}

/// Replays every scenario (of flow `only`, if given) and writes one line
/// each (and what differed); returns (passed, failed). A file that cannot
/// be read counts as failed.
pub fn report_scenarios(
    set: &Arc<FlowSet>,
    files: &[ScenarioFile],
    only: Option<&str>,
    out: &mut dyn Write,
) -> io::Result<(usize, usize)> {
    let (mut passed, mut failed) = (0, 0);
    for file in files {
        match &file.scenarios {
            Err(d) => {
                writeln!(out, "{}", d.render(Some(&file.source)))?;
                failed += 1;
            }
            Ok(list) => {
                let wanted = list.iter().enumerate().filter(|(_, sc)| only.is_none_or(|f| sc.flow == f));
                for (i, sc) in wanted {
                    match replay(set, sc) {
                        Ok(()) => {
                            passed += 1;
                            writeln!(out, "ok    {} ({}, {}, {})", sc.name, sc.flow, sc.branch, sc.lang)?;
                        }
                        Err(why) => {
                            failed += 1;
                            let pos = file.position(i);
                            writeln!(out, "FAIL  {} ({}, {}, {})", sc.name, sc.flow, sc.branch, sc.lang)?;
                            writeln!(out, "      --> {}:{}:{}", file.source.name, pos.line, pos.col)?;
                            writeln!(out, "      {why}")?;
                        }
                    }
                }
            }
        }
    }
    Ok((passed, failed))
}

/// Coverage of every flow at every branch.
fn report_walk(set: &FlowSet, only: Option<&str>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "\nevery path, each loop walked once, at most {} screens deep and {PATH_LIMIT} paths per flow:",
        crate::paths::MAX_DEPTH
    )?;
    for (fi, flow) in set.flows.iter().enumerate().filter(|(_, f)| only.is_none_or(|o| f.id == o)) {
        let mut covered = vec![false; flow.nodes.len()];
        let mut paths = 0usize;
        let mut longest: Vec<String> = Vec::new();
        let mut cut_any = false;
        let mut branches = 0;
        for branch in &set.branches {
            if branch.hidden.contains(&fi) {
                continue;
            }
            branches += 1;
            let (n, cut) = walk(set, fi, branch, PATH_LIMIT, &mut |path, end| {
                for v in path {
                    covered[v.node] = true;
                }
                if path.len() > longest.len() && end != End::Loop {
                    longest = path.iter().map(|v| flow.nodes[v.node].id.clone()).collect();
                }
            });
            paths += n;
            cut_any |= cut;
        }
        let hit = covered.iter().filter(|c| **c).count();
        writeln!(
            out,
            "{:<10} {:>5} paths at {} branches, {}/{} nodes ({:.0}%), longest {} screens{}",
            flow.id,
            paths,
            branches,
            hit,
            flow.nodes.len(),
            100.0 * hit as f64 / flow.nodes.len().max(1) as f64,
            longest.len(),
            if cut_any { " (path limit reached)" } else { "" }
        )?;
        let missed: Vec<&str> =
            flow.nodes.iter().zip(&covered).filter(|(_, c)| !**c).map(|(n, _)| n.id.as_str()).collect();
        if !missed.is_empty() {
            writeln!(out, "           no path reaches: {}", missed.join(", "))?;
        }
        writeln!(out, "           longest: {}", longest.join(" → "))?;
    }
    Ok(())
}
