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
    assert_eq!(
        annotation.position.range(),
        range,
        "the last good position, as it was"
    );
    assert!(annotation.position.char_end <= doc.char_len() + range.len());
}

fn doc_quote_of(text: &str, range: Range<usize>) -> String {
    Document::new(text).quote(range).exact
}

#[test]
fn empty_quotes_stay_orphaned_and_empty_positions_are_searched() {
    // An empty quote cannot be searched: orphaned, position kept as it was. A position that
    // an old build clamped to an empty span at the end is only a hint: the quote is found.
    let doc = Document::new(BASE);
    let consultants = span(BASE, "consultants", 0);
    let mut set = set_with(&doc, &[3..8, consultants.clone()]);
    set.annotations[0].quote.exact.clear();
    set.annotations[1].position = TextPosition {
        char_start: 9_999,
        char_end: 9_999,
    };
    set.annotations[1].status = AnchorStatus::Orphaned;
    let summary = anchor_set(&mut set, &doc);
    assert_eq!((summary.orphaned, summary.moved), (1, 1), "{summary}");
    assert_eq!(set.annotations[0].position.range(), 3..8);
    assert_eq!(set.annotations[1].position.range(), consultants);
    assert_eq!(set.annotations[1].status, AnchorStatus::Moved);
}

#[test]
fn an_orphan_keeps_its_position_and_comes_back_with_its_text() {
    // Truncate the document: the annotation near the end orphans and keeps its position
    // (not clamped). Restore the document: it is exact again.
    let ranges = [
        span(BASE, "12 percent", 0),
        span(BASE, "consultants", 0),
        span(BASE, "between the two numbers", 0),
    ];
    let cut = BASE.len() - "Nobody has explained the difference between the two numbers.".len();
    let truncated = &BASE[..cut];
    let (mut set, _) = reanchor(BASE, &ranges, truncated);
    assert_eq!(set.annotations[2].status, AnchorStatus::Orphaned);
    assert_eq!(set.annotations[2].position.range(), ranges[2]);
    assert!(set.annotations[2].position.char_end > Document::new(truncated).char_len());
    let restored = Document::new(BASE);
    let summary = anchor_set(&mut set, &restored);
    assert_eq!(summary.exact, 3, "{summary}");
    assert_eq!(set.annotations[2].position.range(), ranges[2]);
    assert_eq!(set.annotations[2].quote, restored.quote(ranges[2].clone()));
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

#[test]
fn a_deleted_short_word_does_not_hop_to_the_next_one() {
    // Issue 9 §8: delete "not" and an annotation on it must not land on the next "not"
    // as moved; at most a fuzzy placement a person reviews.
    let before = "Officials said the claim is not true. Later the office said it was not sure \
                  about the figures, and it is not clear who wrote them.";
    let range = span(before, "not", 0);
    let after = before.replacen("is not true", "is true", 1);
    let (set, _) = reanchor(before, std::slice::from_ref(&range), &after);
    let status = set.annotations[0].status;
    assert!(
        !matches!(status, AnchorStatus::Exact | AnchorStatus::Moved),
        "{status:?} at {:?}",
        set.annotations[0].position
    );
}

#[test]
fn a_unique_quote_with_changed_context_is_moved_only_when_long() {
    // The neighbourhood changed. A short quote that occurs once is only a guess (fuzzy);
    // twice with no agreeing context, nothing tells them apart (orphaned); a sentence-long
    // quote that occurs once is moved.
    let short = "nine percent";
    let long = "A council report later put the figure at nine percent.";
    let (set, doc) = reanchor(
        BASE,
        &[span(BASE, short, 0)],
        "Some other text, then xx at nine percent! More words.",
    );
    assert_eq!(
        set.annotations[0].status,
        AnchorStatus::Fuzzy { score: 1.0 }
    );
    assert_eq!(doc.slice(set.annotations[0].position.range()), short);
    let (set, _) = reanchor(
        BASE,
        &[span(BASE, short, 0)],
        "Some other text, then: nine percent! More words.",
    );
    assert_eq!(
        set.annotations[0].status,
        AnchorStatus::Fuzzy { score: 1.0 }
    );
    let (set, _) = reanchor(
        BASE,
        &[span(BASE, short, 0)],
        "Some other text, then: nine percent! More words; nine percent?",
    );
    assert_eq!(set.annotations[0].status, AnchorStatus::Orphaned);
    let (set, _) = reanchor(
        BASE,
        &[span(BASE, long, 0)],
        &format!("Completely different opening words here! {long}\nThen other words follow."),
    );
    assert_eq!(set.annotations[0].status, AnchorStatus::Moved);
}

#[test]
fn a_fuzzy_placement_needs_context_and_the_minimum_score() {
    // A 20-char quote with two edits and no agreeing context anywhere: orphaned, although
    // its similarity (0.9) is above MIN_FUZZY_SCORE.
    let before = "Intro text. The harbour bridge cost more than planned. End.";
    let range = span(before, "harbour bridge cost", 0);
    let after = "Other words entirely, the harbor bridges cost, and more unrelated text.";
    let (set, _) = reanchor(before, std::slice::from_ref(&range), after);
    assert_eq!(set.annotations[0].status, AnchorStatus::Orphaned);
    // The same edit with its context kept is fuzzy, scored at least MIN_FUZZY_SCORE.
    let after = before.replacen("harbour bridge cost", "harbor bridges cost", 1);
    let (set, _) = reanchor(before, std::slice::from_ref(&range), &after);
    let AnchorStatus::Fuzzy { score } = set.annotations[0].status else {
        panic!("expected fuzzy, got {:?}", set.annotations[0].status);
    };
    assert!(score >= MIN_FUZZY_SCORE, "{score}");
}

#[test]
fn exact_and_moved_placements_never_cut_a_grapheme() {
    // "cafe" now carries a combining accent: the old quote ends inside "é" (e + U+0301).
    let before = "We met at the cafe on the corner, as every week.";
    let range = span(before, "the cafe", 0);
    for after in [
        "We met at the cafe\u{301} on the corner, as every week.",
        "Breaking: we met at the cafe\u{301} on the corner, as every week.",
    ] {
        let (set, doc) = reanchor(before, std::slice::from_ref(&range), after);
        let annotation = &set.annotations[0];
        assert!(
            !matches!(annotation.status, AnchorStatus::Exact | AnchorStatus::Moved),
            "{:?} in {after:?}",
            annotation.status
        );
        if annotation.status != AnchorStatus::Orphaned {
            assert!(doc.is_grapheme_boundary(annotation.position.char_start));
            assert!(doc.is_grapheme_boundary(annotation.position.char_end));
        }
    }
}

#[test]
fn a_set_that_mostly_orphans_keeps_its_fingerprint_until_accepted() {
    let ranges = [
        span(BASE, "12 percent", 0),
        span(BASE, "consultants", 0),
        span(BASE, "council report", 0),
    ];
    let old = Document::new(BASE);
    let mut set = set_with(&old, &ranges);
    let other = Document::new("A recipe: two eggs, flour, milk and a pinch of salt. Stir well.");
    let summary = anchor_set(&mut set, &other);
    assert_eq!(summary.orphaned, 3);
    assert!(summary.may_be_other_document() && summary.kept_fingerprint);
    assert_eq!(set.source.fingerprint(), *old.fingerprint());
    assert!(summary.other_document_warning().contains("3 of 3"));
    // Back on its own document, everything is exact again.
    let summary = anchor_set(&mut set, &old);
    assert_eq!(summary.exact, 3);
    assert!(!summary.kept_fingerprint);
    // A person accepts the other document.
    anchor_set(&mut set, &other);
    accept_document(&mut set, &other);
    assert_eq!(set.source.fingerprint(), *other.fingerprint());
    // One orphan among three is an edited document, not another one.
    let mut set = set_with(&old, &ranges);
    let edited = Document::new(&BASE.replace("consultants", "advisers"));
    let summary = anchor_set(&mut set, &edited);
    assert!(!summary.kept_fingerprint, "{summary}");
    assert_eq!(set.source.fingerprint(), *edited.fingerprint());
}
