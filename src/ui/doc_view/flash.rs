//! A short flash over a place in the document ("Show" in the review queue), so the eye finds
//! where the view scrolled to.

use std::ops::Range;

use egui::{Stroke, StrokeKind, Ui};

use super::blocks::block_at_char;
use super::geometry::range_rects;
use super::{DocView, Placed};

/// How long a flash lasts, seconds.
pub const FLASH_SECONDS: f64 = 1.6;

/// A place being flashed and when the flash started (set at its first frame).
#[derive(Debug, Clone, Default)]
pub(super) struct Flash {
    chars: Option<Range<usize>>,
    started: Option<f64>,
}

impl DocView {
    /// Scroll to `chars` and flash them for [`FLASH_SECONDS`].
    pub fn show_and_flash(&mut self, chars: Range<usize>) {
        let len = self.doc.char_len();
        let chars = chars.start.min(len)..chars.end.min(len);
        self.scroll_to_char(chars.start);
        self.flash = Flash {
            chars: Some(chars),
            started: None,
        };
    }

    /// The place flashing now, if any.
    pub fn flashing(&self) -> Option<Range<usize>> {
        self.flash.chars.clone()
    }

    /// Draw the flash (fading out) over the placed blocks.
    pub(super) fn paint_flash(&mut self, ui: &Ui, placed: &[Placed]) {
        let Some(chars) = self.flash.chars.clone() else {
            return;
        };
        let now = ui.input(|i| i.time);
        let started = *self.flash.started.get_or_insert(now);
        let age = now - started;
        if age >= FLASH_SECONDS {
            self.flash = Flash::default();
            return;
        }
        ui.ctx().request_repaint();
        #[expect(
            clippy::cast_possible_truncation,
            reason = "a fraction between 0 and 1 for a colour"
        )]
        let strength = (1.0 - age / FLASH_SECONDS) as f32;
        let color = ui.visuals().warn_fg_color;
        let stroke = Stroke::new(3.0, color.gamma_multiply(strength));
        let fill = color.gamma_multiply(0.3 * strength);
        let first = block_at_char(&self.blocks, chars.start);
        let last = block_at_char(&self.blocks, chars.end.saturating_sub(1).max(chars.start));
        for p in placed.iter().filter(|p| (first..=last).contains(&p.block)) {
            let Some(block) = self.blocks.get(p.block) else {
                continue;
            };
            let start = block.char_range.start;
            let local = chars.start.saturating_sub(start)
                ..chars.end.saturating_sub(start).min(block.char_len());
            for rect in range_rects(&p.galley, local) {
                let rect = rect.translate(p.pos.to_vec2()).expand(2.0);
                ui.painter().rect_filled(rect, 3.0, fill);
                ui.painter()
                    .rect_stroke(rect, 3.0, stroke, StrokeKind::Outside);
            }
        }
    }
}
