//! Undo and redo: stacks of (label, inverse edit).
//!
//! Every change goes through [`crate::model::apply`], which returns the inverse edit; the
//! history keeps those inverses. Undoing applies one and pushes *its* inverse on the redo
//! stack, so redo is the same mechanism mirrored.

use chrono::{DateTime, Utc};

use crate::model::{AnnotationSet, Edit, EditError, apply, apply_by};

/// How many steps are kept; older ones are forgotten.
pub const MAX_UNDO_STEPS: usize = 1000;

/// One undoable step: what the user did, and the edit that takes it back.
#[derive(Debug, Clone)]
struct Step {
    label: String,
    inverse: Edit,
}

/// Undo and redo stacks for one annotation set.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// Apply `edit` to `set`, remember its inverse under `label`, and clear the redo stack.
    pub fn apply(
        &mut self,
        set: &mut AnnotationSet,
        label: &str,
        edit: Edit,
        now: DateTime<Utc>,
    ) -> Result<(), EditError> {
        self.apply_by(set, label, edit, now, "")
    }

    /// [`History::apply`] for an edit made by reviewer `by` (named in the annotation's
    /// history, sign-offs and comment resolutions).
    pub fn apply_by(
        &mut self,
        set: &mut AnnotationSet,
        label: &str,
        edit: Edit,
        now: DateTime<Utc>,
        by: &str,
    ) -> Result<(), EditError> {
        let inverse = apply_by(set, edit, now, by)?;
        self.undo.push(Step {
            label: label.to_owned(),
            inverse,
        });
        if self.undo.len() > MAX_UNDO_STEPS {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(())
    }

    /// Label of the step [`History::undo`] would take back.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// Label of the step [`History::redo`] would do again.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Take back the last step. Returns its label, or `None` if there was nothing to undo.
    /// On error the step is dropped (the set no longer matches it) and the set is unchanged.
    pub fn undo(
        &mut self,
        set: &mut AnnotationSet,
        now: DateTime<Utc>,
    ) -> Result<Option<String>, EditError> {
        let Some(step) = self.undo.pop() else {
            return Ok(None);
        };
        let redo = apply(set, step.inverse, now)?;
        self.redo.push(Step {
            label: step.label.clone(),
            inverse: redo,
        });
        Ok(Some(step.label))
    }

    /// Do again the last undone step. Returns its label, or `None` if there was nothing.
    pub fn redo(
        &mut self,
        set: &mut AnnotationSet,
        now: DateTime<Utc>,
    ) -> Result<Option<String>, EditError> {
        let Some(step) = self.redo.pop() else {
            return Ok(None);
        };
        let undo = apply(set, step.inverse, now)?;
        self.undo.push(Step {
            label: step.label.clone(),
            inverse: undo,
        });
        Ok(Some(step.label))
    }

    /// Forget everything (a different set was loaded).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, Document, TAG_CLAIM};
    use chrono::TimeZone as _;

    fn at(second: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, second)
            .single()
            .expect("valid time")
    }

    #[test]
    fn undo_then_redo_round_trips_and_labels_follow() {
        let doc = Document::new("The bridge cost $41 million.");
        let mut set = AnnotationSet::new(&doc, "doc.txt", "t", at(0));
        let mut history = History::default();
        let annotation = Annotation::new(&doc, 16..27, TAG_CLAIM, "ana", at(0));
        let id = annotation.id;
        history
            .apply(
                &mut set,
                "Add claim",
                Edit::AddAnnotation(annotation),
                at(1),
            )
            .expect("adds");
        assert_eq!(history.undo_label(), Some("Add claim"));
        assert_eq!(history.undo(&mut set, at(2)), Ok(Some("Add claim".into())));
        assert!(set.annotation(id).is_none());
        assert_eq!(history.redo_label(), Some("Add claim"));
        assert_eq!(history.redo(&mut set, at(3)), Ok(Some("Add claim".into())));
        assert!(set.annotation(id).is_some());
        assert_eq!(history.redo(&mut set, at(4)), Ok(None));
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let doc = Document::new("abc def");
        let mut set = AnnotationSet::new(&doc, "doc.txt", "t", at(0));
        let mut history = History::default();
        for range in [0..3, 4..7] {
            let a = Annotation::new(&doc, range, TAG_CLAIM, "ana", at(0));
            history
                .apply(&mut set, "Add", Edit::AddAnnotation(a), at(1))
                .expect("adds");
        }
        history.undo(&mut set, at(2)).expect("undo");
        let a = Annotation::new(&doc, 0..7, TAG_CLAIM, "ana", at(0));
        history
            .apply(&mut set, "Add", Edit::AddAnnotation(a), at(3))
            .expect("adds");
        assert_eq!(history.redo_label(), None);
        assert_eq!(set.annotations.len(), 2);
    }
}
