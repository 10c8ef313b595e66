//! Re-anchoring annotations against a (possibly changed) document.
//!
//! Each annotation keeps a position and a quote with 32 chars of context (DESIGN.md
//! "Anchors"). The position is a hint, the quote the truth: every annotation with a quote is
//! searched, orphans included. Against a document, in order:
//! 1. **Exact**: the quote is at its position, on grapheme-cluster boundaries, and either the
//!    document's fingerprint is the set's or the recorded context still agrees there.
//! 2. **Moved**: the exact quote is found elsewhere, on grapheme boundaries, and that place
//!    is vouched for: its context agrees ([`MIN_CONTEXT_AGREEMENT`] chars of prefix and
//!    suffix, counted from the quote outward) better than any other occurrence, or the quote
//!    is long ([`LONG_QUOTE_CHARS`]) and occurs once, or among equally good occurrences the
//!    one at exactly the place its placed neighbours' displacement predicts (so an insertion
//!    at the top still picks the right one of several identical paragraphs). All quotes are
//!    found in one pass ([`OCCURRENCE_CAP`] per quote; more-frequent quotes are searched in
//!    a window around the expected place).
//! 3. **Fuzzy** (for a person to review): an exact occurrence nothing vouches for (with some
//!    agreeing context, [`MIN_FUZZY_CONTEXT`] chars, or the only one in the text), or a
//!    bounded edit-distance match (module `fuzzy`) of similarity `>=` [`MIN_FUZZY_SCORE`]
//!    whose context agrees.
//! 4. **Orphaned**: anything else; the annotation is kept with its quote and its last good
//!    position as it was (a hint for the next anchoring, which searches it again).
//!
//! A set whose annotations mostly orphan probably belongs to another document: it keeps its
//! fingerprint (see [`AnchorSummary::may_be_other_document`]) until a person accepts the
//! document with [`accept_document`].
//!
//! Cost: an unchanged document is checked in O(total quote length); otherwise one pass over
//! the text for all quotes plus bounded windows for the rest.

mod fuzzy;
mod myers;
mod occurrences;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::ops::Range;

use crate::model::set::{AnchorStatus, Annotation, AnnotationSet, TextPosition};
use crate::model::text::Document;

pub use fuzzy::{FUZZY_WINDOW_CHARS, MIN_FUZZY_SCORE};
use occurrences::{is_grapheme_boundary, prefix_agreement, suffix_agreement};

/// Occurrences kept per distinct quote in the one-pass search; a quote found more often is
/// searched only in a window around its expected place.
pub const OCCURRENCE_CAP: usize = 256;

/// Context chars (prefix plus suffix) that must agree for an exact occurrence to count as
/// moved there (fewer when the quote recorded less context). Sixteen, so that a short
/// phrase repeated through the text ("is not true") does not vouch for a word inside it.
pub const MIN_CONTEXT_AGREEMENT: usize = 16;

/// Context chars that must agree for any placement that is not exact or moved (a fuzzy one);
/// fewer when the quote recorded less context.
pub const MIN_FUZZY_CONTEXT: usize = 4;

/// A quote this long (chars) that occurs exactly once is moved there even when its context
/// changed: a sentence-long quote does not occur by chance.
pub const LONG_QUOTE_CHARS: usize = 32;

/// Fewer annotations than this never make a set look like it belongs to another document.
const MIN_ORPHANS_FOR_OTHER_DOCUMENT: usize = 2;

/// How many annotations ended in each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AnchorSummary {
    /// Quote still at its position.
    pub exact: usize,
    /// Exact quote found elsewhere.
    pub moved: usize,
    /// Approximate match.
    pub fuzzy: usize,
    /// Not placed.
    pub orphaned: usize,
    /// Most annotations orphaned, so the set kept its old fingerprint: it may belong to
    /// another document (see [`AnchorSummary::may_be_other_document`]).
    pub kept_fingerprint: bool,
}

impl AnchorSummary {
    /// Count one status.
    pub fn add(&mut self, status: AnchorStatus) {
        match status {
            AnchorStatus::Exact => self.exact += 1,
            AnchorStatus::Moved => self.moved += 1,
            AnchorStatus::Fuzzy { .. } => self.fuzzy += 1,
            AnchorStatus::Orphaned => self.orphaned += 1,
        }
    }

    /// Total number of annotations counted.
    pub fn total(&self) -> usize {
        self.exact + self.moved + self.fuzzy + self.orphaned
    }

    /// Do most annotations (more than half, and at least two) fail to find their quote? Then
    /// the set was probably made for another document.
    pub fn may_be_other_document(&self) -> bool {
        self.orphaned >= MIN_ORPHANS_FOR_OTHER_DOCUMENT && self.orphaned * 2 > self.total()
    }

    /// One line for the reviewer when [`Self::kept_fingerprint`]: what happened and what to do.
    pub fn other_document_warning(&self) -> String {
        format!(
            "{} of {} annotations could not be found in this document: the set may belong to \
             another document. It keeps its document fingerprint until you accept this \
             document; orphans keep their quotes and positions.",
            self.orphaned,
            self.total()
        )
    }
}

impl std::fmt::Display for AnchorSummary {
    /// `3 exact, 1 moved, 0 fuzzy, 2 orphaned`; the alternate form (`{:#}`) leaves out the
    /// zero counts after exact: `3 exact, 2 orphaned`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} exact", self.exact)?;
        for (count, name) in [
            (self.moved, "moved"),
            (self.fuzzy, "fuzzy"),
            (self.orphaned, "orphaned"),
        ] {
            if count > 0 || !f.alternate() {
                write!(f, ", {count} {name}")?;
            }
        }
        Ok(())
    }
}

/// Where one annotation lands in a document, and how confidently.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// New position (the proposed place for fuzzy; the old position, as it was, for orphaned).
    pub position: TextPosition,
    /// Exact, moved, fuzzy with score, or orphaned.
    pub status: AnchorStatus,
}

/// Anchor every annotation of `set` against `doc`, updating positions and statuses.
///
/// Exact and moved annotations get their prefix and suffix refreshed from `doc`; fuzzy and
/// orphaned ones keep their old quote for the reviewer, and orphans their old position. No
/// annotation is ever removed. Afterwards the set records `doc`'s fingerprint, unless most
/// annotations orphaned ([`AnchorSummary::may_be_other_document`]): then it keeps its own
/// and the summary says so in [`AnchorSummary::kept_fingerprint`].
pub fn anchor_set(set: &mut AnnotationSet, doc: &Document) -> AnchorSummary {
    let same_source = set.source.fingerprint() == *doc.fingerprint();
    let placements = place_all(&set.annotations, doc, same_source);
    let mut summary = AnchorSummary::default();
    for (annotation, placement) in set.annotations.iter_mut().zip(placements) {
        apply_placement(annotation, placement, doc);
        summary.add(placement.status);
    }
    if same_source || !summary.may_be_other_document() {
        set.set_source_fingerprint(doc);
    } else {
        summary.kept_fingerprint = true;
    }
    summary
}

/// A person accepts that `set` belongs to `doc` (after [`AnchorSummary::kept_fingerprint`]):
/// the set records the document's fingerprint.
pub fn accept_document(set: &mut AnnotationSet, doc: &Document) {
    set.set_source_fingerprint(doc);
}

/// Where one annotation would land in `doc`, without changing it. `same_source` says the
/// document's fingerprint equals the one the annotation was made against.
pub fn anchor_one(annotation: &Annotation, doc: &Document, same_source: bool) -> Placement {
    place_all(std::slice::from_ref(annotation), doc, same_source)
        .into_iter()
        .next()
        .unwrap_or(Placement {
            position: annotation.position,
            status: AnchorStatus::Orphaned,
        })
}

/// Write a placement into an annotation: position and status, and for exact or moved
/// placements a quote refreshed from `doc`.
pub fn apply_placement(annotation: &mut Annotation, placement: Placement, doc: &Document) {
    annotation.position = placement.position;
    annotation.status = placement.status;
    if matches!(placement.status, AnchorStatus::Exact | AnchorStatus::Moved) {
        let fresh = doc.quote(placement.position.range());
        if fresh != annotation.quote {
            annotation.quote = fresh;
        }
    }
}

/// An exact occurrence of a quote under consideration, scored (all counts in chars).
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    /// Where it starts, in chars.
    char_start: usize,
    /// How many chars of the stored prefix and suffix agree with the text around it.
    context_chars: usize,
    /// Does it start and end on grapheme-cluster boundaries?
    on_boundaries: bool,
}

/// Score each occurrence of `annotation`'s quote, given by its byte start.
fn occurrences_at(
    annotation: &Annotation,
    doc: &Document,
    byte_starts: &[usize],
) -> Vec<Occurrence> {
    let text = doc.text();
    let quote = &annotation.quote;
    byte_starts
        .iter()
        .map(|&byte_start| {
            let byte_end = byte_start + quote.exact.len();
            Occurrence {
                char_start: doc.byte_to_char(byte_start),
                context_chars: prefix_agreement(text, byte_start, &quote.prefix)
                    + suffix_agreement(text, byte_end, &quote.suffix),
                on_boundaries: is_grapheme_boundary(text, byte_start)
                    && is_grapheme_boundary(text, byte_end),
            }
        })
        .collect()
}

/// Chars of context that must agree for an occurrence to count as moved there.
fn moved_context(annotation: &Annotation) -> usize {
    fuzzy::required_context(&annotation.quote, MIN_CONTEXT_AGREEMENT)
}

/// Does this occurrence vouch for itself: its context agrees, or the quote is long and this
/// is its only occurrence? (Grapheme boundaries are checked by the caller.)
fn vouched(annotation: &Annotation, best: &Occurrence, unique: bool) -> bool {
    best.context_chars >= moved_context(annotation)
        || (unique && annotation.quote.exact.chars().count() >= LONG_QUOTE_CHARS)
}

/// Place every annotation; the result is parallel to `annotations`.
fn place_all(annotations: &[Annotation], doc: &Document, same_source: bool) -> Vec<Placement> {
    let mut placements: Vec<Option<Placement>> = vec![None; annotations.len()];
    let mut shifts: Vec<(usize, isize)> = Vec::new();
    let mut pending: Vec<usize> = Vec::new();
    for (index, annotation) in annotations.iter().enumerate() {
        let position = annotation.position;
        if annotation.quote.exact.is_empty() {
            put(&mut placements, index, orphan(annotation));
        } else if in_place(annotation, doc, same_source) {
            let exact = Placement {
                position,
                status: AnchorStatus::Exact,
            };
            put(&mut placements, index, exact);
            shifts.push((position.char_start, 0));
        } else {
            // Orphans too: their position is only a hint, their quote is searched again.
            pending.push(index);
        }
    }
    if pending.is_empty() {
        return finish(placements, annotations);
    }

    // One pass over the text for every distinct pending quote.
    let mut quote_ids: HashMap<&str, usize> = HashMap::new();
    let mut quotes: Vec<&str> = Vec::new();
    for annotation in pending.iter().filter_map(|&index| annotations.get(index)) {
        let exact = annotation.quote.exact.as_str();
        quote_ids.entry(exact).or_insert_with(|| {
            quotes.push(exact);
            quotes.len() - 1
        });
    }
    let found = occurrences::find_byte_starts_capped(doc.text(), &quotes, OCCURRENCE_CAP);

    // Pass A: a single best occurrence on grapheme boundaries that vouches for itself.
    let mut deferred: Vec<usize> = Vec::new();
    for index in pending {
        let Some(annotation) = annotations.get(index) else {
            continue;
        };
        let quote_id = quote_ids.get(annotation.quote.exact.as_str()).copied();
        let starts = quote_id.and_then(|q| found.byte_starts.get(q));
        let overflow = quote_id.and_then(|q| found.overflow.get(q)).copied();
        let (Some(starts), Some(false)) = (starts, overflow) else {
            deferred.push(index);
            continue;
        };
        let scored = occurrences_at(annotation, doc, starts);
        let unique = scored.len() == 1;
        let Some(best) = scored
            .iter()
            .filter(|o| o.on_boundaries)
            .max_by_key(|o| o.context_chars)
        else {
            deferred.push(index);
            continue;
        };
        let ties = scored
            .iter()
            .filter(|o| o.on_boundaries && o.context_chars == best.context_chars)
            .count();
        let old = annotation.position.char_start;
        if ties == 1 && vouched(annotation, best, unique) {
            put(
                &mut placements,
                index,
                exact_or_moved_at(annotation, best.char_start),
            );
            shifts.push((old, signed(best.char_start) - signed(old)));
        } else {
            deferred.push(index);
        }
    }
    shifts.sort_unstable();

    // Pass B: among equally good occurrences, the one exactly where the neighbours' shift
    // predicts is moved there; an occurrence with some agreeing context is fuzzy (for review);
    // then an approximate search; else orphaned.
    for index in deferred {
        let Some(annotation) = annotations.get(index) else {
            continue;
        };
        let old = annotation.position.char_start;
        let expected = expected_start(&shifts, old).min(doc.char_len());
        let quote_id = quote_ids.get(annotation.quote.exact.as_str()).copied();
        let overflow = quote_id.and_then(|q| found.overflow.get(q)).copied();
        let starts = match (quote_id.and_then(|q| found.byte_starts.get(q)), overflow) {
            (Some(starts), Some(false)) => starts.clone(),
            _ => window_starts(annotation, doc, expected),
        };
        let scored = occurrences_at(annotation, doc, &starts);
        let best = scored.iter().filter(|o| o.on_boundaries).max_by_key(|o| {
            (
                o.context_chars,
                std::cmp::Reverse(o.char_start.abs_diff(expected)),
            )
        });
        let ties = |best: &Occurrence| {
            scored
                .iter()
                .filter(|o| o.on_boundaries && o.context_chars == best.context_chars)
                .count()
        };
        let fuzzy_context = fuzzy::required_context(&annotation.quote, MIN_FUZZY_CONTEXT);
        let placement = match best {
            Some(best)
                if best.context_chars >= moved_context(annotation)
                    && (best.char_start == expected || ties(best) == 1) =>
            {
                exact_or_moved_at(annotation, best.char_start)
            }
            Some(best) if best.context_chars >= fuzzy_context || scored.len() == 1 => {
                let char_end = best.char_start + annotation.quote.exact.chars().count();
                Placement {
                    position: (best.char_start..char_end).into(),
                    status: AnchorStatus::Fuzzy { score: 1.0 },
                }
            }
            _ => match fuzzy::place(doc, &annotation.quote, expected, old) {
                Some(found) => Placement {
                    position: found.chars.into(),
                    status: AnchorStatus::Fuzzy { score: found.score },
                },
                None => orphan(annotation),
            },
        };
        put(&mut placements, index, placement);
    }
    finish(placements, annotations)
}

fn put(placements: &mut [Option<Placement>], index: usize, placement: Placement) {
    if let Some(slot) = placements.get_mut(index) {
        *slot = Some(placement);
    }
}

/// Unwrap the placements (any left unset become orphaned).
fn finish(placements: Vec<Option<Placement>>, annotations: &[Annotation]) -> Vec<Placement> {
    placements
        .into_iter()
        .zip(annotations)
        .map(|(placement, annotation)| placement.unwrap_or_else(|| orphan(annotation)))
        .collect()
}

/// Is the quote at its recorded position, on grapheme boundaries, with the fingerprint or
/// the whole context agreeing?
fn in_place(annotation: &Annotation, doc: &Document, same_source: bool) -> bool {
    let position = annotation.position;
    if position.char_start >= position.char_end || position.char_end > doc.char_len() {
        return false;
    }
    let bytes = doc.byte_range(position.range());
    if doc.text().get(bytes.clone()) != Some(annotation.quote.exact.as_str()) {
        return false;
    }
    if !is_grapheme_boundary(doc.text(), bytes.start)
        || !is_grapheme_boundary(doc.text(), bytes.end)
    {
        return false;
    }
    if same_source {
        return true;
    }
    let quote = &annotation.quote;
    prefix_agreement(doc.text(), bytes.start, &quote.prefix) == quote.prefix.chars().count()
        && suffix_agreement(doc.text(), bytes.end, &quote.suffix) == quote.suffix.chars().count()
}

/// The placement of the quote found exactly at `char_start`: [`AnchorStatus::Exact`] if that
/// is where it was, else [`AnchorStatus::Moved`].
fn exact_or_moved_at(annotation: &Annotation, char_start: usize) -> Placement {
    let char_end = char_start + annotation.quote.exact.chars().count();
    let status = if char_start == annotation.position.char_start {
        AnchorStatus::Exact
    } else {
        AnchorStatus::Moved
    };
    Placement {
        position: TextPosition {
            char_start,
            char_end,
        },
        status,
    }
}

/// Not placed: the position stays as it was (a hint for the next anchoring).
fn orphan(annotation: &Annotation) -> Placement {
    Placement {
        position: annotation.position,
        status: AnchorStatus::Orphaned,
    }
}

fn signed(chars: usize) -> isize {
    isize::try_from(chars).unwrap_or(isize::MAX)
}

/// The old start shifted by the median displacement of up to two placed neighbours on each
/// side (`shifts` holds `(old start, displacement)`, sorted).
fn expected_start(shifts: &[(usize, isize)], old: usize) -> usize {
    let at = shifts.partition_point(|&(start, _)| start < old);
    let near = shifts
        .get(at.saturating_sub(2)..(at + 2).min(shifts.len()))
        .unwrap_or_default();
    let mut moves: Vec<isize> = near.iter().map(|&(_, shift)| shift).collect();
    moves.sort_unstable();
    let shift = moves.get(moves.len() / 2).copied().unwrap_or(0);
    old.saturating_add_signed(shift)
}

/// Byte starts of the quote in a window around `expected` (for very frequent quotes).
fn window_starts(annotation: &Annotation, doc: &Document, expected: usize) -> Vec<usize> {
    let quote_chars = annotation.quote.exact.chars().count();
    let chars: Range<usize> = expected.saturating_sub(FUZZY_WINDOW_CHARS)
        ..expected
            .saturating_add(quote_chars + FUZZY_WINDOW_CHARS)
            .min(doc.char_len());
    occurrences::find_in(doc.text(), doc.byte_range(chars), &annotation.quote.exact)
}
