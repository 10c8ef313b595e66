//! The find bar (Ctrl+F): case-insensitive loose search over the document (spaces, line
//! breaks, quotes and dashes as pasted: [`crate::model::search`]), match count,
//! next/previous. The current match becomes the text selection, so pressing a tag key
//! annotates it.

use std::ops::Range;

use crate::model::Document;
use crate::model::search::{Case, FoldedText};
use crate::ui::state::commands::{Action, UiCommand};

/// At most this many matches are found and highlighted.
pub const MAX_MATCHES: usize = 10_000;

/// Find bar state.
#[derive(Debug, Default)]
pub struct FindBar {
    /// Is the bar shown?
    pub open: bool,
    query: String,
    searched: Option<(String, usize)>,
    matches: Vec<Range<usize>>,
    current: Option<usize>,
    focus_next_frame: bool,
    revision: u64,
    /// The document folded for loose search, kept while the bar is open so each
    /// keystroke does not fold the whole document again. Keyed by the document's address.
    folded: Option<(usize, FoldedText)>,
}

impl FindBar {
    /// Show the bar and put the cursor in it.
    pub fn open(&mut self) {
        self.open = true;
        self.focus_next_frame = true;
    }

    /// Hide the bar and its highlights.
    pub fn close(&mut self) {
        self.open = false;
        self.matches.clear();
        self.current = None;
        self.searched = None;
        self.folded = None;
        self.revision += 1;
    }

    /// Char ranges of the matches.
    pub fn matches(&self) -> &[Range<usize>] {
        &self.matches
    }

    /// Index of the current match.
    pub fn current(&self) -> Option<usize> {
        self.current
    }

    /// Changes whenever the matches or the current match change.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Move to the next (or previous) match; returns its range.
    pub fn step(&mut self, forward: bool) -> Option<Range<usize>> {
        let count = self.matches.len();
        if count == 0 {
            return None;
        }
        let next = match (self.current, forward) {
            (None, true) => 0,
            (None, false) => count - 1,
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
        };
        self.current = Some(next);
        self.revision += 1;
        self.matches.get(next).cloned()
    }

    /// Re-run the search if the query or the document changed.
    pub fn refresh(&mut self, doc: &Document) {
        let key = (self.query.clone(), doc.char_len());
        if !self.open || self.searched.as_ref() == Some(&key) {
            return;
        }
        let address = std::ptr::from_ref(doc) as usize;
        let folded = match &mut self.folded {
            Some((cached, folded))
                if *cached == address && folded.original_len() == doc.char_len() =>
            {
                folded
            }
            slot => {
                &mut slot
                    .insert((address, FoldedText::new(doc.text(), Case::Insensitive)))
                    .1
            }
        };
        self.matches = folded.find(&self.query, MAX_MATCHES);
        self.current = None;
        self.searched = Some(key);
        self.revision += 1;
    }

    /// Draw the bar. Navigation goes out as commands.
    pub fn ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            let label = ui.label("Find");
            let edit = ui.add(
                egui::TextEdit::singleline(&mut self.query)
                    .hint_text("text in the document")
                    .desired_width(220.0),
            );
            let edit = edit.labelled_by(label.id);
            if std::mem::take(&mut self.focus_next_frame) {
                edit.request_focus();
                // Draw again at once so the focus holds before the first typed key arrives.
                ui.ctx().request_repaint();
            }
            if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                let back = ui.input(|i| i.modifiers.shift);
                actions.push(Action::Run(if back {
                    UiCommand::FindPrevious
                } else {
                    UiCommand::FindNext
                }));
                edit.request_focus();
            }
            if (edit.has_focus() || edit.lost_focus())
                && ui.input(|i| i.key_pressed(egui::Key::Escape))
            {
                self.close();
            }
            let count = self.matches.len();
            let status = match (self.query.is_empty(), count, self.current) {
                (true, _, _) => String::new(),
                (false, 0, _) => "no matches".to_owned(),
                (false, n, Some(i)) => format!("{} of {n}", i + 1),
                (false, n, None) if n >= MAX_MATCHES => format!("{n}+ matches"),
                (false, 1, None) => "1 match".to_owned(),
                (false, n, None) => format!("{n} matches"),
            };
            ui.label(status);
            let previous = UiCommand::FindPrevious.hover_text(ui.ctx());
            if ui
                .add_enabled(count > 0, egui::Button::new("Previous"))
                .on_hover_text(previous)
                .clicked()
            {
                actions.push(Action::Run(UiCommand::FindPrevious));
            }
            let next = UiCommand::FindNext.hover_text(ui.ctx());
            if ui
                .add_enabled(count > 0, egui::Button::new("Next"))
                .on_hover_text(next)
                .clicked()
            {
                actions.push(Action::Run(UiCommand::FindNext));
            }
            if ui
                .button("Close find")
                .on_hover_text("Hide the find bar (Esc)")
                .clicked()
            {
                self.close();
            }
        });
    }
}

/// Char ranges where `needle` occurs in `doc` loosely and ignoring case, at most `limit`,
/// not overlapping.
pub fn find_case_insensitive(doc: &Document, needle: &str, limit: usize) -> Vec<Range<usize>> {
    FoldedText::new(doc.text(), Case::Insensitive).find(needle, limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ignoring_case_with_char_offsets() {
        let doc = Document::new("Ünïcode Bridge, the bridge — BRIDGE");
        let found = find_case_insensitive(&doc, "bridge", 100);
        assert_eq!(found, vec![8..14, 20..26, 29..35]);
        for range in found {
            assert_eq!(doc.slice(range).to_lowercase(), "bridge");
        }
        assert_eq!(find_case_insensitive(&doc, "ÜNÏ", 100), vec![0..3]);
        assert_eq!(
            find_case_insensitive(&doc, "", 100),
            Vec::<Range<usize>>::new()
        );
        assert_eq!(find_case_insensitive(&doc, "bridge", 2).len(), 2);
    }

    #[test]
    fn step_wraps_both_ways() {
        let doc = Document::new("a b a b a");
        let mut bar = FindBar::default();
        bar.open();
        bar.query = "a".into();
        bar.refresh(&doc);
        assert_eq!(bar.step(true), Some(0..1));
        assert_eq!(bar.step(false), Some(8..9));
        assert_eq!(bar.step(true), Some(0..1));
    }
}
