//! W3C annotations that carry only a quote (issue 9 §7): the quote is searched like any
//! other, at import and at every later anchoring; a position is only ever a hint.
#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation is the test failing"
)]

use chrono::{TimeZone as _, Utc};
use factmark::export::import_w3c;
use factmark::model::{AnchorStatus, AnnotationSet, Document, anchor_set};

const TEXT: &str = "The harbour authority said the new pier will cost less than forty million. \
Engineers at the council expect the work to finish in spring, weather permitting.";

fn quote_only(exact: &str, prefix: &str) -> String {
    format!(
        r#"{{
      "@context": "http://www.w3.org/ns/anno.jsonld",
      "id": "urn:uuid:12345678-1234-4234-8234-123456789abc",
      "type": "Annotation",
      "body": [{{"type": "TextualBody", "purpose": "tagging", "value": "claim"}}],
      "target": {{"source": "x", "selector": {{"type": "TextQuoteSelector",
        "exact": "{exact}", "prefix": "{prefix}", "suffix": ""}}}}
    }}"#
    )
}

#[test]
fn a_quote_only_import_that_differs_a_little_is_searched_not_orphaned() {
    let doc = Document::new(TEXT);
    let now = Utc
        .with_ymd_and_hms(2026, 6, 1, 8, 0, 0)
        .single()
        .expect("valid");
    let mut set = AnnotationSet::new(&doc, "pier.txt", "t", now);
    // Written against an older wording: "fourty" for "forty".
    let json = quote_only("will cost less than fourty million", "said the new pier ");
    let summary = import_w3c(&json, &doc, &mut set, now).expect("import");
    assert_eq!(summary.imported, 1);
    let annotation = &set.annotations[0];
    assert!(
        matches!(annotation.status, AnchorStatus::Fuzzy { .. }),
        "{:?}",
        annotation.status
    );
    assert_eq!(
        doc.slice(annotation.position.range()),
        "will cost less than forty million"
    );
}

#[test]
fn a_quote_only_import_orphaned_today_is_placed_when_its_text_appears() {
    let cut = TEXT.find("Engineers").expect("in text");
    let short = Document::new(&TEXT[..cut]);
    let now = Utc
        .with_ymd_and_hms(2026, 6, 1, 8, 0, 0)
        .single()
        .expect("valid");
    let mut set = AnnotationSet::new(&short, "pier.txt", "t", now);
    let json = quote_only("finish in spring", "expect the work to ");
    import_w3c(&json, &short, &mut set, now).expect("import");
    assert_eq!(set.annotations[0].status, AnchorStatus::Orphaned);
    let full = Document::new(TEXT);
    anchor_set(&mut set, &full);
    let annotation = &set.annotations[0];
    assert_eq!(annotation.status, AnchorStatus::Moved);
    assert_eq!(doc_slice(&full, annotation), "finish in spring");
}

fn doc_slice<'a>(doc: &'a Document, annotation: &factmark::model::Annotation) -> &'a str {
    doc.slice(annotation.position.range())
}
