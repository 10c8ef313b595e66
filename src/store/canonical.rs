//! The canonical text of documents that are not plain text, kept beside the original.
//!
//! `report.pdf` is annotated on its extracted text, saved as `report.pdf.factmark.txt`;
//! the set records the original's SHA-256 and the extractor ([`OriginalRef`]). Opening:
//! - the original is unchanged and its text is beside it: the saved text is used as it
//!   is, so a newer extractor never moves an anchor; but a text file that no longer
//!   matches the set's recorded fingerprint (edited by hand) is extracted again and
//!   rewritten, so what the reviewer reads stays the original's text;
//! - the original changed: it is extracted again, the text file replaced, and the set
//!   re-anchored against the new text (moved, fuzzy, orphaned, as for text);
//! - only the original and the set were shared (no text file): extraction is repeated and
//!   checked against the set's recorded fingerprint;
//! - no set: the document is extracted;
//! - the original is missing but its saved text and a set are there (a team that shares
//!   the set and the text, not a large PDF): the saved text is used, with a note.
//!
//! Whenever the text was extracted, the text file is (re)written if it differs, atomically.

use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use crate::model::text::hex;
use crate::model::{AnnotationSet, Document, OriginalRef, SourceRef};
use crate::store::error::StoreError;
use crate::store::extract::{EXTRACTOR_VERSION, Format, PageMeta, extract};
use crate::store::fs::Fs;

/// Suffix of the file holding a document's extracted canonical text.
pub const TEXT_SUFFIX: &str = ".factmark.txt";

/// Where the canonical text of `doc_path` is kept: `report.pdf` → `report.pdf.factmark.txt`.
pub fn text_path(doc_path: &Path) -> PathBuf {
    let mut name = doc_path.file_name().unwrap_or_default().to_os_string();
    name.push(TEXT_SUFFIX);
    doc_path.with_file_name(name)
}

/// How the canonical text of an extracted document was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextOrigin {
    /// Read from the saved text file (the original unchanged since the set was saved).
    Saved,
    /// Extracted for a document without a set.
    Extracted,
    /// Extracted again because the original changed since the set was saved.
    OriginalChanged,
    /// Extracted again (no saved text) and equal to the set's recorded fingerprint.
    ReExtractedMatching,
    /// Extracted again (no saved text) but different from what the set recorded: the
    /// extractor changed, so the set was re-anchored.
    ReExtractedDiffering,
    /// The saved text file no longer matched the set's record (edited since): extracted
    /// again from the unchanged original and the file rewritten.
    SavedTextAltered,
    /// The original is not there (not shared, moved or deleted): the saved text the set
    /// was made on is used.
    OriginalMissing,
}

/// How an extracted document's canonical text was obtained and what is known about it.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// The record to keep in the set's source.
    pub original: OriginalRef,
    /// What the page said about itself (empty when the saved text was used).
    pub meta: PageMeta,
    /// How the text was obtained.
    pub origin: TextOrigin,
    /// The text file could not be written (the text is still right; said to the user).
    pub text_file_error: Option<String>,
}

impl Extraction {
    /// Fill a new set with what extraction knows: the original's record, and the page's
    /// title, published date and address (prefilled review details).
    pub fn prepare_new_set(&self, set: &mut AnnotationSet) {
        set.source.original = Some(self.original.clone());
        if let Some(title) = &self.meta.title {
            set.title.clone_from(title);
        }
        if let Some(published) = &self.meta.published {
            set.review.document_published.clone_from(published);
        }
        if let Some(url) = &self.meta.url {
            set.review.document_url.clone_from(url);
        }
        if let Some(byline) = &self.meta.byline {
            set.review.document_author.clone_from(byline);
        }
    }

    /// A one-line note for the user about how the text was obtained, if worth saying.
    pub fn note(&self) -> Option<String> {
        let origin = match self.origin {
            TextOrigin::Saved | TextOrigin::Extracted | TextOrigin::ReExtractedMatching => None,
            TextOrigin::OriginalChanged => Some(
                "the original changed since the set was saved: its text was extracted again and the annotations re-anchored".to_owned(),
            ),
            TextOrigin::OriginalMissing => Some(
                "the original is missing: its saved text was used (the annotations are all there; put the original back to check it against the text)".to_owned(),
            ),
            TextOrigin::SavedTextAltered => Some(
                "the saved text file was changed since the set was saved (it must not be edited by hand): the text was extracted again from the unchanged original and the file rewritten".to_owned(),
            ),
            TextOrigin::ReExtractedDiffering => Some(format!(
                "the saved text was missing and extracting again ({} {}) gave a different text than the set records: the annotations were re-anchored",
                crate::model::invisible::visible(&self.original.extractor),
                crate::model::invisible::visible(&self.original.extractor_version)
            )),
        };
        match (&origin, &self.text_file_error) {
            (Some(o), Some(e)) => Some(format!("{o}; {e}")),
            (None, Some(e)) => Some(e.clone()),
            _ => origin,
        }
    }
}

/// Read the extracted document at `doc_path` in `format` (refused over its cap before
/// reading), given the source the set recorded (`None`: no set). See the module docs.
pub fn load_extracted(
    fs: &dyn Fs,
    doc_path: &Path,
    format: Format,
    max_document_bytes: u64,
    recorded: Option<&SourceRef>,
) -> Result<(Document, Extraction), StoreError> {
    let text_path = text_path(doc_path);
    let recorded_original = recorded.and_then(|source| source.original.as_ref());
    // Teams often share the set and the saved text but not a large original: the saved
    // text is what the set was made on, so the annotations open from it.
    if let Some(original) = recorded_original
        && fs.metadata(doc_path)?.is_none()
        && let Some(saved) = read_saved_text(fs, &text_path, max_document_bytes)
    {
        let extraction = Extraction {
            original: original.clone(),
            meta: PageMeta::default(),
            origin: TextOrigin::OriginalMissing,
            text_file_error: None,
        };
        return Ok((saved, extraction));
    }
    let bytes = fs.read(doc_path, format.max_bytes(max_document_bytes))?;
    let sha256 = hex(&Sha256::digest(&bytes));
    let unchanged = recorded_original.is_some_and(|o| o.sha256 == sha256);
    let saved = unchanged
        .then(|| read_saved_text(fs, &text_path, max_document_bytes))
        .flatten();
    // The saved text is used only as the set recorded it: a text file edited by hand (or
    // by a teammate's tool) would silently move what the reviewer reads away from the
    // original, so it is extracted again instead.
    let saved_altered = saved
        .as_ref()
        .zip(recorded)
        .is_some_and(|(doc, source)| *doc.fingerprint() != source.fingerprint());
    if let Some(recorded_original) = recorded_original
        && let Some(saved) = saved.filter(|_| !saved_altered)
    {
        let extraction = Extraction {
            original: recorded_original.clone(),
            meta: PageMeta::default(),
            origin: TextOrigin::Saved,
            text_file_error: None,
        };
        return Ok((saved, extraction));
    }
    let extracted = extract(format, &bytes).map_err(|source| StoreError::Extract {
        path: doc_path.to_path_buf(),
        source,
    })?;
    let doc = Document::new(&extracted.text);
    let origin = match recorded {
        None => TextOrigin::Extracted,
        Some(_) if saved_altered => TextOrigin::SavedTextAltered,
        Some(_) if !unchanged && recorded_original.is_some() => TextOrigin::OriginalChanged,
        Some(source) if source.fingerprint() == *doc.fingerprint() => {
            TextOrigin::ReExtractedMatching
        }
        Some(_) if recorded_original.is_none() => TextOrigin::Extracted,
        Some(_) => TextOrigin::ReExtractedDiffering,
    };
    let text_file_error = write_text_if_changed(fs, &text_path, doc.text(), max_document_bytes);
    let extraction = Extraction {
        original: OriginalRef {
            sha256,
            extractor: format.extractor().to_owned(),
            extractor_version: EXTRACTOR_VERSION.to_owned(),
            fetched_from: recorded_original.and_then(|o| o.fetched_from.clone()),
            retrieved: recorded_original.and_then(|o| o.retrieved),
        },
        meta: extracted.meta,
        origin,
        text_file_error,
    };
    Ok((doc, extraction))
}

fn read_saved_text(fs: &dyn Fs, text_path: &Path, max_bytes: u64) -> Option<Document> {
    let bytes = fs.read(text_path, max_bytes).ok()?;
    Document::from_bytes(&bytes).ok()
}

/// Write the canonical text beside the original unless the file already holds it; a
/// failure is returned as a sentence (the text in memory is still right).
fn write_text_if_changed(
    fs: &dyn Fs,
    text_path: &Path,
    text: &str,
    max_bytes: u64,
) -> Option<String> {
    if fs.read(text_path, max_bytes).ok().as_deref() == Some(text.as_bytes()) {
        return None;
    }
    fs.write_atomic(text_path, text.as_bytes(), false)
        .err()
        .map(|err| format!("the extracted text was not saved beside the original: {err}"))
}
