//! One open document with its annotation set: where they live on disk, what is unsaved,
//! the undo history, the selected annotation and the document view.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::model::{
    AnchorStatus, AnchorSummary, Annotation, AnnotationId, AnnotationSet, Document, Edit,
    EditError, EvidenceId,
};
use crate::store::snapshot::SnapshotState;
use crate::store::{DiskStamp, LoadedSet};
use crate::ui::doc_view::DocView;
use crate::ui::state::history::History;

/// An open document and its set.
pub struct Session {
    doc_path: PathBuf,
    doc: Arc<Document>,
    set: AnnotationSet,
    /// Where Save writes; `None` until the user picks a path (the default file failed to
    /// load and must not be overwritten).
    set_path: Option<PathBuf>,
    stamp: Option<DiskStamp>,
    /// The set as read from its file or last saved there (with that stamp): the base a
    /// merge with a teammate's change starts from. `None` while there is no file.
    base: Option<LoadedSet>,
    summary: AnchorSummary,
    history: History,
    generation: u64,
    /// Which content is showing and which was saved, along the undo history.
    versions: super::versions::Versions,
    recovery_generation: u64,
    selected: Option<AnnotationId>,
    /// Annotation ids in document order; rebuilt on every change.
    order: Vec<AnnotationId>,
    /// Where each annotation sits in `set.annotations`; rebuilt on every change.
    index: HashMap<AnnotationId, usize>,
    /// The document view (public so tests can set the selection as a user would).
    pub doc_view: DocView,
    /// What each evidence snapshot looks like on disk, as last checked by the worker
    /// (absent: not checked yet). The app fills it; panels show it.
    pub snapshot_states: HashMap<EvidenceId, SnapshotState>,
}

impl Session {
    /// A session for `doc` with `set`; `stamp` is the set file's stamp when it was read.
    pub fn new(
        doc_path: PathBuf,
        doc: Arc<Document>,
        set: AnnotationSet,
        set_path: Option<PathBuf>,
        stamp: Option<DiskStamp>,
        summary: AnchorSummary,
    ) -> Self {
        let doc_view = DocView::new(Arc::clone(&doc));
        let base = stamp.clone().map(|stamp| LoadedSet {
            set: set.clone(),
            stamp,
        });
        let mut session = Self {
            doc_path,
            doc,
            set,
            set_path,
            stamp,
            base,
            summary,
            history: History::default(),
            generation: 0,
            versions: super::versions::Versions::default(),
            recovery_generation: 0,
            selected: None,
            order: Vec::new(),
            index: HashMap::new(),
            doc_view,
            snapshot_states: HashMap::new(),
        };
        session.rebuild_caches();
        session
    }

    /// The document's path.
    pub fn doc_path(&self) -> &Path {
        &self.doc_path
    }

    /// The folder evidence paths are relative to.
    pub fn doc_dir(&self) -> PathBuf {
        self.doc_path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    }

    /// The canonical document.
    pub fn doc(&self) -> &Arc<Document> {
        &self.doc
    }

    /// The annotation set (read-only: change it with [`Session::apply`]).
    pub fn set(&self) -> &AnnotationSet {
        &self.set
    }

    /// Where Save writes, if known.
    pub fn set_path(&self) -> Option<&Path> {
        self.set_path.as_deref()
    }

    /// The set file's stamp when read or last saved.
    pub fn stamp(&self) -> Option<&DiskStamp> {
        self.stamp.as_ref()
    }

    /// The set as read from its file or last saved there, with the file's stamp then.
    pub fn base(&self) -> Option<&LoadedSet> {
        self.base.as_ref()
    }

    /// How the set anchored when it was opened.
    pub fn summary(&self) -> AnchorSummary {
        self.summary
    }

    /// Counts per anchor status now (changes as the reviewer accepts or re-attaches).
    pub fn current_summary(&self) -> AnchorSummary {
        let mut summary = AnchorSummary::default();
        for annotation in &self.set.annotations {
            summary.add(annotation.status);
        }
        summary
    }

    /// The undo history.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Counts changes; any change to the set increases it.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Are there changes not yet saved? Undoing or redoing back to the saved content is
    /// not a change.
    pub fn is_dirty(&self) -> bool {
        self.versions.unsaved()
    }

    /// Has the set changed since the last recovery copy?
    pub fn needs_recovery_copy(&self) -> bool {
        self.is_dirty() && self.generation != self.recovery_generation
    }

    /// Note that a recovery copy of the current generation was written.
    pub fn recovery_written(&mut self) {
        self.recovery_generation = self.generation;
    }

    /// Apply an edit through the history (so it can be undone).
    pub fn apply(&mut self, label: &str, edit: Edit, now: DateTime<Utc>) -> Result<(), EditError> {
        self.apply_by(label, edit, now, "")
    }

    /// Apply an edit made by reviewer `by` through the history (so it can be undone).
    pub fn apply_by(
        &mut self,
        label: &str,
        edit: Edit,
        now: DateTime<Utc>,
        by: &str,
    ) -> Result<(), EditError> {
        let result = self.history.apply_by(&mut self.set, label, edit, now, by);
        // A batch whose rollback failed left the set partly changed (a bug, reported as
        // such): count it as a change so caches, the view and the unsaved mark follow it.
        if result.is_ok() {
            self.changed();
            self.versions.applied(self.generation);
        } else if matches!(result, Err(EditError::RollbackFailed { .. })) {
            self.changed();
            self.versions.replaced(self.generation);
        }
        result
    }

    /// Undo; returns the label of what was undone.
    pub fn undo(&mut self, now: DateTime<Utc>) -> Result<Option<String>, EditError> {
        let label = self.history.undo(&mut self.set, now)?;
        if label.is_some() {
            self.changed();
            self.versions.undone(self.generation);
        }
        Ok(label)
    }

    /// Redo; returns the label of what was redone.
    pub fn redo(&mut self, now: DateTime<Utc>) -> Result<Option<String>, EditError> {
        let label = self.history.redo(&mut self.set, now)?;
        if label.is_some() {
            self.changed();
            self.versions.redone(self.generation);
        }
        Ok(label)
    }

    /// Replace the whole set (reload from disk, or a recovered copy). History is cleared.
    /// `stamp` is the file's stamp; `dirty` marks the new set as unsaved (a recovery).
    pub fn replace_set(
        &mut self,
        set: AnnotationSet,
        set_path: Option<PathBuf>,
        stamp: Option<DiskStamp>,
        summary: AnchorSummary,
        dirty: bool,
    ) {
        if !dirty {
            self.base = stamp.clone().map(|stamp| LoadedSet {
                set: set.clone(),
                stamp,
            });
        }
        self.set = set;
        self.set_path = set_path;
        self.stamp = stamp;
        self.summary = summary;
        self.history.clear();
        self.changed();
        self.versions.clear_history();
        self.versions.replaced(self.generation);
        if !dirty {
            self.versions.mark_saved();
        }
        if self
            .selected
            .is_some_and(|id| self.annotation(id).is_none())
        {
            self.selected = None;
        }
    }

    /// Put a changed version of the document in place, with the set re-anchored to it
    /// (`set`, from the one in memory, unsaved changes kept): the set is unsaved after. The
    /// undo history starts again, since its steps hold positions in the old text.
    pub fn replace_document(
        &mut self,
        doc: Arc<Document>,
        set: AnnotationSet,
        summary: AnchorSummary,
    ) {
        let font_size = self.doc_view.font_size();
        self.doc_view = DocView::new(Arc::clone(&doc));
        self.doc_view.set_font_size(font_size);
        self.doc = doc;
        self.set = set;
        self.summary = summary;
        self.history.clear();
        self.changed();
        self.versions.clear_history();
        self.versions.replaced(self.generation);
        self.doc_view.set_selected_annotation(self.selected);
    }

    /// Record a successful save of `generation` to `path`; `written` is the set the file
    /// now holds.
    pub fn saved(
        &mut self,
        path: PathBuf,
        generation: u64,
        stamp: DiskStamp,
        written: AnnotationSet,
    ) {
        // The revision is file history, not content: no undo step, no unsaved mark.
        self.set.revision.clone_from(&written.revision);
        self.base = Some(LoadedSet {
            set: written,
            stamp: stamp.clone(),
        });
        self.set_path = Some(path);
        self.stamp = Some(stamp);
        self.versions.saved_at(generation);
    }

    /// Treat the current state as saved (the user chose to discard the changes).
    pub fn mark_clean(&mut self) {
        self.versions.mark_saved();
    }

    /// Point the set at a new file (Save As): its source path is rewritten relative to it.
    pub fn set_source_path(&mut self, source_path: String) {
        // File-location metadata, not reviewer content: no undo step, but it must be saved.
        if self.set.source.path != source_path {
            self.set.source.path = source_path;
            self.changed();
            self.versions.replaced(self.generation);
        }
    }

    /// Forget the set file's stamp so the next save does not compare with it.
    pub fn forget_stamp(&mut self) {
        self.stamp = None;
    }

    /// The selected annotation, if it still exists.
    pub fn selected(&self) -> Option<AnnotationId> {
        self.selected
    }

    /// Select an annotation (or none).
    pub fn select(&mut self, id: Option<AnnotationId>) {
        self.selected = id.filter(|id| self.annotation(*id).is_some());
        self.doc_view.set_selected_annotation(self.selected);
    }

    /// Annotation ids in document order (orphaned ones last, by their old position).
    pub fn order(&self) -> &[AnnotationId] {
        &self.order
    }

    /// The annotation with this id (constant time, unlike `AnnotationSet::annotation`).
    pub fn annotation(&self, id: AnnotationId) -> Option<&Annotation> {
        let index = *self.index.get(&id)?;
        self.set.annotations.get(index).filter(|a| a.id == id)
    }

    fn rebuild_caches(&mut self) {
        self.index = self
            .set
            .annotations
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id, i))
            .collect();
        let mut annotations: Vec<_> = self.set.annotations.iter().collect();
        annotations.sort_by_key(|a| {
            (
                a.status == AnchorStatus::Orphaned,
                a.position.char_start,
                a.position.char_end,
                a.id,
            )
        });
        self.order = annotations.into_iter().map(|a| a.id).collect();
    }

    fn changed(&mut self) {
        self.generation += 1;
        self.rebuild_caches();
        if self
            .selected
            .is_some_and(|id| self.annotation(id).is_none())
        {
            self.selected = None;
            self.doc_view.set_selected_annotation(None);
        }
    }
}
