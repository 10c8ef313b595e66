//! Finding exact quotes: one Aho-Corasick pass for all of them, and context agreement.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use aho_corasick::{AhoCorasick, Input, MatchKind};
use unicode_segmentation::GraphemeCursor;

/// Byte offsets where each quote starts, in text order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Occurrences {
    /// `byte_starts[q]`: byte offsets where quote `q` starts (at most the cap).
    pub(crate) byte_starts: Vec<Vec<usize>>,
    /// `overflow[q]`: quote `q` occurs more often than the cap (or the automaton could not be
    /// built); callers then search a window around the expected place instead.
    pub(crate) overflow: Vec<bool>,
}

/// Quotes at least this many bytes long are found by their first 8 bytes read as one `u64`
/// key (a hash-set probe per char of the text, with an L1-sized bit filter in front); shorter
/// quotes go to a small Aho-Corasick automaton. (One big automaton over 10,000 long quotes
/// scanned at ~10 MB/s in overlapping mode; the key probe is many times faster.)
const KEY_BYTES: usize = 8;

/// First-8-bytes key -> (next-8-bytes key if the quote is that long, quote id).
type KeyTable = HashMap<u64, Vec<(Option<u64>, usize)>, BuildHasherDefault<KeyHasher>>;

/// Bits of the key filter (8 KiB).
const FILTER_BITS: u32 = 16;

/// Find every occurrence (overlapping ones included) of each quote in one pass over `text`,
/// keeping at most `cap` per quote. Quotes must be non-empty and distinct.
pub(crate) fn find_byte_starts_capped(text: &str, quotes: &[&str], cap: usize) -> Occurrences {
    let mut found = Occurrences {
        byte_starts: vec![Vec::new(); quotes.len()],
        overflow: vec![false; quotes.len()],
    };
    // Key of the first 8 bytes -> (key of the next 8 bytes if any, quote id).
    let mut by_key: KeyTable = HashMap::default();
    let mut filter = vec![0u64; 1 << (FILTER_BITS - 6)];
    let mut short: Vec<&str> = Vec::new();
    let mut short_ids: Vec<usize> = Vec::new();
    for (quote_id, quote) in quotes.iter().enumerate() {
        if let Some(key) = key_at(quote.as_bytes(), 0) {
            let second = key_at(quote.as_bytes(), KEY_BYTES);
            by_key.entry(key).or_default().push((second, quote_id));
            set_bit(&mut filter, key);
        } else {
            short.push(quote);
            short_ids.push(quote_id);
        }
    }
    let bytes = text.as_bytes();
    let mut record = |quote_id: usize, at: usize| {
        let (Some(starts), Some(overflow)) = (
            found.byte_starts.get_mut(quote_id),
            found.overflow.get_mut(quote_id),
        ) else {
            return;
        };
        if starts.len() < cap {
            starts.push(at);
        } else {
            *overflow = true;
        }
    };
    if !by_key.is_empty() {
        for at in 0..bytes.len().saturating_sub(KEY_BYTES - 1) {
            let Some(key) = key_at(bytes, at) else {
                break;
            };
            if !has_bit(&filter, key) {
                continue;
            }
            let Some(ids) = by_key.get(&key) else {
                continue;
            };
            let rest = text.get(at..).unwrap_or_default();
            let next = key_at(bytes, at + KEY_BYTES);
            for &(second, quote_id) in ids {
                if second.is_some() && second != next {
                    continue;
                }
                if quotes.get(quote_id).is_some_and(|q| rest.starts_with(q)) {
                    record(quote_id, at);
                }
            }
        }
    }
    if !short.is_empty() {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&short);
        let matches = automaton
            .as_ref()
            .ok()
            .and_then(|a| a.try_find_overlapping_iter(Input::new(text)).ok());
        let Some(matches) = matches else {
            for &quote_id in &short_ids {
                if let Some(overflow) = found.overflow.get_mut(quote_id) {
                    *overflow = true;
                }
            }
            return found;
        };
        for short_match in matches {
            if let Some(&quote_id) = short_ids.get(short_match.pattern().as_usize()) {
                record(quote_id, short_match.start());
            }
        }
    }
    found
}

/// The `KEY_BYTES` bytes at `at` as a key, if there are that many.
fn key_at(bytes: &[u8], at: usize) -> Option<u64> {
    let window = bytes.get(at..at.checked_add(KEY_BYTES)?)?;
    Some(u64::from_le_bytes(
        <[u8; KEY_BYTES]>::try_from(window).ok()?,
    ))
}

fn filter_index(key: u64) -> usize {
    (mix(key) >> (64 - FILTER_BITS)) as usize
}

fn set_bit(filter: &mut [u64], key: u64) {
    let index = filter_index(key);
    if let Some(word) = filter.get_mut(index / 64) {
        *word |= 1 << (index % 64);
    }
}

fn has_bit(filter: &[u64], key: u64) -> bool {
    let index = filter_index(key);
    filter
        .get(index / 64)
        .is_some_and(|word| word & (1 << (index % 64)) != 0)
}

/// A multiplicative mix with good high and low bits.
fn mix(key: u64) -> u64 {
    let x = (key ^ (key >> 31)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 29)
}

/// Hasher for `u64` keys (SipHash is several times slower on this hot path).
#[derive(Debug, Default, Clone, Copy)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = mix(self.0 ^ u64::from(byte));
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = mix(value);
    }

    fn finish(&self) -> u64 {
        self.0
    }
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
        let found = find_byte_starts_capped(text, &["aa", "the", "hat", "dog"], 2);
        assert_eq!(found.byte_starts[0], vec![0, 1]);
        assert!(found.overflow[0], "three occurrences of aa, cap 2");
        assert_eq!(found.byte_starts[1], vec![5, 14]);
        assert!(!found.overflow[1]);
        assert_eq!(found.byte_starts[2], vec![18]);
        assert!(found.byte_starts[3].is_empty());
        assert_eq!(find_in(text, 4..21, "the"), vec![5, 14]);
        assert_eq!(find_in(text, 0..3, "aa"), vec![0, 1]);
        // Quotes longer than the head share a head and are told apart by verification.
        let long = "a quote longer than sixteen bytes, one; a quote longer than sixteen bytes, two";
        let quotes = [
            "a quote longer than sixteen bytes, two",
            "é",
            "a quote l",
            "two",
        ];
        let found = find_byte_starts_capped(long, &quotes, 8);
        assert_eq!(found.byte_starts[0], vec![40]);
        assert!(found.byte_starts[1].is_empty());
        assert_eq!(found.byte_starts[2], vec![0, 40]);
        assert_eq!(found.byte_starts[3], vec![75]);
        let multibyte = "ééé éé ééé";
        let found = find_byte_starts_capped(multibyte, &["ééé", "éééé", "é é"], 8);
        assert_eq!(found.byte_starts[0], vec![0, 12]);
        assert_eq!(found.byte_starts[2], vec![4, 9]);
        assert!(found.byte_starts[1].is_empty());
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
