//! Atomic replacement of a file: temp file beside it, fsync, `.bak` by the same path, rename.
//!
//! The order of a save, each step named by [`WriteStep`] so tests can fail or "crash" at it:
//! 1. if the file already holds exactly these bytes, stop: nothing is written (no `.bak`
//!    churn, the real previous version stays in `.bak`);
//! 2. create `.<name>.<pid>-<n>.tmp` beside the file, write, give it the old file's
//!    permissions, fsync;
//! 3. with a backup: copy the old file into `.<name>.bak.<pid>-<n>.tmp`, fsync, rename it
//!    over `<name>.bak` (the old `.bak` is never unlinked first, so a fault leaves either the
//!    old `.bak` or the new one, both whole);
//! 4. rename the temp file over the file; fsync the folder.
//!
//! A failed step removes the temp files it made and leaves the file byte-identical; the
//! error says whether `.bak` was refreshed. A crash (kill -9, power loss) can leave temp
//! files: saves of a set remove them under the set's lock ([`remove_leftover_temps`]).
//! On Windows a rename over a file that a virus scanner or the search indexer holds open
//! fails for a moment, so renames are retried with a short backoff ([`retry_rename`]).

use std::ffi::{OsStr, OsString};
use std::fs::{File, OpenOptions};
use std::io::{self, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crate::store::error::StoreError;
use crate::store::fs::Fs;

/// The steps of an atomic write, named so tests can fail each one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WriteStep {
    /// Creating the temp file in the target's folder.
    CreateTemp,
    /// Writing the bytes to the temp file (a fault here writes half the bytes first).
    WriteTemp,
    /// Flushing the temp file to disk.
    SyncTemp,
    /// Copying the old file into the backup's temp file (a fault here copies half first).
    Backup,
    /// Flushing the backup's temp file to disk.
    SyncBackup,
    /// Renaming the backup's temp file over `<name>.bak`.
    RenameBackup,
    /// Renaming the temp file over the target.
    Rename,
}

impl WriteStep {
    /// Every step, in the order a save with a backup runs them.
    pub const ALL: [Self; 7] = [
        Self::CreateTemp,
        Self::WriteTemp,
        Self::SyncTemp,
        Self::Backup,
        Self::SyncBackup,
        Self::RenameBackup,
        Self::Rename,
    ];
}

/// The pauses between rename attempts on Windows (about 0.6 s in all), where a file held
/// open by a scanner or indexer refuses a rename for a moment.
pub const WINDOWS_RENAME_DELAYS: [Duration; 6] = [
    Duration::from_millis(10),
    Duration::from_millis(20),
    Duration::from_millis(40),
    Duration::from_millis(80),
    Duration::from_millis(160),
    Duration::from_millis(320),
];

/// The rename pauses of this platform: [`WINDOWS_RENAME_DELAYS`] on Windows, none elsewhere
/// (there a failed rename is not transient).
pub const fn platform_rename_delays() -> &'static [Duration] {
    #[cfg(windows)]
    {
        &WINDOWS_RENAME_DELAYS
    }
    #[cfg(not(windows))]
    {
        &[]
    }
}

/// How a write can be disturbed: faults per step, rename retry pauses, and the sleep used
/// between them (real for [`crate::store::RealFs`], recorded for `FaultyFs`).
pub(crate) struct WriteHooks<'a> {
    /// An error to return at a step instead of running it; see [`crash_error`].
    pub fault: &'a dyn Fn(WriteStep) -> Option<io::Error>,
    /// Pauses between rename attempts.
    pub rename_delays: &'a [Duration],
    /// How to pause.
    pub sleep: &'a dyn Fn(Duration),
}

impl WriteHooks<'static> {
    /// The real thing: no faults, this platform's rename pauses, real sleeps.
    pub(crate) fn real() -> Self {
        Self {
            fault: &|_| None,
            rename_delays: platform_rename_delays(),
            sleep: &std::thread::sleep,
        }
    }
}

/// Marks a simulated crash: the write stops where it is and cleans nothing up.
#[derive(Debug)]
struct Crash;

impl std::fmt::Display for Crash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("simulated crash (the process died here)")
    }
}

impl std::error::Error for Crash {}

/// An error that makes a write stop as if the process died at that step (for tests).
pub(crate) fn crash_error() -> io::Error {
    io::Error::other(Crash)
}

fn is_crash(err: &io::Error) -> bool {
    err.get_ref().is_some_and(|inner| inner.is::<Crash>())
}

/// Counter that makes temp names unique within this process.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// `<name>.bak` beside `path`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(OsString::from).unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Is `entry` a temp file a write of `target_name` makes: `.<target>.<pid>-<n>.tmp` or
/// `.<target>.bak.<pid>-<n>.tmp`? Nothing else is ever treated as ours.
pub fn is_own_temp(entry: &str, target_name: &str) -> bool {
    let Some(rest) = entry
        .strip_prefix('.')
        .and_then(|rest| rest.strip_prefix(target_name))
        .and_then(|rest| rest.strip_prefix('.'))
        .and_then(|rest| rest.strip_suffix(".tmp"))
    else {
        return false;
    };
    let rest = rest.strip_prefix("bak.").unwrap_or(rest);
    let Some((pid, n)) = rest.split_once('-') else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(pid) && digits(n)
}

/// Remove temp files that an interrupted write of `path` left beside it (see
/// [`is_own_temp`]); returns how many. Call only while holding the set's lock, so no
/// other writer of `path` is between its steps.
pub fn remove_leftover_temps(fs: &dyn Fs, path: &Path) -> Result<usize, StoreError> {
    let Some(name) = path.file_name().and_then(OsStr::to_str) else {
        return Ok(0);
    };
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut removed = 0;
    for entry in fs.list_dir(&dir)? {
        let own = entry
            .file_name()
            .and_then(OsStr::to_str)
            .is_some_and(|entry_name| is_own_temp(entry_name, name));
        if own {
            fs.remove_file(&entry)?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Run `rename`, and while it fails with an error that may pass (a file held open for a
/// moment), pause for each of `delays` in turn and try again.
pub(crate) fn retry_rename(
    mut rename: impl FnMut() -> io::Result<()>,
    delays: &[Duration],
    sleep: &dyn Fn(Duration),
) -> io::Result<()> {
    let mut result = rename();
    for delay in delays {
        match &result {
            Err(err) if is_transient_rename_error(err) => {
                sleep(*delay);
                result = rename();
            }
            _ => break,
        }
    }
    result
}

/// Errors a rename on Windows gives while another program holds the file open: access
/// denied (5), sharing violation (32), lock violation (33).
fn is_transient_rename_error(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ResourceBusy
    ) || matches!(err.raw_os_error(), Some(5 | 32 | 33))
}

/// Write `bytes` to `path` atomically (see the module docs for the steps).
pub(crate) fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    keep_backup: bool,
    hooks: &WriteHooks<'_>,
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
        Ok(meta) => {
            if let Some(kind) = crate::store::fs::special_kind(meta.file_type()) {
                return Err(StoreError::NotRegularFile {
                    path: path.to_path_buf(),
                    kind,
                });
            }
            Some(meta)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(StoreError::io(path, "inspect", e)),
    };
    if old_meta
        .as_ref()
        .is_some_and(|meta| meta.len() == bytes.len() as u64 && holds_exactly(&target, bytes))
    {
        return Ok(());
    }

    let mut temps = Vec::new();
    let result = (|| {
        let (temp_path, file) = create_temp(&dir, name, "", hooks)?;
        temps.push(temp_path.clone());
        write_temp(&temp_path, file, bytes, old_meta.as_ref(), hooks)?;
        let backed_up = match &old_meta {
            Some(meta) if keep_backup => {
                make_backup(&target, &dir, name, meta, hooks, &mut temps)?;
                true
            }
            _ => false,
        };
        let op = if backed_up {
            "replace (its .bak was refreshed first, with the version still in place)"
        } else {
            "replace"
        };
        retry_rename(
            || {
                fail_or(hooks, WriteStep::Rename, || {
                    std::fs::rename(&temp_path, &target)
                })
            },
            hooks.rename_delays,
            hooks.sleep,
        )
        .map_err(|e| StoreError::io(path, op, e))
    })();
    if let Err(err) = &result {
        if matches!(err, StoreError::Io { source, .. } if is_crash(source)) {
            return result;
        }
        // Best effort: the error being returned matters more than a failed cleanup.
        for temp in &temps {
            let _ = std::fs::remove_file(temp);
        }
        return result;
    }
    sync_dir(&dir);
    Ok(())
}

/// Does the file at `path` hold exactly `bytes`? (Any read problem answers no.)
fn holds_exactly(path: &Path, bytes: &[u8]) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    let mut current = Vec::with_capacity(bytes.len());
    let limit = bytes.len() as u64 + 1;
    file.take(limit).read_to_end(&mut current).is_ok() && current == bytes
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

/// Create a new, uniquely named hidden temp file in `dir`: `.<name>.<infix><pid>-<n>.tmp`.
fn create_temp(
    dir: &Path,
    name: &OsStr,
    infix: &str,
    hooks: &WriteHooks<'_>,
) -> Result<(PathBuf, File), StoreError> {
    if let Some(err) = (hooks.fault)(WriteStep::CreateTemp) {
        return Err(StoreError::io(dir, "create a temp file in", err));
    }
    let pid = std::process::id();
    let mut last_err = io::Error::from(io::ErrorKind::AlreadyExists);
    for _ in 0..64 {
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let mut temp_name = OsString::from(".");
        temp_name.push(name);
        temp_name.push(format!(".{infix}{pid}-{n}.tmp"));
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
    hooks: &WriteHooks<'_>,
) -> Result<(), StoreError> {
    let write = match (hooks.fault)(WriteStep::WriteTemp) {
        Some(err) => {
            // Like a disk filling up: part of the bytes land, then the write fails.
            let half = bytes.get(..bytes.len() / 2).unwrap_or_default();
            file.write_all(half).and(Err(err))
        }
        None => file.write_all(bytes),
    };
    write.map_err(|e| StoreError::io(temp_path, "write", e))?;
    keep_permissions(&file, temp_path, old_meta)?;
    fail_or(hooks, WriteStep::SyncTemp, || file.sync_all())
        .map_err(|e| StoreError::io(temp_path, "flush to disk", e))
}

/// Give a new file the permissions of the file it replaces (unix; elsewhere the default).
fn keep_permissions(
    file: &File,
    path: &Path,
    old_meta: Option<&std::fs::Metadata>,
) -> Result<(), StoreError> {
    #[cfg(unix)]
    if let Some(meta) = old_meta {
        file.set_permissions(meta.permissions())
            .map_err(|e| StoreError::io(path, "set permissions of", e))?;
    }
    #[cfg(not(unix))]
    let _ = (file, path, old_meta);
    Ok(())
}

/// Copy the file as it is now to `<name>.bak` through a temp file of its own: copy, fsync,
/// rename over the old `.bak` (never unlinked first). Temp files made are pushed to `temps`.
fn make_backup(
    target: &Path,
    dir: &Path,
    name: &OsStr,
    meta: &std::fs::Metadata,
    hooks: &WriteHooks<'_>,
    temps: &mut Vec<PathBuf>,
) -> Result<(), StoreError> {
    let backup = backup_path(target);
    let (temp_path, mut file) = create_temp(dir, name, "bak.", hooks)?;
    temps.push(temp_path.clone());
    let copy = (|| {
        let mut old = Vec::new();
        File::open(target)?.read_to_end(&mut old)?;
        match (hooks.fault)(WriteStep::Backup) {
            Some(err) => {
                let half = old.get(..old.len() / 2).unwrap_or_default();
                file.write_all(half).and(Err(err))
            }
            None => file.write_all(&old),
        }
    })();
    copy.map_err(|e| StoreError::io(&backup, "write backup", e))?;
    keep_permissions(&file, &temp_path, Some(meta))?;
    fail_or(hooks, WriteStep::SyncBackup, || file.sync_all())
        .map_err(|e| StoreError::io(&backup, "flush to disk the backup", e))?;
    drop(file);
    make_replaceable(&backup);
    retry_rename(
        || {
            fail_or(hooks, WriteStep::RenameBackup, || {
                std::fs::rename(&temp_path, &backup)
            })
        },
        hooks.rename_delays,
        hooks.sleep,
    )
    .map_err(|e| StoreError::io(&backup, "replace the backup", e))
}

/// Windows refuses to rename over a read-only file: clear that flag on an old `.bak`
/// (unix renames over it regardless, as the folder decides).
fn make_replaceable(path: &Path) {
    #[cfg(windows)]
    if let Ok(meta) = std::fs::metadata(path) {
        let mut permissions = meta.permissions();
        if permissions.readonly() {
            #[allow(clippy::permissions_set_readonly_false, reason = "Windows only")]
            permissions.set_readonly(false);
            let _ = std::fs::set_permissions(path, permissions);
        }
    }
    #[cfg(not(windows))]
    let _ = path;
}

/// Run `op` unless the fault hook fails this step.
fn fail_or(
    hooks: &WriteHooks<'_>,
    step: WriteStep,
    op: impl FnOnce() -> io::Result<()>,
) -> io::Result<()> {
    match (hooks.fault)(step) {
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
    use std::cell::RefCell;

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

    #[test]
    fn own_temp_names_table() {
        let target = "a.txt.factmark.ron";
        for (entry, own) in [
            (".a.txt.factmark.ron.123-0.tmp", true),
            (".a.txt.factmark.ron.bak.9-12.tmp", true),
            (".a.txt.factmark.ron.lock", false),
            ("a.txt.factmark.ron.bak", false),
            (".a.txt.factmark.ron.x-1.tmp", false),
            (".a.txt.factmark.ron.12.tmp", false),
            (".b.txt.factmark.ron.1-1.tmp", false),
            (".a.txt.factmark.ron.old.1-1.tmp", false),
            (".a.txt.factmark.ron.-1.tmp", false),
        ] {
            assert_eq!(is_own_temp(entry, target), own, "{entry}");
        }
    }

    #[test]
    fn rename_retry_backs_off_then_gives_up() {
        let busy = || io::Error::from(io::ErrorKind::PermissionDenied);
        // Busy twice, then free: two pauses, success.
        let slept = RefCell::new(Vec::new());
        let attempts = RefCell::new(0);
        let result = retry_rename(
            || {
                *attempts.borrow_mut() += 1;
                if *attempts.borrow() <= 2 {
                    Err(busy())
                } else {
                    Ok(())
                }
            },
            &WINDOWS_RENAME_DELAYS,
            &|d| slept.borrow_mut().push(d),
        );
        assert!(result.is_ok());
        assert_eq!(*attempts.borrow(), 3);
        assert_eq!(slept.borrow().as_slice(), &WINDOWS_RENAME_DELAYS[..2]);
        // Busy for good: every pause taken, then the error.
        slept.borrow_mut().clear();
        let result = retry_rename(|| Err(busy()), &WINDOWS_RENAME_DELAYS, &|d| {
            slept.borrow_mut().push(d);
        });
        assert_eq!(
            result.map_err(|e| e.kind()),
            Err(io::ErrorKind::PermissionDenied)
        );
        assert_eq!(slept.borrow().as_slice(), &WINDOWS_RENAME_DELAYS);
        // A lasting error (the folder is gone) is not retried.
        slept.borrow_mut().clear();
        let result = retry_rename(
            || Err(io::Error::from(io::ErrorKind::NotFound)),
            &WINDOWS_RENAME_DELAYS,
            &|d| slept.borrow_mut().push(d),
        );
        assert!(result.is_err());
        assert!(slept.borrow().is_empty());
    }
}
