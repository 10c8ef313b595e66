//! Merging annotation sets by id, field by field: three-way (with the common base both
//! sides started from) and two-way union (no common base).
//!
//! Changes to different items or to different fields of one item combine. The same field
//! changed two ways, or an item deleted on one side and changed on the other, is a
//! [`Conflict`]: recorded in the merged set with both values, who changed each and when,
//! and never settled by picking one. While a field conflict is open the item keeps the
//! value both sides last agreed on (the base), so neither side silently wins; an item
//! deleted on one side and changed on the other is kept. Conflicts are part of the set, so
//! a later merge carries unresolved ones along (and drops those a side resolved).
//!
//! ```text
//! base:   note "check"          ours: note "checked: true"     theirs: verdict False
//! merged: note "checked: true", verdict False                  (different fields combine)
//!
//! base:   verdict Unreviewed    ours: verdict True              theirs: verdict False
//! merged: verdict Unreviewed + Conflict { field: Verdict, ours: "True", theirs: "False" }
//! ```

mod workflow;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::Serialize;

pub use crate::model::conflict::{Conflict, ConflictField, ConflictItem, ConflictSide};

use crate::model::set::{
    Annotation, AnnotationId, AnnotationSet, Evidence, EvidenceId, Link, ReviewInfo, SourceRef,
    TagDef,
};

/// One side of a merge: a set and who made it.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// The set.
    pub set: &'a AnnotationSet,
    /// Who made it (recorded in conflicts).
    pub by: &'a str,
}

/// What a merge did besides combining.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Conflicts found by this merge (ids), in the order of the set's conflict list.
    pub new_conflicts: Vec<String>,
    /// Annotations of two reviewers over the same span with the same tag, folded into one
    /// (two-way union only): (kept, folded into it).
    pub folded: Vec<(AnnotationId, AnnotationId)>,
}

impl MergeReport {
    /// Did the merge end without new conflicts?
    pub fn is_clean(&self) -> bool {
        self.new_conflicts.is_empty()
    }
}

/// Three-way merge: `base` is what both sides started from.
pub fn merge(
    base: &AnnotationSet,
    ours: Side<'_>,
    theirs: Side<'_>,
) -> (AnnotationSet, MergeReport) {
    Merger::new(ours, theirs).run(Some(base))
}

/// Two-way union by id only: like [`union`], but annotations with different ids stay
/// apart even over the same span with the same tag (an import adds what it brings).
pub fn union_by_id(ours: Side<'_>, theirs: Side<'_>) -> (AnnotationSet, MergeReport) {
    Merger::new(ours, theirs).run(None)
}

/// Did `set` grow out of `base`: is base's revision the set's own or one of its ancestors?
/// Then `base` is a common base for a three-way [`merge`] with `set`; otherwise only a
/// [`union`] is honest. A set without a revision (never saved) descends from nothing.
pub fn descends_from(set: &AnnotationSet, base: &AnnotationSet) -> bool {
    match (&set.revision, &base.revision) {
        (Some(revision), Some(base)) => revision.includes(&base.id),
        _ => false,
    }
}

/// Two-way union of sets with no common base: every item of both; the same item changed
/// differently is a conflict; the same span with the same tag from both is folded into
/// one annotation and reported.
pub fn union(ours: Side<'_>, theirs: Side<'_>) -> (AnnotationSet, MergeReport) {
    let (mut merged, mut report) = union_by_id(ours, theirs);
    fold_same_spans(&mut merged, ours, theirs, &mut report);
    (merged, report)
}

struct Merger<'a> {
    ours: Side<'a>,
    theirs: Side<'a>,
    conflicts: Vec<Conflict>,
}

/// Both sides' versions of one item, and the base's.
struct Versions<'a, T> {
    base: Option<&'a T>,
    ours: Option<&'a T>,
    theirs: Option<&'a T>,
}

impl<'a> Merger<'a> {
    fn new(ours: Side<'a>, theirs: Side<'a>) -> Self {
        Self {
            ours,
            theirs,
            conflicts: Vec::new(),
        }
    }

    fn run(mut self, base: Option<&AnnotationSet>) -> (AnnotationSet, MergeReport) {
        let (ours, theirs) = (self.ours.set, self.theirs.set);
        let mut merged = ours.clone();
        merged.created = ours.created.min(theirs.created);
        merged.modified = ours.modified.max(theirs.modified);
        merged.version = ours.version.max(theirs.version);

        let base_title = base.map(|b| &b.title);
        merged.title = self.field(
            ConflictItem::Set,
            ConflictField::Title,
            base_title,
            &ours.title,
            &theirs.title,
            None,
        );
        merged.source = self.field::<SourceRef>(
            ConflictItem::Set,
            ConflictField::Source,
            base.map(|b| &b.source),
            &ours.source,
            &theirs.source,
            None,
        );
        merged.review = self.field::<ReviewInfo>(
            ConflictItem::Set,
            ConflictField::Review,
            base.map(|b| &b.review),
            &ours.review,
            &theirs.review,
            None,
        );
        merged.rating_scale = self.field(
            ConflictItem::Set,
            ConflictField::RatingScale,
            base.map(|b| &b.rating_scale),
            &ours.rating_scale,
            &theirs.rating_scale,
            None,
        );

        merged.tags = self.tags(base);
        merged.evidence = self.evidence(base);
        merged.annotations = self.annotations(base);
        merged.links = self.links(base);
        self.keep_linked_items(base, &mut merged);

        let report = MergeReport {
            new_conflicts: self.conflicts.iter().map(|c| c.id.clone()).collect(),
            folded: Vec::new(),
        };
        merged.conflicts = carry_conflicts(base, ours, theirs, self.conflicts);
        merged.normalize();
        (merged, report)
    }

    /// Three-way choice of one item: `None` where it is gone. An item deleted on one side
    /// and changed on the other is kept (the changed version) with an existence conflict.
    fn item<T: Clone + PartialEq + Serialize>(
        &mut self,
        item: ConflictItem,
        versions: &Versions<'_, T>,
        at: impl Fn(&T) -> Option<DateTime<Utc>>,
        fields: impl FnOnce(&mut Self, Option<&T>, &T, &T) -> T,
    ) -> Option<T> {
        let (base, ours, theirs) = (versions.base, versions.ours, versions.theirs);
        match (ours, theirs) {
            (None, None) => None,
            (Some(o), Some(t)) if o == t => Some(o.clone()),
            (Some(o), Some(t)) => Some(fields(self, base, o, t)),
            (Some(kept), None) | (None, Some(kept)) => {
                let Some(base) = base else {
                    return Some(kept.clone()); // added on one side
                };
                if kept == base {
                    return None; // deleted on one side, untouched on the other
                }
                let ours_kept = ours.is_some();
                let value = Some(ron_text(kept));
                let kept_side = ConflictSide {
                    value,
                    by: String::new(),
                    at: at(kept).unwrap_or(self.side_time(ours_kept)),
                };
                let gone_side = ConflictSide {
                    value: None,
                    by: String::new(),
                    at: self.side_time(!ours_kept),
                };
                let (o, t) = if ours_kept {
                    (kept_side, gone_side)
                } else {
                    (gone_side, kept_side)
                };
                self.push(item, ConflictField::Existence, o, t);
                Some(kept.clone())
            }
        }
    }

    /// Three-way choice of one field. Where both sides changed it differently, keep the
    /// base's value (or, with no base, the smaller in RON text, so the result does not
    /// depend on which side is "ours") and record the conflict.
    fn field<T: Clone + PartialEq + Serialize>(
        &mut self,
        item: ConflictItem,
        field: ConflictField,
        base: Option<&T>,
        ours: &T,
        theirs: &T,
        at: Option<(DateTime<Utc>, DateTime<Utc>)>,
    ) -> T {
        if ours == theirs {
            return ours.clone();
        }
        match base {
            Some(base) if ours == base => return theirs.clone(),
            Some(base) if theirs == base => return ours.clone(),
            _ => {}
        }
        let (ours_text, theirs_text) = (ron_text(ours), ron_text(theirs));
        let (ours_at, theirs_at) = at.unwrap_or((self.side_time(true), self.side_time(false)));
        let kept = match base {
            Some(base) => base.clone(),
            None if ours_text <= theirs_text => ours.clone(),
            None => theirs.clone(),
        };
        self.push(
            item,
            field,
            ConflictSide {
                value: Some(ours_text),
                by: String::new(),
                at: ours_at,
            },
            ConflictSide {
                value: Some(theirs_text),
                by: String::new(),
                at: theirs_at,
            },
        );
        kept
    }

    fn push(
        &mut self,
        item: ConflictItem,
        field: ConflictField,
        mut ours: ConflictSide,
        mut theirs: ConflictSide,
    ) {
        ours.by = self.ours.by.to_owned();
        theirs.by = self.theirs.by.to_owned();
        let id = Conflict::id_for(&item, field);
        self.conflicts.retain(|c| c.id != id);
        self.conflicts.push(Conflict {
            id,
            item,
            field,
            ours,
            theirs,
        });
    }

    fn side_time(&self, ours: bool) -> DateTime<Utc> {
        if ours {
            self.ours.set.modified
        } else {
            self.theirs.set.modified
        }
    }

    fn tags(&mut self, base: Option<&AnnotationSet>) -> Vec<TagDef> {
        let (ours, theirs) = (self.ours.set, self.theirs.set);
        // Tags keep their order (the built-ins first): the base's, then new ones by name.
        let mut names: Vec<String> = base.map_or_else(Vec::new, |b| {
            b.tags.iter().map(|t| t.name.clone()).collect()
        });
        if base.is_none() {
            names.extend(ours.tags.iter().map(|t| t.name.clone()));
        }
        let new: BTreeSet<String> = ours
            .tags
            .iter()
            .chain(&theirs.tags)
            .map(|t| t.name.clone())
            .filter(|name| !names.contains(name))
            .collect();
        names.extend(new);
        let mut tags = Vec::new();
        for name in names {
            let find = |set: &'a AnnotationSet| set.tags.iter().find(|t| t.name == name);
            let versions = Versions {
                base: base.and_then(|b| b.tags.iter().find(|t| t.name == name)),
                ours: find(ours),
                theirs: find(theirs),
            };
            let item = ConflictItem::Tag(name.clone());
            let merged = self.item(
                item.clone(),
                &versions,
                |_| None,
                |m, b, o, t| TagDef {
                    name: o.name.clone(),
                    color: m.field(
                        item.clone(),
                        ConflictField::Color,
                        b.map(|b| &b.color),
                        &o.color,
                        &t.color,
                        None,
                    ),
                    key: m.field(
                        item.clone(),
                        ConflictField::Key,
                        b.map(|b| &b.key),
                        &o.key,
                        &t.key,
                        None,
                    ),
                },
            );
            tags.extend(merged);
        }
        tags
    }

    fn evidence(&mut self, base: Option<&AnnotationSet>) -> Vec<Evidence> {
        let (ours, theirs) = (self.ours.set, self.theirs.set);
        let ids = ordered_keys(
            base.map(|b| &b.evidence),
            &ours.evidence,
            &theirs.evidence,
            |e| e.id,
        );
        let mut evidence = Vec::new();
        for id in ids {
            let versions = Versions {
                base: base.and_then(|b| b.evidence_item(id)),
                ours: ours.evidence_item(id),
                theirs: theirs.evidence_item(id),
            };
            let item = ConflictItem::Evidence(id);
            let merged = self.item(
                item.clone(),
                &versions,
                |_| None,
                |m, b, o, t| {
                    let field = |m: &mut Self, field, get: fn(&Evidence) -> String| {
                        m.field(
                            item.clone(),
                            field,
                            b.map(get).as_ref(),
                            &get(o),
                            &get(t),
                            None,
                        )
                    };
                    let title = field(m, ConflictField::Title, |e| e.title.clone());
                    let note = field(m, ConflictField::Note, |e| e.note.clone());
                    Evidence {
                        id,
                        kind: m.field(
                            item.clone(),
                            ConflictField::Kind,
                            b.map(|b| &b.kind),
                            &o.kind,
                            &t.kind,
                            None,
                        ),
                        title,
                        accessed: m.field(
                            item.clone(),
                            ConflictField::Accessed,
                            b.map(|b| &b.accessed),
                            &o.accessed,
                            &t.accessed,
                            None,
                        ),
                        note,
                        created: o.created.min(t.created),
                        author: m.field(
                            item.clone(),
                            ConflictField::Author,
                            b.map(|b| &b.author),
                            &o.author,
                            &t.author,
                            None,
                        ),
                        snapshot: m.field(
                            item.clone(),
                            ConflictField::Snapshot,
                            b.map(|b| &b.snapshot),
                            &o.snapshot,
                            &t.snapshot,
                            None,
                        ),
                    }
                },
            );
            evidence.extend(merged);
        }
        evidence
    }

    fn annotations(&mut self, base: Option<&AnnotationSet>) -> Vec<Annotation> {
        let (ours, theirs) = (self.ours.set, self.theirs.set);
        let ids = ordered_keys(
            base.map(|b| &b.annotations),
            &ours.annotations,
            &theirs.annotations,
            |a| a.id,
        );
        let mut annotations = Vec::new();
        for id in ids {
            let versions = Versions {
                base: base.and_then(|b| b.annotation(id)),
                ours: ours.annotation(id),
                theirs: theirs.annotation(id),
            };
            let merged = self.item(
                ConflictItem::Annotation(id),
                &versions,
                |a| Some(a.modified),
                |m, b, o, t| m.annotation_fields(b, o, t),
            );
            annotations.extend(merged);
        }
        annotations
    }

    fn annotation_fields(
        &mut self,
        base: Option<&Annotation>,
        ours: &Annotation,
        theirs: &Annotation,
    ) -> Annotation {
        let item = ConflictItem::Annotation(ours.id);
        let at = Some((ours.modified, theirs.modified));
        let anchor = |a: &Annotation| (a.position, a.quote.clone(), a.status);
        let verdict = self.field(
            item.clone(),
            ConflictField::Verdict,
            base.map(|b| &b.verdict),
            &ours.verdict,
            &theirs.verdict,
            at,
        );
        let (position, quote, status) = self.field(
            item.clone(),
            ConflictField::Anchor,
            base.map(anchor).as_ref(),
            &anchor(ours),
            &anchor(theirs),
            at,
        );
        Annotation {
            id: ours.id,
            tag: self.field(
                item.clone(),
                ConflictField::Tag,
                base.map(|b| &b.tag),
                &ours.tag,
                &theirs.tag,
                at,
            ),
            position,
            quote,
            note: self.field(
                item.clone(),
                ConflictField::Note,
                base.map(|b| &b.note),
                &ours.note,
                &theirs.note,
                at,
            ),
            author: self.field(
                item.clone(),
                ConflictField::Author,
                base.map(|b| &b.author),
                &ours.author,
                &theirs.author,
                at,
            ),
            created: ours.created.min(theirs.created),
            modified: ours.modified.max(theirs.modified),
            status,
            verdict,
            workflow: self.workflow_fields(ours.id, base, ours, theirs, verdict),
        }
    }

    fn links(&mut self, base: Option<&AnnotationSet>) -> Vec<Link> {
        let (ours, theirs) = (self.ours.set, self.theirs.set);
        let keys = ordered_keys(base.map(|b| &b.links), &ours.links, &theirs.links, link_key);
        let mut links = Vec::new();
        for key in keys {
            let find = |set: &'a AnnotationSet| set.links.iter().find(|l| link_key(l) == key);
            let versions = Versions {
                base: base.and_then(|b| b.links.iter().find(|l| link_key(l) == key)),
                ours: find(ours),
                theirs: find(theirs),
            };
            let item = match &key {
                LinkKey::Evidence(annotation, evidence) => ConflictItem::EvidenceLink {
                    annotation: *annotation,
                    evidence: *evidence,
                },
                LinkKey::SaidBy(annotation, _) => ConflictItem::Annotation(*annotation),
            };
            let merged = self.item(
                item.clone(),
                &versions,
                |_| None,
                |m, b, o, t| match (o, t) {
                    (
                        Link::Evidence {
                            annotation,
                            evidence,
                            stance: ours_stance,
                        },
                        Link::Evidence {
                            stance: theirs_stance,
                            ..
                        },
                    ) => {
                        let base_stance = match b {
                            Some(Link::Evidence { stance, .. }) => Some(stance),
                            _ => None,
                        };
                        Link::Evidence {
                            annotation: *annotation,
                            evidence: *evidence,
                            stance: m.field(
                                item.clone(),
                                ConflictField::Stance,
                                base_stance,
                                ours_stance,
                                theirs_stance,
                                None,
                            ),
                        }
                    }
                    _ => o.clone(),
                },
            );
            links.extend(merged);
        }
        links
    }

    /// A link added on one side to an item the other side deleted would dangle: keep the
    /// item (from whichever side still has it) and record that it was deleted.
    fn keep_linked_items(&mut self, base: Option<&AnnotationSet>, merged: &mut AnnotationSet) {
        let (ours, theirs) = (self.ours.set, self.theirs.set);
        let annotation_ids: BTreeSet<AnnotationId> =
            merged.annotations.iter().map(|a| a.id).collect();
        let evidence_ids: BTreeSet<EvidenceId> = merged.evidence.iter().map(|e| e.id).collect();
        let mut missing_annotations = BTreeSet::new();
        let mut missing_evidence = BTreeSet::new();
        for link in &merged.links {
            match link {
                Link::Evidence {
                    annotation,
                    evidence,
                    ..
                } => {
                    if !annotation_ids.contains(annotation) {
                        missing_annotations.insert(*annotation);
                    }
                    if !evidence_ids.contains(evidence) {
                        missing_evidence.insert(*evidence);
                    }
                }
                Link::SaidBy {
                    annotation,
                    attribution,
                } => {
                    for id in [annotation, attribution] {
                        if !annotation_ids.contains(id) {
                            missing_annotations.insert(*id);
                        }
                    }
                }
            }
        }
        for id in missing_annotations {
            let found = [Some(ours), Some(theirs), base]
                .into_iter()
                .flatten()
                .find_map(|set| set.annotation(id));
            if let Some(annotation) = found {
                let deleted_by_ours = ours.annotation(id).is_none();
                self.record_deleted_but_linked(
                    ConflictItem::Annotation(id),
                    ron_text(annotation),
                    deleted_by_ours,
                );
                merged.annotations.push(annotation.clone());
            }
        }
        for id in missing_evidence {
            let found = [Some(ours), Some(theirs), base]
                .into_iter()
                .flatten()
                .find_map(|set| set.evidence_item(id));
            if let Some(evidence) = found {
                let deleted_by_ours = ours.evidence_item(id).is_none();
                self.record_deleted_but_linked(
                    ConflictItem::Evidence(id),
                    ron_text(evidence),
                    deleted_by_ours,
                );
                merged.evidence.push(evidence.clone());
            }
        }
        // Whatever still dangles had no version anywhere: it was never there to keep.
        let annotation_ids: BTreeSet<AnnotationId> =
            merged.annotations.iter().map(|a| a.id).collect();
        let evidence_ids: BTreeSet<EvidenceId> = merged.evidence.iter().map(|e| e.id).collect();
        merged.links.retain(|link| match link {
            Link::Evidence {
                annotation,
                evidence,
                ..
            } => annotation_ids.contains(annotation) && evidence_ids.contains(evidence),
            Link::SaidBy {
                annotation,
                attribution,
            } => annotation_ids.contains(annotation) && annotation_ids.contains(attribution),
        });
    }

    fn record_deleted_but_linked(&mut self, item: ConflictItem, value: String, by_ours: bool) {
        let kept = ConflictSide {
            value: Some(value),
            by: String::new(),
            at: self.side_time(!by_ours),
        };
        let gone = ConflictSide {
            value: None,
            by: String::new(),
            at: self.side_time(by_ours),
        };
        let (o, t) = if by_ours { (gone, kept) } else { (kept, gone) };
        self.push(item, ConflictField::Existence, o, t);
    }
}

/// How a link is identified across versions: an evidence link by its two ends (its stance
/// is a field), a "said by" link by both ends.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum LinkKey {
    Evidence(AnnotationId, EvidenceId),
    SaidBy(AnnotationId, AnnotationId),
}

fn link_key(link: &Link) -> LinkKey {
    match link {
        Link::Evidence {
            annotation,
            evidence,
            ..
        } => LinkKey::Evidence(*annotation, *evidence),
        Link::SaidBy {
            annotation,
            attribution,
        } => LinkKey::SaidBy(*annotation, *attribution),
    }
}

/// Every key in any of the three lists, once, in sorted order (deterministic output).
fn ordered_keys<T, K: Ord>(
    base: Option<&Vec<T>>,
    ours: &[T],
    theirs: &[T],
    key: impl Fn(&T) -> K,
) -> Vec<K> {
    let mut keys = BTreeSet::new();
    for item in base.into_iter().flatten().chain(ours).chain(theirs) {
        keys.insert(key(item));
    }
    keys.into_iter().collect()
}

/// Conflicts that were already in the sets: kept unless a side resolved (removed) one
/// the base had; then this merge's new ones replace any with the same id.
fn carry_conflicts(
    base: Option<&AnnotationSet>,
    ours: &AnnotationSet,
    theirs: &AnnotationSet,
    new: Vec<Conflict>,
) -> Vec<Conflict> {
    let in_base = |id: &str| base.is_some_and(|b| b.conflicts.iter().any(|c| c.id == id));
    let has = |set: &AnnotationSet, id: &str| set.conflicts.iter().any(|c| c.id == id);
    let mut kept: BTreeMap<String, Conflict> = BTreeMap::new();
    for conflict in ours.conflicts.iter().chain(&theirs.conflicts) {
        let resolved_by_a_side =
            in_base(&conflict.id) && (!has(ours, &conflict.id) || !has(theirs, &conflict.id));
        if !resolved_by_a_side {
            kept.entry(conflict.id.clone())
                .or_insert_with(|| conflict.clone());
        }
    }
    for conflict in new {
        kept.insert(conflict.id.clone(), conflict);
    }
    kept.into_values().collect()
}

/// Two-way union only: annotations over the same span with the same tag, one from each
/// side, become one (ours is kept; links to theirs are moved to it).
fn fold_same_spans(
    merged: &mut AnnotationSet,
    ours: Side<'_>,
    theirs: Side<'_>,
    report: &mut MergeReport,
) {
    let mut first_of_span: BTreeMap<(usize, usize, String), AnnotationId> = BTreeMap::new();
    for annotation in &ours.set.annotations {
        let key = (
            annotation.position.char_start,
            annotation.position.char_end,
            annotation.tag.clone(),
        );
        first_of_span.entry(key).or_insert(annotation.id);
    }
    let mut folded: BTreeMap<AnnotationId, AnnotationId> = BTreeMap::new();
    for annotation in &theirs.set.annotations {
        if ours.set.annotation(annotation.id).is_some() {
            continue; // the same annotation on both sides was merged by id
        }
        let key = (
            annotation.position.char_start,
            annotation.position.char_end,
            annotation.tag.clone(),
        );
        if let Some(kept) = first_of_span.get(&key) {
            folded.insert(annotation.id, *kept);
        }
    }
    if folded.is_empty() {
        return;
    }
    let mut merger = Merger::new(ours, theirs);
    for (gone, kept) in &folded {
        let (Some(o), Some(t)) = (ours.set.annotation(*kept), theirs.set.annotation(*gone)) else {
            continue;
        };
        let item = ConflictItem::Annotation(*kept);
        let at = Some((o.modified, t.modified));
        let note = merger.field(
            item.clone(),
            ConflictField::Note,
            None,
            &o.note,
            &t.note,
            at,
        );
        let verdict = merger.field(
            item,
            ConflictField::Verdict,
            None,
            &o.verdict,
            &t.verdict,
            at,
        );
        let workflow = merger.workflow_fields(*kept, None, o, t, verdict);
        if let Some(target) = merged.annotations.iter_mut().find(|a| a.id == *kept) {
            target.note = note;
            target.verdict = verdict;
            target.workflow = workflow;
            target.modified = o.modified.max(t.modified);
        }
        report.folded.push((*kept, *gone));
    }
    merged.annotations.retain(|a| !folded.contains_key(&a.id));
    for link in &mut merged.links {
        match link {
            Link::Evidence { annotation, .. } => {
                if let Some(kept) = folded.get(annotation) {
                    *annotation = *kept;
                }
            }
            Link::SaidBy {
                annotation,
                attribution,
            } => {
                for id in [annotation, attribution] {
                    if let Some(kept) = folded.get(id) {
                        *id = *kept;
                    }
                }
            }
        }
    }
    for conflict in merger.conflicts {
        report.new_conflicts.push(conflict.id.clone());
        merged.conflicts.retain(|c| c.id != conflict.id);
        merged.conflicts.push(conflict);
    }
    merged.conflicts.sort_by(|a, b| a.id.cmp(&b.id));
    merged.normalize();
}

/// A value in compact RON, as conflicts record it. Serializing our own plain types cannot
/// fail; should it, the debug text stands in rather than losing the value.
fn ron_text<T: Serialize>(value: &T) -> String {
    ron::to_string(value).unwrap_or_else(|err| format!("<unserializable: {err}>"))
}
