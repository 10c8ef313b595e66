//! Which words changed between two versions of a passage, for marking both sides of a
//! review ("crested" → "peaked"). Words are Unicode word-boundary segments; the common
//! words are a longest common subsequence, everything else is changed. Ranges are chars of
//! each text.
//!
//! ```text
//! old: "prices crested in May"   changed: 7..14 ("crested")
//! new: "prices peaked in May"    changed: 7..13 ("peaked")
//! ```

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation as _;

/// Passages longer than this many segments (either side) are marked changed as a whole
/// rather than compared (the comparison costs the product of both lengths).
pub const MAX_SEGMENTS: usize = 2_000;

/// The changed char ranges of `old` and of `new` (whitespace between words never counts as
/// a change of its own; adjacent changed words merge into one range).
pub fn changed_words(old: &str, new: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let a = segments(old);
    let b = segments(new);
    if a.len() > MAX_SEGMENTS || b.len() > MAX_SEGMENTS {
        return (whole(old), whole(new));
    }
    // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
    let width = b.len() + 1;
    let mut lcs = vec![0u32; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            let value = if a.get(i).map(|s| s.text) == b.get(j).map(|s| s.text) {
                lcs.get((i + 1) * width + j + 1).copied().unwrap_or(0) + 1
            } else {
                let down = lcs.get((i + 1) * width + j).copied().unwrap_or(0);
                let right = lcs.get(i * width + j + 1).copied().unwrap_or(0);
                down.max(right)
            };
            if let Some(cell) = lcs.get_mut(i * width + j) {
                *cell = value;
            }
        }
    }
    let at = |i: usize, j: usize| lcs.get(i * width + j).copied().unwrap_or(0);
    let (mut old_changed, mut new_changed) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x.text == y.text => {
                i += 1;
                j += 1;
            }
            (Some(x), Some(_)) if at(i + 1, j) >= at(i, j + 1) => {
                mark(&mut old_changed, x);
                i += 1;
            }
            (_, Some(y)) => {
                mark(&mut new_changed, y);
                j += 1;
            }
            (Some(x), None) => {
                mark(&mut old_changed, x);
                i += 1;
            }
            (None, None) => break,
        }
    }
    (old_changed, new_changed)
}

/// One word-boundary segment and where it is (chars).
struct Segment<'a> {
    text: &'a str,
    chars: Range<usize>,
}

fn segments(text: &str) -> Vec<Segment<'_>> {
    let mut at = 0;
    text.split_word_bounds()
        .map(|piece| {
            let n = piece.chars().count();
            let segment = Segment {
                text: piece,
                chars: at..at + n,
            };
            at += n;
            segment
        })
        .collect()
}

/// Add a changed segment; whitespace alone is not a change, and touching ranges merge.
fn mark(ranges: &mut Vec<Range<usize>>, segment: &Segment<'_>) {
    if segment.text.chars().all(char::is_whitespace) {
        return;
    }
    match ranges.last_mut() {
        Some(last) if last.end == segment.chars.start || last.end + 1 == segment.chars.start => {
            last.end = segment.chars.end;
        }
        _ => ranges.push(segment.chars.clone()),
    }
}

fn whole(text: &str) -> Vec<Range<usize>> {
    let n = text.chars().count();
    let mut ranges = Vec::new();
    if n > 0 {
        ranges.push(0..n);
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, ranges: &[Range<usize>]) -> Vec<String> {
        ranges
            .iter()
            .map(|r| text.chars().skip(r.start).take(r.len()).collect())
            .collect()
    }

    #[test]
    fn marks_the_changed_words_on_both_sides() {
        // (old, new, changed in old, changed in new)
        let table: &[(&str, &str, &[&str], &[&str])] = &[
            (
                "the river crested at 9 metres",
                "the river peaked at 9 metres",
                &["crested"],
                &["peaked"],
            ),
            ("same words", "same words", &[], &[]),
            ("a b c", "a c", &["b"], &[]),
            ("a c", "a b c", &[], &["b"]),
            (
                "costs rose 4 percent",
                "costs rose 14.5 percent last year",
                &["4"],
                &["14.5", "last year"],
            ),
            ("Mayor said", "mayor said", &["Mayor"], &["mayor"]),
            ("", "new text", &[], &["new text"]),
            (
                "Ünïcode “quote”",
                "Ünïcode ‘quote’",
                &["“", "”"],
                &["‘", "’"],
            ),
        ];
        for (old, new, want_old, want_new) in table {
            let (a, b) = changed_words(old, new);
            assert_eq!(&words(old, &a), want_old, "{old:?} -> {new:?}");
            assert_eq!(&words(new, &b), want_new, "{old:?} -> {new:?}");
        }
    }

    #[test]
    fn very_long_passages_are_marked_whole() {
        let old = "word ".repeat(MAX_SEGMENTS);
        let (a, b) = changed_words(&old, "word");
        assert_eq!(a.first(), Some(&(0..old.chars().count())));
        assert_eq!(b.first(), Some(&(0..4)));
        assert_eq!((a.len(), b.len()), (1, 1));
    }
}
