//! The keyboard in the document view: a caret the keys move, selection extending from it,
//! scrolling that follows it, and the caret drawn while the view has focus.
//!
//! | keys | caret |
//! |---|---|
//! | Left / Right, Ctrl+Left / Ctrl+Right | a character, a word |
//! | Up / Down, PageUp / PageDown | a row, a screen (the view scrolls by a screen) |
//! | Home / End, Ctrl+Home / Ctrl+End | start / end of the line, of the document |
//!
//! With Shift the selection extends from where it started; without, a selection collapses to
//! the caret. The first key in a view that has no caret starts it at the top of the screen.

use egui::{Event, Key, Modifiers, Rect, Stroke, Ui, pos2};
use unicode_segmentation::UnicodeSegmentation as _;

use super::blocks::block_at_char;
use super::geometry::cursor_rect;
use super::layout::Metrics;
use super::{DocView, Placed};

impl DocView {
    /// Ask for keyboard focus on the next frame (after opening a document, leaving the find
    /// bar), so keys move the caret without a click first.
    pub fn request_focus(&mut self) {
        self.focus_wanted = true;
    }

    /// Apply this frame's key events (the view has focus).
    pub(super) fn keyboard(
        &mut self,
        ui: &Ui,
        placed: &[Placed],
        visible: Rect,
        metrics: &Metrics,
    ) {
        let events = ui.input(|i| i.events.clone());
        let len = self.doc.char_len();
        for event in events {
            match event {
                Event::Key {
                    key: Key::A,
                    pressed: true,
                    modifiers,
                    ..
                } if modifiers.command => {
                    self.selection = Some((0, len));
                }
                Event::Copy => {
                    if let Some(range) = self.selection() {
                        ui.ctx().copy_text(self.doc.slice(range).to_owned());
                    }
                }
                Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } => self.move_caret(key, modifiers, placed, visible, metrics),
                _ => {}
            }
        }
    }

    fn move_caret(
        &mut self,
        key: Key,
        modifiers: Modifiers,
        placed: &[Placed],
        visible: Rect,
        metrics: &Metrics,
    ) {
        let len = self.doc.char_len();
        let top = placed
            .first()
            .and_then(|p| self.blocks.get(p.block))
            .map_or(0, |b| b.char_range.start);
        let (anchor, head) = self.selection.unwrap_or((top, top));
        let (low, high) = (anchor.min(head), anchor.max(head));
        let collapse = !modifiers.shift && low != high;
        let word = modifiers.command;
        let page = (visible.height() - metrics.row_height).max(metrics.row_height);
        let mut scroll = 0.0;
        let new_head = match key {
            Key::ArrowLeft if collapse => low,
            Key::ArrowRight if collapse => high,
            Key::ArrowLeft if word => self.word_start_before(head),
            Key::ArrowRight if word => self.word_end_after(head),
            Key::ArrowLeft => {
                self.doc
                    .snap_to_graphemes(head.saturating_sub(1)..head)
                    .start
            }
            Key::ArrowRight => self.doc.snap_to_graphemes(head..(head + 1).min(len)).end,
            Key::ArrowUp => self.vertical_move(placed, head, -metrics.row_height),
            Key::ArrowDown => self.vertical_move(placed, head, metrics.row_height),
            Key::PageUp => {
                scroll = -page;
                self.vertical_move(placed, head, -page)
            }
            Key::PageDown => {
                scroll = page;
                self.vertical_move(placed, head, page)
            }
            Key::Home if word => 0,
            Key::End if word => len,
            Key::Home => self.line_of(head).start,
            Key::End => self.line_of(head).end,
            _ => return,
        };
        if !matches!(
            key,
            Key::ArrowUp | Key::ArrowDown | Key::PageUp | Key::PageDown
        ) {
            self.preferred_x = None;
        }
        self.selection = Some(if modifiers.shift {
            (anchor, new_head)
        } else {
            (new_head, new_head)
        });
        if scroll != 0.0 {
            self.scroll_by(scroll);
        } else if !self.char_visible(placed, new_head, visible) {
            self.pending_scroll = Some((new_head, 1));
        }
    }

    /// Chars of the line (block) holding `at`.
    fn line_of(&self, at: usize) -> std::ops::Range<usize> {
        let b = block_at_char(&self.blocks, at);
        self.blocks
            .get(b)
            .map_or(at..at, |block| block.char_range.clone())
    }

    /// Start of the word before `at` (Unicode word boundaries), or the line start.
    fn word_start_before(&self, at: usize) -> usize {
        let mut line = self.line_of(at);
        if at == line.start && at > 0 {
            // Already at a line start: go to the end of the line before.
            line = self.line_of(at - 1);
            if line.end < at {
                return line.end;
            }
        }
        let mut best = line.start;
        for (start, end) in self.words_in(line.clone()) {
            if start < at {
                best = start;
            }
            if end >= at {
                break;
            }
        }
        best
    }

    /// End of the word after `at`, or the line end (past it: the next line's start).
    fn word_end_after(&self, at: usize) -> usize {
        let line = self.line_of(at);
        if at >= line.end {
            let next = block_at_char(&self.blocks, at) + 1;
            return self
                .blocks
                .get(next)
                .map_or(self.doc.char_len(), |b| b.char_range.start);
        }
        self.words_in(line.clone())
            .into_iter()
            .find(|&(_, end)| end > at)
            .map_or(line.end, |(_, end)| end)
    }

    /// The words (segments holding a letter or digit) of a line, as global char ranges.
    fn words_in(&self, line: std::ops::Range<usize>) -> Vec<(usize, usize)> {
        let text = self.doc.slice(line.clone());
        let mut words = Vec::new();
        let mut at = line.start;
        for segment in text.split_word_bounds() {
            let n = segment.chars().count();
            if segment.chars().any(char::is_alphanumeric) {
                words.push((at, at + n));
            }
            at += n;
        }
        words
    }

    /// Draw the caret (the selection's moving end) while the view has focus.
    pub(super) fn paint_caret(&self, ui: &Ui, placed: &[Placed], focused: bool) {
        let Some((_, head)) = self.selection.filter(|_| focused) else {
            return;
        };
        let b = block_at_char(&self.blocks, head);
        let (Some(p), Some(block)) = (placed.iter().find(|p| p.block == b), self.blocks.get(b))
        else {
            return;
        };
        let rect = cursor_rect(&p.galley, head.saturating_sub(block.char_range.start))
            .translate(p.pos.to_vec2());
        let stroke = Stroke::new(2.0, ui.visuals().text_cursor.stroke.color);
        ui.painter().line_segment(
            [
                pos2(rect.left(), rect.top()),
                pos2(rect.left(), rect.bottom()),
            ],
            stroke,
        );
    }
}
