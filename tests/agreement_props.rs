//! Property tests of the agreement figures: identical sets agree fully, the figures are
//! symmetric where they should be, and the one-to-one overlap matching is as large as a
//! brute-force search finds.

use std::collections::BTreeMap;

use factmark::model::Document;
use factmark::model::agreement::chars::CategoryTable;
use factmark::model::agreement::spans::overlap_pairs;
use factmark::model::agreement::{Coding, Span, agreement, disagreements, match_tag};
use proptest::prelude::*;

const TAGS: [&str; 3] = ["claim", "quote", "attribution"];

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(prop_oneof![4 => "[a-e]", 1 => Just(" ".to_owned())], 1..60)
        .prop_map(|chars| chars.concat())
}

fn spans(len: usize) -> impl Strategy<Value = Vec<(usize, std::ops::Range<usize>)>> {
    proptest::collection::vec((0..TAGS.len(), 0..len, 1..12usize), 0..8).prop_map(move |raw| {
        raw.into_iter()
            .map(|(tag, start, width)| (tag, start..(start + width).min(len)))
            .filter(|(_, range)| range.start < range.end)
            .collect()
    })
}

fn coding(spans: &[(usize, std::ops::Range<usize>)]) -> Coding {
    Coding::from_spans(
        spans
            .iter()
            .map(|(tag, range)| (TAGS.get(*tag).copied().unwrap_or("claim"), range.clone())),
    )
}

fn case() -> impl Strategy<Value = (String, Coding, Coding, Coding)> {
    text().prop_flat_map(|text| {
        let len = text.chars().count();
        (Just(text), spans(len), spans(len), spans(len))
            .prop_map(|(text, a, b, c)| (text, coding(&a), coding(&b), coding(&c)))
    })
}

fn same(x: Option<f64>, y: Option<f64>) -> bool {
    match (x, y) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

/// The largest one-to-one pairing of overlapping spans, by trying every choice.
fn brute_force_pairs(a: &[&Span], b: &[&Span]) -> usize {
    let Some((first, rest)) = a.split_first() else {
        return 0;
    };
    let mut best = brute_force_pairs(rest, b);
    for (index, candidate) in b.iter().enumerate() {
        if first.overlaps(candidate) {
            let mut others = b.to_vec();
            others.remove(index);
            best = best.max(1 + brute_force_pairs(rest, &others));
        }
    }
    best
}

/// Each unit's categories, one per reviewer, computed char by char (the simple model the
/// segment sweep must agree with), counted by combination.
fn naive_table(text: &str, codings: &[Coding]) -> BTreeMap<Vec<String>, usize> {
    let mut table = BTreeMap::new();
    for (position, c) in text.chars().enumerate() {
        if c.is_whitespace() {
            continue;
        }
        let codes: Vec<String> = codings
            .iter()
            .map(|coding| {
                let mut tags: Vec<&str> = coding
                    .spans
                    .iter()
                    .filter(|s| s.char_start <= position && position < s.char_end)
                    .map(|s| s.tag.as_str())
                    .collect();
                tags.sort_unstable();
                tags.dedup();
                if tags.is_empty() {
                    "none".to_owned()
                } else {
                    tags.join("+")
                }
            })
            .collect();
        *table.entry(codes).or_default() += 1;
    }
    table
}

proptest! {
    #[test]
    fn the_segment_sweep_codes_every_unit_as_the_char_by_char_model((text, a, b, c) in case()) {
        let doc = Document::new(&text);
        let codings = [a, b, c];
        let table = CategoryTable::build(&doc, &codings);
        let named: BTreeMap<Vec<String>, usize> = table
            .rows
            .iter()
            .map(|(codes, count)| {
                let names = codes
                    .iter()
                    .map(|i| table.categories.get(*i).cloned().unwrap_or_default())
                    .collect();
                (names, *count)
            })
            .collect();
        prop_assert_eq!(named, naive_table(&text, &codings));
    }

    #[test]
    fn identical_sets_agree_fully((text, a, _, _) in case()) {
        let doc = Document::new(&text);
        let result = agreement(&doc, &[a.clone(), a.clone(), a.clone()]);
        for figures in result.tags.values() {
            prop_assert!(same(figures.exact.f1(), Some(1.0)));
            prop_assert!(same(figures.overlap.f1(), Some(1.0)));
        }
        // kappa and alpha are 1, or null when only one category was used at all.
        let categories = CategoryTable::build(&doc, &[a.clone(), a])
            .rows
            .len();
        if categories >= 2 {
            prop_assert!(same(result.kappa, Some(1.0)));
            prop_assert!(same(result.alpha, Some(1.0)));
        } else {
            prop_assert_eq!((result.kappa, result.alpha), (None, None));
        }
    }

    #[test]
    fn figures_are_symmetric((text, a, b, c) in case()) {
        let doc = Document::new(&text);
        let ab = agreement(&doc, &[a.clone(), b.clone(), c.clone()]);
        let ba = agreement(&doc, &[b.clone(), a.clone(), c.clone()]);
        let cab = agreement(&doc, &[c, a, b]);
        prop_assert!(same(ab.kappa, ba.kappa));
        prop_assert!(same(ab.alpha, ba.alpha));
        prop_assert!(same(ab.alpha, cab.alpha));
        prop_assert_eq!(ab.tags.keys().collect::<Vec<_>>(), ba.tags.keys().collect::<Vec<_>>());
        for (tag, forward) in &ab.tags {
            let backward = ba.tags.get(tag);
            prop_assert!(backward.is_some());
            let Some(backward) = backward else { continue };
            for (f, r) in [(forward.exact, backward.exact), (forward.overlap, backward.overlap)] {
                prop_assert!(same(f.precision(), r.recall()));
                prop_assert!(same(f.recall(), r.precision()));
                prop_assert!(same(f.f1(), r.f1()));
            }
        }
        for value in [ab.kappa, ab.alpha].into_iter().flatten() {
            prop_assert!(value.is_finite() && (-1.0 - 1e-9..=1.0 + 1e-9).contains(&value));
        }
    }

    #[test]
    fn overlap_matching_is_maximum((_, a, b, _) in case()) {
        for tag in TAGS {
            let left: Vec<&Span> = a.spans.iter().filter(|s| s.tag == tag).collect();
            let right: Vec<&Span> = b.spans.iter().filter(|s| s.tag == tag).collect();
            prop_assert_eq!(overlap_pairs(&left, &right), brute_force_pairs(&left, &right));
            let figures = match_tag(&a.spans, &b.spans, tag);
            prop_assert!(figures.exact.matched <= figures.overlap.matched);
        }
    }

    #[test]
    fn disagreements_account_for_every_span((_, a, b, _) in case()) {
        // Every span is agreed (same place and tag on the other side) or in one disagreement.
        let found = disagreements(&a, &b);
        let listed_a = found.iter().filter(|d| d.a.is_some()).count();
        let listed_b = found.iter().filter(|d| d.b.is_some()).count();
        let agreed_a = a.spans.len() - listed_a;
        let agreed_b = b.spans.len() - listed_b;
        prop_assert_eq!(agreed_a, agreed_b);
        let exact: usize = TAGS.iter().map(|t| match_tag(&a.spans, &b.spans, t).exact.matched).sum();
        prop_assert_eq!(agreed_a, exact);
    }
}
