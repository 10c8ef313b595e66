//! One evidence item in the evidence tab: what it points at, its links, and the buttons to
//! link, unlink, open (after confirming), reveal, edit and delete it.

use crate::model::web::web_host;
use crate::model::{Edit, Evidence, EvidenceKind, Link, Stance};
use crate::store::snapshot::SnapshotState;
use crate::ui::state::commands::Action;
use crate::ui::state::session::Session;
use crate::ui::text::labels::excerpt;

/// The kept copy of a web page evidence, beside its live link: a "snapshot" button that
/// shows the copy in the file manager (never opens or runs it), the retrieval time, the
/// SHA-256 on hover, and a warning when the copy is missing or changed. A record that is
/// unsafe to open says so instead of a button.
pub fn snapshot_ui(
    ui: &mut egui::Ui,
    session: &Session,
    evidence: &Evidence,
    actions: &mut Vec<Action>,
) {
    let Some(record) = &evidence.snapshot else {
        return;
    };
    let Some(snapshot) = evidence.safe_snapshot() else {
        ui.colored_label(ui.visuals().warn_fg_color, "snapshot refused")
            .on_hover_text(crate::model::snapshot::snapshot_problem(record).unwrap_or_default());
        return;
    };
    let state = session.snapshot_states.get(&evidence.id);
    let warning = state.and_then(|state| state.warning(snapshot));
    let label = match state {
        Some(SnapshotState::Missing) => "snapshot (missing)",
        Some(SnapshotState::Changed(_)) => "snapshot (changed)",
        Some(SnapshotState::Unreadable(_) | SnapshotState::Unsafe(_)) => "snapshot (unreadable)",
        Some(SnapshotState::Kept) | None => "snapshot",
    };
    let retrieved = snapshot.retrieved.format("%Y-%m-%d %H:%M UTC");
    let mut hover = format!(
        "The copy kept of {}\nretrieved {retrieved}\nSHA-256 {}\n{}\nShows the file in the \
         file manager; it is never opened or run.",
        snapshot.final_url, snapshot.sha256, snapshot.path
    );
    if let Some(warning) = &warning {
        hover = format!("{warning}\n\n{hover}");
    }
    let text = if warning.is_some() {
        egui::RichText::new(label).color(ui.visuals().warn_fg_color)
    } else {
        egui::RichText::new(label)
    };
    if ui
        .add(egui::Button::new(text).small())
        .on_hover_text(hover)
        .clicked()
    {
        actions.push(Action::Reveal(snapshot.path.clone()));
    }
    ui.weak(format!(
        "retrieved {}",
        snapshot.retrieved.format("%Y-%m-%d")
    ));
}

/// One evidence item in the list.
pub struct Card<'a> {
    /// The item.
    pub evidence: &'a Evidence,
    /// The selected annotation, for link and unlink.
    pub selected: Option<crate::model::AnnotationId>,
    /// The stance new links get.
    pub stance: Stance,
}

impl Card<'_> {
    /// Draw the card; returns true when the reviewer asked to edit it.
    pub fn ui(&self, ui: &mut egui::Ui, session: &Session, actions: &mut Vec<Action>) -> bool {
        let mut edit = false;
        evidence_card_ui(ui, session, self, actions, &mut edit);
        edit
    }
}

fn evidence_card_ui(
    ui: &mut egui::Ui,
    session: &Session,
    card: &Card<'_>,
    actions: &mut Vec<Action>,
    edit: &mut bool,
) {
    let Card {
        evidence,
        selected,
        stance,
    } = *card;
    let set = session.set();
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        if !evidence.title.trim().is_empty() {
            ui.strong(excerpt(&evidence.title, 80));
        }
        match &evidence.kind {
            EvidenceKind::Url { url, .. } => {
                let host = web_host(url).unwrap_or_else(|err| format!("refused: {err}"));
                ui.weak(format!("web page · {host}"));
            }
            EvidenceKind::File { path } => {
                ui.weak(format!("file · {}", excerpt(path, 80)));
            }
            EvidenceKind::Citation { text } => {
                ui.weak(format!("citation · {}", excerpt(text, 120)));
            }
        }
        if let Some(date) = evidence.accessed {
            ui.weak(format!("accessed {date}"));
        }
        if evidence.snapshot.is_some() {
            ui.horizontal(|ui| snapshot_ui(ui, session, evidence, actions));
        } else if matches!(evidence.kind, EvidenceKind::Url { .. })
            && ui
                .small_button("Keep a copy")
                .on_hover_text(
                    "Fetch the page now and keep the copy beside the document: what you saw, \
                     should the page change or vanish",
                )
                .clicked()
        {
            actions.push(Action::SnapshotEvidence(evidence.id));
        }
        if !evidence.note.is_empty() {
            ui.label(excerpt(&evidence.note, 200));
        }
        let links = set
            .links
            .iter()
            .filter(|l| l.mentions_evidence(evidence.id))
            .count();
        ui.weak(format!("linked to {links} annotation(s)"));
        ui.horizontal_wrapped(|ui| {
            if let Some(annotation) = selected {
                let existing = set.links.iter().find(|l| {
                    matches!(l, Link::Evidence { annotation: a, evidence: e, .. }
                        if *a == annotation && *e == evidence.id)
                });
                match existing {
                    None => {
                        if ui
                            .button("Link to selected")
                            .on_hover_text(format!(
                                "Link this evidence to the selected annotation as \"{}\"",
                                stance.name()
                            ))
                            .clicked()
                        {
                            actions.push(Action::Edit {
                                label: "Link evidence".to_owned(),
                                edit: Edit::AddLink(Link::Evidence {
                                    annotation,
                                    evidence: evidence.id,
                                    stance,
                                }),
                            });
                        }
                    }
                    Some(link) => {
                        if ui.button("Unlink from selected").clicked() {
                            actions.push(Action::Edit {
                                label: "Unlink evidence".to_owned(),
                                edit: Edit::RemoveLink(link.clone()),
                            });
                        }
                    }
                }
            }
            match &evidence.kind {
                EvidenceKind::Url { url, .. } => {
                    if ui
                        .button("Open in browser…")
                        .on_hover_text("Asks first, showing the host")
                        .clicked()
                    {
                        actions.push(Action::ConfirmOpenUrl(url.clone()));
                    }
                }
                EvidenceKind::File { path } => {
                    if ui
                        .button("Reveal in file manager")
                        .on_hover_text("Shows the file; it is never opened or run")
                        .clicked()
                    {
                        actions.push(Action::Reveal(path.clone()));
                    }
                }
                EvidenceKind::Citation { .. } => {}
            }
            if ui
                .button("Edit details")
                .on_hover_text("Change its title, address, date or note")
                .clicked()
            {
                *edit = true;
            }
            if ui
                .button("Delete evidence")
                .on_hover_text("Remove it and its links (can be undone)")
                .clicked()
            {
                actions.push(Action::Edit {
                    label: "Delete evidence".to_owned(),
                    edit: Edit::DeleteEvidence(evidence.id),
                });
            }
        });
    });
}
