//! Turning an import into one undoable step.
//!
//! `import_w3c` works on a whole set (adds, normalizes, re-anchors). The app runs it on a
//! clone of the open set and then asks [`plan`] for the edits that turn the open set into
//! the result, so the import goes through the history as one `Edit::Batch`.

use std::collections::HashSet;

use crate::model::{AnnotationId, AnnotationSet, Edit};

/// The edits of an import, and what could not be carried over.
#[derive(Debug, Default)]
pub struct ImportPlan {
    /// New tags, then evidence, then annotations, then re-anchored annotations, then links.
    pub edits: Vec<Edit>,
    /// How many annotations the edits add.
    pub added: usize,
    /// How many existing annotations the re-anchoring moved or re-rated.
    pub reanchored: usize,
    /// Imported annotations (and their links) left out, with why.
    pub left_out: Vec<String>,
}

/// The edits that turn `before` into `after`, where `after` is `before` plus an import.
///
/// Imported annotations with an empty span (their quote was not found and the file gave
/// no position) cannot be added through an edit; they are listed in `left_out`, as are
/// links that need them.
pub fn plan(before: &AnnotationSet, after: &AnnotationSet) -> ImportPlan {
    let mut result = ImportPlan::default();
    for tag in &after.tags {
        if before.tag(&tag.name).is_none() {
            result.edits.push(Edit::AddTag(tag.clone()));
        }
    }
    for evidence in &after.evidence {
        if before.evidence_item(evidence.id).is_none() {
            result.edits.push(Edit::AddEvidence(evidence.clone()));
        }
    }
    let mut missing: HashSet<AnnotationId> = HashSet::new();
    let mut changed = Vec::new();
    for annotation in &after.annotations {
        match before.annotation(annotation.id) {
            None if annotation.position.char_start < annotation.position.char_end => {
                result.edits.push(Edit::AddAnnotation(annotation.clone()));
                result.added += 1;
            }
            None => {
                missing.insert(annotation.id);
                result.left_out.push(format!(
                    "annotation {} ({:?}): its text was not found in the document and the \
                     file gives no position",
                    annotation.id,
                    crate::model::text::excerpt(&annotation.quote.exact, 40)
                ));
            }
            Some(old)
                if old.position != annotation.position
                    || old.quote != annotation.quote
                    || old.status != annotation.status =>
            {
                let mut replaced = old.clone();
                replaced.position = annotation.position;
                replaced.quote = annotation.quote.clone();
                replaced.status = annotation.status;
                changed.push(Edit::ReplaceAnnotation(replaced));
            }
            Some(_) => {}
        }
    }
    result.reanchored = changed.len();
    result.edits.extend(changed);
    for link in &after.links {
        if before.links.contains(link) {
            continue;
        }
        let needs_missing = missing.iter().any(|id| link.mentions_annotation(*id));
        if needs_missing {
            result.left_out.push(format!(
                "link {link:?}: one of its annotations was left out"
            ));
        } else {
            result.edits.push(Edit::AddLink(link.clone()));
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{ExportContext, Format, export, import_w3c};
    use crate::model::{
        AnchorStatus, Annotation, Document, Evidence, EvidenceId, EvidenceKind, Link, Stance,
        TAG_CLAIM, TagDef, apply,
    };
    use chrono::{DateTime, TimeZone as _, Utc};

    const TEXT: &str = "The bridge cost $41 million. The mayor said it opened in 2019.";

    fn at(second: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, second)
            .single()
            .expect("valid time")
    }

    fn sorted(set: &AnnotationSet) -> AnnotationSet {
        let mut set = set.clone();
        set.normalize();
        set.tags.sort_by(|a, b| a.name.cmp(&b.name));
        set.modified = at(0);
        set
    }

    /// A set with a claim, a custom tag, evidence and a link: exported as W3C.
    fn exported(doc: &Document) -> String {
        let mut set = AnnotationSet::new(doc, "doc.txt", "other", at(0));
        let claim = Annotation::new(doc, 16..27, TAG_CLAIM, "ana", at(0));
        let evidence = Evidence {
            id: EvidenceId::random(),
            kind: EvidenceKind::Url {
                url: "https://example.org/budget".to_owned(),
                archived_url: None,
            },
            title: "Budget".to_owned(),
            accessed: None,
            note: String::new(),
            created: at(0),
        };
        let link = Link::Evidence {
            annotation: claim.id,
            evidence: evidence.id,
            stance: Stance::Supports,
        };
        let statistic = TagDef {
            name: "statistic".to_owned(),
            color: crate::model::Color::rgb(1, 2, 3),
            key: None,
        };
        let year = Annotation::new(doc, 57..61, "statistic", "ana", at(0));
        for edit in [
            Edit::AddTag(statistic),
            Edit::AddAnnotation(claim),
            Edit::AddAnnotation(year),
            Edit::AddEvidence(evidence),
            Edit::AddLink(link),
        ] {
            apply(&mut set, edit, at(1)).expect("fixture applies");
        }
        let ctx = ExportContext::new(&set, doc, "doc.txt", at(2));
        let files = export(&ctx, Format::W3c).expect("exports");
        String::from_utf8(files.first().expect("one file").bytes.clone()).expect("utf-8")
    }

    #[test]
    fn applying_the_plan_gives_the_imported_set_and_undoes_in_one_step() {
        let doc = Document::new(TEXT);
        let json = exported(&doc);
        let mut before = AnnotationSet::new(&doc, "doc.txt", "mine", at(0));
        let own = Annotation::new(&doc, 29..38, TAG_CLAIM, "bo", at(0));
        apply(&mut before, Edit::AddAnnotation(own), at(1)).expect("adds");
        let mut after = before.clone();
        let summary = import_w3c(&json, &doc, &mut after, at(3)).expect("imports");
        assert_eq!(summary.imported, 2);

        let plan = plan(&before, &after);
        assert_eq!(plan.added, 2);
        assert!(plan.left_out.is_empty(), "{:?}", plan.left_out);
        let mut applied = before.clone();
        let inverse = apply(&mut applied, Edit::Batch(plan.edits), at(4)).expect("plan applies");
        assert_eq!(sorted(&applied), sorted(&after));
        apply(&mut applied, inverse, at(5)).expect("undo applies");
        assert_eq!(sorted(&applied), sorted(&before));
    }

    #[test]
    fn reanchored_existing_annotations_are_replaced_and_unplaceable_ones_left_out() {
        let doc = Document::new(TEXT);
        let mut before = AnnotationSet::new(&doc, "doc.txt", "mine", at(0));
        let mut stale = Annotation::new(&doc, 16..27, TAG_CLAIM, "bo", at(0));
        stale.status = AnchorStatus::Fuzzy { score: 0.8 };
        before.annotations.push(stale.clone());
        let json = r#"{"type": "Annotation", "id": "urn:uuid:8d9f8a8e-9b7a-4c55-9d64-2b7c1f0d4e11",
            "motivation": "assessing",
            "target": {"source": "doc.txt", "selector":
                {"type": "TextQuoteSelector", "exact": "nowhere in the text"}}}"#;
        let mut after = before.clone();
        import_w3c(json, &doc, &mut after, at(3)).expect("imports");

        let plan = plan(&before, &after);
        assert_eq!(plan.added, 0);
        assert_eq!(plan.reanchored, 1, "the fuzzy claim is exact again");
        assert_eq!(plan.left_out.len(), 1, "{:?}", plan.left_out);
        let mut applied = before.clone();
        apply(&mut applied, Edit::Batch(plan.edits), at(4)).expect("plan applies");
        let claim = applied.annotation(stale.id).expect("kept");
        assert_eq!(claim.status, AnchorStatus::Exact);
        assert_eq!(claim.modified, stale.modified);
    }
}
