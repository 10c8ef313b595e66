//! Relative paths stored in shared files, and the checks that keep them inside their folder.
//!
//! Evidence files are stored relative to the document's folder with `/` separators and no
//! `..`. Paths read from a teammate's file are untrusted: [`resolve_relative`] refuses
//! absolute paths, `..`, drive prefixes and symlinks that lead out of the folder.

use std::io;
use std::path::{Component, Path, PathBuf};

use crate::store::error::StoreError;

/// The path to remember for a document: canonical (absolute, symlinks and `..` resolved),
/// or when that fails (the file went away) absolute against the current folder, or as given.
pub fn canonical_document_path(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// `target` relative to `base_dir`, `/`-separated, after resolving symlinks in both.
///
/// Refused with [`StoreError::OutsideFolder`] when the target is not inside `base_dir`.
/// Both must exist. The result never contains `..`.
pub fn relative_to(base_dir: &Path, target: &Path) -> Result<String, StoreError> {
    let base = std::fs::canonicalize(base_dir)
        .map_err(|e| StoreError::io(base_dir, "resolve folder", e))?;
    let full = std::fs::canonicalize(target).map_err(|e| StoreError::io(target, "resolve", e))?;
    let outside = || StoreError::OutsideFolder {
        path: target.to_path_buf(),
        base: base_dir.to_path_buf(),
    };
    let rest = full.strip_prefix(&base).map_err(|_| outside())?;
    let mut parts = Vec::new();
    for component in rest.components() {
        let Component::Normal(part) = component else {
            return Err(outside());
        };
        let Some(part) = part.to_str() else {
            return Err(StoreError::io(
                target,
                "store the path of",
                io::Error::new(io::ErrorKind::InvalidData, "its name is not valid Unicode"),
            ));
        };
        parts.push(part);
    }
    if parts.is_empty() {
        return Err(outside());
    }
    Ok(parts.join("/"))
}

/// Check a relative path from a shared file and join it to `base_dir`.
///
/// Refuses empty, absolute, drive-prefixed, `..`-containing and NUL-containing paths, and
/// (when the path or one of its folders exists) paths whose symlinks lead out of `base_dir`.
/// A missing file is not an error here: the caller reports it when opening.
pub fn resolve_relative(base_dir: &Path, relative: &str) -> Result<PathBuf, StoreError> {
    let refuse = |reason| StoreError::BadRelativePath {
        path: relative.to_owned(),
        reason,
    };
    if let Some(reason) = crate::model::evidence::relative_path_problem(relative) {
        return Err(refuse(reason));
    }
    let mut joined = base_dir.to_path_buf();
    for part in relative.split(['/', '\\']) {
        if !matches!(part, "" | ".") {
            joined.push(part);
        }
    }
    ensure_inside(base_dir, &joined)?;
    Ok(joined)
}

/// Refuse `path` if its nearest existing ancestor below `base_dir` (itself included)
/// resolves outside `base_dir`. Only the part below `base_dir` is examined.
fn ensure_inside(base_dir: &Path, path: &Path) -> Result<(), StoreError> {
    let outside = || StoreError::OutsideFolder {
        path: path.to_path_buf(),
        base: base_dir.to_path_buf(),
    };
    let mut candidate = Some(path);
    while let Some(current) = candidate {
        if current == base_dir || !current.starts_with(base_dir) {
            return Ok(());
        }
        if std::fs::symlink_metadata(current).is_ok() {
            let base = std::fs::canonicalize(base_dir)
                .map_err(|e| StoreError::io(base_dir, "resolve folder", e))?;
            // A dangling symlink cannot be followed, so we cannot tell where it leads: refuse.
            let resolved = std::fs::canonicalize(current).map_err(|_| outside())?;
            return if resolved.starts_with(&base) {
                Ok(())
            } else {
                Err(outside())
            };
        }
        candidate = current.parent();
    }
    Ok(())
}

/// The document's path relative to the sidecar's folder, `/`-separated, for
/// `SourceRef::path`; the document's file name when it is not inside that folder.
pub fn source_path_for(sidecar: &Path, document: &Path) -> String {
    let file_name = || {
        document
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let sidecar_dir = parent_or_dot(sidecar);
    let document_dir = parent_or_dot(document);
    let (Some(sidecar_dir), Some(document_dir)) =
        (resolve_dir(&sidecar_dir), resolve_dir(&document_dir))
    else {
        return file_name();
    };
    let Ok(rest) = document_dir.strip_prefix(&sidecar_dir) else {
        return file_name();
    };
    let mut parts: Vec<String> = Vec::new();
    for component in rest.components() {
        let Component::Normal(part) = component else {
            return file_name();
        };
        parts.push(part.to_string_lossy().into_owned());
    }
    parts.push(file_name());
    parts.join("/")
}

/// The folder a file is in (`.` for a bare file name).
fn parent_or_dot(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A folder resolved through symlinks if it exists, else made absolute.
fn resolve_dir(dir: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(dir)
        .ok()
        .or_else(|| std::path::absolute(dir).ok())
}

/// The last component of a path, for messages ("article.txt.factmark.ron"); the whole
/// path where there is none.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_relative_paths() {
        let base = std::env::temp_dir();
        for bad in [
            "",
            "   ",
            "../x",
            "a/../../x",
            "a/..",
            "..\\x",
            "/etc/passwd",
            "\\\\server\\share",
            "C:\\Windows",
            "c:x",
            "a\0b",
            ".",
            "./",
        ] {
            let got = resolve_relative(&base, bad);
            assert!(
                matches!(got, Err(StoreError::BadRelativePath { .. })),
                "{bad:?} gave {got:?}"
            );
        }
    }

    #[test]
    fn accepted_relative_paths_join_with_the_platform_separator() {
        let base = std::env::temp_dir().join("factmark-paths-test-missing");
        for (good, want) in [
            ("a.pdf", "a.pdf"),
            ("sub/dir/b.png", "sub/dir/b.png"),
            ("./sub//c.txt", "sub/c.txt"),
            ("sub\\d.txt", "sub/d.txt"),
        ] {
            let mut expected = base.clone();
            expected.extend(want.split('/'));
            assert_eq!(
                resolve_relative(&base, good).ok(),
                Some(expected),
                "{good:?}"
            );
        }
    }
}
