//! The export window: pick a format, then Export… asks where (save dialog) and the app
//! writes the files on the worker. After an HTML report it offers to open it.

use std::path::PathBuf;

use crate::export::Format;
use crate::ui::state::commands::{Action, UiCommand};
use crate::ui::state::session::Session;

/// State of the export window.
#[derive(Debug)]
pub struct ExportWindow {
    /// Is the window shown?
    pub open: bool,
    format: Format,
    approved_only: bool,
    report: Option<PathBuf>,
}

impl Default for ExportWindow {
    fn default() -> Self {
        Self {
            open: false,
            format: Format::Html,
            approved_only: false,
            report: None,
        }
    }
}

/// What each format is for, shown under the choice.
fn description(format: Format) -> &'static str {
    match format {
        Format::W3c => "Standard annotations other tools (and factmark) can import.",
        Format::ClaimReview => {
            "Fact-check markup for search engines: one review per claim with a verdict. \
             Needs the review details (publisher and the review's web address)."
        }
        Format::Brat => "Two files, OUT.ann and OUT.txt, for annotation and NLP tools.",
        Format::Csv => "One row per annotation, for spreadsheets.",
        Format::Html => "A self-contained report to read or share.",
        Format::Markdown => "A plain-text report for wikis and notes.",
    }
}

impl ExportWindow {
    /// The format chosen.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Should the report leave out claims not yet approved? (Only reports can.)
    pub fn approved_only(&self) -> bool {
        self.approved_only && matches!(self.format, Format::Html | Format::Markdown)
    }

    /// An HTML report was written here: offer to open it.
    pub fn report_written(&mut self, path: PathBuf) {
        self.report = Some(path);
    }

    /// Draw the window (if open). `busy` disables Export while an export is written.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        session: &Session,
        busy: bool,
        actions: &mut Vec<Action>,
    ) {
        let mut open = self.open;
        let top = ctx.content_rect().center_top() + egui::vec2(0.0, 90.0);
        egui::Window::new("Export")
            .open(&mut open)
            .resizable(false)
            .collapsible(false)
            .pivot(egui::Align2::CENTER_TOP)
            .default_pos(top)
            .min_width(440.0)
            .show(ctx, |ui| self.contents_ui(ui, session, busy, actions));
        self.open = open && self.open;
    }

    fn contents_ui(
        &mut self,
        ui: &mut egui::Ui,
        session: &Session,
        busy: bool,
        actions: &mut Vec<Action>,
    ) {
        let set = session.set();
        ui.label(format!(
            "Exports the {} annotation(s) of {} as they are now, saved or not.",
            set.annotations.len(),
            crate::ui::text::labels::file_name(session.doc_path())
        ));
        ui.add_space(6.0);
        ui.strong("Format");
        for format in Format::ALL {
            ui.radio_value(&mut self.format, format, format.label());
        }
        ui.add_space(4.0);
        ui.weak(description(self.format));
        if self.format == Format::ClaimReview {
            let rated = set.rated_claims().count();
            ui.horizontal(|ui| {
                ui.weak(format!("{rated} claim(s) with a verdict."));
                let command = UiCommand::ReviewDetails;
                if ui
                    .button(command.info().label)
                    .on_hover_text(command.hover_text(ui.ctx()))
                    .clicked()
                {
                    actions.push(Action::Run(UiCommand::ReviewDetails));
                }
            });
        }
        if matches!(self.format, Format::Html | Format::Markdown) {
            let unapproved = crate::export::without_unapproved_claims(set).1;
            ui.checkbox(&mut self.approved_only, "Leave out claims not yet approved")
                .on_hover_text(format!(
                    "For publishing: {unapproved} claim(s) are not approved yet and would be \
                     left out (rows and highlights)"
                ));
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let export = ui
                .add_enabled(!busy, egui::Button::new("Export…"))
                .on_hover_text("Choose where to write the file")
                .on_disabled_hover_text("An export is being written");
            if export.clicked() {
                actions.push(Action::Export(self.format));
            }
            if ui.button("Close").clicked() {
                self.open = false;
            }
        });
        if let Some(path) = &self.report {
            ui.separator();
            ui.label(format!("Report written to {}", path.display()));
            if ui
                .button("Open report in browser")
                .on_hover_text("Open the HTML report in your default browser")
                .clicked()
            {
                actions.push(Action::OpenReport(path.clone()));
            }
        }
    }
}
