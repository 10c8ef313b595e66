//! The detail editor for the selected annotation: tag, verdict, note, "said by", evidence
//! links, delete. The note is edited in a draft and sent as one `SetNote` edit when the
//! field loses focus or typing pauses, so one undo step takes back one burst of typing.

use chrono::{DateTime, Utc};

use crate::model::workflow::is_locked;
use crate::model::{AnnotationId, Edit, Link, Stance, TAG_ATTRIBUTION, TAG_QUOTE, Verdict};
use crate::ui::panels::heading_ui;
use crate::ui::panels::review::ReviewEditor;
use crate::ui::state::commands::{Action, UiCommand};
use crate::ui::state::layers::Layers;
use crate::ui::state::session::Session;
use crate::ui::text::labels::{excerpt, quoted, visible};

/// Seconds of no typing after which the note is committed.
pub const NOTE_PAUSE_SECONDS: f64 = 1.5;

#[derive(Debug)]
struct NoteDraft {
    id: AnnotationId,
    text: String,
    /// When the draft last changed and has not been committed (egui time, seconds).
    pending_since: Option<f64>,
}

/// State of the detail editor.
#[derive(Debug, Default)]
pub struct DetailEditor {
    draft: Option<NoteDraft>,
    review: ReviewEditor,
}

impl DetailEditor {
    /// The uncommitted note edit, if any (the app applies it before save, undo or close).
    pub fn take_pending_note(&mut self, session: &Session) -> Option<(String, Edit)> {
        let draft = self.draft.as_mut()?;
        draft.pending_since.take()?;
        let current = session.annotation(draft.id)?;
        if current.note == draft.text {
            return None;
        }
        Some((
            "Edit note".to_owned(),
            Edit::SetNote {
                id: draft.id,
                note: draft.text.clone(),
            },
        ))
    }

    /// Draw the editor for the selected annotation; `me` is the reviewer acting, `clock` the
    /// time new comments get.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        session: &Session,
        layers: &Layers,
        (me, clock): (&str, DateTime<Utc>),
        actions: &mut Vec<Action>,
    ) {
        let Some(id) = session.selected() else {
            ui.weak("Select an annotation (click a highlight, or press n / p) to edit it.");
            return;
        };
        if self.draft.as_ref().is_some_and(|d| d.id != id)
            && let Some((label, edit)) = self.take_pending_note(session)
        {
            actions.push(Action::Edit { label, edit });
        }
        let set = session.set();
        let Some(annotation) = set.annotation(id) else {
            return;
        };
        let draft = match &mut self.draft {
            Some(draft) if draft.id == id => draft,
            slot => slot.insert(NoteDraft {
                id,
                text: annotation.note.clone(),
                pending_since: None,
            }),
        };
        if draft.pending_since.is_none() && draft.text != annotation.note {
            // Changed elsewhere (undo, redo, reload): show the set's note.
            draft.text.clone_from(&annotation.note);
        }

        let place = session.doc().line_col(annotation.position.char_start);
        heading_ui(ui, set, annotation, Some(place));
        teammates_ui(ui, layers, annotation);
        ui.add(egui::Label::new(quoted(&annotation.quote.exact, 300)).wrap());
        ui.add_space(4.0);

        egui::Grid::new("detail_grid")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                let label = ui.label("Tag");
                egui::ComboBox::from_id_salt("detail_tag")
                    .selected_text(&annotation.tag)
                    .show_ui(ui, |ui| {
                        for tag in &set.tags {
                            if ui
                                .selectable_label(tag.name == annotation.tag, &tag.name)
                                .clicked()
                                && tag.name != annotation.tag
                            {
                                actions.push(Action::Edit {
                                    label: format!("Change tag to {}", tag.name),
                                    edit: Edit::SetTag {
                                        id,
                                        tag: tag.name.clone(),
                                    },
                                });
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();

                if annotation.is_claim() {
                    let label = ui.label("Verdict");
                    let locked = is_locked(annotation);
                    ui.add_enabled_ui(!locked, |ui| {
                        egui::ComboBox::from_id_salt("detail_verdict")
                            .selected_text(annotation.verdict.label())
                            .show_ui(ui, |ui| {
                                for verdict in Verdict::ALL {
                                    let key = UiCommand::SetVerdict(verdict).hover_text(ui.ctx());
                                    if ui
                                        .selectable_label(
                                            verdict == annotation.verdict,
                                            verdict.label(),
                                        )
                                        .on_hover_text(key)
                                        .clicked()
                                        && verdict != annotation.verdict
                                    {
                                        actions.push(Action::Edit {
                                            label: format!("Set verdict {}", verdict.label()),
                                            edit: Edit::SetVerdict { id, verdict },
                                        });
                                    }
                                }
                            })
                            .response
                            .labelled_by(label.id)
                            .on_disabled_hover_text(
                                "Approved: the verdict is locked until the claim is reopened",
                            );
                    });
                    ui.end_row();
                }

                if annotation.tag == TAG_QUOTE || annotation.is_claim() {
                    let label = ui.label("Said by");
                    said_by_ui(ui, session, id, label.id, actions);
                    ui.end_row();
                }
            });

        self.review.state_ui(ui, annotation, me, actions);

        let label = ui.label("Note");
        let response = ui
            .add(
                egui::TextEdit::multiline(&mut draft.text)
                    .desired_rows(4)
                    .desired_width(f32::INFINITY)
                    .hint_text("What to check, sources, reasoning…"),
            )
            .labelled_by(label.id);
        let now = ui.input(|i| i.time);
        if response.changed() {
            draft.pending_since = Some(now);
        }
        let paused = draft
            .pending_since
            .is_some_and(|since| now - since >= NOTE_PAUSE_SECONDS);
        let left_field = !response.has_focus() && draft.pending_since.is_some();
        if (response.lost_focus() || left_field || paused)
            && let Some((label, edit)) = self.take_pending_note(session)
        {
            actions.push(Action::Edit { label, edit });
        } else if let Some(since) = self.draft.as_ref().and_then(|d| d.pending_since) {
            let left = (NOTE_PAUSE_SECONDS - (now - since)).max(0.05);
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(left));
        }

        if annotation.tag == TAG_ATTRIBUTION {
            said_here_ui(ui, session, id, actions);
        }
        evidence_links_ui(ui, session, id, actions);
        self.review.thread_ui(ui, annotation, me, clock, actions);

        ui.add_space(6.0);
        let delete = UiCommand::DeleteAnnotation.hover_text(ui.ctx());
        if ui
            .button("Delete annotation")
            .on_hover_text(delete)
            .clicked()
        {
            actions.push(Action::Run(UiCommand::DeleteAnnotation));
        }
    }
}

fn said_by_ui(
    ui: &mut egui::Ui,
    session: &Session,
    id: AnnotationId,
    label: egui::Id,
    actions: &mut Vec<Action>,
) {
    let set = session.set();
    let current = set.said_by(id).map(|a| a.id);
    let name = |attribution: AnnotationId| {
        set.annotation(attribution)
            .map_or_else(String::new, |a| attribution_choice(session, a))
    };
    let selected_text = current.map_or_else(|| "(nobody linked)".to_owned(), name);
    egui::ComboBox::from_id_salt("detail_said_by")
        .selected_text(selected_text)
        .width(260.0)
        .show_ui(ui, |ui| {
            let mut choose = |new: Option<AnnotationId>| {
                if new == current {
                    return;
                }
                let mut edits = Vec::new();
                if let Some(old) = current {
                    edits.push(Edit::RemoveLink(Link::SaidBy {
                        annotation: id,
                        attribution: old,
                    }));
                }
                if let Some(new) = new {
                    edits.push(Edit::AddLink(Link::SaidBy {
                        annotation: id,
                        attribution: new,
                    }));
                }
                actions.push(Action::Edit {
                    label: "Change who said it".to_owned(),
                    edit: Edit::Batch(edits),
                });
            };
            if ui
                .selectable_label(current.is_none(), "(nobody linked)")
                .clicked()
            {
                choose(None);
            }
            for attribution in set.annotations.iter().filter(|a| a.tag == TAG_ATTRIBUTION) {
                if ui
                    .selectable_label(
                        current == Some(attribution.id),
                        attribution_choice(session, attribution),
                    )
                    .clicked()
                {
                    choose(Some(attribution.id));
                }
            }
        })
        .response
        .labelled_by(label)
        .on_hover_text("The attribution span naming who said this (tag one with 3 first)");
}

/// An attribution as the "said by" list shows it: its line, a few words before it and its
/// text, so three "she said" can be told apart: `line 12: …told reporters, “she said”`.
fn attribution_choice(session: &Session, attribution: &crate::model::Annotation) -> String {
    const CONTEXT_WORDS: usize = 4;
    let line = session.doc().line_col(attribution.position.char_start).line;
    let prefix = attribution.quote.prefix.replace(['\n', '\t'], " ");
    let mut words: Vec<&str> = prefix.split_whitespace().collect();
    // A full-length prefix may start inside a word: leave that piece out.
    let cut = prefix.chars().count() >= crate::model::text::QUOTE_CONTEXT_CHARS
        && !prefix.starts_with(char::is_whitespace);
    if cut && !words.is_empty() {
        words.remove(0);
    }
    let before = words
        .get(words.len().saturating_sub(CONTEXT_WORDS)..)
        .unwrap_or_default()
        .join(" ");
    let text = excerpt(&attribution.quote.exact, 40);
    if before.is_empty() {
        format!("line {line}: “{text}”")
    } else {
        format!("line {line}: …{} “{text}”", visible(&before))
    }
}

/// For an attribution: the quotes and claims linked as said by it (click to select).
fn said_here_ui(ui: &mut egui::Ui, session: &Session, id: AnnotationId, actions: &mut Vec<Action>) {
    let said: Vec<AnnotationId> = session
        .set()
        .links
        .iter()
        .filter_map(|l| match l {
            Link::SaidBy {
                annotation,
                attribution,
            } if *attribution == id => Some(*annotation),
            _ => None,
        })
        .collect();
    ui.add_space(4.0);
    ui.label(format!("Said here ({})", said.len()));
    if said.is_empty() {
        ui.weak("No quote or claim is linked to this attribution yet.");
    }
    for other in said {
        let Some(annotation) = session.annotation(other) else {
            continue;
        };
        let text = format!(
            "{}: “{}”",
            annotation.tag,
            excerpt(&annotation.quote.exact, 50)
        );
        if ui.link(text).on_hover_text("Select it").clicked() {
            actions.push(Action::Select {
                id: Some(other),
                scroll: true,
            });
        }
    }
}

fn evidence_links_ui(
    ui: &mut egui::Ui,
    session: &Session,
    id: AnnotationId,
    actions: &mut Vec<Action>,
) {
    let set = session.set();
    let locked = set.annotation(id).is_some_and(is_locked);
    let linked: Vec<_> = set.evidence_of(id).collect();
    ui.add_space(4.0);
    ui.label(format!("Linked evidence ({})", linked.len()));
    if linked.is_empty() {
        let keys = UiCommand::AddEvidence.hover_text(ui.ctx());
        ui.weak("No evidence linked yet.");
        if ui.button("Add evidence…").on_hover_text(keys).clicked() {
            actions.push(Action::Run(UiCommand::AddEvidence));
        }
    }
    for (evidence, stance) in linked {
        ui.horizontal(|ui| {
            let title = ui.label(excerpt(&visible(&evidence.title), 40));
            stance_ui(ui, id, evidence.id, stance, title.id, actions);
            crate::ui::panels::evidence_card::snapshot_ui(ui, session, evidence, actions);
            if ui
                .add_enabled(!locked, egui::Button::new("Unlink").small())
                .on_hover_text("Remove this link (the evidence stays in the set)")
                .on_disabled_hover_text("Approved: evidence links are locked until reopened")
                .clicked()
            {
                actions.push(Action::Edit {
                    label: "Unlink evidence".to_owned(),
                    edit: Edit::RemoveLink(Link::Evidence {
                        annotation: id,
                        evidence: evidence.id,
                        stance,
                    }),
                });
            }
        });
    }
}

/// The stance of one evidence link, changeable (unlink and link again as one step).
fn stance_ui(
    ui: &mut egui::Ui,
    annotation: AnnotationId,
    evidence: crate::model::EvidenceId,
    current: Stance,
    title: egui::Id,
    actions: &mut Vec<Action>,
) {
    egui::ComboBox::from_id_salt(("link_stance", evidence))
        .selected_text(current.name())
        .width(90.0)
        .show_ui(ui, |ui| {
            for stance in Stance::ALL {
                if ui
                    .selectable_label(stance == current, stance.name())
                    .clicked()
                    && stance != current
                {
                    let link = |stance| Link::Evidence {
                        annotation,
                        evidence,
                        stance,
                    };
                    actions.push(Action::Edit {
                        label: format!("Change stance to {}", stance.name()),
                        edit: Edit::Batch(vec![
                            Edit::RemoveLink(link(current)),
                            Edit::AddLink(link(stance)),
                        ]),
                    });
                }
            }
        })
        .response
        .labelled_by(title)
        .on_hover_text("How this evidence bears on the annotation; change it any time");
}

/// What teammates shown as layers have on this annotation's span: tag, verdict, note.
fn teammates_ui(ui: &mut egui::Ui, layers: &Layers, annotation: &crate::model::Annotation) {
    let theirs = layers.overlapping(annotation.position.range());
    if theirs.is_empty() {
        return;
    }
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.weak("Teammates here (read-only):");
        for (layer, other) in theirs {
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(layer.color(), excerpt(&layer.name, 30));
                ui.strong(&other.tag);
                if let Some(verdict) = other.rated_verdict() {
                    ui.label(verdict.label());
                }
                if other.position != annotation.position {
                    ui.weak(quoted(&other.quote.exact, 40));
                }
            });
            if !other.note.is_empty() {
                ui.label(excerpt(&other.note, 300));
            }
        }
    });
}
