//! Where two reviewers disagree, span by span: what a compare view lists.
//!
//! Spans of A and B pair off in rounds, each span used once: same place and tag (agreement,
//! not listed), then same place with another tag, then the same tag overlapping with other
//! edges; what is left is only in A or only in B.
//!
//! ```text
//! A: claim [0..10)  quote [20..30)  claim [40..50)
//! B: claim [0..10)  claim [20..30)  claim [42..50)  attribution [60..70)
//! → tag differs 20..30, edges differ 40..50 / 42..50, only in B 60..70
//! ```

use crate::model::agreement::{Coding, Span};

/// How two reviewers' spans disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DisagreementKind {
    /// A span of A that B has no counterpart for.
    OnlyInA,
    /// A span of B that A has no counterpart for.
    OnlyInB,
    /// The same span, tagged differently.
    TagDiffers,
    /// The same tag on overlapping spans with different edges.
    EdgesDiffer,
}

impl DisagreementKind {
    /// A short label for lists: "only in A", "tag differs" …
    pub fn label(self) -> &'static str {
        match self {
            Self::OnlyInA => "only in A",
            Self::OnlyInB => "only in B",
            Self::TagDiffers => "tag differs",
            Self::EdgesDiffer => "edges differ",
        }
    }
}

/// One disagreement: the span of A and/or of B involved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    /// What kind.
    pub kind: DisagreementKind,
    /// A's span (None for [`DisagreementKind::OnlyInB`]).
    pub a: Option<Span>,
    /// B's span (None for [`DisagreementKind::OnlyInA`]).
    pub b: Option<Span>,
}

impl Disagreement {
    /// The chars covered by either span.
    pub fn char_range(&self) -> std::ops::Range<usize> {
        let spans = [self.a.as_ref(), self.b.as_ref()];
        let start = spans.iter().flatten().map(|s| s.char_start).min();
        let end = spans.iter().flatten().map(|s| s.char_end).max();
        start.unwrap_or(0)..end.unwrap_or(0)
    }
}

/// The disagreements of B with A, ordered by place.
pub fn disagreements(a: &Coding, b: &Coding) -> Vec<Disagreement> {
    let mut a_left: Vec<&Span> = a.spans.iter().collect();
    let mut b_left: Vec<&Span> = b.spans.iter().collect();
    a_left.sort_by_key(|s| (s.char_start, s.char_end));
    b_left.sort_by_key(|s| (s.char_start, s.char_end));
    let mut found = Vec::new();
    pair_off(&mut a_left, &mut b_left, |x, y| {
        x.same_place(y) && x.tag == y.tag
    });
    for (kind, rule) in [
        (
            DisagreementKind::TagDiffers,
            (|x: &Span, y: &Span| x.same_place(y) && x.tag != y.tag) as fn(&Span, &Span) -> bool,
        ),
        (DisagreementKind::EdgesDiffer, |x: &Span, y: &Span| {
            x.overlaps(y) && x.tag == y.tag
        }),
    ] {
        for (x, y) in pair_off(&mut a_left, &mut b_left, rule) {
            found.push(Disagreement {
                kind,
                a: Some(x.clone()),
                b: Some(y.clone()),
            });
        }
    }
    found.extend(a_left.into_iter().map(|x| Disagreement {
        kind: DisagreementKind::OnlyInA,
        a: Some(x.clone()),
        b: None,
    }));
    found.extend(b_left.into_iter().map(|y| Disagreement {
        kind: DisagreementKind::OnlyInB,
        a: None,
        b: Some(y.clone()),
    }));
    found.sort_by_key(|d| {
        let range = d.char_range();
        (range.start, range.end, d.kind.label())
    });
    found
}

/// Pair each span of `a` with the first unpaired span of `b` that `rule` accepts; paired
/// spans leave both lists. Returns the pairs.
fn pair_off<'s>(
    a: &mut Vec<&'s Span>,
    b: &mut Vec<&'s Span>,
    rule: impl Fn(&Span, &Span) -> bool,
) -> Vec<(&'s Span, &'s Span)> {
    let mut pairs = Vec::new();
    let mut a_kept = Vec::new();
    for x in a.drain(..) {
        match b.iter().position(|y| rule(x, y)) {
            Some(index) => pairs.push((x, b.remove(index))),
            None => a_kept.push(x),
        }
    }
    *a = a_kept;
    pairs
}
