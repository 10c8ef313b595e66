//! The review part of the detail editor: a claim's state with a button for each move the
//! rules allow (refused ones disabled, with the reason shown), sign-off, assignee, the
//! comment thread (add, resolve, reopen) and the history. Every click is one edit, so one
//! undo step; the rules are the model's ([`crate::model::workflow`]).

use chrono::{DateTime, Utc};

use crate::model::workflow::{ClaimState, Comment, state_choices, verdict_setter};
use crate::model::{Annotation, AnnotationId, Edit};
use crate::ui::state::commands::Action;
use crate::ui::text::labels::{excerpt, visible};

/// The assignee field's draft: for which annotation, the set's value it started from
/// (a change there, by undo or a merge, starts the draft again) and the text.
#[derive(Debug)]
struct AssigneeDraft {
    id: AnnotationId,
    from: String,
    text: String,
}

/// Drafts of the assignee and new-comment fields, kept per annotation.
#[derive(Debug, Default)]
pub struct ReviewEditor {
    assignee: Option<AssigneeDraft>,
    comment: Option<(AnnotationId, String)>,
}

/// The button that moves a claim to `state`.
pub fn move_label(state: ClaimState) -> &'static str {
    match state {
        ClaimState::Open => "Mark open",
        ClaimState::Researching => "Start research",
        ClaimState::NeedsReview => "Send for review",
        ClaimState::Approved => "Approve",
        ClaimState::Disputed => "Dispute",
    }
}

fn time(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

impl ReviewEditor {
    /// Draw a claim's review state, sign-off, moves and assignee, acting as reviewer `me`
    /// (nothing for other tags).
    pub fn state_ui(
        &mut self,
        ui: &mut egui::Ui,
        annotation: &Annotation,
        me: &str,
        actions: &mut Vec<Action>,
    ) {
        if annotation.is_claim() {
            ui.add_space(4.0);
            state_ui(ui, annotation, me, actions);
            self.assignee_ui(ui, annotation, actions);
        }
    }

    /// Draw the comment thread and the history of `annotation`, acting as reviewer `me`;
    /// new comments are dated `now`.
    pub fn thread_ui(
        &mut self,
        ui: &mut egui::Ui,
        annotation: &Annotation,
        me: &str,
        now: DateTime<Utc>,
        actions: &mut Vec<Action>,
    ) {
        let id = annotation.id;
        ui.add_space(4.0);
        self.comments_ui(ui, annotation, me, now, actions);
        let history = &annotation.workflow.history;
        egui::CollapsingHeader::new(format!("History ({})", history.len()))
            .id_salt(("history", id))
            .show(ui, |ui| {
                if history.is_empty() {
                    ui.weak("No changes recorded yet.");
                }
                for entry in history.iter().rev() {
                    let who = if entry.by.is_empty() {
                        "someone"
                    } else {
                        &entry.by
                    };
                    ui.label(format!(
                        "{} {}: {} {} -> {}",
                        time(entry.at),
                        excerpt(&visible(who), 24),
                        entry.field,
                        quoted_or_empty(&entry.old),
                        quoted_or_empty(&entry.new)
                    ));
                }
            });
    }

    fn assignee_ui(
        &mut self,
        ui: &mut egui::Ui,
        annotation: &Annotation,
        actions: &mut Vec<Action>,
    ) {
        let id = annotation.id;
        let current = &annotation.workflow.assignee;
        let draft = match &mut self.assignee {
            Some(draft) if draft.id == id && draft.from == *current => draft,
            slot => slot.insert(AssigneeDraft {
                id,
                from: current.clone(),
                text: current.clone(),
            }),
        };
        ui.horizontal(|ui| {
            let label = ui.label("Assigned to");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut draft.text)
                        .hint_text("nobody")
                        .desired_width(120.0),
                )
                .labelled_by(label.id);
            let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let wanted = draft.text.trim();
            let changed = wanted != current.as_str();
            let clicked = ui
                .add_enabled(changed, egui::Button::new("Assign"))
                .clicked();
            if changed && (clicked || entered) {
                actions.push(Action::Edit {
                    label: if wanted.is_empty() {
                        "Unassign claim".to_owned()
                    } else {
                        format!("Assign to {wanted}")
                    },
                    edit: Edit::SetAssignee {
                        id,
                        assignee: wanted.to_owned(),
                    },
                });
            }
        });
    }

    fn comments_ui(
        &mut self,
        ui: &mut egui::Ui,
        annotation: &Annotation,
        me: &str,
        now: DateTime<Utc>,
        actions: &mut Vec<Action>,
    ) {
        let id = annotation.id;
        let w = &annotation.workflow;
        ui.label(format!(
            "Comments ({} open of {})",
            w.unresolved_comments(),
            w.comments.len()
        ));
        for comment in &w.comments {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    ui.strong(excerpt(&visible(&comment.author), 24));
                    ui.weak(time(comment.created));
                });
                ui.add(egui::Label::new(visible(&comment.text)).wrap());
                ui.horizontal_wrapped(|ui| match &comment.resolved {
                    None => {
                        if ui.small_button("Resolve").clicked() {
                            actions.push(resolve_action(id, comment, true));
                        }
                    }
                    Some(stamp) => {
                        ui.weak(format!(
                            "Resolved by {} on {}",
                            excerpt(&visible(&stamp.by), 24),
                            time(stamp.at)
                        ));
                        if ui.small_button("Reopen").clicked() {
                            actions.push(resolve_action(id, comment, false));
                        }
                    }
                });
            });
        }
        let draft = match &mut self.comment {
            Some((draft_id, text)) if *draft_id == id => text,
            slot => &mut slot.insert((id, String::new())).1,
        };
        let label = ui.label("New comment");
        ui.add(
            egui::TextEdit::multiline(draft)
                .desired_rows(2)
                .desired_width(f32::INFINITY)
                .hint_text("A question or a note for the desk…"),
        )
        .labelled_by(label.id);
        if ui
            .add_enabled(!draft.trim().is_empty(), egui::Button::new("Add comment"))
            .clicked()
        {
            let comment = Comment::new(me, draft.trim(), now);
            actions.push(Action::Edit {
                label: "Add comment".to_owned(),
                edit: Edit::AddComment { id, comment },
            });
            draft.clear();
        }
    }
}

fn resolve_action(id: AnnotationId, comment: &Comment, resolved: bool) -> Action {
    Action::Edit {
        label: if resolved {
            "Resolve comment".to_owned()
        } else {
            "Reopen comment".to_owned()
        },
        edit: Edit::SetCommentResolved {
            id,
            comment: comment.id,
            resolved,
        },
    }
}

fn quoted_or_empty(value: &str) -> String {
    if value.is_empty() {
        "(none)".to_owned()
    } else {
        format!("\"{}\"", excerpt(&visible(value), 40))
    }
}

/// State, sign-off and a button per allowed move; refused moves are disabled and say why.
fn state_ui(ui: &mut egui::Ui, annotation: &Annotation, me: &str, actions: &mut Vec<Action>) {
    let id = annotation.id;
    let w = &annotation.workflow;
    ui.horizontal_wrapped(|ui| {
        ui.label("Review state:");
        ui.strong(w.state.label());
    });
    match &w.sign_off {
        Some(stamp) => {
            ui.label(format!(
                "Signed off by {} on {}. Verdict and evidence links are locked until the \
                 claim is reopened.",
                excerpt(&visible(&stamp.by), 24),
                time(stamp.at)
            ));
        }
        None if annotation.rated_verdict().is_some() => {
            ui.weak(format!(
                "Verdict set by {}; another reviewer signs it off.",
                excerpt(&visible(verdict_setter(annotation)), 24)
            ));
        }
        None => {}
    }
    let choices = state_choices(annotation, me);
    ui.horizontal_wrapped(|ui| {
        for (state, allowed) in &choices {
            let button = ui.add_enabled(allowed.is_ok(), egui::Button::new(move_label(*state)));
            if let Err(reason) = allowed {
                button.on_disabled_hover_text(reason.to_string());
            } else if button.clicked() {
                actions.push(Action::Edit {
                    label: format!("{} claim", move_label(*state)),
                    edit: Edit::SetState { id, state: *state },
                });
            }
        }
    });
    for (state, allowed) in &choices {
        if let Err(reason) = allowed {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("{}: {reason}", move_label(*state)),
            );
        }
    }
}
