//! What a patron's answers tell staff before the trail: the facts (answers to
//! questions marked `fact`, such as "Email provider: Gmail") and whether an
//! answer or the ending makes the visit urgent. Both come from the path alone,
//! so a live session (`walk`, the kiosk) and a decoded code (`decode`, the
//! desk, kiosk staff mode) say exactly the same, and nothing but the flows'
//! own words travels: the code already holds every answer.

use crate::flow::model::{Branch, FlowSet, NodeKind};
use crate::flow::raw::Urgency;
use crate::session::Visit;
use serde::Serialize;

/// One fact staff should read first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fact {
    /// The fact's name, as the flow marks the question ("Email provider").
    pub name: String,
    /// The patron's answer, in `lang` ("Gmail").
    pub answer: String,
}

/// How soon staff should come, and which answers made it urgent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Urgent {
    /// Urgent when an answer taken is marked `urgent` or the ending is.
    pub urgency: Urgency,
    /// The labels of the urgent answers taken, in `lang`, in order.
    pub because: Vec<String>,
}

/// The facts in the order they were first asked; a fact answered again (on a
/// loop, or the same name in two flows) keeps its latest answer.
pub fn facts(set: &FlowSet, path: &[Visit], lang: &str, branch: &Branch) -> Vec<Fact> {
    let mut out: Vec<Fact> = Vec::new();
    for v in path {
        let Some(NodeKind::Question { choices, fact: Some(name), .. }) =
            set.flows.get(v.flow).and_then(|f| f.nodes.get(v.node)).map(|n| &n.kind)
        else {
            continue;
        };
        let Some(choice) = v.choice.and_then(|i| choices.get(i)) else { continue };
        let answer = set.render(&choice.label, lang, branch).plain();
        match out.iter_mut().find(|f| &f.name == name) {
            Some(f) => f.answer = answer,
            None => out.push(Fact { name: name.clone(), answer }),
        }
    }
    out
}

/// Urgent when any answer taken is marked `urgent`, or the path ends at an
/// urgent handoff: the one rule for every front end.
pub fn urgency(set: &FlowSet, path: &[Visit], lang: &str, branch: &Branch) -> Urgent {
    let kind = |v: &Visit| set.flows.get(v.flow).and_then(|f| f.nodes.get(v.node)).map(|n| &n.kind);
    let because: Vec<String> = path
        .iter()
        .filter_map(|v| match kind(v) {
            Some(NodeKind::Question { choices, .. }) => v.choice.and_then(|i| choices.get(i)),
            _ => None,
        })
        .filter(|c| c.urgent)
        .map(|c| set.render(&c.label, lang, branch).plain())
        .collect();
    let ending_urgent =
        matches!(path.last().and_then(kind), Some(NodeKind::Handoff(h)) if h.urgency == Urgency::Urgent);
    let urgency = if ending_urgent || !because.is_empty() { Urgency::Urgent } else { Urgency::Normal };
    Urgent { urgency, because }
}

/// The line staff read first when it is urgent: "URGENT: ... (they answered
/// “Yes, within the hour”)." `None` when it is not.
pub fn urgent_line(u: &Urgent) -> Option<String> {
    if u.urgency != Urgency::Urgent {
        return None;
    }
    let answers: Vec<String> = u.because.iter().map(|a| format!("“{a}”")).collect();
    Some(match answers.is_empty() {
        true => format!("URGENT: {}.", Urgency::Urgent.meaning()),
        false => format!("URGENT: {} (they answered {}).", Urgency::Urgent.meaning(), answers.join(", ")),
    })
}

/// What a staff note still asks after "Ask:": the text from "Ask:" to the end
/// of its sentence (a full stop outside brackets), split into items at commas
/// and semicolons outside brackets, a leading "and " dropped. A bracket that
/// says why (e.g. "(the kiosk cannot know them)") stays with its item. Empty
/// when the note asks nothing. `codes` lists these per handoff ending, so
/// every question left to staff can be checked against the rule that the
/// kiosk asks whatever a choice can settle and nothing personal.
pub fn ask_items(note: &str) -> Vec<String> {
    let Some(at) = note.find("Ask:") else { return Vec::new() };
    let rest = &note[at + "Ask:".len()..];
    let mut items = Vec::new();
    let mut item = String::new();
    let mut depth = 0usize;
    let mut chars = rest.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let ends_sentence = ch == '.' && depth == 0 && chars.peek().is_none_or(|c| c.is_whitespace());
        if depth == 0 && (ch == ',' || ch == ';' || ends_sentence) {
            items.push(std::mem::take(&mut item));
            if ends_sentence {
                break;
            }
        } else {
            item.push(ch);
        }
    }
    items.push(item);
    items
        .into_iter()
        .map(|i| {
            let i = i.trim();
            i.strip_prefix("and ").unwrap_or(i).trim().to_string()
        })
        .filter(|i| !i.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::ask_items;

    #[test]
    fn ask_items_stop_at_the_sentence_and_keep_brackets_whole() {
        assert_eq!(ask_items("Time used up. Ask: the PC number. Check the waiting list."), ["the PC number"]);
        assert_eq!(
            ask_items(
                "Stuck. Ask: the PC number, the website and the question (the kiosk cannot know them; no free text). Explain."
            ),
            ["the PC number", "the website and the question (the kiosk cannot know them; no free text)"]
        );
        assert_eq!(
            ask_items("Ask: the job name, pages, and amount charged"),
            ["the job name", "pages", "amount charged"]
        );
        assert_eq!(ask_items("Paid 3.50 at the desk. Check the log."), Vec::<String>::new());
        assert_eq!(
            ask_items("Ask: the price (about $0.15.) shown; then wait."),
            ["the price (about $0.15.) shown", "then wait"]
        );
    }
}
