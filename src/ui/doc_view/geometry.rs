//! Geometry inside one laid-out block: rows, rects of char ranges, chars under a point.
//!
//! All positions are relative to the galley's top-left; char indices are local to the block
//! (the galley's text has no newlines, so a row holds exactly its glyphs' chars).

use std::ops::Range;
use std::sync::Arc;

use egui::{Galley, Pos2, Rect, pos2, vec2};

/// Char index where each row of `galley` starts.
pub fn row_starts(galley: &Galley) -> Vec<usize> {
    let mut starts = Vec::with_capacity(galley.rows.len());
    let mut next = 0;
    for row in &galley.rows {
        starts.push(next);
        next += row.char_count_including_newline().0;
    }
    starts
}

/// Rectangles covering the chars `range` (one per row it touches), galley-relative.
pub fn range_rects(galley: &Galley, range: Range<usize>) -> Vec<Rect> {
    let mut rects = Vec::new();
    if range.start >= range.end {
        return rects;
    }
    for (row, start) in galley.rows.iter().zip(row_starts(galley)) {
        let count = row.char_count_excluding_newline().0;
        let end = start + count;
        if range.end <= start || range.start >= end {
            continue;
        }
        let from = range.start.max(start) - start;
        let to = range.end.min(end) - start;
        let left = row.pos.x + row.x_offset(egui::epaint::text::CharIndex(from));
        let right = row.pos.x + row.x_offset(egui::epaint::text::CharIndex(to));
        rects.push(Rect::from_min_max(
            pos2(left, row.min_y()),
            pos2(right.max(left + 1.0), row.max_y()),
        ));
    }
    rects
}

/// Baseline y of a row (relative to the galley), for underlines.
pub fn row_baseline(galley: &Galley, row_index: usize) -> Option<f32> {
    let row = galley.rows.get(row_index)?;
    let glyph = row.glyphs.first()?;
    Some(row.pos.y + glyph.pos.y)
}

/// Underline segments for chars `range`: (left x, right x, baseline y) per row.
pub fn range_baselines(galley: &Galley, range: Range<usize>) -> Vec<(f32, f32, f32)> {
    let rects = range_rects(galley, range.clone());
    let mut out = Vec::with_capacity(rects.len());
    let starts = row_starts(galley);
    for (index, row) in galley.rows.iter().enumerate() {
        let start = starts.get(index).copied().unwrap_or(0);
        let end = start + row.char_count_excluding_newline().0;
        if range.end <= start || range.start >= end {
            continue;
        }
        let Some(baseline) = row_baseline(galley, index) else {
            continue;
        };
        let from = range.start.max(start) - start;
        let to = range.end.min(end) - start;
        let left = row.pos.x + row.x_offset(egui::epaint::text::CharIndex(from));
        let right = row.pos.x + row.x_offset(egui::epaint::text::CharIndex(to));
        out.push((left, right, baseline));
    }
    out
}

/// The char whose glyph is under `pos`, if any.
pub fn char_under(galley: &Galley, pos: Pos2) -> Option<usize> {
    for (row, start) in galley.rows.iter().zip(row_starts(galley)) {
        if pos.y < row.min_y() || pos.y > row.max_y() {
            continue;
        }
        let x = pos.x - row.pos.x;
        return row
            .glyphs
            .iter()
            .position(|g| g.pos.x <= x && x < g.max_x())
            .map(|i| start + i);
    }
    None
}

/// Cursor (between chars) nearest to `pos`.
pub fn cursor_at(galley: &Arc<Galley>, pos: Pos2) -> usize {
    galley.cursor_from_pos(vec2(pos.x, pos.y)).index.0
}

/// Rectangle (zero width) of the cursor before local char `index`.
pub fn cursor_rect(galley: &Galley, index: usize) -> Rect {
    galley.pos_from_cursor(egui::text::CCursor::new(index))
}
