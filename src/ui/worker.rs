//! File work off the UI thread: each job runs the store functions on a named thread and
//! sends its result back over a channel; the app loop picks results up each frame.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::export::Format;
use crate::model::{AnchorSummary, AnnotationSet, Document, anchor_set};
use crate::store::{self, DiskStamp, Fs, Recovery, StoreError};

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
    /// Save a set (atomically, refusing if a teammate changed the file on disk).
    Save {
        /// Where.
        path: PathBuf,
        /// The document the set belongs to (results for another document are stale).
        document: PathBuf,
        /// A snapshot of the set.
        set: Box<AnnotationSet>,
        /// The file's stamp when it was loaded or last saved.
        loaded: Option<DiskStamp>,
        /// Overwrite even if it changed on disk (the user chose the path in a dialog).
        force: bool,
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
    /// Read a W3C annotation file to import (at most [`MAX_IMPORT_BYTES`], UTF-8).
    ReadImport {
        /// The file.
        path: PathBuf,
        /// The open document (results for another document are stale).
        doc: Arc<Document>,
    },
}

/// Largest W3C annotation file the app imports (64 MiB).
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// What became of an annotation set while opening.
#[derive(Debug)]
pub enum SetLoad {
    /// Loaded and anchored.
    Loaded {
        /// The set.
        set: Box<AnnotationSet>,
        /// The file's stamp, to detect a teammate's change at save time.
        stamp: DiskStamp,
        /// How its annotations anchored.
        summary: AnchorSummary,
    },
    /// There is no set file yet.
    Missing,
    /// Written by a newer factmark: shown read-only (saving would lose what this build does
    /// not understand), never written back.
    ReadOnly {
        /// What this build could read of it.
        set: Box<AnnotationSet>,
        /// How its annotations anchored.
        summary: AnchorSummary,
        /// Why it is read-only.
        reason: String,
    },
    /// The file exists but could not be read; it must not be overwritten.
    Failed(String),
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
    pub set: SetLoad,
    /// A recovered set, anchored, with its summary.
    pub restored: Option<(Box<AnnotationSet>, AnchorSummary)>,
}

/// The result of a [`Job`].
pub enum JobResult {
    /// [`Job::OpenDocument`] finished.
    DocumentOpened(Result<Box<OpenedDocument>, String>),
    /// [`Job::OpenSet`] finished.
    SetOpened {
        /// The set file.
        path: PathBuf,
        /// The document it was anchored against.
        doc: Arc<Document>,
        /// The set, its stamp and summary, or why it failed.
        result: Result<(Box<AnnotationSet>, DiskStamp, AnchorSummary), String>,
    },
    /// [`Job::Save`] finished.
    Saved {
        /// Where.
        path: PathBuf,
        /// The document the set belongs to.
        document: PathBuf,
        /// The generation that was saved.
        generation: u64,
        /// The new stamp, or why it failed.
        result: Result<DiskStamp, StoreError>,
    },
    /// [`Job::WriteRecovery`] finished.
    RecoveryWritten(Result<PathBuf, String>),
    /// [`Job::ListRecoveries`] finished.
    Recoveries(Result<Vec<Recovery>, String>),
    /// [`Job::RemoveRecovery`] finished.
    RecoveryRemoved(Result<(), String>),
    /// [`Job::WriteSample`] finished: the path to open.
    SampleWritten(Result<PathBuf, String>),
    /// [`Job::WriteExport`] finished.
    ExportWritten {
        /// The format written.
        format: Format,
        /// The files written, or why it failed (files written before the failure stay).
        result: Result<Vec<PathBuf>, String>,
    },
    /// [`Job::ReadImport`] finished.
    ImportRead {
        /// The file.
        path: PathBuf,
        /// The document it is meant for.
        doc: Arc<Document>,
        /// Its text, or why it could not be read.
        result: Result<String, String>,
    },
}

/// Runs jobs on named threads and collects their results.
pub struct Worker {
    fs: Arc<dyn Fs>,
    sender: Sender<JobResult>,
    receiver: Receiver<JobResult>,
    in_flight: usize,
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
            in_flight: 0,
            repaint,
        }
    }

    /// How many jobs have not reported back yet.
    pub fn in_flight(&self) -> usize {
        self.in_flight
    }

    /// Start a job on its own named thread.
    pub fn spawn(&mut self, job: Job) -> Result<(), String> {
        let name = match job {
            Job::Save { .. } => "factmark-save",
            Job::WriteExport { .. } => "factmark-export",
            Job::ReadImport { .. } => "factmark-import",
            Job::WriteRecovery { .. } | Job::RemoveRecovery { .. } | Job::ListRecoveries { .. } => {
                "factmark-recovery"
            }
            Job::OpenDocument { .. } | Job::OpenSet { .. } | Job::WriteSample { .. } => {
                "factmark-load"
            }
        };
        let fs = Arc::clone(&self.fs);
        let sender = self.sender.clone();
        let repaint = self.repaint.clone();
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                let result = run(fs.as_ref(), job);
                // The app may be gone (closing); then nobody needs the result.
                let _ = sender.send(result);
                if let Some(ctx) = repaint {
                    ctx.request_repaint();
                }
            })
            .map_err(|err| format!("could not start a {name} thread: {err}"))?;
        self.in_flight += 1;
        Ok(())
    }

    /// Results that arrived since the last call.
    pub fn poll(&mut self) -> Vec<JobResult> {
        let results: Vec<JobResult> = self.receiver.try_iter().collect();
        self.in_flight = self.in_flight.saturating_sub(results.len());
        results
    }
}

fn run(fs: &dyn Fs, job: Job) -> JobResult {
    match job {
        Job::OpenDocument { path, restore } => {
            JobResult::DocumentOpened(open_document(fs, &path, restore).map(Box::new))
        }
        Job::OpenSet { path, doc } => {
            let result = store::load_set(fs, &path)
                .map(|loaded| {
                    let mut set = loaded.set;
                    let summary = anchor_set(&mut set, &doc);
                    (Box::new(set), loaded.stamp, summary)
                })
                .map_err(|err| err.to_string());
            JobResult::SetOpened { path, doc, result }
        }
        Job::Save {
            path,
            document,
            set,
            loaded,
            force,
            generation,
        } => {
            let result = store::save_set(fs, &path, &set, loaded.as_ref(), force);
            JobResult::Saved {
                path,
                document,
                generation,
                result,
            }
        }
        Job::WriteRecovery { dir, document, set } => JobResult::RecoveryWritten(
            store::write_recovery(fs, &dir, &document, &set).map_err(|err| err.to_string()),
        ),
        Job::ListRecoveries { dir } => {
            JobResult::Recoveries(store::list_recoveries(fs, &dir).map_err(|err| err.to_string()))
        }
        Job::RemoveRecovery { dir, document } => JobResult::RecoveryRemoved(
            store::remove_recovery(fs, &dir, &document).map_err(|err| err.to_string()),
        ),
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
            let result = read_import(fs, &path);
            JobResult::ImportRead { path, doc, result }
        }
    }
}

fn write_export(fs: &dyn Fs, files: Vec<(PathBuf, Vec<u8>)>) -> Result<Vec<PathBuf>, String> {
    let mut written = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        fs.write_atomic(&path, &bytes, false)
            .map_err(|err| err.to_string())?;
        written.push(path);
    }
    Ok(written)
}

fn read_import(fs: &dyn Fs, path: &Path) -> Result<String, String> {
    let bytes = fs
        .read(path, MAX_IMPORT_BYTES)
        .map_err(|err| err.to_string())?;
    String::from_utf8(bytes).map_err(|err| {
        format!(
            "{} is not UTF-8 (invalid byte at {}); W3C annotations are JSON in UTF-8",
            path.display(),
            err.utf8_error().valid_up_to()
        )
    })
}

fn open_document(
    fs: &dyn Fs,
    path: &Path,
    restore: Option<Box<AnnotationSet>>,
) -> Result<OpenedDocument, String> {
    let max_bytes = store::max_document_bytes().map_err(|err| err.to_string())?;
    let opened =
        store::open_document_with_set(fs, path, None, max_bytes).map_err(|err| err.to_string())?;
    let set = match opened.set {
        store::SetOnDisk::Loaded {
            set,
            stamp,
            summary,
            ..
        } => SetLoad::Loaded {
            set,
            stamp,
            summary,
        },
        store::SetOnDisk::Missing => SetLoad::Missing,
        store::SetOnDisk::ReadOnly {
            set,
            summary,
            reason,
        } => SetLoad::ReadOnly {
            set,
            summary,
            reason: reason.to_string(),
        },
        store::SetOnDisk::Failed(err) => SetLoad::Failed(err.to_string()),
    };
    let doc = opened.doc;
    let restored = restore.map(|mut set| {
        let summary = anchor_set(&mut set, &doc);
        (set, summary)
    });
    Ok(OpenedDocument {
        path: path.to_path_buf(),
        doc: Arc::new(doc),
        set_path: opened.set_path,
        set,
        restored,
    })
}

fn write_if_missing(fs: &dyn Fs, path: &Path, text: &str) -> Result<(), String> {
    let existing = fs.stamp(path).map_err(|err| err.to_string())?;
    if existing.is_none() {
        if let Some(dir) = path.parent() {
            fs.create_dir_all(dir).map_err(|err| err.to_string())?;
        }
        fs.write_atomic(path, text.as_bytes(), false)
            .map_err(|err| err.to_string())?;
    }
    Ok(())
}
