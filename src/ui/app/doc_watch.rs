//! The open document changed on disk (issue 9 §10): every
//! [`super::DOCUMENT_CHECK_INTERVAL`] the worker compares the file's size and time with
//! what was seen last, and reads the text only when they differ (cheap for a 10 MB
//! document: one `stat` per check). A new text is announced and the reviewer chooses:
//! reload it and re-anchor the set in memory (unsaved changes kept), or keep the old text.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use crate::model::anchor::accept_document;
use crate::model::{Document, anchor_set};
use crate::store::{FileMeta, StoreError};
use crate::ui::app::FactmarkApp;
use crate::ui::app::worker::{DocumentCheck, Job};
use crate::ui::state::messages::Message;
use crate::ui::text::labels::file_name;
use crate::ui::windows::prompts::Prompt;

/// What the app knows about the open document on disk.
#[derive(Debug, Default)]
pub(crate) struct DocWatch {
    /// Size and time seen at the last check (`None`: not checked yet).
    known: Option<FileMeta>,
    /// The open document the check ran for (checks for another one are stale).
    for_doc: Option<Arc<Document>>,
    /// A check is running.
    in_flight: bool,
    /// When (egui input time, seconds) the next check is due.
    due: Option<f64>,
    /// A new text found on disk, waiting for the reviewer's answer.
    pending: Option<(Option<FileMeta>, Arc<Document>)>,
}

impl FactmarkApp {
    /// Start a check of the open document when one is due.
    pub(crate) fn document_check_tick(&mut self, ctx: &egui::Context) {
        let Some(session) = &self.session else {
            self.doc_watch = DocWatch::default();
            return;
        };
        if !self
            .doc_watch
            .for_doc
            .as_ref()
            .is_some_and(|doc| Arc::ptr_eq(doc, session.doc()))
        {
            // Another document is open: start watching it afresh.
            self.doc_watch = DocWatch {
                for_doc: Some(Arc::clone(session.doc())),
                ..DocWatch::default()
            };
        }
        if self.doc_watch.in_flight || self.doc_watch.pending.is_some() {
            return;
        }
        let now = ctx.input(|i| i.time);
        let interval = self.deps.document_check_interval.as_secs_f64();
        let due = *self.doc_watch.due.get_or_insert(now + interval);
        if now < due {
            // An idle window still checks: one frame per interval.
            ctx.request_repaint_after(Duration::from_secs_f64(due - now));
            return;
        }
        let job = Job::CheckDocument {
            path: session.doc_path().to_path_buf(),
            known: self.doc_watch.known,
            doc: Arc::clone(session.doc()),
        };
        self.doc_watch.due = None;
        self.doc_watch.in_flight = self.spawn(job);
    }

    /// A check finished.
    pub(crate) fn document_checked(
        &mut self,
        path: &Path,
        doc: &Arc<Document>,
        result: Result<DocumentCheck, StoreError>,
    ) {
        self.doc_watch.in_flight = false;
        let current = self
            .session
            .as_ref()
            .is_some_and(|s| Arc::ptr_eq(s.doc(), doc) && s.doc_path() == path);
        if !current {
            return;
        }
        match result {
            Ok(DocumentCheck::Same(meta)) => self.doc_watch.known = meta,
            Ok(DocumentCheck::Changed { meta, doc }) => {
                self.messages.push(Message::warning(format!(
                    "{} changed on disk; the view still shows the text as it was opened.",
                    file_name(path)
                )));
                self.doc_watch.pending = Some((meta, doc));
                if self.windows.prompt.is_none() {
                    self.windows.prompt = Some(Prompt::DocumentChanged {
                        path: path.to_path_buf(),
                    });
                }
            }
            // Said once per change of the error, not every few seconds.
            Err(err) => {
                let text = format!("Could not check {} for changes: {err}", file_name(path));
                if !self.messages.current().any(|m| m.text == text) {
                    self.messages.push(Message::warning(text));
                }
            }
        }
    }

    /// The reviewer chose to reload the changed document: re-anchor the set in memory
    /// (unsaved changes kept) and show the new text.
    pub(crate) fn reload_changed_document(&mut self) {
        let Some((meta, doc)) = self.doc_watch.pending.take() else {
            return;
        };
        self.commit_note();
        let Some(session) = &mut self.session else {
            return;
        };
        let mut set = session.set().clone();
        let summary = anchor_set(&mut set, &doc);
        let path = session.doc_path().to_path_buf();
        session.replace_document(Arc::clone(&doc), set, summary);
        self.doc_watch.known = meta;
        self.doc_watch.for_doc = Some(doc);
        self.frame.highlight_key = None;
        self.messages.clear_notices();
        self.messages.push(Message::warning(format!(
            "Reloaded {} and re-anchored: {summary}. Unsaved changes are kept; save to keep \
             the new places.",
            file_name(&path)
        )));
        if summary.kept_fingerprint {
            self.windows.prompt = Some(Prompt::OtherDocument {
                warning: summary.other_document_warning(),
            });
        }
    }

    /// The reviewer chose to go on with the old text: do not ask again for this version.
    pub(crate) fn keep_old_document_text(&mut self) {
        if let Some((meta, _)) = self.doc_watch.pending.take() {
            self.doc_watch.known = meta;
        }
    }

    /// The reviewer accepts the open document for a set that kept another fingerprint.
    pub(crate) fn accept_open_document(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        let mut accepted = session.set().clone();
        accept_document(&mut accepted, session.doc());
        self.apply_or_report(
            "Accept this document",
            crate::model::Edit::ReplaceContent(Box::new(accepted)),
        );
    }
}
