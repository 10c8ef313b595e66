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

/// Largest annotation file factmark imports (64 MiB).
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// Read a file to import (W3C annotations are JSON): at most [`MAX_IMPORT_BYTES`], UTF-8.
/// The command line and the app both read imports here.
pub fn read_import_text(fs: &dyn Fs, path: &Path) -> Result<String, StoreError> {
    let bytes = fs.read(path, MAX_IMPORT_BYTES)?;
    String::from_utf8(bytes).map_err(|err| StoreError::NotUtf8 {
        path: path.to_path_buf(),
        byte_offset: err.utf8_error().valid_up_to(),
    })
}

/// Name of the environment variable that overrides the document size cap, in MiB.
pub const MAX_DOCUMENT_ENV: &str = "FACTMARK_MAX_DOCUMENT_MIB";

/// The document size cap: `$FACTMARK_MAX_DOCUMENT_MIB` MiB if set, else 64 MiB. The one
/// place the setting is read; the command line and the app both ask here.
pub fn max_document_bytes() -> Result<u64, StoreError> {
    max_document_bytes_from(std::env::var(MAX_DOCUMENT_ENV).ok().as_deref())
}

/// The document size cap for a value of `$FACTMARK_MAX_DOCUMENT_MIB` (`None`: not set): a
/// whole number of MiB from 1 to 4096, else an error naming the setting.
pub fn max_document_bytes_from(setting: Option<&str>) -> Result<u64, StoreError> {
    match setting {
        None => Ok(DEFAULT_MAX_DOCUMENT_BYTES),
        Some(text) => text
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|mib| (1..=4096).contains(mib))
            .map(|mib| mib * 1024 * 1024)
            .ok_or_else(|| StoreError::BadSetting {
                name: MAX_DOCUMENT_ENV,
                value: text.to_owned(),
                expected: "a whole number of MiB from 1 to 4096",
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cap_setting_table() {
        assert_eq!(max_document_bytes_from(None).ok(), Some(64 * 1024 * 1024));
        assert_eq!(
            max_document_bytes_from(Some(" 2 ")).ok(),
            Some(2 * 1024 * 1024)
        );
        for bad in ["0", "4097", "lots", "", "-1"] {
            let err = max_document_bytes_from(Some(bad)).expect_err(bad);
            assert!(err.to_string().contains(MAX_DOCUMENT_ENV), "{err}");
        }
    }
}
