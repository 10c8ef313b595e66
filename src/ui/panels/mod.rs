//! The side panel's tabs: annotation list and detail editor, evidence, review queue. Each takes the state it shows and returns `Action`s.

pub mod annotation_list;
pub mod conflicts;
pub mod detail;
pub mod evidence;
pub mod evidence_card;
pub mod review;
pub mod review_queue;

use crate::model::{Annotation, AnnotationSet, LineCol};
use crate::ui::text::colors::{chip_ui, tag_color};
use crate::ui::text::labels::{excerpt, status_text};

/// An annotation's heading line: tag chip and name, then its place (if given), anchoring
/// status and author.
pub fn heading_ui(
    ui: &mut egui::Ui,
    set: &AnnotationSet,
    annotation: &Annotation,
    place: Option<LineCol>,
) {
    ui.horizontal_wrapped(|ui| {
        chip_ui(ui, tag_color(set, &annotation.tag));
        ui.strong(&annotation.tag);
        let place = place.map(|p| format!("{p:#} · ")).unwrap_or_default();
        ui.weak(format!(
            "{place}{} · by {}",
            status_text(annotation.status),
            excerpt(&annotation.author, 30)
        ));
    });
}
