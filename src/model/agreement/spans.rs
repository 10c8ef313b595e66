//! Span-level precision, recall and F1 of a candidate (B) against a reference (A), per tag.
//!
//! Matching is one-to-one: the number of matched pairs is the size of a maximum matching
//! between A's and B's spans of the tag, where a pair is allowed when the spans have the
//! same start and end (exact) or share at least one character (overlap).
//!
//! ```text
//! A: [claim 0..10) [claim 20..30)
//! B: [claim 0..30)
//! overlap: B's span may pair with either of A's, but only with one: 1 pair;
//!          precision 1/1, recall 1/2, F1 2·1/(2+1) = 0.667
//! ```

use crate::model::agreement::Span;

/// How many spans of one tag matched, out of how many on each side.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MatchCounts {
    /// Pairs of matched spans.
    pub matched: usize,
    /// Spans of A (the reference).
    pub reference: usize,
    /// Spans of B (the candidate).
    pub candidate: usize,
}

impl MatchCounts {
    /// matched / B's spans; `None` when B has none.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.matched, self.candidate)
    }

    /// matched / A's spans; `None` when A has none.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.matched, self.reference)
    }

    /// The harmonic mean of precision and recall, 2·matched / (A's spans + B's spans);
    /// `None` when neither side has a span. When only one side has spans it is 0: the
    /// reviewers agree on none of them.
    pub fn f1(&self) -> Option<f64> {
        ratio(2 * self.matched, self.reference + self.candidate)
    }
}

fn ratio(part: usize, whole: usize) -> Option<f64> {
    #[allow(
        clippy::cast_precision_loss,
        reason = "span counts are far below 2^52, exact in f64"
    )]
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// Exact and overlap figures of one tag.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TagAgreement {
    /// Same start and end.
    pub exact: MatchCounts,
    /// At least one shared character.
    pub overlap: MatchCounts,
}

/// Match B's spans of `tag` against A's.
pub fn match_tag(reference: &[Span], candidate: &[Span], tag: &str) -> TagAgreement {
    let a: Vec<&Span> = reference.iter().filter(|s| s.tag == tag).collect();
    let b: Vec<&Span> = candidate.iter().filter(|s| s.tag == tag).collect();
    let counts = |matched| MatchCounts {
        matched,
        reference: a.len(),
        candidate: b.len(),
    };
    TagAgreement {
        exact: counts(exact_pairs(&a, &b)),
        overlap: counts(overlap_pairs(&a, &b)),
    }
}

/// One-to-one pairs of spans at the same place: the multiset intersection of places.
pub fn exact_pairs(a: &[&Span], b: &[&Span]) -> usize {
    let mut left: Vec<(usize, usize)> = a.iter().map(|s| (s.char_start, s.char_end)).collect();
    let mut right: Vec<(usize, usize)> = b.iter().map(|s| (s.char_start, s.char_end)).collect();
    left.sort_unstable();
    right.sort_unstable();
    let (mut i, mut j, mut pairs) = (0, 0, 0);
    while let (Some(x), Some(y)) = (left.get(i), right.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                pairs += 1;
                i += 1;
                j += 1;
            }
        }
    }
    pairs
}

/// The size of a maximum one-to-one matching of overlapping spans (augmenting paths).
pub fn overlap_pairs(a: &[&Span], b: &[&Span]) -> usize {
    let adjacency = overlap_adjacency(a, b);
    max_matching(&adjacency, a.len())
}

/// For each span of `b`, the indexes of the spans of `a` it overlaps.
fn overlap_adjacency(a: &[&Span], b: &[&Span]) -> Vec<Vec<usize>> {
    let mut by_start: Vec<(usize, usize, usize)> = a
        .iter()
        .enumerate()
        .map(|(index, s)| (s.char_start, s.char_end, index))
        .collect();
    by_start.sort_unstable();
    let longest = a
        .iter()
        .map(|s| s.char_end - s.char_start)
        .max()
        .unwrap_or(0);
    b.iter()
        .map(|span| {
            // Only spans of A starting in [start - longest, end) can overlap this one.
            let low = span.char_start.saturating_sub(longest);
            let first = by_start.partition_point(|(start, _, _)| *start < low);
            by_start
                .iter()
                .skip(first)
                .take_while(|(start, _, _)| *start < span.char_end)
                .filter(|(_, end, _)| *end > span.char_start)
                .map(|(_, _, index)| *index)
                .collect()
        })
        .collect()
}

/// Maximum bipartite matching (Kuhn's augmenting paths, iterative so deep paths cannot
/// overflow the stack). `adjacency[left]` lists the right nodes `left` may pair with.
fn max_matching(adjacency: &[Vec<usize>], right_count: usize) -> usize {
    let mut partner: Vec<Option<usize>> = vec![None; right_count];
    let mut seen: Vec<usize> = vec![usize::MAX; right_count];
    let mut pairs = 0;
    for start in 0..adjacency.len() {
        if augment(start, adjacency, &mut partner, &mut seen) {
            pairs += 1;
        }
    }
    pairs
}

/// Look for an augmenting path from the free left node `start`; flip it if found.
fn augment(
    start: usize,
    adjacency: &[Vec<usize>],
    partner: &mut [Option<usize>],
    seen: &mut [usize],
) -> bool {
    // stack: (left node, next edge to try); path: the right node taken below each level.
    let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
    let mut path: Vec<usize> = Vec::new();
    while let Some((left, cursor)) = stack.last_mut() {
        let Some(&right) = adjacency.get(*left).and_then(|edges| edges.get(*cursor)) else {
            stack.pop();
            path.pop();
            continue;
        };
        *cursor += 1;
        let Some(mark) = seen.get_mut(right) else {
            continue;
        };
        if *mark == start {
            continue;
        }
        *mark = start;
        path.push(right);
        match partner.get(right).copied().flatten() {
            Some(next_left) => stack.push((next_left, 0)),
            None => {
                for ((left, _), right) in stack.iter().zip(&path) {
                    if let Some(slot) = partner.get_mut(*right) {
                        *slot = Some(*left);
                    }
                }
                return true;
            }
        }
    }
    false
}
