//! Snapshots of cited web pages on disk: fetch a page with the one client
//! ([`crate::store::fetch::fetch`]) and keep it in `<document>.factmark.evidence/` beside
//! the document, and later check that the kept copy is still there and unchanged.
//! `factmark evidence add --snapshot`, `factmark check` and the app all come here.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use sha2::{Digest as _, Sha256};

use crate::model::set::{EvidenceId, Snapshot};
use crate::model::snapshot::{snapshot_extension, snapshot_path, snapshot_problem};
use crate::model::text::hex;
use crate::store::StoreError;
use crate::store::fetch::{FetchError, FetchLimits, fetch};
use crate::store::fs::Fs;

/// Fetch `url` within `limits` and keep the body as the snapshot of evidence `id` of the
/// document at `doc_path` (written atomically; its folder is made if needed). Returns the
/// record to put in the evidence, retrieved at `now`. If the fetch fails nothing is written.
pub fn take_snapshot(
    fs: &dyn Fs,
    doc_path: &Path,
    id: EvidenceId,
    url: &str,
    limits: FetchLimits,
    now: DateTime<Utc>,
) -> Result<Snapshot, FetchError> {
    let name = doc_path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| {
            StoreError::io(
                doc_path,
                "keep a snapshot beside",
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "its file name is not valid Unicode; rename the document",
                ),
            )
        })?
        .to_owned();
    let fetched = fetch(url, limits)?;
    let ext = snapshot_extension(fetched.content_type.as_deref(), &fetched.final_url);
    let relative = snapshot_path(&name, id, ext);
    let dir = document_dir(doc_path);
    let target = crate::store::resolve_relative(&dir, &relative)?;
    let folder = target.parent().map(Path::to_path_buf);
    let made_folder = match &folder {
        Some(folder) if fs.metadata(folder)?.is_none() => {
            fs.create_dir_all(folder)?;
            true
        }
        _ => false,
    };
    if let Err(err) = fs.write_atomic(&target, &fetched.bytes, false) {
        // A first copy that could not be written leaves no empty folder behind.
        if let Some(folder) = folder.filter(|_| made_folder) {
            fs.remove_empty_dir(&folder);
        }
        return Err(err.into());
    }
    Ok(Snapshot {
        path: relative,
        sha256: fetched.sha256,
        retrieved: now,
        final_url: fetched.final_url,
        content_type: fetched.content_type,
    })
}

/// Remove a snapshot just written for evidence that was then not saved (best effort: the
/// copy is new, so nothing else refers to it).
pub fn discard_snapshot(fs: &dyn Fs, doc_dir: &Path, snapshot: &Snapshot) {
    if let Ok(path) = crate::store::resolve_relative(doc_dir, &snapshot.path) {
        let _ = fs.remove_file(&path);
        // The folder goes too when this was its only copy.
        if let Some(folder) = path.parent() {
            fs.remove_empty_dir(folder);
        }
    }
}

/// The folder a document is in (`.` for a bare file name).
pub fn document_dir(doc_path: &Path) -> PathBuf {
    match doc_path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// What a kept copy looks like on disk now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotState {
    /// There, with the recorded SHA-256.
    Kept,
    /// Not there.
    Missing,
    /// There, but its bytes have another SHA-256 (given).
    Changed(String),
    /// The record is unsafe and was not looked at (why).
    Unsafe(String),
    /// It could not be read (why).
    Unreadable(String),
}

impl SnapshotState {
    /// A warning for the reviewer, or `None` when the copy is kept as recorded.
    pub fn warning(&self, snapshot: &Snapshot) -> Option<String> {
        let path = &snapshot.path;
        match self {
            Self::Kept => None,
            Self::Missing => Some(format!(
                "snapshot {path} is missing; restore it from version control or a backup \
                 (the live link still works while the page is up)"
            )),
            Self::Changed(found) => Some(format!(
                "snapshot {path} has changed since it was retrieved (SHA-256 {} recorded, {} \
                 found); restore the original copy",
                short_hash(&snapshot.sha256),
                short_hash(found)
            )),
            Self::Unsafe(reason) => Some(format!("snapshot not checked: {reason}")),
            Self::Unreadable(reason) => Some(format!("snapshot {path} cannot be read: {reason}")),
        }
    }
}

/// The first 12 hex digits of a hash, for messages.
pub fn short_hash(sha256: &str) -> &str {
    sha256.get(..12).unwrap_or(sha256)
}

/// Is the snapshot still in `doc_dir` with its recorded SHA-256? Reads at most `max_bytes`.
pub fn check_snapshot(
    fs: &dyn Fs,
    doc_dir: &Path,
    snapshot: &Snapshot,
    max_bytes: u64,
) -> SnapshotState {
    if let Some(reason) = snapshot_problem(snapshot) {
        return SnapshotState::Unsafe(reason);
    }
    let path = match crate::store::resolve_relative(doc_dir, &snapshot.path) {
        Ok(path) => path,
        Err(err) => return SnapshotState::Unsafe(err.to_string()),
    };
    match fs.metadata(&path) {
        Ok(None) => return SnapshotState::Missing,
        Ok(Some(_)) => {}
        Err(err) => return SnapshotState::Unreadable(err.to_string()),
    }
    match fs.read(&path, max_bytes) {
        Ok(bytes) => {
            let found = hex(&Sha256::digest(&bytes));
            if found == snapshot.sha256 {
                SnapshotState::Kept
            } else {
                SnapshotState::Changed(found)
            }
        }
        Err(err) => SnapshotState::Unreadable(err.to_string()),
    }
}
