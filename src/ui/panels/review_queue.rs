//! The review queue: annotations that anchored only approximately (fuzzy) or not at all
//! (orphaned). Each shows the old quote with its context beside the proposed place;
//! the reviewer accepts, re-attaches to the current selection, or deletes.

use crate::model::word_diff::changed_words;
use crate::model::{AnchorStatus, Annotation, AnnotationId, Document, Edit};
use crate::ui::panels::heading_ui;
use crate::ui::state::commands::Action;
use crate::ui::state::session::Session;
use crate::ui::text::labels::visible;

/// Characters of context shown around quotes.
const CONTEXT_CHARS: usize = 40;

/// Draw the review queue.
pub fn review_queue_ui(ui: &mut egui::Ui, session: &Session, actions: &mut Vec<Action>) {
    let set = session.set();
    let doc = session.doc();
    let has_selection = session
        .doc_view
        .selection()
        .is_some_and(|r| r.start < r.end);
    let waiting: Vec<&Annotation> = set
        .annotations
        .iter()
        .filter(|a| a.status.needs_review())
        .collect();
    if waiting.is_empty() {
        ui.label("Nothing to review: every annotation is in place.");
        return;
    }
    ui.label(format!(
        "{} annotation(s) need a look. To re-attach one, select the right text in the \
         document, then press \"Re-attach to selection\".",
        waiting.len()
    ));
    egui::ScrollArea::vertical()
        .id_salt("review_queue")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for annotation in waiting {
                ui.push_id(annotation.id, |ui| {
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        review_item_ui(ui, session, doc, annotation, has_selection, actions);
                    });
                });
            }
        });
}

fn review_item_ui(
    ui: &mut egui::Ui,
    session: &Session,
    doc: &Document,
    annotation: &Annotation,
    has_selection: bool,
    actions: &mut Vec<Action>,
) {
    let set = session.set();
    let id = annotation.id;
    heading_ui(ui, set, annotation, None);
    let proposed = matches!(annotation.status, AnchorStatus::Fuzzy { .. });
    let range = annotation.position.range();
    let now_text = doc.slice(range.clone());
    // Mark the words that differ between the old quote and the proposed text, both sides.
    let (was_marks, now_marks) = if proposed {
        changed_words(&annotation.quote.exact, now_text)
    } else {
        (Vec::new(), Vec::new())
    };
    ui.weak("Was:");
    quote_ui(
        ui,
        &annotation.quote.prefix,
        &annotation.quote.exact,
        &was_marks,
        &annotation.quote.suffix,
    );
    if proposed {
        let place = doc.line_col(range.start);
        ui.weak(format!("Proposed (line {}):", place.line));
        let before = doc.slice(range.start.saturating_sub(CONTEXT_CHARS)..range.start);
        let after = doc.slice(range.end..range.end + CONTEXT_CHARS);
        quote_ui(ui, before, now_text, &now_marks, after);
    } else {
        ui.weak("No confident place found in this version of the document.");
    }
    ui.horizontal_wrapped(|ui| {
        if proposed {
            if ui
                .button("Accept")
                .on_hover_text("Keep it at the proposed place")
                .clicked()
            {
                let range = annotation.position.range();
                actions.push(Action::Edit {
                    label: "Accept new place".to_owned(),
                    edit: Edit::SetAnchor {
                        id,
                        position: range.clone().into(),
                        quote: doc.quote(range),
                        status: AnchorStatus::Exact,
                    },
                });
            }
            if ui
                .button("Show")
                .on_hover_text("Scroll the document to the proposed place and flash it")
                .clicked()
            {
                actions.push(Action::ShowPlace(annotation.position.range()));
            }
        }
        if ui
            .add_enabled(has_selection, egui::Button::new("Re-attach to selection"))
            .on_hover_text("Put it on the text selected in the document")
            .on_disabled_hover_text("Select the right text in the document first")
            .clicked()
        {
            actions.push(Action::Reattach(id));
        }
        if ui.button("Delete").clicked() {
            actions.push(delete_action(id, &annotation.tag));
        }
    });
}

fn delete_action(id: AnnotationId, tag: &str) -> Action {
    Action::Edit {
        label: format!("Delete {tag}"),
        edit: Edit::DeleteAnnotation(id),
    }
}

/// Context text on one line, invisible characters shown, spaces kept.
fn flat(text: &str) -> String {
    crate::ui::text::labels::visible(&text.replace(['\n', '\t'], " "))
}

/// Most chars of a quote shown.
const MAX_QUOTE_CHARS: usize = 400;

/// The quote between its context; `marks` (chars of `exact`) are the changed words, drawn
/// on a tinted background and underlined twice as thick.
fn quote_ui(
    ui: &mut egui::Ui,
    prefix: &str,
    exact: &str,
    marks: &[std::ops::Range<usize>],
    suffix: &str,
) {
    use egui::text::LayoutJob;
    let font = egui::TextStyle::Body.resolve(ui.style());
    let weak = ui.visuals().weak_text_color();
    let strong = ui.visuals().strong_text_color();
    let mut job = LayoutJob::default();
    let tail = |text: &str| {
        let count = text.chars().count();
        text.chars()
            .skip(count.saturating_sub(CONTEXT_CHARS))
            .collect::<String>()
    };
    job.append(
        &format!("…{}", flat(&tail(prefix))),
        0.0,
        egui::TextFormat::simple(font.clone(), weak),
    );
    let mut exact_format = egui::TextFormat::simple(font.clone(), strong);
    exact_format.underline = egui::Stroke::new(1.0, strong);
    let mut changed_format = exact_format.clone();
    changed_format.background = ui.visuals().warn_fg_color.gamma_multiply(0.35);
    changed_format.underline = egui::Stroke::new(2.0, ui.visuals().warn_fg_color);
    for (text, changed) in pieces(exact, marks, MAX_QUOTE_CHARS) {
        let format = if changed {
            changed_format.clone()
        } else {
            exact_format.clone()
        };
        job.append(&visible(&text), 0.0, format);
    }
    if exact.chars().count() > MAX_QUOTE_CHARS {
        job.append("…", 0.0, exact_format);
    }
    job.append(
        &format!(
            "{}…",
            flat(&suffix.chars().take(CONTEXT_CHARS).collect::<String>())
        ),
        0.0,
        egui::TextFormat::simple(font, weak),
    );
    job.wrap.max_width = ui.available_width();
    ui.label(job);
}

/// `text` (at most `limit` chars) cut into runs, each marked changed or not.
fn pieces(text: &str, marks: &[std::ops::Range<usize>], limit: usize) -> Vec<(String, bool)> {
    let mut runs: Vec<(String, bool)> = Vec::new();
    for (i, c) in text.chars().take(limit).enumerate() {
        let changed = marks.iter().any(|m| m.contains(&i));
        let c = if c == '\n' || c == '\t' { ' ' } else { c };
        match runs.last_mut() {
            Some((run, was)) if *was == changed => run.push(c),
            _ => runs.push((c.to_string(), changed)),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_follow_the_marks() {
        assert_eq!(
            pieces("river crested at\n9", std::slice::from_ref(&(6..13)), 100),
            vec![
                ("river ".to_owned(), false),
                ("crested".to_owned(), true),
                (" at 9".to_owned(), false)
            ]
        );
        assert_eq!(pieces("abcdef", std::slice::from_ref(&(0..2)), 3).len(), 2);
    }
}
