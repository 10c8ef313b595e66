//! The desk window (File → Open Folder…): the folder's documents with their progress
//! (sortable, filterable) and every annotation across them (searchable), repeated claims
//! marked. A row opens its document (at the annotation).

use std::cmp::Ordering;
use std::path::PathBuf;

use crate::model::Verdict;
use crate::store::desk::{Desk, DeskDocument, DeskItem};
use crate::ui::state::commands::Action;
use crate::ui::text::labels::excerpt;

/// A column of the documents table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DeskColumn {
    /// Relative path.
    #[default]
    Document,
    /// Annotations.
    Annotations,
    /// Claims with a verdict.
    Checked,
    /// Fuzzy and orphaned.
    NeedsReview,
    /// Set modified.
    Modified,
}

/// State of the desk window.
#[derive(Debug, Default)]
pub struct DeskWindow {
    /// Is it shown?
    pub open: bool,
    /// The folder shown and its scan, once done.
    pub desk: Option<(PathBuf, Desk)>,
    /// A scan is running.
    pub scanning: bool,
    /// Sort column of the documents table.
    pub sort: DeskColumn,
    /// Sort descending.
    pub descending: bool,
    /// Only documents whose path contains this (case-insensitive).
    pub filter: String,
    /// Only annotations whose text, tag, verdict or document contains this.
    pub search: String,
    /// Only repeated claims.
    pub repeated_only: bool,
}

/// Claims with a verdict in a document.
fn checked(d: &DeskDocument) -> usize {
    d.by_verdict
        .iter()
        .filter(|(name, _)| name.as_str() != Verdict::Unreviewed.name())
        .map(|(_, n)| n)
        .sum()
}

fn compare(column: DeskColumn, a: &DeskDocument, b: &DeskDocument) -> Ordering {
    match column {
        DeskColumn::Document => a.relative.cmp(&b.relative),
        DeskColumn::Annotations => a.annotations.cmp(&b.annotations),
        DeskColumn::Checked => checked(a).cmp(&checked(b)),
        DeskColumn::NeedsReview => a.needs_review.cmp(&b.needs_review),
        DeskColumn::Modified => a.modified.cmp(&b.modified),
    }
}

impl DeskWindow {
    /// The documents to show, filtered and sorted (indices into the desk's documents).
    pub fn document_rows(&self, desk: &Desk) -> Vec<usize> {
        let filter = self.filter.to_lowercase();
        let mut rows: Vec<usize> = (0..desk.documents.len())
            .filter(|&i| {
                desk.documents
                    .get(i)
                    .is_some_and(|d| d.relative.to_lowercase().contains(&filter))
            })
            .collect();
        rows.sort_by(
            |&i, &j| match (desk.documents.get(i), desk.documents.get(j)) {
                (Some(a), Some(b)) => {
                    let order = compare(self.sort, a, b).then_with(|| a.relative.cmp(&b.relative));
                    if self.descending {
                        order.reverse()
                    } else {
                        order
                    }
                }
                _ => Ordering::Equal,
            },
        );
        rows
    }

    /// The annotations to show, searched (indices into the desk's items).
    pub fn item_rows(&self, desk: &Desk) -> Vec<usize> {
        let search = self.search.to_lowercase();
        (0..desk.items.len())
            .filter(|&i| {
                let Some(item) = desk.items.get(i) else {
                    return false;
                };
                if self.repeated_only && item.repeated.is_none() {
                    return false;
                }
                let path = desk
                    .documents
                    .get(item.document)
                    .map_or("", |d| d.relative.as_str());
                search.is_empty()
                    || item.quote.to_lowercase().contains(&search)
                    || item.tag.to_lowercase().contains(&search)
                    || item.verdict.name().contains(&search)
                    || path.to_lowercase().contains(&search)
            })
            .collect()
    }

    /// Draw the window; rows push [`Action::OpenDocument`] / [`Action::OpenDocumentAt`],
    /// the copy button [`Action::CopyVerdict`].
    pub fn ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let mut open = self.open;
        egui::Window::new("Desk")
            .open(&mut open)
            .default_size([900.0, 600.0])
            .vscroll(false)
            .show(ctx, |ui| self.contents_ui(ui, actions));
        self.open = open;
    }

    fn contents_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let Some((folder, desk)) = self.desk.take() else {
            ui.label(if self.scanning {
                "Reading the folder…"
            } else {
                "No folder open. Use File → Open Folder…"
            });
            return;
        };
        ui.label(format!(
            "{}: {} document(s), {} annotation(s), {} repeated claim(s)",
            folder.display(),
            desk.documents.len(),
            desk.items.len(),
            desk.repeated.len()
        ));
        ui.horizontal(|ui| {
            let label = ui.label("Filter documents:");
            ui.text_edit_singleline(&mut self.filter)
                .labelled_by(label.id);
        });
        let rows = self.document_rows(&desk);
        ui.horizontal(|ui| {
            for (column, title, width) in DOCUMENT_COLUMNS {
                cell(ui, width, |ui| self.header_ui(ui, column, title));
            }
        });
        let row_height = ui.spacing().interact_size.y;
        // Only the rows in view are laid out: a desk of thousands stays responsive.
        egui::ScrollArea::vertical()
            .id_salt("desk_documents")
            .max_height(ui.available_height() * 0.45)
            .auto_shrink([false, true])
            .show_rows(ui, row_height, rows.len(), |ui, range| {
                for n in range {
                    if let Some(d) = rows.get(n).and_then(|&i| desk.documents.get(i)) {
                        striped_row(ui, n, |ui| document_row_ui(ui, d, actions));
                    }
                }
            });
        ui.separator();
        ui.horizontal(|ui| {
            let label = ui.label("Search annotations:");
            ui.text_edit_singleline(&mut self.search)
                .labelled_by(label.id);
            ui.checkbox(&mut self.repeated_only, "Repeated claims only");
        });
        let rows = self.item_rows(&desk);
        ui.horizontal(|ui| {
            for (title, width) in ITEM_COLUMNS {
                cell(ui, width, |ui| ui.strong(title));
            }
        });
        egui::ScrollArea::vertical()
            .id_salt("desk_items")
            .auto_shrink([false, true])
            .show_rows(ui, row_height, rows.len(), |ui, range| {
                for n in range {
                    if let Some(item) = rows.get(n).and_then(|&i| desk.items.get(i)) {
                        striped_row(ui, n, |ui| item_row_ui(ui, &desk, item, actions));
                    }
                }
            });
        self.desk = Some((folder, desk));
    }

    fn header_ui(&mut self, ui: &mut egui::Ui, column: DeskColumn, title: &str) {
        let arrow = match (self.sort == column, self.descending) {
            (true, false) => " (up)",
            (true, true) => " (down)",
            (false, _) => "",
        };
        if ui
            .button(egui::RichText::new(format!("{title}{arrow}")).strong())
            .on_hover_text(format!("Sort by {}", title.to_lowercase()))
            .clicked()
        {
            if self.sort == column {
                self.descending = !self.descending;
            } else {
                self.sort = column;
                self.descending = false;
            }
        }
    }
}

/// The documents table's columns: what sorts it, its title, its width in points.
const DOCUMENT_COLUMNS: [(DeskColumn, &str, f32); 5] = [
    (DeskColumn::Document, "Document", 300.0),
    (DeskColumn::Annotations, "Annotations", 100.0),
    (DeskColumn::Checked, "Checked", 130.0),
    (DeskColumn::NeedsReview, "Needs review", 110.0),
    (DeskColumn::Modified, "Modified", 130.0),
];

/// The annotations table's columns: title and width in points.
const ITEM_COLUMNS: [(&str, f32); 5] = [
    ("Tag", 90.0),
    ("Verdict", 100.0),
    ("Document", 170.0),
    ("Text", 330.0),
    ("Repeated", 230.0),
];

/// One cell of a table row: `width` wide, contents left-aligned and centred vertically.
fn cell<R>(ui: &mut egui::Ui, width: f32, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let size = egui::vec2(width, ui.spacing().interact_size.y);
    ui.allocate_ui_with_layout(
        size,
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_min_size(size);
            ui.set_clip_rect(ui.max_rect().intersect(ui.clip_rect()));
            add(ui)
        },
    )
    .inner
}

/// A row of cells, every other one on a faint background.
fn striped_row(ui: &mut egui::Ui, n: usize, add: impl FnOnce(&mut egui::Ui)) {
    let background = ui.painter().add(egui::Shape::Noop);
    let row = ui.horizontal(add).response.rect;
    if n % 2 == 1 {
        let fill = ui.visuals().faint_bg_color;
        ui.painter()
            .set(background, egui::Shape::rect_filled(row, 0.0, fill));
    }
}

fn document_row_ui(ui: &mut egui::Ui, d: &DeskDocument, actions: &mut Vec<Action>) {
    let [document, annotations, checked_width, review, modified] =
        DOCUMENT_COLUMNS.map(|(_, _, width)| width);
    cell(ui, document, |ui| {
        if ui
            .link(excerpt(&d.relative, 48))
            .on_hover_text(d.error.as_deref().unwrap_or("Open this document"))
            .clicked()
        {
            actions.push(Action::OpenDocument(d.path.clone()));
        }
    });
    let claims: usize = d.by_verdict.values().sum();
    cell(ui, annotations, |ui| ui.label(d.annotations.to_string()));
    cell(ui, checked_width, |ui| {
        ui.label(format!("{} of {claims} claims", checked(d)))
    });
    cell(ui, review, |ui| ui.label(d.needs_review.to_string()));
    cell(ui, modified, |ui| {
        ui.label(match (&d.error, d.modified) {
            (Some(_), _) => "cannot be read".to_owned(),
            (None, Some(m)) => m.format("%Y-%m-%d %H:%M").to_string(),
            (None, None) => "no set".to_owned(),
        })
    });
}

fn item_row_ui(ui: &mut egui::Ui, desk: &Desk, item: &DeskItem, actions: &mut Vec<Action>) {
    let Some(d) = desk.documents.get(item.document) else {
        return;
    };
    let [tag, verdict, document, text, repeated] = ITEM_COLUMNS.map(|(_, width)| width);
    cell(ui, tag, |ui| ui.label(&item.tag));
    cell(ui, verdict, |ui| {
        ui.label(if item.is_claim {
            item.verdict.name()
        } else {
            ""
        })
    });
    cell(ui, document, |ui| ui.label(excerpt(&d.relative, 28)));
    cell(ui, text, |ui| {
        if ui
            .link(excerpt(&item.quote, 56))
            .on_hover_text(format!(
                "{}\n\nOpen the document at this annotation",
                excerpt(&item.quote, 400)
            ))
            .clicked()
        {
            actions.push(Action::OpenDocumentAt {
                path: d.path.clone(),
                annotation: item.id,
            });
        }
    });
    cell(ui, repeated, |ui| repeated_ui(ui, desk, item, actions));
}

/// The Repeated cell: how many documents quote the claim, and a button copying this
/// claim's verdict to the others of its group.
fn repeated_ui(ui: &mut egui::Ui, desk: &Desk, item: &DeskItem, actions: &mut Vec<Action>) {
    let Some(group) = item.repeated.and_then(|g| desk.repeated.get(g)) else {
        ui.label("");
        return;
    };
    ui.horizontal(|ui| {
        ui.label(format!("repeated ({} places)", group.len()));
        let others: Vec<(PathBuf, crate::model::AnnotationId)> = group
            .iter()
            .filter_map(|&k| desk.items.get(k))
            .filter(|other| other.id != item.id && other.verdict != item.verdict)
            .filter_map(|other| {
                desk.documents
                    .get(other.document)
                    .map(|d| (d.path.clone(), other.id))
            })
            .collect();
        if item.verdict != Verdict::Unreviewed
            && !others.is_empty()
            && ui
                .button("Copy verdict")
                .on_hover_text(format!(
                    "Give the {} other place(s) of this claim the verdict {}",
                    others.len(),
                    item.verdict.name()
                ))
                .clicked()
        {
            actions.push(Action::CopyVerdict {
                verdict: item.verdict,
                targets: others,
            });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn doc(relative: &str, annotations: usize, review: usize) -> DeskDocument {
        DeskDocument {
            path: PathBuf::from(relative),
            relative: relative.to_owned(),
            annotations,
            by_tag: BTreeMap::new(),
            by_verdict: BTreeMap::new(),
            needs_review: review,
            modified: None,
            error: None,
        }
    }

    #[test]
    fn documents_sort_and_filter() {
        let desk = Desk {
            documents: vec![
                doc("b/one.txt", 3, 0),
                doc("a.pdf", 1, 2),
                doc("c.html", 7, 1),
            ],
            ..Desk::default()
        };
        let mut window = DeskWindow::default();
        assert_eq!(window.document_rows(&desk), vec![1, 0, 2]);
        window.sort = DeskColumn::Annotations;
        window.descending = true;
        assert_eq!(window.document_rows(&desk), vec![2, 0, 1]);
        window.sort = DeskColumn::NeedsReview;
        window.descending = false;
        assert_eq!(window.document_rows(&desk), vec![0, 2, 1]);
        window.filter = "ONE".to_owned();
        assert_eq!(window.document_rows(&desk), vec![0]);
    }
}
