//! Merge conflicts: where a teammate and the reviewer changed the same thing, both values,
//! who and when; keep one side or type a new value. Each choice is one undoable step.

use std::collections::HashMap;

use crate::model::merge::{Conflict, ConflictItem, ConflictSide};
use crate::model::resolve::{Resolution, resolve};
use crate::model::{AnnotationSet, Edit};
use crate::ui::state::commands::Action;
use crate::ui::state::messages::Message;
use crate::ui::state::session::Session;
use crate::ui::text::labels::{excerpt, quoted};

/// Values being typed to settle conflicts, by conflict id.
#[derive(Debug, Default)]
pub struct ConflictDrafts {
    drafts: HashMap<String, String>,
}

/// Draw the set's conflicts (nothing when there are none).
pub fn conflicts_ui(
    ui: &mut egui::Ui,
    session: &Session,
    drafts: &mut ConflictDrafts,
    actions: &mut Vec<Action>,
) {
    let set = session.set();
    if set.conflicts.is_empty() {
        return;
    }
    ui.strong(format!("Merge conflicts ({})", set.conflicts.len()));
    ui.label(
        "You and a teammate changed the same thing. Until you choose, the value you both \
         had before stays in place.",
    );
    for conflict in &set.conflicts {
        ui.push_id(&conflict.id, |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                conflict_ui(ui, set, conflict, drafts, actions);
            });
        });
    }
    ui.separator();
}

fn conflict_ui(
    ui: &mut egui::Ui,
    set: &AnnotationSet,
    conflict: &Conflict,
    drafts: &mut ConflictDrafts,
    actions: &mut Vec<Action>,
) {
    ui.label(format!(
        "{} — {}",
        item_label(set, &conflict.item),
        conflict.field.name()
    ));
    for (side, resolution) in [
        (&conflict.ours, Resolution::Ours),
        (&conflict.theirs, Resolution::Theirs),
    ] {
        ui.horizontal_wrapped(|ui| {
            if ui
                .button("Keep this")
                .on_hover_text(format!("Use {}'s value", excerpt(&side.by, 30)))
                .clicked()
            {
                settle(set, conflict, &resolution, actions);
                drafts.drafts.remove(&conflict.id);
            }
            side_ui(ui, side);
        });
    }
    match drafts.drafts.get_mut(&conflict.id) {
        None => {
            if ui
                .small_button("Edit…")
                .on_hover_text("Type the value to keep")
                .clicked()
            {
                drafts
                    .drafts
                    .insert(conflict.id.clone(), conflict.ours.shown());
            }
        }
        Some(draft) => {
            let label = ui.label("New value");
            ui.text_edit_multiline(draft).labelled_by(label.id);
            let value = draft.clone();
            ui.horizontal(|ui| {
                if ui.button("Use this").clicked() {
                    settle(set, conflict, &Resolution::Value(value), actions);
                    drafts.drafts.remove(&conflict.id);
                } else if ui.button("Cancel").clicked() {
                    drafts.drafts.remove(&conflict.id);
                }
            });
        }
    }
}

fn side_ui(ui: &mut egui::Ui, side: &ConflictSide) {
    ui.label(quoted(&side.shown(), 120));
    ui.weak(format!(
        "by {}, {}",
        excerpt(&side.by, 30),
        chrono::DateTime::<chrono::Local>::from(side.at).format("%Y-%m-%d %H:%M")
    ));
}

/// Send the settled set as one edit, or say why the value does not fit.
fn settle(
    set: &AnnotationSet,
    conflict: &Conflict,
    resolution: &Resolution,
    actions: &mut Vec<Action>,
) {
    match resolve(set, &conflict.id, resolution) {
        Ok(settled) => actions.push(Action::Edit {
            label: format!("Settle the {} conflict", conflict.field.name()),
            edit: Edit::ReplaceContent(Box::new(settled)),
        }),
        Err(err) => actions.push(Action::Notify(Message::error(format!(
            "The conflict was not settled: {err}."
        )))),
    }
}

/// What a conflict is about, as the reviewer knows it.
fn item_label(set: &AnnotationSet, item: &ConflictItem) -> String {
    match item {
        ConflictItem::Annotation(id) => set.annotation(*id).map_or_else(
            || "A deleted annotation".to_owned(),
            |a| format!("{} {}", a.tag, quoted(&a.quote.exact, 60)),
        ),
        ConflictItem::Evidence(id) => set.evidence_item(*id).map_or_else(
            || "Deleted evidence".to_owned(),
            |e| format!("Evidence {}", quoted(&e.title, 60)),
        ),
        ConflictItem::EvidenceLink {
            annotation,
            evidence,
        } => {
            let quote = set
                .annotation(*annotation)
                .map_or_else(String::new, |a| quoted(&a.quote.exact, 40));
            let title = set
                .evidence_item(*evidence)
                .map_or_else(String::new, |e| quoted(&e.title, 40));
            format!("The link from {quote} to {title}")
        }
        ConflictItem::Comment { annotation, .. } => {
            let quote = set
                .annotation(*annotation)
                .map_or_else(String::new, |a| quoted(&a.quote.exact, 40));
            format!("A comment on {quote}")
        }
        ConflictItem::Tag(name) => format!("Tag {}", excerpt(name, 32)),
        ConflictItem::Set => "The set".to_owned(),
    }
}
