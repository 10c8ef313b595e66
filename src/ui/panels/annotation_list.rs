//! The annotation list: every annotation in document order with tag chip, quote excerpt,
//! verdict, anchor status and author; filters by tag, verdict, status and text. Rows are
//! virtualized (`ScrollArea::show_rows`) so ten thousand annotations stay fast.

use egui::text::LayoutJob;
use egui::{FontId, TextFormat};

use crate::model::workflow::{ClaimState, WorkFilter};
use crate::model::{AnchorStatus, Annotation, AnnotationId, Verdict};
use crate::ui::state::commands::Action;
use crate::ui::state::session::Session;
use crate::ui::text::colors::{tag_color, text_color};
use crate::ui::text::labels::{excerpt, quoted, status_text, verdict_text};

/// Which anchor statuses to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    /// All.
    #[default]
    Any,
    /// Exact or moved.
    Placed,
    /// Fuzzy or orphaned.
    NeedsReview,
    /// Orphaned only.
    Orphaned,
}

impl StatusFilter {
    const ALL: [Self; 4] = [Self::Any, Self::Placed, Self::NeedsReview, Self::Orphaned];

    fn label(self) -> &'static str {
        match self {
            Self::Any => "Any status",
            Self::Placed => "Placed",
            Self::NeedsReview => "Needs review",
            Self::Orphaned => "Orphaned",
        }
    }

    fn accepts(self, status: AnchorStatus) -> bool {
        match self {
            Self::Any => true,
            Self::Placed => !status.needs_review(),
            Self::NeedsReview => status.needs_review(),
            Self::Orphaned => status == AnchorStatus::Orphaned,
        }
    }
}

/// What the cached rows were computed from: set generation, the filters and the reviewer.
type FilterKey = (
    u64,
    Option<String>,
    Option<Verdict>,
    StatusFilter,
    Option<WorkFilter>,
    String,
    String,
);

/// Filter settings and the cached filtered rows.
#[derive(Debug, Default)]
pub struct AnnotationList {
    tag: Option<String>,
    verdict: Option<Verdict>,
    status: StatusFilter,
    work: Option<WorkFilter>,
    search: String,
    cache_key: Option<FilterKey>,
    rows: Vec<AnnotationId>,
    scroll_to_selected: bool,
}

impl AnnotationList {
    /// Bring the selected row into view on the next frame.
    pub fn reveal_selected(&mut self) {
        self.scroll_to_selected = true;
    }

    /// Ids of the rows shown with the current filters.
    pub fn rows(&self) -> &[AnnotationId] {
        &self.rows
    }

    /// Draw filters and rows; clicks become [`Action::Select`]. `me` is the reviewer the
    /// work filters ("assigned to me" …) are for.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        session: &Session,
        me: &str,
        actions: &mut Vec<Action>,
    ) {
        self.filters_ui(ui, session);
        self.refresh(session, me);
        let set = session.set();
        let selected = session.selected();
        ui.label(
            egui::RichText::new(format!(
                "{} of {} annotations",
                self.rows.len(),
                set.annotations.len()
            ))
            .small()
            .weak(),
        );
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
        let mut scroll = egui::ScrollArea::vertical()
            .id_salt("annotation_rows")
            .auto_shrink([false, false])
            .max_height(ui.available_height());
        if std::mem::take(&mut self.scroll_to_selected)
            && let Some(index) = selected.and_then(|id| self.rows.iter().position(|r| *r == id))
        {
            let spacing = ui.spacing().item_spacing.y;
            scroll = scroll.vertical_scroll_offset((row_height + spacing) * index as f32);
        }
        scroll.show_rows(ui, row_height, self.rows.len(), |ui, range| {
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            for id in self.rows.get(range).unwrap_or_default() {
                let Some(annotation) = session.annotation(*id) else {
                    continue;
                };
                let color = text_color(ui.visuals(), tag_color(set, &annotation.tag));
                let job = row_job(ui, annotation, color);
                let response = ui
                    .add(
                        egui::Button::selectable(selected == Some(*id), job)
                            .min_size(egui::vec2(ui.available_width(), row_height)),
                    )
                    .on_hover_text(excerpt(&annotation.quote.exact, 400));
                if response.clicked() {
                    actions.push(Action::Select {
                        id: Some(*id),
                        scroll: true,
                    });
                }
            }
        });
    }

    fn filters_ui(&mut self, ui: &mut egui::Ui, session: &Session) {
        let set = session.set();
        ui.horizontal_wrapped(|ui| {
            let tag_label = self.tag.clone().unwrap_or_else(|| "All tags".to_owned());
            egui::ComboBox::from_id_salt("filter_tag")
                .selected_text(tag_label)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.tag, None, "All tags");
                    for tag in &set.tags {
                        ui.selectable_value(&mut self.tag, Some(tag.name.clone()), &tag.name);
                    }
                })
                .response
                .accessible_name("Filter by tag")
                .on_hover_text("Show only this tag");
            let verdict_label = self.verdict.map_or("Any verdict", Verdict::label);
            egui::ComboBox::from_id_salt("filter_verdict")
                .selected_text(verdict_label)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.verdict, None, "Any verdict");
                    for verdict in Verdict::ALL {
                        ui.selectable_value(&mut self.verdict, Some(verdict), verdict.label());
                    }
                })
                .response
                .accessible_name("Filter by verdict")
                .on_hover_text("Show only claims with this verdict");
            egui::ComboBox::from_id_salt("filter_status")
                .selected_text(self.status.label())
                .show_ui(ui, |ui| {
                    for status in StatusFilter::ALL {
                        ui.selectable_value(&mut self.status, status, status.label());
                    }
                })
                .response
                .accessible_name("Filter by status")
                .on_hover_text("Show only annotations with this anchor status");
            egui::ComboBox::from_id_salt("filter_work")
                .selected_text(self.work.map_or("All work", WorkFilter::label))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.work, None, "All work");
                    for filter in WorkFilter::ALL {
                        ui.selectable_value(&mut self.work, Some(filter), filter.label());
                    }
                })
                .response
                .accessible_name("Filter by review work")
                .on_hover_text(
                    "Assigned to me, waiting for my sign-off, with open comments, or disputed \
                     (\"me\" is the reviewer name in Settings)",
                );
        });
        ui.horizontal(|ui| {
            let label = ui.label("Search");
            ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .hint_text("quote, note or author")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        });
    }

    fn refresh(&mut self, session: &Session, me: &str) {
        let key = (
            session.generation(),
            self.tag.clone(),
            self.verdict,
            self.status,
            self.work,
            me.to_owned(),
            self.search.clone(),
        );
        if self.cache_key.as_ref() == Some(&key) {
            return;
        }
        let needle = self.search.trim().to_lowercase();
        self.rows = session
            .order()
            .iter()
            .copied()
            .filter(|id| {
                session.annotation(*id).is_some_and(|a| {
                    self.tag.as_ref().is_none_or(|t| *t == a.tag)
                        && self.verdict.is_none_or(|v| a.is_claim() && a.verdict == v)
                        && self.status.accepts(a.status)
                        && self.work.is_none_or(|w| w.accepts(a, me))
                        && (needle.is_empty() || matches_search(a, &needle))
                })
            })
            .collect();
        self.cache_key = Some(key);
    }
}

fn matches_search(annotation: &Annotation, needle: &str) -> bool {
    [
        &annotation.quote.exact,
        &annotation.note,
        &annotation.author,
        &annotation.tag,
    ]
    .iter()
    .any(|field| field.to_lowercase().contains(needle))
}

/// One row: `claim  “quote…”  verdict · status · author`, the tag in its colour.
fn row_job(ui: &egui::Ui, annotation: &Annotation, color: egui::Color32) -> LayoutJob {
    let font = FontId::proportional(ui.text_style_height(&egui::TextStyle::Body) - 2.0);
    let text_color = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    let mut job = LayoutJob::default();
    let plain = |c| TextFormat::simple(font.clone(), c);
    let mut tag_format = plain(color);
    tag_format.background = color.gamma_multiply(0.15);
    job.append(&annotation.tag, 0.0, tag_format);
    job.append(
        &format!("  {}", quoted(&annotation.quote.exact, 48)),
        0.0,
        plain(text_color),
    );
    let mut details = Vec::new();
    let verdict = verdict_text(annotation);
    if !verdict.is_empty() {
        details.push(verdict.to_owned());
    }
    if annotation.is_claim() && annotation.workflow.state != ClaimState::Open {
        details.push(annotation.workflow.state.label().to_lowercase());
    }
    let open_comments = annotation.workflow.unresolved_comments();
    if open_comments > 0 {
        details.push(format!("{open_comments} open comment(s)"));
    }
    if annotation.status != AnchorStatus::Exact {
        details.push(status_text(annotation.status));
    }
    details.push(excerpt(&annotation.author, 20));
    job.append(&format!("  {}", details.join(" · ")), 0.0, plain(weak));
    job
}
