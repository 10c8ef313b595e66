//! The review queue: annotations that anchored only approximately (fuzzy) or not at all
//! (orphaned). Each shows the old quote with its context beside the proposed place;
//! the reviewer accepts, re-attaches to the current selection, or deletes.

use crate::model::{AnchorStatus, Annotation, AnnotationId, Document, Edit};
use crate::ui::panels::heading_ui;
use crate::ui::state::commands::Action;
use crate::ui::state::session::Session;
use crate::ui::text::labels::excerpt;

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
    ui.weak("Was:");
    quote_ui(
        ui,
        &annotation.quote.prefix,
        &annotation.quote.exact,
        &annotation.quote.suffix,
    );
    let proposed = matches!(annotation.status, AnchorStatus::Fuzzy { .. });
    if proposed {
        let range = annotation.position.range();
        let place = doc.line_col(range.start);
        ui.weak(format!("Proposed (line {}):", place.line));
        let before = doc.slice(range.start.saturating_sub(CONTEXT_CHARS)..range.start);
        let after = doc.slice(range.end..range.end + CONTEXT_CHARS);
        quote_ui(ui, before, doc.slice(range.clone()), after);
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
                .on_hover_text("Scroll the document to it")
                .clicked()
            {
                actions.push(Action::ScrollTo(annotation.position.char_start));
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

fn quote_ui(ui: &mut egui::Ui, prefix: &str, exact: &str, suffix: &str) {
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
    job.append(&excerpt(exact, 400), 0.0, exact_format);
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
