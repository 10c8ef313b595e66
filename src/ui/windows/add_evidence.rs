//! Evidence in one step (Ctrl+L): from the selected annotation, paste a web address, pick a
//! file or write a citation, choose a stance, Enter — the evidence is added and linked as
//! one undoable edit. The same window links evidence already in the set, found by search.
//!
//! Keys: the address field has focus when the window opens; Alt+S / Alt+R / Alt+C choose
//! the stance; Enter adds and links (in the search field: links the first match; in the
//! citation field: Ctrl+Enter); Esc cancels.

use chrono::{DateTime, Utc};

use crate::model::{AnnotationId, Edit, Evidence, EvidenceKind, Link, Stance};
use crate::ui::state::commands::Action;
use crate::ui::state::session::Session;
use crate::ui::text::labels::{excerpt, visible};

/// Most matches listed under the search field.
const MAX_LISTED: usize = 8;

/// Which kind of evidence the window adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum FormKind {
    /// A web page.
    #[default]
    Url,
    /// A local file.
    File,
    /// A citation.
    Citation,
}

/// State of the add-evidence window.
#[derive(Debug, Default)]
pub struct AddEvidenceWindow {
    /// The annotation the evidence goes to, while the window is open.
    target: Option<AnnotationId>,
    kind: FormKind,
    url: String,
    file: String,
    citation: String,
    title: String,
    stance: Option<Stance>,
    /// Keep a copy of the web page beside the document (fetched in the background).
    snapshot: bool,
    search: String,
    error: Option<String>,
    focus_next_frame: bool,
}

/// The stance keys inside the window (with Alt).
const STANCE_KEYS: [(Stance, egui::Key); 3] = [
    (Stance::Supports, egui::Key::S),
    (Stance::Refutes, egui::Key::R),
    (Stance::Context, egui::Key::C),
];

impl AddEvidenceWindow {
    /// Open the window for `annotation`, the address field focused; the stance last used
    /// stays chosen.
    pub fn open_for(&mut self, annotation: AnnotationId) {
        *self = Self {
            target: Some(annotation),
            kind: self.kind,
            stance: self.stance,
            snapshot: self.snapshot,
            focus_next_frame: true,
            ..Self::default()
        };
    }

    /// Is the window open?
    pub fn is_open(&self) -> bool {
        self.target.is_some()
    }

    /// Close without changing anything.
    pub fn close(&mut self) {
        self.target = None;
    }

    /// Fill the file field with a picked file (relative to the document folder).
    pub fn set_picked_file(&mut self, relative: String) {
        self.kind = FormKind::File;
        self.file = relative;
        self.focus_next_frame = true;
    }

    /// Draw the window as a modal (if open). `now` dates new evidence.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        session: &Session,
        now: DateTime<Utc>,
        actions: &mut Vec<Action>,
    ) {
        let Some(target) = self.target else {
            return;
        };
        let Some(annotation) = session.annotation(target) else {
            self.close();
            return;
        };
        let heading = format!(
            "Evidence for the {} “{}”",
            annotation.tag,
            excerpt(&visible(&annotation.quote.exact), 50)
        );
        for (stance, key) in STANCE_KEYS {
            if ctx.input_mut(|i| i.consume_key(egui::Modifiers::ALT, key)) {
                ctx.input_mut(|i| crate::ui::state::commands::drop_typed_text_of(i, key));
                self.stance = Some(stance);
            }
        }
        let mut confirm = false;
        let mut link_existing = None;
        let modal = egui::Modal::new(egui::Id::unique("factmark_add_evidence")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading(heading);
            let kind = self.kind;
            ui.horizontal(|ui| {
                ui.radio_value(&mut self.kind, FormKind::Url, "Web page");
                ui.radio_value(&mut self.kind, FormKind::File, "Local file");
                ui.radio_value(&mut self.kind, FormKind::Citation, "Citation");
            });
            if self.kind != kind {
                self.focus_next_frame = true;
            }
            let field = match self.kind {
                FormKind::Url => {
                    let label = ui.label("Web address");
                    ui.add(
                        egui::TextEdit::singleline(&mut self.url)
                            .hint_text("https://…")
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id)
                }
                FormKind::File => {
                    let label = ui.label("File (inside the document's folder)");
                    ui.horizontal(|ui| {
                        let field = ui
                            .add(
                                egui::TextEdit::singleline(&mut self.file)
                                    .hint_text("sources/report.pdf")
                                    .desired_width(360.0),
                            )
                            .labelled_by(label.id);
                        if ui.button("Choose file…").clicked() {
                            actions.push(Action::PickEvidenceFile);
                        }
                        field
                    })
                    .inner
                }
                FormKind::Citation => {
                    let label = ui.label("Citation (Ctrl+Enter to add)");
                    ui.add(
                        egui::TextEdit::multiline(&mut self.citation)
                            .desired_rows(2)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id)
                }
            };
            if std::mem::take(&mut self.focus_next_frame) {
                field.request_focus();
                // Draw again at once so the focus holds before the first typed key arrives.
                ui.ctx().request_repaint();
            }
            let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
            let command_enter =
                ui.input(|i| i.modifiers.command && i.key_pressed(egui::Key::Enter));
            if (field.lost_focus() && enter && self.kind != FormKind::Citation) || command_enter {
                confirm = true;
            }
            if self.kind == FormKind::Url {
                ui.checkbox(&mut self.snapshot, "Keep a copy (snapshot)")
                    .on_hover_text(
                        "Fetch the page now and keep it beside the document, with its SHA-256 \
                         and retrieval time, so the evidence outlives link rot. The evidence \
                         is added when the copy arrives.",
                    );
            }
            ui.horizontal(|ui| {
                let label = ui.label("Title");
                ui.add(
                    egui::TextEdit::singleline(&mut self.title)
                        .hint_text("optional: the host, file or citation")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            });
            let current = self.stance.unwrap_or(Stance::Supports);
            ui.horizontal(|ui| {
                ui.label("Stance");
                for (stance, key) in STANCE_KEYS {
                    let hint = format!("Alt+{}", key.name());
                    if ui
                        .radio(current == stance, stance.name())
                        .on_hover_text(hint)
                        .clicked()
                    {
                        self.stance = Some(stance);
                    }
                }
            });
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.horizontal(|ui| {
                let add = ui
                    .button(egui::RichText::new("Add and link").strong())
                    .on_hover_text(
                        "Add the evidence and link it with this stance, one step (Enter)",
                    );
                if add.clicked() {
                    confirm = true;
                }
                if ui.button("Cancel").on_hover_text("Esc").clicked() {
                    self.close();
                }
            });
            ui.separator();
            link_existing = self.existing_ui(ui, session, target);
        });
        if modal.should_close() {
            self.close();
            return;
        }
        let stance = self.stance.unwrap_or(Stance::Supports);
        if let Some(evidence) = link_existing {
            actions.push(Action::Edit {
                label: "Link evidence".to_owned(),
                edit: Edit::AddLink(Link::Evidence {
                    annotation: target,
                    evidence,
                    stance,
                }),
            });
            self.close();
        } else if confirm {
            match self.build(now) {
                Ok(evidence) => {
                    let link = Link::Evidence {
                        annotation: target,
                        evidence: evidence.id,
                        stance,
                    };
                    let label = format!("Add and link evidence {}", excerpt(&evidence.title, 30));
                    if self.snapshot && self.kind == FormKind::Url {
                        actions.push(Action::AddEvidenceWithSnapshot {
                            label,
                            evidence: Box::new(evidence),
                            link,
                        });
                    } else {
                        actions.push(Action::Edit {
                            label,
                            edit: Edit::Batch(vec![
                                Edit::AddEvidence(evidence),
                                Edit::AddLink(link),
                            ]),
                        });
                    }
                    self.close();
                }
                Err(error) => {
                    self.error = Some(error);
                    self.focus_next_frame = true;
                }
            }
        }
    }

    /// The search over evidence already in the set; returns the one chosen to link.
    fn existing_ui(
        &mut self,
        ui: &mut egui::Ui,
        session: &Session,
        target: AnnotationId,
    ) -> Option<crate::model::EvidenceId> {
        let set = session.set();
        if set.evidence.is_empty() {
            ui.weak("No evidence in the set yet to link.");
            return None;
        }
        let label = ui.label("Or link evidence already in the set");
        let search = ui
            .add(
                egui::TextEdit::singleline(&mut self.search)
                    .hint_text("search titles, addresses, citations")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        let linked: Vec<_> = set.evidence_of(target).map(|(e, _)| e.id).collect();
        let needle = self.search.trim().to_lowercase();
        let matches: Vec<&Evidence> = set
            .evidence
            .iter()
            .filter(|e| !linked.contains(&e.id))
            .filter(|e| needle.is_empty() || searchable(e).to_lowercase().contains(&needle))
            .take(MAX_LISTED)
            .collect();
        let mut chosen = None;
        if search.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            chosen = matches.first().map(|e| e.id);
        }
        if matches.is_empty() {
            ui.weak("Nothing unlinked matches.");
        }
        for evidence in matches {
            ui.horizontal(|ui| {
                if ui
                    .small_button("Link")
                    .on_hover_text("Link this evidence with the stance above")
                    .clicked()
                {
                    chosen = Some(evidence.id);
                }
                ui.label(excerpt(&visible(&evidence.title), 60));
            });
        }
        chosen
    }

    /// Check the form and build the evidence, or say what is wrong.
    fn build(&self, now: DateTime<Utc>) -> Result<Evidence, String> {
        let kind = match self.kind {
            FormKind::Url => EvidenceKind::Url {
                url: self.url.trim().to_owned(),
                archived_url: None,
            },
            FormKind::File => EvidenceKind::File {
                path: self.file.trim().to_owned(),
            },
            FormKind::Citation => EvidenceKind::Citation {
                text: self.citation.trim().to_owned(),
            },
        };
        Evidence::new(kind, &self.title, None, "", now).map_err(|err| format!("Not added: {err}."))
    }
}

/// The text the search looks in: title, address, file or citation.
fn searchable(evidence: &Evidence) -> String {
    let detail = match &evidence.kind {
        EvidenceKind::Url { url, .. } => url.as_str(),
        EvidenceKind::File { path } => path.as_str(),
        EvidenceKind::Citation { text } => text.as_str(),
    };
    format!("{} {detail}", evidence.title)
}
