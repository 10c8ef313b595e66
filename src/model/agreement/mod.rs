//! Agreement between reviewers' sets of one document (what corpus tools such as INCEpTION
//! and brat report): per tag, span-level precision, recall and F1 of a candidate set B
//! against a reference set A, with exact and with overlap matching; Cohen's kappa over
//! character-level tags for two sets; Krippendorff's alpha (nominal) for two or more.
//!
//! Decisions (one place for each):
//! - **Which annotations count**: their anchored positions in the current document. Exact,
//!   moved and fuzzy annotations count at the place anchoring gave them; orphaned ones are
//!   left out and counted ([`Coding::orphaned`]).
//! - **Span matching is one-to-one** ([`spans`]): each span of A pairs with at most one span
//!   of B and the other way round, and the count of pairs is the largest possible. Exact
//!   matching pairs spans with the same start and end; overlap matching pairs spans sharing at
//!   least one character. One-to-one keeps one long span that covers three short ones from
//!   counting as three hits (it is one hit and two misses), and makes the figures
//!   symmetric: precision of B against A is recall of A against B.
//! - **Character units** ([`chars`]): every character of the document that is not
//!   whitespace is one unit, coded by each reviewer with a category: `none` when no span of
//!   theirs covers it, the tag when spans of one tag cover it, and when spans of different
//!   tags cover it, the combination of those tags (sorted, joined with `+`: `claim+quote`) as
//!   a category of its own. Whitespace is left out because where a span starts or ends
//!   around a space or line break is not a reviewer's decision.
//! - **Degenerate cases give `None`**, never NaN: precision without candidate spans, recall
//!   without reference spans, kappa or alpha with no units or with only one category used by
//!   everyone (chance agreement is then total and the ratio is 0/0).

pub mod adopt;
pub mod chars;
pub mod disagreement;
pub mod spans;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use crate::model::set::{AnchorStatus, AnnotationId, AnnotationSet};
use crate::model::text::Document;

pub use adopt::{AdoptError, adopt_edit, take_reading_edit};
pub use chars::{cohen_kappa, krippendorff_alpha};
pub use disagreement::{Disagreement, DisagreementKind, disagreements};
pub use spans::{MatchCounts, TagAgreement, match_tag};

/// One annotation's placed span, as agreement sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The annotation it comes from.
    pub id: AnnotationId,
    /// Its tag.
    pub tag: String,
    /// First char.
    pub char_start: usize,
    /// One past the last char.
    pub char_end: usize,
}

impl Span {
    /// Do the two spans share at least one character?
    pub fn overlaps(&self, other: &Self) -> bool {
        self.char_start < other.char_end && other.char_start < self.char_end
    }

    /// Same start and same end?
    pub fn same_place(&self, other: &Self) -> bool {
        self.char_start == other.char_start && self.char_end == other.char_end
    }
}

/// One reviewer's coding of the document: the spans that anchored, and how many did not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coding {
    /// Placed spans (exact, moved or fuzzy), non-empty, in the set's order.
    pub spans: Vec<Span>,
    /// Annotations left out because they are orphaned.
    pub orphaned: usize,
}

impl Coding {
    /// The coding of a set anchored against the current document.
    pub fn of(set: &AnnotationSet) -> Self {
        let mut coding = Self::default();
        for annotation in &set.annotations {
            if annotation.status == AnchorStatus::Orphaned {
                coding.orphaned += 1;
            } else if annotation.position.char_start < annotation.position.char_end {
                coding.spans.push(Span {
                    id: annotation.id,
                    tag: annotation.tag.clone(),
                    char_start: annotation.position.char_start,
                    char_end: annotation.position.char_end,
                });
            }
        }
        coding
    }

    /// A coding from `(tag, char range)` pairs (tests and tools), with fresh ids.
    pub fn from_spans<'a>(
        spans: impl IntoIterator<Item = (&'a str, std::ops::Range<usize>)>,
    ) -> Self {
        Self {
            spans: spans
                .into_iter()
                .filter(|(_, range)| range.start < range.end)
                .map(|(tag, range)| Span {
                    id: AnnotationId::random(),
                    tag: tag.to_owned(),
                    char_start: range.start,
                    char_end: range.end,
                })
                .collect(),
            orphaned: 0,
        }
    }
}

/// Everything `factmark agree` reports for two or more sets.
#[derive(Debug, Clone, PartialEq)]
pub struct Agreement {
    /// Per tag (of either A or B), B against A.
    pub tags: BTreeMap<String, TagAgreement>,
    /// Cohen's kappa of A and B over character units.
    pub kappa: Option<f64>,
    /// Krippendorff's alpha (nominal) of all sets over character units.
    pub alpha: Option<f64>,
    /// Cohen's kappa of every pair of sets `(i, j, kappa)` with `i < j`, when there are
    /// three or more (with two it is just `kappa`).
    pub pairwise_kappa: Vec<(usize, usize, Option<f64>)>,
    /// Character units counted (non-whitespace chars of the document).
    pub units: usize,
    /// Orphaned annotations left out, per set, in the order given.
    pub orphaned: Vec<usize>,
}

/// Agreement of `codings` (at least two; the first is A, the second B) over `doc`.
/// With fewer than two codings every figure is `None` and `tags` is empty.
pub fn agreement(doc: &Document, codings: &[Coding]) -> Agreement {
    let orphaned = codings.iter().map(|c| c.orphaned).collect();
    let units = chars::unit_count(doc);
    let [a, b, ..] = codings else {
        return Agreement {
            tags: BTreeMap::new(),
            kappa: None,
            alpha: None,
            pairwise_kappa: Vec::new(),
            units,
            orphaned,
        };
    };
    let tags = tag_names(&[a, b])
        .into_iter()
        .map(|tag| {
            let figures = match_tag(&a.spans, &b.spans, &tag);
            (tag, figures)
        })
        .collect();
    let table = chars::CategoryTable::build(doc, codings);
    let pairwise_kappa = if codings.len() > 2 {
        (0..codings.len())
            .flat_map(|i| ((i + 1)..codings.len()).map(move |j| (i, j)))
            .map(|(i, j)| (i, j, cohen_kappa(&table, i, j)))
            .collect()
    } else {
        Vec::new()
    };
    Agreement {
        tags,
        kappa: cohen_kappa(&table, 0, 1),
        alpha: krippendorff_alpha(&table),
        pairwise_kappa,
        units,
        orphaned,
    }
}

/// Every tag used by a span of any of the codings, sorted.
pub fn tag_names(codings: &[&Coding]) -> Vec<String> {
    let mut names: Vec<String> = codings
        .iter()
        .flat_map(|c| c.spans.iter().map(|s| s.tag.clone()))
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Is a set made for this document? Yes when the text it was made against has the
/// document's fingerprint, or it names a document of the same file name (the document was
/// edited since), or at least one of its annotations anchors in the document. `source` is
/// the set's record of its document as read (before anchoring), `summary` how its
/// annotations anchored.
pub fn made_for_document(
    source: &crate::model::set::SourceRef,
    doc: &Document,
    doc_file_name: &str,
    summary: &crate::model::AnchorSummary,
) -> bool {
    let recorded_name = source.path.rsplit('/').next().unwrap_or(&source.path);
    source.fingerprint() == *doc.fingerprint()
        || recorded_name == doc_file_name
        || summary.total() > summary.orphaned
}
