//! `kiosk-triage walk`: the kiosk's session in a terminal, for IT staff
//! trying a flow over SSH and for scripts.

use super::FlowsArgs;
use crate::flow::model::{Branch, FlowSet};
use crate::flow::raw::Urgency;
use crate::flow::words::Word;
use crate::session::{Body, Session};
use crate::speech::say::{Shown, say};
use std::io::{self, BufRead, Write};
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
    /// Also print what Read aloud says on each screen, one `say:` line per
    /// utterance.
    #[arg(long)]
    say: bool,
    /// Speak each screen with this computer's voices, as the kiosk's Read
    /// aloud would, waiting for each to end (implies `--say`).
    #[cfg(feature = "speech")]
    #[arg(long)]
    speak: bool,
}

impl Args {
    /// The voice to speak with: the system's, with `--speak`.
    fn voice(&self) -> Option<Box<dyn crate::speech::Voice>> {
        #[cfg(feature = "speech")]
        if self.speak {
            return Some(crate::speech::system_voice());
        }
        None
    }
}

/// Runs `walk`: 0 an ending was reached, 1 a bad or missing answer, 2 usage,
/// IO or broken flows.
pub fn run(args: &Args, out: &mut dyn Write, input: &mut dyn BufRead) -> io::Result<u8> {
    let set = match super::load_clean(&args.flows, args.branch.as_deref()) {
        Ok(set) => set,
        Err(code) => return Ok(code),
    };
    let branch = args.branch.clone().unwrap_or_else(|| set.branches[0].id.clone());
    let lang = args.lang.clone().unwrap_or_else(|| set.default_language().to_string());
    if !set.languages.contains(&lang) {
        eprintln!("error: the flows have no language `{lang}`; they have {}", set.languages.join(", "));
        return Ok(2);
    }
    let session = match Session::start(set.clone(), &branch, &lang, &args.flow, Duration::ZERO) {
        Ok(s) => s,
        Err(e) => {
            let b = set.branch(&branch).unwrap_or(&set.branches[0]);
            let why = set.flow_index(&args.flow).and_then(|f| set.why_hidden(f, b));
            let ids: Vec<&str> = set.visible_flows(b).map(|(_, f)| f.id.as_str()).collect();
            match why {
                Some(why) => eprintln!("error: {why}; flows at this branch: {}", ids.join(", ")),
                None => eprintln!("error: {e}; flows at branch `{}`: {}", b.id, ids.join(", ")),
            }
            return Ok(2);
        }
    };
    let answers = args.answers.clone().map(Vec::into_iter);
    // Time stands still in a terminal walk: each action is one second later.
    let voice = args.voice();
    let mut walk = Walk {
        set: &set,
        branch: &branch,
        session,
        clock: Duration::ZERO,
        answers,
        input,
        out,
        say: args.say || voice.is_some(),
        voice,
    };
    loop {
        if let Some(code) = walk.screen()? {
            return Ok(code);
        }
    }
}

/// A walk in progress.
struct Walk<'w> {
    set: &'w FlowSet,
    branch: &'w str,
    session: Session,
    clock: Duration,
    /// The choices still to take, or None to read them from `input`.
    answers: Option<std::vec::IntoIter<usize>>,
    input: &'w mut dyn BufRead,
    out: &'w mut dyn Write,
    /// Print the Read aloud utterances too.
    say: bool,
    /// Speak them too (`--speak`).
    voice: Option<Box<dyn crate::speech::Voice>>,
}

impl Walk<'_> {
    fn branch(&self) -> &Branch {
        self.set.branch(self.branch).unwrap_or(&self.set.branches[0])
    }

    /// Shows one screen and acts on it; `Some(exit code)` when the walk ends.
    fn screen(&mut self) -> io::Result<Option<u8>> {
        self.clock += Duration::from_secs(1);
        let screen = self.session.screen();
        writeln!(self.out, "── {} ──", screen.label(self.set, self.session.language(), self.branch()))?;
        if self.say && !self.say(&screen)? {
            return Ok(Some(1));
        }
        if let Some(link) = &screen.link {
            // The kiosk shows it as a QR code with the short address.
            writeln!(
                self.out,
                "[take home: {link} (QR code, “{}”)]",
                crate::flow::model::short_address(link)
            )?;
        }
        match &screen.body {
            Body::Step { text, .. } => self.step(text),
            Body::Question { text, choices, .. } => self.question(text, choices),
            Body::Solved { text } => {
                writeln!(self.out, "{text}")?;
                writeln!(self.out, "[solved]")?;
                Ok(Some(0))
            }
            Body::Handoff { reason, note, policy, asked, urgency } => {
                writeln!(self.out, "{reason}")?;
                writeln!(
                    self.out,
                    "{}",
                    self.set.word(Word::HandoffWhere, self.session.language(), self.branch())
                )?;
                let who = if *asked { "patron asked for staff" } else { "the flow hands off" };
                writeln!(self.out, "[handoff: {who}]")?;
                if let Some(code) = crate::handoff::code_for_session(&self.session, false, self.clock) {
                    writeln!(self.out, "code: {}", crate::handoff::base32::group(&code))?;
                }
                writeln!(self.out, "staff note: {note}")?;
                if *urgency == Urgency::Urgent {
                    writeln!(self.out, "urgency: {}", urgency.name())?;
                }
                // The facts the desk reads first, worked out as `decode` does.
                let work = self.set.default_language();
                for f in crate::handoff::facts::facts(self.set, self.session.trail(), work, self.branch()) {
                    writeln!(self.out, "fact: {}: {}", f.name, f.answer)?;
                }
                if let Some(p) = policy {
                    writeln!(
                        self.out,
                        "policy ({}: {}): {}",
                        p.firmness.name(),
                        p.firmness.meaning(),
                        p.text
                    )?;
                }
                // The ending's labels for the desk statistics, as `decode` says them.
                let ending = self.session.trail().last().map(|v| &self.set.flows[v.flow].nodes[v.node].kind);
                if let Some(crate::flow::model::NodeKind::Handoff(h)) = ending
                    && !asked
                    && let Some(line) =
                        crate::handoff::summary::statistics_line(h.read, h.question_type.as_deref())
                {
                    writeln!(self.out, "{}", line.replacen("For the statistics:", "statistics:", 1))?;
                }
                Ok(Some(0))
            }
        }
    }

    /// What Read aloud says on this screen, as the kiosk would say it;
    /// spoken with `--speak`. False when it could not be spoken.
    fn say(&mut self, screen: &crate::session::Screen) -> io::Result<bool> {
        let code = crate::handoff::code_for_session(&self.session, false, self.clock)
            .map(|c| crate::handoff::base32::group(&c));
        let going_home = crate::config::KioskConfig::default().solved_return().as_secs();
        let shown = Shown::Session { screen, offer: false, code: code.as_deref(), going_home };
        let lines = say(self.set, self.branch(), self.session.language(), &shown);
        for line in &lines {
            writeln!(self.out, "say: {line}")?;
        }
        self.out.flush()?;
        if let Some(voice) = self.voice.as_mut()
            && let Err(e) = speak(voice.as_mut(), self.session.language(), &lines)
        {
            eprintln!("error: read aloud: {e}");
            return Ok(false);
        }
        Ok(true)
    }

    fn step(&mut self, text: &impl std::fmt::Display) -> io::Result<Option<u8>> {
        writeln!(self.out, "{text}")?;
        if self.answers.is_some() {
            writeln!(self.out, "> next")?;
            let _ = self.session.next(self.clock);
            return Ok(None);
        }
        writeln!(self.out, "  [Enter] next   b back   s staff   q quit")?;
        match read(self.input) {
            Input::Quit => return Ok(Some(0)),
            Input::Back => {
                self.session.back(self.clock);
            }
            Input::Staff => self.session.ask_staff(self.clock),
            // At a step, a moving-on error cannot happen; nothing to say.
            _ => {
                let _ = self.session.next(self.clock);
            }
        }
        Ok(None)
    }

    fn question(
        &mut self,
        text: &impl std::fmt::Display,
        choices: &[crate::flow::text::Rich],
    ) -> io::Result<Option<u8>> {
        writeln!(self.out, "{text}")?;
        for (i, c) in choices.iter().enumerate() {
            writeln!(self.out, "  {}. {c}", i + 1)?;
        }
        let n = match self.answers.as_mut() {
            Some(a) => match a.next() {
                Some(n) => n,
                None => {
                    eprintln!("error: the answers ran out before an ending");
                    return Ok(Some(1));
                }
            },
            None => {
                writeln!(self.out, "  choose 1-{}, b back, s staff, q quit", choices.len())?;
                match read(self.input) {
                    Input::Number(n) => n,
                    Input::Back => {
                        self.session.back(self.clock);
                        return Ok(None);
                    }
                    Input::Staff => {
                        self.session.ask_staff(self.clock);
                        return Ok(None);
                    }
                    Input::Quit => return Ok(Some(0)),
                    Input::Other => {
                        writeln!(self.out, "  (type a number from 1 to {})", choices.len())?;
                        return Ok(None);
                    }
                }
            }
        };
        let label = n.checked_sub(1).and_then(|i| choices.get(i)).map(|c| c.plain());
        match self.session.choose(n, self.clock) {
            Ok(()) => writeln!(self.out, "> {n}. {}", label.unwrap_or_default())?,
            Err(e) if self.answers.is_none() => writeln!(self.out, "  {e}")?,
            Err(e) => {
                eprintln!("error: {e}");
                return Ok(Some(1));
            }
        }
        Ok(None)
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

/// Speaks `lines` and waits until they end (at most two minutes); the
/// speech service gets ten seconds to start.
fn speak(voice: &mut dyn crate::speech::Voice, lang: &str, lines: &[String]) -> Result<(), String> {
    use crate::speech::Voices;
    let tick = Duration::from_millis(100);
    for _ in 0..100 {
        if voice.voices() != Voices::Starting {
            break;
        }
        std::thread::sleep(tick);
    }
    match voice.voices() {
        Voices::None(why) => return Err(why),
        Voices::Starting => return Err("the speech service did not start within 10 seconds".into()),
        v if !v.speaks(lang) => return Err(format!("no voice on this computer speaks `{lang}`")),
        Voices::Languages(_) => {}
    }
    voice.speak(lang, lines);
    for _ in 0..1200 {
        std::thread::sleep(tick);
        if !voice.is_speaking() {
            return Ok(());
        }
    }
    voice.stop();
    Err("the speech did not end within two minutes".into())
}
