//! Extraction: the canonical text of documents that are not plain text (HTML, PDF, DOCX).
//!
//! One function per format behind [`extract`]: bytes and file name in, canonical text out,
//! with blocks (paragraphs, headings, list items) separated by a blank line and PDF pages
//! separated by a form feed on its own line ([`PAGE_BREAK`]). Plain text (`.txt`, `.md`
//! and anything not listed in [`Format::of_path`]) is not extracted: it is decoded as it
//! always was.

mod docx;
mod html;
mod pdf;

use std::path::Path;

/// What separates two PDF pages in canonical text: a form feed on its own line, as
/// `pdftotext` writes it. [`crate::model::Document::line_col`] counts pages by it.
pub const PAGE_BREAK: &str = "\n\u{c}\n";

/// Largest HTML page factmark extracts (16 MiB); larger pages are refused before reading.
pub const MAX_HTML_BYTES: u64 = 16 * 1024 * 1024;

/// Largest total of uncompressed bytes read from a DOCX (64 MiB): a zip bomb stops here.
pub const MAX_DOCX_UNCOMPRESSED_BYTES: u64 = 64 * 1024 * 1024;

/// Most pages read from one PDF.
pub const MAX_PDF_PAGES: usize = 20_000;

/// The kinds of document factmark reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text (also Markdown and anything unknown): decoded, not extracted.
    Text,
    /// A web page: reader-mode article extraction.
    Html,
    /// A PDF: the text layer, page by page.
    Pdf,
    /// A Word document (Office Open XML).
    Docx,
}

impl Format {
    /// The format a path's extension names (case-insensitive); anything else is text.
    pub fn of_path(path: &Path) -> Self {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "html" | "htm" | "xhtml" => Self::Html,
            "pdf" => Self::Pdf,
            "docx" => Self::Docx,
            _ => Self::Text,
        }
    }

    /// Is this format extracted (so its canonical text is kept beside the original)?
    pub fn is_extracted(self) -> bool {
        self != Self::Text
    }

    /// The extractor's name recorded in sets (`html-readability`, `pdf-text`, `docx-xml`).
    pub fn extractor(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Html => "html-readability",
            Self::Pdf => "pdf-text",
            Self::Docx => "docx-xml",
        }
    }

    /// The size cap for this format's original file, given the general document cap.
    pub fn max_bytes(self, max_document_bytes: u64) -> u64 {
        match self {
            Self::Html => max_document_bytes.min(MAX_HTML_BYTES),
            _ => max_document_bytes,
        }
    }
}

/// Version of factmark's extraction rules, recorded in sets beside the extractor's name.
/// Bump it whenever any extractor's output for the same input may change.
pub const EXTRACTOR_VERSION: &str = concat!("1 (factmark ", env!("CARGO_PKG_VERSION"), ")");

/// Page metadata found while extracting (HTML), to prefill the review details.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// The article's title.
    pub title: Option<String>,
    /// Its author line.
    pub byline: Option<String>,
    /// When it was published (`YYYY-MM-DD` when the page says so).
    pub published: Option<String>,
    /// The page's own address (canonical URL), if it names one.
    pub url: Option<String>,
}

/// An extracted document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// Canonical text (no CR, no BOM), blocks separated by a blank line.
    pub text: String,
    /// What the page said about itself.
    pub meta: PageMeta,
}

/// Why a document could not be extracted. Each message says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    /// The PDF could not be parsed.
    #[error("not a readable PDF ({reason}); is the file complete? Re-download or re-export it")]
    CorruptPdf {
        /// The parser's words.
        reason: String,
    },
    /// The PDF needs a password.
    #[error(
        "the PDF is encrypted; open it in a PDF reader with its password and save (or print) an unencrypted copy"
    )]
    EncryptedPdf,
    /// The PDF has pages but no text layer.
    #[error(
        "the PDF has {pages} page(s) but no text layer (a scan?); run OCR on it first (for example `ocrmypdf in.pdf out.pdf`) and open the result"
    )]
    NoTextLayer {
        /// How many pages it has.
        pages: usize,
    },
    /// The DOCX is not a zip archive, or lacks its main part.
    #[error("not a Word document (.docx): {reason}; save it again from Word as .docx")]
    NotDocx {
        /// What is wrong.
        reason: String,
    },
    /// Decompressing the DOCX would pass the cap.
    #[error("the Word document unpacks to more than {max} bytes (a zip bomb?); it was not read")]
    DocxTooLarge {
        /// The cap in bytes.
        max: u64,
    },
    /// The DOCX's XML is malformed.
    #[error("the Word document's {part} is malformed ({reason}); save it again from Word")]
    BadDocxXml {
        /// Which part of the package.
        part: String,
        /// The XML parser's words.
        reason: String,
    },
    /// The HTML page holds no article text.
    #[error(
        "no article text found in the page (reader mode found nothing to read); save the article's text as .txt and open that"
    )]
    NoArticle,
    /// The HTML is not UTF-8 or another encoding factmark reads.
    #[error("the page is not UTF-8 (byte {byte_offset}); save it again as UTF-8")]
    HtmlNotUtf8 {
        /// First bad byte.
        byte_offset: usize,
    },
    /// The page is too large to parse.
    #[error("the page has too many elements ({found}, at most {max}); it was not read")]
    HtmlTooLarge {
        /// Elements found.
        found: usize,
        /// The cap.
        max: usize,
    },
}

/// Extract the canonical text of `bytes` in `format`. [`Format::Text`] is decoded by
/// [`crate::model::Document::from_bytes`] instead and is refused here.
pub fn extract(format: Format, bytes: &[u8]) -> Result<Extracted, ExtractError> {
    match format {
        Format::Html => html::extract(bytes),
        Format::Pdf => pdf::extract(bytes),
        Format::Docx => docx::extract(bytes),
        Format::Text => Err(ExtractError::NotDocx {
            reason: "plain text is not extracted".to_owned(),
        }),
    }
}

/// Blocks joined into canonical text: each block's whitespace folded to single spaces,
/// empty blocks dropped, one blank line between blocks, a final newline.
pub fn join_blocks<S: AsRef<str>>(blocks: impl IntoIterator<Item = S>) -> String {
    let mut out = String::new();
    for block in blocks {
        let folded = fold_whitespace(block.as_ref());
        if folded.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&folded);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// Runs of whitespace (including newlines) folded to one space, ends trimmed.
pub fn fold_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        for (name, format) in [
            ("a.HTML", Format::Html),
            ("a.htm", Format::Html),
            ("b.pdf", Format::Pdf),
            ("c.Docx", Format::Docx),
            ("d.md", Format::Text),
            ("e.txt", Format::Text),
            ("noext", Format::Text),
        ] {
            assert_eq!(Format::of_path(Path::new(name)), format, "{name}");
        }
    }

    #[test]
    fn blocks_join_with_blank_lines() {
        assert_eq!(
            join_blocks(["  Title\n", "", "one\n two  three", "\t"]),
            "Title\n\none two three\n"
        );
        assert_eq!(join_blocks(Vec::<String>::new()), "");
    }
}
