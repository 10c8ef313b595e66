//! Bit-parallel edit distance (Myers 1999, with Hyyrö's blocks for patterns over 64 chars).
//!
//! [`Pattern::distances`] gives, for every end position `j` in a text, the smallest edit
//! distance between the whole pattern and a substring of the text ending just after `j`
//! (search mode: the match may start anywhere), or a prefix `text[..=j]` (anchored mode).
//! Cost: `O(ceil(m / 64) * n)` word operations for a pattern of `m` chars over `n` chars.

use std::collections::HashMap;

const HIGH_BIT: u64 = 1 << 63;

/// A pattern prepared for bit-parallel matching over chars.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    /// Number of chars in the pattern (at least 1).
    len: usize,
    /// Number of 64-row blocks.
    blocks: usize,
    /// For each ASCII char, one bit per row where it occurs: `blocks` words per char.
    ascii: Vec<u64>,
    /// The same for the pattern's other chars.
    other: HashMap<char, Vec<u64>>,
    /// All-zero row for chars the pattern does not contain.
    zero: Vec<u64>,
}

/// Where the match may start in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Anywhere (approximate substring search).
    Search,
    /// At the first char of the text (the text's prefixes are compared with the pattern).
    Anchored,
}

/// Vertical state of one 64-row block and the horizontal delta leaving it.
#[derive(Debug, Clone, Copy)]
struct Step {
    pv: u64,
    mv: u64,
    /// Bits of rows whose horizontal delta is +1 / -1 (before shifting).
    ph: u64,
    mh: u64,
}

/// One column step of one block (Myers / Hyyrö; `hin` is the delta entering from above).
#[inline]
fn step(pv: u64, mv: u64, eq: u64, hin: i8) -> Step {
    let hin_neg = u64::from(hin < 0);
    let hin_pos = u64::from(hin > 0);
    let xv = eq | mv;
    let eq = eq | hin_neg;
    let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
    let ph = mv | !(xh | pv);
    let mh = pv & xh;
    let shifted_ph = (ph << 1) | hin_pos;
    let shifted_mh = (mh << 1) | hin_neg;
    Step {
        pv: shifted_mh | !(xv | shifted_ph),
        mv: shifted_ph & xv,
        ph,
        mh,
    }
}

impl Pattern {
    /// Prepare a pattern; `None` when it is empty.
    pub(crate) fn new(chars: &[char]) -> Option<Self> {
        if chars.is_empty() {
            return None;
        }
        let blocks = chars.len().div_ceil(64);
        let mut ascii = vec![0u64; 128 * blocks];
        let mut other: HashMap<char, Vec<u64>> = HashMap::new();
        for (row, &c) in chars.iter().enumerate() {
            let bit = 1u64 << (row % 64);
            let word = if c.is_ascii() {
                ascii.get_mut(c as usize * blocks + row / 64)
            } else {
                other
                    .entry(c)
                    .or_insert_with(|| vec![0; blocks])
                    .get_mut(row / 64)
            };
            if let Some(word) = word {
                *word |= bit;
            }
        }
        Some(Self {
            len: chars.len(),
            blocks,
            ascii,
            other,
            zero: vec![0; blocks],
        })
    }

    /// The match bits of `c`, one word per block.
    #[inline]
    fn eq_row(&self, c: char) -> &[u64] {
        if c.is_ascii() {
            let start = c as usize * self.blocks;
            self.ascii
                .get(start..start + self.blocks)
                .unwrap_or(&self.zero)
        } else {
            self.other.get(&c).map_or(&self.zero, Vec::as_slice)
        }
    }

    /// Edit distance of the pattern against text ending after each char of `text`:
    /// `result[j]` is for `text[..=j]` (its best substring in search mode).
    pub(crate) fn distances(&self, text: &[char], mode: Mode) -> Vec<usize> {
        let last_bit = 1u64 << ((self.len - 1) % 64);
        let top_hin: i8 = match mode {
            Mode::Search => 0,
            Mode::Anchored => 1,
        };
        let mut score = self.len;
        let mut out = Vec::with_capacity(text.len());
        let mut track = |out: &mut Vec<usize>, last: &Step| {
            if last.ph & last_bit != 0 {
                score += 1;
            } else if last.mh & last_bit != 0 {
                score = score.saturating_sub(1);
            }
            out.push(score);
        };
        if self.blocks == 1 {
            // The common case (quotes up to 64 chars): one word of state, no block loop.
            let (mut pv, mut mv) = (u64::MAX, 0u64);
            for &c in text {
                let eq = self.eq_row(c).first().copied().unwrap_or(0);
                let next = step(pv, mv, eq, top_hin);
                (pv, mv) = (next.pv, next.mv);
                track(&mut out, &next);
            }
            return out;
        }
        let mut pv = vec![u64::MAX; self.blocks];
        let mut mv = vec![0u64; self.blocks];
        for &c in text {
            let mut hin = top_hin;
            let mut last = None;
            for ((pv, mv), &eq) in pv.iter_mut().zip(mv.iter_mut()).zip(self.eq_row(c)) {
                let next = step(*pv, *mv, eq, hin);
                (*pv, *mv) = (next.pv, next.mv);
                hin = if next.ph & HIGH_BIT != 0 {
                    1
                } else if next.mh & HIGH_BIT != 0 {
                    -1
                } else {
                    0
                };
                last = Some(next);
            }
            if let Some(last) = last {
                track(&mut out, &last);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// Reference: Sellers / anchored DP, column by column.
    fn naive(pattern: &[char], text: &[char], mode: Mode) -> Vec<usize> {
        let mut col: Vec<usize> = (0..=pattern.len()).collect();
        let mut out = Vec::new();
        for (j, t) in text.iter().enumerate() {
            let mut next = vec![0; pattern.len() + 1];
            next[0] = match mode {
                Mode::Search => 0,
                Mode::Anchored => j + 1,
            };
            for i in 1..=pattern.len() {
                let sub = col[i - 1] + usize::from(pattern[i - 1] != *t);
                next[i] = sub.min(col[i] + 1).min(next[i - 1] + 1);
            }
            out.push(next[pattern.len()]);
            col = next;
        }
        out
    }

    #[test]
    fn small_table() {
        let p = Pattern::new(&chars("claim")).expect("non-empty");
        let d = p.distances(&chars("a clam here"), Mode::Search);
        assert_eq!(d.iter().min(), Some(&1));
        let d = p.distances(&chars("xx claim"), Mode::Search);
        assert_eq!(d.last(), Some(&0));
        let d = p.distances(&chars("claims"), Mode::Anchored);
        assert_eq!(d, vec![4, 3, 2, 1, 0, 1]);
        assert!(Pattern::new(&[]).is_none());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]
        #[test]
        fn matches_naive_dp(
            pattern in "[abcé😀]{1,150}",
            text in "[abcé😀 ]{0,200}",
            anchored in any::<bool>(),
        ) {
            let (p, t) = (chars(&pattern), chars(&text));
            let mode = if anchored { Mode::Anchored } else { Mode::Search };
            let prepared = Pattern::new(&p).expect("non-empty");
            prop_assert_eq!(prepared.distances(&t, mode), naive(&p, &t, mode));
        }
    }
}
