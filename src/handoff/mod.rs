//! Handoff codes: what the patron tried travels to the desk in a few
//! characters, with no server, no database and no personal data.
//!
//! `codec` packs a session into a number against the flow set, `base32`
//! writes it with a check character, `facts` picks out what staff read
//! first (facts and urgency), `summary` words a decoded code for staff, and `archive` keeps every flow set a machine has loaded so codes
//! made before an edit still decode.

pub mod archive;
pub mod base32;
pub mod codec;
pub mod facts;
pub mod summary;

use crate::flow::model::FlowSet;
use crate::session::Session;
use codec::{Contents, pack, without_loops};
use std::time::Duration;

/// The longest code (check included) a patron should have to read aloud.
pub const MAX_CODE_LEN: usize = 12;

/// The code for contents, ungrouped: loops are left out if that is what
/// it takes to fit [`MAX_CODE_LEN`].
pub fn code_for(set: &FlowSet, contents: &Contents) -> Option<String> {
    let code = base32::encode(pack(set, contents)?);
    if code.len() <= MAX_CODE_LEN || contents.looped {
        return Some(code);
    }
    let shorter = Contents { path: without_loops(&contents.path), looped: true, ..contents.clone() };
    if shorter.path.len() == contents.path.len() {
        return Some(code);
    }
    Some(base32::encode(pack(set, &shorter)?))
}

/// The code for an ended session, ungrouped. `offered`: the patron took the
/// kiosk's offer of help.
pub fn code_for_session(session: &Session, offered: bool, now: Duration) -> Option<String> {
    code_for(session.flow_set(), &codec::contents_of(session, offered, now)?)
}

/// The longest code a path can give: every header digit at its largest (any
/// version tag, the last language, the longest time), so real codes for the
/// path are never longer.
pub fn worst_case_code(
    set: &FlowSet,
    branch: usize,
    path: &[crate::session::Visit],
    reached: codec::Reached,
) -> Option<String> {
    let contents = Contents {
        tag: 0xff,
        branch,
        lang: set.languages.len().saturating_sub(1),
        time: codec::TIME_BUCKETS.len(),
        reached,
        looped: false,
        flow: path.first().map(|v| v.flow),
        path: path.to_vec(),
    };
    Some(base32::encode(pack(set, &contents)?))
}

/// Code lengths over every path of one flow at one branch.
#[derive(Clone, Debug, Default)]
pub struct FlowLengths {
    /// The worst-case length of the code of each path that ends at a handoff.
    pub handoff: Vec<usize>,
    /// The longest worst-case code of any path (handoff, solved, or asking
    /// for staff on the last screen before the end).
    pub longest: usize,
    /// That path, for the report.
    pub longest_path: Vec<crate::session::Visit>,
    /// Whether the path limit stopped the count.
    pub cut: bool,
    /// Whether a path through gotos reached [`crate::paths::MAX_SCREENS`]
    /// screens: its code could not be decoded.
    pub too_deep: bool,
}

/// Walks every path of `flow` at branch index `branch` (through gotos) and
/// measures their codes. The walk stops at the first code longer than
/// [`MAX_CODE_LEN`] (that is already an error; `cut` then says `longest` is
/// a lower bound), so a long chain of flows joined by gotos costs each flow a
/// few flows' walk, not one through the whole chain.
pub fn flow_lengths(
    set: &FlowSet,
    flow: crate::flow::model::FlowIdx,
    branch: usize,
    limit: usize,
) -> FlowLengths {
    use crate::paths::{End, walk_through_gotos_while};
    let mut out = FlowLengths::default();
    let Some(b) = set.branches.get(branch) else { return out };
    let (_, cut) = walk_through_gotos_while(set, flow, b, limit, &mut |path, end| {
        let mut consider = |len: usize, path: &[crate::session::Visit]| {
            if len > out.longest {
                out.longest = len;
                out.longest_path = path.to_vec();
            }
        };
        if end == End::TooDeep && path.len() >= crate::paths::MAX_SCREENS {
            out.too_deep = true;
            return false;
        }
        if matches!(end, End::Solved | End::Handoff) {
            if let Some(code) = worst_case_code(set, branch, path, codec::Reached::FlowEnded) {
                if end == End::Handoff {
                    out.handoff.push(code.len());
                }
                consider(code.len(), path);
            }
            // Asking for staff on the last screen before this ending.
            let before = &path[..path.len().saturating_sub(1)];
            if !before.is_empty() {
                let mut asked = before.to_vec();
                if let Some(last) = asked.last_mut() {
                    last.choice = None;
                }
                if let Some(code) = worst_case_code(set, branch, &asked, codec::Reached::Offered) {
                    consider(code.len(), &asked);
                }
            }
        }
        out.longest <= MAX_CODE_LEN
    });
    out.cut = cut;
    out
}

/// The code-length step of the one accept pipeline (load, check, code
/// lengths) that the kiosk, `check` and every other command share: the
/// errors of [`long_codes`] join the report and the set is dropped, so what
/// a kiosk refuses no command accepts. Returns each flow's longest code.
pub fn refuse_long_codes(
    loaded: &mut crate::flow::load::Loaded,
    only: Option<&str>,
) -> Vec<(String, usize, bool)> {
    let Some(set) = &loaded.report.set else { return Vec::new() };
    let (lengths, problems) = long_codes(set, &loaded.sources, only);
    if !problems.is_empty() {
        loaded.report.diagnostics.extend(problems);
        loaded.report.set = None;
    }
    lengths
}

/// The longest code each flow can give over the branches checked (`only`, or
/// all), and an error diagnostic, located at the flow's id, for each flow whose
/// codes could pass [`MAX_CODE_LEN`] (`code-too-long`) or whose paths through
/// gotos outgrow what a code describes (`path-too-long`). `check` and the kiosk both apply it, so
/// a kiosk refuses what `check` refuses.
pub fn long_codes(
    set: &FlowSet,
    sources: &crate::flow::Sources,
    only: Option<&str>,
) -> (Vec<(String, usize, bool)>, Vec<crate::flow::Diagnostic>) {
    use crate::flow::source::Pos;
    use crate::flow::{Diagnostic, Severity};
    let mut lengths = Vec::new();
    let mut problems = Vec::new();
    for (fi, flow) in set.flows.iter().enumerate() {
        let mut longest = 0;
        let mut cut = false;
        let mut too_deep = false;
        for (bi, branch) in set.branches.iter().enumerate() {
            if only.is_some_and(|b| b != branch.id) || branch.hidden.contains(&fi) {
                continue;
            }
            let l = flow_lengths(set, fi, bi, crate::paths::PATH_LIMIT);
            longest = longest.max(l.longest);
            cut |= l.cut;
            too_deep |= l.too_deep;
        }
        let at = || {
            let is_flow_id = |l: &&crate::flow::source::Literal| {
                l.key.as_deref() == Some("id") && l.path.len() == 1 && l.value == flow.id
            };
            sources
                .flows
                .iter()
                .find_map(|f| f.find(is_flow_id).map(|l| (f.name.clone(), l.pos)))
                .unwrap_or((String::new(), Pos::START))
        };
        if too_deep {
            let (name, pos) = at();
            problems.push(
                Diagnostic::new(
                    Severity::Error,
                    crate::flow::diag::Code::PathTooLong,
                    &name,
                    pos,
                    format!(
                        "from flow `{}`, gotos lead a patron through more than {} screens; a handoff code cannot describe that path",
                        flow.id,
                        crate::paths::MAX_SCREENS
                    ),
                )
                .hint("shorten the chain of flows that lead into each other with gotos"),
            );
        } else if longest > MAX_CODE_LEN {
            let (name, pos) = at();
            problems.push(
                Diagnostic::new(
                    Severity::Error,
                    crate::flow::diag::Code::CodeTooLong,
                    &name,
                    pos,
                    format!(
                        "flow `{}` can give handoff codes of {longest} characters{}; at most {MAX_CODE_LEN} are read aloud easily",
                        flow.id,
                        if cut { " or more" } else { "" }
                    ),
                )
                .hint("split long paths: send the patron on with a goto, or ask fewer questions in a row"),
            );
        }
        lengths.push((flow.id.clone(), longest, cut));
    }
    (lengths, problems)
}
