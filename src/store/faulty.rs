//! A real filesystem that fails on request, for tests of the unhappy paths.
//!
//! ```
//! use std::io::ErrorKind;
//! use factmark::store::{FaultyFs, Fs, WriteStep};
//! let fs = FaultyFs::new();
//! fs.fail_next(WriteStep::Rename, ErrorKind::PermissionDenied);
//! let dir = std::env::temp_dir().join("factmark-doc-faulty");
//! # std::fs::create_dir_all(&dir).ok();
//! assert!(fs.write_atomic(&dir.join("x.ron"), b"x", true).is_err());
//! ```

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use crate::store::atomic::{WINDOWS_RENAME_DELAYS, WriteHooks, WriteStep, crash_error};
use crate::store::error::StoreError;
use crate::store::fs::{DiskStamp, FileMeta, Fs, RealFs};

/// What a queued write fault does at its step.
#[derive(Debug, Clone, Copy)]
enum WriteFault {
    /// The step fails with this error; the write cleans up after itself.
    Fail(io::ErrorKind),
    /// The process "dies" at this step: the write stops and cleans nothing up.
    Crash,
}

/// [`RealFs`] plus injected failures: each queued fault fires once, at its step.
#[derive(Debug, Default)]
pub struct FaultyFs {
    write_faults: Mutex<Vec<(WriteStep, WriteFault)>>,
    windows_renames: AtomicBool,
    slept: Mutex<Vec<Duration>>,
    read_faults: Mutex<Vec<io::ErrorKind>>,
    holds: Mutex<Vec<(PathBuf, Receiver<()>)>>,
}

impl FaultyFs {
    /// A filesystem with no faults queued (behaves like [`RealFs`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// Make the next atomic write fail at `step` with `kind` (e.g. `StorageFull` at
    /// [`WriteStep::WriteTemp`] for a full disk).
    pub fn fail_next(&self, step: WriteStep, kind: io::ErrorKind) {
        self.write_faults
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((step, WriteFault::Fail(kind)));
    }

    /// Make the next atomic write stop at `step` as if the process were killed there: what
    /// it wrote so far stays on disk (half the bytes at a write step), nothing is cleaned up.
    pub fn crash_at(&self, step: WriteStep) {
        self.write_faults
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((step, WriteFault::Crash));
    }

    /// Retry failed renames with the Windows backoff ([`WINDOWS_RENAME_DELAYS`]) on every
    /// platform, recording the pauses instead of sleeping (see [`FaultyFs::slept`]).
    pub fn retry_renames_like_windows(&self) {
        self.windows_renames.store(true, Ordering::Relaxed);
    }

    /// The pauses taken between rename attempts so far.
    pub fn slept(&self) -> Vec<Duration> {
        self.slept
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Make the next read (or stamp) fail with `kind`.
    pub fn fail_next_read(&self, kind: io::ErrorKind) {
        self.read_faults
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(kind);
    }

    /// Make the next read or atomic write of `path` wait until the returned sender sends
    /// (or is dropped): a slow disk or network share, on demand.
    pub fn hold(&self, path: &Path) -> Sender<()> {
        let (release, gate) = channel();
        self.holds
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((path.to_path_buf(), gate));
        release
    }

    fn wait_if_held(&self, path: &Path) {
        let gate = {
            let mut holds = self.holds.lock().unwrap_or_else(PoisonError::into_inner);
            let index = holds.iter().position(|(held, _)| held == path);
            index.map(|index| holds.remove(index).1)
        };
        if let Some(gate) = gate {
            // Released by a message or by the sender being dropped; either ends the wait.
            let _ = gate.recv();
        }
    }

    /// Faults queued but not yet fired.
    pub fn pending_faults(&self) -> usize {
        self.write_faults
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
            + self
                .read_faults
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .len()
    }

    fn take_write_fault(&self, step: WriteStep) -> Option<io::Error> {
        let mut faults = self
            .write_faults
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let index = faults.iter().position(|(s, _)| *s == step)?;
        match faults.remove(index).1 {
            WriteFault::Fail(kind) => {
                Some(io::Error::new(kind, format!("injected fault at {step:?}")))
            }
            WriteFault::Crash => Some(crash_error()),
        }
    }

    fn take_read_fault(&self, path: &Path, op: &'static str) -> Result<(), StoreError> {
        let mut faults = self
            .read_faults
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let next = (!faults.is_empty()).then(|| faults.remove(0));
        match next {
            Some(kind) => Err(StoreError::io(
                path,
                op,
                io::Error::new(kind, "injected read fault"),
            )),
            None => Ok(()),
        }
    }
}

impl Fs for FaultyFs {
    fn read(&self, path: &Path, max_bytes: u64) -> Result<Vec<u8>, StoreError> {
        self.wait_if_held(path);
        self.take_read_fault(path, "open")?;
        RealFs.read(path, max_bytes)
    }

    fn stamp(&self, path: &Path) -> Result<Option<DiskStamp>, StoreError> {
        self.take_read_fault(path, "open")?;
        RealFs.stamp(path)
    }

    fn metadata(&self, path: &Path) -> Result<Option<FileMeta>, StoreError> {
        RealFs.metadata(path)
    }

    fn write_atomic(&self, path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), StoreError> {
        self.wait_if_held(path);
        let delays: &[Duration] = if self.windows_renames.load(Ordering::Relaxed) {
            &WINDOWS_RENAME_DELAYS
        } else {
            &[]
        };
        let hooks = WriteHooks {
            fault: &|step| self.take_write_fault(step),
            rename_delays: delays,
            sleep: &|pause| {
                self.slept
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(pause);
            },
        };
        RealFs::write_atomic_faulty(path, bytes, keep_backup, &hooks)
    }

    fn remove_file(&self, path: &Path) -> Result<(), StoreError> {
        RealFs.remove_file(path)
    }

    fn create_dir_all(&self, path: &Path) -> Result<(), StoreError> {
        RealFs.create_dir_all(path)
    }

    fn remove_empty_dir(&self, path: &Path) {
        RealFs.remove_empty_dir(path);
    }

    fn list_dir(&self, path: &Path) -> Result<Vec<PathBuf>, StoreError> {
        RealFs.list_dir(path)
    }
}
