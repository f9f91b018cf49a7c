//! The command line: argument parsing and the IT and staff commands.
//!
//! Each command writes to the writer it is given and returns
//! `io::Result<u8>`: the exit code (0 ok, 1 problems found, 2 usage or IO),
//! or the write that failed, with `?` on every write, as ripgrep's commands
//! do. `main` handles a failed write once (a closed pipe ends quietly).
//! "error:" lines always go to stderr. Tests run commands without a
//! process. Wording for people lives here; the core returns typed values.

pub mod check;
pub mod codes;
pub mod decode;
pub mod graph;
pub mod l10n;
pub mod locations;
pub mod preview;
pub mod report;
pub mod term;
pub mod test;
pub mod walk;

use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A help kiosk for public library computers.
#[derive(Debug, Parser)]
#[command(name = "kiosk-triage", version, about, long_about = None)]
pub struct Cli {
    /// A command; without one, the kiosk starts.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The kiosk configuration file [default: `kiosk.ron` in the current
    /// folder, or the installed one; see `kiosk-triage paths`].
    #[arg(long, global = false)]
    pub config: Option<PathBuf>,
    /// The flows folder (overrides the config).
    #[arg(long)]
    pub flows: Option<PathBuf>,
    /// The branch (overrides the config).
    #[arg(long)]
    pub branch: Option<String>,
    /// Run in a normal window instead of fullscreen, for trying the kiosk on
    /// a desktop (close it like any window).
    #[arg(long)]
    pub windowed: bool,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check flow files and report every problem with file:line:column.
    Check(check::Args),
    /// Walk a flow in the terminal, as a patron would at the kiosk.
    Walk(walk::Args),
    /// Decode a handoff code into the checklist staff read at the desk.
    Decode(decode::Args),
    /// The staff desk window: type or scan a code, read the checklist.
    Desk(DeskArgs),
    /// List every handoff path with its code, and how long codes get.
    Codes(codes::Args),
    /// Draw a flow as a flowchart (Graphviz DOT or Mermaid).
    Graph(graph::Args),
    /// Replay the scenario transcripts in `flows/tests/` (and walk every path
    /// with `--walk`).
    Test(test::Args),
    /// Sum up the kiosks' and desks' anonymous statistics: per flow, where
    /// patrons leave, when, languages, desk work (text, CSV, JSON or HTML).
    Report(report::Args),
    /// Translate the patron texts with gettext PO files: `l10n export
    /// --lang L` for translators, `l10n import L.po` to write their work
    /// back into the flow files.
    L10n(l10n::Args),
    /// Hash a staff PIN for `staff_pin_hash` in kiosk.ron (reads the PIN
    /// from standard input).
    HashPin,
    /// Show which files a kiosk here would use (kiosk.ron, flows, pictures,
    /// data, log) and why: flag, kiosk.ron or this machine's default.
    Paths(locations::Args),
    /// Fill a kiosk folder with the defaults (kiosk.ron, flows, assets)
    /// where it has none; never overwrites (the Windows installer runs it).
    InstallDefaults(locations::DefaultsArgs),
    /// Draw the kiosk's screens to PNG files with your flows, branch,
    /// languages, text sizes, themes and screen sizes (needs a display;
    /// `xvfb-run` will do). Text that does not fit is listed.
    Preview(preview::Args),
}

/// Arguments of `desk`.
#[derive(Clone, Debug, clap::Args)]
pub struct DeskArgs {
    /// Where the flows are.
    #[command(flatten)]
    pub flows: FlowsArgs,
    /// The data folder with the archive of earlier flow versions [default:
    /// `data`, read and written only if it exists; a folder given here is
    /// created].
    #[arg(long)]
    pub data: Option<PathBuf>,
}

/// Output format for `check`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    #[default]
    Text,
    /// For IT pipelines.
    Json,
}

/// Where flows and pictures are, as given on the command line.
#[derive(Clone, Debug, clap::Args)]
pub struct FlowsArgs {
    /// The flows folder [default: `flows` in the current folder or the
    /// installed one (see `kiosk-triage paths`), or the built-in default
    /// flows when there is none]. A folder given here must exist: a mistyped
    /// path is an error (exit 2), never the built-in flows.
    #[arg(long)]
    pub flows: Option<PathBuf>,
    /// The pictures folder (default: `assets` beside the flows folder).
    #[arg(long)]
    pub assets: Option<PathBuf>,
}

impl FlowsArgs {
    /// The flows folder: the one given, or the one a kiosk here would use
    /// ([`crate::locations::find`]).
    pub fn dir(&self) -> PathBuf {
        self.flows.clone().unwrap_or_else(|| self.located().flows.path)
    }

    /// The pictures folder: the one given, beside `--flows`, or the one a
    /// kiosk here would use.
    pub fn assets_dir(&self) -> PathBuf {
        self.assets.clone().unwrap_or_else(|| self.located().assets.path)
    }

    fn located(&self) -> crate::locations::Locations {
        let given = crate::locations::Given {
            flows: self.flows.clone(),
            assets: self.assets.clone(),
            ..Default::default()
        };
        crate::locations::find(&crate::locations::Probe::system(), &given)
    }
}

/// Reads and checks the flows for any command, the one rule for all of
/// them: a `--flows` folder that was given must exist and be a folder (else
/// an error for IT staff, and the command exits 2); without `--flows`,
/// `flows` is read, or the built-in default flows when there is no `flows`
/// (the result then carries a note saying so). Handoff-code lengths are not
/// measured yet: `check` measures them after `kiosk.ron`; everything else
/// uses [`load_flows`].
pub fn read_flows(args: &FlowsArgs, branch: Option<&str>) -> Result<crate::flow::load::Loaded, FlowsError> {
    if let Some(dir) = &args.flows
        && !dir.is_dir()
    {
        return Err(FlowsError::NotAFolder { path: dir.clone(), exists: dir.exists() });
    }
    crate::flow::load::load(&args.dir(), &args.assets_dir(), branch).map_err(FlowsError::Read)
}

/// [`read_flows`], then the handoff-code lengths, as the kiosk accepts
/// flows ([`crate::startup::accept`]): flows whose codes could pass 12
/// characters have no `report.set`, with the errors in the report.
pub fn load_flows(args: &FlowsArgs, branch: Option<&str>) -> Result<crate::flow::load::Loaded, FlowsError> {
    let mut loaded = read_flows(args, branch)?;
    crate::handoff::refuse_long_codes(&mut loaded, branch);
    Ok(loaded)
}

/// Why a command has no flows to look at.
#[derive(Debug)]
pub enum FlowsError {
    /// `--flows` names something that is not a folder.
    NotAFolder {
        /// The path given.
        path: PathBuf,
        /// Whether it exists at all.
        exists: bool,
    },
    /// The folder could not be read.
    Read(crate::flow::load::ReadError),
}

impl std::fmt::Display for FlowsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FlowsError::NotAFolder { path, exists } => write!(
                f,
                "the flows folder `{}` given with `--flows` {}\n  = hint: check the path; without `--flows`, \
                 the `flows` folder in the current folder is used (or the built-in default flows when there is none)",
                path.display(),
                if *exists { "is not a folder" } else { "does not exist" }
            ),
            FlowsError::Read(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for FlowsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FlowsError::NotAFolder { .. } => None,
            FlowsError::Read(e) => Some(e),
        }
    }
}

/// Loads the flows for a command that needs them clean. On failure the
/// problems go to stderr (so stdout stays clean for DOT or JSON) and the
/// result is the exit code, 2.
pub fn load_clean(
    args: &FlowsArgs,
    branch: Option<&str>,
) -> Result<std::sync::Arc<crate::flow::FlowSet>, u8> {
    let loaded = load_flows(args, branch).map_err(|e| {
        eprintln!("error: {e}");
        2u8
    })?;
    match loaded.report.set.clone() {
        Some(set) => {
            if let Some(note) = &loaded.note {
                eprintln!("note: {note}");
            }
            Ok(std::sync::Arc::new(set))
        }
        None => {
            let mut report = Vec::new();
            // Into memory first (writing to a Vec cannot fail), then through
            // the escaping `eprint!` to stderr, so stdout stays clean.
            let _ = check::write_text(&loaded, &mut report);
            eprint!("{}", String::from_utf8_lossy(&report));
            eprintln!("error: the flows have errors; fix them first (`kiosk-triage check`)");
            Err(2)
        }
    }
}

/// `assets/` beside a flows folder.
pub fn default_assets(flows: &Path) -> PathBuf {
    flows.parent().unwrap_or(Path::new(".")).join("assets")
}

/// Runs a command other than the kiosk and the desk window; `None` means
/// "start a window". An `Err` is a failed write to `out` (a closed pipe, a
/// full disk): `main` words it, once for every command.
pub fn run_command(
    cli: &Cli,
    out: &mut dyn Write,
    input: &mut dyn std::io::BufRead,
) -> Option<std::io::Result<u8>> {
    let command = cli.command.as_ref()?;
    // The kiosk's own options before a command would silently do nothing:
    // say where they belong instead.
    let misplaced: Vec<&str> = [
        ("--flows", cli.flows.is_some()),
        ("--branch", cli.branch.is_some()),
        ("--windowed", cli.windowed),
        ("--config", cli.config.is_some()),
    ]
    .into_iter()
    .filter_map(|(name, given)| given.then_some(name))
    .collect();
    if !misplaced.is_empty() {
        eprintln!(
            "error: {} before the command only set up the kiosk window; put it after the command, \
             e.g. `kiosk-triage check --flows DIR` (see `kiosk-triage help <command>`)",
            misplaced.join(", ")
        );
        return Some(Ok(2));
    }
    let code = match command {
        Command::Check(args) => check::run(args, out),
        Command::Walk(args) => walk::run(args, out, input),
        Command::Test(args) => test::run(args, out),
        Command::Decode(args) => decode::run(args, out),
        Command::Codes(args) => codes::run(args, out),
        Command::Graph(args) => graph::run(args, out),
        Command::Report(args) => report::run(args, out),
        Command::L10n(args) => l10n::run(args, out),
        // A window, like the kiosk: `main` starts it.
        Command::Desk(_) | Command::Preview(_) => return None,
        Command::HashPin => hash_pin(out, input),
        Command::Paths(args) => locations::run(args, out),
        Command::InstallDefaults(args) => locations::install_defaults(args, out),
    };
    Some(code)
}

fn hash_pin(out: &mut dyn Write, input: &mut dyn std::io::BufRead) -> std::io::Result<u8> {
    let mut pin = String::new();
    // Errors go to stderr, so `hash-pin >> kiosk.ron` never writes one there.
    if input.read_line(&mut pin).is_err() {
        eprintln!("error: could not read a PIN from standard input");
        return Ok(2);
    }
    let pin = pin.trim();
    if pin.len() < 4 || !pin.chars().all(|c| c.is_ascii_digit()) {
        eprintln!("error: a staff PIN is 4 or more digits");
        return Ok(2);
    }
    match crate::config::hash_pin(pin) {
        Ok(h) => {
            writeln!(out, "staff_pin_hash: \"{h}\",")?;
            Ok(0)
        }
        Err(e) => {
            eprintln!("error: {e}");
            Ok(2)
        }
    }
}

/// The kiosk's options from the command line.
#[cfg(feature = "gui")]
impl From<&Cli> for crate::kiosk::KioskOptions {
    fn from(cli: &Cli) -> Self {
        crate::kiosk::KioskOptions {
            config: cli.config.clone(),
            flows: cli.flows.clone(),
            branch: cli.branch.clone(),
            windowed: cli.windowed,
        }
    }
}

/// The desk's options from the command line: the flows are read by the
/// command line's one rule ([`load_flows`]) when the window is about to open.
#[cfg(feature = "gui")]
impl From<&DeskArgs> for crate::desk::DeskOptions {
    fn from(args: &DeskArgs) -> Self {
        let args = args.clone();
        crate::desk::DeskOptions { open: Box::new(move || desk_flows(&args)) }
    }
}

/// Reads what a desk decodes against: the flows (with a notice when they have
/// errors), the archive and the data folder for visit outcomes.
#[cfg(feature = "gui")]
fn desk_flows(args: &DeskArgs) -> Result<crate::desk::DeskFlows, String> {
    let loaded = load_flows(&args.flows, None).map_err(|e| e.to_string())?;
    let mut notices = Vec::new();
    if let Some(n) = &loaded.note {
        notices.push(n.clone());
    }
    if loaded.report.set.is_none() {
        notices.push("The flows folder has errors; only archived versions can be decoded.".into());
    }
    use crate::handoff::archive::{KnownSets, default_data, known_sets};
    let KnownSets { sets, archive, unsaved } = known_sets(&loaded, args.data.as_deref());
    if let Some(why) = unsaved {
        eprintln!("warning: {why}");
    }
    let data = args.data.clone().or_else(default_data);
    if data.is_none() {
        notices.push(
            "Visit outcomes are not recorded: there is no data folder here (start the desk with --data DIR)."
                .into(),
        );
    }
    Ok(crate::desk::DeskFlows { sets, archive, data, notices })
}
