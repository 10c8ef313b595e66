//! Applying actions and commands, and turning keys into commands.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{Key, Modifiers};

use crate::model::web::web_host;
use crate::model::{AnchorStatus, Annotation, Edit};
use crate::store;
use crate::ui::app::import_export::same_file;
use crate::ui::app::worker::{Job, SaveMode, TeammatePurpose};
use crate::ui::app::{FactmarkApp, SideTab};
use crate::ui::state::commands::{Action, UiCommand};
use crate::ui::state::messages::Message;
use crate::ui::state::settings::{FONT_SIZE_RANGE, ThemeChoice};
use crate::ui::windows::prompts::{AfterPrompt, Prompt};

impl FactmarkApp {
    /// Turn this frame's key presses into actions. Bare keys (1, n, Delete…) do nothing while
    /// a text field has focus; Ctrl+Z there belongs to the text field.
    pub(crate) fn keyboard_actions(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        if self.windows.prompt.is_some()
            || self.windows.add_evidence.is_open()
            || self.windows.open_path.is_open()
        {
            return;
        }
        // egui drops focus on Escape before the frame runs, so also ask whether a text
        // field had focus at the end of the last frame: Esc there only leaves the field.
        let typing = self.frame.was_typing || ctx.text_edit_focused();
        if !typing && ctx.input(|i| i.key_pressed(Key::Escape)) {
            if egui::Popup::is_any_open(ctx) {
                // The open menu or drop-down closes itself on this Esc; nothing else happens.
                return;
            }
            if self.windows.close_one() {
                ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape));
            }
        }
        for command in UiCommand::ALL {
            let info = command.info();
            if typing && (info.bare_key || matches!(command, UiCommand::Undo | UiCommand::Redo)) {
                continue;
            }
            let pressed = ctx.input_mut(|input| {
                let pressed = info
                    .shortcut
                    .iter()
                    .chain(command.alternate_shortcuts())
                    .find(|shortcut| input.consume_shortcut(shortcut));
                if let Some(shortcut) = pressed.filter(|s| s.modifiers.alt) {
                    crate::ui::state::commands::drop_typed_text_of(input, shortcut.logical_key);
                }
                pressed.is_some()
            });
            if pressed {
                actions.push(Action::Run(command));
            }
        }
        if typing {
            return;
        }
        let Some(session) = &self.session else {
            return;
        };
        for tag in &session.set().tags {
            let Some(key) = tag.key.and_then(|c| Key::from_name(&c.to_string())) else {
                continue;
            };
            if ctx.input_mut(|input| input.consume_key(Modifiers::NONE, key)) {
                actions.push(Action::TagSelection(tag.name.clone()));
            }
        }
    }

    /// Apply one action from a view.
    pub(crate) fn apply_action(&mut self, action: Action) {
        match action {
            Action::Run(command) => self.run_command(command),
            Action::Edit { label, edit } => {
                self.apply_or_report(&label, edit);
            }
            Action::Select { id, scroll } => self.select(id, scroll),
            Action::TagSelection(tag) => self.tag_selection(&tag),
            Action::OpenDocument(path) => self.request(AfterPrompt::OpenDocument(path)),
            Action::OpenDocumentAt { path, annotation } => {
                self.windows.select_when_open = Some((path.clone(), annotation));
                self.request(AfterPrompt::OpenDocument(path));
            }
            Action::CopyVerdict { verdict, targets } => self.copy_verdict(verdict, targets),
            Action::ComputeAgreement {
                key,
                doc,
                codings,
                order,
            } => {
                if !self.spawn(Job::ComputeAgreement {
                    key,
                    doc,
                    codings,
                    order,
                }) {
                    self.windows.compare.agreement_failed(key);
                }
            }
            Action::FetchPage(url) => self.fetch_page(url),
            Action::NewDocumentFromText(text) => self.new_document_from_text(text),
            Action::OpenSample => self.request(AfterPrompt::OpenSample),
            Action::ConfirmOpenUrl(url) => match web_host(&url) {
                Ok(host) => self.windows.prompt = Some(Prompt::OpenUrl { url, host }),
                Err(err) => self
                    .messages
                    .push(Message::error(format!("Refused to open {url:?}: {err}."))),
            },
            Action::Reveal(relative) => self.reveal(&relative),
            Action::AddEvidenceWithSnapshot {
                label,
                evidence,
                link,
            } => self.keep_snapshot(label, evidence, Some(link)),
            Action::SnapshotEvidence(id) => self.snapshot_existing(id),
            Action::PickEvidenceFile => self.pick_evidence_file(),
            Action::Reattach(id) => self.reattach(id),
            Action::ShowPlace(chars) => {
                if let Some(session) = &mut self.session {
                    session.doc_view.show_and_flash(chars);
                }
            }
            Action::ScrollTo(char_offset) => {
                if let Some(session) = &mut self.session {
                    session.doc_view.scroll_to_char(char_offset);
                }
            }
            Action::Notify(message) => self.messages.push(message),
            Action::Export(format) => self.export_to_file(format),
            Action::OpenReport(path) => self.open_report(&path),
            Action::ToggleLayer(index) => self.layers.toggle(index),
            Action::RemoveLayer(index) => {
                self.layers.remove(index);
            }
            Action::ShowRange(range) => {
                if let Some(session) = &mut self.session {
                    session.doc_view.scroll_to_char(range.start);
                    session.doc_view.set_selection(Some(range));
                }
            }
            Action::Adopt { layer, id } => self.adopt(layer, id),
            Action::MergeLayer(index) => {
                if let Some(layer) = self.layers.items().get(index).cloned() {
                    let merged = self.merge_teammate_set(&layer.path, &layer.set);
                    if merged {
                        self.layers.remove(index);
                    }
                }
            }
        }
    }

    /// Run a table command.
    pub(crate) fn run_command(&mut self, command: UiCommand) {
        match command {
            UiCommand::Open => {
                if let Some(reason) = self.deps.dialogs.missing() {
                    self.windows.open_path.open(reason);
                } else if let Some(path) = self.deps.dialogs.pick_document() {
                    self.request(AfterPrompt::OpenDocument(path));
                }
            }
            UiCommand::OpenFolder => {
                if let Some(dir) = self.deps.dialogs.pick_folder() {
                    self.open_folder(dir);
                }
            }
            UiCommand::OpenWebAddress => self.windows.web_address.open = true,
            UiCommand::NewFromClipboard => self.windows.paste.open = true,
            UiCommand::OpenSet => {
                let start = self.session.as_ref().map(|s| s.doc_dir());
                if self.session.is_some()
                    && let Some(path) = self.deps.dialogs.pick_set(start.as_deref())
                {
                    self.request(AfterPrompt::OpenSet(path));
                }
            }
            UiCommand::MergeSet => self.read_teammate_set(TeammatePurpose::Merge),
            UiCommand::ShowLayer => self.read_teammate_set(TeammatePurpose::Layer),
            UiCommand::CompareReviewers => {
                if self.session.is_some() {
                    self.windows.compare.show();
                }
            }
            UiCommand::Save => self.start_save(SaveRequest::Save),
            UiCommand::SaveAs => self.start_save(SaveRequest::SaveAs),
            UiCommand::Export => self.windows.export.open = self.session.is_some(),
            UiCommand::ImportW3c => self.start_import(),
            UiCommand::ReviewDetails => {
                if let Some(session) = &self.session {
                    self.windows.review_details.open_for(session.set());
                }
            }
            UiCommand::Quit => self.ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            UiCommand::Undo | UiCommand::Redo => self.undo_redo(command == UiCommand::Undo),
            UiCommand::Find => self.find.open(),
            UiCommand::FindNext | UiCommand::FindPrevious => {
                self.find_step(command == UiCommand::FindNext);
            }
            UiCommand::ZoomIn | UiCommand::ZoomOut => {
                let step = if command == UiCommand::ZoomIn {
                    1.0
                } else {
                    -1.0
                };
                let size = &mut self.persisted.settings.font_size;
                *size = (*size + step).clamp(*FONT_SIZE_RANGE.start(), *FONT_SIZE_RANGE.end());
            }
            UiCommand::NextAnnotation | UiCommand::PreviousAnnotation => {
                self.step_annotation(command == UiCommand::NextAnnotation);
            }
            UiCommand::DeleteAnnotation => self.delete_selected(),
            UiCommand::ClearSelection => {
                if let Some(session) = &mut self.session {
                    session.doc_view.set_selection(None);
                    session.select(None);
                }
            }
            UiCommand::Settings => self.windows.settings_open = true,
            UiCommand::ManageTags => self.windows.tags.open = self.session.is_some(),
            UiCommand::ToggleTheme => {
                let dark = self.ctx.global_style().visuals.dark_mode;
                self.persisted.settings.theme = if dark {
                    ThemeChoice::Light
                } else {
                    ThemeChoice::Dark
                };
            }
            UiCommand::ShowAnnotations => self.side.tab = SideTab::Annotations,
            UiCommand::ShowEvidence => self.side.tab = SideTab::Evidence,
            UiCommand::ShowReview => self.side.tab = SideTab::Review,
            UiCommand::SetVerdict(verdict) => self.set_selected_verdict(verdict),
            UiCommand::AddEvidence => match self.session.as_ref().and_then(|s| s.selected()) {
                Some(id) => self.windows.add_evidence.open_for(id),
                None => self.messages.push(Message::info(
                    "Select an annotation first (n / p, or tag a selection), then add evidence.",
                )),
            },
        }
    }

    /// Give the selected annotation a verdict (a key or the Verdict menu); says why not when
    /// nothing is selected or the annotation is not a claim.
    fn set_selected_verdict(&mut self, verdict: crate::model::Verdict) {
        let Some(session) = &self.session else {
            return;
        };
        let Some(annotation) = session.selected().and_then(|id| session.annotation(id)) else {
            self.messages.push(Message::info(
                "Select a claim first (n / p step through annotations), then give its verdict.",
            ));
            return;
        };
        if !annotation.is_claim() {
            self.messages.push(Message::info(format!(
                "Only claims take a verdict; the selected annotation is a {}.",
                annotation.tag
            )));
            return;
        }
        if annotation.verdict == verdict {
            return;
        }
        let edit = Edit::SetVerdict {
            id: annotation.id,
            verdict,
        };
        self.apply_or_report(&format!("Set verdict {}", verdict.label()), edit);
    }

    /// Pick a teammate's set for this document and read it on the worker.
    fn read_teammate_set(&mut self, purpose: TeammatePurpose) {
        let Some(session) = &self.session else {
            return;
        };
        if let Some(path) = self.deps.dialogs.pick_set(Some(&session.doc_dir())) {
            let doc = Arc::clone(session.doc());
            self.spawn(Job::ReadTeammateSet { path, doc, purpose });
        }
    }

    /// Adopt annotation `id` of layer `layer` into the set as one undoable step (keeping the
    /// teammate's id and author); a duplicate or an orphan is refused with the reason.
    fn adopt(&mut self, layer: usize, id: crate::model::AnnotationId) {
        let (Some(session), Some(layer)) = (&self.session, self.layers.items().get(layer)) else {
            return;
        };
        let name = layer.name.clone();
        let tag = layer
            .set
            .annotation(id)
            .map(|a| a.tag.clone())
            .unwrap_or_default();
        match crate::model::agreement::adopt_edit(session.set(), &layer.set, id) {
            Ok(edit) => {
                if self.apply_or_report(&format!("Adopt {tag} from {name}"), edit) {
                    self.select(Some(id), true);
                    self.messages.push(Message::info(format!(
                        "Adopted {name}'s {tag} into this set (their id and author kept). \
                         Undo takes it back."
                    )));
                }
            }
            Err(err) => self.messages.push(Message::warning(format!(
                "Nothing was adopted from {name}: {err}."
            ))),
        }
    }

    /// Save as asked: snapshot the set and write it on the save thread.
    pub(crate) fn start_save(&mut self, request: SaveRequest) {
        self.commit_note();
        let who = self.reviewer();
        let Some(session) = &mut self.session else {
            self.save.after = None;
            return;
        };
        if self.save.in_flight {
            self.save.again = true;
            return;
        }
        let current = session.set_path().map(Path::to_path_buf);
        let target = match (request, current) {
            (SaveRequest::Save, Some(path)) => Some((
                path,
                SaveMode::Refuse {
                    loaded: session.stamp().cloned(),
                },
            )),
            (SaveRequest::Merge, Some(path)) => Some((
                path,
                SaveMode::Merge {
                    base: session.base().cloned().map(Box::new),
                    who,
                },
            )),
            (SaveRequest::SaveElsewhere, Some(theirs)) => {
                // Suggest a new name beside the teammate's file, never the file itself.
                let suggested = sibling_set_path(session.doc_path(), "mine");
                match self.deps.dialogs.save_set_as(&suggested) {
                    Some(path) if same_file(&path, &theirs) => {
                        self.messages.push(Message::warning(format!(
                            "Nothing was saved: {} holds your teammate's changes. Choose \
                             another file, or Merge to combine both.",
                            path.display()
                        )));
                        None
                    }
                    Some(path) => Some((path, SaveMode::Overwrite)),
                    None => None,
                }
            }
            (_, current) => {
                // Save As, or no set file (the default one failed to load or is read-only):
                // suggest a new name beside it rather than the protected file.
                let suggested =
                    current.unwrap_or_else(|| sibling_set_path(session.doc_path(), "new"));
                self.deps
                    .dialogs
                    .save_set_as(&suggested)
                    // The dialog asked before overwriting an existing file.
                    .map(|path| (path, SaveMode::Overwrite))
            }
        };
        let Some((path, mode)) = target else {
            self.save.after = None;
            return;
        };
        if matches!(mode, SaveMode::Overwrite) {
            session.set_source_path(store::source_path_for(&path, session.doc_path()));
        }
        let mut snapshot = Box::new(session.set().clone());
        // Positions were anchored against this document, so the file now describes it.
        snapshot.set_source_fingerprint(session.doc());
        let job = Job::Save {
            document: session.doc_path().to_path_buf(),
            path,
            set: snapshot,
            mode,
            generation: session.generation(),
        };
        self.save.in_flight = self.spawn(job);
    }

    fn undo_redo(&mut self, undo: bool) {
        self.commit_note();
        let Some(session) = &mut self.session else {
            return;
        };
        let now = Self::now();
        let result = if undo {
            session.undo(now)
        } else {
            session.redo(now)
        };
        if let Err(err) = result {
            let what = if undo { "undo" } else { "redo" };
            self.messages.push(Message::error(format!(
                "Could not {what}: {err}. The step was dropped from the history."
            )));
        }
    }

    fn find_step(&mut self, forward: bool) {
        let Some(session) = &mut self.session else {
            return;
        };
        if !self.find.open {
            self.find.open();
            return;
        }
        self.find.refresh(session.doc());
        if let Some(range) = self.find.step(forward) {
            session.doc_view.scroll_to_char(range.start);
            session.doc_view.set_selection(Some(range));
        }
    }

    fn step_annotation(&mut self, forward: bool) {
        let Some(session) = &mut self.session else {
            return;
        };
        let selected = session.selected();
        let placed: Vec<_> = session
            .order()
            .iter()
            .copied()
            .filter(|id| {
                session
                    .annotation(*id)
                    .is_some_and(|a| a.status != AnchorStatus::Orphaned)
            })
            .collect();
        let count = placed.len();
        if count == 0 {
            return;
        }
        let index = match (
            selected.and_then(|s| placed.iter().position(|p| *p == s)),
            forward,
        ) {
            (None, true) => 0,
            (None, false) => count - 1,
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
        };
        let next = placed.get(index).copied();
        self.select(next, true);
    }

    fn delete_selected(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        let Some(annotation) = session.selected().and_then(|id| session.annotation(id)) else {
            return;
        };
        let label = format!("Delete {}", annotation.tag);
        let edit = Edit::DeleteAnnotation(annotation.id);
        self.apply_or_report(&label, edit);
    }

    /// The document selection, snapped to graphemes and trimmed; `None` if empty.
    fn clean_selection(&self) -> Option<std::ops::Range<usize>> {
        let session = self.session.as_ref()?;
        let doc = session.doc();
        let selection = session.doc_view.selection()?;
        let range = doc.trim_whitespace(doc.snap_to_graphemes(selection));
        (range.start < range.end).then_some(range)
    }

    fn tag_selection(&mut self, tag: &str) {
        if self.session.is_none() {
            return;
        }
        let Some(range) = self.clean_selection() else {
            self.messages.push(Message::warning(format!(
                "Select some text in the document first, then press the key for {tag}."
            )));
            return;
        };
        let reviewer = self.reviewer();
        let Some(session) = &mut self.session else {
            return;
        };
        let annotation = Annotation::new(session.doc(), range, tag, &reviewer, Self::now());
        let id = annotation.id;
        if self.apply_or_report(&format!("Add {tag}"), Edit::AddAnnotation(annotation)) {
            if let Some(session) = &mut self.session {
                session.doc_view.set_selection(None);
            }
            self.select(Some(id), false);
        }
    }

    fn reattach(&mut self, id: crate::model::AnnotationId) {
        let Some(range) = self.clean_selection() else {
            self.messages.push(Message::warning(
                "Select the text the annotation belongs to, then press Re-attach.",
            ));
            return;
        };
        let Some(session) = &mut self.session else {
            return;
        };
        let quote = session.doc().quote(range.clone());
        session.doc_view.set_selection(None);
        let applied = self.apply_or_report(
            "Re-attach annotation",
            Edit::SetAnchor {
                id,
                position: range.into(),
                quote,
                status: AnchorStatus::Exact,
            },
        );
        if applied {
            self.select(Some(id), true);
        }
    }

    fn reveal(&mut self, relative: &str) {
        let Some(session) = &self.session else {
            return;
        };
        let result = store::resolve_relative(&session.doc_dir(), relative)
            .map_err(|err| err.to_string())
            .and_then(|path| self.deps.opener.reveal(&path));
        if let Err(err) = result {
            self.messages.push(Message::error(format!(
                "Could not show {relative:?} in the file manager: {err}"
            )));
        }
    }

    fn pick_evidence_file(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        let dir = session.doc_dir();
        let Some(path) = self.deps.dialogs.pick_evidence_file(&dir) else {
            return;
        };
        match store::relative_to(&dir, &path) {
            Ok(relative) if self.windows.add_evidence.is_open() => {
                self.windows.add_evidence.set_picked_file(relative);
            }
            Ok(relative) => self.side.evidence.set_picked_file(relative),
            Err(err) => self.messages.push(Message::error(format!(
                "Refused {}: evidence files must be inside the document's folder {} ({err}).",
                path.display(),
                dir.display()
            ))),
        }
    }
}

/// How the reviewer asked to save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SaveRequest {
    /// Save to the set's file, refusing if a teammate changed it meanwhile.
    Save,
    /// Save under a name chosen in the dialog.
    SaveAs,
    /// Save to the set's file, merging a teammate's change.
    Merge,
    /// After a teammate's change: save ours under another name, never over theirs.
    SaveElsewhere,
}

/// `<document name>.<tag>.factmark.ron` beside the document.
fn sibling_set_path(document: &Path, tag: &str) -> PathBuf {
    let name = store::paths::file_name(document);
    document.with_file_name(format!("{name}.{tag}.factmark.ron"))
}
