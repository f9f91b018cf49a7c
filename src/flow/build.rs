//! From raw files that checked clean to the model: ids become indexes, the
//! home order is settled, and the set gets its fingerprint. Only `check`
//! calls this, and only when there were no errors.

use super::model::{Branch, Choice, Flow, FlowSet, Handoff, Node, NodeKind, Policy, Text};
use super::raw::{RawBranch, RawFlow, RawFlowSet, RawNode};
use super::source::SourceFile;
use super::sources::Sources;
use super::words::Words;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Builds the model from files that had no errors. Lookups that cannot fail
/// after a clean check still fall back quietly instead of panicking.
pub(super) fn build(
    sources: &Sources,
    manifest: Option<RawFlowSet>,
    raws: Vec<(usize, RawFlow)>,
    indexes: &[HashMap<String, usize>],
    branches: Vec<RawBranch>,
    words: Words,
    flow_ids: &HashMap<String, usize>,
) -> FlowSet {
    let manifest = manifest.unwrap_or(RawFlowSet {
        name: String::new(),
        languages: vec!["en".into()],
        order: Vec::new(),
        flags: BTreeMap::new(),
        vars: BTreeMap::new(),
        defaults: BTreeMap::new(),
    });
    let order = home_order(&manifest, &raws, flow_ids);
    let position: HashMap<usize, usize> = order.iter().enumerate().map(|(new, old)| (*old, new)).collect();
    let flow_at = |id: &str| flow_ids.get(id).and_then(|k| position.get(k)).copied().unwrap_or(0);
    // Flows a branch without their flag does not show.
    // (flow, flag, whether it has an alternative to show instead)
    let needs: Vec<(usize, String, bool)> = raws
        .iter()
        .filter_map(|(_, f)| f.needs.clone().map(|n| (flow_at(&f.id), n, f.else_to.is_some())))
        .collect();

    // Where a goto lands: the node named in the flow named, else its start.
    let starts: Vec<Option<usize>> =
        raws.iter().enumerate().map(|(k, (_, f))| indexes[k].get(f.start.as_str()).copied()).collect();
    let land = |flow: &str, node: Option<&str>| -> usize {
        let Some(&k) = flow_ids.get(flow) else { return 0 };
        let found = match node {
            Some(n) => indexes[k].get(n).copied(),
            None => starts.get(k).copied().flatten(),
        };
        found.unwrap_or(0)
    };
    // The raw texts move into the model; nothing is copied.
    let mut raws: Vec<Option<RawFlow>> = raws.into_iter().map(|(_, f)| Some(f)).collect();
    let mut flows = Vec::with_capacity(raws.len());
    for &k in &order {
        let Some(f) = raws.get_mut(k).and_then(Option::take) else { continue };
        flows.push(flow(f, &indexes[k], &flow_at, &land));
    }
    let mut model_branches: Vec<Branch> =
        branches.into_iter().map(|b| branch(b, indexes, flow_ids, &flow_at, &needs)).collect();
    if model_branches.is_empty() {
        model_branches.push(Branch {
            id: "default".into(),
            name: manifest.name.clone(),
            ..Branch::default()
        });
    }
    FlowSet {
        name: manifest.name,
        languages: manifest.languages,
        flows,
        branches: model_branches,
        flags: manifest.flags,
        words,
        fingerprint: fingerprint(sources),
        origin: sources.origin.clone(),
    }
}

/// Home order: `order` first, then the rest by id. Indexes into `raws`.
fn home_order(
    manifest: &RawFlowSet,
    raws: &[(usize, RawFlow)],
    flow_ids: &HashMap<String, usize>,
) -> Vec<usize> {
    let mut order: Vec<usize> = Vec::new();
    for id in &manifest.order {
        if let Some(&k) = flow_ids.get(id.as_str())
            && !order.contains(&k)
        {
            order.push(k);
        }
    }
    let listed: HashSet<usize> = order.iter().copied().collect();
    let mut rest: Vec<usize> = (0..raws.len()).filter(|k| !listed.contains(k)).collect();
    rest.sort_by(|a, b| raws[*a].1.id.cmp(&raws[*b].1.id));
    order.extend(rest);
    order
}

/// One flow: node ids become indexes (`index`), flow ids home positions
/// (`flow_at`), a goto's target the node it lands on (`land`).
fn flow(
    f: RawFlow,
    index: &HashMap<String, usize>,
    flow_at: &dyn Fn(&str) -> usize,
    land: &dyn Fn(&str, Option<&str>) -> usize,
) -> Flow {
    let at = |id: &str| index.get(id).copied().unwrap_or(0);
    let start = at(&f.start);
    let else_start = f.else_to.as_deref().map(at);
    let nodes = f
        .nodes
        .into_iter()
        .map(|n| {
            let link = n.link().map(str::to_string);
            let Node { id, kind, .. } = node(n, &at, flow_at, land);
            Node { id, kind, link }
        })
        .collect();
    Flow {
        id: f.id,
        title: Text(f.title),
        subtitle: f.subtitle.map(Text),
        icon: f.icon,
        start,
        needs: f.needs,
        else_start,
        nodes,
    }
}

/// One node, its links resolved (its take-home link is added by `flow`).
fn node(
    n: RawNode,
    at: &dyn Fn(&str) -> usize,
    flow_at: &dyn Fn(&str) -> usize,
    land: &dyn Fn(&str, Option<&str>) -> usize,
) -> Node {
    match n {
        RawNode::Step { id, text, picture, next, .. } => {
            Node { id, link: None, kind: NodeKind::Step { text: Text(text), picture, next: at(&next) } }
        }
        RawNode::Question { id, text, picture, choices, fact, .. } => Node {
            id,
            link: None,
            kind: NodeKind::Question {
                text: Text(text),
                picture,
                choices: choices
                    .into_iter()
                    .map(|ch| Choice {
                        label: Text(ch.label),
                        to: at(&ch.to),
                        when: ch.when,
                        urgent: ch.urgent,
                        else_to: ch.else_to.as_deref().map(at),
                    })
                    .collect(),
                fact,
            },
        },
        RawNode::Solved { id, text, .. } => {
            Node { id, link: None, kind: NodeKind::Solved { text: Text(text) } }
        }
        RawNode::Handoff { id, reason, note, policy, urgency, read, question_type, .. } => Node {
            id,
            link: None,
            kind: NodeKind::Handoff(Handoff {
                reason: Text(reason),
                note,
                policy: policy.map(|p| Policy { firmness: p.firmness, text: p.text }),
                urgency,
                read,
                question_type,
            }),
        },
        RawNode::Goto { id, flow, node } => {
            let landing = land(&flow, node.as_deref());
            Node { id, link: None, kind: NodeKind::Goto { flow: flow_at(&flow), node: landing } }
        }
    }
}

/// One branch (its bases merged), its hidden flows (named, or needing a
/// flag it lacks) and overrides by index.
fn branch(
    b: RawBranch,
    indexes: &[HashMap<String, usize>],
    flow_ids: &HashMap<String, usize>,
    flow_at: &dyn Fn(&str) -> usize,
    needs: &[(usize, String, bool)],
) -> Branch {
    let flags = b.flags.unwrap_or_default();
    let mut hidden: BTreeSet<usize> = b.hide_flows.iter().flatten().map(|f| flow_at(f)).collect();
    // Without the flag, a flow with an alternative shows it; one without
    // vanishes. A flow the branch hides by name vanishes either way.
    let missing = needs.iter().filter(|(_, flag, _)| !flags.contains(flag));
    let alternative: BTreeSet<usize> =
        missing.clone().filter(|(k, _, alt)| *alt && !hidden.contains(k)).map(|(k, _, _)| *k).collect();
    hidden.extend(missing.filter(|(_, _, alt)| !alt).map(|(k, _, _)| *k));
    let mut overrides = HashMap::new();
    for o in b.overrides {
        if let Some(&k) = flow_ids.get(o.flow.as_str())
            && let Some(&n) = indexes[k].get(o.node.as_str())
        {
            overrides.insert((flow_at(&o.flow), n), Text(o.text));
        }
    }
    Branch {
        hidden,
        alternative,
        id: b.id,
        name: b.name,
        vars: b.vars,
        flags: flags.into_iter().collect(),
        overrides,
    }
}

/// A 64-bit FNV-1a-style hash over every file name and text, in a fixed
/// order, eight bytes at a time: the same files give the same fingerprint on
/// every machine and every build.
pub(super) fn fingerprint(sources: &Sources) -> u64 {
    // Canonical order: by kind of file, then base name, so the same files
    // give the same fingerprint wherever they sit on disk.
    let base = |f: &SourceFile| {
        std::path::Path::new(&f.name).file_name().and_then(|s| s.to_str()).unwrap_or("").to_string()
    };
    let mut files: Vec<(usize, String, &SourceFile)> = Vec::new();
    for (kind, list) in [
        (0, sources.flowset.iter().collect::<Vec<_>>()),
        (1, sources.flows.iter().collect()),
        (2, sources.branches.iter().collect()),
        (3, sources.words.iter().collect()),
    ] {
        files.extend(list.into_iter().map(|f| (kind, base(f), f)));
    }
    files.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut mix = |bytes: &[u8]| {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            hash ^= u64::from_le_bytes(word);
            hash = hash.wrapping_mul(0x0100_0000_01b3).rotate_left(29);
        }
        for &byte in chunks.remainder() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        hash ^= bytes.len() as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    };
    for (kind, name, f) in files {
        mix(&[kind as u8]);
        mix(name.as_bytes());
        mix(f.text.as_bytes());
    }
    hash
}
