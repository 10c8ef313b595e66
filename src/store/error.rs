//! What can go wrong with files, said with the path and what to do about it.

use std::io;
use std::path::{Path, PathBuf};

use crate::model::text::DecodeError;

/// Every failure of the store layer. Each message names the file and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// An operating-system call failed.
    #[error("could not {op} {}: {source}{}", .path.display(), io_hint(.op, .source))]
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// What was being done (`read`, `write`, `rename` …).
        op: &'static str,
        /// The operating system's error.
        source: io::Error,
    },
    /// The file is over the size cap; it was not read.
    #[error(
        "{} is {size} bytes, over the {max}-byte limit; it was not read (is it the right file?)",
        .path.display()
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The cap in bytes.
        max: u64,
    },
    /// A document is not text factmark can decode.
    #[error("could not open {}: {source}", .path.display())]
    Decode {
        /// The document.
        path: PathBuf,
        /// Why it could not be decoded.
        source: DecodeError,
    },
    /// A document that is not plain text could not be extracted.
    #[error("could not open {}: {source}", .path.display())]
    Extract {
        /// The document.
        path: PathBuf,
        /// Why its text could not be extracted.
        source: crate::store::extract::ExtractError,
    },
    /// A sidecar is not valid RON for an annotation set.
    #[error(
        "{}:{line}:{column}: {message}; fix the file by hand or restore its .bak copy (it was not changed)",
        .path.display()
    )]
    Parse {
        /// The sidecar.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column (chars).
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// A sidecar written by a newer factmark.
    #[error(
        "{} was written by a newer factmark (format {found}, this build reads up to {supported}); upgrade factmark to open it",
        .path.display()
    )]
    NewerVersion {
        /// The sidecar.
        path: PathBuf,
        /// The version in the file.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// A setting (environment variable) has a value that cannot be used.
    #[error("{name}={value:?} is not valid: expected {expected}")]
    BadSetting {
        /// The setting's name.
        name: &'static str,
        /// The value found.
        value: String,
        /// What is allowed.
        expected: &'static str,
    },
    /// The file changed (or appeared) on disk since it was loaded; saving would lose that change.
    #[error(
        "{} changed on disk since it was loaded, or exists but was not loaded (a teammate saved?); reload it, or save with --force to overwrite",
        .path.display()
    )]
    ChangedOnDisk {
        /// The file.
        path: PathBuf,
    },
    /// A path leaves the folder it must stay in.
    #[error(
        "{} is outside the document folder {}; move the file into that folder first",
        .path.display(), .base.display()
    )]
    OutsideFolder {
        /// The offending path (as given).
        path: PathBuf,
        /// The folder it must stay in.
        base: PathBuf,
    },
    /// A relative path from a shared file is not acceptable (absolute, `..`, empty …).
    #[error(
        "refusing path {path:?}: {reason}; evidence files must be given relative to the document folder"
    )]
    BadRelativePath {
        /// The path as written in the file (debug-escaped when shown).
        path: String,
        /// Why it was refused.
        reason: &'static str,
    },
    /// A file that must be UTF-8 text (an import) is not.
    #[error(
        "{} is not UTF-8 (invalid byte at {byte_offset}); W3C annotations are JSON in UTF-8",
        .path.display()
    )]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Where the first invalid byte is.
        byte_offset: usize,
    },
    /// Another writer held the set's lock for longer than a writer waits.
    #[error(
        "another factmark has been saving {} for {} s; wait for it to finish and try again (its lock file is .<name>.lock beside it)",
        .path.display(), .waited.as_secs()
    )]
    Locked {
        /// The set file.
        path: PathBuf,
        /// How long this writer waited.
        waited: std::time::Duration,
    },
    /// A set that parses but cannot be used safely (two items share an id, so neither
    /// can be addressed); it was not changed.
    #[error("{}: {message}", .path.display())]
    Invalid {
        /// The sidecar.
        path: PathBuf,
        /// The findings, one per item, joined with "; ".
        message: String,
    },
    /// The set file is read-only: someone protected it, so it is not replaced.
    #[error(
        "{} is read-only, so it was not replaced; make it writable (e.g. chmod u+w), save to another file (Save As, or --set PATH), or overwrite it anyway with --force",
        .path.display()
    )]
    ReadOnlyFile {
        /// The set file.
        path: PathBuf,
    },
    /// The set file holds fields this build does not know (from a newer factmark or another
    /// tool); saving would drop them, so it is refused.
    #[error(
        "{} holds fields this factmark does not know ({fields}), written by a newer factmark or another tool; saving would drop them, so it was not saved: upgrade factmark, save to another file (Save As, or --set PATH), or drop them with --force",
        .path.display()
    )]
    UnknownFields {
        /// The set file.
        path: PathBuf,
        /// Where the unknown fields are, e.g. `annotations[0].mood`, comma-separated.
        fields: String,
    },
    /// The path is a FIFO, a device, a socket or a folder: only regular files (or links to
    /// one) are read or written, so nothing waits forever on a pipe or reads a device.
    #[error(
        "{} is {kind}, not a regular file; give the path of a file (it was not read or written)",
        .path.display()
    )]
    NotRegularFile {
        /// The path as given.
        path: PathBuf,
        /// What it is instead ("a named pipe (FIFO)", "a device" …).
        kind: &'static str,
    },
    /// A set could not be turned into RON (should not happen for valid sets).
    #[error("could not write the annotation set for {}: {message}", .path.display())]
    Serialize {
        /// The target file, if known (empty otherwise).
        path: PathBuf,
        /// The serializer's message.
        message: String,
    },
}

impl StoreError {
    /// Wrap an I/O error with the path and the operation that failed.
    pub fn io(path: &Path, op: &'static str, source: io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            op,
            source,
        }
    }

    /// The I/O error kind, if this is an I/O error (a full disk, a permission problem…).
    pub fn io_kind(&self) -> Option<io::ErrorKind> {
        match self {
            Self::Io { source, .. } => Some(source.kind()),
            _ => None,
        }
    }

    /// The file the error is about, if any.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Self::Io { path, .. }
            | Self::TooLarge { path, .. }
            | Self::Decode { path, .. }
            | Self::Extract { path, .. }
            | Self::Parse { path, .. }
            | Self::NewerVersion { path, .. }
            | Self::ChangedOnDisk { path }
            | Self::Locked { path, .. }
            | Self::NotUtf8 { path, .. }
            | Self::OutsideFolder { path, .. }
            | Self::NotRegularFile { path, .. }
            | Self::Invalid { path, .. }
            | Self::ReadOnlyFile { path }
            | Self::UnknownFields { path, .. }
            | Self::Serialize { path, .. } => Some(path),
            Self::BadRelativePath { .. } | Self::BadSetting { .. } => None,
        }
    }
}

/// Operations that are part of saving (after which the old file is known to be intact).
const SAVE_OPS: [&str; 10] = [
    "save",
    "create a temp file in",
    "write",
    "set permissions of",
    "flush to disk",
    "write backup",
    "flush to disk the backup",
    "replace the backup",
    "replace",
    "replace (its .bak was refreshed first, with the version still in place)",
];

/// A short "what to do" for common I/O failures (empty when there is nothing useful to say).
fn io_hint(op: &str, err: &io::Error) -> &'static str {
    let saving = SAVE_OPS.contains(&op);
    if saving && op.contains("backup") {
        // The backup step failed before its rename: both files are as they were.
        return match err.kind() {
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
                "; free some disk space and save again (the old file was left as it was, and so was its .bak)"
            }
            _ => "; the old file was left as it was, and so was its .bak",
        };
    }
    match (err.kind(), saving) {
        (io::ErrorKind::NotFound, _) => "; check the path",
        (io::ErrorKind::PermissionDenied, true) => {
            "; check the file and folder permissions, or use Save As (the old file was left as it was)"
        }
        (io::ErrorKind::PermissionDenied, false) => "; check the file and folder permissions",
        (io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded, _) => {
            "; free some disk space and save again (the old file was left as it was)"
        }
        (io::ErrorKind::ReadOnlyFilesystem, _) => "; save to another folder with Save As",
        (_, true) => "; the old file was left as it was",
        (_, false) => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_path_and_the_remedy() {
        let path = Path::new("/x/a.txt.factmark.ron");
        let cases = [
            (
                StoreError::io(path, "write", io::Error::from(io::ErrorKind::StorageFull)),
                "free some disk space",
            ),
            (
                StoreError::io(
                    path,
                    "open",
                    io::Error::from(io::ErrorKind::PermissionDenied),
                ),
                "could not open /x/a.txt.factmark.ron: permission denied; check the file and folder permissions",
            ),
            (
                StoreError::ChangedOnDisk {
                    path: path.to_path_buf(),
                },
                "--force",
            ),
            (
                StoreError::NewerVersion {
                    path: path.to_path_buf(),
                    found: 9,
                    supported: 1,
                },
                "upgrade factmark",
            ),
            (
                StoreError::Parse {
                    path: path.to_path_buf(),
                    line: 3,
                    column: 7,
                    message: "Expected colon".into(),
                },
                "a.txt.factmark.ron:3:7: Expected colon",
            ),
        ];
        for (err, want) in cases {
            let text = err.to_string();
            assert!(text.contains("/x/a.txt.factmark.ron"), "{text}");
            assert!(text.contains(want), "{text}");
            assert_eq!(err.path(), Some(path));
        }
        let read = StoreError::io(path, "open", io::Error::from(io::ErrorKind::Other));
        assert!(!read.to_string().contains("old file"), "{read}");
    }
}
