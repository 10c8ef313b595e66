//! The compare window: agreement between this set and teammates' sets shown as layers.
//!
//! Pick reviewer A and reviewer B among this set and the layers; the window shows, per tag,
//! B's precision, recall and F1 against A (exact and overlap matching), Cohen's kappa of A
//! and B and Krippendorff's alpha of every set, then each disagreement on the text (only in
//! A, only in B, tag differs, edges differ). Clicking a disagreement selects its text in
//! the document (where the layers' outlines show both readings); a teammate's span can be
//! adopted into this set (one undo step). Figures are computed again only when a set, a
//! layer or the choice of A and B changes, on the worker (a book-length comparison takes
//! a moment): until they arrive, the last figures are shown greyed out.

use std::collections::HashSet;
use std::sync::Arc;

use crate::model::Document;
use crate::model::agreement::{
    Agreement, Coding, Disagreement, DisagreementKind, MatchCounts, Span, agreement, disagreements,
    take_reading_edit,
};
use crate::model::{AnnotationId, AnnotationSet};
use crate::ui::state::commands::{Action, CompareKey, UiCommand};
use crate::ui::state::layers::Layers;
use crate::ui::state::session::Session;
use crate::ui::text::labels::{excerpt, quoted};

/// Rows of disagreements drawn at most (the figures count them all).
const MAX_ROWS: usize = 500;

/// State of the compare window.
#[derive(Debug, Default)]
pub struct CompareWindow {
    /// Is the window shown?
    pub open: bool,
    /// Reviewer A: 0 is this set, `i + 1` is layer `i`.
    reference: usize,
    /// Reviewer B, numbered the same way.
    candidate: usize,
    computed: Option<Computed>,
    /// The figures asked of the worker and not back yet (one at a time).
    pending: Option<CompareKey>,
}

/// What the window shows, and what it was computed from.
#[derive(Debug)]
struct Computed {
    key: CompareKey,
    agreement: Agreement,
    disagreements: Vec<Disagreement>,
    /// Which reviewer each coding is: A, B, then the others.
    order: Vec<usize>,
}

/// One reviewer the window can compare: this set or a layer.
struct Reviewer<'a> {
    name: String,
    set: &'a AnnotationSet,
    /// The layer's index, or None for this set.
    layer: Option<usize>,
}

impl CompareWindow {
    /// Show the window comparing this set (A) with the first layer (B).
    pub fn show(&mut self) {
        self.open = true;
        self.reference = 0;
        self.candidate = 1;
        self.computed = None;
    }

    /// The figures on screen, if any (for tests and the status of the window).
    pub fn agreement(&self) -> Option<&Agreement> {
        self.computed.as_ref().map(|c| &c.agreement)
    }

    /// The disagreements on screen.
    pub fn disagreements(&self) -> &[Disagreement] {
        self.computed
            .as_ref()
            .map_or(&[], |c| c.disagreements.as_slice())
    }

    /// Draw the window (if open).
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        session: &Session,
        layers: &Layers,
        actions: &mut Vec<Action>,
    ) {
        let mut open = self.open;
        // Over the side panel, so the document stays in view beside it.
        let place = ctx.content_rect().right_top() + egui::vec2(-570.0, 90.0);
        egui::Window::new("Compare reviewers")
            .open(&mut open)
            .default_pos(place)
            .default_width(560.0)
            .default_height(520.0)
            .resizable(true)
            .collapsible(true)
            .show(ctx, |ui| self.contents_ui(ui, session, layers, actions));
        self.open = open;
    }

    fn contents_ui(
        &mut self,
        ui: &mut egui::Ui,
        session: &Session,
        layers: &Layers,
        actions: &mut Vec<Action>,
    ) {
        let mut reviewers = vec![Reviewer {
            name: "this set".to_owned(),
            set: session.set(),
            layer: None,
        }];
        reviewers.extend(
            layers
                .items()
                .iter()
                .enumerate()
                .map(|(index, layer)| Reviewer {
                    name: excerpt(&layer.name, 40),
                    set: &layer.set,
                    layer: Some(index),
                }),
        );
        if reviewers.len() < 2 {
            ui.label("Comparing needs a teammate's set for this document.");
            if ui
                .button(UiCommand::ShowLayer.info().label)
                .on_hover_text(UiCommand::ShowLayer.hover_text(ui.ctx()))
                .clicked()
            {
                actions.push(Action::Run(UiCommand::ShowLayer));
            }
            return;
        }
        self.reference = self.reference.min(reviewers.len() - 1);
        self.candidate = self.candidate.min(reviewers.len() - 1);
        if self.reference == self.candidate {
            self.candidate = usize::from(self.reference == 0);
        }
        self.pickers_ui(ui, &reviewers);
        let key = (
            Arc::as_ptr(session.doc()) as usize,
            session.generation(),
            layers.revision(),
            self.reference,
            self.candidate,
        );
        let stale = self.computed.as_ref().is_none_or(|c| c.key != key);
        if stale && self.pending.is_none() {
            let (codings, order) = codings(&reviewers, self.reference, self.candidate);
            actions.push(Action::ComputeAgreement {
                key,
                doc: Arc::clone(session.doc()),
                codings,
                order,
            });
            self.pending = Some(key);
        }
        if stale {
            // No spinner: it would repaint every frame; the worker's result wakes the UI.
            ui.weak("Computing agreement…");
        }
        let Some(computed) = &self.computed else {
            return;
        };
        let (Some(a), Some(b)) = (reviewers.get(self.reference), reviewers.get(self.candidate))
        else {
            return;
        };
        ui.separator();
        ui.add_enabled_ui(!stale, |ui| figures_ui(ui, computed, &reviewers));
        if !stale {
            ui.separator();
            disagreements_ui(ui, session, computed, a, b, actions);
        }
    }

    /// Figures the worker computed for `key` (see [`compute`]); shown if they are still
    /// what the window asks for, else the window asks again.
    pub fn agreement_computed(
        &mut self,
        key: CompareKey,
        order: Vec<usize>,
        (agreement, disagreements): (Agreement, Vec<Disagreement>),
    ) {
        if self.pending == Some(key) {
            self.pending = None;
        }
        self.computed = Some(Computed {
            key,
            agreement,
            disagreements,
            order,
        });
    }

    /// The worker could not compute the figures: forget the request, so it is asked again.
    pub fn agreement_failed(&mut self, key: CompareKey) {
        if self.pending == Some(key) {
            self.pending = None;
        }
    }

    fn pickers_ui(&mut self, ui: &mut egui::Ui, reviewers: &[Reviewer<'_>]) {
        ui.horizontal_wrapped(|ui| {
            for (label, slot) in [("A", &mut self.reference), ("B", &mut self.candidate)] {
                let chosen = reviewers.get(*slot).map_or("", |r| r.name.as_str());
                let text = ui.label(format!("Reviewer {label}:"));
                egui::ComboBox::from_id_salt(format!("compare_{label}"))
                    .selected_text(chosen)
                    .show_ui(ui, |ui| {
                        for (index, reviewer) in reviewers.iter().enumerate() {
                            ui.selectable_value(slot, index, &reviewer.name);
                        }
                    })
                    .response
                    .labelled_by(text.id);
            }
            if ui
                .button("Swap A and B")
                .on_hover_text("Precision and recall trade places; kappa and alpha stay")
                .clicked()
            {
                std::mem::swap(&mut self.reference, &mut self.candidate);
            }
        });
    }
}

/// The codings of A, B and everyone else (for alpha), and which reviewer each is.
fn codings(
    reviewers: &[Reviewer<'_>],
    reference: usize,
    candidate: usize,
) -> (Vec<Coding>, Vec<usize>) {
    let mut order = vec![reference, candidate];
    order.extend((0..reviewers.len()).filter(|i| *i != reference && *i != candidate));
    let codings = order
        .iter()
        .filter_map(|i| reviewers.get(*i))
        .map(|r| Coding::of(r.set))
        .collect();
    (codings, order)
}

/// The figures and the disagreements of A (first coding) and B (second): run on the
/// worker.
pub fn compute(doc: &Document, codings: &[Coding]) -> (Agreement, Vec<Disagreement>) {
    let agreement = agreement(doc, codings);
    let disagreements = match codings {
        [a, b, ..] => disagreements(a, b),
        _ => Vec::new(),
    };
    (agreement, disagreements)
}

/// A figure with three decimals, or a dash when undefined.
fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.3}"))
}

fn figures_ui(ui: &mut egui::Ui, computed: &Computed, reviewers: &[Reviewer<'_>]) {
    let result = &computed.agreement;
    let name = |coding: usize| {
        computed
            .order
            .get(coding)
            .and_then(|i| reviewers.get(*i))
            .map_or("", |r| r.name.as_str())
    };
    let orphaned: Vec<String> = computed
        .order
        .iter()
        .zip(&result.orphaned)
        .filter(|(_, n)| **n > 0)
        .filter_map(|(i, n)| reviewers.get(*i).map(|r| format!("{} {n}", r.name)))
        .collect();
    ui.strong("B against A, per tag");
    if result.tags.is_empty() {
        ui.weak("Neither A nor B has a placed annotation.");
    }
    egui::Grid::new("compare_figures")
        .striped(true)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for header in [
                "tag",
                "A",
                "B",
                "exact P",
                "R",
                "F1",
                "overlap P",
                "R",
                "F1",
            ] {
                ui.strong(header);
            }
            ui.end_row();
            for (tag, figures) in &result.tags {
                ui.label(tag);
                ui.label(figures.exact.reference.to_string());
                ui.label(figures.exact.candidate.to_string());
                for counts in [figures.exact, figures.overlap] {
                    scores_ui(ui, counts);
                }
                ui.end_row();
            }
        });
    ui.label(format!(
        "Cohen's kappa (A, B): {}    Krippendorff's alpha ({} sets): {}",
        figure(result.kappa),
        reviewers.len(),
        figure(result.alpha)
    ))
    .on_hover_text(format!(
        "Over {} characters (whitespace left out); each is none, a tag, or tags joined by + \
         where different tags overlap. - means undefined: one category only.",
        result.units
    ));
    if !result.pairwise_kappa.is_empty() {
        let pairs: Vec<String> = result
            .pairwise_kappa
            .iter()
            .map(|(i, j, kappa)| format!("{} / {}: {}", name(*i), name(*j), figure(*kappa)))
            .collect();
        ui.weak(format!("Kappa for each pair: {}", pairs.join(";  ")));
    }
    if !orphaned.is_empty() {
        ui.weak(format!(
            "Orphaned annotations left out: {}",
            orphaned.join(", ")
        ));
    }
}

fn scores_ui(ui: &mut egui::Ui, counts: MatchCounts) {
    ui.label(figure(counts.precision())).on_hover_text(format!(
        "{} of B's {} spans matched",
        counts.matched, counts.candidate
    ));
    ui.label(figure(counts.recall())).on_hover_text(format!(
        "{} of A's {} spans matched",
        counts.matched, counts.reference
    ));
    ui.label(figure(counts.f1()));
}

fn disagreements_ui(
    ui: &mut egui::Ui,
    session: &Session,
    computed: &Computed,
    a: &Reviewer<'_>,
    b: &Reviewer<'_>,
    actions: &mut Vec<Action>,
) {
    let found = &computed.disagreements;
    ui.strong(format!("Disagreements ({})", found.len()));
    if found.is_empty() {
        ui.weak("A and B placed the same spans with the same tags.");
        return;
    }
    ui.weak(format!(
        "A = {}, B = {}. Click a text to select it in the document.",
        a.name, b.name
    ));
    let ours: HashSet<AnnotationId> = session.set().annotations.iter().map(|x| x.id).collect();
    egui::ScrollArea::vertical()
        .id_salt("compare_disagreements")
        .auto_shrink([false, true])
        .max_height(ui.available_height().max(200.0))
        .show(ui, |ui| {
            for (row, item) in found.iter().take(MAX_ROWS).enumerate() {
                ui.push_id(row, |ui| {
                    disagreement_ui(ui, session, item, [a, b], &ours, actions);
                });
            }
            if found.len() > MAX_ROWS {
                ui.weak(format!("and {} more", found.len() - MAX_ROWS));
            }
        });
}

fn disagreement_ui(
    ui: &mut egui::Ui,
    session: &Session,
    item: &Disagreement,
    reviewers: [&Reviewer<'_>; 2],
    ours: &HashSet<AnnotationId>,
    actions: &mut Vec<Action>,
) {
    let range = item.char_range();
    let place = session.doc().line_col(range.start);
    ui.horizontal_wrapped(|ui| {
        ui.strong(item.kind.label());
        let tags = match (&item.a, &item.b) {
            (Some(x), Some(y)) if x.tag != y.tag => format!("A {} / B {}", x.tag, y.tag),
            (Some(x), _) | (None, Some(x)) => x.tag.clone(),
            (None, None) => String::new(),
        };
        ui.label(tags);
        let text = quoted(session.doc().slice(range.clone()), 60);
        if ui
            .link(text)
            .on_hover_text(format!("Select this text in the document ({place})"))
            .clicked()
        {
            actions.push(Action::ShowRange(range.clone()));
        }
    });
    ui.horizontal_wrapped(|ui| {
        for (letter, (span, reviewer)) in ["A", "B"].into_iter().zip(
            [item.a.as_ref(), item.b.as_ref()]
                .into_iter()
                .zip(reviewers),
        ) {
            let Some(span) = span else {
                continue;
            };
            let doc = session.doc();
            ui.weak(format!(
                "{letter}: {}–{}",
                doc.line_col(span.char_start),
                doc.line_col(span.char_end)
            ))
            .on_hover_text(format!("chars {}..{}", span.char_start, span.char_end));
            adopt_button_ui(ui, letter, span, reviewer, ours, actions);
        }
        take_reading_ui(ui, session, item, reviewers, actions);
    });
    ui.separator();
}

/// For a span of ours that a teammate read differently (other tag, other edges): a button
/// that gives ours their reading, as one undo step.
fn take_reading_ui(
    ui: &mut egui::Ui,
    session: &Session,
    item: &Disagreement,
    reviewers: [&Reviewer<'_>; 2],
    actions: &mut Vec<Action>,
) {
    let [ra, rb] = reviewers;
    let (Some(a), Some(b)) = (&item.a, &item.b) else {
        return;
    };
    // Ours is the side that is this set; theirs the side that is a layer.
    let (mine, theirs, reviewer, letter) = match (ra.layer, rb.layer) {
        (None, Some(_)) => (a, b, rb, "B"),
        (Some(_), None) => (b, a, ra, "A"),
        _ => return,
    };
    let what = match item.kind {
        DisagreementKind::TagDiffers => "tag",
        DisagreementKind::EdgesDiffer => "edges",
        DisagreementKind::OnlyInA | DisagreementKind::OnlyInB => return,
    };
    let Some(edit) = take_reading_edit(
        session.set(),
        reviewer.set,
        session.doc(),
        mine.id,
        theirs.char_start..theirs.char_end,
        &theirs.tag,
    ) else {
        return;
    };
    if ui
        .small_button(format!("Use {letter}'s {what}"))
        .on_hover_text(format!(
            "Give this set's {} {}'s {what} (one undo step)",
            mine.tag, reviewer.name
        ))
        .clicked()
    {
        actions.push(Action::Edit {
            label: format!("Use {}'s {what}", reviewer.name),
            edit,
        });
    }
}

fn adopt_button_ui(
    ui: &mut egui::Ui,
    letter: &str,
    span: &Span,
    reviewer: &Reviewer<'_>,
    ours: &HashSet<AnnotationId>,
    actions: &mut Vec<Action>,
) {
    let Some(layer) = reviewer.layer else {
        return;
    };
    let held = ours.contains(&span.id);
    let response = ui
        .add_enabled(
            !held,
            egui::Button::new(format!("Adopt {letter}'s {}", span.tag)).small(),
        )
        .on_hover_text(format!(
            "Add {}'s {} to this set, with their id and author (one undo step)",
            reviewer.name, span.tag
        ))
        .on_disabled_hover_text("This set already has this annotation");
    if response.clicked() {
        actions.push(Action::Adopt { layer, id: span.id });
    }
}
