//! Which version of the set's content is on screen, so undoing or redoing back to what was
//! saved is not "Unsaved changes". Every change gets a fresh version; undo and redo step
//! back to the version the set had before and after that change.
//!
//! ```text
//! edit a (v1), edit b (v2), save (saved = v2), undo (v1: unsaved), redo (v2: saved)
//! ```

use std::collections::VecDeque;

/// How many recent (generation, version) pairs are kept to settle a save that finished
/// after later changes.
const REMEMBERED: usize = 256;

/// Content versions along the undo history.
#[derive(Debug, Default)]
pub struct Versions {
    current: u64,
    saved: u64,
    /// The version before each change still on the undo stack.
    undo: Vec<u64>,
    /// The version after each change on the redo stack.
    redo: Vec<u64>,
    /// Recent generations and the version each showed.
    seen: VecDeque<(u64, u64)>,
}

impl Versions {
    /// A change that can be undone, now at `generation` (which becomes its version).
    pub fn applied(&mut self, generation: u64) {
        self.undo.push(self.current);
        self.redo.clear();
        self.set(generation, generation);
    }

    /// A change outside the undo history (a reload, a path rewrite) at `generation`.
    pub fn replaced(&mut self, generation: u64) {
        self.set(generation, generation);
    }

    /// The history was cleared.
    pub fn clear_history(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    /// An undo succeeded, now at `generation`.
    pub fn undone(&mut self, generation: u64) {
        let before = self.undo.pop().unwrap_or(generation);
        self.redo.push(self.current);
        self.set(generation, before);
    }

    /// A redo succeeded, now at `generation`.
    pub fn redone(&mut self, generation: u64) {
        let after = self.redo.pop().unwrap_or(generation);
        self.undo.push(self.current);
        self.set(generation, after);
    }

    /// What was showing at `generation` is now saved.
    pub fn saved_at(&mut self, generation: u64) {
        self.saved = self
            .seen
            .iter()
            .rev()
            .find(|(g, _)| *g == generation)
            .map_or(generation, |&(_, version)| version);
    }

    /// Treat what is showing as saved.
    pub fn mark_saved(&mut self) {
        self.saved = self.current;
    }

    /// Does what is showing differ from what was saved?
    pub fn unsaved(&self) -> bool {
        self.current != self.saved
    }

    fn set(&mut self, generation: u64, version: u64) {
        self.current = version;
        if self.seen.len() >= REMEMBERED {
            self.seen.pop_front();
        }
        self.seen.push_back((generation, version));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_and_redo_back_to_the_saved_version_are_saved() {
        let mut v = Versions::default();
        assert!(!v.unsaved());
        v.applied(1);
        v.applied(2);
        v.saved_at(2);
        assert!(!v.unsaved());
        v.undone(3);
        assert!(v.unsaved());
        v.redone(4);
        assert!(!v.unsaved(), "redo back to the saved state");
        v.undone(5);
        v.undone(6);
        assert!(v.unsaved());
        v.redone(7);
        v.redone(8);
        assert!(!v.unsaved());
        // A new change after undo drops the redo branch: never saved again by accident.
        v.undone(9);
        v.applied(10);
        assert!(v.unsaved());
        v.undone(11);
        assert!(v.unsaved(), "back to v1, which was never saved");
        v.redone(12);
        assert!(v.unsaved());
    }

    #[test]
    fn a_save_that_finished_after_more_changes_marks_what_it_wrote() {
        let mut v = Versions::default();
        v.applied(1);
        v.applied(2);
        v.undone(3); // shows version 1
        v.applied(4); // a change while the save of generation 3 runs
        v.saved_at(3);
        assert!(v.unsaved());
        v.undone(5); // back to version 1, which the save wrote
        assert!(!v.unsaved());
    }
}
