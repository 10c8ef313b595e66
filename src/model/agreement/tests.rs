//! Hand-computed examples: the arithmetic is written beside each figure.

use chrono::{TimeZone as _, Utc};

use super::chars::CategoryTable;
use super::*;
use crate::model::set::{AnchorStatus, Annotation, AnnotationSet};

fn close(actual: Option<f64>, expected: f64) {
    let Some(actual) = actual else {
        panic!("expected {expected}, got None");
    };
    assert!(
        (actual - expected).abs() < 1e-12,
        "expected {expected}, got {actual}"
    );
}

fn coding(spans: &[(&str, std::ops::Range<usize>)]) -> Coding {
    Coding::from_spans(spans.iter().cloned())
}

#[test]
fn precision_recall_f1_exact_and_overlap_by_hand() {
    // A: claim 0..10, 20..30, 40..50; quote 60..70
    // B: claim 0..10, 22..30, 80..90; quote 60..70, 75..78
    let a = coding(&[
        ("claim", 0..10),
        ("claim", 20..30),
        ("claim", 40..50),
        ("quote", 60..70),
    ]);
    let b = coding(&[
        ("claim", 0..10),
        ("claim", 22..30),
        ("claim", 80..90),
        ("quote", 60..70),
        ("quote", 75..78),
    ]);
    let claim = match_tag(&a.spans, &b.spans, "claim");
    // exact: only 0..10 is in both → 1 pair; P = 1/3 (B has 3), R = 1/3 (A has 3),
    // F1 = 2·1/(3+3) = 1/3
    assert_eq!(claim.exact.matched, 1);
    close(claim.exact.precision(), 1.0 / 3.0);
    close(claim.exact.recall(), 1.0 / 3.0);
    close(claim.exact.f1(), 1.0 / 3.0);
    // overlap: 0..10↔0..10 and 20..30↔22..30 → 2 pairs; 40..50 and 80..90 share nothing:
    // P = 2/3, R = 2/3, F1 = 2·2/(3+3) = 2/3
    assert_eq!(claim.overlap.matched, 2);
    close(claim.overlap.precision(), 2.0 / 3.0);
    close(claim.overlap.recall(), 2.0 / 3.0);
    close(claim.overlap.f1(), 2.0 / 3.0);
    let quote = match_tag(&a.spans, &b.spans, "quote");
    // exact = overlap: 60..70 in both, 75..78 only in B → P = 1/2, R = 1/1,
    // F1 = 2·1/(1+2) = 2/3
    for counts in [quote.exact, quote.overlap] {
        close(counts.precision(), 0.5);
        close(counts.recall(), 1.0);
        close(counts.f1(), 2.0 / 3.0);
    }
}

#[test]
fn overlap_matching_is_one_to_one() {
    // A: claim 0..10, 20..30; B: claim 0..30 covers both, but pairs with one only.
    let a = coding(&[("claim", 0..10), ("claim", 20..30)]);
    let b = coding(&[("claim", 0..30)]);
    let claim = match_tag(&a.spans, &b.spans, "claim");
    // overlap: 1 pair → P = 1/1, R = 1/2, F1 = 2·1/(2+1) = 2/3
    close(claim.overlap.precision(), 1.0);
    close(claim.overlap.recall(), 0.5);
    close(claim.overlap.f1(), 2.0 / 3.0);
    // exact: no pair → P = 0/1, R = 0/2, F1 = 0/3 = 0
    close(claim.exact.precision(), 0.0);
    close(claim.exact.recall(), 0.0);
    close(claim.exact.f1(), 0.0);
}

#[test]
fn overlap_matching_finds_the_largest_pairing() {
    // B's 5..25 overlaps both of A's spans; B's 0..8 overlaps only A's 0..10. A greedy
    // pass pairing 5..25 with 0..10 first would leave 0..8 alone: the maximum is 2.
    let a = coding(&[("claim", 0..10), ("claim", 20..30)]);
    let b = coding(&[("claim", 5..25), ("claim", 0..8)]);
    let claim = match_tag(&a.spans, &b.spans, "claim");
    assert_eq!(claim.overlap.matched, 2);
}

#[test]
fn a_tag_on_one_side_only_has_null_precision_or_recall() {
    let a = coding(&[("claim", 0..4)]);
    let b = coding(&[]);
    let claim = match_tag(&a.spans, &b.spans, "claim");
    // B has no claim: precision 0/0 → None; recall 0/1 = 0; F1 = 2·0/(1+0) = 0
    assert_eq!(claim.exact.precision(), None);
    close(claim.exact.recall(), 0.0);
    close(claim.exact.f1(), 0.0);
    let nothing = match_tag(&a.spans, &b.spans, "quote");
    assert_eq!(nothing.overlap.f1(), None);
}

#[test]
fn kappa_and_alpha_two_reviewers_by_hand() {
    // text "abcde fghij": 11 chars, the space (index 5) is not a unit → 10 units.
    let doc = Document::new("abcde fghij");
    // A: claim abcde (0..5), quote fg (6..8)
    // B: claim abc (0..3), quote fghij (6..11)
    let a = coding(&[("claim", 0..5), ("quote", 6..8)]);
    let b = coding(&[("claim", 0..3), ("quote", 6..11)]);
    //      a     b     c     d     e     f     g     h     i     j
    // A: claim claim claim claim claim quote quote none  none  none
    // B: claim claim claim none  none  quote quote quote quote quote
    // agreed: a b c f g → p_o = 5/10 = 0.5
    // A: claim 5, quote 2, none 3; B: claim 3, quote 5, none 2
    // p_e = (5·3 + 2·5 + 3·2) / 10² = 31/100
    // kappa = (0.5 − 0.31) / (1 − 0.31) = 0.19/0.69 = 19/69
    let result = agreement(&doc, &[a, b]);
    assert_eq!(result.units, 10);
    close(result.kappa, 19.0 / 69.0);
    // alpha: n = 2·10 = 20 values; n_claim = 5+3 = 8, n_quote = 2+5 = 7, n_none = 3+2 = 5.
    // Disagreeing units d e h i j each add 1 to o[x][y] and 1 to o[y][x] (1/(m−1) = 1):
    // Σ_{c≠k} o_ck = 10.  Σ_{c≠k} n_c·n_k = 20² − (8² + 7² + 5²) = 400 − 138 = 262.
    // alpha = 1 − (n − 1)·10/262 = 1 − 190/262 = 72/262
    close(result.alpha, 72.0 / 262.0);
}

#[test]
fn overlapping_different_tags_make_a_combined_category() {
    // text "abcdef"; A: claim abcd (0..4), quote cdef (2..6) → a b: claim, c d: claim+quote,
    // e f: quote. B: claim over everything.
    let doc = Document::new("abcdef");
    let a = coding(&[("claim", 0..4), ("quote", 2..6)]);
    let b = coding(&[("claim", 0..6)]);
    let table = CategoryTable::build(&doc, &[a.clone(), b.clone()]);
    assert!(table.categories.iter().any(|c| c == "claim+quote"));
    // p_o = 2/6 (a, b). A: claim 2, claim+quote 2, quote 2; B: claim 6.
    // p_e = (2·6)/36 = 1/3 → kappa = (1/3 − 1/3)/(1 − 1/3) = 0
    close(agreement(&doc, &[a, b]).kappa, 0.0);
}

#[test]
fn alpha_three_reviewers_by_hand() {
    // text "abcd", 4 units.
    let doc = Document::new("abcd");
    let a = coding(&[("claim", 0..2)]);
    let b = coding(&[("claim", 0..3)]);
    let c = coding(&[("claim", 0..2), ("quote", 3..4)]);
    //      A      B      C
    // a: claim  claim  claim
    // b: claim  claim  claim
    // c: none   claim  none    ordered pairs that differ: (A,B)(B,A)(B,C)(C,B) = 4
    // d: none   none   quote   ordered pairs that differ: (A,C)(C,A)(B,C)(C,B) = 4
    // m = 3 → each pair adds 1/(m−1) = 1/2: Σ_{c≠k} o_ck = 8/2 = 4
    // n = 3·4 = 12; n_claim = 7, n_none = 4, n_quote = 1
    // Σ_{c≠k} n_c·n_k = 144 − (49 + 16 + 1) = 78
    // alpha = 1 − (12 − 1)·4/78 = 1 − 44/78 = 34/78
    let result = agreement(&doc, &[a, b, c]);
    close(result.alpha, 34.0 / 78.0);
    // kappa stays A against B: a b c d → claim claim claim none vs claim claim none none
    // agreed a b d: p_o = 3/4; A: claim 2, none 2; B: claim 3, none 1
    // p_e = (2·3 + 2·1)/16 = 8/16 → kappa = (0.75 − 0.5)/(1 − 0.5) = 0.5
    close(result.kappa, 0.5);
    // Pairs: (A, B) as above; (A, C): a b c d → claim claim none none vs claim claim none
    // quote, agreed a b c: p_o = 3/4; A: claim 2, none 2; C: claim 2, none 1, quote 1;
    // p_e = (2·2 + 2·1)/16 = 6/16 → kappa = (12/16 − 6/16)/(10/16) = 6/10.
    // (B, C): claim claim claim none vs claim claim none quote, agreed a b: p_o = 2/4;
    // B: claim 3, none 1; C: claim 2, none 1, quote 1; p_e = (3·2 + 1·1)/16 = 7/16
    // → kappa = (8/16 − 7/16)/(9/16) = 1/9.
    let pairs: Vec<(usize, usize)> = result
        .pairwise_kappa
        .iter()
        .map(|(i, j, _)| (*i, *j))
        .collect();
    assert_eq!(pairs, [(0, 1), (0, 2), (1, 2)]);
    close(result.pairwise_kappa[0].2, 0.5);
    close(result.pairwise_kappa[1].2, 0.6);
    close(result.pairwise_kappa[2].2, 1.0 / 9.0);
}

#[test]
fn degenerate_cases_are_null_not_nan() {
    let doc = Document::new("some text here");
    // Nobody tagged anything: one category ("none") only → p_e = 1, alpha's expected
    // disagreement 0: both undefined.
    let empty = agreement(&doc, &[coding(&[]), coding(&[])]);
    assert_eq!((empty.kappa, empty.alpha), (None, None));
    assert!(empty.tags.is_empty());
    // Both tagged every unit the same: again one category.
    let all = agreement(
        &doc,
        &[coding(&[("claim", 0..14)]), coding(&[("claim", 0..14)])],
    );
    assert_eq!((all.kappa, all.alpha), (None, None));
    close(all.tags.get("claim").and_then(|t| t.exact.f1()), 1.0);
    // No units at all.
    let blank = agreement(&Document::new("  \n "), &[coding(&[]), coding(&[])]);
    assert_eq!((blank.units, blank.kappa, blank.alpha), (0, None, None));
    // Fewer than two sets.
    let one = agreement(&doc, &[coding(&[("claim", 0..4)])]);
    assert_eq!((one.kappa, one.alpha), (None, None));
    // Spans past the end of the text are clamped, never a panic.
    let past = agreement(&doc, &[coding(&[("claim", 10..99)]), coding(&[])]);
    assert_eq!(past.units, 12);
}

#[test]
fn orphaned_annotations_are_left_out_and_counted() {
    let doc = Document::new("The bridge opened in 1932. It cost four million.");
    let now = Utc
        .with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
        .single()
        .unwrap_or_default();
    let mut set = AnnotationSet::new(&doc, "doc.txt", "t", now);
    set.annotations
        .push(Annotation::new(&doc, 0..26, "claim", "ana", now));
    let mut orphan = Annotation::new(&doc, 27..48, "claim", "ana", now);
    orphan.status = AnchorStatus::Orphaned;
    set.annotations.push(orphan);
    let mut fuzzy = Annotation::new(&doc, 4..10, "quote", "ana", now);
    fuzzy.status = AnchorStatus::Fuzzy { score: 0.8 };
    set.annotations.push(fuzzy);
    let coding = Coding::of(&set);
    assert_eq!(coding.orphaned, 1);
    assert_eq!(
        coding.spans.len(),
        2,
        "exact and fuzzy count, orphaned does not"
    );
    let result = agreement(&doc, &[coding.clone(), coding]);
    assert_eq!(result.orphaned, vec![1, 1]);
}

#[test]
fn disagreements_by_kind() {
    let a = coding(&[("claim", 0..10), ("quote", 20..30), ("claim", 40..50)]);
    let b = coding(&[
        ("claim", 0..10),
        ("claim", 20..30),
        ("claim", 42..50),
        ("attribution", 60..70),
    ]);
    let found: Vec<(DisagreementKind, std::ops::Range<usize>)> = disagreements(&a, &b)
        .iter()
        .map(|d| (d.kind, d.char_range()))
        .collect();
    assert_eq!(
        found,
        vec![
            (DisagreementKind::TagDiffers, 20..30),
            (DisagreementKind::EdgesDiffer, 40..50),
            (DisagreementKind::OnlyInB, 60..70),
        ]
    );
    let reverse: Vec<DisagreementKind> = disagreements(&b, &a).iter().map(|d| d.kind).collect();
    assert_eq!(
        reverse,
        vec![
            DisagreementKind::TagDiffers,
            DisagreementKind::EdgesDiffer,
            DisagreementKind::OnlyInA
        ]
    );
}
