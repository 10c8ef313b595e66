//! Loading and saving annotation sets (`<document>.factmark.ron`).
//!
//! Files are RON, pretty, one field per line, written deterministically: the set is
//! normalized first, so the same set always gives the same bytes and a one-field change
//! touches one line of a git diff. The format version is checked before anything else.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use ron::ser::PrettyConfig;
use serde::Deserialize;

use crate::model::merge::{MergeReport, Side, merge, union};
use crate::model::revision::{Revision, content_id};
use crate::model::set::{AnnotationSet, FORMAT_VERSION};
use crate::store::atomic::remove_leftover_temps;
use crate::store::error::StoreError;
use crate::store::fs::{DiskStamp, Fs};

/// Suffix appended to a document's file name to name its sidecar.
pub const SIDECAR_SUFFIX: &str = ".factmark.ron";

/// Largest sidecar factmark reads (128 MiB); bigger files are refused before reading.
pub const MAX_SET_BYTES: u64 = 128 * 1024 * 1024;

/// A set as loaded, with the stamp of the bytes it came from (for change-on-disk checks).
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedSet {
    /// The annotation set.
    pub set: AnnotationSet,
    /// Size, time and hash of the file when it was read.
    pub stamp: DiskStamp,
}

/// The default sidecar beside a document: `article.txt` → `article.txt.factmark.ron`.
pub fn default_sidecar_path(document: &Path) -> PathBuf {
    match document.file_name() {
        Some(name) => {
            let mut name = OsString::from(name);
            name.push(SIDECAR_SUFFIX);
            document.with_file_name(name)
        }
        None => document.join(format!("document{SIDECAR_SUFFIX}")),
    }
}

/// The document a default-named sidecar belongs to (`a.txt.factmark.ron` → `a.txt`).
pub fn document_for_default_sidecar(sidecar: &Path) -> Option<PathBuf> {
    let name = sidecar.file_name()?.to_str()?;
    let stem = name.strip_suffix(SIDECAR_SUFFIX)?;
    (!stem.is_empty()).then(|| sidecar.with_file_name(stem))
}

/// The RON layout: fixed on every platform (LF newlines, 4-space indent, escaped strings).
fn pretty_config() -> PrettyConfig {
    PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .separator(" ")
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        .compact_arrays(false)
        .compact_structs(false)
        .compact_maps(false)
        .escape_strings(true)
        .number_suffixes(false)
}

/// Serialize a set as a save writes it: a normalized copy with its revision brought up to
/// date (see [`revised`]), pretty RON, one field per line, trailing newline. The same set
/// always gives the same text, and parsing it back gives a set that serializes identically.
pub fn serialize_set(set: &AnnotationSet) -> Result<String, StoreError> {
    let (_, text) = revised_text(set, Path::new(""))?;
    Ok(text)
}

/// The set with a revision that names its content: the same set when its revision already
/// does, else a new revision whose first ancestor is the one the set had
/// ([`Revision::after`]). The content is the serialized set without its revision.
pub fn revised(set: &AnnotationSet) -> Result<AnnotationSet, StoreError> {
    let (revised, _) = revised_text(set, Path::new(""))?;
    Ok(revised)
}

/// The set as a file with `stamp` holds it after a save: `set` with the revision the save
/// gave it, or unchanged when the save kept the file's bytes (an unchanged file written
/// before revisions stays without one). Callers keep this as their set after saving, so the
/// next save names this revision as its ancestor.
pub fn written_set(set: &AnnotationSet, stamp: &DiskStamp) -> Result<AnnotationSet, StoreError> {
    let (revised, text) = revised_text(set, Path::new(""))?;
    if DiskStamp::of_bytes(text.as_bytes(), None).same_content(stamp) {
        Ok(revised)
    } else {
        Ok(set.clone())
    }
}

/// [`revised`] and its text.
fn revised_text(set: &AnnotationSet, path: &Path) -> Result<(AnnotationSet, String), StoreError> {
    let mut content = set.clone();
    content.revision = None;
    let content_text = serialize_for(&content, path)?;
    let revision = Revision::after(set.revision.as_ref(), content_id(content_text.as_bytes()));
    if set.revision.as_ref() == Some(&revision) {
        let text = serialize_for(set, path)?;
        return Ok((set.clone(), text));
    }
    content.revision = Some(revision);
    let text = serialize_for(&content, path)?;
    Ok((content, text))
}

/// What a save writes over a file with `current` bytes: the set exactly as it is when the
/// file already holds that (nothing changed, so no new revision), else the revised set.
fn to_write(
    set: &AnnotationSet,
    current: Option<&DiskStamp>,
    path: &Path,
) -> Result<(AnnotationSet, String), StoreError> {
    if let Some(current) = current {
        let as_is = serialize_for(set, path)?;
        if DiskStamp::of_bytes(as_is.as_bytes(), None).same_content(current) {
            return Ok((set.clone(), as_is));
        }
    }
    revised_text(set, path)
}

/// A normalized copy in pretty RON, revision as the set has it.
fn serialize_for(set: &AnnotationSet, path: &Path) -> Result<String, StoreError> {
    let mut normalized = set.clone();
    normalized.normalize();
    let mut text = ron::ser::to_string_pretty(&normalized, pretty_config()).map_err(|e| {
        StoreError::Serialize {
            path: path.to_path_buf(),
            message: e.to_string(),
        }
    })?;
    text.push('\n');
    Ok(text)
}

/// Just the version field, read before the whole set (unknown fields are skipped).
#[derive(Deserialize)]
struct VersionProbe {
    version: u32,
}

/// Parse a sidecar's text. The version decides first: a file from a newer factmark gives
/// [`StoreError::NewerVersion`] (never a confusing parse error), even when this build cannot
/// parse the rest of it.
pub fn parse_set(text: &str, path: &Path) -> Result<AnnotationSet, StoreError> {
    // One pass in the common case; the version probe only runs when the full parse fails.
    let (version, parsed) = match parse_any_version(text, path) {
        Ok(set) => (Some(set.version), Ok(set)),
        Err(err) => (probe_version(text), Err(err)),
    };
    if let Some(found) = version {
        if found > FORMAT_VERSION {
            return Err(StoreError::NewerVersion {
                path: path.to_path_buf(),
                found,
                supported: FORMAT_VERSION,
            });
        }
        if found == 0 {
            return Err(StoreError::Parse {
                path: path.to_path_buf(),
                line: 1,
                column: 1,
                message: format!(
                    "format version 0 does not exist (expected 1 to {FORMAT_VERSION})"
                ),
            });
        }
    }
    parsed
}

/// The `version` of a file that does not parse as a set: read as RON skipping every other
/// field, or failing that, found on a line of its own.
fn probe_version(text: &str) -> Option<u32> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    match ron::Options::default().from_str::<VersionProbe>(text) {
        Ok(probe) => Some(probe.version),
        Err(_) => scan_version(text),
    }
}

/// Find `version: N` on a line of its own, for files this build cannot parse at all.
fn scan_version(text: &str) -> Option<u32> {
    text.lines().find_map(|line| {
        let rest = line.trim_start().strip_prefix("version:")?;
        let digits = rest.trim().trim_end_matches(',');
        digits.parse().ok()
    })
}

/// Load a sidecar: size-capped read, UTF-8 check, version check, parse, and refusal of a
/// set whose ids are not unique (its items could not be addressed; see
/// [`crate::model::validate`]). Other findings are reported by [`crate::store::open`].
pub fn load_set(fs: &dyn Fs, path: &Path) -> Result<LoadedSet, StoreError> {
    load_with(fs, path, parse_set)
}

/// Load a sidecar written by a newer factmark, for viewing only, after
/// [`load_set`] returned [`StoreError::NewerVersion`]: fields this build does not know are
/// skipped, so saving the result would lose them. The caller must keep it read-only.
/// Fails with [`StoreError::Parse`] when the newer format cannot be read even partly.
pub fn load_set_read_only(fs: &dyn Fs, path: &Path) -> Result<LoadedSet, StoreError> {
    load_with(fs, path, parse_any_version)
}

/// Parse whatever this build understands of a set, whatever its version.
fn parse_any_version(text: &str, path: &Path) -> Result<AnnotationSet, StoreError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    ron::Options::default()
        .from_str::<AnnotationSet>(text)
        .map_err(|err| parse_error(path, &err))
}

/// A RON error as a [`StoreError::Parse`] at the error's start.
pub(crate) fn parse_error(path: &Path, err: &ron::error::SpannedError) -> StoreError {
    StoreError::Parse {
        path: path.to_path_buf(),
        line: err.span.start.line,
        column: err.span.start.col,
        message: err.code.to_string(),
    }
}

fn load_with(
    fs: &dyn Fs,
    path: &Path,
    parse: fn(&str, &Path) -> Result<AnnotationSet, StoreError>,
) -> Result<LoadedSet, StoreError> {
    let bytes = fs.read(path, MAX_SET_BYTES)?;
    let modified = fs.metadata(path)?.and_then(|meta| meta.modified);
    let stamp = DiskStamp::of_bytes(&bytes, modified);
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = String::from_utf8_lossy(bytes.get(..err.valid_up_to()).unwrap_or_default());
            let line = valid.matches('\n').count() + 1;
            let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Err(StoreError::Parse {
                path: path.to_path_buf(),
                line,
                column,
                message: format!("not valid UTF-8 at byte {}", err.valid_up_to()),
            });
        }
    };
    let set = parse(text, path)?;
    let duplicates = crate::model::validate::duplicate_ids(&set);
    if !duplicates.is_empty() {
        let message: Vec<String> = duplicates.iter().map(ToString::to_string).collect();
        return Err(StoreError::Invalid {
            path: path.to_path_buf(),
            message: message.join("; "),
        });
    }
    Ok(LoadedSet { set, stamp })
}

/// Save a set atomically under its lock (see [`crate::store::lock`]) and return the new
/// stamp.
///
/// Unless `force`, refuses with [`StoreError::ChangedOnDisk`] when the file's content differs
/// from `loaded` (someone else saved), or when `loaded` is `None` and the file exists (it
/// was never loaded — perhaps it failed to — so it must not be overwritten). A file deleted
/// since loading is simply written again. The previous file is kept as `<name>.bak`; a file
/// that already holds the bytes to write is left alone (and so is its `.bak`). Temp files
/// an interrupted save left are removed first.
pub fn save_set(
    fs: &dyn Fs,
    path: &Path,
    set: &AnnotationSet,
    loaded: Option<&DiskStamp>,
    force: bool,
) -> Result<DiskStamp, StoreError> {
    let _lock = fs.lock_set(path)?;
    remove_leftover_temps(fs, path)?;
    let current = if force {
        // Only to keep an unchanged file's bytes; an unreadable file is simply replaced.
        fs.stamp(path).ok().flatten()
    } else {
        fs.stamp(path)?
    };
    if !force {
        let changed = match (loaded, &current) {
            (Some(loaded), Some(current)) => !loaded.same_content(current),
            (None, Some(_)) => true,
            (_, None) => false,
        };
        if changed {
            return Err(StoreError::ChangedOnDisk {
                path: path.to_path_buf(),
            });
        }
    }
    if !force && current.is_some() {
        refuse_to_drop(fs, path)?;
    }
    let (_, text) = to_write(set, current.as_ref(), path)?;
    fs.write_atomic(path, text.as_bytes(), true)?;
    let modified = fs.metadata(path)?.and_then(|meta| meta.modified);
    Ok(DiskStamp::of_bytes(text.as_bytes(), modified))
}

/// Refuse to replace a set file that is read-only, or that holds fields this build does
/// not know (saving would drop them); see [`unknown_fields`].
fn refuse_to_drop(fs: &dyn Fs, path: &Path) -> Result<(), StoreError> {
    if fs.metadata(path)?.is_some_and(|meta| meta.read_only) {
        return Err(StoreError::ReadOnlyFile {
            path: path.to_path_buf(),
        });
    }
    let bytes = fs.read(path, MAX_SET_BYTES)?;
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Ok(());
    };
    let Ok(set) = parse_any_version(text, path) else {
        return Ok(());
    };
    let fields = unknown_fields(text, &set);
    if fields.is_empty() {
        return Ok(());
    }
    let mut shown: Vec<String> = fields.iter().take(5).cloned().collect();
    if fields.len() > shown.len() {
        shown.push(format!("and {} more", fields.len() - shown.len()));
    }
    Err(StoreError::UnknownFields {
        path: path.to_path_buf(),
        fields: shown.join(", "),
    })
}

/// Fields in a sidecar's `text` that `set` (parsed from it) does not hold, by path
/// (`annotations[2].mood`): what a save would drop. Fields holding nothing (an empty list or
/// text, `None`) are not counted.
pub fn unknown_fields(text: &str, set: &AnnotationSet) -> Vec<String> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let Ok(file) = ron::Options::default().from_str::<ron::Value>(text) else {
        return Vec::new();
    };
    let Ok(ours) = ron::ser::to_string(set).and_then(|ours| {
        ron::Options::default()
            .from_str::<ron::Value>(&ours)
            .map_err(|e| e.code)
    }) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    compare_fields(&file, &ours, "", &mut found);
    found
}

fn compare_fields(file: &ron::Value, ours: &ron::Value, at: &str, found: &mut Vec<String>) {
    use ron::Value;
    match (file, ours) {
        (Value::Map(file), Value::Map(ours)) => {
            for (key, value) in file.iter() {
                let name = match key {
                    Value::String(name) => name.clone(),
                    other => format!("{other:?}"),
                };
                let here = if at.is_empty() {
                    name
                } else {
                    format!("{at}.{name}")
                };
                match ours.get(key) {
                    Some(mine) => compare_fields(value, mine, &here, found),
                    None if holds_nothing(value) => {}
                    None => found.push(here),
                }
            }
        }
        (Value::Seq(file), Value::Seq(ours)) => {
            for (index, (value, mine)) in file.iter().zip(ours).enumerate() {
                compare_fields(value, mine, &format!("{at}[{index}]"), found);
            }
        }
        (Value::Option(Some(file)), Value::Option(Some(ours))) => {
            compare_fields(file, ours, at, found);
        }
        _ => {}
    }
}

fn holds_nothing(value: &ron::Value) -> bool {
    use ron::Value;
    match value {
        Value::Seq(items) => items.is_empty(),
        Value::Map(map) => map.is_empty(),
        Value::String(text) => text.is_empty(),
        Value::Option(None) | Value::Unit => true,
        _ => false,
    }
}

/// What a merging save did.
#[derive(Debug, Clone)]
pub struct SavedSet {
    /// The file's stamp now.
    pub stamp: DiskStamp,
    /// The file changed on disk since it was read, and was merged rather than overwritten.
    pub merged: Option<MergedOnSave>,
    /// The file already held exactly these bytes, so nothing was written.
    pub unchanged: bool,
}

/// A save that merged with a change on disk.
#[derive(Debug, Clone)]
pub struct MergedOnSave {
    /// The set as written: ours and theirs combined, conflicts recorded, with the revision
    /// it was written with (ours' revision as the ancestor). Callers continue from it (and
    /// read it as their new base).
    pub set: AnnotationSet,
    /// What the merge found.
    pub report: MergeReport,
}

/// Save a set so that nobody's work is lost: under the set's lock (see
/// [`crate::store::lock`]), if the file on disk is no longer what `base` was read from,
/// merge three ways (base = `base`, ours = `set`, theirs = the file now) and write the
/// result; with no base and an existing file, merge as a two-way union. A file that already
/// holds the bytes to write is left alone. `who` names our side in conflicts.
pub fn save_set_merging(
    fs: &dyn Fs,
    path: &Path,
    set: &AnnotationSet,
    base: Option<&LoadedSet>,
    who: &str,
) -> Result<SavedSet, StoreError> {
    let _lock = fs.lock_set(path)?;
    remove_leftover_temps(fs, path)?;
    let current = fs.stamp(path)?;
    let changed = match (base, &current) {
        (Some(base), Some(current)) => !base.stamp.same_content(current),
        (None, Some(_)) => true,
        (_, None) => false,
    };
    let mut merged = if changed {
        let theirs = load_set(fs, path)?;
        let theirs_label = format!("{} on disk", crate::store::paths::file_name(path));
        let ours = Side { set, by: who };
        let theirs_side = Side {
            set: &theirs.set,
            by: &theirs_label,
        };
        let (set, report) = match base {
            Some(base) => merge(&base.set, ours, theirs_side),
            None => union(ours, theirs_side),
        };
        Some(MergedOnSave { set, report })
    } else {
        None
    };
    let (written, text) = to_write(
        merged.as_ref().map_or(set, |m| &m.set),
        current.as_ref(),
        path,
    )?;
    if let Some(merged) = &mut merged {
        merged.set = written;
    }
    let new_stamp = DiskStamp::of_bytes(text.as_bytes(), None);
    let exists = current.is_some();
    if let Some(current) = current.filter(|c| c.same_content(&new_stamp)) {
        return Ok(SavedSet {
            stamp: current,
            merged,
            unchanged: true,
        });
    }
    if exists {
        refuse_to_drop(fs, path)?;
    }
    fs.write_atomic(path, text.as_bytes(), true)?;
    let modified = fs.metadata(path)?.and_then(|meta| meta.modified);
    Ok(SavedSet {
        stamp: DiskStamp::of_bytes(text.as_bytes(), modified),
        merged,
        unchanged: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidecar_names() {
        for (doc, sidecar) in [
            ("article.txt", "article.txt.factmark.ron"),
            ("a/b/notes.md", "a/b/notes.md.factmark.ron"),
            ("no_extension", "no_extension.factmark.ron"),
        ] {
            let got = default_sidecar_path(Path::new(doc));
            assert_eq!(got, PathBuf::from(sidecar));
            assert_eq!(document_for_default_sidecar(&got), Some(PathBuf::from(doc)));
        }
        assert_eq!(document_for_default_sidecar(Path::new("x.ron")), None);
        assert_eq!(
            document_for_default_sidecar(Path::new(".factmark.ron")),
            None
        );
    }

    #[test]
    fn version_scan_table() {
        for (text, want) in [
            ("(\n    version: 7,\n", Some(7)),
            ("(version: 7, x: [", None),
            ("(\n  version:   12\n", Some(12)),
            ("(\n    generator: (version: \"0.1.0\"),\n", None),
        ] {
            assert_eq!(scan_version(text), want, "{text:?}");
        }
    }
}
