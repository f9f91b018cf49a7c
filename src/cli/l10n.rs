//! `l10n export` and `l10n import`: the translator's round trip through
//! gettext PO files (see docs/translating.md).
//!
//! The work is in `crate::l10n`, on texts in memory; this is the edge that
//! reads the flows folder and the PO file, words the outcome for IT staff,
//! and writes files so that a kiosk watching the folder never reads half a
//! file: each is written beside its place under another name, flushed to
//! disk, and renamed over the old one only after every file was written.

use super::FlowsArgs;
use crate::flow::diag::Diagnostic;
use crate::flow::source::SourceFile;
use crate::flow::sources::Sources;
use crate::l10n::po::Header;
use crate::l10n::{entries, export::manifest, import, write_po};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `l10n`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Export or import.
    #[command(subcommand)]
    pub command: Command,
}

/// The two halves of the round trip.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Write `LANG.po` (every patron text, with the existing `LANG`
    /// translations) and the template `kiosk-triage.pot`.
    Export(ExportArgs),
    /// Write the translations of a PO file back into the flow files (all or
    /// nothing: any error and no file changes).
    Import(ImportArgs),
}

/// Arguments of `l10n export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The language to translate into, as listed in `flowset.ron`.
    #[arg(long)]
    pub lang: String,
    /// The folder to write the PO file and the template to.
    #[arg(long, default_value = ".")]
    pub out: PathBuf,
    /// Where the flows are.
    #[command(flatten)]
    pub flows: FlowsArgs,
}

/// Arguments of `l10n import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The translated PO file.
    pub file: PathBuf,
    /// Where the flows are.
    #[command(flatten)]
    pub flows: FlowsArgs,
}

/// The template's file name.
pub const TEMPLATE: &str = "kiosk-triage.pot";

/// Runs `l10n export` or `l10n import`.
pub fn run(args: &Args, out: &mut dyn Write) -> std::io::Result<u8> {
    match &args.command {
        Command::Export(a) => export(a, out),
        Command::Import(a) => import_po(a, out),
    }
}

/// The flows folder's files, named relative to it, when they pass `check`.
fn clean_sources(flows: &FlowsArgs) -> Result<(PathBuf, Sources), u8> {
    let dir = flows.dir();
    if !dir.is_dir() {
        eprintln!(
            "error: there is no flows folder at `{}`; `l10n` reads and writes the files of one\n  = hint: give it with `--flows DIR`",
            dir.display()
        );
        return Err(2);
    }
    let loaded = super::read_flows(flows, None).map_err(|e| {
        eprintln!("error: {e}");
        2u8
    })?;
    if loaded.report.errors() > 0 {
        let mut report = Vec::new();
        let _ = super::check::write_text(&loaded, &mut report);
        eprint!("{}", String::from_utf8_lossy(&report));
        eprintln!("error: the flows have errors; fix them first (`kiosk-triage check`)");
        return Err(2);
    }
    Ok((dir.clone(), relative(&loaded.sources, &dir)))
}

/// The same files, named relative to the flows folder (`printing.ron`,
/// `words/es.ron`), as translators' tools show references.
fn relative(sources: &Sources, dir: &Path) -> Sources {
    let rel = |f: &SourceFile| {
        let name = Path::new(&f.name).strip_prefix(dir).map_or(f.name.clone(), |p| {
            p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
        });
        SourceFile::new(name, f.text.clone())
    };
    Sources {
        flowset: sources.flowset.as_ref().map(rel),
        flows: sources.flows.iter().map(rel).collect(),
        branches: sources.branches.iter().map(rel).collect(),
        words: sources.words.iter().map(rel).collect(),
        flowset_name: "flowset.ron".into(),
        ..sources.clone()
    }
}

fn export(args: &ExportArgs, out: &mut dyn Write) -> std::io::Result<u8> {
    let (_, sources) = match clean_sources(&args.flows) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let m = match manifest(&sources) {
        Ok(m) => m,
        Err(d) => return Ok(report(&d, &sources, None, 2)),
    };
    let lang = args.lang.as_str();
    if lang == m.fallback || !m.languages.iter().any(|l| l == lang) {
        let why = if lang == m.fallback {
            "is the fallback language, whose texts are the ones to translate"
        } else {
            "is not one of the languages in `flowset.ron`"
        };
        eprintln!(
            "error: `{lang}` {why}\n  = hint: add it to `languages` in `flowset.ron` first; declared: {}",
            m.languages.join(", ")
        );
        return Ok(2);
    }
    let list = match entries(&sources, lang) {
        Ok(list) => list,
        Err(d) => return Ok(report(&d, &sources, None, 2)),
    };
    let header = |language| Header { project: &m.name, language, source_language: &m.fallback };
    let po_path = args.out.join(format!("{lang}.po"));
    let files = vec![
        (po_path.clone(), write_po(&list, &header(Some(lang)))),
        (args.out.join(TEMPLATE), write_po(&list, &header(None))),
    ];
    if let Err(e) = std::fs::create_dir_all(&args.out).and_then(|()| write_all(&files)) {
        eprintln!("error: cannot write to `{}`: {e}", args.out.display());
        return Ok(2);
    }
    let done = list.iter().filter(|e| e.translation.is_some()).count();
    writeln!(
        out,
        "wrote {} ({} texts, {done} already in `{lang}`, {} to translate) and the template {}",
        po_path.display(),
        list.len(),
        list.len() - done,
        args.out.join(TEMPLATE).display()
    )?;
    Ok(0)
}

fn import_po(args: &ImportArgs, out: &mut dyn Write) -> std::io::Result<u8> {
    let (dir, sources) = match clean_sources(&args.flows) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let limit = crate::flow::limits::MAX_TOTAL_BYTES;
    let po = match crate::flow::limits::read_text(&args.file, None, limit) {
        Ok((text, None)) => SourceFile::new(args.file.display().to_string(), text),
        Ok((_, Some(pos))) => {
            eprintln!(
                "error: {}:{}:{}: the file is not valid UTF-8; nothing was written",
                args.file.display(),
                pos.line,
                pos.col
            );
            return Ok(1);
        }
        Err(e) => {
            eprintln!(
                "error: cannot read `{}`: {}",
                args.file.display(),
                e.diagnostic(&args.file.display().to_string(), "a PO file", limit).message
            );
            return Ok(2);
        }
    };
    let done = match import(&sources, &po) {
        Ok(done) => done,
        Err(diags) => {
            report(&diags, &sources, Some(&po), 1);
            eprintln!("error: nothing was written");
            return Ok(1);
        }
    };
    report(&done.warnings, &sources, Some(&po), 0);
    let files: Vec<(PathBuf, String)> =
        done.changed.iter().chain(&done.created).map(|(name, text)| (dir.join(name), text.clone())).collect();
    if let Err(e) = write_all(&files) {
        eprintln!("error: cannot write the flow files: {e}; none was changed");
        return Ok(2);
    }
    let names: Vec<String> = done
        .changed
        .iter()
        .map(|(n, _)| n.clone())
        .chain(done.created.iter().map(|(n, _)| format!("{n} (new)")))
        .collect();
    writeln!(
        out,
        "`{}`: {} translations written, {} already there, {} untranslated or fuzzy left out{}",
        done.language,
        done.written,
        done.unchanged,
        done.skipped,
        if names.is_empty() { String::new() } else { format!("; changed {}", names.join(", ")) }
    )?;
    if done.written > 0 {
        writeln!(out, "run `kiosk-triage check` to see what is still missing")?;
    }
    Ok(0)
}

/// Prints diagnostics to stderr with their source lines; returns `code`.
fn report(diags: &[Diagnostic], sources: &Sources, po: Option<&SourceFile>, code: u8) -> u8 {
    for d in diags {
        let source = po.filter(|p| p.name == d.file).or_else(|| sources.find_file(&d.file));
        eprintln!("{}", d.render(source));
    }
    code
}

/// Writes every file under a temporary name beside it, then renames each
/// over its place: a failure before the renames changes nothing.
fn write_all(files: &[(PathBuf, String)]) -> std::io::Result<()> {
    let mut temps = Vec::new();
    let written = (|| {
        for (path, text) in files {
            let name = path.file_name().map_or("file".into(), |n| n.to_string_lossy().into_owned());
            let temp = path.with_file_name(format!(".{name}.l10n-tmp"));
            temps.push(temp.clone());
            let mut f = std::fs::File::create(&temp)?;
            f.write_all(text.as_bytes())?;
            f.sync_all()?;
            if let Ok(meta) = std::fs::metadata(path) {
                std::fs::set_permissions(&temp, meta.permissions())?;
            }
        }
        Ok(())
    })();
    if let Err(e) = written {
        for t in &temps {
            let _ = std::fs::remove_file(t);
        }
        return Err(e);
    }
    for ((path, _), temp) in files.iter().zip(&temps) {
        std::fs::rename(temp, path)?;
    }
    Ok(())
}
