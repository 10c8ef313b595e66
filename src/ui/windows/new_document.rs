//! Two small windows that make a new document: File → Open Web Address… (an address to
//! fetch) and File → New from Clipboard… (pasted text to save as `.txt`).

use crate::ui::state::commands::Action;

/// The Open Web Address window.
#[derive(Debug, Default)]
pub struct WebAddressWindow {
    /// Is it shown?
    pub open: bool,
    /// The address typed.
    pub url: String,
}

impl WebAddressWindow {
    /// Draw it; Fetch pushes [`Action::FetchPage`] (the app asks for the folder).
    pub fn ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let mut open = self.open;
        let mut fetch = false;
        egui::Window::new("Open Web Address")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label(
                    "factmark fetches the page (http or https), saves it with its \
                     annotation set in a folder you choose, and opens its article text.",
                );
                ui.horizontal(|ui| {
                    let label = ui.label("Address:");
                    let edit = ui.add(
                        egui::TextEdit::singleline(&mut self.url)
                            .hint_text("https://")
                            .desired_width(420.0),
                    );
                    let edit = edit.labelled_by(label.id);
                    if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                        fetch = true;
                    }
                });
                let ready = !self.url.trim().is_empty();
                if ui.add_enabled(ready, egui::Button::new("Fetch…")).clicked() {
                    fetch = true;
                }
            });
        if fetch && !self.url.trim().is_empty() {
            actions.push(Action::FetchPage(self.url.trim().to_owned()));
            open = false;
        }
        self.open = open;
    }
}

/// The New from Clipboard window: paste, then save as a new `.txt`.
#[derive(Debug, Default)]
pub struct PasteWindow {
    /// Is it shown?
    pub open: bool,
    /// The pasted text.
    pub text: String,
}

impl PasteWindow {
    /// Draw it; Save pushes [`Action::NewDocumentFromText`] (the app asks where).
    pub fn ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let mut open = self.open;
        let mut save = false;
        egui::Window::new("New from Clipboard")
            .open(&mut open)
            .default_size([520.0, 360.0])
            .show(ctx, |ui| {
                let label =
                    ui.label("Paste the text here (Ctrl+V), then save it as a new document:");
                egui::ScrollArea::vertical()
                    .max_height(260.0)
                    .show(ui, |ui| {
                        ui.add(
                            egui::TextEdit::multiline(&mut self.text)
                                .desired_rows(12)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(label.id);
                    });
                let ready = !self.text.trim().is_empty();
                if ui
                    .add_enabled(ready, egui::Button::new("Save as .txt and Open…"))
                    .clicked()
                {
                    save = true;
                }
            });
        if save {
            actions.push(Action::NewDocumentFromText(std::mem::take(&mut self.text)));
            open = false;
        }
        self.open = open;
    }
}
