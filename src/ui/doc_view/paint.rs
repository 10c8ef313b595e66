//! Painting a frame's blocks: text, stacked underlines, outlines, the selection.

use egui::text::CCursor;
use egui::text_selection::CCursorRange;
use egui::text_selection::visuals::paint_text_selection;
use egui::{Align2, FontId, Stroke, StrokeKind, Ui, pos2};

use super::geometry::{range_baselines, range_rects};
use super::highlights::{HighlightKind, LAYER_DASHES};
use super::{DocView, Placed};

/// Distance between stacked underlines, in points.
const UNDERLINE_STEP: f32 = 2.5;

impl DocView {
    pub(super) fn paint(&self, ui: &Ui, placed: &[Placed], column_width: f32) {
        let painter = ui.painter();
        let visuals = ui.visuals();
        let selection = self.selection();
        // Selection under the glyphs (as egui's own text selection), translucent so the
        // highlight tints below it stay visible.
        let mut selection_visuals = visuals.clone();
        selection_visuals.selection.bg_fill = visuals.selection.bg_fill.gamma_multiply(0.6);
        selection_visuals.selection.stroke.color = visuals.strong_text_color();
        let outline = Stroke::new(2.0, visuals.strong_text_color());
        let find_outline = Stroke::new(1.5, visuals.warn_fg_color);
        for p in placed {
            let Some(block) = self.blocks.get(p.block) else {
                continue;
            };
            let start = block.char_range.start;
            let offset = p.pos.to_vec2();
            if let Some(page) = page_after_break(&self.doc, &block.char_range) {
                let selected = selection
                    .as_ref()
                    .is_some_and(|sel| sel.start < block.char_range.end && sel.end > start);
                paint_page_divider(ui, p, column_width, page, selected);
                continue;
            }
            let mut galley = p.galley.clone();
            if let Some(sel) = &selection
                && sel.start < block.char_range.end
                && sel.end > block.char_range.start
            {
                let from = sel.start.saturating_sub(start);
                let to = sel.end.saturating_sub(start).min(block.char_len());
                let range = CCursorRange::two(CCursor::new(from), CCursor::new(to));
                paint_text_selection(&mut galley, &selection_visuals, &range, None);
            }
            painter.galley(p.pos, galley, super::layout::reading_color(visuals));

            if let Some(cached) = self.cache.get(&p.block) {
                for underline in &cached.underlines {
                    let y_shift =
                        2.0 + f32::from(underline.level.saturating_sub(1)) * UNDERLINE_STEP;
                    for (x0, x1, baseline) in range_baselines(&p.galley, underline.chars.clone()) {
                        let y = p.pos.y + baseline + y_shift;
                        painter.line_segment(
                            [pos2(p.pos.x + x0, y), pos2(p.pos.x + x1, y)],
                            Stroke::new(1.5, underline.color),
                        );
                    }
                }
            }

            for &i in self.highlights.in_block(p.block) {
                let Some(h) = self.highlights.item(i) else {
                    continue;
                };
                if let HighlightKind::Layer { style } = h.kind {
                    let (dash, gap) = LAYER_DASHES
                        .get(usize::from(style) % LAYER_DASHES.len())
                        .copied()
                        .unwrap_or((5.0, 3.0));
                    let stroke = Stroke::new(1.5, h.color);
                    let local = h.char_range.start.saturating_sub(start)
                        ..h.char_range.end.saturating_sub(start);
                    for rect in range_rects(&p.galley, local) {
                        let r = rect.translate(offset).expand(1.5);
                        let corners = [
                            r.left_top(),
                            r.right_top(),
                            r.right_bottom(),
                            r.left_bottom(),
                            r.left_top(),
                        ];
                        painter.extend(egui::Shape::dashed_line(&corners, stroke, dash, gap));
                    }
                    continue;
                }
                let is_selected =
                    self.selected_annotation.is_some() && h.id == self.selected_annotation;
                let stroke = if is_selected {
                    outline
                } else if h.kind == HighlightKind::CurrentFindMatch {
                    find_outline
                } else {
                    continue;
                };
                let local = h.char_range.start.saturating_sub(start)
                    ..h.char_range.end.saturating_sub(start);
                for rect in range_rects(&p.galley, local) {
                    painter.rect_stroke(rect.translate(offset), 2.0, stroke, StrokeKind::Outside);
                }
            }
        }
    }
}

/// The page that starts after a block holding only a page break (a PDF's form feed line),
/// `None` for any other block or a break that ends the text.
fn page_after_break(doc: &crate::model::Document, chars: &std::ops::Range<usize>) -> Option<usize> {
    let is_break = chars.end == chars.start + 1
        && doc
            .slice(chars.clone())
            .starts_with(crate::model::text::PAGE_BREAK_CHAR);
    if !is_break || chars.end + 1 >= doc.char_len() {
        return None;
    }
    doc.line_col(chars.end + 1).page.map(|at| at.page)
}

/// A page break drawn as a rule across the column with "page N" in its middle, instead of
/// the stand-in symbol of the form feed char.
fn paint_page_divider(ui: &Ui, p: &Placed, column_width: f32, page: usize, selected: bool) {
    let painter = ui.painter();
    let visuals = ui.visuals();
    let height = p.galley.size().y;
    let row = egui::Rect::from_min_size(p.pos, egui::vec2(column_width, height));
    if selected {
        painter.rect_filled(row, 2.0, visuals.selection.bg_fill.gamma_multiply(0.6));
    }
    let y = row.center().y.round() + 0.5;
    let color = visuals.weak_text_color();
    let font = FontId::proportional((height * 0.5).clamp(9.0, 14.0));
    let label = painter.layout_no_wrap(format!("page {page}"), font, color);
    let half = label.size().x / 2.0 + 8.0;
    let stroke = Stroke::new(1.0, color);
    painter.line_segment(
        [pos2(row.left(), y), pos2(row.center().x - half, y)],
        stroke,
    );
    painter.line_segment(
        [pos2(row.center().x + half, y), pos2(row.right(), y)],
        stroke,
    );
    painter.galley(
        Align2::CENTER_CENTER
            .anchor_size(pos2(row.center().x, y), label.size())
            .min,
        label,
        color,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    #[test]
    fn page_breaks_name_the_page_that_follows() {
        // Lines: "one" 0..3, break 4..5, "two" 6..9, break 10..11, "three" 12..17.
        let doc = Document::new("one\n\u{c}\ntwo\n\u{c}\nthree");
        assert_eq!(page_after_break(&doc, &(4..5)), Some(2));
        assert_eq!(page_after_break(&doc, &(10..11)), Some(3));
        assert_eq!(page_after_break(&doc, &(0..3)), None);
        assert_eq!(page_after_break(&doc, &(6..7)), None);
        // A break that ends the text starts no page.
        let doc = Document::new("one\n\u{c}\n");
        assert_eq!(page_after_break(&doc, &(4..5)), None);
    }
}
