//! Modal questions: unsaved changes, a teammate's change on disk, the document changed on
//! disk, a set that may belong to another document, recovered work, and confirming a web
//! address before opening it.

use std::path::PathBuf;

/// What to do once the unsaved-changes question is settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterPrompt {
    /// Close the window.
    Close,
    /// Open this document.
    OpenDocument(PathBuf),
    /// Open this document with a recovered set.
    RestoreRecovery(PathBuf),
    /// Open this annotation set for the current document.
    OpenSet(PathBuf),
    /// Open the bundled sample document.
    OpenSample,
}

/// A recovery copy offered to the user.
#[derive(Debug, Clone)]
pub struct RecoveryOffer {
    /// The document it belongs to.
    pub document: PathBuf,
    /// When it was written, as text.
    pub saved: String,
    /// How many annotations it holds.
    pub annotations: usize,
}

/// The question on screen, if any.
#[derive(Debug, Clone)]
pub enum Prompt {
    /// The set has unsaved changes; save, discard or cancel before `after`.
    Unsaved {
        /// What the user asked for.
        after: AfterPrompt,
    },
    /// Saving found that the file changed on disk since it was loaded.
    ChangedOnDisk {
        /// The set file.
        path: PathBuf,
    },
    /// The open document was changed on disk (by an editor, a sync tool) since it was read.
    DocumentChanged {
        /// The document.
        path: PathBuf,
    },
    /// Most annotations could not be found in the document: the set may belong to another
    /// document, and keeps its old fingerprint until the reviewer accepts this one.
    OtherDocument {
        /// What anchoring found, in words.
        warning: String,
    },
    /// Recovery copies from an earlier run.
    Recover {
        /// The copies.
        offers: Vec<RecoveryOffer>,
    },
    /// Confirm opening a web address.
    OpenUrl {
        /// The address.
        url: String,
        /// Its host, shown prominently.
        host: String,
    },
}

/// The user's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptChoice {
    /// Save, then continue.
    Save,
    /// Drop the changes, then continue.
    Discard,
    /// Do nothing.
    Cancel,
    /// Reload the set from disk, dropping local changes.
    Reload,
    /// Merge the teammate's change on disk with ours, and save the result.
    Merge,
    /// Keep local changes and save them under another name.
    SaveElsewhere,
    /// Restore the recovery copy of this document.
    Restore(PathBuf),
    /// Delete the recovery copy of this document.
    DiscardRecovery(PathBuf),
    /// Open the confirmed web address.
    OpenUrl(String),
    /// Read the changed document again and re-anchor the set to it, unsaved changes kept.
    ReloadDocument,
    /// Keep showing the text as it was read (do not ask again for this version).
    KeepOldText,
    /// Accept the open document for a set that may belong to another one.
    AcceptDocument,
}

impl Prompt {
    /// What Enter answers (the button drawn strong): Save, Merge, Reload, Open; none for
    /// recovery, where each copy has its own buttons, nor for accepting another document,
    /// which is a deliberate choice.
    pub fn default_choice(&self) -> Option<PromptChoice> {
        match self {
            Self::Unsaved { .. } => Some(PromptChoice::Save),
            Self::ChangedOnDisk { .. } => Some(PromptChoice::Merge),
            Self::Recover { .. } | Self::OtherDocument { .. } => None,
            Self::DocumentChanged { .. } => Some(PromptChoice::ReloadDocument),
            Self::OpenUrl { url, .. } => Some(PromptChoice::OpenUrl(url.clone())),
        }
    }

    /// Show the prompt as a modal; returns the answer once given.
    pub fn ui(&self, ctx: &egui::Context) -> Option<PromptChoice> {
        let mut choice = None;
        let modal = egui::Modal::new(egui::Id::unique("factmark_prompt")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            match self {
                Self::Unsaved { after } => {
                    ui.heading("Unsaved changes");
                    let what = match after {
                        AfterPrompt::Close => "before closing".to_owned(),
                        AfterPrompt::OpenSet(_) => "before opening another set".to_owned(),
                        _ => "before opening another document".to_owned(),
                    };
                    ui.label(format!(
                        "The annotation set has changes that are not saved. Save them {what}?"
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        let save = ui
                            .button(egui::RichText::new("Save").strong())
                            .on_hover_text("Save, then go on (Enter)");
                        if save.clicked() {
                            choice = Some(PromptChoice::Save);
                        }
                        if ui
                            .button("Discard")
                            .on_hover_text("Throw the unsaved changes away")
                            .clicked()
                        {
                            choice = Some(PromptChoice::Discard);
                        }
                        if ui.button("Cancel").clicked() {
                            choice = Some(PromptChoice::Cancel);
                        }
                    });
                }
                Self::ChangedOnDisk { path } => {
                    ui.heading("Changed on disk");
                    ui.label(format!(
                        "{} was changed by someone else since you opened it. Your changes are \
                         not saved yet.",
                        path.display()
                    ));
                    ui.label(
                        "Merge: combine their changes with yours and save both; where you \
                         both changed the same thing, both versions are kept for you to \
                         settle. Reload: drop your changes and load theirs. Save as another \
                         file: keep your version apart; theirs stays as it is.",
                    );
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        let merge = ui
                            .button(egui::RichText::new("Merge").strong())
                            .on_hover_text("Combine both versions (the default: Enter)");
                        if merge.clicked() {
                            choice = Some(PromptChoice::Merge);
                        }
                        if ui.button("Reload").clicked() {
                            choice = Some(PromptChoice::Reload);
                        }
                        if ui.button("Save as another file…").clicked() {
                            choice = Some(PromptChoice::SaveElsewhere);
                        }
                        if ui.button("Cancel").clicked() {
                            choice = Some(PromptChoice::Cancel);
                        }
                    });
                }
                Self::DocumentChanged { path } => {
                    ui.heading("Document changed on disk");
                    ui.label(format!(
                        "{} was changed outside factmark since it was opened. You are \
                         annotating the text as it was.",
                        path.display()
                    ));
                    ui.label(
                        "Reload: show the new text and re-anchor the annotations to it; your \
                         unsaved changes are kept (undo starts again from here). Keep: go on \
                         with the old text; saving records it as the set's document.",
                    );
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        let reload = ui
                            .button(egui::RichText::new("Reload and re-anchor").strong())
                            .on_hover_text("Show the new text; unsaved changes are kept (Enter)");
                        if reload.clicked() {
                            choice = Some(PromptChoice::ReloadDocument);
                        }
                        if ui.button("Keep the old text").clicked() {
                            choice = Some(PromptChoice::KeepOldText);
                        }
                    });
                }
                Self::OtherDocument { warning } => {
                    ui.heading("Another document?");
                    ui.label(warning);
                    ui.label(
                        "If this is the right document (it was rewritten), accept it: the set \
                         then records it. Otherwise open the set's own document; nothing is \
                         lost either way.",
                    );
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Accept this document").clicked() {
                            choice = Some(PromptChoice::AcceptDocument);
                        }
                        if ui.button("Not now").clicked() {
                            choice = Some(PromptChoice::Cancel);
                        }
                    });
                }
                Self::Recover { offers } => {
                    ui.heading("Recover unsaved work");
                    ui.label("factmark found changes that were not saved last time:");
                    for offer in offers {
                        ui.separator();
                        ui.label(format!(
                            "{} — {} annotation(s), copied {}",
                            offer.document.display(),
                            offer.annotations,
                            offer.saved
                        ));
                        ui.horizontal(|ui| {
                            if ui.button("Restore").clicked() {
                                choice = Some(PromptChoice::Restore(offer.document.clone()));
                            }
                            if ui.button("Discard recovered").clicked() {
                                choice =
                                    Some(PromptChoice::DiscardRecovery(offer.document.clone()));
                            }
                        });
                    }
                    ui.separator();
                    if ui.button("Decide later").clicked() {
                        choice = Some(PromptChoice::Cancel);
                    }
                }
                Self::OpenUrl { url, host } => {
                    ui.heading("Open web page?");
                    ui.label("This opens your browser at:");
                    ui.label(egui::RichText::new(host).strong().size(18.0));
                    ui.add(egui::Label::new(egui::RichText::new(url).monospace().weak()).wrap());
                    ui.label("Only open addresses you trust.");
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        let open = ui
                            .button(egui::RichText::new("Open in browser").strong())
                            .on_hover_text("Enter");
                        if open.clicked() {
                            choice = Some(PromptChoice::OpenUrl(url.clone()));
                        }
                        if ui.button("Cancel").clicked() {
                            choice = Some(PromptChoice::Cancel);
                        }
                    });
                }
            }
        });
        if choice.is_none()
            && let Some(default) = self.default_choice()
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter))
        {
            choice = Some(default);
        }
        if choice.is_none() && modal.should_close() {
            choice = match self {
                Self::Recover { .. } => None,
                Self::DocumentChanged { .. } => Some(PromptChoice::KeepOldText),
                _ => Some(PromptChoice::Cancel),
            };
        }
        choice
    }
}
