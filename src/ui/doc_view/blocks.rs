//! Splitting the canonical text into blocks (paragraphs, long ones cut), and their heights.
//!
//! A block is a paragraph of the canonical text (split at `'\n'`, the newline itself belongs
//! to no block). Paragraphs longer than [`MAX_BLOCK_CHARS`] are cut after a space near the
//! limit so no galley grows huge. Example: `"ab\n\ncd"` gives blocks `(0, 2)`, `(3, 3)`,
//! `(4, 6)`.

use std::ops::Range;

use crate::model::Document;

/// Longest block, in chars, before a paragraph is cut into several blocks.
pub const MAX_BLOCK_CHARS: usize = 4096;

/// One block: a char range and its byte range over the canonical text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Chars of the block (the newline after it excluded).
    pub char_range: Range<usize>,
    /// Bytes of the same text.
    pub byte_range: Range<usize>,
}

impl Block {
    /// Length in chars.
    pub fn char_len(&self) -> usize {
        self.char_range.end - self.char_range.start
    }
}

/// Split a document into blocks, in order; an empty document gives one empty block.
pub fn split_blocks(doc: &Document) -> Vec<Block> {
    split_text(doc.text())
}

/// Split text into blocks (see the module doc); offsets are over `text`.
pub fn split_text(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut char_pos = 0;
    let mut byte_pos = 0;
    for line in text.split('\n') {
        let mut rest = line;
        loop {
            let (piece, chars) = cut_piece(rest);
            blocks.push(Block {
                char_range: char_pos..char_pos + chars,
                byte_range: byte_pos..byte_pos + piece.len(),
            });
            char_pos += chars;
            byte_pos += piece.len();
            rest = rest.get(piece.len()..).unwrap_or_default();
            if rest.is_empty() {
                break;
            }
        }
        // the '\n'
        char_pos += 1;
        byte_pos += 1;
    }
    blocks
}

/// The first piece of a line: all of it if short, else up to a space near the limit.
fn cut_piece(line: &str) -> (&str, usize) {
    let mut chars = 0;
    let mut last_space: Option<(usize, usize)> = None;
    for (byte, c) in line.char_indices() {
        if chars == MAX_BLOCK_CHARS {
            let (cut_byte, cut_chars) = match last_space {
                Some(space) if space.1 > MAX_BLOCK_CHARS / 2 => space,
                _ => (byte, chars),
            };
            return (line.get(..cut_byte).unwrap_or(line), cut_chars);
        }
        chars += 1;
        if c == ' ' {
            last_space = Some((byte + 1, chars));
        }
    }
    (line, chars)
}

/// Index of the block holding a char offset (a newline counts with the block before it).
pub fn block_at_char(blocks: &[Block], char_offset: usize) -> usize {
    blocks
        .partition_point(|b| b.char_range.start <= char_offset)
        .saturating_sub(1)
}

/// Block heights (estimated until measured) with prefix sums for fast y lookups.
#[derive(Debug, Clone, Default)]
pub struct Heights {
    heights: Vec<f32>,
    /// `tops[i]` = sum of heights and gaps of blocks before `i`; one extra entry for the total.
    tops: Vec<f64>,
    /// Space after each block: `gap` between two non-empty blocks, none next to an empty one
    /// (a blank line already separates paragraphs).
    gaps: Vec<f32>,
    dirty: bool,
}

impl Heights {
    /// Estimated heights for every block: `estimate(block)` each, `gap` between two
    /// non-empty blocks.
    pub fn estimate(blocks: &[Block], gap: f32, estimate: impl Fn(&Block) -> f32) -> Self {
        let gaps = blocks
            .iter()
            .zip(blocks.iter().skip(1).map(Some).chain([None]))
            .map(|(block, next)| {
                let both_full = block.char_len() > 0 && next.is_some_and(|n| n.char_len() > 0);
                if both_full { gap } else { 0.0 }
            })
            .collect();
        let mut heights = Self {
            heights: blocks.iter().map(estimate).collect(),
            tops: Vec::new(),
            gaps,
            dirty: true,
        };
        heights.refresh();
        heights
    }

    /// Record a measured height; returns the change from the previous value.
    pub fn measure(&mut self, block: usize, height: f32) -> f32 {
        let Some(slot) = self.heights.get_mut(block) else {
            return 0.0;
        };
        let delta = height - *slot;
        if delta.abs() > 0.01 {
            *slot = height;
            self.dirty = true;
            delta
        } else {
            0.0
        }
    }

    /// Recompute prefix sums if heights changed.
    pub fn refresh(&mut self) {
        if !self.dirty && self.tops.len() == self.heights.len() + 1 {
            return;
        }
        self.tops.clear();
        self.tops.reserve(self.heights.len() + 1);
        let mut y = 0.0f64;
        for (h, gap) in self.heights.iter().zip(&self.gaps) {
            self.tops.push(y);
            y += f64::from(*h) + f64::from(*gap);
        }
        self.tops.push(y);
        self.dirty = false;
    }

    /// Top y of a block (call [`Self::refresh`] after measuring).
    pub fn top(&self, block: usize) -> f32 {
        self.tops
            .get(block)
            .or_else(|| self.tops.last())
            .copied()
            .unwrap_or(0.0) as f32
    }

    /// Space after a block.
    pub fn gap_after(&self, block: usize) -> f32 {
        self.gaps.get(block).copied().unwrap_or(0.0)
    }

    /// Height of a block.
    pub fn height(&self, block: usize) -> f32 {
        self.heights.get(block).copied().unwrap_or(0.0)
    }

    /// Total height of all blocks and gaps.
    pub fn total(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0) as f32
    }

    /// Index of the block at height `y` (the last block whose top is at or above `y`).
    pub fn block_at_y(&self, y: f32) -> usize {
        let y = f64::from(y);
        let count = self.heights.len();
        let tops = self.tops.get(..count).unwrap_or_default();
        tops.partition_point(|&t| t <= y).saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_newlines_with_char_and_byte_offsets() {
        let blocks = split_text("ab\n\nçd€\n");
        let got: Vec<_> = blocks
            .iter()
            .map(|b| (b.char_range.clone(), b.byte_range.clone()))
            .collect();
        assert_eq!(
            got,
            vec![(0..2, 0..2), (3..3, 3..3), (4..7, 4..10), (8..8, 11..11)]
        );
        assert_eq!(split_text("").len(), 1);
    }

    #[test]
    fn block_ranges_slice_the_document() {
        let doc = Document::new("héllo wörld\n\n👩‍👩‍👧 family\nlast");
        for block in split_blocks(&doc) {
            assert_eq!(
                doc.slice(block.char_range.clone()),
                doc.text().get(block.byte_range.clone()).unwrap_or("?")
            );
            assert!(!doc.slice(block.char_range.clone()).contains('\n'));
        }
    }

    #[test]
    fn long_paragraphs_are_cut_after_a_space() {
        let word = "abcdefghi ";
        let text = word.repeat(MAX_BLOCK_CHARS / 10 * 3);
        let blocks = split_text(&text);
        assert!(blocks.len() >= 3, "{}", blocks.len());
        let mut next = 0;
        for b in &blocks {
            assert_eq!(b.char_range.start, next);
            assert!(b.char_len() <= MAX_BLOCK_CHARS);
            next = b.char_range.end;
            let piece = text.get(b.byte_range.clone()).unwrap_or("?");
            assert!(piece.ends_with(' ') || b.char_range.end == text.chars().count());
        }
        assert_eq!(next, text.chars().count());
        // no spaces at all: hard cut
        let blocks = split_text(&"x".repeat(MAX_BLOCK_CHARS + 5));
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks.first().map(Block::char_len), Some(MAX_BLOCK_CHARS));
    }

    #[test]
    fn block_lookup_by_char() {
        let blocks = split_text("ab\n\ncd");
        for (c, want) in [(0, 0), (2, 0), (3, 1), (4, 2), (6, 2), (99, 2)] {
            assert_eq!(block_at_char(&blocks, c), want, "char {c}");
        }
    }

    #[test]
    fn heights_prefix_sums_and_lookup() {
        let blocks = split_text("a\nbb\nccc");
        let mut h = Heights::estimate(&blocks, 2.0, |b| 10.0 * b.char_len() as f32);
        assert_eq!(h.top(1), 12.0);
        assert_eq!(h.top(2), 34.0);
        assert_eq!(h.total(), 64.0, "no gap after the last block");
        assert_eq!(h.block_at_y(0.0), 0);
        assert_eq!(h.block_at_y(11.9), 0);
        assert_eq!(h.block_at_y(12.0), 1);
        assert_eq!(h.block_at_y(1000.0), 2);
        assert_eq!(h.measure(1, 5.0), -15.0);
        h.refresh();
        assert_eq!(h.top(2), 19.0);
        // No gaps next to an empty block (a blank line).
        let blocks = split_text("a\n\nb");
        let h = Heights::estimate(&blocks, 2.0, |_| 10.0);
        assert_eq!((h.top(1), h.top(2), h.total()), (10.0, 20.0, 30.0));
    }
}
