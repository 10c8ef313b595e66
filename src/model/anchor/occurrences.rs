//! Finding exact quotes: one Aho-Corasick pass for all of them, and context agreement.

use std::ops::Range;

use aho_corasick::{AhoCorasick, Input, MatchKind};
use unicode_segmentation::GraphemeCursor;

/// Byte offsets where each quote starts, in text order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Occurrences {
    /// `starts[q]`: byte starts of quote `q` (at most the cap).
    pub(crate) starts: Vec<Vec<usize>>,
    /// `overflow[q]`: quote `q` occurs more often than the cap (or the automaton could not be
    /// built); callers then search a window around the expected place instead.
    pub(crate) overflow: Vec<bool>,
}

/// Find every occurrence (overlapping ones included) of each quote in one pass over `text`,
/// keeping at most `cap` per quote. Quotes must be non-empty and distinct.
pub(crate) fn find_all(text: &str, quotes: &[&str], cap: usize) -> Occurrences {
    let mut found = Occurrences {
        starts: vec![Vec::new(); quotes.len()],
        overflow: vec![false; quotes.len()],
    };
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(quotes);
    let Ok(automaton) = automaton else {
        found.overflow.fill(true);
        return found;
    };
    let Ok(matches) = automaton.try_find_overlapping_iter(Input::new(text)) else {
        found.overflow.fill(true);
        return found;
    };
    for found_match in matches {
        let quote = found_match.pattern().as_usize();
        let (Some(starts), Some(overflow)) =
            (found.starts.get_mut(quote), found.overflow.get_mut(quote))
        else {
            continue;
        };
        if starts.len() < cap {
            starts.push(found_match.start());
        } else {
            *overflow = true;
        }
    }
    found
}

/// Byte starts of `needle` (overlapping) inside `text[bytes]`, as offsets into `text`.
pub(crate) fn find_in(text: &str, bytes: Range<usize>, needle: &str) -> Vec<usize> {
    let mut found = Vec::new();
    if needle.is_empty() {
        return found;
    }
    let Some(window) = text.get(bytes.clone()) else {
        return found;
    };
    let mut from = 0;
    while let Some(rel) = window.get(from..).and_then(|rest| rest.find(needle)) {
        let at = from + rel;
        found.push(bytes.start + at);
        let step = window
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .map_or(1, char::len_utf8);
        from = at + step;
    }
    found
}

/// How many chars of `prefix` agree with the text before `byte_start`, counted from the quote
/// outward (so the char nearest the quote counts first).
pub(crate) fn prefix_agreement(text: &str, byte_start: usize, prefix: &str) -> usize {
    let before = text.get(..byte_start).unwrap_or_default();
    before
        .chars()
        .rev()
        .zip(prefix.chars().rev())
        .take_while(|(a, b)| a == b)
        .count()
}

/// How many chars of `suffix` agree with the text from `byte_end` on, counted outward.
pub(crate) fn suffix_agreement(text: &str, byte_end: usize, suffix: &str) -> usize {
    let after = text.get(byte_end..).unwrap_or_default();
    after
        .chars()
        .zip(suffix.chars())
        .take_while(|(a, b)| a == b)
        .count()
}

/// Is `byte` a grapheme-cluster boundary of `text`?
pub(crate) fn is_grapheme_boundary(text: &str, byte: usize) -> bool {
    if !text.is_char_boundary(byte) {
        return false;
    }
    let mut cursor = GraphemeCursor::new(byte, text.len(), true);
    cursor.is_boundary(text, 0).unwrap_or(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pass_finds_overlapping_and_caps() {
        let text = "aaaa the cat, the hat";
        let found = find_all(text, &["aa", "the", "hat", "dog"], 2);
        assert_eq!(found.starts[0], vec![0, 1]);
        assert!(found.overflow[0], "three occurrences of aa, cap 2");
        assert_eq!(found.starts[1], vec![5, 14]);
        assert!(!found.overflow[1]);
        assert_eq!(found.starts[2], vec![18]);
        assert!(found.starts[3].is_empty());
        assert_eq!(find_in(text, 4..21, "the"), vec![5, 14]);
        assert_eq!(find_in(text, 0..3, "aa"), vec![0, 1]);
    }

    #[test]
    fn agreement_counts_outward() {
        let text = "xx said: claim. Then";
        assert_eq!(prefix_agreement(text, 9, "yy said: "), 7);
        assert_eq!(prefix_agreement(text, 9, ""), 0);
        assert_eq!(suffix_agreement(text, 14, ". Thus"), 4);
        assert_eq!(suffix_agreement(text, 20, "more"), 0);
        let family = "👩\u{200d}👧 e\u{301}";
        assert!(is_grapheme_boundary(family, 0));
        assert!(!is_grapheme_boundary(family, 4));
        assert!(is_grapheme_boundary(family, 12));
        assert!(!is_grapheme_boundary(family, 13));
        assert!(is_grapheme_boundary(family, family.len()));
    }
}
