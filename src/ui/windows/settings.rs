//! The settings window: reviewer name, theme and document font size.

use crate::ui::state::settings::{FONT_SIZE_RANGE, Settings, ThemeChoice};

/// The settings window. Returns nothing; changes apply directly to `settings`, which are
/// preferences (not document content) and are saved by eframe.
pub fn settings_window(ctx: &egui::Context, open: &mut bool, settings: &mut Settings) {
    egui::Window::new("Settings")
        .open(open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::Grid::new("settings_grid")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    let label = ui.label("Reviewer name");
                    ui.text_edit_singleline(&mut settings.reviewer)
                        .on_hover_text("Written as the author of annotations you make")
                        .labelled_by(label.id);
                    ui.end_row();

                    let label = ui.label("Theme");
                    ui.horizontal(|ui| {
                        for choice in [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark] {
                            ui.radio_value(&mut settings.theme, choice, choice.label());
                        }
                    })
                    .response
                    .labelled_by(label.id);
                    ui.end_row();

                    let label = ui.label("Document font size");
                    ui.add(
                        egui::Slider::new(&mut settings.font_size, FONT_SIZE_RANGE).suffix(" pt"),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                });
            if settings.reviewer.trim().is_empty() {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "An empty name is saved as \"reviewer\".",
                );
            }
        });
}
