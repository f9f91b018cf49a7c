//! `check`: from source files to diagnostics and, when clean, a [`FlowSet`].
//!
//! Every problem is collected (nothing stops at the first), each with a
//! location. The model is built only when there are no errors, which is what
//! lets the model promise that every link resolves.

use super::build::build;
use super::chars;
use super::diag::{Diagnostic, Severity, suggest};
use super::model::FlowSet;
pub use super::parse::parse_ron;
use super::raw::{LangText, RawBranch, RawFlow, RawFlowSet, RawNode, VarValue};
use super::source::{Pos, SourceFile};
use super::text::{Piece, TemplateError, pieces, placeholders};
use super::words::{KEYS, Words, runtime_params};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

/// At most this many choices fit on one screen.
pub const MAX_CHOICES: usize = 6;
/// Characters of patron text that fit on one screen at the kiosk's text size.
pub const MAX_TEXT: usize = 400;
/// Characters that fit on one choice button.
pub const MAX_LABEL: usize = 60;
/// Characters that fit on a home tile title.
pub const MAX_TITLE: usize = 40;

/// Every file of a flow set, read but not yet parsed.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    /// `flowset.ron`, if there is one.
    pub flowset: Option<SourceFile>,
    /// One file per flow.
    pub flows: Vec<SourceFile>,
    /// `branches/*.ron`.
    pub branches: Vec<SourceFile>,
    /// `words/<lang>.ron`.
    pub words: Vec<SourceFile>,
    /// Where they came from, for people ("flows/", "built-in defaults").
    pub origin: String,
    /// The name `flowset.ron` is reported under when it is missing.
    pub flowset_name: String,
    /// Files refused before parsing (too big, a link out of the folder,
    /// UTF-16, ...), relative to the flows folder (`printing.ron`,
    /// `words/es.ron`; a refused folder as `branches/`). Their refusal is
    /// reported where they were read, so nothing more is said about them (no
    /// missing `flowset.ron` or branch, no unknown flow named like them).
    pub unread: Vec<String>,
}

/// What to check beyond the files themselves.
pub struct Options<'a> {
    /// Check only this branch (None: every branch).
    pub branch: Option<String>,
    /// Whether a picture or icon exists in `assets/`.
    pub asset_exists: &'a dyn Fn(&str) -> bool,
}

/// What `check` found.
#[derive(Debug, Default)]
pub struct Report {
    /// Every problem, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// The checked set, when there were no errors.
    pub set: Option<FlowSet>,
    /// Flows parsed.
    pub flows: usize,
    /// Nodes parsed.
    pub nodes: usize,
    /// Branches parsed.
    pub branches: usize,
}

impl Report {
    /// How many errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// How many warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count()
    }

    /// The one summary line `check` ends with.
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        format!(
            "{}, {}, {}: {}, {}",
            plural(self.flows, "flow"),
            plural(self.nodes, "node"),
            plural(self.branches, "branch").replace("branchs", "branches"),
            plural(self.errors(), "error"),
            plural(self.warnings(), "warning"),
        )
    }
}

/// The top-level `id` of a file that did not parse, if it can be read.
fn top_level_id(file: &SourceFile) -> Option<String> {
    file.find(|l| l.key.as_deref() == Some("id") && l.path.len() == 1).map(|l| l.value.clone())
}

/// A place in a file: which list elements to look inside, which field, which
/// map key.
#[derive(Clone, Copy)]
struct At<'a> {
    within: &'a [(&'static str, usize)],
    field: Option<&'a str>,
    key: Option<&'a str>,
}

/// Finds where something is, falling back to coarser places rather than
/// failing: the exact literal, else anything in the field, else anything in
/// the element, else the start of the file.
fn locate(file: &SourceFile, at: At) -> (Pos, usize) {
    let in_scope = |l: &&super::source::Literal| {
        if at.within.is_empty() {
            !l.under("nodes") && !l.under("overrides")
        } else {
            at.within.iter().all(|(k, i)| l.inside(k, *i))
        }
    };
    let exact = file.find(|l| {
        in_scope(l)
            && at.field.is_none_or(|f| l.under(f) || l.key.as_deref() == Some(f))
            && at.key.is_none_or(|k| l.key.as_deref() == Some(k))
    });
    let found = exact
        .or_else(|| {
            at.field.and_then(|f| file.find(|l| in_scope(l) && (l.under(f) || l.key.as_deref() == Some(f))))
        })
        .or_else(|| file.find(|l| in_scope(l) && l.key.as_deref() == Some("id")))
        .or_else(|| file.find(in_scope));
    found.map_or((Pos::START, 1), |l| (l.pos, l.width))
}

struct Checker<'a> {
    diags: Vec<Diagnostic>,
    opts: &'a Options<'a>,
    languages: Vec<String>,
    declared_flags: BTreeMap<String, String>,
    declared_vars: BTreeMap<String, String>,
    /// Ids of flows and branches whose files did not parse: links to them
    /// are not reported again, since the file's own error says it all.
    broken: HashSet<String>,
    /// Whether `flowset.ron` parsed; if not, nothing counts as undeclared
    /// (that would only repeat its own error).
    manifest_ok: bool,
    /// Whether its `languages` are usable (not empty, no invisible
    /// characters); if not, no text is reported for missing or unknown
    /// languages, which would bury the one error in hundreds of warnings.
    languages_ok: bool,
    /// Every placeholder used in flow text, to check against each branch.
    uses: Vec<Use>,
}

/// One placeholder of a declared variable in one text. It holds no strings:
/// its position is worked out only if it is reported, so clean files are
/// never scanned for positions and checking allocates little.
#[derive(Clone, Copy)]
struct Use {
    file: usize,
    within: [(&'static str, usize); 2],
    depth: usize,
    field: &'static str,
    lang: usize,
    var: usize,
}

impl Use {
    fn place(&self, c: &Checker, file: &SourceFile) -> (Pos, usize) {
        let lang = c.languages.get(self.lang).map(String::as_str);
        let name = c.declared_vars.keys().nth(self.var).map_or("", String::as_str);
        let at = At { within: &self.within[..self.depth], field: Some(self.field), key: lang };
        let (pos, _) = locate(file, at);
        let token = format!("{{{name}}}");
        let offset = file
            .find(|l| l.pos == pos)
            .filter(|l| l.width == l.value.chars().count() + 2)
            .and_then(|l| l.value.find(&token).map(|b| l.value[..b].chars().count()));
        let pos = offset.map_or(pos, |o| Pos { line: pos.line, col: pos.col + 1 + o });
        (pos, token.chars().count())
    }

    fn name<'c>(&self, c: &'c Checker) -> &'c str {
        c.declared_vars.keys().nth(self.var).map_or("", String::as_str)
    }
}

/// Field names that hold patron text with placeholders.
const TEXT_FIELDS: &[&str] = &["text", "label", "title", "subtitle", "reason"];

/// Where a text (or a character offset inside it) is. The offset is exact
/// when the literal has no escapes; otherwise the literal's start.
fn text_pos(file: &SourceFile, at: At, value: &str, offset: Option<usize>) -> Pos {
    let (pos, _) = locate(file, at);
    let Some(offset) = offset else { return pos };
    let exact = file
        .find(|l| l.pos == pos && l.value == value)
        .is_some_and(|l| l.width == l.value.chars().count() + 2 && l.pos.line == pos.line);
    if exact { Pos { line: pos.line, col: pos.col + 1 + offset } } else { pos }
}

impl<'a> Checker<'a> {
    fn push(
        &mut self,
        file: &SourceFile,
        (pos, width): (Pos, usize),
        sev: Severity,
        code: &'static str,
        msg: String,
        hint: Option<String>,
    ) {
        let mut d = Diagnostic::new(sev, code, &file.name, pos, msg).width(width);
        d.hint = hint;
        self.diags.push(d);
    }

    /// Checks one patron text: languages, emptiness, length and placeholders.
    fn text(&mut self, file: &SourceFile, fi: usize, at: At, text: &LangText, what: &str, limit: usize) {
        let checked_languages = if self.languages_ok { self.languages.len() } else { 0 };
        for i in 0..checked_languages {
            let lang = &self.languages[i];
            if !text.contains_key(lang) {
                let langs = &self.languages;
                let (sev, hint) = if i == 0 {
                    (Severity::Error, format!("`{lang}` is the fallback language, so every text needs it"))
                } else {
                    (
                        Severity::Warning,
                        format!("add `\"{lang}\": \"...\"`; until then patrons see the `{}` text", langs[0]),
                    )
                };
                self.push(
                    file,
                    locate(file, At { key: None, ..at }),
                    sev,
                    "missing-translation",
                    format!("{what} has no `{lang}` translation"),
                    Some(hint),
                );
            }
        }
        for (lang, value) in text {
            let at_lang = At { key: Some(lang), ..at };
            let here = || locate(file, at_lang);
            if self.manifest_ok && self.languages_ok && !self.languages.contains(lang) {
                let known: Vec<&str> = self.languages.iter().map(String::as_str).collect();
                let (value_pos, _) = here();
                // The key is the literal just before the value.
                let key_at = file
                    .literals()
                    .iter()
                    .take_while(|l| l.pos < value_pos)
                    .filter(|l| l.value == *lang && l.key.is_none())
                    .last()
                    .map(|l| (l.pos, l.width));
                self.push(
                    file,
                    key_at.unwrap_or_else(here),
                    Severity::Warning,
                    "unknown-language",
                    format!("{what} has text in `{lang}`, which `flowset.ron` does not list"),
                    suggest(lang, &known, "languages listed")
                        .or(Some("add it to `languages` in `flowset.ron`, or remove it".into())),
                );
            }
            if value.trim().is_empty() {
                self.push(
                    file,
                    here(),
                    Severity::Error,
                    "empty-text",
                    format!("{what} is empty in `{lang}`"),
                    Some("write the text, or remove the entry".into()),
                );
                continue;
            }
            hidden_in_text(self, file, at_lang, value, &format!("{what} in `{lang}`"));
            let count = value.chars().count();
            if count > limit {
                self.push(
                    file,
                    here(),
                    Severity::Warning,
                    "too-long",
                    format!("{what} is {count} characters in `{lang}`; at most {limit} fit"),
                    Some("split it into two steps, one action each".into()),
                );
            }
            if !value.contains(['{', '}']) {
                continue;
            }
            match pieces(value) {
                Err(e) => {
                    let (offset, msg, hint) = match e {
                        TemplateError::Unclosed(o) => (
                            o,
                            format!("{what} has a `{{` that is never closed"),
                            "close it with `}`, or write `{{` for a brace",
                        ),
                        TemplateError::StrayClose(o) => {
                            (o, format!("{what} has a `}}` with no `{{`"), "write `}}` for a brace")
                        }
                        TemplateError::BadName(o, n) => (
                            o,
                            format!("`{{{n}}}` is not a placeholder name"),
                            "names are one word: letters, digits and _",
                        ),
                    };
                    let pos = text_pos(file, at_lang, value, Some(offset));
                    self.push(file, (pos, 1), Severity::Error, "placeholder", msg, Some(hint.into()));
                }
                Ok(parts) => {
                    let names = parts.iter().filter_map(|p| match p {
                        Piece::Var(v) => Some(*v),
                        Piece::Text(_) => None,
                    });
                    for name in names {
                        let var = self.declared_vars.keys().position(|k| k == name);
                        let field = TEXT_FIELDS.iter().find(|f| Some(**f) == at.field);
                        let lang_index = self.languages.iter().position(|l| l == lang);
                        if let (Some(var), Some(field), Some(lang_index)) = (var, field, lang_index) {
                            let mut within = [("", 0); 2];
                            let depth = at.within.len().min(2);
                            within[..depth].copy_from_slice(&at.within[..depth]);
                            self.uses.push(Use { file: fi, within, depth, field, lang: lang_index, var });
                        } else if self.manifest_ok && var.is_none() {
                            let pos = text_pos(
                                file,
                                at_lang,
                                value,
                                value.find(&format!("{{{name}}}")).map(|b| value[..b].chars().count()),
                            );
                            let known: Vec<&str> = self.declared_vars.keys().map(String::as_str).collect();
                            self.push(
                                file,
                                (pos, name.chars().count() + 2),
                                Severity::Error,
                                "undeclared-placeholder",
                                format!("placeholder `{{{name}}}` is not declared in `flowset.ron`"),
                                suggest(name, &known, "placeholders declared")
                                    .or(Some("declare it under `vars` in `flowset.ron`".into())),
                            );
                        }
                    }
                }
            }
        }
    }

    fn asset(&mut self, file: &SourceFile, at: At, name: &str, what: &str) {
        if !(self.opts.asset_exists)(name) {
            self.push(
                file,
                locate(file, at),
                Severity::Warning,
                "missing-picture",
                format!("{what} `{name}` is not in `assets/`"),
                Some("the kiosk shows no picture until the file is there".into()),
            );
        }
    }
}

/// Checks a whole flow set.
pub fn check(sources: &Sources, opts: &Options) -> Report {
    let mut c = Checker {
        diags: Vec::new(),
        opts,
        languages: vec!["en".into()],
        declared_flags: BTreeMap::new(),
        declared_vars: BTreeMap::new(),
        manifest_ok: false,
        languages_ok: true,
        broken: HashSet::new(),
        uses: Vec::new(),
    };
    let empty = SourceFile::new(sources.flowset_name.clone(), "");
    let manifest_file = sources.flowset.as_ref().unwrap_or(&empty);
    let manifest: Option<RawFlowSet> = match &sources.flowset {
        None if sources.unread.iter().any(|u| u == "flowset.ron") => None,
        None => {
            c.push(
                manifest_file,
                (Pos::START, 1),
                Severity::Error,
                "missing-file",
                "the flow set has no `flowset.ron`".into(),
                Some("it names the languages, flags and placeholders; see docs/flow-format.md".into()),
            );
            None
        }
        Some(f) => match parse_ron::<RawFlowSet>(f) {
            Ok(m) => Some(m),
            Err(d) => {
                c.diags.push(*d);
                None
            }
        },
    };
    if let Some(m) = &manifest {
        if m.languages.is_empty() {
            // `[]` holds no text to point at: point at the field's name.
            let at = manifest_file.text.find("languages:").map_or_else(
                || locate(manifest_file, At { within: &[], field: Some("languages"), key: None }),
                |b| (manifest_file.pos_of_byte(b), "languages".len()),
            );
            c.push(
                manifest_file,
                at,
                Severity::Error,
                "no-languages",
                "`languages` is empty".into(),
                Some("list at least one, such as [\"en\"]".into()),
            );
        } else {
            c.languages = m.languages.clone();
        }
        c.languages_ok = !m.languages.is_empty()
            && m.languages.iter().all(|l| !l.trim().is_empty() && chars::find(l, chars::is_hidden).is_none());
        c.manifest_ok = true;
        c.declared_flags = m.flags.clone();
        c.declared_vars = m.vars.clone();
        declared_names(&mut c, manifest_file, m);
    }

    // Parse every flow.
    let mut raws: Vec<(usize, RawFlow)> = Vec::new();
    c.broken.extend(sources.unread.iter().filter_map(|u| file_stem(u)));
    for (fi, file) in sources.flows.iter().enumerate() {
        match parse_ron::<RawFlow>(file) {
            Ok(f) => raws.push((fi, f)),
            Err(d) => {
                c.diags.push(*d);
                c.broken.extend(top_level_id(file));
                // An empty file has no id: flows are named like their files.
                c.broken.extend(file_stem(&file.name));
            }
        }
    }
    let mut report = Report {
        flows: raws.len(),
        nodes: raws.iter().map(|(_, f)| f.nodes.len()).sum(),
        ..Report::default()
    };

    // Flow ids and home order.
    let mut flow_ids: HashMap<&str, usize> = HashMap::new();
    for (k, (fi, f)) in raws.iter().enumerate() {
        if let Some(&first) = flow_ids.get(f.id.as_str()) {
            let file = &sources.flows[*fi];
            let first_file = &sources.flows[raws[first].0];
            let (pos, _) = locate(first_file, At { within: &[], field: Some("id"), key: Some("id") });
            c.push(
                file,
                locate(file, At { within: &[], field: Some("id"), key: Some("id") }),
                Severity::Error,
                "duplicate-id",
                format!("flow id `{}` is used twice", f.id),
                Some(format!("first used at {}:{}:{}", first_file.name, pos.line, pos.col)),
            );
        } else {
            flow_ids.insert(f.id.as_str(), k);
        }
    }
    let all_flow_ids: Vec<&str> = raws.iter().map(|(_, f)| f.id.as_str()).collect();
    if let Some(m) = &manifest {
        for id in &m.order {
            if !flow_ids.contains_key(id.as_str()) && !c.broken.contains(id) {
                let here = manifest_file
                    .find(|l| l.under("order") && l.value == *id)
                    .map_or((Pos::START, 1), |l| (l.pos, l.width));
                c.push(
                    manifest_file,
                    here,
                    Severity::Error,
                    "unknown-flow",
                    format!("`order` names flow `{id}`, which does not exist"),
                    suggest(id, &all_flow_ids, "flows"),
                );
            }
        }
    }

    // Each flow on its own.
    let mut indexes: Vec<HashMap<&str, usize>> = Vec::new();
    for (fi, f) in &raws {
        indexes.push(check_flow(&mut c, &sources.flows[*fi], *fi, f, &flow_ids, &all_flow_ids));
    }

    // Goto chains that never reach a screen.
    let looping = start_goto_loops(&raws, &indexes, &flow_ids);
    for ((fi, f), _) in raws.iter().zip(&looping).filter(|(_, l)| **l) {
        let file = &sources.flows[*fi];
        c.push(
            file,
            locate(file, At { within: &[], field: Some("start"), key: Some("start") }),
            Severity::Error,
            "goto-loop",
            format!("flow `{}` starts with a goto that leads back to itself", f.id),
            Some("make one of these flows start with a step or a question".into()),
        );
    }

    // Branches.
    let mut branches: Vec<(usize, RawBranch)> = Vec::new();
    for (bi, file) in sources.branches.iter().enumerate() {
        match parse_ron::<RawBranch>(file) {
            Ok(b) => branches.push((bi, b)),
            Err(d) => {
                c.diags.push(*d);
                c.broken.extend(top_level_id(file));
                c.broken.extend(file_stem(&file.name));
            }
        }
    }
    report.branches = branches.len();
    let mut branch_ids: HashSet<String> = HashSet::new();
    for (bi, b) in &branches {
        let file = &sources.branches[*bi];
        if !branch_ids.insert(b.id.clone()) {
            let first =
                branches.iter().find(|(_, other)| other.id == b.id).map(|(i, _)| &sources.branches[*i]);
            let hint = first.map_or("give each branch its own id".to_string(), |f| {
                let (pos, _) = locate(f, At { within: &[], field: Some("id"), key: Some("id") });
                format!("first used at {}:{}:{}; give each branch its own id", f.name, pos.line, pos.col)
            });
            c.push(
                file,
                locate(file, At { within: &[], field: Some("id"), key: Some("id") }),
                Severity::Error,
                "duplicate-id",
                format!("branch id `{}` is used twice", b.id),
                Some(hint),
            );
        }
        check_branch(&mut c, file, b, &raws, &indexes, &flow_ids, &all_flow_ids);
    }
    if let Some(only) = &opts.branch
        && !branch_ids.contains(only)
        && !c.broken.contains(only)
    {
        let known: Vec<&str> = branches.iter().map(|(_, b)| b.id.as_str()).collect();
        c.push(
            manifest_file,
            (Pos::START, 1),
            Severity::Error,
            "unknown-branch",
            format!("there is no branch `{only}`"),
            suggest(only, &known, "branches"),
        );
    }

    // Words.
    let mut words = Words::default();
    let mut word_langs = BTreeSet::new();
    for file in &sources.words {
        let lang = lang_of(file);
        if c.manifest_ok && c.languages_ok && !c.languages.contains(&lang) {
            c.push(
                file,
                (Pos::START, 1),
                Severity::Warning,
                "unknown-language",
                format!("`{lang}` is not one of the languages in `flowset.ron`"),
                Some("add it to `languages` in `flowset.ron`, or remove this file".into()),
            );
        }
        match parse_ron::<BTreeMap<String, String>>(file) {
            Ok(map) => {
                check_words(&mut c, file, &lang, &map);
                word_langs.insert(lang.clone());
                words.0.insert(lang, map);
            }
            Err(d) => c.diags.push(*d),
        }
    }
    for (i, lang) in c.languages.clone().iter().enumerate() {
        if c.languages_ok
            && !word_langs.contains(lang)
            && !sources.words.iter().any(|w| w.name.ends_with(&format!("{lang}.ron")))
            && !sources.unread.iter().any(|u| *u == format!("words/{lang}.ron") || u == "words/")
        {
            let here = manifest_file
                .find(|l| l.under("languages") && l.value == *lang)
                .map_or((Pos::START, 1), |l| (l.pos, l.width));
            let sev = if i == 0 { Severity::Error } else { Severity::Warning };
            c.push(
                manifest_file,
                here,
                sev,
                "missing-translation",
                format!("the kiosk's words have no `{lang}` translation"),
                Some(format!(
                    "add `words/{lang}.ron` (copy `words/{}.ron` and translate it)",
                    c.languages[0]
                )),
            );
        }
    }

    // Placeholders each checked branch must fill.
    for (bi, b) in &branches {
        let branch_file = sources.branches[*bi].name.clone();
        if opts.branch.as_ref().is_some_and(|only| *only != b.id) {
            continue;
        }
        for i in 0..c.uses.len() {
            let u = c.uses[i];
            let name = u.name(&c).to_string();
            if !b.vars.contains_key(&name)
                && let Some(file) = sources.flows.get(u.file)
            {
                let place = u.place(&c, file);
                c.push(
                    file,
                    place,
                    Severity::Error,
                    "undefined-placeholder",
                    format!("placeholder `{{{name}}}` is not defined at branch `{}`", b.id),
                    Some(format!("add `\"{name}\": \"...\"` to `vars` in {branch_file}")),
                );
            }
        }
        // The kiosk's words fill branch values too ("Please go to {help_desk}").
        for file in &sources.words {
            let Some(map) = words.0.get(&lang_of(file)) else { continue };
            for (key, value) in map {
                for name in placeholders(value) {
                    if c.declared_vars.contains_key(name) && !b.vars.contains_key(name) {
                        let token = format!("{{{name}}}");
                        let at = At { within: &[], field: None, key: Some(key) };
                        let offset = value.find(&token).map(|i| value[..i].chars().count());
                        let pos = text_pos(file, at, value, offset);
                        c.push(
                            file,
                            (pos, token.chars().count()),
                            Severity::Error,
                            "undefined-placeholder",
                            format!("word `{key}` uses `{token}`, which is not defined at branch `{}`", b.id),
                            Some(format!("add `\"{name}\": \"...\"` to `vars` in {branch_file}")),
                        );
                    }
                }
            }
        }
        check_branch_paths(&mut c, b, &raws, &flow_ids, &sources.flows);
    }
    if c.manifest_ok
        && sources.branches.is_empty()
        && !sources.unread.iter().any(|u| u.starts_with("branches/"))
    {
        c.push(
            manifest_file,
            (Pos::START, 1),
            Severity::Error,
            "no-branches",
            "the flow set has no branch".into(),
            Some("add `branches/<id>.ron` with the branch's name and its values for the placeholders".into()),
        );
    }

    c.diags.sort_by(|a, b| (a.file.as_str(), a.line, a.column).cmp(&(b.file.as_str(), b.line, b.column)));
    c.diags.dedup();
    report.diagnostics = c.diags;
    if report.errors() == 0 {
        // Owned lookups, so the raw flows can move into the model.
        let flow_ids: HashMap<String, usize> =
            flow_ids.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let indexes: Vec<HashMap<String, usize>> =
            indexes.into_iter().map(|i| i.into_iter().map(|(k, v)| (k.to_string(), v)).collect()).collect();
        report.set = Some(build(sources, manifest, raws, &indexes, branches, words, &flow_ids));
    }
    report
}

/// For each flow, whether following the gotos its start node is (and the
/// starts of the flows they lead to) comes round to a flow already passed,
/// so a patron would never see a screen. Each flow leads to at most one
/// other this way, so one pass with a memo is linear in the number of flows
/// (following every chain from every flow was cubic in a long chain).
fn start_goto_loops(
    raws: &[(usize, RawFlow)],
    indexes: &[HashMap<&str, usize>],
    flow_ids: &HashMap<&str, usize>,
) -> Vec<bool> {
    let next = |k: usize| -> Option<usize> {
        let g = &raws[k].1;
        match indexes[k].get(g.start.as_str()).map(|&n| &g.nodes[n]) {
            Some(RawNode::Goto { flow, .. }) => flow_ids.get(flow.as_str()).copied(),
            _ => None,
        }
    };
    // 0: not seen yet, 1: on the chain being followed, 2: answered.
    let mut state = vec![0u8; raws.len()];
    let mut looping = vec![false; raws.len()];
    for k in 0..raws.len() {
        let mut chain = Vec::new();
        let mut cur = Some(k);
        let answer = loop {
            let Some(n) = cur else { break false };
            match state[n] {
                2 => break looping[n],
                1 => break true,
                _ => {}
            }
            state[n] = 1;
            chain.push(n);
            cur = next(n);
        };
        for n in chain {
            state[n] = 2;
            looping[n] = answer;
        }
    }
    looping
}

#[allow(clippy::too_many_lines)]
fn check_flow<'r>(
    c: &mut Checker,
    file: &SourceFile,
    fi: usize,
    f: &'r RawFlow,
    flow_ids: &HashMap<&str, usize>,
    all_flow_ids: &[&str],
) -> HashMap<&'r str, usize> {
    let top = |field: &'static str| At { within: &[], field: Some(field), key: None };
    if f.id.trim().is_empty() || f.id.contains(char::is_whitespace) {
        c.push(
            file,
            locate(file, At { within: &[], field: Some("id"), key: Some("id") }),
            Severity::Error,
            "bad-id",
            format!("flow id `{}` is empty or has spaces", f.id),
            Some("use a short name like `printing` (letters, digits, _ or -)".into()),
        );
    } else {
        let place = locate(file, At { within: &[], field: Some("id"), key: Some("id") });
        hidden_in_id(c, file, place, &f.id, "flow id");
    }
    c.text(file, fi, top("title"), &f.title, "the title", MAX_TITLE);
    if let Some(s) = &f.subtitle {
        c.text(file, fi, top("subtitle"), s, "the subtitle", MAX_LABEL);
    }
    c.asset(file, At { within: &[], field: Some("icon"), key: Some("icon") }, &f.icon, "icon");

    let mut index: HashMap<&str, usize> = HashMap::new();
    for (k, node) in f.nodes.iter().enumerate() {
        let id = node_id(node);
        let within = [("nodes", k)];
        if let Some(&first) = index.get(id) {
            let (pos, _) =
                locate(file, At { within: &[("nodes", first)], field: Some("id"), key: Some("id") });
            c.push(
                file,
                locate(file, At { within: &within, field: Some("id"), key: Some("id") }),
                Severity::Error,
                "duplicate-id",
                format!("node id `{id}` is used twice in flow `{}`", f.id),
                Some(format!("first used at line {}", pos.line)),
            );
        } else {
            index.insert(id, k);
        }
        if id.trim().is_empty() {
            c.push(
                file,
                locate(file, At { within: &within, field: Some("id"), key: Some("id") }),
                Severity::Error,
                "empty-id",
                "a node has an empty id".into(),
                Some("give it a short name such as `check_paper`".into()),
            );
        } else {
            let place = locate(file, At { within: &within, field: Some("id"), key: Some("id") });
            hidden_in_id(c, file, place, id, "node id");
        }
    }
    let ids: Vec<&str> = f.nodes.iter().map(node_id).collect();
    let target = |c: &mut Checker,
                  within: &[(&'static str, usize)],
                  field: &str,
                  to: &str,
                  what: String|
     -> Option<usize> {
        if let Some(&n) = index.get(to) {
            return Some(n);
        }
        c.push(
            file,
            locate(file, At { within, field: Some(field), key: Some(field) }),
            Severity::Error,
            "unknown-target",
            format!("unknown node `{to}` in {what}"),
            suggest(to, &ids, "nodes").or(Some("add a node with that id, or fix the name".into())),
        );
        None
    };

    let start = if f.start.is_empty() || !index.contains_key(f.start.as_str()) {
        c.push(
            file,
            locate(file, top("start")),
            Severity::Error,
            "missing-start",
            format!("flow `{}` starts at `{}`, which is not one of its nodes", f.id, f.start),
            suggest(&f.start, &ids, "nodes"),
        );
        None
    } else {
        index.get(f.start.as_str()).copied()
    };

    // Edges, for reachability.
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); f.nodes.len()];
    for (k, node) in f.nodes.iter().enumerate() {
        let within = [("nodes", k)];
        let at = |field: &'static str| At { within: &within, field: Some(field), key: None };
        match node {
            RawNode::Step { id, text, picture, next } => {
                c.text(file, fi, at("text"), text, &format!("the text of `{id}`"), MAX_TEXT);
                if let Some(p) = picture {
                    c.asset(
                        file,
                        At { within: &within, field: Some("picture"), key: Some("picture") },
                        p,
                        "picture",
                    );
                }
                if let Some(n) = target(c, &within, "next", next, format!("`next` of `{id}`")) {
                    edges[k].push(n);
                }
            }
            RawNode::Question { id, text, picture, choices } => {
                c.text(file, fi, at("text"), text, &format!("the question `{id}`"), MAX_TEXT);
                if let Some(p) = picture {
                    c.asset(
                        file,
                        At { within: &within, field: Some("picture"), key: Some("picture") },
                        p,
                        "picture",
                    );
                }
                if choices.is_empty() {
                    c.push(
                        file,
                        locate(file, at("choices")),
                        Severity::Error,
                        "dead-end",
                        format!("question `{id}` has no choices, so a patron would be stuck"),
                        Some("add at least one choice".into()),
                    );
                }
                if choices.len() > MAX_CHOICES {
                    c.push(
                        file,
                        locate(
                            file,
                            At {
                                within: &[("nodes", k), ("choices", MAX_CHOICES)],
                                field: Some("label"),
                                key: None,
                            },
                        ),
                        Severity::Error,
                        "too-many-choices",
                        format!(
                            "question `{id}` has {} choices; at most {MAX_CHOICES} fit on a screen",
                            choices.len()
                        ),
                        Some("group some choices behind a follow-up question".into()),
                    );
                }
                for (j, ch) in choices.iter().enumerate() {
                    let w = [("nodes", k), ("choices", j)];
                    c.text(
                        file,
                        fi,
                        At { within: &w, field: Some("label"), key: None },
                        &ch.label,
                        &format!("choice {} of `{id}`", j + 1),
                        MAX_LABEL,
                    );
                    if let Some(n) = target(c, &w, "to", &ch.to, format!("choice {} of `{id}`", j + 1)) {
                        edges[k].push(n);
                    }
                    if let Some(flag) = &ch.when
                        && c.manifest_ok
                        && !c.declared_flags.contains_key(flag)
                    {
                        let known: Vec<&str> = c.declared_flags.keys().map(String::as_str).collect();
                        c.push(
                            file,
                            locate(file, At { within: &w, field: Some("when"), key: Some("when") }),
                            Severity::Error,
                            "undeclared-flag",
                            format!("flag `{flag}` is not declared in `flowset.ron`"),
                            suggest(flag, &known, "flags declared")
                                .or(Some("declare it under `flags` in `flowset.ron`".into())),
                        );
                    }
                }
            }
            RawNode::Solved { id, text } => {
                c.text(file, fi, at("text"), text, &format!("the ending `{id}`"), MAX_TEXT);
            }
            RawNode::Handoff { id, reason, note, policy, .. } => {
                c.text(file, fi, at("reason"), reason, &format!("the reason of `{id}`"), MAX_TEXT);
                let note_at = At { within: &within, field: Some("note"), key: Some("note") };
                hidden_in_text(c, file, note_at, note, &format!("the staff note of `{id}`"));
                if let Some(p) = policy {
                    let policy_at = At { within: &within, field: Some("policy"), key: Some("text") };
                    hidden_in_text(c, file, policy_at, &p.text, &format!("the policy of `{id}`"));
                }
                if note.trim().is_empty() {
                    c.push(
                        file,
                        locate(file, At { within: &within, field: Some("note"), key: Some("note") }),
                        Severity::Error,
                        "empty-text",
                        format!("the staff note of `{id}` is empty"),
                        Some("say what staff should check first".into()),
                    );
                }
                if let Some(p) = policy
                    && p.text.trim().is_empty()
                {
                    c.push(
                        file,
                        locate(file, at("policy")),
                        Severity::Error,
                        "empty-text",
                        format!("the policy of `{id}` is empty"),
                        Some("state the rule, or remove `policy`".into()),
                    );
                }
            }
            RawNode::Goto { id, flow } => {
                if !flow_ids.contains_key(flow.as_str()) && !c.broken.contains(flow) {
                    c.push(
                        file,
                        locate(file, At { within: &within, field: Some("flow"), key: Some("flow") }),
                        Severity::Error,
                        "unknown-flow",
                        format!("goto `{id}` names flow `{flow}`, which does not exist"),
                        suggest(flow, all_flow_ids, "flows"),
                    );
                }
            }
        }
    }

    // Unreachable nodes, and nodes from which no ending can be reached.
    if let Some(start) = start {
        let mut seen = vec![false; f.nodes.len()];
        let mut queue = VecDeque::from([start]);
        seen[start] = true;
        while let Some(n) = queue.pop_front() {
            for &m in &edges[n] {
                if !seen[m] {
                    seen[m] = true;
                    queue.push_back(m);
                }
            }
        }
        let mut reverse: Vec<Vec<usize>> = vec![Vec::new(); f.nodes.len()];
        for (n, out) in edges.iter().enumerate() {
            for &m in out {
                reverse[m].push(n);
            }
        }
        let mut can_end = vec![false; f.nodes.len()];
        let mut queue: VecDeque<usize> = f
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| {
                matches!(n, RawNode::Solved { .. } | RawNode::Handoff { .. } | RawNode::Goto { .. })
            })
            .map(|(i, _)| i)
            .collect();
        for &q in &queue {
            can_end[q] = true;
        }
        while let Some(n) = queue.pop_front() {
            for &m in &reverse[n] {
                if !can_end[m] {
                    can_end[m] = true;
                    queue.push_back(m);
                }
            }
        }
        for (k, node) in f.nodes.iter().enumerate() {
            let here = || locate(file, At { within: &[("nodes", k)], field: Some("id"), key: Some("id") });
            let duplicate = index.get(node_id(node)).is_some_and(|&first| first != k);
            if !seen[k] && !duplicate {
                c.push(
                    file,
                    here(),
                    Severity::Warning,
                    "unreachable",
                    format!("node `{}` cannot be reached from `{}`", node_id(node), f.start),
                    Some("link to it from a choice or a `next`, or remove it".into()),
                );
            } else if !can_end[k] && !edges[k].is_empty() {
                c.push(
                    file,
                    here(),
                    Severity::Error,
                    "no-way-out",
                    format!("from node `{}` no ending can be reached", node_id(node)),
                    Some(
                        "the path loops forever; give one of its questions a choice that leads to an ending"
                            .into(),
                    ),
                );
            }
        }
    }
    index
}

#[allow(clippy::too_many_arguments)]
fn check_branch(
    c: &mut Checker,
    file: &SourceFile,
    b: &RawBranch,
    raws: &[(usize, RawFlow)],
    indexes: &[HashMap<&str, usize>],
    flow_ids: &HashMap<&str, usize>,
    all_flow_ids: &[&str],
) {
    if b.id.trim().is_empty() || b.id.contains(char::is_whitespace) {
        c.push(
            file,
            locate(file, At { within: &[], field: Some("id"), key: Some("id") }),
            Severity::Error,
            "bad-id",
            format!("branch id `{}` is empty or has spaces", b.id),
            Some("use a short name like `central` (letters, digits, _ or -)".into()),
        );
    } else {
        let place = locate(file, At { within: &[], field: Some("id"), key: Some("id") });
        hidden_in_id(c, file, place, &b.id, "branch id");
    }
    hidden_in_text(
        c,
        file,
        At { within: &[], field: Some("name"), key: Some("name") },
        &b.name,
        "the branch name",
    );
    if b.name.trim().is_empty() {
        c.push(
            file,
            locate(file, At { within: &[], field: Some("name"), key: Some("name") }),
            Severity::Error,
            "empty-text",
            format!("branch `{}` has an empty name", b.id),
            None,
        );
    }
    let known_flags: Vec<String> = c.declared_flags.keys().cloned().collect();
    let known_flags: Vec<&str> = known_flags.iter().map(String::as_str).collect();
    for flag in &b.flags {
        if c.manifest_ok && !c.declared_flags.contains_key(flag) {
            let here = file
                .find(|l| l.under("flags") && l.value == *flag)
                .map_or((Pos::START, 1), |l| (l.pos, l.width));
            c.push(
                file,
                here,
                Severity::Error,
                "undeclared-flag",
                format!("flag `{flag}` is not declared in `flowset.ron`"),
                suggest(flag, &known_flags, "flags declared"),
            );
        }
    }
    let known_vars: Vec<String> = c.declared_vars.keys().cloned().collect();
    let known_vars: Vec<&str> = known_vars.iter().map(String::as_str).collect();
    for (name, value) in &b.vars {
        let here = file
            .find(|l| l.under("vars") && l.key.as_deref() == Some(name))
            .map_or((Pos::START, 1), |l| (l.pos, l.width));
        if c.manifest_ok && !c.declared_vars.contains_key(name) {
            c.push(
                file,
                here,
                Severity::Warning,
                "unknown-variable",
                format!("variable `{name}` is not declared in `flowset.ron`"),
                suggest(name, &known_vars, "variables declared")
                    .or(Some("no flow can use it until it is declared".into())),
            );
        }
        match value {
            VarValue::Same(v) if v.trim().is_empty() => {
                c.push(
                    file,
                    here,
                    Severity::Error,
                    "empty-text",
                    format!("variable `{name}` is empty"),
                    None,
                );
            }
            VarValue::Same(v) => {
                let at = At { within: &[], field: Some("vars"), key: Some(name.as_str()) };
                hidden_in_text(c, file, at, v, &format!("variable `{name}`"));
            }
            VarValue::PerLanguage(text) => {
                let at = At { within: &[], field: Some(name.as_str()), key: None };
                c.text(file, usize::MAX, at, text, &format!("variable `{name}`"), MAX_LABEL);
            }
        }
    }
    for flow in &b.hide_flows {
        if !flow_ids.contains_key(flow.as_str()) && !c.broken.contains(flow) {
            let here = file
                .find(|l| l.under("hide_flows") && l.value == *flow)
                .map_or((Pos::START, 1), |l| (l.pos, l.width));
            c.push(
                file,
                here,
                Severity::Error,
                "unknown-flow",
                format!("`hide_flows` names flow `{flow}`, which does not exist"),
                suggest(flow, all_flow_ids, "flows"),
            );
        }
    }
    for (i, o) in b.overrides.iter().enumerate() {
        let w = [("overrides", i)];
        let Some(&k) = flow_ids.get(o.flow.as_str()) else {
            if c.broken.contains(&o.flow) {
                continue;
            }
            c.push(
                file,
                locate(file, At { within: &w, field: Some("flow"), key: Some("flow") }),
                Severity::Error,
                "unknown-flow",
                format!("override {} names flow `{}`, which does not exist", i + 1, o.flow),
                suggest(&o.flow, all_flow_ids, "flows"),
            );
            continue;
        };
        let Some(&n) = indexes[k].get(o.node.as_str()) else {
            let ids: Vec<&str> = raws[k].1.nodes.iter().map(node_id).collect();
            c.push(
                file,
                locate(file, At { within: &w, field: Some("node"), key: Some("node") }),
                Severity::Error,
                "unknown-target",
                format!("override {} names node `{}`, which is not in flow `{}`", i + 1, o.node, o.flow),
                suggest(&o.node, &ids, "nodes"),
            );
            continue;
        };
        if matches!(raws[k].1.nodes[n], RawNode::Goto { .. }) {
            c.push(
                file,
                locate(file, At { within: &w, field: Some("node"), key: Some("node") }),
                Severity::Error,
                "bad-override",
                format!("override {} names goto `{}`, which has no text", i + 1, o.node),
                None,
            );
        }
        // Override text is checked like flow text; its placeholders must be
        // filled by this branch.
        let before = c.uses.len();
        c.text(
            file,
            usize::MAX,
            At { within: &w, field: Some("text"), key: None },
            &o.text,
            &format!("override {}", i + 1),
            MAX_TEXT,
        );
        let new: Vec<_> = c.uses.drain(before..).collect();
        let checked = c.opts.branch.as_ref().is_none_or(|only| *only == b.id);
        for u in new.into_iter().filter(|_| checked) {
            let name = u.name(c).to_string();
            if !b.vars.contains_key(&name) {
                let place = u.place(c, file);
                c.push(
                    file,
                    place,
                    Severity::Error,
                    "undefined-placeholder",
                    format!("placeholder `{{{name}}}` is not defined at branch `{}`", b.id),
                    Some(format!("add `\"{name}\": \"...\"` to `vars`")),
                );
            }
        }
    }
}

/// Problems that only show at one branch: a question whose every choice is
/// hidden by flags, a goto into a hidden flow.
fn check_branch_paths(
    c: &mut Checker,
    b: &RawBranch,
    raws: &[(usize, RawFlow)],
    flow_ids: &HashMap<&str, usize>,
    files: &[SourceFile],
) {
    for (fi, f) in raws {
        if b.hide_flows.contains(&f.id) {
            continue;
        }
        let file = &files[*fi];
        for (k, node) in f.nodes.iter().enumerate() {
            match node {
                RawNode::Question { id, choices, .. }
                    if !choices.is_empty()
                        && choices
                            .iter()
                            .all(|ch| ch.when.as_ref().is_some_and(|w| !b.flags.contains(w))) =>
                {
                    c.push(
                        file,
                        locate(file, At { within: &[("nodes", k)], field: Some("id"), key: Some("id") }),
                        Severity::Error,
                        "dead-end",
                        format!("at branch `{}` every choice of `{id}` is hidden by its flag", b.id),
                        Some("add a choice without `when`, such as one that leads to staff".into()),
                    );
                }
                RawNode::Goto { id, flow }
                    if b.hide_flows.contains(flow) && flow_ids.contains_key(flow.as_str()) =>
                {
                    c.push(
                        file,
                        locate(file, At { within: &[("nodes", k)], field: Some("flow"), key: Some("flow") }),
                        Severity::Error,
                        "hidden-flow",
                        format!("goto `{id}` leads to flow `{flow}`, which branch `{}` hides", b.id),
                        Some("show the flow at that branch, or lead somewhere else".into()),
                    );
                }
                _ => {}
            }
        }
    }
}

fn check_words(c: &mut Checker, file: &SourceFile, lang: &str, map: &BTreeMap<String, String>) {
    let keys: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
    for (key, value) in map {
        let here = || {
            file.find(|l| l.value == *key && l.key.is_none()).map_or((Pos::START, 1), |l| (l.pos, l.width))
        };
        if !keys.contains(&key.as_str()) {
            c.push(
                file,
                here(),
                Severity::Error,
                "unknown-word",
                format!("`{key}` is not one of the kiosk's words"),
                suggest(key, &keys, "words"),
            );
            continue;
        }
        if value.trim().is_empty() {
            c.push(
                file,
                here(),
                Severity::Error,
                "empty-text",
                format!("word `{key}` is empty"),
                Some("write the text, or remove the entry to use the fallback language".into()),
            );
        }
        let at = At { within: &[], field: None, key: Some(key) };
        hidden_in_text(c, file, at, value, &format!("word `{key}`"));
        if let Err(e) = pieces(value) {
            let offset = match e {
                TemplateError::Unclosed(o) | TemplateError::StrayClose(o) | TemplateError::BadName(o, _) => o,
            };
            let at = At { within: &[], field: None, key: Some(key) };
            c.push(
                file,
                (text_pos(file, at, value, Some(offset)), 1),
                Severity::Error,
                "placeholder",
                format!("word `{key}` has a brace that is not a placeholder"),
                Some("placeholders look like `{help_desk}`; write `{{` or `}}` for a brace".into()),
            );
        }
        for name in placeholders(value) {
            if c.manifest_ok && !c.declared_vars.contains_key(name) && !runtime_params(key).contains(&name) {
                let mut allowed: Vec<&str> = runtime_params(key).to_vec();
                allowed.extend(c.declared_vars.keys().map(String::as_str));
                let token = format!("{{{name}}}");
                let at = At { within: &[], field: None, key: Some(key) };
                let offset = value.find(&token).map(|b| value[..b].chars().count());
                let pos = text_pos(file, at, value, offset);
                c.push(
                    file,
                    (pos, token.chars().count()),
                    Severity::Error,
                    "undeclared-placeholder",
                    format!("word `{key}` uses `{token}`, which is not available"),
                    suggest(name, &allowed, "placeholders available"),
                );
            }
        }
    }
    let fallback = c.languages.first().cloned().unwrap_or_default();
    // Missing words go before the closing brace of the map.
    let end = file.text.rfind('}').map_or(Pos::START, |b| file.pos_of_byte(b));
    for (key, meaning) in KEYS {
        if !map.contains_key(*key) {
            let sev = if lang == fallback { Severity::Error } else { Severity::Warning };
            c.push(
                file,
                (end, 1),
                sev,
                "missing-translation",
                format!("the word `{key}` has no `{lang}` translation"),
                Some(format!("add `\"{key}\": \"...\"`: {meaning}")),
            );
        }
    }
}

/// An error when an id holds a control or invisible character: `wifi` and
/// `wifi` with a zero-width space would be two ids that look the same.
fn hidden_in_id(c: &mut Checker, file: &SourceFile, place: (Pos, usize), id: &str, what: &str) {
    if let Some((_, ch)) = chars::find(id, chars::is_hidden) {
        c.push(
            file,
            place,
            Severity::Error,
            "invisible-character",
            format!("{what} `{}` has {}", chars::shown(id), chars::describe(ch)),
            Some("retype it: ids are letters, digits, `_` and `-`, with nothing invisible".into()),
        );
    }
}

/// A warning when patron or staff text holds a control character (other
/// than a line break) or an invisible one: nobody sees it, and bidirectional
/// controls reorder the text around them.
fn hidden_in_text(c: &mut Checker, file: &SourceFile, at: At, value: &str, what: &str) {
    let bad = |ch: char| (chars::is_control(ch) && ch != '\n') || chars::is_invisible(ch);
    if let Some((offset, ch)) = chars::find(value, bad) {
        let pos = text_pos(file, at, value, Some(offset));
        c.push(
            file,
            (pos, 1),
            Severity::Warning,
            "invisible-character",
            format!("{what} has {}", chars::describe(ch)),
            Some("delete it: nobody can see it, yet the kiosk shows the text as it is".into()),
        );
    }
}

/// Errors for languages, flags and placeholder names declared in
/// `flowset.ron` with control or invisible characters in them.
fn declared_names(c: &mut Checker, file: &SourceFile, m: &RawFlowSet) {
    let lists: [(&str, &str, Vec<&String>); 3] = [
        ("languages", "language code", m.languages.iter().collect()),
        ("flags", "flag", m.flags.keys().collect()),
        ("vars", "placeholder name", m.vars.keys().collect()),
    ];
    for (field, what, names) in lists {
        for name in names {
            let place = file
                .find(|l| l.under(field) && l.value == *name)
                .map_or((Pos::START, 1), |l| (l.pos, l.width));
            hidden_in_id(c, file, place, name, what);
        }
    }
}

/// A file's name without its folder and `.ron`.
fn file_stem(name: &str) -> Option<String> {
    std::path::Path::new(name).file_stem().and_then(|s| s.to_str()).map(str::to_string)
}

/// The language a words file is for: its name without `.ron`.
fn lang_of(file: &SourceFile) -> String {
    std::path::Path::new(&file.name).file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string()
}

fn node_id(n: &RawNode) -> &str {
    match n {
        RawNode::Step { id, .. }
        | RawNode::Question { id, .. }
        | RawNode::Solved { id, .. }
        | RawNode::Handoff { id, .. }
        | RawNode::Goto { id, .. } => id,
    }
}
