//! `preview`: what the kiosk's screens look like with a library's own flows,
//! branch, languages, text sizes, themes and screen sizes, drawn to PNG files,
//! so IT staff catch long text and truncation before patrons do.
//!
//! Only the arguments live here (the command line builds without egui); the
//! drawing is `kiosk::preview`, which needs a display (Xvfb will do:
//! `xvfb-run -s "-screen 0 1920x1920x24" kiosk-triage preview`).

use super::FlowsArgs;
use crate::tour::{Screen, Theme};
use clap::ValueEnum;
use clap::builder::PossibleValue;
use std::path::PathBuf;

/// Arguments of `preview`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where the flows are.
    #[command(flatten)]
    pub flows: FlowsArgs,
    /// The branch [default: the first in the flows].
    #[arg(long)]
    pub branch: Option<String>,
    /// Languages, comma-separated [default: every language of the flows].
    #[arg(long, value_delimiter = ',')]
    pub lang: Vec<String>,
    /// Text sizes, 1 (smallest) to 5 (largest), comma-separated [default: 2,
    /// the kiosk's own].
    #[arg(long = "text-size", value_delimiter = ',', value_parser = clap::value_parser!(u8).range(1..=5))]
    pub text_size: Vec<u8>,
    /// Themes, comma-separated [default: light].
    #[arg(long, value_delimiter = ',')]
    pub theme: Vec<Theme>,
    /// Screen sizes as WIDTHxHEIGHT, comma-separated [default: 1280x800].
    #[arg(long, value_delimiter = ',', value_parser = parse_size)]
    pub size: Vec<(u32, u32)>,
    /// Screens, comma-separated [default: all of them].
    #[arg(long, value_delimiter = ',')]
    pub screen: Vec<Screen>,
    /// The folder the PNG files go to (created).
    #[arg(long, default_value = "preview")]
    pub out: PathBuf,
}

/// The themes on the command line (the type is the core's, so the kiosk
/// draws what was asked without knowing the command line).
impl ValueEnum for Theme {
    fn value_variants<'a>() -> &'a [Self] {
        &Theme::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self {
            Theme::Light => "The warm light theme",
            Theme::Contrast => "High contrast",
        };
        Some(PossibleValue::new(self.name()).help(help))
    }
}

/// The screens on the command line.
impl ValueEnum for Screen {
    fn value_variants<'a>() -> &'a [Self] {
        &Screen::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self {
            Screen::Home => "The home screen",
            Screen::Step => "The first step with a picture",
            Screen::Question => "The question with the most choices",
            Screen::Solved => "A solved ending",
            Screen::Handoff => "The handoff with the longest reason",
            Screen::Idle => "\"Are you still there?\", reached from a step",
            Screen::Languages => {
                "The language screen (with three or more languages the top bar's language button opens it), \
                 over the question with the most choices"
            }
        };
        Some(PossibleValue::new(self.name()).help(help))
    }
}

/// The preview's options: what to draw, and the flows read by the command
/// line's one rule ([`super::load_flows`]: load, check, code lengths) once
/// a display was found.
#[cfg(feature = "gui")]
impl From<&Args> for crate::kiosk::preview::PreviewOptions {
    fn from(args: &Args) -> Self {
        let (flows, branch) = (args.flows.clone(), args.branch.clone());
        crate::kiosk::preview::PreviewOptions {
            flows: Box::new(move || accepted(&flows, branch.as_deref())),
            branch: args.branch.clone(),
            langs: args.lang.clone(),
            text_sizes: args.text_size.clone(),
            themes: args.theme.clone(),
            sizes: args.size.clone(),
            screens: args.screen.clone(),
            out: args.out.clone(),
        }
    }
}

/// The flows the preview draws, or what to say (exit 2).
#[cfg(feature = "gui")]
fn accepted(flows: &FlowsArgs, branch: Option<&str>) -> Result<crate::kiosk::preview::Drawable, String> {
    let loaded = super::load_flows(flows, branch).map_err(|e| e.to_string())?;
    match loaded.report.set {
        Some(set) => {
            Ok(crate::kiosk::preview::Drawable { set: std::sync::Arc::new(set), assets: loaded.assets })
        }
        None => Err("the flows have errors; fix them first (`kiosk-triage check`)".into()),
    }
}

fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let bad = || format!("`{s}` is not a screen size like 1280x800");
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(bad)?;
    let (w, h): (u32, u32) = (w.trim().parse().map_err(|_| bad())?, h.trim().parse().map_err(|_| bad())?);
    if !(320..=8192).contains(&w) || !(240..=8192).contains(&h) {
        return Err(format!("`{s}`: a screen is 320x240 to 8192x8192"));
    }
    Ok((w, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_nonsense_is_refused() {
        assert_eq!(parse_size("1280x800"), Ok((1280, 800)));
        assert_eq!(parse_size("1080X1920"), Ok((1080, 1920)));
        for bad in ["", "1280", "x800", "axb", "10x10", "99999x800", "-1x800"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }
}
