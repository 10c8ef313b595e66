//! Open a document by typing its path, when this desktop cannot show file dialogs (neither
//! an xdg desktop portal nor zenity): says what is missing instead of doing nothing.

use std::path::PathBuf;

use crate::ui::state::commands::Action;

/// State of the open-by-path window.
#[derive(Debug, Default)]
pub struct OpenPathWindow {
    /// Why the file dialog cannot show, while the window is open.
    reason: Option<String>,
    path: String,
    focus_next_frame: bool,
}

impl OpenPathWindow {
    /// Show the window, saying why the dialog is missing.
    pub fn open(&mut self, reason: String) {
        self.reason = Some(reason);
        self.focus_next_frame = true;
    }

    /// Is the window open?
    pub fn is_open(&self) -> bool {
        self.reason.is_some()
    }

    /// Close it.
    pub fn close(&mut self) {
        self.reason = None;
    }

    /// Draw the window as a modal (if open); Enter or Open sends the path.
    pub fn ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let Some(reason) = self.reason.clone() else {
            return;
        };
        let mut confirm = false;
        let modal = egui::Modal::new(egui::Id::unique("factmark_open_path")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading("Open a document by its path");
            ui.label(format!(
                "The file dialog cannot show on this desktop: {reason}. Install zenity or an \
                 xdg desktop portal for dialogs; meanwhile type the document's path."
            ));
            let label = ui.label("Document path");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.path)
                        .hint_text("/home/you/articles/article.txt")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut self.focus_next_frame) {
                field.request_focus();
                // Draw again at once so the focus holds before the first typed key arrives.
                ui.ctx().request_repaint();
            }
            if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                confirm = true;
            }
            ui.horizontal(|ui| {
                let open = ui
                    .add_enabled(
                        !self.path.trim().is_empty(),
                        egui::Button::new(egui::RichText::new("Open").strong()),
                    )
                    .on_hover_text("Enter");
                if open.clicked() {
                    confirm = true;
                }
                if ui.button("Cancel").on_hover_text("Esc").clicked() {
                    self.close();
                }
            });
        });
        if modal.should_close() {
            self.close();
        } else if confirm && !self.path.trim().is_empty() {
            actions.push(Action::OpenDocument(PathBuf::from(self.path.trim())));
            self.close();
        }
    }
}
