//! Try the document view: `cargo run --example doc_view -- FILE [--light] [--font PT] [--find WORD] [--goto CHAR]`.
//!
//! Shows FILE with fake annotations (some overlapping) every few hundred chars, the find
//! matches of WORD, and a status bar with the selection and what was clicked or hovered.

#![allow(clippy::print_stderr)]

use std::sync::Arc;

use egui::Color32;
use factmark::model::{AnnotationId, Document};
use factmark::ui::doc_view::{DocView, Highlight, HighlightKind};

const COLORS: [Color32; 5] = [
    Color32::from_rgb(255, 200, 0),
    Color32::from_rgb(80, 160, 255),
    Color32::from_rgb(240, 80, 80),
    Color32::from_rgb(80, 200, 120),
    Color32::from_rgb(190, 120, 255),
];

/// Fake annotations: a span every ~250 chars, every third one overlapped by another.
fn fake_highlights(doc: &Document, find: Option<&str>) -> Vec<Highlight> {
    let mut out = Vec::new();
    let len = doc.char_len();
    let mut start = 40;
    let mut n = 0usize;
    while start + 80 < len {
        let span = 12 + (n * 37) % 60;
        let color = COLORS
            .get(n % COLORS.len())
            .copied()
            .unwrap_or(Color32::YELLOW);
        out.push(Highlight {
            id: Some(AnnotationId::random()),
            char_range: doc.snap_to_graphemes(start..start + span),
            color,
            kind: HighlightKind::Annotation,
        });
        if n.is_multiple_of(3) {
            let other = COLORS
                .get((n + 2) % COLORS.len())
                .copied()
                .unwrap_or(Color32::RED);
            out.push(Highlight {
                id: Some(AnnotationId::random()),
                char_range: doc.snap_to_graphemes(start + span / 2..start + span + 20),
                color: other,
                kind: HighlightKind::Annotation,
            });
        }
        start += 200 + (n * 53) % 150;
        n += 1;
    }
    if let Some(word) = find {
        let word_chars = word.chars().count();
        for (i, at) in doc.find_all_char_starts(word).into_iter().enumerate() {
            out.push(Highlight {
                id: None,
                char_range: at..at + word_chars,
                color: Color32::from_rgb(255, 150, 0),
                kind: if i == 0 {
                    HighlightKind::CurrentFindMatch
                } else {
                    HighlightKind::FindMatch
                },
            });
        }
    }
    out
}

struct Viewer {
    view: DocView,
    status: String,
    light: bool,
}

impl eframe::App for Viewer {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        ui.ctx().set_theme(if self.light {
            egui::Theme::Light
        } else {
            egui::Theme::Dark
        });
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                if ui.button("A−").clicked() {
                    self.view.set_font_size(self.view.font_size() - 1.0);
                }
                if ui.button("A+").clicked() {
                    self.view.set_font_size(self.view.font_size() + 1.0);
                }
                ui.checkbox(&mut self.light, "light");
                ui.label(&self.status);
            });
        });
        egui::CentralPanel::default_margins().show(ui, |ui| {
            let out = self.view.ui(ui);
            if let Some(first) = out.clicked.first() {
                self.view.set_selected_annotation(Some(*first));
                self.status = format!("clicked {} annotation(s), first {first}", out.clicked.len());
            }
            if out.selection_changed {
                self.status = match self.view.selection() {
                    Some(r) => format!(
                        "selection {}..{}: {:?}",
                        r.start,
                        r.end,
                        self.view
                            .document()
                            .slice(r.clone())
                            .chars()
                            .take(40)
                            .collect::<String>()
                    ),
                    None => "no selection".to_owned(),
                };
            }
            if !out.hovered.is_empty() {
                ui.ctx().debug_painter().text(
                    ui.max_rect().right_top(),
                    egui::Align2::RIGHT_TOP,
                    format!("hovering {} annotation(s)", out.hovered.len()),
                    egui::FontId::proportional(12.0),
                    ui.visuals().weak_text_color(),
                );
            }
        });
    }
}

fn main() -> eframe::Result {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut path = None;
    let mut light = false;
    let mut font = None;
    let mut find = None;
    let mut goto = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--light" => light = true,
            "--font" => font = iter.next().and_then(|v| v.parse::<f32>().ok()),
            "--find" => find = iter.next().cloned(),
            "--goto" => goto = iter.next().and_then(|v| v.parse::<usize>().ok()),
            other => path = Some(other.to_owned()),
        }
    }
    let Some(path) = path else {
        eprintln!("usage: doc_view FILE [--light] [--font PT] [--find WORD] [--goto CHAR]");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(err) => {
            eprintln!("cannot read {path}: {err}");
            std::process::exit(1);
        }
    };
    let doc = match Document::from_bytes(&bytes) {
        Ok(d) => Arc::new(d),
        Err(err) => {
            eprintln!("{path}: {err}");
            std::process::exit(1);
        }
    };
    let mut view = DocView::new(doc.clone());
    view.set_highlights(fake_highlights(&doc, find.as_deref()));
    if let Some(size) = font {
        view.set_font_size(size);
    }
    if let Some(c) = goto {
        view.scroll_to_char(c);
    }
    let status = format!(
        "{} chars, {} highlights",
        doc.char_len(),
        view.highlights().len()
    );
    eframe::run_native(
        "factmark doc_view example",
        eframe::NativeOptions::default(),
        Box::new(move |_cc| {
            Ok(Box::new(Viewer {
                view,
                status,
                light,
            }))
        }),
    )
}
