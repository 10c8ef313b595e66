//! File work off the UI thread: each job runs the store functions on a named thread and
//! sends its result back over a channel; the app loop picks results up each frame.
//!
//! Jobs that touch the same file run in order: each job has a [`Lane`] (the file it reads
//! or writes; all recovery copies share one), and a job whose lane is busy waits until the
//! job before it has reported back. So a slow recovery write can never land after the
//! removal that followed it, nor a reload overtake the save before it.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::export::Format;
use crate::model::{AnchorSummary, AnnotationSet, Document, anchor_set};
use crate::store::{
    self, DiskStamp, FileMeta, Fs, LoadedSet, MergedOnSave, Recovery, SetOnDisk, StoreError,
};

/// File work the app asks for.
#[derive(Debug)]
pub enum Job {
    /// Read a document, and its default annotation set if there is one, and anchor it.
    OpenDocument {
        /// The document.
        path: PathBuf,
        /// A recovered set to put in place of the one on disk (still anchored).
        restore: Option<Box<AnnotationSet>>,
    },
    /// Read an annotation set and anchor it against an open document.
    OpenSet {
        /// The set file.
        path: PathBuf,
        /// The open document.
        doc: Arc<Document>,
    },
    /// Read a teammate's set for the open document and anchor it, to merge into ours or
    /// show as a layer.
    ReadTeammateSet {
        /// The set file.
        path: PathBuf,
        /// The open document.
        doc: Arc<Document>,
        /// What it is read for.
        purpose: TeammatePurpose,
    },
    /// Save a set (atomically, refusing if a teammate changed the file on disk).
    Save {
        /// Where.
        path: PathBuf,
        /// The document the set belongs to (results for another document are stale).
        document: PathBuf,
        /// A snapshot of the set.
        set: Box<AnnotationSet>,
        /// What to do about a change on disk since the set was read.
        mode: SaveMode,
        /// The session's edit generation the snapshot was taken at.
        generation: u64,
    },
    /// Write a recovery copy of unsaved changes to the app data folder.
    WriteRecovery {
        /// Recovery folder.
        dir: PathBuf,
        /// The document the set belongs to.
        document: PathBuf,
        /// A snapshot of the set.
        set: Box<AnnotationSet>,
    },
    /// List recovery copies left by an earlier run.
    ListRecoveries {
        /// Recovery folder.
        dir: PathBuf,
    },
    /// Remove the recovery copy of a document (after save or discard).
    RemoveRecovery {
        /// Recovery folder.
        dir: PathBuf,
        /// The document.
        document: PathBuf,
    },
    /// Write the bundled sample document and its set to the data folder (each only if not
    /// there yet, so the reader's own work on it is kept) and open the document.
    WriteSample {
        /// Where to write the document.
        path: PathBuf,
        /// Its text.
        text: &'static str,
        /// The text of its annotation set (written to the default sidecar path).
        set_text: &'static str,
    },
    /// Write the files of an export (each atomically, in order).
    WriteExport {
        /// The format, for the messages.
        format: Format,
        /// Where each file goes and its bytes.
        files: Vec<(PathBuf, Vec<u8>)>,
    },
    /// Scan a folder as a desk ([`store::desk::scan_desk`]).
    ScanDesk {
        /// The folder.
        dir: PathBuf,
    },
    /// Fetch a web page into a folder with its set ([`store::fetch::fetch_to_folder`]).
    FetchPage {
        /// The address.
        url: String,
        /// The folder.
        dir: PathBuf,
        /// The retrieval time to record.
        now: chrono::DateTime<chrono::Utc>,
    },
    /// Write a new text document (never over an existing file), then open it.
    WriteNewDocument {
        /// Where.
        path: PathBuf,
        /// Its text.
        text: String,
    },
    /// Give annotations in other documents a verdict ([`store::desk::copy_verdict`]).
    CopyVerdict {
        /// The verdict.
        verdict: crate::model::Verdict,
        /// Each document and annotation.
        targets: Vec<(PathBuf, crate::model::AnnotationId)>,
        /// Who does it (for merges).
        who: String,
        /// When.
        now: chrono::DateTime<chrono::Utc>,
    },
    /// Agreement between reviewers, for the compare window.
    ComputeAgreement {
        /// What the window computes it for.
        key: crate::ui::state::commands::CompareKey,
        /// The document.
        doc: Arc<Document>,
        /// A, B, then the others.
        codings: Vec<crate::model::agreement::Coding>,
        /// Which reviewer each coding is.
        order: Vec<usize>,
    },
    /// Look whether the open document changed on disk: its size and time first (cheap);
    /// only when those differ from `known` is it read and its text compared.
    CheckDocument {
        /// The document.
        path: PathBuf,
        /// Its size and time when last checked (`None`: not yet, so read it once).
        known: Option<FileMeta>,
        /// The open document (what its text is compared with).
        doc: Arc<Document>,
    },
    /// Fetch an evidence web page and keep its copy beside the document
    /// ([`store::snapshot::take_snapshot`]); the evidence is added when it arrives.
    TakeSnapshot {
        /// The open document.
        document: PathBuf,
        /// The evidence (a web page) the copy is for; its address is fetched.
        evidence: Box<crate::model::Evidence>,
        /// The link to add with it; `None` for evidence already in the set (the copy is
        /// then recorded in it).
        link: Option<crate::model::Link>,
        /// The undo label of the addition.
        label: String,
        /// The retrieval time to record.
        now: chrono::DateTime<chrono::Utc>,
    },
    /// Remove a kept copy whose evidence could not be added
    /// ([`store::snapshot::discard_snapshot`]; best effort).
    DiscardSnapshot {
        /// The document it was kept for.
        document: PathBuf,
        /// The copy.
        snapshot: crate::model::Snapshot,
    },
    /// Check that the kept copies of web pages are there unchanged
    /// ([`store::snapshot::check_snapshot`]).
    CheckSnapshots {
        /// The open document.
        document: PathBuf,
        /// Each evidence item with a snapshot.
        snapshots: Vec<(crate::model::EvidenceId, crate::model::Snapshot)>,
    },
    /// Read a W3C annotation file to import ([`store::read_import_text`]).
    ReadImport {
        /// The file.
        path: PathBuf,
        /// The open document (results for another document are stale).
        doc: Arc<Document>,
    },
}

/// Why a teammate's set is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeammatePurpose {
    /// Merge it into ours.
    Merge,
    /// Show it as a read-only layer.
    Layer,
}

/// What a save does about a set file that changed on disk since it was read.
#[derive(Debug)]
pub enum SaveMode {
    /// Refuse with [`StoreError::ChangedOnDisk`] (the app then asks the reviewer).
    Refuse {
        /// The file's stamp when it was loaded or last saved (`None`: never read).
        loaded: Option<DiskStamp>,
    },
    /// Merge with the file on disk under the set's lock (the reviewer chose Merge).
    Merge {
        /// The set as it was read or last saved, with the file's stamp then.
        base: Option<Box<LoadedSet>>,
        /// Who we are, for conflicts.
        who: String,
    },
    /// Write over whatever is there (a new file the reviewer chose in the save dialog,
    /// which asked before replacing an existing one).
    Overwrite,
}

/// A finished save.
#[derive(Debug)]
pub struct SaveDone {
    /// The file's stamp now.
    pub stamp: DiskStamp,
    /// The set as sent to be saved.
    pub sent: Box<AnnotationSet>,
    /// What was merged in from disk, if the file had changed: the set as written (ours and
    /// theirs combined) and what the merge found.
    pub merged: Option<MergedOnSave>,
}

/// A document read from disk.
#[derive(Debug)]
pub struct OpenedDocument {
    /// Its path.
    pub path: PathBuf,
    /// Its canonical text.
    pub doc: Arc<Document>,
    /// The default sidecar path.
    pub set_path: PathBuf,
    /// The sidecar, if any.
    pub set: SetOnDisk,
    /// A recovered set, anchored, with its summary.
    pub restored: Option<(Box<AnnotationSet>, AnchorSummary)>,
    /// For a document that is not plain text: how its canonical text was obtained.
    pub extraction: Option<store::canonical::Extraction>,
}

/// What [`Job::CheckDocument`] found.
#[derive(Debug)]
pub enum DocumentCheck {
    /// The text is the open one (the file may have been touched): its size and time now.
    Same(Option<FileMeta>),
    /// The file holds another text now.
    Changed {
        /// Its size and time now.
        meta: Option<FileMeta>,
        /// The new text.
        doc: Arc<Document>,
    },
}

/// The result of a [`Job`].
pub enum JobResult {
    /// [`Job::OpenDocument`] finished.
    DocumentOpened(Result<Box<OpenedDocument>, StoreError>),
    /// [`Job::ReadTeammateSet`] finished.
    TeammateSetRead {
        /// The set file.
        path: PathBuf,
        /// The document it was anchored against.
        doc: Arc<Document>,
        /// What it was read for.
        purpose: TeammatePurpose,
        /// The set, or why it could not be read.
        result: Result<Box<AnnotationSet>, StoreError>,
    },
    /// [`Job::OpenSet`] finished.
    SetOpened {
        /// The set file.
        path: PathBuf,
        /// The document it was anchored against.
        doc: Arc<Document>,
        /// The set, its stamp and summary, or why it failed.
        result: Result<(Box<AnnotationSet>, DiskStamp, AnchorSummary), StoreError>,
    },
    /// [`Job::Save`] finished.
    Saved {
        /// Where.
        path: PathBuf,
        /// The document the set belongs to.
        document: PathBuf,
        /// The generation that was saved.
        generation: u64,
        /// What was written, or why it failed.
        result: Result<Box<SaveDone>, StoreError>,
    },
    /// [`Job::WriteRecovery`] finished.
    RecoveryWritten(Result<PathBuf, StoreError>),
    /// [`Job::ListRecoveries`] finished.
    Recoveries(Result<Vec<Recovery>, StoreError>),
    /// [`Job::RemoveRecovery`] finished.
    RecoveryRemoved(Result<(), StoreError>),
    /// [`Job::WriteSample`] finished: the path to open.
    SampleWritten(Result<PathBuf, StoreError>),
    /// [`Job::WriteExport`] finished.
    ExportWritten {
        /// The format written.
        format: Format,
        /// The files written, or why it failed (files written before the failure stay).
        result: Result<Vec<PathBuf>, StoreError>,
    },
    /// [`Job::ScanDesk`] finished.
    DeskScanned {
        /// The folder.
        dir: PathBuf,
        /// The desk, or why the folder could not be read.
        result: Result<Box<store::desk::Desk>, StoreError>,
    },
    /// [`Job::FetchPage`] finished: the page's path, or why not (one sentence).
    PageFetched(Result<PathBuf, String>),
    /// [`Job::WriteNewDocument`] finished: the path to open.
    NewDocumentWritten(Result<PathBuf, StoreError>),
    /// [`Job::CopyVerdict`] finished: how many annotations changed, or why not.
    VerdictCopied(Result<usize, StoreError>),
    /// [`Job::ComputeAgreement`] finished.
    AgreementComputed {
        /// What it was computed for.
        key: crate::ui::state::commands::CompareKey,
        /// Which reviewer each coding was.
        order: Vec<usize>,
        /// The figures and the disagreements of A and B, or why the job did not run.
        result: Result<Box<Agreed>, StoreError>,
    },
    /// [`Job::CheckDocument`] finished.
    DocumentChecked {
        /// The document.
        path: PathBuf,
        /// The open document it was compared with.
        doc: Arc<Document>,
        /// What was found, or why the file could not be read.
        result: Result<DocumentCheck, StoreError>,
    },
    /// [`Job::TakeSnapshot`] finished.
    SnapshotTaken {
        /// The document it was taken for.
        document: PathBuf,
        /// The evidence, without its snapshot yet.
        evidence: Box<crate::model::Evidence>,
        /// The link to add with it (`None`: the evidence is already in the set).
        link: Option<crate::model::Link>,
        /// The undo label of the addition.
        label: String,
        /// The snapshot, or why none was kept (one sentence naming the address).
        result: Result<crate::model::Snapshot, String>,
    },
    /// [`Job::DiscardSnapshot`] finished (nothing to report: it is best effort).
    SnapshotDiscarded,
    /// [`Job::CheckSnapshots`] finished.
    SnapshotsChecked {
        /// The document they were checked for.
        document: PathBuf,
        /// What each copy looks like on disk.
        states: Vec<(crate::model::EvidenceId, store::snapshot::SnapshotState)>,
    },
    /// [`Job::ReadImport`] finished.
    ImportRead {
        /// The file.
        path: PathBuf,
        /// The document it is meant for.
        doc: Arc<Document>,
        /// Its text, or why it could not be read.
        result: Result<String, StoreError>,
    },
}

/// The compare window's figures: agreement and the disagreements of A and B.
pub type Agreed = (
    crate::model::agreement::Agreement,
    Vec<crate::model::agreement::Disagreement>,
);

/// What a job touches: jobs in one lane run one after another, in the order asked.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Lane {
    /// The recovery folder (writing, removing and listing copies).
    Recovery,
    /// Computing (no file): agreement figures.
    Compute,
    /// One file: a document, a set, an export or an import file.
    File(PathBuf),
}

/// The file a lane names, for messages.
fn lane_path(lane: &Lane) -> PathBuf {
    match lane {
        Lane::File(path) => path.clone(),
        Lane::Recovery => PathBuf::from("the recovery folder"),
        Lane::Compute => PathBuf::from("the comparison"),
    }
}

impl Job {
    /// The lane this job runs in.
    pub fn lane(&self) -> Lane {
        match self {
            Self::WriteRecovery { .. }
            | Self::RemoveRecovery { .. }
            | Self::ListRecoveries { .. } => Lane::Recovery,
            Self::ComputeAgreement { .. } => Lane::Compute,
            Self::OpenDocument { path, .. }
            | Self::OpenSet { path, .. }
            | Self::ReadTeammateSet { path, .. }
            | Self::Save { path, .. }
            | Self::WriteSample { path, .. }
            | Self::WriteNewDocument { path, .. }
            | Self::CheckDocument { path, .. }
            | Self::ReadImport { path, .. } => Lane::File(path.clone()),
            Self::ScanDesk { dir } | Self::FetchPage { dir, .. } => Lane::File(dir.clone()),
            // A check queues behind a snapshot being written, so it sees the new copy.
            Self::TakeSnapshot { document, .. }
            | Self::CheckSnapshots { document, .. }
            | Self::DiscardSnapshot { document, .. } => Lane::File(snapshot_folder(document)),
            Self::CopyVerdict { targets, .. } => Lane::File(
                targets
                    .first()
                    .map_or_else(PathBuf::new, |(path, _)| path.clone()),
            ),
            Self::WriteExport { files, .. } => Lane::File(
                files
                    .first()
                    .map_or_else(PathBuf::new, |(path, _)| path.clone()),
            ),
        }
    }

    /// The name of the thread that runs it.
    fn thread_name(&self) -> &'static str {
        match self {
            Self::Save { .. } => "factmark-save",
            Self::WriteExport { .. } => "factmark-export",
            Self::ReadImport { .. } => "factmark-import",
            Self::WriteRecovery { .. }
            | Self::RemoveRecovery { .. }
            | Self::ListRecoveries { .. } => "factmark-recovery",
            Self::OpenDocument { .. }
            | Self::OpenSet { .. }
            | Self::ReadTeammateSet { .. }
            | Self::WriteSample { .. }
            | Self::ScanDesk { .. }
            | Self::WriteNewDocument { .. } => "factmark-load",
            Self::FetchPage { .. } | Self::TakeSnapshot { .. } => "factmark-fetch",
            Self::CheckSnapshots { .. } => "factmark-load",
            Self::DiscardSnapshot { .. } => "factmark-save",
            Self::CopyVerdict { .. } => "factmark-save",
            Self::CheckDocument { .. } => "factmark-watch",
            Self::ComputeAgreement { .. } => "factmark-compute",
        }
    }
}

/// Runs jobs on named threads, one lane at a time, and collects their results.
pub struct Worker {
    fs: Arc<dyn Fs>,
    sender: Sender<(Lane, JobResult)>,
    receiver: Receiver<(Lane, JobResult)>,
    /// Jobs waiting for the job running in their lane; a lane is here while a job runs in it.
    lanes: HashMap<Lane, VecDeque<Job>>,
    repaint: Option<egui::Context>,
}

impl Worker {
    /// A worker using `fs`; `repaint` is woken when a result arrives.
    pub fn new(fs: Arc<dyn Fs>, repaint: Option<egui::Context>) -> Self {
        let (sender, receiver) = channel();
        Self {
            fs,
            sender,
            receiver,
            lanes: HashMap::new(),
            repaint,
        }
    }

    /// How many jobs have not reported back yet (running or waiting for their lane).
    pub fn in_flight(&self) -> usize {
        self.lanes.values().map(|waiting| waiting.len() + 1).sum()
    }

    /// Start a job, or queue it behind the job running in its lane.
    pub fn spawn(&mut self, job: Job) -> Result<(), StoreError> {
        let lane = job.lane();
        if let Some(waiting) = self.lanes.get_mut(&lane) {
            waiting.push_back(job);
            return Ok(());
        }
        let path = lane_path(&lane);
        self.start(lane.clone(), job)
            .map_err(|err| StoreError::io(&path, "start work on", err))?;
        self.lanes.insert(lane, VecDeque::new());
        Ok(())
    }

    fn start(&self, lane: Lane, job: Job) -> Result<(), std::io::Error> {
        let name = job.thread_name();
        let fs = Arc::clone(&self.fs);
        let sender = self.sender.clone();
        let repaint = self.repaint.clone();
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                let result = run(fs.as_ref(), job);
                // The app may be gone (closing); then nobody needs the result.
                let _ = sender.send((lane, result));
                if let Some(ctx) = repaint {
                    ctx.request_repaint();
                }
            })
            .map(|_| ())
    }

    /// Results that arrived since the last call; starts the next job of each lane that
    /// finished. A job that cannot be started is reported as its own failed result.
    pub fn poll(&mut self) -> Vec<JobResult> {
        let arrived: Vec<(Lane, JobResult)> = self.receiver.try_iter().collect();
        let mut results = Vec::with_capacity(arrived.len());
        for (lane, result) in arrived {
            results.push(result);
            self.start_next(lane, &mut results);
        }
        results
    }

    fn start_next(&mut self, lane: Lane, results: &mut Vec<JobResult>) {
        loop {
            let Some(waiting) = self.lanes.get_mut(&lane) else {
                return;
            };
            let Some(job) = waiting.pop_front() else {
                self.lanes.remove(&lane);
                return;
            };
            let failed = job.failure();
            let path = lane_path(&lane);
            match self.start(lane.clone(), job) {
                Ok(()) => return,
                Err(err) => results.push(failed(StoreError::io(&path, "start work on", err))),
            }
        }
    }
}

impl Job {
    /// How this job reports a failure that happens before it runs (its thread could not be
    /// started): the same result it would send for a failure of its own.
    fn failure(&self) -> Box<dyn FnOnce(StoreError) -> JobResult> {
        match self {
            Self::OpenDocument { .. } => Box::new(|err| JobResult::DocumentOpened(Err(err))),
            Self::ReadTeammateSet { path, doc, purpose } => {
                let (path, doc, purpose) = (path.clone(), Arc::clone(doc), *purpose);
                Box::new(move |err| JobResult::TeammateSetRead {
                    path,
                    doc,
                    purpose,
                    result: Err(err),
                })
            }
            Self::OpenSet { path, doc } => {
                let (path, doc) = (path.clone(), Arc::clone(doc));
                Box::new(move |err| JobResult::SetOpened {
                    path,
                    doc,
                    result: Err(err),
                })
            }
            Self::Save {
                path,
                document,
                generation,
                ..
            } => {
                let (path, document, generation) = (path.clone(), document.clone(), *generation);
                Box::new(move |err| JobResult::Saved {
                    path,
                    document,
                    generation,
                    result: Err(err),
                })
            }
            Self::WriteRecovery { .. } => Box::new(|err| JobResult::RecoveryWritten(Err(err))),
            Self::ListRecoveries { .. } => Box::new(|err| JobResult::Recoveries(Err(err))),
            Self::RemoveRecovery { .. } => Box::new(|err| JobResult::RecoveryRemoved(Err(err))),
            Self::WriteSample { .. } => Box::new(|err| JobResult::SampleWritten(Err(err))),
            Self::WriteExport { format, .. } => {
                let format = *format;
                Box::new(move |err| JobResult::ExportWritten {
                    format,
                    result: Err(err),
                })
            }
            Self::CheckDocument { path, doc, .. } => {
                let (path, doc) = (path.clone(), Arc::clone(doc));
                Box::new(move |err| JobResult::DocumentChecked {
                    path,
                    doc,
                    result: Err(err),
                })
            }
            Self::ReadImport { path, doc } => {
                let (path, doc) = (path.clone(), Arc::clone(doc));
                Box::new(move |err| JobResult::ImportRead {
                    path,
                    doc,
                    result: Err(err),
                })
            }
            Self::ScanDesk { dir } => {
                let dir = dir.clone();
                Box::new(move |err| JobResult::DeskScanned {
                    dir,
                    result: Err(err),
                })
            }
            Self::FetchPage { .. } => Box::new(|err| JobResult::PageFetched(Err(err.to_string()))),
            Self::TakeSnapshot {
                document,
                evidence,
                link,
                label,
                ..
            } => {
                let (document, evidence, link, label) = (
                    document.clone(),
                    evidence.clone(),
                    link.clone(),
                    label.clone(),
                );
                Box::new(move |err| JobResult::SnapshotTaken {
                    document,
                    evidence,
                    link,
                    label,
                    result: Err(err.to_string()),
                })
            }
            Self::DiscardSnapshot { .. } => Box::new(|_| JobResult::SnapshotDiscarded),
            Self::CheckSnapshots {
                document,
                snapshots,
            } => {
                let document = document.clone();
                let ids: Vec<_> = snapshots.iter().map(|(id, _)| *id).collect();
                Box::new(move |err| JobResult::SnapshotsChecked {
                    document,
                    states: ids
                        .into_iter()
                        .map(|id| {
                            (
                                id,
                                store::snapshot::SnapshotState::Unreadable(err.to_string()),
                            )
                        })
                        .collect(),
                })
            }
            Self::WriteNewDocument { .. } => {
                Box::new(|err| JobResult::NewDocumentWritten(Err(err)))
            }
            Self::CopyVerdict { .. } => Box::new(|err| JobResult::VerdictCopied(Err(err))),
            Self::ComputeAgreement { key, order, .. } => {
                let (key, order) = (*key, order.clone());
                Box::new(move |err| JobResult::AgreementComputed {
                    key,
                    order,
                    result: Err(err),
                })
            }
        }
    }
}

fn run(fs: &dyn Fs, job: Job) -> JobResult {
    match job {
        Job::OpenDocument { path, restore } => {
            JobResult::DocumentOpened(open_document(fs, &path, restore).map(Box::new))
        }
        Job::CheckDocument { path, known, doc } => {
            let result = check_document(fs, &path, known, &doc);
            JobResult::DocumentChecked { path, doc, result }
        }
        Job::ReadTeammateSet { path, doc, purpose } => {
            let result = store::load_set(fs, &path).map(|loaded| {
                let mut set = loaded.set;
                anchor_set(&mut set, &doc);
                Box::new(set)
            });
            JobResult::TeammateSetRead {
                path,
                doc,
                purpose,
                result,
            }
        }
        Job::OpenSet { path, doc } => {
            let result = store::load_set(fs, &path).map(|loaded| {
                let mut set = loaded.set;
                let summary = anchor_set(&mut set, &doc);
                (Box::new(set), loaded.stamp, summary)
            });
            JobResult::SetOpened { path, doc, result }
        }
        Job::Save {
            path,
            document,
            set,
            mode,
            generation,
        } => {
            let result = save(fs, &path, set, mode).map(Box::new);
            JobResult::Saved {
                path,
                document,
                generation,
                result,
            }
        }
        Job::WriteRecovery { dir, document, set } => {
            JobResult::RecoveryWritten(store::write_recovery(fs, &dir, &document, &set))
        }
        Job::ListRecoveries { dir } => JobResult::Recoveries(store::list_recoveries(fs, &dir)),
        Job::RemoveRecovery { dir, document } => {
            JobResult::RecoveryRemoved(store::remove_recovery(fs, &dir, &document))
        }
        Job::WriteSample {
            path,
            text,
            set_text,
        } => JobResult::SampleWritten(
            write_if_missing(fs, &path, text)
                .and_then(|()| write_if_missing(fs, &store::default_sidecar_path(&path), set_text))
                .map(|()| path),
        ),
        Job::WriteExport { format, files } => JobResult::ExportWritten {
            format,
            result: write_export(fs, files),
        },
        Job::ReadImport { path, doc } => {
            let result = store::read_import_text(fs, &path);
            JobResult::ImportRead { path, doc, result }
        }
        Job::ScanDesk { dir } => {
            let result = store::max_document_bytes()
                .and_then(|max| store::desk::scan_desk(fs, &dir, max))
                .map(Box::new);
            JobResult::DeskScanned { dir, result }
        }
        Job::FetchPage { url, dir, now } => JobResult::PageFetched(
            store::fetch::fetch_to_folder(
                fs,
                &url,
                &dir,
                store::fetch::FetchLimits::default(),
                now,
            )
            .map_err(|err| err.to_string()),
        ),
        Job::TakeSnapshot {
            document,
            evidence,
            link,
            label,
            now,
        } => {
            let result = match &evidence.kind {
                crate::model::EvidenceKind::Url { url, .. } => store::snapshot::take_snapshot(
                    fs,
                    &document,
                    evidence.id,
                    url,
                    store::fetch::FetchLimits::default(),
                    now,
                )
                .map_err(|err| err.to_string()),
                _ => Err("only a web page can be kept as a snapshot".to_owned()),
            };
            JobResult::SnapshotTaken {
                document,
                evidence,
                link,
                label,
                result,
            }
        }
        Job::DiscardSnapshot { document, snapshot } => {
            store::snapshot::discard_snapshot(
                fs,
                &store::snapshot::document_dir(&document),
                &snapshot,
            );
            JobResult::SnapshotDiscarded
        }
        Job::CheckSnapshots {
            document,
            snapshots,
        } => {
            let dir = store::snapshot::document_dir(&document);
            let max = store::fetch::FetchLimits::default().max_bytes;
            let states = snapshots
                .into_iter()
                .map(|(id, snapshot)| {
                    (
                        id,
                        store::snapshot::check_snapshot(fs, &dir, &snapshot, max),
                    )
                })
                .collect();
            JobResult::SnapshotsChecked { document, states }
        }
        Job::WriteNewDocument { path, text } => {
            JobResult::NewDocumentWritten(write_new_document(fs, &path, &text).map(|()| path))
        }
        Job::CopyVerdict {
            verdict,
            targets,
            who,
            now,
        } => JobResult::VerdictCopied(
            store::max_document_bytes()
                .and_then(|max| store::desk::copy_verdict(fs, &targets, verdict, &who, now, max)),
        ),
        Job::ComputeAgreement {
            key,
            doc,
            codings,
            order,
        } => JobResult::AgreementComputed {
            key,
            order,
            result: Ok(Box::new(crate::ui::windows::compare::compute(
                &doc, &codings,
            ))),
        },
    }
}

/// The snapshot folder of a document (the lane its snapshot jobs share).
fn snapshot_folder(document: &Path) -> PathBuf {
    let name = document
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    store::snapshot::document_dir(document)
        .join(crate::model::snapshot::snapshot_folder_name(&name))
}

/// Write a new document, refusing to replace a file that is there.
fn write_new_document(fs: &dyn Fs, path: &Path, text: &str) -> Result<(), StoreError> {
    if fs.stamp(path)?.is_some() {
        return Err(StoreError::io(
            path,
            "create",
            std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "a file is already there; choose a new name",
            ),
        ));
    }
    fs.write_atomic(path, text.as_bytes(), false)
}

fn save(
    fs: &dyn Fs,
    path: &Path,
    set: Box<AnnotationSet>,
    mode: SaveMode,
) -> Result<SaveDone, StoreError> {
    let (stamp, merged) = match mode {
        SaveMode::Refuse { loaded } => (
            store::save_set(fs, path, &set, loaded.as_ref(), false)?,
            None,
        ),
        SaveMode::Overwrite => (store::save_set(fs, path, &set, None, true)?, None),
        SaveMode::Merge { base, who } => {
            let saved = store::save_set_merging(fs, path, &set, base.as_deref(), &who)?;
            (saved.stamp, saved.merged)
        }
    };
    // The set as the file now holds it: with the revision this save gave it, so the next
    // save names it as an ancestor.
    let sent = match &merged {
        Some(_) => set,
        None => Box::new(store::written_set(&set, &stamp)?),
    };
    Ok(SaveDone {
        stamp,
        sent,
        merged,
    })
}

fn write_export(fs: &dyn Fs, files: Vec<(PathBuf, Vec<u8>)>) -> Result<Vec<PathBuf>, StoreError> {
    let mut written = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        fs.write_atomic(&path, &bytes, false)?;
        written.push(path);
    }
    Ok(written)
}

fn open_document(
    fs: &dyn Fs,
    path: &Path,
    restore: Option<Box<AnnotationSet>>,
) -> Result<OpenedDocument, StoreError> {
    let max_bytes = store::max_document_bytes()?;
    let opened = store::open_document_with_set(fs, path, None, max_bytes)?;
    let doc = opened.doc;
    let restored = restore.map(|mut set| {
        let summary = anchor_set(&mut set, &doc);
        (set, summary)
    });
    Ok(OpenedDocument {
        path: path.to_path_buf(),
        doc: Arc::new(doc),
        set_path: opened.set_path,
        set: opened.set,
        restored,
        extraction: opened.extraction,
    })
}

/// [`Job::CheckDocument`]: size and time first; the text only when they changed. A file
/// that is gone counts as unchanged (the open text stays; saving still works).
fn check_document(
    fs: &dyn Fs,
    path: &Path,
    known: Option<FileMeta>,
    doc: &Document,
) -> Result<DocumentCheck, StoreError> {
    let meta = fs.metadata(path)?;
    if meta.is_none() || (known.is_some() && meta == known) {
        return Ok(DocumentCheck::Same(meta));
    }
    let max = store::max_document_bytes()?;
    // A PDF, DOCX or HTML original is compared through its canonical text, as it opens.
    let now = if store::extract::Format::of_path(path).is_extracted() {
        store::open_document_with_set(fs, path, None, max)?.doc
    } else {
        store::load_document(fs, path, max)?
    };
    if now.fingerprint() == doc.fingerprint() {
        Ok(DocumentCheck::Same(meta))
    } else {
        Ok(DocumentCheck::Changed {
            meta,
            doc: Arc::new(now),
        })
    }
}

fn write_if_missing(fs: &dyn Fs, path: &Path, text: &str) -> Result<(), StoreError> {
    if fs.stamp(path)?.is_none() {
        if let Some(dir) = path.parent() {
            fs.create_dir_all(dir)?;
        }
        fs.write_atomic(path, text.as_bytes(), false)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    use chrono::TimeZone as _;

    use crate::store::FaultyFs;

    fn wait_for(worker: &mut Worker, count: usize) -> Vec<JobResult> {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut results = Vec::new();
        while results.len() < count {
            assert!(Instant::now() < deadline, "jobs did not finish in 10 s");
            results.extend(worker.poll());
            std::thread::sleep(Duration::from_millis(2));
        }
        results
    }

    fn small_set() -> Box<AnnotationSet> {
        let now = chrono::Utc
            .with_ymd_and_hms(2026, 12, 1, 10, 0, 0)
            .single()
            .expect("valid time");
        Box::new(AnnotationSet::new(
            &Document::new("text"),
            "doc.txt",
            "t",
            now,
        ))
    }

    /// Regression: every job ran on its own thread in no order, so a slow recovery write
    /// could land after the removal that followed a save, and the next start offered stale
    /// "recovered" work.
    #[test]
    fn a_slow_recovery_write_never_lands_after_its_removal() {
        let dir = tempfile::tempdir().expect("temp dir");
        let recovery = dir.path().join("recovery");
        let document = dir.path().join("doc.txt");
        let fs = Arc::new(FaultyFs::new());
        let release = fs.hold(&store::recovery_path(&recovery, &document));
        let mut worker = Worker::new(fs, None);
        worker
            .spawn(Job::WriteRecovery {
                dir: recovery.clone(),
                document: document.clone(),
                set: small_set(),
            })
            .expect("started");
        worker
            .spawn(Job::RemoveRecovery {
                dir: recovery.clone(),
                document: document.clone(),
            })
            .expect("queued");
        assert_eq!(worker.in_flight(), 2);
        std::thread::sleep(Duration::from_millis(50));
        assert!(worker.poll().is_empty(), "the removal waits for the write");

        release.send(()).expect("gate open");
        let results = wait_for(&mut worker, 2);
        assert!(matches!(
            results.first(),
            Some(JobResult::RecoveryWritten(Ok(_)))
        ));
        assert!(matches!(
            results.get(1),
            Some(JobResult::RecoveryRemoved(Ok(())))
        ));
        assert!(!store::recovery_path(&recovery, &document).exists());
        assert_eq!(worker.in_flight(), 0);
    }

    #[test]
    fn work_on_another_file_does_not_wait() {
        let dir = tempfile::tempdir().expect("temp dir");
        let import = dir.path().join("import.json");
        std::fs::write(&import, "{}").expect("write");
        let (recovery, document) = (dir.path().join("recovery"), dir.path().join("doc.txt"));
        let fs = Arc::new(FaultyFs::new());
        let release = fs.hold(&store::recovery_path(&recovery, &document));
        let mut worker = Worker::new(fs, None);
        worker
            .spawn(Job::WriteRecovery {
                dir: recovery,
                document,
                set: small_set(),
            })
            .expect("started");
        worker
            .spawn(Job::ReadImport {
                path: import,
                doc: Arc::new(Document::new("text")),
            })
            .expect("started");
        let results = wait_for(&mut worker, 1);
        assert!(
            matches!(
                results.first(),
                Some(JobResult::ImportRead { result: Ok(_), .. })
            ),
            "the import ran while the recovery write was held"
        );
        release.send(()).expect("gate open");
        wait_for(&mut worker, 1);
        assert_eq!(worker.in_flight(), 0);
    }
}
