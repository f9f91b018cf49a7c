//! The CPU cost of one frame of the kiosk, headless: a step screen with a
//! picture and a question screen, laid out and tessellated as eframe would
//! each frame (without the GPU upload). Figures in docs/performance.md.

#![allow(clippy::unwrap_used)] // benchmarks fail loudly

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui;
use kiosk_triage::flow::load::load_builtin;
use kiosk_triage::kiosk::{Action, Kiosk, Setup};
use std::sync::Arc;

fn kiosk() -> Kiosk {
    let loaded = load_builtin(None);
    let set = Arc::new(loaded.report.set.unwrap());
    let branch = set.branches[0].id.clone();
    // A fixed clock: the idle warning never comes up mid-measurement.
    let clock = Arc::new(|| std::time::Duration::from_secs(1));
    Kiosk::new(Setup {
        assets: loaded.assets,
        gate: kiosk_triage::config::StaffGate::NoPin,
        ..Setup::plain(set, &branch, clock)
    })
}

fn frame(ctx: &egui::Context, k: &mut Kiosk) -> usize {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0))),
        ..Default::default()
    };
    let output = ctx.run_ui(input, |ui| k.ui(ui));
    let shapes = output.shapes.len();
    let meshes = ctx.tessellate(output.shapes, output.pixels_per_point);
    std::hint::black_box(meshes);
    shapes
}

fn one_frame(c: &mut Criterion) {
    let ctx = egui::Context::default();
    let mut k = kiosk();
    for _ in 0..3 {
        frame(&ctx, &mut k);
    }
    // The frame really draws the screen: tiles, text and buttons (shapes).
    assert!(frame(&ctx, &mut k) > 10);
    c.bench_function("frame/home", |b| b.iter(|| frame(&ctx, &mut k)));
    let first = k.flow_ids().first().cloned().unwrap();
    k.act(Action::StartFlow(first), &ctx);
    for _ in 0..3 {
        frame(&ctx, &mut k);
    }
    assert!(frame(&ctx, &mut k) > 10);
    c.bench_function("frame/question", |b| b.iter(|| frame(&ctx, &mut k)));
    // A step with a picture: the first choice of printing leads to Ctrl+P.
    k.act(Action::Home, &ctx);
    k.act(Action::StartFlow("printing".into()), &ctx);
    k.act(Action::Choose(1), &ctx);
    for _ in 0..3 {
        frame(&ctx, &mut k);
    }
    assert!(frame(&ctx, &mut k) > 10);
    c.bench_function("frame/step-with-picture", |b| b.iter(|| frame(&ctx, &mut k)));
}

criterion_group!(benches, one_frame);
criterion_main!(benches);
