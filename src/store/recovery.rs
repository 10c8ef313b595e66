//! Crash-recovery copies of unsaved sets, kept in the app's data folder (never beside the
//! shared file, so a teammate never sees them).
//!
//! One file per document, named from a hash of the document's absolute path:
//! `<16 hex digits>.recovery.ron`, holding the document path and the set.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::model::set::AnnotationSet;
use crate::model::text::hex;
use crate::store::error::StoreError;
use crate::store::fs::Fs;
use crate::store::sidecar::{MAX_SET_BYTES, parse_error};

/// Suffix of recovery files.
const RECOVERY_SUFFIX: &str = ".recovery.ron";

/// A recovery copy found on disk.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovery {
    /// The recovery file.
    pub path: PathBuf,
    /// The document the set annotates.
    pub document: PathBuf,
    /// The unsaved set.
    pub set: AnnotationSet,
    /// When the copy was written (the file's modification time).
    pub saved: SystemTime,
}

/// What a recovery file holds.
#[derive(Serialize, Deserialize)]
struct RecoveryFile {
    document: String,
    set: AnnotationSet,
}

/// The document path as recorded: absolute (not resolved through symlinks).
fn absolute(document: &Path) -> PathBuf {
    std::path::absolute(document).unwrap_or_else(|_| document.to_path_buf())
}

/// Where the recovery copy for `document` lives in `dir`.
pub fn recovery_path(dir: &Path, document: &Path) -> PathBuf {
    let key = absolute(document);
    let digest = Sha256::digest(key.to_string_lossy().as_bytes());
    let short = hex(digest.get(..8).unwrap_or_default());
    dir.join(format!("{short}{RECOVERY_SUFFIX}"))
}

/// Write (atomically, replacing any older copy) the recovery copy of `set` for `document`.
pub fn write_recovery(
    fs: &dyn Fs,
    dir: &Path,
    document: &Path,
    set: &AnnotationSet,
) -> Result<PathBuf, StoreError> {
    fs.create_dir_all(dir)?;
    let path = recovery_path(dir, document);
    let mut set = set.clone();
    set.normalize();
    let file = RecoveryFile {
        document: absolute(document).to_string_lossy().into_owned(),
        set,
    };
    let config = ron::ser::PrettyConfig::new().new_line("\n");
    let mut text =
        ron::ser::to_string_pretty(&file, config).map_err(|e| StoreError::Serialize {
            path: path.clone(),
            message: e.to_string(),
        })?;
    text.push('\n');
    fs.write_atomic(&path, text.as_bytes(), false)?;
    Ok(path)
}

/// Every readable recovery copy in `dir`, sorted by document path; unreadable ones are skipped (see
/// [`scan_recoveries`] to get their errors too). A missing folder holds none.
pub fn list_recoveries(fs: &dyn Fs, dir: &Path) -> Result<Vec<Recovery>, StoreError> {
    scan_recoveries(fs, dir).map(|(found, _problems)| found)
}

/// Every recovery copy in `dir`, sorted by document path, plus the errors of files that could not be
/// read (left on disk for the user to inspect).
pub fn scan_recoveries(
    fs: &dyn Fs,
    dir: &Path,
) -> Result<(Vec<Recovery>, Vec<StoreError>), StoreError> {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for path in fs.list_dir(dir)? {
        let is_recovery = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(RECOVERY_SUFFIX) && !n.starts_with('.'));
        if !is_recovery {
            continue;
        }
        match read_recovery(fs, &path) {
            Ok(recovery) => found.push(recovery),
            Err(err) => problems.push(err),
        }
    }
    found.sort_by(|a, b| (&a.document, &a.path).cmp(&(&b.document, &b.path)));
    Ok((found, problems))
}

fn read_recovery(fs: &dyn Fs, path: &Path) -> Result<Recovery, StoreError> {
    let bytes = fs.read(path, MAX_SET_BYTES.saturating_mul(2))?;
    let saved = fs
        .metadata(path)?
        .and_then(|meta| meta.modified)
        .unwrap_or(SystemTime::UNIX_EPOCH);
    let text = String::from_utf8_lossy(&bytes);
    let file: RecoveryFile = ron::Options::default()
        .from_str(&text)
        .map_err(|err| parse_error(path, &err))?;
    Ok(Recovery {
        path: path.to_path_buf(),
        document: PathBuf::from(file.document),
        set: file.set,
        saved,
    })
}

/// Delete the recovery copy for `document` (after a successful save); none is fine.
pub fn remove_recovery(fs: &dyn Fs, dir: &Path, document: &Path) -> Result<(), StoreError> {
    fs.remove_file(&recovery_path(dir, document))
}
