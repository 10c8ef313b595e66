//! The welcome screen shown when no document is open: open a document, try the bundled
//! sample, or pick a recent file.

use std::path::{Path, PathBuf};

use crate::ui::state::commands::{Action, UiCommand, shortcut_label};
use crate::ui::text::labels::file_name;

/// The bundled sample document (our own writing), written to the data folder on demand.
pub const SAMPLE_TEXT: &str = include_str!("../../../sample_docs/harbor-bridge.txt");

/// The sample's annotation set, written beside it so there is something to look at.
pub const SAMPLE_SET_TEXT: &str =
    include_str!("../../../sample_docs/harbor-bridge.txt.factmark.ron");

/// File name of the sample document.
pub const SAMPLE_FILE_NAME: &str = "harbor-bridge.txt";

/// Where the sample is written: `<data dir>/sample/harbor-bridge.txt`.
pub fn sample_path(data_dir: &Path) -> PathBuf {
    data_dir.join("sample").join(SAMPLE_FILE_NAME)
}

/// Draw the welcome screen.
pub fn welcome_ui(ui: &mut egui::Ui, recent: &[PathBuf], actions: &mut Vec<Action>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.15);
        ui.heading(egui::RichText::new("factmark").size(32.0));
        ui.label("Annotate claims, quotes and attributions; link evidence; share the set.");
        ui.add_space(16.0);
        let open = UiCommand::Open.hover_text(ui.ctx());
        if ui
            .add(egui::Button::new("Open document…").min_size(egui::vec2(220.0, 32.0)))
            .on_hover_text(open)
            .clicked()
        {
            actions.push(Action::Run(UiCommand::Open));
        }
        ui.add_space(6.0);
        if ui
            .add(egui::Button::new("Open the sample document").min_size(egui::vec2(220.0, 32.0)))
            .on_hover_text("A short news story about a bridge repair, to try factmark on")
            .clicked()
        {
            actions.push(Action::OpenSample);
        }
        ui.add_space(6.0);
        ui.weak("or drop a text file onto this window");
        if !recent.is_empty() {
            ui.add_space(20.0);
            ui.strong("Recent documents");
            for path in recent {
                let name = file_name(path);
                if ui
                    .link(name)
                    .on_hover_text(path.display().to_string())
                    .clicked()
                {
                    actions.push(Action::OpenDocument(path.clone()));
                }
            }
        }
        ui.add_space(20.0);
        ui.weak(keys_hint(ui.ctx()));
    });
}

/// The key summary under the welcome buttons, with shortcuts from the command table.
fn keys_hint(ctx: &egui::Context) -> String {
    let key = |command: UiCommand| {
        command
            .info()
            .shortcut
            .map(|shortcut| shortcut_label(ctx, &shortcut))
            .unwrap_or_default()
    };
    format!(
        "Keys: select text, then 1 claim · 2 quote · 3 attribution · {}/{} next/previous · \
         {} delete · {} undo · {} find · {} save",
        key(UiCommand::NextAnnotation),
        key(UiCommand::PreviousAnnotation),
        key(UiCommand::DeleteAnnotation),
        key(UiCommand::Undo),
        key(UiCommand::Find),
        key(UiCommand::Save),
    )
}
