//! `kiosk-triage walk`: the kiosk's session in a terminal, for IT staff
//! trying a flow over SSH and for scripts.

use super::FlowsArgs;
use crate::session::{Body, Session};
use std::io::{BufRead, Write};
use std::time::Duration;

/// Arguments of `walk`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The flow id, such as `printing`.
    flow: String,
    #[command(flatten)]
    flows: FlowsArgs,
    /// The branch (default: the first).
    #[arg(long)]
    branch: Option<String>,
    /// The language (default: the flows' first).
    #[arg(long)]
    lang: Option<String>,
    /// Choices to take, in order, such as `2,1,3`; steps go on by themselves.
    /// Without it, choices are read from standard input.
    #[arg(long, value_delimiter = ',')]
    answers: Option<Vec<usize>>,
}

/// Runs `walk`: 0 an ending was reached, 1 a bad or missing answer, 2 usage,
/// IO or broken flows.
pub fn run(args: &Args, out: &mut dyn Write, input: &mut dyn BufRead) -> u8 {
    let set = match super::load_clean(&args.flows, args.branch.as_deref()) {
        Ok(set) => set,
        Err(code) => return code,
    };
    let branch = args.branch.clone().unwrap_or_else(|| set.branches[0].id.clone());
    let lang = args.lang.clone().unwrap_or_else(|| set.default_language().to_string());
    if !set.languages.contains(&lang) {
        let _ = writeln!(
            out,
            "error: the flows have no language `{lang}`; they have {}",
            set.languages.join(", ")
        );
        return 2;
    }
    // Time stands still in a terminal walk: each action is one second later.
    let mut clock = Duration::ZERO;
    let mut session = match Session::start(set.clone(), &branch, &lang, &args.flow, clock) {
        Ok(s) => s,
        Err(e) => {
            let ids: Vec<&str> = set.flows.iter().map(|f| f.id.as_str()).collect();
            let _ = writeln!(out, "error: {e}; flows: {}", ids.join(", "));
            return 2;
        }
    };
    let mut answers = args.answers.clone().map(|a| a.into_iter());
    let interactive = answers.is_none();
    loop {
        clock += Duration::from_secs(1);
        let screen = session.screen();
        let here = set
            .word("step_of", session.language(), set.branch(&branch).unwrap_or(&set.branches[0]))
            .plain()
            .replace("{flow}", &screen.flow_title)
            .replace("{n}", &screen.step.to_string());
        let _ = writeln!(out, "── {here} ──");
        match &screen.body {
            Body::Step { text, .. } => {
                let _ = writeln!(out, "{text}");
                if interactive {
                    let _ = writeln!(out, "  [Enter] next   b back   s staff   q quit");
                    match read(input) {
                        Input::Quit => return 0,
                        Input::Back => {
                            session.back(clock);
                        }
                        Input::Staff => session.ask_staff(clock),
                        _ => {
                            let _ = session.next(clock);
                        }
                    }
                } else {
                    let _ = writeln!(out, "> next");
                    let _ = session.next(clock);
                }
            }
            Body::Question { text, choices, .. } => {
                let _ = writeln!(out, "{text}");
                for (i, c) in choices.iter().enumerate() {
                    let _ = writeln!(out, "  {}. {c}", i + 1);
                }
                let n = match answers.as_mut() {
                    Some(a) => match a.next() {
                        Some(n) => n,
                        None => {
                            let _ = writeln!(out, "error: the answers ran out before an ending");
                            return 1;
                        }
                    },
                    None => {
                        let _ = writeln!(out, "  choose 1-{}, b back, s staff, q quit", choices.len());
                        match read(input) {
                            Input::Number(n) => n,
                            Input::Back => {
                                session.back(clock);
                                continue;
                            }
                            Input::Staff => {
                                session.ask_staff(clock);
                                continue;
                            }
                            Input::Quit => return 0,
                            Input::Other => {
                                let _ = writeln!(out, "  (type a number from 1 to {})", choices.len());
                                continue;
                            }
                        }
                    }
                };
                let label = n.checked_sub(1).and_then(|i| choices.get(i)).map(|c| c.plain());
                match session.choose(n, clock) {
                    Ok(()) => {
                        let _ = writeln!(out, "> {n}. {}", label.unwrap_or_default());
                    }
                    Err(e) if interactive => {
                        let _ = writeln!(out, "  {e}");
                    }
                    Err(e) => {
                        let _ = writeln!(out, "error: {e}");
                        return 1;
                    }
                }
            }
            Body::Solved { text } => {
                let _ = writeln!(out, "{text}");
                let _ = writeln!(out, "[solved]");
                return 0;
            }
            Body::Handoff { reason, note, policy, asked, urgency } => {
                let _ = writeln!(out, "{reason}");
                let _ = writeln!(
                    out,
                    "{}",
                    set.word(
                        "handoff_where",
                        session.language(),
                        set.branch(&branch).unwrap_or(&set.branches[0])
                    )
                );
                let who = if *asked { "patron asked for staff" } else { "the flow hands off" };
                let _ = writeln!(out, "[handoff: {who}]");
                if let Some(code) = crate::handoff::code_for_session(&session, false, clock) {
                    let _ = writeln!(out, "code: {}", crate::handoff::base32::group(&code));
                }
                let _ = writeln!(out, "staff note: {note}");
                if *urgency == crate::flow::raw::Urgency::Urgent {
                    let _ = writeln!(out, "urgency: urgent");
                }
                if let Some(p) = policy {
                    let firmness = match p.firmness {
                        crate::flow::raw::Firmness::Strict => "strict: never bends",
                        crate::flow::raw::Firmness::Flexible => {
                            "flexible: staff may make a one-time exception"
                        }
                    };
                    let _ = writeln!(out, "policy ({firmness}): {}", p.text);
                }
                return 0;
            }
        }
    }
}

enum Input {
    Number(usize),
    Back,
    Staff,
    Quit,
    Other,
}

fn read(input: &mut dyn BufRead) -> Input {
    let mut line = String::new();
    match input.read_line(&mut line) {
        Ok(0) | Err(_) => Input::Quit,
        Ok(_) => match line.trim() {
            "b" | "back" => Input::Back,
            "s" | "staff" => Input::Staff,
            "q" | "quit" => Input::Quit,
            t => t.parse().map_or(Input::Other, Input::Number),
        },
    }
}
