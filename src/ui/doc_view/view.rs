//! One frame of the view: the scroll area, which blocks are visible, where they go.

use egui::containers::scroll_area::{DragScroll, ScrollSource};
use egui::{Id, Rect, ScrollArea, Sense, Ui, WidgetInfo, pos2};

use super::blocks::block_at_char;
use super::geometry::cursor_rect;
use super::layout::Metrics;
use super::{DocView, FrameOutput, Placed};

/// Horizontal room kept free beside the text column (scroll bar, breathing space).
const SIDE_MARGIN: f32 = 24.0;

/// Where in the viewport `scroll_to_char` puts its line (fraction from the top).
const SCROLL_TARGET_FRACTION: f32 = 0.3;

impl DocView {
    pub(super) fn frame_ui(&mut self, ui: &mut Ui, id: Id) -> FrameOutput {
        let metrics = self.metrics(ui);
        let available = ui.available_width() - 2.0 * SIDE_MARGIN;
        let column_width = metrics.column_width(available).floor();
        let mut jump = self.ensure_heights(&metrics, column_width);
        self.heights.refresh();
        let view_height = ui.available_height();
        if let Some((char_offset, frames_left)) = self.pending_scroll {
            let b = block_at_char(&self.blocks, char_offset);
            let start = self.blocks.get(b).map_or(0, |block| block.char_range.start);
            let mut y = self.heights.top(b);
            if let Some(galley) = self.block_galley(ui, b, &metrics, column_width) {
                self.heights.measure(b, galley.size().y);
                self.heights.refresh();
                y = self.heights.top(b)
                    + cursor_rect(&galley, char_offset.saturating_sub(start)).top();
            }
            jump = Some(y - view_height * SCROLL_TARGET_FRACTION);
            self.pending_scroll = (frames_left > 1).then_some((char_offset, frames_left - 1));
            ui.ctx().request_repaint();
        } else if jump.is_none() && self.scroll_fix != 0.0 {
            jump = Some(self.scroll_y + self.scroll_fix);
        }
        self.scroll_fix = 0.0;
        let mut area = ScrollArea::vertical()
            .id_salt(id.with("scroll"))
            .auto_shrink([false, false])
            .scroll_source(ScrollSource {
                drag: DragScroll::Never,
                ..Default::default()
            });
        if let Some(y) = jump {
            area = area.vertical_scroll_offset(y.max(0.0));
        }
        let output = area.show_viewport(ui, |ui, viewport| {
            self.contents_ui(ui, id, viewport, &metrics, column_width)
        });
        self.scroll_y = output.state.clamped_offset().y;
        output.inner
    }

    fn contents_ui(
        &mut self,
        ui: &mut Ui,
        id: Id,
        viewport: Rect,
        metrics: &Metrics,
        column_width: f32,
    ) -> FrameOutput {
        ui.set_min_height(self.heights.total());
        let content = ui.max_rect();
        let origin_y = content.top();
        let left = (content.left() + ((content.width() - column_width) / 2.0).max(0.0)).round();
        let visible = Rect::from_min_max(
            pos2(content.left(), origin_y + viewport.min.y),
            pos2(content.right(), origin_y + viewport.max.y),
        );
        let response = ui.interact(visible, id, Sense::click_and_drag());
        if std::mem::take(&mut self.focus_wanted) {
            response.request_focus();
        }

        let mut placed = Vec::new();
        let first = self.heights.block_at_y(viewport.min.y);
        let mut y = self.heights.top(first);
        let mut b = first;
        while b < self.blocks.len() && y <= viewport.max.y {
            let Some(galley) = self.block_galley(ui, b, metrics, column_width) else {
                break;
            };
            let height = galley.size().y;
            let delta = self.heights.measure(b, height);
            let mut top = y;
            if b == first && delta != 0.0 && y < viewport.min.y {
                // Keep what is below in place: grow upwards and scroll by the same amount.
                top = y - delta;
                self.scroll_fix += delta;
                ui.ctx().request_repaint();
            }
            if b == first {
                let fraction = ((viewport.min.y - top) / height.max(1.0)).clamp(0.0, 1.0);
                self.top_anchor = Some((b, fraction));
            }
            placed.push(Placed {
                block: b,
                pos: pos2(left, origin_y + top),
                galley,
            });
            y = top + height + self.heights.gap_after(b);
            b += 1;
        }
        self.heights.refresh();

        let (clicked, hovered) = self.handle_input(ui, &response, &placed, visible, metrics);
        self.paint(ui, &placed, column_width);
        self.paint_caret(ui, &placed, response.has_focus());
        self.paint_flash(ui, &placed);
        self.last_placed = placed;
        response.widget_info(|| WidgetInfo::labeled(egui::Role::Document, true, "Document"));
        FrameOutput {
            response,
            clicked,
            hovered,
        }
    }
}
