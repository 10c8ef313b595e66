//! Character-level agreement: Cohen's kappa (two reviewers) and Krippendorff's alpha
//! (nominal, two or more), over every non-whitespace character of the document.
//!
//! Each reviewer gives each unit one category: `none`, a tag, or the `+`-joined sorted tags
//! of differently tagged spans covering it (see the module above). The document is cut at
//! every span edge into segments where nobody's category changes; only text inside some
//! reviewer's span is read segment by segment, the rest is counted once as `none` for all.
//!
//! ```text
//! text:  "ab cd"      units a b c d (the space is not one)
//! A:     claim 0..2   → a:claim b:claim c:none  d:none
//! B:     claim 0..5   → a:claim b:claim c:claim d:claim
//! ```

use std::collections::{BTreeMap, HashMap};

use crate::model::agreement::Coding;
use crate::model::text::Document;

/// The category of a unit no span covers.
pub const NONE: &str = "none";

/// How many units received each combination of categories, one category per reviewer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CategoryTable {
    /// Category names; rows refer to them by index.
    pub categories: Vec<String>,
    /// Each distinct combination (one category index per reviewer) and its unit count.
    pub rows: Vec<(Vec<usize>, usize)>,
    /// Number of reviewers.
    pub coders: usize,
}

/// Characters that count as units: all but whitespace.
pub fn is_unit(c: char) -> bool {
    !c.is_whitespace()
}

/// How many units the document has.
pub fn unit_count(doc: &Document) -> usize {
    doc.text().chars().filter(|c| is_unit(*c)).count()
}

impl CategoryTable {
    /// Code every unit of `doc` by each of `codings`.
    pub fn build(doc: &Document, codings: &[Coding]) -> Self {
        let len = doc.char_len();
        // (position, coder, tag, +1 start / -1 end), spans clamped to the text.
        let mut events: Vec<(usize, usize, &str, bool)> = Vec::new();
        for (coder, coding) in codings.iter().enumerate() {
            for span in &coding.spans {
                let (start, end) = (span.char_start.min(len), span.char_end.min(len));
                if start < end {
                    events.push((start, coder, span.tag.as_str(), true));
                    events.push((end, coder, span.tag.as_str(), false));
                }
            }
        }
        events.sort_unstable();
        let mut table = Self {
            categories: vec![NONE.to_owned()],
            rows: Vec::new(),
            coders: codings.len(),
        };
        let mut index_of: HashMap<String, usize> = HashMap::from([(NONE.to_owned(), 0)]);
        let mut counts: HashMap<Vec<usize>, usize> = HashMap::new();
        let mut active: Vec<BTreeMap<&str, usize>> = vec![BTreeMap::new(); codings.len()];
        let mut current: Vec<usize> = vec![0; codings.len()];
        // Only text inside somebody's span is read; the rest is "none" for everyone.
        let mut covered = 0usize;
        let mut segment_start = 0usize;
        let mut pending = events.iter().peekable();
        while let Some(&&(at, ..)) = pending.peek() {
            if at > segment_start && current.iter().any(|c| *c != 0) {
                let units = doc
                    .slice(segment_start..at)
                    .chars()
                    .filter(|c| is_unit(*c))
                    .count();
                if units > 0 {
                    *counts.entry(current.clone()).or_default() += units;
                    covered += units;
                }
            }
            while let Some((_, coder, tag, starts)) = pending.next_if(|e| e.0 == at) {
                if let Some(tags) = active.get_mut(*coder) {
                    let count = tags.entry(tag).or_default();
                    if *starts {
                        *count += 1;
                    } else {
                        *count = count.saturating_sub(1);
                    }
                    if *count == 0 {
                        tags.remove(tag);
                    }
                }
            }
            for (slot, tags) in current.iter_mut().zip(&active) {
                let name = if tags.is_empty() {
                    NONE.to_owned()
                } else {
                    tags.keys().copied().collect::<Vec<_>>().join("+")
                };
                let next_index = index_of.len();
                *slot = *index_of.entry(name.clone()).or_insert_with(|| {
                    table.categories.push(name);
                    next_index
                });
            }
            segment_start = at;
        }
        let uncovered = unit_count(doc).saturating_sub(covered);
        if uncovered > 0 {
            *counts.entry(vec![0; codings.len()]).or_default() += uncovered;
        }
        let mut rows: Vec<(Vec<usize>, usize)> = counts.into_iter().collect();
        rows.sort_unstable();
        table.rows = rows;
        table
    }

    /// The total number of units.
    pub fn units(&self) -> usize {
        self.rows.iter().map(|(_, n)| n).sum()
    }
}

/// Cohen's kappa of reviewers `first` and `second`: (p_o − p_e) / (1 − p_e), where p_o is
/// the share of units both gave the same category and p_e = Σ_k p_first(k)·p_second(k).
/// `None` without units or when p_e is 1 (both used one and the same category only).
pub fn cohen_kappa(table: &CategoryTable, first: usize, second: usize) -> Option<f64> {
    let k = table.categories.len();
    let mut agreed = 0usize;
    let mut first_totals = vec![0usize; k];
    let mut second_totals = vec![0usize; k];
    let mut total = 0usize;
    for (codes, count) in &table.rows {
        let (Some(&x), Some(&y)) = (codes.get(first), codes.get(second)) else {
            return None;
        };
        total += count;
        if x == y {
            agreed += count;
        }
        *first_totals.get_mut(x)? += count;
        *second_totals.get_mut(y)? += count;
    }
    if total == 0 {
        return None;
    }
    // Work in whole numbers until the end: p_o − p_e = (N·agreed − Σ a_k b_k) / N², and
    // 1 − p_e = (N² − Σ a_k b_k) / N²; the N² cancels.
    let n = wide(total);
    let chance: u128 = first_totals
        .iter()
        .zip(&second_totals)
        .map(|(a, b)| wide(*a) * wide(*b))
        .sum();
    let denominator = n * n - chance;
    if denominator == 0 {
        return None;
    }
    #[allow(clippy::cast_precision_loss, reason = "a ratio; rounding is expected")]
    let kappa = ((n * wide(agreed)) as f64 - chance as f64) / denominator as f64;
    Some(kappa)
}

/// Krippendorff's alpha for nominal data with every unit coded by every reviewer:
/// 1 − (n − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k, where o is the coincidence matrix (each unit
/// adds, for every ordered pair of different reviewers, 1/(m − 1) to o[their categories]),
/// n_c its marginals and n = m·units the number of pairable values.
/// `None` with fewer than two reviewers, no units, or one category only.
pub fn krippendorff_alpha(table: &CategoryTable) -> Option<f64> {
    let m = table.coders;
    if m < 2 {
        return None;
    }
    let k = table.categories.len();
    // o_ck·(m − 1) in whole numbers: each unit adds 1 per ordered pair of reviewers.
    let mut disagreeing_pairs: u128 = 0;
    let mut values = vec![0u128; k];
    for (codes, count) in &table.rows {
        let count = wide(*count);
        for (i, x) in codes.iter().enumerate() {
            *values.get_mut(*x)? += count;
            for (j, y) in codes.iter().enumerate() {
                if i != j && x != y {
                    disagreeing_pairs += count;
                }
            }
        }
    }
    let n: u128 = values.iter().sum();
    if n < 2 {
        return None;
    }
    let total_sq = n * n;
    let same_sq: u128 = values.iter().map(|v| v * v).sum();
    let expected = total_sq - same_sq; // Σ_{c≠k} n_c·n_k
    if expected == 0 {
        return None;
    }
    // Σ_{c≠k} o_ck = disagreeing_pairs / (m − 1)
    #[allow(clippy::cast_precision_loss, reason = "a ratio; rounding is expected")]
    let alpha = 1.0
        - ((n - 1) as f64 * disagreeing_pairs as f64) / ((wide(m) - 1) as f64 * expected as f64);
    Some(alpha)
}

fn wide(n: usize) -> u128 {
    u128::try_from(n).unwrap_or(u128::MAX)
}
