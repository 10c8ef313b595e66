//! Re-anchoring annotations against a (possibly changed) document.
//!
//! Placeholder: the real algorithm lands with the anchoring work.

use crate::model::set::{AnchorStatus, AnnotationSet};
use crate::model::text::Document;

/// How many annotations ended in each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AnchorSummary {
    /// Quote still at its position.
    pub exact: usize,
    /// Exact quote found elsewhere.
    pub moved: usize,
    /// Approximate match.
    pub fuzzy: usize,
    /// Not placed.
    pub orphaned: usize,
}

/// Anchor every annotation of `set` against `doc`, updating positions and statuses.
pub fn anchor_set(set: &mut AnnotationSet, doc: &Document) -> AnchorSummary {
    let mut summary = AnchorSummary::default();
    for annotation in &mut set.annotations {
        if doc.slice(annotation.position.range()) == annotation.quote.exact {
            annotation.status = AnchorStatus::Exact;
            summary.exact += 1;
        } else {
            annotation.status = AnchorStatus::Orphaned;
            summary.orphaned += 1;
        }
    }
    summary
}
