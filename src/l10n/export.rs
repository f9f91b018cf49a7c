//! Listing every patron-facing text of a flow set as [`Entry`]s, in a fixed
//! order (flow files, then branch files, each by name and in file order,
//! then the kiosk's words in the order the docs list them), so two exports of
//! the same files are byte for byte the same.

use super::edit::map_literals;
use super::{Entry, Place};
use crate::flow::check::{MAX_LABEL, MAX_TEXT, MAX_TITLE, parse_ron};
use crate::flow::diag::{Code, Diagnostic, Severity};
use crate::flow::raw::{LangText, RawBranch, RawFlow, RawFlowSet, RawNode, VarValue};
use crate::flow::source::{Pos, SourceFile};
use crate::flow::sources::Sources;
use crate::flow::text::placeholders;
use crate::flow::words::Word;
use std::collections::{BTreeMap, HashMap};

pub use super::po::write_po;

/// What `flowset.ron` says that an export needs.
pub struct Manifest {
    /// The fallback language: its texts are the PO `msgid`s.
    pub fallback: String,
    /// Every declared language.
    pub languages: Vec<String>,
    /// Declared placeholders and what each means.
    pub vars: BTreeMap<String, String>,
    /// The flow set's name.
    pub name: String,
    /// Placeholder values every branch has unless it gives its own.
    pub defaults: BTreeMap<String, VarValue>,
}

/// Reads `flowset.ron`, or says why it cannot.
pub fn manifest(sources: &Sources) -> Result<Manifest, Vec<Diagnostic>> {
    let Some(file) = &sources.flowset else {
        let d = Diagnostic::new(
            Severity::Error,
            Code::MissingFile,
            &sources.flowset_name,
            Pos::START,
            "the flow set has no `flowset.ron`",
        );
        return Err(vec![d]);
    };
    let m: RawFlowSet = parse_ron(file).map_err(|d| vec![*d])?;
    let Some(fallback) = m.languages.first().cloned() else {
        let d = Diagnostic::new(
            Severity::Error,
            Code::NoLanguages,
            &file.name,
            Pos::START,
            "`languages` is empty",
        );
        return Err(vec![d]);
    };
    Ok(Manifest { fallback, languages: m.languages, vars: m.vars, name: m.name, defaults: m.defaults })
}

/// Every text to translate into `lang`, in a fixed order. The flow set
/// should have passed `check`; a file that does not parse is an error here.
pub fn entries(sources: &Sources, lang: &str) -> Result<Vec<Entry>, Vec<Diagnostic>> {
    let m = manifest(sources)?;
    let mut x = Extract { lang, m: &m, out: Vec::new(), errors: Vec::new() };
    if let Some(file) = &sources.flowset {
        x.values(file, "flowset", "defaults", &m.defaults, "every branch that gives no value of its own");
    }
    for file in &sources.flows {
        match parse_ron::<RawFlow>(file) {
            Ok(flow) => x.flow(file, &flow),
            Err(d) => x.errors.push(*d),
        }
    }
    for file in &sources.branches {
        match parse_ron::<RawBranch>(file) {
            Ok(branch) => x.branch(file, &branch),
            Err(d) => x.errors.push(*d),
        }
    }
    x.words(sources);
    if !x.errors.is_empty() {
        return Err(x.errors);
    }
    let mut out = x.out;
    unique_ids(&mut out);
    Ok(out)
}

/// Ids used twice (two overrides of one node in one branch) get `#2`, `#3`
/// added in file order, so each id names one text.
fn unique_ids(entries: &mut [Entry]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for e in entries {
        let n = seen.entry(e.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            e.id = format!("{} #{n}", e.id);
        }
    }
}

/// The export under way.
struct Extract<'x> {
    lang: &'x str,
    m: &'x Manifest,
    out: Vec<Entry>,
    errors: Vec<Diagnostic>,
}

/// What one text is and where, before its languages are read.
struct Spot<'s> {
    id: String,
    what: String,
    limit: Option<usize>,
    within: &'s [(&'static str, Option<usize>)],
    field: &'s str,
    depth: usize,
}

impl Extract<'_> {
    /// One per-language text map.
    fn text(&mut self, file: &SourceFile, spot: Spot, text: &LangText) {
        let Some(source) = text.get(&self.m.fallback) else { return };
        let place = Place::Map {
            within: spot.within.iter().map(|(k, i)| (k.to_string(), *i)).collect(),
            field: spot.field.to_string(),
            depth: spot.depth,
        };
        let line = map_literals(file, &place)
            .into_iter()
            .find(|l| l.key.as_deref() == Some(self.m.fallback.as_str()))
            .map_or(1, |l| l.pos.line);
        self.out.push(Entry {
            id: spot.id,
            source: source.clone(),
            translation: text.get(self.lang).cloned(),
            what: spot.what,
            placeholders: self.meanings(source),
            limit: spot.limit,
            file: file.name.clone(),
            line,
            place,
        });
    }

    /// The placeholders of `source`, each with what it becomes.
    fn meanings(&self, source: &str) -> Vec<(String, String)> {
        let mut names: Vec<&str> = placeholders(source);
        names.dedup();
        names
            .into_iter()
            .map(|n| {
                let meaning = match (self.m.vars.get(n), n) {
                    (Some(m), _) => m.as_str(),
                    (None, "seconds") => "a number of seconds, filled in by the kiosk",
                    (None, "flow") => "the title of the flow, filled in by the kiosk",
                    (None, "n") => "the step number, filled in by the kiosk",
                    (None, _) => "filled in by the kiosk",
                };
                (n.to_string(), meaning.to_string())
            })
            .collect()
    }

    fn flow(&mut self, file: &SourceFile, f: &RawFlow) {
        let id = &f.id;
        let top = |field: &'static str, what: String, limit| Spot {
            id: format!("flow/{id}/{field}"),
            what,
            limit: Some(limit),
            within: &[],
            field,
            depth: 2,
        };
        self.text(
            file,
            top("title", format!("the title of the `{id}` tile on the home screen"), MAX_TITLE),
            &f.title,
        );
        if let Some(s) = &f.subtitle {
            self.text(file, top("subtitle", format!("the second line of the `{id}` tile"), MAX_LABEL), s);
        }
        for (k, node) in f.nodes.iter().enumerate() {
            self.node(file, id, k, node);
        }
    }

    fn node(&mut self, file: &SourceFile, flow: &str, k: usize, node: &RawNode) {
        let within = [("nodes", Some(k))];
        let (nid, field, what, text) = match node {
            RawNode::Step { id, text, .. } => (id, "text", format!("step `{id}` of flow `{flow}`"), text),
            RawNode::Question { id, text, .. } => {
                (id, "text", format!("the question `{id}` in flow `{flow}`"), text)
            }
            RawNode::Solved { id, text, .. } => {
                (id, "text", format!("the ending `{id}` of flow `{flow}`: the problem is solved"), text)
            }
            RawNode::Handoff { id, reason, .. } => (
                id,
                "reason",
                format!(
                    "the ending `{id}` of flow `{flow}`: why staff are needed, told kindly to the patron"
                ),
                reason,
            ),
            RawNode::Goto { .. } => return,
        };
        let spot = Spot {
            id: format!("flow/{flow}/{nid}/{field}"),
            what,
            limit: Some(MAX_TEXT),
            within: &within,
            field,
            depth: 4,
        };
        self.text(file, spot, text);
        if let RawNode::Question { choices, .. } = node {
            for (j, ch) in choices.iter().enumerate() {
                let within = [("nodes", Some(k)), ("choices", Some(j))];
                let spot = Spot {
                    id: format!("flow/{flow}/{nid}/choice {}", j + 1),
                    what: format!("answer {} to the question `{nid}` in flow `{flow}` (a button)", j + 1),
                    limit: Some(MAX_LABEL),
                    within: &within,
                    field: "label",
                    depth: 6,
                };
                self.text(file, spot, &ch.label);
            }
        }
    }

    /// Per-language placeholder values: a branch's `vars` (`id` `branch/ID`)
    /// or the `defaults` of `flowset.ron` (`id` `flowset`); `whose` says
    /// where they hold.
    fn values(
        &mut self,
        file: &SourceFile,
        id: &str,
        field: &'static str,
        vars: &BTreeMap<String, VarValue>,
        whose: &str,
    ) {
        let kind = if field == "defaults" { "default" } else { "value" };
        for (name, value) in vars {
            let VarValue::PerLanguage(text) = value else { continue };
            let meaning = self.m.vars.get(name).map_or(String::new(), |m| format!(": {m}"));
            let within = [(field, None)];
            let spot = Spot {
                id: format!("{id}/{kind}/{name}"),
                what: format!("what `{{{name}}}` becomes at {whose}{meaning}"),
                limit: Some(MAX_LABEL),
                within: &within,
                field: name,
                depth: 3,
            };
            self.text(file, spot, text);
        }
    }

    fn branch(&mut self, file: &SourceFile, b: &RawBranch) {
        let bid = &b.id;
        self.values(file, &format!("branch/{bid}"), "vars", &b.vars, &format!("branch `{bid}` ({})", b.name));
        for (i, o) in b.overrides.iter().enumerate() {
            let within = [("overrides", Some(i))];
            let spot = Spot {
                id: format!("branch/{bid}/override/{}/{}", o.flow, o.node),
                what: format!(
                    "the text of `{}` in flow `{}`, as branch `{bid}` says it instead",
                    o.node, o.flow
                ),
                limit: Some(MAX_TEXT),
                within: &within,
                field: "text",
                depth: 4,
            };
            self.text(file, spot, &o.text);
        }
    }

    /// The kiosk's words, from the fallback language's words file.
    fn words(&mut self, sources: &Sources) {
        let by_lang = |lang: &str| sources.words.iter().find(|f| stem(&f.name) == lang);
        let Some(file) = by_lang(&self.m.fallback) else { return };
        let source: BTreeMap<String, String> = match parse_ron(file) {
            Ok(map) => map,
            Err(d) => return self.errors.push(*d),
        };
        let translated: BTreeMap<String, String> =
            by_lang(self.lang).and_then(|f| parse_ron(f).ok()).unwrap_or_default();
        for key in Word::known_keys() {
            let Some(text) = source.get(&key) else { continue };
            let meaning = Word::of_key_or_one(&key).map_or("", Word::meaning);
            let what = match key.strip_suffix(crate::flow::words::ONE_SUFFIX) {
                Some(word) if Word::of_key(&key).is_none() => {
                    format!("the kiosk's word `{word}` when the count is 1: {meaning}")
                }
                _ => format!("the kiosk's word `{key}`: {meaning}"),
            };
            let line = file.find(|l| l.key.as_deref() == Some(key.as_str()) && l.path.len() == 1);
            self.out.push(Entry {
                id: format!("words/{key}"),
                source: text.clone(),
                translation: translated.get(&key).cloned(),
                what,
                placeholders: self.meanings(text),
                limit: None,
                file: file.name.clone(),
                line: line.map_or(1, |l| l.pos.line),
                place: Place::Word { key },
            });
        }
    }
}

/// A file's name without its folders and `.ron`: the language of a words
/// file.
pub(super) fn stem(name: &str) -> &str {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.strip_suffix(".ron").unwrap_or(base)
}
