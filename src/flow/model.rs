//! The checked flow model: what the kiosk, the session and the tools use.
//!
//! Only `check` builds these types, and only from files that had no errors, so
//! every link is an index that exists: a choice's target, a step's next node,
//! a goto's flow. Code that walks the model never needs to unwrap.

use super::raw::{Firmness, Urgency, VarValue};
use super::text::{Rich, fill};
use super::words::{Word, Words};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Patron text in every language it was written in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// The text in `lang`, else in `fallback`, else any.
    pub fn get<'a>(&'a self, lang: &str, fallback: &str) -> &'a str {
        self.0
            .get(lang)
            .or_else(|| self.0.get(fallback))
            .or_else(|| self.0.values().next())
            .map_or("", String::as_str)
    }
}

/// Index of a flow in [`FlowSet::flows`].
pub type FlowIdx = usize;
/// Index of a node in [`Flow::nodes`].
pub type NodeIdx = usize;

/// A whole, checked set of flows, branches and kiosk words.
#[derive(Clone, Debug)]
pub struct FlowSet {
    /// A name for people.
    pub name: String,
    /// Languages the flows are written in; the first is the fallback.
    pub languages: Vec<String>,
    /// The flows, in home-screen order.
    pub flows: Vec<Flow>,
    /// The branches (at least one).
    pub branches: Vec<Branch>,
    /// Service flags and what they mean.
    pub flags: BTreeMap<String, String>,
    /// The kiosk's own words.
    pub words: Words,
    /// A hash of every source file, naming this exact version of the set.
    pub fingerprint: u64,
    /// Where the set came from, for staff mode and logs.
    pub origin: String,
}

/// One task, such as printing.
#[derive(Clone, Debug)]
pub struct Flow {
    /// Unique id.
    pub id: String,
    /// Tile title.
    pub title: Text,
    /// Tile second line.
    pub subtitle: Option<Text>,
    /// Tile picture, relative to `assets/`.
    pub icon: String,
    /// The first node.
    pub start: NodeIdx,
    /// The flag a branch needs to show this flow, if any.
    pub needs: Option<String>,
    /// Where the flow starts at a branch without `needs` (its `else_to`): the
    /// alternative for the missing service. Such a branch lists the flow in
    /// `alternative`, not in `hidden`.
    pub else_start: Option<NodeIdx>,
    /// Every node; links are indexes into this list.
    pub nodes: Vec<Node>,
}

/// One node of a flow.
#[derive(Clone, Debug)]
pub struct Node {
    /// Its id, unique in the flow.
    pub id: String,
    /// What it is.
    pub kind: NodeKind,
    /// A web address the patron may take home (steps and endings only).
    pub link: Option<String>,
}

/// What a node does.
#[derive(Clone, Debug)]
pub enum NodeKind {
    /// An instruction with a Next button.
    Step {
        /// The instruction.
        text: Text,
        /// A picture, relative to `assets/`.
        picture: Option<String>,
        /// Where Next goes.
        next: NodeIdx,
    },
    /// A question with choices.
    Question {
        /// The question.
        text: Text,
        /// A picture, relative to `assets/`.
        picture: Option<String>,
        /// The answers (1 to 6).
        choices: Vec<Choice>,
        /// The fact's name for staff, when the answer is one ("Email provider").
        fact: Option<String>,
    },
    /// Solved: thank the patron.
    Solved {
        /// What to say.
        text: Text,
    },
    /// Staff are needed.
    Handoff(Handoff),
    /// Continue in another flow (or this one), at its start or at a node
    /// the goto names.
    Goto {
        /// The flow.
        flow: FlowIdx,
        /// The node entered there: never another goto.
        node: NodeIdx,
    },
}

impl NodeKind {
    /// Whether the node ends a session.
    pub fn is_ending(&self) -> bool {
        matches!(self, NodeKind::Solved { .. } | NodeKind::Handoff(_))
    }
}

/// One answer to a question.
#[derive(Clone, Debug)]
pub struct Choice {
    /// The button text.
    pub label: Text,
    /// The node it leads to.
    pub to: NodeIdx,
    /// Shown only where the branch has this flag.
    pub when: Option<String>,
    /// Picking it makes the handoff urgent.
    pub urgent: bool,
    /// Where it leads instead at a branch without its `when` flag (where it
    /// would otherwise be hidden).
    pub else_to: Option<NodeIdx>,
}

/// A take-home link as a patron copies it by hand: without `https://`,
/// `www.` or a trailing `/` (`https://www.g.co/recover/` is `g.co/recover`).
pub fn short_address(link: &str) -> &str {
    let s = link.strip_prefix("https://").unwrap_or(link);
    let s = s.strip_prefix("www.").unwrap_or(s);
    s.strip_suffix('/').unwrap_or(s)
}

/// A handoff ending.
#[derive(Clone, Debug)]
pub struct Handoff {
    /// Why, for the patron.
    pub reason: Text,
    /// For staff.
    pub note: String,
    /// The rule that applies.
    pub policy: Option<Policy>,
    /// How soon.
    pub urgency: Urgency,
    /// The READ scale level (1-6) for the desk's statistics, if set.
    pub read: Option<u8>,
    /// The library's label for this kind of question, if set.
    pub question_type: Option<String>,
}

/// A rule staff apply, with how firm it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    /// Strict or flexible.
    pub firmness: Firmness,
    /// The rule.
    pub text: String,
}

/// What is particular to one library branch.
#[derive(Clone, Debug, Default)]
pub struct Branch {
    /// Unique id.
    pub id: String,
    /// Name for the top bar.
    pub name: String,
    /// Placeholder values.
    pub vars: BTreeMap<String, VarValue>,
    /// Service flags.
    pub flags: BTreeSet<String>,
    /// Flows not offered here.
    pub hidden: BTreeSet<FlowIdx>,
    /// Flows shown here only through their alternative (`else_to` on a flow
    /// whose `needs` this branch lacks): they start at `Flow::else_start`.
    pub alternative: BTreeSet<FlowIdx>,
    /// Node text that reads differently here, by (flow, node).
    pub overrides: HashMap<(FlowIdx, NodeIdx), Text>,
}

impl Branch {
    /// Whether a choice is shown at this branch.
    pub fn shows(&self, choice: &Choice) -> bool {
        self.lead(choice).is_some()
    }

    /// Where a choice leads at this branch: its `to` where the branch has its
    /// flag, else its `else_to`; `None` when the branch hides it.
    pub fn lead(&self, choice: &Choice) -> Option<NodeIdx> {
        match &choice.when {
            Some(f) if !self.flags.contains(f) => choice.else_to,
            _ => Some(choice.to),
        }
    }

    /// The choices shown at this branch, as indexes into `choices`, in order:
    /// what a patron numbers 1, 2, 3 on screen. The session, and the handoff
    /// code in both directions, number choices by this one list.
    pub fn visible_choices(&self, choices: &[Choice]) -> Vec<usize> {
        choices.iter().enumerate().filter(|(_, c)| self.shows(c)).map(|(i, _)| i).collect()
    }
}

impl FlowSet {
    /// The fallback language.
    pub fn default_language(&self) -> &str {
        self.languages.first().map_or("en", String::as_str)
    }

    /// A flow by id.
    pub fn flow_index(&self, id: &str) -> Option<FlowIdx> {
        self.flows.iter().position(|f| f.id == id)
    }

    /// A branch by id.
    pub fn branch(&self, id: &str) -> Option<&Branch> {
        self.branches.iter().find(|b| b.id == id)
    }

    /// Fills `text` for a language and branch.
    pub fn render(&self, text: &Text, lang: &str, branch: &Branch) -> Rich {
        let fallback = self.default_language();
        fill(text.get(lang, fallback), |name| branch.vars.get(name).map(|v| v.get(lang, fallback)))
    }

    /// The patron text of a node (its reason, for a handoff), with the
    /// branch's override if it has one. Empty for a goto.
    pub fn node_text(&self, flow: FlowIdx, node: NodeIdx, lang: &str, branch: &Branch) -> Rich {
        if let Some(text) = branch.overrides.get(&(flow, node)) {
            return self.render(text, lang, branch);
        }
        let Some(n) = self.flows.get(flow).and_then(|f| f.nodes.get(node)) else {
            return Rich::default();
        };
        match &n.kind {
            NodeKind::Step { text, .. } | NodeKind::Question { text, .. } | NodeKind::Solved { text } => {
                self.render(text, lang, branch)
            }
            NodeKind::Handoff(h) => self.render(&h.reason, lang, branch),
            NodeKind::Goto { .. } => Rich::default(),
        }
    }

    /// One of the kiosk's own words, filled for a branch.
    pub fn word(&self, word: Word, lang: &str, branch: &Branch) -> Rich {
        let fallback = self.default_language();
        fill(self.words.get(word, lang, fallback), |name| {
            branch.vars.get(name).map(|v| v.get(lang, fallback))
        })
    }

    /// A word that counts (`{seconds}`), in its singular form for 1 where the
    /// language has one, with the count and the branch's values filled.
    pub fn word_counted(&self, word: Word, count: u64, lang: &str, branch: &Branch) -> Rich {
        let fallback = self.default_language();
        let n = count.to_string();
        fill(self.words.get_counted(word, count, lang, fallback), |name| {
            if word.params().contains(&name) {
                Some(n.as_str())
            } else {
                branch.vars.get(name).map(|v| v.get(lang, fallback))
            }
        })
    }

    /// Why a branch hides a flow, in words for IT staff; None if it shows it.
    pub fn why_hidden(&self, flow: FlowIdx, branch: &Branch) -> Option<String> {
        if !branch.hidden.contains(&flow) {
            return None;
        }
        let f = self.flows.get(flow)?;
        Some(match &f.needs {
            Some(flag) if !branch.flags.contains(flag) => format!(
                "flow `{}` needs flag `{flag}` (`needs` in its file), which branch `{}` does not have",
                f.id, branch.id
            ),
            _ => format!("branch `{}` hides flow `{}` (`hide_flows` in its file)", branch.id, f.id),
        })
    }

    /// Where a patron at `branch` who taps the flow's tile starts: its
    /// `else_to` node where the branch lacks the flag the flow `needs`, else
    /// its `start`.
    pub fn start_at(&self, flow: FlowIdx, branch: &Branch) -> NodeIdx {
        let Some(f) = self.flows.get(flow) else { return 0 };
        match f.else_start {
            Some(alt) if branch.alternative.contains(&flow) => alt,
            _ => f.start,
        }
    }

    /// The flows a branch offers, in home order.
    pub fn visible_flows<'a>(&'a self, branch: &'a Branch) -> impl Iterator<Item = (FlowIdx, &'a Flow)> {
        self.flows.iter().enumerate().filter(|(i, _)| !branch.hidden.contains(i))
    }

    /// How many nodes there are in all.
    pub fn node_count(&self) -> usize {
        self.flows.iter().map(|f| f.nodes.len()).sum()
    }
}
