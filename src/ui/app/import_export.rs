//! Export and W3C import in the app: the bytes are made from the set in memory, files are
//! written and read on the worker, and an import is applied as one undoable edit.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::export::import_plan::import_w3c_merging;
use crate::export::{ExportContext, Format, export, without_unapproved_claims};
use crate::model::merge::Side;
use crate::model::{Document, Edit};
use crate::store::StoreError;
use crate::ui::app::worker::Job;
use crate::ui::app::{FactmarkApp, SideTab};
use crate::ui::state::messages::Message;
use crate::ui::text::labels::file_name;

/// The path the save dialog suggests: `<document stem>.<extension>` beside the document;
/// brat gets `<stem>-brat.ann`, so its `.txt` never lands on the document itself.
pub fn suggested_export_path(document: &Path, format: Format) -> PathBuf {
    let stem = document
        .file_stem()
        .map_or_else(|| "export".to_owned(), |s| s.to_string_lossy().into_owned());
    let name = match format {
        Format::Brat => format!("{stem}-brat.ann"),
        _ => format!("{stem}.{}", format.default_extension()),
    };
    document.with_file_name(name)
}

/// Where each exported file goes when the user chose `chosen`: one file goes there; brat's
/// files go to `BASE.ann` and `BASE.txt`, BASE being `chosen` without `.ann` or `.txt`.
pub fn export_targets(chosen: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    if let [_] = extensions {
        return vec![chosen.to_path_buf()];
    }
    let text = chosen.as_os_str().to_string_lossy();
    let base = [".ann", ".txt"]
        .iter()
        .find_map(|ext| text.strip_suffix(ext))
        .unwrap_or(&text);
    extensions
        .iter()
        .map(|ext| PathBuf::from(format!("{base}.{ext}")))
        .collect()
}

/// Do two paths name the same file (the second may not exist yet)?
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    let resolve = |p: &Path| {
        p.canonicalize().ok().or_else(|| {
            let dir = p.parent()?.canonicalize().ok()?;
            Some(dir.join(p.file_name()?))
        })
    };
    a == b || matches!((resolve(a), resolve(b)), (Some(x), Some(y)) if x == y)
}

impl FactmarkApp {
    /// Export the current set in `format`: make the bytes, ask where, write on the worker.
    pub(crate) fn export_to_file(&mut self, format: Format) {
        self.commit_note();
        let Some(session) = &self.session else {
            return;
        };
        if self.export_in_flight {
            self.messages.push(Message::warning(
                "An export is still being written; try again when it is done.",
            ));
            return;
        }
        let name = file_name(session.doc_path());
        let approved_only = self.windows.export.approved_only()
            && matches!(format, Format::Html | Format::Markdown);
        let (published, left_out) = if approved_only {
            without_unapproved_claims(session.set())
        } else {
            (session.set().clone(), 0)
        };
        let mut ctx = ExportContext::new(&published, session.doc(), &name, Self::now());
        ctx.left_out_unapproved = left_out;
        let files = match export(&ctx, format) {
            Ok(files) => files,
            Err(err) => {
                self.messages
                    .push(Message::error(format!("Nothing was exported: {err}")));
                return;
            }
        };
        let suggested = suggested_export_path(session.doc_path(), format);
        let Some(chosen) = self.deps.dialogs.save_export(&suggested, format) else {
            return;
        };
        let extensions: Vec<&str> = files.iter().map(|f| f.extension).collect();
        let targets = export_targets(&chosen, &extensions);
        let protected = [Some(session.doc_path()), session.set_path()];
        if let Some(clash) = targets
            .iter()
            .find(|t| protected.iter().flatten().any(|p| same_file(t, p)))
        {
            self.messages.push(Message::error(format!(
                "Nothing was exported: {} is the open document or its annotation set; \
                 choose another name.",
                clash.display()
            )));
            return;
        }
        let files = targets
            .into_iter()
            .zip(files)
            .map(|(path, file)| (path, file.bytes))
            .collect();
        self.export_in_flight = self.spawn(Job::WriteExport { format, files });
    }

    /// The worker wrote (or failed to write) an export.
    pub(crate) fn export_written(
        &mut self,
        format: Format,
        result: Result<Vec<PathBuf>, StoreError>,
    ) {
        self.export_in_flight = false;
        match result {
            Ok(paths) => {
                let list = paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(" and ");
                self.messages.push(Message::info(format!(
                    "Exported {} to {list}",
                    format.label()
                )));
                if format == Format::Html
                    && let Some(path) = paths.into_iter().next()
                {
                    self.windows.export.report_written(path);
                    self.windows.export.open = true;
                }
            }
            Err(err) => self.messages.push(Message::error(format!(
                "Could not write the {} export: {err}",
                format.label()
            ))),
        }
    }

    /// Open an exported HTML report in the browser.
    pub(crate) fn open_report(&mut self, path: &Path) {
        let is_html = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("html"));
        let result = if is_html {
            self.deps.opener.open_report(path)
        } else {
            Err("only HTML reports are opened".to_owned())
        };
        if let Err(err) = result {
            self.messages.push(Message::error(format!(
                "Could not open {} in the browser: {err}",
                path.display()
            )));
        }
    }

    /// File → Import W3C annotations: pick the file, read it on the worker.
    pub(crate) fn start_import(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        let Some(path) = self.deps.dialogs.pick_import(&session.doc_dir()) else {
            return;
        };
        let doc = Arc::clone(session.doc());
        self.spawn(Job::ReadImport { path, doc });
    }

    /// The import file was read: import into a copy of the set and apply the difference as
    /// one edit.
    pub(crate) fn import_read(
        &mut self,
        path: &Path,
        doc: &Arc<Document>,
        result: Result<String, StoreError>,
    ) {
        let json = match result {
            Ok(json) => json,
            Err(err) => {
                self.messages.push(Message::error(format!(
                    "Could not import {}: {err}",
                    path.display()
                )));
                return;
            }
        };
        self.commit_note();
        let who = self.reviewer();
        let Some(session) = &self.session else {
            return;
        };
        if !Arc::ptr_eq(session.doc(), doc) {
            self.messages.push(Message::warning(format!(
                "Nothing was imported from {}: the document it was read for was closed \
                 meanwhile. Import it again into the document now open.",
                file_name(path)
            )));
            return;
        }
        let from = format!("{} (imported)", file_name(path));
        let ours = Side {
            set: session.set(),
            by: &who,
        };
        let (summary, merged) =
            match import_w3c_merging(&json, session.doc(), ours, &from, Self::now()) {
                Ok(result) => result,
                Err(err) => {
                    self.messages.push(Message::error(format!(
                        "Could not import {}: {err}",
                        path.display()
                    )));
                    return;
                }
            };
        let mut text = format!(
            "Import from {}: {summary}; {} new, {} updated, {} already in the set as they are",
            file_name(path),
            merged.added,
            merged.updated,
            merged.unchanged
        );
        for left_out in &merged.left_out {
            text.push_str(&format!("\nleft out {left_out}"));
        }
        // The one validation door: what the import made is checked like a loaded set.
        for finding in crate::model::validate::validate(&merged.set, session.doc().char_len()) {
            text.push_str(&format!("\nproblem kept as it is: {finding}"));
        }
        let conflicts = merged.report.new_conflicts.len();
        if conflicts > 0 {
            text.push_str(&format!(
                "\n{conflicts} conflict(s) with what you have: settle them in the Review queue"
            ));
        }
        let changed = merged.set != *session.set();
        if changed {
            let label = format!("Import {} annotations", merged.added);
            if let Err(err) = self.apply_edit(&label, Edit::ReplaceContent(Box::new(merged.set))) {
                self.messages.push(Message::error(format!(
                    "Nothing was imported from {}: {err}.",
                    file_name(path)
                )));
                return;
            }
        }
        let review = summary.anchors.fuzzy + summary.anchors.orphaned > 0 || conflicts > 0;
        let problems = !summary.skipped.is_empty()
            || !summary.links_dropped.is_empty()
            || !summary.evidence_refused.is_empty()
            || !summary.snapshots_dropped.is_empty()
            || !merged.left_out.is_empty();
        if review {
            self.side.tab = SideTab::Review;
        }
        if review || problems || merged.added == 0 {
            self.messages.push(Message::warning(text));
        } else {
            self.messages.push(Message::info(text));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_sit_beside_the_document_and_brat_never_hits_it() {
        let doc = Path::new("/d/harbor-bridge.txt");
        assert_eq!(
            suggested_export_path(doc, Format::Html),
            PathBuf::from("/d/harbor-bridge.html")
        );
        assert_eq!(
            suggested_export_path(doc, Format::ClaimReview),
            PathBuf::from("/d/harbor-bridge.claimreview.jsonld")
        );
        let brat = suggested_export_path(doc, Format::Brat);
        let targets = export_targets(&brat, &["ann", "txt"]);
        assert_eq!(
            targets,
            vec![
                PathBuf::from("/d/harbor-bridge-brat.ann"),
                PathBuf::from("/d/harbor-bridge-brat.txt")
            ]
        );
        assert!(!targets.iter().any(|t| t == doc));
    }

    #[test]
    fn brat_base_drops_ann_or_txt_only() {
        let both = ["ann", "txt"];
        assert_eq!(
            export_targets(Path::new("/o/x.v2.txt"), &both),
            vec![PathBuf::from("/o/x.v2.ann"), PathBuf::from("/o/x.v2.txt")]
        );
        assert_eq!(
            export_targets(Path::new("/o/out"), &both),
            vec![PathBuf::from("/o/out.ann"), PathBuf::from("/o/out.txt")]
        );
        assert_eq!(
            export_targets(Path::new("/o/r.csv"), &["csv"]),
            vec![PathBuf::from("/o/r.csv")]
        );
    }
}
