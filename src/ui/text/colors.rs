//! Colours: a tag's colour from the set, readable text colours, find-match colours, and
//! the small colour chip drawn beside tag names.

use egui::Color32;

use crate::model::{AnnotationSet, Color};

/// Colour for tags the set does not define.
const UNKNOWN_TAG: Color32 = Color32::from_rgb(0x9e, 0x9e, 0x9e);

/// Colour of find matches.
pub const FIND_MATCH: Color32 = Color32::from_rgb(0xd4, 0xc0, 0x00);
/// Colour of the current find match.
pub const CURRENT_FIND_MATCH: Color32 = Color32::from_rgb(0xff, 0x8c, 0x00);

/// A model colour as an egui colour.
pub fn color32(color: Color) -> Color32 {
    Color32::from_rgb(color.r, color.g, color.b)
}

/// The opaque colour of a tag, from the set's tag definitions.
pub fn tag_color(set: &AnnotationSet, tag: &str) -> Color32 {
    set.tag(tag).map_or(UNKNOWN_TAG, |def| color32(def.color))
}

/// A tag colour made readable as text on the current background (darker in light mode).
pub fn text_color(visuals: &egui::Visuals, color: Color32) -> Color32 {
    if visuals.dark_mode {
        color
    } else {
        color.lerp_to_gamma(Color32::BLACK, 0.4)
    }
}

/// A small square in a tag's colour, placed inline.
pub fn chip_ui(ui: &mut egui::Ui, color: Color32) {
    let size = ui.text_style_height(&egui::TextStyle::Body) * 0.6;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, color);
}
