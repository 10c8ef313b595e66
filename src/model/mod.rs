//! Pure types and logic: text, annotations, evidence, anchoring, edits, merging.
//!
//! No I/O, no clock (time is passed in), no egui.

pub mod agreement;
pub mod anchor;
pub mod conflict;
pub mod defaults;
pub mod edit;
pub mod evidence;
pub mod excerpt;
pub mod invisible;
pub mod merge;
pub mod rating;
pub mod repeated;
pub mod resolve;
pub mod revision;
pub mod search;
pub mod set;
pub mod snapshot;
pub mod tag_key;
pub mod text;
pub mod validate;
pub mod web;
pub mod word_diff;
pub mod workflow;

pub use anchor::{AnchorSummary, anchor_set};
pub use edit::{Edit, EditError, apply, apply_by};
pub use revision::Revision;
pub use set::*;
pub use text::{Document, Fingerprint, LineCol, PageLine};
