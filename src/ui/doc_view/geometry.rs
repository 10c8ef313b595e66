//! Geometry inside one laid-out block: rects of char ranges, chars under a point, cursors.
//!
//! All positions are relative to the galley's top-left; char indices are local to the block
//! (the galley's text has no newlines). Glyphs are mapped to chars from the galley, not one
//! to one: egui 0.37 shapes a right-to-left run (Hebrew, Arabic) into its glyphs in visual
//! order, right to left, and then adds one zero-width glyph for each further char of the
//! run ([`glyph_chars`]). So a selection or an outline in such a run covers exactly the
//! chars it shows. Lines are not reordered by the Unicode bidi algorithm beyond what egui
//! does (see README "Known limits").

use std::ops::Range;
use std::sync::Arc;

use egui::{Galley, Pos2, Rect, pos2};

/// Longest right-to-left run (chars) looked for at one place.
const MAX_RUN_CHARS: usize = 1024;

/// Is `c` written right to left (Hebrew, Arabic and the other RTL blocks)?
fn is_rtl(c: char) -> bool {
    matches!(u32::from(c),
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

/// For each row of `galley`, the block-local char each of its glyphs shows, in galley
/// order; `None` for the extra zero-width glyphs egui adds after a right-to-left run.
///
/// ```text
/// text "ab שלום"   glyphs a b ' ' ם ו ל ש | ל ו ם     chars 0 1 2 6 5 4 3 | - - -
/// ```
pub fn glyph_chars(galley: &Galley) -> Vec<Vec<Option<usize>>> {
    let text: Vec<char> = galley.text().chars().collect();
    let glyphs: Vec<(char, f32)> = galley
        .rows
        .iter()
        .flat_map(|row| row.glyphs.iter().map(|g| (g.chr, g.advance_width)))
        .collect();
    let mut chars: Vec<Option<usize>> = vec![None; glyphs.len()];
    let mut next = 0;
    let mut index = 0;
    while let Some(&(chr, _)) = glyphs.get(index) {
        let left_to_right = !is_rtl(chr) && text.get(next) == Some(&chr);
        let run = if left_to_right {
            0
        } else {
            reversed_run(&glyphs, index, &text, next)
        };
        if run >= 2 || (run == 1 && is_rtl(chr)) {
            for offset in 0..run {
                if let Some(slot) = chars.get_mut(index + offset) {
                    *slot = Some(next + run - 1 - offset);
                }
            }
            index += run;
            // egui's zero-width copies of the run's chars after its first.
            for copy in next + 1..next + run {
                match glyphs.get(index) {
                    Some(&(c, width)) if width == 0.0 && text.get(copy) == Some(&c) => index += 1,
                    _ => break,
                }
            }
            next += run;
        } else {
            // Left to right (or a glyph not matched: it shows the next char).
            if let Some(slot) = chars.get_mut(index) {
                *slot = (next < text.len()).then_some(next);
            }
            next += 1;
            index += 1;
        }
    }
    let mut rows = Vec::with_capacity(galley.rows.len());
    let mut from = 0;
    for row in &galley.rows {
        let to = from + row.glyphs.len();
        rows.push(chars.get(from..to).unwrap_or_default().to_vec());
        from = to;
    }
    rows
}

/// How many glyphs from `index` show `text[next..]` reversed (a right-to-left run holding
/// at least one right-to-left char); 0 if none, or if the glyph shows `text[next]` itself
/// and the run is only that char.
fn reversed_run(glyphs: &[(char, f32)], index: usize, text: &[char], next: usize) -> usize {
    let limit = glyphs
        .len()
        .saturating_sub(index)
        .min(text.len().saturating_sub(next))
        .min(MAX_RUN_CHARS);
    let Some(&(first, _)) = glyphs.get(index) else {
        return 0;
    };
    for run in (1..=limit).rev() {
        // The run's first glyph shows its last char: a cheap test before the full one.
        if text.get(next + run - 1) != Some(&first) {
            continue;
        }
        let matches = (0..run).all(|offset| {
            glyphs.get(index + offset).map(|g| g.0) == text.get(next + run - 1 - offset).copied()
        });
        if matches && (0..run).any(|offset| glyphs.get(index + offset).is_some_and(|g| is_rtl(g.0)))
        {
            return run;
        }
    }
    0
}

/// One glyph of a row, placed, with the char it shows.
struct Shown {
    char_index: usize,
    left: f32,
    right: f32,
    rtl: bool,
}

/// The glyphs of each row that show a char, with galley-relative x.
fn shown(galley: &Galley) -> Vec<Vec<Shown>> {
    galley
        .rows
        .iter()
        .zip(glyph_chars(galley))
        .map(|(row, chars)| {
            row.glyphs
                .iter()
                .zip(chars)
                .filter_map(|(glyph, char_index)| {
                    Some(Shown {
                        char_index: char_index?,
                        left: row.pos.x + glyph.pos.x,
                        right: row.pos.x + glyph.max_x(),
                        rtl: is_rtl(glyph.chr),
                    })
                })
                .collect()
        })
        .collect()
}

/// Rectangles covering the chars `range` (one per run of adjacent glyphs in a row: a range
/// crossing a change of direction shows as several), galley-relative.
pub fn range_rects(galley: &Galley, range: Range<usize>) -> Vec<Rect> {
    let mut rects = Vec::new();
    if range.start >= range.end {
        return rects;
    }
    for (row, glyphs) in galley.rows.iter().zip(shown(galley)) {
        let mut current: Option<(f32, f32)> = None;
        for glyph in &glyphs {
            if range.contains(&glyph.char_index) {
                let (left, right) = current.get_or_insert((glyph.left, glyph.right));
                *left = left.min(glyph.left);
                *right = right.max(glyph.right);
            } else if let Some((left, right)) = current.take() {
                rects.push(row_rect(row, left, right));
            }
        }
        if let Some((left, right)) = current {
            rects.push(row_rect(row, left, right));
        }
    }
    rects
}

fn row_rect(row: &egui::epaint::text::PlacedRow, left: f32, right: f32) -> Rect {
    Rect::from_min_max(
        pos2(left, row.min_y()),
        pos2(right.max(left + 1.0), row.max_y()),
    )
}

/// Baseline y of a row (relative to the galley), for underlines.
pub fn row_baseline(galley: &Galley, row_index: usize) -> Option<f32> {
    let row = galley.rows.get(row_index)?;
    let glyph = row.glyphs.first()?;
    Some(row.pos.y + glyph.pos.y)
}

/// Underline segments for chars `range`: (left x, right x, baseline y) per rect.
pub fn range_baselines(galley: &Galley, range: Range<usize>) -> Vec<(f32, f32, f32)> {
    let mut out = Vec::new();
    for rect in range_rects(galley, range) {
        let row_index = galley
            .rows
            .iter()
            .position(|row| row.min_y() <= rect.center().y && rect.center().y <= row.max_y());
        if let Some(baseline) = row_index.and_then(|index| row_baseline(galley, index)) {
            out.push((rect.left(), rect.right(), baseline));
        }
    }
    out
}

/// The char whose glyph is under `pos`, if any.
pub fn char_under(galley: &Galley, pos: Pos2) -> Option<usize> {
    let index = galley
        .rows
        .iter()
        .position(|row| row.min_y() <= pos.y && pos.y <= row.max_y())?;
    let rows = shown(galley);
    rows.get(index)?
        .iter()
        .find(|g| g.left <= pos.x && pos.x < g.right)
        .map(|g| g.char_index)
}

/// Cursor (between chars) nearest to `pos`: before or after the char under it, by which
/// half of its glyph is hit and which way the glyph's text runs; never inside a grapheme
/// cluster (a cursor after "e" of "e\u{301}" goes after its accent).
pub fn cursor_at(galley: &Arc<Galley>, pos: Pos2) -> usize {
    let cursor = cursor_at_char(galley, pos);
    let mut chars = 0;
    for grapheme in unicode_segmentation::UnicodeSegmentation::graphemes(galley.text(), true) {
        if chars >= cursor {
            return chars;
        }
        chars += grapheme.chars().count();
    }
    chars
}

fn cursor_at_char(galley: &Arc<Galley>, pos: Pos2) -> usize {
    let char_count = galley.text().chars().count();
    let Some(first) = galley.rows.first() else {
        return 0;
    };
    if pos.y < first.min_y() {
        return 0;
    }
    let rows = shown(galley);
    let Some(index) = galley.rows.iter().position(|row| pos.y <= row.max_y()) else {
        return char_count;
    };
    let Some(glyphs) = rows.get(index) else {
        return char_count;
    };
    let row_start = glyphs.iter().map(|g| g.char_index).min();
    let row_end = glyphs.iter().map(|g| g.char_index + 1).max();
    let (Some(row_start), Some(row_end)) = (row_start, row_end) else {
        // An empty row: the cursor is where the next row starts.
        return rows
            .iter()
            .skip(index)
            .flatten()
            .map(|g| g.char_index)
            .min()
            .unwrap_or(char_count);
    };
    if let Some(glyph) = glyphs.iter().find(|g| g.left <= pos.x && pos.x < g.right) {
        let left_half = pos.x < (glyph.left + glyph.right) / 2.0;
        return if left_half != glyph.rtl {
            glyph.char_index
        } else {
            glyph.char_index + 1
        };
    }
    let leftmost = glyphs.iter().map(|g| g.left).fold(f32::INFINITY, f32::min);
    if pos.x < leftmost { row_start } else { row_end }
}

/// Rectangle (zero width) of the cursor before local char `index`.
pub fn cursor_rect(galley: &Galley, index: usize) -> Rect {
    let rows = shown(galley);
    for (row, glyphs) in galley.rows.iter().zip(&rows) {
        let x = if let Some(glyph) = glyphs.iter().find(|g| g.char_index == index) {
            Some(if glyph.rtl { glyph.right } else { glyph.left })
        } else {
            index.checked_sub(1).and_then(|before| {
                glyphs
                    .iter()
                    .find(|g| g.char_index == before)
                    .filter(|_| !glyphs.iter().any(|g| g.char_index >= index))
                    .map(|g| if g.rtl { g.left } else { g.right })
            })
        };
        if let Some(x) = x {
            return Rect::from_min_max(pos2(x, row.min_y()), pos2(x, row.max_y()));
        }
    }
    galley.pos_from_cursor(egui::text::CCursor::new(index))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lay out each text on one line (with DejaVu Sans as a fallback when the machine has
    /// it, so Arabic and Hebrew are shaped by a real font) and hand the galleys to `check`.
    fn with_galleys(texts: &[&str], check: impl Fn(&str, &Arc<Galley>)) {
        let ctx = egui::Context::default();
        let dejavu = std::path::Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
        if let Ok(bytes) = std::fs::read(dejavu) {
            let mut fonts = egui::FontDefinitions::default();
            fonts.font_data.insert(
                "dejavu".to_owned(),
                Arc::new(egui::FontData::from_owned(bytes)),
            );
            if let Some(family) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
                family.push("dejavu".to_owned());
            }
            ctx.set_fonts(fonts);
        }
        for _ in 0..2 {
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                for text in texts {
                    let job = egui::text::LayoutJob::simple(
                        (*text).to_owned(),
                        egui::FontId::proportional(16.0),
                        egui::Color32::WHITE,
                        2000.0,
                    );
                    check(text, &ui.painter().layout_job(job));
                }
            });
            output.textures_delta.clear();
        }
    }

    const LINES: [&str; 6] = [
        "שלום עולם",
        "مرحبا بالعالم",
        "Quote from שלום עולם today, said Dana.",
        "The minister مرحبا بالعالم spoke at noon.",
        "cafe\u{301} and nai\u{308}ve",
        "family 👩\u{200d}👩\u{200d}👧 and 👍🏽 emoji",
    ];

    #[test]
    fn every_char_is_shown_by_exactly_one_glyph_that_draws_it() {
        with_galleys(&LINES, |text, galley| {
            let chars: Vec<char> = text.chars().collect();
            let mut seen = vec![0; chars.len()];
            for (row, mapped) in galley.rows.iter().zip(glyph_chars(galley)) {
                for (glyph, char_index) in row.glyphs.iter().zip(mapped) {
                    let Some(char_index) = char_index else {
                        assert_eq!(
                            glyph.advance_width, 0.0,
                            "{text:?}: an unmapped glyph draws"
                        );
                        continue;
                    };
                    // (egui's zero-width glyphs for the rest of a cluster drawn as one
                    // picture, as an emoji sequence, carry the cluster's first char.)
                    if glyph.advance_width > 0.0 {
                        assert_eq!(
                            chars.get(char_index),
                            Some(&glyph.chr),
                            "{text:?}: glyph {:?} mapped to char {char_index}",
                            glyph.chr
                        );
                    }
                    seen[char_index] += 1;
                }
            }
            assert!(seen.iter().all(|&n| n == 1), "{text:?}: {seen:?}");
        });
    }

    /// The char range a drag from the left edge to the right edge of the glyphs showing
    /// `word` selects, and the rects outlining that range.
    fn drag_over(galley: &Arc<Galley>, text: &str, word: &str) -> (String, Vec<Rect>, Rect) {
        let start = text
            .find(word)
            .map(|b| text[..b].chars().count())
            .unwrap_or(0);
        let word_chars = start..start + word.chars().count();
        // The word's glyphs as egui placed them, found by what they draw (not by index).
        let chars: Vec<char> = text.chars().collect();
        let mut shown_rect = Rect::NOTHING;
        for (row, mapped) in galley.rows.iter().zip(glyph_chars(galley)) {
            for (glyph, char_index) in row.glyphs.iter().zip(mapped) {
                if char_index.is_some_and(|c| word_chars.contains(&c)) && glyph.advance_width > 0.0
                {
                    shown_rect |= Rect::from_min_max(
                        pos2(row.pos.x + glyph.pos.x, row.min_y()),
                        pos2(row.pos.x + glyph.max_x(), row.max_y()),
                    );
                }
            }
        }
        let y = shown_rect.center().y;
        // Two points inside the word's outer glyphs (glyph boxes overlap by a pixel).
        let a = cursor_at(galley, pos2(shown_rect.left() + 2.0, y));
        let b = cursor_at(galley, pos2(shown_rect.right() - 2.0, y));
        let selected: String = chars
            .get(a.min(b)..a.max(b))
            .unwrap_or_default()
            .iter()
            .collect();
        let rects = range_rects(galley, a.min(b)..a.max(b));
        (selected, rects, shown_rect)
    }

    #[test]
    fn a_drag_over_a_word_selects_exactly_it_and_its_outline_covers_it() {
        let cases = [
            ("שלום עולם", "עולם"),
            ("Quote from שלום עולם today, said Dana.", "שלום"),
            ("Quote from שלום עולם today, said Dana.", "today"),
            ("The minister مرحبا بالعالم spoke at noon.", "بالعالم"),
            ("The minister مرحبا بالعالم spoke at noon.", "spoke"),
            ("cafe\u{301} and nai\u{308}ve", "cafe\u{301}"),
            ("family 👩\u{200d}👩\u{200d}👧 and 👍🏽 emoji", "👍🏽"),
        ];
        let texts: Vec<&str> = cases.iter().map(|(text, _)| *text).collect();
        with_galleys(&texts, |text, galley| {
            for (_, word) in cases.iter().filter(|(t, _)| *t == text) {
                let (selected, rects, shown) = drag_over(galley, text, word);
                assert_eq!(&selected, word, "{text:?}");
                let outline = rects.iter().fold(Rect::NOTHING, |all, r| all | *r);
                assert!(
                    (outline.left() - shown.left()).abs() < 1.0
                        && (outline.right() - shown.right()).abs() < 1.0,
                    "{text:?} {word:?}: outline {outline:?} vs glyphs {shown:?}"
                );
            }
        });
    }
}
