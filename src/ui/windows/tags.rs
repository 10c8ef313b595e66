//! The tags window: the set's tags with colour, key and use count; define custom tags
//! (with a key that applies them) and remove unused ones.

use egui::Color32;

use crate::model::tag_key::tag_key;
use crate::model::{Color, Edit, TagDef};
use crate::ui::state::commands::Action;
use crate::ui::state::messages::Message;
use crate::ui::state::session::Session;
use crate::ui::text::colors::{chip_ui, color32};

/// State of the tags window and its "new tag" form.
#[derive(Debug)]
pub struct TagEditor {
    /// Is the window shown?
    pub open: bool,
    name: String,
    color: Color32,
    key: String,
}

impl Default for TagEditor {
    fn default() -> Self {
        Self {
            open: false,
            name: String::new(),
            color: Color32::from_rgb(0xc0, 0x5c, 0xd6),
            key: String::new(),
        }
    }
}

impl TagEditor {
    /// Draw the window (if open).
    pub fn ui(&mut self, ctx: &egui::Context, session: &Session, actions: &mut Vec<Action>) {
        let mut open = self.open;
        egui::Window::new("Tags")
            .open(&mut open)
            .resizable(false)
            .collapsible(false)
            .show(ctx, |ui| {
                self.list_ui(ui, session, actions);
                ui.separator();
                self.form_ui(ui, session, actions);
            });
        self.open = open;
    }

    fn list_ui(&self, ui: &mut egui::Ui, session: &Session, actions: &mut Vec<Action>) {
        let set = session.set();
        egui::Grid::new("tags_grid")
            .num_columns(4)
            .spacing([10.0, 4.0])
            .show(ui, |ui| {
                for tag in &set.tags {
                    let uses = set.annotations.iter().filter(|a| a.tag == tag.name).count();
                    ui.horizontal(|ui| {
                        chip_ui(ui, color32(tag.color));
                        ui.label(&tag.name);
                    });
                    ui.label(
                        tag.key
                            .map_or_else(|| "no key".to_owned(), |k| format!("key {k}")),
                    );
                    ui.weak(format!("{uses} use(s)"));
                    let removable = uses == 0;
                    if ui
                        .add_enabled(removable, egui::Button::new("Remove"))
                        .on_disabled_hover_text("Retag or delete its annotations first")
                        .clicked()
                    {
                        actions.push(Action::Edit {
                            label: format!("Remove tag {}", tag.name),
                            edit: Edit::RemoveTag(tag.name.clone()),
                        });
                    }
                    ui.end_row();
                }
            });
    }

    fn form_ui(&mut self, ui: &mut egui::Ui, session: &Session, actions: &mut Vec<Action>) {
        ui.strong("New tag");
        egui::Grid::new("new_tag_grid")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                let label = ui.label("Tag name");
                ui.add(
                    egui::TextEdit::singleline(&mut self.name)
                        .hint_text("e.g. statistic")
                        .desired_width(160.0),
                )
                .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Colour");
                ui.color_edit_button_srgba(&mut self.color)
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Key");
                ui.add(
                    egui::TextEdit::singleline(&mut self.key)
                        .hint_text("4")
                        .char_limit(1)
                        .desired_width(30.0),
                )
                .labelled_by(label.id);
                ui.end_row();
            });
        if ui.button("Add tag").clicked() {
            match self.build(session) {
                Ok(tag) => {
                    actions.push(Action::Edit {
                        label: format!("Add tag {}", tag.name),
                        edit: Edit::AddTag(tag),
                    });
                    self.name.clear();
                    self.key.clear();
                }
                Err(text) => actions.push(Action::Notify(Message::error(text))),
            }
        }
    }

    fn build(&self, session: &Session) -> Result<TagDef, String> {
        let name = self.name.trim().to_lowercase();
        if !TagDef::is_valid_name(&name) {
            return Err(format!(
                "Tag {name:?} not added: use 1-32 lowercase letters, digits, '-' or '_'."
            ));
        }
        let key = self
            .key
            .trim()
            .chars()
            .next()
            .map(|key| tag_key(key, &session.set().tags))
            .transpose()
            .map_err(|err| format!("Tag {name:?} not added: {err}."))?;
        let [r, g, b, _] = self.color.to_srgba_unmultiplied();
        Ok(TagDef {
            name,
            color: Color::rgb(r, g, b),
            key,
        })
    }
}
