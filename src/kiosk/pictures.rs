//! Pictures and icons from `assets/`, decoded once with the image crate and
//! kept as textures. A picture that is missing or broken is simply not shown:
//! a kiosk never crashes over a file.

use crate::flow::load::Assets;
use eframe::egui::{self, TextureHandle, TextureOptions};
use std::cell::RefCell;
use std::collections::HashMap;

/// Decoded pictures by name; `None` remembers a name that could not load.
#[derive(Default)]
pub struct Pictures {
    // Screens draw from a shared `&Kiosk`; the cache fills as they do.
    cache: RefCell<HashMap<String, Option<TextureHandle>>>,
}

impl Pictures {
    /// The texture for `name`, loading it the first time.
    pub fn get(&self, ctx: &egui::Context, assets: &Assets, name: &str) -> Option<TextureHandle> {
        self.cache
            .borrow_mut()
            .entry(name.to_string())
            .or_insert_with(|| {
                let bytes = assets.bytes(name)?;
                let image = image::load_from_memory(&bytes).ok()?.to_rgba8();
                let size = [image.width() as usize, image.height() as usize];
                let color = egui::ColorImage::from_rgba_unmultiplied(size, image.as_raw());
                Some(ctx.load_texture(name, color, TextureOptions::LINEAR))
            })
            .clone()
    }

    /// An icon as a white shape on transparent, to be tinted with a theme
    /// colour (tinting multiplies: a navy icon would stay navy on black).
    /// Dark pixels become opaque white, light ones transparent.
    pub fn icon(&self, ctx: &egui::Context, assets: &Assets, name: &str) -> Option<TextureHandle> {
        self.cache
            .borrow_mut()
            .entry(format!("mask:{name}"))
            .or_insert_with(|| {
                let bytes = assets.bytes(name)?;
                let image = image::load_from_memory(&bytes).ok()?.to_rgba8();
                let size = [image.width() as usize, image.height() as usize];
                let mask: Vec<u8> = image
                    .pixels()
                    .flat_map(|px| {
                        let [r, g, b, a] = px.0;
                        let lum =
                            (0.2126 * f32::from(r) + 0.7152 * f32::from(g) + 0.0722 * f32::from(b)) / 255.0;
                        let alpha = (f32::from(a) * ((1.0 - lum) * 1.4).clamp(0.0, 1.0)).round() as u8;
                        [255, 255, 255, alpha]
                    })
                    .collect();
                let color = egui::ColorImage::from_rgba_unmultiplied(size, &mask);
                Some(ctx.load_texture(format!("mask:{name}"), color, TextureOptions::LINEAR))
            })
            .clone()
    }

    /// Forgets every picture (after the flows or assets change).
    pub fn clear(&mut self) {
        self.cache.borrow_mut().clear();
    }
}
