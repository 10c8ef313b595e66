//! An advisory lock per annotation set, held by every writer from reading the file on disk
//! to the rename, so two savers (two CLI runs, the app and a script) take turns.
//!
//! The lock is taken on a sibling file, `.<set file name>.lock`, never on the set itself:
//! the save renames a new file over the set, and a lock on the old file would guard nothing
//! for the next reader. The lock file is left in place (removing it would race with the
//! next writer opening it). It uses the operating system's file locks through `std`
//! (`flock` on Unix, `LockFileEx` on Windows), released when the guard drops, and also if
//! the process dies.

use std::ffi::OsString;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::store::error::StoreError;

/// How long a writer waits for another to finish before giving up.
pub const LOCK_WAIT: Duration = Duration::from_secs(20);

/// Held while a set is read, merged and written; dropping it releases the lock.
#[derive(Debug)]
pub struct SetLock {
    _file: File,
}

/// The lock file guarding `set_path`: `.<name>.lock` in the same folder.
pub fn lock_path(set_path: &Path) -> PathBuf {
    let mut name = OsString::from(".");
    name.push(set_path.file_name().unwrap_or_default());
    name.push(".lock");
    set_path.with_file_name(name)
}

/// Take the lock of `set_path`, waiting up to [`LOCK_WAIT`] for another writer.
pub fn lock_set(set_path: &Path) -> Result<SetLock, StoreError> {
    let path = lock_path(set_path);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|err| StoreError::io(&path, "create the lock file", err))?;
    let deadline = Instant::now() + LOCK_WAIT;
    let mut pause = Duration::from_millis(2);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(SetLock { _file: file }),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(100));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(StoreError::Locked {
                    path: set_path.to_path_buf(),
                    waited: LOCK_WAIT,
                });
            }
            Err(TryLockError::Error(err)) => {
                return Err(StoreError::io(&path, "lock", err));
            }
        }
    }
}
