//! Staff mode: what the kiosk is running, problems with the flows, reload and
//! exit. Staff-facing, so in the library's working language.

use super::app::{Action, Kiosk};
use super::buttons::ButtonRow;
use super::layout;
use super::widgets::{self, Kind};
use eframe::egui::{self, Ui};

/// Draws staff mode: what it shows scrolls; its buttons stay at the foot.
pub fn show(k: &mut Kiosk, ui: &mut Ui, actions: &mut Vec<Action>) {
    let p = k.palette();
    let bar = ButtonRow::sized(26.0, 72.0)
        .button(Kind::Primary, "Back to the kiosk", Action::LeaveStaff)
        .button(Kind::Secondary, "Reload flows", Action::Reload)
        .button(Kind::Staff, "Exit the kiosk", Action::Quit);
    let look = layout::Look { palette: p, more_below: "More below", font: 22.0 };
    layout::screen(ui, "staff", look, Some(bar), actions, |ui, actions| body(k, ui, actions));
}

fn body(k: &mut Kiosk, ui: &mut Ui, actions: &mut Vec<Action>) {
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
    about(k, ui);
    decode_field(k, ui, actions);
    decoded(k, ui);
}

/// What the kiosk runs: branch, flows, languages, files, today's figures,
/// notices.
fn about(k: &Kiosk, ui: &mut Ui) {
    let p = k.palette();
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
    if let Some(today) = k.staff.today() {
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
}

/// The field staff type a handoff code in, and its Decode button.
fn decode_field(k: &mut Kiosk, ui: &mut Ui, actions: &mut Vec<Action>) {
    let p = k.palette();
    ui.add_space(8.0);
    widgets::text(ui, "Decode a handoff code:", p.text, 24.0);
    ui.horizontal(|ui| {
        // A field that looks like one: a border, and as tall as a button.
        let edit = egui::Frame::NONE
            .fill(p.card)
            .stroke(egui::Stroke::new(3.0, p.primary))
            .corner_radius(8)
            .show(ui, |ui| {
                ui.add(
                    egui::TextEdit::singleline(k.staff.code_mut())
                        .font(egui::FontId::monospace(28.0))
                        .desired_width(320.0)
                        .min_size(egui::vec2(320.0, 64.0))
                        .frame(egui::Frame::NONE.inner_margin(egui::Margin::symmetric(12, 0)))
                        .hint_text("K7Q2-9XF3"),
                )
            })
            .inner;
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if widgets::button(ui, p, Kind::Primary, "Decode", None, egui::vec2(180.0, 64.0), 24.0).clicked()
            || enter
        {
            actions.push(Action::Decode);
        }
    });
}

/// What the code decoded to, with the outcome panel, or why it did not.
fn decoded(k: &mut Kiosk, ui: &mut Ui) {
    let p = k.palette();
    match k.staff.summary() {
        Some(Ok(text)) => {
            ui.add(egui::Label::new(egui::RichText::new(text.as_str()).size(18.0).color(p.text)).wrap());
            if let Some((o, code)) = k.staff.outcome() {
                ui.add_space(8.0);
                crate::desk::outcome_panel(ui, o, code, 64.0, p);
            }
        }
        Some(Err(e)) => {
            widgets::text(ui, e, p.staff, 22.0);
        }
        None => {}
    }
}
