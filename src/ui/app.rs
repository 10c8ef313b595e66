//! The app: owns the open session, the views' states and the worker; each frame it draws
//! the views, collects their [`Action`]s and applies them. This is the only place that
//! reads the clock, applies edits, and starts file work.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Timelike as _, Utc};

use crate::model::{AnnotationId, AnnotationSet, Edit};
use crate::store::{self, Fs, Recovery};
use crate::ui::annotation_list::AnnotationList;
use crate::ui::commands::Action;
use crate::ui::detail::DetailEditor;
use crate::ui::dialogs::{FileDialogs, RealOpener, SystemOpener};
use crate::ui::evidence_panel::EvidencePanel;
use crate::ui::find_bar::FindBar;
use crate::ui::messages::{Message, Messages};
use crate::ui::prompts::{AfterPrompt, Prompt};
use crate::ui::session::Session;
use crate::ui::settings::{Persisted, STORAGE_KEY, ThemeChoice};
use crate::ui::worker::{Job, Worker};

/// How often unsaved changes are copied to the recovery folder.
pub const RECOVERY_INTERVAL: Duration = Duration::from_secs(30);

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
        }
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SideTab {
    /// The annotation list and the detail editor.
    Annotations,
    /// Evidence.
    Evidence,
    /// Fuzzy and orphaned annotations.
    Review,
}

/// The state of saving.
#[derive(Debug, Default)]
pub(crate) struct SaveFlow {
    pub(crate) in_flight: bool,
    pub(crate) again: bool,
    pub(crate) after: Option<AfterPrompt>,
}

/// The factmark desktop app.
pub struct FactmarkApp {
    pub(crate) ctx: egui::Context,
    pub(crate) deps: AppDeps,
    pub(crate) worker: Worker,
    pub(crate) persisted: Persisted,
    pub(crate) session: Option<Session>,
    pub(crate) list: AnnotationList,
    pub(crate) detail: DetailEditor,
    pub(crate) evidence: EvidencePanel,
    pub(crate) find: FindBar,
    pub(crate) messages: Messages,
    pub(crate) prompt: Option<Prompt>,
    pub(crate) recoveries: Vec<Recovery>,
    pub(crate) settings_open: bool,
    pub(crate) tags: crate::ui::tags::TagEditor,
    pub(crate) export: crate::ui::export_window::ExportWindow,
    pub(crate) review_details: crate::ui::review_details::ReviewDetailsWindow,
    pub(crate) exporting: bool,
    pub(crate) tab: SideTab,
    pub(crate) save: SaveFlow,
    pub(crate) close_confirmed: bool,
    pub(crate) closing: bool,
    pub(crate) recovery_due: Option<f64>,
    pub(crate) was_typing: bool,
    last_title: String,
    highlight_key: Option<(u64, u64)>,
    applied_theme: Option<ThemeChoice>,
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
            list: AnnotationList::default(),
            detail: DetailEditor::default(),
            evidence: EvidencePanel::default(),
            find: FindBar::default(),
            messages: Messages::default(),
            prompt: None,
            recoveries: Vec::new(),
            settings_open: false,
            tags: Default::default(),
            export: Default::default(),
            review_details: Default::default(),
            exporting: false,
            tab: SideTab::Annotations,
            save: SaveFlow::default(),
            close_confirmed: false,
            closing: false,
            recovery_due: None,
            was_typing: false,
            last_title: String::new(),
            highlight_key: None,
            applied_theme: None,
        };
        let dir = app.deps.recovery_dir();
        app.spawn(Job::ListRecoveries { dir });
        app
    }

    /// Open a document (as from the command line); asks first if changes are unsaved.
    pub fn open_document(&mut self, path: PathBuf) {
        self.request(AfterPrompt::OpenDocument(path));
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
        self.prompt.as_ref()
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
        self.close_confirmed
    }

    /// The window title last sent ("● article.txt — factmark" when unsaved).
    pub fn window_title(&self) -> &str {
        &self.last_title
    }

    /// The export window's state.
    pub fn export_window(&self) -> &crate::ui::export_window::ExportWindow {
        &self.export
    }

    /// The review details window's state.
    pub fn review_details_window(&self) -> &crate::ui::review_details::ReviewDetailsWindow {
        &self.review_details
    }

    /// The side panel tab shown.
    pub fn tab(&self) -> SideTab {
        self.tab
    }

    /// The clock, read once per use in the app loop, truncated to seconds.
    pub(crate) fn now() -> DateTime<Utc> {
        let now = Utc::now();
        now.with_nanosecond(0).unwrap_or(now)
    }

    /// Start file work; a failure to start is reported once.
    pub(crate) fn spawn(&mut self, job: Job) {
        if let Err(err) = self.worker.spawn(job) {
            self.messages.push(Message::error(err));
        }
    }

    /// Do `after` now, or first ask about unsaved changes.
    pub(crate) fn request(&mut self, after: AfterPrompt) {
        self.commit_note();
        if self.session.as_ref().is_some_and(Session::is_dirty) {
            self.prompt = Some(Prompt::Unsaved { after });
        } else {
            self.proceed(after);
        }
    }

    /// Do what was asked, the unsaved-changes question being settled.
    pub(crate) fn proceed(&mut self, after: AfterPrompt) {
        match after {
            AfterPrompt::Close => self.closing = true,
            AfterPrompt::OpenDocument(path) => self.spawn(Job::OpenDocument {
                path,
                restore: None,
            }),
            AfterPrompt::RestoreRecovery(path) => {
                let Some(index) = self.recoveries.iter().position(|r| r.document == path) else {
                    return;
                };
                let recovery = self.recoveries.remove(index);
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
                let path = crate::ui::welcome::sample_path(&self.deps.data_dir);
                self.spawn(Job::WriteSample {
                    path,
                    text: crate::ui::welcome::SAMPLE_TEXT,
                    set_text: crate::ui::welcome::SAMPLE_SET_TEXT,
                });
            }
        }
    }

    /// Apply the note being typed, if any, as one edit.
    pub(crate) fn commit_note(&mut self) {
        let Some(session) = &mut self.session else {
            return;
        };
        if let Some((label, edit)) = self.detail.take_pending_note(session) {
            self.apply_edit(&label, edit);
        }
    }

    /// Apply an edit to the set through the history; errors are shown.
    pub(crate) fn apply_edit(&mut self, label: &str, edit: Edit) {
        let Some(session) = &mut self.session else {
            return;
        };
        if let Err(err) = session.apply(label, edit, Self::now()) {
            self.messages.push(Message::error(format!(
                "Could not {}: {err}.",
                label.to_lowercase()
            )));
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
        self.list.reveal_selected();
    }

    fn apply_settings(&mut self, ctx: &egui::Context) {
        let settings = &self.persisted.settings;
        if self.applied_theme != Some(settings.theme) {
            ctx.set_theme(settings.theme.preference());
            self.applied_theme = Some(settings.theme);
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
                crate::ui::status_bar::file_name(session.doc_path())
            ),
        };
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }

    fn refresh_highlights(&mut self) {
        let Some(session) = &mut self.session else {
            return;
        };
        self.find.refresh(session.doc());
        let key = (session.generation(), self.find.revision());
        if self.highlight_key == Some(key) {
            return;
        }
        let highlights =
            crate::ui::highlights::build(session.set(), self.find.matches(), self.find.current());
        session.doc_view.set_highlights(highlights);
        self.highlight_key = Some(key);
        self.ctx.request_repaint();
    }

    /// Copy unsaved changes to the recovery folder every `recovery_interval`.
    fn recovery_tick(&mut self, ctx: &egui::Context) {
        let Some(session) = &mut self.session else {
            self.recovery_due = None;
            return;
        };
        if !session.needs_recovery_copy() {
            self.recovery_due = None;
            return;
        }
        let now = ctx.input(|i| i.time);
        let due = *self
            .recovery_due
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
        self.recovery_due = None;
        self.spawn(job);
    }

    /// Handle the window's close button: ask about unsaved work, wait for running saves.
    fn close_tick(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.close_confirmed {
            self.commit_note();
            if self.session.as_ref().is_some_and(Session::is_dirty) {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                if self.prompt.is_none() {
                    self.prompt = Some(Prompt::Unsaved {
                        after: AfterPrompt::Close,
                    });
                }
            } else if self.worker.in_flight() > 0 {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.closing = true;
            } else {
                self.close_confirmed = true;
            }
        }
        if self.closing && self.worker.in_flight() == 0 && !self.save.in_flight {
            self.closing = false;
            self.close_confirmed = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
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
        self.highlight_key = None;
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
        self.was_typing = ctx.text_edit_focused();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, &self.persisted);
    }

    fn persist_egui_memory(&self) -> bool {
        false
    }
}
