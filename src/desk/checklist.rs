//! The checklist staff read for a decoded code: URGENT and the facts first,
//! then every screen the patron saw, in full.

use super::card;
use crate::flow::raw::Firmness;
use crate::handoff::summary::Summary;
use crate::kiosk::theme::{self, LIGHT};
use eframe::egui::{self, Color32, RichText};

/// Draws the checklist for one decoded code.
pub(super) fn checklist(ui: &mut egui::Ui, s: &Summary) {
    let p = &LIGHT;
    ui.label(
        RichText::new(format!("{} · {}", s.code, s.flow.as_deref().unwrap_or("No task chosen")))
            .font(theme::bold(28.0)),
    );
    ui.label(
        RichText::new(format!("{} · {} · {} · {}", s.branch, s.language, s.time, s.reached))
            .size(19.0)
            .color(p.muted),
    );
    if let Some(line) = crate::handoff::facts::urgent_line(&s.urgent) {
        egui::Frame::NONE.fill(p.staff).corner_radius(8).inner_margin(10).show(ui, |ui| {
            ui.label(RichText::new(line).font(theme::bold(19.0)).color(Color32::WHITE));
        });
    }
    for f in &s.facts {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("{}:", f.name)).font(theme::bold(20.0)));
            ui.label(RichText::new(&f.answer).font(theme::bold(20.0)).color(p.primary));
        });
    }
    ui.add_space(8.0);
    if !s.steps.is_empty() {
        ui.label(RichText::new("What they already did").font(theme::bold(22.0)));
        for (i, step) in s.steps.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("{:>2}. ✔", i + 1)).size(18.0).color(p.muted));
                ui.label(RichText::new(&step.screen).size(18.0));
            });
            if let Some(a) = &step.answer {
                ui.label(RichText::new(format!("        → {a}")).font(theme::bold(18.0)).color(p.primary));
            }
        }
        if s.looped {
            ui.label(
                RichText::new("They went round a loop; the repeats are left out.").size(16.0).color(p.muted),
            );
        }
        ui.add_space(8.0);
    }
    card(ui, p, |ui| {
        ui.label(RichText::new("Where it ended").font(theme::bold(20.0)));
        ui.label(RichText::new(&s.ending.told).size(18.0));
        ui.add_space(6.0);
        ui.label(RichText::new("Staff note").font(theme::bold(20.0)));
        ui.label(RichText::new(&s.ending.note).size(18.0));
        if let Some(line) =
            crate::handoff::summary::statistics_line(s.ending.read, s.ending.question_type.as_deref())
        {
            ui.label(RichText::new(line).size(16.0).color(p.muted));
        }
        if let Some((firmness, text)) = &s.ending.policy {
            ui.add_space(6.0);
            let (badge, color, meaning) = match firmness {
                Firmness::Strict => ("STRICT", p.staff, "never bends (privacy, safety)"),
                Firmness::Flexible => {
                    ("FLEXIBLE", p.primary, "you may make a one-time exception; say that it is one")
                }
            };
            ui.horizontal_wrapped(|ui| {
                egui::Frame::NONE
                    .fill(color)
                    .corner_radius(6)
                    .inner_margin(egui::Margin::symmetric(8, 2))
                    .show(ui, |ui| {
                        ui.label(RichText::new(badge).font(theme::bold(16.0)).color(Color32::WHITE));
                    });
                ui.label(RichText::new(meaning).size(16.0).color(p.muted));
            });
            ui.label(RichText::new(text).size(18.0));
        }
    });
}
