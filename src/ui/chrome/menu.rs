//! The menu bar. Every entry comes from the command table, so labels and shortcuts match
//! the keys; the Edit menu names what Undo and Redo would do.

use std::path::PathBuf;

use crate::ui::state::commands::{Action, UiCommand, shortcut_label};
use crate::ui::state::session::Session;

/// What the menus need to know.
pub struct MenuContext<'a> {
    /// The open document, if any.
    pub session: Option<&'a Session>,
    /// Recent documents.
    pub recent: &'a [PathBuf],
}

/// A button for a command, with its shortcut and tooltip; clicking sends the command.
pub fn command_button(
    ui: &mut egui::Ui,
    command: UiCommand,
    label: Option<String>,
    enabled: bool,
    actions: &mut Vec<Action>,
) {
    let info = command.info();
    let mut button = egui::Button::new(label.unwrap_or_else(|| info.label.to_owned()));
    if let Some(shortcut) = info.shortcut {
        button = button.shortcut_text(shortcut_label(ui.ctx(), &shortcut));
    }
    if ui
        .add_enabled(enabled, button)
        .on_hover_text(command.hover_text(ui.ctx()))
        .clicked()
    {
        actions.push(Action::Run(command));
        ui.close();
    }
}

/// Draw the menu bar.
pub fn menu_bar_ui(ui: &mut egui::Ui, context: &MenuContext<'_>, actions: &mut Vec<Action>) {
    let open = context.session.is_some();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            command_button(ui, UiCommand::Open, None, true, actions);
            command_button(ui, UiCommand::OpenFolder, None, true, actions);
            command_button(ui, UiCommand::OpenWebAddress, None, true, actions);
            command_button(ui, UiCommand::NewFromClipboard, None, true, actions);
            ui.menu_button("Open Recent", |ui| {
                if context.recent.is_empty() {
                    ui.weak("No recent documents");
                }
                for path in context.recent {
                    if ui.button(path.display().to_string()).clicked() {
                        actions.push(Action::OpenDocument(path.clone()));
                        ui.close();
                    }
                }
            });
            if ui.button("Open Sample Document").clicked() {
                actions.push(Action::OpenSample);
                ui.close();
            }
            command_button(ui, UiCommand::OpenSet, None, open, actions);
            command_button(ui, UiCommand::MergeSet, None, open, actions);
            command_button(ui, UiCommand::ShowLayer, None, open, actions);
            command_button(ui, UiCommand::CompareReviewers, None, open, actions);
            ui.separator();
            command_button(ui, UiCommand::Save, None, open, actions);
            command_button(ui, UiCommand::SaveAs, None, open, actions);
            ui.separator();
            command_button(ui, UiCommand::Export, None, open, actions);
            command_button(ui, UiCommand::ImportW3c, None, open, actions);
            command_button(ui, UiCommand::ReviewDetails, None, open, actions);
            ui.separator();
            command_button(ui, UiCommand::Settings, None, true, actions);
            ui.separator();
            command_button(ui, UiCommand::Quit, None, true, actions);
        });
        ui.menu_button("Edit", |ui| {
            let history = context.session.map(Session::history);
            let undo = history.and_then(|h| h.undo_label());
            let redo = history.and_then(|h| h.redo_label());
            command_button(
                ui,
                UiCommand::Undo,
                undo.map(|l| format!("Undo {l}")),
                undo.is_some(),
                actions,
            );
            command_button(
                ui,
                UiCommand::Redo,
                redo.map(|l| format!("Redo {l}")),
                redo.is_some(),
                actions,
            );
            ui.separator();
            command_button(ui, UiCommand::Find, None, open, actions);
            command_button(ui, UiCommand::FindNext, None, open, actions);
            command_button(ui, UiCommand::FindPrevious, None, open, actions);
            ui.separator();
            let selected = context.session.and_then(Session::selected).is_some();
            command_button(ui, UiCommand::NextAnnotation, None, open, actions);
            command_button(ui, UiCommand::PreviousAnnotation, None, open, actions);
            command_button(ui, UiCommand::DeleteAnnotation, None, selected, actions);
            command_button(ui, UiCommand::ClearSelection, None, open, actions);
            command_button(ui, UiCommand::AddEvidence, None, selected, actions);
            ui.menu_button("Verdict", |ui| {
                for verdict in crate::model::Verdict::ALL {
                    let command = UiCommand::SetVerdict(verdict);
                    command_button(ui, command, None, selected, actions);
                }
            });
            ui.separator();
            command_button(ui, UiCommand::ManageTags, None, open, actions);
        });
        ui.menu_button("View", |ui| {
            command_button(ui, UiCommand::ZoomIn, None, true, actions);
            command_button(ui, UiCommand::ZoomOut, None, true, actions);
            command_button(ui, UiCommand::ToggleTheme, None, true, actions);
            ui.separator();
            command_button(ui, UiCommand::ShowAnnotations, None, open, actions);
            command_button(ui, UiCommand::ShowEvidence, None, open, actions);
            command_button(ui, UiCommand::ShowReview, None, open, actions);
        });
    });
}
