//! The app: owns the open session, the views' states and the worker; each frame it draws
//! the views, collects their [`Action`]s and applies them. This is the only place that
//! reads the clock, applies edits, and starts file work.
//!
//! - `mod.rs`: the state ([`FactmarkApp`] and its parts) and the frame loop;
//! - `actions.rs`: keys to commands, and applying actions and commands;
//! - `results.rs`: results of file work and answers to prompts;
//! - `layout.rs`: where panels and windows go;
//! - [`import_export`]: export and W3C import;
//! - [`worker`]: file work on background threads; [`dialogs`]: file dialogs and opener.

mod actions;
mod desk;
pub mod dialogs;
mod doc_watch;
pub mod import_export;
pub mod layout;
mod results;
mod snapshots;
pub mod worker;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Timelike as _, Utc};

use crate::model::{AnnotationId, AnnotationSet, Edit, EditError};
use crate::store::{self, Fs, Recovery};
use crate::ui::app::dialogs::{FileDialogs, RealOpener, SystemOpener};
use crate::ui::app::worker::{Job, Worker};
use crate::ui::chrome::find_bar::FindBar;
use crate::ui::panels::annotation_list::AnnotationList;
use crate::ui::panels::conflicts::ConflictDrafts;
use crate::ui::panels::detail::DetailEditor;
use crate::ui::panels::evidence::EvidencePanel;
use crate::ui::state::commands::Action;
use crate::ui::state::layers::Layers;
use crate::ui::state::messages::{Message, Messages};
use crate::ui::state::session::Session;
use crate::ui::state::settings::{Persisted, STORAGE_KEY, ThemeChoice};
use crate::ui::windows::export::ExportWindow;
use crate::ui::windows::prompts::{AfterPrompt, Prompt};
use crate::ui::windows::review_details::ReviewDetailsWindow;
use crate::ui::windows::tags::TagEditor;

/// How often unsaved changes are copied to the recovery folder.
pub const RECOVERY_INTERVAL: Duration = Duration::from_secs(30);

/// How often the open document is checked for a change on disk (size and time; the text
/// is read only when they changed).
pub const DOCUMENT_CHECK_INTERVAL: Duration = Duration::from_secs(2);

/// What the app needs from the outside world; tests pass fakes.
pub struct AppDeps {
    /// File dialogs.
    pub dialogs: Box<dyn FileDialogs>,
    /// Browser and file-manager access.
    pub opener: Box<dyn SystemOpener>,
    /// The filesystem used by the store.
    pub fs: Arc<dyn Fs>,
    /// The app data folder (recovery copies, the sample document).
    pub data_dir: PathBuf,
    /// How often unsaved changes are copied for recovery.
    pub recovery_interval: Duration,
    /// How often the open document is checked for a change on disk.
    pub document_check_interval: Duration,
}

impl AppDeps {
    /// Dependencies with the real opener and the default recovery interval.
    pub fn new(dialogs: Box<dyn FileDialogs>, fs: Arc<dyn Fs>, data_dir: PathBuf) -> Self {
        Self {
            dialogs,
            opener: Box::new(RealOpener),
            fs,
            data_dir,
            recovery_interval: RECOVERY_INTERVAL,
            document_check_interval: DOCUMENT_CHECK_INTERVAL,
        }
    }

    /// Check the open document for a change on disk this often.
    pub fn with_document_check_interval(mut self, interval: Duration) -> Self {
        self.document_check_interval = interval;
        self
    }

    /// Use another opener (tests record instead of opening).
    pub fn with_opener(mut self, opener: Box<dyn SystemOpener>) -> Self {
        self.opener = opener;
        self
    }

    /// Copy unsaved changes for recovery this often.
    pub fn with_recovery_interval(mut self, interval: Duration) -> Self {
        self.recovery_interval = interval;
        self
    }

    /// The folder recovery copies go to.
    pub fn recovery_dir(&self) -> PathBuf {
        self.data_dir.join("recovery")
    }
}

/// Which tab the side panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SideTab {
    /// The annotation list and the detail editor.
    #[default]
    Annotations,
    /// Evidence.
    Evidence,
    /// Fuzzy and orphaned annotations.
    Review,
}

/// Saving: at most one save runs at a time; what to do when it ends.
#[derive(Debug, Default)]
pub(crate) struct SaveFlow {
    /// A save job is running on the worker.
    pub(crate) in_flight: bool,
    /// Save was asked for while one was running: save again when it ends.
    pub(crate) again: bool,
    /// What the unsaved-changes prompt asked to do once the save succeeds (open, close…).
    pub(crate) after: Option<AfterPrompt>,
}

/// Closing the window: waiting for file work, and the final permission to close.
#[derive(Debug, Default)]
pub(crate) struct CloseFlow {
    /// Close was asked for and settled; the window closes once no file work is running.
    pub(crate) waiting: bool,
    /// The window may close now (nothing unsaved, nothing running).
    pub(crate) confirmed: bool,
}

/// Recovery copies: those found from an earlier run, and when the next copy is due.
#[derive(Debug, Default)]
pub(crate) struct RecoveryFlow {
    /// Recovery copies left by an earlier run, not yet restored or discarded.
    pub(crate) found: Vec<Recovery>,
    /// When (egui input time, seconds) the next recovery copy is written; `None` while
    /// nothing unsaved needs one.
    pub(crate) due: Option<f64>,
}

/// The side panel: which tab is shown, and each tab's own state.
#[derive(Default)]
pub(crate) struct SidePanel {
    /// The tab shown.
    pub(crate) tab: SideTab,
    /// The annotation list (filters, search, scroll).
    pub(crate) list: AnnotationList,
    /// The detail editor of the selected annotation (the note being typed).
    pub(crate) detail: DetailEditor,
    /// The evidence tab (the form for new evidence).
    pub(crate) evidence: EvidencePanel,
    /// Values being typed to settle merge conflicts (in the Review tab).
    pub(crate) conflicts: ConflictDrafts,
}

/// Windows over the document and the modal prompt.
#[derive(Default)]
pub(crate) struct Windows {
    /// The question on screen, if any; it blocks keyboard commands.
    pub(crate) prompt: Option<Prompt>,
    /// The settings window is open.
    pub(crate) settings_open: bool,
    /// The tag editor window.
    pub(crate) tags: TagEditor,
    /// The export window.
    pub(crate) export: ExportWindow,
    /// The review (publishing) details window.
    pub(crate) review_details: ReviewDetailsWindow,
    /// The desk window (File → Open Folder…).
    pub(crate) desk: crate::ui::windows::desk::DeskWindow,
    /// The Open Web Address window.
    pub(crate) web_address: crate::ui::windows::new_document::WebAddressWindow,
    /// The New from Clipboard window.
    pub(crate) paste: crate::ui::windows::new_document::PasteWindow,
    /// An annotation to select once its document (being opened from the desk) is open.
    pub(crate) select_when_open: Option<(PathBuf, AnnotationId)>,
    /// The compare-reviewers window.
    pub(crate) compare: crate::ui::windows::compare::CompareWindow,
    /// Evidence in one step (modal).
    pub(crate) add_evidence: crate::ui::windows::add_evidence::AddEvidenceWindow,
    /// Open a document by path when the desktop has no file dialogs (modal).
    pub(crate) open_path: crate::ui::windows::open_path::OpenPathWindow,
}

impl Windows {
    /// Esc: close one open window (export first, then review details, tags, settings,
    /// compare); false when none was open.
    pub(crate) fn close_one(&mut self) -> bool {
        if self.add_evidence.is_open() {
            self.add_evidence.close();
            return true;
        }
        if self.open_path.is_open() {
            self.open_path.close();
            return true;
        }
        for open in [
            &mut self.export.open,
            &mut self.review_details.open,
            &mut self.tags.open,
            &mut self.settings_open,
            &mut self.compare.open,
            &mut self.web_address.open,
            &mut self.paste.open,
            &mut self.desk.open,
        ] {
            if *open {
                *open = false;
                return true;
            }
        }
        false
    }
}

/// What the last frame left behind, so this frame only does what changed.
#[derive(Debug, Default)]
pub(crate) struct FrameMemo {
    /// A text field had focus at the end of the last frame (egui drops focus on Esc before
    /// the next frame runs, so bare-key commands check this too).
    pub(crate) was_typing: bool,
    /// The window title last sent.
    pub(crate) last_title: String,
    /// (set generation, find revision, layers revision) the document view's highlights
    /// were built for.
    pub(crate) highlight_key: Option<(u64, u64, u64)>,
    /// The theme last applied to egui.
    pub(crate) applied_theme: Option<ThemeChoice>,
}

/// The factmark desktop app: owns all state; views borrow it and return actions.
pub struct FactmarkApp {
    /// egui's context, for repaints and window commands.
    pub(crate) ctx: egui::Context,
    /// Dialogs, opener, filesystem and data folder (fakes in tests).
    pub(crate) deps: AppDeps,
    /// Runs file work on background threads.
    pub(crate) worker: Worker,
    /// Settings and recent files, persisted by eframe.
    pub(crate) persisted: Persisted,
    /// The open document and its set, if any.
    pub(crate) session: Option<Session>,
    /// The side panel's tab and state.
    pub(crate) side: SidePanel,
    /// The find bar.
    pub(crate) find: FindBar,
    /// Teammates' sets shown read-only over the document.
    pub(crate) layers: Layers,
    /// Teammates' sets to show as layers when the document being opened is open.
    pub(crate) pending_layers: Vec<PathBuf>,
    /// Messages on screen.
    pub(crate) messages: Messages,
    /// Windows and the prompt.
    pub(crate) windows: Windows,
    /// Saving.
    pub(crate) save: SaveFlow,
    /// An export is being written on the worker (one at a time).
    pub(crate) export_in_flight: bool,
    /// Closing the window.
    pub(crate) close: CloseFlow,
    /// Recovery copies.
    pub(crate) recovery: RecoveryFlow,
    /// Watching the open document for a change on disk.
    pub(crate) doc_watch: doc_watch::DocWatch,
    /// The snapshots last sent to be checked (document and records).
    pub(crate) snapshots_checked: snapshots::Checked,
    /// Bookkeeping between frames.
    pub(crate) frame: FrameMemo,
}

impl FactmarkApp {
    /// Build the app; reads persisted settings from `cc.storage` and looks for recovery
    /// copies from an earlier run.
    pub fn new(cc: &eframe::CreationContext<'_>, deps: AppDeps) -> Self {
        let persisted: Persisted = cc
            .storage
            .and_then(|storage| eframe::get_value(storage, STORAGE_KEY))
            .unwrap_or_default();
        // Ctrl+= and Ctrl+- size the document text (our commands), not the whole UI.
        cc.egui_ctx.options_mut(|o| o.zoom_with_keyboard = false);
        let worker = Worker::new(Arc::clone(&deps.fs), Some(cc.egui_ctx.clone()));
        let mut app = Self {
            ctx: cc.egui_ctx.clone(),
            deps,
            worker,
            persisted,
            session: None,
            side: SidePanel::default(),
            find: FindBar::default(),
            layers: Layers::default(),
            pending_layers: Vec::new(),
            messages: Messages::default(),
            windows: Windows::default(),
            save: SaveFlow::default(),
            export_in_flight: false,
            close: CloseFlow::default(),
            recovery: RecoveryFlow::default(),
            doc_watch: doc_watch::DocWatch::default(),
            snapshots_checked: snapshots::Checked::default(),
            frame: FrameMemo::default(),
        };
        let dir = app.deps.recovery_dir();
        app.spawn(Job::ListRecoveries { dir });
        app
    }

    /// Open a document (as from the command line); asks first if changes are unsaved. A
    /// folder opens as a desk.
    pub fn open_document(&mut self, path: PathBuf) {
        if path.is_dir() {
            self.open_folder(path);
            return;
        }
        self.request(AfterPrompt::OpenDocument(path));
    }

    /// Show these teammates' sets as layers once the document being opened is open.
    pub fn show_layers_when_open(&mut self, paths: Vec<PathBuf>) {
        self.pending_layers = paths;
    }

    /// The open document and set, if any.
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// The open session, mutable (tests set the document selection through it).
    pub fn session_mut(&mut self) -> Option<&mut Session> {
        self.session.as_mut()
    }

    /// Messages on screen.
    pub fn messages(&self) -> &Messages {
        &self.messages
    }

    /// The question on screen, if any.
    pub fn prompt(&self) -> Option<&Prompt> {
        self.windows.prompt.as_ref()
    }

    /// Persisted settings and recent files.
    pub fn persisted(&self) -> &Persisted {
        &self.persisted
    }

    /// Persisted settings and recent files, mutable.
    pub fn persisted_mut(&mut self) -> &mut Persisted {
        &mut self.persisted
    }

    /// Is file work still running (load, save, recovery)?
    pub fn is_busy(&self) -> bool {
        self.worker.in_flight() > 0
    }

    /// Has the window been allowed to close?
    pub fn close_confirmed(&self) -> bool {
        self.close.confirmed
    }

    /// The window title last sent ("● article.txt — factmark" when unsaved).
    pub fn window_title(&self) -> &str {
        &self.frame.last_title
    }

    /// The export window's state.
    pub fn export_window(&self) -> &ExportWindow {
        &self.windows.export
    }

    /// The review details window's state.
    pub fn review_details_window(&self) -> &ReviewDetailsWindow {
        &self.windows.review_details
    }

    /// The annotation list's rows under its current filters (for tests and tools).
    pub fn annotation_rows(&self) -> &[AnnotationId] {
        self.side.list.rows()
    }

    /// The side panel tab shown.
    pub fn tab(&self) -> SideTab {
        self.side.tab
    }

    /// Who the reviewer is: the name in Settings, else `$FACTMARK_AUTHOR`, `$USER`…
    pub(crate) fn reviewer(&self) -> String {
        crate::model::defaults::reviewer_name(Some(&self.persisted.settings.reviewer), |var| {
            std::env::var(var).ok()
        })
    }

    /// The clock, read once per use in the app loop, truncated to seconds.
    pub(crate) fn now() -> DateTime<Utc> {
        let now = Utc::now();
        now.with_nanosecond(0).unwrap_or(now)
    }

    /// Start file work (or queue it behind work on the same file); a failure to start is
    /// reported here, once. Returns whether the job was started or queued.
    pub(crate) fn spawn(&mut self, job: Job) -> bool {
        match self.worker.spawn(job) {
            Ok(()) => true,
            Err(err) => {
                self.messages
                    .push(Message::error(format!("Could not start file work: {err}")));
                false
            }
        }
    }

    /// Do `after` now, or first ask about unsaved changes.
    pub(crate) fn request(&mut self, after: AfterPrompt) {
        self.commit_note();
        if self.session.as_ref().is_some_and(Session::is_dirty) {
            self.windows.prompt = Some(Prompt::Unsaved { after });
        } else {
            self.proceed(after);
        }
    }

    /// Do what was asked, the unsaved-changes question being settled.
    pub(crate) fn proceed(&mut self, after: AfterPrompt) {
        match after {
            AfterPrompt::Close => self.close.waiting = true,
            AfterPrompt::OpenDocument(path) => {
                self.spawn(Job::OpenDocument {
                    path,
                    restore: None,
                });
            }
            AfterPrompt::RestoreRecovery(path) => {
                let Some(index) = self.recovery.found.iter().position(|r| r.document == path)
                else {
                    return;
                };
                let recovery = self.recovery.found.remove(index);
                self.spawn(Job::OpenDocument {
                    path,
                    restore: Some(Box::new(recovery.set)),
                });
            }
            AfterPrompt::OpenSet(path) => {
                let Some(session) = &self.session else {
                    return;
                };
                let doc = Arc::clone(session.doc());
                self.spawn(Job::OpenSet { path, doc });
            }
            AfterPrompt::OpenSample => {
                let path = crate::ui::chrome::welcome::sample_path(&self.deps.data_dir);
                self.spawn(Job::WriteSample {
                    path,
                    text: crate::ui::chrome::welcome::SAMPLE_TEXT,
                    set_text: crate::ui::chrome::welcome::SAMPLE_SET_TEXT,
                });
            }
        }
    }

    /// Apply the note being typed, if any, as one edit.
    pub(crate) fn commit_note(&mut self) {
        let Some(session) = &mut self.session else {
            return;
        };
        if let Some((label, edit)) = self.side.detail.take_pending_note(session) {
            self.apply_or_report(&label, edit);
        }
    }

    /// Apply an edit to the set through the history (one undo step named `label`). With no
    /// document open there is nothing to change, and nothing happens. The caller handles the
    /// error (once): [`Self::apply_or_report`] shows it.
    pub(crate) fn apply_edit(&mut self, label: &str, edit: Edit) -> Result<(), EditError> {
        let by = self.reviewer();
        match &mut self.session {
            Some(session) => session.apply_by(label, edit, Self::now(), &by),
            None => Ok(()),
        }
    }

    /// Apply an edit; if the set refuses it, say so. Returns whether it was applied.
    pub(crate) fn apply_or_report(&mut self, label: &str, edit: Edit) -> bool {
        match self.apply_edit(label, edit) {
            Ok(()) => true,
            Err(err) => {
                self.messages.push(Message::error(format!(
                    "Could not {}: {err}.",
                    label.to_lowercase()
                )));
                false
            }
        }
    }

    /// Select an annotation, optionally scrolling the document to it.
    pub(crate) fn select(&mut self, id: Option<AnnotationId>, scroll: bool) {
        let Some(session) = &mut self.session else {
            return;
        };
        session.select(id);
        let start = id
            .and_then(|id| session.annotation(id))
            .map(|a| a.position.char_start);
        if scroll && let Some(start) = start {
            session.doc_view.scroll_to_char(start);
        }
        self.side.list.reveal_selected();
    }

    fn apply_settings(&mut self, ctx: &egui::Context) {
        let settings = &self.persisted.settings;
        if self.frame.applied_theme != Some(settings.theme) {
            ctx.set_theme(settings.theme.preference());
            self.frame.applied_theme = Some(settings.theme);
        }
        if let Some(session) = &mut self.session
            && (session.doc_view.font_size() - settings.font_size).abs() > f32::EPSILON
        {
            session.doc_view.set_font_size(settings.font_size);
        }
        let title = match &self.session {
            None => "factmark".to_owned(),
            Some(session) => format!(
                "{}{} — factmark",
                if session.is_dirty() { "● " } else { "" },
                crate::ui::text::labels::file_name(session.doc_path())
            ),
        };
        if title != self.frame.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.frame.last_title = title;
        }
    }

    fn refresh_highlights(&mut self) {
        let Some(session) = &mut self.session else {
            return;
        };
        self.find.refresh(session.doc());
        let key = (
            session.generation(),
            self.find.revision(),
            self.layers.revision(),
        );
        if self.frame.highlight_key == Some(key) {
            return;
        }
        let highlights = crate::ui::state::highlight_list::build(
            session.set(),
            &self.layers,
            self.find.matches(),
            self.find.current(),
        );
        session.doc_view.set_highlights(highlights);
        self.frame.highlight_key = Some(key);
        self.ctx.request_repaint();
    }

    /// Copy unsaved changes to the recovery folder every `recovery_interval`.
    fn recovery_tick(&mut self, ctx: &egui::Context) {
        let Some(session) = &mut self.session else {
            self.recovery.due = None;
            return;
        };
        if !session.needs_recovery_copy() {
            self.recovery.due = None;
            return;
        }
        let now = ctx.input(|i| i.time);
        let due = *self
            .recovery
            .due
            .get_or_insert(now + self.deps.recovery_interval.as_secs_f64());
        if now < due {
            ctx.request_repaint_after(Duration::from_secs_f64(due - now));
            return;
        }
        let job = Job::WriteRecovery {
            dir: self.deps.recovery_dir(),
            document: session.doc_path().to_path_buf(),
            set: Box::new(session.set().clone()),
        };
        session.recovery_written();
        self.recovery.due = None;
        self.spawn(job);
    }

    /// Handle the window's close button: ask about unsaved work, wait for running saves.
    fn close_tick(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.close.confirmed {
            self.commit_note();
            if self.session.as_ref().is_some_and(Session::is_dirty) {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                if self.windows.prompt.is_none() {
                    self.windows.prompt = Some(Prompt::Unsaved {
                        after: AfterPrompt::Close,
                    });
                }
            } else if self.worker.in_flight() > 0 {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.close.waiting = true;
            } else {
                self.close.confirmed = true;
            }
        }
        if self.close.waiting && self.worker.in_flight() == 0 && !self.save.in_flight {
            self.close.waiting = false;
            if self.session.as_ref().is_some_and(Session::is_dirty) {
                // Work that arrived while closing waited (evidence whose snapshot came in)
                // is not saved yet: ask, as for any unsaved change.
                if self.windows.prompt.is_none() {
                    self.windows.prompt = Some(Prompt::Unsaved {
                        after: AfterPrompt::Close,
                    });
                }
            } else {
                self.close.confirmed = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        let Some(path) = dropped.into_iter().next() else {
            return;
        };
        if path.is_dir() {
            self.open_folder(path);
            return;
        }
        let is_set = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().ends_with(".ron"));
        if is_set && self.session.is_some() {
            self.request(AfterPrompt::OpenSet(path));
        } else {
            self.request(AfterPrompt::OpenDocument(path));
        }
    }

    /// Put a new set in place of a session's (after reload); used by results handling.
    pub(crate) fn replace_set_clean(
        &mut self,
        set: AnnotationSet,
        path: PathBuf,
        stamp: store::DiskStamp,
        summary: crate::model::AnchorSummary,
    ) {
        let Some(session) = &mut self.session else {
            return;
        };
        session.replace_set(set, Some(path), Some(stamp), summary, false);
        self.frame.highlight_key = None;
    }

    /// Run one frame's actions.
    fn apply_actions(&mut self, actions: Vec<Action>) {
        if !actions.is_empty() {
            self.ctx.request_repaint();
        }
        for action in actions {
            self.apply_action(action);
        }
    }
}

impl eframe::App for FactmarkApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.handle_results();
        self.dropped_files(&ctx);
        self.close_tick(&ctx);
        let mut actions = Vec::new();
        self.keyboard_actions(&ctx, &mut actions);
        self.apply_actions(std::mem::take(&mut actions));
        self.apply_settings(&ctx);
        self.refresh_highlights();
        self.layout_ui(ui, &mut actions);
        self.apply_actions(actions);
        self.refresh_highlights();
        self.recovery_tick(&ctx);
        self.document_check_tick(&ctx);
        self.snapshot_check_tick();
        self.frame.was_typing = ctx.text_edit_focused();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, &self.persisted);
    }

    fn persist_egui_memory(&self) -> bool {
        false
    }
}
