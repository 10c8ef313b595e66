//! Tag colours and the highlight list handed to the document view.

use egui::Color32;

use crate::model::{AnchorStatus, AnnotationSet, Color};
use crate::ui::doc_view::{Highlight, HighlightKind};

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

/// The colour handed to the document view for a tag's highlight (the view tints it).
pub fn highlight_color(set: &AnnotationSet, tag: &str) -> Color32 {
    tag_color(set, tag)
}

/// A small square in a tag's colour, placed inline.
pub fn chip_ui(ui: &mut egui::Ui, color: Color32) {
    let size = ui.text_style_height(&egui::TextStyle::Body) * 0.6;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, color);
}

/// Highlights for every placed annotation (orphans have no place), then the find matches.
pub fn build(
    set: &AnnotationSet,
    find_matches: &[std::ops::Range<usize>],
    current_match: Option<usize>,
) -> Vec<Highlight> {
    let mut highlights: Vec<Highlight> = set
        .annotations
        .iter()
        .filter(|a| a.status != AnchorStatus::Orphaned)
        .map(|a| Highlight {
            id: Some(a.id),
            char_range: a.position.range(),
            color: match a.status {
                // A proposed place is shown greyer until the reviewer accepts it.
                AnchorStatus::Fuzzy { .. } => {
                    highlight_color(set, &a.tag).lerp_to_gamma(Color32::from_gray(0x80), 0.6)
                }
                _ => highlight_color(set, &a.tag),
            },
            kind: HighlightKind::Annotation,
        })
        .collect();
    highlights.extend(find_matches.iter().enumerate().map(|(index, range)| {
        let current = Some(index) == current_match;
        Highlight {
            id: None,
            char_range: range.clone(),
            color: if current {
                CURRENT_FIND_MATCH
            } else {
                FIND_MATCH
            },
            kind: if current {
                HighlightKind::CurrentFindMatch
            } else {
                HighlightKind::FindMatch
            },
        }
    }));
    highlights
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, Document, TAG_CLAIM};
    use chrono::TimeZone as _;

    #[test]
    fn orphans_are_not_highlighted_and_find_matches_follow() {
        let now = chrono::Utc
            .with_ymd_and_hms(2026, 11, 27, 10, 0, 0)
            .single()
            .expect("valid time");
        let doc = Document::new("one two three");
        let mut set = AnnotationSet::new(&doc, "d.txt", "t", now);
        let placed = Annotation::new(&doc, 0..3, TAG_CLAIM, "a", now);
        let mut orphan = Annotation::new(&doc, 4..7, TAG_CLAIM, "a", now);
        orphan.status = AnchorStatus::Orphaned;
        set.annotations = vec![placed.clone(), orphan];
        let highlights = build(&set, &[8..13, 4..7], Some(1));
        let kinds: Vec<_> = highlights
            .iter()
            .map(|h| {
                let kind = match h.kind {
                    HighlightKind::Annotation => "annotation",
                    HighlightKind::FindMatch => "match",
                    HighlightKind::CurrentFindMatch => "current",
                };
                (h.id, kind)
            })
            .collect();
        assert_eq!(
            kinds,
            vec![
                (Some(placed.id), "annotation"),
                (None, "match"),
                (None, "current"),
            ]
        );
        assert_eq!(
            highlights.first().map(|h| h.color),
            Some(tag_color(&set, TAG_CLAIM))
        );
    }
}
