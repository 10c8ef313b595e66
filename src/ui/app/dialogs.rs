//! File dialogs and the system opener, behind traits so tests inject answers.
//!
//! The app asks a [`FileDialogs`] for paths and a [`SystemOpener`] to open web pages or
//! reveal files. The real implementations use `rfd` and `opener`; tests use
//! [`ScriptedDialogs`] and [`RecordingOpener`].

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::export::Format;

/// Native file dialogs the app needs. Each returns `None` when the user cancels.
pub trait FileDialogs {
    /// Pick a document to open (.txt, .md, .html, .pdf, .docx or any file).
    fn pick_document(&self) -> Option<PathBuf>;
    /// Pick a folder of documents to show as a desk (or to fetch a page into).
    fn pick_folder(&self) -> Option<PathBuf>;
    /// Choose where to save a new text document (pasted text).
    fn save_new_document(&self) -> Option<PathBuf>;
    /// Pick an annotation set (`.factmark.ron`) to open, starting in `start_dir`.
    fn pick_set(&self, start_dir: Option<&Path>) -> Option<PathBuf>;
    /// Choose where to save an annotation set; `suggested` is the default path.
    fn save_set_as(&self, suggested: &Path) -> Option<PathBuf>;
    /// Pick a local evidence file, starting in the document's folder.
    fn pick_evidence_file(&self, start_dir: &Path) -> Option<PathBuf>;
    /// Choose where to write an export in `format`; `suggested` is the default path.
    fn save_export(&self, suggested: &Path, format: Format) -> Option<PathBuf>;
    /// Pick a W3C Web Annotation file (.json, .jsonld) to import, starting in `start_dir`.
    fn pick_import(&self, start_dir: &Path) -> Option<PathBuf>;
    /// Why dialogs cannot show on this desktop (what is missing), if they cannot; a
    /// dialog that cannot show answers like Cancel, so the app asks this first.
    fn missing(&self) -> Option<String> {
        None
    }
}

/// Opens web pages in the browser and reveals files in the file manager.
pub trait SystemOpener {
    /// Open an http(s) address in the default browser.
    fn open_url(&self, url: &str) -> Result<(), String>;
    /// Show a file in the file manager (never executes it).
    fn reveal(&self, path: &Path) -> Result<(), String>;
    /// Open a report this app wrote (an `.html` file) in the default browser.
    fn open_report(&self, path: &Path) -> Result<(), String>;
}

/// Dialogs through `rfd` (xdg-portal / zenity on Linux, native on macOS and Windows).
#[derive(Debug, Default, Clone, Copy)]
pub struct RfdDialogs;

/// What rfd needs on Linux and the BSDs: an xdg desktop portal (over the D-Bus session
/// bus) or the `zenity` program. `None` when one of them may be there.
fn missing_dialog_backend() -> Option<String> {
    if cfg!(any(target_os = "macos", target_os = "windows")) {
        return None;
    }
    let has_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty());
    let has_zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()));
    (!has_bus && !has_zenity)
        .then(|| "no D-Bus session for an xdg desktop portal, and no zenity on the PATH".to_owned())
}

impl FileDialogs for RfdDialogs {
    fn missing(&self) -> Option<String> {
        missing_dialog_backend()
    }

    fn pick_document(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open document")
            .add_filter(
                "Documents",
                &[
                    "txt", "md", "markdown", "text", "html", "htm", "pdf", "docx",
                ],
            )
            .add_filter("Text documents", &["txt", "md", "markdown", "text"])
            .add_filter("All files", &["*"])
            .pick_file()
    }

    fn pick_folder(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Choose a folder")
            .pick_folder()
    }

    fn save_new_document(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Save the pasted text as")
            .set_file_name("pasted.txt")
            .add_filter("Text documents", &["txt"])
            .save_file()
    }

    fn pick_set(&self, start_dir: Option<&Path>) -> Option<PathBuf> {
        let mut dialog = rfd::FileDialog::new()
            .set_title("Open annotation set")
            .add_filter("factmark annotation sets", &["ron"])
            .add_filter("All files", &["*"]);
        if let Some(dir) = start_dir {
            dialog = dialog.set_directory(dir);
        }
        dialog.pick_file()
    }

    fn save_set_as(&self, suggested: &Path) -> Option<PathBuf> {
        let mut dialog = rfd::FileDialog::new()
            .set_title("Save annotation set as")
            .add_filter("factmark annotation sets", &["ron"]);
        if let Some(dir) = suggested.parent() {
            dialog = dialog.set_directory(dir);
        }
        if let Some(name) = suggested.file_name() {
            dialog = dialog.set_file_name(name.to_string_lossy());
        }
        dialog.save_file()
    }

    fn pick_evidence_file(&self, start_dir: &Path) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Add evidence file (inside the document's folder)")
            .set_directory(start_dir)
            .pick_file()
    }

    fn save_export(&self, suggested: &Path, format: Format) -> Option<PathBuf> {
        let extension = format
            .default_extension()
            .rsplit('.')
            .next()
            .unwrap_or_default();
        let mut dialog = rfd::FileDialog::new()
            .set_title(format!("Export {}", format.label()))
            .add_filter(format.label(), &[extension])
            .add_filter("All files", &["*"]);
        if let Some(dir) = suggested.parent() {
            dialog = dialog.set_directory(dir);
        }
        if let Some(name) = suggested.file_name() {
            dialog = dialog.set_file_name(name.to_string_lossy());
        }
        dialog.save_file()
    }

    fn pick_import(&self, start_dir: &Path) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Import W3C annotations")
            .add_filter("W3C Web Annotations", &["json", "jsonld"])
            .add_filter("All files", &["*"])
            .set_directory(start_dir)
            .pick_file()
    }
}

/// The real opener: `opener::open` for web pages, `opener::reveal` for files.
#[derive(Debug, Default, Clone, Copy)]
pub struct RealOpener;

impl SystemOpener for RealOpener {
    fn open_url(&self, url: &str) -> Result<(), String> {
        opener::open(url).map_err(|err| err.to_string())
    }

    fn reveal(&self, path: &Path) -> Result<(), String> {
        opener::reveal(path).map_err(|err| err.to_string())
    }

    fn open_report(&self, path: &Path) -> Result<(), String> {
        opener::open_browser(path).map_err(|err| err.to_string())
    }
}

/// Dialogs that answer from a queue of paths, for tests. Clones share the queue, so a test
/// keeps one handle and pushes answers while the app owns another.
#[derive(Debug, Default, Clone)]
pub struct ScriptedDialogs {
    answers: Arc<Mutex<VecDeque<Option<PathBuf>>>>,
    missing: Arc<Mutex<Option<String>>>,
}

impl ScriptedDialogs {
    /// An empty script: every dialog is cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// The next dialog answers `path`.
    pub fn push(&self, path: impl Into<PathBuf>) {
        if let Ok(mut answers) = self.answers.lock() {
            answers.push_back(Some(path.into()));
        }
    }

    /// The next dialog is cancelled.
    pub fn push_cancel(&self) {
        if let Ok(mut answers) = self.answers.lock() {
            answers.push_back(None);
        }
    }

    /// Act as a desktop without dialogs, for this reason.
    pub fn set_missing(&self, reason: &str) {
        if let Ok(mut missing) = self.missing.lock() {
            *missing = Some(reason.to_owned());
        }
    }

    /// How many answers are still queued.
    pub fn remaining(&self) -> usize {
        self.answers.lock().map_or(0, |a| a.len())
    }

    fn next(&self) -> Option<PathBuf> {
        self.answers.lock().ok()?.pop_front().flatten()
    }
}

impl FileDialogs for ScriptedDialogs {
    fn missing(&self) -> Option<String> {
        self.missing.lock().ok()?.clone()
    }

    fn pick_document(&self) -> Option<PathBuf> {
        self.next()
    }

    fn pick_folder(&self) -> Option<PathBuf> {
        self.next()
    }

    fn save_new_document(&self) -> Option<PathBuf> {
        self.next()
    }

    fn pick_set(&self, _start_dir: Option<&Path>) -> Option<PathBuf> {
        self.next()
    }

    fn save_set_as(&self, _suggested: &Path) -> Option<PathBuf> {
        self.next()
    }

    fn pick_evidence_file(&self, _start_dir: &Path) -> Option<PathBuf> {
        self.next()
    }

    fn save_export(&self, _suggested: &Path, _format: Format) -> Option<PathBuf> {
        self.next()
    }

    fn pick_import(&self, _start_dir: &Path) -> Option<PathBuf> {
        self.next()
    }
}

/// What a [`RecordingOpener`] was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// A web page was opened.
    Url(String),
    /// A file was revealed.
    Revealed(PathBuf),
    /// A report was opened in the browser.
    Report(PathBuf),
}

/// An opener that only records requests, for tests. Clones share the record.
#[derive(Debug, Default, Clone)]
pub struct RecordingOpener {
    opened: Arc<Mutex<Vec<Opened>>>,
}

impl RecordingOpener {
    /// A fresh, empty record.
    pub fn new() -> Self {
        Self::default()
    }

    /// Everything opened so far.
    pub fn opened(&self) -> Vec<Opened> {
        self.opened.lock().map(|o| o.clone()).unwrap_or_default()
    }
}

impl SystemOpener for RecordingOpener {
    fn open_url(&self, url: &str) -> Result<(), String> {
        if let Ok(mut opened) = self.opened.lock() {
            opened.push(Opened::Url(url.to_owned()));
        }
        Ok(())
    }

    fn reveal(&self, path: &Path) -> Result<(), String> {
        if let Ok(mut opened) = self.opened.lock() {
            opened.push(Opened::Revealed(path.to_path_buf()));
        }
        Ok(())
    }

    fn open_report(&self, path: &Path) -> Result<(), String> {
        if let Ok(mut opened) = self.opened.lock() {
            opened.push(Opened::Report(path.to_path_buf()));
        }
        Ok(())
    }
}
