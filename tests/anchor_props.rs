//! Property tests for re-anchoring: edits outside annotated spans move annotations to the
//! right place, edits inside never lose one, anchoring twice changes nothing, and with
//! repeated and short quotes no placement that is wrong is ever exact or moved.
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
            // An edit right at both edges may leave no context to vouch for the place: then
            // it is fuzzy (a person confirms it), but never orphaned and never elsewhere.
            prop_assert!(
                annotation.status != AnchorStatus::Orphaned,
                "{:?} for {:?}", annotation.status, old.quote.exact
            );
            prop_assert_eq!(annotation.position.range(), want.clone());
            prop_assert_eq!(&annotation.quote.exact, &old.quote.exact);
            if matches!(annotation.status, AnchorStatus::Exact | AnchorStatus::Moved) {
                prop_assert_eq!(&annotation.quote, &after.quote(want.clone()));
            }
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
            if annotation.status != AnchorStatus::Orphaned {
                // (An orphan keeps its last good position as it was, a hint.)
                prop_assert!(position.char_start < position.char_end);
                prop_assert!(position.char_end <= after.char_len());
            }
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

/// Phrases repeated through the "repeated" documents, shorter than the context agreement a
/// move needs, so a word inside one cannot vouch for itself elsewhere by its phrase alone.
const PHRASES: [&str; 8] = [
    "is not true",
    "not",
    "12 percent",
    "the mayor",
    "said",
    "it is",
    "a",
    "ce\u{301}",
];

/// A document of random words and repeated phrases (each between random words), short
/// annotated spans anywhere (so quotes repeat), then random edits anywhere. `truth` says where each quote's own text is
/// after the edits.
struct RepeatedCase {
    set: AnnotationSet,
    after: Document,
    truth: Vec<Truth>,
}

/// Where an annotated text is after the edits.
#[derive(Debug)]
struct Truth {
    /// No edit went through it: here.
    intact: Option<std::ops::Range<usize>>,
    /// Where its start edge is (inserted text counted before, after), while the text
    /// beside it exists.
    starts: [Option<usize>; 2],
    /// Where its end edge is, the same way.
    ends: [Option<usize>; 2],
}

impl Truth {
    /// Is an exact or moved placement here right? At the span itself, or the quote found
    /// again against one of the span's old edges: the same words at the same place with the
    /// same context on that side, a text the edits leave indistinguishable. Elsewhere it
    /// is wrong.
    fn allows(&self, placed: &std::ops::Range<usize>) -> bool {
        self.intact.as_ref() == Some(placed)
            || self.starts.contains(&Some(placed.start))
            || self.ends.contains(&Some(placed.end))
    }
}

/// Map a span edge through a change (`shift_at`: text inserted exactly at the edge goes
/// before it); `None` once a deletion took the text on one side of it.
fn map_edge(change: &Change, edge: usize, shift_at: bool) -> Option<usize> {
    match change {
        Change::Insert(at, inserted) => {
            let after = if shift_at { edge >= *at } else { edge > *at };
            Some(if after { edge + inserted.len() } else { edge })
        }
        Change::Delete(from, to) => {
            if edge <= *from {
                Some(edge)
            } else if edge >= *to {
                Some(edge - (to - from))
            } else {
                None
            }
        }
    }
}

fn repeated_case(seed: u64, words: usize, annotations: usize, edits: usize) -> RepeatedCase {
    let mut rng = Lcg(seed);
    let word = |rng: &mut Lcg| -> String {
        (0..3 + rng.below(5))
            .map(|_| char::from(b'a' + rng.below(26) as u8))
            .collect()
    };
    let mut text = String::new();
    for _ in 0..words {
        // A phrase always sits between random words, so no stretch repeats for long.
        text.push_str(&word(&mut rng));
        text.push_str([" ", " ", " ", ", ", ". ", "\n"][rng.below(6)]);
        if rng.below(2) == 0 {
            text.push_str(PHRASES[rng.below(PHRASES.len())]);
            text.push(' ');
        }
    }
    let before = Document::new(&text);
    let mut chars: Vec<char> = text.chars().collect();
    let now = Utc
        .with_ymd_and_hms(2026, 3, 4, 5, 6, 7)
        .single()
        .expect("valid");
    let mut set = AnnotationSet::new(&before, "doc.txt", "repeated", now);
    let mut spans = Vec::new();
    for _ in 0..annotations {
        let start = rng.below(chars.len().saturating_sub(2));
        let wanted = start..(start + 1 + rng.below(14)).min(chars.len());
        let span = before.snap_to_graphemes(wanted);
        if span.is_empty() || spans.contains(&span) {
            continue;
        }
        set.annotations
            .push(Annotation::new(&before, span.clone(), "claim", "prop", now));
        spans.push(span);
    }
    let mut alive = vec![true; spans.len()];
    // Where each span's edges are now, while the text beside them exists; text inserted at
    // an edge may count as before or after it (the resulting texts are the same when the
    // inserted text repeats the edge's chars), so each edge is followed both ways.
    let mut edges: Vec<[Option<usize>; 4]> = spans
        .iter()
        .map(|span| {
            [
                Some(span.start),
                Some(span.start),
                Some(span.end),
                Some(span.end),
            ]
        })
        .collect();
    for _ in 0..edits {
        let change = if rng.below(3) == 0 {
            // Insert a phrase: more copies of the quotes.
            let at = rng.below(chars.len() + 1);
            let phrase = format!(
                " {} {} {} ",
                word(&mut rng),
                PHRASES[rng.below(PHRASES.len())],
                word(&mut rng)
            );
            Change::Insert(at, phrase.chars().collect())
        } else {
            random_change(&mut rng, chars.len())
        };
        for (span, alive) in spans.iter().zip(alive.iter_mut()) {
            if touches(&change, span) {
                *alive = false;
            }
        }
        for edge in &mut edges {
            for (index, place) in edge.iter_mut().enumerate() {
                *place = place.and_then(|p| map_edge(&change, p, index % 2 == 0));
            }
        }
        apply(&mut chars, &mut spans, &change);
    }
    let after = Document::new(&chars.iter().collect::<String>());
    let truth = spans
        .into_iter()
        .zip(alive)
        .zip(edges)
        .map(|((span, alive), [s1, s2, e1, e2])| Truth {
            intact: alive.then_some(span),
            starts: [s1, s2],
            ends: [e1, e2],
        })
        .collect();
    RepeatedCase { set, after, truth }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn repeated_and_short_quotes_are_never_wrongly_exact_or_moved(
        seed in any::<u64>(),
        words in 20usize..200,
        annotations in 1usize..30,
        edits in 0usize..12,
    ) {
        let RepeatedCase { mut set, after, truth } = repeated_case(seed, words, annotations, edits);
        let quotes: Vec<String> = set.annotations.iter().map(|a| a.quote.exact.clone()).collect();
        let recorded = set.clone();
        anchor_set(&mut set, &after);
        let mut wrong = Vec::new();
        for ((annotation, want), quote) in set.annotations.iter().zip(&truth).zip(&quotes) {
            let position = annotation.position;
            if matches!(annotation.status, AnchorStatus::Exact | AnchorStatus::Moved)
                && !want.allows(&position.range())
            {
                let around = position.char_start.saturating_sub(20)..position.char_end + 20;
                wrong.push(format!(
                    "{:?} {quote:?} at {:?}, truly at {want:?}; recorded {:?} [] {:?}; now {:?}",
                    annotation.status,
                    position.range(),
                    recorded.annotations.iter().find(|a| a.id == annotation.id).map(|a| &a.quote.prefix),
                    recorded.annotations.iter().find(|a| a.id == annotation.id).map(|a| &a.quote.suffix),
                    after.slice(around),
                ));
            }
            if annotation.status != AnchorStatus::Orphaned {
                prop_assert!(after.is_grapheme_boundary(position.char_start));
                prop_assert!(after.is_grapheme_boundary(position.char_end));
            }
        }
        prop_assert!(wrong.is_empty(), "wrong placements: {:?}", wrong);
        if edits == 0 {
            prop_assert!(set.annotations.iter().all(|a| a.status == AnchorStatus::Exact));
        }
    }
}
