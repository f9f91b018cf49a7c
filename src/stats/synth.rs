//! Generated statistics for the `report` benchmark and tests: real patron
//! sessions walked at random through a flow set (so every row is one the
//! kiosk could write), spread over a library system's kiosks and days.

use super::store::{Kind, file_name};
use super::{Context, Date, DeskOutcome, DeskRecord, Left, LocalTime, SessionRecord};
use crate::flow::model::FlowSet;
use crate::session::{Body, Outcome, Session};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// A small, seeded pseudo-random generator (xorshift64*): the same seed
/// gives the same tree.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next_u64() % n as u64) as usize }
    }

    /// True with probability `percent` in 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// One random patron session through `set`, as the kiosk would record it
/// (kiosk name and date left for the caller to set).
pub fn random_session(set: &Arc<FlowSet>, rng: &mut Rng, at: LocalTime) -> SessionRecord {
    let branch = &set.branches[rng.below(set.branches.len())];
    let lang = set.languages[rng.below(set.languages.len())].clone();
    let visible: Vec<&str> = set.visible_flows(branch).map(|(_, f)| f.id.as_str()).collect();
    let mut now = Duration::from_secs(1000);
    let cx =
        |left, code| Context { at, left, large_text: rng_flag(at, 7), high_contrast: rng_flag(at, 31), code };
    let session = if rng.chance(3) || visible.is_empty() {
        Session::staff_only(set.clone(), &branch.id, &lang, now)
    } else {
        Session::start(set.clone(), &branch.id, &lang, visible[rng.below(visible.len())], now)
    };
    let Ok(mut s) = session else {
        // Cannot happen with ids taken from the set; an empty row rather
        // than a panic.
        return SessionRecord::from_session_placeholder(at);
    };
    let mut left = Left::Home;
    for _ in 0..40 {
        if s.outcome().is_some() {
            break;
        }
        now += Duration::from_secs(5 + rng.below(50) as u64);
        let roll = rng.below(100);
        if roll < 4 {
            left = Left::Idle;
            now += Duration::from_secs(120);
            break;
        } else if roll < 8 {
            break;
        } else if roll < 12 {
            s.ask_staff(now);
        } else if roll < 20 {
            if !s.back(now) {
                break;
            }
        } else {
            match s.screen().body {
                Body::Question { choices, .. } => {
                    let _ = s.choose(1 + rng.below(choices.len()), now);
                }
                _ => {
                    let _ = s.next(now);
                }
            }
        }
    }
    let code = match s.outcome() {
        Some(Outcome::Handoff | Outcome::AskedStaff) => crate::handoff::code_for_session(&s, false, now),
        _ => None,
    };
    SessionRecord::from_session(&s, now, "", &cx(left, code))
}

/// A cheap, deterministic "random" flag from the time, so the closure above
/// needs no generator.
fn rng_flag(at: LocalTime, every: u64) -> bool {
    (at.date.days() as u64).wrapping_mul(31).wrapping_add(u64::from(at.hour)) % every == 0
}

impl SessionRecord {
    fn from_session_placeholder(at: LocalTime) -> SessionRecord {
        SessionRecord {
            date: at.date,
            hour: at.hour,
            weekday: at.date.weekday(),
            branch: String::new(),
            kiosk: String::new(),
            language: String::new(),
            flow: String::new(),
            end: super::End::StartedOver,
            node: String::new(),
            screens: 0,
            back_steps: 0,
            duration_s: 0,
            large_text: false,
            high_contrast: false,
            code: None,
        }
    }
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct TreeSpec {
    /// Branches of the library system.
    pub branches: usize,
    /// Kiosks, spread over the branches.
    pub kiosks: usize,
    /// Days, from `start`.
    pub days: u32,
    /// The first day.
    pub start: Date,
    /// Sessions per kiosk per day.
    pub sessions_per_day: u32,
    /// Percent of sessions with a code whose patron's visit the desk records.
    pub desk_percent: u64,
    /// Seed.
    pub seed: u64,
}

/// What was generated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TreeTotals {
    /// Kiosk rows.
    pub sessions: u64,
    /// Desk rows.
    pub desk_rows: u64,
    /// Files.
    pub files: u64,
}

/// Writes a collected tree as a library system would have it:
/// `root/bNN/kiosk-K/stats/kiosk-DATE-kiosk-K.csv` and
/// `root/bNN/desk/stats/desk-DATE-desk-bNN.csv`. Rows come from a pool of
/// real random sessions through `set`, each given its kiosk, branch, date
/// and hour.
pub fn write_tree(root: &Path, set: &Arc<FlowSet>, spec: &TreeSpec) -> std::io::Result<TreeTotals> {
    let mut rng = Rng::new(spec.seed);
    let pool_at = LocalTime { date: spec.start, hour: 12 };
    let pool: Vec<SessionRecord> = (0..4000).map(|_| random_session(set, &mut rng, pool_at)).collect();
    let mut totals = TreeTotals::default();
    let branches = spec.branches.max(1);
    let outcomes = DeskOutcome::ALL;
    for b in 0..branches {
        let bname = format!("b{b:02}");
        let kiosks: Vec<String> =
            (0..spec.kiosks).filter(|k| k % branches == b).map(|k| format!("kiosk-{k}")).collect();
        let desk_name = format!("desk-{bname}");
        let desk_dir = root.join(&bname).join("desk").join("stats");
        std::fs::create_dir_all(&desk_dir)?;
        for k in &kiosks {
            std::fs::create_dir_all(root.join(&bname).join(k).join("stats"))?;
        }
        for day in 0..spec.days {
            let Some(date) = spec.start.add_days(i64::from(day)) else { break };
            let mut desk = DeskRecord::header();
            let mut desk_rows = 0;
            for k in &kiosks {
                let mut text = SessionRecord::header();
                for _ in 0..spec.sessions_per_day {
                    let mut row = pool[rng.below(pool.len())].clone();
                    row.date = date;
                    row.weekday = date.weekday();
                    row.hour = (9 + rng.below(6) + rng.below(7)) as u8;
                    row.branch.clone_from(&bname);
                    row.kiosk.clone_from(k);
                    row.large_text = rng.chance(8);
                    row.high_contrast = rng.chance(3);
                    text.push_str(&row.to_line());
                    totals.sessions += 1;
                    if let Some(code) = &row.code
                        && rng.chance(spec.desk_percent)
                    {
                        let read = Some(rng.below(7) as u8).filter(|r| *r > 0);
                        let minutes = [2u16, 5, 10, 15, 30][rng.below(5)];
                        let d = DeskRecord::new(date, code, outcomes[rng.below(4)], read, minutes);
                        desk.push_str(&d.to_line());
                        desk_rows += 1;
                    }
                }
                let path = root.join(&bname).join(k).join("stats").join(file_name(Kind::Kiosk, date, k));
                std::fs::write(path, text)?;
                totals.files += 1;
            }
            if desk_rows > 0 {
                std::fs::write(desk_dir.join(file_name(Kind::Desk, date, &desk_name)), desk)?;
                totals.desk_rows += desk_rows;
                totals.files += 1;
            }
        }
    }
    Ok(totals)
}
