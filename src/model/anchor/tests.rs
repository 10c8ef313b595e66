//! Tables for re-anchoring: one document before, one after, what each annotation becomes.

use chrono::{TimeZone as _, Utc};

use super::*;
use crate::model::set::AnnotationSet;

const BASE: &str = "The mayor said the budget grew by 12 percent last year. \
Critics replied that most of the growth went to consultants. \
A council report later put the figure at nine percent. \
The mayor said the budget grew by 12 percent last year. \
Nobody has explained the difference between the two numbers.";

fn set_with(doc: &Document, ranges: &[Range<usize>]) -> AnnotationSet {
    let now = Utc
        .with_ymd_and_hms(2026, 1, 2, 3, 4, 5)
        .single()
        .expect("valid");
    let mut set = AnnotationSet::new(doc, "doc.txt", "t", now);
    for range in ranges {
        set.annotations
            .push(Annotation::new(doc, range.clone(), "claim", "me", now));
    }
    set
}

/// Char range of the `nth` occurrence (0-based) of `needle` in `text`.
fn span(text: &str, needle: &str, nth: usize) -> Range<usize> {
    let doc = Document::new(text);
    let start = doc.find_all_char_starts(needle)[nth];
    start..start + needle.chars().count()
}

fn reanchor(before: &str, ranges: &[Range<usize>], after: &str) -> (AnnotationSet, Document) {
    let old = Document::new(before);
    let mut set = set_with(&old, ranges);
    let new = Document::new(after);
    let summary = anchor_set(&mut set, &new);
    assert_eq!(summary.total(), ranges.len());
    assert_eq!(set.source.fingerprint(), *new.fingerprint());
    (set, new)
}

#[test]
fn same_document_is_exact() {
    let ranges = [span(BASE, "12 percent", 0), span(BASE, "consultants", 0)];
    let (set, doc) = reanchor(BASE, &ranges, BASE);
    for (annotation, range) in set.annotations.iter().zip(&ranges) {
        assert_eq!(annotation.status, AnchorStatus::Exact);
        assert_eq!(annotation.position.range(), *range);
        assert_eq!(annotation.quote, doc.quote(range.clone()));
    }
}

#[test]
fn insertion_before_moves_and_refreshes_context() {
    let after = format!("Breaking: {BASE}");
    let ranges = [span(BASE, "consultants", 0), span(BASE, "The mayor", 0)];
    let (set, doc) = reanchor(BASE, &ranges, &after);
    for (annotation, range) in set.annotations.iter().zip(&ranges) {
        assert_eq!(annotation.status, AnchorStatus::Moved);
        assert_eq!(
            annotation.position.range(),
            range.start + 10..range.end + 10
        );
        assert_eq!(annotation.quote, doc.quote(annotation.position.range()));
    }
    assert_eq!(set.annotations[1].quote.prefix, "Breaking: ");
}

#[test]
fn edit_only_in_context_keeps_exact_when_in_place() {
    // The words after the quote changed, but the quote sits where it was. (A quote repeated
    // elsewhere with better-agreeing context would win instead: context comes first.)
    let after = BASE.replacen("put the figure", "set the number", 1);
    let range = span(BASE, "council report", 0);
    let (set, doc) = reanchor(BASE, std::slice::from_ref(&range), &after);
    assert_eq!(set.annotations[0].status, AnchorStatus::Exact);
    assert_eq!(set.annotations[0].position.range(), range);
    assert_eq!(set.annotations[0].quote, doc.quote(range));
}

#[test]
fn repeated_quote_is_chosen_by_context() {
    // Both sentences say the same; the second is followed by "Nobody". Insert text so the
    // old position of the second points nowhere useful and the context must decide.
    let second = span(BASE, "12 percent last year. Nobody", 0);
    let range = second.start..second.start + "12 percent last year.".len();
    let after = BASE.replacen("Critics", "Several critics on the council", 1);
    let (set, doc) = reanchor(BASE, std::slice::from_ref(&range), &after);
    let want = span(&after, "12 percent last year. Nobody", 0);
    assert_eq!(set.annotations[0].status, AnchorStatus::Moved);
    assert_eq!(set.annotations[0].position.char_start, want.start);
    assert_eq!(
        doc.slice(set.annotations[0].position.range()),
        "12 percent last year."
    );
}

#[test]
fn identical_paragraphs_follow_the_neighbours_shift() {
    // Four identical paragraphs; annotate the third. An insertion at the top shifts all,
    // and every copy has the same context, so the neighbours' shift must pick the third.
    let paragraph = "Same words in every paragraph here, repeated on purpose.\n";
    let mut before = String::new();
    for marker in ["alpha", "beta", "gamma", "delta"] {
        before.push_str(&format!("Heading {marker}, unique text number {marker}.\n"));
        before.push_str(paragraph);
        before.push_str(paragraph);
    }
    let ranges = [
        span(&before, "unique text number beta", 0),
        span(&before, "Same words in every", 4),
        span(&before, "unique text number gamma", 0),
    ];
    let after = format!("A new first line that shifts everything below it.\n{before}");
    let (set, _) = reanchor(&before, &ranges, &after);
    let want = span(&after, "Same words in every", 4);
    assert_eq!(set.annotations[1].status, AnchorStatus::Moved);
    assert_eq!(set.annotations[1].position.range(), want);
}

#[test]
fn small_edit_inside_quote_is_fuzzy_and_keeps_old_quote() {
    let range = span(BASE, "most of the growth went to consultants", 0);
    let after = BASE.replacen("went to consultants", "went to consulting firms", 1);
    let (set, doc) = reanchor(BASE, std::slice::from_ref(&range), &after);
    let annotation = &set.annotations[0];
    let AnchorStatus::Fuzzy { score } = annotation.status else {
        panic!("expected fuzzy, got {:?}", annotation.status);
    };
    assert!((MIN_FUZZY_SCORE..1.0).contains(&score), "score {score}");
    let placed = doc.slice(annotation.position.range());
    assert!(
        placed.starts_with("most of the growth went to consult"),
        "{placed:?}"
    );
    assert_eq!(
        annotation.quote.exact,
        "most of the growth went to consultants"
    );
}

#[test]
fn deleted_sentence_is_orphaned_and_kept() {
    let range = span(
        BASE,
        "A council report later put the figure at nine percent.",
        0,
    );
    let after = BASE.replacen(
        "A council report later put the figure at nine percent. ",
        "",
        1,
    );
    let (set, doc) = reanchor(BASE, std::slice::from_ref(&range), &after);
    let annotation = &set.annotations[0];
    assert_eq!(annotation.status, AnchorStatus::Orphaned);
    assert_eq!(annotation.quote.exact, doc_quote_of(BASE, range.clone()));
    assert!(annotation.position.char_end <= doc.char_len());
    assert!(annotation.position.char_start <= annotation.position.char_end);
}

fn doc_quote_of(text: &str, range: Range<usize>) -> String {
    Document::new(text).quote(range).exact
}

#[test]
fn empty_and_zero_length_are_orphaned_and_clamped() {
    let doc = Document::new(BASE);
    let mut set = set_with(&doc, &[3..8, 10..12]);
    set.annotations[0].quote.exact.clear();
    set.annotations[1].position = TextPosition {
        char_start: 9_999,
        char_end: 9_999,
    };
    let summary = anchor_set(&mut set, &doc);
    assert_eq!(summary.orphaned, 2);
    assert_eq!(set.annotations[1].position.char_start, doc.char_len());
    assert_eq!(set.annotations.len(), 2);
}

#[test]
fn crlf_and_bom_copy_stays_exact() {
    let lf = "first line\nsecond line with a claim\nthird\n";
    let crlf = "\u{FEFF}first line\r\nsecond line with a claim\r\nthird\r\n";
    let doc = Document::from_bytes(crlf.as_bytes()).expect("valid");
    let range = span(lf, "a claim", 0);
    let mut set = set_with(&Document::new(lf), std::slice::from_ref(&range));
    let summary = anchor_set(&mut set, &doc);
    assert_eq!(summary.exact, 1);
    assert_eq!(set.annotations[0].position.range(), range);
}

#[test]
fn emoji_zwj_and_combining_marks() {
    // (family emoji = 5 chars; "é" written e + U+0301 = 2 chars)
    let before = "Intro 👩‍👩‍👧 the family cafe\u{301} opened; 👩 alone ate at the cafe\u{301}.";
    let ranges = [
        span(before, "👩‍👩‍👧 the family", 0),
        span(before, "👩 alone", 0),
        span(before, "cafe\u{301}.", 0),
    ];
    let after = format!("Now: {before}");
    let (set, doc) = reanchor(before, &ranges, &after);
    for (annotation, range) in set.annotations.iter().zip(&ranges) {
        assert_eq!(annotation.status, AnchorStatus::Moved, "{range:?}");
        assert_eq!(annotation.position.range(), range.start + 5..range.end + 5);
    }
    // A fuzzy placement never cuts a grapheme: replace the emoji inside a quote.
    let edited = after.replacen("👩 alone ate at", "👩🏽 alone ate at", 1);
    let mut set2 = set.clone();
    let doc2 = Document::new(&edited);
    anchor_set(&mut set2, &doc2);
    let placed = set2.annotations[1].position;
    assert!(doc2.is_grapheme_boundary(placed.char_start));
    assert!(doc2.is_grapheme_boundary(placed.char_end));
    assert!(doc.char_len() < doc2.char_len());
}

#[test]
fn anchor_one_reports_without_changing() {
    let doc = Document::new(BASE);
    let set = set_with(&doc, &[span(BASE, "consultants", 0)]);
    let shifted = Document::new(&format!("xx {BASE}"));
    let placement = anchor_one(&set.annotations[0], &shifted, false);
    assert_eq!(placement.status, AnchorStatus::Moved);
    assert_eq!(
        placement.position.range(),
        span(BASE, "consultants", 0).start + 3..span(BASE, "consultants", 0).end + 3
    );
}

#[test]
fn summary_reads_the_same_everywhere() {
    let mut summary = AnchorSummary::default();
    for status in [
        AnchorStatus::Exact,
        AnchorStatus::Exact,
        AnchorStatus::Orphaned,
        AnchorStatus::Fuzzy { score: 0.9 },
    ] {
        summary.add(status);
    }
    assert_eq!(summary.to_string(), "2 exact, 0 moved, 1 fuzzy, 1 orphaned");
    assert_eq!(format!("{summary:#}"), "2 exact, 1 fuzzy, 1 orphaned");
    assert_eq!(
        format!("{:#}", AnchorSummary::default()),
        "0 exact",
        "the short form always says how many are exact"
    );
}
