//! What a session shows: the [`Screen`] for where the patron is, its text
//! filled for the language and branch. The walk itself (choices, back,
//! gotos) is in `mod.rs`; this is the one place a screen is built, for the
//! kiosk, `walk` and Read aloud.

use super::{Outcome, Session};
use crate::flow::model::{FlowSet, NodeKind, Policy};
use crate::flow::raw::Urgency;
use crate::flow::text::Rich;
use crate::flow::words::Word;

/// What the patron sees now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Screen {
    /// The flow's title.
    pub flow_title: String,
    /// 1-based count of screens so far, for "step 3".
    pub step: usize,
    /// What kind of screen, with its text filled for language and branch.
    pub body: Body,
    /// A web address the patron may take home from this step or ending,
    /// shown as a QR code with the short address.
    pub link: Option<String>,
}

impl Screen {
    /// The "Printing · step 3" line above a step or question, from the
    /// `step_of` word in `lang` at `branch`: the one place it is worded, for
    /// the kiosk and `walk`.
    pub fn label(&self, set: &FlowSet, lang: &str, branch: &crate::flow::Branch) -> String {
        set.word(Word::StepOf, lang, branch)
            .plain()
            .replace("{flow}", &self.flow_title)
            .replace("{n}", &self.step.to_string())
    }
}

/// The content of a screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    /// An instruction with a Next button.
    Step {
        /// The instruction.
        text: Rich,
        /// A picture in `assets/`.
        picture: Option<String>,
    },
    /// A question; `choices` are the visible ones, numbered from 1 on screen.
    Question {
        /// The question.
        text: Rich,
        /// A picture in `assets/`.
        picture: Option<String>,
        /// Button labels, in order.
        choices: Vec<Rich>,
    },
    /// Solved.
    Solved {
        /// The thank-you text.
        text: Rich,
    },
    /// Staff needed.
    Handoff {
        /// Why, for the patron.
        reason: Rich,
        /// For staff.
        note: String,
        /// The rule that applies.
        policy: Option<Policy>,
        /// How soon.
        urgency: Urgency,
        /// Whether the patron asked, rather than the flow sending them.
        asked: bool,
    },
}

impl Session {
    /// The current screen, with text filled for language and branch.
    pub fn screen(&self) -> Screen {
        let set = &self.set;
        let branch = &set.branches[self.branch];
        let lang = self.lang.as_str();
        let fallback = set.default_language();
        let steps = self.trail.iter().filter(|v| !self.is_goto(Some(v))).count().max(1);
        let flow_title = match self.current() {
            Some(v) => set.render(&set.flows[v.flow].title, lang, branch).plain(),
            None => String::new(),
        };
        if self.outcome == Some(Outcome::AskedStaff) || self.trail.is_empty() {
            return Screen {
                flow_title,
                link: None,
                step: steps,
                body: Body::Handoff {
                    reason: set.word(Word::AskedStaffReason, lang, branch),
                    note: "The patron asked for staff before the flow ended.".into(),
                    policy: None,
                    urgency: crate::handoff::facts::urgency(set, &self.trail, lang, branch).urgency,
                    asked: true,
                },
            };
        }
        let Some(v) = self.current() else {
            return Screen { flow_title, step: 1, body: Body::Solved { text: Rich::default() }, link: None };
        };
        let flow = &set.flows[v.flow];
        let text = set.node_text(v.flow, v.node, lang, branch);
        let body = match &flow.nodes[v.node].kind {
            NodeKind::Step { picture, .. } => Body::Step { text, picture: picture.clone() },
            NodeKind::Question { picture, choices, .. } => Body::Question {
                text,
                picture: picture.clone(),
                choices: choices
                    .iter()
                    .filter(|c| branch.shows(c))
                    .map(|c| set.render(&c.label, lang, branch))
                    .collect(),
            },
            NodeKind::Solved { .. } => Body::Solved { text },
            NodeKind::Handoff(h) => Body::Handoff {
                reason: text,
                note: h.note.clone(),
                policy: h.policy.clone(),
                // An urgent answer on the way makes the handoff urgent too.
                urgency: crate::handoff::facts::urgency(set, &self.trail, lang, branch).urgency,
                asked: false,
            },
            NodeKind::Goto { .. } => Body::Solved { text: set.render(&flow.title, fallback, branch) },
        };
        Screen { flow_title, step: steps, body, link: flow.nodes[v.node].link.clone() }
    }
}
