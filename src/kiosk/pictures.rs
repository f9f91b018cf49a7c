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

    /// Forgets every picture (after the flows or assets change).
    pub fn clear(&mut self) {
        self.cache.borrow_mut().clear();
    }
}
