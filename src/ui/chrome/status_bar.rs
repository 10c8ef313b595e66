//! The status bar: document and set paths, counts per tag, anchoring summary, saved state.

use crate::ui::state::session::Session;
use crate::ui::text::colors::tag_color;
use crate::ui::text::labels::file_name;

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
        // Laid out from the right: save state, anchoring summary, tag counts; the paths get
        // what is left, cut short with "…" (and clipped) so nothing is drawn over another.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            match state {
                SaveState::Unsaved => ui.colored_label(ui.visuals().warn_fg_color, state.label()),
                _ => ui.weak(state.label()),
            };
            ui.separator();
            anchoring_ui(ui, session);
            let conflicts = session.set().conflicts.len();
            if conflicts > 0 {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("{conflicts} conflict(s)"),
                )
                .on_hover_text("Merge conflicts to settle: see the Review queue tab");
            }
            ui.separator();
            let set = session.set();
            claim_states_ui(ui, set);
            for tag in set.tags.iter().rev() {
                let count = set.annotations.iter().filter(|a| a.tag == tag.name).count();
                ui.label(format!("{} {count}", tag.name));
                crate::ui::text::colors::chip_ui(ui, tag_color(set, &tag.name));
            }
            ui.separator();
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                ui.set_clip_rect(ui.max_rect().intersect(ui.clip_rect()));
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                paths_ui(ui, session);
            });
        });
    });
}

/// Claims per review state (states with none left out; nothing while no claim has moved
/// past open), laid out right to left like the rest of the bar.
fn claim_states_ui(ui: &mut egui::Ui, set: &crate::model::AnnotationSet) {
    use crate::model::workflow::{ClaimState, state_counts};
    let counts = state_counts(&set.annotations);
    let open = counts.first().copied().unwrap_or(0);
    if counts.iter().sum::<usize>() == open {
        return;
    }
    let text: Vec<String> = ClaimState::ALL
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(state, n)| format!("{} {n}", state.label().to_lowercase()))
        .collect();
    ui.label(format!("claims: {}", text.join(", ")))
        .on_hover_text("Claims per review state");
    ui.separator();
}

/// The document and set file names.
fn paths_ui(ui: &mut egui::Ui, session: &Session) {
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
}

/// How the annotations anchored: exact, moved, fuzzy, orphaned.
fn anchoring_ui(ui: &mut egui::Ui, session: &Session) {
    let summary = session.current_summary();
    let anchoring = format!("{summary:#}");
    let review = summary.fuzzy + summary.orphaned;
    if review > 0 {
        ui.colored_label(ui.visuals().warn_fg_color, anchoring)
            .on_hover_text("See the Review Queue tab");
    } else {
        ui.weak(anchoring);
    }
}
