//! Repeated claims: the same claim quoted in several documents of a desk.
//!
//! Two quotes are the same claim when their normalized texts ([`claim_key`]: case, quotes,
//! dashes and whitespace folded, outer punctuation dropped) are equal, or near-identical:
//! their word sets overlap by at least [`NEAR_IDENTICAL`] (Jaccard) and they hold the same
//! figures (every word with a digit), so "rose by 40 percent in 2025" and "rose by 40
//! percent during 2025" group, while "taxes rose by 3 percent last year" and "… by 2
//! percent …" stay apart however long the sentence: a different figure is a different claim.
//!
//! ```
//! use factmark::model::repeated::claim_key;
//! assert_eq!(claim_key("  “Taxes ROSE — by 4%.”"), "taxes rose - by 4%");
//! ```

use std::collections::HashMap;

/// Least word-set overlap (Jaccard) for two different wordings to count as one claim.
pub const NEAR_IDENTICAL: f64 = 0.75;

/// The normalized text of a quote: lowercase, curly quotes and guillemets to ASCII, every
/// dash to `-`, whitespace runs to one space, punctuation and quotes at the ends dropped.
pub fn claim_key(quote: &str) -> String {
    let mut folded = String::with_capacity(quote.len());
    for c in quote.chars().flat_map(char::to_lowercase) {
        folded.push(match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
            | '\u{2033}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        });
    }
    let words: Vec<&str> = folded.split_whitespace().collect();
    let joined = words.join(" ");
    joined
        .trim_matches(|c: char| c.is_ascii_punctuation() && c != '%' && c != '$')
        .trim()
        .to_owned()
}

/// Words of a key, deduplicated and sorted, for the overlap test.
fn word_set(key: &str) -> Vec<&str> {
    let mut words: Vec<&str> = key
        .split(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '%' && c != '$'))
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// Jaccard overlap of two sorted, deduplicated word lists.
fn overlap(a: &[&str], b: &[&str]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    if union == 0 {
        return 0.0;
    }
    common as f64 / union as f64
}

/// Group quotes that are the same claim. `quotes` pairs each quote with the document it is
/// in; a group is returned only if it spans two documents or more. Groups hold indices into
/// `quotes`, ascending, and come in the order of their first member.
pub fn repeated_groups(quotes: &[(usize, &str)]) -> Vec<Vec<usize>> {
    let keys: Vec<String> = quotes.iter().map(|(_, q)| claim_key(q)).collect();
    let words: Vec<Vec<&str>> = keys.iter().map(|k| word_set(k)).collect();
    // The figures of each quote: a claim with other numbers is another claim.
    let figures: Vec<Vec<&str>> = words
        .iter()
        .map(|set| {
            set.iter()
                .copied()
                .filter(|w| w.bytes().any(|b| b.is_ascii_digit()))
                .collect()
        })
        .collect();
    let mut parent: Vec<usize> = (0..quotes.len()).collect();
    // Equal keys first.
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        if key.is_empty() {
            continue;
        }
        match by_key.get(key.as_str()) {
            Some(&first) => union(&mut parent, first, i),
            None => {
                by_key.insert(key, i);
            }
        }
    }
    // Near-identical wording: candidates share one of each quote's rarest words (with an
    // overlap of at least NEAR_IDENTICAL, at most a quarter of a set's words can be missing
    // from the other, so one of its `len / 4 + 1` rarest words must be shared).
    let mut frequency: HashMap<&str, usize> = HashMap::new();
    for set in &words {
        for w in set {
            *frequency.entry(w).or_default() += 1;
        }
    }
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    let rarest = |set: &[&'_ str]| -> Vec<usize> {
        let mut order: Vec<usize> = (0..set.len()).collect();
        order.sort_by_key(|&k| set.get(k).and_then(|w| frequency.get(w)).copied());
        order.truncate(set.len() / 4 + 1);
        order
    };
    for (i, set) in words.iter().enumerate() {
        for k in rarest(set) {
            if let Some(w) = set.get(k) {
                postings.entry(w).or_default().push(i);
            }
        }
    }
    for (i, set) in words.iter().enumerate() {
        for k in rarest(set) {
            let Some(list) = set.get(k).and_then(|w| postings.get(w)) else {
                continue;
            };
            for &j in list {
                if j > i
                    && let Some(other) = words.get(j)
                    && figures.get(i) == figures.get(j)
                    && overlap(set, other) >= NEAR_IDENTICAL
                {
                    union(&mut parent, i, j);
                }
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of_root: HashMap<usize, usize> = HashMap::new();
    for i in 0..quotes.len() {
        let root = find(&mut parent, i);
        let slot = *group_of_root.entry(root).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        if let Some(group) = groups.get_mut(slot) {
            group.push(i);
        }
    }
    groups.retain(|group| {
        let mut docs: Vec<usize> = group
            .iter()
            .filter_map(|&i| quotes.get(i).map(|(d, _)| *d))
            .collect();
        docs.sort_unstable();
        docs.dedup();
        docs.len() >= 2
    });
    groups
}

fn find(parent: &mut [usize], i: usize) -> usize {
    let mut root = i;
    while let Some(&p) = parent.get(root) {
        if p == root {
            break;
        }
        root = p;
    }
    let mut node = i;
    while let Some(slot) = parent.get_mut(node) {
        if *slot == root {
            break;
        }
        node = std::mem::replace(slot, root);
    }
    root
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if let Some(slot) = parent.get_mut(ra.max(rb)) {
        *slot = ra.min(rb);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_quotes_dashes_and_space() {
        for (a, b) in [
            (
                "The bridge “cut commutes in half”.",
                "the bridge \"cut commutes in half\"",
            ),
            ("Prices rose \u{2014} again", "prices rose - again"),
            ("Prices rose \u{2013}   again\n", "PRICES ROSE - AGAIN"),
            ("It’s true", "it's true"),
        ] {
            assert_eq!(claim_key(a), claim_key(b), "{a:?} vs {b:?}");
        }
        assert_ne!(claim_key("taxes rose 4%"), claim_key("taxes rose 5%"));
    }

    #[test]
    fn groups_span_documents_and_allow_near_identical_wording() {
        let quotes = [
            (0, "Ferry traffic rose by 40 percent in 2025."),
            (1, "ferry traffic rose by 40 percent in 2025"),
            (2, "Ferry traffic rose by forty percent in the year 2025"),
            (2, "Ferry traffic rose by 40 percent during 2025"),
            (3, "The bridge cut commutes in half"),
            (3, "the bridge cut commutes in half"),
            (4, "Taxes rose 4 percent"),
            (5, "Taxes rose 5 percent"),
        ];
        let groups = repeated_groups(&quotes);
        // 0, 1 equal; 3 near-identical (one word differs of nine); 2 too different.
        // 4 and 5 are one document only; 6 and 7 differ in the number.
        assert_eq!(groups, vec![vec![0, 1, 3]]);
    }

    #[test]
    fn a_different_figure_is_a_different_claim() {
        // Seven words, one differing: 6 of 8 overlap (0.75), but the figures differ.
        let quotes = [
            (0, "Taxes rose by 3 percent last year"),
            (1, "Taxes rose by 2 percent last year"),
            (2, "taxes rose by 3 percent last year."),
            (3, "Taxes rose by 3 percent over last year"),
        ];
        assert_eq!(repeated_groups(&quotes), vec![vec![0, 2, 3]]);
    }

    #[test]
    fn nothing_repeats_in_an_empty_desk() {
        assert!(repeated_groups(&[]).is_empty());
        assert!(repeated_groups(&[(0, ""), (1, "")]).is_empty());
    }
}
