//! Highlights: the public types, an index from blocks to the highlights over them, and the
//! styled segments of one block.
//!
//! Overlaps stay readable: every highlight tints the background (tints blend where they
//! overlap) and an annotation at underline level `k > 0` also gets a coloured underline,
//! stacked `k` steps below the text. Levels come from a greedy interval colouring, so two
//! annotations that overlap never share a level.

use std::hash::{Hash as _, Hasher as _};
use std::ops::Range;

use egui::Color32;

use super::blocks::Block;
use crate::model::AnnotationId;

/// What a highlight marks; decides how it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HighlightKind {
    /// An annotation's span.
    Annotation,
    /// A match of the find bar.
    FindMatch,
    /// The find match the reader is on.
    CurrentFindMatch,
    /// A teammate's annotation shown as a read-only layer: an outline in the layer's
    /// colour, dashed in one of [`LAYER_DASHES`] patterns, never a tint.
    Layer {
        /// Index into [`LAYER_DASHES`] (wraps).
        style: u8,
    },
}

/// Dash and gap lengths (points) of the layer outline styles: dashed, dotted, long dashes,
/// dash-dot (drawn as short dashes with long gaps).
pub const LAYER_DASHES: [(f32, f32); 4] = [(5.0, 3.0), (1.5, 2.5), (10.0, 4.0), (7.0, 2.0)];

/// A coloured span of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Highlight {
    /// The annotation it belongs to, if any (find matches have none).
    pub id: Option<AnnotationId>,
    /// Chars covered, half-open.
    pub char_range: Range<usize>,
    /// Base colour (the view turns it into a translucent tint).
    pub color: Color32,
    /// What it marks.
    pub kind: HighlightKind,
}

/// Highlights sorted by start, with per-block lists (compressed rows) and underline levels.
#[derive(Debug, Clone, Default)]
pub struct HighlightIndex {
    /// Sorted by (start, longer first).
    items: Vec<Highlight>,
    /// Underline level of each item (0 = tint only).
    levels: Vec<u8>,
    /// `entries[offsets[b]..offsets[b + 1]]` are the items over block `b`, in item order.
    offsets: Vec<u32>,
    entries: Vec<u32>,
    /// A hash of each block's highlights, for the layout cache key.
    block_hashes: Vec<u64>,
}

/// Most underline levels drawn; deeper overlaps share the last level.
pub const MAX_LEVEL: u8 = 4;

impl HighlightIndex {
    /// Build the index for `blocks` (sorted, as from `split_blocks`). Empty ranges are dropped.
    pub fn build(mut items: Vec<Highlight>, blocks: &[Block]) -> Self {
        items.retain(|h| h.char_range.start < h.char_range.end);
        items.sort_by(|a, b| {
            (a.char_range.start, std::cmp::Reverse(a.char_range.end))
                .cmp(&(b.char_range.start, std::cmp::Reverse(b.char_range.end)))
        });
        let levels = assign_levels(&items);
        // Count, then fill (a compressed-row layout: two allocations, not one per block).
        let mut counts = vec![0u32; blocks.len() + 1];
        let for_each_block = |h: &Highlight, f: &mut dyn FnMut(usize)| {
            let first = super::blocks::block_at_char(blocks, h.char_range.start);
            for (b, block) in blocks.iter().enumerate().skip(first) {
                if block.char_range.start >= h.char_range.end && b > first {
                    break;
                }
                // A highlight over only the newline between blocks touches neither.
                let overlaps = h.char_range.start
                    < block.char_range.end.max(block.char_range.start + 1)
                    && block.char_range.start < h.char_range.end;
                if overlaps {
                    f(b);
                }
            }
        };
        for h in &items {
            for_each_block(h, &mut |b| {
                if let Some(c) = counts.get_mut(b) {
                    *c += 1;
                }
            });
        }
        let mut offsets = Vec::with_capacity(blocks.len() + 1);
        let mut total = 0u32;
        for c in counts.iter().take(blocks.len()) {
            offsets.push(total);
            total += c;
        }
        offsets.push(total);
        let mut fill = offsets.clone();
        let mut entries = vec![0u32; total as usize];
        for (i, h) in items.iter().enumerate() {
            for_each_block(h, &mut |b| {
                if let Some(slot) = fill.get_mut(b)
                    && let Some(e) = entries.get_mut(*slot as usize)
                {
                    *e = i as u32;
                    *slot += 1;
                }
            });
        }
        let mut index = Self {
            items,
            levels,
            offsets,
            entries,
            block_hashes: Vec::new(),
        };
        index.block_hashes = (0..blocks.len()).map(|b| index.hash_block(b)).collect();
        index
    }

    /// Item indices over block `b`, sorted by start.
    pub fn in_block(&self, b: usize) -> &[u32] {
        let (Some(&start), Some(&end)) = (self.offsets.get(b), self.offsets.get(b + 1)) else {
            return &[];
        };
        self.entries
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    /// The highlight with this item index.
    pub fn item(&self, i: u32) -> Option<&Highlight> {
        self.items.get(i as usize)
    }

    /// Underline level of an item.
    pub fn level(&self, i: u32) -> u8 {
        self.levels.get(i as usize).copied().unwrap_or(0)
    }

    /// Hash of block `b`'s highlights (changes when they change).
    pub fn block_hash(&self, b: usize) -> u64 {
        self.block_hashes.get(b).copied().unwrap_or(0)
    }

    /// All highlights, sorted by start.
    pub fn items(&self) -> &[Highlight] {
        &self.items
    }

    fn hash_block(&self, b: usize) -> u64 {
        let ids = self.in_block(b);
        if ids.is_empty() {
            return 0;
        }
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for &i in ids {
            if let Some(h) = self.item(i) {
                h.char_range.hash(&mut hasher);
                h.color.hash(&mut hasher);
                h.kind.hash(&mut hasher);
                self.level(i).hash(&mut hasher);
            }
        }
        hasher.finish()
    }

    /// Annotation ids over char `c`, shortest span first.
    pub fn annotations_at(&self, block: usize, c: usize) -> Vec<AnnotationId> {
        let mut found: Vec<(usize, AnnotationId)> = self
            .in_block(block)
            .iter()
            .filter_map(|&i| self.item(i))
            .filter(|h| h.char_range.contains(&c))
            .filter_map(|h| h.id.map(|id| (h.char_range.end - h.char_range.start, id)))
            .collect();
        found.sort_by_key(|&(len, _)| len);
        let mut ids: Vec<AnnotationId> = found.into_iter().map(|(_, id)| id).collect();
        ids.dedup();
        ids
    }
}

/// Greedy interval colouring of annotations (items sorted by start): each takes the lowest
/// level free of every annotation still open. Find matches get level 0.
fn assign_levels(items: &[Highlight]) -> Vec<u8> {
    let mut levels = vec![0u8; items.len()];
    // open_until[level] = end of the annotation holding that level
    let mut open_until: Vec<usize> = Vec::new();
    for (h, level) in items.iter().zip(levels.iter_mut()) {
        if h.kind != HighlightKind::Annotation {
            continue;
        }
        let start = h.char_range.start;
        let free = open_until.iter().position(|&end| end <= start);
        let chosen = match free {
            Some(l) => l,
            None => {
                open_until.push(0);
                open_until.len() - 1
            }
        };
        if let Some(slot) = open_until.get_mut(chosen) {
            *slot = h.char_range.end;
        }
        *level = u8::try_from(chosen).unwrap_or(MAX_LEVEL).min(MAX_LEVEL);
    }
    levels
}

/// Colours used for tints, derived from the theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    /// Alpha (0–255) of an annotation tint.
    pub tint_alpha: u8,
    /// Alpha of a find-match tint.
    pub find_alpha: u8,
    /// Alpha of the current find match.
    pub current_find_alpha: u8,
}

impl Palette {
    /// Palette for a dark or light theme.
    pub fn for_theme(dark: bool) -> Self {
        if dark {
            Self {
                tint_alpha: 100,
                find_alpha: 110,
                current_find_alpha: 200,
            }
        } else {
            Self {
                tint_alpha: 80,
                find_alpha: 110,
                current_find_alpha: 200,
            }
        }
    }

    /// The translucent tint of a highlight.
    pub fn tint(&self, h: &Highlight) -> Color32 {
        let alpha = match h.kind {
            HighlightKind::Annotation => self.tint_alpha,
            HighlightKind::FindMatch => self.find_alpha,
            HighlightKind::CurrentFindMatch => self.current_find_alpha,
            HighlightKind::Layer { .. } => 0,
        };
        let [r, g, b, _] = h.color.to_srgba_unmultiplied();
        Color32::from_rgba_unmultiplied(r, g, b, alpha)
    }
}

/// A run of a block's chars with one background.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Local chars (within the block).
    pub chars: Range<usize>,
    /// Blended tint of every highlight over it (transparent if none).
    pub background: Color32,
    /// This segment is one substituted invisible char.
    pub invisible: bool,
}

/// An underline to draw under a block's rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Underline {
    /// Local chars.
    pub chars: Range<usize>,
    /// Opaque colour.
    pub color: Color32,
    /// Stack level, 1 = just below the text.
    pub level: u8,
}

/// Styled segments and underlines of one block of `len` chars.
pub fn block_segments(
    index: &HighlightIndex,
    b: usize,
    block: &Block,
    invisible_at: &[usize],
    palette: &Palette,
) -> (Vec<Segment>, Vec<Underline>) {
    let len = block.char_len();
    let base = block.char_range.start;
    let local = |c: usize| c.saturating_sub(base).min(len);
    let ids = index.in_block(b);
    let mut cuts: Vec<usize> = Vec::with_capacity(ids.len() * 2 + invisible_at.len() * 2 + 2);
    cuts.push(0);
    cuts.push(len);
    let mut underlines = Vec::new();
    for &i in ids {
        let Some(h) = index.item(i) else { continue };
        let range = local(h.char_range.start)..local(h.char_range.end);
        cuts.push(range.start);
        cuts.push(range.end);
        let level = index.level(i);
        if level > 0 && !range.is_empty() {
            underlines.push(Underline {
                chars: range,
                color: h.color.to_opaque(),
                level,
            });
        }
    }
    for &c in invisible_at {
        cuts.push(c);
        cuts.push(c + 1);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut segments = Vec::with_capacity(cuts.len());
    let mut next_invisible = invisible_at.iter().peekable();
    for pair in cuts.windows(2) {
        let [start, end] = pair else { continue };
        let (start, end) = (*start, *end);
        if start >= end {
            continue;
        }
        let mut background = Color32::TRANSPARENT;
        // Find matches last, so they sit on top of annotation tints.
        for pass in [true, false] {
            for &i in ids {
                let Some(h) = index.item(i) else { continue };
                if local(h.char_range.start) > start {
                    break;
                }
                let is_annotation = h.kind == HighlightKind::Annotation;
                if is_annotation == pass && local(h.char_range.end) >= end {
                    background = background.blend(palette.tint(h));
                }
            }
        }
        while next_invisible.peek().is_some_and(|&&c| c < start) {
            next_invisible.next();
        }
        let invisible = next_invisible.peek().is_some_and(|&&c| c == start);
        segments.push(Segment {
            chars: start..end,
            background,
            invisible,
        });
    }
    (segments, underlines)
}

/// Byte offset of every char boundary of `text` (`len + 1` entries).
pub fn char_byte_table(text: &str) -> Vec<usize> {
    let mut table: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    table.push(text.len());
    table
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // a wrong index fails the test, which is the point
mod tests {
    use super::*;
    use crate::ui::doc_view::blocks::split_text;

    fn ann(range: Range<usize>, color: Color32) -> Highlight {
        Highlight {
            id: Some(AnnotationId::random()),
            char_range: range,
            color,
            kind: HighlightKind::Annotation,
        }
    }

    #[test]
    fn index_lists_highlights_per_block() {
        // blocks: 0..5 "hello", 6..11 "world", 12..15 "end"
        let blocks = split_text("hello\nworld\nend");
        let index = HighlightIndex::build(
            vec![
                ann(7..9, Color32::RED),
                ann(1..8, Color32::BLUE),
                ann(13..14, Color32::GREEN),
                ann(5..6, Color32::GOLD),
                ann(3..3, Color32::GOLD),
            ],
            &blocks,
        );
        let spans = |b: usize| -> Vec<Range<usize>> {
            index
                .in_block(b)
                .iter()
                .filter_map(|&i| index.item(i))
                .map(|h| h.char_range.clone())
                .collect()
        };
        assert_eq!(spans(0), vec![1..8]);
        assert_eq!(spans(1), vec![1..8, 7..9]);
        assert_eq!(spans(2), vec![13..14]);
        assert_eq!(index.items().len(), 4, "empty range dropped");
        assert_ne!(index.block_hash(0), index.block_hash(2));
    }

    #[test]
    fn overlapping_annotations_get_distinct_levels() {
        let blocks = split_text(&"x".repeat(40));
        let index = HighlightIndex::build(
            vec![
                ann(0..20, Color32::RED),
                ann(5..10, Color32::BLUE),
                ann(8..12, Color32::GREEN),
                ann(20..30, Color32::GOLD),
            ],
            &blocks,
        );
        let levels: Vec<(Range<usize>, u8)> = (0..4)
            .filter_map(|i| {
                index
                    .item(i)
                    .map(|h| (h.char_range.clone(), index.level(i)))
            })
            .collect();
        assert_eq!(
            levels,
            vec![(0..20, 0), (5..10, 1), (8..12, 2), (20..30, 0)]
        );
    }

    #[test]
    fn sections_split_at_every_edge_and_blend_overlaps() {
        let blocks = split_text("0123456789");
        let block = blocks.first().cloned().unwrap_or(Block {
            char_range: 0..0,
            byte_range: 0..0,
        });
        let red = ann(2..6, Color32::RED);
        let blue = ann(4..8, Color32::BLUE);
        let index = HighlightIndex::build(vec![red.clone(), blue.clone()], &blocks);
        let palette = Palette::for_theme(true);
        let (segments, underlines) = block_segments(&index, 0, &block, &[9], &palette);
        let ranges: Vec<Range<usize>> = segments.iter().map(|s| s.chars.clone()).collect();
        assert_eq!(ranges, vec![0..2, 2..4, 4..6, 6..8, 8..9, 9..10]);
        let bg: Vec<Color32> = segments.iter().map(|s| s.background).collect();
        assert_eq!(bg[0], Color32::TRANSPARENT);
        assert_eq!(bg[1], palette.tint(&red));
        assert_eq!(bg[2], palette.tint(&red).blend(palette.tint(&blue)));
        assert_ne!(bg[2], bg[1]);
        assert_eq!(bg[3], palette.tint(&blue));
        assert!(segments.last().is_some_and(|s| s.invisible));
        assert!(segments.iter().take(5).all(|s| !s.invisible));
        assert_eq!(
            underlines,
            vec![Underline {
                chars: 4..8,
                color: Color32::BLUE,
                level: 1
            }]
        );
    }

    #[test]
    fn byte_table_maps_chars_to_bytes() {
        assert_eq!(char_byte_table("aé€😀"), vec![0, 1, 3, 6, 10]);
        assert_eq!(char_byte_table(""), vec![0]);
    }

    #[test]
    fn annotations_at_lists_shortest_first() {
        let blocks = split_text("0123456789");
        let long = ann(0..9, Color32::RED);
        let short = ann(3..5, Color32::BLUE);
        let index = HighlightIndex::build(vec![long.clone(), short.clone()], &blocks);
        assert_eq!(
            index.annotations_at(0, 4),
            vec![
                short.id.unwrap_or(AnnotationId::random()),
                long.id.unwrap_or(AnnotationId::random())
            ]
        );
        assert_eq!(index.annotations_at(0, 9), vec![]);
    }

    proptest::proptest! {
        #[test]
        fn segments_partition_the_block_and_match_a_simple_model(
            spans in proptest::collection::vec((0usize..60, 1usize..30, proptest::bool::ANY), 0..12),
            invisible in proptest::collection::btree_set(0usize..50, 0..5),
        ) {
            let blocks = split_text(&"x".repeat(50));
            let block = blocks.first().cloned().unwrap_or(Block { char_range: 0..0, byte_range: 0..0 });
            let items: Vec<Highlight> = spans.iter().map(|&(start, len, find)| Highlight {
                id: (!find).then(AnnotationId::random),
                char_range: start..start + len,
                color: Color32::from_rgb((start * 40) as u8, (len * 9) as u8, 200),
                kind: if find { HighlightKind::FindMatch } else { HighlightKind::Annotation },
            }).collect();
            let index = HighlightIndex::build(items, &blocks);
            let invisible: Vec<usize> = invisible.into_iter().collect();
            let palette = Palette::for_theme(false);
            let (segments, _) = block_segments(&index, 0, &block, &invisible, &palette);
            let mut next = 0;
            for segment in &segments {
                proptest::prop_assert_eq!(segment.chars.start, next);
                proptest::prop_assert!(segment.chars.start < segment.chars.end);
                next = segment.chars.end;
                // Model: blend every covering highlight, annotations first, in index order.
                let mut want = Color32::TRANSPARENT;
                for annotations in [true, false] {
                    for h in index.items() {
                        let covers = h.char_range.start <= segment.chars.start && segment.chars.end <= h.char_range.end;
                        if covers && (h.kind == HighlightKind::Annotation) == annotations {
                            want = want.blend(palette.tint(h));
                        }
                    }
                }
                proptest::prop_assert_eq!(segment.background, want);
                let is_invisible = invisible.contains(&segment.chars.start);
                proptest::prop_assert_eq!(segment.invisible, is_invisible);
                if is_invisible {
                    proptest::prop_assert_eq!(segment.chars.len(), 1);
                }
                // No highlight edge falls inside a segment.
                for h in index.items() {
                    for edge in [h.char_range.start, h.char_range.end] {
                        proptest::prop_assert!(edge <= segment.chars.start || edge >= segment.chars.end);
                    }
                }
            }
            proptest::prop_assert_eq!(next, 50);
        }
    }
}
