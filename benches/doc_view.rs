//! Frame times of the document view on a synthetic ~10 MB document with 10 000 highlights.
//!
//! `cargo bench --bench doc_view`. Drives `egui::Context::run_ui` directly (no window), and
//! tessellates each frame's shapes as a real frame would. Prints medians.

#![allow(clippy::print_stdout, clippy::panic)] // a benchmark prints its numbers

use std::sync::Arc;
use std::time::{Duration, Instant};

use egui::{Color32, RawInput, Rect, pos2};
use factmark::model::{AnnotationId, Document};
use factmark::ui::doc_view::{DocView, Highlight, HighlightKind};

const TARGET_BYTES: usize = 10 * 1024 * 1024;
const HIGHLIGHTS: usize = 10_000;
const FRAMES: usize = 50;

#[path = "support/lcg.rs"]
mod lcg;
use lcg::Lcg;

fn synthetic_text(rng: &mut Lcg) -> String {
    const WORDS: &[&str] = &[
        "the",
        "council",
        "bridge",
        "repair",
        "million",
        "report",
        "said",
        "inspectors",
        "corrosion",
        "of",
        "and",
        "a",
        "to",
        "in",
        "vote",
        "budget",
        "café",
        "naïve",
        "—",
        "2026",
        "percent",
        "water",
        "quality",
        "claims",
        "according",
        "spokesperson",
        "déjà",
        "über",
        "évaluation",
    ];
    let mut text = String::with_capacity(TARGET_BYTES + 2000);
    while text.len() < TARGET_BYTES {
        let para_chars = 200 + rng.below(1300);
        let mut n = 0;
        while n < para_chars {
            let word = WORDS.get(rng.below(WORDS.len())).copied().unwrap_or("x");
            text.push_str(word);
            n += word.chars().count();
            if rng.below(40) == 0 {
                text.push_str(". ");
                n += 2;
            } else {
                text.push(' ');
                n += 1;
            }
            if rng.below(5000) == 0 {
                text.push('\u{202E}');
                n += 1;
            }
        }
        text.push('\n');
        if rng.below(3) == 0 {
            text.push('\n');
        }
    }
    text
}

fn synthetic_highlights(rng: &mut Lcg, char_len: usize) -> Vec<Highlight> {
    let colors = [
        Color32::GOLD,
        Color32::LIGHT_BLUE,
        Color32::LIGHT_RED,
        Color32::LIGHT_GREEN,
    ];
    (0..HIGHLIGHTS)
        .map(|i| {
            let start = rng.below(char_len.saturating_sub(200));
            let len = 5 + rng.below(150);
            Highlight {
                id: (i % 10 != 0).then(AnnotationId::random),
                char_range: start..start + len,
                color: colors
                    .get(i % colors.len())
                    .copied()
                    .unwrap_or(Color32::GOLD),
                kind: if i % 10 == 0 {
                    HighlightKind::FindMatch
                } else {
                    HighlightKind::Annotation
                },
            }
        })
        .collect()
}

fn input() -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(
            pos2(0.0, 0.0),
            egui::vec2(1280.0, 900.0),
        )),
        ..Default::default()
    }
}

/// Run one frame (layout, paint, tessellate) and return its wall time.
fn frame(ctx: &egui::Context, view: &mut DocView) -> Duration {
    let started = Instant::now();
    let mut output = ctx.run_ui(input(), |ui| {
        egui::CentralPanel::default_margins().show(ui, |ui| {
            view.ui(ui);
        });
    });
    let shapes = std::mem::take(&mut output.shapes);
    let primitives = ctx.tessellate(shapes, output.pixels_per_point);
    std::hint::black_box(primitives);
    output.textures_delta.clear();
    started.elapsed()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let mut rng = Lcg(0x5eed);
    let text = synthetic_text(&mut rng);
    let started = Instant::now();
    let doc = Arc::new(Document::new(&text));
    let doc_time = started.elapsed();
    println!(
        "document: {} bytes, {} chars, {} lines (Document::new {})",
        text.len(),
        doc.char_len(),
        doc.line_starts().len(),
        ms(doc_time)
    );

    let started = Instant::now();
    let mut view = DocView::new(doc.clone());
    println!(
        "DocView::new: {} ({} blocks)",
        ms(started.elapsed()),
        view.block_count()
    );

    let highlights = synthetic_highlights(&mut rng, doc.char_len());
    let mut set_times = Vec::new();
    for _ in 0..5 {
        let copy = highlights.clone();
        let started = Instant::now();
        view.set_highlights(copy);
        set_times.push(started.elapsed());
    }
    println!(
        "set_highlights ({HIGHLIGHTS}): median {}",
        ms(median(set_times))
    );

    let ctx = egui::Context::default();
    let first = frame(&ctx, &mut view);
    println!("first frame: {}", ms(first));

    let mut scrolling = Vec::new();
    let top_before = view.first_visible_char().unwrap_or(0);
    for _ in 0..FRAMES {
        view.scroll_by(120.0);
        scrolling.push(frame(&ctx, &mut view));
    }
    let top_after = view.first_visible_char().unwrap_or(0);
    assert!(
        top_after > top_before,
        "the view scrolled: {top_before} -> {top_after}"
    );
    println!("scrolled from char {top_before} to {top_after}");
    println!(
        "scrolling 120 pt/frame: median {} over {FRAMES} frames (max {})",
        ms(median(scrolling.clone())),
        ms(scrolling.iter().max().copied().unwrap_or_default())
    );

    let mut still = Vec::new();
    for _ in 0..FRAMES {
        still.push(frame(&ctx, &mut view));
    }
    println!("idle repaint: median {}", ms(median(still)));

    let mut jumps = Vec::new();
    for i in 0..20 {
        view.scroll_to_char(doc.char_len() / 20 * i + 12_345);
        let mut total = Duration::ZERO;
        for _ in 0..3 {
            total += frame(&ctx, &mut view);
        }
        jumps.push(total);
    }
    println!(
        "scroll_to_char far jump (3 frames to settle): median {}",
        ms(median(jumps))
    );

    let mut rehighlight = Vec::new();
    for _ in 0..10 {
        let copy = highlights.clone();
        let started = Instant::now();
        view.set_highlights(copy);
        frame(&ctx, &mut view);
        rehighlight.push(started.elapsed());
    }
    println!("set_highlights + frame: median {}", ms(median(rehighlight)));

    view.set_font_size(20.0);
    let font_change = frame(&ctx, &mut view);
    println!("frame after font size change: {}", ms(font_change));
    println!("cached block layouts: {}", view.cached_layouts());
    // Peak memory of the whole process (text + document index + view), Linux only.
    if let Ok(status) = std::fs::read_to_string("/proc/self/status")
        && let Some(line) = status.lines().find(|l| l.starts_with("VmHWM"))
    {
        println!("peak memory: {}", line.trim_start_matches("VmHWM:").trim());
    }
}
