//! Files: decode documents, load and save sidecars atomically, check format versions,
//! notice changes made on disk by others, and keep crash-recovery copies.
//!
//! Every filesystem call goes through the [`Fs`] trait, so tests can inject failures with
//! [`FaultyFs`].

pub mod atomic;
pub mod canonical;
pub mod desk;
pub mod document;
pub mod error;
pub mod extract;
mod faulty;
pub mod fetch;
pub mod fs;
pub mod lock;
pub mod open;
pub mod paths;
pub mod recovery;
pub mod sidecar;
pub mod snapshot;

pub use atomic::{
    WINDOWS_RENAME_DELAYS, WriteStep, backup_path, is_own_temp, remove_leftover_temps,
};
pub use document::{
    DEFAULT_MAX_DOCUMENT_BYTES, MAX_DOCUMENT_ENV, MAX_IMPORT_BYTES, load_document,
    max_document_bytes, max_document_bytes_from, read_import_text,
};
pub use error::StoreError;
pub use faulty::FaultyFs;
pub use fs::{DiskStamp, FileMeta, Fs, RealFs};
pub use lock::{SetLock, lock_path};
pub use open::{DocumentWithSet, SetOnDisk, open_document_with_set};
pub use paths::{canonical_document_path, relative_to, resolve_relative, source_path_for};
pub use recovery::{
    Recovery, list_recoveries, recovery_path, remove_recovery, scan_recoveries, write_recovery,
};
pub use sidecar::{
    LoadedSet, MAX_SET_BYTES, MergedOnSave, SIDECAR_SUFFIX, SavedSet, default_sidecar_path,
    document_for_default_sidecar, load_set, load_set_read_only, parse_set, revised, save_set,
    save_set_merging, serialize_set, written_set,
};
