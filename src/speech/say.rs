//! What to say for each screen: the words a patron who cannot read the
//! screen hears, in their language, in the order the screen shows them.
//!
//! The kiosk and `walk --say` both call [`say`] with what is on screen
//! ([`Shown`]); nothing here knows about egui or audio. Each screen is spoken
//! as its heading, its text with the branch's values filled in, the answers
//! numbered as the number keys choose them ("Press 1 for ..."), then how to
//! go back, get staff and hear it again, all worded in `words/<lang>.ron`.

use crate::flow::model::{Branch, FlowSet};
use crate::flow::text::fill;
use crate::flow::words::Word;
use crate::session::{Body, Screen};

/// The highest number a key chooses (keys 1-9).
pub const MAX_KEY: usize = 9;

/// What the patron sees, as far as speech needs to know.
#[derive(Clone, Copy, Debug)]
pub enum Shown<'a> {
    /// The home screen with its tiles.
    Home,
    /// The home screen of a kiosk whose flows could not be used: only the
    /// way to staff.
    Unavailable,
    /// A screen of a session.
    Session {
        /// The screen, as [`crate::session::Session::screen`] gives it.
        screen: &'a Screen,
        /// The kiosk's offer of staff help shows above a step or question.
        offer: bool,
        /// The handoff code on a handoff screen, grouped (`2A8-2Y0`).
        code: Option<&'a str>,
        /// Seconds before a solved screen goes home by itself.
        going_home: u64,
    },
    /// "Are you still there?", with the seconds left.
    Idle {
        /// Seconds before the screen is wiped.
        seconds: u64,
    },
    /// The language screen: the languages offered, in the order shown.
    Languages {
        /// Language codes, as keys 1-9 choose them.
        languages: &'a [String],
    },
    /// Staff mode: nothing is read aloud.
    Staff,
}

/// The utterances for what is shown, in `lang` at `branch`, in order. Empty
/// for staff mode.
pub fn say(set: &FlowSet, branch: &Branch, lang: &str, shown: &Shown<'_>) -> Vec<String> {
    let w = Say { set, branch, lang };
    match shown {
        Shown::Home => w.home(),
        Shown::Unavailable => {
            vec![w.word(Word::HandoffTitle), w.word(Word::SomethingElseSub), w.word(Word::SayRepeat)]
        }
        Shown::Session { screen, offer, code, going_home } => w.session(screen, *offer, *code, *going_home),
        Shown::Idle { seconds } => vec![
            w.word(Word::IdleTitle),
            w.word(Word::IdleBody),
            spoken(&set.word_counted(Word::IdleSeconds, *seconds, lang, branch).plain()),
            w.word(Word::SayStillHere),
        ],
        Shown::Languages { languages } => w.languages(languages),
        Shown::Staff => Vec::new(),
    }
}

/// The home screen's tiles in order: each flow's id and title, as the home
/// screen shows them and as keys 1-9 start them.
pub fn home_flows(set: &FlowSet, branch: &Branch, lang: &str) -> Vec<(String, String)> {
    set.visible_flows(branch)
        .map(|(_, f)| (f.id.clone(), set.render(&f.title, lang, branch).plain()))
        .collect()
}

/// A handoff code as it is read aloud: one character at a time, a pause
/// between the groups: `2A8-2Y0` is "2 A 8, 2 Y 0".
pub fn spell_code(code: &str) -> String {
    code.split('-')
        .map(|group| group.chars().map(String::from).collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Text as it is read: the `·` between a flow and its step (which voices
/// read as "middle dot" or skip with no pause) becomes a comma.
fn spoken(text: &str) -> String {
    text.replace(" · ", ", ").replace('·', ",").trim().to_string()
}

/// The words of one language at one branch.
struct Say<'a> {
    set: &'a FlowSet,
    branch: &'a Branch,
    lang: &'a str,
}

impl Say<'_> {
    fn word(&self, word: Word) -> String {
        spoken(&self.set.word(word, self.lang, self.branch).plain())
    }

    /// "Press {n} for: {choice}."
    fn press(&self, n: usize, choice: &str) -> String {
        let fallback = self.set.default_language();
        let n = n.to_string();
        let text = fill(self.set.words.get(Word::SayChoice, self.lang, fallback), |name| match name {
            "n" => Some(n.as_str()),
            "choice" => Some(choice),
            _ => self.branch.vars.get(name).map(|v| v.get(self.lang, fallback)),
        });
        spoken(&text.plain())
    }

    /// One "Press n" line for each of the first nine labels.
    fn choices(&self, labels: impl Iterator<Item = String>) -> impl Iterator<Item = String> {
        labels.take(MAX_KEY).enumerate().map(|(i, label)| self.press(i + 1, &label))
    }

    fn home(&self) -> Vec<String> {
        let mut out = vec![self.word(Word::Greeting)];
        let titles = home_flows(self.set, self.branch, self.lang).into_iter().map(|(_, t)| t);
        out.extend(self.choices(titles));
        out.push(self.word(Word::SayStaff));
        out.push(self.word(Word::SayRepeat));
        out
    }

    /// The heading, then each language by its own name as keys 1-9 choose
    /// it (said by the voice of the patron's language: one voice reads a
    /// screen), then how to go back without changing.
    fn languages(&self, languages: &[String]) -> Vec<String> {
        let fallback = self.set.default_language();
        let names = languages.iter().map(|l| self.set.words.get(Word::LanguageName, l, fallback).to_string());
        let mut out = vec![self.word(Word::ChooseLanguage)];
        out.extend(self.choices(names));
        out.push(self.word(Word::SayBack));
        out.push(self.word(Word::SayStaff));
        out.push(self.word(Word::SayRepeat));
        out
    }

    fn session(&self, screen: &Screen, offer: bool, code: Option<&str>, going_home: u64) -> Vec<String> {
        let mut out = Vec::new();
        match &screen.body {
            Body::Step { text, .. } | Body::Question { text, .. } => {
                out.push(spoken(&screen.label(self.set, self.lang, self.branch)));
                if offer {
                    out.push(self.word(Word::OfferHelp));
                }
                out.push(spoken(&text.plain()));
                match &screen.body {
                    Body::Question { choices, .. } => {
                        out.extend(self.choices(choices.iter().map(|c| c.plain())))
                    }
                    _ => out.push(self.word(Word::SayNext)),
                }
                out.push(self.word(Word::SayBack));
                out.push(self.word(Word::SayStaff));
            }
            Body::Solved { text } => {
                out.push(self.word(Word::SolvedTitle));
                out.push(spoken(&text.plain()));
                out.push(self.word(Word::SolvedThanks));
                let home = self.set.word_counted(Word::GoingHome, going_home, self.lang, self.branch);
                out.push(spoken(&home.plain()));
                out.push(self.word(Word::SayDone));
                out.push(self.word(Word::SayBack));
            }
            Body::Handoff { reason, .. } => {
                out.push(self.word(Word::HandoffTitle));
                out.push(spoken(&reason.plain()));
                out.push(self.word(Word::HandoffWhere));
                if let Some(code) = code {
                    out.push(format!("{}: {}.", self.word(Word::ShowCode), spell_code(code)));
                    out.push(self.word(Word::CodePrivate));
                }
                out.push(self.word(Word::SayDone));
                out.push(self.word(Word::SayBack));
            }
        }
        out.push(self.word(Word::SayRepeat));
        out.retain(|line| !line.is_empty());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_spelled_a_character_at_a_time() {
        assert_eq!(spell_code("2A8-2Y0"), "2 A 8, 2 Y 0");
        assert_eq!(spell_code("2A8"), "2 A 8");
        assert_eq!(spell_code(""), "");
    }

    #[test]
    fn the_step_dot_is_read_as_a_pause() {
        assert_eq!(spoken("Printing · step 2"), "Printing, step 2");
    }
}
