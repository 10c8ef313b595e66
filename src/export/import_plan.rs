//! Turning an import into one undoable step, or merging it into the set.
//!
//! `import_w3c` works on a whole set (adds, normalizes, re-anchors). The app runs it on a
//! clone of the open set and then asks [`plan`] for the edits that turn the open set into
//! the result, so the import goes through the history as one `Edit::Batch`; [`plan`] only
//! adds (an annotation already in the set is skipped).
//!
//! [`merge_import`] combines instead: the file is read as a set of its own and merged into
//! the current set by id ([`union_by_id`]), so re-importing a teammate's export of a shared
//! set updates it: new items are added, identical ones change nothing, and an item whose
//! fields differ is merged field by field, each difference a recorded conflict (there is no
//! common base to say which side changed it).
//!
//! ```text
//! current: a1 note "check"   a2            file: a1 note "checked"   a3
//! merged:  a1 + Conflict { Note, ours: "check", theirs: "checked" }, a2, a3 (added)
//! ```

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::{ExportError, ImportSummary, import_w3c};
use crate::model::merge::{MergeReport, Side, union_by_id};
use crate::model::{
    AnchorStatus, Annotation, AnnotationId, AnnotationSet, Document, Edit, Evidence, EvidenceId,
    anchor_set,
};

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
/// Imported annotations whose quote was not found (and the file gave no position) are
/// added as orphans with their quote, never left out.
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
    let mut changed = Vec::new();
    for annotation in &after.annotations {
        match before.annotation(annotation.id) {
            None => {
                result.edits.push(Edit::AddAnnotation(annotation.clone()));
                result.added += 1;
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
        result.edits.push(Edit::AddLink(link.clone()));
    }
    result
}

/// An import merged into the current set.
#[derive(Debug, Clone)]
pub struct ImportMerge {
    /// The current set with the import merged in, conflicts recorded in it.
    pub set: AnnotationSet,
    /// What the merge found: the conflicts it recorded, by id.
    pub report: MergeReport,
    /// Imported annotations new to the set.
    pub added: usize,
    /// Imported annotations already in the set whose fields differ (merged, or conflicts).
    pub updated: usize,
    /// Imported annotations already in the set exactly as imported.
    pub unchanged: usize,
    /// Evidence items new to the set.
    pub evidence_added: usize,
    /// Links new to the set.
    pub links_added: usize,
    /// Imported annotations (and their links) left out, with why.
    pub left_out: Vec<String>,
}

/// Read W3C annotations from `json` as a set of their own (the current set's title, source
/// and tags, no items), anchor both on `doc` and merge the import into the current set
/// with [`merge_import`]. `current.by` and `from` name the two sides in conflicts.
pub fn import_w3c_merging(
    json: &str,
    doc: &Document,
    current: Side<'_>,
    from: &str,
    now: DateTime<Utc>,
) -> Result<(ImportSummary, ImportMerge), ExportError> {
    // Both sides anchored against the same document fingerprint, so an unchanged
    // annotation has the same place and status on both.
    let mut ours = current.set.clone();
    anchor_set(&mut ours, doc);
    let mut imported = ours.clone();
    imported.annotations.clear();
    imported.evidence.clear();
    imported.links.clear();
    imported.conflicts.clear();
    let summary = import_w3c(json, doc, &mut imported, now)?;
    let merged = merge_import(
        Side {
            set: &ours,
            by: current.by,
        },
        Side {
            set: &imported,
            by: from,
        },
    );
    Ok((summary, merged))
}

/// Merge an imported set into the current one by id: new items added, identical ones
/// unchanged, differing fields merged with a conflict recorded for each difference (never
/// settled silently, never dropped). The import's set details (title, source, review) do
/// not apply; an imported annotation without a place keeps the current one's, or is left
/// out when new. Times alone differing is no change. Pure; the result keeps `current`'s
/// revision and its `modified` unless something changed.
pub fn merge_import(current: Side<'_>, imported: Side<'_>) -> ImportMerge {
    let ours = current.set;
    let annotations: HashMap<AnnotationId, &Annotation> =
        ours.annotations.iter().map(|a| (a.id, a)).collect();
    let evidence: HashMap<EvidenceId, &Evidence> =
        ours.evidence.iter().map(|e| (e.id, e)).collect();
    let mut theirs = imported.set.clone();
    let left_out = Vec::new();
    for annotation in &mut theirs.annotations {
        let placed = annotation.position.char_start < annotation.position.char_end;
        match annotations.get(&annotation.id) {
            Some(old) => {
                if !placed {
                    annotation.position = old.position;
                    annotation.quote = old.quote.clone();
                    annotation.status = old.status;
                }
                let mut same_times = annotation.clone();
                same_times.created = old.created;
                same_times.modified = old.modified;
                if same_times == **old {
                    *annotation = same_times;
                }
            }
            None if placed => {}
            // Its text is not in the document and the file gives no place: kept as an
            // orphan with its quote (listed for review, searched again at every anchoring),
            // never dropped.
            None => annotation.status = AnchorStatus::Orphaned,
        }
    }
    for item in &mut theirs.evidence {
        if let Some(old) = evidence.get(&item.id) {
            let mut same_time = item.clone();
            same_time.created = old.created;
            if same_time == **old {
                *item = same_time;
            }
        }
    }
    // The import brings items, not set details: those stay the current set's.
    theirs.version = ours.version;
    theirs.generator = ours.generator.clone();
    theirs.source = ours.source.clone();
    theirs.title = ours.title.clone();
    theirs.review = ours.review.clone();
    theirs.created = ours.created;
    theirs.modified = ours.modified;
    theirs.conflicts.clear();
    let (mut set, report) = union_by_id(
        current,
        Side {
            set: &theirs,
            by: imported.by,
        },
    );
    let mut before = ours.clone();
    before.normalize();
    if set != before {
        set.modified = ours.modified.max(imported.set.modified);
    }
    let merged: HashMap<AnnotationId, &Annotation> =
        set.annotations.iter().map(|a| (a.id, a)).collect();
    let (mut added, mut updated, mut unchanged) = (0, 0, 0);
    for annotation in &theirs.annotations {
        match (annotations.get(&annotation.id), merged.get(&annotation.id)) {
            (None, _) => added += 1,
            (Some(old), Some(new)) if old == new && !conflicted(&report, &set, annotation.id) => {
                unchanged += 1;
            }
            (Some(_), _) => updated += 1,
        }
    }
    let evidence_added = theirs
        .evidence
        .iter()
        .filter(|e| !evidence.contains_key(&e.id))
        .count();
    let links: HashSet<&crate::model::Link> = ours.links.iter().collect();
    let links_added = set.links.iter().filter(|l| !links.contains(l)).count();
    ImportMerge {
        set,
        report,
        added,
        updated,
        unchanged,
        evidence_added,
        links_added,
        left_out,
    }
}

/// Did the merge record a conflict about this annotation?
fn conflicted(report: &MergeReport, set: &AnnotationSet, id: AnnotationId) -> bool {
    set.conflicts.iter().any(|c| {
        report.new_conflicts.contains(&c.id)
            && c.item == crate::model::merge::ConflictItem::Annotation(id)
    })
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
            author: String::new(),
            snapshot: None,
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
    fn reanchored_existing_annotations_are_replaced_and_unplaceable_ones_kept_as_orphans() {
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
        assert_eq!(plan.added, 1, "the unplaceable one is added as an orphan");
        assert_eq!(plan.reanchored, 1, "the fuzzy claim is exact again");
        assert!(plan.left_out.is_empty(), "{:?}", plan.left_out);
        let mut applied = before.clone();
        let inverse = apply(&mut applied, Edit::Batch(plan.edits), at(4)).expect("plan applies");
        let claim = applied.annotation(stale.id).expect("kept");
        assert_eq!(claim.status, AnchorStatus::Exact);
        assert_eq!(claim.modified, stale.modified);
        let orphan = applied
            .annotations
            .iter()
            .find(|a| a.id != stale.id)
            .expect("the orphan is kept");
        assert_eq!(orphan.status, AnchorStatus::Orphaned);
        assert_eq!(orphan.quote.exact, "nowhere in the text");
        // Undo takes it away again, and redo brings it back: an orphan is a valid edit.
        let redo = apply(&mut applied, inverse, at(5)).expect("undo applies");
        assert_eq!(applied.annotations.len(), 1);
        apply(&mut applied, redo, at(6)).expect("redo applies");
        assert_eq!(applied.annotations.len(), 2);
    }

    fn side<'a>(set: &'a AnnotationSet, by: &'a str) -> Side<'a> {
        Side { set, by }
    }

    #[test]
    fn merging_an_import_adds_new_items_keeps_identical_ones_and_records_differences() {
        let doc = Document::new(TEXT);
        let json = exported(&doc);
        let empty = AnnotationSet::new(&doc, "doc.txt", "mine", at(0));
        let (_, first) = import_w3c_merging(&json, &doc, side(&empty, "me"), "w3c.jsonld", at(3))
            .expect("imports");
        assert_eq!((first.added, first.updated, first.unchanged), (2, 0, 0));
        assert_eq!((first.evidence_added, first.links_added), (1, 1));
        assert!(first.report.is_clean());
        let current = first.set;

        // The same file again, later: nothing changes, not even the set's time.
        let (_, again) = import_w3c_merging(&json, &doc, side(&current, "me"), "w3c.jsonld", at(9))
            .expect("imports");
        assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 2));
        assert_eq!(again.set, current);
        assert_eq!(again.set.modified, current.modified);

        // A teammate's version: one note differs (and its time), one annotation is new.
        let mut teammate = current.clone();
        let changed = teammate.annotations.first().map(|a| a.id).expect("one");
        if let Some(a) = teammate.annotations.first_mut() {
            a.note = "theirs".to_owned();
            a.modified = at(20);
        }
        let added = Annotation::new(&doc, 0..10, TAG_CLAIM, "bea", at(20));
        teammate.annotations.push(added.clone());
        let merged = merge_import(side(&current, "me"), side(&teammate, "bea"));
        assert_eq!((merged.added, merged.updated, merged.unchanged), (1, 1, 1));
        assert_eq!(merged.report.new_conflicts.len(), 1);
        let conflict = merged.set.conflicts.first().expect("recorded");
        assert_eq!(
            conflict.item,
            crate::model::merge::ConflictItem::Annotation(changed)
        );
        assert_eq!(conflict.field, crate::model::merge::ConflictField::Note);
        assert_eq!(conflict.theirs.shown(), "theirs");
        assert!(merged.set.annotation(added.id).is_some());
    }
}
