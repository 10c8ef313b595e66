//! The filesystem behind a trait, so tests can inject failures (zed's `Fs` + fake).
//!
//! [`RealFs`] is the `std::fs` implementation; [`FaultyFs`](crate::store::FaultyFs) wraps it
//! and fails chosen steps, so conflict, disk-full and permission paths are tested for real.

use std::fs::File;
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use sha2::{Digest as _, Sha256};

use crate::model::text::hex;
use crate::store::atomic::{WriteHooks, write_atomic_with};
use crate::store::error::StoreError;
use crate::store::lock::{SetLock, lock_set};

/// What a file looked like on disk: size, modification time and content hash.
///
/// Two stamps hold the same content when `len` and `sha256` agree. Modification times are
/// only compared for equality, never ordered (clocks of network shares and other machines
/// disagree).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskStamp {
    /// Size in bytes.
    pub len: u64,
    /// Last modification time, if the platform reports it.
    pub modified: Option<SystemTime>,
    /// SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
}

impl DiskStamp {
    /// The stamp of `bytes` that were read from (or written to) a file with this mtime.
    pub fn of_bytes(bytes: &[u8], modified: Option<SystemTime>) -> Self {
        Self {
            len: bytes.len() as u64,
            modified,
            sha256: hex(&Sha256::digest(bytes)),
        }
    }

    /// Do both stamps describe the same bytes (length and hash equal)?
    pub fn same_content(&self, other: &Self) -> bool {
        self.len == other.len && self.sha256 == other.sha256
    }

    /// Did anything observable change: length, hash, or mtime (compared with `==` only)?
    pub fn differs_from(&self, other: &Self) -> bool {
        !self.same_content(other) || self.modified != other.modified
    }
}

/// Size, time and kind of a path, without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileMeta {
    /// Size in bytes.
    pub len: u64,
    /// Last modification time, if known.
    pub modified: Option<SystemTime>,
    /// Is it a folder?
    pub is_dir: bool,
    /// Is it read-only (no write permission for anyone, or the read-only attribute)?
    pub read_only: bool,
}

/// What a path is when it is not a regular file (`None` for a file), said for a message.
pub fn special_kind(file_type: std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return Some("a device");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a file")
}

/// Refuse, before opening it, a path that exists but is not a regular file (or a link to
/// one). Opening a FIFO would wait for a writer forever; reading `/dev/zero` never ends.
pub fn check_regular(path: &Path) -> Result<(), StoreError> {
    match std::fs::metadata(path) {
        Ok(meta) => match special_kind(meta.file_type()) {
            None => Ok(()),
            Some(kind) => Err(StoreError::NotRegularFile {
                path: path.to_path_buf(),
                kind,
            }),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::io(path, "inspect", e)),
    }
}

/// The file operations factmark needs. Paths follow symlinks.
pub trait Fs: Send + Sync {
    /// Read a whole file, refusing (before reading) one larger than `max_bytes`.
    fn read(&self, path: &Path, max_bytes: u64) -> Result<Vec<u8>, StoreError>;

    /// The file's current stamp (hashing its content), or `None` if it does not exist.
    fn stamp(&self, path: &Path) -> Result<Option<DiskStamp>, StoreError>;

    /// Size, time and kind of a path, or `None` if it does not exist.
    fn metadata(&self, path: &Path) -> Result<Option<FileMeta>, StoreError>;

    /// Replace `path` with `bytes` atomically: nothing is written when the file already
    /// holds exactly `bytes`; else temp file in the same folder with the old file's
    /// permissions, fsync, the old file copied to `<name>.bak` (temp, fsync, rename) if
    /// `keep_backup`, rename over. On error the old file is unchanged and no temp file is
    /// left (see [`crate::store::atomic`]).
    fn write_atomic(&self, path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), StoreError>;

    /// Delete a file; a missing file is not an error.
    fn remove_file(&self, path: &Path) -> Result<(), StoreError>;

    /// Create a folder and its parents.
    fn create_dir_all(&self, path: &Path) -> Result<(), StoreError>;

    /// Remove a folder if it is empty (best effort: a folder with anything in it, or one
    /// that cannot be removed, stays). For tidying up after a failed first write.
    fn remove_empty_dir(&self, path: &Path) {
        let _ = path;
    }

    /// The entries of a folder, sorted by path; a missing folder has none.
    fn list_dir(&self, path: &Path) -> Result<Vec<PathBuf>, StoreError>;

    /// Take the advisory lock of the annotation set at `set_path` (see
    /// [`crate::store::lock`]), waiting for another writer to finish.
    fn lock_set(&self, set_path: &Path) -> Result<SetLock, StoreError> {
        lock_set(set_path)
    }
}

/// The real filesystem (`std::fs`).
#[derive(Debug, Clone, Copy, Default)]
pub struct RealFs;

impl RealFs {
    /// [`Fs::write_atomic`] with hooks that may fail any step (used by `FaultyFs`).
    pub(crate) fn write_atomic_faulty(
        path: &Path,
        bytes: &[u8],
        keep_backup: bool,
        hooks: &WriteHooks<'_>,
    ) -> Result<(), StoreError> {
        write_atomic_with(path, bytes, keep_backup, hooks)
    }
}

impl Fs for RealFs {
    fn read(&self, path: &Path, max_bytes: u64) -> Result<Vec<u8>, StoreError> {
        check_regular(path)?;
        let file = File::open(path).map_err(|e| StoreError::io(path, "open", e))?;
        let meta = file
            .metadata()
            .map_err(|e| StoreError::io(path, "inspect", e))?;
        if let Some(kind) = special_kind(meta.file_type()) {
            // Swapped for something else between the check and the open.
            return Err(StoreError::NotRegularFile {
                path: path.to_path_buf(),
                kind,
            });
        }
        if meta.len() > max_bytes {
            return Err(StoreError::TooLarge {
                path: path.to_path_buf(),
                size: meta.len(),
                max: max_bytes,
            });
        }
        let capacity = usize::try_from(meta.len()).unwrap_or(0);
        let mut bytes = Vec::with_capacity(capacity);
        // The file may grow between the size check and the read: never read past the cap.
        file.take(max_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| StoreError::io(path, "read", e))?;
        let read_len = bytes.len() as u64;
        if read_len > max_bytes {
            return Err(StoreError::TooLarge {
                path: path.to_path_buf(),
                size: read_len,
                max: max_bytes,
            });
        }
        Ok(bytes)
    }

    fn stamp(&self, path: &Path) -> Result<Option<DiskStamp>, StoreError> {
        check_regular(path)?;
        let mut file = match File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(StoreError::io(path, "open", e)),
        };
        let meta = file
            .metadata()
            .map_err(|e| StoreError::io(path, "inspect", e))?;
        let mut hasher = Sha256::new();
        let len = io::copy(&mut file, &mut hasher).map_err(|e| StoreError::io(path, "read", e))?;
        Ok(Some(DiskStamp {
            len,
            modified: meta.modified().ok(),
            sha256: hex(&hasher.finalize()),
        }))
    }

    fn metadata(&self, path: &Path) -> Result<Option<FileMeta>, StoreError> {
        match std::fs::metadata(path) {
            Ok(meta) => Ok(Some(FileMeta {
                len: meta.len(),
                modified: meta.modified().ok(),
                is_dir: meta.is_dir(),
                read_only: meta.permissions().readonly(),
            })),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(StoreError::io(path, "inspect", e)),
        }
    }

    fn write_atomic(&self, path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), StoreError> {
        write_atomic_with(path, bytes, keep_backup, &WriteHooks::real())
    }

    fn remove_file(&self, path: &Path) -> Result<(), StoreError> {
        match std::fs::remove_file(path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(StoreError::io(path, "delete", e)),
        }
    }

    fn create_dir_all(&self, path: &Path) -> Result<(), StoreError> {
        std::fs::create_dir_all(path).map_err(|e| StoreError::io(path, "create folder", e))
    }

    fn remove_empty_dir(&self, path: &Path) {
        // `remove_dir` refuses a folder that is not empty, which is what is wanted.
        let _ = std::fs::remove_dir(path);
    }

    fn list_dir(&self, path: &Path) -> Result<Vec<PathBuf>, StoreError> {
        let entries = match std::fs::read_dir(path) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::io(path, "list folder", e)),
        };
        let mut paths = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| StoreError::io(path, "list folder", e))?;
            paths.push(entry.path());
        }
        paths.sort();
        Ok(paths)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_compare_content_and_time_separately() {
        let t = SystemTime::UNIX_EPOCH;
        let a = DiskStamp::of_bytes(b"abc", Some(t));
        let touched = DiskStamp::of_bytes(b"abc", Some(t + std::time::Duration::from_secs(1)));
        let edited = DiskStamp::of_bytes(b"abd", Some(t));
        assert!(a.same_content(&touched) && a.differs_from(&touched));
        assert!(!a.same_content(&edited) && a.differs_from(&edited));
        assert!(!a.differs_from(&a.clone()));
        assert_eq!(a.len, 3);
        assert_eq!(
            a.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
