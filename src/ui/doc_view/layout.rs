//! Laying out one block into a galley (with highlight sections and invisible-char stand-ins),
//! the layout cache entry, and font metrics for height estimates.

use std::sync::Arc;

use egui::text::{ByteIndex, LayoutJob, LayoutSection, TextFormat, TextWrapping};
use egui::{Color32, FontId, Galley, Ui};

use super::highlights::{Palette, Underline, block_segments, char_byte_table};
use super::invisible::{InvisibleKind, display_text};
use super::{DocView, LINE_SPACING, MAX_COLUMN_CHARS, PARAGRAPH_GAP};

/// Everything a block's galley depends on besides its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutKey {
    wrap_bits: u32,
    font_bits: u32,
    highlights_hash: u64,
    dark: bool,
}

/// A cached block layout.
pub struct CachedBlock {
    key: LayoutKey,
    /// The laid-out text.
    pub galley: Arc<Galley>,
    /// Underlines of overlapping annotations.
    pub underlines: Vec<Underline>,
    /// Local index and original char of each substituted invisible char.
    pub invisible: Vec<(usize, char)>,
    /// Frame number when last used.
    pub last_used: u64,
}

/// Font-derived sizes for one font size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    font_bits: u32,
    /// Average advance of a char of ordinary prose.
    pub avg_char_width: f32,
    /// Height of one row.
    pub row_height: f32,
    /// Gap between blocks.
    pub gap: f32,
    /// Stand-in symbol per invisible kind (the first candidate the font has).
    symbols: [char; 7],
}

const KINDS: [InvisibleKind; 7] = [
    InvisibleKind::RightToLeft,
    InvisibleKind::LeftToRight,
    InvisibleKind::BidiEnd,
    InvisibleKind::ZeroWidth,
    InvisibleKind::SoftHyphen,
    InvisibleKind::Control,
    InvisibleKind::Format,
];

impl Metrics {
    fn measure(ui: &Ui, font_size: f32) -> Self {
        let font_id = FontId::proportional(font_size);
        let sample = "The quick brown fox jumps over the lazy dog, then rests; 1234567890.";
        let galley =
            ui.painter()
                .layout_no_wrap(sample.to_owned(), font_id.clone(), Color32::WHITE);
        let avg_char_width = (galley.size().x / sample.chars().count() as f32).max(1.0);
        let mut symbols = ['?'; 7];
        ui.fonts_mut(|fonts| {
            for (slot, kind) in symbols.iter_mut().zip(KINDS) {
                let found = kind
                    .candidates()
                    .iter()
                    .find(|&&c| fonts.has_glyph(&font_id, c));
                *slot = found.copied().unwrap_or('?');
            }
        });
        Self {
            font_bits: font_size.to_bits(),
            avg_char_width,
            row_height: (font_size * LINE_SPACING).round(),
            gap: (font_size * PARAGRAPH_GAP).round(),
            symbols,
        }
    }

    /// Stand-in for an invisible char kind.
    pub fn symbol(&self, kind: InvisibleKind) -> char {
        KINDS
            .iter()
            .position(|&k| k == kind)
            .and_then(|i| self.symbols.get(i))
            .copied()
            .unwrap_or('?')
    }

    /// Column width for the available width: at most [`MAX_COLUMN_CHARS`] average chars.
    pub fn column_width(&self, available: f32) -> f32 {
        (self.avg_char_width * MAX_COLUMN_CHARS)
            .min(available)
            .max(self.avg_char_width * 8.0)
    }
}

/// Body text colour: between the theme's normal and strong text, for long reading.
pub fn reading_color(visuals: &egui::Visuals) -> Color32 {
    visuals
        .text_color()
        .lerp_to_gamma(visuals.strong_text_color(), 0.6)
}

impl DocView {
    /// Metrics for the current font size, measured once per size.
    pub(super) fn metrics(&mut self, ui: &Ui) -> Metrics {
        match self.metrics {
            Some(m) if m.font_bits == self.font_size.to_bits() => m,
            _ => {
                let m = Metrics::measure(ui, self.font_size);
                self.metrics = Some(m);
                m
            }
        }
    }

    /// Re-estimate block heights if the column width or font size changed, keeping the
    /// block at the top of the viewport in place. Returns a scroll offset to jump to, if any.
    pub(super) fn ensure_heights(&mut self, metrics: &Metrics, column_width: f32) -> Option<f32> {
        let key = (column_width.to_bits(), metrics.font_bits);
        if self.heights_key == Some(key) {
            return None;
        }
        let chars_per_row = (column_width / metrics.avg_char_width).max(1.0);
        let row_height = metrics.row_height;
        self.heights = super::blocks::Heights::estimate(&self.blocks, metrics.gap, |b| {
            let rows = (b.char_len() as f32 / chars_per_row).ceil().max(1.0);
            rows * row_height
        });
        let had_key = self.heights_key.is_some();
        self.heights_key = Some(key);
        let (block, fraction) = self.top_anchor?;
        had_key.then(|| self.heights.top(block) + fraction * self.heights.height(block))
    }

    /// The galley of block `b`, from the cache or laid out now.
    pub(super) fn block_galley(
        &mut self,
        ui: &Ui,
        b: usize,
        metrics: &Metrics,
        column_width: f32,
    ) -> Option<Arc<Galley>> {
        let visuals = ui.visuals();
        let key = LayoutKey {
            wrap_bits: column_width.to_bits(),
            font_bits: metrics.font_bits,
            highlights_hash: self.highlights.block_hash(b),
            dark: visuals.dark_mode,
        };
        if let Some(cached) = self.cache.get_mut(&b)
            && cached.key == key
        {
            cached.last_used = self.frame;
            return Some(cached.galley.clone());
        }
        let block = self.blocks.get(b)?;
        let source = self
            .doc
            .text()
            .get(block.byte_range.clone())
            .unwrap_or_default();
        let shown = display_text(source, |kind| metrics.symbol(kind));
        let invisible_at: Vec<usize> = shown.substituted.iter().map(|&(i, _)| i).collect();
        let palette = Palette::for_theme(visuals.dark_mode);
        let (segments, underlines) =
            block_segments(&self.highlights, b, block, &invisible_at, &palette);
        let bytes = char_byte_table(&shown.text);
        let byte_at = |c: usize| ByteIndex(bytes.get(c).copied().unwrap_or(shown.text.len()));
        let base = TextFormat {
            font_id: FontId::proportional(self.font_size),
            color: reading_color(visuals),
            line_height: Some(metrics.row_height),
            ..Default::default()
        };
        let warn = visuals.warn_fg_color;
        let mut sections: Vec<LayoutSection> = segments
            .iter()
            .map(|segment| {
                let mut format = base.clone();
                format.background = segment.background;
                if segment.invisible {
                    format.color = warn;
                    format.background = warn.gamma_multiply(0.3);
                }
                LayoutSection {
                    leading_space: 0.0,
                    byte_range: byte_at(segment.chars.start)..byte_at(segment.chars.end),
                    format,
                }
            })
            .collect();
        if sections.is_empty() {
            sections.push(LayoutSection {
                leading_space: 0.0,
                byte_range: ByteIndex(0)..ByteIndex(shown.text.len()),
                format: base,
            });
        }
        let job = LayoutJob {
            text: shown.text,
            sections,
            wrap: TextWrapping::wrap_at_width(column_width),
            ..Default::default()
        };
        let galley = ui.painter().layout_job(job);
        self.cache.insert(
            b,
            CachedBlock {
                key,
                galley: galley.clone(),
                underlines,
                invisible: shown.substituted,
                last_used: self.frame,
            },
        );
        Some(galley)
    }
}
