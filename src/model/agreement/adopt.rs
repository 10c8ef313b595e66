//! Adopting a teammate's annotation into our set, or their reading (place and tag) of one
//! of ours, as a compare view offers it.
//!
//! The annotation comes over as it is in their set, anchored against our document: same
//! id, author, times, tag, note and verdict (so a later merge of the two sets sees one
//! annotation, not two). Their evidence links stay behind (the evidence is theirs). A tag
//! our set lacks comes with it (without its key when the key is taken). Refused: an id we
//! already have, a span we already have with the same tag, an orphaned annotation.

use crate::model::edit::Edit;
use crate::model::set::{AnchorStatus, AnnotationId, AnnotationSet, TagDef};
use crate::model::tag_key::tag_key;
use crate::model::text::Document;

/// Why an annotation cannot be adopted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AdoptError {
    /// Their set has no annotation with this id (it changed meanwhile).
    #[error("their set has no annotation {0} any more")]
    Missing(AnnotationId),
    /// Ours has the same id already.
    #[error("this set already has that annotation (same id)")]
    SameId,
    /// Ours has the same span with the same tag.
    #[error("this set already has a {tag} on exactly that text")]
    SameSpan {
        /// The tag both have.
        tag: String,
    },
    /// It could not be placed in our document.
    #[error("it is orphaned in this document (its text is gone)")]
    Orphaned,
}

/// The one edit that adopts `theirs`'s annotation `id` into `ours`.
pub fn adopt_edit(
    ours: &AnnotationSet,
    theirs: &AnnotationSet,
    id: AnnotationId,
) -> Result<Edit, AdoptError> {
    let annotation = theirs.annotation(id).ok_or(AdoptError::Missing(id))?;
    if annotation.status == AnchorStatus::Orphaned {
        return Err(AdoptError::Orphaned);
    }
    if ours.annotation(id).is_some() {
        return Err(AdoptError::SameId);
    }
    if ours
        .annotations
        .iter()
        .any(|a| a.tag == annotation.tag && a.position == annotation.position)
    {
        return Err(AdoptError::SameSpan {
            tag: annotation.tag.clone(),
        });
    }
    let add = Edit::AddAnnotation(annotation.clone());
    if ours.tag(&annotation.tag).is_some() {
        return Ok(add);
    }
    Ok(Edit::Batch(vec![
        Edit::AddTag(tag_for(ours, theirs, &annotation.tag)),
        add,
    ]))
}

/// The one edit that gives our annotation `id` a teammate's reading of the same span: their
/// place (`their_range`) and their tag (`their_tag`, brought in from `theirs` when our set
/// lacks it). `None` when nothing would change or `id` is not ours.
pub fn take_reading_edit(
    ours: &AnnotationSet,
    theirs: &AnnotationSet,
    doc: &Document,
    id: AnnotationId,
    their_range: std::ops::Range<usize>,
    their_tag: &str,
) -> Option<Edit> {
    let annotation = ours.annotation(id)?;
    let mut edits = Vec::new();
    if annotation.position.range() != their_range && their_range.start < their_range.end {
        edits.push(Edit::SetAnchor {
            id,
            position: their_range.clone().into(),
            quote: doc.quote(their_range),
            status: AnchorStatus::Exact,
        });
    }
    if annotation.tag != their_tag {
        if ours.tag(their_tag).is_none() {
            edits.push(Edit::AddTag(tag_for(ours, theirs, their_tag)));
        }
        edits.push(Edit::SetTag {
            id,
            tag: their_tag.to_owned(),
        });
    }
    match edits.len() {
        0 => None,
        1 => edits.pop(),
        _ => Some(Edit::Batch(edits)),
    }
}

/// Their definition of `tag` for our set: without its key when ours uses that key.
fn tag_for(ours: &AnnotationSet, theirs: &AnnotationSet, tag: &str) -> TagDef {
    let mut def = theirs.tag(tag).cloned().unwrap_or_else(|| TagDef {
        name: tag.to_owned(),
        color: crate::model::set::Color::rgb(0x88, 0x88, 0x88),
        key: None,
    });
    def.key = def.key.and_then(|key| tag_key(key, &ours.tags).ok());
    def
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone as _, Utc};

    use super::*;
    use crate::model::apply;
    use crate::model::set::{Annotation, Color};
    use crate::model::text::Document;

    fn sets() -> (Document, AnnotationSet, AnnotationSet) {
        let doc = Document::new("The ferry carried 4,000 riders a day before the strike.");
        let now = Utc.with_ymd_and_hms(2026, 5, 2, 8, 0, 0).single().unwrap();
        let ours = AnnotationSet::new(&doc, "doc.txt", "ours", now);
        let mut theirs = AnnotationSet::new(&doc, "doc.txt", "theirs", now);
        theirs
            .annotations
            .push(Annotation::new(&doc, 0..33, "claim", "bo", now));
        (doc, ours, theirs)
    }

    #[test]
    fn adopting_keeps_id_and_author_and_undoes_in_one_step() {
        let (_, mut ours, theirs) = sets();
        let id = theirs.annotations[0].id;
        let edit = adopt_edit(&ours, &theirs, id).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 5, 2, 9, 0, 0).single().unwrap();
        let inverse = apply(&mut ours, edit, now).unwrap();
        let adopted = ours.annotation(id).unwrap();
        assert_eq!(adopted.author, "bo");
        assert_eq!(adopted.position, theirs.annotations[0].position);
        // A second time: refused as a duplicate.
        assert_eq!(adopt_edit(&ours, &theirs, id), Err(AdoptError::SameId));
        apply(&mut ours, inverse, now).unwrap();
        assert!(ours.annotations.is_empty());
    }

    #[test]
    fn the_same_span_and_tag_under_another_id_is_refused() {
        let (doc, mut ours, theirs) = sets();
        let now = Utc.with_ymd_and_hms(2026, 5, 2, 9, 0, 0).single().unwrap();
        ours.annotations
            .push(Annotation::new(&doc, 0..33, "claim", "ana", now));
        let id = theirs.annotations[0].id;
        assert_eq!(
            adopt_edit(&ours, &theirs, id),
            Err(AdoptError::SameSpan {
                tag: "claim".to_owned()
            })
        );
    }

    #[test]
    fn their_custom_tag_comes_along_without_a_taken_key() {
        let (doc, mut ours, mut theirs) = sets();
        let now = Utc.with_ymd_and_hms(2026, 5, 2, 9, 0, 0).single().unwrap();
        ours.tags.push(TagDef {
            name: "legal".to_owned(),
            color: Color::rgb(1, 2, 3),
            key: Some('l'),
        });
        theirs.tags.push(TagDef {
            name: "statistic".to_owned(),
            color: Color::rgb(4, 5, 6),
            key: Some('l'),
        });
        let stat = Annotation::new(&doc, 18..23, "statistic", "bo", now);
        let id = stat.id;
        theirs.annotations.push(stat);
        let edit = adopt_edit(&ours, &theirs, id).unwrap();
        apply(&mut ours, edit, now).unwrap();
        let tag = ours.tag("statistic").unwrap();
        assert_eq!((tag.color, tag.key), (Color::rgb(4, 5, 6), None));
        assert!(matches!(
            adopt_edit(&ours, &theirs, AnnotationId::random()),
            Err(AdoptError::Missing(_))
        ));
    }

    #[test]
    fn taking_their_reading_moves_and_retags_ours_in_one_step() {
        let (doc, mut ours, theirs) = sets();
        let now = Utc.with_ymd_and_hms(2026, 5, 2, 9, 0, 0).single().unwrap();
        // Ours: "The ferry carried 4,000 riders" (0..30) as a quote; theirs: 0..33 claim.
        let mine = Annotation::new(&doc, 0..30, "quote", "ana", now);
        let id = mine.id;
        ours.annotations.push(mine);
        let edit = take_reading_edit(&ours, &theirs, &doc, id, 0..33, "claim").unwrap();
        let inverse = apply(&mut ours, edit, now).unwrap();
        let taken = ours.annotation(id).unwrap();
        assert_eq!(
            (taken.position.range(), taken.tag.as_str()),
            (0..33, "claim")
        );
        assert_eq!(taken.quote.exact, "The ferry carried 4,000 riders a ");
        assert_eq!(taken.author, "ana", "still our annotation");
        assert_eq!(
            take_reading_edit(&ours, &theirs, &doc, id, 0..33, "claim"),
            None,
            "nothing left to take"
        );
        apply(&mut ours, inverse, now).unwrap();
        let back = ours.annotation(id).unwrap();
        assert_eq!((back.position.range(), back.tag.as_str()), (0..30, "quote"));
    }

    #[test]
    fn an_orphan_is_not_adopted() {
        let (_, ours, mut theirs) = sets();
        theirs.annotations[0].status = AnchorStatus::Orphaned;
        let id = theirs.annotations[0].id;
        assert_eq!(adopt_edit(&ours, &theirs, id), Err(AdoptError::Orphaned));
    }
}
