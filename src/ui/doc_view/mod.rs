//! The document view: per-paragraph galleys, highlights, hit-testing, selection.
//!
//! Long documents stay fast because only the blocks (paragraphs) in the viewport are laid out,
//! one galley each, cached by (block, wrap width, font size, theme, the block's highlights);
//! blocks never seen keep an estimated height. All offsets in and out are chars over the
//! canonical text.

mod blocks;
mod flash;
mod geometry;
mod highlights;
mod input;
mod invisible;
mod keys;
mod layout;
mod paint;
mod view;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use egui::{Pos2, Response};

use crate::model::{AnnotationId, Document};
use blocks::{Block, Heights};
pub use flash::FLASH_SECONDS;
use highlights::HighlightIndex;
pub use highlights::{Highlight, HighlightKind, LAYER_DASHES};
pub use invisible::{InvisibleKind, describe as describe_invisible, invisible_kind};
use layout::{CachedBlock, Metrics};

/// Default font size in points.
pub const DEFAULT_FONT_SIZE: f32 = 16.0;
/// Smallest and largest font sizes accepted.
pub const FONT_SIZE_RANGE: std::ops::RangeInclusive<f32> = 8.0..=48.0;
/// Readable column width, in average chars.
pub const MAX_COLUMN_CHARS: f32 = 70.0;
/// Line height as a multiple of the font size.
pub const LINE_SPACING: f32 = 1.5;
/// Space between paragraphs as a multiple of the font size.
pub const PARAGRAPH_GAP: f32 = 0.5;

/// What happened in the view this frame.
#[derive(Debug, Clone)]
pub struct DocViewResponse {
    /// Response of the whole view (for context menus, focus).
    pub response: Response,
    /// Annotations under a plain click (no drag), shortest span first; empty if none.
    pub clicked: Vec<AnnotationId>,
    /// Annotations under the pointer this frame, shortest span first.
    pub hovered: Vec<AnnotationId>,
    /// The reader's selection changed this frame (by pointer or keyboard).
    pub selection_changed: bool,
}

/// A read-only view of a document with highlights and a char-offset text selection.
///
/// ```no_run
/// # use std::sync::Arc;
/// # use factmark::{model::Document, ui::doc_view::DocView};
/// # fn show(ui: &mut egui::Ui) {
/// let mut view = DocView::new(Arc::new(Document::new("A claim.\nAnother one.")));
/// let out = view.ui(ui);
/// if let Some(chars) = view.selection() { let _ = chars; }
/// # let _ = out; }
/// ```
pub struct DocView {
    doc: Arc<Document>,
    blocks: Vec<Block>,
    heights: Heights,
    /// (column width, font size) the heights were estimated/measured at.
    heights_key: Option<(u32, u32)>,
    highlights: HighlightIndex,
    selected_annotation: Option<AnnotationId>,
    /// (anchor, head) in chars; may be empty (a caret after a click).
    selection: Option<(usize, usize)>,
    dragging: bool,
    /// Char to bring into view, and how many more frames to re-aim (heights settle).
    pending_scroll: Option<(usize, u8)>,
    font_size: f32,
    cache: HashMap<usize, CachedBlock>,
    frame: u64,
    /// Scroll offset seen last frame.
    scroll_y: f32,
    /// Correction to add to the scroll offset next frame (a block above changed height).
    scroll_fix: f32,
    /// First visible block and how far into it (0..1) the viewport top was, last frame.
    top_anchor: Option<(usize, f32)>,
    metrics: Option<Metrics>,
    /// Remembered x for Shift+Up/Down.
    preferred_x: Option<f32>,
    /// Blocks placed on screen in the last frame.
    last_placed: Vec<Placed>,
    /// Take keyboard focus next frame.
    focus_wanted: bool,
    /// A place flashing after "Show".
    flash: flash::Flash,
}

impl DocView {
    /// A view of `doc` with no highlights, no selection, at the top.
    pub fn new(doc: Arc<Document>) -> Self {
        let blocks = blocks::split_blocks(&doc);
        Self {
            doc,
            heights: Heights::default(),
            heights_key: None,
            highlights: HighlightIndex::build(Vec::new(), &blocks),
            blocks,
            selected_annotation: None,
            selection: None,
            dragging: false,
            pending_scroll: None,
            font_size: DEFAULT_FONT_SIZE,
            cache: HashMap::new(),
            frame: 0,
            scroll_y: 0.0,
            scroll_fix: 0.0,
            top_anchor: None,
            metrics: None,
            preferred_x: None,
            last_placed: Vec::new(),
            focus_wanted: false,
            flash: flash::Flash::default(),
        }
    }

    /// The document shown.
    pub fn document(&self) -> &Arc<Document> {
        &self.doc
    }

    /// Replace all highlights (sorted and indexed here; 10 000 take about a millisecond).
    pub fn set_highlights(&mut self, highlights: Vec<Highlight>) {
        self.highlights = HighlightIndex::build(highlights, &self.blocks);
    }

    /// All highlights, sorted by start.
    pub fn highlights(&self) -> &[Highlight] {
        self.highlights.items()
    }

    /// Draw this annotation's spans outlined (`None`: no outline).
    pub fn set_selected_annotation(&mut self, id: Option<AnnotationId>) {
        self.selected_annotation = id;
    }

    /// The annotation drawn outlined.
    pub fn selected_annotation(&self) -> Option<AnnotationId> {
        self.selected_annotation
    }

    /// The reader's text selection in chars, snapped to grapheme boundaries; never empty.
    pub fn selection(&self) -> Option<Range<usize>> {
        let (anchor, head) = self.selection?;
        let range = anchor.min(head)..anchor.max(head);
        if range.is_empty() {
            return None;
        }
        let snapped = self.doc.snap_to_graphemes(range);
        (!snapped.is_empty()).then_some(snapped)
    }

    /// Set (or clear) the selection; it is clamped to the document.
    pub fn set_selection(&mut self, selection: Option<Range<usize>>) {
        let len = self.doc.char_len();
        self.selection = selection.map(|r| (r.start.min(len), r.end.min(len)));
    }

    /// Bring the line holding this char into view (about a third from the top) next frame.
    pub fn scroll_to_char(&mut self, char_offset: usize) {
        self.pending_scroll = Some((char_offset.min(self.doc.char_len()), 3));
    }

    /// Scroll by `points` (positive: further down the document) next frame.
    pub fn scroll_by(&mut self, points: f32) {
        if points.is_finite() {
            self.scroll_fix += points;
        }
    }

    /// Set the font size in points (clamped to [`FONT_SIZE_RANGE`]).
    pub fn set_font_size(&mut self, points: f32) {
        let points = if points.is_finite() {
            points
        } else {
            DEFAULT_FONT_SIZE
        };
        self.font_size = points.clamp(*FONT_SIZE_RANGE.start(), *FONT_SIZE_RANGE.end());
    }

    /// The font size in points.
    pub fn font_size(&self) -> f32 {
        self.font_size
    }

    /// Number of blocks (paragraphs, very long ones cut) the document was split into.
    pub fn block_count(&self) -> usize {
        self.blocks.len()
    }

    /// Number of block layouts currently cached (for tests and benchmarks).
    pub fn cached_layouts(&self) -> usize {
        self.cache.len()
    }

    /// Screen rectangle of a char as drawn in the last frame, if it was on screen.
    pub fn char_screen_rect(&self, char_offset: usize) -> Option<egui::Rect> {
        let b = blocks::block_at_char(&self.blocks, char_offset);
        let block = self.blocks.get(b)?;
        let placed = self.last_placed.iter().find(|p| p.block == b)?;
        let local = char_offset.checked_sub(block.char_range.start)?;
        let rect = geometry::range_rects(&placed.galley, local..local + 1)
            .into_iter()
            .next()?;
        Some(rect.translate(placed.pos.to_vec2()))
    }

    /// First char of the topmost block drawn in the last frame (to remember a reading position).
    pub fn first_visible_char(&self) -> Option<usize> {
        let placed = self.last_placed.first()?;
        self.blocks.get(placed.block).map(|b| b.char_range.start)
    }

    /// Show the view, filling the available space.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> DocViewResponse {
        self.frame += 1;
        let before = self.selection();
        let id = ui.make_persistent_id("factmark_doc_view");
        let frame = self.frame_ui(ui, id);
        let after = self.selection();
        self.evict_cache();
        DocViewResponse {
            response: frame.response,
            clicked: frame.clicked,
            hovered: frame.hovered,
            selection_changed: before != after,
        }
    }

    fn evict_cache(&mut self) {
        const KEEP: usize = 400;
        if self.cache.len() > KEEP {
            let frame = self.frame;
            self.cache.retain(|_, c| c.last_used + 2 >= frame);
        }
    }
}

/// One laid-out block placed on screen this frame.
#[derive(Clone)]
struct Placed {
    block: usize,
    /// Screen position of the galley's top-left.
    pos: Pos2,
    galley: Arc<egui::Galley>,
}

/// What one frame produced.
struct FrameOutput {
    response: Response,
    clicked: Vec<AnnotationId>,
    hovered: Vec<AnnotationId>,
}
