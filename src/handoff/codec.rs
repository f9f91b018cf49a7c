//! What a handoff code holds, packed as tightly as the flows allow.
//!
//! The code is one number in mixed radix, least significant digit first:
//! the flow-set version tag (8 bits of its fingerprint), then the branch,
//! language, time bucket, how the patron reached staff, whether a loop was
//! left out, the flow, and then one digit per screen whose answer is not
//! forced, in the radix of the choices that screen really showed. A patron
//! who walked five questions of three choices costs log2(3^5) ≈ 8 bits, not
//! five bytes. Decoding walks the flow with the digits, so the flow files
//! are the other half of the code.

use crate::flow::model::{FlowIdx, FlowSet, NodeKind};
use crate::session::{Outcome, Session, Visit};
use std::time::Duration;

/// Upper bounds of the time buckets, in minutes; the last bucket is open.
pub const TIME_BUCKETS: [u64; 7] = [1, 2, 5, 10, 15, 20, 30];

/// The longest path a code describes, in screens (longer is not a real
/// session; decoding stops there).
const MAX_SCREENS: usize = 256;

/// How the patron came to need staff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reached {
    /// The flow ended at a handoff (or, for completeness, solved).
    FlowEnded,
    /// The patron pressed "Get help from staff".
    Asked,
    /// The kiosk offered help after a long time, and the patron took it.
    Offered,
}

/// Everything a code holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contents {
    /// The low 8 bits of the flow-set fingerprint.
    pub tag: u8,
    /// Index into `set.branches`.
    pub branch: usize,
    /// Index into `set.languages`.
    pub lang: usize,
    /// Index into the time buckets (0: under a minute ... 7: 30 minutes or more).
    pub time: usize,
    /// How the patron came to need staff.
    pub reached: Reached,
    /// Whether repeats of a loop were left out to keep the code short.
    pub looped: bool,
    /// The flow started, or `None` for staff help from the home screen.
    pub flow: Option<FlowIdx>,
    /// Every screen, in order, with the answer taken; the last is where it
    /// ended.
    pub path: Vec<Visit>,
}

/// Why a number does not decode against a flow set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// The version tag is not this set's.
    OtherVersion(u8),
    /// The digits do not describe a path through these flows.
    NotAPath,
}

/// The time bucket of a session length.
pub fn time_bucket(elapsed: Duration) -> usize {
    let minutes = elapsed.as_secs() / 60;
    TIME_BUCKETS.iter().position(|&b| minutes < b).unwrap_or(TIME_BUCKETS.len())
}

/// A time bucket in words: "under 1 min", "5-10 min", "30 min or more".
pub fn time_words(bucket: usize) -> String {
    match bucket {
        0 => "under 1 min".into(),
        b if b >= TIME_BUCKETS.len() => format!("{} min or more", TIME_BUCKETS[TIME_BUCKETS.len() - 1]),
        b => format!("{}-{} min", TIME_BUCKETS[b - 1], TIME_BUCKETS[b]),
    }
}

/// The version tag of a flow set.
pub fn tag_of(set: &FlowSet) -> u8 {
    (set.fingerprint & 0xff) as u8
}

/// What a session's code holds. `offered` says whether the kiosk's offer of
/// help led here. `None` if the session has not ended.
pub fn contents_of(session: &Session, offered: bool, now: Duration) -> Option<Contents> {
    let set = session.flow_set();
    let reached = match session.outcome()? {
        Outcome::AskedStaff if offered => Reached::Offered,
        Outcome::AskedStaff => Reached::Asked,
        Outcome::Solved | Outcome::Handoff => Reached::FlowEnded,
    };
    Some(Contents {
        tag: tag_of(set),
        branch: set.branches.iter().position(|b| b.id == session.branch_id()).unwrap_or(0),
        lang: set.languages.iter().position(|l| l == session.language()).unwrap_or(0),
        time: time_bucket(session.elapsed(now)),
        reached,
        looped: false,
        flow: session.trail().first().map(|v| v.flow),
        path: session.trail().to_vec(),
    })
}

/// Little-endian mixed-radix writer.
struct Digits(Vec<(u128, u128)>);

impl Digits {
    fn push(&mut self, digit: usize, radix: usize) {
        self.0.push((digit as u128, radix.max(1) as u128));
    }

    /// The number, or `None` if it does not fit 128 bits.
    fn value(&self) -> Option<u128> {
        let mut v: u128 = 0;
        for &(d, r) in self.0.iter().rev() {
            v = v.checked_mul(r)?.checked_add(d)?;
        }
        Some(v)
    }
}

/// Packs contents into one number. `None` if it does not fit (a path far
/// longer than any flow has).
pub fn pack(set: &FlowSet, c: &Contents) -> Option<u128> {
    let mut d = Digits(Vec::new());
    d.push(c.tag as usize, 256);
    d.push(c.branch, set.branches.len());
    d.push(c.lang, set.languages.len());
    d.push(c.time, TIME_BUCKETS.len() + 1);
    d.push(
        match c.reached {
            Reached::FlowEnded => 0,
            Reached::Asked => 1,
            Reached::Offered => 2,
        },
        3,
    );
    d.push(usize::from(c.looped), 2);
    d.push(c.flow.unwrap_or(set.flows.len()), set.flows.len() + 1);
    let branch = set.branches.get(c.branch)?;
    let stop_digits = c.reached != Reached::FlowEnded;
    for (i, v) in c.path.iter().enumerate() {
        let last = i + 1 == c.path.len();
        let node = &set.flows.get(v.flow)?.nodes.get(v.node)?.kind;
        match node {
            NodeKind::Goto { .. } | NodeKind::Solved { .. } | NodeKind::Handoff(_) => {}
            NodeKind::Step { .. } if stop_digits => d.push(usize::from(!last), 2),
            NodeKind::Step { .. } => {}
            NodeKind::Question { choices, .. } => {
                let visible = branch.visible_choices(choices);
                let offset = usize::from(stop_digits);
                let digit = match (last, v.choice) {
                    (true, _) if stop_digits => 0,
                    (_, Some(raw)) => visible.iter().position(|&x| x == raw)? + offset,
                    _ => return None,
                };
                d.push(digit, visible.len() + offset);
            }
        }
    }
    d.value()
}

/// The version tag of a packed number, readable before knowing the flows.
pub fn tag_of_value(value: u128) -> u8 {
    (value % 256) as u8
}

/// Unpacks a number against a flow set.
pub fn unpack(set: &FlowSet, value: u128) -> Result<Contents, Mismatch> {
    let mut v = value;
    let mut take = |radix: usize| -> usize {
        let r = radix.max(1) as u128;
        let d = v % r;
        v /= r;
        d as usize
    };
    let tag = take(256) as u8;
    if tag != tag_of(set) {
        return Err(Mismatch::OtherVersion(tag));
    }
    let branch = take(set.branches.len());
    let lang = take(set.languages.len());
    let time = take(TIME_BUCKETS.len() + 1);
    let reached = match take(3) {
        0 => Reached::FlowEnded,
        1 => Reached::Asked,
        _ => Reached::Offered,
    };
    let looped = take(2) == 1;
    let flow = take(set.flows.len() + 1);
    let b = set.branches.get(branch).ok_or(Mismatch::NotAPath)?;
    let (flow, path) = if flow == set.flows.len() {
        if reached == Reached::FlowEnded {
            return Err(Mismatch::NotAPath);
        }
        (None, Vec::new())
    } else {
        if b.hidden.contains(&flow) {
            return Err(Mismatch::NotAPath);
        }
        (Some(flow), unpack_path(set, b, flow, reached != Reached::FlowEnded, &mut take)?)
    };
    if v != 0 {
        return Err(Mismatch::NotAPath);
    }
    // Repeats are left out only of a path that went round a loop, and the
    // last time round is kept: a code saying so about a path with no screen
    // on a loop was never made (most likely a character is missing).
    if looped && !path.iter().any(|v| on_a_loop(set, b, v.flow, v.node)) {
        return Err(Mismatch::NotAPath);
    }
    Ok(Contents { tag, branch, lang, time, reached, looped, flow, path })
}

/// The screens of a path from the start of `flow` at `branch`, one digit per
/// screen from `take` (with `stop_digits`, a digit may also say "stopped
/// here": the patron asked for staff on the way).
fn unpack_path(
    set: &FlowSet,
    b: &crate::flow::model::Branch,
    flow: FlowIdx,
    stop_digits: bool,
    take: &mut impl FnMut(usize) -> usize,
) -> Result<Vec<Visit>, Mismatch> {
    let mut path = Vec::new();
    let (mut f, mut n) = (flow, set.start_at(flow, b));
    loop {
        if path.len() >= MAX_SCREENS {
            return Err(Mismatch::NotAPath);
        }
        let node = &set.flows.get(f).and_then(|fl| fl.nodes.get(n)).ok_or(Mismatch::NotAPath)?.kind;
        match node {
            NodeKind::Goto { flow: to, node: landing } => {
                path.push(Visit { flow: f, node: n, choice: None });
                f = *to;
                n = *landing;
            }
            NodeKind::Solved { .. } | NodeKind::Handoff(_) => {
                if stop_digits {
                    return Err(Mismatch::NotAPath);
                }
                path.push(Visit { flow: f, node: n, choice: None });
                break;
            }
            NodeKind::Step { next, .. } => {
                if stop_digits && take(2) == 0 {
                    path.push(Visit { flow: f, node: n, choice: None });
                    break;
                }
                path.push(Visit { flow: f, node: n, choice: None });
                n = *next;
            }
            NodeKind::Question { choices, .. } => {
                let visible = b.visible_choices(choices);
                let offset = usize::from(stop_digits);
                let digit = take(visible.len() + offset);
                if stop_digits && digit == 0 {
                    path.push(Visit { flow: f, node: n, choice: None });
                    break;
                }
                let raw = *visible.get(digit - offset).ok_or(Mismatch::NotAPath)?;
                path.push(Visit { flow: f, node: n, choice: Some(raw) });
                n = b.lead(&choices[raw]).unwrap_or(choices[raw].to);
            }
        }
    }
    Ok(path)
}

/// Whether a patron at `branch` can come back to this screen by going on
/// (answers shown there, steps, gotos).
fn on_a_loop(set: &FlowSet, branch: &crate::flow::model::Branch, flow: FlowIdx, node: usize) -> bool {
    let next = |f: FlowIdx, n: usize| -> Vec<(FlowIdx, usize)> {
        match set.flows.get(f).and_then(|fl| fl.nodes.get(n)).map(|n| &n.kind) {
            Some(NodeKind::Step { next, .. }) => vec![(f, *next)],
            Some(NodeKind::Question { choices, .. }) => {
                choices.iter().filter_map(|ch| branch.lead(ch)).map(|to| (f, to)).collect()
            }
            Some(NodeKind::Goto { flow: to, node: landing }) => vec![(*to, *landing)],
            _ => Vec::new(),
        }
    };
    let mut seen = std::collections::HashSet::new();
    let mut stack = next(flow, node);
    while let Some((f, n)) = stack.pop() {
        if (f, n) == (flow, node) {
            return true;
        }
        if seen.insert((f, n)) {
            stack.extend(next(f, n));
        }
    }
    false
}

/// Removes repeated loops from a path (keeping the last time round), for
/// codes that would otherwise be too long to read aloud.
pub fn without_loops(path: &[Visit]) -> Vec<Visit> {
    let mut out: Vec<Visit> = Vec::new();
    for v in path {
        if let Some(i) = out.iter().position(|o| o.flow == v.flow && o.node == v.node) {
            out.truncate(i);
        }
        out.push(v.clone());
    }
    out
}
