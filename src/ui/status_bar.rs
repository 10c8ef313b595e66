//! The status bar: document and set paths, counts per tag, anchoring summary, saved state.

use crate::ui::highlights::tag_color;
use crate::ui::session::Session;

/// Saved state shown at the right of the status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveState {
    /// Everything is on disk.
    Saved,
    /// There are unsaved changes.
    Unsaved,
    /// A save is running.
    Saving,
}

impl SaveState {
    /// The words shown.
    pub fn label(self) -> &'static str {
        match self {
            Self::Saved => "All changes saved",
            Self::Unsaved => "Unsaved changes",
            Self::Saving => "Saving…",
        }
    }
}

/// Draw the status bar.
pub fn status_bar_ui(ui: &mut egui::Ui, session: Option<&Session>, state: SaveState) {
    ui.horizontal(|ui| {
        let Some(session) = session else {
            ui.weak("No document open");
            return;
        };
        let set = session.set();
        ui.label(file_name(session.doc_path()))
            .on_hover_text(session.doc_path().display().to_string());
        match session.set_path() {
            Some(path) => {
                ui.weak(format!("set: {}", file_name(path)))
                    .on_hover_text(path.display().to_string());
            }
            None => {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "set: not saved yet — use Save As…",
                );
            }
        }
        ui.separator();
        for tag in &set.tags {
            let count = set.annotations.iter().filter(|a| a.tag == tag.name).count();
            crate::ui::highlights::chip_ui(ui, tag_color(set, &tag.name));
            ui.label(format!("{} {count}", tag.name));
        }
        ui.separator();
        let summary = session.current_summary();
        let mut anchoring = format!("{} exact", summary.exact);
        for (count, name) in [
            (summary.moved, "moved"),
            (summary.fuzzy, "fuzzy"),
            (summary.orphaned, "orphaned"),
        ] {
            if count > 0 {
                anchoring.push_str(&format!(", {count} {name}"));
            }
        }
        let review = summary.fuzzy + summary.orphaned;
        if review > 0 {
            ui.colored_label(ui.visuals().warn_fg_color, anchoring)
                .on_hover_text("See the Review Queue tab");
        } else {
            ui.weak(anchoring);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            match state {
                SaveState::Unsaved => ui.colored_label(ui.visuals().warn_fg_color, state.label()),
                _ => ui.weak(state.label()),
            };
        });
    });
}

/// The last component of a path, for display.
pub fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
