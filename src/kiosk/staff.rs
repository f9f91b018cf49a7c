//! Staff mode: what the kiosk is running, problems with the flows, reload and
//! exit. Staff-facing, so in the library's working language.

use super::app::{Action, Kiosk};
use super::widgets::{self, Kind};
use eframe::egui::{self, Ui};

/// Draws staff mode.
pub fn show(k: &mut Kiosk, ui: &mut Ui, actions: &mut Vec<Action>) {
    let p = k.palette();
    widgets::heading(ui, "Staff mode", p.text, 40.0);
    if k.gate == crate::config::StaffGate::NoPin {
        egui::Frame::NONE.stroke(egui::Stroke::new(3.0, p.staff)).corner_radius(12).inner_margin(16).show(ui, |ui| {
            widgets::text(
                ui,
                "No staff PIN is set on this kiosk, so anyone who knows the key chord can open this screen. \
                 Set one: run `kiosk-triage hash-pin`, type a PIN, and put the line it prints in kiosk.ron.",
                p.text,
                24.0,
            );
        });
    }
    let set = &k.set;
    let info = format!(
        "Branch: {} ({})\nFlows: {} from {}\nFlow set version: {:016x}\nLanguages: {}",
        k.branch().name,
        k.branch,
        set.flows.len(),
        set.origin,
        set.fingerprint,
        k.languages.join(", "),
    );
    widgets::text(ui, &info, p.text, 24.0);
    widgets::text(ui, &super::speech::staff_line(k), p.text, 22.0);
    if !k.files.is_empty() {
        egui::CollapsingHeader::new(egui::RichText::new("Files this kiosk uses").size(22.0).color(p.text))
            .id_salt("staff_files")
            .show(ui, |ui| {
                ui.add(
                    egui::Label::new(egui::RichText::new(&k.files).monospace().size(16.0).color(p.text))
                        .wrap(),
                );
            });
    }
    if let Some(today) = &k.staff_today {
        widgets::text(ui, today, p.text, 22.0);
    }
    if !k.notices.is_empty() {
        ui.add_space(8.0);
        egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
            for n in &k.notices {
                ui.add(egui::Label::new(egui::RichText::new(n).monospace().size(18.0).color(p.text)).wrap());
            }
        });
    }
    ui.add_space(8.0);
    widgets::text(ui, "Decode a handoff code:", p.text, 24.0);
    ui.horizontal(|ui| {
        let edit = ui.add(
            egui::TextEdit::singleline(&mut k.staff_code)
                .font(egui::FontId::monospace(28.0))
                .desired_width(320.0)
                .hint_text("K7Q2-9XF3"),
        );
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if widgets::button(ui, p, Kind::Primary, "Decode", None, egui::vec2(160.0, 52.0), 24.0).clicked()
            || enter
        {
            actions.push(Action::Decode);
        }
    });
    match &k.staff_summary {
        Some(Ok(text)) => {
            // What is left of the screen, keeping room for the buttons below.
            let room = (ui.available_height() - 110.0).max(200.0);
            egui::ScrollArea::vertical().id_salt("staff_summary").max_height(room).show(ui, |ui| {
                ui.add(egui::Label::new(egui::RichText::new(text).size(18.0).color(p.text)).wrap());
                if let (Some(o), Some((code, _))) = (&mut k.staff_outcomes, &k.staff_decoded) {
                    ui.add_space(8.0);
                    crate::desk::outcome_panel(ui, o, code);
                }
            });
        }
        Some(Err(e)) => {
            widgets::text(ui, e, p.staff, 22.0);
        }
        None => {}
    }
    ui.add_space(16.0);
    ui.horizontal(|ui| {
        let size = egui::vec2(300.0, 72.0);
        if widgets::button(ui, p, Kind::Primary, "Back to the kiosk", None, size, 26.0).clicked() {
            actions.push(Action::LeaveStaff);
        }
        if widgets::button(ui, p, Kind::Secondary, "Reload flows", None, size, 26.0).clicked() {
            actions.push(Action::Reload);
        }
        if widgets::button(ui, p, Kind::Staff, "Exit the kiosk", None, size, 26.0).clicked() {
            actions.push(Action::Quit);
        }
    });
}
