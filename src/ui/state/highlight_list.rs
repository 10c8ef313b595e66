//! The highlight list handed to the document view: every placed annotation in its tag's
//! colour (fuzzy ones greyer until accepted), then the find matches.

use egui::Color32;

use crate::model::{AnchorStatus, AnnotationSet};
use crate::ui::doc_view::{Highlight, HighlightKind};
use crate::ui::state::layers::Layers;
use crate::ui::text::colors::{CURRENT_FIND_MATCH, FIND_MATCH, tag_color};

/// Highlights for every placed annotation (orphans have no place), then the visible
/// teammates' layers, then the find matches.
pub fn build(
    set: &AnnotationSet,
    layers: &Layers,
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
                    tag_color(set, &a.tag).lerp_to_gamma(Color32::from_gray(0x80), 0.6)
                }
                _ => tag_color(set, &a.tag),
            },
            kind: HighlightKind::Annotation,
        })
        .collect();
    // Teammates' layers: outlines only, and not clickable (their ids may be ours too).
    for layer in layers.items().iter().filter(|l| l.visible) {
        highlights.extend(
            layer
                .set
                .annotations
                .iter()
                .filter(|a| !a.status.needs_review())
                .map(|a| Highlight {
                    id: None,
                    char_range: a.position.range(),
                    color: layer.color(),
                    kind: HighlightKind::Layer { style: layer.style },
                }),
        );
    }
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
        let highlights = build(&set, &Layers::default(), &[8..13, 4..7], Some(1));
        let kinds: Vec<_> = highlights
            .iter()
            .map(|h| {
                let kind = match h.kind {
                    HighlightKind::Annotation => "annotation",
                    HighlightKind::FindMatch => "match",
                    HighlightKind::CurrentFindMatch => "current",
                    HighlightKind::Layer { .. } => "layer",
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
