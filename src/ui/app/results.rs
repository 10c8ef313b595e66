//! Handling results from the worker and answers to prompts.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::merge::{Side, descends_from, merge, union};
use crate::model::{AnchorSummary, AnnotationSet, Document, Edit};
use crate::store::{self, StoreError};
use crate::store::{MergedOnSave, SetOnDisk};
use crate::ui::app::actions::SaveRequest;
use crate::ui::app::worker::{Job, JobResult, OpenedDocument, SaveDone, TeammatePurpose};
use crate::ui::app::{FactmarkApp, SideTab};
use crate::ui::state::messages::Message;
use crate::ui::state::session::Session;
use crate::ui::text::labels::file_name;
use crate::ui::windows::prompts::{AfterPrompt, Prompt, PromptChoice, RecoveryOffer};

impl FactmarkApp {
    /// Pick up finished file work.
    pub(crate) fn handle_results(&mut self) {
        for result in self.worker.poll() {
            self.ctx.request_repaint();
            match result {
                JobResult::DocumentOpened(Ok(opened)) => self.document_opened(*opened),
                JobResult::DocumentOpened(Err(err)) => self.messages.push(Message::error(format!(
                    "Could not open the document: {err}"
                ))),
                JobResult::SetOpened { path, doc, result } => match result {
                    Ok(_)
                        if !self
                            .session
                            .as_ref()
                            .is_some_and(|s| Arc::ptr_eq(s.doc(), &doc)) =>
                    {
                        self.messages.push(Message::warning(format!(
                            "{} was not opened: the document it was read for was closed \
                             meanwhile. Open it again for the document now open.",
                            file_name(&path)
                        )));
                    }
                    Ok((set, stamp, summary)) => {
                        let count = set.annotations.len();
                        // A note being typed belonged to the replaced set.
                        self.side.detail = Default::default();
                        self.messages.clear_notices();
                        self.replace_set_clean(*set, path.clone(), stamp, summary);
                        self.remove_recovery_of_session();
                        self.summary_message(&path, count, summary);
                    }
                    Err(err) => self.messages.push(Message::error(format!(
                        "Could not open the annotation set: {err}"
                    ))),
                },
                JobResult::TeammateSetRead {
                    path,
                    doc,
                    purpose,
                    result,
                } => self.teammate_set_read(&path, &doc, purpose, result),
                JobResult::Saved {
                    path,
                    document,
                    generation,
                    result,
                } => self.saved(path, &document, generation, result),
                JobResult::RecoveryWritten(Err(err)) => self.messages.push(Message::warning(
                    format!("Could not write the recovery copy (your work is not affected): {err}"),
                )),
                JobResult::RecoveryWritten(Ok(_)) | JobResult::RecoveryRemoved(Ok(())) => {}
                JobResult::RecoveryRemoved(Err(err)) => self.messages.push(Message::warning(
                    format!("Could not remove an old recovery copy: {err}"),
                )),
                JobResult::Recoveries(Ok(recoveries)) => {
                    self.recovery.found = recoveries;
                    self.offer_recoveries();
                }
                JobResult::Recoveries(Err(err)) => self.messages.push(Message::warning(format!(
                    "Could not look for recovered work: {err}"
                ))),
                JobResult::SampleWritten(Ok(path)) => {
                    self.spawn(Job::OpenDocument {
                        path,
                        restore: None,
                    });
                }
                JobResult::ExportWritten { format, result } => self.export_written(format, result),
                JobResult::SnapshotTaken {
                    document,
                    evidence,
                    link,
                    label,
                    result,
                } => self.snapshot_taken(&document, *evidence, link, &label, result),
                JobResult::SnapshotDiscarded => {}
                JobResult::SnapshotsChecked { document, states } => {
                    self.snapshots_checked(&document, states);
                }
                JobResult::ImportRead { path, doc, result } => {
                    self.import_read(&path, &doc, result);
                }
                JobResult::DeskScanned { dir, result } => self.desk_scanned(dir, result),
                JobResult::PageFetched(result) => self.page_fetched(result),
                JobResult::NewDocumentWritten(Ok(path)) => {
                    self.request(AfterPrompt::OpenDocument(path));
                }
                JobResult::NewDocumentWritten(Err(err)) => self.messages.push(Message::error(
                    format!("Could not save the new document: {err}"),
                )),
                JobResult::VerdictCopied(result) => self.verdict_copied(result),
                JobResult::AgreementComputed { key, order, result } => match result {
                    Ok(agreed) => self.windows.compare.agreement_computed(key, order, *agreed),
                    Err(err) => {
                        self.windows.compare.agreement_failed(key);
                        self.messages.push(Message::error(format!(
                            "Could not compare the reviewers: {err}"
                        )));
                    }
                },
                JobResult::DocumentChecked { path, doc, result } => {
                    self.document_checked(&path, &doc, result);
                }
                JobResult::SampleWritten(Err(err)) => self.messages.push(Message::error(format!(
                    "Could not prepare the sample document: {err}"
                ))),
            }
        }
    }

    fn offer_recoveries(&mut self) {
        if self.recovery.found.is_empty() || self.windows.prompt.is_some() {
            return;
        }
        let offers = self
            .recovery
            .found
            .iter()
            .map(|r| RecoveryOffer {
                document: r.document.clone(),
                saved: chrono::DateTime::<chrono::Local>::from(r.saved)
                    .format("%Y-%m-%d %H:%M")
                    .to_string(),
                annotations: r.set.annotations.len(),
            })
            .collect();
        self.windows.prompt = Some(Prompt::Recover { offers });
    }

    fn document_opened(&mut self, opened: OpenedDocument) {
        let OpenedDocument {
            path,
            doc,
            set_path,
            set,
            restored,
            extraction,
        } = opened;
        // Notices about the previous document or set no longer apply.
        self.messages.clear_notices();
        let now = Self::now();
        let title = crate::model::defaults::new_set_title(&doc, &path);
        let fresh_set = || {
            let mut set =
                AnnotationSet::new(&doc, &store::source_path_for(&set_path, &path), &title, now);
            if let Some(extraction) = &extraction {
                extraction.prepare_new_set(&mut set);
            }
            set
        };
        let mut loaded = None;
        let mut session = match set {
            SetOnDisk::Loaded {
                set,
                stamp,
                summary,
                findings,
                ..
            } => {
                if !findings.is_empty() {
                    // Shown, never fixed silently: the reviewer decides what to do.
                    let lines: Vec<String> = findings.iter().map(ToString::to_string).collect();
                    self.messages.push(Message::warning(format!(
                        "The annotation set {} has {} problem(s), kept as they are: {}",
                        set_path.display(),
                        findings.len(),
                        lines.join("; ")
                    )));
                }
                loaded = Some((set.annotations.len(), summary));
                Session::new(
                    path.clone(),
                    doc.clone(),
                    *set,
                    Some(set_path.clone()),
                    Some(stamp),
                    summary,
                )
            }
            SetOnDisk::Missing => Session::new(
                path.clone(),
                doc.clone(),
                fresh_set(),
                Some(set_path.clone()),
                None,
                AnchorSummary::default(),
            ),
            SetOnDisk::ReadOnly {
                set,
                summary,
                reason,
            } => {
                self.messages.push(Message::warning(format!(
                    "{reason} It is shown read-only: your changes will be saved with Save As… \
                     to another file, never over it."
                )));
                Session::new(path.clone(), doc.clone(), *set, None, None, summary)
            }
            SetOnDisk::Failed(err) => {
                self.messages.push(Message::error(format!(
                    "Could not load the annotation set {}: {err}. The file was left untouched; \
                     new annotations will be saved with Save As… to another file.",
                    set_path.display()
                )));
                Session::new(
                    path.clone(),
                    doc.clone(),
                    fresh_set(),
                    None,
                    None,
                    AnchorSummary::default(),
                )
            }
        };
        let select_after = self
            .windows
            .select_when_open
            .take()
            .filter(|(wanted, _)| *wanted == path)
            .map(|(_, id)| id);
        if let Some(note) = extraction.as_ref().and_then(|e| e.note()) {
            self.messages.push(Message::warning(note));
        }
        if let Some((set, summary)) = restored {
            let set_path = session.set_path().map(Path::to_path_buf);
            let stamp = session.stamp().cloned();
            session.replace_set(*set, set_path, stamp, summary, true);
            self.messages.push(Message::warning(
                "Recovered unsaved changes. Check them, then Save (Ctrl+S) to keep them.",
            ));
        }
        session
            .doc_view
            .set_font_size(self.persisted.settings.font_size);
        self.persisted
            .remember(&crate::store::canonical_document_path(&path));
        session.doc_view.request_focus();
        self.session = Some(session);
        self.side.list = Default::default();
        self.side.detail = Default::default();
        self.side.evidence = Default::default();
        self.find.close();
        self.layers.clear();
        for path in std::mem::take(&mut self.pending_layers) {
            let doc = Arc::clone(&doc);
            self.spawn(Job::ReadTeammateSet {
                path,
                doc,
                purpose: TeammatePurpose::Layer,
            });
        }
        self.side.tab = SideTab::Annotations;
        self.save.again = false;
        if let Some((count, summary)) = loaded {
            self.summary_message(&set_path, count, summary);
        }
        if let Some(id) = select_after {
            self.select(Some(id), true);
        }
    }

    fn summary_message(&mut self, set_path: &Path, count: usize, summary: AnchorSummary) {
        let text = format!(
            "Loaded {count} annotation(s) from {}: {summary}.",
            file_name(set_path)
        );
        if summary.kept_fingerprint && self.windows.prompt.is_none() {
            self.windows.prompt = Some(Prompt::OtherDocument {
                warning: summary.other_document_warning(),
            });
        }
        let conflicts = self.session.as_ref().map_or(0, |s| s.set().conflicts.len());
        if summary.fuzzy + summary.orphaned > 0 {
            self.side.tab = SideTab::Review;
            self.messages.push(Message::warning(format!(
                "{text} The document changed; see the Review Queue."
            )));
        } else if conflicts == 0 {
            self.messages.push(Message::info(text));
        }
        if conflicts > 0 {
            self.side.tab = SideTab::Review;
            self.messages.push(Message::warning(format!(
                "{} holds {conflicts} merge conflict(s) from a teammate's changes; settle \
                 them in the Review queue.",
                file_name(set_path)
            )));
        }
    }

    fn saved(
        &mut self,
        path: PathBuf,
        document: &Path,
        generation: u64,
        result: Result<Box<SaveDone>, StoreError>,
    ) {
        self.save.in_flight = false;
        let current = self
            .session
            .as_ref()
            .is_some_and(|s| s.doc_path() == document);
        match result {
            Ok(_) if !current => {
                // The set of a document that is no longer open was saved.
                self.messages
                    .push(Message::info(format!("Saved {}", path.display())));
            }
            Ok(done) => {
                let SaveDone {
                    stamp,
                    sent,
                    merged,
                } = *done;
                match merged {
                    None => {
                        if let Some(session) = &mut self.session {
                            session.saved(path.clone(), generation, stamp, *sent);
                        }
                    }
                    Some(merged) => self.merged_on_save(&path, generation, stamp, &sent, merged),
                }
                let Some(session) = &mut self.session else {
                    return;
                };
                let open_conflicts = session.set().conflicts.len();
                let text = if open_conflicts == 0 {
                    format!("Saved {}", path.display())
                } else {
                    format!(
                        "Saved {} with {open_conflicts} merge conflict(s) still to settle (see \
                         the Review queue).",
                        path.display()
                    )
                };
                self.messages.push(Message::info(text));
                if !session.is_dirty() {
                    self.remove_recovery_of_session();
                }
                if std::mem::take(&mut self.save.again) {
                    self.start_save(SaveRequest::Save);
                } else if let Some(after) = self.save.after.take() {
                    self.proceed(after);
                }
            }
            Err(err) if !current => {
                self.messages.push(Message::error(format!(
                    "Could not save {} (its document is no longer open): {err}",
                    path.display()
                )));
            }
            Err(StoreError::ChangedOnDisk { path, .. }) => {
                self.save.after = None;
                self.save.again = false;
                self.windows.prompt = Some(Prompt::ChangedOnDisk { path });
            }
            Err(err) => {
                self.save.after = None;
                self.save.again = false;
                self.messages.push(Message::error(save_failed_text(&err)));
            }
        }
    }

    /// A save found a teammate's change on disk and merged it: the file holds both. Bring
    /// their changes into the set on screen as one undoable step; edits made while the save
    /// ran are kept (three-way, with what was sent as the base).
    fn merged_on_save(
        &mut self,
        path: &Path,
        generation: u64,
        stamp: store::DiskStamp,
        sent: &AnnotationSet,
        merged: MergedOnSave,
    ) {
        let who = self.reviewer();
        let Some(session) = &mut self.session else {
            return;
        };
        let unchanged_since = session.generation() == generation;
        let combined = if unchanged_since {
            merged.set.clone()
        } else {
            let ours = Side {
                set: session.set(),
                by: &who,
            };
            let theirs = Side {
                set: &merged.set,
                by: "the saved file",
            };
            merge(sent, ours, theirs).0
        };
        let label = "Merge a teammate's changes";
        if let Err(err) =
            session.apply(label, Edit::ReplaceContent(Box::new(combined)), Self::now())
        {
            self.messages.push(Message::error(format!(
                "{} now holds your changes and a teammate's, but they could not be shown \
                 here: {err}. Reload the set to see them.",
                path.display()
            )));
            return;
        }
        // What is on disk is saved; edits made since the save started are not.
        let saved_generation = if unchanged_since {
            session.generation()
        } else {
            generation
        };
        session.saved(path.to_path_buf(), saved_generation, stamp, merged.set);
        let conflicts = merged.report.new_conflicts.len();
        let text = format!(
            "{} had changed on disk: merged a teammate's changes with yours{}. Undo (Ctrl+Z) \
             takes the merge back.",
            file_name(path),
            match conflicts {
                0 => " without conflicts".to_owned(),
                n => format!("; {n} conflict(s) to settle in the Review queue"),
            }
        );
        if conflicts > 0 {
            self.side.tab = SideTab::Review;
            self.messages.push(Message::warning(text));
        } else {
            self.messages.push(Message::info(text));
        }
    }

    /// A teammate's set was read: show it as a layer, or merge it into ours.
    fn teammate_set_read(
        &mut self,
        path: &Path,
        doc: &Arc<Document>,
        purpose: TeammatePurpose,
        result: Result<Box<AnnotationSet>, StoreError>,
    ) {
        let what = match purpose {
            TeammatePurpose::Merge => "merged",
            TeammatePurpose::Layer => "shown",
        };
        let theirs = match result {
            Ok(set) => set,
            Err(err) => {
                self.messages.push(Message::error(format!(
                    "Nothing was {what} from {}: {err}",
                    file_name(path)
                )));
                return;
            }
        };
        if !self
            .session
            .as_ref()
            .is_some_and(|s| Arc::ptr_eq(s.doc(), doc))
        {
            self.messages.push(Message::warning(format!(
                "Nothing was {what} from {}: the document it was read for was closed \
                 meanwhile. Open it again for the document now open.",
                file_name(path)
            )));
            return;
        }
        match purpose {
            TeammatePurpose::Merge => {
                self.merge_teammate_set(path, &theirs);
            }
            TeammatePurpose::Layer => {
                let count = theirs.annotations.len();
                self.layers.add(path, *theirs);
                self.messages.push(Message::info(format!(
                    "Showing {} ({count} annotation(s)) as a layer: read-only outlines; \
                     their notes show in the detail panel. Merge it from the toolbar.",
                    file_name(path)
                )));
            }
        }
    }

    /// Merge a teammate's set into ours as one undoable step (three-way when it descends
    /// from the version we loaded, else a union), and say what happened. Returns whether
    /// anything was merged.
    pub(crate) fn merge_teammate_set(&mut self, path: &Path, theirs: &AnnotationSet) -> bool {
        self.commit_note();
        let who = self.reviewer();
        let Some(session) = &mut self.session else {
            return false;
        };
        let their_name = file_name(path);
        let ours = Side {
            set: session.set(),
            by: &who,
        };
        let theirs_side = Side {
            set: theirs,
            by: &their_name,
        };
        let (merged, report, how) = match session.base() {
            Some(base) if descends_from(theirs, &base.set) => {
                let (merged, report) = merge(&base.set, ours, theirs_side);
                (merged, report, "three-way, from the version you loaded")
            }
            _ => {
                let (merged, report) = union(ours, theirs_side);
                (merged, report, "as a union (no common saved version)")
            }
        };
        if merged == *session.set() {
            self.messages.push(Message::info(format!(
                "{their_name} holds nothing that this set does not already have."
            )));
            return false;
        }
        let label = format!("Merge {their_name}");
        if let Err(err) = self.apply_edit(&label, Edit::ReplaceContent(Box::new(merged))) {
            self.messages.push(Message::error(format!(
                "Nothing was merged from {their_name}: {err}."
            )));
            return false;
        }
        let mut text = format!("Merged {their_name} {how}");
        if !report.folded.is_empty() {
            text.push_str(&format!(
                "; {} annotation(s) on the same span with the same tag folded into yours",
                report.folded.len()
            ));
        }
        if report.new_conflicts.is_empty() {
            text.push_str(". Undo (Ctrl+Z) takes it back.");
            self.messages.push(Message::info(text));
        } else {
            text.push_str(&format!(
                "; {} conflict(s) to settle in the Review queue.",
                report.new_conflicts.len()
            ));
            self.side.tab = SideTab::Review;
            self.messages.push(Message::warning(text));
        }
        true
    }

    fn remove_recovery_of_session(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        let job = Job::RemoveRecovery {
            dir: self.deps.recovery_dir(),
            document: session.doc_path().to_path_buf(),
        };
        self.spawn(job);
    }

    /// Act on the answer to the prompt on screen.
    pub(crate) fn prompt_answered(&mut self, prompt: Prompt, choice: PromptChoice) {
        match (prompt, choice) {
            (_, PromptChoice::Cancel) => {
                self.save.after = None;
                self.close.waiting = false;
            }
            (Prompt::Unsaved { after }, PromptChoice::Save) => {
                self.save.after = Some(after);
                self.start_save(SaveRequest::Save);
            }
            (Prompt::Unsaved { after }, PromptChoice::Discard) => {
                self.remove_recovery_of_session();
                if let Some(session) = &mut self.session {
                    // The user chose to drop the changes: nothing is unsaved any more.
                    session.mark_clean();
                }
                self.proceed(after);
            }
            (Prompt::ChangedOnDisk { path }, PromptChoice::Reload) => {
                if let Some(session) = &self.session {
                    let doc = session.doc().clone();
                    self.spawn(Job::OpenSet { path, doc });
                }
            }
            (Prompt::ChangedOnDisk { .. }, PromptChoice::Merge) => {
                self.start_save(SaveRequest::Merge);
            }
            (Prompt::ChangedOnDisk { .. }, PromptChoice::SaveElsewhere) => {
                self.start_save(SaveRequest::SaveElsewhere);
            }
            (Prompt::Recover { .. }, PromptChoice::Restore(document)) => {
                self.request(AfterPrompt::RestoreRecovery(document));
            }
            (Prompt::Recover { .. }, PromptChoice::DiscardRecovery(document)) => {
                self.recovery.found.retain(|r| r.document != document);
                let dir = self.deps.recovery_dir();
                self.spawn(Job::RemoveRecovery { dir, document });
                self.offer_recoveries();
            }
            (Prompt::DocumentChanged { .. }, PromptChoice::ReloadDocument) => {
                self.reload_changed_document();
            }
            (Prompt::DocumentChanged { .. }, PromptChoice::KeepOldText) => {
                self.keep_old_document_text();
            }
            (Prompt::OtherDocument { .. }, PromptChoice::AcceptDocument) => {
                self.accept_open_document();
            }
            (Prompt::OpenUrl { .. }, PromptChoice::OpenUrl(url)) => {
                // Checked again: the prompt only ever holds a checked address, but be sure.
                let result = crate::model::web::web_host(&url)
                    .map_err(|err| err.to_string())
                    .and_then(|_| self.deps.opener.open_url(&url));
                if let Err(err) = result {
                    self.messages
                        .push(Message::error(format!("Could not open {url:?}: {err}")));
                }
            }
            (prompt, choice) => {
                // A button that does not belong to this prompt: keep asking.
                let _ = choice;
                self.windows.prompt = Some(prompt);
            }
        }
    }
}

/// What to tell the reviewer when a save failed for a reason other than a teammate's
/// change: the remedy depends on the kind of failure.
fn save_failed_text(err: &StoreError) -> String {
    let kept = "Your changes are kept but NOT saved";
    match err {
        StoreError::ReadOnlyFile { path } => {
            return format!(
                "{} is read-only, so it was not replaced. {kept}: make the file writable and \
                 save again, or use Save As… to save them to another file.",
                path.display()
            );
        }
        StoreError::UnknownFields { path, fields } => {
            return format!(
                "{} holds fields this version of factmark does not know ({fields}); saving \
                 over it would drop them. {kept}: use Save As… to save them to another file, \
                 or open the set with a newer factmark.",
                path.display()
            );
        }
        _ => {}
    }
    match err.io_kind() {
        Some(ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem) => format!(
            "Could not save: {err}. {kept}: you may not write to this file or folder; use \
             Save As… to save them somewhere you can write."
        ),
        Some(ErrorKind::StorageFull | ErrorKind::QuotaExceeded) => format!(
            "Could not save: {err}. {kept}: the disk is full; free some space and save \
             again, or use Save As… to save them on another disk."
        ),
        _ => format!(
            "Could not save: {err}. {kept}; fix the problem and save again, or use Save As… \
             to save elsewhere."
        ),
    }
}
