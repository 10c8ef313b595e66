//! Atomic replacement of a file: temp file beside it, fsync, `.bak`, rename.
//!
//! A failed save leaves the old file byte-identical and removes the temp file.

use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::store::error::StoreError;

/// The steps of an atomic write, named so tests can fail each one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WriteStep {
    /// Creating the temp file in the target's folder.
    CreateTemp,
    /// Writing the bytes to the temp file (a fault here writes half the bytes first).
    WriteTemp,
    /// Flushing the temp file to disk.
    SyncTemp,
    /// Copying the old file to `<name>.bak`.
    Backup,
    /// Renaming the temp file over the target.
    Rename,
}

/// Counter that makes temp names unique within this process.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// `<name>.bak` beside `path`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(OsString::from).unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Write `bytes` to `path` atomically; `fault` may inject an error at each step.
pub(crate) fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    keep_backup: bool,
    fault: &dyn Fn(WriteStep) -> Option<io::Error>,
) -> Result<(), StoreError> {
    let target = write_target(path)?;
    let Some(name) = target.file_name() else {
        return Err(StoreError::io(
            path,
            "save",
            io::Error::new(io::ErrorKind::InvalidInput, "the path does not name a file"),
        ));
    };
    let dir = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let old_meta = match std::fs::metadata(&target) {
        Ok(meta) if meta.is_dir() => {
            return Err(StoreError::io(
                path,
                "save",
                io::Error::new(io::ErrorKind::IsADirectory, "a folder has that name"),
            ));
        }
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(StoreError::io(path, "inspect", e)),
    };

    let (temp_path, file) = create_temp(&dir, name, fault)?;
    let result = (|| {
        write_temp(&temp_path, file, bytes, old_meta.as_ref(), fault)?;
        if keep_backup && old_meta.is_some() {
            let backup = backup_path(&target);
            fail_or(fault, WriteStep::Backup, || copy_backup(&target, &backup))
                .map_err(|e| StoreError::io(&backup, "write backup", e))?;
        }
        fail_or(fault, WriteStep::Rename, || {
            std::fs::rename(&temp_path, &target)
        })
        .map_err(|e| StoreError::io(path, "replace", e))
    })();
    if result.is_err() {
        // Best effort: the error being returned matters more than a failed cleanup.
        let _ = std::fs::remove_file(&temp_path);
        return result;
    }
    sync_dir(&dir);
    Ok(())
}

/// The file to replace: a symlink is written through (the link itself stays).
fn write_target(path: &Path) -> Result<PathBuf, StoreError> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            std::fs::canonicalize(path).map_err(|e| StoreError::io(path, "follow the link", e))
        }
        _ => Ok(path.to_path_buf()),
    }
}

/// Create a new, uniquely named hidden temp file in `dir`.
fn create_temp(
    dir: &Path,
    name: &std::ffi::OsStr,
    fault: &dyn Fn(WriteStep) -> Option<io::Error>,
) -> Result<(PathBuf, File), StoreError> {
    if let Some(err) = fault(WriteStep::CreateTemp) {
        return Err(StoreError::io(dir, "create a temp file in", err));
    }
    let pid = std::process::id();
    let mut last_err = io::Error::from(io::ErrorKind::AlreadyExists);
    for _ in 0..64 {
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let mut temp_name = OsString::from(".");
        temp_name.push(name);
        temp_name.push(format!(".{pid}-{n}.tmp"));
        let temp_path = dir.join(temp_name);
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp_path)
        {
            Ok(file) => return Ok((temp_path, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last_err = e,
            Err(e) => return Err(StoreError::io(dir, "create a temp file in", e)),
        }
    }
    Err(StoreError::io(dir, "create a temp file in", last_err))
}

/// Fill the temp file, give it the old file's permissions, and flush it to disk.
fn write_temp(
    temp_path: &Path,
    mut file: File,
    bytes: &[u8],
    old_meta: Option<&std::fs::Metadata>,
    fault: &dyn Fn(WriteStep) -> Option<io::Error>,
) -> Result<(), StoreError> {
    let write = match fault(WriteStep::WriteTemp) {
        Some(err) => {
            // Like a disk filling up: part of the bytes land, then the write fails.
            let half = bytes.get(..bytes.len() / 2).unwrap_or_default();
            file.write_all(half).and(Err(err))
        }
        None => file.write_all(bytes),
    };
    write.map_err(|e| StoreError::io(temp_path, "write", e))?;
    #[cfg(unix)]
    if let Some(meta) = old_meta {
        file.set_permissions(meta.permissions())
            .map_err(|e| StoreError::io(temp_path, "set permissions of", e))?;
    }
    #[cfg(not(unix))]
    let _ = old_meta;
    fail_or(fault, WriteStep::SyncTemp, || file.sync_all())
        .map_err(|e| StoreError::io(temp_path, "flush to disk", e))
}

/// Copy the old file to its `.bak`, replacing an older backup even if it is read-only.
fn copy_backup(target: &Path, backup: &Path) -> io::Result<()> {
    match std::fs::remove_file(backup) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    std::fs::copy(target, backup).map(drop)
}

/// Run `op` unless the fault hook fails this step.
fn fail_or(
    fault: &dyn Fn(WriteStep) -> Option<io::Error>,
    step: WriteStep,
    op: impl FnOnce() -> io::Result<()>,
) -> io::Result<()> {
    match fault(step) {
        Some(err) => Err(err),
        None => op(),
    }
}

/// Flush the folder entry after a rename (best effort, unix only).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_names() {
        for (path, want) in [
            (
                "a/article.txt.factmark.ron",
                "a/article.txt.factmark.ron.bak",
            ),
            ("x.ron", "x.ron.bak"),
        ] {
            assert_eq!(backup_path(Path::new(path)), PathBuf::from(want));
        }
    }
}
