//! Every change to an annotation set is an [`Edit`], applied by [`apply`], which returns the
//! inverse edit. Undo, redo, the command line and tests all go through this one door.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::tag_key::{TagKeyError, tag_key};
use crate::model::workflow::{
    ClaimState, Comment, CommentId, HistoryEntry, Stamp, WorkflowError, check_state_change,
    is_locked,
};

use crate::model::set::{
    AnchorStatus, Annotation, AnnotationId, AnnotationSet, Evidence, EvidenceId, Link, ReviewInfo,
    TAG_ATTRIBUTION, TagDef, TextPosition, TextQuote, Verdict,
};

/// One change to a set. Applying it returns its inverse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// Add a new annotation (its id must be unused).
    AddAnnotation(Annotation),
    /// Delete an annotation and every link that mentions it.
    DeleteAnnotation(AnnotationId),
    /// Put back a deleted annotation with its links (the inverse of a delete).
    RestoreAnnotation {
        /// The annotation as it was.
        annotation: Annotation,
        /// Its links as they were.
        links: Vec<Link>,
    },
    /// Change an annotation's tag.
    SetTag {
        /// Which annotation.
        id: AnnotationId,
        /// New tag name (must be defined).
        tag: String,
    },
    /// Change an annotation's note.
    SetNote {
        /// Which annotation.
        id: AnnotationId,
        /// New note.
        note: String,
    },
    /// Change a claim's verdict.
    SetVerdict {
        /// Which annotation.
        id: AnnotationId,
        /// New verdict.
        verdict: Verdict,
    },
    /// Place an annotation somewhere (accepting a re-anchor or re-attaching an orphan).
    SetAnchor {
        /// Which annotation.
        id: AnnotationId,
        /// New position.
        position: TextPosition,
        /// New quote selector.
        quote: TextQuote,
        /// New status.
        status: AnchorStatus,
    },
    /// Replace an annotation wholesale, times included (used by inverses).
    ReplaceAnnotation(Annotation),
    /// Add evidence (its id must be unused).
    AddEvidence(Evidence),
    /// Replace an evidence item with the same id.
    UpdateEvidence(Evidence),
    /// Delete evidence and its links.
    DeleteEvidence(EvidenceId),
    /// Put back deleted evidence with its links.
    RestoreEvidence {
        /// The evidence as it was.
        evidence: Evidence,
        /// Its links as they were.
        links: Vec<Link>,
    },
    /// Add a link.
    AddLink(Link),
    /// Remove a link.
    RemoveLink(Link),
    /// Put back a removed link as it was (the inverse of [`Edit::RemoveLink`]): only its ends
    /// must exist, since the tags it was checked against may have changed since.
    RestoreLink(Link),
    /// Define a custom tag.
    AddTag(TagDef),
    /// Remove a tag definition no annotation uses.
    RemoveTag(String),
    /// Change the set's title.
    SetTitle(String),
    /// Change the publishing details.
    SetReview(ReviewInfo),
    /// Move a claim to another review state (checked by
    /// [`crate::model::workflow::check_state_change`]); approving records the sign-off.
    SetState {
        /// Which claim.
        id: AnnotationId,
        /// The new state.
        state: ClaimState,
    },
    /// Assign an annotation to a reviewer (empty: to nobody).
    SetAssignee {
        /// Which annotation.
        id: AnnotationId,
        /// The reviewer's name.
        assignee: String,
    },
    /// Add a comment to an annotation's thread (its id must be unused there).
    AddComment {
        /// Which annotation.
        id: AnnotationId,
        /// The comment.
        comment: Comment,
    },
    /// Resolve a comment (`resolved: true`) or reopen it.
    SetCommentResolved {
        /// Which annotation.
        id: AnnotationId,
        /// Which comment.
        comment: CommentId,
        /// Resolve or reopen.
        resolved: bool,
    },
    /// Several edits as one step; applied in order, undone in reverse.
    Batch(Vec<Edit>),
    /// Put another version of the whole set in place (the result of a merge, or of settling
    /// a merge conflict); the inverse puts the old version back. Boxed: sets are large.
    ReplaceContent(Box<AnnotationSet>),
}

/// Why an edit could not be applied. The set is unchanged when this is returned, except
/// after [`EditError::RollbackFailed`] (a bug).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No annotation has this id.
    #[error("no annotation with id {0}")]
    NoAnnotation(AnnotationId),
    /// No evidence has this id.
    #[error("no evidence with id {0}")]
    NoEvidence(EvidenceId),
    /// The id is taken.
    #[error("id {0} is already used in this set")]
    DuplicateId(String),
    /// The tag is not defined.
    #[error("unknown tag {tag:?}; known tags: {known}")]
    UnknownTag {
        /// The tag asked for.
        tag: String,
        /// Names of the defined tags.
        known: String,
    },
    /// The tag name is not allowed or is taken.
    #[error("cannot define tag {name:?}: {reason}")]
    BadTag {
        /// The tag name asked for.
        name: String,
        /// Why it is refused, and what to do.
        reason: &'static str,
    },
    /// The tag's key cannot apply it in the app (see [`tag_key`]).
    #[error("cannot define tag {name:?}: {source}")]
    BadTagKey {
        /// The tag's name.
        name: String,
        /// Why the key is refused.
        source: TagKeyError,
    },
    /// The tag is still used by annotations.
    #[error("tag {0:?} is used by {1} annotation(s); retag or delete them first")]
    TagInUse(String, usize),
    /// The span is empty or reversed.
    #[error("empty or reversed span {char_start}..{char_end} (char offsets)")]
    BadSpan {
        /// First char of the span.
        char_start: usize,
        /// Char after the span.
        char_end: usize,
    },
    /// The link already exists.
    #[error("that link already exists")]
    DuplicateLink,
    /// The link does not exist.
    #[error("no such link")]
    NoLink,
    /// A "said by" link must point at an attribution other than itself.
    #[error("\"said by\" must point from a quote or claim to a different attribution span")]
    BadSaidBy,
    /// A "said by" link already exists for this annotation.
    #[error("annotation {0} is already said by another attribution; unlink it first")]
    AlreadySaidBy(AnnotationId),
    /// A review-workflow rule refuses the change (self-approval, a locked verdict …).
    #[error("{0}")]
    Workflow(#[from] WorkflowError),
    /// A batch failed and undoing its first steps failed too: a bug in factmark. Unlike
    /// every other error, the set may be partly changed; reload it from disk.
    #[error(
        "internal error: a change failed ({cause}) and taking back its first steps failed too \
         ({rollback}); the set may be partly changed, reload it before saving"
    )]
    RollbackFailed {
        /// Why the batch failed.
        cause: Box<EditError>,
        /// Why undoing its applied steps failed.
        rollback: Box<EditError>,
    },
}

/// Apply an edit at time `now`; return the edit that undoes it. On error the set is unchanged
/// (but see [`EditError::RollbackFailed`]). History lines it records name nobody: use
/// [`apply_by`] where the reviewer is known.
pub fn apply(set: &mut AnnotationSet, edit: Edit, now: DateTime<Utc>) -> Result<Edit, EditError> {
    apply_by(set, edit, now, "")
}

/// Apply an edit made by reviewer `by` at time `now`; return the edit that undoes it.
///
/// Field changes of an annotation (tag, note, verdict, state, assignee, anchor) add a line
/// to its history; their inverse puts the whole annotation back, history line included, so
/// an undone change leaves no trace and redo brings the line back.
pub fn apply_by(
    set: &mut AnnotationSet,
    edit: Edit,
    now: DateTime<Utc>,
    by: &str,
) -> Result<Edit, EditError> {
    let stamp = Stamp {
        by: by.trim().to_owned(),
        at: now,
    };
    let inverse = apply_inner(set, edit, &stamp)?;
    set.modified = now;
    Ok(inverse)
}

fn apply_inner(set: &mut AnnotationSet, edit: Edit, stamp: &Stamp) -> Result<Edit, EditError> {
    let now = stamp.at;
    match edit {
        Edit::AddAnnotation(annotation) => {
            check_new_annotation(set, &annotation)?;
            let id = annotation.id;
            set.annotations.push(annotation);
            Ok(Edit::DeleteAnnotation(id))
        }
        Edit::DeleteAnnotation(id) => {
            let index = annotation_index(set, id)?;
            let annotation = set.annotations.remove(index);
            let (links, kept): (Vec<Link>, Vec<Link>) = std::mem::take(&mut set.links)
                .into_iter()
                .partition(|l| l.mentions_annotation(id));
            set.links = kept;
            Ok(Edit::RestoreAnnotation { annotation, links })
        }
        Edit::RestoreAnnotation { annotation, links } => {
            // Put back what was, as it was: an orphan's old position may be empty or past
            // the end of today's text, and that must not make its undo fail.
            if set.annotation(annotation.id).is_some() {
                return Err(EditError::DuplicateId(annotation.id.to_string()));
            }
            check_tag(set, &annotation.tag)?;
            let id = annotation.id;
            set.annotations.push(annotation);
            for link in links {
                if !set.links.contains(&link) && link_ends_exist(set, &link) {
                    set.links.push(link);
                }
            }
            Ok(Edit::DeleteAnnotation(id))
        }
        Edit::SetTag { id, tag } => {
            check_tag(set, &tag)?;
            modify_annotation(set, id, now, |a| {
                record(a, stamp, "tag", &a.tag.clone(), &tag);
                a.tag = tag;
            })
        }
        Edit::SetNote { id, note } => modify_annotation(set, id, now, |a| {
            record(a, stamp, "note", &a.note.clone(), &note);
            a.note = note;
        }),
        Edit::SetVerdict { id, verdict } => {
            let annotation = set.annotation(id).ok_or(EditError::NoAnnotation(id))?;
            if is_locked(annotation) && annotation.verdict != verdict {
                return Err(WorkflowError::Locked { what: "verdict" }.into());
            }
            modify_annotation(set, id, now, |a| {
                if a.verdict != verdict {
                    record(a, stamp, "verdict", a.verdict.name(), verdict.name());
                    a.workflow.verdict_by = Some(stamp.clone());
                }
                a.verdict = verdict;
            })
        }
        Edit::SetState { id, state } => {
            let annotation = set.annotation(id).ok_or(EditError::NoAnnotation(id))?;
            check_state_change(annotation, state, &stamp.by)?;
            modify_annotation(set, id, now, |a| {
                record(a, stamp, "state", a.workflow.state.name(), state.name());
                a.workflow.state = state;
                a.workflow.sign_off = (state == ClaimState::Approved).then(|| stamp.clone());
            })
        }
        Edit::SetAssignee { id, assignee } => {
            let assignee = assignee.trim().to_owned();
            modify_annotation(set, id, now, |a| {
                record(
                    a,
                    stamp,
                    "assignee",
                    &a.workflow.assignee.clone(),
                    &assignee,
                );
                a.workflow.assignee = assignee;
            })
        }
        Edit::AddComment { id, comment } => {
            let annotation = set.annotation(id).ok_or(EditError::NoAnnotation(id))?;
            if comment.text.trim().is_empty() {
                return Err(WorkflowError::EmptyComment.into());
            }
            if annotation.workflow.comment(comment.id).is_some() {
                return Err(EditError::DuplicateId(comment.id.to_string()));
            }
            modify_annotation(set, id, now, |a| a.workflow.comments.push(comment))
        }
        Edit::SetCommentResolved {
            id,
            comment,
            resolved,
        } => {
            let annotation = set.annotation(id).ok_or(EditError::NoAnnotation(id))?;
            let current = annotation
                .workflow
                .comment(comment)
                .ok_or(WorkflowError::NoComment(comment))?;
            match (current.resolved.is_some(), resolved) {
                (true, true) => return Err(WorkflowError::CommentAlready("resolved").into()),
                (false, false) => return Err(WorkflowError::CommentAlready("open").into()),
                _ => {}
            }
            modify_annotation(set, id, now, |a| {
                if let Some(c) = a.workflow.comments.iter_mut().find(|c| c.id == comment) {
                    c.resolved = resolved.then(|| stamp.clone());
                }
            })
        }
        Edit::SetAnchor {
            id,
            position,
            quote,
            status,
        } => {
            if position.char_start >= position.char_end {
                return Err(EditError::BadSpan {
                    char_start: position.char_start,
                    char_end: position.char_end,
                });
            }
            modify_annotation(set, id, now, |a| {
                if a.position != position {
                    let span = |p: TextPosition| format!("{}..{}", p.char_start, p.char_end);
                    record(a, stamp, "anchor", &span(a.position), &span(position));
                }
                a.position = position;
                a.quote = quote;
                a.status = status;
            })
        }
        Edit::ReplaceAnnotation(annotation) => {
            let index = annotation_index(set, annotation.id)?;
            let Some(slot) = set.annotations.get_mut(index) else {
                return Err(EditError::NoAnnotation(annotation.id));
            };
            let old = std::mem::replace(slot, annotation);
            Ok(Edit::ReplaceAnnotation(old))
        }
        Edit::AddEvidence(mut evidence) => {
            if set.evidence_item(evidence.id).is_some() {
                return Err(EditError::DuplicateId(evidence.id.to_string()));
            }
            if evidence.author.trim().is_empty() {
                evidence.author.clone_from(&stamp.by);
            }
            let id = evidence.id;
            set.evidence.push(evidence);
            Ok(Edit::DeleteEvidence(id))
        }
        Edit::UpdateEvidence(evidence) => {
            let Some(slot) = set.evidence.iter_mut().find(|e| e.id == evidence.id) else {
                return Err(EditError::NoEvidence(evidence.id));
            };
            let old = std::mem::replace(slot, evidence);
            Ok(Edit::UpdateEvidence(old))
        }
        Edit::DeleteEvidence(id) => {
            if set
                .links
                .iter()
                .any(|l| l.mentions_evidence(id) && link_is_locked(set, l))
            {
                return Err(WorkflowError::Locked {
                    what: "evidence links",
                }
                .into());
            }
            let Some(index) = set.evidence.iter().position(|e| e.id == id) else {
                return Err(EditError::NoEvidence(id));
            };
            let evidence = set.evidence.remove(index);
            let (links, kept): (Vec<Link>, Vec<Link>) = std::mem::take(&mut set.links)
                .into_iter()
                .partition(|l| l.mentions_evidence(id));
            set.links = kept;
            Ok(Edit::RestoreEvidence { evidence, links })
        }
        Edit::RestoreEvidence { evidence, links } => {
            if set.evidence_item(evidence.id).is_some() {
                return Err(EditError::DuplicateId(evidence.id.to_string()));
            }
            let id = evidence.id;
            set.evidence.push(evidence);
            for link in links {
                if !set.links.contains(&link) && link_ends_exist(set, &link) {
                    set.links.push(link);
                }
            }
            Ok(Edit::DeleteEvidence(id))
        }
        Edit::AddLink(link) => {
            check_link(set, &link)?;
            check_unlocked_link(set, &link)?;
            set.links.push(link.clone());
            Ok(Edit::RemoveLink(link))
        }
        Edit::RemoveLink(link) => {
            let Some(index) = set.links.iter().position(|l| *l == link) else {
                return Err(EditError::NoLink);
            };
            check_unlocked_link(set, &link)?;
            set.links.remove(index);
            Ok(Edit::RestoreLink(link))
        }
        Edit::RestoreLink(link) => {
            if set.links.contains(&link) {
                return Err(EditError::DuplicateLink);
            }
            if !link_ends_exist(set, &link) {
                return Err(EditError::NoLink);
            }
            set.links.push(link.clone());
            Ok(Edit::RemoveLink(link))
        }
        Edit::AddTag(tag) => {
            if !TagDef::is_valid_name(&tag.name) {
                return Err(EditError::BadTag {
                    name: tag.name,
                    reason: "use 1-32 lowercase letters, digits, '-' or '_'",
                });
            }
            if set.tag(&tag.name).is_some() {
                return Err(EditError::BadTag {
                    name: tag.name,
                    reason: "a tag with that name exists",
                });
            }
            let mut tag = tag;
            if let Some(key) = tag.key {
                match tag_key(key, &set.tags) {
                    Ok(key) => tag.key = Some(key),
                    Err(source) => {
                        return Err(EditError::BadTagKey {
                            name: tag.name,
                            source,
                        });
                    }
                }
            }
            let name = tag.name.clone();
            set.tags.push(tag);
            Ok(Edit::RemoveTag(name))
        }
        Edit::RemoveTag(name) => {
            let users = set.annotations.iter().filter(|a| a.tag == name).count();
            if users > 0 {
                return Err(EditError::TagInUse(name, users));
            }
            let Some(index) = set.tags.iter().position(|t| t.name == name) else {
                return Err(EditError::UnknownTag {
                    tag: name,
                    known: set.tag_names(),
                });
            };
            Ok(Edit::AddTag(set.tags.remove(index)))
        }
        Edit::SetTitle(title) => Ok(Edit::SetTitle(std::mem::replace(&mut set.title, title))),
        Edit::SetReview(review) => Ok(Edit::SetReview(std::mem::replace(&mut set.review, review))),
        Edit::Batch(edits) => apply_batch(set, edits, stamp),
        Edit::ReplaceContent(new) => {
            Ok(Edit::ReplaceContent(Box::new(std::mem::replace(set, *new))))
        }
    }
}

fn apply_batch(
    set: &mut AnnotationSet,
    edits: Vec<Edit>,
    stamp: &Stamp,
) -> Result<Edit, EditError> {
    apply_batch_with(set, edits, stamp, apply_inner)
}

/// Apply `edits` in order with `step`; on the first error undo what was applied, in reverse.
/// An inverse that fails to apply is a bug in `step`: it is returned as
/// [`EditError::RollbackFailed`], never dropped, because the set is then not as it was.
fn apply_batch_with(
    set: &mut AnnotationSet,
    edits: Vec<Edit>,
    stamp: &Stamp,
    step: fn(&mut AnnotationSet, Edit, &Stamp) -> Result<Edit, EditError>,
) -> Result<Edit, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match step(set, edit, stamp) {
            Ok(inverse) => inverses.push(inverse),
            Err(cause) => {
                // Roll back what was applied so the set is unchanged on error.
                for inverse in inverses.into_iter().rev() {
                    if let Err(rollback) = step(set, inverse, stamp) {
                        return Err(EditError::RollbackFailed {
                            cause: Box::new(cause),
                            rollback: Box::new(rollback),
                        });
                    }
                }
                return Err(cause);
            }
        }
    }
    inverses.reverse();
    Ok(Edit::Batch(inverses))
}

fn annotation_index(set: &AnnotationSet, id: AnnotationId) -> Result<usize, EditError> {
    set.annotations
        .iter()
        .position(|a| a.id == id)
        .ok_or(EditError::NoAnnotation(id))
}

fn modify_annotation(
    set: &mut AnnotationSet,
    id: AnnotationId,
    now: DateTime<Utc>,
    change: impl FnOnce(&mut Annotation),
) -> Result<Edit, EditError> {
    let index = annotation_index(set, id)?;
    let Some(annotation) = set.annotations.get_mut(index) else {
        return Err(EditError::NoAnnotation(id));
    };
    let old = annotation.clone();
    change(annotation);
    annotation.modified = now;
    Ok(Edit::ReplaceAnnotation(old))
}

/// Add a history line to `annotation` when the value changes.
fn record(annotation: &mut Annotation, stamp: &Stamp, field: &str, old: &str, new: &str) {
    if old != new {
        annotation
            .workflow
            .history
            .push(HistoryEntry::new(stamp, field, old, new));
    }
}

/// Does this evidence link belong to an approved (locked) claim?
fn link_is_locked(set: &AnnotationSet, link: &Link) -> bool {
    match link {
        Link::Evidence { annotation, .. } => set.annotation(*annotation).is_some_and(is_locked),
        Link::SaidBy { .. } => false,
    }
}

fn check_unlocked_link(set: &AnnotationSet, link: &Link) -> Result<(), EditError> {
    if link_is_locked(set, link) {
        return Err(WorkflowError::Locked {
            what: "evidence links",
        }
        .into());
    }
    Ok(())
}

fn check_tag(set: &AnnotationSet, tag: &str) -> Result<(), EditError> {
    if set.tag(tag).is_none() {
        return Err(EditError::UnknownTag {
            tag: tag.to_owned(),
            known: set.tag_names(),
        });
    }
    Ok(())
}

fn check_new_annotation(set: &AnnotationSet, annotation: &Annotation) -> Result<(), EditError> {
    if set.annotation(annotation.id).is_some() {
        return Err(EditError::DuplicateId(annotation.id.to_string()));
    }
    let p = annotation.position;
    // An orphan's position is a hint (its quote is the truth): it may be empty.
    let orphan = annotation.status == crate::model::set::AnchorStatus::Orphaned;
    if p.char_start > p.char_end || (p.char_start == p.char_end && !orphan) {
        return Err(EditError::BadSpan {
            char_start: p.char_start,
            char_end: p.char_end,
        });
    }
    check_tag(set, &annotation.tag)
}

fn link_ends_exist(set: &AnnotationSet, link: &Link) -> bool {
    match link {
        Link::Evidence {
            annotation,
            evidence,
            ..
        } => set.annotation(*annotation).is_some() && set.evidence_item(*evidence).is_some(),
        Link::SaidBy {
            annotation,
            attribution,
        } => set.annotation(*annotation).is_some() && set.annotation(*attribution).is_some(),
    }
}

fn check_link(set: &AnnotationSet, link: &Link) -> Result<(), EditError> {
    if set.links.contains(link) {
        return Err(EditError::DuplicateLink);
    }
    match link {
        Link::Evidence {
            annotation,
            evidence,
            ..
        } => {
            annotation_index(set, *annotation)?;
            if set.evidence_item(*evidence).is_none() {
                return Err(EditError::NoEvidence(*evidence));
            }
        }
        Link::SaidBy {
            annotation,
            attribution,
        } => {
            annotation_index(set, *annotation)?;
            let target = set
                .annotation(*attribution)
                .ok_or(EditError::NoAnnotation(*attribution))?;
            if annotation == attribution || target.tag != TAG_ATTRIBUTION {
                return Err(EditError::BadSaidBy);
            }
            if set.said_by(*annotation).is_some() {
                return Err(EditError::AlreadySaidBy(*annotation));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::set::{EvidenceKind, Stance, TAG_CLAIM, TAG_QUOTE};
    use crate::model::text::Document;
    use chrono::TimeZone as _;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 10, minute, 0)
            .single()
            .expect("valid time")
    }

    fn fixture() -> (AnnotationSet, AnnotationId, AnnotationId, EvidenceId) {
        let doc = Document::new("The mayor said “taxes fell 12%”, according to the city.");
        let mut set = AnnotationSet::new(&doc, "doc.txt", "Test", at(0));
        let quote = Annotation::new(&doc, 15..31, TAG_QUOTE, "ana", at(0));
        let attribution = Annotation::new(&doc, 0..14, TAG_ATTRIBUTION, "ana", at(0));
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
        let (q, a, e) = (quote.id, attribution.id, evidence.id);
        for edit in [
            Edit::AddAnnotation(quote),
            Edit::AddAnnotation(attribution),
            Edit::AddEvidence(evidence),
            Edit::AddLink(Link::Evidence {
                annotation: q,
                evidence: e,
                stance: Stance::Refutes,
            }),
            Edit::AddLink(Link::SaidBy {
                annotation: q,
                attribution: a,
            }),
        ] {
            apply(&mut set, edit, at(1)).expect("fixture edit applies");
        }
        (set, q, a, e)
    }

    /// Every edit, applied then undone, gives back the set it started from (but `modified`).
    #[test]
    fn every_edit_is_undone_by_its_inverse() {
        let (base, q, a, e) = fixture();
        let doc = Document::new("The mayor said “taxes fell 12%”, according to the city.");
        let fresh = Annotation::new(&doc, 40..48, TAG_CLAIM, "bo", at(2));
        let mut changed_evidence = base.evidence[0].clone();
        changed_evidence.title = "Budget 2026".to_owned();
        let edits = vec![
            Edit::AddAnnotation(fresh),
            Edit::DeleteAnnotation(q),
            Edit::DeleteAnnotation(a),
            Edit::SetTag {
                id: q,
                tag: TAG_CLAIM.to_owned(),
            },
            Edit::SetNote {
                id: q,
                note: "check the 2025 budget".to_owned(),
            },
            Edit::SetVerdict {
                id: q,
                verdict: Verdict::MostlyFalse,
            },
            Edit::SetAnchor {
                id: q,
                position: (16..30).into(),
                quote: doc.quote(16..30),
                status: AnchorStatus::Moved,
            },
            Edit::UpdateEvidence(changed_evidence),
            Edit::DeleteEvidence(e),
            Edit::RemoveLink(base.links[0].clone()),
            Edit::AddTag(TagDef {
                name: "legal".to_owned(),
                color: crate::model::Color::rgb(1, 2, 3),
                key: Some('4'),
            }),
            Edit::SetTitle("Another".to_owned()),
            Edit::SetReview(ReviewInfo {
                organization: "Checkers".to_owned(),
                ..ReviewInfo::default()
            }),
            Edit::Batch(vec![
                Edit::DeleteAnnotation(a),
                Edit::SetNote {
                    id: q,
                    note: "x".to_owned(),
                },
            ]),
        ];
        for edit in edits {
            let mut set = base.clone();
            let inverse = apply(&mut set, edit.clone(), at(3)).expect("applies");
            assert_ne!(set, base, "{edit:?} changed nothing");
            let redo = apply(&mut set, inverse, at(4)).expect("inverse applies");
            let mut want = base.clone();
            want.modified = at(4);
            set.normalize();
            want.normalize();
            assert_eq!(set, want, "undo of {edit:?}");
            // And the inverse of the inverse redoes it.
            apply(&mut set, redo, at(5)).expect("redo applies");
        }
    }

    #[test]
    fn delete_removes_links_and_restore_brings_them_back() {
        let (mut set, q, _, _) = fixture();
        assert_eq!(set.links.len(), 2);
        let inverse = apply(&mut set, Edit::DeleteAnnotation(q), at(2)).expect("deletes");
        assert!(set.links.is_empty());
        apply(&mut set, inverse, at(3)).expect("restores");
        assert_eq!(set.links.len(), 2);
    }

    #[test]
    fn errors_leave_the_set_unchanged() {
        let (base, q, a, _) = fixture();
        let bad = [
            Edit::SetTag {
                id: q,
                tag: "clam".to_owned(),
            },
            Edit::DeleteAnnotation(AnnotationId::random()),
            Edit::AddLink(Link::SaidBy {
                annotation: a,
                attribution: a,
            }),
            Edit::AddLink(Link::SaidBy {
                annotation: a,
                attribution: q,
            }),
            Edit::RemoveTag(TAG_QUOTE.to_owned()),
            Edit::Batch(vec![Edit::DeleteAnnotation(a), Edit::DeleteAnnotation(a)]),
        ];
        for edit in bad {
            let mut set = base.clone();
            assert!(apply(&mut set, edit.clone(), at(9)).is_err(), "{edit:?}");
            set.normalize();
            let mut want = base.clone();
            want.normalize();
            assert_eq!(set, want, "{edit:?} changed the set");
        }
    }

    #[test]
    fn unknown_tag_lists_known_tags() {
        let (mut set, q, _, _) = fixture();
        let err = apply(
            &mut set,
            Edit::SetTag {
                id: q,
                tag: "clam".to_owned(),
            },
            at(2),
        )
        .expect_err("unknown tag");
        assert_eq!(
            err.to_string(),
            "unknown tag \"clam\"; known tags: claim, quote, attribution"
        );
    }

    #[test]
    fn a_failing_rollback_is_its_own_error() {
        // A step whose inverses never apply: the batch's first step succeeds, the second
        // fails, and taking back the first fails too.
        fn broken_step(
            set: &mut AnnotationSet,
            edit: Edit,
            stamp: &Stamp,
        ) -> Result<Edit, EditError> {
            apply_inner(set, edit, stamp)?;
            Ok(Edit::DeleteEvidence(EvidenceId(uuid::Uuid::nil())))
        }
        let (mut set, q, _, _) = fixture();
        let edits = vec![
            Edit::SetTitle("changed".to_owned()),
            Edit::DeleteAnnotation(AnnotationId(uuid::Uuid::nil())),
        ];
        let stamp = Stamp {
            by: String::new(),
            at: at(3),
        };
        let err = apply_batch_with(&mut set, edits, &stamp, broken_step).expect_err("fails");
        let EditError::RollbackFailed { cause, rollback } = &err else {
            panic!("a failed rollback must not pass for the first error: {err:?}");
        };
        assert!(matches!(**cause, EditError::NoAnnotation(_)), "{cause:?}");
        assert!(
            matches!(**rollback, EditError::NoEvidence(_)),
            "{rollback:?}"
        );
        assert!(err.to_string().contains("reload"), "{err}");
        // The real step rolls back cleanly and reports the first error alone.
        let (before, _, _, _) = fixture();
        let edits = vec![
            Edit::SetNote {
                id: q,
                note: "n".to_owned(),
            },
            Edit::DeleteAnnotation(AnnotationId(uuid::Uuid::nil())),
        ];
        let mut set = before.clone();
        let err = apply(&mut set, Edit::Batch(edits), at(3)).expect_err("fails");
        assert!(matches!(err, EditError::NoAnnotation(_)), "{err:?}");
        assert_eq!(set.annotations, before.annotations);
    }

    #[test]
    fn a_tag_key_the_app_uses_is_refused_and_keys_are_stored_lowercase() {
        let (mut set, _, _, _) = fixture();
        let tag = |name: &str, key: char| {
            Edit::AddTag(TagDef {
                name: name.to_owned(),
                color: crate::model::set::Color::rgb(1, 2, 3),
                key: Some(key),
            })
        };
        let err = apply(&mut set, tag("legal", 'n'), at(2)).expect_err("n is next annotation");
        assert_eq!(
            err,
            EditError::BadTagKey {
                name: "legal".to_owned(),
                source: TagKeyError::Reserved { key: 'n' },
            }
        );
        apply(&mut set, tag("legal", 'L'), at(2)).expect("a free letter");
        assert_eq!(set.tag("legal").and_then(|t| t.key), Some('l'));
    }

    #[test]
    fn span_and_tag_errors_name_their_parts() {
        let (mut set, q, _, _) = fixture();
        let doc = Document::new("The mayor said “taxes fell 12%”, according to the city.");
        let err = apply(
            &mut set,
            Edit::SetAnchor {
                id: q,
                position: TextPosition {
                    char_start: 9,
                    char_end: 3,
                },
                quote: doc.quote(3..9),
                status: AnchorStatus::Exact,
            },
            at(2),
        )
        .expect_err("reversed");
        assert_eq!(
            err,
            EditError::BadSpan {
                char_start: 9,
                char_end: 3
            }
        );
        assert!(err.to_string().contains("char offsets"), "{err}");
    }
}
