//! The flow files exactly as IT staff write them.
//!
//! These types mirror the RON text and nothing more: ids are plain strings and
//! links are unchecked. `check` turns them into the model in `model.rs`.
//! Every struct denies unknown fields, because ron would otherwise ignore a
//! misspelt field without a word.

use serde::Deserialize;
use std::collections::BTreeMap;

/// Patron-facing text, one entry per language code: `{"en": "...", "es": "..."}`.
pub type LangText = BTreeMap<String, String>;

/// `flows/flowset.ron`: what the whole set of flows shares.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "FlowSet")]
pub struct RawFlowSet {
    /// A name for people, such as "Riverside County Library flows".
    pub name: String,
    /// Languages every patron-facing text must have; the first is the fallback.
    pub languages: Vec<String>,
    /// Flow ids in the order their tiles appear on the home screen.
    #[serde(default)]
    pub order: Vec<String>,
    /// Service flags a branch may have, each with what it means.
    #[serde(default)]
    pub flags: BTreeMap<String, String>,
    /// Placeholders a branch fills, each with what it means.
    #[serde(default)]
    pub vars: BTreeMap<String, String>,
    /// Values every branch has unless it (or its base) gives its own: a web
    /// address or a price that is the same across the library system.
    #[serde(default)]
    pub defaults: BTreeMap<String, VarValue>,
}

/// One task: `flows/<task>.ron`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Flow")]
pub struct RawFlow {
    /// Unique id, used by `goto`, branches and handoff codes.
    pub id: String,
    /// The tile title.
    pub title: LangText,
    /// A short second line on the tile.
    #[serde(default)]
    pub subtitle: Option<LangText>,
    /// The tile picture, relative to `assets/`.
    pub icon: String,
    /// The id of the first node.
    pub start: String,
    /// A service flag the flow needs: the flow is hidden at every branch
    /// without it, as if the branch listed it in `hide_flows`.
    #[serde(default)]
    pub needs: Option<String>,
    /// Only with `needs`: at a branch without the flag the tile is shown all
    /// the same and starts at this node (the alternative for the missing
    /// service, like a choice's `else_to`) instead of vanishing.
    #[serde(default)]
    pub else_to: Option<String>,
    /// The steps, questions and endings.
    pub nodes: Vec<RawNode>,
}

/// One screen of a flow, or an instruction to go to another flow.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Node")]
pub enum RawNode {
    /// An instruction; the patron taps Next when done.
    Step {
        /// Node id, unique in its flow.
        id: String,
        /// What to do.
        text: LangText,
        /// A picture, relative to `assets/`.
        #[serde(default)]
        picture: Option<String>,
        /// Recorded clips of this screen, one per language, relative to
        /// `assets/` (`{"tl": "clips/print-1.ogg"}`): `check` looks that each
        /// file is there; the kiosk does not play them yet.
        #[serde(default)]
        audio: Option<LangText>,
        /// Where Next goes.
        next: String,
        /// A web address the patron may take home (a recovery page, a
        /// booking page), shown as a QR code with the short address.
        #[serde(default)]
        link: Option<String>,
    },
    /// A question with choices.
    Question {
        /// Node id, unique in its flow.
        id: String,
        /// The question.
        text: LangText,
        /// A picture, relative to `assets/`.
        #[serde(default)]
        picture: Option<String>,
        /// The answers, at most six.
        choices: Vec<RawChoice>,
        /// Makes the answer a fact for desk staff, named in the library's
        /// working language ("Email provider"): the desk summary heads with
        /// "Email provider: Gmail", apart from the trail.
        #[serde(default)]
        fact: Option<String>,
        /// Recorded clips of this screen, one per language, relative to
        /// `assets/` (`{"tl": "clips/print-1.ogg"}`): `check` looks that each
        /// file is there; the kiosk does not play them yet.
        #[serde(default)]
        audio: Option<LangText>,
    },
    /// The problem is solved: thank the patron.
    Solved {
        /// Node id, unique in its flow.
        id: String,
        /// What to say.
        text: LangText,
        /// A web address the patron may take home (a recovery page, a
        /// booking page), shown as a QR code with the short address.
        #[serde(default)]
        link: Option<String>,
        /// Recorded clips of this screen, one per language, relative to
        /// `assets/` (`{"tl": "clips/print-1.ogg"}`): `check` looks that each
        /// file is there; the kiosk does not play them yet.
        #[serde(default)]
        audio: Option<LangText>,
    },
    /// Staff are needed.
    Handoff {
        /// Node id, unique in its flow.
        id: String,
        /// Why, told kindly to the patron.
        reason: LangText,
        /// For desk staff, in the library's working language: what to check first.
        note: String,
        /// The rule that applies, if any.
        #[serde(default)]
        policy: Option<RawPolicy>,
        /// A web address the patron may take home (a recovery page, a
        /// booking page), shown as a QR code with the short address.
        #[serde(default)]
        link: Option<String>,
        /// How soon staff should come.
        #[serde(default)]
        urgency: Urgency,
        /// The READ scale level (1-6) this kind of question usually takes at
        /// the desk, for the statistics; desk staff see it prefilled.
        #[serde(default)]
        read: Option<u8>,
        /// The library's own name for this kind of question in its desk
        /// statistics (Desk Tracker, Gimlet, LibAnswers ...).
        #[serde(default)]
        question_type: Option<String>,
        /// Recorded clips of this screen, one per language, relative to
        /// `assets/` (`{"tl": "clips/print-1.ogg"}`): `check` looks that each
        /// file is there; the kiosk does not play them yet.
        #[serde(default)]
        audio: Option<LangText>,
    },
    /// Continue in another flow, at its start or at a node named.
    Goto {
        /// Node id, unique in its flow.
        id: String,
        /// The id of the flow to continue in.
        flow: String,
        /// The node of that flow to continue at (a step, question or
        /// ending, not another goto); its start when left out.
        #[serde(default)]
        node: Option<String>,
    },
}

impl RawNode {
    /// The take-home web address of this screen, if it has one.
    pub fn link(&self) -> Option<&str> {
        match self {
            RawNode::Step { link, .. } | RawNode::Solved { link, .. } | RawNode::Handoff { link, .. } => {
                link.as_deref()
            }
            RawNode::Question { .. } | RawNode::Goto { .. } => None,
        }
    }

    /// The recorded clips of this screen, per language (none for a goto).
    pub fn audio(&self) -> Option<&LangText> {
        match self {
            RawNode::Step { audio, .. }
            | RawNode::Question { audio, .. }
            | RawNode::Solved { audio, .. }
            | RawNode::Handoff { audio, .. } => audio.as_ref(),
            RawNode::Goto { .. } => None,
        }
    }
}

/// One answer to a question.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Choice")]
pub struct RawChoice {
    /// The button text.
    pub label: LangText,
    /// The node it leads to.
    pub to: String,
    /// Shown only at branches with this service flag.
    #[serde(default)]
    pub when: Option<String>,
    /// At a branch without the `when` flag, the choice is shown all the
    /// same and leads here instead: the alternative for a missing service
    /// ("email the file to yourself and print from a library computer").
    #[serde(default)]
    pub else_to: Option<String>,
    /// A patron who picks this answer needs staff soon ("Yes, within the
    /// hour"): the desk summary starts with URGENT, as for an urgent ending.
    #[serde(default)]
    pub urgent: bool,
}

impl RawChoice {
    /// The node id this choice leads to at a branch with `flags`: `to` where
    /// its flag is there (or it has none), else `else_to`; `None` when the
    /// branch hides it.
    pub fn lead(&self, flags: &[String]) -> Option<&str> {
        match &self.when {
            Some(w) if !flags.contains(w) => self.else_to.as_deref(),
            _ => Some(&self.to),
        }
    }
}

/// A rule staff apply at a handoff.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename = "Policy")]
pub struct RawPolicy {
    /// Whether staff may bend it.
    pub firmness: Firmness,
    /// The rule, for staff.
    pub text: String,
}

/// How firm a policy is.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, serde::Serialize)]
pub enum Firmness {
    /// Privacy and safety: never bends.
    Strict,
    /// Service: staff may make a one-time exception and say so.
    Flexible,
}

/// How soon staff should come to a handoff.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq, serde::Serialize)]
pub enum Urgency {
    /// When the patron reaches the desk.
    #[default]
    Normal,
    /// Something is broken or a patron is losing money or time now.
    Urgent,
}

/// `flows/branches/<id>.ron`: what differs at one branch.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Branch")]
pub struct RawBranch {
    /// Unique id, named in `kiosk.ron`.
    pub id: String,
    /// The name patrons see in the top bar.
    pub name: String,
    /// Another branch file this one starts from: its values, flags, hidden
    /// flows and overrides hold here unless this file gives its own.
    #[serde(default)]
    pub base: Option<String>,
    /// Only a base for other branches (a system-wide file), never a branch a
    /// kiosk runs: it need not fill every placeholder.
    #[serde(default)]
    pub base_only: bool,
    /// Values for `{placeholders}`: one text for every language, or one per
    /// language where the words differ (`{"en": "front desk", "es": "..."}`).
    #[serde(default)]
    pub vars: BTreeMap<String, VarValue>,
    /// Service flags this branch has (None: its base's, else none).
    #[serde(default)]
    pub flags: Option<Vec<String>>,
    /// Flows not offered here (None: its base's, else none).
    #[serde(default)]
    pub hide_flows: Option<Vec<String>>,
    /// Node text that reads differently here.
    #[serde(default)]
    pub overrides: Vec<RawOverride>,
}

/// Replaces the patron text of one node at one branch.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Override")]
pub struct RawOverride {
    /// The flow id.
    pub flow: String,
    /// The node id.
    pub node: String,
    /// The new text (for a handoff, its reason).
    pub text: LangText,
}

/// A branch variable's value.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum VarValue {
    /// The same in every language (names, prices, web addresses).
    Same(String),
    /// Words that differ per language.
    PerLanguage(LangText),
}

impl VarValue {
    /// The value in `lang`, else `fallback`, else any.
    pub fn get(&self, lang: &str, fallback: &str) -> &str {
        match self {
            VarValue::Same(s) => s,
            VarValue::PerLanguage(m) => m
                .get(lang)
                .or_else(|| m.get(fallback))
                .or_else(|| m.values().next())
                .map_or("", String::as_str),
        }
    }
}

// The words staff read for a policy's firmness and a handoff's urgency,
// said once here for every front end (`walk`, `decode` and the desk window).
impl Firmness {
    /// Its name for staff: `strict`, `flexible`.
    pub fn name(self) -> &'static str {
        match self {
            Firmness::Strict => "strict",
            Firmness::Flexible => "flexible",
        }
    }

    /// What it means for staff at the desk.
    pub fn meaning(self) -> &'static str {
        match self {
            Firmness::Strict => "never bends",
            Firmness::Flexible => "you may make a one-time exception; say that it is one",
        }
    }
}

impl Urgency {
    /// Its name for staff: `normal`, `urgent`.
    pub fn name(self) -> &'static str {
        match self {
            Urgency::Normal => "normal",
            Urgency::Urgent => "urgent",
        }
    }

    /// What it means for staff at the desk.
    pub fn meaning(self) -> &'static str {
        match self {
            Urgency::Normal => "when the patron reaches the desk",
            Urgency::Urgent => "something is broken or the patron is losing money or time now",
        }
    }
}
