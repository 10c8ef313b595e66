//! Pointer and keyboard: selecting text, clicking highlights, hover.

use egui::{CursorIcon, EventFilter, Pos2, Rect, Response, Ui, pos2, vec2};
use unicode_segmentation::UnicodeSegmentation as _;

use super::blocks::block_at_char;
use super::geometry::{char_under, cursor_at, cursor_rect};
use super::invisible::describe;
use super::layout::Metrics;
use super::{DocView, Placed};
use crate::model::AnnotationId;

/// Fastest auto-scroll while dragging past the view's edge, points per frame.
const AUTOSCROLL_MAX: f32 = 30.0;

impl DocView {
    pub(super) fn handle_input(
        &mut self,
        ui: &Ui,
        response: &Response,
        placed: &[Placed],
        visible: Rect,
        metrics: &Metrics,
    ) -> (Vec<AnnotationId>, Vec<AnnotationId>) {
        let (pointer, press_origin, shift) = ui.input(|i| {
            (
                i.pointer.interact_pos(),
                i.pointer.press_origin(),
                i.modifiers.shift,
            )
        });

        // Only the primary button selects: a right click (context menu) keeps the selection.
        let primary_down = ui.input(|i| i.pointer.primary_down());
        let was_dragging = self.dragging;
        if response.is_pointer_button_down_on() && primary_down {
            let head = pointer.and_then(|p| self.hit_cursor(placed, p));
            if !self.dragging {
                self.dragging = true;
                self.preferred_x = None;
                response.request_focus();
                let anchor = press_origin
                    .or(pointer)
                    .and_then(|p| self.hit_cursor(placed, p));
                self.selection = match (shift, self.selection, anchor) {
                    (true, Some((old_anchor, _)), Some(at)) => {
                        Some((old_anchor, head.unwrap_or(at)))
                    }
                    (_, _, Some(at)) => Some((at, head.unwrap_or(at))),
                    (_, old, None) => old,
                };
            } else if let (Some(at), Some((anchor, _))) = (head, self.selection) {
                self.selection = Some((anchor, at));
            }
            if let Some(p) = pointer {
                let dy = if p.y < visible.top() {
                    visible.top() - p.y
                } else if p.y > visible.bottom() {
                    visible.bottom() - p.y
                } else {
                    0.0
                };
                if dy != 0.0 {
                    ui.scroll_with_delta(vec2(0.0, dy.clamp(-AUTOSCROLL_MAX, AUTOSCROLL_MAX)));
                    ui.ctx().request_repaint();
                }
            }
        } else {
            self.dragging = false;
        }

        // A press and release in one frame (a touchpad tap, a fast click) never shows the
        // button down: place the caret (or extend with Shift) and take focus here instead.
        if response.clicked() && !was_dragging {
            response.request_focus();
            if let Some(at) = press_origin
                .or(pointer)
                .and_then(|p| self.hit_cursor(placed, p))
            {
                self.preferred_x = None;
                self.selection = match (shift, self.selection) {
                    (true, Some((old_anchor, _))) => Some((old_anchor, at)),
                    _ => Some((at, at)),
                };
            }
        }

        if response.double_clicked()
            && let Some(p) = pointer
            && let Some(word) = self.word_at(placed, p)
        {
            self.selection = Some((word.start, word.end));
        }

        if response.triple_clicked()
            && let Some(p) = pointer
            && let Some((b, _)) = self.char_at(placed, p)
            && let Some(block) = self.blocks.get(b)
        {
            self.selection = Some((block.char_range.start, block.char_range.end));
        }

        let mut clicked = Vec::new();
        if response.clicked()
            && !shift
            && let Some(p) = pointer
        {
            clicked = self.annotations_under(placed, p);
            if !clicked.is_empty() {
                self.selection = None;
            }
        }

        let mut hovered = Vec::new();
        if let Some(p) = response.hover_pos() {
            hovered = self.annotations_under(placed, p);
            let icon = if hovered.is_empty() {
                CursorIcon::Text
            } else {
                CursorIcon::PointingHand
            };
            ui.ctx().set_cursor_icon(icon);
            if let Some(c) = self.invisible_under(placed, p) {
                response.clone().on_hover_text_at_pointer(describe(c));
            }
        }

        if response.has_focus() {
            let filter = EventFilter {
                horizontal_arrows: true,
                vertical_arrows: true,
                ..Default::default()
            };
            ui.memory_mut(|m| m.set_focus_lock_filter(response.id, filter));
            self.keyboard(ui, placed, visible, metrics);
        }
        (clicked, hovered)
    }

    /// Cursor one row above (`dy < 0`) or below `head`, keeping the x position.
    pub(super) fn vertical_move(&mut self, placed: &[Placed], head: usize, dy: f32) -> usize {
        let b = block_at_char(&self.blocks, head);
        let Some(block) = self.blocks.get(b) else {
            return head;
        };
        let Some(p) = placed.iter().find(|p| p.block == b) else {
            // Not on screen: move by a whole block.
            let next = if dy < 0.0 { b.saturating_sub(1) } else { b + 1 };
            return self.blocks.get(next).map_or(head, |n| n.char_range.start);
        };
        let rect = cursor_rect(&p.galley, head.saturating_sub(block.char_range.start))
            .translate(p.pos.to_vec2());
        let x = *self.preferred_x.get_or_insert(rect.center().x);
        let target = pos2(x, rect.center().y + dy);
        let last_placed = placed.last().map_or(0, |l| l.block);
        let beyond = (dy < 0.0 && b == 0 && target.y < p.pos.y)
            || (dy > 0.0 && b + 1 >= self.blocks.len() && target.y > p.pos.y + p.galley.size().y);
        if beyond {
            return if dy < 0.0 { 0 } else { self.doc.char_len() };
        }
        if (dy < 0.0 && target.y < placed.first().map_or(0.0, |f| f.pos.y))
            || (dy > 0.0 && b == last_placed && target.y > p.pos.y + p.galley.size().y)
        {
            let next = if dy < 0.0 { b.saturating_sub(1) } else { b + 1 };
            return self.blocks.get(next).map_or(head, |n| n.char_range.start);
        }
        self.hit_cursor(placed, target).unwrap_or(head)
    }

    pub(super) fn char_visible(&self, placed: &[Placed], c: usize, visible: Rect) -> bool {
        let b = block_at_char(&self.blocks, c);
        let (Some(p), Some(block)) = (placed.iter().find(|p| p.block == b), self.blocks.get(b))
        else {
            return false;
        };
        let rect = cursor_rect(&p.galley, c.saturating_sub(block.char_range.start))
            .translate(p.pos.to_vec2());
        visible.contains(rect.center())
    }

    /// The cursor (between chars, global) nearest to a screen point, over the visible blocks.
    pub(super) fn hit_cursor(&self, placed: &[Placed], pos: Pos2) -> Option<usize> {
        let first = placed.first()?;
        let p = placed
            .iter()
            .rev()
            .find(|p| p.pos.y <= pos.y)
            .unwrap_or(first);
        let block = self.blocks.get(p.block)?;
        let local = cursor_at(&p.galley, pos - p.pos.to_vec2());
        Some(block.char_range.start + local.min(block.char_len()))
    }

    /// Block index and global char whose glyph is under a screen point.
    fn char_at(&self, placed: &[Placed], pos: Pos2) -> Option<(usize, usize)> {
        let p = placed
            .iter()
            .find(|p| p.pos.y <= pos.y && pos.y <= p.pos.y + p.galley.size().y)?;
        let block = self.blocks.get(p.block)?;
        let local = char_under(&p.galley, pos - p.pos.to_vec2())?;
        Some((p.block, block.char_range.start + local))
    }

    fn annotations_under(&self, placed: &[Placed], pos: Pos2) -> Vec<AnnotationId> {
        self.char_at(placed, pos)
            .map(|(b, c)| self.highlights.annotations_at(b, c))
            .unwrap_or_default()
    }

    fn invisible_under(&self, placed: &[Placed], pos: Pos2) -> Option<char> {
        let (b, c) = self.char_at(placed, pos)?;
        let start = self.blocks.get(b)?.char_range.start;
        let cached = self.cache.get(&b)?;
        cached
            .invisible
            .iter()
            .find(|&&(i, _)| start + i == c)
            .map(|&(_, original)| original)
    }

    /// The word (Unicode word boundaries) under a screen point, global chars.
    fn word_at(&self, placed: &[Placed], pos: Pos2) -> Option<std::ops::Range<usize>> {
        let (b, c) = self.char_at(placed, pos)?;
        let block = self.blocks.get(b)?;
        let text = self.doc.text().get(block.byte_range.clone())?;
        let local_char = c.saturating_sub(block.char_range.start);
        let mut char_pos = 0;
        for word in text.split_word_bounds() {
            let n = word.chars().count();
            if local_char < char_pos + n {
                let start = block.char_range.start + char_pos;
                return Some(start..start + n);
            }
            char_pos += n;
        }
        None
    }
}
