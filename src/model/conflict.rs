//! A merge conflict as a set records it: what it is about, both values, who changed each
//! and when. Merging ([`crate::model::merge`]) makes them; settling
//! ([`crate::model::resolve`]) removes them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::model::set::{AnnotationId, EvidenceId};
use crate::model::workflow::CommentId;

/// An unresolved disagreement kept in a set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// Stable id, derived from the item and field, so both sides of any merge name the same
    /// conflict alike (8 hex digits).
    pub id: String,
    /// What the conflict is about.
    pub item: ConflictItem,
    /// Which of its fields.
    pub field: ConflictField,
    /// Our side's value.
    pub ours: ConflictSide,
    /// Their side's value.
    pub theirs: ConflictSide,
}

/// One side of a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictSide {
    /// The value in RON (as in the set file), or `None` where this side deleted the item.
    pub value: Option<String>,
    /// Who made this side (a reviewer name, or a label such as a file name).
    pub by: String,
    /// When this side changed it (the item's modification time where it has one, else the
    /// set's).
    pub at: DateTime<Utc>,
}

impl ConflictSide {
    /// The value as a person reads it: text without RON's quotes and escapes, "(deleted)"
    /// where this side deleted the item.
    pub fn shown(&self) -> String {
        match &self.value {
            None => "(deleted)".to_owned(),
            Some(value) => ron::from_str::<String>(value).unwrap_or_else(|_| value.clone()),
        }
    }
}

/// The item a conflict is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ConflictItem {
    /// An annotation.
    Annotation(AnnotationId),
    /// An evidence item.
    Evidence(EvidenceId),
    /// The link from an annotation to evidence.
    EvidenceLink {
        /// The annotation.
        annotation: AnnotationId,
        /// The evidence.
        evidence: EvidenceId,
    },
    /// A comment in an annotation's thread.
    Comment {
        /// The annotation.
        annotation: AnnotationId,
        /// The comment.
        comment: CommentId,
    },
    /// A tag definition, by name.
    Tag(String),
    /// The set itself (title, source, review details).
    Set,
}

/// The field a conflict is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ConflictField {
    /// The item was deleted on one side and changed (or linked to) on the other.
    Existence,
    /// An annotation's tag.
    Tag,
    /// An annotation's place: position, quote and anchoring status together.
    Anchor,
    /// A note (annotation or evidence).
    Note,
    /// A claim's verdict.
    Verdict,
    /// Who made an annotation.
    Author,
    /// What an evidence item points at.
    Kind,
    /// A title (evidence or the set).
    Title,
    /// When evidence was accessed.
    Accessed,
    /// The stance of an evidence link.
    Stance,
    /// A tag's colour.
    Color,
    /// A tag's key.
    Key,
    /// The document the set describes.
    Source,
    /// The set's review (publishing) details.
    Review,
    /// A claim's review state (the sign-off goes with it).
    State,
    /// Who an annotation is assigned to.
    Assignee,
    /// Whether a comment is resolved.
    Resolved,
    /// The set's rating scale.
    RatingScale,
    /// The kept copy of an evidence web page.
    Snapshot,
}

impl ConflictField {
    /// Lowercase name for messages and the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::Existence => "existence",
            Self::Tag => "tag",
            Self::Anchor => "anchor",
            Self::Note => "note",
            Self::Verdict => "verdict",
            Self::Author => "author",
            Self::Kind => "kind",
            Self::Title => "title",
            Self::Accessed => "accessed",
            Self::Stance => "stance",
            Self::Color => "color",
            Self::Key => "key",
            Self::Source => "source",
            Self::Review => "review",
            Self::State => "state",
            Self::Assignee => "assignee",
            Self::Resolved => "resolved",
            Self::RatingScale => "rating-scale",
            Self::Snapshot => "snapshot",
        }
    }
}

impl Conflict {
    /// The id of the conflict over `field` of `item`.
    pub fn id_for(item: &ConflictItem, field: ConflictField) -> String {
        let key = format!("{item:?}/{field:?}");
        let digest = Sha256::digest(key.as_bytes());
        digest.iter().take(4).map(|b| format!("{b:02x}")).collect()
    }
}
