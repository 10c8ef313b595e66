//! Property tests for decoding, canonical text and offset conversion.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation is the test failing"
)]

use factmark::model::text::{Document, canonicalize, decode};
use proptest::prelude::*;

/// Text with the characters that break naive offset code: CR, LF, emoji with ZWJ, combining
/// marks, CJK, RTL, BOM.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "Z",
        " ",
        "\n",
        "\r",
        "\r\n",
        "é",
        "e\u{301}",
        "👩‍👩‍👧",
        "👋🏽",
        "中文",
        "שלום",
        "\u{FEFF}",
        "\u{202E}",
        "—",
        "“",
        "”",
        "x\u{200D}y",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn canonical_text_has_no_cr_and_is_idempotent(text in tricky_text()) {
        let canon = canonicalize(&text);
        prop_assert!(!canon.contains('\r'));
        prop_assert_eq!(canonicalize(&canon), canon.clone());
        let lines_in = text.replace("\r\n", "\n").replace('\r', "\n");
        let want = lines_in.trim_start_matches('\u{FEFF}');
        prop_assert_eq!(canon, want);
    }

    #[test]
    fn utf8_and_utf16_decode_to_the_same_document(text in tricky_text()) {
        let utf8 = Document::from_bytes(text.as_bytes()).expect("utf-8 decodes");
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        for bytes in [le, be] {
            let utf16 = Document::from_bytes(&bytes).expect("utf-16 decodes");
            prop_assert_eq!(utf16.fingerprint(), utf8.fingerprint());
        }
        let with_bom = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
        prop_assert_eq!(decode(&with_bom).expect("bom"), text.clone());
    }

    #[test]
    fn char_byte_and_line_conversions_agree_with_a_scan(text in tricky_text()) {
        let doc = Document::new(&text);
        let canon = doc.text();
        let mut line = 1;
        let mut column = 1;
        for (char_index, (byte, c)) in canon.char_indices().enumerate() {
            prop_assert_eq!(doc.char_to_byte(char_index), byte);
            prop_assert_eq!(doc.byte_to_char(byte), char_index);
            let lc = doc.line_col(char_index);
            prop_assert_eq!((lc.line, lc.column), (line, column));
            if c == '\n' { line += 1; column = 1; } else { column += 1; }
        }
        prop_assert_eq!(doc.char_to_byte(doc.char_len()), canon.len());
        prop_assert_eq!(doc.char_len(), canon.chars().count());
    }

    #[test]
    fn snapped_ranges_sit_on_grapheme_boundaries(text in tricky_text(), a in 0usize..200, b in 0usize..200) {
        let doc = Document::new(&text);
        let (start, end) = (a.min(b).min(doc.char_len()), a.max(b).min(doc.char_len()));
        let snapped = doc.snap_to_graphemes(start..end);
        prop_assert!(snapped.start <= start && snapped.end >= end);
        prop_assert!(doc.is_grapheme_boundary(snapped.start));
        prop_assert!(doc.is_grapheme_boundary(snapped.end));
    }
}
