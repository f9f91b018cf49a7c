//! `kiosk-triage check`: lint a flow set and report every problem at once.

use super::{FlowsArgs, Format};
use crate::flow::diag::{Code, Diagnostic, Severity};
use crate::flow::load::Loaded;
use crate::flow::source::Pos;
use crate::handoff::refuse_long_codes;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    flows: FlowsArgs,
    /// Check for this branch only.
    #[arg(long, conflicts_with = "all_branches")]
    branch: Option<String>,
    /// Check for every branch (the default).
    #[arg(long)]
    all_branches: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Exit 1 on warnings too, for a CI gate that keeps the flows spotless.
    #[arg(long)]
    deny_warnings: bool,
    /// Also check this kiosk configuration against the flows (default: the
    /// `kiosk.ron` a kiosk here would use, when there is one; see `paths`).
    #[arg(long)]
    config: Option<PathBuf>,
}

/// Runs `check`: 0 clean or warnings only, 1 errors, 2 IO.
pub fn run(args: &Args, out: &mut dyn Write) -> std::io::Result<u8> {
    // A mistyped folder is an error, never a check of the built-in flows.
    let loaded = match super::read_flows(&args.flows, args.branch.as_deref()) {
        Ok(l) => l,
        Err(e) => {
            match args.format {
                Format::Text => eprintln!("error: {e}"),
                // A pipeline reading JSON gets JSON, with the error in it.
                Format::Json => writeln!(out, "{}", serde_json::json!({ "error": e.to_string() }))?,
            }
            return Ok(2);
        }
    };
    let mut loaded = loaded;
    let config_path = args.config.clone().unwrap_or_else(|| {
        use crate::locations::{Layout, Probe, config_path};
        let probe = Probe::system();
        config_path(&probe, Layout::detect(&probe), &Default::default()).path
    });
    if args.config.is_some() || config_path.is_file() {
        check_config(&mut loaded, &config_path);
    }
    let lengths = refuse_long_codes(&mut loaded, args.branch.as_deref());
    match args.format {
        Format::Text => {
            write_report(&loaded, &lengths, out)?;
            if let Some(branch) = &args.branch {
                write_overrides(&loaded, branch, out)?;
            }
        }
        Format::Json => write_json(&loaded, &lengths, out)?,
    }
    let warnings_fail = args.deny_warnings && loaded.report.warnings() > 0;
    if warnings_fail && args.format == Format::Text {
        eprintln!("error: warnings are denied (--deny-warnings)");
    }
    Ok(u8::from(loaded.report.errors() > 0 || warnings_fail))
}

/// With `--branch`: the nodes whose text that branch overrides (its own
/// file's overrides and its bases'), so an override is never invisible.
fn write_overrides(loaded: &Loaded, branch: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let Some(set) = &loaded.report.set else { return Ok(()) };
    let Some(b) = set.branch(branch) else { return Ok(()) };
    let nodes = overridden(set, b);
    if nodes.is_empty() {
        return Ok(());
    }
    writeln!(out, "overridden at branch `{branch}`: {}", nodes.join(", "))
}

/// The nodes whose text `branch` overrides, as sorted `flow/node` ids.
fn overridden(set: &crate::flow::model::FlowSet, branch: &crate::flow::model::Branch) -> Vec<String> {
    let mut nodes: Vec<String> = branch
        .overrides
        .keys()
        .filter_map(|&(f, n)| {
            let flow = set.flows.get(f)?;
            Some(format!("{}/{}", flow.id, flow.nodes.get(n)?.id))
        })
        .collect();
    nodes.sort();
    nodes
}

/// Checks `kiosk.ron` too: its syntax and fields, and that the branch and
/// languages it names exist in the flows.
fn check_config(loaded: &mut Loaded, path: &std::path::Path) {
    use crate::flow::limits::{MAX_FILE_BYTES, Refusal, read_text};
    let name = path.display().to_string();
    let text = match read_text(path, None, MAX_FILE_BYTES) {
        Ok((text, None)) => text,
        Ok((_, Some(pos))) => {
            loaded.report.diagnostics.push(
                Diagnostic::new(Severity::Error, Code::Encoding, &name, pos, "the file is not valid UTF-8")
                    .hint("save the file as UTF-8 in your editor"),
            );
            loaded.report.set = None;
            return;
        }
        Err(Refusal::Io(e)) => {
            loaded.report.diagnostics.push(Diagnostic::new(
                Severity::Error,
                Code::MissingFile,
                &name,
                Pos::START,
                format!("cannot read the kiosk configuration: {e}"),
            ));
            return;
        }
        Err(refusal) => {
            loaded.report.diagnostics.push(refusal.diagnostic(&name, "its folder", MAX_FILE_BYTES));
            loaded.report.set = None;
            return;
        }
    };
    let file = crate::flow::source::SourceFile::new(name.clone(), text);
    let found = match crate::config::KioskConfig::parse(&name, &file.text) {
        Ok(config) => {
            let mut found = config.problems(&file);
            if let Some(set) = &loaded.report.set {
                found.extend(config.check_against(&file, set));
            }
            found
        }
        Err(d) => vec![*d],
    };
    if found.iter().any(|d| d.severity == Severity::Error) {
        loaded.report.set = None;
    }
    loaded.report.diagnostics.extend(found);
    loaded.extra.push(file);
}

fn write_lengths(lengths: &[(String, usize, bool)], out: &mut dyn Write) -> std::io::Result<()> {
    if lengths.is_empty() {
        return Ok(());
    }
    let list: Vec<String> =
        lengths.iter().map(|(id, len, cut)| format!("{id} {len}{}", if *cut { "+" } else { "" })).collect();
    writeln!(out, "longest handoff code per flow (characters): {}", list.join(", "))
}

/// The report for people: each diagnostic with its source line, then the
/// summary line.
pub fn write_text(loaded: &Loaded, out: &mut dyn Write) -> std::io::Result<()> {
    write_report(loaded, &[], out)
}

fn write_report(
    loaded: &Loaded,
    lengths: &[(String, usize, bool)],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if let Some(note) = &loaded.note {
        writeln!(out, "note: {note}")?;
    }
    let mut diagnostics: Vec<&Diagnostic> = loaded.report.diagnostics.iter().collect();
    diagnostics.sort_by(|a, b| (a.file.as_str(), a.line, a.column).cmp(&(b.file.as_str(), b.line, b.column)));
    for d in diagnostics {
        writeln!(out, "{}", d.render(loaded.source(&d.file)))?;
    }
    write_lengths(lengths, out)?;
    writeln!(out, "{}", loaded.report.summary())
}

fn write_json(
    loaded: &Loaded,
    lengths: &[(String, usize, bool)],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    #[derive(serde::Serialize)]
    struct Json<'a> {
        origin: &'a str,
        note: Option<&'a str>,
        diagnostics: &'a [Diagnostic],
        flows: usize,
        nodes: usize,
        branches: usize,
        errors: usize,
        warnings: usize,
        longest_codes: std::collections::BTreeMap<&'a str, usize>,
        /// Per branch checked, the nodes whose text it overrides.
        overridden: std::collections::BTreeMap<&'a str, Vec<String>>,
    }
    let r = &loaded.report;
    let json = Json {
        origin: &loaded.sources.origin,
        note: loaded.note.as_deref(),
        diagnostics: &r.diagnostics,
        flows: r.flows,
        nodes: r.nodes,
        branches: r.branches,
        errors: r.errors(),
        warnings: r.warnings(),
        longest_codes: lengths.iter().map(|(id, len, _)| (id.as_str(), *len)).collect(),
        overridden: r
            .set
            .iter()
            .flat_map(|set| set.branches.iter().map(move |b| (b.id.as_str(), overridden(set, b))))
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &json).map_err(std::io::Error::other)?;
    writeln!(out)
}
