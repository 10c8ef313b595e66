//! Where the views go: menu and tag toolbar on top, status bar at the bottom, the side
//! panel on the right, the document (or welcome screen) in the middle; prompts on top.

use crate::model::AnnotationSet;
use crate::ui::app::{FactmarkApp, SideTab};
use crate::ui::chrome::menu::{MenuContext, menu_bar_ui};
use crate::ui::chrome::status_bar::{SaveState, status_bar_ui};
use crate::ui::panels::conflicts::conflicts_ui;
use crate::ui::panels::review_queue::review_queue_ui;
use crate::ui::state::commands::{Action, UiCommand};
use crate::ui::state::layers::Layers;
use crate::ui::text::colors::tag_color;
use crate::ui::text::labels::excerpt;

/// Widest a message stack grows (never wider than the document area).
const MESSAGE_WIDTH: f32 = 460.0;

/// The side panel's width when there is room.
const SIDE_DEFAULT_WIDTH: f32 = 420.0;
/// The side panel is not made narrower than this while the window allows.
const SIDE_MIN_WIDTH: f32 = 300.0;
/// The side panel never gets narrower than this, however small the window.
const SIDE_SMALLEST_WIDTH: f32 = 180.0;
/// The document column keeps at least this width (about 30 words a line at 16 pt).
pub const DOC_MIN_WIDTH: f32 = 320.0;

/// Widths the side panel may take in a window `total` points wide: the document keeps
/// [`DOC_MIN_WIDTH`] first, down to a [`SIDE_SMALLEST_WIDTH`] panel.
pub fn side_panel_width_range(total: f32) -> std::ops::RangeInclusive<f32> {
    let widest = (total - DOC_MIN_WIDTH).max(SIDE_SMALLEST_WIDTH);
    SIDE_MIN_WIDTH.min(widest)..=widest
}

/// Height of the annotation list in a side panel `available` points high: nearly all of it
/// when nothing is selected, else a share that grows with the window (the detail editor
/// gets the rest).
fn list_height(available: f32, selected: bool) -> f32 {
    if selected {
        (available * 0.45).max(120.0).min(available)
    } else {
        (available - 60.0).max(120.0).min(available)
    }
}
use crate::ui::windows::settings::settings_window;

impl FactmarkApp {
    /// Draw every panel; views push actions.
    pub(crate) fn layout_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let ctx = ui.ctx().clone();
        egui::Panel::top("menu_bar").show(ui, |ui| {
            let context = MenuContext {
                session: self.session.as_ref(),
                recent: &self.persisted.recent,
            };
            menu_bar_ui(ui, &context, actions);
        });
        if self.session.is_some() {
            egui::Panel::top("toolbar").show(ui, |ui| {
                self.toolbar_ui(ui, actions);
                if self.find.open {
                    self.find.ui(ui, actions);
                    if !self.find.open
                        && let Some(session) = &mut self.session
                    {
                        // Esc or Close: the keys go back to the document (caret, tag keys).
                        session.doc_view.request_focus();
                    }
                }
            });
        }
        let state = match &self.session {
            _ if self.save.in_flight => SaveState::Saving,
            Some(session) if session.is_dirty() => SaveState::Unsaved,
            _ => SaveState::Saved,
        };
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            status_bar_ui(ui, self.session.as_ref(), state);
        });
        if self.session.is_some() {
            // The document keeps a readable column; the side panel gives way first.
            let side = side_panel_width_range(ui.available_width());
            egui::Panel::right("side_panel")
                .resizable(true)
                .default_size(SIDE_DEFAULT_WIDTH.min(*side.end()))
                .size_range(side)
                .show(ui, |ui| self.side_panel_ui(ui, actions));
        }
        let document_area = egui::CentralPanel::default_margins()
            .show(ui, |ui| {
                self.central_ui(ui, actions);
            })
            .response
            .rect;

        // Messages stack in the bottom left corner, over the document's margin and never
        // over the side panel's buttons and fields; the document does not jump.
        egui::Area::new(egui::Id::unique("factmark_messages"))
            .anchor(egui::Align2::LEFT_BOTTOM, egui::vec2(12.0, -36.0))
            .order(egui::Order::Foreground)
            .show(&ctx, |ui| {
                ui.set_max_width(MESSAGE_WIDTH.min(document_area.width() - 24.0).max(160.0));
                self.messages.banner_ui(ui);
            });

        if let Some(prompt) = self.windows.prompt.take() {
            match prompt.ui(&ctx) {
                Some(choice) => self.prompt_answered(prompt, choice),
                None => self.windows.prompt = Some(prompt),
            }
        }
        if let Some(session) = &self.session
            && self.windows.tags.open
        {
            self.windows.tags.ui(&ctx, session, actions);
        }
        if let Some(session) = &self.session {
            if self.windows.export.open {
                self.windows
                    .export
                    .ui(&ctx, session, self.export_in_flight, actions);
            }
            if self.windows.review_details.open {
                self.windows.review_details.ui(&ctx, session.set(), actions);
            }
            if self.windows.compare.open {
                self.windows
                    .compare
                    .ui(&ctx, session, &self.layers, actions);
            }
        }
        if let Some(session) = &self.session {
            let now = Self::now();
            self.windows.add_evidence.ui(&ctx, session, now, actions);
        }
        if self.windows.desk.open {
            self.windows.desk.ui(&ctx, actions);
        }
        if self.windows.web_address.open {
            self.windows.web_address.ui(&ctx, actions);
        }
        if self.windows.paste.open {
            self.windows.paste.ui(&ctx, actions);
        }
        self.windows.open_path.ui(&ctx, actions);
        let mut open = self.windows.settings_open;
        settings_window(&ctx, &mut open, &mut self.persisted.settings);
        self.windows.settings_open = open;
    }

    fn toolbar_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let Some(session) = &self.session else {
            return;
        };
        let set = session.set();
        let has_selection = session
            .doc_view
            .selection()
            .is_some_and(|r| r.start < r.end);
        ui.horizontal_wrapped(|ui| {
            ui.label("Tag selection:");
            for tag in &set.tags {
                let key = tag.key.map(|k| format!("{k} ")).unwrap_or_default();
                let text = egui::RichText::new(format!("{key}{}", tag.name))
                    .color(crate::ui::text::colors::text_color(
                        ui.visuals(),
                        tag_color(set, &tag.name),
                    ))
                    .strong();
                let hover = match tag.key {
                    Some(k) => format!("Tag the selected text as {} (key {k})", tag.name),
                    None => format!("Tag the selected text as {}", tag.name),
                };
                if ui
                    .add_enabled(has_selection, egui::Button::new(text))
                    .on_hover_text(hover)
                    .on_disabled_hover_text("Select text in the document first")
                    .clicked()
                {
                    actions.push(Action::TagSelection(tag.name.clone()));
                }
            }
            ui.separator();
            let find = UiCommand::Find.hover_text(ui.ctx());
            if ui.button("Find…").on_hover_text(find).clicked() {
                actions.push(Action::Run(UiCommand::Find));
            }
        });
        if !self.layers.items().is_empty() {
            ui.horizontal_wrapped(|ui| layers_ui(ui, &self.layers, actions));
        }
    }

    fn side_panel_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let me = self.reviewer();
        let Some(session) = &mut self.session else {
            return;
        };
        let review = session.current_summary();
        let review_count = review.fuzzy + review.orphaned + session.set().conflicts.len();
        // Wrapped, so a narrow panel puts its tabs on two rows instead of cutting them off.
        ui.horizontal_wrapped(|ui| {
            let count = session.set().annotations.len();
            ui.selectable_value(
                &mut self.side.tab,
                SideTab::Annotations,
                format!("Annotations ({count})"),
            );
            let evidence = session.set().evidence.len();
            ui.selectable_value(
                &mut self.side.tab,
                SideTab::Evidence,
                format!("Evidence ({evidence})"),
            );
            ui.selectable_value(
                &mut self.side.tab,
                SideTab::Review,
                format!("Review queue ({review_count})"),
            );
        });
        ui.separator();
        match self.side.tab {
            SideTab::Annotations => {
                let list_height = list_height(ui.available_height(), session.selected().is_some());
                ui.allocate_ui(egui::vec2(ui.available_width(), list_height), |ui| {
                    self.side.list.ui(ui, session, &me, actions);
                });
                ui.separator();
                egui::ScrollArea::vertical()
                    .id_salt("detail_scroll")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        let now = Self::now();
                        self.side
                            .detail
                            .ui(ui, session, &self.layers, (&me, now), actions);
                    });
            }
            SideTab::Evidence => {
                let now = Self::now();
                self.side.evidence.ui(ui, session, now, actions);
            }
            SideTab::Review => {
                conflicts_ui(ui, session, &mut self.side.conflicts, actions);
                review_queue_ui(ui, session, actions);
            }
        }
    }

    fn central_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let Some(session) = &mut self.session else {
            crate::ui::chrome::welcome::welcome_ui(ui, &self.persisted.recent, actions);
            return;
        };
        let response = session.doc_view.ui(ui);
        if !response.clicked.is_empty() {
            let clicked = &response.clicked;
            let current = session
                .selected()
                .and_then(|s| clicked.iter().position(|c| *c == s));
            let next = match current {
                Some(i) => clicked.get((i + 1) % clicked.len()),
                None => clicked.first(),
            };
            actions.push(Action::Select {
                id: next.copied(),
                scroll: false,
            });
        }
        if !response.hovered.is_empty() {
            let set = session.set();
            let hovered = response.hovered.clone();
            response.response.clone().on_hover_ui_at_pointer(|ui| {
                hover_ui(ui, set, &hovered);
            });
        }
    }
}

/// The tooltip over highlighted text: tag, verdict and the start of the note of each span.
fn hover_ui(ui: &mut egui::Ui, set: &AnnotationSet, hovered: &[crate::model::AnnotationId]) {
    ui.set_max_width(360.0);
    for (index, id) in hovered.iter().take(4).enumerate() {
        let Some(annotation) = set.annotation(*id) else {
            continue;
        };
        if index > 0 {
            ui.separator();
        }
        ui.horizontal(|ui| {
            crate::ui::text::colors::chip_ui(ui, tag_color(set, &annotation.tag));
            ui.strong(&annotation.tag);
            if annotation.is_claim() {
                ui.label(annotation.verdict.label());
            }
            ui.weak(format!("by {}", excerpt(&annotation.author, 24)));
        });
        if !annotation.note.is_empty() {
            ui.label(excerpt(&annotation.note, 120));
        }
    }
    if hovered.len() > 4 {
        ui.weak(format!("and {} more", hovered.len() - 4));
    }
    ui.weak("Click to select; click again to cycle through overlaps.");
}

/// The teammates' layers: a switch per reviewer (in their outline colour and style), and
/// buttons to merge or close each.
fn layers_ui(ui: &mut egui::Ui, layers: &Layers, actions: &mut Vec<Action>) {
    ui.label("Layers:");
    if ui
        .small_button("Compare")
        .on_hover_text(UiCommand::CompareReviewers.hover_text(ui.ctx()))
        .clicked()
    {
        actions.push(Action::Run(UiCommand::CompareReviewers));
    }
    for (index, layer) in layers.items().iter().enumerate() {
        ui.push_id(index, |ui| {
            let text = egui::RichText::new(format!("{} ({})", layer.name, layer.style_name()))
                .color(layer.color());
            let mut visible = layer.visible;
            if ui
                .checkbox(&mut visible, text)
                .on_hover_text("Show or hide this reviewer's outlines")
                .changed()
            {
                actions.push(Action::ToggleLayer(index));
            }
            if ui
                .small_button("Merge")
                .on_hover_text(format!(
                    "Merge {} into this set (one undo step)",
                    layer.name
                ))
                .clicked()
            {
                actions.push(Action::MergeLayer(index));
            }
            if ui
                .small_button("Close")
                .on_hover_text(format!("Stop showing {}", layer.name))
                .clicked()
            {
                actions.push(Action::RemoveLayer(index));
            }
        });
        ui.separator();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_side_panel_gives_way_before_the_document() {
        // (window width, side panel narrowest, widest)
        for (total, narrowest, widest) in [
            (1400.0, 300.0, 1080.0),
            (800.0, 300.0, 480.0),
            (560.0, 240.0, 240.0),
            (400.0, 180.0, 180.0),
        ] {
            let range = side_panel_width_range(total);
            assert_eq!(
                (*range.start(), *range.end()),
                (narrowest, widest),
                "{total}"
            );
        }
        assert!(list_height(540.0, false) > list_height(400.0, false));
        assert!(list_height(540.0, true) > list_height(400.0, true));
        assert!(list_height(100.0, true) <= 100.0);
    }
}
