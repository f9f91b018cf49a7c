//! The kiosk's own words (Back, Start over, the idle prompt, ...), per language.
//!
//! They live in `flows/words/<lang>.ron` beside the flows so that IT can
//! translate the whole kiosk in one place, and `check` checks them like flow
//! text: unknown keys are errors, missing keys are missing translations.
//!
//! In code a word is a [`Word`], not a string, so the compiler finds every use
//! and a misspelt key cannot compile. In the files it is written as today's
//! snake_case key (`"idle_seconds"`), which is also how a `Word` serializes.
//!
//! A word that counts (`{seconds}`) may have an optional singular form under
//! the key with `_one` added (`"idle_seconds_one": "{seconds} second"`), used
//! when the count is 1. `check` accepts it and checks it like the word itself,
//! but never asks for it: without it the plural form is used for every count.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Declares [`Word`] and its table once: variant, key in the files, meaning.
macro_rules! words {
    ($($variant:ident = $key:literal, $meaning:literal;)*) => {
        /// One of the kiosk's own words.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Word {
            $(#[doc = $meaning] $variant,)*
        }

        impl Word {
            /// Every word, in the order the docs list them.
            pub const ALL: &[Word] = &[$(Word::$variant,)*];

            /// The key in `words/<lang>.ron`.
            pub fn key(self) -> &'static str {
                match self {
                    $(Word::$variant => $key,)*
                }
            }

            /// What the word is for (shown in hints and docs).
            pub fn meaning(self) -> &'static str {
                match self {
                    $(Word::$variant => $meaning,)*
                }
            }
        }
    };
}

words! {
    LanguageName = "language_name", "the language named in itself, on its button: English, Español";
    KioskTitle = "kiosk_title", "the top bar after the branch name: Help kiosk";
    Greeting = "greeting", "the home screen question";
    SomethingElse = "something_else", "the home tile that leads to staff";
    SomethingElseSub = "something_else_sub", "its second line";
    Back = "back", "the Back button";
    StartOver = "start_over", "the Start over button";
    StaffHelp = "staff_help", "the Get help from staff button";
    Next = "next", "the button on a step: Next / Done";
    StepOf = "step_of", "where you are: {flow} · step {n}";
    TextSmaller = "text_smaller", "the button that makes text smaller";
    TextLarger = "text_larger", "the button that makes text larger";
    Contrast = "contrast", "the high-contrast switch";
    SolvedTitle = "solved_title", "headline of a solved ending";
    SolvedThanks = "solved_thanks", "thank-you line under a solved ending";
    HandoffTitle = "handoff_title", "headline of a handoff ending";
    HandoffWhere = "handoff_where", "where to go for staff help";
    AskedStaffReason = "asked_staff_reason", "the reason shown when the patron asked for staff";
    Done = "done", "the button that ends a session and goes home";
    OfferHelp = "offer_help", "the line offering staff help after a long time in one flow";
    OfferHelpDismiss = "offer_help_dismiss", "the button that keeps going without staff";
    GoingHome = "going_home", "under a solved ending: back to the start in {seconds} seconds";
    ShowCode = "show_code", "on a handoff: show this code at the desk";
    CodePrivate = "code_private", "on a handoff: the code holds no personal information";
    TextSize = "text_size", "the name of the text size buttons, for screen readers";
    Languages = "languages", "the name of the language buttons, for screen readers";
    Picture = "picture", "how a screen reader names a step's picture";
    IdleTitle = "idle_title", "the idle prompt's question (Are you still there?)";
    IdleBody = "idle_body", "why the kiosk will clear the screen (privacy)";
    IdleSeconds = "idle_seconds", "the countdown: {seconds} seconds";
    StillHere = "still_here", "the big button on the idle screen";
    ReadAloud = "read_aloud", "the top bar switch that reads each screen aloud";
    NoVoice = "no_voice", "shown (and said in the first language) when read aloud has no voice for this language";
    SayChoice = "say_choice", "read aloud for each answer: press {n} for {choice}";
    SayNext = "say_next", "read aloud on a step: how to go on (the Enter key)";
    SayDone = "say_done", "read aloud on an ending: how to finish (the Enter key)";
    SayBack = "say_back", "read aloud: how to go back (the minus key)";
    SayStaff = "say_staff", "read aloud: how to get staff (the 0 key)";
    SayRepeat = "say_repeat", "read aloud: how to hear the screen again (the plus key)";
    SayStillHere = "say_still_here", "read aloud on the idle prompt: how to stay (any key)";
    MoreBelow = "more_below", "under a screen that scrolls: there is more below";
    PhotoCode = "photo_code", "on a handoff, under the code: take a photo of this code or write it down";
    ChooseLanguage = "choose_language", "the heading of the language screen (with three or more languages): Choose your language";
}

/// What is added to a counting word's key for its optional singular form.
pub const ONE_SUFFIX: &str = "_one";

impl Word {
    /// The word whose key this is; a singular form (`idle_seconds_one`) is not
    /// a word of its own (see [`Word::of_key_or_one`]).
    pub fn of_key(key: &str) -> Option<Word> {
        Word::ALL.iter().copied().find(|w| w.key() == key)
    }

    /// The word a key names, itself or as its optional singular form.
    pub fn of_key_or_one(key: &str) -> Option<Word> {
        Word::of_key(key).or_else(|| {
            let word = Word::of_key(key.strip_suffix(ONE_SUFFIX)?)?;
            word.counts().then_some(word)
        })
    }

    /// The parameters the kiosk fills in at run time, besides branch variables.
    pub fn params(self) -> &'static [&'static str] {
        match self {
            Word::StepOf => &["flow", "n"],
            Word::IdleSeconds | Word::GoingHome => &["seconds"],
            Word::SayChoice => &["n", "choice"],
            _ => &[],
        }
    }

    /// Whether the word says a count (`{seconds}`), and so may have a
    /// singular form.
    pub fn counts(self) -> bool {
        matches!(self, Word::IdleSeconds | Word::GoingHome)
    }

    /// The key of the optional singular form, for a word that counts.
    pub fn one_key(self) -> Option<String> {
        self.counts().then(|| format!("{}{ONE_SUFFIX}", self.key()))
    }

    /// Every key a words file may hold: each word and each optional singular.
    pub fn known_keys() -> Vec<String> {
        Word::ALL.iter().flat_map(|w| std::iter::once(w.key().to_string()).chain(w.one_key())).collect()
    }
}

impl std::fmt::Display for Word {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// The parameters a key (a word or a singular form) fills at run time,
/// besides branch variables; none for a key that is not a word.
pub fn runtime_params(key: &str) -> &'static [&'static str] {
    Word::of_key_or_one(key).map_or(&[], Word::params)
}

/// The words for every language, checked.
#[derive(Clone, Debug, Default)]
pub struct Words(pub BTreeMap<String, BTreeMap<String, String>>);

impl Words {
    /// The word in `lang`, else the fallback language, else the key itself
    /// (so a gap shows as a name, never as a blank button).
    pub fn get<'a>(&'a self, word: Word, lang: &str, fallback: &str) -> &'a str {
        self.lookup(word.key(), lang).or_else(|| self.lookup(word.key(), fallback)).unwrap_or(word.key())
    }

    /// The word for a count: its singular form when `count` is 1 and the
    /// language has one, else the word as [`Words::get`] finds it. A language
    /// without a singular form keeps its own plural rather than borrowing the
    /// fallback language's singular.
    pub fn get_counted<'a>(&'a self, word: Word, count: u64, lang: &str, fallback: &str) -> &'a str {
        let one = word.one_key().filter(|_| count == 1);
        let in_lang =
            |l: &str| one.as_deref().and_then(|k| self.lookup(k, l)).or_else(|| self.lookup(word.key(), l));
        in_lang(lang).or_else(|| in_lang(fallback)).unwrap_or(word.key())
    }

    fn lookup(&self, key: &str, lang: &str) -> Option<&str> {
        self.0.get(lang).and_then(|w| w.get(key)).map(String::as_str)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde::de::IntoDeserializer;
    use serde::de::value::{Error, StrDeserializer};

    #[test]
    fn a_word_serializes_as_its_key_in_the_files() {
        for &w in Word::ALL {
            let de: StrDeserializer<'_, Error> = w.key().into_deserializer();
            assert_eq!(Word::deserialize(de).unwrap(), w);
            assert_eq!(serde_json::to_string(&w).unwrap(), format!("\"{}\"", w.key()));
        }
    }

    #[test]
    fn keys_are_unique_and_singulars_only_for_counting_words() {
        let keys = Word::known_keys();
        let set: std::collections::BTreeSet<_> = keys.iter().collect();
        assert_eq!(set.len(), keys.len());
        assert_eq!(Word::of_key_or_one("idle_seconds_one"), Some(Word::IdleSeconds));
        assert_eq!(Word::of_key_or_one("going_home_one"), Some(Word::GoingHome));
        assert_eq!(Word::of_key_or_one("back_one"), None, "a word without a count has no singular");
        assert_eq!(Word::of_key("idle_seconds_one"), None);
        assert_eq!(runtime_params("idle_seconds_one"), &["seconds"]);
    }

    fn words(entries: &[(&str, &[(&str, &str)])]) -> Words {
        Words(
            entries
                .iter()
                .map(|(lang, ws)| {
                    (lang.to_string(), ws.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
                })
                .collect(),
        )
    }

    #[test]
    fn one_second_is_singular_where_the_language_says_so() {
        let w = words(&[
            ("en", &[("idle_seconds", "{seconds} seconds"), ("idle_seconds_one", "{seconds} second")]),
            ("es", &[("idle_seconds", "{seconds} segundos")]),
        ]);
        assert_eq!(w.get_counted(Word::IdleSeconds, 1, "en", "en"), "{seconds} second");
        assert_eq!(w.get_counted(Word::IdleSeconds, 2, "en", "en"), "{seconds} seconds");
        assert_eq!(w.get_counted(Word::IdleSeconds, 0, "en", "en"), "{seconds} seconds");
        assert_eq!(
            w.get_counted(Word::IdleSeconds, 1, "es", "en"),
            "{seconds} segundos",
            "no borrowed singular"
        );
        assert_eq!(w.get_counted(Word::IdleSeconds, 1, "fr", "en"), "{seconds} second", "the fallback's own");
        assert_eq!(w.get_counted(Word::GoingHome, 1, "en", "en"), "going_home", "a gap shows the key");
    }
}
