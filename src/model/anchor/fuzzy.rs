//! Approximate placement: bounded edit-distance search of a quote in windows of the text.
//!
//! The quote is searched with [`Pattern`] (bit-parallel, search mode) in a window of
//! [`FUZZY_WINDOW_CHARS`] chars on each side of the expected place. Every run of end positions
//! within [`MIN_FUZZY_SCORE`] gives one candidate; its start comes from an anchored search of
//! the reversed quote. Candidates rank by quote similarity plus context agreement, then by
//! nearness to the expected place.

use std::ops::Range;

use crate::model::set::TextQuote;
use crate::model::text::Document;

use super::myers::{Mode, Pattern};
use super::occurrences::{prefix_agreement, suffix_agreement};

/// Lowest accepted similarity `1 - edit_distance / quote_chars`: a quarter of the quote may
/// differ. Below it the annotation is orphaned rather than guessed.
pub const MIN_FUZZY_SCORE: f32 = 0.75;

/// Chars searched on each side of the expected place (the search never scans the whole text).
pub const FUZZY_WINDOW_CHARS: usize = 2048;

/// At most this many candidate runs are examined per window.
const MAX_CANDIDATES: usize = 16;

/// An approximate placement.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FuzzyMatch {
    /// Proposed char range (snapped to grapheme boundaries).
    pub(crate) chars: Range<usize>,
    /// Similarity, `MIN_FUZZY_SCORE..=1`.
    pub(crate) score: f32,
}

/// Chars of context that must agree for a placement: `wanted`, or all the context the quote
/// recorded when it recorded less (a quote imported without context needs none).
pub(crate) fn required_context(quote: &TextQuote, wanted: usize) -> usize {
    (quote.prefix.chars().count() + quote.suffix.chars().count()).min(wanted)
}

/// Search `quote.exact` approximately around `expected` (and around `old` when far from it).
pub(crate) fn place(
    doc: &Document,
    quote: &TextQuote,
    expected: usize,
    old: usize,
) -> Option<FuzzyMatch> {
    let exact: Vec<char> = quote.exact.chars().collect();
    let quote_chars = exact.len();
    let forward = Pattern::new(&exact)?;
    let reversed: Vec<char> = exact.iter().rev().copied().collect();
    let backward = Pattern::new(&reversed)?;
    let max_edits = max_edits(quote_chars);
    let mut best: Option<(Candidate, Range<usize>)> = None;
    let mut windows = vec![window(doc, expected, quote_chars + max_edits)];
    if expected.abs_diff(old) > FUZZY_WINDOW_CHARS {
        windows.push(window(doc, old, quote_chars + max_edits));
    }
    for chars in windows {
        let text: Vec<char> = doc.slice(chars.clone()).chars().collect();
        let distances = forward.distances(&text, Mode::Search);
        for end in candidate_ends(&distances, max_edits, expected.saturating_sub(chars.start)) {
            let Some((start, edits)) = start_of(&backward, &text, end, quote_chars, max_edits)
            else {
                continue;
            };
            let range = chars.start + start..chars.start + end;
            let candidate = Candidate::score(doc, quote, range.clone(), edits, expected);
            if best.as_ref().is_none_or(|(b, _)| candidate.beats(b)) {
                best = Some((candidate, range));
            }
        }
    }
    let (candidate, range) = best?;
    let confirmed = candidate.context >= required_context(quote, super::MIN_FUZZY_CONTEXT);
    let score = 1.0 - candidate.edits as f32 / quote_chars as f32;
    if !confirmed || candidate.edits > max_edits || score < MIN_FUZZY_SCORE {
        return None;
    }
    Some(FuzzyMatch {
        chars: doc.snap_to_graphemes(range),
        score,
    })
}

/// Most edits accepted for a quote of this many chars: those that keep the similarity at
/// or above [`MIN_FUZZY_SCORE`].
fn max_edits(quote_chars: usize) -> usize {
    let allowed = (quote_chars as f64 * (1.0 - f64::from(MIN_FUZZY_SCORE))).floor();
    // A float in 0..=quote_chars, so the conversion is exact.
    allowed as usize
}

fn window(doc: &Document, around: usize, span: usize) -> Range<usize> {
    let start = around.saturating_sub(FUZZY_WINDOW_CHARS);
    let end = around
        .saturating_add(span)
        .saturating_add(FUZZY_WINDOW_CHARS)
        .min(doc.char_len());
    start.min(end)..end
}

/// One end (exclusive, in window chars) per run of ends within `max_edits`: the run's best,
/// the closest runs to `expected` first among equals, at most [`MAX_CANDIDATES`].
fn candidate_ends(distances: &[usize], max_edits: usize, expected: usize) -> Vec<usize> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    for (index, &distance) in distances.iter().enumerate() {
        if distance <= max_edits {
            if current.is_none_or(|(d, _)| distance < d) {
                current = Some((distance, index + 1));
            }
        } else if let Some(run) = current.take() {
            runs.push(run);
        }
    }
    runs.extend(current);
    runs.sort_by_key(|&(distance, end)| (distance, end.abs_diff(expected)));
    runs.truncate(MAX_CANDIDATES);
    runs.into_iter().map(|(_, end)| end).collect()
}

/// Start (window chars) and edit count of the best match ending at `end`, from an anchored
/// search of the reversed quote backwards from `end`; among equal counts, the length nearest
/// the quote's.
fn start_of(
    backward: &Pattern,
    text: &[char],
    end: usize,
    quote_chars: usize,
    max_edits: usize,
) -> Option<(usize, usize)> {
    let from = end.saturating_sub(quote_chars + max_edits);
    let reversed: Vec<char> = text.get(from..end)?.iter().rev().copied().collect();
    let distances = backward.distances(&reversed, Mode::Anchored);
    let (length, edits) = distances
        .iter()
        .enumerate()
        .map(|(index, &edits)| (index + 1, edits))
        .min_by_key(|&(length, edits)| (edits, length.abs_diff(quote_chars)))?;
    Some((end - length, edits))
}

/// A scored approximate candidate.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    edits: usize,
    context: usize,
    quote_chars: usize,
    distance: usize,
}

impl Candidate {
    fn score(
        doc: &Document,
        quote: &TextQuote,
        range: Range<usize>,
        edits: usize,
        expected: usize,
    ) -> Self {
        let bytes = doc.byte_range(range.clone());
        let context = prefix_agreement(doc.text(), bytes.start, &quote.prefix)
            + suffix_agreement(doc.text(), bytes.end, &quote.suffix);
        Self {
            edits,
            context,
            quote_chars: quote.exact.chars().count(),
            distance: range.start.abs_diff(expected),
        }
    }

    /// Quote similarity counts twice, context once; nearness breaks ties.
    fn rank(&self) -> usize {
        2 * self.quote_chars.saturating_sub(self.edits) + self.context
    }

    fn beats(&self, other: &Self) -> bool {
        (self.rank(), std::cmp::Reverse(self.distance))
            > (other.rank(), std::cmp::Reverse(other.distance))
    }
}
