//! Merging the review workflow of one annotation, field by field: the state (with its
//! sign-off), the assignee, the verdict's setter, comments by id (each comment's resolved
//! flag three-way) and the history (a union in time order).

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::Merger;
use crate::model::conflict::{ConflictField, ConflictItem};
use crate::model::set::{Annotation, AnnotationId, Verdict};
use crate::model::workflow::{Comment, CommentId, Stamp, Workflow};

impl Merger<'_> {
    /// The merged workflow of annotation `id`; `verdict` is the merged verdict (the setter
    /// follows it).
    pub(super) fn workflow_fields(
        &mut self,
        id: AnnotationId,
        base: Option<&Annotation>,
        ours: &Annotation,
        theirs: &Annotation,
        verdict: Verdict,
    ) -> Workflow {
        let item = ConflictItem::Annotation(id);
        let at = Some((ours.modified, theirs.modified));
        let (b, o, t) = (base.map(|a| &a.workflow), &ours.workflow, &theirs.workflow);
        // The sign-off goes with the state: one field, so two approvals by different
        // reviewers are a conflict like any other, and settling it keeps a whole pair.
        let (state, sign_off) = self.field(
            item.clone(),
            ConflictField::State,
            b.map(|w| (w.state, w.sign_off.clone())).as_ref(),
            &(o.state, o.sign_off.clone()),
            &(t.state, t.sign_off.clone()),
            at,
        );
        let assignee = self.field(
            item,
            ConflictField::Assignee,
            b.map(|w| &w.assignee),
            &o.assignee,
            &t.assignee,
            at,
        );
        // The verdict's setter follows the merged verdict: the latest record among the
        // versions that hold that verdict.
        let verdict_by = [base, Some(ours), Some(theirs)]
            .into_iter()
            .flatten()
            .filter(|a| a.verdict == verdict)
            .filter_map(|a| a.workflow.verdict_by.clone())
            .max_by_key(|s| s.at);
        let comments = self.comments(id, b, o, t);
        let mut history: Vec<_> = o.history.iter().chain(&t.history).cloned().collect();
        history.sort();
        history.dedup();
        let mut workflow = Workflow {
            state,
            assignee,
            verdict_by,
            sign_off,
            comments,
            history,
        };
        workflow.normalize();
        workflow
    }

    /// Comments by id: a comment on one side only is added there (comments are never
    /// deleted); one on both sides takes each field three-way.
    fn comments(
        &mut self,
        annotation: AnnotationId,
        base: Option<&Workflow>,
        ours: &Workflow,
        theirs: &Workflow,
    ) -> Vec<Comment> {
        let ids: BTreeSet<CommentId> = ours
            .comments
            .iter()
            .chain(&theirs.comments)
            .map(|c| c.id)
            .collect();
        let mut merged = Vec::new();
        for id in ids {
            let (o, t) = (ours.comment(id), theirs.comment(id));
            let (o, t) = match (o, t) {
                (Some(o), Some(t)) => (o, t),
                (Some(one), None) | (None, Some(one)) => {
                    merged.push(one.clone());
                    continue;
                }
                (None, None) => continue,
            };
            let b = base.and_then(|w| w.comment(id));
            let item = ConflictItem::Comment {
                annotation,
                comment: id,
            };
            let at = Some((
                stamp_time(o.resolved.as_ref(), o.created),
                stamp_time(t.resolved.as_ref(), t.created),
            ));
            let text = self.field(
                item.clone(),
                ConflictField::Note,
                b.map(|c| &c.text),
                &o.text,
                &t.text,
                at,
            );
            // Resolved or open is the field; who and when go with it, so two reviewers
            // who both resolved a comment agree (the earlier resolution is kept).
            let resolved_flag = self.field(
                item,
                ConflictField::Resolved,
                b.map(|c| c.resolved.is_some()).as_ref(),
                &o.resolved.is_some(),
                &t.resolved.is_some(),
                at,
            );
            let resolved = if resolved_flag {
                earliest([o.resolved.clone(), t.resolved.clone()].into_iter())
                    .or_else(|| b.and_then(|c| c.resolved.clone()))
            } else {
                None
            };
            merged.push(Comment {
                id,
                author: o.author.clone(),
                created: o.created.min(t.created),
                text,
                resolved,
            });
        }
        merged
    }
}

fn stamp_time(stamp: Option<&Stamp>, fallback: DateTime<Utc>) -> DateTime<Utc> {
    stamp.map_or(fallback, |s| s.at)
}

/// The earliest of the present stamps.
fn earliest(stamps: impl Iterator<Item = Option<Stamp>>) -> Option<Stamp> {
    stamps.flatten().min_by_key(|s| s.at)
}
