//! `kiosk-triage graph`: the flowchart of one flow, as DOT or Mermaid.

use super::FlowsArgs;
use crate::graph::{Detail, Notation, render_with};
use std::io::{self, Write};

/// Output notation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
    /// Mermaid, for wikis and markdown.
    Mermaid,
}

/// Arguments of `graph`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The flow id, such as `printing`.
    flow: String,
    #[command(flatten)]
    flows: FlowsArgs,
    /// Fill values, grey out answers and screens hidden at this branch, and
    /// mark the nodes it overrides.
    #[arg(long)]
    branch: Option<String>,
    /// The language of the text (default: the flows' first).
    #[arg(long)]
    lang: Option<String>,
    /// Output notation.
    #[arg(long, value_enum)]
    format: GraphFormat,
    /// Whole texts (not cut after three lines), and each handoff's staff
    /// note and policy.
    #[arg(long)]
    full: bool,
}

/// Runs `graph`: 0 written, 2 usage, IO or broken flows.
pub fn run(args: &Args, out: &mut dyn Write) -> io::Result<u8> {
    let set = match super::load_clean(&args.flows, args.branch.as_deref()) {
        Ok(set) => set,
        Err(code) => return Ok(code),
    };
    let Some(fi) = set.flow_index(&args.flow) else {
        let ids: Vec<&str> = set.flows.iter().map(|f| f.id.as_str()).collect();
        eprintln!("error: there is no flow `{}`; flows: {}", args.flow, ids.join(", "));
        return Ok(2);
    };
    let branch = match &args.branch {
        Some(id) => match set.branch(id) {
            Some(b) => Some(b),
            None => {
                eprintln!("error: there is no branch `{id}`");
                return Ok(2);
            }
        },
        None => None,
    };
    let lang = args.lang.clone().unwrap_or_else(|| set.default_language().to_string());
    let notation = match args.format {
        GraphFormat::Dot => Notation::Dot,
        GraphFormat::Mermaid => Notation::Mermaid,
    };
    let detail = Detail { full: args.full };
    write!(out, "{}", render_with(&set, fi, branch, &lang, notation, detail))?;
    Ok(0)
}
