//! Canonical document text and the offset contract.
//!
//! Canonical text is the document decoded to Unicode with the BOM removed and CRLF / lone CR
//! turned into LF. Every offset in factmark counts Unicode scalar values (`char`) over the
//! canonical text, half-open: in `"héllo"`, `(1, 3): h[él]lo`.

use std::ops::Range;

use sha2::{Digest as _, Sha256};
use unicode_segmentation::GraphemeCursor;

pub use crate::model::excerpt::{Shorten, excerpt, shorten};
pub use crate::model::invisible::visible;

/// Default cap on a document's size in bytes (64 MiB).
pub const DEFAULT_MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// Characters of context kept on each side of a quote.
pub const QUOTE_CONTEXT_CHARS: usize = 32;

/// How many chars lie between two byte-offset checkpoints in [`Document`].
const CHECKPOINT_CHARS: usize = 64;

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// UTF-8 without a valid encoding at `byte_offset`.
    #[error(
        "not valid UTF-8 at byte {byte_offset}; factmark reads UTF-8 and UTF-16 with a BOM: re-save the document as UTF-8"
    )]
    InvalidUtf8 {
        /// Byte offset (in the file) of the first invalid sequence.
        byte_offset: usize,
    },
    /// UTF-16 (with BOM) holding an unpaired surrogate or an odd number of bytes.
    #[error("not valid UTF-16 at byte {byte_offset}; re-save the document as UTF-8")]
    InvalidUtf16 {
        /// Byte offset (in the file) of the first invalid code unit.
        byte_offset: usize,
    },
    /// Holds NUL bytes, so it is probably not a text document.
    #[error(
        "looks binary (NUL byte at byte {byte_offset}); factmark annotates plain-text documents"
    )]
    Binary {
        /// Byte offset of the first NUL.
        byte_offset: usize,
    },
}

/// Decode a document's bytes to a `String`: UTF-8 (with or without BOM) or UTF-16 LE/BE with
/// a BOM. Never replaces invalid bytes; the error names the byte position.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode_utf8(rest, 3);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, 2, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, 2, u16::from_be_bytes);
    }
    decode_utf8(bytes, 0)
}

fn decode_utf8(bytes: &[u8], base: usize) -> Result<String, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            if let Some(nul) = text.find('\0') {
                return Err(DecodeError::Binary {
                    byte_offset: base + nul,
                });
            }
            Ok(text.to_owned())
        }
        Err(err) => Err(DecodeError::InvalidUtf8 {
            byte_offset: base + err.valid_up_to(),
        }),
    }
}

fn decode_utf16(
    bytes: &[u8],
    base: usize,
    unit: fn([u8; 2]) -> u16,
) -> Result<String, DecodeError> {
    let chunks = bytes.chunks_exact(2);
    if !chunks.remainder().is_empty() {
        return Err(DecodeError::InvalidUtf16 {
            byte_offset: base + bytes.len() - 1,
        });
    }
    let units = chunks.map(|pair| unit(<[u8; 2]>::try_from(pair).unwrap_or_default()));
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut unit_index = 0usize;
    for decoded in char::decode_utf16(units) {
        match decoded {
            Ok('\0') => {
                return Err(DecodeError::Binary {
                    byte_offset: base + unit_index * 2,
                });
            }
            Ok(c) => {
                unit_index += c.len_utf16();
                text.push(c);
            }
            Err(_) => {
                return Err(DecodeError::InvalidUtf16 {
                    byte_offset: base + unit_index * 2,
                });
            }
        }
    }
    Ok(text)
}

/// Canonicalize decoded text: drop leading BOMs, turn CRLF and lone CR into LF.
/// Idempotent: canonical text canonicalizes to itself.
pub fn canonicalize(text: &str) -> String {
    let text = text.trim_start_matches('\u{FEFF}');
    if !text.contains('\r') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// Identity of a canonical text: SHA-256 (lowercase hex) and its length in chars.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Fingerprint {
    /// SHA-256 of the canonical text's UTF-8 bytes, lowercase hex.
    pub sha256: String,
    /// Length of the canonical text in chars.
    pub char_len: usize,
}

impl Fingerprint {
    /// Fingerprint of a canonical text.
    pub fn of(text: &str) -> Self {
        let digest = Sha256::digest(text.as_bytes());
        Self {
            sha256: hex(&digest),
            char_len: text.chars().count(),
        }
    }
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// A 1-based line and column (column in chars), for messages and exports.
///
/// Displays as `line:column` (`page 12, line 4` in a paged document); the alternate form
/// spells it out for the app. Width and
/// alignment apply to the whole text:
///
/// ```
/// use factmark::model::LineCol;
/// use factmark::model::text::PageLine;
/// let at = LineCol { line: 3, column: 14, page: None };
/// assert_eq!(at.to_string(), "3:14");
/// assert_eq!(format!("{at:#}"), "line 3, column 14");
/// assert_eq!(format!("[{at:>6}]"), "[  3:14]");
/// // In a paged document (a PDF), lines count from the top of the page:
/// let at = LineCol { line: 90, column: 2, page: Some(PageLine { page: 12, line: 4 }) };
/// assert_eq!(at.to_string(), "page 12, line 4");
/// assert_eq!(format!("{at:#}"), "page 12, line 4, column 2");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in chars.
    pub column: usize,
    /// Page and line on that page, for a document with page breaks (a PDF's text, pages
    /// separated by a form feed line); `None` for unpaged text.
    pub page: Option<PageLine>,
}

/// A 1-based page and 1-based line counted from the top of that page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLine {
    /// 1-based page number.
    pub page: usize,
    /// 1-based line on the page.
    pub line: usize,
}

/// The char that ends a page in canonical text (form feed, on a line of its own).
pub const PAGE_BREAK_CHAR: char = '\u{c}';

impl std::fmt::Display for LineCol {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match (self.page, f.alternate()) {
            (None, true) => format!("line {}, column {}", self.line, self.column),
            (None, false) => format!("{}:{}", self.line, self.column),
            (Some(at), true) => {
                format!("page {}, line {}, column {}", at.page, at.line, self.column)
            }
            (Some(at), false) => format!("page {}, line {}", at.page, at.line),
        };
        f.pad(&text)
    }
}

/// A canonical document with an index for fast char↔byte↔line conversion.
///
/// Invariant: `text` is canonical (no BOM, no CR). Conversions are O(1) or O(log n) plus a
/// scan of at most 64 chars.
#[derive(Debug, Clone)]
pub struct Document {
    text: String,
    char_len: usize,
    /// Byte offset of char `k * CHECKPOINT_CHARS`.
    checkpoints: Vec<usize>,
    /// Char offset where each line starts (the first is 0).
    line_starts: Vec<usize>,
    /// 0-based index of each line holding a page break ([`PAGE_BREAK_CHAR`]).
    page_break_lines: Vec<usize>,
    fingerprint: Fingerprint,
}

impl Document {
    /// Decode bytes and build the canonical document.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, DecodeError> {
        Ok(Self::new(&decode(bytes)?))
    }

    /// Build a document from text, canonicalizing it first.
    pub fn new(text: &str) -> Self {
        let text = canonicalize(text);
        let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT_CHARS + 1);
        let mut line_starts = vec![0];
        let mut page_break_lines = Vec::new();
        let mut char_len = 0;
        for (byte, c) in text.char_indices() {
            if char_len % CHECKPOINT_CHARS == 0 {
                checkpoints.push(byte);
            }
            char_len += 1;
            if c == '\n' {
                line_starts.push(char_len);
            } else if c == PAGE_BREAK_CHAR
                && page_break_lines.last() != Some(&(line_starts.len() - 1))
            {
                page_break_lines.push(line_starts.len() - 1);
            }
        }
        if char_len % CHECKPOINT_CHARS == 0 {
            checkpoints.push(text.len());
        }
        let fingerprint = Fingerprint {
            sha256: hex(&Sha256::digest(text.as_bytes())),
            char_len,
        };
        Self {
            text,
            char_len,
            checkpoints,
            line_starts,
            page_break_lines,
            fingerprint,
        }
    }

    /// The canonical text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Length in chars.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// SHA-256 and char length of the canonical text.
    pub fn fingerprint(&self) -> &Fingerprint {
        &self.fingerprint
    }

    /// Byte offset of a char offset; offsets past the end clamp to the text's length.
    pub fn char_to_byte(&self, char_offset: usize) -> usize {
        if char_offset >= self.char_len {
            return self.text.len();
        }
        let block = char_offset / CHECKPOINT_CHARS;
        let Some(&start) = self.checkpoints.get(block) else {
            return self.text.len();
        };
        let skip = char_offset - block * CHECKPOINT_CHARS;
        let tail = self.text.get(start..).unwrap_or_default();
        start
            + tail
                .char_indices()
                .nth(skip)
                .map_or(tail.len(), |(byte, _)| byte)
    }

    /// Char offset of a byte offset; a byte inside a char counts as that char.
    pub fn byte_to_char(&self, byte_offset: usize) -> usize {
        if byte_offset >= self.text.len() {
            return self.char_len;
        }
        let block = self
            .checkpoints
            .partition_point(|&b| b <= byte_offset)
            .saturating_sub(1);
        let start = self.checkpoints.get(block).copied().unwrap_or(0);
        let between = self.text.get(start..).unwrap_or_default();
        let extra = between
            .char_indices()
            .take_while(|(b, _)| start + b < byte_offset)
            .count();
        let exact = between
            .char_indices()
            .nth(extra)
            .is_some_and(|(b, _)| start + b == byte_offset);
        block * CHECKPOINT_CHARS + extra - usize::from(!exact && extra > 0)
    }

    /// Byte range of a char range (clamped to the text).
    pub fn byte_range(&self, chars: Range<usize>) -> Range<usize> {
        let start = self.char_to_byte(chars.start);
        let end = self.char_to_byte(chars.end.max(chars.start));
        start..end
    }

    /// The text of a char range (clamped to the text).
    pub fn slice(&self, chars: Range<usize>) -> &str {
        self.text.get(self.byte_range(chars)).unwrap_or_default()
    }

    /// 1-based line and column of a char offset.
    pub fn line_col(&self, char_offset: usize) -> LineCol {
        let char_offset = char_offset.min(self.char_len);
        let line = self
            .line_starts
            .partition_point(|&s| s <= char_offset)
            .max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        LineCol {
            line,
            column: char_offset - start + 1,
            page: self.page_line(line - 1),
        }
    }

    /// Page and line on the page of the 0-based `line_index`, if the text has page breaks.
    fn page_line(&self, line_index: usize) -> Option<PageLine> {
        if self.page_break_lines.is_empty() {
            return None;
        }
        let breaks_before = self.page_break_lines.partition_point(|&b| b < line_index);
        let page_first_line = match breaks_before.checked_sub(1) {
            Some(i) => self.page_break_lines.get(i).map_or(0, |b| b + 1),
            None => 0,
        };
        Some(PageLine {
            page: breaks_before + 1,
            line: line_index.saturating_sub(page_first_line) + 1,
        })
    }

    /// How many pages the text has (1 for text without page breaks).
    pub fn page_count(&self) -> usize {
        self.page_break_lines.len() + 1
    }

    /// Char offset where each line starts.
    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }

    /// Is this char offset on a grapheme-cluster boundary?
    pub fn is_grapheme_boundary(&self, char_offset: usize) -> bool {
        let byte = self.char_to_byte(char_offset);
        let mut cursor = GraphemeCursor::new(byte, self.text.len(), true);
        cursor.is_boundary(&self.text, 0).unwrap_or(true)
    }

    /// Widen a char range so both edges sit on grapheme-cluster boundaries (start moves back,
    /// end moves forward), so no emoji or accent is ever cut in half.
    pub fn snap_to_graphemes(&self, chars: Range<usize>) -> Range<usize> {
        let start_byte = self.char_to_byte(chars.start.min(chars.end));
        let end_byte = self.char_to_byte(chars.end.max(chars.start));
        let start = self.prev_boundary_byte(start_byte);
        let end = self.next_boundary_byte(end_byte);
        self.byte_to_char(start)..self.byte_to_char(end)
    }

    fn prev_boundary_byte(&self, byte: usize) -> usize {
        let mut cursor = GraphemeCursor::new(byte, self.text.len(), true);
        if cursor.is_boundary(&self.text, 0).unwrap_or(true) {
            return byte;
        }
        cursor
            .prev_boundary(&self.text, 0)
            .ok()
            .flatten()
            .unwrap_or(0)
    }

    fn next_boundary_byte(&self, byte: usize) -> usize {
        let mut cursor = GraphemeCursor::new(byte, self.text.len(), true);
        if cursor.is_boundary(&self.text, 0).unwrap_or(true) {
            return byte;
        }
        cursor
            .next_boundary(&self.text, 0)
            .ok()
            .flatten()
            .unwrap_or(self.text.len())
    }

    /// Shrink a char range so it does not start or end with whitespace. An all-whitespace
    /// range becomes empty at its start.
    pub fn trim_whitespace(&self, chars: Range<usize>) -> Range<usize> {
        let text = self.slice(chars.clone());
        let leading = text.chars().take_while(|c| c.is_whitespace()).count();
        let total = text.chars().count();
        if leading == total {
            return chars.start..chars.start;
        }
        let trailing = text.chars().rev().take_while(|c| c.is_whitespace()).count();
        chars.start + leading..chars.start + total - trailing
    }

    /// Every char offset where `needle` starts (overlapping occurrences included).
    pub fn find_all_char_starts(&self, needle: &str) -> Vec<usize> {
        if needle.is_empty() {
            return Vec::new();
        }
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(rel) = self.text.get(from..).and_then(|t| t.find(needle)) {
            let byte = from + rel;
            found.push(self.byte_to_char(byte));
            let step = self
                .text
                .get(byte..)
                .and_then(|t| t.chars().next())
                .map_or(1, char::len_utf8);
            from = byte + step;
        }
        found
    }

    /// The quote selector for a char range: the exact text and up to
    /// [`QUOTE_CONTEXT_CHARS`] chars of context on each side.
    pub fn quote(&self, chars: Range<usize>) -> crate::model::TextQuote {
        let start = chars.start.min(self.char_len);
        let end = chars.end.clamp(start, self.char_len);
        crate::model::TextQuote {
            exact: self.slice(start..end).to_owned(),
            prefix: self
                .slice(start.saturating_sub(QUOTE_CONTEXT_CHARS)..start)
                .to_owned(),
            suffix: self
                .slice(end..(end + QUOTE_CONTEXT_CHARS).min(self.char_len))
                .to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_table() {
        let cases: &[(&[u8], Result<&str, DecodeError>)] = &[
            (b"plain", Ok("plain")),
            (b"\xEF\xBB\xBFbom", Ok("bom")),
            (b"\xFF\xFEh\0i\0", Ok("hi")),
            (b"\xFE\xFF\0h\0i", Ok("hi")),
            (
                b"ok\xFFno",
                Err(DecodeError::InvalidUtf8 { byte_offset: 2 }),
            ),
            (
                b"\xEF\xBB\xBFab\xC3",
                Err(DecodeError::InvalidUtf8 { byte_offset: 5 }),
            ),
            (b"a\0b", Err(DecodeError::Binary { byte_offset: 1 })),
            (
                b"\xFF\xFE\x00\xD8a\0",
                Err(DecodeError::InvalidUtf16 { byte_offset: 2 }),
            ),
            (
                b"\xFF\xFEa",
                Err(DecodeError::InvalidUtf16 { byte_offset: 2 }),
            ),
        ];
        for (bytes, want) in cases {
            let got = decode(bytes);
            assert_eq!(got.as_deref(), want.as_ref().map(|s| *s), "{bytes:?}");
        }
    }

    #[test]
    fn canonical_table() {
        for (input, want) in [
            ("a\r\nb", "a\nb"),
            ("a\rb", "a\nb"),
            ("a\r\r\nb", "a\n\nb"),
            ("\u{FEFF}x\r\n", "x\n"),
            ("no change\n", "no change\n"),
        ] {
            assert_eq!(canonicalize(input), want, "{input:?}");
        }
    }

    #[test]
    fn crlf_and_bom_give_the_same_document() {
        let lf = Document::new("one\ntwo 👩‍👩‍👧 three\n");
        let crlf =
            Document::from_bytes("\u{FEFF}one\r\ntwo 👩‍👩‍👧 three\r\n".as_bytes()).expect("valid");
        assert_eq!(lf.fingerprint(), crlf.fingerprint());
        assert_eq!(lf.text(), crlf.text());
    }

    #[test]
    fn offsets_count_chars() {
        // (0, 1): [h]é, (1, 2): h[é] …; the family emoji is 5 chars (3 people + 2 ZWJ).
        let doc = Document::new("hé 👩‍👩‍👧 中文 e\u{301}\nשלום");
        assert_eq!(doc.slice(0..2), "hé");
        assert_eq!(doc.slice(3..8), "👩‍👩‍👧");
        assert_eq!(doc.slice(9..11), "中文");
        assert_eq!(doc.slice(12..14), "e\u{301}");
        assert_eq!(doc.slice(15..19), "שלום");
        assert_eq!(doc.char_len(), 19);
        for c in 0..=doc.char_len() {
            assert_eq!(doc.byte_to_char(doc.char_to_byte(c)), c, "char {c}");
        }
        assert_eq!(
            doc.line_col(15),
            LineCol {
                line: 2,
                column: 1,
                page: None
            }
        );
        assert_eq!(
            doc.line_col(14),
            LineCol {
                line: 1,
                column: 15,
                page: None
            }
        );
    }

    #[test]
    fn pages_count_from_form_feed_lines() {
        // Page 1: lines "a", "b"; break line; page 2: "c", "d"; break; page 3: "e".
        let doc = Document::new("a\nb\n\u{c}\nc\nd\n\u{c}\ne\n");
        assert_eq!(doc.page_count(), 3);
        let place = |needle: &str| {
            let byte = doc.text().find(needle).expect("needle");
            doc.line_col(doc.byte_to_char(byte)).to_string()
        };
        assert_eq!(place("a"), "page 1, line 1");
        assert_eq!(place("b"), "page 1, line 2");
        assert_eq!(place("c"), "page 2, line 1");
        assert_eq!(place("d"), "page 2, line 2");
        assert_eq!(place("e"), "page 3, line 1");
        assert_eq!(Document::new("x\ny").line_col(2).page, None);
    }

    #[test]
    fn long_text_conversions_round_trip() {
        let text: String = "añ€😀\n".repeat(500);
        let doc = Document::new(&text);
        for c in (0..=doc.char_len()).step_by(7) {
            let byte = doc.char_to_byte(c);
            assert!(doc.text().is_char_boundary(byte));
            assert_eq!(doc.byte_to_char(byte), c);
        }
        assert_eq!(doc.line_starts().len(), 501);
    }

    #[test]
    fn snapping_table() {
        let doc = Document::new("a 👩‍👩‍👧 e\u{301} b");
        // family emoji occupies chars 2..7, e + combining acute 8..10
        for (range, want) in [
            (3..5, 2..7),
            (2..7, 2..7),
            (0..3, 0..7),
            (8..9, 8..10),
            (9..11, 8..11),
            (0..1, 0..1),
        ] {
            assert_eq!(doc.snap_to_graphemes(range.clone()), want, "{range:?}");
        }
    }

    #[test]
    fn trim_and_quote() {
        let doc = Document::new("  the claim  is here");
        assert_eq!(doc.trim_whitespace(0..13), 2..11);
        assert_eq!(doc.trim_whitespace(0..2), 0..0);
        let quote = doc.quote(6..11);
        assert_eq!(quote.exact, "claim");
        assert_eq!(quote.prefix, "  the ");
        assert_eq!(quote.suffix, "  is here");
        assert_eq!(doc.find_all_char_starts("e"), vec![4, 17, 19]);
        assert_eq!(Document::new("aaa").find_all_char_starts("aa"), vec![0, 1]);
    }
}
