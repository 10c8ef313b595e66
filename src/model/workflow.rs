//! The review workflow of one annotation: claim state and sign-off, assignee, who set the
//! verdict, comment threads and a compact history of field changes.
//!
//! The rules live here, not in the UI: [`ClaimState::next_states`] is the one transition
//! table, [`check_state_change`] refuses self-approval and approval without a verdict, and
//! [`is_locked`] says what approval freezes (the verdict and the evidence links) until the
//! claim is reopened. Every field has a serde default and is left out of the file while it
//! is empty, so sets written before the workflow load unchanged and write the same bytes.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::model::set::Annotation;

/// Where a claim is in the desk's review.
///
/// ```text
/// open ──> researching ──> needs-review ──> approved
///   └──────────┴──────────────┴──> disputed     (approved ──> open/researching/disputed reopens)
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub enum ClaimState {
    /// Marked, nobody working on it yet.
    #[default]
    Open,
    /// A reviewer is gathering evidence.
    Researching,
    /// Verdict and evidence ready for a second reviewer.
    NeedsReview,
    /// Signed off by a second reviewer; verdict and evidence links are locked.
    Approved,
    /// Reviewers disagree; the desk editor decides.
    Disputed,
}

impl ClaimState {
    /// Every state, in workflow order.
    pub const ALL: [Self; 5] = [
        Self::Open,
        Self::Researching,
        Self::NeedsReview,
        Self::Approved,
        Self::Disputed,
    ];

    /// Command-line name: `needs-review` …
    pub fn name(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Researching => "researching",
            Self::NeedsReview => "needs-review",
            Self::Approved => "approved",
            Self::Disputed => "disputed",
        }
    }

    /// Human label: `Needs review` …
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::Researching => "Researching",
            Self::NeedsReview => "Needs review",
            Self::Approved => "Approved",
            Self::Disputed => "Disputed",
        }
    }

    /// Parse a name (case-insensitive; `_` or space for `-`).
    pub fn parse(text: &str) -> Option<Self> {
        let wanted = text.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        Self::ALL.into_iter().find(|s| s.name() == wanted)
    }

    /// The states a claim may move to from this one: the one transition table.
    /// Approval only follows needs-review (a second reviewer checks finished work); leaving
    /// approved reopens the claim.
    pub fn next_states(self) -> &'static [Self] {
        match self {
            Self::Open => &[Self::Researching, Self::NeedsReview, Self::Disputed],
            Self::Researching => &[Self::Open, Self::NeedsReview, Self::Disputed],
            Self::NeedsReview => &[Self::Researching, Self::Approved, Self::Disputed],
            Self::Approved => &[Self::Open, Self::Researching, Self::Disputed],
            Self::Disputed => &[Self::Open, Self::Researching, Self::NeedsReview],
        }
    }
}

impl fmt::Display for ClaimState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Who did something and when (UTC).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Stamp {
    /// Reviewer name.
    pub by: String,
    /// When (UTC).
    pub at: DateTime<Utc>,
}

/// Id of a comment: a random UUID, stable, never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CommentId(pub Uuid);

impl CommentId {
    /// A fresh random id.
    pub fn random() -> Self {
        Self(Uuid::new_v4())
    }
}

impl fmt::Display for CommentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// One comment in an annotation's thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// Stable id.
    pub id: CommentId,
    /// Who wrote it.
    pub author: String,
    /// When it was written (UTC).
    pub created: DateTime<Utc>,
    /// What it says.
    pub text: String,
    /// Who resolved it and when; `None` while open (a reopened comment is open again).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<Stamp>,
}

impl Comment {
    /// A new open comment.
    pub fn new(author: &str, text: &str, now: DateTime<Utc>) -> Self {
        Self {
            id: CommentId::random(),
            author: author.to_owned(),
            created: now,
            text: text.to_owned(),
            resolved: None,
        }
    }
}

/// One line of an annotation's history: who changed which field when, old → new (values
/// shortened to [`HISTORY_VALUE_CHARS`] chars).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// Who (empty when the change came from a tool that did not say).
    pub by: String,
    /// Which field: tag, note, verdict, state, assignee, anchor.
    pub field: String,
    /// The value before.
    pub old: String,
    /// The value after.
    pub new: String,
}

/// Longest value a history line keeps, in chars (longer ones end in `…`).
pub const HISTORY_VALUE_CHARS: usize = 60;

impl HistoryEntry {
    /// A history line with both values shortened.
    pub fn new(stamp: &Stamp, field: &str, old: &str, new: &str) -> Self {
        Self {
            at: stamp.at,
            by: stamp.by.clone(),
            field: field.to_owned(),
            old: shorten(old),
            new: shorten(new),
        }
    }
}

fn shorten(value: &str) -> String {
    let one_line = value.replace(['\n', '\r'], " ");
    if one_line.chars().count() <= HISTORY_VALUE_CHARS {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(HISTORY_VALUE_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// The workflow part of an annotation. Empty (the default) for annotations nobody has
/// reviewed yet, and then left out of the file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Workflow {
    /// The claim's state.
    #[serde(skip_serializing_if = "is_default")]
    pub state: ClaimState,
    /// The reviewer it is assigned to; empty for nobody.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub assignee: String,
    /// Who last set the verdict, and when.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict_by: Option<Stamp>,
    /// Who approved the claim and when; present exactly while the state is approved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sign_off: Option<Stamp>,
    /// The comment thread, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<Comment>,
    /// Field changes, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<HistoryEntry>,
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

impl Workflow {
    /// Is nothing recorded (so the file leaves it out)?
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Put comments and history in their stable order (by time, then id or content).
    pub fn normalize(&mut self) {
        self.comments.sort_by_key(|c| (c.created, c.id));
        self.history.sort();
        self.history.dedup();
    }

    /// The comment with this id.
    pub fn comment(&self, id: CommentId) -> Option<&Comment> {
        self.comments.iter().find(|c| c.id == id)
    }

    /// How many comments are not resolved.
    pub fn unresolved_comments(&self) -> usize {
        self.comments
            .iter()
            .filter(|c| c.resolved.is_none())
            .count()
    }
}

/// Why a workflow change is refused. Each message says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkflowError {
    /// Only claims have a review state.
    #[error("only claims have a review state; this annotation is tagged {tag:?}")]
    NotAClaim {
        /// The annotation's tag.
        tag: String,
    },
    /// The transition table does not allow this move.
    #[error("a claim cannot go from {from} to {to}; from {from} it can go to {allowed}")]
    Transition {
        /// Current state.
        from: ClaimState,
        /// Wanted state.
        to: ClaimState,
        /// The allowed next states, comma-separated.
        allowed: String,
    },
    /// The approver set the verdict themselves.
    #[error(
        "{by} cannot approve this claim: {by} set its verdict; another reviewer must sign it off"
    )]
    SelfApproval {
        /// The approver (and verdict setter).
        by: String,
    },
    /// Approval with no reviewer name.
    #[error("approval needs the approver's name; set your reviewer name (or pass --author)")]
    NoApprover,
    /// Approval of a claim without a verdict.
    #[error("a claim needs a verdict before it can be approved")]
    NoVerdict,
    /// The change touches what approval locked.
    #[error("the claim is approved: its {what} cannot change until the claim is reopened")]
    Locked {
        /// What is locked: verdict, evidence links.
        what: &'static str,
    },
    /// No comment has this id on the annotation.
    #[error("no comment with id {0} on this annotation")]
    NoComment(CommentId),
    /// Resolving a resolved comment, or reopening an open one.
    #[error("the comment is already {0}")]
    CommentAlready(&'static str),
    /// An empty comment.
    #[error("a comment needs some text")]
    EmptyComment,
}

/// Check that `annotation` may move to state `to`, done by `by`.
pub fn check_state_change(
    annotation: &Annotation,
    to: ClaimState,
    by: &str,
) -> Result<(), WorkflowError> {
    if !annotation.is_claim() {
        return Err(WorkflowError::NotAClaim {
            tag: annotation.tag.clone(),
        });
    }
    let from = annotation.workflow.state;
    if !from.next_states().contains(&to) {
        let allowed = from
            .next_states()
            .iter()
            .map(|s| s.name())
            .collect::<Vec<_>>()
            .join(", ");
        return Err(WorkflowError::Transition { from, to, allowed });
    }
    if to == ClaimState::Approved {
        if by.trim().is_empty() {
            return Err(WorkflowError::NoApprover);
        }
        if annotation.rated_verdict().is_none() {
            return Err(WorkflowError::NoVerdict);
        }
        if verdict_setter(annotation).trim() == by.trim() {
            return Err(WorkflowError::SelfApproval {
                by: by.trim().to_owned(),
            });
        }
    }
    Ok(())
}

/// Who last set the annotation's verdict: the recorded setter, or for sets written before
/// the workflow (no record) the annotation's author, so nobody approves their own work
/// through a gap in the record.
pub fn verdict_setter(annotation: &Annotation) -> &str {
    annotation
        .workflow
        .verdict_by
        .as_ref()
        .map_or(annotation.author.as_str(), |s| s.by.as_str())
}

/// Is the annotation approved, so that its verdict and evidence links are locked?
pub fn is_locked(annotation: &Annotation) -> bool {
    annotation.workflow.state == ClaimState::Approved
}

/// The states `annotation` can move to now, each with the reason it is refused (if it is)
/// when `by` asks: what the app shows as buttons.
pub fn state_choices(
    annotation: &Annotation,
    by: &str,
) -> Vec<(ClaimState, Result<(), WorkflowError>)> {
    annotation
        .workflow
        .state
        .next_states()
        .iter()
        .map(|&to| (to, check_state_change(annotation, to, by)))
        .collect()
}

/// The desk's work filters: what a reviewer looks for first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WorkFilter {
    /// Annotations assigned to me.
    AssignedToMe,
    /// Claims waiting for review that I may sign off: in needs-review, verdict set by
    /// someone else, and assigned to me or to nobody.
    NeedsMyReview,
    /// Annotations with at least one comment not resolved.
    UnresolvedComments,
    /// Disputed claims.
    Disputed,
}

impl WorkFilter {
    /// Every filter, in menu order.
    pub const ALL: [Self; 4] = [
        Self::AssignedToMe,
        Self::NeedsMyReview,
        Self::UnresolvedComments,
        Self::Disputed,
    ];

    /// Menu label.
    pub fn label(self) -> &'static str {
        match self {
            Self::AssignedToMe => "Assigned to me",
            Self::NeedsMyReview => "Needs my review",
            Self::UnresolvedComments => "Unresolved comments",
            Self::Disputed => "Disputed",
        }
    }

    /// Does `annotation` pass this filter for reviewer `me`?
    pub fn accepts(self, annotation: &Annotation, me: &str) -> bool {
        let me = me.trim();
        let w = &annotation.workflow;
        match self {
            Self::AssignedToMe => !me.is_empty() && w.assignee == me,
            Self::NeedsMyReview => {
                annotation.is_claim()
                    && w.state == ClaimState::NeedsReview
                    && verdict_setter(annotation).trim() != me
                    && (w.assignee.is_empty() || w.assignee == me)
            }
            Self::UnresolvedComments => w.unresolved_comments() > 0,
            Self::Disputed => annotation.is_claim() && w.state == ClaimState::Disputed,
        }
    }
}

/// How many claims are in each state, in [`ClaimState::ALL`] order.
pub fn state_counts<'a>(annotations: impl IntoIterator<Item = &'a Annotation>) -> [usize; 5] {
    let mut counts = [0; 5];
    for annotation in annotations.into_iter().filter(|a| a.is_claim()) {
        if let Some(slot) = ClaimState::ALL
            .iter()
            .position(|s| *s == annotation.workflow.state)
            .and_then(|i| counts.get_mut(i))
        {
            *slot += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back_and_the_table_has_no_self_loops() {
        for s in ClaimState::ALL {
            assert_eq!(ClaimState::parse(s.name()), Some(s));
            assert!(!s.next_states().contains(&s), "{s}");
        }
        assert_eq!(
            ClaimState::parse("Needs Review"),
            Some(ClaimState::NeedsReview)
        );
        assert_eq!(ClaimState::parse("done"), None);
        // Approval only from needs-review; every state can reach disputed or leave it.
        let to_approved: Vec<ClaimState> = ClaimState::ALL
            .into_iter()
            .filter(|s| s.next_states().contains(&ClaimState::Approved))
            .collect();
        assert_eq!(to_approved, vec![ClaimState::NeedsReview]);
    }

    #[test]
    fn long_history_values_are_shortened_to_one_line() {
        let stamp = Stamp {
            by: "ana".into(),
            at: DateTime::<Utc>::default(),
        };
        let long = "x".repeat(100);
        let entry = HistoryEntry::new(&stamp, "note", "a\nb", &long);
        assert_eq!(entry.old, "a b");
        assert_eq!(entry.new.chars().count(), HISTORY_VALUE_CHARS);
        assert!(entry.new.ends_with('…'));
    }
}
