//! The evidence tab: add web pages (http/https only), local files (inside the document
//! folder) and citations; link and unlink them to the selected annotation with a stance;
//! open web pages after confirming the host; reveal files (never run them).

use chrono::{DateTime, NaiveDate, Utc};

use crate::model::web::web_host;
use crate::model::{Edit, Evidence, EvidenceKind, Stance};
use crate::ui::state::commands::Action;
use crate::ui::state::messages::Message;
use crate::ui::state::session::Session;
use crate::ui::text::labels::excerpt;

/// Which kind of evidence the form adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormKind {
    /// A web page.
    #[default]
    Url,
    /// A local file.
    File,
    /// A citation.
    Citation,
}

/// The "add evidence" form and the stance used for new links.
#[derive(Debug, Default)]
pub struct EvidencePanel {
    kind: FormKind,
    url: String,
    file: String,
    citation: String,
    title: String,
    accessed: String,
    note: String,
    stance: Option<Stance>,
    /// The evidence being edited (as it was), if the form edits rather than adds.
    editing: Option<Evidence>,
}

impl EvidencePanel {
    /// Fill the form with a local file path (relative to the document folder).
    pub fn set_picked_file(&mut self, relative: String) {
        self.kind = FormKind::File;
        if self.title.trim().is_empty() {
            self.title = relative.rsplit('/').next().unwrap_or_default().to_owned();
        }
        self.file = relative;
    }

    /// Draw the tab. `now` is the app loop's clock (used for dates on new evidence).
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        session: &Session,
        now: DateTime<Utc>,
        actions: &mut Vec<Action>,
    ) {
        let today = now.date_naive();
        if self.accessed.is_empty() {
            self.accessed = today.format("%Y-%m-%d").to_string();
        }
        let header = if self.editing.is_some() {
            "Edit evidence"
        } else {
            "New evidence"
        };
        egui::CollapsingHeader::new(header)
            .id_salt("evidence_form")
            .default_open(true)
            .show(ui, |ui| self.form_ui(ui, now, actions));
        ui.separator();
        self.list_ui(ui, session, actions);
    }

    fn form_ui(&mut self, ui: &mut egui::Ui, now: DateTime<Utc>, actions: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            ui.radio_value(&mut self.kind, FormKind::Url, "Web page");
            ui.radio_value(&mut self.kind, FormKind::File, "Local file");
            ui.radio_value(&mut self.kind, FormKind::Citation, "Citation");
        });
        egui::Grid::new("evidence_form")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                match self.kind {
                    FormKind::Url => {
                        let label = ui.label("URL");
                        ui.add(
                            egui::TextEdit::singleline(&mut self.url)
                                .hint_text("https://…")
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(label.id);
                        ui.end_row();
                        ui.label("");
                        if !self.url.trim().is_empty() {
                            // Wrap explicitly: a Grid lets text extend by default, and a
                            // long message would widen the side panel for good.
                            let hint = match web_host(&self.url) {
                                Ok(host) => egui::RichText::new(format!("host: {host}")).weak(),
                                Err(err) => egui::RichText::new(err.to_string())
                                    .color(ui.visuals().warn_fg_color),
                            };
                            ui.add(egui::Label::new(hint).wrap());
                        }
                        ui.end_row();
                    }
                    FormKind::File => {
                        let label = ui.label("File");
                        ui.horizontal(|ui| {
                            ui.add_enabled(
                                false,
                                egui::TextEdit::singleline(&mut self.file)
                                    .hint_text("inside the document's folder"),
                            )
                            .labelled_by(label.id);
                            if ui.button("Choose file…").clicked() {
                                actions.push(Action::PickEvidenceFile);
                            }
                        });
                        ui.end_row();
                    }
                    FormKind::Citation => {
                        let label = ui.label("Citation text");
                        ui.add(
                            egui::TextEdit::multiline(&mut self.citation)
                                .desired_rows(2)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(label.id);
                        ui.end_row();
                    }
                }
                let label = ui.label("Title");
                ui.add(egui::TextEdit::singleline(&mut self.title).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Accessed");
                ui.add(
                    egui::TextEdit::singleline(&mut self.accessed)
                        .hint_text("YYYY-MM-DD")
                        .desired_width(110.0),
                )
                .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Evidence note");
                ui.add(
                    egui::TextEdit::multiline(&mut self.note)
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
                ui.end_row();
            });
        if let Some(original) = self.editing.clone() {
            ui.horizontal(|ui| {
                if ui.button("Update evidence").clicked() {
                    match self.build(now) {
                        Ok(mut evidence) => {
                            evidence.id = original.id;
                            evidence.created = original.created;
                            evidence.author.clone_from(&original.author);
                            // The kept copy is of this address: it stays while the address
                            // does (a new address is another page).
                            if matches!(
                                (&evidence.kind, &original.kind),
                                (EvidenceKind::Url { url: new, .. }, EvidenceKind::Url { url: old, .. })
                                    if new == old
                            ) {
                                evidence.snapshot.clone_from(&original.snapshot);
                            }
                            if let (
                                EvidenceKind::Url { archived_url, .. },
                                EvidenceKind::Url {
                                    archived_url: kept, ..
                                },
                            ) = (&mut evidence.kind, &original.kind)
                            {
                                archived_url.clone_from(kept);
                            }
                            actions.push(Action::Edit {
                                label: format!("Edit evidence {}", excerpt(&evidence.title, 30)),
                                edit: Edit::UpdateEvidence(evidence),
                            });
                            self.clear_form();
                        }
                        Err(text) => actions.push(Action::Notify(Message::error(text))),
                    }
                }
                if ui.button("Cancel edit").clicked() {
                    self.clear_form();
                }
            });
            return;
        }
        if ui.button("Add evidence").clicked() {
            match self.build(now) {
                Ok(evidence) => {
                    let label = format!("Add evidence {}", excerpt(&evidence.title, 30));
                    actions.push(Action::Edit {
                        label,
                        edit: Edit::AddEvidence(evidence),
                    });
                    self.clear_form();
                }
                Err(text) => actions.push(Action::Notify(Message::error(text))),
            }
        }
    }

    /// Empty the form (keeping the kind, the accessed date and the stance).
    fn clear_form(&mut self) {
        let accessed = std::mem::take(&mut self.accessed);
        *self = Self {
            kind: self.kind,
            accessed,
            stance: self.stance,
            ..Self::default()
        };
    }

    /// Put an evidence item into the form for editing.
    fn load(&mut self, evidence: &Evidence) {
        self.clear_form();
        match &evidence.kind {
            EvidenceKind::Url { url, .. } => {
                self.kind = FormKind::Url;
                self.url.clone_from(url);
            }
            EvidenceKind::File { path } => {
                self.kind = FormKind::File;
                self.file.clone_from(path);
            }
            EvidenceKind::Citation { text } => {
                self.kind = FormKind::Citation;
                self.citation.clone_from(text);
            }
        }
        self.title.clone_from(&evidence.title);
        self.accessed = evidence
            .accessed
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        self.note.clone_from(&evidence.note);
        self.editing = Some(evidence.clone());
    }

    /// Check the form and build the evidence, or say what is wrong.
    fn build(&self, now: DateTime<Utc>) -> Result<Evidence, String> {
        let kind = match self.kind {
            FormKind::Url => EvidenceKind::Url {
                url: self.url.clone(),
                archived_url: None,
            },
            FormKind::File => EvidenceKind::File {
                path: self.file.clone(),
            },
            FormKind::Citation => EvidenceKind::Citation {
                text: self.citation.clone(),
            },
        };
        let accessed = match self.accessed.trim() {
            "" => None,
            text => Some(NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                format!("Evidence not added: the accessed date {text:?} is not YYYY-MM-DD.")
            })?),
        };
        Evidence::new(kind, &self.title, accessed, &self.note, now)
            .map_err(|err| format!("Evidence not added: {err}."))
    }

    fn list_ui(&mut self, ui: &mut egui::Ui, session: &Session, actions: &mut Vec<Action>) {
        let set = session.set();
        let selected = session.selected();
        ui.horizontal(|ui| {
            ui.strong(format!("All evidence ({})", set.evidence.len()));
            let label = ui.label("Link as");
            let stance = self.stance.unwrap_or(Stance::Supports);
            egui::ComboBox::from_id_salt("evidence_stance")
                .selected_text(stance.name())
                .show_ui(ui, |ui| {
                    for option in Stance::ALL {
                        if ui
                            .selectable_label(option == stance, option.name())
                            .clicked()
                        {
                            self.stance = Some(option);
                        }
                    }
                })
                .response
                .labelled_by(label.id);
        });
        if selected.is_none() {
            ui.weak("Select an annotation to link evidence to it.");
        }
        let stance = self.stance.unwrap_or(Stance::Supports);
        egui::ScrollArea::vertical()
            .id_salt("evidence_list")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let mut edit = None;
                for evidence in &set.evidence {
                    ui.push_id(evidence.id, |ui| {
                        let card = crate::ui::panels::evidence_card::Card {
                            evidence,
                            selected,
                            stance,
                        };
                        if card.ui(ui, session, actions) {
                            edit = Some(evidence);
                        }
                    });
                }
                if let Some(evidence) = edit {
                    self.load(evidence);
                }
            });
    }
}
