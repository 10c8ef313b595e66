//! Settling a merge [`Conflict`]: put our value, their value or a new one into the item's
//! field, and remove the conflict. Pure: a set in, a set out; the app applies the result as
//! one undoable step, the command line saves it.

use serde::de::DeserializeOwned;

use crate::model::merge::{Conflict, ConflictField, ConflictItem};
use crate::model::set::{
    AnchorStatus, Annotation, AnnotationSet, Color, Evidence, Link, Stance, TagDef, TextPosition,
    TextQuote, Verdict,
};
use crate::model::workflow::{ClaimState, Stamp};

/// Which value settles a conflict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Our side's value.
    Ours,
    /// Their side's value.
    Theirs,
    /// A value typed by the reviewer: plain text for notes, titles, tags and authors; a
    /// name for verdicts and stances; `#rrggbb` for colours; RON otherwise.
    Value(String),
    /// Remove the conflict record and change nothing else (for a record that cannot be
    /// applied, such as a hand-edited one naming a field its item does not have).
    Drop,
}

/// Why a conflict could not be settled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// No conflict has this id.
    #[error("no conflict with id {id:?} in this set (see `factmark conflicts`)")]
    UnknownConflict {
        /// The id asked for.
        id: String,
    },
    /// The value given does not fit the field.
    #[error("{value:?} is not a valid {field}: {reason}")]
    BadValue {
        /// The field's name.
        field: &'static str,
        /// The value given.
        value: String,
        /// What was expected.
        reason: String,
    },
    /// The item the conflict is about is gone (deleted after the merge).
    #[error(
        "the {what} this conflict is about is no longer in the set; delete the conflict by choosing the side that deleted it"
    )]
    ItemGone {
        /// What kind of item.
        what: &'static str,
    },
}

/// The set with conflict `id` settled by `resolution`.
pub fn resolve(
    set: &AnnotationSet,
    id: &str,
    resolution: &Resolution,
) -> Result<AnnotationSet, ResolveError> {
    let conflict = set
        .conflicts
        .iter()
        .find(|c| c.id == id)
        .ok_or_else(|| ResolveError::UnknownConflict { id: id.to_owned() })?;
    let value = match resolution {
        Resolution::Ours => Some(Chosen::Stored(conflict.ours.value.clone())),
        Resolution::Theirs => Some(Chosen::Stored(conflict.theirs.value.clone())),
        Resolution::Value(text) => Some(Chosen::Typed(text.clone())),
        Resolution::Drop => None,
    };
    let mut out = set.clone();
    if let Some(value) = value {
        apply_value(&mut out, conflict, &value)?;
    }
    out.conflicts.retain(|c| c.id != id);
    Ok(out)
}

/// A value as stored in a conflict (RON, `None` for deleted) or as typed.
enum Chosen {
    Stored(Option<String>),
    Typed(String),
}

impl Chosen {
    /// The value for a field of type `T`; `typed` reads what a reviewer types.
    fn get<T: DeserializeOwned>(
        &self,
        field: ConflictField,
        typed: impl Fn(&str) -> Option<T>,
    ) -> Result<T, ResolveError> {
        let bad = |value: &str, reason: String| ResolveError::BadValue {
            field: field.name(),
            value: value.to_owned(),
            reason,
        };
        match self {
            Self::Stored(Some(ron_text)) => {
                ron::from_str(ron_text).map_err(|err| bad(ron_text, err.to_string()))
            }
            Self::Stored(None) => Err(bad("(deleted)", "this side deleted the item".into())),
            Self::Typed(text) => typed(text)
                .or_else(|| ron::from_str(text).ok())
                .ok_or_else(|| bad(text, format!("not a {}", field.name()))),
        }
    }

    /// Does this choice delete the item?
    fn deletes(&self) -> bool {
        matches!(self, Self::Stored(None))
    }
}

fn text(value: &str) -> Option<String> {
    Some(value.to_owned())
}

fn apply_value(
    set: &mut AnnotationSet,
    conflict: &Conflict,
    value: &Chosen,
) -> Result<(), ResolveError> {
    let field = conflict.field;
    match &conflict.item {
        ConflictItem::Annotation(id) => {
            if field == ConflictField::Existence {
                if value.deletes() {
                    set.annotations.retain(|a| a.id != *id);
                    set.links.retain(|l| !l.mentions_annotation(*id));
                } else if set.annotation(*id).is_none() {
                    let annotation: Annotation = value.get(field, |_| None)?;
                    set.annotations.push(annotation);
                }
                return Ok(());
            }
            let annotation = set
                .annotations
                .iter_mut()
                .find(|a| a.id == *id)
                .ok_or(ResolveError::ItemGone { what: "annotation" })?;
            match field {
                ConflictField::Tag => annotation.tag = value.get(field, text)?,
                ConflictField::Note => annotation.note = value.get(field, text)?,
                ConflictField::Author => annotation.author = value.get(field, text)?,
                ConflictField::Verdict => annotation.verdict = value.get(field, Verdict::parse)?,
                ConflictField::State => {
                    // A typed state carries no sign-off, so approval is chosen from a side.
                    let typed = |t: &str| {
                        ClaimState::parse(t)
                            .filter(|s| *s != ClaimState::Approved)
                            .map(|s| (s, None))
                    };
                    let (state, sign_off): (ClaimState, Option<Stamp>) = value.get(field, typed)?;
                    annotation.workflow.state = state;
                    annotation.workflow.sign_off = sign_off;
                }
                ConflictField::Assignee => {
                    annotation.workflow.assignee = value.get(field, text)?;
                }
                ConflictField::Anchor => {
                    let (position, quote, status): (TextPosition, TextQuote, AnchorStatus) =
                        value.get(field, |_| None)?;
                    annotation.position = position;
                    annotation.quote = quote;
                    annotation.status = status;
                }
                _ => return Err(unexpected(field)),
            }
        }
        ConflictItem::Evidence(id) => {
            if field == ConflictField::Existence {
                if value.deletes() {
                    set.evidence.retain(|e| e.id != *id);
                    set.links.retain(|l| !l.mentions_evidence(*id));
                } else if set.evidence_item(*id).is_none() {
                    let evidence: Evidence = value.get(field, |_| None)?;
                    set.evidence.push(evidence);
                }
                return Ok(());
            }
            let evidence = set
                .evidence
                .iter_mut()
                .find(|e| e.id == *id)
                .ok_or(ResolveError::ItemGone { what: "evidence" })?;
            match field {
                ConflictField::Title => evidence.title = value.get(field, text)?,
                ConflictField::Note => evidence.note = value.get(field, text)?,
                ConflictField::Author => evidence.author = value.get(field, text)?,
                ConflictField::Kind => evidence.kind = value.get(field, |_| None)?,
                ConflictField::Snapshot => evidence.snapshot = value.get(field, |_| None)?,
                ConflictField::Accessed => {
                    evidence.accessed = value.get(field, |t| {
                        chrono::NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d")
                            .ok()
                            .map(Some)
                    })?;
                }
                _ => return Err(unexpected(field)),
            }
        }
        ConflictItem::EvidenceLink {
            annotation,
            evidence,
        } => {
            let new_stance: Stance = value.get(field, Stance::parse)?;
            let link = set
                .links
                .iter_mut()
                .find_map(|l| match l {
                    Link::Evidence {
                        annotation: a,
                        evidence: e,
                        stance,
                    } if a == annotation && e == evidence => Some(stance),
                    _ => None,
                })
                .ok_or(ResolveError::ItemGone { what: "link" })?;
            *link = new_stance;
        }
        ConflictItem::Comment {
            annotation,
            comment,
        } => {
            let comment = set
                .annotations
                .iter_mut()
                .find(|a| a.id == *annotation)
                .and_then(|a| a.workflow.comments.iter_mut().find(|c| c.id == *comment))
                .ok_or(ResolveError::ItemGone { what: "comment" })?;
            match field {
                ConflictField::Note => comment.text = value.get(field, text)?,
                ConflictField::Resolved => {
                    let resolved: bool = value.get(field, |t| match t.trim() {
                        "resolved" | "yes" => Some(true),
                        "open" | "no" => Some(false),
                        _ => None,
                    })?;
                    if !resolved {
                        comment.resolved = None;
                    } else if comment.resolved.is_none() {
                        comment.resolved = Some(Stamp {
                            by: String::new(),
                            at: comment.created,
                        });
                    }
                }
                _ => return Err(unexpected(field)),
            }
        }
        ConflictItem::Tag(name) => {
            let tag: &mut TagDef = set
                .tags
                .iter_mut()
                .find(|t| t.name == *name)
                .ok_or(ResolveError::ItemGone { what: "tag" })?;
            match field {
                ConflictField::Color => tag.color = value.get(field, Color::parse)?,
                ConflictField::Key => {
                    tag.key = value.get(field, |t| {
                        let mut chars = t.trim().chars();
                        match (chars.next(), chars.next()) {
                            (Some(key), None) => Some(Some(key)),
                            (None, _) => Some(None),
                            _ => None,
                        }
                    })?;
                }
                _ => return Err(unexpected(field)),
            }
        }
        ConflictItem::Set => match field {
            ConflictField::Title => set.title = value.get(field, text)?,
            ConflictField::Source => set.source = value.get(field, |_| None)?,
            ConflictField::Review => set.review = value.get(field, |_| None)?,
            ConflictField::RatingScale => set.rating_scale = value.get(field, |_| None)?,
            _ => return Err(unexpected(field)),
        },
    }
    Ok(())
}

fn unexpected(field: ConflictField) -> ResolveError {
    ResolveError::BadValue {
        field: field.name(),
        value: String::new(),
        reason: "this item has no such field (was the file edited by hand?); remove the \
                 record with `factmark resolve DOC ID --drop`"
            .into(),
    }
}
