//! The app's side of evidence snapshots (issue 12): keeping a copy of a cited web page runs
//! on the worker, and the evidence is added (one undoable step) when the copy arrives;
//! the kept copies of the open set are checked on the worker whenever they change, so the
//! panels can mark one that is missing or changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::model::{Edit, Evidence, EvidenceId, EvidenceKind, Link, Snapshot};
use crate::store::snapshot::SnapshotState;
use crate::ui::app::FactmarkApp;
use crate::ui::app::worker::Job;
use crate::ui::state::messages::Message;
use crate::ui::text::labels::file_name;

/// The snapshot records last sent to be checked, with their document.
#[derive(Debug, Default)]
pub(crate) struct Checked {
    sent: Option<(PathBuf, Vec<(EvidenceId, Snapshot)>)>,
}

impl FactmarkApp {
    /// Fetch the evidence's page on the worker; [`Self::snapshot_taken`] adds it (with
    /// `link`), or records the copy in it when it is already in the set (`link` is `None`).
    pub(crate) fn keep_snapshot(
        &mut self,
        label: String,
        evidence: Box<Evidence>,
        link: Option<Link>,
    ) {
        let Some(session) = &self.session else {
            return;
        };
        let document = session.doc_path().to_path_buf();
        self.messages.push(Message::info(if link.is_some() {
            format!(
                "Keeping a copy of {:?} …; the evidence is added when it arrives.",
                evidence.title
            )
        } else {
            format!("Keeping a copy of {:?} …", evidence.title)
        }));
        self.spawn(Job::TakeSnapshot {
            document,
            evidence,
            link,
            label,
            now: Self::now(),
        });
    }

    /// Keep a copy of web page evidence that is already in the set (it has none yet).
    pub(crate) fn snapshot_existing(&mut self, id: EvidenceId) {
        let Some(evidence) = self
            .session
            .as_ref()
            .and_then(|session| session.set().evidence_item(id))
            .filter(|e| e.snapshot.is_none() && matches!(e.kind, EvidenceKind::Url { .. }))
            .cloned()
        else {
            return;
        };
        self.keep_snapshot(
            "Keep a copy of evidence".to_owned(),
            Box::new(evidence),
            None,
        );
    }

    /// A snapshot arrived (or failed): add the evidence with it and its link, one step; or,
    /// for evidence already in the set, record the copy in it (one step).
    pub(crate) fn snapshot_taken(
        &mut self,
        document: &Path,
        mut evidence: Evidence,
        link: Option<Link>,
        label: &str,
        result: Result<Snapshot, String>,
    ) {
        let snapshot = match result {
            Ok(snapshot) => snapshot,
            Err(err) if link.is_none() => {
                self.messages.push(Message::error(format!(
                    "Could not keep a copy: {err}. The evidence stays as it was; try later."
                )));
                return;
            }
            Err(err) => {
                self.messages.push(Message::error(format!(
                    "Could not keep a copy: {err}. The evidence was not added; add it again \
                     without \u{201c}Keep a copy\u{201d}, or try later."
                )));
                return;
            }
        };
        if self
            .session
            .as_ref()
            .is_none_or(|session| session.doc_path() != document)
        {
            self.messages.push(Message::warning(format!(
                "The copy of {:?} arrived after {} was closed, so the evidence was not added.",
                evidence.title,
                file_name(document),
            )));
            self.discard_copy(document, snapshot);
            return;
        }
        let edit = match link {
            Some(link) => {
                evidence.snapshot = Some(snapshot.clone());
                Edit::Batch(vec![Edit::AddEvidence(evidence), Edit::AddLink(link)])
            }
            None => {
                // The evidence as it is now (it may have been edited while the page came),
                // if it is still there and still without a copy.
                let current = self
                    .session
                    .as_ref()
                    .and_then(|session| session.set().evidence_item(evidence.id))
                    .filter(|e| e.snapshot.is_none() && e.kind == evidence.kind)
                    .cloned();
                let Some(mut current) = current else {
                    self.messages.push(Message::warning(format!(
                        "The copy of {:?} arrived after the evidence was changed or removed, \
                         so it was not kept.",
                        evidence.title
                    )));
                    self.discard_copy(document, snapshot);
                    return;
                };
                current.snapshot = Some(snapshot.clone());
                Edit::UpdateEvidence(current)
            }
        };
        if !self.apply_or_report(label, edit) {
            self.discard_copy(document, snapshot);
        }
    }

    /// Remove a new copy whose evidence was not added (nothing refers to it).
    fn discard_copy(&mut self, document: &Path, snapshot: Snapshot) {
        self.spawn(Job::DiscardSnapshot {
            document: document.to_path_buf(),
            snapshot,
        });
    }

    /// Send the open set's snapshots to be checked when they differ from the last sent.
    pub(crate) fn snapshot_check_tick(&mut self) {
        let Some(session) = &self.session else {
            self.snapshots_checked = Checked::default();
            return;
        };
        let records: Vec<(EvidenceId, Snapshot)> = session
            .set()
            .evidence
            .iter()
            .filter_map(|e| e.snapshot.clone().map(|s| (e.id, s)))
            .collect();
        let document = session.doc_path();
        let unchanged = self
            .snapshots_checked
            .sent
            .as_ref()
            .is_some_and(|(doc, sent)| doc == document && *sent == records);
        if unchanged {
            return;
        }
        let document = document.to_path_buf();
        self.snapshots_checked.sent = Some((document.clone(), records.clone()));
        if records.is_empty() {
            if let Some(session) = &mut self.session {
                session.snapshot_states.clear();
            }
            return;
        }
        self.spawn(Job::CheckSnapshots {
            document,
            snapshots: records,
        });
    }

    /// What the worker found about the kept copies of `document`.
    pub(crate) fn snapshots_checked(
        &mut self,
        document: &Path,
        states: Vec<(EvidenceId, SnapshotState)>,
    ) {
        let Some(session) = &mut self.session else {
            return;
        };
        if session.doc_path() != document {
            return;
        }
        session.snapshot_states = states.into_iter().collect::<HashMap<_, _>>();
    }
}
