//! The layout matrix: every kind of kiosk screen, at every screen size the
//! libraries use, every text size, every language and both themes, checked
//! headless through the AccessKit tree the way a screen reader sees it.
//!
//! A patron who turns the text up, needs high contrast or stands at a small
//! or portrait screen must still reach every button: each interactive element
//! lies on screen (or in the scrolling body, and scrolls fully into view above
//! the bottom bar), no two overlap, every target is at least 64 px high, no
//! text is cut, and the handoff code shows whole without scrolling.
//!
//! The default flows have five languages (English, Spanish, Chinese,
//! Vietnamese, Russian), so the language screen is one of the kinds; with
//! two languages the top bar switches directly and the screen never shows.
//!
//! Staff mode and the PIN pad are staff-facing (one language, one text size),
//! so they vary by screen size (and the PIN pad by theme) only.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // tests fail loudly, that is what they are for

use crate::common;
use eframe::egui::{self, Rect, Vec2, accesskit::Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use kiosk_triage::config::{KioskConfig, StaffGate, hash_pin};
use kiosk_triage::flow::load::load_builtin;
use kiosk_triage::flow::model::FlowSet;
use kiosk_triage::kiosk::theme::{self, DEFAULT_SCALE, SCALES};
use kiosk_triage::kiosk::{Action, Kiosk, Setup, layout};
use kiosk_triage::tour::{Route, Tour, tour};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

const SIZES: [(f32, f32); 4] = [(1024.0, 768.0), (1280.0, 800.0), (1920.0, 1080.0), (1080.0, 1920.0)];
const MIN_TARGET: f32 = 64.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Home,
    StepWithPicture,
    MostChoices,
    Solved,
    Handoff,
    IdleWarning,
    PinPad,
    StaffDecoded,
    LanguagePicker,
    /// The kiosk's own offer of staff help, on a step.
    OfferOfHelp,
    /// Staff mode after a decode, with the desk's outcome panel under the
    /// checklist (it shows when the kiosk keeps statistics).
    OutcomePanel,
}

/// One element on screen, as AccessKit has it.
#[derive(Clone, Debug)]
struct Element {
    role: Role,
    name: String,
    rect: Rect,
}

fn interactive(role: Role) -> bool {
    matches!(
        role,
        Role::Button
            | Role::TextInput
            | Role::MultilineTextInput
            | Role::CheckBox
            | Role::RadioButton
            | Role::ComboBox
            | Role::Link
            | Role::Slider
            | Role::SpinButton
            | Role::Switch
    )
}

fn elements(h: &Harness<'_, Kiosk>) -> Vec<Element> {
    h.root()
        .children_recursive()
        .filter_map(|n| {
            let role = n.accesskit_node().role();
            let name = if role == Role::Label {
                n.accesskit_node().value().unwrap_or_default()
            } else {
                n.accesskit_node().label().or_else(|| n.accesskit_node().value()).unwrap_or_default()
            };
            let rect = n.accesskit_node().bounding_box()?;
            let rect = Rect::from_min_max(
                egui::pos2(rect.x0 as f32, rect.y0 as f32),
                egui::pos2(rect.x1 as f32, rect.y1 as f32),
            );
            Some(Element { role, name, rect })
        })
        .collect()
}

/// A clock the test moves by hand.
fn clock() -> (Arc<AtomicU64>, kiosk_triage::kiosk::Clock) {
    let ticks = Arc::new(AtomicU64::new(1000));
    let t = ticks.clone();
    (ticks, Arc::new(move || Duration::from_millis(t.load(Ordering::SeqCst))))
}

fn kiosk(set: &Arc<FlowSet>, kind: Kind, clock: kiosk_triage::kiosk::Clock) -> Kiosk {
    let loaded = load_builtin(None);
    let (gate, windowed, config) = match kind {
        Kind::PinPad => {
            let config =
                KioskConfig { staff_pin_hash: Some(hash_pin("4821").unwrap()), ..KioskConfig::default() };
            (StaffGate::of(&config), false, config)
        }
        Kind::StaffDecoded | Kind::OutcomePanel => (StaffGate::NoPin, true, KioskConfig::default()),
        // The offer comes after a minute in a flow, long before the idle
        // warning.
        Kind::OfferOfHelp => (
            StaffGate::NoPin,
            false,
            KioskConfig { offer_help_minutes: 1, idle_warning_seconds: 3600, ..KioskConfig::default() },
        ),
        _ => (StaffGate::NoPin, false, KioskConfig::default()),
    };
    let stats = (kind == Kind::OutcomePanel).then(|| {
        let dir = std::env::temp_dir().join(format!("kiosk-layout-stats-{}", std::process::id()));
        kiosk_triage::kiosk::stats::StatsSink::new(
            kiosk_triage::stats::Recorder::new(&dir, "layout-test", config.stats_retention()),
            kiosk_triage::kiosk::stats::local_clock(),
        )
    });
    Kiosk::new(Setup {
        assets: loaded.assets,
        config,
        gate,
        windowed,
        stats,
        ..Setup::plain(set.clone(), &set.branches[0].id, clock)
    })
}

/// The hardest screen of each kind in the built-in flows.
fn paths(set: &Arc<FlowSet>) -> Tour {
    tour(set, &set.branches[0].id)
}

fn walk(h: &mut Harness<'_, Kiosk>, route: &Option<Route>) {
    let route = route.clone().unwrap();
    let ctx = h.ctx.clone();
    h.state_mut().act(Action::StartFlow(route.flow.clone()), &ctx);
    for n in route.steps {
        let a = if n == 0 { Action::Next } else { Action::Choose(n) };
        h.state_mut().act(a, &ctx);
    }
}

/// A kiosk showing `kind`, in a harness of `size`.
fn screen(
    set: &Arc<FlowSet>,
    paths: &Tour,
    kind: Kind,
    size: Vec2,
) -> (Harness<'static, Kiosk>, Arc<AtomicU64>) {
    let (ticks, clock) = clock();
    let mut h = Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, k: &mut Kiosk| k.ui(ui), kiosk(set, kind, clock));
    h.run_steps(2);
    let ctx = h.ctx.clone();
    match kind {
        Kind::Home => {}
        Kind::StepWithPicture | Kind::IdleWarning => walk(&mut h, &paths.picture),
        Kind::OfferOfHelp => {
            // The question with the most choices: the offer above them is
            // the most the body ever holds.
            walk(&mut h, &paths.most_choices);
            ticks.fetch_add(61_000, Ordering::SeqCst);
        }
        Kind::MostChoices => walk(&mut h, &paths.most_choices),
        Kind::Solved => walk(&mut h, &paths.solved),
        Kind::Handoff => walk(&mut h, &paths.handoff),
        Kind::PinPad => h.state_mut().act(Action::OpenStaff, &ctx),
        Kind::LanguagePicker => {
            // Over the question with the most choices: the place it keeps.
            walk(&mut h, &paths.most_choices);
            h.state_mut().act(Action::OpenLanguages, &ctx);
        }
        Kind::StaffDecoded | Kind::OutcomePanel => {
            // A real code, decoded in staff mode.
            walk(&mut h, &paths.handoff);
            h.run_steps(2);
            let code = h.state().handoff_code().unwrap();
            h.state_mut().act(Action::Home, &ctx);
            h.state_mut().act(Action::OpenStaff, &ctx);
            h.run_steps(2);
            h.get_by_role(Role::TextInput).focus();
            h.run_steps(1);
            h.get_by_role(Role::TextInput).type_text(&code);
            h.run_steps(1);
            h.get_by_label("Decode").click();
        }
    }
    if kind == Kind::IdleWarning {
        let warn = KioskConfig::default().idle_warning();
        ticks.fetch_add(warn.as_millis() as u64 + 2000, Ordering::SeqCst);
    }
    h.run_steps(3);
    (h, ticks)
}

/// Whether `e` is a control or text of a part that never scrolls (not a
/// part of the body scrolled under a bar).
fn is_fixed(regions: &layout::Regions, e: &Element) -> bool {
    let near = |a: egui::Pos2, b: egui::Pos2| (a - b).length() < 1.0;
    regions.fixed_items.iter().any(|r| near(r.min, e.rect.min) && near(r.max, e.rect.max))
}

/// What is wrong with the screen now, in words.
fn problems(h: &mut Harness<'_, Kiosk>, kind: Kind, size: Vec2) -> Vec<String> {
    let mut out = Vec::new();
    let screen = Rect::from_min_size(egui::Pos2::ZERO, size);
    let Some(regions) = layout::regions(&h.ctx) else {
        return vec!["the screen published no layout regions".into()];
    };
    for cut in layout::overflows(&h.ctx) {
        out.push(format!("text does not fit: {cut}"));
    }
    if regions.scroll_bar && regions.content_height <= regions.room.height() {
        out.push(format!(
            "a scroll bar shows though the body's content ({:.1} px) fits its room ({:.1} px)",
            regions.content_height,
            regions.room.height()
        ));
    }
    // The code first, before anything below is scrolled into view: it
    // must show whole as the screen opens.
    if kind == Kind::Handoff {
        match h.state().handoff_code() {
            Some(code) => {
                let shown = elements(h).into_iter().find(|e| e.name == code);
                match shown {
                    Some(e) if screen.contains_rect(e.rect) && regions.body.contains_rect(e.rect) => {
                        // Whole and without scrolling: scroll back first.
                    }
                    Some(e) => out.push(format!("the code {code} is at {:?}, not whole in the body", e.rect)),
                    None => out.push(format!("the code {code} is not on screen")),
                }
            }
            None => out.push("no handoff code".into()),
        }
        // The code's box and its QR, whole as the screen opens.
        for r in &regions.first_sight {
            if !(screen.contains_rect(*r) && regions.body.contains_rect(*r)) {
                out.push(format!(
                    "{r:?} must show whole as the screen opens, in the body {:?}",
                    regions.body
                ));
            }
        }
        if regions.first_sight.len() != 2 {
            out.push(format!("the code's box and QR were not both drawn: {:?}", regions.first_sight));
        }
    }
    // The countdown home stays in sight, in the bottom bar, however much
    // the body scrolls.
    if kind == Kind::Solved {
        let secs = KioskConfig::default().solved_return().as_secs().to_string();
        match elements(h).into_iter().find(|e| e.role == Role::Label && e.name.contains(&secs)) {
            Some(e)
                if screen.contains_rect(e.rect) && regions.fixed.iter().any(|f| f.contains_rect(e.rect)) => {}
            Some(e) => {
                out.push(format!("the countdown `{}` is at {:?}, not in the bottom bar", e.name, e.rect))
            }
            None => out.push("no countdown on the solved screen".into()),
        }
    }
    let all = elements(h);
    // On an overlay only its own card counts: the screen under it is
    // checked on its own.
    let card = regions.overlay;
    // An overlay is drawn after the screen, so its elements come after the
    // screen's last fixed item in reading order.
    let first_own = match card {
        Some(_) => all.iter().rposition(|e| is_fixed(&regions, e)).map_or(0, |i| i + 1),
        None => 0,
    };
    let own: Vec<&Element> = all[first_own.min(all.len())..].iter().collect();
    let mine = |e: &Element| card.is_none_or(|c| c.contains_rect(e.rect));
    let targets: Vec<&Element> = own.iter().copied().filter(|e| interactive(e.role) && mine(e)).collect();
    for e in &targets {
        if e.rect.height() < MIN_TARGET - 0.5 {
            out.push(format!("`{}` is {:.0} px high", e.name, e.rect.height()));
        }
    }
    // What shows of each: a part of the body scrolled out of view is hidden
    // under the bars, not on them (AccessKit gives unclipped bounds).
    let shown = |e: &Element| {
        if is_fixed(&regions, e) || card.is_some() { e.rect } else { e.rect.intersect(regions.body) }
    };
    for (i, a) in targets.iter().enumerate() {
        for b in &targets[i + 1..] {
            let (ra, rb) = (shown(a), shown(b));
            if ra.is_positive() && rb.is_positive() && ra.shrink(0.5).intersects(rb.shrink(0.5)) {
                out.push(format!(
                    "`{}` overlaps `{}` ({ra:?}, {rb:?}; body {:?})",
                    a.name, b.name, regions.body
                ));
            }
        }
    }
    if let Some(c) = card
        && !screen.contains_rect(c)
    {
        out.push(format!("the card {c:?} is not inside the screen"));
    }
    // Everything a patron can press or read is on screen, or in the body
    // and scrolls fully into view above the bottom bar.
    let checked: Vec<Element> = own
        .iter()
        .copied()
        .filter(|e| (interactive(e.role) || e.role == Role::Label) && mine(e))
        .cloned()
        .collect();
    for (i, e) in checked.iter().enumerate() {
        if is_fixed(&regions, e) || card.is_some_and(|c| c.contains_rect(e.rect)) {
            continue;
        }
        if regions.body.contains_rect(e.rect.shrink(0.5)) {
            continue;
        }
        // Scroll it into view, as a screen reader would.
        let node = h.root().children_recursive().find(|n| {
            let b = n.accesskit_node().bounding_box();
            b.is_some_and(|b| {
                (b.x0 as f32 - e.rect.min.x).abs() < 0.5 && (b.y0 as f32 - e.rect.min.y).abs() < 0.5
            }) && n.accesskit_node().role() == e.role
        });
        let Some(node) = node else { continue };
        node.scroll_to_me();
        h.run_steps(3);
        let now = elements(h).into_iter().filter(|x| x.name == e.name && x.role == e.role).min_by_key(|x| {
            ((x.rect.left() - e.rect.left()).abs() + (x.rect.width() - e.rect.width()).abs()) as i64
        });
        let Some(mut now) = now else { continue };
        let body = layout::regions(&h.ctx).map_or(regions.body, |r| r.body);
        if !body.expand(0.5).contains_rect(now.rect) {
            // A screen reader asks again when the first request only
            // started the scroll.
            let asked = h.root().children_recursive().find(|n| {
                n.accesskit_node().role() == e.role
                    && n.accesskit_node().bounding_box().is_some_and(|b| {
                        (b.x0 as f32 - now.rect.min.x).abs() < 0.5
                            && (b.y0 as f32 - now.rect.min.y).abs() < 0.5
                    })
            });
            if let Some(n) = asked {
                n.scroll_to_me();
            }
            h.run_steps(3);
            if let Some(again) =
                elements(h).into_iter().filter(|x| x.name == e.name && x.role == e.role).min_by_key(|x| {
                    ((x.rect.left() - e.rect.left()).abs() + (x.rect.width() - e.rect.width()).abs()) as i64
                })
            {
                now = again;
            }
        }
        let body = layout::regions(&h.ctx).map_or(regions.body, |r| r.body);
        // A paragraph taller than the body is read by scrolling through it.
        let tall = now.rect.height() > body.height() && now.rect.intersects(body);
        if !tall && !body.expand(0.5).contains_rect(now.rect) {
            out.push(format!(
                "`{}` ({:?}) cannot be scrolled fully into the body {body:?}: {:?}",
                e.name, e.role, now.rect
            ));
        }
        let _ = i;
    }
    out
}

/// The settings a patron can change: (language, text size step, high contrast).
fn settings(kind: Kind, set: &FlowSet) -> Vec<(String, usize, bool)> {
    let staff_facing = matches!(kind, Kind::PinPad | Kind::StaffDecoded | Kind::OutcomePanel);
    let scales = if staff_facing { vec![DEFAULT_SCALE] } else { (0..SCALES.len()).collect() };
    let langs = if staff_facing { vec![set.languages[0].clone()] } else { set.languages.clone() };
    let themes: &[bool] = if kind == Kind::StaffDecoded { &[false] } else { &[false, true] };
    let mut out = Vec::new();
    // Text size outermost: each size's glyphs are drawn once.
    for &scale in &scales {
        for lang in &langs {
            for &contrast in themes {
                out.push((lang.clone(), scale, contrast));
            }
        }
    }
    out
}

/// Checks one kind of screen at every size and setting. One kiosk per screen
/// size, its settings changed the way a patron changes them (so the matrix
/// runs in reasonable time); the body is scrolled back to the top between
/// cases.
fn check_kind(kind: Kind) {
    let started = Instant::now();
    let set = match kind {
        Kind::LanguagePicker => common::five_languages(),
        _ => Arc::new(load_builtin(None).report.set.unwrap()),
    };
    let paths = paths(&set);
    let mut failures = Vec::new();
    let mut cases = 0;
    for (w, h) in SIZES {
        let size = egui::vec2(w, h);
        let (mut harness, ticks) = screen(&set, &paths, kind, size);
        let ctx = harness.ctx.clone();
        let (mut scale, mut contrast) = (DEFAULT_SCALE, false);
        for (lang, want_scale, want_contrast) in settings(kind, &set) {
            let mut actions = vec![Action::Language(lang.clone())];
            if kind == Kind::LanguagePicker {
                // Choosing a language leaves the screen: open it again.
                actions.push(Action::OpenLanguages);
            }
            let d = want_scale as i32 - scale as i32;
            actions.extend((0..d.abs()).map(|_| Action::TextSize(d.signum())));
            if want_contrast != contrast {
                actions.push(Action::Contrast);
            }
            for a in actions {
                harness.state_mut().act(a, &ctx);
            }
            (scale, contrast) = (want_scale, want_contrast);
            if kind == Kind::IdleWarning {
                // Changing a setting is input: wait for the warning again.
                let warn = KioskConfig::default().idle_warning();
                ticks.fetch_add(warn.as_millis() as u64 + 2000, Ordering::SeqCst);
            }
            harness.run_steps(4);
            cases += 1;
            let what =
                format!("{lang}, text size {scale}, {}", if contrast { "high contrast" } else { "light" });
            for p in problems(&mut harness, kind, size) {
                failures.push(format!("{kind:?} at {w}x{h}, {what}: {p}"));
            }
            back_to_top(&mut harness);
        }
    }
    eprintln!("{kind:?}: {cases} cases in {:.1} s", started.elapsed().as_secs_f32());
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

/// Scrolls the body back to its top (the first thing in it into view).
fn back_to_top(h: &mut Harness<'_, Kiosk>) {
    let Some(regions) = layout::regions(&h.ctx) else { return };
    if regions.overlay.is_some() {
        return;
    }
    // The first label that is not in a fixed part: the heading.
    let first = h.root().children_recursive().find(|n| {
        n.accesskit_node().role() == Role::Label
            && n.accesskit_node().bounding_box().is_some_and(|b| {
                let r = Rect::from_min_max(
                    egui::pos2(b.x0 as f32, b.y0 as f32),
                    egui::pos2(b.x1 as f32, b.y1 as f32),
                );
                !regions.fixed.iter().any(|f| f.contains_rect(r))
            })
    });
    if let Some(n) = first {
        n.scroll_to_me();
        h.run_steps(2);
    }
}

macro_rules! matrix {
    ($($name:ident: $kind:expr;)*) => {$(
        #[test]
        fn $name() {
            check_kind($kind);
        }
    )*};
}

matrix! {
    home_holds_everywhere: Kind::Home;
    a_step_with_a_picture_holds_everywhere: Kind::StepWithPicture;
    the_question_with_the_most_choices_holds_everywhere: Kind::MostChoices;
    solved_holds_everywhere: Kind::Solved;
    handoff_holds_everywhere_and_shows_the_whole_code: Kind::Handoff;
    the_idle_warning_holds_everywhere: Kind::IdleWarning;
    the_pin_pad_holds_everywhere: Kind::PinPad;
    staff_mode_after_a_decode_holds_everywhere: Kind::StaffDecoded;
    the_language_screen_holds_everywhere: Kind::LanguagePicker;
    the_offer_of_help_holds_everywhere: Kind::OfferOfHelp;
    the_desk_outcome_panel_holds_everywhere: Kind::OutcomePanel;
}

/// At 1280x800 at the default text size, home shows every tile, "Something
/// else?" included, without scrolling, in every default language: the grid
/// takes more columns, smaller icons or none, and at most sets the tiles'
/// words a tenth smaller, rather than push the last tile below the fold
/// (Spanish and Russian scrolled).
#[test]
fn home_shows_its_last_tile_without_scrolling_at_1280x800() {
    let set = Arc::new(load_builtin(None).report.set.unwrap());
    let paths = paths(&set);
    let (mut h, _) = screen(&set, &paths, Kind::Home, egui::vec2(1280.0, 800.0));
    let ctx = h.ctx.clone();
    let mut problems = Vec::new();
    for lang in set.languages.clone() {
        h.state_mut().act(Action::Language(lang.clone()), &ctx);
        h.run_steps(4);
        let regions = layout::regions(&h.ctx).unwrap();
        let tiles: Vec<Element> =
            elements(&h).into_iter().filter(|e| e.role == Role::Button && !is_fixed(&regions, e)).collect();
        assert_eq!(
            tiles.len(),
            set.flows.len() + 1,
            "{lang}: one tile per flow and Something else?: {tiles:?}"
        );
        let last = tiles.last().unwrap();
        if !regions.body.contains_rect(last.rect) {
            problems
                .push(format!("{lang}: the last tile {:?} is cut by the body {:?}", last.rect, regions.body));
        }
        if regions.content_height > regions.room.height() || regions.scroll_bar {
            problems.push(format!(
                "{lang}: home scrolls: {:.0} px of content in {:.0} px",
                regions.content_height,
                regions.room.height()
            ));
        }
        // Readable: no tile narrower than 200 px or lower than 120 px.
        for t in &tiles {
            if t.rect.width() < 200.0 || t.rect.height() < 120.0 {
                problems.push(format!("{lang}: `{}` is {:?}", t.name, t.rect.size()));
            }
        }
        for cut in layout::overflows(&h.ctx) {
            problems.push(format!("{lang}: {cut}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A body whose content fits shows no scroll bar and no empty track, on
/// every kind of patron screen at every size (the handoff screen showed a
/// pale track though nothing scrolled).
#[test]
fn a_body_that_fits_shows_no_scroll_track() {
    let set = Arc::new(load_builtin(None).report.set.unwrap());
    let paths = paths(&set);
    let mut failures = Vec::new();
    let mut fitting = 0;
    for kind in [Kind::Home, Kind::StepWithPicture, Kind::MostChoices, Kind::Solved, Kind::Handoff] {
        for (w, hh) in SIZES {
            let (mut h, _) = screen(&set, &paths, kind, egui::vec2(w, hh));
            h.run_steps(4);
            let r = layout::regions(&h.ctx).unwrap();
            if r.content_height <= r.room.height() {
                fitting += 1;
                if r.scroll_bar {
                    failures.push(format!(
                        "{kind:?} at {w}x{hh}: a scroll bar for {:.1} px of content in {:.1} px",
                        r.content_height,
                        r.room.height()
                    ));
                }
            }
        }
    }
    assert!(fitting >= 10, "only {fitting} screens fit: the test checks too little");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// At the size most library screens have, the top bar is one row in every
/// default language: a title too long beside the controls goes on two
/// lines a little smaller (the branch over the kiosk's name) rather than
/// on a line of its own, which took a patron's screen a second bar's height.
#[test]
fn the_top_bar_is_one_row_at_1280x800_in_every_language() {
    let set = common::five_languages();
    let (_, clock) = clock();
    for lang in set.languages.clone() {
        let mut h = Harness::builder()
            .with_size(egui::vec2(1280.0, 800.0))
            .build_ui_state(|ui, k: &mut Kiosk| k.ui(ui), kiosk(&set, Kind::Home, clock.clone()));
        h.run_steps(2);
        let ctx = h.ctx.clone();
        h.state_mut().act(Action::Language(lang.clone()), &ctx);
        h.run_steps(3);
        let bar = layout::regions(&h.ctx).unwrap().fixed[0];
        // A 64 px control, the bar's margins of 10 above and below, and a
        // point or so of egui's spacing (two rows would be over 150).
        assert!(bar.height() <= 64.0 + 20.0 + 2.0, "{lang}: the top bar is {:.0} px high", bar.height());
        assert!(layout::overflows(&h.ctx).is_empty(), "{lang}: {:?}", layout::overflows(&h.ctx));
    }
}

/// Staff mode keeps the patron's high contrast, and the desk's outcome
/// panel follows it: a light card under high contrast's white text showed
/// nothing.
#[test]
fn the_outcome_panel_takes_the_screens_colours() {
    let set = Arc::new(load_builtin(None).report.set.unwrap());
    let paths = paths(&set);
    let (mut h, _) = screen(&set, &paths, Kind::OutcomePanel, egui::vec2(1280.0, 800.0));
    // Under the checklist: scrolled into view, where it is drawn.
    let into_view = |h: &mut Harness<'_, Kiosk>| {
        h.get_by_label_contains("What came of it?").scroll_to_me();
        h.run_steps(3);
    };
    into_view(&mut h);
    let white_cards = |h: &Harness<'_, Kiosk>| {
        h.output()
            .shapes
            .iter()
            .filter(|s| matches!(&s.shape, egui::Shape::Rect(r) if r.fill == egui::Color32::WHITE && r.rect.width() > 300.0))
            .count()
    };
    assert!(white_cards(&h) > 0, "in the light theme the panel is a white card");
    let ctx = h.ctx.clone();
    h.state_mut().act(Action::Contrast, &ctx);
    h.run_steps(3);
    into_view(&mut h);
    assert_eq!(white_cards(&h), 0, "no light card in high contrast");
}

/// WCAG contrast ratio of two opaque sRGB colours.
fn contrast_ratio(a: egui::Color32, b: egui::Color32) -> f64 {
    let luminance = |c: egui::Color32| {
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.040_45 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
fn every_button_in_the_outcome_panel_stands_out_in_both_themes() {
    let set = Arc::new(load_builtin(None).report.set.unwrap());
    let paths = paths(&set);
    let (mut h, _) = screen(&set, &paths, Kind::OutcomePanel, egui::vec2(1280.0, 800.0));
    for contrast in [false, true] {
        if contrast {
            let ctx = h.ctx.clone();
            h.state_mut().act(Action::Contrast, &ctx);
            h.run_steps(3);
        }
        h.get_by_label_contains("What came of it?").scroll_to_me();
        h.run_steps(3);
        let choices: Vec<Element> = elements(&h)
            .into_iter()
            .filter(|e| {
                e.role == Role::Button
                    && (e.name.contains(" · ")
                        || ["2", "5", "10", "15", "30", "60"].contains(&e.name.as_str())
                        || ["Resolved", "Referred elsewhere", "Booked an appointment", "Could not help"]
                            .contains(&e.name.as_str()))
            })
            .collect();
        assert_eq!(choices.len(), 16, "six READ levels, six minutes, four outcomes: {choices:?}");
        let card = if contrast { theme::HIGH_CONTRAST.card } else { theme::LIGHT.card };
        let shapes = h.output().shapes.clone();
        for e in &choices {
            // Its edge stands out from the card at 3:1 (WCAG 1.4.11): a line,
            // or a face of another colour.
            let outlined = shapes.iter().any(|s| {
                matches!(&s.shape, egui::Shape::Rect(r)
                    if r.rect.expand(1.0).contains_rect(e.rect) && e.rect.expand(3.0).contains_rect(r.rect)
                        && ((r.stroke.width >= 1.0 && contrast_ratio(r.stroke.color, card) >= 3.0)
                            || contrast_ratio(r.fill, card) >= 3.0))
            });
            assert!(outlined, "`{}` does not stand out from the card (high contrast: {contrast})", e.name);
        }
    }
}
