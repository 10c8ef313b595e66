//! The review details window: who publishes the fact-check, where, and the set's title.
//! ClaimReview export needs them. Applying sends one `Edit::Batch` (undoable as one step);
//! web addresses are checked first and a bad one is refused with the reason.

use crate::model::invisible::visible;
use crate::model::web::{UrlError, web_host};
use crate::model::{AnnotationSet, Edit, ReviewInfo};
use crate::ui::state::commands::Action;

/// State of the review details window: a draft of the fields.
#[derive(Debug, Default)]
pub struct ReviewDetailsWindow {
    /// Is the window shown?
    pub open: bool,
    draft: ReviewInfo,
    title: String,
    error: Option<String>,
}

impl ReviewDetailsWindow {
    /// Show the window with the set's current details.
    pub fn open_for(&mut self, set: &AnnotationSet) {
        self.draft = set.review.clone();
        self.title = set.title.clone();
        self.error = None;
        self.open = true;
    }

    /// Why the last Apply was refused, if it was.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Draw the window (if open).
    pub fn ui(&mut self, ctx: &egui::Context, set: &AnnotationSet, actions: &mut Vec<Action>) {
        let mut open = self.open;
        let top = ctx.content_rect().center_top() + egui::vec2(0.0, 120.0);
        egui::Window::new("Review details")
            .open(&mut open)
            .pivot(egui::Align2::CENTER_TOP)
            .default_pos(top)
            .min_width(500.0)
            .resizable(false)
            .collapsible(false)
            .show(ctx, |ui| self.contents_ui(ui, set, actions));
        self.open = open && self.open;
    }

    fn contents_ui(&mut self, ui: &mut egui::Ui, set: &AnnotationSet, actions: &mut Vec<Action>) {
        ui.label("Used by the ClaimReview export; saved with the annotation set.");
        egui::Grid::new("review_details_grid")
            .num_columns(2)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                let draft = &mut self.draft;
                let rows: [(&str, &mut String, &str); 7] = [
                    (
                        "Title",
                        &mut self.title,
                        "e.g. Fact-check: bridge repair costs",
                    ),
                    (
                        "Organization",
                        &mut draft.organization,
                        "e.g. Harbor Fact Desk",
                    ),
                    (
                        "Organization URL",
                        &mut draft.organization_url,
                        "e.g. https://factdesk.example.org",
                    ),
                    (
                        "Document URL",
                        &mut draft.document_url,
                        "e.g. https://news.example.org/bridge",
                    ),
                    (
                        "Document published",
                        &mut draft.document_published,
                        "YYYY-MM-DD",
                    ),
                    (
                        "Document author",
                        &mut draft.document_author,
                        "e.g. the article's byline",
                    ),
                    (
                        "Review URL",
                        &mut draft.review_url,
                        "e.g. https://factdesk.example.org/bridge",
                    ),
                ];
                for (name, value, hint) in rows {
                    let label = ui.label(name);
                    ui.add(
                        egui::TextEdit::singleline(value)
                            .hint_text(hint)
                            .desired_width(340.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                }
            });
        if let Some(original) = &set.source.original {
            ui.weak(provenance(original));
        }
        if let Some(error) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        ui.horizontal(|ui| {
            if ui
                .button("Apply")
                .on_hover_text("Store these details in the annotation set (undoable)")
                .clicked()
            {
                match self.edit(set) {
                    Ok(Some(edit)) => {
                        actions.push(Action::Edit {
                            label: "Edit review details".to_owned(),
                            edit,
                        });
                        self.error = None;
                        self.open = false;
                    }
                    Ok(None) => {
                        self.error = None;
                        self.open = false;
                    }
                    Err(error) => self.error = Some(error),
                }
            }
            if ui.button("Cancel").clicked() {
                self.error = None;
                self.open = false;
            }
        });
    }

    /// The edit the draft makes, `None` if it changes nothing, or why it is refused.
    fn edit(&self, set: &AnnotationSet) -> Result<Option<Edit>, String> {
        let trimmed = |s: &str| s.trim().to_owned();
        let review = ReviewInfo {
            organization: trimmed(&self.draft.organization),
            organization_url: trimmed(&self.draft.organization_url),
            document_url: trimmed(&self.draft.document_url),
            document_published: trimmed(&self.draft.document_published),
            document_author: trimmed(&self.draft.document_author),
            review_url: trimmed(&self.draft.review_url),
        };
        for (name, url) in [
            ("Organization URL", &review.organization_url),
            ("Document URL", &review.document_url),
            ("Review URL", &review.review_url),
        ] {
            if !url.is_empty() {
                web_host(url).map_err(|err| format!("{name} refused: {}", url_problem(&err)))?;
            }
        }
        let date = &review.document_published;
        if !date.is_empty() && chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err() {
            return Err(format!(
                "Document published {date:?} refused: write the date as YYYY-MM-DD"
            ));
        }
        let title = self.title.trim().to_owned();
        if review == set.review && title == set.title {
            return Ok(None);
        }
        Ok(Some(Edit::Batch(vec![
            Edit::SetReview(review),
            Edit::SetTitle(title),
        ])))
    }
}

/// Why an address is refused, in words for publishing details (the scheme message of
/// [`UrlError`] speaks of evidence).
fn url_problem(err: &UrlError) -> String {
    match err {
        UrlError::Scheme { scheme } => {
            format!("only http:// and https:// addresses can be published, not {scheme:?} ones")
        }
        other => other.to_string(),
    }
}

/// Where the document's text came from, for a document that is not plain text: the
/// extractor, the original's fingerprint, and for a fetched page the address and time.
fn provenance(original: &crate::model::OriginalRef) -> String {
    let mut text = format!(
        "Text extracted by {} {} from the original (SHA-256 {}…)",
        visible(&original.extractor),
        visible(&original.extractor_version),
        visible(original.sha256.get(..12).unwrap_or(&original.sha256))
    );
    if let Some(url) = &original.fetched_from {
        text.push_str(&format!("; fetched from {}", visible(url)));
    }
    if let Some(at) = original.retrieved {
        text.push_str(&format!(" on {}", at.format("%Y-%m-%d %H:%M UTC")));
    }
    text.push('.');
    text
}
