//! Painting a frame's blocks: text, stacked underlines, outlines, the selection.

use egui::text::CCursor;
use egui::text_selection::CCursorRange;
use egui::text_selection::visuals::paint_text_selection;
use egui::{Stroke, StrokeKind, Ui, pos2};

use super::geometry::{range_baselines, range_rects};
use super::highlights::{HighlightKind, LAYER_DASHES};
use super::{DocView, Placed};

/// Distance between stacked underlines, in points.
const UNDERLINE_STEP: f32 = 2.5;

impl DocView {
    pub(super) fn paint(&self, ui: &Ui, placed: &[Placed]) {
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
