//! Reading documents: size-capped, decoded to canonical text.

use std::path::Path;

use crate::model::text::Document;
use crate::store::error::StoreError;
use crate::store::fs::Fs;

pub use crate::model::text::DEFAULT_MAX_DOCUMENT_BYTES;

/// Read and decode a document (UTF-8 with or without BOM, UTF-16 with BOM), refusing files
/// over `max_bytes` before reading them.
pub fn load_document(fs: &dyn Fs, path: &Path, max_bytes: u64) -> Result<Document, StoreError> {
    let bytes = fs.read(path, max_bytes)?;
    Document::from_bytes(&bytes).map_err(|source| StoreError::Decode {
        path: path.to_path_buf(),
        source,
    })
}
