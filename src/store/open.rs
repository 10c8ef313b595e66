//! Opening a document with its annotation set: read the document (size-capped, decoded to
//! canonical text), read the set if there is one and anchor it against the document. The
//! command line and the app both open through [`open_document_with_set`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::model::validate::{Finding, validate};
use crate::model::{
    AnchorSummary, AnnotationId, AnnotationSet, Document, SourceRef, TextPosition, anchor_set,
};
use crate::store::canonical::{Extraction, load_extracted};
use crate::store::document::load_document;
use crate::store::error::StoreError;
use crate::store::extract::Format;
use crate::store::fs::{DiskStamp, Fs};
use crate::store::sidecar::{LoadedSet, default_sidecar_path, load_set, load_set_read_only};

/// What was found at the set's path.
#[derive(Debug)]
pub enum SetOnDisk {
    /// Loaded and anchored.
    Loaded {
        /// The set, anchored against the document.
        set: Box<AnnotationSet>,
        /// The file's stamp, to notice a teammate's change at save time.
        stamp: DiskStamp,
        /// How its annotations anchored.
        summary: AnchorSummary,
        /// Each annotation's position as the file had it, before anchoring.
        stored_positions: HashMap<AnnotationId, TextPosition>,
        /// What the set's validation found (see [`set_findings`]): shown to the person,
        /// never fixed silently.
        findings: Vec<Finding>,
    },
    /// There is no set file yet.
    Missing,
    /// Written by a newer factmark: what this build could read of it, anchored. It must stay
    /// read-only (saving would lose what this build does not understand).
    ReadOnly {
        /// What this build could read of the set.
        set: Box<AnnotationSet>,
        /// How its annotations anchored.
        summary: AnchorSummary,
        /// Why it is read-only ([`StoreError::NewerVersion`]).
        reason: StoreError,
    },
    /// The file exists but could not be read; it must not be overwritten.
    Failed(StoreError),
}

/// A document read from disk, and its annotation set.
#[derive(Debug)]
pub struct DocumentWithSet {
    /// The canonical document.
    pub doc: Document,
    /// Where the set is read from and saved to.
    pub set_path: PathBuf,
    /// The set as found there.
    pub set: SetOnDisk,
    /// For a document that is not plain text: how its canonical text was obtained.
    pub extraction: Option<Extraction>,
}

impl DocumentWithSet {
    /// Fill a new set with what extraction knows: the original's record, and the page's
    /// title, published date and address (prefilled review details). No-op for text.
    pub fn prepare_new_set(&self, set: &mut AnnotationSet) {
        if let Some(extraction) = &self.extraction {
            extraction.prepare_new_set(set);
        }
    }
}

/// Read the document at `doc_path` (refused before reading if over `max_document_bytes`,
/// see [`crate::store::max_document_bytes`]) and the set at `set_path` (default: beside the
/// document), anchored. Only a document that cannot be read is an error; what became of the
/// set is in [`DocumentWithSet::set`].
pub fn open_document_with_set(
    fs: &dyn Fs,
    doc_path: &Path,
    set_path: Option<&Path>,
    max_document_bytes: u64,
) -> Result<DocumentWithSet, StoreError> {
    let set_path = set_path.map_or_else(|| default_sidecar_path(doc_path), Path::to_path_buf);
    let format = Format::of_path(doc_path);
    if !format.is_extracted() {
        let doc = load_document(fs, doc_path, max_document_bytes)?;
        let set = read_set(fs, &set_path, &doc);
        return Ok(DocumentWithSet {
            doc,
            set_path,
            set,
            extraction: None,
        });
    }
    // The set file is read and parsed once: its source decides how the text is
    // obtained, then it is anchored against that text.
    let file = read_set_file(fs, &set_path);
    let recorded = file.source();
    let (doc, extraction) = load_extracted(fs, doc_path, format, max_document_bytes, recorded)?;
    let mut set = anchor_set_file(file, &doc);
    if let SetOnDisk::Loaded { set, .. } | SetOnDisk::ReadOnly { set, .. } = &mut set {
        set.source.original = Some(extraction.original.clone());
    }
    Ok(DocumentWithSet {
        doc,
        set_path,
        set,
        extraction: Some(extraction),
    })
}

/// A set file as read, before anchoring.
enum SetFile {
    /// No file.
    Missing,
    /// Read and parsed.
    Loaded(LoadedSet),
    /// Written by a newer factmark: read as far as known, never saved over (why).
    ReadOnly(LoadedSet, StoreError),
    /// Unreadable.
    Failed(StoreError),
}

impl SetFile {
    /// The source the file records, if it was read.
    fn source(&self) -> Option<&SourceRef> {
        match self {
            Self::Loaded(loaded) | Self::ReadOnly(loaded, _) => Some(&loaded.set.source),
            Self::Missing | Self::Failed(_) => None,
        }
    }
}

fn read_set_file(fs: &dyn Fs, set_path: &Path) -> SetFile {
    match fs.stamp(set_path) {
        Ok(None) => return SetFile::Missing,
        Ok(Some(_)) => {}
        Err(err) => return SetFile::Failed(err),
    }
    match load_set(fs, set_path) {
        Ok(loaded) => SetFile::Loaded(loaded),
        Err(reason @ StoreError::NewerVersion { .. }) => match load_set_read_only(fs, set_path) {
            Ok(loaded) => SetFile::ReadOnly(loaded, reason),
            Err(_) => SetFile::Failed(reason),
        },
        Err(err) => SetFile::Failed(err),
    }
}

/// The one validation of a loaded set ([`validate`]): the file as stored (its spans
/// against the text it was made on) and the result of anchoring (against `doc`), each
/// finding once.
pub fn set_findings(
    stored: &AnnotationSet,
    anchored: &AnnotationSet,
    doc: &Document,
) -> Vec<Finding> {
    let mut findings = validate(stored, stored.source.char_len);
    for finding in validate(anchored, doc.char_len()) {
        if !findings.contains(&finding) {
            findings.push(finding);
        }
    }
    findings
}

fn read_set(fs: &dyn Fs, set_path: &Path, doc: &Document) -> SetOnDisk {
    anchor_set_file(read_set_file(fs, set_path), doc)
}

/// Anchor a set file as read against `doc`, with the findings of validation.
fn anchor_set_file(file: SetFile, doc: &Document) -> SetOnDisk {
    match file {
        SetFile::Missing => SetOnDisk::Missing,
        SetFile::Failed(err) => SetOnDisk::Failed(err),
        SetFile::Loaded(loaded) => {
            let stored = loaded.set;
            let mut set = Box::new(stored.clone());
            let stored_positions = set.annotations.iter().map(|a| (a.id, a.position)).collect();
            let summary = anchor_set(&mut set, doc);
            let findings = set_findings(&stored, &set, doc);
            SetOnDisk::Loaded {
                set,
                stamp: loaded.stamp,
                summary,
                stored_positions,
                findings,
            }
        }
        SetFile::ReadOnly(loaded, reason) => {
            let mut set = Box::new(loaded.set);
            let summary = anchor_set(&mut set, doc);
            SetOnDisk::ReadOnly {
                set,
                summary,
                reason,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::apply;
    use crate::model::edit::Edit;
    use crate::store::fs::RealFs;
    use crate::store::sidecar::save_set;
    use chrono::{TimeZone as _, Utc};

    fn now() -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn a_document_over_the_cap_is_refused_before_reading() {
        let dir = tempfile::tempdir().expect("temp dir");
        let doc_path = dir.path().join("big.txt");
        std::fs::write(&doc_path, "x".repeat(2048)).expect("write");
        let err = open_document_with_set(&RealFs, &doc_path, None, 1024).expect_err("capped");
        assert!(
            matches!(err, StoreError::TooLarge { max: 1024, .. }),
            "{err}"
        );
        let opened = open_document_with_set(&RealFs, &doc_path, None, 4096).expect("under");
        assert!(matches!(opened.set, SetOnDisk::Missing));
        assert_eq!(opened.set_path, dir.path().join("big.txt.factmark.ron"));
    }

    #[test]
    fn a_saved_set_is_loaded_and_anchored() {
        let dir = tempfile::tempdir().expect("temp dir");
        let doc_path = dir.path().join("a.txt");
        std::fs::write(&doc_path, "Old line.\nThe claim.\n").expect("write");
        let doc = Document::new("Old line.\nThe claim.\n");
        let mut set = AnnotationSet::new(&doc, "a.txt", "t", now());
        let annotation = crate::model::Annotation::new(&doc, 10..20, "claim", "me", now());
        apply(&mut set, Edit::AddAnnotation(annotation), now()).expect("add");
        let set_path = dir.path().join("other.ron");
        save_set(&RealFs, &set_path, &set, None, false).expect("save");
        std::fs::write(&doc_path, "A new first line.\nOld line.\nThe claim.\n").expect("edit");
        let opened =
            open_document_with_set(&RealFs, &doc_path, Some(&set_path), 4096).expect("opens");
        let SetOnDisk::Loaded { summary, set, .. } = opened.set else {
            panic!("loaded: {:?}", opened.set);
        };
        assert_eq!(summary.moved, 1);
        assert_eq!(set.annotations.len(), 1);
    }

    #[test]
    fn an_unreadable_set_is_failed_not_missing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let doc_path = dir.path().join("a.txt");
        std::fs::write(&doc_path, "text").expect("write");
        std::fs::write(dir.path().join("a.txt.factmark.ron"), "not ron ((").expect("write");
        let opened = open_document_with_set(&RealFs, &doc_path, None, 4096).expect("opens");
        assert!(
            matches!(opened.set, SetOnDisk::Failed(_)),
            "{:?}",
            opened.set
        );
    }
}
