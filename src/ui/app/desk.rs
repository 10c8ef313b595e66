//! The app's side of the desk and of new documents: scanning a folder, opening a web
//! address, saving pasted text, copying a verdict to a repeated claim's other places.

use std::path::PathBuf;

use crate::model::{AnnotationId, Verdict};
use crate::store::StoreError;
use crate::store::desk::Desk;
use crate::ui::app::FactmarkApp;
use crate::ui::app::worker::Job;
use crate::ui::state::messages::Message;

impl FactmarkApp {
    /// Show `dir` as a desk: open the desk window and scan the folder on the worker.
    pub(crate) fn open_folder(&mut self, dir: PathBuf) {
        self.windows.desk.open = true;
        self.windows.desk.scanning = true;
        self.spawn(Job::ScanDesk { dir });
    }

    pub(crate) fn desk_scanned(&mut self, dir: PathBuf, result: Result<Box<Desk>, StoreError>) {
        self.windows.desk.scanning = false;
        match result {
            Ok(desk) => {
                let unreadable = desk.documents.iter().filter(|d| d.error.is_some()).count();
                if unreadable > 0 {
                    self.messages.push(Message::warning(format!(
                        "{unreadable} document(s) in {} could not be read; hover their names \
                         in the desk for why.",
                        dir.display()
                    )));
                }
                self.windows.desk.desk = Some((dir, *desk));
            }
            Err(err) => self.messages.push(Message::error(format!(
                "Could not read the folder {}: {err}",
                dir.display()
            ))),
        }
    }

    /// Fetch `url` into a folder the user picks (the open document's, by default).
    pub(crate) fn fetch_page(&mut self, url: String) {
        let Some(dir) = self.deps.dialogs.pick_folder() else {
            return;
        };
        self.messages
            .push(Message::info(format!("Fetching {url} …")));
        self.spawn(Job::FetchPage {
            url,
            dir,
            now: Self::now(),
        });
    }

    pub(crate) fn page_fetched(&mut self, result: Result<PathBuf, String>) {
        match result {
            Ok(path) => self.request(crate::ui::windows::prompts::AfterPrompt::OpenDocument(path)),
            Err(err) => self.messages.push(Message::error(err)),
        }
    }

    /// Save pasted `text` as a new `.txt` where the user picks, then open it.
    pub(crate) fn new_document_from_text(&mut self, text: String) {
        let Some(path) = self.deps.dialogs.save_new_document() else {
            self.windows.paste.text = text;
            self.windows.paste.open = true;
            return;
        };
        self.spawn(Job::WriteNewDocument { path, text });
    }

    /// Give each target the verdict, saving their sets on the worker.
    pub(crate) fn copy_verdict(&mut self, verdict: Verdict, targets: Vec<(PathBuf, AnnotationId)>) {
        if targets.is_empty() {
            return;
        }
        let open_doc = self.session.as_ref().map(|s| s.doc_path().to_path_buf());
        if targets
            .iter()
            .any(|(doc, _)| Some(doc) == open_doc.as_ref())
        {
            self.messages.push(Message::warning(
                "One of the other places is in the open document: set its verdict there \
                 (the desk changes only documents that are not open).",
            ));
        }
        let targets: Vec<_> = targets
            .into_iter()
            .filter(|(doc, _)| Some(doc) != open_doc.as_ref())
            .collect();
        let who = self.reviewer();
        self.spawn(Job::CopyVerdict {
            verdict,
            targets,
            who,
            now: Self::now(),
        });
    }

    pub(crate) fn verdict_copied(&mut self, result: Result<usize, StoreError>) {
        match result {
            Ok(changed) => {
                self.messages.push(Message::info(format!(
                    "Verdict copied to {changed} annotation(s)."
                )));
                if let Some((dir, _)) = &self.windows.desk.desk {
                    let dir = dir.clone();
                    self.open_folder(dir);
                }
            }
            Err(err) => self
                .messages
                .push(Message::error(format!("Could not copy the verdict: {err}"))),
        }
    }
}
