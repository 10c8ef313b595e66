//! Property tests for re-anchoring: edits outside annotated spans move annotations to the
//! right place, edits inside never lose one, and anchoring twice changes nothing.
//!
//! Documents are sentences of random lowercase words, each sentence carrying a unique label
//! `[0042]`, and every annotated span contains its sentence's whole label. Inserted text
//! uses only `XYZ ,;\né😀` (no digits or brackets), so a quote stays unique in the edited
//! document unless a deletion happens to splice a label together; such rare cases are
//! skipped with `prop_assume!` (so "the right place" is never a coin toss).
#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation is the test failing"
)]

use chrono::{TimeZone as _, Utc};
use factmark::model::{AnchorStatus, Annotation, AnnotationSet, Document, anchor_set};
use proptest::prelude::*;

/// A tiny deterministic generator (LCG), so one `u64` seed describes a whole case.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Text of `count` sentences and, per sentence, the char range of its label.
fn document(rng: &mut Lcg, count: usize) -> (Vec<char>, Vec<std::ops::Range<usize>>) {
    let mut text = String::new();
    let mut labels = Vec::new();
    for index in 0..count {
        let words = |rng: &mut Lcg, text: &mut String| {
            for _ in 0..2 + rng.below(6) {
                for _ in 0..2 + rng.below(6) {
                    text.push(char::from(b'a' + rng.below(26) as u8));
                }
                text.push(' ');
            }
        };
        words(rng, &mut text);
        let start = text.chars().count();
        text.push_str(&format!("[{index:04}]"));
        labels.push(start..start + 6);
        text.push(' ');
        words(rng, &mut text);
        text.push_str(if rng.below(4) == 0 { ".\n" } else { ". " });
    }
    (text.chars().collect(), labels)
}

/// An edit of the char vector: insert text at a position, or delete a range.
#[derive(Debug, Clone)]
enum Change {
    Insert(usize, Vec<char>),
    Delete(usize, usize),
}

fn random_change(rng: &mut Lcg, len: usize) -> Change {
    let at = rng.below(len + 1);
    if rng.below(2) == 0 {
        const ALPHABET: [char; 9] = ['X', 'Y', 'Z', ' ', ',', ';', '\n', 'é', '😀'];
        let inserted = (0..1 + rng.below(40))
            .map(|_| ALPHABET[rng.below(ALPHABET.len())])
            .collect();
        Change::Insert(at, inserted)
    } else {
        Change::Delete(at, (at + 1 + rng.below(30)).min(len))
    }
}

/// Does the change touch the inside of a span (an insertion at an edge does not)?
fn touches(change: &Change, span: &std::ops::Range<usize>) -> bool {
    match change {
        Change::Insert(at, _) => span.start < *at && *at < span.end,
        Change::Delete(from, to) => *from < span.end && span.start < *to,
    }
}

/// Apply a change to the text and map the spans through it (helix's `map_pos`).
fn apply(text: &mut Vec<char>, spans: &mut [std::ops::Range<usize>], change: &Change) {
    match change {
        Change::Insert(at, inserted) => {
            text.splice(*at..*at, inserted.iter().copied());
            for span in spans.iter_mut() {
                let shift = |p: usize| if p >= *at { p + inserted.len() } else { p };
                if span.start >= *at {
                    *span = shift(span.start)..shift(span.end);
                }
            }
        }
        Change::Delete(from, to) => {
            text.drain(*from..*to);
            for span in spans.iter_mut() {
                if span.start >= *to {
                    *span = span.start - (to - from)..span.end - (to - from);
                }
            }
        }
    }
}

struct Case {
    before: Document,
    set: AnnotationSet,
    after: Document,
    /// Where each annotation truly is after the edits (meaningful when edits avoid spans).
    truth: Vec<std::ops::Range<usize>>,
}

fn case(seed: u64, sentences: usize, edits: usize, inside: bool) -> Case {
    let mut rng = Lcg(seed);
    let (mut text, labels) = document(&mut rng, sentences);
    let mut spans = Vec::new();
    for label in &labels {
        if rng.below(3) == 0 {
            let start = label.start.saturating_sub(rng.below(12));
            spans.push(start..(label.end + rng.below(12)).min(text.len()));
        }
    }
    let before = Document::new(&text.iter().collect::<String>());
    let now = Utc
        .with_ymd_and_hms(2026, 3, 4, 5, 6, 7)
        .single()
        .expect("valid");
    let mut set = AnnotationSet::new(&before, "doc.txt", "props", now);
    for span in &spans {
        set.annotations
            .push(Annotation::new(&before, span.clone(), "claim", "prop", now));
    }
    for _ in 0..edits {
        let change = random_change(&mut rng, text.len());
        if inside || !spans.iter().any(|span| touches(&change, span)) {
            apply(&mut text, &mut spans, &change);
        }
    }
    let after = Document::new(&text.iter().collect::<String>());
    Case {
        before,
        set,
        after,
        truth: spans,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn edits_outside_spans_re_anchor_at_the_mapped_place(
        seed in any::<u64>(),
        sentences in 3usize..40,
        edits in 1usize..12,
    ) {
        let Case { before, mut set, after, truth } = case(seed, sentences, edits, false);
        for annotation in &set.annotations {
            prop_assume!(after.find_all_char_starts(&annotation.quote.exact).len() == 1);
        }
        let original = set.clone();
        anchor_set(&mut set, &after);
        for ((annotation, old), want) in set.annotations.iter().zip(&original.annotations).zip(&truth) {
            prop_assert!(
                matches!(annotation.status, AnchorStatus::Exact | AnchorStatus::Moved),
                "{:?} for {:?}", annotation.status, old.quote.exact
            );
            prop_assert_eq!(annotation.position.range(), want.clone());
            prop_assert_eq!(&annotation.quote.exact, &old.quote.exact);
            prop_assert_eq!(&annotation.quote, &after.quote(want.clone()));
        }
        if before.text() == after.text() {
            prop_assert!(set.annotations.iter().all(|a| a.status == AnchorStatus::Exact));
        }
    }

    #[test]
    fn edits_inside_spans_never_lose_an_annotation(
        seed in any::<u64>(),
        sentences in 3usize..40,
        edits in 1usize..16,
    ) {
        let Case { mut set, after, .. } = case(seed, sentences, edits, true);
        let ids: Vec<_> = set.annotations.iter().map(|a| a.id).collect();
        let quotes: Vec<_> = set.annotations.iter().map(|a| a.quote.exact.clone()).collect();
        let summary = anchor_set(&mut set, &after);
        prop_assert_eq!(summary.total(), ids.len());
        prop_assert_eq!(set.annotations.iter().map(|a| a.id).collect::<Vec<_>>(), ids);
        for (annotation, quote) in set.annotations.iter().zip(&quotes) {
            let position = annotation.position;
            prop_assert!(position.char_start <= position.char_end);
            prop_assert!(position.char_end <= after.char_len());
            match annotation.status {
                AnchorStatus::Exact | AnchorStatus::Moved => {
                    prop_assert_eq!(after.slice(position.range()), quote.as_str());
                }
                AnchorStatus::Fuzzy { score } => {
                    prop_assert!((0.75..=1.0).contains(&score), "score {}", score);
                    prop_assert_eq!(&annotation.quote.exact, quote, "fuzzy keeps the old quote");
                    prop_assert!(after.is_grapheme_boundary(position.char_start));
                    prop_assert!(after.is_grapheme_boundary(position.char_end));
                }
                AnchorStatus::Orphaned => {
                    prop_assert_eq!(&annotation.quote.exact, quote, "orphans keep their quote");
                }
            }
        }
    }

    #[test]
    fn anchoring_twice_is_idempotent(
        seed in any::<u64>(),
        sentences in 3usize..40,
        edits in 0usize..16,
        inside in any::<bool>(),
    ) {
        let Case { mut set, after, .. } = case(seed, sentences, edits, inside);
        anchor_set(&mut set, &after);
        let first = set.clone();
        anchor_set(&mut set, &after);
        for (again, once) in set.annotations.iter().zip(&first.annotations) {
            if matches!(once.status, AnchorStatus::Exact | AnchorStatus::Moved) {
                prop_assert_eq!(again.status, AnchorStatus::Exact);
                prop_assert_eq!(again.position, once.position);
                prop_assert_eq!(&again.quote, &once.quote);
            }
        }
    }
}
