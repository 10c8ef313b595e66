//! Teammates' sets shown over the document as read-only layers, before (or instead of)
//! merging: each reviewer gets an outline style of their own and can be hidden or shown;
//! their notes and verdicts appear in the detail panel beside ours.

use std::ops::Range;
use std::path::{Path, PathBuf};

use egui::Color32;

use crate::model::{Annotation, AnnotationSet};

/// Outline colours of the layers, one per reviewer (repeating after four).
const COLORS: [Color32; 4] = [
    Color32::from_rgb(0xd8, 0x3b, 0x9a),
    Color32::from_rgb(0x00, 0x9e, 0xa8),
    Color32::from_rgb(0x8a, 0x5c, 0xf6),
    Color32::from_rgb(0xe0, 0x6c, 0x00),
];

/// Names of the outline styles, matching the document view's dash patterns by index.
const STYLE_NAMES: [&str; 4] = ["dashed", "dotted", "long dashes", "dash-dot"];

/// One teammate's set, read-only.
#[derive(Debug, Clone)]
pub struct Layer {
    /// Shown name (the set's file name).
    pub name: String,
    /// Where it was read from.
    pub path: PathBuf,
    /// The set, anchored against the open document.
    pub set: AnnotationSet,
    /// Drawn over the document?
    pub visible: bool,
    /// Index of its outline style and colour.
    pub style: u8,
}

impl Layer {
    /// The layer's outline colour.
    pub fn color(&self) -> Color32 {
        COLORS
            .get(usize::from(self.style) % COLORS.len())
            .copied()
            .unwrap_or(Color32::GRAY)
    }

    /// The layer's outline style in words ("dashed", "dotted"…).
    pub fn style_name(&self) -> &'static str {
        STYLE_NAMES
            .get(usize::from(self.style) % STYLE_NAMES.len())
            .copied()
            .unwrap_or("dashed")
    }
}

/// The layers over the open document.
#[derive(Debug, Default)]
pub struct Layers {
    items: Vec<Layer>,
    /// Changes whenever a layer is added, removed or toggled (the highlight cache key).
    revision: u64,
}

impl Layers {
    /// Add a teammate's set, or replace the layer read from the same file.
    pub fn add(&mut self, path: &Path, set: AnnotationSet) {
        let name = crate::store::paths::file_name(path);
        if let Some(layer) = self.items.iter_mut().find(|l| l.path == path) {
            layer.set = set;
            layer.visible = true;
        } else {
            let style = (0..=u8::MAX)
                .find(|s| self.items.iter().all(|l| l.style != *s))
                .unwrap_or(0);
            self.items.push(Layer {
                name,
                path: path.to_path_buf(),
                set,
                visible: true,
                style,
            });
        }
        self.revision += 1;
    }

    /// Show or hide layer `index`.
    pub fn toggle(&mut self, index: usize) {
        if let Some(layer) = self.items.get_mut(index) {
            layer.visible = !layer.visible;
            self.revision += 1;
        }
    }

    /// Remove layer `index`; returns it.
    pub fn remove(&mut self, index: usize) -> Option<Layer> {
        (index < self.items.len()).then(|| {
            self.revision += 1;
            self.items.remove(index)
        })
    }

    /// Drop every layer (another document was opened).
    pub fn clear(&mut self) {
        if !self.items.is_empty() {
            self.items.clear();
            self.revision += 1;
        }
    }

    /// The layers, in the order they were added.
    pub fn items(&self) -> &[Layer] {
        &self.items
    }

    /// Changes whenever what the layers show changes.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Annotations of visible layers over any char of `range`, with their layer.
    pub fn overlapping(&self, range: Range<usize>) -> Vec<(&Layer, &Annotation)> {
        self.items
            .iter()
            .filter(|l| l.visible)
            .flat_map(|layer| {
                let range = range.clone();
                layer
                    .set
                    .annotations
                    .iter()
                    .filter(move |a| {
                        !a.status.needs_review()
                            && a.position.char_start < range.end
                            && range.start < a.position.char_end
                    })
                    .map(move |a| (layer, a))
            })
            .collect()
    }
}
